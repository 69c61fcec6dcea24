// Long (~590 lines) by choice: one detector whose passes (head, tail, anywhere) share the Line model and
// the pattern tables below. What would split it: the date and byline parsers (parseDate, parseDateLine,
// parseByline) into a file of their own, the patterns and passes staying together.
// Web-page clutter in pasted articles: proposes cuts, never applies them itself.
//
// The detector works on lines, because pasted pages put labels, buttons and
// headlines on lines of their own, sometimes inside one paragraph. It is
// positional first and pattern second:
// - head: lines before the headline that are short labels (section names,
//   logos); after the headline, bylines, date lines, bare "Label:" fragments,
//   photo credits, the headline repeated, and a truncated teaser of a later
//   paragraph. The head ends once ~100 words of prose have gone by.
// - tail: from the first end-of-article marker ("Related Articles", "Leave a
//   comment", "About the Creator", ...) to the end, provided at least four
//   times as much prose comes before it as after; then, walking back from
//   there, lone tag words, footer links, share buttons, promos, copyright, the
//   author's name and repeats of earlier short lines (signatures), stopping at
//   the first line that is none of these.
// - anywhere: share-button lines, "Advertisement", photo credits, "Read more"
//   promos, copyright lines.
// Guard: a paragraph line of more than 25 words ending in terminal punctuation
// is never cut unless it duplicates another line (repeated headline, teaser):
// losing an article sentence costs more than keeping a stray promo. For the
// same reason "Readers interested in ... can find analysis at ..." closing
// pointers are kept: they are long, complete sentences.
import type { ClutterCut, ParsedMetadata } from './types';
import { normaliseText } from './decode';

interface Line {
  start: number; // UTF-16 offset of the line's first character in body
  end: number; // offset just past the last character (the \n is not included)
  text: string; // trimmed
  words: number;
  prose: boolean; // reads as a sentence: 12+ words, terminal punctuation, not truncated
  guarded: boolean; // long sentence: never cut unless it duplicates another line
  key?: string; // comparison key, computed on first use (see lineKey)
}

/** Metadata the detector recognised in the lines it inspected (headline, byline, ...). */
export interface ClutterFindings {
  cuts: ClutterCut[];
  found: ParsedMetadata;
}

/** Proposed cuts for `body` (canonical text), sorted, non-overlapping, each one or more whole lines. */
export function detectClutter(body: string, metadata: ParsedMetadata = {}): ClutterCut[] {
  return inspectArticle(body, metadata).cuts;
}

/**
 * Removes the cut ranges and restores canonical paragraph structure. A cut that
 * spans whole lines takes its line break with it, so cutting a line inside a
 * paragraph does not split that paragraph in two.
 */
export function applyCuts(body: string, cuts: readonly ClutterCut[]): string {
  if (cuts.length === 0) return body;
  const sorted = [...cuts].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const cut of sorted) {
    if (cut.start < 0 || cut.end > body.length || cut.start > cut.end) {
      throw new RangeError(`cut ${cut.start}-${cut.end} is outside the body (length ${body.length})`);
    }
    let start = Math.max(cut.start, pos);
    let end = cut.end;
    if (end <= start) continue;
    const atLineStart = start === 0 || body.charCodeAt(start - 1) === 10;
    const atLineEnd = end === body.length || body.charCodeAt(end) === 10;
    if (atLineStart && atLineEnd) {
      if (end < body.length) end++;
      else if (start > 0 && start - 1 >= pos) start--;
    }
    out += body.slice(pos, start);
    pos = end;
  }
  out += body.slice(pos);
  return normaliseText(out);
}

/**
 * detectClutter, plus the metadata recognised on the way: the headline (its
 * cleanest copy) as title, author and date from a byline or date line, the
 * site name from a "<Name> logo" line, the address from a bare URL line.
 * `metadata` (declared title, author, source) helps find the headline and the
 * author box; it is not modified.
 */
