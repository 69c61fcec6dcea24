// The live preview beside the editor. The ONLY place Quarry renders HTML: every
// block's HTML went through sanitizeMemoHtml with DOMPurify(window) (preview.ts).
import { forwardRef, memo, type MouseEvent, type UIEvent } from 'react';
import type { PreviewBlock } from './preview';

const Block = memo(function Block(props: { html: string; line: number | null }) {
  // Sanitised: props.html is the output of sanitizeMemoHtml (DOMPurify(window), the memo policy) in preview.ts.
  return <div className="pv-block" data-line={props.line ?? undefined} dangerouslySetInnerHTML={{ __html: props.html }} />;
});

export const MemoPreview = forwardRef<HTMLDivElement, { blocks: PreviewBlock[]; onScroll: (e: UIEvent<HTMLDivElement>) => void }>(function MemoPreview(props, ref) {
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as Element).closest('a');
    if (!a) return;
    const href = a.getAttribute('href') ?? '';
    if (href.startsWith('#fn')) {
      // Footnote links stay inside the preview (the app's router owns the address bar).
      e.preventDefault();
      const target = e.currentTarget.querySelector(`[id="${CSS.escape(href.slice(1))}"]`);
      target?.scrollIntoView({ block: 'center' });
    } else if (/^(https?:|mailto:)/i.test(href)) {
      // Web links open outside the app (Electron hands them to the system browser).
      e.preventDefault();
      window.open(href, '_blank', 'noopener,noreferrer');
    }
    // "#/themes/12" (theme references) navigate inside the app as ordinary links.
  };
  return (
    <div className="memo-preview" ref={ref} data-testid="memo-preview" aria-label="Preview" role="document" onClick={onClick} onScroll={props.onScroll}>
      {props.blocks.map((b) => (
        <Block key={b.key} html={b.html} line={b.line} />
      ))}
      {props.blocks.length === 0 && <p className="muted">Nothing to preview yet.</p>}
    </div>
  );
});

interface Anchor {
  line: number;
  top: number;
}

/** Positions of the preview's blocks that know their source line, top to bottom. */
function anchors(preview: HTMLElement): Anchor[] {
  const out: Anchor[] = [];
  for (const el of preview.querySelectorAll<HTMLElement>('.pv-block[data-line]')) out.push({ line: Number(el.dataset.line), top: el.offsetTop });
  return out;
}

/** Where (scrollTop) the preview shows source line `line` (fractional), interpolating between blocks. */
export function previewTopForLine(preview: HTMLElement, line: number, lastLine: number): number {
  const a = anchors(preview);
  if (a.length === 0) return 0;
  let i = -1;
  for (let k = 0; k < a.length && a[k].line <= line; k++) i = k;
  if (i < 0) return 0;
  const next = a[i + 1] ?? { line: lastLine + 1, top: preview.scrollHeight };
  const span = Math.max(1, next.line - a[i].line);
  return a[i].top + ((next.top - a[i].top) * (line - a[i].line)) / span;
}

/** The source line (fractional) at the top of the preview. */
export function lineForPreviewTop(preview: HTMLElement, top: number, lastLine: number): number {
  const a = anchors(preview);
  if (a.length === 0) return 1;
  let i = -1;
  for (let k = 0; k < a.length && a[k].top <= top; k++) i = k;
  if (i < 0) return 1;
  const next = a[i + 1] ?? { line: lastLine + 1, top: preview.scrollHeight };
  const h = Math.max(1, next.top - a[i].top);
  return a[i].line + ((next.line - a[i].line) * (top - a[i].top)) / h;
}
