//! The read queries behind both the JSON API and the pages: search with filters, one article
//! with its analysis, one person, one story compared across outlets. Every function takes a
//! store handle and returns published (serialisable) shapes; nothing here knows about HTTP.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use saywho_analyze::Analyzer;
use saywho_compare::{ArticleInput, Comparison, PersonInfo, Stance, Who};
use saywho_model::{AnalysisView, Article, ArticleMeta, Span};
use saywho_store::{ArticleSummary, PersonRecord, QuoteRecord, Store, StoredArticle, Target};
use serde::{Deserialize, Serialize};

use crate::error::{Result, ServeError};

/// The most hits one search returns.
pub const MAX_LIMIT: usize = 500;

/// A quotation search: words plus the same filters as `saywho search`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SearchParams {
    /// Words (tantivy syntax); empty or `*` lists every quotation.
    #[serde(default)]
    pub q: String,
    /// Only quotations by this person (name, part of it, or alias).
    #[serde(default)]
    pub speaker: Option<String>,
    /// Only quotations that name or refer to this person.
    #[serde(default)]
    pub about: Option<String>,
    /// Only outlets whose name contains this.
    #[serde(default)]
    pub source: Option<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD).
    #[serde(default)]
    pub since: Option<String>,
    /// Only articles dated on or before this day (YYYY-MM-DD).
    #[serde(default)]
    pub until: Option<String>,
    /// How many hits (default 20, at most [`MAX_LIMIT`]).
    #[serde(default)]
    pub limit: Option<usize>,
}

impl SearchParams {
    /// Empty filter strings (as a form sends them) count as absent.
    fn normalised(&self) -> SearchParams {
        let clean = |s: &Option<String>| {
            s.as_ref()
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        SearchParams {
            q: self.q.trim().to_string(),
            speaker: clean(&self.speaker),
            about: clean(&self.about),
            source: clean(&self.source),
            since: clean(&self.since),
            until: clean(&self.until),
            limit: Some(self.limit.unwrap_or(20).clamp(1, MAX_LIMIT)),
        }
    }
}

/// One search hit as published.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Full-text score (0 for a listing without words).
    pub score: f32,
    /// The outlet that carried it.
    pub outlet: String,
    /// The quotation.
    #[serde(flatten)]
    pub quote: QuoteRecord,
}

pub use saywho_model::outlet;

/// The outlet of a stored quotation.
pub fn quote_outlet(q: &QuoteRecord) -> String {
    let meta = ArticleMeta {
        source: q.source.clone(),
        ..Default::default()
    };
    outlet(&q.article, &meta)
}

/// Ranked quotations matching the words and every filter given.
pub fn search(store: &Store, params: &SearchParams) -> Result<Vec<Hit>> {
    let p = params.normalised();
    let limit = p.limit.unwrap_or(20);
    for (name, day) in [("since", &p.since), ("until", &p.until)] {
        if let Some(d) = day {
            if !is_day(d) {
                return Err(ServeError::BadRequest(format!(
                    "{name} must be a date YYYY-MM-DD, not {d:?}"
                )));
            }
        }
    }
    let persons = store.persons()?;
    let speakers = p.speaker.as_deref().map(|n| matching(&persons, n));
    let about = p.about.as_deref().map(|n| matching(&persons, n));
    let candidates: Vec<(f32, QuoteRecord)> = if p.q.is_empty() || p.q == "*" {
        store.all_quotes()?.into_iter().map(|q| (0.0, q)).collect()
    } else {
        let wanted = (limit * 50).max(2000);
        let mut out = Vec::new();
        for hit in store.search(&p.q, Target::Quotes, wanted)? {
            if let Some(idx) = hit.idx {
                if let Some(q) = store.quote(&hit.article, idx)? {
                    out.push((hit.score, q));
                }
            }
        }
        out
    };
    let mut loaded: HashMap<String, Option<StoredArticle>> = HashMap::new();
    let mut hits = Vec::new();
    for (score, q) in candidates {
        if hits.len() >= limit {
            break;
        }
        let outlet = quote_outlet(&q);
        if let Some(s) = &p.source {
            if !outlet.to_lowercase().contains(&s.to_lowercase()) {
                continue;
            }
        }
        if !in_dates(q.date.as_deref(), p.since.as_deref(), p.until.as_deref()) {
            continue;
        }
        if let Some((ids, names)) = &speakers {
            let linked = q.person.is_some_and(|id| ids.contains(&id));
            // Nobody linked by that name (people not linked yet): match the speaker's name.
            let named = ids.is_empty()
                && q.speaker_name.as_deref().is_some_and(|s| {
                    let s = s.to_lowercase();
                    names.iter().any(|n| s.contains(&n.to_lowercase()))
                });
            if !linked && !named {
                continue;
            }
        }
        if let Some((ids, names)) = &about {
            if !is_about(store, &mut loaded, &q, ids, names)? {
                continue;
            }
        }
        hits.push(Hit {
            rank: hits.len() + 1,
            score,
            outlet,
            quote: q,
        });
    }
    Ok(hits)
}

fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// The persons a name matches, with the words that name them; with nobody linked by that name,
/// the words themselves.
fn matching(persons: &[PersonRecord], name: &str) -> (HashSet<i64>, Vec<String>) {
    let found = saywho_people::lookup(
        persons
            .iter()
            .map(|p| (p.name.as_str(), p.aliases.as_slice())),
        name,
    );
    if found.is_empty() {
        return (HashSet::new(), vec![name.to_string()]);
    }
    let mut words = Vec::new();
    for &i in &found {
        let person = &persons[i];
        words.push(person.name.clone());
        if let Some(last) = saywho_people::name_tokens(&person.name).last() {
            words.push(last.clone());
        }
    }
    (found.iter().map(|&i| persons[i].id).collect(), words)
}

/// True when the quotation names one of the people or holds a mention linked to them.
fn is_about(
    store: &Store,
    loaded: &mut HashMap<String, Option<StoredArticle>>,
    q: &QuoteRecord,
    ids: &HashSet<i64>,
    names: &[String],
) -> Result<bool> {
    let lower = q.text.to_lowercase();
    let words: HashSet<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let named = names.iter().any(|n| {
        let n = n.to_lowercase();
        if n.contains(' ') {
            lower.contains(&n)
        } else {
            words.contains(n.as_str())
        }
    });
    if named {
        return Ok(true);
    }
    if ids.is_empty() {
        return Ok(false);
    }
    if !loaded.contains_key(&q.article) {
        loaded.insert(q.article.clone(), store.load(&q.article)?);
    }
    let Some(stored) = loaded.get(&q.article).and_then(|s| s.as_ref()) else {
        return Ok(false);
    };
    let span = Span::new(q.start, q.end);
    Ok(stored.analysis.mentions.iter().any(|m| {
        span.contains(&m.span)
            && m.entity
                .and_then(|e| stored.persons.get(e).copied().flatten())
                .is_some_and(|id| ids.contains(&id) && q.speaker_entity != m.entity)
    }))
}

/// True when `date` lies within the bounds; undated passes only when no bound is set.
fn in_dates(date: Option<&str>, since: Option<&str>, until: Option<&str>) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some(date) = date else {
        return false;
    };
    let day: String = date.chars().take(10).collect();
    since.is_none_or(|s| day.as_str() >= s) && until.is_none_or(|u| day.as_str() <= u)
}

/// One article with its text and analysis, as the API publishes it.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleDetail {
    /// The article's id.
    pub id: String,
    /// The outlet that carried it.
    pub outlet: String,
    /// Its story, when grouped.
    pub story: Option<i64>,
    /// The full text every span points into.
    pub text: String,
    /// Quotations and entities with their text.
    pub analysis: AnalysisView,
    /// For each entity of the analysis, the corpus person it is linked to.
    pub persons: Vec<Option<i64>>,
}

impl ArticleDetail {
    /// The published detail of a stored article.
    pub fn of(stored: &StoredArticle) -> ArticleDetail {
        ArticleDetail {
            id: stored.article.id.clone(),
            outlet: outlet(&stored.article.id, &stored.article.meta),
            story: stored.story,
            text: stored.article.text.clone(),
            analysis: AnalysisView::new(&stored.article, &stored.analysis),
            persons: stored.persons.clone(),
        }
    }
}

/// Every stored article's identity and metadata.
pub fn articles(store: &Store) -> Result<Vec<ArticleSummary>> {
    Ok(store.articles()?)
}

/// One stored article with its analysis.
pub fn article(store: &Store, id: &str) -> Result<ArticleDetail> {
    store
        .load(id)?
        .map(|s| ArticleDetail::of(&s))
        .ok_or_else(|| ServeError::NotFound(format!("no article {id:?}")))
}

