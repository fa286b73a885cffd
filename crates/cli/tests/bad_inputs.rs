//! The inputs the web really sends, through `saywho analyze` as a user runs it: empty files,
//! binary data, invalid UTF-8, a 50 MB single line, 10,000 nested HTML elements, a whole
//! article of unbalanced quotation marks, gzip bombs, deeply nested JSON, malformed WARC
//! headers. Each must end in a clear error naming the input, or a sane result, within a time
//! and a peak memory (measured by the kernel for the child process) stated here; nothing may
//! panic.
//!
//! Smaller damaged inputs (truncated and bit-flipped fixtures) are in `crates/read/tests`; the
//! fuzz corpora are replayed by `crates/robust/tests/corpora.rs`.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of the binary did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    secs: f64,
    peak_mib: f64,
}

/// Runs `saywho analyze --format jsonl FILE`, waits at most `limit`, and samples the child's
/// peak resident memory from the kernel while it runs.
fn analyze(path: &Path, limit: Duration) -> Run {
    let dir = path.parent().unwrap();
    let out_path = dir.join("stdout");
    let err_path = dir.join("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(["analyze", "--format", "jsonl"])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("run saywho analyze");
    let started = Instant::now();
    let mut peak_kib = 0.0f64;
    let status = loop {
        // The child's own high-water mark, read while it runs.
        if let Some(kib) = hwm_kib(child.id()) {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{} took over {limit:?}", path.display());
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let code = status.code();
    Run {
        code,
        stdout: std::fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned(),
        secs: started.elapsed().as_secs_f64(),
        peak_mib: peak_kib / 1024.0,
    }
}

/// The peak resident memory of a running process so far (VmHWM), in KiB.
fn hwm_kib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Analyses `bytes` written to `name` and checks what every bad input must satisfy: a normal
/// exit (0, or 1 with errors), no panic, the time and memory bounds, and every error line
/// naming the file.
fn check(dir: &Path, name: &str, bytes: &[u8], secs: u64, mib: f64) -> Run {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let run = analyze(&path, Duration::from_secs(secs));
    let _ = std::fs::remove_file(&path);
    eprintln!(
        "{name}: {} bytes, exit {:?} in {:.2}s, peak {:.0} MiB: {}",
        bytes.len(),
        run.code,
        run.secs,
        run.peak_mib,
        run.stderr
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(160)
            .collect::<String>()
    );
    assert!(
        matches!(run.code, Some(0) | Some(1)),
        "{name}: exit {:?}: {}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
    assert!(run.peak_mib < mib, "{name}: peak {:.0} MiB", run.peak_mib);
    for line in run.stderr.lines().filter(|l| l.contains("error")) {
        assert!(
            line.contains(name),
            "{name}: error without the input's name: {line}"
        );
    }
    run
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// A gzip file of `members` members, each undoing to 1 MiB of `byte`: a few KB that expand to
/// `members` MiB.
fn gzip_bomb(byte: u8, members: usize) -> Vec<u8> {
    let member = gzip(&vec![byte; 1 << 20]);
    member.repeat(members)
}

/// Sentences of a plausible article.
fn prose(sentences: usize) -> String {
    let mut text = String::new();
    for i in 0..sentences {
        text.push_str(&format!(
            "Councillor Jane Doe said the plan for bridge {i} would cost more than expected, and \
             the minister told reporters that nobody would stop it. "
        ));
        if i % 4 == 3 {
            text.push_str("\n\n");
        }
    }
    text
}

#[test]
fn empty_binary_and_invalid_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let run = check(tmp.path(), "empty.txt", b"", 20, 200.0);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("empty input"), "{}", run.stderr);

    let binary: Vec<u8> = (0..200_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let run = check(tmp.path(), "binary.dat", &binary, 20, 200.0);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("binary data"), "{}", run.stderr);

    let mut latin1 = b"\"Nous sommes pr\xeats,\" said Jos\xe9 Garc\xeda, the mayor.\n\n".repeat(50);
    latin1.extend_from_slice(b"\xff\xfe\xc3\x28 trailing bytes");
    let run = check(tmp.path(), "latin1.txt", &latin1, 20, 200.0);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stderr.contains("not UTF-8") || run.stderr.contains("invalid UTF-8"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("Garc"), "a sane result: {}", run.stdout);
}

#[test]
fn a_50_mb_single_line_is_refused_without_holding_it() {
    let tmp = tempfile::tempdir().unwrap();
    let line = "word, ".repeat(50 << 20 >> 3).into_bytes();
    assert!(line.len() >= 50 << 20 >> 1);
    let mut big = line.clone();
    big.extend_from_slice(&line);
    assert!(big.len() >= 50_000_000);
    let run = check(tmp.path(), "one-line.txt", &big, 60, 400.0);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("limit"), "{}", run.stderr);
    // The same line as one JSONL record: read past in bounded memory, the next line still read.
    let mut jsonl = b"{\"id\":\"huge\",\"text\":\"".to_vec();
    jsonl.extend_from_slice(&big);
    jsonl.extend_from_slice(b"\"}\n{\"id\":\"small\",\"text\":\"\\\"Yes,\\\" said Jane Doe.\"}\n");
    let run = check(tmp.path(), "one-line.jsonl", &jsonl, 60, 400.0);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("limit"), "{}", run.stderr);
    assert!(run.stdout.contains("\"small\""), "{}", run.stdout);
}

#[test]
fn ten_thousand_nested_elements_and_unbalanced_quotes() {
    let tmp = tempfile::tempdir().unwrap();
    let body = prose(12);
    let mut page = String::from("<html><head><title>Deep</title></head><body>");
    for i in 0..10_000 {
        page.push_str(if i % 2 == 0 { "<div>" } else { "<span>" });
    }
    page.push_str(&format!("<p>{body}</p>"));
    for i in (0..10_000).rev() {
        page.push_str(if i % 2 == 0 { "</div>" } else { "</span>" });
    }
    page.push_str("</body></html>");
    let run = check(tmp.path(), "nested.html", page.as_bytes(), 60, 600.0);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("nested.html"), "{}", run.stdout);
    // Unclosed elements, 10,000 deep, never closed at all.
    let unclosed = "<div><p>text ".repeat(10_000);
    check(tmp.path(), "unclosed.html", unclosed.as_bytes(), 60, 600.0);

    // A whole article (about 1 MB) that opens quotation marks and never closes them, with
    // stray marks of every style sprinkled through.
    let mut text = String::from("\u{201c}");
    let marks = [
        "\"",
        "\u{201c}",
        "\u{2018}",
        "'",
        "\u{ab}",
        "\u{201d}\u{201d}",
    ];
    for (i, sentence) in prose(5_000).split(". ").enumerate() {
        text.push_str(sentence);
        text.push_str(if i % 7 == 0 {
            marks[i % marks.len()]
        } else {
            ". "
        });
    }
    let run = check(tmp.path(), "unbalanced.txt", text.as_bytes(), 60, 600.0);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn gzip_bombs_stop_at_the_record_limit() {
    let tmp = tempfile::tempdir().unwrap();
    // 4 GiB of spaces in 4 MB: as text it is one record, cut at the 32 MiB limit.
    let bomb = gzip_bomb(b' ', 4096);
    let run = check(tmp.path(), "bomb.txt.gz", &bomb, 60, 400.0);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("limit"), "{}", run.stderr);
    // A bomb as the gzip-encoded body of one WARC response: the payload is inflated no further
    // than the limit, and the next record is still read.
    let payload = gzip_bomb(b'a', 64);
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
        payload.len()
    )
    .into_bytes();
    http.extend_from_slice(&payload);
    let mut warc = warc_record("https://bomb.example/", &http);
    warc.extend(warc_record("https://ok.example/", &page_response()));
    let run = check(tmp.path(), "bomb.warc", &warc, 60, 400.0);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("bomb.example"), "{}", run.stderr);
    assert!(run.stdout.contains("ok.example"), "{}", run.stdout);
}

