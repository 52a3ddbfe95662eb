//! Dates: numeric (`03/14/1962`, `3/14/62`, `14.03.1962`, `14-03-1962`), ISO 8601 (`1962-03-14`,
//! with a `T` time and zone when present: `2024-03-14T10:30:00Z`), with month names
//! (`14 Mar 1962`, `14-MAR-1962`, `March 14th, 1962`, `Mar. 14, 1962`, `the 14th of March`),
//! month and year (`March 2024`) and HL7 compact dates (`19620314`, `196203141030`).
//!
//! Every candidate is validated (month 1-12, day within the month, leap years; four-digit years
//! 1800-2099). A bare year is not a date (Safe Harbor keeps years); clock times, `BP 128/82`,
//! fractions, doses (`5/10/20 mg`) and version strings are not dates. Context words before a
//! date (`DOB`, `born`, `admitted`, `discharged`, `seen on`, `date of service`) raise its score,
//! and the weaker shapes (two-digit years with `-` or `.`, compact digits, lowercase month
//! names without a year) need them.

use super::{builtin_regex, context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Date {
    iso: regex::Regex,
    numeric: regex::Regex,
    day_month: regex::Regex,
    month_day: regex::Regex,
    compact: regex::Regex,
}

/// Words before a date that tie it to a person or an encounter.
#[rustfmt::skip]
const CONTEXT: &[&str] = &[
    "dob", "d.o.b", "born", "birth", "birthday", "birthdate", "admitted", "admission", "admit",
    "discharged", "discharge", "seen", "visit", "visited", "service", "dos", "date", "dated", "deceased",
    "died", "death", "expired", "appointment", "appt", "procedure", "surgery", "performed", "effective",
    "posted", "on", "since", "until", "from", "collected", "received", "signed", "onset", "dod",
];

/// Stronger context, required by the shapes that are dates only when labelled: a month and day
/// without a year (`Discharge date: 3/18`) and six compact digits (`DOB 031462`).
#[rustfmt::skip]
const STRONG_CONTEXT: &[&str] = &[
    "dob", "d.o.b", "born", "birth", "birthday", "birthdate", "date of birth", "admitted", "admission",
    "discharged", "discharge", "dos", "date", "dated", "deceased", "died", "death", "dod", "expired",
    "appointment", "appt", "surgery",
];

/// Card words: a month and year after them (`card expired 03/27`) is a card expiry.
const CARD: &[&str] =
    &["card", "exp", "expiry", "expiration", "expires", "valid", "thru", "cvv", "visa", "mastercard", "amex"];

/// Labels that make six compact digits a birth date (`DOB 031462`).
const BIRTH: &[&str] = &["dob", "d.o.b", "born", "birth", "birthdate", "date of birth"];

/// Words right after a numeric date that make it a dose or a measurement.
const UNITS: &[&str] = &[
    "mg", "mcg", "g", "kg", "ml", "l", "units", "unit", "u", "iu", "mmhg", "mm", "cm", "tabs", "tab",
    "tablets", "caps", "puffs", "drops", "meq", "mmol", "x", "taper", "split", "weeks", "week", "wks", "wk",
    "days", "d",
];

/// Words right before a numeric date that make it something else.
const NOT_BEFORE: &[&str] = &[
    "bp", "v", "ver", "version", "ratio", "score", "grade", "dose", "doses", "taper", "rx", "sig", "titrate",
];

const MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const YEAR4: &str = r"(?:1[89][0-9]{2}|20[0-9]{2})";

impl Date {
    pub(crate) fn new() -> Result<Self> {
        let time =
            r"(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?";
        let ordinal = r"(?i:st|nd|rd|th)?";
        Ok(Date {
            iso: builtin_regex(&format!(r"({YEAR4})([-/.])([0-9]{{1,2}})([-/.])([0-9]{{1,2}}){time}"))?,
            // `03/14/1962`, `14.03.62`; without the year (`3/18`) only after strong context.
            // Two parts only with `/`, so decimals such as `7.2` are never candidates.
            numeric: builtin_regex(
                r"([0-9]{1,2})(?:([-.])([0-9]{1,2})([-.])([0-9]{4}|[0-9]{2})|(/)([0-9]{1,2})(?:(/)([0-9]{4}|[0-9]{2}))?)",
            )?,
            day_month: builtin_regex(&format!(
                r"([0-9]{{1,2}}){ordinal}(?:[ \t]+of)?[ \t]*[-/.]?[ \t]*({MONTH})\.?(?:(,?[ \t]*[-/]?[ \t]*|[ \t]*')([0-9]{{4}}|[0-9]{{2}}))?"
            ))?,
            // `March 2024` first (so `March 2024` is not read as `March 20` + `24`), then
            // `March 14`, `Mar. 14th, 1962`, `Mar 14 '62`.
            month_day: builtin_regex(&format!(
                r"(?-u:\b)({MONTH})\.?(?:,?[ \t]+(?:of[ \t]+)?({YEAR4})(?-u:\b)|[ \t]*[-/]?[ \t]*([0-9]{{1,2}}){ordinal}(?:,?[ \t]*[-/]?[ \t]*({YEAR4})|,?[ \t]*'([0-9]{{2}}))?)"
            ))?,
            // HL7 `YYYYMMDD[HHMM[SS]]` and six-digit birth dates, told apart by length.
            compact: builtin_regex(r"[0-9]{6,14}")?,
        })
    }
}

impl Recognizer for Date {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        // Every shape holds a digit.
        if !hay.has_digit() {
            return;
        }
        let text = hay.text;
        let mut push = |start: usize, end: usize, score: f32| {
            // Context only matters to shapes that are weak without it.
            let score = if score < 0.85 && context::has_word_before(text, start, 32, CONTEXT) {
                (score + 0.3).clamp(0.85, 1.0)
            } else {
                score
            };
            out.push(Finding::new(EntityKind::Date, start, end, score, false));
        };

        // The numeric shapes' groups are digit runs and the one-byte separators between them,
        // read from the match ([`Parts`]) rather than by a capture engine.
        for m in self.iso.find_iter(text) {
            let p = Parts::of(m.as_str());
            let (Some(y), Some(s1), Some(mo), Some(s2), Some(d)) =
                (p.run(0), p.sep(0), p.run(1), p.sep(1), p.run(2))
            else {
                continue;
            };
            if s1 != s2 || !numeric_bounded(text, m.start(), m.end()) {
                continue;
            }
            if valid(num(y), num(mo), num(d)) {
                push(m.start(), m.end(), if s1 == "-" { 0.9 } else { 0.85 });
            }
        }

        for m in self.numeric.find_iter(text) {
            // `14.03.1962` / `14-03-62` / `03/14/1962` / `3/18`.
            let p = Parts::of(m.as_str());
            let (Some(a), Some(s1), Some(b)) = (p.run(0), p.sep(0), p.run(1)) else { continue };
            if !numeric_bounded(text, m.start(), m.end()) || unit_after(text, m.end()) {
                continue;
            }
            if context::has_word_before(text, m.start(), 8, NOT_BEFORE) {
                continue;
            }
            let (a, b) = (num(a), num(b));
            let (Some(s2), Some(y)) = (p.sep(1), p.run(2)) else {
                // A month and day without a year: a date only after strong context.
                // `36 2/7 weeks` is a mixed fraction, not a date.
                let head = text.get(..m.start()).unwrap_or_default();
                let mixed = head.trim_end_matches(' ').len() < m.start()
                    && head.trim_end_matches(' ').ends_with(|c: char| c.is_ascii_digit());
                // `exp 03/27` on a card is an expiry (month and year), not a date.
                if s1 == "/"
                    && !mixed
                    && valid(2000, a, b)
                    && context::has_word_before(text, m.start(), 20, STRONG_CONTEXT)
                    && !context::has_word_before(text, m.start(), 24, CARD)
                {
                    push(m.start(), m.end(), 0.75);
                }
                continue;
            };
            if s1 != s2 {
                continue;
            }
            let long_year = y.len() == 4;
            let year = if long_year {
                let y = num(y);
                if !(1800..=2099).contains(&y) {
                    continue;
                }
                y
            } else {
                2000 + num(y)
            };
            if !valid(year, a, b) && !valid(year, b, a) {
                continue;
            }
            let score = match (s1, long_year) {
                ("/", true) => 0.9,
                ("-", true) => 0.85,
                (_, true) => 0.8,
                ("/", false) => 0.6,
                _ => 0.35,
            };
            push(m.start(), m.end(), score);
        }

        for c in self.day_month.captures_iter(text) {
            let (Some(m), Some(d), Some(mon)) = (c.get(0), c.get(1), c.get(2)) else { continue };
            if !starts_clean(text, m.start()) {
                continue;
            }
            let month = month_number(mon.as_str());
            let day = num(d.as_str());
            // A two-digit year needs a `-`, `/` or `'` before it (`14-Mar-62`, `14 Mar '62`).
            let year = c.get(4).filter(|y| {
                let sep = c.get(3).map_or("", |s| s.as_str());
                y.as_str().len() == 4 || sep.contains(['-', '/', '\''])
            });
            match year {
                Some(y) if ends_clean(text, y.end()) => {
                    let year = if y.as_str().len() == 4 { num(y.as_str()) } else { 2000 + num(y.as_str()) };
                    if (1800..=2099).contains(&year) && valid(year, month, day) {
                        push(m.start(), y.end(), 0.95);
                    }
                }
                _ => {
                    if valid(2000, month, day) && ends_clean(text, mon.end()) {
                        let end = if text.get(mon.end()..).is_some_and(|r| r.starts_with('.')) {
                            mon.end() + 1
                        } else {
                            mon.end()
                        };
                        push(m.start(), end, name_only_score(mon.as_str()));
                    }
                }
            }
        }

        for c in self.month_day.captures_iter(text) {
            let (Some(m), Some(mon)) = (c.get(0), c.get(1)) else { continue };
            if c.get(2).is_some() {
                // Month and year.
                let score = name_only_score(mon.as_str());
                push(m.start(), m.end(), if score >= 0.5 { 0.6 } else { score });
                continue;
            }
            let Some(d) = c.get(3) else { continue };
            let month = month_number(mon.as_str());
            let day = num(d.as_str());
            // `Mar 14, 1962` or `Mar 14 '62`.
            let year = c
                .get(4)
                .map(|y| (y, num(y.as_str())))
                .or_else(|| c.get(5).map(|y| (y, 2000 + num(y.as_str()))));
            match year {
                Some((y, year)) if ends_clean(text, y.end()) => {
                    if valid(year, month, day) {
                        push(m.start(), m.end(), 0.95);
                    }
                }
                _ => {
                    let end = if year.is_some() { d.end() } else { m.end() };
                    if valid(2000, month, day) && ends_clean(text, end) && !time_after(text, end) {
                        push(m.start(), end, name_only_score(mon.as_str()));
                    }
                }
            }
        }

        for m in self.compact.find_iter(text) {
            if !context::is_bounded(text, m.start(), m.end()) {
                continue;
            }
            let d = m.as_str();
            let field = |r: std::ops::Range<usize>| d.get(r).map_or(0, num);
            if d.len() == 6 {
                // `DOB 031462`: MMDDYY or DDMMYY, only right after a birth label.
                let (a, b) = (field(0..2), field(2..4));
                if context::has_word_before(text, m.start(), 12, BIRTH)
                    && (valid(2000, a, b) || valid(2000, b, a))
                {
                    out.push(Finding::new(EntityKind::Date, m.start(), m.end(), 0.8, false));
                }
                continue;
            }
            let year = field(0..4);
            if !matches!(d.len(), 8 | 12 | 14)
                || !(1800..=2099).contains(&year)
                || !valid(year, field(4..6), field(6..8))
            {
                continue;
            }
            let b = text.as_bytes();
            let hl7 = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(|c| matches!(c, b'|' | b'^'));
            let delimited = hl7(m.start().checked_sub(1)) || hl7(Some(m.end()));
            let labelled = context::has_word_before(text, m.start(), 24, CONTEXT)
                && !context::other_label_before(text, m.start(), 24, CONTEXT);
            let score = if delimited || labelled { 0.85 } else { 0.3 };
            out.push(Finding::new(EntityKind::Date, m.start(), m.end(), score, false));
        }
    }
}

