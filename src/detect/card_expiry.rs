//! Card expiry dates: `MM/YY`, `MM/YYYY`, `MM-YY` (or `MMYY`) right after an expiry label
//! (`exp`, `expiry`, `expires`, `valid thru`, ...) with a card mentioned nearby (`card`, `Visa`,
//! `CVV`, ...). Without one the finding scores below the default threshold: "exp 2/26" on a
//! vial of insulin is a medication expiry, not card data.

use super::context::{self, LabelSpec, Labels};
use super::views::Group;
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct CardExpiry;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "exp",
        "expiry",
        "expires",
        "expire",
        "expiration",
        "expiry date",
        "exp date",
        "expiration date",
        "valid thru",
        "valid through",
        "valid until",
        "good thru",
        "good through",
        "mm/yy",
        "mm/yyyy",
    ],
    fillers: &["date", "card", "on", "at", "end", "end of"],
    codes: false,
});

const CARD_WORDS: &[&str] = &[
    "card",
    "visa",
    "mastercard",
    "amex",
    "discover",
    "credit",
    "debit",
    "pan",
    "cvv",
    "cvc",
    "jcb",
    "diners",
];

impl CardExpiry {
    pub(crate) fn new() -> Result<Self> {
        Ok(CardExpiry)
    }
}

impl Recognizer for CardExpiry {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        // Every finding follows a label: none in the text, nothing to find.
        let labels = if hay.has_digit() { LABELS.in_text(hay) } else { return };
        if !labels.any() {
            return;
        }
        // Month/year shapes (`[0-9]{1,2} ?[/-] ?(?:[0-9]{4}|[0-9]{2})|[0-9]{4}`) that start a digit
        // group: the others are glued to a digit.
        for (start, month_end, end) in month_year_starts(b, hay.views.groups()) {
            if !labels.near(text, start)
                || !context::is_bounded(text, start, end)
                || context::continues_number(text, start, end)
            {
                continue;
            }
            let month = text.get(start..month_end).unwrap_or_default();
            if !month.parse::<u8>().is_ok_and(|v| (1..=12).contains(&v)) || !labels.before(text, start) {
                continue;
            }
            let card = context::has_word_before(text, start, 80, CARD_WORDS)
                || context::has_word_after(text, end, 40, CARD_WORDS)
                || card_number_before(text, start);
            out.push(Finding::new(EntityKind::CardExpiry, start, end, if card { 1.0 } else { 0.4 }, true));
        }
    }
}

/// The matches of `[0-9]{1,2} ?[/-] ?(?:[0-9]{4}|[0-9]{2})|[0-9]{4}` as `find_iter` returned them
/// (leftmost-first, non-overlapping), keeping those that start a digit group, except four digits
/// cut from a longer group (both glued to a digit): (start, end of the month digits, end). In a
/// digit group, four digits match while four or more remain; of one to three left, the last one
/// or two digits start a separated shape when one follows the group.
fn month_year_starts<'a>(
    b: &'a [u8],
    groups: &'a [Group],
) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let mut pos = 0;
    groups.iter().filter_map(move |g| {
        let mut s = g.start.max(pos);
        let left = g.end.checked_sub(s).filter(|&n| n > 0)?;
        if left == 4 && s == g.start {
            pos = g.end;
            return Some((s, s + 2, g.end));
        }
        // Runs of four digits inside the group, none of which starts it and ends it.
        s += left / 4 * 4;
        pos = s;
        let start = match g.end - s {
            0 => return None,
            3 => s + 1,
            _ => s,
        };
        let end = separated_year(b, g.end)?;
        pos = end;
        (start == g.start).then_some((start, g.end, end))
    })
}

/// The end of ` ?[/-] ?(?:[0-9]{4}|[0-9]{2})` at `p` (the optional spaces can only be taken when
/// present: neither a separator nor a digit is a space).
fn separated_year(b: &[u8], p: usize) -> Option<usize> {
    let sep = p + usize::from(b.get(p) == Some(&b' '));
    if !matches!(b.get(sep), Some(b'/' | b'-')) {
        return None;
    }
    let year = sep + 1 + usize::from(b.get(sep + 1) == Some(&b' '));
    let digits = b.get(year..).unwrap_or_default().iter().take(4).take_while(|c| c.is_ascii_digit()).count();
    match digits {
        4 => Some(year + 4),
        2 | 3 => Some(year + 2),
        _ => None,
    }
}

/// True when a run of 13 to 19 digits (spaces and dashes allowed) ends within 40 bytes before
/// `start`: "4111 1111 1111 1111 04/27".
fn card_number_before(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    let region = b.get(start.saturating_sub(40)..start).unwrap_or_default();
    let mut digits = 0;
    let mut best = 0;
    for &c in region {
        if c.is_ascii_digit() {
            digits += 1;
            best = best.max(digits);
        } else if c != b' ' && c != b'-' {
            digits = 0;
        }
    }
    best >= 13
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The scan against the regex it replaces, on random texts built to hit its boundaries.
    #[test]
    fn scan_matches_the_regex_it_replaces() {
        let re = regex::Regex::new(r"[0-9]{1,2} ?[/-] ?(?:[0-9]{4}|[0-9]{2})|[0-9]{4}").unwrap();
        let pieces = ["1", "23", "456", "2024", "5", " ", "/", "-", "  ", "a", ".", " / ", "12345"];
        let mut seen = 0;
        for s in random_texts(0xD1B5_4A32_D192_ED03, &pieces, 16, 40_000) {
            let b = s.as_bytes();
            let want: Vec<_> = re
                .find_iter(&s)
                .map(|m| (m.start(), m.end()))
                .filter(|&(start, end)| context::is_bounded(&s, start, end))
                .collect();
            seen += want.len();
            let hay = Haystack::new(&s);
            let got: Vec<_> = month_year_starts(b, hay.views.groups())
                .map(|(start, _, end)| (start, end))
                .filter(|&(start, end)| context::is_bounded(&s, start, end))
                .collect();
            assert_eq!(got, want, "{s:?}");
            for (start, month_end, end) in month_year_starts(b, hay.views.groups()) {
                let m = &s[start..end];
                let month = if m.len() == 4 && m.bytes().all(|c| c.is_ascii_digit()) {
                    &m[..2]
                } else {
                    m.split(['/', '-']).next().unwrap().trim()
                };
                assert_eq!(&s[start..month_end], month, "{s:?}");
            }
        }
        assert!(seen > 5_000, "{seen}");
    }

    #[test]
    fn table() {
        check_table(
            &CardExpiry::new().unwrap(),
            EntityKind::CardExpiry,
            &[
                ("card 4111 1111 1111 1111 exp 04/27 CVV 123", "04/27"),
                ("Visa card Expiry: 11/2028", "11/2028"),
                ("card valid thru 9-26", "9-26"),
                ("Exp. date 0427 CVV 123", "0427"),
                ("Mastercard expires end of 12 / 29", "12 / 29"),
                ("5555 5555 5555 4444 exp: 01/30", "01/30"),
            ],
            &["exp 13/27", "exp 00/27", "expires 12/31/2024", "exp 2027", "BP 128/82", "04/27", "exp 1.5/27"],
        );
    }
}
