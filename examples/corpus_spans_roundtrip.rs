//! Round trip over the *labelled spans* of the shared corpus's dev texts, independent of
//! detection: every labelled identifier (names, dates, addresses, IDs…) is pseudonymized with
//! tokens, surrogates and date shift through `Sanitizer::sanitize_text_with`, and
//! `reidentify` must give the text back byte for byte; also in chunks of random sizes.
//!
//!     cargo run --release --example corpus_spans_roundtrip [-- /path/to/corpus]
//!
//! The corpus defaults to $SANITAS_CORPUS or ../shared/corpus; absent, the example says so and
//! exits 0. It prints figures only, never corpus content.
use sanitas::{EntityKind, Policy, Sanitizer};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("SANITAS_CORPUS").ok())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let path = corpus.join("data/dev/text.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("corpus_spans_roundtrip: skipped (no {})", path.display());
        return Ok(());
    };
    let items: Vec<serde_json::Value> =
        data.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>()?;
    let key = "00112233445566778899aabbccddeeff0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    let mut failures = 0;
    for (mode, policy) in [
        ("tokens", format!(r#"{{"key":"{key}"}}"#)),
        ("surrogates", format!(r#"{{"key":"{key}","defaultAction":"surrogate"}}"#)),
        (
            "dateShift",
            format!(r#"{{"key":"{key}","entities":{{"DATE":{{"action":"dateShift","keepWeekday":true}}}}}}"#),
        ),
    ] {
        let mut s = Sanitizer::new(Policy::from_json(&policy)?)?;
        let (mut exact, mut spans_total, mut leaked, mut streamed) = (0, 0, 0, 0);
        let mut seed: u64 = 99;
        let started = std::time::Instant::now();
        for item in &items {
            let text = item["text"].as_str().unwrap_or_default();
            // Code point offsets (the corpus) to byte offsets.
            let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
            let mut spans = Vec::new();
            for sp in item["spans"].as_array().into_iter().flatten() {
                let kind = sp["type"].as_str().and_then(EntityKind::from_name);
                let (Some(kind), Some(a), Some(b)) = (kind, sp["start"].as_u64(), sp["end"].as_u64()) else {
                    continue;
                };
                if let (Some(&a), Some(&b)) = (bytes.get(a as usize), bytes.get(b as usize)) {
                    spans.push((kind, a..b));
                }
            }
            spans_total += spans.len();
            let out = s.sanitize_text_with(text, &spans)?.output;
            for (_, r) in &spans {
                let v = &text[r.clone()];
                if v.len() >= 4 && out.contains(v) {
                    leaked += 1;
                }
            }
            let back = s.reidentify(&out);
            if back == text {
                exact += 1;
            } else {
                failures += 1;
                println!("  MISMATCH {mode} {}", item["id"]);
            }
            let mut r = s.reidentifier();
            let mut got = String::new();
            let mut i = 0;
            while i < out.len() {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let mut j = (i + 1 + (seed >> 33) as usize % 64).min(out.len());
                while !out.is_char_boundary(j) {
                    j += 1;
                }
                got += &r.push(&out[i..j]);
                i = j;
            }
            got += &r.finish();
            if got == back {
                streamed += 1;
            } else {
                failures += 1;
                println!("  STREAM MISMATCH {mode} {}", item["id"]);
            }
        }
        println!(
            "{mode}: {exact}/{} texts exact, {streamed}/{} streamed exact, {spans_total} labelled spans, \
             {leaked} labelled values also spelled in the output (a fake value equal to another real one), vault {} entries, {:.1} s",
            items.len(),
            items.len(),
            s.vault_len(),
            started.elapsed().as_secs_f64()
        );
    }
    if failures > 0 {
        return Err(format!("{failures} mismatches").into());
    }
    Ok(())
}
