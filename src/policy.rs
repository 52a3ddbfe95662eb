//! Policies: serde configuration (`deny_unknown_fields`, camelCase) compiled once into a
//! [`CompiledPolicy`]. Every pattern compiles and every name resolves in [`Policy::compile`], so
//! a bad policy fails before any data is touched.

use crate::detect::{Detector, EntityKind};
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;
use crate::record::pointer::Pattern;
use crate::transform::generalize::Ymd;
use crate::transform::{Generalization, GeneralizeSpec, MaskSpec, Operator};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
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
    /// Per-field rules by JSON Pointer pattern (`/patient/name`, `/entry/*/resource/birthDate`,
    /// `**/ssn`, `**/*Date`). A rule matching an object or array applies to every leaf inside
    /// it, unless a rule matches a node further down. Among the rules matching the same node the
    /// most specific wins (more literal segments, then more `*` and globs, then fewer `**`: so
    /// `/patient/contact/email` beats `/patient/**`), then the first listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldRule>,
    /// Allow-only mode: only the fields some rule in `fields` names may leave (processed by that
    /// rule); everything else is dropped, and objects and arrays left empty are removed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_only: bool,
    /// Rules that block a record outright: nothing of it may leave. `sanitize` fails with a
    /// `BlockedError`; batches and streams report the record as `blocked`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub block: Vec<BlockRule>,
    /// Use field names as evidence (`{"ssn": 123456789}`, `{"firstName": "Ana"}`); default true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_names: Option<bool>,
    /// The date ages are computed at (`YYYY-MM-DD`) for `generalize` to an age or with `ageCap`;
    /// default: today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_date: Option<String>,
}

/// A per-field rule: `{"path": "/patient/ssn", "action": "drop"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct FieldRule {
    /// A JSON Pointer pattern: `*` is one segment, `**` any number, `*` inside a segment a glob.
    pub path: String,
    /// What to do with the matching field (and, for an object or array, every leaf inside it).
    pub action: FieldAction,
    /// The entity kind of the field's value, for the report and for `pseudonymize` tokens;
    /// default: what the field name and the detectors say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityKind>,
}

impl FieldRule {
    /// A rule for `path` with `action`.
    pub fn new(path: impl Into<String>, action: FieldAction) -> FieldRule {
        FieldRule { path: path.into(), action, entity: None }
    }
}

/// The action of a field rule: an [`Operator`] applied to the whole value, or `scan`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum FieldAction {
    /// Run the text detectors over the value, ignoring the field name; each finding gets its
    /// entity's action. (`keep` leaves the value as it is, unscanned.)
    Scan,
    /// Apply the operator to the whole value: `keep`, `drop`, `redact`, `mask`, `pseudonymize`,
    /// `generalize`.
    Apply(Operator),
}

impl Serialize for FieldAction {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            FieldAction::Scan => s.serialize_str("scan"),
            FieldAction::Apply(op) => op.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for FieldAction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<FieldAction, D::Error> {
        struct ActionVisitor;
        impl<'de> Visitor<'de> for ActionVisitor {
            type Value = FieldAction;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"scan\", an action name or an object with an \"action\" field")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<FieldAction, E> {
                if v == "scan" {
                    return Ok(FieldAction::Scan);
                }
                Operator::deserialize(de::value::StrDeserializer::<E>::new(v))
                    .map(FieldAction::Apply)
                    .map_err(|e| E::custom(format!("{e}, or `scan`")))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<FieldAction, A::Error> {
                Operator::deserialize(de::value::MapAccessDeserializer::new(map)).map(FieldAction::Apply)
            }
        }
        d.deserialize_any(ActionVisitor)
    }
}

