use saywho_model::{
    Analysis, Article, Entity, EntityType, Mention, MentionKind, Quotation, QuoteKind, Span,
    Speaker,
};
use tempfile::TempDir;

use super::*;

/// An article whose text is `"<said>," said Jane Doe.` and whose analysis says just that.
fn sample(id: &str, said: &str) -> (Article, Analysis) {
    let text = format!("\u{201c}{said},\u{201d} said Jane Doe, the minister.");
    let chars = |s: &str| s.chars().count();
    let q_start = 1;
    let q_end = q_start + chars(said);
    let cue_start = q_end + 3;
    let name_start = cue_start + 5;
    let name_end = name_start + 8;
    let desc_start = name_end + 2;
    let desc_end = desc_start + 12;
    let mut article = Article::new(id, text);
    article.meta.source = Some("The Daily Test".into());
    let analysis = Analysis {
        quotes: vec![Quotation {
            span: Span::new(q_start, q_end),
            kind: QuoteKind::Direct,
            cue: Some(Span::new(cue_start, cue_start + 4)),
            speaker: Speaker {
                entity: Some(0),
                mention: Some(0),
            },
            confidence: 0.9,
        }],
        mentions: vec![
            Mention {
                span: Span::new(name_start, name_end),
                kind: MentionKind::Name,
                entity: Some(0),
            },
            Mention {
                span: Span::new(desc_start, desc_end),
                kind: MentionKind::Description,
                entity: Some(0),
            },
        ],
        entities: vec![Entity {
            name: "Jane Doe".into(),
            entity_type: EntityType::Person,
            mentions: vec![0, 1],
        }],
    };
    (article, analysis)
}

fn open(dir: &TempDir) -> Store {
    Store::open(dir.path(), Mode::Write).expect("store opens")
}

#[test]
fn round_trips_an_article_and_its_analysis() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (article, analysis) = sample("a1", "Taxes will fall");
    assert_eq!(
        store.put(&article, &analysis, Some(7)).unwrap(),
        PutOutcome::Inserted
    );
    let stored = store.load("a1").unwrap().expect("stored");
    assert_eq!(stored.article, article);
    assert_eq!(stored.analysis, analysis);
    assert_eq!(stored.story, Some(7));
    let q = store.quote("a1", 0).unwrap().unwrap();
    assert_eq!(q.text, "Taxes will fall");
    assert_eq!(q.speaker_name.as_deref(), Some("Jane Doe"));
    let records = store.entity_records().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].names, vec!["Jane Doe".to_string()]);
    assert_eq!(records[0].descriptions, vec!["the minister".to_string()]);
}

#[test]
fn the_same_article_twice_is_stored_once() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (article, analysis) = sample("a1", "Taxes will fall");
    store.put(&article, &analysis, None).unwrap();
    let seq = store.seq().unwrap();
    assert_eq!(store.freshness(&article).unwrap(), Freshness::Unchanged);
    assert_eq!(
        store.put(&article, &analysis, None).unwrap(),
        PutOutcome::Unchanged
    );
    assert_eq!(store.seq().unwrap(), seq);
    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.quotes, counts.entities), (1, 1, 1));
}

#[test]
fn a_changed_version_replaces_the_old_one_everywhere() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (article, analysis) = sample("a1", "Taxes will fall");
    store.put(&article, &analysis, None).unwrap();
    let (changed, analysis2) = sample("a1", "Spending will rise");
    assert_eq!(store.freshness(&changed).unwrap(), Freshness::Changed);
    assert_eq!(
        store.put(&changed, &analysis2, None).unwrap(),
        PutOutcome::Replaced
    );
    store.flush().unwrap();
    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.quotes), (1, 1));
    assert_eq!(
        store.quote("a1", 0).unwrap().unwrap().text,
        "Spending will rise"
    );
    assert!(store
        .search("taxes", Target::Quotes, 10)
        .unwrap()
        .is_empty());
    let hits = store.search("spending", Target::Quotes, 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].article.as_str(), hits[0].idx), ("a1", Some(0)));
}

