//! Word lists shared by the address recognizers ([`super::street_address`] and
//! [`super::city_zip`]): USPS street suffixes and secondary unit designators (USPS Publication
//! 28, appendices C1 and C2), and the US states, districts and territories with their USPS codes.

/// Street suffixes: the USPS primary names, their standard abbreviations and common variants,
/// lowercase, sorted (binary-searched).
#[rustfmt::skip]
const STREET_SUFFIXES: &[&str] = &[
    "allee", "alley", "ally", "aly", "anex", "annex", "annx", "anx", "arc", "arcade", "av", "ave", "aven",
    "avenu", "avenue", "avn", "avnue", "bayoo", "bayou", "bch", "beach", "bend", "bg", "bgs", "blf", "blfs",
    "bluf", "bluff", "bluffs", "blvd", "bnd", "bot", "bottm", "bottom", "boul", "boulevard", "boulv", "br",
    "branch", "brdge", "brg", "bridge", "brk", "brks", "brnch", "brook", "brooks", "btm", "burg", "burgs",
    "byp", "bypa", "bypas", "bypass", "byps", "byu", "camp", "canyn", "canyon", "cape", "causeway",
    "causwa", "cen", "cent", "center", "centers", "centr", "centre", "cir", "circ", "circl", "circle",
    "circles", "cirs", "clb", "clf", "clfs", "cliff", "cliffs", "club", "cmn", "cmns", "cmp", "cnter",
    "cntr", "cnyn", "common", "commons", "cor", "corner", "corners", "cors", "course", "court", "courts",
    "cove", "coves", "cp", "cpe", "crcl", "crcle", "creek", "cres", "crescent", "crest", "crk", "crossing",
    "crossroad", "crossroads", "crse", "crsent", "crsnt", "crssng", "crst", "cswy", "ct", "ctr", "ctrs",
    "cts", "curv", "curve", "cv", "cvs", "cyn", "dale", "dam", "div", "divide", "dl", "dm", "dr", "driv",
    "drive", "drives", "drs", "drv", "dv", "dvd", "est", "estate", "estates", "ests", "exp", "expr",
    "express", "expressway", "expw", "expy", "ext", "extension", "extensions", "extn", "extnsn", "exts",
    "fall", "falls", "ferry", "field", "fields", "flat", "flats", "fld", "flds", "fls", "flt", "flts",
    "ford", "fords", "forest", "forests", "forg", "forge", "forges", "fork", "forks", "fort", "frd", "frds",
    "freeway", "freewy", "frg", "frgs", "frk", "frks", "frry", "frst", "frt", "frway", "frwy", "fry", "ft",
    "fwy", "garden", "gardens", "gardn", "gateway", "gatewy", "gatway", "gdn", "gdns", "glen", "glens",
    "gln", "glns", "grden", "grdn", "grdns", "green", "greens", "grn", "grns", "grov", "grove", "groves",
    "grv", "grvs", "gtway", "gtwy", "harb", "harbor", "harbors", "harbr", "haven", "hbr", "hbrs", "heights",
    "highway", "highwy", "hill", "hills", "hiway", "hiwy", "hl", "hllw", "hls", "hollow", "hollows", "holw",
    "holws", "hrbor", "hts", "hvn", "hway", "hwy", "inlet", "inlt", "island", "islands", "isle", "isles",
    "islnd", "islnds", "iss", "jct", "jction", "jctn", "jctns", "jcts", "junction", "junctions", "junctn",
    "juncton", "key", "keys", "knl", "knls", "knol", "knoll", "knolls", "ky", "kys", "lake", "lakes",
    "land", "landing", "lane", "lck", "lcks", "ldg", "ldge", "lf", "lgt", "lgts", "light", "lights", "lk",
    "lks", "ln", "lndg", "lndng", "loaf", "lock", "locks", "lodg", "lodge", "loop", "loops", "mall",
    "manor", "manors", "mdw", "mdws", "meadow", "meadows", "medows", "mews", "mill", "mills", "mission",
    "missn", "mls", "mnr", "mnrs", "mnt", "mntain", "mntn", "mntns", "motorway", "mount", "mountain",
    "mountains", "mountin", "msn", "mssn", "mt", "mtin", "mtn", "mtns", "mtwy", "nck", "neck", "opas",
    "orch", "orchard", "orchrd", "oval", "overpass", "ovl", "park", "parks", "parkway", "parkways",
    "parkwy", "pass", "passage", "path", "paths", "pike", "pikes", "pine", "pines", "pkway", "pkwy",
    "pkwys", "pky", "pl", "place", "plain", "plains", "plaza", "pln", "plns", "plz", "plza", "pne", "pnes",
    "point", "points", "port", "ports", "prairie", "prk", "prr", "prt", "prts", "psge", "pt", "pts", "rad",
    "radial", "radiel", "radl", "ramp", "ranch", "ranches", "rapid", "rapids", "rd", "rdg", "rdge", "rdgs",
    "rds", "rest", "ridge", "ridges", "riv", "river", "rivr", "rnch", "rnchs", "road", "roads", "route",
    "row", "rpd", "rpds", "rst", "rte", "rue", "run", "rvr", "shl", "shls", "shoal", "shoals", "shoar",
    "shoars", "shore", "shores", "shr", "shrs", "skwy", "skyway", "smt", "spg", "spgs", "spng", "spngs",
    "spring", "springs", "sprng", "sprngs", "spur", "spurs", "sq", "sqr", "sqre", "sqrs", "sqs", "squ",
    "square", "squares", "st", "sta", "station", "statn", "stn", "str", "stra", "strav", "straven",
    "stravenue", "stravn", "stream", "street", "streets", "streme", "strm", "strt", "strvn", "strvnue",
    "sts", "sumit", "sumitt", "summit", "ter", "terr", "terrace", "throughway", "tpke", "trace", "traces",
    "track", "tracks", "trafficway", "trail", "trailer", "trails", "trak", "trce", "trfy", "trk", "trks",
    "trl", "trlr", "trlrs", "trls", "trnpk", "trwy", "tunel", "tunl", "tunls", "tunnel", "tunnels", "tunnl",
    "turnpike", "turnpk", "underpass", "union", "unions", "upas", "valley", "valleys", "vally", "vdct",
    "via", "viadct", "viaduct", "view", "views", "vill", "villag", "village", "villages", "ville", "villg",
    "villiage", "vis", "vist", "vista", "vl", "vlg", "vlgs", "vlly", "vly", "vlys", "vst", "vsta", "vw",
    "vws", "walk", "walks", "wall", "way", "ways", "well", "wells", "wl", "wls", "wy", "xing", "xrd",
    "xrds",
];

