//! Differential dump of whole outputs, for performance work on the rewrite (pseudonyms, vault,
//! report, re-identification) that must not change a byte of them: with a fixed key, every
//! input text goes through `sanitize_text` and every record through `sanitize_json` and
//! `sanitize_json_str`, under several policies, one sanitizer per policy (so the vault grows as
//! it would in an application, and later inputs meet pseudonyms issued earlier). Some inputs
//! are made by pasting earlier outputs into later texts, spaced and glued, so that the escape
//! and repair paths run too. One line per call: output, report (or the error's kind and
//! message), and whether re-identification gave the input back; then each vault as exported.
//!
//! ```sh
//! cargo run --release --example outputs_dump -- FILE... > /tmp/outputs-before.txt
//! # change the code, then
//! cargo run --release --example outputs_dump -- FILE... > /tmp/outputs-after.txt
//! cmp /tmp/outputs-before.txt /tmp/outputs-after.txt
//! ```
//!
//! Each FILE is read as a JSON array (strings are texts, objects are records), JSON lines (a
//! line that is an object is a record, and its string leaves are texts), or plain text.

use sanitas::{Key, Policy, Sanitizer};
use serde_json::Value;
use std::io::Write;

const KEY: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f06a0f1e2d3c4b5a69788796a5b4c3d2e1";

fn leaves(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
        Value::Object(m) => m.values().for_each(|x| leaves(x, out)),
        _ => {}
    }
}

fn read(
    path: &str,
    texts: &mut Vec<String>,
    records: &mut Vec<Value>,
) -> Result<(), Box<dyn std::error::Error>> {
    let body = std::fs::read_to_string(path)?;
    let mut take = |v: Value, texts: &mut Vec<String>| match v {
        Value::Array(items) => {
            for i in items {
                match i {
                    Value::String(s) => texts.push(s),
                    other @ Value::Object(_) => {
                        leaves(&other, texts);
                        records.push(other);
                    }
                    other => leaves(&other, texts),
                }
            }
        }
        other @ Value::Object(_) => {
            leaves(&other, texts);
            records.push(other);
        }
        other => leaves(&other, texts),
    };
    if let Ok(v) = serde_json::from_str::<Value>(&body) {
        take(v, texts);
        return Ok(());
    }
    let mut lines = 0;
    for line in body.lines() {
        if let Ok(v) = serde_json::from_str::<Value>(line) {
            take(v, texts);
            lines += 1;
        }
    }
    if lines == 0 {
        texts.push(body);
    }
    Ok(())
}

const POLICIES: &[&str] = &[
    "{}",
    r#"{"defaultAction":"surrogate"}"#,
    r#"{"defaultAction":"surrogate","entities":{"DATE":"dateShift"}}"#,
    r#"{"entities":{"DATE":{"action":"dateShift","maxDays":90},"PERSON":"surrogate","EMAIL":"keep","PHONE":{"action":"mask","keepLast":4},"ZIP":"generalize","SSN":"redact","IP_ADDRESS":"drop"}}"#,
    r#"{"defaultAction":"keep"}"#,
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut texts, mut records) = (Vec::new(), Vec::new());
    for path in std::env::args().skip(1) {
        read(&path, &mut texts, &mut records)?;
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for policy in POLICIES {
        let mut p = Policy::from_json(policy)?;
        p.key = Some(Key::from_hex(KEY)?);
        p.reference_date = Some("2026-01-01".to_owned());
        let mut s = Sanitizer::new(p)?;
        writeln!(out, "== policy {policy}")?;
        let mut previous = String::new();
        for (i, text) in texts.iter().enumerate() {
            // Every 5th text also comes with the previous output pasted before it (spaced), and
            // every 7th glued to it without a separator.
            let mut inputs = vec![text.clone()];
            if i % 5 == 4 {
                inputs.push(format!("{previous} {text}"));
            }
            if i % 7 == 6 {
                let cut =
                    previous.char_indices().map(|(j, _)| j).nth(previous.chars().count() / 2).unwrap_or(0);
                inputs.push(format!("{}{text}", &previous[cut..]));
            }
            for input in inputs {
                match s.sanitize_text(&input) {
                    Ok(o) => {
                        let back = s.reidentify(&o.output) == input;
                        writeln!(out, "t{i}\t{back}\t{:?}\t{}", o.output, serde_json::to_string(&o.report)?)?;
                        previous = o.output;
                    }
                    Err(e) => writeln!(out, "t{i}\terror {:?} {e}", e.kind())?,
                }
            }
        }
        for (i, r) in records.iter().enumerate() {
            match s.sanitize_json(r) {
                Ok(o) => {
                    let back = s.reidentify_json(&o.output) == *r;
                    writeln!(out, "r{i}\t{back}\t{}\t{}", o.output, serde_json::to_string(&o.report)?)?;
                }
                Err(e) => writeln!(out, "r{i}\terror {:?} {e}", e.kind())?,
            }
            match s.sanitize_json_str(&r.to_string()) {
                Ok(o) => writeln!(out, "s{i}\t{}\t{}", o.output, serde_json::to_string(&o.report)?)?,
                Err(e) => writeln!(out, "s{i}\terror {:?} {e}", e.kind())?,
            }
        }
        writeln!(out, "vault {}", s.export_vault())?;
    }
    Ok(())
}
