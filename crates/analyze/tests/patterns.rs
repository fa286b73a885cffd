//! One test per pattern the analyzer must get right, each on sentences written for the test.

use saywho_analyze::Analyzer;
use saywho_model::{AnalysisView, Article, QuoteKind};

/// (kind, quotation text, speaker name) for every quotation of `text`.
fn quotes(text: &str) -> Vec<(QuoteKind, String, Option<String>)> {
    let article = Article::new("t", text);
    let analysis = Analyzer::new().analyze(text);
    AnalysisView::new(&article, &analysis)
        .quotes
        .into_iter()
        .map(|q| (q.kind, q.text, q.speaker.name))
        .collect()
}

/// The speaker of the quotation whose text starts with `start`.
fn speaker_of(text: &str, start: &str) -> Option<String> {
    let found = quotes(text);
    found
        .iter()
        .find(|(_, t, _)| t.starts_with(start))
        .unwrap_or_else(|| panic!("no quotation starting {start:?} in {found:?}"))
        .2
        .clone()
}

fn kind_of(text: &str, start: &str) -> QuoteKind {
    quotes(text)
        .iter()
        .find(|(_, t, _)| t.starts_with(start))
        .unwrap_or_else(|| panic!("no quotation starting {start:?}"))
        .0
}

#[test]
fn straight_and_curly_double_quotes() {
    let text =
        "Maria Lopez spoke first. \"We will rebuild,\" she said. “Nothing stops us,” she added.";
    assert_eq!(
        speaker_of(text, "We will rebuild"),
        Some("Maria Lopez".into())
    );
    assert_eq!(
        speaker_of(text, "Nothing stops us"),
        Some("Maria Lopez".into())
    );
}

#[test]
fn inner_single_quotes_stay_inside_the_quotation() {
    let text = "Tom Hardwick said: \"Their talk of 'reform' is empty.\"";
    let found = quotes(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "Their talk of 'reform' is empty.");
}

#[test]
fn british_single_quotes_and_apostrophes() {
    let text = "Ian O'Neill, who ran the club in the '90s, said the town's plan was ‘a complete shambles’.";
    let found = quotes(text);
    let partial = found
        .iter()
        .find(|(k, _, _)| *k == QuoteKind::Partial)
        .expect("partial quote");
    assert_eq!(partial.1, "a complete shambles");
    assert_eq!(partial.2.as_deref(), Some("Ian O'Neill"));
    assert!(found.iter().all(|(_, t, _)| !t.starts_with("90s")));
}

#[test]
fn guillemets() {
    let text = "Claire Dubois smiled. « We are ready, » she said.";
    assert_eq!(
        speaker_of(text, "We are ready"),
        Some("Claire Dubois".into())
    );
}

#[test]
fn multi_paragraph_quotation_is_one() {
    let text = "Ruth Adeyemi said: \"The first part of my answer.\n\n\"The second part of it.\n\n\"And the end.\"\n\nThen the meeting closed.";
    let found = quotes(text);
    let direct: Vec<_> = found
        .iter()
        .filter(|(k, _, _)| *k == QuoteKind::Direct)
        .collect();
    assert_eq!(direct.len(), 1, "{found:?}");
    assert!(direct[0].1.starts_with("The first part"));
    assert!(direct[0].1.ends_with("And the end."));
    assert_eq!(direct[0].2.as_deref(), Some("Ruth Adeyemi"));
}

#[test]
fn partial_quotation_inside_a_sentence() {
    let text = "Councillor Ann Webb described the budget as \"a betrayal of every resident\".";
    assert_eq!(kind_of(text, "a betrayal"), QuoteKind::Partial);
    assert_eq!(speaker_of(text, "a betrayal"), Some("Ann Webb".into()));
}

#[test]
fn unbalanced_mark_recovers_at_paragraph_end() {
    let text = "Peter Vance said: \"This never closes.\n\nA second paragraph of plain reporting.\n\nKaren Holt said: \"This one does.\"";
    let found = quotes(text);
    assert!(
        found.iter().any(|(_, t, _)| t == "This never closes."),
        "{found:?}"
    );
    assert_eq!(speaker_of(text, "This one does"), Some("Karen Holt".into()));
    assert!(
        found.iter().all(|(_, t, _)| !t.contains("plain reporting")),
        "{found:?}"
    );
}

