//! Walking JSON records: every leaf is addressed by its RFC 6901 JSON Pointer, classified from its
//! field name (see [`hints`]) and its content (the text detectors), then kept, dropped or
//! transformed under the policy's field rules and entity actions.
//!
//! Two passes over the record: [`analyze`] decides everything without changing anything (it is
//! all `classify` needs, and it finds block rules before a single token is issued); [`emit`]
//! then writes the output into a [`Sink`], either a `serde_json::Value` or JSON text that keeps
//! every untouched number exactly as it was written (`1234.0` stays `1234.0`).

pub(crate) mod hints;
pub(crate) mod jsonl;
pub(crate) mod pointer;

use crate::classify::{is_health_kind, BlockedBy, FieldReport};
use crate::detect::{EntityKind, Finding};
use crate::error::{Error, ErrorKind, Result};
use crate::policy::{CompiledPolicy, FieldAction};
use crate::report::Report;
use crate::transform::generalize::{Generalized, Ymd};
use crate::transform::Operator;
use hints::{leaf_hint, plausible, Hint, KeyCache, LeafContext};
use pointer::{push_index, push_token, Seg};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// Caches kept across calls (records repeat their keys): key words and key scans.
#[derive(Default)]
pub(crate) struct Caches {
    keys: KeyCache,
    key_findings: HashMap<String, Vec<Finding>>,
}

impl Caches {
    const MAX_KEYS: usize = 4096;

    fn key_findings(&mut self, policy: &CompiledPolicy, key: &str) -> Result<Vec<Finding>> {
        if let Some(f) = self.key_findings.get(key) {
            return Ok(f.clone());
        }
        let found = if key.len() > 2 && key.len() <= 256 {
            policy.detector.detect(key, |f| f.score >= policy.min_score)?
        } else {
            Vec::new()
        };
        if key.len() <= 256 {
            if self.key_findings.len() >= Self::MAX_KEYS {
                self.key_findings.clear();
            }
            self.key_findings.insert(key.to_owned(), found.clone());
        }
        Ok(found)
    }
}

/// What happens to one leaf.
#[derive(Clone, Debug)]
pub(crate) enum LeafAction {
    /// Leaves unchanged.
    Keep,
    /// The whole value is replaced by the operator's output.
    Whole { kind: Option<EntityKind>, op: Operator },
    /// Spans of the value's text are replaced, each by its finding's operator.
    Spans(Vec<(Finding, Operator)>),
}

/// The plan for one node, in pre-order. Children of an `Open` node follow it.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// The member or element is removed with everything under it; `kinds` are the entity kinds
    /// of a dropped leaf (counted in the report as dropped).
    Drop { kinds: Vec<EntityKind> },
    /// An object or array whose children follow; its key (if any) is rewritten by `key`.
    Open { key: Vec<(Finding, Operator)> },
    /// A leaf.
    Leaf { key: Vec<(Finding, Operator)>, action: LeafAction, field: Option<usize> },
}

/// The result of [`analyze`]: the plan, and what was found.
pub(crate) struct Analysis {
    pub nodes: Vec<Node>,
    /// Reported fields, with pointers whose identifier keys read `[KIND]`.
    pub fields: Vec<FieldReport>,
    /// Dropped pointers (the top-most node of each dropped subtree).
    pub dropped: Vec<String>,
    pub blocked: Option<BlockedBy>,
    /// Whether anything would change.
    pub changes: bool,
}

/// Decides, for every node of `value`, what the policy does with it.
pub(crate) fn analyze(policy: &CompiledPolicy, value: &Value, caches: &mut Caches) -> Result<Analysis> {
    let mut a = Analyzer {
        policy,
        caches,
        path: Vec::new(),
        safe_keys: Vec::new(),
        nodes: Vec::new(),
        raw_fields: Vec::new(),
        dropped: Vec::new(),
        blocked: None,
        health: false,
        findings: 0,
        changes: false,
        rule_states: policy.rules.iter().map(|r| r.pattern.start()).collect(),
        known: Vec::new(),
        string_hints: Vec::new(),
        next_string: 0,
        known_forms: Vec::new(),
    };
    if policy.field_names {
        a.collect_known(value, None);
        a.known_forms = mention_forms(&a.known);
    }
    a.visit(value, None, None, true, Vec::new())?;
    let health = a.health;
    let fields = a
        .raw_fields
        .into_iter()
        .map(|(pointer, kinds, actions)| FieldReport::new(pointer, &kinds, &actions, health))
        .collect::<Vec<_>>();
    Ok(Analysis { nodes: a.nodes, fields, dropped: a.dropped, blocked: a.blocked, changes: a.changes })
}

struct Analyzer<'p, 'v, 'c> {
    policy: &'p CompiledPolicy,
    caches: &'c mut Caches,
    path: Vec<Seg<'v>>,
    /// Per path segment: the key as reports may show it (`[EMAIL]` for identifier keys).
    safe_keys: Vec<Option<String>>,
    nodes: Vec<Node>,
    raw_fields: Vec<(String, Vec<EntityKind>, Vec<&'static str>)>,
    dropped: Vec<String>,
    blocked: Option<BlockedBy>,
    health: bool,
    findings: usize,
    changes: bool,
    /// The match state of every field rule at each depth of `path` (a stack of frames of
    /// `rules.len()` states), so each node costs one step per rule, not a walk from the root.
    rule_states: Vec<u64>,
    /// Identifiers the field names revealed (`{"firstName": "Eshana"}`), looked for again in
    /// the record's free text ("Resubmission for Eshana Shere"), where nothing else may know
    /// them: (kind, text) pairs, names also by their parts.
    known: Vec<(EntityKind, String)>,
    /// The field-name hint of every string leaf in pre-order, and for an entity hint whether the
    /// value is plausible for it: computed once by `collect_known`, read again by `leaf` (the
    /// same path, siblings and text give the same answers).
    string_hints: Vec<(Hint, bool)>,
    /// The pre-order index of the next string leaf `leaf` classifies.
    next_string: usize,
    /// `known` with the spellings to look for (see [`mention_forms`]), built once per record.
    known_forms: Vec<(EntityKind, Vec<String>)>,
}

