//! The newsroom view of a saywho store: a JSON API and server-rendered HTML pages.
//!
//! `saywho serve` runs [`serve`] with a [`Config`]. Every route reads the store through a small
//! pool of read-only handles on blocking threads ([`query`] holds the queries, shared by the
//! API and the pages), so a slow query never stalls the async runtime. The API is described by
//! the OpenAPI document served at `/openapi.json`; the pages (search, article, story, person,
//! analyse) are plain HTML with one stylesheet and a few lines of script, all served from the
//! binary, no CDN.
//!
//! Safety: every request body is capped ([`Config::body_limit`]), every request has a deadline
//! ([`Config::timeout`]), a client must send its request head within
//! [`Config::header_timeout`] (slow and idle connections are closed), at most
//! [`Config::max_connections`] connections are served at once, all article text is
//! HTML-escaped, the default address is loopback,
//! and the write endpoints (`POST /api/analyze`, `POST /ingest`) need [`Config::token`] when
//! one is set; binding to a non-loopback address without a token is refused.

mod error;
mod html;
mod pool;
pub mod query;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use saywho_analyze::Analyzer;
use saywho_model::{Article, ArticleMeta};
use serde::Deserialize;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::{Result, ServeError};
pub use html::esc;
use pool::Pool;
use query::SearchParams;

/// The address served when none is given: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The store directory.
    pub db: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// The token write endpoints require; mandatory for a non-loopback address.
    pub token: Option<String>,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The longest a request may take before it is answered 503.
    pub timeout: Duration,
    /// How many store handles may be in use at once.
    pub readers: usize,
    /// The longest a client may take to send a request's head (and the longest an idle
    /// keep-alive connection is kept) before the connection is closed.
    pub header_timeout: Duration,
    /// How many connections are served at once; more wait in the listening queue.
    pub max_connections: usize,
}

impl Config {
    /// A configuration with the defaults: 2 MiB bodies, 30 s deadline, 10 s for a request
    /// head, 8 readers, 512 connections, no token.
    pub fn new(db: PathBuf, addr: SocketAddr) -> Config {
        Config {
            db,
            addr,
            token: None,
            body_limit: 2 << 20,
            timeout: Duration::from_secs(30),
            readers: 8,
            header_timeout: Duration::from_secs(10),
            max_connections: 512,
        }
    }

    /// Refuses a non-loopback address without a (non-empty) token.
    pub fn check(&self) -> Result<()> {
        let has_token = self.token.as_deref().is_some_and(|t| !t.is_empty());
        if !self.addr.ip().is_loopback() && !has_token {
            return Err(ServeError::TokenRequired { addr: self.addr });
        }
        Ok(())
    }
}

#[derive(Clone)]
struct AppState {
    pool: Arc<Pool>,
    analyzer: Arc<Analyzer>,
    token: Option<Arc<str>>,
    body_limit: usize,
}

impl AppState {
    /// Ok when no token is set or `given` is it (compared in constant time).
    fn authorise(&self, given: Option<&str>) -> Result<()> {
        let Some(token) = &self.token else {
            return Ok(());
        };
        let given = given.unwrap_or("").as_bytes();
        let want = token.as_bytes();
        let mut diff = u8::from(given.len() != want.len());
        for (i, w) in want.iter().enumerate() {
            diff |= w ^ given.get(i).copied().unwrap_or(0);
        }
        if diff == 0 {
            Ok(())
        } else {
            Err(ServeError::Unauthorized)
        }
    }
}

/// The application: every route with its limits, over the store at `config.db`.
///
/// Fails when the store cannot be opened.
pub fn app(config: &Config) -> Result<Router> {
    let state = AppState {
        pool: Arc::new(Pool::open(config.db.clone(), config.readers)?),
        analyzer: Arc::new(Analyzer::new()),
        token: config
            .token
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(Arc::from),
        body_limit: config.body_limit,
    };
    Ok(Router::new()
        .route("/", get(search_page))
        .route("/article", get(article_page))
        .route("/story/{id}", get(story_page))
        .route("/person/{id}", get(person_page))
        .route("/people", get(people_page))
        .route("/ingest", get(ingest_form).post(ingest_submit))
        .route("/assets/style.css", get(style))
        .route("/assets/app.js", get(script))
        .route("/openapi.json", get(openapi))
        .route("/api/health", get(api_health))
        .route("/api/articles", get(api_articles))
        .route("/api/article", get(api_article))
        .route("/api/quotes", get(api_quotes))
        .route("/api/people", get(api_people))
        .route("/api/people/{id}", get(api_person))
        .route("/api/stories", get(api_stories))
        .route("/api/stories/{id}", get(api_story))
        .route("/api/analyze", post(api_analyze))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            config.timeout,
        ))
        .with_state(state))
}

