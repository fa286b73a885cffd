//! The small stance lexicon: words that show what a speaker thinks of someone, with a weight.
//! Written for news about people; strong insults weigh more than mild praise because they say
//! more about a relationship.

/// Words of approval and their weight.
pub const POSITIVE: &[(&str, i32)] = &[
    ("admire", 2),
    ("admired", 2),
    ("admirable", 2),
    ("applaud", 2),
    ("backed", 1),
    ("best", 1),
    ("better", 1),
    ("brave", 2),
    ("brilliant", 2),
    ("capable", 1),
    ("champion", 1),
    ("commend", 2),
    ("congratulate", 2),
    ("courageous", 2),
    ("decent", 1),
    ("excellent", 2),
    ("fantastic", 2),
    ("friend", 1),
    ("good", 1),
    ("great", 1),
    ("hailed", 2),
    ("hailing", 2),
    ("honest", 2),
    ("honourable", 2),
    ("impressive", 2),
    ("impressed", 2),
    ("integrity", 2),
    ("outstanding", 2),
    ("praise", 2),
    ("praised", 2),
    ("praising", 2),
    ("principled", 2),
    ("respect", 1),
    ("respected", 1),
    ("strong", 1),
    ("support", 1),
    ("supported", 1),
    ("talented", 2),
    ("thank", 1),
    ("trust", 1),
    ("welcome", 1),
    ("welcomed", 1),
    ("wise", 2),
];

/// Words of hostility and their weight.
pub const NEGATIVE: &[(&str, i32)] = &[
    ("absurd", 1),
    ("aghast", 1),
    ("amoeba", 1),
    ("appalled", 1),
    ("appalling", 2),
    ("arrogant", 2),
    ("attack", 1),
    ("attacked", 1),
    ("awful", 2),
    ("betrayal", 2),
    ("betrayed", 2),
    ("betrayer", 2),
    ("betrayers", 2),
    ("blame", 1),
    ("coward", 2),
    ("cowardly", 2),
    ("condemn", 2),
    ("condemned", 2),
    ("corrupt", 2),
    ("criticised", 1),
    ("criticized", 1),
    ("deceitful", 2),
    ("disappointed", 1),
    ("disappointing", 1),
    ("discreditable", 1),
    ("disgrace", 2),
    ("disgraceful", 2),
    ("dishonest", 2),
    ("disloyal", 2),
    ("disloyalty", 2),
    ("failure", 1),
    ("fool", 2),
    ("hypocrite", 2),
    ("hypocritical", 2),
    ("incompetent", 2),
    ("liar", 2),
    ("lie", 2),
    ("lied", 2),
    ("lies", 2),
    ("lying", 2),
    ("nonsense", 1),
    ("outrage", 1),
    ("outrageous", 2),
    ("pathetic", 2),
    ("poor", 1),
    ("reprehensible", 2),
    ("rubbish", 1),
    ("shameful", 2),
    ("spineless", 2),
    ("stupid", 2),
    ("terrible", 2),
    ("traitor", 2),
    ("unfit", 2),
    ("unprincipled", 2),
    ("useless", 2),
    ("weak", 1),
    ("wrong", 1),
];

/// Words that turn the next few words around ("not impressive", "nothing discreditable").
pub const NEGATORS: &[&str] = &[
    "not", "no", "never", "nothing", "nobody", "neither", "nor", "without", "hardly", "n't",
    "isn't", "wasn't", "don't", "doesn't", "didn't", "won't", "cannot", "can't", "aren't",
];

/// Words that, just before a hostile word, make moving away from it a good thing
/// ("a move back from the betrayers", "stood up against corruption").
pub const AWAY: &[&str] = &["from", "against", "away", "beyond"];

/// Reporting words outside the quotation marks that still carry the speaker's stance
/// ("while hailing Miliband's beliefs", "branded his views awful").
pub const FRAME_CUES: &[&str] = &[
    "hailing",
    "hailed",
    "praised",
    "praising",
    "welcomed",
    "backed",
    "attacked",
    "condemned",
    "criticised",
    "criticized",
    "branded",
    "dismissing",
    "accused",
    "accusing",
];

/// Frame words that are hostile although they are not in [`NEGATIVE`].
pub const FRAME_NEGATIVE: &[&str] = &["branded", "dismissing", "accused", "accusing"];

/// Words that make a statement a denial of someone else's.
pub const DENIALS: &[&str] = &[
    "lie",
    "lies",
    "liar",
    "lying",
    "untrue",
    "false",
    "falsehood",
    "deny",
    "denies",
    "denied",
    "nonsense",
    "rubbish",
    "fabrication",
    "fabricated",
    "smear",
    "categorically",
    "baseless",
];

/// Words too common to show two statements are about the same thing.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "him", "his", "i", "if", "in", "into", "is", "it", "its", "me", "more", "my",
    "no", "not", "of", "on", "one", "or", "our", "out", "said", "she", "so", "some", "that", "the",
    "their", "them", "there", "they", "this", "to", "up", "us", "very", "want", "was", "we",
    "were", "what", "when", "which", "who", "will", "with", "would", "you", "your", "quite",
    "simply", "just", "now", "then", "than", "him", "she", "over", "only",
];

/// Capitalised words that are not names, so they are never taken for someone a statement is
/// about.
pub const NOT_NAMES: &[&str] = &[
    "the",
    "there",
    "it",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "if",
    "when",
    "while",
    "we",
    "i",
    "he",
    "she",
    "they",
    "you",
    "a",
    "an",
    "our",
    "my",
    "his",
    "her",
    "their",
    "in",
    "on",
    "for",
    "as",
    "at",
    "so",
    "what",
    "why",
    "how",
    "who",
    "no",
    "yes",
    "now",
    "then",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "whoever",
    "having",
    "speaking",
    "meanwhile",
    "however",
    "after",
    "before",
    "yesterday",
    "today",
    "delivering",
    "an",
    "of",
    "to",
];

/// The weight of `word` (lower-case): positive for approval, negative for hostility.
pub fn weight(word: &str) -> i32 {
    if let Some((_, w)) = POSITIVE.iter().find(|(p, _)| *p == word) {
        return *w;
    }
    if let Some((_, w)) = NEGATIVE.iter().find(|(n, _)| *n == word) {
        return -*w;
    }
    0
}