/// A rule that blocks a record: `{"entity": "CARD_CVV"}` (anywhere), `{"path": "**/track2"}`
/// (a field present and not null), or both (that kind found in that field).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct BlockRule {
    /// The entity kind whose presence blocks the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityKind>,
    /// A pointer pattern; with `entity`, only findings in matching fields count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
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
pub const PRESET_NAMES: &[&str] = &["default", "strict", "hipaa-safe-harbor", "pci-dss", "gdpr-pseudonymize"];

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
    /// - `default`: every entity kind the library detects becomes a keyed pseudonym token; card
    ///   authentication data (CVV, track, PIN) is dropped;
    /// - `strict`: every finding is redacted to its entity name; nothing is reversible;
    /// - `hipaa-safe-harbor`: see [`Policy::hipaa_safe_harbor`];
    /// - `pci-dss`: see [`Policy::pci_dss`];
    /// - `gdpr-pseudonymize`: see [`Policy::gdpr_pseudonymize`].
    pub fn preset(name: &str) -> Result<Policy> {
        match name {
            "default" => Ok(Policy::default()),
            "strict" => Ok(Policy { default_action: Some(Operator::Redact), ..Policy::default() }),
            "hipaa-safe-harbor" => Ok(Policy::hipaa_safe_harbor()),
            "pci-dss" => Ok(Policy::pci_dss()),
            "gdpr-pseudonymize" => Ok(Policy::gdpr_pseudonymize()),
            _ => Err(Error::new(
                ErrorKind::UnknownPreset,
                "preset",
                format!("unknown preset; expected one of: {}", PRESET_NAMES.join(", ")),
            )),
        }
    }

    /// HIPAA Safe Harbor de-identification, 45 CFR 164.514(b)(2): all 18 identifiers of the
    /// individual (and of relatives, employers and household members) are removed.
    /// - (A, D–O, R) names, phones, faxes, e-mails, SSNs, MRNs, health plan IDs, account, license,
    ///   vehicle and device numbers, URLs, IP addresses and other identifying numbers: redacted to
    ///   their kind (`[PERSON]`). Tokens are not used: §164.514(c) allows a re-identification
    ///   code only if it is not derived from the individual's information, and a keyed hash is.
    /// - (B) street addresses and cities redacted; ZIP codes keep their first three digits, or
    ///   `000` for the ZIP3 areas of 20,000 people or fewer (2000 Census list); coordinates keep
    ///   no decimals; states stay. Employers' names (`**/*employer*`) are redacted.
    /// - (R) record ids and references (`**/id`, `**/*Id`, `**/*_id`, `**/reference`…) are
    ///   redacted: they tie the data back to the individual's records.
    /// - (C) dates keep their year only; a year revealing an age of 90 or more becomes
    ///   `<=YYYY`; ages of 90 and above become `90+`.
    /// - (P, Q) fields named for biometrics or photographs are dropped.
    ///
    /// Safe Harbor also requires that the covered entity have no actual knowledge that what
    /// remains identifies the person; no tool can certify that.
    pub fn hipaa_safe_harbor() -> Policy {
        let generalize = |to, age_cap| {
            Operator::Generalize(GeneralizeSpec { to: Some(to), age_cap, ..GeneralizeSpec::default() })
        };
        let mut entities = BTreeMap::new();
        entities.insert(EntityKind::Date, generalize(Generalization::Year, true));
        entities.insert(EntityKind::Zip, generalize(Generalization::Zip3, false));
        entities.insert(EntityKind::AgeOver89, generalize(Generalization::Age, false));
        let coordinates = Operator::Generalize(GeneralizeSpec {
            to: Some(Generalization::Decimals),
            decimals: Some(0),
            ..GeneralizeSpec::default()
        });
        let mut fields: Vec<FieldRule> = ["latitude", "longitude", "lat", "lng", "lon", "long"]
            .iter()
            .map(|k| FieldRule::new(format!("**/{k}"), FieldAction::Apply(coordinates.clone())))
            .collect();
        // (R) other unique identifying numbers and codes: record ids and references tie the
        // data to the individual's own records.
        for id in ["id", "*Id", "*_id", "*-id", "*ID", "reference"] {
            fields.push(FieldRule::new(format!("**/{id}"), FieldAction::Apply(Operator::Redact)));
        }
        fields.push(FieldRule::new("**/*employer*", FieldAction::Apply(Operator::Redact)));
        fields.push(FieldRule::new("**/*Employer*", FieldAction::Apply(Operator::Redact)));
        for biometric in [
            "biometric",
            "Biometric",
            "fingerprint",
            "Fingerprint",
            "faceprint",
            "voiceprint",
            "Voiceprint",
            "retina",
            "photo",
            "Photo",
            "picture",
            "Picture",
            "headshot",
            "selfie",
            "portrait",
        ] {
            fields.push(FieldRule::new(format!("**/*{biometric}*"), FieldAction::Apply(Operator::Drop)));
        }
        Policy { default_action: Some(Operator::Redact), entities, fields, ..Policy::default() }
    }

    /// PCI DSS v4.0.1 for card data:
    /// - Requirement 3.4.1: a card number shows at most the BIN and the last four digits, so
    ///   PANs are masked to `411111******1111` (first six, last four);
    /// - Requirement 3.3.1: sensitive authentication data (CVV2/CVC2/CID, full track data, PIN and
    ///   PIN block) is never kept after authorization, so it is dropped, never vaulted;
    /// - other identifiers become keyed tokens (Requirement 3.5.1.1 asks for keyed hashes).
    pub fn pci_dss() -> Policy {
        let mut entities = BTreeMap::new();
        entities.insert(
            EntityKind::CreditCard,
            Operator::Mask(MaskSpec { keep_first: 6, keep_last: 4, ..MaskSpec::default() }),
        );
        for sad in [EntityKind::CardCvv, EntityKind::CardTrack, EntityKind::CardPin] {
            entities.insert(sad, Operator::Drop);
        }
        Policy { entities, ..Policy::default() }
    }

    /// GDPR pseudonymisation (Art. 4(5)) with minimisation (Art. 5(1)(c)):
    /// - every identifier becomes a keyed HMAC-SHA-256 token, the keyed function EDPB Guidelines
    ///   01/2025 call fit for pseudonymisation (unkeyed hashes of guessable values are not); the
    ///   key and the vault, the "additional information", stay on the client;
    /// - credentials (passwords, API keys, tokens) and card authentication data, which no
    ///   downstream purpose needs, are dropped.
    ///
    /// Pseudonymised data is still personal data under the GDPR.
    pub fn gdpr_pseudonymize() -> Policy {
        let mut entities = BTreeMap::new();
        entities.insert(EntityKind::ApiKey, Operator::Drop);
        Policy { default_action: Some(Operator::Pseudonymize), entities, ..Policy::default() }
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
        check_operator(&default, "policy.defaultAction")?;
        for (kind, op) in &self.entities {
            check_operator(op, &format!("policy.entities.{kind}"))?;
        }
        let actions: BTreeMap<EntityKind, Operator> = EntityKind::ALL
            .iter()
            .map(|&k| (k, self.entities.get(&k).unwrap_or(&default).for_entity(k)))
            .collect();
        let mut rules = Vec::with_capacity(self.fields.len());
        for (i, rule) in self.fields.iter().enumerate() {
            let at = format!("policy.fields[{i}]");
            let pattern = Pattern::parse(&rule.path)
                .map_err(|m| Error::new(ErrorKind::InvalidPolicy, format!("{at}.path"), m))?;
            if let FieldAction::Apply(op) = &rule.action {
                check_operator(op, &format!("{at}.action"))?;
            }
            rules.push(CompiledRule { pattern, action: rule.action.clone(), entity: rule.entity });
        }
        if self.allow_only && rules.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidPolicy,
                "policy.allowOnly",
                "allow-only mode needs at least one rule in \"fields\" (otherwise nothing leaves)",
            ));
        }
        let mut blocks = Vec::with_capacity(self.block.len());
        for (i, b) in self.block.iter().enumerate() {
            let at = format!("policy.block[{i}]");
            if b.entity.is_none() && b.path.is_none() {
                return Err(Error::new(
                    ErrorKind::InvalidPolicy,
                    at,
                    "a block rule needs \"entity\" or \"path\"",
                ));
            }
            let pattern = match &b.path {
                Some(p) => Some(
                    Pattern::parse(p)
                        .map_err(|m| Error::new(ErrorKind::InvalidPolicy, format!("{at}.path"), m))?,
                ),
                None => None,
            };
            blocks.push(CompiledBlock { rule: at, entity: b.entity, pattern });
        }
        let reference_date = match &self.reference_date {
            Some(d) => Some(Ymd::parse_iso(d).ok_or_else(|| {
                Error::new(ErrorKind::InvalidPolicy, "policy.referenceDate", "expected a date as YYYY-MM-DD")
            })?),
            None => None,
        };
        let fingerprint = self.fingerprint(&default, &actions, min_score)?;
        Ok(CompiledPolicy {
            detector: shared_detector()?,
            actions,
            min_score,
            limits: self.limits.clone(),
            rules,
            allow_only: self.allow_only,
            blocks,
            field_names: self.field_names.unwrap_or(true),
            reference_date,
            fingerprint,
        })
    }

    /// SHA-256 over the canonical JSON of the policy as it behaves: every entity's resolved
    /// action, defaults filled in, the key left out.
    fn fingerprint(
        &self,
        default: &Operator,
        actions: &BTreeMap<EntityKind, Operator>,
        min_score: f32,
    ) -> Result<String> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Canonical<'a> {
            default_action: &'a Operator,
            entities: &'a BTreeMap<EntityKind, Operator>,
            min_score: f32,
            fields: &'a [FieldRule],
            allow_only: bool,
            block: &'a [BlockRule],
            field_names: bool,
            reference_date: Option<&'a str>,
            limits: &'a Limits,
        }
        let canonical = Canonical {
            default_action: default,
            entities: actions,
            min_score,
            fields: &self.fields,
            allow_only: self.allow_only,
            block: &self.block,
            field_names: self.field_names.unwrap_or(true),
            reference_date: self.reference_date.as_deref(),
            limits: &self.limits,
        };
        let json = serde_json::to_vec(&canonical)
            .map_err(|_| Error::new(ErrorKind::Internal, "policy", "the policy could not be serialized"))?;
        let digest = Sha256::digest(&json);
        let mut hex = String::with_capacity(7 + 64);
        hex.push_str("sha256:");
        for b in digest.iter() {
            hex.push_str(&format!("{b:02x}"));
        }
        Ok(hex)
    }
}

