//! Secrets: API keys and tokens with a recognizable prefix (AWS `AKIA…`/`ASIA…` key ids, Stripe
//! `sk_live_`/`sk_test_`/`rk_live_`, GitHub `ghp_`/`gho_`/`ghs_`/`github_pat_`, Slack `xox?-`,
//! Google `AIza…`, OpenAI/Anthropic `sk-…`, GitLab `glpat-`, npm, SendGrid, Hugging Face), JSON
//! Web Tokens, PEM private key blocks, `Basic`/`Bearer` credentials, and values assigned to
//! `password=`, `secret:`, `token=`, `api_key=`, `aws_secret_access_key=` and the like.
//!
//! Assigned values count when they look like secrets: for password labels any value that mixes
//! character classes or is long; for key and token labels a long, high-entropy value.
//!
//! Every pattern is a hand-written scan that finds exactly what a Rust `regex` pattern found
//! (the pattern is quoted on each scan, and the tests compare the two on random texts): no
//! regex is built or run. Case-insensitive parts follow `(?i)` in Unicode mode, where the long
//! s `ſ` (U+017F) matches `s` and the Kelvin sign `K` (U+212A) matches `k`, also in `(?i)`
//! classes of ASCII letters.

use super::context;
use super::{EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

/// Nothing to build: every pattern is a scan.
pub(crate) struct ApiKey;

/// The shortest match of `prefixed` (`xoxb-` and ten characters).
const PREFIXED_MIN: usize = 15;

/// The shortest match of `jwt` (`eyJ`, eight characters, a dot, eight characters, a dot).
const JWT_MIN: usize = 21;

impl ApiKey {
    pub(crate) fn new() -> Result<Self> {
        Ok(ApiKey)
    }
}

// The scans are kept out of `recognize` (`#[inline(never)]` on `key_runs`, `prefixed_keys`,
// `keys_and_jwts`, `assignments`, `credentials`): inlined into it, the wasm build (opt-level
// "s") spent about twice as long in `ApiKey` (sampled profile of `sanitize` over the docs: 2.5-2.8 %
// inclusive apart, 4.4-5.5 % inlined); natively it makes no difference.
impl Recognizer for ApiKey {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        let bounded = |s: usize, e: usize| {
            let left = s
                .checked_sub(1)
                .and_then(|i| b.get(i))
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_'));
            let right = b.get(e).is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_'));
            left && right
        };
        let slice = |s: usize, e: usize| text.get(s..e).unwrap_or_default();
        let mut jwt_spans = Vec::new();
        // The census skips the passes whose every match needs a byte the text lacks.
        keys_and_jwts(
            b,
            hay.has_any(b"."),
            |s, e| {
                let v = slice(s, e).as_bytes();
                if !bounded(s, e) || !looks_random(v.get(3..).unwrap_or_default()) {
                    return;
                }
                // AWS key ids are uppercase; a case-folded one ("akia…") needs key words nearby.
                let aws = v.len() == 20 && v.iter().take(4).all(u8::is_ascii_alphabetic);
                if aws
                    && v.iter().any(u8::is_ascii_lowercase)
                    && !context::has_word_before(text, s, 32, &["aws", "key", "access", "id", "akid"])
                {
                    return;
                }
                out.push(Finding::new(EntityKind::ApiKey, s, e, 1.0, true));
            },
            |s, e| jwt_spans.push((s, e)),
        );
        for (s, e) in jwt_spans {
            if bounded(s, e) {
                let header = slice(s, e).split('.').next().unwrap_or("");
                let valid = base64_decode(header.as_bytes())
                    .is_some_and(|h| h.starts_with(b"{") && h.ends_with(b"}"));
                out.push(Finding::new(EntityKind::ApiKey, s, e, if valid { 1.0 } else { 0.8 }, valid));
            }
        }
        if hay.has_any(b"=: \t") {
            assignments(hay, |a| {
                if a.label.0.checked_sub(1).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric) {
                    return;
                }
                let label = slice(a.label.0, a.label.1);
                let raw = slice(a.value.0, a.value.1).trim_end_matches(['.', ')', ']', '}']);
                let (start, end) = (a.value.0, a.value.0 + raw.len());
                let spaced = slice(a.op.0, a.op.1).trim().is_empty();
                let password =
                    label.to_ascii_lowercase().starts_with("pass") || label.eq_ignore_ascii_case("pwd");
                let score = assigned_score(raw.as_bytes(), password, spaced);
                if score > 0.0 && end > start {
                    out.push(Finding::new(EntityKind::ApiKey, start, end, score, false));
                }
            });
        }
        if hay.has_any(b" \t") {
            credentials(hay, |kind, value| {
                let v = slice(value.0, value.1).as_bytes();
                let basic = slice(kind.0, kind.1).eq_ignore_ascii_case("basic");
                // `Basic` carries base64 of `user:password`, padded to a multiple of four.
                let decoded_pair = basic
                    && v.len() % 4 == 0
                    && base64_decode(v).is_some_and(|d| {
                        d.len() >= 3 && d.contains(&b':') && d.iter().all(|c| (0x20..0x7f).contains(c))
                    });
                let after_header = context::has_word_before(
                    text,
                    kind.0,
                    24,
                    &["authorization", "auth", "proxy-authorization"],
                );
                let score = if decoded_pair {
                    1.0
                } else if (after_header || !basic) && v.len() >= 16 && looks_random(v) {
                    0.9
                } else {
                    return;
                };
                out.push(Finding::new(EntityKind::ApiKey, value.0, value.1, score, decoded_pair));
            });
        }
        if hay.has_any(b"-") {
            self.pem_blocks(hay, out);
        }
    }
}

// ---- Case-insensitive literals and byte classes ----

/// The ASCII letter that the character at `i` matches under `(?i)` when it is one of the two
/// non-ASCII characters Unicode case folding maps onto ASCII letters (`ſ` U+017F folds with `s`,
/// the Kelvin sign U+212A with `k`), and its length in bytes.
#[inline]
fn folded_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    match b.get(i..)? {
        [0xC5, 0xBF, ..] => Some((b's', 2)),
        [0xE2, 0x84, 0xAA, ..] => Some((b'k', 3)),
        _ => None,
    }
}

/// The end of `word` (lowercase ASCII) matched at `i` as a `(?i)` literal of a Unicode-mode
/// pattern: any ASCII case, and `ſ`/`K` for `s`/`k`.
#[inline]
fn ci(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    word.iter().try_fold(i, |at, &w| match *b.get(at)? {
        c if c.to_ascii_lowercase() == w => Some(at + 1),
        _ => folded_at(b, at).filter(|&(f, _)| f == w).map(|(_, n)| at + n),
    })
}

/// The end of `word` matched exactly (case-sensitive) at `i`.
#[inline]
fn lit(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    b.get(i..)?.starts_with(word).then_some(i + word.len())
}

/// How many bytes of `class` follow `i`.
fn run(b: &[u8], i: usize, class: fn(u8) -> bool) -> usize {
    b.get(i..).map_or(0, |r| r.iter().take_while(|&&c| class(c)).count())
}

/// The end of `class{n,}` (greedy) at `i`, for a class of ASCII bytes.
fn at_least(b: &[u8], i: usize, n: usize, class: fn(u8) -> bool) -> Option<usize> {
    let k = run(b, i, class);
    (k >= n).then_some(i + k)
}

