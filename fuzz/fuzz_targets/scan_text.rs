//! Text scanning and sanitizing: no panic on any UTF-8 input; findings well formed; the report
//! counts at least them; no detected value survives; `reidentify(sanitize(x)) == x`; another key's
//! sanitizer restores nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanitas_fuzz::{check_findings, check_no_leak, check_round_trip, with_sanitizers};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    with_sanitizers(|s, other| {
        let findings = s.scan(text).expect("scan fails only past limits");
        check_findings(text, &findings);
        let done = s.sanitize_text(text).expect("sanitize fails only past limits");
        // The report may count more: token-shaped text this vault issued, found in the input, is
        // replaced too so that the round trip stays exact.
        assert!(done.report.total >= findings.len(), "the report misses findings");
        check_no_leak(text, &findings, &done.output);
        check_round_trip(s, text, &findings, &done.output);
        if other.reidentify(text) == text {
            assert_eq!(other.reidentify(&done.output), done.output, "another vault restored a token");
        }
        let units = sanitas::utf16_offsets(text, &[text.len()]);
        assert_eq!(units, vec![text.encode_utf16().count()]);
    });
});
