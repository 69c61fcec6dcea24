// The excerpt exporters, one module per format.
export { excerptsToCsv } from './csv';
export { excerptsToDocx } from './docx';
export { excerptsToMarkdown } from './markdown';
export { excerptsToWebAnnotation } from './web-annotation';
export { excerptsToXlsx } from './xlsx';
export type { ExcerptArticle, ExcerptOptions, ExcerptRow, ExcerptTheme } from './types';
