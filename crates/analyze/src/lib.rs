//! Analysis of one article, with no I/O: text in, [`saywho_model::Analysis`] out.
//!
//! The stages run in order over one [`doc::Doc`]: tokens and paragraphs, quoted regions,
//! reporter-level sentences and headings, mention candidates, then one reading pass that
//! binds cues to sources, resolves mentions to entities and attributes every quotation.

// Rules read best as the linguistic conditions they state, not in minimal boolean form.
#![allow(clippy::nonminimal_bool)]

mod attribute;
mod cues;
mod doc;
mod learn;
mod lexicon;
mod mentions;
mod quotes;
mod tokens;

use saywho_model::{
    Analysis, CharIndex, Entity, EntityType, Mention, MentionKind, Quotation, Speaker,
};

pub use learn::{CueTable, TrainingArticle};
pub use lexicon::Lexicon;

/// The analyzer; built once, shared across threads, applied to many articles.
#[derive(Debug, Default)]
pub struct Analyzer {
    lexicon: Lexicon,
}

impl Analyzer {
    /// Builds the analyzer and its tables.
    pub fn new() -> Self {
        Analyzer {
            lexicon: Lexicon::new(),
        }
    }

    /// Finds and attributes the quotations of one article.
    pub fn analyze(&self, text: &str) -> Analysis {
        let doc = doc::Doc::new(text, &self.lexicon);
        let candidates = mentions::find(&doc, &self.lexicon);
        let reading = attribute::read(&doc, &self.lexicon, &candidates);
        build(&doc, &candidates, reading)
    }
}

/// Converts the reading pass's byte-offset results into the published model.
fn build(
    doc: &doc::Doc<'_>,
    candidates: &[mentions::Candidate],
    reading: attribute::Reading,
) -> Analysis {
    let index = CharIndex::new(doc.text);
    // Keep people and organisations; an unknown single word that never spoke (a place, a
    // product) is not an entity of interest.
    let mut entity_map = vec![None; reading.entities.len()];
    let mut entities = Vec::new();
    for (i, e) in reading.entities.iter().enumerate() {
        if e.mentions.is_empty() {
            continue;
        }
        let entity_type = match e.entity_type {
            Some(t) => t,
            None if e.spoke => EntityType::Person,
            None => continue,
        };
        let name = match e.name_mention {
            Some(m) => doc.text[candidates[m].name_bytes.clone()].to_string(),
            None => doc.text[candidates[e.mentions[0]].bytes.clone()].to_string(),
        };
        entity_map[i] = Some(entities.len());
        entities.push(Entity {
            name,
            entity_type,
            mentions: Vec::new(),
        });
    }
    let mut mention_map = vec![None; candidates.len()];
    let mut mentions = Vec::new();
    for (m, c) in candidates.iter().enumerate() {
        let entity = reading.mention_entity[m].and_then(|e| entity_map[e]);
        if entity.is_none() && c.kind == MentionKind::Pronoun {
            continue;
        }
        if entity.is_none() {
            continue;
        }
        mention_map[m] = Some(mentions.len());
        if let Some(e) = entity {
            entities[e].mentions.push(mentions.len());
        }
        mentions.push(Mention {
            span: index.span(c.bytes.start, c.bytes.end),
            kind: c.kind,
            entity,
        });
    }
    let found = apart(doc.text, candidates, reading.quotes);
    let mut quotes: Vec<Quotation> = found
        .into_iter()
        .filter(|q| !q.content.is_empty())
        .map(|q| Quotation {
            span: index.span(q.content.start, q.content.end),
            kind: q.kind,
            cue: q.cue.map(|c| index.span(c.start, c.end)),
            speaker: Speaker {
                entity: q.entity.and_then(|e| entity_map[e]),
                mention: q.mention.and_then(|m| mention_map[m]),
            },
            confidence: q.confidence,
        })
        .collect();
    quotes.sort_by_key(|q| (q.span.start, q.span.end));
    Analysis {
        quotes,
        mentions,
        entities,
    }
}

/// Makes quotations of one kind never overlap. Where a later one starts inside an earlier one
/// (reported speech whose clause ran on into the next attribution: "described her as 'the
/// best'. The Swede said her calm set her apart"), the earlier one ends where the later one's
/// attribution (source, cue or content) begins; if nothing of it is left, it is dropped.
fn apart(
    text: &str,
    candidates: &[mentions::Candidate],
    mut found: Vec<attribute::Found>,
) -> Vec<attribute::Found> {
    found.retain(|q| !q.content.is_empty());
    found.sort_by_key(|q| (q.content.start, q.content.end));
    let mut kept: Vec<attribute::Found> = Vec::with_capacity(found.len());
    for q in found {
        // The last kept quotation of the same kind is the only one that can reach this one:
        // the ones before it were already cut short of it.
        let Some(prev) = kept.iter_mut().rev().find(|p| p.kind == q.kind) else {
            kept.push(q);
            continue;
        };
        if q.content.start >= prev.content.end {
            kept.push(q);
            continue;
        }
        let attribution = [
            Some(q.content.start),
            q.cue.as_ref().map(|c| c.start),
            q.mention.map(|m| candidates[m].bytes.start),
        ]
        .into_iter()
        .flatten()
        .filter(|&at| at > prev.content.start)
        .min()
        .unwrap_or(q.content.start);
        let cut = text[prev.content.start..attribution.min(prev.content.end)]
            .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
            .len();
        if cut > 0 && prev.content.start + cut <= q.content.start {
            prev.content.end = prev.content.start + cut;
            kept.push(q);
        } else if q.confidence > prev.confidence {
            *prev = q;
        }
    }
    kept
}
