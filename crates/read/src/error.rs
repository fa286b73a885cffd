//! Why an input or a record could not be read; every message names the input.

use thiserror::Error;

/// A failure to read an input or one record of it.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The path does not exist or cannot be opened.
    #[error("cannot open {input}: {source}")]
    Open {
        /// The input as named by the user.
        input: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A directory was given where a file was expected.
    #[error("{input}: is a directory")]
    IsDirectory {
        /// The input as named by the user.
        input: String,
    },
    /// Reading failed part way.
    #[error("{input}: read failed: {source}")]
    Io {
        /// The input as named by the user.
        input: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The input holds no text at all.
    #[error("{input}: empty input, no article to analyse")]
    Empty {
        /// The input as named by the user.
        input: String,
    },
    /// The input is not text (it holds NUL bytes).
    #[error("{input}: binary data, not text (NUL byte at offset {offset})")]
    Binary {
        /// The input as named by the user.
        input: String,
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// One record of a multi-record input is malformed; the others are still read.
    #[error("{input}: record {record}: {reason}")]
    BadRecord {
        /// The input as named by the user.
        input: String,
        /// Which record (line number for JSONL).
        record: String,
        /// What is wrong with it.
        reason: String,
    },
}
