//! Who, among the people a sentence names, said the quotation. The rules bind each cue to one
//! source; the speaker model re-ranks the mentions around a quotation (the rules' choice among
//! them) with weights learned by `saywho train`, so a better-placed name can win over the
//! rules' pick where the training articles show such a pattern ("said X of Y", a subject
//! before a long apposition, a pronoun that resolves elsewhere).

use saywho_model::{EntityType, MentionKind};

use crate::attribute::{EntityState, Found};
use crate::cues;
use crate::doc::Doc;
use crate::judge::{bucket, kind_name, mention_kind_name, token_at, FeatureSink};
use crate::mentions::Candidate;

/// Most mentions weighed for one quotation (the nearest ones).
const MAX_OPTIONS: usize = 12;

/// Farthest a weighed mention stands from the content, in tokens.
const WINDOW: usize = 80;

/// The mentions that could be the speaker of `q`: the rules' choice first, then every mention
/// outside quotation marks and outside the content in the quotation's sentences, the sentence
/// before it when it opens one, and the sentence after it when it closes one.
pub(crate) fn options(doc: &Doc<'_>, mentions: &[Candidate], q: &Found) -> Vec<usize> {
    let mut out: Vec<usize> = q.mention.into_iter().collect();
    if doc.tokens.is_empty() {
        return out;
    }
    let last_token = doc.tokens.len() - 1;
    let first = token_at(doc, q.content.start).min(last_token);
    let end = token_at(doc, q.content.end).clamp(first + 1, doc.tokens.len());
    let s0 = doc.sentence_of[first] as usize;
    let s1 = doc.sentence_of[end - 1] as usize;
    let mut from = doc.sentences[s0].start;
    if first <= from + 1 && s0 > 0 {
        from = doc.sentences[s0 - 1].start;
    }
    let mut to = doc.sentences[s1].end;
    if end + 1 >= to && s1 + 1 < doc.sentences.len() {
        to = doc.sentences[s1 + 1].end;
        // Not into the next paragraph: its subject speaks its own words.
        let paragraph = doc.tokens[end - 1].paragraph;
        while to > end && doc.tokens[to - 1].paragraph != paragraph {
            to -= 1;
        }
    }
    // However long the sentences, a speaker stands within a few dozen tokens of what it said.
    from = from.max(first.saturating_sub(WINDOW));
    to = to.min(end + WINDOW);
    let lo = mentions.partition_point(|m| m.tokens.start < from);
    let mut near: Vec<(usize, usize)> = (lo..mentions.len())
        .take_while(|&i| mentions[i].tokens.start < to)
        .filter(|&i| {
            let m = &mentions[i];
            !m.in_quote
                && (m.bytes.end <= q.content.start || m.bytes.start >= q.content.end)
                && Some(i) != q.mention
        })
        .map(|i| {
            let m = &mentions[i];
            let distance = if m.tokens.end <= first {
                first - m.tokens.end
            } else {
                m.tokens.start.saturating_sub(end)
            };
            (distance, i)
        })
        .collect();
    near.sort_unstable();
    out.extend(near.into_iter().take(MAX_OPTIONS).map(|(_, i)| i));
    out
}