/// The end of `class{n}` at `i`, for a class of ASCII bytes.
fn exactly(b: &[u8], i: usize, n: usize, class: fn(u8) -> bool) -> Option<usize> {
    b.get(i..i + n)?.iter().all(|&c| class(c)).then_some(i + n)
}

fn alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

/// `[A-Za-z0-9_-]`
fn alnum_dash(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// `[A-Za-z0-9_]`
fn alnum_under(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `[A-Za-z0-9-]`
fn alnum_hyphen(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-'
}

/// `[A-Za-z0-9+/=]`
fn base64_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=')
}

/// `[a-z0-9]` (no `(?i)`)
fn lower_digit(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// True for the bytes a prefixed key or a JWT is made of. Non-ASCII bytes count (`(?i)` lets
/// `ſ` and `K` match `s` and `k`), so every match lies within one run of them.
fn is_key_byte(c: u8) -> bool {
    KEY_BYTES.get(usize::from(c)).copied().unwrap_or(false)
}

/// [`is_key_byte`] as a table.
const KEY_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut slots: &mut [bool] = &mut t;
    let mut c = 0u8;
    while let [slot, rest @ ..] = slots {
        *slot =
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'+' | b'/' | b'=' | b'.') || c >= 0x80;
        c = c.wrapping_add(1);
        slots = rest;
    }
    t
};

/// The maximal runs of [`is_key_byte`] bytes at least `min` (> 0) bytes long, in order. A match
/// of `prefixed` or `jwt` never crosses a run's ends, so scanning each long run from its start
/// finds what `find_iter` over the whole text finds. Reads about one byte in `min` of ordinary
/// text: a run of `min` bytes from `at` or later must hold the byte `min - 1` past `at`.
#[inline(never)]
fn key_runs(b: &[u8], min: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    // No run ends after `at` has been returned, and the byte before `at` is no part of a run
    // still to come (`at` follows a byte that is no key byte, or a returned run).
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let probe = at + min - 1;
        if !is_key_byte(*b.get(probe)?) {
            at = probe + 1;
            continue;
        }
        let before = b.get(at..probe).map_or(0, |r| r.iter().rev().take_while(|&&c| is_key_byte(c)).count());
        let (start, end) = (probe - before, probe + 1 + run(b, probe + 1, is_key_byte));
        at = end;
        if end - start >= min {
            return Some((start, end));
        }
    })
}

// ---- prefixed ----

/// Calls `f(start, end)` for each match in the run `start..end` of
/// ```text
/// (?i:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Za-z0-9]{16}
/// |(?i:sk|rk)_(?i:live|test)_[A-Za-z0-9]{10,}
/// |whsec_[A-Za-z0-9+/=]{24,}
/// |(?i:gh[pousr])_[A-Za-z0-9]{30,}
/// |(?i:github_pat)_[A-Za-z0-9_]{22,}
/// |(?i:xox[abposre])-[A-Za-z0-9-]{10,}
/// |(?i:AIza)[0-9A-Za-z_-]{35}
/// |sk-(?:proj-|ant-[a-z0-9]{2,10}-|svcacct-)?[A-Za-z0-9_-]{20,}
/// |(?i:glpat)-[A-Za-z0-9_-]{20,}
/// |npm_[A-Za-z0-9]{36}
/// |SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}
/// |hf_[A-Za-z0-9]{30,}
/// |shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}
/// ```
/// as `find_iter` gives them: leftmost-first, non-overlapping. Prefixes match in any case too:
/// whole documents are sometimes case-folded, and the prefixes are distinctive enough.
#[inline(never)]
fn prefixed_keys(b: &[u8], start: usize, end: usize, mut f: impl FnMut(usize, usize)) {
    let mut p = start;
    // Only the first bytes of the alternatives (`ſ` starts with 0xC5) can start a match, and
    // only where at least [`PREFIXED_MIN`] bytes of the run are left.
    let first =
        |c: u8| matches!(c | 0x20, b'a' | b's' | b'r' | b'w' | b'g' | b'x' | b'n' | b'h') || c == 0xC5;
    let last_start = (end + 1).saturating_sub(PREFIXED_MIN);
    while let Some(at) = b.get(p..last_start).and_then(|r| r.iter().position(|&c| first(c))) {
        p += at;
        match prefixed_at(b, p) {
            Some(e) => {
                f(p, e);
                p = e;
            }
            None => p += 1,
        }
    }
}

/// The matches of `prefixed` ([`prefixed_keys`]) and, when `dots`, of `jwt` ([`jwts`]) in `b`:
/// one pass over the runs of key bytes long enough for either.
#[inline(never)]
fn keys_and_jwts(b: &[u8], dots: bool, mut key: impl FnMut(usize, usize), mut jwt: impl FnMut(usize, usize)) {
    for (start, end) in key_runs(b, PREFIXED_MIN) {
        prefixed_keys(b, start, end, &mut key);
        if dots && end - start >= JWT_MIN {
            jwts(b, start, end, &mut jwt);
        }
    }
}

/// The end of the `prefixed` match starting at `p`: its alternatives in order (those whose first
/// character cannot be at `p` are skipped), each with the regex's backtracking.
fn prefixed_at(b: &[u8], p: usize) -> Option<usize> {
    const AWS: [&[u8]; 10] =
        [b"akia", b"asia", b"agpa", b"aida", b"aroa", b"aipa", b"anpa", b"anva", b"abia", b"acca"];
    // The letter (folded) at `i` and its length.
    let letter = |i: usize| match *b.get(i)? {
        c if c.is_ascii_alphabetic() => Some((c.to_ascii_lowercase(), 1)),
        _ => folded_at(b, i),
    };
    let (first, n) = letter(p)?;
    // The second letters of the alternatives with this first letter: a quick rejection.
    let seconds: &[u8] = match first {
        b'a' => b"ksgirnbc",
        b's' => b"khg",
        b'r' => b"k",
        b'w' | b'g' => b"hil",
        b'x' => b"o",
        b'n' => b"p",
        b'h' => b"f",
        _ => return None,
    };
    if !seconds.contains(&letter(p + n)?.0) {
        return None;
    }
    let aws = || AWS.iter().find_map(|w| exactly(b, ci(b, p, w)?, 16, alnum));
    let stripe = || {
        [b"sk", b"rk"].iter().find_map(|w| {
            let i = lit(b, ci(b, p, *w)?, b"_")?;
            [b"live", b"test"].iter().find_map(|x| at_least(b, lit(b, ci(b, i, *x)?, b"_")?, 10, alnum))
        })
    };
    let openai = || {
        let i = lit(b, p, b"sk-")?;
        let tail = |j: usize| at_least(b, j, 20, alnum_dash);
        let ant = || {
            let j = lit(b, i, b"ant-")?;
            let n = run(b, j, lower_digit).min(10);
            (2..=n).rev().find_map(|k| tail(lit(b, j + k, b"-")?))
        };
        lit(b, i, b"proj-")
            .and_then(tail)
            .or_else(ant)
            .or_else(|| lit(b, i, b"svcacct-").and_then(tail))
            .or_else(|| tail(i))
    };
    let sendgrid = || {
        let i = at_least(b, lit(b, p, b"SG.")?, 16, alnum_dash)?;
        at_least(b, lit(b, i, b".")?, 16, alnum_dash)
    };
    let shopify = || {
        let i = lit(b, p, b"shp")?;
        let i = [b"at", b"ca", b"pa", b"ss"].iter().find_map(|w| lit(b, lit(b, i, *w)?, b"_"))?;
        exactly(b, i, 32, |c| c.is_ascii_hexdigit())
    };
    let github = || {
        [b"ghp", b"gho", b"ghu", b"ghs", b"ghr"]
            .iter()
            .find_map(|w| at_least(b, lit(b, ci(b, p, *w)?, b"_")?, 30, alnum))
    };
    let github_pat = || at_least(b, lit(b, ci(b, p, b"github_pat")?, b"_")?, 22, alnum_under);
    let glpat = || at_least(b, lit(b, ci(b, p, b"glpat")?, b"-")?, 20, alnum_dash);
    match first {
        b'a' => aws().or_else(|| exactly(b, ci(b, p, b"aiza")?, 35, alnum_dash)),
        b's' => stripe().or_else(openai).or_else(sendgrid).or_else(shopify),
        b'r' => stripe(),
        b'w' => at_least(b, lit(b, p, b"whsec_")?, 24, base64_byte),
        b'g' => github().or_else(github_pat).or_else(glpat),
        b'x' => [b"xoxa", b"xoxb", b"xoxp", b"xoxo", b"xoxs", b"xoxr", b"xoxe"]
            .iter()
            .find_map(|w| at_least(b, lit(b, ci(b, p, *w)?, b"-")?, 10, alnum_hyphen)),
        b'n' => exactly(b, lit(b, p, b"npm_")?, 36, alnum),
        b'h' => at_least(b, lit(b, p, b"hf_")?, 30, alnum),
        _ => None,
    }
}

