//! The `surrogate` operator: realistic, format-preserving fake values chosen by the key, so the
//! model reads natural text (`Mark Ellis`, `(212) 555-0147`) instead of tokens.
//!
//! Every surrogate is drawn from a keyed stream: HMAC-SHA-256(key, "surrogate" ‖ kind ‖ attempt ‖
//! subject), so one subject gets the same fake digits or names in every spelling and every call
//! under one key, and the vault retries with the next `attempt` on a collision. Values are chosen
//! so that they are not a real person's value and are not read as a *different* real identifier:
//!
//! | kind | surrogate |
//! |---|---|
//! | PERSON | each name word mapped to a fake one (one word, one fake word, everywhere): given names from a census list, surnames composed from syllables (`Harwood`); case, punctuation and titles kept |
//! | EMAIL | `first.last12@example.com` / `.net` / `.org` (RFC 2606 reserved domains) |
//! | PHONE | NANP numbers become `NPA-555-01XX`, the range reserved for fiction; layout kept |
//! | SSN | area 900–999 with group 01–49: never issued as an SSN, and outside every ITIN group |
//! | CREDIT_CARD | the brand's well-known test BIN (411111, 555555, 378282, 601111), Luhn-valid, same length and grouping |
//! | IBAN | same country and length, bank code `0000`/`XXXX` (no bank has it), valid mod-97 check digits |
//! | NPI | same first digit, valid `80840` Luhn check digit (NPIs are public registry numbers) |
//! | IP_ADDRESS | RFC 5737 documentation networks (192.0.2.0/24, …) and RFC 3849 `2001:db8::/32` |
//! | MAC_ADDRESS | RFC 7042 documentation range `00:00:5E:00:53:XX` |
//! | URL | the scheme kept, host `example.com`/`.org`/`.net`, a random path |
//! | CITY, STREET_ADDRESS | common town and street names, house numbers random, suffixes (`St`, `Apt`) kept |
//! | DATE | shifted (see [`date_shift`](super::date_shift)) |
//! | others | each digit and letter replaced by a random one of the same class and case; punctuation kept |
//!
//! Non-NANP phone numbers keep their country code and get random digits, which may belong to
//! someone: use tokens where that matters. Surrogates shorter than six characters are not issued
//! (the vault falls back to a token), because a short fake value is too likely to occur in
//! ordinary text and be "restored" there.

use crate::detect::EntityKind;
use crate::key::Key;
use crate::transform::token;

/// Given names for PERSON surrogates (US census and SSA lists, common in several decades), without
/// those that are also common words, places or surnames: a fake that reads as ordinary text
/// would have to be tokenized wherever that text appears.
const GIVEN: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "Michael",
    "Linda",
    "William",
    "Barbara",
    "David",
    "Susan",
    "Richard",
    "Jessica",
    "Joseph",
    "Sarah",
    "Thomas",
    "Karen",
    "Charles",
    "Nancy",
    "Daniel",
    "Lisa",
    "Matthew",
    "Betty",
    "Anthony",
    "Margaret",
    "Sandra",
    "Donald",
    "Ashley",
    "Steven",
    "Kimberly",
    "Paul",
    "Emily",
    "Andrew",
    "Donna",
    "Joshua",
    "Michelle",
    "Kenneth",
    "Dorothy",
    "Kevin",
    "Carol",
    "Brian",
    "Amanda",
    "George",
    "Melissa",
    "Edward",
    "Deborah",
    "Ronald",
    "Stephanie",
    "Timothy",
    "Rebecca",
    "Jason",
    "Sharon",
    "Jeffrey",
    "Laura",
    "Ryan",
    "Cynthia",
    "Jacob",
    "Kathleen",
    "Gary",
    "Amy",
    "Nicholas",
    "Shirley",
    "Eric",
    "Angela",
    "Jonathan",
    "Helen",
    "Stephen",
    "Anna",
    "Larry",
    "Brenda",
    "Justin",
    "Pamela",
    "Scott",
    "Nicole",
    "Brandon",
    "Emma",
    "Benjamin",
    "Samantha",
    "Samuel",
    "Katherine",
    "Gregory",
    "Christine",
    "Debra",
    "Alexander",
    "Rachel",
    "Raymond",
    "Catherine",
    "Patrick",
    "Carolyn",
    "Janet",
    "Dennis",
    "Ruth",
    "Jerry",
    "Maria",
    "Tyler",
    "Aaron",
    "Diane",
    "Henry",
    "Adam",
    "Julie",
    "Douglas",
    "Joyce",
    "Nathan",
    "Peter",
    "Olivia",
    "Zachary",
    "Kelly",
    "Kyle",
    "Christina",
    "Walter",
    "Lauren",
    "Harold",
    "Joan",
    "Carl",
    "Evelyn",
    "Arthur",
    "Judith",
    "Gerald",
    "Megan",
    "Roger",
    "Cheryl",
    "Keith",
    "Andrea",
    "Jeremy",
    "Hannah",
    "Terry",
    "Martha",
    "Lawrence",
    "Jacqueline",
    "Sean",
    "Frances",
    "Gloria",
    "Albert",
    "Ann",
    "Joe",
    "Teresa",
    "Ethan",
    "Kathryn",
    "Sara",
    "Jesse",
    "Janice",
    "Jean",
    "Alice",
    "Bryan",
    "Bruce",
    "Doris",
    "Abigail",
    "Ralph",
    "Julia",
    "Roy",
    "Judy",
    "Noah",
    "Dylan",
    "Denise",
    "Eugene",
    "Wayne",
    "Marilyn",
    "Alan",
    "Beverly",
    "Juan",
    "Danielle",
    "Louis",
    "Theresa",
    "Russell",
    "Sophia",
    "Gabriel",
    "Marie",
    "Randy",
    "Diana",
    "Philip",
    "Brittany",
    "Harry",
    "Natalie",
    "Vincent",
    "Isabella",
    "Logan",
    "Alexis",
    "Carlos",
    "Lucia",
    "Miguel",
    "Elena",
    "Luis",
    "Rosa",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Ahmed",
    "Fatima",
    "Omar",
    "Aisha",
    "Raj",
    "Priya",
    "Kwame",
    "Amara",
];

