//! End to end in a real browser: ingest the seed articles, start `saywho serve` on a free
//! loopback port, drive headless Chromium through chromedriver (W3C WebDriver over HTTP, spoken
//! here directly), search "coward", open the story, and check that both outlets and George
//! Galloway's highlighted quotations are on the page. Screenshots are kept under
//! `target/artifacts/` in the workspace.
//!
//! Skips, loudly, when Chromium, chromedriver or `../shared/seeds` are absent.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Kills and reaps a child process when dropped, so no server or driver outlives the test.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn skip(why: &str) {
    eprintln!("\n\n######## SKIPPED serve_browser: {why} ########\n\n");
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A minimal W3C WebDriver session.
struct Session {
    http: reqwest::blocking::Client,
    base: String,
}

impl Session {
    fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{}", self.base, path);
        let mut req = self.http.request(method, &url);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req
            .send()
            .unwrap_or_else(|e| panic!("webdriver {url}: {e}"));
        let status = resp.status();
        let v: Value = resp.json().unwrap_or(Value::Null);
        assert!(status.is_success(), "webdriver {url}: {status} {v}");
        v["value"].clone()
    }
    fn post(&self, path: &str, body: Value) -> Value {
        self.call(reqwest::Method::POST, path, Some(body))
    }
    fn get(&self, path: &str) -> Value {
        self.call(reqwest::Method::GET, path, None)
    }
    fn goto(&self, url: &str) {
        self.post("/url", json!({ "url": url }));
    }
    fn find(&self, css: &str) -> String {
        let v = self.post("/element", json!({"using": "css selector", "value": css}));
        v[ELEMENT].as_str().expect("element id").to_string()
    }
    fn js(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({ "script": script, "args": [] }))
    }
    /// Waits (up to 15 s) until `condition`, a JS expression, is true on the page: a click
    /// that submits a form may return before the next page has loaded.
    fn wait_for(&self, condition: &str) -> bool {
        let started = Instant::now();
        let script = format!("try {{ return !!({condition}); }} catch (e) {{ return false; }}");
        while started.elapsed() < Duration::from_secs(15) {
            if self.js(&script) == Value::Bool(true) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    fn screenshot(&self, path: &Path, width: u32) {
        // Start small: scrollHeight is never less than the window, so a window left tall by
        // the previous page would pad this one.
        self.post("/window/rect", json!({ "width": width, "height": 600 }));
        let height = self
            .js("return Math.min(document.documentElement.scrollHeight, 6000);")
            .as_u64()
            .unwrap_or(900)
            .max(400);
        self.post(
            "/window/rect",
            json!({ "width": width, "height": height + 120 }),
        );
        // The page reflows at the new width; measure again so nothing is cut.
        let height = self
            .js("return Math.min(document.documentElement.scrollHeight, 6000);")
            .as_u64()
            .unwrap_or(900)
            .max(400);
        self.post(
            "/window/rect",
            json!({ "width": width, "height": height + 120 }),
        );
        let b64 = self.get("/screenshot");
        let png = base64_decode(b64.as_str().expect("screenshot data"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        std::fs::write(path, png).expect("writing screenshot");
        eprintln!("serve_browser: screenshot {}", path.display());
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn search_open_story_see_highlighted_quotations() {
    let seeds = workspace().join("../shared/seeds");
    let mut seed_files: Vec<PathBuf> = match std::fs::read_dir(&seeds) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect(),
        Err(_) => Vec::new(),
    };
    seed_files.sort();
    if seed_files.len() < 2 {
        return skip(&format!("no seed articles in {}", seeds.display()));
    }
    for tool in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(tool).exists() {
            return skip(&format!(
                "{tool} is absent (apt-get install -y chromium chromium-driver)"
            ));
        }
    }
    let artifacts = workspace().join("target/artifacts");
    std::fs::create_dir_all(&artifacts).expect("artifacts dir");
    let exe = env!("CARGO_BIN_EXE_saywho");
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");

    let out = Command::new(exe)
        .arg("ingest")
        .arg("--db")
        .arg(&db)
        .args(&seed_files)
        .output()
        .expect("running saywho ingest");
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The server picks its own port (127.0.0.1:0) and says which on its first line.
    let mut server = Reaped(
        Command::new(exe)
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(&db)
            .env_remove("SAYWHO_TOKEN")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting saywho serve"),
    );
    let stderr = server.0.stderr.take().expect("server stderr");
    let mut line = String::new();
    BufReader::new(stderr)
        .read_line(&mut line)
        .expect("server's first line");
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();

    let port = free_port();
    let _driver = Reaped(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting chromedriver"),
    );
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let driver = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        let ready = http
            .get(format!("{driver}/status"))
            .send()
            .ok()
            .and_then(|r| r.json::<Value>().ok())
            .is_some_and(|v| v["value"]["ready"] == true);
        if ready {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = tmp.path().join("chromium-profile");
    let caps = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    }}});
    let resp: Value = http
        .post(format!("{driver}/session"))
        .json(&caps)
        .send()
        .expect("new session")
        .json()
        .expect("session reply");
    let id = resp["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {resp}"))
        .to_string();
    let s = Session {
        http: http.clone(),
        base: format!("{driver}/session/{id}"),
    };
    // Ends the browser session even when an assertion fails.
    struct End<'a>(&'a Session);
    impl Drop for End<'_> {
        fn drop(&mut self) {
            let _ = self.0.http.delete(&self.0.base).send();
        }
    }
    let _end = End(&s);
    s.post("/window/rect", json!({ "width": 1280, "height": 900 }));

    // Search "coward" from the search box.
    s.goto(&format!("{base}/"));
    let q = s.find("#q");
    s.post(&format!("/element/{q}/value"), json!({ "text": "coward" }));
    let button = s.find("form.search button");
    s.post(&format!("/element/{button}/click"), json!({}));
    s.wait_for("document.querySelector('li.hit')");
    let hits =
        s.js("return Array.from(document.querySelectorAll('li.hit')).map(h => h.innerText);");
    let hits = hits.as_array().expect("hits");
    assert!(!hits.is_empty(), "search for coward found nothing");
    assert!(
        hits.iter().any(|h| h
            .as_str()
            .is_some_and(|t| t.contains("Galloway") && t.contains("coward"))),
        "a Galloway quotation with 'coward' among {hits:?}"
    );
    s.screenshot(&artifacts.join("serve-search-coward.png"), 1280);

    // Open the story of the first hit.
    let link = s.find("li.hit a.story-link");
    s.post(&format!("/element/{link}/click"), json!({}));
    s.wait_for("document.querySelector('section.col')");
    let url = s.get("/url");
    assert!(
        url.as_str().is_some_and(|u| u.contains("/story/")),
        "on a story page: {url}"
    );
    let outlets = s.js(
        "return Array.from(document.querySelectorAll('section.col')).map(c => c.dataset.outlet);",
    );
    let outlets: Vec<&str> = outlets
        .as_array()
        .expect("outlets")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for f in &seed_files {
        let name = f.file_name().unwrap().to_string_lossy();
        assert!(
            outlets.contains(&name.as_ref()),
            "outlet {name} side by side in {outlets:?}"
        );
    }
    // Galloway's quotations are marked in every column, in a real colour.
    let marks = s.js(
        "return Array.from(document.querySelectorAll('section.col')).map(c => \
           Array.from(c.querySelectorAll('mark.q')).filter(m => (m.dataset.speaker || '').includes('Galloway')) \
             .map(m => [m.className, getComputedStyle(m).backgroundColor, getComputedStyle(m).borderBottomStyle]));",
    );
    let cols = marks.as_array().expect("marks per column");
    assert_eq!(cols.len(), outlets.len());
    for (i, col) in cols.iter().enumerate() {
        let col = col.as_array().expect("marks");
        assert!(
            !col.is_empty(),
            "no Galloway quotation highlighted in {}",
            outlets[i]
        );
        let visible = col.iter().all(|m| {
            let bg = m[1].as_str().unwrap_or("");
            let border = m[2].as_str().unwrap_or("");
            (bg != "rgba(0, 0, 0, 0)" && bg != "transparent") || border == "dashed"
        });
        assert!(visible, "Galloway marks are coloured or outlined: {col:?}");
    }
    let page_text = s.js("return document.body.innerText;");
    assert!(page_text
        .as_str()
        .is_some_and(|t| t.contains("Who said what about whom")));
    s.screenshot(&artifacts.join("serve-story.png"), 1280);
    // The columns themselves, at reading size: scroll them into a desktop-sized viewport.
    s.post("/window/rect", json!({ "width": 1280, "height": 1000 }));
    s.js("document.querySelector('.cols').scrollIntoView(); return null;");
    let png = base64_decode(s.get("/screenshot").as_str().expect("screenshot data"));
    std::fs::write(artifacts.join("serve-story-columns.png"), png).expect("writing screenshot");
    s.screenshot(&artifacts.join("serve-story-phone.png"), 390);

    // Galloway's person page: aliases, timeline and stance charts.
    let href = s.js(
        "const a = Array.from(document.querySelectorAll('section.col a.chip')) \
           .find(a => a.textContent.includes('Galloway')); return a ? a.href : null;",
    );
    let href = href.as_str().expect("a person chip for Galloway");
    s.goto(href);
    let url = s.get("/url");
    assert!(
        url.as_str().is_some_and(|u| u.contains("/person/")),
        "{url}"
    );
    assert!(s
        .js("return document.querySelectorAll('svg.chart').length;")
        .as_u64()
        .is_some_and(|n| n >= 1));
    s.screenshot(&artifacts.join("serve-person.png"), 1280);

    // The analyse page: pasted text, then an uploaded saved page, each shown analysed.
    s.goto(&format!("{base}/ingest"));
    let area = s.find("textarea[name=text]");
    s.post(
        &format!("/element/{area}/value"),
        json!({ "text": "\"We will win the vote <easily>,\" said Jane Doe, the minister." }),
    );
    let button = s.find("form.ingest button");
    s.post(&format!("/element/{button}/click"), json!({}));
    s.wait_for("document.querySelector('article mark.q')");
    let jane = s.js(
        "return Array.from(document.querySelectorAll('mark.q')).filter(m => m.dataset.speaker === 'Jane Doe').map(m => m.textContent);",
    );
    assert!(
        jane.as_array().is_some_and(|m| m
            .iter()
            .any(|t| t.as_str().is_some_and(|t| t.contains("<easily>")))),
        "pasted text analysed and shown as text: {jane}"
    );
    s.screenshot(&artifacts.join("serve-ingest-phone.png"), 390);
    let page = tmp.path().join("saved-page.html");
    std::fs::write(
        &page,
        "<html><head><title>Row deepens</title></head><body><nav>Home | News</nav><article>\
         <h1>Row deepens</h1><p>\"He is a coward and a liar,\" George Galloway told reporters \
         outside parliament on Monday afternoon.</p><p>Ed Miliband said the remarks were awful \
         and showed why he would never be readmitted.</p></article></body></html>",
    )
    .expect("writing the page to upload");
    s.goto(&format!("{base}/ingest"));
    let file = s.find("input[name=file]");
    s.post(
        &format!("/element/{file}/value"),
        json!({ "text": page.display().to_string() }),
    );
    let button = s.find("form.ingest button");
    s.post(&format!("/element/{button}/click"), json!({}));
    s.wait_for("document.querySelector('article mark.q')");
    let shown =
        s.js("return document.location.href + ' :: ' + document.body.innerText.slice(0, 300);");
    let speakers =
        s.js("return Array.from(document.querySelectorAll('mark.q')).map(m => m.dataset.speaker);");
    assert!(
        speakers
            .as_array()
            .is_some_and(|m| m.iter().any(|t| t.as_str() == Some("George Galloway"))),
        "uploaded page analysed: {speakers}; the page shows {shown}"
    );
    s.screenshot(&artifacts.join("serve-ingest-upload.png"), 1280);
}
