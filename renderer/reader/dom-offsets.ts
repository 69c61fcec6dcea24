// Mapping between DOM positions in the rendered article and body offsets.
// Segment elements carry data-o (their start offset); paragraphs carry data-s
// and data-e. Text nodes hold exact body slices, so offsets add up.

function startOf(el: Element): number | null {
  const o = (el as HTMLElement).dataset?.o ?? (el as HTMLElement).dataset?.s;
  return o !== undefined ? Number(o) : null;
}

function endOf(el: Element): number | null {
  const html = el as HTMLElement;
  if (html.dataset?.e !== undefined) return Number(html.dataset.e);
  if (html.dataset?.o !== undefined) return Number(html.dataset.o) + (html.textContent?.length ?? 0);
  return null;
}

/** The body offset of a DOM boundary point inside `root`, or null when it is outside the text. */
export function pointToOffset(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const seg = node.parentElement?.closest('[data-o]');
    if (!seg) return null;
    // A segment holds exactly one text node.
    return Number((seg as HTMLElement).dataset.o) + offset;
  }
  const el = node as Element;
  const kids = el.childNodes;
  if (offset < kids.length) {
    const child = kids[offset];
    if (child.nodeType === Node.ELEMENT_NODE) {
      const s = startOf(child as Element) ?? firstOffsetIn(child as Element);
      if (s !== null) return s;
    } else if (child.nodeType === Node.TEXT_NODE) {
      return pointToOffset(root, child, 0);
    }
  }
  // After the last child: the end of this element (or of the last text inside it).
  const e = endOf(el);
  if (e !== null) return e;
  return lastOffsetIn(el);
}

function firstOffsetIn(el: Element): number | null {
  const seg = el.querySelector('[data-o], [data-s]');
  return seg ? startOf(seg) : null;
}

function lastOffsetIn(el: Element): number | null {
  const all = el.querySelectorAll('[data-o]');
  const last = all[all.length - 1];
  return last ? endOf(last) : null;
}

/** The current selection as body offsets, if it lies (at least partly) in `root`. */
export function selectionOffsets(root: Element): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  let start = pointToOffset(root, r.startContainer, r.startOffset);
  let end = pointToOffset(root, r.endContainer, r.endOffset);
  if (start === null && root.contains(r.endContainer)) start = firstOffsetIn(root);
  if (end === null && root.contains(r.startContainer)) end = lastOffsetIn(root);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/** A DOM Range for [start, end) of the body, for scrolling and positioning. */
export function offsetsToRange(root: Element, start: number, end: number): Range | null {
  const segs = root.querySelectorAll<HTMLElement>('[data-o]');
  let a: { node: Node; off: number } | null = null;
  let b: { node: Node; off: number } | null = null;
  for (const s of segs) {
    const o = Number(s.dataset.o);
    const len = s.textContent?.length ?? 0;
    const text = s.firstChild;
    if (!text) continue;
    if (!a && start >= o && start <= o + len) a = { node: text, off: start - o };
    if (end >= o && end <= o + len) {
      b = { node: text, off: end - o };
      if (a) break;
    }
  }
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a.node, a.off);
  r.setEnd(b.node, b.off);
  return r;
}

/** Body offset under a screen point (for dragging highlight edges). */
export function offsetAtPoint(root: Element, x: number, y: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  if (doc.caretPositionFromPoint) {
    const p = doc.caretPositionFromPoint(x, y);
    return p ? pointToOffset(root, p.offsetNode, p.offset) : null;
  }
  const r = document.caretRangeFromPoint?.(x, y);
  return r ? pointToOffset(root, r.startContainer, r.startOffset) : null;
}
