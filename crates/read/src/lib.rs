//! Reading news as it comes into [`Article`]s: plain text, JSONL dumps, saved web pages, RSS and
//! Atom feeds, and WARC crawls (CC-NEWS), gzipped or not, one file, a directory, or standard
//! input.
//!
//! Every reader streams: a WARC or JSONL corpus of any size is read record by record, and one
//! record is never held in memory beyond [`ReadOptions::max_record_bytes`]. A problem with one
//! record (a line that is not JSON, a page with no article text, a truncated gzip member) is an
//! item of the stream, not the end of it, so callers report it and go on with the next record.
//!
//! For plain text and JSONL `text`, the article text is kept exactly as read (only invalid
//! UTF-8 is repaired) because quotation offsets are scored against it. For HTML, WARC and feeds
//! the reader builds the body text itself: the article's paragraphs, without navigation, ads,
//! captions, comments or related links, joined by blank lines.

mod charset;
mod error;
mod feed;
mod html;
mod jsonl;
mod progress;
mod text;
mod warc;

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

pub use error::ReadError;
pub use jsonl::read_jsonl_line;
pub use progress::Progress;
use saywho_model::{Article, Span};

/// The largest record read by default: big enough for any real article page, small enough that
/// a corrupt 100 MB record is skipped rather than buffered.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 32 << 20;

/// The format of an input, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide from the content first, then the path's extension.
    Auto,
    /// The whole input is one article.
    Text,
    /// One JSON object per line, each an article.
    Jsonl,
    /// A saved web page: the main article is extracted.
    Html,
    /// A web crawl: each HTTP response holding HTML is a page.
    Warc,
    /// An RSS 2.0 or Atom feed: each item is an article.
    Feed,
}

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(InputFormat::Auto),
            "text" | "txt" => Ok(InputFormat::Text),
            "jsonl" | "json" | "ndjson" => Ok(InputFormat::Jsonl),
            "html" | "htm" => Ok(InputFormat::Html),
            "warc" => Ok(InputFormat::Warc),
            "rss" | "atom" | "feed" => Ok(InputFormat::Feed),
            other => Err(format!(
                "unknown input format '{other}' (expected auto, text, jsonl, html, warc, rss, atom or feed)"
            )),
        }
    }
}

/// What a paragraph of an article's text is, so later stages can leave out what is not body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphRole {
    /// The headline, when the input carries it in its text (plain text's first line).
    Title,
    /// A sub-heading inside the article body.
    Heading,
    /// Article body.
    Body,
    /// Trailing "related article" headlines of a plain-text input: kept in the text (offsets
    /// must not move) but not body.
    Related,
}

/// One paragraph of [`Article::text`], by code-point span (the unit of every saywho span).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Where it stands in the article text.
    pub span: Span,
    /// Body, heading, title or related.
    pub role: ParagraphRole,
}

/// An article as read, with its paragraph structure and anything the reader had to repair.
#[derive(Clone, Debug)]
pub struct Document {
    /// The article.
    pub article: Article,
    /// Repairs worth telling the user about ("invalid UTF-8 replaced").
    pub warnings: Vec<String>,
    /// The paragraphs of `article.text`, in order.
    pub paragraphs: Vec<Paragraph>,
}

/// One item of an input stream: an article, or the reason a record was skipped.
pub type ReadResult = Result<Document, ReadError>;

/// A stream of articles from one input.
pub type Documents = Box<dyn Iterator<Item = ReadResult> + Send>;

/// How inputs are read; the defaults suit the command line.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Records (a WARC record, a JSONL line, a page, a feed) larger than this are skipped with
    /// [`ReadError::TooLarge`] instead of being held in memory.
    pub max_record_bytes: u64,
    /// When set, every byte read from an input file is added here, so a progress bar can follow
    /// long inputs without the reader knowing about terminals.
    pub progress: Option<Arc<AtomicU64>>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            progress: None,
        }
    }
}

/// Opens `input` (a path, a directory, or `-` for standard input) as a stream of articles.
///
/// Fails at once only when the input cannot be opened at all; everything else is reported
/// per record inside the stream.
pub fn open(input: &str, format: InputFormat) -> Result<Documents, ReadError> {
    open_with(input, format, &ReadOptions::default())
}