/// Month names alone: capitalized (`March 14`) is likely a date, lowercase less so, and `may`
/// is usually the verb.
fn name_only_score(month: &str) -> f32 {
    let capitalized = month.chars().next().is_some_and(char::is_uppercase);
    if month.eq_ignore_ascii_case("may") && !capitalized {
        0.2
    } else if capitalized {
        0.6
    } else {
        0.35
    }
}

/// The digit runs of a numeric date match and the one-byte separator after each (the first
/// three runs; a separator is the byte right after its run, when the match goes on).
struct Parts<'t> {
    runs: [Option<&'t str>; 3],
    seps: [Option<&'t str>; 3],
}

impl<'t> Parts<'t> {
    fn of(s: &'t str) -> Self {
        let mut p = Parts { runs: [None; 3], seps: [None; 3] };
        let b = s.as_bytes();
        let mut i = 0;
        for (run, sep) in p.runs.iter_mut().zip(p.seps.iter_mut()) {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                break;
            }
            *run = s.get(start..i);
            if !b.get(i).is_some_and(u8::is_ascii) {
                break;
            }
            *sep = s.get(i..i + 1);
            i += 1;
        }
        p
    }

    fn run(&self, k: usize) -> Option<&'t str> {
        self.runs.get(k).copied().flatten()
    }

    fn sep(&self, k: usize) -> Option<&'t str> {
        self.seps.get(k).copied().flatten()
    }
}

