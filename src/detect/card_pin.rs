//! PINs and PIN blocks: 4 to 12 digits after a `PIN` label (`PIN 4821`, "ATM pin: 0917",
//! "phone banking passcode 482193"), or 16 hex digits after `PIN block`. PCI DSS 3.3.1:
//! always dropped, never stored.

use super::context::{self, LabelSpec, Labels};
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct CardPin;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "pin",
        "pin#",
        "pin code",
        "pin number",
        "atm pin",
        "card pin",
        "debit pin",
        "passcode",
        "pin block",
    ],
    fillers: &["new", "old", "temporary", "card", "atm", "debit"],
    codes: false,
});

impl CardPin {
    pub(crate) fn new() -> Result<Self> {
        Ok(CardPin)
    }
}

impl Recognizer for CardPin {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        // Whole alphanumeric tokens of 16 hex digits or of 4 to 12 digits: the matches of
        // `[0-9A-Fa-f]{16}|[0-9]{4,12}` that `is_bounded` kept.
        // Only those that start where a label may introduce them (every finding needs one).
        let labels = LABELS.in_text(hay);
        let candidates = context::in_spans(hay.views.tokens(), |t| t.start, labels.spans())
            .filter(|t| (t.len() == 16 && t.hex) || (t.all_digits() && (4..=12).contains(&t.len())));
        for t in candidates {
            let (start, end) = (t.start, t.end);
            if context::continues_number(text, start, end) {
                continue;
            }
            let Some(label) = labels.find_before(text, start) else { continue };
            let block = start - label >= 9
                && b.get(label..label + 9).is_some_and(|l| l.eq_ignore_ascii_case(b"pin block"));
            let digits = t.all_digits();
            // A 16-hex run is a PIN block only after "PIN block"; digits alone are a PIN.
            if (t.len() == 16 && !block && !digits) || (t.len() > 12 && !block) {
                continue;
            }
            out.push(Finding::new(EntityKind::CardPin, start, end, 1.0, true));
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
            &CardPin::new().unwrap(),
            EntityKind::CardPin,
            &[
                ("PIN 4821", "4821"),
                ("my ATM pin is 0917.", "0917"),
                ("new PIN: 482193", "482193"),
                ("PIN block 0412AC89EF11D2B3", "0412AC89EF11D2B3"),
                ("phone banking passcode 73920184", "73920184"),
            ],
            &[
                "PIN 12",
                "pin site care",
                "PIN 4821.5",
                "spin 4821",
                "PIN 1234567890123",
                "PIN 0412AC89EF11D2B3",
            ],
        );
    }
}
