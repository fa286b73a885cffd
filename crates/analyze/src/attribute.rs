//! The reading pass: sentence by sentence, resolve every mention to an entity, then attribute
//! each quotation and piece of reported speech to the source its cue binds. Reading in order
//! lets "He added:" find the speaker of the previous quotation and a paragraph of quotation
//! with no cue continue the speech before it.

use std::collections::HashMap;
use std::ops::Range;

use saywho_model::{EntityType, MentionKind, QuoteKind};

use crate::cues::{self, Cue, CueForm};
use crate::doc::{Doc, NO_REGION};
use crate::judge::Judge;
use crate::lexicon::{Gender, Lexicon, WordSet};
use crate::mentions::{is_possessive, Candidate};
use crate::tokens::TokenKind;

/// Tokens of distance a learned cue word gives away to a verb of saying when both could
/// attribute one quotation.
const LEARNED_CUE_HANDICAP: usize = 3;

/// An entity as it grows during the reading pass.
#[derive(Clone, Debug)]
pub struct EntityState {
    /// Lower-case name words of the fullest name seen.
    pub name: Vec<String>,
    /// Mention index whose text is the fullest name.
    pub name_mention: Option<usize>,
    /// Person, organisation or not yet known.
    pub entity_type: Option<EntityType>,
    /// Gender, if known.
    pub gender: Option<Gender>,
    /// True when the gender comes from a title, pronoun or gendered noun.
    pub gender_strong: bool,
    /// Roles seen for it ("labour leader").
    pub roles: Vec<String>,
    /// Head nouns of its descriptions ("leader").
    pub heads: Vec<String>,
    /// Its mentions, in order.
    pub mentions: Vec<usize>,
    /// The sentence of its latest mention.
    pub last_sentence: usize,
    /// True for groups.
    pub plural: bool,
    /// True once it has been attributed a quotation.
    pub spoke: bool,
}

/// A quotation found by the pass, in byte offsets.
#[derive(Clone, Debug)]
pub struct Found {
    /// Content bytes.
    pub content: Range<usize>,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// Cue bytes.
    pub cue: Option<Range<usize>>,
    /// Source mention.
    pub mention: Option<usize>,
    /// Speaker entity.
    pub entity: Option<usize>,
    /// Confidence.
    pub confidence: f32,
    /// True when the cue reports a thought ("believes", "hopes") rather than speech: a
    /// quoted fragment inside such a report was said by whoever reports the thought.
    pub thought: bool,
}

/// The outcome of the reading pass.
pub struct Reading {
    /// Entity of each mention, if resolved.
    pub mention_entity: Vec<Option<usize>>,
    /// Entities.
    pub entities: Vec<EntityState>,
    /// Quotations in text order.
    pub quotes: Vec<Found>,
}

/// The source of the latest attributed quotation, which an uncued quotation continues.
#[derive(Clone, Copy, Debug)]
struct LastSource {
    entity: Option<usize>,
    mention: Option<usize>,
    paragraph: usize,
}

struct Pass<'a, 't> {
    doc: &'a Doc<'t>,
    lex: &'a Lexicon,
    judge: &'a Judge,
    mentions: &'a [Candidate],
    mention_entity: Vec<Option<usize>>,
    entities: Vec<EntityState>,
    surname_owner: HashMap<String, usize>,
    quotes: Vec<Found>,
    last_speaker: Option<LastSource>,
    /// Apposition partner: description mention → name mention.
    apposition: HashMap<usize, usize>,
    /// The same pairs from the name's side: name mention → its descriptions, in text order.
    described_by: HashMap<usize, Vec<usize>>,
    /// The writer's own entities, once they speak: "I" and "we" outside quotation marks.
    narrator: [Option<usize>; 2],
}

/// Nouns for a work whose title may follow in quotation marks: `the TV show "Shark Tank"`,
/// `his memoir "Tough Choices"`. PolNeAR train annotates no such title as a quotation.
const WORK_NOUNS: WordSet = WordSet::new(&[
    "show",
    "series",
    "program",
    "programme",
    "book",
    "memoir",
    "film",
    "movie",
    "documentary",
    "album",
    "song",
    "play",
    "novel",
    "podcast",
    "column",
    "sitcom",
]);

/// Runs the reading pass over `doc`.
pub fn read(doc: &Doc<'_>, lex: &Lexicon, judge: &Judge, mentions: &[Candidate]) -> Reading {
    let n = doc.tokens.len();
    let mut mention_ending_at = vec![u32::MAX; n];
    let mut mention_starting_at = vec![u32::MAX; n];
    for (i, m) in mentions.iter().enumerate() {
        let last = m.tokens.end - 1;
        // Prefer the longer mention ending at a token (a name over a nested description).
        let slot = &mut mention_ending_at[last];
        if *slot == u32::MAX || mentions[*slot as usize].tokens.len() < m.tokens.len() {
            *slot = i as u32;
        }
        let slot = &mut mention_starting_at[m.tokens.start];
        if *slot == u32::MAX || mentions[*slot as usize].tokens.len() < m.tokens.len() {
            *slot = i as u32;
        }
    }
    let apposition = find_appositions(doc, lex, mentions, &mention_ending_at, &mention_starting_at);
    let mut described_by: HashMap<usize, Vec<usize>> = HashMap::new();
    for (&d, &n) in &apposition {
        described_by.entry(n).or_default().push(d);
    }
    for descriptions in described_by.values_mut() {
        descriptions.sort_unstable();
    }
    let mut pass = Pass {
        doc,
        lex,
        judge,
        mentions,
        mention_entity: vec![None; mentions.len()],
        entities: Vec::new(),
        surname_owner: HashMap::new(),
        quotes: Vec::new(),
        last_speaker: None,
        apposition,
        described_by,
        narrator: [None, None],
    };
    let mut next_mention = 0;
    let mut pending_colon: Option<(Option<usize>, usize)> = None; // (source mention, paragraph)
    for (s, range) in doc.sentences.iter().enumerate() {
        // A heading is read like any sentence ("Moss Says She Will Stay"), unless it links
        // to another story.
        let links = doc.in_links(range.start);
        let cues = if links {
            Vec::new()
        } else {
            cues::find(
                doc,
                lex,
                range.clone(),
                mentions,
                &mention_ending_at,
                &mention_starting_at,
            )
        };
        let sources: Vec<usize> = cues.iter().filter_map(|c| c.source).collect();
        // Resolve the mentions of this sentence in order.
        let first = next_mention;
        while next_mention < mentions.len() && mentions[next_mention].tokens.start < range.end {
            if pass.mention_entity[next_mention].is_none() {
                let is_source = sources.contains(&next_mention);
                pass.resolve(next_mention, s, is_source);
            }
            next_mention += 1;
        }
        let sentence_mentions = first..next_mention;
        if links {
            continue;
        }
        pending_colon =
            pass.attribute_sentence(s, range.clone(), &cues, sentence_mentions, pending_colon);
    }
    pass.merge_cataphora();
    pass.settle_speakers();
    Reading {
        mention_entity: pass.mention_entity,
        entities: pass.entities,
        quotes: pass.quotes,
    }
}

/// An entity that speaks has spoken, and is a person unless it is known to be something
/// else.
fn mark_speaker(entity: &mut EntityState) {
    entity.spoke = true;
    if entity.entity_type.is_none() {
        entity.entity_type = Some(EntityType::Person);
    }
}

/// Description–name pairs in apposition: "Francis O'Grady, the TUC general secretary",
/// "Her coach, Viktor Sandberg" and "a voter named Ada Moss".
fn find_appositions(
    doc: &Doc<'_>,
    lex: &Lexicon,
    mentions: &[Candidate],
    ending_at: &[u32],
    starting_at: &[u32],
) -> HashMap<usize, usize> {
    // "Mr. Trump, his aides said, would win": a description right before a verb of saying
    // is the subject of an aside, not a second name for what stands before it.
    let speaks = |d: &Candidate| {
        let next = d.tokens.end;
        next < doc.tokens.len() && doc.is_word(next) && lex.cue_verb(doc.lower(next)).is_some()
    };
    let mut out = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.kind != MentionKind::Name || m.possessive {
            continue;
        }
        let after = m.tokens.end;
        if after + 1 < doc.tokens.len() && doc.is_punct(after, ",") {
            let d = starting_at[after + 1];
            // A plural after a name lists more people: "the Iraq War, radicals who ...".
            if d != u32::MAX
                && mentions[d as usize].kind == MentionKind::Description
                && !mentions[d as usize].possessive
                && !mentions[d as usize].plural
                && !speaks(&mentions[d as usize])
            {
                out.insert(d as usize, i);
            }
        }
    }
    for (d, m) in mentions.iter().enumerate() {
        if m.kind != MentionKind::Description {
            continue;
        }
        let mut after = m.tokens.end;
        // "The director of the European Centre, Ina Kirsch,": over the body the role is in.
        if after + 2 < doc.tokens.len() && matches!(doc.lower(after), "of" | "at") {
            let body = match starting_at[after + 1] {
                u32::MAX if doc.lower(after + 1) == "the" => starting_at[after + 2],
                body => body,
            };
            if body != u32::MAX && mentions[body as usize].kind != MentionKind::Pronoun {
                after = mentions[body as usize].tokens.end;
            }
        }
        if after + 1 < doc.tokens.len() && doc.is_punct(after, ",") {
            let n = starting_at[after + 1];
            if n != u32::MAX
                && mentions[n as usize].kind == MentionKind::Name
                && mentions[n as usize].entity_type != Some(EntityType::Organization)
            {
                out.entry(d).or_insert(n as usize);
            }
        }
        if cues::naming_participle(doc, m.tokens.end, mentions, ending_at, starting_at) {
            out.entry(d)
                .or_insert(starting_at[m.tokens.end + 1] as usize);
        }
    }
    out
}

impl Pass<'_, '_> {
    fn new_entity(&mut self, m: usize, s: usize) -> usize {
        let c = &self.mentions[m];
        let id = self.entities.len();
        self.entities.push(EntityState {
            name: c.name.clone(),
            name_mention: (c.kind == MentionKind::Name).then_some(m),
            entity_type: c.entity_type,
            gender: c.gender,
            gender_strong: c.gender_strong,
            roles: Vec::new(),
            heads: Vec::new(),
            mentions: Vec::new(),
            last_sentence: s,
            plural: c.plural,
            spoke: false,
        });
        id
    }

    fn bind(&mut self, m: usize, e: usize, s: usize) {
        self.mention_entity[m] = Some(e);
        let c = &self.mentions[m];
        let ent = &mut self.entities[e];
        ent.mentions.push(m);
        ent.last_sentence = s;
        if let Some(role) = &c.role {
            if !role.is_empty() {
                add_new(&mut ent.roles, role);
            }
            if c.kind == MentionKind::Name {
                if let Some(last) = role.split_whitespace().last() {
                    add_new(&mut ent.heads, last);
                }
            }
        }
        if let Some(head) = &c.head {
            add_new(&mut ent.heads, head);
        }
        if c.gender.is_some()
            && (c.gender_strong || ent.gender.is_none())
            && !(ent.gender_strong && !c.gender_strong)
        {
            ent.gender = c.gender;
            ent.gender_strong |= c.gender_strong;
        }
        if c.kind == MentionKind::Name && c.name.len() > ent.name.len() {
            ent.name = c.name.clone();
            ent.name_mention = Some(m);
        }
        if ent.name_mention.is_none() && c.kind == MentionKind::Name {
            ent.name_mention = Some(m);
        }
        if ent.entity_type.is_none() {
            ent.entity_type = c.entity_type;
        }
    }

    fn resolve(&mut self, m: usize, s: usize, is_source: bool) {
        let c = &self.mentions[m];
        let entity = match c.kind {
            MentionKind::Name => self.resolve_name(m),
            MentionKind::Description => self.resolve_description(m, s),
            MentionKind::Pronoun => self.resolve_pronoun(m, s, is_source),
        };
        let e = match entity {
            Some(e) => e,
            None if c.kind == MentionKind::Pronoun => return,
            None => self.new_entity(m, s),
        };
        self.bind(m, e, s);
        let c = &self.mentions[m];
        if c.kind == MentionKind::Name {
            if let Some(last) = c.name.last() {
                if c.name.len() >= 2 || !self.surname_owner.contains_key(last) {
                    self.surname_owner.entry(last.clone()).or_insert(e);
                }
            }
        }
        // A name in apposition to an earlier description pulls that description along.
        let partners = self.described_by.get(&m).cloned().unwrap_or_default();
        for d in partners {
            if let Some(old) = self.mention_entity[d] {
                if old != e && self.entities[old].mentions.len() == 1 {
                    self.entities[old].mentions.clear();
                    self.mention_entity[d] = None;
                    self.bind(d, e, s);
                }
            }
        }
    }

    fn resolve_name(&mut self, m: usize) -> Option<usize> {
        let c = &self.mentions[m];
        let name = &c.name;
        let last = name.last()?;
        if c.entity_type == Some(EntityType::Organization) {
            return self.entities.iter().rposition(|e| {
                e.entity_type == Some(EntityType::Organization)
                    && (&e.name == name || e.name.last() == Some(last))
            });
        }
        // "Mrs. Clinton" is not "Mr. Clinton": titles that give opposite genders keep two
        // people of one surname apart.
        let (gender, strong) = (c.gender, c.gender_strong);
        let other_gender =
            |e: &EntityState| strong && e.gender_strong && gender.is_some() && e.gender != gender;
        let person_like = |e: &EntityState| {
            e.entity_type != Some(EntityType::Organization)
                && !e.name.is_empty()
                && !other_gender(e)
        };
        if name.len() >= 2 {
            let first = &name[0];
            let candidates: Vec<usize> = (0..self.entities.len())
                .filter(|&i| {
                    let e = &self.entities[i];
                    person_like(e)
                        && e.name.last() == Some(last)
                        && (e.name.len() == 1
                            || &e.name[0] == first
                            || initial_of(&e.name[0], first))
                })
                .collect();
            // Prefer an exact full match, then the entity that owns the bare surname.
            if let Some(&i) = candidates.iter().find(|&&i| &self.entities[i].name == name) {
                return Some(i);
            }
            if let Some(&owner) = self.surname_owner.get(last) {
                if candidates.contains(&owner) {
                    return Some(owner);
                }
            }
            return candidates.last().copied();
        }
        if let Some(&owner) = self.surname_owner.get(last) {
            let e = &self.entities[owner];
            if person_like(e) || (e.name.last() == Some(last) && !other_gender(e)) {
                return Some(owner);
            }
            // The owner is of the other gender: the latest of this one with the surname.
            if let Some(i) = self
                .entities
                .iter()
                .rposition(|e| person_like(e) && e.name.last() == Some(last))
            {
                return Some(i);
            }
        }
        // A first name alone: "Ralph" for "Ralph Miliband".
        self.entities.iter().rposition(|e| {
            person_like(e)
                && e.name.len() >= 2
                && (&e.name[0] == last || e.name.last() == Some(last))
        })
    }

    /// The entity a definite description in sentence `s` takes up: its apposition's, one
    /// with the same role or head, or else the most salient person (never its own clause's
    /// subject).
    fn resolve_description(&mut self, m: usize, s: usize) -> Option<usize> {
        if let Some(&n) = self.apposition.get(&m) {
            if let Some(e) = self.mention_entity[n] {
                return Some(e);
            }
            if n < m {
                return None;
            }
            // The name comes right after: it binds this description when it is resolved.
            return None;
        }
        let c = &self.mentions[m];
        if c.indefinite || c.plural {
            return None;
        }
        let doc = self.doc;
        let det = doc.lower(c.tokens.start);
        if matches!(det, "his" | "her" | "their" | "its" | "my" | "our" | "your") {
            return None;
        }
        // "Clinton's campaign" is someone other than Clinton and than any other campaign:
        // only the same role, possessor included, finds it again.
        let possessed = (c.tokens.start..c.tokens.end - 1).any(|t| is_possessive(doc.lower(t)));
        let want = c.entity_type;
        let role = c.role.clone().unwrap_or_default();
        let head = c.head.clone().unwrap_or_default();
        let type_ok = |e: &EntityState| match want {
            Some(EntityType::Person) => {
                e.entity_type != Some(EntityType::Organization) && !e.plural
            }
            other => e.entity_type == other,
        };
        if !role.is_empty() {
            if let Some(e) = self
                .entities
                .iter()
                .rposition(|e| type_ok(e) && e.roles.iter().any(|r| role_ends_in(r, &role)))
            {
                return Some(e);
            }
        }
        if possessed {
            return None;
        }
        if let Some(e) = self
            .entities
            .iter()
            .rposition(|e| type_ok(e) && e.heads.contains(&head))
        {
            // A head shared with several people is no evidence; keep it only when unique.
            let sharing = self
                .entities
                .iter()
                .filter(|e| type_ok(e) && e.heads.contains(&head))
                .count();
            if sharing == 1 && !self.entities[e].name.is_empty() {
                return Some(e);
            }
        }
        if want == Some(EntityType::Organization) {
            return None;
        }
        // "the director of the Federal Bureau of Investigation", "the leader of the
        // Anti-Defamation League": a role in a named body that nobody was given before
        // introduces its holder.
        let after = c.tokens.end;
        let named_body = |k: usize| k < doc.tokens.len() && doc.tokens[k].capitalized;
        if after + 1 < doc.tokens.len()
            && matches!(doc.lower(after), "of" | "at")
            && (named_body(after + 1) || (doc.lower(after + 1) == "the" && named_body(after + 2)))
        {
            return None;
        }
        // Salience: frequent and recent people, never the subject of this very clause.
        let excluded_subject = self.preceding_subject(m);
        let opens_sentence = {
            let t = c.tokens.start;
            t == doc.sentences[doc.sentence_of[t] as usize].start
        };
        let mut best: Option<(f32, usize)> = None;
        for (i, e) in self.entities.iter().enumerate() {
            if !type_ok(e)
                || e.name.is_empty()
                || e.entity_type.is_none() && e.name.len() < 2 && !e.spoke
            {
                continue;
            }
            if Some(i) == excluded_subject {
                continue;
            }
            if let (Some(g), Some(eg)) = (c.gender, e.gender) {
                if g != eg && e.gender_strong {
                    continue;
                }
            }
            let distance = s.saturating_sub(e.last_sentence) as f32;
            let newcomer = opens_sentence && self.introduced_with_aside(e, s);
            let score = e.mentions.len() as f32 * 0.5
                + 3.0 / (1.0 + distance)
                + if e.spoke { 1.0 } else { 0.0 }
                + if newcomer { 3.0 } else { 0.0 };
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i)
    }

    /// True when entity `e` is a person first named in the sentence before sentence `s`, its
    /// name set off by a comma ("Her coach, Viktor Sandberg, described ...", "Tomas Ferreira,
    /// who runs a food stall, said ..."): a description opening the next sentence ("The
    /// Swede", "The stallholder") takes up that newcomer rather than the story's subject.
    fn introduced_with_aside(&self, e: &EntityState, s: usize) -> bool {
        let doc = self.doc;
        let Some(&first) = e.mentions.first() else {
            return false;
        };
        let m = &self.mentions[first];
        let sentence = doc.sentence_of[m.tokens.start] as usize;
        e.entity_type == Some(EntityType::Person)
            && m.kind == MentionKind::Name
            && sentence + 1 == s
            && m.tokens.end < doc.tokens.len()
            && doc.is_punct(m.tokens.end, ",")
    }

    /// "... with the mayor insisting ... Mayor Joanna Pettigrew told reporters": a description
    /// that came before the name it describes could not be resolved when it was read. An
    /// entity known only by definite descriptions joins the one named person, met later,
    /// whose role is the description's head.
    fn merge_cataphora(&mut self) {
        for d in 0..self.entities.len() {
            let described = &self.entities[d];
            if !described.name.is_empty()
                || described.plural
                || described.mentions.is_empty()
                || described.entity_type == Some(EntityType::Organization)
            {
                continue;
            }
            // A headline's description may have taken up pronouns of the first sentence
            // ("she says she is not finished") before the name it stands for was known.
            if let Some(n) = self.headline_subject(d) {
                self.merge_into(d, n);
                continue;
            }
            if described.mentions.iter().any(|&m| {
                let c = &self.mentions[m];
                c.kind != MentionKind::Description || c.indefinite
            }) {
                continue;
            }
            let first = described.mentions[0];
            let heads = described.heads.clone();
            let named: Vec<usize> = (0..self.entities.len())
                .filter(|&e| {
                    let other = &self.entities[e];
                    e != d
                        && !other.name.is_empty()
                        && !other.plural
                        && other.entity_type == Some(EntityType::Person)
                        && other.mentions.first().is_some_and(|&m| m > first)
                        && other
                            .roles
                            .iter()
                            .any(|r| heads.iter().any(|h| role_ends_in(r, h)))
                })
                .collect();
            let [n] = named[..] else {
                continue;
            };
            self.merge_into(d, n);
        }
    }

    /// Moves the mentions, roles and heads of entity `d` into entity `n`.
    fn merge_into(&mut self, d: usize, n: usize) {
        let moved = std::mem::take(&mut self.entities[d].mentions);
        for &m in &moved {
            self.mention_entity[m] = Some(n);
        }
        let (spoke, roles, heads) = {
            let described = &mut self.entities[d];
            (
                described.spoke,
                std::mem::take(&mut described.roles),
                std::mem::take(&mut described.heads),
            )
        };
        let target = &mut self.entities[n];
        target.mentions.extend(moved);
        target.mentions.sort_unstable();
        target.spoke |= spoke;
        for r in &roles {
            add_new(&mut target.roles, r);
        }
        for h in &heads {
            add_new(&mut target.heads, h);
        }
    }

