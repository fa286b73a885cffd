//! Character sets: bytes as saved become text as written.
//!
//! The order follows what browsers do: a byte-order mark wins, then the HTTP header's charset,
//! then a `<meta charset>` (or `http-equiv`) declaration near the top of the page, and only then
//! detection from the bytes themselves (valid UTF-8 first, then `chardetng`, which knows the
//! legacy encodings of the web such as windows-1252).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page to look for a `<meta charset>`; the HTML standard prescans 1024 bytes,
/// real pages put long scripts first, so this looks further.
const PRESCAN: usize = 8192;

/// Decodes a web page (or feed item, or WARC payload) to text.
///
/// `http_charset` is the `charset` of an HTTP `Content-Type`, when known; `url` feeds the
/// detector's guess of the language area. A note is pushed to `warnings` when the bytes did not
/// decode cleanly.
pub(crate) fn decode_page(
    bytes: &[u8],
    http_charset: Option<&str>,
    url: Option<&str>,
    label: &str,
    warnings: &mut Vec<String>,
) -> String {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => {
            let declared = http_charset
                .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
                .or_else(|| meta_charset(bytes));
            (declared.unwrap_or_else(|| detect(bytes, url)), bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(format!(
            "{label}: bytes not valid {} replaced with U+FFFD",
            encoding.name()
        ));
    }
    text.into_owned()
}

/// Decodes text that is not valid UTF-8 by guessing its encoding, so a windows-1252 file reads
/// as its author wrote it rather than as a row of replacement characters.
pub(crate) fn decode_text(bytes: Vec<u8>, label: &str, warnings: &mut Vec<String>) -> String {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        if enc != UTF_8 {
            let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            warnings.push(format!(
                "{label}: decoded as {} (byte-order mark)",
                enc.name()
            ));
            return text.into_owned();
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let bytes = err.into_bytes();
            let enc = detect(&bytes, None);
            if enc != UTF_8 {
                let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
                if !had_errors {
                    warnings.push(format!(
                        "{label}: not UTF-8; decoded as {} (detected)",
                        enc.name()
                    ));
                    return text.into_owned();
                }
            }
            crate::decode_lossy(label, bytes, warnings)
        }
    }
}

/// Guesses the encoding of undeclared bytes.
fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    )
}

/// "uk" for `https://news.example.co.uk/x`, for the detector's regional prior.
fn top_level_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| tld.to_ascii_lowercase())
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` near the top of the page declares.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(PRESCAN)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(pos) = find(&head[from..], b"<meta") {
        let start = from + pos;
        let end = find(&head[start..], b">").map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let value = tag[cs + 7..]
                .iter()
                .skip_while(|b| {
                    b.is_ascii_whitespace() || **b == b'=' || **b == b'"' || **b == b'\''
                })
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .copied()
                .collect::<Vec<u8>>();
            if let Some(enc) = Encoding::for_label(&value) {
                // The HTML standard: a page cannot declare itself UTF-16 in ASCII bytes, and
                // x-user-defined means windows-1252.
                return Some(if enc.name().starts_with("UTF-16") {
                    UTF_8
                } else if enc.name() == "x-user-defined" {
                    WINDOWS_1252
                } else {
                    enc
                });
            }
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_beats_declarations() {
        let mut w = Vec::new();
        let bytes = b"\xef\xbb\xbf<meta charset=\"windows-1252\">caf\xc3\xa9";
        assert!(decode_page(bytes, Some("iso-8859-2"), None, "t", &mut w).ends_with("café"));
    }

    #[test]
    fn http_charset_beats_meta() {
        let mut w = Vec::new();
        let bytes = b"<meta charset=\"utf-8\">caf\xe9";
        assert!(decode_page(bytes, Some("windows-1252"), None, "t", &mut w).ends_with("café"));
        assert!(w.is_empty());
    }

    #[test]
    fn meta_charset_both_forms() {
        let mut w = Vec::new();
        let a = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head>caf\xe9";
        assert!(decode_page(a, None, None, "t", &mut w).ends_with("café"));
        let b = b"<meta charset='windows-1252'>\x93Yes,\x94 she said";
        assert!(decode_page(b, None, None, "t", &mut w).ends_with("\u{201c}Yes,\u{201d} she said"));
    }

    #[test]
    fn undeclared_windows_1252_is_detected() {
        let mut w = Vec::new();
        let bytes = b"<p>The caf\xe9 owner said: \x93We will stay open,\x94 and smiled. \x93Business is good.\x94</p>";
        let text = decode_page(bytes, None, Some("http://example.co.uk/a"), "t", &mut w);
        assert!(
            text.contains("\u{201c}We will stay open,\u{201d}"),
            "{text}"
        );
        assert!(text.contains("café"));
    }

    #[test]
    fn text_that_is_not_utf8_is_detected_not_mangled() {
        let mut w = Vec::new();
        let text = decode_text(
            b"\x93Fine,\x94 he said. The caf\xe9 is closed.".to_vec(),
            "t",
            &mut w,
        );
        assert_eq!(text, "\u{201c}Fine,\u{201d} he said. The café is closed.");
        assert_eq!(w.len(), 1);
        let utf8 = decode_text("plain “text”".as_bytes().to_vec(), "t", &mut w);
        assert_eq!(utf8, "plain “text”");
    }
}
