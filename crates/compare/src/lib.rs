//! Story comparison: given the analysed articles of one story, how do their outlets quote its
//! people? Who each outlet quotes, which quotations several outlets carry (matched even when one
//! outlet trimmed or re-punctuated them) and which only one carries, what each speaker says about
//! each other person (target and stance, article by article, so a change of heart shows), and
//! which statements answer each other (a denial answering a claim).
//!
//! Pure: no I/O. Stance comes from a small hand-written lexicon ([`lexicon`]) with negation and
//! "moving away from" handling; targets come from the analyzer's mentions near and inside each
//! quotation, so the quality follows the analyzer's.

pub mod lexicon;
mod text;

use std::collections::{BTreeMap, HashMap, HashSet};

use saywho_model::{Analysis, Article, CharIndex, EntityType, MentionKind, QuoteKind, Span};
use serde::{Deserialize, Serialize};

use text::{sentence_around, words};

/// One article of the story with its analysis and the corpus person of each entity.
#[derive(Clone, Debug)]
pub struct ArticleInput {
    /// The article (its id, text and metadata).
    pub article: Article,
    /// The outlet to show for it: its source, or a stand-in when the input named none.
    pub outlet: String,
    /// Its analysis.
    pub analysis: Analysis,
    /// For each entity of `analysis`, the corpus person it is, when linked.
    pub persons: Vec<Option<i64>>,
}

/// A corpus person's display name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInfo {
    /// The person's id in the store.
    pub id: i64,
    /// The name to show.
    pub name: String,
    /// Descriptions used for them elsewhere ("the Labour leader"), found in text as references.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Who someone is: the corpus person when known, and always a name to show.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Who {
    /// The name to show.
    pub name: String,
    /// The corpus person, when the entity was linked to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<i64>,
}

/// What a statement shows about the speaker's view of its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// Approving.
    Positive,
    /// Hostile.
    Negative,
    /// About them, without a view either way.
    Neutral,
}

impl Stance {
    fn of(score: i32) -> Stance {
        match score.cmp(&0) {
            std::cmp::Ordering::Greater => Stance::Positive,
            std::cmp::Ordering::Less => Stance::Negative,
            std::cmp::Ordering::Equal => Stance::Neutral,
        }
    }

    /// The lower-case name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Positive => "positive",
            Stance::Negative => "negative",
            Stance::Neutral => "neutral",
        }
    }
}

/// One article as a column of the comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSide {
    /// The article's id.
    pub id: String,
    /// Its outlet.
    pub outlet: String,
    /// Its title.
    pub title: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// How many quotations it has.
    pub quotes: usize,
}

/// How often each article quotes one speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRow {
    /// The speaker.
    pub speaker: Who,
    /// Quotation counts, one per article, in the order of [`Comparison::articles`].
    pub counts: Vec<usize>,
}

/// A quotation, located.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRef {
    /// The article's id.
    pub article: String,
    /// The article's outlet.
    pub outlet: String,
    /// The quotation's index within the article.
    pub idx: usize,
    /// Its speaker.
    pub speaker: Who,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// Its content.
    pub text: String,
}

/// One quotation as several outlets carry it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedQuote {
    /// The speaker (as the first version attributes it).
    pub speaker: Who,
    /// Each outlet's version.
    pub versions: Vec<QuoteRef>,
}

/// One statement's bearing on one target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceStatement {
    /// The quotation.
    pub quote: QuoteRef,
    /// The stance it shows.
    pub stance: Stance,
    /// The lexicon score (positive approves, negative is hostile).
    pub score: i32,
    /// The words that decided it.
    pub cues: Vec<String>,
}

/// What one speaker says about one target in one article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleStance {
    /// The article's id.
    pub article: String,
    /// Its outlet.
    pub outlet: String,
    /// The overall stance in this article.
    pub stance: Stance,
    /// The summed score of its statements.
    pub score: i32,
    /// The statements, in text order.
    pub statements: Vec<StanceStatement>,
}

/// What one speaker says about one other person across the story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceLine {
    /// Who speaks.
    pub speaker: Who,
    /// Whom they speak about.
    pub target: Who,
    /// Article by article, in story order.
    pub articles: Vec<ArticleStance>,
}

