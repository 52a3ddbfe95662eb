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

use super::context::WordSet;
use super::views::{Group, Token};
use super::{context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

/// Found by hand-written scans over the shared digit groups and word tokens (see [`views`]):
/// the numeric shapes start at the last one or two (four for an ISO year) digits of a digit
/// group, the named-month shapes at a month name that starts a word. Each scan returns exactly
/// what `find_iter` (or `captures_iter`) of the regex written above it returned, which the
/// tests check against that regex on random texts.
///
/// [`views`]: super::views
pub(crate) struct Date;

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

/// [`CONTEXT`], [`STRONG_CONTEXT`], [`CARD`], [`BIRTH`] and [`NOT_BEFORE`] with their filters,
/// computed at compile time.
static CONTEXT_WORDS: WordSet<'static> = WordSet::new(CONTEXT);
static STRONG_CONTEXT_WORDS: WordSet<'static> = WordSet::new(STRONG_CONTEXT);
static CARD_WORDS: WordSet<'static> = WordSet::new(CARD);
static BIRTH_WORDS: WordSet<'static> = WordSet::new(BIRTH);
static NOT_BEFORE_WORDS: WordSet<'static> = WordSet::new(NOT_BEFORE);

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

impl Date {
    pub(crate) fn new() -> Result<Self> {
        Ok(Date)
    }
}

impl Recognizer for Date {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        // Every shape holds a digit.
        if !hay.has_digit() {
            return;
        }
        let text = hay.text;
        let bytes = text.as_bytes();
        let groups = hay.views.groups();
        let piece = |(start, end): Span| text.get(start..end).unwrap_or_default();
        let mut push = |start: usize, end: usize, score: f32| {
            // Context only matters to shapes that are weak without it.
            let score = if score < 0.85 && CONTEXT_WORDS.before(text, start, 32) {
                (score + 0.3).clamp(0.85, 1.0)
            } else {
                score
            };
            out.push(Finding::new(EntityKind::Date, start, end, score, false));
        };

        // The numeric shapes' groups are digit runs and the one-byte separators between them,
        // read from the match ([`Parts`]) rather than by a capture engine.
        for (start, end) in iso_shapes(bytes, groups) {
            let p = Parts::of(piece((start, end)));
            let (Some(y), Some(s1), Some(mo), Some(s2), Some(d)) =
                (p.run(0), p.sep(0), p.run(1), p.sep(1), p.run(2))
            else {
                continue;
            };
            if s1 != s2 || !numeric_bounded(text, start, end) {
                continue;
            }
            if valid(num(y), num(mo), num(d)) {
                push(start, end, if s1 == "-" { 0.9 } else { 0.85 });
            }
        }

        for (start, end) in numeric_shapes(bytes, groups) {
            // `14.03.1962` / `14-03-62` / `03/14/1962` / `3/18`.
            let p = Parts::of(piece((start, end)));
            let (Some(a), Some(s1), Some(b)) = (p.run(0), p.sep(0), p.run(1)) else { continue };
            if !numeric_bounded(text, start, end) || unit_after(text, end) {
                continue;
            }
            if NOT_BEFORE_WORDS.before(text, start, 8) {
                continue;
            }
            let (a, b) = (num(a), num(b));
            let (Some(s2), Some(y)) = (p.sep(1), p.run(2)) else {
                // A month and day without a year: a date only after strong context.
                // `36 2/7 weeks` is a mixed fraction, not a date.
                let head = text.get(..start).unwrap_or_default();
                let mixed = head.trim_end_matches(' ').len() < start
                    && head.trim_end_matches(' ').ends_with(|c: char| c.is_ascii_digit());
                // `exp 03/27` on a card is an expiry (month and year), not a date.
                if s1 == "/"
                    && !mixed
                    && valid(2000, a, b)
                    && STRONG_CONTEXT_WORDS.before(text, start, 20)
                    && !CARD_WORDS.before(text, start, 24)
                {
                    push(start, end, 0.75);
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
            push(start, end, score);
        }

        for c in day_month_shapes(bytes, groups) {
            if !starts_clean(text, c.start) {
                continue;
            }
            let mon = piece(c.month);
            let month = month_number(mon);
            let day = num(piece(c.day));
            // A two-digit year needs a `-`, `/` or `'` before it (`14-Mar-62`, `14 Mar '62`).
            let year = c.year.filter(|&y| {
                let sep = c.sep.map_or("", piece);
                piece(y).len() == 4 || sep.contains(['-', '/', '\''])
            });
            match year {
                Some(y) if ends_clean(text, y.1) => {
                    let digits = piece(y);
                    let year = if digits.len() == 4 { num(digits) } else { 2000 + num(digits) };
                    if (1800..=2099).contains(&year) && valid(year, month, day) {
                        push(c.start, y.1, 0.95);
                    }
                }
                _ => {
                    let mon_end = c.month.1;
                    if valid(2000, month, day) && ends_clean(text, mon_end) {
                        let end = if bytes.get(mon_end) == Some(&b'.') { mon_end + 1 } else { mon_end };
                        push(c.start, end, name_only_score(mon));
                    }
                }
            }
        }

        for c in month_day_shapes(bytes, hay.views.tokens()) {
            let mon = piece(c.month);
            if c.year_only.is_some() {
                // Month and year.
                let score = name_only_score(mon);
                push(c.start, c.end, if score >= 0.5 { 0.6 } else { score });
                continue;
            }
            let Some(d) = c.day else { continue };
            let month = month_number(mon);
            let day = num(piece(d));
            // `Mar 14, 1962` or `Mar 14 '62`.
            let year =
                c.year4.map(|y| (y, num(piece(y)))).or_else(|| c.year2.map(|y| (y, 2000 + num(piece(y)))));
            match year {
                Some((y, year)) if ends_clean(text, y.1) => {
                    if valid(year, month, day) {
                        push(c.start, c.end, 0.95);
                    }
                }
                _ => {
                    let end = if year.is_some() { d.1 } else { c.end };
                    if valid(2000, month, day) && ends_clean(text, end) && !time_after(text, end) {
                        push(c.start, end, name_only_score(mon));
                    }
                }
            }
        }

        for (start, end) in compact_shapes(groups) {
            if !context::is_bounded(text, start, end) {
                continue;
            }
            let d = piece((start, end));
            let field = |r: std::ops::Range<usize>| d.get(r).map_or(0, num);
            if d.len() == 6 {
                // `DOB 031462`: MMDDYY or DDMMYY, only right after a birth label.
                let (a, b) = (field(0..2), field(2..4));
                if BIRTH_WORDS.before(text, start, 12) && (valid(2000, a, b) || valid(2000, b, a)) {
                    out.push(Finding::new(EntityKind::Date, start, end, 0.8, false));
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
            let hl7 =
                |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(|c| matches!(c, b'|' | b'^'));
            let delimited = hl7(start.checked_sub(1)) || hl7(Some(end));
            let labelled = CONTEXT_WORDS.before(text, start, 24)
                && !context::other_label_before(text, start, 24, CONTEXT);
            let score = if delimited || labelled { 0.85 } else { 0.3 };
            out.push(Finding::new(EntityKind::Date, start, end, score, false));
        }
    }
}

/// A byte range of the text.
type Span = (usize, usize);

/// The matches of the ISO regex
/// `(1[89][0-9]{2}|20[0-9]{2})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})` and an optional `T` time
/// (`T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?`), as
/// `find_iter` returned them. A separator follows the year, so the year is the last four digits
/// of a digit group: one candidate per group.
fn iso_shapes<'a>(b: &'a [u8], groups: &'a [Group]) -> impl Iterator<Item = Span> + 'a {
    let mut pos = 0;
    groups.iter().filter_map(move |g| {
        let start = g.end.checked_sub(4).filter(|&s| s >= g.start && s >= pos && year4(b, s))?;
        let end = iso_rest(b, g.end)?;
        pos = end;
        Some((start, end))
    })
}

/// The end of an ISO match whose year ends at `p`.
fn iso_rest(b: &[u8], p: usize) -> Option<usize> {
    let sep = |i: usize| matches!(b.get(i), Some(b'-' | b'/' | b'.'));
    // The month is one or two digits and a separator follows it: the whole digit group.
    let month = digit_count(b, p + 1, 3);
    if !sep(p) || !(1..=2).contains(&month) || !sep(p + 1 + month) {
        return None;
    }
    let day_at = p + 2 + month;
    let day = digit_count(b, day_at, 2);
    (day > 0).then(|| iso_time(b, day_at + day))
}

/// The end of the optional ISO time that may start at `at` (`at` when there is none).
fn iso_time(b: &[u8], at: usize) -> usize {
    if b.get(at) != Some(&b'T')
        || !digits(b, at + 1, 2)
        || b.get(at + 3) != Some(&b':')
        || !digits(b, at + 4, 2)
    {
        return at;
    }
    let mut end = at + 6;
    if b.get(end) == Some(&b':') && digits(b, end + 1, 2) {
        end += 3;
        if matches!(b.get(end), Some(b'.' | b',')) {
            let fraction = digit_count(b, end + 1, 9);
            if fraction > 0 {
                end += 1 + fraction;
            }
        }
    }
    match b.get(end) {
        Some(b'Z') => end + 1,
        Some(b'+' | b'-') if digits(b, end + 1, 2) => {
            let zone = end + 3;
            if b.get(zone) == Some(&b':') {
                if digits(b, zone + 1, 2) {
                    zone + 3
                } else {
                    zone
                }
            } else if digits(b, zone, 2) {
                zone + 2
            } else {
                zone
            }
        }
        _ => end,
    }
}

/// The matches of the numeric regex
/// `[0-9]{1,2}(?:[-.][0-9]{1,2}[-.](?:[0-9]{4}|[0-9]{2})|/[0-9]{1,2}(?:/(?:[0-9]{4}|[0-9]{2}))?)`,
/// as `find_iter` returned them. A separator follows the first number, so it is the last one or
/// two digits of a digit group (not before the end of the previous match): one candidate per
/// group, whose fate depends only on what follows the group.
fn numeric_shapes<'a>(b: &'a [u8], groups: &'a [Group]) -> impl Iterator<Item = Span> + 'a {
    let mut pos = 0;
    groups.iter().filter_map(move |g| {
        if g.end <= pos {
            return None;
        }
        let start = g.start.max(g.end.saturating_sub(2)).max(pos);
        let end = numeric_rest(b, g.end)?;
        pos = end;
        Some((start, end))
    })
}

/// The end of a numeric match whose first number ends at `p`.
fn numeric_rest(b: &[u8], p: usize) -> Option<usize> {
    match b.get(p) {
        Some(b'-' | b'.') => {
            let middle = digit_count(b, p + 1, 3);
            let sep = p + 1 + middle;
            if !(1..=2).contains(&middle) || !matches!(b.get(sep), Some(b'-' | b'.')) {
                return None;
            }
            year42(b, sep + 1)
        }
        Some(b'/') => {
            let middle = digit_count(b, p + 1, 2);
            let sep = p + 1 + middle;
            if middle == 0 {
                return None;
            }
            Some(if b.get(sep) == Some(&b'/') { year42(b, sep + 1).unwrap_or(sep) } else { sep })
        }
        _ => None,
    }
}

/// One match of the day-month regex (see [`day_month_shapes`]): the whole match and the spans
/// its capture groups held.
#[derive(Debug, PartialEq)]
struct DayMonth {
    start: usize,
    end: usize,
    day: Span,
    month: Span,
    /// What stands between the month (and its `.`) and the year.
    sep: Option<Span>,
    year: Option<Span>,
}

/// The matches of the day-month regex `([0-9]{1,2})(?i:st|nd|rd|th)?(?:[ \t]+of)?[ \t]*[-/.]?[ \t]*(MONTH)\.?`
/// and an optional year (`(,?[ \t]*[-/]?[ \t]*|[ \t]*')([0-9]{4}|[0-9]{2})`), as
/// `captures_iter` returned them. The day is the last one or two digits of a digit group: one candidate per group.
fn day_month_shapes<'a>(b: &'a [u8], groups: &'a [Group]) -> impl Iterator<Item = DayMonth> + 'a {
    let mut pos = 0;
    groups.iter().filter_map(move |g| {
        if g.end <= pos {
            return None;
        }
        let start = g.start.max(g.end.saturating_sub(2)).max(pos);
        let m = day_month_rest(b, start, g.end)?;
        pos = m.end;
        Some(m)
    })
}

/// The day-month match whose day is `start..p`.
fn day_month_rest(b: &[u8], start: usize, p: usize) -> Option<DayMonth> {
    // Most numbers are followed by something no day-month match has there (`:`, `,`, `)`, a
    // line break, a unit): rejected at once.
    // What may follow the day: an ordinal's or a month's first letter (or `ſ`'s first byte), a
    // blank or a separator.
    let next = *b.get(p)?;
    if !matches!(next | 0x20, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd' | b'r' | b't' | 0xe5)
        && !matches!(next, b' ' | b'\t' | b'-' | b'/' | b'.')
    {
        return None;
    }
    // After a blank the month (or the `of` before it, or a separator) starts at the next
    // other byte: most numbers followed by a blank are rejected there.
    if matches!(next, b' ' | b'\t') {
        let c = *b.get(skip_blanks(b, p))?;
        if !matches!(c | 0x20, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd' | 0xe5)
            && !matches!(c, b'-' | b'/' | b'.')
        {
            return None;
        }
    }
    let mut i = ordinal_at(b, p).unwrap_or(p);
    // `[ \t]+of` (case-sensitive); no month starts with `of`, so taking it when present is final.
    let blank = skip_blanks(b, i);
    if blank > i && b.get(blank..blank + 2) == Some(b"of") {
        i = blank + 2;
    }
    i = skip_blanks(b, i);
    if matches!(b.get(i), Some(b'-' | b'/' | b'.')) {
        i += 1;
    }
    let month_start = skip_blanks(b, i);
    if !b
        .get(month_start)
        .is_some_and(|&c| matches!(c | 0x20, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd' | 0xe5))
    {
        return None;
    }
    let month_end = month_at(b, month_start)?;
    let after = if b.get(month_end) == Some(&b'.') { month_end + 1 } else { month_end };
    let m =
        |end, sep, year| DayMonth { start, end, day: (start, p), month: (month_start, month_end), sep, year };
    // `,?[ \t]*[-/]?[ \t]*` then the year, else `[ \t]*'` then the year, else no year.
    let mut k = after + usize::from(b.get(after) == Some(&b','));
    k = skip_blanks(b, k);
    k = skip_blanks(b, k + usize::from(matches!(b.get(k), Some(b'-' | b'/'))));
    if let Some(end) = year42(b, k) {
        return Some(m(end, Some((after, k)), Some((k, end))));
    }
    let k = skip_blanks(b, after);
    if b.get(k) == Some(&b'\'') {
        if let Some(end) = year42(b, k + 1) {
            return Some(m(end, Some((after, k + 1)), Some((k + 1, end))));
        }
    }
    Some(m(after, None, None))
}

/// One match of the month-day regex (see [`month_day_shapes`]) and the spans its capture groups
/// held.
#[derive(Debug, PartialEq)]
struct MonthDay {
    start: usize,
    end: usize,
    month: Span,
    /// The four-digit year of `March 2024`.
    year_only: Option<Span>,
    day: Option<Span>,
    /// The four-digit year after a day (`Mar 14, 1962`).
    year4: Option<Span>,
    /// The two-digit year after a day and `'` (`Mar 14 '62`).
    year2: Option<Span>,
}

/// The matches of the month-day regex
/// `\b(MONTH)\.?(?:,?[ \t]+(?:of[ \t]+)?(YEAR4)\b|[ \t]*[-/]?[ \t]*([0-9]{1,2})(?i:st|nd|rd|th)?(?:,?[ \t]*[-/]?[ \t]*(YEAR4)|,?[ \t]*'([0-9]{2}))?)`
/// (`\b` an ASCII word boundary), as `captures_iter` returned them. A match starts at a month
/// name after a word boundary: at a word token (one not glued to a `_`), or at a `ſ` (which
/// folds to `s`) right after a word byte, where the token after it starts with `ep`.
fn month_day_shapes<'a>(b: &'a [u8], tokens: &'a [Token]) -> impl Iterator<Item = MonthDay> + 'a {
    let mut pos = 0;
    tokens.iter().filter_map(move |t| {
        let first = b.get(t.start)?.to_ascii_lowercase();
        let start = if t.len() >= 3 && matches!(first, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
        {
            t.start.checked_sub(1).is_none_or(|i| b.get(i) != Some(&b'_')).then_some(t.start)?
        } else if first == b'e' {
            let long_s = t.start.checked_sub(2)?;
            (b.get(long_s..t.start) == Some(LONG_S) && long_s.checked_sub(1).is_some_and(|i| is_word(b, i)))
                .then_some(long_s)?
        } else {
            return None;
        };
        if start < pos {
            return None;
        }
        let m = month_day_at(b, start)?;
        pos = m.end;
        Some(m)
    })
}

/// The month-day match that starts at `start`, if any.
fn month_day_at(b: &[u8], start: usize) -> Option<MonthDay> {
    let month_end = month_at(b, start)?;
    let i = if b.get(month_end) == Some(&b'.') { month_end + 1 } else { month_end };
    let m = MonthDay {
        start,
        end: start,
        month: (start, month_end),
        year_only: None,
        day: None,
        year4: None,
        year2: None,
    };
    // `,?[ \t]+(?:of[ \t]+)?` and a four-digit year at a word end: month and year.
    let k = i + usize::from(b.get(i) == Some(&b','));
    let mut y = skip_blanks(b, k);
    if y > k {
        if b.get(y..y + 2) == Some(b"of") && skip_blanks(b, y + 2) > y + 2 {
            y = skip_blanks(b, y + 2);
        }
        if year4(b, y) && boundary(b, y + 4) {
            return Some(MonthDay { end: y + 4, year_only: Some((y, y + 4)), ..m });
        }
    }
    // `[ \t]*[-/]?[ \t]*`, a day of one or two digits and maybe an ordinal.
    let mut k = skip_blanks(b, i);
    k = skip_blanks(b, k + usize::from(matches!(b.get(k), Some(b'-' | b'/'))));
    let n = digit_count(b, k, 2);
    if n == 0 {
        return None;
    }
    let day = Some((k, k + n));
    let end = ordinal_at(b, k + n).unwrap_or(k + n);
    // `,?[ \t]*[-/]?[ \t]*` and a four-digit year, or `,?[ \t]*'` and two digits.
    let q = skip_blanks(b, end + usize::from(b.get(end) == Some(&b',')));
    let r = skip_blanks(b, q + usize::from(matches!(b.get(q), Some(b'-' | b'/'))));
    if year4(b, r) {
        return Some(MonthDay { end: r + 4, day, year4: Some((r, r + 4)), ..m });
    }
    if b.get(q) == Some(&b'\'') && digits(b, q + 1, 2) {
        return Some(MonthDay { end: q + 3, day, year2: Some((q + 1, q + 3)), ..m });
    }
    Some(MonthDay { end, day, ..m })
}

/// The matches of `[0-9]{6,14}`: each digit group of six or more digits, cut in pieces of 14
/// while six or more remain.
fn compact_shapes(groups: &[Group]) -> impl Iterator<Item = Span> + '_ {
    groups.iter().filter(|g| g.len() >= 6).flat_map(|g| {
        let mut start = g.start;
        std::iter::from_fn(move || {
            (g.end - start >= 6).then(|| {
                let end = g.end.min(start + 14);
                let piece = (start, end);
                start = end;
                piece
            })
        })
    })
}

/// Ordinal suffixes (`(?i:st|nd|rd|th)`).
const ORDINALS: [&str; 4] = ["st", "nd", "rd", "th"];

/// The month names as the regex `(?i:jan(?:uary)?|feb(?:ruary)?|...|sep(?:t(?:ember)?)?|...)`
/// wrote them: a stem and the optional endings that may follow it, each only after the one before.
const MONTHS: [(&str, &[&str]); 12] = [
    ("jan", &["uary"]),
    ("feb", &["ruary"]),
    ("mar", &["ch"]),
    ("apr", &["il"]),
    ("may", &[]),
    ("jun", &["e"]),
    ("jul", &["y"]),
    ("aug", &["ust"]),
    ("sep", &["t", "ember"]),
    ("oct", &["ober"]),
    ("nov", &["ember"]),
    ("dec", &["ember"]),
];

/// The end of the month name at `at`, in its longest form (`Sept` of `Septe`), which is the form
/// the regexes took: no stem is a prefix of another, the endings are greedy, and a shorter form
/// would leave a letter next, which the month-day pattern never accepts after a month (the
/// day-month pattern accepts anything there, so its first, longest, try succeeds).
fn month_at(b: &[u8], at: usize) -> Option<usize> {
    // The stem's three bytes, lowercased (`| 0x20` lowercases ASCII letters and turns no other
    // byte into one), pick the month; only `sep` may start with a non-ASCII letter (`ſ`).
    let index = match b.get(at..at + 3) {
        Some(&[x, y, z]) if x.is_ascii() => match [x | 0x20, y | 0x20, z | 0x20] {
            [b'j', b'a', b'n'] => 0,
            [b'f', b'e', b'b'] => 1,
            [b'm', b'a', b'r'] => 2,
            [b'a', b'p', b'r'] => 3,
            [b'm', b'a', b'y'] => 4,
            [b'j', b'u', b'n'] => 5,
            [b'j', b'u', b'l'] => 6,
            [b'a', b'u', b'g'] => 7,
            [b's', b'e', b'p'] => 8,
            [b'o', b'c', b't'] => 9,
            [b'n', b'o', b'v'] => 10,
            [b'd', b'e', b'c'] => 11,
            _ => return None,
        },
        _ => 8,
    };
    let (stem, endings) = MONTHS.get(index)?;
    let mut end = ci(b, at, stem)?;
    for ending in *endings {
        match ci(b, end, ending) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some(end)
}

/// The end of the ordinal suffix (`(?i:st|nd|rd|th)`) at `at`, if any.
fn ordinal_at(b: &[u8], at: usize) -> Option<usize> {
    match b.get(at)? | 0x20 {
        b's' | b'n' | b'r' | b't' | 0xe5 => ORDINALS.iter().find_map(|o| ci(b, at, o)),
        _ => None,
    }
}

/// `ſ` (U+017F), which case-insensitive matching folds to `s`.
const LONG_S: &[u8] = "\u{17f}".as_bytes();
/// `K` (U+212A, Kelvin), which case-insensitive matching folds to `k`.
const KELVIN: &[u8] = "\u{212a}".as_bytes();

/// The end of `word` (lowercase ASCII) matched at `at` as a case-insensitive regex matches it:
/// ASCII letters in either case, and the two non-ASCII characters that fold to ASCII letters.
pub(super) fn ci(b: &[u8], at: usize, word: &str) -> Option<usize> {
    let mut i = at;
    for &w in word.as_bytes() {
        let c = *b.get(i)?;
        if c.to_ascii_lowercase() == w {
            i += 1;
        } else if w == b's' && b.get(i..i + 2) == Some(LONG_S) {
            i += 2;
        } else if w == b'k' && b.get(i..i + 3) == Some(KELVIN) {
            i += 3;
        } else {
            return None;
        }
    }
    Some(i)
}

/// The offset after the spaces and tabs at `i`.
pub(super) fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Whether the byte at `i` is an ASCII word byte (`[0-9A-Za-z_]`).
pub(super) fn is_word(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

/// An ASCII word boundary (`(?-u:\b)`) at `i`.
pub(super) fn boundary(b: &[u8], i: usize) -> bool {
    i.checked_sub(1).is_some_and(|j| is_word(b, j)) != is_word(b, i)
}

/// The number of ASCII digits at `at`, counting up to `max`.
pub(super) fn digit_count(b: &[u8], at: usize, max: usize) -> usize {
    b.get(at..).unwrap_or_default().iter().take(max).take_while(|c| c.is_ascii_digit()).count()
}

/// Whether `n` ASCII digits stand at `at`.
fn digits(b: &[u8], at: usize, n: usize) -> bool {
    digit_count(b, at, n) == n
}

/// A four-digit year 1800-2099 at `at` (`1[89][0-9]{2}|20[0-9]{2}`).
fn year4(b: &[u8], at: usize) -> bool {
    digits(b, at, 4) && matches!(b.get(at..at + 2), Some([b'1', b'8' | b'9'] | [b'2', b'0']))
}

/// The end of `[0-9]{4}|[0-9]{2}` at `at`.
fn year42(b: &[u8], at: usize) -> Option<usize> {
    if digits(b, at, 4) {
        Some(at + 4)
    } else {
        digits(b, at, 2).then_some(at + 2)
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
    // The first three bytes (a whole character each: `ſep` is no month here), ASCII-lowercased
    // in place rather than into a new string.
    let Some(&[x, y, z]) = name.get(..3).map(str::as_bytes) else { return 0 };
    match [x.to_ascii_lowercase(), y.to_ascii_lowercase(), z.to_ascii_lowercase()] {
        [b'j', b'a', b'n'] => 1,
        [b'f', b'e', b'b'] => 2,
        [b'm', b'a', b'r'] => 3,
        [b'a', b'p', b'r'] => 4,
        [b'm', b'a', b'y'] => 5,
        [b'j', b'u', b'n'] => 6,
        [b'j', b'u', b'l'] => 7,
        [b'a', b'u', b'g'] => 8,
        [b's', b'e', b'p'] => 9,
        [b'o', b'c', b't'] => 10,
        [b'n', b'o', b'v'] => 11,
        [b'd', b'e', b'c'] => 12,
        _ => 0,
    }
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
    use crate::detect::test_support::{check_scored_table, random_texts};
    use crate::detect::Haystack;

    const MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    const YEAR4: &str = r"(?:1[89][0-9]{2}|20[0-9]{2})";
    const TIME: &str =
        r"(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?";
    const ORDINAL: &str = r"(?i:st|nd|rd|th)?";

    /// The five regexes the scans replace, as the recognizer wrote them.
    fn old_regexes() -> [regex::Regex; 5] {
        [
            format!(r"({YEAR4})([-/.])([0-9]{{1,2}})([-/.])([0-9]{{1,2}}){TIME}"),
            r"([0-9]{1,2})(?:([-.])([0-9]{1,2})([-.])([0-9]{4}|[0-9]{2})|(/)([0-9]{1,2})(?:(/)([0-9]{4}|[0-9]{2}))?)"
                .to_string(),
            format!(
                r"([0-9]{{1,2}}){ORDINAL}(?:[ \t]+of)?[ \t]*[-/.]?[ \t]*({MONTH})\.?(?:(,?[ \t]*[-/]?[ \t]*|[ \t]*')([0-9]{{4}}|[0-9]{{2}}))?"
            ),
            format!(
                r"(?-u:\b)({MONTH})\.?(?:,?[ \t]+(?:of[ \t]+)?({YEAR4})(?-u:\b)|[ \t]*[-/]?[ \t]*([0-9]{{1,2}}){ORDINAL}(?:,?[ \t]*[-/]?[ \t]*({YEAR4})|,?[ \t]*'([0-9]{{2}}))?)"
            ),
            r"[0-9]{6,14}".to_string(),
        ]
        .map(|p| regex::Regex::new(&p).unwrap())
    }

    fn span(m: Option<regex::Match<'_>>) -> Option<Span> {
        m.map(|m| (m.start(), m.end()))
    }

    /// Each scan against the regex it replaces (every capture group the recognizer read), on
    /// random texts built from pieces that hit the patterns' edges.
    fn compare_scans(seed: u64, pieces: &[&str], max_pieces: u64, count: usize, found: &mut usize) {
        let [iso, numeric, day_month, month_day, compact] = old_regexes();
        for s in random_texts(seed, pieces, max_pieces, count) {
            let hay = Haystack::new(&s);
            let (b, groups, tokens) = (s.as_bytes(), hay.views.groups(), hay.views.tokens());
            let want: Vec<_> = iso.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(iso_shapes(b, groups).collect::<Vec<_>>(), want, "iso {s:?}");
            let want: Vec<_> = numeric.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(numeric_shapes(b, groups).collect::<Vec<_>>(), want, "numeric {s:?}");
            *found += want.len();
            let want: Vec<_> = compact.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            assert_eq!(compact_shapes(groups).collect::<Vec<_>>(), want, "compact {s:?}");
            let want: Vec<_> = day_month
                .captures_iter(&s)
                .map(|c| DayMonth {
                    start: c.get(0).unwrap().start(),
                    end: c.get(0).unwrap().end(),
                    day: span(c.get(1)).unwrap(),
                    month: span(c.get(2)).unwrap(),
                    sep: span(c.get(3)),
                    year: span(c.get(4)),
                })
                .collect();
            assert_eq!(day_month_shapes(b, groups).collect::<Vec<_>>(), want, "day-month {s:?}");
            let want: Vec<_> = month_day
                .captures_iter(&s)
                .map(|c| MonthDay {
                    start: c.get(0).unwrap().start(),
                    end: c.get(0).unwrap().end(),
                    month: span(c.get(1)).unwrap(),
                    year_only: span(c.get(2)),
                    day: span(c.get(3)),
                    year4: span(c.get(4)),
                    year2: span(c.get(5)),
                })
                .collect();
            assert_eq!(month_day_shapes(b, tokens).collect::<Vec<_>>(), want, "month-day {s:?}");
        }
    }

    #[test]
    fn scans_match_the_regexes_they_replace() {
        // Numbers and their separators, ISO times.
        let pieces = [
            "1", "3", "12", "31", "123", "2024", "1962", "1899", "20", "19", "0", "-", "/", ".", ",", ":",
            " ", "T", "T10:30", ":00", ".5", "Z", "+05", ":30", "0530", "x",
        ];
        let mut found = 0;
        compare_scans(0x2545_F491_4F6C_DD1D, &pieces, 14, 30_000, &mut found);
        // Named months, ordinals, `of`, years and every odd letter the patterns fold.
        let pieces = [
            "1", "14", "2", "123", "2024", "62", "1962", " ", "\t", "-", "/", ".", ",", "'", ":", "of",
            " of ", "st", "ND", "th", "Mar", "march", "MAY", "Sep", "sept", "ember", "ſep", "ſ", "e", "p",
            "june", "Ju", "ly", "Dec", "x", "_", "é", "K", "a",
        ];
        compare_scans(0x9E37_79B9_7F4A_7C15, &pieces, 14, 40_000, &mut found);
        assert!(found > 1000, "{found}");
    }

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

    /// `month_number` against the string-allocating version it replaced.
    #[test]
    fn month_number_matches_the_old_one() {
        let old = |name: &str| {
            let lower = name.get(..3).unwrap_or("").to_ascii_lowercase();
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
                .iter()
                .position(|m| *m == lower)
                .map_or(0, |i| i as u32 + 1)
        };
        let pieces = [
            "j", "J", "a", "N", "u", "n", "l", "m", "A", "R", "y", "s", "E", "p", "t", "ſ", "é", "o", "c",
            "d", "f", "e", "b", "v", "g", "O", "1", ".", " ", "Mar", "mAY", "Dec", "sEp", "jAn", "ju", "De",
        ];
        let mut seen = 0;
        for s in random_texts(0x6A09_E667_F3BC_C908, &pieces, 5, 20_000) {
            assert_eq!(month_number(&s), old(&s), "{s:?}");
            seen += usize::from(old(&s) != 0);
        }
        for m in [
            "Jan", "FEB", "mar", "aPr", "May", "jun", "JUL", "aug", "Sept", "oct", "nov", "Dec", "ſep", "ja",
            "",
        ] {
            assert_eq!(month_number(m), old(m), "{m:?}");
        }
        assert!(seen > 100, "{seen}");
    }

    #[test]
    fn validation() {
        assert!(valid(2024, 2, 29) && !valid(2023, 2, 29) && !valid(1900, 2, 29) && valid(2000, 2, 29));
        assert!(!valid(2020, 4, 31) && valid(2020, 12, 31) && !valid(2020, 0, 1) && !valid(2020, 1, 0));
        assert_eq!(month_number("Sept"), 9);
        assert_eq!(month_number("DECEMBER"), 12);
    }
}
