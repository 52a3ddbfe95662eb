//! Telephone and fax numbers: US/NANP formats with optional `+1`, parentheses, `.`/`-`/space
//! separators and extensions; international numbers written with a leading `+`; ten bare
//! digits only next to a phone label.
//!
//! The candidates are found by a hand-written scan over the shared digit groups
//! ([`super::views`]) that yields exactly the leftmost-first, non-overlapping matches of the
//! regex it replaced (kept in the tests, which compare both on random texts):
//!
//! ```text
//! (?:NANP|INTL|BARE)EXT
//! NANP = (?:\+?1[-. ]?)?(?:\([2-9][0-9]{2}\)[-. ]?|[2-9][0-9]{2}[-. ])[0-9]{3}[-. ][0-9]{4}
//! INTL = \+[1-9][0-9]{0,3}(?:[-. ]?\(?[0-9]{1,5}\)?){1,6}
//! BARE = (?:\+?1)?[2-9][0-9]{9}
//! EXT  = (?:[ \t]*(?:,[ \t]*)?(?i:ext\.?|extension|x)[ \t]*[0-9]{1,6})?
//! ```
//!
//! Each part is read in the regex's priority order; every choice that backtracking could revisit
//! is decided by the next byte or two, so each start costs a bounded number of byte reads.

