//! Ages above 89 (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(C): ages over 89 are identifiers and
//! are grouped as `90+`). Ages up to 89 are not identifiers and stay.
//!
//! Forms: `92-year-old`, `92 year old`, `93 years old`, `95 years of age`, `94 y/o`, `94 y.o.`,
//! `100 yo`, `96yo`, `92 yrs old`, `age 91`, `aged 95`, `Age: 93`, and spelled out
//! (`ninety-two-year-old`, `one hundred years old`). The span covers the number and its unit;
//! after `age`/`aged` it covers the number only (the label stays).

use super::{builtin_regex, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct AgeOver89 {
    with_unit: regex::Regex,
    labelled: regex::Regex,
    spelled: regex::Regex,
    /// `Pt is 93 yrs`: years without `old`, after a word that makes it an age.
    years: regex::Regex,
}

/// Units after `age 95` that make it something other than years (`aged 95 days`).
const OTHER_UNITS: &[&str] = &[
    "day",
    "days",
    "d",
    "week",
    "weeks",
    "wk",
    "wks",
    "month",
    "months",
    "mo",
    "mos",
    "hour",
    "hours",
    "min",
    "minutes",
    "percentile",
    "pct",
    "th",
    "kg",
    "lb",
    "lbs",
    "pounds",
    "mg",
];

/// Words after `N years` that make it a duration (`95 years ago`).
const DURATION_AFTER: &[&str] = &["ago", "later", "after", "before", "since", "of", "in", "from", "old"];

/// Ages 90 to 110 in words.
const SPELLED: &str = r"ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one[- ]hundred(?:[- ](?:and[- ])?(?:one|two|three|four|five|six|seven|eight|nine|ten))?";

/// The oldest plausible human age.
const MAX_AGE: u32 = 125;

impl AgeOver89 {
    pub(crate) fn new() -> Result<Self> {
        let unit = r"(?i:[ \t]*-?[ \t]*(?:years?|yrs?|y)[ \t]*-?[ \t]*old(?-u:\b)|[ \t]*(?:years?|yrs?)[ \t]+of[ \t]+age(?-u:\b)|[ \t]*-?[ \t]*(?:y/o(?-u:\b)|y\.o\.|y\.o(?-u:\b)|yoa?(?-u:\b)))";
        Ok(AgeOver89 {
            with_unit: builtin_regex(&format!(r"([0-9]{{2,3}}){unit}"))?,
            labelled: builtin_regex(
                r"(?i)(?-u:\b)(?:age|aged|age[ \t]*:|age[ \t]*/[ \t]*(?:sex|gender)[ \t]*:?)[ \t]*(?:of[ \t]+|is[ \t]+)?([0-9]{2,3})(?-u:\b)",
            )?,
            years: builtin_regex(r"(?i)([0-9]{2,3})[ \t]*(?:years?|yrs?)(?-u:\b)")?,
            spelled: builtin_regex(&format!(
                r"(?i)(?-u:\b)(?:{SPELLED}){}|(?-u:\b)(?:age|aged)[ \t]*:?[ \t]*(?:of[ \t]+|is[ \t]+)?((?:{SPELLED})(?-u:\b))",
                r"(?:[ \t]*-?[ \t]*(?:years?|yrs?)[ \t]*-?[ \t]*old(?-u:\b)|[ \t]+years?[ \t]+of[ \t]+age(?-u:\b))"
            ))?,
        })
    }
}

impl Recognizer for AgeOver89 {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        for c in self.with_unit.captures_iter(text) {
            let (Some(m), Some(n)) = (c.get(0), c.get(1)) else { continue };
            let glued = m
                .start()
                .checked_sub(1)
                .and_then(|i| b.get(i))
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.');
            if !glued && over_89(n.as_str()) {
                out.push(Finding::new(EntityKind::AgeOver89, m.start(), m.end(), 0.95, false));
            }
        }
        for c in self.labelled.captures_iter(text) {
            let Some(n) = c.get(1) else { continue };
            let decimal = matches!(b.get(n.end()), Some(b'.' | b'/' | b','))
                && b.get(n.end() + 1).is_some_and(u8::is_ascii_digit);
            if !over_89(n.as_str()) || decimal || matches!(b.get(n.end()), Some(b'+' | b'%')) {
                continue;
            }
            let next = word_after(text, n.end());
            if OTHER_UNITS.contains(&next.as_str()) {
                continue;
            }
            out.push(Finding::new(EntityKind::AgeOver89, n.start(), n.end(), 0.9, false));
        }
        for c in self.years.captures_iter(text) {
            let (Some(m), Some(n)) = (c.get(0), c.get(1)) else { continue };
            let digits = n.as_str();
            // Only after a word that makes it an age: `Pt is 93 yrs`, `female, 96 years`.
            let glued = m
                .start()
                .checked_sub(1)
                .and_then(|i| b.get(i))
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.');
            if glued || !age_word_before(text, m.start()) {
                continue;
            }
            // `was 95 years ago`, `is 92 years of service`: durations, not ages.
            let next = word_after(text, m.end());
            if over_89(digits) && !DURATION_AFTER.contains(&next.as_str()) {
                out.push(Finding::new(EntityKind::AgeOver89, m.start(), m.end(), 0.85, false));
            }
        }
        for c in self.spelled.captures_iter(text) {
            // After `age`/`aged` the span is the number only (group 1); else number and unit.
            let Some(m) = c.get(1).or_else(|| c.get(0)) else { continue };
            out.push(Finding::new(EntityKind::AgeOver89, m.start(), m.end(), 0.9, false));
        }
    }
}

