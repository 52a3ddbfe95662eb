//! Classification: the categories (PHI, PII, PCI, FINANCIAL, CREDENTIAL) and sensitivity level
//! (public < internal < confidential < restricted) of each field and of the whole record, and
//! the decision a policy takes on it (allow / transform / block). Computed from the findings
//! and field-name hints, without transforming anything.

use crate::detect::EntityKind;
use serde::Serialize;
use std::collections::BTreeSet;

/// A regulatory category of data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum Category {
    /// Protected health information (HIPAA): identifiers in a health record, MRNs, plan IDs.
    Phi,
    /// Personally identifiable information: names, contact data, national IDs, dates, places.
    Pii,
    /// Payment card data (PCI DSS): PAN, expiry, and sensitive authentication data.
    Pci,
    /// Bank and payment identifiers: accounts, IBANs, routing numbers, card numbers.
    Financial,
    /// Secrets that grant access: passwords, API keys, tokens, PINs.
    Credential,
}

/// How sensitive data is, from least to most.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Level {
    /// No identifier found.
    #[default]
    Public,
    /// Identifiers that are public or coarse on their own (city, ZIP, routing number, NPI).
    Internal,
    /// Identifies or reaches a person (name, e-mail, phone, date of birth, address, device).
    Confidential,
    /// Enables fraud or harm on its own (SSN, card, account, MRN, passport, secrets).
    Restricted,
}

/// What the policy does with a record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Decision {
    /// Nothing needs to change: the record may leave as it is.
    #[default]
    Allow,
    /// The record may leave once transformed (some field is replaced, generalized or dropped).
    Transform,
    /// A block rule matched: nothing may leave.
    Block,
}

/// The categories of one entity kind, without context.
pub fn categories_of(kind: EntityKind) -> &'static [Category] {
    use Category::*;
    use EntityKind as K;
    match kind {
        K::CreditCard => &[Pci, Financial],
        K::CardCvv | K::CardTrack => &[Pci],
        K::CardPin => &[Pci, Credential],
        K::CardExpiry => &[Pci],
        K::Iban | K::RoutingNumber | K::BankAccount | K::SwiftBic => &[Financial],
        K::ApiKey => &[Credential],
        K::Mrn | K::HealthPlanId => &[Phi, Pii],
        _ => &[Pii],
    }
}

/// The sensitivity level of one entity kind.
pub fn level_of(kind: EntityKind) -> Level {
    use EntityKind as K;
    match kind {
        K::Ssn
        | K::CreditCard
        | K::CardCvv
        | K::CardTrack
        | K::CardPin
        | K::ApiKey
        | K::BankAccount
        | K::Iban
        | K::Passport
        | K::DriverLicense
        | K::Mrn
        | K::HealthPlanId => Level::Restricted,
        K::City | K::Zip | K::RoutingNumber | K::SwiftBic | K::Npi => Level::Internal,
        _ => Level::Confidential,
    }
}

/// Entity kinds that put a record in a health context on their own.
pub(crate) fn is_health_kind(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Mrn
            | EntityKind::HealthPlanId
            | EntityKind::Npi
            | EntityKind::DeaNumber
            | EntityKind::AgeOver89
    )
}

/// Words in field names that make a record a health record (HIPAA: identifiers in it are PHI).
pub(crate) const HEALTH_WORDS: &str =
    "patient diagnosis diagnoses icd icd10 icd9 cpt hcpcs loinc snomed rxnorm medication \
        medications encounter condition procedure allergy allergies vitals lab labs observation \
        prescription rx mrn npi dea physician clinical hospital admission discharge fhir ehr emr \
        symptoms treatment dose dosage immunization vaccine specimen radiology pathology chart \
        diagnostic healthcare";

/// The classification of one field (a leaf, or a whole subtree a rule acted on).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FieldReport {
    /// RFC 6901 JSON Pointer of the field (`""` for free text). Keys that are themselves
    /// identifiers appear as their replacement, never as the original.
    pub pointer: String,
    /// The entity kinds found in the field.
    pub entities: Vec<EntityKind>,
    /// The actions applied (or, in a classification, to be applied): `pseudonymize`, `drop`…
    pub actions: Vec<&'static str>,
    /// The field's categories.
    pub categories: BTreeSet<Category>,
    /// The field's sensitivity.
    pub level: Level,
}

