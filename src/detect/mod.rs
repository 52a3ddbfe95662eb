//! Detection: recognizers find spans of identifiers in text; nothing here changes the text.
//!
//! Each recognizer lives in its own file with a table of positives and negatives, and is listed
//! explicitly in [`Detector::new`]. Recognizers see a [`Haystack`] and push [`Finding`]s with byte
//! offsets into it; [`resolve_overlaps`] then keeps one finding per region.
//!
//! The haystack is a normalized view of the text (see [`normalize`]): obfuscated identifiers
//! (fullwidth digits, zero-width characters, homoglyphs, `john [at] gmail [dot] com`, spelled
//! digits, line-broken digit groups, ...) look to every recognizer like plain ones, and
//! [`Detector::detect`] maps each finding back to the original characters it covers.

mod checksum;
mod context;
mod entity;
mod normalize;
mod us_address;
mod views;

// Recognizers, one file each. Keep one `mod` line per recognizer, grouped as in `Detector::new`.
// Contact and finance:
mod bank_account;
mod card_cvv;
mod card_expiry;
mod card_pin;
mod card_track;
mod credit_card;
mod driver_license;
mod email;
mod iban;
mod passport;
mod phone;
mod routing_number;
mod ssn;
mod swift_bic;
// Network, devices and secrets:
mod api_key;
mod device_id;
mod ip_address;
mod mac_address;
mod url;
mod vin;
// Healthcare, dates and places:
mod age;
mod city_zip;
mod date;
mod dea;
mod health_plan_id;
mod mrn;
mod npi;
mod street_address;
// Names:
mod person;
mod person_names;

pub use entity::EntityKind;
pub(crate) use normalize::fold_value;

use crate::error::{Error, ErrorKind, Result};
use serde::Serialize;

/// One detected identifier: its kind, its byte range in the scanned text and a score in 0..=1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The kind of identifier.
    pub entity: EntityKind,
    /// Start offset (bytes in Rust; UTF-16 code units in the JS API).
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// Confidence in 0..=1: checksum-validated or labelled findings score highest.
    pub score: f32,
    /// Whether a checksum or structural validator accepted the value. Validated findings win
    /// overlaps against unvalidated ones.
    #[serde(skip)]
    pub(crate) validated: bool,
}

impl Finding {
    pub(crate) fn new(entity: EntityKind, start: usize, end: usize, score: f32, validated: bool) -> Self {
        Finding { entity, start, end, score, validated }
    }

    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// The text a recognizer scans. A struct rather than a bare `&str` so that precomputed context
/// can be added without changing every recognizer.
pub(crate) struct Haystack<'a> {
    /// The text to scan: the normalized view of the input (the input itself when nothing needed
    /// normalizing). Offsets of findings are offsets into this text.
    pub text: &'a str,
    /// Digit runs and alphanumeric tokens of `text`, computed once on first use and shared by
    /// the recognizers (see [`views`]).
    pub views: views::Views<'a>,
    /// PERSON's word tokens, cut once and shared by its first pass and [`person::add_mentions`].
    person_tokens: std::cell::OnceCell<person::Tokens<'a>>,
    /// Which census bytes ([`census_bit`]) were looked for, and which of them occur.
    census: std::cell::Cell<(u16, u16)>,
    /// Where label words may start, found once on first use and shared by every label set (see
    /// [`context::Labels::in_text`]).
    label_sites: std::cell::OnceCell<context::LabelSites>,
}

impl<'a> Haystack<'a> {
    /// A haystack over `text`; its shared views are computed when first used.
    pub(crate) fn new(text: &'a str) -> Self {
        Haystack {
            text,
            views: views::Views::new(text),
            person_tokens: std::cell::OnceCell::new(),
            census: std::cell::Cell::new((0, 0)),
            label_sites: std::cell::OnceCell::new(),
        }
    }

    /// Where label words may start in the text (found on first use).
    pub(crate) fn label_sites(&self) -> &context::LabelSites {
        self.label_sites.get_or_init(|| context::LabelSites::new(self.text))
    }

    /// True when at least one of `bytes` (each one that [`census_bit`] records) occurs in the text. A
    /// recognizer whose every pattern needs one of them (`@` for an e-mail address, a digit for a
    /// date) skips its regex passes when none occurs: most record leaves are short, and each
    /// search has a fixed cost.
    pub(crate) fn has_any(&self, bytes: &[u8]) -> bool {
        debug_assert!(bytes.iter().all(|&b| census_bit(b) != 0), "a byte the census does not record");
        bytes.iter().any(|&b| {
            let bit = census_bit(b);
            let (known, present) = self.census.get();
            if known & bit != 0 {
                return present & bit != 0;
            }
            // First question about this byte: one memchr-like scan (the digits: up to the first).
            let text = self.text.as_bytes();
            let found =
                if b.is_ascii_digit() { text.iter().any(u8::is_ascii_digit) } else { text.contains(&b) };
            self.census.set((known | bit, if found { present | bit } else { present }));
            found
        })
    }