/// The word right before `start` (a comma or colon may follow it) makes a number of years an age.
fn age_word_before(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end_matches([' ', '\t']);
    let before = before.strip_suffix([',', ':']).unwrap_or(before).trim_end_matches([' ', '\t']);
    let len = before.len() - before.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    let word = before.get(before.len() - len..).unwrap_or_default();
    ["is", "was", "aged", "pt", "patient", "male", "female", "man", "woman"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

fn over_89(digits: &str) -> bool {
    let n = digits.bytes().fold(0u32, |acc, b| acc * 10 + u32::from(b.wrapping_sub(b'0')));
    (90..=MAX_AGE).contains(&n) && !digits.starts_with('0')
}

/// The word starting at `at` after spaces or tabs, lowercased (`yrs`, `years`, `mg`).
fn word_after(text: &str, at: usize) -> String {
    text.get(at..)
        .unwrap_or_default()
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_table;

    #[test]
    fn table() {
        check_table(
            &AgeOver89::new().unwrap(),
            EntityKind::AgeOver89,
            &[
                ("a 92-year-old woman", "92-year-old"),
                ("94 y/o male", "94 y/o"),
                ("Patient is 93 years old.", "93 years old"),
                ("is a 95 years of age male", "95 years of age"),
                ("a 100 yo veteran", "100 yo"),
                ("96yo F", "96yo"),
                ("age 91, lives alone", "91"),
                ("aged 95", "95"),
                ("Age: 93", "93"),
                ("a 97 y.o. female", "97 y.o."),
                ("92 yrs old", "92 yrs old"),
                ("a ninety-two-year-old man", "ninety-two-year-old"),
                ("One hundred years old today", "One hundred years old"),
                ("103-YEAR-OLD", "103-YEAR-OLD"),
                ("Age: 102.", "102"),
                ("patient aged ninety-four", "ninety-four"),
                ("Age/Sex: 92/F", "92"),
                ("Pt is 93 yrs, lives alone", "93 yrs"),
                ("female, 96 years", "96 years"),
            ],
            &[
                "a 89-year-old woman",
                "45 y/o male",
                "age 45",
                "aged 95 days",
                "metoprolol 95 mg",
                "SpO2 91%",
                "HR 92, BP 128/82",
                "age 90+",
                "for 92 years",
                "Room 912",
                "a 150-year-old house",
                "eighty-nine years old",
                "age 09",
                "age 90.5 percentile",
                "aged eighty",
                "Age 95 percentile",
                "it was 95 years ago",
                "is 92 years of service",
                "Age/Sex: 45/F",
            ],
        );
    }
}