impl StanceLine {
    /// True when the stance changes between articles (say, favourable then hostile).
    pub fn shifts(&self) -> bool {
        let stances: HashSet<Stance> = self
            .articles
            .iter()
            .map(|a| a.stance)
            .filter(|s| *s != Stance::Neutral)
            .collect();
        stances.len() > 1
    }
}

/// A statement that answers another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rebuttal {
    /// The answer (the denial).
    pub statement: QuoteRef,
    /// What it answers.
    pub answers: QuoteRef,
    /// The word that makes it a denial.
    pub cue: String,
    /// Words the two share, showing they are about the same thing.
    pub shared_words: Vec<String>,
}

/// The whole comparison of one story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The articles, as columns.
    pub articles: Vec<ArticleSide>,
    /// Who is quoted, and how often by each article.
    pub speakers: Vec<SpeakerRow>,
    /// Quotations several outlets carry.
    pub shared: Vec<SharedQuote>,
    /// Quotations only one outlet carries.
    pub unique: Vec<QuoteRef>,
    /// What each speaker says about each other person.
    pub stances: Vec<StanceLine>,
    /// Statements that answer each other.
    pub rebuttals: Vec<Rebuttal>,
}

/// A possible target while a statement is read: someone known, or a "he"/"him" waiting for
/// the person it stands for.
enum Pronoun {
    Known(Who),
    Singular,
}

/// What an unresolved pronoun can stand for: "he", "him", "his", "she", "her" a person named
/// before it; plural and neuter ones nobody.
fn pronoun_target(chars: &[char], span: Span) -> Option<Pronoun> {
    let word: String = chars[span.start.min(chars.len())..span.end.min(chars.len())]
        .iter()
        .collect::<String>()
        .to_lowercase();
    matches!(word.as_str(), "he" | "him" | "his" | "she" | "her").then_some(Pronoun::Singular)
}

/// A quotation with what the comparison works out about it.
struct Statement {
    quote: QuoteRef,
    /// Position within the story (article order, then text order).
    article: usize,
    /// Target → (score, cues).
    about: BTreeMap<Who, (i32, Vec<String>)>,
    words: Vec<String>,
}

/// Compares the articles of one story, in the order given.
pub fn compare(articles: &[ArticleInput], people: &[PersonInfo]) -> Comparison {
    let names: HashMap<i64, &PersonInfo> = people.iter().map(|p| (p.id, p)).collect();
    let mut statements: Vec<Statement> = Vec::new();
    let mut sides = Vec::new();
    for (a, input) in articles.iter().enumerate() {
        sides.push(ArticleSide {
            id: input.article.id.clone(),
            outlet: input.outlet.clone(),
            title: input.article.meta.title.clone(),
            date: input.article.meta.date.clone(),
            quotes: input.analysis.quotes.len(),
        });
        statements.extend(article_statements(a, input, &names));
    }

    // Who is quoted by which outlet.
    let mut speakers: Vec<SpeakerRow> = Vec::new();
    for s in &statements {
        let row = match speakers.iter_mut().find(|r| r.speaker == s.quote.speaker) {
            Some(row) => row,
            None => {
                speakers.push(SpeakerRow {
                    speaker: s.quote.speaker.clone(),
                    counts: vec![0; articles.len()],
                });
                speakers.last_mut().expect("just pushed")
            }
        };
        row.counts[s.article] += 1;
    }
    speakers.sort_by(|a, b| {
        let total = |r: &SpeakerRow| r.counts.iter().sum::<usize>();
        total(b).cmp(&total(a)).then(a.speaker.cmp(&b.speaker))
    });

    let (shared, unique) = shared_and_unique(&statements);
    let stances = stance_lines(&statements, articles);
    let rebuttals = rebuttals(&statements);
    Comparison {
        articles: sides,
        speakers,
        shared,
        unique,
        stances,
        rebuttals,
    }
}

