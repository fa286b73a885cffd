//! `saywho stories`: articles in, stories out. With `--input`, one pass over the files, no
//! store: every article is read, then grouped with the IDF of the whole input.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use saywho_read::InputFormat;
use saywho_stories::{BatchGrouper, Config};

/// How stories are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Each story with its label and member articles.
    Text,
    /// One `{"id": <article id>, "story": <story id>}` line per article, in input order.
    Jsonl,
}

/// Arguments of `saywho stories`.
#[derive(clap::Args)]
pub struct Args {
    /// Articles to group, read in one pass without a store (`-` reads standard input);
    /// repeat the flag or list several files.
    #[arg(long, num_args = 1..)]
    input: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// List the stories of this store (as `saywho ingest` grouped them) instead of grouping
    /// `--input` files.
    #[arg(long, conflicts_with = "input")]
    db: Option<std::path::PathBuf>,
}

/// Runs the command; the exit status is non-zero when any input or record failed.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(db) = &args.db {
        return super::ingest::print_stories(db, args.format == OutputFormat::Jsonl);
    }
    if args.input.is_empty() {
        bail!("no input: give --input FILE..., or --db DIR for a store's stories");
    }
    let mut batch = BatchGrouper::new(Config::default())?;
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut failed = 0usize;
    for path in &args.input {
        let documents = match saywho_read::open(path, InputFormat::Auto) {
            Ok(documents) => documents,
            Err(err) => {
                eprintln!("saywho: error: {err}");
                failed += 1;
                continue;
            }
        };
        for item in documents {
            match item {
                Ok(doc) => {
                    for warning in &doc.warnings {
                        eprintln!("saywho: warning: {warning}");
                    }
                    if args.format == OutputFormat::Text {
                        if let Some(t) = &doc.article.meta.title {
                            titles.insert(doc.article.id.clone(), t.clone());
                        }
                    }
                    batch.push(&doc.article);
                }
                Err(err) => {
                    eprintln!("saywho: error: {err}");
                    failed += 1;
                }
            }
        }
    }
    let grouping = batch.finish();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Jsonl => {
            for (id, story) in &grouping.assignments {
                serde_json::to_writer(&mut out, &serde_json::json!({"id": id, "story": story}))
                    .context("writing output")?;
                out.write_all(b"\n").context("writing output")?;
            }
        }
        OutputFormat::Text => {
            let stories = grouping.grouper.stories();
            writeln!(
                out,
                "{} article(s) in {} story(ies)",
                grouping.assignments.len(),
                stories.len()
            )?;
            for story in &stories {
                writeln!(
                    out,
                    "\nstory {} ({} article(s)): {}",
                    story.id,
                    story.articles.len(),
                    story.label
                )?;
                for id in &story.articles {
                    match titles.get(id) {
                        Some(t) => writeln!(out, "  {id}  {t}")?,
                        None => writeln!(out, "  {id}")?,
                    }
                }
            }
        }
    }
    out.flush().context("writing output")?;
    if failed > 0 {
        eprintln!("saywho: {failed} input(s) or record(s) failed");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
