//! Scores a [`Sanitizer`] on the project's labelled fixtures (`tests/fixtures/*/text.jsonl`,
//! written by `scripts/gen-fixtures.mjs`): per-entity recall, precision and leak rate, planted
//! negatives altered, and for disguised identifiers whether a finding covers every character.
//!
//! Shared by `tests/accuracy.rs`, `tests/wasm.rs` and `examples/accuracy.rs` (each includes this
//! file with `#[path]`); the fixtures are compiled in with `include_str!`, so the same corpus
//! drives native and wasm runs, and `tests/js/` reads the same files.
//!
//! Definitions follow `../shared/corpus/piieval` (`scoring.py`, `leak.py`):
//! - recall: gold spans overlapped by a finding of the same type;
//! - precision: findings that overlap a gold span of their type, over all findings of that type;
//! - leak: a unique (type, value) of an item whose value (as written, or its plain `canonical`
//!   form) survives in the sanitized output verbatim, with separators stripped, or as a digit
//!   run (values with 6 or more digits);
//! - negative altered: a finding overlaps it (and so the output changed it).
#![allow(dead_code)]

use sanitas::Sanitizer;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Healthcare and finance documents with planted identifiers of every catalog kind.
pub const ACCURACY: &str = include_str!("../fixtures/accuracy/text.jsonl");
/// Disguised identifiers (EMAIL, PHONE, SSN, CREDIT_CARD, IBAN) and look-alike text.
pub const OBFUSCATED: &str = include_str!("../fixtures/obfuscated/text.jsonl");

// ------------------------------------------------------------------------------------- pins
//
// What `tests/accuracy.rs` (native) and `tests/wasm.rs` require of the default policy. Kinds
// without a recognizer yet are pinned at what they get today (recall 0, leak 100 %): when a
// recognizer lands, raise its row to the new figures (`cargo run --release --example accuracy`)
// so that later changes cannot quietly undo them.

/// On `tests/fixtures/accuracy`: (kind, minimum recall, minimum precision, maximum leak rate).
/// Precision is only checked when the kind has findings.
pub const ENTITY_PINS: &[(&str, f64, f64, f64)] = &[
    ("PERSON", 0.98, 1.0, 0.025),
    ("EMAIL", 1.0, 1.0, 0.0),
    ("PHONE", 1.0, 1.0, 0.0),
    ("SSN", 1.0, 1.0, 0.0),
    ("CREDIT_CARD", 1.0, 1.0, 0.0),
    ("CARD_CVV", 1.0, 1.0, 0.0),
    ("CARD_EXPIRY", 1.0, 1.0, 0.0),
    ("CARD_TRACK", 1.0, 1.0, 0.0),
    ("CARD_PIN", 1.0, 1.0, 0.0),
    ("IBAN", 1.0, 1.0, 0.0),
    ("ROUTING_NUMBER", 1.0, 1.0, 0.0),
    ("BANK_ACCOUNT", 1.0, 1.0, 0.0),
    ("SWIFT_BIC", 1.0, 1.0, 0.0),
    ("IP_ADDRESS", 1.0, 1.0, 0.0),
    ("MAC_ADDRESS", 1.0, 1.0, 0.0),
    ("URL", 1.0, 1.0, 0.0),
    ("DATE", 1.0, 1.0, 0.0),
    ("AGE_OVER_89", 1.0, 1.0, 0.0),
    ("STREET_ADDRESS", 1.0, 1.0, 0.0),
    ("CITY", 1.0, 1.0, 0.0),
    ("ZIP", 1.0, 1.0, 0.0),
    ("MRN", 0.5, 1.0, 0.5),
    ("NPI", 1.0, 1.0, 0.0),
    ("HEALTH_PLAN_ID", 0.66, 1.0, 0.34),
    ("DEA_NUMBER", 1.0, 1.0, 0.0),
    ("DRIVER_LICENSE", 1.0, 1.0, 0.0),
    ("PASSPORT", 1.0, 1.0, 0.0),
    ("VIN", 1.0, 1.0, 0.0),
    ("DEVICE_ID", 1.0, 1.0, 0.0),
    ("API_KEY", 1.0, 1.0, 0.0),
];

/// Planted negatives (doses, lab values, codes, money, ...) altered, at most, per kind and in
/// all, on both fixture files.
pub const MAX_NEGATIVES_ALTERED: f64 = 0.0;

