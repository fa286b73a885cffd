//! `saywho ingest`: articles in, analysed into the corpus store. Incremental (unchanged articles
//! are skipped, changed ones replaced), one transaction per article (a kill at any moment loses
//! nothing committed), with progress on a terminal.
//!
//! Also home to what every store-reading command shares: opening a store for queries, keeping
//! person links current, and the outlet name shown for an article.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use saywho_analyze::Analyzer;
use saywho_model::{Article, ArticleMeta};
use saywho_read::InputFormat;
use saywho_store::{Freshness, Mode, PutOutcome, Store};

/// The store directory when `--db` is not given.
pub const DEFAULT_DB: &str = "saywho-data";

/// Arguments of `saywho ingest`.
#[derive(clap::Args)]
pub struct Args {
    /// Store directory (created if missing).
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Input format: auto, text or jsonl.
    #[arg(long, default_value = "auto", value_parser = clap::value_parser!(InputFormat))]
    input: InputFormat,
    /// Analyse and rewrite articles even when already stored unchanged (after upgrading saywho).
    #[arg(long)]
    reanalyze: bool,
    /// No progress display and no summary; errors only.
    #[arg(long, short)]
    quiet: bool,
    /// Files or directories to ingest (`-` reads standard input).
    paths: Vec<String>,
}

/// What happened during one ingest.
#[derive(Default)]
struct Tally {
    seen: usize,
    inserted: usize,
    replaced: usize,
    unchanged: usize,
    quotes: usize,
    failed: usize,
}