use super::{context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Phone;

const LABELS: &[&str] =
    &["phone", "tel", "telephone", "mobile", "cell", "fax", "call", "text", "contact", "ph", "pager", "sms"];

/// [`LABELS`] with their filters, computed at compile time.
static LABEL_WORDS: context::WordSet<'static> = context::WordSet::new(LABELS);

impl Phone {
    pub(crate) fn new() -> Result<Self> {
        Ok(Phone)
    }
}

/// The byte at `i`, or 0 past the end.
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn is_sep(c: u8) -> bool {
    matches!(c, b'-' | b'.' | b' ')
}

/// Whether `n` ASCII digits start at `i`.
fn digits_at(b: &[u8], i: usize, n: usize) -> bool {
    (i..i + n).all(|j| at(b, j).is_ascii_digit())
}

/// The end of `(?:\([2-9][0-9]{2}\)[-. ]?|[2-9][0-9]{2}[-. ])[0-9]{3}[-. ][0-9]{4}` at `p`.
fn nanp_rest(b: &[u8], p: usize) -> Option<usize> {
    let q = if at(b, p) == b'('
        && matches!(at(b, p + 1), b'2'..=b'9')
        && digits_at(b, p + 2, 2)
        && at(b, p + 4) == b')'
    {
        // Without the optional separator the tail would start on it (not a digit).
        p + 5 + usize::from(is_sep(at(b, p + 5)))
    } else if matches!(at(b, p), b'2'..=b'9') && digits_at(b, p + 1, 2) && is_sep(at(b, p + 3)) {
        p + 4
    } else {
        return None;
    };
    (digits_at(b, q, 3) && is_sep(at(b, q + 3)) && digits_at(b, q + 4, 4)).then_some(q + 8)
}

/// The end of NANP at `s`: with the `+1`/`1` prefix first, then without.
fn nanp(b: &[u8], s: usize) -> Option<usize> {
    // `1[-. ]?` at `i`: without the separator the rest would start on it, which fails.
    let one = |i: usize| (at(b, i) == b'1').then(|| i + 1 + usize::from(is_sep(at(b, i + 1))));
    if at(b, s) == b'+' {
        one(s + 1).and_then(|q| nanp_rest(b, q))
    } else {
        one(s).and_then(|q| nanp_rest(b, q)).or_else(|| nanp_rest(b, s))
    }
}

/// The end of one `[-. ]?\(?[0-9]{1,5}\)?` at `p`: each optional part is taken when present
/// (dropping one could not put a digit where it stood).
fn intl_group(b: &[u8], p: usize) -> Option<usize> {
    let mut q = p + usize::from(is_sep(at(b, p)));
    q += usize::from(at(b, q) == b'(');
    let n = b.get(q..)?.iter().take(5).take_while(|c| c.is_ascii_digit()).count();
    if n == 0 {
        return None;
    }
    q += n;
    Some(q + usize::from(at(b, q) == b')'))
}

/// The end of INTL at `s`.
fn intl(b: &[u8], s: usize) -> Option<usize> {
    if at(b, s) != b'+' || !matches!(at(b, s + 1), b'1'..=b'9') {
        return None;
    }
    let k = b.get(s + 2..)?.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    let mut p = s + 2 + k;
    // `[0-9]{0,3}` gives back one digit when no group can follow otherwise (then one can).
    if intl_group(b, p).is_none() {
        if k == 0 {
            return None;
        }
        p -= 1;
    }
    let mut end = None;
    for _ in 0..6 {
        match intl_group(b, p) {
            Some(e) => {
                p = e;
                end = Some(e);
            }
            None => break,
        }
    }
    end
}

/// The end of BARE at `s`.
fn bare(b: &[u8], s: usize) -> Option<usize> {
    let q = match at(b, s) {
        b'+' if at(b, s + 1) == b'1' => s + 2,
        b'+' => return None,
        b'1' => s + 1,
        _ => s,
    };
    (matches!(at(b, q), b'2'..=b'9') && digits_at(b, q + 1, 9)).then_some(q + 10)
}

/// The end of `[ \t]*[0-9]{1,6}` at `i`.
fn ext_digits(b: &[u8], i: usize) -> Option<usize> {
    let i = i + b.get(i..)?.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    let n = b.get(i..)?.iter().take(6).take_while(|c| c.is_ascii_digit()).count();
    (n > 0).then_some(i + n)
}

/// The end of `extension` at `i`, case-insensitively as the regex's Unicode `(?i)` (which also
/// folds the long s `ſ` into `s`).
fn extension_word(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    for &w in b"extension" {
        if at(b, j).eq_ignore_ascii_case(&w) {
            j += 1;
        } else if w == b's' && at(b, j) == 0xC5 && at(b, j + 1) == 0xBF {
            j += 2;
        } else {
            return None;
        }
    }
    Some(j)
}

/// The end of EXT at `e` (`e` itself when there is no extension).
fn ext(b: &[u8], e: usize) -> usize {
    let blank =
        |i: usize| i + b.get(i..).map_or(0, |r| r.iter().take_while(|&&c| c == b' ' || c == b'\t').count());
    let mut i = blank(e);
    if at(b, i) == b',' {
        i = blank(i + 1);
    }
    let word = b.get(i..i + 3).is_some_and(|w| w.eq_ignore_ascii_case(b"ext"));
    let found = (if word && at(b, i + 3) == b'.' { ext_digits(b, i + 4) } else { None })
        .or_else(|| if word { ext_digits(b, i + 3) } else { None })
        .or_else(|| extension_word(b, i).and_then(|j| ext_digits(b, j)))
        .or_else(|| if matches!(at(b, i), b'x' | b'X') { ext_digits(b, i + 1) } else { None });
    found.unwrap_or(e)
}

/// The regex's match starting at `s`, if any.
fn match_at(b: &[u8], s: usize) -> Option<usize> {
    let end = nanp(b, s).or_else(|| intl(b, s)).or_else(|| bare(b, s))?;
    Some(ext(b, end))
}

/// The regex's leftmost-first non-overlapping matches, in order. A match starts on a `+` or `(`
/// just before a digit group, or on a digit `s` of a group ending at `e` with `e - s >= 10`
/// (BARE) or `e - s` in {1, 3, 4} (NANP: `1[-. ]`, `[2-9]dd[-. ]`, `1[2-9]dd[-. ]`, `1(`).
fn candidates(hay: &Haystack<'_>, mut found: impl FnMut(usize, usize)) {
    let b = hay.text.as_bytes();
    let mut pos = 0;
    let mut try_at = |s: usize| {
        if s >= pos {
            if let Some(end) = match_at(b, s) {
                pos = end;
                found(s, end);
            }
        }
    };
    for g in hay.views.groups() {
        if let Some(i) = g.start.checked_sub(1).filter(|&i| matches!(at(b, i), b'+' | b'(')) {
            try_at(i);
        }
        for s in g.start..g.end.saturating_sub(9).max(g.start) {
            try_at(s);
        }
        // The short starts, in increasing order, each only when the bytes at and after the
        // group's end allow it (a cheap necessary condition; `match_at` decides).
        let next = at(b, g.end);
        let first = |d: usize| g.end.checked_sub(d).filter(|&s| s >= g.start).map(|s| (s, at(b, s)));
        if let Some((s, b'1')) = first(4) {
            if is_sep(next) {
                try_at(s);
            }
        }
        if let Some((s, b'2'..=b'9')) = first(3) {
            if is_sep(next) {
                try_at(s);
            }
        }
        if let Some((s, b'1')) = first(1) {
            if is_sep(next) || next == b'(' {
                try_at(s);
            }
        }
    }
}

impl Recognizer for Phone {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        candidates(hay, |start, end| {
            if let Some(score) = score(text, start, end) {
                out.push(Finding::new(EntityKind::Phone, start, end, score, false));
            }
        });
    }
}