/// Serves until `shutdown` completes, after checking the address rule; calls `ready` with the
/// bound address (useful with port 0) once listening.
pub async fn serve(
    config: Config,
    ready: impl FnOnce(SocketAddr),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    config.check()?;
    let router = app(&config)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind {
            addr: config.addr,
            source,
        })?;
    let local = listener.local_addr().map_err(ServeError::Io)?;
    ready(local);
    // hyper directly rather than `axum::serve`, which gives no way to time out a client that
    // never finishes its request head (slowloris) or sits idle on a keep-alive connection.
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(config.header_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(config.max_connections.max(1)));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot
                .map_err(|e| ServeError::Internal(format!("connection slots: {e}")))?,
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or a connection reset before accept: wait a little
                // and go on rather than stop serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let connection =
            graceful.watch(http.serve_connection(hyper_util::rt::TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that goes away or sends garbage only ends its own connection.
            let _ = connection.await;
            drop(slot);
        });
    }
    // Requests in flight may finish, within one request deadline.
    let _ = tokio::time::timeout(config.timeout, graceful.shutdown()).await;
    Ok(())
}

/// A failure answered as JSON `{"error": "..."}`.
struct ApiError(ServeError);

impl<E: Into<ServeError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.0.to_string() });
        (self.0.status(), Json(body)).into_response()
    }
}

/// A failure answered as an HTML page.
struct PageError(ServeError);

impl<E: Into<ServeError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        (
            status,
            Html(html::error_page(status.as_u16(), &self.0.to_string())),
        )
            .into_response()
    }
}

type Api<T> = std::result::Result<Json<T>, ApiError>;
type PageResult = std::result::Result<Html<String>, PageError>;

async fn not_found() -> PageError {
    PageError(ServeError::NotFound("no such page".into()))
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../assets/style.css"),
    )
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../assets/app.js"),
    )
}

async fn openapi() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        include_str!("../assets/openapi.json"),
    )
}

// ---- JSON API ----

async fn api_health(State(s): State<AppState>) -> Api<serde_json::Value> {
    let counts = s.pool.with(|store| Ok(store.counts()?)).await?;
    Ok(Json(serde_json::json!({
        "ok": true,
        "articles": counts.articles,
        "quotes": counts.quotes,
        "persons": counts.persons,
    })))
}

async fn api_articles(State(s): State<AppState>) -> Api<Vec<saywho_store::ArticleSummary>> {
    Ok(Json(s.pool.with(query::articles).await?))
}

/// `?id=` of one article.
#[derive(Deserialize)]
struct IdParam {
    #[serde(default)]
    id: String,
}

async fn api_article(
    State(s): State<AppState>,
    Query(p): Query<IdParam>,
) -> Api<query::ArticleDetail> {
    Ok(Json(
        s.pool
            .with(move |store| query::article(store, &p.id))
            .await?,
    ))
}