/// Analyses an article that is not stored (a pasted text or an uploaded page).
pub fn analyze(analyzer: &Analyzer, article: &Article) -> ArticleDetail {
    let analysis = analyzer.analyze(&article.text);
    ArticleDetail {
        id: article.id.clone(),
        outlet: outlet(&article.id, &article.meta),
        story: None,
        text: article.text.clone(),
        analysis: AnalysisView::new(article, &analysis),
        persons: Vec::new(),
    }
}

/// A story in a listing.
#[derive(Clone, Debug, Serialize)]
pub struct StorySummary {
    /// The story's id.
    pub id: i64,
    /// The title of its first article with one.
    pub title: Option<String>,
    /// Its articles.
    pub articles: usize,
    /// The outlets that carried it.
    pub outlets: Vec<String>,
}

/// Every story, largest first.
pub fn stories(store: &Store) -> Result<Vec<StorySummary>> {
    let mut by_story: BTreeMap<i64, Vec<ArticleSummary>> = BTreeMap::new();
    for a in store.articles()? {
        if let Some(s) = a.story {
            by_story.entry(s).or_default().push(a);
        }
    }
    let mut out: Vec<StorySummary> = by_story
        .into_iter()
        .map(|(id, arts)| StorySummary {
            id,
            title: arts.iter().find_map(|a| a.meta.title.clone()),
            articles: arts.len(),
            outlets: arts
                .iter()
                .map(|a| outlet(&a.id, &a.meta))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        })
        .collect();
    out.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.id.cmp(&b.id)));
    Ok(out)
}

/// One story compared across its outlets, with each article's text and analysis.
#[derive(Clone, Debug, Serialize)]
pub struct StoryDetail {
    /// The story's id.
    pub story: i64,
    /// Who each outlet quotes, shared and unique quotations, stances, rebuttals.
    pub comparison: Comparison,
    /// The story's articles, oldest first when dated.
    pub articles: Vec<ArticleDetail>,
}

fn people(store: &Store) -> Result<Vec<PersonInfo>> {
    Ok(store
        .persons()?
        .into_iter()
        .map(|p| PersonInfo {
            id: p.id,
            name: p.name,
            aliases: p.aliases,
        })
        .collect())
}

fn inputs(store: &Store, ids: impl IntoIterator<Item = String>) -> Result<Vec<ArticleInput>> {
    let mut inputs = Vec::new();
    for id in ids {
        let Some(stored) = store.load(&id)? else {
            continue;
        };
        inputs.push(ArticleInput {
            outlet: outlet(&stored.article.id, &stored.article.meta),
            article: stored.article,
            analysis: stored.analysis,
            persons: stored.persons,
        });
    }
    // Oldest first when dated, so a change of stance reads in the order it happened.
    inputs.sort_by(|a, b| a.article.meta.date.cmp(&b.article.meta.date));
    Ok(inputs)
}

/// One story, by its id or the id of one of its articles.
pub fn story(store: &Store, id: &str) -> Result<StoryDetail> {
    let story = match id.trim().parse::<i64>() {
        Ok(n) if !store.story_articles(n)?.is_empty() => Some(n),
        _ => store.load(id)?.and_then(|a| a.story),
    };
    let Some(story) = story else {
        return Err(ServeError::NotFound(format!("no story {id:?}")));
    };
    let inputs = inputs(
        store,
        store.story_articles(story)?.into_iter().map(|a| a.id),
    )?;
    let comparison = saywho_compare::compare(&inputs, &people(store)?);
    let articles = inputs
        .iter()
        .map(|i| ArticleDetail {
            id: i.article.id.clone(),
            outlet: i.outlet.clone(),
            story: Some(story),
            text: i.article.text.clone(),
            analysis: AnalysisView::new(&i.article, &i.analysis),
            persons: i.persons.clone(),
        })
        .collect();
    Ok(StoryDetail {
        story,
        comparison,
        articles,
    })
}

/// Every person whose name or alias matches `name`; everyone when `name` is empty.
pub fn people_named(store: &Store, name: &str) -> Result<Vec<PersonRecord>> {
    let persons = store.persons()?;
    if name.trim().is_empty() {
        return Ok(persons);
    }
    let found = saywho_people::lookup(
        persons
            .iter()
            .map(|p| (p.name.as_str(), p.aliases.as_slice())),
        name,
    );
    Ok(found.into_iter().map(|i| persons[i].clone()).collect())
}

/// A quotation with its outlet.
#[derive(Clone, Debug, Serialize)]
pub struct OutletQuote {
    /// The outlet that carried it.
    pub outlet: String,
    /// The quotation.
    #[serde(flatten)]
    pub quote: QuoteRecord,
}

