//! Cities and ZIP codes in address context: the last line of a US address (`Albany, NY 12209`,
//! `Salt Lake City, Utah 84101-1234`, `Tucson AZ 85743`), `City, ST` after a street line or a
//! place preposition (`moved to Boise, Idaho`), and labelled values (`City: Dover`,
//! `ZIP code 19901`). A five-digit number alone is never a ZIP (CPT codes look the same).
//!
//! The state itself stays: HIPAA Safe Harbor allows it.

use super::us_address::{self, is_word_byte, name_word_end, skip_blanks, skip_blanks_back, Case, StateTable};
use super::{context, views, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;
use std::cell::OnceCell;

/// Hand-written scans over the shared views, validating only candidates: ZIPs are the digit
/// groups of five (with a `-` and four more for ZIP+4), states and labels are word tokens.
pub(crate) struct CityZip {
    /// The states in the order the former regex alternation tried them.
    states: StateTable,
}

/// Words that end a city name when walking back from the state: labels, prepositions, verbs.
#[rustfmt::skip]
const NOT_CITY: &[&str] = &[
    "a", "an", "and", "address", "addr", "at", "born", "from", "home", "in", "is", "lives", "living",
    "located", "mail", "mailing", "moved", "near", "of", "or", "patient", "resides", "residence", "still",
    "the", "to", "visiting", "was", "were", "with", "by", "for", "on", "dr", "mr", "mrs", "ms", "miss",
    "prof", "attn", "c/o", "ste", "apt", "suite", "unit",
];

/// Words before a `City, ST` (no ZIP) that make it a place.
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "in", "from", "near", "at", "of", "to", "city", "town", "born", "lives", "living", "live", "moved",
    "resides", "resident", "residence", "relocated", "visiting", "hometown", "address", "home", "location",
    "located", "based", "native", "raised", "traveled", "travelled", "trip",
];

/// [`PLACE_WORDS`] with their filters, computed at compile time.
static PLACE: context::WordSet<'static> = context::WordSet::new(PLACE_WORDS);

/// Titles: `Dr. Smith, MD` is a person and a credential, not a city and a state.
const TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "miss", "prof", "sr", "jr"];

impl CityZip {
    pub(crate) fn new() -> Result<Self> {
        Ok(CityZip { states: StateTable::new() })
    }
}

impl Recognizer for CityZip {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        // In text order (each state ends right before its ZIP), so looked up by binary search:
        // `contains` was quadratic on many ZIP lines.
        let mut states_with_zip = Vec::new();
        // ZIPs are the digit groups of exactly five digits (a longer group is glued to digits).
        let groups = if hay.has_digit() { hay.views.groups() } else { &[] };
        let zips = || groups.iter().filter(|g| g.len() == 5);
        let numbers = NumberedLines::new(text, groups);
        for g in zips() {
            // `[0-9]{5}(?:-[0-9]{4})?`, then bounded: a ZIP preceded by a state always starts
            // at a blank or `^`, hence where that regex matched.
            let end = if plus_four(b, g.end) { g.end + 5 } else { g.end };
            if !context::is_bounded(text, g.start, end) || !zip_bounded(text, end) {
                continue;
            }
            let Some((state_start, state)) = state_before_zip(text, g.start) else { continue };
            states_with_zip.push(state_start);
            let strict = state_case_ok(state);
            let city = city_before(text, state_start, strict);
            let street = city.as_ref().is_some_and(|c| street_line_before(text, c.start, &numbers));
            let ambiguous = is_ambiguous(state);
            let (city_score, zip_score) = match (&city, strict) {
                (Some(c), true) if !ambiguous || c.comma || street => (0.9, 0.95),
                // Lowercase (`nashville, tn 37229`): after a street line, or after a place word.
                (Some(c), false) if street || (c.comma && PLACE.before(text, c.start, 24)) => (0.85, 0.9),
                (None, true) if !ambiguous => (0.0, if is_code(state) { 0.75 } else { 0.85 }),
                _ => continue,
            };
            if let Some(c) = city {
                out.push(Finding::new(EntityKind::City, c.start, c.end, city_score, false));
            }
            out.push(Finding::new(EntityKind::Zip, g.start, end, zip_score, false));
        }
        // States start with a capital; labels (`City:`) are word tokens.
        let commas = hay.has_any(b",^");
        let blanks = hay.has_any(b" \t");
        let labels = hay.has_any(b":=");
        let mut label_resume = 0;
        for t in hay.views.tokens() {
            let Some(&first) = b.get(t.start) else { continue };
            if first.is_ascii_uppercase() {
                if commas && after_comma(b, t.start) {
                    self.state_after_comma(hay, t.start, &states_with_zip, &numbers, out);
                }
                if blanks && t.len() == 2 {
                    state_bare(hay, t.start, t.end, &states_with_zip, out);
                }
            }
            if labels && t.len() == 4 && t.start >= label_resume {
                if let Some(end) = city_label(text, t.start, t.end, out) {
                    label_resume = end;
                }
            }
        }
        for g in zips() {
            if let Some(end) = labelled_zip(b, g.start, g.end) {
                if zip_bounded(text, end) {
                    out.push(Finding::new(EntityKind::Zip, g.start, end, 0.95, false));
                }
            }
        }
    }
}

