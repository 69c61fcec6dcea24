// The Themes view: the codebook tree (CodebookTree), the selected theme's detail
// and excerpts, and the dialogs to create and merge themes.
import { useMemo, useState } from 'react';
import type { Theme, ThemeWithCounts } from '../../electron/api/contract';
import { call } from '../api';
import { Dialog } from '../components/Dialog';
import { Excerpts } from '../themes/Excerpts';
import { CodebookTree } from '../themes/CodebookTree';
import { codebookMoves, useCodebookCommands } from '../themes/useCodebookCommands';
import { ThemeDetail } from '../themes/ThemeDetail';
import { navigate } from '../lib/router';
import { themePath, treeOrder } from '../../core/codebook/tree';
import { toast, toastError } from '../lib/toast';
import { invalidateScopes, useCall } from '../queries';

export function ThemesView(props: { themeId: number | null }) {
  const themes = useCall('themes.list', {});
  const list = themes.data ?? [];
  const byId = useMemo(() => new Map<number, ThemeWithCounts>(list.map((t) => [t.id, t])), [list]);
  const ordered = useMemo(() => treeOrder(list), [list]);
  const selected = props.themeId !== null ? (byId.get(props.themeId) ?? null) : null;
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [creating, setCreating] = useState<{ parentId: number | null } | null>(null);
  const [merging, setMerging] = useState<Theme | null>(null);

  const visible = ordered.filter(({ theme }) => {
    let p = theme.parentId;
    while (p !== null) {
      if (collapsed.has(p)) return false;
      p = byId.get(p)?.parentId ?? null;
    }
    return true;
  });

  const moves = codebookMoves(ordered);
  useCodebookCommands({ selected, byId, visible, moves, setCreating, setMerging });

  return (
    <section className="themes-view" aria-label="Themes">
      <div className="codebook">
        <div className="toolbar">
          <h1>Codebook</h1>
          <span className="spacer" />
          <button className="primary" onClick={() => setCreating({ parentId: null })}>
            New theme
          </button>
        </div>
        {list.length === 0 && <p className="muted pad">No themes yet. Create one here, or type a new name in the theme picker while reading.</p>}
        <CodebookTree list={list} visible={visible} selected={selected} collapsed={collapsed} setCollapsed={setCollapsed} move={moves.move} />
      </div>
      <div className="theme-main">
        {selected ? (
          <>
            <ThemeDetail key={selected.id} theme={selected} path={themePath(selected, byId)} onMerge={() => setMerging(selected)} onNewChild={() => setCreating({ parentId: selected.id })} />
            <Excerpts theme={selected} themes={list} />
          </>
        ) : (
          <p className="muted pad">Select a theme to see its definition and every passage tagged with it.</p>
        )}
      </div>
      {creating && <NewThemeDialog parentId={creating.parentId} parent={creating.parentId ? byId.get(creating.parentId) : undefined} onClose={() => setCreating(null)} />}
      {merging && <MergeDialog from={merging} themes={list} onClose={() => setMerging(null)} />}
    </section>
  );
}

function NewThemeDialog(props: { parentId: number | null; parent?: Theme; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = async () => {
    try {
      const t = await call('themes.create', { name, parentId: props.parentId, description });
      invalidateScopes(['themes']);
      props.onClose();
      navigate(`/themes/${t.id}`);
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <Dialog title={props.parent ? `New sub-theme of “${props.parent.name}”` : 'New theme'} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>Name</span>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>Definition (when to use it)</span>
          <textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            Create
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function MergeDialog(props: { from: Theme; themes: ThemeWithCounts[]; onClose: () => void }) {
  const byId = new Map<number, Theme>(props.themes.map((t) => [t.id, t]));
  const targets = treeOrder(props.themes).filter(({ theme }) => theme.id !== props.from.id && !themePath(theme, byId).slice(0, -1).includes(props.from.name));
  const [into, setInto] = useState<number | ''>('');
  const submit = async () => {
    if (into === '') return;
    try {
      const r = await call('themes.merge', { fromId: props.from.id, intoId: into });
      invalidateScopes(['themes']);
      props.onClose();
      navigate(`/themes/${into}`);
      toast(`Merged: ${r.moved} passages moved, ${r.alreadyTagged} already had the theme.`, {
        action: { label: 'Undo', run: () => void call('history.undo', {}).then(() => invalidateScopes(['themes', 'highlights'])) },
      });
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <Dialog title={`Merge “${props.from.name}” into…`} onClose={props.onClose}>
      <p className="muted">Every passage tagged “{props.from.name}” gets the chosen theme instead (no duplicates); “{props.from.name}” goes to the Trash. You can undo this.</p>
      <label className="field">
        <span>Merge into</span>
        <select autoFocus value={into} onChange={(e) => setInto(e.target.value ? Number(e.target.value) : '')} aria-label="Merge into">
          <option value="">Choose a theme…</option>
          {targets.map(({ theme, depth }) => (
            <option key={theme.id} value={theme.id}>
              {'  '.repeat(depth)}
              {theme.name}
            </option>
          ))}
        </select>
      </label>
      <div className="dialog-actions">
        <button onClick={props.onClose}>Cancel</button>
        <button className="primary" disabled={into === ''} onClick={() => void submit()}>
          Merge
        </button>
      </div>
    </Dialog>
  );
}
