//! Generalization: a value is replaced by a coarser version of itself, so the model keeps what the
//! purpose needs (the year, the ZIP3 area, an age band) and loses what identifies the person.
//!
//! HIPAA Safe Harbor (45 CFR 164.514(b)(2)(i)(B) and (C)) is the model: dates keep their year only;
//! a ZIP keeps its first three digits unless that ZIP3 area has 20,000 people or fewer (then `000`);
//! ages of 90 and above, and date elements revealing them, become the single category `90+`.

use crate::detect::EntityKind;
use serde::{Deserialize, Serialize};

/// Options of the `generalize` action: `{"action": "generalize", "to": "year"}`.
///
/// Without `to`, the generalization follows the entity kind: dates → year, ZIP → ZIP3, ages → `90+`,
/// numbers → one significant digit (`23456` → `"20000-30000"`); other kinds are redacted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneralizeSpec {
    /// What to keep; by entity kind when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Generalization>,
    /// Bucket width for `to: "bucket"` (a positive number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<f64>,
    /// Decimal places kept by `to: "decimals"` (0..=10, default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u8>,
    /// For dates: a year at or before (reference year − 90), which may reveal an age of 90 or more,
    /// becomes `<=YYYY` (HIPAA 164.514(b)(2)(i)(C)). Ages (`to: "age"`) are always capped.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub age_cap: bool,
}

/// The coarser form a value is generalized to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Generalization {
    /// A date keeps its year: `1962-03-14` → `1962`.
    Year,
    /// A date keeps its year and month: `1962-03-14` → `1962-03`.
    YearMonth,
    /// A birth date becomes an age in whole years at the reference date; 90 and above → `90+`.
    /// An age stays an age, capped the same way.
    Age,
    /// A US ZIP keeps its first three digits, `000` for the restricted ZIP3 areas.
    Zip3,
    /// A number becomes the bucket `lo-hi` of width `size` that holds it (`lo` ≤ value < `hi`).
    Bucket,
    /// A number (e.g. a coordinate) keeps `decimals` decimal places.
    Decimals,
}

impl GeneralizeSpec {
    /// Checks the options. Returns the name of the bad option and why.
    pub(crate) fn check(&self) -> Result<(), (&'static str, &'static str)> {
        if let Some(size) = self.size {
            if !(size.is_finite() && size > 0.0) {
                return Err(("size", "must be a positive number"));
            }
            if self.to != Some(Generalization::Bucket) {
                return Err(("size", "applies only to \"to\": \"bucket\""));
            }
        }
        if self.to == Some(Generalization::Bucket) && self.size.is_none() {
            return Err(("size", "\"to\": \"bucket\" needs a bucket size"));
        }
        if let Some(d) = self.decimals {
            if d > 10 {
                return Err(("decimals", "must be between 0 and 10"));
            }
            if self.to != Some(Generalization::Decimals) {
                return Err(("decimals", "applies only to \"to\": \"decimals\""));
            }
        }
        Ok(())
    }

    /// Generalizes `value` (a finding of `kind`, or a whole field when `kind` is `None`).
    /// `None` means the value cannot be generalized this way: the caller redacts it instead
    /// (fail closed).
    pub(crate) fn apply(
        &self,
        kind: Option<EntityKind>,
        value: &str,
        today: Option<Ymd>,
    ) -> Option<Generalized> {
        let to = match self.to {
            Some(to) => to,
            None => match kind {
                Some(EntityKind::Date) => Generalization::Year,
                Some(EntityKind::Zip) => Generalization::Zip3,
                Some(EntityKind::AgeOver89) => Generalization::Age,
                Some(_) => return None,
                None => return auto_bucket(value),
            },
        };
        match to {
            Generalization::Year => {
                let d = parse_date(value, today)?;
                if self.age_cap {
                    if let Some(t) = today {
                        if d.year <= t.year - 90 {
                            return Some(Generalized::Text(format!("<={}", t.year - 90)));
                        }
                    }
                }
                Some(Generalized::Text(format!("{:04}", d.year)))
            }
            Generalization::YearMonth => {
                let d = parse_date(value, today)?;
                if self.age_cap {
                    if let Some(t) = today {
                        if d.year <= t.year - 90 {
                            return Some(Generalized::Text(format!("<={}", t.year - 90)));
                        }
                    }
                }
                Some(Generalized::Text(format!("{:04}-{:02}", d.year, d.month?)))
            }
            Generalization::Age => generalize_age(kind, value, today),
            Generalization::Zip3 => zip3(value).map(Generalized::Text),
            Generalization::Bucket => bucket(value, self.size?),
            Generalization::Decimals => round_numbers(value, self.decimals.unwrap_or(2)),
        }
    }
}

