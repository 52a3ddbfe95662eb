//! The `Sanitizer`: a compiled policy, a key and a vault. Detection → operators → output and
//! report; on any error nothing is returned.

use crate::classify::{self, BlockedBy, Classification, Decision, FieldReport};
use crate::detect::{EntityKind, Finding};
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;
use crate::policy::{CompiledPolicy, Policy};
use crate::record::{
    self, pointer::push_index, pointer::push_token, Caches, Replace, Sink, TextSink, ValueSink,
};
use crate::report::{Report, Summary};
use crate::transform::generalize::{self, Ymd};
use crate::transform::{token, Operator};
use crate::vault::Vault;
use serde_json::Value;

/// The result of a `sanitize` call: what may leave, and what was done.
#[derive(Clone, Debug, PartialEq)]
pub struct Sanitized<T> {
    /// The sanitized text or record.
    pub output: T,
    /// Counts of what was done, free of data values.
    pub report: Report,
}

/// Detects and pseudonymizes identifiers under one compiled policy, with one key and one vault.
///
/// ```
/// use sanitas::{Policy, Sanitizer};
/// let mut s = Sanitizer::new(Policy::default())?;
/// let text = "Mail jane.doe@example.com, SSN 123-45-6789.";
/// let out = s.sanitize_text(text)?.output;
/// assert!(!out.contains("jane.doe@example.com") && !out.contains("123-45-6789"));
/// assert_eq!(s.reidentify(&out), text);
/// # Ok::<(), sanitas::Error>(())
/// ```
pub struct Sanitizer {
    policy: CompiledPolicy,
    /// Field-name and key-scan caches, shared by every call (records repeat their keys).
    caches: std::sync::Mutex<Caches>,
    key: Key,
    vault: Vault,
    token_pattern: regex::Regex,
}

impl std::fmt::Debug for Sanitizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sanitizer").field("key", &self.key).field("vault_entries", &self.vault.len()).finish()
    }
}

impl Sanitizer {
    /// Compiles `policy`. Uses the policy's key, or a fresh random key when it has none.
    pub fn new(mut policy: Policy) -> Result<Sanitizer> {
        let compiled = policy.compile()?;
        let key = match policy.key.take() {
            Some(k) => k,
            None => Key::random()?,
        };
        let vault = Vault::new(compiled.limits.max_vault_entries);
        Ok(Sanitizer {
            policy: compiled,
            caches: std::sync::Mutex::new(Caches::default()),
            key,
            vault,
            token_pattern: token::token_pattern()?,
        })
    }

    /// A sanitizer for a built-in preset (see [`Policy::preset`]).
    pub fn from_preset(name: &str) -> Result<Sanitizer> {
        Sanitizer::new(Policy::preset(name)?)
    }

    /// The identifiers in `text`, without overlaps, ordered by start (byte offsets).
    pub fn scan(&self, text: &str) -> Result<Vec<Finding>> {
        self.check_size(text.len(), "")?;
        let findings = self.policy.detector.detect(text, |f| f.score >= self.policy.min_score);
        if findings.len() > self.policy.limits.max_findings {
            return Err(self.too_many_findings(""));
        }
        Ok(findings)
    }

    /// Sanitizes free text.
    pub fn sanitize_text(&mut self, text: &str) -> Result<Sanitized<String>> {
        if !self.policy.blocks.is_empty() {
            let c = self.classify_text(text)?;
            if c.blocked_by.is_some() {
                let mut report = Report::new();
                report.decision = Decision::Block;
                report.blocked_by = c.blocked_by;
                blocked_error(&report)?;
            }
        }
        let mut report = Report::new();
        let output = self.transform_text(text, "", &mut report)?;
        self.finish_text_report(&mut report);
        Ok(Sanitized { output, report })
    }