type KeyPlan = Vec<(Finding, Operator)>;

impl<'v> Analyzer<'_, 'v, '_> {
    fn pointer(&self) -> String {
        let mut p = String::new();
        for (seg, safe) in self.path.iter().zip(&self.safe_keys) {
            match (seg, safe) {
                (_, Some(s)) => push_token(&mut p, s),
                (Seg::Key(k), None) => push_token(&mut p, k),
                (Seg::Index(i), None) => push_index(&mut p, *i),
            }
        }
        p
    }

    /// First pass: the string leaves whose field names say what they are.
    fn collect_known(&mut self, value: &'v Value, siblings: Option<&'v Map<String, Value>>) {
        match value {
            Value::Object(map) => {
                for (k, child) in map {
                    self.path.push(Seg::Key(k));
                    self.collect_known(child, Some(map));
                    self.path.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    self.path.push(Seg::Index(i));
                    self.collect_known(child, None);
                    self.path.pop();
                }
            }
            Value::String(text) => {
                let hint = leaf_hint(&LeafContext { path: &self.path, siblings }, &mut self.caches.keys);
                let fits = match hint {
                    Hint::Entity { kind, strong } => plausible(kind, text, strong),
                    _ => false,
                };
                self.string_hints.push((hint, fits));
                if let Hint::Entity { kind, .. } = hint {
                    if fits && self.known.len() < 256 {
                        add_known(&mut self.known, kind, text);
                    }
                }
            }
            _ => {}
        }
    }

    /// The current frame of rule states.
    fn frame(&self) -> &[u64] {
        let n = self.policy.rules.len();
        self.rule_states.get(self.rule_states.len().saturating_sub(n)..).unwrap_or(&[])
    }

    /// Enters a child: pushes its segment and its frame of rule states.
    fn enter(&mut self, seg: Seg<'v>, safe: Option<String>) {
        let n = self.policy.rules.len();
        let base = self.rule_states.len().saturating_sub(n);
        for (i, r) in self.policy.rules.iter().enumerate() {
            let state = self.rule_states.get(base + i).copied().unwrap_or(0);
            self.rule_states.push(r.pattern.step(state, &seg));
        }
        self.path.push(seg);
        self.safe_keys.push(safe);
    }

    fn leave(&mut self) {
        let n = self.policy.rules.len();
        self.rule_states.truncate(self.rule_states.len().saturating_sub(n));
        self.path.pop();
        self.safe_keys.pop();
    }

    /// The most specific rule matching the current path (the first listed among equals).
    fn own_rule(&self) -> Option<usize> {
        let mut best: Option<(usize, (usize, usize, usize))> = None;
        let frame = self.frame();
        for (i, r) in self.policy.rules.iter().enumerate() {
            if frame.get(i).is_some_and(|&st| r.pattern.accepts(st)) {
                let spec = r.pattern.specificity();
                if best.is_none_or(|(_, b)| spec > b) {
                    best = Some((i, spec));
                }
            }
        }
        best.map(|(i, _)| i)
    }

    fn may_match_below(&self) -> bool {
        let frame = self.frame();
        self.policy
            .rules
            .iter()
            .enumerate()
            .any(|(i, r)| frame.get(i).is_some_and(|&st| r.pattern.may_continue(st)))
    }

    fn block(&mut self, rule: &str, entity: Option<EntityKind>) {
        if self.blocked.is_none() {
            self.blocked = Some(BlockedBy { rule: rule.to_owned(), pointer: self.pointer(), entity });
        }
    }

    fn check_path_blocks(&mut self, value: &Value) {
        if value.is_null() || self.blocked.is_some() {
            return;
        }
        let policy = self.policy;
        for b in &policy.blocks {
            if b.entity.is_none() && b.pattern.as_ref().is_some_and(|p| p.matches(&self.path)) {
                self.block(&b.rule, None);
                return;
            }
        }
    }

    fn check_entity_blocks(&mut self, kinds: &[EntityKind]) {
        if self.blocked.is_some() {
            return;
        }
        let policy = self.policy;
        for b in &policy.blocks {
            if let Some(e) = b.entity {
                if kinds.contains(&e) && b.pattern.as_ref().is_none_or(|p| p.matches(&self.path)) {
                    self.block(&b.rule, Some(e));
                    return;
                }
            }
        }
    }

    fn note_health_key(&mut self, key: &str) {
        if !self.health && self.caches.keys.words(key).health {
            self.health = true;
        }
    }

    /// Scans an object key; identifier keys are rewritten like any finding (or the member
    /// dropped, when their action is `drop`).
    fn key_plan(&mut self, key: &str) -> Result<(KeyPlan, Option<String>)> {
        let found = self.caches.key_findings(self.policy, key)?;
        if found.is_empty() {
            return Ok((Vec::new(), None));
        }
        let safe = found.iter().map(|f| format!("[{}]", f.entity)).collect::<Vec<_>>().join("");
        let plan = found.into_iter().map(|f| (f.clone(), self.policy.action(f.entity).clone())).collect();
        Ok((plan, Some(safe)))
    }

