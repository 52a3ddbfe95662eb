//! The JS-facing API compiled to wasm, run by wasm-bindgen-test in Node and (with
//! `WASM_BINDGEN_USE_BROWSER=1`) in headless Chromium.
#![cfg(target_arch = "wasm32")]

#[path = "support/accuracy.rs"]
mod accuracy;

use sanitas::{JsJsonlStream, JsSanitizer};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap()
}

fn error_parts(e: JsValue) -> (String, String, String) {
    let err: js_sys::Error = e.dyn_into().expect("a real Error");
    (err.name().into(), get(&err, "code").as_string().unwrap(), get(&err, "path").as_string().unwrap())
}

const TEXT: &str = "Mail jane.doe@example.com, SSN 123-45-6789, card 4111 1111 1111 1111, \
                    IBAN GB82 WEST 1234 5698 7654 32. Not a card: 4111 1111 1111 1112; not an SSN: 000-12-3456.";

#[wasm_bindgen_test]
fn sanitize_and_reidentify_round_trip() {
    let mut s = JsSanitizer::new(None).unwrap();
    let result = s.sanitize(JsValue::from_str(TEXT)).unwrap();
    let output = get(&result, "output").as_string().unwrap();
    for secret in ["jane.doe@example.com", "123-45-6789", "4111 1111 1111 1111", "GB82 WEST"] {
        assert!(!output.contains(secret), "{secret} leaked: {output}");
    }
    assert!(output.contains("4111 1111 1111 1112") && output.contains("000-12-3456"));
    assert_eq!(s.reidentify(JsValue::from_str(&output)).unwrap(), TEXT);
    let report = get(&result, "report");
    assert_eq!(get(&report, "total").as_f64(), Some(4.0));
}

#[wasm_bindgen_test]
fn random_keys_come_from_the_platform() {
    let mut a = JsSanitizer::new(None).unwrap();
    let mut b = JsSanitizer::new(None).unwrap();
    let ta = get(&a.sanitize("x@y.org".into()).unwrap(), "output").as_string().unwrap();
    let tb = get(&b.sanitize("x@y.org".into()).unwrap(), "output").as_string().unwrap();
    assert!(ta.starts_with("EMAIL_") && tb.starts_with("EMAIL_"));
    assert_ne!(ta, tb, "two random keys must give unlinkable tokens");
}

#[wasm_bindgen_test]
fn scan_reports_utf16_offsets() {
    let s = JsSanitizer::new(None).unwrap();
    let text = "😀 é a@b.co";
    let findings: js_sys::Array = s.scan(text.into()).unwrap().dyn_into().unwrap();
    assert_eq!(findings.length(), 1);
    let f = findings.get(0);
    assert_eq!(get(&f, "entity").as_string().unwrap(), "EMAIL");
    // 😀 is two UTF-16 units, so the e-mail starts at 2 + 1 + 1 + 1 = 5.
    assert_eq!(get(&f, "start").as_f64(), Some(5.0));
    assert_eq!(get(&f, "end").as_f64(), Some(11.0));
}