/// Kinds whose disguised forms in `tests/fixtures/obfuscated` must never leak, must always be
/// covered whole by one finding, and must not be found where they are not (precision 100 %, so
/// normalization never makes an IP address or a dotted date into a card or an SSN). Add a kind
/// when the generator disguises it.
pub const OBFUSCATION_PROOF: &[&str] = &["EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IBAN"];

/// Minimum recall with the right type for those kinds on `tests/fixtures/obfuscated`: a value
/// percent-encoded inside a URL may rightly be found as part of the URL instead.
pub const OBFUSCATED_MIN_TYPED_RECALL: f64 = 0.9;

/// Every way the scores miss the pins; empty when all hold.
pub fn violations(accuracy: &Scores, obfuscated: &Scores) -> Vec<String> {
    let mut v = Vec::new();
    for (kind, e) in &accuracy.entities {
        match ENTITY_PINS.iter().find(|p| p.0 == kind) {
            None => v.push(format!("{kind}: no row in ENTITY_PINS")),
            Some(&(_, recall, precision, leak)) => {
                if e.recall().is_some_and(|r| r < recall) {
                    v.push(format!("{kind}: recall {} below {}", pct(e.recall()), pct(Some(recall))));
                }
                if e.precision().is_some_and(|p| p < precision) {
                    v.push(format!(
                        "{kind}: precision {} below {}",
                        pct(e.precision()),
                        pct(Some(precision))
                    ));
                }
                if e.leak_rate().is_some_and(|l| l > leak) {
                    v.push(format!("{kind}: leak {} above {}", pct(e.leak_rate()), pct(Some(leak))));
                }
            }
        }
    }
    for (name, s) in [("accuracy", accuracy), ("obfuscated", obfuscated)] {
        for (kind, t) in &s.negatives {
            if t.rate().is_some_and(|r| r > MAX_NEGATIVES_ALTERED) {
                v.push(format!("{name}: negatives {kind} altered {}", pct(t.rate())));
            }
        }
        if !s.round_trip_failures.is_empty() {
            v.push(format!("{name}: round trip failed for {:?}", s.round_trip_failures));
        }
    }
    for kind in OBFUSCATION_PROOF {
        let e = obfuscated.entities.get(*kind).cloned().unwrap_or_default();
        if e.gold == 0 || e.leaked > 0 {
            v.push(format!("obfuscated {kind}: {} of {} values leaked", e.leaked, e.values));
        }
        if e.recall().is_some_and(|r| r < OBFUSCATED_MIN_TYPED_RECALL)
            || e.precision().is_some_and(|p| p < 1.0)
        {
            v.push(format!(
                "obfuscated {kind}: recall {}, precision {}",
                pct(e.recall()),
                pct(e.precision())
            ));
        }
    }
    for (o, t) in &obfuscated.obfuscation_uncovered {
        if t.hits > 0 {
            v.push(format!("obfuscation {o}: {} of {} values not covered by one finding", t.hits, t.n));
        }
    }
    v
}

/// Word-valued types: never compared with separators stripped (as in `leak.py`).
const WORDY: &[&str] = &["PERSON", "CITY", "STREET_ADDRESS"];

/// A planted identifier, byte offsets into its item's text.
#[derive(Clone, Debug)]
pub struct Span {
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub value: String,
    pub canonical: Option<String>,
    pub obfuscation: Option<String>,
}

/// A planted negative, byte offsets into its item's text.
#[derive(Clone, Debug)]
pub struct Negative {
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub value: String,
}

/// One fixture document.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub text: String,
    pub spans: Vec<Span>,
    pub negatives: Vec<Negative>,
}

/// Parses a fixture file; offsets in code points become byte offsets, checked against `value`.
pub fn load(jsonl: &str) -> Vec<Item> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("fixture line is JSON");
            let text = v["text"].as_str().expect("text").to_owned();
            let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            bytes.push(text.len());
            let id = v["id"].as_str().expect("id").to_owned();
            let range = |o: &Value| {
                let (s, e) = (o["start"].as_u64().unwrap() as usize, o["end"].as_u64().unwrap() as usize);
                let (s, e) = (bytes[s], bytes[e]);
                assert_eq!(&text[s..e], o["value"].as_str().unwrap(), "{id}: offsets");
                (s, e)
            };
            let string = |o: &Value, k: &str| o.get(k).and_then(Value::as_str).map(str::to_owned);
            let spans = v["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    let (start, end) = range(o);
                    Span {
                        kind: string(o, "type").unwrap(),
                        start,
                        end,
                        value: string(o, "value").unwrap(),
                        canonical: string(o, "canonical"),
                        obfuscation: string(o, "obfuscation"),
                    }
                })
                .collect();
            let negatives = v["negatives"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| {
                    let (start, end) = range(o);
                    Negative {
                        kind: string(o, "kind").unwrap(),
                        start,
                        end,
                        value: string(o, "value").unwrap(),
                    }
                })
                .collect();
            Item { id, text, spans, negatives }
        })
        .collect()
}

