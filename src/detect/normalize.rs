//! Obfuscation-proof detection: recognizers scan a normalized view of the text, and every finding
//! is mapped back to the original bytes it came from.
//!
//! The view undoes what careless users and attackers do to identifiers, in five passes:
//!
//! 1. characters: Unicode decimal digits (fullwidth, Arabic-Indic, mathematical, ...) and
//!    fullwidth ASCII become ASCII; zero-width characters, soft hyphens and bidi controls are
//!    removed; Unicode dashes, spaces, dots, `＠` and slashes become their ASCII forms;
//!    Cyrillic and Greek look-alikes become Latin letters inside words that are not genuine
//!    Cyrillic or Greek (a word with one non-look-alike letter of those scripts is left alone);
//! 2. percent-encoding: `%40` → `@`, `%2D` → `-` (URL-safe characters only; `%20` → `-`, so a
//!    URL stays one token);
//! 3. spelled-out e-mail addresses: `john dot doe at gmail dot com`, `john [at] gmail [dot] com`;
//! 4. digits spelled as words: `five five five, zero one two three` → `555-0123`;
//! 5. digit groups: line-broken (`4111 1111⏎1111 1111`), spaced out (`1 2 3 - 4 5 - 6 7 8 9`),
//!    widely spaced, spaced dashes (`123 - 45 - 6789`), and dotted or underscored groups that
//!    look like an identifier (`4111.1111.1111.1111`, not `192.168.10.200` nor `14.03.1962`).
//!
//! Every rewrite turns a short run of characters into at most one ASCII character, so a
//! finding in the view maps back to a range of the original that holds every character of the
//! value, including removed ones inside it (zero-width characters, spelled words, line breaks):
//! operators then replace exactly the original characters.
//!
//! Most text needs none of this: [`Normalizer::normalize`] returns `None` and detection scans the
//! original string, without a copy. Each pass is one linear scan.

use super::Finding;
use crate::error::Result;
use std::borrow::Cow;

/// One rewrite of a pass: input bytes `start..end` become `with`, or nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rewrite {
    start: usize,
    end: usize,
    with: Option<char>,
}

/// Where one rewrite landed: output bytes `out_start..out_end` came from input bytes
/// `src_start..src_end` of the pass.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Edit {
    out_start: usize,
    out_end: usize,
    src_start: usize,
    src_end: usize,
}

/// The offset map of one pass. Bytes outside edits were copied unchanged.
#[derive(Debug, Default)]
struct Layer {
    edits: Vec<Edit>,
}

impl Layer {
    /// The input offset where the output byte at `pos` came from (the start of its source).
    fn start(&self, pos: usize) -> usize {
        let k = self.edits.partition_point(|e| e.out_end <= pos);
        if let Some(e) = self.edits.get(k).filter(|e| e.out_start <= pos) {
            return e.src_start;
        }
        match k.checked_sub(1).and_then(|i| self.edits.get(i)) {
            Some(e) => pos - e.out_end + e.src_end,
            None => pos,
        }
    }

    /// The input offset just past the source of the output byte before `pos`.
    fn end(&self, pos: usize) -> usize {
        let Some(last) = pos.checked_sub(1) else { return self.start(0) };
        let k = self.edits.partition_point(|e| e.out_end <= last);
        if let Some(e) = self.edits.get(k).filter(|e| e.out_start <= last) {
            return e.src_end;
        }
        match k.checked_sub(1).and_then(|i| self.edits.get(i)) {
            Some(e) => last - e.out_end + e.src_end + 1,
            None => pos,
        }
    }
}

/// Applies sorted, non-overlapping rewrites to `input`.
fn apply(input: &str, rewrites: &[Rewrite]) -> (String, Layer) {
    let mut out = String::with_capacity(input.len());
    let mut edits = Vec::with_capacity(rewrites.len());
    let mut copied = 0;
    for r in rewrites {
        let (Some(before), true) = (input.get(copied..r.start), r.start < r.end) else { continue };
        out.push_str(before);
        let out_start = out.len();
        if let Some(c) = r.with {
            out.push(c);
        }
        edits.push(Edit { out_start, out_end: out.len(), src_start: r.start, src_end: r.end });
        copied = r.end;
    }
    out.push_str(input.get(copied..).unwrap_or(""));
    (out, Layer { edits })
}

/// The normalized view of a text and the way back to the original offsets.
#[derive(Debug)]
pub(crate) struct Normalized {
    text: String,
    /// One layer per pass that changed something, in the order they ran.
    layers: Vec<Layer>,
}

impl Normalized {
    /// The text recognizers scan.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The original byte range holding every character that produced `start..end` of the view.
    pub(crate) fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let (mut s, mut e) = (start, end);
        for layer in self.layers.iter().rev() {
            s = layer.start(s);
            e = layer.end(e);
        }
        (s, e)
    }

    /// Maps findings in the view (sorted, without overlaps) to the original `text`, each widened
    /// to every original character behind it and over invisible characters glued to it.
    pub(crate) fn to_original_findings(&self, text: &str, mut findings: Vec<Finding>) -> Vec<Finding> {
        for f in &mut findings {
            let (mut start, mut end) = self.to_original(f.start, f.end);
            // Offsets land on character boundaries by construction; widen if ever not.
            while start > 0 && !text.is_char_boundary(start) {
                start -= 1;
            }
            end = end.min(text.len());
            while end < text.len() && !text.is_char_boundary(end) {
                end += 1;
            }
            (f.start, f.end) = (start, end);
        }
        findings.retain(|f| f.start < f.end);
        // Mapping keeps order and disjointness; resolving again costs little and guarantees it.
        let mut kept = super::resolve_overlaps(findings);
        widen_over_invisibles(text, &mut kept);
        kept
    }
}

/// Widens each finding over invisible characters glued to it in `text` (a bidi override before a
/// value, a zero-width space after it), never into a neighbouring finding. `findings` must be
/// sorted and non-overlapping; they stay so.
pub(crate) fn widen_over_invisibles(text: &str, findings: &mut [Finding]) {
    let mut floor = 0;
    for i in 0..findings.len() {
        let ceiling = findings.get(i + 1).map_or(text.len(), |f| f.start);
        let Some(f) = findings.get_mut(i) else { break };
        let before = text.get(floor..f.start).unwrap_or("");
        let glued_before: usize =
            before.chars().rev().take_while(|&c| classify(c) == Fold::Drop).map(char::len_utf8).sum();
        let after = text.get(f.end..ceiling).unwrap_or("");
        let glued_after: usize =
            after.chars().take_while(|&c| classify(c) == Fold::Drop).map(char::len_utf8).sum();
        f.start -= glued_before;
        f.end += glued_after;
        floor = f.end;
    }
}

/// The normalizer: built once per detector. It compiles nothing: every pass is a hand-written
/// linear scan.
pub(crate) struct Normalizer {}

/// Endings accepted after a spelled `at` (`john at clinic dot org`); bracketed forms accept any.
const COMMON_TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "me", "health", "care", "app",
    "dev", "ai", "mail", "email", "online", "xyz", "site", "bank", "law", "med", "clinic", "hospital",
];

impl Normalizer {
    /// A normalizer.
    pub(crate) fn new() -> Result<Self> {
        Ok(Normalizer {})
    }

    /// The normalized view of `text`, or `None` when no pass changes anything (the common case).
    pub(crate) fn normalize(&self, text: &str) -> Option<Normalized> {
        let mut view = Cow::Borrowed(text);
        let mut layers = Vec::new();
        let mut rewrites = Vec::new();
        let mut words = Words::default();
        for pass in 0..5 {
            rewrites.clear();
            match pass {
                0 => fold_chars(&view, &mut rewrites),
                1 => {
                    percent(&view, &mut rewrites);
                    // One cheap scan decides whether the two word passes can change anything.
                    words = Words::scan(view.as_bytes());
                }
                2 if words.email => self.spelled_email(&view, &mut rewrites),
                3 if words.digits => self.spelled_digits(&view, &mut rewrites),
                4 => self.digit_groups(&view, &mut rewrites),
                _ => {}
            }
            if !rewrites.is_empty() {
                let (next, layer) = apply(&view, &rewrites);
                view = Cow::Owned(next);
                layers.push(layer);
            }
        }
        match view {
            Cow::Borrowed(_) => None,
            Cow::Owned(text) => Some(Normalized { text, layers }),
        }
    }

