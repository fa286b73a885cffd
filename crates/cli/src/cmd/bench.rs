//! `saywho bench`: every speed claim of the README from one command, on one corpus, in one
//! run, side by side with the peer extractor (spaCy + textacy).
//!
//! Each measured step runs the real `saywho` binary as a child process, the way a user runs
//! it, and reads the child's wall time, CPU time and peak resident memory from the kernel
//! (`wait4`). CPU time matters on a shared machine: articles per CPU-second is the one-core
//! rate whatever else the machine is doing, and it is given beside the wall-clock rate.

mod corpus;

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use saywho_read::InputFormat;
use saywho_store::{Mode, Store, Target};
use serde_json::{json, Value};

use corpus::{Generator, Rng};

/// Arguments of `saywho bench`.
#[derive(clap::Args)]
pub struct Args {
    /// Articles of the generated corpus (analysed, ingested, searched).
    #[arg(long, default_value_t = 2000)]
    articles: usize,
    /// Seed of the generator, for a reproducible corpus.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Thread counts `analyze` is measured with.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// PolNeAR's development set (or any JSONL of articles): analysed, ingested, and the
    /// articles the peer is run on. Skipped, with a warning, when missing.
    #[arg(long, default_value = "../shared/eval/polnear/dev.jsonl")]
    polnear: PathBuf,
    /// Each `analyze` measurement repeats its corpus until it holds at least this many
    /// articles, so that start-up does not dominate and each run lasts a few seconds: runs
    /// of half a second moved by a tenth or more with other load on the machine (one showed
    /// a 2.1× speed-up from one thread to two on two cores).
    #[arg(long, default_value_t = 6000)]
    min_docs: usize,
    /// Articles of the generated corpus that story grouping is timed on.
    #[arg(long, default_value_t = 100_000)]
    story_articles: usize,
    /// Also stream a generated JSONL corpus of this many megabytes through `saywho analyze
    /// --format jsonl` (all cores) and report its peak memory; 0 skips it.
    #[arg(long, default_value_t = 0)]
    stream_mb: usize,
    /// Searches timed against the ingested store.
    #[arg(long, default_value_t = 200)]
    searches: usize,
    /// Python of the peer's virtual environment (made by ../shared/peers/setup.sh).
    #[arg(
        long,
        env = "SAYWHO_PEER_PYTHON",
        default_value = "/tmp/peer/bin/python"
    )]
    peer_python: PathBuf,
    /// The peer's runner script.
    #[arg(long, default_value = "../shared/peers/run_textacy.py")]
    peer_script: PathBuf,
    /// Articles of PolNeAR dev the peer is run on (an even sample; the peer manages about
    /// one article a second); 0 skips the peer.
    #[arg(long, default_value_t = 24)]
    peer_docs: usize,
    /// Directory for corpora, outputs and the store (default: a fresh temporary directory,
    /// removed afterwards).
    #[arg(long)]
    work_dir: Option<PathBuf>,
    /// Also print every measurement as one JSON object a line.
    #[arg(long)]
    json: bool,
    /// Only write the generated corpus (`--articles`, `--seed`) to this JSONL file and stop:
    /// the same articles for other benchmarks (`deploy/spark/bench_local.sh`).
    #[arg(long)]
    write_corpus: Option<PathBuf>,
}

/// What the kernel says about one finished child process.
#[derive(Clone, Copy, Debug, Default)]
struct Usage {
    wall: f64,
    cpu: f64,
    max_rss_mb: f64,
}

/// One measured step.
struct Row {
    step: String,
    items: usize,
    bytes: usize,
    usage: Usage,
}

impl Row {
    fn per_s(&self) -> f64 {
        self.items as f64 / self.usage.wall
    }

    fn per_cpu_s(&self) -> f64 {
        self.items as f64 / self.usage.cpu
    }
}

/// Runs `command` to completion; fails when it exits unsuccessfully.
fn measure(command: &mut Command) -> Result<Usage> {
    let what = format!("{command:?}");
    let started = Instant::now();
    let child = command
        .spawn()
        .with_context(|| format!("starting {what}"))?;
    let (status, usage) = wait4(child.id()).with_context(|| format!("waiting for {what}"))?;
    let wall = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("{what} failed: {status}");
    }
    Ok(Usage {
        wall,
        cpu: usage.cpu,
        ..usage
    })
}

