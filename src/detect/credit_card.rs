//! Payment card numbers (PAN): 13 to 19 digits, written compact or in groups separated by single
//! spaces or dashes, with a known issuer prefix and a valid Luhn check digit.

use super::views::Group;
use super::{checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct CreditCard;

impl CreditCard {
    pub(crate) fn new() -> Result<Self> {
        Ok(CreditCard)
    }
}

impl Recognizer for CreditCard {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let b = hay.text.as_bytes();
        // Every run of digit groups joined by single spaces or dashes (the shared view of
        // `[0-9]+(?:[ -][0-9]+)*`); a card is any contiguous run of its groups with 13..=19
        // digits in all, so a card next to a date or amount is still found.
        for run in hay.views.runs() {
            // A card has at least 13 digits: a shorter run (most numbers of a text) cannot
            // hold one.
            if run.end - run.start < MIN_DIGITS {
                continue;
            }
            let mut spans = hay.views.run_groups(run);
            // A group glued to a letter or digit belongs to another token (`A1 4111 …`): only
            // that group is out, not the whole run (found by property tests: `Ref A1` hid a card).
            if run.start.checked_sub(1).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric) {
                spans = spans.get(1..).unwrap_or_default();
            }
            if b.get(run.end).is_some_and(u8::is_ascii_alphanumeric) {
                spans = spans.split_last().map_or(spans, |(_, rest)| rest);
            }
            find_cards(b, spans, out);
        }
    }
}

/// The fewest digits of a card number.
const MIN_DIGITS: usize = 13;

