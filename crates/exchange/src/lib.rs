//! Analysed articles as Parquet tables, the format in which single-machine saywho and a cluster
//! job exchange results: `saywho export --parquet DIR` writes it from the embedded store, the
//! Spark job in `deploy/spark/` writes the same tables from a corpus of any size, and
//! `saywho ingest --parquet DIR` stores either without analysing again.
//!
//! # Layout
//! A directory with one sub-directory per table, each holding Parquet files (`part-*.parquet`,
//! as Spark writes them; other files such as `_SUCCESS` are ignored):
//!
//! | table | one row per | key |
//! |---|---|---|
//! | `articles` | article: metadata, text, story | `id` |
//! | `quotes` | quotation: spans, kind, cue, speaker, confidence, text | `article`, `idx` |
//! | `entities` | person/organisation of an article, its corpus person | `article`, `idx` |
//! | `mentions` | mention of an entity: span, kind, entity | `article`, `idx` |
//! | `persons` | corpus person: name, type, aliases | `id` |
//!
//! The tables mirror the store's, so nothing of an analysis is lost on the way: spans are code
//! points into `articles.text`, and `speaker_entity`, `speaker_mention` and `entity` are `idx`
//! values of the same article's rows. Columns are read by name, so files written by Spark
//! (other column order, 64-bit integers, every column nullable) read the same as ours.
//!
//! # Why no arrow
//! The `parquet` crate is used through its low-level column writer and its record reader,
//! without its arrow feature: arrow would add several times parquet's own build time to every
//! clean build for no gain at these row rates (the store, not Parquet, bounds ingest speed).

mod rows;
mod table;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use rows::{
    entity_type_from, entity_type_name, mention_kind_from, mention_kind_name, quote_kind_from,
    ArticleRow, ArticleRows, EntityRow, MentionRow, PersonRow, QuoteRow,
};
use table::{read_table, Table, TableWriter};

/// Why exchange tables could not be written or read. Every message names the file or the
/// article, so a bad row in a billion can be found.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// A file or directory could not be created, opened, read or renamed.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The Parquet library refused a file (corrupt, truncated, not Parquet).
    #[error("{}: {source}", .path.display())]
    Parquet {
        /// The file.
        path: PathBuf,
        /// What the library said.
        source: parquet::errors::ParquetError,
    },
    /// A row lacks a column or has a value of the wrong type.
    #[error("{}: row {row}: {message}", .path.display())]
    BadRow {
        /// The file.
        path: PathBuf,
        /// The row's number within the file, from 1.
        row: u64,
        /// What is wrong with it.
        message: String,
    },
    /// An article's rows do not fit together (a dangling reference, a span past the text, a
    /// repeated article, rows of an article that is not in the articles table).
    #[error("article {article}: {message}")]
    BadArticle {
        /// The article's id.
        article: String,
        /// What is wrong with it.
        message: String,
    },
    /// The directory cannot be used: it already holds tables, or it holds none.
    #[error("{}: {message}", .path.display())]
    Layout {
        /// The directory.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
}

/// The names of the tables, in the order they are documented.
pub const TABLES: [&str; 5] = ["articles", "quotes", "entities", "mentions", "persons"];

/// How many rows of each table a writer wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Articles.
    pub articles: u64,
    /// Quotations.
    pub quotes: u64,
    /// Entities.
    pub entities: u64,
    /// Mentions.
    pub mentions: u64,
    /// Corpus persons.
    pub persons: u64,
}

/// Writes the exchange tables into a new directory, one article (and its rows) at a time.
pub struct Writer {
    articles: TableWriter<ArticleRow>,
    quotes: TableWriter<QuoteRow>,
    entities: TableWriter<EntityRow>,
    mentions: TableWriter<MentionRow>,
    persons: TableWriter<PersonRow>,
}

impl Writer {
    /// Starts the tables in `dir`, which may exist but must not hold any of them already:
    /// an export never mixes with or overwrites an earlier one.
    pub fn create(dir: &Path) -> Result<Writer, ExchangeError> {
        for table in TABLES {
            let path = dir.join(table);
            if path.exists() {
                return Err(ExchangeError::Layout {
                    path: dir.to_path_buf(),
                    message: format!(
                        "already holds a '{table}' table; export into a new or empty directory"
                    ),
                });
            }
        }
        Ok(Writer {
            articles: TableWriter::create(dir)?,
            quotes: TableWriter::create(dir)?,
            entities: TableWriter::create(dir)?,
            mentions: TableWriter::create(dir)?,
            persons: TableWriter::create(dir)?,
        })
    }