// ---- jwt ----

/// Calls `f(start, end)` for each match in the run `start..end` of
/// `(?i:eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*` as `find_iter` gives them
/// (`eyJ` is base64 of `{"`; any case, since whole documents are sometimes case-folded). The
/// classes exclude the dot, so each greedy run is the whole run: no backtracking.
fn jwts(b: &[u8], start: usize, end: usize, mut f: impl FnMut(usize, usize)) {
    let mut p = start;
    // Only where at least [`JWT_MIN`] bytes of the run are left.
    let last_start = (end + 1).saturating_sub(JWT_MIN);
    while let Some(at) = b.get(p..last_start).and_then(|r| r.iter().position(|&c| c | 0x20 == b'e')) {
        p += at;
        let Some(head) = ci(b, p, b"eyj") else {
            p += 1;
            continue;
        };
        let body = head + run(b, head, alnum_dash);
        let jwt = (body - head >= 8)
            .then(|| at_least(b, lit(b, body, b".")?, 8, alnum_dash))
            .flatten()
            .and_then(|i| lit(b, i, b"."))
            .map(|i| i + run(b, i, alnum_dash));
        match jwt {
            Some(e) => {
                f(p, e);
                p = e;
            }
            // Every later start before `body` has the same run end, so fails the same way
            // (or is shorter); none can start inside `eyJ…` and reach past it.
            None => p = body.max(p + 1),
        }
    }
}

// ---- assigned ----

/// One match of `assigned`: the label, the assignment operator and the value.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Assignment {
    label: (usize, usize),
    op: (usize, usize),
    value: (usize, usize),
}

/// The length of the character at `i` if `(?i)[a-z0-9]` matches it (ASCII letters and digits,
/// `ſ`, `K`).
fn word_char(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        c if c.is_ascii_alphanumeric() => Some(1),
        _ => folded_at(b, i).map(|(_, n)| n),
    }
}

/// The labels of `assigned` whose first letter is `first` (folded): those before the generic
/// name `[a-z0-9]+(?:[_-][a-z0-9]+)*[_-](?:key|token|secret)` in the alternation, and after.
fn labels_for(first: u8) -> (&'static [u8], &'static [u8]) {
    match first {
        b'a' => (&[0, 3, 4, 5, 6], &[]),
        b's' => (&[1, 8], &[17]),
        b'c' => (&[2], &[]),
        b'r' => (&[7], &[]),
        b'p' => (&[9], &[12, 13, 14, 15, 16]),
        b'x' => (&[10], &[]),
        b't' => (&[], &[18]),
        _ => (&[], &[]),
    }
}

/// The ends of label `k` of `assigned` matched at `p`, in the order the regex tries them
/// (`[_ .-]?` before a letter is taken when present: without it the letter cannot match):
/// ```text
///  0 aws[_ .-]?secret(?:[_ .-]?access)?(?:[_ .-]?key)?
///  1 secret[_ .-]?access[_ .-]?key      2 client[_ .-]?secret
///  3 api[_ .-]?(?:key|secret|token)     4 apikey
///  5 access[_ .-]?(?:key|token)         6 auth[_ .-]?token
///  7 refresh[_ .-]?token                8 secret[_ .-]?key
///  9 private[_ .-]?key                 10 x-api-key
/// (11 is the generic name, see `Chain`)
/// 12 password  13 passwd  14 pwd  15 passphrase  16 passcode  17 secret  18 token
/// ```
fn label_ends(b: &[u8], p: usize, k: u8) -> [Option<usize>; 4] {
    let w = |i: usize, word: &str| ci(b, i, word.as_bytes());
    let sep = |i: usize| i + usize::from(matches!(b.get(i), Some(b'_' | b' ' | b'.' | b'-')));
    let then = |i: Option<usize>, word: &str| w(sep(i?), word);
    let any = |i: Option<usize>, words: &[&str]| {
        let i = sep(i?);
        words.iter().find_map(|word| w(i, word))
    };
    let word = |word: &str| [w(p, word), None, None, None];
    let one = |e: Option<usize>| [e, None, None, None];
    match k {
        0 => {
            let Some(a0) = then(w(p, "aws"), "secret") else { return [None; 4] };
            let a1 = then(Some(a0), "access");
            [then(a1, "key"), a1, then(Some(a0), "key"), Some(a0)]
        }
        1 => one(then(then(w(p, "secret"), "access"), "key")),
        2 => one(then(w(p, "client"), "secret")),
        3 => one(any(w(p, "api"), &["key", "secret", "token"])),
        4 => word("apikey"),
        5 => one(any(w(p, "access"), &["key", "token"])),
        6 => one(then(w(p, "auth"), "token")),
        7 => one(then(w(p, "refresh"), "token")),
        8 => one(then(w(p, "secret"), "key")),
        9 => one(then(w(p, "private"), "key")),
        10 => word("x-api-key"),
        12 => word("password"),
        13 => word("passwd"),
        14 => word("pwd"),
        15 => word("passphrase"),
        16 => word("passcode"),
        17 => word("secret"),
        18 => word("token"),
        _ => [None; 4],
    }
}

/// The generic label `[a-z0-9]+(?:[_-][a-z0-9]+)*[_-](?:key|token|secret)` (under `(?i)`) over
/// one chain of word runs joined by single `_`/`-`. Each `[a-z0-9]+` must take a whole run (a
/// `[_-]` must follow it), so a label ends after `key|token|secret` at the start of a later run;
/// and the rest of the pattern needs a quote, blank, `=` or `:` right after the label, which
/// only the end of the chain has. So from any start in the chain before its last run the label
/// matches, with a match of the rest, exactly when the last run is `key`, `token` or `secret`
/// and the rest matches at the chain's end; from a start in the last run it does not.
struct Chain {
    /// The start of the last run.
    last: usize,
    /// The end of the chain.
    end: usize,
    /// The rest of the match after the chain, when its last run is a key word.
    rest: Option<Rest>,
}

