//! The API and pages over a small store built here: JSON shapes, filters, escaping, limits,
//! the token rule, and a real server on an ephemeral loopback port.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use saywho_analyze::Analyzer;
use saywho_model::Article;
use saywho_serve::{app, Config};
use saywho_store::{Mode, Store};
use tower::ServiceExt;

/// Two outlets' takes on one story, one article with markup in its text, all analysed for real.
fn build_store(dir: &Path) {
    let mut store = Store::open(dir, Mode::Write).expect("store");
    let analyzer = Analyzer::new();
    let mut put = |id: &str, source: &str, date: &str, text: &str, story: Option<i64>| {
        let mut a = Article::new(id, text);
        a.meta.source = Some(source.into());
        a.meta.date = Some(date.into());
        a.meta.title = Some(format!("{source} on the row"));
        let analysis = analyzer.analyze(&a.text);
        store.put(&a, &analysis, story).expect("put");
    };
    put(
        "a1",
        "The Daily Test",
        "2013-04-20",
        "George Galloway dismissed the Labour leader.\n\n\"He is a coward and a liar,\" Galloway said.\n\nEd Miliband said the views were awful.",
        Some(7),
    );
    put(
        "a2",
        "Evening Sample",
        "2013-04-21",
        "The Respect MP George Galloway hit back.\n\n\"Miliband is a coward,\" Galloway told reporters.",
        Some(7),
    );
    put(
        "x<script>",
        "Markup <b>Gazette</b>",
        "2013-05-01",
        "\"<script>alert(1)</script> & more,\" said Jane Doe.",
        None,
    );
    store.flush().expect("flush");
}

fn config(dir: &Path) -> Config {
    let mut c = Config::new(dir.to_path_buf(), "127.0.0.1:0".parse().unwrap());
    c.body_limit = 64 * 1024;
    c.timeout = Duration::from_secs(10);
    c
}

