//! International Bank Account Numbers: a known country code, two check digits and the country's
//! exact length, compact or in groups of four, passing ISO 7064 mod 97.

use super::{builtin_regex, checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Iban {
    pattern: regex::Regex,
}

impl Iban {
    pub(crate) fn new() -> Result<Self> {
        Ok(Iban { pattern: builtin_regex(r"(?-u:\b)[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}")? })
    }
}

impl Recognizer for Iban {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        if !hay.has_digit() {
            return;
        }
        let text = hay.text;
        let bytes = text.as_bytes();
        // Matches run on into the next words, so a failed or shorter candidate must not hide an
        // IBAN that starts inside it (`GB.. 11 to GB..`; found by property tests): search again
        // from the end of an accepted IBAN, or just after a rejected start. A match is at most
        // 64 bytes long, so the rescans keep the scan linear.
        let mut at = 0;
        while let Some(m) = self.pattern.find_at(text, at) {
            at = m.start() + m.as_str().chars().next().map_or(1, char::len_utf8);
            let Some(want) = bytes.get(m.start()..m.start() + 2).and_then(checksum::iban_length) else {
                continue;
            };
            // Take exactly the country's length of alphanumerics; the match may run on into the
            // next word.
            let mut compact = Vec::with_capacity(want);
            let mut end = m.start();
            for (i, &b) in m.as_str().as_bytes().iter().enumerate() {
                if b != b' ' {
                    compact.push(b);
                    if compact.len() == want {
                        end = m.start() + i + 1;
                        break;
                    }
                }
            }
            if compact.len() != want || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            if checksum::iban(&compact) {
                out.push(Finding::new(EntityKind::Iban, m.start(), end, 1.0, true));
                at = end;
            }
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
            &Iban::new().unwrap(),
            EntityKind::Iban,
            &[
                ("IBAN FR73 8033 5586 0821 4409 7499 213 (BIC", "FR73 8033 5586 0821 4409 7499 213"),
                ("to DE89370400440532013000.", "DE89370400440532013000"),
                ("GB82 WEST 1234 5698 7654 32 EUR", "GB82 WEST 1234 5698 7654 32"),
                ("iban: gb82west12345698765432", "gb82west12345698765432"),
                // The first match runs on into the second IBAN.
                (
                    "from GB82 WEST 1234 5698 7654 32 to GB33 BUKB 2020 1555 5555 55",
                    "GB33 BUKB 2020 1555 5555 55",
                ),
                (
                    "from GB82 WEST 1234 5698 7654 32 to GB33 BUKB 2020 1555 5555 55",
                    "GB82 WEST 1234 5698 7654 32",
                ),
                ("GB82 WEST 1234 5698 7654 31 GB33BUKB20201555555555", "GB33BUKB20201555555555"),
            ],
            &["GB82 WEST 1234 5698 7654 31", "DE89370400440532013001", "XX89370400440532013000", "ICD E11.9"],
        );
    }
}
