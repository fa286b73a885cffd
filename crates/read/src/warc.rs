//! WARC crawls (Common Crawl's CC-NEWS among them): every HTTP response record that carries an
//! HTML page becomes an article; request, metadata, WARC-info and non-HTML records are passed
//! over without being buffered.
//!
//! The reader is a small streaming parser over `BufRead` rather than a WARC crate, because the
//! crates available buffer each record whole, and saywho must skip a 100 MB record without
//! holding it. Per-record gzip (`.warc.gz`) is undone before this reader by a multi-member gzip
//! decoder, so memory stays flat whatever the file size: one header block and at most one
//! record of [`crate::ReadOptions::max_record_bytes`] at a time.

use std::io::{self, BufRead, Read};

use saywho_model::ArticleMeta;

use crate::{html, read_line_capped, ReadError, ReadResult};

/// Longest header line accepted (WARC or HTTP).
const MAX_HEADER_LINE: usize = 64 << 10;
/// Most header lines in one WARC header block before the record is called malformed.
const MAX_HEADER_LINES: usize = 512;

/// Streams the HTML pages of one WARC input.
pub(crate) struct WarcReader<R> {
    input: String,
    reader: R,
    limit: u64,
    record_no: u64,
    line: Vec<u8>,
    done: bool,
}

/// The WARC header fields saywho uses.
#[derive(Default)]
struct Header {
    warc_type: String,
    content_type: String,
    content_length: Option<u64>,
    target_uri: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
}

impl<R: BufRead> WarcReader<R> {
    pub(crate) fn new(input: String, reader: R, limit: u64) -> Self {
        WarcReader {
            input,
            reader,
            limit,
            record_no: 0,
            line: Vec::new(),
            done: false,
        }
    }

    fn record_label(&self, header: &Header) -> String {
        match (&header.target_uri, &header.record_id) {
            (Some(uri), _) => format!("{} ({uri})", self.record_no),
            (None, Some(id)) => format!("{} ({id})", self.record_no),
            _ => self.record_no.to_string(),
        }
    }

    fn io_error(&mut self, source: io::Error, record: String) -> ReadError {
        self.done = true;
        ReadError::Io {
            input: self.input.clone(),
            source,
            record: Some(record),
        }
    }

    fn bad(&self, record: String, kind: &'static str, reason: impl Into<String>) -> ReadError {
        ReadError::BadRecord {
            input: self.input.clone(),
            record,
            reason: reason.into(),
            kind,
        }
    }

    /// Reads up to the next `WARC/` version line; `Ok(false)` at end of input.
    fn find_record_start(&mut self) -> io::Result<Option<bool>> {
        let mut skipped_garbage = false;
        loop {
            let n = read_line_capped(&mut self.reader, &mut self.line, MAX_HEADER_LINE)?;
            if n == 0 {
                return Ok(None);
            }
            if self.line.starts_with(b"WARC/") {
                return Ok(Some(skipped_garbage));
            }
            if !self.line.iter().all(u8::is_ascii_whitespace) {
                skipped_garbage = true;
            }
        }
    }

    fn read_header(&mut self) -> io::Result<Result<Header, String>> {
        let mut header = Header::default();
        for _ in 0..MAX_HEADER_LINES {
            let n = read_line_capped(&mut self.reader, &mut self.line, MAX_HEADER_LINE)?;
            if n == 0 {
                return Ok(Err("input ends inside a WARC header".into()));
            }
            if self.line.iter().all(u8::is_ascii_whitespace) {
                return Ok(Ok(header));
            }
            let line = String::from_utf8_lossy(&self.line);
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "content-type" => header.content_type = value.to_ascii_lowercase(),
                "content-length" => header.content_length = value.parse().ok(),
                "warc-target-uri" => {
                    header.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "warc-date" => header.date = Some(value),
                "warc-record-id" => header.record_id = Some(value),
                _ => {}
            }
        }
        Ok(Err(format!("more than {MAX_HEADER_LINES} header lines")))
    }

