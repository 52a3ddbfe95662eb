//! Medical record numbers, found by their label: `MRN`, `MR#`, `MR No.`, `Medical Record
//! Number`, `Med Rec #`, `Chart No.`, `Patient ID`, `Hospital No.`, `EMR #`. The value is the
//! token right after the label (digits, letters and dashes, with at least three digits), so
//! `MRN: 00042648`, `MR# E4523455` and `Med Rec #: JV-117040` are found while `MRN pending` is
//! not. The label stays.

use super::context::{Capture, LabelScan, Prefixes};
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Mrn;

/// The words of `{num}` after `#` and `no` (see [`LabelScan::num`]).
const NUM: &[&str] = &["nbr", "num", "number", "id"];

/// The labels' first words (see [`Prefixes`]).
static PREFIXES: Prefixes = Prefixes::new(&[
    "mrn", "mr", "medical", "med", "chart", "patient", "pt", "hospital", "hosp", "emr", "ehr", "record",
]);

impl Mrn {
    pub(crate) fn new() -> Result<Self> {
        Ok(Mrn)
    }
}

impl Recognizer for Mrn {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for (v_start, v_end) in matches(hay) {
            let Some(raw) = text.get(v_start..v_end) else { continue };
            let value = raw.trim_matches('-');
            let v_start = v_end - raw.trim_start_matches('-').len();
            let digits = value.bytes().filter(u8::is_ascii_digit).count();
            if digits < 3 || !(4..=20).contains(&value.len()) {
                continue;
            }
            // `MRN 123 456 789` style groups and dates after the label are not handled here.
            if matches!(text.as_bytes().get(v_end), Some(b'/' | b'.' | b':'))
                && text.as_bytes().get(v_end + 1).is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            out.push(Finding::new(EntityKind::Mrn, v_start, v_start + value.len(), 0.95, false));
        }
    }
}

/// The value captures of the regex this recognizer ran, as `captures_iter` returned them:
///
/// ```text
/// (?i)\b(?:mrn|mr{num}|mr[ \t]*:|medical[ \t]+records?{num}?|med\.?[ \t]*rec(?:ord)?\.?{num}?
///     |(?:chart|patient|pt\.?|hospital|hosp\.?|emr|ehr|record){num})
///     [ \t]*[:#=.]*[ \t]*(?:is[ \t]+)?([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)\b
/// num = [ \t]*(?:#|no\b\.?|nbr\b|num\b|number\b|id\b)
/// ```
///
/// tried only where a label can start (see [`LabelScan::starts`]), leftmost-first.
fn matches<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize)> + 'h {
    LabelScan::matches(hay, &PREFIXES, label_at)
}

/// The value after the highest-priority label alternative that starts at `s` and finds one.
fn label_at(c: &LabelScan<'_>, s: usize) -> Capture {
    let mut tail = |l: usize| c.value_after(l);
    // Each ending of a label is tried with `{num}`, then without, where `{num}` is optional.
    let num_or_not = |l: usize| c.num(l, NUM, &mut |e| c.value_after(e)).or_else(|| c.value_after(l));
    if let Some(e) = c.lit(s, "mrn") {
        if let found @ Some(_) = tail(e) {
            return found;
        }
    }
    if let Some(e) = c.lit(s, "mr") {
        if let found @ Some(_) = c.num(e, NUM, &mut tail) {
            return found;
        }
        let q = c.spaces(e);
        if c.lit(q, ":").is_some() {
            if let found @ Some(_) = tail(q + 1) {
                return found;
            }
        }
    }
    if let Some(e) = c.lit(s, "medical") {
        let q = c.spaces(e);
        if let Some(e) = c.lit(q, "record").filter(|_| q > e) {
            for e in c.lit(e, "s").into_iter().chain(Some(e)) {
                if let found @ Some(_) = num_or_not(e) {
                    return found;
                }
            }
        }
    }
    if let Some(e) = c.lit(s, "med") {
        for e in c.dot(e) {
            let Some(e) = c.lit(c.spaces(e), "rec") else { continue };
            for e in c.lit(e, "ord").into_iter().chain(Some(e)) {
                for e in c.dot(e) {
                    if let found @ Some(_) = num_or_not(e) {
                        return found;
                    }
                }
            }
        }
    }
    for (word, dot) in [
        ("chart", false),
        ("patient", false),
        ("pt", true),
        ("hospital", false),
        ("hosp", true),
        ("emr", false),
        ("ehr", false),
        ("record", false),
    ] {
        let Some(e) = c.lit(s, word) else { continue };
        let ends = if dot { c.dot(e).collect::<Vec<_>>() } else { vec![e] };
        for e in ends {
            if let found @ Some(_) = c.num(e, NUM, &mut tail) {
                return found;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The label scan against the regex it replaces, on pieces that hit its labels, separators,
    /// values and boundaries (with the long s and the Kelvin sign that `(?i)` folds).
    #[test]
    fn scan_matches_the_regex_it_replaces() {
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
        let re = regex::Regex::new(&format!(
            r"(?i)(?-u:\b)(?:{labels})[ \t]*[:#=.]*[ \t]*(?:is[ \t]+)?([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)(?-u:\b)"
        ))
        .unwrap();
        let pieces = [
            "MRN", "mr", "Mr", "medical", "Med", "rec", "ord", "record", "s", "chart", "pt", "Hosp", "emr",
            "no", "No", "num", "number", "id", "#", ".", ":", "=", " ", "\t", "is", "12", "3", "-", "a", "_",
            "x9", "\u{17F}", "\u{212A}", "\u{131}", "é", "\n", "patient",
        ];
        // Whole label phrases, so that the longer alternatives are reached often.
        let phrases = [
            "medical record",
            "Medical  Records",
            "med. rec.",
            "Med Record",
            "medrec",
            "MR #",
            "mr:",
            "MR No.",
            "chart no",
            "Pt. ID",
            "hosp.",
            "record number",
            " is ",
            ": ",
            " #: ",
            "123",
            "A1-2",
            "-4",
            "9_",
            "\u{17F}",
            "x",
            " ",
            "\t",
            ".",
            "ID",
            "nbr",
            "noo",
            "\u{212A}",
        ];
        let mut found = 0;
        for (seed, pieces, max) in
            [(0xBF58_476D_1CE4_E5B9, &pieces[..], 12), (0x94D0_49BB_1331_11EB, &phrases[..], 8)]
        {
            for s in random_texts(seed, pieces, max, 30000) {
                let want: Vec<_> =
                    re.captures_iter(&s).map(|c| c.get(1).map(|m| (m.start(), m.end())).unwrap()).collect();
                found += want.len();
                assert_eq!(matches(&Haystack::new(&s)).collect::<Vec<_>>(), want, "{s:?}");
            }
        }
        assert!(found > 2000, "{found}");
    }

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
