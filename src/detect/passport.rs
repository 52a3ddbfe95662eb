//! Passport numbers, only after a passport label ("passport", "passport no.", "US passport",
//! "passport (GB)"): 6 to 9 characters, letters and digits, with at least five digits
//! (US `A12345678` and `123456789`, UK `123456789`, MX `G12345678`, most others 1-2 letters and
//! 6-8 digits).

use super::context::{self, LabelSpec, Labels};
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Passport;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "passport",
        "passport no",
        "passport number",
        "passport #",
        "passport id",
        "pasaporte",
        "passeport",
        "reisepass",
        "passport card",
        "ppt",
    ],
    fillers: &["book", "document", "doc", "card", "issued", "valid"],
    codes: true,
});

impl Passport {
    pub(crate) fn new() -> Result<Self> {
        Ok(Passport)
    }
}

impl Recognizer for Passport {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let labels = LABELS.in_text(hay);
        // What `[A-Za-z]{0,2}[0-9][0-9A-Za-z]{4,8}` matched and `is_bounded` kept: whole
        // alphanumeric tokens with at most two leading letters, then a digit and 4 to 8 more;
        // only those that start where a label may introduce them (every finding needs one).
        for t in context::in_spans(hay.views.tokens(), |t| t.start, labels.spans()) {
            let (start, end) = (t.start, t.end);
            let Some(v) = text.get(start..end) else { continue };
            if !shaped(v) {
                continue;
            }
            let digits = v.bytes().filter(u8::is_ascii_digit).count();
            if !(6..=9).contains(&v.len())
                || digits < 5
                || !context::is_bounded(text, start, end)
                || context::continues_number(text, start, end)
                || !labels.before(text, start)
            {
                continue;
            }
            out.push(Finding::new(EntityKind::Passport, start, end, 1.0, false));
        }
    }
}

/// Whether a whole alphanumeric token is a match of `[A-Za-z]{0,2}[0-9][0-9A-Za-z]{4,8}` from
/// its first byte to its last: at most two leading letters, a digit, then 4 to 8 more.
fn shaped(token: &str) -> bool {
    let letters = token.bytes().take_while(u8::is_ascii_alphabetic).count();
    letters <= 2
        && token.as_bytes().get(letters).is_some_and(u8::is_ascii_digit)
        && (4..=8).contains(&(token.len() - letters - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    #[test]
    fn table() {
        check_table(
            &Passport::new().unwrap(),
            EntityKind::Passport,
            &[
                ("Documents: US passport A50116528; IL", "A50116528"),
                ("GB passport 039169815\n", "039169815"),
                ("Passport No.: X1234567", "X1234567"),
                ("passport (MX) G12345678 issued", "G12345678"),
                ("passport number is 510027363.", "510027363"),
                ("PASSPORT GBR 123456789", "123456789"),
            ],
            &[
                "order A50116528",
                "passport renewal 2024",
                "passport 12345",
                "passport 1234567890",
                "passport photo taken 03/14/2024",
                "passport expires 2030-01-01",
                "A50116528",
            ],
        );
    }

    /// The token shapes give exactly the bounded matches of the regex they replace.
    #[test]
    fn shapes_match_the_regex() {
        let re = regex::Regex::new(r"[A-Za-z]{0,2}[0-9][0-9A-Za-z]{4,8}").unwrap();
        let pieces = ["1", "234", "56789", "A", "bc", "XYZ", " ", "-", "."];
        for s in random_texts(0x2545_F491_4F6C_DD1D, &pieces, 12, 5000) {
            let want: Vec<_> = re
                .find_iter(&s)
                .filter(|m| context::is_bounded(&s, m.start(), m.end()))
                .map(|m| (m.start(), m.end()))
                .collect();
            let hay = Haystack::new(&s);
            let got: Vec<_> = hay
                .views
                .tokens()
                .iter()
                .filter(|t| shaped(&s[t.start..t.end]))
                .map(|t| (t.start, t.end))
                .collect();
            assert_eq!(got, want, "{s:?}");
        }
    }
}
