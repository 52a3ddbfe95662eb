//! Medical record numbers, found by their label: `MRN`, `MR#`, `MR No.`, `Medical Record
//! Number`, `Med Rec #`, `Chart No.`, `Patient ID`, `Hospital No.`, `EMR #`. The value is the
//! token right after the label (digits, letters and dashes, with at least three digits), so
//! `MRN: 00042648`, `MR# E4523455` and `Med Rec #: JV-117040` are found while `MRN pending` is
//! not. The label stays.

use super::{builtin_regex, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Mrn {
    pattern: regex::Regex,
}

impl Mrn {
    pub(crate) fn new() -> Result<Self> {
        let num = r"(?:[ \t]*(?:#|no(?-u:\b)\.?|nbr(?-u:\b)|num(?-u:\b)|number(?-u:\b)|id(?-u:\b)))";
        let labels = [
            r"mrn".to_owned(),
            format!(r"mr{num}"),
            r"mr[ \t]*:".to_owned(),
            format!(r"medical[ \t]+records?{num}?"),
            format!(r"med\.?[ \t]*rec(?:ord)?\.?{num}?"),
            format!(r"(?:chart|patient|pt\.?|hospital|hosp\.?|emr|ehr|record){num}"),
        ]
        .join("|");
        Ok(Mrn {
            pattern: builtin_regex(&format!(
                r"(?i)(?-u:\b)(?:{labels})[ \t]*[:#=.]*[ \t]*(?:is[ \t]+)?([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)(?-u:\b)"
            ))?,
        })
    }
}

impl Recognizer for Mrn {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for c in self.pattern.captures_iter(text) {
            let Some(v) = c.get(1) else { continue };
            let value = v.as_str().trim_matches('-');
            let v_start = v.end() - v.as_str().trim_start_matches('-').len();
            let digits = value.bytes().filter(u8::is_ascii_digit).count();
            if digits < 3 || !(4..=20).contains(&value.len()) {
                continue;
            }
            // `MRN 123 456 789` style groups and dates after the label are not handled here.
            if matches!(text.as_bytes().get(v.end()), Some(b'/' | b'.' | b':'))
                && text.as_bytes().get(v.end() + 1).is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            out.push(Finding::new(EntityKind::Mrn, v_start, v_start + value.len(), 0.95, false));
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
            &Mrn::new().unwrap(),
            EntityKind::Mrn,
            &[
                ("MRN: 00042648", "00042648"),
                ("MRN 4793445    DOB: 08/15/1970", "4793445"),
                ("MR# W5927180", "W5927180"),
                ("Medical Record Number: 218515725", "218515725"),
                ("Med Rec #: JV-117040", "JV-117040"),
                ("chart no. 55-10-2231", "55-10-2231"),
                ("Patient ID: PT0042817", "PT0042817"),
                ("mrn is 7781-2", "7781-2"),
                ("Hospital No. H0099182", "H0099182"),
                ("MRN#: 00123456", "00123456"),
                ("MR: 7781234", "7781234"),
                ("Patient: Jones, MRN: 00042648", "00042648"),
            ],
            &[
                "MRN pending",
                "MRN: AB",
                "CPT 99213",
                "Patient identified by name",
                "Mr. Lee 4793445",
                "room 4793445",
                "record of 1234 steps",
                "MRN: 12/03/2020",
                "Unit #412",
                "Mr: Smith",
            ],
        );
    }
}
