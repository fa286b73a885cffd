//! The tantivy index over quotations and articles.
//!
//! SQLite is the truth; this index is derived from it. Every index commit carries, as its
//! payload, the highest article sequence number it reflects, so after a crash the store knows
//! exactly which articles to re-index (those with a larger sequence number). A missing,
//! unreadable or foreign index is simply rebuilt from SQLite.

use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::error::{Result, StoreError};

/// Marks the index layout; a payload from another layout means "rebuild".
const LAYOUT: &str = "saywho-index-1";

/// How long a writer waits for the index lock held by another process.
const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// Memory the single indexing thread may buffer before flushing a segment.
const WRITER_HEAP: usize = 64 * 1024 * 1024;

/// The index's fields.
#[derive(Clone, Copy)]
struct Fields {
    doc_type: Field,
    article: Field,
    idx: Field,
    text: Field,
    title: Field,
}

/// One quotation (or article) to index.
pub(crate) struct IndexDoc<'a> {
    /// The article's id.
    pub article: &'a str,
    /// The quotation's index within its article; `None` for the article document itself.
    pub idx: Option<usize>,
    /// The searchable text.
    pub text: &'a str,
    /// The article's title, searchable too; only on the article document (a quotation is
    /// found by its own words: repeating the title on each of an article's quotations made
    /// them a fifth of all the words indexed).
    pub title: Option<&'a str>,
}

/// A search hit: which quotation (or article), and how well it matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Relevance; larger is better.
    pub score: f32,
    /// The article's id.
    pub article: String,
    /// The quotation's index within its article; `None` when the article itself matched.
    pub idx: Option<usize>,
}

/// What to search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Quotations only.
    Quotes,
    /// Article texts only.
    Articles,
}

/// A commit running on a thread of its own ([`FullText::commit_in_background`]); it hands the
/// writer back when done.
type Committing = std::thread::JoinHandle<(IndexWriter<TantivyDocument>, tantivy::Result<()>)>;

/// A change that arrived while a commit was running, applied once the writer is back.
enum Queued {
    Delete(Term),
    Add(TantivyDocument),
}

/// The index, its reader and (when this process may write) its writer.
pub(crate) struct FullText {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter<TantivyDocument>>,
    /// A commit in progress: the writer is on that thread until it is joined.
    committing: Option<Committing>,
    /// Changes waiting for the writer to come back from `committing`.
    queued: Vec<Queued>,
    fields: Fields,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        doc_type: builder.add_text_field("type", STRING),
        article: builder.add_text_field("article", STRING | STORED),
        idx: builder.add_u64_field("idx", STORED),
        text: builder.add_text_field("text", stemmed.clone()),
        title: builder.add_text_field("title", stemmed),
    };
    (builder.build(), fields)
}

impl FullText {
    /// Opens the index at `path`, creating or rebuilding it when needed. With `write`, takes the
    /// writer lock; when another process holds it, fails if `require` and otherwise carries on
    /// read-only. Without `write`, only reads.
    ///
    /// Returns the index and the sequence number it reflects (0 for a new or rebuilt one).
    pub(crate) fn open(path: &Path, write: bool, require: bool) -> Result<(FullText, i64)> {
        let err = |source| StoreError::Index {
            path: path.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(path).map_err(|source| StoreError::Dir {
            path: path.to_path_buf(),
            source,
        })?;
        let (schema, fields) = schema();
        let mut rebuilt = false;
        let index = match open_matching(path, &schema) {
            Some(index) => index,
            None => {
                if !write {
                    // A reader cannot rebuild; an empty in-memory index answers nothing until
                    // the next writer repairs the real one.
                    let index = Index::create_in_ram(schema.clone());
                    return Ok((FullText::assemble(path, index, None, fields)?, 0));
                }
                clear_dir(path)?;
                rebuilt = true;
                Index::create_in_dir(path, schema.clone()).map_err(err)?
            }
        };
        let seq = if rebuilt {
            0
        } else {
            index
                .load_metas()
                .map_err(err)?
                .payload
                .as_deref()
                .and_then(parse_payload)
                .unwrap_or(0)
        };
        let writer = if write {
            // A query process holds the lock only while it catches the index up: a writer
            // waits for it rather than fail.
            let deadline = std::time::Instant::now() + WRITER_WAIT;
            loop {
                match index.writer_with_num_threads(1, WRITER_HEAP) {
                    Ok(writer) => {
                        // A process killed mid-commit leaves files no commit refers to (a
                        // deletes file named by the next operation stamp among them); the next
                        // commit would collide with them, so they go before any write.
                        writer.garbage_collect_files().wait().map_err(err)?;
                        break Some(writer);
                    }
                    // Busy (another writer) or impossible (a read-only directory): a reader
                    // reads what is there.
                    Err(_) if !require => break None,
                    Err(tantivy::TantivyError::LockFailure(..))
                        if std::time::Instant::now() < deadline =>
                    {
                        std::thread::sleep(std::time::Duration::from_millis(50));
                    }
                    Err(e) => return Err(err(e)),
                }
            }
        } else {
            None
        };
        Ok((FullText::assemble(path, index, writer, fields)?, seq))
    }

    /// An empty index in memory, answering nothing: what a process that cannot read the real
    /// one uses.
    pub(crate) fn in_memory(path: &Path) -> Result<(FullText, i64)> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        Ok((FullText::assemble(path, index, None, fields)?, 0))
    }

