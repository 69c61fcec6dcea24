// The codebook as a tree: collapse and expand, drag a theme onto another to nest it
// (or onto the empty tree to make it top-level), click to select.
import { useState } from 'react';
import type { ThemeWithCounts } from '../../electron/api/contract';
import { navigate } from '../lib/router';

interface Props {
  list: ThemeWithCounts[];
  visible: { theme: ThemeWithCounts; depth: number }[];
  selected: ThemeWithCounts | null;
  collapsed: Set<number>;
  setCollapsed: (s: Set<number>) => void;
  move: (id: number, parentId: number | null) => Promise<void>;
}

export function CodebookTree({ list, visible, selected, collapsed, setCollapsed, move }: Props) {
  const [dragId, setDragId] = useState<number | null>(null);
  return (
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
  );
}