/// What one person says about another, summed over the stories they are both in.
#[derive(Clone, Debug, Serialize)]
pub struct StanceSummary {
    /// Whom it is about.
    pub target: Who,
    /// Statements with a positive view.
    pub positive: usize,
    /// Statements with a negative view.
    pub negative: usize,
    /// Statements with no view.
    pub neutral: usize,
    /// The summed lexicon score.
    pub score: i32,
}

/// One person across the corpus.
#[derive(Clone, Debug, Serialize)]
pub struct PersonDetail {
    /// Name, aliases, type.
    #[serde(flatten)]
    pub person: PersonRecord,
    /// Articles quoting them.
    pub articles: usize,
    /// Stories they are quoted in.
    pub stories: Vec<i64>,
    /// Outlets quoting them.
    pub outlets: Vec<String>,
    /// Their quotations in write order.
    pub quotes: Vec<OutletQuote>,
    /// Quotations per day (`undated` for articles without a date), oldest first.
    pub timeline: Vec<(String, usize)>,
    /// Their stance toward other people, most quoted target first.
    pub stances: Vec<StanceSummary>,
}

/// One person by id.
pub fn person(store: &Store, id: i64) -> Result<PersonDetail> {
    let Some(person) = store.persons()?.into_iter().find(|p| p.id == id) else {
        return Err(ServeError::NotFound(format!("no person {id}")));
    };
    let quotes = store.quotes_by_person(id)?;
    let articles: BTreeSet<String> = quotes.iter().map(|q| q.article.clone()).collect();
    let stories: BTreeSet<i64> = quotes.iter().filter_map(|q| q.story).collect();
    let mut timeline: BTreeMap<String, usize> = BTreeMap::new();
    for q in &quotes {
        let day = q
            .date
            .as_deref()
            .map(|d| d.chars().take(10).collect())
            .unwrap_or_else(|| "undated".to_string());
        *timeline.entry(day).or_default() += 1;
    }
    // Stance: compare each story they speak in (or each lone article) and keep their lines.
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for q in &quotes {
        let key = match q.story {
            Some(s) => format!("s{s}"),
            None => format!("a{}", q.article),
        };
        let ids = groups.entry(key).or_default();
        if !ids.contains(&q.article) {
            ids.push(q.article.clone());
        }
    }
    let everyone = people(store)?;
    let mut stance: BTreeMap<String, StanceSummary> = BTreeMap::new();
    for ids in groups.into_values() {
        let comparison = saywho_compare::compare(&inputs(store, ids)?, &everyone);
        for line in comparison
            .stances
            .iter()
            .filter(|l| l.speaker.person == Some(id))
        {
            let entry = stance
                .entry(line.target.name.clone())
                .or_insert_with(|| StanceSummary {
                    target: line.target.clone(),
                    positive: 0,
                    negative: 0,
                    neutral: 0,
                    score: 0,
                });
            for s in line.articles.iter().flat_map(|a| &a.statements) {
                match s.stance {
                    Stance::Positive => entry.positive += 1,
                    Stance::Negative => entry.negative += 1,
                    Stance::Neutral => entry.neutral += 1,
                }
                entry.score += s.score;
            }
        }
    }
    let mut stances: Vec<StanceSummary> = stance.into_values().collect();
    stances.sort_by_key(|s| std::cmp::Reverse(s.positive + s.negative + s.neutral));
    let quotes: Vec<OutletQuote> = quotes
        .into_iter()
        .map(|q| OutletQuote {
            outlet: quote_outlet(&q),
            quote: q,
        })
        .collect();
    Ok(PersonDetail {
        articles: articles.len(),
        stories: stories.into_iter().collect(),
        outlets: quotes
            .iter()
            .map(|q| q.outlet.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        person,
        quotes,
        timeline: timeline.into_iter().collect(),
        stances,
    })
}

#[cfg(test)]
mod tests {
    use super::{in_dates, is_day};

    #[test]
    fn dates_bound_inclusively() {
        assert!(in_dates(
            Some("2013-04-20T10:00:00Z"),
            Some("2013-04-20"),
            None
        ));
        assert!(!in_dates(Some("2013-04-21"), None, Some("2013-04-20")));
        assert!(!in_dates(None, Some("2013-01-01"), None));
        assert!(in_dates(None, None, None));
        assert!(is_day("2013-04-20"));
        assert!(!is_day("2013-4-20"));
        assert!(!is_day("yesterday"));
    }
}
