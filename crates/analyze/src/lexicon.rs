//! Word lists the rules consult: reporting verbs, titles, person and organisation nouns,
//! pronouns, first names with their usual gender. Written for saywho; every list is lower-case
//! and looked up through [`Lexicon`], built once per analyzer.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::learn::CueTable;

/// How a reporting verb behaves in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueVerb {
    /// May stand after its subject in inversion: `"...," said Smith`.
    pub invertible: bool,
    /// Takes the addressee as object before the content: `told reporters that`.
    pub takes_addressee: bool,
    /// Speech proper (say, tell) rather than belief or intention (think, want).
    pub speech: bool,
}

/// The lemma given to cues that only the learned table knows.
pub const LEARNED_LEMMA: &str = "(learned)";

/// Gender as evidence gives it; pronoun resolution uses it as a filter or a preference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    /// He, Mr, a male first name.
    Male,
    /// She, Mrs, a female first name.
    Female,
}

/// Reporting verbs by lemma: (lemma, invertible, takes addressee, speech).
const CUE_VERBS: &[(&str, bool, bool, bool)] = &[
    ("say", true, false, true),
    ("tell", false, true, true),
    ("add", true, false, true),
    ("claim", false, false, true),
    ("warn", true, true, true),
    ("insist", true, false, true),
    ("assert", true, false, true),
    ("suggest", true, false, true),
    ("deny", false, false, true),
    ("accuse", false, false, true),
    ("argue", true, false, true),
    ("declare", true, false, true),
    ("tweet", true, false, true),
    ("write", true, false, true),
    ("note", true, false, true),
    ("explain", true, false, true),
    ("state", true, false, true),
    ("announce", true, false, true),
    ("ask", true, true, true),
    ("respond", true, false, true),
    ("reply", true, false, true),
    ("continue", true, false, true),
    ("recall", true, false, true),
    ("admit", true, false, true),
    ("acknowledge", true, false, true),
    ("concede", true, false, true),
    ("predict", true, false, true),
    ("urge", false, true, true),
    ("describe", false, false, true),
    ("call", false, false, true),
    ("complain", true, false, true),
    ("boast", true, false, true),
    ("joke", true, false, true),
    ("quip", true, false, true),
    ("vow", true, false, true),
    ("promise", true, true, true),
    ("pledge", true, false, true),
    ("confirm", true, false, true),
    ("report", true, false, true),
    ("reveal", true, false, true),
    ("stress", true, false, true),
    ("emphasize", true, false, true),
    ("emphasise", true, false, true),
    ("maintain", true, false, true),
    ("contend", true, false, true),
    ("reiterate", true, false, true),
    ("observe", true, false, true),
    ("remark", true, false, true),
    ("comment", true, false, true),
    ("conclude", true, false, true),
    ("agree", true, false, true),
    ("allege", true, false, true),
    ("charge", true, false, true),
    ("counter", true, false, true),
    ("retort", true, false, true),
    ("testify", true, false, true),
    ("point", false, false, true),
    ("tell", false, true, true),
    ("inform", false, true, true),
    ("remind", false, true, true),
    ("assure", false, true, true),
    ("caution", true, true, true),
    ("proclaim", true, false, true),
    ("shout", true, false, true),
    ("yell", true, false, true),
    ("chant", false, false, true),
    ("sing", false, false, true),
    ("read", false, false, true),
    ("scream", true, false, true),
    ("exclaim", true, false, true),
    ("whisper", true, false, true),
    ("mutter", true, false, true),
    ("write", true, false, true),
    ("post", true, false, true),
    ("blog", true, false, true),
    ("demand", true, false, true),
    ("propose", true, false, true),
    ("recommend", true, false, true),
    ("concur", true, false, true),
    ("speculate", true, false, true),
    ("estimate", true, false, true),
    ("indicate", true, false, true),
    ("signal", true, false, true),
    ("hint", true, false, true),
    ("imply", true, false, true),
    ("mention", true, false, true),
    ("answer", true, false, true),
    ("protest", true, false, true),
    ("lament", true, false, true),
    ("acknowledge", true, false, true),
    ("brag", true, false, true),
    ("scoff", true, false, true),
    ("sniff", true, false, true),
    ("snap", true, false, true),
    ("thunder", true, false, true),
    ("fume", true, false, true),
    ("rage", true, false, true),
    ("tout", false, false, true),
    ("dismiss", false, false, true),
    ("decry", false, false, true),
    ("criticize", false, false, true),
    ("criticise", false, false, true),
    ("praise", false, false, true),
    ("reject", false, false, true),
    ("believe", false, false, false),
    ("think", false, false, false),
    ("hope", false, false, false),
    ("fear", false, false, false),
    ("worry", false, false, false),
    ("feel", false, false, false),
    ("expect", false, false, false),
    ("know", false, false, false),
    ("show", false, false, false),
    ("find", false, false, false),
    ("want", false, false, false),
    ("plan", false, false, false),
    ("intend", false, false, false),
    ("doubt", false, false, false),
    ("question", false, false, false),
    ("wonder", true, false, false),
    ("understand", false, false, false),
    ("realize", false, false, false),
    ("realise", false, false, false),
    ("assume", false, false, false),
    ("suspect", false, false, false),
    ("conclude", true, false, true),
    ("acknowledge", true, false, true),
];

/// True for a word that stands next to a verb without being one: an adverb in -ly, or
/// one of the short adverbs and prepositions annotated cue spans hold.
fn modifies_a_verb(lower: &str) -> bool {
    (lower.len() > 4 && lower.ends_with("ly"))
        || matches!(
            lower,
            "also" | "about" | "too" | "again" | "still" | "even" | "then" | "now" | "not"
        )
}

/// Past forms of verbs of saying that do not end in -ed.
pub(crate) const IRREGULAR_PAST: WordSet = WordSet::new(&[
    "said",
    "told",
    "wrote",
    "thought",
    "knew",
    "felt",
    "found",
    "gave",
    "made",
    "took",
    "spoke",
    "sang",
    "swore",
    "forgot",
    "meant",
    "saw",
    "understood",
    "began",
    "held",
    "went",
]);

