-- Quarry store, migration 2: memo version history, memo links (manual), and the
-- derived index of what each memo cites (issue 5). Only adds; nothing existing changes.

-- Snapshots of a memo's title and text: at least every few minutes of editing
-- ('auto'), on each export ('export'), before a restore ('restore', so a restore
-- can itself be undone) and on request ('manual').
CREATE TABLE memo_versions (
  id         INTEGER PRIMARY KEY,
  memo_id    INTEGER NOT NULL REFERENCES memos(id) ON DELETE CASCADE,
  title      TEXT    NOT NULL,
  body       TEXT    NOT NULL,
  created_at TEXT    NOT NULL,
  reason     TEXT    NOT NULL CHECK (reason IN ('auto', 'export', 'restore', 'manual'))
) STRICT;
CREATE INDEX memo_versions_memo ON memo_versions(memo_id, id);

-- Links the analyst makes by hand: this memo is about this article / theme.
-- (Links derived from citation tokens live in memo_citations.)
CREATE TABLE memo_links (
  id         INTEGER PRIMARY KEY,
  memo_id    INTEGER NOT NULL REFERENCES memos(id) ON DELETE CASCADE,
  article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
  theme_id   INTEGER REFERENCES themes(id) ON DELETE CASCADE,
  created_at TEXT    NOT NULL,
  CHECK ((article_id IS NULL) <> (theme_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX memo_links_article ON memo_links(memo_id, article_id) WHERE article_id IS NOT NULL;
CREATE UNIQUE INDEX memo_links_theme ON memo_links(memo_id, theme_id) WHERE theme_id IS NOT NULL;
CREATE INDEX memo_links_article_memo ON memo_links(article_id) WHERE article_id IS NOT NULL;
CREATE INDEX memo_links_theme_memo ON memo_links(theme_id) WHERE theme_id IS NOT NULL;

-- Which uids each memo's tokens name ([[hl:]] / ![[hl:]] -> 'hl', #[[theme:]] ->
-- 'theme'), lower-cased, with how often. A cache of the memo text, rebuilt by the
-- main process (it needs the Markdown token scanner) for every memo that has no
-- memo_citation_state row; the trigger below drops that row whenever a body changes,
-- whoever writes it (editor, CLI, import, undo).
CREATE TABLE memo_citations (
  memo_id INTEGER NOT NULL REFERENCES memos(id) ON DELETE CASCADE,
  kind    TEXT    NOT NULL CHECK (kind IN ('hl', 'theme')),
  uid     TEXT    NOT NULL,
  count   INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (memo_id, kind, uid)
) STRICT, WITHOUT ROWID;
CREATE INDEX memo_citations_uid ON memo_citations(kind, uid);

CREATE TABLE memo_citation_state (
  memo_id    INTEGER PRIMARY KEY REFERENCES memos(id) ON DELETE CASCADE,
  indexed_at TEXT    NOT NULL
) STRICT;

CREATE TRIGGER memo_citations_stale AFTER UPDATE OF body ON memos WHEN old.body IS NOT new.body BEGIN
  DELETE FROM memo_citation_state WHERE memo_id = new.id;
END;

-- Tokens name highlights and themes by uid, compared case-insensitively (REFI-QDA
-- imports may keep upper-case GUIDs): index the lower-cased uid for those lookups.
CREATE INDEX highlights_uid_lower ON highlights(lower(uid));
CREATE INDEX themes_uid_lower ON themes(lower(uid));
