//! Paragraphs and tokens: the first, linear pass over the text. Every later stage works on
//! token indices, and every token keeps its byte range in the original text.

use std::ops::Range;

use crate::lexicon::WordSet;

/// What a token is, as far as a single character class can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, digits, and the apostrophes, hyphens and dots inside them.
    Word,
    /// A double quotation mark of any style (`"`, `“`, `”`, `«`, `»`, `„`, or `''`).
    DoubleMark,
    /// A single quotation mark or apostrophe standing alone (`'`, `‘`, `’`, `‹`, `›`).
    SingleMark,
    /// Any other non-space character.
    Punct,
}

/// One token of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Class of the token.
    pub kind: TokenKind,
    /// Index of the paragraph it belongs to.
    pub paragraph: usize,
    /// True when the first character is upper case.
    pub capitalized: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The first character of the token.
    pub fn first_char(&self, text: &str) -> char {
        text[self.start..].chars().next().unwrap_or(' ')
    }
}

/// Splits the text into paragraphs: blank lines separate them, and so does a single line
/// break unless the next line continues the sentence (starts in lower case).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let line_end = i;
            let mut j = i;
            let mut newlines = 0;
            while j < bytes.len()
                && (bytes[j] == b'\n' || bytes[j] == b'\r' || bytes[j] == b' ' || bytes[j] == b'\t')
            {
                if bytes[j] == b'\n' {
                    newlines += 1;
                }
                j += 1;
            }
            let continues =
                newlines == 1 && text[j..].chars().next().is_some_and(|c| c.is_lowercase());
            if !continues {
                push_trimmed(text, start, line_end, &mut out);
                start = j;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(start + lead..end - trail);
    }
}

