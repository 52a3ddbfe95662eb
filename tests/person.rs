//! Names end to end through the public API: every mention of a name leaves only as a token,
//! clinical and financial content around it stays, and the round trip restores the text.

use sanitas::{EntityKind, Policy, Sanitizer};

const NOTE: &str = "Referral\nDear Dr. Okonkwo,\n\n\
    I am referring Mrs. Adaeze Nwosu-Baker (DOB 3/14/1962) for Parkinson's disease follow-up. \
    Her husband Tobias attends visits; Mrs. Nwosu-Baker prefers mornings. \
    Current therapy: carbidopa-levodopa 25/100 mg TID, BP 128/82, HbA1c 7.2%, ICD-10 G20.\n\
    NWOSU-BAKER, ADAEZE signed the consent at Johns Hopkins.\n\n\
    Regards,\nMarisol Quintero-Vega, NP";

const NAMES: &[&str] =
    &["Okonkwo", "Adaeze", "Nwosu-Baker", "NWOSU-BAKER", "ADAEZE", "Tobias", "Marisol", "Quintero-Vega"];
const KEPT: &[&str] = &[
    "Dear Dr. ",
    "Parkinson's disease",
    "carbidopa-levodopa 25/100 mg TID",
    "BP 128/82",
    "HbA1c 7.2%",
    "ICD-10 G20",
    "Johns Hopkins",
    "Regards,",
    ", NP",
];

#[test]
fn every_mention_leaves_as_a_token_and_content_stays() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let out = s.sanitize_text(NOTE).unwrap();
    for name in NAMES {
        assert!(!out.output.contains(name), "{name} leaked: {}", out.output);
    }
    for kept in KEPT {
        assert!(out.output.contains(kept), "{kept} was altered: {}", out.output);
    }
    assert_eq!(s.reidentify(&out.output), NOTE);
}

#[test]
fn names_are_typed_and_titles_stay_outside() {
    let s = Sanitizer::new(Policy::default()).unwrap();
    let found: Vec<&str> = s
        .scan(NOTE)
        .unwrap()
        .into_iter()
        .filter(|f| f.entity == EntityKind::Person)
        .map(|f| &NOTE[f.start..f.end])
        .collect();
    assert_eq!(
        found,
        vec![
            "Okonkwo",
            "Adaeze Nwosu-Baker",
            "Tobias",
            "Nwosu-Baker",
            // Mentions of parts already found, one finding each.
            "NWOSU-BAKER",
            "ADAEZE",
            "Marisol Quintero-Vega"
        ]
    );
}

#[test]
fn the_policy_threshold_applies_to_names() {
    // "Maria Zorbu" rests on the census lists alone (a known first name, score below 0.7);
    // "Dr. Lynch" on a title.
    let text = "Called Maria Zorbu. Seen by Dr. Lynch.";
    let strict = Sanitizer::new(Policy::from_json(r#"{"minScore": 0.7}"#).unwrap()).unwrap();
    let names: Vec<&str> = strict.scan(text).unwrap().iter().map(|f| &text[f.start..f.end]).collect();
    assert_eq!(names, vec!["Lynch"]);
    let default = Sanitizer::new(Policy::default()).unwrap();
    assert_eq!(default.scan(text).unwrap().len(), 2);
}
