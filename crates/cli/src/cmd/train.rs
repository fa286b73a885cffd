//! `saywho train`: learns the cue table from annotated attributions (PolNeAR's training part)
//! and writes the file the analyzer embeds. Training is the one place annotation fields are
//! read; analysis never sees them.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use saywho_analyze::{CueTable, TrainingArticle};
use serde_json::Value;

/// Arguments of `saywho train`.
#[derive(clap::Args)]
pub struct Args {
    /// Annotated JSONL (`{"text", "quotes": [{"cue_start", "cue_end", "cue_parts"?}]}`).
    #[arg(long)]
    data: PathBuf,
    /// Where to write the learned table.
    #[arg(long, default_value = "crates/analyze/model/cues.tsv")]
    out: PathBuf,
}

/// Reads the training file, learns, writes the table.
pub fn run(args: Args) -> Result<ExitCode> {
    let file =
        File::open(&args.data).with_context(|| format!("opening {}", args.data.display()))?;
    let mut articles = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line =
            line.with_context(|| format!("{}: reading line {}", args.data.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(&line)
            .with_context(|| format!("{}: line {} is not JSON", args.data.display(), n + 1))?;
        let Some(text) = record["text"].as_str() else {
            bail!("{}: line {} has no text", args.data.display(), n + 1);
        };
        articles.push(TrainingArticle {
            text: text.to_string(),
            cues: cue_spans(&record),
        });
    }
    let table = CueTable::learn(&articles);
    std::fs::write(&args.out, table.to_tsv())
        .with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "saywho: learned {} cue words from {} articles into {}",
        table.len(),
        articles.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Every annotated cue span of a record, fragments included.
fn cue_spans(record: &Value) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for quote in record["quotes"].as_array().into_iter().flatten() {
        if let Some(parts) = quote["cue_parts"].as_array() {
            for part in parts {
                if let (Some(a), Some(b)) = (part[0].as_u64(), part[1].as_u64()) {
                    spans.push((a as usize, b as usize));
                }
            }
        } else if let (Some(a), Some(b)) = (quote["cue_start"].as_u64(), quote["cue_end"].as_u64())
        {
            spans.push((a as usize, b as usize));
        }
    }
    spans
}
