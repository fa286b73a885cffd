//! Writes a synthetic news corpus for the scale check: `cargo run --release -p saywho-stories
//! --example gen_corpus -- N [SEED] > corpus.jsonl`. About ten articles per story; stories come
//! in families of siblings that share their topical vocabulary but not their names, arrive
//! interleaved over time, and are written in pseudo-words drawn from a Zipf-like background,
//! so term statistics resemble news text. Deterministic for a given N and seed.

use std::io::{BufWriter, Write};

/// A small xorshift generator: enough randomness for a corpus, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Zipf-like rank in 0..n: heavy head, long tail.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) - 1.0) as usize % n.max(1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "te", "su", "ne", "vo", "pa", "di", "an", "or", "el", "um", "is",
    "ber", "tan", "gor", "lin", "mas", "pel", "rud", "sin", "tor", "val",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

struct StoryPlan {
    names: Vec<String>,
    topic: Vec<String>,
    day: i64,
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(7) | 1;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let background: Vec<String> = (0..20_000).map(|i| word(&mut rng, 2 + i % 3)).collect();
    let stories = (n / 10).max(1);
    let families = (stories / 2).max(1);
    let family_topics: Vec<Vec<String>> = (0..families)
        .map(|_| (0..12).map(|_| word(&mut rng, 3)).collect())
        .collect();
    let plans: Vec<StoryPlan> = (0..stories)
        .map(|s| StoryPlan {
            names: (0..5).map(|_| capitalise(&word(&mut rng, 3))).collect(),
            topic: family_topics[s % families].clone(),
            // Stories start a few per day, so many run at once.
            day: 15_000 + (s as i64 * 3650) / stories as i64,
        })
        .collect();
    // Each article picks a story among those open around its position in time.
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    for i in 0..n {
        let centre = i * stories / n;
        let s = (centre + rng.below(20)).saturating_sub(10).min(stories - 1);
        let plan = &plans[s];
        let mut text = String::new();
        for _sentence in 0..12 {
            let mut first = true;
            for _ in 0..14 {
                let r = rng.below(100);
                let w = if r < 72 {
                    background[rng.zipf(background.len())].clone()
                } else if r < 88 {
                    plan.topic[rng.below(plan.topic.len())].clone()
                } else {
                    plan.names[rng.below(plan.names.len())].clone()
                };
                if first {
                    text.push_str(&capitalise(&w));
                    first = false;
                } else {
                    text.push(' ');
                    text.push_str(&w);
                }
            }
            text.push_str(". ");
        }
        let day = plan.day + rng.below(4) as i64;
        let (y, m, d) = civil(day);
        let record = format!(
            "{{\"id\":\"a{i}\",\"title\":null,\"date\":\"{y:04}-{m:02}-{d:02}\",\"source\":\"s{}.example\",\"text\":\"{}\",\"planted\":{s}}}",
            rng.below(50),
            text.trim_end()
        );
        writeln!(out, "{record}")?;
    }
    out.flush()
}

/// Civil date of a day number (days since 1970-01-01).
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}