async fn api_quotes(
    State(s): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Api<Vec<query::Hit>> {
    Ok(Json(
        s.pool.with(move |store| query::search(store, &p)).await?,
    ))
}

/// `?name=` of a person search.
#[derive(Deserialize)]
struct NameParam {
    #[serde(default)]
    name: String,
}

async fn api_people(
    State(s): State<AppState>,
    Query(p): Query<NameParam>,
) -> Api<Vec<saywho_store::PersonRecord>> {
    Ok(Json(
        s.pool
            .with(move |store| query::people_named(store, &p.name))
            .await?,
    ))
}

async fn api_person(State(s): State<AppState>, Path(id): Path<i64>) -> Api<query::PersonDetail> {
    Ok(Json(
        s.pool.with(move |store| query::person(store, id)).await?,
    ))
}

async fn api_stories(State(s): State<AppState>) -> Api<Vec<query::StorySummary>> {
    Ok(Json(s.pool.with(query::stories).await?))
}

async fn api_story(State(s): State<AppState>, Path(id): Path<String>) -> Api<query::StoryDetail> {
    Ok(Json(
        s.pool.with(move |store| query::story(store, &id)).await?,
    ))
}

/// A JSON body of `POST /api/analyze`.
#[derive(Deserialize)]
struct AnalyzeBody {
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

async fn api_analyze(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Api<query::ArticleDetail> {
    s.authorise(bearer(&headers))?;
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/plain")
        .to_ascii_lowercase();
    let article = if kind.starts_with("application/json") {
        let b: AnalyzeBody = serde_json::from_slice(&body)
            .map_err(|e| ServeError::BadRequest(format!("JSON body: {e}")))?;
        pasted(b.text, b.title, b.source)?
    } else if kind.starts_with("text/html") {
        uploaded("upload.html", body.to_vec(), s.body_limit)?
    } else {
        let text = String::from_utf8_lossy(&body).into_owned();
        pasted(text, None, None)?
    };
    Ok(Json(analyse(&s, article).await?))
}

/// An article from pasted text.
fn pasted(text: String, title: Option<String>, source: Option<String>) -> Result<Article> {
    if text.trim().is_empty() {
        return Err(ServeError::BadRequest("the text is empty".into()));
    }
    let clean = |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    Ok(Article {
        id: "pasted".into(),
        text,
        meta: ArticleMeta {
            title: clean(title),
            source: clean(source),
            ..Default::default()
        },
    })
}

/// The article of an uploaded page (or text file), read as saywho-read reads a file.
fn uploaded(name: &str, bytes: Vec<u8>, limit: usize) -> Result<Article> {
    let options = saywho_read::ReadOptions {
        max_record_bytes: limit as u64,
        progress: None,
    };
    let docs = saywho_read::read_bytes(name, bytes, saywho_read::InputFormat::Auto, &options)
        .map_err(|e| ServeError::BadRequest(e.to_string()))?;
    let mut last_err = None;
    for item in docs {
        match item {
            Ok(doc) => return Ok(doc.article),
            Err(e) => last_err = Some(e.to_string()),
        }
    }
    Err(ServeError::BadRequest(
        last_err.unwrap_or_else(|| format!("no article found in {name}")),
    ))
}

async fn analyse(s: &AppState, article: Article) -> Result<query::ArticleDetail> {
    let analyzer = s.analyzer.clone();
    tokio::task::spawn_blocking(move || query::analyze(&analyzer, &article))
        .await
        .map_err(|e| ServeError::Internal(format!("analysis failed: {e}")))
}

// ---- pages ----

async fn search_page(State(s): State<AppState>, Query(p): Query<SearchParams>) -> PageResult {
    let body = s
        .pool
        .with(move |store| {
            let filled = |f: &Option<String>| f.as_deref().is_some_and(|v| !v.trim().is_empty());
            let has_query = !p.q.trim().is_empty()
                || [&p.speaker, &p.about, &p.source, &p.since, &p.until]
                    .into_iter()
                    .any(filled);
            if has_query {
                let hits = query::search(store, &p)?;
                Ok(html::search_page(&p, Some(&hits), &[], &[]))
            } else {
                let stories = query::stories(store)?;
                let articles = query::articles(store)?;
                Ok(html::search_page(&p, None, &stories, &articles))
            }
        })
        .await?;
    Ok(Html(body))
}

async fn article_page(State(s): State<AppState>, Query(p): Query<IdParam>) -> PageResult {
    let d = s
        .pool
        .with(move |store| query::article(store, &p.id))
        .await?;
    Ok(Html(html::article_page(&d, None)))
}

async fn story_page(State(s): State<AppState>, Path(id): Path<String>) -> PageResult {
    let d = s.pool.with(move |store| query::story(store, &id)).await?;
    Ok(Html(html::story_page(&d)))
}

async fn person_page(State(s): State<AppState>, Path(id): Path<String>) -> PageResult {
    let id: i64 = id
        .parse()
        .map_err(|_| ServeError::NotFound(format!("no person {id:?}")))?;
    let d = s.pool.with(move |store| query::person(store, id)).await?;
    Ok(Html(html::person_page(&d)))
}

async fn people_page(State(s): State<AppState>, Query(p): Query<NameParam>) -> Response {
    let name = p.name.clone();
    match s
        .pool
        .with(move |store| query::people_named(store, &p.name))
        .await
    {
        Ok(found) if found.len() == 1 && !name.trim().is_empty() => {
            Redirect::to(&format!("/person/{}", found[0].id)).into_response()
        }
        Ok(found) => Html(html::people_page(&name, &found)).into_response(),
        Err(e) => PageError(e).into_response(),
    }
}

async fn ingest_form(State(s): State<AppState>) -> Html<String> {
    Html(html::ingest_page(s.token.is_some(), s.body_limit))
}

async fn ingest_submit(State(s): State<AppState>, mut form: Multipart) -> PageResult {
    let (mut text, mut title, mut source, mut token) = (String::new(), None, None, None);
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| ServeError::BadRequest(format!("form: {e}")))?
    {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ServeError::BadRequest(format!("form field {name}: {e}")))?;
        let as_text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "text" => text = as_text(),
            "title" => title = Some(as_text()),
            "source" => source = Some(as_text()),
            "token" => token = Some(as_text()),
            "file" if !bytes.is_empty() => {
                file = Some((
                    file_name.unwrap_or_else(|| "upload.html".into()),
                    bytes.to_vec(),
                ))
            }
            _ => {}
        }
    }
    s.authorise(token.as_deref())?;
    let mut article = match file {
        Some((name, bytes)) => uploaded(&name, bytes, s.body_limit)?,
        None => pasted(text, title.clone(), source.clone())?,
    };
    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
        article.meta.title = Some(t.trim().to_string());
    }
    if let Some(src) = source.filter(|t| !t.trim().is_empty()) {
        article.meta.source = Some(src.trim().to_string());
    }
    let d = analyse(&s, article).await?;
    Ok(Html(html::article_page(
        &d,
        Some("Analysed on the fly; not added to the store."),
    )))
}
