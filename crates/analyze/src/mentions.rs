//! Finding the places that refer to people and organisations: capitalised names (with their
//! titles and prenominal roles), definite descriptions headed by a person or organisation noun,
//! and personal pronouns.

use std::ops::Range;

use saywho_model::{EntityType, MentionKind};

use crate::doc::Doc;
use crate::lexicon::{Gender, Lexicon, WordSet};
use crate::tokens::TokenKind;

/// A mention as the analyzer sees it, before resolution.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Byte range of the mention in the text.
    pub bytes: Range<usize>,
    /// For names, the bytes of the name proper (no title, role or possessive); otherwise the
    /// mention's bytes.
    pub name_bytes: Range<usize>,
    /// Token range of the mention.
    pub tokens: Range<usize>,
    /// Name, description or pronoun.
    pub kind: MentionKind,
    /// For names: the lower-case name words without titles or possessive ("george", "galloway").
    pub name: Vec<String>,
    /// For descriptions: the role words without determiner ("labour leader"); for names with
    /// a title or prenominal role, that role.
    pub role: Option<String>,
    /// The head noun of a description ("leader").
    pub head: Option<String>,
    /// Person, organisation, or unknown (`None`).
    pub entity_type: Option<EntityType>,
    /// Gender implied by a title, pronoun or gendered noun.
    pub gender: Option<Gender>,
    /// True when the gender comes from strong evidence (title, pronoun, gendered noun).
    pub gender_strong: bool,
    /// True for plural pronouns and plural descriptions.
    pub plural: bool,
    /// True for "Galloway's": a possessive is never the subject of its clause.
    pub possessive: bool,
    /// True for descriptions introduced by "a"/"an" (new referents).
    pub indefinite: bool,
    /// True inside a quotation.
    pub in_quote: bool,
    /// Lower-case pronoun form, for pronouns.
    pub pronoun: Option<&'static str>,
}

const CONNECTORS: WordSet = WordSet::new(&[
    "de", "van", "von", "der", "den", "da", "di", "du", "bin", "al", "la", "le", "del", "dos",
    "ibn",
]);
/// Words that open a clause or phrase and so never start a name, wherever they stand: the
/// sentence splitter may miss the start of "... in the U.S. While Clinton has ...", and a
/// title-case headline capitalises them mid-line.
const CLAUSE_OPENERS: WordSet = WordSet::new(&[
    "while", "although", "though", "because", "whereas", "unless", "amid", "amidst", "despite",
]);
const DETERMINERS: WordSet = WordSet::new(&[
    "another", "the", "a", "an", "his", "her", "their", "its", "our", "my", "your",
]);
const DESCRIPTION_STOPS: WordSet = WordSet::new(&[
    "of", "for", "in", "on", "at", "to", "by", "with", "from", "and", "or", "but", "who", "which",
    "that", "is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can",
    "may", "might", "should", "must", "did", "does", "do", "not", "as", "than", "then", "also",
    "be", "been", "being", "this", "these", "those", "he", "she", "it", "they", "said", "says",
    "after", "before", "when", "while", "because", "if", "since", "until", "during", "about",
    "against", "into", "through", "despite",
]);
const PLACES: WordSet = WordSet::new(&[
    "britain",
    "england",
    "scotland",
    "wales",
    "ireland",
    "london",
    "washington",
    "america",
    "europe",
    "france",
    "germany",
    "russia",
    "china",
    "india",
    "japan",
    "iraq",
    "iran",
    "syria",
    "israel",
    "gaza",
    "ukraine",
    "canada",
    "mexico",
    "australia",
    "africa",
    "asia",
    "paris",
    "berlin",
    "moscow",
    "beijing",
    "brussels",
    "oxford",
    "cambridge",
    "manchester",
    "glasgow",
    "edinburgh",
    "leeds",
    "new",
    "york",
    "california",
    "texas",
    "florida",
    "ohio",
    "iowa",
    "virginia",
    "carolina",
    "pennsylvania",
    "michigan",
    "wisconsin",
    "nevada",
    "arizona",
    "colorado",
    "georgia",
    "alabama",
    "kentucky",
    "tennessee",
    "louisiana",
    "chicago",
    "boston",
    "jerusalem",
    "afghanistan",
    "pakistan",
    "egypt",
    "libya",
    "turkey",
    "greece",
    "italy",
    "spain",
    "portugal",
    "poland",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "netherlands",
    "belgium",
    "switzerland",
    "austria",
    "korea",
    "vietnam",
    "cuba",
    "brazil",
    "argentina",
    "venezuela",
    "nigeria",
    "kenya",
    "ethiopia",
    "saudi",
    "arabia",
    "qatar",
    "dubai",
    "yemen",
    "lebanon",
    "jordan",
    "us",
    "u.s.",
    "u.s",
    "uk",
    "u.k.",
    "usa",
    "eu",
    // American states and the abbreviations a dateline or an address gives them
    // ("ORLANDO, Fla.", "in Beaumont, Tex., Mr. Trump").
    "maryland",
    "massachusetts",
    "minnesota",
    "missouri",
    "indiana",
    "illinois",
    "oregon",
    "oklahoma",
    "utah",
    "nebraska",
    "kansas",
    "connecticut",
    "vermont",
    "maine",
    "montana",
    "idaho",
    "wyoming",
    "hampshire",
    "jersey",
    "delaware",
    "arkansas",
    "mississippi",
    "dakota",
    "alaska",
    "hawaii",
    "ala",
    "ariz",
    "ark",
    "calif",
    "colo",
    "conn",
    "fla",
    "ill",
    "kan",
    "kans",
    "ky",
    "md",
    "mich",
    "minn",
    "neb",
    "nev",
    "okla",
    "ore",
    "tenn",
    "tex",
    "vt",
    "wis",
    "wyo",
    "n.h",
    "n.j",
    "n.m",
    "n.y",
    "n.c",
    "n.d",
    "s.c",
    "s.d",
    "r.i",
    "westminster",
    "whitehall",
    "hollywood",
    "wall",
    "street",
    "silicon",
    "valley",
    "minnesota",
    "missouri",
    "indiana",
    "illinois",
    "oregon",
    "washington",
    "utah",
    "idaho",
    "montana",
    "wyoming",
    "dakota",
    "nebraska",
    "kansas",
    "oklahoma",
    "arkansas",
    "mississippi",
    "maine",
    "vermont",
    "hampshire",
    "massachusetts",
    "connecticut",
    "jersey",
    "delaware",
    "maryland",
    "alaska",
    "hawaii",
    "philadelphia",
    "cleveland",
    "detroit",
    "atlanta",
    "miami",
    "houston",
    "dallas",
    "denver",
    "seattle",
    "orlando",
    "tampa",
    "baltimore",
    "pittsburgh",
    "milwaukee",
    "manhattan",
    "brooklyn",
    "bronx",
    "queens",
    "harlem",
    "belfast",
    "cardiff",
    "bristol",
    "liverpool",
    "birmingham",
    "sheffield",
    "newcastle",
    "nottingham",
    "bradford",
    "kent",
    "yorkshire",
    "essex",
    "surrey",
    "sussex",
    "devon",
    "cornwall",
]);

/// Records that state findings, sources on their own before a verb: "..., records show",
/// "new fundraising reports show".
const RECORD_PLURALS: WordSet = WordSet::new(&[
    "records",
    "documents",
    "filings",
    "reports",
    "data",
    "figures",
    "tallies",
    "statistics",
    "estimates",
    "polls",
    "surveys",
]);

const PLURAL_SOURCES: WordSet = WordSet::new(&[
    "officials",
    "analysts",
    "critics",
    "experts",
    "sources",
    "residents",
    "police",
    "witnesses",
    "economists",
    "researchers",
    "scientists",
    "investigators",
    "prosecutors",
    "lawyers",
    "aides",
    "advisers",
    "advisors",
    "supporters",
    "opponents",
    "activists",
    "campaigners",
    "organisers",
    "organizers",
    "authorities",
    "democrats",
    "republicans",
    "voters",
    "observers",
    "diplomats",
    "insiders",
    "doctors",
    "teachers",
    "parents",
    "members",
    "leaders",
    "lawmakers",
    "senators",
    "ministers",
    "mps",
    "protesters",
    "protestors",
    "workers",
    "employees",
    "students",
    "people",
    "americans",
    "conservatives",
    "liberals",
    "pollsters",
    "strategists",
    "staffers",
    "reporters",
    "journalists",
    "participants",
    "attendees",
    "delegates",
    "donors",
    "allies",
    "executives",
    "scholars",
    "historians",
    "officers",
    "agents",
    "legislators",
    "commentators",
    "proponents",
    "advocates",
    "negotiators",
    "volunteers",
    "citizens",
    "spokesmen",
    "spokespeople",
    "consultants",
    "operatives",
]);

/// A verb of saying as the mention finders see it, which stops a phrase: the bare "state"
/// is the noun there ("secretary of state", "in each state"), though "we state that" is
/// a cue to the cue finder.
fn phrase_verb(lex: &Lexicon, lower: &str) -> Option<(&'static str, crate::lexicon::CueVerb)> {
    lex.cue_verb(lower).filter(|_| lower != "state")
}

/// [`phrase_verb`] for a verb of the written tables ([`Lexicon::is_written_cue`]).
fn phrase_written_cue(lex: &Lexicon, lower: &str) -> bool {
    phrase_verb(lex, lower).is_some_and(|(lemma, _)| lemma != crate::lexicon::LEARNED_LEMMA)
}

/// Finds all mention candidates of `doc` in text order.
pub fn find(doc: &Doc<'_>, lex: &Lexicon) -> Vec<Candidate> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let mut i = 0;
    let mut covered_until = 0;
    while i < n {
        if let Some(m) = share_source_at(doc, lex, i) {
            // "Nearly half of Republicans": the words inside are the share's, not mentions
            // of their own.
            let next = m.tokens.end;
            out.push(m);
            covered_until = next;
            i = next;
            continue;
        }
        if i >= covered_until {
            if let Some(name) = name_at(doc, lex, i) {
                covered_until = name.tokens.end;
                let next = name.tokens.end;
                // Descriptions already emitted may overlap a prenominal extension; keep both.
                out.push(name);
                i = next;
                continue;
            }
        }
        if let Some(m) = description_at(doc, lex, i) {
            out.push(m);
        } else if let Some(m) = pronoun_at(doc, lex, i) {
            out.push(m);
        } else if let Some(m) = source_phrase_at(doc, lex, i)
            .or_else(|| inverted_source_at(doc, lex, i))
            .or_else(|| quantifier_source_at(doc, lex, i))
        {
            out.push(m);
        }
        i += 1;
    }
    mark_group_names(doc, lex, &mut out);
    add_according_sources(doc, lex, &mut out);
    add_poll_phrases(doc, &mut out);
    possessed_descriptions(doc, lex, &mut out);
    out.sort_by_key(|m| (m.bytes.start, m.bytes.end));
    add_clause_subjects(doc, lex, &mut out);
    drop_heads_of_descriptions(&mut out);
    absorb_leading_modifiers(doc, lex, &mut out);
    out
}

/// A lower-case word that can modify the noun after it ("political", "senior"): not a
/// function word, not a reporting verb.
fn lower_modifier(doc: &Doc<'_>, lex: &Lexicon, k: usize) -> bool {
    let w = doc.lower(k);
    doc.is_word(k)
        && !doc.tokens[k].capitalized
        && !DESCRIPTION_STOPS.contains(&w)
        && phrase_verb(lex, w).is_none()
}

/// A lower-case word, outside quotation marks, that may stand in a noun phrase before a
/// relative or a participle ("harbour pilots, who", "groups backing Cruz"): no determiner,
/// preposition, clause word, pronoun, verb of saying or verb form in "-ing" or "-ed".
fn phrase_word(doc: &Doc<'_>, lex: &Lexicon, k: usize) -> bool {
    let w = doc.lower(k);
    doc.is_word(k)
        && !doc.tokens[k].capitalized
        && phrase_verb(lex, w).is_none()
        && !doc.in_quote(k)
        && !DETERMINERS.contains(&w)
        && !crate::cues::PREPOSITIONS.contains(&w)
        && !SUBJECT_BREAKERS.contains(&w)
        && !SUBJECT_BOUNDARIES.contains(&w)
        && lex.pronoun(w).is_none()
        && !w.ends_with("ing")
        && !w.ends_with("ed")
        && !negated(w)
}

/// "Republican political consultant Chris Russell", "Montclair State University political
/// scientist Brigid Harrison": a capitalised modifier and the lower-case words after it belong
/// to the role of the person named next, not to a mention of their own.
fn absorb_leading_modifiers(doc: &Doc<'_>, lex: &Lexicon, out: &mut Vec<Candidate>) {
    let mut absorbed = vec![false; out.len()];
    for b in 1..out.len() {
        let a = b - 1;
        let (first, person) = (&out[a], &out[b]);
        let joins = first.kind == MentionKind::Name
            && first.entity_type != Some(EntityType::Person)
            && !first.possessive
            && !first.in_quote
            && person.kind == MentionKind::Name
            && person.role.is_some()
            && person.entity_type == Some(EntityType::Person)
            && first.tokens.end < person.tokens.start
            && person.tokens.start - first.tokens.end <= 3
            && doc.tokens[first.tokens.start].paragraph
                == doc.tokens[person.tokens.start].paragraph
            && (first.tokens.end..person.tokens.start).all(|k| lower_modifier(doc, lex, k));
        if !joins {
            continue;
        }
        let start = first.tokens.start;
        let words: Vec<&str> = (start..person.tokens.start).map(|k| doc.lower(k)).collect();
        let prefix = words.join(" ");
        let person = &mut out[b];
        person.role = Some(match person.role.take() {
            Some(role) => format!("{prefix} {role}"),
            None => prefix,
        });
        person.tokens.start = start;
        person.bytes.start = doc.tokens[start].start;
        absorbed[a] = true;
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !absorbed[k - 1]
    });
}

/// The phrase naming a poll after "in", up to its poll noun: "in exit polls", "in the new
/// Morning Consult poll", "in the RealClearPolitics average of New Hampshire polls". A poll
/// relays what it found as "according to" does, and the annotation names the phrase as the
/// source; the names inside it ("Morning Consult") stay mentions of their own.
fn add_poll_phrases(doc: &Doc<'_>, out: &mut Vec<Candidate>) {
    const LONGEST_POLL: usize = 10;
    let n = doc.tokens.len();
    let mut added = Vec::new();
    for i in 0..n.saturating_sub(2) {
        if doc.lower(i) != "in" || doc.in_quote(i) || !doc.is_word(i + 1) {
            continue;
        }
        let start = i + 1;
        let sentence = doc.sentence_of[start];
        let mut end = None;
        let mut j = start;
        while j < n
            && j < start + LONGEST_POLL
            && doc.sentence_of[j] == sentence
            && !doc.in_quote(j)
        {
            let w = doc.lower(j);
            if !doc.is_word(j) && !matches!(w, "/" | "&" | "-" | "'" | "’") {
                break;
            }
            if crate::cues::POLL_NOUNS.contains(&w) {
                end = Some(j + 1);
                // "the average of New Hampshire polls": the average is of polls.
                if w != "average" || doc.lower(j + 1) != "of" {
                    break;
                }
            } else if (j > start && DESCRIPTION_STOPS.contains(&w) && w != "of")
                || matches!(w, "where" | "when")
                || (w == "of" && doc.lower(j - 1) != "average")
            {
                break;
            }
            j += 1;
        }
        let Some(end) = end else { continue };
        // A poll of its own, named or marked as one ("a new poll", "the latest Field Poll",
        // "exit polls"), not the idiom "in the polls" or "ahead in national polls".
        let particular = (start..end).any(|t| {
            (doc.tokens[t].capitalized && t > start)
                || matches!(
                    doc.lower(t),
                    "a" | "an" | "this" | "new" | "latest" | "same" | "exit"
                )
        });
        if !particular
            || out
                .iter()
                .any(|m| m.tokens.start == start && m.tokens.end == end)
        {
            continue;
        }
        let mut poll = source_description(
            doc,
            start..end,
            Some("poll".to_string()),
            Some(doc.lower(end - 1).to_string()),
            EntityType::Organization,
            ends_in_plural_s(doc.lower(end - 1)),
        );
        poll.indefinite = !matches!(doc.lower(start), "the" | "this" | "that");
        added.push(poll);
    }
    out.extend(added);
}

