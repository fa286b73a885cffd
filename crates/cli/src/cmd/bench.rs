//! `saywho bench`: analysis throughput on a corpus the benchmark writes itself (varied
//! invented articles of realistic length) and, optionally, on JSONL files such as PolNeAR dev.
//! Reports documents and megabytes per second on 1 and more threads, so speed claims come from
//! a command anyone can run.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use saywho_analyze::Analyzer;
use saywho_model::Article;
use saywho_read::InputFormat;

/// Arguments of `saywho bench`.
#[derive(clap::Args)]
pub struct Args {
    /// How many articles to generate.
    #[arg(long, default_value_t = 2000)]
    articles: usize,
    /// Seed of the generator, for a reproducible corpus.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Thread counts to measure.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Also measure on these inputs (any format `analyze` reads).
    #[arg(long)]
    input: Vec<PathBuf>,
    /// Write the generated corpus as JSONL here (to feed other tools the same articles).
    #[arg(long)]
    write_corpus: Option<PathBuf>,
    /// Print one JSON object per measurement instead of a table.
    #[arg(long)]
    json: bool,
}

/// One measurement.
struct Measure {
    corpus: String,
    threads: usize,
    docs: usize,
    bytes: usize,
    seconds: f64,
    quotes: usize,
}

/// Runs the benchmark.
pub fn run(args: Args) -> Result<ExitCode> {
    let generated = generate(args.articles, args.seed);
    if let Some(path) = &args.write_corpus {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        for a in &generated {
            serde_json::to_writer(&mut out, &serde_json::json!({"id": a.id, "text": a.text}))?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    let mut corpora = vec![("generated".to_string(), generated)];
    for path in &args.input {
        let name = path.display().to_string();
        let docs = saywho_read::open(&name, InputFormat::Auto)
            .with_context(|| format!("opening {name}"))?
            .filter_map(|d| d.ok().map(|d| d.article))
            .collect();
        corpora.push((name, docs));
    }
    let analyzer = Analyzer::new();
    let mut results = Vec::new();
    for (name, docs) in &corpora {
        // One untimed pass warms caches and the allocator.
        let _ = analyse_all(&analyzer, docs, 1);
        for &threads in &args.threads {
            let started = Instant::now();
            let quotes = analyse_all(&analyzer, docs, threads.max(1));
            results.push(Measure {
                corpus: name.clone(),
                threads,
                docs: docs.len(),
                bytes: docs.iter().map(|d| d.text.len()).sum(),
                seconds: started.elapsed().as_secs_f64(),
                quotes,
            });
        }
    }
    for m in &results {
        let mb_s = m.bytes as f64 / 1e6 / m.seconds;
        let docs_s = m.docs as f64 / m.seconds;
        if args.json {
            println!(
                "{}",
                serde_json::json!({"corpus": m.corpus, "threads": m.threads, "docs": m.docs,
                    "bytes": m.bytes, "seconds": m.seconds, "docs_per_s": docs_s,
                    "mb_per_s": mb_s, "quotes": m.quotes})
            );
        } else {
            println!(
                "{:<40} threads={} docs={} MB={:.1} time={:.3}s  {:.0} docs/s  {:.1} MB/s  ({} quotations)",
                m.corpus,
                m.threads,
                m.docs,
                m.bytes as f64 / 1e6,
                m.seconds,
                docs_s,
                mb_s,
                m.quotes
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Analyses every article on `threads` threads; returns the number of quotations found.
fn analyse_all(analyzer: &Analyzer, docs: &[Article], threads: usize) -> usize {
    let chunk = docs.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|a| analyzer.analyze(&a.text).quotes.len())
                        .sum::<usize>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    })
}

/// A small deterministic generator (xorshift), so the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FIRST: &[&str] = &[
    "Maria", "James", "Aisha", "Tomasz", "Helen", "Kwame", "Sofia", "Daniel", "Priya", "Oliver",
    "Grace", "Mateo", "Ingrid", "Samuel", "Leila", "Victor",
];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Brennan",
    "Castillo",
    "Haddad",
    "Novak",
    "Fairweather",
    "Adeyemi",
    "Kowalski",
    "Delacroix",
    "Whitaker",
    "Nakamura",
    "Oduya",
    "Reyes",
    "Thorne",
];
const ROLES: &[&str] = &[
    "the council leader",
    "the finance minister",
    "the union general secretary",
    "the opposition spokesman",
    "the police chief",
    "the hospital director",
    "the party chairman",
    "the mayor",
];
const ORGS: &[&str] = &[
    "the Harbour Board",
    "the Transport Ministry",
    "the Teachers' Union",
    "the Regional Council",
    "the Port Authority",
    "the Health Trust",
];
const TOPICS: &[&str] = &[
    "the new bridge",
    "the school budget",
    "the hospital merger",
    "the rail strike",
    "the flood defences",
    "the housing plan",
    "the tax rise",
    "the water contract",
];
const CLAIMS: &[&str] = &[
    "would cost far more than promised",
    "had been rushed through without a vote",
    "was the only sensible option",
    "would protect thousands of jobs",
    "ignored the people it was meant to help",
    "could be finished within two years",
];
const QUOTES: &[&str] = &[
    "We have listened to every objection and we are still convinced this is right",
    "Nobody in this town was asked, and nobody will forget it",
    "The figures simply do not add up, whatever the ministry says",
    "I have never seen a decision taken so carelessly",
    "This is a good day for everyone who depends on the harbour",
    "We will fight this in the courts if we have to",
];
const FILLER: &[&str] = &[
    "The proposal was first published in the spring and has been revised twice since.",
    "Residents packed the public gallery for the evening session.",
    "A final decision is expected before the end of the year.",
    "Opposition members walked out before the vote was taken.",
    "Independent analysts have so far declined to give an estimate.",
    "The scheme has divided opinion across the region for months.",
];

/// Writes `n` varied articles: headlines, people with titles and roles, direct, partial,
/// multi-paragraph and reported quotations, pronoun and description references, filler.
fn generate(n: usize, seed: u64) -> Vec<Article> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    (0..n)
        .map(|i| {
            let topic = rng.pick(TOPICS);
            let mut paragraphs = vec![format!("Row over {topic} deepens")];
            let people: Vec<(String, &str, bool)> = (0..2 + rng.below(3))
                .map(|_| {
                    let female = rng.below(2) == 0;
                    (
                        format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
                        rng.pick(ROLES),
                        female,
                    )
                })
                .collect();
            let length = 6 + rng.below(18);
            for p in 0..length {
                let (name, role, female) = &people[p % people.len()];
                let surname = name.split(' ').nth(1).unwrap_or(name);
                let pronoun = if *female { "she" } else { "he" };
                let title = if *female { "Ms" } else { "Mr" };
                let para = match rng.below(8) {
                    0 => format!("{name}, {role}, said {topic} {}.", rng.pick(CLAIMS)),
                    1 => format!(
                        "\"{}, \" {pronoun} said. \"{}.\"",
                        rng.pick(QUOTES),
                        rng.pick(QUOTES)
                    ),
                    2 => format!("{} described {topic} as \"{}\".", name, rng.pick(CLAIMS)),
                    3 => format!("\"{},\" declared {role}.", rng.pick(QUOTES)),
                    4 => format!(
                        "{} said in a statement that {topic} {}.",
                        rng.pick(ORGS),
                        rng.pick(CLAIMS)
                    ),
                    5 => format!(
                        "{title} {surname} added: \"{}.\n\n\"{}.\"",
                        rng.pick(QUOTES),
                        rng.pick(QUOTES)
                    ),
                    6 => format!(
                        "According to {name}, {topic} {}. {}",
                        rng.pick(CLAIMS),
                        rng.pick(FILLER)
                    ),
                    _ => format!("{} {}", rng.pick(FILLER), rng.pick(FILLER)),
                };
                paragraphs.push(para);
            }
            Article::new(format!("generated-{i:06}"), paragraphs.join("\n\n"))
        })
        .collect()
}
