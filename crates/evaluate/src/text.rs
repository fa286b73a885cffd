//! The scorer's view of text: whitespace tokens, the tokens a span covers, and speaker names
//! reduced to a comparable form. Character classes follow Python's `re` module (`\s`, `\w`),
//! because the reference scorer is written in Python and our figures must equal its figures.

use std::ops::Range;

/// Python's `\s` (and `str.isspace`): Rust's `White_Space` plus the four information
/// separators U+001C..U+001F, which Python counts as whitespace and Rust does not.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `\w`: letters, digits and numerals, and the underscore. Rust's alphabetic class also
/// holds some combining marks (Other_Alphabetic) that Python's does not; those never decide a
/// speaker name in English news, so the difference is accepted rather than tabled.
pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every maximal run of non-whitespace, as a code-point range, in text order.
pub(crate) fn token_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    let mut count = 0;
    for (i, c) in text.chars().enumerate() {
        match (is_space(c), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        count = i + 1;
    }
    if let Some(s) = start {
        spans.push((s, count));
    }
    spans
}

/// The indices of the tokens whose range intersects `start..end` (token start < `end` and token
/// end > `start`). Tokens are sorted and disjoint, so both conditions are monotone and the
/// answer is one range; an empty span inside a token still covers it, as in the reference.
pub(crate) fn covered(tokens: &[(usize, usize)], start: usize, end: usize) -> Range<usize> {
    let lo = tokens.partition_point(|&(_, te)| te <= start);
    let hi = tokens.partition_point(|&(ts, _)| ts < end);
    lo..hi.max(lo)
}

/// A set of token indices, sorted and without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TokenSet(Vec<usize>);

impl TokenSet {
    /// The union of some ranges of token indices.
    pub(crate) fn of(ranges: impl IntoIterator<Item = Range<usize>>) -> Self {
        TokenSet::sorted(ranges.into_iter().flatten().collect())
    }

    fn sorted(mut indices: Vec<usize>) -> Self {
        indices.sort_unstable();
        indices.dedup();
        TokenSet(indices)
    }