/// "according to early results of exit polls", "according to state law": whatever follows
/// "according to" up to the clause's punctuation is the source, person or not, unless a
/// mention already spans it.
fn add_according_sources(doc: &Doc<'_>, lex: &Lexicon, out: &mut Vec<Candidate>) {
    let n = doc.tokens.len();
    let mut added = Vec::new();
    for i in 0..n.saturating_sub(2) {
        if doc.lower(i) != "according" || doc.lower(i + 1) != "to" || doc.in_quote(i) {
            continue;
        }
        let start = i + 2;
        if !doc.is_word(start) || lex.pronoun(doc.lower(start)).is_some() {
            continue;
        }
        let sentence = doc.sentence_of[start];
        let mut end = start;
        while end < n
            && end < start + 15
            && doc.sentence_of[end] == sentence
            && !doc.in_quote(end)
            && (doc.is_word(end)
                || matches!(doc.word(end), "/" | "&" | "-" | "'" | "’" | "$" | "%"))
            && !matches!(doc.lower(end), "that" | "which" | "who")
        {
            end += 1;
        }
        if !(start..end).any(|t| doc.is_word(t)) || !doc.is_word(end - 1) {
            continue;
        }
        if out
            .iter()
            .any(|m| m.tokens.start == start && m.tokens.end >= end)
        {
            continue;
        }
        let head = doc.lower(end - 1).to_string();
        let entity_type = head_type(lex, &head);
        let opener = doc.lower(start);
        added.push(Candidate {
            bytes: doc.tokens[start].start..doc.tokens[end - 1].end,
            name_bytes: doc.tokens[start].start..doc.tokens[end - 1].end,
            tokens: start..end,
            kind: MentionKind::Description,
            name: Vec::new(),
            role: Some(head.clone()),
            plural: reads_plural(lex, &head),
            head: Some(head),
            entity_type: Some(entity_type),
            gender: None,
            gender_strong: false,
            possessive: false,
            indefinite: matches!(opener, "a" | "an" | "one" | "some"),
            in_quote: false,
            pronoun: None,
        });
    }
    out.extend(added);
}

/// What a source phrase with head noun `head` names: an organisation, a person or neither.
fn head_type(lex: &Lexicon, head: &str) -> EntityType {
    if lex.is_org_noun(head) {
        EntityType::Organization
    } else if lex.is_person_noun(head) {
        EntityType::Person
    } else {
        EntityType::Other
    }
}

/// The longest subject phrase [`add_clause_subjects`] takes, in words.
const LONGEST_SUBJECT: usize = 10;

/// Words that end a subject phrase when walking back from its verb: what stands before
/// them is another clause.
const SUBJECT_BOUNDARIES: WordSet = WordSet::new(&[
    "that", "and", "but", "or", "because", "if", "when", "while", "although", "though", "since",
    "as", "so", "whether", "where", "after", "before", "until", "unless", "than",
]);

/// Words that show the phrase before a verb is a clause, not its subject: "The state
/// officials whose laws have been invalidated say".
pub(crate) const SUBJECT_BREAKERS: WordSet = WordSet::new(&[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "should",
    "may", "might", "must", "do", "does", "did", "be", "been", "not", "to", "whose", "which",
    "who", "whom",
]);

/// Auxiliaries that may stand between a subject and its verb of saying, as may their
/// negated forms ([`crate::cues::NEGATED_AUXILIARIES`]): the perfect, the modals and "do"
/// ("have said", "would argue", "didn't say"), never a passive "be".
const PERFECT_OR_MODAL: WordSet = WordSet::new(&[
    "has", "have", "had", "will", "would", "could", "can", "should", "may", "might", "must", "do",
    "does", "did",
]);

/// Adverbs that stand between a conjunction and its verb ("and even questioned", "but then
/// said"): no subject.
const NOT_SUBJECTS: WordSet = WordSet::new(&[
    "even",
    "then",
    "also",
    "still",
    "just",
    "never",
    "only",
    "again",
    "later",
    "now",
    "soon",
    "finally",
    "already",
    "actually",
    "really",
    "always",
    "ever",
    "instead",
    "too",
    "yet",
    "thus",
    "therefore",
    "meanwhile",
    "however",
    "once",
    "first",
    "recently",
    "previously",
]);

/// "Protest groups say", "Some of the women said", "Everyone but Hewlett said", "Several
/// candidates, including Trump, said": when nothing the other finders know ends right before
/// a verb of saying, the phrase that opens its clause and runs up to it is its subject. Polls
/// and reports speak through such phrases as often as people do.
fn add_clause_subjects(doc: &Doc<'_>, lex: &Lexicon, out: &mut Vec<Candidate>) {
    let mut added: Vec<Candidate> = Vec::new();
    // The mentions by first token, with the longest one's length: the only mentions that
    // can touch a phrase start at most that many tokens before it, so each verb looks at a
    // few of them instead of all.
    let mut by_start: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .map(|(k, m)| (m.tokens.start, k))
        .collect();
    by_start.sort_unstable();
    let longest = out.iter().map(|m| m.tokens.len()).max().unwrap_or(0);
    for v in 1..doc.tokens.len() {
        let lower = doc.lower(v);
        if !doc.is_word(v) || doc.in_quote(v) {
            continue;
        }
        // "Local politicians are arguing": a progressive form is finite, found below.
        let progressive = lower.ends_with("ing")
            && matches!(doc.lower(v - 1), "is" | "are" | "was" | "were" | "been");
        if lower.ends_with("ing") && !progressive {
            // "to groups backing Cruz": the noun phrase right before a participle of saying
            // is its subject.
            if phrase_verb(lex, lower).is_some()
                && mention_ending_at(&by_start, longest, out, v).is_none()
            {
                if let Some(span) = reduced_relative_subject(doc, lex, v) {
                    let head = span.end - 1;
                    added.push(clause_subject(doc, lex, span, head));
                }
            }
            continue;
        }
        if !phrase_written_cue(lex, lower)
            && !crate::cues::seeing_as(doc, v, doc.sentences[doc.sentence_of[v] as usize].end)
        {
            continue;
        }
        // "the analysts, who pointed out", "dozens of women who claim": the people a
        // relative "who" stands for, when no other finder made them a mention.
        if let Some(span) = who_antecedent(doc, lex, v) {
            if mention_ending_at(&by_start, longest, out, span.end).is_none()
                && !added.iter().any(|m| m.tokens.end == span.end)
            {
                let head = span.end - 1;
                added.push(clause_subject(doc, lex, span, head));
            }
            continue;
        }
        // "Groups that oppose the law say": the relative's phrase, not "oppose the law".
        if let Some((span, head)) = relative_subject_span(doc, lex, v) {
            added.push(clause_subject(doc, lex, span, head));
            continue;
        }
        let Some(span) = subject_span(doc, lex, v) else {
            continue;
        };
        // Not a progressive after a verb of saying: in "said he and other leaders are
        // planning to skip it" the clause is what was said, whole.
        if progressive && after_written_cue(doc, lex, span.start) {
            continue;
        }
        // A mention the other finders made opens the phrase, or ends it with nothing but
        // modifiers before it ("digital strategist Ruth Amsel", "the Harbour Sentinel"):
        // the binder has it already. One after a preposition ("including Ada Moss") is not
        // the subject.
        let first = by_start.partition_point(|&(start, _)| start + longest <= span.start);
        let last = by_start.partition_point(|&(start, _)| start <= span.end);
        let near = by_start[first..last].iter().map(|&(_, k)| &out[k]);
        if near.chain(&added).any(|m| {
            (m.tokens.start <= span.start
                && m.tokens.end > span.start
                && !names_a_kind(doc, m.tokens.end, span.end))
                || (m.tokens.end == span.end
                    && m.tokens.start > span.start
                    && !(span.start..m.tokens.start)
                        .any(|j| crate::cues::PREPOSITIONS.contains(&doc.lower(j))))
                // "Former US secretary of state Madeleine Albright, a Clinton supporter,
                // said": a name before an apposition is the subject.
                || (m.kind == MentionKind::Name
                    && m.tokens.start > span.start
                    && m.tokens.end < span.end
                    && doc.is_punct(m.tokens.end, ","))
        }) {
            continue;
        }
        let head = phrase_head(doc, &span);
        added.push(clause_subject(doc, lex, span, head));
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|m| (m.bytes.start, m.bytes.end));
    }
}

/// The head noun of a subject phrase: the last word before what modifies it after it
/// ("people [familiar with the matter]", "one person [with knowledge of the plans]", "the
/// report [published Tuesday]"), or its last word.
fn phrase_head(doc: &Doc<'_>, span: &Range<usize>) -> usize {
    (span.start + 1..span.end)
        .find(|&k| {
            doc.is_word(k - 1)
                && (crate::cues::PREPOSITIONS.contains(&doc.lower(k))
                    || crate::cues::SUBJECT_POSTMODIFIERS.contains(&doc.lower(k))
                    || dated_participle(doc, k, span.end))
        })
        .map_or(span.end - 1, |k| k - 1)
}

/// The noun phrase that a relative "who" right before verb `v` stands for, over the comma
/// that may set the relative off: "heard from harbour pilots, who said", "some analysts and
/// activists, who said" (a conjunction bounds the phrase: "activists").
fn who_antecedent(doc: &Doc<'_>, lex: &Lexicon, v: usize) -> Option<Range<usize>> {
    // Modifiers before the head; longer runs have taken in a clause.
    const MOST_MODIFIERS: usize = 3;
    let who = subject_end(doc, v).checked_sub(1)?;
    if doc.lower(who) != "who" || doc.in_quote(who) || who < 2 {
        return None;
    }
    let head = if doc.is_punct(who - 1, ",") {
        who - 2
    } else {
        who - 1
    };
    let sentence = doc.sentence_of[head];
    // A word of the phrase, in its sentence (a capitalised one is the name finder's).
    let noun_like = |k: usize| doc.sentence_of[k] == sentence && phrase_word(doc, lex, k);
    if !noun_like(head) || is_time_noun(doc.lower(head)) {
        return None;
    }
    let mut start = head;
    while start > 0 && head - start < MOST_MODIFIERS && noun_like(start - 1) {
        start -= 1;
    }
    // An opening determiner or quantifier belongs to the phrase: "some analysts".
    if start > 0
        && doc.sentence_of[start - 1] == sentence
        && (DETERMINERS.contains(&doc.lower(start - 1))
            || SOURCE_OPENERS.contains(&doc.lower(start - 1)))
    {
        start -= 1;
    }
    Some(start..head + 1)
}

/// The mention among `out` (indexed by start in `by_start`, none longer than `longest`
/// tokens) that ends right before token `v`.
fn mention_ending_at(
    by_start: &[(usize, usize)],
    longest: usize,
    out: &[Candidate],
    v: usize,
) -> Option<usize> {
    let first = by_start.partition_point(|&(start, _)| start + longest < v);
    let upto = by_start.partition_point(|&(start, _)| start < v);
    by_start[first..upto]
        .iter()
        .map(|&(_, k)| k)
        .find(|&k| out[k].tokens.end == v)
}

/// The noun phrase right before participle `v` that is its subject, as in a reduced relative
/// clause ("to groups backing Cruz", "from hedge fund executives supporting her campaign"):
/// lower-case words ending on a noun, perhaps opened by a determiner, after a preposition.
/// Not after a comma (the participle then speaks for the sentence's subject), and not a
/// verb, an adverb or a time before it ("spent Thursday discussing", "began saying").
fn reduced_relative_subject(doc: &Doc<'_>, lex: &Lexicon, v: usize) -> Option<Range<usize>> {
    const LONGEST: usize = 4;
    let head = v - 1;
    let para = doc.tokens[v].paragraph;
    let noun = |k: usize| {
        let w = doc.lower(k);
        phrase_word(doc, lex, k)
            && !DESCRIPTION_STOPS.contains(&w)
            && doc.tokens[k].paragraph == para
            && !crate::cues::ends_like_adverb(w)
            && !crate::judge::is_time_word(w)
            && !w.ends_with("en")
            && !w.ends_with("n't")
            && !crate::lexicon::IRREGULAR_PAST.contains(&w)
    };
    let head_word = doc.lower(head);
    let record = crate::cues::RECORD_NOUNS.contains(&head_word)
        && doc.is_word(head)
        && !doc.tokens[head].capitalized;
    let named_noun = noun(head)
        && (lex.is_person_noun(head_word)
            || lex.is_noun_exact(head_word)
            || (ends_in_plural_s(head_word) && head_word.len() > 3));
    if !(record || named_noun) {
        return None;
    }
    let mut k = head;
    while k > 0 && head - k < LONGEST {
        // "a fundraising email": a modifier in -ing right after a determiner.
        let ing_modifier = k > 1
            && doc.lower(k - 1).ends_with("ing")
            && !doc.tokens[k - 1].capitalized
            && DETERMINERS.contains(&doc.lower(k - 2));
        if !(noun(k - 1) || ing_modifier) {
            break;
        }
        k -= 1;
    }
    // A determiner opens the phrase.
    if k > 0 && DETERMINERS.contains(&doc.lower(k - 1)) && doc.tokens[k - 1].paragraph == para {
        k -= 1;
    }
    // A preposition governs it ("gave $10 million to groups backing Bush"): as the object
    // of a verb the phrase speaks less often than the sentence's subject ("the KGB planted
    // newspaper articles alleging", "emailed supporters saying").
    // But whom a message goes to is no sender: "sent a text to supporters saying".
    let governed = k > 0
        && doc.is_word(k - 1)
        && doc.tokens[k - 1].paragraph == para
        && (crate::cues::PREPOSITIONS.contains(&doc.lower(k - 1))
            || matches!(doc.lower(k - 1), "despite" | "amid"))
        && !(doc.lower(k - 1) == "to" && lex.is_person_noun(head_word));
    governed.then_some(k..v)
}

/// The mention of a clause's subject: the whole phrase, a relative clause closing it
/// included, as annotators mark it, typed and numbered by its head noun at token `head`.
fn clause_subject(doc: &Doc<'_>, lex: &Lexicon, span: Range<usize>, head: usize) -> Candidate {
    let head_word = doc.lower(head).to_string();
    // "One person with knowledge of the plans": a person, though "the person" alone is too
    // vague a description to take up someone named before.
    let entity_type = if (PLURAL_SOURCES.contains(&head_word.as_str()) && head_word != "police")
        || matches!(head_word.as_str(), "person" | "individual" | "individuals")
    {
        EntityType::Person
    } else {
        head_type(lex, &head_word)
    };
    let plural = reads_plural(lex, &head_word) || matches!(head_word.as_str(), "people" | "those");
    let mut m = source_description(
        doc,
        span,
        Some(head_word.clone()),
        Some(head_word),
        entity_type,
        plural,
    );
    m.indefinite = !matches!(doc.lower(m.tokens.start), "the" | "those" | "these");
    m
}

/// True when tokens `from..to`, after a name, are a lower-case noun or two the name
/// qualifies: "Exit polls", "the Quinnipiac poll", "Ipsos data", not a time ("Moss last
/// week said"). The phrase is then the subject, not the name opening it.
fn names_a_kind(doc: &Doc<'_>, from: usize, to: usize) -> bool {
    // "A court document filed Thursday says": the noun, then a dated participle.
    dated_participle(doc, from, to)
        || (from + 1..to.min(from + 3))
            .any(|p| dated_participle(doc, p, to) && names_a_kind(doc, from, p))
        || from < to
            && to - from <= 2
            && (from..to).all(|j| {
                let w = doc.lower(j);
                doc.is_word(j)
                    && !doc.tokens[j].capitalized
                    && !crate::cues::PREPOSITIONS.contains(&w)
                    && !DESCRIPTION_STOPS.contains(&w)
                    && !crate::cues::ends_like_adverb(w)
                    && !crate::judge::is_time_word(w)
                    // "Stewart wouldn't say": a negated auxiliary, not a noun.
                    && !w.ends_with("n't")
            })
}

/// True for a noun of time that heads an adjunct after a preposition: "in the past", "at
/// the time", "in recent weeks".
pub(crate) fn is_time_noun(lower: &str) -> bool {
    matches!(lower, "past" | "time" | "days" | "decade" | "decades")
        || (crate::judge::is_time_word(lower) && !lower.ends_with("ly"))
}

/// True for a word spelled as a plural noun (or a verb of the third person): an "s" at its
/// end that is not "ss" ("polls", "says", not "press").
pub(crate) fn ends_in_plural_s(word: &str) -> bool {
    word.ends_with('s') && !word.ends_with("ss")
}

/// True for a word spelled as a plural: in a plain "s", or a person noun's plural in "-men"
/// ("congressmen").
fn reads_plural(lex: &Lexicon, word: &str) -> bool {
    ends_in_plural_s(word) || lex.is_irregular_person_plural(word)
}

/// True when token `at` is a participle in -ed with only words of time after it up to token
/// `to` ("A survey conducted Monday found", "The report published Tuesday showed"): it
/// describes the noun before it, and the verb at `to` keeps that noun as its subject.
pub(crate) fn dated_participle(doc: &Doc<'_>, at: usize, to: usize) -> bool {
    at + 1 < to
        && doc.is_word(at)
        && doc.lower(at).ends_with("ed")
        && only_time_words(doc, at + 1..to)
}

/// True when tokens `range` are all words of time ("Monday", "last week"), or none.
fn only_time_words(doc: &Doc<'_>, range: Range<usize>) -> bool {
    range
        .into_iter()
        .all(|t| doc.is_word(t) && crate::judge::is_time_word(doc.lower(t)))
}

