// Test-only: excerpt rows built from the interchange test snapshot, so the
// exporters see real text (emoji, flags, Japanese, Arabic, quotes, newlines).
import type { Theme } from '../../../../db/types';
import { highlightOn, richSnapshot } from '../../../interchange/testing/snapshot-fixture';
import type { ExcerptRow, ExcerptTheme } from '../types';

function toExcerptTheme(themes: Theme[], t: Theme): ExcerptTheme {
  const path: string[] = [];
  for (let cur: Theme | undefined = t; cur; cur = themes.find((x) => x.id === cur!.parentId)) path.unshift(cur.name);
  return { id: t.id, name: t.name, path, description: t.description, color: t.color };
}

export function excerptRows(): ExcerptRow[] {
  const snap = richSnapshot();
  const a2 = snap.articles[1];
  // A passage with a tab, a blank line, a comma and Arabic, to stress every format.
  snap.highlights.push(highlightOn(110, 'e5000000-0000-4000-8000-000000000110', a2, 'a tab\there.\n\nArabic: مرحبا', { themeIds: [14], comment: 'multi, line\n"comment"' }));
  return snap.highlights.map((h) => {
    const a = snap.articles.find((x) => x.id === h.articleId)!;
    return {
      highlight: h,
      article: { uid: a.uid, title: a.title, source: a.source, author: a.author, publishedAt: a.publishedAt, url: a.url, body: a.body },
      themes: h.themeIds.map((id) => toExcerptTheme(snap.themes, snap.themes.find((t) => t.id === id)!)),
    };
  });
}
