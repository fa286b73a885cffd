//! The published JSON shape of an analysis: spans resolved to their text so a reader of the
//! output needs nothing else. This is the one place that shape is defined; the CLI, the store
//! and the server all emit it.

use serde::{Deserialize, Serialize};

use crate::{Analysis, Article, ArticleMeta, CharIndex, EntityType, MentionKind, QuoteKind, Span};

/// A span with the text it covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpanText {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

impl SpanText {
    fn of(index: &CharIndex<'_>, span: Span) -> Self {
        SpanText {
            start: span.start,
            end: span.end,
            text: index.slice(span).to_string(),
        }
    }

    /// The span without its text.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// The speaker of a quotation as published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerView {
    /// The speaker entity's fullest name, or the mention's text when it is not an entity.
    pub name: Option<String>,
    /// The entity's id within this article.
    pub entity: Option<usize>,
    /// The mention the cue binds.
    pub mention: Option<SpanText>,
}

/// A quotation as published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuotationView {
    /// First code point of the content.
    pub start: usize,
    /// One past the last code point of the content.
    pub end: usize,
    /// The content.
    pub text: String,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The cue, if any.
    pub cue: Option<SpanText>,
    /// Who said it.
    pub speaker: SpeakerView,
    /// How sure the analyzer is.
    pub confidence: f32,
}

/// A mention as published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionView {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The mention's text.
    pub text: String,
    /// Name, description or pronoun.
    pub kind: MentionKind,
}

/// An entity as published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityView {
    /// Index within this article.
    pub id: usize,
    /// Fullest name.
    pub name: String,
    /// Person, organisation or other.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Every mention, in text order.
    pub mentions: Vec<MentionView>,
}

/// One article's analysis as published: one JSON line of `saywho analyze --format jsonl`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalysisView {
    /// The article's id.
    pub id: String,
    /// Title, outlet, URL, date when known.
    #[serde(flatten)]
    pub meta: ArticleMeta,
    /// Quotations in text order.
    pub quotes: Vec<QuotationView>,
    /// Entities with their mentions.
    pub entities: Vec<EntityView>,
}

impl AnalysisView {
    /// Resolves every span of `analysis` against `article`'s text.
    pub fn new(article: &Article, analysis: &Analysis) -> Self {
        let index = CharIndex::new(&article.text);
        let mention_text = |m: usize| SpanText::of(&index, analysis.mentions[m].span);
        let quotes = analysis
            .quotes
            .iter()
            .map(|q| {
                let mention = q.speaker.mention.map(mention_text);
                let name = analysis
                    .speaker_entity(q)
                    .map(|e| e.name.clone())
                    .or_else(|| mention.as_ref().map(|m| m.text.clone()));
                QuotationView {
                    start: q.span.start,
                    end: q.span.end,
                    text: index.slice(q.span).to_string(),
                    kind: q.kind,
                    cue: q.cue.map(|c| SpanText::of(&index, c)),
                    speaker: SpeakerView {
                        name,
                        entity: q.speaker.entity,
                        mention,
                    },
                    confidence: (q.confidence * 1000.0).round() / 1000.0,
                }
            })
            .collect();
        let entities = analysis
            .entities
            .iter()
            .enumerate()
            .map(|(id, e)| EntityView {
                id,
                name: e.name.clone(),
                entity_type: e.entity_type,
                mentions: e
                    .mentions
                    .iter()
                    .map(|&m| {
                        let mention = &analysis.mentions[m];
                        let st = SpanText::of(&index, mention.span);
                        MentionView {
                            start: st.start,
                            end: st.end,
                            text: st.text,
                            kind: mention.kind,
                        }
                    })
                    .collect(),
            })
            .collect();
        AnalysisView {
            id: article.id.clone(),
            meta: article.meta.clone(),
            quotes,
            entities,
        }
    }
}