    /// The person a description in the headline stands for, when the article's first sentence
    /// names that person and uses the description's head noun too: 'Teenage chess champion
    /// says ...' over "Sixteen-year-old Amara Okonkwo became the youngest national chess
    /// champion". The first person named in that sentence, if any. The entity's other
    /// mentions may be pronouns it took up before that name ("and she says ...").
    fn headline_subject(&self, d: usize) -> Option<usize> {
        let doc = self.doc;
        let described = &self.entities[d];
        if doc.heading.first() != Some(&true) {
            return None;
        }
        let mut descriptions = described
            .mentions
            .iter()
            .map(|&m| &self.mentions[m])
            .filter(|c| c.kind != MentionKind::Pronoun)
            .peekable();
        descriptions.peek()?;
        // Headlines drop their articles: "Teenage chess champion says ..." reads as indefinite.
        if !descriptions.all(|c| {
            c.kind == MentionKind::Description && doc.tokens[c.tokens.start].paragraph == 0
        }) {
            return None;
        }
        let first_body = doc
            .sentences
            .iter()
            .find(|range| !range.is_empty() && !doc.in_heading(range.start))?;
        let uses_head = first_body
            .clone()
            .any(|i| doc.is_word(i) && described.heads.iter().any(|h| h.as_str() == doc.lower(i)));
        if !uses_head {
            return None;
        }
        self.mentions
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.kind == MentionKind::Name && first_body.contains(&c.tokens.start) && !c.in_quote
            })
            .find_map(|(m, _)| {
                let e = self.mention_entity[m]?;
                let other = &self.entities[e];
                (e != d && !other.plural && other.entity_type == Some(EntityType::Person))
                    .then_some(e)
            })
    }

    /// A quotation's speaker is its mention's entity as finally resolved. When the quotation
    /// was recorded, its mention could still be unresolved (a speaker named in a later
    /// sentence) or its entity merged since ([`Self::merge_cataphora`], which leaves the
    /// quotations to this); the entity that turns out to have spoken is then marked as
    /// [`Self::record`] marks one. Every quotation with an entity has a mention, so this
    /// settles them all.
    fn settle_speakers(&mut self) {
        for q in &mut self.quotes {
            let Some(m) = q.mention else { continue };
            let entity = self.mention_entity[m];
            if entity == q.entity {
                continue;
            }
            q.entity = entity;
            if let Some(e) = entity {
                mark_speaker(&mut self.entities[e]);
            }
        }
    }

    /// The entity of the nearest non-possessive mention before `m` in its sentence, outside
    /// quotations: a description is never coreferent with the subject of its own clause.
    fn preceding_subject(&self, m: usize) -> Option<usize> {
        let c = &self.mentions[m];
        let sentence = self.doc.sentence_of[c.tokens.start];
        (0..m)
            .rev()
            .take_while(|&i| self.doc.sentence_of[self.mentions[i].tokens.start] == sentence)
            .find(|&i| {
                !self.mentions[i].possessive
                    && !(i > 0 && self.mentions[i - 1].tokens.end >= self.mentions[i].tokens.end)
                    && !self.mentions[i].in_quote
                    && self.mentions[i].tokens.end <= c.tokens.start
            })
            .and_then(|i| self.mention_entity[i])
    }

    fn resolve_pronoun(&mut self, m: usize, s: usize, is_source: bool) -> Option<usize> {
        let c = &self.mentions[m];
        let form = c.pronoun?;
        let doc = self.doc;
        // The one addressed as "you" is nobody the article names.
        if form == "you" {
            return None;
        }
        if matches!(form, "who" | "which") {
            // The antecedent ends right before it, or before the comma that sets it off.
            let before = c.tokens.start.checked_sub(1)?;
            let prev = if doc.is_punct(before, ",") {
                before.checked_sub(1)?
            } else {
                before
            };
            let ending_at = |last: usize| {
                (0..m)
                    .rev()
                    .take(6)
                    .find(|&i| self.mentions[i].tokens.end - 1 == last)
            };
            // "Sen. Tom Udall of New Mexico, who", "a pilot from Dunmore, Kent, who": the
            // person before the place they come from.
            let from = prev.saturating_sub(6);
            let before_place = (from..=prev)
                .rev()
                .find(|&k| !(doc.tokens[k].capitalized || doc.is_punct(k, ",")) || doc.in_quote(k))
                .filter(|&k| {
                    form == "who" && k > 0 && k < prev && matches!(doc.lower(k), "of" | "from")
                })
                .and_then(|k| ending_at(k - 1))
                // "Senator Jeff Flake, Republican of Arizona, who": a one-word role set off
                // after a name stands for it.
                .map(|i| {
                    let start = self.mentions[i].tokens.start;
                    let named = (self.mentions[i].tokens.len() == 1
                        && start > 1
                        && doc.is_punct(start - 1, ","))
                    .then(|| ending_at(start - 2))
                    .flatten()
                    .filter(|&n| self.mentions[n].kind == MentionKind::Name);
                    named.unwrap_or(i)
                });
            // "The former secretary of state, who", "the chair of the harbour board, who":
            // the person described, not the complement.
            let of_complement = || {
                let of = (prev.saturating_sub(3)..prev)
                    .rev()
                    .take_while(|&k| doc.is_word(k) && !doc.in_quote(k))
                    .find(|&k| matches!(doc.lower(k), "of" | "for"))?;
                ending_at(of.checked_sub(1)?).filter(|&i| {
                    let d = &self.mentions[i];
                    d.kind == MentionKind::Description
                        && d.head
                            .as_deref()
                            .is_some_and(|h| self.lex.is_person_noun(h))
                })
            };
            let antecedent = before_place
                .or_else(|| (form == "who").then(of_complement).flatten())
                .or_else(|| ending_at(prev));
            return antecedent.and_then(|i| self.mention_entity[i]);
        }
        // "I said", "we asked" outside quotation marks: the writer, one entity for "I" and
        // one for "we", whoever was named last.
        if matches!(form, "i" | "we") {
            let slot = usize::from(form == "we");
            return Some(match self.narrator[slot] {
                Some(e) => e,
                None => {
                    let e = self.new_entity(m, s);
                    self.entities[e].entity_type = Some(EntityType::Person);
                    self.narrator[slot] = Some(e);
                    e
                }
            });
        }
        let paragraph = doc.paragraph_of(c.tokens.start);
        let mut best: Option<(f32, usize)> = None;
        for (i, e) in self.entities.iter().enumerate() {
            let distance = s.saturating_sub(e.last_sentence) as f32;
            if distance > 8.0 {
                continue;
            }
            let compatible = match form {
                "they" | "them" | "their" => {
                    e.plural || e.entity_type == Some(EntityType::Organization)
                }
                "it" | "its" => e.entity_type == Some(EntityType::Organization) && !e.plural,
                _ => {
                    e.entity_type != Some(EntityType::Organization)
                        && !e.plural
                        && !(e.gender_strong && e.gender != c.gender)
                        && (e.entity_type == Some(EntityType::Person)
                            || e.spoke
                            || e.name.len() >= 2
                            || !e.heads.is_empty())
                }
            };
            if !compatible {
                continue;
            }
            let mut score = 3.0 / (1.0 + distance);
            if e.gender.is_some() && e.gender == c.gender {
                score += 0.5;
            } else if e.gender.is_some() && c.gender.is_some() {
                score -= 1.0;
            }
            if is_source {
                if let Some(last) = self.last_speaker {
                    if last.entity == Some(i) && last.paragraph + 2 >= paragraph {
                        score += 2.0;
                    }
                }
            }
            score += (e.mentions.len() as f32).min(10.0) * 0.05;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, i));
            }
        }
        let chosen = best.map(|(_, i)| i)?;
        let e = &mut self.entities[chosen];
        if c.gender.is_some() && !e.gender_strong {
            e.gender = c.gender;
            e.gender_strong = true;
        }
        if e.entity_type.is_none() && c.gender.is_some() {
            e.entity_type = Some(EntityType::Person);
        }
        Some(chosen)
    }

    fn speaker_of(&self, mention: Option<usize>) -> Option<usize> {
        mention.and_then(|m| self.mention_entity[m])
    }

    fn record(&mut self, found: Found, paragraph: usize) {
        if found.entity.is_some() || found.mention.is_some() {
            self.last_speaker = Some(LastSource {
                entity: found.entity,
                mention: found.mention,
                paragraph,
            });
        }
        if let Some(e) = found.entity {
            mark_speaker(&mut self.entities[e]);
        }
        self.quotes.push(found);
    }

    /// Records reported speech that nobody is said to hold: a noun of saying without a
    /// possessor ("amid fears that ..."), or the writer's hedge, a thought.
    fn record_unheld(
        &mut self,
        content: Range<usize>,
        cue: Range<usize>,
        thought: bool,
        paragraph: usize,
    ) {
        let found = Found {
            content,
            kind: QuoteKind::Indirect,
            cue: Some(cue),
            mention: None,
            entity: None,
            confidence: 0.4,
            thought,
        };
        self.record(found, paragraph);
    }

    fn cue_bytes(&self, cue: &Cue) -> Range<usize> {
        self.token_bytes(cue.start..cue.end)
    }

    /// Byte span of the non-empty token range `tokens`.
    fn token_bytes(&self, tokens: Range<usize>) -> Range<usize> {
        self.doc.tokens[tokens.start].start..self.doc.tokens[tokens.end - 1].end
    }

    /// The first comma of `from..to` outside quotation marks.
    fn comma_between(&self, from: usize, to: usize) -> Option<usize> {
        (from..to).find(|&i| self.doc.is_punct(i, ",") && !self.doc.in_quote(i))
    }

    /// Attributes the quotations and reported speech of one sentence; returns the source of a
    /// trailing colon introduction for the sentence after.
    fn attribute_sentence(
        &mut self,
        _s: usize,
        range: Range<usize>,
        cues: &[Cue],
        _sentence_mentions: Range<usize>,
        pending_colon: Option<(Option<usize>, usize)>,
    ) -> Option<(Option<usize>, usize)> {
        let doc = self.doc;
        let paragraph = doc.paragraph_of(range.start);
        // Regions that open in this sentence.
        let mut regions: Vec<usize> = Vec::new();
        for i in range.clone() {
            let r = doc.region_of[i];
            if r != NO_REGION && doc.regions[r as usize].open == i {
                regions.push(r as usize);
            }
        }
        let bound: Vec<&Cue> = cues.iter().filter(|c| c.source.is_some()).collect();
        // The writer's own hedges ("Sanders appears to have a slight lead").
        let hedges = crate::hedges::find(doc, range.clone());
        let mut quote_mentions: Vec<Option<usize>> = Vec::new();
        // (cue start, fragment bytes, opening and closing mark tokens) of quoted fragments
        // that follow their cue.
        let mut partial_cues: Vec<(usize, Range<usize>, Range<usize>)> = Vec::new();
        // (closing mark, cue start) of the last direct quotation closed on a comma before
        // its cue: `"A," said Smith, "B."` goes on after the attribution.
        let mut interrupted: Option<(usize, usize)> = None;
        for &r in &regions {
            let region = &doc.regions[r];
            if region.content.is_empty() {
                continue;
            }
            let open = region.open;
            let close = region.close.unwrap_or(region.inner.end.saturating_sub(1));
            if self.names_a_show(open, close) {
                continue;
            }
            let mut kind = self.quote_kind(r, range.clone());
            // A quotation that ends its own sentence ("... areas.\u{201d} She noted a rally")
            // is not what a cue of the next sentence reports.
            let closes_sentence = region.close.is_some_and(|c| {
                c > open + 1
                    && doc.is_punct(c - 1, ".")
                    && c + 1 < range.end
                    && doc.is_word(c + 1)
                    && doc.tokens[c + 1].capitalized
            });
            // The nearest bound cue, by token distance to the quotation.
            let nearest = bound
                .iter()
                .filter(|c| {
                    !(closes_sentence
                        && c.start > close
                        && !self.bare_attribution(c, close, range.end))
                })
                .min_by_key(|c| {
                    let distance = if c.start > close {
                        c.start - close
                    } else {
                        open.saturating_sub(c.end)
                    };
                    // A word only the learned table knows yields to a verb of saying a
                    // little farther off: `seemed irritated: "..." she wrote`.
                    if c.lemma == crate::lexicon::LEARNED_LEMMA {
                        distance + LEARNED_CUE_HANDICAP
                    } else {
                        distance
                    }
                })
                .copied()
                .map(|c| self.relayed_by(c, close, &bound).unwrap_or(c))
                .map(|c| match kind {
                    QuoteKind::Partial => self.thought_reporter(c, open, &bound).unwrap_or(c),
                    _ => c,
                });
            let (mention, cue, confidence) = if let Some(c) = nearest {
                // The second piece of `"A," said Smith, "B."` is the rest of the direct
                // quotation, not a fragment of something Smith is reported to have said.
                let resumes = interrupted.is_some_and(|(close_before, cue_start)| {
                    cue_start == c.start && close_before < c.start && c.end <= open
                });
                if resumes {
                    kind = QuoteKind::Direct;
                }
                if kind == QuoteKind::Direct
                    && c.start > close
                    && region.close.is_some_and(|mark| doc.is_punct(mark - 1, ","))
                {
                    interrupted = Some((close, c.start));
                }
                if kind == QuoteKind::Partial && c.end <= open {
                    partial_cues.push((c.start, region.content.clone(), open..close));
                }
                (c.source, Some(self.cue_bytes(c)), 0.9)
            } else if let Some(m) = self.colon_intro(open, range.clone()).or_else(|| {
                (open > range.start && doc.is_punct(open - 1, ":"))
                    .then(|| self.sentence_subject(range.start, open))
                    .flatten()
            }) {
                (
                    Some(m),
                    Some(doc.tokens[open - 1].start..doc.tokens[open - 1].end),
                    0.8,
                )
            } else if let Some((m, p)) = pending_colon.filter(|_| open == range.start) {
                let _ = p;
                (m, None, 0.75)
            } else {
                (None, None, 0.0)
            };
            let mut mention = mention;
            let mut confidence = confidence;
            let mut host = None;
            if mention.is_none()
                && kind == QuoteKind::Partial
                && hedges
                    .iter()
                    .any(|h| h.content.start <= open && close < h.content.end)
            {
                // A fragment inside the writer's hedge is the hedge's, which nobody said.
                continue;
            }
            if mention.is_none() && kind == QuoteKind::Partial {
                // A fragment with no cue belongs to the subject of its sentence, and what
                // its verb governs is the report around it.
                mention = self.sentence_subject(range.start, open);
                confidence = 0.5;
                host = mention.and_then(|m| self.subject_verb_host(m, open, close, range.clone()));
            } else if let Some(m) = mention
                .is_none()
                .then(|| self.signed_below(open, close))
                .flatten()
            {
                // "\"...\"" alone in its paragraph, then "- Bernie Sanders.": a signature.
                mention = Some(m);
                confidence = 0.8;
            } else if mention.is_none() {
                // No cue: the speech before continues.
                if let Some(last) = self.last_speaker {
                    if last.paragraph + 1 >= paragraph {
                        mention = last.mention;
                        confidence = 0.7;
                    }
                }
            }
            let entity = self.speaker_of(mention);
            if mention.is_none() {
                // A quotation nobody is said to have said: a title or a scare quote.
                continue;
            }
            let found = Found {
                content: region.content.clone(),
                kind,
                cue,
                mention,
                entity,
                confidence,
                thought: false,
            };
            quote_mentions.push(mention);
            self.record(found, paragraph);
            if let Some((verb, content)) = host {
                let found = Found {
                    content,
                    kind: QuoteKind::Indirect,
                    cue: Some(doc.tokens[verb].start..doc.tokens[verb].end),
                    mention,
                    entity,
                    confidence: 0.4,
                    thought: false,
                };
                self.record(found, paragraph);
            }
        }
        // Reported speech: the clause each bound cue introduces.
        for c in &bound {
            let mut content = self.indirect_content(c, range.clone());
            // A quoted fragment after the cue lies inside the reported clause: "calling him a
            // \"stiff\"", "described the field as \"all very good\"".
            let mut fragments = partial_cues
                .iter()
                .filter(|(start, _, _)| *start == c.start);
            let fragment = fragments.next();
            // Later fragments of the same cue belong to the same report: `called protesters
            // "illegals" and "thugs"` is one statement, not two.
            let last = fragments.next_back().or(fragment);
            if let Some(mut named) = fragment.and_then(|(_, _, marks)| self.named_as(c, marks)) {
                // "called him a \"loser\"": what was said is the name and whom it names.
                if let Some((_, _, marks)) = last {
                    named.end = named.end.max(doc.tokens[marks.end].end);
                }
                content = Some(named);
            } else if let (Some((_, first, _)), Some((_, last, _))) = (fragment, last) {
                let all = first.start..last.end;
                let covers = content
                    .as_ref()
                    .is_some_and(|r| r.start <= all.start && all.end <= r.end);
                if !covers {
                    // Cut where the end model ends the clause, unless that leaves a
                    // fragment out; failing that, keep at least the first.
                    let holds = |r: &Range<usize>, want: &Range<usize>| {
                        r.start <= want.start && want.end <= r.end
                    };
                    let cut = self.clause_after(c, range.clone(), true);
                    content = cut.clone().filter(|r| holds(r, &all)).or_else(|| {
                        let whole = self.clause_after(c, range.clone(), false);
                        whole
                            .clone()
                            .filter(|r| holds(r, &all))
                            .or_else(|| cut.filter(|r| holds(r, first)))
                            .or_else(|| whole.filter(|r| holds(r, first)))
                    });
                }
            }
            if let Some(mut content) = content {
                self.stop_at_next_attribution(c, &mut content, &bound);
                // Only the main clause's speech continues into uncued quotations after it,
                // and never a question's asker: "Asked by Lauer whether ..., she said".
                let nested = bound.first().is_some_and(|first| first.start != c.start)
                    || c.form == CueForm::AskedBy;
                let keep = self.last_speaker;
                let mention = c.source;
                let entity = self.speaker_of(mention);
                let found = Found {
                    content,
                    kind: QuoteKind::Indirect,
                    cue: Some(self.cue_bytes(c)),
                    mention,
                    entity,
                    confidence: if c.verb.speech { 0.7 } else { 0.5 },
                    thought: !c.verb.speech,
                };
                self.record(found, paragraph);
                if nested {
                    self.last_speaker = keep;
                }
            }
        }
        // A noun of saying that nobody holds: "amid fears that ...", "the claim that ...".
        for c in cues
            .iter()
            .filter(|c| c.form == CueForm::Noun && c.source.is_none())
        {
            if let Some(content) = self.indirect_content(c, range.clone()) {
                self.record_unheld(content, self.cue_bytes(c), false, paragraph);
            }
        }
        // The writer's hedges are reported with no source.
        for hedge in hedges {
            // Where the hedged clause ends inside its sentence: the learned end model decides.
            let cue_word = doc.lower(hedge.cue.start);
            let end = self
                .judge
                .reported_end(doc, self.lex, cue_word, hedge.cue.end, hedge.content.end)
                .unwrap_or(hedge.content.end);
            if let Some(content) = self.span_of(hedge.content.start, end, range.clone()) {
                self.record_unheld(content, self.token_bytes(hedge.cue), true, paragraph);
            }
        }
        // "Or maybe the mayor, Ana Ruiz says." ends on a bare attribution: whatever it
        // recorded, its source speaks on into an uncued quotation after it. Not a relative
        // clause's verb: after `said O'Donnell, who wrote about it in her book.` O'Donnell
        // speaks on, and her quotation goes on under her name, not under "who".
        if let Some(c) = bound.last().filter(|c| {
            c.verb.speech
                && c.lemma != "according"
                && !c.inverted
                && c.source
                    .is_some_and(|m| !matches!(self.mentions[m].pronoun, Some("who" | "which")))
                && c.end < range.end
                && !regions.iter().any(|&r| doc.regions[r].open > c.start)
                && self.only_trailer(c.end, range.end)
        }) {
            self.last_speaker = Some(LastSource {
                entity: self.speaker_of(c.source),
                mention: c.source,
                paragraph,
            });
        }
        if let Some(found) = self.labelled_paragraph(range.clone()) {
            self.record(found, paragraph);
        }

        // "He added:" at the end of a sentence introduces the next one.
        let last = range.end - 1;
        if doc.is_punct(last, ":") {
            let source = bound.last().and_then(|c| c.source);
            return Some((source, paragraph));
        }
        None
    }

    /// True when the quotation marks at `open` and `close` hold the name of a show or a
    /// work after its owner, its slot or its kind: `on ABC's "Good Morning America."`, `said
    /// on "Meet the Press"`, `the TV show "Shark Tank."`. Nobody said those words.
    fn names_a_show(&self, open: usize, close: usize) -> bool {
        let doc = self.doc;
        open > 0
            && close > open + 2
            && doc.is_word(open - 1)
            && {
                // `lower` has straightened a curly apostrophe already.
                let before = doc.lower(open - 1);
                before == "on" || before.ends_with("'s") || WORK_NOUNS.contains(&before)
            }
            && crate::judge::title_case_tokens(doc, open + 1, close)
    }

    /// True when the closing mark at token `close` ends the name of a show.
    fn closes_show_name(&self, close: usize) -> bool {
        let r = self.doc.region_of[close];
        r != NO_REGION && self.names_a_show(self.doc.regions[r as usize].open, close)
    }

    /// A paragraph that opens on a name or description and a colon, as headlines and
    /// transcripts attribute: `Graham: Trump's rhetoric is costing the party the race.` What
    /// follows the colon is the content, unless it is one quotation (which the colon
    /// introduces as direct speech).
    fn labelled_paragraph(&self, range: Range<usize>) -> Option<Found> {
        let doc = self.doc;
        let start = range.start;
        if start > 0 && doc.tokens[start - 1].paragraph == doc.tokens[start].paragraph {
            return None;
        }
        let m = self
            .mentions_starting_at(start)
            .max_by_key(|&m| self.mentions[m].tokens.len())?;
        let mention = &self.mentions[m];
        let colon = mention.tokens.end;
        if mention.kind == MentionKind::Pronoun
            || mention.in_quote
            || colon + 1 >= range.end
            || !doc.is_punct(colon, ":")
        {
            return None;
        }
        // One quotation after the colon is direct speech, which the colon introduces; one
        // that opens a longer statement (`Sanders: 'It Is Not A Radical Idea' To Ask For A
        // Raise`) does not stop it.
        let r = doc.region_of[colon + 1];
        if r != NO_REGION && doc.regions[r as usize].open == colon + 1 {
            let close = doc.regions[r as usize].close.unwrap_or(range.end);
            if (close + 1..range.end).all(|i| !doc.is_word(i)) {
                return None;
            }
        }
        let content = self.span_of(colon + 1, range.end, range)?;
        Some(Found {
            content,
            kind: QuoteKind::Indirect,
            cue: Some(doc.tokens[colon].start..doc.tokens[colon].end),
            mention: Some(m),
            entity: self.speaker_of(Some(m)),
            confidence: 0.6,
            thought: false,
        })
    }

    /// The verb after subject `m` and the clause it governs, when a quoted fragment whose
    /// marks are the tokens `open` and `close` lies in that clause: in `Hewlett sniped that
    /// Fiorina was "learning on the job," while ...` the report is `that Fiorina was
    /// "learning on the job,"` whatever the verb. Auxiliaries and adverbs before the verb are
    /// passed over; the end model ends the clause unless that would leave the fragment out.
    fn subject_verb_host(
        &self,
        m: usize,
        open: usize,
        close: usize,
        range: Range<usize>,
    ) -> Option<(usize, Range<usize>)> {
        let doc = self.doc;
        let mut verb = self.mentions[m].tokens.end;
        while verb < open && doc.is_word(verb) && cues::skipped_before_verb(doc.lower(verb)) {
            verb += 1;
        }
        let word = doc.lower(verb);
        if verb + 1 >= open
            || !doc.is_word(verb)
            || doc.tokens[verb].capitalized
            || doc.in_quote(verb)
            || CLAUSE_WORDS.contains(&word)
            || cues::PREPOSITIONS.contains(&word)
            || SUBORDINATORS.contains(&word)
            || matches!(word, "the" | "a" | "an")
            || crate::hedges::is_hedge_word(doc, verb, range.clone())
        {
            return None;
        }
        let start = verb + 1;
        let stop = self.clause_stop(close + 1, range.end);
        let end = self
            .judge
            .reported_end(doc, self.lex, word, start, stop)
            .filter(|&end| end > close)
            .unwrap_or(stop);
        Some((verb, self.span_of(start, end, range)?))
    }

    /// True when cue `c` right after the closing mark `close` is nothing but the quotation's
    /// own attribution: `"... are missing." Trump said.`, `"... did." said Smith on Monday.`
    /// A cue with a clause or object of its own (`"... the work." She noted a rally`) starts a
    /// new statement.
    fn bare_attribution(&self, c: &Cue, close: usize, end: usize) -> bool {
        let Some(source) = c.source.map(|m| &self.mentions[m]) else {
            return false;
        };
        if c.inverted {
            c.start == close + 1 && self.only_trailer(source.tokens.end, end)
        } else {
            source.tokens.start == close + 1
                && c.start >= source.tokens.end
                && c.start <= source.tokens.end + 1
                && self.only_trailer(c.end, end)
        }
    }

    /// The "according to" cue that relays attribution `c` of a quotation closing at token
    /// `close`: in `"...," Smith said at the hearing, according to the Courier` the quotation
    /// reaches the reader through the Courier, which is its source. The relay must follow the
    /// attribution after a comma, in the same clause, with no quotation or other cue between.
    fn relayed_by<'c>(&self, c: &Cue, close: usize, bound: &[&'c Cue]) -> Option<&'c Cue> {
        /// Farthest the relay stands from the attribution's verb, in tokens.
        const REACH: usize = 16;
        if c.start <= close || c.lemma == "according" {
            return None;
        }
        let doc = self.doc;
        let relay = bound
            .iter()
            .copied()
            .find(|a| a.start > c.end && a.lemma == "according")?;
        let between = c.end..relay.start - 1;
        let clear = relay.source.is_some()
            && relay.start - c.end <= REACH
            && doc.is_punct(relay.start - 1, ",")
            && between.clone().all(|i| doc.region_of[i] == NO_REGION)
            && !bound.iter().any(|o| between.contains(&o.start));
        clear.then_some(relay)
    }

    /// The speech cue that reports thought cue `c` before a quoted fragment opening at token
    /// `open`: in `Ames said on Sunday that he hopes "a big turnout" will help`, the words in
    /// marks are Ames's, who says what he hopes. The speech cue comes earlier in the sentence,
    /// its subject before it and the thinker after it, with no quotation between.
    fn thought_reporter<'c>(&self, c: &Cue, open: usize, bound: &[&'c Cue]) -> Option<&'c Cue> {
        if c.verb.speech || c.end > open {
            return None;
        }
        let thinker = self.mentions[c.source?].tokens.start;
        let doc = self.doc;
        bound
            .iter()
            .copied()
            .rev()
            .find(|o| o.end <= thinker && o.verb.speech && o.lemma != "according")
            // `said Ames, who thinks "..."`: a relative clause about the speaker is no report.
            .filter(|o| !o.inverted)
            .filter(|o| {
                o.source
                    .is_some_and(|m| self.mentions[m].tokens.end <= thinker)
                    && (o.end..thinker).all(|i| doc.region_of[i] == NO_REGION)
            })
    }

    /// Ends the clause `content` reported by cue `c` before a new attribution inside it,
    /// one whose subject follows a comma: in `While not all Smith says is true, Ruiz said
    /// the plan works`, Smith's clause is `is true` and Ruiz's report starts after it. A clause
    /// the cut would empty stays whole.
    fn stop_at_next_attribution(&self, c: &Cue, content: &mut Range<usize>, bound: &[&Cue]) {
        let doc = self.doc;
        let cut = bound
            .iter()
            .filter(|o| o.start > c.end && !o.inverted)
            .filter_map(|o| o.source.map(|m| self.mentions[m].tokens.start))
            .filter_map(|at| {
                // `..., Y said`, `..., and Y said`, `... but Y said`: the new subject opens a
                // clause after a comma or a conjunction; `..."no chance," Y said` after a
                // quotation closed on its comma.
                let at = self.attribution_start(at, 0);
                let mut before = at.checked_sub(1)?;
                if crate::judge::after_comma_quote(doc, at) {
                    return Some(doc.tokens[before].end);
                }
                if doc.is_word(before)
                    && matches!(
                        doc.lower(before),
                        "and" | "but" | "though" | "although" | "while" | "whereas" | "yet"
                    )
                {
                    if before >= 1 && doc.is_punct(before - 1, ",") {
                        before -= 1;
                    }
                } else if !doc.is_punct(before, ",") {
                    return None;
                }
                Some(doc.tokens[before.checked_sub(1)?].end)
            })
            .filter(|&end| content.start < end && end < content.end)
            .min();
        // A participle cue after a comma starts the next statement of the same speaker:
        // `said that the pier is "unsafe," adding that ...`.
        let participle = bound
            .iter()
            .filter(|o| o.start > c.end + 1 && doc.lower(o.start).ends_with("ing"))
            .filter_map(|o| {
                let before = o.start - 1;
                if doc.is_punct(before, ",") {
                    Some(doc.tokens[before - 1].end)
                } else if crate::judge::after_comma_quote(doc, o.start) {
                    Some(doc.tokens[before].end)
                } else {
                    None
                }
            })
            .filter(|&end| content.start < end && end < content.end)
            .min();
        // A verb of saying coordinated with the cue in the same tense, with the same speaker,
        // starts that speaker's next statement: `said Gates was not paid and said Manafort
        // was not involved`, `said that he would pray for the nominee but did not suggest
        // it would be Trump`.
        let tense = verb_group(doc, c.start).1;
        let coordinated = bound
            .iter()
            .filter(|o| o.start > c.end + 1 && !o.inverted && o.source.is_some())
            .filter(|o| o.lemma == c.lemma || self.opens_clause_after(o.end))
            .filter(|o| {
                let same = o.source == c.source
                    || o.source.zip(c.source).is_some_and(|(a, b)| {
                        self.mention_entity[a].is_some()
                            && self.mention_entity[a] == self.mention_entity[b]
                    });
                same && tense.is_some()
            })
            .filter_map(|o| {
                let (first, other) = verb_group(doc, o.start);
                let conjunction = first.checked_sub(1)?;
                if other != tense
                    || doc.in_quote(conjunction)
                    || !matches!(doc.lower(conjunction), "and" | "but")
                {
                    return None;
                }
                let mut last = conjunction.checked_sub(1)?;
                if doc.is_punct(last, ",") {
                    last = last.checked_sub(1)?;
                }
                Some(doc.tokens[last].end)
            })
            .filter(|&end| content.start < end && end < content.end)
            .min();
        if let Some(end) = cut.into_iter().chain(participle).chain(coordinated).min() {
            content.end = end;
        }
    }

    /// True when a clause of its own opens after a verb ending at token `end`, over adverbs:
    /// "that", a subject pronoun, a colon or a quotation mark. A verb coordinated with a
    /// cue that takes such a clause is a statement of its own, not part of the content.
    fn opens_clause_after(&self, end: usize) -> bool {
        let doc = self.doc;
        let next = (end..doc.tokens.len())
            .find(|&i| !(doc.is_word(i) && cues::reads_as_adverb(doc.lower(i))));
        next.is_some_and(|i| match doc.tokens[i].kind {
            TokenKind::Word => matches!(
                doc.lower(i),
                "that" | "he" | "she" | "they" | "it" | "we" | "i"
            ),
            TokenKind::Punct => doc.is_punct(i, ":"),
            TokenKind::DoubleMark | TokenKind::SingleMark => true,
        })
    }

    /// Where an attribution whose subject mention starts at token `subject` begins: at the
    /// name's "the" when one stands before it, after token `floor` (`..., the Orlando
    /// Sentinel said`).
    fn attribution_start(&self, subject: usize, floor: usize) -> usize {
        let doc = self.doc;
        let mut start = subject;
        // "these people", "some Democrats", "Democratic sources": a determiner, a quantifier
        // or a capitalised modifier the mention left out still opens the attribution.
        while start > floor && doc.is_word(start - 1) {
            let lower = doc.lower(start - 1);
            let modifier = SUBJECT_DETERMINERS.contains(&lower)
                || (doc.tokens[start - 1].capitalized
                    && !self.lex.is_non_name_capital(lower)
                    && doc.sentences[doc.sentence_of[start - 1] as usize].start != start - 1);
            if !modifier {
                break;
            }
            start -= 1;
        }
        start
    }

    /// The first mention of the sentence before token `before` that can be a subject.
    fn sentence_subject(&self, start: usize, before: usize) -> Option<usize> {
        let doc = self.doc;
        let first = self.mentions.partition_point(|m| m.tokens.start < start);
        (first..self.mentions.len())
            .take_while(|&i| self.mentions[i].tokens.start < before)
            .find(|&i| {
                let m = &self.mentions[i];
                !m.in_quote
                    && !m.possessive
                    && !cues::after_preposition(doc, m.tokens.start, start)
                    && (self.mention_entity[i].is_some() || m.kind != MentionKind::Pronoun)
            })
    }

    /// `X: "..."` with no verb: the mention right before the colon.
    fn colon_intro(&self, open: usize, range: Range<usize>) -> Option<usize> {
        let doc = self.doc;
        if open == range.start || !doc.is_punct(open - 1, ":") || open < 2 {
            return None;
        }
        let before = open - 2;
        let upto = self.mentions.partition_point(|m| m.tokens.start <= before);
        (upto.saturating_sub(4)..upto)
            .rev()
            .find(|&i| {
                let m = &self.mentions[i];
                m.tokens.end - 1 == before && !m.in_quote
            })
            .filter(|&i| !cues::after_preposition(doc, self.mentions[i].tokens.start, range.start))
    }

    fn quote_kind(&self, r: usize, range: Range<usize>) -> QuoteKind {
        let doc = self.doc;
        let region = &doc.regions[r];
        let first_char = doc.text[region.content.clone()]
            .chars()
            .next()
            .unwrap_or(' ');
        let starts_upper = first_char.is_uppercase()
            || first_char.is_ascii_digit()
            || !first_char.is_alphanumeric();
        let open = region.open;
        let at_start = open == range.start
            || doc.is_punct(open - 1, ":")
            || doc.is_punct(open - 1, ",")
            || doc.is_punct(open - 1, "—")
            || doc.is_punct(open - 1, "-")
            || doc.is_punct(open - 1, "–")
            || doc.is_punct(open - 1, "(");
        // Ends the sentence: nothing but punctuation after the closing mark.
        let close_end = region.close.unwrap_or(range.end - 1);
        let ends_sentence =
            (close_end + 1..range.end).all(|i| doc.tokens[i].kind == TokenKind::Punct);
        let ends_clause = region
            .close
            .is_some_and(|c| c + 1 < range.end && doc.is_punct(c + 1, ","));
        let inner_ends_punct = region.close.is_some_and(|c| {
            c > open + 1
                && doc.tokens[c - 1].kind == TokenKind::Punct
                && matches!(doc.word(c - 1), "." | "," | "!" | "?")
        });
        if starts_upper
            && (at_start || ends_sentence && inner_ends_punct || ends_clause && inner_ends_punct)
        {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        }
    }

    /// The reported clause a cue introduces, in bytes.
    fn indirect_content(&self, cue: &Cue, range: Range<usize>) -> Option<Range<usize>> {
        let doc = self.doc;
        // A noun of saying that nobody holds ("amid fears that") reads as if held where it
        // stands.
        let source_tokens = match cue.source {
            Some(m) => self.mentions[m].tokens.clone(),
            None if cue.form == CueForm::Noun => cue.start..cue.start,
            None => return None,
        };
        let mut start = if cue.inverted {
            source_tokens.end.max(cue.end)
        } else {
            cue.end
        };
        if cue.lemma == "according" {
            // "According to X, content" or "content, according to X".
            let mut after = source_tokens.end;
            // "According to the finance director, Priya Lakhani, the council ...": the
            // source's apposition is no content.
            if after + 1 < range.end && doc.is_punct(after, ",") {
                let source_index = cue.source?;
                let partner = self.mentions_starting_at(after + 1).find(|&m| {
                    self.apposition.get(&source_index) == Some(&m)
                        || self.apposition.get(&m) == Some(&source_index)
                });
                if let Some(m) = partner {
                    let end = self.mentions[m].tokens.end;
                    if end < range.end && doc.is_punct(end, ",") {
                        after = end;
                    }
                }
            }
            // "Content, according to X, a pollster.": the relay after a comma reports what
            // comes before it, whatever follows its source; but not an opening adverbial
            // ("In Iowa, according to the poll, Trump leads").
            if cue.start > range.start
                && doc.is_punct(cue.start - 1, ",")
                && !self.opening_adjunct(range.start, cue.start - 1)
            {
                return self.span_of(range.start, cue.start - 1, range.clone());
            }
            if after < range.end && doc.is_punct(after, ",") {
                return self.span_of(after + 1, range.end, range.clone());
            }
            // "According to the officer in charge that night, the scene is untrue": a
            // source longer than its mention runs to the first comma.
            if cue.start == range.start {
                if let Some(comma) = self.comma_between(after, range.end) {
                    return self.span_of(comma + 1, range.end, range.clone());
                }
            }
            if cue.start > range.start && doc.is_punct(cue.start - 1, ",") {
                return self.span_of(range.start, cue.start - 1, range.clone());
            }
            // `The budget is "a disaster," according to Jones`: the comma sits inside the marks.
            if self.runs_into_quotation(cue.start, range.start) {
                return self.span_of(range.start, cue.start, range.clone());
            }
            // "Trump leads by nine points in a new poll.": the relay closes the sentence.
            if cue.start > range.start + 2 && self.only_trailer(source_tokens.end, range.end) {
                return self.span_of(range.start, cue.start, range.clone());
            }
            return None;
        }
        let tail_start = if cue.inverted {
            cue.start
        } else {
            self.attribution_start(source_tokens.start, range.start)
        };
        let rest_after = if cue.inverted {
            source_tokens.end
        } else if cue.verb.takes_addressee {
            // "..., Ada Moss told a Senate panel Wednesday.": whom she told is no content.
            self.past_addressee(cue.end, range.end)
        } else {
            cue.end
        };
        // Whether nothing after the attribution says more: a closing phrase, or what
        // describes an inverted subject ("..., said Smith, who ...").
        let attribution_closes = || {
            self.ends_attribution(rest_after, range.end)
                || (cue.inverted && self.describes_inverted_subject(rest_after, range.end))
        };
        // "Teachers are \"very pro-Bernie,\" Kilfoyle said.": a sentence that runs into a
        // quotation closed on a comma before its attribution was said whole, words before the
        // marks included.
        if self.runs_into_quotation(tail_start, range.start) && attribution_closes() {
            return self.span_of(range.start, tail_start, range.clone());
        }
        // "\"We can win,\" said Smith as he left": the quotation before an inverted cue is
        // what was said; what follows its subject is an adjunct of the saying.
        if cue.inverted && cue.start > range.start && doc.in_quote(cue.start - 1) {
            return None;
        }
        // So with the subject first: in "\"You think I'm going to change?\" Trump asked
        // reporters rhetorically during a news conference" nothing after the verb was said
        // (after a full stop the quotation may have ended its sentence: "She noted a rally").
        // But the name of a show is no quotation (`on ABC's "This Week," Carson admitted
        // that ...`), and a "that" after the verb opens what was said.
        if !cue.inverted
            && tail_start > range.start
            && cues::closes_spoken_quotation(doc, tail_start - 1)
            && !doc.is_punct(tail_start - 2, ".")
            && cue.start <= source_tokens.end + 1
            && !self.closes_show_name(tail_start - 1)
            && !(cue.end < range.end && doc.is_word(cue.end) && doc.lower(cue.end) == "that")
        {
            return None;
        }
        // Content before the cue: "The plan will fail, he said." / "..., said Smith."
        if tail_start > range.start
            && doc.is_punct(tail_start - 1, ",")
            && attribution_closes()
            && !(range.start..tail_start - 1).all(|i| doc.in_quote(i))
            && !self.opening_adjunct(range.start, tail_start - 1)
            && !self.after_attributed_subject(tail_start - 1, range.start)
            && !(self.lone_unquoted_word(range.start, tail_start - 1)
                && self.clause_after_comma(rest_after, range.end))
        {
            return self.span_of(range.start, tail_start - 1, range.clone());
        }
        // "As The Washington Post reported on Monday, Sanders would need ...": an
        // attribution opened by "as" and closed by a comma relays the clause after it; so
        // does a passive one ("As reported by the Gazette, ...", found inverted).
        let passive_relay = cue.inverted
            && cue.end < range.end
            && doc.lower(cue.end) == "by"
            && (range.start..cue.start)
                .rev()
                .take(2)
                .any(|k| doc.lower(k) == "as");
        let active_relay = !cue.inverted
            && tail_start > range.start
            && doc.is_word(tail_start - 1)
            && doc.lower(tail_start - 1) == "as";
        if active_relay || passive_relay {
            // A quotation after the comma is the relay's own: the quotation rules have it.
            let relays_clause = |comma: usize| {
                comma + 1 < range.end
                    && doc.is_word(comma + 1)
                    && !doc.in_quote(comma + 1)
                    && (comma == rest_after || self.only_trailer(rest_after, comma))
            };
            if let Some(comma) = self
                .comma_between(rest_after, range.end)
                .filter(|&comma| relays_clause(comma))
            {
                return self.span_of(comma + 1, range.end, range.clone());
            }
        }
        // An attribution set off by commas inside unquoted speech: "If the law conflicts,
        // Rubio said, Christians must ignore it" is one content around its attribution; "He
        // said, officials must decide" opens the sentence with it.
        let unquoted = !range.clone().any(|i| doc.in_quote(i));
        let comma_after = rest_after < range.end && doc.is_punct(rest_after, ",");
        if unquoted && comma_after && !self.only_trailer(rest_after + 1, range.end) {
            if tail_start > range.start && doc.is_punct(tail_start - 1, ",") {
                return self.span_of(range.start, range.end, range.clone());
            }
            if tail_start == range.start {
                return self.span_of(rest_after + 1, range.end, range.clone());
            }
        }
        // Content after the cue.
        if cue.verb.takes_addressee && start < range.end {
            // The addressee: "told reporters", "told the Brackwater Gazette".
            let from = self.mentions.partition_point(|m| m.tokens.start < start);
            let addressee = (from..self.mentions.len().min(from + 3)).find(|&m| {
                let s = self.mentions[m].tokens.start;
                s == start || (s == start + 1 && matches!(doc.lower(start), "the" | "a" | "an"))
            });
            if let Some(m) = addressee {
                start = self.mentions[m].tokens.end;
            } else if let Some(clause) = self.after_addressed_phrase(start, range.end) {
                // "told a news conference they are", "told the packed hall that".
                start = clause;
            } else if doc.is_word(start)
                && matches!(
                    doc.lower(start),
                    "reporters"
                        | "journalists"
                        | "me"
                        | "us"
                        | "him"
                        | "her"
                        | "them"
                        | "voters"
                        | "supporters"
                        | "people"
                        | "listeners"
                        | "viewers"
                        | "readers"
                        | "delegates"
                        | "members"
                )
            {
                start += 1;
            }
        }
        let adjunct_start = start;
        // "has said for weeks he is", "argued for years the plan": a span of time.
        if start + 2 < range.end
            && doc.lower(start) == "for"
            && matches!(
                doc.lower(start + 1),
                "days" | "weeks" | "months" | "years" | "decades"
            )
            && doc.is_word(start + 2)
        {
            start += 2;
        }
        while start < range.end
            && doc.is_word(start)
            && matches!(
                doc.lower(start),
                "on" | "in"
                    | "last"
                    | "this"
                    | "yesterday"
                    | "today"
                    | "earlier"
                    | "later"
                    | "again"
                    | "also"
                    | "repeatedly"
                    | "publicly"
                    | "privately"
                    | "monday"
                    | "tuesday"
                    | "wednesday"
                    | "thursday"
                    | "friday"
                    | "saturday"
                    | "sunday"
                    | "week"
                    | "month"
                    | "year"
                    | "night"
                    | "morning"
                    | "afternoon"
                    | "evening"
                    | "a"
                    | "an"
                    | "statement"
                    | "interview"
                    | "speech"
                    | "letter"
                    | "post"
            )
        {
            // "said on Monday that", "said in a statement that".
            if matches!(doc.lower(start), "on" | "in" | "a" | "an" | "last" | "this")
                && !(start + 1 < range.end && doc.is_word(start + 1))
            {
                break;
            }
            start += 1;
        }
        // An adjunct ends on its noun or adverb ("on Monday", "in a statement", "again"). A run
        // that ends on an article or a determiner was the object's own start ("criticized a
        // federal plan", "opposes this bill", "focused on a campaign"), unless a "that" after
        // it shows a longer adjunct ("said in a new statement that").
        // A run that stopped inside a preposition's object ("said in March that", "said on
        // CNN that") runs on the same way, or over a month or a year to the clause after it
        // ("said in 2008 the race was over"); other names may be whom the verb addresses
        // ("called on Congress to act").
        let determiner = |i: usize| matches!(doc.lower(i), "a" | "an" | "last" | "this");
        if start > adjunct_start
            && (determiner(start - 1) || matches!(doc.lower(start - 1), "on" | "in"))
        {
            if let Some(that) = self.that_after_adjunct(cue, adjunct_start, range.end) {
                start = that;
            } else if determiner(start - 1) {
                while start > adjunct_start && determiner(start - 1) {
                    start -= 1;
                }
            } else {
                let object = (start..range.end.min(start + 4))
                    .take_while(|&i| {
                        doc.is_word(i)
                            && !doc.in_quote(i)
                            && (crate::mentions::is_weekday_or_month(doc.lower(i))
                                || doc.word(i).starts_with(|c: char| c.is_ascii_digit()))
                    })
                    .count();
                if object > 0 && start + object < range.end && doc.is_word(start + object) {
                    start += object;
                }
            }
        }
        if let Some(that) = self.that_after_adjunct(cue, start, range.end) {
            start = that;
        }
        if start < range.end && doc.is_punct(start, ",") {
            return None;
        }
        let mut has_that = false;
        let content_start = start;
        if start < range.end && doc.is_word(start) && matches!(doc.lower(start), "that") {
            start += 1;
            has_that = true;
        }
        if start >= range.end {
            return None;
        }
        if doc.is_punct(start, ":") {
            return None;
        }
        // A verb whose object follows a preposition ("called for a ban", "talked about the
        // wage", "referring to the convention"): what was said follows the preposition.
        if !has_that
            && start + 1 < range.end
            && doc.is_word(start + 1)
            && takes_prepositional_object(doc.lower(cue.start), doc.lower(start))
        {
            start += 1;
        }
        // An infinitive complement of intention verbs: "wanted to force", "vowed to fight".
        let first = doc.lower(start);
        // "said of the claim", "told on Sunday": a prepositional phrase, not a clause.
        if !has_that
            && matches!(
                first,
                "of" | "during"
                    | "at"
                    | "in"
                    | "on"
                    | "about"
                    | "for"
                    | "from"
                    | "with"
                    | "after"
                    | "before"
                    | "by"
                    | "through"
                    | "via"
                    | "as"
                    | "while"
                    | "when"
                    | "outside"
                    | "inside"
            )
            && !(first == "about" && self.approximates_number(start + 1, range.end))
            // "said at least six planes", "said as many as 40 people": a hedge on a number.
            && !(first == "at"
                && start + 1 < range.end
                && matches!(doc.lower(start + 1), "least" | "most"))
            && !(first == "as"
                && start + 2 < range.end
                && matches!(doc.lower(start + 1), "many" | "much" | "few" | "little")
                && doc.lower(start + 2) == "as")
        {
            return None;
        }
        // A word only the learned table knows may take one too ("declined to comment",
        // "sought to reassure"): the judge weighs it.
        if first == "to"
            && !has_that
            && cue.lemma != crate::lexicon::LEARNED_LEMMA
            && !matches!(
                cue.lemma,
                "want"
                    | "plan"
                    | "intend"
                    | "promise"
                    | "vow"
                    | "pledge"
                    | "urge"
                    | "hope"
                    | "expect"
                    | "threaten"
                    | "refuse"
                    | "agree"
                    | "propose"
                    | "demand"
                    | "ask"
            )
        {
            return None;
        }
        if !has_that
            && matches!(
                cue.lemma,
                "charge"
                    | "counter"
                    | "answer"
                    | "post"
                    | "comment"
                    | "state"
                    | "respond"
                    | "reply"
                    | "continue"
                    | "add"
                    | "know"
                    | "understand"
                    | "chant"
                    | "sing"
                    | "read"
            )
            && first != "to"
        {
            return None;
        }
        if !has_that && (doc.tokens[start].kind == TokenKind::Punct) {
            return None;
        }
        // The quotation itself: direct speech, not reported speech.
        let r = doc.region_of[start];
        if r != NO_REGION {
            let region = &doc.regions[r as usize];
            let close = region.close.unwrap_or(range.end);
            if (close + 1..range.end).all(|i| doc.tokens[i].kind == TokenKind::Punct) {
                return None;
            }
        }
        // Stop before a trailing ", he said" or a new attribution.
        let mut end = self.clause_stop(start + 1, range.end);
        // "Asked by Lauer whether she had practiced, she laughed": a question opening its
        // sentence ends at its comma.
        let opens_sentence = || {
            cue.start == range.start
                || (cue.start == range.start + 1
                    && matches!(doc.lower(range.start), "when" | "after" | "while" | "once"))
        };
        if cue.form == CueForm::AskedBy && opens_sentence() {
            if let Some(comma) = self.comma_between(start + 1, end) {
                end = comma;
            }
        }
        // "Obama operatives, who see Clinton as the heir, have been supportive": a relative
        // clause set off by commas ends at the comma that closes it.
        let first_source = source_tokens.start;
        if first_source > range.start
            && doc.is_punct(first_source - 1, ",")
            && matches!(doc.lower(first_source), "who" | "which")
        {
            if let Some(comma) = self.comma_between(start + 1, end) {
                end = comma;
            }
        }
        // Where the reported clause ends inside its sentence ("..., but said", "... and
        // noted", "..., which"): the learned end model decides.
        let cue_word = doc.lower(cue.start);
        if let Some(cut) = self.judge.reported_end(doc, self.lex, cue_word, start, end) {
            end = cut;
        }
        // The annotation counts a leading "that" as part of the reported content.
        let from = if has_that { content_start } else { start };
        self.span_of(from, end, range)
    }

    /// The token after an addressee that no mention covers, when a reported clause opens
    /// there: in `told a news conference they are ...` the phrase `a news conference` is
    /// whom the speaker addressed and `they are ...` what was said. The phrase opens on a
    /// determiner and holds at most four lower-case words; the clause opens on "that" or on
    /// a subject pronoun.
    fn after_addressed_phrase(&self, start: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        if start >= end
            || !doc.is_word(start)
            || !matches!(
                doc.lower(start),
                "the" | "a" | "an" | "his" | "her" | "their"
            )
        {
            return None;
        }
        (start + 2..end.min(start + 6))
            .take_while(|&k| {
                doc.is_word(k - 1) && !doc.in_quote(k - 1) && !doc.tokens[k - 1].capitalized
            })
            .find(|&k| {
                doc.is_word(k)
                    && matches!(
                        doc.lower(k),
                        "that" | "he" | "she" | "they" | "it" | "we" | "i" | "there"
                    )
            })
    }

    /// The indices of the mentions that start at token `token`, in order.
    /// True when the words from token `at` are a number, so an "about" before them means
    /// "roughly", not "concerning": "said about half of voters", "about 40 percent", "about a
    /// third".
    fn approximates_number(&self, at: usize, end: usize) -> bool {
        let doc = self.doc;
        let number = |k: usize| {
            k < end
                && doc.is_word(k)
                && (doc.lower(k).starts_with(|c: char| c.is_ascii_digit())
                    || matches!(
                        doc.lower(k),
                        "half"
                            | "one"
                            | "two"
                            | "three"
                            | "four"
                            | "five"
                            | "six"
                            | "seven"
                            | "eight"
                            | "nine"
                            | "ten"
                            | "twice"
                            | "dozen"
                            | "hundred"
                    ))
        };
        let fraction = |k: usize| {
            k < end
                && matches!(
                    doc.lower(k),
                    "third" | "quarter" | "fifth" | "dozen" | "half"
                )
        };
        number(at) || (at < end && matches!(doc.lower(at), "a" | "one") && fraction(at + 1))
    }

    /// The speaker named on a line of its own under a quotation that fills its paragraph
    /// (marks at `open` and `close`): a dash, then the name, as fact-checks and collections of
    /// quotations sign them ("- Bernie Sanders.", "-President Obama, tweeting ...").
    fn signed_below(&self, open: usize, close: usize) -> Option<usize> {
        let doc = self.doc;
        let paragraph = doc.tokens[open].paragraph;
        let starts_paragraph = open == 0 || doc.tokens[open - 1].paragraph != paragraph;
        let mut next = close + 1;
        while next < doc.tokens.len()
            && doc.tokens[next].paragraph == paragraph
            && doc.tokens[next].kind == TokenKind::Punct
        {
            next += 1;
        }
        let dash = next;
        if !starts_paragraph
            || dash + 1 >= doc.tokens.len()
            || doc.tokens[dash].paragraph == paragraph
            || !doc.is_dash(dash)
        {
            return None;
        }
        self.mentions_starting_at(dash + 1).find(|&m| {
            !self.mentions[m].possessive && self.mentions[m].kind != MentionKind::Pronoun
        })
    }

    fn mentions_starting_at(&self, token: usize) -> Range<usize> {
        let from = self.mentions.partition_point(|m| m.tokens.start < token);
        let to = from
            + self.mentions[from..]
                .iter()
                .take_while(|m| m.tokens.start == token)
                .count();
        from..to
    }

    /// Where a clause searched from token `from` stops at the latest: its first semicolon
    /// outside quotation marks, or `end`.
    fn clause_stop(&self, from: usize, end: usize) -> usize {
        let doc = self.doc;
        (from..end)
            .find(|&i| !doc.in_quote(i) && doc.is_punct(i, ";"))
            .unwrap_or(end)
    }

    /// True when token `tail - 1` closes a quotation ending on a comma that opened after
    /// unquoted words of the sentence starting at `start`: `are "very pro-Bernie," Kilfoyle`.
    fn runs_into_quotation(&self, tail: usize, start: usize) -> bool {
        let doc = self.doc;
        if tail < start + 3 {
            return false;
        }
        let close = tail - 1;
        let r = doc.region_of[close];
        if r == NO_REGION || doc.regions[r as usize].close != Some(close) {
            return false;
        }
        let open = doc.regions[r as usize].open;
        doc.is_punct(close - 1, ",")
            && open > start
            && !matches!(doc.word(open - 1), "," | ":" | "—" | "-" | "–")
            && (start..open).any(|i| doc.is_word(i) && !doc.in_quote(i))
    }

    /// Everything a cue governs up to the end of its sentence (or a semicolon), or, with
    /// `cut`, up to where the end model ends the clause: the container of a quoted fragment.
    fn clause_after(&self, cue: &Cue, range: Range<usize>, cut: bool) -> Option<Range<usize>> {
        let doc = self.doc;
        let mut start = cue.end;
        if cue.inverted {
            start = start.max(self.mentions[cue.source?].tokens.end);
        }
        if let Some(that) = self.that_after_adjunct(cue, start, range.end) {
            start = that;
        }
        if start < range.end && doc.is_word(start) && doc.lower(start) == "that" {
            start += 1;
        }
        let mut end = self.clause_stop(start, range.end);
        if cut {
            let cue_word = doc.lower(cue.start);
            if let Some(at) = self.judge.reported_end(doc, self.lex, cue_word, start, end) {
                end = at;
            }
        }
        self.span_of(start, end, range)
    }

    /// The "that" opening the reported clause when a prepositional or time adjunct, or for
    /// verbs such as "told" the addressee, stands between the cue at `start` and it: "said
    /// at a rally last week that ...", "told donors in Ohio on Friday that ...". Nothing
    /// when the words before "that" might be anything else: punctuation, another verb of
    /// saying, a relative pronoun.
    fn that_after_adjunct(&self, cue: &Cue, start: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        // An aside set off by dashes: "said — on Twitter, as it happens — that".
        let aside = start + 1 < end && doc.is_dash(start);
        let start = if aside { start + 1 } else { start };
        if start >= end
            || !doc.is_word(start)
            || doc.lower(start) == "that"
            || QUESTION_WORDS.contains(&doc.lower(start))
            || SUBJECT_PRONOUNS.contains(&doc.lower(start))
        {
            // "asked the mayor if ...": the question is the content, whatever "that" it holds.
            return None;
        }
        let adjunct = cues::PREPOSITIONS.contains(&doc.lower(start))
            || matches!(
                doc.lower(start),
                "during" | "last" | "this" | "earlier" | "late" | "yesterday" | "today"
            )
            || crate::mentions::is_weekday(doc.lower(start));
        if !(adjunct || cue.verb.takes_addressee) {
            return None;
        }
        for j in start + 1..end.min(start + 16) {
            if doc.in_quote(j) {
                // A quoted title inside the adjunct: "said on \"Meet the Press\" that".
                continue;
            }
            if doc.plural_possessive_mark(j) {
                // "wrote to Sanders’ Senate office that".
                continue;
            }
            // The commas of a place ("in Buffalo, New York, that"), and inside an aside
            // its commas and closing dash. Any other comma may close the clause: "vowed to
            // repeal the amendment, a provision that ..." has no "that" of its own.
            let place_comma = doc.is_punct(j, ",")
                && doc.tokens[j - 1].capitalized
                && j + 1 < end
                && (doc.tokens[j + 1].capitalized || doc.lower(j + 1) == "that");
            if place_comma || (aside && (doc.is_punct(j, ",") || doc.is_dash(j))) {
                continue;
            }
            if !doc.is_word(j) {
                return None;
            }
            let w = doc.lower(j);
            // "responded to that tweet": after a preposition "that" is a determiner.
            if w == "that" && !cues::PREPOSITIONS.contains(&doc.lower(j - 1)) {
                return Some(j);
            }
            // A subject pronoun has opened the clause already: "told reporters he was sure
            // that ..." reports from "he". A word only the learned table knows is mostly an
            // adjunct's noun ("in a new statement that").
            if matches!(
                w,
                "who" | "which" | "whether" | "if" | "because" | "when" | "where"
            ) || SUBJECT_PRONOUNS.contains(&w)
                || self.lex.is_written_cue(w)
            {
                return None;
            }
        }
        None
    }

    /// The content of a naming verb followed by a quoted name: from after the verb to the
    /// closing mark ("called [him a \"loser.\"]", "described [the plan as \"reckless\"]").
    fn named_as(&self, cue: &Cue, marks: &Range<usize>) -> Option<Range<usize>> {
        let doc = self.doc;
        if cue.inverted || !NAMING_VERBS.contains(&doc.lower(cue.start)) {
            return None;
        }
        let between = cue.end..marks.start;
        if between.len() > 8
            || between
                .clone()
                .any(|i| doc.tokens[i].kind != TokenKind::Word)
        {
            return None;
        }
        Some(doc.tokens[cue.end].start..doc.tokens[marks.end].end)
    }

    /// The token after the addressee of a verb such as "told" that starts at `from`: a
    /// mention ("told POLITICO") or a short phrase after an article ("told a Senate panel",
    /// "told the Gazette"), up to a time, a preposition or a clause. `from` itself when
    /// there is none.
    fn past_addressee(&self, from: usize, end: usize) -> usize {
        let doc = self.doc;
        if from >= end || !doc.is_word(from) {
            return from;
        }
        if !matches!(doc.lower(from), "the" | "a" | "an") {
            let first = self.mentions.partition_point(|m| m.tokens.start < from);
            return self
                .mentions
                .get(first)
                .filter(|m| m.tokens.start == from)
                .map_or(from, |m| m.tokens.end);
        }
        let mut k = from + 1;
        while k < end.min(from + 6)
            && doc.is_word(k)
            && !doc.in_quote(k)
            && !CLAUSE_WORDS.contains(&doc.lower(k))
            && !cues::PREPOSITIONS.contains(&doc.lower(k))
            && !crate::mentions::is_weekday_or_month(doc.lower(k))
            && self.lex.cue_verb(doc.lower(k)).is_none()
        {
            k += 1;
        }
        if k > from + 1 {
            k
        } else {
            from
        }
    }

    /// True when what follows an attribution, `from..to`, ends it: a closing phrase, or one
    /// before a participle that goes on with the speaker ("he said Monday, adding that ...").
    fn ends_attribution(&self, from: usize, to: usize) -> bool {
        let doc = self.doc;
        let participle = (from..to.saturating_sub(1)).find(|&k| {
            doc.is_punct(k, ",") && doc.is_word(k + 1) && doc.lower(k + 1).ends_with("ing")
        });
        self.only_trailer(from, participle.unwrap_or(to)) || self.apposition_only(from, to)
    }

    /// True when tokens `from..to`, after an inverted subject, describe it: `..., said Robert
    /// Egge, executive director of the movement` or `..., said DeSantis, who was elected in
    /// 2012`. After "said X" a comma rarely opens more of what was said, unless a conjunction,
    /// a pronoun or a participle opens a clause there. A relative clause needs no comma: `...,
    /// said an American official who was briefed on the talks`.
    fn describes_inverted_subject(&self, from: usize, to: usize) -> bool {
        let doc = self.doc;
        if from + 1 < to
            && doc.is_word(from)
            && matches!(doc.lower(from), "who" | "whose")
            && (from..to).all(|i| !doc.in_quote(i))
        {
            return true;
        }
        if from + 2 >= to || !doc.is_punct(from, ",") || !doc.is_word(from + 1) {
            return false;
        }
        let opener = doc.lower(from + 1);
        let relative = matches!(opener, "who" | "whose");
        let role = !doc.tokens[from + 1].capitalized
            && !CLAUSE_WORDS.contains(&opener)
            && !SUBORDINATORS.contains(&opener)
            && !opener.ends_with("ing")
            && self.lex.cue_verb(opener).is_none();
        (relative || role) && (from + 1..to).all(|i| !doc.in_quote(i))
    }

    /// True when tokens `from..to` are an apposition to the subject just before, and nothing
    /// else: `, an assistant professor at Syracuse University.` A "that" or a quotation in it
    /// may open content of its own, so either makes it more than an apposition.
    fn apposition_only(&self, from: usize, to: usize) -> bool {
        let doc = self.doc;
        if from + 2 >= to || !doc.is_punct(from, ",") || !doc.is_word(from + 1) {
            return false;
        }
        let opener = doc.lower(from + 1);
        if !matches!(opener, "a" | "an" | "the") && !doc.tokens[from + 1].capitalized {
            return false;
        }
        (from + 1..to).all(|i| !doc.in_quote(i) && !(doc.is_word(i) && doc.lower(i) == "that"))
    }

    /// True when tokens `from..to` hold nothing but a closing phrase ("on Monday", ".", "in
    /// an interview with the Gazette").
    fn only_trailer(&self, from: usize, to: usize) -> bool {
        self.only_trailer_words(from, to) || self.adjunct_phrase(from, to)
    }

    /// True when tokens `from..to` are a prepositional or time phrase and no clause: they open
    /// on a preposition and hold no subject pronoun, no clause word and no other verb of
    /// saying ("at a rally in Iowa on Friday", not "in Iowa that he would run").
    fn adjunct_phrase(&self, from: usize, to: usize) -> bool {
        let doc = self.doc;
        let Some(first) = (from..to).find(|&i| doc.is_word(i)) else {
            return false;
        };
        let opener = doc.lower(first);
        let phrase_opener = (cues::PREPOSITIONS.contains(&opener) && opener != "to")
            || cues::SUBJECT_POSTMODIFIERS.contains(&opener);
        if !phrase_opener {
            return false;
        }
        (first..to).all(|i| {
            if doc.in_quote(i) {
                return false;
            }
            if !doc.is_word(i) {
                return true;
            }
            let w = doc.lower(i);
            !CLAUSE_WORDS.contains(&w) && self.lex.cue_verb(w).is_none()
        })
    }

    /// True when tokens `from..to`, the words before `, X said`, are an adverbial that opens
    /// the sentence rather than what was said: "In New Hampshire, Rubio said", "While
    /// campaigning in Iowa, she said". A phrase with a comma of its own ("In the end, the
    /// plan failed") has a clause after its adverbial.
    fn opening_adjunct(&self, from: usize, to: usize) -> bool {
        let doc = self.doc;
        let Some(first) = (from..to).find(|&i| doc.is_word(i)) else {
            return false;
        };
        let w = doc.lower(first);
        // "About 270 people have left": a hedged number is the subject, not an adjunct.
        let hedged_number = first + 1 < to && crate::mentions::share_word(doc, first + 1);
        (cues::PREPOSITIONS.contains(&w) || SUBORDINATORS.contains(&w))
            && !hedged_number
            && !(first..to).any(|i| doc.is_punct(i, ","))
    }

    /// True when tokens `from..to` hold one word, or a conjunction and one word, and no
    /// quotation: "Still, she said, the officials must decide" and "And yet, his aides say,
    /// ..." open on a connective, which is no reported clause alone, so the attribution set
    /// off by commas sits inside the content.
    fn lone_unquoted_word(&self, from: usize, to: usize) -> bool {
        let doc = self.doc;
        let mut words = (from..to).filter(|&i| doc.is_word(i));
        let connective = match (words.next(), words.next(), words.next()) {
            (Some(_), None, _) => true,
            (Some(first), Some(_), None) => {
                matches!(doc.lower(first), "and" | "but" | "or" | "so" | "yet")
            }
            _ => false,
        };
        connective && !(from..to).any(|i| doc.in_quote(i))
    }

    /// True when a comma at token `at` opens what reads as the rest of a clause, not a
    /// coordinated verb or a participle ("..., she said, and left", "..., he said, adding").
    fn clause_after_comma(&self, at: usize, end: usize) -> bool {
        let doc = self.doc;
        at + 1 < end
            && doc.is_punct(at, ",")
            && doc.is_word(at + 1)
            && !matches!(doc.lower(at + 1), "and" | "but" | "or" | "then")
            && !doc.lower(at + 1).ends_with("ing")
    }

    /// True when the comma at `comma` follows a subject that a verb of saying before it
    /// governs (`"...," said Sandra Sucher, a professor who focuses on`): the cue after
    /// the comma belongs to an apposition, and what precedes is no content of its own.
    fn after_attributed_subject(&self, comma: usize, start: usize) -> bool {
        let doc = self.doc;
        let upto = self.mentions.partition_point(|m| m.tokens.end <= comma);
        (upto.saturating_sub(3)..upto).any(|m| {
            let tokens = &self.mentions[m].tokens;
            tokens.end == comma
                && tokens.start > start
                && doc.is_word(tokens.start - 1)
                && self.lex.cue_verb(doc.lower(tokens.start - 1)).is_some()
        })
    }

    /// True when tokens `from..to` are all words of the closing phrases listed here.
    fn only_trailer_words(&self, from: usize, to: usize) -> bool {
        let doc = self.doc;
        (from..to).all(|i| {
            doc.tokens[i].kind == TokenKind::Punct
                || (doc.is_word(i)
                    && matches!(
                        doc.lower(i),
                        "on" | "in"
                            | "a"
                            | "an"
                            | "the"
                            | "statement"
                            | "interview"
                            | "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                            | "yesterday"
                            | "today"
                            | "last"
                            | "week"
                            | "night"
                            | "recently"
                            | "later"
                            | "earlier"
                            | "told"
                            | "reporters"
                            | "to"
                            | "at"
                            | "news"
                            | "conference"
                            | "briefing"
                            | "tweet"
                            | "post"
                            | "email"
                            | "emailed"
                            | "by"
                            | "phone"
                            | "when"
                            | "asked"
                    ))
        })
    }

    /// Byte span of tokens `from..to`, trimmed of edge punctuation; none without a word.
    fn span_of(&self, mut from: usize, mut to: usize, range: Range<usize>) -> Option<Range<usize>> {
        let doc = self.doc;
        to = to.min(range.end);
        // A clause cut right after its "that" ("report in Politico that") keeps what comes
        // before it; "that" alone is no content.
        loop {
            while to > from && doc.tokens[to - 1].kind == TokenKind::Punct && !doc.in_quote(to - 1)
            {
                to -= 1;
            }
            if to > from
                && doc.is_word(to - 1)
                && !doc.in_quote(to - 1)
                && doc.lower(to - 1) == "that"
            {
                to -= 1;
            } else {
                break;
            }
        }
        while from < to && doc.tokens[from].kind == TokenKind::Punct {
            from += 1;
        }
        // A content may be a single word: the object of a verb of judging ("who endorsed
        // Clinton", "who preferred him"), which the judge weighs like any other; but not an
        // adverb ("quoted here").
        let mut words = (from..to).filter(|&i| doc.is_word(i));
        let first = words.next()?;
        if words.next().is_none() && BARE_ADVERBS.contains(&doc.lower(first)) {
            return None;
        }
        Some(doc.tokens[from].start..doc.tokens[to - 1].end)
    }
}