/// Surnames for PERSON surrogates (US census 2010, most common), without those that are also
/// common words, trades, colours, places or given names (`Baker`, `Brown`, `Washington`).
const SURNAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Jones",
    "Garcia",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Moore",
    "Perez",
    "Thompson",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Robinson",
    "Walker",
    "Allen",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Flores",
    "Adams",
    "Nelson",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Gomez",
    "Phillips",
    "Evans",
    "Diaz",
    "Cruz",
    "Edwards",
    "Collins",
    "Reyes",
    "Stewart",
    "Morris",
    "Morales",
    "Murphy",
    "Gutierrez",
    "Ortiz",
    "Morgan",
    "Peterson",
    "Howard",
    "Ramos",
    "Kim",
    "Cox",
    "Richardson",
    "Watson",
    "Chavez",
    "Bennett",
    "Mendoza",
    "Ruiz",
    "Hughes",
    "Alvarez",
    "Castillo",
    "Sanders",
    "Patel",
    "Myers",
    "Jimenez",
    "Powell",
    "Jenkins",
    "Russell",
    "Sullivan",
    "Coleman",
    "Henderson",
    "Barnes",
    "Gonzales",
    "Vasquez",
    "Simmons",
    "Romero",
    "Patterson",
    "Alexander",
    "Hamilton",
    "Graham",
    "Reynolds",
    "Griffin",
    "Wallace",
    "Moreno",
    "Hayes",
    "Bryant",
    "Herrera",
    "Gibson",
    "Ellis",
    "Tran",
    "Medina",
    "Aguilar",
    "Stevens",
    "Murray",
    "Castro",
    "Owens",
    "Harrison",
    "Fernandez",
    "McDonald",
    "Kennedy",
    "Vargas",
    "Chen",
    "Tucker",
    "Guzman",
    "Crawford",
    "Olson",
    "Simpson",
    "Gordon",
    "Mendez",
    "Silva",
    "Shaw",
    "Snyder",
    "Dixon",
    "Munoz",
    "Hicks",
    "Holmes",
    "Wagner",
    "Robertson",
    "Boyd",
    "Salazar",
    "Meyer",
    "Schmidt",
    "Garza",
    "Daniels",
    "Ferguson",
    "Nichols",
    "Stephens",
    "Soto",
    "Ryan",
    "Payne",
    "Dunn",
    "Kelley",
    "Spencer",
    "Hawkins",
    "Arnold",
    "Vazquez",
    "Hansen",
    "Peters",
    "Santos",
    "Bradley",
    "Elliott",
    "Cunningham",
    "Duncan",
    "Armstrong",
    "Carroll",
    "Riley",
    "Andrews",
    "Perkins",
    "Hoffman",
    "Johnston",
    "Matthews",
    "Pena",
    "Richards",
    "Contreras",
    "Willis",
    "Lawrence",
];

