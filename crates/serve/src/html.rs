//! Server-rendered pages. Every piece of text that comes from an article, a query or a name
//! goes through [`esc`]; markup is only ever built from constants.

use std::fmt::Write as _;

use saywho_compare::Stance;
use saywho_model::QuoteKind;
use saywho_store::{ArticleSummary, PersonRecord};

use crate::query::{ArticleDetail, Hit, PersonDetail, SearchParams, StoryDetail, StorySummary};

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query parameter value.
pub fn url_param(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// How many speaker colours the stylesheet defines (`.c0` … `.c9`).
const COLOURS: u64 = 10;

/// A stable colour class for a speaker's name.
pub fn colour(name: &str) -> String {
    // FNV-1a: the same speaker has the same colour on every page and every run.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("c{}", h % COLOURS)
}

/// A whole page around `body`.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · saywho</title><link rel=\"stylesheet\" href=\"/assets/style.css\">\
<script src=\"/assets/app.js\" defer></script></head><body>\
<header><a class=\"brand\" href=\"/\">saywho</a><nav><a href=\"/\">Search</a> \
<a href=\"/people\">People</a> <a href=\"/ingest\">Analyse</a> \
<a href=\"/openapi.json\">API</a></nav></header><main>{}</main></body></html>\n",
        esc(title),
        body
    )
}

/// An error page body.
pub fn error_page(status: u16, message: &str) -> String {
    page(
        "Error",
        &format!(
            "<h1>Error {status}</h1><p class=\"error\">{}</p><p><a href=\"/\">Back to search</a></p>",
            esc(message)
        ),
    )
}

fn kind_label(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Indirect => "reported",
    }
}

fn speaker_name(name: Option<&str>) -> &str {
    name.unwrap_or("(unattributed)")
}

/// A speaker chip, linked to their person page when linked to one.
fn chip(name: &str, person: Option<i64>, extra: &str) -> String {
    let inner = format!("{}{}", esc(name), extra);
    match person {
        Some(id) => format!(
            "<a class=\"chip {}\" href=\"/person/{id}\">{inner}</a>",
            colour(name)
        ),
        None => format!("<span class=\"chip {}\">{inner}</span>", colour(name)),
    }
}

/// The search form, filled with the current query.
fn search_form(p: &SearchParams) -> String {
    let v = |s: &Option<String>| esc(s.as_deref().unwrap_or(""));
    format!(
        "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">\
<input type=\"search\" name=\"q\" id=\"q\" value=\"{}\" placeholder=\"Words in a quotation\" aria-label=\"Search quotations\">\
<div class=\"filters\">\
<label>Speaker <input name=\"speaker\" value=\"{}\"></label>\
<label>About <input name=\"about\" value=\"{}\"></label>\
<label>Source <input name=\"source\" value=\"{}\"></label>\
<label>Since <input type=\"date\" name=\"since\" value=\"{}\"></label>\
<label>Until <input type=\"date\" name=\"until\" value=\"{}\"></label></div>\
<button type=\"submit\">Search</button></form>",
        esc(&p.q),
        v(&p.speaker),
        v(&p.about),
        v(&p.source),
        v(&p.since),
        v(&p.until)
    )
}

