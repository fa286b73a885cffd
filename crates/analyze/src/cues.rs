//! Reporting cues ("said", "according to", "tweeted:") and the mention each one binds as its
//! source: the subject before it, the inverted subject after it ("declared the Labour
//! leader"), or the subject of the clause it is coordinated with ("and suggested that").

use crate::doc::Doc;
use crate::lexicon::{CueVerb, Lexicon, WordSet};
use crate::mentions::Candidate;
use saywho_model::MentionKind;

/// A reporting cue found in a sentence.
#[derive(Clone, Debug)]
pub struct Cue {
    /// First token of the cue.
    pub start: usize,
    /// One past the last token of the cue.
    pub end: usize,
    /// Lemma ("say", "according").
    pub lemma: &'static str,
    /// How the verb behaves.
    pub verb: CueVerb,
    /// Index of the source mention, if one was found.
    pub source: Option<usize>,
    /// True when the source follows the cue ("said Smith").
    pub inverted: bool,
    /// Whether the cue is a verb, a noun or a question put by an agent.
    pub form: CueForm,
}

/// The grammatical shape of a cue, where it changes who speaks on after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueForm {
    /// A verb of saying, or a relay ("said", "according to").
    Verb,
    /// A noun of saying before its clause ("Trump's claim that"), whose holder no verb
    /// after it shares.
    Noun,
    /// A question put by the agent after "by" ("asked by a reporter whether"): the one
    /// asked, not the asker, speaks on.
    AskedBy,
}

/// Words that cannot modify an inverted subject, so a scan for it stops there: "said his
/// aides were ..." is not "said [modifiers] Name".
const INVERSION_STOPS: WordSet = WordSet::new(&[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "has", "have", "had", "is", "was", "are", "were", "will", "would", "could", "can",
    "may", "might", "should", "must", "did", "does", "do", "of", "for", "in", "on", "at", "to",
    "by", "with", "from", "and", "or", "but", "he", "she", "it", "they", "we", "i", "you", "who",
    "which", "not", "there", "as", "if", "when",
]);

/// Words that may stand between a subject and its verb: "Smith also said", "he has long argued".
const LEFT_SKIP: WordSet = WordSet::new(&[
    // A quantifier floated off its subject: "They all vowed", "The two men both said".
    "all",
    "both",
    "each",
    "soon",
    "also",
    "however",
    "meanwhile",
    "instead",
    "too",
    "likewise",
    "nonetheless",
    "nevertheless",
    "on",
    "this",
    "week",
    "weekend",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "later",
    "then",
    "has",
    "had",
    "have",
    "previously",
    "once",
    "again",
    "further",
    "quoted",
    "as",
    "was",
    "is",
    "were",
    "are",
    "been",
    "being",
    "would",
    "will",
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
    "never",
    // A reflexive that stresses its subject: "Trump himself said".
    "himself",
    "herself",
    "themselves",
    "itself",
    "repeatedly",
    "reportedly",
    "frequently",
    "often",
    "recently",
    "publicly",
    "privately",
    "first",
    "last",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "still",
    "even",
    "just",
    "already",
    "long",
    "always",
    "who",
    "which",
    "allegedly",
    "apparently",
    "simply",
    "flatly",
    "angrily",
    "quickly",
    "immediately",
    "subsequently",
    "separately",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "now",
    "only",
    // "He has since said": after a verb's auxiliary "since" is an adverb.
    "since",
    "widely",
    "openly",
    "loudly",
    "firmly",
    "strongly",
    "clearly",
]);

/// Negated auxiliaries, which stand between a subject and its verb as [`LEFT_SKIP`]'s words
/// do: "Stewart wouldn't say", "the memo doesn't show".
pub(crate) const NEGATED_AUXILIARIES: WordSet = WordSet::new(&[
    "didn't",
    "doesn't",
    "don't",
    "wouldn't",
    "couldn't",
    "won't",
    "can't",
    "cannot",
    "hasn't",
    "haven't",
    "hadn't",
    "shouldn't",
]);

/// True for a word that may stand between a subject and its verb: one of [`LEFT_SKIP`] or
/// a negated auxiliary.
pub(crate) fn skipped_before_verb(w: &str) -> bool {
    LEFT_SKIP.contains(&w) || NEGATED_AUXILIARIES.contains(&w)
}

/// Words that open an adjunct after an inverted subject ("said Smith as he left", "said
/// Smith last week") rather than go on with a clause of which the mention is the subject.
const AFTER_INVERTED_SUBJECT: WordSet = WordSet::new(&[
    "as",
    "because",
    "since",
    "last",
    "this",
    "earlier",
    "later",
    "yesterday",
    "today",
    "tonight",
    "recently",
    "afterward",
    "afterwards",
    "then",
    "and",
    "but",
    "amid",
    "outside",
    "inside",
    "near",
]);

/// Words that go on describing an inverted subject rather than start a clause after it:
/// `said a source close to the council`, `said one official familiar with the talks`.
pub const SUBJECT_POSTMODIFIERS: WordSet = WordSet::new(&[
    "close",
    "familiar",
    "involved",
    "knowledgeable",
    "briefed",
    "speaking",
    "tied",
    "allied",
    "aligned",
    "loyal",
    "opposed",
    "connected",
    "affiliated",
    "based",
    "working",
    "granted",
    "authorized",
    "not",
]);

/// Prepositions: a mention right after one is not a subject.
pub const PREPOSITIONS: WordSet = WordSet::new(&[
    "with",
    "about",
    "of",
    "to",
    "for",
    "by",
    "from",
    "against",
    "on",
    "in",
    "at",
    "into",
    "over",
    "than",
    "like",
    "between",
    "among",
    "toward",
    "towards",
    "after",
    "before",
    "behind",
    "under",
    "without",
    "within",
    "through",
    "via",
    "per",
    "including",
    "around",
]);

/// Past forms outside the regular "-ed" that news writing puts in a quotation's attribution
/// slot: `"...," the editorial read`, `"...," she wrote`, `"...!" he shot back`.
const SLOT_IRREGULAR: WordSet = WordSet::new(&[
    "read", "reads", "wrote", "writes", "shot", "cried", "sang", "spat", "swore", "bit",
]);

/// True when `lower` has the shape of a past-tense verb that can fill the attribution slot of
/// a quotation: "barked", "beamed", "reacted", "read".
pub fn slot_verb_shape(lower: &str) -> bool {
    (lower.len() >= 5 && lower.ends_with("ed") && lower.bytes().all(|b| b.is_ascii_lowercase()))
        || SLOT_IRREGULAR.contains(&lower)
}

/// True when token `i` ends a quotation whose last inner token is a clause-ending mark
/// (`,` `!` `?` `.`), or a nested quotation's closing mark right after one: what follows
/// may be its attribution.
pub fn closes_spoken_quotation(doc: &Doc<'_>, i: usize) -> bool {
    use crate::tokens::TokenKind;
    let r = doc.region_of[i];
    if r == crate::doc::NO_REGION || doc.regions[r as usize].close != Some(i) {
        return false;
    }
    let open = doc.regions[r as usize].open;
    let ends_speech = |k: usize| {
        k > open
            && doc.tokens[k].kind == TokenKind::Punct
            && matches!(doc.word(k), "," | "!" | "?" | ".")
    };
    // `... than a white male,’” Grassley said`: a quotation nested at the end closes first.
    let nested_close = matches!(
        doc.tokens[i - 1].kind,
        TokenKind::SingleMark | TokenKind::DoubleMark
    );
    i > open + 1 && (ends_speech(i - 1) || (nested_close && ends_speech(i - 2)))
}