/// Verbs of saying whose object follows a preposition, by stem and preposition: "called
/// for", "talking about", "referring to", "pointed to", "warned against".
const PREPOSITIONAL_OBJECTS: &[(&str, &[&str])] = &[
    ("call", &["for"]),
    ("refer", &["to"]),
    ("talk", &["about"]),
    ("spoke", &["about"]),
    ("speak", &["about"]),
    ("point", &["to"]),
    ("complain", &["about"]),
    ("warn", &["about", "of", "against"]),
    ("argu", &["for", "against"]),
    ("push", &["for"]),
    ("advocat", &["for"]),
    ("rail", &["against"]),
    ("boast", &["about"]),
    ("brag", &["about"]),
    ("joke", &["about"]),
    ("joking", &["about"]),
    ("hint", &["at"]),
    ("allud", &["to"]),
    ("object", &["to"]),
    ("testif", &["about"]),
    ("apologi", &["for"]),
    ("lament", &["about"]),
    ("fretted", &["about"]),
    ("fret", &["about"]),
    ("ask", &["about", "for"]),
];

/// True when the cue word `cue` takes what was said as the object of `preposition`.
fn takes_prepositional_object(cue: &str, preposition: &str) -> bool {
    PREPOSITIONAL_OBJECTS
        .iter()
        .any(|(stem, preps)| cue.starts_with(stem) && preps.contains(&preposition))
}

