//! Shared views of a haystack, computed lazily once per text and reused by every recognizer that
//! asks: the digit groups and digit runs (`[0-9]+(?:[ -][0-9]+)*`), and the alphanumeric tokens
//! (`[A-Za-z0-9]+`) with their shapes. Each is one hand-written byte scan (about 1 GB/s), where
//! recognizers used to run their own regex that matched nearly every number or word, paying the
//! regex's search setup per match.
//!
//! The views reproduce exactly what `find_iter` of those regexes returned: a digit run is a
//! maximal chain of digit groups joined by exactly one space or dash (leftmost-first and greedy,
//! the regex can neither start inside such a chain nor stop before its end), and an alphanumeric
//! token is a maximal run of ASCII letters and digits.

use std::cell::OnceCell;

/// A maximal run of ASCII digits: `start..end` in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Group {
    /// Offset of the first digit.
    pub start: usize,
    /// Offset after the last digit.
    pub end: usize,
}

impl Group {
    /// Number of digits.
    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }
}

/// A maximal chain of digit groups joined by exactly one space or dash: what the regex
/// `[0-9]+(?:[ -][0-9]+)*` matches, one `find_iter` match per run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    /// Offset of the first digit.
    pub start: usize,
    /// Offset after the last digit.
    pub end: usize,
    /// Index of the first group in [`Views::groups`].
    first: usize,
    /// Index after the last group in [`Views::groups`].
    last: usize,
}

/// A maximal run of ASCII letters and digits, and its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset after the last byte.
    pub end: usize,
    /// Number of ASCII digits in the token.
    pub digits: usize,
    /// Whether every byte is a hexadecimal digit.
    pub hex: bool,
}

impl Token {
    /// Length in bytes.
    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the token is made of digits only.
    pub(crate) fn all_digits(&self) -> bool {
        self.digits == self.len()
    }
}

#[derive(Default)]
struct Numbers {
    groups: Vec<Group>,
    runs: Vec<Run>,
}

/// The lazily computed views of one text (see the module documentation).
pub(crate) struct Views<'a> {
    text: &'a str,
    /// The digit groups and runs and the tokens, from one byte pass (every text with a
    /// candidate needs both).
    scan: OnceCell<(Numbers, Vec<Token>)>,
    case_folds: OnceCell<bool>,
}

impl<'a> Views<'a> {
    /// Views of `text`; nothing is computed until a view is asked for.
    pub(crate) fn new(text: &'a str) -> Self {
        Views { text, scan: OnceCell::new(), case_folds: OnceCell::new() }
    }

    fn numbers(&self) -> &Numbers {
        &self.scan.get_or_init(|| scan(self.text.as_bytes())).0
    }

    /// Every maximal run of ASCII digits, in text order.
    pub(crate) fn groups(&self) -> &[Group] {
        &self.numbers().groups
    }

    /// Every digit run (see [`Run`]), in text order.
    pub(crate) fn runs(&self) -> &[Run] {
        &self.numbers().runs
    }

    /// The digit groups of `run`, in order.
    pub(crate) fn run_groups(&self, run: &Run) -> &[Group] {
        self.groups().get(run.first..run.last).unwrap_or_default()
    }

    /// Every maximal run of ASCII letters and digits, in text order.
    pub(crate) fn tokens(&self) -> &[Token] {
        &self.scan.get_or_init(|| scan(self.text.as_bytes())).1
    }

    /// Whether the text holds a long s `ſ` (U+017F) or a Kelvin sign (U+212A): the two
    /// characters that a `(?i)` regex in Unicode mode folds into ASCII letters (`s`, `k`), which
    /// hand-written `(?i)` label scans must then look for.
    pub(crate) fn has_case_folds(&self) -> bool {
        *self.case_folds.get_or_init(|| {
            // Their lead bytes first (`memchr`, fast), the characters only where one is found.
            let b = self.text.as_bytes();
            (b.contains(&0xC5) || b.contains(&0xE2))
                && (self.text.contains('\u{17F}') || self.text.contains('\u{212A}'))
        })
    }

    /// The matches of [`license_codes`], found from the digit groups: the next match starts
    /// around the first digit at or after the previous match's end, which the groups give
    /// without reading the bytes in between.
    pub(crate) fn license_codes(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let b = self.text.as_bytes();
        let groups = self.groups();
        let (mut next, mut pos) = (0, 0);
        std::iter::from_fn(move || {
            let digit = loop {
                let g = groups.get(next)?;
                if g.end <= pos {
                    next += 1;
                    continue;
                }
                break g.start.max(pos);
            };
            let (start, end) = license_code_at(b, pos, digit);
            pos = end;
            Some((start, end))
        })
    }

