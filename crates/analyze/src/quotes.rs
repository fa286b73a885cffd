//! Quotation marks into quoted regions: pairing marks of every style, telling apostrophes
//! from single quotes, joining quotations that run over several paragraphs, and recovering
//! from unbalanced marks at the end of a paragraph.

use std::ops::Range;

use crate::tokens::{Token, TokenKind};

/// Whether a mark can open, close, or either (straight marks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
    Neither,
}

/// One quoted region of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteRegion {
    /// Byte range of the content, between the marks, trimmed of white space.
    pub content: Range<usize>,
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark, if the quotation was closed.
    pub close: Option<usize>,
    /// Token range strictly inside the marks.
    pub inner: Range<usize>,
    /// True for single-mark (British style) quotations.
    pub single: bool,
    /// True when the quotation spans more than one paragraph.
    pub multi_paragraph: bool,
}

fn prev_char(text: &str, at: usize) -> char {
    text[..at].chars().next_back().unwrap_or(' ')
}

fn next_char(text: &str, at: usize) -> char {
    text[at..].chars().next().unwrap_or(' ')
}

fn opens_before(c: char) -> bool {
    c.is_whitespace() || "([{—–-/:".contains(c)
}

fn closes_after(c: char) -> bool {
    c.is_whitespace() || ".,;:!?)]}—–-/…".contains(c)
}

fn role(text: &str, token: &Token, at_paragraph_start: bool) -> Role {
    let mark = token.text(text);
    let before = if at_paragraph_start {
        ' '
    } else {
        prev_char(text, token.start)
    };
    let after = next_char(text, token.end);
    match mark {
        // Some sources close with the opening shape: `"It's over,“ he said`. Stuck to the
        // word before it and followed by a space or punctuation, it can only close.
        "“" if !opens_before(before) && closes_after(after) => Role::Close,
        "“" | "„" | "«" | "‘" | "‹" | "‘‘" => Role::Open,
        "”" | "»" | "›" | "’’" => Role::Close,
        "’" => {
            if opens_before(before) && after.is_alphanumeric() {
                // Some sources use ’ as an opening mark; let pairing decide.
                Role::Either
            } else {
                Role::Close
            }
        }
        _ => {
            let can_open = opens_before(before) && !after.is_whitespace();
            let can_close = !before.is_whitespace() && closes_after(after);
            match (can_open, can_close) {
                (true, false) => Role::Open,
                (false, true) => Role::Close,
                (true, true) => Role::Either,
                (false, false) => {
                    if after.is_whitespace() && before.is_whitespace() {
                        // A nested quotation ending with the outer one, set apart by a
                        // space: `he is the 'Title Sponsor,' " she wrote`.
                        let mut back = text[..token.start].chars().rev();
                        let nested_close = !at_paragraph_start
                            && back.next().is_some_and(char::is_whitespace)
                            && back.next().is_some_and(|c| c == '\'' || c == '’');
                        if nested_close {
                            return Role::Close;
                        }
                        // Set apart after the end of a sentence or clause, a mark either
                        // closes the open quotation (`mean? " Clinton asked`) or opens one
                        // (`she said, " We will`).
                        let mut back = text[..token.start]
                            .chars()
                            .rev()
                            .skip_while(|c| c.is_whitespace());
                        if !at_paragraph_start && back.next().is_some_and(|c| ".,;:!?…".contains(c))
                        {
                            return Role::Either;
                        }
                        Role::Neither
                    } else {
                        Role::Either
                    }
                }
            }
        }
    }
}

/// Finds every quoted region, in text order.
pub fn find(text: &str, tokens: &[Token], paragraphs: &[Range<usize>]) -> Vec<QuoteRegion> {
    // Token ranges of each paragraph.
    let mut para_tokens: Vec<Range<usize>> = vec![0..0; paragraphs.len()];
    let mut i = 0;
    for (p, slot) in para_tokens.iter_mut().enumerate() {
        let start = i;
        while i < tokens.len() && tokens[i].paragraph == p {
            i += 1;
        }
        *slot = start..i;
    }
    let mut regions = Vec::new();
    // An open double quotation carried over from the previous paragraph.
    let mut carried: Option<(usize, bool)> = None;
    for (p, range) in para_tokens.iter().enumerate() {
        let mut open: Option<usize> = None;
        let mut skip_first = false;
        if let Some((opener, _)) = carried.take() {
            open = Some(opener);
            skip_first = true;
        }
        let mut multi = skip_first;
        for t in range.clone() {
            let tok = &tokens[t];
            if tok.kind != TokenKind::DoubleMark {
                continue;
            }
            if skip_first && t == range.start {
                continue;
            }
            let r = role(text, tok, t == range.start);
            match (open, r) {
                (None, Role::Open | Role::Either) => open = Some(t),
                (None, _) => {}
                (Some(o), Role::Close | Role::Either) => {
                    regions.push(region(text, tokens, o, Some(t), tok.start, false, multi));
                    open = None;
                    multi = false;
                }
                (Some(o), Role::Open) => {
                    // An opening mark while open: the previous quotation was never closed.
                    regions.push(region(text, tokens, o, None, tok.start, false, multi));
                    open = Some(t);
                    multi = false;
                }
                (Some(_), Role::Neither) => {}
            }
        }
        if let Some(o) = open {
            let next_opens = para_tokens.get(p + 1).is_some_and(|next| {
                next.start < next.end
                    && tokens[next.start].kind == TokenKind::DoubleMark
                    && matches!(
                        role(text, &tokens[next.start], true),
                        Role::Open | Role::Either
                    )
                // The reopened paragraph must close somewhere or continue again.
            });
            if next_opens {
                carried = Some((o, true));
            } else {
                regions.push(region(
                    text,
                    tokens,
                    o,
                    None,
                    paragraphs[p].end,
                    false,
                    multi,
                ));
            }
        }
    }
    regions.sort_by_key(|r| r.open);
    let singles = find_single(text, tokens, &para_tokens, &regions);
    regions.extend(singles);
    regions.sort_by_key(|r| r.open);
    regions
}

