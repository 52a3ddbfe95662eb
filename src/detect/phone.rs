//! Telephone and fax numbers: US/NANP formats with optional `+1`, parentheses, `.`/`-`/space
//! separators and extensions; international numbers written with a leading `+`; ten bare
//! digits only next to a phone label.

use super::{builtin_regex, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Phone {
    pattern: regex::Regex,
}

const LABELS: &[&str] =
    &["phone", "tel", "telephone", "mobile", "cell", "fax", "call", "text", "contact", "ph", "pager", "sms"];

impl Phone {
    pub(crate) fn new() -> Result<Self> {
        let ext = r"(?:[ \t]*(?:,[ \t]*)?(?i:ext\.?|extension|x)[ \t]*[0-9]{1,6})?";
        let nanp = r"(?:\+?1[-. ]?)?(?:\([2-9][0-9]{2}\)[-. ]?|[2-9][0-9]{2}[-. ])[0-9]{3}[-. ][0-9]{4}";
        let bare = r"(?:\+?1)?[2-9][0-9]{9}";
        let intl = r"\+[1-9][0-9]{0,3}(?:[-. ]?\(?[0-9]{1,5}\)?){1,6}";
        Ok(Phone { pattern: builtin_regex(&format!("(?:{nanp}|{intl}|{bare}){ext}"))? })
    }
}

impl Recognizer for Phone {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for m in self.pattern.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if !context::is_bounded(text, start, end) {
                continue;
            }
            let s = m.as_str();
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            let labelled = context::has_word_before(text, start, 24, LABELS);
            let score = if s.starts_with('+') {
                // E.164 allows 8..=15 digits (plus an extension).
                if !(8..=21).contains(&digits) {
                    continue;
                }
                if labelled {
                    1.0
                } else {
                    0.8
                }
            } else if s.bytes().all(|b| b.is_ascii_digit()) {
                if !labelled {
                    continue;
                }
                0.9
            } else if labelled {
                1.0
            } else if s.contains('(') || s.contains('-') || s.contains('.') {
                0.75
            } else {
                0.5
            };
            // A leading "-" or "." glued to the match means we sit inside a longer code.
            let before = text.as_bytes().get(start.wrapping_sub(1)).copied();
            if matches!(before, Some(b'-' | b'.' | b'/')) {
                continue;
            }
            out.push(Finding::new(EntityKind::Phone, start, end, score, false));
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
            &Phone::new().unwrap(),
            EntityKind::Phone,
            &[
                ("Please call me at +1-716-950-1992.", "+1-716-950-1992"),
                ("phone (337) 937-3108", "(337) 937-3108"),
                ("Call me on (642) 691-2519 ext. 3453.", "(642) 691-2519 ext. 3453"),
                ("fax 212.555.0199", "212.555.0199"),
                ("reach me: +447759217416", "+447759217416"),
                ("+44 20 7946 0958 (London)", "+44 20 7946 0958"),
                ("tel 2125550100", "2125550100"),
                ("1-800-555-0100 x12", "1-800-555-0100 x12"),
            ],
            &[
                "BP 128/82, HR 72",
                "order 2125550100",
                "total $4,250.00",
                "on 2023-10-05 at 10:30",
                "ICD-10 E11.9 and CPT 99213",
                "card 4111-1111-1111-1111",
                "version 1.2.3",
                "123-456-7890",
            ],
        );
    }
}
