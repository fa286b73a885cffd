//! Crash safety of `saywho ingest`: kill -9 at random moments, again and again, then ingest
//! once more; every article must be there exactly once, with the quotations a clean ingest
//! finds, and the store must open cleanly with its search index complete. After every kill the
//! store is opened and checked: nothing committed before is gone, the newest article is whole.
//!
//! Also here: ingest running out of disk (a file size limit on the process), a read-only store,
//! and readers querying the store while an ingest writes it.
//!
//! `SAYWHO_CRASH_ITERATIONS` sets how many kills (20 by default, about 1.5 s each; the reported
//! long run uses 50 or more); `SAYWHO_CRASH_SEED` the seed.

use std::collections::BTreeSet;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use saywho_analyze::Analyzer;
use saywho_store::{Mode, Store, Target};

mod common;
use common::{ingest, write_corpus, ARTICLES};

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

/// What must hold right after a kill: the store opens (catching its index up), SQLite's
/// integrity check passes, every article committed before is still there, the index holds each
/// article and quotation once, and the last article written and a few random ones are whole:
/// their stored analysis is the analysis of their stored text. Returns the ids now stored.
fn check_after_kill(
    db: &Path,
    before: &BTreeSet<String>,
    analyzer: &Analyzer,
    rng: &mut Lcg,
) -> BTreeSet<String> {
    if !db.join(saywho_store::DB_FILE).exists() {
        assert!(before.is_empty(), "the database file disappeared");
        return BTreeSet::new();
    }
    let store = Store::open(db, Mode::Write).expect("the store opens after a kill");
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let articles = store.articles().unwrap();
    let ids: BTreeSet<String> = articles.iter().map(|a| a.id.clone()).collect();
    assert_eq!(ids.len(), articles.len(), "an article is stored twice");
    let lost: Vec<&String> = before.difference(&ids).collect();
    assert!(lost.is_empty(), "committed articles lost: {lost:?}");
    let counts = store.counts().unwrap();
    assert_eq!(store.index_docs() as i64, counts.articles + counts.quotes);
    let mut sample: Vec<&str> = articles.last().map(|a| a.id.as_str()).into_iter().collect();
    for _ in 0..3.min(articles.len()) {
        sample.push(&articles[rng.next() as usize % articles.len()].id);
    }
    for id in sample {
        let stored = store.load(id).unwrap().expect("listed article loads");
        assert_eq!(
            stored.analysis,
            analyzer.analyze(&stored.article.text),
            "{id} is stored half-written"
        );
    }
    ids
}

#[test]
fn kill_9_during_ingest_loses_nothing_and_duplicates_nothing() {
    let iterations: usize = std::env::var("SAYWHO_CRASH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
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
    let analyzer = Analyzer::new();
    let mut committed: BTreeSet<String> = BTreeSet::new();
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
        committed = check_after_kill(&crashed, &committed, &analyzer, &mut rng);
    }
    eprintln!(
        "corpus_crash: {iterations} kill(s), {killed_mid_run} while ingest was running, {} article(s) committed by then (clean ingest {full:?}, seed {seed})",
        committed.len()
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

/// Runs `saywho ingest` with every file it writes capped at `limit` bytes (RLIMIT_FSIZE, with
/// SIGXFSZ ignored so a write past the cap fails with EFBIG instead of killing the process):
/// to the process, the disk is full.
fn ingest_with_file_limit(corpus: &Path, db: &Path, limit: u64) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_saywho"));
    cmd.args(["ingest", "--quiet", "--db"]).arg(db).arg(corpus);
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let cap = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    cmd.output().expect("run saywho ingest")
}

/// The size of every file under `dir`.
fn tree_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        total += if meta.is_dir() {
            tree_bytes(&entry.path())
        } else {
            meta.len()
        };
    }
    total
}

