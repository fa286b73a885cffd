//! What can go wrong while serving, and how each failure is answered over HTTP.

use std::net::SocketAddr;

use axum::http::StatusCode;
use saywho_store::StoreError;

/// A failure of the server or of one request; each variant says what went wrong in words a
/// user can act on.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store could not be opened or read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// There is no store in the directory given.
    #[error("no saywho store in {} (create one with `saywho ingest PATH... --db {}`)", path.display(), path.display())]
    NoStore {
        /// The directory.
        path: std::path::PathBuf,
    },
    /// The listening socket could not be opened.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The server stopped on an I/O error.
    #[error("serving failed: {0}")]
    Io(#[source] std::io::Error),
    /// A non-loopback address was asked for without a token to guard the write endpoints.
    #[error(
        "listening on {addr} (not a loopback address) needs a token for the write endpoints: \
         give --token or set SAYWHO_TOKEN"
    )]
    TokenRequired {
        /// The address asked for.
        addr: SocketAddr,
    },
    /// The thing asked for does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The request is malformed (bad parameter, unreadable upload).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A write endpoint was called without the right token.
    #[error("this endpoint needs the server's token (Authorization: Bearer TOKEN, or the form's token field)")]
    Unauthorized,
    /// A worker thread failed; the request could not be answered.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServeError {
    /// The HTTP status that answers this failure.
    pub fn status(&self) -> StatusCode {
        match self {
            ServeError::NotFound(_) => StatusCode::NOT_FOUND,
            ServeError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ServeError::Unauthorized => StatusCode::UNAUTHORIZED,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = ServeError> = std::result::Result<T, E>;
