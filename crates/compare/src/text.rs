//! Text helpers: words with positions, sentence bounds, and the loose matching that recognises
//! one quotation in two outlets' punctuation.

use std::collections::HashSet;

use saywho_model::Span;

use crate::lexicon;

/// A word of the article with its code-point position.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    pub capitalised: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The words of `chars[range]`, possessive `'s` dropped from what they are compared as.
pub(crate) fn words(chars: &[char], range: Span) -> Vec<Word> {
    let end = range.end.min(chars.len());
    let mut out = Vec::new();
    let mut i = range.start.min(end);
    while i < end {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < end && is_word_char(chars[i]) {
            i += 1;
        }
        let mut text: String = chars[start..i].iter().collect();
        while text.ends_with(['\'', '’', '-']) {
            text.pop();
        }
        let base = text
            .strip_suffix("'s")
            .or_else(|| text.strip_suffix("’s"))
            .unwrap_or(&text)
            .to_string();
        let lower = base.to_lowercase().replace('’', "'");
        out.push(Word {
            start,
            end: start + text.chars().count(),
            capitalised: base.chars().next().is_some_and(char::is_uppercase),
            text,
            lower,
        });
    }
    out
}

/// The sentence (or sentences) holding `span`: back to the previous sentence end or line
/// break, forward to the next. Bounded so a text without punctuation stays cheap.
pub(crate) fn sentence_around(chars: &[char], span: Span) -> Span {
    const REACH: usize = 400;
    let n = chars.len();
    let qs = span.start.min(n);
    let qe = span.end.min(n);
    let mut start = qs;
    let floor = qs.saturating_sub(REACH);
    while start > floor {
        let c = chars[start - 1];
        if c == '\n' {
            break;
        }
        if matches!(c, '.' | '!' | '?')
            && start < n
            && chars[start].is_whitespace()
            && !after_abbreviation(chars, start - 1)
        {
            break;
        }
        start -= 1;
    }
    while start < qs && chars[start].is_whitespace() {
        start += 1;
    }
    // A quotation that ends its own sentence ends the context too.
    let last = chars[qs..qe].iter().rev().find(|c| !c.is_whitespace());
    if matches!(last, Some('.' | '!' | '?')) {
        let mut end = qe;
        while end < n && matches!(chars[end], '"' | '”' | '’' | '\'' | ')') {
            end += 1;
        }
        return Span::new(start, end);
    }
    let mut end = qe;
    let ceiling = (qe + REACH).min(n);
    while end < ceiling {
        let c = chars[end];
        if c == '\n' {
            break;
        }
        end += 1;
        if matches!(c, '.' | '!' | '?')
            && (end >= n || chars[end].is_whitespace())
            && !after_abbreviation(chars, end - 1)
        {
            break;
        }
    }
    Span::new(start, end)
}

/// True when the full stop at `dot` closes a title like "Mr." rather than a sentence.
fn after_abbreviation(chars: &[char], dot: usize) -> bool {
    let mut s = dot;
    while s > 0 && chars[s - 1].is_alphabetic() {
        s -= 1;
    }
    let word: String = chars[s..dot].iter().collect::<String>().to_lowercase();
    matches!(
        word.as_str(),
        "mr" | "mrs" | "ms" | "dr" | "st" | "prof" | "gen" | "sen" | "rep" | "gov" | "jr" | "sr"
    ) || word.chars().count() == 1
}

/// Lower-case words with punctuation gone: what two versions of a quotation are compared on.
pub(crate) fn normal_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Content words (no stopwords, at least three letters), for "about the same thing".
pub(crate) fn content_words(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    normal_tokens(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && !lexicon::STOPWORDS.contains(&w.as_str()))
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

/// True when two quotations are the same words, one perhaps trimmed or re-punctuated: the
/// shorter appears whole inside the longer, or most of its word pairs do.
pub(crate) fn same_words(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 {
        return false;
    }
    if long.windows(short.len()).any(|w| w == short) {
        return true;
    }
    if short.len() < 5 {
        return false;
    }
    let pairs = |t: &[String]| -> HashSet<(String, String)> {
        t.windows(2).map(|w| (w[0].clone(), w[1].clone())).collect()
    };
    let (ps, pl) = (pairs(short), pairs(long));
    let common = ps.intersection(&pl).count();
    common * 10 >= ps.len() * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        normal_tokens(s)
    }

    #[test]
    fn trimmed_and_repunctuated_quotations_match() {
        let a = toks("It was an outrage - £10m for a partisan political exercise at a time when");
        let b = toks("it was an outrage, £10m for a partisan political exercise");
        assert!(same_words(&a, &b));
        let c = toks("It was an outrage: £10m for a partisan political exercise at the time when");
        assert!(same_words(&a, &c));
        assert!(!same_words(&a, &toks("A partisan time")));
        assert!(!same_words(&toks("awful"), &toks("awful")));
    }

    #[test]
    fn sentences_stop_at_full_stops_but_not_titles() {
        let text: Vec<char> = "First one. Mr. Smith said \"no way\" today. Next."
            .chars()
            .collect();
        let q = Span::new(27, 34);
        let s = sentence_around(&text, q);
        let got: String = text[s.start..s.end].iter().collect();
        assert_eq!(got, "Mr. Smith said \"no way\" today.");
    }

    #[test]
    fn words_keep_positions_and_drop_possessives() {
        let text: Vec<char> = "Miliband's claim isn't".chars().collect();
        let w = words(&text, Span::new(0, text.len()));
        assert_eq!(w[0].lower, "miliband");
        assert!(w[0].capitalised);
        assert_eq!(w[2].lower, "isn't");
        assert_eq!((w[1].start, w[1].end), (11, 16));
    }
}
