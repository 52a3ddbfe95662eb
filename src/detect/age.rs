//! Ages above 89 (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(C): ages over 89 are identifiers and
//! are grouped as `90+`). Ages up to 89 are not identifiers and stay.
//!
//! Forms: `92-year-old`, `92 year old`, `93 years old`, `95 years of age`, `94 y/o`, `94 y.o.`,
//! `100 yo`, `96yo`, `92 yrs old`, `age 91`, `aged 95`, `Age: 93`, and spelled out
//! (`ninety-two-year-old`, `one hundred years old`). The span covers the number and its unit;
//! after `age`/`aged` it covers the number only (the label stays).

use super::date::{boundary, ci, digit_count, is_word, skip_blanks};
use super::views::{Group, Token};
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

/// Found by hand-written scans: the numeric forms from the shared digit groups (the number is
/// the last two or three digits of a group), the labelled and spelled forms from the word
/// tokens where `age`, `ninety` or `one` may start. Each scan returns what the regex written
/// above it returned, which the tests check against that regex on random texts.
pub(crate) struct AgeOver89;

/// Units after `age 95` that make it something other than years (`aged 95 days`).
const OTHER_UNITS: &[&str] = &[
    "day",
    "days",
    "d",
    "week",
    "weeks",
    "wk",
    "wks",
    "month",
    "months",
    "mo",
    "mos",
    "hour",
    "hours",
    "min",
    "minutes",
    "percentile",
    "pct",
    "th",
    "kg",
    "lb",
    "lbs",
    "pounds",
    "mg",
];

/// Words after `N years` that make it a duration (`95 years ago`).
const DURATION_AFTER: &[&str] = &["ago", "later", "after", "before", "since", "of", "in", "from", "old"];

/// The oldest plausible human age.
const MAX_AGE: u32 = 125;

impl AgeOver89 {
    pub(crate) fn new() -> Result<Self> {
        Ok(AgeOver89)
    }
}

impl Recognizer for AgeOver89 {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        let glued = |start: usize| {
            start
                .checked_sub(1)
                .and_then(|i| b.get(i))
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'.')
        };
        let digits = |start: usize, end: usize| text.get(start..end).unwrap_or_default();
        // The numeric forms need a digit; the spelled ones need none.
        let numbers = hay.has_digit();
        let groups = if numbers { hay.views.groups() } else { &[] };
        for (start, n_end, end) in with_unit_shapes(b, groups) {
            if !glued(start) && over_89(digits(start, n_end)) {
                out.push(Finding::new(EntityKind::AgeOver89, start, end, 0.95, false));
            }
        }
        let tokens = hay.views.tokens();
        // The labelled forms start with `age` at a word start, the spelled ones with `ninety`,
        // `one hundred` (its `hundred` starts a word too) or `age` (`ageninety` is one word):
        // the shared label sites tell whether any word starts so (none of these letters has a
        // Unicode case fold into ASCII).
        let sites = hay.label_sites();
        let age = sites.has_prefix("age");
        if numbers && age {
            for (start, end) in labelled_shapes(b, tokens) {
                let decimal = matches!(b.get(end), Some(b'.' | b'/' | b','))
                    && b.get(end + 1).is_some_and(u8::is_ascii_digit);
                if !over_89(digits(start, end)) || decimal || matches!(b.get(end), Some(b'+' | b'%')) {
                    continue;
                }
                let next = word_after(text, end);
                if OTHER_UNITS.contains(&next.as_str()) {
                    continue;
                }
                out.push(Finding::new(EntityKind::AgeOver89, start, end, 0.9, false));
            }
        }
        for (start, n_end, end) in years_shapes(b, groups) {
            // Only after a word that makes it an age: `Pt is 93 yrs`, `female, 96 years`.
            if glued(start) || !age_word_before(text, start) {
                continue;
            }
            // `was 95 years ago`, `is 92 years of service`: durations, not ages.
            let next = word_after(text, end);
            if over_89(digits(start, n_end)) && !DURATION_AFTER.contains(&next.as_str()) {
                out.push(Finding::new(EntityKind::AgeOver89, start, end, 0.85, false));
            }
        }
        if !(age || sites.has_prefix("nine") || sites.has_prefix("hund")) {
            return;
        }
        for (start, end) in spelled_shapes(b, tokens) {
            out.push(Finding::new(EntityKind::AgeOver89, start, end, 0.9, false));
        }
    }
}

