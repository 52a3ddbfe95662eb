//! The audit report of one call: counts only, never a value and never the key.

use crate::detect::EntityKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// What one `sanitize` call did, without any of the data it did it to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Report {
    /// Number of findings acted on.
    pub total: usize,
    /// Per entity kind, the number of findings per action (`{"EMAIL": {"pseudonymize": 2}}`).
    pub entities: BTreeMap<EntityKind, BTreeMap<&'static str, usize>>,
    /// The sanitas version that produced the report.
    pub version: &'static str,
}

impl Report {
    pub(crate) fn new() -> Self {
        Report { version: env!("CARGO_PKG_VERSION"), ..Report::default() }
    }

    pub(crate) fn count(&mut self, kind: EntityKind, action: &'static str) {
        self.total += 1;
        *self.entities.entry(kind).or_default().entry(action).or_default() += 1;
    }
}
