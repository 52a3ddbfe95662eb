//! SWIFT/BIC codes (ISO 9362): a 4-letter institution code, an ISO 3166 country code, a
//! 2-character location code and an optional 3-character branch code (8 or 11 characters).
//!
//! Many ordinary ALLCAPS words have that shape ("HOSPITAL", "BENEFICIARY"), so a code made of
//! letters only needs a `BIC`/`SWIFT` label. An unlabelled uppercase code counts when its
//! location or branch holds a digit or the branch is `XXX`, more so next to banking words.

use super::context::{self, LabelSpec, Labels};
use super::views::Token;
use super::{checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

/// No pattern: candidates come from the shared tokens ([`candidates`]).
pub(crate) struct SwiftBic;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "bic",
        "swift",
        "swift/bic",
        "bic/swift",
        "swift-bic",
        "swift bic",
        "bank identifier code",
        "business identifier code",
        "swift address",
    ],
    fillers: &["code", "bank", "beneficiary", "intermediary", "correspondent"],
    codes: false,
});

const BANK_WORDS: &[&str] =
    &["iban", "bank", "wire", "transfer", "beneficiary", "remittance", "swift", "bic", "correspondent"];

impl SwiftBic {
    pub(crate) fn new() -> Result<Self> {
        Ok(SwiftBic)
    }
}

/// The code-shaped words of `text`: whole ASCII words (`[A-Za-z0-9_]` runs) of 8 or 11
/// letters and digits whose first six are letters, from the shared alphanumeric tokens (a token
/// next to `_` is part of a longer word). The same spans, in the same order, as
/// `(?-u:\b)[A-Za-z]{6}[A-Za-z0-9]{2}(?:[A-Za-z0-9]{3})?(?-u:\b)` (a match starts where a word
/// starts, and the closing boundary makes it the whole word).
fn candidates<'h>(text: &'h str, tokens: &'h [Token]) -> impl Iterator<Item = (usize, usize)> + 'h {
    let b = text.as_bytes();
    // The length first: it rules out almost every token without reading the text.
    tokens.iter().filter(|t| matches!(t.end - t.start, 8 | 11)).filter_map(move |t| {
        let word = b.get(t.start..t.end)?;
        let joined =
            t.start.checked_sub(1).and_then(|i| b.get(i)) == Some(&b'_') || b.get(t.end) == Some(&b'_');
        (!joined && t.digits <= 5 && word.iter().take(6).all(u8::is_ascii_alphabetic))
            .then_some((t.start, t.end))
    })
}

impl Recognizer for SwiftBic {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for (start, end) in candidates(text, hay.views.tokens()) {
            let code = text.as_bytes().get(start..end).unwrap_or_default();
            if !context::is_token_bounded(text, start, end) {
                continue;
            }
            // The country-code check (a table scan) runs after the cheaper shape checks.
            let score = if LABELS.before(text, start) {
                if !code.get(4..6).is_some_and(checksum::iso_country) {
                    continue;
                }
                1.0
            } else {
                let upper = code.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                let marked = code.iter().skip(6).any(u8::is_ascii_digit)
                    || code.get(8..).is_some_and(|branch| branch.eq_ignore_ascii_case(b"XXX"));
                if !upper || !marked || !code.get(4..6).is_some_and(checksum::iso_country) {
                    continue;
                }
                if context::has_word_before(text, start, 64, BANK_WORDS)
                    || context::has_word_after(text, end, 32, BANK_WORDS)
                {
                    0.85
                } else {
                    0.55
                }
            };
            out.push(Finding::new(EntityKind::SwiftBic, start, end, score, true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The scan finds exactly the spans of the regex it replaced.
    #[test]
    fn scan_matches_the_regex() {
        let re = regex::Regex::new(r"(?-u:\b)[A-Za-z]{6}[A-Za-z0-9]{2}(?:[A-Za-z0-9]{3})?(?-u:\b)").unwrap();
        let pieces = [
            "DEUTDEFF",
            "500",
            "DEUTDEFF500",
            "CHASUS33",
            "abcdef",
            "AB",
            "1",
            "12",
            "X",
            "_",
            " ",
            "-",
            ".",
            "/",
            "é",
            "\u{212A}",
            "\n",
            "BOFAUS3N",
            "NWBKGB2LXXX",
            "SOGEFRPP",
        ];
        for t in random_texts(0x5_b1c, &pieces, 10, 30_000) {
            let want: Vec<_> = re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            let views = crate::detect::views::Views::new(&t);
            assert_eq!(candidates(&t, views.tokens()).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    #[test]
    fn table() {
        check_table(
            &SwiftBic::new().unwrap(),
            EntityKind::SwiftBic,
            &[
                ("IBAN FR76 3000 6000 0112 3456 7890 189 (BIC SOGEFRPP).", "SOGEFRPP"),
                ("SWIFT/BIC: DEUTDEFF500\n", "DEUTDEFF500"),
                ("swift code: chasus33", "chasus33"),
                ("Beneficiary bank BOFAUS3N, New York", "BOFAUS3N"),
                ("intermediary NWBKGB2LXXX", "NWBKGB2LXXX"),
                ("BIC code is CRESCHZZ80A", "CRESCHZZ80A"),
            ],
            &[
                "HOSPITAL DISCHARGE SUMMARY",
                "BENEFICIARY: Jane Doe, wire transfer",
                "PROGRESS NOTE",
                "APPLICATION",
                // invalid country code at positions 5-6
                "BIC DEUTXXFF",
                "SWIFT ABCDUK22",
                // wrong lengths
                "BIC DEUTDEF",
                "BIC DEUTDEFF5",
                "BIC DEUTDEFF5000",
                // lowercase or letters-only without a label
                "the bank sent chasus33 today",
                "wire to DEUTDEFF now",
                "CONFIDENTIAL",
                // inside URLs, paths and handles
                "https://www.instagram.com/vihaan_MUNIBATRA50/",
                "file DEUTDEFF500.pdf",
                "user_CHASUS33",
            ],
        );
    }
}