/// The start of the two or three digits a numeric form ends with, in digit group `g` (not before
/// `pos`, the end of the previous match): `[0-9]{2,3}` followed by a non-digit starts at the last
/// three digits of a group, or the last two, and whether it matches depends only on what follows
/// the group.
fn number_start(g: &Group, pos: usize) -> Option<usize> {
    let start = g.start.max(g.end.saturating_sub(3)).max(pos);
    (g.end >= start + 2).then_some(start)
}

/// The matches of `([0-9]{2,3})UNIT`, as `captures_iter` returned them (start, end of the
/// number, end), where UNIT is
/// `(?i:[ \t]*-?[ \t]*(?:years?|yrs?|y)[ \t]*-?[ \t]*old\b|[ \t]*(?:years?|yrs?)[ \t]+of[ \t]+age\b|[ \t]*-?[ \t]*(?:y/o\b|y\.o\.|y\.o\b|yoa?\b))`
/// (`\b` an ASCII word boundary).
fn with_unit_shapes<'a>(
    b: &'a [u8],
    groups: &'a [Group],
) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let mut pos = 0;
    groups.iter().filter_map(move |g| {
        let start = number_start(g, pos)?;
        let end = unit_at(b, g.end)?;
        pos = end;
        Some((start, g.end, end))
    })
}

/// The end of UNIT (see [`with_unit_shapes`]) at `p`, trying its alternatives in order. The
/// blanks and dash before a word can only be taken whole (a word never starts with them).
fn unit_at(b: &[u8], p: usize) -> Option<usize> {
    let blanks = skip_blanks(b, p);
    let lead = if b.get(blanks) == Some(&b'-') { skip_blanks(b, blanks + 1) } else { blanks };
    // Every alternative's word starts with `y` (the dashless one at `blanks`, which is `lead`
    // unless a dash stands there, where it fails).
    if !starts_with_y(b, lead) {
        return None;
    }
    let years_old = ["years", "year", "yrs", "yr", "y"].iter().find_map(|w| old_after(b, ci(b, lead, w)?));
    years_old
        .or_else(|| ["years", "year", "yrs", "yr"].iter().find_map(|w| of_age_after(b, ci(b, blanks, w)?)))
        .or_else(|| {
            [("y/o", true), ("y.o.", false), ("y.o", true), ("yoa", true), ("yo", true)]
                .iter()
                .find_map(|&(w, bounded)| ci(b, lead, w).filter(|&end| !bounded || boundary(b, end)))
        })
}

/// Whether the byte at `i` is `y` or `Y`.
fn starts_with_y(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(|c| c | 0x20 == b'y')
}

/// The end of `[ \t]*-?[ \t]*old\b` (case-insensitive) at `at`.
fn old_after(b: &[u8], at: usize) -> Option<usize> {
    let blanks = skip_blanks(b, at);
    let lead = if b.get(blanks) == Some(&b'-') { skip_blanks(b, blanks + 1) } else { blanks };
    ci(b, lead, "old").filter(|&end| boundary(b, end))
}

/// The end of `[ \t]+of[ \t]+age\b` (case-insensitive) at `at`.
fn of_age_after(b: &[u8], at: usize) -> Option<usize> {
    let of = Some(skip_blanks(b, at)).filter(|&i| i > at)?;
    let of_end = ci(b, of, "of")?;
    let age = Some(skip_blanks(b, of_end)).filter(|&i| i > of_end)?;
    ci(b, age, "age").filter(|&end| boundary(b, end))
}

