use saywho_model::{Entity, EntityType, Mention, Quotation, Speaker};

use super::*;

/// Builds an analysis by locating strings in the text, so tests read like the articles.
struct Builder {
    text: String,
    analysis: Analysis,
}

impl Builder {
    fn new(text: &str) -> Self {
        Builder {
            text: text.to_string(),
            analysis: Analysis::default(),
        }
    }

    fn span(&self, needle: &str, nth: usize) -> Span {
        let byte = self
            .text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("{needle:?} not in text"))
            .0;
        let start = self.text[..byte].chars().count();
        Span::new(start, start + needle.chars().count())
    }

    fn entity(mut self, name: &str, mentions: &[(&str, usize, MentionKind)]) -> Self {
        let e = self.analysis.entities.len();
        let mut ids = Vec::new();
        for (needle, nth, kind) in mentions {
            let span = self.span(needle, *nth);
            ids.push(self.analysis.mentions.len());
            self.analysis.mentions.push(Mention {
                span,
                kind: *kind,
                entity: Some(e),
            });
        }
        self.analysis.entities.push(Entity {
            name: name.into(),
            entity_type: EntityType::Person,
            mentions: ids,
        });
        self
    }

    fn quote(mut self, needle: &str, kind: QuoteKind, speaker: usize) -> Self {
        let span = self.span(needle, 0);
        self.analysis.quotes.push(Quotation {
            span,
            kind,
            cue: None,
            speaker: Speaker {
                entity: Some(speaker),
                mention: None,
            },
            confidence: 0.9,
        });
        self
    }

    fn input(self, id: &str, outlet: &str, persons: Vec<Option<i64>>) -> ArticleInput {
        ArticleInput {
            article: Article::new(id, self.text),
            outlet: outlet.into(),
            analysis: self.analysis,
            persons,
        }
    }
}

use MentionKind::{Description as D, Name as N};

fn story() -> (Vec<ArticleInput>, Vec<PersonInfo>) {
    let a = Builder::new(
        "The avowed socialist said Miliband \"represents a move back from the betrayers\" - those who pushed Labour to the centre.\n\n\"It was a private meeting,\" Galloway said.",
    )
    .entity("George Galloway", &[("The avowed socialist", 0, D), ("Galloway", 0, N)])
    .entity("Ed Miliband", &[("Miliband", 0, N)])
    .quote("represents a move back from the betrayers", QuoteKind::Partial, 0)
    .quote("It was a private meeting,", QuoteKind::Direct, 0)
    .input("a", "IBTimes", vec![Some(1), Some(2)]);
    let b = Builder::new(
        "The backbencher tweeted: \"I realise now that I showed poor judgement in finally agreeing to meet Miliband.\n\n\"An unprincipled coward with the backbone of an amoeba.\"\n\nHe added: \"Miliband's claim that he repeatedly pursued me for a one-hour meeting about 'boundary changes' is, quite simply, a lie.\"\n\n\"We were having a big vote on boundary changes; I met all the minor parties,\" said Ed Miliband.\n\nGalloway said: \"It was a private meeting.\"",
    )
    .entity("George Galloway", &[("The backbencher", 0, D), ("He", 0, MentionKind::Pronoun), ("Galloway", 0, N)])
    .entity("Ed Miliband", &[("Miliband", 0, N), ("Miliband", 1, N), ("Ed Miliband", 0, N)])
    .quote("I realise now that I showed poor judgement in finally agreeing to meet Miliband.", QuoteKind::Direct, 0)
    .quote("An unprincipled coward with the backbone of an amoeba.", QuoteKind::Direct, 0)
    .quote("Miliband's claim that he repeatedly pursued me for a one-hour meeting about 'boundary changes' is, quite simply, a lie.", QuoteKind::Direct, 0)
    .quote("We were having a big vote on boundary changes; I met all the minor parties,", QuoteKind::Direct, 1)
    .quote("It was a private meeting.", QuoteKind::Direct, 0)
    .input("b", "Express", vec![Some(1), Some(2)]);
    let people = vec![
        PersonInfo {
            id: 1,
            name: "George Galloway".into(),
            aliases: vec![],
        },
        PersonInfo {
            id: 2,
            name: "Ed Miliband".into(),
            aliases: vec!["the Labour leader".into()],
        },
    ];
    (vec![a, b], people)
}

fn who(name: &str, id: i64) -> Who {
    Who {
        name: name.into(),
        person: Some(id),
    }
}