    /// The matches of [`serial_codes`], found from the alphanumeric tokens: a match is a
    /// maximal chain of tokens joined by exactly one `-` or `/`, kept when it has more than one
    /// token or its first token has a digit (a lone word is no serial shape).
    pub(crate) fn serial_codes(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let b = self.text.as_bytes();
        let tokens = self.tokens();
        let mut next = 0;
        std::iter::from_fn(move || loop {
            let first = tokens.get(next)?;
            let mut last = *first;
            next += 1;
            while let Some(t) = tokens.get(next) {
                if t.start != last.end + 1 || !matches!(b.get(last.end), Some(b'-' | b'/')) {
                    break;
                }
                last = *t;
                next += 1;
            }
            if last.start != first.start || first.digits > 0 {
                return Some((first.start, last.end));
            }
        })
    }

    /// Leftmost-first, non-overlapping matches of a pattern whose every match lies inside one
    /// digit run (digits joined by single spaces or dashes) and is at least `min_len` bytes
    /// long, as `find_iter` returns them: `at(group, from)` gives the end and the item of the
    /// match that starts in `group` at or after `from` (the group's first position past the
    /// previous match), or `None` to go on with the next group. Only the groups of runs that
    /// long are walked, so the other runs (most numbers of a text) cost one comparison each.
    pub(crate) fn long_run_matches<'v, T>(
        &'v self,
        min_len: usize,
        mut at: impl FnMut(&Group, usize) -> Option<(usize, T)> + 'v,
    ) -> impl Iterator<Item = T> + 'v {
        let mut runs = self.runs().iter().filter(move |r| r.end - r.start >= min_len);
        let (mut groups, mut next, mut pos): (&[Group], usize, usize) = (&[], 0, 0);
        std::iter::from_fn(move || loop {
            let Some(g) = groups.get(next) else {
                groups = self.run_groups(runs.next()?);
                next = 0;
                continue;
            };
            if g.end <= pos {
                next += 1;
                continue;
            }
            match at(g, g.start.max(pos)) {
                Some((end, item)) => {
                    pos = end;
                    return Some(item);
                }
                None => next += 1,
            }
        })
    }
}

/// Byte classes for the scans: one table look-up per byte.
const DIGIT: u8 = 1;
const ALNUM: u8 = 2;
const HEX: u8 = 4;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut rest: &mut [u8] = &mut t;
    let mut c: u8 = 0;
    while let [slot, tail @ ..] = rest {
        let mut k = 0;
        if c.is_ascii_digit() {
            k |= DIGIT;
        }
        if c.is_ascii_alphanumeric() {
            k |= ALNUM;
        }
        if c.is_ascii_hexdigit() {
            k |= HEX;
        }
        *slot = k;
        c = c.wrapping_add(1);
        rest = tail;
    }
    t
};

fn class(c: u8) -> u8 {
    CLASS.get(usize::from(c)).copied().unwrap_or(0)
}

/// The digit groups, digit runs and alphanumeric tokens of `b`, in one pass: non-alphanumeric
/// bytes are skipped in a tight loop, and inside a token each digit group is read in its own
/// loop and closed at once.
fn scan(b: &[u8]) -> (Numbers, Vec<Token>) {
    // Sized for prose with numbers (about one token per 5.5 bytes, one digit group per 13, one
    // run per 16), so that most texts never grow them.
    let mut n =
        Numbers { groups: Vec::with_capacity(b.len() / 10 + 1), runs: Vec::with_capacity(b.len() / 12 + 1) };
    let mut tokens = Vec::with_capacity(b.len() / 5 + 1);
    let mut i = 0;
    // Skip to the next letter or digit, then read its token.
    while let Some(skip) = b.get(i..).and_then(|rest| rest.iter().position(|&c| class(c) & ALNUM != 0)) {
        i += skip;
        let start = i;
        let (mut digits, mut shape) = (0, HEX);
        while let Some(&c) = b.get(i) {
            let k = class(c);
            if k & DIGIT != 0 {
                let group = i;
                i += b.get(i..).map_or(0, |rest| rest.iter().take_while(|c| c.is_ascii_digit()).count());
                digits += i - group;
                close_group(&mut n, b, group, i);
                continue;
            }
            if k & ALNUM == 0 {
                break;
            }
            shape &= k;
            i += 1;
        }
        tokens.push(Token { start, end: i, digits, hex: shape & HEX != 0 });
    }
    (n, tokens)
}

/// Records the digit group `start..end`, continuing the last run when exactly one space or dash
/// separates the group from it.
fn close_group(n: &mut Numbers, b: &[u8], start: usize, end: usize) {
    let prev_end = n.groups.last().map(|g| g.end);
    let joined = prev_end.is_some_and(|p| p + 1 == start && matches!(b.get(p), Some(b' ' | b'-')));
    n.groups.push(Group { start, end });
    let index = n.groups.len();
    match n.runs.last_mut() {
        Some(run) if joined => {
            run.end = end;
            run.last = index;
        }
        _ => n.runs.push(Run { start, end, first: index - 1, last: index }),
    }
}

