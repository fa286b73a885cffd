//! JSONL corpora: one JSON object per line with at least `text`; `id`, `title`, `source`
//! (or `publisher`/`outlet`), `url`, `date`, `authors` and `language` are taken when present.
//! Other fields are not read: annotation fields of evaluation files never reach the analyzer.

use std::io::BufRead;

use saywho_model::{Article, ArticleMeta};
use serde_json::Value;

use crate::{decode_lossy, Document, ReadError, ReadResult};

/// Streams the records of one JSONL input, a line at a time.
pub(crate) struct JsonlReader<R> {
    input: String,
    reader: R,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub(crate) fn new(input: String, reader: R) -> Self {
        JsonlReader {
            input,
            reader,
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn bad(&self, reason: impl Into<String>) -> ReadError {
        ReadError::BadRecord {
            input: self.input.clone(),
            record: format!("line {}", self.line_no),
            reason: reason.into(),
        }
    }

    fn parse_line(&self, line: String, mut warnings: Vec<String>) -> ReadResult {
        let value: Value =
            serde_json::from_str(&line).map_err(|e| self.bad(format!("not JSON: {e}")))?;
        let Value::Object(map) = value else {
            return Err(self.bad("not a JSON object"));
        };
        let text = match map.get("text") {
            Some(Value::String(t)) => t.clone(),
            Some(_) => return Err(self.bad("field 'text' is not a string")),
            None => return Err(self.bad("no 'text' field")),
        };
        let id = match map.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("{}:{}", self.input, self.line_no),
        };
        let string = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str))
                .map(str::to_string)
        };
        let authors = match map.get("authors") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            Some(Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        };
        let meta = ArticleMeta {
            title: string(&["title", "headline"]),
            source: string(&["source", "outlet", "publisher"]),
            url: string(&["url"]),
            date: string(&["date", "published"]),
            authors,
            language: string(&["language", "lang"]),
        };
        if text.trim().is_empty() {
            warnings.push(format!("{}: line {}: empty text", self.input, self.line_no));
        }
        Ok(Document {
            article: Article { id, text, meta },
            warnings,
        })
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line_no += 1;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let mut warnings = Vec::new();
                    let label = format!("{} line {}", self.input, self.line_no);
                    let line = decode_lossy(&label, std::mem::take(&mut self.buf), &mut warnings);
                    return Some(self.parse_line(line, warnings));
                }
                Err(source) => {
                    self.done = true;
                    return Some(Err(ReadError::Io {
                        input: self.input.clone(),
                        source,
                    }));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<ReadResult> {
        JsonlReader::new("test.jsonl".into(), input.as_bytes()).collect()
    }

    #[test]
    fn reads_records_and_metadata() {
        let docs = read("{\"id\": 7, \"text\": \"Hello.\", \"title\": \"T\", \"publisher\": \"P\", \"quotes\": [1]}\n\n{\"text\": \"B\"}\n");
        assert_eq!(docs.len(), 2);
        let first = &docs[0].as_ref().unwrap().article;
        assert_eq!(first.id, "7");
        assert_eq!(first.meta.title.as_deref(), Some("T"));
        assert_eq!(first.meta.source.as_deref(), Some("P"));
        assert_eq!(docs[1].as_ref().unwrap().article.id, "test.jsonl:3");
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let docs = read("not json\n{\"id\":\"a\"}\n[1]\n{\"id\":\"b\",\"text\":\"ok\"}\n");
        let errors: Vec<String> = docs
            .iter()
            .filter_map(|d| d.as_ref().err().map(|e| e.to_string()))
            .collect();
        assert_eq!(errors.len(), 3);
        assert!(errors[0].starts_with("test.jsonl: record line 1: not JSON"));
        assert!(errors[1].contains("no 'text' field"));
        assert!(errors[2].contains("not a JSON object"));
        assert_eq!(docs[3].as_ref().unwrap().article.id, "b");
    }
}