impl CityZip {
    /// `, ST` / `, State` not followed by a ZIP (what `[,^][ \t]*(STATES)\b` matched), the state
    /// starting at `start`.
    fn state_after_comma(
        &self,
        hay: &Haystack<'_>,
        start: usize,
        states_with_zip: &[usize],
        numbers: &NumberedLines<'_>,
        out: &mut Vec<Finding>,
    ) {
        let text = hay.text;
        let b = text.as_bytes();
        let Some(end) = self.states.find_at(b, start, false, |end| !is_word_byte(b.get(end))) else { return };
        let Some(state) = text.get(start..end) else { return };
        if states_with_zip.binary_search(&start).is_ok() || !state_case_ok(state) {
            return;
        }
        let Some(city) = city_before(text, start, true) else { return };
        let street = street_line_before(text, city.start, numbers);
        // A place word before it, or nothing at all (a record leaf such as "Dallas, TX") with
        // an unambiguous state.
        let place = PLACE.before(text, city.start, 24)
            || (text.get(..city.start).is_some_and(|b| b.trim().is_empty()) && !is_ambiguous(state));
        let credential = us_address::CREDENTIAL_STATE_CODES.iter().any(|c| c.eq_ignore_ascii_case(state));
        let score = if street {
            0.85
        } else if credential {
            return;
        } else if place {
            0.75
        } else if !is_code(state) {
            0.6
        } else {
            return;
        };
        out.push(Finding::new(EntityKind::City, city.start, city.end, score, false));
    }
}

/// ` ST` without a comma (`in Albany NY`; what `[ \t](CODES)\b` matched): the two-letter token
/// `start..end` after a blank.
fn state_bare(
    hay: &Haystack<'_>,
    start: usize,
    end: usize,
    states_with_zip: &[usize],
    out: &mut Vec<Finding>,
) {
    let text = hay.text;
    let b = text.as_bytes();
    let blank_before = start.checked_sub(1).and_then(|i| b.get(i)).is_some_and(|&c| c == b' ' || c == b'\t');
    if !blank_before || is_word_byte(b.get(end)) {
        return;
    }
    let Some(state) = text.get(start..end) else { return };
    if !us_address::is_state_code(state, true)
        || states_with_zip.binary_search(&start).is_ok()
        || is_ambiguous(state)
    {
        return;
    }
    let Some(city) = city_before(text, start, true) else { return };
    if !city.comma && PLACE.before(text, city.start, 16) {
        out.push(Finding::new(EntityKind::City, city.start, city.end, 0.7, false));
    }
}

/// `City: Dover` (what `(?i)\b(?:city|town|city/town)[ \t]*[:=][ \t]*(VALUE)` matched, VALUE
/// being one to four words of `[A-Za-z][A-Za-z.'-]*` one blank apart) with the label token at
/// `start..end`: the end of the match, and a finding when the value is capitalized.
fn city_label(text: &str, start: usize, end: usize, out: &mut Vec<Finding>) -> Option<usize> {
    let b = text.as_bytes();
    let word = b.get(start..end)?;
    let city = word.eq_ignore_ascii_case(b"city");
    if !(city || word.eq_ignore_ascii_case(b"town"))
        || is_word_byte(start.checked_sub(1).and_then(|i| b.get(i)))
    {
        return None;
    }
    // `[ \t]*[:=]`. (`city/town:` is `town:` after a `/`, which is a word boundary.)
    let at = skip_blanks(b, end);
    let after_label = matches!(b.get(at), Some(b':' | b'=')).then_some(at + 1)?;
    let value_start = skip_blanks(b, after_label);
    let mut value_end = name_word_end(b, value_start + us_address::folded_letter_at(b.get(value_start..)?)?);
    // Up to three more words, each after exactly one blank.
    for _ in 0..3 {
        if !matches!(b.get(value_end), Some(b' ' | b'\t')) {
            break;
        }
        let Some(len) = b.get(value_end + 1..).and_then(us_address::folded_letter_at) else { break };
        value_end = name_word_end(b, value_end + 1 + len);
    }
    let value = text.get(value_start..value_end)?;
    if value.chars().next().is_some_and(char::is_uppercase) {
        out.push(Finding::new(EntityKind::City, value_start, value_end, 0.85, false));
    }
    Some(value_end)
}

