//! Web URLs (HIPAA Safe Harbor identifier N): `http`, `https`, `ftp`, `sftp` and `ws(s)`
//! schemes, `www.` hosts, and scheme-less `host.tld/path` links on common top-level domains.
//! Percent-encoded characters stay part of the URL; sentence punctuation after it does not.
//!
//! The candidates are found by a hand-written scan over the shared alphanumeric tokens
//! ([`super::views`]) around the `/`, `://` and `www.` that every match holds, which yields
//! exactly the leftmost-first, non-overlapping matches of the regex it replaced (kept in the
//! tests, which compare both on random texts):
//!
//! ```text
//! (?i:(?:https?|s?ftps?|wss?)://)C+ | (?i:www)\.H(?:\.H)+C* | H(?:\.H)*\.(?i:TLD)/C+
//! C = [A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]    H = [A-Za-z0-9][A-Za-z0-9-]*
//! ```
//!
//! with TLD one of [`is_tld`]'s. In Unicode mode `(?i)` also matched the long s `ſ` (U+017F)
//! for `s` and the Kelvin sign `K` (U+212A) for `k`, so the scan reads them as those letters in
//! schemes and top-level domains.

use super::views::Token;
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Url;

/// Top-level domains accepted for links written without a scheme or `www.` (with a path only),
/// as lowercase ASCII.
fn is_tld(word: &[u8]) -> bool {
    matches!(
        word,
        b"com"
            | b"org"
            | b"net"
            | b"edu"
            | b"gov"
            | b"mil"
            | b"int"
            | b"io"
            | b"co"
            | b"us"
            | b"uk"
            | b"ca"
            | b"de"
            | b"fr"
            | b"es"
            | b"it"
            | b"nl"
            | b"be"
            | b"ch"
            | b"at"
            | b"se"
            | b"no"
            | b"dk"
            | b"fi"
            | b"ie"
            | b"pl"
            | b"pt"
            | b"au"
            | b"nz"
            | b"in"
            | b"jp"
            | b"cn"
            | b"br"
            | b"mx"
            | b"ru"
            | b"info"
            | b"biz"
            | b"me"
            | b"ly"
            | b"app"
            | b"dev"
            | b"health"
            | b"care"
            | b"clinic"
            | b"bank"
            | b"link"
            | b"site"
            | b"online"
            | b"xyz"
            | b"tv"
            | b"to"
            | b"gl"
            | b"gle"
    )
}

/// The schemes, as lowercase ASCII: `https?|s?ftps?|wss?`.
fn is_scheme(word: &[u8]) -> bool {
    matches!(word, b"http" | b"https" | b"ftp" | b"ftps" | b"sftp" | b"sftps" | b"ws" | b"wss")
}

/// Hosts of standards bodies and code systems whose URLs name vocabularies and namespaces
/// (FHIR `system` values, XML namespaces), never a person: `http://loinc.org`,
/// `http://hl7.org/fhir/sid/us-ssn`, `http://www.w3.org/2001/XMLSchema`.
const NAMESPACE_HOSTS: &[&str] = &[
    "hl7.org",
    "fhir.org",
    "loinc.org",
    "snomed.info",
    "unitsofmeasure.org",
    "nucc.org",
    "www.nlm.nih.gov",
    "www.ama-assn.org",
    "www.cms.gov",
    "www.w3.org",
    "w3.org",
    "schema.org",
    "purl.org",
    "xmlns.com",
    "www.iana.org",
    "json-schema.org",
    "www.whocc.no",
    "www.who.int",
    "ncimeta.nci.nih.gov",
    "terminology.hl7.org",
    "ihe.net",
    "www.ihe.net",
    "dicom.nema.org",
];

impl Url {
    pub(crate) fn new() -> Result<Self> {
        Ok(Url)
    }
}

/// Whether `c` is a URL character of RFC 3986 (unreserved, reserved, `%`): no quotes, angle
/// brackets or backslashes; trailing punctuation is trimmed in code.
fn is_url_char(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b':'
                | b'/'
                | b'?'
                | b'#'
                | b'['
                | b']'
                | b'@'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b'%'
        )
}