    /// Adds one article with its rows.
    pub fn push(&mut self, rows: ArticleRows) -> Result<(), ExchangeError> {
        self.articles.push(rows.article)?;
        for q in rows.quotes {
            self.quotes.push(q)?;
        }
        for e in rows.entities {
            self.entities.push(e)?;
        }
        for m in rows.mentions {
            self.mentions.push(m)?;
        }
        Ok(())
    }

    /// Adds one corpus person.
    pub fn push_person(&mut self, person: PersonRow) -> Result<(), ExchangeError> {
        self.persons.push(person)
    }

    /// Finishes every file; until this returns, no table has its final name.
    pub fn finish(self) -> Result<Counts, ExchangeError> {
        Ok(Counts {
            articles: self.articles.finish()?,
            quotes: self.quotes.finish()?,
            entities: self.entities.finish()?,
            mentions: self.mentions.finish()?,
            persons: self.persons.finish()?,
        })
    }
}

/// Reads the articles of an exchange directory with their rows, article by article.
///
/// The articles table is streamed; the quotation, entity and mention tables are first read
/// into memory grouped by article (Spark writes them in no useful order), which costs about
/// their uncompressed size: read a slice of a large job's output, not all of it, into one
/// machine's store.
pub fn read_articles(
    dir: &Path,
) -> Result<impl Iterator<Item = Result<ArticleRows, ExchangeError>>, ExchangeError> {
    if !dir.join(ArticleRow::NAME).is_dir() {
        return Err(ExchangeError::Layout {
            path: dir.to_path_buf(),
            message: "no 'articles' table here (expected the directory that `saywho export \
                      --parquet` or the Spark job wrote)"
                .into(),
        });
    }
    let quotes = group_by_article(dir, |q: &QuoteRow| &q.article)?;
    let entities = group_by_article(dir, |e: &EntityRow| &e.article)?;
    let mentions = group_by_article(dir, |m: &MentionRow| &m.article)?;
    let articles = read_table::<ArticleRow>(dir)?;
    Ok(Assemble {
        articles: Box::new(articles),
        quotes,
        entities,
        mentions,
        seen: HashSet::new(),
        leftovers: None,
    })
}

/// Every corpus person of an exchange directory (none when it has no persons table).
pub fn read_persons(dir: &Path) -> Result<Vec<PersonRow>, ExchangeError> {
    if !dir.join(PersonRow::NAME).is_dir() {
        return Ok(Vec::new());
    }
    read_table::<PersonRow>(dir)?.collect()
}

/// A child table read whole, its rows grouped under their article's id.
fn group_by_article<T: Table + 'static>(
    dir: &Path,
    key: fn(&T) -> &String,
) -> Result<HashMap<String, Vec<T>>, ExchangeError> {
    let mut groups: HashMap<String, Vec<T>> = HashMap::new();
    if !dir.join(T::NAME).is_dir() {
        return Ok(groups);
    }
    for row in read_table::<T>(dir)? {
        let row = row?;
        match groups.get_mut(key(&row)) {
            Some(rows) => rows.push(row),
            None => {
                groups.insert(key(&row).clone(), vec![row]);
            }
        }
    }
    Ok(groups)
}

/// Joins streamed articles with their grouped rows; rows left over at the end (their article
/// is missing) are reported as errors, one per article.
struct Assemble {
    articles: Box<dyn Iterator<Item = Result<ArticleRow, ExchangeError>>>,
    quotes: HashMap<String, Vec<QuoteRow>>,
    entities: HashMap<String, Vec<EntityRow>>,
    mentions: HashMap<String, Vec<MentionRow>>,
    seen: HashSet<String>,
    leftovers: Option<std::vec::IntoIter<String>>,
}

impl Iterator for Assemble {
    type Item = Result<ArticleRows, ExchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(article) = self.articles.next() {
            let article = match article {
                Ok(a) => a,
                Err(e) => return Some(Err(e)),
            };
            if !self.seen.insert(article.id.clone()) {
                return Some(Err(ExchangeError::BadArticle {
                    article: article.id,
                    message: "appears more than once in the articles table; later copy skipped"
                        .into(),
                }));
            }
            let id = &article.id;
            return Some(Ok(ArticleRows {
                quotes: self.quotes.remove(id).unwrap_or_default(),
                entities: self.entities.remove(id).unwrap_or_default(),
                mentions: self.mentions.remove(id).unwrap_or_default(),
                article,
            }));
        }
        let leftovers = self.leftovers.get_or_insert_with(|| {
            let mut ids: Vec<String> = self
                .quotes
                .keys()
                .chain(self.entities.keys())
                .chain(self.mentions.keys())
                .cloned()
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            ids.sort();
            ids.into_iter()
        });
        leftovers.next().map(|id| {
            Err(ExchangeError::BadArticle {
                article: id,
                message: "has quotation, entity or mention rows but no row in the articles table"
                    .into(),
            })
        })
    }
}

#[cfg(test)]
mod tests;
