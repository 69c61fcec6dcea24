// Word styles and list numbering for memo exports. Named styles (not direct
// formatting) so an analyst can restyle the whole document in Word in one place.

import { AlignmentType, BorderStyle, LevelFormat, ShadingType, type INumberingOptions, type IStylesOptions } from 'docx';

export const MONO_FONT = 'Consolas';

export const STYLE = {
  quote: 'Quote',
  quoteSource: 'QuoteSource',
  code: 'CodeBlock',
  sourceEntry: 'SourceEntry',
} as const;

export const MEMO_STYLES: IStylesOptions = {
  default: {
    document: { run: { font: 'Calibri', size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } },
  },
  paragraphStyles: [
    {
      id: STYLE.quote,
      name: 'Quote',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { italics: true, color: '404040' },
      paragraph: {
        indent: { left: 720, right: 360 },
        spacing: { before: 120, after: 60 },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'A6A6A6', space: 10 } },
      },
    },
    {
      id: STYLE.quoteSource,
      name: 'Quote Source',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 20, color: '595959' },
      paragraph: { indent: { left: 720, right: 360 }, spacing: { after: 200 } },
    },
    {
      id: STYLE.code,
      name: 'Code Block',
      basedOn: 'Normal',
      run: { font: MONO_FONT, size: 19 },
      paragraph: {
        spacing: { before: 60, after: 60, line: 240 },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F3F5' },
      },
    },
    {
      id: STYLE.sourceEntry,
      name: 'Source Entry',
      basedOn: 'Normal',
      paragraph: { indent: { left: 720, hanging: 720 }, spacing: { after: 120 } },
    },
  ],
};

const FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const;

/** One numbering definition per distinct start number ("3. foo" lists start at 3). */
export function orderedListNumbering(reference: string, start: number): INumberingOptions['config'][number] {
  return {
    reference,
    levels: Array.from({ length: 9 }, (_, level) => ({
      level,
      format: FORMATS[level % 3],
      text: `%${level + 1}.`,
      alignment: AlignmentType.START,
      start: level === 0 ? start : 1,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    })),
  };
}
