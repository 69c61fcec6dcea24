import { useState } from 'react';
import type { ThemeWithCounts } from '../../electron/api/contract';
import { call } from '../api';
import { toastError } from '../lib/toast';
import { invalidateScopes } from '../queries';
import { deleteThemeWithConfirm } from './actions';
import { navigate } from '../lib/router';
import { CitingMemos } from '../memos/CitingMemos';

const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#8C8C8C', '#7FC97F', '#BEAED4', '#FDC086', '#A6CEE3'];

export function ThemeDetail(props: { theme: ThemeWithCounts; path: string[]; onMerge: () => void; onNewChild: () => void }) {
  const t = props.theme;
  const [name, setName] = useState(t.name);
  const [description, setDescription] = useState(t.description);
  const save = async (patch: { name?: string; description?: string; color?: string }) => {
    try {
      await call('themes.update', { id: t.id, ...patch });
      invalidateScopes(['themes']);
    } catch (err) {
      toastError(err);
      setName(t.name);
    }
  };
  return (
    <section className="theme-detail" aria-label="Theme">
      <p className="muted crumbs">{props.path.slice(0, -1).join(' › ')}</p>
      <div className="theme-title">
        <input
          className="theme-name"
          aria-label="Theme name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() && name !== t.name && void save({ name })}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        <span className="counts">
          {t.totalHighlightCount} highlights in {t.totalArticleCount} articles
          {t.totalHighlightCount !== t.highlightCount ? ` (${t.highlightCount} directly)` : ''}
        </span>
      </div>
      <div className="palette" role="radiogroup" aria-label="Colour">
        {PALETTE.map((c) => (
          <button key={c} role="radio" aria-checked={t.color.toUpperCase() === c} aria-label={`Colour ${c}`} className="swatch big" style={{ background: c }} onClick={() => void save({ color: c })} />
        ))}
        <input type="color" aria-label="Custom colour" value={t.color} onChange={(e) => void save({ color: e.target.value })} />
      </div>
      <label className="field">
        <span>Definition</span>
        <textarea rows={3} value={description} placeholder="When should a passage get this theme?" onChange={(e) => setDescription(e.target.value)} onBlur={() => description !== t.description && void save({ description })} />
      </label>
      <div className="row">
        <button onClick={props.onNewChild}>New sub-theme</button>
        <button onClick={props.onMerge}>Merge into…</button>
        <button className="danger" onClick={() => void deleteThemeWithConfirm(t).then((ok) => ok && navigate('/themes'))}>
          Delete
        </button>
      </div>
      <CitingMemos themeId={t.id} />
    </section>
  );
}
