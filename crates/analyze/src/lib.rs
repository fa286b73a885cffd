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
mod hedges;
mod judge;
mod learn;
mod lexicon;
mod mentions;
mod model_file;
mod quotes;
mod speakers;
mod tokens;

use saywho_model::{
    Analysis, CharIndex, Entity, EntityType, Mention, Quotation, QuoteKind, Speaker,
};

pub use judge::Judge;
pub use learn::{
    label_candidates, train_ends, train_judge, train_speakers, CueTable, GoldAttribution,
    JudgeReport, SpeakerReport, TrainingArticle,
};
pub use lexicon::Lexicon;

/// The analyzer; built once, shared across threads, applied to many articles.
#[derive(Debug, Default)]
pub struct Analyzer {
    lexicon: Lexicon,
    judge: Judge,
}

/// A reported-speech candidate and the places its content could end: training data for the
/// end model.
#[derive(Clone, Debug)]
pub struct ReportedEnds {
    /// First code point of the content as found.
    pub start: usize,
    /// One past its last code point.
    pub end: usize,
    /// Each possible end (one past the last code point kept) with its features, in order.
    pub ends: Vec<(usize, Vec<String>)>,
}

/// A quotation candidate and the mentions that could have spoken it: training data for the
/// speaker model.
#[derive(Clone, Debug)]
pub struct SpeakerChoices {
    /// The content, in characters.
    pub content: saywho_model::Span,
    /// Direct, partial or indirect.
    pub kind: saywho_model::QuoteKind,
    /// Each possible speaker: its mention span in characters, the name of the entity it
    /// resolves to (or its own text), and the speaker model's features for it.
    pub options: Vec<(saywho_model::Span, String, Vec<String>)>,
}

/// A candidate attribution as the rules found it, before the judge, with the features the
/// judge would weigh: what training learns from.
#[derive(Clone, Debug)]
pub struct JudgedCandidate {
    /// The quotation, in the published model's terms (character offsets).
    pub quote: Quotation,
    /// The speaker's mention span, in characters, if the cue bound one.
    pub speaker_mention: Option<saywho_model::Span>,
    /// The speaker entity's fullest name, if it was resolved.
    pub speaker_name: Option<String>,
    /// The judge's features.
    pub features: Vec<String>,
}

impl Analyzer {
    /// Builds the analyzer and its tables.
    pub fn new() -> Self {
        Analyzer {
            lexicon: Lexicon::new(),
            judge: Judge::default(),
        }
    }

    /// The rules alone: the shipped lexicon, no learned judge and no clause-end model. For
    /// measuring what the learned layer adds, in accuracy and in time.
    pub fn rules_only() -> Self {
        Analyzer {
            lexicon: Lexicon::new(),
            judge: Judge::parse(""),
        }
    }

    /// An analyzer with given learned tables instead of the shipped ones: how training
    /// measures a model before it is written.
    pub fn with_models(cues: CueTable, judge: Judge) -> Self {
        Analyzer {
            lexicon: Lexicon::with_learned_cues(cues),
            judge,
        }
    }

    /// Finds and attributes the quotations of one article.
    pub fn analyze(&self, text: &str) -> Analysis {
        let doc = doc::Doc::new(text, &self.lexicon);
        let candidates = mentions::find(&doc, &self.lexicon);
        let mut reading = self.read(&doc, &candidates);
        self.choose_speakers(&doc, &candidates, &mut reading);
        reading.quotes.retain_mut(|q| {
            let (keep, p) = self.judge.keep(&doc, &self.lexicon, &candidates, q);
            q.confidence = p;
            keep
        });
        share_host_speakers(&mut reading.quotes);
        build(&doc, &candidates, reading)
    }

    /// The shipped judge, for explaining its decisions.
    pub fn judge(&self) -> &Judge {
        &self.judge
    }

