//! What an article says, reduced to weighted features: content words, capitalised names
//! (weighted up, since people and places tell events apart better than vocabulary does),
//! adjacent-name phrases ("Sarah Palin", "Mat Maid") and numbers (years, counts, magnitudes).

use rustc_hash::FxHashMap as FxMap;

use saywho_model::Article;

/// Weights of the feature families, copied from the grouper's configuration.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FeatureWeights {
    pub capitalised: f32,
    pub phrase: f32,
    pub number: f32,
}

/// Function words and reporting verbs: present in every story, so they only add noise.
const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "and",
    "any",
    "are",
    "aren't",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "can",
    "cannot",
    "could",
    "did",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "into",
    "it's",
    "its",
    "itself",
    "just",
    "let",
    "like",
    "more",
    "most",
    "myself",
    "new",
    "nor",
    "not",
    "off",
    "once",
    "one",
    "only",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "she's",
    "should",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "told",
    "too",
    "two",
    "under",
    "until",
    "very",
    "was",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

fn is_stop(word: &str) -> bool {
    // A hash set: the binary search's string comparisons were a tenth of grouping's time.
    static SET: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, ()>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().map(|w| (*w, ())).collect())
        .contains_key(word)
}

/// Counts the features of an article: its title (when it has one) and its text.
///
/// Whether a title is present carries no weight of its own: the title only adds its words.
pub(crate) fn extract(article: &Article, weights: FeatureWeights) -> FxMap<String, f32> {
    // About one distinct feature for every ten bytes of news text: sized once, not regrown.
    let mut out = FxMap::with_capacity_and_hasher(article.text.len() / 10, Default::default());
    if let Some(title) = &article.meta.title {
        scan(title, weights, &mut out);
    }
    scan(&article.text, weights, &mut out);
    out
}

/// One word of running text with what the scanner knows about its position.
struct Token<'a> {
    text: &'a str,
    sentence_start: bool,
}

/// The word tokens of a text (letters and digits, with inner apostrophes and hyphens),
/// noting which ones open a sentence: a capital there says nothing about being a name.
///
/// Walks the bytes and decodes a character only where the byte is not ASCII: scanning every
/// article's text is most of what grouping costs.
struct Words<'a> {
    text: &'a str,
    pos: usize,
    sentence_start: bool,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        Words {
            text,
            pos: 0,
            sentence_start: true,
        }
    }

    /// The character at byte `pos` and its length in bytes.
    fn char_at(&self, pos: usize) -> Option<(char, usize)> {
        let byte = *self.text.as_bytes().get(pos)?;
        if byte.is_ascii() {
            return Some((char::from(byte), 1));
        }
        let c = self.text[pos..].chars().next()?;
        Some((c, c.len_utf8()))
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        loop {
            // ASCII separators, the common case, without decoding.
            while let Some(&b) = bytes.get(self.pos) {
                if !b.is_ascii() || b.is_ascii_alphanumeric() {
                    break;
                }
                if matches!(b, b'.' | b'!' | b'?' | b'\n' | b':' | b';') {
                    self.sentence_start = true;
                }
                self.pos += 1;
            }
            // An ASCII letter or digit, or a character to decode (never a sentence end: those
            // are all ASCII, seen above).
            let (c, len) = self.char_at(self.pos)?;
            if c.is_alphanumeric() {
                break;
            }
            self.pos += len;
        }
        let start = self.pos;
        loop {
            while bytes.get(self.pos).is_some_and(u8::is_ascii_alphanumeric) {
                self.pos += 1;
            }
            let Some((c, len)) = self.char_at(self.pos) else {
                break;
            };
            let joins = c.is_alphanumeric()
                || (matches!(c, '\'' | '\u{2019}' | '-')
                    && self
                        .char_at(self.pos + len)
                        .is_some_and(|(next, _)| next.is_alphanumeric()));
            if !joins {
                break;
            }
            self.pos += len;
        }
        let token = Token {
            text: &self.text[start..self.pos],
            sentence_start: self.sentence_start,
        };
        self.sentence_start = false;
        Some(token)
    }
}