/// The end of a labelled ZIP, the digit group of five at `start..end` (what
/// `(?i)\b(?:zip(?:[ \t]*code)?|zipcode|postal[ \t]*code|postcode)\b[ \t]*[:#=]?[ \t]*(ZIP)\b`
/// matched, ZIP being `[0-9]{5}(?:-[0-9]{4})?`).
fn labelled_zip(b: &[u8], start: usize, end: usize) -> Option<usize> {
    // Walking back: blanks, an optional `:`, `#` or `=`, blanks, then the label (at least one
    // of these between, for the `\b` after the label).
    let mut at = skip_blanks_back(b, start);
    if at > 0 && matches!(b.get(at - 1), Some(b':' | b'#' | b'=')) {
        at = skip_blanks_back(b, at - 1);
    }
    if at == start || !zip_label_ends_at(b, at) {
        return None;
    }
    // The ZIP: ZIP+4 when a bounded `-` and four digits follow, else five bounded digits.
    if plus_four(b, end) && !is_word_byte(b.get(end + 5)) {
        Some(end + 5)
    } else {
        (!is_word_byte(b.get(end))).then_some(end)
    }
}

/// True when a ZIP label (`zip`, `zip code`, `zipcode`, `postal code`, `postcode`, any case)
/// ends at `end` and starts at a word boundary.
fn zip_label_ends_at(b: &[u8], end: usize) -> bool {
    let bounded = |start: usize| !is_word_byte(start.checked_sub(1).and_then(|i| b.get(i)));
    let ends =
        |at: usize, word: &str| us_address::spelled_before(b, at, word, Case::Fold).filter(|&s| bounded(s));
    if ends(end, "zip").is_some() {
        return true;
    }
    let Some(code) = us_address::spelled_before(b, end, "code", Case::Fold) else { return false };
    let spaced = skip_blanks_back(b, code);
    ends(spaced, "zip").is_some() || ends(spaced, "postal").is_some() || ends(code, "post").is_some()
}

/// True when `-` and four digits follow `end`.
fn plus_four(b: &[u8], end: usize) -> bool {
    b.get(end) == Some(&b'-') && b.get(end + 1..end + 5).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
}

/// True when blanks and then a `,` or `^` come right before `start`.
fn after_comma(b: &[u8], start: usize) -> bool {
    let at = skip_blanks_back(b, start);
    matches!(at.checked_sub(1).and_then(|i| b.get(i)), Some(b',' | b'^'))
}

/// The state right before a ZIP: separated by spaces (with an optional `.` and `,` after the
/// state) or by HL7's `^`.
fn state_before_zip(text: &str, zip_start: usize) -> Option<(usize, &str)> {
    let before = text.get(..zip_start)?;
    let end = if let Some(b) = before.strip_suffix('^') {
        b.len()
    } else {
        let trimmed = before.trim_end_matches([' ', '\t']);
        if trimmed.len() == before.len() {
            return None;
        }
        let trimmed = trimmed.strip_suffix(',').unwrap_or(trimmed);
        trimmed.strip_suffix('.').unwrap_or(trimmed).len()
    };
    let start = us_address::state_ending_at(text, end)?;
    Some((start, text.get(start..end)?))
}

/// A city name found before a state.
struct City {
    start: usize,
    end: usize,
    /// A comma separates it from the state (`Albany, NY`).
    comma: bool,
}

