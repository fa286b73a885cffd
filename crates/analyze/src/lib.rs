//! Analysis of one article, with no I/O: text in, [`saywho_model::Analysis`] out.

use saywho_model::Analysis;

/// The analyzer; built once, shared across threads, applied to many articles.
#[derive(Debug, Default)]
pub struct Analyzer {}

impl Analyzer {
    /// Builds the analyzer.
    pub fn new() -> Self {
        Analyzer {}
    }

    /// Finds and attributes the quotations of one article.
    pub fn analyze(&self, text: &str) -> Analysis {
        let _ = text;
        Analysis::default()
    }
}
