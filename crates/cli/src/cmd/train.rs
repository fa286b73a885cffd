//! `saywho train`: learns the analyzer's models from annotated attributions (PolNeAR's
//! training part) and writes the files the analyzer embeds: the cue table, then the judge,
//! trained on the candidates an analyzer with the new cue table finds. Training is the one
//! place annotation fields are read; analysis never sees them.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use saywho_analyze::{Analyzer, CueTable, GoldAttribution, Judge, TrainingArticle};
use serde_json::Value;

/// Arguments of `saywho train`.
#[derive(clap::Args)]
pub struct Args {
    /// Annotated JSONL (`{"text", "quotes": [{"start", "end", "parts"?, "kind", "speaker",
    /// "speaker_start", "speaker_end", "cue_start", "cue_end", "cue_parts"?}]}`).
    #[arg(long)]
    data: PathBuf,
    /// Folder to write the models into (`cues.tsv`, `judge.tsv`); the default is the one the
    /// analyzer embeds, so a rebuild ships what was learned.
    #[arg(long, default_value = "crates/analyze/model")]
    out: PathBuf,
}

/// Reads the training file, learns, writes the tables.
pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let articles = read_training(&args.data)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let table = CueTable::learn(&articles);
    let cues_path = args.out.join("cues.tsv");
    std::fs::write(&cues_path, table.to_tsv())
        .with_context(|| format!("writing {}", cues_path.display()))?;
    eprintln!(
        "saywho: learned {} cue words from {} articles into {}",
        table.len(),
        articles.len(),
        cues_path.display()
    );
    let plain = Analyzer::with_models(table.clone(), Judge::parse(""));
    let (ends, end_examples) = saywho_analyze::train_ends(&plain, &articles);
    eprintln!(
        "saywho: end model: {} weighted features from {end_examples} possible clause ends",
        ends.len()
    );
    let with_ends =
        Analyzer::with_models(table.clone(), Judge::from_weights(ends.clone(), [0.0, 0.0]));
    let (speakers, speaker_report) = saywho_analyze::train_speakers(&with_ends, &articles);
    eprintln!(
        "saywho: speaker model: {} weighted features from {} options of {} quotations; \
         the pick is the annotated source {:.3} of the time (rules alone {:.3}, cross-validated)",
        speakers.len(),
        speaker_report.options,
        speaker_report.choices,
        speaker_report.model_right,
        speaker_report.rules_right
    );
    let mut earlier = ends;
    earlier.extend(speakers);
    let analyzer = Analyzer::with_models(table, Judge::from_weights(earlier, [0.0, 0.0]));
    let (judge, report) = saywho_analyze::train_judge(&analyzer, &articles);
    let judge_path = args.out.join("judge.tsv");
    std::fs::write(&judge_path, judge.to_tsv())
        .with_context(|| format!("writing {}", judge_path.display()))?;
    for (g, label) in ["quoted (direct+partial)", "reported (indirect)"]
        .iter()
        .enumerate()
    {
        let (b, a) = (report.before[g], report.after[g]);
        eprintln!(
            "saywho: judge, {label}: {} candidates, {} right, {} annotated; threshold {:.3}; \
             cross-validated P/R/F1 {:.3}/{:.3}/{:.3} -> {:.3}/{:.3}/{:.3}",
            report.candidates[g],
            report.positives[g],
            report.annotated[g],
            report.thresholds[g],
            b.0,
            b.1,
            b.2,
            a.0,
            a.1,
            a.2
        );
    }
    eprintln!(
        "saywho: judge has {} weighted features, written to {} ({:.1} s in all)",
        judge.len(),
        judge_path.display(),
        started.elapsed().as_secs_f32()
    );
    Ok(ExitCode::SUCCESS)
}

/// Every training article with its annotations.
fn read_training(path: &PathBuf) -> Result<Vec<TrainingArticle>> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut articles = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: reading line {}", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(&line)
            .with_context(|| format!("{}: line {} is not JSON", path.display(), n + 1))?;
        let Some(text) = record["text"].as_str() else {
            bail!("{}: line {} has no text", path.display(), n + 1);
        };
        articles.push(TrainingArticle {
            text: text.to_string(),
            cues: cue_spans(&record),
            attributions: attributions(&record),
        });
    }
    if articles.is_empty() {
        bail!("{}: no training articles", path.display());
    }
    Ok(articles)
}

/// A `[start, end]` pair.
fn pair(v: &Value) -> Option<(usize, usize)> {
    Some((v[0].as_u64()? as usize, v[1].as_u64()? as usize))
}

/// The annotated attributions of a record; ones without content bounds are skipped.
fn attributions(record: &Value) -> Vec<GoldAttribution> {
    let mut out = Vec::new();
    for quote in record["quotes"].as_array().into_iter().flatten() {
        let (Some(start), Some(end)) = (quote["start"].as_u64(), quote["end"].as_u64()) else {
            continue;
        };
        let parts = quote["parts"]
            .as_array()
            .map(|ps| ps.iter().filter_map(pair).collect())
            .unwrap_or_default();
        let source = match (
            quote["speaker_start"].as_u64(),
            quote["speaker_end"].as_u64(),
        ) {
            (Some(a), Some(b)) => Some((a as usize, b as usize)),
            _ => None,
        };
        out.push(GoldAttribution {
            content: (start as usize, end as usize),
            parts,
            source,
            source_text: quote["speaker"].as_str().map(str::to_string),
            quoted: matches!(quote["kind"].as_str(), Some("direct" | "partial")),
        });
    }
    out
}

/// Every annotated cue span of a record, fragments included.
fn cue_spans(record: &Value) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for quote in record["quotes"].as_array().into_iter().flatten() {
        if let Some(parts) = quote["cue_parts"].as_array() {
            spans.extend(parts.iter().filter_map(pair));
        } else if let (Some(a), Some(b)) = (quote["cue_start"].as_u64(), quote["cue_end"].as_u64())
        {
            spans.push((a as usize, b as usize));
        }
    }
    spans
}