/// Where the subject of verb `v` ends: before the adverbs between them ("also", "have
/// long") and one auxiliary with its negation ("Republican officials have said", "Labor
/// unions did not say"); a passive "be" is no such auxiliary.
fn subject_end(doc: &Doc<'_>, v: usize) -> usize {
    let adverb = |w: &str| {
        matches!(
            w,
            "also"
                | "now"
                | "still"
                | "often"
                | "however"
                | "repeatedly"
                | "soon"
                | "later"
                | "then"
                | "never"
                | "already"
                | "just"
                | "even"
        )
    };
    let mut end = v;
    let mut auxiliary = false;
    // "are arguing", "have been saying": a participle in "-ing" takes a form of "be".
    let progressive = doc.lower(v).ends_with("ing");
    while end > 0 && doc.is_word(end - 1) && doc.sentence_of[end - 1] == doc.sentence_of[v] {
        let w = doc.lower(end - 1);
        let between = !auxiliary
            && (matches!(w, "not" | "long" | "yet" | "previously")
                || crate::cues::reads_as_adverb(w)
                || (progressive && w == "been"));
        if adverb(w) || between {
            end -= 1;
        } else if !auxiliary
            && (PERFECT_OR_MODAL.contains(&w)
                || crate::cues::NEGATED_AUXILIARIES.contains(&w)
                || (progressive && matches!(w, "is" | "are" | "was" | "were")))
        {
            auxiliary = true;
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// The tokens of a subject that a relative clause closes, up to verb `v`: "Officials who
/// spoke on condition of anonymity said", "Voters who attended the rally said", "Groups
/// that oppose the law say". The noun phrase before the relative opens its clause as
/// [`subject_span`] wants; the relative holds a few words, none a clause boundary or a
/// comma, and its own verb stands before `v` ("people who say" is the relative's). The
/// second value is the noun phrase's last token, the head.
fn relative_subject_span(doc: &Doc<'_>, lex: &Lexicon, v: usize) -> Option<(Range<usize>, usize)> {
    const LONGEST_RELATIVE: usize = 12;
    let sentence = doc.sentence_of[v];
    let para = doc.tokens[v].paragraph;
    let end = subject_end(doc, v);
    let inside = |j: usize| {
        doc.sentence_of[j] == sentence && doc.tokens[j].paragraph == para && !doc.in_quote(j)
    };
    // The relative pronoun, with at least one word of its clause after it.
    let mut r = end;
    loop {
        if r == 0 || end - r > LONGEST_RELATIVE {
            return None;
        }
        r -= 1;
        if !inside(r) || !doc.is_word(r) {
            if inside(r) && matches!(doc.word(r), "-" | "'" | "’" | "%" | "$" | ".") {
                continue;
            }
            return None;
        }
        let w = doc.lower(r);
        if matches!(w, "who" | "that" | "which" | "whose") {
            break;
        }
        if SUBJECT_BOUNDARIES.contains(&w) || phrase_written_cue(lex, w) && r + 1 == end {
            return None;
        }
    }
    // A determiner before `v` makes it a noun: "who attended the rally said the plan".
    // A pronoun there is the verb's own subject ("who will believe anything he says"), and
    // a capitalised relative is a title-case headline's.
    let before_verb = doc.lower(end - 1);
    if r + 1 >= end
        || r == 0
        || doc.tokens[r].capitalized
        || lex.pronoun(before_verb).is_some()
        || DETERMINERS.contains(&before_verb)
        || is_possessive(before_verb)
        || matches!(before_verb, "this" | "that" | "these" | "those")
    {
        return None;
    }
    // The relative is its clause's subject: "that she wanted" is a complement clause, and
    // "that" before a name or a determiner ("the plan that Smith wrote") opens one too.
    let after = doc.lower(r + 1);
    if lex.pronoun(after).is_some()
        || DETERMINERS.contains(&after)
        || (doc.lower(r) == "that" && doc.tokens[r + 1].capitalized)
    {
        return None;
    }
    // The noun phrase before it, opening its clause.
    let head = r - 1;
    let head_word = doc.lower(head);
    if !doc.is_word(head)
        || !inside(head)
        || is_possessive(head_word)
        || DETERMINERS.contains(&head_word)
        || (lex.pronoun(head_word).is_some() && !matches!(head_word, "those" | "some" | "many"))
    {
        return None;
    }
    let mut k = r;
    while k > 0 && inside(k - 1) && doc.is_word(k - 1) && r - (k - 1) <= 6 {
        let w = doc.lower(k - 1);
        if SUBJECT_BOUNDARIES.contains(&w) {
            break;
        }
        let opening_noun = doc.tokens[k - 1].capitalized && sentence_start(doc, k - 1);
        if SUBJECT_BREAKERS.contains(&w)
            || (phrase_written_cue(lex, w) && !opening_noun)
            || (lex.pronoun(w).is_some() && !DETERMINERS.contains(&w) && k - 1 != head)
            || (!doc.tokens[k - 1].capitalized
                && (crate::cues::ends_like_adverb(w) || w.ends_with("ing") || w.ends_with("ed")))
        {
            return None;
        }
        k -= 1;
    }
    // The phrase opens its sentence, or follows a clause boundary.
    let opens = k == 0
        || !inside(k - 1)
        || (doc.is_word(k - 1) && SUBJECT_BOUNDARIES.contains(&doc.lower(k - 1)));
    if k == r || !opens || crate::cues::PREPOSITIONS.contains(&doc.lower(k)) {
        return None;
    }
    let mut last = end;
    while last > r + 1 && !doc.is_word(last - 1) {
        last -= 1;
    }
    Some((k..last, head))
}

/// The first token of an aside set off by dashes that closes right before token `end`: an
/// em or en dash, or two hyphens, on both sides, in one sentence, outside quotations.
fn dash_aside_before(doc: &Doc<'_>, end: usize) -> Option<usize> {
    let close = end.checked_sub(1)?;
    if !doc.is_dash(close) || doc.in_quote(close) {
        return None;
    }
    let mark = doc.word(close);
    let doubled = mark == "-";
    if doubled && !(close > 0 && doc.is_punct(close - 1, mark)) {
        return None;
    }
    let inner_end = if doubled { close - 1 } else { close };
    let sentence = doc.sentence_of[close];
    let open = (inner_end.saturating_sub(22)..inner_end)
        .rev()
        .take_while(|&o| doc.sentence_of[o] == sentence && !doc.in_quote(o))
        .find(|&o| doc.is_punct(o, mark))?;
    let open = if doubled {
        open.checked_sub(1).filter(|&o| doc.is_punct(o, mark))?
    } else {
        open
    };
    (open + 1 < inner_end).then_some(open)
}

/// The tokens of the phrase that opens the clause of verb `v` and runs up to it (over one
/// apposition set off by commas), when it reads as a subject: a few words, no verb, no
/// quotation, opening its sentence or following a clause boundary.
fn subject_span(doc: &Doc<'_>, lex: &Lexicon, v: usize) -> Option<Range<usize>> {
    let sentence = doc.sentence_of[v];
    let para = doc.tokens[v].paragraph;
    // "Intelligence officials — including the agency's director — have argued": an aside
    // between dashes (or doubled hyphens) right before the verb; the phrase before it is
    // the subject.
    let after_subject = subject_end(doc, v);
    let end = dash_aside_before(doc, after_subject).unwrap_or(after_subject);
    let mut k = end;
    let mut words = 0;
    let mut commas = 0;
    while k > 0 {
        let j = k - 1;
        if doc.sentence_of[j] != sentence || doc.tokens[j].paragraph != para || doc.in_quote(j) {
            break;
        }
        match doc.tokens[j].kind {
            TokenKind::Word => {
                let w = doc.lower(j);
                if SUBJECT_BOUNDARIES.contains(&w) {
                    break;
                }
                // "sources close to the campaign say": "to" after an adjective that takes a
                // phrase is no infinitive.
                let postmodifying = w == "to"
                    && j > 0
                    && crate::cues::SUBJECT_POSTMODIFIERS.contains(&doc.lower(j - 1));
                // A possessive determiner opens the phrase ("her allies fear").
                // A capitalised verb form opening the sentence before another word of the
                // phrase is a noun: "Protest groups in Ohio say", "Support staff said".
                // So is a verb form right before a person noun: "But protest organizers
                // in Cleveland say".
                // And a verb form right after an article or a possessive determiner:
                // "A person with knowledge of the plans said".
                let opening_noun = (j + 1 < end
                    && ((doc.tokens[j].capitalized && sentence_start(doc, j))
                        || (doc.is_word(j + 1) && lex.is_person_noun(doc.lower(j + 1)))))
                    || follows_determiner(doc, j);
                // An object pronoun after a preposition belongs to the phrase, and so does
                // a pronoun of quantity before more of it: "those around him say", "many
                // close to them argue".
                let object_of_preposition = matches!(w, "him" | "them" | "us" | "me")
                    && j > 0
                    && crate::cues::PREPOSITIONS.contains(&doc.lower(j - 1));
                if (SUBJECT_BREAKERS.contains(&w) && !postmodifying)
                    || (phrase_written_cue(lex, w) && !opening_noun)
                    || (lex.pronoun(w).is_some()
                        && !DETERMINERS.contains(&w)
                        && !object_of_preposition
                        && !(j + 1 < end && matches!(w, "those" | "many" | "some" | "most")))
                {
                    return None;
                }
                words += 1;
                if words > LONGEST_SUBJECT {
                    return None;
                }
            }
            TokenKind::Punct if doc.word(j) == "," => {
                // One apposition: the comma right before the verb and the one opening it.
                // Any other comma ends the clause before the subject ("Again, those
                // surveyed said").
                if j + 1 == end || commas == 1 {
                    commas += 1;
                } else {
                    break;
                }
            }
            TokenKind::Punct
                if matches!(doc.word(j), "-" | "'" | "’" | "%" | "$" | "&" | "." | "/") => {}
            _ => break,
        }
        k = j;
    }
    // An apposition needs both its commas.
    if commas == 1 {
        return None;
    }
    if words == 0 || k >= end || !doc.is_word(k) {
        return None;
    }
    let mut last = end;
    while last > k && !doc.is_word(last - 1) {
        last -= 1;
    }
    if last <= k {
        return None;
    }
    // A noun phrase, not an adjunct ("on Friday said"), an adverb ("and specifically
    // mentioned") or a verb phrase ("deleted an archive using a program"): it opens on no
    // preposition, and no lower-case word in it reads as an adverb, a participle or a past
    // form, save a last one after a determiner ("those surveyed").
    let first = doc.lower(k);
    let head = doc.lower(last - 1);
    if crate::cues::PREPOSITIONS.contains(&first)
        || is_weekday_or_month(first)
        || NOT_SUBJECTS.contains(&head)
        || matches!(
            head,
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "our"
                | "my"
                | "your"
                | "this"
                // "Trump made no mention of God": a quantifier before the verb makes it a
                // noun.
                | "no"
                | "little"
        )
        || is_possessive(head)
    {
        return None;
    }
    if names_a_time(doc, k..last) {
        return None;
    }
    // A participle opening the sentence with its object is an adjunct, not the subject:
    // "Making the rounds on the Sunday shows, Carson said", "Given his past, ...".
    if last > k + 1
        && doc.tokens[k].capitalized
        && sentence_start(doc, k)
        && (first.ends_with("ing") || first.ends_with("ed") || matches!(first, "given" | "absent"))
        && DETERMINERS.contains(&doc.lower(k + 1))
    {
        return None;
    }
    // A noun in "-ing" may close a phrase that opens on a capital or a determiner: "Exit
    // polling shows", "the ruling found".
    let ing_noun_head = last > k + 1
        && (doc.tokens[k].capitalized || DETERMINERS.contains(&first))
        && head.ends_with("ing");
    // An "-ing" word right before a plural head modifies it: "fundraising documents show",
    // "polling numbers suggest".
    let plural_head = head.len() > 3 && ends_in_plural_s(head);
    let verbal = (k..last).any(|j| {
        let w = doc.lower(j);
        doc.is_word(j)
            && !doc.tokens[j].capitalized
            && !crate::cues::PREPOSITIONS.contains(&w)
            && (crate::cues::ends_like_adverb(w)
                || (w.ends_with("ing")
                    && !(j + 1 == last && ing_noun_head)
                    && !(j + 2 == last && plural_head)
                    // "familiar with the planning for": a noun after an article.
                    && !(j > k && follows_determiner(doc, j)))
                // "those surveyed", "A news report published Wednesday": a participle
                // with only a time after it.
                || (w.ends_with("ed") && !(j > k && only_time_words(doc, j + 1..last))))
    });
    (!verbal).then_some(k..last)
}

/// True when token `j` comes right after an article or a possessive determiner, where a
/// word that reads as a verb is a noun: "the plans", "the talks", "the planning".
fn follows_determiner(doc: &Doc<'_>, j: usize) -> bool {
    j > 0 && doc.is_word(j - 1) && DETERMINERS.contains(&doc.lower(j - 1))
}

/// True when tokens `range` only say when: "last week", "a month later", "two years ago".
/// Before a verb such a phrase is an adjunct ("Beck last week said"), never its subject.
pub(crate) fn names_a_time(doc: &Doc<'_>, range: Range<usize>) -> bool {
    let time = |j: usize| doc.is_word(j) && crate::judge::is_time_word(doc.lower(j));
    range.clone().any(time) && range.into_iter().all(|j| time_phrase_word(doc, j))
}

/// True for a word that may stand in a phrase of time: a word of time, an article, a
/// small number or "ago".
pub(crate) fn time_phrase_word(doc: &Doc<'_>, j: usize) -> bool {
    let w = doc.lower(j);
    !doc.is_word(j)
        || crate::judge::is_time_word(w)
        || matches!(
            w,
            "a" | "an" | "the" | "one" | "two" | "few" | "several" | "ago"
        )
        || w.starts_with(|c: char| c.is_ascii_digit())
}

/// "the Scot", "the Blairites": a capitalised head noun is the description itself, not a
/// second mention inside it.
fn drop_heads_of_descriptions(out: &mut Vec<Candidate>) {
    let head_ends: Vec<usize> = out
        .iter()
        .filter(|m| m.kind == MentionKind::Description)
        .map(|m| m.tokens.end)
        .collect();
    let descriptions: Vec<Range<usize>> = out
        .iter()
        .filter(|m| m.kind == MentionKind::Description)
        .map(|m| m.tokens.clone())
        .collect();
    out.retain(|m| {
        m.kind != MentionKind::Name
            || !descriptions
                .iter()
                .zip(&head_ends)
                .any(|(d, &end)| d.start < m.tokens.start && m.tokens.end == end)
    });
}

pub(crate) fn is_possessive(lower: &str) -> bool {
    lower.ends_with("'s") || (lower.ends_with('\'') && lower.len() > 1)
}

fn strip_possessive(lower: &str) -> &str {
    lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(lower)
}

/// True when a verb of saying stands before token `i` in its sentence, outside quotation
/// marks.
fn after_written_cue(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> bool {
    let start = doc.sentences[doc.sentence_of[i] as usize].start;
    (start..i).any(|k| doc.is_word(k) && !doc.in_quote(k) && phrase_written_cue(lex, doc.lower(k)))
}

fn sentence_start(doc: &Doc<'_>, i: usize) -> bool {
    let s = doc.sentence_of[i] as usize;
    if doc.sentences[s].start == i {
        return true;
    }
    let prev = i - 1;
    // After a quotation closed on a comma the sentence goes on: `"I'm sorry," Quick said`.
    let closed_on_comma = prev > 0
        && doc.in_quote(prev)
        && doc.regions[doc.region_of[prev] as usize].close == Some(prev)
        && doc.is_punct(prev - 1, ",");
    matches!(
        doc.tokens[prev].kind,
        TokenKind::DoubleMark | TokenKind::SingleMark
    ) && !closed_on_comma
        || doc.is_punct(prev, ":")
        || doc.is_punct(prev, "(")
        || doc.is_punct(prev, "—")
        || doc.is_punct(prev, "-")
}

/// True when token `i` follows a full stop, as a sentence inside a quotation opens: `"It was
/// fine. A lot of people came."` (the sentence splitter keeps a quotation whole).
fn after_full_stop(doc: &Doc<'_>, i: usize) -> bool {
    i > 0 && matches!(doc.word(i - 1), "." | "!" | "?")
}

/// True for a word in capitals throughout, as a shouted headline writes it ("SIGN UP FOR OUR
/// NEWSLETTER"); one letter is an initial, not shouting.
fn shouted(word: &str) -> bool {
    word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase())
}

/// True when a word of `lower` stands capitalised in some sentence of the article after its
/// first token, as names do and sentence adverbs do not.
fn capitalised_inside_a_sentence(doc: &Doc<'_>, lower: &str) -> bool {
    (1..doc.tokens.len()).any(|j| {
        doc.tokens[j].capitalized
            && !sentence_start(doc, j)
            && !after_full_stop(doc, j)
            && strip_possessive(doc.lower(j)) == lower
    })
}

fn name_word(doc: &Doc<'_>, i: usize) -> bool {
    let t = &doc.tokens[i];
    t.kind == TokenKind::Word
        && t.capitalized
        && !doc.lower(i).contains("-year-old")
        && !compound_modifier(doc.word(i))
        && doc.lower(i) != "i"
        && doc.lower(i) != "i'm"
}

/// True for a capitalised word joined by a hyphen to a lower-case one, an adjective
/// rather than a name: "Trump-style", "Obama-era", "GOP-led".
fn compound_modifier(word: &str) -> bool {
    word.rsplit_once('-').is_some_and(|(head, tail)| {
        !head.is_empty() && !tail.is_empty() && tail.chars().all(char::is_lowercase)
    })
}

/// True for a present-tense verb of saying ("says", "slams", "urges"), which Title Case
/// headlines capitalise but no name holds; the plural nouns of the same shape that names
/// do hold ("United States", "Consumer Reports") are not.
fn headline_verb(lex: &Lexicon, lower: &str) -> bool {
    // "17 Things Salma Hayek Described": a past form in "-ed" ends a name as well.
    let past = lower.len() > 5 && lower.ends_with("ed");
    lower.len() > 3
        && (ends_in_plural_s(lower) || past)
        && !matches!(
            lower,
            "states"
                | "reports"
                | "notes"
                | "posts"
                | "comments"
                | "answers"
                | "questions"
                | "demands"
                | "promises"
                | "statements"
                | "shows"
                | "plans"
                | "hopes"
                | "fears"
        )
        && phrase_verb(lex, lower).is_some()
}

/// True when token `t` is a lower-case verb of saying, as follows a surname ("Schilling
/// told", "King says") but not a participle or a title opening a phrase.
fn saying_verb_at(doc: &Doc<'_>, lex: &Lexicon, t: usize) -> bool {
    t < doc.tokens.len()
        && doc.is_word(t)
        && !doc.tokens[t].capitalized
        && phrase_verb(lex, doc.lower(t)).is_some()
}

/// True when token `t` is a capitalised plural before its possessive apostrophe
/// ("Traders" "'") and the word that ends an organisation's name follows ("Association").
fn possessive_plural_in_org(doc: &Doc<'_>, lex: &Lexicon, t: usize) -> bool {
    t + 2 < doc.tokens.len()
        && name_word(doc, t)
        && doc.lower(t).ends_with('s')
        && doc.tokens[t + 1].kind == TokenKind::SingleMark
        && doc.tokens[t + 1].start == doc.tokens[t].end
        && matches!(doc.word(t + 1), "'" | "’")
        && name_word(doc, t + 2)
        && lex.is_org_name_word(strip_possessive(doc.lower(t + 2)))
}

/// True when token `t` is an auxiliary or "not", which a Title Case headline capitalises
/// ("Christie Says He Would Issue A Quarantine", "Voters Are Sorry") but no name holds. "Will"
/// and "May" are names too ("George Will", "Theresa May"), so they count only before another
/// auxiliary ("Trump May Not Have Suggested").
fn headline_auxiliary(doc: &Doc<'_>, lex: &Lexicon, t: usize) -> bool {
    let plain = |t: usize| {
        let lower = doc.lower(t);
        (PERFECT_OR_MODAL.contains(&lower)
            || matches!(lower, "is" | "are" | "was" | "were" | "not"))
            && !matches!(lower, "will" | "may")
            && !lex.is_first_name(lower)
    };
    if !name_word(doc, t) {
        return false;
    }
    if matches!(doc.lower(t), "will" | "may") {
        return t + 1 < doc.tokens.len()
            && doc.tokens[t + 1].paragraph == doc.tokens[t].paragraph
            && name_word(doc, t + 1)
            && plain(t + 1);
    }
    plain(t)
}

/// True when token `i` follows a capitalised auxiliary inside its sentence, as a headline's
/// verb does ("Trump Would Put Liberals On Court"); an auxiliary opening a question is no
/// sign of a headline ("Does Rubio oppose ...").
fn after_headline_auxiliary(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> bool {
    i > 0
        && doc.tokens[i - 1].paragraph == doc.tokens[i].paragraph
        && headline_auxiliary(doc, lex, i - 1)
        && !sentence_start(doc, i - 1)
}

/// A capitalised name starting at token `i`, with any title and prenominal role.
fn name_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<Candidate> {
    if !name_word(doc, i) {
        return None;
    }
    let first_lower = strip_possessive(doc.lower(i));
    if headline_auxiliary(doc, lex, i) || after_headline_auxiliary(doc, lex, i) {
        return None;
    }
    // "Ada Moss Revealed Ferry Plans": the headline's past verb after a name starts none.
    if i > 0
        && name_word(doc, i - 1)
        && doc.tokens[i - 1].paragraph == doc.tokens[i].paragraph
        && first_lower.ends_with("ed")
        && headline_verb(lex, first_lower)
        && !shouted(doc.word(i))
    {
        return None;
    }
    // "They're saying", "We've argued", "He'll need": a pronoun with its auxiliary.
    let bare = without_contraction(first_lower);
    if bare != first_lower && lex.pronoun(bare).is_some() {
        return None;
    }
    if lex.is_non_name_capital(first_lower)
        && (sentence_start(doc, i)
            || after_full_stop(doc, i)
            || shouted(doc.word(i))
            // A Title Case headline capitalises its prepositions and articles too: "Voters
            // Turn On Trump For Hollywood Remarks" holds no name "For Hollywood Remarks";
            // a surname of the same spelling takes its verb of saying ("From said").
            || ((crate::cues::PREPOSITIONS.contains(&first_lower)
                || matches!(first_lower, "a" | "an"))
                && !saying_verb_at(doc, lex, i + 1))
            || CLAUSE_OPENERS.contains(&first_lower)
            || lex.pronoun(first_lower).is_some()
            || first_lower == "the"
            || is_weekday_or_month(first_lower))
    {
        return None;
    }
    // An adverb opening the sentence before a comma ("Essentially, the lawyers ..."), unless
    // the article capitalises the word inside a sentence too, as a surname ("Phyllis
    // Schlafly"); short words in -ly are as often names ("Kelly, the host, said").
    if sentence_start(doc, i)
        && first_lower.ends_with("ly")
        && first_lower.len() > 5
        && i + 1 < doc.tokens.len()
        && doc.is_punct(i + 1, ",")
        && !capitalised_inside_a_sentence(doc, first_lower)
    {
        return None;
    }
    // A plural for people or records opening the sentence on its own ("Critics say",
    // "Aides to the senator said") is a description, not the name "Critics", unless the
    // article capitalises it inside a sentence too ("Democrats").
    let record = RECORD_PLURALS.contains(&first_lower);
    if (sentence_start(doc, i) || after_full_stop(doc, i))
        && (PLURAL_SOURCES.contains(&first_lower) || record)
        && !(i + 1 < doc.tokens.len() && name_word(doc, i + 1))
        && !capitalised_inside_a_sentence(doc, first_lower)
    {
        let entity_type = match first_lower {
            _ if record => EntityType::Other,
            "police" | "authorities" => EntityType::Organization,
            _ => EntityType::Person,
        };
        let head = Some(first_lower.to_string());
        let mut group = source_description(doc, i..i + 1, head.clone(), head, entity_type, true);
        // It opens its clause as a subject, like a name: no object after a verb.
        group.indefinite = false;
        return Some(group);
    }
    // A participle opening the sentence ("Speaking to reporters"), unless a verb of saying
    // follows it as it follows a surname ("Schilling told WEEI").
    let verb_after = saying_verb_at(doc, lex, i + 1);
    if sentence_start(doc, i)
        && (phrase_verb(lex, first_lower).is_some()
            || (first_lower.ends_with("ing") && first_lower.len() > 5 && !verb_after)
            || (first_lower.ends_with("ed") && first_lower.len() > 4 && !verb_after))
    {
        return None;
    }
    let para = doc.tokens[i].paragraph;
    let mut end = i + 1;
    let mut possessive = is_possessive(doc.lower(i));
    if possessive_plural_in_org(doc, lex, i) {
        end = i + 2;
    }
    // Where the name proper starts after a title with a complement ("Secretary of State
    // John Kerry"), once one is read.
    let mut complement_name = None;
    while !possessive && end < doc.tokens.len() && doc.tokens[end].paragraph == para {
        // A headline's capitalised verb of saying ends the name before it: "Bellwether
        // County Says Trump Should Win".
        if name_word(doc, end)
            && (headline_verb(lex, doc.lower(end)) || headline_auxiliary(doc, lex, end))
            && !shouted(doc.word(end))
        {
            break;
        }
        // A plural possessive inside an organisation's name: "the Harbour Traders'
        // Association", "the Farmers' Union".
        if possessive_plural_in_org(doc, lex, end) {
            end += 2;
            continue;
        }
        // A word that is no name alone may still end one: "Fox News", "Judicial Watch", and
        // "May" after a first name ("Theresa May").
        if name_word(doc, end)
            && (!lex.is_non_name_capital(doc.lower(end))
                || lex.is_org_name_word(doc.lower(end))
                || (doc.lower(end) == "may" && lex.is_first_name(doc.lower(end - 1))))
        {
            possessive = is_possessive(doc.lower(end));
            end += 1;
        } else if let Some((run, first_name)) = title_complement(doc, lex, end) {
            complement_name = Some((end, first_name));
            end = run;
        } else if CONNECTORS.contains(&doc.lower(end))
            && end + 1 < doc.tokens.len()
            && name_word(doc, end + 1)
        {
            end += 1;
        } else {
            break;
        }
    }
    // The name read by the complement may have been cut short since ("Chief of Staff Would
    // Resign": a headline's verb ends the name): then the name ends before the complement.
    if let Some((preposition, first_name)) = complement_name {
        if first_name >= end {
            end = preposition;
        }
    }
    // Titles: everything up to the last title word is role, not name.
    let mut name_start = i;
    let mut title_gender = None;
    let mut has_title = false;
    for t in i..end {
        let lower = strip_possessive(doc.lower(t));
        if let Some(g) = lex.title(lower) {
            if t + 1 < end {
                name_start = t + 1;
                has_title = true;
                if g.is_some() {
                    title_gender = g;
                }
            }
        }
    }
    if let Some((_, first_name)) = complement_name.filter(|&(_, first)| first < end) {
        has_title = true;
        name_start = name_start.max(first_name);
    }
    // A capitalised affiliation before a first name and a surname is a role, not the name:
    // "Democrat Hillary Clinton", "Libertarian Gary Johnson".
    if name_start == i
        && end >= i + 3
        && !lex.is_first_name(strip_possessive(doc.lower(i)))
        && lex.is_first_name(doc.lower(i + 1))
    {
        name_start = i + 1;
    }
    if name_start == i && end > i + 1 && lex.title(strip_possessive(doc.lower(end - 1))).is_some() {
        // "Respect MP", "Glasgow MP": a role, not a name.
        return None;
    }
    // A title alone is a role ("the President"), unless a verb of saying follows it as
    // it follows a surname ("King says").
    let verb_follows = !(i > 0 && matches!(doc.lower(i - 1), "the" | "a" | "an" | "its" | "their"))
        && saying_verb_at(doc, lex, end);
    if end == i + 1
        && lex.title(first_lower).is_some()
        && !first_lower.ends_with('.')
        && !verb_follows
    {
        return None;
    }
    // "Republican politicians", "Democratic economists": a party word before a plural noun
    // for people is its adjective, and the two are a description.
    if end == i + 1
        && !possessive
        && end < doc.tokens.len()
        && doc.is_word(end)
        && !doc.tokens[end].capitalized
        && doc.tokens[end].paragraph == para
        && (lex.is_person_noun(first_lower) || first_lower.ends_with("ic"))
        && (doc.lower(end) == "people"
            || (doc.lower(end).ends_with('s') && lex.is_person_noun(doc.lower(end))))
    {
        let head = doc.lower(end).to_string();
        let mut group = source_description(
            doc,
            i..end + 1,
            Some(format!("{first_lower} {head}")),
            Some(head),
            EntityType::Person,
            true,
        );
        group.indefinite = false;
        group.in_quote = doc.in_quote(i);
        return Some(group);
    }
    let role_tokens = i..name_start;
    let name_tokens = name_start..end;
    let name: Vec<String> = name_tokens
        .clone()
        .map(|t| {
            strip_possessive(doc.lower(t))
                .trim_end_matches('.')
                .to_string()
        })
        .collect();
    if name.iter().all(|w| PLACES.contains(&w.as_str())) && !has_title {
        return None;
    }
    let is_org = name.iter().any(|w| lex.is_org_name_word(w))
        || (name.len() == 1
            && name[0].len() <= 5
            && doc.word(name_start).chars().all(|c| c.is_uppercase()));
    let first_gender = lex.first_name_gender(&name[0]);
    let entity_type = if has_title || (first_gender.is_some() && name.len() > 1) {
        Some(EntityType::Person)
    } else if is_org {
        Some(EntityType::Organization)
    } else if name.len() > 1 {
        Some(EntityType::Person)
    } else {
        None
    };
    // A prenominal role: "Unite leader Len McCluskey", "coach Viktor Sandberg".
    let mut start = i;
    let mut role_words: Vec<String> = role_tokens
        .clone()
        .map(|t| doc.lower(t).to_string())
        .collect();
    if entity_type == Some(EntityType::Person) && i > 0 && doc.tokens[i - 1].paragraph == para {
        let prev = doc.lower(i - 1);
        if doc.is_word(i - 1)
            && !doc.tokens[i - 1].capitalized
            && lex.is_person_noun(prev)
            && !is_possessive(prev)
        {
            start = i - 1;
            let mut words = vec![prev.to_string()];
            while start > 0
                && doc.tokens[start - 1].paragraph == para
                && doc.is_word(start - 1)
                && !is_possessive(doc.lower(start - 1))
                && (doc.tokens[start - 1].capitalized
                    || matches!(
                        doc.lower(start - 1),
                        "general" | "deputy" | "chief" | "former" | "local" | "senior" | "shadow"
                    ))
                && !lex.is_non_name_capital(doc.lower(start - 1))
            {
                start -= 1;
                words.insert(0, doc.lower(start).to_string());
            }
            words.extend(role_words);
            role_words = words;
        }
    }
    let role = (!role_words.is_empty()).then(|| role_words.join(" "));
    let last = end - 1;
    let mut byte_end = doc.tokens[last].end;
    if possessive {
        let w = doc.word(last);
        byte_end -= w.len() - strip_possessive_raw(w).len();
    }
    Some(Candidate {
        bytes: doc.tokens[start].start..byte_end,
        name_bytes: doc.tokens[name_start].start..byte_end,
        tokens: start..end,
        kind: MentionKind::Name,
        name,
        role,
        head: None,
        entity_type,
        gender: title_gender.or(if has_title { None } else { first_gender }),
        gender_strong: title_gender.is_some(),
        plural: false,
        possessive,
        indefinite: false,
        in_quote: doc.in_quote(i),
        pronoun: None,
    })
}

/// Marks the one-word names that are the plural of a capitalised word the article also uses
/// ("Germans" beside "German", "the Clintons" beside "Clinton"), or a people's name in
/// "-ans" ("Americans"): groups, whom "he" and "she" never stand for. A surname is left
/// alone: one whose singular is a first name ("Roberts" beside "Robert"), or one that
/// follows a first name somewhere ("Bernie Sanders" beside a misspelt "Sander"). One pass
/// over the article, and only when such a name was found.
fn mark_group_names(doc: &Doc<'_>, lex: &Lexicon, out: &mut [Candidate]) {
    let plural_name = |m: &Candidate| {
        (m.kind == MentionKind::Name
            && m.tokens.len() == 1
            && m.name_bytes.start == m.bytes.start
            && !m.possessive)
            .then(|| doc.lower(m.tokens.start))
            .filter(|w| {
                w.strip_suffix('s').is_some_and(|singular| {
                    singular.len() > 2
                        && !singular.ends_with('s')
                        && !singular.ends_with('\'')
                        && !lex.is_first_name(singular)
                })
            })
    };
    // A people's name in "-ans" ("Americans", "Mexicans") needs no singular beside it.
    let demonym = |w: &str| w.len() > 5 && w.ends_with("ans");
    let mut words: Vec<(&str, bool, bool)> = Vec::new();
    for m in out.iter() {
        if let Some(w) = plural_name(m) {
            if !words.iter().any(|&(known, _, _)| known == w) {
                words.push((w, demonym(w), false));
            }
        }
    }
    if words.is_empty() {
        return;
    }
    for t in 0..doc.tokens.len() {
        if !doc.tokens[t].capitalized {
            continue;
        }
        let lower = doc.lower(t);
        for (word, singular_seen, surname) in words.iter_mut() {
            if word.len() == lower.len() + 1 && word.starts_with(lower) {
                *singular_seen = true;
            } else if *word == lower && t > 0 && lex.is_first_name(doc.lower(t - 1)) {
                *surname = true;
            }
        }
    }
    for m in out.iter_mut() {
        if let Some(w) = plural_name(m) {
            m.plural = words
                .iter()
                .any(|&(known, singular_seen, surname)| known == w && singular_seen && !surname);
        }
    }
}

/// A title's complement before a name: at token `at`, "of" or "for" after a title word,
/// an optional "the", then capitalised words of which one after the first is a known first
/// name followed by another name word ("Secretary of State John Kerry", "Speaker of the
/// House Paul Ryan", "Chief of Staff Denis McDonough"). Returns where the capitalised words
/// start and where the name proper starts. Without a known first name, three capitalised
/// words or more end in a first name and a surname ("Secretary of State Connie Lawson");
/// fewer could as well be all title ("President of the United States"), and nothing is
/// returned.
fn title_complement(doc: &Doc<'_>, lex: &Lexicon, at: usize) -> Option<(usize, usize)> {
    if at == 0
        || !matches!(doc.lower(at), "of" | "for")
        || lex.title(strip_possessive(doc.lower(at - 1))).is_none()
    {
        return None;
    }
    let para = doc.tokens[at].paragraph;
    let mut run = at + 1;
    if run < doc.tokens.len() && doc.lower(run) == "the" {
        run += 1;
    }
    let mut t = run;
    while t < doc.tokens.len()
        && t < run + 6
        && doc.tokens[t].paragraph == para
        && name_word(doc, t)
        && !is_possessive(doc.lower(t))
    {
        if t > run
            && lex.is_first_name(doc.lower(t))
            && t + 1 < doc.tokens.len()
            && name_word(doc, t + 1)
            && doc.tokens[t + 1].paragraph == para
        {
            return Some((run, t));
        }
        t += 1;
    }
    // The surname may carry the possessive: "Secretary of Defense Leon Panetta's".
    let end = if t < doc.tokens.len()
        && doc.tokens[t].paragraph == para
        && name_word(doc, t)
        && is_possessive(doc.lower(t))
    {
        t + 1
    } else {
        t
    };
    // Every word must be one a name may hold ("This Time Than I Was": not a name).
    let words_of_a_name = (run..end).all(|k| {
        let w = strip_possessive(doc.lower(k));
        !lex.is_non_name_capital(w) || lex.is_org_name_word(w)
    });
    let names_a_body =
        (end.saturating_sub(2)..end).any(|k| lex.is_org_name_word(strip_possessive(doc.lower(k))));
    (end >= run + 3 && words_of_a_name && !names_a_body).then_some((run, end - 2))
}

fn strip_possessive_raw(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\''))
        .or_else(|| w.strip_suffix('’'))
        .unwrap_or(w)
}

/// True for a day of the week in lower case: a time, never a name or a clause.
pub(crate) fn is_weekday(lower: &str) -> bool {
    matches!(
        lower,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

pub(crate) fn is_weekday_or_month(lower: &str) -> bool {
    is_weekday(lower)
        || matches!(
            lower,
            "january"
                | "february"
                | "march"
                | "april"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
        )
}

/// A description such as "the Labour leader", "a spokesman for the council" or "both
/// parents" at token `i`.
fn description_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<Candidate> {
    let det = doc.lower(i);
    let both = det == "both";
    if !(DETERMINERS.contains(&det) || both) || !doc.is_word(i) || doc.in_quote(i) {
        return None;
    }
    // "both former Secretary of State Hillary Clinton and ...": two people named, no phrase;
    // "Both want government": no plural noun, no phrase.
    description_from(doc, lex, i, i + 1).filter(|d| {
        !both || (d.plural && (i + 1..d.tokens.end).all(|t| !doc.tokens[t].capitalized))
    })
}

/// "Clinton's campaign", "the governor's office", "the company's chief spokeswoman": a
/// possessor standing where the determiner would be. The possessor is a mention of its own
/// too, but it is not the one who speaks: the campaign, office or spokeswoman is.
fn possessed_descriptions(doc: &Doc<'_>, lex: &Lexicon, out: &mut Vec<Candidate>) {
    let mut added = Vec::new();
    for m in out.iter() {
        if !m.possessive || m.in_quote || m.kind == MentionKind::Pronoun {
            continue;
        }
        let first = m.tokens.end;
        if first >= doc.tokens.len()
            || !doc.is_word(first)
            || doc.tokens[first].capitalized
            || doc.tokens[first].paragraph != doc.tokens[m.tokens.start].paragraph
        {
            continue;
        }
        if let Some(d) = description_from(doc, lex, m.tokens.start, first) {
            added.push(d);
        }
    }
    out.extend(added);
}

/// Nouns that a noun for a person may modify ("general election", "delegate count",
/// "executive order"): after one, the phrase is about the thing.
const COMPOUND_HEADS: WordSet = WordSet::new(&[
    "election",
    "elections",
    "electorate",
    "lead",
    "count",
    "counts",
    "movement",
    "agenda",
    "battle",
    "company",
    "list",
    "turnout",
    "crisis",
    "order",
    "orders",
    "experience",
    "race",
    "races",
    "system",
    "world",
    "appeal",
    "slots",
    "slates",
    "chase",
    "anger",
    "platform",
    "pool",
    "process",
    "rules",
    "math",
    "tally",
    "contest",
    "contests",
    "branch",
    "camp",
    "camps",
    "stream",
    "flow",
    "award",
    "program",
    "programs",
    "status",
    "policy",
    "policies",
]);

/// True when a person or organisation noun follows token `t` by token `last`, over plain
/// lower-case words only.
fn noun_ahead(doc: &Doc<'_>, lex: &Lexicon, t: usize, last: usize, para: usize) -> bool {
    for k in t + 1..=last {
        if doc.tokens[k].paragraph != para || !doc.is_word(k) || doc.tokens[k].capitalized {
            return false;
        }
        let lower = doc.lower(k);
        if DESCRIPTION_STOPS.contains(&lower)
            || DETERMINERS.contains(&lower)
            || phrase_verb(lex, lower).is_some()
        {
            return false;
        }
        let bare = strip_possessive(lower);
        if lex.is_person_noun(bare) || lex.is_org_noun(bare) {
            return true;
        }
    }
    false
}

/// The description whose determiner (or possessor) spans `i..first` and whose words start
/// at `first`.
fn description_from(doc: &Doc<'_>, lex: &Lexicon, i: usize, first: usize) -> Option<Candidate> {
    let det = doc.lower(i);
    let para = doc.tokens[i].paragraph;
    let mut head: Option<(usize, bool)> = None; // (token, is_person)
    let mut t = first;
    let mut possessive = false;
    while t < doc.tokens.len()
        && t <= first + 5
        && doc.tokens[t].paragraph == para
        && doc.is_word(t)
    {
        let lower = doc.lower(t);
        if DESCRIPTION_STOPS.contains(&lower) || DETERMINERS.contains(&lower) || negated(lower) {
            break;
        }
        if phrase_verb(lex, lower).is_some()
            && !lex.is_person_noun(lower)
            && !lex.is_org_noun(lower)
            && t > first
        {
            break;
        }
        let bare = strip_possessive(lower);
        if lex.is_person_noun(bare) {
            head = Some((t, true));
        } else if lex.is_org_noun(bare) {
            head = Some((t, false));
        } else if head.is_some_and(|(h, _)| {
            // A plural noun modifies no later one: in "our experts see other candidates"
            // the word after it is a verb.
            reads_plural(lex, strip_possessive(doc.lower(h)))
                || !noun_ahead(doc, lex, t, (first + 5).min(doc.tokens.len() - 1), para)
        }) && !doc.tokens[t].capitalized
        {
            // A word after the head that is not itself a noun of ours ends the phrase, unless
            // a noun of ours follows it: in "the presumptive Republican presidential nominee"
            // the first noun is a modifier of the last.
            break;
        }
        if is_possessive(lower) {
            possessive = true;
            break;
        }
        if lower.ends_with("ing") || (lower.ends_with("ed") && head.is_some()) {
            break;
        }
        t += 1;
    }
    let (h, is_person) = head?;
    // "the general election", "the delegate lead", "the refugee crisis": a noun for a person
    // modifying the noun after it names nobody.
    if h + 1 < doc.tokens.len()
        && doc.is_word(h + 1)
        && !doc.tokens[h + 1].capitalized
        && !is_possessive(doc.lower(h))
        && COMPOUND_HEADS.contains(&doc.lower(h + 1))
    {
        return None;
    }
    // "The Port Authority", "the Home Office": a proper name, found as a name.
    if (first..=h).all(|t| doc.tokens[t].capitalized)
        && !lex.is_person_noun(strip_possessive(doc.lower(h)))
    {
        return None;
    }
    // The possessive belongs to the head only when the head carries it.
    let mut possessive = possessive && is_possessive(doc.lower(h));
    // A head directly followed by a capitalised name is a prenominal role of that name.
    if h + 1 < doc.tokens.len()
        && name_word(doc, h + 1)
        && !is_possessive(doc.lower(h))
        && doc.tokens[h + 1].paragraph == para
    {
        return None;
    }
    let mut end = h + 1;
    // "The MP for Bradford West", "the leader of the Opposition".
    if end + 1 < doc.tokens.len()
        && matches!(doc.lower(end), "for" | "of")
        && name_word(doc, end + 1)
        && !possessive
    {
        let mut e = end + 1;
        while e < doc.tokens.len() && name_word(doc, e) && doc.tokens[e].paragraph == para {
            e += 1;
        }
        end = e;
    }
    // "the Florida senator and Republican presidential candidate": a second role of the
    // same person, joined without a determiner of its own, belongs to the description.
    if is_person
        && !possessive
        && end == h + 1
        && end + 1 < doc.tokens.len()
        && doc.lower(end) == "and"
        && doc.tokens[end].paragraph == para
    {
        if let Some(second) = description_from(doc, lex, end, end + 1) {
            if second.entity_type == Some(EntityType::Person) && !second.plural {
                end = second.tokens.end;
                possessive = second.possessive;
            }
        }
    }
    let head_lower = strip_possessive(doc.lower(h)).to_string();
    let plural = (ends_in_plural_s(&head_lower) && !lex.is_noun_exact(&head_lower))
        || lex.is_irregular_person_plural(&head_lower);
    let role_words: Vec<String> = (i..end)
        // A possessor's last word stays in the role: "clinton campaign".
        .filter(|&t| t >= first || (first > i + 1 && t + 1 == first))
        .map(|t| strip_possessive(doc.lower(t)).to_string())
        .filter(|w| {
            !matches!(
                w.as_str(),
                "former" | "then" | "current" | "new" | "outgoing" | "incoming"
            )
        })
        .collect();
    let gender = gendered_noun(&head_lower);
    let mut byte_end = doc.tokens[end - 1].end;
    if possessive && end == h + 1 {
        let w = doc.word(h);
        byte_end -= w.len() - strip_possessive_raw(w).len();
    }
    Some(Candidate {
        bytes: doc.tokens[i].start..byte_end,
        name_bytes: doc.tokens[i].start..byte_end,
        tokens: i..end,
        kind: MentionKind::Description,
        name: Vec::new(),
        role: Some(role_words.join(" ")),
        head: Some(head_lower),
        entity_type: Some(if is_person {
            EntityType::Person
        } else {
            EntityType::Organization
        }),
        gender,
        gender_strong: gender.is_some(),
        plural,
        possessive,
        // "Another commenter" is someone new, as "a commenter" is.
        indefinite: matches!(det, "a" | "an" | "another"),
        in_quote: doc.in_quote(i),
        pronoun: None,
    })
}

/// A negated auxiliary ("cannot", "won't", "doesn’t"): a verb follows, and no noun phrase
/// runs over it ("the country cannot vet every refugee" is no description of a refugee).
fn negated(lower: &str) -> bool {
    lower == "cannot" || lower.ends_with("n't") || lower.ends_with("n’t")
}

/// Gender carried by the noun itself ("spokeswoman", "father").
fn gendered_noun(head: &str) -> Option<Gender> {
    match head {
        "spokeswoman" | "chairwoman" | "congresswoman" | "businesswoman" | "mother"
        | "daughter" | "wife" | "widow" | "sister" | "woman" | "girl" | "actress" | "queen"
        | "princess" | "grandmother" | "aunt" | "policewoman" | "frenchwoman" | "nun"
        | "headmistress" => Some(Gender::Female),
        "spokesman" | "chairman" | "congressman" | "businessman" | "father" | "son" | "husband"
        | "brother" | "man" | "boy" | "king" | "prince" | "grandfather" | "uncle" | "policeman"
        | "frenchman" | "irishman" | "welshman" | "englishman" | "monk" | "headmaster" => {
            Some(Gender::Male)
        }
        _ => None,
    }
}

/// True when a verb of saying follows token `i`, right after it or over adverbs and
/// auxiliaries other than "be" ("It also said", "We have long argued", "I never said"); a
/// form of "be" would make the verb passive ("it was said").
fn cue_follows(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> bool {
    let end = doc.tokens.len().min(i + 5);
    let mut j = i + 1;
    while j < end && doc.is_word(j) && !doc.in_quote(j) {
        let w = doc.lower(j);
        if lex.cue_verb(w).is_some() {
            return true;
        }
        // "Smith went on to say": over "went on to" to its verb.
        if crate::cues::going_on(doc, j, end) {
            j += 3;
            continue;
        }
        let skip = (crate::cues::skipped_before_verb(w)
            && !matches!(
                w,
                "is" | "are" | "was" | "were" | "been" | "being" | "as" | "who" | "which"
            ))
            || crate::cues::reads_as_adverb(w);
        if !skip {
            return false;
        }
        j += 1;
    }
    false
}

/// A personal pronoun outside quotations.
fn pronoun_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<Candidate> {
    if !doc.is_word(i) || doc.in_quote(i) {
        return None;
    }
    let lower = without_contraction(doc.lower(i));
    // Most words are no pronoun: ask that before looking ahead for a cue.
    let form = PRONOUN_FORMS.iter().find(|f| **f == lower).copied()?;
    let next_is_cue = cue_follows(doc, lex, i);
    // "the Communications Workers of America, which endorsed Mr. Sanders": a relative set
    // off by a comma right before a verb of saying speaks for what it follows.
    let (gender, plural, _subject) = if lower == "which" {
        if !(next_is_cue && i > 0 && doc.is_punct(i - 1, ",")) {
            return None;
        }
        (None, false, true)
    } else if lower == "you" {
        // "Do you think ...?", "You said yesterday ...": the one addressed speaks, right
        // before a verb of saying.
        if !next_is_cue {
            return None;
        }
        (None, false, true)
    } else {
        lex.pronoun(lower)?
    };
    match lower {
        // The writer speaks ("I asked", "we reported") only right before a verb of saying.
        "i" | "we" if !next_is_cue => return None,
        "it" | "its" if !next_is_cue => return None,
        // "Trump himself said", "the candidates themselves argued": a reflexive right after
        // its subject only stresses it; the subject speaks.
        "himself" | "herself" | "themselves" | "itself"
            if next_is_cue && i > 0 && doc.is_word(i - 1) =>
        {
            return None
        }
        // "Ann Roe, who said", "voters who say": the relative speaks for what it follows.
        "who" if i == 0 || !(doc.is_punct(i - 1, ",") || doc.is_word(i - 1)) => return None,
        _ => {}
    }
    Some(Candidate {
        bytes: doc.tokens[i].start..doc.tokens[i].end,
        name_bytes: doc.tokens[i].start..doc.tokens[i].end,
        tokens: i..i + 1,
        kind: MentionKind::Pronoun,
        name: Vec::new(),
        role: None,
        head: None,
        entity_type: None,
        gender,
        gender_strong: gender.is_some(),
        plural,
        possessive: matches!(lower, "his" | "her" | "its" | "their"),
        indefinite: false,
        in_quote: false,
        pronoun: Some(form),
    })
}

/// True for a subject pronoun with a contracted auxiliary: "he's", "they've".
pub(crate) fn is_contracted_pronoun(lower: &str) -> bool {
    without_contraction(lower) != lower
}

/// A subject pronoun without its contracted auxiliary: "he's said" and "they've argued" are
/// "he" and "they" before a verb. Any other word comes back whole.
fn without_contraction(lower: &str) -> &str {
    // "they’ve", the longest form, has nine bytes.
    if lower.len() > 9 {
        return lower;
    }
    const AUXILIARIES: [&str; 10] = [
        "'s", "’s", "'ve", "’ve", "'re", "’re", "'d", "’d", "'ll", "’ll",
    ];
    AUXILIARIES
        .iter()
        .find_map(|aux| lower.strip_suffix(aux))
        .filter(|base| matches!(*base, "he" | "she" | "they" | "we" | "i"))
        .unwrap_or(lower)
}

const PRONOUN_FORMS: &[&str] = &[
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them", "their", "it",
    "its", "who", "which", "i", "we", "you",
];

/// A noun phrase right after an inverted reporting verb, whatever its head:
/// `"...," said one Democrat familiar with the discussion.`
fn inverted_source_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<Candidate> {
    if !doc.is_word(i) || doc.in_quote(i) || !after_inverted_cue(doc, lex, i) {
        return None;
    }
    let lower = doc.lower(i);
    if !(SOURCE_OPENERS.contains(&lower) || lex.is_person_noun(lower)) {
        return None;
    }
    let para = doc.tokens[i].paragraph;
    let mut j = i;
    while j < doc.tokens.len()
        && j < i + 12
        && doc.is_word(j)
        && doc.tokens[j].paragraph == para
        && doc.lower(j) != "who"
    {
        // "..., said the chamber will vote": a clause with its own verb, not a subject.
        if FINITE_AUXILIARIES.contains(&doc.lower(j)) {
            return None;
        }
        // "..., said the Khan family deserved better": a past form after the phrase's noun
        // (not "the retired general", "the newly elected senator").
        let w = doc.lower(j);
        if j >= i + 2
            && w.len() > 4
            && w.ends_with("ed")
            && !doc.tokens[j].capitalized
            && !follows_determiner(doc, j)
            && !crate::cues::ends_like_adverb(doc.lower(j - 1))
            && !is_possessive(doc.lower(j - 1))
        {
            return None;
        }
        j += 1;
    }
    if j == i + 1 && SOURCE_OPENERS.contains(&lower) {
        return None;
    }
    // After a verb that takes an object, the head (the noun before what modifies it: "one
    // Democrat [familiar with the talks]") must name someone: "posted the clip to YouTube"
    // has an object, "said the 46-year-old" none.
    let takes_object = lex
        .cue_verb(doc.lower(i - 1))
        .is_none_or(|(lemma, _)| !OBJECTLESS_CUES.contains(&lemma));
    // As `phrase_head` finds it, but any participle ends the head too ("wrote an op-ed
    // urging Congress"); the phrase stops before "who" already.
    let head_at = (i + 1..j)
        .find(|&k| {
            let w = doc.lower(k);
            crate::cues::PREPOSITIONS.contains(&w)
                || matches!(w, "familiar" | "close")
                || (w.ends_with("ing") && k > i + 1)
        })
        .map_or(j - 1, |k| k - 1);
    let head = strip_possessive(doc.lower(head_at)).to_string();
    let names_someone = lex.is_person_noun(&head)
        || lex.is_org_noun(&head)
        || PLURAL_SOURCES.contains(&head.as_str())
        || doc.tokens[head_at].capitalized;
    if takes_object && !names_someone {
        return None;
    }
    Some(source_description(
        doc,
        i..j,
        Some(head.clone()),
        Some(head),
        EntityType::Person,
        false,
    ))
}

/// Lemmas of verbs of saying that take no object, so any phrase right after them inverted
/// is their subject ("said the 46-year-old").
const OBJECTLESS_CUES: WordSet = WordSet::new(&[
    "say",
    "add",
    "ask",
    "continue",
    "explain",
    "note",
    "recall",
    "insist",
    "argue",
    "reply",
    "respond",
    "observe",
    "remark",
    "quip",
    "joke",
    "conclude",
    "warn",
    "acknowledge",
    "admit",
    "agree",
    "complain",
]);

/// Auxiliaries and modals: after one, the words after a verb of saying are a clause.
const FINITE_AUXILIARIES: WordSet = WordSet::new(&[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "does", "did", "do",
]);

/// True when token `i` follows a reporting verb that may take its subject after it, itself
/// after a comma or a quotation: the subject slot of `"...," said Smith`.
fn after_inverted_cue(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> bool {
    // The mark before the verb first: it rules out most words without a lookup.
    i >= 2
        && doc.is_word(i - 1)
        && (doc.is_punct(i - 2, ",") || doc.in_quote(i - 2))
        // `"...," State spokesman Mark Toner said`: a capital inside a sentence makes the
        // word a name, not the verb.
        && !(doc.tokens[i - 1].capitalized && !sentence_start(doc, i - 1))
        && lex
            .cue_verb(doc.lower(i - 1))
            .is_some_and(|(_, v)| v.invertible)
}

/// Quantifiers that name a source on their own, standing for people just mentioned:
/// "Another tweeted", "Others said", "\"...,\" wrote another."
const QUANTIFIER_SOURCES: WordSet = WordSet::new(&[
    "another", "others", "some", "many", "several", "most", "few", "both", "none",
]);

/// A bare quantifier as the subject of a reporting verb, before it (`Some chanted`, `Yet
/// another said`) or inverted after it at the end of its clause (`"...," tweeted another.`).
fn quantifier_source_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<Candidate> {
    if !doc.is_word(i) || doc.in_quote(i) || i + 1 >= doc.tokens.len() {
        return None;
    }
    let lower = doc.lower(i);
    if !QUANTIFIER_SOURCES.contains(&lower) {
        return None;
    }
    let para = doc.tokens[i].paragraph;
    let next_word = doc.is_word(i + 1) && doc.tokens[i + 1].paragraph == para;
    let clause_start = i == 0
        || !doc.is_word(i - 1)
        || doc.tokens[i - 1].paragraph != para
        || matches!(doc.lower(i - 1), "and" | "but" | "yet" | "while" | "though");
    let before_verb = clause_start
        && next_word
        && (phrase_verb(lex, doc.lower(i + 1)).is_some()
            || verb_after_auxiliary(doc, lex, i + 1).is_some());
    let inverted = !next_word && after_inverted_cue(doc, lex, i);
    if !before_verb && !inverted {
        return None;
    }
    Some(source_description(
        doc,
        i..i + 1,
        Some(lower.to_string()),
        Some(lower.to_string()),
        EntityType::Person,
        lower != "another",
    ))
}

/// An indefinite description found as the source of a reporting verb ("another supporter",
/// "others", "54 percent of voters"), over tokens `tokens`.
fn source_description(
    doc: &Doc<'_>,
    tokens: Range<usize>,
    role: Option<String>,
    head: Option<String>,
    entity_type: EntityType,
    plural: bool,
) -> Candidate {
    let bytes = doc.tokens[tokens.start].start..doc.tokens[tokens.end - 1].end;
    Candidate {
        name_bytes: bytes.clone(),
        bytes,
        tokens,
        kind: MentionKind::Description,
        name: Vec::new(),
        role,
        head,
        entity_type: Some(entity_type),
        gender: None,
        gender_strong: false,
        plural,
        possessive: false,
        indefinite: true,
        in_quote: false,
        pronoun: None,
    }
}

/// Words that open a noun phrase naming a source: "another supporter wrote", "one user said",
/// "21 percent said".
const SOURCE_OPENERS: WordSet = WordSet::new(&[
    "the", "a", "an", "another", "one", "some", "many", "several", "most", "two", "three", "four",
    "five", "few", "other", "both", "each", "his", "her", "their", "its",
]);

/// Openers that may stand alone as a subject: "many say", "some argued".
const STANDALONE_QUANTIFIERS: WordSet = WordSet::new(&[
    "some", "many", "most", "few", "several", "both", "one", "two", "three", "four", "five",
]);
/// Pronouns that open a source phrase or stand alone as one: "someone told", "nobody said".
/// They are singular, so their verb may end in "-s" ("someone says").
const INDEFINITE_PRONOUNS: WordSet = WordSet::new(&[
    "someone",
    "somebody",
    "everyone",
    "everybody",
    "nobody",
    "anyone",
]);

/// Words that put a number on a share of people: "six in 10", "half of voters", "a third".
const SHARE_WORDS: WordSet = WordSet::new(&[
    "half", "third", "thirds", "quarter", "quarters", "majority", "most", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety",
]);

/// Words that hedge a share before its number: "about four in 10", "nearly half".
const SHARE_HEDGES: WordSet = WordSet::new(&[
    "about", "nearly", "almost", "roughly", "only", "just", "some", "over", "under", "fully", "a",
    "an", "the", "more", "fewer", "less", "than", "at", "least",
]);

/// True when the word at `k` is a number or a word for a share.
pub(crate) fn share_word(doc: &Doc<'_>, k: usize) -> bool {
    let w = doc.lower(k);
    SHARE_WORDS.contains(&w)
        || w.split('-').any(|part| SHARE_WORDS.contains(&part))
        || w.trim_end_matches('%')
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A share of people as the subject of a reporting verb, opening its clause: "About four in
/// 10 said", "54 percent of registered voters say", "Nearly half of Republicans believe".
/// Polls report what groups think this way, and the annotation names the share as the
/// source.
fn share_source_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<Candidate> {
    const LONGEST_SHARE: usize = 10;
    if !doc.is_word(i) || doc.in_quote(i) {
        return None;
    }
    let para = doc.tokens[i].paragraph;
    let opens_clause = i == 0
        || doc.tokens[i - 1].paragraph != para
        || doc.is_punct(i - 1, ",")
        || doc.is_punct(i - 1, ":")
        || doc.is_punct(i - 1, ".")
        || matches!(doc.lower(i - 1), "and" | "but" | "while" | "whereas");
    if !opens_clause {
        return None;
    }
    let mut k = i;
    while k < doc.tokens.len() && k < i + 4 && SHARE_HEDGES.contains(&doc.lower(k)) {
        k += 1;
    }
    if k >= doc.tokens.len() || !doc.is_word(k) || !share_word(doc, k) {
        return None;
    }
    let mut verb = None;
    let mut j = k + 1;
    while j < doc.tokens.len().min(i + LONGEST_SHARE) && doc.tokens[j].paragraph == para {
        if doc.in_quote(j) || (!doc.is_word(j) && !doc.is_punct(j, "%")) {
            return None;
        }
        let w = doc.lower(j);
        // "Two people familiar with the talks said": after an article a verb form is a
        // noun.
        if phrase_verb(lex, w).is_some() && !follows_determiner(doc, j) {
            // A verb right after the share word ends the share only when it is hedged or a
            // fraction ("Almost half said", "A majority say"); "Two said" is left to the
            // other finders. Either way the phrase never runs past the verb.
            let fraction = matches!(
                doc.lower(k),
                "half" | "third" | "thirds" | "quarter" | "quarters" | "majority"
            );
            verb = Some(j).filter(|_| j > k + 1 || k > i || fraction);
            break;
        }
        if let Some(v) = verb_after_auxiliary(doc, lex, j) {
            verb = Some(v).filter(|_| j > k + 1).map(|_| j);
            break;
        }
        if matches!(
            w,
            "who"
                | "that"
                | "which"
                | "is"
                | "was"
                | "are"
                | "were"
                | "and"
                | "or"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
        ) {
            return None;
        }
        j += 1;
    }
    let end = verb?;
    Some(source_description(
        doc,
        i..end,
        None,
        Some(doc.lower(end - 1).to_string()),
        EntityType::Person,
        true,
    ))
}

/// The reporting verb after an auxiliary at token `at` and at most two adverbs: "have
/// argued", "has long said", "had not yet said", "did not say".
fn verb_after_auxiliary(doc: &Doc<'_>, lex: &Lexicon, at: usize) -> Option<usize> {
    if !matches!(
        doc.lower(at),
        "has" | "have" | "had" | "will" | "would" | "could" | "may" | "might" | "did" | "does"
    ) {
        return None;
    }
    let mut k = at + 1;
    while k < doc.tokens.len()
        && k <= at + 3
        && doc.is_word(k)
        && doc.tokens[k].paragraph == doc.tokens[at].paragraph
    {
        let w = doc.lower(k);
        if phrase_verb(lex, w).is_some() {
            return Some(k);
        }
        if !matches!(
            w,
            "also" | "long" | "repeatedly" | "previously" | "already" | "not" | "yet" | "often"
        ) && !crate::cues::reads_as_adverb(w)
        {
            return None;
        }
        k += 1;
    }
    None
}

/// True when the word at `verb` right after a phrase opened by a singular determiner at
/// `opener` is a verb of saying in its base form, which a singular subject does not take: a
/// noun ("the dogmatic view that", "a personal call from", "The roll call itself"). A
/// collective head takes it ("the police say"), and "read" is a past form as well.
fn base_form_after_singular(doc: &Doc<'_>, lex: &Lexicon, opener: usize, verb: usize) -> bool {
    if verb <= opener + 1 || verb >= doc.tokens.len() {
        return false;
    }
    let head = doc.lower(verb - 1);
    let word = doc.lower(verb);
    // A learned cue's lemma is unknown, and its irregular past looks like a base form
    // ("sought"): only the written tables' verbs are judged.
    let base = phrase_verb(lex, word)
        .is_some_and(|(lemma, _)| lemma == word && lemma != crate::lexicon::LEARNED_LEMMA);
    // "FEC records from the 2008 election cycle show": after a preposition the phrase ends
    // a longer subject, whose head may be plural.
    let inside_longer = opener > 0 && crate::cues::PREPOSITIONS.contains(&doc.lower(opener - 1));
    base && word != "read"
        && !inside_longer
        && matches!(
            doc.lower(opener),
            "the" | "a" | "an" | "another" | "one" | "each" | "his" | "her" | "its"
        )
        && doc.is_word(verb - 1)
        && !ends_in_plural_s(head)
        // "the GOP doesn't want", "one could say": an auxiliary takes the base form.
        && !head.ends_with("n't")
        && !PERFECT_OR_MODAL.contains(&head)
        && head != "to"
        && !matches!(
            head,
            "police" | "people" | "staff" | "public" | "media" | "crowd" | "family" | "team"
        )
        // "the two spoke", "the 12 say": a number heads a plural.
        && !head.chars().all(|c| c.is_ascii_digit())
        && !matches!(head, "two" | "three" | "four" | "five" | "six" | "both")
}

/// The reporting verb right after an adverb at token `at`, one in "-ly" or one of `also`:
/// "officials subsequently told", "the order never said".
fn verb_after_adverb(doc: &Doc<'_>, lex: &Lexicon, at: usize, also: &[&str]) -> Option<usize> {
    let adverb = |w: &str| also.contains(&w) || crate::cues::reads_as_adverb(w);
    (at + 1 < doc.tokens.len()
        && doc.is_word(at)
        && adverb(doc.lower(at))
        && doc.is_word(at + 1)
        && phrase_verb(lex, doc.lower(at + 1)).is_some())
    .then_some(at + 1)
}

/// A noun phrase directly before a reporting verb, whatever its head: "officials said",
/// "another supporter wrote", "the email read", "21 percent said".
fn source_phrase_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<Candidate> {
    if !doc.is_word(i) || doc.in_quote(i) || i + 1 >= doc.tokens.len() {
        return None;
    }
    let lower = doc.lower(i);
    let indefinite = INDEFINITE_PRONOUNS.contains(&lower);
    let opener = SOURCE_OPENERS.contains(&lower)
        || indefinite
        || lower
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    let record = RECORD_PLURALS.contains(&lower);
    let bare = PLURAL_SOURCES.contains(&lower) || record;
    if !opener && !bare {
        return None;
    }
    // "F.A.A. records show": a name before a record is the subject finder's to take whole.
    if i > 0
        && doc.is_word(i - 1)
        && (SOURCE_OPENERS.contains(&doc.lower(i - 1))
            || lex.is_person_noun(doc.lower(i - 1))
            || (record && doc.tokens[i - 1].capitalized))
    {
        return None;
    }
    let para = doc.tokens[i].paragraph;
    let max_len = if bare { 1 } else { 4 };
    // "Many say", "Some argued", "Both said": a quantifier standing alone before the verb
    // is the subject itself; a plural one takes no verb in "-s" ("several states" is a noun).
    let standalone = (STANDALONE_QUANTIFIERS.contains(&lower) || indefinite)
        && doc.is_word(i + 1)
        && doc.tokens[i + 1].paragraph == para
        && phrase_verb(lex, doc.lower(i + 1)).is_some()
        && (lower == "one" || indefinite || !doc.lower(i + 1).ends_with('s'));
    let mut j = i + 1;
    // The reporting verb, which an auxiliary may stand before: "some critics have argued".
    let mut verb = None;
    if opener && !standalone {
        while j < doc.tokens.len()
            && j <= i + max_len
            && doc.is_word(j)
            && doc.tokens[j].paragraph == para
        {
            if phrase_verb(lex, doc.lower(j)).is_some() && j > i + 1 {
                // "An early tweet quoted the president": a noun that reads as a verb of
                // saying heads the phrase, whose verb comes after it.
                if !base_form_after_singular(doc, lex, i, j) {
                    break;
                }
            }
            if j > i + 1 {
                if let Some(v) = verb_after_auxiliary(doc, lex, j) {
                    verb = Some(v);
                    break;
                }
                // "The order never said", "the memo also noted": an adverb before the verb.
                if let Some(v) = verb_after_adverb(doc, lex, j, &["never", "also", "not"]) {
                    verb = Some(v);
                    break;
                }
            }
            if matches!(
                doc.lower(j),
                "who"
                    | "that"
                    | "which"
                    | "and"
                    | "or"
                    | "but"
                    | "is"
                    | "was"
                    | "has"
                    | "had"
                    | "have"
                    | "are"
                    | "were"
                    | "will"
                    | "would"
                    | "to"
                    | "of"
                    | "in"
                    | "on"
                    | "after"
                    | "before"
                    | "since"
                    | "during"
                    | "until"
            ) {
                return None;
            }
            j += 1;
        }
    }
    // "Campaign officials have told", "officials subsequently told": a bare plural's verb
    // after an auxiliary or an adverb.
    if bare && j < doc.tokens.len() && doc.tokens[j].paragraph == para {
        verb = verb_after_auxiliary(doc, lex, j).or_else(|| verb_after_adverb(doc, lex, j, &[]));
    }
    let verb = verb.unwrap_or(j);
    // "A person familiar with the plans said": after an article or a possessive determiner
    // a verb form is a noun.
    if verb == j && follows_determiner(doc, j) {
        return None;
    }
    // Only right after the phrase: an auxiliary takes the base form ("the platform will
    // endorse").
    if verb == j && base_form_after_singular(doc, lex, i, verb) {
        return None;
    }
    // "sounded a rare note of self-deprecation": after an indefinite article, a verb of
    // saying with "of" after it is a noun.
    if matches!(lower, "a" | "an")
        && verb + 1 < doc.tokens.len()
        && doc.is_word(verb + 1)
        && doc.lower(verb + 1) == "of"
    {
        return None;
    }
    if j >= doc.tokens.len()
        || !doc.is_word(j)
        || phrase_verb(lex, doc.lower(verb)).is_none()
        || j == i
        || (opener && j == i + 1 && !standalone)
    {
        return None;
    }
    // "released a statement Wednesday saying": the object of another verb, before a
    // participle, is not who speaks; the sentence's subject is.
    if doc.lower(verb).ends_with("ing")
        && i > 0
        && doc.is_word(i - 1)
        && doc.tokens[i - 1].paragraph == para
        && !doc.tokens[i - 1].capitalized
        && !matches!(
            doc.lower(i - 1),
            "with" | "of" | "and" | "by" | "among" | "for" | "from" | "or" | "but"
        )
    {
        return None;
    }
    if is_possessive(doc.lower(j - 1)) {
        return None; // "the town's plan": a possessive before a noun, not a subject.
    }
    if names_a_time(doc, i..j) {
        return None;
    }
    if opener && (i + 1..j).all(|t| doc.tokens[t].capitalized) {
        return None; // "The Port Authority said": a name, found as a name.
    }
    // "made the changes Mills requested": a name before the verb is its subject, and the
    // phrase before that the object of another verb.
    if opener && doc.tokens[j - 1].capitalized && !doc.tokens[i + 1].capitalized {
        return None;
    }
    // "arranged two conference calls": after a past form the phrase is its object, and a
    // noun that looks like a verb of saying ends it.
    if i > 0
        && doc.is_word(i - 1)
        && doc.tokens[i - 1].paragraph == para
        && !doc.tokens[i - 1].capitalized
        && doc.lower(i - 1).ends_with("ed")
        && phrase_verb(lex, doc.lower(i - 1)).is_none()
    {
        return None;
    }
    let head = doc.lower(j - 1).to_string();
    if lex.pronoun(&head).is_some() {
        return None;
    }
    // "has in the past said", "at the time said": a time after a preposition is an adjunct.
    if i > 0 && crate::cues::PREPOSITIONS.contains(&doc.lower(i - 1)) && is_time_noun(&head) {
        return None;
    }
    let entity_type = if record {
        EntityType::Other
    } else if head == "police" || head == "authorities" || lex.is_org_noun(&head) {
        EntityType::Organization
    } else if lex.is_person_noun(&head) || bare || head == "percent" {
        EntityType::Person
    } else {
        EntityType::Other
    };
    let plural = bare || reads_plural(lex, &head);
    // "political scientists say", "senior officials said": lower-case modifiers belong to the
    // bare plural (and set off the content before it: "..., political scientists say").
    let mut first = i;
    while bare && first > 0 && i - first < 2 {
        let k = first - 1;
        let w = doc.lower(k);
        if !lower_modifier(doc, lex, k)
            || doc.tokens[k].paragraph != para
            || doc.in_quote(k)
            || SOURCE_OPENERS.contains(&w)
            || is_possessive(w)
        {
            break;
        }
        first = k;
    }
    Some(source_description(
        doc,
        first..j,
        Some(head.clone()),
        Some(head),
        entity_type,
        plural,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails unless the mentions found in `text` include one reading `wanted`.
    fn assert_mention(text: &str, wanted: &str) {
        let found = mentions(text);
        assert!(found.iter().any(|(t, _)| t == wanted), "{text}: {found:?}");
    }

    /// Fails if any mention found in `text` is `unwanted` (by its text and kind).
    fn assert_no_mention(text: &str, unwanted: impl Fn(&str, MentionKind) -> bool) {
        let found = mentions(text);
        assert!(
            !found.iter().any(|(t, kind)| unwanted(t, *kind)),
            "{text}: {found:?}"
        );
    }

    fn mentions(text: &str) -> Vec<(String, MentionKind)> {
        let lex = Lexicon::new();
        let doc = Doc::new(text, &lex);
        find(&doc, &lex)
            .into_iter()
            .map(|m| (text[m.bytes].to_string(), m.kind))
            .collect()
    }

    #[test]
    fn a_one_word_name_beside_its_singular_names_a_group() {
        // Whether the name reading `wanted` in `text` is plural.
        let plural = |text: &str, wanted: &str| {
            let lex = Lexicon::new();
            let doc = Doc::new(text, &lex);
            find(&doc, &lex)
                .into_iter()
                .find(|m| &text[m.bytes.clone()] == wanted && m.kind == MentionKind::Name)
                .unwrap_or_else(|| panic!("no name {wanted} in {text}"))
                .plural
        };
        assert!(plural(
            "A German paper praised the plan. Germans voted for it.",
            "Germans"
        ));
        // A surname: after a first name somewhere, or with a first name for its singular.
        assert!(!plural(
            "Bernie Sanders spoke. The Sander campaign said Sanders won.",
            "Sanders"
        ));
        assert!(!plural("Robert Moss spoke. Then Roberts spoke.", "Roberts"));
        assert!(!plural("Clintons voted for it.", "Clintons"));
        // A people's name in "-ans" needs no singular.
        assert!(plural(
            "In Texas, Mexicans said the plan was bad.",
            "Mexicans"
        ));
    }

    #[test]
    fn records_before_a_verb_are_sources() {
        assert_mention("The jet was refitted twice, records show.", "records");
        assert_mention(
            "Most of the money came in February, new fundraising reports show.",
            "new fundraising reports",
        );
        // A name before the record makes one subject with it.
        assert_mention(
            "The jet flew 216 hours, Harbour Board records show.",
            "Harbour Board records",
        );
        assert_no_mention(
            "The jet flew 216 hours, Harbour Board records show.",
            |t, _| t == "records",
        );
    }

    #[test]
    fn a_negation_or_an_adverb_before_the_verb_is_not_the_subjects() {
        for text in [
            "The order did not say how the board had voted.",
            "The order never said how the board had voted.",
        ] {
            assert_mention(text, "The order");
            assert_no_mention(text, |t, _| t.starts_with("The order "));
        }
    }

    #[test]
    fn a_quantifier_or_an_indefinite_pronoun_alone_before_the_verb_is_the_subject() {
        for (text, subject) in [
            ("Many said the plan would close the quay.", "Many"),
            ("But nobody said the plan would close the quay.", "nobody"),
            ("Someone says the plan will close the quay.", "Someone"),
        ] {
            assert_mention(text, subject);
            assert_no_mention(text, |t, _| t.starts_with(&format!("{subject} ")));
        }
        // A plural quantifier takes no verb in "-s": there the word is a noun.
        assert_no_mention("Several states rejected the bill.", |t, _| t == "Several");
    }

    #[test]
    fn a_negated_auxiliary_is_no_noun_the_name_qualifies() {
        let text = "Ines Marlow didn't say the quay would close.";
        assert_no_mention(text, |t, _| t.ends_with("didn't"));
    }

    #[test]
    fn a_span_of_time_before_a_conjunction_is_no_source() {
        let text = "One month after announcing his support, Ada Moss spoke.";
        assert_no_mention(text, |t, _| t.starts_with("One month"));
    }

    #[test]
    fn a_time_after_a_preposition_is_no_source() {
        for text in [
            "Ada Moss has in the past said the pier would fail.",
            "Ada Moss, speaking at the time said nothing.",
        ] {
            assert_no_mention(text, |t, _| t.ends_with("past") || t.ends_with("time"));
            assert_mention(text, "Ada Moss");
        }
    }

    #[test]
    fn a_name_qualifying_a_noun_leaves_the_phrase_the_subject() {
        for (text, subject) in [
            ("Exit polls showed that Moss led.", "Exit polls"),
            (
                "The latest Harbour/Ipsos poll found that Moss led.",
                "The latest Harbour/Ipsos poll",
            ),
        ] {
            assert_mention(text, subject);
        }
        // A name with a time after it is still the subject on its own.
        assert_no_mention("Moss on Friday said that she led.", |t, _| {
            t.starts_with("Moss on")
        });
    }

    #[test]
    fn a_pronoun_with_its_auxiliary_is_no_name() {
        for text in [
            "They\u{2019}re saying that the quay will close.",
            "We've argued that the quay will close.",
        ] {
            assert_no_mention(text, |_, kind| kind == MentionKind::Name);
        }
    }

    #[test]
    fn you_before_a_verb_of_saying_is_a_mention() {
        assert!(
            mentions("If you believe the tide tables, the quay is safe.")
                .contains(&("you".to_string(), MentionKind::Pronoun))
        );
        assert_no_mention("The tide will reach you by noon.", |t, _| t == "you");
    }

    #[test]
    fn an_ing_word_before_a_plural_head_stays_in_the_subject() {
        assert_mention(
            "The quay will close in May, fundraising documents show.",
            "fundraising documents",
        );
        // A verb phrase before a comma is still no subject.
        assert_no_mention(
            "Moss deleted the archive using tools, officials said.",
            |t, _| t.contains("using"),
        );
    }

    #[test]
    fn a_verb_form_before_a_person_noun_stays_in_the_subject() {
        assert_mention(
            "But protest organizers in Leith say the quay will close.",
            "protest organizers in Leith",
        );
    }

    #[test]
    fn an_adjective_taking_to_stays_in_the_subject() {
        assert_mention(
            "But sources close to the harbour board say the quay will close.",
            "sources close to the harbour board",
        );
        assert_mention(
            "Later, people loyal to the mayor said she would stay.",
            "people loyal to the mayor",
        );
        // An infinitive still ends the search for a subject.
        assert_no_mention(
            "Plans to close the quay were dropped, officials said.",
            |t, _| t.contains("to close"),
        );
    }

    #[test]
    fn a_participle_with_a_time_after_it_stays_in_the_subject() {
        for (text, subject) in [
            (
                "A survey conducted Monday found that the quay was popular.",
                "A survey conducted Monday",
            ),
            (
                "Polls conducted last week show that Moss leads.",
                "Polls conducted last week",
            ),
        ] {
            assert_mention(text, subject);
        }
    }

    #[test]
    fn an_adverb_before_the_verb_is_not_part_of_the_subject() {
        assert_mention(
            "Harbour-watchers soon noted that the quay was shut.",
            "Harbour-watchers",
        );
    }

    #[test]
    fn a_noun_in_ing_may_close_a_subject_phrase() {
        assert_mention("Recent polling shows that Moss leads.", "Recent polling");
        assert_no_mention(
            "Crews loaded the ferry using a crane said to be old.",
            |t, _| t.ends_with("using"),
        );
    }

    #[test]
    fn a_headline_verb_ends_the_name_before_it() {
        let found = mentions("Harbour Board Says Ferry Must Stop.");
        assert!(found.iter().any(|(t, _)| t == "Harbour Board"), "{found:?}");
        // So does a past form: "Things Ada Moss Revealed".
        let found = mentions("Ada Moss Revealed Ferry Plans.");
        assert!(
            found.iter().any(|(t, _)| t.ends_with("Ada Moss")),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(t, _)| t.contains("Revealed")),
            "{found:?}"
        );
        // A plural noun of the same shape stays in its name.
        let found = mentions("The United States will not sign.");
        assert!(
            found.iter().any(|(t, _)| t.ends_with("United States")),
            "{found:?}"
        );
    }

    #[test]
    fn a_headline_auxiliary_and_the_verb_after_it_are_no_names() {
        for (text, junk) in [
            ("Ada Moss Says She Would Sell The Pier.", "Would Sell"),
            ("Voters Are Sorry They Chose Moss.", "Are Sorry"),
            ("Moss: Pellow Would Sell Harbour Land.", "Sell Harbour Land"),
            ("Pellow May Not Have Sold The Pier.", "May"),
        ] {
            let found = mentions(text);
            assert!(
                found.iter().all(|(t, _)| !t.contains(junk)),
                "{text}: {found:?}"
            );
        }
        // "Will" and "May" are names too, and a question opens on its auxiliary.
        for (text, name) in [
            (
                "It rained. Theresa May said the pier was safe.",
                "Theresa May",
            ),
            (
                "It rained. The host, Will Rogers, said the pier was safe.",
                "Will Rogers",
            ),
            ("It rained. Does Rubio oppose the pier?", "Rubio"),
        ] {
            let found = mentions(text);
            assert!(found.iter().any(|(t, _)| t == name), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_second_role_joined_by_and_is_the_same_description() {
        let found = mentions("The harbour pilot and former ferry captain said the pier was safe.");
        assert!(
            found
                .iter()
                .any(|(t, k)| t == "The harbour pilot and former ferry captain"
                    && *k == MentionKind::Description),
            "{found:?}"
        );
        // A second determiner, a plural or a name after the role: another mention.
        for (text, whole) in [
            (
                "The harbour pilot and his wife said the pier was safe.",
                "The harbour pilot and his wife",
            ),
            (
                "The harbour pilot and ferry captains said the pier was safe.",
                "The harbour pilot and ferry captains",
            ),
            (
                "The harbour pilot and ferry captain Ann Ross said the pier was safe.",
                "The harbour pilot and ferry captain",
            ),
        ] {
            let found = mentions(text);
            assert!(found.iter().all(|(t, _)| t != whole), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_bare_quantifier_before_or_after_a_reporting_verb_is_a_source() {
        for (text, want) in [
            (
                "The bill passed, and others said the vote was rushed.",
                "others",
            ),
            (
                "Two members objected; yet another argued it was fine.",
                "another",
            ),
            ("\"It was rushed,\" wrote another.", "another"),
        ] {
            let found = mentions(text);
            assert!(
                found
                    .iter()
                    .any(|(t, k)| t == want && *k == MentionKind::Description),
                "{text}: {found:?}"
            );
        }
        // Not a subject: "the others", "some of them said", "They both said".
        for text in [
            "He met the others said to be waiting.",
            "They both said the vote was rushed.",
        ] {
            let found = mentions(text);
            assert!(
                found
                    .iter()
                    .all(|(t, _)| !matches!(t.as_str(), "others" | "both")),
                "{text}: {found:?}"
            );
        }
    }

    /// Asserts that each text yields a mention with exactly the wanted text.
    fn finds_each(cases: &[(&str, &str)]) {
        for &(text, want) in cases {
            assert_mention(text, want);
        }
    }

    /// Asserts that no mention of each text holds the unwanted words.
    fn finds_no(cases: &[(&str, &str)]) {
        for &(text, not) in cases {
            assert_no_mention(text, |t, _| t.contains(not));
        }
    }

    #[test]
    fn the_bare_state_is_a_noun_inside_a_phrase() {
        finds_no(&[
            (
                "As secretary of state, Moss said the pier leaked.",
                "secretary of",
            ),
            (
                "Former harbour secretary of state Ada Moss, a trustee, said it leaked.",
                "Moss, a",
            ),
        ]);
        let share = "Only about 4 in 10 residents in each state want a new pier.";
        assert_mention(share, "Only about 4 in 10 residents in each state");
        assert_no_mention(share, |t, _| t.ends_with("in each"));
    }

    #[test]
    fn a_poll_after_in_is_a_mention() {
        finds_each(&[
            ("In exit polls, voters backed the pier.", "exit polls"),
            (
                "In the new Harbour Gazette poll, voters backed the pier.",
                "the new Harbour Gazette poll",
            ),
            (
                "She leads in the Gazette average of Dunmore polls.",
                "the Gazette average of Dunmore polls",
            ),
        ]);
        // The idiom names no poll; nor does a phrase that runs past its noun.
        finds_no(&[
            ("She is rising in the polls.", "polls"),
            (
                "He won in eight of nine states where exit polls ran.",
                "polls",
            ),
        ]);
    }

    #[test]
    fn a_plural_head_ends_its_description() {
        // The word after "experts" is a verb, though a noun of ours follows it.
        finds_no(&[("Our experts see other candidates gaining.", "see")]);
        assert_mention("Our experts see other candidates gaining.", "Our experts");
        // A singular noun may still modify a later one.
        assert_mention(
            "The campaign staff member said it rained.",
            "The campaign staff member",
        );
    }

    #[test]
    fn a_description_does_not_run_over_a_clause_opener() {
        // "accused" is a person noun ("the accused"), but here it is the verb of the clause
        // after "after".
        finds_no(&[
            (
                "He attacked the plan after Mrs. Halloran accused him of lying.",
                "the plan after",
            ),
            (
                "She doubted the count during Monday's hearing of the accused.",
                "the count during",
            ),
        ]);
        assert_mention(
            "He attacked the plan after Mrs. Halloran accused him of lying.",
            "Mrs. Halloran",
        );
    }

    #[test]
    fn a_share_of_people_before_a_reporting_verb_is_a_source() {
        finds_each(&[
            (
                "About four in 10 said the ferry should stay.",
                "About four in 10",
            ),
            (
                "In the survey, 54 percent of harbour residents said the pier was unsafe.",
                "54 percent of harbour residents",
            ),
            (
                "Nearly half of Dunmore voters believe the pier is unsafe.",
                "Nearly half of Dunmore voters",
            ),
        ]);
        // The share ends at its verb, right after a hedged share or a fraction, and before
        // an auxiliary with an adverb in -ly.
        finds_each(&[
            (
                "Almost half said they wanted a ferry from the north.",
                "Almost half",
            ),
            (
                "Already, 520 delegates have publicly said they back the mayor.",
                "520 delegates",
            ),
        ]);
        finds_no(&[
            ("Almost half said they wanted a ferry.", "said"),
            ("Already, 520 delegates have publicly said it.", "have"),
        ]);
        // A number that opens no clause, or has no reporting verb after it, is no source.
        for text in [
            "The pier cost 54 percent of the budget, the mayor said.",
            "About four in 10 ferries sail late.",
        ] {
            let found = mentions(text);
            assert!(
                found
                    .iter()
                    .all(|(t, _)| !t.contains("percent") && !t.contains("in 10")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_phrase_opening_the_clause_of_a_verb_of_saying_is_its_subject() {
        finds_each(&[
            (
                "Many in the crowd said the ferry was late again.",
                "Many in the crowd",
            ),
            (
                "Several shop owners, including Ada Moss, said the pier was unsafe.",
                "Several shop owners, including Ada Moss",
            ),
            (
                "On the quay, those surveyed said the fares were too high.",
                "those surveyed",
            ),
        ]);
        // An adjunct, an adverb or a verb phrase before the verb is no subject.
        finds_no(&[
            (
                "Ada Moss, who runs the kiosk, on Friday said the pier was unsafe.",
                "on Friday",
            ),
            (
                "Ada Moss heard the rumour and quickly said it was false.",
                "quickly",
            ),
            (
                "The clerk deleted the files using a tool and said nothing.",
                "deleted",
            ),
        ]);
    }

    #[test]
    fn an_object_or_an_opening_preposition_is_no_source() {
        finds_no(&[
            ("Along with the pier, the board closed the quay.", "Along"),
            (
                "The clerks mocked her plan and even questioned her motives.",
                "even",
            ),
            (
                "He had not made the changes Moss requested in May.",
                "the changes",
            ),
            (
                "They arranged two conference calls in the past week.",
                "two conference",
            ),
        ]);
    }

    #[test]
    fn names_with_titles_roles_and_possessives() {
        let found =
            mentions("Unite leader Len McCluskey met Mr Miliband's aide. Galloway's view differs.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.contains(&"Unite leader Len McCluskey"), "{texts:?}");
        assert!(texts.contains(&"Mr Miliband"), "{texts:?}");
        assert!(texts.contains(&"Galloway"), "{texts:?}");
    }

    #[test]
    fn a_possessor_stands_where_the_determiner_would() {
        let found =
            mentions("The mayor's press officer met Oduya's lawyers and the firm\u{2019}s owner.");
        for want in [
            "The mayor's press officer",
            "Oduya's lawyers",
            "the firm\u{2019}s owner",
        ] {
            assert!(
                found
                    .iter()
                    .any(|(t, k)| t == want && *k == MentionKind::Description),
                "{want}: {found:?}"
            );
        }
        // The possessor is still a mention of its own; a capitalised word after it is not
        // a description ("Oduya's Bakewell").
        assert!(found.iter().any(|(t, _)| t == "Oduya"), "{found:?}");
        let found = mentions("He met Oduya's Bakewell partners.");
        assert!(
            found.iter().all(|(t, _)| !t.starts_with("Oduya's")),
            "{found:?}"
        );
    }

    #[test]
    fn an_affiliation_before_a_full_name_is_role() {
        let lex = Lexicon::new();
        let doc = Doc::new("Whig Maria Olsen said so, and Ada Moss agreed.", &lex);
        let found = find(&doc, &lex);
        assert_eq!(found[0].name, ["maria", "olsen"]);
        assert_eq!(found[0].role.as_deref(), Some("whig"));
        assert_eq!(found[1].name, ["ada", "moss"]);
    }

    #[test]
    fn a_pronoun_speaks_over_adverbs_before_its_verb() {
        assert_mention("It also said the ferry would run.", "It");
        assert_mention("We have long argued that the ferry should run.", "We");
        // Not before a passive: "it was said" has no speaker.
        assert_no_mention("It was said that the ferry would run.", |t, _| t == "It");
        assert_no_mention("It also runs on Sundays.", |t, _| t == "It");
    }

    #[test]
    fn a_relative_clause_closes_the_subject_of_the_verb_after_it() {
        assert_mention(
            "Later on. Wardens who spoke on condition of anonymity said the ferry would run.",
            "Wardens who spoke on condition of anonymity",
        );
        assert_mention(
            "Later on. But some who sail the route argue that the ferry is late.",
            "some who sail the route",
        );
        // Before the phrase after its relative pronoun, which only ends where a mention does.
        assert_mention(
            "Later on. Groups that oppose the ferry say it is late.",
            "Groups that oppose the ferry",
        );
        // The relative's own verb, a complement clause, a pronoun subject: no such phrase.
        assert_no_mention(
            "Later on. He met wardens who say the ferry is late.",
            |t, _| t.starts_with("wardens who"),
        );
        assert_no_mention(
            "Later on. Ada said she was glad and that she wanted to sail.",
            |t, _| t.contains("that she"),
        );
        assert_no_mention(
            "Later on. He treats them as fools who will believe anything he says.",
            |t, _| t.starts_with("fools who"),
        );
    }

    #[test]
    fn an_aside_between_dashes_stands_between_a_subject_and_its_verb() {
        assert_mention(
            "Later on. Harbour pilots — including the chief pilot, Ada Moss — have argued that the ferry is late.",
            "Harbour pilots",
        );
        assert_mention(
            "Later on. Harbour pilots -- among them Ada Moss -- warn that the ferry is late.",
            "Harbour pilots",
        );
    }

    #[test]
    fn an_object_pronoun_after_a_preposition_stays_in_the_subject() {
        assert_mention(
            "Later on. But those around him argue that the ferry is late.",
            "those around him",
        );
        assert_mention(
            "Later on. Several of them told pollsters that the ferry is late.",
            "Several of them",
        );
    }

    #[test]
    fn a_dated_participle_after_a_noun_stays_in_the_subject() {
        assert_mention(
            "Later on. A court document filed Thursday says that the ferry is late.",
            "A court document filed Thursday",
        );
    }

    #[test]
    fn a_clause_subject_keeps_its_verb_over_an_auxiliary() {
        assert_mention(
            "Later on. Republican wardens have said that the ferry would run.",
            "Republican wardens",
        );
        assert_mention(
            "Later on. Senior Harbour pilots did not say when the ferry would run.",
            "Senior Harbour pilots",
        );
        // A passive "be" is no such auxiliary: the phrase is the verb's object.
        assert_no_mention(
            "Later on. Republican wardens were told the news.",
            |t, _| t == "Republican wardens",
        );
    }

    #[test]
    fn a_bare_plural_speaks_over_an_auxiliary_or_an_adverb() {
        assert_mention(
            "Harbour officials have told reporters that the ferry would run.",
            "officials",
        );
        assert_mention(
            "Harbour officials subsequently told reporters that the ferry would run.",
            "officials",
        );
        assert_no_mention("Harbour officials have left the city.", |t, _| {
            t == "officials"
        });
    }

    #[test]
    fn a_title_with_a_complement_comes_before_the_name() {
        let found = mentions(
            "Secretary of Housing Maria Olsen said so, and Speaker of the Assembly Peter Vance \
             agreed. The President of the United States spoke.",
        );
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            texts.contains(&"Secretary of Housing Maria Olsen"),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"Speaker of the Assembly Peter Vance"),
            "{texts:?}"
        );
        // No first name: the capitalised words may all be title; nothing joins.
        assert!(
            texts.iter().all(|t| !t.starts_with("President of")),
            "{texts:?}"
        );
        // The name proper is the person's, the rest is role.
        let lex = Lexicon::new();
        let doc = Doc::new("Secretary of Housing Maria Olsen said so.", &lex);
        let found = find(&doc, &lex);
        assert_eq!(found[0].name, ["maria", "olsen"]);
        assert_eq!(found[0].role.as_deref(), Some("secretary of housing"));
        // Three capitalised words or more end in a first name and a surname, known or not,
        // and the surname may be possessive.
        for (text, name, role) in [
            (
                "Secretary of Housing Zorba Olsen said so.",
                ["zorba", "olsen"],
                "secretary of housing",
            ),
            (
                "Harbour Chief of Staff Zorba Olsen's memo said so.",
                ["zorba", "olsen"],
                "harbour chief of staff",
            ),
        ] {
            let doc = Doc::new(text, &lex);
            let found = find(&doc, &lex);
            assert_eq!(found[0].name, name, "{text}");
            assert_eq!(found[0].role.as_deref(), Some(role), "{text}");
        }
        // A word of a body's name among them: all title.
        let doc = Doc::new("Secretary of State Department Office staff said so.", &lex);
        let found = find(&doc, &lex);
        assert!(
            found.iter().all(|m| m.name != ["department", "office"]),
            "{found:?}"
        );
    }

    #[test]
    fn an_inverted_subject_after_a_verb_with_an_object_names_someone() {
        let texts =
            |text: &str| -> Vec<String> { mentions(text).into_iter().map(|(t, _)| t).collect() };
        // A title in quotation marks before "posted": its object is no subject.
        let found = texts("Ada Moss, who starred in \u{201c}Harbour Tales,\u{201d} posted the clip to YouTube on Thursday.");
        assert!(
            found.iter().all(|t| !t.starts_with("the clip")),
            "{found:?}"
        );
        // A noun for a person after it is, and after "said" any phrase is.
        let found = texts("\u{201c}The pier is lost,\u{201d} wrote one commenter.");
        assert!(found.contains(&"one commenter".to_string()), "{found:?}");
        let found = texts("\u{201c}The pier is lost,\u{201d} said the 46-year-old.");
        assert!(found.contains(&"the 46-year-old".to_string()), "{found:?}");
    }

    #[test]
    fn another_opens_a_description_of_someone_new() {
        let lex = Lexicon::new();
        let doc = Doc::new("A delegate left. Another delegate stayed.", &lex);
        let found = find(&doc, &lex);
        let another = found
            .iter()
            .find(|m| m.name_bytes.start > 0 && doc.text[m.bytes.clone()].starts_with("Another"))
            .expect("a mention for another delegate");
        assert!(another.indefinite);
    }

    #[test]
    fn a_noun_for_a_person_modifying_a_thing_is_no_description() {
        let texts =
            |text: &str| -> Vec<String> { mentions(text).into_iter().map(|(t, _)| t).collect() };
        let found =
            texts("Moss will face Vance in the general election. The delegate count is close.");
        assert!(
            found
                .iter()
                .all(|t| t != "the general" && t != "The delegate"),
            "{found:?}"
        );
        // The same noun heading its own phrase still names someone.
        let found = texts("Moss met the general, and the delegate said so.");
        assert!(
            found.contains(&"the general".to_string())
                && found.contains(&"the delegate".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn no_description_runs_over_a_negated_auxiliary() {
        for text in [
            "The mayor said the country cannot vet every refugee.",
            "The mayor said the country won't vet every refugee.",
            "The mayor said the country doesn’t vet every refugee.",
        ] {
            let found = mentions(text);
            assert!(
                found
                    .iter()
                    .all(|(t, _)| !t.contains("not") && !t.contains("n't") && !t.contains("n’t")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_title_complement_cut_short_by_a_headline_word_is_all_title() {
        // The complement's name words ran past where the name stops ("This" is no name
        // word): this once indexed an empty name.
        let lex = Lexicon::new();
        let doc = Doc::new("President for This Time Today", &lex);
        let _ = find(&doc, &lex);
    }

    #[test]
    fn an_auxiliary_may_stand_between_a_source_phrase_and_its_verb() {
        let texts =
            |text: &str| -> Vec<String> { mentions(text).into_iter().map(|(t, _)| t).collect() };
        let found = texts("Some cyclists have long argued that the lanes are too narrow.");
        assert!(found.contains(&"Some cyclists".to_string()), "{found:?}");
        let found = texts("One organiser has said the route will change.");
        assert!(found.contains(&"One organiser".to_string()), "{found:?}");
        // Not before any other verb: "have left" reports nothing.
        let found = texts("Some cyclists have left the city.");
        assert!(found.iter().all(|t| t != "Some cyclists"), "{found:?}");
    }

    #[test]
    fn descriptions_and_pronouns() {
        let found = mentions("The backbencher said the MP for Bradford West and the TUC general secretary agreed. She left.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.contains(&"The backbencher"), "{texts:?}");
        assert!(texts.contains(&"the MP for Bradford West"), "{texts:?}");
        assert!(texts.contains(&"the TUC general secretary"), "{texts:?}");
        assert!(found
            .iter()
            .any(|(t, k)| t == "She" && *k == MentionKind::Pronoun));
    }

    /// The texts of the name mentions of `text`.
    fn names(text: &str) -> Vec<String> {
        mentions(text)
            .into_iter()
            .filter(|(_, k)| *k == MentionKind::Name)
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn a_state_in_a_dateline_or_an_address_is_no_name() {
        let names =
            names("ORLANDO, Fla. - Ines Duarte met the pilots in Beaumont, Tex., on Friday.");
        assert_eq!(names, ["Ines Duarte", "Beaumont"]);
    }

    #[test]
    fn a_plural_possessive_inside_an_organisations_name_is_part_of_it() {
        let names = names("The Harbour Traders' Association met. Farmers' Union leaders spoke.");
        assert!(
            names.contains(&"Harbour Traders' Association".to_string()),
            "{names:?}"
        );
        assert!(names.contains(&"Farmers' Union".to_string()), "{names:?}");
    }

    #[test]
    fn a_role_modifier_opening_a_sentence_is_no_name() {
        let names = names("Former US envoy Ada Moss spoke. Top Vance aide Ed Roe left.");
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("Former") || n.starts_with("Top")),
            "{names:?}"
        );
    }

    #[test]
    fn a_name_joined_to_a_lower_case_word_is_an_adjective() {
        let found = mentions("Moss gave a Vance-style answer to the Obama-era rules.");
        assert_eq!(
            found,
            vec![("Moss".to_string(), MentionKind::Name)],
            "{found:?}"
        );
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let texts: Vec<String> = mentions("However, the plan failed. Monday was quiet.")
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert!(texts.is_empty(), "{texts:?}");
    }

    #[test]
    fn a_clause_opener_or_preposition_never_starts_a_name() {
        // After an abbreviation the sentence start is unsure; "While" still opens no name.
        let found = mentions(
            "Tolls rose in the U.S. While Dana Greer objected, the mayor agreed. \
             Across Peru the mood soured. Hours later Dana Greer spoke.",
        );
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            texts.iter().all(|t| !t.starts_with("While")
                && !t.starts_with("Across")
                && !t.starts_with("Hours")),
            "{texts:?}"
        );
        assert!(texts.contains(&"Dana Greer"), "{texts:?}");
    }

    #[test]
    fn an_outlet_named_with_a_heading_word_is_one_name() {
        let found = mentions("The story ran on Fox News and on Tarn Valley News.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.contains(&"Fox News"), "{texts:?}");
        assert!(texts.contains(&"Tarn Valley News"), "{texts:?}");
        // Alone at the head of a line it is still no name.
        let found = mentions("News\n\nThe council met.");
        assert!(found.iter().all(|(t, _)| t != "News"), "{found:?}");
    }

    #[test]
    fn a_description_runs_over_modifiers_to_its_last_noun() {
        let found = mentions("The likely Republican presidential nominee said nothing.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(
            texts.contains(&"The likely Republican presidential nominee"),
            "{texts:?}"
        );
    }

    #[test]
    fn a_word_that_opens_a_sentence_as_an_adverb_or_a_preposition_is_no_name() {
        let cases = [
            // A sentence adverb before its comma.
            "The memo came out. Essentially, the lawyers read the mail.",
            // A preposition opening the sentence.
            "The vote was held. Outside the hall, the crowd waited.",
            // A function word opening a sentence inside a quotation.
            "Ada Moss said: \"It was fine. A lot of people came.\"",
            // A function word in a shouted headline.
            "SIGN UP FOR OUR NEWSLETTER. Ada Moss spoke.",
            // A preposition in a Title Case headline.
            "Voters Turn On Mayor For Harbour Remarks",
        ];
        for text in cases {
            let names = names(text);
            assert!(
                names.iter().all(|n| !matches!(
                    n.as_str(),
                    "Essentially" | "Outside" | "A" | "FOR"
                ) && !n.starts_with("For ")),
                "{text}: {names:?}"
            );
        }
        // A surname in -ly the article capitalises inside a sentence stays a name, and so
        // does a short one.
        assert!(
            names("Phyllis Schlafly spoke. Schlafly, the activist, left.")
                .contains(&"Schlafly".to_string())
        );
        assert!(names("The deal was done. Kelly, the host, left.").contains(&"Kelly".to_string()));
        assert!(names("The hall was full. \"We won,\" From said.").contains(&"From".to_string()));
    }

    #[test]
    fn a_participle_with_its_object_opening_the_sentence_is_no_subject() {
        let found = mentions(
            "The debate ended. Making the rounds on the morning shows, Ben Carson said he was calm.",
        );
        assert!(
            found.iter().all(|(t, _)| !t.starts_with("Making")),
            "{found:?}"
        );
    }

    #[test]
    fn a_verb_of_saying_used_as_a_noun_has_no_subject() {
        for (text, phrase) in [
            (
                "It rained. Ada Moss made no mention of the pier.",
                "Ada Moss made no",
            ),
            (
                "It rained. Ada Moss made little mention of the pier.",
                "Ada Moss made little",
            ),
            (
                "It rained. Ada Moss sounded a rare note of doubt.",
                "a rare",
            ),
            // A base form after a singular phrase is a noun.
            (
                "It rained. Ada Moss got a personal call from a friend.",
                "a personal",
            ),
            (
                "It rained. Ada Moss held the dogmatic view that piers last.",
                "the dogmatic",
            ),
        ] {
            let found = mentions(text);
            assert!(found.iter().all(|(t, _)| t != phrase), "{text}: {found:?}");
        }
        assert_mention(
            "It rained. A spokesman said the pier was safe.",
            "A spokesman",
        );
        assert_mention("It rained. The police say the pier was safe.", "The police");
        assert_mention("It rained. The board will endorse the pier.", "The board");
        // The noun heads the phrase, and the verb after it makes the phrase a subject.
        assert_mention(
            "It rained. An early tweet quoted the mayor on the pier.",
            "An early tweet",
        );
    }

    #[test]
    fn a_word_after_a_quotation_closed_on_a_comma_is_no_sentence_start() {
        // "Quick" could open a sentence as a verb ("Quick to respond, ..."), but after `,"`
        // the sentence goes on, so it is the surname.
        let found = mentions("Nora Quick spoke first. \"We are sorry,\" Quick said.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(texts.contains(&"Quick"), "{texts:?}");
    }
}