/// Adverbs that are never what was said on their own.
const BARE_ADVERBS: WordSet = WordSet::new(&[
    "here",
    "there",
    "then",
    "now",
    "too",
    "so",
    "again",
    "also",
    "not",
    "today",
    "yesterday",
    "later",
    "earlier",
    "instead",
    "otherwise",
    "though",
    "however",
]);

/// Words that open or carry a clause of their own, which a closing phrase after an
/// attribution never holds.
const CLAUSE_WORDS: WordSet = WordSet::new(&[
    "that", "who", "whom", "which", "whose", "because", "but", "and", "or", "although", "though",
    "while", "if", "whether", "as", "so", "he", "she", "they", "it", "we", "i", "you", "there",
    "is", "are", "was", "were", "will", "would", "could", "should", "can", "may", "might", "must",
    "has", "have", "had", "not", "did", "does", "do",
]);

/// Pronouns that open a clause as its subject: after one, a later "that" does not start it.
/// Determiners and quantifiers a subject's mention may leave out ("some Democrats").
const SUBJECT_DETERMINERS: WordSet = WordSet::new(&[
    "the", "these", "those", "some", "many", "several", "most", "other", "both", "all", "few",
]);
const SUBJECT_PRONOUNS: WordSet = WordSet::new(&["he", "she", "they", "we", "i"]);