    /// Reads and drops `n` bytes: how records that are not pages, or too large, are passed over.
    fn skip(&mut self, n: u64) -> io::Result<()> {
        let copied = io::copy(&mut (&mut self.reader).take(n), &mut io::sink())?;
        if copied < n {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("input ends {} bytes into a {n}-byte record", copied),
            ));
        }
        Ok(())
    }

    fn next_record(&mut self) -> Option<ReadResult> {
        loop {
            let garbage = match self.find_record_start() {
                Ok(None) => return None,
                Ok(Some(g)) => g,
                Err(e) => {
                    let next = (self.record_no + 1).to_string();
                    return Some(Err(self.io_error(e, next)));
                }
            };
            self.record_no += 1;
            let header = match self.read_header() {
                Ok(Ok(h)) => h,
                Ok(Err(reason)) => {
                    let label = self.record_no.to_string();
                    return Some(Err(self.bad(label, "malformed WARC", reason)));
                }
                Err(e) => {
                    let label = self.record_no.to_string();
                    return Some(Err(self.io_error(e, label)));
                }
            };
            let label = self.record_label(&header);
            let Some(length) = header.content_length else {
                // Without a length the record's end is unknown; the next "WARC/" line resyncs.
                return Some(Err(self.bad(label, "malformed WARC", "no Content-Length")));
            };
            let is_response = header.warc_type == "response"
                && header.content_type.starts_with("application/http");
            // A `resource` record (wget, browsers' archivers) holds the page itself, no HTTP.
            let is_resource =
                header.warc_type == "resource" && header.content_type.contains("html");
            if !is_response && !is_resource {
                if let Err(e) = self.skip(length) {
                    return Some(Err(self.io_error(e, label)));
                }
                continue;
            }
            if length > self.limit {
                if let Err(e) = self.skip(length) {
                    return Some(Err(self.io_error(e, label)));
                }
                return Some(Err(ReadError::TooLarge {
                    input: self.input.clone(),
                    record: label,
                    size: length,
                    limit: self.limit,
                }));
            }
            let mut body = Vec::with_capacity(usize::try_from(length).unwrap_or(0).min(1 << 20));
            match (&mut self.reader).take(length).read_to_end(&mut body) {
                Ok(n) if (n as u64) < length => {
                    let e = io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!("input ends {n} bytes into a {length}-byte record"),
                    );
                    return Some(Err(self.io_error(e, label)));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(self.io_error(e, label))),
            }
            let mut warnings = Vec::new();
            if garbage {
                warnings.push(format!(
                    "{}: bytes before record {} that are not WARC were skipped",
                    self.input, self.record_no
                ));
            }
            let page = if is_resource {
                let charset = header
                    .content_type
                    .split(';')
                    .find_map(|p| p.trim().strip_prefix("charset="))
                    .map(|c| c.trim_matches(['"', '\'']).to_string());
                Ok(Some((body, charset)))
            } else {
                response_page(&body, self.limit)
            };
            match page {
                Ok(None) => continue,
                Ok(Some((payload, charset))) => {
                    let url = header.target_uri.clone();
                    let what = format!("{} record {}", self.input, label);
                    let page = html::page_from_bytes(
                        &payload,
                        charset.as_deref(),
                        url.as_deref(),
                        &what,
                        &mut warnings,
                    );
                    return Some(match page {
                        Ok(mut page) => {
                            if page.meta.date.is_none() {
                                page.meta.date = header.date.clone();
                            }
                            let given = ArticleMeta {
                                url: url.clone(),
                                ..ArticleMeta::default()
                            };
                            let id =
                                url.unwrap_or_else(|| format!("{}#{}", self.input, self.record_no));
                            Ok(page.into_document(id, given, warnings))
                        }
                        Err(reason) => Err(self.bad(label, "no article text", reason)),
                    });
                }
                Err(reason) => return Some(Err(self.bad(label, "bad HTTP response", reason))),
            }
        }
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        if self.done {
            return None;
        }
        let item = self.next_record();
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

/// An HTML payload and the charset its HTTP headers declare.
type Payload = (Vec<u8>, Option<String>);

/// The HTML payload of an HTTP response and its declared charset; `None` for responses that
/// are not pages (redirects, errors, images, scripts).
fn response_page(body: &[u8], limit: u64) -> Result<Option<Payload>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(body) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => return Err("HTTP headers are cut short".into()),
        Err(e) => return Err(format!("HTTP headers do not parse: {e}")),
    };
    let status = response.code.unwrap_or(0);
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    let is_html = content_type.is_empty()
        || content_type.contains("html")
        || content_type.starts_with("text/plain");
    if !is_html {
        return Ok(None);
    }
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .map(|c| c.trim_matches(['"', '\'']).to_string());
    let mut payload = body.get(head_len..).unwrap_or_default().to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        payload = dechunk(&payload).unwrap_or(payload);
    }
    match header("content-encoding").as_deref() {
        Some("gzip") | Some("x-gzip") => {
            payload = inflate(flate2::read::MultiGzDecoder::new(&payload[..]), limit)?;
        }
        Some("deflate") => {
            payload = inflate(flate2::read::ZlibDecoder::new(&payload[..]), limit)?;
        }
        Some("identity") | None => {}
        Some(other) => return Err(format!("unsupported Content-Encoding '{other}'")),
    }
    Ok(Some((payload, charset)))
}

