//! The rows of the exchange tables, and their conversion to and from the domain model.

use saywho_model::{
    Analysis, Article, ArticleMeta, CharIndex, Entity, EntityType, Mention, MentionKind, Quotation,
    QuoteKind, Span, Speaker,
};
use serde::{Deserialize, Serialize};

use crate::ExchangeError;

/// One article: its metadata, its text (every span of the other tables points into it) and the
/// story it was grouped into, when it was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRow {
    /// The article's id, the key the other tables use.
    pub id: String,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Outlet.
    #[serde(default)]
    pub source: Option<String>,
    /// Canonical URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date as given (ISO 8601).
    #[serde(default)]
    pub date: Option<String>,
    /// Bylines.
    #[serde(default)]
    pub authors: Vec<String>,
    /// BCP 47 language tag.
    #[serde(default)]
    pub language: Option<String>,
    /// Body text, exactly as analysed.
    pub text: String,
    /// The story, once grouped; ids are only comparable within one export or one job.
    #[serde(default)]
    pub story: Option<i64>,
}

/// One quotation of one article (the store's `quotes` table).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    /// The article's id.
    pub article: String,
    /// Position among the article's quotations, from 0, in text order.
    pub idx: i32,
    /// First code point of the content.
    pub start: i32,
    /// One past the last code point of the content.
    pub end: i32,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// Where the cue starts, when there is one.
    #[serde(default)]
    pub cue_start: Option<i32>,
    /// Where the cue ends.
    #[serde(default)]
    pub cue_end: Option<i32>,
    /// The speaker's `idx` in the entities table, when the speaker is an entity of the article.
    #[serde(default)]
    pub speaker_entity: Option<i32>,
    /// The `idx` of the mention the cue binds, in the mentions table.
    #[serde(default)]
    pub speaker_mention: Option<i32>,
    /// The speaker's name as the article gives it (entity name, else the mention's words).
    #[serde(default)]
    pub speaker_name: Option<String>,
    /// How sure the analyzer is, from 0 to 1 (the analyzer's f32, widened exactly).
    pub confidence: f64,
    /// The content.
    pub text: String,
}

/// One entity of one article (the store's `entities` table).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRow {
    /// The article's id.
    pub article: String,
    /// Position among the article's entities, from 0.
    pub idx: i32,
    /// The fullest name the article gives.
    pub name: String,
    /// Person, organisation or other.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The corpus person it was linked to, once linked.
    #[serde(default)]
    pub person: Option<i64>,
}

/// One mention of one article (the store's `mentions` table).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    /// The article's id.
    pub article: String,
    /// Position among the article's mentions, from 0, in text order.
    pub idx: i32,
    /// First code point.
    pub start: i32,
    /// One past the last code point.
    pub end: i32,
    /// Name, description or pronoun.
    pub kind: MentionKind,
    /// The `idx` of the entity it refers to, once resolved.
    #[serde(default)]
    pub entity: Option<i32>,
    /// The mention's words.
    pub text: String,
}

/// One corpus person (the store's `persons` table).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonRow {
    /// The id entities' `person` refers to.
    pub id: i64,
    /// The fullest name seen.
    pub name: String,
    /// Person, organisation or other.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Other names and descriptions seen, most used first.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Everything about one article across the tables: the unit that is written, read, piped
/// (`saywho analyze --format rows` prints one per line, the article's columns at the top
/// level) and stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRows {
    /// The article's own row.
    #[serde(flatten)]
    pub article: ArticleRow,
    /// Its quotations, by `idx`.
    #[serde(default)]
    pub quotes: Vec<QuoteRow>,
    /// Its entities, by `idx`.
    #[serde(default)]
    pub entities: Vec<EntityRow>,
    /// Its mentions, by `idx`.
    #[serde(default)]
    pub mentions: Vec<MentionRow>,
}

