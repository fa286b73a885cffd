//! Gold attributions as the evaluation files carry them, read with the reference scorer's
//! leniency: a missing `kind` is indirect, missing or empty `parts` mean the outer bounds, a
//! numeric `id` is compared as its decimal text.

use saywho_model::QuoteKind;
use serde::{Deserialize, Deserializer};

/// Why a gold record cannot be scored.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GoldError {
    /// The source has a start but no end, so it cannot be compared with a predicted mention.
    #[error("quotation at {start}..{end}: 'speaker_start' is given without 'speaker_end'")]
    SpeakerEndMissing {
        /// Start of the quotation's content.
        start: usize,
        /// End of the quotation's content.
        end: usize,
    },
}

/// One annotated article: its text and every attribution in it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GoldArticle {
    /// Joins the article to its predictions.
    #[serde(deserialize_with = "id_text")]
    pub id: String,
    /// The text every offset points into.
    pub text: String,
    /// The annotated attributions (`null` or absent: none).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub quotes: Vec<GoldQuote>,
}

/// One annotated attribution: content, kind and source.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RawGoldQuote")]
pub struct GoldQuote {
    /// Outer start of the content (code points).
    pub start: usize,
    /// Outer end of the content, exclusive.
    pub end: usize,
    /// Direct, partial or indirect; `None` for any other label, which then counts only in
    /// the "all" group, as in the reference scorer.
    pub kind: Option<QuoteKind>,
    /// The source text as annotated: a name, a pronoun or a description; `None` when the
    /// attribution has no source.
    pub speaker: Option<String>,
    /// Start of the source span; without it the attribution has no source.
    pub speaker_start: Option<usize>,
    /// End of the source span, exclusive.
    pub speaker_end: Option<usize>,
    /// The fragments of a discontinuous content; empty means `start..end`.
    pub parts: Vec<(usize, usize)>,
}

impl GoldQuote {
    /// The source span, when there is a source.
    pub(crate) fn speaker_span(&self) -> Option<(usize, usize)> {
        self.speaker_start.zip(self.speaker_end)
    }
}

/// The record as written, before the checks of [`GoldQuote`].
#[derive(Deserialize)]
struct RawGoldQuote {
    start: usize,
    end: usize,
    #[serde(default = "indirect")]
    kind: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    speaker_start: Option<usize>,
    #[serde(default)]
    speaker_end: Option<usize>,
    #[serde(default)]
    parts: Option<Vec<(usize, usize)>>,
}

fn indirect() -> Option<String> {
    Some("indirect".to_string())
}

impl TryFrom<RawGoldQuote> for GoldQuote {
    type Error = GoldError;

    fn try_from(raw: RawGoldQuote) -> Result<Self, GoldError> {
        if raw.speaker_start.is_some() && raw.speaker_end.is_none() {
            return Err(GoldError::SpeakerEndMissing {
                start: raw.start,
                end: raw.end,
            });
        }
        let kind = match raw.kind.as_deref() {
            Some("direct") => Some(QuoteKind::Direct),
            Some("partial") => Some(QuoteKind::Partial),
            Some("indirect") => Some(QuoteKind::Indirect),
            _ => None,
        };
        Ok(GoldQuote {
            start: raw.start,
            end: raw.end,
            kind,
            speaker: raw.speaker,
            speaker_start: raw.speaker_start,
            speaker_end: raw.speaker_end,
            parts: raw.parts.unwrap_or_default(),
        })
    }
}

/// An id written as a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

fn id_text<'de, D: Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    Ok(match Id::deserialize(de)? {
        Id::Text(text) => text,
        Id::Number(n) => n.to_string(),
    })
}

fn null_as_empty<'de, D: Deserializer<'de>>(de: D) -> Result<Vec<GoldQuote>, D::Error> {
    Ok(Option::<Vec<GoldQuote>>::deserialize(de)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Result<GoldArticle, serde_json::Error> {
        serde_json::from_str(line)
    }

    #[test]
    fn reads_records_leniently() {
        let a = parse(
            r#"{"id": 12, "text": "x", "split": "dev", "quotes": [
                {"start": 0, "end": 1, "speaker": null},
                {"start": 0, "end": 1, "kind": "direct", "speaker": "Ann", "speaker_start": 3,
                 "speaker_end": 6, "parts": [[0, 1], [2, 3]], "cue": "said"},
                {"start": 0, "end": 1, "kind": "quoted", "parts": []}]}"#,
        )
        .unwrap();
        assert_eq!(a.id, "12");
        assert_eq!(a.quotes[0].kind, Some(QuoteKind::Indirect));
        assert_eq!(a.quotes[0].speaker_span(), None);
        assert_eq!(a.quotes[1].kind, Some(QuoteKind::Direct));
        assert_eq!(a.quotes[1].speaker_span(), Some((3, 6)));
        assert_eq!(a.quotes[1].parts, vec![(0, 1), (2, 3)]);
        assert_eq!(a.quotes[2].kind, None);
        assert!(a.quotes[2].parts.is_empty());
        assert!(parse(r#"{"id": "n", "text": "", "quotes": null}"#)
            .unwrap()
            .quotes
            .is_empty());
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let err = parse(
            r#"{"id": "a", "text": "t", "quotes": [{"start": 0, "end": 2, "speaker_start": 1}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("'speaker_start' is given without 'speaker_end'"),
            "{err}"
        );
        let err = parse(r#"{"id": "a", "quotes": []}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing field `text`"), "{err}");
        let err = parse(r#"{"id": "a", "text": "t", "quotes": [{"start": -1, "end": 2}]}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid value"), "{err}");
    }
}