    fn visit(
        &mut self,
        value: &'v Value,
        siblings: Option<&'v Map<String, Value>>,
        inherited: Option<usize>,
        emitting: bool,
        key: KeyPlan,
    ) -> Result<bool> {
        let own = self.own_rule();
        let rule = own.or(inherited);
        self.check_path_blocks(value);
        if !key.is_empty() {
            // The key itself is an identifier (`{"ana@example.org": …}`).
            let kinds: Vec<EntityKind> = key.iter().map(|(f, _)| f.entity).collect();
            let actions = key.iter().map(|(_, op)| op.name()).collect();
            self.check_entity_blocks(&kinds);
            self.raw_fields.push((self.pointer(), kinds, actions));
        }
        let rule_action = rule.and_then(|i| self.policy.rules.get(i)).map(|r| &r.action);
        let key_dropped = key.iter().any(|(_, op)| *op == Operator::Drop);
        match value {
            Value::Object(_) | Value::Array(_) => {
                let drop_here = key_dropped
                    || matches!(rule_action, Some(FieldAction::Apply(Operator::Drop)))
                    || (self.policy.allow_only && rule.is_none() && !self.may_match_below());
                let start = self.nodes.len();
                let dropped_start = self.dropped.len();
                if emitting {
                    if drop_here {
                        self.nodes.push(Node::Drop { kinds: Vec::new() });
                        self.dropped.push(self.pointer());
                        self.changes = true;
                    } else {
                        if !key.is_empty() {
                            self.changes = true;
                        }
                        self.nodes.push(Node::Open { key });
                    }
                }
                let child_emitting = emitting && !drop_here;
                let mut survived = false;
                match value {
                    Value::Object(map) => {
                        for (k, child) in map {
                            self.note_health_key(k);
                            let (plan, safe) = self.key_plan(k)?;
                            self.enter(Seg::Key(k), safe);
                            let s = self.visit(child, Some(map), rule, child_emitting, plan);
                            self.leave();
                            survived |= s?;
                        }
                    }
                    Value::Array(items) => {
                        for (i, child) in items.iter().enumerate() {
                            self.enter(Seg::Index(i), None);
                            let s = self.visit(child, None, rule, child_emitting, Vec::new());
                            self.leave();
                            survived |= s?;
                        }
                    }
                    _ => {}
                }
                // Allow-only: an object or array with nothing left in it is removed too, unless a
                // rule allows it as such (`{"path": "/tags", "action": "keep"}` with `"tags": []`).
                survived |= rule.is_some() && !drop_here;
                if child_emitting && self.policy.allow_only && !survived && !self.path.is_empty() {
                    self.nodes.truncate(start);
                    self.dropped.truncate(dropped_start);
                    self.nodes.push(Node::Drop { kinds: Vec::new() });
                    self.dropped.push(self.pointer());
                    self.changes = true;
                }
                Ok(survived && !drop_here)
            }
            leaf => {
                let (kinds, action, explicit) = self.leaf(leaf, siblings, rule)?;
                self.check_entity_blocks(&kinds);
                let action = if key_dropped { None } else { action };
                let actions: Vec<&'static str> = match &action {
                    None => vec!["drop"],
                    Some(LeafAction::Keep) => vec![],
                    Some(LeafAction::Whole { op, .. }) => vec![op.name()],
                    Some(LeafAction::Spans(s)) => s.iter().map(|(_, op)| op.name()).collect(),
                };
                let dropped_kinds = if action.is_none() { kinds.clone() } else { Vec::new() };
                let reported = !kinds.is_empty()
                    || (explicit && action.as_ref().is_none_or(|a| !matches!(a, LeafAction::Keep)));
                let field = if reported {
                    self.raw_fields.push((self.pointer(), kinds, actions));
                    Some(self.raw_fields.len() - 1)
                } else {
                    None
                };
                let survives = action.is_some();
                let changes = !key.is_empty()
                    || match &action {
                        None => true,
                        Some(LeafAction::Keep) => false,
                        Some(LeafAction::Whole { op, .. }) => *op != Operator::Keep,
                        Some(LeafAction::Spans(s)) => s.iter().any(|(_, op)| *op != Operator::Keep),
                    };
                if emitting {
                    self.changes |= changes;
                    match action {
                        None => {
                            self.nodes.push(Node::Drop { kinds: dropped_kinds });
                            self.dropped.push(self.pointer());
                        }
                        Some(action) => self.nodes.push(Node::Leaf { key, action, field }),
                    }
                }
                Ok(survives)
            }
        }
    }

    /// Classifies a leaf and decides its action. Returns (kinds found, action — `None` for
    /// drop —, whether an explicit field rule applied).
    fn leaf(
        &mut self,
        value: &'v Value,
        siblings: Option<&'v Map<String, Value>>,
        rule: Option<usize>,
    ) -> Result<(Vec<EntityKind>, Option<LeafAction>, bool)> {
        let policy = self.policy;
        let rule = rule.and_then(|i| policy.rules.get(i));
        let text: std::borrow::Cow<'_, str> = match value {
            Value::String(s) => s.as_str().into(),
            Value::Number(n) => n.to_string().into(),
            _ => {
                // null and booleans carry no identifier; only `drop` applies to them.
                let drop = matches!(rule.map(|r| &r.action), Some(FieldAction::Apply(Operator::Drop)))
                    || (policy.allow_only && rule.is_none());
                return Ok((Vec::new(), if drop { None } else { Some(LeafAction::Keep) }, rule.is_some()));
            }
        };
        if text.len() > policy.limits.max_input_bytes {
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                self.pointer(),
                format!("input exceeds limits.maxInputBytes ({})", policy.limits.max_input_bytes),
            ));
        }

        // What the field name says, unless the rule asks for a plain scan or names the kind.
        // String leaves were classified by `collect_known` already, in the same order.
        let known_hint = if value.is_string() {
            self.next_string += 1;
            self.string_hints.get(self.next_string - 1).copied()
        } else {
            None
        };
        let use_names = policy.field_names && !matches!(rule.map(|r| &r.action), Some(FieldAction::Scan));
        let (hint, fits) = match known_hint {
            Some(known) if use_names => known,
            _ if use_names => {
                let hint = leaf_hint(&LeafContext { path: &self.path, siblings }, &mut self.caches.keys);
                let fits = match hint {
                    Hint::Entity { kind, strong } => plausible(kind, &text, strong),
                    _ => false,
                };
                (hint, fits)
            }
            _ => (Hint::Unknown, false),
        };
        // A field whose name and shape already say what it is needs no scan, unless a validated
        // finding could name it better (an account field holding an IBAN or a card number).
        let settled = rule.and_then(|r| r.entity).is_some()
            || matches!(hint, Hint::Entity { kind, strong: true }
                if !matches!(kind, EntityKind::BankAccount | EntityKind::HealthPlanId | EntityKind::Mrn
                    | EntityKind::DeviceId | EntityKind::DriverLicense | EntityKind::Passport)
                    && fits);
        let mut findings = if settled {
            Vec::new()
        } else {
            policy.detector.detect(&text, |f| f.score >= policy.min_score)?
        };
        let compact = !text.trim().contains(char::is_whitespace);
        // Free text mentioning what other fields of the record identify.
        if !compact && value.is_string() && !self.known.is_empty() && !matches!(hint, Hint::Entity { .. }) {
            let mut extra = mentions(&text, &self.known_forms);
            if !extra.is_empty() {
                extra.append(&mut findings);
                findings = crate::detect::resolve_overlaps(extra);
            }
        }
        match hint {
            Hint::NotIdentifier => findings.retain(|f| {
                f.validated
                    && !matches!(f.entity, EntityKind::Person | EntityKind::City | EntityKind::StreetAddress)
                    || (!compact
                        && !matches!(
                            f.entity,
                            EntityKind::Person | EntityKind::City | EntityKind::StreetAddress
                        ))
                    || matches!(
                        f.entity,
                        EntityKind::Email | EntityKind::Url | EntityKind::ApiKey | EntityKind::IpAddress
                    )
                    || formatted_number(f, &text)
            }),
            Hint::Namespace => findings.retain(|f| {
                f.validated && !matches!(f.entity, EntityKind::Url | EntityKind::Person | EntityKind::City)
                    || formatted_number(f, &text)
            }),
            Hint::Metadata => findings
                .retain(|f| f.validated || !matches!(f.entity, EntityKind::Date | EntityKind::AgeOver89)),
            _ => {}
        }

        // The whole leaf is one identifier when the name says so and the value fits.
        let mut whole: Option<EntityKind> = rule.and_then(|r| r.entity);
        if whole.is_none() {
            if let Hint::Entity { kind, .. } = hint {
                if fits {
                    whole = Some(kind);
                }
            }
        }
        // A string that is a full date and nothing else, in a field nothing else is known of
        // (`"collected": "2024-02-02T08:00:00Z"`), is a date of the record's subject. Record
        // metadata (`createdAt`) and measures were excluded above.
        if whole.is_none() && hint == Hint::Unknown && value.is_string() && use_names && is_full_date(&text) {
            whole = Some(EntityKind::Date);
        }
        if let Some(kind) = whole {
            // A validated finding of another kind covering the value names it better
            // (`{"account": "GB82 WEST …"}` is an IBAN).
            let trimmed = text.trim();
            let lead = text.len() - text.trim_start().len();
            if let Some(f) = findings
                .iter()
                .find(|f| f.validated && f.entity != kind && f.start <= lead && f.end >= lead + trimmed.len())
            {
                whole = Some(f.entity);
            }
        }
        let mut kinds: Vec<EntityKind> = match whole {
            Some(k) => vec![k],
            None => findings.iter().map(|f| f.entity).collect(),
        };
        if !self.health && kinds.iter().any(|&k| is_health_kind(k)) {
            self.health = true;
        }
        let count = if whole.is_some() { 1 } else { findings.len() };
        self.findings += count;
        if self.findings > policy.limits.max_findings {
            return Err(Error::new(
                ErrorKind::TooManyFindings,
                self.pointer(),
                format!("more than limits.maxFindings ({}) findings", policy.limits.max_findings),
            ));
        }
        kinds.sort_unstable();
        kinds.dedup();

        let sad = |k: EntityKind| k.is_sensitive_authentication_data();
        let action = match rule.map(|r| &r.action) {
            Some(FieldAction::Apply(Operator::Drop)) => None,
            Some(FieldAction::Apply(Operator::Keep)) => {
                // Card authentication data is dropped even from kept fields (PCI DSS 3.3.1).
                if whole.is_some_and(sad) {
                    None
                } else if findings.iter().any(|f| sad(f.entity)) {
                    Some(LeafAction::Spans(
                        findings.into_iter().filter(|f| sad(f.entity)).map(|f| (f, Operator::Drop)).collect(),
                    ))
                } else {
                    Some(LeafAction::Keep)
                }
            }
            Some(FieldAction::Apply(op)) => {
                let only = match *kinds.as_slice() {
                    [only] => Some(only),
                    _ => None,
                };
                let kind = whole.or(only);
                if kind.is_some_and(sad) {
                    None
                } else {
                    Some(LeafAction::Whole { kind, op: op.clone() })
                }
            }
            Some(FieldAction::Scan) | None => {
                if rule.is_none() && policy.allow_only {
                    None
                } else if let Some(kind) = whole {
                    match policy.action(kind) {
                        Operator::Drop => None,
                        Operator::Keep => Some(LeafAction::Keep),
                        op => Some(LeafAction::Whole { kind: Some(kind), op: op.clone() }),
                    }
                } else if findings.is_empty() {
                    Some(LeafAction::Keep)
                } else {
                    let spans = findings
                        .into_iter()
                        .map(|f| {
                            let op = policy.action(f.entity).clone();
                            (f, op)
                        })
                        .collect();
                    Some(LeafAction::Spans(spans))
                }
            }
        };
        Ok((kinds, action, rule.is_some()))
    }
}

