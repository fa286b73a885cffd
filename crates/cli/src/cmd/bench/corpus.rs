//! The benchmark's own corpus: invented news articles of realistic, varied length, written
//! deterministically from a seed so every machine measures the same text.
//!
//! Articles belong to stories (about eight articles each, arriving interleaved over a year);
//! a story has its own people, organisation, place and topical vocabulary, so story grouping
//! has real work to do, and its articles mix direct, partial, multi-paragraph and reported
//! quotations with attribution by name, title, role and pronoun among plain reporting.

use std::io::{self, Write};

use saywho_model::{Article, ArticleMeta};

/// A small deterministic generator (xorshift): the same corpus on every machine.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, zero included).
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next raw value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A value in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A rank in `0..n` with a heavy head and a long tail, as word frequencies have.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "te", "su", "ne", "vo", "pa", "di", "an", "or", "el", "um", "is",
    "ber", "tan", "gor", "lin", "mas", "pel", "rud", "sin", "tor", "val", "ham", "wick", "ley",
];

/// A pseudo-word of `syllables` syllables.
fn coin(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables).map(|_| rng.pick(SYLLABLES)).collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

const FIRST_FEMALE: &[&str] = &[
    "Maria", "Aisha", "Helen", "Sofia", "Priya", "Grace", "Ingrid", "Leila", "Anna", "Fatima",
    "Claire", "Yuki", "Rosa", "Nadia", "Emma", "Joanna",
];
const FIRST_MALE: &[&str] = &[
    "James", "Tomasz", "Kwame", "Daniel", "Oliver", "Mateo", "Samuel", "Victor", "Ahmed", "Peter",
    "Luca", "Hiroshi", "David", "Omar", "Stefan", "Michael",
];
const LAST: &[&str] = &[
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Brennan",
    "Castillo",
    "Haddad",
    "Novak",
    "Fairweather",
    "Adeyemi",
    "Kowalski",
    "Delacroix",
    "Whitaker",
    "Nakamura",
    "Oduya",
    "Reyes",
    "Thorne",
];
const ROLES: &[&str] = &[
    "the council leader",
    "the finance minister",
    "the union general secretary",
    "the opposition spokesman",
    "the police chief",
    "the hospital director",
    "the party chairman",
    "the mayor",
    "a senior engineer",
    "the head teacher",
    "a local shopkeeper",
    "the environment secretary",
];
const ORG_KINDS: &[&str] = &[
    "Harbour Board",
    "Transport Ministry",
    "Teachers' Union",
    "Regional Council",
    "Port Authority",
    "Health Trust",
    "Water Company",
    "Chamber of Commerce",
];
const TOPICS: &[&str] = &[
    "the new bridge",
    "the school budget",
    "the hospital merger",
    "the rail strike",
    "the flood defences",
    "the housing plan",
    "the tax rise",
    "the water contract",
    "the airport expansion",
    "the mine closure",
];
const CLAIMS: &[&str] = &[
    "would cost far more than promised",
    "had been rushed through without a vote",
    "was the only sensible option",
    "would protect thousands of jobs",
    "ignored the people it was meant to help",
    "could be finished within two years",
    "broke a promise made at the last election",
    "had the support of most residents",
];
const QUOTES: &[&str] = &[
    "We have listened to every objection and we are still convinced this is right",
    "Nobody in this town was asked, and nobody will forget it",
    "The figures simply do not add up, whatever the ministry says",
    "I have never seen a decision taken so carelessly",
    "This is a good day for everyone who depends on the harbour",
    "We will fight this in the courts if we have to",
    "My family has lived here for four generations and we have never been treated like this",
    "There is no plan B, and everyone in that room knows it",
    "It is too early to say what the final bill will be",
    "We are asking for nothing more than a fair hearing",
];
const SUBJECTS: &[&str] = &[
    "The proposal",
    "The review",
    "A spokesman for the contractor",
    "Local businesses",
    "The committee",
    "Campaigners",
    "The latest survey",
    "An independent report",
    "Residents near the site",
    "The previous government",
];
const PREDICATES: &[&str] = &[
    "was first published in the spring and has been revised twice since",
    "packed the public gallery for the evening session",
    "is expected to reach a final decision before the end of the year",
    "walked out before the vote was taken",
    "declined to give an estimate of the total cost",
    "has divided opinion across the region for months",
    "found that the number of complaints had doubled",
    "will be debated again when parliament returns",
    "raised concerns about noise, traffic and the loss of green space",
    "pointed to similar schemes that ran years late",
];