/// [`open`] with explicit options (record size limit, progress counter).
///
/// A directory is walked recursively in sorted order (hidden files skipped), each file read
/// with `format`; a file that cannot be opened is an error item of the stream.
pub fn open_with(
    input: &str,
    format: InputFormat,
    options: &ReadOptions,
) -> Result<Documents, ReadError> {
    let name = input.to_string();
    if input == "-" {
        return open_reader(name, Box::new(io::stdin()), format, options);
    }
    let path = Path::new(input);
    if path.is_dir() {
        return Ok(Box::new(walk_dir(path, format, options.clone())));
    }
    let file = File::open(path).map_err(|source| ReadError::Open {
        input: name.clone(),
        source,
    })?;
    open_reader(name, Box::new(file), format, options)
}

/// Reads articles from bytes already in memory (an uploaded page), exactly as [`open_with`]
/// reads a file; `name` stands for the input in article ids, format guessing and errors.
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    format: InputFormat,
    options: &ReadOptions,
) -> Result<Documents, ReadError> {
    open_reader(
        name.to_string(),
        Box::new(Cursor::new(bytes)),
        format,
        options,
    )
}

/// The files under `dir`, sorted, opened one after the other as the stream is consumed.
fn walk_dir(
    dir: &Path,
    format: InputFormat,
    options: ReadOptions,
) -> impl Iterator<Item = ReadResult> + Send {
    let root = dir.display().to_string();
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .flat_map(move |entry| -> Documents {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let name = entry.path().display().to_string();
                    match open_with(&name, format, &options) {
                        Ok(docs) => docs,
                        Err(err) => Box::new(std::iter::once(Err(err))),
                    }
                }
                Ok(_) => Box::new(std::iter::empty()),
                Err(err) => {
                    let input = err
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| root.clone());
                    let source = err
                        .into_io_error()
                        .unwrap_or_else(|| io::Error::other("directory loop"));
                    Box::new(std::iter::once(Err(ReadError::Open { input, source })))
                }
            }
        })
}

/// Adds every byte read to a shared counter, for progress bars.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// How many leading bytes are looked at to recognise a format.
const SNIFF_BYTES: usize = 4096;

/// Reads up to `n` bytes and hands them back together with a reader that still yields them.
fn peek(mut reader: Box<dyn Read + Send>, n: usize) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(n);
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    let rest: Box<dyn Read + Send> = Box::new(Cursor::new(head.clone()).chain(reader));
    Ok((head, rest))
}

/// Opens one byte stream: undoes gzip, picks the format, starts the right reader.
fn open_reader(
    name: String,
    reader: Box<dyn Read + Send>,
    format: InputFormat,
    options: &ReadOptions,
) -> Result<Documents, ReadError> {
    // A read failure this early (a gzip stream cut inside its first block) is still an item
    // of the stream, like any later one, not a failure to open.
    let io_err = |name: &str, source| -> Documents {
        Box::new(std::iter::once(Err(ReadError::Io {
            input: name.to_string(),
            source,
            record: None,
        })))
    };
    let reader: Box<dyn Read + Send> = match &options.progress {
        Some(counter) => Box::new(Counting {
            inner: reader,
            counter: counter.clone(),
        }),
        None => reader,
    };
    let (head, reader) = match peek(reader, 2) {
        Ok(peeked) => peeked,
        Err(e) => return Ok(io_err(&name, e)),
    };
    let gzipped = head.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn Read + Send> = if gzipped {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
            1 << 16,
            reader,
        )))
    } else {
        reader
    };
    // Only a format left open is sniffed: sniffing waits for 4 KiB or the end of the input,
    // which a co-process writing one short record at a time would never send.
    let (format, reader) = match format {
        InputFormat::Auto => match peek(reader, SNIFF_BYTES) {
            Ok((head, reader)) => (detect(&name, &head), reader),
            Err(e) => return Ok(io_err(&name, e)),
        },
        explicit => (explicit, reader),
    };
    let reader = BufReader::with_capacity(1 << 16, reader);
    let limit = options.max_record_bytes;
    Ok(match format {
        InputFormat::Jsonl => Box::new(jsonl::JsonlReader::new(name, reader, limit)),
        InputFormat::Warc => Box::new(warc::WarcReader::new(name, reader, limit)),
        InputFormat::Feed => feed::read_feed(name, reader, limit),
        InputFormat::Html => Box::new(std::iter::once(html::read_page_file(name, reader, limit))),
        InputFormat::Text | InputFormat::Auto => {
            Box::new(std::iter::once(text::read_one(name, reader, limit)))
        }
    })
}

