//! Scoring predicted attributions against gold ones. Its one job: give, for any analysis, the
//! very figures the PolNeAR reference scorer (`shared/eval/polnear/score.py`) would give, so
//! the figures can be produced and studied inside saywho, and add the error breakdown (kind
//! confusion, speaker errors, worst articles) that the reference does not print.
//!
//! The semantics are the reference's, rule for rule:
//! - tokens are maximal runs of non-whitespace of the gold text; a span covers every token it
//!   intersects;
//! - a discontinuous gold content is matched on the union of its parts or on its outer bounds,
//!   whichever scores better;
//! - before matching, a predicted direct/partial quotation inside a predicted indirect one with
//!   the same speaker is folded into it (which then counts as partial), and consecutive
//!   direct/partial pieces interrupted by their shared speaker mention are joined;
//! - gold G and prediction P match when |G∩P| ≥ ½·max(|G|, |P|), one to one, greedily by
//!   descending min(|G∩P|/|G|, |G∩P|/|P|), ties by gold then prediction order;
//! - the speaker is right when the predicted mention overlaps the gold source, or the predicted
//!   name matches the source text by the name rules; a gold attribution without a source is
//!   right only when the prediction names no one;
//! - groups Q (direct+partial), I (indirect) and all are scored loosely (each side's group
//!   against everything on the other side) and Q and I strictly (both sides filtered first).
//!
//! Pure: no I/O. Gold records deserialise from the evaluation files' JSON lines; predictions are
//! built from the published [`QuotationView`].

mod gold;
mod metrics;
mod text;

use std::collections::{HashMap, HashSet};

use saywho_model::{QuotationView, QuoteKind};

pub use gold::{GoldArticle, GoldError, GoldQuote};
pub use metrics::{GroupScores, Metrics, Prf};

use metrics::Counts;
use text::{covered, name_match, token_spans, TokenSet};

/// One predicted quotation: the part of a [`QuotationView`] that scoring reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Predicted {
    /// Start of the content (code points).
    pub start: usize,
    /// End of the content, exclusive.
    pub end: usize,
    /// The predicted kind.
    pub kind: QuoteKind,
    /// The speaker's name as published, if any.
    pub name: Option<String>,
    /// The speaker mention's span, if any.
    pub mention: Option<(usize, usize)>,
}

impl From<&QuotationView> for Predicted {
    fn from(q: &QuotationView) -> Self {
        Predicted {
            start: q.start,
            end: q.end,
            kind: q.kind,
            name: q.speaker.name.clone(),
            mention: q.speaker.mention.as_ref().map(|m| (m.start, m.end)),
        }
    }
}

/// The three kinds in the order every table here uses.
pub const KINDS: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect];

fn kind_index(kind: QuoteKind) -> usize {
    match kind {
        QuoteKind::Direct => 0,
        QuoteKind::Partial => 1,
        QuoteKind::Indirect => 2,
    }
}

/// Whether a quotation of kind `kind` belongs to the group of `kinds` (`None`: every kind).
fn in_group(kind: Option<QuoteKind>, kinds: Option<&[QuoteKind]>) -> bool {
    kinds.is_none_or(|ks| kind.is_some_and(|k| ks.contains(&k)))
}

const Q: &[QuoteKind] = &[QuoteKind::Direct, QuoteKind::Partial];
const I: &[QuoteKind] = &[QuoteKind::Indirect];

/// How the speakers of content-matched pairs fared, for one gold kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpeakerTally {
    /// The speaker is right.
    pub right: usize,
    /// The gold attribution has no source but the prediction names one.
    pub gold_has_no_source: usize,
    /// The gold has a source and the prediction names no one.
    pub predicted_none: usize,
    /// Both name someone, and not the same.
    pub wrong: usize,
}

impl SpeakerTally {
    /// All speaker errors.
    pub fn errors(&self) -> usize {
        self.gold_has_no_source + self.predicted_none + self.wrong
    }
}

/// Where the content matching (all kinds against all kinds) went right and wrong, by kind.
/// Gold attributions with a label outside the three kinds are left out of these tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Confusion {
    /// `kinds[gold][predicted]`: gold kind (indexed as [`KINDS`]) against the kind of the
    /// prediction it matched; column 3 counts the gold attributions no prediction matched.
    pub kinds: [[usize; 4]; 3],
    /// Predictions that matched no gold attribution, by predicted kind.
    pub spurious: [usize; 3],
    /// Speakers of the content-matched pairs, by gold kind.
    pub speakers: [SpeakerTally; 3],
}