impl Chain {
    /// The chain that starts with the word character at `p`.
    fn at(text: &str, p: usize) -> Self {
        let b = text.as_bytes();
        let (mut i, mut last) = (p, p);
        loop {
            while let Some(n) = word_char(b, i) {
                i += n;
            }
            if matches!(b.get(i), Some(b'_' | b'-')) && word_char(b, i + 1).is_some() {
                i += 1;
                last = i;
            } else {
                break;
            }
        }
        let key_word =
            last > p && ["key", "token", "secret"].iter().any(|w| ci(b, last, w.as_bytes()) == Some(i));
        Chain { last, end: i, rest: if key_word { rest(text, i) } else { None } }
    }
}

/// The operator and value after a label, as matched by
/// `["']?[ \t]*(=>|[:=]|[ \t](?:[ \t]*(?:is|was)[ \t])?)[ \t]*["']?([^\s"'<>,;]{4,})`.
#[derive(Debug, Clone, Copy)]
struct Rest {
    op: (usize, usize),
    value: (usize, usize),
}

/// The rest of an `assigned` match after a label ending at `q`, with the regex's backtracking
/// worked out: a quote present is taken (a value cannot start with one); `=>`, `:` or `=` after
/// all the blanks is tried first; then, when there were blanks, the last blank is the operator,
/// with `is `/`was ` after it when present (if that fails, `is`/`was` alone is too short a
/// value); fewer blanks give the same value, so no other choice can succeed.
fn rest(text: &str, q: usize) -> Option<Rest> {
    let b = text.as_bytes();
    let blanks = |i: usize| run(b, i, |c| c == b' ' || c == b'\t');
    let q1 = q + usize::from(matches!(b.get(q), Some(b'"' | b'\'')));
    let r = q1 + blanks(q1);
    let op = match b.get(r..).unwrap_or_default() {
        [b'=', b'>', ..] => Some(r + 2),
        [b':' | b'=', ..] => Some(r + 1),
        _ => None,
    };
    if let Some((o, v)) = op.and_then(|o| Some((o, value_at(text, o)?))) {
        return Some(Rest { op: (r, o), value: v });
    }
    if r == q1 {
        return None;
    }
    let is_was = ci(b, r, b"is").or_else(|| ci(b, r, b"was"));
    let o = is_was.filter(|&e| matches!(b.get(e), Some(b' ' | b'\t'))).map_or(r, |e| e + 1);
    value_at(text, o).map(|v| Rest { op: (r - 1, o), value: v })
}

/// `[ \t]*["']?([^\s"'<>,;]{4,})` at `i`: the value's span. The blanks and the quote are taken
/// when present (a value cannot start with either); the value is the whole run, of at least
/// four characters (`\s` is Unicode's White_Space, as `char::is_whitespace`).
fn value_at(text: &str, i: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let i = i + run(b, i, |c| c == b' ' || c == b'\t');
    let i = i + usize::from(matches!(b.get(i), Some(b'"' | b'\'')));
    let (mut end, mut n) = (i, 0);
    for c in text.get(i..)?.chars() {
        if c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ',' | ';') {
            break;
        }
        end += c.len_utf8();
        n += 1;
    }
    (n >= 4).then_some((i, end))
}

/// The longest label of `assigned` other than the generic one, in bytes of an ASCII text
/// (`aws_secret_access_key`).
const LONGEST_LABEL: usize = 21;

/// True when `word` (lowercase ASCII) ends `b` in any ASCII case.
fn ends_with_ci(b: &[u8], word: &[u8]) -> bool {
    b.len() >= word.len() && b.get(b.len() - word.len()..).is_some_and(|w| w.eq_ignore_ascii_case(word))
}

/// True when a label of `assigned` can end at `e`, the end of an ASCII token of at least three
/// bytes, with the rest of the match after it: every label ends with `key`, `token`, `secret`,
/// `access`, `password`, `passwd`, `pwd`, `passphrase` or `passcode`, and the rest starts with
/// a quote, a blank, `=` or `:`.
fn may_end_label(b: &[u8], e: usize) -> bool {
    let Some(&[x, y, next]) = b.get(e - 2..=e) else { return false };
    // The byte after, then the last two letters (`ey`, `en`, `et`, `ss`, `rd`, `wd`, `se`, `de`).
    matches!(next, b'"' | b'\'' | b' ' | b'\t' | b'=' | b':')
        && matches!(&[x | 0x20, y | 0x20], b"ey" | b"en" | b"et" | b"ss" | b"rd" | b"wd" | b"se" | b"de")
        && {
            let t = b.get(..e).unwrap_or_default();
            match y | 0x20 {
                b'y' => ends_with_ci(t, b"key"),
                b'n' => ends_with_ci(t, b"token"),
                b't' => ends_with_ci(t, b"secret"),
                b's' => ends_with_ci(t, b"access"),
                b'd' => ends_with_ci(t, b"password") || ends_with_ci(t, b"passwd") || ends_with_ci(t, b"pwd"),
                _ => ends_with_ci(t, b"passphrase") || ends_with_ci(t, b"passcode"),
            }
        }
}

/// Calls `f` for each match of `(?i)({labels})["']?[ \t]*(=>|[:=]|[ \t](?:[ \t]*(?:is|was)[ \t])?)[ \t]*["']?([^\s"'<>,;]{4,})`
/// (the labels of [`label_ends`], the generic one of [`Chain`] at its place) as `captures_iter`
/// gives them: the leftmost start with a match; there, the first label in the alternation that
/// matches with the rest, at its first end that does.
///
/// In a text without `ſ` or `K` the starts tried are only those before the next possible label
/// end `e` (the end of a token, see [`may_end_label`]) that a match can have: at most [`LONGEST_LABEL`] bytes before it, or
/// in the run of `[A-Za-z0-9_-]` that reaches it (a generic label); a match ends its label at
/// `e` or later, so none starts earlier. Texts with `ſ` or `K` try every start.
#[inline(never)]
fn assignments(hay: &Haystack<'_>, mut f: impl FnMut(Assignment)) {
    let text = hay.text;
    let b = text.as_bytes();
    let every_start = hay.views.has_case_folds();
    let mut tokens = hay.views.tokens().iter();
    let mut chain = Chain { last: 0, end: 0, rest: None };
    let mut p = 0;
    while p < b.len() {
        let (from, to) = if every_start {
            (p, b.len())
        } else {
            let Some(e) =
                tokens.find(|t| t.end > p && t.len() >= 3 && may_end_label(b, t.end)).map(|t| t.end)
            else {
                return;
            };
            let name = b.get(p..e).map_or(0, |r| r.iter().rev().take_while(|&&c| alnum_dash(c)).count());
            (p.max(e.saturating_sub(LONGEST_LABEL).min(e - name)), e)
        };
        let found = (from..to).find_map(|q| {
            word_char(b, q)?;
            if q >= chain.end {
                chain = Chain::at(text, q);
            }
            let first = match b.get(q) {
                Some(c) if c.is_ascii_alphabetic() => c.to_ascii_lowercase(),
                _ => folded_at(b, q).map_or(0, |(c, _)| c),
            };
            let (before, after) = labels_for(first);
            let fixed = |labels: &[u8]| {
                labels.iter().find_map(|&k| {
                    label_ends(b, q, k).into_iter().flatten().find_map(|e| rest(text, e).map(|r| (e, r)))
                })
            };
            let generic = || chain.rest.filter(|_| q < chain.last).map(|r| (chain.end, r));
            let (e, r) = fixed(before).or_else(generic).or_else(|| fixed(after))?;
            Some(Assignment { label: (q, e), op: r.op, value: r.value })
        });
        match found {
            Some(a) => {
                f(a);
                p = a.value.1;
            }
            None => p = to,
        }
    }
}

