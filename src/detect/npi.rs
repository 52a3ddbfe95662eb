//! National Provider Identifiers: ten digits starting with 1 or 2 whose Luhn check over the
//! digits prefixed with `80840` holds (`checksum::npi`).
//!
//! After an `NPI` label a valid number scores 1.0. Ten bare digits look like phone numbers and
//! order numbers, so an unlabelled NPI is reported only when it passes the checksum and no other
//! kind's label (`phone`, `claim #`, `account`, ...) precedes it; a provider nearby (`Dr.`,
//! `MD`, `attending`, `prescriber`) raises it. A labelled number that fails the checksum stays
//! below the default threshold (a mistyped or fake reference, not an NPI).

use super::{builtin_regex, checksum, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Npi {
    pattern: regex::Regex,
}

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
        Ok(Npi { pattern: builtin_regex(r"[12][0-9]{9}")? })
    }
}

impl Recognizer for Npi {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        for m in self.pattern.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !context::is_bounded(text, start, end) || glued(b, start, end) {
                continue;
            }
            let valid = checksum::npi(m.as_str().as_bytes());
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
    use crate::detect::test_support::check_scored_table;

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