#[test]
fn a_full_disk_stops_ingest_with_a_clear_error_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus.jsonl");
    write_corpus(&corpus, 0);
    let clean = tmp.path().join("clean");
    assert!(ingest(&corpus, &clean).status.success());
    let (clean_counts, clean_articles) = snapshot(&clean);
    let largest_file = std::fs::read_dir(&clean)
        .unwrap()
        .flatten()
        .map(|e| e.metadata().unwrap().len())
        .max()
        .unwrap();
    eprintln!(
        "disk full: clean store {} bytes, largest file {largest_file} bytes",
        tree_bytes(&clean)
    );

    // The same store ingested again and again with a cap that grows each time: each run
    // stops where the disk "fills", the next one goes on from there.
    let db = tmp.path().join("full");
    let analyzer = Analyzer::new();
    let mut rng = Lcg(7);
    let mut committed = BTreeSet::new();
    let mut failures = 0;
    for limit in [16 << 10, 64 << 10, 256 << 10, 1 << 20] {
        let out = ingest_with_file_limit(&corpus, &db, limit);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        if out.status.success() {
            continue;
        }
        failures += 1;
        eprintln!("disk full at {limit} bytes: {}", stderr.trim());
        assert_eq!(
            out.status.code(),
            Some(1),
            "exits with an error, not a signal"
        );
        assert!(
            stderr.contains("saywho: error:") && stderr.contains(&db.display().to_string()),
            "the error names the store: {stderr}"
        );
        assert!(
            stderr.contains("disk is full or a file size limit"),
            "the error says what to do: {stderr}"
        );
        committed = check_after_kill(&db, &committed, &analyzer, &mut rng);
    }
    assert!(failures >= 2, "the caps were too large to fill the disk");
    // With room again, one ingest completes the store, exactly as a clean one.
    let out = ingest(&corpus, &db);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (counts, articles) = snapshot(&db);
    assert_eq!(counts, clean_counts);
    assert_eq!(articles, clean_articles);
}

/// Makes `path` and everything under it read-only.
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).unwrap();
    if meta.is_dir() {
        for entry in std::fs::read_dir(path).unwrap().flatten() {
            make_read_only(&entry.path());
        }
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
    } else {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
}

#[test]
fn a_read_only_store_refuses_ingest_clearly_and_still_answers_queries() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let corpus = tmp.path().join("corpus.jsonl");
    write_corpus(&corpus, 0);
    let db = tmp.path().join("ro");
    assert!(ingest(&corpus, &db).status.success());
    let (before, before_articles) = snapshot(&db);
    let newer = tmp.path().join("corpus-1.jsonl");
    write_corpus(&newer, 1);
    make_read_only(tmp.path());
    // Root ignores permission bits: run the commands as nobody then.
    let as_reader = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_saywho"));
        cmd.args(args);
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            cmd.uid(65534).gid(65534);
        }
        cmd.output().expect("run saywho")
    };
    let db_arg = db.display().to_string();
    let out = as_reader(&[
        "ingest",
        "--quiet",
        "--db",
        &db_arg,
        &newer.display().to_string(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("read-only ingest: {}", stderr.trim());
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&db_arg) && stderr.contains("read-only"),
        "the error names the store and says it is read-only: {stderr}"
    );
    // Queries that need no full-text index answer; a search, whose index tantivy cannot open
    // without writing a lock file, says why it cannot.
    let out = as_reader(&["stories", "--db", &db_arg, "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "stories of a read-only store: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        ARTICLES
    );
    let out = as_reader(&["search", "bridges", "--db", &db_arg]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("read-only search: {}", stderr.trim());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        out.status.success() || stderr.contains("read-only"),
        "searching a read-only store: {stderr}"
    );

    // Nothing changed.
    let restore = |p: &Path| {
        for entry in walk(p) {
            let mode = if entry.is_dir() { 0o755 } else { 0o644 };
            std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    restore(tmp.path());
    let (after, after_articles) = snapshot(&db);
    assert_eq!(after, before);
    assert_eq!(after_articles, before_articles);
}

/// `dir` and every path under it.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            out.extend(walk(&entry.path()));
        }
    }
    out
}

#[test]
fn readers_query_the_store_while_ingest_writes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus.jsonl");
    write_corpus(&corpus, 0);
    let db = tmp.path().join("busy");
    // A store to read from the start.
    drop(Store::open(&db, Mode::Write).unwrap());
    let mut child = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let done = std::sync::atomic::AtomicBool::new(false);
    let reads = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..3)
            .map(|_| {
                scope.spawn(|| {
                    let mut last = 0;
                    let mut reads = 0;
                    while !done.load(std::sync::atomic::Ordering::Relaxed) {
                        let store = Store::open(&db, Mode::Read).expect("opens while written");
                        let counts = store.counts().expect("counts while written");
                        assert!(counts.articles >= last, "articles went missing");
                        last = counts.articles;
                        let quotes = store.all_quotes().expect("quotes while written");
                        // Only inserts here: what was counted is still there a moment later.
                        assert!(quotes.len() as i64 >= counts.quotes);
                        store.search("bridges", Target::Quotes, 5).expect("search");
                        reads += 1;
                    }
                    reads
                })
            })
            .collect();
        let status = child.wait().unwrap();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let mut stderr = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
        assert!(status.success(), "ingest beside readers: {stderr}");
        readers
            .into_iter()
            .map(|r| r.join().unwrap())
            .sum::<usize>()
    });
    eprintln!("concurrent readers: {reads} store opens with queries during one ingest");
    assert!(reads > 0);
    let (counts, _) = snapshot(&db);
    assert_eq!(counts.articles, ARTICLES as i64);
}