/// What one story is about and who is in it.
struct Story {
    people: Vec<(String, &'static str, bool)>,
    org: String,
    place: String,
    topic: &'static str,
    terms: Vec<String>,
    day: usize,
}

impl Story {
    /// Story `s` of a corpus seeded with `seed`, the same however often it is asked for.
    fn new(seed: u64, s: usize, stories: usize) -> Self {
        let mut rng = Rng::new(seed ^ (s as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
        let people = (0..2 + rng.below(3))
            .map(|_| {
                let female = rng.below(2) == 0;
                let first = rng.pick(if female { FIRST_FEMALE } else { FIRST_MALE });
                let last = if rng.below(3) == 0 {
                    rng.pick(LAST).to_string()
                } else {
                    capitalised(&coin(&mut rng, 3))
                };
                (format!("{first} {last}"), rng.pick(ROLES), female)
            })
            .collect();
        let syllables = 2 + rng.below(2);
        let place = capitalised(&coin(&mut rng, syllables));
        Story {
            people,
            org: format!("the {place} {}", rng.pick(ORG_KINDS)),
            topic: rng.pick(TOPICS),
            terms: (0..6).map(|_| coin(&mut rng, 3)).collect(),
            place,
            day: s * 365 / stories.max(1),
        }
    }
}

/// Words of the reporting background, shared by all stories with Zipf-like frequencies.
fn background(seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ 0xB5AD_4ECE_DA1C_E2A9);
    (0..4000).map(|i| coin(&mut rng, 2 + i % 3)).collect()
}

const OUTLETS: &[&str] = &[
    "Harbour Gazette",
    "Northern Echo Online",
    "The Daily Ledger",
    "Valley Times",
    "Capital Wire",
    "The Evening Post",
    "Coastal Herald",
    "Metro Bulletin",
];

const MONTH_DAYS: [usize; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Day `day` (0-based) of 2024 as an ISO date.
fn date(day: usize) -> String {
    let mut d = day % 366;
    for (m, &len) in MONTH_DAYS.iter().enumerate() {
        if d < len {
            return format!("2024-{:02}-{:02}", m + 1, d + 1);
        }
        d -= len;
    }
    "2024-12-31".to_string()
}

/// Writes the articles of a corpus one at a time; `n` articles in about `n / 8` stories.
pub struct Generator {
    seed: u64,
    n: usize,
    stories: usize,
    rng: Rng,
    background: Vec<String>,
    next: usize,
}

impl Generator {
    /// A corpus of `n` articles from `seed`.
    pub fn new(n: usize, seed: u64) -> Self {
        Generator {
            seed,
            n,
            stories: (n / 8).max(1),
            rng: Rng::new(seed),
            background: background(seed),
            next: 0,
        }
    }

    /// A sentence of plain reporting, with the story's terms and the background's words.
    fn filler(&mut self, story: &Story) -> String {
        let rng = &mut self.rng;
        match rng.below(4) {
            0 => format!("{} {}.", rng.pick(SUBJECTS), rng.pick(PREDICATES)),
            1 => format!(
                "The {} {} in {} {}.",
                story.terms[rng.below(story.terms.len())],
                self.background[rng.zipf(self.background.len())],
                story.place,
                rng.pick(PREDICATES)
            ),
            2 => {
                let words: Vec<&str> = (0..6 + rng.below(10))
                    .map(|_| {
                        if rng.below(5) == 0 {
                            story.terms[rng.below(story.terms.len())].as_str()
                        } else {
                            self.background[rng.zipf(self.background.len())].as_str()
                        }
                    })
                    .collect();
                format!("{} {}.", rng.pick(SUBJECTS), words.join(" "))
            }
            _ => format!(
                "{} said {} {}.",
                capitalised(&story.org),
                story.topic,
                rng.pick(CLAIMS)
            ),
        }
    }

    /// One paragraph of the article about `story`, the `p`-th.
    fn paragraph(&mut self, story: &Story, p: usize) -> String {
        let (name, role, female) = &story.people[p % story.people.len()];
        let surname = name.split(' ').nth(1).unwrap_or(name);
        let (pronoun, title) = if *female { ("she", "Ms") } else { ("he", "Mr") };
        let topic = story.topic;
        let rng = &mut self.rng;
        match rng.below(10) {
            0 => format!("{name}, {role}, said {topic} {}.", rng.pick(CLAIMS)),
            1 => format!(
                "\"{},\" {pronoun} said. \"{}.\"",
                rng.pick(QUOTES),
                rng.pick(QUOTES)
            ),
            2 => format!("{name} described {topic} as \"{}\".", rng.pick(CLAIMS)),
            3 => format!("\"{},\" said {role}.", rng.pick(QUOTES)),
            4 => format!(
                "{} said in a statement that {topic} {}.",
                capitalised(&story.org),
                rng.pick(CLAIMS)
            ),
            5 => format!(
                "{title} {surname} added: \"{}.\n\n\"{}.\"",
                rng.pick(QUOTES),
                rng.pick(QUOTES)
            ),
            6 => {
                let claim = rng.pick(CLAIMS);
                let more = self.filler(story);
                format!("According to {name}, {topic} {claim}. {more}")
            }
            _ => {
                let sentences: Vec<String> = (0..1 + self.rng.below(3))
                    .map(|_| self.filler(story))
                    .collect();
                sentences.join(" ")
            }
        }
    }

    /// Writes the rest of the corpus as JSONL records (`id`, `title`, `source`, `date`,
    /// `text`) to `out`; returns the articles and bytes of text written.
    pub fn write_jsonl(&mut self, out: &mut impl Write) -> io::Result<(usize, usize)> {
        let (mut docs, mut bytes) = (0, 0);
        for article in self.by_ref() {
            docs += 1;
            bytes += article.text.len();
            serde_json::to_writer(
                &mut *out,
                &serde_json::json!({
                "id": article.id, "title": article.meta.title, "source": article.meta.source,
                "date": article.meta.date, "text": article.text}),
            )?;
            out.write_all(b"\n")?;
        }
        Ok((docs, bytes))
    }
}

impl Iterator for Generator {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        let i = self.next;
        if i >= self.n {
            return None;
        }
        self.next += 1;
        // Stories open a few a day and run side by side: pick one near this point in time.
        let centre = i * self.stories / self.n;
        let s = (centre + self.rng.below(16))
            .saturating_sub(8)
            .min(self.stories - 1);
        let story = Story::new(self.seed, s, self.stories);
        // Most articles run to 5-25 paragraphs; one in ten is a long feature.
        let mut length = 4 + self.rng.below(10) + self.rng.below(10);
        if self.rng.below(10) == 0 {
            length += self.rng.below(40);
        }
        let title = format!(
            "{}: row over {} deepens",
            story.place,
            story.topic.trim_start_matches("the ")
        );
        let mut paragraphs = vec![title.clone()];
        for p in 0..length {
            paragraphs.push(self.paragraph(&story, p));
        }
        let meta = ArticleMeta {
            title: Some(title),
            source: Some(self.rng.pick(OUTLETS).to_string()),
            date: Some(date(story.day + self.rng.below(4))),
            ..ArticleMeta::default()
        };
        Some(Article {
            id: format!("bench-{:x}-{i:07}", self.seed),
            text: paragraphs.join("\n\n"),
            meta,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_varied_and_reproducible() {
        let a: Vec<Article> = Generator::new(200, 3).collect();
        let b: Vec<Article> = Generator::new(200, 3).collect();
        assert_eq!(a.len(), 200);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        let distinct: std::collections::HashSet<&str> = a.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(distinct.len(), 200);
        let lengths: Vec<usize> = a.iter().map(|x| x.text.len()).collect();
        let (min, max) = (lengths.iter().min(), lengths.iter().max());
        assert!(min < Some(&1500) && max > Some(&5000), "{min:?} {max:?}");
        assert!(a
            .iter()
            .all(|x| x.meta.date.as_deref().is_some_and(|d| d.len() == 10)));
    }

    #[test]
    fn dates_are_valid() {
        assert_eq!(date(0), "2024-01-01");
        assert_eq!(date(59), "2024-02-29");
        assert_eq!(date(365), "2024-12-31");
    }
}