/// Remembers an identifier revealed by its field name: the whole value, and for names each
/// part of three letters or more (`Okonkwo-Reyes` → also `Okonkwo`, `Reyes`), so "REYES, M." in a
/// note is found too.
fn add_known(known: &mut Vec<(EntityKind, String)>, kind: EntityKind, text: &str) {
    let mut push = |s: &str| {
        let s = s.trim();
        if s.chars().filter(|c| c.is_alphanumeric()).count() >= 3
            && !known.iter().any(|(k, v)| *k == kind && v == s)
        {
            known.push((kind, s.to_owned()));
        }
    };
    match kind {
        EntityKind::Person => {
            push(text);
            for part in text.split(|c: char| c.is_whitespace() || c == ',' || c == '-') {
                let part = part.trim_matches('.');
                let lower = part.to_lowercase();
                let filler = matches!(
                    lower.as_str(),
                    "mr" | "mrs"
                        | "ms"
                        | "miss"
                        | "dr"
                        | "prof"
                        | "jr"
                        | "sr"
                        | "ii"
                        | "iii"
                        | "iv"
                        | "md"
                        | "phd"
                        | "rn"
                        | "dds"
                        | "van"
                        | "von"
                        | "der"
                        | "den"
                        | "del"
                        | "della"
                        | "de"
                        | "la"
                        | "le"
                        | "da"
                        | "dos"
                        | "bin"
                        | "ibn"
                        | "al"
                        | "el"
                        | "mac"
                        | "the"
                        | "and"
                );
                if !filler && part.chars().next().is_some_and(char::is_alphabetic) {
                    push(part);
                }
            }
        }
        EntityKind::City | EntityKind::StreetAddress => push(text),
        EntityKind::Email
        | EntityKind::Phone
        | EntityKind::Ssn
        | EntityKind::Mrn
        | EntityKind::HealthPlanId
        | EntityKind::BankAccount
        | EntityKind::DriverLicense
        | EntityKind::Passport
        | EntityKind::DeviceId
        | EntityKind::Vin
        | EntityKind::Iban
        | EntityKind::CreditCard
        | EntityKind::ApiKey
            if text.trim().len() >= 5 =>
        {
            push(text)
        }
        _ => {}
    }
}

