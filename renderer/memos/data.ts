// What the memo editor knows about the store: cited passages (by uid) and the
// codebook (for theme references), cached for the session and refreshed when the
// backend says highlights, articles or themes changed.
//
// Why not the query layer: the editor asks "this uid?" synchronously, many times
// per keystroke (preview, markers, hover); a plain map with a version number is
// what those callers need. Missing passages are cached too ('missing' records), so
// a broken citation costs one round trip, not one per keystroke.
import type { MemoPassage, ThemeRefRecord } from '../../electron/api/contract-memos';
import { call, on } from '../api';
import type { PassageLookup, ThemeLookup, ThemeRef } from '../../core/memo/resolve';

type Listener = () => void;

class MemoData {
  private readonly passages = new Map<string, MemoPassage>();
  private themes: Map<string, ThemeRefRecord> | null = null;
  private themeList: ThemeRefRecord[] = [];
  private themesLoading: Promise<void> | null = null;
  private readonly listeners = new Set<Listener>();
  private subscribed = false;
  /** Bumped whenever anything cached changes; renderers compare it to skip work. */
  version = 0;

  /** The lookup renderMemoHtml and resolveCitations take (lower-cased uid). */
  readonly lookup: PassageLookup = (uid) => this.passages.get(uid.toLowerCase());
  readonly themeLookup: ThemeLookup = (uid): ThemeRef | undefined => {
    const t = this.themes?.get(uid.toLowerCase());
    return t ? { id: t.id, uid: t.uid, name: t.name, color: t.color, deleted: t.deleted } : undefined;
  };

  passage(uid: string): MemoPassage | undefined {
    return this.passages.get(uid.toLowerCase());
  }

  /** Everything cached, for the preview worker. */
  passageList(): MemoPassage[] {
    return [...this.passages.values()];
  }
  themeRefs(): ThemeRef[] {
    return this.themeList.map((t) => ({ id: t.id, uid: t.uid, name: t.name, color: t.color, deleted: t.deleted }));
  }

  /** Every theme (live and trashed), codebook order. */
  allThemes(): ThemeRefRecord[] {
    return this.themeList;
  }

  /** True when every uid is known (possibly as 'missing') and the codebook is loaded. */
  has(uids: Iterable<string>): boolean {
    if (!this.themes) return false;
    for (const u of uids) if (!this.passages.has(u.toLowerCase())) return false;
    return true;
  }

  /** Fetch whatever of `uids` is not cached yet (and the codebook on first use). */
  async ensure(uids: Iterable<string>): Promise<void> {
    this.subscribe();
    const need = [...new Set([...uids].map((u) => u.toLowerCase()))].filter((u) => !this.passages.has(u));
    await Promise.all([need.length ? this.fetchPassages(need) : null, this.themes ? null : this.loadThemes()]);
  }

  private async fetchPassages(uids: string[]): Promise<void> {
    for (let i = 0; i < uids.length; i += 5000) {
      const got = await call('memos.passages', { uids: uids.slice(i, i + 5000) });
      for (const p of got) this.passages.set(p.uid, p);
    }
    this.changed();
  }

  private loadThemes(): Promise<void> {
    this.themesLoading ??= call('memos.themes', {})
      .then((list) => {
        this.themeList = list;
        this.themes = new Map(list.map((t) => [t.uid, t]));
        this.changed();
      })
      .finally(() => (this.themesLoading = null));
    return this.themesLoading;
  }

  /** Re-read everything cached (old values stay until the new ones arrive, so nothing flickers). */
  async refresh(): Promise<void> {
    const uids = [...this.passages.keys()];
    await Promise.all([uids.length ? this.fetchPassages(uids) : null, this.loadThemes()]);
  }

  onChange(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  private subscribe(): void {
    if (this.subscribed) return;
    this.subscribed = true;
    // Anything but memo text can change a passage's status, quote, themes or source.
    on('store.changed', (e) => {
      if (e.scopes.some((s) => s !== 'memos')) void this.refresh().catch(() => undefined);
    });
  }
}

export const memoData = new MemoData();