/// The result of a generalization: text, or a number for numeric results.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Generalized {
    /// A string (`"1962"`, `"021"`, `"90+"`).
    Text(String),
    /// An integer (an age under 90).
    Int(i64),
    /// A rounded number.
    Float(f64),
}

impl Generalized {
    /// The result as text, for findings inside free text.
    pub(crate) fn into_text(self) -> String {
        match self {
            Generalized::Text(s) => s,
            Generalized::Int(i) => i.to_string(),
            Generalized::Float(f) => format_number(f),
        }
    }
}

/// ZIP3 areas with 20,000 or fewer people (2000 Census), which HIPAA Safe Harbor replaces by `000`.
pub const RESTRICTED_ZIP3: [&str; 17] = [
    "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884",
    "890", "893",
];

/// `02139` → `021`; `05901-1234` → `000`. Only US ZIP shapes (3, 5 or 9 digits) qualify.
pub(crate) fn zip3(value: &str) -> Option<String> {
    let v = value.trim();
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let shape_ok = v.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        && matches!(digits.len(), 3 | 5 | 9)
        && v.starts_with(|c: char| c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let prefix = digits.get(..3)?;
    Some(if RESTRICTED_ZIP3.contains(&prefix) { "000".to_owned() } else { prefix.to_owned() })
}

fn generalize_age(kind: Option<EntityKind>, value: &str, today: Option<Ymd>) -> Option<Generalized> {
    if kind == Some(EntityKind::Date) || looks_like_date(value) {
        let d = parse_date(value, today)?;
        let t = today?;
        let mut age = t.year - d.year;
        if (t.month, t.day) < (d.month.unwrap_or(1), d.day.unwrap_or(1)) {
            age -= 1;
        }
        if age < 0 {
            return None;
        }
        return Some(if age >= 90 {
            Generalized::Text("90+".to_owned())
        } else {
            Generalized::Int(age.into())
        });
    }
    // An age, possibly with its unit ("92", "92 years", "92-year-old", "age 91"): the number
    // becomes `90+` when it is 90 or more; the rest of the text stays.
    let (start, end) = first_digit_run(value)?;
    let n: u32 = value.get(start..end)?.parse().ok()?;
    if n < 90 {
        return Some(if start == 0 && end == value.len() {
            Generalized::Int(n.into())
        } else {
            Generalized::Text(value.to_owned())
        });
    }
    Some(Generalized::Text(format!("{}90+{}", value.get(..start)?, value.get(end..)?)))
}

fn first_digit_run(value: &str) -> Option<(usize, usize)> {
    let start = value.find(|c: char| c.is_ascii_digit())?;
    let tail = value.get(start..)?;
    let len = tail.find(|c: char| !c.is_ascii_digit()).unwrap_or(tail.len());
    Some((start, start + len))
}

/// Parses a plain number, tolerating a currency sign, thousands separators and spaces.
fn parse_number(value: &str) -> Option<f64> {
    let cleaned: String =
        value.trim().chars().filter(|c| !matches!(c, ',' | ' ' | '$' | '€' | '£' | '\u{a0}')).collect();
    if cleaned.is_empty() || cleaned.len() > 40 {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|f| f.is_finite())
}

fn bucket(value: &str, size: f64) -> Option<Generalized> {
    let v = parse_number(value)?;
    let lo = (v / size).floor() * size;
    let hi = lo + size;
    Some(Generalized::Text(if lo < 0.0 {
        format!("{} to {}", format_number(lo), format_number(hi))
    } else {
        format!("{}-{}", format_number(lo), format_number(hi))
    }))
}

/// A number without a kind: bucketed to one significant digit (`401.06` → `"400-500"`).
fn auto_bucket(value: &str) -> Option<Generalized> {
    let v = parse_number(value)?;
    let magnitude = v.abs();
    let size = if magnitude < 1.0 { 1.0 } else { 10f64.powi(magnitude.log10().floor() as i32) };
    bucket(value, size)
}

/// Rounds every decimal number in `value` to `decimals` places (`"42.36012,-71.0589"` with 2 →
/// `"42.36,-71.06"`). A value that is one number stays a number.
fn round_numbers(value: &str, decimals: u8) -> Option<Generalized> {
    let factor = 10f64.powi(decimals.into());
    let round = |f: f64| (f * factor).round() / factor;
    if let Some(v) = value.trim().parse::<f64>().ok().filter(|f| f.is_finite()) {
        return Some(Generalized::Float(round(v)));
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    let mut changed = false;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let mut s = start;
        if s > 0 && rest.as_bytes().get(s - 1) == Some(&b'-') {
            s -= 1;
        }
        let tail = rest.get(start..).unwrap_or_default();
        let len = tail.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(tail.len());
        let (Some(head), Some(num), Some(after)) =
            (rest.get(..s), rest.get(s..start + len), rest.get(start + len..))
        else {
            break;
        };
        out.push_str(head);
        match num.parse::<f64>() {
            Ok(f) if num.contains('.') => {
                out.push_str(&format!("{:.*}", usize::from(decimals), round(f)));
                changed = true;
            }
            _ => out.push_str(num),
        }
        rest = after;
    }
    out.push_str(rest);
    changed.then_some(Generalized::Text(out))
}

/// `20000` rather than `20000.0`; fractions as Rust prints them.
fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        // Round away float noise (0.1 + 0.2) without losing real precision.
        let s = format!("{:.10}", f);
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// Today's date (UTC), for ages. Native builds read the system clock; wasm builds read the
/// clock the JS layer installs with [`set_clock`] (wasm32-unknown-unknown has no clock of its own).
pub(crate) fn today() -> Option<Ymd> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_millis();
        Ymd::from_unix_ms(ms as f64)
    }
    #[cfg(target_arch = "wasm32")]
    {
        CLOCK.get().and_then(|now| Ymd::from_unix_ms(now()))
    }
}

