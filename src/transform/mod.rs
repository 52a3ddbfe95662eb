//! Operators: what happens to a detected span. Operators only ever rewrite the spans that
//! detection found; everything between findings is copied unchanged.

pub(crate) mod date_shift;
pub(crate) mod generalize;
mod mask;
pub(crate) mod surrogate;
pub(crate) mod token;

use crate::detect::EntityKind;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

pub use date_shift::DateShiftSpec;
pub use generalize::{Generalization, GeneralizeSpec};
pub use mask::MaskSpec;

/// An action applied to a finding. In a policy it is written either as a bare name
/// (`"redact"`) or as an object with an `action` tag and options
/// (`{"action": "mask", "keepLast": 4}`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Operator {
    /// Leave the value as it is.
    Keep,
    /// Remove the value entirely (the span in text; the field in a record).
    Drop,
    /// Replace the value with its entity name in brackets, e.g. `[EMAIL]`.
    Redact,
    /// Replace letters and digits with a mask character, keeping some at either end.
    Mask(MaskSpec),
    /// Replace the value with a keyed token such as `EMAIL_3MZ8K2QD7X` that
    /// [`Sanitizer::reidentify`](crate::Sanitizer::reidentify) restores.
    Pseudonymize,
    /// Replace the value with a realistic fake of the same format chosen by the key
    /// (`Mark Ellis`, `(212) 555-0147`), restored like a token. Dates are shifted.
    Surrogate,
    /// Move a date by the subject's keyed offset, keeping intervals (see [`DateShiftSpec`]).
    /// Findings that are not dates get a token.
    DateShift(DateShiftSpec),
    /// Replace the value with a coarser one: a date by its year, a ZIP by its first three digits,
    /// an age of 90 or more by `90+`, a number by its bucket. Values that cannot be generalized
    /// are redacted.
    Generalize(GeneralizeSpec),
}

impl Operator {
    /// The action's name as used in policies and reports.
    pub fn name(&self) -> &'static str {
        match self {
            Operator::Keep => "keep",
            Operator::Drop => "drop",
            Operator::Redact => "redact",
            Operator::Mask(_) => "mask",
            Operator::Pseudonymize => "pseudonymize",
            Operator::Surrogate => "surrogate",
            Operator::DateShift(_) => "dateShift",
            Operator::Generalize(_) => "generalize",
        }
    }

    /// True for operators whose output cannot be turned back into the value (`keep` included:
    /// it has nothing to turn back). Records apply these to whole fields themselves.
    pub(crate) fn is_lossy(&self) -> bool {
        matches!(
            self,
            Operator::Keep | Operator::Drop | Operator::Redact | Operator::Mask(_) | Operator::Generalize(_)
        )
    }

    /// Operators that keep the value recoverable must never apply to card authentication data.
    pub(crate) fn for_entity(&self, kind: EntityKind) -> Operator {
        if kind.is_sensitive_authentication_data() {
            return Operator::Drop;
        }
        self.clone()
    }
}

/// The tagged object form, `{"action": "mask", ...}`.
#[derive(Deserialize)]
#[serde(tag = "action", rename_all = "camelCase")]
enum Tagged {
    Keep(NoOptions),
    Drop(NoOptions),
    Redact(NoOptions),
    Mask(MaskSpec),
    Pseudonymize(NoOptions),
    Surrogate(NoOptions),
    DateShift(DateShiftSpec),
    Generalize(GeneralizeSpec),
}

/// An action without options: any other field is an error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoOptions {}

impl From<Tagged> for Operator {
    fn from(t: Tagged) -> Operator {
        match t {
            Tagged::Keep(_) => Operator::Keep,
            Tagged::Drop(_) => Operator::Drop,
            Tagged::Redact(_) => Operator::Redact,
            Tagged::Mask(m) => Operator::Mask(m),
            Tagged::Pseudonymize(_) => Operator::Pseudonymize,
            Tagged::Surrogate(_) => Operator::Surrogate,
            Tagged::DateShift(d) => Operator::DateShift(d),
            Tagged::Generalize(g) => Operator::Generalize(g),
        }
    }
}

