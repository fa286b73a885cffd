//! Results moving between machines, through the binary: `analyze --pipe` as a co-process
//! filter (JSONL and WARC on standard input), and the store → Parquet → store round trip of
//! `export --parquet` and `ingest --parquet`.

mod sample_corpus;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use saywho_exchange::{read_articles, read_persons, ArticleRows, Writer};
use serde_json::Value;

fn saywho() -> Command {
    Command::new(env!("CARGO_BIN_EXE_saywho"))
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = saywho()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("saywho runs");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        input.write_all(&bytes).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every answer is JSON"))
        .collect()
}

/// A JSONL corpus: the sample articles plus generated ones, with titles and dates.
fn write_corpus(dir: &Path) -> PathBuf {
    let generated = dir.join("generated.jsonl");
    std::fs::write(&generated, sample_corpus::sample_versions()).unwrap();
    let mut corpus = String::new();
    for (i, entry) in std::fs::read_dir(sample_corpus::samples_dir())
        .unwrap()
        .enumerate()
    {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let line = serde_json::json!({
            "id": path.file_name().unwrap().to_string_lossy(),
            "text": text,
            "title": text.lines().next(),
            "date": format!("2024-05-0{}", i + 1),
            "source": "Sample Gazette",
            "authors": ["A. Writer"],
        });
        corpus.push_str(&format!("{line}\n"));
    }
    corpus.push_str(&std::fs::read_to_string(&generated).unwrap());
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, corpus).unwrap();
    path
}

#[test]
fn pipe_answers_every_line_in_order_errors_included() {
    let input = concat!(
        "{\"id\":\"a\",\"text\":\"\u{201c}We won,\u{201d} said Ann Lee.\"}\n",
        "\n",
        "not json\n",
        "{\"id\":\"b\",\"html\":3}\n",
        "{\"text\":\"No id, no quote.\"}\n",
        "{\"id\":7,\"text\":\"Last.\"}",
    );
    let out = run_with_stdin(
        &["analyze", "--pipe", "--input", "jsonl", "-"],
        input.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers = lines(&out);
    let ids: Vec<&str> = answers.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "-:2", "-:3", "b", "-:5", "7"]);
    assert_eq!(answers[0]["quotes"][0]["speaker"]["name"], "Ann Lee");
    assert_eq!(answers[1]["error"]["kind"], "blank line");
    assert_eq!(answers[2]["error"]["kind"], "not JSON");
    assert!(answers[3]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("field 'html' is not a string"));
    assert!(answers[4]["error"].is_null());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("6 answer(s), 3 of them error records"),
        "{stderr}"
    );
}