/// Decompresses a payload, at most `limit` bytes of it (a zip bomb is a record too large).
fn inflate(decoder: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("compressed payload does not decode: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!("payload decompresses to over {limit} bytes"));
    }
    Ok(out)
}

/// Undoes HTTP chunked transfer coding; `None` when the payload is not actually chunked.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = data.iter().position(|&b| b == b'\n')?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size_text = size_text.trim().split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        data = &data[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size..)?;
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(warc_type: &str, uri: &str, http: &str) -> Vec<u8> {
        let content_type = if warc_type == "response" {
            "application/http; msgtype=response"
        } else {
            "application/http; msgtype=request"
        };
        format!(
            "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-02-03T04:05:06Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
        .into_bytes()
    }

    fn page(body: &str) -> String {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><p>{body}</p></article></body></html>")
    }

    fn read(bytes: &[u8], limit: u64) -> Vec<ReadResult> {
        WarcReader::new("t.warc".into(), bytes, limit).collect()
    }

    #[test]
    fn reads_responses_and_skips_the_rest() {
        let mut w = record("request", "https://a.test/1", "GET /1 HTTP/1.1\r\n\r\n");
        w.extend(record(
            "response",
            "https://a.test/1",
            &page("The first page has enough words, commas, and prose to count."),
        ));
        w.extend(record(
            "response",
            "https://a.test/img",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG",
        ));
        w.extend(record(
            "response",
            "https://a.test/old",
            "HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "https://a.test/2",
            &page("The second page, also with enough words, and commas, to count."),
        ));
        let docs = read(&w, 1 << 20);
        assert_eq!(docs.len(), 2);
        let a = &docs[0].as_ref().unwrap().article;
        assert_eq!(a.id, "https://a.test/1");
        assert_eq!(a.meta.url.as_deref(), Some("https://a.test/1"));
        assert_eq!(a.meta.date.as_deref(), Some("2024-02-03T04:05:06Z"));
        assert_eq!(a.meta.source.as_deref(), Some("a.test"));
        assert!(a.text.starts_with("The first page"));
    }

    #[test]
    fn too_large_records_are_skipped_and_reading_goes_on() {
        let big = "x, ".repeat(2000);
        let mut w = record("response", "https://a.test/big", &page(&big));
        w.extend(record(
            "response",
            "https://a.test/ok",
            &page("A normal page that is, by any measure, long enough to count."),
        ));
        let docs = read(&w, 1000);
        assert!(
            matches!(&docs[0], Err(ReadError::TooLarge { record, .. }) if record.contains("a.test/big"))
        );
        assert_eq!(docs[1].as_ref().unwrap().article.id, "https://a.test/ok");
    }

    #[test]
    fn truncated_input_is_an_error_naming_the_record() {
        let w = record(
            "response",
            "https://a.test/1",
            &page("Some words, some commas, enough to count as prose here."),
        );
        let docs = read(&w[..w.len() - 40], 1 << 20);
        assert_eq!(docs.len(), 1);
        let msg = docs[0].as_ref().unwrap_err().to_string();
        assert!(msg.starts_with("t.warc: read failed at record 1"), "{msg}");
    }

    #[test]
    fn chunked_and_gzipped_payloads_are_decoded() {
        use std::io::Write;
        let html = "<html><body><article><p>Chunked and gzipped, this page still reads fine, as it should.</p></article></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(html.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend(&gz);
        chunked.extend(b"\r\n0\r\n\r\n");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        http.extend(chunked);
        let (payload, _) = response_page(&http, 1 << 20).unwrap().unwrap();
        assert_eq!(payload, html.as_bytes());
    }

    #[test]
    fn resource_records_hold_the_page_itself() {
        let html = "<html><body><article><p>A page archived as a resource, with enough words, to count.</p></article></body></html>";
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://r.test/a\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}\r\n\r\n",
            html.len()
        );
        let docs = read(rec.as_bytes(), 1 << 20);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].as_ref().unwrap().article.id, "https://r.test/a");
    }
}
