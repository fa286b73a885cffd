//! Finding the article in a page: a readability-style scorer written for saywho.
//!
//! The page is cut into text blocks (the text of each block-level element, with `<br><br>`
//! splitting paragraphs). Elements that are never article text (scripts, navigation, forms,
//! figures and captions, asides, footers, hidden elements) and elements whose class, id or role
//! says boilerplate (comments, related links, share bars, cookie banners, ads, newsletters) are
//! left out while cutting. Each remaining block of prose scores its ancestors: a point, one per
//! comma, up to three for length; the parent takes it all, the grandparent half, further
//! ancestors less. Candidates are weighted by tag and class hints and by how little of their text
//! is link text. The best candidate, with siblings that score nearly as well (bodies split by ad
//! slots), is the article; its blocks are filtered once more for short boilerplate lines, link
//! lists and headings that head nothing.

use std::collections::HashMap;

use ego_tree::{iter::Edge, NodeId, NodeRef};
use scraper::{node::Element, Html, Node};

/// One run of text inside one block-level element.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Whitespace-normalised text; lines of a `<br>`-broken paragraph are joined by `\n`.
    pub(crate) text: String,
    /// The innermost block-level element holding the text.
    owner: NodeId,
    /// `Some(n)` for text of an `<hn>`.
    pub(crate) heading: Option<u8>,
    /// Characters of the text that are link text.
    link_chars: usize,
    /// Text of a list item.
    list_item: bool,
}

impl Block {
    fn chars(&self) -> usize {
        self.text.chars().count()
    }

    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars().max(1) as f64
    }
}

/// Tags whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "iframe",
    "svg",
    "canvas",
    "figure",
    "figcaption",
    "video",
    "audio",
    "picture",
    "object",
    "embed",
    "menu",
    "dialog",
    "header",
    "math",
    "label",
    "option",
    "map",
    "address",
];

/// Tags that start a new block of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "summary",
    "caption",
    "dialog",
];

/// ARIA roles of page furniture.
const SKIP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
    "alert",
    "marquee",
];

/// Class/id fragments that mark boilerplate whatever else the element says.
const STRONG_NEGATIVE: &[&str] = &[
    "related",
    "cookie",
    "consent",
    "advert",
    "sponsor",
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "outbrain",
    "taboola",
    "disqus",
    "breadcrumb",
    "recommend",
    "caption",
    "social",
    "sharing",
    "sharebar",
    "share-bar",
    "mostread",
    "most-read",
    "most-popular",
    "readmore",
    "read-more",
    "more-stories",
    "paywall",
    "byline",
    "dateline",
    "timestamp",
    "author",
    "skip-link",
    "skiplink",
    "promo",
];

/// Whole class/id words that mark boilerplate.
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advertisement",
    "comment",
    "comments",
    "nav",
    "share",
    "popup",
    "modal",
    "tweet",
    "embed",
    "gdpr",
    "tags",
    "tag",
    "dfp",
    "gpt",
    "meta",
    "hidden",
    "print",
    "credit",
    "credits",
    "copyright",
    "legal",
    "banner",
];

/// Class/id fragments that mark boilerplate unless a positive hint is also present.
const WEAK_NEGATIVE: &[&str] = &[
    "sidebar",
    "footer",
    "header",
    "masthead",
    "menu",
    "widget",
    "popular",
    "trending",
    "toolbar",
    "pagination",
    "pager",
    "navbar",
    "topbar",
    "rail",
    "overlay",
    "utility",
];

/// Class/id fragments of article containers.
const POSITIVE: &[&str] = &[
    "article", "story", "content", "entry", "post", "body", "text", "main", "prose", "blog",
];

/// What an element's class, id and itemprop say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hint {
    Negative,
    Positive,
    Neutral,
}

fn hint(el: &Element) -> Hint {
    let mut names = String::new();
    for c in el.classes() {
        names.push_str(c);
        names.push(' ');
    }
    if let Some(id) = el.id() {
        names.push_str(id);
    }
    let names = names.to_ascii_lowercase();
    let itemprop = el.attr("itemprop").unwrap_or("").to_ascii_lowercase();
    if itemprop == "articlebody" {
        return Hint::Positive;
    }
    if itemprop == "author" || itemprop == "datepublished" {
        return Hint::Negative;
    }
    let words: Vec<&str> = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if STRONG_NEGATIVE.iter().any(|n| names.contains(n))
        || words.iter().any(|w| NEGATIVE_WORDS.contains(w))
    {
        return Hint::Negative;
    }
    let positive = POSITIVE.iter().any(|p| names.contains(p));
    if !positive && WEAK_NEGATIVE.iter().any(|n| names.contains(n)) {
        return Hint::Negative;
    }
    if positive {
        Hint::Positive
    } else {
        Hint::Neutral
    }
}

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let style: String = el
        .attr("style")
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

