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

/// The names of pseudonymizable entity kinds that begin with `first` (computed once).
fn kinds_from(first: u8) -> impl Iterator<Item = &'static str> {
    static BY_LETTER: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let table = BY_LETTER.get_or_init(|| {
        (b'A'..=b'Z')
            .map(|letter| {
                EntityKind::ALL
                    .iter()
                    .filter(|k| {
                        !k.is_sensitive_authentication_data() && k.name().as_bytes().first() == Some(&letter)
                    })
                    .map(|k| k.name())
                    .collect()
            })
            .collect()
    });
    table.get(usize::from(first.wrapping_sub(b'A'))).into_iter().flatten().copied()
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

/// A token candidate, built without allocating: the longest kind name, two underscores, the
/// longest body and mark fit.
struct Candidate {
    buf: [u8; 80],
    len: usize,
}

impl Candidate {
    fn new() -> Self {
        Candidate { buf: [0; 80], len: 0 }
    }

    fn clear(&mut self) {
        self.len = 0;
    }

    /// Appends `s`; a candidate that would not fit is never looked up (`as_str` is `None`).
    fn push(&mut self, s: &str) {
        let end = self.len.saturating_add(s.len());
        match self.buf.get_mut(self.len..end) {
            Some(dst) => {
                dst.copy_from_slice(s.as_bytes());
                self.len = end;
            }
            None => self.len = usize::MAX,
        }
    }

    fn as_str(&self) -> Option<&str> {
        self.buf.get(..self.len).and_then(|b| std::str::from_utf8(b).ok())
    }
}

fn token_at(t: &Tables, text: &str, i: usize, fin: bool) -> Step {
    token_at_with::<true>(t, text, i, fin)
}

