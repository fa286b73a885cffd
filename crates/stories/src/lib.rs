//! Story grouping: articles from any outlet about the same real-world event end up in one
//! story, grouped incrementally as they arrive. This crate does that one job and no I/O.
//!
//! # How it decides
//! Each article becomes a TF-IDF vector (sublinear term frequency) over content words,
//! capitalised names (weighted up: who and where tell sibling events apart — two earthquakes
//! share their vocabulary but not their towns), adjacent-name phrases and numbers. A story
//! keeps the sum of its members' unit vectors, so the similarity of an article to a story,
//! `dot(article, sum) / size`, is exactly the *average* cosine to its members (average
//! linkage), and two stories compare the same way: `dot(sum_a, sum_b) / (size_a * size_b)`.
//! When both sides carry dates, similarity decays with the gap beyond a time window.
//!
//! An arriving article joins its most similar story when the average similarity reaches
//! [`Config::join`], and otherwise starts a new one. The story it touched is then compared
//! with its neighbours and merged with one whose average linkage reaches [`Config::merge`]
//! (repeatedly), which repairs splits caused by arrival order. Merging keeps the lower id.
//!
//! # Scale
//! Candidates come from an inverted index, never from all stories: each story is posted
//! under the heaviest terms of the articles that joined it, and a probe reads only the most
//! recent [`Config::postings_scan`] stories of each of its own heaviest terms, then scores
//! exactly only the [`Config::candidates`] best by shared weight. The cost of one article is
//! bounded by constants, so grouping grows linearly with the number of articles.
//!
//! # Incremental use (the store)
//! [`StoryGrouper`] is serde-serialisable: persist it after a run, load it, and go on calling
//! [`StoryGrouper::add`]. Document frequencies are running counts, so IDF improves as the
//! corpus grows; articles keep the weights they had when they arrived. `add` returns an
//! [`Assignment`]: the story the article belongs to now, and the stories merged into it,
//! which a store must relabel (`UPDATE … SET story = new WHERE story IN merged`).
//! [`StoryGrouper::resolve`] maps any story id ever returned to the story it lives in now.
//!
//! # One-pass use (all articles known)
//! [`BatchGrouper`] first reads every article to learn the IDF of the whole corpus, then
//! agglomerates globally: candidate pairs come from the same kind of inverted index, and the
//! pair of clusters with the highest average linkage is merged first, until none reaches
//! [`Config::merge`]. The result does not depend on the order the articles were pushed (story
//! ids included), it scores better than streaming, and it hands back a [`StoryGrouper`] that
//! can continue incrementally.

mod batch;
mod features;
mod sparse;

pub use batch::{group_all, BatchGrouper, Extracted, Grouping};

use rustc_hash::FxHashMap as FxMap;
use saywho_model::{Article, Story};
use serde::{Deserialize, Serialize};

use features::FeatureWeights;
use sparse::Sparse;

/// Identifies a story within one grouper; the same type as [`Story::id`] so ids pass
/// straight into the domain model and a store.
pub type StoryId = i64;

/// Why a grouper could not be built.
#[derive(Debug, thiserror::Error)]
pub enum StoryError {
    /// A configuration value is out of range, which would make grouping meaningless.
    #[error("invalid story configuration: {0}")]
    InvalidConfig(String),
}

