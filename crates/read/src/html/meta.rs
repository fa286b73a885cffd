//! An article page's metadata, from the most to the least deliberate source: schema.org
//! JSON-LD (`NewsArticle` and kin), then OpenGraph, then ordinary `<meta>` tags, then what the
//! page shows (a byline, a `<time>`). Each field is taken from the first source that has it.

use saywho_model::ArticleMeta;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

/// Metadata plus the JSON-LD `articleBody`, the last resort when no body is found in the markup.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub(crate) meta: ArticleMeta,
    pub(crate) article_body: Option<String>,
}

/// One source's view of the metadata.
#[derive(Debug, Default)]
struct Layer {
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    language: Option<String>,
}

/// Reads all metadata of `html`.
pub(crate) fn read(html: &Html, page_url: Option<&str>) -> PageMeta {
    let mut jsonld = Layer::default();
    let mut og = Layer::default();
    let mut tags = Layer::default();
    let mut visible = Layer::default();
    let mut article_body = None;
    let mut html_lang = None;
    let mut doc_title = None;
    for node in html.tree.root().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let e = el.value();
        match e.name() {
            "html" => html_lang = e.attr("lang").map(str::to_string),
            "title" if doc_title.is_none() => doc_title = Some(text_of(el)),
            "script"
                if jsonld.title.is_none()
                    && jsonld.date.is_none()
                    && e.attr("type")
                        .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                if let Some(found) = json_ld(&text_of_raw(el)) {
                    article_body = found.1;
                    jsonld = found.0;
                }
            }
            "meta" => meta_tag(e, &mut og, &mut tags),
            "link" => {
                let canonical = e
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
                if canonical && tags.url.is_none() {
                    tags.url = e.attr("href").map(str::to_string);
                }
            }
            "time" if visible.date.is_none() => {
                visible.date = e
                    .attr("datetime")
                    .map(str::to_string)
                    .or_else(|| Some(text_of(el)).filter(|t| !t.is_empty()));
            }
            _ => {}
        }
        if visible.authors.is_empty() && is_byline(e) {
            visible.authors = split_authors(&text_of(el));
        }
    }
    if tags.title.is_none() {
        tags.title = doc_title.filter(|t| !t.is_empty());
    }
    tags.language = tags.language.or(html_lang);
    let layers = [jsonld, og, tags, visible];
    let pick = |f: fn(&Layer) -> Option<&String>| {
        layers
            .iter()
            .find_map(|l| f(l).filter(|v| !v.trim().is_empty()))
            .map(|v| v.trim().to_string())
    };
    let mut meta = ArticleMeta {
        title: pick(|l| l.title.as_ref()),
        source: pick(|l| l.source.as_ref()),
        url: pick(|l| l.url.as_ref()).or_else(|| page_url.map(str::to_string)),
        date: pick(|l| l.date.as_ref()),
        authors: layers
            .iter()
            .map(|l| &l.authors)
            .find(|a| !a.is_empty())
            .cloned()
            .unwrap_or_default(),
        language: pick(|l| l.language.as_ref()).map(|l| l.replace('_', "-")),
    };
    if meta.source.is_none() {
        meta.source = meta.url.as_deref().and_then(host);
    }
    if let (Some(title), Some(source)) = (&meta.title, &meta.source) {
        meta.title = Some(strip_site_suffix(title, source));
    }
    PageMeta { meta, article_body }
}

