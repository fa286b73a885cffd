//! One-pass grouping when every article is known: global average-linkage agglomeration.
//!
//! Streaming decides as articles arrive, so its result depends on their order. Here nothing
//! is decided before everything is seen: the corpus-wide IDF weighs every article, the
//! inverted index proposes candidate pairs, and the pair of clusters with the highest
//! average linkage anywhere is merged first, again and again, until no pair reaches
//! [`Config::merge`]. Every order of the same articles gives the same stories, with the
//! same ids: articles are ranked by id (and then content) before anything else happens,
//! term ids are renumbered alphabetically, and ties between equally similar pairs go to the
//! lower ids.
//!
//! # Why only candidate pairs
//! The linkage of a merged cluster to a third one is the size-weighted mean of the linkages
//! of its two parts (summed unit vectors make this exact). A pair whose cosine falls below
//! the threshold therefore can only reach it through a part that already does, so each
//! cluster need only remember the neighbours at or above the threshold; pairs never
//! proposed by the index are taken to be below it. The date discount multiplies the cosine
//! and never exceeds one, so it only decides what is merged, not who is remembered.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as FxMap;
use saywho_model::Article;

use crate::sparse::{self, Sparse};
use crate::{features, Cluster, Config, StoryError, StoryGrouper, StoryId};

/// An article read but not yet grouped, in the compact form the batch keeps.
struct Pending {
    id: String,
    title: Option<String>,
    day: Option<i32>,
    counts: Sparse,
}

/// An article reduced to what grouping reads of it. Extraction is most of the cost of pushing
/// an article and needs no grouper, so a caller can extract on many threads and push in order
/// on one ([`BatchGrouper::push_extracted`]).
pub struct Extracted {
    pub(crate) id: String,
    pub(crate) title: Option<String>,
    pub(crate) day: Option<i32>,
    pub(crate) raw: FxMap<String, f32>,
}

impl Extracted {
    /// Extracts `article`'s features as a grouper with `config` would.
    pub fn new(article: &Article, config: &Config) -> Extracted {
        Extracted {
            id: article.id.clone(),
            title: article.meta.title.clone(),
            day: article.meta.date.as_deref().and_then(features::day_number),
            raw: features::extract(article, config.feature_weights()),
        }
    }

    /// The article's id.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// One-pass grouping when all articles are known: learns the IDF of the whole corpus, then
/// agglomerates globally, so the stories do not depend on the order articles were pushed.
/// Push every article, then [`finish`](Self::finish).
pub struct BatchGrouper {
    grouper: StoryGrouper,
    pending: Vec<Pending>,
}

/// The result of a batch: the story of every pushed article, in push order, and the grouper,
/// which can be persisted and go on grouping incrementally.
pub struct Grouping {
    /// `(article id, story id)` for every article, in the order pushed.
    pub assignments: Vec<(String, StoryId)>,
    /// The grouper holding the stories.
    pub grouper: StoryGrouper,
}

impl BatchGrouper {
    /// An empty batch.
    pub fn new(config: Config) -> Result<Self, StoryError> {
        Ok(BatchGrouper {
            grouper: StoryGrouper::new(config)?,
            pending: Vec::new(),
        })
    }

    /// Reads one article (its features are kept, not its text).
    pub fn push(&mut self, article: &Article) {
        let extracted = Extracted::new(article, self.grouper.config());
        self.push_extracted(extracted);
    }

    /// Reads one article whose features were extracted beforehand (on any thread, with
    /// [`Extracted::new`]): the same as [`push`](Self::push) of that article.
    pub fn push_extracted(&mut self, extracted: Extracted) {
        let counts = self.grouper.intern(extracted.raw);
        self.pending.push(Pending {
            id: extracted.id,
            title: extracted.title,
            day: extracted.day,
            counts,
        });
    }

