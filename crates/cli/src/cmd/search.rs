//! `saywho search QUERY`: ranked quotations from the whole corpus, filtered by speaker, by
//! whom they are about, by outlet and by date.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use saywho_store::{PersonRecord, QuoteRecord, Store, StoredArticle, Target};
use serde::Serialize;

use super::ingest::{open_for_query, outlet, DEFAULT_DB};

/// How hits are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A readable ranked list.
    Text,
    /// A JSON array of hits.
    Json,
}

/// Arguments of `saywho search`.
#[derive(clap::Args)]
pub struct Args {
    /// Words to look for (tantivy syntax: "exact phrase", +must, -not); `*` lists everything.
    query: String,
    /// Only quotations by this person (name, part of it, or alias).
    #[arg(long)]
    speaker: Option<String>,
    /// Only quotations that name or refer to this person.
    #[arg(long)]
    about: Option<String>,
    /// Only quotations from outlets whose name contains this.
    #[arg(long)]
    source: Option<String>,
    /// Only articles dated on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only articles dated on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
    /// How many hits to show.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Store directory.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
}

/// One hit as published.
#[derive(Serialize)]
struct HitView {
    rank: usize,
    score: f32,
    outlet: String,
    #[serde(flatten)]
    quote: QuoteRecord,
}

/// Runs the command; no hits is not an error.
pub fn run(args: Args) -> Result<ExitCode> {
    let store = open_for_query(&args.db)?;
    if !store.index_is_current()? {
        eprintln!(
            "saywho: warning: the search index of {} is behind (an ingest is running); results may be incomplete",
            args.db.display()
        );
    }
    let persons = store.persons()?;
    let speakers = args
        .speaker
        .as_deref()
        .map(|name| matching(&persons, name))
        .transpose()?;
    let about = args
        .about
        .as_deref()
        .map(|name| matching(&persons, name))
        .transpose()?;
    let candidates: Vec<(f32, QuoteRecord)> = if args.query.trim() == "*" {
        store.all_quotes()?.into_iter().map(|q| (0.0, q)).collect()
    } else {
        let wanted = (args.limit.max(1) * 50).max(2000);
        let mut out = Vec::new();
        for hit in store.search(&args.query, Target::Quotes, wanted)? {
            if let Some(idx) = hit.idx {
                if let Some(q) = store.quote(&hit.article, idx)? {
                    out.push((hit.score, q));
                }
            }
        }
        out
    };
    let mut loaded: HashMap<String, Option<StoredArticle>> = HashMap::new();
    let mut hits = Vec::new();
    for (score, q) in candidates {
        if hits.len() >= args.limit {
            break;
        }
        let meta = saywho_model::ArticleMeta {
            source: q.source.clone(),
            ..Default::default()
        };
        let outlet = outlet(&q.article, &meta);
        if let Some(s) = &args.source {
            if !outlet.to_lowercase().contains(&s.to_lowercase()) {
                continue;
            }
        }
        if !in_dates(
            q.date.as_deref(),
            args.since.as_deref(),
            args.until.as_deref(),
        ) {
            continue;
        }
        if let Some((ids, _)) = &speakers {
            if !q.person.is_some_and(|p| ids.contains(&p)) {
                continue;
            }
        }
        if let Some((ids, names)) = &about {
            if !is_about(&store, &mut loaded, &q, ids, names)? {
                continue;
            }
        }
        hits.push(HitView {
            rank: hits.len() + 1,
            score,
            outlet,
            quote: q,
        });
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &hits).context("writing output")?;
            writeln!(out).context("writing output")?;
        }
        OutputFormat::Text => {
            if hits.is_empty() {
                writeln!(out, "(no matching quotations)").context("writing output")?;
            }
            for h in &hits {
                let q = &h.quote;
                let story = q.story.map(|s| format!("story {s}")).unwrap_or_default();
                writeln!(
                    out,
                    "{:>3}. {} — “{}”\n     [{}] {} {} {}",
                    h.rank,
                    q.speaker_name.as_deref().unwrap_or("(unattributed)"),
                    super::story::one_line(&q.text, 240),
                    h.outlet,
                    q.article,
                    q.date.as_deref().unwrap_or(""),
                    story
                )
                .context("writing output")?;
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

/// The persons a name matches, with the words that name them in text; an error when none does.
fn matching(persons: &[PersonRecord], name: &str) -> Result<(HashSet<i64>, Vec<String>)> {
    let found = saywho_people::lookup(
        persons
            .iter()
            .map(|p| (p.name.as_str(), p.aliases.as_slice())),
        name,
    );
    if found.is_empty() {
        // Nobody linked by that name: match the words themselves.
        return Ok((HashSet::new(), vec![name.to_string()]));
    }
    let mut words = Vec::new();
    for &i in &found {
        let p = &persons[i];
        words.push(p.name.clone());
        if let Some(last) = saywho_people::name_tokens(&p.name).last() {
            words.push(last.clone());
        }
    }
    Ok((found.iter().map(|&i| persons[i].id).collect(), words))
}

/// True when the quotation refers to one of `ids` (a linked mention inside it) or names them.
fn is_about(
    store: &Store,
    loaded: &mut HashMap<String, Option<StoredArticle>>,
    q: &QuoteRecord,
    ids: &HashSet<i64>,
    names: &[String],
) -> Result<bool> {
    let lower = q.text.to_lowercase();
    let words: HashSet<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if names.iter().any(|n| {
        let n = n.to_lowercase();
        if n.contains(' ') {
            lower.contains(&n)
        } else {
            words.contains(n.as_str())
        }
    }) {
        return Ok(true);
    }
    if ids.is_empty() {
        return Ok(false);
    }
    if !loaded.contains_key(&q.article) {
        loaded.insert(q.article.clone(), store.load(&q.article)?);
    }
    let Some(stored) = loaded.get(&q.article).and_then(|s| s.as_ref()) else {
        return Ok(false);
    };
    let span = saywho_model::Span::new(q.start, q.end);
    Ok(stored.analysis.mentions.iter().any(|m| {
        span.contains(&m.span)
            && m.entity
                .and_then(|e| stored.persons.get(e).copied().flatten())
                .is_some_and(|p| ids.contains(&p) && q.speaker_entity != m.entity)
    }))
}

/// True when `date` lies within the bounds; an undated article passes only when no bound is set.
fn in_dates(date: Option<&str>, since: Option<&str>, until: Option<&str>) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some(date) = date else {
        return false;
    };
    let day: String = date.chars().take(10).collect();
    since.is_none_or(|s| day.as_str() >= s) && until.is_none_or(|u| day.as_str() <= u)
}

#[cfg(test)]
mod tests {
    use super::in_dates;

    #[test]
    fn dates_bound_inclusively() {
        assert!(in_dates(
            Some("2013-04-20T10:00:00Z"),
            Some("2013-04-20"),
            None
        ));
        assert!(in_dates(Some("2013-04-20"), None, Some("2013-04-20")));
        assert!(!in_dates(Some("2013-04-21"), None, Some("2013-04-20")));
        assert!(!in_dates(None, Some("2013-01-01"), None));
        assert!(in_dates(None, None, None));
    }
}
