//! Health plan beneficiary numbers (HIPAA Safe Harbor identifier I): member, subscriber,
//! policy, plan, insurance, Medicaid and Medicare IDs found by their label (`Member ID:`,
//! `Subscriber #`, `Policy #`, `Medicare MBI`), and Medicare Beneficiary Identifiers anywhere by
//! their CMS layout (`1EG4-TE5-MK73`, `1EG4TE5MK73`; `checksum::mbi`).

use super::context::{Capture, LabelScan, Prefixes};
use super::{checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct HealthPlanId;

/// The words of `{num}` after `#` and `no` (see [`LabelScan::num`]).
const NUM: &[&str] = &["nbr", "num", "number", "id", "identifier"];

/// Plan words followed by `{num}`, in the regex's order (`health plan` and `group member` are
/// two words: see [`label_at`]).
const PLAN_WORDS: &[&str] = &[
    "member",
    "subscriber",
    "policy",
    "insurance",
    "insured",
    "plan",
    "benefit",
    "beneficiary",
    "enrollee",
    "medicaid",
    "medicare",
];

/// Plan words followed by `:`.
const COLON_WORDS: &[&str] = &["member", "subscriber", "policy", "insurance", "medicaid", "medicare"];

/// Insurers of one word, after `aetna`, `bcbs`, `blue cross (blue shield)`, `blue shield` (see
/// [`insurer_ends`] for the order).
const INSURERS: &[&str] = &[
    "cigna", "humana", "anthem", "kaiser", "uhc", "united", "tricare", "medi-cal", "wellcare", "molina",
    "centene", "ambetter", "oscar",
];

/// The labels' first words (see [`Prefixes`]).
static PREFIXES: Prefixes = Prefixes::new(&[
    "member",
    "subscriber",
    "policy",
    "insurance",
    "plan",
    "benefit",
    "enrollee",
    "medicaid",
    "health",
    "group",
    "hic",
    "aetna",
    "bcbs",
    "blue",
    "cigna",
    "humana",
    "anthem",
    "kaiser",
    "uhc",
    "united",
    "tricare",
    "medi-cal",
    "wellcare",
    "molina",
    "centene",
    "ambetter",
    "oscar",
    "mbi",
]);

impl HealthPlanId {
    pub(crate) fn new() -> Result<Self> {
        Ok(HealthPlanId)
    }
}

impl Recognizer for HealthPlanId {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for (start, end) in labelled(hay) {
            let Some(raw) = text.get(start..end) else { continue };
            let value = raw.trim_matches('-');
            let v_start = end - raw.trim_start_matches('-').len();
            let digits = value.bytes().filter(u8::is_ascii_digit).count();
            if digits < 3 || !(5..=25).contains(&value.len()) {
                continue;
            }
            let compact: Vec<u8> = value.bytes().filter(|&b| b != b'-').collect();
            let is_mbi = checksum::mbi(&compact);
            out.push(Finding::new(
                EntityKind::HealthPlanId,
                v_start,
                v_start + value.len(),
                if is_mbi { 1.0 } else { 0.95 },
                is_mbi,
            ));
        }
        for (start, end, dashes) in mbis(hay) {
            let score = if dashes { 0.75 } else { 0.6 };
            out.push(Finding::new(EntityKind::HealthPlanId, start, end, score, true));
        }
    }
}

/// The value captures of the labelled regex this recognizer ran, as `captures_iter` returned
/// them:
///
/// ```text
/// (?i)\b(?:(?:member|subscriber|policy|insurance|insured|plan|benefit|beneficiary|enrollee
///     |medicaid|medicare|health[ \t]+plan|group[ \t]+member|hicn?){num}
///   |(?:member|subscriber|policy|insurance|medicaid|medicare)[ \t]*:
///   |(?:aetna|bcbs|blue[ \t]+cross(?:[ \t]+blue[ \t]+shield)?|blue[ \t]+shield|cigna|humana
///     |anthem|kaiser|uhc|united[ \t]*healthcare|tricare|medi-cal|wellcare|molina|centene
///     |ambetter|oscar)(?:[ \t]+member)?{num}
///   |(?:medicare[ \t]+)?mbi|hicn|medicaid|medicare)
///   [ \t]*[:#=.]*[ \t]*(?:is[ \t]+)?([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)\b
/// num = [ \t]*(?:#|no\b\.?|nbr\b|num\b|number\b|id\b|identifier\b)
/// ```
///
/// tried only where a label can start (see [`LabelScan::starts`]), leftmost-first.
fn labelled<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize)> + 'h {
    LabelScan::matches(hay, &PREFIXES, label_at)
}

/// The end of `a[ \t]+b` at `s`.
fn two_words(c: &LabelScan<'_>, s: usize, a: &str, b: &str) -> Option<usize> {
    let e = c.lit(s, a)?;
    let q = c.spaces(e);
    c.lit(q, b).filter(|_| q > e)
}

