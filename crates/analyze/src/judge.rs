//! The learned judge: a logistic model that decides whether a candidate attribution found by
//! the rules is one a careful reader would keep. Rules find candidates generously (every
//! quoted span, every cue with a clause); the judge weighs the evidence around each one (the
//! cue word, where the source sits, what precedes the opening mark, how long the content is,
//! what kind of mention speaks) with weights learned from annotated articles by
//! `saywho train`, and drops the candidates it finds unlikely.
//!
//! Features are strings ("D|prev=called"), hashed without allocation at analysis time, so the
//! shipped model (`model/judge.tsv`) stays readable and the judge costs a few hash lookups per
//! candidate.

use rustc_hash::FxHashMap as HashMap;

use saywho_model::{MentionKind, QuoteKind};

use crate::attribute::Found;
use crate::doc::Doc;
use crate::lexicon::{Lexicon, WordSet};
use crate::mentions::Candidate;
use crate::model_file::{hash_parts, read_model};
use crate::speakers;
use crate::tokens::TokenKind;

/// The model the analyzer embeds, written by `saywho train`.
const SHIPPED: &str = include_str!("../model/judge.tsv");

/// The same model with its names hashed, built from [`SHIPPED`] by `build.rs` (which documents
/// the layout): what a start loads.
const SHIPPED_TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/judge_weights.bin"));

/// The log-odds at which the end model stops a reported clause. Below even odds, which favours
/// an early stop: among other things a clause stopped before a second verb of saying leaves
/// that verb its own attribution ("says he is proud of his campaign and expects to leave
/// Nevada ..."). Measured by 5-fold cross-validation over PolNeAR train with the fold
/// models held fixed (all kinds): 0.6434 at 0, 0.6435 at -0.25, 0.6446 at -0.5, 0.6440 at
/// -0.75, 0.6427 at -1, 0.6371 at -1.5; retrained, 0.6432 at 0 and 0.6440 at -0.5.
const END_STOP_LOG_ODDS: f32 = -0.5;

/// Receives the features of one candidate, each given as the parts of its name.
pub(crate) trait FeatureSink {
    /// One feature; its name is the parts joined by `|`.
    fn add(&mut self, parts: &[&str]);
}

/// Collects feature names, for training.
#[derive(Default)]
pub(crate) struct FeatureNames(pub Vec<String>);

impl FeatureSink for FeatureNames {
    fn add(&mut self, parts: &[&str]) {
        self.0.push(parts.join("|"));
    }
}

/// Sums the weights of the features it is given.
struct WeightSum<'j> {
    weights: &'j HashMap<u64, f32>,
    sum: f32,
}

impl FeatureSink for WeightSum<'_> {
    fn add(&mut self, parts: &[&str]) {
        if let Some(w) = self.weights.get(&hash_parts(parts)) {
            self.sum += w;
        }
    }
}

/// Which decision threshold applies: quotations in marks, or reported speech.
fn group(kind: QuoteKind) -> usize {
    match kind {
        QuoteKind::Direct | QuoteKind::Partial => 0,
        QuoteKind::Indirect => 1,
    }
}

/// Learned weights and the probability below which a candidate is dropped, per group
/// (direct and partial; indirect).
#[derive(Clone, Debug)]
pub struct Judge {
    weights: HashMap<u64, f32>,
    /// True when the model has learned where reported clauses end.
    has_ends: bool,
    /// True when the model has learned to choose among possible speakers.
    has_speakers: bool,
    names: Names,
    thresholds: [f32; 2],
}

/// The weights by feature name: what [`Judge::to_tsv`] writes and a retrain carries on.
///
/// The shipped model keeps its text and reads the names from it only when asked: analysis
/// needs the hashed weights alone, and building twenty thousand strings at every start had
/// cost as much as analysing twenty articles.
#[derive(Clone, Debug)]
enum Names {
    /// Sorted by name.
    Listed(Vec<(String, f32)>),
    /// The shipped model file, with the number of weights it holds.
    Shipped(&'static str, usize),
}

impl PartialEq for Judge {
    fn eq(&self, other: &Self) -> bool {
        self.thresholds == other.thresholds
            && self.weights == other.weights
            && self.named() == other.named()
    }
}

impl Default for Judge {
    fn default() -> Self {
        Judge::from_table(SHIPPED_TABLE, SHIPPED).unwrap_or_else(|| Judge::parse(SHIPPED))
    }
}

impl Judge {
    /// A judge from its weights (feature name → weight) and thresholds.
    pub fn from_weights(mut names: Vec<(String, f32)>, thresholds: [f32; 2]) -> Self {
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let weights = names
            .iter()
            .map(|(n, w)| (hash_parts(&[n.as_str()]), *w))
            .collect();
        let has_ends = names.iter().any(|(n, _)| n.starts_with("E|"));
        let has_speakers = names.iter().any(|(n, _)| n.starts_with("S|"));
        Judge {
            weights,
            has_ends,
            has_speakers,
            names: Names::Listed(names),
            thresholds,
        }
    }

    /// Parses a model file: `threshold<TAB>Q|I<TAB>p` lines and `feature<TAB>weight` lines.
    /// Lines that do not parse are ignored, so an empty file is a judge that keeps everything.
    pub fn parse(tsv: &str) -> Self {
        let (thresholds, names) = read_model(tsv);
        Judge::from_weights(names, thresholds)
    }

    /// The judge of a table written by `build.rs` from `tsv`; `None` if the table is cut short.
    fn from_table(table: &[u8], tsv: &'static str) -> Option<Self> {
        let word = |at: usize| -> Option<[u8; 4]> { table.get(at..at + 4)?.try_into().ok() };
        let thresholds = [f32::from_le_bytes(word(0)?), f32::from_le_bytes(word(4)?)];
        let flags = u32::from_le_bytes(word(8)?);
        let count = u32::from_le_bytes(word(12)?) as usize;
        let records = table.get(16..)?;
        if records.len() != count * 12 {
            return None;
        }
        let mut weights = HashMap::with_capacity_and_hasher(count, Default::default());
        for record in records.chunks_exact(12) {
            let (hash, weight) = record.split_at(8);
            weights.insert(
                u64::from_le_bytes(hash.try_into().ok()?),
                f32::from_le_bytes(weight.try_into().ok()?),
            );
        }
        Some(Judge {
            weights,
            has_ends: flags & 1 != 0,
            has_speakers: flags & 2 != 0,
            names: Names::Shipped(tsv, count),
            thresholds,
        })
    }

