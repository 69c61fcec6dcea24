-- Quarry store, migration 1: the whole data model of DESIGN.md.
-- Offsets in highlights are UTF-16 code units into articles.body.
-- Destructive user actions are soft deletes (deleted_at), restorable from the Trash.

CREATE TABLE articles (
  id              INTEGER PRIMARY KEY,
  uid             TEXT    NOT NULL UNIQUE,
  title           TEXT    NOT NULL,
  source          TEXT,
  author          TEXT,
  url             TEXT,
  published_at    TEXT,
  language        TEXT,
  imported_at     TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  body_sha256     TEXT    NOT NULL,
  word_count      INTEGER NOT NULL DEFAULT 0,
  char_count      INTEGER NOT NULL DEFAULT 0, -- UTF-16 code units, like offsets (SQLite's length() counts code points)
  original_name   TEXT,
  original_format TEXT,
  original_bytes  INTEGER,
  similar_to_id   INTEGER REFERENCES articles(id) ON DELETE SET NULL,
  minhash         BLOB,
  deleted_at      TEXT
) STRICT;
CREATE INDEX articles_live_imported ON articles(imported_at) WHERE deleted_at IS NULL;
CREATE INDEX articles_sha ON articles(body_sha256);
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;

-- The original bytes of each imported file, for provenance (kept apart so that
-- listing articles never reads them).
CREATE TABLE article_originals (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  bytes      BLOB NOT NULL
) STRICT;

CREATE TABLE article_attributes (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  key        TEXT    NOT NULL,
  value      TEXT    NOT NULL,
  PRIMARY KEY (article_id, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX article_attributes_key ON article_attributes(key, value);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body, source,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
-- Larger FTS5 leaf pages: about 25% faster bulk imports of article-sized texts (measured in bench/store).
INSERT INTO articles_fts(articles_fts, rank) VALUES ('pgsz', 8000);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, body, source) VALUES (new.id, new.title, new.body, ifnull(new.source, ''));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body, source) VALUES ('delete', old.id, old.title, old.body, ifnull(old.source, ''));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, source ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body, source) VALUES ('delete', old.id, old.title, old.body, ifnull(old.source, ''));
  INSERT INTO articles_fts(rowid, title, body, source) VALUES (new.id, new.title, new.body, ifnull(new.source, ''));
END;

CREATE TABLE themes (
  id          INTEGER PRIMARY KEY,
  uid         TEXT    NOT NULL UNIQUE,
  parent_id   INTEGER REFERENCES themes(id),
  name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  color       TEXT    NOT NULL CHECK (color GLOB '#[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]'),
  description TEXT    NOT NULL DEFAULT '',
  position    REAL    NOT NULL DEFAULT 0,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  deleted_at  TEXT
) STRICT;
-- Name unique among live siblings (case-insensitive for ASCII).
CREATE UNIQUE INDEX themes_sibling_name ON themes(ifnull(parent_id, 0), name COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX themes_parent ON themes(parent_id);

CREATE TABLE highlights (
  id         INTEGER PRIMARY KEY,
  uid        TEXT    NOT NULL UNIQUE,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  start      INTEGER NOT NULL CHECK (start >= 0),
  "end"      INTEGER NOT NULL CHECK ("end" > start),
  quote      TEXT    NOT NULL,
  prefix     TEXT    NOT NULL DEFAULT '',
  suffix     TEXT    NOT NULL DEFAULT '',
  comment    TEXT    NOT NULL DEFAULT '',
  orphaned   INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX highlights_article ON highlights(article_id, start) WHERE deleted_at IS NULL;

CREATE TABLE highlight_themes (
  highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
  theme_id     INTEGER NOT NULL REFERENCES themes(id),
  PRIMARY KEY (highlight_id, theme_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX highlight_themes_theme ON highlight_themes(theme_id, highlight_id);

CREATE TABLE memos (
  id         INTEGER PRIMARY KEY,
  uid        TEXT    NOT NULL UNIQUE,
  title      TEXT    NOT NULL,
  body       TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL,
  deleted_at TEXT
) STRICT;

-- Undo/redo journal: each user action stores row images before and after, so
-- undo and redo survive a reload. See db/journal.ts.
CREATE TABLE journal (
  id         INTEGER PRIMARY KEY,
  label      TEXT    NOT NULL,
  changes    TEXT    NOT NULL CHECK (json_valid(changes)),
  created_at TEXT    NOT NULL,
  undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT, WITHOUT ROWID;