    /// Pass 3: `john dot doe at gmail dot com`, `john [at] gmail [dot] com`, `jdoe @ x . org`.
    /// Each candidate of [`next_spelled_email`] is kept when something in it is disguised and,
    /// for a bare spelled `at` (English uses it), when its ending and shape look like an address.
    fn spelled_email(&self, text: &str, out: &mut Vec<Rewrite>) {
        let bytes = text.as_bytes();
        let limit = email_at_limit(bytes);
        let mut seps = Vec::new();
        let mut from = 0;
        while let Some((m_start, m_end)) = next_spelled_email(bytes, from, limit, &mut seps) {
            // A separator is disguised unless it is a plain `.` or `@`.
            let obfuscated = |s: &EmailSep| !matches!(bytes.get(s.start..s.end), Some(b".") | Some(b"@"));
            let Some(at) = seps.iter().position(|s| s.at) else {
                from = m_end;
                continue;
            };
            let at_sep = seps.get(at).copied().unwrap_or(EmailSep { start: m_start, end: m_end, at: true });
            let at_text = text.get(at_sep.start..at_sep.end).unwrap_or("").trim_matches([' ', '\t']);
            let bare_at = at_text.eq_ignore_ascii_case("at");
            let domain_obfuscated = seps.iter().skip(at + 1).any(obfuscated);
            let m = text.get(m_start..m_end).unwrap_or("");
            let tld = m.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
            let local_is_address_like = at > 0
                || text
                    .get(m_start..at_sep.start)
                    .is_some_and(|l| l.bytes().any(|b| !b.is_ascii_alphabetic()));
            let accept = seps.iter().any(obfuscated)
                && (!bare_at
                    || (tld.len() == 2 || COMMON_TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld)))
                        && (domain_obfuscated || local_is_address_like));
            if !accept {
                // Any later candidate that starts before this `at` would use it again.
                from = at_sep.end.max(m_start + 1);
                continue;
            }
            for s in &seps {
                if obfuscated(s) {
                    out.push(Rewrite {
                        start: s.start,
                        end: s.end,
                        with: Some(if s.at { '@' } else { '.' }),
                    });
                }
            }
            from = m_end;
        }
    }

    /// Pass 4: three or more digits spelled as words, separated by spaces or light punctuation.
    /// Spaces between words are removed; a comma, dash, period or line break becomes `-`.
    fn spelled_digits(&self, text: &str, out: &mut Vec<Rewrite>) {
        let mut run: Vec<(usize, usize, char)> = Vec::new();
        let flush = |run: &mut Vec<(usize, usize, char)>, out: &mut Vec<Rewrite>| {
            // "oh" is a zero only between other digits.
            let first = run.iter().position(|w| w.2 != 'o').unwrap_or(run.len());
            let last = run.iter().rposition(|w| w.2 != 'o').map_or(first, |i| i + 1);
            let words = run.get(first..last).unwrap_or(&[]);
            if words.len() >= 3 {
                let mut prev_end = None;
                for &(start, end, digit) in words {
                    if let Some(p) = prev_end {
                        let gap = text.get(p..start).unwrap_or("");
                        let with = gap.bytes().any(|b| matches!(b, b',' | b';' | b'.' | b'-' | b'/' | b'\n'));
                        out.push(Rewrite { start: p, end: start, with: with.then_some('-') });
                    }
                    let d = if digit == 'o' { '0' } else { digit };
                    out.push(Rewrite { start, end, with: Some(d) });
                    prev_end = Some(end);
                }
            }
            run.clear();
        };
        let mut from = 0;
        while let Some((start, end)) = next_digit_word(text.as_bytes(), from) {
            from = end;
            let digit = digit_word_value(text.get(start..end).unwrap_or(""));
            let joined = run.last().is_some_and(|&(_, end, _)| {
                let gap = text.get(end..start).unwrap_or("");
                gap.len() <= 4
                    && gap
                        .bytes()
                        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b';' | b'.' | b'-' | b'/'))
            });
            if !joined {
                flush(&mut run, out);
            }
            run.push((start, end, digit));
        }
        flush(&mut run, out);
    }

    /// Pass 5: digit groups split by line breaks, wide or single spaces, spaced dashes, dots or
    /// underscores are rejoined the way recognizers expect them (`4111 1111 1111 1111`,
    /// `123-45-6789`).
    fn digit_groups(&self, text: &str, out: &mut Vec<Rewrite>) {
        let bytes = text.as_bytes();
        let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut seps: Vec<(usize, usize, Sep)> = Vec::new();
        let mut with: Vec<Option<Option<char>>> = Vec::new();
        let mut i = 0;
        let blank = |k: Option<usize>| k.and_then(|k| bytes.get(k)).is_some_and(|&c| c == b' ' || c == b'\t');
        while let Some(skip) = next_digit(bytes, i) {
            // One run: digit groups joined by separators.
            let mut j = i + skip;
            // `(212)   555-0100`: wide spaces after an area code in parentheses. The byte before
            // `i` is a digit (the end of the last run), so the blanks never reach back past it.
            if blank(j.checked_sub(1)) && blank(j.checked_sub(2)) {
                let blanks = bytes
                    .get(i..j)
                    .map_or(0, |b| b.iter().rev().take_while(|&&c| c == b' ' || c == b'\t').count());
                if blanks >= 2 && j.checked_sub(blanks + 1).and_then(|k| bytes.get(k)) == Some(&b')') {
                    out.push(Rewrite { start: j - blanks, end: j, with: Some(' ') });
                }
            }
            // Most runs cannot change (see [`quiet_run`]): skipped after one cheap walk.
            if let Some(end) = quiet_run(bytes, j) {
                i = end;
                continue;
            }
            groups.clear();
            seps.clear();
            loop {
                let start = j;
                while digit(j) {
                    j += 1;
                }
                groups.push((start, j));
                // Only a separator with a digit after it counts: classified only then.
                match separator_end(bytes, j) {
                    Some(end) if digit(end) => {
                        seps.push((j, end, Sep::classify(bytes.get(j..end).unwrap_or(b""))));
                        j = end;
                    }
                    _ => break,
                }
            }
            i = j;
            if seps.is_empty() {
                continue;
            }
            // What each separator becomes: None = unchanged, Some(None) = removed.
            with.clear();
            with.extend(seps.iter().map(|&(_, _, sep)| match sep {
                Sep::Break { dash } => Some(Some(if dash { '-' } else { ' ' })),
                Sep::Dash { spaced: true } => Some(Some('-')),
                Sep::Space(n) if n >= 2 => Some(Some(' ')),
                _ => None,
            }));
            // Spaced-out digits: three or more single digits in a chain become one number.
            let single = |g: Option<&(usize, usize)>| g.is_some_and(|&(s, e)| e - s == 1);
            let mut j = 0;
            while j < groups.len() {
                let mut k = j;
                while single(groups.get(k))
                    && single(groups.get(k + 1))
                    && seps.get(k).is_some_and(|s| !matches!(s.2, Sep::Punct { .. }))
                {
                    k += 1;
                }
                if k - j >= 2 {
                    for (slot, sep) in with.iter_mut().zip(&seps).take(k).skip(j) {
                        if let Sep::Space(1) = sep.2 {
                            *slot = Some(None);
                        }
                    }
                }
                j = k + 1;
            }
            // Dotted or underscored groups shaped like a card, SSN or account number.
            let mut j = 0;
            while j < groups.len() {
                let mut k = j;
                while seps.get(k).is_some_and(|s| s.2 == Sep::Punct { spaced: false }) && k + 1 < groups.len()
                {
                    k += 1;
                }
                let chain = groups.get(j..=k).unwrap_or(&[]);
                if (3..=5).contains(&chain.len()) && dotted_identifier(bytes, chain) {
                    for slot in with.iter_mut().take(k).skip(j) {
                        *slot = Some(Some('-'));
                    }
                }
                j = k + 1;
            }
            for (&(start, end, _), w) in seps.iter().zip(&with) {
                if let Some(w) = *w {
                    let unchanged =
                        w.is_some_and(|c| end - start == 1 && bytes.get(start) == Some(&(c as u8)));
                    if !unchanged {
                        out.push(Rewrite { start, end, with: w });
                    }
                }
            }
        }
    }
}

/// The end of the run of digit groups starting at `j` (the digit at `j` starts a group) when
/// [`Normalizer::digit_groups`] rewrites nothing in it, else `None`. Only three kinds of run
/// change: one with a separator other than a single `-`, `.`, `_`, space or tab (wide blanks,
/// a line break, a spaced dash or dot), and, from three groups on, one with a single space, tab,
/// `.` or `_` (spaced-out digits, dotted identifiers); a single dash alone never changes.
fn quiet_run(bytes: &[u8], mut j: usize) -> Option<usize> {
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let (mut groups, mut soft) = (0, false);
    loop {
        while digit(j) {
            j += 1;
        }
        groups += 1;
        let c = bytes.get(j).copied().unwrap_or(0);
        // A one-byte separator: what `separator_end` returns when a digit follows it.
        if matches!(c, b'-' | b'.' | b'_' | b' ' | b'\t') && digit(j + 1) {
            soft |= c != b'-';
            j += 1;
            continue;
        }
        // A longer separator: its second byte is a separator byte too, or a digit after a line
        // break; most groups are followed by a space and a letter.
        let next = bytes.get(j + 1).copied().unwrap_or(0);
        let longer = in_table(&SEPARATOR_START, c)
            && (in_table(&SEPARATOR_START, next) || next.is_ascii_digit())
            && separator_end(bytes, j).is_some_and(digit);
        return (!(longer || groups >= 3 && soft)).then_some(j);
    }
}

/// True when dot- or underscore-separated digit groups look like a card, SSN or account number
/// rather than an IPv4 address, a date, a version or an OID: 2 to 6 digits per group, 9 to 19
/// in all, not glued to letters or further dotted parts.
fn dotted_identifier(bytes: &[u8], chain: &[(usize, usize)]) -> bool {
    let lens = || chain.iter().map(|&(s, e)| e - s);
    let total: usize = lens().sum();
    let ipv4_like = chain.len() == 4 && lens().all(|l| l <= 3);
    let glued_left = chain.first().is_some_and(|&(s, _)| {
        s.checked_sub(1).and_then(|i| bytes.get(i)).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.')
    });
    let glued_right = chain.last().is_some_and(|&(_, e)| {
        bytes.get(e).is_some_and(|b| {
            b.is_ascii_alphanumeric() || *b == b'.' && bytes.get(e + 1).is_some_and(u8::is_ascii_digit)
        })
    });
    lens().all(|l| (2..=6).contains(&l))
        && (9..=19).contains(&total)
        && !ipv4_like
        && !glued_left
        && !glued_right
}