    /// Every weight by feature name, sorted by name.
    fn named(&self) -> Vec<(String, f32)> {
        match &self.names {
            Names::Listed(names) => names.clone(),
            Names::Shipped(tsv, _) => {
                let mut names = read_model(tsv).1;
                names.sort_by(|a, b| a.0.cmp(&b.0));
                names
            }
        }
    }

    /// Writes the model, sorted by feature so a retrain gives identical bytes.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# learned candidate judge (`saywho train`): thresholds, then feature\tweight\n",
        );
        out.push_str(&format!("threshold\tQ\t{:.4}\n", self.thresholds[0]));
        out.push_str(&format!("threshold\tI\t{:.4}\n", self.thresholds[1]));
        for (name, w) in self.named() {
            out.push_str(&format!("{name}\t{w:.5}\n"));
        }
        out
    }

    /// The weight of one named feature (0 when unknown): for explaining a decision.
    pub fn weight(&self, name: &str) -> f32 {
        self.weights
            .get(&hash_parts(&[name]))
            .copied()
            .unwrap_or(0.0)
    }

    /// The weights of the models trained before the judge (clause ends, speakers), which a
    /// newly trained judge carries on.
    pub fn earlier_weights(&self) -> Vec<(String, f32)> {
        self.named()
            .into_iter()
            .filter(|(n, _)| n.starts_with("E|") || n.starts_with("S|"))
            .collect()
    }

    /// Number of weighted features.
    pub fn len(&self) -> usize {
        match &self.names {
            Names::Listed(names) => names.len(),
            Names::Shipped(_, count) => *count,
        }
    }

    /// True for a judge with no weights (it keeps every candidate).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The probability that a candidate is a true attribution.
    pub(crate) fn probability(
        &self,
        doc: &Doc<'_>,
        lex: &Lexicon,
        mentions: &[Candidate],
        q: &Found,
    ) -> f32 {
        let mut sink = WeightSum {
            weights: &self.weights,
            sum: 0.0,
        };
        features(doc, lex, mentions, q, &mut sink);
        1.0 / (1.0 + (-sink.sum).exp())
    }

    /// True when the candidate should be kept, with the probability that decided it.
    pub(crate) fn keep(
        &self,
        doc: &Doc<'_>,
        lex: &Lexicon,
        mentions: &[Candidate],
        q: &Found,
    ) -> (bool, f32) {
        if self.is_empty() {
            return (true, q.confidence);
        }
        let p = self.probability(doc, lex, mentions, q);
        // A whole quotation with a cue and a speaker is the rules' clearest case: the judge
        // only ranks it.
        let clear = q.kind == QuoteKind::Direct
            && q.cue.is_some()
            && q.mention.is_some()
            && !title_case(doc, q);
        (clear || p >= self.thresholds[group(q.kind)], p)
    }
}

impl Judge {
    /// The speaker the model finds likeliest for `q` among the mentions around it (the
    /// rules' choice when the model has no speaker weights or nothing beats it).
    pub(crate) fn choose_speaker(
        &self,
        doc: &Doc<'_>,
        mentions: &[Candidate],
        mention_entity: &[Option<usize>],
        entities: &[crate::attribute::EntityState],
        q: &Found,
    ) -> Option<usize> {
        // A quotation the rules leave to the writer (a hedge) has no speaker to choose.
        if !self.has_speakers || q.mention.is_none() {
            return q.mention;
        }
        let mut best: Option<(f32, usize)> = None;
        for (rank, m) in speakers::options(doc, mentions, q).into_iter().enumerate() {
            let mut sink = WeightSum {
                weights: &self.weights,
                sum: 0.0,
            };
            speakers::features(
                doc,
                mentions,
                mention_entity,
                entities,
                q,
                (m, rank),
                &mut sink,
            );
            if best.is_none_or(|(score, _)| sink.sum > score) {
                best = Some((sink.sum, m));
            }
        }
        best.map(|(_, m)| m).or(q.mention)
    }

    /// Where a reported clause that starts at token `start` and may run to `stop` ends: the
    /// first possible end the model finds likely enough ([`END_STOP_LOG_ODDS`]), or `None` to
    /// keep it whole.
    pub(crate) fn reported_end(
        &self,
        doc: &Doc<'_>,
        lex: &Lexicon,
        cue_word: &str,
        start: usize,
        stop: usize,
    ) -> Option<usize> {
        if !self.has_ends {
            return None;
        }
        let clause = Clause::new(doc, lex, cue_word, start, stop);
        for (seen, i) in possible_ends(doc, start, stop).enumerate() {
            let mut sink = WeightSum {
                weights: &self.weights,
                sum: 0.0,
            };
            end_features(doc, lex, &clause, i, seen, &mut sink);
            if sink.sum >= END_STOP_LOG_ODDS {
                return Some(i);
            }
        }
        None
    }
}