#[test]
fn search_ranks_quotations_and_stems_words() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    for (id, said) in [
        ("a1", "Taxes will fall next year"),
        ("a2", "Taxes taxes taxes"),
        ("a3", "Nothing about money"),
    ] {
        let (a, an) = sample(id, said);
        store.put(&a, &an, None).unwrap();
    }
    store.flush().unwrap();
    let hits = store.search("tax", Target::Quotes, 10).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.article.as_str()).collect();
    assert_eq!(ids, vec!["a2", "a1"]);
    let articles = store.search("money", Target::Articles, 10).unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].idx, None);
}

#[test]
fn a_title_finds_its_article_but_not_each_quotation() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (mut a, an) = sample("a1", "We will see");
    a.meta.title = Some("Harbour tunnel approved".into());
    store.put(&a, &an, None).unwrap();
    store.flush().unwrap();
    let articles = store.search("tunnel", Target::Articles, 10).unwrap();
    assert_eq!(articles.len(), 1);
    assert!(store
        .search("tunnel", Target::Quotes, 10)
        .unwrap()
        .is_empty());
    assert_eq!(store.search("see", Target::Quotes, 10).unwrap().len(), 1);
}

#[test]
fn the_index_catches_up_after_a_crash() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (a, an) = sample("a1", "Taxes will fall");
    store.put(&a, &an, None).unwrap();
    store.flush().unwrap();
    let (b, bn) = sample("a2", "Bridges will be built");
    store.put(&b, &bn, None).unwrap();
    let (c, cn) = sample("a1", "Spending will rise");
    store.put(&c, &cn, None).unwrap();
    store.abandon();

    let store = open(&dir);
    assert!(store.index_is_current().unwrap());
    assert_eq!(
        store.search("bridges", Target::Quotes, 10).unwrap().len(),
        1
    );
    assert_eq!(
        store.search("spending", Target::Quotes, 10).unwrap().len(),
        1
    );
    assert!(store
        .search("taxes", Target::Quotes, 10)
        .unwrap()
        .is_empty());
    // Two quotations and two articles.
    assert_eq!(store.index_docs(), 4);
}

#[test]
fn a_lost_index_is_rebuilt_from_sqlite() {
    let dir = TempDir::new().unwrap();
    {
        let mut store = open(&dir);
        let (a, an) = sample("a1", "Taxes will fall");
        store.put(&a, &an, None).unwrap();
    }
    std::fs::remove_dir_all(dir.path().join(INDEX_DIR)).unwrap();
    let store = open(&dir);
    assert_eq!(store.search("taxes", Target::Quotes, 10).unwrap().len(), 1);
    let reader = Store::open(dir.path(), Mode::Read);
    assert!(reader.is_ok(), "a reader opens beside a writer");
}

#[test]
fn persons_and_their_quotations() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    for (id, said) in [("a1", "Taxes will fall"), ("a2", "Bridges will rise")] {
        let (a, an) = sample(id, said);
        store.put(&a, &an, None).unwrap();
    }
    assert!(!store.persons_are_current().unwrap());
    let person = PersonRecord {
        id: 1,
        name: "Jane Doe".into(),
        entity_type: EntityType::Person,
        aliases: vec!["the minister".into()],
    };
    store
        .set_persons(std::slice::from_ref(&person), &[("a1", 0, 1), ("a2", 0, 1)])
        .unwrap();
    assert!(store.persons_are_current().unwrap());
    assert_eq!(store.persons().unwrap(), vec![person.clone()]);
    let quotes = store.quotes_by_person(1).unwrap();
    assert_eq!(quotes.len(), 2);
    assert_eq!(quotes[1].text, "Bridges will rise");
    assert_eq!(store.load("a2").unwrap().unwrap().persons, vec![Some(1)]);
    // A relinking moves one link and drops the other; the unchanged state is not kept.
    let other = PersonRecord {
        id: 2,
        name: "J. Doe".into(),
        ..person.clone()
    };
    store
        .set_persons(&[person, other], &[("a2", 0, 2)])
        .unwrap();
    assert_eq!(store.load("a1").unwrap().unwrap().persons, vec![None]);
    assert_eq!(store.load("a2").unwrap().unwrap().persons, vec![Some(2)]);
    assert!(store.quotes_by_person(1).unwrap().is_empty());
    assert_eq!(store.quotes_by_person(2).unwrap().len(), 1);
    assert_eq!(store.counts().unwrap().persons, 2);
}

