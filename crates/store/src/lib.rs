//! The corpus store: every analysed article, its quotations, mentions and entities, the people
//! they resolve to and the story each article belongs to, kept in one directory that survives
//! crashes.
//!
//! SQLite (WAL mode) holds the truth, each article written inside one transaction (alone, or
//! in a batch with [`Store::put_many`]), so a process killed at any moment leaves each article
//! either wholly stored or not at all. A tantivy index over quotations and article texts is
//! derived from SQLite and caught up on open from a sequence number every article write bumps.
//! Articles are identified by their id and fingerprinted by content, which makes ingest
//! idempotent (same content: nothing happens) and lets a changed version replace the old one.

mod error;
mod fulltext;
mod schema;

use std::path::{Path, PathBuf};

use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};
use saywho_model::{
    Analysis, Article, ArticleMeta, CharIndex, Entity, EntityType, Mention, MentionKind, Quotation,
    QuoteKind, Span, Speaker,
};
use serde::{Deserialize, Serialize};

pub use error::{Result, StoreError};
use fulltext::{FullText, IndexDoc};
pub use fulltext::{Hit, Target};

/// The SQLite file's name inside the store directory.
pub const DB_FILE: &str = "saywho.sqlite";
/// The full-text index's directory inside the store directory.
pub const INDEX_DIR: &str = "index";
/// How many articles may be written before the full-text index is committed; a commit costs far
/// more than an article, and anything uncommitted is recovered from SQLite after a crash.
const INDEX_COMMIT_EVERY: usize = 1000;

/// How a process means to use the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Ingest: needs the index writer, and fails when another writer holds it.
    Write,
    /// Queries: repairs a lagging index when no writer is busy, otherwise reads what is there.
    Read,
}

/// What [`Store::put`] did with an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PutOutcome {
    /// It was new.
    Inserted,
    /// An article with this id and other content was replaced.
    Replaced,
    /// The same content was already stored; nothing changed.
    Unchanged,
}

/// One article for [`Store::put_many`].
#[derive(Clone, Copy, Debug)]
pub struct Put<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Its story, when already known.
    pub story: Option<i64>,
    /// Rewrite it even when the same content is stored (a re-analysis).
    pub force: bool,
}

/// Whether an article needs (re-)analysis before it is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// No article with this id is stored.
    New,
    /// An article with this id but other content is stored.
    Changed,
    /// This exact content is stored.
    Unchanged,
}

/// An article as stored, with the store's bookkeeping.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredArticle {
    /// The article.
    pub article: Article,
    /// Its analysis, rebuilt from the tables.
    pub analysis: Analysis,
    /// The story it belongs to, once grouped.
    pub story: Option<i64>,
    /// The sequence number of its last write: larger means written later.
    pub seq: i64,
    /// For each entity of `analysis`, the corpus person it was linked to.
    pub persons: Vec<Option<i64>>,
}

/// An article's identity and metadata without its text, for listings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The article's id.
    pub id: String,
    /// Title, source, date and the rest.
    #[serde(flatten)]
    pub meta: ArticleMeta,
    /// Its story, once grouped.
    pub story: Option<i64>,
    /// The sequence number of its last write.
    pub seq: i64,
}

/// One entity of one article, with the words the article used for it: the input of person
/// linking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// The article's id.
    pub article: String,
    /// The entity's index within the article.
    pub idx: usize,
    /// Its fullest name in that article.
    pub name: String,
    /// Person, organisation or other.
    pub entity_type: EntityType,
    /// The texts of its name mentions ("Mr Galloway").
    pub names: Vec<String>,
    /// The texts of its description mentions ("the Respect MP").
    pub descriptions: Vec<String>,
}

/// An article [`Store::put_many_noting`] wrote, with its entity records.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The article's id.
    pub article: String,
    /// Its entities, as [`Store::entity_records`] would return them.
    pub entities: Vec<EntityRecord>,
}

/// A corpus person (or organisation) as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonRecord {
    /// Stable within one linking of the store.
    pub id: i64,
    /// The fullest name seen.
    pub name: String,
    /// Person, organisation or other.
    pub entity_type: EntityType,
    /// Other names and descriptions seen.
    pub aliases: Vec<String>,
}

/// A quotation with everything a listing needs about where it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The article's id.
    pub article: String,
    /// The quotation's index within the article.
    pub idx: usize,
    /// The article's title.
    pub title: Option<String>,
    /// The article's outlet.
    pub source: Option<String>,
    /// The article's date.
    pub date: Option<String>,
    /// The article's story.
    pub story: Option<i64>,
    /// The quotation's content.
    pub text: String,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The speaker's name as the article gives it.
    pub speaker_name: Option<String>,
    /// The speaker's entity index within the article.
    pub speaker_entity: Option<usize>,
    /// The corpus person the speaker was linked to.
    pub person: Option<i64>,
    /// Where the content starts (code points).
    pub start: usize,
    /// Where the content ends (code points).
    pub end: usize,
}

/// Counts for a summary line and for tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Stored articles.
    pub articles: i64,
    /// Stored quotations.
    pub quotes: i64,
    /// Stored entities.
    pub entities: i64,
    /// Linked corpus persons.
    pub persons: i64,
}

/// Answers whether articles need storing, from its own connection (see
/// [`Store::freshness_checker`]).
pub struct FreshnessChecker {
    conn: Connection,
    db_path: PathBuf,
}

impl FreshnessChecker {
    /// Whether `article` is new, changed or already stored as is, as of the last commit.
    pub fn freshness(&self, article: &Article) -> Result<Freshness> {
        freshness_in(&self.conn, article).map_err(|source| StoreError::Sql {
            path: self.db_path.clone(),
            source,
        })
    }
}

fn freshness_in(conn: &Connection, article: &Article) -> rusqlite::Result<Freshness> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT hash FROM articles WHERE id = ?1")?
        .query_row([&article.id], |r| r.get(0))
        .optional()?;
    Ok(match stored {
        None => Freshness::New,
        Some(h) if h == fingerprint(article) => Freshness::Unchanged,
        Some(_) => Freshness::Changed,
    })
}

/// An open store directory.
pub struct Store {
    dir: PathBuf,
    db_path: PathBuf,
    conn: Connection,
    index: FullText,
    /// The article sequence number the last finished index commit reflects.
    index_seq: i64,
    /// The sequence number of an index commit still running in the background.
    committing_seq: Option<i64>,
    uncommitted: usize,
    /// False once the caller has said the articles left are few: see
    /// [`Store::hold_index_commits`].
    periodic_commits: bool,
    /// Why full-text search is unavailable (a read-only store whose index cannot be opened).
    index_error: Option<String>,
}