/// Tokens where a reported clause may end (the clause then stops before them), once it has
/// three words: punctuation and the conjunctions and relatives that open another clause, outside
/// quotation marks, the word after a quotation closed on a comma (`called it "a farce,"
/// adding`, where the comma that ends the clause sits inside the marks); and once it has a
/// word, a preposition that may open an adjunct after the last quoted fragment.
fn possible_ends<'d>(
    doc: &'d Doc<'_>,
    start: usize,
    stop: usize,
) -> impl Iterator<Item = usize> + 'd {
    let stop = stop.min(doc.tokens.len());
    // An adjunct never ends a content before a quoted fragment it reports.
    let last_quoted = (start..stop).rev().find(|&i| doc.in_quote(i));
    let mut words = 0;
    // Whether the content so far reads as an object rather than a clause: no "that" before
    // it, no finite verb or subject pronoun in it. An object may end after one word.
    let mut object = !(start > 0 && doc.is_word(start - 1) && doc.lower(start - 1) == "that");
    (start..stop).filter(move |&i| {
        let (some, enough) = (words >= 1, words >= 3 || (object && words >= 1));
        let after_quoted = last_quoted.is_none_or(|q| i > q);
        let end = some
            && !doc.in_quote(i)
            && match doc.tokens[i].kind {
                TokenKind::Punct => {
                    enough && (matches!(doc.lower(i), "," | ";" | "(" | ":") || doc.is_dash(i))
                }
                TokenKind::Word => {
                    let w = doc.lower(i);
                    (enough && (CLAUSE_OPENERS.contains(&w) || after_comma_quote(doc, i)))
                        || (is_adjunct_opener(w) && after_quoted)
                        || (object && after_quoted && (w == "to" || FINITE_MARKERS.contains(&w)))
                }
                _ => false,
            };
        if doc.is_word(i) {
            words += 1;
            let w = doc.lower(i);
            if FINITE_MARKERS.contains(&w) || is_subject_pronoun(w) {
                object = false;
            }
        }
        end
    })
}

/// Conjunctions and relatives that open another clause.
const CLAUSE_OPENERS: WordSet = WordSet::new(&[
    "and", "but", "while", "because", "after", "as", "when", "before", "although", "though",
    "which", "who", "since", "despite", "if", "until",
]);

/// Prepositions that may open an adjunct after a reported object: `touted his endorsement
/// on its Facebook page`, `thanking supporters at a victory rally`. The annotation keeps the
/// object alone, so these are possible ends as soon as the content has a word. "of" and
/// "to" are left out: they mostly continue the object or open an infinitive.
const ADJUNCT_OPENERS: WordSet = WordSet::new(&[
    "at",
    "on",
    "in",
    "through",
    "during",
    "with",
    "over",
    "from",
    "into",
    "amid",
    "against",
    "about",
    "under",
    "by",
    "for",
    "like",
    "without",
    "across",
    "among",
    "via",
    "toward",
    "towards",
    "around",
    "throughout",
    "until",
    "after",
    "before",
    "since",
    "as",
    "when",
    "while",
]);

/// Words of time and manner (days aside) that may follow a reported object as an adjunct:
/// `endorsed Cruz last week`, `did not mention Ryan directly`.
const TIME_ADVERBS: WordSet = WordSet::new(&[
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "last",
    "this",
    "next",
    "early",
    "earlier",
    "later",
    "recently",
    "again",
    "directly",
    "publicly",
    "privately",
    "repeatedly",
    "constantly",
    "openly",
    "immediately",
]);

/// True when `w` may open an adjunct after a reported object: a preposition, a day or
/// another word of time or manner.
fn is_adjunct_opener(w: &str) -> bool {
    ADJUNCT_OPENERS.contains(&w) || TIME_ADVERBS.contains(&w) || crate::mentions::is_weekday(w)
}

/// True for a pronoun that may open a clause as its subject.
fn is_subject_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she" | "they" | "it" | "we" | "i" | "you")
}

/// True for a word of time: a day, a month, one of [`TIME_ADVERBS`] or a unit of time.
pub(crate) fn is_time_word(w: &str) -> bool {
    TIME_ADVERBS.contains(&w)
        || crate::mentions::is_weekday_or_month(w)
        || matches!(
            w,
            "week"
                | "weeks"
                | "month"
                | "months"
                | "year"
                | "years"
                | "night"
                | "morning"
                | "afternoon"
                | "evening"
        )
}

/// Words that show a finite verb: after one, the content is a clause rather than an object.
const FINITE_MARKERS: WordSet = WordSet::new(&[
    "is", "are", "was", "were", "will", "would", "could", "should", "can", "may", "might", "must",
    "has", "have", "had", "did", "does", "do", "be", "been",
]);

/// True when token `i` follows a quotation whose closing mark comes right after a comma:
/// `"a farce," adding`. American style puts the comma that ends the clause inside the marks.
pub(crate) fn after_comma_quote(doc: &Doc<'_>, i: usize) -> bool {
    i >= 2
        && matches!(
            doc.tokens[i - 1].kind,
            TokenKind::DoubleMark | TokenKind::SingleMark
        )
        && doc.in_quote(i - 1)
        && doc.regions[doc.region_of[i - 1] as usize].close == Some(i - 1)
        && doc.is_punct(i - 2, ",")
}

/// Every possible end of a reported clause with its features: what the end model is
/// trained on.
pub(crate) fn end_candidates(
    doc: &Doc<'_>,
    lex: &Lexicon,
    cue_word: &str,
    start: usize,
    stop: usize,
) -> Vec<(usize, Vec<String>)> {
    let clause = Clause::new(doc, lex, cue_word, start, stop);
    possible_ends(doc, start, stop)
        .enumerate()
        .map(|(seen, i)| {
            let mut names = FeatureNames::default();
            end_features(doc, lex, &clause, i, seen, &mut names);
            (i, names.0)
        })
        .collect()
}