/// Walks back from the state over an optional comma and up to four name words. With
/// `capitalized`, every word must start with an uppercase letter.
fn city_before(text: &str, state_start: usize, capitalized: bool) -> Option<City> {
    let before = text.get(..state_start)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    let (trimmed, comma) = match trimmed.strip_suffix(',').or_else(|| trimmed.strip_suffix('^')) {
        Some(t) => (t.trim_end_matches([' ', '\t']), true),
        None => (trimmed, false),
    };
    let end = trimmed.len();
    let mut start = end;
    let mut words = 0;
    let mut cursor = trimmed;
    while words < 4 {
        let word_len: usize = cursor
            .chars()
            .rev()
            .take_while(|&c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-'))
            .map(char::len_utf8)
            .sum();
        if word_len == 0 {
            break;
        }
        let word_start = cursor.len() - word_len;
        let Some((rest, word)) = cursor.split_at_checked(word_start) else { break };
        let bare = word.trim_end_matches('.').to_ascii_lowercase();
        let first = word.chars().next().unwrap_or(' ');
        if NOT_CITY.contains(&bare.as_str())
            || !first.is_alphabetic()
            || (capitalized && !first.is_uppercase())
        {
            break;
        }
        start = word_start;
        words += 1;
        let next = rest.trim_end_matches([' ', '\t']);
        // Words are separated by one run of spaces; anything else (a comma, a line break, a
        // digit) ends the name.
        if next.len() == rest.len() || next.len() + 3 < rest.len() {
            break;
        }
        cursor = next;
    }
    if words == 0 {
        return None;
    }
    // `Dr. Smith, MD`: a title right before the name.
    let prev = text.get(..start)?.trim_end_matches([' ', '\t']);
    let prev_word: String = prev.chars().rev().take_while(|c| c.is_ascii_alphabetic() || *c == '.').collect();
    let prev_word: String =
        prev_word.chars().rev().filter(|c| *c != '.').collect::<String>().to_ascii_lowercase();
    if TITLES.contains(&prev_word.as_str()) {
        return None;
    }
    Some(City { start, end, comma })
}

/// True when a street line (a street suffix, a post-directional or a unit) ends right before
/// the city, separated by a comma or a line break.
fn street_line_before(text: &str, city_start: usize, numbers: &NumberedLines<'_>) -> bool {
    let Some(before) = text.get(..city_start) else { return false };
    let trimmed = before.trim_end_matches([' ', '\t']);
    let Some(trimmed) = trimmed.strip_suffix(',').or_else(|| trimmed.strip_suffix('\n')) else {
        return false;
    };
    let trimmed = trimmed.trim_end_matches([' ', '\t', '\r']);
    let last = ascii_tail(trimmed, |c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'#' | b'-'));
    if last.is_empty() {
        return false;
    }
    if us_address::is_street_suffix(last)
        || matches!(last.trim_end_matches('.'), "N" | "S" | "E" | "W" | "NE" | "NW" | "SE" | "SW")
    {
        // The word before the suffix must follow a house number somewhere on the line.
        return numbers.word_on_line_before(trimmed.len());
    }
    // A unit: `Apt. 4B`, `Suite 200`, `#12`.
    let head = trimmed.strip_suffix(last).unwrap_or_default();
    let designator = ascii_tail(head.trim_end_matches([' ', '\t']), |c| {
        c.is_ascii_alphabetic() || matches!(c, b'.' | b'#')
    });
    last.bytes().any(|b| b.is_ascii_digit())
        && (us_address::is_unit_designator(designator) || last.starts_with('#'))
}

/// The longest suffix of `s` whose bytes all satisfy `keep` (ASCII bytes only, so the suffix
/// starts on a character boundary).
fn ascii_tail(s: &str, keep: impl Fn(u8) -> bool) -> &str {
    let n = s.bytes().rev().take_while(|&c| c.is_ascii() && keep(c)).count();
    s.get(s.len() - n..).unwrap_or_default()
}

/// Where words starting with a digit and line breaks are, found once per text when first asked
/// (a street line before a city needs a house number earlier on its line; looking for it by
/// scanning back to the line start for each candidate was quadratic on one long line).
struct NumberedLines<'a> {
    text: &'a str,
    groups: &'a [views::Group],
    /// Starts of the whitespace-separated words that start with an ASCII digit, and the offsets
    /// of the `\n`s, in order.
    found: OnceCell<(Vec<usize>, Vec<usize>)>,
}

impl<'a> NumberedLines<'a> {
    fn new(text: &'a str, groups: &'a [views::Group]) -> Self {
        NumberedLines { text, groups, found: OnceCell::new() }
    }

    /// True when a whitespace-separated word starting with a digit starts before `end` on the
    /// line that holds `end` (after its last `\n` before `end`): what
    /// `text[..end].rsplit('\n').next()?.split_whitespace().any(starts with a digit)` says.
    fn word_on_line_before(&self, end: usize) -> bool {
        let (words, breaks) = self.found.get_or_init(|| {
            // A word starts with a digit where a digit group starts the text or follows whitespace.
            let words = self
                .groups
                .iter()
                .map(|g| g.start)
                .filter(|&s| {
                    s == 0
                        || self
                            .text
                            .get(..s)
                            .and_then(|t| t.chars().next_back())
                            .is_some_and(char::is_whitespace)
                })
                .collect();
            let breaks = self.text.match_indices('\n').map(|(i, _)| i).collect();
            (words, breaks)
        });
        let Some(&word) = words.get(..words.partition_point(|&w| w < end)).and_then(<[usize]>::last) else {
            return false;
        };
        let line_start =
            breaks.get(..breaks.partition_point(|&n| n < end)).and_then(<[usize]>::last).map_or(0, |n| n + 1);
        word >= line_start
    }
}

