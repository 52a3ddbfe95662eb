//! Street lines of US-style addresses: a house number, one or more street-name words and a USPS
//! street suffix (`St`, `Avenue`, `Blvd`, `Shoal`, ...), an optional post-directional (`NW`)
//! and an optional secondary unit (`Apt. 4B`, `Suite 200`, `#12`); and post office boxes.
//!
//! A capitalized street line scores above the default threshold on its own; one in lowercase
//! needs an address label before it or a `City, ST 12345` line after it. City, state and ZIP
//! are separate findings (see [`super::city_zip`]).

use super::{builtin_regex, context, us_address, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct StreetAddress {
    number: regex::Regex,
    po_box: regex::Regex,
    /// `, City, ST 12345` (or on the next line) right after a street line.
    last_line: regex::Regex,
}

/// Words before a street line that make it one.
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "address", "addr", "residence", "residing", "resides", "reside", "lives", "living", "live", "located",
    "home", "mail", "mailing", "ship", "shipping", "billing", "deliver", "delivery", "street", "moved",
    "relocated", "located at",
];

/// Words right before a number that make it something else (a room, a bed, a step).
#[rustfmt::skip]
const NOT_A_HOUSE_NUMBER: &[&str] = &[
    "room", "rm", "bed", "bay", "ward", "unit", "suite", "ste", "apt", "floor", "fl", "box", "lot", "gate",
    "section", "chapter", "step", "part", "page", "phase", "stage", "grade", "type", "level", "item",
    "question", "slide", "figure", "fig", "table", "tier", "class", "category", "cycle", "visit", "day",
    "week", "year", "version", "module", "lesson", "appendix", "exhibit", "schedule", "rule", "article",
    "paragraph", "clause", "line", "row", "column", "no", "number", "#",
];

/// Words that never sit in a lowercase street name: `5 miles down the road` is not an address.
const NOT_A_STREET_NAME: &[&str] = &[
    "the", "a", "an", "of", "from", "to", "and", "or", "in", "at", "on", "for", "with", "by", "my", "your",
    "his", "her", "our", "their", "this", "that", "is", "was", "are", "were", "be", "it", "minutes",
    "minute", "mins", "hours", "hour", "blocks", "block", "miles", "mile", "times", "days", "weeks", "years",
    "mg", "ml", "tablets", "tabs", "pills", "feet", "steps", "more", "less", "than",
];

const DIRECTIONALS: &[&str] = &["N", "S", "E", "W", "NE", "NW", "SE", "SW"];

/// At most this many words between the house number and the suffix (inclusive).
const MAX_WORDS: usize = 6;

impl StreetAddress {
    pub(crate) fn new() -> Result<Self> {
        let states = us_address::state_alternation();
        Ok(StreetAddress {
            // A house number followed by a word (most numbers in notes are not).
            number: builtin_regex(r"[0-9]{1,6}(?:-[0-9]{1,4})?[A-Za-z]?[ \t]+[A-Za-z]")?,
            po_box: builtin_regex(
                r"(?i)(?-u:\b)(?:p\.?[ \t]?o\.?[ \t]*box|post[ \t]+office[ \t]+box)[ \t]*#?[ \t]*[0-9]{1,7}(?-u:\b)",
            )?,
            last_line: builtin_regex(&format!(
                r"(?i)^[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?[a-z][a-z.'-]*(?:[ \t]+[a-z][a-z.'-]*){{0,3}}[ \t]*,?[ \t]+(?:{states})\.?,?[ \t]+[0-9]{{5}}(?:-[0-9]{{4}})?(?-u:\b)"
            ))?,
        })
    }

