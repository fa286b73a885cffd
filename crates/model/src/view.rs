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
    /// The speaker entity's fullest name, or the mention's text when it is not an entity
    /// (unless it is a pronoun, which names nobody).
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
                    .or_else(|| {
                        analysis
                            .naming_mention(q)
                            .map(|m| index.slice(m.span).to_string())
                    });
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

impl AnalysisView {
    /// Writes exactly what `serde_json::to_writer(out, &AnalysisView::new(article, analysis))`
    /// writes, without building the view: copying every span's text into owned strings and
    /// serializing them through serde cost `saywho analyze` a tenth of its time. A test holds
    /// the two to the same bytes.
    pub fn write_json(article: &Article, analysis: &Analysis, out: &mut Vec<u8>) {
        let index = CharIndex::new(&article.text);
        out.extend_from_slice(b"{\"id\":");
        json::string(out, &article.id);
        // The metadata fields are flattened into the object, as serde's `flatten` does.
        let meta = serde_json::to_vec(&article.meta).unwrap_or_else(|_| b"{}".to_vec());
        if meta.len() > 2 {
            out.push(b',');
            out.extend_from_slice(&meta[1..meta.len() - 1]);
        }
        out.extend_from_slice(b",\"quotes\":[");
        for (n, q) in analysis.quotes.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            json::span_fields(out, &index, q.span);
            out.extend_from_slice(b",\"kind\":");
            json::serde(out, &q.kind);
            out.extend_from_slice(b",\"cue\":");
            match q.cue {
                Some(cue) => json::span_text(out, &index, cue),
                None => out.extend_from_slice(b"null"),
            }
            let mention = q.speaker.mention.map(|m| analysis.mentions[m].span);
            out.extend_from_slice(b",\"speaker\":{\"name\":");
            match (analysis.speaker_entity(q), analysis.naming_mention(q)) {
                (Some(entity), _) => json::string(out, &entity.name),
                (None, Some(named)) => json::string(out, index.slice(named.span)),
                (None, None) => out.extend_from_slice(b"null"),
            }
            out.extend_from_slice(b",\"entity\":");
            match q.speaker.entity {
                Some(entity) => json::number(out, entity),
                None => out.extend_from_slice(b"null"),
            }
            out.extend_from_slice(b",\"mention\":");
            match mention {
                Some(span) => json::span_text(out, &index, span),
                None => out.extend_from_slice(b"null"),
            }
            out.extend_from_slice(b"},\"confidence\":");
            json::serde(out, &((q.confidence * 1000.0).round() / 1000.0));
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"entities\":[");
        for (id, e) in analysis.entities.iter().enumerate() {
            if id > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"id\":");
            json::number(out, id);
            out.extend_from_slice(b",\"name\":");
            json::string(out, &e.name);
            out.extend_from_slice(b",\"type\":");
            json::serde(out, &e.entity_type);
            out.extend_from_slice(b",\"mentions\":[");
            for (n, &m) in e.mentions.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                let mention = &analysis.mentions[m];
                json::span_fields(out, &index, mention.span);
                out.extend_from_slice(b",\"kind\":");
                json::serde(out, &mention.kind);
                out.push(b'}');
            }
            out.extend_from_slice(b"]}");
        }
        out.extend_from_slice(b"]}");
    }
}

/// The pieces [`AnalysisView::write_json`] writes, each as serde_json writes it.
mod json {
    use crate::{CharIndex, Span};

    /// `{"start":…,"end":…,"text":"…"}`.
    pub(super) fn span_text(out: &mut Vec<u8>, index: &CharIndex<'_>, span: Span) {
        span_fields(out, index, span);
        out.push(b'}');
    }

    /// `{"start":…,"end":…,"text":"…"`, left open for more fields.
    pub(super) fn span_fields(out: &mut Vec<u8>, index: &CharIndex<'_>, span: Span) {
        out.extend_from_slice(b"{\"start\":");
        number(out, span.start);
        out.extend_from_slice(b",\"end\":");
        number(out, span.end);
        out.extend_from_slice(b",\"text\":");
        string(out, index.slice(span));
    }

