//! End-to-end tests of the readers on hand-made news pages, feeds, JSONL and WARC files that
//! mimic real sites: navigation, ads, cookie banners, related links, comments, JSON-LD, a
//! windows-1252 page, a body in nested `div`s.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use saywho_read::{
    open, open_with, Document, InputFormat, ParagraphRole, ReadError, ReadOptions, SkipTally,
};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn read(path: &str) -> Vec<Result<Document, ReadError>> {
    open(path, InputFormat::Auto).expect("opens").collect()
}

fn one(path: &str) -> Document {
    let mut docs = read(path);
    assert_eq!(docs.len(), 1, "{path}");
    docs.remove(0).expect("reads")
}

fn paragraphs(doc: &Document) -> Vec<String> {
    doc.article.text.split("\n\n").map(str::to_string).collect()
}

/// A scratch directory of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("saywho-read-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

const FERRY_BODY: [&str; 8] = [
    "Ferry services between Port Calder and the island of Venn will resume on Friday after a three-week strike ended with a pay deal, the operator said on Wednesday.",
    "\u{201c}We will not let the island be cut off again,\u{201d} said Ellen Thorpe, the mayor of Port Calder, who had called for talks since the first sailings were cancelled.",
    "A deal after three weeks",
    "The agreement gives crews a 6% rise this year and a further 3% next spring, according to the Maritime Workers\u{2019} Union. Its regional secretary, Tom Ashby, said members had voted by a large margin to accept it.",
    "\u{201c}This is a fair settlement, and our members can hold their heads high,\u{201d} Mr Ashby said. \u{201c}Nobody wanted to strand islanders, but the company left us no choice.\u{201d}",
    "Calder Ferries, which runs the route, said the cost of the deal would not be passed on to passengers this year. A spokeswoman said timetables would return to normal by Saturday.",
    "Island businesses said the strike had cost them dearly. Priya Nair, who runs a bakery in Venn harbour, said she had thrown away stock every day for a fortnight.",
    "\u{201c}We are relieved, but we need a plan so this never happens again,\u{201d} she said.",
];

#[test]
fn news_page_body_has_no_boilerplate_and_metadata_is_right() {
    let doc = one(&fixture("harbour-ferry.html"));
    assert_eq!(paragraphs(&doc), FERRY_BODY);
    let roles: Vec<ParagraphRole> = doc.paragraphs.iter().map(|p| p.role).collect();
    assert_eq!(roles[2], ParagraphRole::Heading);
    assert_eq!(
        roles.iter().filter(|r| **r == ParagraphRole::Body).count(),
        7
    );
    let m = &doc.article.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Ferry strike ends as crews accept pay deal")
    );
    assert_eq!(m.source.as_deref(), Some("Harbour Gazette"));
    assert_eq!(m.date.as_deref(), Some("2024-03-06T11:20:00+00:00"));
    assert_eq!(m.authors, vec!["Rosa Lindqvist", "Callum Reid"]);
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    let url = "https://www.harbourgazette.example/news/2024/mar/06/ferry-strike-ends";
    assert_eq!(m.url.as_deref(), Some(url));
    // Paragraph spans point into the text by code point.
    let chars: Vec<char> = doc.article.text.chars().collect();
    let second: String = chars[doc.paragraphs[1].span.start..doc.paragraphs[1].span.end]
        .iter()
        .collect();
    assert_eq!(second, FERRY_BODY[1]);
}

