//! Re-identification: finding this vault's pseudonyms in text (a model's answer) and putting the
//! originals back, all at once or while the answer streams in.
//!
//! One scanner serves both. At each position it decides *match*, *no match* or — when the text
//! seen so far ends before the decision can be made — *undecided*. Streaming stops at the first
//! undecided position and holds the rest back for the next chunk, so a pseudonym split across
//! chunks at any character is restored exactly as if the text had come in one piece, and nothing
//! but a possible pseudonym (at most one pseudonym's length) is ever held back.
//!
//! What matches:
//! - a token: an entity name, `_` (or `\_`, as Markdown writers escape it), a Crockford body and
//!   an optional `_MARK`. The longest form held by the vault wins, so a token followed by a
//!   plural `s`, a digit or more capitals is still found; no boundary is required before it.
//!   Tokens are matched in upper case only, as issued.
//! - a surrogate or shifted date, verbatim (case-sensitive), and not inside a longer word: a
//!   literal that begins (ends) with a letter or digit needs a non-alphanumeric character before
//!   (after) it.

use crate::detect::EntityKind;
use crate::transform::token;
use crate::vault::Tables;
use std::sync::Arc;

/// The decision at one position.
#[derive(Debug, PartialEq)]
pub(crate) enum Step {
    /// A pseudonym of `len` bytes, vault entry `id`.
    Match(usize, u32),
    NoMatch,
    /// The text ends before the decision can be made.
    Undecided,
}

/// Entity names grouped by first letter, longest first.
fn kinds_from(first: u8) -> impl Iterator<Item = &'static str> {
    EntityKind::ALL
        .iter()
        .filter(move |k| !k.is_sensitive_authentication_data() && k.name().as_bytes().first() == Some(&first))
        .map(|k| k.name())
}

/// Where a partial read stopped.
enum Read {
    /// Complete; the position after it.
    Done(usize),
    /// Not there.
    No,
    /// The text ended in the middle.
    End,
}

/// `_` or `\_` at `i`.
fn underscore(b: &[u8], i: usize) -> Read {
    match (b.get(i), b.get(i + 1)) {
        (Some(b'_'), _) => Read::Done(i + 1),
        (Some(b'\\'), Some(b'_')) => Read::Done(i + 2),
        (Some(b'\\'), None) | (None, _) => Read::End,
        _ => Read::No,
    }
}

/// The entity name `name` at `i`, its underscores possibly escaped.
fn kind_name(b: &[u8], mut i: usize, name: &str) -> Read {
    for &c in name.as_bytes() {
        if c == b'_' {
            match underscore(b, i) {
                Read::Done(j) => i = j,
                other => return other,
            }
        } else {
            match b.get(i) {
                Some(&x) if x == c => i += 1,
                Some(_) => return Read::No,
                None => return Read::End,
            }
        }
    }
    Read::Done(i)
}

/// A run of Crockford characters at `i`, read up to `cap + 1` characters: (end, whether the text
/// ended inside it).
fn body_run(b: &[u8], i: usize, cap: usize) -> (usize, bool) {
    let mut j = i;
    while j - i <= cap {
        match b.get(j) {
            Some(&c) if token::is_body_byte(c) => j += 1,
            Some(_) => return (j, false),
            None => return (j, true),
        }
    }
    (j, false)
}