    /// True when one of `words` (ASCII, starting with a lowercase letter) occurs in the text in any ASCII case, or the
    /// text holds a character that Unicode case folding maps to an ASCII letter (the Kelvin sign
    /// U+212A, the long s U+017F): the necessary condition of a `(?i)` literal of a Unicode-mode
    /// pattern. One pass per word: for conditions that delay building a pattern.
    pub(crate) fn has_word_ci(&self, words: &[&str]) -> bool {
        debug_assert!(words.iter().all(|w| w.bytes().next().is_some_and(|c| c.is_ascii_lowercase())));
        let t = self.text.as_bytes();
        // The first letters of the words, as a bit set; a byte ORed with 0x20 is lowercase.
        let firsts = words
            .iter()
            .filter_map(|w| w.bytes().next())
            .fold(0u32, |m, c| m | c.checked_sub(b'a').filter(|&i| i < 26).map_or(0, |i| 1 << i));
        let hit = t.iter().enumerate().any(|(i, &c)| {
            let l = (c | 0x20).wrapping_sub(b'a');
            l < 26
                && firsts & (1 << l) != 0
                && words
                    .iter()
                    .any(|w| t.get(i..i + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w.as_bytes())))
        });
        // U+212A is E2 84 AA and U+017F is C5 BF in UTF-8: a memchr first, then the exact test.
        hit || ((t.contains(&0xE2) || t.contains(&0xC5)) && self.text.contains(['\u{212A}', '\u{17F}']))
    }

    /// True when the text holds an ASCII digit.
    pub(crate) fn has_digit(&self) -> bool {
        self.has_any(b"0123456789")
    }

    /// PERSON's word tokens of the text (cut on first use).
    fn person_tokens(&self) -> &person::Tokens<'a> {
        self.person_tokens.get_or_init(|| person::Tokens::new(self.text))
    }
}

/// The census bit of byte `b`: the separators that patterns require, and the digits (which
/// share one bit); 0 for a byte the census does not record.
const fn census_bit(b: u8) -> u16 {
    match b {
        b'@' => 1,
        b'.' => 1 << 1,
        b':' => 1 << 2,
        b'-' => 1 << 3,
        b',' => 1 << 4,
        b'^' => 1 << 5,
        b'=' => 1 << 6,
        b'\t' => 1 << 7,
        b' ' => 1 << 8,
        b'0'..=b'9' => 1 << 9,
        _ => 0,
    }
}

/// A recognizer finds one family of identifiers. Implementations are pure: the same text always
/// gives the same findings, and they never look at anything but the haystack.
pub(crate) trait Recognizer: Send + Sync {
    /// Pushes every finding in `hay` (overlaps are allowed; they are resolved afterwards).
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>);
}

/// The set of recognizers. Built once per process and shared by every policy (see
/// `policy::shared_detector`).
///
/// Nothing is compiled when it is built: each recognizer is built (its patterns compiled) the
/// first time a text may hold what it finds, as told by its cheap necessary condition (see
/// [`lazy`]), and the normalizer on the first scan. `new Sanitizer()` then costs no regex
/// compilation, and a first call compiles only what its text needs. A built-in pattern that
/// fails to compile (a bug) makes that scan, and every later one that needs it, an error.
pub(crate) struct Detector {
    recognizers: Vec<Lazy>,
    normalizer: std::sync::OnceLock<Option<normalize::Normalizer>>,
}

/// A recognizer built on first need (thread-safe: concurrent first scans wait for one build).
struct Lazy {
    /// Builds the recognizer, compiling its patterns.
    build: Box<dyn Fn() -> Result<Box<dyn Recognizer>> + Send + Sync>,
    /// False only when the recognizer cannot find anything in the haystack.
    may_match: fn(&Haystack<'_>) -> bool,
    /// The recognizer once built; `None` when building it failed.
    built: std::sync::OnceLock<Option<Box<dyn Recognizer>>>,
    /// Bytes of text `may_match` was asked about (see [`TRY_BEFORE_BUILD`]).
    tried: std::sync::atomic::AtomicUsize,
}

/// A recognizer built by `build` the first time `may_match` says a haystack may hold one of its
/// findings. `may_match` must be a cheap necessary condition (a census byte, a literal every
/// match contains): once the recognizer is built it is no longer asked.
fn lazy<R: Recognizer + 'static>(build: fn() -> Result<R>, may_match: fn(&Haystack<'_>) -> bool) -> Lazy {
    Lazy {
        build: Box::new(move || build().map(|r| Box::new(r) as Box<dyn Recognizer>)),
        may_match,
        built: std::sync::OnceLock::new(),
        tried: std::sync::atomic::AtomicUsize::new(0),
    }
}

/// The condition of a recognizer that any text may need.
fn always(_: &Haystack<'_>) -> bool {
    true
}

/// The condition of a recognizer whose every match holds an ASCII digit.
fn digit(h: &Haystack<'_>) -> bool {
    h.has_digit()
}

