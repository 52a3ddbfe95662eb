//! Cities and ZIP codes in address context: the last line of a US address (`Albany, NY 12209`,
//! `Salt Lake City, Utah 84101-1234`, `Tucson AZ 85743`), `City, ST` after a street line or a
//! place preposition (`moved to Boise, Idaho`), and labelled values (`City: Dover`,
//! `ZIP code 19901`). A five-digit number alone is never a ZIP (CPT codes look the same).
//!
//! The state itself stays: HIPAA Safe Harbor allows it.

use super::{builtin_regex, context, us_address, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct CityZip {
    /// A ZIP candidate; the state before it is checked in code (`ST 12345`, `State, 12345-6789`,
    /// HL7 `ST^12345`). Anchoring on digits keeps two-letter codes such as `in` and `or` from
    /// being candidates all over the text.
    zip: regex::Regex,
    /// `, ST` / `, State` not followed by a ZIP: group 1 the state.
    state_only: regex::Regex,
    /// ` ST` without a comma (`in Albany NY`): group 1 the code.
    state_bare: regex::Regex,
    /// `City: Dover`: group 1 the value.
    city_label: regex::Regex,
    /// `ZIP: 12345`: group 1 the value.
    zip_label: regex::Regex,
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

/// Titles: `Dr. Smith, MD` is a person and a credential, not a city and a state.
const TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "miss", "prof", "sr", "jr"];

const ZIP: &str = r"[0-9]{5}(?:-[0-9]{4})?";

impl CityZip {
    pub(crate) fn new() -> Result<Self> {
        let states = us_address::state_alternation();
        Ok(CityZip {
            zip: builtin_regex(ZIP)?,
            state_only: builtin_regex(&format!(r"[,^][ \t]*({states})(?-u:\b)"))?,
            state_bare: builtin_regex(&format!(r"[ \t]({})(?-u:\b)", us_address::state_code_alternation()))?,
            city_label: builtin_regex(
                r"(?i)(?-u:\b)(?:city|town|city/town)[ \t]*[:=][ \t]*([A-Za-z][A-Za-z.'-]*(?:[ \t][A-Za-z][A-Za-z.'-]*){0,3})",
            )?,
            zip_label: builtin_regex(&format!(
                r"(?i)(?-u:\b)(?:zip(?:[ \t]*code)?|zipcode|postal[ \t]*code|postcode)(?-u:\b)[ \t]*[:#=]?[ \t]*({ZIP})(?-u:\b)"
            ))?,
        })
    }
}

impl Recognizer for CityZip {
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
            let street = city.as_ref().is_some_and(|c| street_line_before(text, c.start));
            let ambiguous = is_ambiguous(state);
            let (city_score, zip_score) = match (&city, strict) {
                (Some(c), true) if !ambiguous || c.comma || street => (0.9, 0.95),
                // Lowercase (`nashville, tn 37229`): after a street line, or after a place word.
                (Some(c), false)
                    if street || (c.comma && context::has_word_before(text, c.start, 24, PLACE_WORDS)) =>
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
            let street = street_line_before(text, city.start);
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
fn street_line_before(text: &str, city_start: usize) -> bool {
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
    use crate::detect::test_support::{check_scored_table, found_at, DEFAULT_MIN_SCORE};

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
}