/// Secondary unit designators (apartment, suite, ...), lowercase, plus `#`.
#[rustfmt::skip]
const UNIT_DESIGNATORS: &[&str] = &[
    "#", "apartment", "apt", "bldg", "building", "dept", "department", "fl", "floor", "hngr", "hangar",
    "lot", "pier", "rm", "room", "slip", "spc", "space", "ste", "stop", "suite", "trlr", "trailer", "unit",
];

/// USPS state, district, territory and military codes with their names.
const STATES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("AS", "American Samoa"),
    ("GU", "Guam"),
    ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"),
    ("VI", "Virgin Islands"),
    ("AA", "Armed Forces Americas"),
    ("AE", "Armed Forces Europe"),
    ("AP", "Armed Forces Pacific"),
];

/// Codes that are also credentials, clinical abbreviations or words in notes (`Smith, MD`,
/// `Head CT`, `Member ID`, `VA clinic`, `OR`), so a `City ST` with one of them needs more
/// evidence: a comma and a ZIP, a street line, or a place word (`moved to Portland, OR`).
#[rustfmt::skip]
pub(crate) const AMBIGUOUS_STATE_CODES: &[&str] = &[
    "MD", "PA", "DE", "IN", "ME", "OR", "OK", "HI", "AS", "ID", "CO", "MS", "CT", "DC", "SC", "GA", "VA", "MA",
    "PR", "LA", "AL", "OH", "NE", "MT", "AR",
];