#[test]
fn many_links_are_written_and_rewritten_whole() {
    // More articles than one statement's rows, and a number that leaves a partial last one.
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let ids: Vec<String> = (0..150).map(|i| format!("a{i:03}")).collect();
    for id in &ids {
        let (a, an) = sample(id, "We will see");
        store.put(&a, &an, None).unwrap();
    }
    let people: Vec<PersonRecord> = (1..=3)
        .map(|id| PersonRecord {
            id,
            name: format!("Person {id}"),
            entity_type: EntityType::Person,
            aliases: Vec::new(),
        })
        .collect();
    let first: Vec<(&str, usize, i64)> = ids.iter().map(|id| (id.as_str(), 0, 1)).collect();
    store.set_persons(&people, &first).unwrap();
    assert_eq!(store.quotes_by_person(1).unwrap().len(), 150);
    // Every third article moves to person 2, every fifth is dropped.
    let second: Vec<(&str, usize, i64)> = ids
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 5 != 0)
        .map(|(i, id)| (id.as_str(), 0, if i % 3 == 0 { 2 } else { 1 }))
        .collect();
    store.set_persons(&people, &second).unwrap();
    for (i, id) in ids.iter().enumerate() {
        let expected = (i % 5 != 0).then_some(if i % 3 == 0 { 2 } else { 1 });
        assert_eq!(
            store.load(id).unwrap().unwrap().persons,
            vec![expected],
            "{id}"
        );
    }
    assert_eq!(store.quotes_by_person(2).unwrap().len(), 40);
    assert_eq!(store.quotes_by_person(1).unwrap().len(), 80);
}

#[test]
fn stories_and_state_are_stored_together() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    for id in ["a1", "a2"] {
        let (a, an) = sample(id, "Taxes will fall");
        store.put(&a, &an, None).unwrap();
    }
    store
        .set_stories(
            &[("a1".into(), 3), ("a2".into(), 4)],
            &[(4, 3)],
            &[("grouper", "{}")],
        )
        .unwrap();
    assert_eq!(store.story_articles(3).unwrap().len(), 2);
    assert_eq!(store.meta("grouper").unwrap().as_deref(), Some("{}"));
}

#[test]
fn a_story_is_set_cleared_and_follows_its_article() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (a, an) = sample("a1", "Taxes will fall");
    store.put(&a, &an, Some(5)).unwrap();
    let story_of = |store: &Store| store.load("a1").unwrap().unwrap().story;
    assert_eq!(story_of(&store), Some(5));
    assert_eq!(store.quote("a1", 0).unwrap().unwrap().story, Some(5));
    store.set_story("a1", Some(6)).unwrap();
    assert_eq!(story_of(&store), Some(6));
    assert_eq!(store.articles().unwrap()[0].story, Some(6));
    store.set_story("a1", None).unwrap();
    assert_eq!(story_of(&store), None);
    assert!(store.story_articles(6).unwrap().is_empty());
    // A replaced article starts without a story until it is grouped again.
    store.set_story("a1", Some(7)).unwrap();
    let (a, an) = sample("a1", "Taxes will rise");
    store.put(&a, &an, None).unwrap();
    assert_eq!(story_of(&store), None);
    assert!(store.story_articles(7).unwrap().is_empty());
}

