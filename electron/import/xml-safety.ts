// Decoding XML parts and refusing DTDs, for every importer that reads XML
// (DOCX parts, EPUB container/package/chapters, REFI-QDA .qde/.qdc).
//
// A DTD is how external entities (XXE) and entity expansion ("billion
// laughs") get in. Looking for "<!DOCTYPE" in the raw bytes misses it when the
// part is UTF-16: there the markup is "<\0!\0D\0..." So the check runs on the
// text as an XML parser would decode it (XML 1.0 Appendix F): a byte-order
// mark, else the pattern of the first bytes ("<?" in UTF-16 has NULs between),
// else NULs on every other byte, else UTF-8. UTF-32 is refused outright:
// nothing Quarry reads is written in it, and no decoder here reads it.
import { ImportError } from './types';

export type XmlEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** How the bytes of an XML part are encoded, or 'utf-32' (refused). */
export function sniffXmlEncoding(b: Uint8Array): { encoding: XmlEncoding | 'utf-32'; bom: number } {
  const at = (i: number) => (i < b.length ? b[i] : -1);
  if (at(0) === 0x00 && at(1) === 0x00 && at(2) === 0xfe && at(3) === 0xff) return { encoding: 'utf-32', bom: 4 };
  if (at(0) === 0xff && at(1) === 0xfe && at(2) === 0x00 && at(3) === 0x00) return { encoding: 'utf-32', bom: 4 };
  if (at(0) === 0xef && at(1) === 0xbb && at(2) === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (at(0) === 0xff && at(1) === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (at(0) === 0xfe && at(1) === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // No BOM: "<" as the first character, in each encoding (Appendix F).
  if (at(0) === 0x3c && at(1) === 0x00 && at(2) === 0x00 && at(3) === 0x00) return { encoding: 'utf-32', bom: 0 };
  if (at(0) === 0x00 && at(1) === 0x00 && at(2) === 0x00 && at(3) === 0x3c) return { encoding: 'utf-32', bom: 0 };
  if (at(0) === 0x3c && at(1) === 0x00 && at(2) !== 0x00 && at(3) === 0x00) return { encoding: 'utf-16le', bom: 0 };
  if (at(0) === 0x00 && at(1) === 0x3c && at(2) === 0x00 && at(3) !== 0x00) return { encoding: 'utf-16be', bom: 0 };
  // Leading whitespace or text before the first "<": NULs on one side of every pair.
  const n = Math.min(b.length, 1024) & ~1;
  if (n >= 4) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (b[i] === 0) even++;
      if (b[i + 1] === 0) odd++;
    }
    const pairs = n / 2;
    if (odd / pairs > 0.4 && even / pairs < 0.05) return { encoding: 'utf-16le', bom: 0 };
    if (even / pairs > 0.4 && odd / pairs < 0.05) return { encoding: 'utf-16be', bom: 0 };
  }
  return { encoding: 'utf-8', bom: 0 };
}

/**
 * The text of an XML part, decoded as its encoding says, without the BOM.
 * Bytes that are not valid in that encoding become U+FFFD (the parser then
 * reports the part as malformed if it matters). Refuses UTF-32 with a message
 * naming the file and the part.
 */
export function decodeXmlPart(bytes: Uint8Array, fileName: string, partName: string): string {
  const { encoding, bom } = sniffXmlEncoding(bytes);
  if (encoding === 'utf-32') {
    throw new ImportError(fileName, 'encoding', `${partName} is encoded as UTF-32, which Quarry does not read; save it as UTF-8 and import it again`);
  }
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom));
}

export type DtdFinding = 'doctype' | 'internal-subset' | 'entity' | 'malformed';

/**
 * Finds DTD markup in decoded XML text: an <!ENTITY declaration anywhere, or
 * a <!DOCTYPE, noting whether it opens an internal subset ("[...]"). Quoted
 * system and public identifiers are skipped, so a "[" inside them opens
 * nothing; a ">" inside them, or a DOCTYPE that never ends, is 'malformed'. Text content cannot hold a literal "<", so a
 * "<!DOCTYPE" outside comments and CDATA is markup; one inside them is refused
 * too, which costs nothing real (no real part hides DTD syntax in a comment).
 */
export function findDtd(text: string): DtdFinding | null {
  if (/<!ENTITY/i.test(text)) return 'entity';
  const doctype = /<!DOCTYPE/gi;
  let found: DtdFinding | null = null;
  // Every DOCTYPE, not only the first: an HTML parser drops a second one at
  // its first ">", and the rest of its subset would become text.
  for (let m = doctype.exec(text); m; m = doctype.exec(text)) {
    found = 'doctype';
    let quote = '';
    let closed = false;
    for (let i = doctype.lastIndex; i < text.length && !closed; i++) {
      const c = text[i];
      if (quote) {
        if (c === quote) quote = '';
        // XML reads past a ">" inside an identifier, an HTML parser stops there:
        // the two would disagree about where the DOCTYPE ends.
        else if (c === '>' || c === '<') return 'malformed';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[') return 'internal-subset';
      else if (c === '>') closed = true;
    }
    if (!closed) return 'malformed';
  }
  return found;
}

/**
 * The DTD finding that makes decoded XML unsafe, or null. `allowExternalDoctype`
 * lets a plain `<!DOCTYPE html>` or `<!DOCTYPE ncx PUBLIC "..." "...">` through
 * (EPUB 2 chapters and NCX files carry one, and no parser here ever fetches
 * it); an internal subset, an entity declaration or a malformed DOCTYPE is
 * refused either way. Callers word the refusal for their format.
 */
export function unsafeDtd(text: string, o: { allowExternalDoctype?: boolean } = {}): DtdFinding | null {
  const found = findDtd(text);
  return !found || (found === 'doctype' && o.allowExternalDoctype) ? null : found;
}