    pub(super) fn number(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// A value whose few bytes serde writes best (enum names, floats).
    pub(super) fn serde(out: &mut Vec<u8>, value: &impl serde::Serialize) {
        // Writing to a Vec cannot fail, and these values always serialize.
        let _ = serde_json::to_writer(&mut *out, value);
    }

    /// A JSON string, escaped as serde_json escapes: `"` and `\`, and control characters as
    /// `\b \t \n \f \r` or `\u00XX`; everything else as it is.
    pub(super) fn string(out: &mut Vec<u8>, s: &str) {
        out.push(b'"');
        let bytes = s.as_bytes();
        let mut clean = 0; // start of the run not yet written
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time while none of them needs escaping.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                if !needs_escape(word) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0..=0x1f => {
                    out.extend_from_slice(&bytes[clean..i]);
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(b >> 4)]);
                    out.push(HEX[usize::from(b & 0xf)]);
                    i += 1;
                    clean = i;
                    continue;
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            out.extend_from_slice(&bytes[clean..i]);
            out.extend_from_slice(escape);
            i += 1;
            clean = i;
        }
        out.extend_from_slice(&bytes[clean..]);
        out.push(b'"');
    }

    /// Whether any of eight bytes is a control character, `"` or `\`.
    fn needs_escape(word: u64) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGHS;
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        (below(word, 0x20) | below(quote, 1) | below(backslash, 1)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, Mention, Quotation, Speaker};

    #[test]
    fn the_direct_writer_matches_serde_on_awkward_text() {
        // Quotes, backslashes, control characters, multi-byte letters and an emoji, at and
        // across eight-byte boundaries.
        let text =
            "He said \"a\\b\u{1}c\ttab\u{7f}\" then é😀 \u{1f}x and more words here.\nNew line";
        let mut article = Article::new("id \"1\"", text);
        article.meta.source = Some("Src\u{2}".into());
        article.meta.date = Some("2026-11-27".into());
        let span = |a, b| Span::new(a, b);
        let analysis = Analysis {
            quotes: vec![
                Quotation {
                    span: span(9, 20),
                    kind: QuoteKind::Direct,
                    cue: Some(span(3, 7)),
                    speaker: Speaker {
                        entity: Some(0),
                        mention: Some(0),
                    },
                    confidence: 0.123_456,
                },
                Quotation {
                    span: span(22, 60),
                    kind: QuoteKind::Indirect,
                    cue: None,
                    speaker: Speaker {
                        entity: None,
                        mention: Some(1),
                    },
                    confidence: f32::NAN,
                },
                Quotation {
                    span: span(61, 69),
                    kind: QuoteKind::Partial,
                    cue: None,
                    speaker: Speaker::default(),
                    confidence: 1.0,
                },
            ],
            mentions: vec![
                Mention {
                    span: span(0, 2),
                    kind: MentionKind::Pronoun,
                    entity: Some(0),
                },
                Mention {
                    span: span(27, 29),
                    kind: MentionKind::Name,
                    entity: None,
                },
            ],
            entities: vec![
                Entity {
                    name: "Hé \"Him\"".into(),
                    entity_type: EntityType::Person,
                    mentions: vec![0],
                },
                Entity {
                    name: String::new(),
                    entity_type: EntityType::Organization,
                    mentions: vec![],
                },
            ],
        };
        let mut direct = Vec::new();
        AnalysisView::write_json(&article, &analysis, &mut direct);
        let serde = serde_json::to_vec(&AnalysisView::new(&article, &analysis)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&direct),
            String::from_utf8_lossy(&serde)
        );
    }

    #[test]
    fn a_pronoun_that_resolved_to_nobody_is_shown_but_names_nobody() {
        let article = Article::new("a", "\"We won,\" she said.");
        let analysis = Analysis {
            quotes: vec![Quotation {
                span: Span::new(1, 8),
                kind: QuoteKind::Direct,
                cue: Some(Span::new(14, 18)),
                speaker: Speaker {
                    entity: None,
                    mention: Some(0),
                },
                confidence: 0.9,
            }],
            mentions: vec![Mention {
                span: Span::new(10, 13),
                kind: MentionKind::Pronoun,
                entity: None,
            }],
            entities: vec![],
        };
        let view = AnalysisView::new(&article, &analysis);
        assert_eq!(view.quotes[0].speaker.name, None);
        assert_eq!(
            view.quotes[0]
                .speaker
                .mention
                .as_ref()
                .map(|m| m.text.as_str()),
            Some("she")
        );
        let mut direct = Vec::new();
        AnalysisView::write_json(&article, &analysis, &mut direct);
        assert_eq!(direct, serde_json::to_vec(&view).unwrap());
    }
}
