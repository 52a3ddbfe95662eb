//! Records end to end over the fixtures in `tests/fixtures/records/` (synthetic values): field
//! names find identifiers, everything else comes out byte for byte, presets do what their
//! regulations say, allow-only lets nothing else out, block rules block, reports hold no value.

use sanitas::{
    BatchItem, Decision, EntityKind, ErrorKind, FieldAction, FieldRule, JsonlMode, JsonlStream, Level,
    Operator, Policy, Sanitizer,
};
use serde_json::{json, Value};

const FIXTURES: &[(&str, &str)] = &[
    ("intake", include_str!("fixtures/records/intake.json")),
    ("card-event", include_str!("fixtures/records/card-event.json")),
    ("fhir-bundle", include_str!("fixtures/records/fhir-bundle.json")),
    ("loan", include_str!("fixtures/records/loan.json")),
    ("ticket", include_str!("fixtures/records/ticket.json")),
];

struct Fixture {
    name: &'static str,
    /// The record as written in the fixture file (numbers with their original spelling).
    text: String,
    record: Value,
    identifiers: Vec<(String, EntityKind)>,
}

fn fixtures() -> Vec<Fixture> {
    FIXTURES
        .iter()
        .map(|(name, src)| {
            let v: Value = serde_json::from_str(src).unwrap();
            let identifiers = v["identifiers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(p, k)| {
                    let kind: EntityKind = serde_json::from_value(k.clone()).unwrap();
                    (p.clone(), kind)
                })
                .collect();
            Fixture { name, text: raw_member(src, "record"), record: v["record"].clone(), identifiers }
        })
        .collect()
}

/// The raw text of a top-level member of a JSON object (the fixture files put `"record"`
/// second, after `"about"`, and nothing after `"identifiers"` begins with `"record"`).
fn raw_member(src: &str, name: &str) -> String {
    let start = src.find(&format!("\"{name}\": ")).unwrap() + name.len() + 4;
    let mut depth = 0;
    let mut in_str = false;
    let mut esc = false;
    for (i, c) in src[start..].char_indices() {
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, '\\') => esc = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return src[start..start + i + 1].to_owned();
                }
            }
            _ => {}
        }
    }
    panic!("no member {name}");
}

fn leaves(v: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                leaves(c, format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                leaves(c, format!("{pointer}/{i}"), out);
            }
        }
        leaf => out.push((pointer, leaf.clone())),
    }
}

fn all_leaves(v: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    leaves(v, String::new(), &mut out);
    out
}

fn keyed(policy: &str) -> Policy {
    let mut p = Policy::from_json(policy).unwrap();
    p.key = Some(sanitas::Key::from_bytes(&[7; 32]).unwrap());
    p
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn field_names_find_exactly_the_identifiers() {
    for f in fixtures() {
        let mut s = Sanitizer::new(keyed("{}")).unwrap();
        let out = s.sanitize_json(&f.record).unwrap().output;
        let by_pointer: std::collections::HashMap<String, Value> = all_leaves(&out).into_iter().collect();
        for (pointer, value) in all_leaves(&f.record) {
            let got = by_pointer.get(&pointer);
            match f.identifiers.iter().find(|(p, _)| *p == pointer) {
                Some((_, kind)) if kind.is_sensitive_authentication_data() => {
                    assert!(got.is_none(), "{}: {pointer} ({kind}) must be dropped", f.name);
                }
                Some((_, kind)) => {
                    let token = got
                        .and_then(Value::as_str)
                        .unwrap_or_else(|| panic!("{}: {pointer} missing", f.name));
                    assert!(
                        token.starts_with(&format!("{}_", kind.name())),
                        "{}: {pointer} should be a {kind} token, got {token:?}",
                        f.name
                    );
                    assert_eq!(s.reidentify(token), text_of(&value), "{}: {pointer} round trip", f.name);
                }
                // Free text is checked by the detectors' tests; the ticket's bodies and the
                // key that is an e-mail are checked below.
                None if f.name == "ticket"
                    && (pointer.starts_with("/messages/") || pointer.starts_with("/seenBy")) => {}
                None => {
                    assert_eq!(got, Some(&value), "{}: {pointer} is not an identifier and must stay", f.name)
                }
            }
        }
    }
}

#[test]
fn text_in_text_out_keeps_untouched_numbers_exactly() {
    for f in fixtures() {
        let mut s = Sanitizer::new(keyed("{}")).unwrap();
        let out = s.sanitize_json_str(&f.text).unwrap().output;
        let parsed: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed, s.sanitize_json(&f.record).unwrap().output, "{}", f.name);
        for literal in ["70.0", "162.5", "18500.00", "84000.00", "6.25", "129900"] {
            if f.text.contains(literal) {
                assert!(out.contains(literal), "{}: {literal} lost its spelling in {out}", f.name);
            }
        }
    }
}

