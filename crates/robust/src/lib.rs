//! What saywho promises about any input, written once as checks that panic on a broken promise.
//!
//! The same checks back three kinds of test, so a property is stated in one place:
//! - the cargo-fuzz targets in `fuzz/` (outside the workspace) feed them mutated bytes;
//! - `tests/corpora.rs` replays the fuzz corpora and every crash the fuzzers ever found through
//!   them on the stable toolchain, in `cargo test`, so CI checks them without building the fuzz
//!   crate;
//! - `tests/properties.rs` feeds them generated articles (proptest).
//!
//! The promises: reading any bytes in any format yields documents or errors naming the input,
//! never a panic; every span of an analysis lies inside its text, quotations of one kind never
//! overlap and every index points at something; the server answers any request without an
//! internal error.

mod analysis;
mod api;

pub use analysis::{check_analysis, check_document};
pub use api::ApiHarness;

use std::sync::OnceLock;

use saywho_analyze::Analyzer;
use saywho_read::{InputFormat, ReadOptions};

/// The fuzz targets, by the name of their directory under `fuzz/corpus/` and `fuzz/fuzz_targets/`.
pub const TARGETS: [&str; 6] = ["analyze", "html", "warc", "feed", "jsonl", "api"];

/// The name every fuzzed input is read under; errors must name it.
pub const INPUT_NAME: &str = "fuzz-input";

/// The record size limit for fuzzed inputs: far above what a fuzzer generates, small enough that
/// a decompression bomb hits it quickly.
pub const MAX_RECORD_BYTES: u64 = 1 << 20;

/// How many documents of one input are looked at; a fuzzed feed or JSONL file cannot have
/// more, but the bound keeps a check's cost finite whatever the reader does.
const MAX_DOCUMENTS: usize = 10_000;

/// One analyzer for the whole process: building it costs more than analysing a short input.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

/// Analyses `data` as article text (invalid UTF-8 repaired as the readers do) and checks the
/// analysis.
pub fn analyze_bytes(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let analysis = analyzer().analyze(&text);
    if let Err(broken) = check_analysis(&text, &analysis) {
        panic!("analysis of {:?}: {broken}", excerpt(&text));
    }
}

/// Reads `data` as an input of `format`, then checks every document (and its analysis) and
/// that every error names the input.
pub fn read_bytes(data: &[u8], format: InputFormat) {
    let options = ReadOptions {
        max_record_bytes: MAX_RECORD_BYTES,
        progress: None,
    };
    let docs = match saywho_read::read_bytes(INPUT_NAME, data.to_vec(), format, &options) {
        Ok(docs) => docs,
        Err(err) => {
            assert_names_input(&err.to_string());
            return;
        }
    };
    for item in docs.take(MAX_DOCUMENTS) {
        match item {
            Ok(doc) => {
                if let Err(broken) = check_document(&doc) {
                    panic!("document {:?}: {broken}", doc.article.id);
                }
                let analysis = analyzer().analyze(&doc.article.text);
                if let Err(broken) = check_analysis(&doc.article.text, &analysis) {
                    panic!(
                        "analysis of document {:?} ({:?}): {broken}",
                        doc.article.id,
                        excerpt(&doc.article.text)
                    );
                }
            }
            Err(err) => assert_names_input(&err.to_string()),
        }
    }
}

/// Runs the check of the fuzz target called `target` (one of [`TARGETS`]) on `data`; `api` is
/// needed for the `api` target only.
pub fn run_target(target: &str, data: &[u8], api: Option<&ApiHarness>) {
    match target {
        "analyze" => analyze_bytes(data),
        "html" => read_bytes(data, InputFormat::Html),
        "warc" => read_bytes(data, InputFormat::Warc),
        "feed" => read_bytes(data, InputFormat::Feed),
        "jsonl" => read_bytes(data, InputFormat::Jsonl),
        "api" => api
            .expect("the api target needs an ApiHarness")
            .request(data),
        other => panic!("no fuzz target {other:?}"),
    }
}

fn assert_names_input(message: &str) {
    assert!(
        message.contains(INPUT_NAME),
        "an error does not name its input: {message}"
    );
}

/// The start of a text, for failure messages.
fn excerpt(text: &str) -> String {
    text.chars().take(200).collect()
}