async fn get(router: &axum::Router, uri: &str) -> (StatusCode, String) {
    let resp = router
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn api_search_article_story_and_openapi() {
    let dir = tempfile::tempdir().unwrap();
    build_store(dir.path());
    let router = app(&config(dir.path())).unwrap();

    let (status, body) = get(&router, "/api/quotes?q=coward").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hits: serde_json::Value = serde_json::from_str(&body).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2, "{body}");
    assert!(hits.iter().all(|h| h["speaker_name"]
        .as_str()
        .is_some_and(|s| s.contains("Galloway"))));

    let (_, body) = get(&router, "/api/quotes?q=coward&source=evening").await;
    let hits: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1, "{body}");
    assert_eq!(hits[0]["outlet"], "Evening Sample");

    let (_, body) = get(
        &router,
        "/api/quotes?q=coward&since=2013-04-21&until=2013-04-21",
    )
    .await;
    let hits: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1, "{body}");

    let (status, body) = get(&router, "/api/quotes?q=coward&since=yesterday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("YYYY-MM-DD"));

    let (status, body) = get(&router, "/api/article?id=a1").await;
    assert_eq!(status, StatusCode::OK);
    let a: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(a["story"], 7);
    assert!(
        a["analysis"]["quotes"].as_array().unwrap().len() >= 2,
        "{body}"
    );

    let (status, _) = get(&router, "/api/article?id=nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, body) = get(&router, "/api/stories/7").await;
    assert_eq!(status, StatusCode::OK);
    let s: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(s["comparison"]["articles"].as_array().unwrap().len(), 2);
    let (status, _) = get(&router, "/api/stories/a2").await;
    assert_eq!(status, StatusCode::OK, "a story by one of its articles");
    let (status, _) = get(&router, "/api/stories/99").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (_, body) = get(&router, "/api/stories").await;
    let s: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(s[0]["id"], 7);
    assert_eq!(s[0]["articles"], 2);

    let (_, body) = get(&router, "/api/articles").await;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let (status, body) = get(&router, "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    for path in [
        "/api/quotes",
        "/api/article",
        "/api/stories/{id}",
        "/api/people/{id}",
        "/api/analyze",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} documented");
    }

    let (status, _) = get(&router, "/api/people/notanumber").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = get(&router, "/api/people/123456").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_highlight_and_escape() {
    let dir = tempfile::tempdir().unwrap();
    build_store(dir.path());
    let router = app(&config(dir.path())).unwrap();

    let (status, body) = get(&router, "/?q=coward").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("href=\"/story/7\""), "{body}");
    assert!(body.contains("Evening Sample") && body.contains("The Daily Test"));

    let (_, body) = get(&router, "/story/7").await;
    assert_eq!(body.matches("<section class=\"col\"").count(), 2, "{body}");
    assert!(body.contains("data-speaker=\"George Galloway\""), "{body}");
    assert!(body.contains("<u class=\"cue\">"));

    let (_, body) = get(&router, "/article?id=x%3Cscript%3E").await;
    assert!(
        !body.contains("<script>alert"),
        "article text is escaped: {body}"
    );
    assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
    assert!(!body.contains("<b>Gazette</b>"));

    let (_, body) = get(&router, "/?q=%3Cimg%20src%3Dx%3E").await;
    assert!(!body.contains("<img src=x>"), "the query is escaped");

    let (status, body) = get(&router, "/story/%3Cb%3E").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("<b>"));

    let (status, css) = get(&router, "/assets/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(css.contains(".c0"));
    let (status, _) = get(&router, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn analyze_limits_and_token() {
    let dir = tempfile::tempdir().unwrap();
    build_store(dir.path());
    let router = app(&config(dir.path())).unwrap();
    let post = |body: Vec<u8>, kind: &str, token: Option<&str>| {
        let mut r = Request::post("/api/analyze").header(header::CONTENT_TYPE, kind);
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        r.body(Body::from(body)).unwrap()
    };
    let text = b"\"We will win,\" said Jane Doe, the minister.".to_vec();
    let resp = router
        .clone()
        .oneshot(post(text.clone(), "text/plain", None))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let d: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(d["analysis"]["quotes"][0]["speaker"]["name"], "Jane Doe");

    let page = b"<html><head><title>T</title></head><body><article><p>\"We will win the vote tomorrow,\" said Jane Doe, the minister, speaking to reporters outside parliament on Monday.</p><p>She added that the party was united behind the plan and would not back down.</p></article></body></html>".to_vec();
    let resp = router
        .clone()
        .oneshot(post(page, "text/html", None))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);

    let resp = router
        .clone()
        .oneshot(post(Vec::new(), "text/plain", None))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = router
        .clone()
        .oneshot(post(b"{not json".to_vec(), "application/json", None))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);

    let big = vec![b'a'; 65 * 1024];
    let resp = router
        .clone()
        .oneshot(post(big, "text/plain", None))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // With a token, writes need it.
    let mut c = config(dir.path());
    c.token = Some("s3cret".into());
    let guarded = app(&c).unwrap();
    let resp = guarded
        .clone()
        .oneshot(post(text.clone(), "text/plain", None))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let resp = guarded
        .clone()
        .oneshot(post(text.clone(), "text/plain", Some("wrong")))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let resp = guarded
        .clone()
        .oneshot(post(text, "text/plain", Some("s3cret")))
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);

    // A non-loopback address without a token is refused; with one it is allowed.
    let mut open = config(dir.path());
    open.addr = "0.0.0.0:0".parse().unwrap();
    assert!(open.check().is_err());
    open.token = Some("t".into());
    assert!(open.check().is_ok());
    assert!(config(dir.path()).check().is_ok());
}

#[tokio::test]
async fn real_server_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    build_store(dir.path());
    let (tx, rx) = tokio::sync::oneshot::channel::<SocketAddr>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(saywho_serve::serve(
        config(dir.path()),
        move |addr| {
            let _ = tx.send(addr);
        },
        async move {
            let _ = stop_rx.await;
        },
    ));
    let addr = rx.await.expect("server started");
    assert!(addr.ip().is_loopback());
    let client = reqwest::Client::new();
    let resp = client
        .get(format!(
            "http://{addr}/api/quotes?q=coward&speaker=Galloway"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let hits: serde_json::Value = resp.json().await.unwrap();
    assert!(!hits.as_array().unwrap().is_empty());
    let resp = client.get(format!("http://{addr}/")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.text().await.unwrap().contains("Story 7"));
    let _ = stop_tx.send(());
    server.await.unwrap().unwrap();
}

#[test]
fn missing_store_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = app(&config(&dir.path().join("nothing-here")));
    assert!(err.is_err());
}

/// A real server with short limits on an ephemeral loopback port, on a runtime of its own so
/// the test can use plain blocking sockets as a misbehaving client would.
struct LimitedServer {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<saywho_serve::Result<()>>>,
}