/// Irregular and awkward inflections mapped to their lemma.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("saying", "say"),
    ("told", "tell"),
    ("sang", "sing"),
    ("sung", "sing"),
    ("tells", "tell"),
    ("telling", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("writes", "write"),
    ("writing", "write"),
    ("thought", "think"),
    ("knew", "know"),
    ("known", "know"),
    ("felt", "feel"),
    ("found", "find"),
    ("shown", "show"),
    ("showed", "show"),
    ("denied", "deny"),
    ("denies", "deny"),
    ("replied", "reply"),
    ("replies", "reply"),
    ("testified", "testify"),
    ("testifies", "testify"),
    ("worried", "worry"),
    ("worries", "worry"),
    ("implied", "imply"),
    ("implies", "imply"),
    ("understood", "understand"),
    ("snapped", "snap"),
    ("planned", "plan"),
    ("quipped", "quip"),
    ("blogged", "blog"),
    ("committed", "commit"),
];

/// Titles that precede a name; the bool says whether the title fixes the gender.
const TITLES: &[(&str, Option<Gender>)] = &[
    ("mr", Some(Gender::Male)),
    ("mrs", Some(Gender::Female)),
    ("ms", Some(Gender::Female)),
    ("miss", Some(Gender::Female)),
    ("sir", Some(Gender::Male)),
    ("dame", Some(Gender::Female)),
    ("lord", Some(Gender::Male)),
    ("lady", Some(Gender::Female)),
    ("dr", None),
    ("prof", None),
    ("professor", None),
    ("rev", None),
    ("reverend", None),
    ("father", Some(Gender::Male)),
    ("sister", Some(Gender::Female)),
    ("sen", None),
    ("senator", None),
    ("rep", None),
    ("representative", None),
    ("gov", None),
    ("governor", None),
    ("president", None),
    ("vice", None),
    ("chancellor", None),
    ("minister", None),
    ("secretary", None),
    ("judge", None),
    ("justice", None),
    ("gen", None),
    ("general", None),
    ("col", None),
    ("colonel", None),
    ("capt", None),
    ("captain", None),
    ("lt", None),
    ("sgt", None),
    ("sergeant", None),
    ("officer", None),
    ("detective", None),
    ("superintendent", None),
    ("inspector", None),
    ("constable", None),
    ("chief", None),
    ("mayor", None),
    ("councillor", None),
    ("councilman", Some(Gender::Male)),
    ("councilwoman", Some(Gender::Female)),
    ("commissioner", None),
    ("ambassador", None),
    ("prince", Some(Gender::Male)),
    ("princess", Some(Gender::Female)),
    ("king", Some(Gender::Male)),
    ("queen", Some(Gender::Female)),
    ("pope", Some(Gender::Male)),
    ("rabbi", None),
    ("imam", None),
    ("bishop", None),
    ("archbishop", None),
    ("speaker", None),
    ("coach", None),
    ("attorney", None),
    ("candidate", None),
    ("nominee", None),
    ("congressman", Some(Gender::Male)),
    ("congresswoman", Some(Gender::Female)),
    ("premier", None),
    ("mp", None),
    ("mep", None),
];

/// Nouns that head a description of a person ("the Labour leader", "the backbencher").
const PERSON_NOUNS: &[&str] = &[
    "leader",
    "mp",
    "mep",
    "secretary",
    "backbencher",
    "socialist",
    "conservative",
    "liberal",
    "democrat",
    "republican",
    "minister",
    "president",
    "senator",
    "chairman",
    "chairwoman",
    "chair",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commenter",
    "confidant",
    "official",
    "candidate",
    "nominee",
    "director",
    "chief",
    "teenager",
    "coach",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "widow",
    "boss",
    "executive",
    "founder",
    "owner",
    "manager",
    "governor",
    "mayor",
    "councillor",
    "congressman",
    "congresswoman",
    "lawmaker",
    "legislator",
    "politician",
    "campaigner",
    "activist",
    "analyst",
    "economist",
    "expert",
    "professor",
    "scientist",
    "researcher",
    "author",
    "writer",
    "journalist",
    "reporter",
    "editor",
    "columnist",
    "commentator",
    "lawyer",
    "attorney",
    "prosecutor",
    "judge",
    "officer",
    "detective",
    "inspector",
    "superintendent",
    "commissioner",
    "ambassador",
    "diplomat",
    "envoy",
    "adviser",
    "advisor",
    "aide",
    "strategist",
    "pollster",
    "consultant",
    "businessman",
    "businesswoman",
    "billionaire",
    "millionaire",
    "tycoon",
    "entrepreneur",
    "star",
    "actor",
    "actress",
    "singer",
    "player",
    "striker",
    "midfielder",
    "captain",
    "champion",
    "athlete",
    "victim",
    "witness",
    "survivor",
    "resident",
    "neighbour",
    "neighbor",
    "friend",
    "colleague",
    "veteran",
    "student",
    "teacher",
    "doctor",
    "nurse",
    "surgeon",
    "priest",
    "pastor",
    "bishop",
    "archbishop",
    "rabbi",
    "imam",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "premier",
    "chancellor",
    "speaker",
    "whip",
    "deputy",
    "representative",
    "rep",
    "incumbent",
    "challenger",
    "frontrunner",
    "front-runner",
    "contender",
    "rival",
    "opponent",
    "critic",
    "supporter",
    "ally",
    "scot",
    "swede",
    "briton",
    "american",
    "frenchman",
    "frenchwoman",
    "german",
    "irishman",
    "welshman",
    "englishman",
    "australian",
    "canadian",
    "russian",
    "italian",
    "spaniard",
    "marxist",
    "communist",
    "nationalist",
    "populist",
    "centrist",
    "progressive",
    "moderate",
    "billionaire",
    "mogul",
    "magnate",
    "chef",
    "artist",
    "musician",
    "comedian",
    "host",
    "presenter",
    "anchor",
    "broadcaster",
    "man",
    "woman",
    "boy",
    "girl",
    "grandmother",
    "grandfather",
    "uncle",
    "aunt",
    "cousin",
    "stallholder",
    "trader",
    "farmer",
    "worker",
    "employee",
    "employer",
    "landlord",
    "tenant",
    "driver",
    "pilot",
    "soldier",
    "general",
    "commander",
    "sergeant",
    "medic",
    "firefighter",
    "policeman",
    "policewoman",
    "constable",
    "cleric",
    "monk",
    "nun",
    "priest",
    "physician",
    "psychiatrist",
    "psychologist",
    "therapist",
    "historian",
    "philosopher",
    "novelist",
    "poet",
    "composer",
    "director",
    "producer",
    "designer",
    "architect",
    "engineer",
    "programmer",
    "founder",
    "co-founder",
    "ceo",
    "cfo",
    "chairperson",
    "treasurer",
    "organiser",
    "organizer",
    "head",
    "principal",
    "headteacher",
    "headmaster",
    "headmistress",
    "dean",
    "vice-president",
    "vice-chairman",
    "attorney-general",
    "solicitor",
    "barrister",
    "defendant",
    "plaintiff",
    "suspect",
    "accused",
    "convict",
    "prisoner",
    "inmate",
    "refugee",
    "migrant",
    "immigrant",
    "voter",
    "donor",
    "fundraiser",
    "staffer",
    "intern",
    "secretary-general",
    "commentator",
    "blogger",
    "vlogger",
    "influencer",
    "celebrity",
    "prodigy",
    "grandmaster",
    "runner",
    "swimmer",
    "cyclist",
    "boxer",
    "wrestler",
    "golfer",
    "batsman",
    "bowler",
    "goalkeeper",
    "defender",
    "forward",
    "winger",
    "manager",
    "referee",
    "umpire",
    "pundit",
    "insider",
    "source",
    "loyalist",
    "moderator",
    "panelist",
    "panellist",
    "juror",
    "speechwriter",
    "chief-of-staff",
    "deputy-leader",
    "hardliner",
    "rebel",
    "dissident",
    "eurosceptic",
    "remainer",
    "brexiteer",
    "tory",
    "labourite",
    "blairite",
    "unionist",
    "republican",
    "delegate",
    "protester",
    "protestor",
    "demonstrator",
    "operative",
    "lobbyist",
    "scholar",
    "surrogate",
    "backer",
    "attendee",
    "fan",
    "parent",
    "agent",
    "investigator",
    "administrator",
    "coordinator",
    "counsel",
    "sheriff",
    "assemblyman",
    "assemblywoman",
    "alderman",
    "councilman",
    "councilwoman",
    "lieutenant",
    "user",
    "caller",
];

