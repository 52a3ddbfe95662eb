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
    STREET_SUFFIXES.binary_search(&w.to_ascii_lowercase().as_str()).is_ok()
}

/// True when `word` (any case, a trailing `.` ignored) is a secondary unit designator.
pub(crate) fn is_unit_designator(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    UNIT_DESIGNATORS.iter().any(|d| d.eq_ignore_ascii_case(w))
}

/// A case-sensitive regex alternation of every state name (as written and in capitals) and
/// code (in capitals). Names come first, longest first, so the leftmost-first engine prefers
/// `West Virginia` over `Virginia`.
pub(crate) fn state_alternation() -> String {
    let mut names: Vec<&str> = STATES.iter().map(|&(_, n)| n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut parts: Vec<String> = names.iter().map(|n| n.replace(' ', "[ \\t]+")).collect();
    parts.extend(names.iter().map(|n| n.to_ascii_uppercase().replace(' ', "[ \\t]+")));
    parts.extend(STATES.iter().map(|&(c, _)| c.to_owned()));
    parts.join("|")
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
            STATES.iter().any(|&(_, name)| words_eq(name, candidate))
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

/// A regex alternation of the state codes only (uppercase).
pub(crate) fn state_code_alternation() -> String {
    STATES.iter().map(|&(c, _)| c).collect::<Vec<_>>().join("|")
}

/// True when `s` is a state code (exact case `NY` when `strict_case`, else any case).
pub(crate) fn is_state_code(s: &str, strict_case: bool) -> bool {
    STATES.iter().any(|&(c, _)| if strict_case { c == s } else { c.eq_ignore_ascii_case(s) })
}

#[cfg(test)]
mod tests {
    use super::*;

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
