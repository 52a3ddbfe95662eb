//! The word classes of PERSON detection as bits. Shared with `build.rs`, which turns
//! `person_words.txt` into a sorted table of words and their bits at compile time.

/// The hand-written word classes as bits, so a word's classes are found with one lookup.
pub(crate) mod class {
    /// Words that are never part of a name (matched lowercase): function words, frequent verbs,
    /// adjectives, nouns and interjections, greetings, months and days, credentials, US states.
    /// Names that are also ordinary words ("will", "may") are not here: the census `common` list
    /// marks them, and context decides.
    pub(crate) const STOP: u32 = 1 << 0;
    /// Words that start a place name rather than a person's ("San Francisco", "Fort Worth").
    pub(crate) const PLACE_PREFIX: u32 = 1 << 1;
    /// Personal titles; the name follows (the title itself stays outside the span).
    pub(crate) const TITLE: u32 = 1 << 2;
    /// Professional credentials written after a name ("Carla Ramos, NP").
    pub(crate) const CREDENTIAL: u32 = 1 << 3;
    /// Relatives and companions; a name may follow ("his wife Maria", "daughter, Emma").
    pub(crate) const RELATIVE: u32 = 1 << 4;
    /// Words after a name that make it an organization or a place ("Mayo Clinic", "Oak Drive").
    pub(crate) const ORG_WORD: u32 = 1 << 5;
    /// Words after a capitalized name that make it a medical eponym ("Bell's palsy").
    pub(crate) const EPONYM_NOUN: u32 = 1 << 6;
    /// Surnames that, alone or possessive, name a disease ("history of Parkinson's").
    pub(crate) const EPONYM: u32 = 1 << 7;
    /// Particles inside multi-part names ("de la Cruz", "van der Berg", "Ó Carráin", "bin Salman").
    pub(crate) const PARTICLE: u32 = 1 << 8;
    /// Field labels whose value is a person ("Patient:", "Beneficiary:", "Attending:").
    pub(crate) const PERSON_LABEL: u32 = 1 << 9;
    /// Field labels whose value may be a person or something else ("From:", "Provider:").
    pub(crate) const AMBIGUOUS_LABEL: u32 = 1 << 10;
    /// Words before `name` that make `… name:` a person's name ("Patient name:", "Full name:").
    pub(crate) const NAME_QUALIFIER: u32 = 1 << 11;
    /// Greetings and thanks before a name ("Dear", "Hi", "Thanks").
    pub(crate) const GREETING: u32 = 1 << 12;
    /// Sign-offs at the end of a line, the name on the next ("Regards,", "Sincerely,").
    pub(crate) const SIGNOFF: u32 = 1 << 13;
    /// Verbs of `… by Name` ("signed by", "Reviewed by").
    pub(crate) const BY_VERB: u32 = 1 << 14;
    /// Chat speaker roles ("Agent Maria:", "Customer Ana:").
    pub(crate) const SPEAKER_ROLE: u32 = 1 << 15;
    /// Person roles that may precede a name without a colon ("Co-signer Ana Ruiz").
    pub(crate) const ROLE_NOUN: u32 = 1 << 16;
    /// US states that are also first names or surnames ("Richmond, Virginia").
    pub(crate) const STATE_NAME: u32 = 1 << 17;
    /// Month names and abbreviations.
    pub(crate) const MONTH: u32 = 1 << 18;
    /// Other words that may end a cue before a name: "this is", "call me", "signed by".
    pub(crate) const CUE_PREV: u32 = 1 << 19;
    /// Every word after which `cue_before` may find a cue.
    pub(crate) const ANY_CUE: u32 = TITLE
        | PERSON_LABEL
        | AMBIGUOUS_LABEL
        | RELATIVE
        | GREETING
        | SIGNOFF
        | SPEAKER_ROLE
        | ROLE_NOUN
        | CUE_PREV;
    /// Words that introduce a name (labels, roles, relatives, greetings): never its first word.
    pub(crate) const CUE_WORD: u32 = RELATIVE | ROLE_NOUN | PERSON_LABEL | SPEAKER_ROLE | GREETING | SIGNOFF;
}

/// The bit of a `[CLASS]` section name.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn class_bit(name: &str) -> Option<u32> {
    Some(match name {
        "STOP" => class::STOP,
        "PLACE_PREFIX" => class::PLACE_PREFIX,
        "TITLE" => class::TITLE,
        "CREDENTIAL" => class::CREDENTIAL,
        "RELATIVE" => class::RELATIVE,
        "ORG_WORD" => class::ORG_WORD,
        "EPONYM_NOUN" => class::EPONYM_NOUN,
        "EPONYM" => class::EPONYM,
        "PARTICLE" => class::PARTICLE,
        "PERSON_LABEL" => class::PERSON_LABEL,
        "AMBIGUOUS_LABEL" => class::AMBIGUOUS_LABEL,
        "NAME_QUALIFIER" => class::NAME_QUALIFIER,
        "GREETING" => class::GREETING,
        "SIGNOFF" => class::SIGNOFF,
        "BY_VERB" => class::BY_VERB,
        "SPEAKER_ROLE" => class::SPEAKER_ROLE,
        "ROLE_NOUN" => class::ROLE_NOUN,
        "STATE_NAME" => class::STATE_NAME,
        "MONTH" => class::MONTH,
        "CUE_PREV" => class::CUE_PREV,
        _ => return None,
    })
}