// ---- auth ----

/// Calls `f(kind, value)` for each match of `(?i)(?-u:\b)(basic|bearer)[ \t]+([A-Za-z0-9+/._~-]{8,}=*)`
/// as `captures_iter` gives them. `(?-u:\b)` is an ASCII word boundary (the word starts with a
/// letter: the byte before is no ASCII word byte); under `(?i)` the value's class also holds `ſ`
/// and `K`, and `{8,}` counts characters.
///
/// In a text without `ſ` or `K` a match's word is a whole ASCII token (a blank follows it), so
/// only tokens of five or six bytes are tried.
#[inline(never)]
fn credentials(hay: &Haystack<'_>, mut f: impl FnMut((usize, usize), (usize, usize))) {
    let b = hay.text.as_bytes();
    let mut p = 0;
    if hay.views.has_case_folds() {
        while let Some(at) = b.get(p..).and_then(|r| r.iter().position(|&c| c | 0x20 == b'b')) {
            let s = p + at;
            match credential_at(b, s) {
                Some((kind, value)) => {
                    f(kind, value);
                    p = value.1;
                }
                None => p = s + 1,
            }
        }
    } else {
        for t in hay.views.tokens() {
            if t.start >= p && matches!(t.len(), 5 | 6) && b.get(t.start).is_some_and(|c| c | 0x20 == b'b') {
                if let Some((kind, value)) = credential_at(b, t.start) {
                    f(kind, value);
                    p = value.1;
                }
            }
        }
    }
}

/// The match of `credentials`' pattern that starts at `s`, if any: the word's span and the value's.
fn credential_at(b: &[u8], s: usize) -> Option<((usize, usize), (usize, usize))> {
    if s.checked_sub(1).and_then(|i| b.get(i)).is_some_and(|&c| alnum_under(c)) {
        return None;
    }
    let kind = ci(b, s, b"basic").or_else(|| ci(b, s, b"bearer"))?;
    let blanks = run(b, kind, |c| c == b' ' || c == b'\t');
    if blanks == 0 {
        return None;
    }
    let start = kind + blanks;
    let (mut end, mut n) = (start, 0);
    loop {
        match b.get(end) {
            Some(&c) if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'.' | b'_' | b'~' | b'-') => {
                end += 1
            }
            _ => match folded_at(b, end) {
                Some((_, len)) => end += len,
                None => break,
            },
        }
        n += 1;
    }
    (n >= 8).then(|| ((s, kind), (start, end + run(b, end, |c| c == b'='))))
}

impl ApiKey {
    /// PEM private keys: from `-----BEGIN … PRIVATE KEY-----` to the matching END line, or to the
    /// end of the base64 body when the END line is missing. Linear: every END search starts past
    /// the previous block, and once no END line is left none is searched for again.
    fn pem_blocks(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let mut next = 0;
        let mut no_more_end = false;
        while let Some((start, head_end)) = pem_line(text, next, PEM_BEGIN) {
            let end = if no_more_end { None } else { pem_line(text, head_end, PEM_END) };
            let stop = match end {
                Some((e_start, e_end)) => {
                    // Another BEGIN before this END means the first block is cut: it ends at its body.
                    let cut = pem_line(text, head_end, PEM_BEGIN).filter(|&(b2, _)| b2 < e_start);
                    match cut {
                        Some((b2, _)) => body_end(text, head_end).min(b2),
                        None => e_end,
                    }
                }
                None => {
                    no_more_end = true;
                    body_end(text, head_end)
                }
            };
            out.push(Finding::new(EntityKind::ApiKey, start, stop, 1.0, true));
            next = stop.max(head_end);
        }
    }
}

/// The literal start of a PEM private key's first line, and of its last.
const PEM_BEGIN: &str = "-----BEGIN ";
const PEM_END: &str = "-----END ";

/// The leftmost match at or after `from` of `{head}(?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----`
/// (`head` is [`PEM_BEGIN`] or [`PEM_END`]), as `find_at` returned it: every match starts with
/// `head`, found by `str::find`, and the rest is read forwards from there.
fn pem_line(text: &str, from: usize, head: &str) -> Option<(usize, usize)> {
    let mut at = from;
    loop {
        let start = at + text.get(at..)?.find(head)?;
        if let Some(end) = pem_line_end(text.as_bytes(), start + head.len()) {
            return Some((start, end));
        }
        // `head` starts with an ASCII dash, so `start + 1` is a character boundary.
        at = start + 1;
    }
}

/// The end of `(?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----` matched at `p`, trying the words
/// greedily and then fewer, as the regex backtracks.
fn pem_line_end(b: &[u8], p: usize) -> Option<usize> {
    let mut ends = [p; 4];
    let (mut at, mut words) = (p, 0);
    for slot in ends.iter_mut().skip(1) {
        let n = b
            .get(at..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit()).count());
        if n == 0 || b.get(at + n) != Some(&b' ') {
            break;
        }
        at += n + 1;
        *slot = at;
        words += 1;
    }
    ends.get(..=words)?.iter().rev().find_map(|&w| {
        let rest = b.get(w..)?.strip_prefix(b"PRIVATE KEY")?;
        if rest.starts_with(b" BLOCK-----") {
            Some(w + 22)
        } else if rest.starts_with(b"-----") {
            Some(w + 16)
        } else {
            None
        }
    })
}

/// End of a base64 body (with header lines such as `Proc-Type: 4,ENCRYPTED`) that starts at
/// `from`: the first character that cannot be part of it.
fn body_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut end = from;
    while let Some(&c) = b.get(end) {
        if c.is_ascii_alphanumeric()
            || matches!(c, b'+' | b'/' | b'=' | b'\n' | b'\r' | b' ' | b'\t' | b':' | b',' | b'-')
        {
            // Stop at the dashes of a following PEM line.
            if c == b'-' && b.get(end + 1) == Some(&b'-') {
                break;
            }
            end += 1;
        } else {
            break;
        }
    }
    // Do not swallow trailing whitespace.
    while end > from && b.get(end - 1).is_some_and(u8::is_ascii_whitespace) {
        end -= 1;
    }
    end
}

