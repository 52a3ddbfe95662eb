//! Card verification codes (CVV2/CVC2/CID/CSC): three or four digits right after their label.
//! PCI DSS 3.3.1 forbids keeping them after authorization; the operator layer always drops them.

use super::context::{self, LabelSpec, Labels};
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct CardCvv;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "cvv",
        "cvv2",
        "cvc",
        "cvc2",
        "cid",
        "csc",
        "cav2",
        "cvn",
        "cvd",
        "security code",
        "card security code",
        "card verification code",
        "card verification value",
        "card verification number",
        "cvv/cvc",
        "cvc/cvv",
    ],
    fillers: &["card", "the", "back"],
    codes: false,
});

impl CardCvv {
    pub(crate) fn new() -> Result<Self> {
        Ok(CardCvv)
    }
}

impl Recognizer for CardCvv {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        // Three or four digits standing alone: the digit groups of that length that are not
        // glued to a letter (what `[0-9]{3,4}` matched and `is_bounded` kept).
        // Only those that start where a label may introduce them (every finding needs one).
        let labels = LABELS.in_text(hay);
        let groups = context::in_spans(hay.views.groups(), |g| g.start, labels.spans());
        for g in groups.filter(|g| (3..=4).contains(&g.len())) {
            let (start, end) = (g.start, g.end);
            if context::is_bounded(text, start, end)
                && !context::continues_number(text, start, end)
                && labels.before(text, start)
            {
                out.push(Finding::new(EntityKind::CardCvv, start, end, 1.0, true));
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
            &CardCvv::new().unwrap(),
            EntityKind::CardCvv,
            &[
                ("exp 04/27 CVV 123.", "123"),
                ("CVC2: 0417", "0417"),
                ("security code is 987", "987"),
                ("card verification value (CVV) 552", "552"),
                ("cvv#321", "321"),
            ],
            &["CVV 12", "CVV 12345", "cvv 123.5", "HbA1c 123", "code 123", "CVV not provided", "CVV 1/2"],
        );
    }
}
