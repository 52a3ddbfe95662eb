//! The `Sanitizer`: a compiled policy, a key and a vault. Detection → operators → output and
//! report; on any error nothing is returned.

use crate::detect::{EntityKind, Finding};
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;
use crate::policy::{CompiledPolicy, Policy};
use crate::report::Report;
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
        Ok(Sanitizer { policy: compiled, key, vault, token_pattern: token::token_pattern()? })
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
        let output = self.transform_text(text, "", &mut report)?;
        Ok(Sanitized { output, report })
    }

    /// Sanitizes a JSON value: every string leaf (and number leaf) is scanned as text.
    pub fn sanitize_json(&mut self, value: &Value) -> Result<Sanitized<Value>> {
        let size = measure(value, 0, self.policy.limits.max_depth, &mut String::new())?;
        self.check_size(size, "")?;
        let mut report = Report::new();
        let mut pointer = String::new();
        let output = self.transform_value(value, &mut pointer, &mut report)?;
        Ok(Sanitized { output, report })
    }

    /// Replaces every token this sanitizer issued with its original value. Other text, including
    /// token-shaped strings it did not issue, is left as it is. A token glued to other letters or
    /// digits (a value that followed `%40` or preceded `x` in its text) still comes back.
    pub fn reidentify(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        let mut from = 0;
        while let Some(m) = self.token_pattern.find_at(text, from) {
            // The longest token this vault issued that the match starts with.
            let body = m.as_str().rfind('_').map_or(m.len(), |i| i + 1);
            let issued = (body + token::MIN_BODY..=m.len())
                .rev()
                .find_map(|len| m.as_str().get(..len).and_then(|t| self.vault.original(t)).map(|o| (len, o)));
            match issued {
                Some((len, original)) => {
                    out.push_str(&text[last..m.start()]);
                    out.push_str(original);
                    last = m.start() + len;
                    from = last;
                }
                // A token may start inside this match (`SSN_0123ABCDEMAIL_...` is not one).
                None => from = m.start() + 1,
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
        }
        Ok(())
    }

    fn transform_value(&mut self, value: &Value, pointer: &mut String, report: &mut Report) -> Result<Value> {
        Ok(match value {
            Value::String(s) => Value::String(self.transform_text(s, pointer, report)?),
            Value::Number(n) => {
                let text = n.to_string();
                let out = self.transform_text(&text, pointer, report)?;
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
