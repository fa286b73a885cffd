//! What saywho learns from annotated attributions: how often each word serves as an
//! attribution cue, relative to how often it occurs at all. Words the hand-written lexicon
//! lacks ("blasted", "touted", "railed") join the cues when the training data uses them as
//! cues most of the time. Learning is pure: the caller reads the training file and writes the
//! table; the analyzer embeds the table shipped in `model/cues.tsv`.

use rustc_hash::FxHashMap as HashMap;

/// One training article: its text and the character spans of its annotated cues.
#[derive(Clone, Debug)]
pub struct TrainingArticle {
    /// The article text.
    pub text: String,
    /// Cue spans as code-point offsets, end-exclusive.
    pub cues: Vec<(usize, usize)>,
}

/// Per-word counts: how often a word is (part of) a cue, and how often it occurs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CueTable {
    counts: HashMap<String, (u32, u32)>,
}

/// A word must have served as a cue at least this often to count.
const MIN_CUE_COUNT: u32 = 5;
/// ...and in at least this share of its occurrences.
const MIN_CUE_RATE: f32 = 0.5;

impl CueTable {
    /// Counts cue words over the training articles.
    pub fn learn(articles: &[TrainingArticle]) -> Self {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::default();
        for article in articles {
            let mut cue_chars = vec![false; article.text.chars().count()];
            for &(start, end) in &article.cues {
                for flag in cue_chars.iter_mut().take(end).skip(start) {
                    *flag = true;
                }
            }
            for (start, word) in words(&article.text) {
                let entry = counts.entry(word).or_default();
                entry.1 += 1;
                if cue_chars.get(start).copied().unwrap_or(false) {
                    entry.0 += 1;
                }
            }
        }
        counts.retain(|_, (cue, _)| *cue >= MIN_CUE_COUNT);
        CueTable { counts }
    }

    /// Parses the shipped table (`word<TAB>cue count<TAB>occurrences` per line).
    pub fn parse(tsv: &str) -> Self {
        let counts = tsv
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let word = fields.next()?.to_string();
                let cue = fields.next()?.parse().ok()?;
                let total = fields.next()?.parse().ok()?;
                Some((word, (cue, total)))
            })
            .collect();
        CueTable { counts }
    }

    /// Writes the table, sorted by word so a retrain gives identical bytes.
    pub fn to_tsv(&self) -> String {
        let mut rows: Vec<_> = self.counts.iter().collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::from("# word\tcue count\toccurrences (learned by `saywho train`)\n");
        for (word, (cue, total)) in rows {
            out.push_str(&format!("{word}\t{cue}\t{total}\n"));
        }
        out
    }

    /// True when the word served as a cue often enough, and most of the time it occurred.
    pub fn is_cue(&self, lower: &str) -> bool {
        self.counts.get(lower).is_some_and(|&(cue, total)| {
            cue >= MIN_CUE_COUNT && cue as f32 >= MIN_CUE_RATE * total as f32
        })
    }

    /// How many words the table knows.
    /// Every word the table counts, cue or not, in no particular order.
    pub(crate) fn words(&self) -> impl Iterator<Item = &str> {
        self.counts.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True when the table knows no word.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// Lower-case words with their code-point start, apostrophes made straight.
fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    for (i, c) in text.chars().enumerate() {
        if c.is_alphabetic() || ((c == '\'' || c == '’') && !current.is_empty()) {
            if current.is_empty() {
                start = i;
            }
            current.extend(c.to_lowercase().map(|c| if c == '’' { '\'' } else { c }));
        } else if !current.is_empty() {
            out.push((start, std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        out.push((start, current));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_words_used_mostly_as_cues() {
        let article = TrainingArticle {
            text: "Smith blasted the plan. ".repeat(6) + "The blasted door. Smith walked.",
            cues: (0..6).map(|i| (i * 24 + 6, i * 24 + 13)).collect(),
        };
        let table = CueTable::learn(&[article]);
        assert!(table.is_cue("blasted"));
        assert!(!table.is_cue("walked"));
        let again = CueTable::parse(&table.to_tsv());
        assert_eq!(again, table);
    }
}
