//! The domain types every stage of saywho speaks: an [`Article`] goes in, an [`Analysis`]
//! (quotations, mentions, entities) comes out, and the corpus stages add [`Person`] and
//! [`Story`]. Spans are character (Unicode code point) offsets into the article text, never
//! copies of it, so every stage can point back at the source.
//!
//! This crate holds data and the few conversions that belong to the data itself; it does no I/O.

mod article;
mod span;
mod view;

pub use article::{outlet, Article, ArticleMeta, RELATED_MARKERS};
pub use span::{CharIndex, Span};
pub use view::{AnalysisView, EntityView, MentionView, QuotationView, SpanText, SpeakerView};

use serde::{Deserialize, Serialize};

/// How a quotation reproduces the speaker's words: the distinction readers care about when
/// judging how faithful a report is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The whole content stands inside quotation marks.
    Direct,
    /// A quoted fragment woven into the reporter's own sentence.
    Partial,
    /// Reported speech: the reporter's paraphrase, no marks.
    Indirect,
}

impl QuoteKind {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// What kind of thing an entity is; organisations speak too ("the White House said").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A human being.
    Person,
    /// A company, party, government body, newspaper, union.
    Organization,
    /// Anything else that is quoted as a source (a report, a statement).
    Other,
}

/// How a mention refers to its entity; resolution rules differ for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name, possibly with a title ("Mr Galloway", "Ed Miliband").
    Name,
    /// A description ("the Labour leader", "the backbencher").
    Description,
    /// A personal pronoun ("he", "she", "they").
    Pronoun,
}

/// One place in the article that refers to an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where the mention stands in the text.
    pub span: Span,
    /// Name, description or pronoun.
    pub kind: MentionKind,
    /// Index into [`Analysis::entities`] of the entity it refers to, once resolved.
    pub entity: Option<usize>,
}

/// One person or organisation of an article, with every way the article refers to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The fullest name the article gives ("George Galloway", not "Galloway").
    pub name: String,
    /// Person, organisation or other.
    pub entity_type: EntityType,
    /// Indices into [`Analysis::mentions`], in text order.
    pub mentions: Vec<usize>,
}

/// Who a quotation is attributed to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// Index into [`Analysis::entities`], when the speaker is an entity of the article.
    pub entity: Option<usize>,
    /// Index into [`Analysis::mentions`] of the mention the cue binds ("he", "the Labour leader").
    pub mention: Option<usize>,
}

/// A quotation or a piece of reported speech, attributed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quotation {
    /// The content: between the marks for direct and partial quotations, the reported clause
    /// for indirect ones. A multi-paragraph quotation is one span.
    pub span: Span,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The words that introduce it ("said", "according to", "tweeted:"), when there are any.
    pub cue: Option<Span>,
    /// Who said it; empty when the article does not say.
    pub speaker: Speaker,
    /// How sure the analyzer is, from 0 to 1.
    pub confidence: f32,
}

/// Everything the analyzer finds in one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Quotations in text order.
    pub quotes: Vec<Quotation>,
    /// Mentions of people and organisations in text order.
    pub mentions: Vec<Mention>,
    /// Entities, each gathering its mentions.
    pub entities: Vec<Entity>,
}

impl Analysis {
    /// The entity a quotation is attributed to, if any.
    pub fn speaker_entity(&self, quote: &Quotation) -> Option<&Entity> {
        quote.speaker.entity.and_then(|e| self.entities.get(e))
    }

    /// The mention whose text names a quotation's speaker when no entity does: the one the
    /// cue binds, unless it is a pronoun ("she" resolved to nobody names nobody).
    pub fn naming_mention(&self, quote: &Quotation) -> Option<&Mention> {
        quote
            .speaker
            .mention
            .and_then(|m| self.mentions.get(m))
            .filter(|m| m.kind != MentionKind::Pronoun)
    }
}

/// A person as known across the corpus: one identity behind the entities of many articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Stable identifier within a store.
    pub id: i64,
    /// The fullest name seen.
    pub name: String,
    /// Every other name and description seen for them.
    pub aliases: Vec<String>,
}

/// Articles from any outlet about one real-world event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable identifier within a store or a run.
    pub id: i64,
    /// A short human label (the most telling title or words).
    pub label: String,
    /// The ids of the member articles.
    pub articles: Vec<String>,
}
