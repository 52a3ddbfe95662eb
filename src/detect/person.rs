//! PERSON: names of patients, clinicians, relatives and customers, found without a model.
//!
//! The text is cut into word tokens once; every place where a name may start is tried once and
//! a run is at most a few words long, so the work is linear in the input. A name is a run of
//! name-shaped words (capitalized, ALLCAPS, or lowercase where the context allows it) with
//! initials (`J.`, `J.R.`), particles (`de la`, `van der`, `Ó`), hyphens and apostrophes
//! (`Mary-Kate`, `O'Neil`), or the `LAST, FIRST` form. A run becomes a finding when something
//! vouches for it:
//!
//! * what comes before: a title (`Dr.`, `Mrs.`; the title stays outside the span), a field
//!   label (`Patient:`, `Beneficiary:`, `Account holder:`), a greeting or sign-off (`Dear`,
//!   `Hi`, `Thanks,`, `Regards,` on the line above, `- Sandra`), a self-introduction (`my name
//!   is`, `this is`, `it's`), a relative (`his wife`, `daughter,`), `signed by`, a chat speaker
//!   (`Agent Maria:`);
//! * what comes after: a credential (`, MD`, ` NP`), a birth date (`, DOB`, `(born`, `, 01/04/1980`);
//! * the census lists ([`super::person_names`]): a known first name followed by a capitalized
//!   word, a word followed by a known surname, `LAST, FIRST` with a known first name, a value
//!   that is nothing but a known name.
//!
//! Guards keep useful content: names that are also ordinary words ("Will", "May", "Grant") are
//! no evidence on their own; runs followed by an organization or street word ("Mayo Clinic",
//! "Oak Drive"), medical eponyms ("Parkinson's disease", "Bell's palsy"), known organizations
//! ("Wells Fargo"), place names ("San Jose") and words after a house number are skipped unless
//! a title or a label says otherwise.
//!
//! [`add_mentions`] runs after every recognizer: once a name is found, its other mentions in
//! the same input (the first name alone, `Mr. Last`, the ALLCAPS form) are found too.

use super::person_names::{self as words, class, lexicon, NameInfo};
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::swar::lowercase8;
use std::cell::Cell;

/// Finds names (see the module documentation).
pub(crate) struct Person;

impl Person {
    pub(crate) fn new() -> Self {
        // Decode the lists now rather than inside the first scan.
        lexicon();
        Person
    }
}

impl Recognizer for Person {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let t = hay.person_tokens();
        let scanner = Scanner::new(t);
        let mut i = 0;
        while i < t.len() {
            match scanner.candidate(i) {
                Step::Found(start, end, score, next) => {
                    out.push(Finding::new(EntityKind::Person, start, end, score, false));
                    i = next.max(i + 1);
                }
                Step::Skip(next) => i = next.max(i + 1),
            }
        }
    }
}

// ----------------------------------------------------------------------------------- tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `Maria`, `McDonald`, `O'Neil`, `Smith-Garcia`.
    Title,
    /// `MARIA`.
    Upper,
    /// `maria`.
    Lower,
    /// One capital letter: `J`.
    Initial,
    /// Digits or mixed forms (`A1c`, `iPhone`).
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    /// End of the word without a possessive `'s`.
    end: usize,
    /// End including a possessive `'s`.
    full_end: usize,
    shape: Shape,
    lo: (usize, usize),
    /// ASCII letters only (no digit, joiner or possessive): the census key is `lo` as it is.
    plain: bool,
    /// The word classes (`person_names::class` bits), looked up while cutting.
    classes: u32,
}

impl Tok {
    fn possessive(&self) -> bool {
        self.full_end > self.end
    }
}

/// The most tokens one name may span (name words, initials and particles).
const MAX_RUN_TOKENS: usize = 8;

/// Word tokens of a text with their lowercase forms, their word classes and (looked up when
/// first asked, at most once per token) what the census lists know about them.
pub(crate) struct Tokens<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    lower: String,
    /// The census answers per token, shared by the first pass and [`add_mentions`]: 0 until
    /// looked up, then [`INFO_KNOWN`] with the flags of [`encode_info`].
    infos: Vec<Cell<u8>>,
}

/// Set in an answer of `Tokens::infos` once looked up.
const INFO_KNOWN: u8 = 0x80;

/// A census answer as one byte (with [`INFO_KNOWN`]).
fn encode_info(info: NameInfo) -> u8 {
    INFO_KNOWN | u8::from(info.first) | u8::from(info.last) << 1 | u8::from(info.common) << 2
}

/// The census answer of a byte of [`encode_info`].
fn decode_info(b: u8) -> NameInfo {
    NameInfo { first: b & 1 != 0, last: b & 2 != 0, common: b & 4 != 0 }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}')
}

/// Byte kinds of the ASCII fast path of [`Tokens::new`].
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;
const JOIN: u8 = 8;
const HIGH: u8 = 16;

/// The kind of every byte: an ASCII letter or digit, an apostrophe or hyphen, a non-ASCII byte.
static BYTE_KIND: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut slots: &mut [u8] = &mut t;
    let mut c = 0u8;
    while let [slot, rest @ ..] = slots {
        *slot = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'\'' || c == b'-' {
            JOIN
        } else if c >= 0x80 {
            HIGH
        } else {
            0
        };
        c = c.wrapping_add(1);
        slots = rest;
    }
    t
};

fn byte_kind(b: u8) -> u8 {
    BYTE_KIND.get(usize::from(b)).copied().unwrap_or(0)
}

impl<'a> Tokens<'a> {
    /// Cuts `text` into word tokens (see [`super::Haystack::person_tokens`], which shares them)
    /// in one pass over the bytes. The lowercase forms are one ASCII-lowercase copy of the whole
    /// text (an ASCII word's form is its own span there, so nothing is copied per word) followed
    /// by the forms of the other words, which take the general path.
    #[inline(never)]
    pub(crate) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        // At most one token per two bytes; most text has one per five or six.
        let cap = text.len() / 4 + 1;
        let mut toks = Vec::with_capacity(cap);
        let mut lower = ascii_lowercase(text);
        let mut pos = 0;
        while let Some(&b) = bytes.get(pos) {
            let kind = byte_kind(b);
            if kind & (UPPER | LOWER | DIGIT | HIGH) == 0 {
                pos += 1;
                continue;
            }
            let start = pos;
            let (end, core_end, shape, lo);
            let mut plain = false;
            if kind & HIGH == 0 {
                // ASCII fast path: letters and digits, inner apostrophes and hyphens.
                // The kinds of byte seen decide the shape: a joiner is always followed by a
                // letter, so a word without digits and with one letter is one byte long.
                // (`seen` also gets the kind of the byte that ends a stretch: never a letter
                // or a digit, so it does not change the shape.)
                let mut seen = 0u8;
                let mut k = pos;
                let next = loop {
                    let rest = bytes.get(k..).unwrap_or(&[]);
                    k += rest
                        .iter()
                        .position(|&c| {
                            let kind = byte_kind(c);
                            seen |= kind;
                            kind & (UPPER | LOWER | DIGIT) == 0
                        })
                        .unwrap_or(rest.len());
                    let next = byte_kind(bytes.get(k).copied().unwrap_or(0));
                    if next == JOIN && bytes.get(k + 1).is_some_and(u8::is_ascii_alphabetic) {
                        k += 1;
                        continue;
                    }
                    break next;
                };
                if next == HIGH {
                    // A non-ASCII letter or joiner follows: take the general path.
                    (end, core_end, shape, lo) = general_token(text, pos, &mut lower);
                } else {
                    end = k;
                    // A possessive `'s` after a stem of two letters or more.
                    let possessive = end - start >= 4
                        && bytes.get(end - 2) == Some(&b'\'')
                        && matches!(bytes.get(end - 1), Some(b's' | b'S'));
                    if possessive {
                        core_end = end - 2;
                        // The stem decides the shape.
                        shape = self::shape(text.get(start..core_end).unwrap_or(""));
                    } else {
                        core_end = end;
                        plain = seen & (DIGIT | JOIN | HIGH) == 0;
                        shape = match (seen & DIGIT != 0, kind == UPPER) {
                            (true, _) => Shape::Other,
                            (false, true) if end - start == 1 => Shape::Initial,
                            (false, true) if seen & LOWER != 0 => Shape::Title,
                            (false, true) => Shape::Upper,
                            (false, false) if seen & UPPER == 0 => Shape::Lower,
                            _ => Shape::Other,
                        };
                    }
                    lo = (start, core_end);
                }
            } else {
                let c = text.get(pos..).and_then(|r| r.chars().next()).unwrap_or(' ');
                if !is_word_char(c) {
                    pos += c.len_utf8();
                    continue;
                }
                (end, core_end, shape, lo) = general_token(text, pos, &mut lower);
            }
            pos = end.max(start + 1);
            // Class words are short and never hold digits.
            let short = lo.1 - lo.0 <= 16 && shape != Shape::Other;
            let classes = if short {
                let lc = lower.as_bytes().get(lo.0..lo.1).unwrap_or(&[]);
                words::classes_hashed(lc, words::fnv(lc))
            } else {
                0
            };
            toks.push(Tok { start, end: core_end, full_end: end, shape, lo, plain, classes });
        }
        let infos = vec![Cell::new(0); toks.len()];
        Tokens { text, toks, lower, infos }
    }

    /// True when token `i` belongs to one of the word classes in `bits`.
    #[inline]
    fn is(&self, i: usize, bits: u32) -> bool {
        self.toks.get(i).is_some_and(|t| t.classes & bits != 0)
    }

    /// What the census lists know about token `i` as written (looked up once).
    fn info(&self, i: usize) -> NameInfo {
        let Some(cell) = self.infos.get(i) else { return NameInfo::default() };
        if cell.get() & INFO_KNOWN != 0 {
            return decode_info(cell.get());
        }
        let info = match self.tok(i) {
            // The common case: the lowercase form is the key (what `info` would fold it to).
            Some(t) if t.plain => lexicon().plain_info(self.lc(i).as_bytes()),
            _ => lexicon().info(self.raw(i)),
        };
        cell.set(encode_info(info));
        info
    }

    #[inline]
    fn len(&self) -> usize {
        self.toks.len()
    }

    #[inline]
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    #[inline]
    fn shape(&self, i: usize) -> Shape {
        self.tok(i).map_or(Shape::Other, |t| t.shape)
    }

    /// The lowercase form of token `i` ("" past the end).
    #[inline]
    fn lc(&self, i: usize) -> &str {
        self.tok(i).and_then(|t| self.lower.get(t.lo.0..t.lo.1)).unwrap_or("")
    }

    /// The word as written, without a possessive `'s`.
    fn raw(&self, i: usize) -> &str {
        self.tok(i).and_then(|t| self.text.get(t.start..t.end)).unwrap_or("")
    }

    /// The text between token `i - 1` (or the start) and token `i` (or the end).
    #[inline]
    fn gap(&self, i: usize) -> &str {
        let from = if i == 0 { 0 } else { self.tok(i - 1).map_or(self.text.len(), |t| t.full_end) };
        let to = self.tok(i).map_or(self.text.len(), |t| t.start);
        self.text.get(from..to).unwrap_or("")
    }

    /// The text after token `i` up to the end of the input.
    fn rest(&self, i: usize) -> &str {
        self.tok(i).and_then(|t| self.text.get(t.full_end..)).unwrap_or("")
    }
}