/// A word's class for the end model: what kind of clause it may open.
fn word_class(doc: &Doc<'_>, lex: &Lexicon, i: usize, stop: usize) -> &'static str {
    if i >= stop || i >= doc.tokens.len() {
        return "<end>";
    }
    match doc.tokens[i].kind {
        TokenKind::Punct => return "punct",
        TokenKind::DoubleMark | TokenKind::SingleMark => return "mark",
        TokenKind::Word => {}
    }
    let w = doc.lower(i);
    if is_subject_pronoun(w) {
        "pron"
    } else if FINITE_MARKERS.contains(&w) || w == "not" {
        "aux"
    } else if lex.cue_verb(w).is_some() {
        "cue"
    } else if w.ends_with("ing") {
        "ing"
    } else if w.ends_with("ed") {
        "ed"
    } else if doc.tokens[i].capitalized {
        "cap"
    } else {
        "word"
    }
}

/// A reported clause whose end the end model looks for: what every possible end shares.
struct Clause<'w> {
    /// The verb of saying, lower-cased.
    cue_word: &'w str,
    /// The verb's tense ([`tense_of`], and "pres" for any other form in "-s": "argues").
    cue_tense: &'static str,
    /// The clause's first token.
    start: usize,
    /// The token before which it ends at the latest.
    stop: usize,
    /// True when the verb sits in a subordinate clause that opens its sentence ("While he
    /// has said he will fight on, Sanders must decide"): such a clause closes at a comma.
    subordinate: bool,
    /// The content's first word when it opens a subordinate clause ("said that if he loses,
    /// he will ..."): a comma inside such a clause does not end the content.
    opener: &'w str,
    /// True when the content follows a "that".
    after_that: bool,
    /// The content's first finite verb or subject pronoun: before it the content reads as an
    /// object, from it on as a clause.
    first_finite: Option<usize>,
    /// The last verb of saying in the clause, outside quotation marks: an end before it may
    /// leave that verb its own attribution ("endorsed the deal, although she made clear ...").
    last_cue: Option<usize>,
}

impl<'w> Clause<'w> {
    fn new(doc: &'w Doc<'_>, lex: &Lexicon, cue_word: &'w str, start: usize, stop: usize) -> Self {
        let stop_at = stop.min(doc.tokens.len());
        Clause {
            cue_word,
            cue_tense: match tense_of(cue_word) {
                "none" if cue_word.ends_with('s') && !cue_word.ends_with("ss") => "pres",
                tense => tense,
            },
            start,
            stop,
            subordinate: in_opening_subordinate(doc, start),
            opener: content_opener(doc, start, stop),
            after_that: start > 0 && doc.is_word(start - 1) && doc.lower(start - 1) == "that",
            first_finite: (start..stop_at).find(|&j| {
                doc.is_word(j)
                    && (FINITE_MARKERS.contains(&doc.lower(j)) || is_subject_pronoun(doc.lower(j)))
            }),
            last_cue: (start..stop_at).rev().find(|&j| {
                doc.is_word(j) && !doc.in_quote(j) && lex.cue_verb(doc.lower(j)).is_some()
            }),
        }
    }

    /// True when the content has a finite verb or a subject pronoun before token `i`.
    fn finite_before(&self, i: usize) -> bool {
        self.first_finite.is_some_and(|f| f < i)
    }

    /// Whether the content up to token `i` reads as a clause after "that", a clause (with a
    /// finite verb or a subject pronoun) or an object.
    fn shape(&self, i: usize) -> &'static str {
        match (self.after_that, self.finite_before(i)) {
            (true, _) => "that",
            (false, true) => "clause",
            (false, false) => "object",
        }
    }
}

/// The first word of a content at `start` when it opens a subordinate clause (a conjunction
/// of [`OPENING_SUBORDINATORS`] or a question word), else "other".
fn content_opener<'d>(doc: &'d Doc<'_>, start: usize, stop: usize) -> &'d str {
    if start >= stop || !doc.is_word(start) {
        return "other";
    }
    let w = doc.lower(start);
    if OPENING_SUBORDINATORS.contains(&w) || matches!(w, "whether" | "how" | "what" | "why") {
        w
    } else {
        "other"
    }
}

/// Conjunctions that open a subordinate clause before the main one.
pub(crate) const OPENING_SUBORDINATORS: WordSet = WordSet::new(&[
    "while", "although", "though", "when", "because", "as", "if", "since", "after", "before",
    "once", "unless", "whereas", "until",
]);

/// True when token `start` lies in a subordinate clause that opens its sentence, with no
/// comma before it: "Although in September she said [her decision was a mistake], ...".
pub(crate) fn in_opening_subordinate(doc: &Doc<'_>, start: usize) -> bool {
    let Some(&sentence) = doc.sentence_of.get(start) else {
        return false;
    };
    let sentence = doc.sentences[sentence as usize].clone();
    let mut words = (sentence.start..start).filter(|&j| doc.is_word(j));
    let mut first = words.next();
    // "But while ...", "Even though ...".
    while let Some(j) = first {
        if matches!(
            doc.lower(j),
            "but" | "and" | "yet" | "so" | "even" | "still"
        ) {
            first = words.next();
        } else {
            break;
        }
    }
    first.is_some_and(|j| {
        OPENING_SUBORDINATORS.contains(&doc.lower(j))
            && !(j..start).any(|k| doc.is_punct(k, ",") && !doc.in_quote(k))
    })
}

