//! Street lines of US-style addresses: a house number, one or more street-name words and a USPS
//! street suffix (`St`, `Avenue`, `Blvd`, `Shoal`, ...), an optional post-directional (`NW`)
//! and an optional secondary unit (`Apt. 4B`, `Suite 200`, `#12`); and post office boxes.
//!
//! A capitalized street line scores above the default threshold on its own; one in lowercase
//! needs an address label before it or a `City, ST 12345` line after it. City, state and ZIP
//! are separate findings (see [`super::city_zip`]).

use super::us_address::{self, is_word_byte, name_word_end, skip_blanks, skip_blanks_back, Case, StateTable};
use super::{context, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

/// Hand-written scans over the shared digit groups, validating only candidates: a street line
/// starts at a house number, a post office box ends at its number.
pub(crate) struct StreetAddress {
    /// The states, for the `City, ST 12345` line after a street line.
    states: StateTable,
}

/// Words before a street line that make it one.
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "address", "addr", "residence", "residing", "resides", "reside", "lives", "living", "live", "located",
    "home", "mail", "mailing", "ship", "shipping", "billing", "deliver", "delivery", "street", "moved",
    "relocated", "located at",
];

/// Words right before a number that make it something else (a room, a bed, a step).
#[rustfmt::skip]
const NOT_A_HOUSE_NUMBER: &[&str] = &[
    "room", "rm", "bed", "bay", "ward", "unit", "suite", "ste", "apt", "floor", "fl", "box", "lot", "gate",
    "section", "chapter", "step", "part", "page", "phase", "stage", "grade", "type", "level", "item",
    "question", "slide", "figure", "fig", "table", "tier", "class", "category", "cycle", "visit", "day",
    "week", "year", "version", "module", "lesson", "appendix", "exhibit", "schedule", "rule", "article",
    "paragraph", "clause", "line", "row", "column", "no", "number", "#",
];

/// [`LABELS`] and [`NOT_A_HOUSE_NUMBER`] with their filters, computed at compile time.
static LABEL_WORDS: context::WordSet<'static> = context::WordSet::new(LABELS);
static NOT_A_HOUSE_NUMBER_WORDS: context::WordSet<'static> = context::WordSet::new(NOT_A_HOUSE_NUMBER);

/// Words that never sit in a lowercase street name: `5 miles down the road` is not an address.
const NOT_A_STREET_NAME: &[&str] = &[
    "the", "a", "an", "of", "from", "to", "and", "or", "in", "at", "on", "for", "with", "by", "my", "your",
    "his", "her", "our", "their", "this", "that", "is", "was", "are", "were", "be", "it", "minutes",
    "minute", "mins", "hours", "hour", "blocks", "block", "miles", "mile", "times", "days", "weeks", "years",
    "mg", "ml", "tablets", "tabs", "pills", "feet", "steps", "more", "less", "than",
];

const DIRECTIONALS: &[&str] = &["N", "S", "E", "W", "NE", "NW", "SE", "SW"];

/// At most this many words between the house number and the suffix (inclusive).
const MAX_WORDS: usize = 6;

impl StreetAddress {
    pub(crate) fn new() -> Result<Self> {
        Ok(StreetAddress { states: StateTable::new() })
    }

    /// True when `, City, ST 12345` (or the same on the next line) follows `pos`: what the
    /// anchored `(?i)^[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?CITY[ \t]*,?[ \t]+(?:STATES)\.?,?[ \t]+ZIP\b`
    /// matched, CITY being one to four words of `[a-z][a-z.'-]*` separated by blanks.
    fn last_line_after(&self, b: &[u8], pos: usize) -> bool {
        let mut at = skip_blanks(b, pos);
        if b.get(at) == Some(&b',') {
            at = skip_blanks(b, at + 1);
        }
        if b.get(at..).is_some_and(|r| r.starts_with(b"\r\n")) {
            at = skip_blanks(b, at + 2);
        } else if b.get(at) == Some(&b'\n') {
            at = skip_blanks(b, at + 1);
        }
        // The city's words are maximal (a blank or a comma follows each), so the state starts
        // after the first, second, third or fourth of them.
        for words in 1..=4 {
            let Some(first) = b.get(at..).and_then(us_address::folded_letter_at) else { return false };
            let end = name_word_end(b, at + first);
            let gap = skip_blanks(b, end);
            let state = if b.get(gap) == Some(&b',') {
                let s = skip_blanks(b, gap + 1);
                (s > gap + 1).then_some(s)
            } else {
                (gap > end).then_some(gap)
            };
            if state.is_some_and(|s| self.states.find_at(b, s, true, |e| zip_after_state(b, e)).is_some()) {
                return true;
            }
            if gap == end || words == 4 {
                return false;
            }
            at = gap;
        }
        false
    }