#[wasm_bindgen_test]
fn bad_input_throws_typed_errors() {
    let mut s = JsSanitizer::new(None).unwrap();
    assert_eq!(
        error_parts(s.sanitize(JsValue::UNDEFINED).unwrap_err()),
        ("InputError".into(), "INPUT_INVALID".into(), "".into())
    );
    assert_eq!(error_parts(s.scan(JsValue::from_f64(3.0)).unwrap_err()).0, "InputError");
    let preset: sanitas::PolicyInput = JsValue::from_str("nope").unchecked_into();
    assert_eq!(
        error_parts(JsSanitizer::new(Some(preset)).unwrap_err()),
        ("PolicyError".into(), "UNKNOWN_PRESET".into(), "preset".into())
    );
    let policy = js_sys::JSON::parse(r#"{"entities":{"EMAIL":"encrypt"}}"#).unwrap();
    assert_eq!(
        error_parts(JsSanitizer::new(Some(policy.unchecked_into())).unwrap_err()),
        ("PolicyError".into(), "POLICY_INVALID".into(), "policy.entities.EMAIL".into())
    );
    // The sanitizer still works after errors.
    assert!(s.sanitize("a@b.co".into()).is_ok());
}

#[wasm_bindgen_test]
fn json_records_come_back_as_plain_objects() {
    let mut s = JsSanitizer::new(None).unwrap();
    let record = js_sys::JSON::parse(r#"{"email":"a@b.co","n":[1,null,true]}"#).unwrap();
    let out = get(&s.sanitize(record).unwrap(), "output");
    let json: String = js_sys::JSON::stringify(&out).unwrap().into();
    assert!(!json.contains("a@b.co"));
    assert!(json.ends_with(r#""n":[1,null,true]}"#), "{json}");
}

#[wasm_bindgen_test]
fn records_classify_sanitize_json_and_block() {
    let policy = js_sys::JSON::parse(
        r#"{"block":[{"entity":"CARD_CVV"}],"fields":[{"path":"/dob","action":{"action":"generalize","to":"age"}}]}"#,
    )
    .unwrap();
    let mut s = JsSanitizer::new(Some(policy.unchecked_into())).unwrap();
    let c = s.classify(js_sys::JSON::parse(r#"{"ssn":123456789,"n":1}"#).unwrap()).unwrap();
    assert_eq!(get(&c, "decision").as_string().unwrap(), "transform");
    assert_eq!(get(&c, "level").as_string().unwrap(), "restricted");
    // The wall clock is installed: a birth date becomes an age (1930 is 90+ whenever this runs).
    let done = s.sanitize_json_text(r#"{"dob":"1930-05-01","amount":1234.0}"#.into()).unwrap();
    assert_eq!(get(&done, "output").as_string().unwrap(), r#"{"dob":"90+","amount":1234.0}"#);
    let e = s.sanitize(js_sys::JSON::parse(r#"{"card":{"cvv":"123"}}"#).unwrap()).unwrap_err();
    assert_eq!(error_parts(e), ("BlockedError".into(), "BLOCKED".into(), "/card/cvv".into()));
}

#[wasm_bindgen_test]
fn jsonl_stream_takes_strings_and_bytes() {
    let mut s = JsSanitizer::new(None).unwrap();
    let mut stream = JsJsonlStream::new(None).unwrap();
    let mut out = stream.push(&mut s, JsValue::from_str("{\"email\":\"a@b.co\"}\n{\"x\":")).unwrap();
    out += &stream.push(&mut s, js_sys::Uint8Array::from(&b"1.50}"[..]).into()).unwrap();
    out += &stream.finish(&mut s).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with(r#"{"email":"EMAIL_"#), "{out}");
    assert_eq!(lines[1], r#"{"x":1.50}"#);
    let progress = stream.progress().unwrap();
    assert_eq!(get(&progress, "records").as_f64(), Some(2.0));
    let mut broken = JsJsonlStream::new(None).unwrap();
    let e = broken.push(&mut s, JsValue::from_str("{}\n{oops}\n")).unwrap_err();
    assert_eq!(get(&e, "line").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn fixture_figures_hold_their_pins_in_wasm() {
    // The same corpus and pins as the native `tests/accuracy.rs`.
    let mut s = sanitas::Sanitizer::new(sanitas::Policy::default()).unwrap();
    let acc = accuracy::score(&mut s, &accuracy::load(accuracy::ACCURACY));
    let obf = accuracy::score(&mut s, &accuracy::load(accuracy::OBFUSCATED));
    let v = accuracy::violations(&acc, &obf);
    assert!(v.is_empty(), "{}", v.join("\n"));
}

#[wasm_bindgen_test]
fn disguised_values_get_utf16_offsets_over_every_original_unit() {
    let mut s = JsSanitizer::new(None).unwrap();
    // "😀" is two UTF-16 units; the fullwidth digits and the zero-width space one each.
    let text = "😀 SSN \u{200b}１２３-４５-６７８９ ok";
    let findings: js_sys::Array = s.scan(text.into()).unwrap().dyn_into().unwrap();
    assert_eq!(findings.length(), 1);
    let f = findings.get(0);
    assert_eq!(get(&f, "entity").as_string().unwrap(), "SSN");
    assert_eq!((get(&f, "start").as_f64(), get(&f, "end").as_f64()), (Some(7.0), Some(19.0)));
    let out = get(&s.sanitize(text.into()).unwrap(), "output").as_string().unwrap();
    assert!(out.starts_with("😀 SSN SSN_") && out.ends_with(" ok"), "{out}");
    assert_eq!(s.reidentify(JsValue::from_str(&out)).unwrap(), text);
}