    /// For each reported-speech candidate, the places its content could end, with the end
    /// model's features for each: what training the end model learns from. Content start
    /// and each possible end are code-point offsets.
    pub fn reported_ends(&self, text: &str) -> Vec<ReportedEnds> {
        let doc = doc::Doc::new(text, &self.lexicon);
        let candidates = mentions::find(&doc, &self.lexicon);
        let reading = attribute::read(&doc, &self.lexicon, &self.judge, &candidates);
        let index = CharIndex::new(doc.text);
        let mut out = Vec::new();
        for q in &reading.quotes {
            if q.kind != QuoteKind::Indirect || q.content.is_empty() {
                continue;
            }
            let Some(cue) = &q.cue else { continue };
            let cue_word = doc.lower(doc.tokens.partition_point(|t| t.start < cue.start));
            let first = doc.tokens.partition_point(|t| t.start < q.content.start);
            let last = doc.tokens.partition_point(|t| t.start < q.content.end);
            // The clause proper starts after a leading "that".
            let start = if doc.lower(first) == "that" {
                first + 1
            } else {
                first
            };
            // The untrimmed end: the content's end and the punctuation after it.
            let sentence_end = doc.sentences[doc.sentence_of[first] as usize].end.max(last);
            let mut stop = last;
            while stop < sentence_end
                && doc.tokens[stop].kind == tokens::TokenKind::Punct
                && doc.lower(stop) != ";"
            {
                stop += 1;
            }
            let ends = judge::end_candidates(&doc, &self.lexicon, cue_word, start, stop)
                .into_iter()
                .map(|(i, features)| (index.char_at(doc.tokens[i - 1].end), features))
                .collect();
            out.push(ReportedEnds {
                start: index.char_at(q.content.start),
                end: index.char_at(q.content.end),
                ends,
            });
        }
        out
    }

    /// The reading pass with same-kind overlaps repaired: what the speaker model, the judge
    /// and `build` all see, in training as in analysis. Dropping quotations afterwards
    /// cannot make them overlap again, so the repair runs once.
    fn read(&self, doc: &doc::Doc<'_>, candidates: &[mentions::Candidate]) -> attribute::Reading {
        let mut reading = attribute::read(doc, &self.lexicon, &self.judge, candidates);
        reading.quotes = apart(doc.text, candidates, std::mem::take(&mut reading.quotes));
        reading
    }

    /// Lets the speaker model re-pick the speaker of each quotation among the mentions
    /// around it.
    fn choose_speakers(
        &self,
        doc: &doc::Doc<'_>,
        candidates: &[mentions::Candidate],
        reading: &mut attribute::Reading,
    ) {
        for i in 0..reading.quotes.len() {
            let q = &reading.quotes[i];
            let m = self.judge.choose_speaker(
                doc,
                candidates,
                &reading.mention_entity,
                &reading.entities,
                q,
            );
            if m != q.mention {
                let q = &mut reading.quotes[i];
                q.mention = m;
                q.entity = m.and_then(|m| reading.mention_entity[m]);
            }
        }
    }

    /// For each candidate quotation (before the judge), the mentions that could have spoken
    /// it with the speaker model's features: what training the speaker model learns from.
    pub fn speaker_choices(&self, text: &str) -> Vec<SpeakerChoices> {
        let doc = doc::Doc::new(text, &self.lexicon);
        let candidates = mentions::find(&doc, &self.lexicon);
        let reading = self.read(&doc, &candidates);
        let index = CharIndex::new(doc.text);
        reading
            .quotes
            .iter()
            .map(|q| SpeakerChoices {
                content: index.span(q.content.start, q.content.end),
                kind: q.kind,
                options: speakers::options(&doc, &candidates, q)
                    .into_iter()
                    .enumerate()
                    .map(|(rank, m)| {
                        let c = &candidates[m];
                        let name = reading.mention_entity[m]
                            .map(|e| reading.entities[e].name.join(" "))
                            .filter(|n| !n.is_empty())
                            .unwrap_or_else(|| doc.text[c.bytes.clone()].to_string());
                        let mut names = judge::FeatureNames::default();
                        speakers::features(
                            &doc,
                            &candidates,
                            &reading.mention_entity,
                            &reading.entities,
                            q,
                            (m, rank),
                            &mut names,
                        );
                        (index.span(c.bytes.start, c.bytes.end), name, names.0)
                    })
                    .collect(),
            })
            .collect()
    }

