//! The seeds end to end through the store: ingest the two seed articles, then the same person
//! is found in both, and their story shows both outlets and Galloway's change of stance toward
//! Miliband. Needs `../shared/seeds` (skipped, loudly, without it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn seeds() -> Option<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    (files.len() >= 2).then_some(files)
}

fn saywho(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_saywho"))
        .args(args)
        .output()
        .expect("run saywho");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn seeds_person_and_story_across_both_outlets() {
    let Some(files) = seeds() else {
        eprintln!("SKIPPED corpus_seeds: ../shared/seeds not found next to the repository");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let db = db.to_str().unwrap();
    let mut args = vec!["ingest", "--db", db];
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let (ok, _, err) = saywho(&args);
    assert!(ok, "ingest failed: {err}");

    // One person, quoted in both articles.
    let (ok, out, err) = saywho(&["person", "George Galloway", "--db", db, "--format", "json"]);
    assert!(ok, "person failed: {err}");
    let people: serde_json::Value = serde_json::from_str(&out).unwrap();
    let galloway = &people[0];
    assert_eq!(galloway["name"], "George Galloway", "{out}");
    assert_eq!(
        galloway["articles"], 2,
        "quotations from both articles: {out}"
    );
    let aliases: Vec<&str> = galloway["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert!(aliases.contains(&"Galloway"), "{aliases:?}");

    // Ed and Ralph Miliband stay two people.
    let (ok, out, _) = saywho(&["person", "Miliband", "--db", db, "--format", "json"]);
    assert!(ok);
    let milibands: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = milibands
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(names.contains(&"Ed Miliband"), "{names:?}");
    assert!(!names
        .iter()
        .any(|n| n.contains("Ed") && n.contains("Ralph")));

    // Their story, both outlets side by side, and the change of stance.
    let story = galloway["stories"][0].as_i64().expect("a story");
    let (ok, out, err) = saywho(&["story", &story.to_string(), "--db", db, "--format", "json"]);
    assert!(ok, "story failed: {err}");
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &doc["comparison"];
    assert_eq!(
        c["articles"].as_array().unwrap().len(),
        2,
        "both outlets in one story: {out}"
    );
    let line = c["stances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["speaker"]["name"] == "George Galloway" && l["target"]["name"] == "Ed Miliband")
        .expect("what Galloway says about Miliband");
    let stances: Vec<&str> = line["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["stance"].as_str())
        .collect();
    assert_eq!(stances, vec!["positive", "negative"], "{line}");

    let (ok, text, _) = saywho(&["story", &story.to_string(), "--db", db]);
    assert!(ok);
    assert!(text.contains("stance shifts"), "{text}");
    assert!(text.contains("coward"), "{text}");

    // Search finds the insult with its speaker, article and story.
    let (ok, out, _) = saywho(&[
        "search",
        "coward",
        "--speaker",
        "Galloway",
        "--db",
        db,
        "--format",
        "json",
    ]);
    assert!(ok);
    let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(hits[0]["speaker_name"], "George Galloway", "{out}");
    assert_eq!(hits[0]["story"], story);
}