    /// Decision, level, categories and the one field (`""`) of a text report.
    fn finish_text_report(&self, report: &mut Report) {
        report.policy = self.policy.fingerprint().to_owned();
        if report.total == 0 {
            return;
        }
        let kinds: Vec<EntityKind> = report.entities.keys().copied().collect();
        let actions: Vec<&'static str> = report.entities.values().flat_map(|a| a.keys().copied()).collect();
        let health = kinds.iter().any(|&k| classify::is_health_kind(k));
        report.fields = vec![FieldReport::new(String::new(), &kinds, &actions, health)];
        report.decision =
            if actions.iter().all(|a| *a == "keep") { Decision::Allow } else { Decision::Transform };
        report.roll_up();
    }

    /// Sanitizes a JSON record. Every leaf is addressed by its JSON Pointer and classified from
    /// its field name and its content: `{"firstName": "Ana"}`, `{"ssn": 123456789}` and
    /// `{"zip": "02139"}` are identifiers by their names; free-text leaves go through the text
    /// detectors; ids, amounts, codes and statuses stay. Field rules, allow-only mode and block
    /// rules of the policy apply.
    ///
    /// A record that a block rule matches fails with [`ErrorKind::Blocked`] (its path is the
    /// pointer of the field that matched) and nothing is returned.
    ///
    /// ```
    /// use sanitas::{Policy, Sanitizer};
    /// use serde_json::json;
    /// let mut s = Sanitizer::new(Policy::default())?;
    /// let out = s.sanitize_json(&json!({"firstName": "Ana", "ssn": 123456789, "amount": 12.5}))?;
    /// assert!(out.output["firstName"].as_str().unwrap().starts_with("PERSON_"));
    /// assert!(out.output["ssn"].as_str().unwrap().starts_with("SSN_"));
    /// assert_eq!(out.output["amount"], json!(12.5));
    /// # Ok::<(), sanitas::Error>(())
    /// ```
    pub fn sanitize_json(&mut self, value: &Value) -> Result<Sanitized<Value>> {
        self.check_record(value)?;
        let mut sink = ValueSink::default();
        let report = self.record(value, &mut sink)?;
        blocked_error(&report)?;
        Ok(Sanitized { output: sink.finish(), report })
    }

    /// Sanitizes a record given as JSON text and returns JSON text. Numbers the record leaves
    /// untouched are copied byte for byte (`1234.0`, `1.50` and 30-digit integers stay as
    /// written), which a round trip through JavaScript objects cannot do.
    pub fn sanitize_json_str(&mut self, json: &str) -> Result<Sanitized<String>> {
        self.check_size(json.len(), "")?;
        let value = parse_json(json, None)?;
        self.check_record(&value)?;
        let mut sink = TextSink::new(json, &value);
        let report = self.record(&value, &mut sink)?;
        blocked_error(&report)?;
        Ok(Sanitized { output: sink.finish()?, report })
    }

    /// Each field's categories and sensitivity, and for the record the highest level, the
    /// categories and the decision the policy would take, without transforming anything (no
    /// token is issued).
    ///
    /// ```
    /// use sanitas::{Decision, Level, Policy, Sanitizer};
    /// use serde_json::json;
    /// let s = Sanitizer::new(Policy::default())?;
    /// let c = s.classify_json(&json!({"patient": {"mrn": "MR-220720", "age": 54}}))?;
    /// assert_eq!((c.decision, c.level), (Decision::Transform, Level::Restricted));
    /// assert_eq!(c.fields[0].pointer, "/patient/mrn");
    /// # Ok::<(), sanitas::Error>(())
    /// ```
    pub fn classify_json(&self, value: &Value) -> Result<Classification> {
        self.check_record(value)?;
        let analysis = self.analyze(value)?;
        Ok(self.classification(analysis))
    }

    pub(crate) fn classification(&self, analysis: record::Analysis) -> Classification {
        let (level, categories) = classify::roll_up(&analysis.fields);
        let decision = decision_of(&analysis.blocked, analysis.changes);
        Classification {
            decision,
            level,
            categories,
            fields: analysis.fields,
            dropped: analysis.dropped,
            blocked_by: analysis.blocked,
            policy: self.policy.fingerprint().to_owned(),
            version: env!("CARGO_PKG_VERSION"),
        }
    }

