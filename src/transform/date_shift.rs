//! The `dateShift` operator: every date of one subject moves by the same number of days, so
//! intervals (age at admission, days between visits) survive while the real dates do not. The
//! offset is HMAC(key, subject): stable for a subject under one key, unlinkable without it.
//!
//! Date shifting is a pseudonymization technique (HIPAA Expert Determination, GDPR Art. 4(5)),
//! not Safe Harbor: §164.514(b)(2)(i)(C) asks for dates reduced to the year, which is the
//! `generalize` operator's work. The year and season of a shifted date still move by at most
//! `maxDays`.
//!
//! Dates are read in the common written forms and printed back in the same form: `1962-03-14`,
//! `03/14/1962`, `3/14/62`, `14.03.1962`, `19620314` (HL7), `14 Mar 1962`, `March 14th, 1962`,
//! `Mon, 14 Mar 1962`, `March 1962`, `03/2021`, with anything after the date (a time) kept as is.
//! Padding, separators, month-name spelling and case are kept; a weekday name and an ordinal
//! suffix are recomputed for the new date. Slashed and dashed numeric dates are read month first
//! unless the first number is above 12; dotted ones day first. Two-digit years above 30 are read
//! as 19xx, others as 20xx (this only matters for weekdays and 29 February).

use crate::key::Key;
use serde::{Deserialize, Serialize};

/// Options of the `dateShift` operator.
///
/// ```
/// let op: sanitas::Operator = serde_json::from_str(r#"{"action":"dateShift","maxDays":90,"keepWeekday":true}"#).unwrap();
/// assert_eq!(op.name(), "dateShift");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "RawDateShift")]
#[non_exhaustive]
pub struct DateShiftSpec {
    /// Largest shift in days, either way (1..=3650, default 365). The shift is never zero.
    pub max_days: u32,
    /// Shift by whole weeks, so every date keeps its weekday (needs `maxDays` ≥ 7).
    pub keep_weekday: bool,
    /// In records, a JSON Pointer to the field that names the subject (e.g. `/patient/id`): all
    /// dates of records with the same subject value move together. Otherwise the subject is the
    /// one the application set with `Sanitizer::set_date_shift_subject` (JS
    /// `setDateShiftSubject`), or else the key alone, so that every date moves by one offset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

/// The options as written, checked by `TryFrom` so that a bad value is a policy error.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawDateShift {
    #[serde(default = "default_max_days")]
    max_days: u32,
    #[serde(default)]
    keep_weekday: bool,
    #[serde(default)]
    subject: Option<String>,
}

fn default_max_days() -> u32 {
    365
}

impl TryFrom<RawDateShift> for DateShiftSpec {
    type Error = &'static str;
    fn try_from(r: RawDateShift) -> Result<Self, Self::Error> {
        let spec = DateShiftSpec { max_days: r.max_days, keep_weekday: r.keep_weekday, subject: r.subject };
        spec.validate()?;
        if spec.subject.as_deref().is_some_and(|p| !p.is_empty() && !p.starts_with('/')) {
            return Err("subject must be a JSON Pointer such as \"/patient/id\"");
        }
        Ok(spec)
    }
}

impl Default for DateShiftSpec {
    fn default() -> Self {
        DateShiftSpec { max_days: default_max_days(), keep_weekday: false, subject: None }
    }
}

impl DateShiftSpec {
    /// Checks the options; `path` names the operator in the policy.
    fn validate(&self) -> std::result::Result<(), &'static str> {
        if !(1..=3650).contains(&self.max_days) {
            return Err("maxDays must be between 1 and 3650");
        }
        if self.keep_weekday && self.max_days < 7 {
            return Err("keepWeekday needs maxDays of at least 7");
        }
        Ok(())
    }

    /// The shift in days for `subject`: non-zero, within ±`max_days`, a multiple of 7 when
    /// weekdays are kept.
    pub(crate) fn offset(&self, key: &Key, subject: &str) -> i64 {
        let mac = key.hmac(&[b"dateShift\0", subject.as_bytes()]);
        let mut raw = [0u8; 8];
        raw.copy_from_slice(&mac[..8]);
        let r = u64::from_be_bytes(raw);
        let step: u64 = if self.keep_weekday { 7 } else { 1 };
        let steps = (u64::from(self.max_days) / step).max(1);
        let magnitude = (((r >> 1) % steps) + 1) * step;
        let magnitude = i64::try_from(magnitude).unwrap_or(1);
        if r & 1 == 0 {
            magnitude
        } else {
            -magnitude
        }
    }
}

