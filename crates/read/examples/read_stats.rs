//! Reads inputs with `saywho_read` alone (no analysis) and prints what was read, for measuring
//! the readers' own throughput and memory.
//!
//! `cargo run --release -p saywho-read --example read_stats -- PATH...`

use std::time::Instant;

use saywho_read::{open, InputFormat, SkipTally};

fn main() {
    let start = Instant::now();
    let (mut articles, mut chars) = (0usize, 0usize);
    let mut skipped = SkipTally::default();
    for path in std::env::args().skip(1) {
        let docs = match open(&path, InputFormat::Auto) {
            Ok(docs) => docs,
            Err(err) => {
                eprintln!("{err}");
                skipped.record(&err);
                continue;
            }
        };
        for doc in docs {
            match doc {
                Ok(doc) => {
                    articles += 1;
                    chars += doc.article.text.len();
                }
                Err(err) => {
                    eprintln!("{err}");
                    skipped.record(&err);
                }
            }
        }
    }
    println!(
        "{articles} articles, {chars} bytes of body text, {} skipped ({skipped}), {:.2}s",
        skipped.total(),
        start.elapsed().as_secs_f64()
    );
}