    /// How many tokens.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no token is covered.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The size of the intersection of two sets.
    pub(crate) fn shared(&self, other: &TokenSet) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < self.0.len() && j < other.0.len() {
            match self.0[i].cmp(&other.0[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// The union of two sets.
    pub(crate) fn union(&self, other: &TokenSet) -> TokenSet {
        TokenSet::sorted([self.0.as_slice(), other.0.as_slice()].concat())
    }
}

/// Leading words dropped from a name before comparing (a set in the reference, with "gov"
/// listed twice there; the repeat changes nothing).
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "rev",
    "fr",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "capt",
    "lt",
    "sgt",
    "president",
    "senator",
    "governor",
    "secretary",
    "speaker",
];

/// A name reduced for comparison: lower case, curly apostrophes made straight, a possessive
/// `'s` dropped, punctuation other than inner apostrophes and hyphens made space, leading titles
/// dropped, words joined by one space. `None` when nothing is left.
pub(crate) fn norm_name(name: Option<&str>) -> Option<String> {
    let name = name.filter(|n| !n.is_empty())?;
    let chars: Vec<char> = name
        .to_lowercase()
        .replace('\u{2019}', "'")
        .chars()
        .collect();
    // `'s\b`: the possessive, when what follows is not a word character.
    let mut kept = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let possessive = chars[i] == '\''
            && chars.get(i + 1) == Some(&'s')
            && chars.get(i + 2).is_none_or(|&c| !is_word(c));
        if possessive {
            i += 2;
        } else {
            kept.push(chars[i]);
            i += 1;
        }
    }
    // `[^\w\s'-]` becomes a space.
    let kept: Vec<char> = kept
        .into_iter()
        .map(|c| {
            if is_word(c) || is_space(c) || c == '\'' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    // An apostrophe or hyphen not between two word characters becomes a space.
    let cleaned: String = kept
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let inner =
                i > 0 && is_word(kept[i - 1]) && kept.get(i + 1).is_some_and(|&next| is_word(next));
            if (c == '\'' || c == '-') && !inner {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = cleaned.split(is_space).filter(|w| !w.is_empty()).collect();
    let first = words
        .iter()
        .position(|w| !TITLES.contains(w))
        .unwrap_or(words.len());
    let joined = words[first..].join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// Whether a predicted speaker name names the gold source text: equal after [`norm_name`], or
/// equal to its surname, or its surname when the gold is one word, or sharing the gold's
/// surname with every one of its words found in the gold ("Donald Trump" for "Republican
/// nominee Donald Trump").
pub(crate) fn name_match(gold: Option<&str>, predicted: Option<&str>) -> bool {
    let (Some(g), Some(p)) = (norm_name(gold), norm_name(predicted)) else {
        return false;
    };
    if p == g {
        return true;
    }
    let gt: Vec<&str> = g.split(' ').collect();
    let pt: Vec<&str> = p.split(' ').collect();
    let (g_last, p_last) = (gt[gt.len() - 1], pt[pt.len() - 1]);
    if p == g_last || (gt.len() == 1 && p_last == g) {
        return true;
    }
    p_last == g_last && pt.iter().all(|w| gt.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_runs_of_non_whitespace_in_code_points() {
        assert_eq!(
            token_spans("  «Ça va»,\tdit-il.\u{1f}x "),
            vec![(2, 5), (6, 10), (11, 18), (19, 20)]
        );
        assert!(token_spans("").is_empty());
        assert_eq!(token_spans("word"), vec![(0, 4)]);
    }

    #[test]
    fn coverage_is_by_intersection() {
        let toks = token_spans("aa bb cc dd");
        assert_eq!(covered(&toks, 0, 2), 0..1);
        assert_eq!(covered(&toks, 1, 4), 0..2);
        assert!(covered(&toks, 2, 3).is_empty(), "only the space between");
        assert_eq!(covered(&toks, 4, 4), 1..2, "empty span inside a token");
        assert!(
            covered(&toks, 3, 3).is_empty(),
            "empty span at a token start"
        );
        assert!(covered(&toks, 7, 2).is_empty(), "reversed span");
        assert_eq!(covered(&toks, 0, 99), 0..4);
    }

    #[test]
    fn token_sets_intersect_and_join() {
        let a = TokenSet::of([0..3, 5..6]);
        let b = TokenSet::of(Some(2..5));
        assert_eq!(a.len(), 4);
        assert_eq!(a.shared(&b), 1);
        assert_eq!(a.union(&b), TokenSet::of(Some(0..6)));
    }

    #[test]
    fn names_are_normalised() {
        assert_eq!(
            norm_name(Some("Sen. Bernie Sanders")).as_deref(),
            Some("bernie sanders")
        );
        assert_eq!(
            norm_name(Some("Mr Smith\u{2019}s")).as_deref(),
            Some("smith")
        );
        assert_eq!(
            norm_name(Some("O'Grady-Jones")).as_deref(),
            Some("o'grady-jones")
        );
        assert_eq!(
            norm_name(Some("'quoted' - name")).as_deref(),
            Some("quoted name")
        );
        assert_eq!(
            norm_name(Some("the boss's aide")).as_deref(),
            Some("the boss aide")
        );
        assert_eq!(norm_name(Some("it'sy")).as_deref(), Some("it'sy"));
        assert_eq!(norm_name(Some("President")), None);
        assert_eq!(norm_name(Some("")), None);
        assert_eq!(norm_name(None), None);
    }

    #[test]
    fn names_match_by_the_surname_rules() {
        let m = |g: &str, p: &str| name_match(Some(g), Some(p));
        assert!(m("Governor Jane Roe", "Jane Roe"));
        assert!(m("Jane Roe", "Roe"));
        assert!(m("Roe", "Jane Roe"));
        assert!(m("Republican nominee Jane Roe", "Jane Roe"));
        assert!(!m("Jane Roe", "John Roe"));
        assert!(!m("Jane Roe", "Jane"));
        assert!(!m("Jane Roe Smith", "Jane Roe"));
        assert!(!m("he", "Jane Roe"));
        assert!(!name_match(None, Some("Roe")));
        assert!(!name_match(Some("Roe"), None));
    }
}