/// The score of the candidate `start..end`, or `None` when it is no phone number. The cheap
/// tests come first; the label before it is looked for only when the score depends on it.
fn score(text: &str, start: usize, end: usize) -> Option<f32> {
    // A leading "-" or "." glued to the match means we sit inside a longer code.
    let before = text.as_bytes().get(start.wrapping_sub(1)).copied();
    if matches!(before, Some(b'-' | b'.' | b'/')) || !context::is_bounded(text, start, end) {
        return None;
    }
    let s = text.get(start..end).unwrap_or_default();
    let labelled = || LABEL_WORDS.before(text, start, 24);
    let score = if s.starts_with('+') {
        // E.164 allows 8..=15 digits (plus an extension).
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        if !(8..=21).contains(&digits) {
            return None;
        }
        if labelled() {
            1.0
        } else {
            0.8
        }
    } else if s.bytes().all(|b| b.is_ascii_digit()) {
        if !labelled() {
            return None;
        }
        0.9
    } else if labelled() {
        1.0
    } else if s.contains('(') || s.contains('-') || s.contains('.') {
        0.75
    } else {
        0.5
    };
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    #[test]
    fn table() {
        check_table(
            &Phone::new().unwrap(),
            EntityKind::Phone,
            &[
                ("Please call me at +1-716-950-1992.", "+1-716-950-1992"),
                ("phone (337) 937-3108", "(337) 937-3108"),
                ("Call me on (642) 691-2519 ext. 3453.", "(642) 691-2519 ext. 3453"),
                ("fax 212.555.0199", "212.555.0199"),
                ("reach me: +447759217416", "+447759217416"),
                ("+44 20 7946 0958 (London)", "+44 20 7946 0958"),
                ("tel 2125550100", "2125550100"),
                ("1-800-555-0100 x12", "1-800-555-0100 x12"),
            ],
            &[
                "BP 128/82, HR 72",
                "order 2125550100",
                "total $4,250.00",
                "on 2023-10-05 at 10:30",
                "ICD-10 E11.9 and CPT 99213",
                "card 4111-1111-1111-1111",
                "version 1.2.3",
                "123-456-7890",
            ],
        );
    }

    /// The recognizer as it was before the fifth round (the label looked for before the cheap
    /// tests): the reference for [`same_findings_as_before`].
    fn recognize_before(hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        candidates(hay, |start, end| {
            if !context::is_bounded(text, start, end) {
                return;
            }
            let s = text.get(start..end).unwrap_or_default();
            let digits = s.bytes().filter(u8::is_ascii_digit).count();
            let labelled = context::has_word_before(text, start, 24, LABELS);
            let score = if s.starts_with('+') {
                // E.164 allows 8..=15 digits (plus an extension).
                if !(8..=21).contains(&digits) {
                    return;
                }
                if labelled {
                    1.0
                } else {
                    0.8
                }
            } else if s.bytes().all(|b| b.is_ascii_digit()) {
                if !labelled {
                    return;
                }
                0.9
            } else if labelled {
                1.0
            } else if s.contains('(') || s.contains('-') || s.contains('.') {
                0.75
            } else {
                0.5
            };
            // A leading "-" or "." glued to the match means we sit inside a longer code.
            let before = text.as_bytes().get(start.wrapping_sub(1)).copied();
            if matches!(before, Some(b'-' | b'.' | b'/')) {
                return;
            }
            out.push(Finding::new(EntityKind::Phone, start, end, score, false));
        });
    }

    /// The reordered tests give the same findings as before, on random texts of phone shapes,
    /// labels (in every case, near and far), glued `-`, `.`, `/` and `+` numbers.
    #[test]
    fn same_findings_as_before() {
        let pieces = [
            "+1 ",
            "1-",
            "(212) ",
            "212-",
            "555-0199",
            "555.0199",
            "2125550100",
            "+44 20 7946 0958",
            "+4915313592169",
            "phone ",
            "Tel: ",
            "FAX ",
            "cell",
            "contact me ",
            "ext. 12",
            " x9",
            "-",
            ".",
            "/",
            " ",
            "a ",
            "words here ",
            "123",
            "(",
            ")",
        ];
        let mut found = 0;
        for s in random_texts(0xE703_7ED1_A0B4_28DB, &pieces, 10, 20_000) {
            let hay = Haystack::new(&s);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            Phone.recognize(&hay, &mut got);
            recognize_before(&hay, &mut want);
            assert_eq!(got, want, "{s:?}");
            found += want.len();
        }
        assert!(found > 1000, "{found}");
    }

    /// The regex the scan replaced.
    fn old_regex() -> regex::Regex {
        let ext = r"(?:[ \t]*(?:,[ \t]*)?(?i:ext\.?|extension|x)[ \t]*[0-9]{1,6})?";
        let nanp = r"(?:\+?1[-. ]?)?(?:\([2-9][0-9]{2}\)[-. ]?|[2-9][0-9]{2}[-. ])[0-9]{3}[-. ][0-9]{4}";
        let bare = r"(?:\+?1)?[2-9][0-9]{9}";
        let intl = r"\+[1-9][0-9]{0,3}(?:[-. ]?\(?[0-9]{1,5}\)?){1,6}";
        regex::Regex::new(&format!("(?:{nanp}|{intl}|{bare}){ext}")).unwrap()
    }

    /// The scan yields exactly the regex's leftmost-first non-overlapping matches, and the
    /// recognizer the same findings as with the regex.
    #[test]
    fn scan_matches_the_regex() {
        let re = old_regex();
        let pieces = [
            "+",
            "1",
            "2",
            "5",
            "0",
            "23",
            "555",
            "0199",
            "212",
            "4567",
            "(",
            ")",
            "(3",
            "-",
            ".",
            " ",
            "\t",
            ",",
            "ext",
            "Ext.",
            "EXTENSION",
            "extension",
            "extenſion",
            "x",
            "X",
            "e",
            "a",
            "phone ",
            "/",
            "1234567890",
            "ſ",
            "K",
        ];
        let mut matches = 0;
        for s in random_texts(0x9E37_79B9_7F4A_7C15, &pieces, 24, 40_000) {
            let want: Vec<_> = re.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            let hay = Haystack::new(&s);
            let mut got = Vec::new();
            candidates(&hay, |s, e| got.push((s, e)));
            assert_eq!(got, want, "{s:?}");
            matches += want.len();
        }
        assert!(matches > 1000, "{matches}");
    }
}
