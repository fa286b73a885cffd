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
    /// The store cannot be written by this process (read-only files, directory or mount).
    #[error("store {path} is read-only: {reason} (ingest needs write access to the directory and its files)")]
    ReadOnly {
        /// The store directory.
        path: PathBuf,
        /// What could not be written.
        reason: String,
    },
    /// SQLite refused an operation.
    #[error("database {path}: {source}{}", full_hint_sql(source))]
    Sql {
        /// The database file.
        path: PathBuf,
        /// Why.
        #[source]
        source: rusqlite::Error,
    },
    /// The full-text index refused an operation.
    #[error("full-text index {path}: {source}{}", full_hint_index(source))]
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

/// Said after a write that failed for want of room, so the user knows what to fix.
const FULL_HINT: &str =
    " (writing failed: the disk is full or a file size limit was reached; free space and ingest \
     again, nothing committed is lost)";

/// ENOSPC and EFBIG: no room on the device, or over the process's file size limit.
fn is_full(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(28) | Some(27))
}

fn full_hint_sql(e: &rusqlite::Error) -> &'static str {
    use rusqlite::ffi::ErrorCode;
    match e.sqlite_error_code() {
        // SQLite reports EFBIG as a generic write I/O error, ENOSPC as "full".
        Some(ErrorCode::DiskFull) | Some(ErrorCode::SystemIoFailure) => FULL_HINT,
        _ => "",
    }
}

fn full_hint_index(e: &tantivy::TantivyError) -> &'static str {
    use std::error::Error;
    let mut cause: Option<&dyn Error> = Some(e);
    while let Some(c) = cause {
        if c.downcast_ref::<std::io::Error>().is_some_and(is_full) {
            return FULL_HINT;
        }
        cause = c.source();
    }
    // tantivy wraps some I/O failures in its own types without a source chain.
    let text = e.to_string();
    if text.contains("No space left") || text.contains("File too large") {
        FULL_HINT
    } else {
        ""
    }
}

/// The crate's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
