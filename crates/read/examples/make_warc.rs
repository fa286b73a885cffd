//! Writes a synthetic CC-NEWS-like crawl for load tests: per-record gzip, each page fetched as
//! a request, a response and a metadata record, pages of realistic size (scripts, navigation,
//! footers around an invented article), and optionally one 100 MB response that the reader must
//! skip without holding it.
//!
//! `cargo run --release -p saywho-read --example make_warc -- OUT.warc.gz PAGES [--huge]`

use std::fs::File;
use std::io::{BufWriter, Write};

use flate2::write::GzEncoder;
use flate2::Compression;

const PEOPLE: &[(&str, &str)] = &[
    ("Ellen Thorpe", "the mayor"),
    ("Tom Ashby", "the union's regional secretary"),
    ("Priya Nair", "a baker"),
    ("Ines Ferreira", "a councillor"),
    ("Sam Okafor", "the rescue team leader"),
    ("Marta Vidal", "a goat farmer"),
];
const TOPICS: &[&str] = &[
    "the ferry timetable",
    "the new bridge",
    "the school closure",
    "the harbour wall",
    "the market square",
    "the drought",
    "the bus route",
];

fn record(
    out: &mut impl Write,
    kind: &str,
    uri: &str,
    id: usize,
    payload: &[u8],
) -> std::io::Result<()> {
    let content_type = match kind {
        "response" => "application/http; msgtype=response",
        "request" => "application/http; msgtype=request",
        _ => "application/warc-fields",
    };
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    write!(
        gz,
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-03-07T01:02:03Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{id:012}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )?;
    gz.write_all(payload)?;
    gz.write_all(b"\r\n\r\n")?;
    out.write_all(&gz.finish()?)
}

fn page(i: usize) -> String {
    let (name, role) = PEOPLE[i % PEOPLE.len()];
    let (other, other_role) = PEOPLE[(i * 7 + 3) % PEOPLE.len()];
    let topic = TOPICS[i % TOPICS.len()];
    let mut body = String::new();
    for p in 0..8 {
        body.push_str(&format!(
            "<p>Residents gathered on day {p} of the dispute over {topic}, story {i}, as officials said a decision would come before the end of the month, and traders waited.</p>\n\
             <p>\u{201c}We have listened to everyone, and we will decide fairly,\u{201d} said {name}, {role}. {other}, {other_role}, said the plan had been rushed.</p>\n"
        ));
        if p == 3 {
            body.push_str("<div class=\"ad ad-inline\"><p>Advertisement</p></div>\n");
        }
    }
    let script = "window.__STATE__={\"user\":null,\"ads\":{\"slots\":[1,2,3]},\"experiments\":[\"a\",\"b\"]};".repeat(200);
    let nav: String = (0..60)
        .map(|n| format!("<li><a href=\"/section/{n}\">Section {n}</a></li>"))
        .collect();
    let related: String = (0..12)
        .map(|n| {
            format!(
                "<li><a href=\"/news/{}\">Another story about {} number {n}</a></li>",
                i + n,
                topic
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Dispute over {topic} goes on, story {i} | Load Test Gazette</title>\
         <meta property=\"og:site_name\" content=\"Load Test Gazette\"><meta property=\"article:published_time\" content=\"2024-03-06T10:00:00Z\">\
         <script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Dispute over {topic} goes on, story {i}\",\"author\":{{\"@type\":\"Person\",\"name\":\"Staff Reporter\"}}}}</script>\
         <script>{script}</script><style>body{{font-family:serif}}</style></head><body>\
         <div class=\"cookie-banner\"><p>We use cookies to improve this site, and to show you adverts, as our policy explains.</p></div>\
         <nav><ul>{nav}</ul></nav><main><article><h1>Dispute over {topic} goes on, story {i}</h1><div class=\"byline\">By Staff Reporter</div>\
         <div class=\"article-body\">{body}</div></article><section class=\"related\"><h2>Related</h2><ul>{related}</ul></section>\
         <section class=\"comments\"><p>First comment, which is long enough, and has commas, to tempt a naive extractor.</p></section></main>\
         <footer><p>\u{a9} 2024 Load Test Gazette. All rights reserved.</p></footer></body></html>"
    )
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(pages)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: make_warc OUT.warc.gz PAGES [--huge]");
        std::process::exit(2);
    };
    let huge = args.iter().any(|a| a == "--huge");
    let mut out = BufWriter::new(File::create(path)?);
    record(
        &mut out,
        "warcinfo",
        "",
        0,
        b"software: saywho make_warc\r\nformat: WARC File Format 1.0\r\n",
    )?;
    let mut id = 1;
    for i in 0..pages {
        let uri = format!("https://loadtest.example/news/{i}");
        record(
            &mut out,
            "request",
            &uri,
            id,
            format!("GET /news/{i} HTTP/1.1\r\nHost: loadtest.example\r\n\r\n").as_bytes(),
        )?;
        let html = page(i);
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        record(&mut out, "response", &uri, id + 1, http.as_bytes())?;
        record(&mut out, "metadata", &uri, id + 2, b"fetchTimeMs: 31\r\n")?;
        id += 3;
        if huge && i == pages / 2 {
            let mut big =
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>".to_vec();
            big.resize(100 << 20, b'x');
            record(
                &mut out,
                "response",
                "https://loadtest.example/huge",
                id,
                &big,
            )?;
            id += 1;
        }
    }
    out.flush()?;
    eprintln!("wrote {id} records ({pages} pages) to {path}");
    Ok(())
}
