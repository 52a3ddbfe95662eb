//! US Social Security numbers: `123-45-6789`, `123 45 6789`, and nine bare digits after an SSN
//! label. Area 000, 666 and 9xx, group 00 and serial 0000 are never issued and are not matched.

use super::{checksum, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Ssn;

/// Labels that make nine bare digits an SSN.
const LABELS: &[&str] =
    &["ssn", "ss#", "ssn#", "social security", "social security number", "soc sec", "ss no"];

impl Ssn {
    pub(crate) fn new() -> Result<Self> {
        Ok(Ssn)
    }
}

impl Recognizer for Ssn {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        // `[0-9]{3}([- ]?)[0-9]{2}[- ]?[0-9]{4}` from the shared digit groups, with the length
        // of the first separator.
        for (start, end, sep_len) in hay.views.ssn_shapes() {
            if !context::is_bounded(text, start, end) {
                continue;
            }
            let raw = b.get(start..end).unwrap_or_default();
            let sep = raw.get(3..3 + sep_len).unwrap_or_default();
            // Both separators must agree: `123-45-6789` or `123 45 6789` or `123456789`.
            let second = raw.get(5 + sep.len()..6 + sep.len()).unwrap_or(b"");
            let consistent = if sep.is_empty() { raw.len() == 9 } else { second == sep };
            if !consistent {
                continue;
            }
            let mut digits = [0u8; 9];
            digits.iter_mut().zip(raw.iter().filter(|c| c.is_ascii_digit())).for_each(|(d, &c)| *d = c);
            if !checksum::ssn(&digits) {
                continue;
            }
            let labelled = context::has_word_before(text, start, 32, LABELS);
            let score = match (sep, labelled) {
                (_, true) => 1.0,
                (b"-", false) => 0.85,
                (b" ", false) => 0.6,
                _ => continue, // nine bare digits need a label
            };
            out.push(Finding::new(EntityKind::Ssn, start, end, score, labelled));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_table;

    #[test]
    fn table() {
        check_table(
            &Ssn::new().unwrap(),
            EntityKind::Ssn,
            &[
                ("SSN 123-45-6789.", "123-45-6789"),
                ("ssn: 123456789", "123456789"),
                ("Social Security Number 078 05 1120", "078 05 1120"),
                ("id 665-12-3456", "665-12-3456"),
            ],
            &[
                "000-12-3456",
                "666-12-3456",
                "912-34-5678",
                "123-00-4567",
                "123-45-0000",
                "order 123456789",
                "123-45 6789",
                "1123-45-6789",
                "123-45-67890",
            ],
        );
    }
}
