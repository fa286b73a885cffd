//! `saywho export --parquet DIR`: the store's articles, analyses, stories and people as the
//! Parquet tables the Spark job writes (see the `saywho-exchange` crate), for analysts' tools
//! and for moving results to and from a cluster.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use saywho_exchange::{ArticleRows, PersonRow, Writer};

use super::ingest::{open_for_query, DEFAULT_DB};

/// Arguments of `saywho export`.
#[derive(clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Directory to write the tables into (articles/, quotes/, entities/, mentions/,
    /// persons/); it must not hold tables already.
    #[arg(long, value_name = "DIR")]
    parquet: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let store = open_for_query(&args.db)?;
    let out = &args.parquet;
    let mut writer = Writer::create(out)
        .with_context(|| format!("creating Parquet tables in {}", out.display()))?;
    let writing = || format!("writing Parquet tables in {}", out.display());
    for summary in store.articles()? {
        let Some(stored) = store.load(&summary.id)? else {
            continue;
        };
        let mut rows = ArticleRows::new(&stored.article, &stored.analysis);
        rows.article.story = stored.story;
        for (entity, person) in rows.entities.iter_mut().zip(&stored.persons) {
            entity.person = *person;
        }
        writer.push(rows).with_context(writing)?;
    }
    for p in store.persons()? {
        writer
            .push_person(PersonRow {
                id: p.id,
                name: p.name,
                entity_type: p.entity_type,
                aliases: p.aliases,
            })
            .with_context(writing)?;
    }
    let counts = writer.finish().with_context(writing)?;
    eprintln!(
        "saywho: exported {} article(s), {} quotation(s), {} entit(ies), {} mention(s), {} person(s) \
         to {} in {:.1}s",
        counts.articles,
        counts.quotes,
        counts.entities,
        counts.mentions,
        counts.persons,
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
