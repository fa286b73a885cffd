//! The analysed form of one text that every later stage reads: paragraphs, tokens with their
//! lower-case forms, quoted regions, reporter-level sentences and headings.

use std::ops::Range;

use crate::lexicon::Lexicon;
use crate::quotes::{self, QuoteRegion};
use crate::tokens::{self, Token, TokenKind};

/// No quoted region.
pub const NO_REGION: u32 = u32::MAX;

/// One text, segmented.
#[derive(Debug)]
pub struct Doc<'t> {
    /// The article text.
    pub text: &'t str,
    /// Byte ranges of paragraphs.
    pub paragraphs: Vec<Range<usize>>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    lower_arena: String,
    lower_spans: Vec<(u32, u32)>,
    /// Quoted regions in order of their opening mark.
    pub regions: Vec<QuoteRegion>,
    /// For each token, the region it lies in (marks included), or [`NO_REGION`].
    pub region_of: Vec<u32>,
    /// Token ranges of sentences, split only at sentence ends outside quotations, so a
    /// quotation and its attribution stay in one sentence.
    pub sentences: Vec<Range<usize>>,
    /// For each token, its sentence.
    pub sentence_of: Vec<u32>,
    /// For each paragraph, true when it is a headline, sub-heading or "related" line.
    pub heading: Vec<bool>,
    /// For each paragraph, true when it is a heading that links to other stories: a marker
    /// ("Related", "Read more:") and the headings after it, or the run of headings that ends
    /// the article. What they report is another article's, so no quotation is read there.
    pub links: Vec<bool>,
}

