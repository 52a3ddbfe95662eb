//! National Provider Identifiers: ten digits starting with 1 or 2 whose Luhn check over the
//! digits prefixed with `80840` holds (`checksum::npi`).
//!
//! After an `NPI` label a valid number scores 1.0. Ten bare digits look like phone numbers and
//! order numbers, so an unlabelled NPI is reported only when it passes the checksum and no other
//! kind's label (`phone`, `claim #`, `account`, ...) precedes it; a provider nearby (`Dr.`,
//! `MD`, `attending`, `prescriber`) raises it. A labelled number that fails the checksum stays
//! below the default threshold (a mistyped or fake reference, not an NPI).

use super::{checksum, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Npi;

const LABELS: &[&str] =
    &["npi", "npi#", "national provider identifier", "national provider id", "provider id"];

/// Words that make ten digits a clock or a count (Unix epoch seconds look like NPIs).
const NOT_AN_NPI: &[&str] = &[
    "epoch",
    "timestamp",
    "ts",
    "unix",
    "time",
    "created",
    "updated",
    "modified",
    "seconds",
    "ms",
    "version",
];

/// Words that put a provider next to the number.
#[rustfmt::skip]
const PROVIDER: &[&str] = &[
    "dr", "md", "do", "np", "pa", "rn", "dds", "provider", "physician", "prescriber", "attending",
    "referring", "rendering", "billing", "ordering", "pcp", "clinician", "practitioner", "surgeon",
];

impl Npi {
    pub(crate) fn new() -> Result<Self> {
        Ok(Npi)
    }
}

impl Recognizer for Npi {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        for (start, end) in candidates(hay) {
            if glued(b, start, end) {
                continue;
            }
            let valid = checksum::npi(b.get(start..end).unwrap_or_default());
            let other = context::other_label_before(text, start, 24, LABELS);
            let labelled = !other && context::has_word_before(text, start, 24, LABELS);
            let score = match (valid, labelled) {
                (true, true) => 1.0,
                (false, true) => 0.4,
                (true, false) if other || context::has_word_before(text, start, 24, NOT_AN_NPI) => continue,
                (true, false) if context::has_word_before(text, start, 48, PROVIDER) => 0.7,
                (true, false) => 0.55,
                (false, false) => continue,
            };
            out.push(Finding::new(EntityKind::Npi, start, end, score, valid && labelled));
        }
    }
}

/// The matches of `[12][0-9]{9}` that `context::is_bounded` keeps, read from the digit groups:
/// such a match is a whole group of ten digits (a match inside a longer group touches a digit,
/// and no earlier match can reach into a group from the byte before it) not glued to a letter.
fn candidates<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize)> + 'h {
    let text = hay.text;
    hay.views
        .groups()
        .iter()
        .filter(move |g| {
            g.len() == 10
                && matches!(text.as_bytes().get(g.start), Some(b'1' | b'2'))
                && context::is_bounded(text, g.start, g.end)
        })
        .map(|g| (g.start, g.end))
}

/// Part of a longer dotted, dashed or slashed number (`1.234567893`, `555-1234567893`).
fn glued(b: &[u8], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).and_then(|i| b.get(i));
    let after = b.get(end);
    let joins = |c: Option<&u8>| matches!(c, Some(b'.' | b'-' | b'/' | b','));
    (joins(before) && start.checked_sub(2).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_digit))
        || (joins(after) && b.get(end + 1).is_some_and(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_scored_table, random_texts};

    /// The group scan against the regex it replaces (its bounded matches).
    #[test]
    fn scan_matches_the_regex_it_replaces() {
        let re = regex::Regex::new(r"[12][0-9]{9}").unwrap();
        let pieces = ["1234567893", "2", "1", "345", "a", " ", "-", ".", "_", "é"];
        for s in random_texts(0x8EBC_6AF0_9C88_C6E3, &pieces, 12, 5000) {
            let want: Vec<_> = re
                .find_iter(&s)
                .filter(|m| context::is_bounded(&s, m.start(), m.end()))
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(candidates(&Haystack::new(&s)).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn table() {
        check_scored_table(
            &Npi::new().unwrap(),
            EntityKind::Npi,
            &[
                ("Attending: Dr. Vale (NPI 1245319599)", "1245319599"),
                ("NPI: 1234567893", "1234567893"),
                ("npi#1234567893", "1234567893"),
                ("National Provider Identifier 1245319599", "1245319599"),
                ("Rendering provider 1245319599", "1245319599"),
                ("1234567893", "1234567893"),
            ],
            &[
                "NPI 1234567890",
                "claim #1234567893",
                "Account: 1234567893",
                "call 1234567893",
                "order 1234567890",
                "card 4111111234567893",
                "12345678933",
                "3234567893",
                "ref 555-1234567893",
                "epoch 1234567893",
                "ts=1234567893",
            ],
        );
    }
}