#[test]
fn a_version_2_store_is_upgraded_with_its_stories() {
    let dir = TempDir::new().unwrap();
    {
        let mut store = open(&dir);
        for id in ["a1", "a2", "a3"] {
            let (a, an) = sample(id, "Taxes will fall");
            store.put(&a, &an, None).unwrap();
        }
        store
            .set_stories(&[("a1".into(), 3), ("a2".into(), 3)], &[], &[])
            .unwrap();
    }
    {
        // Back to version 2's layout: the story in the article's row.
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.execute_batch(
            "ALTER TABLE articles ADD COLUMN story INTEGER;
             UPDATE articles SET story = (SELECT story FROM article_story WHERE article = key);
             DROP TABLE article_story;
             CREATE INDEX articles_story ON articles(story) WHERE story IS NOT NULL;
             UPDATE meta SET value = '2' WHERE key = 'schema';",
        )
        .unwrap();
    }
    let store = open(&dir);
    let stories: Vec<Option<i64>> = store.articles().unwrap().iter().map(|a| a.story).collect();
    assert_eq!(stories, vec![Some(3), Some(3), None]);
    assert_eq!(store.story_articles(3).unwrap().len(), 2);
    assert_eq!(
        store.meta("schema").unwrap().as_deref(),
        Some(schema::SCHEMA_VERSION.to_string().as_str())
    );
}

#[test]
fn an_article_replaced_within_one_batch_keeps_only_its_last_quotations() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (first, first_analysis) = sample("a1", "Taxes will fall");
    let (other, other_analysis) = sample("a2", "Rents will fall");
    let (second, mut second_analysis) = sample("a1", "Taxes will rise");
    second_analysis
        .quotes
        .push(second_analysis.quotes[0].clone());
    let put = |article, analysis| Put {
        article,
        analysis,
        story: None,
        force: false,
    };
    let outcomes = store
        .put_many(&[
            put(&first, &first_analysis),
            put(&other, &other_analysis),
            put(&second, &second_analysis),
        ])
        .unwrap();
    assert_eq!(
        outcomes,
        vec![
            PutOutcome::Inserted,
            PutOutcome::Inserted,
            PutOutcome::Replaced
        ]
    );
    assert_eq!(store.counts().unwrap().quotes, 3);
    assert_eq!(
        store.quote("a1", 1).unwrap().unwrap().text,
        "Taxes will rise"
    );
    assert_eq!(
        store.quote("a2", 0).unwrap().unwrap().text,
        "Rents will fall"
    );
}

#[test]
fn noted_entities_are_what_is_read_back() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (first, first_analysis) = sample("a1", "Taxes will fall");
    let (mut other, mut other_analysis) = sample("a2", "Rents will fall");
    // Spaces inside a mention are normalised, and an entity without mentions keeps none.
    other.text = other.text.replace("Jane Doe", "Jane\n Do");
    other_analysis.entities.push(Entity {
        name: "The Daily Test".into(),
        entity_type: EntityType::Organization,
        mentions: Vec::new(),
    });
    let (second, second_analysis) = sample("a1", "Taxes will rise");
    let put = |article, analysis| Put {
        article,
        analysis,
        story: None,
        force: false,
    };
    let mut written = Vec::new();
    store
        .put_many_noting(
            &[
                put(&first, &first_analysis),
                put(&other, &other_analysis),
                put(&second, &second_analysis),
            ],
            Some(&mut written),
        )
        .unwrap();
    let ids: Vec<&str> = written.iter().map(|w| w.article.as_str()).collect();
    assert_eq!(ids, ["a1", "a2", "a1"]);
    assert_eq!(written[1].entities[0].names, ["Jane Do"]);
    assert_eq!(written[1].entities[1].entity_type, EntityType::Organization);
    // The store holds the last write of each article, in write order.
    let last: Vec<EntityRecord> = written[1..]
        .iter()
        .flat_map(|w| w.entities.clone())
        .collect();
    assert_eq!(store.entity_records().unwrap(), last);
}