/// The evidence for ending a reported clause before token `i`.
fn end_features(
    doc: &Doc<'_>,
    lex: &Lexicon,
    clause: &Clause<'_>,
    i: usize,
    seen: usize,
    sink: &mut impl FeatureSink,
) {
    let Clause {
        cue_word,
        start,
        stop,
        subordinate,
        opener,
        last_cue,
        ..
    } = *clause;
    let t = doc.lower(i);
    let next = if i + 1 < stop {
        doc.lower(i + 1)
    } else {
        "<end>"
    };
    let prev = doc.lower(i - 1);
    let next_class = word_class(doc, lex, i + 1, stop);
    let after_class = word_class(doc, lex, i + 2, stop);
    let before = (start..i).filter(|&j| doc.is_word(j)).count();
    let rest = (i..stop).filter(|&j| doc.is_word(j)).count();
    sink.add(&["E", "bias"]);
    sink.add(&["E", "t", t]);
    sink.add(&["E", "t", t, "n", next]);
    sink.add(&["E", "p", prev, "t", t]);
    sink.add(&["E", "t", t, "nc", next_class]);
    sink.add(&["E", "t", t, "nc", next_class, "ac", after_class]);
    sink.add(&["E", "dist", bucket(before)]);
    sink.add(&["E", "t", t, "dist", bucket(before)]);
    sink.add(&["E", "rest", bucket(rest)]);
    sink.add(&["E", "t", t, "rest", bucket(rest)]);
    sink.add(&["E", "seen", bucket(seen)]);
    sink.add(&["E", "cue", cue_word]);
    sink.add(&["E", "cue", cue_word, "t", t]);
    if subordinate {
        sink.add(&["E", "sub", "t", t]);
    }
    sink.add(&["E", "t", t, "open", opener]);
    if last_cue.is_some_and(|c| c > i) {
        sink.add(&["E", "t", t, "cue_ahead"]);
    }
    // "the title, history and text": a comma between the items of a list.
    if t == ","
        && (i + 2..(i + 4).min(stop)).any(|j| matches!(doc.lower(j), "and" | "or"))
        && (i + 1..(i + 4).min(stop))
            .take_while(|&j| !matches!(doc.lower(j), "and" | "or"))
            .all(|j| doc.is_word(j))
    {
        sink.add(&["E", "list"]);
    }
    // Whether the content so far reads as a clause (after "that", or with a finite verb)
    // or as an object: an adjunct after an object ends it, one inside a clause does not.
    let shape = clause.shape(i);
    // "that Mr. Jäger, under fire for the failures, would do better": an aside closed by
    // the same mark, and what follows it, shows whether the clause goes on.
    if t == "," || t == "(" || doc.is_dash(i) {
        let close = if t == "(" { ")" } else { t };
        let closing = (i + 1..stop.min(i + 16))
            .take_while(|&j| !doc.in_quote(j))
            .find(|&j| doc.is_punct(j, close));
        let then = closing.map_or("none", |j| word_class(doc, lex, j + 1, stop));
        let finite = clause.finite_before(i);
        sink.add(&["E", "aside", t, "then", then]);
        sink.add(&[
            "E",
            "aside",
            t,
            "then",
            then,
            "finite",
            if finite { "y" } else { "n" },
        ]);
    }
    // "She said she admires him and highlighted their goals": a verb after the boundary in
    // the tense of the cue may be the cue's own coordinate rather than the content's.
    let next_tense = tense_of(next);
    if next_tense != "none" {
        sink.add(&["E", "t", t, "ct", clause.cue_tense, "nt", next_tense]);
        sink.add(&["E", "t", t, "nt", next_tense, "shape", shape]);
    }
    if is_adjunct_opener(t) {
        adjunct_features(cue_word, shape, t, bucket(before), sink);
    } else {
        sink.add(&["E", "t", t, "shape", shape]);
        // ", drawing a sharp reply" after a clause, ", the worst in years" after an object.
        sink.add(&["E", "t", t, "shape", shape, "nc", next_class]);
    }
    if after_comma_quote(doc, i) {
        let class = word_class(doc, lex, i, stop);
        sink.add(&["E", "comma_quote"]);
        sink.add(&["E", "comma_quote", "tc", class]);
        sink.add(&["E", "comma_quote", "tc", class, "nc", next_class]);
    }
}

/// Irregular past forms of verbs common in news copy.
const IRREGULAR_PAST: WordSet = WordSet::new(&[
    "said",
    "told",
    "wrote",
    "spoke",
    "thought",
    "felt",
    "knew",
    "saw",
    "made",
    "took",
    "gave",
    "sought",
    "held",
    "found",
    "put",
    "went",
    "led",
    "came",
    "got",
    "ran",
    "began",
    "brought",
    "kept",
    "left",
    "met",
    "paid",
    "sent",
    "stood",
    "won",
    "lost",
    "heard",
    "meant",
    "became",
    "chose",
    "drew",
    "fell",
    "grew",
    "rose",
    "struck",
    "swore",
    "taught",
    "threw",
    "understood",
    "was",
    "were",
    "had",
    "did",
    "would",
    "could",
    "might",
    "should",
]);

/// The tense a word shows on its face: "past" ("highlighted", "took", "would"), "pres"
/// ("says", "is", "will"), else "none".
fn tense_of(w: &str) -> &'static str {
    if IRREGULAR_PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed")) {
        "past"
    } else if matches!(
        w,
        "is" | "are" | "has" | "have" | "does" | "will" | "can" | "may" | "must" | "says"
    ) {
        "pres"
    } else {
        "none"
    }
}

/// The evidence for ending a content before the adjunct opener `t` at token `i`: whether
/// the content so far reads as a clause or as an object.
fn adjunct_features(
    cue_word: &str,
    shape: &str,
    t: &str,
    before: &str,
    sink: &mut impl FeatureSink,
) {
    sink.add(&["E", "shape", shape]);
    sink.add(&["E", "t", t, "shape", shape]);
    sink.add(&["E", "t", t, "shape", shape, "dist", before]);
    sink.add(&["E", "cue", cue_word, "shape", shape]);
}

/// A coarse bucket for a count, so lengths generalise.
pub(crate) fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=6 => "4-6",
        7..=12 => "7-12",
        13..=25 => "13-25",
        26..=60 => "26-60",
        _ => "61+",
    }
}

/// First token starting at or after byte `at`.
pub(crate) fn token_at(doc: &Doc<'_>, at: usize) -> usize {
    doc.tokens.partition_point(|t| t.start < at)
}

/// The first token of `order` that is not a quotation mark, lower-cased, or `<para>` when
/// the paragraph ends first.
fn first_unmarked<'d>(
    doc: &'d Doc<'_>,
    paragraph: Option<usize>,
    mut order: impl Iterator<Item = usize>,
) -> &'d str {
    order
        .find(|&j| {
            Some(doc.tokens[j].paragraph) != paragraph
                || !matches!(
                    doc.tokens[j].kind,
                    TokenKind::DoubleMark | TokenKind::SingleMark
                )
        })
        .filter(|&j| Some(doc.tokens[j].paragraph) == paragraph)
        .map_or("<para>", |j| doc.lower(j))
}

/// The word or punctuation before token `i` in its paragraph, skipping marks.
fn word_before<'d>(doc: &'d Doc<'_>, i: usize) -> &'d str {
    let paragraph = doc.tokens.get(i).map(|t| t.paragraph);
    first_unmarked(doc, paragraph, (0..i.min(doc.tokens.len())).rev())
}

