//! Rewriting one text at its findings, with exact re-identification guaranteed: after the
//! replacements are made, the output is re-identified and compared with what was replaced.
//! Where it would not come back exactly — a surrogate that runs into the text beside it, two
//! fakes that collide, input text that already spells one of the vault's pseudonyms, or input
//! text glued to a token so that together they spell another (a piece of an old token pasted
//! against a new value) — the surrogate becomes a token, or the stray pseudonym in the text, or
//! the text's part of the fused one, is itself tokenized, and the text is rendered again (a few
//! rounds at most; each round is linear in the text). Tokens meeting tokens read back as
//! themselves; if they ever did not, the call fails closed.

use crate::detect::{EntityKind, Finding};
use crate::error::{Error, ErrorKind, Result};
use crate::reidentify;
use crate::report::Report;
use crate::transform::{DateShiftSpec, Operator};
use crate::Sanitizer;

impl Sanitizer {
    /// Applies `plan` (sorted, non-overlapping) to `text`, then checks that re-identifying the
    /// output gives `text` back exactly. Where it would not — a surrogate that runs into the
    /// text next to it, or text that already spells one of this vault's pseudonyms — the
    /// surrogate becomes a token, or the stray pseudonym in the text is itself tokenized, and
    /// the text is rendered again.
    pub(crate) fn apply(
        &mut self,
        text: &str,
        mut plan: Vec<Planned>,
        path: &str,
        report: &mut Report,
        numeric: bool,
    ) -> Result<String> {
        if plan.is_empty() && self.spells_no_pseudonym(text) {
            return Ok(text.to_owned());
        }
        report.count_all(plan.iter().map(|p| (p.kind, p.op.name())));
        const ROUNDS: usize = 4;
        for _ in 0..ROUNDS {
            let rendered = self.render(text, &plan, numeric)?;
            if self.vault.len() == 0 {
                return Ok(rendered.output);
            }
            match self.repairs(&rendered, &mut plan)? {
                0 => return Ok(rendered.output),
                _ => {
                    for p in plan.iter().filter(|p| p.escape && !p.counted) {
                        report.count(p.kind, "pseudonymize");
                    }
                    for p in plan.iter_mut() {
                        p.counted = true;
                    }
                }
            }
        }
        Err(Error::new(ErrorKind::Internal, path, "the output could not be made exactly re-identifiable"))
    }

    /// True if `text` holds nothing this vault would re-identify: rewriting it with an empty plan
    /// gives it back unchanged (the first render is `text` itself and needs no repair).
    pub(crate) fn spells_no_pseudonym(&self, text: &str) -> bool {
        if self.vault.len() == 0 {
            return true;
        }
        let mut none = true;
        reidentify::scan(self.vault.tables_ref(), text, None, true, |_, _, _| none = false);
        none
    }

    fn render(&mut self, text: &str, plan: &[Planned], numeric: bool) -> Result<Rendered> {
        // Room for tokens (`STREET_ADDRESS_` + 10), which are longer than most values.
        let mut out = String::with_capacity(text.len() + plan.len() * 24);
        let mut spans = Vec::with_capacity(plan.len() * 2 + 1);
        let mut last = 0;
        let pass = |out: &mut String, spans: &mut Vec<Span>, from: usize, to: usize| {
            if let Some(passed) = text.get(from..to).filter(|_| to > from) {
                spans.push(Span {
                    out: (out.len(), out.len() + to - from),
                    input: (from, to),
                    kind: SpanKind::Pass,
                });
                out.push_str(passed);
            }
        };
        for (idx, p) in plan.iter().enumerate() {
            let (Some(_), Some(value)) = (text.get(last..p.start), text.get(p.start..p.end)) else {
                return Err(Error::new(ErrorKind::Internal, "", "overlapping findings"));
            };
            pass(&mut out, &mut spans, last, p.start);
            let start = out.len();
            let kind = self.replacement(p, value, numeric, &mut out)?;
            let kind = match kind {
                Some((entry, token)) => SpanKind::Vault { entry, token, plan: idx },
                // `keep` leaves the text as it is: checked like text between findings.
                None if p.op == Operator::Keep && !p.escape => SpanKind::Kept { plan: idx },
                None => SpanKind::Lossy,
            };
            spans.push(Span { out: (start, out.len()), input: (p.start, p.end), kind });
            last = p.end;
        }
        pass(&mut out, &mut spans, last, text.len());
        Ok(Rendered { output: out, spans })
    }

