//! Scan throughput on about 1 MB of plain clinical and banking prose (nothing to normalize).
//!
//!     cargo run --release --example throughput
//!
//! Prints MB/s of `Sanitizer::scan` and of `Sanitizer::sanitize_text`, best of several runs.

use sanitas::{Policy, Sanitizer};
use std::time::Instant;

const SENTENCES: &[&str] = &[
    "Patient seen in clinic today for follow-up of type 2 diabetes; HbA1c 7.2% down from 8.1% in March.",
    "Continue metformin 500 mg twice daily and lisinopril 10 mg once daily; BP 128/82, HR 72, SpO2 98%.",
    "Reports mild fatigue since 2019 but no chest pain, dyspnea or edema. Diagnosis E11.9, visit CPT 99213.",
    "Admitted to room 412, bed B, at 10:30 AM; discharged the next afternoon at 14:45 in stable condition.",
    "The customer disputed a charge of $4,250.00 on the statement; the APR on the account is 6.25% fixed.",
    "Invoice 88231-A was paid by wire last week and the branch confirmed the transfer the same evening.",
    "Plan: recheck labs in three months, refer to nutrition, and schedule an eye exam before the next visit.",
    "Release notes for version 2.14.3 mention commit 9f2c4e1 and ticket 55120, none of which matter here.",
    "Le patient est arrivé à l'hôpital à 9 h; température 37,8 °C, douleur abdominale modérée — à revoir.",
];

fn main() -> Result<(), sanitas::Error> {
    let mut text = String::with_capacity(1 << 20);
    let mut i = 0;
    while text.len() < 1 << 20 {
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        text.push(if i % 5 == 4 { '\n' } else { ' ' });
        i += 1;
    }
    let ascii: String = text.chars().filter(char::is_ascii).collect();
    let mut s = Sanitizer::new(Policy::default())?;
    for (name, input) in [("plain ASCII", &ascii), ("plain with accents", &text)] {
        let mb = input.len() as f64 / 1e6;
        let mut best_scan = f64::MAX;
        let mut best_sanitize = f64::MAX;
        let mut findings = 0;
        for _ in 0..15 {
            let t = Instant::now();
            findings = s.scan(input)?.len();
            best_scan = best_scan.min(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let _ = s.sanitize_text(input)?;
            best_sanitize = best_sanitize.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name:>20}: {mb:.2} MB, {findings} findings; scan {:.1} MB/s, sanitize {:.1} MB/s",
            mb / best_scan,
            mb / best_sanitize
        );
    }
    Ok(())
}