/// The mention right before a short prepositional phrase that ends at token `last`, just
/// before a verb: `[The senator] from Vermont said`. Nothing when the words between hold a
/// quotation, punctuation or a clause word, which would make them more than a phrase.
fn subject_before_phrase(
    doc: &Doc<'_>,
    sentence_start: usize,
    last: usize,
    mentions: &[Candidate],
    mention_ending_at: &[u32],
) -> Option<usize> {
    const LONGEST_PHRASE: usize = 6;
    let mut k = last + 1;
    while k > sentence_start + 1 && k + LONGEST_PHRASE > last + 1 {
        k -= 1;
        if doc.in_quote(k) || !doc.is_word(k) {
            return None;
        }
        let lower = doc.lower(k);
        if matches!(lower, "who" | "which" | "that" | "and" | "or" | "but") {
            return None;
        }
        if !PREPOSITIONS.contains(&lower) || k == last {
            continue;
        }
        // An adjective that takes a phrase after the noun: "a source familiar with his
        // thinking", "an official close to the campaign", "a person briefed on the talks".
        let adjective = k >= sentence_start + 2
            && matches!(
                doc.lower(k - 1),
                "familiar" | "close" | "knowledgeable" | "briefed" | "involved" | "loyal"
            );
        // Only the prepositions that modify a noun ("the head of", "a spokesman for", "a
        // professor at", "polls in New Hampshire"); "before his knee gave out" is an
        // adverbial clause.
        if !matches!(lower, "of" | "from" | "for" | "at" | "with" | "in")
            && !(adjective && matches!(lower, "to" | "on"))
        {
            return None;
        }
        let m = mention_ending_at[if adjective { k - 2 } else { k - 1 }];
        if m == u32::MAX {
            // "People with knowledge of the group's plans said": a phrase may hold another.
            continue;
        }
        let c = &mentions[m as usize];
        // The subject opens its clause.
        let opens_clause = c.tokens.start == sentence_start
            || doc.is_punct(c.tokens.start - 1, ",")
            || matches!(doc.lower(c.tokens.start - 1), "and" | "but");
        // "Republicans in the House of Representatives": the object of a phrase inside the
        // phrase.
        if !opens_clause && after_preposition(doc, c.tokens.start, sentence_start) {
            continue;
        }
        let subject =
            opens_clause && !c.in_quote && !c.possessive && c.kind != MentionKind::Pronoun;
        return subject.then_some(m as usize);
    }
    None
}

/// True when the verb-shaped word at `i` ends its clause, as an attribution does: `Trump
/// barked.`, `Bennett shot back with a laugh`.
fn verb_ends_clause(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    let next = i + 1;
    next >= end
        || doc.tokens[next].kind != crate::tokens::TokenKind::Word
        || matches!(doc.lower(next), "back" | "out" | "up")
        || PREPOSITIONS.contains(&doc.lower(next))
        || AFTER_INVERTED_SUBJECT.contains(&doc.lower(next))
}

/// A word no cue list holds that stands in the attribution slot of a quotation, which makes
/// it a verb of saying: right after the closing mark before its subject (`"This is
/// fantastic!" beamed Donald Hartley`), or right after a subject that follows the mark and
/// ending the clause (`"Go back to Univision," Trump barked.`).
fn slot_cue(
    doc: &Doc<'_>,
    range: &std::ops::Range<usize>,
    i: usize,
    mentions: &[Candidate],
    mention_ending_at: &[u32],
    mention_starting_at: &[u32],
) -> bool {
    if i <= range.start || !slot_verb_shape(doc.lower(i)) {
        return false;
    }
    if closes_spoken_quotation(doc, i - 1) {
        let m = (i + 1 < range.end).then(|| mention_starting_at[i + 1]);
        return m.is_some_and(|m| m != u32::MAX && !mentions[m as usize].possessive);
    }
    let m = mention_ending_at[i - 1];
    if m == u32::MAX {
        return false;
    }
    let start = mentions[m as usize].tokens.start;
    start > range.start
        && closes_spoken_quotation(doc, start - 1)
        && verb_ends_clause(doc, i, range.end)
}

/// True when the mention starting at token `start` is the object of a preposition ("with
/// The Wall Street Journal", "to Trump"), looking past one determiner.
pub fn after_preposition(doc: &Doc<'_>, start: usize, sentence_start: usize) -> bool {
    word_before_mention(doc, start, sentence_start).is_some_and(|w| PREPOSITIONS.contains(&w))
}

/// True when the mention starting at token `start` is the object of a verb in the past or
/// of one with its particle: "issued a statement", "put out a statement", "sent an email".
fn object_of_verb(doc: &Doc<'_>, start: usize, sentence_start: usize) -> bool {
    word_before_mention(doc, start, sentence_start).is_some_and(|w| {
        (w.ends_with("ed") && w.len() > 3) || matches!(w, "out" | "sent" | "put" | "wrote")
    })
}

/// The lower-case word before the mention starting at token `start`, looking past one
/// article, if it lies in the sentence starting at `sentence_start`.
fn word_before_mention<'d>(
    doc: &'d Doc<'_>,
    start: usize,
    sentence_start: usize,
) -> Option<&'d str> {
    let mut k = start;
    if k > sentence_start && matches!(doc.lower(k - 1), "the" | "a" | "an") {
        k -= 1;
    }
    (k > sentence_start).then(|| doc.lower(k - 1))
}

/// True when the mention starting at token `start` follows "with" or "without", as the
/// subject of an absolute participle does: `with Trump yelling`.
fn after_absolute_with(doc: &Doc<'_>, start: usize, sentence_start: usize) -> bool {
    word_before_mention(doc, start, sentence_start).is_some_and(|w| matches!(w, "with" | "without"))
}

/// The token after a parenthesis opening at `i` and closing before `limit` (`Zoe Lofgren
/// (D-Calif.),`), or `i` itself when none opens there.
fn past_parenthesis(doc: &Doc<'_>, i: usize, limit: usize) -> usize {
    if i >= limit || !doc.is_punct(i, "(") {
        return i;
    }
    (i + 1..limit)
        .find(|&k| doc.is_punct(k, ")"))
        .map_or(i, |k| k + 1)
}

/// The `mark` opening an aside that closes at token `close` ("(" for a parenthesis, the same
/// dash for a dash pair), searched back to token `from`: a name stands before it (`Zoe
/// Lofgren (D-Calif.),`, `Jason Sims — a teacher —`).
fn aside_opening(doc: &Doc<'_>, close: usize, from: usize, mark: &str) -> Option<usize> {
    (from..close).rev().find(|&k| doc.is_punct(k, mark))
}

/// True when the mention starting at token `start` follows a word that may open a clause as
/// well as a phrase ("after", "before"): right before a verb it is that clause's subject, as
/// in `tweeted after Clinton argued that ...`.
fn after_conjunction(doc: &Doc<'_>, start: usize, sentence_start: usize) -> bool {
    word_before_mention(doc, start, sentence_start).is_some_and(|w| matches!(w, "after" | "before"))
}