/// Whether this process may write the store in `dir` (creating it if needed): the directory
/// (SQLite creates its log files there), the index directory and the database file. In the
/// directories a probe file is created and removed, because permission bits alone do not tell
/// (root ignores them; a read-only mount ignores them the other way).
fn probe_writable(dir: &Path) -> std::result::Result<(), String> {
    let why = |what: &Path, e: std::io::Error| format!("cannot write {}: {e}", what.display());
    std::fs::create_dir_all(dir).map_err(|e| why(dir, e))?;
    for d in [dir.to_path_buf(), dir.join(INDEX_DIR)] {
        if !d.is_dir() {
            continue;
        }
        let probe = d.join(format!(".saywho-probe-{}", std::process::id()));
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&probe)
            .map_err(|e| why(&d, e))?;
        let _ = std::fs::remove_file(&probe);
    }
    // Never open the database file itself to test it: closing any descriptor of it drops the
    // POSIX locks SQLite holds on it through other connections of this process, and readers
    // then see a "malformed" database while another process writes.
    let db = dir.join(DB_FILE);
    if std::fs::metadata(&db).is_ok_and(|m| m.permissions().readonly()) {
        return Err(format!("{} is marked read-only", db.display()));
    }
    Ok(())
}

/// A stable fingerprint of an article's content and metadata: two 64-bit FNV-1a hashes with
/// different bases, so a change anywhere (text, title, date) is a new version.
pub fn fingerprint(article: &Article) -> String {
    let mut hash = Fingerprint {
        a: 0xcbf2_9ce4_8422_2325,
        b: 0x6c62_272e_07bb_0142,
    };
    // The JSON is hashed as it is written, never held whole. Serialising an article cannot
    // fail, and writing into the hash never does.
    let _ = serde_json::to_writer(&mut hash, article);
    format!("{:016x}{:016x}", hash.a, hash.b)
}

/// The two FNV-1a states of [`fingerprint`], fed the article's JSON byte by byte.
struct Fingerprint {
    a: u64,
    b: u64,
}

