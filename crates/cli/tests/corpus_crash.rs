//! Crash safety of `saywho ingest`: kill -9 at random moments, again and again, then ingest
//! once more; every article must be there exactly once, with the quotations a clean ingest
//! finds, and the store must open cleanly with its search index complete.
//!
//! `SAYWHO_CRASH_ITERATIONS` sets how many kills (12 by default, to keep CI quick).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use saywho_store::{Mode, Store, Target};

const ARTICLES: usize = 300;

/// Invented articles, each with a few attributed quotations and a unique id. Each `version`
/// changes every article a little, so an ingest of another version replaces them all.
fn write_corpus(path: &Path, version: usize) {
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
             \"I stand by every word,\" {a} said later. Officials said the work would start in spring, revision {version}.",
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

fn ingest(corpus: &Path, db: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(["ingest", "--quiet", "--db"])
        .arg(db)
        .arg(corpus)
        .output()
        .expect("run saywho ingest")
}

/// A small deterministic generator, so a failing run can be repeated from its seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Per-article quotation counts and the overall counts of a store.
fn snapshot(db: &Path) -> (saywho_store::Counts, Vec<(String, usize)>) {
    let store = Store::open(db, Mode::Write).expect("store opens cleanly");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert!(store.index_is_current().unwrap());
    let counts = store.counts().unwrap();
    assert_eq!(
        store.index_docs() as i64,
        counts.articles + counts.quotes,
        "the search index holds every article and quotation exactly once"
    );
    let mut per_article = Vec::new();
    for a in store.articles().unwrap() {
        let stored = store.load(&a.id).unwrap().unwrap();
        per_article.push((a.id, stored.analysis.quotes.len()));
    }
    per_article.sort();
    // Story grouping covered everything.
    assert!(store.articles().unwrap().iter().all(|a| a.story.is_some()));
    let _ = store.search("bridges", Target::Quotes, 5).unwrap();
    (counts, per_article)
}

#[test]
fn kill_9_during_ingest_loses_nothing_and_duplicates_nothing() {
    let iterations: usize = std::env::var("SAYWHO_CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let tmp = tempfile::tempdir().unwrap();
    let versions: Vec<std::path::PathBuf> = (0..3)
        .map(|v| {
            let path = tmp.path().join(format!("corpus-{v}.jsonl"));
            write_corpus(&path, v);
            path
        })
        .collect();
    let corpus = &versions[0];

    // The reference: one clean ingest, timed to aim the kills.
    let clean = tmp.path().join("clean");
    let started = Instant::now();
    let out = ingest(corpus, &clean);
    let full = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (clean_counts, clean_articles) = snapshot(&clean);
    assert_eq!(clean_counts.articles, ARTICLES as i64);

    let crashed = tmp.path().join("crashed");
    let seed = std::env::var("SAYWHO_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed);
    let mut rng = Lcg(seed);
    let window = full.as_millis().max(50) as u64 + 100;
    let mut killed_mid_run = 0;
    for i in 0..iterations {
        // Alternate versions so every run has work to do: inserts first, then replacements.
        let input = &versions[(i / 2) % versions.len()];
        let mut child = Command::new(env!("CARGO_BIN_EXE_saywho"))
            .args(["ingest", "--quiet", "--db"])
            .arg(&crashed)
            .arg(input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.next() % window));
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
        }
        child.kill().ok(); // SIGKILL
        child.wait().unwrap();
    }
    eprintln!(
        "corpus_crash: {iterations} kill(s), {killed_mid_run} while ingest was running (clean ingest {full:?}, seed {seed})"
    );

    let out = ingest(corpus, &crashed);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (counts, articles) = snapshot(&crashed);
    assert_eq!(counts.articles, clean_counts.articles);
    assert_eq!(counts.quotes, clean_counts.quotes);
    assert_eq!(counts.entities, clean_counts.entities);
    assert_eq!(
        articles, clean_articles,
        "every article once, with its quotations"
    );

    // And once more changes nothing.
    let out = ingest(corpus, &crashed);
    assert!(out.status.success());
    let (again, _) = snapshot(&crashed);
    assert_eq!(again, counts);
}