/// One article's outcome, to find where the errors are.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleReport {
    /// The article's id.
    pub id: String,
    /// Gold attributions.
    pub gold: usize,
    /// Predictions, after folding and joining pieces.
    pub predicted: usize,
    /// Gold attributions whose content was matched.
    pub content: usize,
    /// Gold attributions matched with the right speaker.
    pub content_speaker: usize,
    /// Gold attributions no prediction matched.
    pub missed: usize,
    /// Predictions that matched no gold attribution.
    pub spurious: usize,
    /// Content-matched pairs with the wrong speaker.
    pub speaker_errors: usize,
}

impl ArticleReport {
    /// Every error once: a missed or spurious content, or a matched content's wrong speaker.
    pub fn errors(&self) -> usize {
        self.missed + self.spurious + self.speaker_errors
    }
}

/// A gold attribution as the matcher sees it.
struct GoldItem<'a> {
    tok: TokenSet,
    outer: TokenSet,
    kind: Option<QuoteKind>,
    speaker: Option<&'a str>,
    speaker_span: Option<(usize, usize)>,
}

/// A prediction as the matcher sees it (after clamping to the text).
#[derive(Clone)]
struct PredItem<'a> {
    tok: TokenSet,
    kind: QuoteKind,
    name: Option<&'a str>,
    mention: Option<(usize, usize)>,
    start: usize,
    end: usize,
}

fn is_quoted(kind: QuoteKind) -> bool {
    matches!(kind, QuoteKind::Direct | QuoteKind::Partial)
}

fn same_speaker(a: &PredItem, b: &PredItem) -> bool {
    if a.mention.is_some() && a.mention == b.mention {
        return true;
    }
    a.name.is_some() && a.name == b.name
}

