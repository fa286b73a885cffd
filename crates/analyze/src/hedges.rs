//! The writer's own hedges: "Sanders appears to have a slight lead", "the convention is
//! expected to draw 50,000 people", "he has reportedly been chatting with her". Nobody is
//! said to have said these; the writer reports an impression or an expectation, and
//! PolNeAR annotates them as attributions with no source. What is reported is the whole
//! clause, its subject included, so a hedge is found from its verb outward: back to where
//! the subject starts, on to where the clause ends. A question put by someone the article
//! leaves unsaid ("Asked whether he would run, ...") is reported the same way, without a
//! source: what was asked is the content.

use std::ops::Range;

use crate::doc::Doc;
use crate::lexicon::WordSet;
use crate::tokens::TokenKind;

/// One hedge in a sentence, in tokens.
#[derive(Clone, Debug, PartialEq)]
pub struct Hedge {
    /// The hedging words ("appears", "is expected", "reportedly").
    pub cue: Range<usize>,
    /// The clause the writer hedges, subject included.
    pub content: Range<usize>,
}

/// Verbs of seeming: a hedge whatever follows them.
const SEEMING: WordSet = WordSet::new(&["seem", "seems", "seemed"]);

/// Verbs of appearing: a hedge before what an impression takes ("appeared to", "appeared
/// ready", "appears weak"), never before a place, a person or an occasion ("appeared on
/// Fox News", "appeared with Clinton").
const APPEARING: WordSet = WordSet::new(&["appear", "appears", "appeared"]);

/// What may follow "appear" in a hedge.
const APPEARING_TAKES: WordSet = WordSet::new(&[
    "to",
    "likely",
    "unlikely",
    "ready",
    "poised",
    "set",
    "willing",
    "unwilling",
    "eager",
    "reluctant",
    "close",
    "closer",
    "headed",
    "destined",
    "increasingly",
    "more",
    "less",
    "certain",
    "determined",
    "intent",
]);

/// What follows "appear" when someone appears somewhere or before someone: "appeared on
/// Fox News", "appeared with Clinton", "appeared in court".
const APPEARING_PLACES: WordSet = WordSet::new(&[
    "on",
    "in",
    "at",
    "with",
    "before",
    "alongside",
    "onstage",
    "together",
    "during",
    "for",
    "from",
    "via",
    "live",
    "briefly",
    "here",
    "there",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "this",
    "that",
    "these",
    "those",
    "and",
    "or",
    "but",
    "after",
    "when",
    "while",
    "as",
    "only",
    "twice",
    "once",
    "again",
    "frequently",
    "often",
    "regularly",
    "inside",
    "outside",
    "behind",
    "next",
    "near",
    "beside",
    "under",
    "between",
    "among",
    "throughout",
    "without",
    "by",
    "to",
    "until",
    "since",
    "about",
]);

/// Forms of "be" before "expected to".
const BE_FORMS: WordSet = WordSet::new(&["is", "are", "was", "were", "be", "been", "being"]);

/// Adverbs that may stand between "be" and "expected": "is widely expected".
const EXPECTED_ADVERBS: WordSet = WordSet::new(&[
    "not",
    "widely",
    "also",
    "now",
    "still",
    "generally",
    "largely",
    "broadly",
    "all",
    "n't",
]);

/// Words that open a new clause: a hedged clause starts after them, or at them for the
/// relatives that stand as its subject ("which appeared likely to settle little").
const CLAUSE_OPENERS: WordSet = WordSet::new(&[
    "and", "but", "or", "because", "while", "when", "where", "if", "although", "though", "since",
    "so", "that", "whether", "as", "than", "after", "before", "until", "unless", "whereas", "yet",
]);

/// Relatives that are the subject of the clause they open.
const RELATIVES: WordSet = WordSet::new(&["which", "who", "whom"]);

/// Words that may stand between a subject and the hedge without being the subject:
/// auxiliaries, negation and adverbs of time or degree. Narrower than the cue finder's
/// list, which also passes over "this" and "on": here "This appears to ..." has a subject.
const BETWEEN_SUBJECT_AND_VERB: WordSet = WordSet::new(&[
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "did",
    "does",
    "do",
    "not",
    "n't",
    "also",
    "now",
    "still",
    "even",
    "already",
    "again",
    "increasingly",
    "initially",
    "once",
    "ever",
    "never",
    "sometimes",
    "often",
    "at",
    "times",
    "first",
    "suddenly",
    "clearly",
    "reportedly",
]);