/// Runs the command; the exit status is non-zero when any input or record failed.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.paths.is_empty() {
        bail!("no input: give one or more PATHs to ingest (`-` for standard input)");
    }
    let started = Instant::now();
    let mut store = Store::open(&args.db, Mode::Write)
        .with_context(|| format!("opening store {}", args.db.display()))?;
    let mut grouping = stories::Grouping::load(&mut store)
        .with_context(|| format!("loading story grouping from {}", args.db.display()))?;
    let analyzer = Analyzer::new();
    let progress = Progress::new(!args.quiet && std::io::stderr().is_terminal());
    let mut tally = Tally::default();

    for path in &args.paths {
        let documents = match saywho_read::open(path, args.input) {
            Ok(documents) => documents,
            Err(err) => {
                progress.println(&format!("saywho: error: {err}"));
                tally.failed += 1;
                continue;
            }
        };
        for item in documents {
            let doc = match item {
                Ok(doc) => doc,
                Err(err) => {
                    progress.println(&format!("saywho: error: {err}"));
                    tally.failed += 1;
                    continue;
                }
            };
            for warning in &doc.warnings {
                progress.println(&format!("saywho: warning: {warning}"));
            }
            let article = doc.article;
            tally.seen += 1;
            let fresh = store
                .freshness(&article)
                .with_context(|| format!("checking {} in {}", article.id, args.db.display()))?;
            if fresh == Freshness::Unchanged && !args.reanalyze {
                tally.unchanged += 1;
                progress.tick(&tally);
                continue;
            }
            let analysis = analyzer.analyze(&article.text);
            let story = if fresh == Freshness::Unchanged {
                // Re-analysis only: the article keeps its story.
                store.load(&article.id)?.and_then(|s| s.story)
            } else {
                Some(grouping.add(&mut store, &article)?)
            };
            let outcome = if args.reanalyze {
                store.put_again(&article, &analysis, story)
            } else {
                store.put(&article, &analysis, story)
            }
            .with_context(|| format!("storing {} in {}", article.id, args.db.display()))?;
            match outcome {
                PutOutcome::Inserted => tally.inserted += 1,
                PutOutcome::Replaced => tally.replaced += 1,
                PutOutcome::Unchanged => tally.unchanged += 1,
            }
            tally.quotes += analysis.quotes.len();
            grouping
                .checkpoint(&mut store)
                .with_context(|| format!("saving story grouping in {}", args.db.display()))?;
            progress.tick(&tally);
        }
    }
    progress.finish();
    grouping
        .save(&mut store)
        .with_context(|| format!("saving story grouping in {}", args.db.display()))?;
    relink_people(&mut store)
        .with_context(|| format!("linking people in {}", args.db.display()))?;
    store
        .flush()
        .with_context(|| format!("committing the search index in {}", args.db.display()))?;
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let counts = store.counts()?;
        eprintln!(
            "saywho: {} article(s) read: {} new, {} replaced, {} unchanged; {} quotation(s) found; \
             {:.1}s ({:.0} articles/s). Store {}: {} articles, {} quotations, {} people.",
            tally.seen,
            tally.inserted,
            tally.replaced,
            tally.unchanged,
            tally.quotes,
            secs,
            tally.seen as f64 / secs.max(1e-9),
            args.db.display(),
            counts.articles,
            counts.quotes,
            counts.persons
        );
    }
    if tally.failed > 0 {
        eprintln!("saywho: {} input(s) or record(s) failed", tally.failed);
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens an existing store for a query command, repairing what a crashed ingest left behind
/// (the search index catches up inside [`Store::open`]; person links here).
pub fn open_for_query(db: &Path) -> Result<Store> {
    if !db.join(saywho_store::DB_FILE).exists() {
        bail!(
            "no saywho store in {} (create one with `saywho ingest PATH... --db {}`)",
            db.display(),
            db.display()
        );
    }
    let mut store =
        Store::open(db, Mode::Read).with_context(|| format!("opening store {}", db.display()))?;
    if !store.persons_are_current()? {
        relink_people(&mut store).with_context(|| format!("linking people in {}", db.display()))?;
    }
    Ok(store)
}

/// Links every stored entity into corpus persons and stores the result.
pub fn relink_people(store: &mut Store) -> Result<()> {
    let records = store.entity_records()?;
    let inputs: Vec<saywho_people::EntityInput> = records
        .iter()
        .map(|r| saywho_people::EntityInput {
            article: r.article.clone(),
            name: r.name.clone(),
            entity_type: r.entity_type,
            names: r.names.clone(),
            descriptions: r.descriptions.clone(),
        })
        .collect();
    let linked = saywho_people::link(&inputs);
    let mut persons = Vec::with_capacity(linked.len());
    let mut links = Vec::with_capacity(records.len());
    for (i, p) in linked.into_iter().enumerate() {
        let id = i as i64 + 1;
        for &m in &p.members {
            links.push((records[m].article.clone(), records[m].idx, id));
        }
        persons.push(saywho_store::PersonRecord {
            id,
            name: p.name,
            entity_type: p.entity_type,
            aliases: p.aliases,
        });
    }
    store.set_persons(&persons, &links)?;
    Ok(())
}

/// The outlet to show for an article: its source, else the file name of its id.
pub fn outlet(id: &str, meta: &ArticleMeta) -> String {
    if let Some(source) = meta.source.as_deref().filter(|s| !s.trim().is_empty()) {
        return source.trim().to_string();
    }
    Path::new(id)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// Progress on a terminal; silent otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(show: bool) -> Self {
        let bar = show.then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {elapsed_precise} {pos} articles ({per_sec}) {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress { bar }
    }

    fn tick(&self, tally: &Tally) {
        if let Some(bar) = &self.bar {
            bar.set_position(tally.seen as u64);
            bar.set_message(format!(
                "{} new, {} replaced, {} unchanged, {} quotations",
                tally.inserted, tally.replaced, tally.unchanged, tally.quotes
            ));
        }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The one place the store meets story grouping.
mod stories {
    use super::*;
    use saywho_stories::{Config, StoryGrouper};

    /// Store meta key of the grouper's serialised state.
    const STATE: &str = "stories.grouper";
    /// Store meta key of the article sequence number that state reflects.
    const SEQ: &str = "stories.seq";
    /// Articles between saves of the grouper state; a crash replays at most this many.
    const SAVE_EVERY: usize = 2000;

    /// The incremental grouper, persisted in the store beside the articles it has seen.
    ///
    /// Articles carry their story in the same transaction as their content. The grouper's
    /// state is saved every [`SAVE_EVERY`] articles with the sequence number it reflects; after
    /// a crash the articles stored since are replayed into it in write order, which (the
    /// grouper being deterministic) gives them the stories they were stored with.
    pub struct Grouping {
        grouper: StoryGrouper,
        pending: usize,
    }

    impl Grouping {
        /// Loads the saved state and replays what it missed.
        pub fn load(store: &mut Store) -> Result<Grouping> {
            let grouper = match store.meta(STATE)? {
                Some(json) => serde_json::from_str(&json).context("decoding saved grouper")?,
                None => StoryGrouper::new(Config::default())?,
            };
            let covered: i64 = store.meta(SEQ)?.and_then(|v| v.parse().ok()).unwrap_or(0);
            let mut grouping = Grouping {
                grouper,
                pending: 0,
            };
            let missed = store.articles_since(covered)?;
            if !missed.is_empty() {
                for summary in missed {
                    if let Some(stored) = store.load(&summary.id)? {
                        grouping.add(store, &stored.article)?;
                    }
                }
                grouping.save(store)?;
            }
            Ok(grouping)
        }

        /// Groups one article; stories it merged are relabelled in the store at once.
        pub fn add(&mut self, store: &mut Store, article: &Article) -> Result<i64> {
            let assignment = self.grouper.add(article);
            if !assignment.merged.is_empty() {
                let moved: Vec<(String, i64)> = assignment
                    .merged
                    .iter()
                    .flat_map(|&m| store.story_articles(m).unwrap_or_default())
                    .map(|a| (a.id, assignment.story))
                    .collect();
                store.set_stories(&moved, &[])?;
            }
            self.pending += 1;
            Ok(assignment.story)
        }

        /// Saves the state when enough articles have gone by since the last save.
        pub fn checkpoint(&mut self, store: &mut Store) -> Result<()> {
            if self.pending >= SAVE_EVERY {
                self.save(store)?;
            }
            Ok(())
        }

        /// Saves the state and the sequence number it reflects in one transaction.
        pub fn save(&mut self, store: &mut Store) -> Result<()> {
            if self.pending == 0 {
                return Ok(());
            }
            let json = serde_json::to_string(&self.grouper).context("encoding grouper")?;
            let seq = store.seq()?.to_string();
            store.set_stories(&[], &[(STATE, &json), (SEQ, &seq)])?;
            self.pending = 0;
            Ok(())
        }
    }
}
