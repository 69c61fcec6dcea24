import { useMemo, useState } from 'react';
import type { Theme, ThemeWithCounts } from '../../electron/api/contract';
import { call } from '../api';
import { useCommands } from '../commands/registry';
import { Dialog } from '../components/Dialog';
import { Excerpts } from '../themes/Excerpts';
import { deleteThemeWithConfirm } from '../themes/actions';
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
  const [dragId, setDragId] = useState<number | null>(null);

  const visible = ordered.filter(({ theme }) => {
    let p = theme.parentId;
    while (p !== null) {
      if (collapsed.has(p)) return false;
      p = byId.get(p)?.parentId ?? null;
    }
    return true;
  });

  const move = async (id: number, parentId: number | null, position?: number) => {
    try {
      await call('themes.update', { id, parentId, ...(position !== undefined ? { position } : {}) });
      invalidateScopes(['themes']);
    } catch (err) {
      toastError(err);
    }
  };

  const siblingsOf = (t: Theme) => ordered.filter((x) => x.theme.parentId === t.parentId).map((x) => x.theme);
  const reorder = (t: Theme, dir: -1 | 1) => {
    const sib = siblingsOf(t);
    const i = sib.findIndex((x) => x.id === t.id);
    const j = i + dir;
    if (j < 0 || j >= sib.length) return;
    // Place it just beyond its neighbour.
    const beyond = sib[j + dir];
    const pos = beyond ? (sib[j].position + beyond.position) / 2 : sib[j].position + dir;
    void move(t.id, t.parentId, pos);
  };
  const indexInVisible = selected ? visible.findIndex((v) => v.theme.id === selected.id) : -1;

  useCommands([
    { id: 'themes.new', label: 'New theme…', group: 'Themes', shortcut: 'Mod+Shift+N', whileTyping: true, run: () => setCreating({ parentId: null }) },
    { id: 'themes.newChild', label: 'New sub-theme of the selected theme…', group: 'Themes', enabled: () => !!selected, run: () => setCreating({ parentId: selected!.id }) },
    { id: 'themes.delete', label: 'Delete the selected theme', group: 'Themes', shortcut: 'Delete', enabled: () => !!selected, run: () => void deleteThemeWithConfirm(selected!).then((ok) => ok && navigate('/themes')) },
    { id: 'themes.merge', label: 'Merge the selected theme into…', group: 'Themes', shortcut: 'Mod+M', enabled: () => !!selected, run: () => setMerging(selected) },
    { id: 'themes.up', label: 'Move theme up', group: 'Themes', shortcut: 'Alt+ArrowUp', enabled: () => !!selected, run: () => reorder(selected!, -1) },
    { id: 'themes.down', label: 'Move theme down', group: 'Themes', shortcut: 'Alt+ArrowDown', enabled: () => !!selected, run: () => reorder(selected!, 1) },
    {
      id: 'themes.indent',
      label: 'Nest theme under the one above',
      group: 'Themes',
      shortcut: 'Alt+ArrowRight',
      enabled: () => !!selected && siblingsOf(selected).findIndex((x) => x.id === selected.id) > 0,
      run: () => {
        const sib = siblingsOf(selected!);
        const above = sib[sib.findIndex((x) => x.id === selected!.id) - 1];
        void move(selected!.id, above.id);
      },
    },
    { id: 'themes.outdent', label: 'Move theme out one level', group: 'Themes', shortcut: 'Alt+ArrowLeft', enabled: () => !!selected && selected.parentId !== null, run: () => void move(selected!.id, byId.get(selected!.parentId!)?.parentId ?? null) },
    { id: 'themes.nextTheme', label: 'Next theme', group: 'Themes', shortcut: 'ArrowDown', enabled: () => visible.length > 0, run: () => navigate(`/themes/${visible[Math.min(indexInVisible + 1, visible.length - 1)].theme.id}`) },
    { id: 'themes.prevTheme', label: 'Previous theme', group: 'Themes', shortcut: 'ArrowUp', enabled: () => visible.length > 0, run: () => navigate(`/themes/${visible[Math.max(indexInVisible - 1, 0)].theme.id}`) },
  ]);

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
        <ul
          className="theme-tree"
          role="tree"
          aria-label="Codebook"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            if (dragId !== null && e.target === e.currentTarget) void move(dragId, null);
            setDragId(null);
          }}
        >
          {visible.map(({ theme: t, depth }) => {
            const hasKids = list.some((x) => x.parentId === t.id);
            return (
              <li
                key={t.id}
                role="treeitem"
                aria-level={depth + 1}
                aria-selected={selected?.id === t.id}
                aria-expanded={hasKids ? !collapsed.has(t.id) : undefined}
                className={selected?.id === t.id ? 'selected' : ''}
                style={{ paddingLeft: 8 + depth * 18 }}
                draggable
                onDragStart={() => setDragId(t.id)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  if (dragId !== null && dragId !== t.id) void move(dragId, t.id);
                  setDragId(null);
                }}
                onClick={() => navigate(`/themes/${t.id}`)}
              >
                {hasKids ? (
                  <button
                    className="twisty"
                    aria-label={collapsed.has(t.id) ? 'Expand' : 'Collapse'}
                    onClick={(e) => {
                      e.stopPropagation();
                      const next = new Set(collapsed);
                      if (next.has(t.id)) next.delete(t.id);
                      else next.add(t.id);
                      setCollapsed(next);
                    }}
                  >
                    {collapsed.has(t.id) ? '▸' : '▾'}
                  </button>
                ) : (
                  <span className="twisty" />
                )}
                <span className="swatch" style={{ background: t.color }} />
                <span className="name">{t.name}</span>
                <span className="counts" title={`${t.totalHighlightCount} highlights in ${t.totalArticleCount} articles (with sub-themes)`}>
                  {t.totalHighlightCount} · {t.totalArticleCount}
                </span>
              </li>
            );
          })}
        </ul>
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