/// Sentence adverbs and conjunctions that may open a sentence before its subject and
/// belong to no clause: "Even HBO's John Oliver appeared ...".
const OPENING_CONNECTIVES: WordSet = WordSet::new(&[
    "even",
    "but",
    "and",
    "yet",
    "so",
    "still",
    "instead",
    "now",
    "then",
    "also",
    "meanwhile",
    "however",
    "indeed",
    "thus",
    "or",
]);

/// Words before a passive "asked" that leave the asker unsaid: "When asked", "was asked".
const BEFORE_PASSIVE_ASKED: WordSet = WordSet::new(&[
    "when", "if", "after", "once", "while", "was", "were", "is", "are", "be", "been", "being",
    "got", "get", "gets", "getting",
]);

/// Adverbs that may stand between those words and "asked": "were also asked".
const BEFORE_ASKED_ADVERBS: WordSet = WordSet::new(&[
    "also",
    "later",
    "again",
    "repeatedly",
    "then",
    "first",
    "specifically",
    "directly",
    "recently",
    "twice",
    "not",
    "never",
    "often",
    "once",
]);

/// Words that open what a passive "asked" asks: "asked whether", "asked about", "asked to".
const QUESTION_OPENERS: WordSet = WordSet::new(&[
    "whether", "if", "what", "why", "how", "who", "whom", "when", "where", "which", "about", "to",
]);

/// How far after "asked" the question may open, past an adjunct ("asked at the business
/// conference about the merger").
const QUESTION_REACH: usize = 8;

/// The hedges of the sentence `range`, outside quotation marks.
pub fn find(doc: &Doc<'_>, range: Range<usize>) -> Vec<Hedge> {
    let mut found = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if let Some((cue, content)) = passive_question(doc, i, range.clone()) {
            i = cue.end;
            found.push(Hedge { cue, content });
            continue;
        }
        if let Some(cue) = hedge_at(doc, i, range.end) {
            if let Some(content) = content_of(doc, &cue, range.clone()) {
                i = cue.end;
                found.push(Hedge { cue, content });
                continue;
            }
        }
        i += 1;
    }
    found
}

/// A question put by someone the article leaves unsaid: "When asked why, she left",
/// "Respondents were also asked to pick the loser". The cue is "asked"; what was asked runs
/// from the word that opens the question to the next comma or the end of the sentence. With
/// "by" after it the asker is named, and it is no hedge.
fn passive_question(
    doc: &Doc<'_>,
    i: usize,
    range: Range<usize>,
) -> Option<(Range<usize>, Range<usize>)> {
    if !doc.is_word(i) || doc.in_quote(i) || doc.lower(i) != "asked" {
        return None;
    }
    let mut before = i;
    while before > range.start
        && doc.is_word(before - 1)
        && BEFORE_ASKED_ADVERBS.contains(&doc.lower(before - 1))
    {
        before -= 1;
    }
    let unsaid_asker = before == range.start
        || (doc.is_word(before - 1) && BEFORE_PASSIVE_ASKED.contains(&doc.lower(before - 1)));
    if !unsaid_asker {
        return None;
    }
    let reach = (i + 1 + QUESTION_REACH).min(range.end);
    let open = (i + 1..reach)
        .take_while(|&j| doc.is_word(j) && !doc.in_quote(j) && doc.lower(j) != "by")
        .find(|&j| QUESTION_OPENERS.contains(&doc.lower(j)))?;
    let end = clause_end(doc, open + 1, range.end, true);
    // "When asked why, ..." asks in one word; "about" or "to" alone asks nothing.
    let words = (open..end).filter(|&j| doc.is_word(j)).count();
    let alone_asks = !matches!(doc.lower(open), "about" | "to");
    (words >= 2 || (words == 1 && alone_asks)).then_some((i..i + 1, open..end))
}