/// The starts of the word tokens of three or more bytes (every word looked for is) that start
/// after an ASCII word boundary (not glued to a `_`) with a byte `first` accepts.
fn word_starts<'a>(
    b: &'a [u8],
    tokens: &'a [Token],
    first: fn(u8) -> bool,
) -> impl Iterator<Item = usize> + 'a {
    tokens.iter().filter_map(move |t| {
        (t.len() >= 3
            && b.get(t.start).is_some_and(|&c| first(c))
            && t.start.checked_sub(1).is_none_or(|i| b.get(i) != Some(&b'_')))
        .then_some(t.start)
    })
}

/// The matches of
/// `(?i)\b(?:age|aged|age[ \t]*:|age[ \t]*/[ \t]*(?:sex|gender)[ \t]*:?)[ \t]*(?:of[ \t]+|is[ \t]+)?([0-9]{2,3})\b`,
/// as `captures_iter` returned them: the number's span (where the match ends).
fn labelled_shapes<'a>(b: &'a [u8], tokens: &'a [Token]) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut pos = 0;
    word_starts(b, tokens, |c| c | 0x20 == b'a').filter_map(move |start| {
        if start < pos {
            return None;
        }
        let number = labelled_at(b, start)?;
        pos = number.1;
        Some(number)
    })
}

/// The number of a labelled match at `start`, trying the label's alternatives in order.
fn labelled_at(b: &[u8], start: usize) -> Option<(usize, usize)> {
    let age = ci(b, start, "age")?;
    if let Some(n) = age_number(b, age) {
        return Some(n);
    }
    if let Some(n) = ci(b, age, "d").and_then(|aged| age_number(b, aged)) {
        return Some(n);
    }
    let blanks = skip_blanks(b, age);
    match b.get(blanks) {
        Some(b':') => age_number(b, blanks + 1),
        Some(b'/') => {
            let word = skip_blanks(b, blanks + 1);
            let end = ci(b, word, "sex").or_else(|| ci(b, word, "gender"))?;
            let colon = skip_blanks(b, end);
            age_number(b, if b.get(colon) == Some(&b':') { colon + 1 } else { colon })
        }
        _ => None,
    }
}

/// The span of `[ \t]*(?:of[ \t]+|is[ \t]+)?([0-9]{2,3})\b` at `at` (case-insensitive).
fn age_number(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let start = of_or_is(b, skip_blanks(b, at));
    let n = digit_count(b, start, 4);
    ((2..=3).contains(&n) && !is_word(b, start + n)).then_some((start, start + n))
}

/// After an optional `of` or `is` and its blanks at `at`: where a number would start. Neither
/// word starts a number, so taking it when present is final.
fn of_or_is(b: &[u8], at: usize) -> usize {
    ["of", "is"]
        .iter()
        .find_map(|w| ci(b, at, w))
        .and_then(|end| Some(skip_blanks(b, end)).filter(|&next| next > end))
        .unwrap_or(at)
}

/// The matches of `(?i)([0-9]{2,3})[ \t]*(?:years?|yrs?)\b`, as `captures_iter` returned them
/// (start, end of the number, end).
fn years_shapes<'a>(b: &'a [u8], groups: &'a [Group]) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let mut pos = 0;
    groups.iter().filter_map(move |g| {
        let start = number_start(g, pos)?;
        let word = Some(skip_blanks(b, g.end)).filter(|&w| starts_with_y(b, w))?;
        let end =
            ["years", "year", "yrs", "yr"].iter().find_map(|w| ci(b, word, w).filter(|&e| boundary(b, e)))?;
        pos = end;
        Some((start, g.end, end))
    })
}

/// The matches of `(?i)\bSPELLED UNIT|\b(?:age|aged)[ \t]*:?[ \t]*(?:of[ \t]+|is[ \t]+)?(SPELLED\b)`,
/// as `captures_iter` returned them (the group when it took part, else the match), where SPELLED
/// is `ninety(?:[- ](?:one|...|nine))?|one[- ]hundred(?:[- ](?:and[- ])?(?:one|...|nine|ten))?`
/// and UNIT is `[ \t]*-?[ \t]*(?:years?|yrs?)[ \t]*-?[ \t]*old\b|[ \t]+years?[ \t]+of[ \t]+age\b`.
fn spelled_shapes<'a>(b: &'a [u8], tokens: &'a [Token]) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut pos = 0;
    word_starts(b, tokens, |c| matches!(c | 0x20, b'n' | b'o' | b'a')).filter_map(move |start| {
        if start < pos {
            return None;
        }
        let found =
            spelled_unit_at(b, start).map(|end| (start, end)).or_else(|| spelled_label_at(b, start))?;
        pos = found.1;
        Some(found)
    })
}