/// The word or punctuation after token `i` (exclusive) in its paragraph, skipping marks.
fn word_after<'d>(doc: &'d Doc<'_>, i: usize) -> &'d str {
    let paragraph = doc.tokens.get(i.saturating_sub(1)).map(|t| t.paragraph);
    first_unmarked(doc, paragraph, i..doc.tokens.len())
}

pub(crate) fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "D",
        QuoteKind::Partial => "P",
        QuoteKind::Indirect => "I",
    }
}

pub(crate) fn mention_kind_name(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Name => "name",
        MentionKind::Description => "desc",
        MentionKind::Pronoun => "pron",
    }
}

/// Words a title leaves in lower case: "The Art of the Deal".
const TITLE_SMALL_WORDS: crate::lexicon::WordSet = crate::lexicon::WordSet::new(&[
    "a", "an", "the", "of", "in", "on", "for", "and", "or", "to", "at", "by", "with", "from", "as",
    "but",
]);

/// True when the content reads as the title of a work ("The Art of the Deal", "Silent
/// Night."): two words or more, every one capitalised but the small ones, the first too.
fn title_case(doc: &Doc<'_>, q: &Found) -> bool {
    let first = token_at(doc, q.content.start);
    let end = token_at(doc, q.content.end).min(doc.tokens.len());
    title_case_tokens(doc, first, end)
}

