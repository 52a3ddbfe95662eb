//! Policies: serde configuration (`deny_unknown_fields`, camelCase) compiled once into a
//! [`CompiledPolicy`]. Every pattern compiles and every name resolves in [`Policy::compile`], so
//! a bad policy fails before any data is touched.

use crate::detect::{Detector, EntityKind};
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;
use crate::transform::Operator;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// What to detect and what to do with each finding.
///
/// ```
/// let policy = sanitas::Policy::from_json(r#"{"entities": {"EMAIL": "redact"}, "minScore": 0.6}"#)?;
/// assert_eq!(policy.min_score, Some(0.6));
/// # Ok::<(), sanitas::Error>(())
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// Action for every entity kind not listed in `entities` (default: `pseudonymize`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_action: Option<Operator>,
    /// Per-entity actions, by entity name (`"EMAIL": "redact"`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub entities: BTreeMap<EntityKind, Operator>,
    /// Findings scoring below this threshold (0..=1) are ignored (default 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f32>,
    /// The pseudonym key, as hex (at least 32 digits). Without one, each `Sanitizer` draws a
    /// random key. Never serialized.
    #[serde(default, skip_serializing)]
    pub key: Option<Key>,
    /// Resource limits.
    #[serde(default)]
    pub limits: Limits,
}

/// Resource limits. Exceeding one is an error, never a truncation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Limits {
    /// Largest input accepted, in UTF-8 bytes (default 16 MiB).
    pub max_input_bytes: usize,
    /// Deepest JSON nesting accepted (default 64).
    pub max_depth: usize,
    /// Most findings in one call (default 100 000).
    pub max_findings: usize,
    /// Most tokens one vault holds (default 1 000 000).
    pub max_vault_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 16 << 20,
            max_depth: 64,
            max_findings: 100_000,
            max_vault_entries: 1_000_000,
        }
    }
}

/// The names accepted by [`Policy::preset`].
pub const PRESET_NAMES: &[&str] = &["default", "strict"];

impl Policy {
    /// Parses a policy from JSON text. Errors name the path of the bad item, e.g.
    /// `policy.entities.EMAIL: unknown variant "encrypt"`.
    pub fn from_json(json: &str) -> Result<Policy> {
        let mut de = serde_json::Deserializer::from_str(json);
        let policy = parse(&mut de)?;
        de.end().map_err(|_| {
            Error::new(ErrorKind::InvalidPolicy, "policy", "trailing characters after the policy")
        })?;
        Ok(policy)
    }

    /// Parses a policy from a JSON value (the form the JS API receives).
    pub fn from_value(value: serde_json::Value) -> Result<Policy> {
        parse(value)
    }

    /// A built-in policy by name (see [`PRESET_NAMES`]):
    /// - `default`: every entity kind the library detects becomes a keyed pseudonym token;
    /// - `strict`: every finding is redacted to its entity name; nothing is reversible.
    pub fn preset(name: &str) -> Result<Policy> {
        match name {
            "default" => Ok(Policy::default()),
            "strict" => Ok(Policy { default_action: Some(Operator::Redact), ..Policy::default() }),
            _ => Err(Error::new(
                ErrorKind::UnknownPreset,
                "preset",
                format!("unknown preset; expected one of: {}", PRESET_NAMES.join(", ")),
            )),
        }
    }

    /// Validates the policy and compiles everything it needs.
    pub fn compile(&self) -> Result<CompiledPolicy> {
        let min_score = self.min_score.unwrap_or(0.5);
        if !(0.0..=1.0).contains(&min_score) {
            return Err(Error::new(ErrorKind::InvalidPolicy, "policy.minScore", "must be between 0 and 1"));
        }
        let l = &self.limits;
        for (name, v) in [
            ("maxInputBytes", l.max_input_bytes),
            ("maxDepth", l.max_depth),
            ("maxFindings", l.max_findings),
            ("maxVaultEntries", l.max_vault_entries),
        ] {
            if v == 0 {
                return Err(Error::new(
                    ErrorKind::InvalidPolicy,
                    format!("policy.limits.{name}"),
                    "must be at least 1",
                ));
            }
        }
        let default = self.default_action.clone().unwrap_or(Operator::Pseudonymize);
        let actions = EntityKind::ALL
            .iter()
            .map(|&k| (k, self.entities.get(&k).unwrap_or(&default).for_entity(k)))
            .collect();
        Ok(CompiledPolicy { detector: shared_detector()?, actions, min_score, limits: self.limits.clone() })
    }
}