/// Pushes the cards among the consecutive digit groups `spans` of one run.
fn find_cards(b: &[u8], spans: &[Group], out: &mut Vec<Finding>) {
    // Not a card: an E.164 phone number (`+4915…`), or a piece of a longer number whose groups
    // are joined by dashes (`771-3967012-2277861`).
    let rejected = |within: &[Group]| {
        let (Some(first), Some(last)) = (within.first(), within.last()) else { return true };
        let (s, e) = (first.start, last.end);
        let plus = s > 0 && b.get(s - 1) == Some(&b'+');
        let dash_before =
            s >= 2 && b.get(s - 1) == Some(&b'-') && b.get(s - 2).is_some_and(u8::is_ascii_digit);
        let dash_after = b.get(e) == Some(&b'-') && b.get(e + 1).is_some_and(u8::is_ascii_digit);
        let odd_groups = within.len() > 1 && within.iter().any(|g| g.len() > 6);
        plus || dash_before || dash_after || odd_groups
    };
    let mut i = 0;
    while i < spans.len() {
        // The longest valid candidate that is not rejected: a rejected longer one must not hide
        // a valid shorter one (`4118…5349 817-59-1086`; found by property tests). At most 19
        // digits are looked at from each group, so a long run costs a bounded window per group.
        let mut best = None;
        // Every candidate from group `i` starts with its first digit, and no issuer prefix
        // starts with 0, 1, 7, 8 or 9 (a run of `1-1-1-…` costs one test per group).
        if !spans.get(i).and_then(|g| b.get(g.start)).is_some_and(|d| (b'2'..=b'6').contains(d)) {
            i += 1;
            continue;
        }
        // The issuer's lengths, read from the first four digits once per start.
        let mut lengths = None;
        let mut compact = [0u8; 19];
        let mut digits = 0;
        for (j, g) in spans.iter().enumerate().skip(i) {
            let Some(group) = b.get(g.start..g.end) else { break };
            let Some(slot) = compact.get_mut(digits..digits + group.len()) else { break };
            slot.copy_from_slice(group);
            digits += group.len();
            if digits >= MIN_DIGITS {
                let number = compact.get(..digits).unwrap_or_default();
                let allowed = *lengths.get_or_insert_with(|| checksum::card_lengths(number));
                if allowed & (1 << digits) != 0
                    && checksum::luhn(number)
                    && !rejected(spans.get(i..=j).unwrap_or_default())
                {
                    best = Some(j);
                }
            }
        }
        match (best, spans.get(i)) {
            (Some(j), Some(first)) => {
                let end = spans.get(j).map_or(first.end, |g| g.end);
                out.push(Finding::new(EntityKind::CreditCard, first.start, end, 1.0, true));
                i = j + 1;
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The recognizer as it was before the fifth round (every run walked, however short).
    fn recognize_before(hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let b = hay.text.as_bytes();
        for run in hay.views.runs() {
            let mut spans = hay.views.run_groups(run);
            if run.start.checked_sub(1).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric) {
                spans = spans.get(1..).unwrap_or_default();
            }
            if b.get(run.end).is_some_and(u8::is_ascii_alphanumeric) {
                spans = spans.split_last().map_or(spans, |(_, rest)| rest);
            }
            find_cards_before(b, spans, out);
        }
    }

    /// [`find_cards`] as it was before the first-digit gate and the issuer lengths read once
    /// per start.
    fn find_cards_before(b: &[u8], spans: &[Group], out: &mut Vec<Finding>) {
        let rejected = |within: &[Group]| {
            let (Some(first), Some(last)) = (within.first(), within.last()) else { return true };
            let (s, e) = (first.start, last.end);
            let plus = s > 0 && b.get(s - 1) == Some(&b'+');
            let dash_before =
                s >= 2 && b.get(s - 1) == Some(&b'-') && b.get(s - 2).is_some_and(u8::is_ascii_digit);
            let dash_after = b.get(e) == Some(&b'-') && b.get(e + 1).is_some_and(u8::is_ascii_digit);
            let odd_groups = within.len() > 1 && within.iter().any(|g| g.len() > 6);
            plus || dash_before || dash_after || odd_groups
        };
        let mut i = 0;
        while i < spans.len() {
            let mut best = None;
            let mut compact = [0u8; 19];
            let mut digits = 0;
            for (j, g) in spans.iter().enumerate().skip(i) {
                let Some(group) = b.get(g.start..g.end) else { break };
                let Some(slot) = compact.get_mut(digits..digits + group.len()) else { break };
                slot.copy_from_slice(group);
                digits += group.len();
                if digits >= MIN_DIGITS {
                    let number = compact.get(..digits).unwrap_or_default();
                    if checksum::card_issuer_ok(number)
                        && checksum::luhn(number)
                        && !rejected(spans.get(i..=j).unwrap_or_default())
                    {
                        best = Some(j);
                    }
                }
            }
            match (best, spans.get(i)) {
                (Some(j), Some(first)) => {
                    let end = spans.get(j).map_or(first.end, |g| g.end);
                    out.push(Finding::new(EntityKind::CreditCard, first.start, end, 1.0, true));
                    i = j + 1;
                }
                _ => i += 1,
            }
        }
    }

    /// The run-length gate changes no finding: random texts of card pieces, short and long
    /// groups, joiners and glue, around the 13-digit limit.
    #[test]
    fn same_findings_as_before() {
        let pieces = [
            "4111",
            "1111",
            "111",
            "11",
            "1",
            "4242424242424242",
            "378282246310005",
            "4222222222222",
            "5555 5555 5555 4444",
            "6011-1111-1111-1117",
            // Diners, JCB, Mastercard 2-series, UnionPay; groups that start no card.
            "30569309025904",
            "3530 1113 3330 0000",
            "2221-0000-0000-0009",
            "6200000000000005",
            "0",
            "7",
            "9",
            "8111",
            " ",
            "-",
            "  ",
            "+",
            "A",
            "x",
            ".",
            "12",
        ];
        let mut found = 0;
        for s in random_texts(0xA076_1D64_78BD_642F, &pieces, 12, 20_000) {
            let hay = Haystack::new(&s);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            CreditCard.recognize(&hay, &mut got);
            recognize_before(&hay, &mut want);
            assert_eq!(got, want, "{s:?}");
            found += want.len();
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn table() {
        check_table(
            &CreditCard::new().unwrap(),
            EntityKind::CreditCard,
            &[
                ("card 4111 1111 1111 1111 exp", "4111 1111 1111 1111"),
                ("4111-1111-1111-1111", "4111-1111-1111-1111"),
                ("my card 4255609162023099 was declined", "4255609162023099"),
                ("Amex 3782 822463 10005", "3782 822463 10005"),
                ("5555 5555 5555 4444 2024", "5555 5555 5555 4444"),
                ("paid 12 4242 4242 4242 4242", "4242 4242 4242 4242"),
                // A glued first group does not hide the card after it.
                ("Ref A1 4111 1111 1111 1111", "4111 1111 1111 1111"),
                // A rejected longer candidate does not hide a valid shorter one.
                ("4118093524445349 817-59-1086", "4118093524445349"),
            ],
            &[
                "tracking number 5436821448326653",
                "4111 1111 1111 1112",
                "1234567812345678",
                "order 5586 0341 8198 6570",
                "41111111111111111111111",
                "x4111111111111111",
                // E.164 phone numbers and dash-joined pieces of longer order numbers
                "call +4915313592169",
                "order #771-3967012-2277861",
                "ref 4111111-111111111",
            ],
        );
    }
}
