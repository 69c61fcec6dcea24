// Memo -> one self-contained HTML file: inline CSS, no scripts, no external
// resources, and a CSP that would block any that slipped in. The body is the same
// render as the preview (theme references as plain names), sanitised on jsdom.

import type { Memo } from '../../../db/types';
import { escapeHtml } from '../../../core/memo/escape';
import { renderMemoHtml } from '../../../core/memo/render';
import type { PassageLookup, ThemeLookup } from '../../../core/memo/resolve';
import { bodyOpensWithH1, brokenWarning, type ExportWarning } from './common';
import { EXPORT_CSS } from './export-html-style';
import { sanitizeMemoHtmlNode } from './purify';

export interface HtmlExportOptions {
  themes?: ThemeLookup;
  /** BCP 47 language for <html lang>; default "en". */
  lang?: string;
}

export interface HtmlExport {
  html: string;
  warnings: ExportWarning[];
}

export const EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function exportMemoHtml(memo: Pick<Memo, 'title' | 'body'>, lookup: PassageLookup, options: HtmlExportOptions = {}): HtmlExport {
  const rendered = renderMemoHtml(memo.body, lookup, { linkBase: null, themes: options.themes });
  const body = sanitizeMemoHtmlNode(rendered.html);
  const title = memo.title.trim() || 'Untitled memo';
  const heading = bodyOpensWithH1(memo.body) ? '' : `<h1>${escapeHtml(title)}</h1>\n`;
  const lang = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(options.lang ?? '') ? options.lang! : 'en';
  const html = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Quarry">
<title>${escapeHtml(title)}</title>
<style>${EXPORT_CSS}</style>
</head>
<body>
<main>
${heading}${body}</main>
</body>
</html>
`;
  return { html, warnings: rendered.broken.map(brokenWarning) };
}