/// An SSN or phone number written in its separated form (`123-45-6789`, `(212) 555-0188`): a
/// shape strong enough to redact even under a key that names a code, tag, status or namespace
/// (`system`, `profile`: no URI looks like one). Shorter
/// local numbers (`555-0188`) stay, as codes under such keys usually are.
fn formatted_number(f: &Finding, text: &str) -> bool {
    if !matches!(f.entity, EntityKind::Ssn | EntityKind::Phone) {
        return false;
    }
    let Some(found) = text.get(f.start..f.end) else { return false };
    let digits = found.bytes().filter(u8::is_ascii_digit).count();
    digits >= 9 && found.bytes().any(|b| matches!(b, b'-' | b' ' | b'.' | b'(' | b')'))
}

/// The spellings of each known identifier that [`mentions`] looks for: the value itself, and for
/// names, cities and streets its UPPER and Title case forms.
fn mention_forms(known: &[(EntityKind, String)]) -> Vec<(EntityKind, Vec<String>)> {
    let mut all = Vec::with_capacity(known.len());
    for (kind, value) in known {
        let wordy = matches!(kind, EntityKind::Person | EntityKind::City | EntityKind::StreetAddress);
        let mut forms = vec![value.clone()];
        if wordy {
            let upper = value.to_uppercase();
            let mut chars = value.chars();
            let title: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars.as_str().to_lowercase().chars()).collect())
                .unwrap_or_default();
            for f in [upper, title] {
                if !forms.contains(&f) {
                    forms.push(f);
                }
            }
        }
        all.push((*kind, forms));
    }
    all
}

/// Where `text` mentions a known identifier, as a whole word: exactly, or (for names, cities
/// and streets) in Title or UPPER case.
fn mentions(text: &str, known: &[(EntityKind, Vec<String>)]) -> Vec<Finding> {
    let mut out = Vec::new();
    // The byte pairs of `text`, hashed into 4,096 bits: a form with a pair not in the set does not
    // occur, so most searches (one `str::find` each) are skipped without changing any result.
    let pairs = PairSet::of(text.as_bytes());
    for (kind, forms) in known {
        for form in forms {
            if !pairs.may_contain(form.as_bytes()) {
                continue;
            }
            let mut from = 0;
            while let Some(at) = text.get(from..).and_then(|t| t.find(form.as_str())) {
                let (start, end) = (from + at, from + at + form.len());
                let before = text.get(..start).and_then(|t| t.chars().next_back());
                let after = text.get(end..).and_then(|t| t.chars().next());
                if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
                    out.push(Finding::new(*kind, start, end, 0.9, false));
                }
                from = end;
            }
        }
    }
    out
}

/// A filter of the adjacent byte pairs of a text (no false negatives).
struct PairSet([u64; 64]);

impl PairSet {
    fn slot(a: u8, b: u8) -> usize {
        ((usize::from(a) << 4) ^ usize::from(b)) & 4095
    }