#[test]
fn pipe_answers_each_line_before_the_next_arrives() {
    let mut child = saywho()
        .args([
            "analyze", "--pipe", "--format", "rows", "--input", "jsonl", "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for (i, line) in [
        "{\"id\":\"x1\",\"text\":\"\u{201c}Hi,\u{201d} she said.\"}\n",
        "oops\n",
    ]
    .iter()
    .enumerate()
    {
        stdin.write_all(line.as_bytes()).unwrap();
        stdin.flush().unwrap();
        // The input stays open: an answer can only come from a filter that does not wait.
        let answer = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no answer to line {} while input stayed open", i + 1));
        let answer: Value = serde_json::from_str(&answer).unwrap();
        if i == 0 {
            assert_eq!(answer["id"], "x1");
            assert_eq!(answer["quotes"][0]["text"], "Hi,");
            assert_eq!(answer["text"], "\u{201c}Hi,\u{201d} she said.");
        } else {
            assert_eq!(answer["error"]["kind"], "not JSON");
        }
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

/// One uncompressed WARC record.
fn warc_record(kind: &str, uri: &str, payload: &[u8]) -> Vec<u8> {
    let content_type = if kind == "response" {
        "application/http; msgtype=response"
    } else {
        "application/warc-fields"
    };
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-07T01:02:03Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    rec.extend_from_slice(payload);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn page(title: &str, paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    let html = format!(
        "<html><head><title>{title}</title></head><body><nav><a href=/>Home</a></nav><article>{body}</article></body></html>"
    );
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    out.extend_from_slice(html.as_bytes());
    out
}

#[test]
fn pipe_reads_a_warc_on_standard_input() {
    let mut warc = warc_record("warcinfo", "", b"software: test\r\n");
    warc.extend(warc_record(
        "response",
        "https://news.example/dam",
        &page(
            "Dam opens",
            &[
                "The new dam opened on Tuesday after six years of work, officials said.",
                "\u{201c}It will power the whole valley,\u{201d} said the engineer, Maria Costa.",
            ],
        ),
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/empty",
        &page("Nothing", &[]),
    ));
    let out = run_with_stdin(
        &[
            "analyze", "--pipe", "--format", "rows", "--input", "warc", "-",
        ],
        &warc,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers = lines(&out);
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert_eq!(answers[0]["id"], "https://news.example/dam");
    assert_eq!(answers[0]["title"], "Dam opens");
    let direct = answers[0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["kind"] == "direct")
        .expect("the engineer's quotation");
    assert_eq!(direct["speaker_name"], "Maria Costa");
    assert_eq!(direct["text"], "It will power the whole valley,");
    assert!(answers[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("https://news.example/empty"));
}

/// Every row of an exchange directory, articles in order, persons after.
fn tables(dir: &Path) -> (Vec<ArticleRows>, Vec<saywho_exchange::PersonRow>) {
    let articles = read_articles(dir)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (articles, read_persons(dir).unwrap())
}

#[test]
fn store_to_parquet_to_store_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let (p1, p2) = (dir.path().join("p1"), dir.path().join("p2"));
    let ok = |out: Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    ok(saywho()
        .arg("ingest")
        .arg(&corpus)
        .arg("--db")
        .arg(&a)
        .output()
        .unwrap());
    ok(saywho()
        .args(["export", "--db"])
        .arg(&a)
        .arg("--parquet")
        .arg(&p1)
        .output()
        .unwrap());
    let ingested = ok(saywho()
        .args(["ingest", "--db"])
        .arg(&b)
        .arg("--parquet")
        .arg(&p1)
        .output()
        .unwrap());
    let said = String::from_utf8_lossy(&ingested.stderr);
    assert!(said.contains("63 article(s) read: 63 new"), "{said}");
    ok(saywho()
        .args(["export", "--db"])
        .arg(&b)
        .arg("--parquet")
        .arg(&p2)
        .output()
        .unwrap());

    let (first, first_persons) = tables(&p1);
    let (second, second_persons) = tables(&p2);
    assert_eq!(first.len(), 63);
    assert!(first.iter().map(|a| a.quotes.len()).sum::<usize>() > 100);
    assert!(first.iter().all(|a| a.article.story.is_some()));
    assert!(first
        .iter()
        .flat_map(|a| &a.entities)
        .all(|e| e.person.is_some()));
    assert_eq!(
        first, second,
        "articles, analyses, stories and person links"
    );
    assert_eq!(first_persons, second_persons);
    let sample = first
        .iter()
        .find(|a| a.article.id == "harbour-bridge.txt")
        .unwrap();
    assert_eq!(sample.article.source.as_deref(), Some("Sample Gazette"));
    assert_eq!(sample.article.authors, ["A. Writer"]);

    // The analysis stored from Parquet is what `analyze` prints for the same article.
    let out = ok(saywho()
        .args(["analyze", "--format", "rows"])
        .arg(&corpus)
        .output()
        .unwrap());
    let fresh: Vec<ArticleRows> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (stored, fresh) in second.iter().zip(&fresh) {
        assert_eq!(stored.article.id, fresh.article.id);
        assert_eq!(stored.quotes, fresh.quotes);
        assert_eq!(stored.mentions, fresh.mentions);
    }

    // An export never overwrites another.
    let again = saywho()
        .args(["export", "--db"])
        .arg(&a)
        .arg("--parquet")
        .arg(&p1)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds"));
}

#[test]
fn a_broken_article_in_parquet_is_named_and_the_rest_stored() {
    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().join("p");
    let mut writer = Writer::create(&parquet).unwrap();
    let out = saywho()
        .args(["analyze", "--format", "rows", "--samples"])
        .output()
        .unwrap();
    let mut rows: Vec<ArticleRows> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    rows[1].quotes[0].speaker_entity = Some(99);
    let broken = rows[1].article.id.clone();
    for r in rows {
        writer.push(r).unwrap();
    }
    writer.finish().unwrap();
    let db = dir.path().join("db");
    let out = saywho()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg("--parquet")
        .arg(&parquet)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "article {broken}: speaker entity 99 does not exist"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("2 article(s) read: 2 new"), "{stderr}");
}