fn state_case_ok(state: &str) -> bool {
    if is_code(state) {
        state.bytes().all(|b| b.is_ascii_uppercase())
    } else {
        state.chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_code(state: &str) -> bool {
    state.len() == 2 && us_address::is_state_code(state, false)
}

fn is_ambiguous(state: &str) -> bool {
    us_address::AMBIGUOUS_STATE_CODES.iter().any(|c| c.eq_ignore_ascii_case(state))
}

/// The ZIP is not followed by more digits or a `-digit` that would make it a longer number.
fn zip_bounded(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    match b.get(end) {
        Some(b'-' | b'.' | b'/') => !b.get(end + 1).is_some_and(u8::is_ascii_digit),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_scored_table, found_at, random_texts, DEFAULT_MIN_SCORE};

    #[test]
    fn cities() {
        check_scored_table(
            &CityZip::new().unwrap(),
            EntityKind::City,
            &[
                ("7781 Larkspur Bend Apt. 12, Dover, DE 19901", "Dover"),
                ("lives at 9 Elm Ct, Salt Lake City, UT 84101-1234.", "Salt Lake City"),
                ("Tucson AZ 85743", "Tucson"),
                ("home to 42 quail run, winston-salem, nc 27101", "winston-salem"),
                ("moved to Boise, Idaho last year", "Boise"),
                ("She was born in Springfield, IL", "Springfield"),
                ("Home: Dallas, TX.", "Dallas"),
                ("Dallas, TX", "Dallas"),
                ("12 Harbor View Ter\nPort Angeles, WA 98362", "Port Angeles"),
                ("City: Coeur d'Alene", "Coeur d'Alene"),
                ("12 Oak St, Baltimore, MD", "Baltimore"),
                ("Springfield, Illinois", "Springfield"),
                ("St. Louis, MO 63101", "St. Louis"),
                ("She lives in Albany NY with her son.", "Albany"),
                ("moved to Portland, OR last year", "Portland"),
                ("PID|1||123 MAIN ST^^SPRINGFIELD^IL^62701", "SPRINGFIELD"),
            ],
            &[
                "Attending: Miller, Misty MD",
                "signed by Dr. Smith, MD 20814",
                "Jones, PA",
                "Seen by Lee, PA-C today",
                "CPT 99213 billed",
                "the city, TX",
                "send to Jones, MD",
                "Smith, AL",
                "Seen with Smith, NC and Kumar, NJ",
                "referred to Jones, MD for follow-up",
                "Seen in Clinic OR today",
                "Call John NY office",
                "Insurance: Member ID: MOM225041870",
                "Mr. Ó Beoláin's coverage: Subscriber ID: QR41327367",
                "Head CT 70450 ordered",
            ],
        );
    }

    #[test]
    fn zips() {
        check_scored_table(
            &CityZip::new().unwrap(),
            EntityKind::Zip,
            &[
                ("Albany, NY 12209?", "12209"),
                ("Port Sandra, OR 58827-4012", "58827-4012"),
                ("Austin, Texas 78701", "78701"),
                ("ZIP code: 02139", "02139"),
                ("postal code 60614-2201", "60614-2201"),
                ("state NY 10001", "10001"),
                ("88 orchard glens, tempe, az 85281.", "85281"),
                ("SPRINGFIELD^IL^62701", "62701"),
                ("i moved to nashville, tn 37229 last year", "37229"),
            ],
            &[
                "Billing: CPT 99213; copay $15",
                "order 12345",
                "Jones MD 20814",
                "PA 19103",
                "in 90210 or so",
                "ny 10001",
                "call me, or 90210",
                "nashville tn 37229",
                "NY 1000123",
                "NY 10001-23456",
            ],
        );
    }

    #[test]
    fn street_line_then_city() {
        let r = CityZip::new().unwrap();
        let got = found_at(&r, "830 Becky Shoal Apt. 267, Hoffmanton, MD 68222, for", DEFAULT_MIN_SCORE);
        assert_eq!(
            got,
            vec![(EntityKind::City, "Hoffmanton".to_owned()), (EntityKind::Zip, "68222".to_owned())]
        );
    }

    /// The regexes the scans replaced, and the recognizer that ran them (as on main 361a2a0):
    /// the reference for [`scans_match_the_regexes`].
    struct OldCityZip {
        zip: regex::Regex,
        state_only: regex::Regex,
        state_bare: regex::Regex,
        city_label: regex::Regex,
        zip_label: regex::Regex,
    }

    const ZIP: &str = r"[0-9]{5}(?:-[0-9]{4})?";

    impl OldCityZip {
        pub(crate) fn new() -> Result<Self> {
            let states = us_address::state_alternation();
            Ok(OldCityZip {
                zip: crate::detect::builtin_regex(ZIP)?,
                state_only: crate::detect::builtin_regex(&format!(r"[,^][ \t]*({states})(?-u:\b)"))?,
                state_bare: crate::detect::builtin_regex(&format!(
                    r"[ \t]({})(?-u:\b)",
                    us_address::state_code_alternation()
                ))?,
                city_label: crate::detect::builtin_regex(
                    r"(?i)(?-u:\b)(?:city|town|city/town)[ \t]*[:=][ \t]*([A-Za-z][A-Za-z.'-]*(?:[ \t][A-Za-z][A-Za-z.'-]*){0,3})",
                )?,
                zip_label: crate::detect::builtin_regex(&format!(
                    r"(?i)(?-u:\b)(?:zip(?:[ \t]*code)?|zipcode|postal[ \t]*code|postcode)(?-u:\b)[ \t]*[:#=]?[ \t]*({ZIP})(?-u:\b)"
                ))?,
            })
        }
    }

    impl Recognizer for OldCityZip {
        fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
            let text = hay.text;
            let mut states_with_zip = Vec::new();
            // The census skips the passes whose every match needs a byte the text lacks.
            let digits = hay.has_digit();
            for zip in digits.then(|| self.zip.find_iter(text)).into_iter().flatten() {
                if !context::is_bounded(text, zip.start(), zip.end()) || !zip_bounded(text, zip.end()) {
                    continue;
                }
                let Some((state_start, state)) = state_before_zip(text, zip.start()) else { continue };
                states_with_zip.push(state_start);
                let strict = state_case_ok(state);
                let city = city_before(text, state_start, strict);
                let street = city.as_ref().is_some_and(|c| old_street_line_before(text, c.start));
                let ambiguous = is_ambiguous(state);
                let (city_score, zip_score) = match (&city, strict) {
                    (Some(c), true) if !ambiguous || c.comma || street => (0.9, 0.95),
                    // Lowercase (`nashville, tn 37229`): after a street line, or after a place word.
                    (Some(c), false)
                        if street
                            || (c.comma && context::has_word_before(text, c.start, 24, PLACE_WORDS)) =>
                    {
                        (0.85, 0.9)
                    }
                    (None, true) if !ambiguous => (0.0, if is_code(state) { 0.75 } else { 0.85 }),
                    _ => continue,
                };
                if let Some(c) = city {
                    out.push(Finding::new(EntityKind::City, c.start, c.end, city_score, false));
                }
                out.push(Finding::new(EntityKind::Zip, zip.start(), zip.end(), zip_score, false));
            }
            for m in hay.has_any(b",^").then(|| self.state_only.find_iter(text)).into_iter().flatten() {
                // Group 1, the state: after the `,` or `^` and the blanks (no capture engine needed).
                let Some(state) = tail(text, m, |b| b == b',' || b == b'^' || b == b' ' || b == b'\t') else {
                    continue;
                };
                if states_with_zip.contains(&state.start()) || !state_case_ok(state.as_str()) {
                    continue;
                }
                let Some(city) = city_before(text, state.start(), true) else { continue };
                let street = old_street_line_before(text, city.start);
                // A place word before it, or nothing at all (a record leaf such as "Dallas, TX") with
                // an unambiguous state.
                let place = context::has_word_before(text, city.start, 24, PLACE_WORDS)
                    || (text.get(..city.start).is_some_and(|b| b.trim().is_empty())
                        && !is_ambiguous(state.as_str()));
                let credential =
                    us_address::CREDENTIAL_STATE_CODES.iter().any(|c| c.eq_ignore_ascii_case(state.as_str()));
                let score = if street {
                    0.85
                } else if credential {
                    continue;
                } else if place {
                    0.75
                } else if !is_code(state.as_str()) {
                    0.6
                } else {
                    continue;
                };
                out.push(Finding::new(EntityKind::City, city.start, city.end, score, false));
            }
            for m in hay.has_any(b" \t").then(|| self.state_bare.find_iter(text)).into_iter().flatten() {
                // Group 1, the code: after the one blank.
                let Some(state) = tail(text, m, |b| b == b' ' || b == b'\t') else { continue };
                if states_with_zip.contains(&state.start()) || is_ambiguous(state.as_str()) {
                    continue;
                }
                let Some(city) = city_before(text, state.start(), true) else { continue };
                if !city.comma && context::has_word_before(text, city.start, 16, PLACE_WORDS) {
                    out.push(Finding::new(EntityKind::City, city.start, city.end, 0.7, false));
                }
            }
            for m in hay.has_any(b":=").then(|| self.city_label.find_iter(text)).into_iter().flatten() {
                // Group 1, the value: after the `:` or `=` and the blanks (the label has neither).
                let Some(label) = m.as_str().find([':', '=']) else { continue };
                let Some(rest) = text.get(m.start() + label + 1..m.end()) else { continue };
                let start = m.end() - rest.trim_start_matches([' ', '\t']).len();
                let Some(v) = text.get(start..m.end()).map(|t| Span { start, end: m.end(), text: t }) else {
                    continue;
                };
                if v.as_str().chars().next().is_some_and(char::is_uppercase) {
                    out.push(Finding::new(EntityKind::City, v.start(), v.end(), 0.85, false));
                }
            }
            for m in digits.then(|| self.zip_label.find_iter(text)).into_iter().flatten() {
                // Group 1, the ZIP: from the first digit (the label has none) to the end.
                let Some(start) = m.as_str().find(|c: char| c.is_ascii_digit()).map(|i| m.start() + i) else {
                    continue;
                };
                let Some(v) = text.get(start..m.end()).map(|t| Span { start, end: m.end(), text: t }) else {
                    continue;
                };
                if zip_bounded(text, v.end()) {
                    out.push(Finding::new(EntityKind::Zip, v.start(), v.end(), 0.95, false));
                }
            }
        }
    }

    /// A part of a match, as a capture group would give it.
    struct Span<'t> {
        start: usize,
        end: usize,
        text: &'t str,
    }

    impl<'t> Span<'t> {
        fn start(&self) -> usize {
            self.start
        }
        fn end(&self) -> usize {
            self.end
        }
        fn as_str(&self) -> &'t str {
            self.text
        }
    }

    /// The rest of match `m` after its leading bytes for which `lead` holds: the trailing capture
    /// group of a pattern whose group starts with the first byte `lead` rejects.
    fn tail<'t>(text: &'t str, m: regex::Match<'t>, lead: impl Fn(u8) -> bool) -> Option<Span<'t>> {
        let skip = m.as_str().bytes().take_while(|&b| lead(b)).count();
        let start = m.start() + skip;
        Some(Span { start, end: m.end(), text: text.get(start..m.end())? })
    }

    /// True when a street line (a street suffix, a post-directional or a unit) ends right before
    /// the city, separated by a comma or a line break.
    fn old_street_line_before(text: &str, city_start: usize) -> bool {
        let Some(before) = text.get(..city_start) else { return false };
        let trimmed = before.trim_end_matches([' ', '\t']);
        let Some(trimmed) = trimmed.strip_suffix(',').or_else(|| trimmed.strip_suffix('\n')) else {
            return false;
        };
        let trimmed = trimmed.trim_end_matches([' ', '\t', '\r']);
        let last: String = trimmed
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '#' | '-'))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if last.is_empty() {
            return false;
        }
        if us_address::is_street_suffix(&last)
            || matches!(last.trim_end_matches('.'), "N" | "S" | "E" | "W" | "NE" | "NW" | "SE" | "SW")
        {
            // The word before the suffix must follow a house number somewhere on the line.
            let line = trimmed.rsplit('\n').next().unwrap_or(trimmed);
            return line.split_whitespace().any(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()));
        }
        // A unit: `Apt. 4B`, `Suite 200`, `#12`.
        let head = trimmed.strip_suffix(last.as_str()).unwrap_or_default();
        let designator: String = head
            .trim_end_matches([' ', '\t'])
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '.' || *c == '#')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        last.bytes().any(|b| b.is_ascii_digit())
            && (us_address::is_unit_designator(&designator) || last.starts_with('#'))
    }

    fn sorted(r: &dyn Recognizer, text: &str) -> Vec<(usize, usize, EntityKind, u32)> {
        let mut out = Vec::new();
        r.recognize(&Haystack::new(text), &mut out);
        let mut all: Vec<_> = out.iter().map(|f| (f.start, f.end, f.entity, f.score.to_bits())).collect();
        all.sort_by_key(|&(s, e, k, score)| (s, e, k as u8, score));
        all
    }

    /// The scans find exactly what the regexes found, over random texts made of pieces that hit
    /// their boundaries: states in every case (and the `ſ` and Kelvin sign that `(?i)` takes for
    /// `s` and `k`), ZIP and ZIP+4 shapes and longer numbers, labels, separators and words.
    #[test]
    fn scans_match_the_regexes() {
        let new = CityZip::new().unwrap();
        let old = OldCityZip::new().unwrap();
        let pieces = [
            "12345",
            "in Albany",
            " NY_",
            "6789",
            "-",
            "1",
            "123456",
            " ",
            " ",
            " ",
            "\t",
            ",",
            ", ",
            "^",
            ".",
            "_",
            "/",
            ":",
            "=",
            "#",
            "\n",
            "NY",
            "ny",
            "MD",
            "IN",
            "In",
            "DC",
            "Texas",
            "TEXAS",
            "texas",
            "Texa\u{17F}",
            "\u{212A}ansas",
            "Kansas",
            "New York",
            "New  York",
            "NEW\tYORK",
            "West Virginia",
            "Virginia",
            "Virgin Islands",
            "VI",
            "Dover",
            "Salt Lake",
            "st. louis",
            "Dr.",
            "moved to ",
            "in ",
            "lives in ",
            "Smith",
            "O'Neil",
            "city",
            "City",
            "CITY",
            "town",
            "Town",
            "city/town",
            "zip",
            "ZIP",
            "Zip code",
            "zipcode",
            "postal",
            "po\u{17F}tal",
            "post",
            "code",
            "Code",
            "postcode",
            "a",
            "12 Main St",
            "Apt 4",
            "\u{212A}",
            "\u{17F}",
            "é",
        ];
        for (seed, max) in
            [(0x9E37_79B9_7F4A_7C15, 12), (0x2545_F491_4F6C_DD1D, 24), (0xD1B5_4A32_D192_ED03, 40)]
        {
            for s in random_texts(seed, &pieces, max, 20_000) {
                assert_eq!(sorted(&new, &s), sorted(&old, &s), "{s:?}");
            }
        }
    }

    /// `City, ST 12345` lines and labels, slot by slot (a slot is fewer than `max` of its pieces).
    #[rustfmt::skip]
    const LINE_SLOTS: &[(&[&str], u64)] = &[
        (&["1 ", "\n", "x1 ", "\u{A0}1", "\u{2003}12", "a\n", "\r\n1", "1\n"], 3),
        (&["moved to ", "in ", "lives in ", "Dr. ", "x", "12 Main St, ", "Apt 4\n", "City", "town", "ZIP", "zip code",
           "Elm St, ", "Oak Ave\n", "Rd NW, ", "#4, ", "Suite 2\n",
           "postal", "po\u{17F}tal code", "postcode", "_", "city/town", "Zipcode", "post"], 3),
        (&[":", "=", "#", " ", "\t", "/", "/town", ",", "code"], 3),
        (&["Dover", "salt lake", "St. Louis", "O'Neil", " ", "a b c d", "\u{212A}ent", "\u{17F}t", "é", "Smith"], 4),
        (&[",", " ", "^", "\t", ", ", "  "], 3),
        (&["NY", "ny", "MD", "PA", "IN", "New York", "NEW YORK", "new york", "Texas", "West Virginia", "Virginia", "DC",
           "x", "Nebraska", "Virgin Islands", "VI"], 2),
        (&[".", ",", " ", "^", "\t", "-", ": "], 3),
        (&["12345", "12345-6789", "1234", "123456", "12345-67890", "12345-678"], 2),
        (&["_", "x", ".", "-1", "/2", " ok", "é", ", MD", " NY"], 2),
    ];

    /// The same comparison over `City, ST 12345` lines and labelled values built slot by slot,
    /// each slot with valid and invalid pieces.
    #[test]
    fn scans_match_the_regexes_on_address_shapes() {
        let new = CityZip::new().unwrap();
        let old = OldCityZip::new().unwrap();
        for s in us_address::slotted(0xD1B5_4A32_D192_ED03, LINE_SLOTS, 60_000) {
            assert_eq!(sorted(&new, &s), sorted(&old, &s), "{s:?}");
        }
    }
}