/// The score of a value assigned to a secret label, or 0 when it does not look like a secret.
fn assigned_score(v: &[u8], password: bool, spaced: bool) -> f32 {
    const PLACEHOLDERS: &[&str] = &[
        "null",
        "none",
        "nil",
        "empty",
        "redacted",
        "removed",
        "hidden",
        "masked",
        "changeme",
        "required",
        "optional",
        "expired",
        "invalid",
        "reset",
        "true",
        "false",
        "undefined",
        "string",
        "example",
        "here",
    ];
    if v.len() < 6
        || v.first().is_some_and(|first| v.iter().all(|c| c == first))
        || v.iter().all(|c| matches!(c, b'*' | b'x' | b'X' | b'.' | b'#'))
    {
        return 0.0;
    }
    let lower = v.to_ascii_lowercase();
    if PLACEHOLDERS.iter().any(|p| lower == p.as_bytes())
        || lower.starts_with(b"${")
        || lower.starts_with(b"{{")
    {
        return 0.0;
    }
    let classes = char_classes(v);
    if password && !spaced {
        // `password: Summer2024!`: mixed classes or a long value.
        return if classes >= 2 || v.len() >= 12 { 0.95 } else { 0.0 };
    }
    // Keys and tokens, and anything after a bare "password " without `:`/`=`, must look random.
    // Random keys mix letters and digits (or both cases); `created_at_desc_order` does not.
    let alnum_classes = classes - usize::from(v.iter().any(|c| !c.is_ascii_alphanumeric()));
    if v.len() >= 16 && alnum_classes >= 2 && context::entropy(v) >= 3.5 {
        return if spaced { 0.85 } else { 0.95 };
    }
    if password && v.len() >= 8 && classes >= 3 {
        return 0.8;
    }
    0.0
}

/// How many of lowercase, uppercase, digits and symbols occur in `v`.
fn char_classes(v: &[u8]) -> usize {
    let lower = v.iter().any(u8::is_ascii_lowercase);
    let upper = v.iter().any(u8::is_ascii_uppercase);
    let digit = v.iter().any(u8::is_ascii_digit);
    let other = v.iter().any(|c| !c.is_ascii_alphanumeric());
    [lower, upper, digit, other].iter().filter(|&&x| x).count()
}

/// True unless the body is an obvious non-secret: one repeated character, or a word-like run of
/// letters only (`sk-learn-pipeline`-style names).
fn looks_random(v: &[u8]) -> bool {
    let distinct = {
        let mut seen = [false; 256];
        v.iter()
            .filter(|&&c| seen.get_mut(usize::from(c)).is_some_and(|s| !std::mem::replace(s, true)))
            .count()
    };
    (distinct >= 6 && v.iter().any(u8::is_ascii_digit)) || context::entropy(v) >= 3.5
}

