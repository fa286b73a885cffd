//! The SQLite schema, created on first open and checked on every later one.

/// Bumped whenever a table changes shape; a store with another version is refused, not guessed at.
pub const SCHEMA_VERSION: i64 = 1;

/// Every table and index. Child rows hang off `articles.key` with `ON DELETE CASCADE`, so replacing
/// an article is one delete and one insert inside the same transaction.
pub const CREATE: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    key      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    hash     TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    title    TEXT,
    source   TEXT,
    url      TEXT,
    date     TEXT,
    authors  TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    text     TEXT NOT NULL,
    story    INTEGER
);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE TABLE IF NOT EXISTS entities (
    article INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    name    TEXT NOT NULL,
    type    TEXT NOT NULL,
    person  INTEGER,
    PRIMARY KEY (article, idx)
);
CREATE INDEX IF NOT EXISTS entities_person ON entities(person);
CREATE TABLE IF NOT EXISTS mentions (
    article INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    entity  INTEGER,
    text    TEXT NOT NULL,
    PRIMARY KEY (article, idx)
);
CREATE TABLE IF NOT EXISTS quotes (
    article         INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    cue_start       INTEGER,
    cue_end         INTEGER,
    speaker_entity  INTEGER,
    speaker_mention INTEGER,
    speaker_name    TEXT,
    confidence      REAL NOT NULL,
    text            TEXT NOT NULL,
    PRIMARY KEY (article, idx)
);
CREATE TABLE IF NOT EXISTS persons (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    type    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]'
);
"#;