#[test]
fn windows_1252_page_without_declaration_is_decoded() {
    let doc = one(&fixture("northvale-cafe-1252.html"));
    let p = paragraphs(&doc);
    assert_eq!(p.len(), 5, "{p:#?}");
    assert!(p[0].starts_with("Northvale councillors voted on Tuesday to turn the old market square into a car-free caf\u{e9} quarter"));
    assert!(p[1].starts_with("\u{201c}This is the best chance in a generation"));
    assert!(p[2].contains("\u{20ac}2.4 million"));
    assert!(p[3].contains("people who don\u{2019}t shop here,\u{201d} he said."));
    assert!(!doc.article.text.contains("Classified") && !doc.article.text.contains("Copyright"));
    assert!(!doc.article.text.contains('\u{fffd}'));
    let m = &doc.article.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Council backs caf\u{e9} quarter plan - Northvale Courier")
    );
    assert_eq!(m.authors, vec!["Hal Brenner"]);
    assert_eq!(m.date.as_deref(), Some("2023-11-14"));
}

#[test]
fn body_inside_nested_divs_is_found() {
    let doc = one(&fixture("fellside-nested-divs.html"));
    let p = paragraphs(&doc);
    assert_eq!(p.len(), 5, "{p:#?}");
    assert!(p[0].starts_with("A mountain rescue team"));
    assert!(p[2].starts_with("The borough\u{2019}s mayor, Judith Kerr"));
    assert_eq!(p[3], "\u{201c}They are the best of us,\u{201d} she said.");
    for junk in [
        "Trending",
        "Reservoir",
        "Facebook",
        "Nora Quill",
        "Bridge Street",
        "Outdoors",
    ] {
        assert!(!doc.article.text.contains(junk), "{junk} leaked");
    }
    assert_eq!(doc.article.meta.source.as_deref(), Some("Fellside Echo"));
    assert_eq!(
        doc.article.meta.date.as_deref(),
        Some("2024-09-02T07:45:00+01:00")
    );
    assert_eq!(doc.article.meta.language.as_deref(), Some("en"));
}

#[test]
fn plain_text_keeps_every_byte_and_marks_title_and_related() {
    let path = fixture("harbour-ferry.txt");
    let doc = one(&path);
    assert_eq!(doc.article.text, fs::read_to_string(&path).unwrap());
    assert_eq!(
        doc.article.meta.title.as_deref(),
        Some("Ferry strike ends as crews accept pay deal")
    );
    let roles: Vec<ParagraphRole> = doc.paragraphs.iter().map(|p| p.role).collect();
    assert_eq!(roles[0], ParagraphRole::Title);
    assert_eq!(
        &roles[roles.len() - 2..],
        [ParagraphRole::Related, ParagraphRole::Related]
    );
    assert_eq!(
        roles.iter().filter(|r| **r == ParagraphRole::Body).count(),
        8
    );
}

#[test]
fn rss_items_are_articles_with_full_content() {
    let docs = read(&fixture("island-rss.xml"));
    assert_eq!(docs.len(), 2);
    let d = docs[0].as_ref().unwrap();
    assert_eq!(
        paragraphs(d),
        [
            "The lighthouse at Venn Point will reopen to visitors in May, two years after a storm damaged its iron staircase, the island trust said.",
            "\u{201c}People have missed the view more than anything,\u{201d} said Agnes Moody, the trust\u{2019}s chair.",
            "Tickets will be sold at the harbour office.",
        ]
    );
    assert_eq!(d.article.meta.authors, vec!["Callum Reid"]);
    assert_eq!(
        d.article.meta.source.as_deref(),
        Some("Harbour Gazette - Island life")
    );
    assert_eq!(
        d.article.meta.date.as_deref(),
        Some("2024-04-02T07:00:00+00:00")
    );
    assert_eq!(d.article.meta.language.as_deref(), Some("en-gb"));
    let s = docs[1].as_ref().unwrap();
    assert_eq!(
        s.article.text,
        "Extra sailings will run on Good Friday and Easter Monday, the operator said."
    );
    assert_eq!(s.article.meta.authors, vec!["Rosa Lindqvist"]);
    assert!(s.warnings[0].contains("only a summary"));
}