/// [`token_at`]; with `DIRECT` unset every candidate is built in a buffer (the reference the
/// tests compare the direct lookups with).
fn token_at_with<const DIRECT: bool>(t: &Tables, text: &str, i: usize, fin: bool) -> Step {
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
        let Some(body) = text.get(body_start..body_end) else { continue };
        // Unescaped, the candidates are the text itself from `i`: looked up as slices of it.
        if DIRECT && after_name - i == name.len() && body_start == after_name + 1 {
            if let Some((ms, me)) = mark.filter(|&(ms, _)| ms == body_end + 1) {
                for end in (ms + token::MIN_MARK..=ms + (me - ms).min(token::MAX_MARK)).rev() {
                    if let Some(&id) = text.get(i..end).and_then(|c| t.tokens.get(c)) {
                        return Step::Match(end - i, id);
                    }
                }
            }
            if mark.is_none_or(|(ms, _)| ms == body_end + 1) {
                for end in (body_start + 1..=body_start + run.min(token::MAX_BODY)).rev() {
                    if let Some(&id) = text.get(i..end).and_then(|c| t.tokens.get(c)) {
                        return Step::Match(end - i, id);
                    }
                }
                continue;
            }
        }
        // Otherwise they are built in a buffer on the stack: `NAME_BODY[_MARK]`, all ASCII.
        let mut buf = Candidate::new();
        if let Some((ms, me)) = mark {
            for len in (token::MIN_MARK..=(me - ms).min(token::MAX_MARK)).rev() {
                let Some(mark) = text.get(ms..ms + len) else { continue };
                buf.clear();
                buf.push(name);
                buf.push("_");
                buf.push(body);
                buf.push("_");
                buf.push(mark);
                if let Some(&id) = buf.as_str().and_then(|c| t.tokens.get(c)) {
                    return Step::Match(ms + len - i, id);
                }
            }
        }
        for len in (1..=run.min(token::MAX_BODY)).rev() {
            let Some(prefix) = body.get(..len) else { continue };
            buf.clear();
            buf.push(name);
            buf.push("_");
            buf.push(prefix);
            if let Some(&id) = buf.as_str().and_then(|c| t.tokens.get(c)) {
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
    let rest = text.as_bytes().get(i..).unwrap_or_default();
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
                    let next = text.get(i + lit.len()..).and_then(|r| r.chars().next());
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
        [a] if t.may_start1(*a) => Step::Undecided,
        [a, b] if t.may_start(*a, *b) => Step::Undecided,
        [a, b, c] if t.first3.contains(&[*a, *b, *c]) => Step::Undecided,
        _ => Step::NoMatch,
    }
}

/// The decision at byte `i` of `text` (a character boundary); `prev` is the character before it
/// (from an earlier chunk if `i` is 0); `fin` says the text ends where `text` ends.
pub(crate) fn step(t: &Tables, text: &str, i: usize, prev: Option<char>, fin: bool) -> Step {
    let Some(&b) = text.as_bytes().get(i) else { return Step::NoMatch };
    // Every entity name begins with two capitals (a test below checks it): a capital followed
    // by anything else ("Patient") begins no token, and needs no name compared.
    let second_fits = text.as_bytes().get(i + 1).is_none_or(u8::is_ascii_uppercase);
    if b.is_ascii_uppercase() && second_fits && !t.tokens.is_empty() {
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
///
/// Bytes that cannot begin a pseudonym (not `A-Z` when there are tokens, not the first byte of a
/// literal) are skipped in a tight loop; they are never lead bytes of anything the vault holds,
/// so skipping them decides nothing that later text could change.
pub(crate) fn scan(
    t: &Tables,
    text: &str,
    first_prev: Option<char>,
    fin: bool,
    on: impl FnMut(usize, usize, u32),
) -> (usize, Option<char>) {
    // A vault of tokens only, read to the true end of the text (re-identification, and the check
    // after every rewrite): only a run of capitals before `_` or `\` can begin a pseudonym.
    if fin && t.first1 == [0; 4] {
        return scan_tokens(t, text, first_prev, &[], on);
    }
    scan_general(t, text, first_prev, fin, on)
}

/// [`scan`] of a whole text (`fin`) where the caller knows tokens it wrote: `expected` holds
/// `(start, end, entry id)` of each, ordered by start. The result is exactly that of `scan`; a
/// token read back as itself by construction is not read again (see [`reads_back_at`]).
pub(crate) fn scan_expecting(
    t: &Tables,
    text: &str,
    expected: &[(usize, usize, u32)],
    on: impl FnMut(usize, usize, u32),
) -> (usize, Option<char>) {
    if t.first1 == [0; 4] {
        return scan_tokens(t, text, None, expected, on);
    }
    scan_general(t, text, None, true, on)
}

/// True if no pseudonymizable entity name followed by `_` begins another (so at most one name
/// can be read where a token of this vault stands). Computed once; a test checks it holds.
fn names_prefix_free() -> bool {
    static FREE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *FREE.get_or_init(|| {
        let names: Vec<&str> = (b'A'..=b'Z').flat_map(kinds_from).collect();
        !names.iter().any(|a| {
            names
                .iter()
                .any(|b| b.len() > a.len() && b.starts_with(a) && b.as_bytes().get(a.len()) == Some(&b'_'))
        })
    })
}

/// True if, at true end of text, [`step`] at `start` of `text` is `Match(end - start, id)`
/// where `text[start..end]` is the token of entry `id`, a token that reads back
/// ([`Tables::reads_back`]: `NAME_BODY[_MARK]`, lengths within bounds, held for `id`) and is
/// followed by the end of the text or a byte that is neither a body byte nor `_` nor `\`.
///
/// Why: only its own name can be read at `start` (no name followed by `_` begins another, and
/// the token holds no `\`); the body run stops at its `_` or at the byte after it, so does the
/// mark's; the first candidate looked up is then the whole token, which the vault holds for
/// `id`.
fn reads_back_at(t: &Tables, text: &str, start: usize, end: usize, id: u32) -> bool {
    let after = text.as_bytes().get(end).copied();
    t.reads_back.get(id as usize) == Some(&true)
        && after.is_none_or(|b| !token::is_body_byte(b) && b != b'_' && b != b'\\')
        && t.entry(id).is_some_and(|e| text.get(start..end) == Some(e.pseudonym.as_str()))
        && names_prefix_free()
}

/// [`scan`] for a vault without literals when `fin` is set, visiting only the positions where a
/// token can begin. At the true end of the text a token begins with its whole entity name and an
/// `_` (or `\_`) after it, and the part of every entity name before its first underscore is
/// capitals only (a test below checks it): so a token starts inside a run of capitals that a
/// `_` or `\` ends. At every other position `step` says no match (with no literals, a byte that
/// begins no token begins nothing), and the general scan only moves on from there; so visiting
/// the capitals of those runs in order, and nothing else, decides exactly what it decides.
fn scan_tokens(
    t: &Tables,
    text: &str,
    first_prev: Option<char>,
    expected: &[(usize, usize, u32)],
    mut on: impl FnMut(usize, usize, u32),
) -> (usize, Option<char>) {
    let bytes = text.as_bytes();
    let last = if bytes.is_empty() { first_prev } else { text.chars().next_back() };
    if t.tokens.is_empty() {
        return (bytes.len(), last);
    }
    // Everything before `i` is decided.
    let mut i = 0;
    // The next expected token not before `c`.
    let mut next = 0;
    while let Some(u) = next_separator(bytes, i) {
        // The capitals run that ends at `u`, not reaching back into decided text.
        let mut c = u;
        while c > i && bytes.get(c - 1).is_some_and(u8::is_ascii_uppercase) {
            c -= 1;
        }
        while c < u {
            while expected.get(next).is_some_and(|x| x.0 < c) {
                next += 1;
            }
            let known = match expected.get(next) {
                Some(&(s, e, id)) if s == c && reads_back_at(t, text, s, e, id) => {
                    Some(Step::Match(e - s, id))
                }
                _ => None,
            };
            match known.unwrap_or_else(|| step(t, text, c, None, true)) {
                Step::Match(len, id) => {
                    on(c, c + len, id);
                    c += len;
                }
                // A capital is one byte.
                Step::NoMatch | Step::Undecided => c += 1,
            }
        }
        // The separator itself begins nothing.
        i = if c > u { c } else { u + 1 };
    }
    (bytes.len(), last)
}

/// The first index from `i` on where `b` holds `_` or `\`, if any (eight bytes at a time).
fn next_separator(b: &[u8], i: usize) -> Option<usize> {
    use crate::swar::eq_mask;
    crate::swar::find(b, i, |x| eq_mask(x, b'_') | eq_mask(x, b'\\'), |c| c == b'_' || c == b'\\')
}

/// The scan of [`scan`] for any vault and any `fin`: every byte that may begin a pseudonym is
/// decided by [`step`].
fn scan_general(
    t: &Tables,
    text: &str,
    first_prev: Option<char>,
    fin: bool,
    mut on: impl FnMut(usize, usize, u32),
) -> (usize, Option<char>) {
    // The bytes that may begin a pseudonym, as a bitset: the first bytes of literals, and A-Z
    // when there are tokens (built in four word operations, not per byte value: this runs for
    // every leaf of every record).
    let mut starts = t.first1;
    if !t.tokens.is_empty() {
        if let Some(w) = starts.get_mut(usize::from(b'A') / 64) {
            *w |= ((1u64 << 26) - 1) << (b'A' % 64);
        }
    }
    let may_start = |b: u8| starts.get(usize::from(b >> 6)).is_some_and(|w| (w >> (b & 63)) & 1 != 0);
    let bytes = text.as_bytes();
    let prev_at =
        |i: usize| if i == 0 { first_prev } else { text.get(..i).and_then(|h| h.chars().next_back()) };
    // Without literals only capitals begin a pseudonym: skip eight bytes at a time.
    let capitals_only = t.first1 == [0; 4];
    let mut i = 0;
    while i < bytes.len() {
        if capitals_only {
            i = next_capital(bytes, i);
        }
        match bytes.get(i..).unwrap_or_default().iter().position(|&b| may_start(b)) {
            Some(skip) => i += skip,
            None => {
                i = bytes.len();
                break;
            }
        }
        match step(t, text, i, prev_at(i), fin) {
            Step::Match(len, id) => {
                on(i, i + len, id);
                i += len;
            }
            Step::NoMatch => i += text.get(i..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8),
            Step::Undecided => break,
        }
    }
    (i, prev_at(i))
}

/// The first index from `i` on where `b` holds an ASCII capital, or, in the last seven bytes,
/// where the word-at-a-time test cannot run, `i` moved to them (the caller reads on bytewise).
fn next_capital(b: &[u8], mut i: usize) -> usize {
    while let Some(x) = crate::swar::load8(b, i) {
        let hits = crate::swar::range_mask(x, b'A', b'Z');
        if hits != 0 {
            return i + crate::swar::first(hits);
        }
        i += 8;
    }
    i
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
            out.push_str(text.get(copied..start).unwrap_or_default());
            out.push_str(&e.original);
            copied = end;
            *numeric |= e.numeric;
        }
    });
    out.push_str(text.get(copied..consumed).unwrap_or_default());
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
        // `scan` stops only on character boundaries; checked anyway, as `drain` panics off one.
        if self.pending.is_char_boundary(consumed) {
            self.pending.drain(..consumed);
        } else {
            self.pending.clear();
        }
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

#[cfg(test)]
mod tests {
    use crate::detect::{EntityKind, Finding};
    use crate::report::Report;
    use crate::rewrite::Planned;
    use crate::transform::{DateShiftSpec, Operator};
    use crate::{Policy, Sanitizer};
    use serde_json::json;

    const KEY: &str = "6a0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeef";

    fn sanitizer(policy: &str) -> Sanitizer {
        let mut p = Policy::from_json(policy).unwrap();
        p.key = Some(crate::Key::from_hex(KEY).unwrap());
        Sanitizer::new(p).unwrap()
    }

    /// Applies hand-made findings (`kind`, exact substring) with `op`, as if detection had found
    /// them; detection of names and dates is another module's work.
    fn apply(s: &mut Sanitizer, text: &str, finds: &[(EntityKind, &str)], op: &Operator) -> String {
        let mut plan = Vec::new();
        let mut from = 0;
        for (kind, value) in finds {
            let start = from + text[from..].find(value).unwrap();
            let f = Finding::new(*kind, start, start + value.len(), 1.0, true);
            plan.push(Planned::new(&f, op.for_entity(*kind)));
            from = start + value.len();
        }
        s.apply(text, plan, "", &mut Report::new(), false).unwrap()
    }

    /// Every split point, and every pair of split points for short texts, gives the one-shot result.
    fn assert_streams(s: &Sanitizer, text: &str) {
        let whole = s.reidentify(text);
        let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for &a in &cuts {
            let mut r = s.reidentifier();
            let mut out = r.push(&text[..a]);
            assert!(r.held() <= 64, "held {} bytes", r.held());
            out += &r.push(&text[a..]);
            out += &r.finish();
            assert_eq!(out, whole, "split at {a}");
        }
        // One character at a time: nothing restored may be emitted as part of a token.
        let mut r = s.reidentifier();
        let mut out = String::new();
        for c in text.chars() {
            out += &r.push(c.encode_utf8(&mut [0; 4]));
            assert!(whole.starts_with(&out), "emitted {out:?}, not a prefix of {whole:?}");
        }
        out += &r.finish();
        assert_eq!(out, whole);
    }

    #[test]
    fn next_capital_finds_the_first_capital() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let len = (x % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    [b'@', b'A', b'Z', b'[', b'a', b' ', 0xC1, 0xDA, 0x80, b'_'][(x % 10) as usize]
                })
                .collect();
            for from in 0..=len {
                let at = super::next_capital(&bytes, from);
                let first = (from..len).find(|&j| bytes[j].is_ascii_uppercase());
                assert!(at >= from && at <= len && (at + 8 > len || first == Some(at)), "{bytes:?} {from}");
                assert!(first.is_none_or(|f| at <= f), "{bytes:?} {from}");
            }
        }
    }

    /// A vault of tokens only, with short bodies (so that tokens are prefixes of others) and
    /// marked variants, and the tokens as (text, id).
    fn token_vault() -> (crate::vault::Vault, Vec<(String, u32)>) {
        let key = crate::Key::from_hex(KEY).unwrap();
        let mut v = crate::vault::Vault::with_min_body(100_000, 1);
        let mut tokens = Vec::new();
        let kinds = [
            EntityKind::Person,
            EntityKind::Email,
            EntityKind::Ssn,
            EntityKind::StreetAddress,
            EntityKind::Date,
            EntityKind::AgeOver89,
            EntityKind::IpAddress,
            EntityKind::Passport,
        ];
        for n in 0..60 {
            for (k, kind) in kinds.iter().enumerate() {
                let spelling = format!("Ann Lee{}", (n * 7 + k) % 90);
                for s in [spelling.clone(), spelling.to_uppercase(), format!(" {spelling}")] {
                    let (id, t) = v.token(&key, *kind, &s, n % 5 == 0).unwrap();
                    tokens.push((t, id));
                }
            }
        }
        tokens.sort();
        tokens.dedup();
        (v, tokens)
    }

    /// Where a token was put: start, end, entry id.
    type Placed = (usize, usize, u32);

    /// Random text around tokens, and where each whole token was put.
    fn token_texts(tokens: &[(String, u32)], count: usize) -> Vec<(String, Vec<Placed>)> {
        const PIECES: &[&str] = &[
            " ",
            " ",
            "a",
            "s",
            "S",
            "2",
            "Z",
            "I",
            "O",
            "é",
            "ſ",
            "\u{212A}",
            "MRN ",
            "DOB",
            "PERSON",
            "PERSON_",
            "EMAIL\\_",
            "_",
            "__",
            "\\",
            "\\_",
            "CARD_",
            "AGE_OVER_",
            "\n",
            ",",
            "X_",
            "DATE_0",
            "IP\\_ADDRESS\\_",
            "_2",
            "_AB",
            "_ABCDEFGHJKMN",
        ];
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m as u64) as usize
        };
        (0..count)
            .map(|_| {
                let mut text = String::new();
                let mut at = Vec::new();
                for _ in 0..next(14) {
                    let (t, id) = &tokens[next(tokens.len())];
                    match next(11) {
                        0..=3 => {
                            at.push((text.len(), text.len() + t.len(), *id));
                            text.push_str(t);
                        }
                        // Cut short, or with all, the first or the last of its underscores
                        // escaped.
                        4 => text.push_str(&t[..1 + next(t.len())]),
                        5 => text.push_str(&t.replace('_', "\\_")),
                        6 => text.push_str(&t.replacen('_', "\\_", 1)),
                        7 => {
                            let last = t.rfind('_').unwrap();
                            text.push_str(&format!("{}\\{}", &t[..last], &t[last..]));
                        }
                        _ => text.push_str(PIECES[next(PIECES.len())]),
                    }
                }
                (text, at)
            })
            .collect()
    }

    #[test]
    fn token_scans_decide_as_the_general_scan() {
        let (v, tokens) = token_vault();
        let t = v.tables_ref();
        assert!(t.first1 == [0; 4] && tokens.iter().any(|(x, _)| x.matches('_').count() >= 2));
        let (mut matched, mut known, mut direct) = (0, 0, 0);
        for (text, expected) in token_texts(&tokens, 6000) {
            let mut reference = Vec::new();
            let end = super::scan_general(t, &text, Some('x'), true, |s, e, id| reference.push((s, e, id)));
            let mut fast = Vec::new();
            assert_eq!(
                super::scan(t, &text, Some('x'), true, |s, e, id| fast.push((s, e, id))),
                end,
                "{text:?}"
            );
            assert_eq!(fast, reference, "{text:?}");
            let mut hinted = Vec::new();
            let end2 = super::scan_expecting(t, &text, &expected, |s, e, id| hinted.push((s, e, id)));
            assert_eq!(end2.0, end.0);
            assert_eq!(hinted, reference, "{text:?} {expected:?}");
            matched += reference.len();
            known += expected
                .iter()
                .filter(|&&(s, e, id)| {
                    super::reads_back_at(t, &text, s, e, id) && reference.contains(&(s, e, id))
                })
                .count();
            // The direct lookups of `token_at` against candidates built in a buffer, at every
            // position, read to the end or not.
            for i in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                for fin in [true, false] {
                    let d = super::token_at_with::<true>(t, &text, i, fin);
                    if matches!(d, super::Step::Match(..)) {
                        direct += 1;
                    }
                    assert_eq!(d, super::token_at_with::<false>(t, &text, i, fin), "{text:?} {i} {fin}");
                }
            }
        }
        assert!(matched > 10_000 && known > 2000 && direct > 20_000, "{matched} {known} {direct}");
    }

    #[test]
    fn no_entity_name_and_underscore_begins_another() {
        assert!(super::names_prefix_free());
    }

    #[test]
    fn every_entity_name_begins_with_two_capitals() {
        // `step` skips the token reader at a capital not followed by another.
        for k in EntityKind::ALL {
            let b = k.name().as_bytes();
            assert!(b.len() >= 2 && b[0].is_ascii_uppercase() && b[1].is_ascii_uppercase(), "{k}");
        }
    }

    #[test]
    fn spellings_of_one_person_share_a_body_and_each_comes_back() {
        let mut s = sanitizer("{}");
        let text = "John Smith saw JOHN SMITH, also listed as Smith, John; Dr. John Smith's notes.";
        let finds = [
            (EntityKind::Person, "John Smith"),
            (EntityKind::Person, "JOHN SMITH"),
            (EntityKind::Person, "Smith, John"),
            (EntityKind::Person, "John Smith"),
        ];
        let out = apply(&mut s, text, &finds, &Operator::Pseudonymize);
        let tokens: Vec<&str> = out
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| w.starts_with("PERSON_"))
            .collect();
        assert_eq!(tokens.len(), 4, "{out}");
        assert_eq!(tokens[0], tokens[3]);
        assert!(
            tokens[1].starts_with(&format!("{}_", tokens[0]))
                && tokens[2].starts_with(&format!("{}_", tokens[0]))
        );
        assert_ne!(tokens[1], tokens[2]);
        assert_eq!(s.reidentify(&out), text);
        // A model that drops the mark gets the first spelling back.
        let bare = format!("Ask {}.", tokens[0]);
        assert_eq!(s.reidentify(&bare), "Ask John Smith.");
        assert_streams(&s, &out);
    }

    #[test]
    fn surrogates_read_naturally_and_come_back() {
        let mut s = sanitizer(r#"{"defaultAction":"surrogate"}"#);
        let text =
            "Patient Maria Gonzalez (maria.g@mail.com, 415-867-5309), SSN 123-45-6789, seen 03/14/2021.";
        let finds = [
            (EntityKind::Person, "Maria Gonzalez"),
            (EntityKind::Email, "maria.g@mail.com"),
            (EntityKind::Phone, "415-867-5309"),
            (EntityKind::Ssn, "123-45-6789"),
            (EntityKind::Date, "03/14/2021"),
        ];
        let out = apply(&mut s, text, &finds, &Operator::Surrogate);
        for (_, v) in &finds {
            assert!(!out.contains(v), "{v} in {out}");
        }
        assert!(!out.contains("PERSON_") && !out.contains("EMAIL_"), "{out}");
        assert!(out.contains("@example."), "{out}");
        assert!(out.contains("-555-01"), "{out}");
        assert_eq!(s.reidentify(&out), text);
        assert_streams(&s, &out);
        // The same person later, in an answer with a possessive and Markdown.
        let fake = out.strip_prefix("Patient ").unwrap().split(" (").next().unwrap().to_owned();
        assert_eq!(s.reidentify(&format!("**{fake}'s** chart")), "**Maria Gonzalez's** chart");
    }

    #[test]
    fn dates_of_one_subject_move_together() {
        let spec = DateShiftSpec { max_days: 200, ..DateShiftSpec::default() };
        let op = Operator::DateShift(spec);
        let mut s = sanitizer(r#"{"entities":{"DATE":{"action":"dateShift","maxDays":200}}}"#);
        let text = "Admitted 2021-03-01, discharged 2021-03-11; follow-up March 25th, 2021.";
        let finds = [
            (EntityKind::Date, "2021-03-01"),
            (EntityKind::Date, "2021-03-11"),
            (EntityKind::Date, "March 25th, 2021"),
        ];
        let out = apply(&mut s, text, &finds, &op);
        let dates: Vec<&str> = out
            .split([' ', ';'])
            .map(|w| w.trim_end_matches(','))
            .filter(|w| w.len() == 10 && w.starts_with("20"))
            .collect();
        assert_eq!(dates.len(), 2, "{out}");
        let p = |d: &str| crate::transform::date_shift::parse(d).unwrap().iso();
        let days = |iso: String| {
            let v: Vec<i64> = iso.split('-').map(|x| x.parse().unwrap()).collect();
            crate::transform::date_shift::tests_days(v[0], v[1] as u32, v[2] as u32)
        };
        assert_eq!(days(p(dates[1])) - days(p(dates[0])), 10, "the interval survives: {out}");
        assert_ne!(dates[0], "2021-03-01");
        assert_eq!(s.reidentify(&out), text);
        // Records: the subject pointer picks the offset; two patients, two offsets.
        let mut s = sanitizer(r#"{"entities":{"DATE":{"action":"dateShift","subject":"/id"}}}"#);
        let shift = |s: &mut Sanitizer, id: &str| {
            s.subject = crate::transform::token::subject(EntityKind::Person, id);
            apply(
                s,
                "2020-06-15",
                &[(EntityKind::Date, "2020-06-15")],
                &Operator::DateShift(DateShiftSpec::default()),
            )
        };
        let a1 = shift(&mut s, "p-1");
        assert_eq!(shift(&mut s, "p-1"), a1);
        let others: Vec<String> = (2..6).map(|i| shift(&mut s, &format!("p-{i}"))).collect();
        assert!(others.iter().any(|o| *o != a1), "{a1} {others:?}");
        for o in others.iter().chain([&a1]) {
            assert!(o.starts_with("20") && o.len() == 10 || o.starts_with("DATE_"), "{o}");
            assert_eq!(s.reidentify(o), "2020-06-15");
        }
    }

    #[test]
    fn the_application_names_the_subject_of_free_text() {
        let mut s = sanitizer(r#"{"entities":{"DATE":"dateShift"}}"#);
        let shifted = |s: &mut Sanitizer, subject: Option<&str>| {
            s.set_date_shift_subject(subject);
            s.sanitize_text_with("Seen 2022-05-20.", &[(EntityKind::Date, 5..15)]).unwrap().output
        };
        let a = shifted(&mut s, Some("MRN 0042"));
        assert_eq!(shifted(&mut s, Some("mrn  0042")), a, "normalized subject");
        let others: Vec<String> = (0..4).map(|i| shifted(&mut s, Some(&format!("MRN 10{i}")))).collect();
        assert!(others.iter().any(|o| *o != a), "{a} {others:?}");
        let none = shifted(&mut s, None);
        assert_eq!(shifted(&mut s, Some("")), none);
        for o in others.iter().chain([&a, &none]) {
            assert_eq!(s.reidentify(o), "Seen 2022-05-20.");
        }
    }

    #[test]
    fn text_that_already_spells_a_pseudonym_is_escaped() {
        let mut s = sanitizer(r#"{"defaultAction":"surrogate"}"#);
        let first = apply(
            &mut s,
            "Call 415-867-5309 today",
            &[(EntityKind::Phone, "415-867-5309")],
            &Operator::Surrogate,
        );
        let fake = first.strip_prefix("Call ").unwrap().strip_suffix(" today").unwrap().to_owned();
        // A later text quotes the fake number as plain text (no finding): it must come back as
        // itself, not as the real number.
        let later = format!("Old note: {fake}.");
        let out = apply(&mut s, &later, &[], &Operator::Surrogate);
        assert_ne!(out, later, "the stray pseudonym is tokenized");
        assert!(!out.contains(&fake));
        assert_eq!(s.reidentify(&out), later);
        // The same for a token pasted back in.
        let mut s = sanitizer("{}");
        let t = s.sanitize_text("a@b.co").unwrap().output;
        let pasted = format!("Earlier I wrote to {t}.");
        let out = s.sanitize_text(&pasted).unwrap().output;
        assert_ne!(out, pasted);
        assert_eq!(s.reidentify(&out), pasted);
    }

    #[test]
    fn a_piece_of_an_old_token_glued_to_a_new_value_is_tokenized() {
        // An old token whose body ends in `E`, pasted without that letter right before a new
        // e-mail address: the new token (`EMAIL_…`) completes the old one. This failed closed
        // before; now the pasted piece is tokenized and both come back exactly.
        let mut s = sanitizer("{}");
        let old = (0..500)
            .map(|i| {
                let v = format!("u{i}@b.co");
                s.sanitize_text_with(&v, &[(EntityKind::Email, 0..v.len())]).unwrap().output
            })
            .find(|t| t.ends_with('E'))
            .unwrap();
        let piece = &old[..old.len() - 1];
        let text = format!("{piece}x@y.co");
        let out = s.sanitize_text_with(&text, &[(EntityKind::Email, piece.len()..text.len())]).unwrap();
        let new = s.sanitize_text_with("x@y.co", &[(EntityKind::Email, 0..6)]).unwrap().output;
        assert!(out.output.ends_with(&new) && !out.output.starts_with(piece), "{}", out.output);
        assert_eq!(s.reidentify(&out.output), text);
        assert_eq!(out.report.total, 2, "the value and the escaped piece");
        assert_streams(&s, &out.output);
    }

    #[test]
    fn text_that_extends_a_new_token_into_an_old_one_is_tokenized() {
        // `JOHN SMITH` has the token of `John Smith` with a mark; `John Smith` followed by the
        // text `_MARK` would read back as `JOHN SMITH`. The glued text is tokenized instead.
        let mut s = sanitizer("{}");
        let bare = s.sanitize_text_with("John Smith", &[(EntityKind::Person, 0..10)]).unwrap().output;
        let marked = s.sanitize_text_with("JOHN SMITH", &[(EntityKind::Person, 0..10)]).unwrap().output;
        let mark = marked.strip_prefix(&bare).unwrap();
        assert!(mark.starts_with('_'), "{marked}");
        let text = format!("John Smith{mark} wrote");
        let out = s.sanitize_text_with(&text, &[(EntityKind::Person, 0..10)]).unwrap().output;
        assert!(out.starts_with(&bare) && !out.contains(&marked) && out.ends_with(" wrote"), "{out}");
        assert_eq!(s.reidentify(&out), text);
        assert_streams(&s, &out);
    }

    #[test]
    fn a_kept_value_that_spells_a_pseudonym_is_tokenized() {
        let mut s = sanitizer(r#"{"defaultAction":"surrogate"}"#);
        let first =
            apply(&mut s, "Call 415-867-5309", &[(EntityKind::Phone, "415-867-5309")], &Operator::Surrogate);
        let fake = first.strip_prefix("Call ").unwrap().to_owned();
        let text = format!("Kept: {fake}, and 212-555-0100 kept too.");
        let finds = [(EntityKind::Phone, fake.as_str()), (EntityKind::Phone, "212-555-0100")];
        let out = apply(&mut s, &text, &finds, &Operator::Keep);
        assert!(out.starts_with("Kept: PHONE_") && out.ends_with(", and 212-555-0100 kept too."), "{out}");
        assert_eq!(s.reidentify(&out), text);
    }

    #[test]
    fn a_fake_issued_later_in_a_record_does_not_capture_earlier_text() {
        let policy = r#"{"defaultAction":"surrogate"}"#;
        // The same key gives the same fake: learn it from another sanitizer.
        let sent = sanitizer(policy).sanitize_text("SSN 123-45-6789").unwrap().output;
        let fake = sent.strip_prefix("SSN ").unwrap().to_owned();
        assert!(fake.starts_with('9'), "{fake}");
        // Leaf `a` quotes the fake (not detected: a 9xx SSN is invalid); leaf `b` issues it.
        let mut s = sanitizer(policy);
        let record = json!({"a": format!("old ref {fake}"), "b": "SSN 123-45-6789"});
        let out = s.sanitize_json(&record).unwrap();
        assert_eq!(out.output["b"], json!(sent));
        assert!(out.output["a"].as_str().unwrap().starts_with("old ref SSN_"), "{}", out.output);
        assert_eq!(s.reidentify_json(&out.output), record);
        assert_eq!(out.report.total, 2, "one finding and one escape, counted once");
    }

    #[test]
    fn a_surrogate_glued_to_a_word_becomes_a_token() {
        let mut s = sanitizer(r#"{"defaultAction":"surrogate"}"#);
        let text = "tel4158675309x";
        let out = apply(&mut s, text, &[(EntityKind::Phone, "4158675309")], &Operator::Surrogate);
        assert!(out.starts_with("telPHONE_"), "{out}");
        assert_eq!(s.reidentify(&out), text);
    }

    #[test]
    fn card_authentication_data_never_enters_the_vault() {
        for policy in [
            r#"{"defaultAction":"surrogate"}"#,
            r#"{"defaultAction":"pseudonymize"}"#,
            r#"{"defaultAction":"dateShift"}"#,
            r#"{"defaultAction":"keep"}"#,
        ] {
            let mut s = sanitizer(policy);
            let text = "CVV 123, PIN 4321, track %B4111111111111111^DOE/J^2512";
            let finds = [
                (EntityKind::CardCvv, "123"),
                (EntityKind::CardPin, "4321"),
                (EntityKind::CardTrack, "%B4111111111111111^DOE/J^2512"),
            ];
            let mut plan = Vec::new();
            for (kind, v) in finds {
                let start = text.find(v).unwrap();
                plan.push(Planned::new(
                    &Finding::new(kind, start, start + v.len(), 1.0, true),
                    s.policy.action(kind).clone(),
                ));
            }
            let out = s.apply(text, plan, "", &mut Report::new(), false).unwrap();
            assert_eq!(out, "CVV , PIN , track ", "{policy}");
            assert_eq!(s.vault_len(), 0, "{policy}");
            assert!(!s.export_vault().to_string().contains("4321"));
        }
    }

    #[test]
    fn json_numbers_come_back_as_numbers() {
        let mut s = sanitizer("{}");
        let record = json!({"card": 4111111111111111u64, "cardText": "4111111111111111", "n": 7, "note": "ssn 123-45-6789"});
        let out = s.sanitize_json(&record).unwrap().output;
        assert!(out["card"].is_string() && out["note"].is_string(), "{out}");
        assert_ne!(out["card"], out["cardText"], "a number and a string are two spellings");
        assert_eq!(out["n"], json!(7));
        assert_eq!(s.reidentify_json(&out), record);
        // A model that puts the token in a sentence gets a sentence back.
        let answer = json!({"reply": format!("Card {}", out["card"].as_str().unwrap())});
        assert_eq!(s.reidentify_json(&answer), json!({"reply": "Card 4111111111111111"}));
    }

    #[test]
    fn the_key_appears_nowhere() {
        let key = crate::Key::from_hex(KEY).unwrap();
        let mut s = sanitizer(r#"{"defaultAction":"surrogate"}"#);
        let mut seen = String::new();
        for text in ["a@b.co 123-45-6789 4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32, (212) 555-0100"]
        {
            let out = s.sanitize_text(text).unwrap();
            seen += &out.output;
            seen += &serde_json::to_string(&out.report).unwrap();
        }
        seen += &s.export_vault().to_string();
        seen += &format!("{s:?}");
        let e = Policy::from_json(&format!(r#"{{"key":"{}"}}"#, &KEY[..31])).unwrap_err();
        seen += &format!("{e} {e:?}");
        let mut small = sanitizer(r#"{"limits":{"maxVaultEntries":1}}"#);
        let e = small.sanitize_text("a@b.co c@d.co").unwrap_err();
        seen += &format!("{e} {e:?}");
        assert!(!key.appears_in(seen.as_bytes()));
        assert!(key.appears_in(format!("x{}y", KEY).as_bytes()), "the search itself works");
    }

    #[test]
    fn streaming_holds_back_only_possible_pseudonyms() {
        let mut s = sanitizer("{}");
        let t = s.sanitize_text("a@b.co").unwrap().output;
        let mut r = s.reidentifier();
        assert_eq!(r.push("Hello, wor"), "Hello, wor");
        assert_eq!(r.push("ld. EMA"), "ld. ");
        assert_eq!(r.push("IX "), "EMAIX ");
        assert_eq!(r.push(&t[..8]), "");
        assert_eq!(r.push(&t[8..]), "");
        assert_eq!(r.push("."), "a@b.co.");
        assert_eq!(r.finish(), "");
        let mut r = s.reidentifier();
        assert_eq!(r.push(&t), "");
        assert_eq!(r.finish(), "a@b.co");
        assert_eq!(r.push("Ü"), "Ü", "usable again after finish");
    }
}