/// Counts for one entity type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EntityScore {
    /// Gold spans, and those overlapped by a finding of this type.
    pub gold: usize,
    pub found: usize,
    /// Findings of this type, and those overlapping a gold span of this type.
    pub predicted: usize,
    pub correct: usize,
    /// Unique values per item, and those leaked.
    pub values: usize,
    pub leaked: usize,
}

impl EntityScore {
    pub fn recall(&self) -> Option<f64> {
        ratio(self.found, self.gold)
    }
    pub fn precision(&self) -> Option<f64> {
        ratio(self.correct, self.predicted)
    }
    pub fn leak_rate(&self) -> Option<f64> {
        ratio(self.leaked, self.values)
    }
}

/// `n` and how many of them hit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub n: usize,
    pub hits: usize,
}

impl Tally {
    fn add(&mut self, hit: bool) {
        self.n += 1;
        self.hits += usize::from(hit);
    }
    pub fn rate(&self) -> Option<f64> {
        ratio(self.hits, self.n)
    }
}

/// Everything measured on one fixture file.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub items: usize,
    pub entities: BTreeMap<String, EntityScore>,
    /// Planted negatives altered, per kind.
    pub negatives: BTreeMap<String, Tally>,
    /// Disguised identifiers leaked, per obfuscation.
    pub obfuscation_leaks: BTreeMap<String, Tally>,
    /// Disguised identifiers not wholly covered by one finding, per obfuscation.
    pub obfuscation_uncovered: BTreeMap<String, Tally>,
    /// Items whose output did not re-identify to the exact input.
    pub round_trip_failures: Vec<String>,
    /// `(item id, type)` of each leak, for diagnostics.
    pub leaks: Vec<(String, String)>,
    /// `(item id, kind)` of each altered negative, for diagnostics.
    pub altered: Vec<(String, String)>,
}

impl Scores {
    /// Leak rate over all types in `kinds`.
    pub fn leak_rate_of(&self, kinds: &[&str]) -> Option<f64> {
        let (mut n, mut hits) = (0, 0);
        for (k, e) in &self.entities {
            if kinds.contains(&k.as_str()) {
                n += e.values;
                hits += e.leaked;
            }
        }
        ratio(hits, n)
    }