    /// Groups everything pushed with the corpus-wide IDF by global average-linkage
    /// agglomeration. Story ids depend only on the set of articles pushed, not their order.
    pub fn finish(self) -> Grouping {
        let BatchGrouper {
            mut grouper,
            mut pending,
        } = self;
        grouper.frozen = true;
        let renumber = grouper.sort_vocabulary();
        for p in &mut pending {
            for e in &mut p.counts {
                e.0 = renumber.get(e.0 as usize).copied().unwrap_or(e.0);
            }
            p.counts.sort_by_key(|e| e.0);
        }
        // Rank articles canonically: by id, and by content for (odd) repeated ids.
        let mut order: Vec<usize> = (0..pending.len()).collect();
        order.sort_by(|&a, &b| canonical_cmp(&pending[a], &pending[b]));
        let mut rank_of = vec![0u32; pending.len()];
        for (rank, &p) in order.iter().enumerate() {
            rank_of[p] = rank as u32;
        }
        // The raw counts are not needed once weighed (they only broke ties in the ranking).
        let vectors: Vec<Sparse> = order
            .iter()
            .map(|&p| grouper.weigh(&std::mem::take(&mut pending[p].counts)))
            .collect();
        let days: Vec<Option<i32>> = order.iter().map(|&p| pending[p].day).collect();

        let probes: Vec<Sparse> = vectors
            .iter()
            .map(|v| sparse::top_terms(v, grouper.config.probe_terms))
            .collect();
        let outcome = Agglomeration::run(&grouper, vectors, &probes, &days);
        install(&mut grouper, &pending, &rank_of, outcome, &probes, &days);
        grouper.frozen = false;
        let assignments = pending
            .into_iter()
            .zip(&rank_of)
            .map(|(p, &r)| (p.id, grouper.root(r) as StoryId))
            .collect();
        Grouping {
            assignments,
            grouper,
        }
    }
}

/// Groups a whole collection in one call, the batch way; convenient for tests and tools.
pub fn group_all<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    config: Config,
) -> Result<Grouping, StoryError> {
    let mut batch = BatchGrouper::new(config)?;
    for a in articles {
        batch.push(a);
    }
    Ok(batch.finish())
}

/// A total order on pending articles that ignores push order.
fn canonical_cmp(a: &Pending, b: &Pending) -> Ordering {
    a.id.cmp(&b.id)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.day.cmp(&b.day))
        .then_with(|| {
            let ka = a.counts.iter().map(|e| (e.0, e.1.to_bits()));
            let kb = b.counts.iter().map(|e| (e.0, e.1.to_bits()));
            ka.cmp(kb)
        })
}

/// Where articles sit in time-ordered posting lists: by day, undated last, then by rank.
fn time_key(days: &[Option<i32>], rank: u32) -> (i64, u32) {
    let day = days.get(rank as usize).copied().flatten();
    (day.map_or(i64::MAX, i64::from), rank)
}

/// A proposed merge of clusters `a < b`, valid while both still carry the stamps recorded.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    sim: f32,
    a: u32,
    b: u32,
    stamp_a: u32,
    stamp_b: u32,
}