#[test]
fn deeply_nested_json_is_a_bad_record() {
    let tmp = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let mut jsonl = format!(
        "{{\"id\":\"deep\",\"text\":\"x\",\"extra\":{}{}}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    jsonl.push_str(&format!("{}\n", "{\"a\":".repeat(depth)));
    jsonl.push_str("{\"id\":\"fine\",\"text\":\"\\\"We will win,\\\" said Jane Doe.\"}\n");
    let run = check(tmp.path(), "deep.jsonl", jsonl.as_bytes(), 30, 300.0);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("line 1") && run.stderr.contains("line 2"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("\"fine\""), "{}", run.stdout);
}

fn warc_record(uri: &str, http: &[u8]) -> Vec<u8> {
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn page_response() -> Vec<u8> {
    let body = format!(
        "<html><body><article><p>{}</p></article></body></html>",
        prose(3)
    );
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[test]
fn malformed_warc_headers_are_named_and_reading_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let good = warc_record("https://ok.example/", &page_response());
    let broken: [&[u8]; 7] = [
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\n",
        b"WARC/1.0\r\nWARC-Type: response\r\n\r\nno length at all\r\n\r\n",
        b"WARC/1.0\r\nthis line has no colon\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 12\r\n\r\nHTTP/1.1 \xff\xfe\r\n\r\n",
        b"WARC/9.9\r\nWARC-Type: \x00\x01\x02\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 50\r\n\r\ncut short",
    ];
    for (i, bad) in broken.iter().enumerate() {
        let mut warc = good.clone();
        warc.extend_from_slice(bad);
        warc.extend_from_slice(&good);
        let name = format!("malformed-{i}.warc");
        let run = check(tmp.path(), &name, &warc, 30, 300.0);
        assert!(run.stdout.contains("ok.example"), "{name}: {}", run.stdout);
    }
    // A header line of 20 MB with no line end: refused without buffering it.
    let mut endless = b"WARC/1.0\r\nWARC-Type: ".to_vec();
    endless.extend_from_slice(&vec![b'x'; 20 << 20]);
    let run = check(tmp.path(), "endless-header.warc", &endless, 30, 300.0);
    assert_eq!(run.code, Some(1));
}