/// Nouns that head a description of an organisation that can speak ("the newspaper said").
const ORG_NOUNS: &[&str] = &[
    "newspaper",
    "paper",
    "magazine",
    "company",
    "firm",
    "campaign",
    "committee",
    "ministry",
    "department",
    "party",
    "government",
    "council",
    "administration",
    "agency",
    "bank",
    "group",
    "union",
    "association",
    "federation",
    "organisation",
    "organization",
    "charity",
    "foundation",
    "institute",
    "university",
    "college",
    "school",
    "hospital",
    "court",
    "commission",
    "board",
    "authority",
    "police",
    "force",
    "army",
    "military",
    "network",
    "channel",
    "broadcaster",
    "station",
    "website",
    "site",
    "publication",
    "outlet",
    "team",
    "club",
    "league",
    "society",
    "trust",
    "office",
    "embassy",
    "regime",
    "cabinet",
    "parliament",
    "senate",
    "congress",
    "assembly",
    "tribunal",
    "inquiry",
    "report",
    "study",
    "survey",
    "poll",
    "statement",
    "editorial",
    "review",
    "corporation",
    "conglomerate",
    "retailer",
    "manufacturer",
    "airline",
    "insurer",
    "lender",
    "watchdog",
    "regulator",
    "coalition",
    "alliance",
    "movement",
    "caucus",
    "panel",
    "service",
    "unit",
    "body",
    "opposition",
    "studio",
    "label",
    "publisher",
    "operator",
    "provider",
    "spokesperson",
];

/// Words that end a capitalised run as an organisation ("Home Office", "Labour Party").
const ORG_NAME_WORDS: &[&str] = &[
    "party",
    "council",
    "association",
    "federation",
    "office",
    "department",
    "ministry",
    "house",
    "times",
    "news",
    "post",
    "herald",
    "gazette",
    "journal",
    "journalism",
    "magazine",
    "telegraph",
    "guardian",
    "tribune",
    "sentinel",
    "chronicle",
    "courier",
    "inquirer",
    "observer",
    "examiner",
    "register",
    "dispatch",
    "inc",
    "corp",
    "corporation",
    "ltd",
    "plc",
    "llc",
    "co",
    "company",
    "group",
    "union",
    "committee",
    "university",
    "college",
    "institute",
    "court",
    "agency",
    "bank",
    "campaign",
    "commission",
    "police",
    "service",
    "board",
    "authority",
    "trust",
    "foundation",
    "society",
    "network",
    "club",
    "league",
    "fc",
    "united",
    "church",
    "school",
    "hospital",
    "parliament",
    "senate",
    "congress",
    "assembly",
    "government",
    "administration",
    "army",
    "navy",
    "force",
    "forces",
    "ministry",
    "bureau",
    "centre",
    "center",
    "fund",
    "organisation",
    "organization",
    "alliance",
    "coalition",
    "movement",
    "partnership",
    "labs",
    "systems",
    "technologies",
    "airlines",
    "airways",
    "motors",
    "media",
    "press",
    "broadcasting",
    "reuters",
    "bbc",
    "cnn",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "msnbc",
    "npr",
    "ap",
    "afp",
    "un",
    "nato",
    "fbi",
    "cia",
    "nhs",
    "eu",
    "tuc",
    "gop",
    "dnc",
    "rnc",
    "kremlin",
    "pentagon",
    "whitehall",
    "downing",
    "politico",
    "breitbart",
    "huffpost",
    "buzzfeed",
    "axios",
    "vox",
    "twitter",
    "facebook",
    "google",
    "apple",
    "microsoft",
    "amazon",
    "unite",
    "labour",
    "conservatives",
    "tories",
    "democrats",
    "republicans",
    "respect",
    "ukip",
    "snp",
    "treasury",
    "cabinet",
    "commons",
    "lords",
    "supreme",
    "federal",
    "reserve",
    "exchange",
    "monitor",
    "observatory",
    "watch",
    "international",
    "worldwide",
    "global",
    "holdings",
    "partners",
    "associates",
    "enterprises",
    "industries",
    "records",
    "pictures",
    "studios",
];

