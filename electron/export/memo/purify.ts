// DOMPurify for Node: one jsdom window, made on first use (jsdom takes ~50 ms to start).
// jsdom, not linkedom: DOMPurify on linkedom silently sanitises nothing.
import createDOMPurify, { type DOMPurify, type WindowLike } from 'dompurify';
import { JSDOM } from 'jsdom';
import { sanitizeMemoHtml } from '../../../core/memo/sanitize';

let instance: DOMPurify | null = null;

export function nodePurify(): DOMPurify {
  instance ??= createDOMPurify(new JSDOM('').window as unknown as WindowLike);
  return instance;
}

export function sanitizeMemoHtmlNode(html: string): string {
  return sanitizeMemoHtml(html, nodePurify());
}