/// The condition of [`ip_address`]: an IPv6 candidate needs `:`, an IPv4 one a digit, a dot
/// and a digit in a row.
fn ip_like(h: &Haystack<'_>) -> bool {
    h.has_any(b":")
        || (h.has_any(b".")
            && h.text
                .as_bytes()
                .windows(3)
                .any(|w| matches!(w, [a, b'.', c] if a.is_ascii_digit() && c.is_ascii_digit())))
}

/// The condition of [`url`]: a scheme's `://`, a `www.` host, or a top-level domain before a
/// path (a letter before `/`; the last byte of the Kelvin sign or the long s counts, since the
/// pattern's `(?i)` lets them match `k` and `s`).
fn url_like(h: &Haystack<'_>) -> bool {
    h.has_any(b".:")
        && (h.text.contains("://")
            || h.has_word_ci(&["www."])
            || h.text
                .as_bytes()
                .windows(2)
                .any(|w| matches!(w, [a, b'/'] if a.is_ascii_alphabetic() || matches!(a, 0xAA | 0xBF))))
}

/// The condition of [`mac_address`]: a `:` (colon-separated forms), two hex pairs each followed
/// by `-` (dash-separated forms), or four hex digits, a dot and four hex digits (Cisco form).
fn mac_like(h: &Haystack<'_>) -> bool {
    let hex = |c: &u8| c.is_ascii_hexdigit();
    h.has_any(b":")
        || (h.has_any(b"-")
            && h.text
                .as_bytes()
                .windows(6)
                .any(|w| matches!(w, [a, b, b'-', c, d, b'-'] if [a, b, c, d].into_iter().all(hex))))
        || (h.has_any(b".")
            && h.text
                .as_bytes()
                .windows(9)
                .any(|w| w.get(4) == Some(&b'.') && w.iter().enumerate().all(|(i, c)| i == 4 || hex(c))))
}

/// The condition of [`card_track`]: a digit and a track separator (`^` of track 1, `=` of track 2).
fn track_like(h: &Haystack<'_>) -> bool {
    h.has_digit() && h.has_any(b"^=")
}

/// How many bytes of text a lazy recognizer or pattern tests its condition on before it is
/// built anyway: the conditions spare the start path (a first call compiles what its text
/// needs), not the steady state, where a condition that keeps saying no would cost a pass per
/// call.
const TRY_BEFORE_BUILD: usize = 64 * 1024;

/// True while a lazy item that has tested its condition on `tried` bytes should test it on
/// `len` more (and counts them).
fn within_budget(tried: &std::sync::atomic::AtomicUsize, len: usize) -> bool {
    tried.fetch_add(len, std::sync::atomic::Ordering::Relaxed).saturating_add(len) <= TRY_BEFORE_BUILD
}

/// The error of a built-in recognizer that cannot be built (a bug in sanitas).
fn pattern_error() -> Error {
    Error::new(ErrorKind::Internal, "", "a built-in recognizer could not be built")
}

impl Lazy {
    /// The recognizer if `hay` may need it (built now if it was not), `None` if not needed.
    fn get(&self, hay: &Haystack<'_>) -> Result<Option<&dyn Recognizer>> {
        let built = match self.built.get() {
            Some(b) => b,
            None if within_budget(&self.tried, hay.text.len()) && !(self.may_match)(hay) => return Ok(None),
            None => self.built.get_or_init(|| (self.build)().ok()),
        };
        built.as_deref().map(Some).ok_or_else(pattern_error)
    }
}

impl Detector {
    /// The recognizers, none of them built yet (see [`Detector`]).
    pub(crate) fn new() -> Result<Self> {
        // The explicit list of recognizers: one line each, grouped as the `mod` lines above, each
        // with the necessary condition that delays its construction (`always` when none is known).
        let recognizers = vec![
            // Contact and finance:
            lazy(email::Email::new, |h| h.has_any(b"@")),
            lazy(phone::Phone::new, digit),
            lazy(ssn::Ssn::new, always),
            lazy(credit_card::CreditCard::new, always),
            lazy(iban::Iban::new, digit),
            lazy(routing_number::RoutingNumber::new, digit),
            lazy(bank_account::BankAccount::new, always),
            lazy(swift_bic::SwiftBic::new, always),
            lazy(card_cvv::CardCvv::new, always),
            lazy(card_expiry::CardExpiry::new, always),
            lazy(card_track::CardTrack::new, track_like),
            lazy(card_pin::CardPin::new, always),
            lazy(passport::Passport::new, always),
            lazy(driver_license::DriverLicense::new, always),
            // Network, devices and secrets:
            lazy(ip_address::IpAddress::new, ip_like),
            lazy(mac_address::MacAddress::new, mac_like),
            lazy(url::Url::new, url_like),
            lazy(api_key::ApiKey::new, always),
            lazy(vin::Vin::new, always),
            lazy(device_id::DeviceId::new, always),
            // Healthcare, dates and places:
            lazy(date::Date::new, digit),
            lazy(age::AgeOver89::new, always),
            lazy(mrn::Mrn::new, digit),
            lazy(npi::Npi::new, digit),
            lazy(health_plan_id::HealthPlanId::new, digit),
            lazy(dea::Dea::new, digit),
            lazy(street_address::StreetAddress::new, digit),
            lazy(city_zip::CityZip::new, always),
            // Names:
            lazy(|| Ok(person::Person::new()), always),
        ];
        Ok(Detector { recognizers, normalizer: std::sync::OnceLock::new() })
    }

