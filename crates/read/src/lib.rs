//! Reading inputs into [`Article`]s: one file, a directory, or standard input, in any of the
//! formats saywho accepts. Readers stream: a JSONL corpus of any size is read record by record.
//!
//! A problem with one record (a line that is not JSON, an empty file among many) is an item of
//! the stream, not the end of it, so callers report it and go on with the next record.

mod error;
mod jsonl;
mod text;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::str::FromStr;

pub use error::ReadError;
use saywho_model::Article;

/// The format of an input, as named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide from the path's extension and the content.
    Auto,
    /// The whole input is one article.
    Text,
    /// One JSON object per line, each an article.
    Jsonl,
}

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(InputFormat::Auto),
            "text" | "txt" => Ok(InputFormat::Text),
            "jsonl" | "json" => Ok(InputFormat::Jsonl),
            other => Err(format!(
                "unknown input format '{other}' (expected auto, text or jsonl)"
            )),
        }
    }
}

/// An article as read, with anything the reader had to repair on the way.
#[derive(Clone, Debug)]
pub struct Document {
    /// The article.
    pub article: Article,
    /// Repairs worth telling the user about ("invalid UTF-8 replaced").
    pub warnings: Vec<String>,
}

/// One item of an input stream: an article, or the reason a record was skipped.
pub type ReadResult = Result<Document, ReadError>;

/// A stream of articles from one input.
pub type Documents = Box<dyn Iterator<Item = ReadResult> + Send>;

/// Opens `input` (a path, or `-` for standard input) as a stream of articles.
///
/// Fails at once only when the input cannot be opened at all; everything else is reported
/// per record inside the stream.
pub fn open(input: &str, format: InputFormat) -> Result<Documents, ReadError> {
    let name = input.to_string();
    let reader: Box<dyn BufRead + Send> = if input == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        let path = Path::new(input);
        if path.is_dir() {
            return Err(ReadError::IsDirectory { input: name });
        }
        let file = File::open(path).map_err(|source| ReadError::Open {
            input: name.clone(),
            source,
        })?;
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let format = match format {
        InputFormat::Auto => detect(input),
        explicit => explicit,
    };
    Ok(match format {
        InputFormat::Jsonl => Box::new(jsonl::JsonlReader::new(name, reader)),
        _ => Box::new(std::iter::once(text::read_one(name, reader))),
    })
}

/// Picks a format from the path alone; standard input defaults to JSONL, the streaming format.
fn detect(input: &str) -> InputFormat {
    if input == "-" || input.ends_with(".jsonl") || input.ends_with(".ndjson") {
        InputFormat::Jsonl
    } else {
        InputFormat::Text
    }
}

/// Reads all of `reader`, failing with an error that names `input`.
fn read_all(input: &str, mut reader: impl Read) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            input: input.to_string(),
            source,
        })?;
    Ok(bytes)
}

/// Decodes bytes as UTF-8, replacing invalid sequences and saying so.
fn decode_lossy(input: &str, bytes: Vec<u8>, warnings: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            warnings.push(format!(
                "{input}: invalid UTF-8 replaced with U+FFFD (first bad byte at offset {})",
                err.utf8_error().valid_up_to()
            ));
            String::from_utf8_lossy(err.as_bytes()).into_owned()
        }
    }
}
