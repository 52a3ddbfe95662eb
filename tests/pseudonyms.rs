//! Pseudonyms through the public Rust API: tokens that survive what a model does to them,
//! surrogates and date shift at application-supplied spans, the vault, and streaming.

use sanitas::{EntityKind, ErrorKind, Key, Policy, Sanitizer};

const KEY: &str = "3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0f1e2d9";

fn sanitizer(policy: &str) -> Sanitizer {
    Sanitizer::with_key(Policy::from_json(policy).unwrap(), Key::from_hex(KEY).unwrap()).unwrap()
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.contains('_') && w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .map(str::to_owned)
        .collect()
}

/// Splits `text` into chunks of pseudo-random sizes 1..=64 bytes (on character boundaries).
fn chunks(text: &str, mut seed: u64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut j = (i + 1 + (seed >> 33) as usize % 64).min(text.len());
        while !text.is_char_boundary(j) {
            j += 1;
        }
        out.push(&text[i..j]);
        i = j;
    }
    out
}

#[test]
fn tokens_survive_what_models_do_to_them() {
    let mut s = sanitizer("{}");
    let out = s.sanitize_text("Mail ana.lima@example.org; card 4111 1111 1111 1111.").unwrap().output;
    let t = tokens(&out);
    let (email, card) = (&t[0], &t[1]);
    let cases = [
        (format!("\"{email}\""), "\"ana.lima@example.org\""),
        (format!("{email}."), "ana.lima@example.org."),
        (format!("{email}'s"), "ana.lima@example.org's"),
        (format!("**{email}**"), "**ana.lima@example.org**"),
        (format!("*{email}*"), "*ana.lima@example.org*"),
        (format!("_{email}_"), "_ana.lima@example.org_"),
        (format!("`{email}`"), "`ana.lima@example.org`"),
        (format!("* {email}\n* {card}"), "* ana.lima@example.org\n* 4111 1111 1111 1111"),
        (format!("| {email} |"), "| ana.lima@example.org |"),
        (format!("[{card}](#{email})"), "[4111 1111 1111 1111](#ana.lima@example.org)"),
        (format!("{{\"to\": \"{email}\"}}"), "{\"to\": \"ana.lima@example.org\"}"),
        (email.replace('_', "\\_"), "ana.lima@example.org"),
        (card.replace('_', "\\_"), "4111 1111 1111 1111"),
        (format!("{email}s"), "ana.lima@example.orgs"),
    ];
    for (answer, want) in &cases {
        assert_eq!(s.reidentify(answer), *want, "{answer}");
    }
    assert_eq!(s.reidentify(&email.to_lowercase()), email.to_lowercase(), "tokens are matched as issued");
}

#[test]
fn surrogates_and_shifted_dates_at_supplied_spans_round_trip_and_stream() {
    let mut s = sanitizer(
        r#"{"defaultAction":"surrogate","entities":{"DATE":{"action":"dateShift","keepWeekday":true}}}"#,
    );
    let text =
        "Pt. Smith, John (DOB 03/14/1962) seen Monday, March 1, 2021 by Dr. Ana Lima; JOHN SMITH consented.";
    let span = |v: &str| {
        let a = text.find(v).unwrap();
        a..a + v.len()
    };
    let spans = [
        (EntityKind::Person, span("Smith, John")),
        (EntityKind::Date, span("03/14/1962")),
        (EntityKind::Date, span("Monday, March 1, 2021")),
        (EntityKind::Person, span("Ana Lima")),
        (EntityKind::Person, span("JOHN SMITH")),
    ];
    let out = s.sanitize_text_with(text, &spans).unwrap().output;
    for (_, r) in &spans {
        assert!(!out.contains(&text[r.clone()]), "{} in {out}", &text[r.clone()]);
    }
    assert!(out.contains("Monday, "), "weekday kept: {out}");
    assert!(tokens(&out).is_empty(), "{out}");
    assert_eq!(s.reidentify(&out), text);
    for seed in 0..20 {
        let mut r = s.reidentifier();
        let streamed: String = chunks(&out, seed).iter().map(|c| r.push(c)).collect::<String>() + &r.finish();
        assert_eq!(streamed, text);
    }
    let e = s.sanitize_text_with(text, &[(EntityKind::Person, 0..500)]).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidInput, "spans[0]"));
}

#[test]
fn vault_export_import_and_clear() {
    let mut a = sanitizer("{}");
    let text = "SSN 123-45-6789, phone (212) 555-0188 and 212-555-0188.";
    let out = a.sanitize_text(text).unwrap().output;
    let exported = a.export_vault();
    let mut b = Sanitizer::new(Policy::default()).unwrap();
    assert_eq!(b.import_vault(exported.clone()).unwrap(), a.vault_len());
    assert_eq!(b.reidentify(&out), text);
    // Same key, same tokens: a second session with the imported vault keeps issuing them.
    let mut c = sanitizer("{}");
    c.import_vault(exported).unwrap();
    assert_eq!(c.sanitize_text(text).unwrap().output, out);
    a.clear_vault();
    assert_eq!((a.vault_len(), a.reidentify(&out)), (0, out.clone()));
}

#[test]
fn a_reidentifier_serves_what_was_issued_before_it() {
    let mut s = sanitizer("{}");
    let first = s.sanitize_text("a@example.net").unwrap().output;
    let mut r = s.reidentifier();
    let second = s.sanitize_text("b@example.net").unwrap().output;
    assert_eq!(r.push(&format!("{first} {second}")) + &r.finish(), format!("a@example.net {second}"));
    let mut r = s.reidentifier();
    assert_eq!(r.push(&format!("{first} {second}")) + &r.finish(), "a@example.net b@example.net");
}