    /// Builds every recognizer and the normalizer now (for tests: proves they all compile).
    #[cfg(test)]
    fn build_all(&self) -> Result<()> {
        for r in &self.recognizers {
            r.built.get_or_init(|| (r.build)().ok()).as_ref().ok_or_else(pattern_error)?;
        }
        self.normalizer().map(|_| ())
    }

    /// The normalizer, built on first use.
    fn normalizer(&self) -> Result<&normalize::Normalizer> {
        self.normalizer.get_or_init(|| normalize::Normalizer::new().ok()).as_ref().ok_or_else(pattern_error)
    }

    /// Every finding in `text` that `keep` accepts, without overlaps, ordered by start. Offsets
    /// are byte offsets into `text`: recognizers scan the normalized view, and each finding is
    /// widened to every original character behind it (zero-width characters inside a value,
    /// spelled-out words, line breaks), so replacing it removes the whole value. An error only
    /// when a built-in recognizer the text needs cannot be built.
    pub(crate) fn detect(&self, text: &str, keep: impl Fn(&Finding) -> bool) -> Result<Vec<Finding>> {
        let normalized = self.normalizer()?.normalize(text);
        let view = normalized.as_ref().map_or(text, |n| n.text());
        let hay = Haystack::new(view);
        // Room for the candidates of prose dense with identifiers (about one per 20 bytes), so
        // that the recognizers' pushes rarely grow it.
        let mut all = Vec::with_capacity(view.len() / 16 + 4);
        for r in &self.recognizers {
            if let Some(r) = r.get(&hay)? {
                r.recognize(&hay, &mut all);
            }
        }
        all.retain(|f| f.start < f.end && f.end <= view.len() && keep(f));
        let mut found = resolve_overlaps(all);
        // Other mentions of the names found (second pass over the resolved findings, in the view).
        person::add_mentions(&hay, &mut found, &keep);
        Ok(match &normalized {
            Some(n) => n.to_original_findings(text, found),
            None => found,
        })
    }
}

/// Compiles a built-in pattern. A failure is a bug in sanitas, reported as an internal error.
/// Only tests still build one (the reference regexes of hand-written scans).
#[cfg(test)]
pub(crate) fn builtin_regex(pattern: &str) -> Result<regex::Regex> {
    regex::Regex::new(pattern)
        .map_err(|_| Error::new(ErrorKind::Internal, "", "a built-in pattern failed to compile"))
}

/// Keeps one finding per overlapping region, deterministically: validated beats unvalidated,
/// then longer beats shorter, then the higher score, then the earlier start, then catalog order
/// (the order of [`rank`]); each finding in that order is kept when it overlaps none kept
/// before it. The result is sorted by start offset. Findings must be non-empty (`start < end`,
/// as every caller ensures); an empty one is dropped.
///
/// Sorted by start, the findings fall into clusters (maximal chains in which each finding
/// starts before the end of one before it); kept findings of one cluster never overlap those
/// of another, so each cluster is resolved on its own, and a finding that overlaps nothing
/// (most of them) is kept without ranking. Done in place: the only allocations are the start
/// sort's scratch (on the stack for short lists) and those of clusters over [`SMALL_CLUSTER`].
pub(crate) fn resolve_overlaps(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.retain(|f| f.start < f.end);
    // Stable: the recognizers push in text order, and this sort merges their runs.
    findings.sort_by_key(|f| f.start);
    // `findings[..kept]` is the result so far; `findings[next..]` is still to resolve.
    let (mut kept, mut next) = (0, 0);
    while let Some(first) = findings.get(next) {
        let mut end = first.end;
        let cluster = 1 + findings
            .iter()
            .skip(next + 1)
            .take_while(|f| {
                f.start < end && {
                    end = end.max(f.end);
                    true
                }
            })
            .count();
        let n = match findings.get_mut(next..next + cluster) {
            Some(c @ [_, _, ..]) => resolve_cluster(c),
            _ => 1,
        };
        // Move the cluster's kept findings (at its front) behind the earlier ones: `kept <= next`.
        for i in 0..n {
            findings.swap(kept + i, next + i);
        }
        kept += n;
        next += cluster;
    }
    findings.truncate(kept);
    findings
}

/// Clusters of up to this many findings are resolved by comparing each with the kept ones;
/// larger ones (rare: long chains of overlapping candidates) through an ordered map, so that
/// the cost stays O(n log n) on any input.
const SMALL_CLUSTER: usize = 32;

/// The bytes of a large cluster that kept findings cover, one bit per byte from the cluster's
/// first start: a candidate is free when none of its bits is set. Used when the candidates'
/// lengths add up to at most [`COVERED_READS`] times the cluster's span, so that the word reads
/// stay linear in the text; chains of short overlapping candidates (`Mar 1 Mar 1 …`) resolve
/// this way about twice as fast as through the ordered map, in wasm.
struct Covered {
    first: usize,
    words: Vec<u64>,
}

