//! JSONL corpora: one JSON object per line with at least `text` (or `html`, a saved page that is
//! then parsed like any other page); `id`, `title`, `source` (or `publisher`/`outlet`), `url`,
//! `date`, `authors` and `language` are taken when present. Other fields are not read:
//! annotation fields of evaluation files never reach the analyzer.

use std::fmt;
use std::io::BufRead;

use saywho_model::{Article, ArticleMeta};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use crate::{decode_lossy, html, read_line_capped, text, ReadError, ReadResult};

/// What a record carries: text to keep as it is, or a page to extract the article from.
enum Payload<'a> {
    Text(String),
    Html(&'a str),
}

/// Every field a record is read for.
const FIELDS: &[&str] = &[
    "text",
    "html",
    "id",
    "authors",
    "title",
    "headline",
    "source",
    "outlet",
    "publisher",
    "url",
    "date",
    "published",
    "language",
    "lang",
];

/// The [`FIELDS`] of one JSON object, as a full parse would give them (a repeated key keeps
/// its last value).
struct Fields(Map<String, Value>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Fields, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if FIELDS.contains(&key.as_str()) {
                let value: Value = access.next_value()?;
                map.insert(key, value);
            } else {
                access.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Fields(map))
    }
}

/// Streams the records of one JSONL input, a line at a time.
pub(crate) struct JsonlReader<R> {
    input: String,
    reader: R,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
    limit: u64,
}

impl<R: BufRead> JsonlReader<R> {
    pub(crate) fn new(input: String, reader: R, limit: u64) -> Self {
        JsonlReader {
            input,
            reader,
            line_no: 0,
            buf: Vec::new(),
            done: false,
            limit,
        }
    }

    fn bad(&self, kind: &'static str, reason: impl Into<String>) -> ReadError {
        ReadError::BadRecord {
            input: self.input.clone(),
            record: format!("line {}", self.line_no),
            reason: reason.into(),
            kind,
        }
    }

    /// The record's fields that are read. An object is parsed keeping only those (skipping
    /// annotations and other fields without building them); anything else, or a line that
    /// fails, is parsed in full for the precise error.
    fn fields(&self, line: &str) -> Result<Map<String, Value>, ReadError> {
        if line.trim_start().starts_with('{') {
            if let Ok(Fields(map)) = serde_json::from_str::<Fields>(line) {
                return Ok(map);
            }
        }
        let value: Value = serde_json::from_str(line)
            .map_err(|e| self.bad("not JSON", format!("not JSON: {e}")))?;
        let Value::Object(map) = value else {
            return Err(self.bad("not a JSON object", "not a JSON object"));
        };
        Ok(map)
    }