#[test]
fn numeric_leaves_are_scanned_and_named() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let out = s
        .sanitize_json(
            &json!({"ssn": 123456789, "zip": "02139", "account_number": "67121460", "firstName": "Ana",
            "amount": 4111111111111111u64, "count": 42, "orderId": 1234567890}),
        )
        .unwrap()
        .output;
    for (k, kind) in
        [("ssn", "SSN_"), ("zip", "ZIP_"), ("account_number", "BANK_ACCOUNT_"), ("firstName", "PERSON_")]
    {
        assert!(out[k].as_str().unwrap().starts_with(kind), "{k}: {}", out[k]);
    }
    // A Luhn-valid card number is a card number even in an amount field; other numbers stay.
    assert!(out["amount"].as_str().unwrap().starts_with("CREDIT_CARD_"));
    assert_eq!((out["count"].clone(), out["orderId"].clone()), (json!(42), json!(1234567890)));
}

#[test]
fn a_field_holding_only_a_date_is_a_date() {
    let mut s = Sanitizer::new(hipaa()).unwrap();
    let record = json!({"collected": "2024-02-02T08:00:00Z", "seen": "Mar 3, 2024", "createdAt": "2024-02-02T08:00:00Z",
        "ref": "Invoice 2024-001", "period": "2024-02", "version": "2024-01-02", "code": 20240202});
    let out = s.sanitize_json(&record).unwrap().output;
    assert_eq!((out["collected"].clone(), out["seen"].clone()), (json!("2024"), json!("2024")));
    for k in ["createdAt", "ref", "period", "version", "code"] {
        assert_eq!(out[k], record[k], "{k}");
    }
}

#[test]
fn unnamed_values_are_not_guessed() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let record = json!({"name": "statement.pdf", "merchant": {"name": "Blue Fern Cafe"}, "zip": "n/a", "age": 45,
        "dob": "unknown", "city": "", "status": "ok", "id": "u-1", "created_at": "2024-01-02T03:04:05Z"});
    let out = s.sanitize_json(&record).unwrap();
    assert_eq!(out.output, record);
    assert_eq!(out.report.decision, Decision::Allow);
    assert_eq!(out.report.total, 0);
}

#[test]
fn separated_ssn_and_phone_are_redacted_even_under_code_keys() {
    let mut s = Sanitizer::new(Policy::default()).unwrap();
    let record = json!({"status": "123-45-6789", "tag": "(212) 555-0188", "code": "212.555.0188",
        "ref": "555-0188", "type": "A12345678", "version": "2024-06-01"});
    let out = s.sanitize_json(&record).unwrap();
    let text = out.output.to_string();
    for planted in ["123-45-6789", "(212) 555-0188", "212.555.0188"] {
        assert!(!text.contains(planted), "{text}");
    }
    assert!(out.output["status"].as_str().unwrap().starts_with("SSN_"), "{text}");
    assert!(out.output["tag"].as_str().unwrap().starts_with("PHONE_"), "{text}");
    assert!(out.output["code"].as_str().unwrap().starts_with("PHONE_"), "{text}");
    // Short local numbers and codes under such keys are content, as before.
    for k in ["ref", "type", "version"] {
        assert_eq!(out.output[k], record[k], "{k}");
    }
}

fn hipaa() -> Policy {
    let mut p = Policy::preset("hipaa-safe-harbor").unwrap();
    p.reference_date = Some("2025-06-01".to_owned());
    p
}

