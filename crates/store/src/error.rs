//! What can go wrong with a store, each error naming the store so the user knows which one.

use std::path::PathBuf;

/// A failure of the store; every variant names the directory or file involved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store directory could not be created or is not writable.
    #[error("cannot use store directory {path}: {source}")]
    Dir {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// SQLite refused an operation.
    #[error("database {path}: {source}")]
    Sql {
        /// The database file.
        path: PathBuf,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// The full-text index refused an operation.
    #[error("full-text index {path}: {source}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: tantivy::TantivyError,
    },
    /// A search query could not be parsed.
    #[error("cannot parse search query {query:?}: {message}")]
    Query {
        /// The query as given.
        query: String,
        /// The parser's complaint.
        message: String,
    },
    /// The database was written by a newer saywho or is not a saywho store at all.
    #[error("{path} is not a saywho store this version can read: {message}")]
    Incompatible {
        /// The database file.
        path: PathBuf,
        /// What was found.
        message: String,
    },
    /// Stored JSON (authors, state blobs) could not be decoded.
    #[error("database {path}: corrupt stored value: {source}")]
    Json {
        /// The database file.
        path: PathBuf,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
}

/// The crate's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
