//! RFC 6901 JSON Pointers and the pointer patterns of policy field rules.
//!
//! A pattern is a pointer whose segments may be wildcards: `*` matches one segment (a key or an
//! array index), `**` matches any number of segments (zero included), and a segment holding `*`
//! among other characters is a glob over one segment (`*Date` matches `birthDate`). `~0` and
//! `~1` escape `~` and `/` as in RFC 6901.
//!
//! ```text
//! /patient/name                 exactly that field
//! /entry/*/resource/birthDate   the birthDate of every entry
//! **/ssn                        an `ssn` field at any depth
//! **/*employer*                 any field whose name contains `employer`
//! ```

/// One step of a path: an object key or an array index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    /// An object member, by its unescaped key.
    Key(&'a str),
    /// An array element.
    Index(usize),
}

impl Seg<'_> {
    /// The key, or `None` for an index.
    pub(crate) fn key(&self) -> Option<&str> {
        match self {
            Seg::Key(k) => Some(k),
            Seg::Index(_) => None,
        }
    }
}

/// Appends `/token` to `pointer` with RFC 6901 escaping (`~` → `~0`, `/` → `~1`).
pub(crate) fn push_token(pointer: &mut String, key: &str) {
    pointer.push('/');
    if !key.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(key);
        return;
    }
    for c in key.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Appends `/index`.
pub(crate) fn push_index(pointer: &mut String, index: usize) {
    use std::fmt::Write;
    let _ = write!(pointer, "/{index}");
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum PatSeg {
    Literal(String),
    One,
    Deep,
    Glob(Vec<String>),
}

/// A compiled pointer pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pattern {
    segs: Vec<PatSeg>,
}

impl Pattern {
    /// Parses a pattern; the error says what is wrong (never echoing more than the pattern).
    pub(crate) fn parse(text: &str) -> Result<Pattern, &'static str> {
        if text.is_empty() {
            return Ok(Pattern { segs: Vec::new() });
        }
        let body = if let Some(rest) = text.strip_prefix('/') {
            rest
        } else if text == "**" || text.starts_with("**/") {
            text
        } else {
            return Err("a path must start with \"/\" or \"**/\"");
        };
        if text.len() > 1024 {
            return Err("a path must be at most 1024 characters");
        }
        let mut segs = Vec::new();
        for raw in body.split('/') {
            segs.push(match raw {
                "*" => PatSeg::One,
                "**" => {
                    if segs.last() == Some(&PatSeg::Deep) {
                        continue;
                    }
                    PatSeg::Deep
                }
                _ if raw.contains('*') => {
                    PatSeg::Glob(raw.split('*').map(unescape).collect::<Result<Vec<_>, _>>()?)
                }
                _ => PatSeg::Literal(unescape(raw)?),
            });
        }
        if segs.len() > MAX_SEGMENTS {
            return Err("a path may have at most 63 segments");
        }
        Ok(Pattern { segs })
    }

    /// How specific the pattern is, compared in order: literal segments, then globs and `*`,
    /// then fewer `**`. `/patient/contact/email` beats `/patient/**`, which beats `**`.
    pub(crate) fn specificity(&self) -> (usize, usize, usize) {
        let count = |f: fn(&PatSeg) -> bool| self.segs.iter().filter(|s| f(s)).count();
        (
            count(|s| matches!(s, PatSeg::Literal(_))),
            count(|s| matches!(s, PatSeg::Glob(_) | PatSeg::One)),
            usize::MAX - count(|s| matches!(s, PatSeg::Deep)),
        )
    }

    /// True when the pattern matches the node at `path`.
    pub(crate) fn matches(&self, path: &[Seg<'_>]) -> bool {
        self.accepts(self.states(path))
    }

    /// True when the pattern may match some node strictly below `path`.
    #[cfg(test)]
    pub(crate) fn may_match_below(&self, path: &[Seg<'_>]) -> bool {
        // A pattern position reached after consuming `path` with segments left to match.
        self.may_continue(self.states(path))
    }

    /// The state before any segment (for incremental matching with [`Pattern::step`]).
    pub(crate) fn start(&self) -> u64 {
        self.close_deep(1)
    }

    /// The state after one more path segment.
    pub(crate) fn step(&self, cur: u64, seg: &Seg<'_>) -> u64 {
        if cur == 0 {
            return 0;
        }
        let mut next = 0u64;
        for (i, p) in self.segs.iter().enumerate() {
            if cur & (1 << i) == 0 {
                continue;
            }
            let advance = match p {
                PatSeg::Deep => {
                    next |= 1 << i;
                    true
                }
                PatSeg::One => true,
                PatSeg::Literal(l) => seg_equals(seg, l),
                PatSeg::Glob(parts) => match seg {
                    Seg::Key(k) => glob(parts, k),
                    Seg::Index(n) => glob(parts, &n.to_string()),
                },
            };
            if advance {
                next |= 1 << (i + 1);
            }
        }
        self.close_deep(next)
    }

    /// Whether a state matches the node it was reached at.
    pub(crate) fn accepts(&self, state: u64) -> bool {
        state & (1u64 << self.segs.len()) != 0
    }

    /// Whether a state may still match a node further down.
    pub(crate) fn may_continue(&self, state: u64) -> bool {
        state & ((1u64 << self.segs.len()) - 1) != 0
    }

    /// NFA simulation over a bit set: bit `i` is set when the first `i` pattern segments can
    /// match the whole of `path`. O(pattern × path) with no allocation; patterns have at most
    /// [`MAX_SEGMENTS`] segments.
    fn states(&self, path: &[Seg<'_>]) -> u64 {
        path.iter().fold(self.start(), |state, seg| self.step(state, seg))
    }

    /// `**` may match zero segments: a state before it also reaches the state after it.
    fn close_deep(&self, mut states: u64) -> u64 {
        for (i, p) in self.segs.iter().enumerate() {
            if states & (1 << i) != 0 && *p == PatSeg::Deep {
                states |= 1 << (i + 1);
            }
        }
        states
    }
}

/// The most segments a pattern may have.
pub(crate) const MAX_SEGMENTS: usize = 63;

fn seg_equals(seg: &Seg<'_>, literal: &str) -> bool {
    match seg {
        Seg::Key(k) => *k == literal,
        Seg::Index(i) => literal.parse::<usize>().ok() == Some(*i) && !literal.starts_with('+'),
    }
}

/// Glob match of `text` against `parts` (the pattern split at `*`), greedy-free and linear.
fn glob(parts: &[String], text: &str) -> bool {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return false;
    };
    let t = text.as_bytes();
    if parts.len() == 1 {
        return t == first.as_bytes();
    }
    let (first, last) = (first.as_bytes(), last.as_bytes());
    // (Empty prefixes and suffixes are common, `*word*`: skip the comparison call for them.)
    if t.len() < first.len() + last.len()
        || (!first.is_empty() && !t.starts_with(first))
        || (!last.is_empty() && !t.ends_with(last))
    {
        return false;
    }
    let end = t.len() - last.len();
    let mut pos = first.len();
    // Keys are short: a plain window scan beats setting up a substring searcher per call.
    for part in parts.iter().skip(1).take(parts.len() - 2) {
        let p = part.as_bytes();
        if p.is_empty() {
            continue;
        }
        match t.get(pos..end).and_then(|hay| find_bytes(hay, p)) {
            Some(at) => pos += at + p.len(),
            None => return false,
        }
    }
    pos <= end
}

/// The first position of `needle` (non-empty) in `hay`: candidates by first byte, then compared.
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    (0..=last_start).find(|&i| {
        hay.get(i) == Some(&first)
            && hay.get(i + 1..i + needle.len()).is_some_and(|w| w.iter().eq(rest.iter()))
    })
}