#[test]
fn cue_after_and_inverted() {
    let text = "Dan Carver and Lucy Marsh met the press. \"It is over,\" said Dan Carver. \"It has barely begun,\" declared the campaign director, Lucy Marsh.";
    assert_eq!(speaker_of(text, "It is over"), Some("Dan Carver".into()));
    assert_eq!(
        speaker_of(text, "It has barely begun"),
        Some("Lucy Marsh".into())
    );
}

#[test]
fn according_to_told_and_statements() {
    let text = "According to Helen Price, \"the deal is done\". Mark Osei told reporters: \"We signed today.\" The Port Authority said in a statement: \"Work starts in May.\"";
    assert_eq!(
        speaker_of(text, "the deal is done"),
        Some("Helen Price".into())
    );
    assert_eq!(
        speaker_of(text, "We signed today"),
        Some("Mark Osei".into())
    );
    assert_eq!(
        speaker_of(text, "Work starts in May"),
        Some("Port Authority".into())
    );
}

#[test]
fn tweets_and_colon_introductions() {
    let text = "Senator Joan Reyes tweeted: \"Proud of our team tonight.\"\n\nLater Reyes was blunt: \"We won.\"";
    assert_eq!(
        speaker_of(text, "Proud of our team"),
        Some("Joan Reyes".into())
    );
    assert_eq!(speaker_of(text, "We won"), Some("Joan Reyes".into()));
}

#[test]
fn uncued_paragraph_continues_the_speaker() {
    let text = "\"We lost the vote,\" said Owen Hale.\n\n\"But we will be back next year.\"\n\nThe chamber emptied.";
    assert_eq!(
        speaker_of(text, "But we will be back"),
        Some("Owen Hale".into())
    );
}

#[test]
fn pronouns_follow_gender() {
    let text = "Mr James Ford and Mrs Alice Ford arrived together. He spoke first. \"We are delighted,\" he said.\n\nShe added: \"Our children are here too.\"";
    assert_eq!(
        speaker_of(text, "We are delighted"),
        Some("James Ford".into())
    );
    assert_eq!(speaker_of(text, "Our children"), Some("Alice Ford".into()));
}

#[test]
fn descriptions_resolve_to_people() {
    let text = "Unite leader Dave Rourke attacked the plan. Sarah Finch, the union general secretary, defended it.\n\n\"It is a disgrace,\" the Unite leader said. \"It is a fair offer,\" the general secretary replied.";
    assert_eq!(
        speaker_of(text, "It is a disgrace"),
        Some("Dave Rourke".into())
    );
    assert_eq!(
        speaker_of(text, "It is a fair offer"),
        Some("Sarah Finch".into())
    );
}

#[test]
fn two_people_with_one_surname_stay_two() {
    let text = "Anna Kovac spoke before her brother Pavel Kovac. \"I am proud of him,\" Anna Kovac said. \"She is too kind,\" Pavel Kovac said.";
    let article = Article::new("t", text);
    let analysis = Analyzer::new().analyze(text);
    let view = AnalysisView::new(&article, &analysis);
    let people: Vec<&str> = view.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(
        people.contains(&"Anna Kovac") && people.contains(&"Pavel Kovac"),
        "{people:?}"
    );
    assert_eq!(
        speaker_of(text, "She is too kind"),
        Some("Pavel Kovac".into())
    );
}

#[test]
fn organisations_speak() {
    let text = "\"We have no comment,\" the Home Office said.\n\nThe newspaper wrote that the minister had \"misled everyone\".";
    assert_eq!(
        speaker_of(text, "We have no comment"),
        Some("Home Office".into())
    );
    assert!(speaker_of(text, "misled everyone").is_some());
}

