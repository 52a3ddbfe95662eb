//! ABA routing transit numbers: nine digits (also `0110-0001-5` and, after a label, `021-000-021`
//! or `021 000 021`) with a valid
//! Federal Reserve prefix and the ABA check digit. A label (`routing`, `ABA`, `RTN`, `transit`)
//! makes the finding certain; bank words nearby make an unlabelled number likely, and so does a
//! field that holds nothing but the number (a record leaf such as `"021000021"`); a valid number
//! inside unrelated prose scores below the default threshold (about one random nine-digit number
//! in thirty passes the checksum and the prefix test).

use super::context::{self, LabelSpec, Labels};
use super::{checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct RoutingNumber;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "routing",
        "aba",
        "rtn",
        "r/t",
        "rt",
        "transit",
        "routing transit",
        "routing/transit",
        "aba/routing",
        "routing/aba",
        "aba rtn",
        "abartn",
        "ach",
        "aba routing",
        "bank routing",
        "wire routing",
        "routing & account",
    ],
    fillers: &["bank", "ach", "wire", "routing", "transit", "aba"],
    codes: false,
});

/// Words that, near an unlabelled valid number, point at banking.
const BANK_WORDS: &[&str] = &[
    "bank",
    "banking",
    "wire",
    "ach",
    "deposit",
    "direct deposit",
    "checking",
    "savings",
    "credit union",
    "beneficiary",
    "transfer",
    "remit",
    "payee",
];

/// Labels of other identifiers: a number they introduce is not a routing number.
static OTHER_LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "account",
        "acct",
        "a/c",
        "checking",
        "savings",
        "ssn",
        "social security",
        "passport",
        "license",
        "licence",
        "member",
        "policy",
        "order",
        "invoice",
        "case",
        "claim",
        "confirmation",
        "tracking",
        "reference",
        "ref",
        "file",
        "npi",
        "mrn",
        "phone",
        "fax",
        "serial",
        "ticket",
        "loan",
        "group",
    ],
    fillers: &[],
    codes: false,
});

impl RoutingNumber {
    pub(crate) fn new() -> Result<Self> {
        Ok(RoutingNumber)
    }
}

impl Recognizer for RoutingNumber {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        for (start, end) in shapes(hay) {
            if !context::is_bounded(text, start, end) || glued_number(b, start, end) {
                continue;
            }
            let m = text.get(start..end).unwrap_or_default();
            let digits: Vec<u8> = m.bytes().filter(u8::is_ascii_digit).collect();
            if !checksum::aba(&digits) {
                continue;
            }
            let grouped3 = m.len() == 11 && m.as_bytes().get(3).is_some_and(|&c| c == b'-' || c == b' ');
            let score = if LABELS.before(text, start) {
                1.0
            } else if grouped3 || OTHER_LABELS.before(text, start) {
                continue;
            } else if context::has_word_before(text, start, 64, BANK_WORDS)
                || context::has_word_after(text, end, 32, BANK_WORDS)
            {
                0.6
            } else if text.trim() == m {
                0.55
            } else {
                0.35
            };
            out.push(Finding::new(EntityKind::RoutingNumber, start, end, score, true));
        }
    }
}

/// The matches of `[0-9]{9}|[0-9]{4}-[0-9]{4}-[0-9]|[0-9]{3}-[0-9]{3}-[0-9]{3}|[0-9]{3} [0-9]{3} [0-9]{3}`,
/// as `find_iter` returns them (leftmost-first, non-overlapping), found from the digit groups of
/// the runs of nine bytes or more (every match lies in one): at a position with nine or more
/// digits of its group left the first alternative matches; the second needs exactly four left,
/// the third and fourth exactly three (a separator follows).
fn shapes<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize)> + 'h {
    let b = hay.text.as_bytes();
    let digits =
        move |at: usize, n: usize| b.get(at..at + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let at = move |i: usize, c: u8| b.get(i) == Some(&c);
    hay.views.long_run_matches(9, move |g, s| {
        if g.end - s >= 9 {
            return Some((s + 9, (s, s + 9)));
        }
        let four = g.end.saturating_sub(4);
        if four >= s
            && at(four + 4, b'-')
            && digits(four + 5, 4)
            && at(four + 9, b'-')
            && digits(four + 10, 1)
        {
            return Some((four + 11, (four, four + 11)));
        }
        let three = g.end.saturating_sub(3);
        if three >= s
            && [b'-', b' '].iter().any(|&sep| {
                at(three + 3, sep) && digits(three + 4, 3) && at(three + 7, sep) && digits(three + 8, 3)
            })
        {
            return Some((three + 11, (three, three + 11)));
        }
        None
    })
}

/// True when the digits continue a longer number: `1.021000021`, `021000021.50`, `12-021000021`.
fn glued_number(b: &[u8], start: usize, end: usize) -> bool {
    let before = |back: usize| start.checked_sub(back).and_then(|i| b.get(i)).copied();
    let before =
        matches!(before(1), Some(b'.' | b',' | b'-' | b'/')) && before(2).is_some_and(|c| c.is_ascii_digit());
    let after = matches!(b.get(end), Some(b'.' | b',' | b'-' | b'/'))
        && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    before || after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, found, random_texts};

    /// The group scan against the regex it replaces.
    #[test]
    fn scan_matches_the_regex_it_replaces() {
        let re = regex::Regex::new(
            r"[0-9]{9}|[0-9]{4}-[0-9]{4}-[0-9]|[0-9]{3}-[0-9]{3}-[0-9]{3}|[0-9]{3} [0-9]{3} [0-9]{3}",
        )
        .unwrap();
        let pieces = ["1", "23", "456", "7890", "021000021", " ", "-", "a", ".", "  "];
        for s in random_texts(0x1D8E_4E27_C47D_124F, &pieces, 18, 8000) {
            let want: Vec<_> = re.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(shapes(&Haystack::new(&s)).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn table() {
        check_table(
            &RoutingNumber::new().unwrap(),
            EntityKind::RoutingNumber,
            &[
                ("routing 021000021, account 12345678", "021000021"),
                ("Beneficiary bank ABA: 011000015", "011000015"),
                ("Chase Bank, ABA 322271627)", "322271627"),
                ("RTN# 122105155", "122105155"),
                ("routing number is 021000021.", "021000021"),
                ("ABA/Routing no. 0110-0001-5", "0110-0001-5"),
                ("Transit number: 021000021", "021000021"),
                ("wire to First Bank 021000021 tomorrow", "021000021"),
                ("Bank routing no 021-000-021, checking", "021-000-021"),
                ("ABA: 021 000 021", "021 000 021"),
            ],
            &[
                // checksum failures and invalid Federal Reserve prefixes
                "routing 021000022",
                "ABA 123456789",
                "routing 991000021",
                "ABA 000000000",
                // a valid ABA number labelled as something else
                "account 021000021",
                "order # 021000021",
                "SSN 021-00-0021",
                // part of a longer number
                "routing 0210000211",
                "total 1,021000021",
                // three groups of three only with a label
                "ref 021-000-021",
                "call 021 000 021",
                "routing 021000021.50",
            ],
        );
    }

    #[test]
    fn bare_valid_number_scores_low() {
        let r = RoutingNumber::new().unwrap();
        let mut out = Vec::new();
        r.recognize(&Haystack::new("see 021000021 here"), &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].score < 0.5);
        assert_eq!(found(&r, "ABA 021000021").len(), 1);
        // A field holding only the number.
        out.clear();
        r.recognize(&Haystack::new(" 021000021 "), &mut out);
        assert!(out.len() == 1 && out[0].score >= 0.5);
    }
}