    fn of(bytes: &[u8]) -> PairSet {
        let mut set = [0u64; 64];
        for w in bytes.windows(2) {
            if let (Some(&a), Some(&b)) = (w.first(), w.get(1)) {
                let i = Self::slot(a, b);
                if let Some(word) = set.get_mut(i / 64) {
                    *word |= 1 << (i % 64);
                }
            }
        }
        PairSet(set)
    }

    /// False if `needle` (two bytes or more) cannot occur in the text: one of its pairs is absent.
    fn may_contain(&self, needle: &[u8]) -> bool {
        needle.windows(2).all(|w| match (w.first(), w.get(1)) {
            (Some(&a), Some(&b)) => {
                let i = Self::slot(a, b);
                self.0.get(i / 64).is_some_and(|word| word & (1 << (i % 64)) != 0)
            }
            _ => true,
        })
    }
}

/// A whole value that reads as a calendar date with a day (not a bare year or a month).
fn is_full_date(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 6
        && t.len() <= 40
        && crate::transform::generalize::parse_date(t, None).is_some_and(|d| d.day.is_some())
}

/// Rewrites text at findings (implemented by the `Sanitizer`, which owns the key and the vault).
pub(crate) trait Replace {
    /// Rewrites `text` at `plan` (sorted, non-overlapping findings with their operators),
    /// counting each finding in `report`. `numeric` tells that the text is a JSON number.
    fn rewrite(
        &mut self,
        text: &str,
        plan: &[(Finding, Operator)],
        path: &str,
        report: &mut Report,
        numeric: bool,
    ) -> Result<String>;
    /// True if rewriting `text` with an empty plan would give it back unchanged (it spells no
    /// pseudonym of the vault): then the rewrite and its copy are skipped.
    fn unchanged(&self, text: &str) -> bool;
    /// The date ages are computed at.
    fn today(&self) -> Option<Ymd>;
}

/// Where the output record is written.
pub(crate) trait Sink {
    fn begin_object(&mut self);
    fn end_object(&mut self);
    fn begin_array(&mut self);
    fn end_array(&mut self);
    fn key(&mut self, key: &str);
    /// A new value.
    fn value(&mut self, v: Value);
    /// An input leaf, unchanged.
    fn original(&mut self, v: &Value);
    /// An input subtree that is not written (dropped or replaced).
    fn skip(&mut self, v: &Value);
    /// Forgets everything written, to render the record again.
    fn reset(&mut self);
}

/// Writes the output of `value` under `analysis` into `sink`, filling `report`.
/// `fields` are the analysis's reported fields (or those of an earlier emit of the same
/// analysis: only leaf pointers change, and each is set again); they are moved into the report.
pub(crate) fn emit(
    value: &Value,
    analysis: &Analysis,
    fields: Vec<FieldReport>,
    replacer: &mut dyn Replace,
    sink: &mut dyn Sink,
    report: &mut Report,
) -> Result<()> {
    let mut e = Emitter {
        nodes: analysis.nodes.iter(),
        replacer,
        report,
        pointer: String::new(),
        fields,
        dropped: Vec::new(),
    };
    match e.nodes.next() {
        Some(Node::Drop { .. }) | None => {
            sink.skip(value);
            sink.value(Value::Null);
        }
        Some(node) => e.node(value, node, sink)?,
    }
    let Emitter { fields, dropped, .. } = e;
    report.fields = fields;
    report.dropped = dropped;
    Ok(())
}

struct Emitter<'a, 'r> {
    nodes: std::slice::Iter<'a, Node>,
    replacer: &'r mut dyn Replace,
    report: &'r mut Report,
    pointer: String,
    fields: Vec<FieldReport>,
    dropped: Vec<String>,
}

impl Emitter<'_, '_> {
    fn node(&mut self, value: &Value, node: &Node, sink: &mut dyn Sink) -> Result<()> {
        match (node, value) {
            (Node::Open { .. }, Value::Object(map)) => {
                sink.begin_object();
                for (k, child) in map {
                    let Some(child_node) = self.nodes.next() else {
                        return Err(plan_mismatch());
                    };
                    let out_key = match child_node {
                        Node::Open { key, .. } | Node::Leaf { key, .. } if !key.is_empty() => {
                            self.rewrite(k, key, false)?
                        }
                        _ => k.clone(),
                    };
                    let len = self.pointer.len();
                    push_token(&mut self.pointer, &out_key);
                    if let Node::Drop { kinds } = child_node {
                        self.dropped.push(self.pointer.clone());
                        for k in kinds {
                            self.report.count(*k, "drop");
                        }
                        sink.skip(child);
                    } else {
                        sink.key(&out_key);
                        self.node(child, child_node, sink)?;
                    }
                    self.pointer.truncate(len);
                }
                sink.end_object();
            }
            (Node::Open { .. }, Value::Array(items)) => {
                sink.begin_array();
                for (i, child) in items.iter().enumerate() {
                    let Some(child_node) = self.nodes.next() else {
                        return Err(plan_mismatch());
                    };
                    let len = self.pointer.len();
                    push_index(&mut self.pointer, i);
                    if let Node::Drop { kinds } = child_node {
                        self.dropped.push(self.pointer.clone());
                        for k in kinds {
                            self.report.count(*k, "drop");
                        }
                        sink.skip(child);
                    } else {
                        self.node(child, child_node, sink)?;
                    }
                    self.pointer.truncate(len);
                }
                sink.end_array();
            }
            (Node::Leaf { action, field, .. }, leaf) => {
                if let Some(f) = field.and_then(|i| self.fields.get_mut(i)) {
                    f.pointer.clone_from(&self.pointer);
                }
                self.leaf(leaf, action, sink)?;
            }
            _ => return Err(plan_mismatch()),
        }
        Ok(())
    }