/// The end of `SPELLED UNIT` at `start`.
fn spelled_unit_at(b: &[u8], start: usize) -> Option<usize> {
    spelled_ends(b, start).into_iter().flatten().find_map(|at| {
        let blanks = skip_blanks(b, at);
        let lead = if b.get(blanks) == Some(&b'-') { skip_blanks(b, blanks + 1) } else { blanks };
        ["years", "year", "yrs", "yr"].iter().find_map(|w| old_after(b, ci(b, lead, w)?)).or_else(|| {
            let word = Some(blanks).filter(|&i| i > at)?;
            ["years", "year"].iter().find_map(|w| of_age_after(b, ci(b, word, w)?))
        })
    })
}

/// The span of the spelled age after `age`/`aged` at `start`.
fn spelled_label_at(b: &[u8], start: usize) -> Option<(usize, usize)> {
    let age = ci(b, start, "age")?;
    [Some(age), ci(b, age, "d")].into_iter().flatten().find_map(|label_end| {
        let blanks = skip_blanks(b, label_end);
        let at = if b.get(blanks) == Some(&b':') { skip_blanks(b, blanks + 1) } else { blanks };
        let number = of_or_is(b, at);
        spelled_ends(b, number).into_iter().flatten().find(|&end| boundary(b, end)).map(|end| (number, end))
    })
}

/// The ends of SPELLED at `at`, in the order the regex tried them (longest first).
fn spelled_ends(b: &[u8], at: usize) -> [Option<usize>; 3] {
    const UNITS: [&str; 10] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    let dash_or_space = |i: usize| matches!(b.get(i), Some(b'-' | b' '));
    let unit = |i: usize, units: &[&str]| {
        if dash_or_space(i) {
            units.iter().find_map(|u| ci(b, i + 1, u))
        } else {
            None
        }
    };
    if let Some(ninety) = ci(b, at, "ninety") {
        return [unit(ninety, &UNITS[..9]), Some(ninety), None];
    }
    let Some(hundred) =
        ci(b, at, "one").filter(|&one| dash_or_space(one)).and_then(|one| ci(b, one + 1, "hundred"))
    else {
        return [None; 3];
    };
    let with_and = if dash_or_space(hundred) {
        ci(b, hundred + 1, "and").and_then(|and| unit(and, &UNITS))
    } else {
        None
    };
    [with_and, unit(hundred, &UNITS), Some(hundred)]
}

