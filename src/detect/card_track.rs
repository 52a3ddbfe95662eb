//! Magnetic-stripe track data. Track 1: `%B<PAN>^<NAME>^<YYMM><service code><discretionary>?`;
//! track 2: `;<PAN>=<YYMM><service code><discretionary>?`. A finding needs the start or end
//! sentinels or a Luhn-valid PAN. PCI DSS 3.3.1: always dropped, never stored.
//!
//! The candidates are found by a hand-written scan over the shared digit groups
//! ([`super::views`]) that yields exactly the leftmost-first, non-overlapping matches of the
//! regex it replaced (kept in the tests, which compare both on random texts):
//!
//! ```text
//! %?[Bb]([0-9]{12,19})\^[A-Za-z0-9 /.'-]{2,26}\^[0-9]{7}[0-9A-Za-z ]{0,60}\??
//! |;?([0-9]{12,19})=[0-9]{7}[0-9]{0,30}\??
//! ```

use super::views::Group;
use super::{checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct CardTrack;

impl CardTrack {
    pub(crate) fn new() -> Result<Self> {
        Ok(CardTrack)
    }
}

/// A match of the pattern: its span and its PAN's (the capture group).
#[derive(Debug, PartialEq)]
struct Track {
    start: usize,
    end: usize,
    pan: (usize, usize),
}

/// The number of bytes from `i` (at most `max`) that satisfy `class`.
fn count(b: &[u8], i: usize, max: usize, class: impl Fn(u8) -> bool) -> usize {
    b.get(i..).map_or(0, |rest| rest.iter().take(max).take_while(|&&c| class(c)).count())
}

/// The end of an optional `?` (the end sentinel) at `i`.
fn sentinel(b: &[u8], i: usize) -> usize {
    i + usize::from(b.get(i) == Some(&b'?'))
}

/// The end of track 1 after its PAN and `^`, from `i`: `[A-Za-z0-9 /.'-]{2,26}\^[0-9]{7}`, then
/// `[0-9A-Za-z ]{0,60}\??`. No class holds `^`, so the name is a whole run of its class, and the
/// greedy tail takes all it can.
fn track1_tail(b: &[u8], i: usize) -> Option<usize> {
    let name =
        count(b, i, 27, |c| c.is_ascii_alphanumeric() || matches!(c, b' ' | b'/' | b'.' | b'\'' | b'-'));
    let j = i + name + 1;
    if !(2..=26).contains(&name) || b.get(j - 1) != Some(&b'^') || count(b, j, 7, |c| c.is_ascii_digit()) < 7
    {
        return None;
    }
    let k = j + 7;
    Some(sentinel(b, k + count(b, k, 60, |c| c.is_ascii_alphanumeric() || c == b' ')))
}

/// The end of track 2 after its PAN and `=`, from `i`: `[0-9]{7}[0-9]{0,30}\??`.
fn track2_tail(b: &[u8], i: usize) -> Option<usize> {
    let n = count(b, i, 37, |c| c.is_ascii_digit());
    (n >= 7).then(|| sentinel(b, i + n))
}

/// Calls `f` with every match of the pattern (see the module docs), left to right, as the
/// regex's `captures_iter` found them. `groups` are the text's maximal runs of ASCII digits
/// ([`super::views`]).
///
/// A PAN is followed by `^` or `=`, which no digit is, so it ends where a digit group ends: each
/// group of 12 or more digits (after the last match) before one of them is one candidate, in text
/// order. Track 1's PAN follows a `B`, so it is a whole group of at most 19 digits, with its `%`
/// (the earlier start) when there is one; track 2's PAN is the group's last 19 digits at most,
/// with its `;` when the whole group is taken.
fn candidates(b: &[u8], groups: &[Group], mut f: impl FnMut(Track)) {
    // Where the regex's next search starts: after the last match.
    let mut from = 0;
    for g in groups {
        if g.len() < 12 || g.end < from + 12 {
            continue;
        }
        let at = |i: usize| b.get(i).copied();
        let track = match at(g.end) {
            Some(b'^') if g.len() <= 19 && g.start > from && matches!(at(g.start - 1), Some(b'B' | b'b')) => {
                let Some(end) = track1_tail(b, g.end + 1) else { continue };
                let percent = g.start - 1 > from && at(g.start - 2) == Some(b'%');
                Track { start: g.start - 1 - usize::from(percent), end, pan: (g.start, g.end) }
            }
            Some(b'=') => {
                let q = g.start.max(from).max(g.end.saturating_sub(19));
                let Some(end) = track2_tail(b, g.end + 1) else { continue };
                if g.end - q < 12 {
                    continue;
                }
                let semicolon = q == g.start && g.start > from && at(g.start - 1) == Some(b';');
                Track { start: q - usize::from(semicolon), end, pan: (q, g.end) }
            }
            _ => continue,
        };
        from = track.end;
        f(track);
    }
}

impl Recognizer for CardTrack {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        // Every match holds a `^` or a `=` after its PAN.
        if !hay.has_any(b"^=") {
            return;
        }
        let text = hay.text;
        let b = text.as_bytes();
        candidates(b, hay.views.groups(), |m| {
            let Some(s) = b.get(m.start..m.end) else { return };
            let Some(pan) = b.get(m.pan.0..m.pan.1) else { return };
            let sentinels = matches!(s.first(), Some(b'%' | b';')) || s.last() == Some(&b'?');
            let luhn = checksum::luhn(pan);
            let glued = m.start.checked_sub(1).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric)
                || (b.get(m.end).is_some_and(u8::is_ascii_alphanumeric) && s.last() != Some(&b'?'));
            if glued || !(sentinels || luhn) {
                return;
            }
            out.push(Finding::new(EntityKind::CardTrack, m.start, m.end, 1.0, true));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    #[test]
    fn table() {
        check_table(
            &CardTrack::new().unwrap(),
            EntityKind::CardTrack,
            &[
                (
                    "swipe %B4111111111111111^DOE/JANE^2704101000000000000000000?",
                    "%B4111111111111111^DOE/JANE^2704101000000000000000000?",
                ),
                ("t2 ;4111111111111111=27041010000000000000? ok", ";4111111111111111=27041010000000000000?"),
                ("raw 4111111111111111=2704101123 end", "4111111111111111=2704101123"),
                ("B5555555555554444^SMITH/JOHN A^2912201", "B5555555555554444^SMITH/JOHN A^2912201"),
            ],
            &[
                "4111111111111112=2704101123",
                "x=2704101123",
                "ratio 1234567890123=1234567",
                "4111111111111111=27",
            ],
        );
    }

    /// The regex the scan replaced.
    fn old_regex() -> regex::Regex {
        let track1 = r"%?[Bb]([0-9]{12,19})\^[A-Za-z0-9 /.'-]{2,26}\^[0-9]{7}[0-9A-Za-z ]{0,60}\??";
        let track2 = r";?([0-9]{12,19})=[0-9]{7}[0-9]{0,30}\??";
        regex::Regex::new(&format!("{track1}|{track2}")).unwrap()
    }

    /// The scan yields exactly the regex's leftmost-first non-overlapping matches and PANs:
    /// digit runs around 12 and 19 digits (and longer) before `^` and `=`, with and without
    /// their `%B`/`;` starts, names of 1 to 27 characters, tails of 6 to 37 digits or 60 and
    /// more discretionary characters, end sentinels, and matches glued to the next.
    #[test]
    fn scan_matches_the_regex() {
        let re = old_regex();
        let pieces = [
            "%",
            "B",
            "b",
            ";",
            "^",
            "=",
            "?",
            "4111111111111111",
            "41111111111",
            "1234567890123456789",
            "2704101",
            "123456",
            "0",
            "9",
            "DOE/JANE",
            "A",
            " ",
            "x",
            ".-'",
            "ABCDEFGHIJKLMNOPQRSTUVWXY",
            "é",
            "000000000000000000000000000000",
            "%B4111111111111111^",
            "b411111111111^",
            "B1234567890123456789^",
            "%B12345678901234567890^",
            ";5555555555554444=",
            "JANE^2704101",
            "=2704101",
        ];
        let mut matches = 0;
        for s in random_texts(0xC2B2_AE3D_27D4_EB4F, &pieces, 20, 40_000) {
            let want: Vec<_> = re
                .captures_iter(&s)
                .map(|c| {
                    let (m, pan) = (c.get(0).unwrap(), c.get(1).or_else(|| c.get(2)).unwrap());
                    Track { start: m.start(), end: m.end(), pan: (pan.start(), pan.end()) }
                })
                .collect();
            let mut got = Vec::new();
            candidates(s.as_bytes(), Haystack::new(&s).views.groups(), |m| got.push(m));
            assert_eq!(got, want, "{s:?}");
            matches += want.len();
        }
        assert!(matches > 1000, "{matches}");
    }
}