fn text_of(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn text_of_raw(el: ElementRef<'_>) -> String {
    el.children()
        .filter_map(|c| match c.value() {
            Node::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect()
}

fn is_byline(e: &scraper::node::Element) -> bool {
    if e.attr("rel")
        .is_some_and(|r| r.eq_ignore_ascii_case("author"))
        || e.attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("author"))
    {
        return true;
    }
    let mut names = e.classes().collect::<Vec<_>>().join(" ");
    if let Some(id) = e.id() {
        names.push(' ');
        names.push_str(id);
    }
    let names = names.to_ascii_lowercase();
    names.contains("byline")
        || names
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "author")
}

/// "By Jane Doe and John Roe, Political Staff" -> ["Jane Doe", "John Roe"].
pub(crate) fn split_authors(byline: &str) -> Vec<String> {
    let mut s = byline.trim();
    for prefix in ["By ", "by ", "BY ", "Von ", "Par ", "Por "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    let s = s.split(['|', '\n']).next().unwrap_or("");
    s.split(", ")
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .filter(|p| {
            let words = p.split_whitespace().count();
            (1..=4).contains(&words)
                && p.chars().next().is_some_and(char::is_uppercase)
                && !p.contains("://")
        })
        .map(str::to_string)
        .collect()
}

fn meta_tag(e: &scraper::node::Element, og: &mut Layer, tags: &mut Layer) {
    let key = e
        .attr("property")
        .or_else(|| e.attr("name"))
        .or_else(|| e.attr("itemprop"))
        .or_else(|| e.attr("http-equiv"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
        return;
    };
    let set = |slot: &mut Option<String>| {
        if slot.is_none() {
            *slot = Some(content.to_string());
        }
    };
    match key.as_str() {
        "og:title" => set(&mut og.title),
        "og:site_name" => set(&mut og.source),
        "og:url" => set(&mut og.url),
        "article:published_time" | "og:article:published_time" => set(&mut og.date),
        "og:locale" => set(&mut og.language),
        "article:author" | "og:article:author"
            if !content.contains("://") && og.authors.is_empty() =>
        {
            og.authors = split_authors(content);
        }
        "title" | "dc.title" | "headline" | "twitter:title" => set(&mut tags.title),
        "application-name" | "publisher" | "dc.publisher" | "twitter:site"
            if !content.starts_with('@') =>
        {
            set(&mut tags.source)
        }
        "date"
        | "pubdate"
        | "publishdate"
        | "publish-date"
        | "publish_date"
        | "article.published"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.created"
        | "dcterms.date"
        | "sailthru.date"
        | "parsely-pub-date"
        | "datepublished"
        | "original-publish-date" => set(&mut tags.date),
        "author" | "byl" | "dc.creator" | "sailthru.author" | "parsely-author"
            if tags.authors.is_empty() =>
        {
            tags.authors = split_authors(content);
        }
        "content-language" | "language" | "dc.language" => set(&mut tags.language),
        _ => {}
    }
}

/// Types of schema.org objects that are news articles.
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    matches!(
        t,
        "NewsArticle"
            | "Article"
            | "ReportageNewsArticle"
            | "AnalysisNewsArticle"
            | "OpinionNewsArticle"
            | "BackgroundNewsArticle"
            | "ReviewNewsArticle"
            | "BlogPosting"
            | "LiveBlogPosting"
            | "Report"
            | "ScholarlyArticle"
    )
}

/// The first news article described by a JSON-LD block, with its `articleBody`.
fn json_ld(raw: &str) -> Option<(Layer, Option<String>)> {
    let raw = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->");
    let raw = raw.trim().trim_end_matches(';');
    let value: Value = serde_json::from_str(raw).ok()?;
    let mut queue = vec![&value];
    let mut seen = 0;
    while let Some(v) = queue.pop() {
        seen += 1;
        if seen > 1000 {
            break;
        }
        match v {
            Value::Array(items) => queue.extend(items.iter().rev()),
            Value::Object(map) => {
                let typed = match map.get("@type") {
                    Some(Value::String(t)) => is_article_type(t),
                    Some(Value::Array(ts)) => {
                        ts.iter().filter_map(Value::as_str).any(is_article_type)
                    }
                    _ => false,
                };
                if typed {
                    return Some(article_layer(map));
                }
                if let Some(graph) = map.get("@graph") {
                    queue.push(graph);
                }
            }
            _ => {}
        }
    }
    None
}

fn article_layer(map: &serde_json::Map<String, Value>) -> (Layer, Option<String>) {
    let s = |k: &str| map.get(k).and_then(string_or_name);
    let url = s("url").or_else(|| match map.get("mainEntityOfPage") {
        Some(Value::String(u)) => Some(u.clone()),
        Some(Value::Object(o)) => o.get("@id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    });
    let authors = match map.get("author").or_else(|| map.get("creator")) {
        Some(Value::Array(items)) => items.iter().filter_map(string_or_name).collect(),
        Some(v) => string_or_name(v)
            .map(|a| split_authors(&a))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let layer = Layer {
        title: s("headline").or_else(|| s("name")),
        source: s("publisher").or_else(|| s("sourceOrganization")),
        url,
        date: s("datePublished").or_else(|| s("dateCreated")),
        authors,
        language: s("inLanguage"),
    };
    (layer, s("articleBody"))
}

/// A string, or the `name` of an object (schema.org Person, Organization, Language).
fn string_or_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(string_or_name),
        Value::Array(a) => a.first().and_then(string_or_name),
        _ => None,
    }
}

/// The host of a URL, as the outlet when the page names none.
pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// "Mayor resigns | The Daily Example" -> "Mayor resigns" when the suffix is the outlet.
fn strip_site_suffix(title: &str, source: &str) -> String {
    for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.trim().eq_ignore_ascii_case(source.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_beats_opengraph_beats_meta_beats_visible() {
        let page = r#"<html lang="en-GB"><head><title>T from title | Daily Example</title>
          <meta property="og:title" content="T from og">
          <meta property="og:site_name" content="Daily Example">
          <meta name="author" content="Meta Author">
          <meta name="date" content="2024-01-01">
          <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},{"@type":["NewsArticle"],"headline":"T from JSON-LD","datePublished":"2024-03-05T10:00:00Z","author":[{"@type":"Person","name":"Ann Writer"},{"@type":"Person","name":"Bo Reporter"}],"publisher":{"@type":"Organization","name":"The Daily Example"}}]}</script>
          </head><body><p class="byline">By Visible Person</p><time datetime="2020-01-01">then</time></body></html>"#;
        let m = read(&Html::parse_document(page), None).meta;
        assert_eq!(m.title.as_deref(), Some("T from JSON-LD"));
        assert_eq!(m.date.as_deref(), Some("2024-03-05T10:00:00Z"));
        assert_eq!(m.authors, vec!["Ann Writer", "Bo Reporter"]);
        assert_eq!(m.source.as_deref(), Some("The Daily Example"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn falls_back_to_meta_then_visible() {
        let page = r#"<html><head><title>Bridge reopens | Valley News</title><meta property="og:site_name" content="Valley News"><link rel="canonical" href="https://valley.example/bridge"></head>
          <body><div class="article-byline">By Cara Lee and Dan Moss</div><time datetime="2024-05-06T08:00:00+01:00">6 May</time></body></html>"#;
        let m = read(&Html::parse_document(page), None).meta;
        assert_eq!(m.title.as_deref(), Some("Bridge reopens"));
        assert_eq!(m.url.as_deref(), Some("https://valley.example/bridge"));
        assert_eq!(m.authors, vec!["Cara Lee", "Dan Moss"]);
        assert_eq!(m.date.as_deref(), Some("2024-05-06T08:00:00+01:00"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let page = r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><meta property="og:title" content="OG">"#;
        let m = read(&Html::parse_document(page), Some("https://www.x.example/a")).meta;
        assert_eq!(m.title.as_deref(), Some("OG"));
        assert_eq!(m.source.as_deref(), Some("x.example"));
    }
}