impl std::io::Write for Fingerprint {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let (mut a, mut b) = (self.a, self.b);
        for &byte in bytes {
            a = (a ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
            b = b.rotate_left(5);
        }
        (self.a, self.b) = (a, b);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Store {
    /// Opens (creating if needed) the store in `dir`, and brings the full-text index up to date
    /// with SQLite when it may.
    ///
    /// A store this process may not write (read-only files, directory or file system) fails
    /// with [`StoreError::ReadOnly`] in [`Mode::Write`], and is opened read-only for queries in
    /// [`Mode::Read`].
    pub fn open(dir: &Path, mode: Mode) -> Result<Store> {
        let writable = probe_writable(dir);
        match (mode, writable) {
            (Mode::Write, Err(reason)) => Err(StoreError::ReadOnly {
                path: dir.to_path_buf(),
                reason,
            }),
            (Mode::Read, Err(_)) if dir.join(DB_FILE).exists() => Store::open_read_only(dir),
            _ => Store::open_writable(dir, mode),
        }
    }

    /// Opens a store this process cannot write: no pragmas, no schema changes, no index writer.
    /// SQLite needs to create a shared-memory file beside a WAL database even to read it; where
    /// it cannot, and no write-ahead log is left over from an unclean stop, the file is read as
    /// immutable.
    fn open_read_only(dir: &Path) -> Result<Store> {
        let db_path = dir.join(DB_FILE);
        let sql = |source| StoreError::Sql {
            path: db_path.clone(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&db_path, flags).map_err(sql)?;
        let conn = match conn.query_row("SELECT COUNT(*) FROM meta", [], |r| r.get::<_, i64>(0)) {
            Ok(_) => conn,
            Err(first) => {
                let wal = dir.join(format!("{DB_FILE}-wal"));
                if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                    return Err(StoreError::ReadOnly {
                        path: dir.to_path_buf(),
                        reason: format!(
                            "{first}; its write-ahead log holds changes that only a process \
                             with write access can recover"
                        ),
                    });
                }
                let uri = format!("file:{}?immutable=1", db_path.display());
                Connection::open_with_flags(&uri, flags).map_err(sql)?
            }
        };
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql)?;
        if version.as_deref() != Some(&schema::SCHEMA_VERSION.to_string()) {
            return Err(StoreError::Incompatible {
                path: db_path.clone(),
                message: format!(
                    "schema version {}, this saywho reads version {}{}",
                    version.as_deref().unwrap_or("none"),
                    schema::SCHEMA_VERSION,
                    if version.as_deref() == Some("2") {
                        " (any saywho command run with write access to the directory \
                         upgrades it as it opens it)"
                    } else {
                        ""
                    }
                ),
            });
        }
        // tantivy takes a lock file even to read; where it cannot, everything but full-text
        // search still works.
        let (index, index_seq, index_error) =
            match FullText::open(&dir.join(INDEX_DIR), false, false) {
                Ok((index, seq)) => (index, seq, None),
                Err(e) => {
                    let (index, seq) = FullText::in_memory(&dir.join(INDEX_DIR))?;
                    (index, seq, Some(e.to_string()))
                }
            };
        Ok(Store {
            dir: dir.to_path_buf(),
            db_path,
            conn,
            index,
            index_seq,
            committing_seq: None,
            uncommitted: 0,
            periodic_commits: true,
            index_error,
        })
    }

    fn open_writable(dir: &Path, mode: Mode) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
            path: dir.to_path_buf(),
            source,
        })?;
        let db_path = dir.join(DB_FILE);
        let sql = |source| StoreError::Sql {
            path: db_path.clone(),
            source,
        };
        let conn = Connection::open_with_flags(
            &db_path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(sql)?;
        // WAL with synchronous=NORMAL: a committed transaction survives the process being
        // killed (it is in the OS's hands); only a power cut may lose the last few.
        let journal: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(sql)?;
        if !journal.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Incompatible {
                path: db_path.clone(),
                message: format!("could not switch to WAL journal mode (got {journal})"),
            });
        }
        // A 32 MB page cache (SQLite's default is 2 MB): an ingest's inserts land all over
        // the child tables' indexes.
        conn.execute_batch("PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;")
            .map_err(sql)?;
        // The version is read before any table is created, so a store of another version is
        // refused untouched.
        let has_meta: bool = conn
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta')",
                [],
                |r| r.get(0),
            )
            .map_err(sql)?;
        let version: Option<String> = if has_meta {
            conn.query_row("SELECT value FROM meta WHERE key='schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql)?
        } else {
            None
        };
        match version {
            None => {
                conn.execute_batch(schema::CREATE).map_err(sql)?;
                conn.execute_batch(schema::LINKS_PERSON).map_err(sql)?;
                conn.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', ?1)",
                    [schema::SCHEMA_VERSION.to_string()],
                )
                .map_err(sql)?;
            }
            Some(v) if v == schema::SCHEMA_VERSION.to_string() => {}
            Some(v) if v == "2" => {
                let tx = conn.unchecked_transaction().map_err(sql)?;
                tx.execute_batch(schema::CREATE).map_err(sql)?;
                tx.execute_batch(schema::MIGRATE_2_TO_3).map_err(sql)?;
                tx.commit().map_err(sql)?;
            }
            Some(v) => {
                return Err(StoreError::Incompatible {
                    path: db_path.clone(),
                    message: format!(
                        "schema version {v}, this saywho reads version {} (ingest the \
                         articles again into a new store directory)",
                        schema::SCHEMA_VERSION
                    ),
                })
            }
        }
        let index_path = dir.join(INDEX_DIR);
        let (index, index_seq) = match mode {
            Mode::Write => FullText::open(&index_path, true, true)?,
            Mode::Read => {
                // Take the writer (and so block an ingest starting now) only when the index
                // lags behind SQLite and needs catching up.
                let sql_seq: i64 = conn
                    .query_row("SELECT value FROM meta WHERE key = 'seq'", [], |r| {
                        r.get::<_, String>(0)
                    })
                    .optional()
                    .map_err(sql)?
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                let (index, seq) = FullText::open(&index_path, false, false)?;
                if seq == sql_seq {
                    (index, seq)
                } else {
                    drop(index);
                    FullText::open(&index_path, true, false)?
                }
            }
        };
        let mut store = Store {
            dir: dir.to_path_buf(),
            db_path,
            conn,
            index,
            index_seq,
            committing_seq: None,
            uncommitted: 0,
            periodic_commits: true,
            index_error: None,
        };
        store.catch_up_index()?;
        if mode == Mode::Read {
            store.index.release_writer();
        }
        Ok(store)
    }

    /// The store's directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.db_path.clone(),
            source,
        }
    }

    /// A stored JSON column (`what`: entities, mentions) of `article` that does not parse.
    fn unreadable(&self, what: &str, article: &str, e: serde_json::Error) -> StoreError {
        StoreError::Incompatible {
            path: self.db_path.clone(),
            message: format!("the stored {what} of article {article} cannot be read: {e}"),
        }
    }

    /// Re-indexes every article written after the index's last commit. This is how the index
    /// recovers from a crash between a SQLite commit and the next index commit.
    fn catch_up_index(&mut self) -> Result<()> {
        if !self.index.writable() {
            return Ok(());
        }
        let current = self.seq()?;
        if current == self.index_seq {
            return Ok(());
        }
        let ids: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM articles WHERE seq > ?1 ORDER BY seq")
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map([self.index_seq], |r| r.get(0))
                .map_err(|e| self.sql(e))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| self.sql(e))?
        };
        if self.index_seq == 0 {
            // A fresh or rebuilt index: nothing to delete, but be safe against a partial one.
            for id in &ids {
                self.index.delete_article(id);
            }
        }
        for id in &ids {
            self.reindex(id)?;
        }
        self.index.commit(current)?;
        self.index_seq = current;
        Ok(())
    }

    /// Replaces the index documents of one article with what SQLite holds for it.
    fn reindex(&mut self, id: &str) -> Result<()> {
        self.index.delete_article(id);
        let row: Option<(i64, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT key, text, title FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some((key, text, title)) = row else {
            return Ok(());
        };
        let title = title.unwrap_or_default();
        self.index.add(IndexDoc {
            article: id,
            idx: None,
            text: &text,
            title: Some(&title),
        })?;
        let quotes: Vec<(usize, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT idx, text FROM quotes WHERE article = ?1 ORDER BY idx")
                .map_err(|e| self.sql(e))?;
            let rows = stmt
                .query_map([key], |r| Ok((r.get::<_, i64>(0)? as usize, r.get(1)?)))
                .map_err(|e| self.sql(e))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| self.sql(e))?
        };
        for (idx, qtext) in &quotes {
            self.index.add(IndexDoc {
                article: id,
                idx: Some(*idx),
                text: qtext,
                title: None,
            })?;
        }
        Ok(())
    }

    /// The sequence number of the latest article write (0 for an empty store).
    pub fn seq(&self) -> Result<i64> {
        self.meta_i64("seq")
    }

    fn meta_i64(&self, key: &str) -> Result<i64> {
        Ok(self.meta(key)?.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    /// A stored value of the caller's own (story-grouper state, bookkeeping), if set.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Stores a value of the caller's own under `key`, durably, in its own transaction.
    pub fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Whether `article` is new, changed or already stored as is.
    pub fn freshness(&self, article: &Article) -> Result<Freshness> {
        freshness_in(&self.conn, article).map_err(|e| self.sql(e))
    }

    /// A read-only connection of its own that answers [`Store::freshness`] on another thread
    /// (an ingest's reader decides there what needs analysing), seeing every committed write.
    pub fn freshness_checker(&self) -> Result<FreshnessChecker> {
        let sql = |source| StoreError::Sql {
            path: self.db_path.clone(),
            source,
        };
        let conn = Connection::open_with_flags(
            &self.db_path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(sql)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(sql)?;
        Ok(FreshnessChecker {
            conn,
            db_path: self.db_path.clone(),
        })
    }

    /// Stores one article with its analysis (and its story, when known) in one transaction:
    /// either all of it is stored or none of it. Storing the same content again changes nothing;
    /// other content under the same id replaces the old version entirely.
    pub fn put(
        &mut self,
        article: &Article,
        analysis: &Analysis,
        story: Option<i64>,
    ) -> Result<PutOutcome> {
        self.put_inner(article, analysis, story, false)
    }

    /// Like [`Store::put`], but rewrites the article even when its content is unchanged, for a
    /// re-analysis with a newer analyzer.
    pub fn put_again(
        &mut self,
        article: &Article,
        analysis: &Analysis,
        story: Option<i64>,
    ) -> Result<PutOutcome> {
        self.put_inner(article, analysis, story, true)
    }

    fn put_inner(
        &mut self,
        article: &Article,
        analysis: &Analysis,
        story: Option<i64>,
        force: bool,
    ) -> Result<PutOutcome> {
        let outcomes = self.put_many(&[Put {
            article,
            analysis,
            story,
            force,
        }])?;
        Ok(outcomes[0])
    }

    /// Stores many articles in one transaction: each is stored as [`Store::put`] (or, with
    /// `force`, [`Store::put_again`]) would, but they commit together, which costs one
    /// commit instead of one each. A crash loses the whole batch or nothing of it, and never
    /// anything committed before. Outcomes come back in the order of `items`.
    pub fn put_many(&mut self, items: &[Put<'_>]) -> Result<Vec<PutOutcome>> {
        self.put_many_noting(items, None)
    }

    /// [`Store::put_many`], also noting in `written` each article it writes, in write order,
    /// with the entity records [`Store::entity_records`] would read back for it: an ingest
    /// links people from these the moment its last article is stored, rather than reading
    /// every entity back.
    pub fn put_many_noting(
        &mut self,
        items: &[Put<'_>],
        mut written: Option<&mut Vec<Written>>,
    ) -> Result<Vec<PutOutcome>> {
        let db_path = self.db_path.clone();
        let sql = |source| StoreError::Sql {
            path: db_path.clone(),
            source,
        };
        let mut outcomes = Vec::with_capacity(items.len());
        let mut quotes = QuoteRows::default();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        let mut seq: i64 = tx
            .query_row(
                "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key='seq'), 0)",
                [],
                |r| r.get(0),
            )
            .map_err(sql)?;
        let first_seq = seq;
        for item in items {
            let hash = fingerprint(item.article);
            let existing: Option<(i64, String)> = tx
                .prepare_cached("SELECT key, hash FROM articles WHERE id = ?1")
                .and_then(|mut stmt| {
                    stmt.query_row([&item.article.id], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()
                })
                .map_err(sql)?;
            let outcome = match &existing {
                None => PutOutcome::Inserted,
                Some((_, h)) if *h == hash && !item.force => {
                    outcomes.push(PutOutcome::Unchanged);
                    continue;
                }
                Some(_) => PutOutcome::Replaced,
            };
            if let Some((key, _)) = existing {
                quotes.forget(key);
                for table in [
                    "articles WHERE key",
                    "quotes WHERE article",
                    "links WHERE article",
                    "article_story WHERE article",
                ] {
                    tx.prepare_cached(&format!("DELETE FROM {table} = ?1"))
                        .and_then(|mut stmt| stmt.execute([key]))
                        .map_err(sql)?;
                }
            }
            seq += 1;
            write_article(&tx, item, &hash, seq, &mut quotes, written.as_deref_mut())
                .map_err(sql)?;
            outcomes.push(outcome);
        }
        quotes.insert(&tx).map_err(sql)?;
        if seq != first_seq {
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('seq', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [seq.to_string()],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;

        // The index follows, from the same values SQLite now holds; a crash before its commit
        // is repaired from SQLite on the next open.
        self.settle_index(false)?;
        for (item, outcome) in items.iter().zip(&outcomes) {
            if *outcome == PutOutcome::Unchanged {
                continue;
            }
            // A new article cannot be in the index: the index was caught up with SQLite on
            // open, and only stored articles are ever indexed.
            if *outcome != PutOutcome::Inserted {
                self.index.delete_article(&item.article.id);
            }
            let title = item.article.meta.title.as_deref().unwrap_or_default();
            self.index.add(IndexDoc {
                article: &item.article.id,
                idx: None,
                text: &item.article.text,
                title: Some(title),
            })?;
            let chars = CharIndex::new(&item.article.text);
            for (i, q) in item.analysis.quotes.iter().enumerate() {
                self.index.add(IndexDoc {
                    article: &item.article.id,
                    idx: Some(i),
                    text: slice(&chars, q.span),
                    title: None,
                })?;
            }
            self.uncommitted += 1;
        }
        if self.periodic_commits && self.uncommitted >= INDEX_COMMIT_EVERY {
            // Committed beside the next batches rather than holding them up.
            self.flush_in_background()?;
        }
        Ok(outcomes)
    }

    /// Stops the index commits that storing starts every thousand articles, until
    /// the next [`Store::flush`]: for an ingest whose input is all read, so that the few
    /// articles left join the last commit instead of one more commit running just before it
    /// (each commit writes and syncs a segment of its own). Nothing is lost meanwhile: a
    /// store opened after a crash indexes again what its index lacks.
    pub fn hold_index_commits(&mut self) {
        self.periodic_commits = false;
    }

    /// Commits the full-text index so it reflects every stored article. Call at the end of an
    /// ingest; cheap when nothing is pending. Also reports whether a commit started by
    /// [`Store::flush_in_background`] failed.
    pub fn flush(&mut self) -> Result<()> {
        self.flush_with(Flush::Now)
    }

    /// Starts what [`Store::flush`] does on a thread of its own and returns at once, so the
    /// caller can go on (with linking people, or storing more articles) while the index
    /// commits. The next [`Store::flush`] waits for it and reports its failure.
    ///
    /// An earlier commit still running is waited for first: storing goes no faster than the
    /// index commits, and the documents waiting for the writer stay few.
    pub fn flush_in_background(&mut self) -> Result<()> {
        self.flush_with(Flush::Background)
    }

    /// [`Store::flush_in_background`] without waiting here for an earlier commit still
    /// running: this commit follows it on a thread of its own. For the end of an ingest,
    /// where that wait would hold up the work left; not for a loop, since nothing then holds
    /// the storing back to the index's pace.
    pub fn flush_after_running(&mut self) -> Result<()> {
        self.flush_with(Flush::AfterRunning)
    }

    fn flush_with(&mut self, how: Flush) -> Result<()> {
        if !self.index.writable() {
            return Ok(());
        }
        self.settle_index(how != Flush::AfterRunning)?;
        if how == Flush::Now {
            self.periodic_commits = true;
        }
        let seq = self.seq()?;
        let committed = self.committing_seq.unwrap_or(self.index_seq);
        if self.uncommitted > 0 || seq != committed {
            self.uncommitted = 0;
            if how != Flush::Now {
                self.index.commit_in_background(seq)?;
                self.committing_seq = Some(seq);
            } else {
                self.index.commit(seq)?;
                self.index_seq = seq;
            }
        }
        Ok(())
    }

    /// Takes the index writer back from a background commit (waiting for it with `wait`,
    /// otherwise only once it has finished), so documents go to the index again rather than
    /// wait in memory; the commit's error, if it failed.
    fn settle_index(&mut self, wait: bool) -> Result<()> {
        if self.committing_seq.is_some() && (wait || self.index.commit_finished()) {
            let seq = self.committing_seq.take();
            self.index.settle()?;
            self.index_seq = seq.unwrap_or(self.index_seq);
        }
        Ok(())
    }

    /// True when the full-text index reflects every stored article.
    pub fn index_is_current(&self) -> Result<bool> {
        Ok(self.index_seq == self.seq()?)
    }

    /// Sets the story of an article already stored.
    pub fn set_story(&mut self, article: &str, story: Option<i64>) -> Result<()> {
        match story {
            Some(story) => self.conn.execute(SET_STORY, params![article, story]),
            None => self.conn.execute(
                "DELETE FROM article_story WHERE article = (SELECT key FROM articles WHERE id = ?1)",
                [article],
            ),
        }
        .map_err(|e| self.sql(e))?;
        Ok(())
    }

    /// Stores story assignments, story merges (`(from, into)`: every article of `from` moves to
    /// `into`) and meta values (the grouper's state and what it covers) in one transaction, so
    /// they never disagree after a crash.
    pub fn set_stories(
        &mut self,
        assignments: &[(String, i64)],
        merges: &[(i64, i64)],
        meta: &[(&str, &str)],
    ) -> Result<()> {
        let db_path = self.db_path.clone();
        let sql = |source| StoreError::Sql {
            path: db_path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        {
            let mut stmt = tx.prepare(SET_STORY).map_err(sql)?;
            for (id, story) in assignments {
                stmt.execute(params![id, story]).map_err(sql)?;
            }
            let mut stmt = tx
                .prepare("UPDATE article_story SET story = ?2 WHERE story = ?1")
                .map_err(sql)?;
            for (from, into) in merges {
                stmt.execute(params![from, into]).map_err(sql)?;
            }
        }
        for (key, value) in meta {
            tx.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(())
    }

    /// How much the store holds.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<i64> {
            self.conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                .map_err(|e| self.sql(e))
        };
        let entities = self
            .conn
            .query_row(
                "SELECT COALESCE(SUM(entity_count), 0) FROM articles",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.sql(e))?;
        Ok(Counts {
            articles: count("articles")?,
            quotes: count("quotes")?,
            entities,
            persons: count("persons")?,
        })
    }

    /// Every stored article's identity and metadata, in the order they were last written.
    pub fn articles(&self) -> Result<Vec<ArticleSummary>> {
        self.summaries("SELECT a.id, a.title, a.source, a.url, a.date, a.authors, a.language, s.story, a.seq FROM articles a LEFT JOIN article_story s ON s.article = a.key ORDER BY a.seq", [])
    }

    /// The articles written after sequence number `seq`, in write order.
    pub fn articles_since(&self, seq: i64) -> Result<Vec<ArticleSummary>> {
        self.summaries("SELECT a.id, a.title, a.source, a.url, a.date, a.authors, a.language, s.story, a.seq FROM articles a LEFT JOIN article_story s ON s.article = a.key WHERE a.seq > ?1 ORDER BY a.seq", [seq])
    }

    /// The articles of one story, in write order.
    pub fn story_articles(&self, story: i64) -> Result<Vec<ArticleSummary>> {
        self.summaries("SELECT a.id, a.title, a.source, a.url, a.date, a.authors, a.language, s.story, a.seq FROM article_story s JOIN articles a ON a.key = s.article WHERE s.story = ?1 ORDER BY a.seq", [story])
    }

    fn summaries<P: rusqlite::Params>(&self, query: &str, p: P) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare(query).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(p, |r| {
                let authors: String = r.get(5)?;
                Ok(ArticleSummary {
                    id: r.get(0)?,
                    meta: ArticleMeta {
                        title: r.get(1)?,
                        source: r.get(2)?,
                        url: r.get(3)?,
                        date: r.get(4)?,
                        authors: serde_json::from_str(&authors).unwrap_or_default(),
                        language: r.get(6)?,
                    },
                    story: r.get(7)?,
                    seq: r.get(8)?,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// One stored article with its analysis, rebuilt exactly as it was put.
    pub fn load(&self, id: &str) -> Result<Option<StoredArticle>> {
        let row = self
            .conn
            .query_row(
                "SELECT key, text, title, source, url, date, authors, language,
                        (SELECT story FROM article_story WHERE article = key), seq,
                        entities, mentions
                 FROM articles WHERE id = ?1",
                [id],
                |r| {
                    let authors: String = r.get(6)?;
                    Ok((
                        r.get::<_, i64>(0)?,
                        Article {
                            id: id.to_string(),
                            text: r.get(1)?,
                            meta: ArticleMeta {
                                title: r.get(2)?,
                                source: r.get(3)?,
                                url: r.get(4)?,
                                date: r.get(5)?,
                                authors: serde_json::from_str(&authors).unwrap_or_default(),
                                language: r.get(7)?,
                            },
                        },
                        r.get::<_, Option<i64>>(8)?,
                        r.get::<_, i64>(9)?,
                        r.get::<_, String>(10)?,
                        r.get::<_, String>(11)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.sql(e))?;
        let Some((key, article, story, seq, entities_json, mentions_json)) = row else {
            return Ok(None);
        };
        let sql = |e| self.sql(e);
        let corrupt = |what: &str, e| self.unreadable(what, id, e);
        let stored_entities: Vec<StoredEntity> =
            serde_json::from_str(&entities_json).map_err(|e| corrupt("entities", e))?;
        let stored_mentions: Vec<StoredMention> =
            serde_json::from_str(&mentions_json).map_err(|e| corrupt("mentions", e))?;
        let mut entities: Vec<Entity> = stored_entities
            .into_iter()
            .map(|e| Entity {
                name: e.0,
                entity_type: entity_type_from(&e.1),
                mentions: Vec::new(),
            })
            .collect();
        let mut persons = vec![None; entities.len()];
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT idx, person FROM links WHERE article = ?1")
                .map_err(sql)?;
            let rows = stmt
                .query_map([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
                .map_err(sql)?;
            for row in rows {
                let (idx, person) = row.map_err(sql)?;
                if let Some(slot) = persons.get_mut(idx as usize) {
                    *slot = Some(person);
                }
            }
        }
        let mut mentions = Vec::with_capacity(stored_mentions.len());
        for (i, StoredMention(start, end, kind, entity)) in stored_mentions.into_iter().enumerate()
        {
            if let Some(e) = entity.and_then(|e| entities.get_mut(e)) {
                e.mentions.push(i);
            }
            mentions.push(Mention {
                span: Span::new(start, end),
                kind: mention_kind_from_code(kind),
                entity,
            });
        }
        let mut quotes = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT start, end, kind, cue_start, cue_end, speaker_entity, speaker_mention,
                            confidence
                     FROM quotes WHERE article = ?1 ORDER BY idx",
                )
                .map_err(sql)?;
            let rows = stmt
                .query_map([key], |r| {
                    let cue = match (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<i64>>(4)?) {
                        (Some(s), Some(e)) => Some(Span::new(s as usize, e as usize)),
                        _ => None,
                    };
                    Ok(Quotation {
                        span: Span::new(r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize),
                        kind: quote_kind_from(&r.get::<_, String>(2)?),
                        cue,
                        speaker: Speaker {
                            entity: r.get::<_, Option<i64>>(5)?.map(|v| v as usize),
                            mention: r.get::<_, Option<i64>>(6)?.map(|v| v as usize),
                        },
                        confidence: r.get::<_, f64>(7)? as f32,
                    })
                })
                .map_err(sql)?;
            for row in rows {
                quotes.push(row.map_err(sql)?);
            }
        }
        Ok(Some(StoredArticle {
            article,
            analysis: Analysis {
                quotes,
                mentions,
                entities,
            },
            story,
            seq,
            persons,
        }))
    }

    /// Every entity of every article with the words used for it, for person linking.
    pub fn entity_records(&self) -> Result<Vec<EntityRecord>> {
        let sql = |e| self.sql(e);
        let mut records: Vec<EntityRecord> = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, entities FROM articles ORDER BY seq")
            .map_err(sql)?;
        let mut rows = stmt.query([]).map_err(sql)?;
        while let Some(row) = rows.next().map_err(sql)? {
            let article: String = row.get(0).map_err(sql)?;
            let json = row.get_ref(1).map_err(sql)?.as_str().map_err(|e| {
                self.sql(rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                ))
            })?;
            let entities: Vec<StoredEntity> =
                serde_json::from_str(json).map_err(|e| self.unreadable("entities", &article, e))?;
            records.extend(
                entities
                    .into_iter()
                    .enumerate()
                    .map(|(idx, e)| e.into_record(&article, idx)),
            );
        }
        Ok(records)
    }

    /// Replaces the corpus persons and every entity's link to them, in one transaction, and
    /// records the article sequence number the linking reflects.
    pub fn set_persons(
        &mut self,
        persons: &[PersonRecord],
        links: &[(&str, usize, i64)],
    ) -> Result<()> {
        let db_path = self.db_path.clone();
        let sql = |source| StoreError::Sql {
            path: db_path.clone(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql)?;
        tx.execute("DELETE FROM persons", []).map_err(sql)?;
        {
            let rows: Vec<PersonRow<'_>> = persons
                .iter()
                .map(|p| PersonRow {
                    id: p.id,
                    name: &p.name,
                    entity_type: entity_type_str(p.entity_type),
                    aliases: serde_json::to_string(&p.aliases).unwrap_or_else(|_| "[]".into()),
                })
                .collect();
            insert_rows(
                &tx,
                "INSERT INTO persons(id, name, type, aliases)",
                "",
                32,
                &rows,
            )
            .map_err(sql)?;
            // Article keys looked up once, not once per link.
            let keys: rustc_hash::FxHashMap<String, i64> = tx
                .prepare("SELECT id, key FROM articles")
                .and_then(|mut stmt| {
                    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect()
                })
                .map_err(sql)?;
            // Only the links that changed are written: a relinking after a small ingest
            // leaves most of them as they were.
            let mut stale: rustc_hash::FxHashMap<(i64, i64), i64> = tx
                .prepare("SELECT article, idx, person FROM links")
                .and_then(|mut stmt| {
                    stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
                        .collect()
                })
                .map_err(sql)?;
            let mut wanted: Vec<(i64, i64, i64)> = links
                .iter()
                .filter_map(|(article, idx, person)| {
                    keys.get(*article).map(|&key| (key, *idx as i64, *person))
                })
                .collect();
            wanted.sort_unstable();
            let total = wanted.len();
            // What is left in `stale` afterwards is links no longer wanted.
            let changed: Vec<(i64, i64, i64)> = wanted
                .into_iter()
                .filter(|&(key, idx, person)| stale.remove(&(key, idx)) != Some(person))
                .collect();
            // Many changes (the first linking of a large ingest): the person index is built
            // again at the end, one sort, rather than updated change by change.
            let rebuild = changed.len() > 1000 && changed.len() * 4 > total;
            if rebuild {
                tx.execute_batch("DROP INDEX links_person").map_err(sql)?;
            }
            // A first linking writes one row per entity of the store.
            insert_rows(
                &tx,
                "INSERT INTO links(article, idx, person)",
                "ON CONFLICT(article, idx) DO UPDATE SET person = excluded.person",
                64,
                &changed,
            )
            .map_err(sql)?;
            let mut stmt = tx
                .prepare("DELETE FROM links WHERE article = ?1 AND idx = ?2")
                .map_err(sql)?;
            for (key, idx) in stale.into_keys() {
                stmt.execute(params![key, idx]).map_err(sql)?;
            }
            if rebuild {
                tx.execute_batch(schema::LINKS_PERSON).map_err(sql)?;
            }
        }
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('persons_seq', (SELECT value FROM meta WHERE key='seq'))
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(())
    }

    /// True when the person linking reflects every stored article.
    pub fn persons_are_current(&self) -> Result<bool> {
        Ok(self.meta_i64("persons_seq")? == self.seq()?)
    }

    /// Every corpus person, by id.
    pub fn persons(&self) -> Result<Vec<PersonRecord>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, type, aliases FROM persons ORDER BY id")
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map([], |r| {
                let aliases: String = r.get(3)?;
                Ok(PersonRecord {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    entity_type: entity_type_from(&r.get::<_, String>(2)?),
                    aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// The quotations attributed to entities linked to `person`, in article write order.
    pub fn quotes_by_person(&self, person: i64) -> Result<Vec<QuoteRecord>> {
        self.quote_records("WHERE e.person = ?1 ORDER BY a.seq, q.idx", params![person])
    }

    /// Every stored quotation, in article write order: for listings with filters but no words.
    pub fn all_quotes(&self) -> Result<Vec<QuoteRecord>> {
        self.quote_records("ORDER BY a.seq, q.idx", [])
    }

    /// One quotation by article id and index.
    pub fn quote(&self, article: &str, idx: usize) -> Result<Option<QuoteRecord>> {
        Ok(self
            .quote_records(
                "WHERE a.id = ?1 AND q.idx = ?2",
                params![article, idx as i64],
            )?
            .into_iter()
            .next())
    }

    fn quote_records<P: rusqlite::Params>(&self, filter: &str, p: P) -> Result<Vec<QuoteRecord>> {
        let query = format!(
            "SELECT a.id, q.idx, a.title, a.source, a.date, s.story, q.text, q.kind,
                    q.speaker_name, q.speaker_entity, e.person, q.start, q.end
             FROM quotes q JOIN articles a ON a.key = q.article
             LEFT JOIN article_story s ON s.article = q.article
             LEFT JOIN links e ON e.article = q.article AND e.idx = q.speaker_entity
             {filter}"
        );
        let mut stmt = self.conn.prepare(&query).map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(p, |r| {
                Ok(QuoteRecord {
                    article: r.get(0)?,
                    idx: r.get::<_, i64>(1)? as usize,
                    title: r.get(2)?,
                    source: r.get(3)?,
                    date: r.get(4)?,
                    story: r.get(5)?,
                    text: r.get(6)?,
                    kind: quote_kind_from(&r.get::<_, String>(7)?),
                    speaker_name: r.get(8)?,
                    speaker_entity: r.get::<_, Option<i64>>(9)?.map(|v| v as usize),
                    person: r.get(10)?,
                    start: r.get::<_, i64>(11)? as usize,
                    end: r.get::<_, i64>(12)? as usize,
                })
            })
            .map_err(|e| self.sql(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.sql(e))
    }

    /// The best `limit` full-text matches of `query` (tantivy query syntax, parsed leniently).
    pub fn search(&self, query: &str, target: Target, limit: usize) -> Result<Vec<Hit>> {
        if let Some(reason) = &self.index_error {
            return Err(StoreError::ReadOnly {
                path: self.dir.clone(),
                reason: format!("its full-text index cannot be opened: {reason}"),
            });
        }
        self.index.search(query, target, limit)
    }

    /// How many documents the committed full-text index holds (quotations plus articles).
    pub fn index_docs(&self) -> u64 {
        self.index.num_docs()
    }

    /// Checks SQLite's own integrity; an error or a non-"ok" report means a damaged store.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.sql(e))
    }
}

impl Store {
    /// Drops the store as a crash would: the index loses whatever it had not committed.
    #[cfg(test)]
    fn abandon(mut self) {
        self.index.release_writer();
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Best effort: an index left behind is caught up on the next open anyway.
        let _ = self.flush();
    }
}

/// How [`Store::flush_with`] commits the index.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flush {
    /// Here, waiting for it.
    Now,
    /// On a thread, once an earlier commit still running has been waited for.
    Background,
    /// On a thread, following an earlier commit still running.
    AfterRunning,
}

/// Puts article `?1` (by id) in story `?2`.
const SET_STORY: &str = "INSERT INTO article_story(article, story)
     SELECT key, ?2 FROM articles WHERE id = ?1
     ON CONFLICT(article) DO UPDATE SET story = excluded.story";

fn write_article<'a>(
    tx: &Transaction<'_>,
    item: &Put<'a>,
    hash: &str,
    seq: i64,
    quotes: &mut QuoteRows<'a>,
    written: Option<&mut Vec<Written>>,
) -> rusqlite::Result<()> {
    let Put {
        article,
        analysis,
        story,
        ..
    } = *item;
    let meta = &article.meta;
    let authors = serde_json::to_string(&meta.authors).unwrap_or_else(|_| "[]".into());
    let index = CharIndex::new(&article.text);
    // Indices that point past the end of a list are dropped rather than stored dangling.
    let entity_ok = |e: Option<usize>| e.filter(|&e| e < analysis.entities.len());
    let mut entities: Vec<StoredEntity> = analysis
        .entities
        .iter()
        .map(|e| {
            StoredEntity(
                e.name.clone(),
                entity_type_str(e.entity_type).to_string(),
                Vec::new(),
                Vec::new(),
            )
        })
        .collect();
    let mut mentions = Vec::with_capacity(analysis.mentions.len());
    for m in &analysis.mentions {
        let entity = entity_ok(m.entity);
        mentions.push(StoredMention(
            m.span.start,
            m.span.end,
            mention_kind_code(m.kind),
            entity,
        ));
        // What person linking reads: each entity's name and description texts, spaces
        // normalised, each once, in mention order.
        let Some(e) = entity else {
            continue;
        };
        let list = match m.kind {
            MentionKind::Name => &mut entities[e].2,
            MentionKind::Description => &mut entities[e].3,
            MentionKind::Pronoun => continue,
        };
        let text = slice(&index, m.span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !list.contains(&text) {
            list.push(text);
        }
    }
    let to_json = |e: serde_json::Error| rusqlite::Error::ToSqlConversionFailure(Box::new(e));
    let entities_json = serde_json::to_string(&entities).map_err(to_json)?;
    if let Some(written) = written {
        // The very words just encoded, as `entity_records` decodes them.
        let entities = entities
            .into_iter()
            .enumerate()
            .map(|(idx, e)| e.into_record(&article.id, idx))
            .collect();
        written.push(Written {
            article: article.id.clone(),
            entities,
        });
    }
    let mentions_json = serde_json::to_string(&mentions).map_err(to_json)?;
    tx.prepare_cached(
        "INSERT INTO articles(id, hash, seq, title, source, url, date, authors, language,
                              entity_count, entities, mentions, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        article.id,
        hash,
        seq,
        meta.title,
        meta.source,
        meta.url,
        meta.date,
        authors,
        meta.language,
        analysis.entities.len() as i64,
        entities_json,
        mentions_json,
        article.text,
    ])?;
    let key = tx.last_insert_rowid();
    if let Some(story) = story {
        tx.prepare_cached("INSERT INTO article_story(article, story) VALUES (?1, ?2)")?
            .execute(params![key, story])?;
    }
    let entity_ok = |e: Option<usize>| entity_ok(e).map(|e| e as i64);
    for (i, q) in analysis.quotes.iter().enumerate() {
        let speaker_mention = q.speaker.mention.filter(|&m| m < analysis.mentions.len());
        let speaker_name = analysis
            .speaker_entity(q)
            .map(|e| e.name.clone())
            .or_else(|| {
                speaker_mention.map(|m| slice(&index, analysis.mentions[m].span).to_string())
            });
        quotes.rows.push(QuoteRow {
            article: key,
            idx: i as i64,
            start: q.span.start as i64,
            end: q.span.end as i64,
            kind: q.kind.as_str(),
            cue_start: q.cue.map(|c| c.start as i64),
            cue_end: q.cue.map(|c| c.end as i64),
            speaker_entity: entity_ok(q.speaker.entity),
            speaker_mention: speaker_mention.map(|m| m as i64),
            speaker_name,
            confidence: f64::from(q.confidence),
            text: slice(&index, q.span),
        });
    }
    Ok(())
}

/// The quotation rows of a batch of articles, inserted together once the batch's articles
/// are: many rows a statement, since a statement a row cost more than the rows themselves (a
/// batch holds some 500 quotations).
#[derive(Default)]
struct QuoteRows<'a> {
    rows: Vec<QuoteRow<'a>>,
}

/// One row of the `quotes` table.
struct QuoteRow<'a> {
    article: i64,
    idx: i64,
    start: i64,
    end: i64,
    kind: &'static str,
    cue_start: Option<i64>,
    cue_end: Option<i64>,
    speaker_entity: Option<i64>,
    speaker_mention: Option<i64>,
    speaker_name: Option<String>,
    confidence: f64,
    text: &'a str,
}

impl QuoteRows<'_> {
    /// Drops the rows of an article replaced later in the same batch.
    fn forget(&mut self, article: i64) {
        self.rows.retain(|r| r.article != article);
    }

    fn insert(&self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        insert_rows(
            tx,
            "INSERT INTO quotes(article, idx, start, end, kind, cue_start, cue_end,
                                speaker_entity, speaker_mention, speaker_name, confidence, text)",
            "",
            32,
            &self.rows,
        )
    }
}

impl SqlRow<12> for QuoteRow<'_> {
    fn values(&self) -> [&dyn rusqlite::ToSql; 12] {
        [
            &self.article,
            &self.idx,
            &self.start,
            &self.end,
            &self.kind,
            &self.cue_start,
            &self.cue_end,
            &self.speaker_entity,
            &self.speaker_mention,
            &self.speaker_name,
            &self.confidence,
            &self.text,
        ]
    }
}

/// A person link: article key, entity index, person.
impl SqlRow<3> for (i64, i64, i64) {
    fn values(&self) -> [&dyn rusqlite::ToSql; 3] {
        [&self.0, &self.1, &self.2]
    }
}

/// One row of `persons`.
struct PersonRow<'a> {
    id: i64,
    name: &'a str,
    entity_type: &'static str,
    aliases: String,
}

impl SqlRow<4> for PersonRow<'_> {
    fn values(&self) -> [&dyn rusqlite::ToSql; 4] {
        [&self.id, &self.name, &self.entity_type, &self.aliases]
    }
}

/// A row [`insert_rows`] can write: its `N` values in column order.
trait SqlRow<const N: usize> {
    fn values(&self) -> [&dyn rusqlite::ToSql; N];
}

/// Inserts `rows`, `per_statement` of them a statement: `insert` is the statement up to its
/// `VALUES`, `tail` what follows them (an upsert clause, or nothing). A statement a row cost
/// more than the rows themselves, for quotations and person links alike.
fn insert_rows<R: SqlRow<N>, const N: usize>(
    tx: &Transaction<'_>,
    insert: &str,
    tail: &str,
    per_statement: usize,
    rows: &[R],
) -> rusqlite::Result<()> {
    let row = format!("({})", vec!["?"; N].join(", "));
    let statement = |rows: usize| {
        format!(
            "{insert} VALUES {} {tail}",
            vec![row.as_str(); rows].join(", ")
        )
    };
    let full = statement(per_statement);
    for chunk in rows.chunks(per_statement) {
        let values = rusqlite::params_from_iter(chunk.iter().flat_map(SqlRow::values));
        if chunk.len() == per_statement {
            tx.prepare_cached(&full)?.execute(values)?;
        } else {
            // Not cached: a last chunk has any length, and would crowd out the statements that
            // are reused.
            tx.prepare(&statement(chunk.len()))?.execute(values)?;
        }
    }
    Ok(())
}

/// The text of a span, tolerating spans an analyzer got backwards.
fn slice<'a>(index: &CharIndex<'a>, span: Span) -> &'a str {
    index.slice(Span::new(span.start, span.end.max(span.start)))
}

/// One entity as `articles.entities` holds it: name, type, the texts of its name mentions and
/// of its description mentions.
#[derive(Serialize, Deserialize)]
struct StoredEntity(String, String, Vec<String>, Vec<String>);

impl StoredEntity {
    /// The entity as person linking reads it: entity `idx` of `article`.
    fn into_record(self, article: &str, idx: usize) -> EntityRecord {
        let StoredEntity(name, ty, names, descriptions) = self;
        EntityRecord {
            article: article.to_string(),
            idx,
            name,
            entity_type: entity_type_from(&ty),
            names,
            descriptions,
        }
    }
}

/// One mention as `articles.mentions` holds it: start, end, kind code, entity.
#[derive(Serialize, Deserialize)]
struct StoredMention(usize, usize, u8, Option<usize>);

/// The stored name of an entity type.
pub fn entity_type_str(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Other => "other",
    }
}

fn entity_type_from(s: &str) -> EntityType {
    match s {
        "person" => EntityType::Person,
        "organization" => EntityType::Organization,
        _ => EntityType::Other,
    }
}

fn mention_kind_code(k: MentionKind) -> u8 {
    match k {
        MentionKind::Name => 0,
        MentionKind::Description => 1,
        MentionKind::Pronoun => 2,
    }
}

fn mention_kind_from_code(code: u8) -> MentionKind {
    match code {
        0 => MentionKind::Name,
        1 => MentionKind::Description,
        _ => MentionKind::Pronoun,
    }
}

fn quote_kind_from(s: &str) -> QuoteKind {
    match s {
        "direct" => QuoteKind::Direct,
        "partial" => QuoteKind::Partial,
        _ => QuoteKind::Indirect,
    }
}

#[cfg(test)]
mod tests;