/// Syllables that compose fake surnames (`Harwood`, `Belmond`, `Ralston`): plausible, yet rare in
/// real text, so that a fake surname almost never equals a word of ordinary text (company names
/// such as "Clark, Garcia and Shaw" are full of real surnames).
const SYLLABLES_A: &[&str] = &[
    "Al", "Ash", "Bar", "Bel", "Bram", "Cal", "Dar", "Del", "El", "Fen", "Gar", "Hal", "Har", "Hol", "Kel",
    "Lan", "Mar", "Mor", "Nor", "Pem", "Ral", "Ran", "Ren", "Sel", "Stan", "Tal", "Ver", "Wes", "Whit",
    "Wil",
];
const SYLLABLES_B: &[&str] = &[
    "by", "den", "ford", "ham", "ley", "lin", "mond", "more", "ner", "ridge", "ston", "ton", "wick", "well",
    "worth", "field", "cott", "dale", "hurst", "stead", "wood", "brook", "combe",
];

const CITIES: &[&str] = &[
    "Springfield",
    "Riverside",
    "Fairview",
    "Franklin",
    "Greenville",
    "Clinton",
    "Madison",
    "Georgetown",
    "Salem",
    "Bristol",
    "Ashland",
    "Milton",
    "Newport",
    "Oxford",
    "Arlington",
    "Burlington",
    "Dover",
    "Hudson",
    "Kingston",
    "Lexington",
    "Marion",
    "Mount Vernon",
    "Oakdale",
    "Centerville",
    "Jackson",
    "Winchester",
    "Manchester",
    "Clayton",
    "Chester",
    "Lebanon",
];

const STREETS: &[&str] = &[
    "Oak",
    "Maple",
    "Cedar",
    "Elm",
    "Pine",
    "Lake",
    "Hill",
    "Park",
    "Washington",
    "Lincoln",
    "Walnut",
    "Willow",
    "Sunset",
    "Highland",
    "Meadow",
    "Forest",
    "River",
    "Spring",
    "Church",
    "Mill",
    "Chestnut",
    "Jefferson",
    "Adams",
    "Franklin",
    "Ridge",
    "Valley",
    "Orchard",
    "Birch",
    "Hickory",
    "Main",
];

/// Street suffixes and unit words kept as they are in a street address.
const STREET_WORDS: &[&str] = &[
    "st",
    "street",
    "ave",
    "avenue",
    "rd",
    "road",
    "blvd",
    "boulevard",
    "dr",
    "drive",
    "ln",
    "lane",
    "way",
    "ct",
    "court",
    "pl",
    "place",
    "ter",
    "terrace",
    "cir",
    "circle",
    "pkwy",
    "parkway",
    "hwy",
    "highway",
    "apt",
    "apartment",
    "suite",
    "ste",
    "unit",
    "fl",
    "floor",
    "n",
    "s",
    "e",
    "w",
    "ne",
    "nw",
    "se",
    "sw",
    "north",
    "south",
    "east",
    "west",
    "po",
    "box",
    "rm",
    "room",
    "bldg",
];

/// NANP area codes in service (a spread of states), for `NPA-555-01XX` surrogates.
const AREA_CODES: &[u16] = &[
    201, 202, 203, 205, 206, 207, 208, 210, 212, 213, 214, 215, 216, 217, 218, 219, 301, 302, 303, 304, 305,
    307, 308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 401, 402, 404, 405, 406, 407, 408, 409, 410,
    412, 413, 414, 415, 417, 419, 501, 502, 503, 504, 505, 507, 508, 509, 510, 512, 513, 515, 516, 517, 518,
    520, 530, 601, 602, 603, 605, 606, 607, 608, 609, 610, 612, 614, 615, 616, 617, 618, 619, 701, 702, 703,
    704, 706, 707, 708, 712, 713, 714, 715, 716, 717, 718, 719, 720, 801, 802, 803, 804, 805, 806, 808, 810,
    812, 813, 814, 815, 816, 817, 818, 901, 903, 904, 906, 907, 908, 909, 910, 912, 913, 914, 915, 916, 917,
    918, 919, 920,
];