/// Whether an element's subtree is left out of the text altogether.
fn skipped(el: &Element, use_hints: bool) -> bool {
    let name = el.name();
    if SKIP_TAGS.contains(&name) || is_hidden(el) {
        return true;
    }
    if let Some(role) = el.attr("role") {
        if SKIP_ROLES.contains(&role.to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    use_hints && hint(el) == Hint::Negative
}

struct Frame {
    id: NodeId,
    skip: bool,
    link: bool,
    heading: Option<u8>,
    list_item: bool,
    block: bool,
}

/// Cuts the tree under `root` into text blocks in document order.
pub(crate) fn blocks(root: NodeRef<'_, Node>, use_hints: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut buf = String::new();
    let mut link_chars = 0usize;
    let root_id = root.id();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    let parent = stack.last();
                    let parent_skip = parent.is_some_and(|f| f.skip);
                    let block = BLOCK_TAGS.contains(&name);
                    if block && !parent_skip {
                        flush(&mut out, &stack, root_id, &mut buf, &mut link_chars);
                    }
                    if name == "br" && !parent_skip {
                        buf.push('\n');
                    }
                    let heading = match name.as_bytes() {
                        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
                        _ => parent.and_then(|f| f.heading),
                    };
                    stack.push(Frame {
                        id: node.id(),
                        skip: parent_skip || skipped(el, use_hints),
                        link: parent.is_some_and(|f| f.link) || name == "a",
                        heading,
                        list_item: parent.is_some_and(|f| f.list_item) || name == "li",
                        block,
                    });
                }
                Node::Text(text) => {
                    if let Some(frame) = stack.last() {
                        if frame.skip {
                            continue;
                        }
                        let mut added = 0;
                        for c in text.chars() {
                            buf.push(if c.is_whitespace() { ' ' } else { c });
                            added += usize::from(!c.is_whitespace());
                        }
                        if frame.link {
                            link_chars += added;
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(_) = node.value() {
                    let is_block = stack.last().is_some_and(|f| f.block && f.id == node.id());
                    if is_block && !stack.last().is_some_and(|f| f.skip) {
                        flush(&mut out, &stack, root_id, &mut buf, &mut link_chars);
                    }
                    if stack.last().is_some_and(|f| f.id == node.id()) {
                        stack.pop();
                    }
                }
            }
        }
    }
    flush(&mut out, &stack, root_id, &mut buf, &mut link_chars);
    out
}

/// Ends the current run of text, splitting it into paragraphs at `<br><br>`.
fn flush(
    out: &mut Vec<Block>,
    stack: &[Frame],
    root: NodeId,
    buf: &mut String,
    link_chars: &mut usize,
) {
    if buf.trim().is_empty() {
        buf.clear();
        *link_chars = 0;
        return;
    }
    let owner = stack.iter().rev().find(|f| f.block);
    let (owner_id, heading, list_item) = match owner {
        Some(f) => (f.id, f.heading, f.list_item),
        None => (root, None, false),
    };
    let heading = heading.or_else(|| stack.last().and_then(|f| f.heading));
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in buf.split('\n') {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(line);
        }
    }
    let total: usize = paragraphs.iter().flatten().map(|l| l.chars().count()).sum();
    for p in paragraphs.into_iter().filter(|p| !p.is_empty()) {
        let text = p.join("\n");
        let share = text.chars().count() as f64 / total.max(1) as f64;
        out.push(Block {
            text,
            owner: owner_id,
            heading,
            link_chars: (*link_chars as f64 * share).round() as usize,
            list_item,
        });
    }
    buf.clear();
    *link_chars = 0;
}

