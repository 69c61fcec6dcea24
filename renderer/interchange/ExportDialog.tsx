// The Export dialog: tagged excerpts (with filters), the codebook, or the
// whole project. The export runs as a job on the backend, one bounded step
// per call, which drives the progress bar; the file then downloads.
import { useMemo, useRef, useState } from 'react';
import type { ExcerptFormat, CodebookFormat, ExportProgress, ExportResult } from '../../electron/api/contract-interchange';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { treeOrder } from '../../core/codebook/tree';
import { toast, toastError } from '../lib/toast';
import { useCall } from '../queries';
import { downloadFile } from '../lib/download';
import { formatBytes } from '../lib/files';
import type { ExportWhat } from './state';

const EXCERPT_FORMATS: { value: ExcerptFormat; label: string }[] = [
  { value: 'csv', label: 'CSV (Excel, R, Python)' },
  { value: 'xlsx', label: 'Excel workbook (.xlsx), a sheet per theme' },
  { value: 'md', label: 'Markdown, grouped by theme' },
  { value: 'docx', label: 'Word document (.docx), grouped by theme' },
  { value: 'json', label: 'W3C Web Annotations (JSON)' },
];
const CODEBOOK_FORMATS: { value: CodebookFormat; label: string }[] = [
  { value: 'qdc', label: 'REFI-QDA codebook (.qdc): NVivo, ATLAS.ti, MAXQDA, QualCoder' },
  { value: 'csv', label: 'CSV: path, description, colour' },
  { value: 'md', label: 'Markdown list' },
];
const validDate = (d: string) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d);

