//! DEA registration numbers: two letters (registrant type, then the registrant's last-name
//! initial or `9`) and seven digits whose check digit holds (`checksum::dea`).
//!
//! After a `DEA` label a valid number scores 1.0. Unlabelled, the shape is shared by case and
//! passport numbers, so a valid uppercase number is reported only near a prescriber (`Dr.`,
//! `MD`, `NP`, `signed by`) and never right after another kind's label (`case CS1234563`).

use super::{builtin_regex, checksum, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Dea {
    pattern: regex::Regex,
}

const LABELS: &[&str] = &["dea", "dea#", "dea registration", "dea reg", "dea number", "dea no"];

/// Words that put a prescriber next to the number.
#[rustfmt::skip]
const PRESCRIBER: &[&str] = &[
    "dr", "md", "do", "np", "pa", "dds", "dvm", "prescriber", "prescribed", "prescribing", "signed",
    "physician", "provider", "rx", "pharmacy", "practitioner",
];

impl Dea {
    pub(crate) fn new() -> Result<Self> {
        Ok(Dea { pattern: builtin_regex(r"[A-Za-z][A-Za-z9][0-9]{7}")? })
    }
}

impl Recognizer for Dea {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for m in self.pattern.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !context::is_bounded(text, start, end) {
                continue;
            }
            let value = m.as_str();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_scored_table;

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