/// The search page: the form, then hits, or with no query the stories and articles.
pub fn search_page(
    p: &SearchParams,
    hits: Option<&[Hit]>,
    stories: &[StorySummary],
    articles: &[ArticleSummary],
) -> String {
    let mut b = String::from("<h1>Who said what</h1>");
    b.push_str(&search_form(p));
    match hits {
        Some(hits) => {
            let _ = write!(
                b,
                "<h2>{} quotation(s){}</h2>",
                hits.len(),
                if p.q.trim().is_empty() {
                    String::new()
                } else {
                    format!(" for “{}”", esc(p.q.trim()))
                }
            );
            b.push_str("<ol class=\"hits\">");
            for h in hits {
                let q = &h.quote;
                let name = speaker_name(q.speaker_name.as_deref());
                let _ = write!(
                    b,
                    "<li class=\"hit\">{} <span class=\"kind k-{}\">{}</span>\
<blockquote class=\"{}\">{}</blockquote><div class=\"meta\"><span class=\"outlet\">{}</span> {} \
<a href=\"/article?id={}#q{}\">article</a>",
                    chip(name, q.person, ""),
                    q.kind.as_str(),
                    kind_label(q.kind),
                    colour(name),
                    esc(&q.text),
                    esc(&h.outlet),
                    esc(q.date.as_deref().unwrap_or("")),
                    url_param(&q.article),
                    q.idx
                );
                if let Some(s) = q.story {
                    let _ = write!(
                        b,
                        " <a class=\"story-link\" href=\"/story/{s}\">story {s}</a>"
                    );
                }
                b.push_str("</div></li>");
            }
            b.push_str("</ol>");
        }
        None => {
            b.push_str("<h2>Stories</h2><ul class=\"list\">");
            for s in stories {
                let _ = write!(
                    b,
                    "<li><a href=\"/story/{}\">Story {}: {}</a> <span class=\"meta\">{} article(s): {}</span></li>",
                    s.id,
                    s.id,
                    esc(s.title.as_deref().unwrap_or("")),
                    s.articles,
                    esc(&s.outlets.join(", "))
                );
            }
            b.push_str("</ul><h2>Articles</h2><ul class=\"list\">");
            for a in articles.iter().rev().take(200) {
                let _ = write!(
                    b,
                    "<li><a href=\"/article?id={}\">{}</a> <span class=\"meta\">{} {}</span></li>",
                    url_param(&a.id),
                    esc(a.meta.title.as_deref().unwrap_or(&a.id)),
                    esc(&crate::query::outlet(&a.id, &a.meta)),
                    esc(a.meta.date.as_deref().unwrap_or(""))
                );
            }
            b.push_str("</ul>");
        }
    }
    page("Search", &b)
}