#[cfg(target_arch = "wasm32")]
static CLOCK: std::sync::OnceLock<fn() -> f64> = std::sync::OnceLock::new();

/// Installs the wall clock (Unix milliseconds) on wasm.
#[cfg(target_arch = "wasm32")]
pub(crate) fn set_clock(now: fn() -> f64) {
    let _ = CLOCK.set(now);
}

/// A calendar date; month and day are absent when the text does not give them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ymd {
    /// The year (four digits).
    pub year: i32,
    /// 1..=12.
    pub month: u8,
    /// 1..=31.
    pub day: u8,
}

/// A date read from text: year always, month and day when given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ParsedDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Ymd {
    /// Parses `YYYY-MM-DD`.
    pub(crate) fn parse_iso(s: &str) -> Option<Ymd> {
        let d = parse_date(s, None)?;
        let b = s.as_bytes();
        (b.len() == 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-')).then_some(())?;
        Some(Ymd { year: d.year, month: d.month?, day: d.day? })
    }

    /// The civil date of a Unix time in milliseconds (UTC).
    pub(crate) fn from_unix_ms(ms: f64) -> Option<Ymd> {
        if !ms.is_finite() {
            return None;
        }
        // Howard Hinnant's days-to-civil algorithm.
        let days = (ms / 86_400_000.0).floor() as i64;
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Some(Ymd { year: i32::try_from(year).ok()?, month: month as u8, day: day as u8 })
    }
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_number(word: &str) -> Option<u8> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let full = [
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
    MONTHS
        .iter()
        .zip(full.iter())
        .position(|(short, long)| w == *short || long.starts_with(w) && w.len() >= 3)
        .or_else(|| (w == "sept").then_some(8))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// True when `value` looks like a date rather than an age or an amount.
pub(crate) fn looks_like_date(value: &str) -> bool {
    parse_date(value, None).is_some()
}

/// Reads a date in the common written forms: ISO 8601 (with time), `YYYYMMDD` (HL7), US
/// `M/D/YYYY` and `M/D/YY`, European `D.M.YYYY`, `Mar 14, 1962`, `14 March 1962`, `March 14th,
/// 1962`, `Mar 1962`. A bare year is not a date. Two-digit years pivot on `today` (not after it).
pub(crate) fn parse_date(value: &str, today: Option<Ymd>) -> Option<ParsedDate> {
    let v = value.trim();
    if v.is_empty() || v.len() > 64 {
        return None;
    }
    // Tokens: digit runs and letter runs, with the separator that preceded each.
    let mut nums: Vec<(&str, u8)> = Vec::new();
    let mut month_word: Option<u8> = None;
    let mut sep = b' ';
    let b = v.as_bytes();
    let mut i = 0;
    let mut tokens = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            nums.push((v.get(start..i).unwrap_or_default(), sep));
            tokens += 1;
            // A time after the date ends the date: `2022-11-22T11:15`, `03/14/1962 10:30`.
            if nums.len() == 3 || (nums.len() == 1 && matches!(i - start, 8 | 12 | 14)) {
                break;
            }
        } else if c.is_ascii_alphabetic() {
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
            let word = v.get(start..i).unwrap_or_default();
            if let Some(m) = month_number(word) {
                if month_word.is_some() {
                    return None;
                }
                month_word = Some(m);
                tokens += 1;
            } else if !matches!(
                word.to_ascii_lowercase().as_str(),
                "st" | "nd"
                    | "rd"
                    | "th"
                    | "of"
                    | "t"
                    | "z"
                    | "mon"
                    | "monday"
                    | "tue"
                    | "tues"
                    | "tuesday"
                    | "wed"
                    | "wednesday"
                    | "thu"
                    | "thur"
                    | "thurs"
                    | "thursday"
                    | "fri"
                    | "friday"
                    | "sat"
                    | "saturday"
                    | "sun"
                    | "sunday"
                    | "the"
            ) {
                return None;
            }
            if word.eq_ignore_ascii_case("t") && nums.len() >= 3 {
                break;
            }
        } else {
            sep = c;
            i += 1;
            continue;
        }
        sep = b' ';
        if tokens > 4 {
            return None;
        }
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let year_of = |s: &str| -> Option<i32> {
        let n = i32::try_from(num(s)?).ok()?;
        match s.len() {
            4 if (1000..=2999).contains(&n) => Some(n),
            2 => {
                let pivot = today.map(|t| t.year % 100).unwrap_or(30);
                let century = today.map(|t| t.year / 100 * 100).unwrap_or(2000);
                Some(if n <= pivot { century + n } else { century - 100 + n })
            }
            _ => None,
        }
    };
    let day_ok = |d: u32| (1..=31).contains(&d);
    let month_ok = |m: u32| (1..=12).contains(&m);
    let date = |y: i32, m: u32, d: Option<u32>| -> Option<ParsedDate> {
        (month_ok(m) && d.is_none_or(day_ok)).then(|| ParsedDate {
            year: y,
            month: u8::try_from(m).ok(),
            day: d.and_then(|d| u8::try_from(d).ok()),
        })
    };
    if let Some(m) = month_word {
        // `Mar 14, 1962`, `14 Mar 1962`, `Mar 1962`, `14-Mar-62`.
        return match nums.as_slice() {
            [(y, _)] => date(year_of(y).filter(|_| y.len() == 4)?, m.into(), None),
            [(a, _), (y, _)] => date(year_of(y)?, m.into(), Some(num(a)?)),
            [(a, _), (y, _), ..] if year_of(y).is_some() && y.len() == 4 => {
                date(year_of(y)?, m.into(), Some(num(a)?))
            }
            _ => None,
        };
    }
    match nums.as_slice() {
        // HL7 / compact ISO: YYYYMMDD (possibly followed by a time).
        [(s, _)] if matches!(s.len(), 8 | 12 | 14) => {
            let y = i32::try_from(num(s.get(..4)?)?).ok()?;
            (1800..=2999).contains(&y).then_some(())?;
            date(y, num(s.get(4..6)?)?, Some(num(s.get(6..8)?)?))
        }
        [(y, _), (m, sep)] if y.len() == 4 && m.len() <= 2 && matches!(sep, b'-' | b'/') => {
            date(year_of(y)?, num(m)?, None)
        }
        [(a, _), (b2, sep), (c, _)] => {
            if a.len() == 4 {
                return date(year_of(a)?, num(b2)?, Some(num(c)?));
            }
            if a.len() > 2 || b2.len() > 2 || !matches!(sep, b'/' | b'-' | b'.') {
                return None;
            }
            let y = year_of(c)?;
            let (x, z) = (num(a)?, num(b2)?);
            // Day-first when written with dots or when the first number cannot be a month.
            if *sep == b'.' || x > 12 {
                date(y, z, Some(x))
            } else {
                date(y, x, Some(z))
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(i32, Option<u8>, Option<u8>)> {
        parse_date(s, Some(Ymd { year: 2025, month: 6, day: 1 })).map(|d| (d.year, d.month, d.day))
    }

    #[test]
    fn parses_common_date_forms() {
        for (text, want) in [
            ("1962-03-14", (1962, Some(3), Some(14))),
            ("2022-11-22T11:15:00-05:00", (2022, Some(11), Some(22))),
            ("1962/03/14", (1962, Some(3), Some(14))),
            ("19620314", (1962, Some(3), Some(14))),
            ("196203141030", (1962, Some(3), Some(14))),
            ("03/14/1962", (1962, Some(3), Some(14))),
            ("3/14/62", (1962, Some(3), Some(14))),
            ("3/14/19", (2019, Some(3), Some(14))),
            ("14.03.1962", (1962, Some(3), Some(14))),
            ("14/03/1962", (1962, Some(3), Some(14))),
            ("Mar 14, 1962", (1962, Some(3), Some(14))),
            ("March 14th, 1962", (1962, Some(3), Some(14))),
            ("14 March 1962", (1962, Some(3), Some(14))),
            ("14-Mar-1962", (1962, Some(3), Some(14))),
            ("Sept. 29, 2022", (2022, Some(9), Some(29))),
            ("Monday, March 14, 1962", (1962, Some(3), Some(14))),
            ("April 2023", (2023, Some(4), None)),
            ("1962-03", (1962, Some(3), None)),
            ("03/14/1962 10:30 AM", (1962, Some(3), Some(14))),
        ] {
            assert_eq!(p(text), Some(want), "{text}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        for text in [
            "1962",
            "2008",
            "92",
            "$4,250.00",
            "13/45/2020",
            "E11.9",
            "unknown",
            "",
            "12.5 mg",
            "Room 762",
            "10:30",
        ] {
            assert_eq!(p(text), None, "{text}");
        }
    }

    fn g(spec: GeneralizeSpec, kind: Option<EntityKind>, v: &str) -> Option<Generalized> {
        spec.apply(kind, v, Some(Ymd { year: 2025, month: 6, day: 1 }))
    }

    fn text(s: &str) -> Option<Generalized> {
        Some(Generalized::Text(s.to_owned()))
    }

    #[test]
    fn dates_keep_year_or_year_month() {
        let year = GeneralizeSpec { to: Some(Generalization::Year), ..Default::default() };
        assert_eq!(g(year.clone(), Some(EntityKind::Date), "Mar 14, 1962"), text("1962"));
        assert_eq!(
            g(GeneralizeSpec::default(), Some(EntityKind::Date), "2022-11-22T11:15:00Z"),
            text("2022")
        );
        let ym = GeneralizeSpec { to: Some(Generalization::YearMonth), ..Default::default() };
        assert_eq!(g(ym.clone(), None, "03/14/1962"), text("1962-03"));
        assert_eq!(g(year, None, "not a date"), None);
        let capped = GeneralizeSpec { to: Some(Generalization::Year), age_cap: true, ..Default::default() };
        assert_eq!(g(capped.clone(), None, "1931-01-02"), text("<=1935"));
        assert_eq!(g(capped.clone(), None, "1935-12-31"), text("<=1935"));
        assert_eq!(g(capped, None, "1936-01-01"), text("1936"));
    }

    #[test]
    fn ages_cap_at_90() {
        let auto = GeneralizeSpec::default();
        assert_eq!(g(auto.clone(), Some(EntityKind::AgeOver89), "92"), text("90+"));
        assert_eq!(g(auto.clone(), Some(EntityKind::AgeOver89), "92-year-old"), text("90+-year-old"));
        assert_eq!(g(auto.clone(), Some(EntityKind::AgeOver89), "age 104"), text("age 90+"));
        assert_eq!(g(auto, Some(EntityKind::AgeOver89), "45"), Some(Generalized::Int(45)));
        let age = GeneralizeSpec { to: Some(Generalization::Age), ..Default::default() };
        assert_eq!(g(age.clone(), Some(EntityKind::Date), "1962-03-14"), Some(Generalized::Int(63)));
        assert_eq!(g(age.clone(), Some(EntityKind::Date), "1962-06-02"), Some(Generalized::Int(62)));
        assert_eq!(g(age.clone(), None, "06/01/1935"), text("90+"));
        assert_eq!(g(age, None, "2030-01-01"), None, "a future birth date has no age");
    }

    #[test]
    fn zip3_and_restricted_prefixes() {
        let auto = GeneralizeSpec::default();
        assert_eq!(g(auto.clone(), Some(EntityKind::Zip), "02139"), text("021"));
        assert_eq!(g(auto.clone(), Some(EntityKind::Zip), "02139-4307"), text("021"));
        for restricted in RESTRICTED_ZIP3 {
            assert_eq!(zip3(&format!("{restricted}42")).as_deref(), Some("000"));
        }
        assert_eq!(g(auto.clone(), Some(EntityKind::Zip), "SW1A 1AA"), None);
        assert_eq!(g(auto, Some(EntityKind::Zip), "1234"), None);
    }

    #[test]
    fn numbers_bucket_and_round() {
        let b = GeneralizeSpec { to: Some(Generalization::Bucket), size: Some(1000.0), ..Default::default() };
        assert_eq!(g(b.clone(), None, "23456.78"), text("23000-24000"));
        assert_eq!(g(b.clone(), None, "$1,999.99"), text("1000-2000"));
        assert_eq!(g(b, None, "-250"), text("-1000 to 0"));
        assert_eq!(g(GeneralizeSpec::default(), None, "401.06"), text("400-500"));
        assert_eq!(g(GeneralizeSpec::default(), None, "0.5"), text("0-1"));
        let d =
            GeneralizeSpec { to: Some(Generalization::Decimals), decimals: Some(2), ..Default::default() };
        assert_eq!(g(d.clone(), None, "42.360121"), Some(Generalized::Float(42.36)));
        assert_eq!(g(d.clone(), None, "42.360121,-71.058902"), text("42.36,-71.06"));
        assert_eq!(g(d, None, "no numbers"), None);
    }

    #[test]
    fn options_are_checked() {
        let bad = GeneralizeSpec { to: Some(Generalization::Bucket), ..Default::default() };
        assert_eq!(bad.check().unwrap_err().0, "size");
        let bad = GeneralizeSpec { to: Some(Generalization::Year), decimals: Some(2), ..Default::default() };
        assert_eq!(bad.check().unwrap_err().0, "decimals");
        let bad = GeneralizeSpec { to: Some(Generalization::Bucket), size: Some(-1.0), ..Default::default() };
        assert!(bad.check().is_err());
        assert!(GeneralizeSpec::default().check().is_ok());
    }

    #[test]
    fn unix_days_to_civil() {
        assert_eq!(Ymd::from_unix_ms(0.0), Some(Ymd { year: 1970, month: 1, day: 1 }));
        assert_eq!(Ymd::from_unix_ms(1_700_000_000_000.0), Some(Ymd { year: 2023, month: 11, day: 14 }));
        assert_eq!(Ymd::from_unix_ms(951_782_400_000.0), Some(Ymd { year: 2000, month: 2, day: 29 }));
    }
}