/// The ambiguous codes that are clinical credentials (`Jones, MD`, `Lee, PA`): a `City, ST`
/// with one of them needs a ZIP or a street line even after a place word (`referred to`).
pub(crate) const CREDENTIAL_STATE_CODES: &[&str] = &["MD", "PA"];

/// True when `word` (any case, a trailing `.` ignored) is a USPS street suffix.
pub(crate) fn is_street_suffix(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.is_empty() || w.len() > 12 || !w.is_ascii() {
        return false;
    }
    // Lowercased on the stack (no allocation per word); byte order is `str` order.
    let mut lower = [0u8; 12];
    let Some(slot) = lower.get_mut(..w.len()) else { return false };
    for (l, c) in slot.iter_mut().zip(w.bytes()) {
        *l = c.to_ascii_lowercase();
    }
    STREET_SUFFIXES.binary_search_by(|s| s.as_bytes().cmp(slot)).is_ok()
}

/// [`is_street_suffix`] as it was before the fifth round (a lowercased copy per word): the
/// reference for the tests.
#[cfg(test)]
fn is_street_suffix_before(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.is_empty() || w.len() > 12 || !w.is_ascii() {
        return false;
    }
    STREET_SUFFIXES.binary_search(&w.to_ascii_lowercase().as_str()).is_ok()
}

/// True when `word` (any case, a trailing `.` ignored) is a secondary unit designator.
pub(crate) fn is_unit_designator(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    UNIT_DESIGNATORS.iter().any(|d| d.eq_ignore_ascii_case(w))
}

/// A case-sensitive regex alternation of every state name (as written and in capitals) and
/// code (in capitals). Names come first, longest first, so the leftmost-first engine prefers
/// `West Virginia` over `Virginia`. Kept for the tests that compare the scans with the regexes
/// they replaced.
#[cfg(test)]
pub(crate) fn state_alternation() -> String {
    let mut names: Vec<&str> = STATES.iter().map(|&(_, n)| n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut parts: Vec<String> = names.iter().map(|n| n.replace(' ', "[ \\t]+")).collect();
    parts.extend(names.iter().map(|n| n.to_ascii_uppercase().replace(' ', "[ \\t]+")));
    parts.extend(STATES.iter().map(|&(c, _)| c.to_owned()));
    parts.join("|")
}

/// How a spelling is compared with the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// Exactly as listed (`New York`, `NY`).
    AsWritten,
    /// In capitals (`NEW YORK`).
    Upper,
    /// Any case, as the `regex` crate's `(?i)` compares: Unicode simple case folding, which also
    /// takes `ſ` (U+017F) for `s` and the Kelvin sign (U+212A) for `k`.
    Fold,
}

/// UTF-8 of the two non-ASCII characters that simple case folding maps to ASCII letters.
const LONG_S: &[u8] = "\u{17F}".as_bytes();
const KELVIN: &[u8] = "\u{212A}".as_bytes();

/// The length of the spelling of the ASCII letter `letter` at the start of `b` in case `case`.
pub(crate) fn letter_at(b: &[u8], letter: u8, case: Case) -> Option<usize> {
    let &first = b.first()?;
    let hit = match case {
        Case::AsWritten => first == letter,
        Case::Upper => first == letter.to_ascii_uppercase(),
        Case::Fold => first.eq_ignore_ascii_case(&letter),
    };
    if hit {
        return Some(1);
    }
    let folded = match letter.to_ascii_lowercase() {
        b's' => LONG_S,
        b'k' => KELVIN,
        _ => return None,
    };
    (case == Case::Fold && b.starts_with(folded)).then_some(folded.len())
}

/// The length of a letter of `(?i)[a-z]` at the start of `b`: an ASCII letter, `ſ` or the
/// Kelvin sign.
pub(crate) fn folded_letter_at(b: &[u8]) -> Option<usize> {
    match b.first()? {
        c if c.is_ascii_alphabetic() => Some(1),
        _ if b.starts_with(LONG_S) => Some(LONG_S.len()),
        _ if b.starts_with(KELVIN) => Some(KELVIN.len()),
        _ => None,
    }
}