/// The knobs of grouping. The defaults were chosen on the ECB+ dev split (see the crate's
/// tests and the CLI's integration test); change them only with a labelled set to check on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Average cosine an article needs with a story to join it (streaming).
    pub join: f32,
    /// Average linkage two stories need to be merged into one (streaming repairs, and the
    /// stopping point of batch agglomeration).
    pub merge: f32,
    /// Weight of a capitalised word not at a sentence start (a name) relative to a word.
    pub capitalised_weight: f32,
    /// Weight of a pair of adjacent capitalised words ("Sarah Palin").
    pub phrase_weight: f32,
    /// Weight of a number of two or more digits (years, death tolls, magnitudes).
    pub number_weight: f32,
    /// How many of its heaviest terms a probe looks up in the inverted index.
    pub probe_terms: usize,
    /// How many of the most recent stories of one term's posting list a probe reads.
    pub postings_scan: usize,
    /// How many candidate stories, ranked by shared term weight, are scored exactly.
    pub candidates: usize,
    /// How many terms a story's summed vector keeps (the heaviest), bounding memory and time.
    pub story_terms: usize,
    /// Days of date gap between an article and a story that cost nothing.
    pub window_days: f32,
    /// Beyond the window, the gap (in days) that halves the similarity.
    pub half_life_days: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            join: 0.2,
            merge: 0.2,
            capitalised_weight: 3.0,
            phrase_weight: 1.0,
            number_weight: 0.5,
            probe_terms: 12,
            postings_scan: 64,
            candidates: 24,
            story_terms: 400,
            window_days: 14.0,
            half_life_days: 365.0,
        }
    }
}

impl Config {
    /// Checks every value, so that a hand-edited or persisted configuration fails loudly.
    pub fn validate(&self) -> Result<(), StoryError> {
        let unit = [("join", self.join), ("merge", self.merge)];
        for (name, v) in unit {
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                return Err(StoryError::InvalidConfig(format!(
                    "{name} must be within 0..=1, got {v}"
                )));
            }
        }
        let weights = [
            ("capitalised_weight", self.capitalised_weight),
            ("phrase_weight", self.phrase_weight),
            ("number_weight", self.number_weight),
            ("window_days", self.window_days),
        ];
        for (name, v) in weights {
            if !(v.is_finite() && v >= 0.0) {
                return Err(StoryError::InvalidConfig(format!(
                    "{name} must be finite and non-negative, got {v}"
                )));
            }
        }
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Err(StoryError::InvalidConfig(format!(
                "half_life_days must be positive, got {}",
                self.half_life_days
            )));
        }
        let counts = [
            ("probe_terms", self.probe_terms),
            ("postings_scan", self.postings_scan),
            ("candidates", self.candidates),
            ("story_terms", self.story_terms),
        ];
        for (name, v) in counts {
            if v == 0 {
                return Err(StoryError::InvalidConfig(format!(
                    "{name} must be at least 1"
                )));
            }
        }
        Ok(())
    }

    fn feature_weights(&self) -> FeatureWeights {
        FeatureWeights {
            capitalised: self.capitalised_weight,
            phrase: self.phrase_weight,
            number: self.number_weight,
        }
    }
}

/// Where an added article went, and which stories disappeared into that one on the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// The story the article belongs to after this call.
    pub story: StoryId,
    /// Stories merged into `story` by this call; their ids are no longer live, and a store
    /// should move their articles to `story`.
    pub merged: Vec<StoryId>,
}

/// A story as the grouper keeps it: the sum of its members' vectors and what labels it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Cluster {
    /// Set once the story was merged into another (always one with a lower id).
    merged_into: Option<u32>,
    size: u32,
    sum: Sparse,
    first_day: Option<i32>,
    last_day: Option<i32>,
    members: Vec<String>,
    title: Option<String>,
    /// The size at which the story was last compared with its neighbours for merging.
    #[serde(default)]
    checked_size: u32,
}

impl Cluster {
    fn days(&self) -> Option<(i32, i32)> {
        Some((self.first_day?, self.last_day?))
    }
}

/// The incremental story grouper: feed it articles in arrival order with [`add`](Self::add),
/// persist it with serde between runs. Deterministic: the same articles in the same order
/// give the same stories.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoryGrouper {
    config: Config,
    /// Rebuilt from `terms` after deserialising, so the persisted state holds each term once.
    #[serde(skip)]
    vocab: FxMap<String, u32>,
    terms: Vec<String>,
    df: Vec<u32>,
    /// Term → stories posted under it, oldest first (entries may name merged stories).
    postings: Vec<Vec<u32>>,
    documents: u64,
    /// When set, document frequencies are those of a whole corpus already counted.
    frozen: bool,
    clusters: Vec<Cluster>,
}

