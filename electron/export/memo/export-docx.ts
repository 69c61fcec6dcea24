// Memo -> Word document, by walking the same markdown-it tokens the preview renders.
//
// - Headings, paragraphs (bold/italic/strike/code runs, links), bulleted and numbered
//   lists (nested), block quotes (Quote style: indented, italic, left border), code
//   blocks, tables, rules.
// - [[hl:UID]] -> a real Word footnote. Word numbers footnotes itself, one per
//   reference mark, so a passage cited twice gets two footnotes (Word has no shared
//   footnotes); in order, so Word's numbers match the order of appearance.
// - ![[hl:UID]] alone on its line -> Quote paragraphs + a "— Source, Title, Date" line;
//   inside text -> “quote” plus a footnote.
// - Broken citations -> visible yellow "[broken citation: reason]" + a warning.
// - A "Sources" section lists each cited article once, alphabetically (as a reference list).

import {
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  BorderStyle,
  ShadingType,
  type INumberingOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { Token as MdToken } from 'markdown-it';
import type { Memo } from '../../../db/types';
import { brokenMarkerText, embedSourceSegments, flattenQuote, footnoteSegments, sourceEntrySegments, type Segment } from '../../../core/memo/format';
import { createMemoMarkdownIt } from '../../../core/memo/markdown';
import { EMBED_BLOCK, INLINE_REF, refMeta, type RefMeta } from '../../../core/memo/plugin';
import { CitationResolver, resolveCitations, type CitedArticle, type CitedPassage, type PassageLookup, type ThemeLookup } from '../../../core/memo/resolve';
import { parseCitationTokens } from '../../../core/memo/tokens';
import { bodyOpensWithH1, brokenWarning, type ExportWarning } from './common';
import { MEMO_STYLES, MONO_FONT, STYLE, orderedListNumbering } from './export-docx-styles';

export interface DocxExportOptions {
  themes?: ThemeLookup;
  /** Written to the document's properties; default "Quarry". */
  creator?: string;
}

export interface DocxExport {
  data: Buffer;
  warnings: ExportWarning[];
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
}

interface ListFrame {
  ordered: boolean;
  reference?: string;
  instance?: number;
}

type Block = Paragraph | Table;

const WEB_OR_MAIL = /^(?:https?:\/\/|mailto:)/i;

/** Builds the document body from markdown-it tokens; one instance per export. */
class DocxBuilder {
  readonly blocks: Block[] = [];
  readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  readonly numbering: INumberingOptions['config'][number][] = [];
  private readonly numberingByStart = new Map<number, string>();
  private nextFootnote = 1;
  private nextListInstance = 1;
  private readonly lists: ListFrame[] = [];
  private quoteDepth = 0;
  private itemPending = false; // the next paragraph starts a list item (gets the bullet/number)

  constructor(private readonly resolver: CitationResolver) {}

  build(tokens: MdToken[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      switch (t.type) {
        case 'heading_open': {
          const level = Number(t.tag.slice(1)) - 1;
          this.blocks.push(new Paragraph({ heading: HEADINGS[level] ?? HeadingLevel.HEADING_6, children: this.inline(tokens[i + 1]) }));
          i += 2;
          break;
        }
        case 'paragraph_open':
          this.paragraph({ children: this.inline(tokens[i + 1]) });
          i += 2;
          break;
        case 'bullet_list_open':
          this.lists.push({ ordered: false });
          break;
        case 'ordered_list_open': {
          const start = Number(t.attrGet('start') ?? 1) || 1;
          this.lists.push({ ordered: true, reference: this.orderedReference(start), instance: this.nextListInstance++ });
          break;
        }
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.lists.pop();
          break;
        case 'list_item_open':
          this.itemPending = true;
          break;
        case 'list_item_close':
          this.itemPending = false;
          break;
        case 'blockquote_open':
          this.quoteDepth++;
          break;
        case 'blockquote_close':
          this.quoteDepth--;
          break;
        case 'fence':
        case 'code_block':
          this.codeBlock(t.content);
          break;
        case 'hr':
          this.blocks.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'A6A6A6', space: 1 } }, children: [] }));
          break;
        case 'table_open':
          i = this.table(tokens, i);
          break;
        case EMBED_BLOCK:
          this.embedBlock(refMeta(t).uid);
          break;
        default:
          break; // *_close of handled blocks, html_block (never produced: html is off)
      }
    }
  }

  /** A paragraph in its context: list item (bullet/number or continuation indent), quote. */
  private paragraph(options: IParagraphOptions): void {
    const props: { -readonly [K in keyof IParagraphOptions]: IParagraphOptions[K] } = { ...options };
    if (this.quoteDepth > 0 && !props.style) props.style = STYLE.quote;
    const list = this.lists[this.lists.length - 1];
    if (list) {
      const level = Math.min(this.lists.length - 1, 8);
      if (this.itemPending) {
        if (list.ordered) props.numbering = { reference: list.reference!, level, instance: list.instance };
        else props.bullet = { level };
        this.itemPending = false;
      } else {
        props.indent = { left: 720 * (level + 1) };
      }
    }
    this.blocks.push(new Paragraph(props));
  }

  private orderedReference(start: number): string {
    let ref = this.numberingByStart.get(start);
    if (!ref) {
      ref = `quarry-ol-${start}`;
      this.numberingByStart.set(start, ref);
      this.numbering.push(orderedListNumbering(ref, start));
    }
    return ref;
  }

  private codeBlock(content: string): void {
    const lines = content.replace(/\n$/, '').split('\n');
    const children = lines.map((line, i) => new TextRun({ text: line, font: MONO_FONT, break: i > 0 ? 1 : undefined }));
    this.paragraph({ style: STYLE.code, children });
  }

  private table(tokens: MdToken[], start: number): number {
    const rows: TableRow[] = [];
    let cells: TableCell[] = [];
    let header = false;
    let i = start + 1;
    for (; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
      const t = tokens[i];
      if (t.type === 'thead_open') header = true;
      else if (t.type === 'tbody_open') header = false;
      else if (t.type === 'tr_open') cells = [];
      // tableHeader only when true: mammoth (and some readers) treat a present-but-false flag as set.
      else if (t.type === 'tr_close') rows.push(new TableRow({ tableHeader: header || undefined, children: cells }));
      else if (t.type === 'th_open' || t.type === 'td_open') {
        const runs = this.inline(tokens[i + 1], { bold: t.type === 'th_open' });
        cells.push(new TableCell({ children: [new Paragraph({ children: runs })] }));
        i += 2;
      }
    }
    if (rows.length) this.blocks.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
    return i;
  }

  private embedBlock(uid: string): void {
    const r = this.resolver.resolve('embed', uid);
    if (!r.ok || r.kind === 'theme') {
      this.paragraph({ children: [brokenRun('embed', r.ok ? '' : r.reason)] });
      return;
    }
    const paragraphs = r.passage.quote.trim().split(/\n[ \t]*\n+/);
    for (const p of paragraphs) {
      const lines = p.trim().split('\n');
      this.paragraph({ style: STYLE.quote, children: lines.map((l, i) => new TextRun({ text: l.trim(), break: i > 0 ? 1 : undefined })) });
    }
    const source = embedSourceSegments(r.passage.article);
    if (source.length) this.paragraph({ style: STYLE.quoteSource, children: segmentRuns(source) });
  }

  private footnoteFor(passage: CitedPassage): FootnoteReferenceRun {
    const id = this.nextFootnote++;
    this.footnotes[id] = { children: [new Paragraph({ children: segmentRuns(footnoteSegments(passage)) })] };
    return new FootnoteReferenceRun(id);
  }

  /** Inline tokens -> runs, tracking bold/italic/strike and links. */
  private inline(token: MdToken | undefined, base: RunFormat = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    let bold = 0;
    let italics = 0;
    let strike = 0;
    let link: { href: string; runs: ParagraphChild[] } | null = null;
    const fmt = (): RunFormat => ({ bold: base.bold || bold > 0 || undefined, italics: base.italics || italics > 0 || undefined, strike: strike > 0 || undefined });
    const push = (run: ParagraphChild): void => {
      if (link) link.runs.push(run);
      else out.push(run);
    };
    const closeLink = (): void => {
      if (link && link.runs.length) out.push(new ExternalHyperlink({ link: link.href, children: link.runs }));
    };
    for (const c of token?.children ?? []) {
      switch (c.type) {
        case 'text':
          push(new TextRun({ text: c.content, ...fmt() }));
          break;
        case 'code_inline':
          push(new TextRun({ text: c.content, font: MONO_FONT, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F3F5' }, ...fmt() }));
          break;
        case 'softbreak':
          push(new TextRun({ text: ' ', ...fmt() }));
          break;
        case 'hardbreak':
          push(new TextRun({ break: 1 }));
          break;
        case 'strong_open':
          bold++;
          break;
        case 'strong_close':
          bold--;
          break;
        case 'em_open':
          italics++;
          break;
        case 'em_close':
          italics--;
          break;
        case 's_open':
          strike++;
          break;
        case 's_close':
          strike--;
          break;
        case 'link_open': {
          const href = String(c.attrGet('href') ?? '');
          if (WEB_OR_MAIL.test(href)) link = { href, runs: [] };
          break;
        }
        case 'link_close':
          closeLink();
          link = null;
          break;
        case 'image': {
          const alt = (c.children ?? []).map((x) => x.content).join('');
          push(new TextRun({ text: alt ? `[image: ${alt}]` : '[image]', ...fmt() }));
          break;
        }
        case INLINE_REF: {
          const runs = this.refRuns(refMeta(c), fmt());
          // Footnote marks do not belong inside a hyperlink: split the link around them.
          if (link) {
            const href: string = link.href;
            closeLink();
            out.push(...runs);
            link = { href, runs: [] };
          } else out.push(...runs);
          break;
        }
        default:
          if (c.content) push(new TextRun({ text: c.content, ...fmt() }));
      }
    }
    closeLink();
    return out;
  }

  private refRuns(meta: RefMeta, format: RunFormat): ParagraphChild[] {
    const r = this.resolver.resolve(meta.kind, meta.uid);
    if (!r.ok) return [brokenRun(meta.kind, r.reason)];
    if (r.kind === 'theme') return [new TextRun({ text: r.theme.name, ...format })];
    if (r.kind === 'embed') return [new TextRun({ text: `“${flattenQuote(r.passage.quote)}”`, ...format }), this.footnoteFor(r.passage)];
    return [this.footnoteFor(r.passage)];
  }
}

function brokenRun(kind: RefMeta['kind'], reason: string): TextRun {
  return new TextRun({ text: brokenMarkerText(kind, reason), highlight: 'yellow', bold: true });
}

function segmentRuns(segments: readonly Segment[]): ParagraphChild[] {
  return segments.map((s) =>
    s.url ? new ExternalHyperlink({ link: s.url, children: [new TextRun({ text: s.text, style: 'Hyperlink' })] }) : new TextRun({ text: s.text, italics: s.title || undefined }),
  );
}

function sortSources(sources: CitedArticle[]): CitedArticle[] {
  const key = (a: CitedArticle) => (a.author?.trim() || a.title.trim()).toLocaleLowerCase();
  return [...sources].sort((a, b) => key(a).localeCompare(key(b)) || a.title.localeCompare(b.title));
}

/** The Word document, without packing (useful to measure or extend). */
export function buildMemoDocument(memo: Pick<Memo, 'title' | 'body'>, lookup: PassageLookup, options: DocxExportOptions = {}): { document: Document; warnings: ExportWarning[] } {
  const resolver = new CitationResolver(lookup, options.themes);
  const { broken, sources } = resolveCitations(parseCitationTokens(memo.body), resolver);
  const builder = new DocxBuilder(resolver);
  const title = memo.title.trim() || 'Untitled memo';
  if (!bodyOpensWithH1(memo.body)) builder.blocks.push(new Paragraph({ heading: HeadingLevel.TITLE, text: title }));
  builder.build(createMemoMarkdownIt().parse(memo.body, {}));

  if (sources.length) {
    builder.blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: 'Sources' }));
    for (const a of sortSources(sources)) builder.blocks.push(new Paragraph({ style: STYLE.sourceEntry, children: segmentRuns(sourceEntrySegments(a)) }));
  }

  const document = new Document({
    title,
    creator: options.creator ?? 'Quarry',
    styles: MEMO_STYLES,
    numbering: { config: builder.numbering },
    footnotes: builder.footnotes,
    sections: [{ children: builder.blocks }],
  });
  return { document, warnings: broken.map(brokenWarning) };
}

export async function exportMemoDocx(memo: Pick<Memo, 'title' | 'body'>, lookup: PassageLookup, options: DocxExportOptions = {}): Promise<DocxExport> {
  const { document, warnings } = buildMemoDocument(memo, lookup, options);
  return { data: await Packer.toBuffer(document), warnings };
}