/// The end of the run of URL characters from `i`.
fn url_end(b: &[u8], i: usize) -> usize {
    i + b.get(i..).map_or(0, |rest| rest.iter().take_while(|&&c| is_url_char(c)).count())
}

/// The byte at `i`, or 0 past the end.
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// The long s `ſ` (U+017F) in UTF-8.
const LONG_S: &[u8] = "\u{17F}".as_bytes();
/// The Kelvin sign `K` (U+212A) in UTF-8.
const KELVIN: &[u8] = "\u{212A}".as_bytes();

/// The letter at `i` as `(?i)` read it, lowercase, and the offset after it: an ASCII letter,
/// `ſ` as `s` or `K` as `k`.
fn folded_letter(b: &[u8], i: usize) -> Option<(u8, usize)> {
    let rest = b.get(i..)?;
    match rest.first()? {
        c if c.is_ascii_alphabetic() => Some((c.to_ascii_lowercase(), i + 1)),
        _ if rest.starts_with(LONG_S) => Some((b's', i + LONG_S.len())),
        _ if rest.starts_with(KELVIN) => Some((b'k', i + KELVIN.len())),
        _ => None,
    }
}

/// The offset of the `/` after a top-level domain that starts at `i` (`(?i:TLD)/`). A domain is
/// letters only, so it is all the letters up to that `/`.
fn tld_slash(b: &[u8], mut i: usize) -> Option<usize> {
    let mut word = [0u8; 6];
    let mut n = 0;
    while let Some((c, next)) = folded_letter(b, i) {
        *word.get_mut(n)? = c;
        n += 1;
        i = next;
    }
    (at(b, i) == b'/' && is_tld(word.get(..n)?)).then_some(i)
}

/// The end of `C+` after a `/` or `://` that ends at `i`, if it has a character.
fn path_end(b: &[u8], i: usize) -> Option<usize> {
    is_url_char(at(b, i)).then(|| url_end(b, i))
}

/// The match of the scheme alternative whose letters end where the token ending at `end` is
/// followed by `://` (after any `ſ`), starting at or after `from`: the longest scheme (the
/// leftmost start), which every shorter valid one (`ftp` in `sftp`) loses to.
fn scheme_match(b: &[u8], end: usize, from: usize) -> Option<(usize, usize)> {
    let mut colon = end;
    while b.get(colon..).is_some_and(|r| r.starts_with(LONG_S)) {
        colon += LONG_S.len();
    }
    if b.get(colon..colon + 3) != Some(b"://") {
        return None;
    }
    // The scheme's letters read backwards from the colon (at most five, the longest scheme),
    // and where the scheme starts when it is the last `n` of them.
    let mut word = [0u8; 5];
    let mut start = None;
    let mut i = colon;
    for n in 1..=word.len() {
        let (c, len) = match i.checked_sub(1).map(|j| at(b, j)) {
            Some(c) if c.is_ascii_alphabetic() => (c.to_ascii_lowercase(), 1),
            _ if i >= LONG_S.len() && b.get(i - LONG_S.len()..i) == Some(LONG_S) => (b's', LONG_S.len()),
            _ => break,
        };
        i -= len;
        let at_n = word.len() - n;
        if let Some(slot) = word.get_mut(at_n) {
            *slot = c;
        }
        if i >= from && word.get(at_n..).is_some_and(is_scheme) {
            start = Some(i);
        }
    }
    Some((start?, path_end(b, colon + 3)?))
}

/// The match of the `www.` alternative at `p` (`(?i:www)\.H(?:\.H)+C*`). Its hosts and path are
/// URL characters, so it ends where they do.
fn www_match(b: &[u8], p: usize) -> Option<(usize, usize)> {
    let w = b.get(p..p + 4)?;
    if !w.eq_ignore_ascii_case(b"www.") || !at(b, p + 4).is_ascii_alphanumeric() {
        return None;
    }
    // The first host is greedy and its class holds no `.`: the next one must follow it.
    let host = p + 4 + b.get(p + 4..).map_or(0, |r| r.iter().take_while(|c| is_host_char(**c)).count());
    (at(b, host) == b'.' && at(b, host + 1).is_ascii_alphanumeric()).then(|| (p, url_end(b, host)))
}