/// Words that open a reported question: "asked whether ...", "asked the mayor if ...".
const QUESTION_WORDS: WordSet = WordSet::new(&[
    "if", "whether", "who", "whom", "what", "which", "why", "how", "when", "where",
]);

/// Words that open an adverbial clause or phrase before the main clause of a sentence.
const SUBORDINATORS: WordSet = WordSet::new(&[
    "while",
    "as",
    "if",
    "though",
    "although",
    "before",
    "after",
    "when",
    "since",
    "because",
    "instead",
    "just",
    "until",
    "once",
    "during",
    "despite",
    "amid",
    "following",
    "unlike",
    "like",
    "over",
    "throughout",
    "upon",
    "within",
    "without",
    "under",
]);

/// Verbs that give something a name, whose quoted complement is said of their object.
const NAMING_VERBS: WordSet = WordSet::new(&[
    "call",
    "calls",
    "called",
    "calling",
    "dub",
    "dubs",
    "dubbed",
    "dubbing",
    "label",
    "labels",
    "labeled",
    "labelled",
    "labeling",
    "labelling",
    "brand",
    "brands",
    "branded",
    "branding",
    "describe",
    "describes",
    "described",
    "describing",
    "term",
    "terms",
    "termed",
    "terming",
    "nickname",
    "nicknamed",
    "deem",
    "deems",
    "deemed",
]);

/// Adds `word` to `list` unless it is there already (an entity's roles and heads are sets kept
/// in the order they were met).
fn add_new(list: &mut Vec<String>, word: &str) {
    if !list.iter().any(|w| w == word) {
        list.push(word.to_string());
    }
}

/// True when `role` is `words` or ends with them as whole words: "labour leader" ends in
/// "leader", "team leader" in "team leader", "misleader" not in "leader".
fn role_ends_in(role: &str, words: &str) -> bool {
    role == words
        || role
            .strip_suffix(words)
            .is_some_and(|before| before.ends_with(' '))
}

fn initial_of(a: &str, b: &str) -> bool {
    let a = a.trim_end_matches('.');
    let b = b.trim_end_matches('.');
    (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
}

/// Whether a verb group reads as past or present.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tense {
    Past,
    Present,
}

