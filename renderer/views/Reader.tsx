// The Reader: an article's text with its highlights painted over it; select to tag,
// keyboard selection and single-key commands, drag handles on the selected
// highlight, and the side panel. The parts live in renderer/reader/:
// useHighlightActions, useReaderHighlights, useDragHandles, keyboard-selection,
// useReaderCommands, ReaderPanels.
import { useRef, useState } from 'react';
import { useCall } from '../queries';
import { ArticleText } from '../reader/ArticleText';
import { moveSelectionByKey } from '../reader/keyboard-selection';
import { ReaderHead, ReaderSide, ReaderThemePicker } from '../reader/ReaderPanels';
import { ReplaceTextDialog } from '../reader/ReplaceTextDialog';
import { DragHandles, useDragHandles } from '../reader/useDragHandles';
import { useHighlightActions } from '../reader/useHighlightActions';
import { usePicker, useReaderCommands } from '../reader/useReaderCommands';
import { useFocusHighlight, useHighlightLooks } from '../reader/useReaderHighlights';

export function Reader(props: { articleId: number; focusHighlight: number | null }) {
  const { articleId } = props;
  const article = useCall('articles.get', { id: articleId });
  const highlights = useCall('highlights.listByArticle', { articleId });
  const themes = useCall('themes.list', {});
  const [selectedId, setSelectedId] = useState<number | null>(props.focusHighlight);
  const [tab, setTab] = useState<'highlights' | 'details'>('highlights');
  const [replacing, setReplacing] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const { picker, setPicker, openPickerForSelection } = usePicker(rootRef);

  const themeList = themes.data ?? [];
  const all = highlights.data ?? [];
  const { themeById, live, orphans, looks } = useHighlightLooks(all, themeList);
  const selected = all.find((h) => h.id === selectedId) ?? null;
  useFocusHighlight(props.focusHighlight, rootRef, setSelectedId, article.data, highlights.data);

  const body = article.data?.body ?? '';
  const actions = useHighlightActions({ articleId, selected, live, body, rootRef, setSelectedId });
  const readerDeps = { articleId, articleTitle: article.data?.title, rootRef, selected, live, picker, setPicker, setSelectedId };
  useReaderCommands({ ...readerDeps, setTab, setReplacing, openPickerForSelection, actions });
  const { drag, setDrag, handles } = useDragHandles(rootRef, selected, body, actions.updateSelected);

  if (article.isError) return <p className="error pad">{article.error.message}</p>;
  if (!article.data) return <p className="muted pad">Loading…</p>;
  const a = article.data;

  return (
    <section className="reader" aria-label="Reader">
      <div className="reader-scroll">
        <ReaderHead article={a} />
        <ArticleText
          body={a.body}
          highlights={live}
          looks={looks}
          selectedId={selectedId}
          rootRef={rootRef}
          lang={a.language}
          onKeyDown={(e) => moveSelectionByKey(e, rootRef.current!, !!selected)}
          onMouseUp={() => {
            if (drag) return;
            // Let the browser settle the selection first.
            setTimeout(() => openPickerForSelection(), 0);
          }}
          onClickHighlight={(ids) => setSelectedId(ids.length ? ids[ids.length - 1] : null)}
        />
      </div>
      {handles && <DragHandles handles={handles} setDrag={setDrag} />}
      <ReaderSide
        articleId={articleId}
        article={a}
        tab={tab}
        setTab={setTab}
        selected={selected}
        selectedId={selectedId}
        setSelectedId={setSelectedId}
        live={live}
        orphans={orphans}
        themeById={themeById}
        rootRef={rootRef}
        setPicker={setPicker}
        actions={actions}
      />
      {replacing && <ReplaceTextDialog articleId={articleId} title={a.title} onClose={() => setReplacing(false)} />}
      {picker && (
        <ReaderThemePicker
          articleId={articleId}
          picker={picker}
          setPicker={setPicker}
          themes={themeList}
          all={all}
          createHighlight={actions.createHighlight}
        />
      )}
    </section>
  );
}