fn is_host_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-'
}

/// The end of the host (`H`) that starts at token `i`, and the index of its last token: the
/// tokens joined by dashes, and the dashes after them.
fn host_end(b: &[u8], tokens: &[Token], mut i: usize) -> (usize, usize) {
    let mut end = tokens.get(i).map_or(0, |t| t.end);
    loop {
        let dashes = b.get(end..).map_or(0, |r| r.iter().take_while(|&&c| c == b'-').count());
        match tokens.get(i + 1) {
            Some(next) if dashes > 0 && next.start == end + dashes => {
                end = next.end;
                i += 1;
            }
            _ => return (end + dashes, i),
        }
    }
}

/// The bare-host alternative at the start of token `i` (`H(?:\.H)*\.(?i:TLD)/C+`): its end, or
/// `Err` with the end of the chain of hosts read. Every start inside that chain fails too: it
/// sees the same last host and what follows it, with fewer hosts before.
///
/// The hosts are greedy and their class holds no `.` or `/`, so the chain is read whole: the
/// domain follows it after a `.` (only a domain starting with `ſ` can, as a letter or digit
/// would have continued the chain), or, backtracking one host, it is the last host itself,
/// possibly continued by `ſ` or `K` up to the `/`.
fn host_match(b: &[u8], tokens: &[Token], mut i: usize) -> Result<usize, usize> {
    let mut last = tokens.get(i).map_or(0, |t| t.start);
    let mut hosts = 1;
    let end = loop {
        let (end, j) = host_end(b, tokens, i);
        match tokens.get(j + 1) {
            Some(next) if at(b, end) == b'.' && next.start == end + 1 => {
                i = j + 1;
                last = next.start;
                hosts += 1;
            }
            _ => break end,
        }
    };
    let path = |slash: Option<usize>| slash.and_then(|s| path_end(b, s + 1));
    let after = || path((at(b, end) == b'.').then(|| tld_slash(b, end + 1)).flatten());
    let backtracked = || path((hosts >= 2).then(|| tld_slash(b, last)).flatten());
    after().or_else(backtracked).ok_or(end)
}

/// Calls `f` with the offset of every `/` and `.` in `b`, in order: eight bytes at a time,
/// testing all of them at once (they differ in the lowest bit only, so with it set both are
/// `/`, found by the exact zero-byte test of the bit-twiddling hacks).
fn slashes_and_dots(b: &[u8], mut f: impl FnMut(usize)) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let hits = |x: u64| crate::swar::eq_mask(x | ONES, b'/');
    let mut chunks = b.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut m = hits(u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8])));
        while m != 0 {
            f(base + m.trailing_zeros() as usize / 8);
            m &= m - 1;
        }
        base += 8;
    }
    for (k, c) in chunks.remainder().iter().enumerate() {
        if matches!(c, b'/' | b'.') {
            f(base + k);
        }
    }
}

/// The byte ranges where a match can start, sorted by start: before each `://` (the scheme's
/// letters, an `ſ` two bytes), the `www` before each `.`, and the chain of hosts and top-level
/// domain before each `/` that follows a letter (or the last byte of `ſ` or `K`). Every match
/// holds one of these anchors and starts in its range.
fn regions(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    slashes_and_dots(b, |i| {
        let before = i.checked_sub(1).map(|j| (j, at(b, j)));
        if at(b, i) == b'.' {
            // Most dots end a sentence or a number: one byte tells.
            if before.is_some_and(|(_, c)| c | 0x20 == b'w')
                && i >= 3
                && at(b, i - 2) | 0x20 == b'w'
                && at(b, i - 3) | 0x20 == b'w'
            {
                out.push((i - 3, i));
            }
            return;
        }
        match before {
            Some((colon, b':')) if at(b, i + 1) == b'/' => out.push((colon.saturating_sub(10), colon)),
            Some((_, c)) if c.is_ascii_alphabetic() || matches!(c, 0xBF | 0xAA) => {
                // Hosts, dots and the bytes of `ſ` and `K` (in a domain) back from the `/`.
                let chain = |c: &u8| is_host_char(*c) || matches!(c, b'.' | 0xC5 | 0xBF | 0xE2 | 0x84 | 0xAA);
                let start =
                    b.get(..i).and_then(|head| head.iter().rposition(|c| !chain(c))).map_or(0, |j| j + 1);
                out.push((start, i));
            }
            _ => {}
        }
    });
    out.sort_unstable();
    out
}

