//! The human-readable report: per article, each speaker with what they said.

use std::io::{self, Write};

use saywho_model::{AnalysisView, QuoteKind};

/// Writes one article's quotations grouped by speaker, speakers in order of first quotation.
pub fn write_article(out: &mut impl Write, view: &AnalysisView) -> io::Result<()> {
    let title = view.meta.title.as_deref().unwrap_or("");
    writeln!(out, "== {} {}", view.id, title)?;
    if view.quotes.is_empty() {
        writeln!(out, "   (no quotations found)")?;
    }
    let mut speakers: Vec<Option<String>> = Vec::new();
    for q in &view.quotes {
        if !speakers.contains(&q.speaker.name) {
            speakers.push(q.speaker.name.clone());
        }
    }
    for speaker in &speakers {
        let label = speaker.as_deref().unwrap_or("(unattributed)");
        let count = view
            .quotes
            .iter()
            .filter(|q| &q.speaker.name == speaker)
            .count();
        writeln!(out, "\n   {label} ({count})")?;
        for q in view.quotes.iter().filter(|q| &q.speaker.name == speaker) {
            let via = q
                .speaker
                .mention
                .as_ref()
                .filter(|m| Some(&m.text) != speaker.as_ref())
                .map(|m| format!(" [as \"{}\"]", m.text))
                .unwrap_or_default();
            let cue = q
                .cue
                .as_ref()
                .map(|c| format!(" ({})", c.text))
                .unwrap_or_default();
            let text = one_line(&q.text, 300);
            match q.kind {
                QuoteKind::Indirect => writeln!(out, "     ~ {text}{cue}{via}")?,
                QuoteKind::Partial => writeln!(out, "     … “{text}”{cue}{via}")?,
                QuoteKind::Direct => writeln!(out, "     “{text}”{cue}{via}")?,
            }
        }
    }
    writeln!(out)?;
    Ok(())
}

/// Collapses whitespace and shortens long text at a character boundary.
fn one_line(text: &str, max_chars: usize) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= max_chars {
        return joined;
    }
    let cut: String = joined.chars().take(max_chars).collect();
    format!("{cut}…")
}