    fn assemble(
        path: &Path,
        index: Index,
        writer: Option<IndexWriter<TantivyDocument>>,
        fields: Fields,
    ) -> Result<FullText> {
        index
            .tokenizers()
            .get("en_stem")
            .ok_or_else(|| StoreError::Incompatible {
                path: path.to_path_buf(),
                message: "tantivy has no en_stem tokenizer".into(),
            })?;
        index.tokenizers().register("en_stem", stem::analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| StoreError::Index {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(FullText {
            path: path.to_path_buf(),
            index,
            reader,
            writer,
            committing: None,
            queued: Vec::new(),
            fields,
        })
    }

    fn err(&self, source: tantivy::TantivyError) -> StoreError {
        StoreError::Index {
            path: self.path.clone(),
            source,
        }
    }

    /// Gives up the writer without committing, so other processes may write (queries hold it
    /// only to catch up); tests use it to stand in for a crash.
    pub(crate) fn release_writer(&mut self) {
        if let Some(committing) = self.committing.take() {
            let _ = committing.join();
        }
        self.queued.clear();
        self.writer = None;
    }

    /// True when this process holds the writer (perhaps lent to a running commit).
    pub(crate) fn writable(&self) -> bool {
        self.writer.is_some() || self.committing.is_some()
    }

    /// Drops every document of `article` (its quotations and itself); uncommitted until
    /// [`FullText::commit`].
    pub(crate) fn delete_article(&mut self, article: &str) {
        let term = Term::from_field_text(self.fields.article, article);
        if self.committing.is_some() {
            self.queued.push(Queued::Delete(term));
        } else if let Some(writer) = &self.writer {
            writer.delete_term(term);
        }
    }

    /// Adds a document; uncommitted until [`FullText::commit`].
    pub(crate) fn add(&mut self, doc: IndexDoc<'_>) -> Result<()> {
        if !self.writable() {
            return Ok(());
        }
        let f = self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(
            f.doc_type,
            if doc.idx.is_some() {
                "quote"
            } else {
                "article"
            },
        );
        d.add_text(f.article, doc.article);
        if let Some(idx) = doc.idx {
            d.add_u64(f.idx, idx as u64);
        }
        d.add_text(f.text, doc.text);
        if let Some(title) = doc.title {
            d.add_text(f.title, title);
        }
        match &self.writer {
            Some(writer) => {
                writer.add_document(d).map_err(|e| self.err(e))?;
            }
            None => self.queued.push(Queued::Add(d)),
        }
        Ok(())
    }

    /// Makes everything added so far durable, recording that it reflects articles up to `seq`.
    pub(crate) fn commit(&mut self, seq: i64) -> Result<()> {
        self.settle()?;
        let Some(writer) = &mut self.writer else {
            return Ok(());
        };
        commit_writer(writer, seq).map_err(|e| self.err(e))?;
        self.reader.reload().map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Starts what [`FullText::commit`] does on a thread of its own and returns at once: the
    /// caller goes on with other work (and may go on adding documents, which wait for the
    /// next commit). Whether it succeeded is known from [`FullText::settle`].
    pub(crate) fn commit_in_background(&mut self, seq: i64) -> Result<()> {
        self.settle()?;
        let Some(mut writer) = self.writer.take() else {
            return Ok(());
        };
        self.committing = Some(std::thread::spawn(move || {
            let result = commit_writer(&mut writer, seq);
            (writer, result)
        }));
        Ok(())
    }

    /// True unless a commit started by [`FullText::commit_in_background`] is still running.
    pub(crate) fn commit_finished(&self) -> bool {
        !matches!(&self.committing, Some(c) if !c.is_finished())
    }

    /// Waits for a commit started by [`FullText::commit_in_background`], takes the writer
    /// back and applies the changes that waited for it; the commit's error, if it failed.
    pub(crate) fn settle(&mut self) -> Result<()> {
        let Some(committing) = self.committing.take() else {
            return Ok(());
        };
        let (writer, result) = committing.join().map_err(|_| {
            self.err(tantivy::TantivyError::SystemError(
                "the index commit thread panicked".into(),
            ))
        })?;
        for change in std::mem::take(&mut self.queued) {
            match change {
                Queued::Delete(term) => {
                    writer.delete_term(term);
                }
                Queued::Add(doc) => {
                    if let Err(e) = writer.add_document(doc) {
                        self.writer = Some(writer);
                        return Err(self.err(e));
                    }
                }
            }
        }
        self.writer = Some(writer);
        result.map_err(|e| self.err(e))?;
        self.reader.reload().map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The best `limit` matches of `query` among `target` documents.
    ///
    /// A handle without the writer first picks up what other processes committed since the
    /// last search (a long-lived server handle would otherwise search its opening snapshot
    /// forever); a failed reload searches the older snapshot.
    pub(crate) fn search(&self, query: &str, target: Target, limit: usize) -> Result<Vec<Hit>> {
        if self.writer.is_none() {
            let _ = self.reader.reload();
        }
        let f = self.fields;
        let mut parser = QueryParser::for_index(&self.index, vec![f.text, f.title]);
        parser.set_field_boost(f.title, 0.3);
        let parsed = parser.parse_query_lenient(query).0;
        let kind = match target {
            Target::Quotes => "quote",
            Target::Articles => "article",
        };
        let filter: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(f.doc_type, kind),
            IndexRecordOption::Basic,
        ));
        let combined = BooleanQuery::new(vec![(Occur::Must, parsed), (Occur::Must, filter)]);
        let searcher = self.reader.searcher();
        let top = searcher
            .search(
                &combined,
                &TopDocs::with_limit(limit.max(1)).order_by_score(),
            )
            .map_err(|e| self.err(e))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| self.err(e))?;
            let Some(article) = doc.get_first(f.article).and_then(|v| v.as_str()) else {
                continue;
            };
            let article = article.to_string();
            let idx = doc
                .get_first(f.idx)
                .and_then(|v| v.as_u64())
                .map(|n| n as usize);
            hits.push(Hit {
                score,
                article,
                idx,
            });
        }
        Ok(hits)
    }