/// Calls `f` with the start and end of every match of the pattern (see the module docs), left
/// to right, as the regex's `find_iter` found them. `tokens` are the text's maximal runs of
/// ASCII letters and digits ([`super::views`]).
///
/// Every match starts on a letter or digit (or the `ſ` of a scheme) and ends where a run of URL
/// characters ends, so the next search never starts inside a token. Each token is one candidate
/// per alternative: the scheme whose `://` follows it (its letters are a token with any `ſ`
/// around; no other alternative can start inside them, as they hold no `.`), `www.` at its last
/// three letters, a bare host at its start unless an earlier failed chain of hosts covers it.
/// Only the tokens in [`regions`] can start a match, and only those are read.
fn candidates(b: &[u8], tokens: &[Token], mut f: impl FnMut(usize, usize)) {
    // Where the regex's next search starts, and where the bare hosts known to fail end.
    let (mut from, mut hosts_fail) = (0, 0);
    let mut visit = |i: usize, t: &Token| {
        // A scheme needs `:` or `ſ` after its letters, `www.` and a chain of hosts a `.` or a
        // `-` (a lone host is no match): most words are followed by none of them.
        if !matches!(at(b, t.end), b'.' | b'-' | b':' | 0xC5) || t.start < from {
            return;
        }
        let www = || t.end.checked_sub(3).and_then(|p| www_match(b, p));
        let mut host = || {
            if t.start < hosts_fail {
                return None;
            }
            match host_match(b, tokens, i) {
                Ok(end) => Some((t.start, end)),
                Err(end) => {
                    hosts_fail = end;
                    None
                }
            }
        };
        // At the same start `www.` comes first; a bare host can only start at the token's start.
        let found = match scheme_match(b, t.end, from) {
            Some(m) => Some(m),
            None if t.end - t.start == 3 => www().or_else(host),
            None => host().or_else(www),
        };
        if let Some((start, end)) = found {
            f(start, end);
            from = end;
        }
    };
    // The tokens of the regions, each once, in text order.
    let mut next = 0;
    for (start, end) in regions(b) {
        let first = next.max(tokens.partition_point(|t| t.end < start));
        for (i, t) in tokens.iter().enumerate().skip(first).take_while(|(_, t)| t.start < end) {
            visit(i, t);
            next = i + 1;
        }
    }
}

impl Recognizer for Url {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        // A scheme needs `:`; `www.` and bare hosts need `.`.
        if !hay.has_any(b".:") {
            return;
        }
        let text = hay.text;
        let b = text.as_bytes();
        candidates(b, hay.views.tokens(), |start, end| {
            // Glued to a word on the left ("foohttp://", or a bare host inside an e-mail).
            if start
                .checked_sub(1)
                .and_then(|i| b.get(i))
                .is_some_and(|&c| c.is_ascii_alphanumeric() || matches!(c, b'@' | b'.' | b'-' | b'/'))
            {
                return;
            }
            let Some(end) = text.get(start..end).map(|m| start + trimmed_len(m)) else { return };
            let Some(url) = text.get(start..end) else { return };
            let rest = url.split_once("//").map_or(url, |(_, r)| r);
            // A scheme with nothing after it ("http://") is not a URL.
            if rest.len() < 3 || !rest.bytes().any(|c| c.is_ascii_alphanumeric()) {
                return;
            }
            if is_namespace(rest) {
                return;
            }
            let scheme = url.contains("://");
            let www = url.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
            // A scheme or `www.` makes the whole URL certain, so that it wins over a validated
            // value inside it (a card number in a query string) and nothing of it is left.
            let score = if scheme || www { 0.9 } else { 0.75 };
            out.push(Finding::new(EntityKind::Url, start, end, score, scheme || www));
        });
    }
}