/// The ends of the insurer alternatives at `s`, in the regex's order.
fn insurer_ends(c: &LabelScan<'_>, s: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    ends.extend(c.lit(s, "aetna"));
    ends.extend(c.lit(s, "bcbs"));
    if let Some(e) = two_words(c, s, "blue", "cross") {
        // `(?:[ \t]+blue[ \t]+shield)?`, greedy.
        let q = c.spaces(e);
        ends.extend(two_words(c, q, "blue", "shield").filter(|_| q > e));
        ends.push(e);
    }
    ends.extend(two_words(c, s, "blue", "shield"));
    for w in INSURERS {
        if *w == "united" {
            if let Some(e) = c.lit(s, "united") {
                ends.extend(c.lit(c.spaces(e), "healthcare"));
            }
        } else {
            ends.extend(c.lit(s, w));
        }
    }
    ends
}

/// The value after the highest-priority label alternative that starts at `s` and finds one.
fn label_at(c: &LabelScan<'_>, s: usize) -> Capture {
    let mut tail = |l: usize| c.value_after(l);
    let mut plan_ends: Vec<usize> = PLAN_WORDS.iter().filter_map(|w| c.lit(s, w)).collect();
    plan_ends.extend(two_words(c, s, "health", "plan"));
    plan_ends.extend(two_words(c, s, "group", "member"));
    if let Some(e) = c.lit(s, "hic") {
        plan_ends.extend(c.lit(e, "n"));
        plan_ends.push(e);
    }
    for e in plan_ends {
        if let found @ Some(_) = c.num(e, NUM, &mut tail) {
            return found;
        }
    }
    for w in COLON_WORDS {
        let Some(e) = c.lit(s, w) else { continue };
        let q = c.spaces(e);
        if c.lit(q, ":").is_some() {
            if let found @ Some(_) = tail(q + 1) {
                return found;
            }
        }
    }
    for e in insurer_ends(c, s) {
        // `(?:[ \t]+member)?`, greedy, then `{num}`.
        let q = c.spaces(e);
        if let Some(m) = c.lit(q, "member").filter(|_| q > e) {
            if let found @ Some(_) = c.num(m, NUM, &mut tail) {
                return found;
            }
        }
        if let found @ Some(_) = c.num(e, NUM, &mut tail) {
            return found;
        }
    }
    if let Some(e) = two_words(c, s, "medicare", "mbi") {
        if let found @ Some(_) = tail(e) {
            return found;
        }
    }
    for w in ["mbi", "hicn", "medicaid", "medicare"] {
        if let Some(e) = c.lit(s, w) {
            if let found @ Some(_) = tail(e) {
                return found;
            }
        }
    }
    None
}

/// MBI letters: A-Z without S, L, O, I, B, Z.
fn mbi_letter(c: u8) -> bool {
    c.is_ascii_uppercase() && !matches!(c, b'S' | b'L' | b'O' | b'I' | b'B' | b'Z')
}

