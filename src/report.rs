//! The audit report of one call, and the summary of a batch or stream: decisions, levels,
//! categories, entity kinds, actions, pointers and counts. Never a value and never the key:
//! pointers whose keys are themselves identifiers show the replacement, not the key.

use crate::classify::{BlockedBy, Category, Decision, FieldReport, Level};
use crate::detect::EntityKind;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What one `sanitize` call did, without any of the data it did it to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Report {
    /// allow (nothing changed), transform, or block (nothing returned).
    pub decision: Decision,
    /// The highest sensitivity level found.
    pub level: Level,
    /// The categories found (PHI, PII, PCI, FINANCIAL, CREDENTIAL).
    pub categories: BTreeSet<Category>,
    /// Number of findings acted on.
    pub total: usize,
    /// Per entity kind, the number of findings per action (`{"EMAIL": {"pseudonymize": 2}}`).
    pub entities: BTreeMap<EntityKind, BTreeMap<&'static str, usize>>,
    /// Per field (JSON Pointer into the input; `""` for text): the entity kinds found and the
    /// actions taken.
    pub fields: Vec<FieldReport>,
    /// Pointers of the fields removed (the top-most node of each removed subtree).
    pub dropped: Vec<String>,
    /// The block rule that stopped the record, when the decision is `block`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<BlockedBy>,
    /// `sha256:` fingerprint of the canonical policy (never the key).
    pub policy: String,
    /// The sanitas version that produced the report.
    pub version: &'static str,
}

impl Report {
    pub(crate) fn new() -> Self {
        Report { version: env!("CARGO_PKG_VERSION"), ..Report::default() }
    }

    pub(crate) fn count(&mut self, kind: EntityKind, action: &'static str) {
        self.count_n(kind, action, 1);
    }

    /// [`Report::count`] `n` times over.
    pub(crate) fn count_n(&mut self, kind: EntityKind, action: &'static str, n: usize) {
        self.total += n;
        *self.entities.entry(kind).or_default().entry(action).or_default() += n;
    }

    /// Counts every `(kind, action)` of `items`, adding each distinct pair to the maps once:
    /// the same report as [`Report::count`] per item (the maps are ordered by key, not by
    /// insertion).
    pub(crate) fn count_all(&mut self, items: impl Iterator<Item = (EntityKind, &'static str)>) {
        // A text has a few distinct pairs: a short list searched linearly, on the stack.
        const SLOTS: usize = 16;
        let mut pairs = [(EntityKind::Person, "", 0usize); SLOTS];
        let mut used = 0;
        for (kind, action) in items {
            let seen =
                pairs.get_mut(..used).and_then(|p| p.iter_mut().find(|p| p.0 == kind && p.1 == action));
            match seen {
                Some(p) => p.2 += 1,
                None if used < SLOTS => {
                    if let Some(p) = pairs.get_mut(used) {
                        *p = (kind, action, 1);
                        used += 1;
                    }
                }
                None => self.count(kind, action),
            }
        }
        for &(kind, action, n) in pairs.iter().take(used) {
            self.count_n(kind, action, n);
        }
    }

    /// Sets level and categories from the fields.
    pub(crate) fn roll_up(&mut self) {
        let (level, categories) = crate::classify::roll_up(&self.fields);
        self.level = level;
        self.categories = categories;
    }
}

/// The summary of a batch or a stream: counts per decision, and per pointer pattern (array
/// indices read `*`) the entity kinds, actions and number of records.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Summary {
    /// Records processed (blocked and failed ones included).
    pub records: u64,
    /// Records that left unchanged.
    pub allowed: u64,
    /// Records that left transformed.
    pub transformed: u64,
    /// Records blocked by a block rule.
    pub blocked: u64,
    /// Records that failed (batches only; a stream stops at the first failure).
    pub failed: u64,
    /// The highest level of any record.
    pub level: Level,
    /// Every category found.
    pub categories: BTreeSet<Category>,
    /// Findings acted on.
    pub total: u64,
    /// Per entity kind, findings per action.
    pub entities: BTreeMap<EntityKind, BTreeMap<&'static str, u64>>,
    /// Per pointer pattern (`/entry/*/resource/birthDate`): what was found and done, in how many
    /// records.
    pub fields: BTreeMap<String, FieldSummary>,
    /// Per pointer pattern, how many records had it dropped.
    pub dropped: BTreeMap<String, u64>,
    /// Positions (batch index or line number, from 1 for lines) of the first blocked records.
    pub blocked_at: Vec<u64>,
    /// `sha256:` fingerprint of the canonical policy.
    pub policy: String,
    /// The sanitas version.
    pub version: &'static str,
}

/// One pointer pattern in a [`Summary`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FieldSummary {
    /// Number of records where the field was reported.
    pub count: u64,
    /// Entity kinds found there.
    pub entities: BTreeSet<EntityKind>,
    /// Actions taken there.
    pub actions: BTreeSet<&'static str>,
}