    fn rewrite(&mut self, text: &str, plan: &[(Finding, Operator)], numeric: bool) -> Result<String> {
        self.replacer.rewrite(text, plan, &self.pointer, self.report, numeric)
    }

    fn rewritten(
        &mut self,
        value: &Value,
        text: &str,
        spans: &[(Finding, Operator)],
        numeric: bool,
        sink: &mut dyn Sink,
    ) -> Result<()> {
        if spans.is_empty() && self.replacer.unchanged(text) {
            sink.original(value);
            return Ok(());
        }
        let out = self.rewrite(text, spans, numeric)?;
        if out == text {
            sink.original(value);
        } else {
            sink.skip(value);
            sink.value(Value::String(out));
        }
        Ok(())
    }

    fn leaf(&mut self, value: &Value, action: &LeafAction, sink: &mut dyn Sink) -> Result<()> {
        let numeric = value.is_number();
        let text = match value {
            Value::String(s) => std::borrow::Cow::Borrowed(s.as_str()),
            Value::Number(n) => std::borrow::Cow::Owned(n.to_string()),
            _ => {
                sink.original(value);
                return Ok(());
            }
        };
        match action {
            // Text left as it is still goes through the rewrite: if it happens to spell a
            // pseudonym this vault issued, that part is tokenized, so re-identification stays
            // exact. When nothing changes, the input leaf is written as it was.
            LeafAction::Keep => self.rewritten(value, &text, &[], numeric, sink)?,
            LeafAction::Spans(spans) => self.rewritten(value, &text, spans, numeric, sink)?,
            LeafAction::Whole { kind, op } => {
                // Tokens and other reversible operators go through the sanitizer's rewrite
                // (which counts them); the lossy ones are done here.
                if let (Some(k), false) = (kind, op.is_lossy()) {
                    let whole = [(Finding::new(*k, 0, text.len(), 1.0, true), op.clone())];
                    let out = self.rewrite(&text, &whole, numeric)?;
                    sink.skip(value);
                    sink.value(Value::String(out));
                    return Ok(());
                }
                if let Some(k) = kind {
                    self.report.count(*k, op.name());
                }
                let redacted =
                    || Value::String(format!("[{}]", kind.map(|k| k.name()).unwrap_or("REDACTED")));
                let new = match op {
                    Operator::Keep => {
                        sink.original(value);
                        return Ok(());
                    }
                    Operator::Generalize(spec) => match spec.apply(*kind, &text, self.replacer.today()) {
                        Some(Generalized::Text(s)) => Value::String(s),
                        Some(Generalized::Int(i)) => Value::Number(i.into()),
                        Some(Generalized::Float(f)) => {
                            Number::from_f64(f).map(Value::Number).unwrap_or_else(redacted)
                        }
                        None => redacted(),
                    },
                    Operator::Mask(m) => Value::String(m.apply(&text)),
                    // Redaction, and any operator that needs a kind when none is known (a
                    // token is named after its kind): the value is redacted.
                    _ => redacted(),
                };
                sink.skip(value);
                sink.value(new);
            }
        }
        Ok(())
    }
}

fn plan_mismatch() -> Error {
    Error::new(ErrorKind::Internal, "", "the record changed between analysis and output")
}

/// Builds a `serde_json::Value`.
#[derive(Default)]
pub(crate) struct ValueSink {
    stack: Vec<(Frame, Option<String>)>,
    result: Option<Value>,
}

enum Frame {
    Object(Map<String, Value>),
    Array(Vec<Value>),
}

impl ValueSink {
    pub(crate) fn finish(self) -> Value {
        self.result.unwrap_or(Value::Null)
    }

    fn put(&mut self, v: Value) {
        match self.stack.last_mut() {
            None => self.result = Some(v),
            Some((Frame::Object(m), pending)) => {
                if let Some(k) = pending.take() {
                    m.insert(k, v);
                }
            }
            Some((Frame::Array(a), _)) => a.push(v),
        }
    }
}

impl Sink for ValueSink {
    fn begin_object(&mut self) {
        self.stack.push((Frame::Object(Map::new()), None));
    }
    fn end_object(&mut self) {
        if let Some((Frame::Object(m), _)) = self.stack.pop() {
            self.put(Value::Object(m));
        }
    }
    fn begin_array(&mut self) {
        self.stack.push((Frame::Array(Vec::new()), None));
    }
    fn end_array(&mut self) {
        if let Some((Frame::Array(a), _)) = self.stack.pop() {
            self.put(Value::Array(a));
        }
    }
    fn key(&mut self, key: &str) {
        if let Some((_, pending)) = self.stack.last_mut() {
            *pending = Some(key.to_owned());
        }
    }
    fn value(&mut self, v: Value) {
        self.put(v);
    }
    fn original(&mut self, v: &Value) {
        self.put(v.clone());
    }
    fn skip(&mut self, _v: &Value) {}
    fn reset(&mut self) {
        self.stack.clear();
        self.result = None;
    }
}

/// Writes compact JSON text. Numbers the record leaves untouched are copied from the input
/// text byte for byte, so `1234.0`, `1.50` and 30-digit integers survive exactly.
pub(crate) struct TextSink<'s> {
    out: Vec<u8>,
    first: Vec<bool>,
    after_key: bool,
    source: &'s str,
    /// Byte ranges of the input's number literals in document order (`None` when they cannot
    /// be matched to the parsed record, e.g. with duplicate keys).
    numbers: Option<Vec<(usize, usize)>>,
    next_number: usize,
}

