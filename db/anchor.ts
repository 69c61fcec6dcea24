// Text anchoring: the W3C TextQuoteSelector + TextPositionSelector Quarry stores
// with every highlight. Offsets are UTF-16 code units.
import { snapToCodePoints } from '../core/text/offsets';
import { StoreError } from './errors';

export const CONTEXT_CHARS = 32;

export interface Anchor {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** Validate and build the anchor for [start, end) of `body`. Throws 'invalid' for impossible ranges. */
export function makeAnchor(body: string, start: number, end: number): Anchor {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > body.length || end <= start) {
    throw new StoreError('invalid', `The range ${start}-${end} is not inside the article (its text has ${body.length} characters).`);
  }
  const r = snapToCodePoints(body, start, end);
  const quote = body.slice(r.start, r.end);
  if (quote.trim().length === 0) throw new StoreError('invalid', 'A highlight needs some text, not only white space.');
  return {
    start: r.start,
    end: r.end,
    quote,
    prefix: body.slice(Math.max(0, r.start - CONTEXT_CHARS), r.start),
    suffix: body.slice(r.end, r.end + CONTEXT_CHARS),
  };
}

/** The invariant every highlight write must keep. */
export function assertQuoteMatches(body: string, start: number, end: number, quote: string): void {
  if (body.slice(start, end) !== quote) {
    throw new StoreError('invalid', `Highlight quote does not match the article text at ${start}-${end}; refusing to store an inconsistent highlight.`);
  }
}
