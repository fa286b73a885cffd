//! Plain text: the whole input is one article whose id is the input's name.
//!
//! The text is kept exactly as read, because quotation offsets are scored against it. What the
//! reader learns about it goes beside it: a first line that looks like a headline becomes
//! `meta.title` (and a [`ParagraphRole::Title`] paragraph), and a closing run of "related
//! article" headlines is marked [`ParagraphRole::Related`] rather than cut.

use std::io::Read;

use saywho_model::Article;

use crate::{charset, read_all, Document, Paragraph, ParagraphRole, ReadError, ReadResult};

/// How far into a file to look for NUL bytes before calling it binary.
const BINARY_SNIFF: usize = 8192;

/// Reads the whole of `reader` (at most `limit` bytes) as one article.
pub(crate) fn read_one(input: String, reader: impl Read, limit: u64) -> ReadResult {
    let bytes = read_all(&input, reader, limit)?;
    let utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    if !utf16 {
        if let Some(offset) = bytes.iter().take(BINARY_SNIFF).position(|&b| b == 0) {
            return Err(ReadError::Binary { input, offset });
        }
    }
    let mut warnings = Vec::new();
    let text = charset::decode_text(bytes, &input, &mut warnings);
    if text.trim().is_empty() {
        return Err(ReadError::Empty { input });
    }
    Ok(document(Article::new(input, text), warnings))
}

/// Builds the document of a text whose bytes must not change: title and related lines are
/// recognised, not removed.
pub(crate) fn document(mut article: Article, warnings: Vec<String>) -> Document {
    let mut paragraphs = crate::split_paragraphs(&article.text);
    let text = &article.text;
    let para_text =
        |p: &Paragraph| -> String { text.chars().skip(p.span.start).take(p.span.len()).collect() };
    let mut title = None;
    if paragraphs.len() >= 2 {
        if let Some(first) = paragraphs.first_mut() {
            let first_text = para_text(first);
            if !first_text.contains('\n') && looks_like_title(&first_text) {
                first.role = ParagraphRole::Title;
                title = Some(first_text.trim().to_string());
            }
        }
        mark_related(&mut paragraphs, text);
    }
    if article.meta.title.is_none() {
        article.meta.title = title;
    }
    Document {
        article,
        warnings,
        paragraphs,
    }
}

/// A headline: one short line, not a sentence of reported speech.
fn looks_like_title(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let chars = line.chars().count();
    (2..=25).contains(&words)
        && chars <= 200
        && !line.ends_with(['.', ',', ';', ':'])
        && !line.starts_with(['"', '\u{201c}', '\'', '\u{2018}', '-', '\u{2014}'])
}

/// A line that introduces a block of links to other stories.
fn is_related_marker(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').to_lowercase();
    saywho_model::RELATED_MARKERS.contains(&l.as_str())
}

/// A headline of another story: short, unpunctuated at the end, more than a word or two.
fn is_headline_line(line: &str) -> bool {
    let l = line.trim();
    let words = l.split_whitespace().count();
    (3..=20).contains(&words)
        && l.chars().count() <= 160
        && !l.ends_with(['.', ',', ';', ':', '"', '\u{201d}'])
}

/// Marks the trailing run of related-article headlines: either a marker line ("Related
/// articles") followed by headline lines, or at least three headline-only paragraphs at the end.
fn mark_related(paragraphs: &mut [Paragraph], text: &str) {
    // Paragraphs are sliced through a code-point index, from the end, only as far as the run
    // of headlines goes: a long article costs one pass, not one per paragraph.
    let index = saywho_model::CharIndex::new(text);
    let mut cut = paragraphs.len();
    let mut headlines = 0;
    let mut marker = None;
    for i in (0..paragraphs.len()).rev() {
        if i == 0 || paragraphs[i].role != ParagraphRole::Body {
            break;
        }
        let t = index.slice(paragraphs[i].span);
        let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.len() == 1 && is_related_marker(lines[0]) {
            marker = Some(i);
            cut = i;
            continue;
        }
        if marker.is_some() {
            break;
        }
        if !lines.is_empty()
            && lines
                .iter()
                .all(|l| is_headline_line(l) || is_related_marker(l))
        {
            if lines.iter().any(|l| is_related_marker(l)) {
                marker = Some(i);
            }
            headlines += lines.len();
            cut = i;
        } else {
            break;
        }
    }
    if cut < paragraphs.len() && (marker.is_some() || headlines >= 3) {
        // Never mark everything after the title: a short text of headlines is still the text.
        let body_left = paragraphs[..cut]
            .iter()
            .any(|p| p.role == ParagraphRole::Body);
        if body_left {
            for p in &mut paragraphs[cut..] {
                p.role = ParagraphRole::Related;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        read_one("a.txt".into(), text.as_bytes(), 1 << 20).unwrap()
    }

    #[test]
    fn text_is_kept_byte_for_byte_and_first_line_is_title() {
        let text = "Council approves new bridge\n\nThe council voted on Monday.\n\n\"It is a good day,\" said the mayor.\n";
        let d = doc(text);
        assert_eq!(d.article.text, text);
        assert_eq!(
            d.article.meta.title.as_deref(),
            Some("Council approves new bridge")
        );
        assert_eq!(d.paragraphs[0].role, ParagraphRole::Title);
        assert!(d.paragraphs[1..]
            .iter()
            .all(|p| p.role == ParagraphRole::Body));
    }

    #[test]
    fn a_sentence_is_not_a_title() {
        let d = doc("\"We will fight,\" she said.\n\nMore text here.");
        assert_eq!(d.article.meta.title, None);
    }

    #[test]
    fn trailing_related_headlines_are_not_body() {
        let text = "Floods hit valley\n\nRivers rose overnight, officials said.\n\nResidents were moved to the school.\n\nRelated articles\n\nHow the valley rebuilt after 2019\nWhy insurance premiums keep rising\n";
        let d = doc(text);
        assert_eq!(d.article.text, text);
        let roles: Vec<_> = d.paragraphs.iter().map(|p| p.role).collect();
        assert_eq!(
            roles,
            vec![
                ParagraphRole::Title,
                ParagraphRole::Body,
                ParagraphRole::Body,
                ParagraphRole::Related,
                ParagraphRole::Related
            ]
        );
    }

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        assert!(matches!(
            read_one("e.txt".into(), &b"  \n"[..], 100),
            Err(ReadError::Empty { .. })
        ));
        assert!(matches!(
            read_one("b.txt".into(), &b"ab\0c"[..], 100),
            Err(ReadError::Binary { .. })
        ));
        assert!(matches!(
            read_one("big.txt".into(), &[b'a'; 200][..], 100),
            Err(ReadError::TooLarge { .. })
        ));
    }
}
