//! Why an input or a record could not be read; every message names the input, and the record
//! when there is one, so a user can find the bad bytes in a corpus of millions.

use thiserror::Error;

/// A failure to read an input or one record of it.
///
/// Errors about one record are items of the document stream: the reader goes on with the next
/// record after yielding one. [`ReadError::kind`] gives the short reason used to count skips.
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
    /// A directory was given where a file was expected (kept for callers that match on it;
    /// [`crate::open`] now walks directories).
    #[error("{input}: is a directory")]
    IsDirectory {
        /// The input as named by the user.
        input: String,
    },
    /// Reading failed part way (a truncated gzip stream, a disk error); the rest of this input
    /// cannot be read, but other inputs still are.
    #[error("{input}: read failed{}: {source}", at_record(.record))]
    Io {
        /// The input as named by the user.
        input: String,
        /// What the operating system or the decompressor said.
        source: std::io::Error,
        /// The record being read when it failed, when the input has records.
        record: Option<String>,
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
        /// Which record (line number for JSONL, number and URL for WARC, item for feeds).
        record: String,
        /// What is wrong with it.
        reason: String,
        /// The short reason under which the skip is counted ("not JSON", "no article text").
        kind: &'static str,
    },
    /// A record is larger than the configured limit; it was skipped without being held in
    /// memory, so one enormous record cannot exhaust the machine.
    #[error("{input}: record {record}: {size} bytes, over the {limit}-byte limit; skipped")]
    TooLarge {
        /// The input as named by the user.
        input: String,
        /// Which record.
        record: String,
        /// Its size in bytes (at least this much when it was not read to the end).
        size: u64,
        /// The limit in force ([`crate::ReadOptions::max_record_bytes`]).
        limit: u64,
    },
    /// A feed parsed but carried no item to read.
    #[error("{input}: feed has no items")]
    EmptyFeed {
        /// The input as named by the user.
        input: String,
    },
}

fn at_record(record: &Option<String>) -> String {
    match record {
        Some(r) => format!(" at record {r}"),
        None => String::new(),
    }
}

impl ReadError {
    /// A short, stable reason for end-of-run summaries that count skips by cause.
    pub fn kind(&self) -> &'static str {
        match self {
            ReadError::Open { .. } => "cannot open",
            ReadError::IsDirectory { .. } => "is a directory",
            ReadError::Io { .. } => "read failed or truncated",
            ReadError::Empty { .. } => "empty",
            ReadError::Binary { .. } => "binary data",
            ReadError::BadRecord { kind, .. } => kind,
            ReadError::TooLarge { .. } => "too large",
            ReadError::EmptyFeed { .. } => "feed with no items",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_input_and_record() {
        let err = ReadError::TooLarge {
            input: "a.warc.gz".into(),
            record: "7 (https://x.test/)".into(),
            size: 100,
            limit: 10,
        };
        assert_eq!(
            err.to_string(),
            "a.warc.gz: record 7 (https://x.test/): 100 bytes, over the 10-byte limit; skipped"
        );
        assert_eq!(err.kind(), "too large");
        let io = ReadError::Io {
            input: "b.gz".into(),
            source: std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "truncated"),
            record: Some("3".into()),
        };
        assert_eq!(io.to_string(), "b.gz: read failed at record 3: truncated");
    }
}