impl<'s> TextSink<'s> {
    /// A sink for the record parsed from `source` as `value`.
    pub(crate) fn new(source: &'s str, value: &Value) -> TextSink<'s> {
        let numbers = lex_numbers(source);
        let numbers = (numbers.len() == count_numbers(value)).then_some(numbers);
        TextSink {
            out: Vec::with_capacity(source.len() + 16),
            first: Vec::new(),
            after_key: false,
            source,
            numbers,
            next_number: 0,
        }
    }

    pub(crate) fn finish(self) -> Result<String> {
        String::from_utf8(self.out).map_err(|_| Error::new(ErrorKind::Internal, "", "output is not UTF-8"))
    }

    fn sep(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if let Some(first) = self.first.last_mut() {
            if !*first {
                self.out.push(b',');
            }
            *first = false;
        }
    }

    fn write_json<T: serde::Serialize + ?Sized>(&mut self, v: &T) {
        // Serializing strings, numbers and Values into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.out, v);
    }

    fn write_original(&mut self, v: &Value) {
        match v {
            Value::Number(n) => {
                let raw = self.numbers.as_ref().and_then(|ns| ns.get(self.next_number)).copied();
                self.next_number += 1;
                match raw.and_then(|(s, e)| self.source.get(s..e)) {
                    Some(text) => self.out.extend_from_slice(text.as_bytes()),
                    None => self.write_json(n),
                }
            }
            Value::Object(m) => {
                self.out.push(b'{');
                for (i, (k, child)) in m.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.write_json(k);
                    self.out.push(b':');
                    self.write_original(child);
                }
                self.out.push(b'}');
            }
            Value::Array(a) => {
                self.out.push(b'[');
                for (i, child) in a.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.write_original(child);
                }
                self.out.push(b']');
            }
            other => self.write_json(other),
        }
    }
}

impl Sink for TextSink<'_> {
    fn begin_object(&mut self) {
        self.sep();
        self.out.push(b'{');
        self.first.push(true);
    }
    fn end_object(&mut self) {
        self.first.pop();
        self.out.push(b'}');
    }
    fn begin_array(&mut self) {
        self.sep();
        self.out.push(b'[');
        self.first.push(true);
    }
    fn end_array(&mut self) {
        self.first.pop();
        self.out.push(b']');
    }
    fn key(&mut self, key: &str) {
        self.sep();
        self.write_json(key);
        self.out.push(b':');
        self.after_key = true;
    }
    fn value(&mut self, v: Value) {
        self.sep();
        self.write_json(&v);
    }
    fn original(&mut self, v: &Value) {
        self.sep();
        self.write_original(v);
    }
    fn skip(&mut self, v: &Value) {
        self.next_number += count_numbers(v);
    }
    fn reset(&mut self) {
        self.out.clear();
        self.first.clear();
        self.after_key = false;
        self.next_number = 0;
    }
}

/// Byte ranges of the number literals of valid JSON `text`, in document order.
pub(crate) fn lex_numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i += 1;
                while let Some(&c) = b.get(i) {
                    match c {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while b.get(i).is_some_and(|c| matches!(c, b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')) {
                    i += 1;
                }
                out.push((start, i));
            }
            _ => i += 1,
        }
    }
    out
}

/// The number of number leaves in `value`.
pub(crate) fn count_numbers(value: &Value) -> usize {
    match value {
        Value::Number(_) => 1,
        Value::Array(a) => a.iter().map(count_numbers).sum(),
        Value::Object(m) => m.values().map(count_numbers).sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_filter_never_rejects_a_substring_and_rejects_absent_pairs() {
        let text = "Resubmission for ESHANA SHERE; Eshana called twice. naïve 😀 x";
        let pairs = PairSet::of(text.as_bytes());
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start + 2..=bytes.len().min(start + 12) {
                assert!(pairs.may_contain(&bytes[start..end]), "{start}..{end}");
            }
        }
        assert!(!pairs.may_contain(b"Okonkwo"));
        assert!(!pairs.may_contain(b"ESHANAX"));
    }

    #[test]
    fn mentions_find_known_values_in_every_listed_form() {
        let known =
            vec![(EntityKind::Person, "Eshana".to_owned()), (EntityKind::Email, "ana@x.org".to_owned())];
        let forms = mention_forms(&known);
        assert_eq!(forms[0].1, vec!["Eshana".to_owned(), "ESHANA".to_owned()]);
        let text = "ESHANA called; Eshana's mail ana@x.org. Eshanax is another word, Okonkwo absent.";
        let found: Vec<(EntityKind, &str)> =
            mentions(text, &forms).iter().map(|f| (f.entity, &text[f.start..f.end])).collect();
        assert_eq!(
            found,
            vec![
                (EntityKind::Person, "Eshana"),
                (EntityKind::Person, "ESHANA"),
                (EntityKind::Email, "ana@x.org"),
            ]
        );
    }

    #[test]
    fn lexes_numbers_outside_strings() {
        let text = r#"{"a":1234.0,"b":"12 \"34\" 5","c":[-1.5e3,0],"d":true,"e":"\\","f":7}"#;
        let got: Vec<&str> = lex_numbers(text).into_iter().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(got, vec!["1234.0", "-1.5e3", "0", "7"]);
        let v: Value = serde_json::from_str(text).unwrap();
        assert_eq!(count_numbers(&v), 4);
    }

    #[test]
    fn text_sink_copies_numbers_exactly() {
        let text = r#"{"a":1234.0,"big":123456789012345678901234567890,"x":[1.50,2E3]}"#;
        let v: Value = serde_json::from_str(text).unwrap();
        let mut sink = TextSink::new(text, &v);
        sink.original(&v);
        assert_eq!(sink.finish().unwrap(), text);
    }
}
