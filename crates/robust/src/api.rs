//! The server's request handling, driven without a socket: the real router over a small store,
//! one request per input.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use saywho_model::Article;
use saywho_serve::{app, Config};
use saywho_store::{Mode, Store};
use tower::ServiceExt;

use crate::analyzer;

/// Bytes a fuzzer may put into a query string as they are; everything else is percent-encoded
/// so that the request line stays a valid URI (a server never sees an invalid one: the HTTP
/// layer refuses it first). `%` is among them, so broken escapes reach the parsers.
fn keep_raw(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"&=%+._~-,:;/?@!$'()*[]".contains(&b)
}

fn encode(bytes: &[u8], raw: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if raw(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The router of `saywho serve` over a store of three analysed articles in a temporary
/// directory, and a runtime to drive it; dropped, it removes the directory.
pub struct ApiHarness {
    router: axum::Router,
    runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

impl ApiHarness {
    /// Builds the store and the router; panics when that fails (a broken test set-up).
    pub fn new() -> ApiHarness {
        let dir = tempfile::tempdir().expect("temporary directory");
        {
            let mut store = Store::open(dir.path(), Mode::Write).expect("store");
            let articles = [
                ("a1", "The Daily Test", "2013-04-20", "George Galloway dismissed the Labour leader.\n\n\"He is a coward and a liar,\" Galloway said.", Some(7)),
                ("a2", "Evening Sample", "2013-04-21", "The Respect MP George Galloway hit back.\n\n\"Miliband is a coward,\" Galloway told reporters.", Some(7)),
                ("x<b>", "Markup <i>Gazette</i>", "2013-05-01", "\"<script>alert(1)</script> & more,\" said Jane Doe.", None),
            ];
            for (id, source, date, text, story) in articles {
                let mut a = Article::new(id, text);
                a.meta.source = Some(source.into());
                a.meta.date = Some(date.into());
                let analysis = analyzer().analyze(&a.text);
                store.put(&a, &analysis, story).expect("put");
            }
            store.flush().expect("flush");
        }
        let mut config = Config::new(dir.path().to_path_buf(), "127.0.0.1:0".parse().unwrap());
        config.body_limit = 256 * 1024;
        config.timeout = Duration::from_secs(20);
        config.readers = 2;
        let router = app(&config).expect("router");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        ApiHarness {
            router,
            runtime,
            _dir: dir,
        }
    }

    /// Turns `data` into one request (its first byte picks the route, the rest is the query
    /// string, path segment or body) and checks the answer: never a server error, and JSON
    /// from every successful API call.
    pub fn request(&self, data: &[u8]) {
        let Some((&pick, rest)) = data.split_first() else {
            return;
        };
        let query = encode(rest, keep_raw);
        let segment = encode(rest, |b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
        let get = |uri: String| Request::get(uri).body(Body::empty());
        let request = match pick % 12 {
            0 => get(format!("/api/quotes?{query}")),
            1 => get(format!("/?{query}")),
            2 => get(format!("/api/article?{query}")),
            3 => get(format!("/article?{query}")),
            4 => get(format!("/api/people?{query}")),
            5 => get(format!("/people?{query}")),
            6 => get(format!("/api/people/{segment}")),
            7 => get(format!("/person/{segment}")),
            8 => get(format!("/api/stories/{segment}")),
            9 => get(format!("/story/{segment}")),
            10 => {
                // "content type\nbody", so the content type is fuzzed too.
                let (kind, body) = match rest.iter().position(|&b| b == b'\n') {
                    Some(i) => (&rest[..i], &rest[i + 1..]),
                    None => (&b"application/json"[..], rest),
                };
                let mut r = Request::post("/api/analyze");
                if let Ok(kind) = header::HeaderValue::from_bytes(kind) {
                    r = r.header(header::CONTENT_TYPE, kind);
                }
                r.body(Body::from(body.to_vec()))
            }
            _ => Request::post("/ingest")
                .header(header::CONTENT_TYPE, "multipart/form-data; boundary=saywho")
                .body(Body::from(rest.to_vec())),
        };
        let Ok(request) = request else {
            return;
        };
        let uri = request.uri().to_string();
        let is_api = uri.starts_with("/api/");
        let (status, body) = self.runtime.block_on(async {
            let response = self
                .router
                .clone()
                .oneshot(request)
                .await
                .expect("the router is infallible");
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .map(|b| b.to_bytes())
                .unwrap_or_default();
            (status, body)
        });
        assert!(
            status.as_u16() < 500,
            "{uri} answered {status}: {}",
            String::from_utf8_lossy(&body)
        );
        if is_api && status == StatusCode::OK {
            assert!(
                serde_json::from_slice::<serde_json::Value>(&body).is_ok(),
                "{uri} answered 200 with a body that is not JSON"
            );
        }
    }
}

impl Default for ApiHarness {
    fn default() -> Self {
        ApiHarness::new()
    }
}