#[test]
fn hipaa_safe_harbor_output_for_the_intake_form() {
    let f = fixtures().into_iter().find(|f| f.name == "intake").unwrap();
    let mut s = Sanitizer::new(hipaa()).unwrap();
    let out = s.sanitize_json(&f.record).unwrap().output;
    assert_eq!(
        out["patient"],
        json!({
            "firstName": "[PERSON]", "lastName": "[PERSON]",
            // Born 1931: the year reveals an age of 90 or more, so it joins the 90+ category.
            "dateOfBirth": "<=1935", "ageYears": "90+", "sex": "F", "ssnLast4": "[SSN]", "mrn": "[MRN]",
            "homeAddress": {"street": "[STREET_ADDRESS]", "city": "[CITY]", "state": "MN", "zipCode": "558"},
            "contact": {"mobilePhone": "[PHONE]", "email": "[EMAIL]", "preferredLanguage": "es"}
        })
    );
    assert_eq!(out["visit"]["date"], json!("2024"));
    assert_eq!(out["visit"]["provider"], json!({"name": "[PERSON]", "npi": "[NPI]"}));
    assert_eq!(out["vitals"], f.record["vitals"]);
    assert_eq!(out["notes"], f.record["notes"]);
}

#[test]
fn hipaa_safe_harbor_output_for_the_fhir_bundle() {
    let f = fixtures().into_iter().find(|f| f.name == "fhir-bundle").unwrap();
    let mut s = Sanitizer::new(hipaa()).unwrap();
    let out = s.sanitize_json(&f.record).unwrap().output;
    let patient = &out["entry"][0]["resource"];
    assert_eq!(patient["birthDate"], json!("<=1935"));
    assert_eq!(patient["address"][0]["postalCode"], json!("000"), "059 is a restricted ZIP3");
    assert_eq!(patient["address"][0]["line"], json!(["[STREET_ADDRESS]", "[STREET_ADDRESS]"]));
    assert_eq!(patient["extension"][1]["valueInteger"], json!("90+"));
    assert_eq!(patient["extension"][0]["valueCode"], json!("F"));
    assert_eq!(patient["name"][0]["given"], json!(["[PERSON]", "[PERSON]"]));
    assert_eq!(patient["name"][0]["prefix"], json!(["Mrs."]));
    assert_eq!(out["entry"][1]["resource"]["period"], json!({"start": "2024", "end": "2024"}));
    assert_eq!(out["entry"][2]["resource"]["effectiveDateTime"], json!("2024"));
    assert_eq!(
        out["entry"][3]["resource"]["name"],
        json!("Lakeside Medical Group"),
        "the organization stays"
    );
    assert_eq!(patient["id"], json!("[REDACTED]"), "(R) record ids go");
    assert_eq!(patient["generalPractitioner"][0]["reference"], json!("[REDACTED]"));
    assert_eq!(out["meta"], f.record["meta"], "record metadata is not a date of the person");
}

#[test]
fn hipaa_checker_invariants_hold_on_every_fixture() {
    // No date keeps more than its year, no ZIP more than three digits, no age over 89.
    for f in fixtures() {
        let mut s = Sanitizer::new(hipaa()).unwrap();
        let out = s.sanitize_json(&f.record).unwrap().output;
        let by_pointer: std::collections::HashMap<String, Value> = all_leaves(&out).into_iter().collect();
        for (pointer, kind) in &f.identifiers {
            let Some(v) = by_pointer.get(pointer) else { continue };
            let t = text_of(v);
            match kind {
                EntityKind::Date => assert!(
                    t.len() == 4 && t.parse::<u32>().is_ok() || t.starts_with("<=") && t.len() == 6,
                    "{}: {pointer} = {t}",
                    f.name
                ),
                EntityKind::Zip => {
                    assert!(t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit()) || t == "[ZIP]")
                }
                EntityKind::AgeOver89 => assert_eq!(t, "90+"),
                _ => assert!(t.starts_with('[') && t.ends_with(']'), "{}: {pointer} = {t}", f.name),
            }
        }
    }
}