    /// How many documents the committed index holds (quotations and articles together).
    pub(crate) fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}

/// tantivy's "en_stem" analyzer, token for token, with the stemmer's answers remembered.
///
/// Stemming was the largest single cost of indexing (the Snowball English stemmer runs for
/// every word of every article and quotation), while news vocabulary repeats: most words
/// were stemmed thousands of times before. Same tokens, same positions, same offsets as the
/// built-in analyzer (a test compares both), so the index and its queries are unchanged.
mod stem {
    use std::borrow::Cow;

    use rustc_hash::FxHashMap;

    use tantivy::tokenizer::{
        LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter,
        TokenStream, Tokenizer,
    };

    /// Distinct words remembered per analyzer before the memory is cleared and refilled.
    const CACHE_WORDS: usize = 100_000;

    /// The analyzer registered as "en_stem".
    pub(super) fn analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser) // the stemmer does not lower-case
            .filter(CachedStemmer)
            .build()
    }

    /// English stemming with a memory of words already stemmed.
    #[derive(Clone)]
    pub(super) struct CachedStemmer;

    impl TokenFilter for CachedStemmer {
        type Tokenizer<T: Tokenizer> = CachedStemFilter<T>;

        fn transform<T: Tokenizer>(self, inner: T) -> CachedStemFilter<T> {
            CachedStemFilter {
                inner,
                stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
                cache: FxHashMap::default(),
            }
        }
    }

    #[derive(Clone)]
    pub(super) struct CachedStemFilter<T> {
        inner: T,
        stemmer: frostem::Stemmer,
        /// Word to stem, for words the stemmer changes; absent words it leaves as they are.
        cache: FxHashMap<String, Option<String>>,
    }

    impl<T: Tokenizer> Tokenizer for CachedStemFilter<T> {
        type TokenStream<'a> = CachedStemStream<'a, T::TokenStream<'a>>;

        fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
            if self.cache.len() > CACHE_WORDS {
                self.cache.clear();
            }
            CachedStemStream {
                tail: self.inner.token_stream(text),
                stemmer: self.stemmer,
                cache: &mut self.cache,
            }
        }
    }

    pub(super) struct CachedStemStream<'a, S> {
        tail: S,
        stemmer: frostem::Stemmer,
        cache: &'a mut FxHashMap<String, Option<String>>,
    }

    impl<S: TokenStream> TokenStream for CachedStemStream<'_, S> {
        fn advance(&mut self) -> bool {
            if !self.tail.advance() {
                return false;
            }
            let token = self.tail.token_mut();
            let stem = match self.cache.get(token.text.as_str()) {
                Some(stem) => stem,
                None => {
                    let stem = match self.stemmer.stem(&token.text) {
                        Cow::Borrowed(s) if s == token.text => None,
                        other => Some(other.into_owned()),
                    };
                    self.cache.entry(token.text.clone()).or_insert(stem)
                }
            };
            if let Some(stem) = stem {
                token.text.clear();
                token.text.push_str(stem);
            }
            true
        }

        fn token(&self) -> &Token {
            self.tail.token()
        }

        fn token_mut(&mut self) -> &mut Token {
            self.tail.token_mut()
        }
    }

    #[cfg(test)]
    mod tests {
        use tantivy::tokenizer::TokenizerManager;

        fn tokens(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<String> {
            let mut out = Vec::new();
            analyzer.token_stream(text).process(&mut |t| {
                out.push(format!(
                    "{}:{}:{}-{}",
                    t.text, t.position, t.offset_from, t.offset_to
                ))
            });
            out
        }

        #[test]
        fn same_tokens_as_tantivys_en_stem() {
            let mut builtin = TokenizerManager::default().get("en_stem").unwrap();
            let mut cached = super::analyzer();
            let text = "The Dogs were running, said Ms. O'Neill; RUNNING dogs ran! \
                        Généralement, les élèves cachés... fruitlessly generously runs \
                        aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa run";
            // Twice, so the second pass is answered from the cache.
            for _ in 0..2 {
                assert_eq!(tokens(&mut cached, text), tokens(&mut builtin, text));
            }
        }
    }
}

