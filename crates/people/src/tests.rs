use super::*;

fn person(article: &str, name: &str, names: &[&str], descriptions: &[&str]) -> EntityInput {
    EntityInput {
        article: article.into(),
        name: name.into(),
        entity_type: EntityType::Person,
        names: names.iter().map(|s| s.to_string()).collect(),
        descriptions: descriptions.iter().map(|s| s.to_string()).collect(),
    }
}

fn group_of(people: &[LinkedPerson], member: usize) -> &LinkedPerson {
    people.iter().find(|p| p.members.contains(&member)).unwrap()
}

#[test]
fn a_surname_joins_the_one_full_name_and_gathers_aliases() {
    let entities = vec![
        person("a", "Galloway", &["Galloway"], &["the Respect MP"]),
        person(
            "b",
            "George Galloway",
            &["George Galloway", "Mr Galloway"],
            &["the backbencher"],
        ),
    ];
    let people = link(&entities);
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "George Galloway");
    assert_eq!(people[0].members, vec![0, 1]);
    for alias in [
        "Galloway",
        "Mr Galloway",
        "the Respect MP",
        "the backbencher",
    ] {
        assert!(
            people[0].aliases.iter().any(|a| a == alias),
            "{alias} in {:?}",
            people[0].aliases
        );
    }
}

#[test]
fn first_names_keep_relatives_apart() {
    let entities = vec![
        person("a", "Ed Miliband", &[], &["the Labour leader"]),
        person("a", "Ralph Miliband", &[], &["a prominent Marxist"]),
        person("b", "Mr Ed Miliband", &[], &[]),
        person("c", "Edward Miliband", &[], &[]),
    ];
    let people = link(&entities);
    assert_eq!(people.len(), 2);
    assert_eq!(group_of(&people, 0).members, vec![0, 2, 3]);
    assert_eq!(group_of(&people, 1).members, vec![1]);
}

#[test]
fn an_ambiguous_surname_stays_apart() {
    let entities = vec![
        person("a", "Ed Miliband", &[], &[]),
        person("b", "Ralph Miliband", &[], &[]),
        person("c", "Miliband", &[], &[]),
    ];
    let people = link(&entities);
    assert_eq!(people.len(), 3);
    assert_eq!(group_of(&people, 2).members, vec![2]);
    assert_eq!(group_of(&people, 2).name, "Miliband");
}

#[test]
fn a_description_seen_elsewhere_resolves_an_ambiguous_surname() {
    let entities = vec![
        person("a", "Ed Miliband", &[], &["the Labour leader"]),
        person("a", "Ralph Miliband", &[], &["his father"]),
        person("b", "Miliband", &[], &["The Labour leader"]),
        person("c", "the Labour leader", &[], &[]),
    ];
    let people = link(&entities);
    assert_eq!(people.len(), 2);
    assert_eq!(group_of(&people, 0).members, vec![0, 2, 3]);
}

#[test]
fn the_same_article_decides_a_bare_name() {
    let entities = vec![
        person("a", "Ed Miliband", &[], &[]),
        person("b", "Ralph Miliband", &[], &[]),
        person("b", "Miliband", &[], &[]),
    ];
    let people = link(&entities);
    assert_eq!(group_of(&people, 2).members, vec![1, 2]);
}

#[test]
fn organisations_join_by_whole_name_only() {
    let org = |article: &str, name: &str| EntityInput {
        article: article.into(),
        name: name.into(),
        entity_type: EntityType::Organization,
        names: vec![],
        descriptions: vec![],
    };
    let entities = vec![org("a", "the TUC"), org("b", "TUC"), org("b", "Labour")];
    let people = link(&entities);
    assert_eq!(people.len(), 2);
    assert_eq!(people[0].members, vec![0, 1]);
}