/// True when the URL (without its scheme) is on a standards body's namespace host, or a
/// subdomain of one.
fn is_namespace(rest: &str) -> bool {
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    NAMESPACE_HOSTS.iter().any(|h| {
        host.eq_ignore_ascii_case(h)
            || host
                .len()
                .checked_sub(h.len())
                .and_then(|at| host.split_at_checked(at))
                .is_some_and(|(head, tail)| head.ends_with('.') && tail.eq_ignore_ascii_case(h))
    })
}

/// Length of `url` without the sentence punctuation that follows it: trailing `.,;:!?'` and
/// closing brackets that have no opening partner inside the URL. The brackets are counted once
/// and the closing ones uncounted as they are trimmed, so a long run of `)` costs one pass.
fn trimmed_len(url: &str) -> usize {
    let b = url.as_bytes();
    let count = |c: u8| b.iter().filter(|&&x| x == c).count();
    let (open_parens, open_brackets) = (count(b'('), count(b'['));
    let (mut close_parens, mut close_brackets) = (count(b')'), count(b']'));
    let mut end = b.len();
    while let Some(&c) = end.checked_sub(1).and_then(|i| b.get(i)) {
        if c == b')' && open_parens < close_parens {
            close_parens -= 1;
        } else if c == b']' && open_brackets < close_brackets {
            close_brackets -= 1;
        } else if !matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*') {
            break;
        }
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    #[test]
    fn table() {
        check_table(
            &Url::new().unwrap(),
            EntityKind::Url,
            &[
                ("Online footprint: https://www.dannymathis.com. Account", "https://www.dannymathis.com"),
                (
                    "profile is https://www.linkedin.com/in/jane-doe-4402 if",
                    "https://www.linkedin.com/in/jane-doe-4402",
                ),
                ("(see https://example.org/a_(b)/c?q=1&x=%20y).", "https://example.org/a_(b)/c?q=1&x=%20y"),
                (
                    "visit www.smithfamilyclinic.com/patients/8812, then",
                    "www.smithfamilyclinic.com/patients/8812",
                ),
                ("photos at instagram.com/jane_doe37/ today", "instagram.com/jane_doe37/"),
                ("FTP://files.example.net/scan.pdf!", "FTP://files.example.net/scan.pdf"),
                (
                    "portal: https://portal.example.com:8443/u/123?token=abc#top",
                    "https://portal.example.com:8443/u/123?token=abc#top",
                ),
                ("wss://chat.example.io/room/42", "wss://chat.example.io/room/42"),
                ("http://evilhl7.org/p/123", "http://evilhl7.org/p/123"),
            ],
            &[
                "http:// is a scheme",
                "email jane.doe@example.com",
                "ratio 1/2 and mg/dL",
                "file report.pdf and notes.txt",
                "e.g. this, i.e. that",
                "gmail.com",
                "metoprolol 25 mg/day",
                "version 1.2.3/4",
                // code systems and namespaces name vocabularies, not people
                "system: http://hl7.org/fhir/sid/us-ssn",
                "\"system\": \"http://loinc.org\"",
                "xmlns=\"http://www.w3.org/2000/svg\"",
                "https://terminology.hl7.org/CodeSystem/v3-ActCode",
            ],
        );
    }

    /// The regex the scan replaced.
    fn old_regex() -> regex::Regex {
        let tlds = "com|org|net|edu|gov|mil|int|io|co|us|uk|ca|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|ie|pl|pt|au|nz|in|jp|cn|br|mx|ru|info|biz|me|ly|app|dev|health|care|clinic|bank|link|site|online|xyz|tv|to|gl|gle";
        let chars = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]";
        let host = r"[A-Za-z0-9][A-Za-z0-9-]*";
        regex::Regex::new(&format!(
            r"(?i:(?:https?|s?ftps?|wss?)://){chars}+|(?i:www)\.{host}(?:\.{host})+{chars}*|{host}(?:\.{host})*\.(?i:{tlds})/{chars}+"
        ))
        .unwrap()
    }

    /// The scan yields exactly the regex's leftmost-first non-overlapping matches: schemes
    /// (with `ſ` for `s`) glued to letters or not, `www.` with one or more hosts, chains of
    /// hosts with dashes and dots before top-level domains (with `ſ` and `K`) and other words,
    /// empty and non-empty paths, URL characters and characters that end a URL.
    #[test]
    fn scan_matches_the_regex() {
        let re = old_regex();
        let pieces = [
            "http",
            "HTTPS",
            "sftp",
            "\u{17F}ftp",
            "http\u{17F}",
            "w\u{17F}\u{17F}",
            "ws",
            "x",
            "://",
            ":/",
            ":",
            "/",
            ".",
            "-",
            "www",
            "WwW.",
            "example.",
            "a-",
            "b2",
            ".co",
            "com/",
            ".uk/",
            "u\u{212A}/",
            ".e\u{17F}/",
            "lin",
            ".\u{17F}e",
            "\u{17F}ite/",
            "\u{17F}",
            "\u{212A}",
            "org",
            "health",
            "?",
            "#",
            "(",
            ")",
            "]",
            "%20",
            "'",
            ",",
            "@",
            " ",
            "\"",
            "é",
            "1",
        ];
        let mut matches = 0;
        for s in random_texts(0x3C6E_F372_FE94_F82B, &pieces, 16, 60_000) {
            let want: Vec<_> = re.find_iter(&s).map(|m| (m.start(), m.end())).collect();
            let mut got = Vec::new();
            candidates(s.as_bytes(), Haystack::new(&s).views.tokens(), |start, end| got.push((start, end)));
            assert_eq!(got, want, "{s:?}");
            matches += want.len();
        }
        assert!(matches > 1000, "{matches}");
    }

    /// The trimming the linear [`trimmed_len`] replaced (it counted the brackets again for
    /// every byte trimmed).
    fn old_trimmed_len(url: &str) -> usize {
        let b = url.as_bytes();
        let mut end = b.len();
        while let Some(inner) = b.get(..end) {
            let Some(&c) = inner.last() else { break };
            let unbalanced = |open: u8, close: u8| {
                c == close && {
                    inner.iter().filter(|&&x| x == open).count()
                        < inner.iter().filter(|&&x| x == close).count()
                }
            };
            if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*')
                || unbalanced(b'(', b')')
                || unbalanced(b'[', b']')
            {
                end -= 1;
            } else {
                break;
            }
        }
        end
    }

    #[test]
    fn trimming_matches_the_old_one() {
        let pieces =
            ["a", "/", "(", ")", "[", "]", ".", ",", ";", ":", "!", "?", "'", "*", "%2", ")).", "x)]"];
        let mut trimmed = 0;
        for s in random_texts(0x1F83_D9AB_FB41_BD6B, &pieces, 14, 40_000) {
            assert_eq!(trimmed_len(&s), old_trimmed_len(&s), "{s:?}");
            trimmed += s.len() - trimmed_len(&s);
        }
        assert!(trimmed > 10_000, "{trimmed}");
    }

    /// The eight-bytes-at-a-time search finds every `/` and `.` and nothing else, also next
    /// to bytes that differ from them in the high or the lowest bit only (`®` is C2 AE, `¯` C2 AF,
    /// `-` 2D).
    #[test]
    fn slashes_and_dots_are_all_found() {
        let pieces = ["/", ".", "a", "-", "0", "®", "¯", "\u{17F}", "        "];
        let mut found = 0;
        for s in random_texts(0x5851_F42D_4C95_7F2D, &pieces, 30, 20_000) {
            let want: Vec<_> =
                s.bytes().enumerate().filter(|(_, c)| matches!(c, b'/' | b'.')).map(|(i, _)| i).collect();
            let mut got = Vec::new();
            slashes_and_dots(s.as_bytes(), |i| got.push(i));
            assert_eq!(got, want, "{s:?}");
            found += got.len();
        }
        assert!(found > 10_000, "{found}");
    }
}