/// Folds each direct/partial prediction lying inside an indirect prediction of the same
/// speaker into the first such container, which then counts as partial: the verbatim fragment
/// of reported speech is one attribution in the gold.
fn absorb_nested(mut preds: Vec<PredItem<'_>>) -> Vec<PredItem<'_>> {
    let containers: Vec<usize> = (0..preds.len())
        .filter(|&i| preds[i].kind == QuoteKind::Indirect)
        .collect();
    let mut keep = vec![true; preds.len()];
    let mut hosts = Vec::new();
    for (i, p) in preds.iter().enumerate() {
        if !is_quoted(p.kind) {
            continue;
        }
        let host = containers.iter().copied().find(|&c| {
            let c = &preds[c];
            c.start <= p.start && p.end <= c.end && same_speaker(c, p)
        });
        if let Some(host) = host {
            hosts.push(host);
            keep[i] = false;
        }
    }
    for host in hosts {
        preds[host].kind = QuoteKind::Partial;
    }
    preds
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// Joins consecutive direct/partial predictions (in text order) whose shared speaker mention
/// lies between them, at most 400 characters apart: "A," said X, "B." is one gold relation.
fn merge_interrupted(mut preds: Vec<PredItem<'_>>) -> Vec<PredItem<'_>> {
    preds.sort_by_key(|p| (p.start, p.end));
    let mut out: Vec<PredItem> = Vec::with_capacity(preds.len());
    for p in preds {
        let joins = out
            .last()
            .is_some_and(|prev| match (prev.mention, p.mention) {
                (Some(m), Some(pm)) => {
                    is_quoted(prev.kind)
                        && is_quoted(p.kind)
                        && m == pm
                        && prev.end <= pm.0
                        && pm.1 <= p.start
                        && p.start as i64 - prev.end as i64 <= 400
                }
                _ => false,
            });
        match out.last_mut() {
            Some(prev) if joins => {
                prev.tok = prev.tok.union(&p.tok);
                prev.end = p.end;
            }
            _ => out.push(p),
        }
    }
    out
}

/// The content score of a pair: the better of the gold's parts and outer bounds among those
/// that overlap the prediction by at least half the larger side.
fn content(g: &GoldItem, p: &PredItem) -> Option<f64> {
    let mut best: Option<f64> = None;
    for gt in [&g.tok, &g.outer] {
        if gt.is_empty() || p.tok.is_empty() {
            continue;
        }
        let inter = gt.shared(&p.tok);
        if 2 * inter >= gt.len().max(p.tok.len()) {
            let sc = f64::min(
                inter as f64 / gt.len() as f64,
                inter as f64 / p.tok.len() as f64,
            );
            best = Some(best.map_or(sc, |b| b.max(sc)));
        }
    }
    best
}

fn speaker_ok(g: &GoldItem, p: &PredItem) -> bool {
    let Some((gs, ge)) = g.speaker_span else {
        return p.name.is_none() && p.mention.is_none();
    };
    if let Some((a, b)) = p.mention {
        if a < ge && b > gs {
            return true;
        }
    }
    name_match(g.speaker, p.name)
}

/// One-to-one greedy matching over the candidate pairs of the given gold and predicted
/// indices: best score first, then gold order, then prediction order.
fn match_pairs(
    golds: &[usize],
    preds: &[usize],
    score: impl Fn(usize, usize) -> Option<f64>,
) -> Vec<(usize, usize)> {
    let mut cands: Vec<(f64, usize, usize)> = golds
        .iter()
        .flat_map(|&g| preds.iter().map(move |&p| (g, p)))
        .filter_map(|(g, p)| score(g, p).map(|sc| (sc, g, p)))
        .collect();
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_g, mut used_p) = (HashSet::new(), HashSet::new());
    let mut pairs = Vec::new();
    for (_, g, p) in cands {
        if used_g.contains(&g) || used_p.contains(&p) {
            continue;
        }
        used_g.insert(g);
        used_p.insert(p);
        pairs.push((g, p));
    }
    pairs
}

/// Accumulates the reference scorer's counts article by article, and the error breakdown.
#[derive(Clone, Debug, Default)]
pub struct Scorer {
    /// `loose[group][metric]`, groups Q, I, all; metrics content, content+speaker.
    loose: [[Counts; 2]; 3],
    /// `strict[group][metric]`, groups Q, I.
    strict: [[Counts; 2]; 2],
    articles: usize,
    spans_out_of_range: usize,
    unknown_ids: usize,
    confusion: Confusion,
}

impl Scorer {
    /// A scorer that has seen nothing.
    pub fn new() -> Self {
        Scorer::default()
    }

    /// Scores one gold article against the predictions for it (none: nothing predicted).
    pub fn add(&mut self, gold: &GoldArticle, predicted: &[Predicted]) -> ArticleReport {
        self.articles += 1;
        let text_len = gold.text.chars().count();
        let toks = token_spans(&gold.text);
        let gq: Vec<GoldItem> = gold
            .quotes
            .iter()
            .map(|q| {
                let whole = [(q.start, q.end)];
                let parts = if q.parts.is_empty() {
                    &whole[..]
                } else {
                    &q.parts[..]
                };
                GoldItem {
                    tok: TokenSet::of(parts.iter().map(|&(a, b)| covered(&toks, a, b))),
                    outer: TokenSet::of([covered(&toks, q.start, q.end)]),
                    kind: q.kind,
                    speaker: q.speaker.as_deref(),
                    speaker_span: q.speaker_span(),
                }
            })
            .collect();
        let pq: Vec<PredItem> = predicted
            .iter()
            .map(|q| {
                let (mut s, mut e) = (q.start, q.end);
                if !(s <= e && e <= text_len) {
                    self.spans_out_of_range += 1;
                    s = s.min(text_len);
                    e = e.min(text_len);
                }
                PredItem {
                    tok: TokenSet::of([covered(&toks, s, e)]),
                    kind: q.kind,
                    name: q.name.as_deref(),
                    mention: q.mention,
                    start: s,
                    end: e,
                }
            })
            .collect();
        let pq = merge_interrupted(absorb_nested(pq));

        let scores: Vec<Vec<Option<f64>>> = gq
            .iter()
            .map(|g| pq.iter().map(|p| content(g, p)).collect())
            .collect();
        // Speakers are judged only where the contents match, as the reference does.
        let speaker: Vec<Vec<bool>> = gq
            .iter()
            .zip(&scores)
            .map(|(g, row)| {
                pq.iter()
                    .zip(row)
                    .map(|(p, sc)| sc.is_some() && speaker_ok(g, p))
                    .collect()
            })
            .collect();
        let content_fn = |g: usize, p: usize| scores[g][p];
        let speaker_fn = |g: usize, p: usize| scores[g][p].filter(|_| speaker[g][p]);
        let all_g: Vec<usize> = (0..gq.len()).collect();
        let all_p: Vec<usize> = (0..pq.len()).collect();
        let gold_in = |kinds: Option<&[QuoteKind]>| -> Vec<usize> {
            all_g
                .iter()
                .copied()
                .filter(|&i| in_group(gq[i].kind, kinds))
                .collect()
        };
        let pred_in = |kinds: Option<&[QuoteKind]>| -> Vec<usize> {
            all_p
                .iter()
                .copied()
                .filter(|&i| in_group(Some(pq[i].kind), kinds))
                .collect()
        };

        let mut matches = Vec::new();
        let metric_fns: [&dyn Fn(usize, usize) -> Option<f64>; 2] = [&content_fn, &speaker_fn];
        for (m, score) in metric_fns.into_iter().enumerate() {
            let pairs = match_pairs(&all_g, &all_p, score);
            let mg: HashSet<usize> = pairs.iter().map(|&(g, _)| g).collect();
            let mp: HashSet<usize> = pairs.iter().map(|&(_, p)| p).collect();
            for (grp, kinds) in [Some(Q), Some(I), None].into_iter().enumerate() {
                let (gi, pi) = (gold_in(kinds), pred_in(kinds));
                self.loose[grp][m].add(
                    pi.iter().filter(|i| mp.contains(i)).count(),
                    pi.len(),
                    gi.iter().filter(|i| mg.contains(i)).count(),
                    gi.len(),
                );
            }
            for (grp, kinds) in [Q, I].into_iter().enumerate() {
                let (gsub, psub) = (gold_in(Some(kinds)), pred_in(Some(kinds)));
                let n = match_pairs(&gsub, &psub, score).len();
                self.strict[grp][m].add(n, psub.len(), n, gsub.len());
            }
            matches.push(pairs);
        }

        let content_pairs = &matches[0];
        let mut report = ArticleReport {
            id: gold.id.clone(),
            gold: gq.len(),
            predicted: pq.len(),
            content: content_pairs.len(),
            content_speaker: matches[1].len(),
            missed: gq.len() - content_pairs.len(),
            spurious: pq.len() - content_pairs.len(),
            speaker_errors: 0,
        };
        let mut matched_g = vec![false; gq.len()];
        let mut matched_p = vec![false; pq.len()];
        for &(g, p) in content_pairs {
            matched_g[g] = true;
            matched_p[p] = true;
            let (gold, pred) = (&gq[g], &pq[p]);
            if !speaker[g][p] {
                report.speaker_errors += 1;
            }
            let Some(k) = gold.kind.map(kind_index) else {
                continue;
            };
            self.confusion.kinds[k][kind_index(pred.kind)] += 1;
            let tally = &mut self.confusion.speakers[k];
            if speaker[g][p] {
                tally.right += 1;
            } else if gold.speaker_span.is_none() {
                tally.gold_has_no_source += 1;
            } else if pred.name.is_none() && pred.mention.is_none() {
                tally.predicted_none += 1;
            } else {
                tally.wrong += 1;
            }
        }
        for (gold, _) in gq.iter().zip(&matched_g).filter(|(_, &m)| !m) {
            if let Some(k) = gold.kind.map(kind_index) {
                self.confusion.kinds[k][3] += 1;
            }
        }
        for (pred, _) in pq.iter().zip(&matched_p).filter(|(_, &m)| !m) {
            self.confusion.spurious[kind_index(pred.kind)] += 1;
        }
        report
    }

    /// Every figure of the reference scorer for the articles seen so far.
    pub fn metrics(&self) -> Metrics {
        Metrics {
            direct_partial: GroupScores::of(self.loose[0]),
            indirect: GroupScores::of(self.loose[1]),
            all: GroupScores::of(self.loose[2]),
            strict_direct_partial: GroupScores::of(self.strict[0]),
            strict_indirect: GroupScores::of(self.strict[1]),
            articles: self.articles,
            pred_ids_not_in_gold: self.unknown_ids,
            pred_spans_out_of_range: self.spans_out_of_range,
        }
    }

    /// The kind confusion and speaker errors so far.
    pub fn confusion(&self) -> &Confusion {
        &self.confusion
    }
}

/// Scores prediction records (an id and its quotations; several records with one id are
/// joined) against gold articles, as the reference does with two JSONL files: a gold article
/// without predictions counts as nothing predicted, and prediction ids not in the gold are
/// ignored and counted.
pub fn score<'a>(
    gold: &[GoldArticle],
    predictions: impl IntoIterator<Item = (&'a str, &'a [Predicted])>,
) -> Metrics {
    let mut by_id: HashMap<&str, Vec<Predicted>> = HashMap::new();
    for (id, quotes) in predictions {
        by_id.entry(id).or_default().extend_from_slice(quotes);
    }
    let gold_ids: HashSet<&str> = gold.iter().map(|a| a.id.as_str()).collect();
    let mut scorer = Scorer::new();
    scorer.unknown_ids = by_id.keys().filter(|id| !gold_ids.contains(*id)).count();
    for article in gold {
        let preds = by_id
            .get(article.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        scorer.add(article, preds);
    }
    scorer.metrics()
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuoteKind::{Direct, Indirect, Partial};

    /// The code-point span of the first `needle` in `text` (test texts are ASCII).
    fn at(text: &str, needle: &str) -> (usize, usize) {
        let start = text.find(needle).expect("needle in text");
        (start, start + needle.len())
    }

    fn gold(text: &str, content: &str, kind: QuoteKind, speaker: Option<&str>) -> GoldQuote {
        let (start, end) = at(text, content);
        let span = speaker.map(|s| at(text, s));
        GoldQuote {
            start,
            end,
            kind: Some(kind),
            speaker: speaker.map(str::to_string),
            speaker_start: span.map(|s| s.0),
            speaker_end: span.map(|s| s.1),
            parts: Vec::new(),
        }
    }

    fn pred(text: &str, content: &str, kind: QuoteKind, speaker: Option<&str>) -> Predicted {
        let (start, end) = at(text, content);
        Predicted {
            start,
            end,
            kind,
            name: speaker.map(str::to_string),
            mention: speaker.map(|s| at(text, s)),
        }
    }

    fn named(mut p: Predicted, name: &str) -> Predicted {
        p.mention = None;
        p.name = Some(name.to_string());
        p
    }

    fn article(id: &str, text: &str, quotes: Vec<GoldQuote>) -> GoldArticle {
        GoldArticle {
            id: id.to_string(),
            text: text.to_string(),
            quotes,
        }
    }

    fn counts(prf: &Prf) -> (usize, usize, usize, usize) {
        (prf.tp_pred, prf.pred, prf.tp_gold, prf.gold)
    }

    const TEXT: &str = "Ann Lee said that the plan will fail. \"We tried hard,\" Bob Ray said, \
        \"and we lost.\" Officials warned of \"grave risks\" ahead.";

    /// Interrupted quotation in two pieces, a fragment inside reported speech, and a paraphrase
    /// one token longer than the gold: everything matches with the right speaker.
    #[test]
    fn pieces_and_fragments_are_joined_before_matching() {
        let mut interrupted = gold(
            TEXT,
            "We tried hard,\" Bob Ray said, \"and we lost.",
            Direct,
            Some("Bob Ray"),
        );
        interrupted.parts = vec![at(TEXT, "We tried hard,"), at(TEXT, "and we lost.")];
        let g = article(
            "a",
            TEXT,
            vec![
                gold(TEXT, "the plan will fail", Indirect, Some("Ann Lee")),
                interrupted,
                gold(TEXT, "of \"grave risks\" ahead", Partial, Some("Officials")),
            ],
        );
        let p = vec![
            pred(TEXT, "that the plan will fail", Indirect, Some("Ann Lee")),
            pred(TEXT, "We tried hard,", Direct, Some("Bob Ray")),
            pred(TEXT, "and we lost.", Direct, Some("Bob Ray")),
            pred(
                TEXT,
                "of \"grave risks\" ahead",
                Indirect,
                Some("Officials"),
            ),
            pred(TEXT, "grave risks", Partial, Some("Officials")),
        ];
        let mut scorer = Scorer::new();
        let report = scorer.add(&g, &p);
        assert_eq!(report.predicted, 3);
        assert_eq!(report.errors(), 0);
        let m = scorer.metrics();
        assert_eq!(counts(&m.direct_partial.content_speaker), (2, 2, 2, 2));
        assert_eq!(counts(&m.indirect.content_speaker), (1, 1, 1, 1));
        assert_eq!(
            counts(&m.strict_direct_partial.content_speaker),
            (2, 2, 2, 2)
        );
        assert_eq!(m.all.content_speaker.f1, 1.0);
        assert_eq!(
            scorer.confusion().kinds[1][1],
            1,
            "the folded container is partial"
        );
    }

    /// Pieces that do not share a speaker mention between them are not joined, so each piece
    /// is scored alone.
    #[test]
    fn pieces_without_their_attribution_between_stay_apart() {
        let mut interrupted = gold(
            TEXT,
            "We tried hard,\" Bob Ray said, \"and we lost.",
            Direct,
            Some("Bob Ray"),
        );
        interrupted.parts = vec![at(TEXT, "We tried hard,"), at(TEXT, "and we lost.")];
        let g = article("a", TEXT, vec![interrupted]);
        let p = [
            named(pred(TEXT, "We tried hard,", Direct, None), "Bob Ray"),
            named(pred(TEXT, "and we lost.", Direct, None), "Bob Ray"),
        ];
        let m = score(&[g], [("a", &p[..])]);
        // The parts hold 6 tokens and each piece covers 3, exactly half, so either may match;
        // at equal scores the first prediction wins and the second is spurious.
        assert_eq!(counts(&m.all.content), (1, 2, 1, 1));
        assert_eq!(counts(&m.all.content_speaker), (1, 2, 1, 1));
    }

    #[test]
    fn overlap_must_reach_half_of_the_larger_side() {
        let text = "one two three four five six seven eight";
        let g = article(
            "t",
            text,
            vec![gold(text, "one two three four", Indirect, None)],
        );
        let half = [pred(text, "three four five six", Indirect, None)];
        let less = [pred(text, "four five six seven", Indirect, None)];
        assert_eq!(
            score(std::slice::from_ref(&g), [("t", &half[..])])
                .all
                .content
                .tp_gold,
            1
        );
        assert_eq!(score(&[g], [("t", &less[..])]).all.content.tp_gold, 0);
    }

    #[test]
    fn outer_bounds_count_when_they_fit_better_than_the_parts() {
        let text = "alpha beta, he said, gamma delta";
        let mut q = gold(text, "alpha beta, he said, gamma delta", Direct, Some("he"));
        q.parts = vec![at(text, "alpha beta,"), at(text, "gamma delta")];
        let g = article("t", text, vec![q]);
        let p = [pred(
            text,
            "alpha beta, he said, gamma delta",
            Direct,
            Some("he"),
        )];
        let m = score(&[g], [("t", &p[..])]);
        assert_eq!(counts(&m.all.content_speaker), (1, 1, 1, 1));
    }

    #[test]
    fn greedy_matching_prefers_the_better_score_then_gold_order() {
        let text = "a b c d e f g h";
        let g = article(
            "t",
            text,
            vec![
                gold(text, "a b c d", Indirect, None),
                gold(text, "a b c d", Indirect, None),
                gold(text, "e f g h", Indirect, None),
            ],
        );
        let p = [
            pred(text, "a b c", Indirect, None),
            pred(text, "a b c d", Indirect, None),
        ];
        let mut scorer = Scorer::new();
        let report = scorer.add(&g, &p);
        assert_eq!((report.content, report.missed, report.spurious), (2, 1, 0));
    }

    #[test]
    fn speaker_rules() {
        let text =
            "Jane Roe said that taxes rise. Later the mayor added that fees fall. Prices climb.";
        let g = article(
            "t",
            text,
            vec![
                gold(text, "taxes rise", Indirect, Some("Jane Roe")),
                gold(text, "fees fall", Indirect, Some("the mayor")),
                gold(text, "Prices climb", Indirect, None),
            ],
        );
        let right = [
            named(pred(text, "taxes rise", Indirect, None), "Governor Roe"),
            pred(text, "fees fall", Indirect, Some("mayor")),
            pred(text, "Prices climb", Indirect, None),
        ];
        let m = score(std::slice::from_ref(&g), [("t", &right[..])]);
        assert_eq!(counts(&m.all.content_speaker), (3, 3, 3, 3));

        let wrong = vec![
            named(pred(text, "taxes rise", Indirect, None), "John Roe"),
            pred(text, "fees fall", Indirect, None),
            named(pred(text, "Prices climb", Indirect, None), "Jane Roe"),
        ];
        let mut scorer = Scorer::new();
        let report = scorer.add(&g, &wrong);
        assert_eq!(
            (
                report.content,
                report.content_speaker,
                report.speaker_errors
            ),
            (3, 0, 3)
        );
        let tally = scorer.confusion().speakers[2];
        assert_eq!(
            (
                tally.right,
                tally.gold_has_no_source,
                tally.predicted_none,
                tally.wrong
            ),
            (0, 1, 1, 1)
        );
        assert_eq!(tally.errors(), 3);
    }

    #[test]
    fn loose_groups_forgive_the_kind_and_strict_ones_do_not() {
        let text = "\"Stay calm,\" she said. He said it was over.";
        let g = article(
            "t",
            text,
            vec![
                gold(text, "Stay calm,", Direct, Some("she")),
                gold(text, "it was over", Indirect, Some("He")),
            ],
        );
        let p = [
            pred(text, "Stay calm,", Indirect, Some("she")),
            pred(text, "it was over", Indirect, Some("He")),
            pred(text, "she said", Partial, Some("she")),
        ];
        let mut scorer = Scorer::new();
        scorer.add(&g, &p);
        let m = scorer.metrics();
        assert_eq!(counts(&m.direct_partial.content), (0, 1, 1, 1));
        assert_eq!(counts(&m.indirect.content), (2, 2, 1, 1));
        assert_eq!(counts(&m.all.content), (2, 3, 2, 2));
        assert_eq!(counts(&m.strict_direct_partial.content), (0, 1, 0, 1));
        assert_eq!(counts(&m.strict_indirect.content), (1, 2, 1, 1));
        assert_eq!(m.direct_partial.content.precision, 0.0);
        assert_eq!(m.all.content.precision, 0.6667);
        let c = scorer.confusion();
        assert_eq!(c.kinds[0], [0, 0, 1, 0]);
        assert_eq!(c.kinds[2], [0, 0, 1, 0]);
        assert_eq!(c.spurious, [0, 1, 0]);
    }

    #[test]
    fn ids_missing_unknown_and_spans_out_of_range() {
        let text = "He said it rains.";
        let g = vec![
            article(
                "x",
                text,
                vec![gold(text, "it rains", Indirect, Some("He"))],
            ),
            article(
                "y",
                text,
                vec![gold(text, "it rains", Indirect, Some("He"))],
            ),
        ];
        let first = [pred(text, "it rains", Indirect, Some("He"))];
        let beyond = [Predicted {
            start: 11,
            end: 400,
            kind: Indirect,
            name: None,
            mention: Some((0, 2)),
        }];
        let stray = [pred(text, "He", Direct, None)];
        let m = score(
            &g,
            [("x", &first[..]), ("x", &beyond[..]), ("z", &stray[..])],
        );
        assert_eq!(m.articles, 2);
        assert_eq!(m.pred_ids_not_in_gold, 1);
        assert_eq!(m.pred_spans_out_of_range, 1);
        assert_eq!(counts(&m.all.content_speaker), (1, 2, 1, 2));
    }

    #[test]
    fn printout_and_json_follow_the_reference_layout() {
        let text = "He said it rains.";
        let g = [article(
            "x",
            text,
            vec![gold(text, "it rains", Indirect, Some("He"))],
        )];
        let m = score(&g, std::iter::empty());
        let printed = m.to_string();
        let lines: Vec<&str> = printed.lines().collect();
        assert_eq!(lines.len(), 11);
        assert_eq!(
            lines[0],
            "direct+partial  content          P=1.0000 R=1.0000 F1=1.0000 (pred=0 gold=0)"
        );
        assert_eq!(
            lines[3],
            "indirect        content_speaker  P=0.0000 R=0.0000 F1=0.0000 (pred=0 gold=1)"
        );
        assert_eq!(
            lines[8],
            "strict indirect content          P=0.0000 R=0.0000 F1=0.0000"
        );
        assert_eq!(
            lines[10],
            "articles=1 pred_ids_not_in_gold=0 pred_spans_out_of_range=0"
        );
        let json = m.to_json();
        assert_eq!(json["polnear"]["indirect_content_speaker_f1"], 0.0);
        assert_eq!(json["polnear"]["direct+partial_content_f1"], 1.0);
        assert_eq!(json["detail"]["groups"]["all"]["content"]["gold"], 1);
        assert_eq!(
            json["detail"]["strict"]["Q"]["content_speaker"]["recall"],
            1.0
        );
        assert_eq!(json["polnear"].as_object().unwrap().len(), 6);
    }
}
