//! `saywho ingest`: articles in, analysed into the corpus store. Incremental (unchanged articles
//! are skipped, changed ones replaced), each article whole inside one transaction (a batch's;
//! a kill at any moment loses nothing committed), with progress on a terminal.
//!
//! Also home to what every store-reading command shares: opening a store for queries, keeping
//! person links current, and the outlet name shown for an article.

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use saywho_analyze::Analyzer;
use saywho_model::{Analysis, Article};
use saywho_people::{EntityInput, EntityKeys};
use saywho_read::InputFormat;
use saywho_store::{EntityRecord, Freshness, Mode, Put, PutOutcome, Store, Written};
use saywho_stories::Extracted;

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
    /// Analyse and store it even when stored unchanged (`--reanalyze`).
    reanalyze: bool,
}

/// The articles to store, from the paths or the exchange directory; an error item is a record
/// or input that could not be read, already worded for the user.
fn incoming(args: &Args) -> Result<Box<dyn Iterator<Item = Result<Incoming, String>>>> {
    let reanalyze = args.reanalyze;
    if let Some(dir) = &args.parquet {
        let rows = saywho_exchange::read_articles(dir)
            .with_context(|| format!("reading Parquet tables in {}", dir.display()))?;
        return Ok(Box::new(rows.map(move |rows| {
            let (article, analysis) = rows
                .and_then(|r| r.into_parts())
                .map_err(|e| e.to_string())?;
            Ok(Incoming {
                article,
                warnings: Vec::new(),
                analysis: Some(analysis),
                reanalyze,
            })
        })));
    }
    let input = args.input;
    let paths = args.paths.clone();
    Ok(Box::new(paths.into_iter().flat_map(
        move |path| -> Box<dyn Iterator<Item = Result<Incoming, String>>> {
            match saywho_read::open(&path, input) {
                Ok(documents) => Box::new(documents.map(move |item| {
                    let doc = item.map_err(|e| e.to_string())?;
                    Ok(Incoming {
                        article: doc.article,
                        warnings: doc.warnings,
                        analysis: None,
                        reanalyze,
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
    /// Every article written, in write order, with its entities: person linking's input.
    noted: Vec<Noted>,
}

/// Articles per batch handed to an analysis worker and stored in one transaction.
const BATCH: usize = 32;

/// One article on its way through the pipeline, or an input that failed.
type Entry = Result<Ready, String>;

/// An article read, checked against the store and (when it needs storing) analysed.
struct Ready {
    incoming: Incoming,
    fresh: Freshness,
    /// `None` when nothing needs storing (unchanged and not re-analysed).
    analysis: Option<Analysis>,
    /// What story grouping reads of it, extracted beside the analysis; `None` when it is
    /// not to be grouped (stored unchanged, or not stored).
    extracted: Option<Extracted>,
}

/// Runs the command; the exit status is non-zero when any input or record failed.
///
/// A pipeline: this thread reads articles and asks the store (on a connection of its own)
/// which ones changed; worker threads analyse those in batches; one writer thread stores the
/// batches in input order, each batch in one transaction, and groups stories as it goes.
pub fn run(args: Args) -> Result<ExitCode> {
    if args.paths.is_empty() && args.parquet.is_none() {
        bail!(
            "no input: give one or more PATHs to ingest (`-` for standard input), or --parquet DIR"
        );
    }
    let started = Instant::now();
    let mut store = Store::open(&args.db, Mode::Write)
        .with_context(|| format!("opening store {}", args.db.display()))?;
    let grouping = stories::Grouping::load(&mut store)
        .with_context(|| format!("loading story grouping from {}", args.db.display()))?;
    let checker = store
        .freshness_checker()
        .with_context(|| format!("opening store {}", args.db.display()))?;
    // People are linked from the entities already stored and those the writer notes, so
    // linking starts the moment the last article is stored.
    let gathered = Gathered::start(&store)
        .with_context(|| format!("reading entities from {}", args.db.display()))?;
    let story_config = grouping.config();
    let analyzer = Analyzer::new();
    let progress = Progress::new(!args.quiet && std::io::stderr().is_terminal());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let items = incoming(&args)?;
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Vec<Entry>)>(workers);
    // Owned by the workers alone: once they have all stopped, the reader's sends fail
    // instead of waiting forever.
    let work_rx = Arc::new(Mutex::new(work_rx));
    // Set once every article is read: the batches still in flight are then few.
    let input_read = AtomicBool::new(false);

    let (store, tally) = std::thread::scope(|scope| -> Result<(Store, Tally)> {
        let grouping = grouping.start(scope);
        let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Entry>)>();
        // Batches in flight (read but not yet stored): bounds memory whatever the input.
        let (credit_tx, credit_rx) = mpsc::sync_channel::<()>(4 * workers);
        for _ in 0..4 * workers {
            let _ = credit_tx.send(());
        }
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (work_rx, analyzer, story_config) =
                (Arc::clone(&work_rx), &analyzer, &story_config);
            scope.spawn(move || loop {
                let next = work_rx.lock().map(|rx| rx.recv());
                let Ok(Ok((n, mut batch))) = next else {
                    return;
                };
                for entry in batch.iter_mut() {
                    analyze_entry(analyzer, entry);
                    extract_story_features(story_config, entry);
                }
                if done_tx.send((n, batch)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        drop(work_rx);
        let writer = {
            let (progress, args, input_read) = (&progress, &args, &input_read);
            scope.spawn(move || {
                let (mut store, mut grouping) = (store, grouping);
                let tally = store_in_order(
                    &mut store,
                    &mut grouping,
                    progress,
                    args,
                    input_read,
                    done_rx,
                    credit_tx,
                )?;
                Ok::<_, anyhow::Error>((store, grouping, tally))
            })
        };
        let mut batch = Vec::with_capacity(BATCH);
        let mut n = 0;
        for item in items {
            let entry = item.and_then(|incoming| {
                let fresh = checker.freshness(&incoming.article).map_err(|e| {
                    format!(
                        "checking {} in {}: {e}",
                        incoming.article.id,
                        args.db.display()
                    )
                })?;
                Ok(Ready {
                    incoming,
                    fresh,
                    analysis: None,
                    extracted: None,
                })
            });
            batch.push(entry);
            if batch.len() == BATCH {
                if credit_rx.recv().is_err() {
                    break; // the writer stopped: its error is reported below
                }
                if work_tx.send((n, std::mem::take(&mut batch))).is_err() {
                    break;
                }
                n += 1;
            }
        }
        if !batch.is_empty() && credit_rx.recv().is_ok() {
            let _ = work_tx.send((n, batch)); // a closed queue: the writer's error says why
        }
        input_read.store(true, Ordering::Release);
        drop(work_tx);
        drop(credit_rx);
        let (mut store, mut grouping, mut tally) = writer
            .join()
            .map_err(|_| anyhow!("the ingest writer thread panicked"))??;
        progress.finish();
        // The last chunk is grouped, and the search index commits (following any commit
        // still running), while people are linked.
        store
            .flush_after_running()
            .with_context(|| format!("committing the search index in {}", args.db.display()))?;
        let grouping_failed =
            |e: anyhow::Error| e.context(format!("grouping stories in {}", args.db.display()));
        grouping
            .finish_last(store.seq()?)
            .map_err(grouping_failed)?;
        // People are linked on a thread of their own, from what was gathered as the articles
        // were stored.
        let linking =
            |e: anyhow::Error| e.context(format!("linking people in {}", args.db.display()));
        let relinking = gathered
            .relinking(&store, std::mem::take(&mut tally.noted))
            .map_err(linking)?;
        let mut linked = Some(scope.spawn(move || relinking.link()));
        // Whichever of the linking and the last chunk's grouping finishes first is stored
        // first.
        let mut grouped = false;
        while linked.is_some() || !grouped {
            let ready = linked.as_ref().is_some_and(|l| l.is_finished()) || grouped;
            if let Some(handle) = linked.take_if(|_| ready) {
                let linked = handle
                    .join()
                    .map_err(|_| anyhow!("the people linking thread panicked"))?;
                linked.save(&mut store).map_err(linking)?;
                // Freed beside the rest: the words were allocated on the writer's thread,
                // and freeing them here cost more than their linking.
                scope.spawn(move || drop(linked));
            } else {
                grouped = grouping
                    .wait(&mut store, Duration::from_millis(1))
                    .map_err(grouping_failed)?;
            }
        }
        Ok((store, tally))
    })?;
    let mut store = store;
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

/// Extracts what story grouping reads of an entry that will be grouped: the part of grouping
/// that needs no grouper, done on the analysis workers rather than the one grouping thread.
fn extract_story_features(config: &saywho_stories::Config, entry: &mut Entry) {
    if let Ok(ready) = entry {
        if ready.analysis.is_some() && ready.fresh != Freshness::Unchanged {
            ready.extracted = Some(Extracted::new(&ready.incoming.article, config));
        }
    }
}

/// Analyses one entry when it needs storing; a panic inside the analyzer becomes that
/// article's error rather than a stalled pipeline.
fn analyze_entry(analyzer: &Analyzer, entry: &mut Entry) {
    let Ok(ready) = entry else {
        return;
    };
    if ready.fresh == Freshness::Unchanged && !ready.incoming.reanalyze {
        return;
    }
    if let Some(analysis) = ready.incoming.analysis.take() {
        ready.analysis = Some(analysis);
        return;
    }
    let text = &ready.incoming.article.text;
    match std::panic::catch_unwind(AssertUnwindSafe(|| analyzer.analyze(text))) {
        Ok(analysis) => ready.analysis = Some(analysis),
        Err(_) => {
            *entry = Err(format!(
                "{}: the analyzer failed on this article (a bug: please report it)",
                ready.incoming.article.id
            ))
        }
    }
}

/// The writer: stores batches in input order, one transaction each, and groups them.
fn store_in_order(
    store: &mut Store,
    grouping: &mut stories::Running,
    progress: &Progress,
    args: &Args,
    input_read: &AtomicBool,
    done: mpsc::Receiver<(usize, Vec<Entry>)>,
    credits: mpsc::SyncSender<()>,
) -> Result<Tally> {
    let mut tally = Tally::default();
    crate::ordered::in_order(
        done,
        |(n, _)| *n as u64,
        |(_, batch)| {
            // The few batches left join the last index commit, which starts the moment the
            // last one is stored, rather than make one more commit just before it.
            if input_read.load(Ordering::Acquire) {
                store.hold_index_commits();
            }
            store_batch(store, grouping, progress, args, batch, &mut tally)?;
            let _ = credits.send(());
            Ok(())
        },
    )?;
    Ok(tally)
}

/// Stores one batch in one transaction and notes its new articles for story grouping.
fn store_batch(
    store: &mut Store,
    grouping: &mut stories::Running,
    progress: &Progress,
    args: &Args,
    batch: Vec<Entry>,
    tally: &mut Tally,
) -> Result<()> {
    let mut ready = Vec::with_capacity(batch.len());
    for entry in batch {
        let r = match entry {
            Ok(r) => r,
            Err(err) => {
                progress.println(&format!("saywho: error: {err}"));
                tally.failed += 1;
                continue;
            }
        };
        for warning in &r.incoming.warnings {
            progress.println(&format!("saywho: warning: {warning}"));
        }
        tally.seen += 1;
        if r.analysis.is_none() {
            tally.unchanged += 1;
        } else {
            ready.push(r);
        }
    }
    // A re-analysis keeps the article's story; anything else is grouped after storing.
    let mut stories = Vec::with_capacity(ready.len());
    for r in &ready {
        stories.push(match r.fresh {
            Freshness::Unchanged => store.load(&r.incoming.article.id)?.and_then(|s| s.story),
            _ => None,
        });
    }
    let extracted: Vec<Option<Extracted>> = ready.iter_mut().map(|r| r.extracted.take()).collect();
    let puts: Vec<Put<'_>> = ready
        .iter()
        .zip(&stories)
        .filter_map(|(r, &story)| {
            Some(Put {
                article: &r.incoming.article,
                analysis: r.analysis.as_ref()?,
                story,
                force: args.reanalyze,
            })
        })
        .collect();
    let mut written = Vec::with_capacity(puts.len());
    let outcomes = store
        .put_many_noting(&puts, Some(&mut written))
        .with_context(|| {
            let first = puts.first().map_or("", |p| p.article.id.as_str());
            format!(
                "storing {} article(s) from {first} on in {}",
                puts.len(),
                args.db.display()
            )
        })?;
    tally.noted.extend(written.into_iter().map(Noted::new));
    let seq = store.seq()?;
    for ((extracted, outcome), put) in extracted.into_iter().zip(outcomes).zip(&puts) {
        match outcome {
            PutOutcome::Inserted => tally.inserted += 1,
            PutOutcome::Replaced => tally.replaced += 1,
            PutOutcome::Unchanged => tally.unchanged += 1,
        }
        tally.quotes += put.analysis.quotes.len();
        if let Some(extracted) = extracted {
            grouping
                .add(store, extracted, seq)
                .with_context(|| format!("grouping stories in {}", args.db.display()))?;
        }
    }
    progress.tick(tally);
    Ok(())
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
    Relinking::read(store)?.link().save(store)
}

/// One entity ready for linking: where it sits in its article's entity list, its words, and
/// the keys linking derives from them alone.
struct Linkable {
    place: usize,
    input: EntityInput,
    keys: EntityKeys,
}

impl Linkable {
    fn new(record: EntityRecord) -> Linkable {
        let input = EntityInput {
            article: record.article,
            name: record.name,
            entity_type: record.entity_type,
            names: record.names,
            descriptions: record.descriptions,
        };
        Linkable {
            place: record.idx,
            keys: saywho_people::keys(&input),
            input,
        }
    }
}

/// An article this ingest wrote, with its entities ready for linking.
struct Noted {
    article: String,
    entities: Vec<Linkable>,
}

impl Noted {
    /// Derives the linking keys of what the store noted writing (on the writer's thread,
    /// beside the analysis, rather than all at the end).
    fn new(written: Written) -> Noted {
        Noted {
            article: written.article,
            entities: written.entities.into_iter().map(Linkable::new).collect(),
        }
    }
}

/// Person linking's input, gathered as an ingest goes: the entities stored before it began,
/// then those of each article it writes.
struct Gathered {
    /// The store's sequence number when the ingest began.
    seq: i64,
    /// The entities stored by then, in store order.
    earlier: Vec<Linkable>,
}

impl Gathered {
    fn start(store: &Store) -> Result<Gathered> {
        let seq = store.seq()?;
        let earlier = if seq > 0 {
            store
                .entity_records()?
                .into_iter()
                .map(Linkable::new)
                .collect()
        } else {
            Vec::new()
        };
        Ok(Gathered { seq, earlier })
    }

    /// Every entity of the store now, in the order [`Store::entity_records`] gives: those of
    /// articles this ingest did not write, then those of each article's last write. Read back
    /// from the store instead should anything else have written to it meanwhile.
    fn relinking(self, store: &Store, noted: Vec<Noted>) -> Result<Relinking> {
        if store.seq()? != self.seq + noted.len() as i64 {
            return Relinking::read(store);
        }
        let last: rustc_hash::FxHashMap<&str, usize> = noted
            .iter()
            .enumerate()
            .map(|(i, w)| (w.article.as_str(), i))
            .collect();
        let kept: Vec<bool> = noted
            .iter()
            .enumerate()
            .map(|(i, w)| last.get(w.article.as_str()) == Some(&i))
            .collect();
        let earlier: Vec<Linkable> = self
            .earlier
            .into_iter()
            .filter(|e| !last.contains_key(e.input.article.as_str()))
            .collect();
        drop(last);
        let later = noted
            .into_iter()
            .zip(kept)
            .filter(|(_, kept)| *kept)
            .flat_map(|(w, _)| w.entities);
        Ok(Relinking::new(earlier.into_iter().chain(later)))
    }
}

/// Every entity of the store, read for linking: the linking itself needs no store, so it can
/// run on a thread of its own while the store does other work.
struct Relinking {
    inputs: Vec<EntityInput>,
    keys: Vec<EntityKeys>,
    /// Where each input sits in its article's entity list.
    places: Vec<usize>,
}

/// The corpus persons and each entity's link to one, ready to store.
struct Linked {
    persons: Vec<saywho_store::PersonRecord>,
    /// Input index, place in its article, person id.
    links: Vec<(usize, usize, i64)>,
    inputs: Vec<EntityInput>,
}

impl Relinking {
    fn read(store: &Store) -> Result<Relinking> {
        let records = store.entity_records()?;
        Ok(Relinking::new(records.into_iter().map(Linkable::new)))
    }

    fn new(entities: impl IntoIterator<Item = Linkable>) -> Relinking {
        let (mut inputs, mut keys, mut places) = (Vec::new(), Vec::new(), Vec::new());
        for e in entities {
            inputs.push(e.input);
            keys.push(e.keys);
            places.push(e.place);
        }
        Relinking {
            inputs,
            keys,
            places,
        }
    }

    fn link(self) -> Linked {
        let linked = saywho_people::link_keyed(&self.inputs, &self.keys);
        let mut persons = Vec::with_capacity(linked.len());
        let mut links = Vec::with_capacity(self.inputs.len());
        for (i, p) in linked.into_iter().enumerate() {
            let id = i as i64 + 1;
            links.extend(p.members.iter().map(|&m| (m, self.places[m], id)));
            persons.push(saywho_store::PersonRecord {
                id,
                name: p.name,
                entity_type: p.entity_type,
                aliases: p.aliases,
            });
        }
        Linked {
            persons,
            links,
            inputs: self.inputs,
        }
    }
}

impl Linked {
    fn save(&self, store: &mut Store) -> Result<()> {
        let links: Vec<(&str, usize, i64)> = self
            .links
            .iter()
            .map(|&(m, place, id)| (self.inputs[m].article.as_str(), place, id))
            .collect();
        store.set_persons(&self.persons, &links)?;
        Ok(())
    }
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
    /// Articles are stored first (their batches' transactions), then grouped a chunk at a time: the
    /// chunk's story assignments, any story merges and the grouper's new state go into the
    /// store in one transaction with the article sequence number they cover. Articles stored
    /// after that number (a crash mid-chunk) are grouped at the start of the next run. The very
    /// first chunk of a store is grouped in batch mode, which sees the whole chunk's vocabulary
    /// before deciding; later articles join incrementally.
    ///
    /// The grouping itself runs on a thread of its own ([`Grouping::start`]), beside the
    /// storing: the writer hands it each stored article, and stores each finished chunk.
    pub struct Grouping {
        chunker: Chunker,
        /// Articles handed over since the last chunk was finished.
        pending: usize,
    }

    /// A finished chunk: what [`Store::set_stories`] stores.
    struct Chunk {
        assignments: Vec<(String, i64)>,
        merges: Vec<(i64, i64)>,
        /// The grouper's state after the chunk, unless a later chunk already waits to be
        /// finished: its state will cover this one's articles too, and encoding and writing
        /// the state (megabytes) twice in a row held up the end of an ingest.
        state: Option<String>,
        /// The article sequence number the chunk covers.
        seq: i64,
    }

    /// The grouping proper, with no store: articles in, finished chunks out.
    struct Chunker {
        grouper: Option<StoryGrouper>,
        /// The first chunk of a store, grouped in batch mode.
        batch: Option<BatchGrouper>,
        assignments: Vec<(String, i64)>,
        merges: Vec<(i64, i64)>,
    }

    impl Chunker {
        /// The configuration features are extracted with: the saved grouper's, or the
        /// default a first chunk is grouped with.
        fn config(&self) -> Config {
            self.grouper
                .as_ref()
                .map_or_else(Config::default, |g| g.config().clone())
        }

        fn add(&mut self, article: Extracted) -> Result<()> {
            match self.grouper.as_mut() {
                None => {
                    if self.batch.is_none() {
                        self.batch = Some(BatchGrouper::new(Config::default())?);
                    }
                    if let Some(batch) = self.batch.as_mut() {
                        batch.push_extracted(article);
                    }
                }
                Some(grouper) => {
                    let id = article.id().to_string();
                    let a = grouper.add_extracted(article);
                    self.merges.extend(a.merged.iter().map(|&m| (m, a.story)));
                    self.assignments.push((id, a.story));
                }
            }
            Ok(())
        }

        /// The grouper's state, for the store.
        fn state(&self) -> Result<Option<String>> {
            self.grouper
                .as_ref()
                .map(|g| serde_json::to_string(g).context("encoding grouper"))
                .transpose()
        }

        /// Ends the chunk, without its state; `None` when it held no article.
        fn finish(&mut self, seq: i64) -> Result<Option<Chunk>> {
            if let Some(batch) = self.batch.take() {
                let grouping = batch.finish();
                self.assignments = grouping.assignments;
                self.grouper = Some(grouping.grouper);
            } else if let Some(grouper) = &self.grouper {
                // Stories merged later in the chunk take earlier assignments with them.
                for (_, story) in self.assignments.iter_mut() {
                    *story = grouper.resolve(*story);
                }
                for (_, into) in self.merges.iter_mut() {
                    *into = grouper.resolve(*into);
                }
            }
            let (Some(_), false) = (&self.grouper, self.assignments.is_empty()) else {
                return Ok(None);
            };
            Ok(Some(Chunk {
                state: None,
                assignments: std::mem::take(&mut self.assignments),
                merges: std::mem::take(&mut self.merges),
                seq,
            }))
        }
    }

    /// Stores a chunk's assignments, and its state with the sequence number it covers when it
    /// has one (otherwise a crash before the next chunk regroups this one's articles).
    fn save(store: &mut Store, chunk: Chunk) -> Result<()> {
        let seq = chunk.seq.to_string();
        let meta = match &chunk.state {
            Some(state) => vec![(STATE, state.as_str()), (SEQ, seq.as_str())],
            None => Vec::new(),
        };
        store.set_stories(&chunk.assignments, &chunk.merges, &meta)?;
        Ok(())
    }

    /// What the writer sends the grouping thread.
    enum Message {
        /// A stored article to group, as its extracted features.
        Stored(Box<Extracted>),
        /// End the chunk: every article sent so far is stored, up to this sequence number.
        Finish(i64),
    }

    /// The writer's end of a running grouping thread.
    pub struct Running {
        to: mpsc::Sender<Message>,
        from: mpsc::Receiver<Result<Option<Chunk>>>,
        /// Chunks asked for and not yet stored.
        awaited: usize,
        pending: usize,
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
                chunker: Chunker {
                    grouper,
                    batch: None,
                    assignments: Vec::new(),
                    merges: Vec::new(),
                },
                pending: 0,
            };
            // No chunk finishes before the loop ends, so the configuration stays the same.
            let config = grouping.chunker.config();
            for summary in store.articles_since(covered)? {
                if let Some(stored) = store.load(&summary.id)? {
                    let extracted = Extracted::new(&stored.article, &config);
                    grouping.chunker.add(extracted)?;
                    grouping.pending += 1;
                }
            }
            if let Some(mut chunk) = grouping.chunker.finish(store.seq()?)? {
                chunk.state = grouping.chunker.state()?;
                save(store, chunk)?;
            }
            grouping.pending = 0;
            Ok(grouping)
        }

        /// The configuration the articles' features are to be extracted with.
        pub fn config(&self) -> Config {
            self.chunker.config()
        }

        /// Runs the grouping on a thread of `scope`; the writer talks to it through the
        /// returned handle, asks for the last chunk with [`Running::finish_last`] and stores
        /// it once [`Running::wait`] has it.
        pub fn start<'scope>(self, scope: &'scope std::thread::Scope<'scope, '_>) -> Running {
            let (to, inbox) = mpsc::channel::<Message>();
            let (outbox, from) = mpsc::channel();
            let mut chunker = self.chunker;
            scope.spawn(move || {
                // Messages taken from the inbox early, to see whether another chunk is asked for.
                let mut early = VecDeque::new();
                while let Some(message) = early.pop_front().or_else(|| inbox.recv().ok()) {
                    let result = match message {
                        Message::Stored(article) => match chunker.add(*article) {
                            Ok(()) => continue,
                            Err(e) => Err(e),
                        },
                        Message::Finish(seq) => chunker.finish(seq).and_then(|chunk| {
                            let Some(mut chunk) = chunk else {
                                return Ok(None);
                            };
                            early.extend(inbox.try_iter());
                            if !early.iter().any(|m| matches!(m, Message::Finish(_))) {
                                chunk.state = chunker.state()?;
                            }
                            Ok(Some(chunk))
                        }),
                    };
                    if outbox.send(result).is_err() {
                        return;
                    }
                }
            });
            Running {
                to,
                from,
                awaited: 0,
                pending: self.pending,
            }
        }
    }

    impl Running {
        /// Hands over a stored article; once a chunk is full, asks for it to be finished
        /// (`seq`: the store's sequence number now) and stores any chunk already finished.
        pub fn add(&mut self, store: &mut Store, article: Extracted, seq: i64) -> Result<()> {
            self.send(Message::Stored(Box::new(article)))?;
            self.pending += 1;
            if self.pending >= CHUNK {
                self.send(Message::Finish(seq))?;
                self.awaited += 1;
                self.pending = 0;
            }
            while self.awaited > 0 {
                match self.from.try_recv() {
                    Ok(chunk) => self.store(store, chunk)?,
                    Err(_) => break,
                }
            }
            Ok(())
        }

        /// Asks for the last chunk to be finished, without waiting for it.
        pub fn finish_last(&mut self, seq: i64) -> Result<()> {
            if self.pending > 0 {
                self.send(Message::Finish(seq))?;
                self.awaited += 1;
                self.pending = 0;
            }
            Ok(())
        }

        /// Stores a chunk asked for if one arrives within `timeout`; true once every chunk
        /// asked for is stored.
        pub fn wait(&mut self, store: &mut Store, timeout: Duration) -> Result<bool> {
            if self.awaited > 0 {
                match self.from.recv_timeout(timeout) {
                    Ok(chunk) => self.store(store, chunk)?,
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        bail!("the story grouping thread stopped")
                    }
                }
            }
            Ok(self.awaited == 0)
        }

        fn store(&mut self, store: &mut Store, chunk: Result<Option<Chunk>>) -> Result<()> {
            self.awaited -= 1;
            if let Some(chunk) = chunk? {
                save(store, chunk)?;
            }
            Ok(())
        }

        fn send(&self, message: Message) -> Result<()> {
            self.to
                .send(message)
                .map_err(|_| anyhow!("the story grouping thread stopped"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn ingest(db: &Path, input: &Path) {
        let cli = Cli::try_parse_from([
            "ingest".as_ref(),
            "--quiet".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            input.as_os_str(),
        ])
        .expect("arguments parse");
        assert_eq!(run(cli.args).expect("ingest runs"), ExitCode::SUCCESS);
    }

    /// Each built-in sample in several versions, each adding a quotation of `speaker`.
    fn corpus(versions: std::ops::Range<usize>, speaker: &str) -> String {
        let mut out = String::new();
        for article in crate::samples::articles() {
            for v in versions.clone() {
                let text = format!(
                    "{}\n\n\u{201c}Version {v} holds,\u{201d} said {speaker}.",
                    article.text
                );
                let line = serde_json::json!({"id": format!("{}-{v}", article.id), "text": text});
                out.push_str(&format!("{line}\n"));
            }
        }
        out
    }

    /// What a full relinking of the store gives, as each stored entity's person.
    fn relinked(store: &Store) -> (Vec<saywho_store::PersonRecord>, Vec<(String, usize, i64)>) {
        let linked = Relinking::read(store).unwrap().link();
        let mut links: Vec<(String, usize, i64)> = linked
            .links
            .iter()
            .map(|&(m, place, id)| (linked.inputs[m].article.clone(), place, id))
            .collect();
        links.sort();
        (linked.persons, links)
    }

    /// Each stored entity's person, as the store holds it.
    fn stored(store: &Store) -> (Vec<saywho_store::PersonRecord>, Vec<(String, usize, i64)>) {
        let mut links = Vec::new();
        for summary in store.articles().unwrap() {
            let stored = store.load(&summary.id).unwrap().unwrap();
            for (place, person) in stored.persons.iter().enumerate() {
                links.push((
                    summary.id.clone(),
                    place,
                    person.expect("every entity linked"),
                ));
            }
        }
        links.sort();
        (store.persons().unwrap(), links)
    }

    #[test]
    fn people_linked_during_ingest_match_a_full_relinking() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        let first = dir.path().join("first.jsonl");
        let second = dir.path().join("second.jsonl");
        let versions = corpus(0..3, "Ravi Okafor") + &corpus(3..6, "Mei Tanaka");
        std::fs::write(&first, versions).unwrap();
        ingest(&db, &first);
        // The second run replaces some articles (twice: the file repeats them), leaves some
        // and adds new ones: the linking must see only the last version of each.
        let versions = corpus(3..9, "Ravi Adeyemi");
        let repeated = versions.clone() + &versions.replace("Adeyemi", "Lindqvist");
        std::fs::write(&second, repeated).unwrap();
        ingest(&db, &second);
        let store = Store::open(&db, Mode::Read).unwrap();
        assert!(store.persons_are_current().unwrap());
        let (persons, links) = stored(&store);
        let named = |name: &str| persons.iter().any(|p| p.name == name);
        assert!(named("Ravi Okafor") && named("Ravi Lindqvist"));
        assert!(!named("Mei Tanaka") && !named("Ravi Adeyemi"));
        assert_eq!((persons, links), relinked(&store));
    }
}
