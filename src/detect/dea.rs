//! DEA registration numbers: two letters (registrant type, then the registrant's last-name
//! initial or `9`) and seven digits whose check digit holds (`checksum::dea`).
//!
//! After a `DEA` label a valid number scores 1.0. Unlabelled, the shape is shared by case and
//! passport numbers, so a valid uppercase number is reported only near a prescriber (`Dr.`,
//! `MD`, `NP`, `signed by`) and never right after another kind's label (`case CS1234563`).

use super::{checksum, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Dea;

const LABELS: &[&str] = &["dea", "dea#", "dea registration", "dea reg", "dea number", "dea no"];

/// Words that put a prescriber next to the number.
#[rustfmt::skip]
const PRESCRIBER: &[&str] = &[
    "dr", "md", "do", "np", "pa", "dds", "dvm", "prescriber", "prescribed", "prescribing", "signed",
    "physician", "provider", "rx", "pharmacy", "practitioner",
];

impl Dea {
    pub(crate) fn new() -> Result<Self> {
        Ok(Dea)
    }
}

impl Recognizer for Dea {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for (start, end) in candidates(hay) {
            let Some(value) = text.get(start..end) else { continue };
            let valid = checksum::dea(value.as_bytes());
            let other = context::other_label_before(text, start, 24, LABELS);
            let labelled = !other && context::has_word_before(text, start, 24, LABELS);
            let upper = value.bytes().take(2).all(|b| b.is_ascii_uppercase() || b == b'9');
            let score = match (valid, labelled) {
                (true, true) => 1.0,
                (false, true) => 0.4,
                (true, false) if other || !upper => continue,
                (true, false) if context::has_word_before(text, start, 64, PRESCRIBER) => 0.65,
                (true, false) => 0.45,
                (false, false) => continue,
            };
            out.push(Finding::new(EntityKind::DeaNumber, start, end, score, valid && labelled));
        }
    }
}

/// The matches of `[A-Za-z][A-Za-z9][0-9]{7}` that `context::is_bounded` keeps, read from the
/// token view: such a match is a whole alphanumeric token of nine bytes (its neighbours are not
/// letters or digits, and no earlier match can reach into a token from the byte before it).
fn candidates<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize)> + 'h {
    let b = hay.text.as_bytes();
    hay.views
        .tokens()
        .iter()
        .filter(move |t| t.len() == 9 && t.digits >= 7 && b.get(t.start..t.end).is_some_and(dea_shape))
        .map(|t| (t.start, t.end))
}

/// The shape `[A-Za-z][A-Za-z9][0-9]{7}`.
fn dea_shape(v: &[u8]) -> bool {
    matches!(v, [a, b, rest @ ..] if a.is_ascii_alphabetic()
        && (b.is_ascii_alphabetic() || *b == b'9')
        && rest.len() == 7
        && rest.iter().all(u8::is_ascii_digit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_scored_table, random_texts};

    /// The token scan against the regex it replaces (its bounded matches).
    #[test]
    fn scan_matches_the_regex_it_replaces() {
        let re = regex::Regex::new(r"[A-Za-z][A-Za-z9][0-9]{7}").unwrap();
        let pieces = ["AB", "b", "9", "1234563", "12", "M9", " ", "-", "_", "é", "x"];
        for s in random_texts(0x4F1B_BCDC_BFA5_3E0B, &pieces, 10, 8000) {
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
            &Dea::new().unwrap(),
            EntityKind::DeaNumber,
            &[
                ("Prescriptions signed by Dr. Byrne (DEA AB1234563).", "AB1234563"),
                ("DEA# bj1234563", "bj1234563"),
                ("DEA number: M91234563", "M91234563"),
                ("Electronically signed by Dr. Ode, AB1234563", "AB1234563"),
            ],
            &[
                "DEA AB1234562",
                "case CS1234563 was opened",
                "passport AB1234563",
                "ref ZZ1234563",
                "AB1234563",
                "XAB1234563",
                "AB12345630",
            ],
        );
    }
}
