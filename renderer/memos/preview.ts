// The memo preview: renderMemoHtml, split into top-level blocks, each block
// sanitised with the one DOMPurify policy (sanitizeMemoHtml + DOMPurify(window)).
//
// Why blocks: a 20,000-word memo renders to ~350 KB of HTML. Sanitising and
// re-parsing all of it on every keystroke would blow the 50 ms budget, while a
// keystroke changes one block. So each block's sanitised HTML is cached by its
// content, and the view (MemoPreview) keys blocks by content, so React leaves
// unchanged blocks' DOM alone. The block's source line (data-line) is taken out of
// the cached HTML and put on the block's wrapper, so a line inserted above does not
// invalidate every block below.
//
// Safety: every string that reaches the DOM went through sanitizeMemoHtml. Each
// sanitised block is serialised by DOMPurify from a DOM, hence well-formed, and a
// concatenation of well-formed fragments cannot form new markup.
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { renderMemoHtml, type RenderResult } from '../../core/memo/render';
import type { CitedPassage, PassageLookup, ThemeLookup, ThemeRef } from '../../core/memo/resolve';
import { sanitizeMemoHtml } from '../../core/memo/sanitize';
import { keyedBlocks, type KeyedBlock } from '../../core/memo/blocks';
import PreviewWorker from './preview.worker?worker';

export interface PreviewBlock {
  /** Stable across renders for identical content (React key). */
  key: string;
  /** 1-based source line of the block (null for the footnotes). */
  line: number | null;
  /** SANITISED HTML of the block (without its data-line). */
  html: string;
}

export interface PreviewResult {
  blocks: PreviewBlock[];
  footnotes: RenderResult['footnotes'];
  broken: RenderResult['broken'];
}

let purify: DOMPurify | null = null;
function browserPurify(): DOMPurify {
  purify ??= createDOMPurify(window);
  return purify;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 4000;

/** Sanitise one block, memoised by its exact unsanitised HTML. */
function sanitizeBlock(html: string): string {
  let out = cache.get(html);
  if (out === undefined) {
    out = sanitizeMemoHtml(html, browserPurify());
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(html, out);
  }
  return out;
}

/** Keyed, unsanitised blocks -> what the preview may show (each block sanitised, cached). */
export function sanitizeBlocks(blocks: readonly KeyedBlock[]): PreviewBlock[] {
  return blocks.map((b) => ({ key: b.key, line: b.line, html: sanitizeBlock(b.html) }));
}

export function renderPreview(markdown: string, lookup: PassageLookup, themes: ThemeLookup): PreviewResult {
  const r = renderMemoHtml(markdown, lookup, { themes });
  return { blocks: sanitizeBlocks(keyedBlocks(r.html)), footnotes: r.footnotes, broken: r.broken };
}

export type PreviewWorkerRequest =
  | { type: 'data'; passages: CitedPassage[]; themes: ThemeRef[] }
  | { type: 'render'; id: number; markdown: string };
export type PreviewWorkerResponse = { id: number; blocks: KeyedBlock[] };

export interface PreviewData {
  version: number;
  passages: () => CitedPassage[];
  themes: () => ThemeRef[];
  lookup: PassageLookup;
  themeLookup: ThemeLookup;
}

/**
 * Keeps the preview up to date without blocking typing: Markdown is rendered in a
 * worker (renderMemoHtml is pure), one render at a time; while one runs, only the
 * newest text waits. The result is sanitised here, block by block (cached).
 * Falls back to rendering on this thread where workers are unavailable.
 */
export class PreviewRenderer {
  private worker: Worker | null = null;
  private sentVersion = -1;
  private busy = false;
  private pending: string | null = null;
  private seq = 0;
  private disposed = false;

  constructor(
    private readonly data: () => PreviewData,
    private readonly onBlocks: (blocks: PreviewBlock[]) => void,
  ) {
    try {
      this.worker = new PreviewWorker();
      this.worker.onmessage = (e: MessageEvent<PreviewWorkerResponse>) => this.received(e.data.blocks);
      this.worker.onerror = () => {
        // Render here from now on; redo the render that was lost.
        this.worker?.terminate();
        this.worker = null;
        this.busy = false;
        if (this.pending !== null) this.render(this.pending);
      };
    } catch {
      this.worker = null;
    }
  }

  render(markdown: string): void {
    if (this.disposed) return;
    if (!this.worker) {
      const d = this.data();
      this.onBlocks(renderPreview(markdown, d.lookup, d.themeLookup).blocks);
      return;
    }
    if (this.busy) {
      this.pending = markdown;
      return;
    }
    const d = this.data();
    if (d.version !== this.sentVersion) {
      const msg: PreviewWorkerRequest = { type: 'data', passages: d.passages(), themes: d.themes() };
      this.worker.postMessage(msg);
      this.sentVersion = d.version;
    }
    this.busy = true;
    this.pending = null;
    const msg: PreviewWorkerRequest = { type: 'render', id: ++this.seq, markdown };
    this.worker.postMessage(msg);
  }

  private received(blocks: KeyedBlock[]): void {
    this.busy = false;
    if (this.disposed) return;
    // Show it even if newer text is waiting (a preview a keystroke behind beats none
    // while the analyst types), then render the newest.
    this.onBlocks(sanitizeBlocks(blocks));
    if (this.pending !== null) this.render(this.pending);
  }

  dispose(): void {
    this.disposed = true;
    this.worker?.terminate();
    this.worker = null;
  }
}