fn num(s: &str) -> u32 {
    s.bytes().fold(0u32, |acc, b| acc.saturating_mul(10).saturating_add(u32::from(b.wrapping_sub(b'0'))))
}

fn month_number(name: &str) -> u32 {
    let lower = name.get(..3).unwrap_or("").to_ascii_lowercase();
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| *m == lower)
        .map_or(0, |i| i as u32 + 1)
}

/// A real calendar day.
fn valid(year: u32, month: u32, day: u32) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Not glued to letters or digits, nor part of a longer dotted/dashed number (`172.22.16.11`).
fn numeric_bounded(text: &str, start: usize, end: usize) -> bool {
    starts_clean(text, start) && ends_clean(text, end)
}

fn starts_clean(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    match start.checked_sub(1).and_then(|i| b.get(i)) {
        None => true,
        Some(c) if c.is_ascii_alphanumeric() => false,
        Some(b'.' | b'/' | b'-' | b':' | b',') => {
            !start.checked_sub(2).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric)
        }
        Some(_) => true,
    }
}

fn ends_clean(text: &str, end: usize) -> bool {
    let b = text.as_bytes();
    match b.get(end) {
        None => true,
        Some(c) if c.is_ascii_alphanumeric() => false,
        Some(b'.' | b'/' | b'-' | b':' | b',') => !b.get(end + 1).is_some_and(u8::is_ascii_digit),
        Some(_) => true,
    }
}