    fn parse_line(&self, line: String, mut warnings: Vec<String>) -> ReadResult {
        let mut map = self.fields(&line)?;
        // The text is moved out, not copied; nothing else reads it.
        let text = match map.get_mut("text") {
            Some(Value::String(t)) => Some(std::mem::take(t)),
            _ => None,
        };
        let page = match (text, map.get("text"), map.get("html")) {
            (Some(t), _, _) => Payload::Text(t),
            (None, None, Some(Value::String(h))) => Payload::Html(h.as_str()),
            (None, Some(_), _) => {
                return Err(self.bad("bad field", "field 'text' is not a string"));
            }
            (None, None, Some(_)) => {
                return Err(self.bad("bad field", "field 'html' is not a string"));
            }
            (None, None, None) => {
                return Err(self.bad("no text field", "no 'text' or 'html' field"));
            }
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
        match page {
            Payload::Text(text) => {
                if text.trim().is_empty() {
                    warnings.push(format!("{}: line {}: empty text", self.input, self.line_no));
                }
                Ok(text::document(Article { id, text, meta }, warnings))
            }
            Payload::Html(markup) => {
                let page = html::extract(markup, meta.url.as_deref())
                    .map_err(|reason| self.bad("no article text", reason))?;
                Ok(page.into_document(id, meta, warnings))
            }
        }
    }
}

/// Reads one JSONL record from the bytes of its line, exactly as a JSONL input reads its
/// `line_no`th line (same fields, same id for a record without one, same errors), for callers
/// that split the lines themselves because they must answer every line, blank or bad ones too.
pub fn read_jsonl_line(input: &str, line_no: usize, line: Vec<u8>) -> ReadResult {
    let reader = JsonlReader {
        input: input.to_string(),
        reader: std::io::empty(),
        line_no,
        buf: Vec::new(),
        done: true,
        limit: u64::MAX,
    };
    let mut warnings = Vec::new();
    let label = format!("{input} line {line_no}");
    let line = decode_lossy(&label, line, &mut warnings);
    reader.parse_line(line, warnings)
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        while !self.done {
            let cap = usize::try_from(self.limit.saturating_add(1)).unwrap_or(usize::MAX);
            match read_line_capped(&mut self.reader, &mut self.buf, cap) {
                Ok(0) => self.done = true,
                Ok(size) => {
                    self.line_no += 1;
                    if size > self.limit {
                        self.buf.clear();
                        return Some(Err(ReadError::TooLarge {
                            input: self.input.clone(),
                            record: format!("line {}", self.line_no),
                            size,
                            limit: self.limit,
                        }));
                    }
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
                        record: Some(format!("line {}", self.line_no + 1)),
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
        JsonlReader::new("test.jsonl".into(), input.as_bytes(), 1 << 20).collect()
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
        assert!(errors[1].contains("no 'text' or 'html' field"));
        assert!(errors[2].contains("not a JSON object"));
        assert_eq!(docs[3].as_ref().unwrap().article.id, "b");
    }

    #[test]
    fn repeated_keys_keep_their_last_value_as_a_full_parse_does() {
        let docs = read("{\"id\":\"a\",\"text\":\"One.\",\"x\":{\"y\":[1,2]},\"text\":\"Two.\"}\n{\"id\":1,\"text\":2}\n");
        assert_eq!(docs[0].as_ref().unwrap().article.text, "Two.");
        let err = docs[1]
            .as_ref()
            .err()
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(err.contains("field 'text' is not a string"), "{err}");
    }

    #[test]
    fn answer_fields_are_never_read() {
        let docs = read("{\"id\":\"q\",\"text\":\"Body.\",\"quotes\":[{\"text\":\"x\"}],\"story\":3,\"indirect\":[],\"mentions\":[]}\n");
        let doc = docs[0].as_ref().unwrap();
        let json = serde_json::to_string(&doc.article).unwrap();
        assert!(!json.contains("quotes") && !json.contains("story") && !json.contains("mentions"));
        assert_eq!(doc.article.text, "Body.");
    }

    #[test]
    fn html_field_is_parsed_as_a_page() {
        let page = "<html><head><title>Dam opens</title></head><body><nav><a href=/>Home</a></nav><article><p>The new dam opened on Tuesday after six years of work, officials said.</p><p>\u{201c}It will power the valley,\u{201d} the engineer said.</p></article></body></html>";
        let line = serde_json::json!({"id": "d1", "html": page, "url": "https://news.example/dam"});
        let docs = read(&format!("{line}\n"));
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.article.id, "d1");
        assert!(doc.article.text.starts_with("The new dam opened"));
        assert!(!doc.article.text.contains("Home"));
        assert_eq!(doc.article.meta.title.as_deref(), Some("Dam opens"));
        assert_eq!(
            doc.article.meta.url.as_deref(),
            Some("https://news.example/dam")
        );
    }

    #[test]
    fn one_line_reads_as_the_stream_reads_it() {
        let doc = read_jsonl_line("-", 4, b"{\"text\": \"Hi.\"}\n".to_vec()).unwrap();
        assert_eq!(doc.article.id, "-:4");
        assert_eq!(doc.article.text, "Hi.");
        let err = read_jsonl_line("-", 9, b"{\"id\": 1}".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "-: record line 9: no 'text' or 'html' field"
        );
    }

    #[test]
    fn overlong_lines_are_skipped_not_buffered() {
        let big = format!(
            "{{\"id\":\"big\",\"text\":\"{}\"}}\n{{\"id\":\"ok\",\"text\":\"fine\"}}\n",
            "a".repeat(5000)
        );
        let docs: Vec<ReadResult> =
            JsonlReader::new("t.jsonl".into(), big.as_bytes(), 1000).collect();
        assert!(matches!(docs[0], Err(ReadError::TooLarge { .. })));
        assert_eq!(docs[1].as_ref().unwrap().article.id, "ok");
    }
}
