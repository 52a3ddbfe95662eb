//! Secrets hygiene: the key (hex, raw bytes, and the bytes as Debug would print them) and every
//! detected value are absent from every output, report, error message and Debug rendering the
//! public API can produce. (The wasm memory search for the key after `free()` is in
//! tests/js/secrets.test.mjs.)

use sanitas::{Error, Policy, Sanitizer};
use serde_json::json;

const KEY_HEX: &str = "c0ffee00d15ea5e5feedfacecafebeef0123456789abcdef8badf00ddeadbeef";

/// Every rendering of the key that must never appear.
fn key_forms() -> Vec<String> {
    let bytes: Vec<u8> =
        (0..KEY_HEX.len() / 2).map(|i| u8::from_str_radix(&KEY_HEX[2 * i..2 * i + 2], 16).unwrap()).collect();
    let mut forms = vec![
        KEY_HEX.to_owned(),
        KEY_HEX.to_uppercase(),
        KEY_HEX[..16].to_owned(), // any long run of it
        KEY_HEX[KEY_HEX.len() - 16..].to_owned(),
        format!("{:?}", &bytes[..8]), // `[192, 255, 238, ...` as a derived Debug prints bytes
        String::from_utf8_lossy(&bytes).into_owned(),
    ];
    forms.push(bytes[..8].iter().map(|b| b.to_string()).collect::<Vec<_>>().join(", "));
    forms
}

const NOTE: &str = "Pt Ana, mail ana.r@example.org, SSN 078-05-1120, card 4111-1111-1111-1111, \
                    IBAN GB82 WEST 1234 5698 7654 32, call (212) 555-0188.";

fn keyed(extra: &str) -> Result<Sanitizer, Error> {
    Sanitizer::new(Policy::from_json(&format!(r#"{{"key":"{KEY_HEX}"{extra}}}"#))?)
}

fn assert_clean(what: &str, rendered: &str, detected: &[String]) {
    for k in key_forms() {
        assert!(!rendered.contains(&k), "{what} shows the key ({k:?}): {rendered}");
    }
    for v in detected {
        assert!(!rendered.contains(v.as_str()), "{what} shows the detected value {v:?}: {rendered}");
    }
}

fn detected(s: &Sanitizer, text: &str) -> Vec<String> {
    let found: Vec<String> = s.scan(text).unwrap().iter().map(|f| text[f.start..f.end].to_owned()).collect();
    assert!(found.len() >= 5, "the note should have five identifiers: {found:?}");
    found
}

#[test]
fn outputs_reports_and_debug_hold_neither_key_nor_values() {
    for action in ["pseudonymize", "redact", "drop", "mask"] {
        let mut s = keyed(&format!(r#","defaultAction":"{action}""#)).unwrap();
        let values = detected(&s, NOTE);
        let text = s.sanitize_text(NOTE).unwrap();
        assert_clean("text output", &text.output, &values);
        assert_clean("text report", &serde_json::to_string(&text.report).unwrap(), &values);
        assert_clean("Debug of the result", &format!("{text:?}"), &values);
        let record =
            json!({"note": NOTE, "contact": {"email": "ana.r@example.org", "n": 4111111111111111u64}});
        let json = s.sanitize_json(&record).unwrap();
        assert_clean("record output", &json.output.to_string(), &values);
        assert_clean("record report", &serde_json::to_string(&json.report).unwrap(), &values);
        assert_clean("Debug of the Sanitizer", &format!("{s:?} {s:#?}"), &values);
        // Re-identification is the one place values come back, and only for this vault's tokens.
        if action == "pseudonymize" {
            assert_eq!(s.reidentify(&text.output), NOTE);
        }
    }
}

#[test]
fn policies_never_render_the_key() {
    let p = Policy::from_json(&format!(r#"{{"key":"{KEY_HEX}","entities":{{"EMAIL":"redact"}}}}"#)).unwrap();
    assert_clean("Debug of the policy", &format!("{p:?} {p:#?}"), &[]);
    let json = serde_json::to_string(&p).unwrap();
    assert_clean("serialized policy", &json, &[]);
    assert!(!json.contains("key"), "{json}");
}

#[test]
fn errors_never_show_the_key_or_input_values() {
    let mut errors: Vec<Error> = Vec::new();
    // Bad keys of every kind, and good keys next to other mistakes.
    for policy in [
        format!(r#"{{"key":"{}"}}"#, &KEY_HEX[..30]),
        format!(r#"{{"key":"{KEY_HEX}z"}}"#),
        format!(r#"{{"key":"{}zz"}}"#, &KEY_HEX[..62]),
        format!(r#"{{"key":["{KEY_HEX}"]}}"#),
        format!(r#"{{"key":{{"{KEY_HEX}":1}}}}"#),
        // A key mistakenly given as a number: serde would quote it in "invalid type: integer".
        r#"{"key":12345678901234567890}"#.to_owned(),
        format!(r#"{{"key":"{KEY_HEX}","entitys":{{}}}}"#),
        format!(r#"{{"key":"{KEY_HEX}","minScore":7}}"#),
        format!(r#"{{"key":"{KEY_HEX}","limits":{{"maxDepth":0}}}}"#),
        format!(r#"{{"key":"{KEY_HEX}"}} trailing"#),
        format!(r#"{{"key":"{KEY_HEX}","key":"{KEY_HEX}"}}"#),
    ] {
        match Policy::from_json(&policy).and_then(Sanitizer::new) {
            Err(e) => errors.push(e),
            Ok(_) => panic!("accepted: {policy}"),
        }
    }
    // Input errors while holding detected values.
    let mut s = keyed(r#","limits":{"maxInputBytes":60,"maxFindings":1,"maxDepth":2}"#).unwrap();
    errors.push(s.sanitize_text(NOTE).unwrap_err());
    errors.push(s.sanitize_text("ana.r@example.org 078-05-1120").unwrap_err());
    errors.push(s.sanitize_json(&json!({"a": {"b": {"ssn": "078-05-1120"}}})).unwrap_err());
    errors.push(s.scan(NOTE).unwrap_err());
    let mut small = keyed(r#","limits":{"maxVaultEntries":1}"#).unwrap();
    errors.push(small.sanitize_text("ana.r@example.org and 078-05-1120").unwrap_err());
    let values: Vec<String> =
        ["ana.r@example.org", "078-05-1120", "4111-1111-1111-1111", "GB82 WEST", "555-0188", "1234567890"]
            .map(String::from)
            .into();
    assert_eq!(errors.len(), 16);
    for e in &errors {
        assert_clean("an error", &format!("{e} | {e:?} | {}", e.message()), &values);
    }
}