impl StoryGrouper {
    /// A grouper with no stories yet.
    pub fn new(config: Config) -> Result<Self, StoryError> {
        config.validate()?;
        Ok(StoryGrouper {
            config,
            vocab: FxMap::default(),
            terms: Vec::new(),
            df: Vec::new(),
            postings: Vec::new(),
            documents: 0,
            frozen: false,
            clusters: Vec::new(),
        })
    }

    /// The configuration in force (persisted with the state).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// How many articles have been counted.
    pub fn article_count(&self) -> u64 {
        self.documents
    }

    /// How many stories are live (not merged away).
    pub fn story_count(&self) -> usize {
        self.clusters
            .iter()
            .filter(|c| c.merged_into.is_none())
            .count()
    }

    /// Groups one arriving article and says which story it joined or started.
    pub fn add(&mut self, article: &Article) -> Assignment {
        let extracted = Extracted::new(article, &self.config);
        self.add_extracted(extracted)
    }

    /// [`add`](Self::add) of an article whose features were extracted beforehand, on any
    /// thread, with this grouper's [`config`](Self::config).
    pub fn add_extracted(&mut self, extracted: Extracted) -> Assignment {
        let counts = self.intern(extracted.raw);
        let vector = self.weigh(&counts);
        self.place(
            &extracted.id,
            extracted.title.as_deref(),
            extracted.day,
            vector,
        )
    }

    /// The live story that a story id (any id ever returned) now belongs to.
    pub fn resolve(&self, story: StoryId) -> StoryId {
        match u32::try_from(story) {
            Ok(c) => self.root(c) as StoryId,
            Err(_) => story,
        }
    }