/// A deterministic stream of pseudo-random numbers from HMAC blocks.
pub(crate) struct Stream<'k> {
    key: &'k Key,
    seed: Vec<u8>,
    block: [u8; 32],
    used: usize,
    counter: u32,
}

impl<'k> Stream<'k> {
    pub(crate) fn new(key: &'k Key, domain: &str, kind: EntityKind, attempt: u32, subject: &str) -> Self {
        let mut seed = Vec::with_capacity(domain.len() + subject.len() + 24);
        seed.extend_from_slice(domain.as_bytes());
        seed.push(0);
        seed.extend_from_slice(kind.name().as_bytes());
        seed.push(0);
        seed.extend_from_slice(&attempt.to_be_bytes());
        seed.extend_from_slice(subject.as_bytes());
        Stream { key, seed, block: [0; 32], used: 32, counter: 0 }
    }

    fn next_u32(&mut self) -> u32 {
        if self.used + 4 > 32 {
            self.block = self.key.hmac(&[&self.seed, &self.counter.to_be_bytes()]);
            self.counter = self.counter.wrapping_add(1);
            self.used = 0;
        }
        let mut b = [0u8; 4];
        if let Some(chunk) = self.block.get(self.used..self.used + 4) {
            b.copy_from_slice(chunk);
        }
        self.used += 4;
        u32::from_be_bytes(b)
    }

    /// A number in `0..n` (n ≥ 1; the modulo bias is below 2^-20 for the sizes used here).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u32() as usize) % n.max(1)
    }

    fn digit(&mut self) -> char {
        char::from(b'0' + self.below(10) as u8)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len())).copied().unwrap_or("")
    }
}

/// Where a name word stands: decides which list its surrogate comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Role {
    Given,
    Family,
}

/// The `attempt`-th candidate fake word for the name word `word` (lower case).
pub(crate) fn name_candidate(key: &Key, word: &str, role: Role, attempt: u32) -> String {
    let mut s = Stream::new(key, "surrogate-name", EntityKind::Person, attempt, word);
    let in_given = GIVEN.iter().any(|g| g.eq_ignore_ascii_case(word));
    let in_family = SURNAMES.iter().any(|g| g.eq_ignore_ascii_case(word));
    let role = if in_given && !in_family {
        Role::Given
    } else if in_family && !in_given {
        Role::Family
    } else {
        role
    };
    // Given names from the list; surnames composed from syllables (690 of them), and from the
    // census list only once those are taken in this vault.
    match role {
        Role::Given if attempt < 12 => s.pick(GIVEN).to_owned(),
        Role::Family if attempt < 12 => format!("{}{}", s.pick(SYLLABLES_A), s.pick(SYLLABLES_B)),
        Role::Given => format!("{}{}", s.pick(SYLLABLES_A), s.pick(SYLLABLES_B)),
        Role::Family => s.pick(SURNAMES).to_owned(),
    }
}

/// Copies the case pattern of `model` onto `word`: ALL CAPS, all lower, or as listed.
fn with_case_of(word: &str, model: &str) -> String {
    let letters = || model.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(|c| c.is_uppercase()) {
        word.to_uppercase()
    } else if letters().all(|c| c.is_lowercase()) {
        word.to_lowercase()
    } else {
        word.to_owned()
    }
}

/// A PERSON surrogate: each name word replaced through `map_word` (which keeps one fake word per
/// real word), single letters (initials) through a keyed letter permutation, titles, suffixes and
/// punctuation kept. `None` if a word could not be mapped.
pub(crate) fn person(
    key: &Key,
    value: &str,
    mut map_word: impl FnMut(&str, Role) -> Option<String>,
) -> Option<String> {
    let comma = value.find(',');
    // Word spans: maximal runs of letters, digits, apostrophes (O'Brien). Hyphens split words.
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in value.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, value.len()));
    }
    let name_spans: Vec<usize> = (0..spans.len())
        .filter(|&i| {
            spans.get(i).and_then(|&(a, b)| value.get(a..b)).is_some_and(|w| !token::is_name_affix(w))
        })
        .collect();
    let last_name = name_spans.last().copied();
    let mut out = String::with_capacity(value.len() + 8);
    let mut copied = 0;
    for (i, &(a, b)) in spans.iter().enumerate() {
        let word = value.get(a..b)?;
        if token::is_name_affix(word) {
            continue;
        }
        out.push_str(value.get(copied..a)?);
        copied = b;
        let letters: Vec<char> = word.chars().collect();
        if letters.len() == 1 && letters.iter().all(|c| c.is_ascii_alphabetic()) {
            out.push(initial(key, letters.first().copied().unwrap_or('A')));
            continue;
        }
        // Role: `Last, First` puts the family name before the comma; otherwise it is last.
        let role = match comma {
            Some(c) if a < c => Role::Family,
            Some(_) => Role::Given,
            None if Some(i) == last_name && name_spans.len() > 1 => Role::Family,
            None => Role::Given,
        };
        let fake = map_word(&word.to_lowercase(), role)?;
        out.push_str(&with_case_of(&fake, word));
    }
    out.push_str(value.get(copied..)?);
    Some(out)
}

