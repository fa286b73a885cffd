//! Groups a JSONL file with a chosen configuration and mode, for tuning and for comparing
//! streaming with batch grouping:
//! `cargo run --release -p saywho-stories --example group_jsonl -- FILE batch|stream [SEED] [CONFIG_JSON]`.
//! Prints `{"id","story"}` lines. Only `id`, `text`, `title`, `date` and `source` are read.

use std::io::{BufRead, BufReader, Write};

use saywho_model::{Article, ArticleMeta};
use saywho_stories::{Config, StoryGrouper};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: FILE batch|stream [SEED] [CONFIG_JSON]")?;
    let mode = args.get(2).map(String::as_str).unwrap_or("batch");
    let seed: u64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(0);
    let config: Config = match args.get(4) {
        Some(json) => serde_json::from_str(json)?,
        None => Config::default(),
    };
    let started = std::time::Instant::now();
    let mut articles = Vec::new();
    for line in BufReader::new(std::fs::File::open(path)?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        articles.push(Article {
            id: s("id").unwrap_or_default(),
            text: s("text").unwrap_or_default(),
            meta: ArticleMeta {
                title: s("title"),
                date: s("date"),
                source: s("source"),
                ..ArticleMeta::default()
            },
        });
    }
    if seed != 0 {
        // Fisher-Yates with a small xorshift, so arrival order can be varied reproducibly.
        let mut x = seed;
        for i in (1..articles.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            articles.swap(i, (x % (i as u64 + 1)) as usize);
        }
    }
    eprintln!(
        "read {} articles in {:?}",
        articles.len(),
        started.elapsed()
    );
    let started = std::time::Instant::now();
    let out = std::io::stdout();
    let mut out = out.lock();
    match mode {
        "stream" => {
            let mut g = StoryGrouper::new(config)?;
            let stories: Vec<i64> = articles.iter().map(|a| g.add(a).story).collect();
            for (a, s) in articles.iter().zip(stories) {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"id": a.id, "story": g.resolve(s)})
                )?;
            }
        }
        _ => {
            let mut batch = saywho_stories::BatchGrouper::new(config)?;
            for a in &articles {
                batch.push(a);
            }
            eprintln!("counted features in {:?}", started.elapsed());
            let grouping = batch.finish();
            eprintln!("grouped in {:?}", started.elapsed());
            for (id, s) in grouping.assignments {
                writeln!(out, "{}", serde_json::json!({"id": id, "story": s}))?;
            }
        }
    }
    Ok(())
}
