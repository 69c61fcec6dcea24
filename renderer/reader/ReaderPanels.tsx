// The Reader's panels: the head (title, byline), the theme picker, and the side panel: the selected highlight's inspector and the list of
// highlights (with orphans and the memos citing the article), or the article's details.
import type { RefObject } from 'react';
import type { ArticleView, Highlight, Theme } from '../../electron/api/contract';
import { CitingMemos } from '../memos/CitingMemos';
import { HighlightInspector } from './HighlightInspector';
import { HighlightList } from './HighlightList';
import { MetadataForm } from './MetadataForm';
import { replaceAtSelection, setThemes, type useHighlightActions } from './useHighlightActions';
import { ThemePicker } from './ThemePicker';
import type { Picker } from './useReaderCommands';

interface Props {
  articleId: number;
  article: ArticleView;
  tab: 'highlights' | 'details';
  setTab: (tab: 'highlights' | 'details') => void;
  selected: Highlight | null;
  selectedId: number | null;
  setSelectedId: (id: number | null) => void;
  live: Highlight[];
  orphans: Highlight[];
  themeById: Map<number, Theme>;
  rootRef: RefObject<HTMLDivElement | null>;
  setPicker: (p: Picker) => void;
  actions: ReturnType<typeof useHighlightActions>;
}

export function ReaderSide({
  articleId,
  article: a,
  tab,
  setTab,
  selected,
  selectedId,
  setSelectedId,
  live,
  orphans,
  themeById,
  rootRef,
  setPicker,
  actions,
}: Props) {
  const { updateSelected, deleteSelected, adjust } = actions;
  return (
    <aside className="reader-side" aria-label="Highlights and details">
      <div className="tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'highlights'} onClick={() => setTab('highlights')}>
          Highlights ({live.length})
        </button>
        <button role="tab" aria-selected={tab === 'details'} onClick={() => setTab('details')}>
          Details
        </button>
      </div>
      {tab === 'details' ? (
        <MetadataForm article={a} />
      ) : (
        <>
          {selected && (
            <HighlightInspector
              highlight={selected}
              themeById={themeById}
              onRemoveTheme={(id) => void updateSelected({ removeThemeIds: [id] })}
              onAddThemes={(x, y) => setPicker({ mode: 'edit', highlightId: selected.id, x, y })}
              onComment={(comment) => void updateSelected({ comment })}
              onDelete={() => void deleteSelected()}
              onAdjust={adjust}
            />
          )}
          <HighlightList
            highlights={live}
            orphans={orphans}
            themeById={themeById}
            selectedId={selectedId}
            onSelect={(id) => {
              setSelectedId(id);
              rootRef.current?.querySelector(`[data-hl~="${id}"]`)?.scrollIntoView({ block: 'center' });
            }}
            onReplace={(id) => void replaceAtSelection(rootRef, id)}
          />
          <CitingMemos articleId={articleId} />
        </>
      )}
    </aside>
  );
}

/** Title and byline: outlet, author, date, and whether the article is in the Trash or like another. */
export function ReaderHead({ article: a }: { article: ArticleView }) {
  return (
    <header className="reader-head">
      <h1>{a.title}</h1>
      <p className="byline">
        {[a.source, a.author, a.publishedAt].filter(Boolean).join(' · ') || (
          <span className="muted">No outlet, author or date yet: add them under Details.</span>
        )}
        {a.deletedAt && <strong className="flag"> · in the Trash</strong>}
        {a.similarTo && (
          <span className="flag">
            {' '}
            · similar to <a href={`#/article/${a.similarTo.id}`}>{a.similarTo.title}</a>
          </span>
        )}
      </p>
    </header>
  );
}

interface PickerProps {
  articleId: number;
  picker: Picker;
  setPicker: (p: Picker | null) => void;
  themes: Theme[];
  all: Highlight[];
  createHighlight: ReturnType<typeof useHighlightActions>['createHighlight'];
}

/** Themes for a new highlight (from the text selected) or for an existing one. */
export function ReaderThemePicker({ articleId, picker, setPicker, themes, all, createHighlight }: PickerProps) {
  return (
    <ThemePicker
      themes={themes}
      at={{ x: picker.x, y: picker.y }}
      initial={picker.mode === 'edit' ? all.find((h) => h.id === picker.highlightId)?.themeIds : undefined}
      title={picker.mode === 'edit' ? 'Themes of this highlight' : 'Tag with themes'}
      onCancel={() => setPicker(null)}
      onSave={(r) => {
        const p = picker;
        setPicker(null);
        if (p.mode === 'create') void createHighlight(p.start, p.end, r);
        else setThemes(articleId, p.highlightId, r);
      }}
    />
  );
}