/// Pairs single marks used as outer quotation marks (British style), outside double regions.
fn find_single(
    text: &str,
    tokens: &[Token],
    para_tokens: &[Range<usize>],
    doubles: &[QuoteRegion],
) -> Vec<QuoteRegion> {
    let mut in_double = vec![false; tokens.len()];
    for r in doubles {
        let end = r.close.map_or(r.inner.end, |c| c + 1).min(tokens.len());
        for flag in &mut in_double[r.open..end] {
            *flag = true;
        }
    }
    let inside_double = |t: usize| in_double[t];
    let mut out = Vec::new();
    for range in para_tokens {
        let mut open: Option<usize> = None;
        for t in range.clone() {
            let tok = &tokens[t];
            if tok.kind != TokenKind::SingleMark || inside_double(t) {
                continue;
            }
            let r = role(text, tok, t == range.start);
            match (open, r) {
                (None, Role::Open | Role::Either) => open = Some(t),
                (Some(o), Role::Close | Role::Either) if t > o + 1 => {
                    out.push(region(text, tokens, o, Some(t), tok.start, true, false));
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}

fn region(
    text: &str,
    tokens: &[Token],
    open: usize,
    close: Option<usize>,
    end_byte: usize,
    single: bool,
    multi_paragraph: bool,
) -> QuoteRegion {
    let start_byte = tokens[open].end;
    let raw = &text[start_byte..end_byte];
    let lead = raw.len() - raw.trim_start().len();
    let trail = raw.len() - raw.trim_end().len();
    let content = if lead + trail >= raw.len() {
        start_byte..start_byte
    } else {
        start_byte + lead..end_byte - trail
    };
    let inner_end = close.unwrap_or_else(|| tokens.partition_point(|t| t.start < end_byte));
    QuoteRegion {
        content,
        open,
        close,
        inner: open + 1..inner_end,
        single,
        multi_paragraph,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::{paragraphs, tokenize};

    fn quoted(text: &str) -> Vec<String> {
        let paras = paragraphs(text);
        let tokens = tokenize(text, &paras);
        find(text, &tokens, &paras)
            .into_iter()
            .map(|r| text[r.content].to_string())
            .collect()
    }

    #[test]
    fn straight_and_curly_double_quotes() {
        assert_eq!(
            quoted("\"It was private,\" he said. She called it “a farce”."),
            vec!["It was private,", "a farce"]
        );
    }

    #[test]
    fn an_opening_shape_that_closes() {
        assert_eq!(
            quoted("“We are ready,“ said the coach. Fans called it “a miracle“ on Sunday."),
            vec!["We are ready,", "a miracle"]
        );
        // A mark that opens is still an opening mark: “Go,” she said, “now.”
        assert_eq!(quoted("“Go,” she said, “now.”"), vec!["Go,", "now."]);
    }

    #[test]
    fn a_spaced_mark_after_a_nested_quotation_closes() {
        assert_eq!(
            quoted("\"We call it the 'people's budget,' \" the mayor said. Later \"more\" came."),
            vec!["We call it the 'people's budget,'", "more"]
        );
        // A lone mark between spaces stays out of the pairing.
        assert_eq!(
            quoted("Scores \" and ticks. He said \"yes\" twice."),
            vec!["yes"]
        );
    }

    #[test]
    fn a_spaced_mark_after_punctuation_pairs() {
        assert_eq!(
            quoted("\"Who pays for it? \" the mayor asked. Later \"more\" came."),
            vec!["Who pays for it?", "more"]
        );
        assert_eq!(
            quoted("The mayor said, \" We will pay. \" Then he left."),
            vec!["We will pay."]
        );
    }

    #[test]
    fn inner_single_quotes_are_not_separate_regions() {
        assert_eq!(
            quoted("He added: \"His claim about 'boundary changes' is a lie.\""),
            vec!["His claim about 'boundary changes' is a lie."]
        );
    }

    #[test]
    fn british_single_quotes_and_apostrophes() {
        assert_eq!(
            quoted("She described him as ‘a gifted player’. O’Grady’s view of the ’90s differs."),
            vec!["a gifted player"]
        );
        assert_eq!(
            quoted("It was 'the best day', Galloway's aide said in the '90s."),
            vec!["the best day"]
        );
    }

    #[test]
    fn multi_paragraph_quotation_is_one_region() {
        let text = "She said: \"First part.\n\n\"Second part.\"\n\nAfter.";
        assert_eq!(quoted(text), vec!["First part.\n\n\"Second part."]);
    }

    #[test]
    fn unbalanced_mark_stops_at_paragraph_end() {
        let text = "He said \"this never closes.\n\nA new paragraph with \"a quote\" here.";
        assert_eq!(quoted(text), vec!["this never closes.", "a quote"]);
    }

    #[test]
    fn guillemets() {
        assert_eq!(
            quoted("« Elle ne panique jamais, » dit-il."),
            vec!["Elle ne panique jamais,"]
        );
    }
}