/// The general path of [`Tokens::new`] for the word at `start`: its end, the end without a
/// possessive `'s`, its shape, and where its lowercase form is in `lower` (appended to it).
fn general_token(text: &str, start: usize, lower: &mut String) -> (usize, usize, Shape, (usize, usize)) {
    let end = general_word_end(text, start);
    let word = text.get(start..end).unwrap_or("");
    let core_end = possessive_cut(word).map_or(end, |c| start + c);
    let core = text.get(start..core_end).unwrap_or("");
    let lo_start = lower.len();
    lower.extend(core.chars().flat_map(char::to_lowercase));
    (end, core_end, shape(core), (lo_start, lower.len()))
}

/// `text` with its ASCII capitals lowercased (other bytes kept), with room for the lowercase
/// forms of a few non-ASCII words after it.
fn ascii_lowercase(text: &str) -> String {
    let mut lower = Vec::with_capacity(text.len() + text.len() / 8 + 16);
    lower.extend_from_slice(text.as_bytes());
    // Eight bytes at a time: each capital gets its 0x20 bit, nothing else changes.
    let mut chunks = lower.chunks_exact_mut(8);
    for chunk in &mut chunks {
        // (Element-wise rather than `copy_from_slice`, which wasm builds call out of line.)
        let word = <[u8; 8]>::try_from(&*chunk).unwrap_or_default();
        for (byte, lower) in chunk.iter_mut().zip(lowercase8(u64::from_le_bytes(word)).to_le_bytes()) {
            *byte = lower;
        }
    }
    chunks.into_remainder().make_ascii_lowercase();
    // ASCII lowercasing keeps UTF-8 valid, so this never falls back.
    String::from_utf8(lower).unwrap_or_else(|_| text.to_ascii_lowercase())
}

/// End of the word starting at `start`: letters, digits and combining marks, with inner
/// apostrophes and hyphens.
fn general_word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text.get(start..).unwrap_or("").chars().peekable();
    while let Some(c) = chars.next() {
        if is_word_char(c) || (is_joiner(c) && chars.peek().is_some_and(|m| m.is_alphabetic())) {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Byte offset where a trailing possessive `'s` starts, if the word has one.
fn possessive_cut(word: &str) -> Option<usize> {
    if !word.ends_with(['s', 'S']) {
        return None;
    }
    for apostrophe in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(stem) = word.strip_suffix(apostrophe) {
            if stem.chars().count() >= 2 {
                return Some(stem.len());
            }
        }
    }
    None
}

fn shape(word: &str) -> Shape {
    let (mut upper, mut lower, mut other) = (0, 0, false);
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        } else if !(is_joiner(c) || is_mark(c)) {
            other = true;
        }
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    match (other, first_upper) {
        (true, _) => Shape::Other,
        (false, true) if upper == 1 && lower == 0 => Shape::Initial,
        (false, true) if lower > 0 => Shape::Title,
        (false, true) => Shape::Upper,
        (false, false) if upper == 0 && lower > 0 => Shape::Lower,
        _ => Shape::Other,
    }
}

/// True when `g` holds a hyphen, an en dash or an em dash (the bytes first: both dashes
/// start with 0xE2 in UTF-8).
fn has_dash(g: &str) -> bool {
    g.bytes().any(|b| b == b'-' || b == 0xe2) && g.contains(['-', '\u{2013}', '\u{2014}'])
}

fn is_space(g: &str) -> bool {
    !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
}

/// One space between the words of a name.
fn is_join(g: &str) -> bool {
    g == " " || g == "\u{a0}"
}

/// After an initial: `J. Smith`, `J.R. Smith`, `J Smith`.
fn is_initial_join(g: &str) -> bool {
    matches!(g, "." | ". " | " " | ".\u{a0}" | "\u{a0}")
}

fn newlines(g: &str) -> usize {
    g.bytes().filter(|&b| b == b'\n').count()
}

/// `s` starts with the ASCII word `p`, in any case.
fn starts_with_ci(s: &str, p: &str) -> bool {
    s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
}

/// True when `s` starts with a birth date, age or record-number cue: `DOB`, `born`, `a 74-year-old`.
fn is_birth_cue(s: &str) -> bool {
    let word_end = |n: usize| !s.get(n..).and_then(|r| r.chars().next()).is_some_and(char::is_alphabetic);
    ["dob", "d.o.b", "date of birth", "born", "age", "aged", "mrn", "ssn"]
        .iter()
        .any(|p| starts_with_ci(s, p) && word_end(p.len()))
        || ["a ", "an "].iter().any(|a| {
            starts_with_ci(s, a)
                && s.get(a.len()..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        })
}

/// True when `s` starts with a month name or abbreviation (`Jan`, `august`).
fn month_len(s: &str) -> Option<usize> {
    let len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let mut buf = [0u8; 9];
    let word = s.as_bytes().get(..len)?;
    for (slot, b) in buf.iter_mut().zip(word) {
        *slot = b.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(buf.get(..len)?).ok()?;
    words::is_month(lower).then_some(len)
}

/// True when `s` starts with a date: `01/04/2004`, `2002-05-22`, `8 Jan 1966`, `Oct 24, 1974`.
fn is_date_start(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = s.get(digits..).unwrap_or("");
    if (1..=4).contains(&digits) {
        let mut after = rest.chars();
        return match after.next() {
            Some('/' | '-' | '.') => after.next().is_some_and(|c| c.is_ascii_digit()),
            Some(' ') => month_len(rest.get(1..).unwrap_or("")).is_some(),
            _ => false,
        };
    }
    month_len(s).is_some_and(|len| {
        s.get(len..)
            .is_some_and(|r| r.trim_start_matches(['.', ' ']).starts_with(|c: char| c.is_ascii_digit()))
    })
}

// ---------------------------------------------------------------------------------- context

/// What vouches for a name before it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cue {
    /// `Dr.`, `Mrs.`: the strongest cue; any capitalized word after it is a name.
    Title,
    /// A field label, a greeting or sign-off, a relative, `signed by`: names follow.
    Strong(f32),
    /// A chat speaker role (`Agent Maria:`): a name if a colon follows it.
    Speaker,
    /// An ambiguous label (`From:`, `Provider:`), a bare `by`, `this is`: a name only with
    /// some support from the lists or the shape.
    Weak(f32),
    /// A dash before a signature (`- Sandra`): a name when it ends the line.
    Dash,
}

// -------------------------------------------------------------------------------- the scan

#[cfg_attr(test, derive(Debug, PartialEq))]
enum Step {
    /// A name at `start..end` with a score; scanning continues at token `next`.
    Found(usize, usize, f32, usize),
    /// No name here; continue at token `next`.
    Skip(usize),
}

/// The token indexes of a run's name words: at most six, kept inline (no allocation per run).
#[derive(Clone, Copy, Debug, Default)]
struct Parts {
    idx: [usize; 6],
    len: usize,
}

impl Parts {
    fn as_slice(&self) -> &[usize] {
        self.idx.get(..self.len).unwrap_or(&[])
    }

    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn first(&self) -> Option<&usize> {
        self.as_slice().first()
    }

    fn last(&self) -> Option<&usize> {
        self.as_slice().last()
    }

    fn iter(&self) -> std::slice::Iter<'_, usize> {
        self.as_slice().iter()
    }

    fn push(&mut self, k: usize) {
        if let Some(slot) = self.idx.get_mut(self.len) {
            *slot = k;
            self.len += 1;
        }
    }

    fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
    }

    fn remove_first(&mut self) {
        if self.len > 0 {
            self.idx.copy_within(1.., 0);
            self.len -= 1;
        }
    }
}

/// One parsed run of name words.
#[derive(Clone, Debug, Default)]
struct Run {
    /// Token where the span starts (a name word or an initial).
    first: usize,
    /// Token where the span ends (always a name word).
    last: usize,
    /// The name words (not initials or particles), in order.
    parts: Parts,
    /// The style of the name words: Title (Title-case or mixed), Upper or Lower.
    style: Option<Shape>,
    /// Written `LAST, FIRST`.
    last_first: bool,
    /// An organization or street word follows ("Mayo Clinic").
    org_follows: bool,
    /// A medical eponym noun follows ("Bell's palsy").
    eponym_follows: bool,
    /// First token after the run.
    next: usize,
}

struct Scanner<'t, 'a> {
    t: &'t Tokens<'a>,
}

impl<'t, 'a> Scanner<'t, 'a> {
    fn new(t: &'t Tokens<'a>) -> Self {
        Scanner { t }
    }

    fn info(&self, i: usize) -> NameInfo {
        self.t.info(i)
    }

    fn known(&self, i: usize) -> bool {
        let info = self.info(i);
        info.first || info.last
    }

    fn candidate(&self, i: usize) -> Step {
        self.candidate_with(i, true)
    }

    /// [`Scanner::candidate`], with or without (tests) the shortcut for a lone capitalized word.
    fn candidate_with(&self, i: usize, shortcut: bool) -> Step {
        let t = self.t;
        let shape = t.shape(i);
        // Cheap exits first: most words of running text cannot start a name.
        if shape == Shape::Other || t.is(i, class::TITLE) {
            return Step::Skip(i + 1);
        }
        let after_title = i > 0 && t.is(i - 1, class::TITLE);
        if shape != Shape::Initial && !after_title && t.is(i, class::STOP | class::CREDENTIAL) {
            return Step::Skip(i + 1);
        }
        // A cue needs a cue word or a dash right before the name.
        let might_cue = i == 0 || t.is(i - 1, class::ANY_CUE) || has_dash(t.gap(i));
        let cue = if might_cue { self.cue_before(i) } else { None };
        // Without a cue, a lowercase name starts with a known first name and goes on.
        if shape == Shape::Lower
            && cue.is_none()
            && !(is_join(t.gap(i + 1))
                && t.shape(i + 1) == Shape::Lower
                && !t.is(i + 1, class::STOP)
                && self.info(i).first)
        {
            return Step::Skip(i + 1);
        }
        // Without a cue, a capitalized word followed by a space and a lowercase word that is no
        // particle is a run of one word that nothing vouches for ("Patient reports"): the run
        // cannot go on, `last_first` needs a comma, `post_cue` a separator, and `whole_input` the
        // end of the input, so `accept` says no and the scan goes on at the next word.
        if shortcut
            && cue.is_none()
            && matches!(shape, Shape::Title | Shape::Upper)
            && t.gap(i + 1) == " "
            && t.shape(i + 1) == Shape::Lower
            && !t.is(i + 1, class::PARTICLE)
        {
            return Step::Skip(i + 1);
        }
        let Some(mut run) = self.parse_run(i, cue) else {
            return Step::Skip(i + 1);
        };
        // Words after a house number name a street ("025 Adam Via"): skip them all.
        if !matches!(cue, Some(Cue::Title | Cue::Strong(_))) && self.after_number(run.first) {
            return Step::Skip(run.next);
        }
        if run.style == Some(Shape::Lower) && !self.trim_lower(&mut run) {
            return Step::Skip(i + 1);
        }
        // `LAST, FIRST`, read after labels and introductions, not after titles.
        if cue != Some(Cue::Title) {
            if let Some(lf) = self.last_first(&run) {
                if let Some(score) = self.accept(&lf, cue) {
                    return self.found(&lf, score);
                }
            }
        }
        if let Some(score) = self.accept(&run, cue) {
            return self.found(&run, score);
        }
        // A sentence-initial capitalized word before a name: "Called Maria Lopez".
        if cue.is_none() && run.parts.len() >= 3 && self.sentence_start(run.first) && !self.known(run.first) {
            run.parts.remove_first();
            run.first = run.parts.first().copied().unwrap_or(run.first);
            if let Some(score) = self.accept(&run, None) {
                return self.found(&run, score);
            }
        }
        Step::Skip(i + 1)
    }