/// How a relay behaves ("according to X", "in a new poll"): speech, its source named after
/// it.
const RELAY: CueVerb = CueVerb {
    invertible: false,
    takes_addressee: false,
    speech: true,
};

/// How a phrasal verb of answering behaves: speech, its subject before it.
const PHRASAL: CueVerb = CueVerb {
    invertible: false,
    takes_addressee: false,
    speech: true,
};

/// How a noun of saying behaves before its clause ("Trump's claim that"): speech, held by
/// its possessor before it.
const NOUN_OF_SAYING: CueVerb = CueVerb {
    invertible: false,
    takes_addressee: false,
    speech: true,
};

/// How a question asked by an agent behaves ("asked by a reporter whether"): speech, its
/// source named after it.
const QUESTION_BY: CueVerb = CueVerb {
    invertible: true,
    takes_addressee: false,
    speech: true,
};

/// The end of a phrasal verb of saying starting at token `i`: an answer ("shot back",
/// "fired back", "hit back", "pushed back") anywhere, or "went on" / "goes on" right before a
/// comma, a colon or a quotation.
pub(crate) fn phrasal_cue(doc: &Doc<'_>, i: usize, end: usize) -> Option<usize> {
    if i + 1 >= end || !doc.is_word(i + 1) {
        return None;
    }
    match (doc.lower(i), doc.lower(i + 1)) {
        (
            "shot" | "shoots" | "fired" | "fires" | "hit" | "hits" | "pushed" | "pushes" | "struck",
            "back",
        ) => Some(i + 2),
        ("went" | "goes", "on")
            if i + 2 < end
                && (doc.is_punct(i + 2, ",")
                    || doc.is_punct(i + 2, ":")
                    || matches!(
                        doc.tokens[i + 2].kind,
                        crate::tokens::TokenKind::DoubleMark | crate::tokens::TokenKind::SingleMark
                    )) =>
        {
            Some(i + 2)
        }
        _ => None,
    }
}

/// Finds the cues of sentence `range` (tokens outside quotations) and binds their sources.
pub fn find(
    doc: &Doc<'_>,
    lex: &Lexicon,
    range: std::ops::Range<usize>,
    mentions: &[Candidate],
    mention_ending_at: &[u32],
    mention_starting_at: &[u32],
) -> Vec<Cue> {
    let mut cues: Vec<Cue> = Vec::new();
    // A cue at tokens `start..end` with the source it binds; a coordinated verb may take the
    // source of the cues before it.
    let bound_cue = |before: &[Cue], start: usize, end: usize, lemma, verb| {
        // Not a cue inside an embedded question: in "Sullivan put off deciding whether the
        // group could question Clinton but said", Sullivan says, not the group. Nor one in
        // an opening subordinate clause the new cue is past: in "As the White House hints at
        // its plans, Abbott is not having it, delivering a message", Abbott delivers.
        let opening_clause_left = !crate::judge::in_opening_subordinate(doc, start);
        let previous_source = before
            .iter()
            .rev()
            .filter(|c| c.form != CueForm::Noun)
            .filter(|c| {
                !(opening_clause_left && crate::judge::in_opening_subordinate(doc, c.start))
            })
            .filter(|c| {
                c.source.is_none_or(|m| {
                    let from = mentions[m].tokens.start.min(c.start);
                    !(range.start..from).any(|k| !doc.in_quote(k) && doc.lower(k) == "whether")
                })
            })
            .find_map(|c| c.source);
        let (source, inverted) = bind_source(
            doc,
            lex,
            range.clone(),
            start,
            end,
            verb,
            mentions,
            mention_ending_at,
            mention_starting_at,
            previous_source,
        );
        Cue {
            start,
            end,
            lemma,
            verb,
            source,
            inverted,
            form: CueForm::Verb,
        }
    };
    let mut i = range.start;
    while i < range.end {
        if doc.in_quote(i) || !doc.is_word(i) {
            i += 1;
            continue;
        }
        let lower = doc.lower(i);
        if lower == "according" && i + 1 < range.end && doc.lower(i + 1) == "to" {
            let source = (i + 2 < range.end)
                .then(|| mention_starting_at[i + 2])
                .filter(|&m| m != u32::MAX)
                .map(|m| m as usize);
            cues.push(inverted_cue(
                i..i + 2,
                "according",
                RELAY,
                source,
                CueForm::Verb,
            ));
            i += 2;
            continue;
        }
        // "As reported by the Gazette, the pier ...": a passive relay, its agent after "by".
        if let Some(agent) = passive_relay_agent(doc, &range, i, mention_starting_at) {
            cues.push(inverted_cue(
                i..i + 1,
                "report",
                RELAY,
                Some(agent),
                CueForm::Verb,
            ));
            i += 2;
            continue;
        }
        // "When asked by a reporter whether ...": a question put by the agent after "by".
        if lower == "asked" && i + 2 < range.end && doc.lower(i + 1) == "by" {
            let agent = mention_starting_at[i + 2];
            if agent != u32::MAX {
                let source = Some(agent as usize);
                cues.push(inverted_cue(
                    i..i + 1,
                    "ask",
                    QUESTION_BY,
                    source,
                    CueForm::AskedBy,
                ));
                i += 2;
                continue;
            }
        }
        // "in a new Quinnipiac poll": a poll or survey relays its findings as "according
        // to" does.
        if let Some(source) = poll_after(doc, i, &range, mentions, mention_starting_at) {
            cues.push(inverted_cue(
                i..i + 1,
                "according",
                RELAY,
                Some(source),
                CueForm::Verb,
            ));
            i += 1;
            continue;
        }
        // "see the plan as a threat", "saw that Obama could win": a view held.
        if seeing_as(doc, i, range.end) {
            cues.push(bound_cue(&cues, i, i + 1, "see", VIEW));
            i += 1;
            continue;
        }
        // Phrasal verbs of answering and going on: "shot back", "fired back", "went on:".
        if let Some(end) = phrasal_cue(doc, i, range.end) {
            cues.push(bound_cue(&cues, i, end, "respond", PHRASAL));
            i = end;
            continue;
        }
        // "continued to insist", "is quick to point out", "tried to argue": a verb of
        // saying in the infinitive after a verb or adjective of trying and going on is the
        // cue, and the subject of the first word speaks.
        if let Some((end, lemma, verb)) = catenated_cue(doc, lex, i, range.end) {
            cues.push(bound_cue(&cues, i, end, lemma, verb));
            i = end;
            continue;
        }
        let in_slot = |i| {
            slot_cue(
                doc,
                &range,
                i,
                mentions,
                mention_ending_at,
                mention_starting_at,
            )
        };
        let Some((lemma, mut verb)) = lex.cue_verb(lower).or_else(|| {
            in_slot(i).then_some((
                "say",
                CueVerb {
                    invertible: true,
                    takes_addressee: false,
                    speech: true,
                },
            ))
        }) else {
            i += 1;
            continue;
        };
        // A cue word inside a mention ("the Speaker", "a report") is not a cue, and the
        // writer's hedge ("Cruz seemed lost") has no source.
        if mention_covering(mentions, i).is_some()
            || crate::hedges::is_hedge_word(doc, i, range.clone())
        {
            i += 1;
            continue;
        }
        // `..., you know, well`, `"...," you see,`: a filler set off by punctuation says
        // nothing.
        if matches!(lower, "know" | "see")
            && i > range.start
            && doc.lower(i - 1) == "you"
            && (i + 1 >= range.end || !doc.is_word(i + 1))
            && (i - 1 == range.start || !doc.is_word(i - 2))
        {
            i += 1;
            continue;
        }
        // "a voter named Ada Moss said", "a group called Votes Matter": a participle that
        // names a new referent is no saying.
        if naming_participle(doc, i, mentions, mention_ending_at, mention_starting_at) {
            i += 1;
            continue;
        }
        // "Trump's claim that ...", "the warning that ...": a noun of saying or thinking
        // before its clause, held by its possessor if it has one.
        if let Some(source) = complement_noun(doc, lex, range.clone(), i, mention_ending_at) {
            cues.push(Cue {
                start: i,
                end: i + 1,
                lemma,
                verb: NOUN_OF_SAYING,
                source,
                inverted: false,
                form: CueForm::Noun,
            });
            i += 1;
            continue;
        }
        // "the town's plan": a noun after a possessive ("he's said" is no possessive).
        let before = if i > range.start {
            doc.lower(i - 1)
        } else {
            ""
        };
        if (before.ends_with("'s") || before.ends_with("s'"))
            && !crate::mentions::is_contracted_pronoun(before)
        {
            i += 1;
            continue;
        }
        // "a swing state, said": the bare form of "state" is nearly always the noun; as a
        // verb it follows a plural or first-person subject ("we state").
        if lower == "state"
            && !(i > range.start && matches!(doc.lower(i - 1), "i" | "we" | "they" | "you"))
        {
            i += 1;
            continue;
        }
        // "Western states that vote in March", "all 50 states", "the early voting states":
        // after a place, a number or a word that counts or sorts them, "states" is the noun.
        if lower == "states"
            && i > range.start
            && doc.is_word(i - 1)
            && ((doc.tokens[i - 1].capitalized && doc.lower(i - 1) != "it")
                || doc.lower(i - 1).starts_with(|c: char| c.is_ascii_digit())
                || STATE_COUNTERS.contains(&doc.lower(i - 1)))
        {
            i += 1;
            continue;
        }
        // "a Twitter comment", "his Facebook post": a one-word name after an article or a
        // possessive determiner modifies the noun after it; no subject stands there (but "a
        // Morning Consult poll found", "his son Donald Jr. announced").
        if i > range.start {
            let m = mention_ending_at[i - 1];
            if let Some(m) = (m != u32::MAX).then(|| &mentions[m as usize]) {
                let start = m.tokens.start;
                if m.kind == MentionKind::Name
                    && m.tokens.len() == 1
                    && !lower.ends_with("ed")
                    && !crate::lexicon::IRREGULAR_PAST.contains(&lower)
                    && start > range.start
                    && matches!(
                        doc.lower(start - 1),
                        "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your"
                    )
                {
                    i += 1;
                    continue;
                }
            }
        }
        // "to say", "the call": infinitives and nouns are not finite cues of their own.
        if i > range.start
            && matches!(
                doc.lower(i - 1),
                "the" | "a" | "an" | "to" | "this" | "that" | "his" | "her" | "their" | "its"
            )
        {
            i += 1;
            continue;
        }
        // A verb learned from the annotation in the attribution slot of a quotation takes
        // its subject after it: `"...," remembered Roy Verley`, `"...," reads an editorial`.
        if !verb.invertible && in_slot(i) {
            verb.invertible = true;
        }
        let mut end = i + 1;
        // Phrasal and multi-word cues: "pointed out", "said in a statement".
        if lemma == "point" {
            if end < range.end && doc.lower(end) == "out" {
                end += 1;
            } else if end >= range.end || doc.lower(end) != "to" {
                i += 1;
                continue;
            }
        }
        cues.push(bound_cue(&cues, i, end, lemma, verb));
        i = end;
    }
    cues
}