    /// [`Sanitizer::classify_json`] for a record given as JSON text.
    pub fn classify_json_str(&self, json: &str) -> Result<Classification> {
        self.check_size(json.len(), "")?;
        self.classify_json(&parse_json(json, None)?)
    }

    /// [`Sanitizer::classify_json`] for free text (one field, pointer `""`).
    pub fn classify_text(&self, text: &str) -> Result<Classification> {
        self.classify_json(&Value::String(text.to_owned()))
    }

    /// Sanitizes many records. Each record succeeds, is blocked or fails on its own: a failure
    /// or a block yields no output for that record and does not stop the others.
    pub fn sanitize_batch(&mut self, records: &[Value]) -> Batch {
        let mut summary = Summary::new(self.policy.fingerprint());
        let mut items = Vec::with_capacity(records.len());
        for (i, value) in records.iter().enumerate() {
            let result = self.check_record(value).and_then(|()| {
                let mut sink = ValueSink::default();
                let report = self.record(value, &mut sink)?;
                Ok((sink, report))
            });
            items.push(match result {
                Ok((sink, report)) => {
                    summary.add(&report, i as u64);
                    if report.decision == Decision::Block {
                        BatchItem::Blocked { report }
                    } else {
                        BatchItem::Ok { output: sink.finish(), report }
                    }
                }
                Err(error) => {
                    summary.add_failure();
                    BatchItem::Failed { error }
                }
            });
        }
        Batch { items, summary }
    }

    /// One record into `sink`. A blocked record writes nothing and returns a `block` report.
    pub(crate) fn record(&mut self, value: &Value, sink: &mut dyn Sink) -> Result<Report> {
        let analysis = self.analyze(value)?;
        let mut report = Report::new();
        report.policy = self.policy.fingerprint().to_owned();
        if analysis.blocked.is_some() {
            report.decision = Decision::Block;
            report.fields = analysis.fields;
            report.blocked_by = analysis.blocked;
            report.roll_up();
            return Ok(report);
        }
        report.decision = decision_of(&None, analysis.changes);
        record::emit(value, analysis, self, sink, &mut report)?;
        report.roll_up();
        Ok(report)
    }

    /// The first pass over a record: what is found and what the policy does with it.
    pub(crate) fn analyze(&self, value: &Value) -> Result<record::Analysis> {
        let mut caches = self.caches.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        record::analyze(&self.policy, value, &mut caches)
    }

    /// Depth and size limits for a record.
    pub(crate) fn check_record(&self, value: &Value) -> Result<()> {
        let size = measure(value, 0, self.policy.limits.max_depth, &mut String::new())?;
        self.check_size(size, "")
    }

    /// The compiled policy.
    pub fn policy(&self) -> &CompiledPolicy {
        &self.policy
    }

    /// The date ages are computed at: the policy's `referenceDate`, else today.
    fn today(&self) -> Option<Ymd> {
        self.policy.reference_date.or_else(generalize::today)
    }

    /// Replaces every token this sanitizer issued with its original value. Other text, including
    /// token-shaped strings it did not issue, is left as it is.
    pub fn reidentify(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in self.token_pattern.find_iter(text) {
            if let Some(original) = self.vault.original(m.as_str()) {
                out.push_str(&text[last..m.start()]);
                out.push_str(original);
                last = m.end();
            }
        }
        out.push_str(&text[last..]);
        out
    }

