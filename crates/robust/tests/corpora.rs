//! The fuzzers' work, checked in CI on the stable toolchain: every input of the committed
//! corpora (`fuzz/corpus/TARGET/`) and every crash the fuzzers found (`fuzz/regressions/TARGET/`)
//! goes through the same check its fuzz target runs; then a short, seeded mutation run over the
//! corpus stands in for a few seconds of fuzzing.
//!
//! `SAYWHO_FUZZ_MUTATIONS` sets the mutations per target (400 by default).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use saywho_robust::{run_target, ApiHarness, TARGETS};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files of one directory, sorted; none when it does not exist.
fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| {
            let path = e.path();
            let bytes = fs::read(&path).expect("read corpus file");
            (path.display().to_string(), bytes)
        })
        .collect();
    out.sort();
    out
}

/// xorshift64: the same mutations on every run, so a failure repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to some parser: quotation marks, markup, record and header delimiters.
const INTERESTING: [&[u8]; 14] = [
    b"\"",
    "\u{201c}".as_bytes(),
    "\u{201d}".as_bytes(),
    b"'",
    b"<",
    b">",
    b"</p>",
    b"<div>",
    b"\r\n\r\n",
    b"\n\n",
    b"{",
    b"%",
    b"Content-Length: 99999999\r\n",
    b"\xff\xfe",
];

/// One libFuzzer-style mutation of `input`, sometimes spliced with `other`.
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            2 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            3 if !out.is_empty() => {
                let from = rng.below(out.len());
                let len = rng.below(32).min(out.len() - from);
                let chunk = out[from..from + len].to_vec();
                out.splice(at..at, chunk);
            }
            4 if !other.is_empty() => {
                let from = rng.below(other.len());
                out.truncate(at);
                out.extend_from_slice(&other[from..]);
            }
            _ => out.truncate(at),
        }
    }
    out
}

fn replay(target: &str) {
    let started = Instant::now();
    let api = (target == "api").then(ApiHarness::new);
    let corpus = inputs(&fuzz_dir().join("corpus").join(target));
    let regressions = inputs(&fuzz_dir().join("regressions").join(target));
    assert!(
        !corpus.is_empty(),
        "no corpus for fuzz target {target} in {}",
        fuzz_dir().display()
    );
    for (name, bytes) in corpus.iter().chain(&regressions) {
        eprintln!("{target}: {name}");
        run_target(target, bytes, api.as_ref());
    }
    let mutations: usize = std::env::var("SAYWHO_FUZZ_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ target.len() as u64);
    for i in 0..mutations {
        let (_, base) = &corpus[rng.below(corpus.len())];
        let (_, other) = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, base, other);
        // Printed before the run, so a crash names the input that caused it.
        if std::env::var_os("SAYWHO_FUZZ_VERBOSE").is_some() {
            eprintln!(
                "{target}: mutation {i}: {:?}",
                String::from_utf8_lossy(&input)
            );
        }
        run_target(target, &input, api.as_ref());
    }
    eprintln!(
        "{target}: {} corpus input(s), {} regression(s), {mutations} mutation(s) in {:.2?}",
        corpus.len(),
        regressions.len(),
        started.elapsed()
    );
}

#[test]
fn every_target_has_a_corpus_and_a_fuzz_target() {
    for target in TARGETS {
        assert!(
            fuzz_dir()
                .join("fuzz_targets")
                .join(format!("{target}.rs"))
                .is_file(),
            "fuzz/fuzz_targets/{target}.rs is missing"
        );
    }
}

#[test]
fn analyze_corpus() {
    replay("analyze");
}

#[test]
fn html_corpus() {
    replay("html");
}

#[test]
fn warc_corpus() {
    replay("warc");
}

#[test]
fn feed_corpus() {
    replay("feed");
}

#[test]
fn jsonl_corpus() {
    replay("jsonl");
}

#[test]
fn api_corpus() {
    replay("api");
}