impl Ord for Candidate {
    /// Most similar first; among equals, the lower ids first, so the result is determined.
    fn cmp(&self, other: &Self) -> Ordering {
        self.sim
            .total_cmp(&other.sim)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
            .then_with(|| other.stamp_a.cmp(&self.stamp_a))
            .then_with(|| other.stamp_b.cmp(&self.stamp_b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

/// The clusters while they agglomerate; cluster `i` starts as the article of rank `i`.
struct Agglomeration<'g> {
    grouper: &'g StoryGrouper,
    sums: Vec<Sparse>,
    sizes: Vec<u32>,
    days: Vec<Option<(i32, i32)>>,
    /// Bumped at every merge a cluster survives, so older heap entries are recognised.
    stamps: Vec<u32>,
    /// For merged clusters, the cluster they went into (always a lower id).
    parent: Vec<Option<u32>>,
    /// Clusters whose cosine with this one reached the threshold when last computed.
    neighbours: Vec<Vec<u32>>,
    heap: BinaryHeap<Candidate>,
    /// One vector spread over all term ids, so many dot products against it are lookups.
    scratch: Vec<f32>,
}

impl<'g> Agglomeration<'g> {
    /// Agglomerates the articles (unit vectors, in rank order) and says, for every rank,
    /// which cluster it was merged into, if any.
    fn run(
        grouper: &'g StoryGrouper,
        vectors: Vec<Sparse>,
        probes: &[Sparse],
        days: &[Option<i32>],
    ) -> Outcome {
        let n = vectors.len();
        let mut state = Agglomeration {
            grouper,
            sums: Vec::new(),
            sizes: vec![1; n],
            days: days.iter().map(|d| d.map(|d| (d, d))).collect(),
            stamps: vec![0; n],
            parent: vec![None; n],
            neighbours: vec![Vec::new(); n],
            heap: BinaryHeap::new(),
            scratch: vec![0.0; grouper.terms.len()],
        };
        state.propose_pairs(&vectors, probes, days);
        state.sums = vectors;
        state.agglomerate();
        let roots = (0..n as u32).map(|c| state.find(c)).collect();
        Outcome {
            roots,
            sums: state.sums,
            sizes: state.sizes,
            days: state.days,
        }
    }

    fn threshold(&self) -> f32 {
        self.grouper.config.merge
    }

    /// Finds each article's candidates through an inverted index over its heaviest terms
    /// and records every pair whose cosine reaches the threshold.
    fn propose_pairs(&mut self, vectors: &[Sparse], probes: &[Sparse], days: &[Option<i32>]) {
        let config = &self.grouper.config;
        // Posting lists in time order, so a probe reading a window around its own place
        // in a long list meets the articles nearest in time.
        let mut by_time: Vec<u32> = (0..vectors.len() as u32).collect();
        by_time.sort_by_key(|&r| time_key(days, r));
        let mut postings: FxMap<u32, Vec<u32>> = FxMap::default();
        for &r in &by_time {
            for &(t, _) in probes.get(r as usize).map_or(&[][..], Vec::as_slice) {
                postings.entry(t).or_default().push(r);
            }
        }
        let half = config.postings_scan / 2;
        let threshold = self.threshold();
        let mut pairs: Vec<(u32, u32, f32)> = Vec::new();
        let mut shared: FxMap<u32, f32> = FxMap::default();
        let mut ranked: Vec<(u32, f32)> = Vec::new();
        for (i, probe) in probes.iter().enumerate() {
            let i = i as u32;
            shared.clear();
            for &(t, w) in probe {
                let Some(list) = postings.get(&t) else {
                    continue;
                };
                let key = time_key(days, i);
                let at = list.partition_point(|&r| time_key(days, r) < key);
                let from = at.saturating_sub(half);
                let to = (from + config.postings_scan + 1).min(list.len());
                let from = to.saturating_sub(config.postings_scan + 1);
                for &j in &list[from..to] {
                    if j != i {
                        *shared.entry(j).or_insert(0.0) += w;
                    }
                }
            }
            ranked.clear();
            ranked.extend(shared.iter().map(|(&j, &w)| (j, w)));
            let by_weight =
                |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if ranked.len() > config.candidates {
                ranked.select_nth_unstable_by(config.candidates, by_weight);
                ranked.truncate(config.candidates);
            }
            let own = &vectors[i as usize];
            spread(&mut self.scratch, own, true);
            for &(j, _) in &ranked {
                let cos = gather(&self.scratch, &vectors[j as usize]);
                if cos >= threshold {
                    pairs.push((i.min(j), i.max(j), cos));
                }
            }
            spread(&mut self.scratch, own, false);
        }
        pairs.sort_by_key(|x| (x.0, x.1));
        pairs.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
        for (a, b, cos) in pairs {
            self.neighbours[a as usize].push(b);
            self.neighbours[b as usize].push(a);
            let sim = cos
                * self
                    .grouper
                    .time_factor(self.days[a as usize], self.days[b as usize]);
            if sim >= threshold {
                self.heap.push(Candidate {
                    sim,
                    a,
                    b,
                    stamp_a: 0,
                    stamp_b: 0,
                });
            }
        }
    }

    /// The live cluster a cluster went into, shortening the chain on the way.
    fn find(&mut self, mut c: u32) -> u32 {
        while let Some(p) = self.parent[c as usize] {
            if let Some(g) = self.parent[p as usize] {
                self.parent[c as usize] = Some(g);
            }
            c = p;
        }
        c
    }

    fn is_current(&self, c: &Candidate) -> bool {
        self.parent[c.a as usize].is_none()
            && self.parent[c.b as usize].is_none()
            && self.stamps[c.a as usize] == c.stamp_a
            && self.stamps[c.b as usize] == c.stamp_b
    }

    /// Merges the most similar pair until none reaches the threshold.
    fn agglomerate(&mut self) {
        let threshold = self.threshold();
        let story_terms = self.grouper.config.story_terms;
        while let Some(best) = self.heap.pop() {
            if !self.is_current(&best) {
                continue;
            }
            let (keep, gone) = (best.a as usize, best.b as usize);
            self.parent[gone] = Some(best.a);
            let gone_sum = std::mem::take(&mut self.sums[gone]);
            let mut sum = sparse::add(&self.sums[keep], &gone_sum);
            sparse::truncate(&mut sum, story_terms);
            self.sums[keep] = sum;
            self.sizes[keep] += self.sizes[gone];
            self.days[keep] = match (self.days[keep], self.days[gone]) {
                (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
                (a, b) => a.or(b),
            };
            self.stamps[keep] += 1;

            let mut around = std::mem::take(&mut self.neighbours[keep]);
            around.append(&mut self.neighbours[gone]);
            for c in &mut around {
                *c = self.find(*c);
            }
            around.sort_unstable();
            around.dedup();
            around.retain(|&c| c != best.a);
            let mut kept = Vec::with_capacity(around.len());
            spread(&mut self.scratch, &self.sums[keep], true);
            for c in around {
                let cu = c as usize;
                let cos = gather(&self.scratch, &self.sums[cu])
                    / (self.sizes[keep] as f32 * self.sizes[cu] as f32);
                if cos < threshold {
                    continue;
                }
                kept.push(c);
                let sim = cos * self.grouper.time_factor(self.days[keep], self.days[cu]);
                if sim >= threshold {
                    let (a, b) = (best.a.min(c), best.a.max(c));
                    self.heap.push(Candidate {
                        sim,
                        a,
                        b,
                        stamp_a: self.stamps[a as usize],
                        stamp_b: self.stamps[b as usize],
                    });
                }
            }
            spread(&mut self.scratch, &self.sums[keep], false);
            self.neighbours[keep] = kept;
        }
    }
}

/// Writes a sparse vector into a dense one (`on`), or zeroes its entries again (`!on`).
fn spread(dense: &mut [f32], v: &[(u32, f32)], on: bool) {
    for &(t, w) in v {
        if let Some(slot) = dense.get_mut(t as usize) {
            *slot = if on { w } else { 0.0 };
        }
    }
}

/// The dot product of a dense vector (from [`spread`]) with a sparse one, in the sparse
/// one's term order, so it equals [`sparse::dot`] up to rounding and is itself exact to
/// repeat.
fn gather(dense: &[f32], v: &[(u32, f32)]) -> f32 {
    v.iter()
        .map(|&(t, w)| dense.get(t as usize).map_or(0.0, |d| d * w))
        .sum()
}

/// What agglomeration leaves: for every rank, the cluster it ended in, and for those
/// clusters their summed vector, size and span of days.
struct Outcome {
    roots: Vec<u32>,
    sums: Vec<Sparse>,
    sizes: Vec<u32>,
    days: Vec<Option<(i32, i32)>>,
}

/// Writes the agglomerated clusters into the grouper so it can go on incrementally: one
/// cluster per rank, merged ones pointing straight at their survivor, members in push
/// order, and the stories posted under their articles' heaviest terms in time order (the
/// most recent last, where a streaming probe reads).
fn install(
    grouper: &mut StoryGrouper,
    pending: &[Pending],
    rank_of: &[u32],
    outcome: Outcome,
    probes: &[Sparse],
    days: &[Option<i32>],
) {
    let Outcome {
        roots,
        sums,
        sizes,
        days: spans,
    } = outcome;
    grouper.clusters = roots
        .iter()
        .zip(sums)
        .zip(sizes)
        .zip(spans)
        .enumerate()
        .map(|(c, (((&root, sum), size), span))| {
            let live = root == c as u32;
            Cluster {
                merged_into: (!live).then_some(root),
                size: if live { size } else { 0 },
                sum: if live { sum } else { Vec::new() },
                first_day: span.filter(|_| live).map(|s| s.0),
                last_day: span.filter(|_| live).map(|s| s.1),
                members: Vec::new(),
                title: None,
                checked_size: if live { size } else { 0 },
            }
        })
        .collect();
    for (p, &rank) in pending.iter().zip(rank_of) {
        if let Some(cl) = roots
            .get(rank as usize)
            .and_then(|&r| grouper.clusters.get_mut(r as usize))
        {
            cl.members.push(p.id.clone());
            if cl.title.is_none() {
                cl.title = p.title.clone();
            }
        }
    }
    let mut by_time: Vec<u32> = (0..roots.len() as u32).collect();
    by_time.sort_by_key(|&r| time_key(days, r));
    for r in by_time {
        let root = roots[r as usize];
        for &(t, _) in probes.get(r as usize).map_or(&[][..], Vec::as_slice) {
            if let Some(list) = grouper.postings.get_mut(t as usize) {
                if list.last() != Some(&root) {
                    list.push(root);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, date: Option<&str>, title: Option<&str>, text: &str) -> Article {
        let mut a = Article::new(id, text);
        a.meta.date = date.map(str::to_string);
        a.meta.title = title.map(str::to_string);
        a
    }

    /// Three invented events, two of them siblings (two floods), with outlets that word
    /// them differently, plus an unrelated singleton.
    fn corpus() -> Vec<Article> {
        vec![
            article("flood-n1", Some("2021-05-02"), Some("River Oder floods Nowa Ruda"), "The river Oder burst its banks in Nowa Ruda on Sunday. Mayor Ewa Kowalczyk said 300 homes were evacuated. Firefighters from Kłodzko pumped water from the market square."),
            article("flood-n2", Some("2021-05-03"), None, "Residents of Nowa Ruda returned to flooded homes on Monday after the Oder receded. Ewa Kowalczyk, the mayor, asked for army help. Kłodzko firefighters were still pumping."),
            article("flood-n3", None, None, "Flood in Nowa Ruda: the Oder left mud in 300 homes, mayor Kowalczyk said, and the market square is closed."),
            article("flood-t1", Some("2021-08-14"), Some("Tarn floods Albi"), "The river Tarn flooded the old town of Albi on Saturday. Prefect Luc Marchand said 120 homes were evacuated and firefighters pumped water from cellars."),
            article("flood-t2", Some("2021-08-15"), None, "Albi counted the damage on Sunday after the Tarn flood. Luc Marchand, the prefect, said the cathedral quarter stayed dry. Firefighters kept pumping cellars."),
            article("vote-1", Some("2021-06-20"), Some("Zembla votes"), "Voters in Zembla elected Ivo Petrak president on Sunday. Petrak promised lower taxes; turnout in the capital Varna reached 61 percent."),
            article("vote-2", Some("2021-06-21"), None, "Ivo Petrak won Zembla's presidential election with 54 percent. Observers in Varna praised the count; his rival Dana Horvat conceded."),
            article("vote-3", Some("2021-06-21"), None, "Zembla's new president Ivo Petrak thanked voters in Varna. Dana Horvat said she would lead the opposition."),
            article("odd-1", None, None, "A recipe for plum dumplings needs flour, butter, cinnamon and ripe plums."),
        ]
    }

    /// The story of every article, by id.
    fn stories_by_id(articles: &[Article]) -> Vec<(String, StoryId)> {
        let mut g = group_all(articles, Config::default())
            .expect("valid config")
            .assignments;
        g.sort();
        g
    }

    #[test]
    fn shuffled_input_gives_the_same_grouping() {
        let articles = corpus();
        let reference = stories_by_id(&articles);
        let story = |id: &str| reference.iter().find(|(x, _)| x == id).map(|e| e.1);
        assert_eq!(story("flood-n1"), story("flood-n3"), "{reference:?}");
        assert_eq!(story("flood-t1"), story("flood-t2"), "{reference:?}");
        assert_eq!(story("vote-1"), story("vote-3"), "{reference:?}");
        assert_ne!(story("flood-n1"), story("flood-t1"), "{reference:?}");
        assert_ne!(story("odd-1"), story("vote-1"), "{reference:?}");
        let mut shuffled = articles.clone();
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20 {
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            assert_eq!(stories_by_id(&shuffled), reference);
        }
        let reversed: Vec<Article> = articles.iter().rev().cloned().collect();
        assert_eq!(stories_by_id(&reversed), reference);
    }

    #[test]
    fn shuffled_input_leaves_the_same_grouper() {
        let articles = corpus();
        let reversed: Vec<Article> = articles.iter().rev().cloned().collect();
        let a = group_all(&articles, Config::default())
            .expect("valid")
            .grouper;
        let b = group_all(&reversed, Config::default())
            .expect("valid")
            .grouper;
        let partition = |g: &StoryGrouper| {
            let mut stories: Vec<(StoryId, Vec<String>)> = g
                .stories()
                .into_iter()
                .map(|s| {
                    let mut m = s.articles;
                    m.sort();
                    (s.id, m)
                })
                .collect();
            stories.sort();
            stories
        };
        assert_eq!(partition(&a), partition(&b));
        let mut a = a;
        let mut b = b;
        let late = article(
            "flood-n4",
            Some("2021-05-04"),
            None,
            "Nowa Ruda cleans up: mayor Ewa Kowalczyk thanked Kłodzko firefighters after the Oder flood.",
        );
        let (sa, sb) = (a.add(&late), b.add(&late));
        assert_eq!(sa, sb);
        assert_eq!(
            a.resolve(sa.story),
            a.resolve(stories_by_id(&articles)[0].1)
        );
    }

    #[test]
    fn ties_go_to_the_lower_ids() {
        let hi = Candidate {
            sim: 0.5,
            a: 1,
            b: 2,
            stamp_a: 0,
            stamp_b: 0,
        };
        let lo = Candidate { a: 3, ..hi };
        let mut heap: BinaryHeap<Candidate> = [lo, hi].into_iter().collect();
        assert_eq!(heap.pop().map(|c| c.a), Some(1));
        let better = Candidate { sim: 0.6, ..lo };
        heap.push(better);
        heap.push(hi);
        assert_eq!(heap.pop().map(|c| c.a), Some(3));
    }
}