    /// The street line whose house number ends at `num_end`, if any.
    fn street_at(&self, text: &str, num_end: usize) -> Option<Street> {
        let words = words_after(text, num_end, MAX_WORDS);
        let first = words.first()?;
        let capitalized = first.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        // The run of name words: same case style, no unit designator, no bare number.
        let mut run = 0;
        for (i, w) in words.iter().enumerate() {
            let c = w.text.chars().next().unwrap_or(' ');
            let style_ok = if capitalized {
                c.is_uppercase() || is_ordinal(w.text)
            } else {
                c.is_lowercase() && !NOT_A_STREET_NAME.contains(&w.text)
            };
            let bare_number = w.text.bytes().all(|b| b.is_ascii_digit());
            if !style_ok || bare_number || (i > 0 && us_address::is_unit_designator(w.text)) {
                break;
            }
            run = i + 1;
            if w.stop {
                break;
            }
        }
        // The last suffix in the run, after at least one name word.
        let last =
            (1..run).rev().find(|&i| words.get(i).is_some_and(|w| us_address::is_street_suffix(w.text)))?;
        let mut end = words.get(last)?.end;
        if let Some(next) = words.get(last + 1) {
            let d = next.text.strip_suffix('.').unwrap_or(next.text);
            if last + 1 < run && DIRECTIONALS.contains(&d) {
                end = next.end;
            }
        }
        Some(Street { end, unit_end: unit_after(text, end), capitalized })
    }
}

/// A street line found after a house number.
struct Street {
    /// End of the line without a unit.
    end: usize,
    /// End of the unit (`Apt. 4`), when one follows.
    unit_end: Option<usize>,
    capitalized: bool,
}

impl Recognizer for StreetAddress {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        // House numbers and boxes are digits.
        if !hay.has_digit() {
            return;
        }
        let text = hay.text;
        let b = text.as_bytes();
        let mut resume = 0;
        for m in self.number.find_iter(text) {
            let start = m.start();
            let num_end =
                start + m.as_str().trim_end_matches(|c: char| c.is_ascii_alphabetic()).trim_end().len();
            if start < resume || !starts_clean(b, start) {
                continue;
            }
            // The street shape first: most numbers followed by a word have no street suffix, and
            // that is cheaper to see than the words before the number.
            let Some(street) = self.street_at(text, num_end) else { continue };
            if context::has_word_before(text, start, 8, NOT_A_HOUSE_NUMBER) {
                continue;
            }
            let end = street.unit_end.unwrap_or(street.end);
            let labelled = context::has_word_before(text, start, 48, LABELS);
            let last_line = text.get(end..).is_some_and(|rest| self.last_line.is_match(rest));
            let mut score: f32 = if street.capitalized { 0.55 } else { 0.25 };
            if street.unit_end.is_some() {
                score += 0.15;
            }
            if labelled {
                score += 0.3;
            }
            if last_line {
                score += 0.35;
            }
            out.push(Finding::new(EntityKind::StreetAddress, start, end, score.min(1.0), false));
            resume = end;
        }
        for m in self.po_box.find_iter(text) {
            out.push(Finding::new(EntityKind::StreetAddress, m.start(), m.end(), 0.9, false));
        }
    }
}

/// A word after a house number: its text (trailing `,` excluded), end offset, and whether
/// punctuation or a line break follows it (ending the street line).
struct Word<'a> {
    text: &'a str,
    end: usize,
    stop: bool,
}

/// Up to `max` words separated by spaces or tabs, starting after `from`.
fn words_after(text: &str, from: usize, max: usize) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut pos = from;
    let rest = |p: usize| text.get(p..).unwrap_or("");
    while words.len() < max {
        let gap = rest(pos).len() - rest(pos).trim_start_matches([' ', '\t']).len();
        if gap == 0 && pos != from {
            break;
        }
        pos += gap;
        let word_len: usize = rest(pos)
            .chars()
            .take_while(|&c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-' | '&' | '#'))
            .map(char::len_utf8)
            .sum();
        if word_len == 0 {
            break;
        }
        let end = pos + word_len;
        let next = rest(end).chars().next();
        let stop = !matches!(next, Some(' ' | '\t'));
        words.push(Word { text: text.get(pos..end).unwrap_or_default(), end, stop });
        pos = end;
        if stop {
            break;
        }
    }
    words
}