    /// The street line whose house number ends at `num_end`, if any. The words after the
    /// number are cut one at a time, only as far as the run of name words goes (most numbers in
    /// prose are followed by a word or two that no street name holds).
    fn street_at(&self, text: &str, num_end: usize) -> Option<Street> {
        let mut next = WordsAfter { text, from: num_end, pos: num_end, left: MAX_WORDS };
        let mut words = [Word::default(); MAX_WORDS];
        let first = next.word()?;
        let capitalized = first.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        // The run of name words: same case style, no unit designator, no bare number.
        let (mut run, mut cut) = (0, Some(first));
        for (i, slot) in words.iter_mut().enumerate() {
            let Some(w) = cut else { break };
            *slot = w;
            let c = w.text.chars().next().unwrap_or(' ');
            let style_ok = if capitalized {
                c.is_uppercase() || is_ordinal(w.text)
            } else {
                c.is_lowercase() && !NOT_A_STREET_NAME.contains(&w.text)
            };
            let bare_number = w.text.bytes().all(|b| b.is_ascii_digit());
            if !style_ok || bare_number || (i > 0 && us_address::is_unit_designator(w.text)) {
                break;
            }
            run = i + 1;
            if w.stop {
                break;
            }
            cut = next.word();
        }
        // The last suffix in the run, after at least one name word.
        let last =
            (1..run).rev().find(|&i| words.get(i).is_some_and(|w| us_address::is_street_suffix(w.text)))?;
        let mut end = words.get(last)?.end;
        if let Some(next) = words.get(last + 1) {
            let d = next.text.strip_suffix('.').unwrap_or(next.text);
            if last + 1 < run && DIRECTIONALS.contains(&d) {
                end = next.end;
            }
        }
        Some(Street { end, unit_end: unit_after(text, end), capitalized })
    }
}

/// A street line found after a house number.
struct Street {
    /// End of the line without a unit.
    end: usize,
    /// End of the unit (`Apt. 4`), when one follows.
    unit_end: Option<usize>,
    capitalized: bool,
}

impl Recognizer for StreetAddress {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        // House numbers and boxes are digits.
        if !hay.has_digit() {
            return;
        }
        let text = hay.text;
        let b = text.as_bytes();
        let mut resume = 0;
        let groups = hay.views.groups();
        for g in groups {
            // A house number starts a digit group that is not glued to a longer token; where
            // `[0-9]{1,6}(?:-[0-9]{1,4})?[A-Za-z]?[ \t]+[A-Za-z]` matched at such a start.
            let start = g.start;
            if start < resume || !starts_clean(b, start) {
                continue;
            }
            let Some(num_end) = house_number_end(b, g.end, g.len()) else { continue };
            // The street shape first: most numbers followed by a word have no street suffix, and
            // that is cheaper to see than the words before the number.
            let Some(street) = self.street_at(text, num_end) else { continue };
            if NOT_A_HOUSE_NUMBER_WORDS.before(text, start, 8) {
                continue;
            }
            let end = street.unit_end.unwrap_or(street.end);
            let labelled = LABEL_WORDS.before(text, start, 48);
            let last_line = self.last_line_after(b, end);
            let mut score: f32 = if street.capitalized { 0.55 } else { 0.25 };
            if street.unit_end.is_some() {
                score += 0.15;
            }
            if labelled {
                score += 0.3;
            }
            if last_line {
                score += 0.35;
            }
            out.push(Finding::new(EntityKind::StreetAddress, start, end, score.min(1.0), false));
            resume = end;
        }
        for g in groups {
            if let Some(start) = po_box_before(b, g.start, g.end, g.len()) {
                out.push(Finding::new(EntityKind::StreetAddress, start, g.end, 0.9, false));
            }
        }
    }
}