/// The word right before `start` (a comma or colon may follow it) makes a number of years an age.
fn age_word_before(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("").trim_end_matches([' ', '\t']);
    let before = before.strip_suffix([',', ':']).unwrap_or(before).trim_end_matches([' ', '\t']);
    let len = before.len() - before.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    let word = before.get(before.len() - len..).unwrap_or_default();
    ["is", "was", "aged", "pt", "patient", "male", "female", "man", "woman"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
}

fn over_89(digits: &str) -> bool {
    let n = digits.bytes().fold(0u32, |acc, b| acc * 10 + u32::from(b.wrapping_sub(b'0')));
    (90..=MAX_AGE).contains(&n) && !digits.starts_with('0')
}

/// The word starting at `at` after spaces or tabs, lowercased (`yrs`, `years`, `mg`).
fn word_after(text: &str, at: usize) -> String {
    text.get(at..)
        .unwrap_or_default()
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The gates of `recognize` are necessary conditions: wherever the labelled walk finds a
    /// number a word starts with `age`, and wherever the spelled walk finds an age a word starts
    /// with `age`, `nine` or `hund` (random texts of labels, spelled ages and units in every
    /// case, glued to letters, `_` and digits).
    #[test]
    fn walks_run_whenever_they_can_find() {
        let pieces = [
            "age",
            "Age",
            "AGED",
            "aged",
            "Ninety",
            "ninety",
            "NINETY-two",
            "one",
            "One",
            "hundred",
            "Hundred",
            "-",
            " ",
            "  ",
            "\t",
            ":",
            "/",
            "sex",
            "of",
            "is",
            "and",
            "ten",
            "years",
            "year",
            "old",
            "yo",
            "92",
            "105",
            "x",
            "_",
            "1",
            "é",
            "ageninety",
            "xAge",
            "ninetyish",
            "age 92",
            "Age: 105",
            "aged 97",
            "AGE of 93",
            "age/sex: 91",
            "ninety years old",
            "one hundred years old",
            "xage 92",
        ];
        let (mut labelled, mut spelled) = (0, 0);
        for text in random_texts(0x1405_7B7E_F767_814F, &pieces, 12, 30_000) {
            let hay = Haystack::new(&text);
            let (b, tokens, sites) = (text.as_bytes(), hay.views.tokens(), hay.label_sites());
            let age = sites.has_prefix("age");
            let found = labelled_shapes(b, tokens).count();
            assert!(found == 0 || age, "{text:?}");
            labelled += found;
            let found = spelled_shapes(b, tokens).count();
            assert!(found == 0 || age || sites.has_prefix("nine") || sites.has_prefix("hund"), "{text:?}");
            spelled += found;
        }
        assert!(labelled > 1_000 && spelled > 1_000, "{labelled} {spelled}");
    }

    /// The four regexes the scans replace, as the recognizer wrote them.
    fn old_regexes() -> [regex::Regex; 4] {
        let unit = r"(?i:[ \t]*-?[ \t]*(?:years?|yrs?|y)[ \t]*-?[ \t]*old(?-u:\b)|[ \t]*(?:years?|yrs?)[ \t]+of[ \t]+age(?-u:\b)|[ \t]*-?[ \t]*(?:y/o(?-u:\b)|y\.o\.|y\.o(?-u:\b)|yoa?(?-u:\b)))";
        let spelled = r"ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one[- ]hundred(?:[- ](?:and[- ])?(?:one|two|three|four|five|six|seven|eight|nine|ten))?";
        [
            format!(r"([0-9]{{2,3}}){unit}"),
            r"(?i)(?-u:\b)(?:age|aged|age[ \t]*:|age[ \t]*/[ \t]*(?:sex|gender)[ \t]*:?)[ \t]*(?:of[ \t]+|is[ \t]+)?([0-9]{2,3})(?-u:\b)".to_string(),
            r"(?i)([0-9]{2,3})[ \t]*(?:years?|yrs?)(?-u:\b)".to_string(),
            format!(
                r"(?i)(?-u:\b)(?:{spelled}){}|(?-u:\b)(?:age|aged)[ \t]*:?[ \t]*(?:of[ \t]+|is[ \t]+)?((?:{spelled})(?-u:\b))",
                r"(?:[ \t]*-?[ \t]*(?:years?|yrs?)[ \t]*-?[ \t]*old(?-u:\b)|[ \t]+years?[ \t]+of[ \t]+age(?-u:\b))"
            ),
        ]
        .map(|p| regex::Regex::new(&p).unwrap())
    }

    /// Each scan against the regex it replaces, on random texts built from pieces that hit the
    /// patterns' edges (every unit word, the letters they fold, word bytes glued to them), then
    /// from phrase-sized pieces that make the labelled and spelled forms common.
    #[test]
    fn scans_match_the_regexes_they_replace() {
        let [with_unit, labelled, years, spelled] = old_regexes();
        let letters = [
            "9", "95", "100", "1234", " ", "\t", "-", "/", ".", ":", ",", "_", "x", "é", "ſ", "y", "Y",
            "years", "YEAR", "s", "yrs", "yr", "old", "OLD", "of", "age", "Age", "d", "is", "y/o", "y.o.",
            "y.o", "yo", "a", "sex", "gender", "ninety", "Ninety", "one", "hundred", "and", "two", "ten",
            "nine", "seven",
        ];
        let phrases = [
            "age ",
            "aged ",
            "Age: ",
            "AGE/Sex: ",
            "age / gender ",
            "of ",
            "is ",
            "95",
            "92",
            "101",
            "9",
            "1234",
            "ninety",
            "-two",
            " one",
            "one hundred",
            " and",
            "-ten",
            "ninety-nine",
            " years old",
            "-year-old",
            " years of age",
            " yrs",
            "x",
            "_",
            ".",
            ":",
            " ",
            "ſ",
            "years",
            "six",
        ];
        let mut seen = [0; 4];
        let texts = random_texts(0xD1B5_4A32_D192_ED03, &letters, 14, 40_000).chain(random_texts(
            0x94D0_49BB_1331_11EB,
            &phrases,
            8,
            40_000,
        ));
        for s in texts {
            let hay = Haystack::new(&s);
            let (b, groups, tokens) = (s.as_bytes(), hay.views.groups(), hay.views.tokens());
            let number = |c: &regex::Captures<'_>| {
                (c.get(0).unwrap().start(), c.get(1).unwrap().end(), c.get(0).unwrap().end())
            };
            let want: Vec<_> = with_unit.captures_iter(&s).map(|c| number(&c)).collect();
            seen[0] += want.len();
            assert_eq!(with_unit_shapes(b, groups).collect::<Vec<_>>(), want, "with unit {s:?}");
            let want: Vec<_> = labelled
                .captures_iter(&s)
                .map(|c| (c.get(1).unwrap().start(), c.get(1).unwrap().end()))
                .collect();
            seen[1] += want.len();
            assert_eq!(labelled_shapes(b, tokens).collect::<Vec<_>>(), want, "labelled {s:?}");
            let want: Vec<_> = years.captures_iter(&s).map(|c| number(&c)).collect();
            seen[2] += want.len();
            assert_eq!(years_shapes(b, groups).collect::<Vec<_>>(), want, "years {s:?}");
            let want: Vec<_> = spelled
                .captures_iter(&s)
                .map(|c| c.get(1).or_else(|| c.get(0)).map(|m| (m.start(), m.end())).unwrap())
                .collect();
            seen[3] += want.len();
            assert_eq!(spelled_shapes(b, tokens).collect::<Vec<_>>(), want, "spelled {s:?}");
        }
        // Every pattern matched often enough for the comparison to mean something.
        assert!(seen.iter().all(|&n| n > 200), "{seen:?}");
    }

    #[test]
    fn table() {
        check_table(
            &AgeOver89::new().unwrap(),
            EntityKind::AgeOver89,
            &[
                ("a 92-year-old woman", "92-year-old"),
                ("94 y/o male", "94 y/o"),
                ("Patient is 93 years old.", "93 years old"),
                ("is a 95 years of age male", "95 years of age"),
                ("a 100 yo veteran", "100 yo"),
                ("96yo F", "96yo"),
                ("age 91, lives alone", "91"),
                ("aged 95", "95"),
                ("Age: 93", "93"),
                ("a 97 y.o. female", "97 y.o."),
                ("92 yrs old", "92 yrs old"),
                ("a ninety-two-year-old man", "ninety-two-year-old"),
                ("One hundred years old today", "One hundred years old"),
                ("103-YEAR-OLD", "103-YEAR-OLD"),
                ("Age: 102.", "102"),
                ("patient aged ninety-four", "ninety-four"),
                ("Age/Sex: 92/F", "92"),
                ("Pt is 93 yrs, lives alone", "93 yrs"),
                ("female, 96 years", "96 years"),
            ],
            &[
                "a 89-year-old woman",
                "45 y/o male",
                "age 45",
                "aged 95 days",
                "metoprolol 95 mg",
                "SpO2 91%",
                "HR 92, BP 128/82",
                "age 90+",
                "for 92 years",
                "Room 912",
                "a 150-year-old house",
                "eighty-nine years old",
                "age 09",
                "age 90.5 percentile",
                "aged eighty",
                "Age 95 percentile",
                "it was 95 years ago",
                "is 92 years of service",
                "Age/Sex: 45/F",
            ],
        );
    }
}