/// The end of `word` spelled at `pos` in case `case`: its letters one by one (see
/// [`letter_at`]), and each space in it a run of spaces and tabs (`[ \t]+`).
pub(crate) fn spelled_at(b: &[u8], pos: usize, word: &str, case: Case) -> Option<usize> {
    let mut at = pos;
    for &w in word.as_bytes() {
        if w == b' ' {
            let blanks = b.get(at..)?.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
            if blanks == 0 {
                return None;
            }
            at += blanks;
        } else {
            at += letter_at(b.get(at..)?, w, case)?;
        }
    }
    Some(at)
}

/// The start of `word` (letters only) spelled so that it ends exactly at `end`, in case `case`.
pub(crate) fn spelled_before(b: &[u8], end: usize, word: &str, case: Case) -> Option<usize> {
    let mut at = end;
    for &w in word.as_bytes().iter().rev() {
        let head = b.get(..at)?;
        // One byte, or the two or three of `ſ` or the Kelvin sign (which end in a non-ASCII byte).
        let len = if head.last()?.is_ascii() {
            1
        } else if head.ends_with(LONG_S) {
            LONG_S.len()
        } else {
            KELVIN.len()
        };
        let start = head.len().checked_sub(len)?;
        if letter_at(head.get(start..)?, w, case) != Some(len) {
            return None;
        }
        at = start;
    }
    Some(at)
}

/// The offset after the spaces and tabs at `at`.
pub(crate) fn skip_blanks(b: &[u8], at: usize) -> usize {
    at + b.get(at..).unwrap_or_default().iter().take_while(|&&c| c == b' ' || c == b'\t').count()
}

/// The offset of the first of the spaces and tabs that end right before `at`.
pub(crate) fn skip_blanks_back(b: &[u8], at: usize) -> usize {
    at - b.get(..at).unwrap_or_default().iter().rev().take_while(|&&c| c == b' ' || c == b'\t').count()
}

/// An ASCII word byte (`[0-9A-Za-z_]`, what `(?-u:\b)` looks at); `None` (an end) is not.
pub(crate) fn is_word_byte(c: Option<&u8>) -> bool {
    c.is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
}

/// The end of a name word (`[a-z.'-]*` after its first letter, letters as `(?i)` takes them).
pub(crate) fn name_word_end(b: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(rest) = b.get(at..) {
        let len = match rest.first() {
            Some(b'.' | b'\'' | b'-') => 1,
            _ => match folded_letter_at(rest) {
                Some(len) => len,
                None => break,
            },
        };
        at += len;
    }
    at
}

/// The states, districts and territories in the order of the regex alternation the scans
/// replaced (names longest first, so `West Virginia` comes before `Virginia`; then the names in
/// capitals; then the codes), sorted (stably) by their first two letters in lowercase, so that
/// a look-up compares only the spellings that start like the text.
pub(crate) struct StateTable {
    /// (first two letters, spelling, how it is compared).
    spellings: Vec<([u8; 2], &'static str, Case)>,
}

impl StateTable {
    pub(crate) fn new() -> Self {
        let mut names: Vec<&'static str> = STATES.iter().map(|&(_, n)| n).collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let mut spellings: Vec<([u8; 2], &'static str, Case)> = names
            .iter()
            .map(|&n| (n, Case::AsWritten))
            .chain(names.iter().map(|&n| (n, Case::Upper)))
            .chain(STATES.iter().map(|&(c, _)| (c, Case::AsWritten)))
            .map(|(spelling, case)| {
                let mut key = [0u8; 2];
                for (k, c) in key.iter_mut().zip(spelling.bytes()) {
                    *k = c.to_ascii_lowercase();
                }
                (key, spelling, case)
            })
            .collect();
        spellings.sort_by_key(|&(key, _, _)| key);
        StateTable { spellings }
    }