/// A word after a house number: its text (trailing `,` excluded), end offset, and whether
/// punctuation or a line break follows it (ending the street line).
#[derive(Clone, Copy, Default)]
struct Word<'a> {
    text: &'a str,
    end: usize,
    stop: bool,
}

/// The words after a house number, cut one at a time: what [`words_after`] returned, in order.
struct WordsAfter<'a> {
    text: &'a str,
    /// Where the first word is looked for.
    from: usize,
    /// Where the next word is looked for.
    pos: usize,
    /// How many more words may be cut (none after a word that ends the line).
    left: usize,
}

impl<'a> WordsAfter<'a> {
    /// The next word, if any.
    fn word(&mut self) -> Option<Word<'a>> {
        let left = self.left.checked_sub(1)?;
        // No more words unless this one is cut and does not end the line.
        self.left = 0;
        let text = self.text;
        let rest = |p: usize| text.get(p..).unwrap_or("");
        let gap = rest(self.pos).len() - rest(self.pos).trim_start_matches([' ', '\t']).len();
        if gap == 0 && self.pos != self.from {
            return None;
        }
        let pos = self.pos + gap;
        let word_len: usize = rest(pos)
            .chars()
            .take_while(|&c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-' | '&' | '#'))
            .map(char::len_utf8)
            .sum();
        if word_len == 0 {
            return None;
        }
        let end = pos + word_len;
        let stop = !matches!(rest(end).chars().next(), Some(' ' | '\t'));
        self.pos = end;
        self.left = if stop { 0 } else { left };
        Some(Word { text: text.get(pos..end).unwrap_or_default(), end, stop })
    }
}

/// Up to [`MAX_WORDS`] words separated by spaces or tabs, starting after `from` (the words and
/// their count): all at once, as the street scan cut them before the fifth round (the reference
/// of [`WordsAfter`] in the tests).
#[cfg(test)]
fn words_after(text: &str, from: usize) -> ([Word<'_>; MAX_WORDS], usize) {
    let mut words = [Word::default(); MAX_WORDS];
    let mut n = 0;
    let mut pos = from;
    let rest = |p: usize| text.get(p..).unwrap_or("");
    while n < MAX_WORDS {
        let gap = rest(pos).len() - rest(pos).trim_start_matches([' ', '\t']).len();
        if gap == 0 && pos != from {
            break;
        }
        pos += gap;
        let word_len: usize = rest(pos)
            .chars()
            .take_while(|&c| c.is_alphanumeric() || matches!(c, '.' | '\'' | '-' | '&' | '#'))
            .map(char::len_utf8)
            .sum();
        if word_len == 0 {
            break;
        }
        let end = pos + word_len;
        let next = rest(end).chars().next();
        let stop = !matches!(next, Some(' ' | '\t'));
        let Some(slot) = words.get_mut(n) else { break };
        *slot = Word { text: text.get(pos..end).unwrap_or_default(), end, stop };
        n += 1;
        pos = end;
        if stop {
            break;
        }
    }
    (words, n)
}

/// The end of a secondary unit (`, Apt. 4B`, `Suite 200`, `#12`) right after `pos`, if any.
fn unit_after(text: &str, pos: usize) -> Option<usize> {
    let rest = text.get(pos..)?;
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let trimmed = trimmed.strip_prefix(',').unwrap_or(trimmed).trim_start_matches([' ', '\t']);
    let mut at = pos + (rest.len() - trimmed.len());
    let designator_len = if trimmed.starts_with('#') {
        1
    } else {
        let len: usize =
            trimmed.chars().take_while(|c| c.is_ascii_alphabetic() || *c == '.').map(char::len_utf8).sum();
        if len == 0 || !trimmed.get(..len).is_some_and(us_address::is_unit_designator) {
            return None;
        }
        len
    };
    at += designator_len;
    let after = text.get(at..)?;
    let after_trim = after.trim_start_matches([' ', '\t']);
    let after_trim = after_trim.strip_prefix('#').unwrap_or(after_trim).trim_start_matches([' ', '\t']);
    at += after.len() - after_trim.len();
    let id_len: usize =
        after_trim.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').map(char::len_utf8).sum();
    let id = after_trim.get(..id_len)?;
    let ok = id.bytes().any(|b| b.is_ascii_digit())
        || (id.len() == 1 && id.bytes().all(|b| b.is_ascii_uppercase()));
    if !ok || id.len() > 8 || !context::is_bounded(text, at, at + id_len) {
        return None;
    }
    Some(at + id_len)
}

/// The end of the house number (with its `-12` and letter) whose digit group of `digits` digits
/// ends at `end`, when a blank and a letter follow: where the regex
/// `[0-9]{1,6}(?:-[0-9]{1,4})?[A-Za-z]?[ \t]+[A-Za-z]` matched at the group's start (the
/// number part takes the whole group and the whole `-` group, or nothing matches).
fn house_number_end(b: &[u8], end: usize, digits: usize) -> Option<usize> {
    if digits > 6 {
        return None;
    }
    let mut at = end;
    if b.get(at) == Some(&b'-') {
        let more = b.get(at + 1..).unwrap_or_default().iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=4).contains(&more) {
            return None;
        }
        at += 1 + more;
    }
    if b.get(at).is_some_and(u8::is_ascii_alphabetic) {
        at += 1;
    }
    let blanks = skip_blanks(b, at);
    (blanks > at && b.get(blanks).is_some_and(u8::is_ascii_alphabetic)).then_some(at)
}