export function ExportDialog(props: { what: ExportWhat; themeIds?: number[]; onClose: () => void }) {
  const [what, setWhat] = useState<ExportWhat>(props.what);
  const [format, setFormat] = useState<ExcerptFormat>('csv');
  const [codebookFormat, setCodebookFormat] = useState<CodebookFormat>('qdc');
  const [rowPer, setRowPer] = useState<'highlight-theme' | 'highlight'>('highlight-theme');
  const [themeIds, setThemeIds] = useState<Set<number>>(new Set(props.themeIds ?? []));
  const [includeSub, setIncludeSub] = useState(true);
  const [source, setSource] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const cancelled = useRef(false);
  const themes = useCall('themes.list', {});
  const sources = useCall('articles.sources', {});
  const ordered = useMemo(() => treeOrder(themes.data ?? []), [themes.data]);

  const filter = {
    ...(themeIds.size ? { themeIds: [...themeIds], includeSubThemes: includeSub } : {}),
    ...(source ? { source } : {}),
    ...(validDate(from) ? { from } : {}),
    ...(validDate(to) ? { to } : {}),
  };
  const count = useCall('exports.excerptsCount', filter, { enabled: what === 'excerpts' });
  const running = progress !== null;

  const toggle = (id: number) => {
    const next = new Set(themeIds);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setThemeIds(next);
  };

  const run = async () => {
    cancelled.current = false;
    try {
      const request =
        what === 'excerpts' ? { excerpts: { format, rowPer, ...filter } } : what === 'codebook' ? { codebook: { format: codebookFormat } } : { project: { format: 'qdpx' as const } };
      let p = await call('exports.start', request);
      setProgress(p);
      while (!p.result) {
        if (cancelled.current) {
          await call('exports.cancel', { jobId: p.jobId });
          return;
        }
        p = await call('exports.step', { jobId: p.jobId });
        setProgress(p);
      }
      finish(p.result);
    } catch (err) {
      toastError(err);
    } finally {
      setProgress(null);
    }
  };

  const finish = (r: ExportResult) => {
    downloadFile({ fileName: r.fileName, mimeType: r.mimeType, base64: r.base64 ?? '' });
    const noun = what === 'excerpts' ? 'excerpts' : what === 'codebook' ? 'themes' : 'articles';
    toast(`Exported ${r.count} ${noun} to ${r.fileName} (${formatBytes(r.bytes)}).`);
    for (const w of r.warnings) toast(w, { kind: 'error', ms: 15_000 });
    props.onClose();
  };

  return (
    <Dialog title="Export" onClose={() => (running ? (cancelled.current = true) : props.onClose())} wide>
      <div className="ix-tabs" role="radiogroup" aria-label="What to export">
        {(
          [
            ['excerpts', 'Tagged excerpts'],
            ['codebook', 'Codebook'],
            ['project', 'Whole project (.qdpx)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={what === value ? 'selected' : ''}>
            <input type="radio" name="export-what" value={value} checked={what === value} disabled={running} onChange={() => setWhat(value)} />
            {label}
          </label>
        ))}
      </div>

      {what === 'excerpts' && (
        <div className="ix-grid">
          <div className="ix-col">
            <label className="field">
              <span>Format</span>
              <select value={format} onChange={(e) => setFormat(e.target.value as ExcerptFormat)} disabled={running} aria-label="Format">
                {EXCERPT_FORMATS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            {(format === 'csv' || format === 'xlsx' || format === 'md' || format === 'docx') && (
              <label className="field">
                <span>Rows</span>
                <select value={rowPer} onChange={(e) => setRowPer(e.target.value as typeof rowPer)} disabled={running} aria-label="Rows">
                  <option value="highlight-theme">One per passage and theme</option>
                  <option value="highlight">One per passage, themes joined</option>
                </select>
              </label>
            )}
            <label className="field">
              <span>Outlet</span>
              <select value={source} onChange={(e) => setSource(e.target.value)} disabled={running} aria-label="Outlet">
                <option value="">Any outlet</option>
                {(sources.data ?? []).map((s) => (
                  <option key={s.source} value={s.source}>
                    {s.source} ({s.count})
                  </option>
                ))}
              </select>
            </label>
            <div className="field-row">
              <label className="field">
                <span>Published from</span>
                <input value={from} placeholder="2025-01" onChange={(e) => setFrom(e.target.value)} disabled={running} aria-invalid={!!from && !validDate(from)} />
              </label>
              <label className="field">
                <span>to</span>
                <input value={to} placeholder="2025-12-31" onChange={(e) => setTo(e.target.value)} disabled={running} aria-invalid={!!to && !validDate(to)} />
              </label>
            </div>
          </div>
          <fieldset className="ix-themes" disabled={running}>
            <legend>Themes {themeIds.size ? `(${themeIds.size} chosen)` : '(none chosen: every passage)'}</legend>
            <ul aria-label="Themes to export">
              {ordered.map(({ theme, depth }) => (
                <li key={theme.id} style={{ paddingLeft: depth * 16 }}>
                  <label>
                    <input type="checkbox" checked={themeIds.has(theme.id)} onChange={() => toggle(theme.id)} />
                    <span className="swatch" style={{ background: theme.color }} /> {theme.name}
                  </label>
                </li>
              ))}
            </ul>
            <label>
              <input type="checkbox" checked={includeSub} onChange={(e) => setIncludeSub(e.target.checked)} /> Include sub-themes
            </label>
          </fieldset>
        </div>
      )}
      {what === 'excerpts' && (
        <p className="muted" data-testid="export-count">
          {count.data ? `${count.data.highlights} passages in ${count.data.articles} articles.` : 'Counting…'}
        </p>
      )}

      {what === 'codebook' && (
        <label className="field">
          <span>Format</span>
          <select value={codebookFormat} onChange={(e) => setCodebookFormat(e.target.value as CodebookFormat)} disabled={running} aria-label="Codebook format">
            {CODEBOOK_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {what === 'project' && (
        <p className="muted">
          A REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder: every article as a text source (its details as variables), the codebook, every highlight
          with its themes and comment, and the memos. Items in the Trash are left out.
        </p>
      )}

      {progress && (
        <div className="ix-progress" role="status" aria-live="polite">
          <progress max={progress.total} value={progress.done} aria-label="Export progress" />
          <span>{progress.phase}…</span>
        </div>
      )}
      <div className="dialog-actions">
        <button onClick={() => (running ? (cancelled.current = true) : props.onClose())}>Cancel</button>
        <button className="primary" disabled={running || (what === 'excerpts' && count.data?.highlights === 0)} onClick={() => void run()}>
          Export
        </button>
      </div>
    </Dialog>
  );
}