    /// All negatives altered, over all kinds.
    pub fn negatives_altered(&self) -> Tally {
        self.negatives.values().fold(Tally::default(), |t, x| Tally { n: t.n + x.n, hits: t.hits + x.hits })
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Runs `sanitizer` over every item: `scan` for spans, `sanitize_text` for leaks and negatives,
/// `reidentify` for the round trip.
pub fn score(sanitizer: &mut Sanitizer, items: &[Item]) -> Scores {
    let mut s = Scores { items: items.len(), ..Scores::default() };
    for item in items {
        let findings = sanitizer.scan(&item.text).expect("scan");
        let output = sanitizer.sanitize_text(&item.text).expect("sanitize").output;
        // Card authentication data (CVV, track, PIN) is always dropped, so it cannot come back.
        let mut restorable = item.text.clone();
        for f in findings.iter().rev().filter(|f| f.entity.is_sensitive_authentication_data()) {
            restorable.replace_range(f.start..f.end, "");
        }
        if sanitizer.reidentify(&output) != restorable {
            s.round_trip_failures.push(item.id.clone());
        }
        let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
        for f in &findings {
            let e = s.entities.entry(f.entity.name().to_owned()).or_default();
            e.predicted += 1;
            let correct = item
                .spans
                .iter()
                .any(|g| g.kind == f.entity.name() && overlaps((g.start, g.end), (f.start, f.end)));
            e.correct += usize::from(correct);
        }
        let mut seen = BTreeSet::new();
        for g in &item.spans {
            let e = s.entities.entry(g.kind.clone()).or_default();
            e.gold += 1;
            let same_type: Vec<_> = findings.iter().filter(|f| f.entity.name() == g.kind).collect();
            e.found += usize::from(same_type.iter().any(|f| overlaps((g.start, g.end), (f.start, f.end))));
            if seen.insert((g.kind.clone(), g.value.clone())) {
                let leaked = leaked(g, &output);
                e.values += 1;
                e.leaked += usize::from(leaked);
                if leaked {
                    s.leaks.push((item.id.clone(), g.kind.clone()));
                }
                if let Some(o) = &g.obfuscation {
                    s.obfuscation_leaks.entry(o.clone()).or_default().add(leaked);
                }
            }
            if let Some(o) = &g.obfuscation {
                // Any type will do: a URL finding may rightly carry a value encoded inside it.
                let covered = findings.iter().any(|f| f.start <= g.start && g.end <= f.end);
                s.obfuscation_uncovered.entry(o.clone()).or_default().add(!covered);
            }
        }
        for n in &item.negatives {
            let altered = findings.iter().any(|f| overlaps((n.start, n.end), (f.start, f.end)));
            s.negatives.entry(n.kind.clone()).or_default().add(altered);
            if altered {
                s.altered.push((item.id.clone(), n.kind.clone()));
            }
        }
    }
    s
}

/// Whether the planted value survives in `output` (see the module docs).
pub fn leaked(span: &Span, output: &str) -> bool {
    let forms: Vec<&str> = std::iter::once(span.value.as_str()).chain(span.canonical.as_deref()).collect();
    if forms.iter().any(|v| contains_bounded(output, v)) {
        return true;
    }
    if WORDY.contains(&span.kind.as_str()) {
        return false;
    }
    let plain = span.canonical.as_deref().unwrap_or(&span.value);
    let stripped = strip(plain);
    if stripped.chars().count() >= 6 && strip(output).contains(&stripped) {
        return true;
    }
    let digits: String = plain.chars().filter(char::is_ascii_digit).collect();
    digits.len() >= 6 && digit_runs(output).iter().any(|run| run.contains(&digits))
}

/// Substring search that rejects matches glued to letters or digits.
fn contains_bounded(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let check_left = needle.chars().next().is_some_and(char::is_alphanumeric);
    let check_right = needle.chars().next_back().is_some_and(char::is_alphanumeric);
    hay.match_indices(needle).any(|(i, _)| {
        (!check_left || !glued(hay[..i].chars().next_back()))
            && (!check_right || !glued(hay[i + needle.len()..].chars().next()))
    })
}

/// Lowercase, without whitespace and dashes.
fn strip(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The digits of each run of ASCII digits joined by at most 3 separator characters.
fn digit_runs(s: &str) -> Vec<String> {
    let sep = |c: char| c.is_whitespace() || "-./()+_\u{b7}".contains(c);
    let mut runs = Vec::new();
    let mut run = String::new();
    let mut gap = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            run.push(c);
            gap = 0;
        } else if sep(c) && !run.is_empty() && gap < 3 {
            gap += 1;
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
            gap = 0;
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{:.1}%", 100.0 * x))
}

/// The figures as a plain-text table.
pub fn table(title: &str, s: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{title}: {} items", s.items);
    let _ = writeln!(
        out,
        "{:<16} {:>5} {:>8} {:>6} {:>10} {:>8}",
        "entity", "gold", "recall", "pred", "precision", "leak"
    );
    for (k, e) in &s.entities {
        let _ = writeln!(
            out,
            "{k:<16} {:>5} {:>8} {:>6} {:>10} {:>8}",
            e.gold,
            pct(e.recall()),
            e.predicted,
            pct(e.precision()),
            pct(e.leak_rate())
        );
    }
    let all: Vec<&str> = s.entities.keys().map(String::as_str).collect();
    let _ = writeln!(out, "{:<16} {:>43}", "all", pct(s.leak_rate_of(&all)));
    if !s.negatives.is_empty() {
        let _ = writeln!(out, "\n{:<18} {:>5} {:>8}", "negative", "n", "altered");
        for (k, t) in &s.negatives {
            let _ = writeln!(out, "{k:<18} {:>5} {:>8}", t.n, pct(t.rate()));
        }
        let t = s.negatives_altered();
        let _ = writeln!(out, "{:<18} {:>5} {:>8}", "all", t.n, pct(t.rate()));
    }
    if !s.obfuscation_leaks.is_empty() {
        let _ = writeln!(out, "\n{:<20} {:>5} {:>8} {:>10}", "obfuscation", "n", "leak", "uncovered");
        for (k, t) in &s.obfuscation_leaks {
            let u = s.obfuscation_uncovered.get(k).cloned().unwrap_or_default();
            let _ = writeln!(out, "{k:<20} {:>5} {:>8} {:>10}", t.n, pct(t.rate()), pct(u.rate()));
        }
    }
    let _ = writeln!(out, "\nround-trip failures: {}", s.round_trip_failures.len());
    out
}
