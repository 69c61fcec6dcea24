// The one markdown-it configuration for memos, shared by the preview/HTML render
// and the DOCX export (which walks the same token stream), so every output agrees
// on what the Markdown means.
//
// Decisions:
// - html: false. Raw HTML in a memo is shown as text. It is the main XSS surface,
//   and the DOCX and Markdown exports could not reproduce it anyway, so allowing it
//   would make the preview promise what the exports cannot keep. (Output is still
//   sanitised: see sanitize.ts.)
// - linkify: false (a pasted URL stays as typed); typographer: false (quotes in
//   memos are often exact wording; no silent rewriting).
// - Links: only http(s), mailto and in-page "#..." targets become links; anything
//   else (javascript:, data:, file:, relative paths that would navigate the app)
//   is left as literal text by markdown-it.

import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, StateCore } from 'markdown-it';
import { citationPlugin } from './plugin';

const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i;

export function isSafeLink(url: string): boolean {
  return SAFE_LINK.test(url.trim());
}

/**
 * Every top-level block gets data-line (1-based, like Monaco) so the preview can sync
 * scrolling with the editor. Table alignment styles become classes, because the
 * sanitiser drops style attributes.
 */
function annotateBlocks(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.level === 0 && token.map && token.nesting !== -1) {
      token.attrSet('data-line', String(token.map[0] + 1));
    }
    if ((token.type === 'th_open' || token.type === 'td_open') && token.attrs) {
      const style = token.attrGet('style');
      const m = style ? /text-align:\s*(left|right|center)/.exec(String(style)) : null;
      if (m) {
        token.attrs = token.attrs.filter(([name]) => name !== 'style');
        token.attrJoin('class', `align-${m[1]}`);
      }
    }
  }
}

export function createMemoMarkdownIt(): MarkdownItInstance {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
  md.validateLink = isSafeLink;
  md.use(citationPlugin);
  md.core.ruler.push('quarry_annotate_blocks', annotateBlocks);
  return md;
}