/// Checks the options of an operator; errors name `at` plus the bad option.
fn check_operator(op: &Operator, at: &str) -> Result<()> {
    if let Operator::Generalize(spec) = op {
        spec.check().map_err(|(field, message)| {
            Error::new(ErrorKind::InvalidPolicy, format!("{at}.{field}"), message)
        })?;
    }
    Ok(())
}

/// A field rule with its pattern compiled.
pub(crate) struct CompiledRule {
    pub(crate) pattern: Pattern,
    pub(crate) action: FieldAction,
    pub(crate) entity: Option<EntityKind>,
}

/// A block rule with its pattern compiled and its policy path.
pub(crate) struct CompiledBlock {
    pub(crate) rule: String,
    pub(crate) entity: Option<EntityKind>,
    pub(crate) pattern: Option<Pattern>,
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
    pub(crate) rules: Vec<CompiledRule>,
    pub(crate) allow_only: bool,
    pub(crate) blocks: Vec<CompiledBlock>,
    pub(crate) field_names: bool,
    pub(crate) reference_date: Option<Ymd>,
    fingerprint: String,
}

impl CompiledPolicy {
    /// The action for findings of `kind`.
    pub(crate) fn action(&self, kind: EntityKind) -> &Operator {
        self.actions.get(&kind).unwrap_or(&Operator::Redact)
    }

    /// `sha256:` and the hex SHA-256 of the canonical policy (resolved actions, defaults filled
    /// in, never the key): two policies that behave the same have the same fingerprint.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
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