impl Summary {
    /// Distinct pointer patterns kept; past this, new patterns are counted under `"…"`.
    const MAX_PATTERNS: usize = 10_000;
    /// Blocked positions listed.
    const MAX_BLOCKED_AT: usize = 1000;

    pub(crate) fn new(policy: &str) -> Self {
        Summary { policy: policy.to_owned(), version: env!("CARGO_PKG_VERSION"), ..Summary::default() }
    }

    /// Adds one record's report; `at` is its position (index or line number).
    pub(crate) fn add(&mut self, report: &Report, at: u64) {
        self.records += 1;
        match report.decision {
            Decision::Allow => self.allowed += 1,
            Decision::Transform => self.transformed += 1,
            Decision::Block => {
                self.blocked += 1;
                if self.blocked_at.len() < Self::MAX_BLOCKED_AT {
                    self.blocked_at.push(at);
                }
            }
        }
        self.level = self.level.max(report.level);
        self.categories.extend(report.categories.iter().copied());
        self.total += report.total as u64;
        for (kind, actions) in &report.entities {
            let e = self.entities.entry(*kind).or_default();
            for (action, n) in actions {
                *e.entry(action).or_default() += *n as u64;
            }
        }
        for f in &report.fields {
            let key = self.pattern_key(&f.pointer);
            let s = self.fields.entry(key).or_default();
            s.count += 1;
            s.entities.extend(f.entities.iter().copied());
            s.actions.extend(f.actions.iter().copied());
        }
        for d in &report.dropped {
            let key = self.pattern_key(d);
            *self.dropped.entry(key).or_default() += 1;
        }
    }

    pub(crate) fn add_failure(&mut self) {
        self.records += 1;
        self.failed += 1;
    }

    fn pattern_key(&self, pointer: &str) -> String {
        let pattern = pointer_pattern(pointer);
        if self.fields.len() + self.dropped.len() >= Self::MAX_PATTERNS
            && !self.fields.contains_key(&pattern)
            && !self.dropped.contains_key(&pattern)
        {
            return "…".to_owned();
        }
        pattern
    }
}

/// `/entry/3/resource/name/0/given/1` → `/entry/*/resource/name/*/given/*`.
pub(crate) fn pointer_pattern(pointer: &str) -> String {
    if pointer.is_empty() {
        return String::new();
    }
    pointer
        .split('/')
        .skip(1)
        .map(|s| if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) { "*" } else { s })
        .fold(String::with_capacity(pointer.len()), |mut acc, s| {
            acc.push('/');
            acc.push_str(s);
            acc
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_collapse_indices() {
        assert_eq!(pointer_pattern("/entry/3/resource/name/0/given/1"), "/entry/*/resource/name/*/given/*");
        assert_eq!(pointer_pattern(""), "");
        assert_eq!(pointer_pattern("/a/b1"), "/a/b1");
    }

    #[test]
    fn counting_all_at_once_reports_as_counting_one_by_one() {
        let actions = ["pseudonymize", "redact", "keep", "surrogate"];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut pairs_seen = 0;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 60) as usize;
            // Up to 30 kinds x 4 actions: more distinct pairs than the stack list holds.
            let spread = 1 + (x >> 8) % EntityKind::ALL.len() as u64;
            let items: Vec<(EntityKind, &'static str)> = (0..n)
                .map(|i| {
                    let h = (x >> 16).wrapping_mul(i as u64 + 1).wrapping_add(i as u64 * 7919);
                    (EntityKind::ALL[(h % spread) as usize], actions[((h >> 20) % 4) as usize])
                })
                .collect();
            let mut one = Report::new();
            one.count(EntityKind::Email, "keep");
            let mut all = one.clone();
            for &(k, a) in &items {
                one.count(k, a);
            }
            all.count_all(items.iter().copied());
            assert_eq!(one, all, "{items:?}");
            pairs_seen += one.entities.values().map(BTreeMap::len).sum::<usize>();
        }
        assert!(pairs_seen > 10_000, "{pairs_seen}");
    }

    #[test]
    fn summary_adds_up() {
        let mut s = Summary::new("sha256:x");
        let mut r = Report::new();
        r.decision = Decision::Transform;
        r.count(EntityKind::Email, "pseudonymize");
        r.fields.push(FieldReport::new("/a/0/email".into(), &[EntityKind::Email], &["pseudonymize"], false));
        r.dropped.push("/a/0/cvv".into());
        r.roll_up();
        s.add(&r, 1);
        s.add(&r, 2);
        let mut b = Report::new();
        b.decision = Decision::Block;
        s.add(&b, 3);
        s.add_failure();
        assert_eq!((s.records, s.transformed, s.blocked, s.failed, s.total), (4, 2, 1, 1, 2));
        assert_eq!(s.blocked_at, vec![3]);
        assert_eq!(s.fields["/a/*/email"].count, 2);
        assert_eq!(s.dropped["/a/*/cvv"], 2);
        assert_eq!(s.level, Level::Confidential);
    }
}