/// The matches of `\b[1-9]L A[0-9](-?)L A[0-9](-?)L L[0-9]{2}\b` (`L` an MBI letter, `A` an MBI
/// letter or a digit), as `captures_iter` returned them, with whether both dashes are there
/// (matches with one dash only are dropped). A match starts a token (its first byte is a digit
/// after a `\b`), and an optional dash is taken when present: without it the next byte would
/// have to be a letter.
fn mbis<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize, bool)> + 'h {
    let b = hay.text.as_bytes();
    let byte = move |i: usize| b.get(i).copied().unwrap_or(0);
    let alnum = move |c: u8| mbi_letter(c) || c.is_ascii_digit();
    let word = move |i: usize| b.get(i).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_');
    let mut pos = 0;
    hay.views.tokens().iter().filter_map(move |t| {
        let s = t.start;
        if s < pos || !matches!(byte(s), b'1'..=b'9') || (s > 0 && byte(s - 1) == b'_') {
            return None;
        }
        if !(mbi_letter(byte(s + 1)) && alnum(byte(s + 2)) && byte(s + 3).is_ascii_digit()) {
            return None;
        }
        let d1 = usize::from(byte(s + 4) == b'-');
        let p = s + 4 + d1;
        if !(mbi_letter(byte(p)) && alnum(byte(p + 1)) && byte(p + 2).is_ascii_digit()) {
            return None;
        }
        let d2 = usize::from(byte(p + 3) == b'-');
        let q = p + 3 + d2;
        let end = q + 4;
        let tail = mbi_letter(byte(q))
            && mbi_letter(byte(q + 1))
            && byte(q + 2).is_ascii_digit()
            && byte(q + 3).is_ascii_digit();
        if !tail || word(end) {
            return None;
        }
        pos = end;
        (d1 == d2).then_some((s, end, d1 == 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    fn old_regexes() -> (regex::Regex, regex::Regex) {
        let num = r"(?:[ \t]*(?:#|no(?-u:\b)\.?|nbr(?-u:\b)|num(?-u:\b)|number(?-u:\b)|id(?-u:\b)|identifier(?-u:\b)))";
        let labels = [
            format!(
                r"(?:member|subscriber|policy|insurance|insured|plan|benefit|beneficiary|enrollee|medicaid|medicare|health[ \t]+plan|group[ \t]+member|hicn?){num}"
            ),
            r"(?:member|subscriber|policy|insurance|medicaid|medicare)[ \t]*:".to_owned(),
            format!(
                r"(?:aetna|bcbs|blue[ \t]+cross(?:[ \t]+blue[ \t]+shield)?|blue[ \t]+shield|cigna|humana|anthem|kaiser|uhc|united[ \t]*healthcare|tricare|medi-cal|wellcare|molina|centene|ambetter|oscar)(?:[ \t]+member)?{num}"
            ),
            r"(?:medicare[ \t]+)?mbi".to_owned(),
            r"hicn".to_owned(),
            r"medicaid".to_owned(),
            r"medicare".to_owned(),
        ]
        .join("|");
        let l = "[AC-HJKMNP-RT-Y]";
        let a = "[AC-HJKMNP-RT-Y0-9]";
        (
            regex::Regex::new(&format!(
                r"(?i)(?-u:\b)(?:{labels})[ \t]*[:#=.]*[ \t]*(?:is[ \t]+)?([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)(?-u:\b)"
            ))
            .unwrap(),
            regex::Regex::new(&format!(r"(?-u:\b)[1-9]{l}{a}[0-9](-?){l}{a}[0-9](-?){l}{l}[0-9]{{2}}(?-u:\b)"))
                .unwrap(),
        )
    }

    /// The label and MBI scans against the regexes they replace, on pieces that hit their
    /// labels, separators, values and boundaries (with the long s and the Kelvin sign).
    #[test]
    fn scans_match_the_regexes_they_replace() {
        let (labelled_re, mbi_re) = old_regexes();
        let phrases = [
            "member",
            "Subscriber",
            "policy",
            "insurance",
            "Insured",
            "plan",
            "benefit",
            "beneficiary",
            "enrollee",
            "medicaid",
            "Medicare",
            "health  plan",
            "group member",
            "HIC",
            "hicn",
            "aetna",
            "BCBS",
            "blue cross",
            "Blue Cross Blue Shield",
            "blue shield",
            "Kaiser",
            "United HealthCare",
            "unitedhealthcare",
            "medi-cal",
            "oscar",
            " member",
            "mbi",
            " ",
            "\t",
            ":",
            "#",
            ".",
            "=",
            " is ",
            "no",
            "No.",
            "nbr",
            "number",
            "ID",
            "identifier",
            "123",
            "W9-",
            "A1B2",
            "-",
            "_",
            "x",
            "\u{17F}",
            "\u{212A}",
            "é",
            "\n",
        ];
        let mut found = 0;
        for s in random_texts(0x6A09_E667_F3BC_C908, &phrases, 9, 80000) {
            let want: Vec<_> = labelled_re
                .captures_iter(&s)
                .map(|c| c.get(1).map(|m| (m.start(), m.end())).unwrap())
                .collect();
            found += want.len();
            assert_eq!(labelled(&Haystack::new(&s)).collect::<Vec<_>>(), want, "{s:?}");
        }
        assert!(found > 1000, "{found}");
        let pieces = ["1EG4", "9Q77", "-", "TE5", "MK73", "TE99", " ", "_", "S"];
        let mut found = 0;
        for s in random_texts(0xBB67_AE85_84CA_A73B, &pieces, 6, 60000) {
            let want: Vec<_> = mbi_re
                .captures_iter(&s)
                .filter_map(|c| {
                    let (m, d1, d2) = (c.get(0).unwrap(), c.get(1).unwrap(), c.get(2).unwrap());
                    (d1.as_str() == d2.as_str()).then_some((m.start(), m.end(), !d1.as_str().is_empty()))
                })
                .collect();
            found += want.len();
            assert_eq!(mbis(&Haystack::new(&s)).collect::<Vec<_>>(), want, "{s:?}");
        }
        assert!(found > 50, "{found}");
    }

    #[test]
    fn table() {
        check_table(
            &HealthPlanId::new().unwrap(),
            EntityKind::HealthPlanId,
            &[
                ("Member ID: QMT652380282.", "QMT652380282"),
                ("Subscriber ID: SL05185660", "SL05185660"),
                ("Policy #06140815871", "06140815871"),
                ("Insurance: MBI 9Q77-FJ3-TE99", "9Q77-FJ3-TE99"),
                ("medicare mbi: 1g28k86jr97.", "1g28k86jr97"),
                ("Medicaid ID 00412987A", "00412987A"),
                ("member number is W926711036", "W926711036"),
                ("coverage on file: 1EG4-TE5-MK73", "1EG4-TE5-MK73"),
                ("1EG4TE5MK73", "1EG4TE5MK73"),
                ("Member #: 88120045", "88120045"),
                ("Insurance: Member ID: CWR421628535", "CWR421628535"),
                ("Policy: 5512-0098-77", "5512-0098-77"),
                ("Aetna ID: W123456789", "W123456789"),
                ("Blue Cross Blue Shield member ID XYP881234567", "XYP881234567"),
            ],
            &[
                "Member since 2019",
                "Policy #: pending",
                "1EG4-TE5MK73",
                "1SG4-TE5-MK73",
                "version 1.2.3",
                "plan of care: rest",
                "group 12",
                "Member: John Smith",
            ],
        );
    }
}
