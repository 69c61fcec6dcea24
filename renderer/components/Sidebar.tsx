// The sidebar: the four views, and the way to the command palette.
import type { Route } from '../lib/router';

export function Sidebar({ view, onPalette }: { view: Route['view']; onPalette: () => void }) {
  return (
    <nav className="sidebar" aria-label="Views">
      <div className="brand">Quarry</div>
      <a href="#/library" className={view === 'library' ? 'active' : ''}>
        Library
      </a>
      <a href="#/themes" className={view === 'themes' ? 'active' : ''}>
        Themes
      </a>
      <a href="#/memos" className={view === 'memos' ? 'active' : ''}>
        Memos
      </a>
      <a href="#/trash" className={view === 'trash' ? 'active' : ''}>
        Trash
      </a>
      <div className="sidebar-foot">
        <button onClick={onPalette} title="Command palette (Ctrl+K)">
          Commands…
        </button>
      </div>
    </nav>
  );
}