/// True when token `i` is one of a hedge's words: then it is no verb of saying with a
/// source of its own ("Cruz seemed lost" hedges; Cruz says nothing).
pub fn is_hedge_word(doc: &Doc<'_>, i: usize, range: Range<usize>) -> bool {
    let end = range.end;
    if doc.lower(i) == "asked" {
        return passive_question(doc, i, range).is_some();
    }
    if doc.lower(i) != "expected" {
        return hedge_at(doc, i, end).is_some();
    }
    let mut j = i;
    while j > 0 && doc.is_word(j - 1) && EXPECTED_ADVERBS.contains(&doc.lower(j - 1)) {
        j -= 1;
    }
    j > 0 && hedge_at(doc, j - 1, end).is_some_and(|cue| cue.contains(&i))
}

/// The hedging words starting at token `i`, if a hedge starts there.
fn hedge_at(doc: &Doc<'_>, i: usize, end: usize) -> Option<Range<usize>> {
    if !doc.is_word(i) || doc.in_quote(i) {
        return None;
    }
    let w = doc.lower(i);
    let next = (i + 1 < end && doc.is_word(i + 1)).then(|| doc.lower(i + 1));
    if SEEMING.contains(&w) {
        return next.is_some().then_some(i..i + 1);
    }
    if APPEARING.contains(&w) {
        let takes = next.is_some_and(|n| {
            APPEARING_TAKES.contains(&n)
                || !(doc.tokens[i + 1].capitalized
                    || APPEARING_PLACES.contains(&n)
                    || n.starts_with(|c: char| c.is_ascii_digit()))
        });
        return takes.then_some(i..i + 1);
    }
    if w == "reportedly" {
        return Some(i..i + 1);
    }
    if BE_FORMS.contains(&w) {
        // "is (widely) expected to"
        let mut j = i + 1;
        while j < end && doc.is_word(j) && EXPECTED_ADVERBS.contains(&doc.lower(j)) {
            j += 1;
        }
        let expected = j + 1 < end
            && doc.is_word(j)
            && doc.lower(j) == "expected"
            && doc.is_word(j + 1)
            && doc.lower(j + 1) == "to";
        return expected.then_some(i..j + 1);
    }
    None
}

/// The clause a hedge reports: from its subject to the end of its clause.
fn content_of(doc: &Doc<'_>, cue: &Range<usize>, range: Range<usize>) -> Option<Range<usize>> {
    let start = subject_start(doc, cue.start, range.start)?;
    // A relative clause ends at the comma that closes it.
    let relative = RELATIVES.contains(&doc.lower(start));
    let end = clause_end(doc, cue.end, range.end, relative);
    let mut from = start;
    // "it seems likely that ...": the expletive is no subject; what is hedged follows.
    if from + 1 == cue.start && doc.lower(from) == "it" {
        from = cue.end;
    }
    let words = (from..end).filter(|&j| doc.is_word(j)).count();
    (words >= 2 && from < end).then_some(from..end)
}

/// Where the subject of the verb at `verb` starts, walking back no further than `floor`:
/// over auxiliaries and adverbs, then over the subject's words up to the word or mark that
/// opens its clause. A comma right before the verb closes an apposition to the subject
/// ("Clinton, the likely nominee, is not expected"), which the walk steps over. `None`
/// when no subject stands there ("and appeared to" continues a clause the walk then reads
/// on into).
fn subject_start(doc: &Doc<'_>, verb: usize, floor: usize) -> Option<usize> {
    let mut subject = false;
    let mut apposition = false;
    let mut j = verb;
    while j > floor {
        let t = j - 1;
        if apposition {
            // Inside an apposition: everything up to the comma that opens it.
            if doc.is_punct(t, ",") && !doc.in_quote(t) {
                apposition = false;
            }
            j -= 1;
            continue;
        }
        if doc.in_quote(t) {
            subject = true;
            j -= 1;
            continue;
        }
        match doc.tokens[t].kind {
            TokenKind::Word => {
                let w = doc.lower(t);
                if RELATIVES.contains(&w) && !subject {
                    return Some(t);
                }
                if CLAUSE_OPENERS.contains(&w) {
                    if subject {
                        return Some(j);
                    }
                    // A verb coordinated with the one before it: the subject is farther back.
                } else if !(BETWEEN_SUBJECT_AND_VERB.contains(&w) && !subject) {
                    subject = true;
                }
            }
            TokenKind::Punct => match doc.word(t) {
                // A comma right before the verb closes an apposition to the subject.
                "," if !subject => apposition = true,
                "," | ";" | ":" | "—" | "–" | "--" | "(" | ")" | "-" => {
                    return subject.then_some(j);
                }
                _ => {}
            },
            _ => {}
        }
        j -= 1;
    }
    if !subject || apposition {
        return None;
    }
    let mut start = floor;
    while start < verb && doc.is_word(start) && OPENING_CONNECTIVES.contains(&doc.lower(start)) {
        start += 1;
    }
    Some(start)
}