#[test]
fn pci_dss_masks_pans_and_drops_authentication_data() {
    let f = fixtures().into_iter().find(|f| f.name == "card-event").unwrap();
    let mut s = Sanitizer::from_preset("pci-dss").unwrap();
    let done = s.sanitize_json(&f.record).unwrap();
    let pm = &done.output["payment-method"];
    assert_eq!(pm["card-number"], json!("5454 54** **** 5454"), "BIN and last four at most (3.4.1)");
    assert!(pm.get("cvc").is_none() && pm.get("track2").is_none(), "3.3.1: {pm}");
    assert!(done.report.dropped.contains(&"/payment-method/cvc".to_owned()));
    assert!(done.report.dropped.contains(&"/payment-method/track2".to_owned()));
    let text = done.output.to_string();
    assert!(!text.contains("731") && !text.contains("=2711"));
    // Never vaulted: no token of the CVC or the track can be turned back into them.
    assert!(done.report.entities[&EntityKind::CardCvv].contains_key("drop"));
    assert_eq!(done.report.entities[&EntityKind::CardCvv].len(), 1);
}

#[test]
fn pci_dss_with_a_block_rule_blocks_cvv_records() {
    let mut p = Policy::preset("pci-dss").unwrap();
    p.block = serde_json::from_value(json!([{"entity": "CARD_CVV"}])).unwrap();
    let mut s = Sanitizer::new(p).unwrap();
    let f = fixtures().into_iter().find(|f| f.name == "card-event").unwrap();
    let e = s.sanitize_json(&f.record).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::Blocked, "/payment-method/cvc"));
    assert_eq!(e.message(), "blocked by policy.block[0] (CARD_CVV)");
    let batch = s.sanitize_batch(&[f.record.clone(), json!({"ok": 1})]);
    assert!(matches!(&batch.items[0], BatchItem::Blocked { report } if report.decision == Decision::Block));
    assert!(matches!(&batch.items[1], BatchItem::Ok { output, .. } if *output == json!({"ok": 1})));
    assert_eq!(
        (batch.summary.blocked, batch.summary.allowed, batch.summary.blocked_at.clone()),
        (1, 1, vec![0])
    );
    let c = s.classify_json(&f.record).unwrap();
    assert_eq!(c.decision, Decision::Block);
    assert_eq!(c.blocked_by.unwrap().rule, "policy.block[0]");
}

#[test]
fn gdpr_tokens_everywhere_and_credentials_dropped() {
    let mut s = Sanitizer::from_preset("gdpr-pseudonymize").unwrap();
    let out = s
        .sanitize_json(
            &json!({"user": {"email": "kim@example.com", "password": "hunter2!", "apiKey": "k-12345678"},
            "plan": "pro"}),
        )
        .unwrap();
    assert!(out.output["user"]["email"].as_str().unwrap().starts_with("EMAIL_"));
    assert_eq!(out.output["user"].as_object().unwrap().len(), 1, "{}", out.output);
    assert_eq!(out.output["plan"], json!("pro"));
    assert_eq!(out.report.dropped, vec!["/user/password".to_owned(), "/user/apiKey".to_owned()]);
}

#[test]
fn strict_redacts_every_finding() {
    let f = fixtures().into_iter().find(|f| f.name == "loan").unwrap();
    let mut s = Sanitizer::from_preset("strict").unwrap();
    let out = s.sanitize_json(&f.record).unwrap().output;
    for (pointer, kind) in &f.identifiers {
        assert_eq!(out.pointer(pointer), Some(&json!(format!("[{kind}]"))), "{pointer}");
    }
    assert_eq!(out["REQUESTED_AMT"], f.record["REQUESTED_AMT"]);
}

#[test]
fn allow_only_lets_nothing_else_out() {
    let f = fixtures().into_iter().find(|f| f.name == "intake").unwrap();
    let policy = keyed(
        r#"{"allowOnly": true, "fields": [
            {"path": "/patient/ageYears", "action": "generalize"},
            {"path": "/patient/homeAddress/zipCode", "action": {"action": "generalize", "to": "zip3"}},
            {"path": "/diagnoses", "action": "scan"},
            {"path": "**/weightKg", "action": "keep"}
        ]}"#,
    );
    let mut s = Sanitizer::new(policy).unwrap();
    let done = s.sanitize_json_str(&f.text).unwrap();
    assert_eq!(
        done.output,
        r#"{"patient":{"ageYears":"90+","homeAddress":{"zipCode":"558"}},"vitals":{"weightKg":70.0},"diagnoses":[{"icd10":"E11.9","description":"Type 2 diabetes mellitus without complications"}]}"#
    );
    // Every leaf that is not allowed is absent from the output, whatever its value.
    let out: Value = serde_json::from_str(&done.output).unwrap();
    let kept: Vec<String> = all_leaves(&out).into_iter().map(|(p, _)| p).collect();
    for (pointer, _) in all_leaves(&f.record) {
        let allowed = pointer.starts_with("/diagnoses/")
            || ["/patient/ageYears", "/patient/homeAddress/zipCode", "/vitals/weightKg"]
                .contains(&pointer.as_str());
        assert_eq!(kept.contains(&pointer), allowed, "{pointer}");
    }
    assert!(done.report.dropped.contains(&"/formId".to_owned()));
    assert!(done.report.dropped.contains(&"/insurance".to_owned()), "emptied objects go as a whole");
}

