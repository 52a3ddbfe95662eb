//! Streaming re-identification: a model's answer arriving in chunks gives exactly what
//! `reidentify` gives on the whole answer, wherever the chunks are split, and holds back at most
//! one pseudonym's length between chunks.
//!
//! The input is `values 0xFF answer 0xFF cuts`. `values` is sanitized (under the default policy,
//! which issues tokens, or, for one input in two chosen by a hash of the input, under
//! `defaultAction: surrogate`, which issues surrogates and shifted dates matched verbatim). Two
//! texts are then streamed through one `Reidentifier` (reused after `finish`, as the API allows):
//! - the sanitized output;
//! - the `answer` bytes with the vault's pseudonyms spliced in: `0xFE i v` becomes pseudonym `i`
//!   (modulo the vault's size) written plainly, with Markdown-escaped underscores (`\_`), cut
//!   short (a prefix that must not match), or in lower case (tokens match in upper case only);
//!   invalid UTF-8 is replaced by U+FFFD.
//!
//! The chunks are byte slices whose lengths are the `cuts` bytes (low six bits; cycled; one byte
//! per chunk when there are none), so they split tokens, escapes and multi-byte characters
//! anywhere. The Rust API takes `&str`, so bytes reach it as `js/stream.js` passes them: through
//! a streaming UTF-8 decoder that holds back an incomplete character (`TextDecoder` with
//! `stream: true`). (Splits inside UTF-16 surrogate pairs are the wasm binding's part; its tests
//! cover them.)
//!
//! The vault is cleared before each input, so a replay is exact and the spliced pseudonyms are
//! this input's.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sanitas::{EntityKind, Reidentifier, Sanitizer};
use sanitas_fuzz::{with_policies, KEY};

/// The longest text a token can still be read from: an entity name and `_` (each `_` possibly
/// escaped as `\_`), a body of up to 26 Crockford characters (read one past, to see it end), an
/// escaped `_` and a mark of up to 8 (read one past).
fn token_read_max() -> usize {
    let name = EntityKind::ALL.iter().map(|k| k.name().len() + k.name().matches('_').count()).max();
    name.unwrap_or(0) + 2 + 27 + 2 + 9
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let values = parts.next().unwrap_or_default();
    let answer = parts.next().unwrap_or_default();
    let cuts = parts.next().unwrap_or_default();
    let Ok(values) = std::str::from_utf8(values) else { return };
    let surrogates = data.iter().fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 2 == 1;
    let policy = if surrogates {
        format!(r#"{{"key":"{KEY}","defaultAction":"surrogate"}}"#)
    } else {
        format!(r#"{{"key":"{KEY}"}}"#)
    };
    with_policies(&[&policy], |s| {
        let [s] = s else { unreachable!("one policy gives one sanitizer") };
        s.clear_vault();
        let sent = s.sanitize_text(values).expect("within limits").output;
        let pseudonyms = issued(s);
        let mixed = splice(answer, &pseudonyms);
        let held_max = pseudonyms.iter().map(String::len).max().unwrap_or(0).max(token_read_max());
        let mut r = s.reidentifier();
        let mut cut = Cuts { lens: cuts, at: 0 };
        for text in [sent.as_str(), mixed.as_str()] {
            let streamed = stream(&mut r, text, &mut cut, held_max);
            assert_eq!(streamed, s.reidentify(text), "streaming differs from reidentify");
        }
    });
});

/// Every pseudonym in the vault (tokens, surrogates, shifted dates).
fn issued(s: &Sanitizer) -> Vec<String> {
    let vault = s.export_vault();
    let entries = vault.get("entries").and_then(|e| e.as_array()).map(Vec::as_slice).unwrap_or_default();
    entries.iter().filter_map(|e| e.get("pseudonym")?.as_str().map(str::to_owned)).collect()
}

/// `answer` with each `0xFE i v` replaced by a form of pseudonym `i`.
fn splice(answer: &[u8], pseudonyms: &[String]) -> String {
    let mut out = Vec::with_capacity(answer.len());
    let mut i = 0;
    while let Some(&b) = answer.get(i) {
        match (b, answer.get(i + 1), answer.get(i + 2), pseudonyms.is_empty()) {
            (0xFE, Some(&which), Some(&how), false) => {
                let p = &pseudonyms[usize::from(which) % pseudonyms.len()];
                match how % 4 {
                    0 => out.extend_from_slice(p.as_bytes()),
                    1 => out.extend_from_slice(p.replace('_', "\\_").as_bytes()),
                    2 => out.extend_from_slice(&p.as_bytes()[..usize::from(how / 4) % p.len().max(1)]),
                    _ => out.extend_from_slice(p.to_lowercase().as_bytes()),
                }
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Chunk lengths, cycled.
struct Cuts<'a> {
    lens: &'a [u8],
    at: usize,
}

impl Cuts<'_> {
    fn next(&mut self) -> usize {
        if self.lens.iter().all(|&b| b & 0x3F == 0) {
            return 1;
        }
        let len = self.lens[self.at % self.lens.len()] & 0x3F;
        self.at += 1;
        usize::from(len)
    }
}

/// Streams `text` through `r` in byte chunks decoded as `TextDecoder` would, checking the bytes
/// held back after every chunk; returns everything emitted, `finish` included.
fn stream(r: &mut Reidentifier, text: &str, cuts: &mut Cuts<'_>, held_max: usize) -> String {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut undecoded: Vec<u8> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + cuts.next()).min(bytes.len());
        undecoded.extend_from_slice(&bytes[at..end]);
        at = end;
        let valid = match std::str::from_utf8(&undecoded) {
            Ok(s) => s.len(),
            Err(e) => {
                assert!(e.error_len().is_none(), "a slice of valid UTF-8 only ends early");
                e.valid_up_to()
            }
        };
        let chunk = std::str::from_utf8(&undecoded[..valid]).expect("valid up to here");
        out += &r.push(chunk);
        undecoded.drain(..valid);
        assert!(r.held() <= held_max, "held {} bytes (at most {held_max})", r.held());
        assert!(r.held() <= at - undecoded.len(), "held more than was pushed");
    }
    assert!(undecoded.is_empty(), "the text ends on a character boundary");
    out + &r.finish()
}