#[test]
fn atom_entries_are_articles() {
    let docs = read(&fixture("upland-atom.xml"));
    let d = docs[0].as_ref().unwrap();
    assert_eq!(d.article.id, "https://upland.example/2024/06/drought-aid");
    assert_eq!(paragraphs(d).len(), 2);
    assert!(!d.article.text.contains("Share"));
    assert_eq!(
        d.article.meta.title.as_deref(),
        Some("Farmers ask for drought aid")
    );
    assert_eq!(d.article.meta.source.as_deref(), Some("Upland Post"));
}

#[test]
fn empty_and_broken_feeds_are_named_errors() {
    let empty = read(&fixture("empty-feed.xml"));
    let msg = empty[0].as_ref().unwrap_err().to_string();
    assert!(msg.ends_with("empty-feed.xml: feed has no items"), "{msg}");
    let broken = read(&fixture("broken-feed.xml"));
    assert_eq!(broken.len(), 1);
    let err = broken[0].as_ref().unwrap_err();
    assert!(err.to_string().contains("broken-feed.xml"), "{err}");
}

#[test]
fn jsonl_reads_text_and_html_records_and_names_bad_lines() {
    let docs = read(&fixture("mixed.jsonl"));
    assert_eq!(docs.len(), 4);
    let first = docs[0].as_ref().unwrap();
    assert!(first
        .article
        .text
        .starts_with("Quarry plan rejected\n\nPlanners"));
    let json = serde_json::to_string(&first.article).unwrap();
    assert!(
        !json.contains("quotes") && !json.contains("story"),
        "{json}"
    );
    assert!(docs[1]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("mixed.jsonl: record line 2: not JSON"));
    let page = docs[2].as_ref().unwrap();
    assert_eq!(
        page.article.text,
        "Flood defences along the river were finished on Monday, a year late, the agency said."
    );
    assert_eq!(
        page.article.meta.title.as_deref(),
        Some("Flood defences finished")
    );
    assert!(docs[3]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("line 4: no 'text' or 'html' field"));
    let mut tally = SkipTally::default();
    docs.iter()
        .filter_map(|d| d.as_ref().err())
        .for_each(|e| tally.record(e));
    assert_eq!(tally.to_string(), "1 no text field, 1 not JSON");
}

/// One WARC record, gzipped on its own as CC-NEWS ships them.
fn warc_record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let content_type = match kind {
        "response" => "application/http; msgtype=response",
        "request" => "application/http; msgtype=request",
        _ => "application/warc-fields",
    };
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-07T01:02:03Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    rec.extend_from_slice(payload);
    rec.extend_from_slice(b"\r\n\r\n");
    gzip(&rec)
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// A crawl of `pages` article pages, with the request, metadata, image and redirect records a
/// real crawl interleaves.
fn make_warc(pages: usize) -> Vec<u8> {
    let ferry = fs::read(fixture("harbour-ferry.html")).unwrap();
    let cafe = fs::read(fixture("northvale-cafe-1252.html")).unwrap();
    let mut out = warc_record("warcinfo", "", b"software: saywho-test\r\n");
    for i in 0..pages {
        let uri = format!("https://news.example/{i}");
        out.extend(warc_record(
            "request",
            &uri,
            b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ));
        let page = if i % 2 == 0 {
            http("text/html; charset=utf-8", &ferry)
        } else {
            http("text/html; charset=windows-1252", &cafe)
        };
        out.extend(warc_record("response", &uri, &page));
        out.extend(warc_record("metadata", &uri, b"fetchTimeMs: 12\r\n"));
        if i % 10 == 0 {
            out.extend(warc_record(
                "response",
                &format!("{uri}.png"),
                &http("image/png", b"\x89PNG\r\n"),
            ));
            out.extend(warc_record(
                "response",
                &format!("{uri}/old"),
                b"HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\n\r\n",
            ));
        }
    }
    out
}

