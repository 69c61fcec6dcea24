// The project's own test corpus (test/fixtures/corpus, see its README): short
// articles written for Quarry that together carry every hazard real pasted web
// articles carry. Tests that need "some hazardous articles" use these; the real
// articles in ../shared are an extra set (test/helpers/shared.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { detectClutter } from '../../electron/import/clutter';
import { decodeText } from '../../electron/import/decode';
import { htmlStringToArticle } from '../../electron/import/html';
import { parsePlainText } from '../../electron/import/text';
import type { ClutterCut, ParsedMetadata } from '../../electron/import/types';
import { REPO_ROOT } from './repo';

/** The articles alone (a folder to import as a whole), and their expectations beside it. */
export const CORPUS_DIR = path.join(REPO_ROOT, 'test/fixtures/corpus/articles');
export const EXPECTED_DIR = path.join(REPO_ROOT, 'test/fixtures/corpus/expected');

const ARTICLE = /\.(txt|md|html)$/;

/** Hazards a corpus file can declare; each is checked against its bytes or body (corpus.test.ts). */
export const HAZARDS = [
  'web-clutter',
  'flag-emoji',
  'zwj-emoji',
  'astral',
  'variation-selector',
  'combining-marks',
  'nbsp',
  'japanese',
  'arabic',
  'hebrew',
  'crlf',
  'bom',
  'windows-1252',
  'line-per-paragraph',
  'markdown',
  'front-matter',
  'html',
] as const;
export type Hazard = (typeof HAZARDS)[number];

/** `expected/<name>.expected.json`: the clutter cut (same shape as test/fixtures/clutter) plus canonical-text facts. */
export interface CorpusExpectation {
  source: string;
  firstParagraph: string;
  lastParagraph: string;
  mustKeep: string[];
  /** Whole lines that must not be in the clean text (cut by the detector, or left out by the HTML importer). */
  mustCut: string[];
  appearOnce: string[];
  /** The detector must propose no cut at all. */
  noCuts?: boolean;
  /** Lines that should be cut but are not yet: kept, with the reason (update the fixture when they go). */
  knownMisses?: { line: string; why: string }[];
  metadata: ParsedMetadata;
  facts: {
    raw: { encoding: 'utf-8' | 'windows-1252'; bom: boolean; lineEnding: 'lf' | 'crlf' };
    warnings: string[];
    hazards: Hazard[];
    /** Exact substrings of the canonical body (JSON escapes make invisible characters visible). */
    contains: string[];
    lacks?: string[];
  };
  why: string;
}

export interface CorpusArticle {
  name: string;
  path: string;
  format: 'txt' | 'md' | 'html';
  bytes: Buffer;
  /** Canonical body, as the importer stores it (before any cut is applied). */
  body: string;
  metadata: ParsedMetadata;
  cuts: ClutterCut[];
  warnings: string[];
}

let cache: readonly CorpusArticle[] | null = null;

/**
 * Every corpus article, parsed the way `parseFile` does (same functions, called
 * synchronously so direct-insert helpers stay synchronous; corpus.test.ts checks
 * the two agree), sorted by file name.
 */
export function corpusArticles(): readonly CorpusArticle[] {
  cache ??= Object.freeze(
    readdirSync(CORPUS_DIR)
      .filter((f) => ARTICLE.test(f))
      .sort()
      .map((name) => parseCorpusFile(name)),
  );
  return cache;
}

function parseCorpusFile(name: string): CorpusArticle {
  const p = path.join(CORPUS_DIR, name);
  const bytes = readFileSync(p);
  const format = path.extname(name).slice(1) as CorpusArticle['format'];
  // Every corpus page declares UTF-8, so decodeText reads it as parseHtml's decoder would.
  const parsed =
    format === 'html'
      ? htmlStringToArticle(decodeText(bytes, name).text, name)
      : parsePlainText({ bytes, fileName: name, format });
  const cuts = parsed.cuts.length > 0 ? parsed.cuts : detectClutter(parsed.body, parsed.metadata);
  return Object.freeze({ name, path: p, format, bytes, body: parsed.body, metadata: parsed.metadata, cuts, warnings: parsed.warnings });
}

/** One corpus article by file name; throws on a name that is not in the corpus. */
export function corpusArticle(name: string): CorpusArticle {
  const a = corpusArticles().find((x) => x.name === name);
  if (!a) throw new Error(`test corpus: no article ${name} in ${CORPUS_DIR}`);
  return a;
}

export function corpusPath(name: string): string {
  return corpusArticle(name).path;
}

export function corpusExpectation(name: string): CorpusExpectation {
  const base = name.replace(ARTICLE, '');
  return JSON.parse(readFileSync(path.join(EXPECTED_DIR, `${base}.expected.json`), 'utf8')) as CorpusExpectation;
}

/**
 * Roles the tests rely on, so a test says what it needs rather than a file name
 * it happens to know. Each is documented in the corpus README.
 */
export const CORPUS = {
  /** Emoji section markers, flags, ZWJ sequences, NBSP, indented lists, Japanese; signature clutter at the end. */
  hazards: 'port-strike-assessment.txt',
  /** Blog-platform clutter at both ends; Arabic and Hebrew paragraphs; emoji + Arabic in the byline. */
  blog: 'rare-earth-recycling-blog.txt',
  /** News-site clutter: section label, teaser, share buttons, repeated headline, comments, related articles. */
  news: 'city-budget-vote.txt',
  /** Clean, one paragraph per line, no cut at all; the only article that names "Ardmorran". */
  clean: 'desalination-plant-clean.txt',
  /** BOM, CRLF, one paragraph per line, a dash list, decomposed (NFD) Vietnamese and "café". */
  wire: 'grain-corridor-wire.txt',
  /** Windows-1252 bytes (curly quotes, €, dashes, …, ‰, Œ, ™). */
  cp1252: 'harbour-levy-cp1252.txt',
  /** Markdown with YAML front matter. */
  markdown: 'lithium-tender-notes.md',
  /** A news page with a cookie banner, nav, share buttons, related links, footer; Hebrew and Arabic. */
  page: 'river-basin-accord.html',
  /** A div-only blog page with comments and a sidebar; Japanese. */
  blogPage: 'transit-fare-review.html',
} as const;

/** A word that is in exactly one corpus article (CORPUS.clean), and one that is in several. */
export const UNIQUE_WORD = 'Ardmorran';
export const COMMON_WORD = 'harbour';
