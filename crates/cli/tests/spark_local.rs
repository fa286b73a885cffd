//! The Spark job of `deploy/spark/` in `local[2]` mode against single-machine saywho on the
//! same corpus: its quotations must equal `saywho analyze`'s, its stories `saywho stories`'s
//! (one time window), and its Parquet output must ingest into a store.
//!
//! PySpark comes from PyPI into a virtualenv (`SAYWHO_SPARK_VENV`, by default `spark-venv`
//! in the target directory), installed once and reused by later runs; pip's own cache makes a
//! reinstall after a clean clone quick. Without Java, Python's venv, or the package index,
//! the test skips with a loud message; a job that runs and disagrees fails.

mod sample_corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use saywho_exchange::{read_articles, ArticleRows};
use serde_json::Value;

const PYSPARK: &str = "pyspark==3.5.9";

fn skip(why: &str) {
    eprintln!("\n!!! SKIPPED: the Spark job test did not run: {why} !!!\n");
}

fn saywho_bin() -> &'static str {
    env!("CARGO_BIN_EXE_saywho")
}

fn saywho() -> Command {
    Command::new(saywho_bin())
}

/// The target directory this test binary was built into.
fn target_dir() -> PathBuf {
    let bin = Path::new(saywho_bin());
    bin.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir)
}