/// Short lines that are page furniture wherever they stand.
fn is_boilerplate_line(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let lower = lower
        .trim_end_matches([':', '.', '!', '>', '»', '›'])
        .trim();
    const EXACT: &[&str] = &[
        "advertisement",
        "advertising",
        "sponsored",
        "sponsored content",
        "share",
        "share this",
        "share this article",
        "share this story",
        "tweet",
        "email",
        "print",
        "read more",
        "related",
        "related articles",
        "related stories",
        "related content",
        "more on this story",
        "you may also like",
        "recommended",
        "most read",
        "most popular",
        "comments",
        "show comments",
        "leave a comment",
        "sign up",
        "subscribe",
        "follow us",
        "skip to content",
        "skip to main content",
        "back to top",
        "top",
        "menu",
        "search",
        "home",
        "close",
        "accept",
        "accept all",
        "next article",
        "previous article",
        "see also",
        "continue reading",
        "story continues below",
        "article continues below",
        "advertisement - scroll to continue",
    ];
    if EXACT.contains(&lower) {
        return true;
    }
    let short = lower.chars().count() <= 160;
    const STARTS: &[&str] = &[
        "read more:",
        "related:",
        "see also:",
        "sign up",
        "subscribe to",
        "follow us on",
        "click here",
        "copyright",
        "©",
        "all rights reserved",
        "this article was amended",
        "share on ",
        "share via",
        "we use cookies",
        "this site uses cookies",
        "listen to this article",
        "get our newsletter",
        "get the latest",
        "download our app",
        "image:",
        "photo:",
        "pictured:",
        "image caption",
        "media caption",
        "(photo",
        "(image",
    ];
    if short && STARTS.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    // "Story continues below advertisement", "- Advertisement -", "Continue reading below".
    if lower.chars().count() <= 60
        && (lower.contains("continues below")
            || lower.contains("continue reading below")
            || lower
                .trim_matches(|c: char| !c.is_alphanumeric())
                .ends_with("advertisement"))
    {
        return true;
    }
    // WordPress feeds close every item with "The post X appeared first on Y."
    if lower.starts_with("the post ") && lower.contains(" appeared first on ") {
        return true;
    }
    let dateish = [
        "published",
        "updated",
        "last updated",
        "posted",
        "last modified",
    ];
    short
        && lower.chars().count() <= 80
        && dateish.iter().any(|d| lower.starts_with(d))
        && !lower.ends_with(['.', '"', '\u{201d}'])
}

/// How far up from a block its text is counted and its scope looked for. Real pages nest a few
/// dozen levels; without a bound, a page of 10,000 nested elements costs blocks x depth.
const MAX_ANCESTORS: usize = 256;

/// The blocks of the article body, chosen among all blocks of the page.
pub(crate) fn select(html: &Html, blocks: &[Block], title: Option<&str>) -> Vec<usize> {
    let tree = &html.tree;
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let mut chars: HashMap<NodeId, (usize, usize)> = HashMap::new();
    for block in blocks {
        let Some(owner) = tree.get(block.owner) else {
            continue;
        };
        let (n, links) = (block.chars(), block.link_chars);
        for anc in std::iter::once(owner).chain(owner.ancestors().take(MAX_ANCESTORS)) {
            let e = chars.entry(anc.id()).or_default();
            e.0 += n;
            e.1 += links;
        }
        if block.heading.is_some() || n < 25 || block.link_density() > 0.5 {
            continue;
        }
        let commas = block.text.matches([',', '\u{3001}', '\u{ff0c}']).count();
        let score = 1.0 + commas as f64 + (n / 100).min(3) as f64;
        for (level, anc) in owner.ancestors().take(5).enumerate() {
            let Node::Element(el) = anc.value() else {
                break;
            };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let entry = scores.entry(anc.id()).or_insert_with(|| initial_score(el));
            *entry += score / divider;
        }
    }
    let link_density = |id: NodeId| {
        chars
            .get(&id)
            .map_or(0.0, |(n, l)| *l as f64 / (*n).max(1) as f64)
    };
    let finals: HashMap<NodeId, f64> = scores
        .iter()
        .map(|(id, s)| (*id, s * (1.0 - link_density(*id))))
        .collect();
    let best = finals
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(id, s)| (*id, *s));
    let Some((best, best_score)) = best else {
        return Vec::new();
    };
    let mut roots = vec![best];
    if let Some(parent) = tree.get(best).and_then(|n| n.parent()) {
        let threshold = (best_score * 0.2).max(10.0);
        for sibling in parent.children() {
            if sibling.id() == best {
                continue;
            }
            let s = finals.get(&sibling.id()).copied().unwrap_or(0.0);
            let is_para = matches!(sibling.value(), Node::Element(e) if e.name() == "p");
            let para_ok = is_para
                && chars
                    .get(&sibling.id())
                    .is_some_and(|(n, l)| *n > 80 && (*l as f64) < 0.25 * *n as f64);
            if s >= threshold || para_ok {
                roots.push(sibling.id());
            }
        }
    }
    let in_scope = |b: &Block| {
        tree.get(b.owner).is_some_and(|owner| {
            std::iter::once(owner)
                .chain(owner.ancestors().take(MAX_ANCESTORS))
                .any(|a| roots.contains(&a.id()))
        })
    };
    let chosen: Vec<usize> = (0..blocks.len())
        .filter(|&i| in_scope(&blocks[i]))
        .collect();
    filter(blocks, chosen, title)
}

