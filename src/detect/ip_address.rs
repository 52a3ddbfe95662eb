//! IP addresses: IPv4 dotted quads with octets 0-255, and IPv6 in full, compressed (`::`) and
//! IPv4-embedded forms. Version strings (`v1.2.3.4`, "version 10.0.0.1", "build 4.2.1.7"),
//! section numbers and longer dotted numbers (OIDs) are not addresses.

use super::context::{self, LabelSpec, Labels};
use super::{builtin_regex, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct IpAddress {
    v4: regex::Regex,
    v6: regex::Regex,
}

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
        Ok(IpAddress {
            v4: builtin_regex(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}")?,
            // Candidate runs of hex groups and colons (with an optional IPv4 tail); validated in code.
            // The IPv4-tail alternative comes first so that it wins at the same start.
            v6: builtin_regex(
                r"[0-9A-Fa-f:]*:[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:[0-9A-Fa-f:]*",
            )?,
        })
    }
}

impl Recognizer for IpAddress {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        // v4 needs dots, v6 colons.
        let (v4, v6) = (hay.has_any(b"."), hay.has_any(b":"));
        for m in v4.then(|| self.v4.find_iter(text)).into_iter().flatten() {
            let (start, end) = (m.start(), m.end());
            if !context::is_bounded(text, start, end) || !ipv4(m.as_str()) {
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
            let small = m.len() == 7;
            let score = if LABELS.before(text, start) {
                1.0
            } else if small {
                0.4
            } else {
                0.85
            };
            out.push(Finding::new(EntityKind::IpAddress, start, end, score, true));
        }
        for m in v6.then(|| self.v6.find_iter(text)).into_iter().flatten() {
            let (mut start, mut end) = (m.start(), m.end());
            let s = m.as_str();
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
    use crate::detect::test_support::check_table;

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
