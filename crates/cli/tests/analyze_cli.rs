//! `saywho analyze` through the binary: the seeds scored by the shared scorer, the samples, and
//! bad input (invalid UTF-8, empty, binary, missing, very large).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn saywho() -> Command {
    Command::new(env!("CARGO_BIN_EXE_saywho"))
}

fn shared() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if path.join("seeds").is_dir() {
        Some(path)
    } else {
        eprintln!(
            "\n!!! SKIPPED: ../shared is absent; the seeds and PolNeAR checks did not run !!!\n"
        );
        None
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("saywho-analyze-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn seeds_score_perfectly_with_the_shared_scorer() {
    let Some(shared) = shared() else { return };
    let seeds = shared.join("seeds");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.sort();
    let out = saywho()
        .args(["analyze", "--format", "jsonl"])
        .args(&inputs)
        .output()
        .expect("run saywho");
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = temp_dir("seeds");
    let pred = dir.join("out.jsonl");
    std::fs::write(&pred, &out.stdout).expect("write predictions");
    let scored = Command::new("python3")
        .arg(seeds.join("score.py"))
        .arg(seeds.join("gold.jsonl"))
        .arg(&pred)
        .output();
    let Ok(scored) = scored else {
        eprintln!("\n!!! SKIPPED: python3 is not available to run the seeds scorer !!!\n");
        return;
    };
    let report = String::from_utf8_lossy(&scored.stdout);
    let summary: serde_json::Value =
        serde_json::from_str(report.lines().last().expect("summary line")).expect("summary JSON");
    assert_eq!(summary["quotes_found"], 20, "{report}");
    assert!(summary["precision"].as_f64().unwrap() >= 0.95, "{report}");
    assert!(
        summary["mentions_resolved"].as_u64().unwrap() >= 11,
        "{report}"
    );
}

#[test]
fn samples_report_speakers() {
    let out = saywho()
        .args(["analyze", "--samples"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    for speaker in [
        "Joanna Pettigrew",
        "Martin Oduya",
        "Helen Marsh",
        "Amara Okonkwo",
        "Viktor Sandberg",
    ] {
        assert!(text.contains(speaker), "{speaker} missing from:\n{text}");
    }
    assert!(
        !text.contains("Kellington ferry service"),
        "a related line was reported:\n{text}"
    );
}

#[test]
fn jsonl_output_echoes_ids_and_keeps_offsets_in_code_points() {
    let dir = temp_dir("jsonl");
    let input = dir.join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"£10m – “It was a waste,” said Nora Quill.\", \"title\": \"T\"}\n{\"id\": \"b\", \"text\": \"Nothing quoted here.\"}\n",
    )
    .unwrap();
    let out = saywho()
        .args(["analyze", "--format", "jsonl"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["title"], "T");
    let q = &lines[0]["quotes"][0];
    assert_eq!(q["text"], "It was a waste,");
    assert_eq!(q["start"], 8);
    assert_eq!(q["speaker"]["name"], "Nora Quill");
    assert_eq!(lines[1]["quotes"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_inputs_are_reported_and_the_rest_processed() {
    let dir = temp_dir("bad");
    let good = dir.join("good.txt");
    std::fs::write(&good, "\"We are ready,\" said Lena Ortiz.").unwrap();
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"\"Caf\xe9 prices are up,\" said Ines Roy.").unwrap();
    let missing = dir.join("missing.txt");
    let out = saywho()
        .args(["analyze", "--format", "jsonl"])
        .args([&empty, &binary, &missing, &latin1, &good])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "failures must show in the exit status"
    );
    assert!(err.contains("empty.txt"), "{err}");
    assert!(err.contains("binary.txt"), "{err}");
    assert!(err.contains("missing.txt"), "{err}");
    assert!(err.contains("latin1.txt") && err.contains("UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Lena Ortiz"),
        "the good file must still be analysed: {stdout}"
    );
    assert!(
        stdout.contains("Ines Roy"),
        "the repaired file must still be analysed: {stdout}"
    );
}

#[test]
fn a_ten_megabyte_article_is_analysed_quickly() {
    let dir = temp_dir("big");
    let big = dir.join("big.txt");
    let paragraph = "\"We will keep going,\" said Omar Haddad. He added that the plan was \"sound\". An unbalanced \"mark runs on.\n\n";
    let text = paragraph.repeat(10 * 1024 * 1024 / paragraph.len());
    std::fs::write(&big, &text).unwrap();
    let started = Instant::now();
    let out = saywho()
        .args(["analyze", "--format", "jsonl"])
        .arg(&big)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Generous bound for a loaded 2-core CI machine; linear work takes a few seconds.
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(line["quotes"].as_array().unwrap().len() > 100_000);
}