export function inspectArticle(body: string, metadata: ParsedMetadata = {}): ClutterFindings {
  const lines = splitLines(body);
  const found: ParsedMetadata = {};
  const reasons: (string | null)[] = new Array(lines.length).fill(null);
  if (lines.length === 0) return { cuts: [], found };

  const headline = findHeadline(lines, metadata.title);
  const headEnd = headRegionEnd(lines, headline);

  markHead(lines, reasons, headline, headEnd, found);
  if (headline >= 0) {
    found.title = markRepeatedHeadline(lines, reasons, headline);
    markTeasers(lines, reasons, headline, headEnd);
  }
  markAnywhere(lines, reasons, headline);
  const creator = metadata.author ?? found.author ?? null;
  const tailStart = markTailRegion(lines, reasons, headline);
  markTrailing(lines, reasons, tailStart, headline, [creator, metadata.source ?? found.source ?? null]);

  return { cuts: toCuts(lines, reasons), found };
}

// ---------------------------------------------------------------- lines

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const raw = body.slice(start, end);
    const text = raw.trim();
    if (text !== '') {
      const words = countWords(text);
      const terminal = endsSentence(text);
      const truncated = isTruncated(text);
      lines.push({
        start,
        end,
        text,
        words,
        prose: words >= 12 && terminal && !truncated,
        guarded: words > 25 && terminal && !truncated,
      });
    }
    start = end + 1;
  }
  return lines;
}

/** Words are runs of non-space characters with at least one letter or digit (so "|" and "•" are not words). */
function countWords(s: string): number {
  let n = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);
    if (space) {
      inToken = false;
      continue;
    }
    if (!inToken) counted = false;
    inToken = true;
    // Outside ASCII, anything but Latin-1 symbols, general punctuation, arrows
    // and box drawing counts (other scripts, CJK, emoji-decorated names).
    const wordy = c < 0x80 ? (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) : (c >= 0xc0 && c < 0x2000) || c > 0x25ff;
    if (wordy && !counted) {
      n++;
      counted = true;
    }
  }
  return n;
}

const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '*']);

/** `s` without closing quotes and brackets at its end (a loop: a regex here can go quadratic). */
function withoutClosers(s: string): string {
  let end = s.length;
  while (end > 0 && CLOSERS.has(s[end - 1])) end--;
  return s.slice(0, end);
}

function endsSentence(s: string): boolean {
  return '.!?。！？'.includes(withoutClosers(s).slice(-1) || '#');
}

function isTruncated(s: string): boolean {
  const t = withoutClosers(s);
  return t.endsWith('...') || t.endsWith('…');
}

/** Comparison key: case, punctuation, symbols and emoji do not count. */
function keyOf(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function lineKey(l: Line): string {
  l.key ??= keyOf(l.text);
  return l.key;
}

/** Lower-cased first word: a cheap filter before comparing whole keys. */
function firstWord(s: string): string {
  const space = s.indexOf(' ');
  return (space < 0 ? s : s.slice(0, space)).toLowerCase();
}

// ---------------------------------------------------------------- recognisers

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const MONTH_YEAR = new RegExp(`^${MONTH}\\.?,?\\s+(\\d{4})$`, 'i');
const NUMERIC_DATE = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 31 April and the like
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/**
 * The first unambiguous calendar date in `s`, as ISO 8601 (YYYY-MM-DD).
 * 03/04/2025 is ambiguous (March or April) and yields null; 25/03/2025 does not.
 * Relative dates ("a day ago") yield null: the copy date is unknown.
 */
export function parseDate(s: string): string | null {
  let m = ISO_DATE.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = DAY_MONTH_YEAR.exec(s);
  if (m) return isoDate(+m[3], monthNumber(m[2]), +m[1]);
  m = MONTH_DAY_YEAR.exec(s);
  if (m) return isoDate(+m[3], monthNumber(m[1]), +m[2]);
  m = NUMERIC_DATE.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    if (a > 12 && b <= 12) return isoDate(+m[3], b, a);
    if (b > 12 && a <= 12) return isoDate(+m[3], a, b);
    if (a === b) return isoDate(+m[3], a, b);
  }
  return null;
}

const DATE_PREFIX = /^(?:(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?|date(?:d)?)\s*:?\s*/i;
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const TIME_OR_ZONE = /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|JST|KST|IST|ET|PT)\b[+-]?\d*/gi;

