//! `saywho analyze --pipe`: analysis as a filter for Spark's `RDD.pipe` and any other
//! co-process that writes records to saywho's standard input and reads answers back.
//!
//! The contract, which the ordinary `analyze` does not give:
//! - **one answer per record, in order**: with `--input jsonl` every input line, blank and bad
//!   ones included, gets exactly one output line, so a caller can pair answers with what it
//!   sent; for other formats (a WARC on standard input) every record read gets one line;
//! - **errors are answers**: a bad record gets `{"id": …, "error": {"kind", "message"}}` in
//!   its place (the record's id when it has a readable one, else the id a record without one
//!   would get, `INPUT:LINE`), and the error also goes to standard error;
//! - **each answer is flushed at once**, and JSONL lines are read as they arrive (no
//!   read-ahead waits for more input), so a caller can write one line and wait for its answer;
//! - **the exit status speaks only for the run**: 0 when every record was answered, whatever
//!   the records held; non-zero when output could not be written or an input not opened.

use std::collections::BTreeMap;
use std::io::{self, BufReader, Read, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use saywho_analyze::Analyzer;
use saywho_model::{AnalysisView, Article};
use saywho_read::{InputFormat, ReadError, ReadOptions};
use serde::Serialize;

/// What each answer line holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// The published analysis (`analyze --format jsonl`).
    View,
    /// The exchange tables' rows (`analyze --format rows`): the article's columns and text,
    /// and its quotation, entity and mention rows.
    Rows,
}

/// The answer for a record that could not be analysed.
#[derive(Serialize)]
struct ErrorAnswer<'a> {
    id: Option<&'a str>,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: &'a str,
}

/// Writes one analysed article in `shape` as one JSON line (no newline).
pub fn write_answer(
    out: &mut impl Write,
    shape: Shape,
    analyzer: &Analyzer,
    article: &Article,
) -> Result<usize> {
    let analysis = analyzer.analyze(&article.text);
    match shape {
        Shape::View => serde_json::to_writer(&mut *out, &AnalysisView::new(article, &analysis))?,
        Shape::Rows => serde_json::to_writer(
            &mut *out,
            &saywho_exchange::ArticleRows::new(article, &analysis),
        )?,
    }
    Ok(analysis.quotes.len())
}

/// Answers records; keeps the counts for the closing summary.
struct Filter<W: Write> {
    out: W,
    shape: Shape,
    analyzer: Analyzer,
    answered: usize,
    /// Error answers by kind, for the closing summary.
    errors: BTreeMap<String, usize>,
}

impl<W: Write> Filter<W> {
    fn article(&mut self, article: &Article) -> Result<()> {
        write_answer(&mut self.out, self.shape, &self.analyzer, article)?;
        self.end_line()
    }

    fn error(&mut self, id: Option<&str>, kind: &str, message: &str) -> Result<()> {
        eprintln!("saywho: error: {message}");
        *self.errors.entry(kind.to_string()).or_default() += 1;
        let answer = ErrorAnswer {
            id,
            error: ErrorBody { kind, message },
        };
        serde_json::to_writer(&mut self.out, &answer)?;
        self.end_line()
    }

    fn read_error(&mut self, id: Option<&str>, err: &ReadError) -> Result<()> {
        self.error(id, err.kind(), &err.to_string())
    }

    fn end_line(&mut self) -> Result<()> {
        self.out.write_all(b"\n")?;
        self.out.flush()?;
        self.answered += 1;
        Ok(())
    }
}

