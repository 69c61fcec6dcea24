// Never lose a word: the memo editor's saving policy.
//
// - Debounced: a save 600 ms after the last keystroke, but never more than 1 s after
//   the first unsaved one (so continuous typing still saves every second, and a crash
//   loses at most about a second).
// - Saves run one at a time, in order; a failed save keeps its text pending and the
//   next change or flush retries it.
// - Version history: before the first save of an editing session the stored text is
//   snapshotted ('auto'), then again after a save whenever 3 minutes have passed since
//   the last snapshot, and when the editor closes with changes since the last one.
//   (The store skips an 'auto' snapshot identical to the latest.)
import { call } from '../api';

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'error';

export interface Patch {
  title?: string;
  body?: string;
}

export const SAVE_DELAY_MS = 600;
export const SAVE_MAX_WAIT_MS = 1000;
export const SNAPSHOT_EVERY_MS = 3 * 60_000;

export class AutoSaver {
  private pending: Patch = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt = 0;
  private inflight: Promise<void> | null = null;
  private sessionSnapshotted = false;
  private lastSnapshotAt = Date.now();
  private dirtySinceSnapshot = false;
  private closed = false;

  constructor(
    private readonly memoId: number,
    private readonly onStatus: (s: SaveStatus) => void,
    private readonly onError: (err: unknown) => void,
    private readonly onSaved: () => void = () => undefined,
  ) {}

  hasPending(): boolean {
    return this.pending.title !== undefined || this.pending.body !== undefined;
  }

  change(patch: Patch): void {
    this.pending = { ...this.pending, ...patch };
    this.onStatus('unsaved');
    const now = Date.now();
    if (!this.firstPendingAt) this.firstPendingAt = now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(SAVE_DELAY_MS, SAVE_MAX_WAIT_MS - (now - this.firstPendingAt)));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Save whatever is pending now (and wait for saves already running). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inflight) await this.inflight;
    if (!this.hasPending()) return;
    const patch = this.pending;
    this.pending = {};
    this.firstPendingAt = 0;
    this.inflight = this.save(patch).finally(() => (this.inflight = null));
    await this.inflight;
  }

  private async save(patch: Patch): Promise<void> {
    this.onStatus('saving');
    try {
      if (!this.sessionSnapshotted) {
        // The text as it was before this editing session: always one step back.
        await call('memos.snapshot', { memoId: this.memoId, reason: 'auto' });
        this.sessionSnapshotted = true;
        this.lastSnapshotAt = Date.now();
      }
      await call('memos.update', { id: this.memoId, ...patch });
      this.dirtySinceSnapshot = true;
      if (Date.now() - this.lastSnapshotAt >= SNAPSHOT_EVERY_MS) await this.snapshot('auto');
      this.onStatus(this.hasPending() ? 'unsaved' : 'saved');
      this.onSaved();
    } catch (err) {
      // Keep the text: newer changes win, the rest is retried with them.
      this.pending = { ...patch, ...this.pending };
      this.onStatus('error');
      if (!this.closed) this.onError(err);
    }
  }

  async snapshot(reason: 'auto' | 'manual'): Promise<void> {
    await call('memos.snapshot', { memoId: this.memoId, reason });
    this.lastSnapshotAt = Date.now();
    this.dirtySinceSnapshot = false;
  }

  /** Leaving the memo: save, and snapshot what this session wrote. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.dirtySinceSnapshot) await this.snapshot('auto').catch(() => undefined);
  }
}