/// Pronouns by surface form: (form, gender, plural, subject case).
const PRONOUNS: &[(&str, Option<Gender>, bool, bool)] = &[
    ("he", Some(Gender::Male), false, true),
    ("him", Some(Gender::Male), false, false),
    ("his", Some(Gender::Male), false, false),
    ("himself", Some(Gender::Male), false, false),
    ("she", Some(Gender::Female), false, true),
    ("her", Some(Gender::Female), false, false),
    ("hers", Some(Gender::Female), false, false),
    ("herself", Some(Gender::Female), false, false),
    ("they", None, true, true),
    ("them", None, true, false),
    ("their", None, true, false),
    ("it", None, false, true),
    ("its", None, false, false),
    ("i", None, false, true),
    ("we", None, true, true),
    ("who", None, false, true),
];

/// Common first names and their usual gender; a weak signal, overridden by titles and pronouns.
const MALE_NAMES: &[&str] = &[
    "george",
    "ed",
    "edward",
    "ralph",
    "tony",
    "len",
    "leonard",
    "john",
    "james",
    "david",
    "michael",
    "robert",
    "william",
    "richard",
    "thomas",
    "charles",
    "joseph",
    "daniel",
    "mark",
    "paul",
    "peter",
    "andrew",
    "stephen",
    "steven",
    "kevin",
    "brian",
    "gary",
    "martin",
    "simon",
    "jeremy",
    "boris",
    "keir",
    "rishi",
    "nigel",
    "gordon",
    "alex",
    "alexander",
    "alan",
    "ian",
    "neil",
    "nick",
    "nicholas",
    "chris",
    "christopher",
    "matthew",
    "matt",
    "donald",
    "barack",
    "bernie",
    "bernard",
    "ted",
    "marco",
    "jeb",
    "ben",
    "benjamin",
    "mike",
    "joe",
    "joseph",
    "hillary",
    "bill",
    "jim",
    "jimmy",
    "tom",
    "tim",
    "timothy",
    "jack",
    "harry",
    "henry",
    "francis",
    "frank",
    "fred",
    "frederick",
    "gerald",
    "jerry",
    "greg",
    "gregory",
    "scott",
    "sean",
    "shaun",
    "patrick",
    "ryan",
    "eric",
    "erik",
    "jason",
    "justin",
    "adam",
    "aaron",
    "samuel",
    "sam",
    "jonathan",
    "jon",
    "nathan",
    "luke",
    "lucas",
    "oliver",
    "jacob",
    "noah",
    "ethan",
    "liam",
    "mason",
    "logan",
    "jeff",
    "jeffrey",
    "larry",
    "lawrence",
    "dennis",
    "denis",
    "douglas",
    "doug",
    "carl",
    "karl",
    "kurt",
    "rand",
    "rick",
    "ricky",
    "ron",
    "ronald",
    "reince",
    "newt",
    "mitch",
    "chuck",
    "lindsey",
    "rudy",
    "rudolph",
    "vladimir",
    "xi",
    "emmanuel",
    "angela",
    "recep",
    "viktor",
    "victor",
    "tomas",
    "thomas",
    "gareth",
    "daniel",
    "dan",
    "danny",
    "hugh",
    "hugo",
    "philip",
    "phil",
    "roger",
    "howard",
    "walter",
    "arthur",
    "albert",
    "ernest",
    "harold",
    "raymond",
    "ray",
    "roy",
    "russell",
    "wayne",
    "dean",
    "dale",
    "glenn",
    "keith",
    "kenneth",
    "ken",
    "terry",
    "tony",
    "vincent",
    "wesley",
    "abdul",
    "ahmed",
    "mohammed",
    "muhammad",
    "ali",
    "omar",
    "hassan",
    "hussein",
    "ibrahim",
    "yusuf",
    "ivan",
    "dmitry",
    "sergei",
    "sergey",
    "andrei",
    "mikhail",
    "igor",
    "pierre",
    "jean",
    "jacques",
    "francois",
    "giuseppe",
    "marco",
    "luigi",
    "carlos",
    "juan",
    "jose",
    "luis",
    "pedro",
    "miguel",
    "hans",
    "klaus",
    "jurgen",
    "wolfgang",
    "lars",
    "sven",
    "anders",
    "corey",
    "mitt",
    "paul",
    "chris",
    "reid",
    "harry",
    "jeh",
    "rahm",
    "jared",
    "eric",
    "kellyanne",
    "stephen",
    "steve",
    "sheldon",
    "jake",
    "chad",
    "brad",
    "bradley",
    "trey",
    "tucker",
    "sean",
    "rush",
    "glenn",
    "mark",
    "marc",
    "stuart",
    "stewart",
    "graham",
    "duncan",
    "malcolm",
    "angus",
    "callum",
    "ewan",
    "fraser",
    "hamish",
    "ross",
    "rory",
    "declan",
    "ciaran",
    "eamon",
    "liam",
    "owen",
    "rhys",
    "dylan",
    "gethin",
    "dafydd",
    "amir",
    "arjun",
    "rahul",
    "raj",
    "sanjay",
    "vikram",
    "kwame",
    "kofi",
    "chinedu",
    "emeka",
    "tunde",
    "ade",
    "jomo",
    "nelson",
    "desmond",
    "cyril",
    "jacob",
    "thabo",
];

