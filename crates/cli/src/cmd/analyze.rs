//! `saywho analyze`: articles in, attributed quotations out.
//!
//! Reading, analysis and writing form a pipeline that keeps memory flat however large the
//! input: the main thread reads articles one at a time and hands them, in small batches, to
//! `--threads` workers; each worker analyses its batch and renders the output bytes; a writer
//! thread puts the batches back in input order and writes them. A fixed number of batch
//! credits bounds what is in flight, so a slow article cannot make the others pile up. With
//! one thread everything happens inline on the main thread.

use std::io::{self, BufWriter, Write};
use std::num::NonZeroUsize;
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Mutex;

use anyhow::{anyhow, bail, Context, Result};
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
    /// Worker threads analysing articles (output stays in input order); default: one per
    /// available core.
    #[arg(long)]
    threads: Option<NonZeroUsize>,
    /// Rules alone: skip the learned judge and clause-end model (to measure what they add).
    #[arg(long)]
    rules_only: bool,
    /// Files or directories to analyse (`-` reads standard input); `.gz` is undone.
    paths: Vec<String>,
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
    let threads = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let analyzer = if args.rules_only {
        Analyzer::rules_only()
    } else {
        Analyzer::new()
    };
    let format = args.format;
    let (articles, quotes, failed, skipped) = if threads == 1 {
        let stdout = io::stdout();
        let mut sink = Inline {
            analyzer: &analyzer,
            format,
            out: BufWriter::new(stdout.lock()),
            buf: Vec::new(),
            articles: 0,
            quotes: 0,
        };
        let (failed, skipped) = read_all(&args, &mut sink)?;
        sink.out.flush().context("writing output")?;
        (sink.articles, sink.quotes, failed, skipped)
    } else {
        parallel(&args, &analyzer, threads)?
    };
    if failed > 0 {
        eprintln!(
            "saywho: {articles} article(s) analysed, {quotes} quotation(s); {failed} input(s) or record(s) failed"
        );
        eprintln!("saywho: skipped: {skipped}");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the reader hands each article it reads.
trait Sink {
    /// Takes one article, in input order.
    fn push(&mut self, article: Article) -> Result<()>;
}

/// Reads the samples and every path in order, handing articles to `sink` and reporting bad
/// inputs and records on standard error; returns how many failed and why.
fn read_all(args: &Args, sink: &mut dyn Sink) -> Result<(usize, SkipTally)> {
    if args.samples {
        for article in samples::articles() {
            sink.push(article)?;
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
                    sink.push(doc.article)?;
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
    Ok((failed, skipped))
}

/// Analyses `article` and appends its output to `out`; returns its number of quotations.
fn render(
    analyzer: &Analyzer,
    format: OutputFormat,
    article: &Article,
    out: &mut Vec<u8>,
) -> Result<usize> {
    let analysis = analyzer.analyze(&article.text);
    match format {
        OutputFormat::Jsonl => {
            AnalysisView::write_json(article, &analysis, out);
            out.push(b'\n');
        }
        OutputFormat::Rows => {
            let rows = saywho_exchange::ArticleRows::new(article, &analysis);
            serde_json::to_writer(&mut *out, &rows)?;
            out.push(b'\n');
        }
        OutputFormat::Text => report::write_article(out, &AnalysisView::new(article, &analysis))?,
    }
    Ok(analysis.quotes.len())
}

/// One thread: each article is analysed and written as it is read.
struct Inline<'a, W: Write> {
    analyzer: &'a Analyzer,
    format: OutputFormat,
    out: W,
    buf: Vec<u8>,
    articles: usize,
    quotes: usize,
}

impl<W: Write> Sink for Inline<'_, W> {
    fn push(&mut self, article: Article) -> Result<()> {
        self.buf.clear();
        self.quotes += render(self.analyzer, self.format, &article, &mut self.buf)
            .with_context(|| format!("rendering {}", article.id))?;
        self.articles += 1;
        self.out.write_all(&self.buf).context("writing output")
    }
}

/// Articles are handed to workers in batches of about this many bytes of text...
const BATCH_BYTES: usize = 64 * 1024;
/// ...or this many articles, whichever comes first.
const BATCH_ARTICLES: usize = 64;
/// Batches in flight (queued, analysed, or waiting for their turn to be written) per worker.
const CREDITS_PER_THREAD: usize = 4;

/// A batch of articles, numbered in input order.
struct Batch {
    seq: u64,
    articles: Vec<Article>,
}

/// A batch's rendered output, or why it could not be rendered.
struct Rendered {
    seq: u64,
    bytes: Result<Vec<u8>>,
    articles: usize,
    quotes: usize,
}

/// Several threads: batches go to workers and come back, in order, through the writer.
struct Pipeline {
    batch: Batch,
    batch_bytes: usize,
    jobs: SyncSender<Batch>,
    credits: Receiver<()>,
}

impl Pipeline {
    /// Sends the current batch once a credit is free; fails when the writer has stopped.
    fn send(&mut self) -> Result<()> {
        if self.batch.articles.is_empty() {
            return Ok(());
        }
        self.credits
            .recv()
            .map_err(|_| anyhow!("the output writer stopped"))?;
        let next = Batch {
            seq: self.batch.seq + 1,
            articles: Vec::new(),
        };
        let full = std::mem::replace(&mut self.batch, next);
        self.batch_bytes = 0;
        self.jobs
            .send(full)
            .map_err(|_| anyhow!("the analysis workers stopped"))
    }
}

impl Sink for Pipeline {
    fn push(&mut self, article: Article) -> Result<()> {
        self.batch_bytes += article.text.len();
        self.batch.articles.push(article);
        if self.batch_bytes >= BATCH_BYTES || self.batch.articles.len() >= BATCH_ARTICLES {
            self.send()?;
        }
        Ok(())
    }
}

/// Runs the reader on this thread, `threads` workers and one writer; returns the articles
/// and quotations written and the failed inputs.
fn parallel(
    args: &Args,
    analyzer: &Analyzer,
    threads: usize,
) -> Result<(usize, usize, usize, SkipTally)> {
    let credits = threads * CREDITS_PER_THREAD;
    let (jobs_tx, jobs_rx) = mpsc::sync_channel::<Batch>(credits);
    let (done_tx, done_rx) = mpsc::sync_channel::<Rendered>(credits);
    let (credit_tx, credit_rx) = mpsc::sync_channel::<()>(credits);
    for _ in 0..credits {
        // The channel holds exactly `credits` tokens.
        let _ = credit_tx.send(());
    }
    let jobs_rx = Mutex::new(jobs_rx);
    let format = args.format;
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let done_tx = done_tx.clone();
                let jobs_rx = &jobs_rx;
                scope.spawn(move || {
                    loop {
                        let job = jobs_rx.lock().ok().and_then(|rx| rx.recv().ok());
                        let Some(batch) = job else { break };
                        let rendered = render_batch(analyzer, format, batch);
                        if done_tx.send(rendered).is_err() {
                            break;
                        }
                    }
                    thread_cpu_seconds()
                })
            })
            .collect();
        drop(done_tx);
        let writer = scope.spawn(move || {
            let written = write_in_order(done_rx, credit_tx);
            (written, thread_cpu_seconds())
        });
        let mut pipeline = Pipeline {
            batch: Batch {
                seq: 0,
                articles: Vec::new(),
            },
            batch_bytes: 0,
            jobs: jobs_tx,
            credits: credit_rx,
        };
        let read = read_all(args, &mut pipeline).and_then(|outcome| {
            pipeline.send()?;
            Ok(outcome)
        });
        // Closing the job queue lets the workers, then the writer, finish.
        drop(pipeline);
        let mut cpu = vec![("reader", thread_cpu_seconds())];
        for worker in workers {
            cpu.push(("worker", worker.join().unwrap_or(f64::NAN)));
        }
        let (written, writer_cpu) = writer
            .join()
            .map_err(|_| anyhow!("the output writer panicked"))?;
        cpu.push(("writer", writer_cpu));
        if std::env::var_os(THREAD_CPU_VAR).is_some() {
            let threads: Vec<_> = cpu
                .iter()
                .map(|(role, s)| serde_json::json!({"role": role, "cpu_s": s}))
                .collect();
            eprintln!("{}", serde_json::json!({ "thread_cpu": threads }));
        }
        // A writer error (such as a closed pipe) is the cause of any reader error.
        let (articles, quotes) = written?;
        let (failed, skipped) = read?;
        Ok((articles, quotes, failed, skipped))
    })
}