/// See [`Covered`].
const COVERED_READS: usize = 8;

impl Covered {
    /// The empty cover of `c`'s span (`c` sorted by start), or `None` when its candidates are
    /// too long for it.
    fn for_cluster(c: &[Finding]) -> Option<Covered> {
        let first = c.first()?.start;
        let last = c.iter().map(|f| f.end).max()?;
        let lengths = c.iter().map(|f| f.end - f.start).fold(0usize, usize::saturating_add);
        let span = last.checked_sub(first)?;
        (lengths <= span.saturating_mul(COVERED_READS))
            .then(|| Covered { first, words: vec![0; span.div_ceil(64)] })
    }

    /// The words holding the bits of `start..end`, each with the mask of those bits.
    fn masks(&self, start: usize, end: usize) -> impl Iterator<Item = (usize, u64)> {
        let (a, b) = (start.saturating_sub(self.first), end.saturating_sub(self.first));
        let (wa, wb) = (a / 64, b.saturating_sub(1) / 64);
        (wa..=wb).filter(move |_| a < b).map(move |w| {
            let low = if w == wa { a % 64 } else { 0 };
            let high = if w == wb { (b - 1) % 64 + 1 } else { 64 };
            (w, (u64::MAX >> (64 - high)) & (u64::MAX << low))
        })
    }

    /// True when no kept finding covers a byte of `start..end`.
    fn free(&self, start: usize, end: usize) -> bool {
        // A bit outside the cover cannot occur (every candidate lies in the span); reading it
        // as free keeps the candidate, which redacts more rather than less.
        self.masks(start, end).all(|(w, mask)| self.words.get(w).is_none_or(|x| x & mask == 0))
    }

    /// Marks `start..end` as covered.
    fn cover(&mut self, start: usize, end: usize) {
        for (w, mask) in self.masks(start, end) {
            if let Some(x) = self.words.get_mut(w) {
                *x |= mask;
            }
        }
    }
}

/// Resolves one cluster (see [`resolve_overlaps`]): moves the findings it keeps to the front of
/// `c`, sorted by start, and returns how many they are.
fn resolve_cluster(c: &mut [Finding]) -> usize {
    let mut kept = 0;
    if c.len() <= SMALL_CLUSTER {
        c.sort_unstable_by_key(rank);
        for i in 0..c.len() {
            let (done, rest) = c.split_at(i);
            let free = rest
                .first()
                .is_some_and(|f| done.iter().take(kept).all(|g| g.end <= f.start || f.end <= g.start));
            if free {
                c.swap(kept, i);
                kept += 1;
            }
        }
    } else if let Some(mut covered) = Covered::for_cluster(c) {
        c.sort_by_cached_key(rank);
        for i in 0..c.len() {
            let Some(&Finding { start, end, .. }) = c.get(i) else { break };
            if covered.free(start, end) {
                covered.cover(start, end);
                c.swap(kept, i);
                kept += 1;
            }
        }
    } else {
        // Each rank computed once (the sort compares n log n times).
        c.sort_by_cached_key(rank);
        // Kept spans, start -> end; since they never overlap, the neighbours of a candidate in
        // start order are the only ones that can intersect it.
        let mut spans = std::collections::BTreeMap::new();
        for i in 0..c.len() {
            let Some(&Finding { start, end, .. }) = c.get(i) else { break };
            let before = spans.range(..=start).next_back().is_some_and(|(_, &e)| e > start);
            let after = spans.range(start..).next().is_some_and(|(&s, _)| s < end);
            if !before && !after {
                spans.insert(start, end);
                c.swap(kept, i);
                kept += 1;
            }
        }
    }
    if let Some(kept) = c.get_mut(..kept) {
        kept.sort_unstable_by_key(|f| f.start);
    }
    kept
}