    /// Every candidate the rules find, none dropped by the judge, each with its features.
    pub fn candidates(&self, text: &str) -> Vec<JudgedCandidate> {
        let doc = doc::Doc::new(text, &self.lexicon);
        let candidates = mentions::find(&doc, &self.lexicon);
        let mut reading = self.read(&doc, &candidates);
        self.choose_speakers(&doc, &candidates, &mut reading);
        let features: Vec<Vec<String>> = reading
            .quotes
            .iter()
            .map(|q| {
                let mut names = judge::FeatureNames::default();
                judge::features(&doc, &self.lexicon, &candidates, q, &mut names);
                names.0
            })
            .collect();
        let analysis = build(&doc, &candidates, reading);
        analysis
            .quotes
            .iter()
            .zip(features)
            .map(|(q, features)| {
                let mention = q.speaker.mention.map(|m| analysis.mentions[m].span);
                let name = analysis.speaker_entity(q).map(|e| e.name.clone());
                JudgedCandidate {
                    quote: q.clone(),
                    speaker_mention: mention,
                    speaker_name: name,
                    features,
                }
            })
            .collect()
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
    // A speaker that resolves to nobody ("she said" with no woman named) is still the
    // mention the cue binds, and the reader is shown it.
    let mut speaks = vec![false; candidates.len()];
    for m in reading.quotes.iter().filter_map(|q| q.mention) {
        speaks[m] = true;
    }
    for (m, c) in candidates.iter().enumerate() {
        let entity = reading.mention_entity[m].and_then(|e| entity_map[e]);
        if entity.is_none() && !speaks[m] {
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
    let mut quotes: Vec<Quotation> = reading
        .quotes
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

/// Gives a quoted fragment inside reported speech the speaker of that speech: in `Abbott
/// told the President that if he wants our guns, "come and take it."` the words in marks are
/// Abbott's, whoever the mention nearest to them is. The innermost report holding the
/// fragment decides, so `X said Y called it "a farce"` keeps the fragment with Y.
/// Hosts are looked for among the few reports starting nearest before the fragment, which
/// keeps an article with thousands of quotations linear.
fn share_host_speakers(found: &mut [attribute::Found]) {
    const NEAREST_HOSTS: usize = 16;
    let mut reports: Vec<usize> = (0..found.len())
        .filter(|&i| found[i].kind == QuoteKind::Indirect)
        .collect();
    reports.sort_by_key(|&i| found[i].content.start);
    for i in 0..found.len() {
        if found[i].kind != QuoteKind::Partial {
            continue;
        }
        let inner = &found[i].content;
        let before = reports.partition_point(|&h| found[h].content.start <= inner.start);
        let hosts = || {
            reports[before.saturating_sub(NEAREST_HOSTS)..before]
                .iter()
                .map(|&h| &found[h])
                .filter(|h| inner.end <= h.content.end)
        };
        let host = match hosts().min_by_key(|h| h.content.len()) {
            // `X said that Y hopes "..."`: Y's hope is X's report, and so are its words; a
            // thought nobody reports leaves the fragment with the speaker the rules gave it.
            Some(h) if h.thought => hosts()
                .filter(|h| !h.thought && h.mention.is_some())
                .min_by_key(|h| h.content.len()),
            host => host,
        };
        if let Some((mention, entity)) = host.map(|h| (h.mention, h.entity)) {
            if mention.is_some() {
                found[i].mention = mention;
                found[i].entity = entity;
            }
        }
    }
}

/// Makes quotations of one kind never overlap. One inside another gives way to the outer
/// one. One crossing an earlier one is a clause that ran on into the next attribution
/// ("described her as 'the best'. The Swede said her calm set her apart"): the earlier one
/// ends where the later one's attribution (source, cue or content) begins; if nothing of it
/// would be left, the less confident of the two goes.
fn apart(
    text: &str,
    candidates: &[mentions::Candidate],
    mut found: Vec<attribute::Found>,
) -> Vec<attribute::Found> {
    found.retain(|q| !q.content.is_empty());
    found.sort_by_key(|q| (q.content.start, q.content.end));
    // Slots of the kept quotations (a slot empties when a later one wins it), and the slots
    // still open where the current one starts: only those can overlap it. In start order the
    // open list stays as short as the nesting is deep, so the pass is linear.
    let mut kept: Vec<Option<attribute::Found>> = Vec::with_capacity(found.len());
    let mut open: Vec<usize> = Vec::new();
    'next: for q in found {
        open.retain(|&i| {
            kept[i]
                .as_ref()
                .is_some_and(|p| p.content.end > q.content.start)
        });
        let attribution = [
            Some(q.content.start),
            q.cue.as_ref().map(|c| c.start),
            q.mention.map(|m| candidates[m].bytes.start),
        ]
        .into_iter()
        .flatten();
        for &i in &open {
            let Some(prev) = kept[i].as_mut() else {
                continue;
            };
            if prev.kind != q.kind {
                continue;
            }
            // What nobody is said to have said (the writer's hedge) yields to any
            // attribution it overlaps.
            if q.mention.is_none() && prev.mention.is_some() {
                continue 'next;
            }
            if prev.mention.is_none() && q.mention.is_some() {
                kept[i] = None;
                continue;
            }
            // Nested: the outer one stands. Gold nests one reported clause in another about
            // once in three hundred; a nested candidate is nearly always a fragment of the
            // outer one.
            if q.content.end <= prev.content.end {
                continue 'next;
            }
            if prev.content.start == q.content.start {
                kept[i] = None;
                continue;
            }
            let at = attribution
                .clone()
                .filter(|&at| at > prev.content.start)
                .min()
                .unwrap_or(q.content.start);
            let cut = text[prev.content.start..at.min(prev.content.end)]
                .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
                .len();
            if cut > 0 && prev.content.start + cut <= q.content.start {
                prev.content.end = prev.content.start + cut;
            } else if q.confidence > prev.confidence {
                kept[i] = None;
            } else {
                continue 'next;
            }
        }
        open.push(kept.len());
        kept.push(Some(q));
    }
    let mut kept: Vec<attribute::Found> = kept.into_iter().flatten().collect();
    kept.sort_by_key(|q| (q.content.start, q.content.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speaker_is_the_entity_its_mention_was_finally_resolved_to() {
        // The reading joins "café" to McCluskey only after it has recorded the quotation
        // "café" speaks; the published speaker must follow the mention, not the record.
        let text = "\u{ab}Jane Doe\"according to caf\u{e9},\nUnite leader Len McCluskey";
        let analysis = Analyzer::default().analyze(text);
        assert!(!analysis.quotes.is_empty());
        for q in &analysis.quotes {
            if let Some(m) = q.speaker.mention {
                assert_eq!(q.speaker.entity, analysis.mentions[m].entity, "{q:?}");
            }
        }
    }

    fn found(content: std::ops::Range<usize>, kind: QuoteKind, mention: usize) -> attribute::Found {
        attribute::Found {
            content,
            kind,
            cue: None,
            mention: Some(mention),
            entity: Some(mention),
            confidence: 0.5,
            thought: false,
        }
    }

    #[test]
    fn a_fragment_inside_reported_speech_is_the_innermost_reporters() {
        let mut quotes = vec![
            found(0..100, QuoteKind::Indirect, 1),
            found(20..60, QuoteKind::Indirect, 2),
            found(30..40, QuoteKind::Partial, 3),
            found(70..80, QuoteKind::Partial, 4),
            found(120..130, QuoteKind::Partial, 5),
            found(25..35, QuoteKind::Direct, 6),
        ];
        share_host_speakers(&mut quotes);
        let speakers: Vec<_> = quotes.iter().map(|q| (q.mention, q.entity)).collect();
        assert_eq!(
            speakers,
            [
                (Some(1), Some(1)),
                (Some(2), Some(2)),
                // Inside both reports: the inner one's.
                (Some(2), Some(2)),
                // Inside the outer one only.
                (Some(1), Some(1)),
                // Inside none: its own.
                (Some(5), Some(5)),
                // A whole quotation keeps its speaker.
                (Some(6), Some(6)),
            ]
        );
    }

    #[test]
    fn a_fragment_inside_a_reported_thought_is_the_reporters() {
        let thought = |content, mention| attribute::Found {
            thought: true,
            ..found(content, QuoteKind::Indirect, mention)
        };
        let mut quotes = vec![
            found(0..100, QuoteKind::Indirect, 1),
            thought(20..60, 2),
            found(30..40, QuoteKind::Partial, 3),
            thought(120..160, 4),
            found(130..140, QuoteKind::Partial, 5),
        ];
        share_host_speakers(&mut quotes);
        let speakers: Vec<_> = quotes.iter().map(|q| q.mention).collect();
        assert_eq!(
            speakers,
            [
                Some(1),
                Some(2),
                // "X said that Y hopes \"...\"": the speaker is X, who reports the hope.
                Some(1),
                Some(4),
                // A thought nobody reports leaves the fragment its own speaker.
                Some(5),
            ]
        );
    }
}