fn token_at(t: &Tables, text: &str, i: usize, fin: bool) -> Step {
    let b = text.as_bytes();
    let Some(&first) = b.get(i) else { return Step::NoMatch };
    // At the true end of the text a partial read is simply no match; before it, undecided.
    let mut undecided = false;
    for name in kinds_from(first) {
        let after_name = match kind_name(b, i, name) {
            Read::Done(j) => j,
            Read::No => continue,
            Read::End => {
                undecided = true;
                continue;
            }
        };
        let body_start = match underscore(b, after_name) {
            Read::Done(j) => j,
            Read::No => continue,
            Read::End => {
                undecided = true;
                continue;
            }
        };
        let (body_end, ended) = body_run(b, body_start, token::MAX_BODY);
        if ended && !fin {
            undecided = true;
            continue;
        }
        let run = body_end - body_start;
        if run < 1 {
            continue;
        }
        // An optional mark after a body of allowed length.
        let mut mark: Option<(usize, usize)> = None;
        if run <= token::MAX_BODY {
            match underscore(b, body_end) {
                Read::Done(ms) => {
                    let (me, ended) = body_run(b, ms, token::MAX_MARK);
                    if ended && !fin {
                        undecided = true;
                        continue;
                    }
                    if me > ms {
                        mark = Some((ms, me));
                    }
                }
                Read::End if !fin => {
                    undecided = true;
                    continue;
                }
                Read::End | Read::No => {}
            }
        }
        if undecided && !fin {
            return Step::Undecided;
        }
        let body = &text[body_start..body_end];
        let mut candidate = String::with_capacity(name.len() + 1 + token::MAX_BODY + 1 + token::MAX_MARK);
        if let Some((ms, me)) = mark {
            for len in (token::MIN_MARK..=(me - ms).min(token::MAX_MARK)).rev() {
                candidate.clear();
                candidate.push_str(name);
                candidate.push('_');
                candidate.push_str(body);
                candidate.push('_');
                candidate.push_str(&text[ms..ms + len]);
                if let Some(&id) = t.tokens.get(&candidate) {
                    return Step::Match(ms + len - i, id);
                }
            }
        }
        for len in (1..=run.min(token::MAX_BODY)).rev() {
            candidate.clear();
            candidate.push_str(name);
            candidate.push('_');
            candidate.push_str(&body[..len]);
            if let Some(&id) = t.tokens.get(&candidate) {
                return Step::Match(body_start + len - i, id);
            }
        }
    }
    if undecided && !fin {
        Step::Undecided
    } else {
        Step::NoMatch
    }
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn literal_at(t: &Tables, text: &str, i: usize, prev: Option<char>, fin: bool) -> Step {
    let rest = &text.as_bytes()[i..];
    match rest {
        [a, b, c, d, ..] => {
            if !t.may_start(*a, *b) {
                return Step::NoMatch;
            }
            let Some(ids) = t.anchors.get(&[*a, *b, *c, *d]) else { return Step::NoMatch };
            for &id in ids {
                let Some(entry) = t.entry(id) else { continue };
                let lit = entry.pseudonym.as_bytes();
                if rest.len() < lit.len() {
                    if !fin && lit.starts_with(rest) {
                        return Step::Undecided;
                    }
                    continue;
                }
                if !rest.starts_with(lit) {
                    continue;
                }
                let first = entry.pseudonym.chars().next();
                if is_word(first) && is_word(prev) {
                    continue;
                }
                if is_word(entry.pseudonym.chars().next_back()) {
                    let next = text[i + lit.len()..].chars().next();
                    if next.is_none() && !fin {
                        return Step::Undecided;
                    }
                    if is_word(next) {
                        continue;
                    }
                }
                return Step::Match(lit.len(), id);
            }
            Step::NoMatch
        }
        _ if fin => Step::NoMatch,
        [a] => {
            if (0..=255u8).any(|b| t.may_start(*a, b)) {
                Step::Undecided
            } else {
                Step::NoMatch
            }
        }
        [a, b] if t.may_start(*a, *b) => Step::Undecided,
        [a, b, c] if t.first3.contains(&[*a, *b, *c]) => Step::Undecided,
        _ => Step::NoMatch,
    }
}

/// The decision at byte `i` of `text` (a character boundary); `prev` is the character before it
/// (from an earlier chunk if `i` is 0); `fin` says the text ends where `text` ends.
pub(crate) fn step(t: &Tables, text: &str, i: usize, prev: Option<char>, fin: bool) -> Step {
    let Some(&b) = text.as_bytes().get(i) else { return Step::NoMatch };
    if b.is_ascii_uppercase() && !t.tokens.is_empty() {
        match token_at(t, text, i, fin) {
            Step::NoMatch => {}
            decided => return decided,
        }
    }
    if t.literals.is_empty() {
        return Step::NoMatch;
    }
    literal_at(t, text, i, prev, fin)
}

/// Scans `text`, calling `on` with `(start, end, entry id)` for each pseudonym, until the end or
/// the first undecided position. Returns the bytes consumed and the last consumed character.
pub(crate) fn scan(
    t: &Tables,
    text: &str,
    mut prev: Option<char>,
    fin: bool,
    mut on: impl FnMut(usize, usize, u32),
) -> (usize, Option<char>) {
    let mut i = 0;
    while i < text.len() {
        match step(t, text, i, prev, fin) {
            Step::Match(len, id) => {
                on(i, i + len, id);
                i += len;
                prev = text[..i].chars().next_back();
            }
            Step::NoMatch => {
                let c = text[i..].chars().next();
                prev = c;
                i += c.map_or(1, char::len_utf8);
            }
            Step::Undecided => break,
        }
    }
    (i, prev)
}

/// `text` with every pseudonym replaced by its original, scanned up to the first undecided
/// position; returns the output and the bytes consumed. `numeric` is set if a restored value was
/// a JSON number.
pub(crate) fn restore(
    t: &Tables,
    text: &str,
    prev: Option<char>,
    fin: bool,
    numeric: &mut bool,
) -> (String, usize, Option<char>) {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let (consumed, prev) = scan(t, text, prev, fin, |start, end, id| {
        if let Some(e) = t.entry(id) {
            out.push_str(&text[copied..start]);
            out.push_str(&e.original);
            copied = end;
            *numeric |= e.numeric;
        }
    });
    out.push_str(&text[copied..consumed]);
    (out, consumed, prev)
}

/// Re-identifies text that arrives in pieces (a streamed model answer): `push` each chunk and
/// show what it returns; `finish` returns the rest. Concatenated, the returned strings equal
/// [`Sanitizer::reidentify`](crate::Sanitizer::reidentify) of the whole text, wherever the
/// chunks were split. At most one pseudonym's length is held back between calls.
///
/// A re-identifier restores the pseudonyms its `Sanitizer` had issued when it was created.
///
/// ```
/// use sanitas::{Policy, Sanitizer};
/// let mut s = Sanitizer::new(Policy::default())?;
/// let sent = s.sanitize_text("Write to ana@example.org")?.output;
/// let mut r = s.reidentifier();
/// let mut shown = String::new();
/// for chunk in sent.as_bytes().chunks(3) {
///     shown += &r.push(std::str::from_utf8(chunk).unwrap());
///     assert!(!shown.contains("EMAIL_"), "never part of a token");
/// }
/// shown += &r.finish();
/// assert_eq!(shown, "Write to ana@example.org");
/// # Ok::<(), sanitas::Error>(())
/// ```
pub struct Reidentifier {
    tables: Arc<Tables>,
    pending: String,
    prev: Option<char>,
}

impl std::fmt::Debug for Reidentifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reidentifier").field("held_bytes", &self.pending.len()).finish()
    }
}

impl Reidentifier {
    pub(crate) fn new(tables: Arc<Tables>) -> Self {
        Reidentifier { tables, pending: String::new(), prev: None }
    }

    /// Adds a chunk; returns the re-identified text that is now certain.
    pub fn push(&mut self, chunk: &str) -> String {
        self.pending.push_str(chunk);
        let mut numeric = false;
        let (out, consumed, prev) = restore(&self.tables, &self.pending, self.prev, false, &mut numeric);
        self.pending.drain(..consumed);
        self.prev = prev;
        out
    }

    /// Ends the stream; returns everything held back, re-identified. The re-identifier can be
    /// used again for a new stream afterwards.
    pub fn finish(&mut self) -> String {
        let mut numeric = false;
        let pending = std::mem::take(&mut self.pending);
        let (out, _, _) = restore(&self.tables, &pending, self.prev, true, &mut numeric);
        self.prev = None;
        out
    }

    /// Bytes held back, waiting for the next chunk.
    pub fn held(&self) -> usize {
        self.pending.len()
    }
}