#[cfg(test)]
fn scan_numbers(b: &[u8]) -> Numbers {
    let mut n = Numbers { groups: Vec::with_capacity(b.len() / 16), runs: Vec::with_capacity(b.len() / 32) };
    // The start of the digit group being read, and the end of the previous group.
    let mut start = None;
    let mut prev_end = usize::MAX;
    let close = |n: &mut Numbers, start: usize, end: usize, prev_end: usize| {
        // A group continues the previous run when exactly one space or dash separates them.
        let joined = prev_end.checked_add(1) == Some(start) && matches!(b.get(prev_end), Some(b' ' | b'-'));
        n.groups.push(Group { start, end });
        let index = n.groups.len();
        match n.runs.last_mut() {
            Some(run) if joined => {
                run.end = end;
                run.last = index;
            }
            _ => n.runs.push(Run { start, end, first: index - 1, last: index }),
        }
    };
    for (i, &c) in b.iter().enumerate() {
        let digit = class(c) & DIGIT != 0;
        match (start, digit) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                close(&mut n, s, i, prev_end);
                prev_end = i;
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        close(&mut n, s, b.len(), prev_end);
    }
    n
}

#[cfg(test)]
fn scan_tokens(b: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(b.len() / 8);
    let mut start = None;
    let (mut digits, mut shape) = (0, HEX);
    for (i, &c) in b.iter().enumerate() {
        let k = class(c);
        match (start, k & ALNUM != 0) {
            (None, true) => {
                start = Some(i);
                digits = usize::from(k & DIGIT);
                shape = k;
            }
            (Some(_), true) => {
                digits += usize::from(k & DIGIT);
                shape &= k;
            }
            (Some(s), false) => {
                tokens.push(Token { start: s, end: i, digits, hex: shape & HEX != 0 });
                start = None;
            }
            (None, false) => {}
        }
    }
    if let Some(s) = start {
        tokens.push(Token { start: s, end: b.len(), digits, hex: shape & HEX != 0 });
    }
    tokens
}

/// The matches of `[A-Za-z*]*[0-9][A-Za-z0-9*]*(?:-[A-Za-z0-9]+)*` in `text`, as `find_iter`
/// returns them (leftmost-first, greedy, non-overlapping), found by a hand-written scan: codes
/// with a digit, such as license numbers (`F875-8051-2604`, `A1234567`, `**1234`).
// A second reference for the `Views` method of the same name, which recognizers read.
#[cfg(test)]
pub(crate) fn license_codes(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let digit = pos + b.get(pos..)?.iter().position(u8::is_ascii_digit)?;
        let (start, end) = license_code_at(b, pos, digit);
        pos = end;
        Some((start, end))
    })
}

/// The license-code match (see [`license_codes`]) around `digit`, the first digit at or after
/// `pos`: it starts at the run of letters and `*` right before the digit (not before `pos`).
fn license_code_at(b: &[u8], pos: usize, digit: usize) -> (usize, usize) {
    let letter = |c: &u8| c.is_ascii_alphabetic() || *c == b'*';
    let mut start = digit;
    while start > pos && b.get(start - 1).is_some_and(letter) {
        start -= 1;
    }
    let mut end = digit + 1;
    while b.get(end).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'*') {
        end += 1;
    }
    (start, dash_groups(b, end, |c| c == b'-'))
}

/// The matches of `[A-Za-z]*[0-9][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*|[A-Za-z]+(?:[-/][A-Za-z0-9]+)+`
/// in `text`, as `find_iter` returns them, found by a hand-written scan: serial-number shapes
/// (`KH61-63594`, `6Q8X-9Q4T-6716`, `SN-OXHUCLWE`).
// A second reference for the `Views` method of the same name, which recognizers read.
#[cfg(test)]
pub(crate) fn serial_codes(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let joiner = |c: u8| c == b'-' || c == b'/';
    let mut pos = 0;
    std::iter::from_fn(move || {
        let mut i = pos;
        loop {
            // The next letter or digit.
            i += b.get(i..)?.iter().position(u8::is_ascii_alphanumeric)?;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            let end = match b.get(i) {
                // Letters (maybe none) then a digit: the first alternative.
                Some(c) if c.is_ascii_digit() => {
                    let mut end = i + 1;
                    while b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                        end += 1;
                    }
                    dash_groups(b, end, joiner)
                }
                // Letters then at least one joined group: the second alternative.
                Some(&c) if joiner(c) && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) => {
                    dash_groups(b, i, joiner)
                }
                _ => continue,
            };
            pos = end;
            return Some((start, end));
        }
    })
}

