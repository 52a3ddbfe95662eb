//! Prints per-entity recall, precision and leak rate, and planted negatives altered, on the
//! project's fixture corpus (`tests/fixtures/`, written by `scripts/gen-fixtures.mjs`).
//!
//!     cargo run --release --example accuracy            # or: npm run accuracy
//!     cargo run --release --example accuracy -- -v      # also list each leak and altered negative
//!
//! `tests/accuracy.rs` pins these figures; tighten its table when a recognizer improves them.

#[path = "../tests/support/accuracy.rs"]
mod accuracy;

use sanitas::{Policy, Sanitizer};

fn main() -> Result<(), sanitas::Error> {
    let verbose = std::env::args().any(|a| a == "-v" || a == "--verbose");
    let mut sanitizer = Sanitizer::new(Policy::default())?;
    for (name, jsonl) in [("accuracy", accuracy::ACCURACY), ("obfuscated", accuracy::OBFUSCATED)] {
        let scores = accuracy::score(&mut sanitizer, &accuracy::load(jsonl));
        println!("{}", accuracy::table(&format!("tests/fixtures/{name}"), &scores));
        if verbose {
            for (id, kind) in &scores.leaks {
                println!("  leak     {id} {kind}");
            }
            for (id, kind) in &scores.altered {
                println!("  altered  {id} {kind}");
            }
            println!();
        }
    }
    Ok(())
}
