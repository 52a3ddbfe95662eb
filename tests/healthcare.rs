//! Healthcare, dates and places end to end: every planted identifier leaves only as a token,
//! clinical content (doses, labs, vitals, codes, times, years, rooms) stays byte for byte, and
//! the output comes back to the input.

use sanitas::{EntityKind, Policy, Sanitizer};
use serde_json::json;

/// A discharge summary written for this test (no real person; checksums made to pass).
const NOTE: &str = "DISCHARGE SUMMARY\n\
    MRN: 00417729    DOB: 02/29/1932    Admitted: March 3rd, 2024    Discharged: 2024-03-09\n\
    Insurance: Medicare MBI 1EG4-TE5-MK73; secondary Member ID: QXA559102348\n\
    Attending: NPI 1245319599. Controlled substances signed, DEA AB1234563.\n\
    Home: 4410 Old Mill Road Apt. 7, Fairview Heights, IL 62208-1140\n\
    HPI: a 93-year-old woman with HTN (I10) and T2DM (E11.9), on metoprolol 25 mg BID.\n\
    Vitals at 14:45: BP 128/82, HR 72, SpO2 97%, HbA1c 7.2%. Seen in Rm 412B, Bed 2.\n\
    Diabetes since 2008. Billing: CPT 99213; copay $25.00. Order 2125550139 shipped (it passes the\n\
    NPI checksum, but an order label owns it).\n\
    Follow up 14 Apr 2024 at 10:30 AM; prior echo 11.03.2019; HL7 PID|||19320229|";

const PLANTED: &[(&str, EntityKind)] = &[
    ("00417729", EntityKind::Mrn),
    ("02/29/1932", EntityKind::Date),
    ("March 3rd, 2024", EntityKind::Date),
    ("2024-03-09", EntityKind::Date),
    ("1EG4-TE5-MK73", EntityKind::HealthPlanId),
    ("QXA559102348", EntityKind::HealthPlanId),
    ("1245319599", EntityKind::Npi),
    ("AB1234563", EntityKind::DeaNumber),
    ("4410 Old Mill Road Apt. 7", EntityKind::StreetAddress),
    ("Fairview Heights", EntityKind::City),
    ("62208-1140", EntityKind::Zip),
    ("93-year-old", EntityKind::AgeOver89),
    ("14 Apr 2024", EntityKind::Date),
    ("11.03.2019", EntityKind::Date),
    ("19320229", EntityKind::Date),
];

/// The kinds of the healthcare, dates and places group.
const GROUP: &[EntityKind] = &[
    EntityKind::Date,
    EntityKind::AgeOver89,
    EntityKind::StreetAddress,
    EntityKind::City,
    EntityKind::Zip,
    EntityKind::Mrn,
    EntityKind::Npi,
    EntityKind::HealthPlanId,
    EntityKind::DeaNumber,
];

/// Useful content that must survive untouched.
const KEPT: &[&str] = &[
    "(I10)",
    "(E11.9)",
    "metoprolol 25 mg BID",
    "at 14:45",
    "BP 128/82",
    "HR 72",
    "SpO2 97%",
    "HbA1c 7.2%",
    "Rm 412B, Bed 2",
    "since 2008",
    "CPT 99213",
    "$25.00",
    "Order 2125550139",
    "at 10:30 AM",
    ", IL ",
];

#[test]
fn planted_identifiers_are_found_with_their_kind() {
    let s = Sanitizer::new(Policy::default()).unwrap();
    // Only this group's kinds: names are another recognizer's business.
    let found: Vec<(EntityKind, &str)> = s
        .scan(NOTE)
        .unwrap()
        .into_iter()
        .filter(|f| GROUP.contains(&f.entity))
        .map(|f| (f.entity, &NOTE[f.start..f.end]))
        .collect();
    for &(value, kind) in PLANTED {
        assert!(found.contains(&(kind, value)), "{kind} {value:?} not found; got {found:?}");
    }
    assert_eq!(found.len(), PLANTED.len(), "unexpected findings: {found:?}");
}

#[test]
fn identifiers_leave_as_tokens_and_clinical_content_stays() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let out = s.sanitize_text(NOTE).unwrap();
    for (value, kind) in PLANTED {
        assert!(!out.output.contains(value), "{kind} {value:?} leaked: {}", out.output);
    }
    for kept in KEPT {
        assert!(out.output.contains(kept), "{kept:?} was altered: {}", out.output);
    }
    assert_eq!(s.reidentify(&out.output), NOTE);
}

#[test]
fn ages_up_to_89_and_bare_years_stay() {
    let s = Sanitizer::new(Policy::default()).unwrap();
    for text in [
        "a 89-year-old man, age 45, 72 y/o",
        "since 2008; dx 1996",
        "at 10:30 AM and 1614 hrs",
        "taper 5/10/20 mg",
        "Billing: CPT 99213, 93000",
        "Unit: Bay 16; Room 942",
        "born at 36 2/7 weeks",
    ] {
        assert_eq!(s.scan(text).unwrap(), vec![], "{text}");
    }
}

#[test]
fn record_leaves_with_dates_addresses_and_npis() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let record = json!({
        "patient": {"birthDate": "1932-02-29", "address": {"line": ["4410 Old Mill Road Apt. 7"]}},
        "encounter": {"start": "2024-03-03T09:30:00-05:00", "provider": {"npi": "1245319599"}},
        "observation": {"code": "4548-4", "value": 7.2, "unit": "%"}
    });
    let out = s.sanitize_json(&record).unwrap().output;
    for pointer in
        ["/patient/birthDate", "/patient/address/line/0", "/encounter/start", "/encounter/provider/npi"]
    {
        let leaf = out.pointer(pointer).and_then(|v| v.as_str()).unwrap();
        assert_eq!(s.reidentify(leaf), record.pointer(pointer).and_then(|v| v.as_str()).unwrap());
        assert_ne!(out.pointer(pointer), record.pointer(pointer), "{pointer} was not replaced");
    }
    assert_eq!(out["observation"], record["observation"]);
}