/// Picks a format from the content first and the path's extension second.
///
/// Content wins because saved files are often misnamed (`.txt` pages, extensionless crawls);
/// the extension only decides what the content leaves open.
fn detect(input: &str, head: &[u8]) -> InputFormat {
    let name = input.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let body = strip_bom(head);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    if body.starts_with(b"WARC/") {
        return InputFormat::Warc;
    }
    if body.starts_with(b"{") {
        return InputFormat::Jsonl;
    }
    if body.starts_with(b"<") {
        let lower: Vec<u8> = body
            .iter()
            .take(SNIFF_BYTES)
            .map(u8::to_ascii_lowercase)
            .collect();
        let find = |pat: &[u8]| lower.windows(pat.len()).position(|w| w == pat);
        let feed = [&b"<rss"[..], b"<feed", b"<rdf:rdf"]
            .iter()
            .filter_map(|p| find(p))
            .min();
        let page = [&b"<html"[..], b"<!doctype html", b"<head", b"<body"]
            .iter()
            .filter_map(|p| find(p))
            .min();
        return match (feed, page) {
            (Some(f), Some(p)) if f < p => InputFormat::Feed,
            (Some(_), None) => InputFormat::Feed,
            (_, Some(_)) => InputFormat::Html,
            (None, None) if name.ends_with(".xml") || name.ends_with(".rss") => InputFormat::Feed,
            (None, None) => InputFormat::Html,
        };
    }
    let by_extension = [
        (".jsonl", InputFormat::Jsonl),
        (".ndjson", InputFormat::Jsonl),
        (".warc", InputFormat::Warc),
        (".arc", InputFormat::Warc),
        (".html", InputFormat::Html),
        (".htm", InputFormat::Html),
        (".xhtml", InputFormat::Html),
        (".rss", InputFormat::Feed),
        (".atom", InputFormat::Feed),
    ];
    by_extension
        .iter()
        .find(|(ext, _)| name.ends_with(ext))
        .map_or(InputFormat::Text, |(_, f)| *f)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// Reads all of `reader`, up to `limit` bytes; a longer input is [`ReadError::TooLarge`].
fn read_all(input: &str, reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let mut limited = reader.take(limit.saturating_add(1));
    limited
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            input: input.to_string(),
            source,
            record: None,
        })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            input: input.to_string(),
            record: "1".into(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads one line (through `\n`) into `buf`, keeping at most `limit` bytes: the rest of an
/// overlong line is read and dropped so memory stays bounded. Returns the line's full length
/// (0 at end of input). Public for callers that split lines themselves, such as a pipe filter
/// that answers every line with [`read_jsonl_line`].
pub fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<u64> {
    buf.clear();
    let mut total = 0u64;
    loop {
        let available = match reader.fill_buf() {
            Ok(a) => a,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(total);
        }
        let (chunk, done) = match memchr_newline(available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let room = limit.saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let used = chunk.len();
        total += used as u64;
        reader.consume(used);
        if done {
            return Ok(total);
        }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
}

/// Decodes bytes as UTF-8, replacing invalid sequences and saying so.
fn decode_lossy(input: &str, bytes: Vec<u8>, warnings: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            warnings.push(format!(
                "{input}: invalid UTF-8 replaced with U+FFFD (first bad byte at offset {})",
                err.utf8_error().valid_up_to()
            ));
            String::from_utf8_lossy(err.as_bytes()).into_owned()
        }
    }
}

/// The blank-line-separated blocks of `text`, as body paragraphs, by code-point span.
fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut blank_run = false;
    let mut chars = 0usize;
    for line in text.split_inclusive('\n') {
        let len = line.chars().count();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank_run = true;
        } else {
            if blank_run || start.is_none() {
                if let Some(s) = start {
                    out.push(Paragraph {
                        span: Span::new(s, end),
                        role: ParagraphRole::Body,
                    });
                }
                let lead = line.chars().take_while(|c| c.is_whitespace()).count();
                start = Some(chars + lead);
            }
            let trail = line.chars().rev().take_while(|c| c.is_whitespace()).count();
            end = chars + len - trail;
            blank_run = false;
        }
        chars += len;
    }
    if let Some(s) = start {
        out.push(Paragraph {
            span: Span::new(s, end),
            role: ParagraphRole::Body,
        });
    }
    out
}

/// Counts skipped inputs and records by reason, for the end-of-run summary.
#[derive(Clone, Debug, Default)]
pub struct SkipTally {
    counts: BTreeMap<&'static str, usize>,
}

