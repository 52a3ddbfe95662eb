//! Health plan beneficiary numbers (HIPAA Safe Harbor identifier I): member, subscriber,
//! policy, plan, insurance, Medicaid and Medicare IDs found by their label (`Member ID:`,
//! `Subscriber #`, `Policy #`, `Medicare MBI`), and Medicare Beneficiary Identifiers anywhere by
//! their CMS layout (`1EG4-TE5-MK73`, `1EG4TE5MK73`; `checksum::mbi`).

use super::{builtin_regex, checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct HealthPlanId {
    labelled: regex::Regex,
    mbi: regex::Regex,
}

impl HealthPlanId {
    pub(crate) fn new() -> Result<Self> {
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
        // MBI letters: A-Z without S, L, O, I, B, Z.
        let l = "[AC-HJKMNP-RT-Y]";
        let a = "[AC-HJKMNP-RT-Y0-9]";
        Ok(HealthPlanId {
            labelled: builtin_regex(&format!(
                r"(?i)(?-u:\b)(?:{labels})[ \t]*[:#=.]*[ \t]*(?:is[ \t]+)?([A-Za-z0-9-]*[0-9][A-Za-z0-9-]*)(?-u:\b)"
            ))?,
            mbi: builtin_regex(&format!(
                r"(?-u:\b)[1-9]{l}{a}[0-9](-?){l}{a}[0-9](-?){l}{l}[0-9]{{2}}(?-u:\b)"
            ))?,
        })
    }
}

impl Recognizer for HealthPlanId {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for c in self.labelled.captures_iter(text) {
            let Some(v) = c.get(1) else { continue };
            let value = v.as_str().trim_matches('-');
            let v_start = v.end() - v.as_str().trim_start_matches('-').len();
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
        for c in self.mbi.captures_iter(text) {
            let (Some(m), Some(d1), Some(d2)) = (c.get(0), c.get(1), c.get(2)) else { continue };
            // Both dashes or neither (`1EG4-TE5-MK73`, `1EG4TE5MK73`).
            if d1.as_str() != d2.as_str() {
                continue;
            }
            let score = if d1.as_str().is_empty() { 0.6 } else { 0.75 };
            out.push(Finding::new(EntityKind::HealthPlanId, m.start(), m.end(), score, true));
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
