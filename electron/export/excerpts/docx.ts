// Excerpts as a Word document, structured like the Markdown export: a heading
// per theme (path), its description, then each excerpt as a paragraph in the
// "Quote" style (indented, italic, left rule) followed by its citation line.
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { stripInvalidXmlChars } from '../../refi/xml-writer';
import { citationParts, groupByTheme, themePath, THEME_LIST_SEPARATOR, type ExcerptOptions, type ExcerptRow } from './types';

const clean = (text: string) => stripInvalidXmlChars(text);

/** Runs for multi-line text: Word needs explicit breaks, a "\n" in a run is ignored. */
function lines(text: string, style: { italics?: boolean; size?: number; color?: string } = {}): TextRun[] {
  return clean(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }));
}

function excerptParagraphs(row: ExcerptRow, withThemes: boolean): Paragraph[] {
  const out = [
    new Paragraph({ style: 'Quote', children: lines(row.highlight.quote) }),
    new Paragraph({ style: 'Citation', children: lines(`— ${citationParts(row.article).join(', ')}`) }),
  ];
  if (withThemes && row.themes.length) {
    out.push(new Paragraph({ style: 'Citation', children: lines(`Themes: ${row.themes.map(themePath).join(THEME_LIST_SEPARATOR)}`) }));
  }
  if (row.highlight.comment.trim()) out.push(new Paragraph({ children: [new TextRun({ text: 'Comment: ', bold: true }), ...lines(row.highlight.comment)] }));
  return out;
}

export async function excerptsToDocx(rows: readonly ExcerptRow[], options: ExcerptOptions, title = 'Excerpts'): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: lines(title) })];
  if (options.rowPer === 'highlight') {
    for (const row of rows) children.push(...excerptParagraphs(row, true));
  } else {
    for (const group of groupByTheme(rows)) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: lines(group.theme ? themePath(group.theme) : 'No theme') }));
      if (group.theme?.description.trim()) children.push(new Paragraph({ children: lines(group.theme.description.trim()) }));
      for (const row of group.rows) children.push(...excerptParagraphs(row, false));
    }
  }
  const doc = new Document({
    creator: 'Quarry',
    title: clean(title),
    styles: {
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote', // Word's built-in name, so the style maps onto the user's own Quote style
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true },
          paragraph: {
            indent: { left: 720, right: 360 },
            spacing: { before: 200, after: 60 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'A0A0A0', space: 8 } },
          },
        },
        {
          id: 'Citation',
          name: 'Citation',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 18, color: '555555' },
          paragraph: { indent: { left: 720 }, alignment: AlignmentType.LEFT, spacing: { after: 160 } },
        },
      ],
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
