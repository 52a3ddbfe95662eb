//! International Bank Account Numbers: a known country code, two check digits and the country's
//! exact length, compact or in groups of four, passing ISO 7064 mod 97.

use super::views::Token;
use super::{checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

/// No pattern: candidates come from the shared tokens ([`candidate`]).
pub(crate) struct Iban;

impl Iban {
    pub(crate) fn new() -> Result<Self> {
        Ok(Iban)
    }
}

/// The most characters after the country code and check digits (the longest IBAN has 34).
const MAX_REST: usize = 30;

/// The fewest characters after the country code and check digits (the shortest IBAN has 15).
const MIN_REST: usize = 11;

/// The first IBAN-shaped span starting at or after `at`: two letters at the start of an ASCII
/// word, two digits, then 11 to 30 letters or digits each optionally preceded by one space, as
/// many as there are. The same span as `(?-u:\b)[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}`
/// searched from `at`, found from the shared alphanumeric tokens (a match starts where a token
/// starts, not after `_`). Linear: each start reads at most 60 bytes.
fn candidate(b: &[u8], tokens: &[Token], at: usize) -> Option<(usize, usize)> {
    let first = tokens.partition_point(|t| t.start < at);
    tokens.get(first..)?.iter().find_map(|t| {
        // Two digits follow the two letters: most tokens (words) have none.
        if t.digits < 2 {
            return None;
        }
        let p = t.start;
        let head = b.get(p..p + 4)?;
        let lldd = matches!(head, [a, c, d, e] if a.is_ascii_alphabetic() && c.is_ascii_alphabetic() && d.is_ascii_digit() && e.is_ascii_digit());
        if t.digits < 2 || !lldd || p.checked_sub(1).and_then(|i| b.get(i)) == Some(&b'_') {
            return None;
        }
        let (mut end, mut units) = (p + 4, 0);
        while units < MAX_REST {
            match (b.get(end), b.get(end + 1)) {
                (Some(c), _) if c.is_ascii_alphanumeric() => end += 1,
                (Some(b' '), Some(c)) if c.is_ascii_alphanumeric() => end += 2,
                _ => break,
            }
            units += 1;
        }
        (units >= MIN_REST).then_some((p, end))
    })
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
        let tokens = hay.views.tokens();
        while let Some((m_start, m_end)) = candidate(bytes, tokens, at) {
            // The candidate starts with an ASCII letter.
            at = m_start + 1;
            let Some(want) = bytes.get(m_start..m_start + 2).and_then(checksum::iban_length) else {
                continue;
            };
            // Take exactly the country's length of alphanumerics; the match may run on into the
            // next word.
            let mut compact = Vec::with_capacity(want);
            let mut end = m_start;
            for (i, &b) in bytes.get(m_start..m_end).unwrap_or_default().iter().enumerate() {
                if b != b' ' {
                    compact.push(b);
                    if compact.len() == want {
                        end = m_start + i + 1;
                        break;
                    }
                }
            }
            if compact.len() != want || bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            if checksum::iban(&compact) {
                out.push(Finding::new(EntityKind::Iban, m_start, end, 1.0, true));
                at = end;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The scan finds exactly the span of the regex it replaced, from every start offset.
    #[test]
    fn scan_matches_the_regex() {
        let re = regex::Regex::new(r"(?-u:\b)[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}").unwrap();
        let pieces = [
            "GB82",
            "WEST",
            "1234",
            "5698",
            "7654",
            "32",
            " ",
            "  ",
            "_",
            "-",
            "x",
            "é",
            "DE89",
            "370400440532013000",
            "GB33BUKB20201555555555",
            "a1",
            "\n",
        ];
        let mut found = 0;
        for t in random_texts(0x1ba7, &pieces, 14, 6_000) {
            let views = crate::detect::views::Views::new(&t);
            for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let want = re.find_at(&t, at).map(|m| (m.start(), m.end()));
                assert_eq!(candidate(t.as_bytes(), views.tokens(), at), want, "{t:?} from {at}");
                found += usize::from(want.is_some());
            }
        }
        assert!(found > 1000, "{found}");
    }

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