/// The built-in recognizers, compiled once per process (per wasm instance) and shared by every
/// policy. Building them is most of the cost of `new Sanitizer()`, and they hold no per-policy
/// state; their regexes keep their search caches in thread-safe pools.
fn shared_detector() -> Result<Arc<Detector>> {
    static DETECTOR: OnceLock<Arc<Detector>> = OnceLock::new();
    if let Some(d) = DETECTOR.get() {
        return Ok(Arc::clone(d));
    }
    // A failure (a bug in a built-in pattern) is reported and not cached.
    let built = Arc::new(Detector::new()?);
    Ok(Arc::clone(DETECTOR.get_or_init(|| built)))
}

fn parse<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Policy> {
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { "policy".to_owned() } else { format!("policy.{path}") };
        let kind = if path == "policy.key" { ErrorKind::InvalidKey } else { ErrorKind::InvalidPolicy };
        Error::new(kind, path, e.into_inner().to_string())
    })
}

/// A validated policy with its recognizers compiled. Built once, used for many calls.
pub struct CompiledPolicy {
    pub(crate) detector: Arc<Detector>,
    actions: BTreeMap<EntityKind, Operator>,
    pub(crate) min_score: f32,
    pub(crate) limits: Limits,
}

impl CompiledPolicy {
    /// The action for findings of `kind`.
    pub(crate) fn action(&self, kind: EntityKind) -> &Operator {
        self.actions.get(&kind).unwrap_or(&Operator::Redact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_compiles() {
        let p = Policy::from_json(
            r#"{"defaultAction":"redact","entities":{"EMAIL":{"action":"mask","keepLast":2}}}"#,
        )
        .unwrap();
        let c = p.compile().unwrap();
        assert_eq!(c.action(EntityKind::Ssn), &Operator::Redact);
        assert_eq!(c.action(EntityKind::Email).name(), "mask");
        assert_eq!(c.action(EntityKind::CardCvv), &Operator::Drop);
    }

    #[test]
    fn errors_name_the_path() {
        let e = Policy::from_json(r#"{"entities":{"EMAIL":"encrypt"}}"#).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidPolicy);
        assert_eq!(e.path(), "policy.entities.EMAIL");
        let e = Policy::from_json(r#"{"entities":{"EMAIL_ADDRESS":"redact"}}"#).unwrap_err();
        assert_eq!(e.path(), "policy.entities.EMAIL_ADDRESS");
        assert!(e.message().contains("EMAIL_ADDRESS"), "{e}");
        let e = Policy::from_json(r#"{"limits":{"maxDepht":3}}"#).unwrap_err();
        assert_eq!(e.path(), "policy.limits.maxDepht");
        assert!(e.message().contains("maxDepht"));
        let e = Policy::from_json(r#"{"minScore":2}"#).unwrap().compile().err().unwrap();
        assert_eq!(e.path(), "policy.minScore");
    }

    #[test]
    fn key_errors_do_not_echo_the_key() {
        let e = Policy::from_json(r#"{"key":"00112233445566778899aabbccddeeXY"}"#).unwrap_err();
        assert_eq!(e.path(), "policy.key");
        assert!(!e.to_string().contains("00112233"));
    }

    #[test]
    fn recognizers_are_compiled_once_and_shared() {
        let a = Policy::default().compile().unwrap();
        let b = Policy::preset("strict").unwrap().compile().unwrap();
        assert!(Arc::ptr_eq(&a.detector, &b.detector));
    }

    #[test]
    fn presets() {
        assert!(Policy::preset("default").is_ok());
        let e = Policy::preset("hipa").unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::UnknownPreset, "preset"));
    }
}