/// The keyed permutation of A–Z used for initials (case kept).
fn initial(key: &Key, c: char) -> char {
    let mut letters: Vec<u8> = (b'A'..=b'Z').collect();
    let mut s = Stream::new(key, "surrogate-initials", EntityKind::Person, 0, "");
    for i in (1..letters.len()).rev() {
        let j = s.below(i + 1);
        letters.swap(i, j);
    }
    let upper = c.to_ascii_uppercase();
    let idx = (upper as u8).saturating_sub(b'A') as usize;
    let mapped = letters.get(idx).copied().map(char::from).unwrap_or(upper);
    if c.is_ascii_lowercase() {
        mapped.to_ascii_lowercase()
    } else {
        mapped
    }
}

/// The `attempt`-th surrogate for `value` of `kind` (PERSON and DATE are handled by the vault).
/// `None` when the kind has no surrogate form for this value; the vault then issues a token.
pub(crate) fn generate(
    key: &Key,
    kind: EntityKind,
    value: &str,
    numeric: bool,
    attempt: u32,
) -> Option<String> {
    let subject = token::subject(kind, value);
    let domain = if numeric { "surrogate-number" } else { "surrogate" };
    let mut s = Stream::new(key, domain, kind, attempt, &subject);
    let out = match kind {
        EntityKind::Email => with_case_of(&email(&mut s), value),
        EntityKind::Phone => phone(&mut s, value),
        EntityKind::Ssn => ssn(&mut s, value),
        EntityKind::CreditCard => card(&mut s, value),
        EntityKind::Iban => iban(&mut s, value)?,
        EntityKind::Npi => npi(&mut s, value),
        EntityKind::IpAddress => ip(&mut s, value),
        EntityKind::MacAddress => mac(&mut s, value),
        EntityKind::Url => url(&mut s, value),
        EntityKind::City => with_case_of(s.pick(CITIES), value),
        EntityKind::StreetAddress => street(&mut s, value),
        EntityKind::AgeOver89 => age(&mut s, value),
        EntityKind::Person | EntityKind::Date => return None,
        _ => classwise(&mut s, value),
    };
    Some(out)
}

fn email(s: &mut Stream<'_>) -> String {
    let domain = s.pick(&["example.com", "example.net", "example.org"]);
    format!(
        "{}.{}{}@{domain}",
        s.pick(GIVEN).to_lowercase(),
        s.pick(SURNAMES).to_lowercase(),
        10 + s.below(90)
    )
}

/// Replaces the digits of `value` in order with `digits`, then random digits; keeps the rest.
fn replace_digits(s: &mut Stream<'_>, value: &str, digits: &str) -> String {
    let mut fixed = digits.chars();
    value
        .chars()
        .map(|c| if c.is_ascii_digit() { fixed.next().unwrap_or_else(|| s.digit()) } else { c })
        .collect()
}

fn phone(s: &mut Stream<'_>, value: &str) -> String {
    let d: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
    let country = d.len() == 11 && d.first() == Some(&'1');
    if d.len() == 10 || country {
        let npa = AREA_CODES.get(s.below(AREA_CODES.len())).copied().unwrap_or(212);
        let line = format!("{}{npa}55501{:02}", if country { "1" } else { "" }, s.below(100));
        return replace_digits(s, value, &line);
    }
    // International: keep the country code digits after `+` (up to two), randomize the rest.
    let keep: String =
        if value.trim_start().starts_with('+') { d.iter().take(2).collect() } else { String::new() };
    replace_digits(s, value, &keep)
}

fn ssn(s: &mut Stream<'_>, value: &str) -> String {
    let digits = format!("9{:02}{:02}{:04}", s.below(100), 1 + s.below(49), 1 + s.below(9999));
    replace_digits(s, value, &digits)
}

