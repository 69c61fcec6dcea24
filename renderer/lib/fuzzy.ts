// Fuzzy matching for the palette and the theme picker: every typed character
// must appear in order; contiguous runs and word starts score higher.
export function fuzzyScore(query: string, text: string): number {
  const q = query.toLowerCase().trim();
  if (!q) return 1;
  const t = text.toLowerCase();
  if (t.includes(q)) return 1000 - t.indexOf(q) + (t.startsWith(q) ? 500 : 0);
  let score = 0;
  let ti = 0;
  let run = 0;
  for (const ch of q) {
    if (ch === ' ') continue;
    const found = t.indexOf(ch, ti);
    if (found < 0) return 0;
    run = found === ti ? run + 1 : 0;
    const wordStart = found === 0 || /[\s\-_/>]/.test(t[found - 1]);
    score += 1 + run * 2 + (wordStart ? 5 : 0);
    ti = found + 1;
  }
  return score;
}