/// The evidence that mention `m`, option number `rank` of [`options`], spoke quotation `q`,
/// as features.
#[allow(clippy::too_many_arguments)]
pub(crate) fn features(
    doc: &Doc<'_>,
    mentions: &[Candidate],
    mention_entity: &[Option<usize>],
    entities: &[EntityState],
    q: &Found,
    (m, rank): (usize, usize),
    sink: &mut impl FeatureSink,
) {
    let k = kind_name(q.kind);
    let c = &mentions[m];
    let rule = q.mention == Some(m);
    let mk = mention_kind_name(c.kind);
    let first = token_at(doc, q.content.start);
    let side = if c.bytes.end <= q.content.start {
        "before"
    } else {
        "after"
    };
    sink.add(&["S", k, "rule", if rule { "y" } else { "n" }]);
    sink.add(&["S", k, "kind", mk]);
    // Options come the rules' pick first, then nearest first.
    sink.add(&["S", "rank", bucket(rank), if rule { "rule" } else { mk }]);
    sink.add(&["S", k, "side", side, mk]);
    sink.add(&["S", "kind", mk, "rule", if rule { "y" } else { "n" }]);
    let sentence_start = doc.sentences[doc.sentence_of[c.tokens.start] as usize].start;
    let same_sentence =
        first < doc.tokens.len() && doc.sentence_of[first] == doc.sentence_of[c.tokens.start];
    sink.add(&["S", "same_sentence", if same_sentence { "y" } else { "n" }]);
    if c.possessive {
        sink.add(&["S", "possessive"]);
    }
    if cues::after_preposition(doc, c.tokens.start, sentence_start) {
        sink.add(&["S", "after_preposition"]);
    }
    if c.tokens.start == sentence_start {
        sink.add(&["S", "opens_sentence", mk]);
    }
    let head = doc.lower(c.tokens.start);
    let last = doc.lower(c.tokens.end - 1);
    sink.add(&["S", "first", head]);
    sink.add(&["S", "last", last]);
    sink.add(&["S", "before", word_at(doc, c.tokens.start.checked_sub(1))]);
    sink.add(&["S", "after", word_at(doc, Some(c.tokens.end))]);
    // A verb right after the mention makes it a subject; a preposition or a comma after it,
    // an object or an aside ("wanted to see the Labour leader as prime minister").
    sink.add(&["S", "after_class", word_class(doc, c.tokens.end), mk]);
    match &q.cue {
        Some(cue) => {
            let cue_first = token_at(doc, cue.start);
            let cue_end = token_at(doc, cue.end);
            let (where_, gap) = if c.tokens.end <= cue_first {
                ("before_cue", cue_first - c.tokens.end)
            } else if c.tokens.start >= cue_end {
                ("after_cue", c.tokens.start - cue_end)
            } else {
                ("in_cue", 0)
            };
            sink.add(&["S", where_, bucket(gap)]);
            sink.add(&["S", k, where_, bucket(gap), mk]);
            let cue_word = doc.lower(cue_first.min(doc.tokens.len() - 1));
            sink.add(&["S", "cue", cue_word, where_]);
            // Mentions between the candidate and the cue: the nearest subject usually speaks.
            let (a, b) = if c.tokens.end <= cue_first {
                (c.tokens.end, cue_first)
            } else {
                (cue_end, c.tokens.start)
            };
            // Counted up to four (the feature's buckets stop there), from the first mention
            // at `a` on, so the cost stays small whatever the article.
            let from = mentions.partition_point(|o| o.tokens.start < a);
            let between = mentions[from..]
                .iter()
                .take_while(|o| o.tokens.start < b)
                .filter(|o| o.tokens.end <= b && !o.in_quote)
                .take(4)
                .count();
            sink.add(&["S", "between", bucket(between), where_]);
        }
        None => sink.add(&["S", "nocue", side, mk]),
    }
    match mention_entity[m].and_then(|e| entities.get(e)) {
        Some(e) => {
            let t = match e.entity_type {
                Some(EntityType::Person) => "person",
                Some(EntityType::Organization) => "org",
                Some(EntityType::Other) => "other",
                None => "unknown",
            };
            sink.add(&["S", "entity", t]);
            sink.add(&["S", "entity", t, mk]);
            sink.add(&["S", "mentions", bucket(e.mentions.len())]);
            if e.spoke {
                sink.add(&["S", "spoke"]);
            }
            if e.plural {
                sink.add(&["S", "plural"]);
            }
        }
        None => sink.add(&["S", "noentity", mk]),
    }
    if c.kind == MentionKind::Name && c.name.len() == 1 && c.tokens.start == sentence_start {
        sink.add(&["S", "lone_capital_opening"]);
    }
}