fn unescape(raw: &str) -> Result<String, &'static str> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return Err("\"~\" must be followed by 0 or 1 (RFC 6901)"),
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> Vec<Seg<'_>> {
        p.split('/')
            .skip(1)
            .map(|s| match s.parse::<usize>() {
                Ok(i) => Seg::Index(i),
                Err(_) => Seg::Key(s),
            })
            .collect()
    }

    fn m(pat: &str, p: &str) -> bool {
        Pattern::parse(pat).unwrap().matches(&path(p))
    }

    #[test]
    fn literal_star_and_deep() {
        assert!(m("/patient/name", "/patient/name"));
        assert!(!m("/patient/name", "/patient/name/0"));
        assert!(!m("/patient/name", "/patient"));
        assert!(m("/entry/*/resource/birthDate", "/entry/3/resource/birthDate"));
        assert!(!m("/entry/*/resource/birthDate", "/entry/resource/birthDate"));
        assert!(m("**/ssn", "/ssn"));
        assert!(m("**/ssn", "/a/0/b/ssn"));
        assert!(!m("**/ssn", "/a/ssn/x"));
        assert!(m("/a/**", "/a"));
        assert!(m("/a/**", "/a/b/c"));
        assert!(m("/a/**/c", "/a/c"));
        assert!(m("/a/**/c", "/a/x/y/c"));
        assert!(m("**", "/anything/at/all"));
        assert!(m("", ""));
        assert!(!m("", "/a"));
        assert!(m("/items/0", "/items/0"));
        assert!(!m("/items/0", "/items/1"));
    }

    #[test]
    fn globs_and_escapes() {
        assert!(m("**/*Date", "/x/birthDate"));
        assert!(!m("**/*Date", "/x/birthDates"));
        assert!(m("**/*employer*", "/applicant/employment/employer"));
        assert!(m("**/*employer*", "/a/employer_name"));
        assert!(m("**/a*b*c", "/abc"));
        assert!(m("**/a*b*c", "/a-b-b-c"));
        assert!(!m("**/a*b*c", "/ac"));
        assert!(!m("**/ab*ba", "/aba"), "prefix and suffix may not overlap");
        assert!(Pattern::parse("/a~1b/c~0d").unwrap().matches(&[Seg::Key("a/b"), Seg::Key("c~d")]));
        assert!(Pattern::parse("/a~2").is_err());
        assert!(Pattern::parse("patient/name").is_err());
    }

    #[test]
    fn may_match_below() {
        let p = Pattern::parse("/patient/address/zip").unwrap();
        assert!(p.may_match_below(&path("/patient")));
        assert!(p.may_match_below(&[]));
        assert!(!p.may_match_below(&path("/patient/address/zip")));
        assert!(!p.may_match_below(&path("/billing")));
        let deep = Pattern::parse("**/ssn").unwrap();
        assert!(deep.may_match_below(&path("/anything/here")));
    }

    #[test]
    fn pointer_escaping() {
        let mut p = String::new();
        push_token(&mut p, "a/b~c");
        push_index(&mut p, 3);
        assert_eq!(p, "/a~1b~0c/3");
    }
}