    fn found(&self, run: &Run, score: f32) -> Step {
        let start = self.t.tok(run.first).map_or(0, |t| t.start);
        let end = self.t.tok(run.last).map_or(0, |t| t.end);
        Step::Found(start, end, score, run.next)
    }

    /// True when token `i` starts a sentence or a line.
    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let g = self.t.gap(i).trim_end_matches([' ', '\t', '\u{a0}']);
        g.ends_with(['.', '!', '?', '\n', ':', '*', '\u{2022}', '"', '>']) || g.contains('\n')
    }

    /// True when token `k` is followed by punctuation, a column gap or the end of its line.
    fn clean_end(&self, k: usize) -> bool {
        let g = self.t.gap(k + 1);
        k + 1 >= self.t.len()
            || g.contains('\n')
            || g.trim_start().starts_with([',', '(', ';', ':', '.', '!', '?', '<', '|', '['])
            || g.starts_with("  ")
            || g.starts_with('\t')
    }

    /// True when token `k` ends its line or the input.
    fn ends_line(&self, k: usize) -> bool {
        let g = self.t.gap(k + 1);
        let line = g.split('\n').next().unwrap_or("");
        (k + 1 >= self.t.len() || g.contains('\n')) && line.trim().trim_end_matches(['.', '!']).is_empty()
    }

    /// The cue right before token `i`, if any.
    fn cue_before(&self, i: usize) -> Option<Cue> {
        let t = self.t;
        let g = t.gap(i);
        let gt = g.trim_matches([' ', '\t', '\u{a0}']);
        if i == 0 {
            return dash_cue(g, true);
        }
        let p = i - 1;
        let pl = t.lc(p);
        let same_line = !g.contains('\n');
        // Titles: "Dr. Lynch", "Mrs Vega"; not "12 Oak Dr. Springfield", not "MX passport".
        if t.is(p, class::TITLE) && is_initial_join(g) && !self.street_suffix(p) {
            let upper_before_lower = t.shape(p) == Shape::Upper && t.shape(i) == Shape::Lower;
            let bare_mx = pl == "mx" && !g.starts_with('.');
            if !upper_before_lower && !bare_mx {
                return Some(Cue::Title);
            }
            return None;
        }
        // Field labels: "Patient: ...", "Account holder: ...".
        // (A colon glued to both words is a code: "CC:DB:B2".)
        // "Patient Name - Ana Ruiz": a label at the start of its line may end with a dash.
        let line_start = |k: usize| k == 0 || t.gap(k).contains('\n');
        let dash_label = matches!(gt, "-" | "\u{2013}" | "\u{2014}")
            && is_space(g.split(['-', '\u{2013}', '\u{2014}']).next().unwrap_or(""))
            && (pl == "name" || t.is(p, class::PERSON_LABEL))
            && (line_start(p) || (p > 0 && line_start(p - 1)));
        if (gt == ":" && g != ":" || dash_label) && newlines(g) <= 1 {
            // "Name on card:", "Name on account:".
            let name_on = p >= 2 && t.lc(p - 1) == "on" && t.lc(p - 2) == "name";
            if pl == "name" || name_on {
                let q = if p == 0 || t.gap(p).contains('\n') || name_on { "" } else { t.lc(p - 1) };
                return Some(if q.is_empty() || words::is_name_qualifier(q) {
                    Cue::Strong(0.85)
                } else {
                    Cue::Weak(0.7)
                });
            }
            if t.is(p, class::PERSON_LABEL | class::RELATIVE | class::SPEAKER_ROLE) {
                return Some(Cue::Strong(0.85));
            }
            if t.is(p, class::AMBIGUOUS_LABEL) {
                return Some(Cue::Weak(0.75));
            }
            return None;
        }
        // Sign-offs: "Regards,\nMarissa", "Thank you,\n\nJo".
        let signoff = t.is(p, class::SIGNOFF) || (pl == "you" && p > 0 && t.lc(p - 1) == "thank");
        if signoff
            && !same_line
            && newlines(g) <= 2
            && matches!(gt.trim_matches(['\n', '\r', ' ']), "," | "" | "-" | "--")
        {
            return Some(Cue::Strong(0.85));
        }
        if same_line {
            let plain = gt.is_empty();
            let comma = matches!(gt, "," | ",-" | ", -" | ", --" | "-" | "--" | "\u{2014}" | ", \u{2014}");
            // Relatives: "his wife Maria", "daughter, Emma".
            if t.is(p, class::RELATIVE) && (plain || gt == "," || gt == "(") {
                return Some(Cue::Strong(0.8));
            }
            // Greetings: "Dear Maria", "Hi Tom", "Thanks, Joshua", "Thank you Maureen".
            if (plain || comma)
                && (t.is(p, class::GREETING) || (pl == "you" && p > 0 && t.lc(p - 1) == "thank"))
            {
                return Some(Cue::Strong(0.8));
            }
            if plain {
                // "signed by", "Reviewed by"; a bare "by" is weaker.
                if pl == "by" {
                    let q = if p > 0 { t.lc(p - 1) } else { "" };
                    return Some(if words::is_by_verb(q) { Cue::Strong(0.85) } else { Cue::Weak(0.7) });
                }
                if t.is(p, class::SPEAKER_ROLE) {
                    return Some(Cue::Speaker);
                }
                if t.is(p, class::ROLE_NOUN) {
                    return Some(Cue::Weak(0.75));
                }
                if let Some(cue) = self.intro_cue(p) {
                    return Some(cue);
                }
            }
        }
        dash_cue(g, false)
    }

    /// "my name is", "this is", "it's", "I'm", "call me", "referring", "spoke with".
    fn intro_cue(&self, p: usize) -> Option<Cue> {
        let t = self.t;
        let pl = t.lc(p);
        let q = if p > 0 && is_join(t.gap(p)) { t.lc(p - 1) } else { "" };
        // "it's" and "name's" are read as a possessive "it" / "name".
        let possessive = t.tok(p).is_some_and(Tok::possessive);
        let intro = match pl {
            "it" | "name" if possessive => true,
            "is" => matches!(q, "name" | "this"),
            "it's" | "i'm" | "im" | "named" | "name's" | "it\u{2019}s" | "i\u{2019}m" => true,
            "am" => q == "i",
            "me" => q == "call",
            _ => false,
        };
        if intro {
            return Some(Cue::Weak(0.75));
        }
        let verb = matches!(
            pl,
            "referring" | "referred" | "refer" | "paged" | "notified" | "contacted" | "consulted" | "per"
        ) || (matches!(pl, "with" | "to")
            && matches!(
                q,
                "spoke" | "speak" | "spoken" | "talked" | "talk" | "met" | "discussed" | "consulted"
            ));
        verb.then_some(Cue::Weak(0.7))
    }

    /// `Dr`/`St` after a house number and a street name on the same line: "12 Oak Dr. Springfield".
    fn street_suffix(&self, p: usize) -> bool {
        let t = self.t;
        if !matches!(t.lc(p), "dr" | "st") || p == 0 || t.shape(p - 1) != Shape::Title || !is_space(t.gap(p))
        {
            return false;
        }
        let mut k = p - 1;
        for _ in 0..3 {
            if k == 0 || t.gap(k).contains('\n') {
                return false;
            }
            k -= 1;
            if t.raw(k).starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
        }
        false
    }

    /// Parses the run of name words starting at token `i`.
    fn parse_run(&self, i: usize, cue: Option<Cue>) -> Option<Run> {
        let t = self.t;
        let mut run = Run { first: i, last: i, next: i + 1, ..Run::default() };
        let mut k = i;
        let mut after_initial = false;
        // At most four name words and a few initials or particles: a run is short.
        while k < t.len() && run.parts.len() < 4 && k - i < MAX_RUN_TOKENS {
            if k > i {
                let g = t.gap(k);
                if !(if after_initial { is_initial_join(g) } else { is_join(g) }) {
                    break;
                }
            }
            let lc = t.lc(k);
            let shape = t.shape(k);
            let gap_after = t.gap(k + 1);
            let next_shape = t.shape(k + 1);
            // Initials: "J.", "J.R.", a middle "T" between two names, "samuel l. jones".
            let capital_initial = shape == Shape::Initial
                && (gap_after.starts_with('.') || (!t.is(k, class::STOP) && is_join(gap_after)))
                && matches!(next_shape, Shape::Initial | Shape::Title | Shape::Upper);
            let lower_initial = run.style == Some(Shape::Lower)
                && shape == Shape::Lower
                && lc.len() == 1
                && gap_after.starts_with(". ")
                && next_shape == Shape::Lower;
            if capital_initial || lower_initial {
                after_initial = true;
                k += 1;
                continue;
            }
            after_initial = false;
            // Particles inside a name: "de la Cruz", "van der Berg".
            if (!run.parts.is_empty() || cue.is_some())
                && t.is(k, class::PARTICLE)
                && matches!(shape, Shape::Lower | Shape::Title | Shape::Initial)
                && is_join(gap_after)
                && matches!(next_shape, Shape::Title | Shape::Upper | Shape::Lower | Shape::Initial)
            {
                k += 1;
                continue;
            }
            if !run.parts.is_empty() && shape != Shape::Lower && (t.is(k, class::ORG_WORD) || org_like(lc)) {
                run.org_follows = true;
                break;
            }
            if !run.parts.is_empty() && t.is(k, class::EPONYM_NOUN) {
                run.eponym_follows = true;
                break;
            }
            if !self.name_word(k, &run, cue) {
                break;
            }
            if run.style.is_none() {
                run.style = Some(shape);
            }
            run.parts.push(k);
            run.last = k;
            k += 1;
            if t.tok(run.last).is_some_and(Tok::possessive) {
                break;
            }
        }
        run.next = k.max(i + 1);
        run.parts.first()?;
        // An organization or eponym word right after the run.
        if !run.org_follows && !run.eponym_follows {
            let n = run.last + 1;
            if is_join(t.gap(n)) {
                run.org_follows =
                    (t.is(n, class::ORG_WORD) || org_like(t.lc(n))) && t.shape(n) != Shape::Lower;
                run.eponym_follows = t.is(n, class::EPONYM_NOUN);
            }
        }
        Some(run)
    }

    /// May token `k` be a name word of `run`?
    fn name_word(&self, k: usize, run: &Run, cue: Option<Cue>) -> bool {
        let t = self.t;
        let lc = t.lc(k);
        let shape = t.shape(k);
        let first = run.parts.is_empty();
        if t.is(k, class::TITLE) || (t.is(k, class::CREDENTIAL) && shape != Shape::Title) {
            return false;
        }
        // "Son Albert Barrett", "Co-signer Ana Ruiz": a cue word is not the start of a name.
        if first && cue != Some(Cue::Title) && t.is(k, class::CUE_WORD) {
            return false;
        }
        // "Smith May 3": a month before a day number.
        if !first && t.is(k, class::MONTH) && t.raw(k + 1).starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        if t.is(k, class::STOP) {
            // "Dr. Good", "Mr. Page", "Patient: John Best   DOB": known surnames that are also
            // ordinary words, right after a title or at the end of a field.
            let allowed = shape == Shape::Title
                && self.known(k)
                && ((first && cue == Some(Cue::Title))
                    || (!first
                        && self.clean_end(k)
                        && run.parts.first().is_some_and(|&f| self.info(f).strong_first())));
            if !allowed {
                return false;
            }
        }
        match (run.style, shape) {
            (None, Shape::Title | Shape::Upper) => true,
            (Some(Shape::Title), Shape::Title) | (Some(Shape::Upper), Shape::Upper) => true,
            // "John SMITH": a capitalized surname inside a Title-case name.
            (Some(Shape::Title), Shape::Upper) => self.known(k),
            (None, Shape::Lower) | (Some(Shape::Lower), Shape::Lower) => {
                if cue.is_some() {
                    // Judged as a whole in `accept` and `trim_lower`; "calling", "writing" are
                    // not names.
                    return !(first && lc.len() > 5 && lc.ends_with("ing") && !self.known(k));
                }
                let info = self.info(k);
                if first {
                    info.first
                } else {
                    info.last || info.first
                }
            }
            _ => false,
        }
    }

    /// A lowercase run that does not end a field keeps only its known trailing words:
    /// "my daughter emma needs a refill" → "emma". False when nothing is left.
    fn trim_lower(&self, run: &mut Run) -> bool {
        // "referring kelli atkins": leading words before a known first name go.
        while let [head, tail @ ..] = run.parts.as_slice() {
            if tail.is_empty() || self.info(*head).first || !tail.iter().any(|&k| self.info(k).strong_first())
            {
                break;
            }
            run.parts.remove_first();
            run.first = run.parts.first().copied().unwrap_or(run.first);
        }
        if self.clean_end(run.last) || self.post_cue(run).is_some() {
            return true;
        }
        while run.parts.len() > 1 {
            let Some(&last) = run.parts.last() else { break };
            if self.info(last).strong() {
                break;
            }
            run.parts.pop();
        }
        match run.parts.last() {
            Some(&last) => {
                run.last = last;
                true
            }
            None => false,
        }
    }

    /// Reads `LAST, FIRST [M.]` from a one-word run followed by ", ".
    fn last_first(&self, run: &Run) -> Option<Run> {
        let t = self.t;
        if run.parts.len() != 1 || run.first != run.last || t.tok(run.last).is_some_and(Tok::possessive) {
            return None;
        }
        let style = run.style?;
        if !matches!(style, Shape::Title | Shape::Upper) || !matches!(t.gap(run.last + 1), ", " | ",") {
            return None;
        }
        let mut lf = run.clone();
        let mut k = run.last + 1;
        let mut after_initial = false;
        let mut given = 0;
        while k < t.len() && given < 2 && k - run.last < MAX_RUN_TOKENS {
            if k > run.last + 1 {
                let g = t.gap(k);
                if !(if after_initial { is_initial_join(g) } else { is_join(g) }) {
                    break;
                }
            }
            let shape = t.shape(k);
            if shape == Shape::Initial && given > 0 && !t.is(k, class::STOP) {
                after_initial = true;
                lf.last = k;
                k += 1;
                continue;
            }
            after_initial = false;
            if shape != style || t.is(k, class::STOP) || t.is(k, class::CREDENTIAL) || t.is(k, class::TITLE) {
                break;
            }
            if t.is(k, class::ORG_WORD) || t.is(k, class::EPONYM_NOUN) || t.is(k, class::STATE_NAME) {
                return None;
            }
            lf.parts.push(k);
            lf.last = k;
            given += 1;
            k += 1;
            if t.tok(k - 1).is_some_and(Tok::possessive) {
                break;
            }
        }
        // "Reyes, Benton and Marsh" names a firm.
        let rest = t.rest(lf.last);
        if given == 0 || [" and ", " & ", " und ", ", and "].iter().any(|c| rest.starts_with(c)) {
            return None;
        }
        lf.last_first = true;
        lf.next = k;
        Some(lf)
    }

    /// The score of `run` in its context, or `None` when nothing vouches for it.
    fn accept(&self, run: &Run, cue: Option<Cue>) -> Option<f32> {
        let t = self.t;
        let style = run.style?;
        let first_part = *run.parts.first()?;
        // A lone capitalized word with nothing around it (a sentence start, a heading) is not
        // a name: decided before any lexicon lookup.
        if cue.is_none()
            && run.parts.len() == 1
            && !run.last_first
            && !self.whole_input(run)
            && self.post_cue(run).is_none()
        {
            return None;
        }
        // What the lists know about the name words, looked up only when an answer needs it
        // (a title or a label decides without them).
        let infos_cell = std::cell::OnceCell::new();
        let parts = || {
            let infos = infos_cell.get_or_init(|| {
                let mut infos = [NameInfo::default(); 6];
                for (slot, &k) in infos.iter_mut().zip(run.parts.iter()) {
                    *slot = self.info(k);
                }
                infos
            });
            infos.get(..run.parts.len()).unwrap_or(&[])
        };
        let p0 = || parts().first().copied().unwrap_or_default();
        // Evidence after the run is looked at only when it can change the answer.
        let post_cell = std::cell::OnceCell::new();
        let post = || *post_cell.get_or_init(|| self.post_cue(run));
        let titled = cue == Some(Cue::Title);
        let colon_follows = t.gap(run.last + 1).starts_with(':');
        let strongish =
            titled || matches!(cue, Some(Cue::Strong(_))) || (cue == Some(Cue::Speaker) && colon_follows);
        if run.eponym_follows || (self.eponym(run) && !titled) {
            return None;
        }
        if (run.org_follows && !titled) || (self.org_pair(run) && !strongish && post().is_none()) {
            return None;
        }
        if !strongish && (t.is(first_part, class::PLACE_PREFIX) || self.after_number(run.first)) {
            return None;
        }
        let any_strong = || parts().iter().any(|p| p.strong());
        let any_known = || parts().iter().any(|p| p.first || p.last);
        let any_common = || parts().iter().any(|p| p.common);
        let single = run.parts.len() == 1;
        let cue_score = if style == Shape::Lower {
            let clean = self.clean_end(run.last) || post().is_some();
            match cue {
                Some(Cue::Title) => (!p0().common || clean).then_some(0.8),
                Some(Cue::Speaker) if colon_follows => Some(0.9),
                Some(Cue::Speaker) => p0().strong_first().then_some(0.65),
                Some(Cue::Strong(s)) => (post().is_some()
                    || p0().strong_first()
                    || (clean && (!single || p0().strong() || p0().first)))
                    .then_some(s - 0.1),
                Some(Cue::Dash) => (p0().first && self.ends_line(run.last)).then_some(0.65),
                Some(Cue::Weak(s)) => (post().is_some()
                    || (p0().strong_first() && (clean || single))
                    || (clean && !single && any_known()))
                .then_some(s - 0.1),
                None => None,
            }
        } else {
            match cue {
                Some(Cue::Title) => Some(0.95),
                Some(Cue::Speaker) if colon_follows => Some(0.9),
                Some(Cue::Speaker) => any_strong().then_some(0.7),
                Some(Cue::Strong(s)) => {
                    // "Patient: Denies chest pain": after a label, one unknown capitalized word
                    // that runs on into lowercase prose is the start of a sentence.
                    let label = t.gap(run.first).contains(':');
                    let prose = single
                        && is_join(t.gap(run.last + 1))
                        && t.shape(run.last + 1) == Shape::Lower
                        && !any_known();
                    (!(label && prose)).then_some(s)
                }
                Some(Cue::Dash) => {
                    (self.ends_line(run.last) && (!any_common() || p0().first)).then_some(0.75)
                }
                Some(Cue::Weak(s)) => {
                    if any_strong() {
                        Some(s)
                    } else if !single && (!any_common() || p0().first) {
                        Some(0.6)
                    } else if single
                        && !any_common()
                        && self.clean_end(run.last)
                        && !self.sentence_start(run.first)
                    {
                        Some(0.55)
                    } else {
                        None
                    }
                }
                None => None,
            }
        };
        let best = cue_score.or_else(|| self.list_score(run, parts()));
        if best.is_some_and(|s| s >= 0.9) {
            return best;
        }
        [best, post()].into_iter().flatten().reduce(f32::max)
    }

    /// Evidence after the run: a credential (`, MD`), a birth date (`, DOB`, `(born`, `, 01/04/1980`).
    fn post_cue(&self, run: &Run) -> Option<f32> {
        let t = self.t;
        let n = run.last + 1;
        let g = t.gap(n);
        if t.is(n, class::CREDENTIAL) && matches!(g, " " | ", " | ",") && t.shape(n) != Shape::Lower {
            // "Baltimore, MD 21201" and "Erie, PA" are places.
            let zip = t.raw(n + 1).len() == 5 && t.raw(n + 1).bytes().all(|b| b.is_ascii_digit());
            let state_like = matches!(t.lc(n), "md" | "pa" | "de" | "co" | "ok" | "or" | "in") && g != " ";
            let single_unknown = run.parts.len() == 1 && !run.parts.first().is_some_and(|&k| self.known(k));
            if !(zip || state_like && single_unknown) {
                return Some(0.9);
            }
        }
        let rest = t.rest(run.last);
        // Nothing below can match unless the run is followed by " (" or by one of the
        // separators trimmed next (most runs: a space and a word, or the end).
        match rest.as_bytes() {
            [b' ', b'(', ..] | [b',' | b'(' | b';' | b'-' | 0xe2, ..] => {}
            _ => return None,
        }
        let cue = rest.trim_start_matches([' ', ',', '(', ';', '-', '\u{2014}']);
        let separated = (cue.len() < rest.len() && !rest.starts_with(' ')) || rest.starts_with(" (");
        if separated && is_birth_cue(cue) {
            return Some(0.85);
        }
        if rest.starts_with(", ") && is_date_start(cue) {
            return Some(0.8);
        }
        None
    }

    /// Evidence from the census lists alone.
    fn list_score(&self, run: &Run, parts: &[NameInfo]) -> Option<f32> {
        let style = run.style?;
        let first = *parts.first()?;
        let last = *parts.last()?;
        let whole = self.whole_input(run);
        if parts.len() == 1 {
            // A value that is nothing but a known name ("Quintana" in a record field); not a
            // double-barrelled "Scott-Summers" (more often a firm) nor a state code ("MI").
            let raw = self.t.raw(run.last);
            let plain = !raw.contains('-') && raw.chars().count() >= 3;
            return (whole && plain && style != Shape::Lower && first.strong()).then_some(0.6);
        }
        if run.last_first {
            // "Meyers, Angela", "QUINTANA, IRENE", "Roberts, Mark", "Chauvet, Gérard;".
            let given = *parts.get(1)?;
            let field_end = !self.t.rest(run.last).starts_with(", ") && self.clean_end(run.last);
            let ok =
                (given.strong_first() && !first.common && (first.last || style == Shape::Upper || field_end))
                    || (given.first && first.strong_last());
            return (ok && style != Shape::Lower).then_some(0.7);
        }
        let later_strong_last = parts.iter().skip(1).any(|p| p.strong_last());
        match style {
            // "jessica bell;": a field-like end lets an ordinary-word surname count.
            Shape::Lower => (parts.len() == 2
                && ((first.first && last.strong_last())
                    || (first.strong_first() && last.last && self.clean_end(run.last))))
            .then_some(0.6),
            // ALLCAPS: headings are ALLCAPS too, so both words must look like a name's.
            Shape::Upper if parts.len() > 3 || run.parts.iter().any(|&k| self.t.raw(k).len() < 3) => None,
            Shape::Upper if first.strong_first() && (!last.common || whole || self.clean_end(run.last)) => {
                Some(0.65)
            }
            Shape::Upper => (first.first && later_strong_last).then_some(0.65),
            _ if first.strong_first() && later_strong_last => Some(0.8),
            _ if first.strong_first() && (!last.common || whole || self.clean_end(run.last)) => Some(0.65),
            // "Mark Davis", "Will Smith".
            _ if first.first && later_strong_last => Some(0.65),
            // "Espartaco Borrego".
            _ if !first.common && last.strong_last() && (whole || !self.sentence_start(run.first)) => {
                Some(0.55)
            }
            _ => None,
        }
    }

    /// True when the run is the whole input (a record field holding a name).
    fn whole_input(&self, run: &Run) -> bool {
        let t = self.t;
        run.first == 0
            && run.last + 1 == t.len()
            && t.gap(0).trim().is_empty()
            && t.rest(run.last).trim().trim_end_matches('.').is_empty()
    }

    /// A run right after a number on the same line: a street name ("025 Adam Via").
    fn after_number(&self, first: usize) -> bool {
        // The digit first: it is one byte to look at.
        first > 0
            && self
                .t
                .tok(first - 1)
                .and_then(|t| self.t.text.as_bytes().get(t.start))
                .is_some_and(u8::is_ascii_digit)
            && is_space(self.t.gap(first))
    }

    /// "Parkinson's", "Crohn's": a possessive eponym.
    fn eponym(&self, run: &Run) -> bool {
        let t = self.t;
        t.tok(run.last).is_some_and(Tok::possessive) && eponym_lc(t, run.last)
    }

    /// "Wells Fargo", "Johns Hopkins".
    fn org_pair(&self, run: &Run) -> bool {
        let t = self.t;
        let first = run.parts.first().copied().unwrap_or(run.first);
        let (a, b) = (t.lc(first), t.lc(first + 1));
        (is_join(t.gap(first + 1)) && words::is_org_pair(a, b))
            || (first > 0 && is_join(t.gap(first)) && words::is_org_pair(t.lc(first - 1), a))
    }
}