/// Where the clause after the hedge at `from` ends: the end of the sentence, or a
/// semicolon, colon, dash or parenthesis outside quotation marks (and, `at_comma`, a
/// comma: a relative clause's or a question's end); trailing punctuation is left out.
fn clause_end(doc: &Doc<'_>, from: usize, end: usize, at_comma: bool) -> usize {
    let mut stop = (from..end)
        .find(|&j| {
            !doc.in_quote(j)
                && doc.tokens[j].kind == TokenKind::Punct
                && (matches!(doc.word(j), ";" | ":" | "—" | "–" | "--" | "(")
                    || (at_comma && doc.word(j) == ","))
        })
        .unwrap_or(end);
    while stop > from && doc.tokens[stop - 1].kind == TokenKind::Punct && !doc.in_quote(stop - 1) {
        stop -= 1;
    }
    stop
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn hedged(text: &str) -> Vec<(String, String)> {
        let lex = Lexicon::default();
        let doc = Doc::new(text, &lex);
        let words = |r: &Range<usize>| {
            doc.text[doc.tokens[r.start].start..doc.tokens[r.end - 1].end].to_string()
        };
        doc.sentences
            .iter()
            .flat_map(|s| find(&doc, s.clone()))
            .map(|h| (words(&h.cue), words(&h.content)))
            .collect()
    }

    #[test]
    fn a_seeming_takes_its_subject_and_clause() {
        assert_eq!(
            hedged("After the vote, the mayor seemed to soften her stance on parking."),
            [(
                "seemed".to_string(),
                "the mayor seemed to soften her stance on parking".to_string()
            )]
        );
    }

    #[test]
    fn an_apposition_to_the_subject_is_part_of_it() {
        assert_eq!(
            hedged("Mira Okafor, the council's finance chief, is widely expected to resign."),
            [(
                "is widely expected".to_string(),
                "Mira Okafor, the council's finance chief, is widely expected to resign"
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_relative_is_the_subject_and_a_colon_ends_the_clause() {
        assert_eq!(
            hedged("The ferry, which appeared likely to sink, turned back: nobody was hurt."),
            [(
                "appeared".to_string(),
                "which appeared likely to sink".to_string()
            )]
        );
    }

    #[test]
    fn an_expletive_leaves_what_follows_the_verb() {
        assert_eq!(
            hedged("It seems increasingly likely that the bridge will close."),
            [(
                "seems".to_string(),
                "increasingly likely that the bridge will close".to_string()
            )]
        );
    }

    #[test]
    fn a_question_put_by_nobody_named_is_what_was_asked() {
        assert_eq!(
            hedged("Asked whether she would run again, the mayor laughed."),
            [(
                "Asked".to_string(),
                "whether she would run again".to_string()
            )]
        );
        assert_eq!(
            hedged("Pupils were also asked to name a favourite teacher."),
            [(
                "asked".to_string(),
                "to name a favourite teacher".to_string()
            )]
        );
        assert_eq!(
            hedged("When asked why, the coach shrugged."),
            [("asked".to_string(), "why".to_string())]
        );
        // The asker is named, or asks in the active voice: no hedge.
        assert!(hedged("She was asked by a reporter whether the plan works.").is_empty());
        assert!(hedged("The reporter asked whether the plan works.").is_empty());
    }

    #[test]
    fn a_seeming_adjective_is_no_hedge() {
        assert!(hedged("Her seeming calm fooled nobody at the hearing.").is_empty());
    }

    #[test]
    fn appearing_somewhere_is_no_hedge() {
        assert!(hedged("The minister appeared on the morning show on Tuesday.").is_empty());
        assert!(hedged("Voters were expected at the polls.").is_empty());
    }

    #[test]
    fn a_coordinated_hedge_reads_back_to_the_first_verb_s_subject() {
        assert_eq!(
            hedged("The striker missed twice and reportedly argued with his coach."),
            [(
                "reportedly".to_string(),
                "The striker missed twice and reportedly argued with his coach".to_string()
            )]
        );
    }
}