#[test]
fn field_rules_most_specific_first() {
    let policy = keyed(
        r#"{"fields": [
            {"path": "/patient/**", "action": "redact"},
            {"path": "/patient/contact/email", "action": {"action": "mask", "keepLast": 4}},
            {"path": "**/notes", "action": "drop"},
            {"path": "/patient/sex", "action": "keep"},
            {"path": "/vitals/weightKg", "action": {"action": "generalize", "to": "bucket", "size": 10}},
            {"path": "/visit/date", "action": {"action": "generalize", "to": "yearMonth"}}
        ]}"#,
    );
    let f = fixtures().into_iter().find(|f| f.name == "intake").unwrap();
    let mut s = Sanitizer::new(policy).unwrap();
    let out = s.sanitize_json(&f.record).unwrap().output;
    assert_eq!(out["patient"]["firstName"], json!("[PERSON]"));
    assert_eq!(out["patient"]["state"], Value::Null, "no such field");
    assert_eq!(
        out["patient"]["homeAddress"]["state"],
        json!("[REDACTED]"),
        "a rule applies to unnamed leaves too"
    );
    assert_eq!(out["patient"]["contact"]["email"], json!("*.*******@******e.net"));
    assert_eq!(out["patient"]["sex"], json!("F"));
    assert!(out.get("notes").is_none());
    assert_eq!(out["vitals"]["weightKg"], json!("70-80"));
    assert_eq!(out["visit"]["date"], json!("2024-05"));
}

#[test]
fn reports_and_classifications_hold_no_input_value() {
    let vocabulary =
        ["PERSON", "EMAIL", "keep", "drop", "mask", "redact", "generalize", "scan", "pseudonymize"];
    for f in fixtures() {
        let record_keys: Vec<String> = {
            fn keys(v: &Value, out: &mut Vec<String>) {
                match v {
                    Value::Object(m) => m.iter().for_each(|(k, c)| {
                        out.push(k.clone());
                        keys(c, out)
                    }),
                    Value::Array(a) => a.iter().for_each(|c| keys(c, out)),
                    _ => {}
                }
            }
            let mut out = Vec::new();
            keys(&f.record, &mut out);
            out
        };
        for preset in sanitas::PRESET_NAMES {
            let mut s = Sanitizer::from_preset(preset).unwrap();
            let report = serde_json::to_string(&s.sanitize_json(&f.record).unwrap().report).unwrap();
            let class = serde_json::to_string(&s.classify_json(&f.record).unwrap()).unwrap();
            let batch = s.sanitize_batch(std::slice::from_ref(&f.record));
            let summary = serde_json::to_string(&batch.summary).unwrap();
            for (pointer, value) in all_leaves(&f.record) {
                let t = text_of(&value);
                // Values shorter than four characters, and values that are also (part of) key
                // names or report vocabulary, cannot be told apart from the report's own words.
                if t.chars().count() < 4
                    || record_keys.iter().any(|k| k.contains(&t))
                    || vocabulary.contains(&t.as_str())
                {
                    continue;
                }
                for (what, json) in [("report", &report), ("classification", &class), ("summary", &summary)] {
                    assert!(
                        !json.contains(&t),
                        "{}/{preset}: the {what} holds the value of {pointer}",
                        f.name
                    );
                }
            }
            // A key that is an identifier appears replaced in pointers.
            assert!(!report.contains("ops.lead@example.com") && !class.contains("ops.lead@example.com"));
        }
    }
}

