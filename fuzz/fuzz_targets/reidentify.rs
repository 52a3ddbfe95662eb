//! Re-identification of model answers: the input is split at the first 0xFF byte into values
//! (sanitized first) and an "answer" around them. No panic; re-identification is local (tokens
//! embedded in any answer text, separated by spaces, come back exactly and the answer text around
//! them is treated as on its own; card authentication data is dropped, so values holding some are
//! not expected back); text without `_` is never changed; another key's tokens are never restored.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanitas_fuzz::with_sanitizers;

fuzz_target!(|data: &[u8]| {
    let (values, answer) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let (Ok(values), Ok(answer)) = (std::str::from_utf8(values), std::str::from_utf8(answer)) else {
        return;
    };
    with_sanitizers(|s, other| {
        let sent = s.sanitize_text(values).expect("within limits").output;
        let restored_answer = s.reidentify(answer);
        if !answer.contains('_') {
            assert_eq!(restored_answer, answer, "text without tokens changed");
        }
        let dropped = s
            .scan(values)
            .expect("within limits")
            .iter()
            .any(|f| f.entity.is_sensitive_authentication_data());
        if s.reidentify(values) == values && !dropped {
            let reply = format!("{answer} {sent} {answer}");
            assert_eq!(s.reidentify(&reply), format!("{restored_answer} {values} {restored_answer}"));
        }
        let theirs = other.sanitize_text(values).expect("within limits").output;
        if s.reidentify(values) == values && other.reidentify(values) == values {
            assert_eq!(s.reidentify(&theirs), theirs, "another key's token was restored");
        }
    });
});