/// What kind of word token `i` is, for the speaker model: a preposition, a word shaped like
/// a finite verb ("said", "wanted", "argues"), punctuation or a quotation mark, or anything
/// else.
fn word_class(doc: &Doc<'_>, i: usize) -> &'static str {
    if i >= doc.tokens.len() {
        return "<none>";
    }
    if !doc.is_word(i) {
        return "punct";
    }
    let w = doc.lower(i);
    if cues::PREPOSITIONS.contains(&w) {
        "prep"
    } else if !doc.tokens[i].capitalized
        && (w.ends_with("ed") || w.ends_with('s') || matches!(w, "said" | "told" | "wrote"))
    {
        "verb-like"
    } else {
        "word"
    }
}

/// The lower-case token at `i`, or `<none>` outside the text.
fn word_at<'d>(doc: &'d Doc<'_>, i: Option<usize>) -> &'d str {
    match i {
        Some(i) if i < doc.tokens.len() => doc.lower(i),
        _ => "<none>",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::{FeatureNames, Judge};
    use crate::lexicon::Lexicon;
    use crate::{attribute, mentions};

    /// The options of each quotation of `text`, as mention texts.
    fn option_texts(text: &str) -> Vec<Vec<String>> {
        let lex = Lexicon::new();
        let doc = Doc::new(text, &lex);
        let found = mentions::find(&doc, &lex);
        let reading = attribute::read(&doc, &lex, &Judge::parse(""), &found);
        reading
            .quotes
            .iter()
            .map(|q| {
                options(&doc, &found, q)
                    .into_iter()
                    .map(|m| text[found[m].bytes.clone()].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn the_rules_pick_comes_first_then_the_nearest_mentions_outside_the_quotation() {
        let text = "\u{201c}We will not sell the harbour to Tom Reed,\u{201d} said Ana Costa \
                    after a meeting with John Pike on Tuesday.";
        let options = option_texts(text);
        assert_eq!(options.len(), 1, "{options:?}");
        assert_eq!(options[0][0], "Ana Costa");
        assert!(options[0].contains(&"John Pike".to_string()), "{options:?}");
        assert!(
            !options[0].iter().any(|o| o.contains("Reed")),
            "a name inside the quotation never speaks it: {options:?}"
        );
    }

    #[test]
    fn the_next_paragraph_offers_no_speaker() {
        let text = "Ana Costa shook her head and said, \u{201c}No.\u{201d}\n\nJohn Pike said \
                    the pier would close.";
        let options = option_texts(text);
        assert!(!options.is_empty(), "{options:?}");
        assert!(
            !options[0].iter().any(|o| o.contains("Pike")),
            "{options:?}"
        );
    }

    #[test]
    fn features_say_where_the_option_stands_against_the_cue() {
        let text = "\u{201c}We will win,\u{201d} said Ana Costa.";
        let lex = Lexicon::new();
        let doc = Doc::new(text, &lex);
        let found = mentions::find(&doc, &lex);
        let reading = attribute::read(&doc, &lex, &Judge::parse(""), &found);
        let q = &reading.quotes[0];
        let m = q.mention.expect("the cue binds Ana Costa");
        let mut names = FeatureNames::default();
        features(
            &doc,
            &found,
            &reading.mention_entity,
            &reading.entities,
            q,
            (m, 0),
            &mut names,
        );
        assert!(names.0.contains(&"S|D|rule|y".to_string()), "{:?}", names.0);
        assert!(
            names.0.contains(&"S|after_cue|0".to_string()),
            "{:?}",
            names.0
        );
    }

    #[test]
    fn the_word_after_an_option_says_whether_it_is_a_subject() {
        let text = "Ana Costa wanted to meet the mayor in March and said: \"We will win.\"";
        let lex = Lexicon::new();
        let doc = Doc::new(text, &lex);
        let classes: Vec<&str> = ["Costa", "mayor", "March"]
            .iter()
            .map(|w| {
                let i = (0..doc.tokens.len()).find(|&i| doc.word(i) == *w).unwrap();
                word_class(&doc, i + 1)
            })
            .collect();
        assert_eq!(classes, ["verb-like", "prep", "word"]);
    }
}