fn luhn_check_digit(payload: &[u8]) -> u8 {
    // Digit to append so that the whole number passes Luhn.
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn card(s: &mut Stream<'_>, value: &str) -> String {
    let n = value.chars().filter(char::is_ascii_digit).count().clamp(12, 19);
    let bin: &str = match value.trim_start().chars().next() {
        Some('3') => "378282",
        Some('5') | Some('2') => "555555",
        Some('6') => "601111",
        _ => "411111",
    };
    let mut digits: Vec<u8> = bin.bytes().map(|b| b - b'0').collect();
    while digits.len() < n - 1 {
        digits.push(s.below(10) as u8);
    }
    digits.push(luhn_check_digit(&digits));
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    replace_digits(s, value, &text)
}

fn iban(s: &mut Stream<'_>, value: &str) -> Option<String> {
    let chars: Vec<char> =
        value.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect();
    if chars.len() < 8 || !chars.iter().take(2).all(char::is_ascii_uppercase) {
        return None;
    }
    let mut bban: Vec<char> = Vec::with_capacity(chars.len() - 4);
    for (i, &c) in chars.iter().skip(4).enumerate() {
        bban.push(match (i < 4, c.is_ascii_digit()) {
            (true, true) => '0',
            (true, false) => 'X',
            (false, true) => s.digit(),
            (false, false) => char::from(b'A' + s.below(26) as u8),
        });
    }
    let country: String = chars.iter().take(2).collect();
    // ISO 13616 check digits: 98 - (BBAN ‖ country ‖ "00" as digits mod 97).
    let mut rem: u32 = 0;
    for c in bban.iter().chain(country.chars().collect::<Vec<_>>().iter()).chain(['0', '0'].iter()) {
        let v = c.to_digit(36)?;
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    let check = 98 - rem;
    let canonical: String = format!("{country}{check:02}{}", bban.iter().collect::<String>());
    // Put the characters back into the original layout (spaces kept, case kept).
    let mut it = canonical.chars();
    Some(
        value
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    let n = it.next().unwrap_or('0');
                    if c.is_ascii_lowercase() {
                        n.to_ascii_lowercase()
                    } else {
                        n
                    }
                } else {
                    c
                }
            })
            .collect(),
    )
}

fn npi(s: &mut Stream<'_>, value: &str) -> String {
    let first = value.chars().find(char::is_ascii_digit).filter(|c| *c == '1' || *c == '2').unwrap_or('1');
    let mut digits: Vec<u8> = vec![first as u8 - b'0'];
    for _ in 0..8 {
        digits.push(s.below(10) as u8);
    }
    // The NPI check digit is the Luhn digit of 80840 ‖ the first nine digits.
    let mut payload = vec![8, 0, 8, 4, 0];
    payload.extend_from_slice(&digits);
    digits.push(luhn_check_digit(&payload));
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    replace_digits(s, value, &text)
}

fn ip(s: &mut Stream<'_>, value: &str) -> String {
    if value.contains(':') {
        let groups: Vec<String> = (0..6).map(|_| format!("{:x}", s.below(0x10000))).collect();
        let text = format!("2001:db8:{}", groups.join(":"));
        return if value.chars().any(|c| c.is_ascii_uppercase()) { text.to_uppercase() } else { text };
    }
    let net = s.pick(&["192.0.2", "198.51.100", "203.0.113"]);
    format!("{net}.{}", 1 + s.below(254))
}

fn mac(s: &mut Stream<'_>, value: &str) -> String {
    let sep = if value.contains('-') { "-" } else { ":" };
    let text = ["00", "00", "5e", "00", "53", &format!("{:02x}", s.below(256))].join(sep);
    if value.chars().any(|c| c.is_ascii_lowercase()) {
        text
    } else {
        text.to_uppercase()
    }
}

fn url(s: &mut Stream<'_>, value: &str) -> String {
    let scheme = match value.find("://") {
        Some(i) => value.get(..i + 3).unwrap_or_default(),
        None if value.starts_with("www.") => "",
        None => "",
    };
    let host = s.pick(&["example.com", "example.org", "example.net"]);
    let path: String = (0..8).map(|_| char::from(b'a' + s.below(26) as u8)).collect();
    let www = if value.contains("www.") { "www." } else { "" };
    format!("{scheme}{www}{host}/{path}")
}