/// [`title_case`] over tokens `first..end`.
pub(crate) fn title_case_tokens(doc: &Doc<'_>, first: usize, end: usize) -> bool {
    let mut words = 0;
    for i in first..end {
        if !doc.is_word(i) {
            continue;
        }
        let capital = doc.tokens[i].capitalized;
        if !capital && (words == 0 || !TITLE_SMALL_WORDS.contains(&doc.lower(i))) {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// The evidence around one candidate, as features.
pub(crate) fn features(
    doc: &Doc<'_>,
    lex: &Lexicon,
    mentions: &[Candidate],
    q: &Found,
    sink: &mut impl FeatureSink,
) {
    let k = kind_name(q.kind);
    sink.add(&["bias"]);
    sink.add(&[k, "bias"]);
    let first = token_at(doc, q.content.start);
    let end = token_at(doc, q.content.end);
    let words = (first..end.min(doc.tokens.len()))
        .filter(|&i| doc.is_word(i))
        .count();
    let len = bucket(words);
    sink.add(&[k, "len", len]);
    let prev = word_before(doc, first);
    let next = word_after(doc, end);
    sink.add(&[k, "prev", prev]);
    sink.add(&[k, "next", next]);
    sink.add(&[k, "prev", prev, "len", len]);
    if first < end && first < doc.tokens.len() {
        sink.add(&[k, "first", doc.lower(first)]);
        sink.add(&[
            k,
            "cap",
            if doc.tokens[first].capitalized {
                "y"
            } else {
                "n"
            },
        ]);
        let last = end - 1;
        if doc.tokens[last].kind == TokenKind::Punct {
            sink.add(&[k, "lastpunct", doc.lower(last)]);
        } else {
            sink.add(&[k, "lastpunct", "none"]);
        }
        let paragraph = doc.tokens[first].paragraph;
        let span = &doc.paragraphs[paragraph];
        let share = (q.content.end - q.content.start) * 10 / span.len().max(1);
        sink.add(&[k, "para_share", bucket(share)]);
        if doc.tokens[last].paragraph != paragraph {
            sink.add(&[k, "multi_paragraph"]);
        }
        // A heading ("Christie Says He Would Issue A Quarantine") may be a menu's label.
        if doc.in_heading(first) {
            sink.add(&[k, "heading"]);
        }
        let sentence_ends = (first..end)
            .filter(|&i| doc.is_punct(i, ".") || doc.is_punct(i, "?") || doc.is_punct(i, "!"))
            .count();
        sink.add(&[k, "sentences", bucket(sentence_ends)]);
        if title_case(doc, q) {
            sink.add(&[k, "title_case"]);
            // "on ABC's \"Good Morning America.\"": a show's name after its network.
            sink.add(&[k, "title_case", "prev", prev]);
        }
    }
    // The cue's first word, which several features pair with other evidence.
    let cue_word = q.cue.as_ref().map(|cue| {
        let cue_first = token_at(doc, cue.start);
        if cue_first < doc.tokens.len() {
            doc.lower(cue_first)
        } else {
            "?"
        }
    });
    match (&q.cue, cue_word) {
        (Some(cue), Some(cue_word)) => {
            let position = if cue.end <= q.content.start {
                "before"
            } else if cue.start >= q.content.end {
                "after"
            } else {
                "inside"
            };
            sink.add(&[k, "cue", cue_word]);
            sink.add(&[k, "cuepos", position]);
            sink.add(&[k, "cue", cue_word, "len", len]);
            // What a cue word governs shows in the content's first word: "said that ..."
            // reports, "called the ..." often names or asks.
            if first < end && first < doc.tokens.len() {
                sink.add(&[k, "cue", cue_word, "first", doc.lower(first)]);
            }
            let gap = if position == "before" {
                first.saturating_sub(token_at(doc, cue.end))
            } else {
                token_at(doc, cue.start).saturating_sub(end)
            };
            sink.add(&[k, "cuegap", bucket(gap)]);
            // How often annotators took the cue word for a cue, in tenths: a dense signal
            // for the many cue words too rare to have a weight of their own. Quotations
            // only: for reported speech it measured no better than the cue word alone.
            if q.kind != QuoteKind::Indirect {
                sink.add(&[k, "cuerate", lex.learned_cue_rate(cue_word)]);
            }
        }
        _ => sink.add(&[k, "cue", "none"]),
    }
    match q.mention.and_then(|m| mentions.get(m)) {
        Some(m) => {
            let mk = mention_kind_name(m.kind);
            sink.add(&[k, "spk", mk]);
            // A cue word reports more surely after some kinds of source than others ("the
            // poll showed" against "he showed").
            if let Some(cue_word) = cue_word {
                sink.add(&[k, "spk", mk, "cue", cue_word]);
            }
            let head = doc.lower(m.tokens.start.min(doc.tokens.len().saturating_sub(1)));
            sink.add(&[k, "spkword", head]);
            sink.add(&[k, "spklen", bucket(m.tokens.len())]);
            let before = m.bytes.end <= q.content.start;
            sink.add(&[k, "spkpos", if before { "before" } else { "after" }]);
        }
        None => sink.add(&[k, "spk", "none"]),
    }
    if q.entity.is_none() {
        sink.add(&[k, "noentity"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_parts_equals_hashing_the_joined_name() {
        assert_eq!(
            hash_parts(&["D", "prev", "said"]),
            hash_parts(&["D|prev|said"])
        );
        assert_ne!(hash_parts(&["D", "prev"]), hash_parts(&["Dprev"]));
        // Every way of cutting names of every length around the eight-byte words.
        let name = "S|cue-after|the-Labour-leader|said|bucket-3|x";
        for len in 0..name.len() {
            let whole = &name[..len];
            for cut in 0..=len {
                let (a, b) = whole.split_at(cut);
                let joined = format!("{a}|{b}");
                assert_eq!(hash_parts(&[a, b]), hash_parts(&[&joined]), "{joined}");
                assert_ne!(hash_parts(&[whole]), hash_parts(&[&joined]), "{joined}");
            }
        }
    }

    #[test]
    fn the_shipped_feature_names_hash_apart() {
        let (_, names) = read_model(SHIPPED);
        let mut hashes: Vec<u64> = names.iter().map(|(n, _)| hash_parts(&[n])).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), names.len());
    }

    #[test]
    fn model_round_trips_through_its_file() {
        let judge = Judge::from_weights(
            vec![("D|bias".into(), 0.5), ("I|cue|said".into(), -1.25)],
            [0.4, 0.3],
        );
        assert_eq!(Judge::parse(&judge.to_tsv()), judge);
    }

    #[test]
    fn the_start_up_table_is_the_shipped_model() {
        let table = Judge::default();
        let text = Judge::parse(SHIPPED);
        assert!(table == text);
        assert_eq!(table.len(), text.len());
        assert_eq!(
            (table.has_ends, table.has_speakers),
            (text.has_ends, text.has_speakers)
        );
        assert!(!table.is_empty());
    }

    #[test]
    fn a_clause_may_end_after_a_quotation_closed_on_a_comma() {
        let lex = Lexicon::new();
        for text in [
            "Mayor Ana Ruiz said the plan was \u{201c}a waste of money,\u{201d} pointing to the deficit.",
            "Mayor Ana Ruiz said the plan was \"a waste of money,\" pointing to the deficit.",
        ] {
            let doc = Doc::new(text, &lex);
            let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.word(i) == w).unwrap();
            let ends: Vec<usize> = possible_ends(&doc, word("the"), doc.tokens.len()).collect();
            assert!(ends.contains(&word("pointing")), "{text}: {ends:?}");
            // Inside the marks the clause goes on.
            assert!(!ends.contains(&word("money")), "{text}: {ends:?}");
        }
        // A quotation closed without a comma runs on into the clause.
        let text = "Mayor Ana Ruiz said the plan was \"a waste\" of money.";
        let doc = Doc::new(text, &lex);
        let of = (0..doc.tokens.len())
            .find(|&i| doc.word(i) == "of")
            .unwrap();
        assert!(!possible_ends(&doc, 4, doc.tokens.len()).any(|i| i == of));
    }

    #[test]
    fn an_adjunct_after_a_reported_object_may_end_it() {
        let lex = Lexicon::new();
        let text = "Ada Moss thanked volunteers at a rally on the quay.";
        let doc = Doc::new(text, &lex);
        let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.word(i) == w).unwrap();
        let ends: Vec<usize> = possible_ends(&doc, word("volunteers"), doc.tokens.len()).collect();
        assert!(ends.contains(&word("at")), "{ends:?}");
        assert!(ends.contains(&word("on")), "{ends:?}");
        // Not before a quoted fragment the content reports.
        let text = "Ada Moss called the plan a waste of money in \"a sad week.\"";
        let doc = Doc::new(text, &lex);
        let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.word(i) == w).unwrap();
        let ends: Vec<usize> = possible_ends(&doc, word("the"), doc.tokens.len()).collect();
        assert!(!ends.contains(&word("in")), "{ends:?}");
    }

    #[test]
    fn a_time_after_a_reported_object_may_end_it() {
        let lex = Lexicon::new();
        let text = "The harbour guild endorsed Ada Moss last week and again on Friday.";
        let doc = Doc::new(text, &lex);
        let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.word(i) == w).unwrap();
        let ends: Vec<usize> = possible_ends(&doc, word("Ada"), doc.tokens.len()).collect();
        assert!(ends.contains(&word("last")), "{ends:?}");
        assert!(ends.contains(&word("again")), "{ends:?}");
        // Not before the content has a word of its own.
        assert!(!possible_ends(&doc, word("last"), doc.tokens.len()).any(|i| i == word("last")));
    }

    #[test]
    fn a_reported_object_may_end_after_one_word() {
        let lex = Lexicon::new();
        let text = "Ada Moss criticized Duarte and asked anonymity to speak; he said it was over.";
        let doc = Doc::new(text, &lex);
        let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.word(i) == w).unwrap();
        let ends: Vec<usize> = possible_ends(&doc, word("Duarte"), doc.tokens.len()).collect();
        assert!(ends.contains(&word("and")), "{ends:?}");
        let ends: Vec<usize> = possible_ends(&doc, word("anonymity"), doc.tokens.len()).collect();
        assert!(ends.contains(&word("to")), "{ends:?}");
        // A clause needs three words before a conjunction may end it.
        let text = "Ada Moss said that he left and they stayed.";
        let doc = Doc::new(text, &lex);
        let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.word(i) == w).unwrap();
        let ends: Vec<usize> = possible_ends(&doc, word("he"), doc.tokens.len()).collect();
        assert!(!ends.contains(&word("and")), "{ends:?}");
    }

    #[test]
    fn an_end_knows_the_tense_of_the_verb_after_it() {
        let lex = Lexicon::new();
        let text = "Ada Moss said she admires the plan and praised the board.";
        let doc = Doc::new(text, &lex);
        let word = |w: &str| (0..doc.tokens.len()).find(|&i| doc.word(i) == w).unwrap();
        let names = end_candidates(&doc, &lex, "said", word("she"), doc.tokens.len())
            .into_iter()
            .find(|(i, _)| *i == word("and"))
            .map(|(_, names)| names)
            .unwrap();
        assert!(
            names.contains(&"E|t|and|ct|past|nt|past".to_string()),
            "{names:?}"
        );
        assert!(
            names.contains(&"E|t|and|nt|past|shape|clause".to_string()),
            "{names:?}"
        );
        assert_eq!(tense_of("says"), "pres");
        assert_eq!(tense_of("board"), "none");
    }

    #[test]
    fn an_end_knows_the_clause_it_would_close() {
        let lex = Lexicon::new();
        let features_at = |text: &str, from: &str, at: usize| {
            let doc = Doc::new(text, &lex);
            let start = (0..doc.tokens.len())
                .find(|&i| doc.word(i) == from)
                .unwrap();
            let commas: Vec<usize> = (start..doc.tokens.len())
                .filter(|&i| doc.word(i) == ",")
                .collect();
            end_candidates(&doc, &lex, "said", start, doc.tokens.len())
                .into_iter()
                .find(|(i, _)| *i == commas[at])
                .map(|(_, names)| names)
                .unwrap()
        };
        // A comma inside a subordinate clause that opens the content.
        let text = "Ada Moss said that if the pier closes, the ferry would stop, although she \
                    admitted the council had not voted.";
        let first = features_at(text, "if", 0);
        assert!(first.contains(&"E|t|,|open|if".to_string()), "{first:?}");
        assert!(first.contains(&"E|t|,|shape|that".to_string()), "{first:?}");
        // A verb of saying further on may have a clause of its own.
        assert!(first.contains(&"E|t|,|cue_ahead".to_string()), "{first:?}");
        // A comma between the items of a list.
        let text = "Ada Moss said the title, history and text of the law were unfair.";
        let list = features_at(text, "the", 0);
        assert!(list.contains(&"E|list".to_string()), "{list:?}");
        assert!(list.contains(&"E|t|,|shape|object".to_string()), "{list:?}");
        assert!(
            list.contains(&"E|t|,|shape|object|nc|word".to_string()),
            "{list:?}"
        );
        let text = "Ada Moss said the pier, which is old, will close.";
        let relative = features_at(text, "the", 0);
        assert!(!relative.contains(&"E|list".to_string()), "{relative:?}");
        assert!(
            !relative.contains(&"E|t|,|cue_ahead".to_string()),
            "{relative:?}"
        );
        // An aside closed before a verb sits inside the clause.
        assert!(
            relative.contains(&"E|aside|,|then|aux|finite|n".to_string()),
            "{relative:?}"
        );
        let text = "Ada Moss said the pier is old, which worries the ferry crews.";
        let open = features_at(text, "the", 0);
        assert!(
            open.contains(&"E|aside|,|then|none|finite|y".to_string()),
            "{open:?}"
        );
    }

    #[test]
    fn a_verb_in_an_opening_subordinate_clause_is_known() {
        let lex = Lexicon::new();
        let at = |text: &str, w: &str| {
            let doc = Doc::new(text, &lex);
            let i = (0..doc.tokens.len()).find(|&i| doc.word(i) == w).unwrap();
            in_opening_subordinate(&doc, i)
        };
        assert!(at(
            "But while she said the quay would close, Moss left.",
            "quay"
        ));
        assert!(at(
            "The board met. Although Moss said it was over, Ruiz stayed.",
            "was"
        ));
        assert!(!at(
            "Moss said the quay would close while Ruiz stayed.",
            "quay"
        ));
        assert!(!at(
            "When it rained, Moss said the quay would close.",
            "quay"
        ));
    }

    #[test]
    fn titles_of_works_read_as_titles() {
        let lex = Lexicon::new();
        let text = "He praised \u{201c}The Art of the Deal\u{201d} and said \u{201c}We will win the State.\u{201d} Then \u{201c}Go\u{201d}.";
        let doc = Doc::new(text, &lex);
        let span = |s: &str| {
            let at = text.find(s).unwrap();
            at..at + s.len()
        };
        let found = |content| Found {
            content,
            kind: QuoteKind::Direct,
            cue: None,
            mention: None,
            entity: None,
            confidence: 0.0,
            thought: false,
        };
        assert!(title_case(&doc, &found(span("The Art of the Deal"))));
        assert!(!title_case(&doc, &found(span("We will win the State."))));
        // One word is no title.
        assert!(!title_case(&doc, &found(span("Go"))));
    }

    #[test]
    fn a_quotation_knows_how_often_its_cue_word_was_a_cue() {
        let lex = Lexicon::with_learned_cues(crate::CueTable::parse("beamed\t6\t20\n"));
        let text = "\u{201c}We won,\u{201d} beamed Ruiz. Ruiz beamed that they won.";
        let doc = Doc::new(text, &lex);
        let span = |s: &str| {
            let at = text.find(s).unwrap();
            at..at + s.len()
        };
        let found = |content, kind| Found {
            content,
            kind,
            cue: Some(span("beamed")),
            mention: None,
            entity: None,
            confidence: 0.0,
            thought: false,
        };
        let names = |q: &Found| {
            let mut names = FeatureNames::default();
            features(&doc, &lex, &[], q, &mut names);
            names.0
        };
        let quoted = names(&found(span("We won,"), QuoteKind::Direct));
        assert!(quoted.contains(&"D|cuerate|3".to_string()), "{quoted:?}");
        let reported = names(&found(span("they won"), QuoteKind::Indirect));
        assert!(
            !reported.iter().any(|f| f.contains("cuerate")),
            "{reported:?}"
        );
    }

    #[test]
    fn empty_model_keeps_everything() {
        let judge = Judge::parse("");
        assert!(judge.is_empty());
    }
}
