// Migration 2 (memo versions, manual links, the citation index), applied to a
// version-1 store full of data: the old rows keep working with what it adds, and
// the citation lookups use the `*_uid_lower` indexes it creates (query plans
// asserted as Signal's migration_1540_test.node.ts does).
import { describe, expect, it } from 'vitest';
import { MEMO_BODY, MEMO_TITLE, S, expectHealthy, ftsHits, seededStore, updateToVersion, type DB } from '../../test/fixtures/stores';
import { historyState, redo, undo } from '../journal';
import { citingMemos, lookupPassages, memoLinks, replaceMemoCitations, staleMemos } from '../memo-links';
import { getVersion, listVersions, restoreVersion, snapshotMemo } from '../memo-versions';
import { updateMemo } from '../memos';

describe('migration 2 (memo versions, links, citation index) on a version-1 store', () => {
  function migrated(): DB {
    const db = seededStore(1);
    updateToVersion(db, 2);
    return db;
  }

  it('the search finds the emoji, Arabic and Hebrew articles as before', () => {
    const db = migrated();
    expect(ftsHits(db)).toEqual({ Antofagasta: [S.en, S.dup], المعادن: [S.ar], הנדירות: [S.ar], Reuters: [S.en], cafe: [S.en, S.dup] });
  });

  it('memos written before the migration get a version history: snapshot, list, read back, restore', () => {
    const db = migrated();
    expect(listVersions(db, S.memo)).toEqual([]);
    const snap = snapshotMemo(db, S.memo, 'manual').version;
    expect(snap).toMatchObject({ memoId: S.memo, title: MEMO_TITLE, reason: 'manual', chars: [...MEMO_BODY].length });
    expect(listVersions(db, S.memo)).toEqual([snap]);
    expect(getVersion(db, snap.id).body).toBe(MEMO_BODY);

    updateMemo(db, S.memo, { body: 'Rewritten from scratch.' });
    const { memo, undoVersion } = restoreVersion(db, S.memo, snap.id);
    expect(memo.body).toBe(MEMO_BODY);
    expect(getVersion(db, undoVersion.id).body).toBe('Rewritten from scratch.');
    // An empty memo from before can be versioned too, and a trashed one cannot be restored into.
    expect(snapshotMemo(db, S.emptyMemo, 'auto').version.chars).toBe(0);
    const old = snapshotMemo(db, S.oldMemo, 'manual').version;
    expect(() => restoreVersion(db, S.oldMemo, old.id)).toThrow(/in the Trash/);
  });

  it('every memo from before is marked for citation indexing, and a later edit marks it again', () => {
    const db = migrated();
    expect(
      staleMemos(db)
        .map((m) => m.id)
        .sort(),
    ).toEqual([S.memo, S.oldMemo, S.emptyMemo]);
    replaceMemoCitations(db, S.memo, [
      { kind: 'hl', uid: S.flagsUid, count: 1 },
      { kind: 'hl', uid: S.refinersUid, count: 1 },
      { kind: 'hl', uid: S.arabicUid.toUpperCase(), count: 1 },
      { kind: 'hl', uid: S.trashedUid, count: 1 },
      { kind: 'theme', uid: S.rivalryUid, count: 1 },
    ]);
    expect(
      staleMemos(db)
        .map((m) => m.id)
        .sort(),
    ).toEqual([S.oldMemo, S.emptyMemo]);
    // The trigger added by migration 2 fires for rows written before it.
    db.prepare('UPDATE memos SET body = body || ? WHERE id = ?').run('\n\nMore.', S.memo);
    expect(
      staleMemos(db)
        .map((m) => m.id)
        .sort(),
    ).toEqual([S.memo, S.oldMemo, S.emptyMemo]);
  });

  it('citations resolve to the highlights made before, whatever the case of their uid, with status and themes', () => {
    const db = migrated();
    const found = lookupPassages(db, [S.flagsUid, S.refinersUid.toUpperCase(), S.arabicUid, S.orphanUid, S.trashedUid, 'no-such-passage']);
    const status = Object.fromEntries([...found].map(([uid, p]) => [uid, p.status]));
    expect(status).toEqual({
      [S.flagsUid.toLowerCase()]: 'ok',
      [S.refinersUid]: 'ok',
      [S.arabicUid]: 'ok',
      [S.orphanUid]: 'orphaned',
      [S.trashedUid]: 'deleted',
      'no-such-passage': 'missing',
    });
    const flags = found.get(S.flagsUid.toLowerCase())!;
    expect(flags.quote).toBe('Lithium from the Andes 🇨🇱🇦🇷');
    expect(flags.themes.map((t) => t.name)).toEqual(['Supply chains', 'Refining in China 🇨🇳']);
    expect(flags.article).toMatchObject({ id: S.en, title: 'Lithium from the Andes 🇨🇱', source: 'Reuters', publishedAt: '2025-10' });
    expect(found.get(S.arabicUid)!.quote).toBe('التنافس الاقتصادي');
  });

  it("a memo's links and citing memos cover the articles and themes made before", () => {
    const db = migrated();
    for (const m of staleMemos(db))
      if (m.id === S.memo)
        replaceMemoCitations(db, m.id, [
          { kind: 'hl', uid: S.flagsUid, count: 2 },
          { kind: 'theme', uid: S.rivalryUid, count: 1 },
        ]);
    const links = memoLinks(db, S.memo);
    expect(links.articles.map((a) => [a.id, a.citations])).toEqual([[S.en, 2]]);
    expect(links.themes.map((t) => [t.id, t.references, t.passages]).sort((a, b) => a[0] - b[0])).toEqual([
      [S.supply, 0, 2],
      [S.refining, 0, 2],
      [S.rivalry, 1, 0],
    ]);
    expect(citingMemos(db, { themeId: S.rivalry }).map((m) => m.id)).toEqual([S.memo]);
    expect(citingMemos(db, { articleId: S.en }).map((m) => [m.id, m.citations])).toEqual([[S.memo, 2]]);
  });

  it('the undo journal written before the migration still redoes and undoes', () => {
    const db = migrated();
    expect(historyState(db)).toEqual({ undoLabel: 'Delete highlight', redoLabel: 'Rename theme "Export controls"' });
    const themeName = () => db.prepare('SELECT name FROM themes WHERE id = ?').pluck().get(S.controls);
    const trashedAt = () => db.prepare('SELECT deleted_at FROM highlights WHERE id = ?').pluck().get(S.trashed);
    expect(redo(db)?.label).toBe('Rename theme "Export controls"');
    expect(themeName()).toBe('Export bans');
    expect(undo(db)?.label).toBe('Rename theme "Export controls"');
    expect(themeName()).toBe('Export controls');
    expect(undo(db)?.label).toBe('Delete highlight');
    expect(trashedAt()).toBeNull();
    expect(db.prepare('SELECT theme_id FROM highlight_themes WHERE highlight_id = ? ORDER BY theme_id').pluck().all(S.trashed)).toEqual([
      S.supply,
      S.oldCode,
    ]);
    expectHealthy(db);
  });

  it('memo links and versions go with their memo and article (ON DELETE CASCADE on old rows)', () => {
    const db = migrated();
    snapshotMemo(db, S.emptyMemo, 'manual');
    db.prepare('INSERT INTO memo_links (memo_id, article_id, created_at) VALUES (?, ?, ?)').run(
      S.emptyMemo,
      S.ja,
      '2025-11-05T00:00:00.000Z',
    );
    db.prepare('DELETE FROM articles WHERE id = ?').run(S.ja);
    expect(db.prepare('SELECT count(*) FROM memo_links WHERE article_id = ?').pluck().get(S.ja)).toBe(0);
    db.prepare('DELETE FROM memos WHERE id = ?').run(S.emptyMemo);
    expect(db.prepare('SELECT count(*) FROM memo_versions WHERE memo_id = ?').pluck().get(S.emptyMemo)).toBe(0);
    expectHealthy(db);
  });

  // Query plans, as Signal's migration tests assert them: the point of the
  // `*_uid_lower` indexes is that a citation lookup reads only the rows it names.
  // The statements are captured from the real functions, not copied here.

  interface Plan {
    sql: string;
    plan: string[];
  }

  /** Run `fn` and return each statement it ran with its EXPLAIN QUERY PLAN, for the same arguments. */
  function plansOf(db: DB, fn: () => void): Plan[] {
    const seen: { sql: string; args: unknown[] }[] = [];
    const prepare = db.prepare.bind(db);
    const spy = (sql: string) => {
      const st = prepare(sql) as unknown as Record<string, (...a: unknown[]) => unknown>;
      for (const m of ['all', 'get', 'run', 'iterate']) {
        const orig = st[m].bind(st);
        st[m] = (...args: unknown[]) => {
          seen.push({ sql, args });
          return orig(...args);
        };
      }
      return st;
    };
    (db as unknown as { prepare: unknown }).prepare = spy;
    try {
      fn();
    } finally {
      delete (db as unknown as { prepare?: unknown }).prepare;
    }
    return seen.map(({ sql, args }) => ({
      sql,
      plan: (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail),
    }));
  }

  /** A migrated store with enough rows that a full scan would cost: 2,000 more highlights, 300 more themes. */
  function bigMigrated(analyze: boolean): DB {
    const db = migrated();
    db.transaction(() => {
      const h = db.prepare(
        `INSERT INTO highlights (uid, article_id, start, "end", quote, created_at, updated_at) VALUES (?, ?, 0, 7, 'Lithium', 'x', 'x')`,
      );
      for (let i = 0; i < 2000; i++) h.run(`bulk-${i}`, i % 2 ? S.en : S.dup);
      const t = db.prepare(`INSERT INTO themes (uid, name, color, created_at, updated_at) VALUES (?, ?, '#123456', 'x', 'x')`);
      for (let i = 0; i < 300; i++) t.run(`bulk-theme-${i}`, `Bulk ${i}`);
    })();
    replaceMemoCitations(db, S.memo, [
      { kind: 'hl', uid: S.flagsUid, count: 1 },
      { kind: 'hl', uid: S.arabicUid, count: 1 },
      { kind: 'theme', uid: S.rivalryUid, count: 1 },
    ]);
    if (analyze) db.exec('ANALYZE');
    return db;
  }

  /** Plan lines that read all of highlights or themes (by table name or the aliases the queries use). */
  const fullScans = (plans: Plan[]) =>
    plans.flatMap((p) =>
      p.plan
        .filter((l) => /^SCAN (highlights|themes|h|t|th)\b/.test(l))
        .map((l) => `${l}    in: ${p.sql.replace(/\s+/g, ' ').slice(0, 140)}`),
    );

  it.each([false, true])('lookupPassages reads the cited highlights through highlights_uid_lower (ANALYZE run: %s)', (analyze) => {
    const db = bigMigrated(analyze);
    const plans = plansOf(db, () => lookupPassages(db, [S.flagsUid, S.arabicUid.toUpperCase()]));
    const byUid = plans.find((p) => p.sql.includes('lower(h.uid) IN'));
    expect(byUid?.plan.join(' | ')).toMatch(/SEARCH h USING (COVERING )?INDEX highlights_uid_lower/);
    expect(fullScans(plans)).toEqual([]);
  });

  // Found by this test: in `lower(t.uid) = mc.uid` the column side gives the
  // comparison TEXT affinity, which an index on an expression (no affinity)
  // cannot serve, so SQLite scanned every highlight and theme. db/memo-links.ts
  // now writes `lower(t.uid) = +mc.uid` (and the same for h).
  it.each([false, true])(
    "memoLinks reads only the memo's cited highlights and themes, through the *_uid_lower indexes (ANALYZE run: %s)",
    (analyze) => {
      const db = bigMigrated(analyze);
      const plans = plansOf(db, () => memoLinks(db, S.memo));
      expect(fullScans(plans)).toEqual([]);
      const lines = plans.flatMap((p) => p.plan).join('\n');
      expect(lines).toMatch(/SEARCH t USING (COVERING )?INDEX themes_uid_lower/);
      expect(lines).toMatch(/SEARCH h USING (COVERING )?INDEX highlights_uid_lower/);
    },
  );
});
