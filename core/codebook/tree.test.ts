import { describe, expect, it } from 'vitest';
import { buildThemeTree, themePath, treeOrder, walkThemeTree, type TreeTheme } from './tree';

const theme = (id: number, name: string, parentId: number | null, position = 0, deletedAt: string | null = null): TreeTheme => ({ id, name, parentId, position, deletedAt });
const byId = (themes: TreeTheme[]) => new Map(themes.map((t) => [t.id, t]));
const names = (order: { theme: TreeTheme; depth: number }[]) => order.map(({ theme: t, depth }) => `${'  '.repeat(depth)}${t.name}`);

describe('the codebook tree (one rule for the exports and the renderer)', () => {
  const codebook = [
    theme(1, 'Geopolitics', null, 1),
    theme(2, 'China leverage', 1, 1),
    theme(3, 'Alliances', 1, 0),
    theme(4, 'Economy', null, 0),
    theme(5, 'Supply chains', 4, 0),
    theme(6, 'Rare earths', 5, 0),
  ];

  it('orders parents before children and siblings by position, then name', () => {
    expect(names(treeOrder(codebook))).toEqual(['Economy', '  Supply chains', '    Rare earths', 'Geopolitics', '  Alliances', '  China leverage']);
    const tied = [theme(1, 'b', null), theme(2, 'a', null), theme(3, 'c', null)];
    expect(names(treeOrder(tied))).toEqual(['a', 'b', 'c']);
  });

  it('gives every node its path from the root, the same as themePath', () => {
    const nodes = [...walkThemeTree(buildThemeTree(codebook))];
    expect(nodes.find((n) => n.theme.id === 6)?.path).toEqual(['Economy', 'Supply chains', 'Rare earths']);
    for (const n of nodes) expect(themePath(n.theme, byId(codebook))).toEqual(n.path);
  });

  it('leaves soft-deleted themes and everything under them out of the tree', () => {
    const withTrash = [...codebook.filter((t) => t.id !== 5), theme(5, 'Supply chains', 4, 0, '2025-01-01T00:00:00Z')];
    expect(names(treeOrder(withTrash))).toEqual(['Economy', 'Geopolitics', '  Alliances', '  China leverage']);
    // The path of a theme under a deleted parent still says where it came from.
    expect(themePath(codebook[5], byId(withTrash))).toEqual(['Economy', 'Supply chains', 'Rare earths']);
  });

  it('makes a theme whose parent is missing a root instead of losing it', () => {
    const orphan = [theme(1, 'Kept', 99), theme(2, 'Child', 1)];
    expect(names(treeOrder(orphan))).toEqual(['Kept', '  Child']);
    expect(themePath(orphan[1], byId(orphan))).toEqual(['Kept', 'Child']);
  });

  it('breaks a parent cycle: every theme still appears once, and paths are finite', () => {
    // 1 -> 2 -> 1 is a loop; 3 hangs below it; 4 is a normal child of a healthy root 5.
    const looped = [theme(1, 'A', 2), theme(2, 'B', 1), theme(3, 'C', 1), theme(5, 'Root', null), theme(4, 'Leaf', 5)];
    const order = treeOrder(looped);
    expect(order.map((o) => o.theme.id).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(names(order)).toEqual(['A', 'B', 'C', 'Root', '  Leaf']);
    expect(looped.slice(0, 3).map((t) => themePath(t, byId(looped)))).toEqual([['A'], ['B'], ['C']]);
    expect(themePath(looped[4], byId(looped))).toEqual(['Root', 'Leaf']);
  });

  it('keeps the callers\' own row type (no widening to the tree\'s fields)', () => {
    const rows = [{ ...theme(1, 'X', null), color: '#ff0000' }];
    const [first] = treeOrder(rows);
    expect(first.theme.color).toBe('#ff0000');
  });
});
