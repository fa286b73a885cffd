//! `saywho link`: the entities of analysed articles, linked into corpus people without a
//! store. Reads the rows that `saywho analyze --format rows` writes (only each line's `id`,
//! `entities` and `mentions` are used), so a cluster job can link the people of one time window
//! in one process; `saywho ingest` does the same over a whole store.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use saywho_exchange::{EntityRow, MentionRow};
use saywho_model::MentionKind;
use saywho_people::EntityInput;
use serde::{Deserialize, Serialize};

/// Arguments of `saywho link`.
#[derive(clap::Args)]
pub struct Args {
    /// Rows JSONL files (`-` reads standard input).
    #[arg(required = true)]
    paths: Vec<String>,
}

/// What is read of each line.
#[derive(Deserialize)]
struct Line {
    id: String,
    #[serde(default)]
    entities: Vec<EntityRow>,
    #[serde(default)]
    mentions: Vec<MentionRow>,
}

/// One entity of a person: the article and the entity's `idx` there.
#[derive(Serialize)]
struct Member<'a> {
    article: &'a str,
    idx: i32,
}

/// One output line: a person with its members.
#[derive(Serialize)]
struct PersonLine<'a> {
    id: usize,
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: saywho_model::EntityType,
    aliases: &'a [String],
    key: Option<String>,
    members: Vec<Member<'a>>,
}

/// Runs the command: one `{"id", "name", "type", "aliases", "key", "members"}` line per person,
/// ids from 1 in order of first member. `key` ([`saywho_people::identity_key`]) joins the
/// people of separately linked windows.
pub fn run(args: Args) -> Result<ExitCode> {
    let mut inputs: Vec<EntityInput> = Vec::new();
    let mut members: Vec<(String, i32)> = Vec::new();
    let mut failed = 0usize;
    for path in &args.paths {
        let reader: Box<dyn io::BufRead> = if path == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(io::BufReader::new(
                std::fs::File::open(path).with_context(|| format!("opening {path}"))?,
            ))
        };
        for (n, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {path}"))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Line>(&line) {
                Ok(line) => add_article(line, &mut inputs, &mut members),
                Err(err) => {
                    eprintln!("saywho: error: {path}: line {}: {err}", n + 1);
                    failed += 1;
                }
            }
        }
    }
    let people = saywho_people::link(&inputs);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (i, p) in people.iter().enumerate() {
        let line = PersonLine {
            id: i + 1,
            name: &p.name,
            entity_type: p.entity_type,
            aliases: &p.aliases,
            key: saywho_people::identity_key(&p.name, p.entity_type),
            members: p
                .members
                .iter()
                .map(|&m| Member {
                    article: &members[m].0,
                    idx: members[m].1,
                })
                .collect(),
        };
        serde_json::to_writer(&mut out, &line).context("writing output")?;
        out.write_all(b"\n").context("writing output")?;
    }
    out.flush().context("writing output")?;
    if failed > 0 {
        bail!("{failed} line(s) could not be read");
    }
    Ok(ExitCode::SUCCESS)
}

/// The linker's view of one article's entities: each with the texts of its name and
/// description mentions (whitespace normalised, each once), as the store gives them.
fn add_article(line: Line, inputs: &mut Vec<EntityInput>, members: &mut Vec<(String, i32)>) {
    let mut entities = line.entities;
    entities.sort_by_key(|e| e.idx);
    let first = inputs.len();
    for e in &entities {
        inputs.push(EntityInput {
            article: line.id.clone(),
            name: e.name.clone(),
            entity_type: e.entity_type,
            names: Vec::new(),
            descriptions: Vec::new(),
        });
        members.push((line.id.clone(), e.idx));
    }
    let mut mentions = line.mentions;
    mentions.sort_by_key(|m| m.idx);
    for m in &mentions {
        let Some(pos) = m
            .entity
            .and_then(|e| entities.iter().position(|x| x.idx == e))
        else {
            continue;
        };
        let input = &mut inputs[first + pos];
        let list = match m.kind {
            MentionKind::Name => &mut input.names,
            MentionKind::Description => &mut input.descriptions,
            MentionKind::Pronoun => continue,
        };
        let text = m.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !list.contains(&text) {
            list.push(text);
        }
    }
}