impl<'t> Doc<'t> {
    /// Segments `text`.
    pub fn new(text: &'t str, lex: &Lexicon) -> Self {
        let paragraphs = tokens::paragraphs(text);
        let tokens = tokens::tokenize(text, &paragraphs);
        let mut lower_arena = String::with_capacity(text.len());
        let mut lower_spans = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let start = lower_arena.len() as u32;
            let word = t.text(text);
            if word.is_ascii() {
                lower_arena.push_str(word);
                lower_arena[start as usize..].make_ascii_lowercase();
            } else {
                for c in word.chars() {
                    match c {
                        '’' => lower_arena.push('\''),
                        c if c.is_ascii() => lower_arena.push(c.to_ascii_lowercase()),
                        c => lower_arena.extend(c.to_lowercase()),
                    }
                }
            }
            lower_spans.push((start, lower_arena.len() as u32));
        }
        let regions = quotes::find(text, &tokens, &paragraphs);
        let mut region_of = vec![NO_REGION; tokens.len()];
        for (r, region) in regions.iter().enumerate() {
            let end = region.close.map_or(region.inner.end, |c| c + 1);
            for slot in &mut region_of[region.open..end.min(tokens.len())] {
                if *slot == NO_REGION {
                    *slot = r as u32;
                }
            }
        }
        let mut doc = Doc {
            text,
            paragraphs,
            tokens,
            lower_arena,
            lower_spans,
            regions,
            region_of,
            sentences: Vec::new(),
            sentence_of: Vec::new(),
            heading: Vec::new(),
            links: Vec::new(),
        };
        doc.split_sentences(lex);
        doc.find_headings();
        doc
    }

    /// The lower-case form of token `i` (curly apostrophes made straight).
    pub fn lower(&self, i: usize) -> &str {
        let (a, b) = self.lower_spans[i];
        &self.lower_arena[a as usize..b as usize]
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'t str {
        self.tokens[i].text(self.text)
    }

    /// True when token `i` lies inside a quotation (or is one of its marks).
    pub fn in_quote(&self, i: usize) -> bool {
        self.region_of[i] != NO_REGION
    }

    /// True when token `i` is the punctuation character `c`.
    #[inline]
    pub fn is_punct(&self, i: usize, c: &str) -> bool {
        let token = &self.tokens[i];
        if token.kind != TokenKind::Punct {
            return false;
        }
        let bytes = &self.text.as_bytes()[token.start..token.end];
        // One byte against one byte, for the commonest marks: a string comparison there
        // called the library's memcmp for every token asked about.
        match c.as_bytes() {
            [mark] => bytes.len() == 1 && bytes[0] == *mark,
            wide => bytes == wide,
        }
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
    }

    /// True when token `i` is a dash: an em or en dash, or a hyphen standing apart. Marks are
    /// tokens of one character, so a doubled hyphen is two of them.
    pub fn is_dash(&self, i: usize) -> bool {
        ["-", "\u{2014}", "\u{2013}"]
            .iter()
            .any(|dash| self.is_punct(i, dash))
    }

    /// True when token `i` is the apostrophe of a plural possessive ("Sanders’ office",
    /// "the voters' choice"): a single mark stuck to a word in "s", outside any quotation
    /// region, before a space and a word.
    pub fn plural_possessive_mark(&self, i: usize) -> bool {
        i > 0
            && i + 1 < self.tokens.len()
            && self.tokens[i].kind == TokenKind::SingleMark
            && self.region_of[i] == NO_REGION
            && self.is_word(i - 1)
            && self.tokens[i - 1].end == self.tokens[i].start
            && self.lower(i - 1).ends_with('s')
            && self.is_word(i + 1)
            && self.tokens[i + 1].start > self.tokens[i].end
    }

    /// A closing mark after a full stop, followed by a new sentence rather than by the
    /// quotation's own attribution: `"It is over." Then he left.` but not `"Why?" Smith asked.`
    fn closes_quoted_sentence(&self, i: usize, lex: &Lexicon) -> bool {
        let r = self.region_of[i];
        if r == NO_REGION || self.regions[r as usize].close != Some(i) || i == 0 {
            return false;
        }
        if self.tokens[i - 1].kind != TokenKind::Punct
            || !matches!(self.word(i - 1), "." | "!" | "?")
        {
            return false;
        }
        let next = &self.tokens[i + 1];
        if next.paragraph != self.tokens[i].paragraph
            || !(next.capitalized || next.kind == TokenKind::DoubleMark)
        {
            return false;
        }
        // A fragment quoted inside a running sentence ("said the probe is \"ongoing.\""), or
        // a quotation its colon or comma introduces (`he replied: "It is not true." He said
        // ...`), has its attribution already: what follows is a new sentence.
        let open = self.regions[r as usize].open;
        let introduced = open > 1 && matches!(self.word(open - 1), ":" | ",");
        let before = if introduced {
            open - 2
        } else {
            open.saturating_sub(1)
        };
        if open > 0
            && self.tokens[before].paragraph == self.tokens[open].paragraph
            && self.tokens[before].kind == TokenKind::Word
        {
            return true;
        }
        // An attribution follows when a reporting verb comes before any punctuation.
        let mut j = i + 1;
        while j < self.tokens.len() && j <= i + 6 && self.tokens[j].paragraph == next.paragraph {
            if self.tokens[j].kind != TokenKind::Word {
                break;
            }
            if lex.cue_verb(self.lower(j)).is_some()
                || crate::cues::phrasal_cue(self, j, self.tokens.len()).is_some()
            {
                return false;
            }
            // A verb no cue list holds, in the attribution slot: `"Wow!" beamed Hartley`,
            // `"Wow!" Hartley beamed.`
            if crate::cues::slot_verb_shape(self.lower(j))
                && (j == i + 1
                    || j + 1 >= self.tokens.len()
                    || self.tokens[j + 1].kind == TokenKind::Punct)
            {
                return false;
            }
            j += 1;
        }
        true
    }

    /// True when a sentence in brackets opens or closes at token `i`: "The mood soured.
    /// (Ada Moss said ...)" ends at the full stop, "(... she said.) The vote" at the bracket.
    fn bracket_between_sentences(&self, i: usize) -> bool {
        let starts_sentence = |j: usize| {
            self.tokens[j].capitalized
                || matches!(
                    self.tokens[j].kind,
                    TokenKind::DoubleMark | TokenKind::SingleMark
                )
        };
        let full_stop = |j: usize| {
            self.tokens[j].kind == TokenKind::Punct && matches!(self.word(j), "." | "!" | "?")
        };
        if self.in_quote(i) {
            return false;
        }
        // Not a one-word bracket after an abbreviation: "RENO, Nev. (AP)".
        if full_stop(i) && self.is_punct(i + 1, "(") {
            return starts_sentence(i + 2)
                && !(i + 3 < self.tokens.len() && self.is_punct(i + 3, ")"));
        }
        // The full stop may sit inside the marks of a quotation the bracket holds.
        let before = if i >= 2 && self.tokens[i - 1].kind != TokenKind::Punct {
            i - 2
        } else {
            i.saturating_sub(1)
        };
        self.is_punct(i, ")")
            && i > 0
            && (full_stop(i - 1) || full_stop(before))
            && starts_sentence(i + 1)
    }

    fn split_sentences(&mut self, lex: &Lexicon) {
        let n = self.tokens.len();
        let mut start = 0;
        for i in 0..n {
            let last_of_paragraph =
                i + 1 == n || self.tokens[i + 1].paragraph != self.tokens[i].paragraph;
            let ends = last_of_paragraph
                || (!self.in_quote(i)
                    && self.tokens[i].kind == TokenKind::Punct
                    && matches!(self.word(i), "." | "!" | "?" | "…")
                    && {
                        let next = &self.tokens[i + 1];
                        next.capitalized
                            || next.kind == TokenKind::DoubleMark
                            || next.first_char(self.text).is_ascii_digit()
                    })
                || (!self.in_quote(i)
                    && self.is_word(i)
                    && self.word(i).ends_with('.')
                    && self.word(i).len() > 3
                    && {
                        // "the U.S." ending a sentence before a capitalised word that is not a name part.
                        let next = &self.tokens[i + 1];
                        next.capitalized
                            && matches!(
                                self.lower(i + 1),
                                "the"
                                    | "but"
                                    | "he"
                                    | "she"
                                    | "it"
                                    | "they"
                                    | "we"
                                    | "i"
                                    | "in"
                                    | "a"
                            )
                    });
            let ends = ends
                || (i + 1 < n && self.closes_quoted_sentence(i, lex))
                || (i + 2 < n && self.bracket_between_sentences(i));
            if ends {
                self.sentences.push(start..i + 1);
                start = i + 1;
            }
        }
        self.sentence_of = vec![0; n];
        for (s, range) in self.sentences.iter().enumerate() {
            for slot in &mut self.sentence_of[range.clone()] {
                *slot = s as u32;
            }
        }
    }

    fn find_headings(&mut self) {
        let mut heading = vec![false; self.paragraphs.len()];
        let mut first_token = 0;
        for (p, flag) in heading.iter_mut().enumerate() {
            let mut end = first_token;
            while end < self.tokens.len() && self.tokens[end].paragraph == p {
                end += 1;
            }
            let range = first_token..end;
            first_token = end;
            if range.is_empty() {
                continue;
            }
            // The last token that is not a quotation mark or a closing bracket: "(The access
            // was restored.)" ends on its full stop.
            let last = range.clone().rev().find(|&i| {
                !matches!(
                    self.tokens[i].kind,
                    TokenKind::DoubleMark | TokenKind::SingleMark
                ) && !matches!(self.word(i), ")" | "]")
            });
            let Some(last) = last else { continue };
            // A full stop kept inside an abbreviation ("the U.S.") ends a sentence too.
            let terminal = (self.tokens[last].kind == TokenKind::Punct
                && matches!(self.word(last), "." | "!" | "?" | ":" | ";" | "…" | ","))
                || (self.is_word(last) && self.word(last).ends_with('.'));
            let words = range.clone().filter(|&i| self.is_word(i)).count();
            *flag = !terminal && words <= 30;
        }
        self.links = links_to_other_stories(&heading, |p| {
            let span = &self.paragraphs[p];
            &self.text[span.start..span.end]
        });
        self.heading = heading;
    }

    /// The paragraph of token `i`.
    pub fn paragraph_of(&self, i: usize) -> usize {
        self.tokens[i].paragraph
    }

    /// True when token `i` stands in a heading paragraph.
    pub fn in_heading(&self, i: usize) -> bool {
        self.heading[self.tokens[i].paragraph]
    }

    /// True when token `i` stands in a heading that links to another story.
    pub fn in_links(&self, i: usize) -> bool {
        self.links[self.tokens[i].paragraph]
    }
}