impl FieldReport {
    pub(crate) fn new(
        pointer: String,
        entities: &[EntityKind],
        actions: &[&'static str],
        health: bool,
    ) -> Self {
        let mut kinds: Vec<EntityKind> = entities.to_vec();
        kinds.sort_unstable();
        kinds.dedup();
        let mut acts: Vec<&'static str> = actions.to_vec();
        acts.sort_unstable();
        acts.dedup();
        let mut categories = BTreeSet::new();
        let mut level = Level::Public;
        for &k in &kinds {
            categories.extend(categories_of(k).iter().copied());
            if health && categories_of(k).contains(&Category::Pii) {
                categories.insert(Category::Phi);
            }
            level = level.max(level_of(k));
        }
        FieldReport { pointer, entities: kinds, actions: acts, categories, level }
    }
}

/// Which block rule stopped a record, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BlockedBy {
    /// The policy path of the rule, e.g. `policy.block[0]`.
    pub rule: String,
    /// The pointer of the field that matched it.
    pub pointer: String,
    /// The entity kind that matched, when the rule names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityKind>,
}

/// What [`Sanitizer::classify_json`](crate::Sanitizer::classify_json) returns: each field's
/// categories and level, and for the record the highest level, the categories and the decision.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Classification {
    /// allow / transform / block under the policy.
    pub decision: Decision,
    /// The highest level of any field.
    pub level: Level,
    /// Every category found.
    pub categories: BTreeSet<Category>,
    /// Fields holding identifiers or acted on by a rule, in document order.
    pub fields: Vec<FieldReport>,
    /// Pointers that would be removed (by rules, allow-only mode or `drop` actions).
    pub dropped: Vec<String>,
    /// The block rule that matched, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<BlockedBy>,
    /// Fingerprint of the policy (see [`CompiledPolicy::fingerprint`](crate::CompiledPolicy::fingerprint)).
    pub policy: String,
    /// The sanitas version.
    pub version: &'static str,
}

/// Record-level roll-up of field classifications.
pub(crate) fn roll_up(fields: &[FieldReport]) -> (Level, BTreeSet<Category>) {
    let mut level = Level::Public;
    let mut categories = BTreeSet::new();
    for f in fields {
        level = level.max(f.level);
        categories.extend(f.categories.iter().copied());
    }
    (level, categories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_roll_up() {
        let f =
            FieldReport::new("/a".into(), &[EntityKind::Email, EntityKind::Zip], &["pseudonymize"], false);
        assert_eq!(f.level, Level::Confidential);
        assert_eq!(f.categories.iter().copied().collect::<Vec<_>>(), vec![Category::Pii]);
        let g = FieldReport::new("/b".into(), &[EntityKind::CreditCard], &["mask"], true);
        assert_eq!(g.level, Level::Restricted);
        let (level, cats) = roll_up(&[f, g]);
        assert_eq!(level, Level::Restricted);
        assert_eq!(
            cats.into_iter().collect::<Vec<_>>(),
            vec![Category::Pii, Category::Pci, Category::Financial]
        );
        let h = FieldReport::new("/c".into(), &[EntityKind::Person], &[], true);
        assert!(h.categories.contains(&Category::Phi), "PII in a health record is PHI");
        assert_eq!(serde_json::to_value(Level::Restricted).unwrap(), "restricted");
        assert_eq!(serde_json::to_value(Category::Phi).unwrap(), "PHI");
        assert_eq!(serde_json::to_value(Decision::Transform).unwrap(), "transform");
    }

    #[test]
    fn every_kind_has_a_category_and_a_level() {
        for &k in EntityKind::ALL {
            assert!(!categories_of(k).is_empty());
            assert!(level_of(k) > Level::Public);
        }
        assert!(categories_of(EntityKind::ApiKey).contains(&Category::Credential));
    }
}