/// Words shaped like an organization's or a department's: "Diagnostics", "Cardiology",
/// "Biotech", "Homecare".
fn org_like(lc: &str) -> bool {
    // The last letters of the suffixes first: most words end otherwise.
    lc.len() > 5
        && matches!(lc.as_bytes().last(), Some(b's' | b'y' | b'e' | b'h' | b'a' | b'p' | b't'))
        && ["ics", "ology", "care", "tech", "pharma", "ware", "corp", "soft"].iter().any(|s| lc.ends_with(s))
}

/// "- Sandra", "-- Jack", "— Dr. Ruiz": a dash sign-off at the start of a line or after a
/// sentence.
fn dash_cue(gap: &str, at_start: bool) -> Option<Cue> {
    let g = gap.trim_end_matches([' ', '\t', '\u{a0}']);
    let before = g.trim_end_matches(['-', '\u{2013}', '\u{2014}']);
    if before.len() == g.len() || g.len() - before.len() > 6 {
        return None;
    }
    let before = before.trim_end_matches([' ', '\t', '\u{a0}']);
    let clean = (at_start && before.trim().is_empty()) || before.ends_with(['\n', '.', '!', '?', ',']);
    clean.then_some(Cue::Dash)
}

// ------------------------------------------------------------------------------ mentions

