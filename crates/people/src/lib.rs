//! Person linking across a corpus: the entities the analyzer found article by article become
//! the people (and organisations) of the corpus, each with every name and description used for
//! them.
//!
//! The rules favour leaving two entities apart over joining them wrongly:
//! - full names join when first and last names agree (allowing common short forms, so "Ed" and
//!   "Edward" agree but "Ed" and "Ralph" do not);
//! - a bare surname ("Galloway") joins the one full-name person with that surname, preferring
//!   one named in the same article, then one described the same way ("the Labour leader") in
//!   another article; when several remain it stays a person of its own;
//! - a description alone ("the Respect MP") joins the one person it has described elsewhere.
//!
//! Pure: no I/O. The caller reads entities from the store and writes the result back.

use std::collections::BTreeMap;

// FxHash: linking hashes every name and description of the store, and SipHash's resistance to
// crafted keys buys nothing for words the analyzer wrote.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use saywho_model::EntityType;
use serde::{Deserialize, Serialize};

/// One entity of one article, as the linker needs it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityInput {
    /// The article it comes from; entities of one article are never merged by this crate
    /// (the analyzer already did that) but help each other resolve.
    pub article: String,
    /// Its fullest name in the article.
    pub name: String,
    /// Person, organisation or other.
    pub entity_type: EntityType,
    /// The texts of its name mentions.
    pub names: Vec<String>,
    /// The texts of its description mentions ("the Labour leader").
    pub descriptions: Vec<String>,
}

/// One person (or organisation) of the corpus.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkedPerson {
    /// The fullest, most used name.
    pub name: String,
    /// Person, organisation or other.
    pub entity_type: EntityType,
    /// Every other name and description, most used first.
    pub aliases: Vec<String>,
    /// Indices into the input of the entities that are this person.
    pub members: Vec<usize>,
}

/// Honorifics and titles that precede a name and say nothing about which person it is.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "prof",
    "professor",
    "rev",
    "reverend",
    "president",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "judge",
    "justice",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "sgt",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "mayor",
    "chancellor",
    "minister",
    "secretary",
    "commissioner",
    "chairman",
    "chairwoman",
    "chief",
    "father",
    "sister",
    "rabbi",
    "imam",
    "sheikh",
    "cllr",
    "councillor",
    "mp",
    "mep",
];

/// Words after a name that are not part of it.
const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "mp", "mep", "qc", "kc", "phd", "md",
];

/// Lower-case particles inside surnames ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "der", "van", "von", "bin", "al", "el", "la", "le", "du",
    "dos", "das", "ibn", "ter", "ten",
];