/// The end of `(?:J[A-Za-z0-9]+)*` matched greedily from `end`, where `J` is a joiner byte.
pub(crate) fn dash_groups(b: &[u8], mut end: usize, joiner: impl Fn(u8) -> bool) -> usize {
    while b.get(end).is_some_and(|&c| joiner(c)) && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric) {
        end += 1;
        while b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
            end += 1;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::random_texts;

    /// The views against the regexes they replace, on texts built to hit every boundary.
    #[test]
    fn views_match_the_regexes_they_replace() {
        let runs_re = regex::Regex::new(r"[0-9]+(?:[ -][0-9]+)*").unwrap();
        let groups_re = regex::Regex::new(r"[0-9]+").unwrap();
        let tokens_re = regex::Regex::new(r"[A-Za-z0-9]+").unwrap();
        let pieces = ["1", "23", "4567", " ", "-", "  ", "--", "a", "B", "é", ".", "/", "+", "\n"];
        for s in random_texts(0x2545_F491_4F6C_DD1D, &pieces, 24, 3000) {
            let v = Views::new(&s);
            let runs: Vec<_> = v.runs().iter().map(|r| (r.start, r.end)).collect();
            let want: Vec<_> = runs_re.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(runs, want, "{s:?}");
            let groups: Vec<_> = v.groups().iter().map(|g| (g.start, g.end)).collect();
            let want: Vec<_> = groups_re.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(groups, want, "{s:?}");
            for r in v.runs() {
                let inside: Vec<_> = v.run_groups(r).iter().map(|g| (g.start, g.end)).collect();
                let want: Vec<_> = groups_re
                    .find_iter(&s[r.start..r.end])
                    .map(|m| (m.start() + r.start, m.end() + r.start))
                    .collect();
                assert_eq!(inside, want, "{s:?}");
            }
            let tokens: Vec<_> = v.tokens().iter().map(|t| (t.start, t.end)).collect();
            let want: Vec<_> = tokens_re.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(tokens, want, "{s:?}");
            // The one-pass scan against the two scans it replaced.
            let (numbers, all) = scan(s.as_bytes());
            let old = scan_numbers(s.as_bytes());
            assert_eq!((numbers.groups, numbers.runs), (old.groups, old.runs), "{s:?}");
            assert_eq!(all, scan_tokens(s.as_bytes()), "{s:?}");
            for t in v.tokens() {
                let w = &s[t.start..t.end];
                assert_eq!(t.all_digits(), w.bytes().all(|c| c.is_ascii_digit()));
                assert_eq!(t.hex, w.bytes().all(|c| c.is_ascii_hexdigit()));
            }
        }
    }

    #[test]
    fn code_scans_match_their_regexes() {
        let license = regex::Regex::new(r"[A-Za-z*]*[0-9][A-Za-z0-9*]*(?:-[A-Za-z0-9]+)*").unwrap();
        let serial = regex::Regex::new(
            r"[A-Za-z]*[0-9][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*|[A-Za-z]+(?:[-/][A-Za-z0-9]+)+",
        )
        .unwrap();
        let pieces = ["1", "23", "a", "B", "xy", "*", "-", "/", "--", " ", "é", ".", "_", "(", "Q9"];
        for s in random_texts(0x9E37_79B9_7F4A_7C15, &pieces, 20, 5000) {
            let want: Vec<_> = license.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(license_codes(&s).collect::<Vec<_>>(), want, "{s:?}");
            assert_eq!(Views::new(&s).license_codes().collect::<Vec<_>>(), want, "{s:?}");
            let want: Vec<_> = serial.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(serial_codes(&s).collect::<Vec<_>>(), want, "{s:?}");
            assert_eq!(Views::new(&s).serial_codes().collect::<Vec<_>>(), want, "{s:?}");
        }
        let long = "1-".repeat(5000);
        assert_eq!(license_codes(&long).count(), 1);
    }

    #[test]
    fn runs_and_tokens() {
        let v = Views::new("card 4111-1111 1111  22, A1b 0x1F");
        let runs: Vec<_> = v.runs().iter().map(|r| (r.start, r.end)).collect();
        assert_eq!(runs, vec![(5, 19), (21, 23), (26, 27), (29, 30), (31, 32)]);
        assert_eq!(v.run_groups(&v.runs()[0]).len(), 3);
        let tokens: Vec<_> = v.tokens().iter().map(|t| (t.start, t.end, t.digits, t.hex)).collect();
        assert_eq!(
            tokens,
            vec![
                (0, 4, 0, false),
                (5, 9, 4, true),
                (10, 14, 4, true),
                (15, 19, 4, true),
                (21, 23, 2, true),
                (25, 28, 1, true),
                (29, 33, 2, false)
            ]
        );
    }
}
