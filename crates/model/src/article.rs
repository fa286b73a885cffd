//! The unit of input: one news article and what is known about where it came from.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Where an article came from; every field is optional because inputs differ in what they carry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Outlet or publisher ("The Guardian", "bbc.co.uk").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Canonical URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Publication date, ISO 8601 (date or date-time) as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Bylines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// BCP 47 language tag when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One article: an identifier, its body text (paragraphs separated by blank lines) and metadata.
///
/// All spans produced downstream are offsets into `text` exactly as stored here.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Identifier: the path for a file, the record's `id` for JSONL, the URL for web inputs.
    pub id: String,
    /// Body text.
    pub text: String,
    /// Title, outlet, date and the rest.
    #[serde(flatten)]
    pub meta: ArticleMeta,
}

impl Article {
    /// An article with only an id and text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            text: text.into(),
            ..Article::default()
        }
    }
}

/// The outlet to show for an article: its source when known, else the file name of its id
/// (plain-text inputs carry no outlet, and their file names tell them apart).
pub fn outlet(id: &str, meta: &ArticleMeta) -> String {
    if let Some(source) = meta.source.as_deref().filter(|s| !s.trim().is_empty()) {
        return source.trim().to_string();
    }
    Path::new(id)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// The lines that introduce links to other stories ("Related articles", "Read more"), lower
/// case: the reader marks the headlines after one as related, and the analyzer reports nothing
/// in them, since their words are another article's.
pub const RELATED_MARKERS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related content",
    "related coverage",
    "read more",
    "read also",
    "see also",
    "more on this story",
    "more stories",
    "most read",
    "recommended",
    "watch",
    "you may also like",
];