impl LimitedServer {
    fn start(dir: &Path) -> LimitedServer {
        let mut c = config(dir);
        c.header_timeout = Duration::from_millis(600);
        c.timeout = Duration::from_millis(1500);
        let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(saywho_serve::serve(
                c,
                move |addr| {
                    let _ = tx.send(addr);
                },
                async move {
                    let _ = stopped.await;
                },
            ))
        });
        LimitedServer {
            addr: rx.recv().expect("server started"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn connect(&self) -> std::net::TcpStream {
        let stream = std::net::TcpStream::connect(self.addr).unwrap();
        stream
            .set_write_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        stream
    }

    fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.thread.take().unwrap().join().unwrap().unwrap();
    }
}

/// Reads until the server closes the connection (or `within` passes); returns what was read
/// and whether the connection was closed.
fn read_until_closed(stream: &mut std::net::TcpStream, within: Duration) -> (String, bool) {
    use std::io::Read;
    let deadline = std::time::Instant::now() + within;
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return (String::from_utf8_lossy(&got).into_owned(), false);
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return (String::from_utf8_lossy(&got).into_owned(), true),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return (String::from_utf8_lossy(&got).into_owned(), false)
            }
            Err(_) => return (String::from_utf8_lossy(&got).into_owned(), true),
        }
    }
}

/// One request on a fresh connection; the answer's status line.
fn status_line(server: &LimitedServer, request: &[u8]) -> String {
    use std::io::Write;
    let mut stream = server.connect();
    // A server that answers before the whole request is sent may stop reading it.
    let _ = stream.write_all(request);
    let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(5));
    answer.lines().next().unwrap_or("").to_string()
}

#[test]
fn slow_and_idle_clients_are_cut_off_while_others_are_served() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    build_store(dir.path());
    let server = LimitedServer::start(dir.path());

    // An idle connection, and one that sends its request head a byte at a time (slowloris).
    let mut idle = server.connect();
    let mut slow = server.connect();
    let trickle = std::thread::spawn(move || {
        let started = std::time::Instant::now();
        for b in b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: "
            .iter()
            .cycle()
        {
            if slow.write_all(&[*b]).is_err() || started.elapsed() > Duration::from_secs(10) {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        started.elapsed()
    });
    // Meanwhile an ordinary client is served.
    let ok = status_line(
        &server,
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(ok.starts_with("HTTP/1.1 200"), "{ok}");

    let started = std::time::Instant::now();
    let (_, closed) = read_until_closed(&mut idle, Duration::from_secs(5));
    assert!(closed, "an idle connection is closed");
    assert!(started.elapsed() < Duration::from_secs(3));
    let trickled = trickle.join().unwrap();
    assert!(
        trickled < Duration::from_secs(5),
        "a client trickling its request head is cut off after the header timeout, not after {trickled:?}"
    );

    // A body that never arrives: the request deadline answers 503 and frees the worker.
    let started = std::time::Instant::now();
    let answer = status_line(
        &server,
        b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n\"We will",
    );
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(started.elapsed() < Duration::from_secs(4));
    server.stop();
}

#[test]
fn oversized_bodies_are_refused_without_being_read() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    build_store(dir.path());
    let server = LimitedServer::start(dir.path());

    // Announced as too large: refused at once, before any of the body is sent.
    let answer = status_line(
        &server,
        b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 500000000\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    // Chunked, with no length announced: cut off once past the limit, long before the
    // client is done sending.
    let mut chunked = server.connect();
    chunked
        .write_all(b"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
        .unwrap();
    let chunk = format!("1000\r\n{}\r\n", "a".repeat(4096));
    let mut sent = 0;
    // A server that stopped reading makes a write time out: that is being cut off too.
    while sent < 2000 && chunked.write_all(chunk.as_bytes()).is_ok() {
        sent += 1;
    }
    let (answer, closed) = read_until_closed(&mut chunked, Duration::from_secs(3));
    assert!(
        answer.starts_with("HTTP/1.1 413") || (closed && sent < 2000),
        "after {sent} chunks of 4 KiB: {answer}"
    );

    // Multipart uploads are capped the same way.
    let form = format!(
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.html\"\r\n\r\n{}\r\n--b--\r\n",
        "a".repeat(100 * 1024)
    );
    let mut request = format!(
        "POST /ingest HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {}\r\n\r\n",
        form.len()
    )
    .into_bytes();
    request.extend_from_slice(form.as_bytes());
    let answer = status_line(&server, &request);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    server.stop();
}