/// `Mar 14 10:30` is fine; `Mar 14:30` is not a date.
fn time_after(text: &str, end: usize) -> bool {
    text.as_bytes().get(end) == Some(&b':')
}

/// A dose or measurement unit right after the candidate (`5/10/20 mg`).
fn unit_after(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("").trim_start_matches([' ', '\t']);
    let word: &str = rest.split(|c: char| !c.is_ascii_alphabetic() && c != '%').next().unwrap_or("");
    rest.starts_with('%') || UNITS.iter().any(|u| u.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_scored_table;

    #[test]
    fn table() {
        check_scored_table(
            &Date::new().unwrap(),
            EntityKind::Date,
            &[
                ("DOB: 03/14/1962", "03/14/1962"),
                ("born 1962-03-14.", "1962-03-14"),
                ("seen 14 Mar 1962 in clinic", "14 Mar 1962"),
                ("on March 14th, 1962 at noon", "March 14th, 1962"),
                ("Mar. 14, 1962", "Mar. 14, 1962"),
                ("Geburtsdatum 14.03.1962", "14.03.1962"),
                ("admitted 3/14/62", "3/14/62"),
                ("3/14/62 follow-up", "3/14/62"),
                ("DOB 19620314", "19620314"),
                ("PID|1||445566^^^MRN||ROE^ANN||19620314|F", "19620314"),
                ("event 2024-03-14T10:30:00Z logged", "2024-03-14T10:30:00Z"),
                ("start 2022-08-12T09:30:00-05:00", "2022-08-12T09:30:00-05:00"),
                ("Admitted: 14-MAR-1962", "14-MAR-1962"),
                ("Date of service: 14-Mar-62", "14-Mar-62"),
                ("31 dec 1975", "31 dec 1975"),
                ("feb 29, 2024", "feb 29, 2024"),
                ("Follow up on March 14 with labs", "March 14"),
                ("the 2nd of June", "2nd of June"),
                ("symptoms since March 2019", "March 2019"),
                ("posted on 12-05-2023 (USD 12.00)", "12-05-2023"),
                ("seen on 5.3.22", "5.3.22"),
                ("2022/11/03", "2022/11/03"),
                ("15 Jan 2024 0835 hrs", "15 Jan 2024"),
                ("Discharge date: 3/18; home", "3/18"),
                ("DOB 031462", "031462"),
                ("born Mar 14 '62", "Mar 14 '62"),
            ],
            &[
                "since 2008",
                "BP 128/82, HR 72",
                "at 10:30 AM and 14:45",
                "take 1/2 tablet",
                "taper 5/10/20 mg",
                "metoprolol 25 mg daily",
                "IP 172.22.16.11",
                "version 1.2.10",
                "Feb 30, 2020",
                "13/13/2020",
                "2020-13-01",
                "order 20240314",
                "TX driver's license 20931451",
                "you may 5",
                "HbA1c 7.2%, eGFR 81",
                "ICD-10 E11.9, CPT 99213",
                "INV-2020-34286",
                "room 4-12-20",
                "Omar 5 was here",
                "Gecko/3519-07-15",
                "1614 hrs",
                "Mar 14:30",
                "5-3-22",
                "Rx 10/20/30 taper",
                "Labs 3/14: Na 138",
                "ratio 3/4",
                "Date: 1/2 tab",
                "code 031462",
                "DOB 139962",
                "born at 36 2/7 weeks",
                "born at 36 2/7",
                "Card expired 03/27",
            ],
        );
    }

    #[test]
    fn validation() {
        assert!(valid(2024, 2, 29) && !valid(2023, 2, 29) && !valid(1900, 2, 29) && valid(2000, 2, 29));
        assert!(!valid(2020, 4, 31) && valid(2020, 12, 31) && !valid(2020, 0, 1) && !valid(2020, 1, 0));
        assert_eq!(month_number("Sept"), 9);
        assert_eq!(month_number("DECEMBER"), 12);
    }
}