    /// The end of the first state spelled at `pos` (in the order above) whose end `accept`
    /// takes. Case-sensitive (names as written or in capitals, codes in capitals) unless
    /// `fold`, where every spelling is compared in [`Case::Fold`].
    pub(crate) fn find_at(
        &self,
        b: &[u8],
        pos: usize,
        fold: bool,
        mut accept: impl FnMut(usize) -> bool,
    ) -> Option<usize> {
        // The first two letters, lowercase (every spelling starts with two letters).
        let letter = |at: usize| -> Option<(u8, usize)> {
            let rest = b.get(at..)?;
            match rest.first()? {
                c if c.is_ascii_alphabetic() => Some((c.to_ascii_lowercase(), 1)),
                _ if fold && rest.starts_with(LONG_S) => Some((b's', LONG_S.len())),
                _ if fold && rest.starts_with(KELVIN) => Some((b'k', KELVIN.len())),
                _ => None,
            }
        };
        let (first, len) = letter(pos)?;
        let (second, _) = letter(pos + len)?;
        let key = [first, second];
        let from = self.spellings.partition_point(|&(k, _, _)| k < key);
        let same = self.spellings.get(from..)?.iter().take_while(|&&(k, _, _)| k == key);
        same.filter(|&&(_, _, case)| !fold || case != Case::Upper)
            .filter_map(|&(_, spelling, case)| {
                spelled_at(b, pos, spelling, if fold { Case::Fold } else { case })
            })
            .find(|&end| accept(end))
    }
}

/// The start of the state code or name (any case) that ends exactly at `end`, preferring the
/// longest name (`West Virginia` over `Virginia`). Words are letters separated by spaces.
pub(crate) fn state_ending_at(text: &str, end: usize) -> Option<usize> {
    let before = text.get(..end)?;
    // Up to four trailing words: (start offset, word).
    let mut starts = [0usize; 4];
    let mut n = 0;
    let mut cursor = before;
    while let Some(slot) = starts.get_mut(n) {
        let word = cursor.len() - cursor.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
        if word == 0 {
            break;
        }
        let start = cursor.len() - word;
        *slot = start;
        n += 1;
        let Some(rest) = cursor.get(..start) else { break };
        let trimmed = rest.trim_end_matches([' ', '\t']);
        if trimmed.len() == rest.len() {
            break;
        }
        cursor = trimmed;
    }
    if n == 0 {
        return None;
    }
    // A letter or digit glued before the first word means a longer token.
    let mut best = None;
    for (k, &start) in starts.iter().enumerate().take(n) {
        let Some((head, candidate)) = before.split_at_checked(start) else { continue };
        let glued = head.chars().next_back().is_some_and(|c| c.is_alphanumeric());
        if glued {
            continue;
        }
        let hit = if k == 0 && candidate.len() == 2 {
            is_state_code(candidate, false)
        } else {
            // Names whose first letter differs are not compared word by word.
            let first = candidate.as_bytes().first().map(u8::to_ascii_lowercase);
            STATES.iter().any(|&(_, name)| {
                name.as_bytes().first().map(u8::to_ascii_lowercase) == first && words_eq(name, candidate)
            })
        };
        if hit {
            best = Some(start);
        }
    }
    best
}

/// Case-insensitive comparison of two texts word by word (any run of spaces or tabs between).
fn words_eq(a: &str, b: &str) -> bool {
    let mut x = a.split_ascii_whitespace();
    let mut y = b.split_ascii_whitespace();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) => {}
            _ => return false,
        }
    }
}

/// A regex alternation of the state codes only (uppercase), for the tests.
#[cfg(test)]
pub(crate) fn state_code_alternation() -> String {
    STATES.iter().map(|&(c, _)| c).collect::<Vec<_>>().join("|")
}

