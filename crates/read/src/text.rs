//! Plain text: the whole input is one article whose id is the input's name.

use std::io::Read;

use saywho_model::Article;

use crate::{decode_lossy, read_all, Document, ReadError, ReadResult};

/// How far into a file to look for NUL bytes before calling it binary.
const BINARY_SNIFF: usize = 8192;

/// Reads the whole of `reader` as one article.
pub(crate) fn read_one(input: String, reader: impl Read) -> ReadResult {
    let bytes = read_all(&input, reader)?;
    if let Some(offset) = bytes.iter().take(BINARY_SNIFF).position(|&b| b == 0) {
        return Err(ReadError::Binary { input, offset });
    }
    let mut warnings = Vec::new();
    let text = decode_lossy(&input, bytes, &mut warnings);
    if text.trim().is_empty() {
        return Err(ReadError::Empty { input });
    }
    Ok(Document {
        article: Article::new(input, text),
        warnings,
    })
}