/// Every action name ([`Operator::name`]).
pub(crate) const NAMES: &[&str] =
    &["keep", "drop", "redact", "mask", "pseudonymize", "surrogate", "dateShift", "generalize"];

impl<'de> Deserialize<'de> for Operator {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Operator, D::Error> {
        struct OperatorVisitor;
        impl<'de> Visitor<'de> for OperatorVisitor {
            type Value = Operator;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an action name or an object with an \"action\" field")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Operator, E> {
                Ok(match v {
                    "keep" => Operator::Keep,
                    "drop" => Operator::Drop,
                    "redact" => Operator::Redact,
                    "mask" => Operator::Mask(MaskSpec::default()),
                    "pseudonymize" => Operator::Pseudonymize,
                    "surrogate" => Operator::Surrogate,
                    "dateShift" => Operator::DateShift(DateShiftSpec::default()),
                    "generalize" => Operator::Generalize(GeneralizeSpec::default()),
                    other => return Err(E::unknown_variant(other, NAMES)),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Operator, A::Error> {
                Tagged::deserialize(de::value::MapAccessDeserializer::new(map)).map(Operator::from)
            }
        }
        d.deserialize_any(OperatorVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_objects() {
        assert_eq!(serde_json::from_str::<Operator>("\"redact\"").unwrap(), Operator::Redact);
        let m: Operator = serde_json::from_str(r#"{"action":"mask","keepLast":4}"#).unwrap();
        assert_eq!(m, Operator::Mask(MaskSpec { keep_first: 0, keep_last: 4, ..MaskSpec::default() }));
        assert_eq!(serde_json::from_str::<Operator>(r#"{"action":"keep"}"#).unwrap(), Operator::Keep);
    }

    #[test]
    fn rejects_unknown_actions_and_fields() {
        let e = serde_json::from_str::<Operator>("\"encrypt\"").unwrap_err().to_string();
        assert!(e.contains("unknown variant `encrypt`"), "{e}");
        assert!(serde_json::from_str::<Operator>(r#"{"action":"mask","keepLats":4}"#).is_err());
        assert!(serde_json::from_str::<Operator>(r#"{"action":"redact","x":1}"#).is_err());
        assert!(serde_json::from_str::<Operator>("3").is_err());
    }

    #[test]
    fn pseudonym_operators_parse_and_validate() {
        assert_eq!(serde_json::from_str::<Operator>("\"surrogate\"").unwrap(), Operator::Surrogate);
        assert_eq!(
            serde_json::from_str::<Operator>("\"dateShift\"").unwrap(),
            Operator::DateShift(DateShiftSpec::default())
        );
        let d: Operator = serde_json::from_str(
            r#"{"action":"dateShift","maxDays":30,"keepWeekday":true,"subject":"/patient/id"}"#,
        )
        .unwrap();
        let Operator::DateShift(spec) = &d else { panic!("{d:?}") };
        assert_eq!(
            (spec.max_days, spec.keep_weekday, spec.subject.as_deref()),
            (30, true, Some("/patient/id"))
        );
        for bad in [
            r#"{"action":"dateShift","maxDays":0}"#,
            r#"{"action":"dateShift","maxDays":5,"keepWeekday":true}"#,
            r#"{"action":"dateShift","subject":"patient.id"}"#,
            r#"{"action":"dateShift","days":3}"#,
            r#"{"action":"surrogate","x":1}"#,
        ] {
            assert!(serde_json::from_str::<Operator>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn card_authentication_data_is_always_dropped() {
        assert_eq!(Operator::Surrogate.for_entity(EntityKind::CardPin), Operator::Drop);
        assert_eq!(
            Operator::DateShift(DateShiftSpec::default()).for_entity(EntityKind::CardCvv),
            Operator::Drop
        );
        assert_eq!(Operator::Pseudonymize.for_entity(EntityKind::CardCvv), Operator::Drop);
        assert_eq!(Operator::Keep.for_entity(EntityKind::CardTrack), Operator::Drop);
        assert_eq!(Operator::Redact.for_entity(EntityKind::Email), Operator::Redact);
    }
}
