//! Policy parsing and compiling: no panic on any text; errors are typed, name a `policy…`
//! path and never quote the key; a policy that compiles sanitizes a fixed text without leaking
//! what it was told to remove, and renders errors within a bounded length.
//!
//! Every input is parsed and its limits validated; building a `Sanitizer` compiles every
//! recognizer (about 10 ms), so only one parsed policy in 32 (chosen by a hash of the input, so
//! replays are deterministic) is compiled and run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanitas::{ErrorKind, Operator, Policy, Sanitizer};

const TEXT: &str = "Mail ana@example.org, SSN 078-05-1120, card 4111 1111 1111 1111, tel 212-555-0188.";

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let key = serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("key").map(|k| k.to_string().trim_matches('"').to_owned()))
        .filter(|k| k.len() >= 8)
        // A key also written elsewhere (say, inside an unknown field's name, which errors quote)
        // is not a secret the error could leak.
        .filter(|k| json.matches(k.as_str()).count() == 1);
    let policy = match Policy::from_json(json) {
        Ok(p) => p,
        Err(e) => return check_error(&e, key.as_deref()),
    };
    if let Err(e) = policy.limits.validate() {
        return check_error(&e, key.as_deref());
    }
    let sampled = data.iter().fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 32 == 0;
    if !sampled {
        return;
    }
    let actions = policy.clone();
    let sanitizer = Sanitizer::new(policy);
    let mut s = match sanitizer {
        Ok(s) => s,
        Err(e) => return check_error(&e, key.as_deref()),
    };
    match s.sanitize_text(TEXT) {
        Ok(done) => {
            // The report counts exactly the findings, and whatever the actions, a value leaves
            // whole only where the policy says `keep`.
            let findings = s.scan(TEXT).expect("the fixed text is within any limits that compiled");
            assert_eq!(done.report.total, findings.len());
            for f in &findings {
                let action = actions.entities.get(&f.entity).or(actions.default_action.as_ref());
                if !matches!(action, Some(Operator::Keep)) {
                    assert!(!done.output.contains(&TEXT[f.start..f.end]), "{} left whole", f.entity);
                }
            }
        }
        Err(e) => assert!(
            matches!(e.kind(), ErrorKind::InputTooLarge | ErrorKind::TooManyFindings | ErrorKind::VaultFull),
            "{e:?}"
        ),
    }
});

fn check_error(e: &sanitas::Error, key: Option<&str>) {
    assert!(
        matches!(e.kind(), ErrorKind::InvalidPolicy | ErrorKind::InvalidKey | ErrorKind::InvalidPattern),
        "{e:?}"
    );
    assert!(e.path().starts_with("policy"), "path {:?}", e.path());
    assert!(e.message().chars().count() <= 301, "message of {} chars", e.message().chars().count());
    if let Some(key) = key {
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains(key), "the error quotes the key");
    }
}