#[test]
fn warc_gz_streams_html_responses_only() {
    let dir = scratch("warc");
    let path = dir.join("crawl.warc.gz");
    fs::write(&path, make_warc(40)).unwrap();
    let docs = read(&path.display().to_string());
    assert_eq!(docs.len(), 40);
    let first = docs[0].as_ref().unwrap();
    assert_eq!(first.article.id, "https://news.example/0");
    assert_eq!(paragraphs(first), FERRY_BODY);
    assert_eq!(
        first.article.meta.date.as_deref(),
        Some("2024-03-06T11:20:00+00:00")
    );
    let second = docs[1].as_ref().unwrap();
    assert!(second.article.text.contains("caf\u{e9} quarter"));
    // The page names no date of its own in JSON-LD or OpenGraph, but a meta tag; the WARC
    // date is used only when the page has none at all.
    assert_eq!(second.article.meta.date.as_deref(), Some("2023-11-14"));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn truncated_gzip_ends_the_input_with_a_named_error() {
    let dir = scratch("trunc");
    let warc = make_warc(6);
    let path = dir.join("cut.warc.gz");
    fs::write(&path, &warc[..warc.len() * 2 / 3]).unwrap();
    let docs = read(&path.display().to_string());
    let ok = docs.iter().filter(|d| d.is_ok()).count();
    assert!((2..6).contains(&ok), "{ok}");
    let last = docs.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(last, ReadError::Io { .. }));
    assert!(
        last.to_string()
            .contains("cut.warc.gz: read failed at record"),
        "{last}"
    );
    let text = dir.join("story.txt.gz");
    let gz = gzip(fs::read(fixture("harbour-ferry.txt")).unwrap().as_slice());
    fs::write(&text, &gz[..gz.len() - 10]).unwrap();
    let docs = read(&text.display().to_string());
    assert!(docs[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .starts_with(&format!("{}: read failed", text.display())));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn oversized_records_are_skipped_and_reading_goes_on() {
    let dir = scratch("big");
    let path = dir.join("big.warc");
    let huge = http(
        "text/html",
        format!("<p>{}</p>", "word, ".repeat(400_000)).as_bytes(),
    );
    let mut warc = Vec::new();
    for (uri, payload) in [
        ("https://a.example/huge", huge),
        (
            "https://a.example/ok",
            http(
                "text/html",
                &fs::read(fixture("harbour-ferry.html")).unwrap(),
            ),
        ),
    ] {
        let mut rec = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n", payload.len()).into_bytes();
        rec.extend(payload);
        rec.extend(b"\r\n\r\n");
        warc.extend(rec);
    }
    fs::write(&path, warc).unwrap();
    let options = ReadOptions {
        max_record_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    let docs: Vec<_> = open_with(&path.display().to_string(), InputFormat::Auto, &options)
        .unwrap()
        .collect();
    assert_eq!(docs.len(), 2);
    let err = docs[0].as_ref().unwrap_err().to_string();
    assert!(
        err.contains("record 1 (https://a.example/huge)")
            && err.contains("over the 1048576-byte limit"),
        "{err}"
    );
    assert_eq!(docs[1].as_ref().unwrap().article.id, "https://a.example/ok");
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn directories_are_walked_in_order_with_formats_sniffed() {
    let dir = scratch("walk");
    fs::create_dir_all(dir.join("b-sub")).unwrap();
    fs::copy(fixture("harbour-ferry.html"), dir.join("a-page.txt")).unwrap(); // misnamed
    fs::write(
        dir.join("b-sub/c-story"),
        fs::read(fixture("harbour-ferry.txt")).unwrap(),
    )
    .unwrap();
    fs::write(
        dir.join("d-feed.xml.gz"),
        gzip(&fs::read(fixture("upland-atom.xml")).unwrap()),
    )
    .unwrap();
    fs::write(dir.join(".hidden.txt"), "not read").unwrap();
    let docs: Vec<Document> = read(&dir.display().to_string())
        .into_iter()
        .map(|d| d.unwrap())
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.article.id.as_str()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    assert!(ids[0].ends_with("a-page.txt"));
    assert!(ids[1].ends_with("c-story"));
    assert_eq!(ids[2], "https://upland.example/2024/06/drought-aid");
    assert_eq!(paragraphs(&docs[0]), FERRY_BODY);
    let _ = fs::remove_dir_all(dir);
}

/// The quotations of an article, as comparable strings: kind, speaker, normalised text.
fn quotations(text: &str) -> Vec<String> {
    let analysis = saywho_analyze::Analyzer::new().analyze(text);
    let chars: Vec<char> = text.chars().collect();
    analysis
        .quotes
        .iter()
        .map(|q| {
            let content: String = chars[q.span.start.min(chars.len())..q.span.end.min(chars.len())]
                .iter()
                .collect();
            let speaker = analysis.speaker_entity(q).map_or("?", |e| e.name.as_str());
            format!(
                "{} | {} | {}",
                q.kind.as_str(),
                speaker,
                content.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        })
        .collect()
}

#[test]
fn html_and_text_versions_of_an_article_give_the_same_quotations() {
    for (page, text) in [
        ("harbour-ferry.html", "harbour-ferry.txt"),
        ("eastport-split-body.html", "eastport-split-body.txt"),
    ] {
        let html = one(&fixture(page));
        let text = one(&fixture(text));
        let from_html = quotations(&html.article.text);
        let from_text = quotations(&text.article.text);
        assert!(
            !from_html.is_empty(),
            "the analyzer found no quotation in {page}"
        );
        assert_eq!(from_html, from_text, "{page}");
    }
}

#[test]
fn damaged_inputs_never_panic() {
    let dir = scratch("damage");
    let mut inputs: Vec<(String, Vec<u8>)> = [
        "harbour-ferry.html",
        "northvale-cafe-1252.html",
        "island-rss.xml",
        "upland-atom.xml",
        "mixed.jsonl",
        "harbour-ferry.txt",
    ]
    .iter()
    .map(|f| (f.to_string(), fs::read(fixture(f)).unwrap()))
    .collect();
    inputs.push(("crawl.warc.gz".into(), make_warc(3)));
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for (name, bytes) in &inputs {
        for round in 0..12 {
            let mut damaged = bytes.clone();
            let cut = (next() as usize) % damaged.len().max(1);
            if round % 2 == 0 {
                damaged.truncate(cut);
            }
            for _ in 0..(round * 3) {
                let at = (next() as usize) % damaged.len().max(1);
                if let Some(b) = damaged.get_mut(at) {
                    *b = next() as u8;
                }
            }
            let path = dir.join(format!("{round}-{name}"));
            fs::write(&path, &damaged).unwrap();
            if let Ok(docs) = open(&path.display().to_string(), InputFormat::Auto) {
                for item in docs {
                    if let Err(e) = item {
                        assert!(e.to_string().contains(&format!("{round}-{name}")), "{e}");
                    }
                }
            }
        }
    }
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn body_split_by_promos_is_joined_without_them() {
    let doc = one(&fixture("eastport-split-body.html"));
    assert_eq!(
        paragraphs(&doc),
        [
            "The state health board on Friday approved a new maternity wing for Eastport General Hospital, ending a four-year campaign by parents who had to drive an hour to give birth.",
            "\u{201c}Nobody should be in labor on the interstate,\u{201d} said Carmen Delgado, who founded the campaign after her second child was born in an ambulance.",
            "The $48 million wing will have 18 delivery rooms and a neonatal unit, the hospital said. Construction is expected to begin next spring.",
            "Board member Alan Fiske, who voted against the plan, said the region could not staff two maternity units. \u{201c}We are building rooms we cannot fill with nurses,\u{201d} he said.",
            "Hospital officials said they had already hired 12 midwives.",
        ]
    );
    let m = &doc.article.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Eastport hospital wing approved after long fight")
    );
    assert_eq!(m.authors, vec!["Dana Whitcombe"]);
    assert_eq!(m.date.as_deref(), Some("2024-07-19T17:05:00-04:00"));
    assert_eq!(m.language.as_deref(), Some("en-US"));
}