/// Which heading paragraphs link to other stories: a marker heading ("Related", "Read
/// more: ...") and the headings that follow it without a body paragraph between, and the run
/// of headings that closes an article with a body (the first paragraph, its headline, never).
fn links_to_other_stories<'a>(heading: &[bool], text_of: impl Fn(usize) -> &'a str) -> Vec<bool> {
    let mut links = vec![false; heading.len()];
    let mut after_marker = false;
    for p in 0..heading.len() {
        if !heading[p] {
            after_marker = false;
            continue;
        }
        if is_link_marker(text_of(p)) {
            after_marker = true;
        }
        links[p] = after_marker;
    }
    if let Some(last_body) = heading.iter().rposition(|&h| !h) {
        for flag in links.iter_mut().skip(last_body + 1) {
            *flag = true;
        }
    }
    links
}

/// True for a heading that introduces links to other stories, alone ("Related stories") or
/// before the first of them ("Read more: Moss says ...").
fn is_link_marker(paragraph: &str) -> bool {
    let lower = paragraph.trim().to_lowercase();
    let alone = lower.trim_end_matches(':').trim_end();
    saywho_model::RELATED_MARKERS.iter().any(|m| {
        alone == *m
            || lower
                .strip_prefix(m)
                .is_some_and(|rest| rest.starts_with(':'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let doc = Doc::new(text, &Lexicon::new());
        doc.sentences
            .iter()
            .map(|r| text[doc.tokens[r.start].start..doc.tokens[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn a_sentence_in_brackets_stands_alone() {
        assert_eq!(
            sentences("The vote was close. (Ada Moss said she would stay.) The hall fell silent."),
            vec![
                "The vote was close.",
                "(Ada Moss said she would stay.)",
                "The hall fell silent."
            ]
        );
        // A bracket after an abbreviation is no sentence.
        assert_eq!(
            sentences("RENO, Nev. (AP) \u{2014} Ada Moss spoke."),
            vec!["RENO, Nev. (AP) \u{2014} Ada Moss spoke."]
        );
        // A paragraph in brackets ending on a full stop is no heading.
        let doc = Doc::new("Ada Moss spoke.\n\n(The pier was closed.)", &Lexicon::new());
        assert!(!doc.in_heading(doc.tokens.len() - 1));
    }

    #[test]
    fn the_v_of_a_court_case_ends_no_sentence() {
        assert_eq!(
            sentences("She would overturn Roe v. Wade, and she said so. He left."),
            vec![
                "She would overturn Roe v. Wade, and she said so.",
                "He left."
            ]
        );
    }

    #[test]
    fn no_before_a_number_ends_no_sentence_and_no_before_a_capital_does() {
        assert_eq!(
            sentences("The pier was No. 3 on the list. The board voted no. It closed."),
            vec![
                "The pier was No. 3 on the list.",
                "The board voted no.",
                "It closed."
            ]
        );
    }

    #[test]
    fn sentences_keep_quotations_with_their_attribution() {
        assert_eq!(
            sentences("\"It was over. We lost,\" he said. Mr. Smith left."),
            vec!["\"It was over. We lost,\" he said.", "Mr. Smith left."]
        );
    }

    #[test]
    fn a_quoted_fragment_ending_a_sentence_does_not_take_the_next_one_as_its_attribution() {
        assert_eq!(
            sentences(
                "Lynch said the probe is \u{201c}ongoing.\u{201d} He said the FBI was quiet."
            ),
            [
                "Lynch said the probe is \u{201c}ongoing.\u{201d}",
                "He said the FBI was quiet."
            ]
        );
        // A quotation opening its sentence still keeps the attribution that follows it.
        assert_eq!(
            sentences("Smith spoke. \"We lost.\" He said it twice."),
            ["Smith spoke.", "\"We lost.\" He said it twice."]
        );
    }

    #[test]
    fn a_quotation_after_its_attribution_ends_the_sentence() {
        // The colon or comma shows the quotation's speaker came first: the verb of saying
        // after it starts a new sentence with its own reported clause.
        assert_eq!(
            sentences("He replied: \"It is not true.\" She said Clinton would go."),
            [
                "He replied: \"It is not true.\"",
                "She said Clinton would go."
            ]
        );
        assert_eq!(
            sentences("Smith said, \"We lost.\" He said the count was wrong."),
            ["Smith said, \"We lost.\"", "He said the count was wrong."]
        );
    }

    #[test]
    fn headings_are_unpunctuated_short_paragraphs() {
        let doc = Doc::new(
            "Big win for \"the team\"\n\nHe said it was \"great\".\n\nRelated: other news",
            &Lexicon::new(),
        );
        assert_eq!(doc.heading, vec![true, false, true]);
        assert_eq!(doc.links, vec![false, false, true]);
    }

    #[test]
    fn headings_after_a_marker_or_closing_the_article_link_to_other_stories() {
        let doc = Doc::new(
            "Moss Says She Will Stay\n\nAda Moss said she would stay.\n\nRelated stories\n\n\
             Pellow Says Pier Is Safe\n\nThe vote is on Monday.\n\nBoard Backs Moss\n\n\
             Reed Says Moss Must Go",
            &Lexicon::new(),
        );
        assert_eq!(
            doc.heading,
            vec![true, false, true, true, false, true, true]
        );
        assert_eq!(doc.links, vec![false, false, true, true, false, true, true]);
        let doc = Doc::new(
            "Moss Says She Will Stay\n\nAda Moss said she would stay.\n\nRead more: Pellow \
             Says Pier Is Safe\n\nThe vote is on Monday.",
            &Lexicon::new(),
        );
        assert_eq!(doc.links, vec![false, false, true, false]);
    }

    #[test]
    fn a_paragraph_ending_in_an_abbreviation_is_not_a_heading() {
        let doc = Doc::new(
            "Ana Costa said: \"This could be anywhere in the U.S.\"\n\nTalks begin at 9 a.m.",
            &Lexicon::new(),
        );
        assert_eq!(doc.heading, vec![false, false]);
    }
}