/// Waits for process `pid` and returns its exit status with its CPU time and peak memory.
fn wait4(pid: u32) -> std::io::Result<(std::process::ExitStatus, Usage)> {
    use std::os::unix::process::ExitStatusExt;
    let pid = libc::pid_t::try_from(pid).map_err(std::io::Error::other)?;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data that wait4 fills in; zeroes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet waited for (the Child handle is never
        // waited on); both pointers are to live locals.
        let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if got == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    Ok((
        std::process::ExitStatus::from_raw(status),
        Usage {
            wall: 0.0,
            cpu,
            // Linux reports kilobytes.
            max_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        },
    ))
}

/// The bench's scratch directory.
struct Work {
    dir: PathBuf,
    remove: bool,
}

impl Work {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        if self.remove {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A JSONL corpus on disk: its records and bytes of article text.
struct Corpus {
    name: String,
    path: PathBuf,
    docs: usize,
    bytes: usize,
}

/// Runs the benchmark.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(path) = &args.write_corpus {
        let corpus = write_generated(path, args.articles, args.seed)?;
        eprintln!(
            "saywho bench: wrote {} generated articles ({} bytes of text) to {}",
            corpus.docs,
            corpus.bytes,
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let exe = std::env::current_exe().context("finding the saywho binary")?;
    let work = match &args.work_dir {
        Some(dir) => Work {
            dir: dir.clone(),
            remove: false,
        },
        None => Work {
            dir: std::env::temp_dir().join(format!("saywho-bench-{}", std::process::id())),
            remove: true,
        },
    };
    std::fs::create_dir_all(&work.dir)
        .with_context(|| format!("creating {}", work.dir.display()))?;
    let saywho = |args: &[&str]| {
        let mut c = Command::new(&exe);
        c.args(args).stdin(Stdio::null());
        c
    };
    eprintln!("saywho bench: machine load before: {}", load_average());
    let mut rows: Vec<Row> = Vec::new();
    // Per analyze row: CPU seconds of each thread (reader, workers, writer) when threaded.
    let mut splits: Vec<(usize, Vec<(String, f64)>)> = Vec::new();

    let generated = write_generated(&work.path("generated.jsonl"), args.articles, args.seed)?;
    let polnear = if args.polnear.is_file() {
        Some(read_corpus("polnear-dev", &args.polnear)?)
    } else {
        eprintln!(
            "saywho bench: WARNING: {} not found; PolNeAR figures and the peer comparison are skipped",
            args.polnear.display()
        );
        None
    };

    // One single-threaded `analyze` of a repeated corpus, with extra flags: one row.
    let one_thread = |extra: &[&str], repeated: &Corpus, step: String| -> Result<Row> {
        let out = File::create(work.path("analysis.jsonl"))?;
        let mut command = saywho(&["analyze", "--format", "jsonl", "--threads", "1"]);
        let usage = measure(command.args(extra).arg(&repeated.path).stdout(out))?;
        Ok(Row {
            step,
            items: repeated.docs,
            bytes: repeated.bytes,
            usage,
        })
    };

    // Analysis, on 1 and more threads.
    for corpus in std::iter::once(&generated).chain(polnear.as_ref()) {
        let repeated = repeat(&work, corpus, args.min_docs)?;
        for &threads in &args.threads {
            let out = File::create(work.path("analysis.jsonl"))?;
            let log = work.path("analyze.log");
            let usage = measure(
                saywho(&["analyze", "--format", "jsonl", "--threads"])
                    .arg(threads.max(1).to_string())
                    .arg(&repeated.path)
                    .env(super::analyze::THREAD_CPU_VAR, "1")
                    .stdout(out)
                    .stderr(File::create(&log)?),
            )?;
            rows.push(Row {
                step: format!("analyze {} --threads {threads}", corpus.name),
                items: repeated.docs,
                bytes: repeated.bytes,
                usage,
            });
            splits.push((rows.len() - 1, thread_split(&log)));
        }
        // The same articles without the learned models: what the models cost.
        rows.push(one_thread(
            &["--rules-only"],
            &repeated,
            format!("analyze {} --threads 1 --rules-only", corpus.name),
        )?);
    }

    // The peer, and saywho on exactly the same articles.
    let mut peer = None;
    if let (Some(polnear), true) = (&polnear, args.peer_docs > 0) {
        let sample = sample(&work, polnear, args.peer_docs)?;
        let repeated = repeat(&work, &sample, args.min_docs)?;
        rows.push(one_thread(
            &[],
            &repeated,
            format!("analyze {} --threads 1", sample.name),
        )?);
        peer = run_peer(&args, &work, &sample)?;
        if let Some(p) = &peer {
            rows.push(Row {
                step: format!("peer (textacy) {}", sample.name),
                items: sample.docs,
                bytes: sample.bytes,
                usage: p.usage,
            });
        }
    }

    // Ingest into a fresh store, then search it.
    let store = work.path("store");
    let _ = std::fs::remove_dir_all(&store);
    let mut ingest = saywho(&["ingest", "--quiet", "--db"]);
    ingest.arg(&store).arg(&generated.path);
    let mut ingested = (generated.docs, generated.bytes);
    if let Some(polnear) = &polnear {
        ingest.arg(&polnear.path);
        ingested = (ingested.0 + polnear.docs, ingested.1 + polnear.bytes);
    }
    let usage = measure(&mut ingest)?;
    rows.push(Row {
        step: "ingest (store + index + stories)".into(),
        items: ingested.0,
        bytes: ingested.1,
        usage,
    });
    let queries = queries(args.searches, args.seed);
    let search = search_latency(&store, &queries, &saywho)?;

    // Story grouping at scale.
    let stories = write_generated(
        &work.path("stories.jsonl"),
        args.story_articles,
        args.seed ^ 0x5701,
    )?;
    let usage = measure(
        saywho(&["stories", "--format", "jsonl", "--input"])
            .arg(&stories.path)
            .stdout(Stdio::null()),
    )?;
    rows.push(Row {
        step: "stories (group, one pass)".into(),
        items: stories.docs,
        bytes: stories.bytes,
        usage,
    });
    let _ = std::fs::remove_file(&stories.path);

    // Streaming a large corpus: memory must stay flat.
    if args.stream_mb > 0 {
        let big = write_large(&work.path("large.jsonl"), args.stream_mb, args.seed)?;
        let usage = measure(
            saywho(&["analyze", "--format", "jsonl"])
                .arg(&big.path)
                .stdout(Stdio::null()),
        )?;
        rows.push(Row {
            step: format!(
                "analyze {} MB JSONL, all cores, streamed",
                file_mb(&big.path)
            ),
            items: big.docs,
            bytes: big.bytes,
            usage,
        });
        let _ = std::fs::remove_file(&big.path);
    }
    eprintln!("saywho bench: machine load after: {}", load_average());

    print_report(&args, &rows, &search, peer.as_ref());
    print_splits(&rows, &splits);
    Ok(ExitCode::SUCCESS)
}

/// Writes `n` generated articles to `path`.
fn write_generated(path: &Path, n: usize, seed: u64) -> Result<Corpus> {
    let mut out =
        BufWriter::new(File::create(path).with_context(|| format!("creating {}", path.display()))?);
    let (docs, bytes) = Generator::new(n, seed).write_jsonl(&mut out)?;
    out.flush()?;
    Ok(Corpus {
        name: format!("generated ({n} articles)"),
        path: path.to_path_buf(),
        docs,
        bytes,
    })
}

/// Writes generated articles to `path` until it holds `mb` megabytes.
fn write_large(path: &Path, mb: usize, seed: u64) -> Result<Corpus> {
    let mut out =
        BufWriter::new(File::create(path).with_context(|| format!("creating {}", path.display()))?);
    let (mut docs, mut bytes) = (0, 0);
    let mut written = 0u64;
    let mut chunk_seed = seed;
    let mut chunk = Vec::new();
    while written < (mb as u64) << 20 {
        chunk.clear();
        let (d, b) = Generator::new(1000, chunk_seed).write_jsonl(&mut chunk)?;
        out.write_all(&chunk)?;
        written += chunk.len() as u64;
        docs += d;
        bytes += b;
        chunk_seed = chunk_seed.wrapping_add(1);
    }
    out.flush()?;
    Ok(Corpus {
        name: format!("large ({mb} MB)"),
        path: path.to_path_buf(),
        docs,
        bytes,
    })
}

/// Counts the records and text bytes of a JSONL corpus as `analyze` reads it.
fn read_corpus(name: &str, path: &Path) -> Result<Corpus> {
    let shown = path.display().to_string();
    let (mut docs, mut bytes) = (0, 0);
    for doc in saywho_read::open(&shown, InputFormat::Jsonl)
        .with_context(|| format!("opening {shown}"))?
        .flatten()
    {
        docs += 1;
        bytes += doc.article.text.len();
    }
    if docs == 0 {
        bail!("{shown}: no articles");
    }
    Ok(Corpus {
        name: name.to_string(),
        path: path.to_path_buf(),
        docs,
        bytes,
    })
}

/// The lines of `corpus`, repeated until at least `min_docs` (the same articles again).
fn repeat(work: &Work, corpus: &Corpus, min_docs: usize) -> Result<Corpus> {
    let times = min_docs.div_ceil(corpus.docs).max(1);
    let text = std::fs::read(&corpus.path)
        .with_context(|| format!("reading {}", corpus.path.display()))?;
    let path = work.path(&format!("repeated-{}.jsonl", sanitize(&corpus.name)));
    let mut out = BufWriter::new(File::create(&path)?);
    for _ in 0..times {
        out.write_all(&text)?;
        if !text.ends_with(b"\n") {
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(Corpus {
        name: format!("{} x{times}", corpus.name),
        path,
        docs: corpus.docs * times,
        bytes: corpus.bytes * times,
    })
}

/// An even sample of `n` records of `corpus`.
fn sample(work: &Work, corpus: &Corpus, n: usize) -> Result<Corpus> {
    let file = File::open(&corpus.path)?;
    let lines: Vec<String> = BufReader::new(file)
        .lines()
        .collect::<std::io::Result<Vec<_>>>()?
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let n = n.min(lines.len());
    let picked: Vec<&String> = (0..n).map(|k| &lines[k * lines.len() / n]).collect();
    let path = work.path("peer-sample.jsonl");
    let mut out = BufWriter::new(File::create(&path)?);
    let mut bytes = 0;
    for line in &picked {
        let value: Value = serde_json::from_str(line)?;
        bytes += value["text"].as_str().map_or(0, str::len);
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(Corpus {
        name: format!("{} sample of {n}", corpus.name),
        path,
        docs: n,
        bytes,
    })
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn file_mb(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len() >> 20)
}

/// What the peer run gave.
struct Peer {
    /// The whole run, model load included.
    usage: Usage,
    /// CPU seconds of loading alone (an empty run).
    load_cpu: f64,
    /// The peer's own timer: seconds of processing, model load excluded.
    process_s: f64,
    docs: usize,
    version: String,
}

/// Runs the peer on `sample`, one core; `None` (after a loud warning) when not installed.
fn run_peer(args: &Args, work: &Work, sample: &Corpus) -> Result<Option<Peer>> {
    if !args.peer_python.is_file() || !args.peer_script.is_file() {
        eprintln!(
            "saywho bench: WARNING: THE PEER IS NOT INSTALLED ({} or {} missing): no ratios \
             against it. Set it up with `bash ../shared/peers/setup.sh /tmp/peer` (or pass \
             --peer-python).",
            args.peer_python.display(),
            args.peer_script.display()
        );
        return Ok(None);
    }
    let run = |input: &Path| -> Result<(Usage, Value)> {
        let log = work.path("peer.log");
        let mut command = Command::new(&args.peer_python);
        command
            .arg(&args.peer_script)
            .arg(input)
            .arg("--out")
            .arg(work.path("peer.jsonl"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&log)?);
        // One core, as saywho's one-thread figure: no BLAS or OpenMP thread pools.
        for var in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] {
            command.env(var, "1");
        }
        let usage = measure(&mut command)?;
        let log = std::fs::read_to_string(&log)?;
        let summary = log
            .lines()
            .rev()
            .find_map(|l| serde_json::from_str::<Value>(l).ok())
            .context("the peer printed no summary")?;
        Ok((usage, summary))
    };
    eprintln!("saywho bench: running the peer on {} …", sample.name);
    let empty = work.path("empty.jsonl");
    File::create(&empty)?;
    let (load, _) = run(&empty)?;
    let (usage, summary) = run(&sample.path)?;
    Ok(Some(Peer {
        usage,
        load_cpu: load.cpu,
        process_s: summary["process_s"].as_f64().unwrap_or(f64::NAN),
        docs: summary["docs"].as_u64().unwrap_or(0) as usize,
        version: format!(
            "spaCy {} + textacy {}, {}",
            summary["spacy"].as_str().unwrap_or("?"),
            summary["textacy"].as_str().unwrap_or("?"),
            summary["model"].as_str().unwrap_or("?")
        ),
    }))
}

/// Search queries drawn from the generated corpus's wording.
fn queries(n: usize, seed: u64) -> Vec<String> {
    const WORDS: &[&str] = &[
        "decision",
        "courts",
        "figures",
        "harbour",
        "generations",
        "objection",
        "\"fair hearing\"",
        "bill",
        "town",
        "ministry",
        "plan",
        "family",
    ];
    let mut rng = Rng::new(seed ^ 0x5EA5C);
    (0..n)
        .map(|_| {
            let a = WORDS[rng.below(WORDS.len())];
            if rng.below(2) == 0 {
                a.to_string()
            } else {
                format!("{a} {}", WORDS[rng.below(WORDS.len())])
            }
        })
        .collect()
}

/// Search latencies: in the process (an open store answering queries, as the server does)
/// and through the `saywho search` command (start-up and store opening included).
struct Search {
    in_process_ms: Vec<f64>,
    command_ms: Vec<f64>,
    command_rss_mb: f64,
}

fn search_latency(
    store: &Path,
    queries: &[String],
    saywho: &dyn Fn(&[&str]) -> Command,
) -> Result<Search> {
    let opened =
        Store::open(store, Mode::Read).with_context(|| format!("opening {}", store.display()))?;
    let mut in_process_ms = Vec::new();
    for q in queries {
        let started = Instant::now();
        let hits = opened.search(q, Target::Quotes, 20)?;
        in_process_ms.push(started.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(hits);
    }
    drop(opened);
    let mut command_ms = Vec::new();
    let mut command_rss_mb: f64 = 0.0;
    for q in queries.iter().take(20) {
        let usage = measure(
            saywho(&["search", "--format", "json", "--db"])
                .arg(store)
                .arg(q)
                .stdout(Stdio::null()),
        )?;
        command_ms.push(usage.wall * 1e3);
        command_rss_mb = command_rss_mb.max(usage.max_rss_mb);
    }
    Ok(Search {
        in_process_ms,
        command_ms,
        command_rss_mb,
    })
}

/// The threads' CPU seconds an `analyze` run printed to `log` (none when it ran inline).
fn thread_split(log: &Path) -> Vec<(String, f64)> {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let Some(line) = text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|v| v.get("thread_cpu").is_some())
    else {
        return Vec::new();
    };
    line["thread_cpu"]
        .as_array()
        .map(|threads| {
            threads
                .iter()
                .map(|t| {
                    let role = t["role"].as_str().unwrap_or("?").to_string();
                    (role, t["cpu_s"].as_f64().unwrap_or(f64::NAN))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// How threaded runs shared their work: when the machine is busy with other work, wall time
/// cannot show the speed-up, but the threads' CPU seconds show how much of the run can go
/// on in parallel. On `n` free cores a run takes at least its busiest thread's CPU time and
/// at least its total CPU time over `n`; the bound printed is the one-thread run's CPU time
/// over the larger of the two.
fn print_splits(rows: &[Row], splits: &[(usize, Vec<(String, f64)>)]) {
    for (row, split) in splits {
        if split.is_empty() {
            continue;
        }
        let r = &rows[*row];
        let total: f64 = split.iter().map(|(_, s)| s).sum();
        let busiest = split.iter().map(|(_, s)| *s).fold(0.0, f64::max);
        let workers = split
            .iter()
            .filter(|(role, _)| role == "worker")
            .count()
            .max(1);
        let shown: Vec<String> = split
            .iter()
            .map(|(role, s)| format!("{role} {s:.2}"))
            .collect();
        let prefix = r.step.rsplit_once(" --threads ").map_or("", |(p, _)| p);
        let one = rows
            .iter()
            .find(|o| o.step == format!("{prefix} --threads 1"));
        print!(
            "{}: thread CPU s [{}], busiest {:.0}% of {:.2} s",
            r.step,
            shown.join(", "),
            100.0 * busiest / total,
            total
        );
        if let Some(one) = one {
            // Noise in CPU times can push the estimate past the core count; it cannot be.
            let bound = (one.usage.cpu / busiest.max(total / workers as f64)).min(workers as f64);
            println!(
                "; speed-up over one thread on {workers} free cores at most {bound:.2}x (from CPU times)"
            );
        } else {
            println!();
        }
    }
}

/// The `p`-th percentile (0-100) of `values`, nearest rank.
fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn print_report(args: &Args, rows: &[Row], search: &Search, peer: Option<&Peer>) {
    println!(
        "{:<60} {:>8} {:>8} {:>8} {:>8} {:>10} {:>10} {:>8} {:>8}",
        "step", "items", "MB", "wall s", "CPU s", "items/s", "items/CPUs", "MB/CPUs", "RSS MB"
    );
    for r in rows {
        println!(
            "{:<60} {:>8} {:>8.2} {:>8.2} {:>8.2} {:>10.1} {:>10.1} {:>8.2} {:>8.1}",
            r.step,
            r.items,
            r.bytes as f64 / 1e6,
            r.usage.wall,
            r.usage.cpu,
            r.per_s(),
            r.per_cpu_s(),
            r.bytes as f64 / 1e6 / r.usage.cpu,
            r.usage.max_rss_mb
        );
        if args.json {
            println!(
                "{}",
                json!({"step": r.step, "items": r.items, "bytes": r.bytes, "wall_s": r.usage.wall,
                    "cpu_s": r.usage.cpu, "items_per_s": r.per_s(), "items_per_cpu_s": r.per_cpu_s(),
                    "max_rss_mb": r.usage.max_rss_mb})
            );
        }
    }
    println!(
        "search, in process ({} queries): p50 {:.2} ms, p99 {:.2} ms",
        search.in_process_ms.len(),
        percentile(&search.in_process_ms, 50.0),
        percentile(&search.in_process_ms, 99.0)
    );
    println!(
        "search, `saywho search` command ({} runs, start-up included): p50 {:.1} ms, p99 {:.1} ms, peak RSS {:.1} MB",
        search.command_ms.len(),
        percentile(&search.command_ms, 50.0),
        percentile(&search.command_ms, 99.0),
        search.command_rss_mb
    );
    let find = |prefix: &str, threads: usize| {
        rows.iter().find(|r| {
            r.step.starts_with(prefix) && r.step.ends_with(&format!("--threads {threads}"))
        })
    };
    for corpus in ["analyze generated", "analyze polnear-dev"] {
        let rules = rows
            .iter()
            .find(|r| r.step.starts_with(corpus) && r.step.ends_with("--rules-only"));
        if let (Some(model), Some(rules)) = (find(corpus, 1), rules) {
            println!(
                "{corpus}: with the learned models {:.0}% of the rules-only throughput per \
                 CPU-second ({:.0}% wall), one thread",
                100.0 * model.per_cpu_s() / rules.per_cpu_s(),
                100.0 * model.per_s() / rules.per_s()
            );
        }
        if let (Some(one), Some(two)) = (find(corpus, 1), find(corpus, 2)) {
            println!(
                "{corpus}: 1 → 2 threads speed-up {:.2}x wall (CPU time {:.2} s → {:.2} s)",
                one.usage.wall / two.usage.wall,
                one.usage.cpu,
                two.usage.cpu
            );
        }
    }
    let Some(peer) = peer else {
        if args.peer_docs > 0 {
            println!("peer: NOT RUN (see the warning above); no ratios against it");
        }
        return;
    };
    let Some(peer_row) = rows.iter().find(|r| r.step.starts_with("peer")) else {
        return;
    };
    let peer_docs_s = peer.docs as f64 / peer.process_s;
    let peer_docs_cpu = peer.docs as f64 / (peer.usage.cpu - peer.load_cpu).max(1e-9);
    println!(
        "peer: {}; {} articles; model load {:.1} s CPU, not counted; {:.2} articles/s by its own \
         timer (load excluded), {:.2} articles/CPU-s (load excluded), {:.2} articles/s wall with \
         load, peak RSS {:.0} MB; one core (BLAS/OpenMP threads 1)",
        peer.version,
        peer.docs,
        peer.load_cpu,
        peer_docs_s,
        peer_docs_cpu,
        peer.docs as f64 / peer_row.usage.wall,
        peer.usage.max_rss_mb
    );
    for (label, row) in [
        (
            "same sample",
            rows.iter().find(|r| r.step.contains("sample")),
        ),
        ("all of PolNeAR dev", find("analyze polnear-dev", 1)),
    ] {
        if let Some(r) = row.filter(|r| !r.step.starts_with("peer")) {
            println!(
                "RATIO analyze one thread vs peer one core, {label}: {:.0}x articles/s (wall vs the peer's own timer), {:.0}x articles per CPU-second; peer RSS / saywho RSS {:.0}x",
                r.per_s() / peer_docs_s,
                r.per_cpu_s() / peer_docs_cpu,
                peer.usage.max_rss_mb / r.usage.max_rss_mb
            );
        }
    }
}