/// Tokenises each paragraph.
pub fn tokenize(text: &str, paragraphs: &[Range<usize>]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = Vec::new();
    for (p, range) in paragraphs.iter().enumerate() {
        tokenize_paragraph(text, range.clone(), p, &mut chars, &mut tokens);
    }
    tokens
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '£' || c == '$' || c == '€' || c == '%'
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Tokenises one paragraph; `chars` is scratch space reused from paragraph to paragraph.
///
/// A paragraph in ASCII (most of them) is read straight from its bytes; any other is decoded
/// once into `chars`, so that the scanner can look a character back and ahead by index.
fn tokenize_paragraph(
    text: &str,
    range: Range<usize>,
    paragraph: usize,
    chars: &mut Vec<(usize, char)>,
    out: &mut Vec<Token>,
) {
    let slice = &text[range.clone()];
    let base = range.start;
    if slice.is_ascii() {
        let bytes = slice.as_bytes();
        let at = |i: usize| bytes.get(i).map_or(' ', |&b| char::from(b));
        scan_paragraph(bytes.len(), at, |i| base + i, paragraph, out);
    } else {
        chars.clear();
        chars.extend(slice.char_indices());
        let chars = &chars[..];
        let n = chars.len();
        let at = |i: usize| if i < n { chars[i].1 } else { ' ' };
        let offset = |i: usize| if i < n { base + chars[i].0 } else { range.end };
        scan_paragraph(n, at, offset, paragraph, out);
    }
}

/// The tokenizer proper, over `n` characters: `at(i)` is character `i` (a space outside the
/// paragraph) and `offset(i)` its byte offset in the text (the paragraph's end for `n`).
fn scan_paragraph(
    n: usize,
    at: impl Fn(usize) -> char,
    offset: impl Fn(usize) -> usize,
    paragraph: usize,
    out: &mut Vec<Token>,
) {
    let mut i = 0;
    while i < n {
        let c = at(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if is_word_char(c) {
            i += 1;
            loop {
                let c = at(i);
                if is_word_char(c) {
                    i += 1;
                } else if (c == '-' || c == '.' || c == '&' || is_apostrophe(c) || c == ',')
                    && is_word_char(at(i + 1))
                    && (c != ',' || (at(i - 1).is_ascii_digit() && at(i + 1).is_ascii_digit()))
                    && (c != '.' || at(i - 1).is_alphanumeric())
                {
                    // Inner punctuation: O'Grady, don't, left-wing, U.S, 10,000, 4.9.
                    i += 2;
                } else if c == '.' && is_abbreviation_dot((start..i).map(&at), at(i + 1), at(i + 2))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = TokenKind::Word;
        } else if c == '"' || c == '“' || c == '”' || c == '«' || c == '»' || c == '„' {
            i += 1;
            kind = TokenKind::DoubleMark;
        } else if (c == '\'' && at(i + 1) == '\'')
            || (c == '‘' && at(i + 1) == '‘')
            || (c == '’' && at(i + 1) == '’')
        {
            // Doubled single marks are used as double quotation marks in some archives.
            i += 2;
            kind = TokenKind::DoubleMark;
        } else if is_apostrophe(c)
            && at(i + 1).is_ascii_digit()
            && !at(i.wrapping_sub(1)).is_alphanumeric()
            && looks_like_decade([at(i + 1), at(i + 2), at(i + 3)])
        {
            // '90s: an elided century, part of the word.
            i += 1;
            while is_word_char(at(i)) {
                i += 1;
            }
            kind = TokenKind::Word;
        } else if c == '\'' || c == '‘' || c == '’' || c == '‹' || c == '›' {
            i += 1;
            kind = TokenKind::SingleMark;
        } else {
            i += 1;
            kind = TokenKind::Punct;
        }
        out.push(Token {
            start: offset(start),
            end: offset(i),
            kind,
            paragraph,
            capitalized: at(start).is_uppercase(),
        });
    }
}

/// "'90s", "'08": an apostrophe followed by two digits and an optional "s"; `next` holds the
/// three characters after the apostrophe (spaces once the paragraph ends).
fn looks_like_decade(next: [char; 3]) -> bool {
    let [tens, units, after] = next;
    tens.is_ascii_digit()
        && units.is_ascii_digit()
        && !after.is_ascii_digit()
        && (!after.is_alphanumeric() || after == 's')
}

/// Keeps the dot of "Mr.", "U.S.", "Jan." and initials inside the word. Runs at every full
/// stop after a word, so it looks at the characters in place and allocates nothing for ASCII
/// words.
/// Words shortened with a full stop that does not end the sentence (lower case). A set with
/// a filter: every sentence end asks about the word before it.
const ABBREVIATIONS: WordSet = WordSet::new(&[
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "capt", "lt", "sgt", "prof",
    "rev", "jr", "sr", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    "inc", "corp", "ltd", "co", "vs", "no", "mt", "ft", "pres", "supt", "insp", "det", "cmdr",
    "adm", "maj", "fr", "messrs", "mssrs", "approx", "est", "v",
]);

fn is_abbreviation_dot(
    word: impl Iterator<Item = char> + Clone,
    next: char,
    after_next: char,
) -> bool {
    let mut first_two = word.clone();
    if let (Some(only), None) = (first_two.next(), first_two.next()) {
        if only.is_uppercase() {
            return true; // initial: "J. K."
        }
    }
    if word.clone().any(|c| c == '.') && word.clone().filter(|c| c.is_alphabetic()).count() <= 4 {
        return true; // U.S., a.m.
    }
    // "No. 3" abbreviates a number; "voted no. The" ends a sentence.
    let is_known = |lower: &str| {
        ABBREVIATIONS.contains(&lower)
            && !(lower == "no" && !(next.is_whitespace() && after_next.is_ascii_digit()))
    };
    if word.clone().all(|c| c.is_ascii()) {
        // Lower-casing ASCII stays ASCII, one byte a character; longer words are not listed.
        let mut buf = [0u8; 8];
        let mut len = 0;
        for c in word {
            if len == buf.len() {
                return false;
            }
            buf[len] = c.to_ascii_lowercase() as u8;
            len += 1;
        }
        return std::str::from_utf8(&buf[..len]).is_ok_and(is_known);
    }
    let lower: String = word.flat_map(char::to_lowercase).collect();
    is_known(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let paras = paragraphs(text);
        tokenize(text, &paras)
            .iter()
            .map(|t| t.text(text))
            .collect()
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        assert_eq!(
            words("O'Grady and Galloway's son don't care about the '90s."),
            vec![
                "O'Grady",
                "and",
                "Galloway's",
                "son",
                "don't",
                "care",
                "about",
                "the",
                "'90s",
                "."
            ]
        );
    }

    #[test]
    fn quote_marks_are_their_own_tokens() {
        let t = "“A ‘b’ c,” he said. ''D''";
        let paras = paragraphs(t);
        let kinds: Vec<TokenKind> = tokenize(t, &paras).iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], TokenKind::DoubleMark);
        assert_eq!(kinds[2], TokenKind::SingleMark);
        assert_eq!(kinds[4], TokenKind::SingleMark);
        assert_eq!(kinds[kinds.len() - 1], TokenKind::DoubleMark);
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(
            words("Mr. Smith paid £10m, or 10,000 U.S. dollars."),
            vec!["Mr.", "Smith", "paid", "£10m", ",", "or", "10,000", "U.S.", "dollars", "."]
        );
    }

    #[test]
    fn ascii_and_other_paragraphs_tokenize_alike() {
        // The first paragraph is read from its bytes, the second decoded: same words.
        let line = "Mr. J. Smith's '90s U.S. loans, 10,000 of them, 'rose' ''sharply''.";
        let text = format!("{line}\n\n{line} \u{2014}");
        let mut words = words(&text);
        assert_eq!(words.pop(), Some("\u{2014}"));
        let (first, second) = words.split_at(words.len() / 2);
        assert_eq!(first, second);
        assert_eq!(&first[..5], ["Mr.", "J.", "Smith's", "'90s", "U.S."]);
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_new_lines() {
        let t = "One.\n\nTwo\ncontinued.\nThree.";
        let p: Vec<&str> = paragraphs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(p, vec!["One.", "Two\ncontinued.", "Three."]);
    }
}