    /// The live stories in id order, with a label (the first headline seen, else the
    /// story's most telling words) and member article ids in arrival order.
    pub fn stories(&self) -> Vec<Story> {
        self.clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.merged_into.is_none() && c.size > 0)
            .map(|(i, c)| Story {
                id: i as StoryId,
                label: self.label(c),
                articles: c.members.clone(),
            })
            .collect()
    }

    fn label(&self, c: &Cluster) -> String {
        if let Some(title) = &c.title {
            return title.clone();
        }
        let words: Vec<&str> = sparse::top_terms(&c.sum, 40)
            .into_iter()
            .filter_map(|(t, _)| self.terms.get(t as usize))
            .filter(|w| !w.starts_with('#') && !w.starts_with('@'))
            .take(4)
            .map(String::as_str)
            .collect();
        words.join(" ")
    }

    /// Makes the lookup tables agree with the persisted term list.
    fn ensure_tables(&mut self) {
        if self.vocab.len() != self.terms.len() {
            self.vocab = self
                .terms
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), i as u32))
                .collect();
        }
        let n = self.terms.len();
        self.df.resize(n, 0);
        self.postings.resize(n, Vec::new());
    }

    /// Renumbers terms alphabetically, so term ids (and with them the order of every sum
    /// and tie) do not depend on the order articles were counted in. Only for a grouper
    /// holding no stories yet; returns the new id of every old one.
    fn sort_vocabulary(&mut self) -> Vec<u32> {
        self.ensure_tables();
        let mut order: Vec<u32> = (0..self.terms.len() as u32).collect();
        order.sort_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        let mut renumber = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as u32;
        }
        let terms = std::mem::take(&mut self.terms);
        let mut slots: Vec<Option<String>> = terms.into_iter().map(Some).collect();
        self.terms = order
            .iter()
            .map(|&old| slots[old as usize].take().unwrap_or_default())
            .collect();
        self.df = order
            .iter()
            .map(|&old| self.df.get(old as usize).copied().unwrap_or(0))
            .collect();
        for id in self.vocab.values_mut() {
            *id = renumber.get(*id as usize).copied().unwrap_or(*id);
        }
        self.postings = vec![Vec::new(); order.len()];
        renumber
    }

    /// Interns extracted features and (unless frozen) counts document frequencies. Returns
    /// term-sorted raw counts.
    fn intern(&mut self, raw: FxMap<String, f32>) -> Sparse {
        self.ensure_tables();
        let mut counts: Sparse = Vec::with_capacity(raw.len());
        for (term, c) in raw {
            let id = match self.vocab.get(&term) {
                Some(&id) => id,
                None => {
                    let id = self.terms.len() as u32;
                    self.terms.push(term.clone());
                    self.vocab.insert(term, id);
                    self.df.push(0);
                    self.postings.push(Vec::new());
                    id
                }
            };
            counts.push((id, c));
        }
        counts.sort_by_key(|e| e.0);
        if !self.frozen {
            self.documents += 1;
            for &(t, _) in &counts {
                if let Some(df) = self.df.get_mut(t as usize) {
                    *df = df.saturating_add(1);
                }
            }
        }
        counts
    }

    /// Turns counts into a unit TF-IDF vector with the document frequencies known now.
    /// With a whole corpus counted, terms seen in only one article are dropped: they can
    /// match nothing and would only dilute the norm.
    fn weigh(&self, counts: &[(u32, f32)]) -> Sparse {
        let n = self.documents as f32 + 1.0;
        let mut v: Sparse = counts
            .iter()
            .filter_map(|&(t, c)| {
                let df = (*self.df.get(t as usize)?).max(1);
                if self.frozen && df < 2 {
                    return None;
                }
                let tf = if c >= 1.0 { 1.0 + c.ln() } else { c };
                let w = tf * (n / df as f32).ln();
                (w > 0.0).then_some((t, w))
            })
            .collect();
        let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in &mut v {
                e.1 /= norm;
            }
        }
        v
    }

    fn root(&self, mut c: u32) -> u32 {
        // Bounded, so a corrupted persisted state cannot loop forever.
        for _ in 0..=self.clusters.len() {
            match self.clusters.get(c as usize).and_then(|x| x.merged_into) {
                Some(next) if next != c => c = next,
                _ => break,
            }
        }
        c
    }

    /// Candidate stories for a probe vector, best first by shared term weight.
    fn candidates(&self, probe: &[(u32, f32)], exclude: Option<u32>) -> Vec<u32> {
        let mut shared: FxMap<u32, f32> = FxMap::default();
        for (t, w) in sparse::top_terms(probe, self.config.probe_terms) {
            let Some(list) = self.postings.get(t as usize) else {
                continue;
            };
            let from = list.len().saturating_sub(self.config.postings_scan);
            let mut seen: Vec<u32> = Vec::new();
            for &c in &list[from..] {
                let r = self.root(c);
                if Some(r) == exclude || seen.contains(&r) {
                    continue;
                }
                seen.push(r);
                *shared.entry(r).or_insert(0.0) += w;
            }
        }
        let mut ranked: Vec<(u32, f32)> = shared.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.candidates);
        ranked.into_iter().map(|e| e.0).collect()
    }

    /// How much a date gap discounts similarity: nothing within the window, then halving
    /// every half-life. Undated sides cost nothing: a missing date is not evidence.
    fn time_factor(&self, a: Option<(i32, i32)>, b: Option<(i32, i32)>) -> f32 {
        let (Some((a0, a1)), Some((b0, b1))) = (a, b) else {
            return 1.0;
        };
        let gap = (a0 - b1).max(b0 - a1).max(0) as f32;
        let excess = gap - self.config.window_days;
        if excess <= 0.0 {
            1.0
        } else {
            0.5f32.powf(excess / self.config.half_life_days)
        }
    }

    /// Puts a weighted article into its best story or a new one, then merges around it.
    fn place(
        &mut self,
        id: &str,
        title: Option<&str>,
        day: Option<i32>,
        vector: Sparse,
    ) -> Assignment {
        let days = day.map(|d| (d, d));
        let mut best: Option<(u32, f32)> = None;
        for c in self.candidates(&vector, None) {
            let Some(cl) = self.clusters.get(c as usize) else {
                continue;
            };
            if cl.size == 0 {
                continue;
            }
            let sim =
                sparse::dot(&vector, &cl.sum) / cl.size as f32 * self.time_factor(days, cl.days());
            if !matches!(best, Some((_, s)) if s >= sim) {
                best = Some((c, sim));
            }
        }
        let target = match best {
            Some((c, sim)) if sim >= self.config.join => c,
            _ => {
                self.clusters.push(Cluster {
                    merged_into: None,
                    size: 0,
                    sum: Vec::new(),
                    first_day: None,
                    last_day: None,
                    members: Vec::new(),
                    title: None,
                    checked_size: 0,
                });
                (self.clusters.len() - 1) as u32
            }
        };
        let probe = sparse::top_terms(&vector, self.config.probe_terms);
        let story_terms = self.config.story_terms;
        if let Some(cl) = self.clusters.get_mut(target as usize) {
            let mut newly_posted = Vec::new();
            for &(t, _) in &probe {
                if cl.sum.binary_search_by_key(&t, |e| e.0).is_err() {
                    newly_posted.push(t);
                }
            }
            cl.sum = sparse::add(&cl.sum, &vector);
            sparse::truncate(&mut cl.sum, story_terms);
            cl.size += 1;
            if let Some(d) = day {
                cl.first_day = Some(cl.first_day.map_or(d, |f| f.min(d)));
                cl.last_day = Some(cl.last_day.map_or(d, |l| l.max(d)));
            }
            cl.members.push(id.to_string());
            if cl.title.is_none() {
                cl.title = title.map(str::to_string);
            }
            for t in newly_posted {
                if let Some(list) = self.postings.get_mut(t as usize) {
                    list.push(target);
                }
            }
        }
        // A story is re-examined for merges each time it has doubled in size since it was
        // last examined: repairs still happen as it grows, at amortised constant cost.
        let mut merged = Vec::new();
        let due = self
            .clusters
            .get(target as usize)
            .is_some_and(|c| c.size >= 2 && c.size >= 2 * c.checked_size);
        let story = if due {
            self.merge_around(target, &mut merged)
        } else {
            target as StoryId
        };
        Assignment { story, merged }
    }

    /// Merges story `c` with its best neighbour while their average linkage reaches the
    /// merge threshold; returns the story `c` ended up in.
    fn merge_around(&mut self, mut c: u32, merged: &mut Vec<StoryId>) -> StoryId {
        // Each merge removes a story, so this terminates; the bound guards persisted state.
        for _ in 0..self.clusters.len() {
            let Some(cl) = self.clusters.get(c as usize) else {
                break;
            };
            if cl.size == 0 {
                break;
            }
            let size = cl.size;
            let mut best: Option<(u32, f32)> = None;
            for d in self.candidates(&cl.sum, Some(c)) {
                let Some(other) = self.clusters.get(d as usize) else {
                    continue;
                };
                if other.size == 0 || other.merged_into.is_some() {
                    continue;
                }
                let sim = sparse::dot(&cl.sum, &other.sum) / (cl.size as f32 * other.size as f32)
                    * self.time_factor(cl.days(), other.days());
                if !matches!(best, Some((_, s)) if s >= sim) {
                    best = Some((d, sim));
                }
            }
            match best {
                Some((d, sim)) if sim >= self.config.merge => {
                    let (keep, gone) = (c.min(d), c.max(d));
                    self.absorb(keep, gone);
                    merged.push(gone as StoryId);
                    c = keep;
                }
                _ => {
                    if let Some(cl) = self.clusters.get_mut(c as usize) {
                        cl.checked_size = size;
                    }
                    break;
                }
            }
        }
        c as StoryId
    }

    /// Moves story `gone` into story `keep`.
    fn absorb(&mut self, keep: u32, gone: u32) {
        let Some(g) = self.clusters.get_mut(gone as usize) else {
            return;
        };
        g.merged_into = Some(keep);
        let sum = std::mem::take(&mut g.sum);
        let members = std::mem::take(&mut g.members);
        let (size, first, last, title) = (g.size, g.first_day, g.last_day, g.title.take());
        g.size = 0;
        let story_terms = self.config.story_terms;
        // Post the absorbed story's terms under the survivor, so probes reading only the
        // recent end of a posting list still find it.
        let probe = sparse::top_terms(&sum, self.config.probe_terms);
        if let Some(k) = self.clusters.get_mut(keep as usize) {
            k.sum = sparse::add(&k.sum, &sum);
            sparse::truncate(&mut k.sum, story_terms);
            k.size += size;
            k.first_day = match (k.first_day, first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            k.last_day = match (k.last_day, last) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            k.members.extend(members);
            if k.title.is_none() {
                k.title = title;
            }
        }
        for (t, _) in probe {
            if let Some(list) = self.postings.get_mut(t as usize) {
                if list.last() != Some(&keep) {
                    list.push(keep);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, date: Option<&str>, text: &str) -> Article {
        let mut a = Article::new(id, text);
        a.meta.date = date.map(str::to_string);
        a
    }

    /// Two earthquakes (siblings of one kind), each reported by two outlets, and a fire.
    fn corpus() -> Vec<Article> {
        vec![
            article("quake-a1", Some("2010-01-12"), "A magnitude 7.0 earthquake struck Haiti on Tuesday, flattening much of Port-au-Prince. President René Préval said thousands were feared dead. The quake's epicentre was near Léogâne, officials of the Haitian government said."),
            article("quake-b1", Some("2011-03-11"), "A magnitude 9.0 earthquake struck off the coast of Japan on Friday, setting off a tsunami that swept across Sendai. Prime Minister Naoto Kan said the Fukushima nuclear plant was damaged. The quake was the strongest recorded in Japan."),
            article("fire-1", Some("2012-08-07"), "Fire destroyed the historic Matanuska Maid building in Palmer early Tuesday. Palmer Fire Chief John McNutt said the warehouse was a total loss. The building dated from 1935."),
            article("quake-a2", Some("2010-01-13"), "Rescuers in Port-au-Prince dug through rubble on Wednesday after the earthquake in Haiti. Préval said the presidential palace had collapsed. Aid groups said Léogâne, near the epicentre, was devastated by the magnitude 7.0 quake."),
            article("quake-b2", Some("2011-03-12"), "Japan struggled on Saturday with the aftermath of the earthquake and tsunami. Naoto Kan said the crisis at the Fukushima plant was serious. Sendai airport was under water after the magnitude 9.0 quake."),
            article("fire-2", None, "The old Mat Maid warehouse in Palmer burned to the ground. Chief John McNutt of Palmer Fire and Rescue said a 911 caller reported the fire. The Matanuska Maid building was one of the oldest in Palmer."),
        ]
    }

    fn same(grouping: &[(String, StoryId)], a: &str, b: &str) -> bool {
        let story = |id: &str| grouping.iter().find(|(x, _)| x == id).map(|(_, s)| *s);
        story(a).is_some() && story(a) == story(b)
    }

    #[test]
    fn batch_keeps_sibling_events_apart_and_joins_outlets() {
        let articles = corpus();
        let g = group_all(&articles, Config::default()).expect("valid config");
        let a = &g.assignments;
        assert!(same(a, "quake-a1", "quake-a2"), "{a:?}");
        assert!(same(a, "quake-b1", "quake-b2"), "{a:?}");
        assert!(same(a, "fire-1", "fire-2"), "{a:?}");
        assert!(!same(a, "quake-a1", "quake-b1"), "{a:?}");
        assert!(!same(a, "quake-a1", "fire-1"), "{a:?}");
        assert_eq!(g.grouper.story_count(), 3);
    }

    #[test]
    fn streaming_keeps_sibling_events_apart_and_joins_outlets() {
        let mut g = StoryGrouper::new(Config::default()).expect("valid config");
        let mut seen = Vec::new();
        for a in corpus() {
            let assignment = g.add(&a);
            seen.push((a.id.clone(), assignment.story));
        }
        let resolved: Vec<(String, StoryId)> =
            seen.into_iter().map(|(id, s)| (id, g.resolve(s))).collect();
        assert!(same(&resolved, "quake-a1", "quake-a2"), "{resolved:?}");
        assert!(same(&resolved, "quake-b1", "quake-b2"), "{resolved:?}");
        assert!(same(&resolved, "fire-1", "fire-2"), "{resolved:?}");
        assert!(!same(&resolved, "quake-a1", "quake-b1"), "{resolved:?}");
        let stories = g.stories();
        assert_eq!(stories.len(), 3);
        assert_eq!(stories.iter().map(|s| s.articles.len()).sum::<usize>(), 6);
        assert!(stories.iter().all(|s| !s.label.is_empty()));
    }

    #[test]
    fn state_survives_serialisation_and_keeps_grouping() {
        let articles = corpus();
        let mut g = StoryGrouper::new(Config::default()).expect("valid config");
        for a in &articles[..3] {
            g.add(a);
        }
        let json = serde_json::to_string(&g).expect("serialise");
        let mut restored: StoryGrouper = serde_json::from_str(&json).expect("deserialise");
        let mut original = g;
        for a in &articles[3..] {
            assert_eq!(original.add(a), restored.add(a));
        }
        assert_eq!(original.stories(), restored.stories());
    }

    #[test]
    fn features_extracted_elsewhere_group_as_the_article_does() {
        let articles = corpus();
        let mut direct = StoryGrouper::new(Config::default()).expect("valid config");
        let mut extracted = StoryGrouper::new(Config::default()).expect("valid config");
        for a in &articles {
            let e = Extracted::new(a, extracted.config());
            assert_eq!(e.id(), a.id);
            assert_eq!(direct.add(a), extracted.add_extracted(e));
        }
        assert_eq!(direct.stories(), extracted.stories());
        assert!(direct.stories().len() > 1);
    }

    #[test]
    fn batch_continues_incrementally() {
        let articles = corpus();
        let quakes: Vec<Article> = articles
            .iter()
            .filter(|a| a.id.starts_with("quake"))
            .cloned()
            .collect();
        let mut g = group_all(&quakes, Config::default())
            .expect("valid config")
            .grouper;
        assert_eq!(g.story_count(), 2);
        let fire1 = g.add(&articles[2]);
        let fire2 = g.add(&articles[5]);
        assert_eq!(g.resolve(fire1.story), g.resolve(fire2.story));
        assert_eq!(g.story_count(), 3);
        assert_eq!(g.article_count(), 6);
    }

    #[test]
    fn deterministic() {
        let articles = corpus();
        let a = group_all(&articles, Config::default())
            .expect("valid")
            .assignments;
        let b = group_all(&articles, Config::default())
            .expect("valid")
            .assignments;
        assert_eq!(a, b);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let mut g = StoryGrouper::new(Config::default()).expect("valid config");
        for text in [
            "",
            "   ",
            "1234 5678",
            "'' -- ''",
            "É",
            "a\u{0}b",
            "I I I I",
            "x's",
        ] {
            let mut a = Article::new(text, text);
            a.meta.date = Some("9999-99-99".into());
            a.meta.title = Some(String::new());
            g.add(&a);
        }
        assert_eq!(g.article_count(), 8);
        assert_eq!(g.resolve(-1), -1);
        assert_eq!(g.resolve(i64::MAX), i64::MAX);
        let empty = group_all(std::iter::empty(), Config::default()).expect("valid");
        assert!(empty.assignments.is_empty());
    }

    #[test]
    fn invalid_config_is_refused() {
        for bad in [
            Config {
                join: f32::NAN,
                ..Config::default()
            },
            Config {
                merge: 1.5,
                ..Config::default()
            },
            Config {
                candidates: 0,
                ..Config::default()
            },
            Config {
                half_life_days: 0.0,
                ..Config::default()
            },
        ] {
            assert!(StoryGrouper::new(bad).is_err());
        }
    }

    #[test]
    fn time_window_discounts_distant_dates_only() {
        let g = StoryGrouper::new(Config::default()).expect("valid config");
        assert_eq!(g.time_factor(Some((0, 0)), Some((10, 20))), 1.0);
        assert_eq!(g.time_factor(None, Some((10, 20))), 1.0);
        let year = g.time_factor(Some((0, 0)), Some((379, 379)));
        assert!((year - 0.5).abs() < 1e-3, "{year}");
    }
}
