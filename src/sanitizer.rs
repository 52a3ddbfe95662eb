//! The `Sanitizer`: a compiled policy, a key and a vault. Detection → operators → output and
//! report; on any error nothing is returned.

use crate::classify::{self, BlockedBy, Classification, Decision, FieldReport};
use crate::detect::{EntityKind, Finding};
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;
use crate::policy::{CompiledPolicy, Limits, Policy};
use crate::record::{
    self, pointer::push_index, pointer::push_token, Caches, Replace, Sink, TextSink, ValueSink,
};
use crate::reidentify::{self, Reidentifier};
use crate::report::{Report, Summary};
use crate::rewrite::Planned;
use crate::transform::generalize::{self, Ymd};
use crate::transform::{DateShiftSpec, Operator};
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
    pub(crate) policy: CompiledPolicy,
    /// Field-name and key-scan caches, shared by every call (records repeat their keys).
    caches: std::sync::Mutex<Caches>,
    pub(crate) key: Key,
    pub(crate) vault: Vault,
    /// The date-shift subject of the current call (see [`DateShiftSpec::subject`]).
    pub(crate) subject: String,
    /// The date-shift subject set by the application, for texts and records without one.
    date_subject: String,
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
            subject: String::new(),
            date_subject: String::new(),
        })
    }

    /// Compiles `policy` with `key`, whatever key the policy names (for keys the application
    /// holds as bytes, e.g. a JS `Uint8Array`).
    pub fn with_key(mut policy: Policy, key: Key) -> Result<Sanitizer> {
        policy.key = Some(key);
        Sanitizer::new(policy)
    }

    /// A sanitizer for a built-in preset (see [`Policy::preset`]).
    pub fn from_preset(name: &str) -> Result<Sanitizer> {
        Sanitizer::new(Policy::preset(name)?)
    }

    /// The resource limits this sanitizer enforces (from its policy).
    pub fn limits(&self) -> &Limits {
        &self.policy.limits
    }

    /// The identifiers in `text`, without overlaps, ordered by start (byte offsets).
    pub fn scan(&self, text: &str) -> Result<Vec<Finding>> {
        self.check_size(text.len(), "")?;
        let findings = self.policy.detector.detect(text, |f| f.score >= self.policy.min_score)?;
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
        self.subject.clone_from(&self.date_subject);
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
        let mut analysis = self.analyze(value)?;
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
        self.subject = self.record_subject(value);
        // A fake issued for a later leaf may equal text of an earlier one, which was rendered
        // before the fake existed: if this record issued surrogates or shifted dates, it is
        // rendered once more (same pseudonyms; text that now spells one of them is tokenized).
        let literals = self.vault.literal_count();
        let fields = std::mem::take(&mut analysis.fields);
        let mut done = record::emit(value, &analysis, fields, self, sink, &mut report);
        if done.is_ok() && self.vault.literal_count() != literals {
            sink.reset();
            let fields = std::mem::take(&mut report.fields);
            report = Report { decision: report.decision, policy: report.policy, ..Report::new() };
            done = record::emit(value, &analysis, fields, self, sink, &mut report);
        }
        self.subject.clear();
        done?;
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
        let size = measure(value, self.policy.limits.max_depth)?;
        self.check_size(size, "")
    }

    /// The compiled policy.
    pub fn policy(&self) -> &CompiledPolicy {
        &self.policy
    }

    /// The date ages are computed at: the policy's `referenceDate`, else today.
    pub(crate) fn today(&self) -> Option<Ymd> {
        self.policy.reference_date.or_else(generalize::today)
    }

    /// Sanitizes free text at spans the application found itself (its own NER, a human
    /// reviewer): each `(kind, byte range)` gets the policy's action for its kind, exactly as a
    /// detected finding would. Overlapping spans are resolved as detections are (longer wins).
    ///
    /// ```
    /// use sanitas::{EntityKind, Policy, Sanitizer};
    /// let mut s = Sanitizer::new(Policy::from_json(r#"{"defaultAction":"surrogate"}"#)?)?;
    /// let text = "Seen by Dr. Ana Lima.";
    /// let out = s.sanitize_text_with(text, &[(EntityKind::Person, 12..20)])?.output;
    /// assert!(!out.contains("Ana Lima") && out.starts_with("Seen by Dr. "));
    /// assert_eq!(s.reidentify(&out), text);
    /// # Ok::<(), sanitas::Error>(())
    /// ```
    pub fn sanitize_text_with(
        &mut self,
        text: &str,
        spans: &[(EntityKind, std::ops::Range<usize>)],
    ) -> Result<Sanitized<String>> {
        self.check_size(text.len(), "")?;
        if spans.len() > self.policy.limits.max_findings {
            return Err(self.too_many_findings(""));
        }
        let mut findings = Vec::with_capacity(spans.len());
        for (i, (kind, r)) in spans.iter().enumerate() {
            if r.start >= r.end || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
                return Err(Error::new(
                    ErrorKind::InvalidInput,
                    format!("spans[{i}]"),
                    "a span must be a non-empty range on character boundaries of the text",
                ));
            }
            findings.push(Finding::new(*kind, r.start, r.end, 1.0, true));
        }
        let plan = crate::detect::resolve_overlaps(findings)
            .iter()
            .map(|f| Planned::new(f, self.policy.action(f.entity).clone()))
            .collect();
        let mut report = Report::new();
        self.subject.clone_from(&self.date_subject);
        let output = self.apply(text, plan, "", &mut report, false)?;
        Ok(Sanitized { output, report })
    }

    /// Replaces every pseudonym this sanitizer issued (tokens, surrogates, shifted dates) with
    /// its original value, byte for byte. Other text, including token-shaped strings it did not
    /// issue, is left as it is.
    pub fn reidentify(&self, text: &str) -> String {
        reidentify::restore(self.vault.tables_ref(), text, None, true, &mut false).0
    }

    /// Re-identifies every string leaf (and object key) of a JSON value. A leaf that was a JSON
    /// number before it was pseudonymized comes back as that number.
    pub fn reidentify_json(&self, value: &Value) -> Value {
        let t = self.vault.tables_ref();
        let restore = |s: &str| {
            let mut numeric = false;
            let out = reidentify::restore(t, s, None, true, &mut numeric).0;
            (out, numeric)
        };
        fn walk(v: &Value, restore: &dyn Fn(&str) -> (String, bool)) -> Value {
            match v {
                Value::String(s) => {
                    let (out, numeric) = restore(s);
                    if numeric {
                        if let Ok(n) = out.parse::<serde_json::Number>() {
                            if n.to_string() == out {
                                return Value::Number(n);
                            }
                        }
                    }
                    Value::String(out)
                }
                Value::Array(items) => Value::Array(items.iter().map(|i| walk(i, restore)).collect()),
                Value::Object(map) => {
                    Value::Object(map.iter().map(|(k, v)| (restore(k).0, walk(v, restore))).collect())
                }
                other => other.clone(),
            }
        }
        walk(value, &restore)
    }

    /// A streaming re-identifier for a model's answer arriving in chunks (see [`Reidentifier`]).
    /// It restores the pseudonyms issued before this call.
    pub fn reidentifier(&self) -> Reidentifier {
        Reidentifier::new(self.vault.tables())
    }

    /// The vault as versioned JSON (`{"format": "sanitas-vault", "version": 1, "entries": [...]}`),
    /// to re-identify later or elsewhere with [`Sanitizer::import_vault`].
    ///
    /// **Sensitive**: it holds every original value this sanitizer replaced. Store and move it
    /// like the data itself (encrypted, access-controlled), never next to the pseudonymized data.
    /// It does not hold the key.
    pub fn export_vault(&self) -> Value {
        self.vault.export()
    }

    /// Adds the entries of an exported vault; returns how many were new. Fails without changing
    /// anything if an entry is malformed, a pseudonym is already held for another value, or the
    /// vault would exceed `limits.maxVaultEntries`.
    pub fn import_vault(&mut self, exported: Value) -> Result<usize> {
        self.vault.import(exported)
    }

    /// Forgets every pseudonym: nothing issued so far can be re-identified any more.
    pub fn clear_vault(&mut self) {
        self.vault.clear();
    }

    /// Number of pseudonyms in the vault.
    pub fn vault_len(&self) -> usize {
        self.vault.len()
    }

    /// Names whose dates the next texts are (a patient ID, a customer number): every date that
    /// `dateShift` moves in them moves by that subject's offset, so one patient's notes keep
    /// their intervals across calls while another patient's dates move differently. Records
    /// whose DATE operator names a `subject` field use that field instead. `None` returns to the
    /// key-wide offset. The subject is only hashed with the key; it is never output.
    pub fn set_date_shift_subject(&mut self, subject: Option<&str>) {
        self.date_subject = subject.map(normalize_subject).unwrap_or_default();
    }

    /// The date-shift subject of a record: the value at the DATE operator's `subject` pointer,
    /// or the one the application set.
    fn record_subject(&self, record: &Value) -> String {
        let Operator::DateShift(DateShiftSpec { subject: Some(pointer), .. }) =
            self.policy.action(EntityKind::Date)
        else {
            return self.date_subject.clone();
        };
        match record.pointer(pointer) {
            Some(Value::String(s)) => normalize_subject(s),
            Some(Value::Number(n)) => n.to_string(),
            _ => self.date_subject.clone(),
        }
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
        self.transform_leaf(text, path, report, false)
    }

    /// Detects and transforms one text (a string leaf, or a number leaf's digits if `numeric`).
    fn transform_leaf(
        &mut self,
        text: &str,
        path: &str,
        report: &mut Report,
        numeric: bool,
    ) -> Result<String> {
        self.check_size(text.len(), path)?;
        let findings = self.policy.detector.detect(text, |f| f.score >= self.policy.min_score)?;
        if report.total + findings.len() > self.policy.limits.max_findings {
            return Err(self.too_many_findings(path));
        }
        let plan = findings.iter().map(|f| Planned::new(f, self.policy.action(f.entity).clone())).collect();
        self.apply(text, plan, path, report, numeric)
    }
}