/// The first token of the verb group ending at the verb at token `verb` (over auxiliaries,
/// "not" and adverbs) and its tense when it is finite and not modal: `did not suggest` is
/// past, `has championed` present, `would offer` neither.
fn verb_group(doc: &Doc<'_>, verb: usize) -> (usize, Option<Tense>) {
    let mut first = verb;
    let mut auxiliary = None;
    while first > 0 && doc.is_word(first - 1) && !doc.in_quote(first - 1) {
        let w = doc.lower(first - 1);
        let aux = match w {
            "did" | "had" | "was" | "were" => Some(Tense::Past),
            "does" | "has" | "is" | "do" | "have" | "are" => Some(Tense::Present),
            "would" | "will" | "could" | "can" | "may" | "might" | "should" | "must" => None,
            "not" | "also" | "then" | "later" | "still" | "never" | "again" | "even" => {
                first -= 1;
                continue;
            }
            _ if cues::reads_as_adverb(w) => {
                first -= 1;
                continue;
            }
            _ => break,
        };
        first -= 1;
        auxiliary = Some(aux);
        break;
    }
    if let Some(aux) = auxiliary {
        return (first, aux);
    }
    let w = doc.lower(verb);
    let tense = if w.ends_with("ed") || crate::lexicon::IRREGULAR_PAST.contains(&w) {
        Some(Tense::Past)
    } else if w.ends_with('s') && !w.ends_with("ss") {
        Some(Tense::Present)
    } else {
        None
    };
    (first, tense)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (cue, content) of every reported-speech candidate the rules find in `text`, before
    /// any learned model.
    fn reported(text: &str) -> Vec<(String, String)> {
        found(text, QuoteKind::Indirect)
    }

    /// The rules' reading of `text` (no learned model) and the mentions it read.
    fn rules_reading(text: &str) -> (Reading, Vec<Candidate>) {
        let lex = Lexicon::new();
        let doc = Doc::new(text, &lex);
        let mentions = crate::mentions::find(&doc, &lex);
        (read(&doc, &lex, &Judge::parse(""), &mentions), mentions)
    }

    /// (cue, content) of every candidate of `kind` the rules find in `text`.
    fn found(text: &str, kind: QuoteKind) -> Vec<(String, String)> {
        rules_reading(text)
            .0
            .quotes
            .into_iter()
            .filter(|q| q.kind == kind)
            .map(|q| {
                let cue = q.cue.map_or(String::new(), |c| text[c].to_string());
                (cue, text[q.content].to_string())
            })
            .collect()
    }

    #[test]
    fn a_reported_clause_starts_at_that_after_an_adjunct() {
        for (text, cue) in [
            (
                "Nadia Perel said at a town meeting last week that the school would stay open.",
                "said",
            ),
            (
                "Nadia Perel told parents in Dunmore on Friday that the school would stay open.",
                "told",
            ),
            // A weekday, the commas of a place, an aside between dashes.
            (
                "Nadia Perel said Thursday in Dunmore that the school would stay open.",
                "said",
            ),
            (
                "Nadia Perel said during a visit to Dunmore, Ohio, that the school would stay open.",
                "said",
            ),
            (
                "Nadia Perel said \u{2014} on the radio, as it happens \u{2014} that the school would stay open.",
                "said",
            ),
        ] {
            let found = reported(text);
            assert!(
                found
                    .iter()
                    .any(|(c, content)| c == cue && content == "that the school would stay open"),
                "{text}: {found:?}"
            );
        }
        // With a quoted fragment in the clause, as with none.
        let text =
            "Nadia Perel said during the debate that the school was \u{201c}not for sale.\u{201d}";
        let found = reported(text);
        assert!(
            found
                .iter()
                .any(|(_, content)| content.starts_with("that the school was")),
            "{found:?}"
        );
        // A relative clause is no adjunct: "said in the letter, which ..." keeps its start.
        let text = "Nadia Perel said in the letter which she sent that the school would close.";
        let found = reported(text);
        assert!(
            found
                .iter()
                .all(|(_, content)| content != "that the school would close"),
            "{found:?}"
        );
        // Any other comma may close the clause: the "that" after it is a relative's.
        let text = "Nadia Perel vowed to keep the school open, a promise that cost her the race.";
        let found = reported(text);
        assert!(
            found
                .iter()
                .all(|(_, content)| !content.starts_with("that cost")),
            "{found:?}"
        );
    }

    #[test]
    fn the_name_of_a_show_before_the_subject_is_no_quotation() {
        let text = "On WXYZ\u{2019}s \u{201c}Morning Desk,\u{201d} Nadia Perel admitted that the school would close.";
        let found = reported(text);
        assert!(
            found
                .iter()
                .any(|(c, content)| c == "admitted" && content == "that the school would close"),
            "{found:?}"
        );
    }

    #[test]
    fn a_recorded_speaker_is_its_mentions_final_entity() {
        // "café" speaks before the next line names the entity it joins: the reading must
        // hand out the entity its mention ended with, and count that entity as a speaker.
        let text = "\u{ab}Jane Doe\"according to caf\u{e9},\nUnite leader Len McCluskey";
        let (reading, _) = rules_reading(text);
        assert!(reading.quotes.iter().any(|q| q.mention.is_some()));
        for q in &reading.quotes {
            if let Some(m) = q.mention {
                assert_eq!(q.entity, reading.mention_entity[m], "{q:?}");
                if let Some(e) = q.entity {
                    assert!(reading.entities[e].spoke, "{q:?}");
                }
            }
        }
    }

    /// (content, speaker mention) of every candidate of `kind` the rules find in `text`.
    fn spoken_by(text: &str, kind: QuoteKind) -> Vec<(String, String)> {
        let (reading, mentions) = rules_reading(text);
        reading
            .quotes
            .into_iter()
            .filter(|q| q.kind == kind)
            .map(|q| {
                let speaker = q.mention.map_or(String::new(), |m| {
                    text[mentions[m].bytes.clone()].to_string()
                });
                (text[q.content].to_string(), speaker)
            })
            .collect()
    }

    /// The index of the first mention of `text` reading `wanted`.
    fn mention_reading(text: &str, mentions: &[Candidate], wanted: &str) -> usize {
        mentions
            .iter()
            .position(|m| &text[m.bytes.clone()] == wanted)
            .unwrap_or_else(|| panic!("no mention {wanted:?} in {text}"))
    }

    #[test]
    fn a_noun_of_saying_before_its_clause_is_held_by_its_possessor() {
        for (text, content, holder) in [
            (
                "Critics mocked Ada Moss's claim that the pier will last.",
                "that the pier will last",
                "Ada Moss",
            ),
            (
                "She dropped her repeated warning that the pier would close.",
                "that the pier would close",
                "her",
            ),
            // Nobody holds it.
            (
                "Shares fell amid fears that the pier would close.",
                "that the pier would close",
                "",
            ),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert!(
                found.contains(&(content.into(), holder.into())),
                "{text}: {found:?}"
            );
        }
        // A noun before the verb is its subject; a verb after "that" opens a relative clause.
        for (text, not_holder) in [
            ("Their experience shows that the pier will last.", "Their"),
            ("The council hopes that the pier will last.", ""),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert!(
                !found.iter().any(|(_, holder)| holder == not_holder),
                "{text}: {found:?}"
            );
        }
        let text = "Some towns have piers in their states that desperately need repair.";
        assert!(reported(text).is_empty(), "{text}: {:?}", reported(text));
    }

    #[test]
    fn a_question_asked_by_an_agent_is_the_agents_and_the_one_asked_speaks_on() {
        let text = "\"The pier will stay,\" Ada Moss said. Asked by a reporter whether it would \
                    close, she smiled.\n\n\"Never.\"";
        let indirect = spoken_by(text, QuoteKind::Indirect);
        assert!(
            indirect.contains(&("whether it would close".into(), "a reporter".into())),
            "{indirect:?}"
        );
        let direct = spoken_by(text, QuoteKind::Direct);
        assert!(
            direct.contains(&("Never.".into(), "Ada Moss".into())),
            "{direct:?}"
        );
    }

    #[test]
    fn a_phrase_after_a_preposition_speaks_through_the_participle_after_it() {
        let text = "Last year Starr gave money to harbour groups backing Ada Moss.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&("Ada Moss".into(), "harbour groups".into())),
            "{found:?}"
        );
        // "despite" governs like a preposition.
        let text = "Despite ads urging calm, the harbour stayed shut.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.iter().any(|(_, speaker)| speaker == "ads"),
            "{found:?}"
        );
        // Whom a message goes to is no sender.
        let text = "Ada Moss sent a text to supporters saying the pier will stay.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            !found.iter().any(|(_, speaker)| speaker == "supporters"),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_after_a_preposition_and_its_article_is_no_clause_subject() {
        let text = "At a meeting in an Oskaloosa, Iowa, cafe last month, harbour trader Ada Moss \
                    told the mayor about visas, which are issued to foreign workers.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            !found.is_empty()
                && found
                    .iter()
                    .all(|(_, speaker)| speaker.contains("Ada Moss")),
            "{found:?}"
        );
    }

    #[test]
    fn a_span_of_time_after_the_verb_is_no_content() {
        for text in [
            "Ada Moss has said for weeks the pier will last.",
            "Ada Moss has argued for years the pier will last.",
        ] {
            assert_eq!(
                spoken_by(text, QuoteKind::Indirect),
                [("the pier will last".into(), "Ada Moss".into())],
                "{text}"
            );
        }
    }

    #[test]
    fn a_verb_with_a_prepositional_object_reports_the_object() {
        for (text, content) in [
            (
                "The mayor called for a curfew in the old town.",
                "a curfew in the old town",
            ),
            ("Okafor pointed to the jobs figures.", "the jobs figures"),
            ("The coach complained about the referee.", "the referee"),
            // Whom was asked comes first: "asked the mayor about the pier".
            ("Reporters asked Ada Moss about the pier.", "the pier"),
            ("The council asked for a new survey.", "a new survey"),
            (
                "\"We met as a team,\" Ruiz said, referring to the four captains.",
                "the four captains",
            ),
        ] {
            assert!(
                reported(text).iter().any(|(_, c)| c == content),
                "{text}: {:?}",
                reported(text)
            );
        }
        // Without such a preposition the rules still take no prepositional phrase.
        assert!(reported("The mayor spoke at the harbour.").is_empty());
    }

    #[test]
    fn whom_a_speaker_accuses_is_part_of_the_accusation() {
        assert_eq!(
            spoken_by(
                "The union accused Mayor Ruiz of hiding the figures.",
                QuoteKind::Indirect
            ),
            [(
                "Mayor Ruiz of hiding the figures".to_string(),
                "The union".to_string()
            )]
        );
    }

    #[test]
    fn seeing_something_as_something_is_a_view() {
        for (text, content, holder) in [
            (
                "Many farmers see the new canal as a threat.",
                "the new canal as a threat",
                "Many farmers",
            ),
            (
                "By then, rival clubs saw that the striker could score.",
                "that the striker could score",
                "rival clubs",
            ),
        ] {
            assert_eq!(
                spoken_by(text, QuoteKind::Indirect),
                [(content.to_string(), holder.to_string())],
                "{text}"
            );
        }
        // Seeing someone somewhere holds no view.
        assert!(reported("Witnesses saw the driver near the bridge.").is_empty());
    }

    #[test]
    fn according_to_after_a_comma_reports_what_comes_before() {
        for (text, content, source) in [
            (
                "The deal covers 300 workers, according to the Harbour Union, one of the unions \
                 at the port.",
                "The deal covers 300 workers",
                "the Harbour Union",
            ),
            (
                "According to the officer in charge of the depot that night, the fire began \
                 upstairs.",
                "the fire began upstairs",
                "the officer",
            ),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, content, "{text}");
            assert!(found[0].1.starts_with(source), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_poll_relays_what_it_found() {
        assert_eq!(
            spoken_by(
                "Most parents back the longer school day in a new Harlow Institute poll.",
                QuoteKind::Indirect
            ),
            [(
                "Most parents back the longer school day".to_string(),
                "a new Harlow Institute poll".to_string()
            )]
        );
    }

    #[test]
    fn a_poll_opening_the_sentence_relays_the_clause_after_it() {
        for (text, poll) in [
            (
                "In the new Harbour Gazette poll, most residents back the pier.",
                "the new Harbour Gazette poll",
            ),
            ("In exit polls, most residents back the pier.", "exit polls"),
        ] {
            assert_eq!(
                spoken_by(text, QuoteKind::Indirect),
                [("most residents back the pier".to_string(), poll.to_string())]
            );
        }
    }

    #[test]
    fn a_cue_only_the_learned_table_knows_may_take_an_infinitive() {
        let lex = Lexicon::with_learned_cues(crate::CueTable::parse("declined\t30\t40\n"));
        let text = "The club's lawyer, Ines Duarte, declined to comment.";
        let doc = Doc::new(text, &lex);
        let mentions = crate::mentions::find(&doc, &lex);
        let reading = read(&doc, &lex, &Judge::parse(""), &mentions);
        let contents: Vec<&str> = reading
            .quotes
            .iter()
            .map(|q| &text[q.content.clone()])
            .collect();
        assert_eq!(contents, ["to comment"]);
    }

    #[test]
    fn a_learned_cue_in_the_attribution_slot_takes_the_subject_after_it() {
        let lex = Lexicon::with_learned_cues(crate::CueTable::parse(
            "remembered\t30\t40\nreads\t30\t40\n",
        ));
        for (text, speaker) in [
            (
                "\"The analysts were wrong,\" remembered Ada Moss, the harbour's spokeswoman.",
                "Ada Moss",
            ),
            (
                "\u{201c}The pier is a disgrace,\u{201d} reads an editorial in the Gazette.",
                "an editorial",
            ),
        ] {
            let doc = Doc::new(text, &lex);
            let mentions = crate::mentions::find(&doc, &lex);
            let reading = read(&doc, &lex, &Judge::parse(""), &mentions);
            let found: Vec<(QuoteKind, &str)> = reading
                .quotes
                .iter()
                .map(|q| {
                    let m = &mentions[q.mention.unwrap()];
                    (
                        q.kind,
                        &text[doc.tokens[m.tokens.start].start..doc.tokens[m.tokens.end - 1].end],
                    )
                })
                .collect();
            assert_eq!(found, [(QuoteKind::Direct, speaker)], "{text}");
        }
    }

    #[test]
    fn a_sentence_in_brackets_is_read_like_any_other() {
        let text = "The vote was close. (\u{201c}I don\u{2019}t want a fight,\u{201d} said one \
                    party activist.) The hall fell silent.";
        assert_eq!(
            spoken_by(text, QuoteKind::Direct),
            [(
                "I don\u{2019}t want a fight,".to_string(),
                "one party activist".to_string()
            )]
        );
        let text = "The vote was close.\n\n(Ada Moss said she would not fight.)";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [("she would not fight".to_string(), "Ada Moss".to_string())]
        );
    }

    #[test]
    fn a_pronoun_with_a_contracted_auxiliary_is_a_subject() {
        for (text, speaker) in [
            ("Ada Moss spoke. She's said the pier is unsafe.", "She's"),
            (
                "Ada Moss spoke. She\u{2019}s predicting the pier will fail.",
                "She\u{2019}s",
            ),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert!(found.iter().any(|(_, s)| s == speaker), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_relative_who_speaks_for_the_name_before_it() {
        // With or without a comma, the speaker mention is "who" and its entity the name.
        for text in [
            "It was Ada Moss who said the pier was unsafe.",
            "The dockers backed Ada Moss, who said the pier was unsafe.",
            // The place a person comes from stands between them and "who".
            "The dockers backed Councillor Ada Moss of Dunmore, who said the pier was unsafe.",
            "The dockers backed Ada Moss, a pilot from Dunmore, Kent, who said the pier was \
             unsafe.",
            // So does a one-word role set off after the name.
            "The dockers backed Senator Ada Moss, Whig of Kent, who said the pier was unsafe.",
        ] {
            let (mention, entity) = reporter(text, "the pier");
            assert_eq!(mention, "who", "{text}");
            assert_eq!(entity.expect("an entity"), ["ada", "moss"], "{text}");
        }
    }

    /// The speaker mention's text, and its entity's name if any, of the reported speech in
    /// `text` whose content starts with `content_start`, as the rules alone read it.
    fn reporter(text: &str, content_start: &str) -> (String, Option<Vec<String>>) {
        let (reading, mentions) = rules_reading(text);
        let q = reading
            .quotes
            .iter()
            .find(|q| {
                q.kind == QuoteKind::Indirect && text[q.content.clone()].starts_with(content_start)
            })
            .unwrap_or_else(|| panic!("{text}: no reported speech"));
        let mention = q
            .mention
            .unwrap_or_else(|| panic!("{text}: no speaker mention"));
        let entity = q.entity.map(|e| reading.entities[e].name.clone());
        (text[mentions[mention].bytes.clone()].to_string(), entity)
    }

    #[test]
    fn a_verb_coordinated_inside_a_relative_clause_is_the_relatives() {
        let text = "The plan won over Ines Duarte, who came out and endorsed the new quay.";
        assert_eq!(reporter(text, "the new quay").0, "who");
    }

    #[test]
    fn a_relative_which_after_a_comma_speaks_for_what_it_follows() {
        let text = "Ines Duarte chairs the Harbour Pilots Guild, which said the pier was unsafe.";
        let (mention, entity) = reporter(text, "the pier");
        assert_eq!(mention, "which");
        assert_eq!(entity.expect("an entity"), ["harbour", "pilots", "guild"]);
        // A "which" before no verb of saying is no mention.
        let (_, mentions) = rules_reading("The bill, which runs to forty pages, is long.");
        assert!(mentions.is_empty(), "{mentions:?}");
    }

    #[test]
    fn a_closing_phrase_after_the_attribution_leaves_the_content_before_it() {
        // A prepositional phrase ends the attribution; a clause after it would not.
        let text = "The ferry will not run before spring, Idris Pellow said in an interview \
                    with the Harbour Gazette.";
        let found = reported(text);
        assert!(
            found.contains(&("said".into(), "The ferry will not run before spring".into())),
            "{found:?}"
        );
        let text = "The ferry will not run before spring, Idris Pellow said in March that the \
                    pier was unsafe.";
        let found = reported(text);
        assert!(
            found
                .iter()
                .all(|(_, content)| content != "The ferry will not run before spring"),
            "{found:?}"
        );
        // An apposition to an inverted subject is no content of its own.
        let text = "The levy may be \u{201c}strategic,\u{201d} said Idris Pellow, an adviser \
                    to the harbour board.";
        let found = reported(text);
        assert!(
            found.contains(&(
                "said".into(),
                "The levy may be \u{201c}strategic,\u{201d}".into()
            )),
            "{found:?}"
        );
    }

    #[test]
    fn an_apposition_to_the_source_of_according_to_is_no_content() {
        let text = "According to the harbour's chief engineer, Ada Moss, the pier will close in \
                    March.";
        let found = reported(text);
        assert_eq!(
            found,
            vec![(
                "According to".to_string(),
                "the pier will close in March".to_string()
            )]
        );
    }

    #[test]
    fn a_new_subject_after_a_conjunction_ends_the_reported_clause() {
        for text in [
            "Ada Moss said the pier was safe for now, and Ian Pell said it should close.",
            "Ada Moss said the pier was safe for now but Ian Pell said it should close.",
        ] {
            let found = reported(text);
            assert!(
                found.contains(&("said".into(), "the pier was safe for now".into())),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_single_word_may_be_what_was_judged() {
        let found = reported("The dockers endorsed Pell.");
        assert!(
            found.contains(&("endorsed".into(), "Pell".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_headline_reports_in_few_words() {
        let text = "Ada Moss Says Pier Closes.\n\nThe council met on Friday and the mayor said no.";
        let found = reported(text);
        assert!(
            found.contains(&("Says".into(), "Pier Closes".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_phrasal_verb_of_answering_is_a_cue() {
        let text = "After Ian Pell mocked the plan, Ada Moss shot back, \"It will pay for \
                    itself.\"\n\n\"Is that so?\" Pell went on, smiling at the crowd.";
        let found = spoken_by(text, QuoteKind::Direct);
        assert!(
            found.contains(&("It will pay for itself.".into(), "Ada Moss".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("Is that so?".into(), "Pell".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_verb_of_saying_after_a_verb_of_trying_is_the_subjects_cue() {
        for (text, cue, content, speaker) in [
            (
                "Ada Moss has continued to insist that the pier will last.",
                "continued to insist",
                "that the pier will last",
                "Ada Moss",
            ),
            (
                "The mayor was quick to point out that taxes had fallen.",
                "quick to point out",
                "that taxes had fallen",
                "The mayor",
            ),
            // "went on to" goes on like a catenative, and names its subject.
            (
                "Moss went on to explain that the pier will last.",
                "went on to explain",
                "that the pier will last",
                "Moss",
            ),
        ] {
            assert_eq!(reported(text), [(cue.into(), content.into())], "{text}");
            assert_eq!(
                spoken_by(text, QuoteKind::Indirect),
                [(content.into(), speaker.into())],
                "{text}"
            );
        }
        // What was declined is the content; a lead kept is no view; a seeming is the writer's;
        // a race won is no saying.
        for text in [
            "Ada Moss went on to win the race.",
            "Ada Moss declined to comment on the report.",
            "Ada Moss continues to maintain a lead in the polls.",
            "Ada Moss seemed to suggest that the pier will last.",
        ] {
            assert!(
                !reported(text).iter().any(|(cue, _)| cue.contains(" to ")),
                "{text}: {:?}",
                reported(text)
            );
        }
    }

    #[test]
    fn a_noun_in_ly_is_no_adverb_before_the_verb() {
        let text = "The mayor opened a Brackwater rally blasting the harbour board for its cuts.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [("the harbour board for its cuts".into(), "The mayor".into())]
        );
        assert_eq!(
            spoken_by(
                "The Marchetti family said the verdict was unjust.",
                QuoteKind::Indirect
            ),
            [(
                "the verdict was unjust".into(),
                "The Marchetti family".into()
            )]
        );
    }

    #[test]
    fn a_participle_after_an_apposition_reports_nothing() {
        let text = "\"The pier will not last the winter,\" said Ann Roe, head of the Tidewater \
                    Institute, a think tank focused on ports. \"Nobody has paid for it.\"";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(_, m)| m == "Ann Roe"), "{found:?}");
        assert!(reported(text).is_empty(), "{:?}", reported(text));
    }

    #[test]
    fn a_participle_after_a_comma_ends_the_reported_clause() {
        for text in [
            "Ada Moss said that the pier was unsafe, adding that the ferry would stop.",
            "Ada Moss said that the pier was \"unsafe,\" adding that the ferry would stop.",
        ] {
            let found = reported(text);
            assert!(
                found.iter().any(|(cue, content)| cue == "said"
                    && content.starts_with("that the pier")
                    && !content.contains("adding")),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_coordinated_verb_of_saying_starts_the_next_statement() {
        // The same verb again, or another that takes a clause of its own, coordinated with
        // the cue: the speaker's next statement.
        for (text, first, second) in [
            (
                "Ada Moss said the pier was unsafe and said the ferry would stop.",
                "the pier was unsafe",
                "the ferry would stop",
            ),
            (
                "Ada Moss said that she had met the mayor twice but added that no deal was made.",
                "that she had met the mayor twice",
                "that no deal was made",
            ),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            for content in [first, second] {
                assert!(
                    found.contains(&(content.into(), "Ada Moss".into())),
                    "{text}: {found:?}"
                );
            }
        }
        // A verb with an object may be the reported clause's own: the content stays whole.
        let text = "Ada Moss said the pier was unsafe and never called the council.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&(
                "the pier was unsafe and never called the council".into(),
                "Ada Moss".into()
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_time_adjunct_between_subject_and_verb_is_passed_over() {
        let text = "Ada Moss, who has in the past described the pier as unsafe, left early.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [("the pier as unsafe".to_string(), "who".to_string())]
        );
    }

    #[test]
    fn a_name_modifying_a_noun_is_no_subject() {
        let text = "Ada Moss posted a Twitter comment, saying \"The pier is safe.\"";
        assert_eq!(
            spoken_by(text, QuoteKind::Direct),
            [("The pier is safe.".to_string(), "Ada Moss".to_string())]
        );
        // A longer name may hold its own noun: "a Harbour Gazette poll found".
        let text = "A Harbour Gazette Poll found that the pier was safe.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [(
                "that the pier was safe".to_string(),
                "Harbour Gazette Poll".to_string()
            )]
        );
    }

    #[test]
    fn a_quotation_signed_on_the_line_below_is_the_signers() {
        let text = "Ada Moss spoke first.\n\n\"The pier will close.\"\n\n- Ines Duarte.\n\nThe \
                    claim is false.";
        assert_eq!(
            spoken_by(text, QuoteKind::Direct),
            [(
                "The pier will close.".to_string(),
                "Ines Duarte".to_string()
            )]
        );
        // Only under a quotation that fills its paragraph.
        let text = "Ada Moss spoke first. \"The pier will close.\"\n\n- Ines Duarte.";
        assert!(!spoken_by(text, QuoteKind::Direct)
            .iter()
            .any(|(_, speaker)| speaker == "Ines Duarte"));
    }

    #[test]
    fn a_title_with_of_may_follow_the_verb_after_a_quotation() {
        let text = "\"Welcome, all of you,\" said master of ceremonies Asab Tabchi, a teacher.";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1 == "Asab Tabchi" || found[0].1 == "a teacher",
            "{found:?}"
        );
    }

    #[test]
    fn a_participle_opening_the_sentence_is_the_main_subjects() {
        for text in [
            "After thanking the crowd, Ada Moss said the pier would close.",
            "One month after thanking the crowd, Ada Moss said the pier would close.",
            "Thanking the crowd, Ada Moss said the pier would close.",
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert!(
                found.contains(&("the crowd".to_string(), "Ada Moss".to_string())),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_record_before_a_participle_is_its_subject() {
        let text = "Ada Moss, in the wake of a new poll showing the pier unpopular, resigned.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.iter().any(
                |(content, speaker)| content.starts_with("the pier unpopular")
                    && speaker == "a new poll"
            ),
            "{found:?}"
        );
        let text = "The money came from a harbour union backing Ada Moss.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            [("Ada Moss".to_string(), "a harbour union".to_string())]
        );
    }

    #[test]
    fn an_article_after_the_cue_opens_the_object() {
        for (text, content) in [
            (
                "The mayor criticized a regional transit plan.",
                "a regional transit plan",
            ),
            ("The union opposes this pension bill.", "this pension bill"),
            (
                "Okafor has focused on an audit of the port.",
                "an audit of the port",
            ),
        ] {
            assert_eq!(
                spoken_by(text, QuoteKind::Indirect)
                    .into_iter()
                    .map(|(c, _)| c)
                    .collect::<Vec<_>>(),
                [content.to_string()],
                "{text}"
            );
        }
        // An adjunct running on to a "that" is passed over, whatever noun it holds.
        let text = "The harbour board said in a lengthy statement that the piers were unsafe.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [(
                "that the piers were unsafe".to_string(),
                "The harbour board".to_string()
            )]
        );
    }

    #[test]
    fn a_verb_coordinated_in_a_subordinate_clause_shares_its_subject() {
        let text = "Senator Ada Moss spoke on Monday. Dock workers distrust Moss because she \
                    favors tax cuts and opposes a higher minimum wage.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [("a higher minimum wage".to_string(), "she".to_string())]
        );
    }

    #[test]
    fn a_dateline_is_no_subject() {
        let text = "PORTSMOUTH (Harbour Wire) – Whig Maria Olsen has taken a swipe at the \
                    budget, saying that it would cost too much.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [(
                "that it would cost too much".to_string(),
                "Whig Maria Olsen".to_string()
            )]
        );
    }

    #[test]
    fn an_adverb_after_an_auxiliary_leaves_the_subject() {
        let text = "Ada Moss has since said the pier would close.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [("the pier would close".to_string(), "Ada Moss".to_string())]
        );
    }

    #[test]
    fn an_attribution_after_an_opening_connective_sits_inside_the_content() {
        for text in [
            "The pier was old. Still, Ada Moss said, the officials have to decide.",
            "The pier was old. Now, Ada Moss said, the ferries and the buses don't mix.",
            "The pier was old. And yet, Ada Moss said, the officials have to decide.",
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert!(
                found[0].0.ends_with("decide") || found[0].0.ends_with("mix"),
                "{found:?}"
            );
            assert_eq!(found[0].1, "Ada Moss");
        }
    }

    #[test]
    fn a_name_closing_the_sentence_after_the_verb_speaks_over_a_relative_clause() {
        let text = "The race is close. Moss lacks friends on the Harbour Board, whom she has \
                    angered with her plans, said Idris Pellow, a member.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.starts_with("Moss lacks friends"), "{found:?}");
        assert_eq!(found[0].1, "Idris Pellow");
    }

    #[test]
    fn a_person_described_after_the_verb_closing_the_sentence_speaks() {
        // Over a name set off by the opening phrase's comma.
        let text = "The race is close. In nearby Tidewater, the pier is under strain from the \
                    storms, said the chief executive.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].0.starts_with("In nearby Tidewater"), "{found:?}");
        assert_eq!(found[0].1, "the chief executive");
        // Over an apposition and a relative clause that closes the sentence.
        let text = "The race is close. The stakes are so high that the board warned the mayor, \
                    Ada Moss, not to sell the pier, said an official who was briefed on the talks.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            [(
                "The stakes are so high that the board warned the mayor, Ada Moss, not to sell \
                 the pier"
                    .into(),
                "an official".into()
            )]
        );
        // An object is no inverted subject, nor is a description whose relative clause
        // comes before the sentence's own verb.
        for text in [
            "The race is close. Ada Moss, the mayor, tweeted a warning.",
            "The race is close. Her old aide, Idris Pellow, said the clerk who replaced him, \
             Tom Reed, should resign.",
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert!(
                found
                    .iter()
                    .all(|(_, who)| who != "a warning" && who != "the clerk"),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_headline_description_is_the_person_the_first_sentence_names_with_its_head() {
        let text = "Young harbour pilot says the pier is \"beyond repair\"\n\n\
                    Nineteen-year-old Ada Moss became the town's youngest harbour pilot on \
                    Sunday, and she says she will not stop.\n\n\
                    Idris Pellow, the mayor, said the pier would be mended.";
        let analysis = crate::Analyzer::new().analyze(text);
        let speakers: Vec<(String, Option<String>)> = analysis
            .quotes
            .iter()
            .map(|q| {
                let who = analysis.speaker_entity(q).map(|e| e.name.clone());
                (text[q.span.start..q.span.end].to_string(), who)
            })
            .collect();
        for (said, who) in &speakers {
            if said.contains("beyond repair") || said.contains("will not stop") {
                assert_eq!(who.as_deref(), Some("Ada Moss"), "{speakers:?}");
            }
        }
        assert!(
            speakers
                .iter()
                .any(|(said, _)| said.contains("beyond repair")),
            "{speakers:?}"
        );
    }

    #[test]
    fn a_headline_is_read_but_a_link_to_another_story_is_not() {
        let text = "Ada Moss Says She Will Stay On\n\nThe mayor spoke on Monday.\n\nRelated\n\n\
                    Idris Pellow Says The Pier Is Safe";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            [("She Will Stay On".into(), "Ada Moss".into())],
            "{found:?}"
        );
    }

    #[test]
    fn a_sentence_running_into_a_quotation_is_said_by_the_inverted_subject_and_its_relative() {
        let text = "The race is close. Ada Moss is \"not a backslapper,\" said Idris Pellow, \
                    who worked with her.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            [(
                "Ada Moss is \"not a backslapper,\"".into(),
                "Idris Pellow".into()
            )]
        );
    }

    #[test]
    fn nothing_after_the_verb_is_said_after_a_quotation_closing_a_nested_one() {
        let text = "The mayor spoke. \"She told us: ‘The pier is safe,’\" Ada Moss said in a \
                    call with reporters.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_description_opening_the_next_sentence_takes_up_a_newcomer_named_with_an_aside() {
        let text = "Ada Moss won the final on Sunday, and she says she is not finished. \
                    \"I dreamt of this,\" the teenager said. Ada Moss thanked the crowd. \
                    Her coach, Idris Pellow, praised her. \
                    The veteran said the win was deserved.";
        let analysis = crate::Analyzer::rules_only().analyze(text);
        let speaker = analysis
            .quotes
            .iter()
            .find(|q| text[q.span.start..q.span.end].contains("deserved"))
            .and_then(|q| analysis.speaker_entity(q))
            .map(|e| e.name.clone());
        assert_eq!(speaker.as_deref(), Some("Idris Pellow"));
    }

    #[test]
    fn a_place_after_the_subject_leaves_it_the_subject() {
        let text = "Polls in New Hampshire show the ferry is popular.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [("the ferry is popular".to_string(), "Polls".to_string())]
        );
    }

    #[test]
    fn a_plural_possessive_inside_an_adjunct_is_passed_over() {
        for text in [
            "The harbour board wrote to the pilots’ union that the piers were unsafe.",
            "The harbour board wrote to the pilots' union that the piers were unsafe.",
        ] {
            assert_eq!(
                spoken_by(text, QuoteKind::Indirect),
                [(
                    "that the piers were unsafe".to_string(),
                    "The harbour board".to_string()
                )],
                "{text}"
            );
        }
    }

    #[test]
    fn about_before_a_number_opens_the_content() {
        // So do "at least" and "as many as", prepositions in form only.
        for content in [
            "about half of the piers were unsafe",
            "at least six of the piers were unsafe",
            "as many as six of the piers were unsafe",
        ] {
            let text = format!("The harbour board said {content}.");
            assert_eq!(
                spoken_by(&text, QuoteKind::Indirect),
                [(content.to_string(), "The harbour board".to_string())]
            );
        }
        // "about" before anything else is what the statement concerned.
        let text = "The harbour board said about the piers that they were unsafe.";
        assert!(!spoken_by(text, QuoteKind::Indirect)
            .iter()
            .any(|(content, _)| content.starts_with("about")));
    }

    #[test]
    fn a_clause_after_an_inverted_verb_is_no_subject() {
        let text = "Gov. Ada Moss of Ohio, a Whig, said the Khan family deserved better.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [(
                "the Khan family deserved better".to_string(),
                "Gov. Ada Moss".to_string()
            )]
        );
    }

    #[test]
    fn a_paragraph_opening_on_a_speaker_and_a_colon_is_attributed() {
        let text = "Ada Moss: The pier will close before the winter storms.\n\nThe council met \
                    on Friday. Its vote: twelve against the plan, three for it.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&(
                "The pier will close before the winter storms".into(),
                "Ada Moss".into()
            )),
            "{found:?}"
        );
        // Only at the start of a paragraph, and only after a whole mention.
        assert_eq!(found.len(), 1, "{found:?}");
        // A quotation that opens the statement does not stop it; one that is all of it is
        // direct speech.
        let text = "Ada Moss: \u{2018}Not Safe\u{2019} To Keep The Pier Open.\n\nAda Moss: \
                    \u{2018}The pier is not safe.\u{2019}";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            vec![(
                "\u{2018}Not Safe\u{2019} To Keep The Pier Open".to_string(),
                "Ada Moss".to_string()
            )]
        );
    }

    #[test]
    fn an_adverb_before_the_verb_is_no_cue() {
        for (text, cue) in [
            ("Ada Moss also said that the pier was safe.", "said"),
            (
                "Ada Moss publicly criticized the plan to close the pier.",
                "criticized",
            ),
        ] {
            let found = reported(text);
            assert!(
                !found.is_empty() && found.iter().all(|(c, _)| c == cue),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn the_writer_speaks_as_i_or_we() {
        let text = "Mara Quist met me at the pier. \"It is safe,\" she said. \"I doubt it,\" I \
                    said. We asked whether the board agreed.";
        let found = spoken_by(text, QuoteKind::Direct);
        assert!(
            found.contains(&("I doubt it,".into(), "I".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("It is safe,".into(), "she".into())),
            "{found:?}"
        );
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&("whether the board agreed".into(), "We".into())),
            "{found:?}"
        );
        // "I" inside the marks, or not before a verb of saying, is no source.
        let (_, mentions) = rules_reading(text);
        let firsts = mentions
            .iter()
            .filter(|m| matches!(&text[m.bytes.clone()], "I" | "We"))
            .count();
        assert_eq!(firsts, 2);
    }

    #[test]
    fn that_after_a_preposition_opens_no_clause() {
        let found =
            reported("Idris Pellow responded to that letter by calling the levy \"a windfall\".");
        assert!(found.iter().all(|(cue, _)| cue != "responded"), "{found:?}");
        let found =
            reported("Idris Pellow replied to that letter on Friday that the levy would stay.");
        assert!(
            found
                .iter()
                .any(|(cue, content)| cue == "replied" && content == "that the levy would stay"),
            "{found:?}"
        );
    }

    #[test]
    fn an_addressee_no_mention_covers_is_not_what_was_said() {
        for text in [
            "Idris Pellow told a packed town hall they are \"ready to sail\" by May.",
            "Idris Pellow told a packed town hall they are ready to sail by May.",
        ] {
            let found = reported(text);
            assert!(
                found
                    .iter()
                    .any(|(cue, content)| cue == "told" && content.starts_with("they are")),
                "{text}: {found:?}"
            );
        }
        // A subject pronoun has opened the clause: a later "that" does not start it.
        let found = reported("Idris Pellow told reporters he was sure that the pier would hold.");
        assert!(
            found
                .iter()
                .any(|(_, content)| content == "he was sure that the pier would hold"),
            "{found:?}"
        );
    }

    #[test]
    fn the_fragments_of_one_cue_are_one_report() {
        // A naming verb: the name, whom it names, and every fragment after it.
        let text =
            "Idris Pellow called the ferry owners \"pirates\" and \"thieves\" without proof.";
        let found = reported(text);
        assert!(
            found.iter().any(|(cue, content)| cue == "called"
                && content == "the ferry owners \"pirates\" and \"thieves\""),
            "{found:?}"
        );
        // Any other verb: the clause runs at least to the last fragment.
        let text = "Idris Pellow said the pier was \"unsafe\" and the ferry \"a floating debt\" \
                    at the meeting.";
        let found = reported(text);
        assert!(
            found.iter().any(|(cue, content)| cue == "said"
                && content.starts_with("the pier was")
                && content.contains("a floating debt")),
            "{found:?}"
        );
    }

    #[test]
    fn a_fragment_with_no_cue_is_reported_by_the_verb_of_its_subject() {
        let text = "Idris Pellow compared the ferry to \"a floating debt\" in his column.";
        let found = reported(text);
        assert!(
            found.iter().any(|(cue, content)| cue == "compared"
                && content == "the ferry to \"a floating debt\" in his column"),
            "{found:?}"
        );
        // Auxiliaries before the verb are passed over.
        let text = "The board is seeking \"fresh ideas\" for the old pier.";
        let found = reported(text);
        assert!(
            found
                .iter()
                .any(|(cue, content)| cue == "seeking"
                    && content == "\"fresh ideas\" for the old pier"),
            "{found:?}"
        );
        // No verb after the subject: no report.
        let found = reported("Idris Pellow, in \"high spirits,\" left early.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_phrase_after_the_subject_leaves_it_the_subject() {
        for text in [
            "The senator from Vermont said the pier was unsafe.",
            "The head of the harbour board said the pier was unsafe.",
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, "the pier was unsafe", "{text}");
            assert!(found[0].1.starts_with("The "), "{text}: {found:?}");
        }
        // An adverbial clause is no such phrase: the mention before "before" is no subject.
        let found = spoken_by(
            "Idris Pellow paced the Dunmore pier before the vote said nothing.",
            QuoteKind::Indirect,
        );
        assert!(found.iter().all(|(_, s)| !s.contains("pier")), "{found:?}");
    }

    #[test]
    fn an_inverted_subject_may_be_described_after_it() {
        let text = "The pier is \"beyond repair,\" said a source close to the harbour board.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            [("The pier is \"beyond repair,\"".into(), "a source".into())]
        );
    }

    #[test]
    fn a_reported_question_is_the_content_whatever_that_it_holds() {
        for (text, want) in [
            (
                "The Gazette asked the mayor if the pier was so old that it could fall.",
                "if the pier was so old that it could fall",
            ),
            (
                "Idris Pellow asked whether the board could meet that deadline.",
                "whether the board could meet that deadline",
            ),
        ] {
            let found = reported(text);
            assert!(
                found.contains(&("asked".into(), want.into())),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn according_to_after_a_quotation_closed_on_a_comma_reports_the_sentence() {
        let text = "The levy was \"a windfall for nobody,\" according to Idris Pellow.";
        let found = reported(text);
        assert_eq!(
            found,
            [(
                "according to".into(),
                "The levy was \"a windfall for nobody,\"".into()
            )]
        );
    }

    #[test]
    fn a_quotation_relayed_by_according_to_is_the_relays() {
        let text = "\u{201c}The bridge will not reopen this year,\u{201d} Mira Holt said at a \
                    briefing, according to the Pellston Courier.";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            found,
            [(
                "The bridge will not reopen this year,".into(),
                "the Pellston Courier".into()
            )],
            "{found:?}"
        );
        // Without the relay the attribution speaks.
        let text = "\u{201c}The bridge will not reopen this year,\u{201d} Mira Holt said at a \
                    briefing on Monday.";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(found[0].1, "Mira Holt", "{found:?}");
    }

    #[test]
    fn a_fragment_after_a_reported_thought_is_the_reporters() {
        let text = "Lena Marsh said on Sunday in Tarvin that she hopes for \
                    \u{201c}a turnout nobody has seen before.\u{201d}";
        let found = spoken_by(text, QuoteKind::Partial);
        assert_eq!(
            found,
            [(
                "a turnout nobody has seen before.".into(),
                "Lena Marsh".into()
            )],
            "{found:?}"
        );
        // A thought nobody reports is the thinker's.
        let text = "Lena Marsh hopes for \u{201c}a turnout nobody has seen before.\u{201d}";
        let found = spoken_by(text, QuoteKind::Partial);
        assert_eq!(found[0].1, "Lena Marsh", "{found:?}");
    }

    #[test]
    fn a_reported_clause_ends_before_a_new_attribution_after_a_comma() {
        let text = "Though not all Ivo Brenn says is wrong, Petra Lund said the toll \
                    \u{201c}will never pay for itself.\u{201d}";
        let found = reported(text);
        assert!(
            found
                .iter()
                .any(|(c, content)| c == "says" && content == "is wrong"),
            "{found:?}"
        );
        let found = spoken_by(text, QuoteKind::Partial);
        assert_eq!(found[0].1, "Petra Lund", "{found:?}");
    }

    #[test]
    fn a_subject_after_a_clause_opening_before_or_after_speaks() {
        let text = "Jon Aske objected after Mara Velt argued that the dam \
                    \u{201c}cannot be saved.\u{201d}";
        let found = spoken_by(text, QuoteKind::Partial);
        assert_eq!(
            found,
            [("cannot be saved.".into(), "Mara Velt".into())],
            "{found:?}"
        );
    }

    #[test]
    fn a_sentence_ending_on_its_attribution_hands_on_the_speaker() {
        let text = "\"The pier stays shut,\" said Olek Varga, editor of a local paper.\n\n\
                    Or maybe Ken Marsh, digital strategist Ruth Amsel says. \"Nobody has asked us \
                    yet.\"";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            found.last().map(|(_, s)| s.as_str()),
            Some("strategist Ruth Amsel"),
            "{found:?}"
        );
    }

    #[test]
    fn an_opening_adverbial_is_not_what_was_said() {
        for text in [
            "In Dunmore on Friday, Idris Pellow said the pier was unsafe.",
            "While touring the harbour, Idris Pellow said the pier was unsafe.",
        ] {
            let found = reported(text);
            assert!(
                found
                    .iter()
                    .all(|(_, content)| content.starts_with("the pier")),
                "{text}: {found:?}"
            );
        }
        // An adverbial with a clause after it is: "In the end, the ferry failed".
        let found = reported("In the end, the ferry failed, Idris Pellow said.");
        assert!(
            found.contains(&("said".into(), "In the end, the ferry failed".into())),
            "{found:?}"
        );
    }

    #[test]
    fn the_sentence_before_a_trailing_attribution_is_what_was_said() {
        for (text, content, speaker) in [
            // A hedged number opens a subject, not an adverbial.
            (
                "About 270 ferries sailed late, harbour officials said.",
                "About 270 ferries sailed late",
                "harbour officials",
            ),
            // An object pronoun in the subject's phrase is not the subject.
            (
                "The pier will close, a source close to him said.",
                "The pier will close",
                "a source",
            ),
            // Whom the speaker told, and when, is no content.
            (
                "The pier will close, Ada Moss told a harbour panel Wednesday.",
                "The pier will close",
                "Ada Moss",
            ),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert!(
                found.contains(&(content.into(), speaker.into())),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_cue_in_an_apposition_to_a_speaker_reports_nothing_before_it() {
        let text = "\"The pier is unsafe,\" said Idris Pellow, a surveyor who focuses on \
                    harbours.";
        let found = reported(text);
        assert!(
            found.iter().all(|(_, content)| !content.contains("pier")),
            "{found:?}"
        );
    }

    #[test]
    fn a_quotation_that_ends_its_sentence_is_not_the_next_cues() {
        let text = "Mira Holt said the bid was sound. \"We disagree with the claim,\" she said. \
                    \"We have done the work.\" She noted a meeting on Monday. \"It starts \
                    now.\" Holt said the vote had been delayed.";
        let direct = spoken_by(text, QuoteKind::Direct);
        // The second quotation goes on with the first one's speaker, not with "She noted".
        assert_eq!(
            direct[1],
            ("We have done the work.".into(), "she".into()),
            "{direct:?}"
        );
        assert_eq!(
            direct[2],
            ("It starts now.".into(), "She".into()),
            "{direct:?}"
        );
        // A comma inside: the cue after is the quotation's own.
        let direct = spoken_by("\"We have done the work,\" Holt said.", QuoteKind::Direct);
        assert_eq!(direct, [("We have done the work,".into(), "Holt".into())]);
    }

    #[test]
    fn a_bare_attribution_after_a_full_stop_is_the_quotations_own() {
        for text in [
            "The council met on Monday.\n\n\"We will find every missing ledger.\" Odile Marchetti said.",
            "The council met on Monday.\n\n\"We will find every missing ledger.\" said Odile Marchetti on Monday.",
        ] {
            let direct = spoken_by(text, QuoteKind::Direct);
            assert_eq!(
                direct,
                [(
                    "We will find every missing ledger.".into(),
                    "Odile Marchetti".into()
                )],
                "{text}"
            );
        }
    }

    #[test]
    fn a_verb_in_the_attribution_slot_is_a_verb_of_saying() {
        for (text, quote) in [
            (
                "The hall was full.\n\n\"This is fantastic!\" beamed Odile Marchetti of Dunmore.",
                "This is fantastic!",
            ),
            (
                "The hall was full.\n\n\"Go back to the depot,\" Odile Marchetti barked.",
                "Go back to the depot,",
            ),
            (
                "The hall was full.\n\n\"Go back to the depot.\" Odile Marchetti barked.",
                "Go back to the depot.",
            ),
        ] {
            let direct = spoken_by(text, QuoteKind::Direct);
            assert_eq!(direct, [(quote.into(), "Odile Marchetti".into())], "{text}");
        }
        // A verb with an object of its own starts a sentence of its own.
        let direct = spoken_by(
            "The hall was full.\n\n\"Go back to the depot.\" Odile Marchetti opened the door.",
            QuoteKind::Direct,
        );
        assert!(direct.is_empty(), "{direct:?}");
    }

    #[test]
    fn a_connective_adverb_or_a_time_may_stand_between_subject_and_verb() {
        for text in [
            "Odile Marchetti however said the depot would close in the spring.",
            "Odile Marchetti meanwhile said the depot would close in the spring.",
            "Odile Marchetti last week said the depot would close in the spring.",
            "Odile Marchetti on Monday morning said the depot would close in the spring.",
        ] {
            let found = rules_reading(text);
            let said = found
                .0
                .quotes
                .iter()
                .find(|q| q.kind == QuoteKind::Indirect)
                .map(|q| {
                    let m = &found.1[q.mention.expect("a source")];
                    (&text[q.content.clone()], &text[m.bytes.clone()])
                });
            assert_eq!(
                said,
                Some(("the depot would close in the spring", "Odile Marchetti")),
                "{text}"
            );
        }
    }

    #[test]
    fn nothing_after_the_attribution_of_a_quotation_was_said() {
        let text = "\"Do you think I will change?\" Odile Marchetti asked reporters \
                    rhetorically during a news conference late last month.";
        assert_eq!(reported(text), []);
        let direct = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            direct,
            [(
                "Do you think I will change?".into(),
                "Odile Marchetti".into()
            )]
        );
    }

    #[test]
    fn a_sentence_running_into_a_quotation_before_its_attribution_is_said_whole() {
        for text in [
            "Rural clinics in the valley are \"barely holding on,\" Odile Marchetti said.",
            "Rural clinics in the valley are \"barely holding on,\" said Odile Marchetti.",
        ] {
            let reported = reported(text);
            assert!(
                reported.iter().any(|(_, content)| content
                    == "Rural clinics in the valley are \"barely holding on,\""),
                "{text}: {reported:?}"
            );
        }
        // A participle after the attribution goes on with the speaker.
        for text in [
            "Rural clinics in the valley are \"barely holding on,\" Odile Marchetti said, \
             adding that the state must act.",
            "Rural clinics in the valley are barely holding on, Odile Marchetti said, adding \
             that the state must act.",
        ] {
            let reported = reported(text);
            assert!(
                reported
                    .iter()
                    .any(|(_, content)| content.starts_with("Rural clinics in the valley are")),
                "{text}: {reported:?}"
            );
        }
        // A whole quotation is direct speech, not reported speech.
        assert_eq!(
            reported("\"Rural clinics are barely holding on,\" Odile Marchetti said."),
            []
        );
    }

    #[test]
    fn a_clause_after_an_apposition_and_its_verb_is_no_inverted_subject() {
        // "the chamber will ... vote" has its own verb: what was said, not who said it; and in
        // "a border state," the noun "state" is no verb of saying.
        for text in [
            "Senator Ines Duarte of Texas, the No. 2 Socialist in the Senate, said the chamber \
             will most likely vote on four measures.",
            "Ines Duarte, facing a close race in Galicia, a border state, said she would stay.",
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert!(found[0].1.contains("Ines Duarte"), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_relative_clause_set_off_by_commas_ends_at_its_comma() {
        let found = reported(
            "The harbour pilots, who said the new quay was too shallow, have since left the \
             board.",
        );
        assert!(
            found
                .iter()
                .any(|(_, content)| content == "the new quay was too shallow"),
            "{found:?}"
        );
    }

    #[test]
    fn an_attribution_opened_by_as_relays_the_clause_after_it() {
        for text in [
            "As the Harbour Gazette reported on Monday, the quay will close in May.",
            "The board met, but as Ines Duarte noted, the quay will close in May.",
            // A passive relay names its source after "by".
            "As reported by the Harbour Gazette, the quay will close in May.",
            "As first reported by the Harbour Gazette, the quay will close in May.",
        ] {
            let found = reported(text);
            assert!(
                found
                    .iter()
                    .any(|(_, content)| content == "the quay will close in May"),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_modifier_the_mention_leaves_out_still_opens_an_attribution_aside() {
        // The mention is "fishermen" or "sources"; the aside starts at the comma all the same.
        for (text, aside) in [
            (
                "The quay, some fishermen said, will close in May.",
                "some fishermen said",
            ),
            (
                "The quay, these fishermen said, will close in May.",
                "these fishermen said",
            ),
            (
                "The quay, Harbour sources said, will close in May.",
                "Harbour sources said",
            ),
        ] {
            let found = reported(text);
            let whole = format!("The quay, {aside}, will close in May");
            assert!(
                found.iter().any(|(_, content)| *content == whole),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_month_or_a_year_after_in_or_on_is_part_of_the_adjunct() {
        for text in [
            "Ines Duarte said in March that the quay will close.",
            "Ines Duarte said on Radio Harbour that the quay will close.",
            "Ines Duarte said in 2019 the quay will close.",
        ] {
            let found = reported(text);
            assert!(
                found
                    .iter()
                    .any(|(_, content)| content.ends_with("the quay will close")
                        && content.starts_with(['t', 'T'])),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_description_after_an_inverted_subject_is_no_content() {
        for text in [
            "The quay will close in May, said Ines Duarte, who chairs the harbour board.",
            "The quay will close in May, said Ines Duarte, executive director of the harbour board.",
        ] {
            let found = reported(text);
            assert_eq!(
                found,
                vec![("said".to_string(), "The quay will close in May".to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn a_quotation_interrupted_by_its_attribution_resumes_as_direct_speech() {
        for text in [
            "\"The valley used to vote for us,\" said Odile Marchetti, a county organiser, \
             \"but it is drifting away.\"",
            "He paused. \"The valley used to vote for us,\" she said, \"but it is drifting away.\"",
        ] {
            assert_eq!(reported(text), [], "{text}");
            let direct: Vec<String> = found(text, QuoteKind::Direct)
                .into_iter()
                .map(|(_, content)| content)
                .collect();
            assert_eq!(
                direct,
                [
                    "The valley used to vote for us,",
                    "but it is drifting away."
                ],
                "{text}"
            );
        }
    }

    #[test]
    fn the_name_of_a_show_is_no_quotation() {
        let text = "\"The quay is safe,\" Moss said Monday on GBN's \"Harbour Morning Live.\" \
                    \"It will stay open.\"";
        let quoted: Vec<String> = found(text, QuoteKind::Direct)
            .into_iter()
            .map(|(_, content)| content)
            .collect();
        assert_eq!(
            quoted,
            ["The quay is safe,", "It will stay open."],
            "{text}"
        );
    }

    #[test]
    fn a_title_after_the_kind_of_work_is_no_quotation() {
        let text = "\"It is too early to tell,\" said Ada Moss, who also hosts the radio show \
                    \"Harbour Morning.\" \"It depends on the tides.\"";
        assert_eq!(
            spoken_by(text, QuoteKind::Direct),
            [
                ("It is too early to tell,".into(), "Ada Moss".into()),
                ("It depends on the tides.".into(), "Ada Moss".into())
            ]
        );
    }

    #[test]
    fn a_relative_clause_after_the_speaker_does_not_take_the_quotation_over() {
        let text = "\"He tried to scare me,\" said Ada Moss, who wrote about the visit in her \
                    book. \"Neither threat came true.\"";
        assert_eq!(
            spoken_by(text, QuoteKind::Direct),
            [
                ("He tried to scare me,".into(), "Ada Moss".into()),
                ("Neither threat came true.".into(), "Ada Moss".into())
            ]
        );
    }

    #[test]
    fn what_was_reported_may_be_an_object() {
        assert_eq!(
            reported("The harbour board reported a record catch."),
            [("reported".into(), "a record catch".into())]
        );
    }

    #[test]
    fn states_after_a_place_or_a_number_is_the_noun() {
        for text in [
            "Moss campaigned in Western states that vote in March.",
            "Strong showings in the dozen states that held primaries helped Moss.",
        ] {
            assert_eq!(reported(text), [], "{text}");
        }
        assert_eq!(
            reported("The harbour charter states that the quay is public."),
            [("states".into(), "that the quay is public".into())]
        );
    }

    #[test]
    fn that_alone_is_no_content() {
        assert!(reported("The mayor said that.").is_empty());
    }

    #[test]
    fn a_participle_has_no_inverted_subject() {
        let text = "Tomas Reyes spoke last. \"Vote early,\" Reyes said, adding a pitch for \
                    himself as mayor. \"Who else would fix the roads?\"";
        // "a pitch for himself as mayor" is what was added, not who added it.
        for kind in [QuoteKind::Direct, QuoteKind::Indirect] {
            let found = spoken_by(text, kind);
            assert!(
                found
                    .iter()
                    .all(|(_, speaker)| !speaker.starts_with("a pitch")),
                "{found:?}"
            );
        }
    }

    #[test]
    fn an_adjunct_may_follow_an_inverted_subject() {
        let text = "The hall emptied. \"The bridge will open in May,\" said Okafor as she left. \
                    \"We are ready,\" said the engineer last week. \"Soon,\" said Okafor on \
                    Friday because the tests were done.";
        assert_eq!(
            spoken_by(text, QuoteKind::Direct),
            [
                ("The bridge will open in May,", "Okafor"),
                ("We are ready,", "the engineer"),
                ("Soon,", "Okafor"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        // The adjunct is not what was said.
        assert_eq!(spoken_by(text, QuoteKind::Indirect), []);
    }

    #[test]
    fn a_possessed_description_speaks_and_is_not_its_possessor() {
        let text = "Ines Marlow spoke at the hearing. \"We will appeal,\" the bakery's owner \
                    said. Marlow's lawyer said the ruling was unfair. Marlow's lawyer added \
                    that it would wait.";
        let (reading, mentions) = rules_reading(text);
        let speaker = |content: &str| {
            let q = reading
                .quotes
                .iter()
                .find(|q| text[q.content.clone()].starts_with(content))
                .unwrap_or_else(|| panic!("{content}: {:?}", reading.quotes));
            let m = q.mention.expect("a speaker");
            (text[mentions[m].bytes.clone()].to_string(), q.entity)
        };
        assert_eq!(speaker("We will appeal").0, "the bakery's owner");
        let (lawyer, first) = speaker("the ruling");
        let (again, second) = speaker("that it would wait");
        assert_eq!(
            (lawyer.as_str(), again.as_str()),
            ("Marlow's lawyer", "Marlow's lawyer")
        );
        // The same lawyer both times, and never Marlow herself.
        assert_eq!(first, second);
        let marlow = reading.mention_entity[0];
        assert!(first.is_some() && first != marlow, "{first:?} {marlow:?}");
    }

    #[test]
    fn a_negated_auxiliary_stands_between_the_subject_and_its_verb() {
        for text in [
            "Marlow wouldn't say the quay will close.",
            "Ines Marlow didn’t say the quay will close.",
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].0, "the quay will close");
            assert!(found[0].1.ends_with("Marlow"), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_reflexive_after_the_subject_leaves_it_the_speaker() {
        let text = "Marlow himself said the quay will close.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            [("the quay will close".to_string(), "Marlow".to_string())]
        );
    }

    #[test]
    fn the_subject_of_an_aside_is_no_apposition_to_the_name_before_it() {
        let text = "Ines Marlow, the harbour officials said, would resign.";
        let (reading, mentions) = rules_reading(text);
        let q = reading
            .quotes
            .iter()
            .find(|q| q.kind == QuoteKind::Indirect)
            .expect("the aside reports the sentence");
        let m = q.mention.expect("a speaker");
        assert_eq!(&text[mentions[m].bytes.clone()], "the harbour officials");
        let marlow = reading.mention_entity[0];
        assert!(
            marlow.is_some() && q.entity != marlow,
            "{:?}",
            reading.entities
        );
        // An apposition set off by commas still names the same person.
        let text = "Ines Marlow, the harbour director, said the quay would close.";
        let (reading, _) = rules_reading(text);
        assert_eq!(reading.mention_entity[0], reading.mention_entity[1]);
    }

    #[test]
    fn a_subject_speaks_over_what_stands_between_it_and_its_verb() {
        // A floated quantifier, an aside between doubled or single hyphens, and a participle
        // with only a time after it.
        for (text, content, speaker) in [
            (
                "They all vowed to keep the ferry running.",
                "to keep the ferry running",
                "They",
            ),
            (
                "The senator -- who has been in a feud with the mayor -- said she regretted it.",
                "she regretted it",
                "The senator",
            ),
            (
                "Ada Moss - a ferry captain and union steward - told the Gazette that the pier leaked.",
                "that the pier leaked",
                "Ada Moss",
            ),
            (
                "The report published Tuesday showed that the pier leaked.",
                "that the pier leaked",
                "The report published Tuesday",
            ),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert!(
                found.contains(&(content.to_string(), speaker.to_string())),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn an_unnamed_source_with_a_noun_that_reads_as_a_verb_speaks_whole() {
        // After an article, "plans", "talks" and "planning" are nouns: the phrase runs on
        // to the verb, and no shorter phrase ending on the article is a mention.
        for (text, speaker) in [
            (
                "One person with knowledge of the plans said the ferry would stop.",
                "One person with knowledge of the plans",
            ),
            (
                "A person familiar with the plans said the ferry would stop.",
                "A person familiar with the plans",
            ),
            (
                "Two people familiar with the talks said the ferry would stop.",
                "Two people familiar with the talks",
            ),
            (
                "A person familiar with the planning for Thursday's meeting said the ferry \
                 would stop.",
                "A person familiar with the planning for Thursday's meeting",
            ),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert_eq!(
                found,
                vec![("the ferry would stop".to_string(), speaker.to_string())],
                "{text}"
            );
            let (_, mentions) = rules_reading(text);
            assert!(
                mentions
                    .iter()
                    .all(|m| !text[m.bytes.clone()].ends_with(" the")),
                "{text}"
            );
            // The phrase's head is the person, not the noun at its end.
            let source = &mentions[mention_reading(text, &mentions, speaker)];
            assert_eq!(source.entity_type, Some(EntityType::Person), "{text}");
        }
    }

    #[test]
    fn a_plural_opening_the_sentence_is_a_group_not_a_name() {
        // "Citizens" is capitalised only because it opens its sentence: it is no person
        // named Citizens, and the "he" after it is the man named before.
        let text = "Tom Udall visited the harbour. Citizens said he was late. He left early.";
        let (reading, mentions) = rules_reading(text);
        let index = |wanted: &str| mention_reading(text, &mentions, wanted);
        let citizens = &mentions[index("Citizens")];
        assert_eq!(citizens.kind, MentionKind::Description);
        assert!(citizens.plural);
        let udall = reading.mention_entity[index("Tom Udall")];
        assert!(udall.is_some());
        assert_eq!(reading.mention_entity[index("he")], udall);
        // The article capitalising the word inside a sentence keeps it a name.
        let text = "Democrats said it was late. The vote split Democrats.";
        let (_, mentions) = rules_reading(text);
        assert!(mentions
            .iter()
            .any(|m| &text[m.bytes.clone()] == "Democrats" && m.kind == MentionKind::Name));
        // A description still speaks over a phrase after it.
        let found = spoken_by(
            "Aides to the senator said the ferry would stop.",
            QuoteKind::Indirect,
        );
        assert_eq!(
            found,
            vec![("the ferry would stop".to_string(), "Aides".to_string())]
        );
    }

    #[test]
    fn a_role_in_a_named_body_is_the_name_after_it_or_someone_new() {
        let text = "Tom Udall spoke first. The director of the Harbour Trust, Ina Kirsch, told \
                    the Gazette the pier leaked. She said it was old. The leader of the Ferry \
                    Union said the pier was safe.";
        let (reading, mentions) = rules_reading(text);
        let entity =
            |wanted: &str| reading.mention_entity[mention_reading(text, &mentions, wanted)];
        // The apposition runs over the body the role is in.
        let kirsch = entity("Ina Kirsch");
        assert!(kirsch.is_some());
        assert_eq!(entity("The director"), kirsch);
        assert_eq!(entity("She"), kirsch);
        // A role in a body nobody was given before is held by someone not yet named, not
        // by the most salient person.
        let leader = entity("The leader");
        assert!(
            leader != entity("Tom Udall") && leader != kirsch,
            "{leader:?}"
        );
    }

    #[test]
    fn the_object_inside_a_phrase_after_the_subject_does_not_speak() {
        let text =
            "Republicans in the House of Representatives, by contrast, said the pier leaked.";
        assert_eq!(
            spoken_by(text, QuoteKind::Indirect),
            vec![("the pier leaked".to_string(), "Republicans".to_string())]
        );
    }

    #[test]
    fn you_know_set_off_by_punctuation_says_nothing() {
        let text =
            "Ada Moss said the pier leaked. \"Ask him,\" you know, well, you might be right.";
        assert!(
            spoken_by(text, QuoteKind::Direct)
                .iter()
                .all(|(_, speaker)| speaker != "you"),
            "{text}"
        );
        let text = "You know, the pier is old and the board has no money.";
        assert_eq!(spoken_by(text, QuoteKind::Indirect), vec![]);
    }

    #[test]
    fn a_time_before_the_verb_is_no_speaker() {
        for text in [
            "Ada Moss, who runs the ferry, last week said the pier leaked.",
            "Ada Moss a month later announced the pier leaked.",
        ] {
            assert_eq!(
                spoken_by(text, QuoteKind::Indirect),
                vec![("the pier leaked".to_string(), "Ada Moss".to_string())],
                "{text}"
            );
        }
        // A number of people is no time.
        assert_eq!(
            spoken_by("The two said the pier leaked.", QuoteKind::Indirect),
            vec![("the pier leaked".to_string(), "The two".to_string())]
        );
    }

    #[test]
    fn titles_of_opposite_genders_keep_one_surname_two_people() {
        let text = "Mr. Halloran praised the ferry. Mrs. Halloran said it was late. \
                    Mr. Halloran left. Halloran was tired.";
        let (reading, mentions) = rules_reading(text);
        let entity_of = |wanted: &str, nth: usize| {
            let m = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| &text[m.bytes.clone()] == wanted)
                .nth(nth)
                .unwrap_or_else(|| panic!("{wanted} #{nth}"))
                .0;
            reading.mention_entity[m]
        };
        let (mr, mrs) = (entity_of("Mr. Halloran", 0), entity_of("Mrs. Halloran", 0));
        assert!(mr.is_some() && mrs.is_some() && mr != mrs, "{mr:?} {mrs:?}");
        // A later title joins its own gender; a bare surname joins the first owner.
        assert_eq!(entity_of("Mr. Halloran", 1), mr);
        assert_eq!(entity_of("Halloran", 0), mr);
    }

    #[test]
    fn a_surname_that_reads_like_a_cue_word_speaks_its_quotation() {
        // "quick" is learned as a cue ("was quick to say"); "Quick" here is the speaker.
        let text = "Nora Quick spoke first. \"We are sorry,\" Quick said.";
        let direct = found(text, QuoteKind::Direct);
        assert_eq!(
            direct,
            vec![("said".to_string(), "We are sorry,".to_string())],
            "{direct:?}"
        );
    }

    #[test]
    fn the_subject_of_a_participle_is_the_sentence_subject() {
        // After a comma, the participle's speaker is the main verb's subject, not an earlier
        // adjunct's name.
        let text = "Like Rhodri Vance, Nadia Perel rejected the ferry bill, arguing that the \
                    pier was unsafe.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&("that the pier was unsafe".into(), "Nadia Perel".into())),
            "{found:?}"
        );
        // With no verb of saying before it, the participle's speaker is still the subject.
        let text = "The harbour board has long opposed the tax on Rhodri Vance, arguing that it \
                    was unfair.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&("that it was unfair".into(), "The harbour board".into())),
            "{found:?}"
        );
        // "with X yelling": X is the participle's subject, not the object before it.
        let text = "Guards pushed a heckler out, with Idris Pellow reportedly yelling: \"Take \
                    him away!\"";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            found,
            vec![("Take him away!".into(), "Idris Pellow".into())],
            "{found:?}"
        );
    }

    #[test]
    fn a_parenthesis_after_the_subject_does_not_hide_it() {
        let text = "Rep. Ada Moss (D-Ore.), who chairs a panel on trade with Chile, said that \
                    the tariffs were unfair.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            vec![(
                "that the tariffs were unfair".into(),
                "Rep. Ada Moss".into()
            )],
            "{found:?}"
        );
    }

    #[test]
    fn a_sentence_ending_on_an_attribution_after_a_closed_quotation_is_its_speakers() {
        for (text, speaker) in [
            (
                "Ada Moss said the ferry \"would never pay for itself,\" the report recalled.",
                "the report",
            ),
            (
                "Ada Moss pledged to \"keep the pier open,\" the Harbour Sentinel reported.",
                "Harbour Sentinel",
            ),
        ] {
            let found = spoken_by(text, QuoteKind::Indirect);
            assert!(
                found
                    .iter()
                    .any(|(content, m)| content.starts_with("Ada Moss") && m == speaker),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_parenthesis_right_before_the_verb_follows_the_subject() {
        let text = "In Salem, Oregon, after the vote, Rep. Ada Moss (D-Ore.), said that the \
                    tariffs were unfair.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&(
                "that the tariffs were unfair".into(),
                "Rep. Ada Moss".into()
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_subject_with_an_adjective_phrase_speaks() {
        let text = "A source familiar with the mayor's thinking said, \"She will run.\"";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            found,
            vec![("She will run.".into(), "A source".into())],
            "{found:?}"
        );
    }

    #[test]
    fn signs_and_songs_are_quoted_by_their_verbs() {
        let text = "\"Friend, the pier is ours,\" the letter read. As the Harbour Boys sang in \
                    1990, \"Row on, row on.\" Ada Moss read the report on Monday.";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            found,
            vec![
                ("Friend, the pier is ours,".into(), "the letter".into()),
                ("Row on, row on.".into(), "the Harbour Boys".into())
            ],
            "{found:?}"
        );
        assert!(reported(text).is_empty(), "{:?}", reported(text));
    }

    #[test]
    fn subjects_around_dashes_and_verbs_opening_a_sentence() {
        let text = "Said Ada Moss, who grew up by the pier, \"We were proud of it.\" Rhodri \
                    Vance — a ferry pilot from Dunmore — says he made the call. King says the \
                    pier \"will stand.\"";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            found,
            vec![("We were proud of it.".into(), "Ada Moss".into())],
            "{found:?}"
        );
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&("he made the call".into(), "Rhodri Vance".into())),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(c, m)| c.starts_with("the pier") && m == "King"),
            "{found:?}"
        );
    }

    #[test]
    fn a_coordinated_verb_takes_the_main_clauses_subject() {
        let text = "Asked whether Rhodri Vance would stay, Ada Moss shook her head and said, \
                    \"No.\"\n\nAides said the post would go.";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(found, vec![("No.".into(), "Ada Moss".into())], "{found:?}");
    }

    #[test]
    fn a_surname_ending_like_a_participle_speaks() {
        let text = "Schilling told the station: \"I never posted that.\"";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            found,
            vec![("I never posted that.".into(), "Schilling".into())],
            "{found:?}"
        );
    }

    #[test]
    fn a_participle_naming_a_new_referent_is_no_cue() {
        let text = "A voter named Ada Moss said the pier would close. A ferry firm called \
                    Tidewater Lines ran the crossing. Critics called Tidewater Lines reckless.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&("the pier would close".into(), "Ada Moss".into())),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(c, _)| c.starts_with("Ada Moss") || c.starts_with("Tidewater Lines ran")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(c, m)| c == "Tidewater Lines reckless" && m == "Critics"),
            "{found:?}"
        );
        // The description and the name it introduces are one person.
        let (reading, mentions) = rules_reading(text);
        let entity_of =
            |words: &str| reading.mention_entity[mention_reading(text, &mentions, words)];
        assert!(entity_of("A voter").is_some());
        assert_eq!(entity_of("A voter"), entity_of("Ada Moss"));
    }

    #[test]
    fn a_phrase_after_the_subject_may_hold_another() {
        let text = "People with knowledge of the firm's plans said the pier would close.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            vec![("the pier would close".into(), "People".into())],
            "{found:?}"
        );
    }

    #[test]
    fn a_party_word_before_a_plural_for_people_opens_a_description() {
        let text = "Republican councillors spoke with one voice, arguing that the pier must \
                    close.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            vec![(
                "that the pier must close".into(),
                "Republican councillors".into()
            )],
            "{found:?}"
        );
    }

    #[test]
    fn a_progressive_verb_of_saying_has_its_subject() {
        let text = "Harbour councillors are arguing that the pier must close.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            vec![(
                "that the pier must close".into(),
                "Harbour councillors".into()
            )],
            "{found:?}"
        );
        // After a verb of saying the progressive clause is what was said, whole.
        let text = "Ada Moss said she and other councillors are planning to close the pier.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&(
                "she and other councillors are planning to close the pier".into(),
                "Ada Moss".into()
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_person_noun_in_ies_or_men_heads_a_possessed_source() {
        // "allies" is the plural of "ally", not "allie"+"s": before, "the mayor's allies"
        // was no mention, and the aside had no source at all.
        let text = "The plan, the mayor's allies say, is to keep the pier open.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found
                .iter()
                .any(|(_, speaker)| speaker == "the mayor's allies"),
            "{found:?}"
        );
        let text = "The pier, the council's spokesmen said, will stay open.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found
                .iter()
                .any(|(_, speaker)| speaker == "the council's spokesmen"),
            "{found:?}"
        );
    }

    #[test]
    fn a_verb_coordinated_after_an_embedded_question_has_the_main_subject() {
        let text = "Judge Ada Moss put off deciding whether the board could question the \
                    mayor but said she would rule soon.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&("she would rule soon".into(), "Judge Ada Moss".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_participle_past_an_opening_clause_has_the_main_subject() {
        let text = "As the council hints at its plans, Mayor Ada Moss is not having any of it, \
                    immediately delivering a stark warning that the pier stays.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found
                .iter()
                .any(|(content, speaker)| content.starts_with("a stark warning")
                    && speaker == "Mayor Ada Moss"),
            "{found:?}"
        );
    }

    #[test]
    fn whoever_puts_out_a_statement_says_what_it_says() {
        let text = "The harbour board put out a statement saying the pier would stay open.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found.contains(&(
                "the pier would stay open".into(),
                "The harbour board".into()
            )),
            "{found:?}"
        );
        // A record after a preposition still speaks for itself.
        let text = "Moss pointed to a statement saying the pier would stay open.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert!(
            found
                .iter()
                .any(|(content, speaker)| content == "the pier would stay open"
                    && speaker == "a statement"),
            "{found:?}"
        );
    }

    #[test]
    fn both_opens_a_plural_description() {
        let text =
            "Both parents stiffened their stand on the plan, saying the pier must stay open.";
        let found = spoken_by(text, QuoteKind::Indirect);
        assert_eq!(
            found,
            vec![("the pier must stay open".into(), "Both parents".into())],
            "{found:?}"
        );
        // Two people named, or no plural noun: no description.
        let lex = Lexicon::new();
        for (text, not_wanted) in [
            (
                "It drew both former Mayor Ada Moss and her rival to the pier.",
                "both former Mayor",
            ),
            (
                "Both want government to keep the pier.",
                "Both want government",
            ),
        ] {
            let doc = Doc::new(text, &lex);
            let mentions = crate::mentions::find(&doc, &lex);
            assert!(
                mentions
                    .iter()
                    .all(|m| !text[m.bytes.clone()].starts_with(not_wanted)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_capitalised_word_after_a_quotation_is_no_inverted_verb() {
        // "State" here names a department; read as the verb "state", it had made
        // "spokesman Ada Moss said Friday" a phrase that hid the real verb.
        let text = "\"We will comply,\" State spokesman Ada Moss said Friday.";
        let found = spoken_by(text, QuoteKind::Direct);
        assert_eq!(
            found,
            vec![("We will comply,".into(), "State spokesman Ada Moss".into())],
            "{found:?}"
        );
    }

    #[test]
    fn a_relative_who_speaks_for_the_people_it_stands_for() {
        for (text, antecedent) in [
            (
                "The council heard from harbour pilots, who said the pier was unsafe.",
                "harbour pilots",
            ),
            // After a complement, the person described, not the complement.
            (
                "The dockers backed the chair of the harbour board, who said the pier was \
                 unsafe.",
                "the chair",
            ),
            // A plural after a name lists more people; it is no second name for them.
            (
                "The rally drew Ada Moss, dockers who said the pier was unsafe, and many more.",
                "dockers",
            ),
        ] {
            let (reading, mentions) = rules_reading(text);
            let q = reading
                .quotes
                .iter()
                .find(|q| text[q.content.clone()].starts_with("the pier"))
                .unwrap_or_else(|| panic!("{text}: no reported speech"));
            let phrase = mentions
                .iter()
                .position(|m| &text[m.bytes.clone()] == antecedent)
                .unwrap_or_else(|| panic!("{text}: no mention {antecedent:?}"));
            assert!(q.entity.is_some(), "{text}");
            assert_eq!(q.entity, reading.mention_entity[phrase], "{text}");
        }
    }
}