/// The article's text with every quotation marked in its speaker's colour, cues underlined and
/// speaker mentions in bold; reported speech is outlined rather than filled.
pub fn highlighted(d: &ArticleDetail) -> String {
    let chars: Vec<char> = d.text.chars().collect();
    let n = chars.len();
    let quotes = &d.analysis.quotes;
    let clip = |x: usize| x.min(n);
    let mut cuts = vec![0, n];
    for q in quotes {
        cuts.extend([clip(q.start), clip(q.end)]);
        if let Some(c) = &q.cue {
            cuts.extend([clip(c.start), clip(c.end)]);
        }
        if let Some(m) = &q.speaker.mention {
            cuts.extend([clip(m.start), clip(m.end)]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(d.text.len() * 2);
    let mut first_seen = vec![false; quotes.len()];
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        // The innermost quotation covering this piece gives its colour.
        let quote = quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.start <= a && b <= q.end)
            .min_by_key(|(_, q)| q.end - q.start);
        let cue = quotes
            .iter()
            .any(|q| q.cue.as_ref().is_some_and(|c| c.start <= a && b <= c.end));
        let who = quotes.iter().find_map(|q| {
            q.speaker
                .mention
                .as_ref()
                .filter(|m| m.start <= a && b <= m.end)
                .map(|_| speaker_name(q.speaker.name.as_deref()))
        });
        let mut close = String::new();
        if let Some((i, q)) = quote {
            let name = speaker_name(q.speaker.name.as_deref());
            let id = if first_seen[i] {
                String::new()
            } else {
                first_seen[i] = true;
                format!(" id=\"q{i}\"")
            };
            let _ = write!(
                out,
                "<mark{id} class=\"q k-{} {}\" data-q=\"{i}\" data-speaker=\"{}\" title=\"{} ({})\">",
                q.kind.as_str(),
                colour(name),
                esc(name),
                esc(name),
                kind_label(q.kind)
            );
            close.insert_str(0, "</mark>");
        }
        if cue {
            out.push_str("<u class=\"cue\">");
            close.insert_str(0, "</u>");
        }
        if let Some(name) = who {
            let _ = write!(out, "<b class=\"who {}\">", colour(name));
            close.insert_str(0, "</b>");
        }
        let piece: String = chars[a..b].iter().collect();
        out.push_str(&esc(&piece));
        out.push_str(&close);
    }
    format!("<div class=\"text\">{out}</div>")
}

/// Speaker chips with quotation counts, most quoted first.
fn speaker_chips(d: &ArticleDetail) -> String {
    let mut counts: Vec<(String, Option<i64>, usize)> = Vec::new();
    for q in &d.analysis.quotes {
        let name = speaker_name(q.speaker.name.as_deref()).to_string();
        let person = q
            .speaker
            .entity
            .and_then(|e| d.persons.get(e).copied().flatten());
        match counts.iter_mut().find(|c| c.0 == name) {
            Some(c) => c.2 += 1,
            None => counts.push((name, person, 1)),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut s = String::from("<div class=\"chips\">");
    for (name, person, n) in counts {
        s.push_str(&chip(&name, person, &format!(" <small>{n}</small>")));
    }
    s.push_str("</div>");
    s
}

const LEGEND: &str = "<p class=\"legend\"><mark class=\"q k-direct c0\">direct</mark> \
<mark class=\"q k-partial c0\">partial</mark> <mark class=\"q k-indirect c0\">reported speech</mark> \
<u class=\"cue\">cue</u> <b class=\"who c0\">speaker</b></p>";

/// One article's body: heading, chips, highlighted text, then the quotation table.
fn article_body(d: &ArticleDetail, heading: &str) -> String {
    let mut b = String::new();
    let title = d.analysis.meta.title.as_deref().unwrap_or(&d.outlet);
    let _ = write!(
        b,
        "<{heading} class=\"title\">{}</{heading}><p class=\"meta\"><span class=\"outlet\">{}</span> {} {}",
        esc(title),
        esc(&d.outlet),
        esc(d.analysis.meta.date.as_deref().unwrap_or("")),
        d.analysis.quotes.len()
    );
    b.push_str(" quotation(s)");
    if let Some(s) = d.story {
        let _ = write!(b, " · <a href=\"/story/{s}\">story {s}</a>");
    }
    b.push_str("</p>");
    b.push_str(&speaker_chips(d));
    b.push_str(&highlighted(d));
    b
}

/// The article page.
pub fn article_page(d: &ArticleDetail, note: Option<&str>) -> String {
    let mut b = String::new();
    if let Some(note) = note {
        let _ = write!(b, "<p class=\"note\">{}</p>", esc(note));
    }
    b.push_str(LEGEND);
    b.push_str("<article>");
    b.push_str(&article_body(d, "h1"));
    b.push_str("</article><h2>Quotations</h2><table class=\"quotes\"><thead><tr><th>Speaker</th><th>Kind</th><th>Cue</th><th>Quotation</th></tr></thead><tbody>");
    for (i, q) in d.analysis.quotes.iter().enumerate() {
        let name = speaker_name(q.speaker.name.as_deref());
        let person = q
            .speaker
            .entity
            .and_then(|e| d.persons.get(e).copied().flatten());
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><a href=\"#q{i}\">{}</a></td></tr>",
            chip(name, person, ""),
            kind_label(q.kind),
            esc(q.cue.as_ref().map(|c| c.text.as_str()).unwrap_or("")),
            esc(&q.text)
        );
    }
    b.push_str("</tbody></table>");
    page(d.analysis.meta.title.as_deref().unwrap_or(&d.id), &b)
}

fn stance_badge(stance: Stance, score: i32) -> String {
    format!(
        "<span class=\"stance s-{}\">{} ({:+})</span>",
        stance.as_str(),
        stance.as_str(),
        score
    )
}

/// The story page: comparison tables, then the outlets' texts side by side.
pub fn story_page(d: &StoryDetail) -> String {
    let c = &d.comparison;
    let mut b = String::new();
    let outlets: Vec<&str> = c.articles.iter().map(|a| a.outlet.as_str()).collect();
    let _ = write!(
        b,
        "<h1>Story {}</h1><p class=\"meta\">{} article(s) from {}</p>",
        d.story,
        c.articles.len(),
        esc(&outlets.join(", "))
    );
    b.push_str("<h2>Who is quoted by which outlet</h2><div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>Speaker</th>");
    for a in &c.articles {
        let _ = write!(
            b,
            "<th><a href=\"/article?id={}\">{}</a></th>",
            url_param(&a.id),
            esc(&a.outlet)
        );
    }
    b.push_str("</tr></thead><tbody>");
    for row in &c.speakers {
        let _ = write!(
            b,
            "<tr><td>{}</td>",
            chip(&row.speaker.name, row.speaker.person, "")
        );
        for n in &row.counts {
            let _ = write!(b, "<td class=\"num\">{n}</td>");
        }
        b.push_str("</tr>");
    }
    b.push_str("</tbody></table></div>");

    let _ = write!(
        b,
        "<h2>Quoted by several outlets ({})</h2><ul class=\"shared\">",
        c.shared.len()
    );
    for s in &c.shared {
        let _ = write!(b, "<li>{}<ul>", chip(&s.speaker.name, s.speaker.person, ""));
        for v in &s.versions {
            let _ = write!(
                b,
                "<li><span class=\"outlet\">{}</span>: “{}”</li>",
                esc(&v.outlet),
                esc(&v.text)
            );
        }
        b.push_str("</ul></li>");
    }
    let _ = write!(
        b,
        "</ul><details class=\"unique\"{}><summary><h2>Only one outlet carries ({})</h2></summary><ul class=\"unique\">",
        if c.unique.len() <= 12 { " open" } else { "" },
        c.unique.len()
    );
    for q in &c.unique {
        let _ = write!(
            b,
            "<li><span class=\"outlet\">{}</span> {} “{}”</li>",
            esc(&q.outlet),
            chip(&q.speaker.name, q.speaker.person, ""),
            esc(&q.text)
        );
    }
    b.push_str("</ul></details><h2>Who said what about whom</h2><div class=\"scroll\"><table class=\"stances\"><thead><tr><th>Speaker</th><th>About</th><th>Stance by outlet</th><th>What was said</th></tr></thead><tbody>");
    for line in &c.stances {
        let trail: Vec<String> = line
            .articles
            .iter()
            .map(|a| format!("{} {}", esc(&a.outlet), stance_badge(a.stance, a.score)))
            .collect();
        let said: Vec<String> = line
            .articles
            .iter()
            .flat_map(|a| &a.statements)
            .filter(|s| s.stance != Stance::Neutral)
            .map(|s| format!("“{}”", esc(&s.quote.text)))
            .collect();
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>",
            chip(&line.speaker.name, line.speaker.person, ""),
            chip(&line.target.name, line.target.person, ""),
            trail.join(" → "),
            if line.shifts() {
                " <em>(shifts)</em>"
            } else {
                ""
            },
            said.join("<br>")
        );
    }
    b.push_str("</tbody></table></div>");
    if !c.rebuttals.is_empty() {
        b.push_str("<h2>Statements that answer each other</h2><ul>");
        for r in &c.rebuttals {
            let _ = write!(
                b,
                "<li>{} ({}): “{}” <em>answers</em> {} ({}): “{}”</li>",
                chip(&r.statement.speaker.name, r.statement.speaker.person, ""),
                esc(&r.statement.outlet),
                esc(&r.statement.text),
                chip(&r.answers.speaker.name, r.answers.speaker.person, ""),
                esc(&r.answers.outlet),
                esc(&r.answers.text)
            );
        }
        b.push_str("</ul>");
    }
    b.push_str("<h2>The outlets side by side</h2>");
    b.push_str(LEGEND);
    b.push_str("<div class=\"cols\">");
    for a in &d.articles {
        let _ = write!(
            b,
            "<section class=\"col\" data-outlet=\"{}\">",
            esc(&a.outlet)
        );
        b.push_str(&article_body(a, "h3"));
        b.push_str("</section>");
    }
    b.push_str("</div>");
    page(&format!("Story {}", d.story), &b)
}

/// A horizontal bar chart as inline SVG: one labelled bar per row, scaled to the largest value.
fn bars(rows: &[(String, usize)], class: &str) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    let h = 22;
    let mut s = format!(
        "<svg class=\"chart {class}\" viewBox=\"0 0 400 {}\" role=\"img\" preserveAspectRatio=\"xMinYMin meet\">",
        rows.len() * h + 4
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = i * h + 2;
        let w = 220 * v / max;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" class=\"label\">{}</text><rect x=\"150\" y=\"{}\" width=\"{}\" height=\"16\"></rect><text x=\"{}\" y=\"{}\">{v}</text>",
            y + 13,
            esc(&label.chars().take(22).collect::<String>()),
            y,
            w.max(1),
            150 + w + 4,
            y + 13
        );
    }
    s.push_str("</svg>");
    s
}

