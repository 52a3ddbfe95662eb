//! Driver's license numbers, only after a driver's license label (`driver's license`, `DL`,
//! `DLN`, `CDL`, "driving licence"), optionally with a state code ("TX driver's license",
//! "driver's license (CA)"). US states use many formats: digits only (TX `12345678`, NY
//! `123 456 789`), a letter and digits (CA `A1234567`, FL `D123-456-78-901-2`, IL
//! `A123-4567-8901`), or letters and digits (WA `SMITHJ123AB`).

use super::context::{self, LabelSpec, Labels};
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct DriverLicense;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "driver's license",
        "drivers license",
        "driver license",
        "driver's licence",
        "drivers licence",
        "driver licence",
        "driver\u{2019}s license",
        "driver\u{2019}s licence",
        "driving license",
        "driving licence",
        "driver's lic",
        "drivers lic",
        "operator's license",
        "operator license",
        "commercial driver's license",
        "license/id",
        "DL",
        "DL#",
        "DLN",
        "CDL",
        "D/L",
        "d/l",
    ],
    fillers: &["state", "issued", "card", "id", "permit"],
    codes: true,
});

impl DriverLicense {
    pub(crate) fn new() -> Result<Self> {
        Ok(DriverLicense)
    }
}

impl Recognizer for DriverLicense {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        // Every finding follows a label: none in the text, nothing to find.
        let labels = LABELS.in_text(hay);
        if !labels.any() {
            return;
        }
        // Codes with a digit (`[A-Za-z*]*[0-9][A-Za-z0-9*]*(?:-[A-Za-z0-9]+)*`, read from the
        // digit groups); those with no label ending near enough before them are skipped first.
        for (start, end) in hay.views.license_codes() {
            if !labels.near(text, start) {
                continue;
            }
            let end = spaced_groups_end(text, end, text.get(start..end).unwrap_or_default());
            let Some(v) = text.get(start..end) else { continue };
            let digits = v.bytes().filter(u8::is_ascii_digit).count();
            if !(3..=16).contains(&digits)
                || !(5..=20).contains(&v.len())
                || context::looks_like_date(v)
                || !context::is_bounded(text, start, end)
                || context::continues_number(text, start, end)
                || !labels.before(text, start)
            {
                continue;
            }
            out.push(Finding::new(EntityKind::DriverLicense, start, end, 1.0, false));
        }
    }
}

/// End of a number written in space-separated groups of 3 or 4 digits (`123 456 789`) that
/// starts with `first` and ends at `end`; `end` itself when `first` is not such a group.
fn spaced_groups_end(text: &str, mut end: usize, first: &str) -> usize {
    let short_digits = |g: &[u8]| (3..=4).contains(&g.len()) && g.iter().all(u8::is_ascii_digit);
    if !short_digits(first.as_bytes()) {
        return end;
    }
    let b = text.as_bytes();
    for _ in 0..4 {
        let from = end + 1;
        if b.get(end) != Some(&b' ') {
            break;
        }
        let len = b.get(from..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
        let group = b.get(from..from + len).unwrap_or_default();
        if !short_digits(group) || b.get(from + len).is_some_and(u8::is_ascii_alphanumeric) {
            break;
        }
        end = from + len;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_table;

    #[test]
    fn table() {
        check_table(
            &DriverLicense::new().unwrap(),
            EntityKind::DriverLicense,
            &[
                ("IL driver's license F875-8051-2604\n", "F875-8051-2604"),
                ("TX driver's license 38441477 and", "38441477"),
                ("NY driver's license 122 469 149 and GB passport", "122 469 149"),
                ("FL driver's license I842-193-81-280-9", "I842-193-81-280-9"),
                ("Driver's License (CA) J2795578", "J2795578"),
                ("DL# S63991582", "S63991582"),
                ("driving licence no. MORGA753116SM9IJ", "MORGA753116SM9IJ"),
                ("DRIVER'S LICENSE: WDLABCD456DG", "WDLABCD456DG"),
            ],
            &[
                "glucose 110 mg/dL 12345678",
                "driver's license expired",
                "driver's license 2024-01-05",
                "driver's license 123",
                "license 12345678",
                "DL 12",
                "order 38441477",
            ],
        );
    }
}
