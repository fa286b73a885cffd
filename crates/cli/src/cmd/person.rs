//! `saywho person NAME`: one person across the corpus: their aliases and every quotation, by
//! story and outlet.

use std::collections::BTreeSet;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use saywho_store::{PersonRecord, QuoteRecord};
use serde::Serialize;

use super::ingest::{open_for_query, outlet, DEFAULT_DB};

/// How the person is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A readable listing.
    Text,
    /// One JSON document.
    Json,
}

/// Arguments of `saywho person`.
#[derive(clap::Args)]
pub struct Args {
    /// The person's name, a part of it, or an alias ("Galloway", "the Respect MP").
    name: String,
    /// Store directory.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

/// One matching person with their quotations, as published in JSON.
#[derive(Serialize)]
struct PersonView {
    #[serde(flatten)]
    person: PersonRecord,
    articles: usize,
    stories: Vec<i64>,
    outlets: Vec<String>,
    quotes: Vec<QuoteView>,
}

#[derive(Serialize)]
struct QuoteView {
    outlet: String,
    #[serde(flatten)]
    quote: QuoteRecord,
}

/// Runs the command; fails (exit 1) when no person has that name.
pub fn run(args: Args) -> Result<ExitCode> {
    let store = open_for_query(&args.db)?;
    let persons = store.persons()?;
    let matches = saywho_people::lookup(
        persons
            .iter()
            .map(|p| (p.name.as_str(), p.aliases.as_slice())),
        &args.name,
    );
    if matches.is_empty() {
        eprintln!(
            "saywho: no person named {:?} in store {}",
            args.name,
            args.db.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let mut views = Vec::new();
    for i in matches {
        let person = persons[i].clone();
        let quotes = store.quotes_by_person(person.id)?;
        let articles = quotes
            .iter()
            .map(|q| q.article.as_str())
            .collect::<BTreeSet<&str>>()
            .len();
        let stories: BTreeSet<i64> = quotes.iter().filter_map(|q| q.story).collect();
        let quotes: Vec<QuoteView> = quotes
            .into_iter()
            .map(|q| QuoteView {
                outlet: outlet(
                    &q.article,
                    &saywho_model::ArticleMeta {
                        source: q.source.clone(),
                        ..Default::default()
                    },
                ),
                quote: q,
            })
            .collect();
        let outlets: BTreeSet<String> = quotes.iter().map(|q| q.outlet.clone()).collect();
        views.push(PersonView {
            articles,
            stories: stories.into_iter().collect(),
            outlets: outlets.into_iter().collect(),
            person,
            quotes,
        });
    }
    // People who are quoted first; a bare name that matched several shows them all.
    views.sort_by_key(|v| std::cmp::Reverse(v.quotes.len()));
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &views).context("writing output")?;
            writeln!(out).context("writing output")?;
        }
        OutputFormat::Text => {
            for v in &views {
                write_text(&mut out, v).context("writing output")?;
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

fn write_text(out: &mut impl Write, v: &PersonView) -> io::Result<()> {
    writeln!(out, "{} (person {})", v.person.name, v.person.id)?;
    if !v.person.aliases.is_empty() {
        writeln!(out, "  also: {}", v.person.aliases.join("; "))?;
    }
    writeln!(
        out,
        "  {} quotation(s) in {} article(s), {} story(ies), {} outlet(s)",
        v.quotes.len(),
        v.articles,
        v.stories.len(),
        v.outlets.len()
    )?;
    let mut last: Option<(Option<i64>, &str)> = None;
    for q in &v.quotes {
        let here = (q.quote.story, q.quote.article.as_str());
        if last.map(|l| l.0) != Some(here.0) {
            match here.0 {
                Some(s) => writeln!(out, "\n  story {s}")?,
                None => writeln!(out, "\n  (no story)")?,
            }
        }
        if last != Some(here) {
            let title = q.quote.title.as_deref().unwrap_or("");
            let date = q.quote.date.as_deref().unwrap_or("");
            writeln!(
                out,
                "    [{}] {} {} {}",
                q.outlet, q.quote.article, date, title
            )?;
        }
        last = Some(here);
        writeln!(
            out,
            "      “{}”",
            super::story::one_line(&q.quote.text, 300)
        )?;
    }
    writeln!(out)?;
    Ok(())
}