/// Clamps a count into a column: no article read under the record size limit comes near it.
fn col(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl ArticleRows {
    /// The rows of one analysed article, with spans resolved to their text; no story and no
    /// person links yet (set `article.story` and each entity's `person` when known).
    pub fn new(article: &Article, analysis: &Analysis) -> ArticleRows {
        let index = CharIndex::new(&article.text);
        let slice = |span: Span| {
            index
                .slice(Span::new(span.start, span.end.max(span.start)))
                .to_string()
        };
        let id = &article.id;
        let entities: Vec<EntityRow> = analysis
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| EntityRow {
                article: id.clone(),
                idx: col(i),
                name: e.name.clone(),
                entity_type: e.entity_type,
                person: None,
            })
            .collect();
        // Indices that point past the end of a list are dropped rather than written dangling.
        let entity_ok = |e: Option<usize>| e.filter(|&e| e < entities.len());
        let mentions: Vec<MentionRow> = analysis
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| MentionRow {
                article: id.clone(),
                idx: col(i),
                start: col(m.span.start),
                end: col(m.span.end),
                kind: m.kind,
                entity: entity_ok(m.entity).map(col),
                text: slice(m.span),
            })
            .collect();
        let quotes = analysis
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let mention = q.speaker.mention.filter(|&m| m < mentions.len());
                let speaker_name = analysis
                    .speaker_entity(q)
                    .map(|e| e.name.clone())
                    .or_else(|| analysis.naming_mention(q).map(|m| slice(m.span)));
                QuoteRow {
                    article: id.clone(),
                    idx: col(i),
                    start: col(q.span.start),
                    end: col(q.span.end),
                    kind: q.kind,
                    cue_start: q.cue.map(|c| col(c.start)),
                    cue_end: q.cue.map(|c| col(c.end)),
                    speaker_entity: entity_ok(q.speaker.entity).map(col),
                    speaker_mention: mention.map(col),
                    speaker_name,
                    confidence: f64::from(q.confidence),
                    text: slice(q.span),
                }
            })
            .collect();
        let meta = &article.meta;
        ArticleRows {
            article: ArticleRow {
                id: id.clone(),
                title: meta.title.clone(),
                source: meta.source.clone(),
                url: meta.url.clone(),
                date: meta.date.clone(),
                authors: meta.authors.clone(),
                language: meta.language.clone(),
                text: article.text.clone(),
                story: None,
            },
            quotes,
            entities,
            mentions,
        }
    }

    /// The article and its analysis, checked: every table's `idx` runs 0, 1, 2… with no gap,
    /// every reference points at a row that exists, and every span lies inside the text. Rows
    /// may come in any order (Spark does not keep it).
    pub fn into_parts(mut self) -> Result<(Article, Analysis), ExchangeError> {
        let id = self.article.id.clone();
        let bad = |message: String| ExchangeError::BadArticle {
            article: id.clone(),
            message,
        };
        self.quotes.sort_by_key(|q| q.idx);
        self.entities.sort_by_key(|e| e.idx);
        self.mentions.sort_by_key(|m| m.idx);
        check_idx("quotation", self.quotes.iter().map(|q| q.idx)).map_err(&bad)?;
        check_idx("entity", self.entities.iter().map(|e| e.idx)).map_err(&bad)?;
        check_idx("mention", self.mentions.iter().map(|m| m.idx)).map_err(&bad)?;
        let chars = self.article.text.chars().count();
        let span = |what: &str, start: i32, end: i32| -> Result<Span, ExchangeError> {
            match (usize::try_from(start), usize::try_from(end)) {
                (Ok(s), Ok(e)) if s <= e && e <= chars => Ok(Span::new(s, e)),
                _ => Err(bad(format!(
                    "{what} span {start}..{end} is not inside the {chars}-character text"
                ))),
            }
        };
        let reference = |what: &str, value: Option<i32>, len: usize| match value {
            None => Ok(None),
            Some(v) => match usize::try_from(v) {
                Ok(v) if v < len => Ok(Some(v)),
                _ => Err(bad(format!("{what} {v} does not exist (there are {len})"))),
            },
        };
        let mut entities: Vec<Entity> = self
            .entities
            .iter()
            .map(|e| Entity {
                name: e.name.clone(),
                entity_type: e.entity_type,
                mentions: Vec::new(),
            })
            .collect();
        let mut mentions = Vec::with_capacity(self.mentions.len());
        for (i, m) in self.mentions.iter().enumerate() {
            let entity = reference("mention's entity", m.entity, entities.len())?;
            if let Some(e) = entity {
                entities[e].mentions.push(i);
            }
            mentions.push(Mention {
                span: span("mention", m.start, m.end)?,
                kind: m.kind,
                entity,
            });
        }
        let mut quotes = Vec::with_capacity(self.quotes.len());
        for q in &self.quotes {
            let cue = match (q.cue_start, q.cue_end) {
                (Some(s), Some(e)) => Some(span("cue", s, e)?),
                (None, None) => None,
                _ => return Err(bad(format!("quotation {} has half a cue", q.idx))),
            };
            quotes.push(Quotation {
                span: span("quotation", q.start, q.end)?,
                kind: q.kind,
                cue,
                speaker: Speaker {
                    entity: reference("speaker entity", q.speaker_entity, entities.len())?,
                    mention: reference("speaker mention", q.speaker_mention, mentions.len())?,
                },
                confidence: q.confidence as f32,
            });
        }
        let a = self.article;
        let article = Article {
            id: a.id,
            text: a.text,
            meta: ArticleMeta {
                title: a.title,
                source: a.source,
                url: a.url,
                date: a.date,
                authors: a.authors,
                language: a.language,
            },
        };
        Ok((
            article,
            Analysis {
                quotes,
                mentions,
                entities,
            },
        ))
    }
}