/// The rank of `f` in overlap resolution, as one integer (smaller first): validated first, then
/// longer, then the higher score (in `f32::total_cmp` order), then the earlier start, then
/// catalog order. Lengths and offsets take 40 bits each (exact for texts under 1 TiB).
fn rank(f: &Finding) -> u128 {
    const _: () = assert!(EntityKind::ALL.len() <= 256, "the rank keeps 8 bits of entity");
    const MASK: u128 = (1 << 40) - 1;
    let wide = |n: usize| u128::try_from(n).unwrap_or(MASK).min(MASK);
    // `f32::total_cmp` order as an unsigned integer: negatives (sign bit set) reversed below
    // the positives.
    let bits = f.score.to_bits();
    let score = if bits >> 31 == 1 { !bits } else { bits | 1 << 31 };
    u128::from(!f.validated) << 120
        | (MASK - wide(f.len())) << 80
        | u128::from(!score) << 48
        | wide(f.start) << 8
        | u128::from(f.entity as u8)
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs one recognizer over a table of positives and negatives.
    use super::*;

    /// The substrings `r` finds in `text`, after overlap resolution.
    pub(crate) fn found(r: &dyn Recognizer, text: &str) -> Vec<(EntityKind, String)> {
        let mut out = Vec::new();
        let hay = Haystack::new(text);
        r.recognize(&hay, &mut out);
        resolve_overlaps(out).into_iter().map(|f| (f.entity, text[f.start..f.end].to_owned())).collect()
    }

    /// `count` texts of fewer than `max_pieces` pieces each, picked from `pieces` by an
    /// xorshift sequence from `seed`: reproducible random text that hits a scanner's boundaries,
    /// for comparing a hand-written scan with the regex it replaces.
    pub(crate) fn random_texts<'a>(
        seed: u64,
        pieces: &'a [&'a str],
        max_pieces: u64,
        count: usize,
    ) -> impl Iterator<Item = String> + 'a {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count).map(move |_| {
            let n = next() % max_pieces;
            (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect()
        })
    }

    /// The default policy's threshold (`Policy::min_score`).
    pub(crate) const DEFAULT_MIN_SCORE: f32 = 0.5;

    /// The substrings `r` finds in `text` with a score of at least `min`, after overlap
    /// resolution (as [`Detector::detect`] filters before resolving).
    pub(crate) fn found_at(r: &dyn Recognizer, text: &str, min: f32) -> Vec<(EntityKind, String)> {
        let mut out = Vec::new();
        let hay = Haystack::new(text);
        r.recognize(&hay, &mut out);
        out.retain(|f| f.score >= min);
        resolve_overlaps(out).into_iter().map(|f| (f.entity, text[f.start..f.end].to_owned())).collect()
    }

    /// Like [`check_table`], for recognizers that also report low-scoring candidates: positives
    /// must be found, and negatives must yield nothing, at the default threshold.
    pub(crate) fn check_scored_table(
        r: &dyn Recognizer,
        kind: EntityKind,
        positives: &[(&str, &str)],
        negatives: &[&str],
    ) {
        for (text, want) in positives {
            let got = found_at(r, text, DEFAULT_MIN_SCORE);
            assert!(
                got.iter().any(|(k, s)| *k == kind && s == want),
                "expected {kind} {want:?} in {text:?}, got {got:?}"
            );
        }
        for text in negatives {
            let got = found_at(r, text, DEFAULT_MIN_SCORE);
            assert!(got.is_empty(), "expected nothing in {text:?}, got {got:?}");
        }
    }

    /// Asserts that each positive `(text, expected span)` is found exactly and that no negative
    /// text yields any finding.
    pub(crate) fn check_table(
        r: &dyn Recognizer,
        kind: EntityKind,
        positives: &[(&str, &str)],
        negatives: &[&str],
    ) {
        for (text, want) in positives {
            let got = found(r, text);
            assert!(
                got.iter().any(|(k, s)| *k == kind && s == want),
                "expected {kind} {want:?} in {text:?}, got {got:?}"
            );
        }
        for text in negatives {
            let got = found(r, text);
            assert!(got.is_empty(), "expected nothing in {text:?}, got {got:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(entity: EntityKind, start: usize, end: usize, score: f32, validated: bool) -> Finding {
        Finding::new(entity, start, end, score, validated)
    }

    #[test]
    fn validated_beats_longer_unvalidated() {
        let out = resolve_overlaps(vec![
            f(EntityKind::Phone, 0, 14, 0.6, false),
            f(EntityKind::CreditCard, 2, 12, 1.0, true),
        ]);
        assert_eq!(out, vec![f(EntityKind::CreditCard, 2, 12, 1.0, true)]);
    }

    #[test]
    fn longer_then_score_then_start() {
        let out = resolve_overlaps(vec![
            f(EntityKind::Phone, 0, 5, 0.9, false),
            f(EntityKind::Ssn, 3, 10, 0.5, false),
            f(EntityKind::Email, 12, 20, 0.5, false),
            f(EntityKind::Url, 12, 20, 0.7, false),
        ]);
        assert_eq!(out, vec![f(EntityKind::Ssn, 3, 10, 0.5, false), f(EntityKind::Url, 12, 20, 0.7, false)]);
    }

    /// The overlap resolution before clusters and packed ranks: one stable sort by this
    /// comparator, then each finding kept when no kept one overlaps it.
    fn resolve_by_comparator(mut findings: Vec<Finding>) -> Vec<Finding> {
        findings.sort_by(|a, b| {
            b.validated
                .cmp(&a.validated)
                .then(b.len().cmp(&a.len()))
                .then(b.score.total_cmp(&a.score))
                .then(a.start.cmp(&b.start))
                .then(a.entity.cmp(&b.entity))
        });
        let mut accepted: std::collections::BTreeMap<usize, Finding> = std::collections::BTreeMap::new();
        for f in findings {
            let before =
                accepted.range(..=f.start).next_back().map(|(_, g)| g.end > f.start).unwrap_or(false);
            let after = accepted.range(f.start..).next().map(|(_, g)| g.start < f.end).unwrap_or(false);
            if !before && !after {
                accepted.insert(f.start, f);
            }
        }
        accepted.into_values().collect()
    }

    /// Clusters and packed ranks give exactly what the comparator gave (score bits included),
    /// on random findings with ties in every field, exact duplicates, and clusters of every
    /// size (small ones compared one by one, large ones through the map).
    #[test]
    fn resolution_matches_the_comparator() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let kinds = [EntityKind::Person, EntityKind::Phone, EntityKind::Ssn, EntityKind::Date];
        let scores = [0.0, -0.0, 0.3, 0.5, 0.5000001, 0.85, 1.0];
        let (mut large, mut covered, mut dropped) = (0, 0, 0);
        for round in 0..3000 {
            let (count, span, longest) = match round % 3 {
                0 => (next(12), 40, 8),
                1 => (next(60), 200, 12),
                _ => (40 + next(200), 300, 30),
            };
            let mut findings = Vec::new();
            for _ in 0..count {
                let start = next(span) as usize;
                let end = start + 1 + next(longest) as usize;
                let score = scores[next(scores.len() as u64) as usize];
                let kind = kinds[next(kinds.len() as u64) as usize];
                let f = f(kind, start, end, score, next(4) == 0);
                if next(8) == 0 {
                    findings.push(f.clone());
                }
                findings.push(f);
            }
            let key = |v: &[Finding]| -> Vec<_> {
                v.iter().map(|f| (f.entity, f.start, f.end, f.score.to_bits(), f.validated)).collect()
            };
            let want = resolve_by_comparator(findings.clone());
            let got = resolve_overlaps(findings.clone());
            assert_eq!(key(&got), key(&want), "{findings:?}");
            dropped += findings.len() - want.len();
            let mut sorted = findings;
            sorted.retain(|f| f.start < f.end);
            sorted.sort_by_key(|f| f.start);
            let (mut end, mut from) = (0, 0);
            for i in 0..=sorted.len() {
                if sorted.get(i).is_none_or(|f| f.start >= end) {
                    // sorted[from..i] is a cluster.
                    if i - from > SMALL_CLUSTER {
                        large += 1;
                        covered += usize::from(Covered::for_cluster(&sorted[from..i]).is_some());
                    }
                    from = i;
                }
                end = sorted.get(i).map_or(end, |f| if from == i { f.end } else { end.max(f.end) });
            }
        }
        // Both ways of resolving a large cluster are compared.
        assert!(large > 500 && dropped > 10_000, "{large} large clusters, {dropped} dropped");
        assert!(covered > 200 && large - covered > 200, "{covered} of {large} large clusters by the cover");
    }

    #[test]
    fn adjacent_findings_both_survive() {
        let out = resolve_overlaps(vec![
            f(EntityKind::Phone, 5, 9, 0.5, false),
            f(EntityKind::Ssn, 0, 5, 0.5, false),
        ]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].start, 0);
    }

    #[test]
    fn census_records_separators_and_digits() {
        let h = Haystack::new("Irene Quintana, a@b");
        assert!(h.has_any(b"@") && h.has_any(b",") && h.has_any(b" "));
        assert!(!h.has_digit() && !h.has_any(b".:-^=\t"));
        assert!(Haystack::new("x7").has_digit());
        assert!(!Haystack::new("").has_any(b"@.:-,^=\t 0"));
        // Asked twice: the second answer comes from the cache.
        let tail = format!("{}@", "a".repeat(1000));
        let h = Haystack::new(&tail);
        assert!(h.has_any(b"@") && !h.has_digit() && h.has_any(b"@") && !h.has_digit());
        assert!(h.has_any(b".@") && !h.has_any(b".-"));
    }

    /// The census only skips passes that cannot match: every recognizer finds the same as with a
    /// haystack that claims every census byte is present, on short texts that lack some of them.
    #[test]
    fn census_skips_change_no_finding() {
        let d = Detector::new().unwrap();
        d.build_all().unwrap();
        let pieces = [
            "a@b.co",
            "x.io/p",
            "http://h.org",
            "10.0.0.1",
            "fe80::1",
            "00:1a:2b:3c:4d:5e",
            "0123.4567.89ab",
            "GB82 WEST 1234 5698 7654 32",
            "DEUTDEFF500",
            "03/04/1985",
            "Jan 3, 2024",
            "123 Main St",
            "PO Box 12",
            "Albany, NY 12209",
            "Boise^ID",
            "City: Dover",
            "zip 19901",
            "api_key=abcd1234efgh",
            "Bearer abcdefghijklmnop",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "-----BEGIN PRIVATE KEY-----",
            "Irene",
            "NY",
            "x",
        ];
        let seps = ["", " ", ", ", "\t", "\n", "-", ":", "=", "^", "."];
        for (i, a) in pieces.iter().enumerate() {
            for b in pieces.iter().skip(i) {
                for s in seps {
                    let t = format!("{a}{s}{b}");
                    for r in d.recognizers.iter().filter_map(|r| r.built.get()?.as_deref()) {
                        let (mut got, mut all) = (Vec::new(), Vec::new());
                        r.recognize(&Haystack::new(&t), &mut got);
                        let present = Haystack {
                            census: std::cell::Cell::new((u16::MAX, u16::MAX)),
                            ..Haystack::new(&t)
                        };
                        r.recognize(&present, &mut all);
                        assert_eq!(got, all, "{t:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn detector_finds_slice_kinds() {
        let d = Detector::new().unwrap();
        let text = "mail a@b.co, SSN 123-45-6789, card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, call (212) 555-0100";
        let kinds: Vec<_> = d.detect(text, |_| true).unwrap().into_iter().map(|f| f.entity).collect();
        assert_eq!(
            kinds,
            vec![
                EntityKind::Email,
                EntityKind::Ssn,
                EntityKind::CreditCard,
                EntityKind::Iban,
                EntityKind::Phone
            ]
        );
    }

    /// Every built-in recognizer and the normalizer can be built.
    #[test]
    fn every_builtin_recognizer_builds() {
        let d = Detector::new().unwrap();
        d.build_all().unwrap();
        assert!(d.recognizers.iter().all(|r| matches!(r.built.get(), Some(Some(_)))));
    }

    /// A recognizer whose construction fails makes every scan that needs it an error, never a
    /// silent pass; scans that do not need it are unaffected.
    #[test]
    fn a_recognizer_that_cannot_be_built_is_an_error() {
        struct Broken;
        impl Recognizer for Broken {
            fn recognize(&self, _: &Haystack<'_>, _: &mut Vec<Finding>) {}
        }
        let mut d = Detector::new().unwrap();
        d.recognizers.push(lazy(|| -> Result<Broken> { Err(pattern_error()) }, digit));
        assert!(d.detect("no digits here", |_| true).is_ok());
        let e = d.detect("room 12", |_| true).unwrap_err();
        assert_eq!(
            (e.kind(), e.message()),
            (ErrorKind::Internal, "a built-in recognizer could not be built")
        );
        // Every later scan that needs it fails too.
        assert!(d.detect("room 14", |_| true).is_err());
    }

    /// `Detector::new` compiles nothing; a scan builds only the recognizers its text may need.
    #[test]
    fn recognizers_are_built_on_first_need() {
        let d = Detector::new().unwrap();
        let built = |d: &Detector| d.recognizers.iter().filter(|r| r.built.get().is_some()).count();
        assert_eq!(built(&d), 0);
        assert!(d.normalizer.get().is_none());
        let always = d.recognizers.iter().filter(|r| (r.may_match)(&Haystack::new(""))).count();
        assert!(d.detect("", |_| true).unwrap().is_empty());
        assert_eq!(built(&d), always);
        assert!(always < d.recognizers.len());
        let found = d.detect("mail a@b.co", |_| true).unwrap();
        assert_eq!(found, vec![f(EntityKind::Email, 5, 11, found[0].score, found[0].validated)]);
        assert!(built(&d) > always);
        assert!(built(&d) < d.recognizers.len());
        // After TRY_BEFORE_BUILD bytes of text the conditions are no longer tested: a condition
        // that keeps saying no would cost a pass per call.
        let plain = "word ".repeat(TRY_BEFORE_BUILD / 5 + 1);
        assert!(d.detect(&plain, |_| true).unwrap().is_empty());
        assert_eq!(built(&d), d.recognizers.len());
    }

    /// A recognizer's condition is necessary: whenever it says no, the built recognizer finds
    /// nothing (short texts made of pieces that lack some census bytes, digits and literals).
    #[test]
    fn conditions_never_skip_a_finding() {
        let d = Detector::new().unwrap();
        d.build_all().unwrap();
        let pieces = [
            "a@b.co",
            "x.io/p",
            "http://h.org",
            "www.h.org",
            "10.0.0.1",
            "fe80::1",
            "00:1a:2b:3c:4d:5e",
            "0123.4567.89ab",
            "GB82 WEST 1234 5698 7654 32",
            "DEUTDEFF500",
            "DEUTDEFF",
            "03/04/1985",
            "Jan 3, 2024",
            "123 Main St",
            "Albany, NY 12209",
            "zip 19901",
            "api_key=abcd1234efgh",
            "password: Hunter2x!",
            "Bearer abcdefghijklmnop",
            "Basic dXNlcjpwYXNz",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "-----BEGIN PRIVATE KEY-----",
            "%B4111111111111111^DOE/JOHN^2512101?",
            ";4111111111111111=2512101?",
            "AKIAIOSFODNN7EXAMPLE",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "sk_live_abcdefghij1234",
            "ninety-two years old",
            "aged ninety",
            "MRN 12345",
            "Irene",
            "NY",
            "x",
            " ",
            "\u{212A}ey",
            "\u{17F}ecret",
            ":",
            "=",
        ];
        for t in test_support::random_texts(0x5eed_c01d, &pieces, 6, 3000) {
            let hay = Haystack::new(&t);
            for r in &d.recognizers {
                if (r.may_match)(&hay) {
                    continue;
                }
                let mut got = Vec::new();
                if let Some(built) = r.built.get().and_then(|b| b.as_deref()) {
                    built.recognize(&Haystack::new(&t), &mut got);
                }
                assert!(got.is_empty(), "{t:?}: {got:?}");
            }
        }
    }
}
