//! MAC addresses (EUI-48, and EUI-64 as used by Bluetooth LE and Zigbee medical devices): six or
//! eight hex pairs joined consistently by `:` or `-`, or the dotted `0011.2233.4455` form. A form
//! made of digits only must carry a MAC label (or be the whole field), since `12-34-56-78-90-12`
//! in prose is as likely a reference.
//!
//! The candidates are found by a hand-written scan over the shared alphanumeric tokens
//! ([`super::views`]) that yields exactly the leftmost-first, non-overlapping matches of the
//! regex it replaced (kept in the tests, which compare both on random texts), with `h` two hex
//! digits and `X` one:
//!
//! ```text
//! (?:h:){7}h|(?:h-){7}h|(?:h:){5}h|(?:h-){5}h|X{4}\.X{4}\.X{4}
//! ```

use super::context::{self, LabelSpec, Labels};
use super::views::Token;
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct MacAddress;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "mac",
        "mac address",
        "mac addr",
        "hw address",
        "hwaddr",
        "hardware address",
        "ether",
        "bssid",
        "bluetooth",
        "bluetooth address",
        "bd_addr",
        "wi-fi",
        "wifi",
        "eui",
        "eui-48",
        "eui-64",
    ],
    fillers: &["device", "address", "addr"],
    codes: false,
});

impl MacAddress {
    pub(crate) fn new() -> Result<Self> {
        Ok(MacAddress)
    }
}

/// Whether the byte at `i` is an ASCII hex digit (false past the end).
fn hex(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_hexdigit)
}

/// Calls `f` with the start and end of every match of the pattern (see the module docs), left to
/// right, as the regex's `find_iter` found them. `tokens` are the text's maximal runs of ASCII
/// letters and digits ([`super::views`]).
///
/// Every alternative starts with hex digits and has a fixed length, and the first byte after
/// them decides it: a `.` after four hex digits (dotted form) or a `:`/`-` after two. So a match
/// starts four or two bytes before the end of a token, at most one candidate per token, in text
/// order. A chain of pairs too short for six is skipped up to its last pair: every pair before
/// that starts a shorter chain with the same separator.
fn candidates(b: &[u8], tokens: &[Token], mut f: impl FnMut(usize, usize)) {
    // Where the regex's next search starts: after the last match, or after pairs known to fail.
    let mut from = 0;
    for t in tokens {
        let end = t.end;
        // Whether the token's last `n` bytes are hex digits at or after `from`.
        let tail_hex = |n: usize| end - t.start >= n && end - n >= from && (end - n..end).all(|i| hex(b, i));
        match b.get(end) {
            Some(b'.')
                if tail_hex(4)
                    && (end + 1..end + 5).all(|i| hex(b, i))
                    && b.get(end + 5) == Some(&b'.')
                    && (end + 6..end + 10).all(|i| hex(b, i)) =>
            {
                f(end - 4, end + 10);
                from = end + 10;
            }
            Some(&sep @ (b':' | b'-')) if tail_hex(2) => {
                let q = end - 2;
                // Pairs of the chain at q, q + 3, ...: each one after `sep`.
                let mut pairs = 1;
                while pairs < 8
                    && b.get(q + 3 * pairs - 1) == Some(&sep)
                    && hex(b, q + 3 * pairs)
                    && hex(b, q + 3 * pairs + 1)
                {
                    pairs += 1;
                }
                let len = match pairs {
                    8 => 23,
                    6 | 7 => 17,
                    _ => 0,
                };
                from = if len > 0 {
                    f(q, q + len);
                    q + len
                } else {
                    q + 3 * (pairs - 1)
                };
            }
            _ => {}
        }
    }
}

impl Recognizer for MacAddress {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        if !hay.has_any(b":-.") {
            return;
        }
        let text = hay.text;
        let b = text.as_bytes();
        candidates(b, hay.views.tokens(), |start, end| {
            let Some(mac) = text.get(start..end) else { return };
            if !context::is_bounded(text, start, end) {
                return;
            }
            // Glued to more groups (an IPv6 address, a longer hex dump): not a MAC.
            let sep_before = matches!(start.checked_sub(1).and_then(|i| b.get(i)), Some(b':' | b'-' | b'.'));
            let sep_after = matches!(b.get(end), Some(b':' | b'-' | b'.'))
                && b.get(end + 1).is_some_and(u8::is_ascii_hexdigit);
            if sep_before || sep_after {
                return;
            }
            let labelled = LABELS.before(text, start);
            let has_letter = mac.bytes().any(|c| c.is_ascii_alphabetic());
            // A field holding nothing but the address counts like a label.
            let whole = text.trim() == mac;
            if !has_letter && !labelled && !whole {
                return;
            }
            let score = if labelled { 1.0 } else { 0.85 };
            out.push(Finding::new(EntityKind::MacAddress, start, end, score, true));
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
            &MacAddress::new().unwrap(),
            EntityKind::MacAddress,
            &[
                ("device MAC 9B:11:62:EC:33:A1.", "9B:11:62:EC:33:A1"),
                ("wlan0 ether 3c-22-fb-0a-11-9e up", "3c-22-fb-0a-11-9e"),
                ("switch port 0011.22aa.bbcc", "0011.22aa.bbcc"),
                ("MAC address: 00:11:22:33:44:55", "00:11:22:33:44:55"),
                ("pump EUI-64 00:1b:44:11:3a:b7:c9:d2 paired", "00:1b:44:11:3a:b7:c9:d2"),
                ("00:11:22:33:44:55", "00:11:22:33:44:55"),
            ],
            &[
                "ref 12-34-56-78-90-12",
                "at 10:30:45:12:00:00",
                "2001:db8:0:1:2:3:4:5",
                "9B:11:62:EC:33",
                "9B:11:62:EC:33:A1:FF",
                "9B:11:62-EC:33:A1",
                "x9B:11:62:EC:33:A1",
            ],
        );
    }

    /// The regex the scan replaced.
    fn old_regex() -> regex::Regex {
        let h = "[0-9A-Fa-f]{2}";
        regex::Regex::new(&format!(
            "(?:{h}:){{7}}{h}|(?:{h}-){{7}}{h}|(?:{h}:){{5}}{h}|(?:{h}-){{5}}{h}|[0-9A-Fa-f]{{4}}\\.[0-9A-Fa-f]{{4}}\\.[0-9A-Fa-f]{{4}}"
        ))
        .unwrap()
    }

    /// The scan yields exactly the regex's leftmost-first non-overlapping matches: pairs and
    /// separators make chains of every length around six and eight, mixed separators, pairs
    /// glued to longer hex runs, and dotted forms with runs of three to five hex digits.
    #[test]
    fn scan_matches_the_regex() {
        let re = old_regex();
        let pieces = [
            "9b:",
            "11:",
            "aE-",
            "0f-",
            "62:ec:33:",
            "a1-b2-c3-",
            "Ff",
            "00",
            "7",
            "c",
            "abc",
            "g",
            ":",
            "-",
            ".",
            "0011.",
            "22aa.",
            "bbcc",
            "dEaD",
            "123",
            "12345",
            " ",
            "x",
            "::",
            "é",
        ];
        let mut matches = 0;
        for s in random_texts(0x94D0_49BB_1331_11EB, &pieces, 20, 40_000) {
            let want: Vec<_> = re.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            let mut got = Vec::new();
            candidates(s.as_bytes(), Haystack::new(&s).views.tokens(), |start, end| got.push((start, end)));
            assert_eq!(got, want, "{s:?}");
            matches += want.len();
        }
        assert!(matches > 1000, "{matches}");
    }
}