/// Words after which a verb of saying in the infinitive keeps the subject before them: "has
/// continued to insist", "is quick to point out", "tried to argue". Not "declined to comment"
/// or "seemed to suggest": what was declined is the content, and a seeming is the writer's.
const CATENATIVES: WordSet = WordSet::new(&[
    "continue",
    "continues",
    "continued",
    "continuing",
    "try",
    "tries",
    "tried",
    "trying",
    "attempt",
    "attempts",
    "attempted",
    "attempting",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "fail",
    "fails",
    "failed",
    "failing",
    "struggle",
    "struggles",
    "struggled",
    "struggling",
    "tend",
    "tends",
    "tended",
    "need",
    "needs",
    "needed",
    "begin",
    "begins",
    "began",
    "begun",
    "start",
    "starts",
    "started",
    "starting",
    "manage",
    "manages",
    "managed",
    "dare",
    "dared",
    "hesitate",
    "hesitated",
    "going",
    "likely",
    "unlikely",
    "quick",
    "able",
    "unable",
    "ready",
    "eager",
    "reluctant",
    "inclined",
    "willing",
    "unwilling",
    "poised",
]);

/// Determiners before a noun of saying; the possessive ones name who holds it.
const NOUN_DETERMINERS: WordSet = WordSet::new(&[
    "the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my", "your",
]);

/// Prepositions before a bare plural noun of saying: "amid fears that", "despite complaints
/// that".
const NOUN_PREPOSITIONS: WordSet = WordSet::new(&[
    "amid",
    "despite",
    "over",
    "about",
    "of",
    "with",
    "against",
    "after",
    "following",
    "by",
]);