/// A diverging chart of stance: negative statements to the left, positive to the right.
fn stance_chart(d: &PersonDetail) -> String {
    let max = d
        .stances
        .iter()
        .map(|s| s.positive.max(s.negative))
        .max()
        .unwrap_or(1)
        .max(1);
    let h = 22;
    let mut s = format!(
        "<svg class=\"chart stance-chart\" viewBox=\"0 0 400 {}\" role=\"img\" preserveAspectRatio=\"xMinYMin meet\">\
<line x1=\"275\" y1=\"0\" x2=\"275\" y2=\"{}\" class=\"axis\"></line>",
        d.stances.len() * h + 4,
        d.stances.len() * h + 4
    );
    for (i, st) in d.stances.iter().enumerate() {
        let y = i * h + 2;
        let neg = 120 * st.negative / max;
        let pos = 120 * st.positive / max;
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" class=\"label\">{}</text>\
<rect class=\"neg\" x=\"{}\" y=\"{y}\" width=\"{neg}\" height=\"16\"><title>{} negative</title></rect>\
<rect class=\"pos\" x=\"275\" y=\"{y}\" width=\"{pos}\" height=\"16\"><title>{} positive</title></rect>",
            y + 13,
            esc(&st.target.name.chars().take(20).collect::<String>()),
            275 - neg,
            st.negative,
            st.positive
        );
    }
    s.push_str("</svg>");
    s
}

