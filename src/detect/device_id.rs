//! Device identifiers (HIPAA Safe Harbor identifier M): IMEIs (15 digits, Luhn), GS1 UDIs
//! (`(01)<GTIN-14>(17)…(10)…(21)…`), serial numbers after a serial label (`S/N`, `serial no.`,
//! "pacemaker serial"), values after a device-ID label (`UDI`, `device ID`, `IMEI`, `MEID`), and
//! UUIDs only after a device label (`device UUID`, `UDID`, `IDFA`, `Android ID`): a plain UUID is
//! a record or request id, not a device.

use super::context::{self, LabelSpec, Labels};
use super::{checksum, views, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct DeviceId;

static IMEI_LABELS: Labels = Labels::new(LabelSpec {
    words: &["imei", "imei/meid", "meid", "imei number", "imeisv", "handset", "phone serial"],
    fillers: &["device", "sv"],
    codes: false,
});

/// Labels after which an alphanumeric value (with a digit) is a device serial or identifier.
static SERIAL_LABELS: Labels = Labels::new(LabelSpec {
    words: &[
        "s/n",
        "sn",
        "serial",
        "ser",
        "serial no",
        "serial number",
        "serial #",
        "serial num",
        "udi",
        "udi-di",
        "udi-pi",
        "device id",
        "device identifier",
        "device serial",
        "device uuid",
        "device udid",
        "device guid",
        "hardware id",
        "hwid",
        "udid",
        "idfa",
        "idfv",
        "gaid",
        "aaid",
        "android id",
        "advertising id",
        "ad id",
        "installation id",
        "install id",
        "equipment id",
        "asset tag",
        "unique device identifier",
        "imeisv",
        "meid",
        "esn",
        "iccid",
        "sim serial",
        "lot/serial",
    ],
    fillers: &["device", "pump", "pacemaker", "meter", "monitor", "implant", "sensor", "the", "unit"],
    codes: false,
});

impl DeviceId {
    pub(crate) fn new() -> Result<Self> {
        Ok(DeviceId)
    }
}

impl Recognizer for DeviceId {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let serial = SERIAL_LABELS.in_text(hay);
        // Asked only when an IMEI shape passes its checks (rare).
        let imei = std::cell::OnceCell::new();
        for (start, end) in imei_shapes(hay) {
            if !context::is_bounded(text, start, end) || context::continues_number(text, start, end) {
                continue;
            }
            let digits: Vec<u8> = text
                .as_bytes()
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .copied()
                .filter(u8::is_ascii_digit)
                .collect();
            if !checksum::luhn(&digits) {
                continue;
            }
            let labelled = imei.get_or_init(|| IMEI_LABELS.in_text(hay)).before(text, start)
                || serial.before(text, start);
            // A 15-digit Amex number is a card; the card recognizer reports it.
            if !labelled && checksum::card_issuer_ok(&digits) {
                continue;
            }
            let score = if labelled {
                1.0
            } else if imei_reporting_body(&digits) {
                0.6
            } else {
                0.4
            };
            out.push(Finding::new(EntityKind::DeviceId, start, end, score, true));
        }
        for (start, end) in udis(text) {
            let gtin = text.as_bytes().get(start + 4..start + 18).unwrap_or_default();
            let valid = checksum::gs1(gtin);
            let elements = text.get(start..end).map_or(0, |m| m.matches('(').count());
            let labelled = serial.before(text, start);
            let score = if valid || labelled || elements >= 2 {
                if valid {
                    1.0
                } else {
                    0.9
                }
            } else {
                0.4
            };
            out.push(Finding::new(EntityKind::DeviceId, start, end, score, valid));
        }
        // Tokens with a digit somewhere (the first run of letters may be a prefix: `KH61-63594`),
        // or letters joined by `-` or `/` (`SN-OXHUCLWE`): the matches of
        // `[A-Za-z]*[0-9][A-Za-z0-9]*(?:[-/][A-Za-z0-9]+)*|[A-Za-z]+(?:[-/][A-Za-z0-9]+)+`, read
        // from the token view. Each needs a serial label: none in the text, none to find; those
        // with no label ending near enough before them are skipped first.
        if !serial.any() {
            return;
        }
        for (start, end) in hay.views.serial_codes() {
            if !serial.near(text, start) {
                continue;
            }
            let Some(v) = text.get(start..end) else { continue };
            let digits = v.bytes().filter(u8::is_ascii_digit).count();
            if !(4..=64).contains(&v.len())
                || (digits == 0 && !letter_serial(v))
                || !context::is_bounded(text, start, end)
                || context::continues_number(text, start, end)
                || glued_to_code(text, start, end)
                || !serial.before(text, start)
            {
                continue;
            }
            // A number that reads as a quantity ("serial 3 of 5", "UDI 2024") is not a serial.
            if digits == v.len() && v.len() < 5 {
                continue;
            }
            out.push(Finding::new(EntityKind::DeviceId, start, end, 0.95, false));
        }
    }
}

