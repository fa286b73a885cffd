//! Helpers shared by the CLI's integration tests.

// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// How many articles [`write_corpus`] writes.
pub const ARTICLES: usize = 300;

/// Invented articles, each with a few attributed quotations and a unique id. Each `version`
/// changes every article a little, so an ingest of another version replaces them all.
pub fn write_corpus(path: &Path, version: usize) {
    let first = [
        "Alice", "Bernard", "Chiara", "Dmitri", "Esther", "Farid", "Greta", "Hugo",
    ];
    let last = [
        "Example",
        "Sample",
        "Placeholder",
        "Testwell",
        "Mockridge",
        "Fakeley",
    ];
    let topics = [
        "bridges",
        "taxes",
        "schools",
        "railways",
        "hospitals",
        "harbours",
        "forests",
    ];
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..ARTICLES {
        let a = format!("{} {}", first[i % first.len()], last[i % last.len()]);
        let b = format!(
            "{} {}",
            first[(i + 3) % first.len()],
            last[(i + 1) % last.len()]
        );
        let topic = topics[i % topics.len()];
        let text = format!(
            "{a} promised {n} new {topic} on day {i}.\n\n\
             \"We will deliver {n} {topic} before the winter, and nobody will stop us,\" said {a}, \
             the minister for {topic}.\n\n\
             {b} disagreed. \"The plan for {topic} is a fantasy and the numbers do not add up,\" \
             {b} told reporters on Tuesday.\n\n\
             \"I stand by every word of plan v{version},\" {a} said later. Officials said the work would start in spring, revision {version}.",
            n = 10 + i % 90,
        );
        let source = ["The Daily Example", "Sample Times", "Mock Gazette"][i % 3];
        let record = serde_json::json!({
            "id": format!("gen-{i:04}"),
            "title": format!("Row over {topic}, day {i}"),
            "source": source,
            "date": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            "text": text,
        });
        serde_json::to_writer(&mut out, &record).unwrap();
        out.write_all(b"\n").unwrap();
    }
}

/// `saywho ingest --quiet --db DB CORPUS`, run to completion.
pub fn ingest(corpus: &Path, db: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(["ingest", "--quiet", "--db"])
        .arg(db)
        .arg(corpus)
        .output()
        .expect("run saywho ingest")
}