/// Common female first names.
const FEMALE_NAMES: &[&str] = &[
    "margaret",
    "frances",
    "hillary",
    "carly",
    "sarah",
    "palin",
    "elizabeth",
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "barbara",
    "susan",
    "jessica",
    "karen",
    "nancy",
    "lisa",
    "betty",
    "helen",
    "sandra",
    "donna",
    "carol",
    "ruth",
    "sharon",
    "michelle",
    "laura",
    "kimberly",
    "deborah",
    "debbie",
    "dorothy",
    "amy",
    "angela",
    "melissa",
    "rebecca",
    "anna",
    "ann",
    "anne",
    "emma",
    "olivia",
    "sophia",
    "isabella",
    "ava",
    "mia",
    "emily",
    "abigail",
    "madison",
    "charlotte",
    "harper",
    "grace",
    "chloe",
    "victoria",
    "theresa",
    "teresa",
    "nicola",
    "priti",
    "priya",
    "yvette",
    "harriet",
    "diane",
    "jacqui",
    "jacqueline",
    "caroline",
    "joanna",
    "jo",
    "julia",
    "julie",
    "kate",
    "katherine",
    "catherine",
    "kathryn",
    "kathleen",
    "kelly",
    "amber",
    "andrea",
    "claire",
    "clare",
    "rachel",
    "rosie",
    "sophie",
    "lucy",
    "alice",
    "ellie",
    "hannah",
    "holly",
    "jade",
    "jane",
    "janet",
    "jenny",
    "joan",
    "judith",
    "judy",
    "liz",
    "louise",
    "lynn",
    "maria",
    "marie",
    "natalie",
    "nicole",
    "pamela",
    "paula",
    "samantha",
    "sue",
    "tracey",
    "tracy",
    "valerie",
    "wendy",
    "zoe",
    "elizabeth",
    "elena",
    "elisabeth",
    "ursula",
    "christine",
    "marine",
    "angela",
    "nadia",
    "natasha",
    "olga",
    "svetlana",
    "tatiana",
    "irina",
    "yulia",
    "amara",
    "ngozi",
    "chimamanda",
    "aisha",
    "fatima",
    "leila",
    "layla",
    "zara",
    "sara",
    "hana",
    "mei",
    "yuki",
    "kamala",
    "nikki",
    "elise",
    "kellyanne",
    "huma",
    "chelsea",
    "ivanka",
    "melania",
    "tiffany",
    "megyn",
    "debbie",
    "nancy",
    "dianne",
    "maxine",
    "elizabeth",
    "tammy",
    "kirsten",
    "amy",
    "heidi",
    "claire",
    "tulsi",
    "marsha",
    "susan",
    "lisa",
    "shelley",
    "jeanne",
    "patty",
    "condoleezza",
    "madeleine",
    "janet",
    "loretta",
    "sally",
    "sheila",
    "beverly",
    "gloria",
    "joanne",
    "rosa",
    "oprah",
    "beyonce",
    "taylor",
    "katie",
    "megan",
    "meghan",
    "kirsty",
    "fiona",
    "morag",
    "shona",
    "siobhan",
    "aoife",
    "niamh",
    "ciara",
    "sinead",
    "bronwen",
    "sian",
    "cerys",
    "rhiannon",
    "gwen",
    "helena",
    "heather",
    "hazel",
    "iris",
    "ivy",
    "jasmine",
    "lily",
    "rose",
    "ruby",
    "violet",
    "daisy",
    "poppy",
    "penny",
    "pippa",
];

/// Lower-case words that start sentences but never names, so "However" is not a person.
const NON_NAME_CAPITALS: &[&str] = &[
    "nothing",
    "something",
    "anything",
    "everything",
    "along",
    "alongside",
    "beyond",
    "onto",
    "none",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "there",
    "here",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "for",
    "nor",
    "if",
    "when",
    "while",
    "although",
    "though",
    "because",
    "since",
    "after",
    "before",
    "as",
    "at",
    "in",
    "on",
    "of",
    "to",
    "by",
    "with",
    "from",
    "into",
    "about",
    "over",
    "under",
    "however",
    "meanwhile",
    "moreover",
    "furthermore",
    "nevertheless",
    "still",
    "also",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "speaking",
    "asked",
    "according",
    "despite",
    "amid",
    "amidst",
    "across",
    "against",
    "around",
    "throughout",
    "unlike",
    "upon",
    "toward",
    "towards",
    "hours",
    "minutes",
    "moments",
    "weeks",
    "months",
    "years",
    "during",
    "following",
    "among",
    "between",
    "without",
    "within",
    "instead",
    "indeed",
    "even",
    "just",
    "only",
    "some",
    "many",
    "most",
    "more",
    "few",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "why",
    "how",
    "whether",
    "until",
    "unless",
    "once",
    "twice",
    "last",
    "next",
    "first",
    "second",
    "third",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "having",
    // Prepositions that open a sentence: "Outside the campaign, ...", "Absent a defense, ...".
    "outside",
    "inside",
    "absent",
    "given",
    "like",
    "via",
    "besides",
    "being",
    "while",
    "whilst",
    "delivering",
    "responding",
    "writing",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "related",
    "read",
    "see",
    "watch",
    "click",
    "photo",
    "video",
    "image",
    "update",
    "updated",
    "correction",
    "editor's",
    "note",
    "advertisement",
    "share",
    "follow",
    "subscribe",
    "sign",
    "log",
    "home",
    "news",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "earlier",
    "later",
    "again",
    "perhaps",
    "maybe",
    "yes",
    "well",
    "oh",
    "hello",
    "thanks",
    "please",
    "let",
    "let's",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "shall",
    "may",
    "might",
    "must",
    "such",
    "other",
    "another",
    "any",
    "several",
    "either",
    "neither",
    "much",
    "sixteen-year-old",
    "like",
    "unlike",
    "whatever",
    "whoever",
    "wherever",
    "whenever",
    "thus",
    "therefore",
    "otherwise",
    "besides",
    "anyway",
    "regardless",
    "overall",
    "elsewhere",
    "nonetheless",
    "likewise",
    "similarly",
    "accordingly",
    "hence",
    "additionally",
    "ultimately",
    "eventually",
    "finally",
    "recently",
    "currently",
    "previously",
    "initially",
    "originally",
    "apparently",
    "clearly",
    "obviously",
    "certainly",
    "surely",
    "actually",
    "really",
    "simply",
    "merely",
    "especially",
    "particularly",
    "notably",
    "importantly",
    "interestingly",
    "ironically",
    "sadly",
    "unfortunately",
    "fortunately",
    "hopefully",
    "frankly",
    "honestly",
    "personally",
    "officially",
    "publicly",
    "privately",
    "separately",
    "together",
    "alone",
    "never",
    "always",
    "often",
    "sometimes",
    "usually",
    "rarely",
    "soon",
    "already",
    "too",
    "very",
    // Modifiers of a role that open sentences: "Former US secretary of state ...", "Top
    // Clinton aide ...".
    "former",
    "top",
    "senior",
    "fellow",
    "longtime",
    "veteran",
    "outgoing",
    "incoming",
    "retired",
];