#[test]
fn a_headline_is_read_and_a_related_line_is_not() {
    let text = "Mayor calls plan \"a disaster\"\n\nThe mayor of Trenby, Rosa Kent, said the plan was flawed.\n\nRelated: \"Best ever\" says rival candidate";
    let found = quotes(text);
    assert!(
        found
            .iter()
            .any(|(k, t, who)| *k == QuoteKind::Partial && t == "a disaster" && who.is_some()),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(_, t, _)| !t.contains("Best ever")),
        "{found:?}"
    );
}

#[test]
fn reported_speech_with_cue_verbs() {
    for verb in [
        "said",
        "claimed",
        "warned",
        "insisted",
        "argued",
        "suggested",
    ] {
        let text = format!("Paul Grant {verb} that the council had wasted millions on the scheme.");
        let found = quotes(&text);
        let indirect = found
            .iter()
            .find(|(k, _, _)| *k == QuoteKind::Indirect)
            .unwrap_or_else(|| panic!("no reported speech with {verb}: {found:?}"));
        assert_eq!(
            indirect.1, "that the council had wasted millions on the scheme",
            "{verb}"
        );
        assert_eq!(indirect.2.as_deref(), Some("Paul Grant"), "{verb}");
    }
}

/// Asserts that `text` reports `content` as indirect speech by `speaker`.
fn assert_reported(text: &str, content: &str, speaker: &str) {
    let found = quotes(text);
    assert!(
        found.iter().any(|(k, t, s)| *k == QuoteKind::Indirect
            && t == content
            && s.as_deref() == Some(speaker)),
        "{found:?}"
    );
}

#[test]
fn a_description_before_the_name_joins_that_person() {
    let text = "The plan divided the state, with the governor insisting it would pay off. \
                Governor Lev Osterman told reporters that the vote was final.";
    let article = Article::new("t", text);
    let analysis = Analyzer::new().analyze(text);
    let view = AnalysisView::new(&article, &analysis);
    let osterman = view
        .entities
        .iter()
        .find(|e| e.name == "Lev Osterman")
        .unwrap_or_else(|| panic!("no Lev Osterman in {:?}", view.entities));
    assert!(
        osterman.mentions.iter().any(|m| m.text == "the governor"),
        "{:?}",
        view.entities
    );
}

#[test]
fn unquoted_speech_around_its_attribution() {
    assert_reported(
        "The board met late. If the budget fails, Mayor Ines Varga said, the library will \
         close in spring.",
        "If the budget fails, Mayor Ines Varga said, the library will close in spring",
        "Ines Varga",
    );
}

#[test]
fn groups_of_people_as_sources() {
    assert_reported(
        "The count went on overnight. Turnout barely moved the result, political scientists say.",
        "Turnout barely moved the result",
        "political scientists",
    );
}

#[test]
fn inverted_subjects_after_modifiers() {
    let text = "The vote was close. \"It went down to the wire,\" said Labour \
                parliamentary candidate Ruth Okafor.";
    assert_eq!(speaker_of(text, "It went down"), Some("Ruth Okafor".into()));
}

#[test]
fn naming_verbs_report_the_name_and_whom_it_names() {
    let text = "Councillor Ruth Ellery called the new budget \u{201c}a reckless gamble.\u{201d} \
                Her deputy stayed silent.";
    let found = quotes(text);
    let partial = found.iter().find(|(k, _, _)| *k == QuoteKind::Partial);
    assert_eq!(
        partial.map(|p| p.1.as_str()),
        Some("a reckless gamble."),
        "{found:?}"
    );
    let reported = found.iter().find(|(k, _, _)| *k == QuoteKind::Indirect);
    assert_eq!(
        reported.map(|p| (p.1.as_str(), p.2.as_deref())),
        Some((
            "the new budget \u{201c}a reckless gamble.\u{201d}",
            Some("Ruth Ellery")
        )),
        "{found:?}"
    );
}

#[test]
fn long_articles_are_linear_and_do_not_panic() {
    let paragraph = "\"We will win,\" said Jo Baker. She added that the result was \"certain\". Unbalanced \"mark here.\n\n";
    let text = paragraph.repeat(20_000);
    let analysis = Analyzer::new().analyze(&text);
    assert!(analysis.quotes.len() >= 40_000);
}
