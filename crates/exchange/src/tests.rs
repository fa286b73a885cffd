use super::*;
use saywho_model::{Analysis, Article, EntityType};

fn sample(id: &str) -> ArticleRows {
    let text = "“We won,” said Ann Lee. She left.";
    let mut article = Article::new(id, text);
    article.meta.authors = vec!["X".into(), "Y".into()];
    article.meta.date = Some("2024-05-01".into());
    let analysis: Analysis = serde_json::from_value(serde_json::json!({
        "quotes": [{"span": {"start": 1, "end": 7}, "kind": "direct",
                    "cue": {"start": 10, "end": 14},
                    "speaker": {"entity": 0, "mention": 0}, "confidence": 0.85}],
        "mentions": [{"span": {"start": 15, "end": 22}, "kind": "name", "entity": 0},
                     {"span": {"start": 24, "end": 27}, "kind": "pronoun", "entity": null}],
        "entities": [{"name": "Ann Lee", "entity_type": "person", "mentions": [0]}]
    }))
    .unwrap();
    let mut rows = ArticleRows::new(&article, &analysis);
    rows.article.story = Some(7);
    rows.entities[0].person = Some(3);
    rows
}

#[test]
fn tables_round_trip_through_parquet() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Writer::create(dir.path()).unwrap();
    let mut expected = Vec::new();
    for i in 0..25 {
        let mut rows = sample(&format!("a{i}"));
        if i % 3 == 0 {
            rows.article.authors.clear();
            rows.article.title = Some(format!("Title {i}"));
        }
        expected.push(rows.clone());
        writer.push(rows).unwrap();
    }
    writer
        .push_person(PersonRow {
            id: 3,
            name: "Ann Lee".into(),
            entity_type: EntityType::Person,
            aliases: vec!["Lee".into(), "the minister".into()],
        })
        .unwrap();
    let counts = writer.finish().unwrap();
    assert_eq!(counts.articles, 25);
    assert_eq!(counts.quotes, 25);
    assert_eq!(counts.mentions, 50);
    let read: Vec<ArticleRows> = read_articles(dir.path())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(read, expected);
    let persons = read_persons(dir.path()).unwrap();
    assert_eq!(persons[0].aliases, vec!["Lee", "the minister"]);
    // No temporary files are left behind.
    for table in TABLES {
        let names: Vec<String> = std::fs::read_dir(dir.path().join(table))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["part-00000.parquet"]);
    }
}

#[test]
fn an_export_never_overwrites_another() {
    let dir = tempfile::tempdir().unwrap();
    Writer::create(dir.path()).unwrap().finish().unwrap();
    let err = Writer::create(dir.path()).err().unwrap().to_string();
    assert!(err.contains("already holds a 'articles' table"), "{err}");
}

#[test]
fn a_directory_without_tables_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_articles(dir.path()).err().unwrap().to_string();
    assert!(err.contains("no 'articles' table here"), "{err}");
}

#[test]
fn orphan_rows_and_repeated_articles_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut writer = Writer::create(dir.path()).unwrap();
    writer.push(sample("a")).unwrap();
    let mut twice = sample("a");
    twice.quotes.clear();
    twice.entities.clear();
    twice.mentions.clear();
    writer.push(twice).unwrap();
    let mut orphan = sample("ghost");
    orphan.article.id = "b".into();
    writer.push(orphan).unwrap();
    writer.finish().unwrap();
    let items: Vec<Result<ArticleRows, ExchangeError>> =
        read_articles(dir.path()).unwrap().collect();
    assert_eq!(items.len(), 4);
    assert!(items[0].is_ok());
    let err = |i: usize| items[i].as_ref().err().unwrap().to_string();
    assert!(err(1).starts_with("article a: appears more than once"));
    assert!(items[2].as_ref().unwrap().quotes.is_empty());
    assert!(err(3).starts_with("article ghost: has quotation"));
}

#[test]
fn a_file_that_is_not_parquet_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/part-1.parquet"), b"not parquet").unwrap();
    let err = read_articles(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap_err()
        .to_string();
    assert!(err.contains("articles/part-1.parquet"), "{err}");
}

#[test]
fn schemas_parse() {
    table::schema_of::<ArticleRow>();
    table::schema_of::<QuoteRow>();
    table::schema_of::<EntityRow>();
    table::schema_of::<MentionRow>();
    table::schema_of::<PersonRow>();
}