#[test]
fn names_and_descriptions_are_normalised() {
    assert_eq!(name_tokens("Mr Galloway's"), vec!["galloway"]);
    assert_eq!(
        name_tokens("Ursula von der Leyen"),
        vec!["ursula", "von", "der", "leyen"]
    );
    assert!(name_tokens("the Labour leader").is_empty());
    assert_eq!(name_tokens("Sir Keir Starmer MP"), vec!["keir", "starmer"]);
    assert_eq!(description_key("The Labour leader,"), "labour leader");
}

#[test]
fn lookup_prefers_names_then_aliases_then_words() {
    let aliases = [
        vec!["Galloway".to_string(), "the Respect MP".to_string()],
        vec![],
    ];
    let people = [
        ("George Galloway", aliases[0].as_slice()),
        ("Ed Miliband", aliases[1].as_slice()),
    ];
    assert_eq!(lookup(people, "george galloway"), vec![0]);
    assert_eq!(lookup(people, "Mr George Galloway"), vec![0]);
    assert_eq!(lookup(people, "the Respect MP"), vec![0]);
    assert_eq!(lookup(people, "Miliband"), vec![1]);
    let ralph = [
        ("Ed Miliband", &["Miliband".to_string()][..]),
        ("Ralph Miliband", &[][..]),
    ];
    assert_eq!(lookup(ralph, "Miliband"), vec![0, 1]);
    assert!(lookup(people, "Blair").is_empty());
}

#[test]
fn every_entity_lands_in_exactly_one_person() {
    let entities = vec![
        person("a", "", &[], &[]),
        person("a", "he", &[], &[]),
        person("b", "Smith", &[], &[]),
        person("c", "Smith", &[], &[]),
    ];
    let people = link(&entities);
    let mut all: Vec<usize> = people.iter().flat_map(|p| p.members.clone()).collect();
    all.sort_unstable();
    assert_eq!(all, vec![0, 1, 2, 3]);
}

#[test]
fn identity_keys_follow_the_linking_rules() {
    use crate::identity_key;
    let p = EntityType::Person;
    assert_eq!(
        identity_key("Ed Miliband", p),
        identity_key("Edward Miliband", p)
    );
    assert_ne!(
        identity_key("Ed Miliband", p),
        identity_key("Ralph Miliband", p)
    );
    assert_eq!(
        identity_key("Mr Galloway", p).as_deref(),
        Some("person-bare:galloway")
    );
    assert_eq!(
        identity_key("the Labour leader", p).as_deref(),
        Some("person-described:labour leader")
    );
    assert_eq!(identity_key(" ", p), None);
    assert_eq!(
        identity_key("The White House", EntityType::Organization).as_deref(),
        Some("organization:white house")
    );
}

#[test]
fn keys_hold_what_linking_compares_and_nothing_it_does_not() {
    let named = keys(&person(
        "a",
        "Ed Miliband",
        &["Ed Miliband"],
        &["The Labour leader,", "..."],
    ));
    assert_eq!(named.tokens, ["ed", "miliband"]);
    assert_eq!(
        named.name_key, "",
        "a full name is keyed on its tokens only"
    );
    assert_eq!(named.descriptions, ["labour leader"]);
    let described = keys(&person("a", "the Respect MP", &[], &[]));
    assert!(described.tokens.is_empty());
    assert_eq!(described.name_key, "respect mp");
    let mut party = person("a", "The Labour Party", &[], &[]);
    party.entity_type = EntityType::Organization;
    assert_eq!(keys(&party).name_key, "labour party");
    // Keys derived one entity at a time link as the whole list does.
    let entities = vec![
        person("a", "Galloway", &["Galloway"], &["the Respect MP"]),
        person(
            "b",
            "George Galloway",
            &["George Galloway"],
            &["the Respect MP"],
        ),
        person("c", "the Respect MP", &[], &["the Respect MP"]),
        party,
    ];
    let keyed: Vec<EntityKeys> = entities.iter().map(keys).collect();
    assert_eq!(link_keyed(&entities, &keyed), link(&entities));
    assert_eq!(link(&entities).len(), 2);
}
