//! RSS 2.0 and Atom feeds (and RSS 1.0, which `feed-rs` also reads): each item is an article,
//! with the full content when the feed carries it (`content:encoded`, Atom `content`) and the
//! summary otherwise, said in a warning since a summary is not the article.
//!
//! A feed is one document of modest size, so it is read whole (up to the record limit) and
//! parsed by `feed-rs`; its items are then handed out one by one.

use std::io::Read;

use feed_rs::model::{Entry, Feed};
use saywho_model::ArticleMeta;

use crate::{html, read_all, text, Documents, ParagraphRole, ReadError, ReadResult};

/// Reads one feed input as a stream of its items.
pub(crate) fn read_feed(input: String, reader: impl Read, limit: u64) -> Documents {
    let bytes = match read_all(&input, reader, limit) {
        Ok(b) => b,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    let feed = match feed_rs::parser::parse(&bytes[..]) {
        Ok(feed) => feed,
        Err(e) => {
            return Box::new(std::iter::once(Err(ReadError::BadRecord {
                input,
                record: "feed".into(),
                reason: format!("not a readable RSS or Atom feed: {e}"),
                kind: "malformed feed",
            })))
        }
    };
    if feed.entries.is_empty() {
        return Box::new(std::iter::once(Err(ReadError::EmptyFeed { input })));
    }
    let source = feed
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let language = feed.language.clone();
    let Feed { entries, .. } = feed;
    Box::new(
        entries
            .into_iter()
            .enumerate()
            .map(move |(i, entry)| item(&input, i + 1, entry, source.clone(), language.clone())),
    )
}

/// Text of a title-like field that may hold markup or entities.
fn plain(s: &str) -> String {
    let parts = html::fragment_paragraphs(s);
    let joined = parts
        .into_iter()
        .map(|(t, _)| t)
        .collect::<Vec<_>>()
        .join(" ");
    if joined.is_empty() {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        joined
    }
}

fn item(
    input: &str,
    n: usize,
    entry: Entry,
    source: Option<String>,
    language: Option<String>,
) -> ReadResult {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.clone());
    let title = entry
        .title
        .as_ref()
        .map(|t| plain(&t.content))
        .filter(|t| !t.is_empty());
    let record = match &title {
        Some(t) => format!("item {n} ({t})"),
        None => format!("item {n}"),
    };
    let mut warnings = Vec::new();
    let content = entry.content.as_ref().and_then(|c| {
        c.body
            .as_ref()
            .map(|b| (b.clone(), c.content_type.to_string()))
    });
    let (body, kind) = match (content, &entry.summary) {
        (Some((body, kind)), _) if !body.trim().is_empty() => (body, kind),
        (_, Some(summary)) if !summary.content.trim().is_empty() => {
            warnings.push(format!(
                "{input}: {record}: the feed carries only a summary, not the full article"
            ));
            (summary.content.clone(), summary.content_type.to_string())
        }
        _ => {
            return Err(ReadError::BadRecord {
                input: input.to_string(),
                record,
                reason: "item has neither content nor summary".into(),
                kind: "no article text",
            })
        }
    };
    let mut authors: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .flat_map(html_authors)
        .collect();
    authors.dedup();
    let meta = ArticleMeta {
        title,
        source,
        url: url.clone(),
        date: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
        authors,
        language: entry.language.clone().or(language),
    };
    let id = url.unwrap_or_else(|| {
        if entry.id.is_empty() {
            format!("{input}#{n}")
        } else {
            entry.id.clone()
        }
    });
    let looks_html = kind.contains("html") || body.contains("</p>") || body.contains("<br");
    if looks_html {
        let parts = html::fragment_paragraphs(&body);
        if !parts.iter().any(|(_, r)| *r == ParagraphRole::Body) {
            return Err(ReadError::BadRecord {
                input: input.to_string(),
                record,
                reason: "item content holds no article text".into(),
                kind: "no article text",
            });
        }
        Ok(html::fragment_document(parts, id, meta, warnings))
    } else {
        let article = saywho_model::Article {
            id,
            text: body,
            meta,
        };
        Ok(text::document(article, warnings))
    }
}

/// RSS `<author>` is often "email (Name)"; Atom gives the name.
fn html_authors(name: &str) -> Vec<String> {
    let name = match (name.find('('), name.rfind(')')) {
        (Some(a), Some(b)) if a < b && name.contains('@') => &name[a + 1..b],
        _ => name,
    };
    let name = name
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    if name.is_empty() {
        Vec::new()
    } else {
        vec![name.to_string()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<ReadResult> {
        read_feed("f.xml".into(), s.as_bytes(), 1 << 20).collect()
    }

    #[test]
    fn rss_items_with_full_content() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link><language>en-gb</language>
<item><title>Ferry strike ends</title><link>https://gazette.example/ferry</link>
<dc:creator>Mia Stone</dc:creator><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The ferry strike ended on Monday, the union said.</p><p>&#8220;We are pleased,&#8221; said its leader.</p><p>Share this article</p>]]></content:encoded></item>
<item><title>Only a summary</title><link>https://gazette.example/s</link><description>A summary, nothing more, of a story.</description></item>
</channel></rss>"#;
        let docs = read(rss);
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.article.text, "The ferry strike ended on Monday, the union said.\n\n\u{201c}We are pleased,\u{201d} said its leader.");
        assert_eq!(d.article.meta.title.as_deref(), Some("Ferry strike ends"));
        assert_eq!(d.article.meta.source.as_deref(), Some("Harbour Gazette"));
        assert_eq!(d.article.meta.authors, vec!["Mia Stone"]);
        assert_eq!(
            d.article.meta.date.as_deref(),
            Some("2024-03-05T09:30:00+00:00")
        );
        assert_eq!(d.article.id, "https://gazette.example/ferry");
        let s = docs[1].as_ref().unwrap();
        assert_eq!(s.warnings.len(), 1);
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Upland Post</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title type="html">Farmers &amp;amp; the drought</title><id>urn:1</id><link href="https://upland.example/drought"/>
<published>2024-06-01T12:00:00+02:00</published><updated>2024-06-01T12:00:00+02:00</updated><author><name>Lee Park</name></author>
<content type="html">&lt;p&gt;Farmers asked for help, the minister said, as wells ran dry.&lt;/p&gt;</content></entry></feed>"#;
        let docs = read(atom);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(
            d.article.meta.title.as_deref(),
            Some("Farmers & the drought")
        );
        assert_eq!(
            d.article.text,
            "Farmers asked for help, the minister said, as wells ran dry."
        );
        assert_eq!(d.article.meta.authors, vec!["Lee Park"]);
    }

    #[test]
    fn empty_and_broken_feeds_are_reported() {
        let empty = read("<rss version=\"2.0\"><channel><title>Nothing</title></channel></rss>");
        assert!(matches!(&empty[0], Err(ReadError::EmptyFeed { .. })));
        let broken = read("<rss version=\"2.0\"><channel><item><title>Cut");
        assert_eq!(broken.len(), 1);
        assert!(broken[0].is_err());
    }
}