/// When cue word `i` is a noun with its complement clause ("Trump's repeated claim that the
/// vote was rigged", "the warning that ...", "amid fears that ..."): `Some` with the
/// possessor's mention, if any, which holds what the clause says. `None` when the word is a
/// verb, or "that" opens a relative clause ("the claim that was made").
fn complement_noun(
    doc: &Doc<'_>,
    lex: &Lexicon,
    range: std::ops::Range<usize>,
    i: usize,
    mention_ending_at: &[u32],
) -> Option<Option<usize>> {
    let lower = doc.lower(i);
    if i == range.start
        || i + 2 >= range.end
        || lower.ends_with("ed")
        || doc.lower(i + 1) != "that"
        || doc.in_quote(i + 1)
        || !doc.is_word(i + 2)
    {
        return None;
    }
    // The clause opens on its subject: a name, a pronoun, a determiner or a number ("claim
    // that Mr. Trump", "that he", "that the vote", "that 90 percent"). Anything else is the
    // verb of a relative clause ("a promise that cost her the race", "states that desperately
    // need").
    let opener = doc.lower(i + 2);
    // A noun before an auxiliary is the subject too: "that businesses will react".
    let auxiliary_after = i + 3 < range.end
        && !crate::mentions::SUBJECT_BREAKERS.contains(&opener)
        && !ends_like_adverb(opener)
        && crate::mentions::SUBJECT_BREAKERS.contains(&doc.lower(i + 3))
        && !matches!(doc.lower(i + 3), "to" | "whose" | "which" | "who" | "whom");
    if !(doc.tokens[i + 2].capitalized
        || auxiliary_after
        || lex.pronoun(opener).is_some()
        || crate::mentions::is_contracted_pronoun(opener)
        || NOUN_DETERMINERS.contains(&opener)
        || matches!(
            opener,
            "some" | "many" | "most" | "all" | "no" | "every" | "any" | "such" | "there"
        )
        || opener.starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let possessor = |p: usize| {
        let w = doc.lower(p);
        let possessive = NOUN_DETERMINERS.contains(&w)
            || ((w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'"))
                && !crate::mentions::is_contracted_pronoun(w));
        possessive.then(|| {
            let m = mention_ending_at[p];
            (m != u32::MAX && !matches!(w, "the" | "a" | "an" | "this" | "these" | "those"))
                .then_some(m as usize)
        })
    };
    let before = i - 1;
    if !doc.is_word(before) {
        return None;
    }
    if let Some(source) = possessor(before) {
        return Some(source);
    }
    // One adjective between: "his repeated claim", "the widespread belief" (a noun there is
    // the subject of a verb: "Their experience shows that").
    let modifier = doc.lower(before);
    if before > range.start
        && doc.is_word(before - 1)
        && !doc.tokens[before].capitalized
        && reads_as_adjective(modifier)
        && !lex.is_person_noun(modifier)
        && !lex.is_org_noun(modifier)
    {
        if let Some(source) = possessor(before - 1) {
            return Some(source);
        }
    }
    (crate::mentions::ends_in_plural_s(lower) && NOUN_PREPOSITIONS.contains(&modifier))
        .then_some(None)
}

/// True for a word shaped like an adjective before a noun ("repeated", "persistent",
/// "false"), which no noun that could be a subject is.
fn reads_as_adjective(lower: &str) -> bool {
    const SUFFIXES: [&str; 14] = [
        "ed", "al", "ful", "ous", "ive", "ic", "ent", "ant", "ing", "ble", "less", "est", "ier",
        "lse",
    ];
    SUFFIXES.iter().any(|s| lower.ends_with(s))
        || matches!(
            lower,
            "own" | "main" | "new" | "stern" | "earlier" | "latest" | "first" | "last" | "public"
        )
}

/// True when token `i` opens "went on to" (any form of "go"), which goes on like a
/// catenative verb: "went on to say".
pub(crate) fn going_on(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    i + 2 < end
        && matches!(doc.lower(i), "go" | "goes" | "went" | "going" | "gone")
        && doc.lower(i + 1) == "on"
        && doc.lower(i + 2) == "to"
}

/// A cue at tokens `span` whose source comes after it and was found with it: "according
/// to", a passive relay's or a question's agent after "by", a poll.
fn inverted_cue(
    span: std::ops::Range<usize>,
    lemma: &'static str,
    verb: CueVerb,
    source: Option<usize>,
    form: CueForm,
) -> Cue {
    Cue {
        start: span.start,
        end: span.end,
        lemma,
        verb,
        source,
        inverted: true,
        form,
    }
}

/// The mention after "by" in a passive relay opening its clause at token `i`: "As reported
/// by the Gazette, ...", "as first reported by Politico, ...". What the clause after the
/// comma says is the agent's.
fn passive_relay_agent(
    doc: &Doc<'_>,
    range: &std::ops::Range<usize>,
    i: usize,
    mention_starting_at: &[u32],
) -> Option<usize> {
    if !matches!(doc.lower(i), "reported" | "revealed" | "noted" | "stated")
        || i + 2 >= range.end
        || doc.lower(i + 1) != "by"
    {
        return None;
    }
    let mut before = i.checked_sub(1)?;
    if before > range.start && matches!(doc.lower(before), "first" | "previously" | "originally") {
        before -= 1;
    }
    if before < range.start || doc.lower(before) != "as" {
        return None;
    }
    let mut agent = mention_starting_at[i + 2];
    if agent == u32::MAX && i + 3 < range.end && doc.lower(i + 2) == "the" {
        agent = mention_starting_at[i + 3];
    }
    (agent != u32::MAX).then_some(agent as usize)
}

/// A cue of the shape "continued to insist" or "went on to say" starting at token `i`: its
/// end, and the infinitive's lemma and behaviour. Only verbs of saying from the written
/// tables count; a word only the learned table knows is too loose to lend its subject.
fn catenated_cue(
    doc: &Doc<'_>,
    lex: &Lexicon,
    i: usize,
    end: usize,
) -> Option<(usize, &'static str, CueVerb)> {
    let went_on = going_on(doc, i, end);
    let infinitive = i + 2 + usize::from(went_on);
    if infinitive >= end
        || !(CATENATIVES.contains(&doc.lower(i)) || went_on)
        || doc.lower(infinitive - 1) != "to"
        || !doc.is_word(infinitive)
        || doc.in_quote(infinitive)
    {
        return None;
    }
    let (lemma, verb) = lex.cue_verb(doc.lower(infinitive))?;
    // "trying to find the right balance", "begins to want": after trying, a verb of
    // thinking or finding is rarely a view held.
    if lemma == crate::lexicon::LEARNED_LEMMA || !verb.speech {
        return None;
    }
    let mut cue_end = infinitive + 1;
    // "continues to maintain a lead", "tried to ask a question": these two verbs speak only
    // when a clause follows.
    if matches!(lemma, "maintain" | "ask")
        && !(cue_end < end
            && matches!(
                doc.lower(cue_end),
                "that" | "whether" | "if" | "why" | "how" | "what" | "who"
            ))
    {
        return None;
    }
    if lemma == "point" {
        if cue_end < end && doc.lower(cue_end) == "out" {
            cue_end += 1;
        } else {
            return None;
        }
    }
    Some((cue_end, lemma, verb))
}

/// Words that count or sort states, before which "states" is the noun.
const STATE_COUNTERS: WordSet = WordSet::new(&[
    "those",
    "these",
    "other",
    "early",
    "battleground",
    "swing",
    "voting",
    "key",
    "many",
    "several",
    "some",
    "both",
    "all",
    "border",
    "member",
    "dozen",
    "five",
    "four",
    "three",
    "two",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "whiter",
    "smaller",
    "larger",
    "bigger",
    "southern",
    "northern",
    "western",
    "eastern",
    "red",
    "blue",
    "primary",
    "caucus",
]);

/// Verbs of seeing and regarding, which hold a view when "as" or "that" follows.
const SEEING: WordSet = WordSet::new(&[
    "see", "sees", "saw", "view", "views", "viewed", "regard", "regards", "regarded",
]);

/// How a view is held: a thought, not speech, with its subject before it.
const VIEW: CueVerb = CueVerb {
    invertible: false,
    takes_addressee: false,
    speech: false,
};

/// How far after a verb of seeing its "as" may come: "see police violence against
/// African Americans as a problem".
const AS_REACH: usize = 12;

/// True when token `i` is a verb of seeing that holds a view: "that" right after it, or
/// "as" after its object within the same clause.
pub(crate) fn seeing_as(doc: &Doc<'_>, i: usize, end: usize) -> bool {
    if !SEEING.contains(&doc.lower(i)) || i + 1 >= end || !doc.is_word(i + 1) {
        return false;
    }
    if doc.lower(i + 1) == "that" {
        return true;
    }
    (i + 2..end.min(i + 2 + AS_REACH))
        .take_while(|&j| doc.is_word(j) || doc.in_quote(j))
        .any(|j| doc.lower(j) == "as" && !doc.in_quote(j))
}

/// Nouns of records that state findings: the subject of a participle right after them ("a
/// poll showing", "a report saying").
pub(crate) const RECORD_NOUNS: WordSet = WordSet::new(&[
    "poll",
    "polls",
    "survey",
    "surveys",
    "study",
    "studies",
    "report",
    "reports",
    "analysis",
    "data",
    "ad",
    "ads",
    "video",
    "letter",
    "memo",
    "statement",
    "document",
    "documents",
    "figures",
    "numbers",
    "records",
    "filing",
    "filings",
    "email",
    "emails",
]);

/// Nouns of findings that speak for themselves: "in a new poll", "in the survey".
pub(crate) const POLL_NOUNS: WordSet =
    WordSet::new(&["poll", "polls", "survey", "surveys", "average"]);

/// The mention of a poll right after "in" at token `i`: "in a new Washington Post-ABC News
/// poll".
fn poll_after(
    doc: &Doc<'_>,
    i: usize,
    range: &std::ops::Range<usize>,
    mentions: &[Candidate],
    mention_starting_at: &[u32],
) -> Option<usize> {
    if doc.lower(i) != "in" || i + 1 >= range.end {
        return None;
    }
    let m = mention_starting_at[i + 1];
    if m == u32::MAX {
        return None;
    }
    let last = mentions[m as usize].tokens.end - 1;
    POLL_NOUNS.contains(&doc.lower(last)).then_some(m as usize)
}

/// True when word `i` ("named", "called", "dubbed") joins a description opened by "a" or "an"
/// to the name it introduces: "a voter named Ada Moss", "a group called Votes Matter". After
/// a name, a pronoun or another description the word is the verb ("Trump called Cruz a
/// liar", "one lawmaker called Trump ...").
pub(crate) fn naming_participle(
    doc: &Doc<'_>,
    i: usize,
    mentions: &[Candidate],
    mention_ending_at: &[u32],
    mention_starting_at: &[u32],
) -> bool {
    if i == 0 || i >= doc.tokens.len() || !matches!(doc.lower(i), "named" | "called" | "dubbed") {
        return false;
    }
    let described = mention_ending_at[i - 1];
    let named = mention_starting_at.get(i + 1).copied().unwrap_or(u32::MAX);
    described != u32::MAX
        && named != u32::MAX
        && mentions[described as usize].kind == MentionKind::Description
        && matches!(
            doc.lower(mentions[described as usize].tokens.start),
            "a" | "an"
        )
        && !mentions[described as usize].possessive
        && mentions[named as usize].kind == MentionKind::Name
}

fn mention_covering(mentions: &[Candidate], token: usize) -> Option<usize> {
    let idx = mentions.partition_point(|m| m.tokens.start <= token);
    (idx.saturating_sub(3)..idx).rev().find(|&m| {
        mentions[m].tokens.contains(&token)
            && mentions[m].tokens.len() > 1
            && mentions[m].tokens.start != token
    })
}

/// Nouns spelled like adverbs in "-ly": "a Rochester rally blasting Clinton" has no adverb
/// between its name and its verb.
const NOUNS_IN_LY: WordSet = WordSet::new(&[
    "rally", "family", "assembly", "supply", "reply", "anomaly", "monopoly", "tally", "folly",
    "homily", "bully", "belly", "jelly", "italy", "sicily",
]);

/// True for a word in "-ly" that is no noun: "only", "angrily", "publicly".
pub(crate) fn ends_like_adverb(lower: &str) -> bool {
    lower.ends_with("ly") && !NOUNS_IN_LY.contains(&lower)
}

/// True for a word of five letters or more that [`ends_like_adverb`]; shorter ones ("July",
/// "ally") are rarely adverbs.
pub(crate) fn reads_as_adverb(lower: &str) -> bool {
    lower.len() > 4 && ends_like_adverb(lower)
}

#[allow(clippy::too_many_arguments)]
fn bind_source(
    doc: &Doc<'_>,
    lex: &Lexicon,
    range: std::ops::Range<usize>,
    cue: usize,
    cue_end: usize,
    verb: CueVerb,
    mentions: &[Candidate],
    mention_ending_at: &[u32],
    mention_starting_at: &[u32],
    previous_source: Option<usize>,
) -> (Option<usize>, bool) {
    let usable = |m: u32| -> Option<usize> {
        if m == u32::MAX {
            return None;
        }
        let c = &mentions[m as usize];
        (!c.in_quote && !c.possessive).then_some(m as usize)
    };
    // The subject right before an aside opening at token `open`.
    let subject_before = |open: usize| {
        (open > range.start)
            .then(|| usable(mention_ending_at[open - 1]))
            .flatten()
    };
    // A participle has no subject of its own before a comma: in "rejected the bill,
    // arguing that" and "said, adding a plug for himself" the sentence's subject speaks.
    let participle = doc.lower(cue).ends_with("ing");
    // An object pronoun is no subject: in "a source close to him said" the phrase before
    // it holds the subject.
    let object_pronoun = |m: usize| matches!(mentions[m].pronoun, Some("him" | "them"));
    // 1. The subject right before the verb, over adverbs and auxiliaries.
    let mut j = cue;
    let mut prepositional_object = false;
    while j > range.start {
        j -= 1;
        if doc.in_quote(j) {
            break;
        }
        if let Some(m) = usable(mention_ending_at[j]).filter(|&m| !object_pronoun(m)) {
            // "Ann Roe, head of the Tidewater Institute, a think tank focused on trade": a
            // participle after an apposition describes it; nobody speaks.
            let start = mentions[m].tokens.start;
            if mentions[m].indefinite
                && doc.lower(cue).ends_with("ed")
                && start >= range.start + 2
                && doc.is_punct(start - 1, ",")
                && mention_ending_at[start - 2] != u32::MAX
            {
                return (None, false);
            }
            // "with Trump reportedly yelling": the subject of an absolute participle.
            if participle && after_absolute_with(doc, mentions[m].tokens.start, range.start) {
                return (Some(m), false);
            }
            // "in the wake of a new poll showing", "money from a group backing Huckabee": a
            // record or a description right before a participle is its subject, whatever
            // governs it.
            let record_before_participle = participle
                && mentions[m].tokens.end == cue
                && (RECORD_NOUNS.contains(&doc.lower(mentions[m].tokens.end - 1))
                    || mentions[m].kind == MentionKind::Description);
            // "His office put out a statement saying": a record that is a verb's object
            // does not say; whoever put it out does, the subject of the sentence.
            if record_before_participle
                && doc.lower(cue) == "saying"
                && object_of_verb(doc, mentions[m].tokens.start, range.start)
            {
                break;
            }
            if after_preposition(doc, mentions[m].tokens.start, range.start)
                && !after_conjunction(doc, mentions[m].tokens.start, range.start)
                && !record_before_participle
            {
                // "Another source speaking to Fox News said": an object, not the subject.
                prepositional_object = true;
                break;
            }
            return (Some(m), false);
        }
        let lower = doc.lower(j);
        // "The report published Tuesday showed": the subject before a participle with only
        // a time after it.
        if doc.is_word(j) && crate::judge::is_time_word(lower) {
            let dated = (range.start + 1..j)
                .rev()
                .find(|&k| !crate::judge::is_time_word(doc.lower(k)));
            if let Some(k) = dated.filter(|&k| {
                crate::mentions::dated_participle(doc, k, j + 1)
                    && mention_ending_at[k - 1] != u32::MAX
            }) {
                j = k;
                continue;
            }
        }
        // "Moss a month later announced", "Beck last week said": a time between the subject
        // and its verb.
        if doc.is_word(j) && (crate::judge::is_time_word(lower) || lower == "ago") {
            let run = (j.saturating_sub(3).max(range.start)..j)
                .rev()
                .take_while(|&k| doc.is_word(k) && crate::mentions::time_phrase_word(doc, k))
                .last();
            if let Some(k) = run.filter(|&k| crate::mentions::names_a_time(doc, k..j + 1)) {
                if k > range.start && mention_ending_at[k - 1] != u32::MAX {
                    j = k;
                    continue;
                }
            }
        }
        // "who has in the past described", "said at the time": an adjunct of time between
        // the subject and its verb.
        if doc.is_word(j) && crate::mentions::is_time_noun(lower) {
            let preposition = (j.saturating_sub(3).max(range.start)..j)
                .rev()
                .take_while(|&k| doc.is_word(k))
                .find(|&k| matches!(doc.lower(k), "in" | "at" | "over" | "for" | "during"));
            if let Some(k) = preposition {
                j = k;
                continue;
            }
        }
        if doc.is_word(j) && (skipped_before_verb(lower) || reads_as_adverb(lower)) {
            continue;
        }
        if doc.is_punct(j, ")") {
            // "Sen. Chuck Schumer (D-N.Y.) said": skip the parenthesis.
            while j > range.start && !doc.is_punct(j, "(") {
                j -= 1;
            }
            continue;
        }
        if doc.is_dash(j) {
            // "Jason Sims — a teacher from Mount Pleasant — says": the name before the
            // apposition set off by dashes (or by the hyphens, single or doubled, that stand
            // for them).
            let mark = doc.word(j);
            let close = if j > range.start && doc.is_punct(j - 1, mark) {
                j - 1
            } else {
                j
            };
            let open =
                aside_opening(doc, close, range.start.max(j.saturating_sub(22)), mark).map(|k| {
                    if k > range.start && doc.is_punct(k - 1, mark) {
                        k - 1
                    } else {
                        k
                    }
                });
            if let Some(m) = open.and_then(subject_before) {
                return (Some(m), false);
            }
            break;
        }
        if doc.is_punct(j, ",") {
            if participle && j + 1 == cue {
                // The sentence's subject, found below.
                break;
            }
            // "Gov. John Kasich (R-OH), said": the name before the parenthesis.
            if j > range.start + 1 && doc.is_punct(j - 1, ")") {
                let open = aside_opening(doc, j - 1, range.start.max(j.saturating_sub(9)), "(");
                if let Some(m) = open.and_then(subject_before) {
                    return (Some(m), false);
                }
            }
            // "Cruz lacks support in Congress, whom he has alienated, said Larry Sabato,
            // a professor.", "In nearby Decatur, the plant is under pressure, said the chief
            // executive.": a name or a description after the verb that closes the sentence,
            // opens an apposition or a relative clause ("said an official who was briefed")
            // is the inverted subject, and the commas set off content.
            if verb.invertible && j + 1 == cue && cue_end < range.end {
                if let Some(m) = usable(mention_starting_at[cue_end]) {
                    let after = mentions[m].tokens.end;
                    // A description must name a person: "tweeted a warning" has an object.
                    let person = match mentions[m].kind {
                        MentionKind::Name => true,
                        MentionKind::Description => mentions[m]
                            .head
                            .as_deref()
                            .is_some_and(|head| lex.is_person_noun(head)),
                        MentionKind::Pronoun => false,
                    };
                    // A relative clause that closes the sentence: in "said the staff member
                    // who succeeded him, Paul Manafort, should go" the verb comes after it.
                    let closing_relative = after < range.end
                        && doc.is_word(after)
                        && doc.lower(after) == "who"
                        && (after..range.end).all(|k| !doc.is_punct(k, ",") && !doc.in_quote(k));
                    if person
                        && (after >= range.end
                            || doc.is_punct(after, ",")
                            || closing_relative
                            || doc.tokens[after..range.end]
                                .iter()
                                .all(|t| t.kind == crate::tokens::TokenKind::Punct))
                    {
                        return (Some(m), true);
                    }
                }
            }
            // "Francis O'Grady, the TUC general secretary, warned", "Trump, speaking at a
            // rally in Wilmington, N.C., warned": the clause's first mention set off by a
            // comma is the subject; failing that, the mention before the previous comma.
            let clause_subject = mentions.iter().position(|m| {
                m.tokens.start >= range.start
                    && m.tokens.end < j
                    && !m.in_quote
                    && !m.possessive
                    && m.kind != MentionKind::Pronoun
                    && doc.is_punct(past_parenthesis(doc, m.tokens.end, j), ",")
                    // "In a statement to the Observer, her adviser said": the object of a
                    // preposition, over its article, is no subject.
                    && !after_preposition(doc, m.tokens.start, range.start)
            });
            if let Some(m) = clause_subject {
                return (Some(m), false);
            }
            let mut k = j;
            let limit = j.saturating_sub(25).max(range.start);
            while k > limit {
                k -= 1;
                if doc.in_quote(k) {
                    break;
                }
                if doc.is_punct(k, ",") {
                    // "Zoe Lofgren (D-Calif.), who ...": over the parenthesis.
                    let mut before = k;
                    if before > range.start && doc.is_punct(before - 1, ")") {
                        before = aside_opening(doc, before - 1, limit, "(").unwrap_or(before);
                    }
                    if before > range.start {
                        if let Some(m) = usable(mention_ending_at[before - 1]) {
                            // "Republicans in the House, by contrast, said": the object of
                            // a phrase after the subject is not who speaks.
                            let subject =
                                after_preposition(doc, mentions[m].tokens.start, range.start)
                                    .then(|| {
                                        subject_before_phrase(
                                            doc,
                                            range.start,
                                            before - 1,
                                            mentions,
                                            mention_ending_at,
                                        )
                                    })
                                    .flatten();
                            return (Some(subject.unwrap_or(m)), false);
                        }
                    }
                    break;
                }
            }
            break;
        }
        // "The senator from Vermont said", "the head of the state agency said": a
        // prepositional phrase no mention covers stands between the subject and its verb.
        if let Some(m) = subject_before_phrase(doc, range.start, j, mentions, mention_ending_at) {
            return (Some(m), false);
        }
        break;
    }
    // 2. Inversion: "declared the Labour leader", "said Smith".
    // "Said Dorothy Poynter, who grew up with him, ...": a sentence may open on the verb.
    let prev_is_boundary = cue == range.start
        || (doc.is_punct(cue - 1, ",")
            || matches!(
                doc.tokens[cue - 1].kind,
                crate::tokens::TokenKind::DoubleMark | crate::tokens::TokenKind::SingleMark
            )
            || doc.in_quote(cue - 1));
    // A participle has no subject after it either: in "said, adding a plug for himself" the
    // noun phrase is its object.
    if verb.invertible && prev_is_boundary && !participle && cue_end < range.end {
        // An inverted subject ends its clause: "says his man has the money" is no inversion.
        // What may follow it is an adjunct of the saying: "said Smith as he left", "said
        // Smith last week", "said Smith on Tuesday".
        let ends_clause = |m: usize| {
            let after = mentions[m].tokens.end;
            after >= range.end
                || doc.tokens[after].kind != crate::tokens::TokenKind::Word
                || matches!(doc.lower(after), "who" | "during" | "when" | "while")
                || PREPOSITIONS.contains(&doc.lower(after))
                || AFTER_INVERTED_SUBJECT.contains(&doc.lower(after))
                || SUBJECT_POSTMODIFIERS.contains(&doc.lower(after))
                || crate::mentions::is_weekday_or_month(doc.lower(after))
        };
        if let Some(m) = usable(mention_starting_at[cue_end]) {
            if ends_clause(m) {
                return (Some(m), true);
            }
        }
        // A named subject after modifiers no mention covers: "said Republican political
        // consultant Chris Russell", "said Montclair State University political scientist
        // Brigid Harrison".
        // Not after a verb opening the sentence: in "Asked whether Clinton ..." the name
        // is no subject.
        let mut k = if cue == range.start {
            range.end
        } else {
            cue_end
        };
        // Right after a quotation a title may hold "of": `"...," said master of ceremonies
        // Asab Al-Tabchi`, `"...," said director of communications Jane Doe`.
        let after_quotation = cue > range.start && closes_spoken_quotation(doc, cue - 1);
        while k < range.end.min(cue_end + 6)
            && doc.is_word(k)
            && !doc.in_quote(k)
            && (!INVERSION_STOPS.contains(&doc.lower(k))
                || (after_quotation && k > cue_end && doc.lower(k) == "of"))
        {
            if let Some(m) = usable(mention_starting_at[k]) {
                if k > cue_end
                    && mentions[m].kind == saywho_model::MentionKind::Name
                    && ends_clause(m)
                {
                    return (Some(m), true);
                }
            }
            k += 1;
        }
    }
    // 3. Coordinated or participial verb: the subject of the sentence.
    let coordinated = j < cue
        && (matches!(doc.lower(j), "and" | "but" | "while")
            || doc.is_punct(j, ",")
            || doc.lower(cue).ends_with("ing"));
    if coordinated {
        // "acknowledged that ... but noted that": the earlier verb's subject.
        if let Some(p) = previous_source {
            return (Some(p), false);
        }
        // "Weaver, who came out and endorsed Clinton": the relative whose clause the verb
        // is coordinated in.
        let upto = mentions.partition_point(|m| m.tokens.start < cue);
        let relative = (upto.saturating_sub(6)..upto).rev().find(|&m| {
            mentions[m].pronoun == Some("who")
                && mentions[m].tokens.start >= range.start
                && (mentions[m].tokens.end..cue).all(|k| !doc.in_quote(k) && !doc.is_punct(k, ","))
        });
        if let Some(m) = relative {
            return (Some(m), false);
        }
        // "distrust him because he favors tax cuts and opposes the wage": a verb coordinated
        // inside a subordinate clause shares the subject that opens it.
        if doc.is_word(j) && matches!(doc.lower(j), "and" | "but") {
            let opener = (range.start..j)
                .rev()
                .take_while(|&k| !doc.in_quote(k) && !doc.is_punct(k, ",") && !doc.is_punct(k, ")"))
                .find(|&k| crate::judge::OPENING_SUBORDINATORS.contains(&doc.lower(k)));
            let subject = opener
                .and_then(|k| usable(mention_starting_at[k + 1]))
                .filter(|&m| mentions[m].tokens.end < j);
            if subject.is_some() {
                return (subject, false);
            }
        }
    }
    if coordinated || prepositional_object || cue == range.start {
        // The subject of the main clause, after an opening clause set off by a comma
        // ("Asked whether Mr. Clinton would serve, Mrs. Clinton shook her head and said"),
        // before any other mention.
        let opens_clause =
            |m: &Candidate| m.tokens.start == range.start || doc.is_punct(m.tokens.start - 1, ",");
        let mut fallback = None;
        let dateline_end = dateline_end(doc, range.start, cue).unwrap_or(range.start);
        for (idx, m) in mentions.iter().enumerate() {
            if m.tokens.start < range.start || m.tokens.start >= cue {
                continue;
            }
            if m.in_quote || m.possessive {
                continue;
            }
            let after_prep = after_preposition(doc, m.tokens.start, range.start);
            if after_prep {
                continue;
            }
            if m.kind == saywho_model::MentionKind::Description && m.indefinite && m.plural {
                continue;
            }
            if m.tokens.start < dateline_end {
                continue;
            }
            if opens_clause(m) {
                return (Some(idx), false);
            }
            fallback = fallback.or(Some(idx));
        }
        if fallback.is_some() {
            return (fallback, false);
        }
    }
    // "After thanking the crowd, he said", "Conceding that the deal was lost, Ada Moss
    // left": a participle opening the sentence speaks for the main clause's subject.
    if participle && opens_sentence_adjunct(doc, range.start, cue) {
        let comma = (cue_end..range.end).find(|&k| doc.is_punct(k, ",") && !doc.in_quote(k));
        if let Some(m) =
            comma.and_then(|k| (k + 1 < range.end).then(|| usable(mention_starting_at[k + 1])))
        {
            return (m, false);
        }
    }
    (None, false)
}

/// Where a dateline opening the sentence at `start` ends, after its dash: "WASHINGTON (AFP)
/// – Clinton ...", "RENO, Nev. (AP) — ...". Its place and its agency are no subjects.
fn dateline_end(doc: &Doc<'_>, start: usize, cue: usize) -> Option<usize> {
    for k in start..cue.min(start + 10) {
        if doc.is_dash(k) {
            return (k > start).then_some(k + 1);
        }
        let ok = if doc.is_word(k) {
            doc.tokens[k].capitalized
        } else {
            [",", ".", "(", ")"].iter().any(|p| doc.is_punct(k, p))
        };
        if !ok {
            return None;
        }
    }
    None
}

/// True when the words before token `cue` in the sentence starting at `start` only lead into
/// an adjunct: none at all, a conjunction of time or manner ("After", "While", "By"), a span
/// of time ("One month after").
fn opens_sentence_adjunct(doc: &Doc<'_>, start: usize, cue: usize) -> bool {
    cue - start <= 4
        && (start..cue).all(|k| {
            let w = doc.lower(k);
            doc.is_word(k)
                && (matches!(
                    w,
                    "after"
                        | "before"
                        | "while"
                        | "since"
                        | "when"
                        | "upon"
                        | "by"
                        | "in"
                        | "without"
                        | "on"
                        | "one"
                        | "two"
                        | "three"
                        | "a"
                        | "few"
                        | "just"
                ) || crate::judge::is_time_word(w))
        })
}