    /// Writes the replacement of `value`; returns the vault entry and whether it is a token.
    fn replacement(
        &mut self,
        p: &Planned,
        value: &str,
        numeric: bool,
        out: &mut String,
    ) -> Result<Option<(u32, bool)>> {
        let kind = p.kind;
        let issued = match &p.op {
            _ if p.token_only => None,
            Operator::Keep => {
                out.push_str(value);
                return Ok(None);
            }
            Operator::Drop => return Ok(None),
            Operator::Redact => {
                out.push('[');
                out.push_str(kind.name());
                out.push(']');
                return Ok(None);
            }
            Operator::Mask(m) => {
                out.push_str(&m.apply(value));
                return Ok(None);
            }
            Operator::Generalize(spec) => {
                // Lossy: the coarser value, or the kind when it cannot be generalized.
                match spec.apply(Some(kind), value, self.today()) {
                    Some(g) => out.push_str(&g.into_text()),
                    None => {
                        out.push('[');
                        out.push_str(kind.name());
                        out.push(']');
                    }
                }
                return Ok(None);
            }
            Operator::Pseudonymize => None,
            Operator::Surrogate if kind == EntityKind::Date => self
                .vault
                .date_shift(&self.key, &DateShiftSpec::default(), &self.subject, value, numeric)?
                .map(|(id, _)| id),
            Operator::Surrogate => self.vault.surrogate_id(&self.key, kind, value, numeric)?,
            Operator::DateShift(spec) if kind == EntityKind::Date => {
                self.vault.date_shift(&self.key, spec, &self.subject, value, numeric)?.map(|(id, _)| id)
            }
            Operator::DateShift(_) => None,
        };
        let (entry, token) = match issued {
            Some(entry) => (entry, false),
            None => (self.vault.token_id(&self.key, kind, value, numeric)?, true),
        };
        // The pseudonym is read from the vault, not copied out of it.
        out.push_str(self.vault.pseudonym(entry));
        Ok(Some((entry, token)))
    }

