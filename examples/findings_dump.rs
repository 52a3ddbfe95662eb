//! Differential dump of findings, for performance work that must not change them: prints one
//! JSON line per input text with every finding (`min_score` 0, i.e. before the threshold) and
//! the findings at the default threshold, so that two builds can be compared with `cmp`.
//!
//! ```sh
//! cargo run --release --example findings_dump -- FILE... > /tmp/before.jsonl
//! # change the code, then
//! cargo run --release --example findings_dump -- FILE... > /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl
//! ```
//!
//! Each FILE is read as: a JSON array of strings or values (the bench inputs), JSON lines (every
//! string leaf of each line is a text), or plain text (the whole file is one text). Built-in
//! inputs are always added: the pathological cases of `examples/bench.rs`, and generated texts
//! that mix identifiers, near-misses, obfuscations and noise (a fixed seed).

use sanitas::{Policy, Sanitizer};
use serde_json::Value;

/// Every string leaf of `v`, keys included.
fn leaves(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| {
            out.push(k.clone());
            leaves(x, out)
        }),
        _ => {}
    }
}

fn read_texts(path: &str, out: &mut Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    let body = std::fs::read_to_string(path)?;
    if let Ok(v) = serde_json::from_str::<Value>(&body) {
        leaves(&v, out);
        return Ok(());
    }
    let mut lines = 0;
    for line in body.lines() {
        if let Ok(v) = serde_json::from_str::<Value>(line) {
            leaves(&v, out);
            lines += 1;
        }
    }
    if lines == 0 {
        out.push(body);
    }
    Ok(())
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that generated texts are made of: identifiers of every kind, near-misses, labels,
/// obfuscations and separators.
const PIECES: &[&str] = &[
    "john.doe@example.com",
    "a@b.co",
    "j [at] x [dot] org",
    "john at gmail dot com",
    "https://x.io/a?b=c",
    "http://",
    "www.example.org/path",
    "ftp://h.example",
    "GB82 WEST 1234 5698 7654 32",
    "DE89370400440532013000",
    "DEUTDEFF500",
    "BIC NWBKGB2L",
    "sk_live_abcdefghijklmnop1234",
    "AKIAIOSFODNN7EXAMPLE",
    "ghp_",
    "api_key=",
    "password: hunter2secret",
    "Bearer abcdefghijklmnop",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----END RSA PRIVATE KEY-----",
    "-----",
    "192.168.1.20",
    "10.0.0.256",
    "2001:db8::1",
    "fe80::",
    "::1",
    "00:1A:2B:3C:4D:5E",
    "00-1a-2b-3c-4d-5e",
    "0123.4567.89ab",
    "4111 1111 1111 1111",
    "4111-1111-1111-1112",
    "123-45-6789",
    "078-05-1120",
    "(212) 555-0100",
    "+44 20 7946 0958",
    "555-0100",
    "SSN",
    "DOB:",
    "MRN:",
    "Patient:",
    "Dr.",
    "Mr.",
    "Ms. Smith",
    "John Smith",
    "Maria Garcia",
    "Smith",
    "Jan 3, 2024",
    "03/04/1985",
    "2024-01-02",
    "1985-13-45",
    "12 March 1990",
    "March 12",
    "4:38 PM",
    "2024",
    "123 Main St",
    "45 Oak Avenue, Apt 4B",
    "PO Box 123",
    "Springfield, IL 62704",
    "Boston, MA",
    "90210",
    "San Francisco",
    "CA",
    "lisinopril 10 mg",
    "BP 124/89",
    "E11.9",
    "99213",
    "$1,234.56",
    "12%",
    "room 4B",
    "age 93",
    "91-year-old",
    "NPI 1234567893",
    "DEA AB1234563",
    "1HGCM82633A004352",
    "IMEI 490154203237518",
    "(01)00884521123456(17)231231",
    "routing 021000021",
    "acct 12345678",
    "CVV 123",
    "exp 12/27",
    "PIN 1234",
    "passport X1234567",
    "DL D1234567",
    "member ID XYZ123456789",
    "1EG4-TE5-MK73",
    "%B4111111111111111^DOE/J^2512",
    "\u{ff11}\u{ff12}\u{ff13}-\u{ff14}\u{ff15}-\u{ff16}\u{ff17}\u{ff18}\u{ff19}",
    "1\u{200b}2\u{200b}3-45-6789",
    "one two three",
    "jоhn@exаmple.com",
    "４１１１ １１１１ １１１１ １１１１",
    "é",
    "日本語",
    "ß",
    ":",
    "@",
    "-",
    ".",
    "/",
    "#",
    "=",
    "'",
    "\"",
    ",",
];

const SEPS: &[&str] = &[" ", " ", " ", ", ", "\n", "\t", ": ", "; ", "", "-", "\n\n", " (", ") "];

fn generated(seed: u64, count: usize) -> Vec<String> {
    let mut r = Rng(seed);
    (0..count)
        .map(|_| {
            let n = 1 + r.below(40);
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(PIECES[r.below(PIECES.len())]);
                s.push_str(SEPS[r.below(SEPS.len())]);
            }
            s
        })
        .collect()
}

fn pathological() -> Vec<String> {
    vec![
        "1".repeat(100_000),
        "1-".repeat(50_000),
        "1.".repeat(50_000),
        "a.".repeat(50_000),
        "a@".repeat(50_000),
        "-".repeat(100_000),
        format!("http://{}", "a".repeat(100_000)),
        format!("{}!", "a".repeat(50_000)),
        "1 ".repeat(50_000),
        "+1".repeat(50_000),
        "A1".repeat(50_000),
        "a.b@".repeat(25_000),
        ":".repeat(50_000),
        "-----".repeat(20_000),
        "a:".repeat(50_000),
        "Aa ".repeat(30_000),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut texts = Vec::new();
    for path in std::env::args().skip(1) {
        read_texts(&path, &mut texts)?;
    }
    texts.extend(pathological());
    texts.extend(generated(0x9e37_79b9_7f4a_7c15, 20_000));
    let policy = |min: f32| {
        let mut p = Policy::default();
        p.min_score = Some(min);
        p.limits.max_findings = 10_000_000;
        p.limits.max_input_bytes = 1 << 28;
        Sanitizer::new(p)
    };
    let all = policy(0.0)?;
    let default = policy(0.5)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    use std::io::Write;
    for (i, t) in texts.iter().enumerate() {
        let a: Vec<_> = all.scan(t).map_err(|e| e.to_string())?;
        let d: Vec<_> = default.scan(t).map_err(|e| e.to_string())?;
        let show = |v: &[sanitas::Finding]| {
            v.iter()
                .map(|f| format!("{}:{}-{}:{}", f.entity, f.start, f.end, f.score))
                .collect::<Vec<_>>()
                .join(" ")
        };
        writeln!(out, "{i}\t{}\t{}", show(&a), show(&d))?;
    }
    Ok(())
}