/// Decodes standard or URL-safe base64, padded or not. `None` on any invalid character.
fn base64_decode(s: &[u8]) -> Option<Vec<u8>> {
    let s = s.strip_suffix(b"==").or_else(|| s.strip_suffix(b"=")).unwrap_or(s);
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in s {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{self, check_table};

    const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    #[test]
    fn table() {
        let pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2Yk3+q\nZm9vYmFy\n-----END RSA PRIVATE KEY-----";
        let cut_pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nqhkiG9w0";
        let positives: Vec<(String, String)> = vec![
            ("AWS access key id AKIA3ZK4SOGR6ZSBDGCO".into(), "AKIA3ZK4SOGR6ZSBDGCO".into()),
            ("aws access key id akia3zk4sogr6zsbdgco".into(), "akia3zk4sogr6zsbdgco".into()),
            (
                "token eyjhbgcioijiuzi1nij9.eyjzdwiioiixmjm0in0.c2lnbmf0dxjl".into(),
                "eyjhbgcioijiuzi1nij9.eyjzdwiioiixmjm0in0.c2lnbmf0dxjl".into(),
            ),
            (
                "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            ),
            ("api key sk_live_51HqLyjWDarjtT1zdp7dcXYZ".into(), "sk_live_51HqLyjWDarjtT1zdp7dcXYZ".into()),
            ("rk_test_4eC39HqLyjWDarjtT1zdp7dc,".into(), "rk_test_4eC39HqLyjWDarjtT1zdp7dc".into()),
            ("API KEY SK_LIVE_GSLEGMBTUTMJQISORHENTQHQ".into(), "SK_LIVE_GSLEGMBTUTMJQISORHENTQHQ".into()),
            // The long s and the Kelvin sign match `s` and `k` under `(?i)`.
            ("key \u{17F}k_live_51HqLyjWDarjtT1zdp7dc".into(), "\u{17F}k_live_51HqLyjWDarjtT1zdp7dc".into()),
            (
                "GitHub token ghp_CQwjc3VZouBnKUukyaCF8XeqVGMVzBcg0Vlr".into(),
                "ghp_CQwjc3VZouBnKUukyaCF8XeqVGMVzBcg0Vlr".into(),
            ),
            (
                "github_pat_11ABCDEFG0123456789_abcdefghijKLMNOPQRSTUV".into(),
                "github_pat_11ABCDEFG0123456789_abcdefghijKLMNOPQRSTUV".into(),
            ),
            (
                "slack xoxb-2401983244-1234567890123-AbCdEfGhIjKlMnOp".into(),
                "xoxb-2401983244-1234567890123-AbCdEfGhIjKlMnOp".into(),
            ),
            (
                "key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY".into(),
                "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY".into(),
            ),
            ("glpat-xY3kLq9ZxP2vR7tW1mN4 rotated".into(), "glpat-xY3kLq9ZxP2vR7tW1mN4".into()),
            ("hf_aB3dEf9hIj2lMn0pQr5tUv8xYz1AbCdEf".into(), "hf_aB3dEf9hIj2lMn0pQr5tUv8xYz1AbCdEf".into()),
            (
                "npm_aB3dEf9hIj2lMn0pQr5tUv8xYz1AbCdEf123".into(),
                "npm_aB3dEf9hIj2lMn0pQr5tUv8xYz1AbCdEf123".into(),
            ),
            (
                "SG.aB3dEf9hIj2lMn0pQr5t.Uv8xYz1AbCdEf1234567".into(),
                "SG.aB3dEf9hIj2lMn0pQr5t.Uv8xYz1AbCdEf1234567".into(),
            ),
            (
                "shpat_0123456789abcdef0123456789ABCDEF".into(),
                "shpat_0123456789abcdef0123456789ABCDEF".into(),
            ),
            (
                "sk-ant-api03-Ab3dEf9hIj2lMn0pQr5tUv8x done".into(),
                "sk-ant-api03-Ab3dEf9hIj2lMn0pQr5tUv8x".into(),
            ),
            (format!("token {JWT}"), JWT.into()),
            (format!("Authorization: Bearer {JWT}"), JWT.into()),
            ("Authorization: Basic dXNlcjpwYXNzd29yZA==".into(), "dXNlcjpwYXNzd29yZA==".into()),
            ("DB_PASSWORD=Summer2024!".into(), "Summer2024!".into()),
            ("password: \"hunter2hunter2\"".into(), "hunter2hunter2".into()),
            ("my password is Tr0ub4dor&3 ok".into(), "Tr0ub4dor&3".into()),
            ("client_secret: 8f3kLq9ZxP2vR7tW1mN4bC6d".into(), "8f3kLq9ZxP2vR7tW1mN4bC6d".into()),
            ("\"api_key\": \"a8F3kQ9zLx2PvR7tW1mN\"".into(), "a8F3kQ9zLx2PvR7tW1mN".into()),
            ("{\"x-api-key\" => 'Zx8qL2vR9tW1mN4bC6dF3gH7'}".into(), "Zx8qL2vR9tW1mN4bC6dF3gH7".into()),
            ("aws secret key\tZx8qL2vR9tW1mN4bC6dF3gH7".into(), "Zx8qL2vR9tW1mN4bC6dF3gH7".into()),
            ("PASSPHRASE=correct-Horse-7".into(), "correct-Horse-7".into()),
            (
                "OPENAI_API_KEY=sk-proj-Ab3dEf9hIj2lMn0pQr5tUv8x".into(),
                "sk-proj-Ab3dEf9hIj2lMn0pQr5tUv8x".into(),
            ),
            (
                "STRIPE_KEY=eyJhbGciOiJIUzI1NiJ9.RXnzhX5NvHNEWucELPaH.cp4quU7qaBa_wbQPlz8Q".into(),
                "eyJhbGciOiJIUzI1NiJ9.RXnzhX5NvHNEWucELPaH.cp4quU7qaBa_wbQPlz8Q".into(),
            ),
            ("MAPS_KEY: Zx8qL2vR9tW1mN4bC6dF3gH7".into(), "Zx8qL2vR9tW1mN4bC6dF3gH7".into()),
            ("maps-\u{212A}ey: Zx8qL2vR9tW1mN4bC6dF3gH7".into(), "Zx8qL2vR9tW1mN4bC6dF3gH7".into()),
            (format!("key:\n{pem}\nend"), pem.into()),
            (format!("{cut_pem}\n"), cut_pem.into()),
        ];
        let positives: Vec<(&str, &str)> = positives.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        check_table(
            &ApiKey::new().unwrap(),
            EntityKind::ApiKey,
            &positives,
            &[
                "password reset link sent",
                "the password is required",
                "your password was changed yesterday",
                "password: ******",
                "password=<redacted>",
                "token: expired",
                "the secret is safe",
                "api key rotation scheduled",
                "token=abc123",
                "AKIA1234",
                "asiapacificregional1 conference",
                "risk-assessment-and-management-plan",
                "sk_live_",
                "Basic metabolic panel",
                "Bearer of bad news",
                "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----",
                "commit 3f9a2c4b8e1d7f6a5b4c3d2e1f0a9b8c7d6e5f4a",
                "uuid 123e4567-e89b-12d3-a456-426614174000",
                "eyJhbGci.eyJzdWIi",
                "primary_key = id",
                "sort_key: created_at_desc_order",
                "cache_key=patient-summary-view-v-x",
                "file report.v1.2.tar.gz",
                "passkey: Zx8qL2vR9tW1mN4bC6dF3gH7",
                "monkey=Zx8qL2vR9tW1mN4bC6dF3gH7",
                "xsk_live_51HqLyjWDarjtT1zdp7dcXYZ",
                "ghp_CQwjc3VZouBnKUukyaCF8XeqVGMVzBcg0Vlr_x",
                "the keys: Zx8qL2vR9tW1mN4bC6dF3gH7",
            ],
        );
    }

    #[test]
    fn pem_scan_is_linear_without_end() {
        let r = ApiKey::new().unwrap();
        let text = "-----BEGIN PRIVATE KEY-----\nAAAA\n".repeat(2000);
        let mut out = Vec::new();
        r.recognize(&Haystack::new(&text), &mut out);
        assert_eq!(out.len(), 2000);
    }

    /// The patterns the scans replace, as they were.
    fn prefixed_regex() -> regex::Regex {
        let alternatives = [
            r"(?i:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Za-z0-9]{16}",
            r"(?i:sk|rk)_(?i:live|test)_[A-Za-z0-9]{10,}",
            r"whsec_[A-Za-z0-9+/=]{24,}",
            r"(?i:gh[pousr])_[A-Za-z0-9]{30,}",
            r"(?i:github_pat)_[A-Za-z0-9_]{22,}",
            r"(?i:xox[abposre])-[A-Za-z0-9-]{10,}",
            r"(?i:AIza)[0-9A-Za-z_-]{35}",
            r"sk-(?:proj-|ant-[a-z0-9]{2,10}-|svcacct-)?[A-Za-z0-9_-]{20,}",
            r"(?i:glpat)-[A-Za-z0-9_-]{20,}",
            r"npm_[A-Za-z0-9]{36}",
            r"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}",
            r"hf_[A-Za-z0-9]{30,}",
            r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
        ];
        regex::Regex::new(&format!("(?:{})", alternatives.join("|"))).unwrap()
    }

    fn jwt_regex() -> regex::Regex {
        regex::Regex::new(r"(?i:eyJ)[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*").unwrap()
    }

    fn assigned_regex() -> regex::Regex {
        let labels = [
            r"aws[_ .-]?secret(?:[_ .-]?access)?(?:[_ .-]?key)?",
            r"secret[_ .-]?access[_ .-]?key",
            r"client[_ .-]?secret",
            r"api[_ .-]?(?:key|secret|token)",
            r"apikey",
            r"access[_ .-]?(?:key|token)",
            r"auth[_ .-]?token",
            r"refresh[_ .-]?token",
            r"secret[_ .-]?key",
            r"private[_ .-]?key",
            r"x-api-key",
            r"[a-z0-9]+(?:[_-][a-z0-9]+)*[_-](?:key|token|secret)",
            r"password",
            r"passwd",
            r"pwd",
            r"passphrase",
            r"passcode",
            r"secret",
            r"token",
        ]
        .join("|");
        regex::Regex::new(&format!(
            r#"(?i)({labels})["']?[ \t]*(=>|[:=]|[ \t](?:[ \t]*(?:is|was)[ \t])?)[ \t]*["']?([^\s"'<>,;]{{4,}})"#
        ))
        .unwrap()
    }

    fn auth_regex() -> regex::Regex {
        regex::Regex::new(r"(?i)(?-u:\b)(basic|bearer)[ \t]+([A-Za-z0-9+/._~-]{8,}=*)").unwrap()
    }

    type Spans = Vec<((usize, usize), (usize, usize), (usize, usize))>;

    /// Each scan as `recognize` runs it (with its census and word conditions), and the regex
    /// it replaces, as spans of the match and of its groups.
    fn scan(which: usize, t: &str) -> Spans {
        let hay = Haystack::new(t);
        let mut got = Vec::new();
        let z = (0, 0);
        match which {
            0 => keys_and_jwts(t.as_bytes(), hay.has_any(b"."), |s, e| got.push(((s, e), z, z)), |_, _| {}),
            1 => keys_and_jwts(t.as_bytes(), hay.has_any(b"."), |_, _| {}, |s, e| got.push(((s, e), z, z))),
            2 if hay.has_any(b"=: \t") => assignments(&hay, |a| got.push((a.label, a.op, a.value))),
            3 if hay.has_any(b" \t") => credentials(&hay, |k, v| got.push((k, v, z))),
            _ => {}
        }
        got
    }

    fn reference(which: usize, re: &regex::Regex, t: &str) -> Spans {
        let z = (0, 0);
        let span = |m: Option<regex::Match<'_>>| m.map_or(z, |m| (m.start(), m.end()));
        match which {
            0 | 1 => re.find_iter(t).map(|m| ((m.start(), m.end()), z, z)).collect(),
            2 => re.captures_iter(t).map(|c| (span(c.get(1)), span(c.get(2)), span(c.get(3)))).collect(),
            _ => re.captures_iter(t).map(|c| (span(c.get(1)), span(c.get(2)), z)).collect(),
        }
    }

    /// Scan `which` against its regex on `count` random texts of `pieces`; the number of
    /// regex matches.
    fn compare(which: usize, seed: u64, pieces: &[&str], max_pieces: u64, count: usize) -> usize {
        let re = [prefixed_regex, jwt_regex, assigned_regex, auth_regex][which]();
        let mut n = 0;
        for t in test_support::random_texts(seed, pieces, max_pieces, count) {
            let want = reference(which, &re, &t);
            assert_eq!(scan(which, &t), want, "{t:?}");
            n += want.len();
        }
        n
    }

    #[test]
    fn prefixed_scan_matches_the_regex() {
        let pieces = [
            "AKIA",
            "akia",
            "aSiA",
            "A",
            "\u{17F}",
            "\u{212A}",
            "sk",
            "rk",
            "Sk_",
            "\u{17F}k_",
            "a\u{212A}ia",
            "A\u{17F}IA",
            "r\u{212A}_",
            "_",
            "live_",
            "te\u{17F}t_",
            "TEST_",
            "0123456789",
            "abcdEFGHij",
            "KLMNOPQRSTUVWXYZ",
            "0123456789abcdefABCDEF",
            "whsec_",
            "+/=",
            "gh",
            "p_",
            "GH\u{17F}_",
            "github_pat_",
            "xox",
            "b-",
            "XOXE-",
            "-",
            "AIza",
            "sk-",
            "proj-",
            "ant-",
            "api03-",
            "ab",
            "svcacct-",
            "glpat-",
            "npm_",
            "SG.",
            ".",
            "hf_",
            "shp",
            "at_",
            "ss_",
            "deadbeef",
            " ",
            "é",
        ];
        let n = compare(0, 0x9E37_79B9_7F4A_7C15, &pieces, 14, 40_000);
        assert!(n > 1000, "{n}");
    }

    #[test]
    fn jwt_scan_matches_the_regex() {
        let pieces = [
            "eyJ",
            "EYj",
            "eyJhbGciOi",
            "ey",
            "J",
            "e",
            "abcdefg",
            "h",
            "ABC123xy.",
            "_-",
            ".",
            "..",
            " ",
            "é",
            "+",
            "\u{212A}",
        ];
        let n = compare(1, 0xBF58_476D_1CE4_E5B9, &pieces, 20, 60_000);
        assert!(n > 1000, "{n}");
    }

    #[test]
    fn assigned_scan_matches_the_regex() {
        let pieces = [
            "aws",
            "_",
            " ",
            ".",
            "-",
            "secret",
            "access",
            "key",
            "client",
            "api",
            "apikey",
            "auth",
            "token",
            "refresh",
            "private",
            "x-api-key",
            "my",
            "DB",
            "pass",
            "word",
            "password",
            "passwd",
            "pwd",
            "phrase",
            "code",
            "\u{17F}",
            "\u{212A}",
            "ey",
            "\"",
            "'",
            "=",
            "=>",
            ":",
            "\t",
            "is ",
            "was ",
            " is ",
            "Wa\u{17F}\t",
            "abcd",
            "Hunter2!",
            "x",
            "<",
            ",",
            ";",
            "\u{a0}",
            "\u{2003}",
            "\n",
            "é",
            "12",
            "Tok",
            "en",
            "aws_secret",
            "aws.secret",
            "aws secret",
            " access",
            ".access",
            "_access",
            " key",
            ".key",
            "-key",
            "_token",
            "api.",
            "client secret",
            "auth-token",
            "private key",
            "my_",
            "x-api-",
            "Pass",
            "WORD",
            "_KEY",
            "\u{17F}ECRET",
            "aws.secret.access.key",
            "AWS SECRET ACCESS KEY",
        ];
        let n = compare(2, 0x94D0_49BB_1331_11EB, &pieces, 12, 100_000);
        assert!(n > 1000, "{n}");
    }

    #[test]
    fn auth_scan_matches_the_regex() {
        let pieces = [
            "basic",
            "Basic ",
            "BEARER\t",
            "bearer",
            "ba\u{17F}ic ",
            "b",
            "x",
            "_",
            " ",
            " ",
            "\t",
            "abcd",
            "1234",
            "Zx8qL2vR",
            "+/",
            "._~-",
            "=",
            "==",
            "\u{17F}",
            "\u{212A}",
            "é",
            "\n",
            "Authorization: ",
        ];
        let n = compare(3, 0xD6E8_FEB8_6659_FD93, &pieces, 12, 30_000);
        assert!(n > 1000, "{n}");
    }

    /// The Unicode facts the scans rely on: `(?i)` folds exactly `ſ` and `K` onto ASCII letters
    /// (onto `s` and `k`), and `\s` is `char::is_whitespace`.
    #[test]
    fn unicode_facts_of_the_patterns() {
        let all: String = (0x80..=0x10FFFF).filter_map(char::from_u32).collect();
        let folded: Vec<&str> =
            regex::Regex::new(r"(?i)[a-z]").unwrap().find_iter(&all).map(|m| m.as_str()).collect();
        assert_eq!(folded, ["\u{17F}", "\u{212A}"]);
        assert!(regex::Regex::new(r"(?i)^s$").unwrap().is_match("\u{17F}"));
        assert!(regex::Regex::new(r"(?i)^k$").unwrap().is_match("\u{212A}"));
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        let spaces: Vec<&str> =
            regex::Regex::new(r"\s").unwrap().find_iter(&all).map(|m| m.as_str()).collect();
        let want: Vec<String> = all.chars().filter(|c| c.is_whitespace()).map(String::from).collect();
        assert_eq!(spaces, want);
    }

    /// The PEM line scan against the regexes it replaces, on texts built to hit their boundaries.
    #[test]
    fn pem_lines_match_the_regexes() {
        let begin =
            regex::Regex::new(r"-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----").unwrap();
        let end = regex::Regex::new(r"-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY(?: BLOCK)?-----").unwrap();
        let pieces = [
            "-----BEGIN ",
            "-----END ",
            "-",
            "--",
            "-----",
            "RSA ",
            "EC ",
            "A1 ",
            "PRIVATE ",
            "PRIVATE KEY",
            "KEY",
            " BLOCK",
            "BLOCK",
            " ",
            "a ",
            "é",
            "\n",
            "ENCRYPTED ",
            "OPENSSH ",
        ];
        let (mut n, mut at_n) = (0, 0);
        for t in test_support::random_texts(0x5DEE_CE66_D1CE_4E5B, &pieces, 14, 40_000) {
            for (head, re) in [(PEM_BEGIN, &begin), (PEM_END, &end)] {
                let mut from = 0;
                while from <= t.len() {
                    let want = re.find_at(&t, from).map(|m| (m.start(), m.end()));
                    assert_eq!(pem_line(&t, from, head), want, "{t:?} {from}");
                    at_n += 1;
                    n += usize::from(want.is_some());
                    // Every character boundary as a start, as `pem_blocks` may use any.
                    from += t.get(from..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
                }
            }
        }
        assert!(n > 1000, "{n} of {at_n}");
    }

    #[test]
    fn base64() {
        assert_eq!(base64_decode(b"dXNlcjpwYXNz").unwrap(), b"user:pass");
        assert_eq!(base64_decode(b"eyJhIjoxfQ").unwrap(), b"{\"a\":1}");
        assert!(base64_decode(b"not base64!").is_none());
    }
}
