import { describe, expect, it } from 'vitest';
import { tempStore } from '../test/helpers';
import { getVersion, listVersions, pruneAutoVersions, restoreVersion, snapshotMemo } from './memo-versions';
import { createMemo, deleteMemo, getMemo, updateMemo } from './memos';
import type { DB } from './store';

const HOUR = 3600_000;

describe('memo versions', () => {
  it('snapshots the stored text; an auto snapshot of unchanged text is skipped, other reasons always kept', async () => {
    const { db } = await tempStore();
    const m = createMemo(db, { title: 'Findings', body: 'first' });
    const a = snapshotMemo(db, m.id, 'auto');
    expect(a.created).toBe(true);
    expect(a.version).toMatchObject({ memoId: m.id, title: 'Findings', reason: 'auto', chars: 5 });
    expect(a.version).not.toHaveProperty('body');
    const again = snapshotMemo(db, m.id, 'auto');
    expect(again).toEqual({ version: a.version, created: false });
    // A title change alone is a change.
    updateMemo(db, m.id, { title: 'Findings (draft)' });
    expect(snapshotMemo(db, m.id, 'auto').created).toBe(true);
    // Export and manual snapshots are kept even when nothing changed.
    expect(snapshotMemo(db, m.id, 'export').created).toBe(true);
    expect(snapshotMemo(db, m.id, 'manual').created).toBe(true);
    updateMemo(db, m.id, { body: 'second 🇯🇵' });
    snapshotMemo(db, m.id, 'auto');
    const list = listVersions(db, m.id);
    expect(list.map((v) => v.reason)).toEqual(['auto', 'manual', 'export', 'auto', 'auto']);
    expect(list[0].chars).toBe([...'second 🇯🇵'].length);
    expect(getVersion(db, list[0].id).body).toBe('second 🇯🇵');
    expect(getVersion(db, list[4].id)).toMatchObject({ title: 'Findings', body: 'first' });
  });

  it('refuses an unknown reason at the table (CHECK) and unknown ids with not-found', async () => {
    const { db } = await tempStore();
    const m = createMemo(db, { title: 'x' });
    expect(() =>
      db.prepare("INSERT INTO memo_versions (memo_id, title, body, created_at, reason) VALUES (?, 't', 'b', 'now', 'whim')").run(m.id),
    ).toThrow(/CHECK constraint/);
    expect(() => getVersion(db, 999)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => snapshotMemo(db, 999, 'manual')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => listVersions(db, 999)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('restore snapshots the current text first, so restoring that snapshot undoes it', async () => {
    const { db } = await tempStore();
    const m = createMemo(db, { title: 'Memo', body: 'version one' });
    const v1 = snapshotMemo(db, m.id, 'auto').version;
    updateMemo(db, m.id, { title: 'Memo v2', body: 'version two, much better' });
    const r = restoreVersion(db, m.id, v1.id);
    expect(r.memo).toMatchObject({ title: 'Memo', body: 'version one' });
    expect(getMemo(db, m.id).body).toBe('version one');
    expect(r.undoVersion.reason).toBe('restore');
    expect(getVersion(db, r.undoVersion.id)).toMatchObject({ title: 'Memo v2', body: 'version two, much better' });
    // Undo = restore the 'restore' snapshot.
    const back = restoreVersion(db, m.id, r.undoVersion.id);
    expect(back.memo).toMatchObject({ title: 'Memo v2', body: 'version two, much better' });
    expect(getVersion(db, back.undoVersion.id).body).toBe('version one');
  });

  it('refuses to restore a version of another memo, or into a memo in the Trash', async () => {
    const { db } = await tempStore();
    const a = createMemo(db, { title: 'A', body: 'a' });
    const b = createMemo(db, { title: 'B', body: 'b' });
    const va = snapshotMemo(db, a.id, 'manual').version;
    expect(() => restoreVersion(db, b.id, va.id)).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(getMemo(db, b.id).body).toBe('b');
    deleteMemo(db, a.id);
    expect(() => restoreVersion(db, a.id, va.id)).toThrow(expect.objectContaining({ code: 'invalid' }));
    // Nothing was snapshotted by the refused attempts.
    expect(listVersions(db, a.id)).toHaveLength(1);
    expect(listVersions(db, b.id)).toHaveLength(0);
  });

  it('thins out old auto snapshots (all of a day, hourly for a week, daily after) and never other reasons', async () => {
    const { db } = await tempStore();
    const m = createMemo(db, { title: 'Long project', body: '' });
    const now = new Date('2025-11-20T12:00:00.000Z');
    const at = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString();
    const insert = (db: DB, created: string, reason: string, body: string) =>
      db.prepare('INSERT INTO memo_versions (memo_id, title, body, created_at, reason) VALUES (?, ?, ?, ?, ?)').run(m.id, 't', body, created, reason);
    // Every 3 minutes for 10 days: 4,800 auto snapshots, plus an export 3 days ago.
    db.transaction(() => {
      for (let i = 10 * 24 * 20; i >= 1; i--) insert(db, at(i * 3 * 60_000), 'auto', `text ${i}`);
      insert(db, at(3 * 24 * HOUR + 1000), 'export', 'exported');
    })();
    const removed = pruneAutoVersions(db, m.id, now);
    const rows = db.prepare('SELECT created_at, reason FROM memo_versions WHERE memo_id = ? ORDER BY created_at').all(m.id) as { created_at: string; reason: string }[];
    expect(removed + rows.length).toBe(4801);
    const auto = rows.filter((r) => r.reason === 'auto');
    const ageH = (r: { created_at: string }) => (now.getTime() - Date.parse(r.created_at)) / HOUR;
    // Last 24 h: one every 3 minutes (20 per hour), all kept.
    expect(auto.filter((r) => ageH(r) < 24)).toHaveLength(24 * 20 - 1);
    // 1–7 days: one per clock hour.
    const hourly = auto.filter((r) => ageH(r) >= 24 && ageH(r) < 24 * 7);
    expect(new Set(hourly.map((r) => r.created_at.slice(0, 13))).size).toBe(hourly.length);
    expect(hourly.length).toBeGreaterThanOrEqual(24 * 6 - 1);
    expect(hourly.length).toBeLessThanOrEqual(24 * 6 + 1);
    // Older: one per day.
    const daily = auto.filter((r) => ageH(r) >= 24 * 7);
    expect(new Set(daily.map((r) => r.created_at.slice(0, 10))).size).toBe(daily.length);
    expect(daily.length).toBeLessThanOrEqual(4);
    expect(rows.filter((r) => r.reason === 'export')).toHaveLength(1);
    // The newest of each bucket is the one kept.
    const all = db.prepare("SELECT body FROM memo_versions WHERE memo_id = ? AND reason = 'auto' ORDER BY id").all(m.id) as { body: string }[];
    expect(all[all.length - 1].body).toBe('text 1');
    // A snapshot through the API prunes too: nothing more to remove right after.
    expect(pruneAutoVersions(db, m.id, now)).toBe(0);
  });

  it('versions go with their memo (ON DELETE CASCADE)', async () => {
    const { db } = await tempStore();
    const m = createMemo(db, { title: 'Gone', body: 'x' });
    snapshotMemo(db, m.id, 'manual');
    db.prepare('DELETE FROM memos WHERE id = ?').run(m.id);
    expect(db.prepare('SELECT count(*) FROM memo_versions').pluck().get()).toBe(0);
  });
});