#[test]
fn stance_goes_from_favourable_to_hostile() {
    let (articles, people) = story();
    let c = compare(&articles, &people);
    let line = c
        .stances
        .iter()
        .find(|l| l.speaker == who("George Galloway", 1) && l.target == who("Ed Miliband", 2))
        .expect("Galloway about Miliband");
    let by_article: Vec<(&str, Stance)> = line
        .articles
        .iter()
        .map(|a| (a.article.as_str(), a.stance))
        .collect();
    assert_eq!(
        by_article,
        vec![("a", Stance::Positive), ("b", Stance::Negative)]
    );
    assert!(line.shifts());
    let cues: Vec<&String> = line.articles[1]
        .statements
        .iter()
        .flat_map(|s| &s.cues)
        .collect();
    assert!(cues.iter().any(|c| *c == "coward"), "{cues:?}");
}

#[test]
fn shared_quotations_match_across_punctuation() {
    let (articles, people) = story();
    let c = compare(&articles, &people);
    assert_eq!(c.shared.len(), 1, "{:?}", c.shared);
    let outlets: Vec<&str> = c.shared[0]
        .versions
        .iter()
        .map(|v| v.outlet.as_str())
        .collect();
    assert_eq!(outlets, vec!["IBTimes", "Express"]);
    assert_eq!(c.unique.len(), 5);
}

#[test]
fn speakers_are_counted_per_outlet() {
    let (articles, people) = story();
    let c = compare(&articles, &people);
    assert_eq!(c.speakers[0].speaker, who("George Galloway", 1));
    assert_eq!(c.speakers[0].counts, vec![2, 4]);
    assert_eq!(c.speakers[1].counts, vec![0, 1]);
}

#[test]
fn a_denial_answers_the_claim_it_shares_words_with() {
    let (articles, people) = story();
    let c = compare(&articles, &people);
    assert_eq!(c.rebuttals.len(), 1, "{:?}", c.rebuttals);
    let r = &c.rebuttals[0];
    assert_eq!(r.cue, "lie");
    assert_eq!(r.answers.speaker, who("Ed Miliband", 2));
    assert!(r.shared_words.contains(&"boundary".to_string()));
}

#[test]
fn negation_turns_a_word_around() {
    let a = Builder::new("\"There is nothing discreditable about Ed Miliband,\" Jones said.")
        .entity("Tom Jones", &[("Jones", 0, N)])
        .entity("Ed Miliband", &[("Ed Miliband", 0, N)])
        .quote(
            "There is nothing discreditable about Ed Miliband,",
            QuoteKind::Direct,
            0,
        )
        .input("a", "X", vec![None, None]);
    let c = compare(&[a], &[]);
    assert_eq!(c.stances[0].target.name, "Ed Miliband");
    assert_eq!(c.stances[0].articles[0].stance, Stance::Positive);
}

#[test]
fn an_empty_story_compares_to_nothing() {
    let c = compare(&[], &[]);
    assert!(c.speakers.is_empty() && c.stances.is_empty() && c.shared.is_empty());
}

#[test]
fn a_known_description_is_a_target_and_parties_are_not() {
    let a = Builder::new(
        "Jones wanted to see the Labour leader as prime minister \"the sooner the better\" and voted Respect.",
    )
    .entity("Tom Jones", &[("Jones", 0, N)])
    .entity("Ed Miliband", &[])
    .quote("the sooner the better", QuoteKind::Partial, 0)
    .input("a", "X", vec![Some(1), Some(2)]);
    let people = vec![
        PersonInfo {
            id: 1,
            name: "Tom Jones".into(),
            aliases: vec![],
        },
        PersonInfo {
            id: 2,
            name: "Ed Miliband".into(),
            aliases: vec!["the Labour leader".into(), "Miliband".into()],
        },
    ];
    let c = compare(&[a], &people);
    assert_eq!(c.stances.len(), 1, "{:?}", c.stances);
    assert_eq!(c.stances[0].target, who("Ed Miliband", 2));
    assert_eq!(c.stances[0].articles[0].stance, Stance::Positive);
}

#[test]
fn a_nested_quotation_is_counted_once() {
    let a = Builder::new("Jones said Miliband \"is a coward\" today.")
        .entity("Tom Jones", &[("Jones", 0, N)])
        .entity("Ed Miliband", &[("Miliband", 0, N)])
        .quote("Miliband \"is a coward\" today", QuoteKind::Indirect, 0)
        .quote("is a coward", QuoteKind::Partial, 0)
        .input("a", "X", vec![None, None]);
    let c = compare(&[a], &[]);
    assert_eq!(c.stances[0].articles[0].score, -2);
}