/// A virtualenv with PySpark, installed when missing; `None` (after a loud message) when it
/// cannot be had.
fn pyspark_venv() -> Option<PathBuf> {
    let venv = std::env::var_os("SAYWHO_SPARK_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("spark-venv"));
    let submit = venv.join("bin/spark-submit");
    let marker = venv.join(format!(".saywho-{PYSPARK}"));
    if submit.exists() && marker.exists() {
        return Some(venv);
    }
    let started = Instant::now();
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let made = Command::new(&python)
        .args(["-m", "venv"])
        .arg(&venv)
        .status();
    if !matches!(made, Ok(s) if s.success()) {
        skip(&format!(
            "`{python} -m venv` failed (is Python 3 with venv installed?)"
        ));
        return None;
    }
    let pip = Command::new(venv.join("bin/pip"))
        .args([
            "install",
            "--disable-pip-version-check",
            "--quiet",
            "--retries",
            "1",
            "--timeout",
            "30",
            PYSPARK,
        ])
        .status();
    if !matches!(pip, Ok(s) if s.success()) {
        skip(&format!(
            "`pip install {PYSPARK}` failed (no network to the package index?)"
        ));
        return None;
    }
    std::fs::write(&marker, b"").ok()?;
    eprintln!(
        "spark test: installed {PYSPARK} into {} in {:.1}s",
        venv.display(),
        started.elapsed().as_secs_f64()
    );
    Some(venv)
}

/// A corpus of generated articles (the same generator as `saywho bench`) with two bad lines,
/// which the job must report as errors and single-machine `analyze` skips.
fn write_corpus(dir: &Path) -> PathBuf {
    let path = dir.join("corpus.jsonl");
    // Undated, so the whole corpus is one time window on both sides (the job windows by date
    // in fixed slices; `saywho stories` slides its window).
    let mut text: String = sample_corpus::sample_versions()
        .lines()
        .map(|line| {
            let mut article: Value = serde_json::from_str(line).unwrap();
            article.as_object_mut().unwrap().remove("date");
            format!("{article}\n")
        })
        .collect();
    text.push_str("not json\n{\"id\": \"no-text\"}\n");
    std::fs::write(&path, text).unwrap();
    path
}

/// A quotation as both sides print it, for comparison.
type Quote = (
    String,
    u64,
    u64,
    String,
    String,
    Option<String>,
    Option<u64>,
    String,
);

fn quote_of_view(id: &str, q: &Value) -> Quote {
    (
        id.to_string(),
        q["start"].as_u64().unwrap(),
        q["end"].as_u64().unwrap(),
        q["kind"].as_str().unwrap().to_string(),
        q["text"].as_str().unwrap().to_string(),
        q["speaker"]["name"].as_str().map(str::to_string),
        q["cue"]["start"].as_u64(),
        format!("{:.3}", q["confidence"].as_f64().unwrap()),
    )
}

fn quote_of_row(r: &saywho_exchange::QuoteRow) -> Quote {
    (
        r.article.clone(),
        r.start as u64,
        r.end as u64,
        r.kind.as_str().to_string(),
        r.text.clone(),
        r.speaker_name.clone(),
        r.cue_start.map(|c| c as u64),
        format!("{:.3}", r.confidence),
    )
}

/// Groups as sets of members, so two labelings of the same partition compare equal.
fn partition<K: Ord + Clone>(
    labels: impl IntoIterator<Item = (String, K)>,
) -> BTreeSet<Vec<String>> {
    let mut groups: BTreeMap<K, Vec<String>> = BTreeMap::new();
    for (member, label) in labels {
        groups.entry(label).or_default().push(member);
    }
    groups
        .into_values()
        .map(|mut m| {
            m.sort();
            m
        })
        .collect()
}

#[test]
fn spark_job_in_local_mode_matches_single_machine_saywho() {
    if Command::new("java").arg("-version").output().is_err() {
        return skip("no `java` on PATH (Spark needs Java 17)");
    }
    let Some(venv) = pyspark_venv() else { return };
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());
    let good = sample_corpus::sample_versions().lines().count();

    // Single machine.
    let out = saywho()
        .args(["analyze", "--format", "jsonl"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "two bad lines make analyze fail"
    );
    let mut expected: Vec<Quote> = Vec::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let view: Value = serde_json::from_str(line).unwrap();
        let id = view["id"].as_str().unwrap();
        expected.extend(
            view["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| quote_of_view(id, q)),
        );
    }
    let out = saywho()
        .args(["stories", "--format", "jsonl", "--input"])
        .arg(&corpus)
        .output()
        .unwrap();
    let single_stories = partition(String::from_utf8(out.stdout).unwrap().lines().map(|l| {
        let v: Value = serde_json::from_str(l).unwrap();
        (
            v["id"].as_str().unwrap().to_string(),
            v["story"].as_i64().unwrap(),
        )
    }));

    // The cluster job, locally.
    let job = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/spark/saywho_spark.py");
    let out_dir = dir.path().join("out");
    let started = Instant::now();
    let run = Command::new(venv.join("bin/spark-submit"))
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env("PYSPARK_PYTHON", venv.join("bin/python"))
        .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
        .args(["--conf", "spark.sql.shuffle.partitions=2"])
        .args(["--conf", "spark.ui.showConsoleProgress=false"])
        .arg("--files")
        .arg(saywho_bin())
        .arg(&job)
        .arg("--input")
        .arg(&corpus)
        .arg("--out")
        .arg(&out_dir)
        .args(["--partitions", "2"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "spark-submit failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    eprintln!(
        "spark test: job ran in {:.1}s: {}",
        started.elapsed().as_secs_f64(),
        stdout
            .lines()
            .find(|l| l.starts_with("saywho-spark:"))
            .unwrap_or("")
    );
    let counts = format!(
        "\"answers\": {}, \"articles\": {good}, \"errors\": 2",
        good + 2
    );
    assert!(stdout.contains(&counts), "{counts} not in {stdout}");

    let articles: Vec<ArticleRows> = read_articles(&out_dir)
        .unwrap()
        .collect::<Result<_, _>>()
        .expect("Spark's tables read as exchange tables");
    assert_eq!(articles.len(), good);
    let mut got: Vec<Quote> = articles
        .iter()
        .flat_map(|a| &a.quotes)
        .map(quote_of_row)
        .collect();
    expected.sort();
    got.sort();
    assert!(expected.len() > 2 * good, "{} quotations", expected.len());
    assert_eq!(
        got, expected,
        "the job's quotations are single-machine analyze's"
    );

    // One time window (the corpus is undated): the job's stories are `saywho stories`'s.
    let spark_stories = partition(articles.iter().map(|a| {
        (
            a.article.id.clone(),
            a.article.story.expect("every article has a story"),
        )
    }));
    assert_eq!(spark_stories, single_stories);

    // The output ingests into a store, and people link as they would on one machine.
    let db = dir.path().join("db");
    let exported = dir.path().join("exported");
    for (command, parquet) in [("ingest", &out_dir), ("export", &exported)] {
        let run = saywho()
            .args([command, "--db"])
            .arg(&db)
            .arg("--parquet")
            .arg(parquet)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "saywho {command}: {said}");
    }
    let stored: Vec<ArticleRows> = read_articles(&exported)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let person_partition = |rows: &[ArticleRows]| {
        partition(rows.iter().flat_map(|a| &a.entities).map(|e| {
            (
                format!("{}#{}", e.article, e.idx),
                e.person.expect("every entity is linked"),
            )
        }))
    };
    assert_eq!(person_partition(&articles), person_partition(&stored));
}
