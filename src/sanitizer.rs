//! The `Sanitizer`: a compiled policy, a key and a vault. Detection → operators → output and
//! report; on any error nothing is returned.

use crate::detect::{EntityKind, Finding};
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;
use crate::policy::{CompiledPolicy, Policy};
use crate::reidentify::{self, Reidentifier};
use crate::report::Report;
use crate::rewrite::Planned;
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
        Ok(Sanitizer { policy: compiled, key, vault, subject: String::new(), date_subject: String::new() })
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
        let mut report = Report::new();
        self.subject.clone_from(&self.date_subject);
        let output = self.transform_text(text, "", &mut report)?;
        Ok(Sanitized { output, report })
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

    /// Sanitizes a JSON value: every string leaf (and number leaf) is scanned as text.
    pub fn sanitize_json(&mut self, value: &Value) -> Result<Sanitized<Value>> {
        let size = measure(value, 0, self.policy.limits.max_depth, &mut String::new())?;
        self.check_size(size, "")?;
        self.subject = self.record_subject(value);
        let output = self.transform_record(value);
        self.subject.clear();
        output
    }

    /// A record's leaves are each checked against the vault when they are rendered; a fake value
    /// issued for a later leaf may still equal text of an earlier one. So if this record added
    /// surrogates or shifted dates, it is rendered once more: the pseudonyms are the same, and
    /// text that now spells one of them is tokenized.
    fn transform_record(&mut self, value: &Value) -> Result<Sanitized<Value>> {
        let literals = self.vault.literal_count();
        let mut report = Report::new();
        let mut output = self.transform_value(value, &mut String::new(), &mut report)?;
        if self.vault.literal_count() != literals {
            report = Report::new();
            output = self.transform_value(value, &mut String::new(), &mut report)?;
        }
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
        let findings = self.policy.detector.detect(text, |f| f.score >= self.policy.min_score);
        if report.total + findings.len() > self.policy.limits.max_findings {
            return Err(self.too_many_findings(path));
        }
        let plan = findings.iter().map(|f| Planned::new(f, self.policy.action(f.entity).clone())).collect();
        self.apply(text, plan, path, report, numeric)
    }

    fn transform_value(&mut self, value: &Value, pointer: &mut String, report: &mut Report) -> Result<Value> {
        Ok(match value {
            Value::String(s) => Value::String(self.transform_text(s, pointer, report)?),
            Value::Number(n) => {
                let text = n.to_string();
                let out = self.transform_leaf(&text, pointer, report, true)?;
                if out == text {
                    value.clone()
                } else {
                    Value::String(out)
                }
            }
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    out.push(self.transform_value(item, pointer, report)?);
                    pointer.truncate(len);
                }
                Value::Array(out)
            }
            Value::Object(map) => {
                let mut out = serde_json::Map::with_capacity(map.len());
                for (k, v) in map {
                    let len = pointer.len();
                    push_pointer_token(pointer, k);
                    out.insert(k.clone(), self.transform_value(v, pointer, report)?);
                    pointer.truncate(len);
                }
                Value::Object(out)
            }
            Value::Null | Value::Bool(_) => value.clone(),
        })
    }
}

/// A subject as its offset is keyed: case, spacing and name order do not matter.
fn normalize_subject(s: &str) -> String {
    crate::transform::token::subject(EntityKind::Person, s)
}

/// Appends `/key` with RFC 6901 escaping (`~` → `~0`, `/` → `~1`).
fn push_pointer_token(pointer: &mut String, key: &str) {
    pointer.push('/');
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
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
                pointer.push('/');
                pointer.push_str(&i.to_string());
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
                push_pointer_token(pointer, k);
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
    fn pointer_escaping() {
        let mut p = String::new();
        push_pointer_token(&mut p, "a/b~c");
        assert_eq!(p, "/a~1b~0c");
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
