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

impl Queued {
    fn apply(self, writer: &IndexWriter<TantivyDocument>) -> tantivy::Result<()> {
        match self {
            Queued::Delete(term) => {
                writer.delete_term(term);
            }
            Queued::Add(doc) => {
                writer.add_document(doc)?;
            }
        }
        Ok(())
    }
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
    ///
    /// While an earlier commit still runs, this one follows it on a thread of its own, with
    /// the changes that waited for it, instead of waiting for it here.
    pub(crate) fn commit_in_background(&mut self, seq: i64) -> Result<()> {
        if let Some(earlier) = self.committing.take() {
            let queued = std::mem::take(&mut self.queued);
            self.committing = Some(std::thread::spawn(move || {
                let (mut writer, result) = match earlier.join() {
                    Ok(done) => done,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                if result.is_err() {
                    return (writer, result);
                }
                for change in queued {
                    if let Err(e) = change.apply(&writer) {
                        return (writer, Err(e));
                    }
                }
                let result = commit_writer(&mut writer, seq);
                (writer, result)
            }));
            return Ok(());
        }
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
            if let Err(e) = change.apply(&writer) {
                self.writer = Some(writer);
                return Err(self.err(e));
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

/// tantivy's "en_stem" analyzer, token for token, in one pass and with the stemmer's answers
/// remembered.
///
/// Stemming was the largest single cost of indexing (the Snowball English stemmer runs for
/// every word of every article and quotation), while news vocabulary repeats: most words
/// were stemmed thousands of times before. The built-in chain (split, drop long words,
/// lower-case, stem) also decoded every character through three layers of iterators; this
/// tokenizer walks the bytes, decoding only non-ASCII characters. Same tokens, same positions,
/// same offsets as the built-in analyzer (a test compares both), so the index and its queries
/// are unchanged.
mod stem {
    use std::borrow::Cow;
    use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

    use rustc_hash::FxHashMap;

    use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

    /// Distinct words remembered per analyzer before the memory is cleared and refilled.
    const CACHE_WORDS: usize = 100_000;

    /// Words of this many bytes or more are dropped, as tantivy's `RemoveLongFilter::limit(40)`
    /// in "en_stem" drops them (their position is still counted).
    const LONGEST_WORD: usize = 40;

    /// Words of at most this many ASCII letters are their own stem.
    const SHORT_WORD: usize = 2;

    /// The analyzer registered as "en_stem".
    pub(super) fn analyzer() -> TextAnalyzer {
        TextAnalyzer::builder(StemmingTokenizer {
            token: Token::default(),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            cache: Arc::default(),
        })
        .build()
    }

    /// Splits on every character that is not alphanumeric, drops long words, lower-cases and
    /// stems, remembering the stems.
    #[derive(Clone)]
    pub(super) struct StemmingTokenizer {
        token: Token,
        stemmer: frostem::Stemmer,
        /// Word to stem, for words the stemmer changes; absent words it leaves as they are.
        /// Shared by every copy of the analyzer: tantivy copies it for each new segment, and a
        /// memory of its own would start each segment stemming every word afresh.
        cache: Arc<Mutex<StemCache>>,
    }

    type StemCache = FxHashMap<String, Option<String>>;

    impl Tokenizer for StemmingTokenizer {
        type TokenStream<'a> = StemmingStream<'a>;

        fn token_stream<'a>(&'a mut self, text: &'a str) -> StemmingStream<'a> {
            // Held while the text is tokenized: indexing runs one text at a time, and a query
            // only waits for the text being indexed.
            let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            if cache.len() > CACHE_WORDS {
                cache.clear();
            }
            self.token.reset();
            StemmingStream {
                text,
                next: 0,
                token: &mut self.token,
                stemmer: self.stemmer,
                cache,
            }
        }
    }

    pub(super) struct StemmingStream<'a> {
        text: &'a str,
        /// Byte offset where the search for the next word starts.
        next: usize,
        token: &'a mut Token,
        stemmer: frostem::Stemmer,
        cache: MutexGuard<'a, StemCache>,
    }

    /// What a byte says on its own: an ASCII separator, an ASCII letter or digit, or part of
    /// a character that must be decoded to know.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum ByteClass {
        Separator,
        Alphanumeric,
        Wide,
    }

    const BYTE_CLASS: [ByteClass; 256] = {
        let mut table = [ByteClass::Wide; 256];
        let mut b = 0;
        while b < 128 {
            table[b] = if (b as u8).is_ascii_alphanumeric() {
                ByteClass::Alphanumeric
            } else {
                ByteClass::Separator
            };
            b += 1;
        }
        table
    };

    impl StemmingStream<'_> {
        fn class(&self, at: usize) -> ByteClass {
            BYTE_CLASS[usize::from(self.text.as_bytes()[at])]
        }

        /// The character starting at byte `at` (a wide one), its length in bytes, and whether
        /// it is alphanumeric.
        fn wide_at(&self, at: usize) -> (bool, usize) {
            let c = self.text[at..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        }

        /// The byte range of the next word from `self.next`, if any.
        fn next_word(&mut self) -> Option<(usize, usize)> {
            let len = self.text.len();
            let mut at = self.next;
            loop {
                while at < len && self.class(at) == ByteClass::Separator {
                    at += 1;
                }
                if at >= len {
                    self.next = len;
                    return None;
                }
                if self.class(at) == ByteClass::Alphanumeric {
                    break;
                }
                let (word, width) = self.wide_at(at);
                if word {
                    break;
                }
                at += width;
            }
            let start = at;
            loop {
                while at < len && self.class(at) == ByteClass::Alphanumeric {
                    at += 1;
                }
                if at >= len || self.class(at) == ByteClass::Separator {
                    break;
                }
                let (word, width) = self.wide_at(at);
                if !word {
                    break;
                }
                at += width;
            }
            self.next = at;
            Some((start, at))
        }
    }

    impl TokenStream for StemmingStream<'_> {
        fn advance(&mut self) -> bool {
            loop {
                self.token.position = self.token.position.wrapping_add(1);
                let Some((start, end)) = self.next_word() else {
                    self.token.text.clear();
                    return false;
                };
                if end - start >= LONGEST_WORD {
                    continue;
                }
                let word = &self.text[start..end];
                let lower = &mut self.token.text;
                lower.clear();
                if word.is_ascii() {
                    lower.push_str(word);
                    lower.make_ascii_lowercase();
                } else {
                    // Character by character, as tantivy's LowerCaser (no final-sigma rule).
                    lower.extend(word.chars().flat_map(char::to_lowercase));
                }
                // The English stemmer leaves words of one or two letters as they are (a test
                // checks every such ASCII word): the commonest words skip the cache.
                if lower.len() <= SHORT_WORD && lower.is_ascii() {
                    self.token.offset_from = start;
                    self.token.offset_to = end;
                    return true;
                }
                let stem = match self.cache.get(lower.as_str()) {
                    Some(stem) => stem,
                    None => {
                        let stem = match self.stemmer.stem(lower) {
                            Cow::Borrowed(s) if s == lower.as_str() => None,
                            other => Some(other.into_owned()),
                        };
                        self.cache.entry(lower.clone()).or_insert(stem)
                    }
                };
                if let Some(stem) = stem {
                    lower.clear();
                    lower.push_str(stem);
                }
                self.token.offset_from = start;
                self.token.offset_to = end;
                return true;
            }
        }

        fn token(&self) -> &Token {
            self.token
        }

        fn token_mut(&mut self) -> &mut Token {
            self.token
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
        fn the_stemmer_leaves_every_short_ascii_word_alone() {
            let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
            let alphabet: Vec<char> = ('a'..='z').chain('0'..='9').collect();
            let mut words: Vec<String> = alphabet.iter().map(char::to_string).collect();
            for &a in &alphabet {
                for &b in &alphabet {
                    words.push(format!("{a}{b}"));
                }
            }
            assert!(words.iter().all(|w| w.len() <= super::SHORT_WORD));
            for word in &words {
                assert_eq!(stemmer.stem(word), word.as_str(), "{word}");
            }
        }

        #[test]
        fn same_tokens_as_tantivys_en_stem() {
            let mut builtin = TokenizerManager::default().get("en_stem").unwrap();
            let mut cached = super::analyzer();
            let texts = [
                "The Dogs were running, said Ms. O'Neill; RUNNING dogs ran! \
                 Généralement, les élèves cachés... fruitlessly generously runs \
                 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa run",
                // Words of 39, 40 and 41 bytes (the limit counts bytes, not characters).
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb \
                 ééééééééééééééééééé ééééééééééééééééééééc x",
                // Case that lower-cases to more characters, final sigma, digits and symbols.
                "İSTANBUL ΟΔΥΣΣΕΥΣ x² 2012-11-26 £10m 東京都 🙂 don’t — end.",
                // Words of one and two letters, which skip the stem cache.
                "I am at 10 on TV, or so he said: go to it, ox. A b 7 UK is ÉT é Ab AB 99 x2 its.",
                "",
                "...",
            ];
            // Twice, so the second pass is answered from the cache.
            for _ in 0..2 {
                for text in texts {
                    assert_eq!(tokens(&mut cached, text), tokens(&mut builtin, text));
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(article: &'a str, text: &'a str) -> IndexDoc<'a> {
        IndexDoc {
            article,
            idx: None,
            text,
            title: None,
        }
    }

    #[test]
    fn a_commit_follows_one_still_running_with_what_waited_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let (mut index, seq) = FullText::open(dir.path(), true, true).unwrap();
        assert_eq!(seq, 0);
        index.add(doc("a1", "harbour tolls rise")).unwrap();
        index.commit_in_background(1).unwrap();
        // Added while the first commit runs (it holds the writer): queued for the second.
        index.add(doc("a2", "harbour bridge closes")).unwrap();
        index.delete_article("a1");
        index.commit_in_background(2).unwrap();
        index.settle().unwrap();
        let hits = index.search("harbour", Target::Articles, 10).unwrap();
        let found: Vec<&str> = hits.iter().map(|h| h.article.as_str()).collect();
        assert_eq!(found, ["a2"]);
        drop(index);
        let (_, seq) = FullText::open(dir.path(), true, true).unwrap();
        assert_eq!(seq, 2, "the index records the later commit");
    }
}
