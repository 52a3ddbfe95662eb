//! Policies: serde configuration (`deny_unknown_fields`, camelCase) compiled once into a
//! [`CompiledPolicy`]. Every pattern compiles and every name resolves in [`Policy::compile`], so
//! a bad policy fails before any data is touched.

use crate::detect::{Detector, EntityKind};
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;
pub use crate::limits::Limits;
use crate::transform::Operator;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    #[serde(default, deserialize_with = "crate::limits::map_only")]
    pub limits: Limits,
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
        self.limits.validate()?;
        let default = self.default_action.clone().unwrap_or(Operator::Pseudonymize);
        let actions = EntityKind::ALL
            .iter()
            .map(|&k| (k, self.entities.get(&k).unwrap_or(&default).for_entity(k)))
            .collect();
        Ok(CompiledPolicy { detector: Detector::new()?, actions, min_score, limits: self.limits.clone() })
    }
}

fn parse<'de, D: serde::Deserializer<'de>>(de: D) -> Result<Policy> {
    let policy: crate::limits::MapOnly<Policy> = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { "policy".to_owned() } else { format!("policy.{path}") };
        if path == "policy.key" {
            // serde's type errors quote numbers ("invalid type: integer `1234...`"): a key given
            // as a number must not come back in the message.
            return Error::new(
                ErrorKind::InvalidKey,
                path,
                "the key must be a string of at least 32 hex digits (an even number)",
            );
        }
        Error::new(ErrorKind::InvalidPolicy, path, clamp(e.into_inner().to_string()))
    })?;
    Ok(policy.0)
}

/// Longest policy error message: serde quotes an unknown name or variant, which a hostile policy
/// could make megabytes long.
const MAX_MESSAGE_CHARS: usize = 300;

fn clamp(mut message: String) -> String {
    if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
        message.truncate(cut);
        message.push('…');
    }
    message
}

/// A validated policy with its recognizers compiled. Built once, used for many calls.
pub struct CompiledPolicy {
    pub(crate) detector: Detector,
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
    fn key_of_the_wrong_type_is_not_quoted() {
        for json in [r#"{"key":12345678901234567890}"#, r#"{"key":1.2345e300}"#, r#"{"key":[1234567]}"#] {
            let e = Policy::from_json(json).unwrap_err();
            assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidKey, "policy.key"));
            assert!(!e.message().contains("1234"), "{e}");
        }
    }

    #[test]
    fn long_names_are_clamped_in_messages() {
        let name = "X".repeat(100_000);
        let e = Policy::from_json(&format!(r#"{{"entities":{{"EMAIL":"{name}"}}}}"#)).unwrap_err();
        assert_eq!(e.path(), "policy.entities.EMAIL");
        assert!(e.message().chars().count() <= MAX_MESSAGE_CHARS + 1, "{}", e.message().len());
    }

    #[test]
    fn hostile_limits_are_policy_errors() {
        for (json, path) in [
            (r#"{"limits":{"maxDepth":1000000000}}"#, "policy.limits.maxDepth"),
            (r#"{"limits":{"maxInputBytes":0}}"#, "policy.limits.maxInputBytes"),
            (r#"{"limits":{"maxPatternBytes":100000000}}"#, "policy.limits.maxPatternBytes"),
        ] {
            let e = Policy::from_json(json).unwrap().compile().err().unwrap();
            assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidPolicy, path), "{json}");
        }
        for (json, path) in [
            (r#"{"limits":{"maxDepth":-1}}"#, "policy.limits.maxDepth"),
            (r#"{"limits":{"maxDepth":1.5}}"#, "policy.limits.maxDepth"),
            (r#"{"limits":{"maxDepth":"8"}}"#, "policy.limits.maxDepth"),
            (r#"{"limits":{"maxFindings":1e300}}"#, "policy.limits.maxFindings"),
            (r#"{"limits":{"maxInputBytes":18446744073709551616}}"#, "policy.limits.maxInputBytes"),
            (r#"{"limits":[]}"#, "policy.limits"),
            (r#"{"limits":[1]}"#, "policy.limits"),
            ("[]", "policy"),
            (r#"["redact"]"#, "policy"),
        ] {
            let e = Policy::from_json(json).unwrap_err();
            assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidPolicy, path), "{json}");
        }
    }

    #[test]
    fn presets() {
        assert!(Policy::preset("default").is_ok());
        let e = Policy::preset("hipa").unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::UnknownPreset, "preset"));
    }
}
