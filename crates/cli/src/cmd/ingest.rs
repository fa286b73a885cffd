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
use saywho_model::{Analysis, Article};
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
    /// Store the analysed articles of this exchange directory (`saywho export --parquet`
    /// or the Spark job's output) as they are, without analysing them again; stories and
    /// people are then grouped and linked over the whole store, as for any ingest.
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    parquet: Option<PathBuf>,
    /// Files or directories to ingest (`-` reads standard input).
    paths: Vec<String>,
}

/// One article to store: read from an input (analysed here) or from Parquet (already analysed).
struct Incoming {
    article: Article,
    warnings: Vec<String>,
    analysis: Option<Analysis>,
}

/// The articles to store, from the paths or the exchange directory; an error item is a record
/// or input that could not be read, already worded for the user.
fn incoming(args: &Args) -> Result<Box<dyn Iterator<Item = Result<Incoming, String>>>> {
    if let Some(dir) = &args.parquet {
        let rows = saywho_exchange::read_articles(dir)
            .with_context(|| format!("reading Parquet tables in {}", dir.display()))?;
        return Ok(Box::new(rows.map(|rows| {
            let (article, analysis) = rows
                .and_then(|r| r.into_parts())
                .map_err(|e| e.to_string())?;
            Ok(Incoming {
                article,
                warnings: Vec::new(),
                analysis: Some(analysis),
            })
        })));
    }
    let input = args.input;
    let paths = args.paths.clone();
    Ok(Box::new(paths.into_iter().flat_map(
        move |path| -> Box<dyn Iterator<Item = Result<Incoming, String>>> {
            match saywho_read::open(&path, input) {
                Ok(documents) => Box::new(documents.map(|item| {
                    let doc = item.map_err(|e| e.to_string())?;
                    Ok(Incoming {
                        article: doc.article,
                        warnings: doc.warnings,
                        analysis: None,
                    })
                })),
                Err(err) => Box::new(std::iter::once(Err(err.to_string()))),
            }
        },
    )))
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
    if args.paths.is_empty() && args.parquet.is_none() {
        bail!(
            "no input: give one or more PATHs to ingest (`-` for standard input), or --parquet DIR"
        );
    }
    let started = Instant::now();
    let mut store = Store::open(&args.db, Mode::Write)
        .with_context(|| format!("opening store {}", args.db.display()))?;
    let mut grouping = stories::Grouping::load(&mut store)
        .with_context(|| format!("loading story grouping from {}", args.db.display()))?;
    let analyzer = Analyzer::new();
    let progress = Progress::new(!args.quiet && std::io::stderr().is_terminal());
    let mut tally = Tally::default();

    for item in incoming(&args)? {
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
        let analysis = match doc.analysis {
            Some(analysis) => analysis,
            None => analyzer.analyze(&article.text),
        };
        // A re-analysis keeps the article's story; anything else is grouped after storing.
        let story = match fresh {
            Freshness::Unchanged => store.load(&article.id)?.and_then(|s| s.story),
            _ => None,
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
        if fresh != Freshness::Unchanged {
            grouping
                .add(&mut store, &article)
                .with_context(|| format!("grouping stories in {}", args.db.display()))?;
        }
        progress.tick(&tally);
    }
    progress.finish();
    grouping
        .flush(&mut store)
        .with_context(|| format!("grouping stories in {}", args.db.display()))?;
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

/// Prints a store's stories: one `{"id", "story"}` line per article (`jsonl`), or each story
/// with its articles. Backs `saywho stories --db`.
pub fn print_stories(db: &Path, jsonl: bool) -> Result<ExitCode> {
    use std::collections::BTreeMap;
    use std::io::Write;
    let store = open_for_query(db)?;
    let articles = store.articles()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if jsonl {
        for a in &articles {
            serde_json::to_writer(&mut out, &serde_json::json!({"id": a.id, "story": a.story}))
                .context("writing output")?;
            out.write_all(b"\n").context("writing output")?;
        }
    } else {
        let mut stories: BTreeMap<Option<i64>, Vec<&saywho_store::ArticleSummary>> =
            BTreeMap::new();
        for a in &articles {
            stories.entry(a.story).or_default().push(a);
        }
        writeln!(
            out,
            "{} article(s) in {} story(ies)",
            articles.len(),
            stories.len()
        )?;
        for (story, members) in &stories {
            let label = members
                .iter()
                .find_map(|a| a.meta.title.as_deref())
                .unwrap_or("");
            match story {
                Some(s) => writeln!(out, "\nstory {s} ({} article(s)): {label}", members.len())?,
                None => writeln!(out, "\n(not yet grouped) ({} article(s))", members.len())?,
            }
            for a in members {
                let title = a.meta.title.as_deref().unwrap_or("");
                writeln!(out, "  {}  [{}]  {title}", a.id, outlet(&a.id, &a.meta))?;
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
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

pub use saywho_model::outlet;

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
    use saywho_stories::{BatchGrouper, Config, StoryGrouper};

    /// Store meta key of the grouper's serialised state.
    const STATE: &str = "stories.grouper";
    /// Store meta key of the article sequence number that state reflects.
    const SEQ: &str = "stories.seq";
    /// Articles grouped at a time; also how many a crash can leave ungrouped until the next run.
    const CHUNK: usize = 2000;

    /// The story grouper, persisted in the store beside the articles it has seen.
    ///
    /// Articles are stored first (their own transactions), then grouped a chunk at a time: the
    /// chunk's story assignments, any story merges and the grouper's new state go into the
    /// store in one transaction with the article sequence number they cover. Articles stored
    /// after that number (a crash mid-chunk) are grouped at the start of the next run. The very
    /// first chunk of a store is grouped in batch mode, which sees the whole chunk's vocabulary
    /// before deciding; later articles join incrementally.
    pub struct Grouping {
        grouper: Option<StoryGrouper>,
        pending: Vec<Article>,
    }

    impl Grouping {
        /// Loads the saved state and groups what it missed.
        pub fn load(store: &mut Store) -> Result<Grouping> {
            let grouper = match store.meta(STATE)? {
                Some(json) => Some(serde_json::from_str(&json).context("decoding saved grouper")?),
                None => None,
            };
            let covered: i64 = store.meta(SEQ)?.and_then(|v| v.parse().ok()).unwrap_or(0);
            let mut grouping = Grouping {
                grouper,
                pending: Vec::new(),
            };
            for summary in store.articles_since(covered)? {
                if let Some(stored) = store.load(&summary.id)? {
                    grouping.pending.push(stored.article);
                }
            }
            grouping.flush(store)?;
            Ok(grouping)
        }

        /// Notes a stored article for grouping; groups when a chunk is full.
        pub fn add(&mut self, store: &mut Store, article: &Article) -> Result<()> {
            self.pending.push(article.clone());
            if self.pending.len() >= CHUNK {
                self.flush(store)?;
            }
            Ok(())
        }

        /// Groups every pending article and stores the result with the grouper's state.
        pub fn flush(&mut self, store: &mut Store) -> Result<()> {
            if self.pending.is_empty() {
                return Ok(());
            }
            let pending = std::mem::take(&mut self.pending);
            let mut assignments = Vec::with_capacity(pending.len());
            let mut merges = Vec::new();
            match self.grouper.as_mut() {
                None => {
                    let mut batch = BatchGrouper::new(Config::default())?;
                    for article in &pending {
                        batch.push(article);
                    }
                    let grouping = batch.finish();
                    assignments = grouping.assignments;
                    self.grouper = Some(grouping.grouper);
                }
                Some(grouper) => {
                    for article in &pending {
                        let a = grouper.add(article);
                        merges.extend(a.merged.iter().map(|&m| (m, a.story)));
                        assignments.push((article.id.clone(), a.story));
                    }
                    // Stories merged later in the chunk take earlier assignments with them.
                    for (_, story) in assignments.iter_mut() {
                        *story = grouper.resolve(*story);
                    }
                    for (_, into) in merges.iter_mut() {
                        *into = grouper.resolve(*into);
                    }
                }
            }
            let Some(grouper) = &self.grouper else {
                return Ok(());
            };
            let json = serde_json::to_string(grouper).context("encoding grouper")?;
            let seq = store.seq()?.to_string();
            store.set_stories(&assignments, &merges, &[(STATE, &json), (SEQ, &seq)])?;
            Ok(())
        }
    }
}
