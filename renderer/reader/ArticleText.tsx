import { memo, useMemo, type Ref } from 'react';
import { highlightsByParagraph, segmentParagraph, splitParagraphs, type SegmentHighlight } from './segments';

export interface HighlightLook {
  /** Theme colours (#RRGGBB) of the highlight, first theme first; empty = untagged. */
  colors: string[];
  /** Tooltip: its themes (and comment). */
  title: string;
}

const UNTAGGED = '#9AA0A6';
const MAX_BANDS = 4;

/**
 * Overlapping highlights are drawn as horizontal bands, one per colour, so a
 * passage under two themes shows both colours instead of a muddy mix.
 */
function background(colors: string[]): string | undefined {
  if (colors.length === 0) return undefined;
  const c = colors.slice(0, MAX_BANDS);
  if (c.length === 1) return `${c[0]}55`;
  const step = 100 / c.length;
  const stops = c.map((col, i) => `${col}66 ${(i * step).toFixed(1)}% ${((i + 1) * step).toFixed(1)}%`).join(', ');
  return `linear-gradient(to bottom, ${stops})`;
}

interface ParagraphProps {
  body: string;
  start: number;
  end: number;
  highlights: SegmentHighlight[];
  looks: Map<number, HighlightLook>;
  selectedId: number | null;
  signature: string;
}

const ParagraphView = memo(
  function ParagraphView({ body, start, end, highlights, looks, selectedId }: ParagraphProps) {
    const segs = segmentParagraph({ start, end }, highlights);
    return (
      <p data-s={start} data-e={end}>
        {segs.map((s) => {
          const text = body.slice(s.start, s.end);
          if (s.ids.length === 0) {
            return (
              <span key={s.start} data-o={s.start}>
                {text}
              </span>
            );
          }
          const colors: string[] = [];
          const titles: string[] = [];
          for (const id of s.ids) {
            const look = looks.get(id);
            for (const c of look?.colors.length ? look.colors : [UNTAGGED]) if (!colors.includes(c)) colors.push(c);
            if (look?.title) titles.push(look.title);
          }
          const selected = selectedId !== null && s.ids.includes(selectedId);
          return (
            <span
              key={s.start}
              data-o={s.start}
              data-hl={s.ids.join(' ')}
              className={selected ? 'hl selected' : 'hl'}
              style={{ background: background(colors) }}
              title={titles.join('\n')}
            >
              {text}
            </span>
          );
        })}
      </p>
    );
  },
  // The signature covers this paragraph's highlights, their looks and the
  // selection, so a new highlight re-renders only the paragraphs it touches.
  (a, b) => a.signature === b.signature && a.body === b.body,
);

export function ArticleText(props: {
  body: string;
  highlights: SegmentHighlight[];
  looks: Map<number, HighlightLook>;
  selectedId: number | null;
  rootRef: Ref<HTMLDivElement>;
  onMouseUp: () => void;
  onClickHighlight: (ids: number[]) => void;
  onKeyDown: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  lang?: string | null;
}) {
  const paragraphs = useMemo(() => splitParagraphs(props.body), [props.body]);
  const live = useMemo(() => [...props.highlights].sort((a, b) => a.start - b.start), [props.highlights]);
  const perParagraph = useMemo(() => highlightsByParagraph(paragraphs, live), [paragraphs, live]);
  return (
    <div
      ref={props.rootRef}
      className="article-text"
      tabIndex={0}
      role="document"
      aria-label="Article text"
      lang={props.lang ?? undefined}
      onMouseUp={props.onMouseUp}
      onKeyDown={props.onKeyDown}
      onClick={(e) => {
        const sel = window.getSelection();
        if (sel && !sel.isCollapsed) return;
        const el = (e.target as HTMLElement).closest<HTMLElement>('[data-hl]');
        props.onClickHighlight(el ? el.dataset.hl!.split(' ').map(Number) : []);
      }}
    >
      {paragraphs.map((p, i) => {
        const hs = perParagraph[i];
        const sel = props.selectedId !== null && hs.some((h) => h.id === props.selectedId) ? props.selectedId : null;
        let signature = `${sel ?? ''}|`;
        for (const h of hs) {
          const look = props.looks.get(h.id);
          signature += `${h.id}:${h.start}:${h.end}:${look ? look.colors.join('') + look.title : ''},`;
        }
        return (
          <ParagraphView
            key={p.start}
            body={props.body}
            start={p.start}
            end={p.end}
            highlights={hs}
            looks={props.looks}
            selectedId={sel}
            signature={signature}
          />
        );
      })}
    </div>
  );
}