    fn check_size(&self, bytes: usize, path: &str) -> Result<()> {
        let max = self.policy.limits.max_input_bytes;
        if bytes > max {
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                path,
                format!("input exceeds limits.maxInputBytes ({max})"),
            ));
        }
        Ok(())
    }

    fn too_many_findings(&self, path: &str) -> Error {
        let max = self.policy.limits.max_findings;
        Error::new(ErrorKind::TooManyFindings, path, format!("more than limits.maxFindings ({max}) findings"))
    }

    fn transform_text(&mut self, text: &str, path: &str, report: &mut Report) -> Result<String> {
        self.check_size(text.len(), path)?;
        let findings = self.policy.detector.detect(text, |f| f.score >= self.policy.min_score);
        if report.total + findings.len() > self.policy.limits.max_findings {
            return Err(self.too_many_findings(path));
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for f in &findings {
            let value = &text[f.start..f.end];
            let op = self.policy.action(f.entity).clone();
            report.count(f.entity, op.name());
            out.push_str(&text[last..f.start]);
            self.replacement(&op, f.entity, value, &mut out)?;
            last = f.end;
        }
        out.push_str(&text[last..]);
        Ok(out)
    }

    fn replacement(&mut self, op: &Operator, kind: EntityKind, value: &str, out: &mut String) -> Result<()> {
        match op {
            Operator::Keep => out.push_str(value),
            Operator::Drop => {}
            Operator::Redact => {
                out.push('[');
                out.push_str(kind.name());
                out.push(']');
            }
            Operator::Mask(m) => out.push_str(&m.apply(value)),
            Operator::Pseudonymize => out.push_str(&self.vault.pseudonymize(&self.key, kind, value)?),
            Operator::Generalize(spec) => match spec.apply(Some(kind), value, self.today()) {
                Some(g) => out.push_str(&g.into_text()),
                // Not generalizable (an unreadable date, a foreign postcode): redacted.
                None => {
                    out.push('[');
                    out.push_str(kind.name());
                    out.push(']');
                }
            },
        }
        Ok(())
    }
}

impl Replace for Sanitizer {
    fn rewrite(
        &mut self,
        text: &str,
        plan: &[(Finding, Operator)],
        path: &str,
        report: &mut Report,
        _numeric: bool,
    ) -> Result<String> {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (f, op) in plan {
            let (Some(before), Some(value)) = (text.get(last..f.start), text.get(f.start..f.end)) else {
                return Err(Error::new(ErrorKind::Internal, path, "overlapping findings"));
            };
            out.push_str(before);
            report.count(f.entity, op.name());
            self.replacement(op, f.entity, value, &mut out)?;
            last = f.end;
        }
        out.push_str(text.get(last..).unwrap_or(""));
        Ok(out)
    }

    fn today(&self) -> Option<Ymd> {
        Sanitizer::today(self)
    }
}

fn decision_of(blocked: &Option<BlockedBy>, changes: bool) -> Decision {
    if blocked.is_some() {
        Decision::Block
    } else if changes {
        Decision::Transform
    } else {
        Decision::Allow
    }
}

/// A `block` report as a [`ErrorKind::Blocked`] error naming the rule and the field.
fn blocked_error(report: &Report) -> Result<()> {
    match &report.blocked_by {
        Some(b) if report.decision == Decision::Block => {
            let what = b.entity.map(|e| format!(" ({e})")).unwrap_or_default();
            Err(Error::new(ErrorKind::Blocked, b.pointer.clone(), format!("blocked by {}{what}", b.rule)))
        }
        _ => Ok(()),
    }
}

/// Parses JSON text; errors give the line (when known) and the column, never the text.
pub(crate) fn parse_json(json: &str, line: Option<u64>) -> Result<Value> {
    serde_json::from_str(json).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Eof => "unexpected end of JSON",
            serde_json::error::Category::Syntax => "invalid JSON",
            serde_json::error::Category::Data => "JSON nested too deeply or otherwise unreadable",
            serde_json::error::Category::Io => "unreadable input",
        };
        let path = line.map(|n| format!("line {n}")).unwrap_or_default();
        Error::new(ErrorKind::InvalidInput, path, format!("{what} at column {}", e.column()))
    })
}

/// The result of [`Sanitizer::sanitize_batch`]: one item per record, and a summary.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Batch {
    /// One item per input record, in order.
    pub items: Vec<BatchItem>,
    /// Counts over the batch.
    pub summary: Summary,
}