/// A fixed list of words that answers membership quickly: most words asked about are not in
/// it, and a bit filter built at compile time turns them away without comparing strings.
#[derive(Debug)]
pub struct WordSet {
    words: &'static [&'static str],
    filter: [u64; WordSet::FILTER_WORDS],
}

impl WordSet {
    const FILTER_WORDS: usize = 8;

    /// The set of `words`, with its filter computed at compile time.
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut filter = [0u64; Self::FILTER_WORDS];
        let mut i = 0;
        while i < words.len() {
            let bit = Self::bit(words[i].as_bytes());
            filter[bit / 64] |= 1 << (bit % 64);
            i += 1;
        }
        WordSet { words, filter }
    }

    /// The filter bit of a word, from its length and its first and last bytes: three loads
    /// however long the word, and enough to tell most words from a short list.
    const fn bit(bytes: &[u8]) -> usize {
        let (first, last) = match bytes {
            [] => (0, 0),
            [first, .., last] => (*first as u64, *last as u64),
            [only] => (*only as u64, *only as u64),
        };
        let mixed = (first * 0x9E37 + last * 0x85EB + bytes.len() as u64 * 0xC2B3)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 55) as usize % (Self::FILTER_WORDS * 64)
    }

    /// True when `word` is in the set (taken by reference, like a slice's `contains`).
    pub fn contains(&self, word: &&str) -> bool {
        let bytes = word.as_bytes();
        let bit = Self::bit(bytes);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
            && self
                .words
                .iter()
                .any(|listed| same_bytes(listed.as_bytes(), bytes))
    }
}

/// Byte equality compared in line: these words are short, and a slice comparison called the
/// library's memcmp for every listed word of the same length.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The plural of a person noun when it is not the noun plus "s": "ally" → "allies",
/// "spokesman" → "spokesmen".
fn irregular_plural(noun: &str) -> Option<String> {
    if let Some(stem) = noun.strip_suffix("man").filter(|_| noun != "german") {
        return Some(format!("{stem}men"));
    }
    let stem = noun.strip_suffix('y')?;
    let before = stem.chars().last()?;
    (!matches!(before, 'a' | 'e' | 'i' | 'o' | 'u')).then(|| format!("{stem}ies"))
}

/// The lexicon, built once and shared.
#[derive(Debug)]
pub struct Lexicon {
    cue_lemmas: HashMap<&'static str, CueVerb>,
    irregular: HashMap<&'static str, &'static str>,
    titles: HashMap<&'static str, Option<Gender>>,
    person_nouns: HashSet<&'static str>,
    /// Plurals of person nouns that are not the noun plus "s" ("allies", "congressmen").
    person_plurals: HashSet<String>,
    org_nouns: HashSet<&'static str>,
    org_name_words: HashSet<&'static str>,
    pronouns: HashMap<&'static str, (Option<Gender>, bool, bool)>,
    first_names: HashMap<&'static str, Gender>,
    non_name_capitals: HashSet<&'static str>,
    learned_cues: CueTable,
    /// Every word form that [`Lexicon::cue_verb`] answers for, with its answer: the rules ask
    /// about most words of every article, several times each, so the answer is one lookup.
    cue_forms: HashMap<String, (&'static str, CueVerb)>,
}

/// The cue table learned from PolNeAR's training part by `saywho train`, shipped in the binary.
const LEARNED_CUES: &str = include_str!("../model/cues.tsv");

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

impl Lexicon {
    /// Builds every table, with the shipped learned cue table.
    pub fn new() -> Self {
        Self::with_learned_cues(CueTable::parse(LEARNED_CUES))
    }

    /// Every table, with a given learned cue table instead of the shipped one: training
    /// builds its analyzer from the table it has just learned, and the cue forms are worked
    /// out from that table alone, so the shipped one never leaks into a model trained on
    /// part of the data.
    pub fn with_learned_cues(cues: CueTable) -> Self {
        let mut first_names = HashMap::default();
        for n in MALE_NAMES {
            first_names.insert(*n, Gender::Male);
        }
        for n in FEMALE_NAMES {
            // A name on both lists (Hillary, Angela as typos aside) is taken as female only
            // when it is not on the male list: ambiguous names give no signal.
            if first_names.contains_key(n) {
                first_names.remove(n);
            } else {
                first_names.insert(*n, Gender::Female);
            }
        }
        for both in [
            "hillary", "angela", "amy", "lisa", "janet", "nancy", "claire", "sean",
        ] {
            first_names.remove(both);
        }
        first_names.insert("hillary", Gender::Female);
        first_names.insert("angela", Gender::Female);
        let mut lex = Lexicon {
            cue_lemmas: CUE_VERBS
                .iter()
                .map(|&(l, invertible, takes_addressee, speech)| {
                    (
                        l,
                        CueVerb {
                            invertible,
                            takes_addressee,
                            speech,
                        },
                    )
                })
                .collect(),
            irregular: IRREGULAR.iter().copied().collect(),
            titles: TITLES.iter().copied().collect(),
            person_nouns: PERSON_NOUNS.iter().copied().collect(),
            person_plurals: PERSON_NOUNS
                .iter()
                .filter_map(|noun| irregular_plural(noun))
                .collect(),
            org_nouns: ORG_NOUNS.iter().copied().collect(),
            org_name_words: ORG_NAME_WORDS.iter().copied().collect(),
            pronouns: PRONOUNS
                .iter()
                .map(|&(p, g, pl, subj)| (p, (g, pl, subj)))
                .collect(),
            first_names,
            non_name_capitals: NON_NAME_CAPITALS.iter().copied().collect(),
            learned_cues: cues,
            cue_forms: HashMap::default(),
        };
        lex.cue_forms = lex
            .cue_form_candidates()
            .into_iter()
            .filter_map(|w| lex.derive_cue_verb(&w).map(|c| (w, c)))
            .collect();
        lex
    }

