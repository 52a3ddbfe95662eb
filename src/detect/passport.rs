//! Passport numbers, only after a passport label ("passport", "passport no.", "US passport",
//! "passport (GB)"): 6 to 9 characters, letters and digits, with at least five digits
//! (US `A12345678` and `123456789`, UK `123456789`, MX `G12345678`, most others 1-2 letters and
//! 6-8 digits).

use super::context::{self, LabelSpec, Labels};
use super::{builtin_regex, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Passport {
    pattern: regex::Regex,
}

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
        Ok(Passport { pattern: builtin_regex(r"[A-Za-z]{0,2}[0-9][0-9A-Za-z]{4,8}")? })
    }
}

impl Recognizer for Passport {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for m in self.pattern.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let v = m.as_str();
            let digits = v.bytes().filter(u8::is_ascii_digit).count();
            if !(6..=9).contains(&v.len())
                || digits < 5
                || !context::is_bounded(text, start, end)
                || context::continues_number(text, start, end)
                || !LABELS.before(text, start)
            {
                continue;
            }
            out.push(Finding::new(EntityKind::Passport, start, end, 1.0, false));
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
}