/// The fate of one record of a batch.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum BatchItem {
    /// Sanitized (or left as it was, when nothing needed to change).
    Ok {
        /// The sanitized record.
        output: Value,
        /// What was done.
        report: Report,
    },
    /// A block rule matched: no output.
    Blocked {
        /// The `block` report, naming the rule and the field.
        report: Report,
    },
    /// Processing failed: no output.
    Failed {
        /// Why (a path and a message, never a value).
        error: Error,
    },
}

/// Total bytes of the strings (and keys) in `value`, failing past `max_depth` levels of nesting
/// before any deeper level is visited.
fn measure(value: &Value, depth: usize, max_depth: usize, pointer: &mut String) -> Result<usize> {
    let too_deep = || {
        Error::new(
            ErrorKind::TooDeep,
            pointer.clone(),
            format!("input nests deeper than limits.maxDepth ({max_depth})"),
        )
    };
    Ok(match value {
        Value::String(s) => s.len(),
        Value::Number(_) => 24,
        Value::Null | Value::Bool(_) => 4,
        Value::Array(items) => {
            if depth >= max_depth {
                return Err(too_deep());
            }
            let mut total = 2;
            for (i, item) in items.iter().enumerate() {
                let len = pointer.len();
                push_index(pointer, i);
                total += measure(item, depth + 1, max_depth, pointer)?;
                pointer.truncate(len);
            }
            total
        }
        Value::Object(map) => {
            if depth >= max_depth {
                return Err(too_deep());
            }
            let mut total = 2;
            for (k, v) in map {
                let len = pointer.len();
                push_token(pointer, k);
                total += k.len() + measure(v, depth + 1, max_depth, pointer)?;
                pointer.truncate(len);
            }
            total
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sanitizer() -> Sanitizer {
        Sanitizer::new(Policy::default()).unwrap()
    }

    #[test]
    fn json_leaves_are_sanitized_and_restored() {
        let mut s = sanitizer();
        let input = json!({"note": "card 4111 1111 1111 1111", "n": 4111111111111111u64, "ok": true, "list": ["a@b.co", 3]});
        let out = s.sanitize_json(&input).unwrap();
        let text = out.output.to_string();
        assert!(!text.contains("4111"), "{text}");
        assert!(!text.contains("a@b.co"));
        assert_eq!(out.output["ok"], json!(true));
        assert_eq!(out.output["list"][1], json!(3));
        assert_eq!(out.report.total, 3);
        assert_eq!(s.reidentify(out.output["list"][0].as_str().unwrap()), "a@b.co");
    }

    #[test]
    fn depth_limit_names_the_pointer() {
        let mut s = Sanitizer::new(Policy::from_json(r#"{"limits":{"maxDepth":2}}"#).unwrap()).unwrap();
        let e = s.sanitize_json(&json!({"a": {"b": {"c": 1}}})).unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::TooDeep, "/a/b"));
    }

    #[test]
    fn size_limit_fails_closed() {
        let mut s = Sanitizer::new(Policy::from_json(r#"{"limits":{"maxInputBytes":10}}"#).unwrap()).unwrap();
        assert_eq!(s.sanitize_text("0123456789a").unwrap_err().kind(), ErrorKind::InputTooLarge);
        assert_eq!(s.sanitize_json(&json!(["0123456789a"])).unwrap_err().kind(), ErrorKind::InputTooLarge);
    }

    #[test]
    fn findings_limit() {
        let mut s = Sanitizer::new(Policy::from_json(r#"{"limits":{"maxFindings":1}}"#).unwrap()).unwrap();
        let e = s.sanitize_text("a@b.co c@d.co").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooManyFindings);
    }

    #[test]
    fn debug_hides_key_and_vault() {
        let mut s = sanitizer();
        s.sanitize_text("a@b.co").unwrap();
        let d = format!("{s:?}");
        assert!(d.contains("Key(<redacted>)") && !d.contains("a@b.co"), "{d}");
    }
}