/// The matches of `[0-9]{15}|[0-9]{2}[- ][0-9]{6}[- ][0-9]{6}[- ][0-9]` (IMEI shapes), as
/// `find_iter` returns them (leftmost-first, non-overlapping), found from the digit groups of the
/// runs of 15 bytes or more (every match lies in one): at a position with 15 digits of its group
/// left the first alternative matches; the second needs exactly two digits left (a separator
/// follows them); with 3 to 14 left neither does.
fn imei_shapes<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize)> + 'h {
    let b = hay.text.as_bytes();
    let digits =
        move |at: usize, n: usize| b.get(at..at + n).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let sep = move |at: usize| matches!(b.get(at), Some(b'-' | b' '));
    hay.views.long_run_matches(15, move |g, s| {
        let left = g.end - s;
        if left >= 15 {
            return Some((s + 15, (s, s + 15)));
        }
        // Two digits, then `[- ]dddddd[- ]dddddd[- ]d`.
        let s = g.end.saturating_sub(2);
        if left >= 2
            && sep(s + 2)
            && digits(s + 3, 6)
            && sep(s + 9)
            && digits(s + 10, 6)
            && sep(s + 16)
            && digits(s + 17, 1)
        {
            return Some((s + 18, (s, s + 18)));
        }
        None
    })
}

/// The matches of `\(01\)[0-9]{14}(?:\([0-9]{2,4}\)[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*)*` (GS1
/// UDIs), as `find_iter` returns them: from each `(01)` and 14 digits, the application
/// identifier elements are taken greedily (no shorter choice inside an element could let the
/// next `(` follow it, so the regex never backtracks into one).
fn udis(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let run = move |at: usize, class: fn(&u8) -> bool| {
        b.get(at..).map_or(0, |r| r.iter().take_while(|c| class(c)).count())
    };
    let mut pos = 0;
    std::iter::from_fn(move || loop {
        // The next `(` (a `memchr`), then the rest of `(01)` and its 14 digits.
        let start = pos + text.get(pos..)?.find('(')?;
        if b.get(start + 1..start + 4) != Some(b"01)") || run(start + 4, u8::is_ascii_digit) < 14 {
            pos = start + 1;
            continue;
        }
        let mut end = start + 18;
        loop {
            let ai = run(end + 1, u8::is_ascii_digit);
            let value = end + 2 + ai;
            if b.get(end) != Some(&b'(')
                || !(2..=4).contains(&ai)
                || b.get(end + 1 + ai) != Some(&b')')
                || run(value, u8::is_ascii_alphanumeric) == 0
            {
                break;
            }
            let value_end = value + run(value, u8::is_ascii_alphanumeric);
            end = views::dash_groups(b, value_end, |c| c == b'-' || c == b'/');
        }
        pos = end;
        return Some((start, end));
    })
}

/// A serial made of capital letters only (`SN-OXHUCLWE`): at least six letters, and not a
/// placeholder such as `UNKNOWN` or `PENDING`.
fn letter_serial(v: &str) -> bool {
    const PLACEHOLDERS: &[&str] =
        &["UNKNOWN", "PENDING", "MISSING", "REDACTED", "UNAVAILABLE", "NONE", "NOT-AVAILABLE"];
    v.bytes().filter(u8::is_ascii_alphabetic).count() >= 6
        && v.bytes().all(|c| c.is_ascii_uppercase() || c == b'-' || c == b'/')
        && !PLACEHOLDERS.iter().any(|p| v.eq_ignore_ascii_case(p))
}

/// True when the first two digits are a GSMA reporting body identifier in use for IMEI
/// allocations (01, 10, 30, 33, 35, 44, 45, 49, 50-54, 86, 91, 98, 99). An unlabelled Luhn-valid
/// 15-digit number starting otherwise is more likely a reference number.
fn imei_reporting_body(digits: &[u8]) -> bool {
    matches!(
        digits.get(..2),
        Some(
            b"01"
                | b"10"
                | b"30"
                | b"33"
                | b"35"
                | b"44"
                | b"45"
                | b"49"
                | b"50"
                | b"51"
                | b"52"
                | b"53"
                | b"54"
                | b"86"
                | b"91"
                | b"98"
                | b"99"
        )
    )
}

