//! The accuracy benchmark as a regression test: scores the default policy on the project's
//! fixture corpus (`tests/fixtures/`) and fails when any figure falls below its pin in
//! `tests/support/accuracy.rs` (per-entity recall, precision and leak; negatives altered;
//! disguised identifiers leaked or not wholly covered; round trips).
//!
//! `cargo run --release --example accuracy` prints the same figures.

#[path = "support/accuracy.rs"]
mod accuracy;

use accuracy::{load, score, table, violations, ACCURACY, ENTITY_PINS, OBFUSCATED};
use sanitas::{EntityKind, Policy, Sanitizer};

#[test]
fn figures_hold_their_pins() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let acc = score(&mut s, &load(ACCURACY));
    let obf = score(&mut s, &load(OBFUSCATED));
    let v = violations(&acc, &obf);
    assert!(v.is_empty(), "{}\n\n{}\n{}", v.join("\n"), table("accuracy", &acc), table("obfuscated", &obf));
}

#[test]
fn the_corpus_covers_the_whole_catalog() {
    let items = load(ACCURACY);
    for &kind in EntityKind::ALL {
        let n = items.iter().flat_map(|i| &i.spans).filter(|s| s.kind == kind.name()).count();
        // PINs are typed at a terminal and appear in logs rarely; every other kind is planted often.
        assert!(n >= 16, "{kind}: only {n} planted");
        assert!(ENTITY_PINS.iter().any(|p| p.0 == kind.name()), "{kind}: no pin row");
    }
    let negatives: std::collections::BTreeSet<_> =
        items.iter().flat_map(|i| &i.negatives).map(|n| n.kind.as_str()).collect();
    for kind in [
        "MEDICATION_DOSE",
        "LAB_VALUE",
        "ICD10_CODE",
        "CPT_CODE",
        "MONEY",
        "PERCENT",
        "TIME",
        "YEAR",
        "ROOM_NUMBER",
        "REFERENCE_NUMBER",
        "INVALID_SSN",
        "INVALID_CARD",
        "VERSION",
        "GIT_HASH",
        "UUID",
    ] {
        assert!(negatives.contains(kind), "no {kind} negatives");
    }
}

#[test]
fn the_leak_check_catches_what_it_should() {
    use accuracy::{leaked, Span};
    let span = |kind: &str, value: &str, canonical: Option<&str>| Span {
        kind: kind.into(),
        start: 0,
        end: value.len(),
        value: value.into(),
        canonical: canonical.map(Into::into),
        obfuscation: None,
    };
    let ssn = span("SSN", "123-45-6789", None);
    assert!(leaked(&ssn, "SSN 123-45-6789."));
    assert!(leaked(&ssn, "SSN 123 45 6789."), "digit run");
    assert!(leaked(&ssn, "SSN 123456789."), "separators");
    assert!(!leaked(&ssn, "SSN SSN_3MZ8K2QD."));
    let disguised = span("EMAIL", "j\u{200b}ane@x.org", Some("jane@x.org"));
    assert!(leaked(&disguised, "mail j\u{200b}ane@x.org"));
    assert!(leaked(&disguised, "mail jane@x.org"));
    assert!(!leaked(&disguised, "mail EMAIL_3MZ8K2QD"));
    assert!(!leaked(&span("PERSON", "Ana Ruiz", None), "ana.ruiz@x.org"), "names are not compared stripped");
}
