//! Shared by the fuzz targets: reusable sanitizers and the properties every target checks.
//!
//! Building a `Sanitizer` compiles every recognizer (milliseconds), far too slow per input, so
//! each thread reuses one and renews it every [`RENEW_EVERY`] inputs. A renewal empties the vault;
//! in between, tokens issued for earlier inputs stay in it. The properties below hold whatever
//! the vault holds, so a failure found this way also reproduces on a fresh sanitizer.

use sanitas::{Finding, Policy, Sanitizer};
use std::cell::RefCell;

/// The fixed test key (so tokens, and so findings, are reproducible).
pub const KEY: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
/// Another key: its tokens must never be restored by a sanitizer under [`KEY`].
pub const OTHER_KEY: &str = "f0e0d0c0b0a090807060504030201000f0e0d0c0b0a090807060504030201000";
const RENEW_EVERY: u32 = 4096;

thread_local! {
    /// (policy JSON, inputs served, sanitizer) for each policy a target asked for.
    static CACHE: RefCell<Vec<(String, u32, Sanitizer)>> = const { RefCell::new(Vec::new()) };
}

fn build(policy: &str) -> Sanitizer {
    let policy = Policy::from_json(policy).expect("the fuzz policy parses");
    Sanitizer::new(policy).expect("the fuzz policy compiles")
}

/// The default policy under `key`.
pub fn policy(key: &str) -> String {
    format!(r#"{{"key":"{key}"}}"#)
}

/// Runs `f` with the thread's sanitizer for each of `policies` (JSON), in that order.
pub fn with_policies<R>(policies: &[&str], f: impl FnOnce(&mut [&mut Sanitizer]) -> R) -> R {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        for p in policies {
            match cache.iter_mut().find(|(q, _, _)| q == p) {
                Some(entry) if entry.1 < RENEW_EVERY => entry.1 += 1,
                Some(entry) => *entry = (entry.0.clone(), 1, build(p)),
                None => cache.push(((*p).to_owned(), 1, build(p))),
            }
        }
        // Hand out the cached sanitizers in the order asked for (each policy appears once).
        let mut picked: Vec<(usize, &mut Sanitizer)> = cache
            .iter_mut()
            .filter_map(|(p, _, s)| policies.iter().position(|q| q == p).map(|at| (at, s)))
            .collect();
        picked.sort_by_key(|(at, _)| *at);
        let mut chosen: Vec<&mut Sanitizer> = picked.into_iter().map(|(_, s)| s).collect();
        f(&mut chosen)
    })
}

/// Runs `f` with the thread's sanitizers under [`KEY`] and [`OTHER_KEY`] (default policy).
pub fn with_sanitizers<R>(f: impl FnOnce(&mut Sanitizer, &mut Sanitizer) -> R) -> R {
    let (mine, theirs) = (policy(KEY), policy(OTHER_KEY));
    with_policies(&[&mine, &theirs], |s| match s {
        [a, b] => f(a, b),
        _ => unreachable!("two policies give two sanitizers"),
    })
}

/// Findings are sorted, non-overlapping, non-empty, on character boundaries, scored in 0..=1.
pub fn check_findings(text: &str, findings: &[Finding]) {
    let mut last = 0;
    for f in findings {
        assert!(f.start >= last, "overlap or disorder at {}..{}", f.start, f.end);
        assert!(f.start < f.end && f.end <= text.len(), "bad span {}..{}", f.start, f.end);
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "span off a char boundary");
        assert!((0.0..=1.0).contains(&f.score), "score {}", f.score);
        last = f.end;
    }
}

/// No detected value is in `output`, unless the same characters also occur in `text` outside
/// every finding (then they were not detected there: a detection question, not a leak by the
/// transform). Tokens in the output are masked first: a token's last characters followed by the
/// text after the finding can spell a value by accident (`EMAIL_…0` + `@x.org`, or a spelling
/// mark `PHONE_…_29` + `::` spelling the IPv6 `9::`) without any character of it coming from a
/// finding.
pub fn check_no_leak(text: &str, findings: &[Finding], output: &str) {
    check_no_leak_of(text, findings, output, |_| true);
}

/// [`check_no_leak`] for the findings `which` selects (the others still count as detected text).
pub fn check_no_leak_of(text: &str, findings: &[Finding], output: &str, which: impl Fn(&Finding) -> bool) {
    let mut gaps = String::with_capacity(text.len());
    let mut last = 0;
    for f in findings {
        gaps.push_str(&text[last..f.start]);
        gaps.push('\0');
        last = f.end;
    }
    gaps.push_str(&text[last..]);
    let masked = token_shape().replace_all(output, "\0");
    for f in findings.iter().filter(|f| which(f)) {
        let value = &text[f.start..f.end];
        if !gaps.contains(value) {
            assert!(!masked.contains(value), "a detected {} leaked into the output", f.entity);
        }
    }
}

fn token_shape() -> &'static regex::Regex {
    static SHAPE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    SHAPE.get_or_init(|| {
        regex::Regex::new(r"(?:[A-Z0-9]+_)+[0-9A-HJKMNP-TV-Z]{8,26}(?:_[0-9A-Z]{1,4})?").expect("the token shape compiles")
    })
}

/// `reidentify(output) == text`, unless `text` itself holds tokens this vault issued (then the
/// round trip restores those too, by design) or a finding is card authentication data (CVV,
/// track data, PIN), which PCI DSS says to drop, never to keep in a vault.
pub fn check_round_trip(s: &Sanitizer, text: &str, findings: &[Finding], output: &str) {
    if findings.iter().any(|f| f.entity.is_sensitive_authentication_data()) {
        return;
    }
    if s.reidentify(text) == text {
        assert_eq!(s.reidentify(output), text, "the round trip is not exact");
    }
}
