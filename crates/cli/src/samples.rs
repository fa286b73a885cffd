//! The built-in sample articles: short invented news stories, written for saywho, that show
//! the patterns it handles (inverted cues, pronouns, descriptions, multi-paragraph and partial
//! quotations, organisations, guillemets, a trailing "related" line).

use saywho_model::Article;

const SAMPLES: [(&str, &str); 3] = [
    (
        "samples/harbour-bridge.txt",
        include_str!("../samples/harbour-bridge.txt"),
    ),
    (
        "samples/river-festival.txt",
        include_str!("../samples/river-festival.txt"),
    ),
    (
        "samples/chess-prodigy.txt",
        include_str!("../samples/chess-prodigy.txt"),
    ),
];

/// The sample articles, ids being their file names.
pub fn articles() -> Vec<Article> {
    SAMPLES
        .iter()
        .map(|(id, text)| Article::new(*id, *text))
        .collect()
}
