//! IP addresses: IPv4 dotted quads with octets 0-255, and IPv6 in full, compressed (`::`) and
//! IPv4-embedded forms. Version strings (`v1.2.3.4`, "version 10.0.0.1", "build 4.2.1.7"),
//! section numbers and longer dotted numbers (OIDs) are not addresses.

use super::context::{self, LabelSpec, Labels};
use super::views::Group;
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

/// Candidates come from hand-written scans (the shared digit groups for IPv4, the colons for
/// IPv6) that return exactly what the regexes of the module's tests returned.
pub(crate) struct IpAddress;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "ip",
        "ip address",
        "ipv4",
        "ipv6",
        "ip addr",
        "from",
        "host",
        "source",
        "src",
        "client",
        "remote",
    ],
    fillers: &["address", "addr"],
    codes: false,
});

/// Words before a dotted number that make it a version or a section, not an address.
static NOT_AN_ADDRESS: Labels = Labels::new(LabelSpec {
    words: &[
        "version",
        "ver",
        "v",
        "release",
        "build",
        "firmware",
        "fw",
        "software",
        "sw",
        "app",
        "sdk",
        "api",
        "os",
        "ios",
        "android",
        "windows",
        "macos",
        "chrome",
        "firefox",
        "safari",
        "edge",
        "update",
        "patch",
        "section",
        "sec",
        "§",
        "chapter",
        "clause",
        "article",
        "paragraph",
        "para",
        "step",
        "item",
        "table",
        "figure",
        "fig",
        "rule",
        "oid",
        "snomed",
        "loinc",
        "rv",
        "gecko",
        "webkit",
        "applewebkit",
        "mozilla",
        "kernel",
    ],
    fillers: &[],
    codes: false,
});

impl IpAddress {
    pub(crate) fn new() -> Result<Self> {
        Ok(IpAddress)
    }
}

impl Recognizer for IpAddress {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        // v4 needs dots, v6 colons.
        let (v4, v6) = (hay.has_any(b"."), hay.has_any(b":"));
        let groups = if v4 { hay.views.groups() } else { &[] };
        for (start, end) in v4_shapes(b, groups) {
            if !context::is_bounded(text, start, end) || !text.get(start..end).is_some_and(ipv4) {
                continue;
            }
            // `1.2.3.4.5` or `2.16.840.1.113883`: a longer dotted number.
            let before = |back: usize| start.checked_sub(back).and_then(|i| b.get(i)).copied();
            let glued_before =
                before(1) == Some(b'.') && before(2).is_some_and(|c| c.is_ascii_alphanumeric());
            let glued_after =
                b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
            // `Firefox/1.9.2.20`, `rv:1.9.2.20`: a product token's version.
            let product_version = matches!(before(1), Some(b'/' | b':'))
                && before(2).is_some_and(|c| c.is_ascii_alphabetic())
                && !LABELS.before(text, start);
            if glued_before || glued_after || product_version || NOT_AN_ADDRESS.before(text, start) {
                continue;
            }
            // `2.1.3.4`: four single digits read as a section or a version more often than an address.
            let small = end - start == 7;
            let score = if LABELS.before(text, start) {
                1.0
            } else if small {
                0.4
            } else {
                0.85
            };
            out.push(Finding::new(EntityKind::IpAddress, start, end, score, true));
        }
        for (mut start, mut end) in v6.then(|| v6_shapes(text)).into_iter().flatten() {
            let s = text.get(start..end).unwrap_or_default();
            // A lone leading or trailing ':' belongs to the sentence ("IP: fe80::1", "at ::1:").
            if s.starts_with(':') && !s.starts_with("::") {
                start += 1;
            }
            if s.ends_with(':') && !s.ends_with("::") {
                end -= 1;
            }
            if start >= end
                || !context::is_bounded(text, start, end)
                || context::continues_number(text, start, end)
            {
                continue;
            }
            let Some(compressed) = text.get(start..end).and_then(ipv6) else { continue };
            let labelled = LABELS.before(text, start);
            let score = match (labelled, compressed) {
                (true, _) => 1.0,
                (false, false) => 0.85,
                (false, true) => 0.7,
            };
            out.push(Finding::new(EntityKind::IpAddress, start, end, score, true));
        }
    }
}

