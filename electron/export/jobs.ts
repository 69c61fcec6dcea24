// The three exports (excerpts, codebook, project) as stepwise tasks: each
// step does one bounded piece of work (a chunk of rows, then the file), so a
// caller can report progress between steps, or simply run them to the end.
import type { DB } from '../../db/store';
import { StoreError } from '../../db/errors';
import { excerptsToCsv, excerptsToDocx, excerptsToMarkdown, excerptsToWebAnnotation, excerptsToXlsx } from './excerpts/index';
import { ExcerptLoader, selectExcerpts, type ExcerptFilter } from './excerpts/from-store';
import type { ExcerptRow } from './excerpts/types';
import type { CodebookFormat, ExcerptFormat } from '../api/contract-interchange';
import { codebookToCsv, codebookToMarkdown } from '../refi/codebook';
import { exportQdc, exportQdpx } from './qdpx';
import { describeOrphans, projectName, SnapshotReader } from '../refi/store-snapshot';
import { liveThemes } from '../../db/themes';
import { buildThemeTree, walkThemeTree } from '../../core/codebook/tree';
import { MIME, safeFileName } from '../../core/files';
import { appVersion } from '../paths';

/** The tool name written into REFI-QDA files (origin="Quarry 0.1.0"). */
export const quarryOrigin = (): string => `Quarry ${appVersion()}`.trim();
const EXPORT_USER = 'Quarry user';

export interface ExportFile {
  fileName: string;
  mimeType: string;
  data: Buffer;
  count: number;
  warnings: string[];
}

export interface ExportTask {
  readonly total: number;
  readonly done: number;
  readonly phase: string;
  /** One piece of work; the finished file on the last step, null before. */
  step(): Promise<ExportFile | null>;
}

export async function runToEnd(task: ExportTask): Promise<ExportFile> {
  for (;;) {
    const file = await task.step();
    if (file) return file;
  }
}

const ROWS_PER_STEP = 2000;

export interface ExcerptExportOptions extends ExcerptFilter {
  format: ExcerptFormat;
  rowPer?: 'highlight-theme' | 'highlight';
  title?: string;
}

export function excerptsTask(db: DB, o: ExcerptExportOptions): ExportTask {
  const selection = selectExcerpts(db, o);
  const loader = new ExcerptLoader(db, selection, o.format === 'json');
  const ids = selection.ids;
  const rows: ExcerptRow[] = [];
  // Building the file is weighted like a quarter of the rows, so the bar keeps moving.
  const total = ids.length + Math.max(1, Math.ceil(ids.length / 4));
  const chosen = (o.themeIds ?? []).map((id) => selection.themes.get(id)?.name).filter(Boolean);
  const title = o.title?.trim() || (chosen.length ? `Excerpts: ${chosen.join(', ')}` : 'Excerpts');
  let done = 0;
  let phase = ids.length ? 'Collecting excerpts' : 'Writing the file';
  return {
    total,
    get done() {
      return done;
    },
    get phase() {
      return phase;
    },
    async step() {
      if (done < ids.length) {
        const chunk = ids.slice(done, done + ROWS_PER_STEP);
        rows.push(...loader.load(chunk));
        done += chunk.length;
        phase = done < ids.length ? `Collecting excerpts (${done} of ${ids.length})` : 'Writing the file';
        return null;
      }
      const options = { rowPer: o.rowPer ?? 'highlight-theme' } as const;
      // The grouped formats list a theme where its first passage appears; ordering the
      // passages by their first theme (codebook order) makes the groups follow the codebook.
      const grouped = o.format === 'md' || o.format === 'docx' || o.format === 'xlsx' ? byFirstTheme(rows, selection.order) : rows;
      let data: Buffer;
      switch (o.format) {
        case 'csv':
          data = Buffer.from(excerptsToCsv(rows, options), 'utf8');
          break;
        case 'xlsx':
          data = await excerptsToXlsx(grouped, options);
          break;
        case 'md':
          data = Buffer.from(excerptsToMarkdown(grouped, options, title), 'utf8');
          break;
        case 'docx':
          data = await excerptsToDocx(grouped, options, title);
          break;
        case 'json':
          data = Buffer.from(excerptsToWebAnnotation(rows, options, title), 'utf8');
          break;
      }
      done = total;
      phase = 'Done';
      return { fileName: safeFileName(title, o.format), mimeType: MIME[o.format], data, count: rows.length, warnings: [] };
    },
  };
}

/** Stable sort by the codebook position of each passage's first theme (untagged last). */
function byFirstTheme(rows: ExcerptRow[], order: Map<number, number>): ExcerptRow[] {
  const rank = (r: ExcerptRow) => (r.themes.length ? order.get(r.themes[0].id) ?? Infinity : Infinity);
  return rows.map((r, i) => ({ r, i, k: rank(r) })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.r);
}

export function countExcerpts(db: DB, f: ExcerptFilter): { highlights: number; articles: number } {
  const s = selectExcerpts(db, f);
  return { highlights: s.ids.length, articles: s.articles };
}

/** A task of one step. */
function single(phase: string, make: () => Promise<ExportFile>): ExportTask {
  let done = 0;
  return {
    total: 1,
    get done() {
      return done;
    },
    phase,
    async step() {
      const file = await make();
      done = 1;
      return file;
    },
  };
}

export function codebookTask(db: DB, storePath: string, format: CodebookFormat): ExportTask {
  return single('Writing the codebook', async () => {
    const themes = liveThemes(db);
    const count = [...walkThemeTree(buildThemeTree(themes))].length;
    const name = projectName(db, storePath);
    const title = `Codebook of ${name}`;
    let text: string;
    if (format === 'qdc') {
      if (count === 0) throw new StoreError('invalid', 'The codebook is empty: a REFI-QDA codebook needs at least one theme. Create a theme first.');
      text = exportQdc(themes, quarryOrigin());
    } else if (format === 'csv') text = codebookToCsv(themes);
    else text = codebookToMarkdown(themes, title);
    return { fileName: safeFileName(title, format), mimeType: MIME[format], data: Buffer.from(text, 'utf8'), count, warnings: [] };
  });
}

const ARTICLES_PER_STEP = 500;

export function projectTask(db: DB, storePath: string): ExportTask {
  const name = projectName(db, storePath);
  const reader = new SnapshotReader(db, name);
  // Writing project.qde and zipping weigh about half of reading.
  const total = reader.total + Math.max(1, Math.ceil(reader.total / 2));
  let finished = false;
  return {
    total,
    get done() {
      return finished ? total : reader.progress;
    },
    get phase() {
      return finished ? 'Done' : reader.progress < reader.total ? `Reading articles (${reader.progress} of ${reader.total})` : 'Writing the .qdpx file';
    },
    async step() {
      if (reader.progress < reader.total) {
        reader.next(ARTICLES_PER_STEP);
        return null;
      }
      const snapshot = reader.result();
      const warnings = describeOrphans(reader.orphaned);
      const data = await exportQdpx(snapshot, { origin: quarryOrigin(), user: EXPORT_USER, onSkip: (m) => warnings.push(m) });
      finished = true;
      return { fileName: safeFileName(name, 'qdpx'), mimeType: MIME.qdpx, data, count: snapshot.articles.length, warnings };
    },
  };
}