#[test]
fn keys_that_are_identifiers_are_rewritten() {
    let f = fixtures().into_iter().find(|f| f.name == "ticket").unwrap();
    let mut s = Sanitizer::new(keyed("{}")).unwrap();
    let done = s.sanitize_json(&f.record).unwrap();
    let seen = done.output["seenBy"].as_object().unwrap();
    let (key, value) = seen.iter().next().unwrap();
    assert!(key.starts_with("EMAIL_"), "{key}");
    assert_eq!(value, &json!(true));
    assert_eq!(s.reidentify(key), "ops.lead@example.com");
    let body = done.output["messages"][0]["body"].as_str().unwrap();
    for planted in ["4111 1111 1111 1111", "GB82 WEST", "t.w@example.pl"] {
        assert!(!body.contains(planted), "{body}");
    }
    assert_eq!(done.output["messages"][1], f.record["messages"][1], "no identifier in the second message");
    let c = s.classify_json(&f.record).unwrap();
    assert!(c.fields.iter().any(|x| x.pointer == "/seenBy/[EMAIL]"), "{:?}", c.fields);
}

#[test]
fn classification_levels_categories_and_decisions() {
    let s = Sanitizer::new(Policy::default()).unwrap();
    let f = fixtures().into_iter().find(|f| f.name == "card-event").unwrap();
    let c = s.classify_json(&f.record).unwrap();
    assert_eq!((c.decision, c.level), (Decision::Transform, Level::Restricted));
    let cats: Vec<String> =
        c.categories.iter().map(|c| serde_json::to_value(c).unwrap().as_str().unwrap().to_owned()).collect();
    assert_eq!(cats, ["PII", "PCI", "FINANCIAL"]);
    let pan = c.fields.iter().find(|x| x.pointer == "/payment-method/card-number").unwrap();
    assert_eq!((pan.level, pan.actions.clone()), (Level::Restricted, vec!["pseudonymize"]));
    let cvc = c.fields.iter().find(|x| x.pointer == "/payment-method/cvc").unwrap();
    assert_eq!(cvc.actions, vec!["drop"]);
    assert_eq!(c.dropped, vec!["/payment-method/cvc".to_owned(), "/payment-method/track2".to_owned()]);

    let health = s.classify_json(&fixtures()[0].record).unwrap();
    assert!(health.categories.iter().any(|c| serde_json::to_value(c).unwrap() == "PHI"));
    let plain = s.classify_json(&json!({"status": "ok", "count": 3})).unwrap();
    assert_eq!((plain.decision, plain.level, plain.fields.len()), (Decision::Allow, Level::Public, 0));
    let text = s.classify_text("write to ana@example.org").unwrap();
    assert_eq!((text.fields[0].pointer.as_str(), text.level), ("", Level::Confidential));
}