/// Runs the filter over `paths` (`-` is standard input), answering on standard output.
pub fn run(shape: Shape, input: InputFormat, paths: &[String]) -> Result<ExitCode> {
    if paths.is_empty() {
        bail!("--pipe needs an input: `-` for standard input, or PATHs");
    }
    let stdout = io::stdout();
    let mut filter = Filter {
        out: io::BufWriter::new(stdout.lock()),
        shape,
        analyzer: Analyzer::new(),
        answered: 0,
        errors: BTreeMap::new(),
    };
    let mut unopened = 0;
    for path in paths {
        let outcome = if input == InputFormat::Jsonl {
            jsonl_lines(&mut filter, path)
        } else {
            records(&mut filter, path, input)
        };
        if let Err(err) = outcome {
            // An input that cannot be opened is answered too, then the run goes on.
            match err.downcast::<ReadError>() {
                Ok(err) => {
                    filter.read_error(None, &err).context("writing output")?;
                    unopened += 1;
                }
                Err(err) => return Err(err.context("writing output")),
            }
        }
    }
    if !filter.errors.is_empty() {
        let kinds: Vec<String> = filter
            .errors
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        eprintln!(
            "saywho: {} answer(s), {} of them error records: {}",
            filter.answered,
            filter.errors.values().sum::<usize>(),
            kinds.join(", ")
        );
    }
    Ok(if unopened > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// JSONL, a line at a time: every line is answered, in order.
fn jsonl_lines<W: Write>(filter: &mut Filter<W>, path: &str) -> Result<()> {
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(|source| ReadError::Open {
            input: path.to_string(),
            source,
        })?)
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let limit = ReadOptions::default().max_record_bytes;
    let cap = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut line = Vec::new();
    let mut line_no = 0usize;
    loop {
        let size = match saywho_read::read_line_capped(&mut reader, &mut line, cap) {
            Ok(0) => return Ok(()),
            Ok(size) => size,
            Err(source) => {
                let err = ReadError::Io {
                    input: path.to_string(),
                    source,
                    record: Some(format!("line {}", line_no + 1)),
                };
                return filter.read_error(None, &err);
            }
        };
        line_no += 1;
        if line_no == 1 && line.starts_with(&[0x1f, 0x8b]) {
            let message = format!(
                "{path}: gzip-compressed; --pipe reads JSONL lines as they come, so decompress \
                 before (zcat {path} | saywho analyze --pipe --input jsonl -)"
            );
            return filter.error(None, "gzip", &message);
        }
        let fallback = format!("{path}:{line_no}");
        if size > limit {
            let err = ReadError::TooLarge {
                input: path.to_string(),
                record: format!("line {line_no}"),
                size,
                limit,
            };
            filter.read_error(Some(&fallback), &err)?;
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            let message = format!("{path}: record line {line_no}: blank line, no article");
            filter.error(Some(&fallback), "blank line", &message)?;
            continue;
        }
        let bytes = std::mem::take(&mut line);
        let id = record_id(&bytes);
        match saywho_read::read_jsonl_line(path, line_no, bytes) {
            Ok(doc) => {
                for warning in &doc.warnings {
                    eprintln!("saywho: warning: {warning}");
                }
                filter.article(&doc.article)?;
            }
            Err(err) => filter.read_error(Some(id.as_deref().unwrap_or(&fallback)), &err)?,
        }
    }
}

/// The id a JSONL line carries, read without trusting the rest of it (for error answers).
fn record_id(line: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<IdOnly>(line).ok()?.id? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Any other format, through the ordinary readers: every record read is answered.
fn records<W: Write>(filter: &mut Filter<W>, path: &str, input: InputFormat) -> Result<()> {
    let documents = saywho_read::open_with(path, input, &ReadOptions::default())?;
    for item in documents {
        match item {
            Ok(doc) => {
                for warning in &doc.warnings {
                    eprintln!("saywho: warning: {warning}");
                }
                filter.article(&doc.article)?;
            }
            Err(err) => filter.read_error(None, &err)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_from_lines_that_are_otherwise_bad() {
        assert_eq!(
            record_id(br#"{"id": "x", "text": 3}"#).as_deref(),
            Some("x")
        );
        assert_eq!(record_id(br#"{"id": 12}"#).as_deref(), Some("12"));
        assert_eq!(record_id(b"not json"), None);
        assert_eq!(record_id(br#"{"text": "t"}"#), None);
    }
}
