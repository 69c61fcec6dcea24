// Renders a search snippet whose matches are delimited by \u0001 ... \u0002 as
// text nodes and <mark> elements: never as HTML.
export function Marked({ text }: { text: string }) {
  const parts: { t: string; m: boolean }[] = [];
  let inside = false;
  let buf = '';
  for (const ch of text) {
    if (ch === '\u0001' || ch === '\u0002') {
      if (buf) parts.push({ t: buf, m: inside });
      buf = '';
      inside = ch === '\u0001';
    } else buf += ch;
  }
  if (buf) parts.push({ t: buf, m: inside });
  return (
    <>
      {parts.map((p, i) => (p.m ? <mark key={i}>{p.t}</mark> : <span key={i}>{p.t}</span>))}
    </>
  );
}