/// True when the token is glued to a `:` or `.` code continuation (a MAC or IP address, a time),
/// which other recognizers own.
fn glued_to_code(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let after = matches!(b.get(end), Some(b':' | b'.' | b'('))
        && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
    let before = |back: usize| start.checked_sub(back).and_then(|i| b.get(i)).copied();
    let before =
        matches!(before(1), Some(b':' | b'.' | b')')) && before(2).is_some_and(|c| c.is_ascii_alphanumeric());
    after || before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, found, random_texts};

    #[test]
    fn table() {
        check_table(
            &DeviceId::new().unwrap(),
            EntityKind::DeviceId,
            &[
                ("Device check performed: IMEI 490154203237518.", "490154203237518"),
                ("IMEI: 49-015420-323751-8", "49-015420-323751-8"),
                ("insulin pump S/N KH61-63594.", "KH61-63594"),
                ("Serial No. 6Q8X-9Q4T-6716 checked", "6Q8X-9Q4T-6716"),
                ("pacemaker serial ZOZ690946 - ok", "ZOZ690946"),
                (
                    "UDI (01)00643169007222(17)250528(10)A213B1(21)1234.",
                    "(01)00643169007222(17)250528(10)A213B1(21)1234",
                ),
                ("label (01)10614141000415(21)XYZ12", "(01)10614141000415(21)XYZ12"),
                ("device UUID 123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174000"),
                ("IDFA: 6D92078A-8246-4BA4-AE5B-76104861E7DC", "6D92078A-8246-4BA4-AE5B-76104861E7DC"),
                ("sn: 00012", "00012"),
                ("Analyzer serial no. SN-OXHUCLWE, firmware", "SN-OXHUCLWE"),
            ],
            &[
                // Luhn failure, and unlabelled plain UUIDs
                "IMEI 490154203237519",
                "request 123e4567-e89b-12d3-a456-426614174000 failed",
                "serial 3 of 5 doses",
                "serial dilutions 1:10",
                "serial no. pending",
                "Serial No.: UNKNOWN",
                "S/N: N/A",
                "serial Dilutions",
                "S/N 12",
                "UDI 2024",
                "device MAC 9B:11:62:EC:33:A1",
                "order 490154203237519",
                "serial measurements BP 128/82",
            ],
        );
    }

    /// The IMEI and UDI scans against the regexes they replace.
    #[test]
    fn scans_match_the_regexes_they_replace() {
        let imei = regex::Regex::new(r"[0-9]{15}|[0-9]{2}[- ][0-9]{6}[- ][0-9]{6}[- ][0-9]").unwrap();
        let pieces = ["1", "23", "456789", "012345678901234", "7", " ", "-", "a", ".", "49", "12345678"];
        for s in random_texts(0xA076_1D64_78BD_642F, &pieces, 24, 5000) {
            let want: Vec<_> = imei.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(imei_shapes(&Haystack::new(&s)).collect::<Vec<_>>(), want, "{s:?}");
        }
        let udi = regex::Regex::new(r"\(01\)[0-9]{14}(?:\([0-9]{2,4}\)[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*)*")
            .unwrap();
        let pieces = [
            "(01)",
            "00643169007222",
            "1234567",
            "(17)",
            "(10)",
            "(2101)",
            "(12345)",
            "(1)",
            "A1",
            "b",
            "-",
            "/",
            "(",
            ")",
            "0",
            " ",
            "(01)(01)",
        ];
        for s in random_texts(0xE703_7ED1_A0B4_28DB, &pieces, 14, 8000) {
            let want: Vec<_> = udi.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(udis(&s).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn unlabelled_imei_scores_low_and_amex_is_left_to_cards() {
        let r = DeviceId::new().unwrap();
        let mut out = Vec::new();
        r.recognize(&Haystack::new("ref 490154203237518"), &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].score >= 0.5, "known reporting body 49");
        out.clear();
        r.recognize(&Haystack::new("ref 770154203237519"), &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].score < 0.5, "no reporting body 77");
        assert!(found(&r, "card 378282246310005").is_empty());
        // A lone (01) element with a wrong GTIN check digit and no label is only a weak finding.
        out.clear();
        r.recognize(&Haystack::new("(01)00643169007223"), &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].score < 0.5 && !out[0].validated);
    }
}
