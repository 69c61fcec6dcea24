import { useMemo, useRef, useState, type Dispatch, type KeyboardEvent, type SetStateAction } from 'react';
import type { Theme } from '../../electron/api/contract';
import { fuzzyScore } from '../lib/fuzzy';
import { themePath } from '../../core/codebook/tree';
import { recentThemeIds } from '../lib/themes';

export interface PickResult {
  themeIds: number[];
  /** Names typed that match no theme: create them (top level). */
  newNames: string[];
}

/** The themes matching the filter `q` (fuzzy, recent ones first), and whether `q` names a new theme. */
function usePickerRows(themes: Theme[], q: string) {
  const byId = useMemo(() => new Map(themes.map((t) => [t.id, t])), [themes]);
  const rows = useMemo(() => {
    const recent = recentThemeIds();
    const rank = (id: number) => {
      const i = recent.indexOf(id);
      return i < 0 ? 1000 : i;
    };
    const list = themes.map((t) => ({ t, path: themePath(t, byId).join(' › ') }));
    if (!q.trim()) return list.sort((a, b) => rank(a.t.id) - rank(b.t.id) || a.path.localeCompare(b.path));
    return list
      .map((x) => ({ ...x, s: fuzzyScore(q, x.path) + (rank(x.t.id) < 1000 ? 20 - Math.min(rank(x.t.id), 19) : 0) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s);
  }, [themes, q, byId]);
  const exact = rows.some((r) => r.t.name.toLowerCase() === q.trim().toLowerCase());
  const canCreate = q.trim().length > 0 && !exact;
  return { rows, canCreate };
}

interface KeyContext {
  q: string;
  rows: { t: Theme }[];
  active: number;
  total: number;
  setActive: Dispatch<SetStateAction<number>>;
  toggle: (id: number) => void;
  save: () => void;
  onCancel: () => void;
}

/** The picker's keys; every key stops here, so that the Reader's single-key commands do not fire while it is open. */
function pickerKey(e: KeyboardEvent<HTMLDivElement>, { q, rows, active, total, setActive, toggle, save, onCancel }: KeyContext) {
  if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); onCancel(); }
  else if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); save(); }
  else if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(a + 1, total - 1)); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(a - 1, 0)); }
  else if (e.key === ' ' && !q) {
    e.preventDefault();
    if (rows[active]) toggle(rows[active].t.id);
  } else if (/^[1-9]$/.test(e.key) && !q && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    const row = rows[Number(e.key) - 1];
    if (row) toggle(row.t.id);
  }
  e.stopPropagation();
}

/**
 * The theme picker: opens at the selection, filters as you type (fuzzy), recent
 * themes first, 1-9 toggle the first nine (while the filter is empty), Space or
 * click toggles, Enter saves (the checked themes, or the highlighted row, or a
 * new theme from the typed text), Escape cancels.
 */
export function ThemePicker(props: {
  themes: Theme[];
  at: { x: number; y: number };
  initial?: number[];
  title?: string;
  onSave: (r: PickResult) => void;
  onCancel: () => void;
}) {
  const [q, setQ] = useState('');
  const [checked, setChecked] = useState<Set<number>>(new Set(props.initial ?? []));
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const { rows, canCreate } = usePickerRows(props.themes, q);
  const total = rows.length + (canCreate ? 1 : 0);

  const toggle = (id: number) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const save = () => {
    if (active === rows.length && canCreate) return props.onSave({ themeIds: [...checked], newNames: [q.trim()] });
    if (checked.size > 0 || props.initial) return props.onSave({ themeIds: [...checked], newNames: [] });
    const row = rows[active];
    if (row) return props.onSave({ themeIds: [row.t.id], newNames: [] });
    if (canCreate) return props.onSave({ themeIds: [], newNames: [q.trim()] });
    props.onSave({ themeIds: [], newNames: [] });
  };

  const left = Math.min(props.at.x, window.innerWidth - 340);
  const top = Math.min(props.at.y, window.innerHeight - 380);
  return (
    <div
      className="theme-picker"
      role="dialog"
      aria-label={props.title ?? 'Tag with themes'}
      style={{ left: Math.max(8, left), top: Math.max(8, top) }}
      onMouseDown={(e) => e.preventDefault() /* keep the text selection */}
      onKeyDown={(e) => pickerKey(e, { q, rows, active, total, setActive, toggle, save, onCancel: props.onCancel })}
    >
      <div className="picker-head">{props.title ?? 'Tag with themes'}</div>
      <input
        ref={input}
        autoFocus
        aria-label="Filter themes"
        placeholder="Type to filter or create…"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
      />
      <ul role="listbox" aria-multiselectable="true" aria-label="Themes">
        {rows.map((r, i) => (
          <li
            key={r.t.id}
            role="option"
            aria-selected={checked.has(r.t.id)}
            className={i === active ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={() => toggle(r.t.id)}
          >
            <span className="num">{!q && i < 9 ? i + 1 : ''}</span>
            <input type="checkbox" tabIndex={-1} readOnly checked={checked.has(r.t.id)} aria-label={r.path} />
            <span className="swatch" style={{ background: r.t.color }} />
            <span className="name">{r.path}</span>
          </li>
        ))}
        {canCreate && (
          <li role="option" aria-selected={false} className={active === rows.length ? 'active create' : 'create'} onMouseEnter={() => setActive(rows.length)} onClick={() => props.onSave({ themeIds: [...checked], newNames: [q.trim()] })}>
            + Create theme “{q.trim()}”
          </li>
        )}
      </ul>
      <div className="picker-foot">
        <span className="muted">Enter saves · Esc cancels · 1–9 / Space toggle</span>
        <button className="primary" onClick={save}>
          Save
        </button>
      </div>
    </div>
  );
}
