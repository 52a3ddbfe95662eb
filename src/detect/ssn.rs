//! US Social Security numbers: `123-45-6789`, `123 45 6789`, and nine bare digits after an SSN
//! label. Area 000, 666 and 9xx, group 00 and serial 0000 are never issued and are not matched.

use super::{builtin_regex, checksum, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Ssn {
    pattern: regex::Regex,
}

/// Labels that make nine bare digits an SSN.
const LABELS: &[&str] =
    &["ssn", "ss#", "ssn#", "social security", "social security number", "soc sec", "ss no"];

impl Ssn {
    pub(crate) fn new() -> Result<Self> {
        Ok(Ssn { pattern: builtin_regex(r"[0-9]{3}([- ]?)[0-9]{2}[- ]?[0-9]{4}")? })
    }
}

impl Recognizer for Ssn {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for caps in self.pattern.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            if !context::is_bounded(text, m.start(), m.end()) {
                continue;
            }
            let raw = m.as_str().as_bytes();
            let sep = caps.get(1).map(|s| s.as_str()).unwrap_or("");
            // Both separators must agree: `123-45-6789` or `123 45 6789` or `123456789`.
            let second = raw.get(5 + sep.len()..6 + sep.len()).unwrap_or(b"");
            let consistent = if sep.is_empty() { raw.len() == 9 } else { second == sep.as_bytes() };
            if !consistent {
                continue;
            }
            let digits: Vec<u8> = raw.iter().copied().filter(u8::is_ascii_digit).collect();
            if !checksum::ssn(&digits) {
                continue;
            }
            let labelled = context::has_word_before(text, m.start(), 32, LABELS);
            let score = match (sep, labelled) {
                (_, true) => 1.0,
                ("-", false) => 0.85,
                (" ", false) => 0.6,
                _ => continue, // nine bare digits need a label
            };
            out.push(Finding::new(EntityKind::Ssn, m.start(), m.end(), score, labelled));
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