/** A line that is only a date ("Published 12 March 2025", "March 12, 2025 10:30 GMT"): ISO date (maybe YYYY-MM), else null. */
export function parseDateLine(line: string): string | null {
  // Date lines are short; the length cap also bounds the regex work below.
  if (line.length > 120) return null;
  const s = line.trim().replace(DATE_PREFIX, '').replace(WEEKDAY, '');
  if (s === '' || countWords(s) > 8) return null;
  const rest = s.replace(TIME_OR_ZONE, ' ').replace(/[\s,|·•–—-]+$/g, '').trim();
  const my = MONTH_YEAR.exec(rest);
  if (my) return `${my[2]}-${String(monthNumber(my[1])).padStart(2, '0')}`;
  if (!/^(?:\d|[a-z])/i.test(rest)) return null;
  const iso = parseDate(rest);
  if (!iso) return null;
  // Whatever is left besides the date must be punctuation, not words.
  const leftover = rest
    .replace(ISO_DATE, '')
    .replace(DAY_MONTH_YEAR, '')
    .replace(MONTH_DAY_YEAR, '')
    .replace(NUMERIC_DATE, '')
    .replace(/[\s,.|·•–—-]+/g, '');
  return leftover === '' ? iso : null;
}

const BYLINE = /^(?:by|written by|words by|author|authors)\b\s*:?\s+(\S.*)$/i;
// Where the name ends in "By Jane Doe Published ..." style lines; pasted pages
// often glue the name to the next word ("Jane😎Published").
const AFTER_NAME =
  /(?:Published|Updated|Posted|Last updated|Photographs? by|Illustrations? by)\b|\d+\s*min(?:ute)?s?\s+read|\s[|·•—–]\s|,\s*(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)|\s+on\s+(?=(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d)/i;

export interface Byline {
  author: string;
  publishedAt: string | null;
}

/**
 * "By Jane Doe", "By Jane Doe, 12 March 2025", "Written by X | Reuters",
 * "By 😎Baلoch✨.zada😎Published a day ago 4 min read". Not "By 2030, ..." or
 * "By prioritising ... , Japan aims to ...": the name must not start with a
 * digit or lower-case letter and the line must not read as a sentence.
 */
export function parseByline(line: string): Byline | null {
  const t = line.trim();
  if (t.length > 200) return null;
  const m = BYLINE.exec(t);
  if (!m) return null;
  const rest = m[1];
  if (/^[\p{Ll}\p{N}]/u.test(rest)) return null;
  const words = countWords(t);
  if (words > 20 || (endsSentence(t) && words > 8)) return null;
  const cut = AFTER_NAME.exec(rest);
  const name = (cut ? rest.slice(0, cut.index) : rest).replace(/[\s,;:|·•–—-]+$/u, '').trim();
  if (name === '' || name.length > 100 || countWords(name) > 10) return null;
  const tail = cut ? rest.slice(cut.index) : '';
  return { author: name, publishedAt: tail ? parseDate(tail) : null };
}

// Whole-line patterns. Each is only tried on short lines (see `shortEnough`),
// which keeps the per-line cost constant on long paragraphs.
const SHARE_WORD = '(?:share|tweet|e-?mail|print|copy link|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram|flipboard|mastodon|bluesky|threads)';
const SHARE = new RegExp(
  `^(?:share(?: this(?: article| story| post| page)?)?(?: on| via)?:?\\s*)?(?:${SHARE_WORD}(?:[\\s|·•,/]+|$))+$|^share(?: this(?: article| story| post| page)?)?:?$`,
  'i',
);
const FURNITURE =
  /^(?:advertisement|advert|sponsored(?: content)?|skip to (?:main )?content|listen to (?:this )?(?:article|story)|\d+\s*min(?:ute)?s? read|continue reading|back to top|show more|scroll to continue(?: with content)?|story continues below(?: advertisement)?|loading\.*)$/i;
const PHOTO_CREDIT =
  /^(?:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?|videos?|credits?|pictured)(?:\s+credits?)?\s*(?::|by\b|©|\/|courtesy\b)|\b(?:on|via|from) (?:unsplash|pexels|pixabay|getty images|shutterstock|flickr|wikimedia commons|istock)\.?$/i;
const PROMO = /^(?:in other news\b|(?:also|read|see) (?:read|also|more|next)\b|read more\b|related:|more:|watch:|listen:|click here\b|sign up for\b|subscribe (?:to|for|now)\b)/i;
const COPYRIGHT = /^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\.?$/i;
const SOCIAL = /^(?:find|follow|join|like|connect with) us(?:\s+on\b.*)?$/i;
const FOOTER_LINK =
  /^(?:(?:miscellaneous|useful|quick|footer|site) links|privacy(?: policy| notice)?|terms(?: of (?:use|service))?|terms and conditions|cookies?(?: policy| settings| preferences)?|contact(?: us)?|about us|advertise(?: with us)?|careers|jobs|sitemap|help(?: center| centre)?|support|faq|explore|accessibility)$/i;
const TAGS = /^(?:(?:tags?|topics?|filed under|categor(?:y|ies)|keywords)\s*:|(?:#[\p{L}\p{N}_]+[\s,]*)+$)/iu;
const URL_LINE = /^(?:https?:\/\/|www\.)\S+$/i;
const LOGO = /^(.{1,40}?)\s+logo$/i;
const BULLET = /^(?:[•·▪◦‣●○■□➤►→*+-]|\d{1,2}[.)])\s+/u;
const EMPTY_LABEL = /^[\p{L}][\p{L}\p{N}'’ -]{0,30}:$/u;

interface Marker {
  pattern: RegExp;
  reason: string;
}

// Lines that start the page furniture after an article; everything after the
// first of them (with more prose before than after) is clutter.
const TAIL_MARKERS: Marker[] = [
  {
    pattern:
      /^(?:leave a (?:comment|reply)|comments?(?: \(\d+\))?|\d+ comments?|post a comment|add a comment|join the (?:conversation|discussion)|(?:sign|log) in to (?:comment|reply)|show comments|view comments|there are no comments.*|be the first to (?:comment|respond).*|your email address will not be published.*)$/i,
    reason: 'comments',
  },
  {
    pattern:
      /^(?:related(?: articles| stories| posts| content| reading| news| coverage| topics)?|recommended(?: for you| stories| articles| reading)?|you (?:may|might) also (?:like|enjoy)|more (?:from|on|in|stories|articles|news)\b.{0,40}|read (?:more|next)|what to read next|popular(?: now| stories| articles)?|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|latest(?: news| stories| articles)?|editor'?s? picks|don'?t miss|top stories)$/i,
    reason: 'related articles',
  },
  { pattern: /^(?:about the (?:author|creator|writer|contributor)s?|author(?:'s)? bio)$/i, reason: 'about the author' },
  {
    pattern:
      /^(?:reader insights|add your insights|rate this (?:article|story|post)|was this (?:article |story )?helpful\??|did you (?:like|enjoy) this (?:article|story)\??|share your (?:thoughts|insights|feedback))$/i,
    reason: 'reader feedback',
  },
  { pattern: /^(?:newsletter|subscribe|sign up for (?:our|the) .{0,40}newsletter.*)$/i, reason: 'newsletter sign-up' },
];

function shortEnough(l: Line, maxWords = 12): boolean {
  return l.words <= maxWords && l.text.length <= 200;
}

/** Reason for a line that is clutter wherever it appears, or null. */
function anywhereReason(l: Line): string | null {
  if (!shortEnough(l, 30) || l.prose) return null;
  const t = l.text;
  if (l.words <= 8 && SHARE.test(t)) return 'share buttons';
  if (l.words <= 8 && FURNITURE.test(t)) return 'page furniture';
  if (l.words <= 15 && PHOTO_CREDIT.test(t)) return 'photo credit';
  if (PROMO.test(t)) return 'promo link';
  if (l.words <= 25 && COPYRIGHT.test(t)) return 'copyright';
  return null;
}

function markerReason(l: Line): string | null {
  if (!shortEnough(l)) return null;
  for (const m of TAIL_MARKERS) if (m.pattern.test(l.text)) return m.reason;
  return null;
}

function isTagLike(l: Line): boolean {
  const t = l.text;
  if (l.words <= 20 && TAGS.test(t)) return true;
  // A lone label: "politics", "Three Corporate". Lines opening with a dash are
  // sign-offs or attributions ("— Reuters") and stay.
  return l.words <= 3 && t.length <= 40 && !/[.!?:;,]$/.test(t) && !/^[—–-]/.test(t) && !/^\d+$/.test(t);
}

function isLinkItem(l: Line): boolean {
  if (!BULLET.test(l.text)) return false;
  const item = l.text.replace(BULLET, '');
  return countWords(item) <= 5 && !/[.!?:;]$/.test(item);
}

// ---------------------------------------------------------------- head

/**
 * Index of the headline: the first line, among the first ten, that is neither
 * clutter nor prose and either has 4+ words or sits right before prose. Short
 * lines before it are site labels. No headline when prose comes first.
 */
function findHeadline(lines: Line[], title: string | null | undefined): number {
  const limit = Math.min(lines.length, 10);
  if (title) {
    // The declared title may be the clean copy of a headline the page decorated.
    const key = keyOf(title);
    for (let i = 0; i < limit; i++) if (sameHeadline(key, lineKey(lines[i]))) return i;
  }
  for (let i = 0; i < limit; i++) {
    const l = lines[i];
    if (isHeadClutter(l)) continue;
    if (l.prose) return -1;
    const nextIsProse = i + 1 < lines.length && lines[i + 1].prose;
    if (l.words <= 30 && !/[.;,]$/.test(l.text) && !BULLET.test(l.text) && (l.words >= 4 || nextIsProse)) return i;
  }
  return -1;
}

function isHeadClutter(l: Line): boolean {
  return (
    anywhereReason(l) !== null ||
    (l.words <= 4 && LOGO.test(l.text)) ||
    URL_LINE.test(l.text) ||
    parseByline(l.text) !== null ||
    (l.words <= 10 && parseDateLine(l.text) !== null)
  );
}

/** Index after the last line of the head: where ~100 words of prose have been read. */
function headRegionEnd(lines: Line[], headline: number): number {
  let prose = 0;
  for (let i = Math.max(headline, 0); i < lines.length; i++) {
    if (lines[i].prose) prose += lines[i].words;
    if (prose >= 100) return i + 1;
  }
  return lines.length;
}

function markHead(lines: Line[], reasons: (string | null)[], headline: number, headEnd: number, found: ParsedMetadata): void {
  for (let i = 0; i < headEnd; i++) {
    const l = lines[i];
    if (i === headline) continue;
    const t = l.text;
    const logo = l.words <= 4 ? LOGO.exec(t) : null;
    if (logo) {
      reasons[i] = 'site logo';
      found.source ??= logo[1].trim();
      continue;
    }
    if (URL_LINE.test(t)) {
      reasons[i] = 'source address';
      found.url ??= /^www\./i.test(t) ? `https://${t}` : t;
      continue;
    }
    const byline = parseByline(t);
    if (byline) {
      reasons[i] = 'byline';
      found.author ??= byline.author;
      if (byline.publishedAt) found.publishedAt ??= byline.publishedAt;
      continue;
    }
    const date = l.words <= 10 ? parseDateLine(t) : null;
    if (date) {
      reasons[i] = 'date line';
      found.publishedAt ??= date;
      continue;
    }
    if (i < headline && !l.prose) {
      reasons[i] = anywhereReason(l) ?? 'site label';
      continue;
    }
    // "Subtitle:" and the like: a label whose content the page did not copy.
    if (i > headline && l.words <= 2 && EMPTY_LABEL.test(t)) reasons[i] = 'empty label';
  }
}

function sameHeadline(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return countWords(short) >= 4 && short.length >= 0.6 * long.length && long.startsWith(`${short} `);
}

/** Cuts later copies of the headline; returns the cleanest copy (the shortest) as the title. */
function markRepeatedHeadline(lines: Line[], reasons: (string | null)[], headline: number): string {
  const first = lines[headline];
  const key = lineKey(first);
  let title = first.text;
  for (let i = headline + 1; i < lines.length; i++) {
    const l = lines[i];
    // Copies differ at most by a decoration at the end; skip lines that cannot match.
    if (l.text.length > 2 * first.text.length + 20 || 2 * l.text.length + 20 < first.text.length) continue;
    if (sameHeadline(key, lineKey(l))) {
      reasons[i] = 'repeated headline';
      if (l.text.length < title.length) title = l.text;
    }
  }
  return title;
}

/** A head line that is the opening of a later paragraph, cut short ("...", ",", or just ended). */
function markTeasers(lines: Line[], reasons: (string | null)[], headline: number, headEnd: number): void {
  for (let i = headline + 1; i < headEnd; i++) {
    const l = lines[i];
    if (reasons[i] || l.words < 6) continue;
    const word = firstWord(l.text);
    for (let j = i + 1; j < Math.min(lines.length, i + 40); j++) {
      const other = lines[j];
      if (other.text.length < l.text.length - 3 || firstWord(other.text) !== word) continue;
      const key = lineKey(l);
      const otherKey = lineKey(other);
      if (otherKey === key || otherKey.startsWith(`${key} `)) {
        reasons[i] = 'teaser';
        break;
      }
    }
  }
}

// ---------------------------------------------------------------- body and tail

function markAnywhere(lines: Line[], reasons: (string | null)[], headline: number): void {
  for (let i = 0; i < lines.length; i++) {
    if (reasons[i] || i === headline || lines[i].guarded) continue;
    reasons[i] = anywhereReason(lines[i]);
  }
}

/** Cuts from the first end-of-article marker to the end; returns the marker's index (or lines.length). */
function markTailRegion(lines: Line[], reasons: (string | null)[], headline: number): number {
  let total = 0;
  for (const l of lines) if (l.prose) total += l.words;
  let before = 0;
  let start = lines.length;
  for (let i = Math.max(headline + 1, 0); i < lines.length; i++) {
    const l = lines[i];
    // The furniture after an article holds little prose; a "Related" or
    // "Comments" heading followed by much prose is part of the article.
    if (before > 0 && 4 * (total - before) <= before && markerReason(l)) {
      start = i;
      break;
    }
    if (l.prose) before += l.words;
  }
  let region = 'site footer';
  for (let i = start; i < lines.length; i++) {
    const l = lines[i];
    const marker = markerReason(l);
    if (marker) region = marker;
    if (l.guarded) continue;
    reasons[i] = marker ?? reasonForTrailing(l) ?? reasons[i] ?? (isLinkItem(l) ? 'link list' : region);
  }
  return start;
}

function reasonForTrailing(l: Line): string | null {
  if (l.words <= 8 && (SOCIAL.test(l.text) || FOOTER_LINK.test(l.text.replace(BULLET, '')))) return 'footer links';
  if (l.words <= 25 && COPYRIGHT.test(l.text)) return 'copyright';
  return null;
}

/** Walks back from the tail region over lone tags, link lists, signatures and the like. */
function markTrailing(
  lines: Line[],
  reasons: (string | null)[],
  tailStart: number,
  headline: number,
  names: (string | null)[],
): void {
  const nameKeys = new Set(names.filter((n): n is string => !!n).map(keyOf));
  const earlier = new Map<string, number>();
  for (let i = 0; i < tailStart; i++) {
    if (lines[i].words > 12) continue;
    const key = lineKey(lines[i]);
    if (!earlier.has(key)) earlier.set(key, i);
  }
  for (let i = tailStart - 1; i > headline; i--) {
    const l = lines[i];
    if (reasons[i]) continue;
    const key = lineKey(l);
    const first = earlier.get(key);
    let reason: string | null = null;
    if (nameKeys.has(key)) reason = 'author name';
    else if (first !== undefined && first < i && key !== '') reason = 'signature';
    else reason = reasonForTrailing(l) ?? (isTagLike(l) ? 'tag' : null);
    if (!reason) break;
    reasons[i] = reason;
  }
}

function toCuts(lines: Line[], reasons: (string | null)[]): ClutterCut[] {
  const cuts: ClutterCut[] = [];
  for (let i = 0; i < lines.length; i++) {
    const reason = reasons[i];
    if (!reason) continue;
    const prev = cuts[cuts.length - 1];
    // Adjacent cut lines with one reason (say, a whole "Related Articles"
    // section) become one cut; only blank lines lie between them.
    if (prev && reasons[i - 1] === reason && prev.end === lines[i - 1].end) {
      prev.end = lines[i].end;
    } else {
      cuts.push({ start: lines[i].start, end: lines[i].end, reason });
    }
  }
  return cuts;
}