/// The start of a post office box whose number is the digit group of `digits` digits at
/// `start..end`: what `(?i)\b(?:p\.?[ \t]?o\.?[ \t]*box|post[ \t]+office[ \t]+box)[ \t]*#?[ \t]*[0-9]{1,7}\b`
/// matched, read backwards from the number (each part has one reading).
fn po_box_before(b: &[u8], start: usize, end: usize, digits: usize) -> Option<usize> {
    if digits > 7 || is_word_byte(b.get(end)) {
        return None;
    }
    let mut at = skip_blanks_back(b, start);
    if at > 0 && b.get(at - 1) == Some(&b'#') {
        at = skip_blanks_back(b, at - 1);
    }
    // Most numbers are not after a `box` (whose `x` has no other spelling): one byte rejects them.
    if !at.checked_sub(1).and_then(|i| b.get(i)).is_some_and(|c| c.eq_ignore_ascii_case(&b'x')) {
        return None;
    }
    let bx = us_address::spelled_before(b, at, "box", Case::Fold)?;
    let bounded = |s: usize| (!is_word_byte(s.checked_sub(1).and_then(|i| b.get(i)))).then_some(s);
    let gap = skip_blanks_back(b, bx);
    // `post office box`
    if gap < bx {
        if let Some(office) = us_address::spelled_before(b, gap, "office", Case::Fold) {
            let gap = skip_blanks_back(b, office);
            if gap < office {
                return us_address::spelled_before(b, gap, "post", Case::Fold).and_then(bounded);
            }
            return None;
        }
    }
    // `p.o. box`: `p`, `.`?, a blank?, `o`, `.`?, blanks.
    let mut at = gap;
    if at > 0 && b.get(at - 1) == Some(&b'.') {
        at -= 1;
    }
    at = us_address::spelled_before(b, at, "o", Case::Fold)?;
    if at > 0 && matches!(b.get(at - 1), Some(b' ' | b'\t')) {
        at -= 1;
    }
    if at > 0 && b.get(at - 1) == Some(&b'.') {
        at -= 1;
    }
    us_address::spelled_before(b, at, "p", Case::Fold).and_then(bounded)
}

/// True when `\.?,?[ \t]+[0-9]{5}(?:-[0-9]{4})?\b` matches at `at` (after a state): five digits
/// followed by no word byte (a `-` is none, so the `-1234` changes nothing).
fn zip_after_state(b: &[u8], at: usize) -> bool {
    let mut at = at;
    if b.get(at) == Some(&b'.') {
        at += 1;
    }
    if b.get(at) == Some(&b',') {
        at += 1;
    }
    let digits = skip_blanks(b, at);
    digits > at
        && b.get(digits..digits + 5).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && !is_word_byte(b.get(digits + 5))
}

/// `5th`, `42nd`, `1st`, `3rd`.
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && ["st", "nd", "rd", "th"].iter().any(|s| w.get(digits..).is_some_and(|r| r.eq_ignore_ascii_case(s)))
}