/// Commits `writer` with `seq` as the payload: what the index reflects.
fn commit_writer(writer: &mut IndexWriter<TantivyDocument>, seq: i64) -> tantivy::Result<()> {
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&format!("{LAYOUT}:{seq}"));
    prepared.commit()?;
    Ok(())
}

/// Opens the index at `path` if it exists with our schema and layout.
fn open_matching(path: &Path, schema: &Schema) -> Option<Index> {
    let index = Index::open_in_dir(path).ok()?;
    if index.schema() != *schema {
        return None;
    }
    let metas = index.load_metas().ok()?;
    match metas.payload.as_deref() {
        None => Some(index),
        Some(p) if parse_payload(p).is_some() => Some(index),
        Some(_) => None,
    }
}

fn parse_payload(payload: &str) -> Option<i64> {
    payload
        .strip_prefix(LAYOUT)?
        .strip_prefix(':')?
        .parse()
        .ok()
}

/// Empties the index directory so a fresh index can be created there.
fn clear_dir(path: &Path) -> Result<()> {
    let io = |source| StoreError::Dir {
        path: path.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(path).map_err(io)? {
        let entry = entry.map_err(io)?;
        let p = entry.path();
        if p.is_dir() {
            std::fs::remove_dir_all(&p).map_err(io)?;
        } else {
            std::fs::remove_file(&p).map_err(io)?;
        }
    }
    Ok(())
}