/// The next digit word (`zero` to `nine`, `oh`) at or after `from`, between ASCII word
/// boundaries (`[0-9A-Za-z_]` on one side, anything else on the other), in any ASCII case; a
/// leading `ſ` (U+017F) counts as an `s`, as Unicode case folding has it. This is what the
/// pattern `(?i)(?-u:\b)(?:zero|oh|one|…|nine)(?-u:\b)` matched (the tests compare them); no two
/// words share their first two letters, so at most one can start at a position.
fn next_digit_word(b: &[u8], from: usize) -> Option<(usize, usize)> {
    const WORDS: [&[u8]; 11] =
        [b"zero", b"oh", b"one", b"two", b"three", b"four", b"five", b"six", b"seven", b"eight", b"nine"];
    let word_byte = |i: usize| b.get(i).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_');
    let mut p = from;
    while let Some(&c) = b.get(p) {
        let (first, rest) = if c == 0xC5 && b.get(p + 1) == Some(&0xBF) {
            (b's', p + 2)
        } else {
            (c.to_ascii_lowercase(), p + 1)
        };
        if matches!(first, b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n') {
            let word = WORDS.iter().find(|w| {
                w.first() == Some(&first)
                    && w.get(1..).is_some_and(|tail| {
                        b.get(rest..rest + tail.len()).is_some_and(|t| t.eq_ignore_ascii_case(tail))
                    })
            });
            if let Some(w) = word {
                let end = rest + w.len() - 1;
                let before = p > 0 && word_byte(p - 1);
                if before != word_byte(p) && !word_byte(end) {
                    return Some((p, end));
                }
            }
        }
        p += 1;
    }
    None
}

/// The digit a spelled word stands for (`'o'` marks "oh", a zero only between digits).
fn digit_word_value(word: &str) -> char {
    const WORDS: [&str; 10] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    if word.eq_ignore_ascii_case("oh") {
        return 'o';
    }
    let i = WORDS.iter().position(|w| w.eq_ignore_ascii_case(word)).unwrap_or(0);
    char::from(b'0' + i as u8)
}

/// A separator inside a spelled-address candidate: bytes `start..end`, an `at` or a `dot`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct EmailSep {
    start: usize,
    end: usize,
    at: bool,
}

/// Where every spelled-address candidate of `b` starts before: the last `@`, or the last `at` in
/// any case (its `a`), since a candidate holds one of them after its first word; 0 if none.
fn email_at_limit(b: &[u8]) -> usize {
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        match byte(b, i) {
            Some(b'@') => return i,
            Some(b't' | b'T') if i > 0 && matches!(byte(b, i - 1), Some(b'a' | b'A')) => return i - 1,
            _ => {}
        }
    }
    0
}

/// The next spelled-address candidate at or after `from` and starting before `limit` (from
/// [`email_at_limit`]), as `start..end`, with its separators in `seps` (cleared first). This is
/// exactly what the leftmost-first pattern
///
/// ```text
/// {local}(?:{dot}{local})*{at}{label}(?:{dot}{label})*{dot}[A-Za-z]{2,24}
/// local = [A-Za-z0-9_+\-]+      label = [A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?
/// ```
///
/// (with `at` and `dot` as in [`email_separator`]) found, and its separators what `{at}|{dot}`
/// found inside the match; the tests compare them. No separator starts with a byte that a word
/// can hold, and each ends where the next word must start, so every choice the pattern could
/// backtrack over is decided by the bytes: a local part runs to the end of its word, a label
/// must be a whole `[A-Za-z0-9-]` run ending in a letter or digit, and at most one separator
/// starts at any position. What is left is the greedy `(?:{dot}{label})*`: the domain is walked
/// as far as labels and dots go, and the candidate ends at the last dot followed by two letters.
///
/// Linear time: the words linked by dots form chains in which a word has at most one
/// predecessor and one successor. A candidate word linked from an earlier candidate word
/// shares its outcome, which failed, so chains are only followed from their first word; a
/// domain is only walked from an `at`, and no label is reached from two of them.
fn next_spelled_email(
    b: &[u8],
    from: usize,
    limit: usize,
    seps: &mut Vec<EmailSep>,
) -> Option<(usize, usize)> {
    let mut next = from;
    loop {
        let start = run_end(b, next, |c| !is_local(c));
        if start >= limit {
            return None;
        }
        let mut end = run_end(b, start, is_local);
        next = end;
        if dot_link_into(b, start).is_some_and(|p| p > from) {
            continue;
        }
        seps.clear();
        let found = loop {
            match email_separator(b, end) {
                Some((sep_end, false)) if byte(b, sep_end).is_some_and(is_local) => {
                    seps.push(EmailSep { start: end, end: sep_end, at: false });
                    end = run_end(b, sep_end, is_local);
                }
                Some((sep_end, true)) => {
                    seps.push(EmailSep { start: end, end: sep_end, at: true });
                    break email_domain(b, sep_end, seps);
                }
                _ => break None,
            }
        };
        if let Some(end) = found {
            return Some((start, end));
        }
    }
}

/// The rest of a candidate after its `at` at `from`: `{label}(?:{dot}{label})*{dot}[A-Za-z]{2,24}`,
/// its end and its dots appended to `seps`.
fn email_domain(b: &[u8], from: usize, seps: &mut Vec<EmailSep>) -> Option<usize> {
    let mut best = None;
    let mut label = from;
    while let Some(label_end) = email_label_end(b, label) {
        let Some((dot_end, false)) = email_separator(b, label_end) else { break };
        seps.push(EmailSep { start: label_end, end: dot_end, at: false });
        let mut tld = dot_end;
        while tld - dot_end < 24 && byte(b, tld).is_some_and(|c| c.is_ascii_alphabetic()) {
            tld += 1;
        }
        if tld - dot_end >= 2 {
            best = Some((tld, seps.len()));
        }
        label = dot_end;
    }
    let (end, kept) = best?;
    seps.truncate(kept);
    Some(end)
}

/// The end of the label starting at `i`: a whole run of `[A-Za-z0-9-]` (a separator cannot
/// start inside one) that starts and ends with a letter or digit.
fn email_label_end(b: &[u8], i: usize) -> Option<usize> {
    let alnum = |c: u8| c.is_ascii_alphanumeric();
    if !byte(b, i).is_some_and(alnum) {
        return None;
    }
    let end = run_end(b, i, |c| alnum(c) || c == b'-');
    byte(b, end - 1).filter(|&c| alnum(c)).map(|_| end)
}

/// The separator starting at `i`, if one does: its end, and whether it is an `at` (else a
/// `dot`). With `␣` for `[ \t]`:
///
/// ```text
/// at  = ␣*[\[({<]␣*(?:[aA][tT]|@)␣*[\])}>]␣* | ␣+[aA][tT]␣+ | ␣*@␣*
/// dot = ␣*[\[({<]␣*(?:[dD][oO][tT]|\.)␣*[\])}>]␣* | ␣+[dD][oO][tT]␣+ | ␣+\.␣+ | \.
/// ```
///
/// The byte after the leading blanks (and whether there are any) picks the only alternative
/// that can match; every blank run is taken whole, since a word follows.
fn email_separator(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let j = run_end(b, i, is_blank);
    let spaced = j > i;
    // `␣+` after a spelled word or a spaced dot: at least one blank.
    let blanks_after = |k: usize, at: bool| {
        let end = run_end(b, k, is_blank);
        (end > k).then_some((end, at))
    };
    match byte(b, j)? {
        b'[' | b'(' | b'{' | b'<' => {
            let k = run_end(b, j + 1, is_blank);
            let (k, at) = if word_at(b, k, b"at") {
                (k + 2, true)
            } else if word_at(b, k, b"dot") {
                (k + 3, false)
            } else {
                match byte(b, k)? {
                    b'@' => (k + 1, true),
                    b'.' => (k + 1, false),
                    _ => return None,
                }
            };
            let k = run_end(b, k, is_blank);
            matches!(byte(b, k)?, b']' | b')' | b'}' | b'>').then(|| (run_end(b, k + 1, is_blank), at))
        }
        b'@' => Some((run_end(b, j + 1, is_blank), true)),
        b'.' if !spaced => Some((j + 1, false)),
        _ if !spaced => None,
        b'.' => blanks_after(j + 1, false),
        _ if word_at(b, j, b"at") => blanks_after(j + 2, true),
        _ if word_at(b, j, b"dot") => blanks_after(j + 3, false),
        _ => None,
    }
}

/// Where the `dot` separator ending at `q` starts, if one does right after a word: then that
/// word and the one at `q` are links of one chain. The separator is found backwards and
/// checked forwards with [`email_separator`].
fn dot_link_into(b: &[u8], q: usize) -> Option<usize> {
    let mut k = blanks_back(b, q);
    let bracketed = matches!(byte(b, k.checked_sub(1)?)?, b']' | b')' | b'}' | b'>');
    if bracketed {
        k = blanks_back(b, k - 1);
    }
    k = if byte(b, k.checked_sub(1)?)? == b'.' {
        k - 1
    } else {
        k.checked_sub(3).filter(|&s| word_at(b, s, b"dot"))?
    };
    if bracketed {
        k = blanks_back(b, k);
        k = k.checked_sub(1).filter(|&s| matches!(byte(b, s), Some(b'[' | b'(' | b'{' | b'<')))?;
    }
    let p = blanks_back(b, k);
    let after_word = byte(b, p.checked_sub(1)?).is_some_and(is_local);
    (after_word && email_separator(b, p) == Some((q, false))).then_some(p)
}

