//! The invariants of an analysis and of a read document.

use saywho_model::{Analysis, QuoteKind, Span};
use saywho_read::Document;

/// Checks what every analysis of `text` must satisfy, returning the first broken promise:
/// spans inside the text and not empty, quotations sorted and never overlapping another of
/// their kind, every speaker, mention and entity index pointing at something that points back,
/// confidences in `0..=1`.
///
/// Spans are code-point offsets, so "inside the text" also means on character boundaries: a
/// span that passes here slices the text at boundaries by construction.
pub fn check_analysis(text: &str, analysis: &Analysis) -> Result<(), String> {
    let chars = text.chars().count();
    let inside = |what: &str, span: Span| -> Result<(), String> {
        if span.start > span.end || span.end > chars {
            return Err(format!(
                "{what} span {}..{} outside the text's {chars} code points",
                span.start, span.end
            ));
        }
        Ok(())
    };
    for (i, q) in analysis.quotes.iter().enumerate() {
        inside(&format!("quotation {i}"), q.span)?;
        if q.span.is_empty() {
            return Err(format!("quotation {i} is empty"));
        }
        if let Some(cue) = q.cue {
            inside(&format!("cue of quotation {i}"), cue)?;
        }
        if !(0.0..=1.0).contains(&q.confidence) {
            return Err(format!("quotation {i} has confidence {}", q.confidence));
        }
        if let Some(e) = q.speaker.entity {
            if e >= analysis.entities.len() {
                return Err(format!(
                    "quotation {i} names entity {e}, which does not exist"
                ));
            }
        }
        if let Some(m) = q.speaker.mention {
            let Some(mention) = analysis.mentions.get(m) else {
                return Err(format!(
                    "quotation {i} names mention {m}, which does not exist"
                ));
            };
            if mention.entity.is_some() && mention.entity != q.speaker.entity {
                return Err(format!(
                    "quotation {i}: speaker mention {m} belongs to entity {:?}, the speaker is {:?}",
                    mention.entity, q.speaker.entity
                ));
            }
        }
    }
    for pair in analysis.quotes.windows(2) {
        if (pair[0].span.start, pair[0].span.end) > (pair[1].span.start, pair[1].span.end) {
            return Err("quotations are not in text order".into());
        }
    }
    for kind in [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect] {
        let spans: Vec<Span> = analysis
            .quotes
            .iter()
            .filter(|q| q.kind == kind)
            .map(|q| q.span)
            .collect();
        // Sorted by start: each span must start after the furthest end seen so far.
        let mut furthest: Option<Span> = None;
        for span in spans {
            if let Some(f) = furthest {
                if span.start < f.end {
                    return Err(format!(
                        "{} quotations overlap: {}..{} and {}..{}",
                        kind.as_str(),
                        f.start,
                        f.end,
                        span.start,
                        span.end
                    ));
                }
            }
            let reaches_further = match furthest {
                Some(f) => span.end > f.end,
                None => true,
            };
            if reaches_further {
                furthest = Some(span);
            }
        }
    }
    for (i, m) in analysis.mentions.iter().enumerate() {
        inside(&format!("mention {i}"), m.span)?;
        if m.span.is_empty() {
            return Err(format!("mention {i} is empty"));
        }
        if let Some(e) = m.entity {
            let Some(entity) = analysis.entities.get(e) else {
                return Err(format!(
                    "mention {i} names entity {e}, which does not exist"
                ));
            };
            if !entity.mentions.contains(&i) {
                return Err(format!("mention {i} is not among entity {e}'s mentions"));
            }
        }
    }
    for (e, entity) in analysis.entities.iter().enumerate() {
        if entity.name.trim().is_empty() {
            return Err(format!("entity {e} has no name"));
        }
        for &m in &entity.mentions {
            if analysis.mentions.get(m).and_then(|m| m.entity) != Some(e) {
                return Err(format!(
                    "entity {e} lists mention {m}, which does not point back"
                ));
            }
        }
    }
    Ok(())
}

/// Checks a document as a reader yields it: paragraphs inside the text, in order, apart and
/// not empty.
pub fn check_document(doc: &Document) -> Result<(), String> {
    let chars = doc.article.text.chars().count();
    let mut last_end = 0;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if p.span.start > p.span.end || p.span.end > chars {
            return Err(format!(
                "paragraph {i} span {}..{} outside the text's {chars} code points",
                p.span.start, p.span.end
            ));
        }
        if p.span.is_empty() {
            return Err(format!("paragraph {i} is empty"));
        }
        if p.span.start < last_end {
            return Err(format!(
                "paragraph {i} starts before paragraph {} ends",
                i - 1
            ));
        }
        last_end = p.span.end;
    }
    Ok(())
}
