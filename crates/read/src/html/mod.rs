//! Saved web pages: the article's body text, paragraph by paragraph, and its metadata.
//!
//! Parsing is html5ever's (through `scraper`), which repairs malformed markup the way browsers
//! do, so a page with unclosed tags still yields its text. Finding the body is
//! [`extract`]'s job (see the `extract` module for how); metadata is `meta`'s.

mod extract;
mod meta;

use std::io::Read;

use saywho_model::{Article, ArticleMeta, Span};
use scraper::Html;

use crate::{charset, read_all, Document, Paragraph, ParagraphRole, ReadError, ReadResult};

/// Below this many characters a first, strict pass is not trusted and a lenient one is tried.
const MIN_BODY_CHARS: usize = 140;

/// The article found in a page: body text, its paragraphs, and metadata.
#[derive(Debug)]
pub(crate) struct Page {
    text: String,
    paragraphs: Vec<Paragraph>,
    pub(crate) meta: ArticleMeta,
}

impl Page {
    /// The document for this page; fields of `given` (a JSONL record's own metadata) win over
    /// what the page says.
    pub(crate) fn into_document(
        self,
        id: String,
        given: ArticleMeta,
        warnings: Vec<String>,
    ) -> Document {
        let found = self.meta;
        let meta = ArticleMeta {
            title: given.title.or(found.title),
            source: given.source.or(found.source),
            url: given.url.or(found.url),
            date: given.date.or(found.date),
            authors: if given.authors.is_empty() {
                found.authors
            } else {
                given.authors
            },
            language: given.language.or(found.language),
        };
        Document {
            article: Article {
                id,
                text: self.text,
                meta,
            },
            warnings,
            paragraphs: self.paragraphs,
        }
    }
}

/// Joins chosen blocks into body text with code-point paragraph spans.
fn assemble(parts: impl IntoIterator<Item = (String, ParagraphRole)>) -> (String, Vec<Paragraph>) {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    let mut chars = 0;
    for (part, role) in parts {
        if !text.is_empty() {
            text.push_str("\n\n");
            chars += 2;
        }
        let n = part.chars().count();
        text.push_str(&part);
        paragraphs.push(Paragraph {
            span: Span::new(chars, chars + n),
            role,
        });
        chars += n;
    }
    (text, paragraphs)
}

/// Finds the article in a whole page.
///
/// Fails (with the reason) only when the page holds no article text at all.
pub(crate) fn extract(markup: &str, url: Option<&str>) -> Result<Page, String> {
    let html = Html::parse_document(markup);
    let page_meta = meta::read(&html, url);
    let title = page_meta.meta.title.as_deref();
    let mut best: Vec<(String, ParagraphRole)> = Vec::new();
    for use_hints in [true, false] {
        let blocks = extract::blocks(html.tree.root(), use_hints);
        let chosen = extract::select(&html, &blocks, title);
        let parts: Vec<(String, ParagraphRole)> = chosen
            .into_iter()
            .filter_map(|i| blocks.get(i))
            .map(|b| {
                let role = if b.heading.is_some() {
                    ParagraphRole::Heading
                } else {
                    ParagraphRole::Body
                };
                (b.text.clone(), role)
            })
            .collect();
        let len: usize = parts.iter().map(|(t, _)| t.len()).sum();
        let best_len: usize = best.iter().map(|(t, _)| t.len()).sum();
        if len > best_len {
            best = parts;
        }
        if best_len.max(len) >= MIN_BODY_CHARS {
            break;
        }
    }
    if best.iter().all(|(_, r)| *r != ParagraphRole::Body) {
        if let Some(body) = page_meta
            .article_body
            .as_deref()
            .filter(|b| !b.trim().is_empty())
        {
            best = body
                .split("\n\n")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .map(|p| (p, ParagraphRole::Body))
                .collect();
        }
    }
    if best.iter().all(|(_, r)| *r != ParagraphRole::Body) {
        return Err("no article text found in the page".into());
    }
    let (text, paragraphs) = assemble(best);
    Ok(Page {
        text,
        paragraphs,
        meta: page_meta.meta,
    })
}

/// The text of an HTML fragment (a feed item's content): every block that is not boilerplate,
/// since a fragment holds one article and nothing to choose between.
pub(crate) fn fragment_paragraphs(markup: &str) -> Vec<(String, ParagraphRole)> {
    let html = Html::parse_fragment(markup);
    let blocks = extract::blocks(html.tree.root(), true);
    let all = (0..blocks.len()).collect();
    extract::filter(&blocks, all, None)
        .into_iter()
        .filter_map(|i| blocks.get(i))
        .map(|b| {
            let role = if b.heading.is_some() {
                ParagraphRole::Heading
            } else {
                ParagraphRole::Body
            };
            (b.text.clone(), role)
        })
        .collect()
}

/// Builds a document from fragment paragraphs (feeds).
pub(crate) fn fragment_document(
    parts: Vec<(String, ParagraphRole)>,
    id: String,
    meta: ArticleMeta,
    warnings: Vec<String>,
) -> Document {
    let (text, paragraphs) = assemble(parts);
    Document {
        article: Article { id, text, meta },
        warnings,
        paragraphs,
    }
}

/// Decodes and extracts a page given as bytes (a file, a WARC payload).
pub(crate) fn page_from_bytes(
    bytes: &[u8],
    http_charset: Option<&str>,
    url: Option<&str>,
    label: &str,
    warnings: &mut Vec<String>,
) -> Result<Page, String> {
    let markup = charset::decode_page(bytes, http_charset, url, label, warnings);
    extract(&markup, url)
}

/// Reads one saved page file as one article; its id is the page's URL when it names one, else
/// the file's name.
pub(crate) fn read_page_file(input: String, reader: impl Read, limit: u64) -> ReadResult {
    let bytes = read_all(&input, reader, limit)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty { input });
    }
    let mut warnings = Vec::new();
    let page = page_from_bytes(&bytes, None, None, &input, &mut warnings).map_err(|reason| {
        ReadError::BadRecord {
            input: input.clone(),
            record: "1".into(),
            reason,
            kind: "no article text",
        }
    })?;
    Ok(page.into_document(input, ArticleMeta::default(), warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_markup_still_yields_text() {
        let page = "<html><body><div class=story><p>Unclosed paragraph, with commas, long enough to count<p>Another one <b>bold <i>nested</b> wrongly, still read fine.</div></span></body>";
        let p = extract(page, None).unwrap();
        assert!(p.text.contains("Unclosed paragraph"));
        assert!(p.text.contains("Another one bold nested wrongly"));
    }

    #[test]
    fn a_page_without_text_is_an_error() {
        assert!(extract(
            "<html><body><nav><a href=/>Home</a></nav></body></html>",
            None
        )
        .is_err());
    }

    #[test]
    fn json_ld_article_body_is_the_last_resort() {
        let page = r#"<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","articleBody":"Body from JSON-LD, which is all there is.\n\nSecond paragraph."}</script></head><body><div id="app"></div></body></html>"#;
        let p = extract(page, None).unwrap();
        assert_eq!(
            p.text,
            "Body from JSON-LD, which is all there is.\n\nSecond paragraph."
        );
        assert_eq!(p.paragraphs.len(), 2);
    }
}