/// A byte of a local part: `[A-Za-z0-9_+\-]`.
fn is_local(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-')
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// The end of the run of bytes satisfying `f` from `i`.
fn run_end(b: &[u8], mut i: usize, f: impl Fn(u8) -> bool) -> usize {
    while byte(b, i).is_some_and(&f) {
        i += 1;
    }
    i
}

/// The start of the run of blanks ending at `i`.
fn blanks_back(b: &[u8], mut i: usize) -> usize {
    while i > 0 && byte(b, i - 1).is_some_and(is_blank) {
        i -= 1;
    }
    i
}

/// Whether `b[i..]` starts with the lowercase ASCII `word`, in any ASCII case.
fn word_at(b: &[u8], i: usize, word: &[u8]) -> bool {
    word.iter().enumerate().all(|(k, &w)| byte(b, i + k).is_some_and(|c| c.to_ascii_lowercase() == w))
}

/// The byte at `i`. Every read of the spelled-address scan goes through here, so that the
/// tests can count them (and show the scan linear).
#[inline(always)]
fn byte(b: &[u8], i: usize) -> Option<u8> {
    #[cfg(test)]
    tests::BYTE_READS.with(|n| n.set(n.get() + 1));
    b.get(i).copied()
}

/// Cheap necessary conditions for the word passes, found in one scan over the bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Words {
    /// Pass 3 may apply: an `@` with a blank beside it, a bracketed `at`/`dot`/`@`/`.`, a spaced
    /// `dot` or `.`, or a spaced `at` followed by a `name.tld`-shaped word.
    email: bool,
    /// Pass 4 may apply: two digit words in a row (`five five`, `one, two`).
    digits: bool,
}

impl Words {
    fn scan(b: &[u8]) -> Words {
        let mut found = Words::default();
        let word_at = |i: usize, w: &[u8]| b.get(i..i + w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w));
        let blank = |i: usize| b.get(i).is_some_and(|&c| c == b' ' || c == b'\t');
        let skip_blanks = |mut i: usize| {
            while blank(i) {
                i += 1;
            }
            i
        };
        let mut from = 0;
        while let Some(at) = next_word_trigger(b, from) {
            from = at + 1;
            let c = b.get(at).copied().unwrap_or(0);
            // After a gap character, only a few next letters can start `at`, `dot` or a digit word.
            let i = at + 1;
            if in_table(&GAP, c) && !b.get(i).is_some_and(|&n| in_table(&NEXT, n)) {
                continue;
            }
            match c {
                // A plain `@` between plain dots is an address, not a disguised one: pass 3
                // rewrites only obfuscated separators, and a bare `@` is one only with a blank
                // beside it (`j.doe @ x.org`).
                b'@' => found.email |= at.checked_sub(1).is_some_and(blank) || blank(i),
                b'[' | b'(' | b'{' | b'<' if !found.email => {
                    let j = skip_blanks(i);
                    let k = if word_at(j, b"at") {
                        j + 2
                    } else if word_at(j, b"dot") {
                        j + 3
                    } else if matches!(b.get(j), Some(b'.' | b'@')) {
                        j + 1
                    } else {
                        continue;
                    };
                    found.email = matches!(b.get(skip_blanks(k)), Some(b']' | b')' | b'}' | b'>'));
                }
                _ => {}
            }
            // After a gap character: a spelled `dot`/`at`, or the second of two digit words.
            if !in_table(&GAP, c) {
                continue;
            }
            // `| 0x20` lowercases ASCII letters and keeps `.`.
            let lower = |j: usize| b.get(j).map_or(0, |&c| c | 0x20);
            if !found.email && (c == b' ' || c == b'\t') {
                match lower(i) {
                    b'd' => found.email = lower(i + 1) == b'o' && lower(i + 2) == b't' && blank(i + 3),
                    b'.' => found.email = blank(i + 1),
                    b'a' if lower(i + 1) == b't' && blank(i + 2) => {
                        // `at name.tld`: a label, a dot, a letter.
                        let mut j = skip_blanks(i + 2);
                        let label = j;
                        while b.get(j).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'-') {
                            j += 1;
                        }
                        found.email = j > label
                            && b.get(j) == Some(&b'.')
                            && b.get(j + 1).is_some_and(u8::is_ascii_alphabetic);
                    }
                    _ => {}
                }
            }
            if !found.digits && may_start_digit_word(b, i) && digit_word_len(b, i).is_some() {
                // Back over at most four gap characters to the end of the previous word.
                let mut end = i - 1;
                while end > 0 && i - end <= 4 && b.get(end).is_some_and(|&c| in_table(&GAP, c)) {
                    end -= 1;
                }
                let mut start = end + 1;
                while start > 0
                    && end + 1 - start < 5
                    && b.get(start - 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    start -= 1;
                }
                found.digits = i - (end + 1) <= 4 && digit_word_len(b, start) == Some(end + 1 - start);
            }
            if found.email && found.digits {
                break;
            }
        }
        found
    }
}

/// The first offset at or after `from` where [`Words::scan`] can learn something: an `@` or an
/// opening mark, or a gap character followed by a byte of `NEXT` (at any other gap character it
/// moves on at once). One tight search over byte pairs.
fn next_word_trigger(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    // One table read for most bytes: 0 for a byte that is no mark or gap character.
    let pair = |w: &[u8]| match *w {
        [c, n] => match WORD_CLASS.get(usize::from(c)).copied().unwrap_or(0) {
            0 => false,
            MARK => true,
            _ => in_table(&NEXT, n),
        },
        _ => false,
    };
    if let Some(k) = rest.windows(2).position(pair) {
        return Some(from + k);
    }
    // The last byte has no byte after it: only a mark there can matter.
    let last = b.len().checked_sub(1)?;
    (last >= from && b.get(last).is_some_and(|&c| in_table(&MARKS, c))).then_some(last)
}

/// Whether `set` holds `byte` (for the tables built at compile time).
const fn member(set: &[u8], byte: u8) -> bool {
    let mut members = set;
    while let [member, more @ ..] = members {
        if *member == byte {
            return true;
        }
        members = more;
    }
    false
}

/// A byte table: true for each byte of `set`.
const fn byte_table(set: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut slots: &mut [bool] = &mut t;
    let mut byte = 0u8;
    while let [slot, rest @ ..] = slots {
        let mut members = set;
        while let [member, more @ ..] = members {
            if *member == byte {
                *slot = true;
            }
            members = more;
        }
        byte = byte.wrapping_add(1);
        slots = rest;
    }
    t
}

/// Whether `table` (from [`byte_table`]) holds `c`.
fn in_table(table: &[bool; 256], c: u8) -> bool {
    table.get(usize::from(c)).is_some_and(|&x| x)
}

/// Bytes where [`Words::scan`] looks closer (the tests check [`next_word_trigger`] against them).
#[cfg(test)]
static INTERESTING: [bool; 256] = byte_table(b"@[({< \t\r\n,;.-/");
/// The bytes a separator between digit groups ([`separator_end`]) can start with.
static SEPARATOR_START: [bool; 256] = byte_table(b" \t-._\r\n");
/// [`WORD_CLASS`] of a mark (of a gap character: 1, of any other byte: 0).
const MARK: u8 = 2;
/// [`MARKS`] and [`GAP`] in one table, as [`next_word_trigger`] reads them.
static WORD_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut slots: &mut [u8] = &mut t;
    let mut byte = 0u8;
    while let [slot, rest @ ..] = slots {
        *slot = if member(MARK_BYTES, byte) {
            MARK
        } else if member(GAP_BYTES, byte) {
            1
        } else {
            0
        };
        byte = byte.wrapping_add(1);
        slots = rest;
    }
    t
};
/// The marks [`Words::scan`] looks at: `@` and opening brackets.
static MARKS: [bool; 256] = byte_table(MARK_BYTES);
/// The members of [`MARKS`].
const MARK_BYTES: &[u8] = b"@[({<";
/// Gap characters: what may separate spelled digits, or precede a spelled `at` or `dot`.
static GAP: [bool; 256] = byte_table(GAP_BYTES);
/// The members of [`GAP`].
const GAP_BYTES: &[u8] = b" \t\r\n,;.-/";
/// First bytes of `at`, `dot`, `.` and the digit words, in either case.
static NEXT: [bool; 256] = byte_table(b"adzotfsenADZOTFSEN.");

/// A quick necessary condition of [`digit_word_len`] at `i`: the first two letters of a digit
/// word, in any ASCII case (they pick the word).
#[inline]
fn may_start_digit_word(b: &[u8], i: usize) -> bool {
    let lower = |k: usize| b.get(k).map_or(0, |&c| c | 0x20);
    matches!(
        (lower(i), lower(i + 1)),
        (b'z', b'e')
            | (b'o', b'h' | b'n')
            | (b't', b'w' | b'h')
            | (b'f', b'o' | b'i')
            | (b's', b'i' | b'e')
            | (b'e', b'i')
            | (b'n', b'i')
    )
}

/// The length of the digit word (`zero` to `nine`, `oh`) starting at `i`, if one does and it is
/// not glued to letters or digits on either side.
fn digit_word_len(b: &[u8], i: usize) -> Option<usize> {
    // The first two letters pick the only candidate (`| 0x20` lowercases ASCII letters).
    let word: &[u8] = match (b.get(i)? | 0x20, b.get(i + 1)? | 0x20) {
        (b'z', b'e') => b"zero",
        (b'o', b'h') => b"oh",
        (b'o', b'n') => b"one",
        (b't', b'w') => b"two",
        (b't', b'h') => b"three",
        (b'f', b'o') => b"four",
        (b'f', b'i') => b"five",
        (b's', b'i') => b"six",
        (b's', b'e') => b"seven",
        (b'e', b'i') => b"eight",
        (b'n', b'i') => b"nine",
        _ => return None,
    };
    let glued = |j: Option<usize>| j.and_then(|j| b.get(j)).is_some_and(u8::is_ascii_alphanumeric);
    let same = b.get(i..i + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word));
    (same && !glued(i.checked_sub(1)) && !glued(Some(i + word.len()))).then_some(word.len())
}