#[test]
fn policy_errors_name_the_path() {
    let cases = [
        (
            r#"{"fields": [{"path": "/a", "action": "keep"}, {"path": "/b", "action": "encrypt"}]}"#,
            "policy.fields[1].action",
        ),
        (r#"{"fields": [{"path": "a/b", "action": "keep"}]}"#, "policy.fields[0].path"),
        (r#"{"fields": [{"path": "/a", "action": "keep", "why": 1}]}"#, "policy.fields[0].why"),
        (
            r#"{"fields": [{"path": "/a", "action": {"action": "generalize", "to": "bucket"}}]}"#,
            "policy.fields[0].action.size",
        ),
        (r#"{"entities": {"DATE": {"action": "generalize", "to": "decade"}}}"#, "policy.entities.DATE"),
        (r#"{"block": [{}]}"#, "policy.block[0]"),
        (r#"{"block": [{"entity": "CARD_CVC"}]}"#, "policy.block[0].entity"),
        (r#"{"allowOnly": true}"#, "policy.allowOnly"),
        (r#"{"referenceDate": "June 1"}"#, "policy.referenceDate"),
    ];
    for (json, path) in cases {
        let e = Policy::from_json(json).and_then(|p| p.compile().map(|_| ())).unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidPolicy, path), "{json}: {e}");
    }
}

#[test]
fn fingerprints_follow_behaviour_not_the_key() {
    let fp = |json: &str| Policy::from_json(json).unwrap().compile().unwrap().fingerprint().to_owned();
    let a = fp(r#"{"key": "00112233445566778899aabbccddeeff"}"#);
    assert_eq!(a, fp(r#"{"key": "ffeeddccbbaa99887766554433221100"}"#), "the key is not part of it");
    assert_eq!(a, fp(r#"{"minScore": 0.5}"#), "defaults are filled in");
    assert_ne!(a, fp(r#"{"entities": {"EMAIL": "redact"}}"#));
    assert!(a.starts_with("sha256:") && a.len() == 7 + 64);
    let mut s = Sanitizer::new(keyed("{}")).unwrap();
    let report = s.sanitize_text("a@b.co").unwrap().report;
    assert_eq!(report.policy, a);
    assert!(!serde_json::to_string(&report).unwrap().contains("0707070707"));
}

#[test]
fn field_rules_can_name_the_entity_and_scan() {
    let policy = keyed(
        r#"{"fields": [
            {"path": "/ref", "action": "pseudonymize", "entity": "MRN"},
            {"path": "/account_number", "action": "scan"}
        ]}"#,
    );
    let mut s = Sanitizer::new(policy).unwrap();
    let out = s.sanitize_json(&json!({"ref": "X-99", "account_number": "67121460"})).unwrap();
    assert!(out.output["ref"].as_str().unwrap().starts_with("MRN_"));
    // Eight digits without a label are nothing to the text detectors.
    assert_eq!(out.output["account_number"], json!("67121460"), "scan ignores the field name");
    let fr = FieldRule::new("/x", FieldAction::Apply(Operator::Redact));
    assert_eq!(serde_json::to_value(&fr).unwrap(), json!({"path": "/x", "action": {"action": "redact"}}));
}

#[test]
fn jsonl_stream_over_the_fixtures() {
    let mut input = String::new();
    for f in fixtures() {
        input.push_str(&serde_json::to_string(&serde_json::from_str::<Value>(&f.text).unwrap()).unwrap());
        input.push('\n');
    }
    let mut s = Sanitizer::new(keyed("{}")).unwrap();
    let mut stream = JsonlStream::new(JsonlMode::Sanitize);
    let mut out = String::new();
    for chunk in input.as_bytes().chunks(7) {
        out += &stream.push(&mut s, chunk).unwrap();
    }
    out += &stream.finish(&mut s).unwrap();
    assert_eq!(out.lines().count(), FIXTURES.len());
    let summary = stream.summary();
    assert_eq!((summary.records, summary.transformed), (FIXTURES.len() as u64, FIXTURES.len() as u64));
    assert!(summary.fields.contains_key("/entry/*/resource/name/*/given/*"), "{:?}", summary.fields.keys());
}

#[test]
fn presets_round_trip_as_policy_json() {
    for name in sanitas::PRESET_NAMES {
        let preset = Policy::preset(name).unwrap();
        let json = serde_json::to_value(&preset).unwrap();
        let back = Policy::from_value(json).unwrap();
        assert_eq!(back.compile().unwrap().fingerprint(), preset.compile().unwrap().fingerprint(), "{name}");
    }
}

#[test]
fn names_the_fields_reveal_are_found_again_in_the_record_free_text() {
    let mut s = Sanitizer::new(keyed("{}")).unwrap();
    let record = json!({
        "notes": "Callback for QUILLFEATHER, ORSOLYA re the Brackenmoor office; Orsolya will confirm.",
        "patient": {"first_name": "Orsolya", "last_name": "Quillfeather"},
        "office": {"city": "Brackenmoor"},
        "other": "Quill feathers are not names."
    });
    let out = s.sanitize_json(&record).unwrap().output;
    let notes = out["notes"].as_str().unwrap();
    for gone in ["QUILLFEATHER", "ORSOLYA", "Orsolya", "Brackenmoor"] {
        assert!(!notes.contains(gone), "{notes}");
    }
    assert!(notes.starts_with("Callback for PERSON_") && notes.contains(" re the CITY_"), "{notes}");
    assert_eq!(out["other"], record["other"], "only whole words are mentions");
    assert_eq!(s.reidentify(notes), record["notes"].as_str().unwrap());
}
