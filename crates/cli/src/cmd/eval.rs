//! `saywho eval`: analyse annotated articles and score the analysis exactly as the PolNeAR
//! reference scorer would, then break the errors down (kind confusion, speaker errors, worst
//! articles) so they can be studied without leaving saywho.
//!
//! Each gold line is read twice: once as gold (`saywho_evaluate::GoldArticle`), and once by the
//! JSONL reader `saywho analyze` uses, which takes only id, text and metadata, so the analyzer
//! never sees the annotations.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use saywho_analyze::Analyzer;
use saywho_evaluate::{ArticleReport, Confusion, GoldArticle, Predicted, Scorer, KINDS};
use saywho_model::{AnalysisView, Article};
use saywho_read::{InputFormat, ReadOptions};

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// The reference scorer's lines, then the error breakdown.
    Text,
    /// One JSON object laid out as the reference scorer's last line.
    Json,
}

/// Arguments of `saywho eval`.
#[derive(clap::Args)]
pub struct Args {
    /// Annotated articles, one JSON object per line with id, text and quotes (the format of
    /// ../shared/eval/polnear/dev.jsonl).
    #[arg(long)]
    gold: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// Rules alone: skip the learned judge and clause-end model (to measure what they add).
    #[arg(long)]
    rules_only: bool,
    /// How many of the articles with the most errors to list (text format; 0 lists none).
    #[arg(long, default_value_t = 10)]
    worst: usize,
}

/// Runs the command.
pub fn run(args: Args) -> Result<ExitCode> {
    let path = args.gold.display().to_string();
    let file = File::open(&args.gold).with_context(|| format!("opening gold file {path}"))?;
    let analyzer = if args.rules_only {
        Analyzer::rules_only()
    } else {
        Analyzer::new()
    };
    let mut scorer = Scorer::new();
    let mut reports = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let n = n + 1;
        let line = line.with_context(|| format!("{path}:{n}: reading"))?;
        if line.trim().is_empty() {
            continue;
        }
        let gold: GoldArticle =
            serde_json::from_str(&line).with_context(|| format!("{path}:{n}: bad gold line"))?;
        if let Some(first) = seen.insert(gold.id.clone(), n) {
            bail!(
                "{path}:{n}: bad gold line: id '{}' was already used on line {first}",
                gold.id
            );
        }
        let article = article_of(&path, n, line, &gold)?;
        let analysis = analyzer.analyze(&article.text);
        let view = AnalysisView::new(&article, &analysis);
        let predicted: Vec<Predicted> = view.quotes.iter().map(Predicted::from).collect();
        reports.push(scorer.add(&gold, &predicted));
    }
    let metrics = scorer.metrics();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", metrics.to_json())?,
        OutputFormat::Text => {
            write!(out, "{metrics}")?;
            write_confusion(&mut out, scorer.confusion())?;
            write_worst(&mut out, reports, args.worst)?;
        }
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

/// The article as `saywho analyze` reads it from this line: id, text and metadata only.
fn article_of(path: &str, n: usize, line: String, gold: &GoldArticle) -> Result<Article> {
    let options = ReadOptions::default();
    let mut docs = saywho_read::read_bytes(path, line.into_bytes(), InputFormat::Jsonl, &options)
        .with_context(|| format!("{path}:{n}: reading the article"))?;
    let doc = docs
        .next()
        .ok_or_else(|| anyhow!("{path}:{n}: no article in the line"))?
        .with_context(|| format!("{path}:{n}: reading the article"))?;
    if doc.article.text != gold.text || doc.article.id != gold.id {
        bail!("{path}:{n}: the reader's article differs from the gold text or id");
    }
    Ok(doc.article)
}

fn write_confusion(out: &mut impl Write, c: &Confusion) -> io::Result<()> {
    let kind_names = KINDS.map(|k| k.as_str());
    writeln!(out)?;
    writeln!(
        out,
        "kinds of content matches (rows: gold kind; columns: kind of the matching prediction)"
    )?;
    writeln!(
        out,
        "{:10} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "gold", "direct", "partial", "indirect", "missed", "total"
    )?;
    for (name, row) in kind_names.iter().zip(&c.kinds) {
        writeln!(
            out,
            "{name:10} {:>8} {:>8} {:>8} {:>8} {:>8}",
            row[0],
            row[1],
            row[2],
            row[3],
            row.iter().sum::<usize>()
        )?;
    }
    writeln!(
        out,
        "{:10} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "spurious",
        c.spurious[0],
        c.spurious[1],
        c.spurious[2],
        "",
        c.spurious.iter().sum::<usize>()
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "speakers of content matches (errors: gold has no source / predicted none / wrong)"
    )?;
    writeln!(
        out,
        "{:10} {:>8} {:>10} {:>14} {:>8}",
        "gold", "right", "no source", "predicted none", "wrong"
    )?;
    for (name, t) in kind_names.iter().zip(&c.speakers) {
        writeln!(
            out,
            "{name:10} {:>8} {:>10} {:>14} {:>8}",
            t.right, t.gold_has_no_source, t.predicted_none, t.wrong
        )?;
    }
    Ok(())
}

fn write_worst(out: &mut impl Write, mut reports: Vec<ArticleReport>, n: usize) -> io::Result<()> {
    if n == 0 {
        return Ok(());
    }
    reports.sort_by_key(|r| std::cmp::Reverse(r.errors()));
    writeln!(out)?;
    writeln!(
        out,
        "worst articles (errors = missed + spurious + wrong speaker of a content match)"
    )?;
    writeln!(
        out,
        "{:>6} {:>5} {:>5} {:>7} {:>8} {:>6} {:>8} {:>7}  id",
        "errors", "gold", "pred", "content", "+speaker", "missed", "spurious", "wrong"
    )?;
    for r in reports.iter().take(n) {
        writeln!(
            out,
            "{:>6} {:>5} {:>5} {:>7} {:>8} {:>6} {:>8} {:>7}  {}",
            r.errors(),
            r.gold,
            r.predicted,
            r.content,
            r.content_speaker,
            r.missed,
            r.spurious,
            r.speaker_errors,
            r.id
        )?;
    }
    Ok(())
}
