// markdown-it plugin for citation tokens. It only PARSES: it emits
//   `quarry_embed` (block, nesting 0)  for `![[hl:UID]]` alone on its line
//   `quarry_ref`   (inline)            for `[[hl:UID]]`, `![[hl:UID]]` inside text, `#[[theme:UID]]`
// with `meta: { kind, uid }`. Each output (HTML render, DOCX) decides how to draw them,
// so the grammar lives here once and outputs cannot disagree on what was cited.

import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it';
import { isBlankRange, matchTokenAt, type TokenKind } from './syntax';

export interface RefMeta {
  kind: TokenKind;
  uid: string;
}

export const EMBED_BLOCK = 'quarry_embed';

/** The kind and uid a citation token carries (markdown-it types `meta` loosely). */
export function refMeta(token: Token): RefMeta {
  return token.meta as unknown as RefMeta;
}
export const INLINE_REF = 'quarry_ref';

function embedBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  // 4+ columns past the container is code (or a paragraph continuation), never an embed.
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];
  if (state.src.charCodeAt(pos) !== 0x21 /* ! */) return false;
  const m = matchTokenAt(state.src, pos, max);
  if (!m || m.kind !== 'embed' || !isBlankRange(state.src, m.end, max)) return false;
  if (silent) return true;
  const token = state.push(EMBED_BLOCK, '', 0);
  token.map = [startLine, startLine + 1];
  token.meta = { kind: 'embed', uid: m.uid } satisfies RefMeta;
  token.block = true;
  state.line = startLine + 1;
  return true;
}

function inlineRef(state: StateInline, silent: boolean): boolean {
  const c = state.src.charCodeAt(state.pos);
  if (c !== 0x5b /* [ */ && c !== 0x21 /* ! */ && c !== 0x23 /* # */) return false;
  const m = matchTokenAt(state.src, state.pos, state.posMax);
  if (!m) return false;
  if (!silent) {
    const token = state.push(INLINE_REF, '', 0);
    token.meta = { kind: m.kind, uid: m.uid } satisfies RefMeta;
    token.content = state.src.slice(state.pos, m.end);
  }
  state.pos = m.end;
  return true;
}

export function citationPlugin(md: MarkdownIt): void {
  // Before 'lheading' (else "![[hl:x]]" over a "---" line would become a heading) and
  // listed as able to interrupt paragraphs, block quotes and lists, so an embed line
  // directly under text is still a block (as the scanner in tokens.ts assumes).
  md.block.ruler.before('lheading', EMBED_BLOCK, embedBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  // Before 'link' (so "[[" is not tried as a link label) and thus before 'image' ("![").
  md.inline.ruler.before('link', INLINE_REF, inlineRef);
}