fn street(s: &mut Stream<'_>, value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut last = 0;
    let mut named = false;
    for (a, b) in word_spans(value) {
        out.push_str(value.get(last..a).unwrap_or_default());
        last = b;
        let w = value.get(a..b).unwrap_or_default();
        if w.chars().any(|c| c.is_ascii_digit()) {
            out.push_str(&classwise(s, w));
        } else if STREET_WORDS.contains(&w.to_lowercase().as_str()) {
            out.push_str(w);
        } else if !named {
            out.push_str(&with_case_of(s.pick(STREETS), w));
            named = true;
        } else {
            // Further name words of a multi-word street are dropped into the one fake name.
            out.truncate(out.trim_end().len());
        }
    }
    out.push_str(value.get(last..).unwrap_or_default());
    out
}

fn word_spans(value: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in value.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, value.len()));
    }
    spans
}

fn age(s: &mut Stream<'_>, value: &str) -> String {
    // Another age of 90 or more, so the clinical meaning ("over 89") survives.
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let n = if digits >= 3 { 100 + s.below(6) } else { 90 + s.below(10) };
    replace_digits(s, value, &n.to_string())
}

/// Each ASCII digit or letter replaced by a random one of the same class and case.
fn classwise(s: &mut Stream<'_>, value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '0'..='9' => s.digit(),
            'a'..='z' => char::from(b'a' + s.below(26) as u8),
            'A'..='Z' => char::from(b'A' + s.below(26) as u8),
            c if c.is_alphanumeric() => char::from(b'a' + s.below(26) as u8),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luhn(digits: &str) -> bool {
        let d: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
        d.split_last().is_some_and(|(last, rest)| luhn_check_digit(rest) == *last)
    }

    fn iban_ok(v: &str) -> bool {
        let c: String = v.chars().filter(|c| *c != ' ').collect();
        let rotated = format!("{}{}", &c[4..], &c[..4]);
        let mut rem = 0u32;
        for ch in rotated.chars() {
            let v = ch.to_digit(36).unwrap();
            rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
        }
        rem == 1
    }

    fn key() -> Key {
        Key::from_bytes(&[9; 32]).unwrap()
    }

    fn gen(kind: EntityKind, v: &str) -> String {
        generate(&key(), kind, v, false, 0).unwrap()
    }

    fn shape(s: &str) -> String {
        s.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect()
    }

    #[test]
    fn phones_are_fictional_and_keep_their_layout() {
        for v in ["(415) 867-5309", "415-867-5309", "+1 415 867 5309", "4158675309"] {
            let out = gen(EntityKind::Phone, v);
            assert_eq!(shape(&out), shape(v), "{v} → {out}");
            let d: String = out.chars().filter(char::is_ascii_digit).collect();
            let d = if d.len() == 11 { &d[1..] } else { &d[..] };
            assert_eq!(&d[3..8], "55501", "{out}");
        }
        // One subject, one fake number, whatever the spelling.
        let a: String =
            gen(EntityKind::Phone, "(415) 867-5309").chars().filter(char::is_ascii_digit).collect();
        let b: String = gen(EntityKind::Phone, "415.867.5309").chars().filter(char::is_ascii_digit).collect();
        assert_eq!(a, b);
        let intl = gen(EntityKind::Phone, "+44 20 7946 0018");
        assert!(intl.starts_with("+44 ") && shape(&intl) == shape("+44 20 7946 0018"), "{intl}");
    }

    #[test]
    fn ssns_are_never_issued() {
        for i in 0..200 {
            let v = format!("123-45-{:04}", 1000 + i);
            let out = gen(EntityKind::Ssn, &v);
            assert_eq!(shape(&out), "999-99-9999");
            assert!(out.starts_with('9'), "{out}");
            let group: u32 = out[4..6].parse().unwrap();
            assert!((1..=49).contains(&group), "{out}");
            assert_ne!(&out[7..], "0000");
        }
        assert_eq!(shape(&gen(EntityKind::Ssn, "123456789")), "999999999");
    }

    #[test]
    fn cards_are_test_bins_and_luhn_valid() {
        for (v, bin) in [
            ("4242 4242 4242 4242", "411111"),
            ("5500-0000-0000-0004", "555555"),
            ("3400 000000 00009", "378282"),
            ("6011000990139424", "601111"),
        ] {
            let out = gen(EntityKind::CreditCard, v);
            assert_eq!(shape(&out), shape(v));
            let digits: String = out.chars().filter(char::is_ascii_digit).collect();
            assert!(digits.starts_with(bin), "{out}");
            assert!(luhn(&digits), "{out}");
        }
    }

    #[test]
    fn ibans_and_npis_validate_but_are_not_real() {
        for v in ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "FR1420041010050500013M02606"] {
            let out = gen(EntityKind::Iban, v);
            assert_eq!(out.len(), v.len());
            assert_eq!(&out[..2], &v[..2]);
            assert!(iban_ok(&out), "{out}");
            let bank: String = out.chars().filter(|c| *c != ' ').skip(4).take(4).collect();
            assert!(bank.chars().all(|c| c == '0' || c == 'X'), "{out}");
        }
        let npi = gen(EntityKind::Npi, "1234567893");
        assert!(npi.starts_with('1') && npi.len() == 10 && luhn(&format!("80840{npi}")), "{npi}");
    }

    #[test]
    fn network_values_use_documentation_ranges() {
        let v4 = gen(EntityKind::IpAddress, "10.20.30.40");
        assert!(["192.0.2.", "198.51.100.", "203.0.113."].iter().any(|p| v4.starts_with(p)), "{v4}");
        assert!(gen(EntityKind::IpAddress, "fe80::1").starts_with("2001:db8:"));
        assert!(gen(EntityKind::MacAddress, "a4:5e:60:c2:19:0b").starts_with("00:00:5e:00:53:"));
        assert!(gen(EntityKind::MacAddress, "A4-5E-60-C2-19-0B").starts_with("00-00-5E-00-53-"));
        let e = gen(EntityKind::Email, "jane@corp.com");
        assert!(
            e.ends_with("@example.com") || e.ends_with("@example.net") || e.ends_with("@example.org"),
            "{e}"
        );
        assert!(gen(EntityKind::Url, "https://intranet.corp/x?id=1").starts_with("https://example."));
    }

    #[test]
    fn names_keep_case_order_and_titles() {
        let key = key();
        let mut map = std::collections::HashMap::new();
        let mut word = |w: &str, role: Role| -> Option<String> {
            Some(map.entry(w.to_owned()).or_insert_with(|| name_candidate(&key, w, role, 0)).clone())
        };
        let a = person(&key, "John Smith", &mut word).unwrap();
        let b = person(&key, "SMITH, JOHN", &mut word).unwrap();
        let c = person(&key, "Dr. John A. Smith Jr.", &mut word).unwrap();
        let (first, last) = a.split_once(' ').unwrap();
        assert_eq!(b, format!("{}, {}", last.to_uppercase(), first.to_uppercase()));
        assert!(c.starts_with("Dr. ") && c.ends_with(" Jr.") && c.contains(first) && c.contains(last), "{c}");
        assert_ne!(a, "John Smith");
        assert_eq!(person(&key, "smith", &mut word).unwrap(), last.to_lowercase());
        // Given names come from the list; surnames are composed from syllables.
        assert!(GIVEN.contains(&first), "{a}");
        assert!(
            SYLLABLES_A.iter().any(|p| last.starts_with(p)) && SYLLABLES_B.iter().any(|x| last.ends_with(x)),
            "{a}"
        );
    }

    #[test]
    fn other_kinds_keep_their_shape() {
        let out = gen(EntityKind::Mrn, "MRN-00482913");
        assert_eq!(out.len(), 12);
        assert!(out.chars().nth(3) == Some('-'));
        assert_ne!(out, "MRN-00482913");
        let st = gen(EntityKind::StreetAddress, "1234 Elm Street, Apt 5");
        assert!(st.ends_with(" Street, Apt 5") || st.contains("Street, Apt"), "{st}");
        assert!(gen(EntityKind::AgeOver89, "92-year-old").starts_with('9'));
        assert!(generate(&key(), EntityKind::Person, "x", false, 0).is_none());
    }

    #[test]
    fn attempts_and_keys_change_the_value() {
        let k2 = Key::from_bytes(&[10; 32]).unwrap();
        let v = "123-45-6789";
        assert_ne!(
            generate(&key(), EntityKind::Ssn, v, false, 0),
            generate(&key(), EntityKind::Ssn, v, false, 1)
        );
        assert_ne!(
            generate(&key(), EntityKind::Ssn, v, false, 0),
            generate(&k2, EntityKind::Ssn, v, false, 0)
        );
        assert_ne!(
            generate(&key(), EntityKind::Ssn, v, false, 0),
            generate(&key(), EntityKind::Ssn, v, true, 0)
        );
    }
}
