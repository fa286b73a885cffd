//! `saywho serve` under a bounded, mixed load on loopback: clients search, read articles and
//! stories and analyse pasted text while `saywho ingest` rewrites the same store again and
//! again. No request may fail, every ingest must succeed, searches must find what the last
//! ingest wrote, and the server's resident memory (sampled from /proc) must stay flat.
//!
//! `SAYWHO_SOAK_SECS` sets the duration (12 s by default, for CI; the long run is 300 s).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

mod common;
use common::{ingest, write_corpus, ARTICLES};

/// Starts `saywho serve` on an ephemeral loopback port; returns the child and its base URL.
fn start_server(db: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run saywho serve");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let base = line
        .split("http://")
        .nth(1)
        .map(|rest| format!("http://{}", rest.trim().trim_end_matches('/')))
        .unwrap_or_else(|| panic!("the server did not say where it listens: {line}"));
    // Keep draining its stderr so it never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        while stderr.read_line(&mut sink).map(|n| n > 0).unwrap_or(false) {
            sink.clear();
        }
    });
    (child, base)
}

/// The resident set of a process, in MiB.
fn rss_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len().max(1) as f64
}

#[test]
fn serve_holds_under_mixed_search_and_ingest_with_flat_memory() {
    let secs: u64 = std::env::var("SAYWHO_SOAK_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
        .clamp(1, 3600);
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store");
    let versions: Vec<_> = (0..3)
        .map(|v| {
            let path = tmp.path().join(format!("v{v}.jsonl"));
            write_corpus(&path, v);
            path
        })
        .collect();
    assert!(ingest(&versions[0], &db).status.success());
    let (mut server, base) = start_server(&db);
    let pid = server.id();

    let deadline = Instant::now() + Duration::from_secs(secs);
    let stop = AtomicBool::new(false);
    let requests = AtomicUsize::new(0);
    let ingests = AtomicUsize::new(0);
    let (errors, latencies, samples) = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..4)
            .map(|c| {
                let base = &base;
                let requests = &requests;
                scope.spawn(move || {
                    let client = reqwest::blocking::Client::builder()
                        .timeout(Duration::from_secs(30))
                        .build()
                        .unwrap();
                    let mut errors = Vec::new();
                    let mut latencies = Vec::new();
                    let mut i = c;
                    while Instant::now() < deadline {
                        let article = format!("gen-{:04}", (i * 37) % ARTICLES);
                        let t = Instant::now();
                        let response = match i % 7 {
                            0 => client
                                .get(format!("{base}/api/quotes?q=fantasy&limit=20"))
                                .send(),
                            1 => client.get(format!("{base}/?q=winter")).send(),
                            2 => client
                                .get(format!("{base}/api/article?id={article}"))
                                .send(),
                            3 => client.get(format!("{base}/api/stories")).send(),
                            4 => client
                                .get(format!(
                                    "{base}/api/quotes?q=taxes&speaker=Alice&source=Daily"
                                ))
                                .send(),
                            5 => client.get(format!("{base}/api/health")).send(),
                            _ => client
                                .post(format!("{base}/api/analyze"))
                                .header("content-type", "text/plain")
                                .body(format!(
                                    "\"We will win round {i},\" said Jane Doe, the minister."
                                ))
                                .send(),
                        };
                        i += 1;
                        match response {
                            Ok(r) if r.status().is_success() => {
                                if let Err(e) = r.bytes() {
                                    errors.push(format!("reading a body: {e}"));
                                }
                            }
                            Ok(r) => errors.push(format!(
                                "{}: {}",
                                r.status(),
                                r.text().unwrap_or_default()
                            )),
                            Err(e) => errors.push(e.to_string()),
                        }
                        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                        requests.fetch_add(1, Ordering::Relaxed);
                    }
                    (errors, latencies)
                })
            })
            .collect();
        let ingester = scope.spawn(|| {
            let mut failures = Vec::new();
            let mut round = 0;
            while Instant::now() < deadline {
                round += 1;
                let out = ingest(&versions[1 + round % 2], &db);
                if !out.status.success() {
                    failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
                ingests.fetch_add(1, Ordering::Relaxed);
            }
            failures
        });
        let sampler = scope.spawn(|| {
            let mut samples = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                if let Some(mib) = rss_mib(pid) {
                    samples.push(mib);
                }
                std::thread::sleep(Duration::from_millis(250));
            }
            samples
        });
        let mut errors = Vec::new();
        let mut latencies = Vec::new();
        for c in clients {
            let (e, l) = c.join().unwrap();
            errors.extend(e);
            latencies.extend(l);
        }
        errors.extend(
            ingester
                .join()
                .unwrap()
                .into_iter()
                .map(|e| format!("ingest: {e}")),
        );
        stop.store(true, Ordering::Relaxed);
        (errors, latencies, sampler.join().unwrap())
    });

    // What the last ingest wrote is searchable through the running server.
    let last = tmp.path().join("last.jsonl");
    write_corpus(&last, 77);
    assert!(ingest(&last, &db).status.success());
    let found: serde_json::Value = reqwest::blocking::get(format!("{base}/api/quotes?q=v77"))
        .unwrap()
        .json()
        .unwrap();
    let fresh = found.as_array().map_or(0, |a| a.len());

    // SIGINT: the server shuts down gracefully and exits cleanly.
    // SAFETY: signals our own child, not yet reaped.
    unsafe { libc::kill(pid as libc::pid_t, libc::SIGINT) };
    let status = server.wait().unwrap();

    let mut sorted = latencies.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)];
    let n = samples.len();
    let warm = &samples[n / 5..];
    let quarter = (warm.len() / 4).max(1);
    let (early, late) = (mean(&warm[..quarter]), mean(&warm[warm.len() - quarter..]));
    let peak = samples.iter().cloned().fold(0.0, f64::max);
    eprintln!(
        "soak: {secs}s, {} requests ({:.0}/s), {} ingests of {ARTICLES} articles, {} error(s); \
         latency p50 {:.1} ms p99 {:.1} ms max {:.1} ms; server RSS start {:.1} MiB, \
         after warm-up {early:.1} MiB, end {late:.1} MiB, peak {peak:.1} MiB ({n} samples)",
        requests.load(Ordering::Relaxed),
        requests.load(Ordering::Relaxed) as f64 / secs as f64,
        ingests.load(Ordering::Relaxed),
        errors.len(),
        pct(0.5),
        pct(0.99),
        sorted.last().unwrap(),
        samples.first().unwrap_or(&0.0),
    );
    assert!(
        errors.is_empty(),
        "{} failure(s), first: {}",
        errors.len(),
        errors[0]
    );
    assert!(ingests.load(Ordering::Relaxed) >= 1);
    assert!(fresh > 0, "a search does not see the last ingest: {found}");
    assert!(
        status.success(),
        "the server exits cleanly on SIGINT: {status}"
    );
    assert!(
        late <= early * 1.25 + 16.0,
        "server memory grows: {early:.1} MiB after warm-up, {late:.1} MiB at the end"
    );
}