/// The matches of `[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}` as `find_iter` returns them
/// (leftmost-first, non-overlapping), from the digit groups of `b`: a match starts in a group
/// followed by a dot, at most three digits before its end, so each group is looked at once.
fn v4_shapes<'a>(b: &'a [u8], groups: &'a [Group]) -> impl Iterator<Item = (usize, usize)> + 'a {
    let (mut i, mut pos) = (0, 0);
    std::iter::from_fn(move || loop {
        let g = groups.get(i)?;
        i += 1;
        if g.end <= pos || b.get(g.end) != Some(&b'.') {
            continue;
        }
        let start = g.start.max(pos).max(g.end.saturating_sub(3));
        if let Some(end) = dotted_tail(b, start) {
            pos = end;
            return Some((start, end));
        }
    })
}

/// The end of `[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}` matched at `at` (the last part
/// greedy), if it matches there.
fn dotted_tail(b: &[u8], mut at: usize) -> Option<usize> {
    let digits = |at: usize, most: usize| {
        b.get(at..).map_or(0, |r| r.iter().take(most).take_while(|c| c.is_ascii_digit()).count())
    };
    for _ in 0..3 {
        let n = digits(at, 4);
        if !(1..=3).contains(&n) || b.get(at + n) != Some(&b'.') {
            return None;
        }
        at += n + 1;
    }
    let n = digits(at, 3);
    (n > 0).then_some(at + n)
}

/// The matches of the IPv6 candidate regex
/// `[0-9A-Fa-f:]*:[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:]*`
/// as `find_iter` returns them, found from the colons. A match starts where a maximal run of
/// hex digits and colons starts (or where the last match ended inside one): with an IPv4 tail
/// when the run's last colon is followed by up to three digits and a dotted quad (the first
/// alternative wins), else to the run's end when the run holds two colons. Each byte is read a
/// bounded number of times.
fn v6_shapes(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let x = |c: &u8| c.is_ascii_hexdigit() || *c == b':';
    let (mut from, mut pos) = (0, 0);
    std::iter::from_fn(move || loop {
        // `str::find` of one ASCII byte runs `memchr`, a word at a time.
        let colon = from + text.get(from..)?.find(':')?;
        // Most colons end a label (`Name: `): nothing hex follows, so the colon is the last of its
        // run, with no IPv4 tail after it, and the run would need a second colon among the hex
        // digits before it. There is none: no colon lies between `from` and this one, and every
        // byte from `pos` to `from` belongs to a run that has ended (the byte after it is no hex
        // digit or colon). So the search goes on after the colon.
        if !b.get(colon + 1).is_some_and(x) {
            from = colon + 1;
            continue;
        }
        let mut start = colon;
        while start > pos && b.get(start - 1).is_some_and(x) {
            start -= 1;
        }
        let end = colon + b.get(colon..).map_or(0, |r| r.iter().take_while(|c| x(c)).count());
        let run = b.get(start..end).unwrap_or_default();
        let last = start + run.iter().rposition(|&c| c == b':').unwrap_or(0);
        if let Some(tail) = dotted_tail(b, last + 1) {
            (from, pos) = (tail, tail);
            return Some((start, tail));
        }
        from = end;
        if run.iter().filter(|&&c| c == b':').nth(1).is_some() {
            pos = end;
            return Some((start, end));
        }
    })
}

/// Dotted quad with each octet 0-255 and no leading zeros beyond a single `0`.
fn ipv4(s: &str) -> bool {
    let mut n = 0;
    for part in s.split('.') {
        n += 1;
        let ok = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|c| c.is_ascii_digit())
            && !(part.len() > 1 && part.starts_with('0'))
            && part.parse::<u16>().is_ok_and(|v| v <= 255);
        if !ok {
            return false;
        }
    }
    n == 4
}