impl SkipTally {
    /// Counts one failure under its [`ReadError::kind`].
    pub fn record(&mut self, err: &ReadError) {
        *self.counts.entry(err.kind()).or_default() += 1;
    }

    /// How many were skipped in all.
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

impl fmt::Display for SkipTally {
    /// "2 not JSON, 1 too large": the reasons in a stable order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (kind, n) in &self.counts {
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            write!(f, "{n} {kind}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_from_content_before_extension() {
        assert_eq!(detect("a.txt", b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(
            detect("a.txt", b"  <!DOCTYPE html><html>"),
            InputFormat::Html
        );
        assert_eq!(
            detect("x", b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            InputFormat::Feed
        );
        assert_eq!(
            detect("x", b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            InputFormat::Feed
        );
        assert_eq!(detect("x.gz", b"{\"id\":1}"), InputFormat::Jsonl);
        assert_eq!(detect("x.jsonl", b""), InputFormat::Jsonl);
        assert_eq!(
            detect("story.txt", b"Mayor quits\n\nThe mayor"),
            InputFormat::Text
        );
        assert_eq!(detect("story.html", b"Mayor quits"), InputFormat::Html);
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("rss".parse::<InputFormat>(), Ok(InputFormat::Feed));
        assert_eq!("atom".parse::<InputFormat>(), Ok(InputFormat::Feed));
        assert_eq!("warc".parse::<InputFormat>(), Ok(InputFormat::Warc));
        assert_eq!("html".parse::<InputFormat>(), Ok(InputFormat::Html));
        assert!("pdf".parse::<InputFormat>().is_err());
    }

    #[test]
    fn paragraphs_are_code_point_spans() {
        let text = "Tïtle\n\n  Body one.\nstill one.\n\n\nTwo ";
        let p = split_paragraphs(text);
        let get = |s: Span| text.chars().skip(s.start).take(s.len()).collect::<String>();
        assert_eq!(p.len(), 3);
        assert_eq!(get(p[0].span), "Tïtle");
        assert_eq!(get(p[1].span), "Body one.\nstill one.");
        assert_eq!(get(p[2].span), "Two");
    }

    #[test]
    fn capped_lines_drop_the_excess() {
        let mut r = &b"abcdefgh\nxy"[..];
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut buf, 3).unwrap(), 9);
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_capped(&mut r, &mut buf, 3).unwrap(), 2);
        assert_eq!(buf, b"xy");
        assert_eq!(read_line_capped(&mut r, &mut buf, 3).unwrap(), 0);
    }

    #[test]
    fn tally_counts_by_reason() {
        let mut t = SkipTally::default();
        t.record(&ReadError::EmptyFeed { input: "f".into() });
        t.record(&ReadError::Empty { input: "e".into() });
        t.record(&ReadError::Empty { input: "e2".into() });
        assert_eq!(t.to_string(), "2 empty, 1 feed with no items");
        assert_eq!(t.total(), 3);
    }

    /// Yields WARC response records without end: a reader that tried to load its input whole
    /// would never return.
    struct EndlessWarc {
        pending: Vec<u8>,
        n: usize,
    }

    impl Read for EndlessWarc {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.pending.is_empty() {
                self.n += 1;
                let http = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><p>Story {}, with enough words, and commas, to be read as prose.</p></article></body></html>",
                    self.n
                );
                self.pending = format!(
                    "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.example/{}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
                    self.n,
                    http.len()
                )
                .into_bytes();
            }
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            Ok(n)
        }
    }

    #[test]
    fn an_endless_warc_streams() {
        let counter = Arc::new(AtomicU64::new(0));
        let options = ReadOptions {
            progress: Some(counter.clone()),
            ..ReadOptions::default()
        };
        let reader = Box::new(EndlessWarc {
            pending: Vec::new(),
            n: 0,
        });
        let docs = open_reader("endless".into(), reader, InputFormat::Auto, &options).unwrap();
        let ids: Vec<String> = docs.take(3000).map(|d| d.unwrap().article.id).collect();
        assert_eq!(ids.len(), 3000);
        assert_eq!(ids[2999], "https://e.example/3000");
        // Only a read-ahead buffer beyond what was consumed.
        let read = counter.load(Ordering::Relaxed);
        assert!(read < 3001 * 400 + (1 << 17), "{read}");
    }
}