/// The person page: aliases, quotations over time, stance toward others, every quotation.
pub fn person_page(d: &PersonDetail) -> String {
    let p = &d.person;
    let mut b = format!(
        "<h1>{}</h1><p class=\"meta\">{} quotation(s) in {} article(s), {} story(ies), {} outlet(s)</p>",
        chip(&p.name, None, ""),
        d.quotes.len(),
        d.articles,
        d.stories.len(),
        d.outlets.len()
    );
    if !p.aliases.is_empty() {
        let _ = write!(
            b,
            "<p><strong>Also called:</strong> {}</p>",
            esc(&p.aliases.join("; "))
        );
    }
    b.push_str("<h2>Quotations over time</h2>");
    b.push_str(&bars(&d.timeline, "timeline"));
    b.push_str("<h2>Stance toward other people</h2>");
    if d.stances.is_empty() {
        b.push_str("<p>(no statement about another person)</p>");
    } else {
        b.push_str("<p class=\"legend\"><span class=\"stance s-negative\">negative</span> to the left, <span class=\"stance s-positive\">positive</span> to the right</p>");
        b.push_str(&stance_chart(d));
        b.push_str("<table class=\"stances\"><thead><tr><th>About</th><th>+</th><th>−</th><th>neutral</th><th>score</th></tr></thead><tbody>");
        for s in &d.stances {
            let _ = write!(
                b,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:+}</td></tr>",
                chip(&s.target.name, s.target.person, ""),
                s.positive,
                s.negative,
                s.neutral,
                s.score
            );
        }
        b.push_str("</tbody></table>");
    }
    b.push_str("<h2>Quotations</h2><ul class=\"hits\">");
    for q in &d.quotes {
        let _ = write!(
            b,
            "<li class=\"hit\"><span class=\"kind\">{}</span><blockquote class=\"{}\">{}</blockquote><div class=\"meta\"><span class=\"outlet\">{}</span> {} <a href=\"/article?id={}#q{}\">article</a>",
            kind_label(q.quote.kind),
            colour(&p.name),
            esc(&q.quote.text),
            esc(&q.outlet),
            esc(q.quote.date.as_deref().unwrap_or("")),
            url_param(&q.quote.article),
            q.quote.idx
        );
        if let Some(s) = q.quote.story {
            let _ = write!(b, " <a href=\"/story/{s}\">story {s}</a>");
        }
        b.push_str("</div></li>");
    }
    b.push_str("</ul>");
    page(&p.name, &b)
}

/// The people listing.
pub fn people_page(name: &str, people: &[PersonRecord]) -> String {
    let mut b = format!(
        "<h1>People</h1><form action=\"/people\" method=\"get\"><input type=\"search\" name=\"name\" value=\"{}\" placeholder=\"Name or alias\" aria-label=\"Name\"> <button>Find</button></form><ul class=\"list\">",
        esc(name)
    );
    for p in people {
        let _ = write!(
            b,
            "<li>{} <span class=\"meta\">{}</span></li>",
            chip(&p.name, Some(p.id), ""),
            esc(&p.aliases.join("; "))
        );
    }
    b.push_str("</ul>");
    page("People", &b)
}

/// The analyse form: paste text or upload a saved page.
pub fn ingest_page(needs_token: bool, limit_bytes: usize) -> String {
    let token = if needs_token {
        "<label>Token <input type=\"password\" name=\"token\" required></label>"
    } else {
        ""
    };
    let b = format!(
        "<h1>Analyse an article</h1><p>Paste the text of an article, or upload a saved web page \
(HTML, at most {} KiB). It is analysed at once and shown; it is not added to the store.</p>\
<form class=\"ingest\" action=\"/ingest\" method=\"post\" enctype=\"multipart/form-data\">\
<label>Title <input name=\"title\"></label><label>Source <input name=\"source\"></label>\
<label>Text <textarea name=\"text\" rows=\"12\"></textarea></label>\
<label>or a saved page <input type=\"file\" name=\"file\" accept=\".html,.htm,text/html,.txt,text/plain\"></label>\
{token}<button type=\"submit\">Analyse</button></form>",
        limit_bytes / 1024
    );
    page("Analyse", &b)
}