/// How one found name part may be mentioned again.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Part {
    score: f32,
    /// The part is also an ordinary word: alone it counts only as `Mr./Dr. Part`.
    common: bool,
    /// It was written in lowercase, so lowercase mentions count too.
    lowercase: bool,
}

/// Finds the other mentions of the names already found in `text`: a first name or surname
/// alone, in the cases it could be written in (`Irene`, `IRENE`; lowercase only when the name
/// was found in lowercase), a surname after a title, and a part written next to a found name
/// ("charles lamb" once "Mr. Lamb" is known). Ordinary-word parts ("Will", "Grant") alone count
/// only after a title; eponyms, organizations and words glued into e-mail addresses or other
/// tokens never do. New findings do not overlap existing ones; `findings` stays sorted by start.
/// The tokens are the haystack's, shared with the first pass.
pub(crate) fn add_mentions(hay: &Haystack<'_>, findings: &mut Vec<Finding>, keep: &dyn Fn(&Finding) -> bool) {
    if !findings.iter().any(|f| f.entity == EntityKind::Person) {
        return;
    }
    let text = hay.text;
    let t = hay.person_tokens();
    let mut parts = found_parts(t, findings);
    if parts.is_empty() {
        return;
    }
    parts.sort_by(|a, b| a.0.cmp(b.0));
    parts.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1.score = a.1.score.max(b.1.score);
            a.1.common |= b.1.common;
            a.1.lowercase |= b.1.lowercase;
        }
        same
    });
    // The first bytes and lengths of the parts: most tokens are ruled out without a search.
    let mut first_bytes = [0u64; 4];
    let mut lengths = 0u64;
    for (p, _) in &parts {
        let b = usize::from(p.as_bytes().first().copied().unwrap_or(0));
        if let Some(word) = first_bytes.get_mut(b / 64) {
            *word |= 1 << (b % 64);
        }
        lengths |= 1 << p.len().min(63);
    }
    let may_be_part = |lc: &[u8]| {
        let b = usize::from(lc.first().copied().unwrap_or(0));
        lengths & (1 << lc.len().min(63)) != 0
            && first_bytes.get(b / 64).is_some_and(|w| w & (1 << (b % 64)) != 0)
    };
    let is_person =
        |c: Option<usize>| c.and_then(|i| findings.get(i)).is_some_and(|f| f.entity == EntityKind::Person);
    let mut added: Vec<Finding> = Vec::new();
    // Which finding covers each token, found by one pointer walking the sorted, disjoint
    // findings (and the token before's, kept from the previous step).
    let mut f = 0;
    let mut prev_cover = None;
    for (k, tok) in t.toks.iter().enumerate() {
        let cover = covering(findings, &mut f, tok);
        let cover_before = std::mem::replace(&mut prev_cover, cover);
        if cover.is_some() {
            continue;
        }
        // The shape first: it is free, the look-up of the part is a binary search.
        if !matches!(tok.shape, Shape::Title | Shape::Upper | Shape::Lower) {
            continue;
        }
        // The bytes of the lowercase form first (no UTF-8 boundary checks for the filter).
        if !may_be_part(t.lower.as_bytes().get(tok.lo.0..tok.lo.1).unwrap_or(&[])) {
            continue;
        }
        let lc = t.lc(k);
        let Some(&(_, part)) = parts.binary_search_by(|(p, _)| (*p).cmp(lc)).ok().and_then(|i| parts.get(i))
        else {
            continue;
        };
        if glued(text, tok.start, tok.full_end) {
            continue;
        }
        // Right next to a found name: "charles lamb", "PERSON Day".
        let cover_after = || {
            let mut g = f;
            t.toks.get(k + 1).and_then(|next| covering(findings, &mut g, next))
        };
        let beside = (k > 0 && is_join(t.gap(k)) && is_person(cover_before))
            || (is_join(t.gap(k + 1)) && is_person(cover_after()));
        if !beside {
            let case_ok = tok.shape != Shape::Lower || part.lowercase;
            let titled = k > 0 && t.is(k - 1, class::TITLE) && is_initial_join(t.gap(k));
            if !case_ok || (part.common && !titled) {
                continue;
            }
            let next = t.lc(k + 1);
            let joined_next = is_join(t.gap(k + 1));
            let org_next = t.is(k + 1, class::ORG_WORD) && t.shape(k + 1) != Shape::Lower;
            if firm_chain(t, k)
                || (tok.possessive() && eponym_lc(t, k))
                || (joined_next
                    && (t.is(k + 1, class::EPONYM_NOUN) || org_next || words::is_org_pair(t.lc(k), next)))
                || (k > 0 && is_join(t.gap(k)) && words::is_org_pair(t.lc(k - 1), t.lc(k)))
            {
                continue;
            }
        }
        let candidate = Finding::new(EntityKind::Person, tok.start, tok.end, part.score, false);
        if !keep(&candidate) {
            continue;
        }
        // "Irene Quintana" mentioned again becomes one finding.
        match added.last_mut() {
            Some(prev) if text.get(prev.end..tok.start).is_some_and(is_join) => {
                prev.end = tok.end;
                prev.score = prev.score.max(part.score);
            }
            _ => added.push(candidate),
        }
    }
    if !added.is_empty() {
        findings.extend(added);
        findings.sort_by_key(|f| f.start);
    }
}