/// The statements of one article, with their targets and stance scores.
fn article_statements(
    a: usize,
    input: &ArticleInput,
    names: &HashMap<i64, &PersonInfo>,
) -> Vec<Statement> {
    let analysis = &input.analysis;
    let text = &input.article.text;
    let index = CharIndex::new(text);
    let chars: Vec<char> = text.chars().collect();
    // Only people are targets: what a speaker thinks of a party or a paper is another question.
    let who_of_entity = |e: usize| -> Option<Who> {
        let entity = analysis.entities.get(e)?;
        if entity.entity_type != EntityType::Person {
            return None;
        }
        let person = input.persons.get(e).copied().flatten();
        let name = person
            .and_then(|p| names.get(&p).map(|n| n.name.clone()))
            .unwrap_or_else(|| entity.name.clone());
        Some(Who { name, person })
    };
    // Descriptions the corpus knows for the people of this article ("the Labour leader").
    let mut descriptions: Vec<(Vec<char>, usize)> = Vec::new();
    for (e, person) in input.persons.iter().enumerate() {
        let Some(info) = person.and_then(|p| names.get(&p)) else {
            continue;
        };
        for alias in &info.aliases {
            let lower = alias.to_lowercase();
            if alias.chars().next().is_some_and(char::is_lowercase) && lower.contains(' ') {
                descriptions.push((lower.chars().collect(), e));
            }
        }
    }
    let lower_chars: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    // Quotations inside another (a partial quote within its reported clause) are counted once.
    let nested: Vec<bool> = analysis
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            analysis
                .quotes
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.span.contains(&q.span) && (o.span != q.span || j < i))
        })
        .collect();
    // Capitalised words that stand for someone of this article ("Miliband" for Ed Miliband),
    // kept only when they point at exactly one entity.
    let mut surname_of: HashMap<String, Option<usize>> = HashMap::new();
    for (e, entity) in analysis.entities.iter().enumerate() {
        for token in entity.name.split_whitespace() {
            let key = token
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if key.len() < 3 || lexicon::NOT_NAMES.contains(&key.as_str()) {
                continue;
            }
            surname_of
                .entry(key)
                .and_modify(|v| {
                    if *v != Some(e) {
                        *v = None
                    }
                })
                .or_insert(Some(e));
        }
    }
    let mut out: Vec<Statement> = Vec::new();
    // The targets of the speaker's previous statement, for a continuation with none of its own.
    let mut last_targets: HashMap<Who, (usize, Vec<Who>)> = HashMap::new();
    for (idx, q) in analysis.quotes.iter().enumerate() {
        let span = Span::new(q.span.start, q.span.end.max(q.span.start));
        let speaker = analysis
            .speaker_entity(q)
            .and(q.speaker.entity)
            .and_then(who_of_entity)
            .or_else(|| {
                q.speaker.mention.and_then(|m| {
                    let mention = analysis.mentions.get(m)?;
                    Some(Who {
                        name: index.slice(mention.span).trim().to_string(),
                        person: None,
                    })
                })
            })
            .unwrap_or_else(|| Who {
                name: "(unattributed)".into(),
                person: None,
            });
        let quote_text = index.slice(span).to_string();
        let context = sentence_around(&chars, span);
        let context_words = words(&chars, context);
        let is_speaker =
            |w: &Who| (w.person.is_some() && w.person == speaker.person) || w.name == speaker.name;

        // Who the statement could be about, by position.
        let mut targets: Vec<(usize, Option<Pronoun>)> = Vec::new();
        let mut covered: Vec<Span> = Vec::new();
        // Descriptions the corpus knows first: "the Labour leader" is one reference, even when
        // the analyzer saw only the party in it.
        for (pattern, e) in &descriptions {
            let mut at = context.start;
            while at + pattern.len() <= context.end.min(lower_chars.len()) {
                if lower_chars[at..at + pattern.len()] == pattern[..] {
                    let found = Span::new(at, at + pattern.len());
                    if !covered.iter().any(|c| c.overlaps(&found)) {
                        covered.push(found);
                        if let Some(w) = who_of_entity(*e).filter(|w| !is_speaker(w)) {
                            targets.push((at, Some(Pronoun::Known(w))));
                        }
                    }
                    at += pattern.len();
                } else {
                    at += 1;
                }
            }
        }
        let described = covered.len();
        for m in &analysis.mentions {
            if !context.contains(&m.span)
                || m.span.is_empty()
                || covered[..described].iter().any(|c| c.overlaps(&m.span))
            {
                continue;
            }
            covered.push(m.span);
            match m.entity.and_then(who_of_entity) {
                Some(w) if is_speaker(&w) => {}
                Some(w) => targets.push((m.span.start, Some(Pronoun::Known(w)))),
                None if m.kind == MentionKind::Pronoun => {
                    targets.push((m.span.start, pronoun_target(&chars, m.span)))
                }
                None => targets.push((m.span.start, None)),
            }
        }
        for w in &context_words {
            if covered
                .iter()
                .any(|c| c.contains(&Span::new(w.start, w.end)))
            {
                continue;
            }
            let lower = w.lower.as_str();
            if matches!(
                lower,
                "he" | "him" | "his" | "she" | "her" | "they" | "them" | "their" | "it" | "its"
            ) {
                targets.push((w.start, pronoun_target(&chars, Span::new(w.start, w.end))));
            } else if w.capitalised && !lexicon::NOT_NAMES.contains(&lower) {
                let who = surname_of
                    .get(lower)
                    .copied()
                    .flatten()
                    .and_then(who_of_entity);
                match who {
                    Some(w2) if is_speaker(&w2) => {}
                    other => targets.push((w.start, other.map(Pronoun::Known))),
                }
            }
        }
        targets.sort_by_key(|t| t.0);
        // "he" and "him" with nobody resolved stand for the last person named before them.
        let mut last_known: Option<Who> = None;
        for t in targets.iter_mut() {
            match &t.1 {
                Some(Pronoun::Singular) => t.1 = last_known.clone().map(Pronoun::Known),
                Some(Pronoun::Known(w)) => last_known = Some(w.clone()),
                _ => {}
            }
        }
        let targets: Vec<(usize, Option<Who>)> = targets
            .into_iter()
            .map(|(at, t)| match t {
                Some(Pronoun::Known(w)) => (at, Some(w)),
                _ => (at, None),
            })
            .collect();

        // What the statement says, word by word.
        let mut about: BTreeMap<Who, (i32, Vec<String>)> = BTreeMap::new();
        let mut orphan: Vec<(i32, String)> = Vec::new();
        for (i, w) in context_words.iter().enumerate() {
            let inside = span.contains(&Span::new(w.start, w.end));
            // "Respect" mid-sentence is a party, not a compliment.
            let starts_sentence = chars[..w.start]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '“' | ':' | '\n'));
            if w.capitalised && !starts_sentence {
                continue;
            }
            let mut score = if inside {
                lexicon::weight(&w.lower)
            } else if lexicon::FRAME_CUES.contains(&w.lower.as_str()) {
                if lexicon::FRAME_NEGATIVE.contains(&w.lower.as_str()) {
                    -1
                } else {
                    lexicon::weight(&w.lower)
                }
            } else {
                0
            };
            if score == 0 {
                continue;
            }
            let before = &context_words[i.saturating_sub(3)..i];
            let negated = before
                .iter()
                .any(|b| lexicon::NEGATORS.contains(&b.lower.as_str()) || b.lower.ends_with("n't"));
            // "a move back from the betrayers": leaving something bad behind is approval.
            let moving_away = score < 0
                && before
                    .iter()
                    .any(|b| lexicon::AWAY.contains(&b.lower.as_str()));
            if negated || moving_away {
                score = -score;
            }
            let target = targets
                .iter()
                .rev()
                .find(|t| t.0 < w.start)
                .or_else(|| targets.iter().find(|t| t.0 > w.start));
            match target {
                Some((_, Some(who))) => {
                    let entry = about.entry(who.clone()).or_default();
                    entry.0 += score;
                    entry.1.push(w.text.clone());
                }
                Some((_, None)) => {}
                None => orphan.push((score, w.text.clone())),
            }
        }
        // Everyone the statement names is something it is about, even without a view.
        for who in targets.iter().filter_map(|t| t.1.clone()) {
            about.entry(who).or_default();
        }
        // A continuation ("An unprincipled coward…") inherits the previous statement's targets.
        if about.is_empty() && !orphan.is_empty() {
            if let Some((end, prev)) = last_targets.get(&speaker) {
                if span.start.saturating_sub(*end) < 400 && prev.len() == 1 {
                    let entry = about.entry(prev[0].clone()).or_default();
                    for (score, word) in &orphan {
                        entry.0 += score;
                        entry.1.push(word.clone());
                    }
                }
            }
        }
        if !about.is_empty() {
            last_targets.insert(speaker.clone(), (span.end, about.keys().cloned().collect()));
        }
        if nested[idx] {
            about.clear();
        }
        out.push(Statement {
            quote: QuoteRef {
                article: input.article.id.clone(),
                outlet: input.outlet.clone(),
                idx,
                speaker,
                kind: q.kind,
                text: quote_text.clone(),
            },
            article: a,
            about,
            words: text::content_words(&quote_text),
        });
    }
    out
}

