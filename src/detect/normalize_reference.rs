//! The normalizer as it was before the fifth performance round, kept for the tests only: the
//! randomized comparisons in `normalize`'s tests check that the current passes give exactly its
//! view and offset map.

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
pub(super) struct Normalized {
    text: String,
    /// One layer per pass that changed something, in the order they ran.
    layers: Vec<Layer>,
}

/// The normalizer: built once per detector. It compiles nothing: every pass is a hand-written
/// linear scan.
pub(super) struct Normalizer {}

/// Endings accepted after a spelled `at` (`john at clinic dot org`); bracketed forms accept any.
const COMMON_TLDS: &[&str] = &[
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "me", "health", "care", "app",
    "dev", "ai", "mail", "email", "online", "xyz", "site", "bank", "law", "med", "clinic", "hospital",
];

impl Normalizer {
    /// A normalizer.
    pub(super) fn new() -> Result<Self> {
        Ok(Normalizer {})
    }

    /// The normalized view of `text`, or `None` when no pass changes anything (the common case).
    pub(super) fn normalize(&self, text: &str) -> Option<Normalized> {
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
        while let Some(skip) = next_digit(bytes, i) {
            // One run: digit groups joined by separators.
            groups.clear();
            seps.clear();
            let mut j = i + skip;
            // `(212)   555-0100`: wide spaces after an area code in parentheses.
            let blanks = bytes
                .get(i..j)
                .map_or(0, |b| b.iter().rev().take_while(|&&c| c == b' ' || c == b'\t').count());
            if blanks >= 2 && j.checked_sub(blanks + 1).and_then(|k| bytes.get(k)) == Some(&b')') {
                out.push(Rewrite { start: j - blanks, end: j, with: Some(' ') });
            }
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
        for (at, &c) in b.iter().enumerate() {
            if !in_table(&INTERESTING, c) {
                continue;
            }
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
            if !found.digits && digit_word_len(b, i).is_some() {
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

/// Bytes where [`Words::scan`] looks closer.
static INTERESTING: [bool; 256] = byte_table(b"@[({< \t\r\n,;.-/");
/// Gap characters: what may separate spelled digits, or precede a spelled `at` or `dot`.
static GAP: [bool; 256] = byte_table(b" \t\r\n,;.-/");
/// First bytes of `at`, `dot`, `.` and the digit words, in either case.
static NEXT: [bool; 256] = byte_table(b"adzotfsenADZOTFSEN.");

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
    const ONES: u64 = 0x0101_0101_0101_0101;
    // `hasbetween(x, 0x2F, 0x3A)` of the bit-twiddling hacks: exact for every byte value.
    let has_digit = |x: u64| {
        let low = x & (ONES * 0x7F);
        ((ONES * (0x7F + 0x3A)).wrapping_sub(low)
            & !x
            & low.wrapping_add(ONES * (0x7F - 0x2F))
            & (ONES * 0x80))
            != 0
    };
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        if has_digit(word) {
            return chunk.iter().position(u8::is_ascii_digit).map(|k| base + k);
        }
        base += 8;
    }
    chunks.remainder().iter().position(u8::is_ascii_digit).map(|k| base + k)
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
        let skip = bytes
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .position(|&b| !b.is_ascii() || word_open && !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len() - i);
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

/// A view and its layers' edits as `(out_start, out_end, src_start, src_end)`.
pub(super) type ViewAndMap = Option<(String, Vec<Vec<(usize, usize, usize, usize)>>)>;

/// The view and, per layer, its edits as `(out_start, out_end, src_start, src_end)`, or `None`
/// when nothing changes: what the tests compare with the current normalizer.
pub(super) fn view_and_map(text: &str) -> ViewAndMap {
    let n = Normalizer::new().ok()?.normalize(text)?;
    let layers = n
        .layers
        .iter()
        .map(|l| l.edits.iter().map(|e| (e.out_start, e.out_end, e.src_start, e.src_end)).collect())
        .collect();
    Some((n.text, layers))
}

/// What the byte scan of the word passes said: `(email, digits)`.
pub(super) fn words(b: &[u8]) -> (bool, bool) {
    let w = Words::scan(b);
    (w.email, w.digits)
}
