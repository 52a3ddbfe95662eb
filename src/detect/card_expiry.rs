//! Card expiry dates: `MM/YY`, `MM/YYYY`, `MM-YY` (or `MMYY`) right after an expiry label
//! (`exp`, `expiry`, `expires`, `valid thru`, ...) with a card mentioned nearby (`card`, `Visa`,
//! `CVV`, ...). Without one the finding scores below the default threshold: "exp 2/26" on a
//! vial of insulin is a medication expiry, not card data.

use super::context::{self, LabelSpec, Labels};
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
        // Month/year shapes (`[0-9]{1,2} ?[/-] ?(?:[0-9]{4}|[0-9]{2})|[0-9]{4}`, from the digit groups).
        for (start, end) in hay.views.month_years() {
            if !context::is_bounded(text, start, end) || context::continues_number(text, start, end) {
                continue;
            }
            let Some(s) = text.get(start..end) else { continue };
            let month = if s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit()) {
                s.get(..2).unwrap_or_default()
            } else {
                s.split(['/', '-']).next().unwrap_or("").trim()
            };
            if !month.parse::<u8>().is_ok_and(|v| (1..=12).contains(&v)) || !LABELS.before(text, start) {
                continue;
            }
            let card = context::has_word_before(text, start, 80, CARD_WORDS)
                || context::has_word_after(text, end, 40, CARD_WORDS)
                || card_number_before(text, start);
            out.push(Finding::new(EntityKind::CardExpiry, start, end, if card { 1.0 } else { 0.4 }, true));
        }
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
    use crate::detect::test_support::check_table;

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