    /// Re-identifies `r.output` and compares with what was replaced; adjusts `plan` where they
    /// differ. Returns the number of adjustments (0: the output is exact).
    fn repairs(&self, r: &Rendered, plan: &mut Vec<Planned>) -> Result<usize> {
        let mut expected: Vec<(usize, usize, u32, bool, usize)> = Vec::with_capacity(plan.len());
        expected.extend(r.spans.iter().filter_map(|s| match s.kind {
            SpanKind::Vault { entry, token, plan } => Some((s.out.0, s.out.1, entry, token, plan)),
            _ => None,
        }));
        let mut tokens: Vec<(usize, usize, u32)> = Vec::with_capacity(expected.len());
        tokens.extend(expected.iter().filter(|x| x.3).map(|&(s, e, id, _, _)| (s, e, id)));
        let mut matches = Vec::with_capacity(r.spans.len());
        reidentify::scan_expecting(self.vault.tables_ref(), &r.output, &tokens, |s, e, id| {
            matches.push((s, e, id))
        });
        // Both lists are ordered by start and free of overlaps (the scan reads left to right;
        // the spans tile the output), so membership is a walk along the other list, not a
        // hash: `found` and `exact` below advance monotonically.
        let (mut at_match, mut at_expected) = (0, 0);
        let mut found = |key: (usize, usize, u32)| {
            while matches.get(at_match).is_some_and(|m| m.0 < key.0) {
                at_match += 1;
            }
            matches.get(at_match) == Some(&key)
        };
        let unfixable =
            || Error::new(ErrorKind::Internal, "", "the output could not be made exactly re-identifiable");
        let mut fixes = 0;
        let mut to_token = |plan: &mut Vec<Planned>, idx: usize, token: bool| -> Result<()> {
            if token {
                return Err(unfixable());
            }
            if let Some(p) = plan.get_mut(idx) {
                if !p.token_only {
                    p.token_only = true;
                    fixes += 1;
                }
            }
            Ok(())
        };
        // Replacements that do not come back as themselves become tokens. A token that does
        // not is overlapped by a stray match (the scan either matched it or was inside another
        // match at its start): that match is repaired below, or the output cannot be exact.
        let mut lost_tokens = Vec::new();
        for &(s, e, id, token, idx) in &expected {
            if !found((s, e, id)) {
                if token {
                    lost_tokens.push((s, e));
                } else {
                    to_token(plan, idx, false)?;
                }
            }
        }
        let mut exact = |key: (usize, usize, u32)| {
            while expected.get(at_expected).is_some_and(|x| x.0 < key.0) {
                at_expected += 1;
            }
            expected.get(at_expected).is_some_and(|&(s, e, id, _, _)| (s, e, id) == key)
        };
        let mut escapes = Vec::new();
        // Stray matches repaired by tokenizing the input text glued to a token.
        let mut repaired: Vec<(usize, usize)> = Vec::new();
        for &(s, e, id) in &matches {
            if exact((s, e, id)) {
                continue;
            }
            // Spans this stray match touches.
            let first = r.spans.partition_point(|sp| sp.out.1 <= s);
            let touched: Vec<&Span> = r.spans.iter().skip(first).take_while(|sp| sp.out.0 < e).collect();
            match touched.as_slice() {
                [only] if only.kind == SpanKind::Pass => {
                    let kind = self.vault.tables_ref().entry(id).map(|x| x.kind).ok_or_else(unfixable)?;
                    let start = only.input.0 + (s - only.out.0);
                    escapes.push(Planned::escape(kind, start, start + (e - s)));
                }
                spans => {
                    let fused = spans.iter().any(|sp| matches!(sp.kind, SpanKind::Vault { token: true, .. }));
                    let mut escaped = false;
                    for sp in spans {
                        match sp.kind {
                            // A token cannot change form; the text glued to it can (below).
                            SpanKind::Vault { token: true, .. } => {}
                            SpanKind::Vault { plan: idx, .. } => to_token(plan, idx, false)?,
                            // A kept finding that spells a pseudonym is tokenized after all.
                            SpanKind::Kept { plan: idx } => to_token(plan, idx, false)?,
                            // Input text fused with a token into a pseudonym of this vault (a
                            // piece of an old token pasted against a new value, or text that
                            // extends a new token into an old one): its part of the match is
                            // tokenized, so that two tokens meet, each read as itself.
                            SpanKind::Pass if fused => {
                                let kind = self
                                    .vault
                                    .tables_ref()
                                    .entry(id)
                                    .map(|x| x.kind)
                                    .ok_or_else(unfixable)?;
                                let (from, to) = (s.max(sp.out.0), e.min(sp.out.1));
                                let start = sp.input.0 + (from - sp.out.0);
                                escapes.push(Planned::escape(kind, start, start + (to - from)));
                                escaped = true;
                            }
                            SpanKind::Pass | SpanKind::Lossy => {}
                        }
                    }
                    if fused && !escaped {
                        return Err(unfixable());
                    }
                    if escaped {
                        repaired.push((s, e));
                    }
                }
            }
        }
        if lost_tokens.iter().any(|&(s, e)| !repaired.iter().any(|&(a, b)| a < e && s < b)) {
            return Err(unfixable());
        }
        fixes += escapes.len();
        if !escapes.is_empty() {
            plan.extend(escapes);
            plan.sort_by_key(|p| p.start);
        }
        Ok(fixes)
    }
}

/// One replacement to make: a finding and its operator, or an escape of text that already
/// spells a pseudonym of this vault.
#[derive(Clone, Debug)]
pub(crate) struct Planned {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: EntityKind,
    pub(crate) op: Operator,
    /// Issue a token whatever the operator says (a surrogate that would not round-trip).
    token_only: bool,
    /// Not a finding: text equal to a pseudonym, tokenized so that it comes back as itself.
    escape: bool,
    /// Already counted in the report.
    counted: bool,
}

impl Planned {
    pub(crate) fn new(f: &Finding, op: Operator) -> Self {
        Planned {
            start: f.start,
            end: f.end,
            kind: f.entity,
            op,
            token_only: false,
            escape: false,
            counted: true,
        }
    }

    fn escape(kind: EntityKind, start: usize, end: usize) -> Self {
        Planned {
            start,
            end,
            kind,
            op: Operator::Pseudonymize,
            token_only: true,
            escape: true,
            counted: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum SpanKind {
    /// Input text copied as it is.
    Pass,
    /// A finding kept as it is (`keep`), index in the plan.
    Kept { plan: usize },
    /// A replacement that is not reversible (drop, redact, mask).
    Lossy,
    /// A pseudonym: vault entry, whether it is a token, index in the plan.
    Vault { entry: u32, token: bool, plan: usize },
}

/// A piece of the output and the input bytes it came from.
#[derive(Debug)]
struct Span {
    out: (usize, usize),
    input: (usize, usize),
    kind: SpanKind,
}

struct Rendered {
    output: String,
    spans: Vec<Span>,
}