/// The end of the separator starting at `i` between digit groups, if any: spaces and tabs,
/// then at most one of `-`, `.`, `_`, then spaces, then at most one line break (after nothing
/// or a dash), then spaces. [`Sep::classify`] says which kind it is.
fn separator_end(bytes: &[u8], i: usize) -> Option<usize> {
    let blanks = |mut j: usize| {
        while bytes.get(j).is_some_and(|&b| b == b' ' || b == b'\t') {
            j += 1;
        }
        j
    };
    let mut j = blanks(i);
    let punct = bytes.get(j).copied().filter(|b| matches!(b, b'-' | b'.' | b'_'));
    if punct.is_some() {
        j = blanks(j + 1);
    }
    if matches!(punct, None | Some(b'-')) {
        let k = if bytes.get(j) == Some(&b'\r') { j + 1 } else { j };
        if bytes.get(k) == Some(&b'\n') {
            j = blanks(k + 1);
        }
    }
    (j > i).then_some(j)
}

/// Where the next ASCII digit at or after `from` is, as an offset from `from`: eight bytes at a
/// time, testing all of them at once for a byte in `0x30..=0x39`.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let at =
        crate::swar::find(bytes, from, |x| crate::swar::range_mask(x, b'0', b'9'), |c| c.is_ascii_digit());
    at.map(|at| at - from)
}

/// A separator between two digit groups.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Sep {
    /// Spaces and tabs only; the count.
    Space(usize),
    /// A dash, with or without spaces around it.
    Dash { spaced: bool },
    /// A dot or an underscore, with or without spaces around it.
    Punct { spaced: bool },
    /// A line break, possibly after a dash.
    Break { dash: bool },
}

impl Sep {
    fn classify(s: &[u8]) -> Sep {
        let spaced = s.iter().any(|&b| b == b' ' || b == b'\t');
        if s.contains(&b'\n') {
            Sep::Break { dash: s.contains(&b'-') }
        } else if s.contains(&b'-') {
            Sep::Dash { spaced }
        } else if s.iter().any(|&b| b == b'.' || b == b'_') {
            Sep::Punct { spaced }
        } else {
            Sep::Space(s.len())
        }
    }
}

/// Pass 2: percent-escapes of URL-safe ASCII characters.
fn percent(text: &str, out: &mut Vec<Rewrite>) {
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('%') {
        let hex = |j: usize| bytes.get(j).and_then(|&b| char::from(b).to_digit(16));
        let (Some(hi), Some(lo)) = (hex(i + 1), hex(i + 2)) else { continue };
        let b = (hi * 16 + lo) as u8;
        let with = match b {
            b' ' => '-',
            b if b.is_ascii_alphanumeric() || b"-._~@:+=&;,/?#!$'()*".contains(&b) => char::from(b),
            _ => continue,
        };
        out.push(Rewrite { start: i, end: i + 3, with: Some(with) });
    }
}

/// `value` with pass 1 applied (Unicode digits and fullwidth forms to ASCII, invisible characters
/// removed, odd dashes, spaces and dots to ASCII, look-alike letters to Latin): the form that
/// pseudonym subjects are computed from, so a disguised value gets the token prefix of the plain
/// one (and fullwidth digits do not all collapse to an empty subject).
pub(crate) fn fold_value(value: &str) -> Cow<'_, str> {
    let mut rewrites = Vec::new();
    fold_chars(value, &mut rewrites);
    if rewrites.is_empty() {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(apply(value, &rewrites).0)
    }
}

/// What pass 1 does with one character.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fold {
    Keep,
    Drop,
    To(char),
    /// A Cyrillic or Greek look-alike of a Latin letter: mapped unless its word is genuine
    /// Cyrillic or Greek.
    Homoglyph(char),
    /// A Cyrillic or Greek letter with no Latin look-alike.
    Foreign,
}

/// How many ASCII bytes `b[from..]` starts with: eight bytes at a time.
fn ascii_run(b: &[u8], from: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let rest = b.get(from..).unwrap_or(&[]);
    let mut chunks = rest.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let high = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8])) & HIGH;
        if high != 0 {
            return n + high.trailing_zeros() as usize / 8;
        }
        n += 8;
    }
    n + chunks.remainder().iter().take_while(|c| c.is_ascii()).count()
}

/// Pass 1: characters (see the module docs).
fn fold_chars(text: &str, out: &mut Vec<Rewrite>) {
    if text.is_ascii() {
        return;
    }
    // Rewrites inside the current word wait until we know whether the word is foreign.
    let mut pending: Vec<(Rewrite, bool)> = Vec::new();
    let mut foreign = false;
    let flush = |pending: &mut Vec<(Rewrite, bool)>, foreign: &mut bool, out: &mut Vec<Rewrite>| {
        for (r, homoglyph) in pending.drain(..) {
            if !homoglyph || !*foreign {
                out.push(r);
            }
        }
        *foreign = false;
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII never changes: skip it, stopping only where a pending word may end.
        let word_open = foreign || !pending.is_empty();
        let skip = if word_open {
            bytes
                .get(i..)
                .unwrap_or(&[])
                .iter()
                .position(|&b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - i)
        } else {
            ascii_run(bytes, i)
        };
        i += skip;
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { break };
        let end = i + c.len_utf8();
        if c.is_ascii() {
            flush(&mut pending, &mut foreign, out);
            i = end;
            continue;
        }
        let fold = classify(c);
        let in_word = fold == Fold::Drop || c.is_alphanumeric();
        if !in_word {
            flush(&mut pending, &mut foreign, out);
        }
        let start = i;
        i = end;
        let (rewrite, homoglyph) = match fold {
            Fold::Keep => continue,
            Fold::Foreign => {
                foreign = true;
                continue;
            }
            Fold::Drop => (Rewrite { start, end, with: None }, false),
            Fold::To(t) => (Rewrite { start, end, with: Some(t) }, false),
            Fold::Homoglyph(t) => (Rewrite { start, end, with: Some(t) }, true),
        };
        if in_word {
            pending.push((rewrite, homoglyph));
        } else {
            out.push(rewrite);
        }
    }
    flush(&mut pending, &mut foreign, out);
}

/// The first code point of every run of ten Unicode decimal digits (general category Nd, from
/// the Unicode 14 character database), ascending.
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50,
    0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
    0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066,
    0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950,
    0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The ASCII digit of a decimal digit of any script, superscript, subscript or circled digit.
fn digit_value(cp: u32) -> Option<u32> {
    let k = DIGIT_ZEROS.partition_point(|&z| z <= cp);
    if let Some(&zero) = k.checked_sub(1).and_then(|i| DIGIT_ZEROS.get(i)) {
        if cp - zero < 10 {
            return Some(cp - zero);
        }
    }
    match cp {
        0xB2 => Some(2),
        0xB3 => Some(3),
        0xB9 => Some(1),
        0x2070 => Some(0),
        0x2074..=0x2079 => Some(cp - 0x2070),
        0x2080..=0x2089 => Some(cp - 0x2080),
        0x2460..=0x2468 => Some(cp - 0x245F),
        0x24EA | 0x24FF => Some(0),
        0x2776..=0x277E => Some(cp - 0x2775),
        0x2780..=0x2788 => Some(cp - 0x277F),
        0x278A..=0x2792 => Some(cp - 0x2789),
        _ => None,
    }
}

fn classify(c: char) -> Fold {
    if c.is_ascii() {
        return Fold::Keep;
    }
    let cp = u32::from(c);
    // Latin-1 letters and most punctuation are common and never change.
    if (0xC0..0x2D7).contains(&cp) {
        return Fold::Keep;
    }
    if let Some(d) = digit_value(cp) {
        return Fold::To(char::from(b'0' + d as u8));
    }
    let to = |c: u32| char::from_u32(c).map_or(Fold::Keep, Fold::To);
    match cp {
        // Fullwidth ASCII.
        0xFF01..=0xFF5E => to(cp - 0xFEE0),
        // Invisible: soft hyphen, combining grapheme joiner, Arabic letter mark, Mongolian and
        // Khmer fillers, zero-width space/joiners, bidi marks and controls, word joiner and
        // invisible operators, variation selectors, BOM, tags.
        0xAD
        | 0x34F
        | 0x61C
        | 0x115F
        | 0x1160
        | 0x17B4
        | 0x17B5
        | 0x180B..=0x180F
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x206F
        | 0x3164
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xFFA0
        | 0xE0000..=0xE007F => Fold::Drop,
        0xA0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => Fold::To(' '),
        0x85 | 0x2028 | 0x2029 => Fold::To('\n'),
        0x2D7 | 0x58A | 0x2010..=0x2015 | 0x2043 | 0x2212 | 0x2E3A | 0x2E3B | 0xFE58 | 0xFE63 => {
            Fold::To('-')
        }
        0xB7 | 0x387 | 0x2024 | 0x2027 | 0x2219 | 0x22C5 | 0x3002 | 0xFE52 | 0xFF61 => Fold::To('.'),
        0xFE6B => Fold::To('@'),
        0x2044 | 0x2215 => Fold::To('/'),
        // Mathematical alphanumeric letters: 13 styles of A-Z then a-z.
        0x1D400..=0x1D6A3 => {
            let i = (cp - 0x1D400) % 52;
            to(if i < 26 { u32::from(b'A') + i } else { u32::from(b'a') + i - 26 })
        }
        _ => match homoglyph(c) {
            Some(l) => Fold::Homoglyph(l),
            None if matches!(cp, 0x370..=0x3FF | 0x400..=0x52F | 0x1F00..=0x1FFF) => {
                if c.is_alphabetic() {
                    Fold::Foreign
                } else {
                    Fold::Keep
                }
            }
            None => Fold::Keep,
        },
    }
}

/// Cyrillic and Greek letters that render like Latin ones (a subset of Unicode confusables).
fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'с' => 'c',
        'ԁ' => 'd',
        'е' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'ӏ' => 'l',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'ԝ' => 'w',
        'х' => 'x',
        'у' => 'y',
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Һ' => 'H',
        'Н' => 'H',
        'І' | 'Ӏ' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ԛ' => 'Q',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Ԝ' => 'W',
        'Х' => 'X',
        'У' | 'Ү' => 'Y',
        'α' => 'a',
        'ϲ' => 'c',
        'ι' => 'i',
        'ϳ' => 'j',
        'κ' => 'k',
        'ο' => 'o',
        'ρ' => 'p',
        'υ' => 'u',
        'ν' => 'v',
        'Α' => 'A',
        'Β' => 'B',
        'Ϲ' => 'C',
        'Ε' => 'E',
        'Η' => 'H',
        'Ι' => 'I',
        'Ϳ' => 'J',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'Ζ' => 'Z',
        _ => return None,
    })
}