    /// A superset of the words [`Lexicon::derive_cue_verb`] answers for: irregular forms,
    /// lemmas, the regular inflections whose candidate lemmas include a lemma, learned cues.
    fn cue_form_candidates(&self) -> Vec<String> {
        let mut words: Vec<String> = self.irregular.keys().map(|w| w.to_string()).collect();
        words.extend(self.learned_cues.words().map(str::to_string));
        for &lemma in self.cue_lemmas.keys() {
            words.push(lemma.to_string());
            // The stems whose candidates (see `regular_lemmas`) can be `lemma`.
            let mut stems = vec![lemma.to_string()];
            if let Some(bare) = lemma.strip_suffix('e') {
                stems.push(bare.to_string());
            }
            if let Some(last) = lemma.chars().last() {
                stems.push(format!("{lemma}{last}"));
            }
            if let Some(y) = lemma.strip_suffix('y') {
                stems.push(format!("{y}i"));
            }
            for stem in &stems {
                for suffix in ["ed", "es", "s", "ing"] {
                    words.push(format!("{stem}{suffix}"));
                }
            }
        }
        words
    }

    /// The lemma of a reporting verb form, with how it behaves; `None` for other words.
    pub fn cue_verb(&self, lower: &str) -> Option<(&'static str, CueVerb)> {
        self.cue_forms.get(lower).copied()
    }

    /// [`Lexicon::cue_verb`] worked out from the tables; run once per candidate form when the
    /// lexicon is built.
    fn derive_cue_verb(&self, lower: &str) -> Option<(&'static str, CueVerb)> {
        if let Some(&lemma) = self.irregular.get(lower) {
            return self.cue_lemmas.get(lemma).map(|c| (lemma, *c));
        }
        if let Some((&lemma, c)) = self.cue_lemmas.get_key_value(lower) {
            return Some((lemma, *c));
        }
        let mut found = None;
        regular_lemmas(lower, |candidate| {
            found = self
                .cue_lemmas
                .get_key_value(candidate)
                .map(|(&lemma, c)| (lemma, *c));
            found.is_some()
        });
        if found.is_some() {
            return found;
        }
        // Annotated cue spans take in the words around the verb ("also said", "publicly
        // criticized", "talked about"); an adverb or a preposition learned from them is no
        // verb, and as one it would report the real verb as content.
        if self.learned_cues.is_cue(lower) && !modifies_a_verb(lower) {
            // Learned cues behave like transitive reporting verbs: "blasted the plan".
            let verb = CueVerb {
                invertible: false,
                takes_addressee: false,
                speech: true,
            };
            return Some((LEARNED_LEMMA, verb));
        }
        None
    }

    /// How often the learned table saw `lower` as (part of) a cue, in tenths of its
    /// occurrences ("0" to "10"), or "none" for a word it does not count.
    pub fn learned_cue_rate(&self, lower: &str) -> &'static str {
        const TENTHS: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
        match self.learned_cues.counts(lower) {
            Some((cue, total)) if total > 0 => TENTHS[(cue * 10 / total).min(10) as usize],
            _ => "none",
        }
    }

    /// True for a title such as "Mr" or "Senator"; the gender it implies, if any.
    pub fn title(&self, lower: &str) -> Option<Option<Gender>> {
        self.titles.get(lower.trim_end_matches('.')).copied()
    }

    /// True for a noun that heads a description of a person.
    pub fn is_person_noun(&self, lower: &str) -> bool {
        self.person_nouns.contains(lower)
            || (lower.ends_with('s') && self.person_nouns.contains(&lower[..lower.len() - 1]))
            || self.person_plurals.contains(lower)
    }

    /// True for the plural of a person noun that does not end in a plain "s" ("congressmen"),
    /// which a check for a final "s" misses.
    pub fn is_irregular_person_plural(&self, lower: &str) -> bool {
        lower.ends_with("men") && self.person_plurals.contains(lower)
    }

    /// True when the word itself (not a plural of it) is a person or organisation noun.
    pub fn is_noun_exact(&self, lower: &str) -> bool {
        self.person_nouns.contains(lower) || self.org_nouns.contains(lower)
    }

    /// True for a noun that heads a description of an organisation.
    pub fn is_org_noun(&self, lower: &str) -> bool {
        self.org_nouns.contains(lower)
    }

    /// True for a word that marks a capitalised name as an organisation.
    pub fn is_org_name_word(&self, lower: &str) -> bool {
        self.org_name_words.contains(lower)
    }

    /// Gender, plurality and subject case of a personal pronoun.
    pub fn pronoun(&self, lower: &str) -> Option<(Option<Gender>, bool, bool)> {
        self.pronouns.get(lower).copied()
    }

    /// The usual gender of a first name.
    pub fn first_name_gender(&self, lower: &str) -> Option<Gender> {
        self.first_names.get(lower).copied()
    }

    /// True for a known first name.
    pub fn is_first_name(&self, lower: &str) -> bool {
        self.first_names.contains_key(lower)
    }

    /// True for a reporting verb the written tables hold, not only the learned one: the
    /// verbs whose subject phrase is worth finding when no name or description stands there.
    pub fn is_written_cue(&self, lower: &str) -> bool {
        self.cue_verb(lower)
            .is_some_and(|(lemma, _)| lemma != LEARNED_LEMMA)
    }

    /// True for a capitalised word that is not a name even when capitalised.
    pub fn is_non_name_capital(&self, lower: &str) -> bool {
        self.non_name_capitals.contains(lower)
    }
}

/// The longest lemma a candidate built in [`regular_lemmas`]'s buffer can be; every reporting
/// verb is far shorter (checked in the tests).
const MAX_BUILT_LEMMA: usize = 48;

/// Offers the candidate lemmas of a regular inflection to `try_lemma`, in order, until it
/// accepts one: "claimed" → claim, claime; "argues" → argue. Called for most words of every
/// article, so candidates are slices of `lower` or built in a stack buffer, never allocated.
fn regular_lemmas(lower: &str, mut try_lemma: impl FnMut(&str) -> bool) -> bool {
    let mut buf = [0u8; MAX_BUILT_LEMMA];
    for suffix in ["ed", "es", "s", "ing"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if stem.len() < 2 {
                continue;
            }
            if try_lemma(stem) || try_joined(&mut buf, stem, "e", &mut try_lemma) {
                return true;
            }
            let b = stem.as_bytes();
            // A doubled final consonant ("planned"); ASCII only, so the cut is a char boundary.
            if b.len() >= 3
                && b[b.len() - 1] == b[b.len() - 2]
                && b[b.len() - 1].is_ascii()
                && try_lemma(&stem[..stem.len() - 1])
            {
                return true;
            }
            // "denied", "denies" → deny; but not "denis" (a name) or any "-is" word.
            if let Some(y) = stem.strip_suffix('i').filter(|_| suffix != "s") {
                if try_joined(&mut buf, y, "y", &mut try_lemma) {
                    return true;
                }
            }
        }
    }
    false
}