#[test]
fn bad_spans_are_tolerated() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let (a, mut an) = sample("a1", "Taxes will fall");
    an.quotes[0].span = Span::new(10, 3);
    an.quotes[0].speaker.entity = Some(99);
    an.mentions[0].span = Span::new(500, 900);
    store.put(&a, &an, None).unwrap();
    let q = store.quote("a1", 0).unwrap().unwrap();
    assert_eq!(q.text, "");
    assert_eq!(q.speaker_entity, None);
}

#[test]
fn an_unwritable_directory_is_named_in_the_error() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let err = Store::open(&file, Mode::Write).err().expect("fails");
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}

#[test]
fn a_store_of_another_schema_version_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join(DB_FILE);
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             INSERT INTO meta VALUES ('schema', '1');
             CREATE TABLE articles (key INTEGER PRIMARY KEY, id TEXT);",
        )
        .unwrap();
    }
    for mode in [Mode::Write, Mode::Read] {
        let err = Store::open(dir.path(), mode).err().expect("refused");
        assert!(err.to_string().contains("schema version 1"), "{err}");
    }
    let conn = Connection::open(&db).unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type='table'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 2, "nothing was added to the old store");
}

#[test]
fn the_fingerprint_hashes_the_article_json_as_before() {
    // The fingerprint of every stored article must stay what it was when stored.
    fn whole_json(article: &Article) -> String {
        let json = serde_json::to_vec(article).unwrap();
        let (mut a, mut b): (u64, u64) = (0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142);
        for &byte in &json {
            a = (a ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
            b = (b ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
            b = b.rotate_left(5);
        }
        format!("{a:016x}{b:016x}")
    }
    let (mut article, _) = sample("a1", "Taxes will fall");
    article.meta.title = Some("Ça va \"mal\"\n\u{1F600}".into());
    article.meta.date = Some("2024-06-01".into());
    assert_eq!(fingerprint(&article), whole_json(&article));
    let plain = Article::new("p", "");
    assert_eq!(fingerprint(&plain), whole_json(&plain));
    assert_eq!(fingerprint(&plain), "3f7a31a918776cfd158227836b3479e5");
}

/// One `Put` per sample, none forced.
fn puts_of(samples: &[(Article, Analysis)]) -> Vec<Put<'_>> {
    samples
        .iter()
        .map(|(article, analysis)| Put {
            article,
            analysis,
            story: None,
            force: false,
        })
        .collect()
}

#[test]
fn held_commits_wait_for_the_flush() {
    let dir = TempDir::new().unwrap();
    let mut store = open(&dir);
    let samples: Vec<(Article, Analysis)> = (0..INDEX_COMMIT_EVERY)
        .map(|i| sample(&format!("a{i}"), "Taxes will fall"))
        .collect();
    let half = INDEX_COMMIT_EVERY / 2;
    store.put_many(&puts_of(&samples[..half])).unwrap();
    store.hold_index_commits();
    store.put_many(&puts_of(&samples[half..])).unwrap();
    assert!(
        store.committing_seq.is_none(),
        "no periodic commit while held"
    );
    assert!(!store.index_is_current().unwrap());
    store.flush().unwrap();
    assert!(store.index_is_current().unwrap());
    assert_eq!(
        store.search("taxes", Target::Quotes, 2000).unwrap().len(),
        INDEX_COMMIT_EVERY
    );
    // The flush ends the hold: the next thousand commit on their own again.
    let more: Vec<(Article, Analysis)> = (0..INDEX_COMMIT_EVERY)
        .map(|i| sample(&format!("b{i}"), "Bridges will be built"))
        .collect();
    store.put_many(&puts_of(&more)).unwrap();
    assert!(store.committing_seq.is_some(), "a periodic commit started");
}
