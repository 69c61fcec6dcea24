// Test-only: .qdpx archives shaped like real NVivo and ATLAS.ti exports
// (NOTES.md §6.2, §10). Offsets are computed here with simple, independent
// code (String.indexOf / Array.from), not with the importer's functions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildZip, type ZipFileSpec } from '../zip-write';
import { REPO_ROOT } from './snapshot-fixture';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/refi');

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

export function zip(files: Record<string, string | Buffer>): Promise<Buffer> {
  const specs: ZipFileSpec[] = Object.entries(files).map(([p, data]) => ({ path: p, data }));
  return buildZip(specs);
}

/** NOTES §7 minimal project, zipped with its 71-byte source. */
export function minimalQdpx(qde = fixture('minimal-project.qde').toString('utf8')): Promise<Buffer> {
  return zip({ 'project.qde': qde, 'sources/6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F.txt': fixture('minimal-source.txt') });
}

// ---- NVivo for Windows: UTF-16 units, BOM, CRLF = 2, Sources/, braces ----

export const NVIVO_TEXT = 'P1: I love the 🌸 season.\r\nIt feels 😊 calm — really calm.\r\n🇯🇵 Japan is next.\r\n';

function utf16Span(text: string, quote: string): [number, number] {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`fixture: ${quote} not found`);
  return [start, start + quote.length];
}

export function nvivoQdpx(): Promise<Buffer> {
  const [s1, e1] = utf16Span(NVIVO_TEXT, 'It feels 😊 calm');
  const [s2, e2] = utf16Span(NVIVO_TEXT, 'Japan is next.');
  const [s3, e3] = utf16Span(NVIVO_TEXT, 'really calm.');
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="NVivo study" origin="NVivo 12.6 (Windows)">
  <CodeBook><Codes>
    <Code guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Mood" isCodable="true" color="#FF0000">
      <Code guid="{AAAAAAAA-0000-4000-8000-000000000002}" name="Calm" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Variables><Variable guid="{BBBBBBBB-0000-4000-8000-000000000001}" name="Age" typeOfVariable="Integer"/></Variables>
  <Cases><Case guid="{BBBBBBBB-0000-4000-8000-000000000002}" name="Participant 1">
    <VariableValue><VariableRef targetGUID="{BBBBBBBB-0000-4000-8000-000000000001}"/><IntegerValue>34</IntegerValue></VariableValue>
    <SourceRef targetGUID="{DDDDDDDD-0000-4000-8000-000000000001}"/>
  </Case></Cases>
  <Sources>
    <TextSource guid="{DDDDDDDD-0000-4000-8000-000000000001}" name="Interview P1" plainTextPath="internal://DDDDDDDD-0000-4000-8000-000000000001.txt">
      <PlainTextSelection guid="{EEEEEEEE-0000-4000-8000-000000000001}" name="It feels 😊 calm" startPosition="${s1}" endPosition="${e1}">
        <Coding guid="{FFFFFFFF-0000-4000-8000-000000000001}"><CodeRef targetGUID="{AAAAAAAA-0000-4000-8000-000000000002}"/></Coding>
        <Coding guid="{FFFFFFFF-0000-4000-8000-000000000002}"><CodeRef targetGUID="{BBBBBBBB-0000-4000-8000-000000000002}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{EEEEEEEE-0000-4000-8000-000000000002}" name="Japan is next." startPosition="${s2}" endPosition="${e2}">
        <Coding guid="{FFFFFFFF-0000-4000-8000-000000000003}"><CodeRef targetGUID="{AAAAAAAA-0000-4000-8000-000000000001}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{EEEEEEEE-0000-4000-8000-000000000003}" name="Selection 3" startPosition="${s3}" endPosition="${e3}"/>
    </TextSource>
  </Sources>
  <Notes><Note guid="{CCCCCCCC-0000-4000-8000-000000000001}" name="Annotation"><PlainTextContent>Sounds relaxed.</PlainTextContent></Note></Notes>
  <Links><Link guid="{0A0A0A0A-0000-4000-8000-000000000001}" name="annotates" direction="OneWay" originGUID="{CCCCCCCC-0000-4000-8000-000000000001}" targetGUID="{EEEEEEEE-0000-4000-8000-000000000003}"/></Links>
</Project>`;
  const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NVIVO_TEXT, 'utf8')]);
  return zip({ 'project.qde': qde, 'Sources/DDDDDDDD-0000-4000-8000-000000000001.txt': text });
}

// ---- ATLAS.ti: code points, CRLF counted as 1, <name>.qde ----

export const ATLAS_TEXT = 'Q: Any worries?\r\nA: Prices 📈 rise.\r\nA: Supply 🛢 is short.\r\n';

/** Code-point offsets over the text with each CRLF counted once. */
function atlasSpan(text: string, quote: string): [number, number] {
  const lf = text.replace(/\r\n/g, '\n');
  const i = lf.indexOf(quote);
  if (i < 0) throw new Error(`fixture: ${quote} not found`);
  const start = Array.from(lf.slice(0, i)).length;
  return [start, start + Array.from(quote).length];
}

export function atlasQdpx(): Promise<Buffer> {
  const [s1, e1] = atlasSpan(ATLAS_TEXT, 'Prices 📈 rise.');
  const [s2, e2] = atlasSpan(ATLAS_TEXT, 'Supply 🛢 is short.');
  const [s3, e3] = atlasSpan(ATLAS_TEXT, 'Any worries?');
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Atlas study" origin="ATLAS.ti 23.0.8">
  <CodeBook><Codes>
    <Code guid="11111111-0000-4000-8000-000000000001" name="Economy" isCodable="true" color="#00FF00">
      <Description>Money matters</Description>
      <Code guid="11111111-0000-4000-8000-000000000002" name="Prices" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="22222222-0000-4000-8000-000000000001" name="Interview A" plainTextPath="internal://33333333-0000-4000-8000-000000000001.txt">
      <PlainTextSelection guid="44444444-0000-4000-8000-000000000001" name="Prices 📈 rise." startPosition="${s1}" endPosition="${e1}">
        <Description>Inflation worry</Description>
        <Coding guid="55555555-0000-4000-8000-000000000001"><CodeRef targetGUID="11111111-0000-4000-8000-000000000002"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="44444444-0000-4000-8000-000000000002" name="Supply 🛢 is short." startPosition="${s2}" endPosition="${e2}">
        <Coding guid="55555555-0000-4000-8000-000000000002"><CodeRef targetGUID="11111111-0000-4000-8000-000000000001"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="44444444-0000-4000-8000-000000000003" name="Any worries?" startPosition="${s3}" endPosition="${e3}">
        <Description>MAXQDA-style memo: a selection with a comment and no code</Description>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  return zip({ 'MyProject.qde': qde, 'sources/33333333-0000-4000-8000-000000000001.txt': ATLAS_TEXT });
}