/// The house number is not glued to a longer token (`$4,250`, `1.5`, `12/3`, `A-12`).
fn starts_clean(b: &[u8], start: usize) -> bool {
    match start.checked_sub(1).and_then(|i| b.get(i)) {
        None => true,
        Some(c) if c.is_ascii_alphanumeric() => false,
        Some(b'.' | b'/' | b'-' | b':' | b'$' | b',' | b'#' | b'+') => false,
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_scored_table, random_texts};

    #[test]
    fn table() {
        check_scored_table(
            &StreetAddress::new().unwrap(),
            EntityKind::StreetAddress,
            &[
                ("Home address: 7781 Larkspur Bend Apt. 12, Dover, DE 19901", "7781 Larkspur Bend Apt. 12"),
                ("lives at 1600 Pennsylvania Ave NW, Washington, DC 20500", "1600 Pennsylvania Ave NW"),
                ("Send it to 12 W 34th St #5A please", "12 W 34th St #5A"),
                ("4410 Old Mill Road Suite 210", "4410 Old Mill Road Suite 210"),
                ("ship to 09312 Quail Hollow Ln, Fairview", "09312 Quail Hollow Ln"),
                ("we will mail it to 88 orchard glens, tempe, az 85281.", "88 orchard glens"),
                ("ADDRESS: 17 HARBOR VIEW TER, APT 3", "17 HARBOR VIEW TER, APT 3"),
                ("Remit to P.O. Box 4471, Austin, TX 78701", "P.O. Box 4471"),
                ("PO Box 12", "PO Box 12"),
                ("2201 Lake Shore Dr", "2201 Lake Shore Dr"),
                ("371 Trujillo Via Apt. 050", "371 Trujillo Via Apt. 050"),
            ],
            &[
                "metoprolol 25 mg twice daily",
                "BP 128/82 at rest",
                "Room 412 North Wing Way",
                "I walked 5 miles down the road",
                "Symptoms began in 2013.",
                "CPT 99213; copay $4,250.00",
                "Unit: Bay 16, Rm 430B",
                "Seen 3 times at the Park",
                "take 2 tabs at rest",
                "$4,250 Main St",
                "I live 5 minutes from the park",
                "Section 3 Main Points",
                "Step 2 Review Path",
            ],
        );
    }

    #[test]
    fn scores() {
        let r = StreetAddress::new().unwrap();
        let score = |t: &str| {
            let mut out = Vec::new();
            r.recognize(&Haystack::new(t), &mut out);
            out.first().map(|f| f.score)
        };
        assert!(score("12 Main St").unwrap() >= 0.5);
        assert!(score("12 Main St, Springfield, IL 62701").unwrap() >= 0.9);
        assert!(score("12 main st").unwrap() < 0.5);
        assert!(score("12 main st, springfield, il 62701").unwrap() >= 0.5);
        assert!(score("my address is 12 main st").unwrap() >= 0.5);
    }

    /// The street line as it was found before the fifth round (all words after the number cut
    /// first): the reference for the lazy [`StreetAddress::street_at`].
    fn street_at_before(text: &str, num_end: usize) -> Option<Street> {
        let (all, n) = words_after(text, num_end);
        let words = all.get(..n).unwrap_or_default();
        let first = words.first()?;
        let capitalized = first.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let mut run = 0;
        for (i, w) in words.iter().enumerate() {
            let c = w.text.chars().next().unwrap_or(' ');
            let style_ok = if capitalized {
                c.is_uppercase() || is_ordinal(w.text)
            } else {
                c.is_lowercase() && !NOT_A_STREET_NAME.contains(&w.text)
            };
            let bare_number = w.text.bytes().all(|b| b.is_ascii_digit());
            if !style_ok || bare_number || (i > 0 && us_address::is_unit_designator(w.text)) {
                break;
            }
            run = i + 1;
            if w.stop {
                break;
            }
        }
        let last =
            (1..run).rev().find(|&i| words.get(i).is_some_and(|w| us_address::is_street_suffix(w.text)))?;
        let mut end = words.get(last)?.end;
        if let Some(next) = words.get(last + 1) {
            let d = next.text.strip_suffix('.').unwrap_or(next.text);
            if last + 1 < run && DIRECTIONALS.contains(&d) {
                end = next.end;
            }
        }
        Some(Street { end, unit_end: unit_after(text, end), capitalized })
    }

    /// The regexes the scans replaced, and the recognizer that ran them (as on main 361a2a0):
    /// the reference for [`scans_match_the_regexes`].
    struct OldStreetAddress {
        number: regex::Regex,
        po_box: regex::Regex,
        last_line: regex::Regex,
    }

    impl OldStreetAddress {
        fn new() -> Result<Self> {
            let states = us_address::state_alternation();
            Ok(OldStreetAddress {
                // A house number followed by a word (most numbers in notes are not).
                number: crate::detect::builtin_regex(r"[0-9]{1,6}(?:-[0-9]{1,4})?[A-Za-z]?[ \t]+[A-Za-z]")?,
                po_box: crate::detect::builtin_regex(
                    r"(?i)(?-u:\b)(?:p\.?[ \t]?o\.?[ \t]*box|post[ \t]+office[ \t]+box)[ \t]*#?[ \t]*[0-9]{1,7}(?-u:\b)",
                )?,
                last_line: crate::detect::builtin_regex(&format!(
                    r"(?i)^[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?[a-z][a-z.'-]*(?:[ \t]+[a-z][a-z.'-]*){{0,3}}[ \t]*,?[ \t]+(?:{states})\.?,?[ \t]+[0-9]{{5}}(?:-[0-9]{{4}})?(?-u:\b)"
                ))?,
            })
        }
    }

    impl Recognizer for OldStreetAddress {
        fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
            // House numbers and boxes are digits.
            if !hay.has_digit() {
                return;
            }
            let text = hay.text;
            let b = text.as_bytes();
            let mut resume = 0;
            for m in self.number.find_iter(text) {
                let start = m.start();
                let num_end =
                    start + m.as_str().trim_end_matches(|c: char| c.is_ascii_alphabetic()).trim_end().len();
                if start < resume || !starts_clean(b, start) {
                    continue;
                }
                // The street shape first: most numbers followed by a word have no street suffix, and
                // that is cheaper to see than the words before the number.
                let Some(street) = street_at_before(text, num_end) else { continue };
                if context::has_word_before(text, start, 8, NOT_A_HOUSE_NUMBER) {
                    continue;
                }
                let end = street.unit_end.unwrap_or(street.end);
                let labelled = context::has_word_before(text, start, 48, LABELS);
                let last_line = text.get(end..).is_some_and(|rest| self.last_line.is_match(rest));
                let mut score: f32 = if street.capitalized { 0.55 } else { 0.25 };
                if street.unit_end.is_some() {
                    score += 0.15;
                }
                if labelled {
                    score += 0.3;
                }
                if last_line {
                    score += 0.35;
                }
                out.push(Finding::new(EntityKind::StreetAddress, start, end, score.min(1.0), false));
                resume = end;
            }
            for m in self.po_box.find_iter(text) {
                out.push(Finding::new(EntityKind::StreetAddress, m.start(), m.end(), 0.9, false));
            }
        }
    }

    fn sorted(r: &dyn Recognizer, text: &str) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        r.recognize(&Haystack::new(text), &mut out);
        let mut all: Vec<_> = out.iter().map(|f| (f.start, f.end, f.score.to_bits())).collect();
        all.sort_unstable();
        all
    }

    /// The scans find exactly what the regexes found, over random texts made of pieces that hit
    /// their boundaries: house numbers of every length with `-` parts and letters, blanks, post
    /// office boxes in their spellings, and `City, ST 12345` lines in every case (with the `ſ`
    /// and Kelvin sign that `(?i)` takes for `s` and `k`).
    #[test]
    fn scans_match_the_regexes() {
        let new = StreetAddress::new().unwrap();
        let old = OldStreetAddress::new().unwrap();
        let mut found = 0;
        let pieces = [
            "12",
            "1234567",
            "123456",
            "-",
            "-12",
            "-12345",
            "4",
            "A",
            "b",
            " ",
            " ",
            " ",
            "\t",
            "Main",
            "main",
            "St",
            "st",
            "Ave",
            "Apt",
            "#",
            "#5",
            "P",
            "p",
            "O",
            "o",
            ".",
            "Box",
            "BOX",
            "box",
            "post",
            "po\u{17F}t",
            "Post",
            "office",
            "Office",
            ",",
            ", ",
            "\n",
            "\r\n",
            "\r",
            "Dover",
            "NY",
            "ny",
            "New York",
            "new  york",
            "in",
            "Texa\u{17F}",
            "\u{212A}ansas",
            "12345",
            "90210-1234",
            "_",
            "$",
            "room ",
            "lives at ",
            "Salt Lake City",
            "st. louis",
            "O'Neil",
            "\u{17F}",
            "\u{212A}",
            "é",
            "1st",
            "Suite 200",
        ];
        for (seed, max) in
            [(0x9E37_79B9_7F4A_7C15, 12), (0x2545_F491_4F6C_DD1D, 24), (0xD1B5_4A32_D192_ED03, 40)]
        {
            for s in random_texts(seed, &pieces, max, 20_000) {
                let want = sorted(&old, &s);
                assert_eq!(sorted(&new, &s), want, "{s:?}");
                found += want.len();
            }
        }
        // Few random texts hold a whole street line (49 findings); the slotted shapes below give
        // the thousands of positives.
        assert!(found > 40, "{found}");
    }

    /// Street lines followed by `City, ST 12345` lines, slot by slot (a slot is fewer than `max`
    /// of its pieces).
    #[rustfmt::skip]
    const LINE_SLOTS: &[(&[&str], u64)] = &[
        (&["lives at ", "x", "room ", "1.", "#", " "], 2),
        (&["12 Main St", "7 main st", "12 W 34th St #5A", "4-12B Oak Ave", "123456 Elm Rd", "1 2 x",
           "4-12345 Oak Ave", "1234567 Elm St", "4-1 Oak Ave", "4- Oak Ave", "12B  Oak Ave"], 3),
        (&[" ", ",", "\n", "\r\n", "\r", "\t", "  ", "#"], 4),
        (&["Dover", "salt lake", "St. Louis", " ", "O'Neil", "a", "\u{212A}", "\u{17F}t", "-", "é", "1"], 4),
        (&["a b c d", "Salt Lake City", "a b c", " ", "x"], 2),
        (&[" ", ",", "\t", ", ", "\n"], 3),
        (&["NY", "ny", "New York", "new\tyork", "Texa\u{17F}", "\u{212A}ansas", "IN", "Virgin Islands", "Virginia",
           "VI", "x", "\u{17F}D", "\u{17F}outh Carolina", "Di\u{17F}trict of Columbia"], 2),
        (&[".", ",", " ", "\t"], 4),
        (&["12345", "12345-6789", "1234", "123456", "12345-67890"], 2),
        (&["_", "x", ".", "-1", " ok", "é"], 2),
    ];

    /// Post office boxes, slot by slot.
    #[rustfmt::skip]
    const BOX_SLOTS: &[(&[&str], u64)] = &[
        (&["x", " ", "_", "é", "1"], 2),
        (&["P", "p", ".", "O", "o", " ", "Box", "box", "BO", "X", "#", "post", "Post", "office", "po\u{17F}t"], 5),
        (&["P O ", "p. o", "P.O.", "PO", "p .o", " ", "\t", "Box ", "box", "#", "post office ", "Post\tOffice ",
           "postoffice ", "post  office", "po\u{17F}t office "], 4),
        (&["box", "Box", "BOX ", " ", "#", "\t"], 3),
        (&["12", "1234567", "12345678", "_", "x", " "], 3),
    ];

    /// The same comparison over street lines, `City, ST 12345` lines and boxes built slot by slot,
    /// each slot with valid and invalid pieces.
    #[test]
    fn scans_match_the_regexes_on_address_shapes() {
        let new = StreetAddress::new().unwrap();
        let old = OldStreetAddress::new().unwrap();
        let mut found = 0;
        for (seed, slots) in [(0x9E37_79B9_7F4A_7C15, LINE_SLOTS), (0x2545_F491_4F6C_DD1D, BOX_SLOTS)] {
            for s in us_address::slotted(seed, slots, 60_000) {
                let want = sorted(&old, &s);
                assert_eq!(sorted(&new, &s), want, "{s:?}");
                found += want.len();
            }
        }
        assert!(found > 1000, "{found}");
    }
}