/// Checks that sorted indices run 0, 1, 2… without gap or repeat.
fn check_idx(what: &str, sorted: impl Iterator<Item = i32>) -> Result<(), String> {
    for (expected, idx) in sorted.enumerate() {
        if usize::try_from(idx).ok() != Some(expected) {
            return Err(format!(
                "{what} rows are not numbered 0, 1, 2…: expected idx {expected}, found {idx}"
            ));
        }
    }
    Ok(())
}

/// The lower-case name every output uses for an entity type.
pub fn entity_type_name(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Other => "other",
    }
}

/// The lower-case name every output uses for a mention kind.
pub fn mention_kind_name(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Name => "name",
        MentionKind::Description => "description",
        MentionKind::Pronoun => "pronoun",
    }
}

/// Parses a name written by [`entity_type_name`]; anything else is refused, not guessed.
pub fn entity_type_from(s: &str) -> Option<EntityType> {
    [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Other,
    ]
    .into_iter()
    .find(|t| entity_type_name(*t) == s)
}

/// Parses a name written by [`mention_kind_name`].
pub fn mention_kind_from(s: &str) -> Option<MentionKind> {
    [
        MentionKind::Name,
        MentionKind::Description,
        MentionKind::Pronoun,
    ]
    .into_iter()
    .find(|k| mention_kind_name(*k) == s)
}

/// Parses a name written by [`QuoteKind::as_str`].
pub fn quote_kind_from(s: &str) -> Option<QuoteKind> {
    [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect]
        .into_iter()
        .find(|k| k.as_str() == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Article, Analysis) {
        let mut article = Article::new("a1", "“We won,” said Ann Lee. She left.");
        article.meta.title = Some("Win".into());
        article.meta.authors = vec!["X".into(), "Y".into()];
        let analysis = Analysis {
            quotes: vec![Quotation {
                span: Span::new(1, 7),
                kind: QuoteKind::Direct,
                cue: Some(Span::new(10, 14)),
                speaker: Speaker {
                    entity: Some(0),
                    mention: Some(0),
                },
                confidence: 0.85,
            }],
            mentions: vec![
                Mention {
                    span: Span::new(15, 22),
                    kind: MentionKind::Name,
                    entity: Some(0),
                },
                Mention {
                    span: Span::new(24, 27),
                    kind: MentionKind::Pronoun,
                    entity: None,
                },
            ],
            entities: vec![Entity {
                name: "Ann Lee".into(),
                entity_type: EntityType::Person,
                mentions: vec![0],
            }],
        };
        (article, analysis)
    }

    #[test]
    fn rows_round_trip_to_the_same_analysis() {
        let (article, analysis) = sample();
        let rows = ArticleRows::new(&article, &analysis);
        assert_eq!(rows.quotes[0].text, "We won");
        assert_eq!(rows.quotes[0].speaker_name.as_deref(), Some("Ann Lee"));
        assert_eq!(rows.mentions[1].text, "She");
        let mut shuffled = rows.clone();
        shuffled.mentions.reverse();
        let (a, b) = shuffled.into_parts().unwrap();
        assert_eq!(a, article);
        assert_eq!(b, analysis);
    }

    #[test]
    fn rows_json_has_the_id_at_the_top() {
        let (article, analysis) = sample();
        let json = serde_json::to_value(ArticleRows::new(&article, &analysis)).unwrap();
        assert_eq!(json["id"], "a1");
        assert_eq!(json["quotes"][0]["kind"], "direct");
        assert_eq!(json["entities"][0]["type"], "person");
    }

    #[test]
    fn broken_rows_are_refused_with_the_article_named() {
        let (article, analysis) = sample();
        let mut rows = ArticleRows::new(&article, &analysis);
        rows.quotes[0].speaker_mention = Some(5);
        let err = rows.clone().into_parts().unwrap_err().to_string();
        assert!(
            err.starts_with("article a1: speaker mention 5 does not exist"),
            "{err}"
        );
        rows.quotes[0].speaker_mention = None;
        rows.mentions[1].idx = 3;
        let err = rows.clone().into_parts().unwrap_err().to_string();
        assert!(err.contains("expected idx 1, found 3"), "{err}");
        rows.mentions[1].idx = 1;
        rows.mentions[1].end = 400;
        let err = rows.into_parts().unwrap_err().to_string();
        assert!(err.contains("mention span 24..400"), "{err}");
    }
}
