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
