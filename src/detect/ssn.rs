//! US Social Security numbers: `123-45-6789`, `123 45 6789`, and nine bare digits after an SSN
//! label. Area 000, 666 and 9xx, group 00 and serial 0000 are never issued and are not matched.

use super::{checksum, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Ssn;

/// Labels that make nine bare digits an SSN.
const LABELS: &[&str] =
    &["ssn", "ss#", "ssn#", "social security", "social security number", "soc sec", "ss no"];

/// [`LABELS`] with their filters, computed at compile time.
static LABEL_WORDS: context::WordSet<'static> = context::WordSet::new(LABELS);

impl Ssn {
    pub(crate) fn new() -> Result<Self> {
        Ok(Ssn)
    }
}

impl Recognizer for Ssn {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        // `[0-9]{3}([- ]?)[0-9]{2}[- ]?[0-9]{4}` from the shared digit runs, with the length of
        // the first separator.
        for (start, end, sep_len) in shapes(hay) {
            if !context::is_bounded(text, start, end) {
                continue;
            }
            let raw = b.get(start..end).unwrap_or_default();
            let sep = raw.get(3..3 + sep_len).unwrap_or_default();
            // Both separators must agree: `123-45-6789` or `123 45 6789` or `123456789`.
            let second = raw.get(5 + sep.len()..6 + sep.len()).unwrap_or(b"");
            let consistent = if sep.is_empty() { raw.len() == 9 } else { second == sep };
            if !consistent {
                continue;
            }
            let mut digits = [0u8; 9];
            digits.iter_mut().zip(raw.iter().filter(|c| c.is_ascii_digit())).for_each(|(d, &c)| *d = c);
            if !checksum::ssn(&digits) {
                continue;
            }
            let labelled = LABEL_WORDS.before(text, start, 32);
            let score = match (sep, labelled) {
                (_, true) => 1.0,
                (b"-", false) => 0.85,
                (b" ", false) => 0.6,
                _ => continue, // nine bare digits need a label
            };
            out.push(Finding::new(EntityKind::Ssn, start, end, score, labelled));
        }
    }
}

/// The shortest SSN shape: nine digits.
const SHAPE_MIN: usize = 9;

/// The matches of `[0-9]{3}([- ]?)[0-9]{2}[- ]?[0-9]{4}` (SSN shapes) as `find_iter` returns
/// them (leftmost-first, non-overlapping), with the length of the first separator (what the
/// capture group held). Every match lies inside one digit run (groups joined by one space or
/// dash) at least [`SHAPE_MIN`] bytes long, so only those runs are walked; in them a match
/// starts where at least three digits of a group remain.
fn shapes<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize, usize)> + 'h {
    let b = hay.text.as_bytes();
    hay.views.long_run_matches(SHAPE_MIN, move |g, from| {
        (from..g.end.saturating_sub(2)).find_map(|s| shape_at(b, s).map(|(end, sep)| (end, (s, end, sep))))
    })
}

/// The end and first-separator length of the leftmost-first SSN shape starting at `s`, trying
/// the optional separators in the regex's order (taken, then not).
fn shape_at(b: &[u8], s: usize) -> Option<(usize, usize)> {
    let digits = |at: usize, n: usize| b.get(at..at + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let sep = |at: usize| matches!(b.get(at), Some(b'-' | b' '));
    if !digits(s, 3) {
        return None;
    }
    for sep1 in [1, 0] {
        if sep1 == 1 && !sep(s + 3) {
            continue;
        }
        let p = s + 3 + sep1;
        if !digits(p, 2) {
            continue;
        }
        for sep2 in [1, 0] {
            if sep2 == 1 && !sep(p + 2) {
                continue;
            }
            let q = p + 2 + sep2;
            if digits(q, 4) {
                return Some((q + 4, sep1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The run scan against the regex it replaces, on texts built to hit its boundaries (runs
    /// just under and over nine bytes, doubled separators, non-ASCII neighbours).
    #[test]
    fn shapes_match_the_regex() {
        let re = regex::Regex::new(r"[0-9]{3}([- ]?)[0-9]{2}[- ]?[0-9]{4}").unwrap();
        let pieces = ["1", "23", "456", "7890", "12345", " ", "-", "  ", "--", "a", "é", ".", "\n"];
        let mut matches = 0;
        for s in random_texts(0x9E37_79B9_7F4A_7C15, &pieces, 16, 6000) {
            let got: Vec<_> = shapes(&Haystack::new(&s)).collect();
            let want: Vec<_> = re
                .captures_iter(&s)
                .map(|c| (c.get(0).unwrap().start(), c.get(0).unwrap().end(), c.get(1).unwrap().len()))
                .collect();
            assert_eq!(got, want, "{s:?}");
            matches += want.len();
        }
        assert!(matches > 1000, "{matches}");
    }

    #[test]
    fn table() {
        check_table(
            &Ssn::new().unwrap(),
            EntityKind::Ssn,
            &[
                ("SSN 123-45-6789.", "123-45-6789"),
                ("ssn: 123456789", "123456789"),
                ("Social Security Number 078 05 1120", "078 05 1120"),
                ("id 665-12-3456", "665-12-3456"),
            ],
            &[
                "000-12-3456",
                "666-12-3456",
                "912-34-5678",
                "123-00-4567",
                "123-45-0000",
                "order 123456789",
                "123-45 6789",
                "1123-45-6789",
                "123-45-67890",
            ],
        );
    }
}