/// How a name is written: its case and whether it is abbreviated.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Case {
    Upper,
    Lower,
    Title,
}

#[derive(Clone, Debug, PartialEq)]
enum Part {
    Lit(String),
    Year { digits: usize },
    MonthNum { pad: bool },
    MonthName { abbr: usize, case: Case },
    Day { pad: bool, ordinal: Option<Case> },
    Weekday { abbr: usize, case: Case },
}

/// A date read from text, with the layout to print it back.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ParsedDate {
    year: i64,
    month: u32,
    /// `None` for year-month dates such as `March 1962`.
    day: Option<u32>,
    parts: Vec<Part>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/// A run of the input: digits, letters or anything else.
#[derive(Debug)]
enum Run<'a> {
    Digits(&'a str),
    Alpha(&'a str),
    Other(&'a str),
}

fn runs(s: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let class = |c: char| {
        if c.is_ascii_digit() {
            0
        } else if c.is_alphabetic() {
            1
        } else {
            2
        }
    };
    let mut current: Option<u8> = None;
    for (i, c) in s.char_indices() {
        let k = class(c);
        if current != Some(k) {
            if let Some(prev) = current {
                out.push(make_run(prev, s.get(start..i).unwrap_or_default()));
            }
            start = i;
            current = Some(k);
        }
    }
    if let Some(prev) = current {
        out.push(make_run(prev, s.get(start..).unwrap_or_default()));
    }
    out
}

fn make_run(class: u8, s: &str) -> Run<'_> {
    match class {
        0 => Run::Digits(s),
        1 => Run::Alpha(s),
        _ => Run::Other(s),
    }
}

fn case_of(word: &str) -> Case {
    if word.chars().all(|c| !c.is_lowercase()) {
        Case::Upper
    } else if word.chars().all(|c| !c.is_uppercase()) {
        Case::Lower
    } else {
        Case::Title
    }
}

/// A month or weekday name (full, or an abbreviation of 3 or more letters): (index, abbr length
/// or 0 for the full name).
fn lookup_name(word: &str, names: &[&str]) -> Option<(usize, usize)> {
    let w = word.to_lowercase();
    if w.len() < 3 {
        return None;
    }
    names.iter().enumerate().find_map(|(i, n)| {
        if *n == w {
            Some((i, 0))
        } else if n.starts_with(&w) && (w.len() <= 4) {
            Some((i, w.len()))
        } else {
            None
        }
    })
}

fn render_name(name: &str, abbr: usize, case: Case) -> String {
    let base: String = if abbr == 0 { name.to_owned() } else { name.chars().take(abbr).collect() };
    match case {
        Case::Upper => base.to_uppercase(),
        Case::Lower => base,
        Case::Title => {
            let mut c = base.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
    }
}

fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    s.parse().ok()
}

fn full_year(digits: &str) -> Option<i64> {
    let v = num(digits)?;
    match digits.len() {
        4 if v >= 1 => Some(v),
        2 if v > 30 => Some(1900 + v),
        2 => Some(2000 + v),
        _ => None,
    }
}

/// Reads a date; `None` if `s` is not one of the supported forms or not a valid calendar date.
pub(crate) fn parse(s: &str) -> Option<ParsedDate> {
    let rs = runs(s);
    let mut parts = Vec::new();
    let mut i = 0;
    // An optional leading weekday name and its separator.
    if let Some(Run::Alpha(w)) = rs.first() {
        if lookup_name(w, &WEEKDAYS).is_some() && lookup_name(w, &MONTHS).is_none() {
            let (_, abbr) = lookup_name(w, &WEEKDAYS)?;
            parts.push(Part::Weekday { abbr, case: case_of(w) });
            if let Some(Run::Other(sep)) = rs.get(1) {
                parts.push(Part::Lit((*sep).to_owned()));
                i = 2;
            } else {
                return None;
            }
        }
    }
    let body = rs.get(i..)?;
    let (year, month, day, used) = read_body(body, &mut parts)?;
    // Whatever follows the date (a time, a zone) is kept as it is.
    let rest: String = body
        .get(used..)
        .unwrap_or_default()
        .iter()
        .map(|r| match r {
            Run::Digits(x) | Run::Alpha(x) | Run::Other(x) => *x,
        })
        .collect();
    if let Some(first) = rest.chars().next() {
        // A date glued to more digits or letters is not a date we understand.
        if first.is_alphanumeric() && first != 'T' {
            return None;
        }
        parts.push(Part::Lit(rest));
    }
    if !(1..=12).contains(&month) || !(1..=9999).contains(&year) {
        return None;
    }
    if let Some(d) = day {
        if d < 1 || d > days_in_month(year, month) {
            return None;
        }
    }
    Some(ParsedDate { year, month, day, parts })
}

type Body = (i64, u32, Option<u32>, usize);

fn read_body(rs: &[Run<'_>], parts: &mut Vec<Part>) -> Option<Body> {
    use Run::*;
    let lit = |s: &str| Part::Lit(s.to_owned());
    // Zero-padded: two digits with a leading zero, or two digits beside another two-digit field.
    let pad = |s: &str| s.len() == 2 && s.starts_with('0');
    let pad2 = |s: &str, other: &str| s.len() == 2 && (s.starts_with('0') || other.len() == 2);
    match rs {
        // 19620314
        [Digits(d), ..] if d.len() == 8 => {
            let y = num(d.get(..4)?)?;
            let m = num(d.get(4..6)?)?;
            let dd = num(d.get(6..)?)?;
            if !(1800..2200).contains(&y) {
                return None;
            }
            parts.extend([
                Part::Year { digits: 4 },
                Part::MonthNum { pad: true },
                Part::Day { pad: true, ordinal: None },
            ]);
            Some((y, u32::try_from(m).ok()?, Some(u32::try_from(dd).ok()?), 1))
        }
        // 1962-03-14, 1962/3/14
        [Digits(y), Other(s1), Digits(m), Other(s2), Digits(d), ..]
            if y.len() == 4 && m.len() <= 2 && d.len() <= 2 && is_num_sep(s1) && s1 == s2 =>
        {
            parts.extend([
                Part::Year { digits: 4 },
                lit(s1),
                Part::MonthNum { pad: pad2(m, d) },
                lit(s2),
                Part::Day { pad: pad2(d, m), ordinal: None },
            ]);
            Some((num(y)?, u32::try_from(num(m)?).ok()?, Some(u32::try_from(num(d)?).ok()?), 5))
        }
        // 03/14/1962, 14.03.1962, 3/14/62
        [Digits(a), Other(s1), Digits(b), Other(s2), Digits(y), ..]
            if a.len() <= 2
                && b.len() <= 2
                && (y.len() == 4 || y.len() == 2)
                && is_num_sep(s1)
                && s1 == s2 =>
        {
            let (av, bv) = (num(a)?, num(b)?);
            let day_first = *s1 == "." || av > 12;
            let (m, d, ms, ds) = if day_first { (bv, av, b, a) } else { (av, bv, a, b) };
            let month = Part::MonthNum { pad: pad2(ms, ds) };
            let dayp = Part::Day { pad: pad2(ds, ms), ordinal: None };
            let (first, second) = if day_first { (dayp, month) } else { (month, dayp) };
            parts.extend([first, lit(s1), second, lit(s2), Part::Year { digits: y.len() }]);
            Some((full_year(y)?, u32::try_from(m).ok()?, Some(u32::try_from(d).ok()?), 5))
        }
        // 2021-03 (year-month)
        [Digits(y), Other(s), Digits(m), ..] if y.len() == 4 && m.len() == 2 && (*s == "-" || *s == "/") => {
            parts.extend([Part::Year { digits: 4 }, lit(s), Part::MonthNum { pad: pad(m) }]);
            Some((num(y)?, u32::try_from(num(m)?).ok()?, None, 3))
        }
        // 03/2021
        [Digits(m), Other(s), Digits(y), ..] if m.len() <= 2 && y.len() == 4 && *s == "/" => {
            parts.extend([Part::MonthNum { pad: pad(m) }, lit(s), Part::Year { digits: 4 }]);
            Some((num(y)?, u32::try_from(num(m)?).ok()?, None, 3))
        }
        // March 14th, 1962 / Mar. 14 1962 / March 1962
        [Alpha(mn), rest @ ..] => {
            let (mi, abbr) = lookup_name(mn, &MONTHS)?;
            parts.push(Part::MonthName { abbr, case: case_of(mn) });
            let month = u32::try_from(mi + 1).ok()?;
            match rest {
                [Other(s1), Digits(d), Alpha(suf), Other(s2), Digits(y), ..]
                    if d.len() <= 2 && is_ordinal(suf) && y.len() == 4 =>
                {
                    parts.extend([
                        lit(s1),
                        Part::Day { pad: pad(d), ordinal: Some(case_of(suf)) },
                        lit(s2),
                        Part::Year { digits: 4 },
                    ]);
                    Some((num(y)?, month, Some(u32::try_from(num(d)?).ok()?), 6))
                }
                [Other(s1), Digits(d), Other(s2), Digits(y), ..] if d.len() <= 2 && y.len() == 4 => {
                    parts.extend([
                        lit(s1),
                        Part::Day { pad: pad(d), ordinal: None },
                        lit(s2),
                        Part::Year { digits: 4 },
                    ]);
                    Some((num(y)?, month, Some(u32::try_from(num(d)?).ok()?), 5))
                }
                [Other(s1), Digits(y), ..] if y.len() == 4 => {
                    parts.extend([lit(s1), Part::Year { digits: 4 }]);
                    Some((num(y)?, month, None, 3))
                }
                _ => None,
            }
        }
        // 14 Mar 1962 / 14th March 1962 / 14th of March, 1962
        [Digits(d), rest @ ..] if d.len() <= 2 => {
            let (ordinal, rest) = match rest {
                [Alpha(suf), rest @ ..] if is_ordinal(suf) => (Some(case_of(suf)), rest),
                _ => (None, rest),
            };
            let used_before = if ordinal.is_some() { 2 } else { 1 };
            parts.push(Part::Day { pad: pad(d), ordinal });
            let (rest, used_of) = match rest {
                [Other(s0), Alpha(of), rest @ ..] if of.eq_ignore_ascii_case("of") => {
                    parts.push(lit(s0));
                    parts.push(lit(of));
                    (rest, 2)
                }
                _ => (rest, 0),
            };
            match rest {
                [Other(s1), Alpha(mn), Other(s2), Digits(y), ..] if y.len() == 4 => {
                    let (mi, abbr) = lookup_name(mn, &MONTHS)?;
                    parts.extend([
                        lit(s1),
                        Part::MonthName { abbr, case: case_of(mn) },
                        lit(s2),
                        Part::Year { digits: 4 },
                    ]);
                    let month = u32::try_from(mi + 1).ok()?;
                    Some((num(y)?, month, Some(u32::try_from(num(d)?).ok()?), used_before + used_of + 4))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn is_num_sep(s: &str) -> bool {
    matches!(s, "-" | "/" | ".")
}

fn is_ordinal(s: &str) -> bool {
    matches!(s.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

impl ParsedDate {
    /// `YYYY-MM-DD` (or `YYYY-MM` for a year-month date): the date as a subject.
    pub(crate) fn iso(&self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }

    /// The date moved by `days` (year-month dates by the nearest whole number of months),
    /// printed in the layout it was read in. `None` if the result leaves years 1..=9999.
    pub(crate) fn shifted(&self, days: i64) -> Option<String> {
        let (y, m, d) = match self.day {
            Some(d) => civil_from_days(days_from_civil(self.year, self.month, d) + days),
            None => {
                let months = (days * 100 + days.signum() * 1522) / 3044; // days / 30.44, rounded
                let index = self.year * 12 + i64::from(self.month) - 1 + months;
                (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32, 1)
            }
        };
        if !(1..=9999).contains(&y) {
            return None;
        }
        Some(self.render(y, m, d))
    }

    fn render(&self, y: i64, m: u32, d: u32) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Year { digits: 2 } => out.push_str(&format!("{:02}", y.rem_euclid(100))),
                Part::Year { .. } => out.push_str(&format!("{y:04}")),
                Part::MonthNum { pad: true } => out.push_str(&format!("{m:02}")),
                Part::MonthNum { pad: false } => out.push_str(&m.to_string()),
                Part::MonthName { abbr, case } => {
                    let name = MONTHS.get((m as usize).saturating_sub(1)).copied().unwrap_or("");
                    // "Sept" stays four letters only for September; other months use three.
                    let abbr = if *abbr == 4 && m != 9 { 3 } else { *abbr };
                    out.push_str(&render_name(name, abbr, *case));
                }
                Part::Day { pad, ordinal } => {
                    if *pad {
                        out.push_str(&format!("{d:02}"));
                    } else {
                        out.push_str(&d.to_string());
                    }
                    if let Some(case) = ordinal {
                        let suf = ordinal_suffix(d);
                        out.push_str(&if *case == Case::Upper { suf.to_uppercase() } else { suf.to_owned() });
                    }
                }
                Part::Weekday { abbr, case } => {
                    let wd = (days_from_civil(y, m, d) + 4).rem_euclid(7) as usize;
                    let name = WEEKDAYS.get(wd).copied().unwrap_or("");
                    let abbr = if *abbr > 3 { 3 } else { *abbr };
                    out.push_str(&render_name(name, abbr, *case));
                }
            }
        }
        out
    }
}

/// Days since 1970-01-01, for other modules' tests.
#[cfg(test)]
pub(crate) fn tests_days(y: i64, m: u32, d: u32) -> i64 {
    days_from_civil(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shift(s: &str, days: i64) -> String {
        parse(s).unwrap_or_else(|| panic!("unparsed {s:?}")).shifted(days).unwrap()
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for z in [-800_000, -1, 0, 59, 11_016, 11_017, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn shifts_keep_the_layout() {
        let cases = [
            ("1962-03-14", 10, "1962-03-24"),
            ("1962/3/14", 20, "1962/4/3"),
            ("03/14/1962", -14, "02/28/1962"),
            ("3/14/62", 1, "3/15/62"),
            ("14.03.1962", 31, "14.04.1962"),
            ("25/12/2020", 7, "01/01/2021"),
            ("19620314", 366, "19630315"),
            ("14 Mar 1962", 2, "16 Mar 1962"),
            ("March 14th, 1962", 8, "March 22nd, 1962"),
            ("MARCH 1ST, 1962", 1, "MARCH 2ND, 1962"),
            ("Mar. 14, 1962", -14, "Feb. 28, 1962"),
            ("Sept 3, 2021", 30, "Oct 3, 2021"),
            ("14th of March 1962", 7, "21st of March 1962"),
            ("Wed, 14 Mar 1962", 1, "Thu, 15 Mar 1962"),
            ("Wednesday, March 14, 1962", 5, "Monday, March 19, 1962"),
            ("March 1962", 62, "May 1962"),
            ("03/2021", -40, "02/2021"),
            ("2021-03-04T10:22:00Z", 1, "2021-03-05T10:22:00Z"),
            ("2020-02-28 14:30", 1, "2020-02-29 14:30"),
        ];
        for (input, days, want) in cases {
            assert_eq!(shift(input, days), want, "{input} + {days}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "1962",
            "13/14/1962",
            "02/30/2021",
            "2021-13-01",
            "128/82",
            "5 mg",
            "Marchy 3, 2020",
            "12345678",
            "3.5",
            "14 Mar",
            "v1.2.3",
            "2021-03-04x",
        ] {
            assert!(parse(s).is_none(), "{s} parsed");
        }
        assert_eq!(parse("02/29/2020").map(|d| d.iso()), Some("2020-02-29".into()));
        assert!(parse("02/29/2021").is_none());
    }

    #[test]
    fn offsets_are_keyed_bounded_and_non_zero() {
        let key = Key::from_bytes(&[3; 32]).unwrap();
        let other = Key::from_bytes(&[4; 32]).unwrap();
        let spec = DateShiftSpec::default();
        let weeks = DateShiftSpec { keep_weekday: true, max_days: 70, ..DateShiftSpec::default() };
        let mut distinct = std::collections::HashSet::new();
        for i in 0..500 {
            let subject = format!("patient-{i}");
            let o = spec.offset(&key, &subject);
            assert!(o != 0 && o.abs() <= 365, "{o}");
            assert_eq!(o, spec.offset(&key, &subject));
            distinct.insert(o);
            let w = weeks.offset(&key, &subject);
            assert!(w != 0 && w % 7 == 0 && w.abs() <= 70, "{w}");
        }
        assert!(distinct.len() > 200, "offsets spread: {}", distinct.len());
        assert!((0..20).any(|i| spec.offset(&key, &i.to_string()) != spec.offset(&other, &i.to_string())));
        assert!(DateShiftSpec { max_days: 0, ..DateShiftSpec::default() }.validate().is_err());
        assert!(DateShiftSpec { max_days: 5, keep_weekday: true, ..DateShiftSpec::default() }
            .validate()
            .is_err());
    }

    #[test]
    fn intervals_and_weekdays_survive() {
        let a = parse("2021-01-10").unwrap();
        let b = parse("2021-03-01").unwrap();
        for days in [-300, -7, 1, 29, 365] {
            let (sa, sb) = (a.shifted(days).unwrap(), b.shifted(days).unwrap());
            let (pa, pb) = (parse(&sa).unwrap(), parse(&sb).unwrap());
            let n = |p: &ParsedDate| days_from_civil(p.year, p.month, p.day.unwrap());
            assert_eq!(n(&pb) - n(&pa), 50);
        }
        let shifted = parse("Sunday, January 10, 2021").unwrap().shifted(14).unwrap();
        assert_eq!(shifted, "Sunday, January 24, 2021");
    }
}
