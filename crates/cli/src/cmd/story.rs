//! `saywho story ID`: one story's outlets side by side: who each quotes, what several carry and
//! what only one does, what each speaker says about each other person, and who answers whom.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use saywho_compare::{ArticleInput, Comparison, PersonInfo, Stance};

use super::ingest::{open_for_query, outlet, DEFAULT_DB};

/// How the comparison is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A readable side-by-side report.
    Text,
    /// One JSON document.
    Json,
}

/// Arguments of `saywho story`.
#[derive(clap::Args)]
pub struct Args {
    /// The story's id (as `saywho stories` prints it), or the id of one of its articles.
    id: String,
    /// Store directory.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

/// Runs the command; fails (exit 1) when there is no such story.
pub fn run(args: Args) -> Result<ExitCode> {
    let store = open_for_query(&args.db)?;
    let story = match args.id.parse::<i64>() {
        Ok(n) if !store.story_articles(n)?.is_empty() => Some(n),
        _ => store.load(&args.id)?.and_then(|a| a.story),
    };
    let Some(story) = story else {
        eprintln!(
            "saywho: no story {:?} in store {} (`saywho stories --db {}` lists them)",
            args.id,
            args.db.display(),
            args.db.display()
        );
        return Ok(ExitCode::FAILURE);
    };
    let mut inputs = Vec::new();
    for summary in store.story_articles(story)? {
        let Some(stored) = store.load(&summary.id)? else {
            continue;
        };
        inputs.push(ArticleInput {
            outlet: outlet(&stored.article.id, &stored.article.meta),
            article: stored.article,
            analysis: stored.analysis,
            persons: stored.persons,
        });
    }
    // Oldest first when dated, so a change of stance reads in the order it happened.
    inputs.sort_by(|a, b| a.article.meta.date.cmp(&b.article.meta.date));
    let people: Vec<PersonInfo> = store
        .persons()?
        .into_iter()
        .map(|p| PersonInfo {
            id: p.id,
            name: p.name,
            aliases: p.aliases,
        })
        .collect();
    let comparison = saywho_compare::compare(&inputs, &people);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Json => {
            let doc = serde_json::json!({ "story": story, "comparison": comparison });
            serde_json::to_writer_pretty(&mut out, &doc).context("writing output")?;
            writeln!(out).context("writing output")?;
        }
        OutputFormat::Text => write_text(&mut out, story, &comparison).context("writing output")?,
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

fn write_text(out: &mut impl Write, story: i64, c: &Comparison) -> io::Result<()> {
    let letter = |i: usize| -> String {
        let mut s = String::new();
        let mut n = i;
        loop {
            s.insert(0, (b'A' + (n % 26) as u8) as char);
            if n < 26 {
                break;
            }
            n = n / 26 - 1;
        }
        s
    };
    let at = |article: &str| -> String {
        c.articles
            .iter()
            .position(|a| a.id == article)
            .map(letter)
            .unwrap_or_else(|| "?".into())
    };
    writeln!(out, "Story {story}: {} article(s)", c.articles.len())?;
    for (i, a) in c.articles.iter().enumerate() {
        writeln!(
            out,
            "  [{}] {}  {}  {}  ({} quotations)",
            letter(i),
            a.outlet,
            a.date.as_deref().unwrap_or("undated"),
            a.title.as_deref().unwrap_or(&a.id),
            a.quotes
        )?;
    }

    writeln!(out, "\nWho is quoted by which outlet")?;
    let width = c
        .speakers
        .iter()
        .map(|s| s.speaker.name.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 40);
    write!(out, "  {:width$}", "")?;
    for i in 0..c.articles.len() {
        write!(out, " {:>4}", letter(i))?;
    }
    writeln!(out)?;
    for row in &c.speakers {
        write!(out, "  {:width$}", row.speaker.name)?;
        for n in &row.counts {
            write!(out, " {n:>4}")?;
        }
        writeln!(out)?;
    }

    writeln!(out, "\nQuoted by several outlets ({})", c.shared.len())?;
    for s in &c.shared {
        writeln!(out, "  {}:", s.speaker.name)?;
        for v in &s.versions {
            writeln!(out, "    [{}] “{}”", at(&v.article), one_line(&v.text, 200))?;
        }
    }

    writeln!(out, "\nOnly one outlet carries ({})", c.unique.len())?;
    for q in &c.unique {
        writeln!(
            out,
            "  [{}] {}: “{}”",
            at(&q.article),
            q.speaker.name,
            one_line(&q.text, 160)
        )?;
    }

    writeln!(out, "\nWhat they say about each other")?;
    let mut shown = 0;
    for line in &c.stances {
        let has_view = line
            .articles
            .iter()
            .any(|a| a.statements.iter().any(|s| s.stance != Stance::Neutral));
        if !has_view {
            continue;
        }
        shown += 1;
        let trail: Vec<String> = line
            .articles
            .iter()
            .map(|a| format!("[{}] {} ({:+})", at(&a.article), a.stance.as_str(), a.score))
            .collect();
        writeln!(
            out,
            "  {} → {}: {}{}",
            line.speaker.name,
            line.target.name,
            trail.join(" → "),
            if line.shifts() {
                "  (stance shifts)"
            } else {
                ""
            }
        )?;
        for a in &line.articles {
            for s in a.statements.iter().filter(|s| s.stance != Stance::Neutral) {
                let sign = match s.stance {
                    Stance::Positive => "+",
                    Stance::Negative => "−",
                    Stance::Neutral => "=",
                };
                writeln!(
                    out,
                    "      [{}] {sign} “{}”  ({})",
                    at(&a.article),
                    one_line(&s.quote.text, 140),
                    s.cues.join(", ")
                )?;
            }
        }
    }
    if shown == 0 {
        writeln!(out, "  (no statement with a view of another person)")?;
    }

    writeln!(
        out,
        "\nStatements that answer each other ({})",
        c.rebuttals.len()
    )?;
    for r in &c.rebuttals {
        writeln!(
            out,
            "  [{}] {}: “{}”\n     answers [{}] {}: “{}”  (“{}”; shared: {})",
            at(&r.statement.article),
            r.statement.speaker.name,
            one_line(&r.statement.text, 160),
            at(&r.answers.article),
            r.answers.speaker.name,
            one_line(&r.answers.text, 160),
            r.cue,
            r.shared_words.join(", ")
        )?;
    }
    Ok(())
}

/// Collapses whitespace and shortens long text at a character boundary.
pub(crate) fn one_line(text: &str, max_chars: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max_chars {
        return joined;
    }
    let cut: String = joined.chars().take(max_chars).collect();
    format!("{cut}…")
}
