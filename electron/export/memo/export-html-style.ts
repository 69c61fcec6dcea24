// The stylesheet inlined into exported memo HTML: readable on screen, clean on paper.
// No web fonts, no url(): the file must not reach for anything (its CSP forbids it anyway).
export const EXPORT_CSS = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1d1d1f; font: 16px/1.6 Georgia, "Times New Roman", serif; }
main { max-width: 42rem; margin: 3rem auto; padding: 0 1.5rem; }
h1, h2, h3, h4 { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.25; margin: 2rem 0 0.75rem; }
h1 { font-size: 2rem; } h2 { font-size: 1.5rem; } h3 { font-size: 1.2rem; }
a { color: #1a4fa0; }
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
code { background: #f3f3f5; padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: #f6f6f8; padding: 0.8rem 1rem; overflow-x: auto; border-radius: 4px; }
pre code { background: none; padding: 0; }
blockquote { margin: 1.2rem 0; padding: 0.2rem 1rem; border-left: 4px solid #c8c8d0; color: #333; font-style: italic; }
blockquote.embed footer { font-style: normal; font-size: 0.9em; color: #555; margin-top: 0.4rem; }
q.embed-inline { font-style: italic; }
sup.cite { font-size: 0.75em; line-height: 0; }
sup.cite a { text-decoration: none; }
mark.broken-cite { background: #ffe08a; color: #5a3b00; padding: 0 0.2em; font-weight: bold; }
.theme-ref { font-variant: small-caps; }
.image-ref { color: #666; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; }
.align-left { text-align: left; } .align-center { text-align: center; } .align-right { text-align: right; }
section.footnotes { margin-top: 3rem; font-size: 0.9em; }
section.footnotes hr { border: 0; border-top: 1px solid #ccc; width: 30%; margin: 0 0 1rem; }
.footnote-back { text-decoration: none; }
@media print {
  @page { margin: 2cm; }
  body { font-size: 11pt; }
  main { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
  blockquote, pre, table, li { page-break-inside: avoid; break-inside: avoid; }
  .footnote-back { display: none; }
  mark.broken-cite { border: 1px solid #5a3b00; }
}
`;