/// When set, the threads' CPU seconds are printed to standard error as one JSON line at the
/// end (`saywho bench` reads them to show how the work was shared).
pub const THREAD_CPU_VAR: &str = "SAYWHO_THREAD_CPU";

/// CPU seconds the calling thread has used so far.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a live local that clock_gettime fills in.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if ok {
        ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
    } else {
        f64::NAN
    }
}

/// Renders every article of `batch`. A panic in the analyzer becomes an error here, so that
/// the writer, which waits for every batch in turn, stops instead of waiting forever.
fn render_batch(analyzer: &Analyzer, format: OutputFormat, batch: Batch) -> Rendered {
    let mut quotes = 0;
    let rendered = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut bytes = Vec::new();
        for article in &batch.articles {
            quotes += render(analyzer, format, article, &mut bytes)
                .with_context(|| format!("rendering {}", article.id))?;
        }
        Ok(bytes)
    }));
    let bytes = rendered.unwrap_or_else(|_| {
        let first = batch.articles.first().map_or("", |a| a.id.as_str());
        Err(anyhow!(
            "analysis failed in the batch starting at article {first}"
        ))
    });
    Rendered {
        seq: batch.seq,
        bytes,
        articles: batch.articles.len(),
        quotes,
    }
}

/// Writes rendered batches to standard output in sequence order, returning a credit for each
/// batch written; returns the articles and quotations written.
fn write_in_order(done: Receiver<Rendered>, credits: SyncSender<()>) -> Result<(usize, usize)> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut articles, mut quotes) = (0, 0);
    crate::ordered::in_order(
        done,
        |r| r.seq,
        |ready| {
            out.write_all(&ready.bytes?).context("writing output")?;
            articles += ready.articles;
            quotes += ready.quotes;
            // The reader may have finished and gone; a lost credit is then harmless.
            let _ = credits.send(());
            Ok(())
        },
    )?;
    out.flush().context("writing output")?;
    Ok((articles, quotes))
}

fn report_error(err: &ReadError) {
    eprintln!("saywho: error: {err}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_direct_writer_writes_what_serde_writes_for_the_samples() {
        let analyzer = Analyzer::new();
        let mut articles = crate::samples::articles();
        assert!(!articles.is_empty());
        // Metadata of every kind, and text that needs escaping.
        articles[0].meta.title = Some("A \"title\" with \\ and \t".into());
        articles[0].meta.authors = vec!["One".into(), "Two".into()];
        for article in &articles {
            let analysis = analyzer.analyze(&article.text);
            let mut direct = Vec::new();
            AnalysisView::write_json(article, &analysis, &mut direct);
            let serde = serde_json::to_vec(&AnalysisView::new(article, &analysis)).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&direct),
                String::from_utf8_lossy(&serde),
                "{}",
                article.id
            );
        }
    }
}