impl Replace for Sanitizer {
    fn rewrite(
        &mut self,
        text: &str,
        plan: &[(Finding, Operator)],
        path: &str,
        report: &mut Report,
        numeric: bool,
    ) -> Result<String> {
        // The same rewrite as free text: exact re-identification is checked and repaired there.
        let plan = plan.iter().map(|(f, op)| Planned::new(f, op.clone())).collect();
        self.apply(text, plan, path, report, numeric)
    }

    fn unchanged(&self, text: &str) -> bool {
        self.spells_no_pseudonym(text)
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

/// A subject as its offset is keyed: case, spacing and name order do not matter.
fn normalize_subject(s: &str) -> String {
    crate::transform::token::subject(EntityKind::Person, s)
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
fn measure(value: &Value, max_depth: usize) -> Result<usize> {
    let mut at = Vec::new();
    measure_at(value, 0, max_depth, &mut at).map_err(|()| {
        // The path of the node too deep, built only now (the segments were collected leaf first).
        let mut pointer = String::new();
        for seg in at.iter().rev() {
            match seg {
                crate::record::pointer::Seg::Key(k) => push_token(&mut pointer, k),
                crate::record::pointer::Seg::Index(i) => push_index(&mut pointer, *i),
            }
        }
        Error::new(
            ErrorKind::TooDeep,
            pointer,
            format!("input nests deeper than limits.maxDepth ({max_depth})"),
        )
    })
}

/// The size of `value`; on a node nested too deeply, `Err` with its path in `at`, leaf first.
fn measure_at<'v>(
    value: &'v Value,
    depth: usize,
    max_depth: usize,
    at: &mut Vec<crate::record::pointer::Seg<'v>>,
) -> std::result::Result<usize, ()> {
    use crate::record::pointer::Seg;
    Ok(match value {
        Value::String(s) => s.len(),
        Value::Number(_) => 24,
        Value::Null | Value::Bool(_) => 4,
        Value::Array(items) => {
            if depth >= max_depth {
                return Err(());
            }
            let mut total = 2;
            for (i, item) in items.iter().enumerate() {
                total +=
                    measure_at(item, depth + 1, max_depth, at).inspect_err(|()| at.push(Seg::Index(i)))?;
            }
            total
        }
        Value::Object(map) => {
            if depth >= max_depth {
                return Err(());
            }
            let mut total = 2;
            for (k, v) in map {
                total += k.len()
                    + measure_at(v, depth + 1, max_depth, at).inspect_err(|()| at.push(Seg::Key(k)))?;
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
    fn tokens_next_to_underscores_come_back() {
        // Found by fuzzing: a value glued to `_` gave a token that `\b` did not delimit.
        let mut s = sanitizer();
        for text in [
            "Mail jane.doe@example.comVIN_, ok",
            "SSN_078051120 done",
            "a@zb.PHONE_4VB7K7co",
            // Two findings side by side give two tokens side by side (found by fuzzing).
            "+34 54 569-0573 97-4569-0732)++55-05@px.org)",
            // A finding that starts with punctuation leaves its token glued to the word before.
            "[[aO77777777777777777771777(01)000000000000001155662985(01)777777777777777[T.org[",
        ] {
            let out = s.sanitize_text(text).unwrap().output;
            assert_ne!(out, text);
            assert_eq!(s.reidentify(&out), text);
        }
    }

    #[test]
    fn reidentify_restores_issued_tokens_wherever_they_stand() {
        let mut s = sanitizer();
        let t = s.sanitize_text("a@b.co").unwrap().output;
        let text = format!("{t}s, ({t}) x{t} {t}{t}");
        assert_eq!(s.reidentify(&text), "a@b.cos, (a@b.co) xa@b.co a@b.coa@b.co");
        let body = &t["EMAIL_".len()..];
        assert_eq!(s.reidentify(&format!("EMAIL_{}", &body[..7])), format!("EMAIL_{}", &body[..7]));
        assert_eq!(s.reidentify("EMAIL_0000000000 SSN_ABCDEFGH"), "EMAIL_0000000000 SSN_ABCDEFGH");
    }

    #[test]
    fn debug_hides_key_and_vault() {
        let mut s = sanitizer();
        s.sanitize_text("a@b.co").unwrap();
        let d = format!("{s:?}");
        assert!(d.contains("Key(<redacted>)") && !d.contains("a@b.co"), "{d}");
    }
}
