//! JSON sanitizing: no panic on any JSON value; errors only for limits, with a path that exists
//! in the input; the output has the input's shape (keys, order, lengths, non-text leaves); no
//! detected value survives in any leaf; every leaf round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanitas::{ErrorKind, Sanitizer};
use sanitas_fuzz::{check_no_leak, check_round_trip, with_sanitizers};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else { return };
    with_sanitizers(|s, _| match s.sanitize_json(&value) {
        Ok(done) => same_shape(s, &value, &done.output),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::TooDeep, "unexpected error {e:?}");
            assert!(value.pointer(e.path()).is_some(), "the error path is not in the input");
        }
    });
});

fn same_shape(s: &Sanitizer, input: &Value, output: &Value) {
    match (input, output) {
        (Value::String(a), Value::String(b)) => leaf(s, a, b),
        (Value::Number(n), Value::String(b)) => leaf(s, &n.to_string(), b),
        (Value::Number(a), Value::Number(b)) => assert_eq!(a, b),
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len());
            a.iter().zip(b).for_each(|(x, y)| same_shape(s, x, y));
        }
        (Value::Object(a), Value::Object(b)) => {
            assert!(a.keys().eq(b.keys()), "keys changed");
            a.values().zip(b.values()).for_each(|(x, y)| same_shape(s, x, y));
        }
        (a, b) => assert_eq!(a, b),
    }
}

fn leaf(s: &Sanitizer, text: &str, output: &str) {
    let findings = s.scan(text).expect("scan fails only past limits");
    check_no_leak(text, &findings, output);
    check_round_trip(s, text, &findings, output);
}