/// The name parts of the PERSON findings (sorted and disjoint, as `add_mentions` gets them):
/// each name-shaped word inside one, with the finding's score, in text order.
fn found_parts<'t>(t: &'t Tokens<'_>, findings: &[Finding]) -> Vec<(&'t str, Part)> {
    // Name parts found, merged and sorted once collected (a sorted list: no hashing of input).
    // The findings are sorted and disjoint, so the tokens inside a PERSON finding are found
    // from its start by a binary search.
    let mut parts: Vec<(&'t str, Part)> = Vec::new();
    for finding in findings.iter().filter(|f| f.entity == EntityKind::Person) {
        let first = t.toks.partition_point(|tok| tok.start < finding.start);
        for (k, tok) in t.toks.iter().enumerate().skip(first) {
            if tok.start >= finding.end {
                break;
            }
            let lc = t.lc(k);
            if tok.end <= finding.end
                && matches!(tok.shape, Shape::Title | Shape::Upper | Shape::Lower)
                && lc.chars().count() >= 2
                && !t.is(k, class::STOP)
                && !t.is(k, class::PARTICLE)
                && !t.is(k, class::TITLE)
                && !t.is(k, class::CREDENTIAL)
            {
                let common = t.info(k).common || eponym_lc(t, k);
                parts.push((lc, Part { score: finding.score, common, lowercase: tok.shape == Shape::Lower }));
            }
        }
    }
    parts
}

/// The index of the finding that overlaps token `tok`, if any; `f` walks the sorted, disjoint
/// `findings` forward (tokens are asked in order).
fn covering(findings: &[Finding], f: &mut usize, tok: &Tok) -> Option<usize> {
    while findings.get(*f).is_some_and(|x| x.end <= tok.start) {
        *f += 1;
    }
    findings.get(*f).filter(|x| x.start < tok.full_end).map(|_| *f)
}

/// True when the folded lowercase form of token `k` is an eponym ("parkinson"). A plain ASCII
/// word folds to itself, so its class bits (looked up while cutting) answer.
fn eponym_lc(t: &Tokens<'_>, k: usize) -> bool {
    let lc = t.lc(k);
    if lc.bytes().all(|b| b.is_ascii_lowercase()) {
        return t.is(k, class::EPONYM);
    }
    words::fold(lc).is_some_and(|w| words::is_eponym(&w))
}

/// "Smith and Sons", "Nichols, Thompson and Friedman": surnames in a firm's name.
fn firm_chain(t: &Tokens<'_>, k: usize) -> bool {
    let and = |i: usize| matches!(t.lc(i), "and" | "&") || t.gap(i + 1).trim() == "&";
    let title = |i: usize| matches!(t.shape(i), Shape::Title | Shape::Upper);
    // Followed by "and Sons", "& Co", "and Associates".
    let and_next = (t.gap(k + 1).trim() == "&" && t.is(k + 1, class::ORG_WORD))
        || (and(k + 1) && is_join(t.gap(k + 1)) && t.is(k + 2, class::ORG_WORD));
    // Three capitalized words joined by ", " and "and": "A, B and C".
    let comma = |i: usize| t.gap(i) == ", ";
    let chain_after = comma(k + 1) && title(k + 1) && and(k + 2) && title(k + 3);
    let chain_mid = k > 0 && comma(k) && title(k - 1) && and(k + 1) && title(k + 2);
    let chain_end = k > 2 && and(k - 1) && title(k - 2) && comma(k - 2) && title(k - 3);
    and_next || chain_after || chain_mid || chain_end
}

/// True when the word at `start..end` is part of a larger token: an e-mail address, a handle,
/// a path or a dotted identifier (`irene.q@…`, `@irene`, `/irene/`).
fn glued(text: &str, start: usize, end: usize) -> bool {
    let mut back = text.get(..start).unwrap_or("").chars().rev();
    let (before, before2) = (back.next(), back.next());
    let mut ahead = text.get(end..).unwrap_or("").chars();
    let (after, after2) = (ahead.next(), ahead.next());
    let glue = |c: Option<char>| matches!(c, Some('@' | '_' | '/' | '\\' | '=' | '#'));
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    glue(before)
        || glue(after)
        || word(before)
        || word(after)
        || (matches!(before, Some('.' | '-' | '+' | ':')) && word(before2))
        || (matches!(after, Some('.' | '-' | '+' | ':')) && word(after2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, found, random_texts};

    fn names(text: &str) -> Vec<String> {
        found(&Person::new(), text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn table() {
        check_table(
            &Person::new(),
            EntityKind::Person,
            &[
                // Titles (the title stays outside), initials, hyphens, particles, diacritics.
                ("Seen today by Dr. Lynch for follow-up.", "Lynch"),
                ("Prescriptions signed by Dr. A. Luna (DEA on file)", "A. Luna"),
                ("cc: Dr. J.R. Whitfield", "J.R. Whitfield"),
                ("Mrs. Mary-Kate O'Neil was admitted", "Mary-Kate O'Neil"),
                ("Patient: Mr. Aaron Kramer   DOB: 1964", "Aaron Kramer"),
                ("Attending: Dr. Good    PCP: Dr. Miller", "Good"),
                ("Referred to Prof. Maria de la Cruz.", "Maria de la Cruz"),
                ("Ms. Núñez reports less pain.", "Núñez"),
                ("Consult with Dr. Pieter van der Berg tomorrow", "Pieter van der Berg"),
                ("Mr. Herring's coverage ends in May.", "Herring"),
                ("Sister Mary Agnes visited.", "Mary Agnes"),
                // Labels.
                ("Beneficiary: Gail Malone, 7390 Johnson Ct", "Gail Malone"),
                ("Account holder: Terrence Okafor\nRouting: 0210", "Terrence Okafor"),
                ("Applicant: Ngozi Adeyemi-Clarke", "Ngozi Adeyemi-Clarke"),
                ("Cardholder: BRIAN THOMPSON-WERNER", "BRIAN THOMPSON-WERNER"),
                ("Attending: Samaksh Kala, MD    PCP: none", "Samaksh Kala"),
                ("Name: Meyers, Angela    MRN 3538850", "Meyers, Angela"),
                ("Electronically signed by Sankaran, Ira MD", "Sankaran, Ira"),
                ("Reviewed by Estela Fuentes", "Estela Fuentes"),
                ("Referred by: Dr. Osei", "Osei"),
                ("Customer: Espartaco Borrego, 01/04/2004", "Espartaco Borrego"),
                ("Co-signer Rafael Ortiz pending review", "Rafael Ortiz"),
                // Greetings, sign-offs, introductions.
                ("Dear Maria,\nYour results are in.", "Maria"),
                ("Hi Tom, your card ships today.", "Tom"),
                ("Thanks Irene, the decline was flagged.", "Irene"),
                ("Thank you Maureen. Which card is it?", "Maureen"),
                ("Please call me.\nRegards,\nMarissa Jimenez", "Marissa Jimenez"),
                ("Sincerely,\n\nCarla Ramos, NP\nNPI 1234567893", "Carla Ramos"),
                ("Thanks, -- Jack", "Jack"),
                ("I verified the login. - Sandra", "Sandra"),
                ("Hello,\nMy name is Danielle K. Campbell, date of birth 3/4/61", "Danielle K. Campbell"),
                ("Hi, I'm Daniel Kim from accounts.", "Daniel Kim"),
                ("it's Michelle Bowen, date of birth on file", "Michelle Bowen"),
                ("Hi, this is QUINTANA, IRENE. Call me back.", "QUINTANA, IRENE"),
                ("This is Xaver.", "Xaver"),
                // Relatives and chat speakers.
                ("Accompanied by her husband Joe Fry, who can be reached", "Joe Fry"),
                ("Also, my daughter, Emma (born 2011) needs a refill", "Emma"),
                ("[10:32 AM] Agent Jimmy: Sorry to hear that", "Jimmy"),
                ("[0858 hrs] agent pamela: i also see a charge", "pamela"),
                // Lowercase text with known names.
                ("i am referring kelli atkins-leblanc (DOB 4/20/1960)", "kelli atkins-leblanc"),
                ("dear dr. sanchez, thanks", "sanchez"),
                // The lists alone.
                ("Corrected claim for Irene Quintana; prior auth attached", "Irene Quintana"),
                ("Called Maria Lopez about the refill.", "Maria Lopez"),
                ("Card held by ROBERT CONTRERAS since 2019", "ROBERT CONTRERAS"),
                ("Verified with Enrique L. Gaytán by phone", "Enrique L. Gaytán"),
                ("Matthew May", "Matthew May"),
                ("Quintana", "Quintana"),
                ("Dolores MD", "Dolores"),
                // Lowercase names after a strong cue that ends a field.
                ("My name is gianfranco ruffoli, date of birth 03/13/1936.", "gianfranco ruffoli"),
                ("[5:27 PM] Customer: christian martin, Oct 24, 1974", "christian martin"),
                ("Name: april kaiser    Medical Record Number: 437", "april kaiser"),
                ("Also, my daughter dhriti (born 10/16/1972) needs a refill", "dhriti"),
                ("this is samuel l. barnett-jones, date of birth jan 5, 1969", "samuel l. barnett-jones"),
                ("dear dr. green,\nit's me", "green"),
                ("Patient: Jacob Best   D.O.B.: 06/09/1990", "Jacob Best"),
                ("Customer: Mark Hall, Aug 10, 1958", "Mark Hall"),
                ("Mr. Bell's coverage: Policy #8837348", "Bell"),
                ("Sincerely,\nEdward Jones, MD\nNPI 2669814933", "Edward Jones"),
                ("Temp 97.2 F. Son Albert Barrett (555-0100) will help.", "Albert Barrett"),
                ("Income verified. Co-signer Umberto Fornaciari pending.", "Umberto Fornaciari"),
                ("Mrs. de Báth seen for follow-up.", "de Báth"),
                ("it's jyoti bhardwaj, date of birth august 24, 1950", "jyoti bhardwaj"),
                ("Resubmission for William May; prior claim", "William May"),
                ("Corrected claim for jessica bell; prior claim", "jessica bell"),
                ("Appeal for Chauvet, Gérard; prior claim", "Chauvet, Gérard"),
                ("Appeal for Roberts, Mark; prior claim", "Roberts, Mark"),
                ("I verified the last login. - Angel", "Angel"),
                ("thank you ruby. which card is it?", "ruby"),
                ("CHRISTINA BISHOP", "CHRISTINA BISHOP"),
                ("Follow-up with Dr. de la Rosa in 2 weeks.", "de la Rosa"),
                ("Per wife (Linda), pt fell at home.", "Linda"),
                ("Name on card: J SMITH", "J SMITH"),
                ("Patient Name - Oduya Kamau\nDOB 1/2/1950", "Oduya Kamau"),
                ("Plan discussed; per Sandra Whitlock, no changes.", "Sandra Whitlock"),
                ("Client: Wei Zhang; Advisor: Priya Raman", "Priya Raman"),
                ("Co-signer Crystal Rivers pending.", "Crystal Rivers"),
                ("Corrected claim for amber nunez; prior claim", "amber nunez"),
            ],
            &[
                "Patient has Parkinson's disease and Crohn's disease.",
                "History of Bell's palsy; Graves disease in remission.",
                "Transfer from Wells Fargo to Johns Hopkins billing.",
                "Will call back tomorrow. May need a refill.",
                "Grant Application Review: see page 4.",
                "Hope this helps!",
                "Mark the box and sign.",
                "Admitted to Mayo Clinic; seen at Valley View Medical Center.",
                "Address: 5729 Richard Drive, Springfield",
                "Ship to 025 Adam Via, Lake Charles",
                "Flew from San Francisco to Santa Rosa.",
                "BP 128/82, HR 72, metoprolol 25 mg BID",
                "Dear Sir or Madam,",
                "Dear Valued Customer,",
                "Customer: I don't recognize this charge",
                "Customer: Yes, that's right",
                "Subject: Fraud Dispute",
                "HOSPITAL COURSE: uneventful",
                "Baltimore, MD 21201",
                "ICD-10 E11.9, CPT 99213, HbA1c 7.2%",
                "Chief Complaint: chest pain",
                "This is a reminder about your visit.",
                "it's fine",
                "the patient will follow up in may",
                "Wire to account 12345 at Chase Bank",
                "Beneficiary ID: MX passport Q52006786",
                "Employer: Ortega, Smith and Smith (since 2019)",
                "Occupation: owner at Reyes, Benton and Marsh",
                "Home address: 37382 Aaron Curve, Houston, TX 77040",
                "504 Steven Lock Apt. 653, New Eric, MD 08986",
                "Disposition: home to 988 William Falls, Portland, OR 97275",
                "my daughter needs a refill",
                "customer: hmm, not sure",
                "it's urgent",
                "device MAC FB:E1:29:7A:DB:EB",
                "device C7:17:69:CC:DB:B2",
                "Ship to 55870 Scott Dale Suite 044, Savageport",
                "MI",
                "Scott-Summers",
                "Provider: Quest Diagnostics",
                "Hello World, this is a test.",
                "Hello Treasury team, please release the wire.",
                "Good morning Compliance,",
                "Dear Accounts Payable,",
                "Purpose: family support - Invoice INV-2024-98917",
                "Patient: Denies chest pain. Member: Called about the claim.",
                "Happy Birthday and Merry Christmas.",
                "Pay the Austin Energy bill; Georgia Power too.",
                "Referred to Summit Cardiology for evaluation",
            ],
        );
    }

    #[test]
    fn findings_have_expected_scores() {
        let d = found(&Person::new(), "Dr. Lynch and Irene Quintana");
        assert_eq!(d.len(), 2);
        let mut out = Vec::new();
        Person::new().recognize(&Haystack::new("Dr. Lynch met Zork Blarg"), &mut out);
        assert_eq!(out.len(), 1, "an unknown pair without a cue is not a name");
        assert!(out[0].score >= 0.9);
    }

    #[test]
    fn multiple_names_in_one_text() {
        let text = "Attending: Dr. Flavio Borromini    PCP: Dr. Meyer\nReferred by Ana Ruiz, NP.";
        assert_eq!(names(text), vec!["Flavio Borromini", "Meyer", "Ana Ruiz"]);
    }

    fn mentions(text: &str) -> Vec<String> {
        let mut all = Vec::new();
        let hay = Haystack::new(text);
        Person::new().recognize(&hay, &mut all);
        let mut findings = crate::detect::resolve_overlaps(all);
        add_mentions(&hay, &mut findings, &|f| f.score >= 0.5);
        findings.iter().map(|f| text[f.start..f.end].to_owned()).collect()
    }

    #[test]
    fn mentions_of_found_names() {
        let text =
            "Patient: Irene Quintana\nIrene reports pain. QUINTANA signed; later irene and quintana agreed.";
        assert_eq!(names(text), vec!["Irene Quintana"]);
        assert_eq!(mentions(text), vec!["Irene Quintana", "Irene", "QUINTANA"]);
        // The full name again is one finding.
        assert_eq!(mentions("Dear Ana Ruiz,\nwe wrote to Ana Ruiz today."), vec!["Ana Ruiz", "Ana Ruiz"]);
        // Lowercase mentions only when the name was found in lowercase.
        assert_eq!(mentions("agent pamela: hi\ncustomer: thanks pamela"), vec!["pamela", "pamela"]);
        assert_eq!(
            mentions("Patient: Irene Quintana\nemail irene.quintana@x.org, @irene"),
            vec!["Irene Quintana"]
        );
    }

    /// Clinical and finance prose full of capitalized words that are not names.
    const NO_NAMES: &str = "HISTORY OF PRESENT ILLNESS: 67 yo with Parkinson's disease, Crohn's disease and \
        Hashimoto's thyroiditis; prior Hodgkin lymphoma, Bell's palsy (2019), Graves' disease. Guillain-Barre \
        syndrome ruled out. Down syndrome screen negative. Lou Gehrig's disease in family history.\n\
        EXAM: Glasgow Coma Scale 15. Murphy's sign positive; Babinski sign negative; Romberg test normal. \
        Apgar scores 8 and 9.\n\
        MEDICATIONS: Lasix 40 mg daily, Eliquis 5 mg BID, Tylenol PRN, Allegra 180 mg, Flomax 0.4 mg, \
        Lantus 20 units at bedtime, Xarelto 20 mg with dinner.\n\
        Review of Systems: negative. Assessment and Plan: continue. Follow up in May. Will call back Monday.\n\
        Seen at Johns Hopkins, then Mayo Clinic, Cleveland Clinic and Mount Sinai; records from Cedars-Sinai \
        and Kaiser Permanente. Insurance: Blue Cross Blue Shield, Aetna, Cigna, United Healthcare.\n\
        Transfer from Wells Fargo to Charles Schwab; card from Capital One, loan with Bank of America and \
        Goldman Sachs. Grant Application Review pending. Mark as urgent. Hope this helps. Bill Pay enabled.\n\
        Moved from New York to San Diego, then St. Louis, Virginia Beach and Fort Worth in April 2021.\n\
        Dx: Barrett's esophagus, Kaposi sarcoma, Tourette syndrome, Cushing's syndrome, Addison's disease.";

    #[test]
    fn prose_without_names_stays() {
        assert_eq!(mentions(NO_NAMES), Vec::<String>::new());
    }

    #[test]
    fn firm_names_are_not_mentions() {
        assert_eq!(
            mentions(
                "Applicant: John Smith\nEmployer: Ortega, Smith and Smith; Smith and Sons. Mr. Smith agreed."
            ),
            vec!["John Smith", "Smith"]
        );
    }

    #[test]
    fn ordinary_word_parts_need_a_title() {
        assert_eq!(
            mentions("Patient: Will Grant\nWill call back. Grant approved. Mr. Grant agreed."),
            vec!["Will Grant", "Grant"]
        );
        assert_eq!(
            mentions("Attending: Dr. Parkinson\nHistory of Parkinson's disease; Parkinson's."),
            vec!["Parkinson"]
        );
    }

    #[test]
    fn mentions_respect_existing_findings_and_keep() {
        let text = "Patient: Irene Quintana, Irene";
        let mut findings = vec![Finding::new(EntityKind::Person, 9, 23, 0.85, false)];
        add_mentions(&Haystack::new(text), &mut findings, &|f| f.score > 0.9);
        assert_eq!(findings.len(), 1);
        add_mentions(&Haystack::new(text), &mut findings, &|_| true);
        assert_eq!(findings.len(), 2);
        assert_eq!(&text[findings[1].start..findings[1].end], "Irene");
    }

    #[test]
    fn tokens_and_shapes() {
        let t = Tokens::new("Dr. O'Neil's SMITH-GARCIA j.r. A1c núñez");
        let raws: Vec<_> = (0..t.len()).map(|i| (t.raw(i), t.shape(i))).collect();
        assert_eq!(
            raws,
            vec![
                ("Dr", Shape::Title),
                ("O'Neil", Shape::Title),
                ("SMITH-GARCIA", Shape::Upper),
                ("j", Shape::Lower),
                ("r", Shape::Lower),
                ("A1c", Shape::Other),
                ("núñez", Shape::Lower),
            ]
        );
        assert!(t.tok(1).unwrap().possessive());
        assert_eq!(t.lc(6), "núñez");
        for b in 0..8u8 {
            let info = NameInfo { first: b & 1 != 0, last: b & 2 != 0, common: b & 4 != 0 };
            assert_ne!(encode_info(info) & INFO_KNOWN, 0);
            assert_eq!(decode_info(encode_info(info)), info);
        }
    }

    /// The tokenizer before the one-pass rewrite (regex-free too, but in several passes per
    /// word): tokens as (start, end, full end, shape, lowercase) and their classes.
    fn reference_tokens(text: &str) -> Vec<(usize, usize, usize, Shape, String, u32)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(&b) = bytes.get(pos) {
            let start = pos;
            let end;
            let mut ascii_shape = None;
            if b.is_ascii_alphanumeric() {
                let (mut upper, mut low, mut digit) = (0usize, 0usize, false);
                let mut k = pos;
                loop {
                    match bytes.get(k) {
                        Some(&c) if c.is_ascii_uppercase() => upper += 1,
                        Some(&c) if c.is_ascii_lowercase() => low += 1,
                        Some(&c) if c.is_ascii_digit() => digit = true,
                        Some(b'\'' | b'-') if bytes.get(k + 1).is_some_and(u8::is_ascii_alphabetic) => {}
                        _ => break,
                    }
                    k += 1;
                }
                if bytes.get(k).is_some_and(|&c| c >= 0x80) {
                    end = general_word_end(text, pos);
                } else {
                    end = k;
                    let first_upper = b.is_ascii_uppercase();
                    ascii_shape = Some(match (digit, first_upper) {
                        (true, _) => Shape::Other,
                        (false, true) if upper == 1 && low == 0 => Shape::Initial,
                        (false, true) if low > 0 => Shape::Title,
                        (false, true) => Shape::Upper,
                        (false, false) if upper == 0 => Shape::Lower,
                        _ => Shape::Other,
                    });
                }
            } else if b < 0x80 {
                pos += 1;
                continue;
            } else {
                let c = text[pos..].chars().next().unwrap();
                if !is_word_char(c) {
                    pos += c.len_utf8();
                    continue;
                }
                end = general_word_end(text, pos);
            }
            pos = end.max(start + 1);
            let word = &text[start..end];
            let cut = possessive_cut(word);
            let core_end = cut.map_or(end, |c| start + c);
            let core = &text[start..core_end];
            let (lower, shape) = match (ascii_shape, cut) {
                (Some(shape), None) => (core.to_ascii_lowercase(), shape),
                _ => (core.chars().flat_map(char::to_lowercase).collect(), shape(core)),
            };
            let short = lower.len() <= 16 && shape != Shape::Other;
            let classes = if short { words::classes(&lower) } else { 0 };
            out.push((start, core_end, end, shape, lower, classes));
        }
        out
    }

    /// `Tokens::new` before the lowercase forms became one copy of the text (the fourth round's
    /// version): each ASCII word lowercased and hashed byte by byte into its own buffer.
    fn previous_tokens(text: &str) -> Vec<(usize, usize, usize, Shape, String, u32)> {
        let bytes = text.as_bytes();
        // At most one token per two bytes; most text has one per five or six.
        let cap = text.len() / 4 + 1;
        let mut toks = Vec::with_capacity(cap);
        // Lowercase forms, built as bytes (ASCII bytes or whole UTF-8 characters).
        let mut lower: Vec<u8> = Vec::with_capacity(text.len());
        let mut classes = Vec::with_capacity(cap);
        let mut pos = 0;
        while let Some(&b) = bytes.get(pos) {
            let kind = byte_kind(b);
            if kind & (UPPER | LOWER | DIGIT | HIGH) == 0 {
                pos += 1;
                continue;
            }
            let start = pos;
            let (end, core_end, shape);
            let lo_start = lower.len();
            let mut hash = None;
            if kind & HIGH == 0 {
                // ASCII fast path: letters and digits, inner apostrophes and hyphens.
                // The kinds of byte seen decide the shape: a joiner is always followed by a
                // letter, so a word without digits and with one letter is one byte long.
                let mut seen = 0u8;
                let mut k = pos;
                let mut next = kind;
                let mut c = b;
                loop {
                    if next & (UPPER | LOWER | DIGIT) == 0
                        && !(next == JOIN && bytes.get(k + 1).is_some_and(u8::is_ascii_alphabetic))
                    {
                        break;
                    }
                    seen |= next;
                    let l = c.to_ascii_lowercase();
                    lower.push(l);
                    k += 1;
                    c = bytes.get(k).copied().unwrap_or(0);
                    next = byte_kind(c);
                }
                if next == HIGH {
                    // A non-ASCII letter or joiner follows: take the general path.
                    lower.truncate(lo_start);
                    (end, core_end, shape) = previous_general_token(text, pos, &mut lower);
                } else {
                    end = k;
                    // A possessive `'s` after a stem of two letters or more.
                    let possessive = end - start >= 4
                        && bytes.get(end - 2) == Some(&b'\'')
                        && matches!(bytes.get(end - 1), Some(b's' | b'S'));
                    if possessive {
                        core_end = end - 2;
                        lower.truncate(lower.len() - 2);
                        // The stem decides the shape.
                        shape = self::shape(text.get(start..core_end).unwrap_or(""));
                    } else {
                        core_end = end;
                        hash = Some(words::fnv(lower.get(lo_start..).unwrap_or(&[])));
                        shape = match (seen & DIGIT != 0, kind == UPPER) {
                            (true, _) => Shape::Other,
                            (false, true) if end - start == 1 => Shape::Initial,
                            (false, true) if seen & LOWER != 0 => Shape::Title,
                            (false, true) => Shape::Upper,
                            (false, false) if seen & UPPER == 0 => Shape::Lower,
                            _ => Shape::Other,
                        };
                    }
                }
            } else {
                let c = text.get(pos..).and_then(|r| r.chars().next()).unwrap_or(' ');
                if !is_word_char(c) {
                    pos += c.len_utf8();
                    continue;
                }
                (end, core_end, shape) = previous_general_token(text, pos, &mut lower);
            }
            pos = end.max(start + 1);
            // Class words are short and never hold digits.
            let lc = lower.get(lo_start..).unwrap_or(&[]);
            let short = lc.len() <= 16 && shape != Shape::Other;
            classes.push(if short {
                words::classes_hashed(lc, hash.unwrap_or_else(|| words::fnv(lc)))
            } else {
                0
            });
            toks.push(Tok {
                start,
                end: core_end,
                full_end: end,
                shape,
                lo: (lo_start, lower.len()),
                plain: false,
                classes: 0,
            });
        }
        let lower = String::from_utf8(lower).unwrap();
        toks.iter()
            .zip(classes)
            .map(|(t, c)| (t.start, t.end, t.full_end, t.shape, lower[t.lo.0..t.lo.1].to_owned(), c))
            .collect()
    }

    fn previous_general_token(text: &str, start: usize, lower: &mut Vec<u8>) -> (usize, usize, Shape) {
        let end = general_word_end(text, start);
        let word = text.get(start..end).unwrap_or("");
        let core_end = possessive_cut(word).map_or(end, |c| start + c);
        let core = text.get(start..core_end).unwrap_or("");
        let mut buf = [0u8; 4];
        for c in core.chars().flat_map(char::to_lowercase) {
            lower.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        (end, core_end, shape(core))
    }

    #[test]
    fn one_pass_tokens_equal_the_reference() {
        let pieces = [
            " ",
            "  ",
            "\n",
            ".",
            ",",
            "-",
            "'",
            "'s",
            "'S",
            "\u{2019}",
            "\u{2019}s",
            "\u{2010}",
            "\u{a0}",
            "s",
            "S",
            "J",
            "Dr",
            "Maria",
            "MARIA",
            "maria",
            "O",
            "Neil",
            "McDonald",
            "de",
            "la",
            "van",
            "3",
            "42",
            "A1c",
            "iPhone",
            "Núñez",
            "NÚÑEZ",
            "é",
            "É",
            "\u{301}",
            "ß",
            "İ",
            "Ω",
            "日本",
            "the",
            "Parkinson",
            "anesthesiologist",
            "x",
            "-y",
            "patient",
            "Patient",
            ":",
            "@",
            "_",
        ];
        let (mut known, mut plain_known) = (0, 0);
        for text in random_texts(0x5DEE_CE66_D1CE_4E5B, &pieces, 14, 20_000) {
            let t = Tokens::new(&text);
            let got: Vec<_> = (0..t.len())
                .map(|i| {
                    let tok = t.tok(i).unwrap();
                    (tok.start, tok.end, tok.full_end, tok.shape, t.lc(i).to_owned(), tok.classes)
                })
                .collect();
            assert_eq!(got, reference_tokens(&text), "{text:?}");
            assert_eq!(got, previous_tokens(&text), "{text:?}");
            // The census answers (the fast path of plain words) equal the lookup of the word.
            for i in 0..t.len() {
                let info = t.info(i);
                assert_eq!(info, lexicon().info(t.raw(i)), "{text:?} {i}");
                known += usize::from(info.first || info.last);
                plain_known += usize::from(t.tok(i).unwrap().plain && (info.first || info.last));
            }
        }
        assert!(known > 2_000 && plain_known > 1_000, "{known} {plain_known}");
    }

    #[test]
    fn eight_byte_lowercasing_equals_the_bytewise_one() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let word = [a, b, b, a, a, b, a, b];
                let want = word.map(|c| c.to_ascii_lowercase());
                assert_eq!(lowercase8(u64::from_le_bytes(word)).to_le_bytes(), want, "{a} {b}");
            }
        }
        for text in ["", "A", "ABCDEFG", "ABCDEFGH", "Zürich ÀÉ @[`{ MIXED case 1234567 İK\u{212a}"] {
            assert_eq!(ascii_lowercase(text), text.to_ascii_lowercase());
        }
    }

    /// The name parts as `add_mentions` collected them before `found_parts`: every token of
    /// the text walked against the findings with `covering`.
    fn previous_found_parts<'t>(t: &'t Tokens<'_>, findings: &[Finding]) -> Vec<(&'t str, Part)> {
        let mut parts: Vec<(&str, Part)> = Vec::new();
        let mut f = 0;
        for (k, tok) in t.toks.iter().enumerate() {
            let Some(finding) = covering(findings, &mut f, tok).and_then(|i| findings.get(i)) else {
                if f >= findings.len() {
                    break;
                }
                continue;
            };
            let lc = t.lc(k);
            let inside =
                finding.entity == EntityKind::Person && finding.start <= tok.start && tok.end <= finding.end;
            if inside
                && matches!(tok.shape, Shape::Title | Shape::Upper | Shape::Lower)
                && lc.chars().count() >= 2
                && !t.is(k, class::STOP)
                && !t.is(k, class::PARTICLE)
                && !t.is(k, class::TITLE)
                && !t.is(k, class::CREDENTIAL)
            {
                let common = t.info(k).common || eponym_lc(t, k);
                parts.push((lc, Part { score: finding.score, common, lowercase: tok.shape == Shape::Lower }));
            }
        }
        parts
    }

    #[test]
    fn found_parts_equal_the_token_walk() {
        let pieces = [
            " ",
            "  ",
            "\n",
            ", ",
            "-",
            "'s",
            "Maria",
            "MARIA",
            "maria",
            "Grant",
            "the",
            "Dr",
            ". ",
            "de",
            "O'Neil",
            "Núñez",
            "42",
            "Parkinson",
            "x",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut found = 0;
        for text in random_texts(0x9E37_79B9_7F4A_7C15, &pieces, 16, 20_000) {
            // Sorted, disjoint findings at any offsets, PERSON or not, with assorted scores.
            let mut findings = Vec::new();
            let mut pos = 0;
            while pos < text.len() {
                let start = pos + (next() % 8) as usize;
                let end = (start + 1 + (next() % 24) as usize).min(text.len());
                if start >= end {
                    break;
                }
                let entity = if next() % 4 == 0 { EntityKind::Email } else { EntityKind::Person };
                findings.push(Finding::new(entity, start, end, 0.5 + (next() % 5) as f32 / 10.0, false));
                pos = end;
            }
            let t = Tokens::new(&text);
            let got = found_parts(&t, &findings);
            assert_eq!(got, previous_found_parts(&t, &findings), "{text:?} {findings:?}");
            found += got.len();
        }
        assert!(found > 2_000, "{found}");
    }

    #[test]
    fn gated_helpers_equal_their_previous_forms() {
        let previous_org_like = |lc: &str| {
            lc.len() > 5
                && ["ics", "ology", "care", "tech", "pharma", "ware", "corp", "soft"]
                    .iter()
                    .any(|s| lc.ends_with(s))
        };
        let pieces = [
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "- ",
            "\u{2013}",
            " \u{2014} ",
            "\u{2019}",
            "\n",
            "12",
            "7b",
            "Oak",
            "Diagnostics",
            "cardiology",
            "Homecare",
            "BIOTECH",
            "Pharma",
            "software",
            "Microsoft",
            "Corp",
            "megacorp",
            "tics",
            "Maria",
            "x",
            "é",
            "Núñez",
        ];
        let (mut org, mut number, mut dash) = (0, 0, 0);
        for text in random_texts(0xD1B5_4A32_D192_ED03, &pieces, 12, 40_000) {
            let t = Tokens::new(&text);
            let scanner = Scanner::new(&t);
            for k in 0..t.len() {
                let lc = t.lc(k);
                assert_eq!(org_like(lc), previous_org_like(lc), "{lc:?}");
                let gap = t.gap(k);
                assert_eq!(has_dash(gap), gap.contains(['-', '\u{2013}', '\u{2014}']), "{gap:?}");
                dash += usize::from(has_dash(gap));
                let previous_after_number =
                    k > 0 && is_space(t.gap(k)) && t.raw(k - 1).starts_with(|c: char| c.is_ascii_digit());
                assert_eq!(scanner.after_number(k), previous_after_number, "{text:?} {k}");
                org += usize::from(org_like(lc));
                number += usize::from(previous_after_number);
            }
        }
        assert!(org > 1_000 && number > 1_000 && dash > 1_000, "{org} {number} {dash}");
    }

    #[test]
    fn the_lone_capital_shortcut_changes_no_step() {
        let pieces = [
            " ",
            "  ",
            "\n",
            ", ",
            ". ",
            ": ",
            "'s",
            "-",
            "(",
            "Patient reports ",
            "Maria walked ",
            "SMITH said ",
            "Smith de ",
            "Maria",
            "MARIA",
            "maria",
            "Smith",
            "Grant",
            "Patient",
            "Dr",
            "Mr.",
            "de",
            "van",
            "la",
            "the",
            "reports",
            "disease",
            "Clinic",
            "MD",
            "DOB",
            "born",
            "J",
            "J.",
            "12",
            "Oak",
            "Dear",
            "wife",
            "by",
            "signed",
            "is",
            "Núñez",
            "Thanks",
            "Regards,\n",
        ];
        let mut taken = 0;
        for text in random_texts(0xA076_1D64_78BD_642F, &pieces, 14, 30_000) {
            let t = Tokens::new(&text);
            let scanner = Scanner::new(&t);
            for i in 0..t.len() {
                let fast = scanner.candidate_with(i, true);
                assert_eq!(fast, scanner.candidate_with(i, false), "{text:?} {i}");
                let lone = matches!(t.shape(i), Shape::Title | Shape::Upper)
                    && t.gap(i + 1) == " "
                    && t.shape(i + 1) == Shape::Lower;
                taken += usize::from(lone && fast == Step::Skip(i + 1));
            }
        }
        assert!(taken > 1_000, "{taken}");
    }

    #[test]
    fn long_inputs_stay_linear() {
        // Each unit repeated 20,000 times; a quadratic scan would take minutes here.
        let start = std::time::Instant::now();
        for unit in
            ["Maria ", "Dr. Smith, ", "- ", "Mr. ", "A. ", "Smith, Maria ", "agent pamela: ", "de ", "x "]
        {
            let text = unit.repeat(20_000);
            let found = mentions(&text);
            let expect_names = matches!(unit, "Maria " | "Dr. Smith, " | "Smith, Maria " | "agent pamela: ");
            assert_eq!(!found.is_empty(), expect_names, "{unit:?}");
        }
        assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
    }
}