#[cfg(test)]
#[path = "normalize_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::random_texts;
    use regex::Regex;
    use std::cell::Cell;

    thread_local! {
        /// Bytes read by the spelled-address scan on this thread (see [`byte`]).
        pub(super) static BYTE_READS: Cell<u64> = const { Cell::new(0) };
    }

    #[test]
    fn ascii_runs_are_what_a_byte_test_finds() {
        let pieces = ["a", "é", " ", "😀", "xyz0123", "\u{7F}", "\u{80}"];
        for text in random_texts(0xA5C1_1A5C, &pieces, 30, 5_000) {
            let b = text.as_bytes();
            for from in 0..=b.len() + 1 {
                let want = b.get(from..).map_or(0, |r| r.iter().take_while(|c| c.is_ascii()).count());
                assert_eq!(ascii_run(b, from), want, "{text:?} {from}");
            }
        }
    }

    #[test]
    fn word_triggers_are_what_a_byte_test_finds() {
        let pieces = ["a", "d", " ", ".", "@", "[", "x", "\t", ",", "é", "Z", "-", "<", "o"];
        for text in random_texts(0x7816_6E55, &pieces, 12, 20_000) {
            let b = text.as_bytes();
            let expected: Vec<usize> = (0..b.len())
                .filter(|&i| {
                    in_table(&INTERESTING, b[i])
                        && (!in_table(&GAP, b[i]) || b.get(i + 1).is_some_and(|&n| in_table(&NEXT, n)))
                })
                .collect();
            let mut got = Vec::new();
            let mut from = 0;
            while let Some(at) = next_word_trigger(b, from) {
                got.push(at);
                from = at + 1;
            }
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn byte_tables() {
        let t = byte_table(b"a.");
        for c in 0..=255u8 {
            assert_eq!(in_table(&t, c), c == b'a' || c == b'.', "{c}");
        }
    }

    fn view(text: &str) -> String {
        Normalizer::new().unwrap().normalize(text).map(|n| n.text).unwrap_or_else(|| text.to_owned())
    }

    /// The original text behind `needle` (which must occur once in the view).
    fn back(text: &str, needle: &str) -> String {
        let n = Normalizer::new().unwrap().normalize(text).expect("something to normalize");
        let start = n.text.find(needle).expect("needle in view");
        let (s, e) = n.to_original(start, start + needle.len());
        text[s..e].to_owned()
    }

    #[test]
    fn plain_text_takes_the_fast_path() {
        let n = Normalizer::new().unwrap();
        for t in [
            "",
            "Metformin 500 mg twice daily; BP 128/82; HbA1c 7.2%; seen at 10:30 in room 412.",
            "mail jane.doe@example.com or call (212) 555-0100; card 4111 1111 1111 1111.",
            "Le patient est arrivé à l'hôpital; température 37,8 °C, « stable » ’ok’ 😀.",
            "Пациент Иванов, палата 12.",
            "IP 192.168.10.200, v2.14.3, dated 14.03.1962, total 1,234.56, ratio 3.5",
            "She looked at him. Visit us at example.com. Meet me at noon.",
            "one or two tablets, someone done",
            "50% of 20%",
        ] {
            assert!(n.normalize(t).is_none(), "{t:?} -> {:?}", n.normalize(t).map(|v| v.text));
        }
    }

    #[test]
    fn characters() {
        assert_eq!(view("４１１１ １１１１"), "4111 1111");
        assert_eq!(view("٤١١١-١١١١ ०१२३ 𝟒𝟏 ①②"), "4111-1111 0123 41 12");
        assert_eq!(view("12\u{200b}3-4\u{ad}5\u{2060}-67\u{feff}89"), "123-45-6789");
        assert_eq!(view("123\u{2013}45\u{2014}6789 212\u{2012}555\u{2011}0100"), "123-45-6789 212-555-0100");
        assert_eq!(view("4111\u{a0}1111\u{2009}1111\u{3000}1111"), "4111 1111 1111 1111");
        assert_eq!(view("j\u{2024}doe\u{ff20}x\u{ff0e}org"), "j.doe@x.org");
        assert_eq!(view("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ"), "jane@example.com");
        assert_eq!(view("𝐣𝐨𝐡𝐧"), "john");
    }

    #[test]
    fn values_fold_for_subjects() {
        assert_eq!(fold_value("１２３\u{2013}４５-\u{200b}٦٧٨٩"), "123-45-6789");
        assert_eq!(fold_value("jаne@x.org"), "jane@x.org");
        assert!(matches!(fold_value("jane@x.org"), Cow::Borrowed(_)));
    }

    #[test]
    fn homoglyphs_only_in_latin_words() {
        // Cyrillic а, о, е and Greek ο inside Latin words are mapped.
        assert_eq!(view("jаne.dое@gmаil.cοm"), "jane.doe@gmail.com");
        assert_eq!(view("ЅЅN"), "SSN");
        // Genuine Cyrillic and Greek words keep every letter.
        assert_eq!(view("Иванова jаne"), "Иванова jane");
        assert_eq!(view("Καλημέρα"), "Καλημέρα");
    }

    #[test]
    fn percent_encoding() {
        assert_eq!(view("mailto:jane%2Edoe%40x.org"), "mailto:jane.doe@x.org");
        assert_eq!(view("?ssn=123%2D45%2D6789&card=4111%201111"), "?ssn=123-45-6789&card=4111-1111");
        // Escapes of characters that would end a URL, or of non-ASCII bytes, stay.
        assert_eq!(view("a%22b %C3%A9 %zz 100%"), "a%22b %C3%A9 %zz 100%");
    }

    #[test]
    fn spelled_emails() {
        assert_eq!(view("write john dot doe at gmail dot com today"), "write john.doe@gmail.com today");
        assert_eq!(view("john [at] gmail [dot] com"), "john@gmail.com");
        assert_eq!(view("JOHN(AT)GMAIL(DOT)COM"), "JOHN@GMAIL.COM");
        assert_eq!(view("john {at} mercy-hospital . org"), "john@mercy-hospital.org");
        assert_eq!(view("j.doe @ gmail.com"), "j.doe@gmail.com");
        assert_eq!(view("jdoe99 at gmail.com"), "jdoe99@gmail.com");
        assert_eq!(view("jane.doe@gmail dot com"), "jane.doe@gmail.com");
        // A wrong first candidate does not hide the right one.
        assert_eq!(view("email me at john dot doe at gmail dot com"), "email me at john.doe@gmail.com");
        // English is not an address.
        for t in ["Visit us at example.com", "she was at lunch. Dot com era", "at noon dot zzz"] {
            assert_eq!(view(t), t);
        }
    }

    #[test]
    fn email_gate_misses_no_rewrite() {
        // Whenever pass 3 would rewrite something, the byte scan says it may apply.
        let n = Normalizer::new().unwrap();
        let pieces = [
            "john", "doe", "x", "gmail", "com", "org", "zz", "9", "-", "_", "+", ".", "@", " @", "@ ", " @ ",
            "\t@", " at ", " AT ", "at", " dot ", " DoT ", " . ", "[at]", "(dot)", "{@}", "< . >", "[ at ]",
            " ", "\t", ",", "\n", "mail",
        ];
        let mut rewritten = 0;
        for text in random_texts(0x1234_5678_9ABC_DEF1, &pieces, 16, 30_000) {
            let mut out = Vec::new();
            n.spelled_email(&text, &mut out);
            if !out.is_empty() {
                rewritten += 1;
                assert!(Words::scan(text.as_bytes()).email, "{text:?}");
            }
        }
        assert!(rewritten > 500, "{rewritten}");
    }

    #[test]
    fn next_digit_finds_what_a_byte_search_finds() {
        let pieces = [
            "a", "0", "9", "/", ":", "\u{ff10}", "\u{7f}", "\u{80}", "é", " ", "12345678", "abcdefgh",
            "\u{ff}",
        ];
        for text in random_texts(0x0BAD_5EED_1234_5678, &pieces, 30, 20_000) {
            let b = text.as_bytes();
            for from in 0..=b.len() + 1 {
                let want = b.get(from..).and_then(|r| r.iter().position(u8::is_ascii_digit));
                assert_eq!(next_digit(b, from), want, "{text:?} {from}");
            }
        }
        // Every byte value, alone and among others.
        for v in 0..=255u8 {
            let mut buf = [b'a'; 19];
            for at in 0..buf.len() {
                buf[at] = v;
                assert_eq!(next_digit(&buf, 0), v.is_ascii_digit().then_some(at), "{v} at {at}");
                buf[at] = b'a';
            }
        }
    }

    /// The patterns the spelled-address scan replaced: a candidate, and its separators.
    fn email_regexes() -> (Regex, Regex) {
        let at =
            r"(?:[ \t]*[\[({<][ \t]*(?:[aA][tT]|@)[ \t]*[\])}>][ \t]*|[ \t]+[aA][tT][ \t]+|[ \t]*@[ \t]*)";
        let dot = r"(?:[ \t]*[\[({<][ \t]*(?:[dD][oO][tT]|\.)[ \t]*[\])}>][ \t]*|[ \t]+[dD][oO][tT][ \t]+|[ \t]+\.[ \t]+|\.)";
        let local = r"[A-Za-z0-9_+\-]+";
        let label = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?";
        let email =
            Regex::new(&format!("{local}(?:{dot}{local})*{at}{label}(?:{dot}{label})*{dot}[A-Za-z]{{2,24}}"))
                .unwrap();
        (email, Regex::new(&format!("{at}|{dot}")).unwrap())
    }

    /// A spelled-address candidate `(start, end)` and its separators `(start, end, is_at)`.
    type Candidate = ((usize, usize), Vec<(usize, usize, bool)>);

    /// What the regexes found at or after `from`: the candidate and its separators as
    /// `(start, end, is_at)`, `is_at` read from the separator's text as pass 3 used to.
    fn regex_candidate((email, email_sep): &(Regex, Regex), text: &str, from: usize) -> Option<Candidate> {
        let m = email.find_at(text, from)?;
        let seps = email_sep
            .find_iter(m.as_str())
            .map(|s| {
                let inner = s.as_str().trim_matches([' ', '\t', '[', ']', '(', ')', '{', '}', '<', '>']);
                let is_at = inner == "@" || inner.eq_ignore_ascii_case("at");
                (m.start() + s.start(), m.start() + s.end(), is_at)
            })
            .collect();
        Some(((m.start(), m.end()), seps))
    }

    fn scan_candidate(text: &str, from: usize) -> Option<Candidate> {
        let mut seps = vec![EmailSep { start: 7, end: 9, at: true }];
        let found = next_spelled_email(text.as_bytes(), from, email_at_limit(text.as_bytes()), &mut seps)?;
        Some((found, seps.iter().map(|s| (s.start, s.end, s.at)).collect()))
    }

    /// Pass 3 as it was with the regexes, for comparing whole outputs.
    fn regex_spelled_email(res: &(Regex, Regex), text: &str) -> Vec<Rewrite> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(((m_start, m_end), seps)) = regex_candidate(res, text, from) {
            let m = &text[m_start..m_end];
            let seps: Vec<_> = seps
                .into_iter()
                .map(|(s, e, at)| (s, e, at, &text[s..e] != "." && &text[s..e] != "@"))
                .collect();
            let at = seps.iter().position(|s| s.2).unwrap();
            let at_sep = seps[at];
            let bare_at = text[at_sep.0..at_sep.1].trim_matches([' ', '\t']).eq_ignore_ascii_case("at");
            let domain_obfuscated = seps.iter().skip(at + 1).any(|s| s.3);
            let tld = m.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
            let local_is_address_like =
                at > 0 || text[m_start..at_sep.0].bytes().any(|b| !b.is_ascii_alphabetic());
            let accept = seps.iter().any(|s| s.3)
                && (!bare_at
                    || (tld.len() == 2 || COMMON_TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld)))
                        && (domain_obfuscated || local_is_address_like));
            if !accept {
                from = at_sep.1.max(m_start + 1);
                continue;
            }
            for (start, end, is_at, obfuscated) in seps {
                if obfuscated {
                    out.push(Rewrite { start, end, with: Some(if is_at { '@' } else { '.' }) });
                }
            }
            from = m_end;
        }
        out
    }

    /// The scan finds what the regexes found, from every starting offset, with the same
    /// separators, over texts built from pieces that hit every boundary of the pattern; and
    /// pass 3 rewrites exactly what it rewrote with them.
    #[test]
    fn spelled_email_scan_matches_the_regexes() {
        let res = email_regexes();
        let n = Normalizer::new().unwrap();
        // Every boundary of the pattern, and then mostly words and separators, which makes
        // candidates common.
        let boundaries = [
            "john",
            "x",
            "9",
            "-",
            "_",
            "+",
            "a-b",
            "mercy-hospital",
            "-x",
            "x-",
            "a_b",
            "com",
            "org",
            "c",
            "co",
            "ab",
            "abcdefghijklmnopqrstuvwx",
            "abcdefghijklmnopqrstuvwxy",
            "a1",
            " ",
            "\t",
            "  ",
            " \t",
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            "<",
            ">",
            "at",
            "AT",
            "aT",
            "@",
            "dot",
            "DOT",
            "DoT",
            ".",
            " at ",
            " AT\t",
            " dot ",
            "\tDot ",
            " . ",
            " @ ",
            "[at]",
            "(dot)",
            "{@}",
            "<.>",
            "[ at ]",
            "( dot )",
            "<\tAt>",
            "{DOT }",
            ",",
            "\n",
            "é",
            "ſ",
            "\u{212a}",
        ];
        let dense = [
            "john",
            "x",
            "9",
            "a-b",
            "x-",
            "_",
            "com",
            "org",
            "c",
            "co",
            "abcdefghijklmnopqrstuvwx",
            "abcdefghijklmnopqrstuvwxy",
            "at",
            "dot",
            " ",
            "@",
            ".",
            ".",
            " at ",
            " AT ",
            " dot ",
            " . ",
            " @ ",
            "[at]",
            "(dot)",
            "{@}",
            "<.>",
            "[ at ]",
            "( DOT )",
        ];
        let (mut matched, mut rewritten) = (0, 0);
        let texts = random_texts(0x5EED_E4A1_0F0F_1234, &boundaries, 16, 8_000).chain(random_texts(
            0x0DDB_A11C_AFE5_7EED,
            &dense,
            10,
            20_000,
        ));
        for text in texts {
            let mut candidates = std::collections::BTreeSet::new();
            let mut from = 0;
            while from <= text.len() {
                let want = regex_candidate(&res, &text, from);
                assert_eq!(scan_candidate(&text, from), want, "{text:?} from {from}");
                candidates.extend(want.map(|w| w.0));
                from += text[from..].chars().next().map_or(1, char::len_utf8);
            }
            let mut out = Vec::new();
            n.spelled_email(&text, &mut out);
            assert_eq!(out, regex_spelled_email(&res, &text), "{text:?}");
            rewritten += out.len();
            matched += candidates.len();
        }
        assert!(matched > 2_500 && rewritten > 500, "{matched} {rewritten}");
    }

    /// Bytes the spelled-address pass reads on `text`.
    fn reads(text: &str) -> u64 {
        let before = BYTE_READS.with(Cell::get);
        Normalizer::new().unwrap().spelled_email(text, &mut Vec::new());
        BYTE_READS.with(Cell::get) - before
    }

    /// Linear time, counted in bytes read: shapes that would make a naive scan restart at every
    /// word, or walk a long chain of dots again from each of its words, read each byte a
    /// bounded number of times, and ten times the input costs ten times the reads.
    #[test]
    fn spelled_email_scan_is_linear() {
        let shapes: Vec<(&str, String, &str)> = vec![
            ("a x50k + at, dot x20k", "a".repeat(50_000), " at "),
            ("", String::new(), " dot "),
            ("", String::new(), "a dot "),
            ("", String::new(), "a.b "),
            ("", String::new(), "a."),
            ("", String::new(), "a@"),
            ("", String::new(), "a.b@"),
            ("", String::new(), "x@a."),
            ("", String::new(), "x at a dot "),
            ("", String::new(), "a dot dot "),
            ("", String::new(), "dot at "),
            ("", String::new(), "[dot]a"),
            ("", String::new(), " [ at ] a "),
            ("", String::new(), "a at b.c "),
            ("", String::new(), "a at bb.cc at "),
            ("", String::new(), "john dot doe at gmail dot com "),
            ("", String::new(), "a@b.cc."),
            ("", String::new(), "\t"),
        ];
        for (name, head, unit) in &shapes {
            let text = |k: usize| format!("{head}{}", unit.repeat(k));
            let small = text(2_000);
            let big = text(20_000);
            let (r_small, r_big) = (reads(&small), reads(&big));
            let per_byte = r_big as f64 / big.len() as f64;
            assert!(per_byte < 16.0, "{name:?} {unit:?}: {per_byte:.1} reads per byte");
            if head.is_empty() {
                let growth = r_big as f64 / r_small as f64;
                assert!(growth < 10.5, "{unit:?}: x10 input, x{growth:.1} reads");
            }
        }
        // `a`x50k, then ` at `, then ` dot `x20k: the long word is read a bounded number of times.
        let text = format!("{} at {}", "a".repeat(50_000), " dot ".repeat(20_000));
        assert!(reads(&text) < 16 * text.len() as u64, "{}", reads(&text));
        // Random texts of many pieces from every boundary.
        let pieces = [
            "a", "john", "b-c", "com", "x", " ", "\t", "[", "]", "(", ")", "at", "AT", "@", "dot", "DOT",
            ".", " at ", " dot ", " . ", "[at]", "(dot)", "{@}", "<.>", "_", "-",
        ];
        for text in random_texts(0xA5A5_5A5A_1357_9BDF, &pieces, 4_000, 40) {
            let per_byte = reads(&text) as f64 / text.len().max(1) as f64;
            assert!(per_byte < 16.0, "{per_byte:.1} reads per byte");
        }
    }

    #[test]
    fn digit_word_scan_matches_the_pattern_it_replaced() {
        let re = Regex::new(r"(?i)(?-u:\b)(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)(?-u:\b)")
            .unwrap();
        let pieces = [
            "one",
            "ONE",
            "oNe",
            "on",
            "ones",
            "oh",
            "OH",
            "ohm",
            "zero",
            "two",
            "Three",
            "thre",
            "four",
            "FIVE",
            "six",
            "Six",
            "\u{17f}ix",
            "\u{17f}even",
            "\u{17f}",
            "seven",
            "eight",
            "nine",
            "nin",
            "e",
            "n",
            "x",
            "_",
            "1",
            "9",
            " ",
            ",",
            "-",
            ".",
            "\n",
            "é",
            "\u{212a}",
            "K",
        ];
        let mut matched = 0;
        for text in random_texts(0x7F4A_7C15_9E37_79B9, &pieces, 12, 30_000) {
            let want: Vec<_> = re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let mut got = Vec::new();
            let mut from = 0;
            while let Some((start, end)) = next_digit_word(text.as_bytes(), from) {
                got.push((start, end));
                from = end;
            }
            assert_eq!(got, want, "{text:?}");
            matched += got.len();
        }
        assert!(matched > 10_000, "{matched}");
    }

    #[test]
    fn spelled_digits() {
        assert_eq!(view("call five five five, zero one two three"), "call 555-0123");
        assert_eq!(view("SSN one two three - four five - six seven eight nine."), "SSN 123-45-6789.");
        assert_eq!(view("Two One Two five five five oh one nine nine"), "2125550199");
        assert_eq!(view("take one or two, someone"), "take one or two, someone");
        assert_eq!(view("oh one two"), "oh one two");
        assert_eq!(view("oh one two three oh"), "oh 123 oh");
    }

    #[test]
    fn digit_groups() {
        assert_eq!(view("4111 1111\n1111 1111"), "4111 1111 1111 1111");
        assert_eq!(view("123-45-\r\n6789"), "123-45-6789");
        assert_eq!(view("1 2 3 - 4 5 - 6 7 8 9"), "123-45-6789");
        assert_eq!(view("4 1 1 1   1 1 1 1   1 1 1 1   1 1 1 1"), "4111 1111 1111 1111");
        assert_eq!(view("123 - 45 - 6789"), "123-45-6789");
        assert_eq!(view("4111  1111  1111  1111"), "4111 1111 1111 1111");
        assert_eq!(
            view("4111.1111.1111.1111 and 123.45.6789 and 4111_1111_1111_1111"),
            "4111-1111-1111-1111 and 123-45-6789 and 4111-1111-1111-1111"
        );
        // Addresses, dates, versions, decimals and short lists stay.
        assert_eq!(view("(6 8 5) 7 8 2 - 1 4 5 8"), "(685) 782-1458");
        assert_eq!(view("(212)   555-0100 (2)\t\t3"), "(212) 555-0100 (2) 3");
        for t in [
            "192.168.100.200",
            "14.03.1962",
            "2.14.3",
            "7.2 mmol",
            "1 2",
            "8 9 10",
            "v12.34.5678",
            "1.2.840.10008.5.1",
        ] {
            assert_eq!(view(t), t);
        }
    }

    #[test]
    fn offsets_cover_every_original_character() {
        assert_eq!(back("x 12\u{200b}3-45-6789 y", "123-45-6789"), "12\u{200b}3-45-6789");
        assert_eq!(back("x ４１１１ y", "4111"), "４１１１");
        assert_eq!(
            back("write john dot doe at gmail dot com!", "john.doe@gmail.com"),
            "john dot doe at gmail dot com"
        );
        assert_eq!(
            back("call five five five, zero one two three.", "555-0123"),
            "five five five, zero one two three"
        );
        assert_eq!(back("a 4111 1111\n1111 1111 b", "4111 1111 1111 1111"), "4111 1111\n1111 1111");
        // Layers compose: fullwidth digits, then a spaced-out chain.
        assert_eq!(back("n: １ ２ ３ ４ ５ ６ ７ ８ ９.", "123456789"), "１ ２ ３ ４ ５ ６ ７ ８ ９");
        assert_eq!(back("?e=j%2Edoe%40x.org&", "j.doe@x.org"), "j%2Edoe%40x.org");
    }

    #[test]
    fn findings_widen_over_glued_invisibles_but_not_into_neighbours() {
        use crate::detect::EntityKind::{Email, Ssn};
        let text = "x \u{202d}ab\u{200b}\u{202c}\u{200b}cd\u{200b} y";
        let f = |start, end| Finding::new(Ssn, start, end, 1.0, true);
        let mut findings = vec![f(5, 7), Finding::new(Email, 16, 18, 1.0, true)];
        widen_over_invisibles(text, &mut findings);
        assert_eq!(&text[findings[0].start..findings[0].end], "\u{202d}ab\u{200b}\u{202c}\u{200b}");
        assert_eq!(&text[findings[1].start..findings[1].end], "cd\u{200b}");
        let mut alone = vec![f(0, 1)];
        widen_over_invisibles("a b", &mut alone);
        assert_eq!((alone[0].start, alone[0].end), (0, 1));
    }

    #[test]
    fn layer_maps_edges() {
        let (out, layer) = apply("ab\u{200b}cd", &[Rewrite { start: 2, end: 5, with: None }]);
        assert_eq!(out, "abcd");
        assert_eq!((layer.start(0), layer.end(4)), (0, 7));
        assert_eq!((layer.start(2), layer.end(2)), (5, 2));
        assert_eq!(layer.end(0), 0);
        let (out, layer) = apply("x４y", &[Rewrite { start: 1, end: 4, with: Some('4') }]);
        assert_eq!(out, "x4y");
        assert_eq!((layer.start(1), layer.end(2), layer.start(2), layer.end(3)), (1, 4, 4, 5));
    }

    #[test]
    fn every_decimal_digit_run_is_ten_long() {
        for &zero in DIGIT_ZEROS {
            for d in 0..10 {
                let c = char::from_u32(zero + d).unwrap();
                assert!(c.is_numeric(), "{:X}", zero + d);
                assert_eq!(digit_value(zero + d), Some(d));
            }
        }
        assert_eq!(digit_value(u32::from('a')), None);
        assert_eq!(digit_value(0x2469), None); // circled ten is not a digit
    }

    /// The current view and offset map of `text` in the form of [`reference::view_and_map`].
    fn view_and_map(text: &str) -> reference::ViewAndMap {
        let n = Normalizer::new().unwrap().normalize(text)?;
        let layers = n
            .layers
            .iter()
            .map(|l| l.edits.iter().map(|e| (e.out_start, e.out_end, e.src_start, e.src_end)).collect())
            .collect();
        Some((n.text, layers))
    }

    /// Pieces that reach every pass and each of their boundaries: digit groups and every
    /// separator between them (single and wide blanks, dashes spaced or not, dots and
    /// underscores, line breaks after a dash or not, `)` before wide blanks), dotted chains just
    /// inside and outside the identifier limits, spelled digits and addresses in every case and
    /// bracket, percent-escapes, non-ASCII digits, invisible characters, look-alike letters,
    /// `ſ`, and ordinary words.
    const PIECES: &[&str] = &[
        "1",
        "2",
        "12",
        "123",
        "1234",
        "12345",
        "123456",
        "1234567",
        "0",
        "9",
        " ",
        "  ",
        "   ",
        "\t",
        " \t",
        "-",
        " -",
        "- ",
        " - ",
        ".",
        "_",
        " . ",
        " _",
        "\n",
        "\r\n",
        "-\n",
        " -\n ",
        ".\n",
        "\n\n",
        ")",
        "(",
        ")  ",
        ")\t\t",
        "(212)",
        "a",
        "x",
        "Z",
        "_x",
        "4111.1111.1111",
        ".1111",
        "12.34.56",
        "123.45.6789",
        "1.2.3",
        "192.168.10.200",
        "1_2",
        "123_45_6789",
        "_1111",
        "4111_1111.1111",
        "one",
        "One",
        "ONE",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "zero",
        "oh",
        "OH",
        "ſix",
        "ſeven",
        "someone",
        "tone",
        ",",
        ";",
        "/",
        ", ",
        " at ",
        " AT ",
        "at",
        " dot ",
        " DoT ",
        "dot",
        "[at]",
        "(dot)",
        "{@}",
        "< . >",
        "[ at ]",
        "@",
        " @ ",
        "john",
        "doe",
        "gmail",
        "com",
        "org",
        "zz",
        "mail",
        "%40",
        "%2D",
        "%20",
        "%2e",
        "%zz",
        "%",
        "١٢٣",
        "４５６",
        "\u{200B}",
        "\u{00AD}",
        "\u{2013}",
        "\u{00A0}",
        "\u{FF0E}",
        "р",
        "о",
        "Пациент",
        "é",
        "\u{212A}",
        "\u{17F}",
    ];

    /// The current passes give exactly the view and offset map of the normalizer they replaced
    /// (kept in [`reference`]), on random texts that hit every pass and boundary.
    #[test]
    fn normalize_matches_the_reference() {
        let mut changed = 0;
        for text in random_texts(0x5EED_2026_0F0F, PIECES, 24, 60_000) {
            let old = reference::view_and_map(&text);
            changed += usize::from(old.is_some());
            assert_eq!(view_and_map(&text), old, "{text:?}");
        }
        assert!(changed > 1_000, "{changed} texts changed");
    }

    /// The byte scan that gates the word passes says exactly what the one it replaced said.
    #[test]
    fn word_gate_matches_the_reference() {
        let (mut email, mut digits) = (0, 0);
        // Spelled digits and addresses with every gap around them, and words that are almost them.
        const WORDS: &[&str] = &[
            "one", "Two", "THREE", "four", "five", "six", "seven", "eight", "nine", "zero", "oh", "ſix",
            "on", "tw", "tone", "someone", "fives", " ", "  ", "\t", ",", ", ", ";", ".", "-", "/", "\n",
            "\r\n", " - ", "x", "7", "_", "at", " at ", "AT", "dot", " dot ", "DoT", " . ", ".", "@", " @",
            "[", "(at)", "{ dot }", "<@>", "[.]", "a", "d", "do", "example", "com", "x-y", "é",
        ];
        let texts = random_texts(0x0DD_BA11_2026, PIECES, 24, 30_000).chain(random_texts(
            0x0DD_BA11_2027,
            WORDS,
            24,
            60_000,
        ));
        for text in texts {
            let new = Words::scan(text.as_bytes());
            assert_eq!((new.email, new.digits), reference::words(text.as_bytes()), "{text:?}");
            email += usize::from(new.email);
            digits += usize::from(new.digits);
        }
        assert!(email > 1_000 && digits > 1_000, "{email} {digits}");
    }
}
