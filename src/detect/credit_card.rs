//! Payment card numbers (PAN): 13 to 19 digits, written compact or in groups separated by single
//! spaces or dashes, with a known issuer prefix and a valid Luhn check digit.

use super::{builtin_regex, checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct CreditCard {
    groups: regex::Regex,
}

impl CreditCard {
    pub(crate) fn new() -> Result<Self> {
        Ok(CreditCard { groups: builtin_regex(r"[0-9]+(?:[ -][0-9]+)*")? })
    }
}

impl Recognizer for CreditCard {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for m in self.groups.find_iter(text) {
            // Digit groups of this run as byte ranges; a card is any contiguous run of groups
            // with 13..=19 digits in all, so a card next to a date or amount is still found.
            let mut spans = Vec::new();
            let mut pos = m.start();
            for g in m.as_str().split([' ', '-']) {
                spans.push((pos, pos + g.len()));
                pos += g.len() + 1;
            }
            // A group glued to a letter or digit belongs to another token (`A1 4111 …`): only
            // that group is out, not the whole run (found by property tests: `Ref A1` hid a card).
            let b = text.as_bytes();
            if m.start().checked_sub(1).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric) {
                spans.remove(0);
            }
            if b.get(m.end()).is_some_and(u8::is_ascii_alphanumeric) {
                spans.pop();
            }
            // Not a card: an E.164 phone number (`+4915…`), or a piece of a longer number whose
            // groups are joined by dashes (`771-3967012-2277861`).
            let rejected = |i: usize, j: usize| {
                let (Some(&(s, _)), Some(&(_, e))) = (spans.get(i), spans.get(j)) else { return true };
                let plus = s > 0 && b.get(s - 1) == Some(&b'+');
                let dash_before =
                    s >= 2 && b.get(s - 1) == Some(&b'-') && b.get(s - 2).is_some_and(u8::is_ascii_digit);
                let dash_after = b.get(e) == Some(&b'-') && b.get(e + 1).is_some_and(u8::is_ascii_digit);
                let odd_groups =
                    j > i && spans.get(i..=j).is_some_and(|g| g.iter().any(|&(gs, ge)| ge - gs > 6));
                plus || dash_before || dash_after || odd_groups
            };
            let mut i = 0;
            while let Some(&(first, _)) = spans.get(i) {
                // The longest valid candidate that is not rejected: a rejected longer one must not
                // hide a valid shorter one (`4118…5349 817-59-1086`; found by property tests).
                let mut best = None;
                let mut digits = 0;
                for (j, &(gs, ge)) in spans.iter().enumerate().skip(i) {
                    digits += ge - gs;
                    if digits > 19 {
                        break;
                    }
                    if digits >= 13 {
                        let compact: Vec<u8> = b
                            .get(first..ge)
                            .unwrap_or_default()
                            .iter()
                            .copied()
                            .filter(u8::is_ascii_digit)
                            .collect();
                        if checksum::card_issuer_ok(&compact) && checksum::luhn(&compact) && !rejected(i, j) {
                            best = Some((j, ge));
                        }
                    }
                }
                match best {
                    Some((j, end)) => {
                        out.push(Finding::new(EntityKind::CreditCard, first, end, 1.0, true));
                        i = j + 1;
                    }
                    None => i += 1,
                }
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