/// Offers `head` + `tail` (joined in `buf`) to `try_lemma`; a join too long for the buffer
/// is longer than any lemma, so it is not offered.
fn try_joined(
    buf: &mut [u8; MAX_BUILT_LEMMA],
    head: &str,
    tail: &str,
    try_lemma: &mut impl FnMut(&str) -> bool,
) -> bool {
    let len = head.len() + tail.len();
    if len > buf.len() {
        return false;
    }
    buf[..head.len()].copy_from_slice(head.as_bytes());
    buf[head.len()..len].copy_from_slice(tail.as_bytes());
    // Both parts are whole strings, so the join is valid UTF-8.
    std::str::from_utf8(&buf[..len]).is_ok_and(try_lemma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_of_non_latin_words_are_cut_on_char_boundaries() {
        // U+8B6D is E8 AD AD: its last two bytes are equal, like a doubled consonant.
        let mut tried = Vec::new();
        regular_lemmas("\u{8b6d}\u{8b6d}ed", |lemma| {
            tried.push(lemma.to_string());
            false
        });
        assert!(tried.contains(&"\u{8b6d}\u{8b6d}".to_string()), "{tried:?}");
    }

    #[test]
    fn person_nouns_have_their_irregular_plurals() {
        let lex = Lexicon::new();
        for plural in [
            "allies",
            "deputies",
            "congressmen",
            "spokeswomen",
            "leaders",
        ] {
            assert!(lex.is_person_noun(plural), "{plural}");
        }
        assert!(lex.is_irregular_person_plural("congressmen"));
        assert!(
            !lex.is_irregular_person_plural("allies"),
            "its final s says it"
        );
        assert!(!lex.is_person_noun("germen"));
        assert!(!lex.is_person_noun("attornies"));
    }

    #[test]
    fn inflections_reach_their_lemma() {
        let lex = Lexicon::new();
        for (form, lemma) in [
            ("said", "say"),
            ("claimed", "claim"),
            ("argues", "argue"),
            ("insisting", "insist"),
            ("declared", "declare"),
            ("tweeted", "tweet"),
            ("denied", "deny"),
            ("accusing", "accuse"),
            ("quipped", "quip"),
        ] {
            assert_eq!(lex.cue_verb(form).map(|c| c.0), Some(lemma), "{form}");
        }
        assert!(lex.cue_verb("table").is_none());
        assert!(lex.cue_verb("house").is_none());
    }

    #[test]
    fn the_form_table_answers_as_the_rules_do() {
        let lex = Lexicon::new();
        let text = include_str!("../../../README.md").to_lowercase();
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .map(str::to_string)
            .collect();
        words.extend(lex.cue_form_candidates());
        for w in [
            "sayings", "toldings", "deniesed", "é", "ééed", "agreeed", "stoppped",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            assert_eq!(lex.cue_verb(w), lex.derive_cue_verb(w), "{w}");
        }
    }

    #[test]
    fn a_given_learned_table_is_the_one_the_forms_answer_from() {
        // Training builds its analyzer from the table it has just learned; the shipped one
        // must not leak into it, or a model trained on part of the data would know cues only
        // the rest of it taught.
        let shipped = Lexicon::new();
        assert!(shipped.cue_verb("zorbled").is_none());
        let learned = crate::CueTable::parse("zorbled\t30\t40\n");
        let lex = Lexicon::with_learned_cues(learned);
        assert_eq!(
            lex.cue_verb("zorbled").map(|(lemma, _)| lemma),
            Some(LEARNED_LEMMA)
        );
        let shipped_only = shipped
            .learned_cues
            .words()
            .find(|w| shipped.cue_verb(w).map(|(lemma, _)| lemma) == Some(LEARNED_LEMMA))
            .expect("the shipped table teaches some cue no written table has");
        assert!(lex.cue_verb(shipped_only).is_none(), "{shipped_only}");
    }

    #[test]
    fn the_learned_cue_rate_is_in_tenths() {
        let lex =
            Lexicon::with_learned_cues(crate::CueTable::parse("blasted\t30\t40\nsaid\t9\t9\n"));
        assert_eq!(lex.learned_cue_rate("blasted"), "7");
        assert_eq!(lex.learned_cue_rate("said"), "10");
        assert_eq!(lex.learned_cue_rate("walked"), "none");
    }

    #[test]
    fn word_sets_answer_as_their_lists() {
        const WORDS: &[&str] = &["the", "a", "officials", "", "é"];
        const SET: WordSet = WordSet::new(WORDS);
        for w in WORDS {
            assert!(SET.contains(w), "{w}");
        }
        for w in ["then", "an", "official", "officialss", "e", "É"] {
            assert!(!SET.contains(&w), "{w}");
        }
    }

    #[test]
    fn every_lemma_fits_the_candidate_buffer() {
        // A longer lemma could never be reached through a built candidate.
        assert!(CUE_VERBS.iter().all(|v| v.0.len() < MAX_BUILT_LEMMA));
    }

    #[test]
    fn candidates_come_in_order_without_allocating() {
        let mut seen = Vec::new();
        regular_lemmas("stopped", |w| {
            seen.push(w.to_string());
            false
        });
        assert_eq!(seen, ["stopp", "stoppe", "stop"]);
        seen.clear();
        regular_lemmas("denies", |w| {
            seen.push(w.to_string());
            false
        });
        assert_eq!(seen, ["deni", "denie", "deny", "denie", "deniee"]);
    }

    #[test]
    fn names_titles_and_pronouns() {
        let lex = Lexicon::new();
        assert_eq!(lex.title("mr."), Some(Some(Gender::Male)));
        assert_eq!(lex.first_name_gender("margaret"), Some(Gender::Female));
        assert_eq!(lex.pronoun("she").unwrap().0, Some(Gender::Female));
        assert!(lex.is_person_noun("backbencher"));
        assert!(lex.is_org_noun("newspaper"));
    }
}