/// Validates an IPv6 address; `Some(compressed)` when valid, where `compressed` tells whether it
/// uses `::`. Requires at least one hex letter or `::` so that clock times and ratios such as
/// `10:30:45` never qualify, and at least three groups unless compressed.
fn ipv6(s: &str) -> Option<bool> {
    let (head, tail, compressed) = match s.find("::") {
        Some(i) => (s.get(..i)?, s.get(i + 2..)?, true),
        None => (s, "", false),
    };
    if tail.contains("::") {
        return None;
    }
    let mut groups = 0;
    let mut parts: Vec<&str> = Vec::new();
    for side in [head, tail] {
        if !side.is_empty() {
            parts.extend(side.split(':'));
        }
    }
    for (i, part) in parts.iter().enumerate() {
        if part.contains('.') {
            // An embedded IPv4 tail must come last and counts as two groups.
            if i + 1 != parts.len() || !ipv4(part) {
                return None;
            }
            groups += 2;
        } else if (1..=4).contains(&part.len()) && part.bytes().all(|c| c.is_ascii_hexdigit()) {
            groups += 1;
        } else {
            return None;
        }
    }
    let valid = if compressed { (1..=7).contains(&groups) } else { groups == 8 };
    let hexy = s.bytes().any(|c| c.is_ascii_alphabetic()) || compressed;
    (valid && hexy).then_some(compressed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The scans against the regexes they replace, on texts built to hit their boundaries.
    #[test]
    fn scans_match_the_regexes() {
        let v4 = regex::Regex::new(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}").unwrap();
        let v6 = regex::Regex::new(
            r"[0-9A-Fa-f:]*:[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:]*",
        )
        .unwrap();
        let pieces =
            ["1.", "23.", "456.", "7890.", "1", "255", "..", ":", "::", "a", "F", "g", " ", "é", "0"];
        let (mut n4, mut n6) = (0, 0);
        for s in random_texts(0xD1B5_4A32_D192_ED03, &pieces, 24, 40000) {
            let b = s.as_bytes();
            let views = crate::detect::views::Views::new(&s);
            let got: Vec<_> = v4_shapes(b, views.groups()).collect();
            let want: Vec<_> = v4.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(got, want, "{s:?}");
            n4 += want.len();
            let got: Vec<_> = v6_shapes(&s).collect();
            let want: Vec<_> = v6.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(got, want, "{s:?}");
            n6 += want.len();
        }
        assert!(n4 > 1000 && n6 > 1000, "{n4} {n6}");
    }

    #[test]
    fn table() {
        check_table(
            &IpAddress::new().unwrap(),
            EntityKind::IpAddress,
            &[
                ("sign-in from IP address 215.130.206.180, which", "215.130.206.180"),
                ("Submitted online from IP 10.80.22.20.", "10.80.22.20"),
                ("host 192.168.0.1:8080 refused", "192.168.0.1"),
                ("IP a3f2:700:7867:845f:bb4e:d02b:93bd:dfb6.", "a3f2:700:7867:845f:bb4e:d02b:93bd:dfb6"),
                ("from 2001:db8::8a2e:370:7334 at", "2001:db8::8a2e:370:7334"),
                ("IPv6: fe80::1", "fe80::1"),
                ("mapped ::ffff:192.0.2.128 here", "::ffff:192.0.2.128"),
                ("peer 0.0.0.0 and", "0.0.0.0"),
                ("IP:10.1.2.3", "10.1.2.3"),
                ("http://10.0.0.7/admin", "10.0.0.7"),
                ("2001:0DB8:0000:0000:0000:FF00:0042:8329", "2001:0DB8:0000:0000:0000:FF00:0042:8329"),
            ],
            &[
                "version 10.0.0.1",
                "app v1.2.3.4 released",
                "build 4.2.1.7",
                "see section 1.2.3.4",
                "OID 2.16.840.1.113883.19",
                "256.1.1.1",
                "1.2.3",
                "01.02.03.04",
                "at 10:30:45 today",
                "ratio 1:2:3:4:5:6:7:8",
                "MAC 00:1A:2B:3C:4D:5E",
                "std::vector",
                "1:2::3:4::5",
                "12345:abcd::1",
                "Temp 98.6, 120.5.3",
                "Mozilla/5.0 (X11; Linux x86_64; rv:1.9.7.20) Gecko/20100101",
                "Agent/1.2.3.4",
            ],
        );
    }

    #[test]
    fn single_digit_quads_need_a_label() {
        let r = IpAddress::new().unwrap();
        let mut out = Vec::new();
        r.recognize(&Haystack::new("see 2.1.3.4 in the spec"), &mut out);
        assert!(out.len() == 1 && out[0].score < 0.5);
        out.clear();
        r.recognize(&Haystack::new("IP 1.2.3.4"), &mut out);
        assert!(out.len() == 1 && out[0].score >= 0.5);
    }

    #[test]
    fn v6_validation() {
        assert_eq!(ipv6("2001:db8::1"), Some(true));
        assert_eq!(ipv6("1:2:3:4:5:6:7:8"), None, "digits only, no ::");
        assert_eq!(ipv6("a:b:c:d:e:f:0:1"), Some(false));
        assert_eq!(ipv6("a:b:c:d:e:f:0"), None);
        assert_eq!(ipv6("a:b:c:d:e:f:0:1:2"), None);
        assert_eq!(ipv6("::"), None);
        assert_eq!(ipv6("::1"), Some(true));
    }
}
