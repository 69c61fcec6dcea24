// Monaco language features for memos (Markdown models the memo editor attaches):
// "@" completion of passages, "#" completion of themes, hover cards on tokens.
// Go to definition (F12 / Ctrl+click) is an editor action in MemoEditor, because
// Monaco's definition provider wants a model URI to jump to, and ours is a Reader route.
//
// Completion works against the store ("@" + words of the quote, a theme name or an
// article title), so results are marked incomplete: Monaco asks again on every
// keystroke. For that to happen while the query has spaces in it, "@query" (and
// "#query") must be one word for Monaco, hence the word pattern below.
import type { PassageHit } from '../../electron/api/contract-memos';
import { call, on } from '../api';
import { parseCitationTokens, type CitationToken } from '../../core/memo/tokens';
import { passageReason, themeReason, type BrokenStatus } from '../../core/memo/resolve';
import { escapeMd, hitDocumentation, hoverMarkdown, shortQuote, sourceLine, tokenAtOffset, triggerQuery } from './citations';
import { memoData } from './data';
import { monaco } from './monaco';

type Model = import('monaco-editor').editor.ITextModel;

const attached = new Set<string>();
let installed = false;

// Monaco's default word pattern, plus the run after an "@" or "#", which may contain
// spaces. The run starts after the trigger character (lookbehind): were the "@" part
// of the word, typing it just before existing text would look to Monaco like "one
// character typed before a word", a case it leaves to quick suggestions, and the
// trigger character would be ignored.
const WORD_PATTERN = /((?<=@)[^\s@[\]][^@[\]\n]{0,80})|((?<=#)[^\s#[\]][^#[\]\n]{0,40})|(-?\d*\.\d\w*)|([^`~!@#$%^&*()\-=+[{\]}\\|;:'",.<>/?\s]+)/g;

const tokenCache = new WeakMap<Model, { version: number; tokens: CitationToken[] }>();

/** Citation tokens of a model, parsed once per model version. */
export function modelTokens(model: Model): CitationToken[] {
  const v = model.getVersionId();
  const c = tokenCache.get(model);
  if (c && c.version === v) return c.tokens;
  const tokens = parseCitationTokens(model.getValue());
  tokenCache.set(model, { version: v, tokens });
  return tokens;
}

/** The citation token under a position of a model, if any. */
export function tokenAtPosition(model: Model, position: { lineNumber: number; column: number }): CitationToken | null {
  return tokenAtOffset(modelTokens(model), model.getOffsetAt(position));
}

/** Give a memo model the memo language features; returns the detach function. */
export function attachMemoModel(model: Model): () => void {
  installMemoLanguage();
  const key = model.uri.toString();
  attached.add(key);
  void searchHits('').catch(() => undefined); // fetched ahead: "@" opens at once
  return () => attached.delete(key);
}

const HITS = 25;

// Recent "@" answers, so that the list opens without waiting for the store (the
// empty query is fetched ahead) and backspacing is instant. Dropped whenever
// passages, themes or articles change.
const hitCache = new Map<string, PassageHit[]>();
let cacheSubscribed = false;
async function searchHits(query: string): Promise<PassageHit[]> {
  if (!cacheSubscribed) {
    cacheSubscribed = true;
    on('store.changed', (e) => {
      if (e.scopes.some((s) => s !== 'memos')) {
        hitCache.clear();
        void searchHits('').catch(() => undefined);
      }
    });
  }
  const key = query.trim().replace(/\s+/g, ' ').toLowerCase();
  const cached = hitCache.get(key);
  if (cached) return cached;
  const hits = await call('memos.searchPassages', { query, limit: HITS });
  if (hitCache.size > 50) hitCache.clear();
  hitCache.set(key, hits);
  return hits;
}

export function installMemoLanguage(): void {
  if (installed) return;
  installed = true;
  monaco.languages.setLanguageConfiguration('markdown', { wordPattern: WORD_PATTERN });

  monaco.languages.registerCompletionItemProvider('markdown', {
    triggerCharacters: ['@', '#'],
    async provideCompletionItems(model, position) {
      if (!attached.has(model.uri.toString())) return { suggestions: [] };
      const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const at = triggerQuery(before, '@');
      if (at) {
        const range = new monaco.Range(position.lineNumber, at.start + 1, position.lineNumber, position.column);
        const typed = before.slice(at.start);
        const hits = await searchHits(at.query);
        const suggestions = hits.flatMap((h, i) => {
          const themes = h.themes.map((t) => t.name).join(', ');
          const filterText = `${typed} ${h.quote} ${themes} ${h.article.title}`;
          const documentation = { value: hitDocumentation(h) };
          const rank = String(i).padStart(3, '0');
          return [
            {
              label: { label: `“${shortQuote(h.quote, 56)}”`, detail: themes ? `  ${themes}` : '', description: sourceLine(h.article) },
              kind: monaco.languages.CompletionItemKind.Reference,
              insertText: `[[hl:${h.uid}]]`,
              range,
              filterText,
              sortText: `${rank}a`,
              documentation,
            },
            {
              label: { label: `❝ quote “${shortQuote(h.quote, 48)}”`, detail: '', description: 'embed as a block quote' },
              // Not Kind.Text: the editor hides "word" items (suggest.showWords: false).
              kind: monaco.languages.CompletionItemKind.Snippet,
              insertText: `![[hl:${h.uid}]]`,
              range,
              filterText,
              sortText: `${rank}b`,
              documentation,
            },
          ];
        });
        return { suggestions, incomplete: true };
      }
      const hash = triggerQuery(before, '#');
      if (hash) {
        await memoData.ensure([]);
        const range = new monaco.Range(position.lineNumber, hash.start + 1, position.lineNumber, position.column);
        const typed = before.slice(hash.start);
        const q = hash.query.trim().toLowerCase();
        const all = memoData.allThemes().filter((t) => !t.deleted);
        const byId = new Map(all.map((t) => [t.id, t]));
        const path = (t: (typeof all)[number]) => {
          const names: string[] = [];
          for (let p = t.parentId === null ? undefined : byId.get(t.parentId); p && names.length < 8; p = p.parentId === null ? undefined : byId.get(p.parentId)) names.unshift(p.name);
          return names.join(' › ');
        };
        const suggestions = all
          .filter((t) => !q || t.name.toLowerCase().includes(q))
          .slice(0, 100)
          .map((t, i) => ({
            label: { label: t.name, description: path(t) },
            kind: monaco.languages.CompletionItemKind.Color,
            documentation: t.color,
            insertText: `#[[theme:${t.uid}]]`,
            range,
            filterText: `${typed} ${t.name}`,
            sortText: String(t.name.toLowerCase().startsWith(q) ? 0 : 1) + String(i).padStart(4, '0'),
          }));
        return { suggestions, incomplete: true };
      }
      return { suggestions: [] };
    },
  });

  monaco.languages.registerHoverProvider('markdown', {
    async provideHover(model, position) {
      if (!attached.has(model.uri.toString())) return null;
      const t = tokenAtPosition(model, position);
      if (!t) return null;
      const start = model.getPositionAt(t.start);
      const end = model.getPositionAt(t.end);
      const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
      await memoData.ensure(t.kind === 'theme' ? [] : [t.uid]);
      if (t.kind === 'theme') {
        const th = memoData.themeLookup(t.uid);
        const text = !th ? `**Broken theme reference**: ${themeReason('missing')}` : th.deleted ? `**Broken theme reference**: ${themeReason('deleted')} (“${escapeMd(th.name)}”)` : `**Theme**: ${escapeMd(th.name)}\n\n_F12 or Ctrl+click: open its excerpts_`;
        return { range, contents: [{ value: text }] };
      }
      const p = memoData.passage(t.uid);
      const status = p?.status ?? 'missing';
      const reason = status === 'ok' ? null : passageReason(status as BrokenStatus);
      return { range, contents: hoverMarkdown(p, reason).map((value) => ({ value })) };
    },
  });
}