/// Short forms of first names, mapped to one canonical form, so "Ed" meets "Edward".
const SHORT_FORMS: &[(&str, &str)] = &[
    ("ed", "edward"),
    ("eddie", "edward"),
    ("ted", "edward"),
    ("bill", "william"),
    ("will", "william"),
    ("billy", "william"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("bobby", "robert"),
    ("tony", "anthony"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("mike", "michael"),
    ("dave", "david"),
    ("nick", "nicholas"),
    ("ben", "benjamin"),
    ("tom", "thomas"),
    ("chris", "christopher"),
    ("joe", "joseph"),
    ("dan", "daniel"),
    ("alex", "alexander"),
    ("andy", "andrew"),
    ("steve", "stephen"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("kate", "katherine"),
    ("katie", "katherine"),
    ("jeff", "jeffrey"),
    ("greg", "gregory"),
    ("matt", "matthew"),
    ("pete", "peter"),
    ("sam", "samuel"),
    ("tim", "timothy"),
    ("jon", "jonathan"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("nicky", "nicola"),
    ("vince", "vincent"),
];

/// A name split into the words that identify a person, lower-cased; empty when the text is a
/// description rather than a name ("the Labour leader").
pub fn name_tokens(name: &str) -> Vec<String> {
    let all: Vec<&str> = name
        .split_whitespace()
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w.trim_matches(|c: char| c == '\'' || c == '’')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut words = all.as_slice();
    while words.len() > 1 && in_list(TITLES, words[0], true) {
        words = &words[1..];
    }
    while words.len() > 1 && in_list(SUFFIXES, words[words.len() - 1], true) {
        words = &words[..words.len() - 1];
    }
    let proper = words.iter().all(|w| {
        w.chars().next().is_some_and(|c| c.is_uppercase()) || in_list(PARTICLES, w, false)
    });
    if !proper || words.is_empty() {
        return Vec::new();
    }
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// Whether `word`, lower-cased (and with trailing full stops removed when `trim_dot`), is one
/// of `list` (all lower-case ASCII): without allocating for the usual ASCII word.
fn in_list(list: &[&str], word: &str, trim_dot: bool) -> bool {
    let trim = |w: &str| -> usize {
        if trim_dot {
            w.trim_end_matches('.').len()
        } else {
            w.len()
        }
    };
    if word.is_ascii() {
        let w = &word[..trim(word)];
        list.iter().any(|t| t.eq_ignore_ascii_case(w))
    } else {
        let lower = word.to_lowercase();
        list.contains(&&lower[..trim(&lower)])
    }
}

/// A description reduced to its identifying words ("The Labour leader," → "labour leader").
pub fn description_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut first = true;
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if std::mem::take(&mut first)
            && ["the", "a", "an"]
                .iter()
                .any(|a| w.eq_ignore_ascii_case(a) || (!w.is_ascii() && w.to_lowercase() == *a))
        {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        if w.is_ascii() {
            key.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            key.push_str(&w.to_lowercase());
        }
    }
    key
}

fn canonical_first(first: &str) -> &str {
    SHORT_FORMS
        .iter()
        .find(|(short, _)| *short == first)
        .map(|(_, full)| *full)
        .unwrap_or(first)
}

/// What a full name is keyed on: canonical first name and last name.
fn full_key(tokens: &[String]) -> (String, String) {
    (
        canonical_first(&tokens[0]).to_string(),
        tokens[tokens.len() - 1].clone(),
    )
}

/// What linking reads of one entity's words, derived from that entity alone: an ingest
/// derives it as each article is stored, so that linking the corpus at the end only compares.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityKeys {
    /// [`name_tokens`] of its name.
    tokens: Vec<String>,
    /// [`description_key`] of its name, where linking keys on that: organisations, others,
    /// and people named only by a description. Empty otherwise.
    name_key: String,
    /// [`description_key`] of each description, empty keys left out.
    descriptions: Vec<String>,
}

/// The keys of one entity, for [`link_keyed`].
pub fn keys(entity: &EntityInput) -> EntityKeys {
    let tokens = name_tokens(&entity.name);
    let name_key = if entity.entity_type != EntityType::Person || tokens.is_empty() {
        description_key(&entity.name)
    } else {
        String::new()
    };
    let descriptions = entity
        .descriptions
        .iter()
        .map(|d| description_key(d))
        .filter(|k| !k.is_empty())
        .collect();
    EntityKeys {
        tokens,
        name_key,
        descriptions,
    }
}

/// Links `entities` into corpus persons. Every input index appears in exactly one result.
pub fn link(entities: &[EntityInput]) -> Vec<LinkedPerson> {
    let keyed: Vec<EntityKeys> = entities.iter().map(keys).collect();
    link_keyed(entities, &keyed)
}

/// [`link`], with each entity's [`keys`] already derived (`keyed[i]` those of `entities[i]`).
pub fn link_keyed(entities: &[EntityInput], keyed: &[EntityKeys]) -> Vec<LinkedPerson> {
    assert_eq!(entities.len(), keyed.len(), "one EntityKeys per entity");
    let n = entities.len();
    let mut cluster_of: Vec<Option<usize>> = vec![None; n];
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let tokens: Vec<&[String]> = keyed.iter().map(|k| k.tokens.as_slice()).collect();

    // 1. Full names of people; whole names of organisations and others.
    let mut by_key: HashMap<(EntityType, String, String), usize> = HashMap::default();
    for i in 0..n {
        let e = &entities[i];
        let key = match e.entity_type {
            EntityType::Person if tokens[i].len() >= 2 => {
                let (first, last) = full_key(tokens[i]);
                (EntityType::Person, first, last)
            }
            EntityType::Person => continue,
            other => {
                let key = &keyed[i].name_key;
                if key.is_empty() {
                    continue;
                }
                (other, key.clone(), String::new())
            }
        };
        let c = *by_key.entry(key).or_insert_with(|| {
            clusters.push(Vec::new());
            clusters.len() - 1
        });
        clusters[c].push(i);
        cluster_of[i] = Some(c);
    }

    // What each full-name person cluster is known by: surname, articles, descriptions.
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut articles_of: Vec<HashSet<&str>> = vec![HashSet::default(); clusters.len()];
    let mut descriptions_of: Vec<HashSet<&str>> = vec![HashSet::default(); clusters.len()];
    for (c, members) in clusters.iter().enumerate() {
        let first = members[0];
        if entities[first].entity_type != EntityType::Person {
            continue;
        }
        let t = &tokens[first];
        by_surname
            .entry(t[t.len() - 1].as_str())
            .or_default()
            .push(c);
        by_first.entry(t[0].as_str()).or_default().push(c);
        for &m in members {
            articles_of[c].insert(entities[m].article.as_str());
            descriptions_of[c].extend(keyed[m].descriptions.iter().map(String::as_str));
        }
    }

    // Which clusters each description was used for, in cluster order: a description alone
    // looks its candidates up here instead of testing every cluster.
    let mut by_description: HashMap<&str, Vec<usize>> = HashMap::default();
    for (c, descriptions) in descriptions_of.iter().enumerate() {
        for &d in descriptions {
            by_description.entry(d).or_default().push(c);
        }
    }

    // 2. Bare names and 3. descriptions alone, resolved against the full-name clusters.
    let mut unresolved: BTreeMap<(u8, String), Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        if cluster_of[i].is_some() {
            continue;
        }
        let e = &entities[i];
        let own_descriptions: HashSet<&str> =
            keyed[i].descriptions.iter().map(String::as_str).collect();
        let candidates: Vec<usize> = match tokens[i] {
            [single] => {
                let mut c = by_surname.get(single.as_str()).cloned().unwrap_or_default();
                // A first name alone only counts when that person is named in the same article.
                for &f in by_first.get(single.as_str()).into_iter().flatten() {
                    if articles_of[f].contains(e.article.as_str()) && !c.contains(&f) {
                        c.push(f);
                    }
                }
                c
            }
            [] => {
                let mut keys = own_descriptions.clone();
                let key = keyed[i].name_key.as_str();
                if !key.is_empty() {
                    keys.insert(key);
                }
                let mut c: Vec<usize> = keys
                    .iter()
                    .filter_map(|k| by_description.get(k))
                    .flatten()
                    .copied()
                    .collect();
                c.sort_unstable();
                c.dedup();
                c
            }
            _ => Vec::new(),
        };
        let chosen = choose(&candidates, |c| articles_of[c].contains(e.article.as_str()))
            .or_else(|| {
                choose(&candidates, |c| {
                    own_descriptions
                        .iter()
                        .any(|d| descriptions_of[c].contains(d))
                })
            })
            .or_else(|| (candidates.len() == 1).then(|| candidates[0]));
        match chosen {
            Some(c) => {
                clusters[c].push(i);
                cluster_of[i] = Some(c);
            }
            None => {
                let key = match tokens[i] {
                    [] => keyed[i].name_key.clone(),
                    t => t.join(" "),
                };
                unresolved
                    .entry((e.entity_type as u8, key))
                    .or_default()
                    .push(i);
            }
        }
    }
    // What stays unresolved is grouped by its own words only, never joined to a full name.
    for ((_, key), members) in unresolved {
        if key.is_empty() {
            for m in members {
                clusters.push(vec![m]);
            }
        } else {
            clusters.push(members);
        }
    }

    let mut people: Vec<LinkedPerson> = clusters
        .into_iter()
        .map(|mut members| {
            members.sort_unstable();
            summarise(entities, &tokens, members)
        })
        .collect();
    people.sort_by_key(|p| p.members[0]);
    people
}

/// The identity a linked person is known by across parts of a corpus linked separately (the
/// time windows of a cluster job), so the parts can be joined afterwards: two people with the
/// same key are one person by the rules [`link`] applies, full names agreeing on first and
/// last name (short forms allowed), organisations and others by their whole name, and what
/// stayed unresolved by its own words. `None` when nothing identifies it beyond its article.
///
/// `name` is a [`LinkedPerson::name`]; every member of a person shares the key of that name.
pub fn identity_key(name: &str, entity_type: EntityType) -> Option<String> {
    let tokens = name_tokens(name);
    let key = match (entity_type, tokens.len()) {
        (EntityType::Person, 2..) => {
            let (first, last) = full_key(&tokens);
            format!("person:{first} {last}")
        }
        (EntityType::Person, 1) => format!("person-bare:{}", tokens[0]),
        (EntityType::Person, _) => format!("person-described:{}", description_key(name)),
        (EntityType::Organization, _) => format!("organization:{}", description_key(name)),
        (EntityType::Other, _) => format!("other:{}", description_key(name)),
    };
    (!key.ends_with(':')).then_some(key)
}

/// The one candidate satisfying `test`, if exactly one does.
fn choose(candidates: &[usize], test: impl Fn(usize) -> bool) -> Option<usize> {
    let mut hits = candidates.iter().copied().filter(|&c| test(c));
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

/// Names a cluster and gathers its aliases.
fn summarise(entities: &[EntityInput], tokens: &[&[String]], members: Vec<usize>) -> LinkedPerson {
    let mut name_counts: HashMap<&str, usize> = HashMap::default();
    for &m in &members {
        *name_counts.entry(entities[m].name.trim()).or_default() += 1;
    }
    let name = members
        .iter()
        .map(|&m| (entities[m].name.trim(), tokens[m].len()))
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(name_counts[a.0].cmp(&name_counts[b.0]))
                .then(b.0.cmp(a.0))
        })
        .map(|(n, _)| n.to_string())
        .unwrap_or_default();
    let entity_type = entities[members[0]].entity_type;
    let mut alias_counts: HashMap<String, (usize, String)> = HashMap::default();
    for &m in &members {
        let e = &entities[m];
        for text in std::iter::once(&e.name)
            .chain(&e.names)
            .chain(&e.descriptions)
        {
            // Most texts come with their spaces already normalised: no copy for those.
            let spaced = text
                .split(' ')
                .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
            let text: std::borrow::Cow<'_, str> = if spaced {
                text.as_str().into()
            } else {
                text.split_whitespace().collect::<Vec<_>>().join(" ").into()
            };
            let text = text.trim_matches(|c: char| c.is_ascii_punctuation() && c != '.');
            if text.is_empty() || text.eq_ignore_ascii_case(&name) {
                continue;
            }
            let entry = alias_counts
                .entry(text.to_lowercase())
                .or_insert_with(|| (0, text.to_string()));
            entry.0 += 1;
        }
    }
    let mut aliases: Vec<(usize, String)> = alias_counts.into_values().collect();
    aliases.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    LinkedPerson {
        name,
        entity_type,
        aliases: aliases.into_iter().map(|(_, a)| a).collect(),
        members,
    }
}

/// The persons `query` names, best first: those whose name matches; else those with a matching
/// alias followed by those whose name contains every word of the query.
pub fn lookup<'a>(
    people: impl IntoIterator<Item = (&'a str, &'a [String])>,
    query: &str,
) -> Vec<usize> {
    let people: Vec<(&str, &[String])> = people.into_iter().collect();
    let q = query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let q_tokens = name_tokens(query);
    let same = |name: &str| {
        name.to_lowercase() == q || (!q_tokens.is_empty() && name_tokens(name) == q_tokens)
    };
    let exact: Vec<usize> = (0..people.len()).filter(|&i| same(people[i].0)).collect();
    if !exact.is_empty() {
        return exact;
    }
    // Otherwise everyone the words could mean: a bare "Miliband" lists Ed and Ralph both,
    // those known by exactly that alias first.
    let words: Vec<String> = q.split_whitespace().map(str::to_string).collect();
    let mut found: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].1.iter().any(|a| same(a)))
        .collect();
    for (i, person) in people.iter().enumerate() {
        let name = name_tokens(person.0);
        if !words.is_empty() && words.iter().all(|w| name.contains(w)) && !found.contains(&i) {
            found.push(i);
        }
    }
    found
}

#[cfg(test)]
mod tests;