/// The end of a secondary unit (`, Apt. 4B`, `Suite 200`, `#12`) right after `pos`, if any.
fn unit_after(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..)?;
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let trimmed = trimmed.strip_prefix(',').unwrap_or(trimmed).trim_start_matches([' ', '\t']);
    let mut at = pos + (rest.len() - trimmed.len());
    let designator_len = if trimmed.starts_with('#') {
        1
    } else {
        let len: usize =
            trimmed.chars().take_while(|c| c.is_ascii_alphabetic() || *c == '.').map(char::len_utf8).sum();
        if len == 0 || !trimmed.get(..len).is_some_and(us_address::is_unit_designator) {
            return None;
        }
        len
    };
    at += designator_len;
    let after = text.get(at..)?;
    let after_trim = after.trim_start_matches([' ', '\t']);
    let after_trim = after_trim.strip_prefix('#').unwrap_or(after_trim).trim_start_matches([' ', '\t']);
    at += after.len() - after_trim.len();
    let id_len: usize =
        after_trim.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').map(char::len_utf8).sum();
    let id = after_trim.get(..id_len)?;
    let ok = id.bytes().any(|b| b.is_ascii_digit())
        || (id.len() == 1 && id.bytes().all(|b| b.is_ascii_uppercase()));
    if !ok || id.len() > 8 || !context::is_bounded(text, at, at + id_len) {
        return None;
    }
    Some(at + id_len)
}

/// `5th`, `42nd`, `1st`, `3rd`.
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && ["st", "nd", "rd", "th"].iter().any(|s| w.get(digits..).is_some_and(|r| r.eq_ignore_ascii_case(s)))
}

/// The house number is not glued to a longer token (`$4,250`, `1.5`, `12/3`, `A-12`).
fn starts_clean(b: &[u8], start: usize) -> bool {
    match start.checked_sub(1).and_then(|i| b.get(i)) {
        None => true,
        Some(c) if c.is_ascii_alphanumeric() => false,
        Some(b'.' | b'/' | b'-' | b':' | b'$' | b',' | b'#' | b'+') => false,
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_scored_table;

    #[test]
    fn table() {
        check_scored_table(
            &StreetAddress::new().unwrap(),
            EntityKind::StreetAddress,
            &[
                ("Home address: 7781 Larkspur Bend Apt. 12, Dover, DE 19901", "7781 Larkspur Bend Apt. 12"),
                ("lives at 1600 Pennsylvania Ave NW, Washington, DC 20500", "1600 Pennsylvania Ave NW"),
                ("Send it to 12 W 34th St #5A please", "12 W 34th St #5A"),
                ("4410 Old Mill Road Suite 210", "4410 Old Mill Road Suite 210"),
                ("ship to 09312 Quail Hollow Ln, Fairview", "09312 Quail Hollow Ln"),
                ("we will mail it to 88 orchard glens, tempe, az 85281.", "88 orchard glens"),
                ("ADDRESS: 17 HARBOR VIEW TER, APT 3", "17 HARBOR VIEW TER, APT 3"),
                ("Remit to P.O. Box 4471, Austin, TX 78701", "P.O. Box 4471"),
                ("PO Box 12", "PO Box 12"),
                ("2201 Lake Shore Dr", "2201 Lake Shore Dr"),
                ("371 Trujillo Via Apt. 050", "371 Trujillo Via Apt. 050"),
            ],
            &[
                "metoprolol 25 mg twice daily",
                "BP 128/82 at rest",
                "Room 412 North Wing Way",
                "I walked 5 miles down the road",
                "Symptoms began in 2013.",
                "CPT 99213; copay $4,250.00",
                "Unit: Bay 16, Rm 430B",
                "Seen 3 times at the Park",
                "take 2 tabs at rest",
                "$4,250 Main St",
                "I live 5 minutes from the park",
                "Section 3 Main Points",
                "Step 2 Review Path",
            ],
        );
    }

    #[test]
    fn scores() {
        let r = StreetAddress::new().unwrap();
        let score = |t: &str| {
            let mut out = Vec::new();
            r.recognize(&Haystack::new(t), &mut out);
            out.first().map(|f| f.score)
        };
        assert!(score("12 Main St").unwrap() >= 0.5);
        assert!(score("12 Main St, Springfield, IL 62701").unwrap() >= 0.9);
        assert!(score("12 main st").unwrap() < 0.5);
        assert!(score("12 main st, springfield, il 62701").unwrap() >= 0.5);
        assert!(score("my address is 12 main st").unwrap() >= 0.5);
    }
}