/// Reduces a lower-cased word to a crude stem so "quakes" meets "quake".
fn stem(word: &str) -> &str {
    if word.len() > 4 && word.ends_with('s') && !word.ends_with("ss") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Adds `weight` to a feature, allocating its key only the first time it is seen.
fn bump(out: &mut FxMap<String, f32>, key: &str, weight: f32) {
    match out.get_mut(key) {
        Some(v) => *v += weight,
        None => {
            out.insert(key.to_string(), weight);
        }
    }
}

fn scan(text: &str, weights: FeatureWeights, out: &mut FxMap<String, f32>) {
    // Buffers reused from word to word: the previous name, the lower-cased word and a key.
    let mut previous_name = String::new();
    let mut has_previous = false;
    let mut lower_buf = String::new();
    let mut key = String::new();
    for token in Words::new(text) {
        let word = token.text;
        if word.bytes().all(|b| b.is_ascii_digit()) {
            has_previous = false;
            if word.len() >= 2 && weights.number > 0.0 {
                key.clear();
                key.push('#');
                key.push_str(word);
                bump(out, &key, weights.number);
            }
            continue;
        }
        lower_buf.clear();
        let ascii = word.is_ascii();
        if ascii {
            lower_buf.push_str(word);
            lower_buf.make_ascii_lowercase();
        } else {
            lower_buf.push_str(&word.to_lowercase());
        }
        let lower = lower_buf
            .strip_suffix("'s")
            .or_else(|| lower_buf.strip_suffix("\u{2019}s"))
            .unwrap_or(&lower_buf);
        let length = if ascii {
            lower.len()
        } else {
            lower.chars().count()
        };
        if length < 3 || is_stop(lower) {
            has_previous = false;
            continue;
        }
        let stemmed = stem(lower);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let weight = if capital && !token.sentence_start {
            weights.capitalised
        } else {
            1.0
        };
        bump(out, stemmed, weight);
        if capital {
            if has_previous && weights.phrase > 0.0 {
                key.clear();
                key.push('@');
                key.push_str(&previous_name);
                key.push(' ');
                key.push_str(stemmed);
                bump(out, &key, weights.phrase);
            }
            previous_name.clear();
            previous_name.push_str(stemmed);
            has_previous = true;
        } else {
            has_previous = false;
        }
    }
}

/// Days since 1970-01-01 of a date written `YYYY-MM-DD` (a time may follow), for the time
/// window; `None` when the text is not such a date.
pub(crate) fn day_number(date: &str) -> Option<i32> {
    let bytes = date.as_bytes();
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days-from-civil (proleptic Gregorian), shifted so March starts the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: FeatureWeights = FeatureWeights {
        capitalised: 3.0,
        phrase: 1.0,
        number: 0.5,
    };

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn names_weigh_more_than_words_and_form_phrases() {
        let f = extract(
            &Article::new(
                "a",
                "Yesterday the quake hit. Officials in Sarah Palin's town fled.",
            ),
            W,
        );
        assert_eq!(f.get("quake"), Some(&1.0));
        assert_eq!(f.get("sarah"), Some(&3.0));
        assert_eq!(f.get("palin"), Some(&3.0));
        assert_eq!(f.get("@sarah palin"), Some(&1.0));
        // Sentence-initial capitals are not evidence of a name.
        assert_eq!(f.get("official"), Some(&1.0));
        assert!(!f.contains_key("the"));
    }

    #[test]
    fn words_keep_inner_joiners_and_see_sentence_starts() {
        let text =
            "Ça va. L\u{2019}été déjà-vu O'Neill--x well-known \u{2018}quoted\u{2019} 10,000; end-";
        let words: Vec<(&str, bool)> = Words::new(text)
            .map(|t| (t.text, t.sentence_start))
            .collect();
        assert_eq!(
            words,
            vec![
                ("Ça", true),
                ("va", false),
                ("L\u{2019}été", true),
                ("déjà-vu", false),
                ("O'Neill", false),
                ("x", false),
                ("well-known", false),
                ("quoted", false),
                ("10", false),
                ("000", false),
                ("end", true),
            ]
        );
    }

    #[test]
    fn day_numbers_follow_the_calendar() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2012-08-07T10:00:00Z"), Some(15_559));
        assert_eq!(day_number("August 7"), None);
        assert_eq!(day_number("2012-13-01"), None);
        assert_eq!(day_number("20é2-01-01"), None);
    }
}
