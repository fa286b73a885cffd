//! `saywho analyze`: articles in, attributed quotations out, one article at a time.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use saywho_analyze::Analyzer;
use saywho_model::{AnalysisView, Article};
use saywho_read::{InputFormat, Progress, ReadError, ReadOptions, SkipTally};

use crate::{report, samples};

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A readable report grouped by speaker.
    Text,
    /// One JSON object per article.
    Jsonl,
    /// One JSON object per article in the exchange tables' shape (article columns and text,
    /// quotation, entity and mention rows): what the Spark job turns into Parquet.
    Rows,
}

/// Arguments of `saywho analyze`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Input format: auto (sniffed from the content), text, jsonl, html, warc, or rss/atom/feed.
    #[arg(long, default_value = "auto", value_parser = clap::value_parser!(InputFormat))]
    input: InputFormat,
    /// Filter mode for Spark's RDD.pipe and other co-processes: one JSON line per input line
    /// (an error record for a bad one), flushed at once; implies --format jsonl unless rows.
    #[arg(long, conflicts_with = "samples")]
    pipe: bool,
    /// Analyse the built-in sample articles instead of PATHs.
    #[arg(long)]
    samples: bool,
    /// Files or directories to analyse (`-` reads standard input); `.gz` is undone.
    paths: Vec<String>,
}

/// Counts what happened, for the closing summary and the exit status.
#[derive(Default)]
struct Tally {
    articles: usize,
    quotes: usize,
    failed: usize,
}

/// Runs the command; the exit status is non-zero when any input or record failed.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.pipe {
        let shape = match args.format {
            OutputFormat::Rows => crate::pipe::Shape::Rows,
            _ => crate::pipe::Shape::View,
        };
        return crate::pipe::run(shape, args.input, &args.paths);
    }
    if args.paths.is_empty() && !args.samples {
        bail!("no input: give one or more PATHs (`-` for standard input), or --samples");
    }
    let analyzer = Analyzer::new();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut tally = Tally::default();
    let mut emit = |article: &Article, out: &mut BufWriter<io::StdoutLock>| -> Result<()> {
        let analysis = analyzer.analyze(&article.text);
        tally.articles += 1;
        tally.quotes += analysis.quotes.len();
        let view = AnalysisView::new(article, &analysis);
        match args.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut *out, &view)?;
                out.write_all(b"\n")?;
            }
            OutputFormat::Rows => {
                let rows = saywho_exchange::ArticleRows::new(article, &analysis);
                serde_json::to_writer(&mut *out, &rows)?;
                out.write_all(b"\n")?;
            }
            OutputFormat::Text => report::write_article(out, &view)?,
        }
        Ok(())
    };
    if args.samples {
        for article in samples::articles() {
            emit(&article, &mut out).context("writing output")?;
        }
    }
    let mut failed = 0;
    let progress = Progress::new(&args.paths);
    let options = ReadOptions {
        progress: Some(progress.counter()),
        ..ReadOptions::default()
    };
    let mut skipped = SkipTally::default();
    let mut read = 0;
    for path in &args.paths {
        let documents = match saywho_read::open_with(path, args.input, &options) {
            Ok(documents) => documents,
            Err(err) => {
                progress.suspend(|| report_error(&err));
                skipped.record(&err);
                failed += 1;
                continue;
            }
        };
        for item in documents {
            read += 1;
            progress.update(read);
            match item {
                Ok(doc) => {
                    progress.suspend(|| {
                        for warning in &doc.warnings {
                            eprintln!("saywho: warning: {warning}");
                        }
                    });
                    emit(&doc.article, &mut out).context("writing output")?;
                }
                Err(err) => {
                    progress.suspend(|| report_error(&err));
                    skipped.record(&err);
                    failed += 1;
                }
            }
        }
    }
    progress.finish();
    out.flush().context("writing output")?;
    tally.failed = failed;
    if tally.failed > 0 {
        eprintln!(
            "saywho: {} article(s) analysed, {} quotation(s); {} input(s) or record(s) failed",
            tally.articles, tally.quotes, tally.failed
        );
        eprintln!("saywho: skipped: {skipped}");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn report_error(err: &ReadError) {
    eprintln!("saywho: error: {err}");
}
