//! The SQLite schema, created on first open and checked on every later one.

/// Bumped whenever a table changes shape; a store with another version is refused, not guessed at.
///
/// Version 2 keeps what is only ever read back whole (an article's mentions, its entities and
/// the words used for them) in compact columns of the article's own row, and the person links
/// in a table of their own that only linking writes: an article is one row plus its quotations.
///
/// Version 3 keeps each article's story in a small table of its own: grouping assigns stories
/// after the articles are stored, and updating a column of the article's row made SQLite
/// rewrite the whole row, text included (a fifth of a second for every 2,000 articles grouped).
pub const SCHEMA_VERSION: i64 = 3;

/// Every table and index but [`LINKS_PERSON`]. Child rows hang off `articles.key`; replacing an article deletes them
/// with it inside the same transaction (explicitly: no foreign-key checks on every insert).
///
/// `articles.entities` is a JSON array with one `[name, type, [names], [descriptions]]` per
/// entity (the texts of its name and description mentions, as person linking reads them);
/// `articles.mentions` one `[start, end, kind, entity]` per mention (kind 0 name,
/// 1 description, 2 pronoun). The small columns come before the text, so reading them never
/// touches the text's overflow pages.
pub const CREATE: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    key          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    hash         TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    title        TEXT,
    source       TEXT,
    url          TEXT,
    date         TEXT,
    authors      TEXT NOT NULL DEFAULT '[]',
    language     TEXT,
    entity_count INTEGER NOT NULL,
    entities     TEXT NOT NULL,
    mentions     TEXT NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
CREATE TABLE IF NOT EXISTS quotes (
    article         INTEGER NOT NULL,
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
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_story (
    article INTEGER PRIMARY KEY,
    story   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS article_story_story ON article_story(story);
CREATE TABLE IF NOT EXISTS links (
    article INTEGER NOT NULL,
    idx     INTEGER NOT NULL,
    person  INTEGER NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS persons (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    type    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]'
);
"#;

/// The index of person links by person, which [`crate::Store::set_persons`] drops and builds
/// again when most links change.
pub const LINKS_PERSON: &str = "CREATE INDEX IF NOT EXISTS links_person ON links(person);";

/// Upgrades a version-2 store in place, inside the caller's transaction and after [`CREATE`]
/// (which adds `article_story`): the stories move to their own table. The old `articles.story`
/// column stays, no longer read or written: dropping it would rewrite every article.
pub const MIGRATE_2_TO_3: &str = r#"
INSERT OR REPLACE INTO article_story(article, story)
    SELECT key, story FROM articles WHERE story IS NOT NULL;
DROP INDEX IF EXISTS articles_story;
UPDATE meta SET value = '3' WHERE key = 'schema';
"#;
