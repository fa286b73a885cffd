//! The threaded `saywho analyze` pipeline through the binary: output identical to one thread
//! and in input order, bad records reported in both modes, a closed output pipe ending the run;
//! and `saywho bench` end to end on a tiny corpus.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn saywho() -> Command {
    Command::new(env!("CARGO_BIN_EXE_saywho"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("saywho-threads-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Articles of very different lengths, so batches finish out of order, with two bad lines
/// when `bad`.
fn corpus(dir: &std::path::Path, n: usize, bad: bool) -> PathBuf {
    let mut lines = Vec::new();
    for i in 0..n {
        let mut text = format!("Headline number {i}\n\n");
        for p in 0..(i * 7) % 40 + 1 {
            text.push_str(&format!(
                "\"Point {p} of {i} stands,\" said Maria Okafor, the council leader. \
                 Mr Brennan said the plan {} would fail.\n\n",
                i % 5
            ));
        }
        lines.push(serde_json::json!({"id": format!("a{i}"), "text": text}).to_string());
        if bad && i == n / 3 {
            lines.push("not json".to_string());
        }
        if bad && i == n / 2 {
            lines.push("{\"id\": \"no-text\"}".to_string());
        }
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write corpus");
    path
}

#[test]
fn threads_give_the_same_output_in_input_order() {
    let dir = temp_dir("order");
    let input = corpus(&dir, 300, true);
    let run = |threads: &str, format: &str| {
        saywho()
            .args([
                "analyze",
                "--samples",
                "--format",
                format,
                "--threads",
                threads,
            ])
            .arg(&input)
            .output()
            .expect("run saywho")
    };
    for format in ["jsonl", "text"] {
        let one = run("1", format);
        let three = run("3", format);
        // Two bad records: both modes report them and fail, having written everything else.
        assert!(!one.status.success() && !three.status.success());
        assert_eq!(one.stdout, three.stdout, "{format} output differs");
        for out in [&one, &three] {
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("not JSON") && err.contains("no 'text'"),
                "{err}"
            );
            assert!(err.contains("2 input(s) or record(s) failed"), "{err}");
        }
    }
    let out = run("4", "jsonl");
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["id"].as_str().expect("id").to_string()
        })
        .filter(|id| id.starts_with('a'))
        .collect();
    let expected: Vec<String> = (0..300).map(|i| format!("a{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_closed_output_pipe_ends_a_threaded_run() {
    let dir = temp_dir("pipe");
    let input = corpus(&dir, 2000, false);
    let mut child = saywho()
        .args(["analyze", "--format", "jsonl", "--threads", "2"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run saywho");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("first line");
    assert!(first.contains("\"id\":\"a0\""), "{first}");
    // The reader end is dropped here; the run must stop with an error, not hang.
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("saywho kept running after its output closed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success());
}

#[test]
fn bench_runs_end_to_end_on_a_tiny_corpus() {
    let dir = temp_dir("bench");
    let polnear = corpus(&dir, 6, false);
    let out = saywho()
        .args([
            "bench",
            "--articles",
            "12",
            "--min-docs",
            "12",
            "--story-articles",
            "40",
            "--searches",
            "3",
            "--peer-docs",
            "0",
            "--json",
            "--polnear",
        ])
        .arg(&polnear)
        .arg("--work-dir")
        .arg(dir.join("work"))
        .output()
        .expect("run saywho bench");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for step in [
        "analyze generated (12 articles) --threads 1",
        "analyze generated (12 articles) --threads 2",
        "analyze polnear-dev --threads 1",
        "ingest",
        "stories",
        "search, in process (3 queries)",
        "1 → 2 threads",
    ] {
        assert!(report.contains(step), "no {step:?} in\n{report}");
    }
    let rows: Vec<serde_json::Value> = report
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let stories = rows
        .iter()
        .find(|r| r["step"].as_str().is_some_and(|s| s.starts_with("stories")))
        .expect("stories row");
    assert_eq!(stories["items"], 40);
    assert!(rows
        .iter()
        .all(|r| r["max_rss_mb"].as_f64().is_some_and(|m| m > 0.0)));
}
