//! `saywho stories`: articles in, stories out. With `--input`, one pass over the files, no
//! store: every article is read, then grouped with the IDF of the whole input.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::{mpsc, Arc, Mutex};

use anyhow::{anyhow, bail, Context, Result};
use saywho_model::Article;
use saywho_read::InputFormat;
use saywho_stories::{BatchGrouper, Config, Extracted};

/// Articles per batch handed to a feature extraction thread.
const CHUNK: usize = 64;

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
    let config = Config::default();
    let batch = BatchGrouper::new(config.clone())?;
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut failed = 0usize;
    // This thread reads; workers extract features (most of the work); one thread pushes them
    // into the batch in input order, so the result is that of pushing articles one by one.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Vec<Article>)>(2 * workers);
    // Owned by the workers alone, so that sends fail once they have all stopped.
    let work_rx = Arc::new(Mutex::new(work_rx));
    let batch = std::thread::scope(|scope| -> Result<BatchGrouper> {
        let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Vec<Extracted>)>(2 * workers);
        for _ in 0..workers {
            let (work_rx, done_tx, config) = (Arc::clone(&work_rx), done_tx.clone(), &config);
            scope.spawn(move || loop {
                let Ok(Ok((n, articles))) = work_rx.lock().map(|rx| rx.recv()) else {
                    return;
                };
                let extracted = articles.iter().map(|a| Extracted::new(a, config)).collect();
                if done_tx.send((n, extracted)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        drop(work_rx);
        let pusher = scope.spawn(move || {
            let mut batch = batch;
            crate::ordered::in_order(
                done_rx,
                |(n, _)| *n as u64,
                |(_, extracted)| {
                    for e in extracted {
                        batch.push_extracted(e);
                    }
                    Ok(())
                },
            )?;
            Ok::<_, anyhow::Error>(batch)
        });
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut n = 0;
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
                        chunk.push(doc.article);
                        if chunk.len() == CHUNK {
                            work_tx
                                .send((n, std::mem::take(&mut chunk)))
                                .map_err(|_| anyhow!("a feature extraction thread stopped"))?;
                            n += 1;
                        }
                    }
                    Err(err) => {
                        eprintln!("saywho: error: {err}");
                        failed += 1;
                    }
                }
            }
        }
        if !chunk.is_empty() {
            work_tx
                .send((n, chunk))
                .map_err(|_| anyhow!("a feature extraction thread stopped"))?;
        }
        drop(work_tx);
        pusher
            .join()
            .map_err(|_| anyhow!("the story grouping thread panicked"))?
    })?;
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