/// The blocks that survive the line-level filters: no boilerplate lines, no link lists, no
/// headline repeats, no heading without a paragraph after it.
pub(crate) fn filter(blocks: &[Block], chosen: Vec<usize>, title: Option<&str>) -> Vec<usize> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let title = title.map(norm);
    let kept: Vec<usize> = chosen
        .into_iter()
        .filter(|&i| {
            let b = &blocks[i];
            let n = b.chars();
            if n < 2 || b.heading == Some(1) || is_boilerplate_line(&b.text) {
                return false;
            }
            if title.as_deref() == Some(norm(&b.text).as_str()) {
                return false;
            }
            let ld = b.link_density();
            if (ld > 0.5 && n < 400) || (b.list_item && ld > 0.3) {
                return false;
            }
            true
        })
        .collect();
    // A heading stays only when body text follows it before the next heading.
    let mut out = Vec::with_capacity(kept.len());
    for (pos, &i) in kept.iter().enumerate() {
        if blocks[i].heading.is_some() {
            let next_body = kept[pos + 1..]
                .iter()
                .find(|&&j| blocks[j].heading.is_none() || blocks[j].heading == blocks[i].heading);
            if next_body.is_none_or(|&j| blocks[j].heading.is_some()) {
                continue;
            }
        }
        out.push(i);
    }
    out
}

fn initial_score(el: &Element) -> f64 {
    let tag = match el.name() {
        "article" | "main" => 8.0,
        "div" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let itemprop = el
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"));
    let class = match hint(el) {
        Hint::Positive => 25.0,
        Hint::Negative => -25.0,
        Hint::Neutral => 0.0,
    };
    tag + class + if itemprop { 50.0 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(page: &str) -> Vec<String> {
        let html = Html::parse_document(page);
        let bl = blocks(html.tree.root(), true);
        select(&html, &bl, Some("Headline here"))
            .into_iter()
            .map(|i| bl[i].text.clone())
            .collect()
    }

    #[test]
    fn picks_the_article_not_the_furniture() {
        let page = r#"<html><body>
            <div class="site-header"><a href="/">Home</a> <a href="/news">News</a></div>
            <div class="cookie-banner"><p>We use cookies to improve your experience, as explained in our policy.</p></div>
            <div id="main"><div class="story-body">
              <h1>Headline here</h1>
              <p>The first paragraph of the story is long enough, with commas, and it says things.</p>
              <div class="ad-slot"><p>Advertisement for something you will definitely want, buy now.</p></div>
              <h2>What happens next</h2>
              <p>The second paragraph, also long, continues the story with more, and more, detail.</p>
              <p>Advertisement</p>
              <div class="related-links"><ul><li><a href="/a">Another story about something else entirely</a></li></ul></div>
            </div></div>
            <div class="comments"><p>I think this is terrible, and so do my friends, said a commenter.</p></div>
            </body></html>"#;
        assert_eq!(
            body(page),
            vec![
                "The first paragraph of the story is long enough, with commas, and it says things.",
                "What happens next",
                "The second paragraph, also long, continues the story with more, and more, detail.",
            ]
        );
    }

    #[test]
    fn br_br_splits_paragraphs_in_bare_divs() {
        let page = "<html><body><div><div><div class=x>One sentence here, long enough to count as prose for the scorer.<br><br>Two sentence here, also long enough to count as prose, surely.</div></div></div></body></html>";
        assert_eq!(body(page).len(), 2);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!(
            "{}<p>Deep text, with a comma, long enough to be scored here.</p>",
            "<div>".repeat(3_000)
        );
        let html = Html::parse_document(&page);
        let _ = blocks(html.tree.root(), true);
    }
}