/// Per first letter of a state code (`A` first), a bit per second letter (`A` = bit 0).
static CODE_BITS: [u32; 26] = {
    let mut bits = [0u32; 26];
    let mut rest = STATES;
    while let [(code, _), tail @ ..] = rest {
        if let [first, second] = code.as_bytes() {
            let mut letter = b'A';
            let mut slots: &mut [u32] = &mut bits;
            while let [slot, more @ ..] = slots {
                if letter == *first {
                    *slot |= 1 << (*second - b'A');
                }
                letter += 1;
                slots = more;
            }
        }
        rest = tail;
    }
    bits
};

/// True when `s` is a state code (exact case `NY` when `strict_case`, else any case).
pub(crate) fn is_state_code(s: &str, strict_case: bool) -> bool {
    let &[first, second] = s.as_bytes() else { return false };
    let (first, second) =
        if strict_case { (first, second) } else { (first.to_ascii_uppercase(), second.to_ascii_uppercase()) };
    second.is_ascii_uppercase()
        && CODE_BITS
            .get(usize::from(first.wrapping_sub(b'A')))
            .is_some_and(|m| m & (1 << (second - b'A')) != 0)
}

#[cfg(test)]
/// Texts of `count` random lines, each the concatenation of one random text per slot (fewer
/// than `max` pieces of the slot's list): shapes too long to come out of one piece list.
pub(crate) fn slotted(seed: u64, slots: &[(&[&str], u64)], count: usize) -> Vec<String> {
    let mut lines = vec![String::new(); count];
    for (i, &(pieces, max)) in slots.iter().enumerate() {
        for (line, part) in lines.iter_mut().zip(crate::detect::test_support::random_texts(
            seed ^ (i as u64 + 1) << 32,
            pieces,
            max,
            count,
        )) {
            line.push_str(&part);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_suffix_matches_the_old_one() {
        // Every suffix in several cases, with a `.`, cut, lengthened, and other words.
        let mut words: Vec<String> = Vec::new();
        for s in STREET_SUFFIXES {
            let upper = s.to_ascii_uppercase();
            let title = format!("{}{}", &upper[..1], &s[1..]);
            for w in [s.to_string(), upper, title] {
                words.push(format!("{w}."));
                words.push(w[..w.len() - 1].to_string());
                words.push(format!("{w}s"));
                words.push(format!("{w}x."));
                words.push(w);
            }
        }
        words.extend(
            ["", ".", "..", "st..", "boulevardsxyz", "ſt", "Ave\u{212a}", "ﬆ", "12", "a b"].map(String::from),
        );
        let positives = words.iter().filter(|w| is_street_suffix(w)).count();
        for w in &words {
            assert_eq!(is_street_suffix(w), is_street_suffix_before(w), "{w:?}");
        }
        assert!(positives > 1000, "{positives}");
    }

    #[test]
    fn suffix_list_is_sorted_and_lowercase() {
        assert!(STREET_SUFFIXES.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        assert!(STREET_SUFFIXES.iter().all(|s| s.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn lookups() {
        for ok in ["St", "St.", "STREET", "Ave", "Blvd", "Pkwy", "Drives", "Shoal", "Hwy", "Ter", "Xing"] {
            assert!(is_street_suffix(ok), "{ok}");
        }
        for bad in ["", "Main", "mg", "Room", "Streetx", "Straße"] {
            assert!(!is_street_suffix(bad), "{bad}");
        }
        assert!(is_unit_designator("Apt.") && is_unit_designator("SUITE") && is_unit_designator("#"));
        assert!(!is_unit_designator("Bed"));
        assert!(is_state_code("NY", true) && !is_state_code("ny", true) && is_state_code("ny", false));
        assert!(!is_state_code("XX", false));
        assert_eq!(state_ending_at("Albany, NY", 10), Some(8));
        assert_eq!(state_ending_at("Charleston, West  Virginia", 26), Some(12));
        assert_eq!(state_ending_at("lives in new york", 17), Some(9));
        assert_eq!(state_ending_at("XNY", 3), None);
        assert_eq!(state_ending_at("Seen by", 7), None);
        let alt = state_alternation();
        assert!(alt.find("West[ \\t]+Virginia").unwrap() < alt.find("|Virginia").unwrap());
    }
}