/// Groups quotations that are the same words across outlets.
fn shared_and_unique(statements: &[Statement]) -> (Vec<SharedQuote>, Vec<QuoteRef>) {
    let n = statements.len();
    let tokens: Vec<Vec<String>> = statements
        .iter()
        .map(|s| text::normal_tokens(&s.quote.text))
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if statements[i].quote.outlet == statements[j].quote.outlet
                && statements[i].quote.article == statements[j].quote.article
            {
                continue;
            }
            if statements[i].quote.article == statements[j].quote.article {
                continue;
            }
            if text::same_words(&tokens[i], &tokens[j]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut shared = Vec::new();
    let mut unique = Vec::new();
    let mut ordered: Vec<Vec<usize>> = groups.into_values().collect();
    ordered.sort_by_key(|g| g[0]);
    for group in ordered {
        let articles: HashSet<&str> = group
            .iter()
            .map(|&i| statements[i].quote.article.as_str())
            .collect();
        if articles.len() > 1 {
            shared.push(SharedQuote {
                speaker: statements[group[0]].quote.speaker.clone(),
                versions: group.iter().map(|&i| statements[i].quote.clone()).collect(),
            });
        } else {
            unique.extend(group.iter().map(|&i| statements[i].quote.clone()));
        }
    }
    (shared, unique)
}

/// Gathers what each speaker says about each target, article by article.
fn stance_lines(statements: &[Statement], articles: &[ArticleInput]) -> Vec<StanceLine> {
    let mut lines: BTreeMap<(Who, Who), Vec<Vec<StanceStatement>>> = BTreeMap::new();
    for s in statements {
        for (target, (score, cues)) in &s.about {
            let per_article = lines
                .entry((s.quote.speaker.clone(), target.clone()))
                .or_insert_with(|| vec![Vec::new(); articles.len()]);
            per_article[s.article].push(StanceStatement {
                quote: s.quote.clone(),
                stance: Stance::of(*score),
                score: *score,
                cues: cues.clone(),
            });
        }
    }
    let mut out: Vec<StanceLine> = lines
        .into_iter()
        .filter(|((speaker, _), _)| speaker.name != "(unattributed)")
        .map(|((speaker, target), per_article)| StanceLine {
            speaker,
            target,
            articles: per_article
                .into_iter()
                .enumerate()
                .filter(|(_, s)| !s.is_empty())
                .map(|(a, statements)| {
                    let score: i32 = statements.iter().map(|s| s.score).sum();
                    ArticleStance {
                        article: articles[a].article.id.clone(),
                        outlet: articles[a].outlet.clone(),
                        stance: Stance::of(score),
                        score,
                        statements,
                    }
                })
                .collect(),
        })
        .collect();
    // Lines with views first, shifting ones before steady ones.
    out.sort_by_key(|l| {
        let weight: i32 = l.articles.iter().map(|a| a.score.abs()).sum();
        (std::cmp::Reverse(l.shifts()), std::cmp::Reverse(weight))
    });
    out
}

/// Finds denials and the statements they answer: a denial by one speaker about another person
/// answers that person's statement sharing the most content words with it.
fn rebuttals(statements: &[Statement]) -> Vec<Rebuttal> {
    let mut out = Vec::new();
    for s in statements {
        let lower = s.quote.text.to_lowercase();
        let Some(cue) = text::normal_tokens(&lower)
            .into_iter()
            .find(|w| lexicon::DENIALS.contains(&w.as_str()))
        else {
            continue;
        };
        let own: HashSet<&String> = s.words.iter().collect();
        let mut best: Option<(usize, Vec<String>)> = None;
        for (j, other) in statements.iter().enumerate() {
            if other.quote.speaker == s.quote.speaker
                || other.quote.speaker.name == "(unattributed)"
                || !s.about.contains_key(&other.quote.speaker)
            {
                continue;
            }
            let mut shared: Vec<String> = other
                .words
                .iter()
                .filter(|w| own.contains(w))
                .cloned()
                .collect();
            shared.dedup();
            if shared.is_empty() {
                continue;
            }
            if best.as_ref().is_none_or(|(_, b)| shared.len() > b.len()) {
                best = Some((j, shared));
            }
        }
        if let Some((j, shared_words)) = best {
            out.push(Rebuttal {
                statement: s.quote.clone(),
                answers: statements[j].quote.clone(),
                cue,
                shared_words,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
