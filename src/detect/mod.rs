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
}

impl<'a> Haystack<'a> {
    /// A haystack over `text`; its shared views are computed when first used.
    pub(crate) fn new(text: &'a str) -> Self {
        Haystack {
            text,
            views: views::Views::new(text),
            person_tokens: std::cell::OnceCell::new(),
            census: std::cell::Cell::new((0, 0)),
        }
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

/// The compiled set of recognizers. Built once per compiled policy.
pub(crate) struct Detector {
    recognizers: Vec<Box<dyn Recognizer>>,
    normalizer: normalize::Normalizer,
}

impl Detector {
    /// Compiles every recognizer. Fails only if a built-in pattern does not compile (a bug).
    pub(crate) fn new() -> Result<Self> {
        // The explicit list of recognizers: one line each, grouped as the `mod` lines above.
        let recognizers: Vec<Box<dyn Recognizer>> = vec![
            // Contact and finance:
            Box::new(email::Email::new()?),
            Box::new(phone::Phone::new()?),
            Box::new(ssn::Ssn::new()?),
            Box::new(credit_card::CreditCard::new()?),
            Box::new(iban::Iban::new()?),
            Box::new(routing_number::RoutingNumber::new()?),
            Box::new(bank_account::BankAccount::new()?),
            Box::new(swift_bic::SwiftBic::new()?),
            Box::new(card_cvv::CardCvv::new()?),
            Box::new(card_expiry::CardExpiry::new()?),
            Box::new(card_track::CardTrack::new()?),
            Box::new(card_pin::CardPin::new()?),
            Box::new(passport::Passport::new()?),
            Box::new(driver_license::DriverLicense::new()?),
            // Network, devices and secrets:
            Box::new(ip_address::IpAddress::new()?),
            Box::new(mac_address::MacAddress::new()?),
            Box::new(url::Url::new()?),
            Box::new(api_key::ApiKey::new()?),
            Box::new(vin::Vin::new()?),
            Box::new(device_id::DeviceId::new()?),
            // Healthcare, dates and places:
            Box::new(date::Date::new()?),
            Box::new(age::AgeOver89::new()?),
            Box::new(mrn::Mrn::new()?),
            Box::new(npi::Npi::new()?),
            Box::new(health_plan_id::HealthPlanId::new()?),
            Box::new(dea::Dea::new()?),
            Box::new(street_address::StreetAddress::new()?),
            Box::new(city_zip::CityZip::new()?),
            // Names:
            Box::new(person::Person::new()),
        ];
        Ok(Detector { recognizers, normalizer: normalize::Normalizer::new()? })
    }

    /// Every finding in `text` that `keep` accepts, without overlaps, ordered by start. Offsets
    /// are byte offsets into `text`: recognizers scan the normalized view, and each finding is
    /// widened to every original character behind it (zero-width characters inside a value,
    /// spelled-out words, line breaks), so replacing it removes the whole value.
    pub(crate) fn detect(&self, text: &str, keep: impl Fn(&Finding) -> bool) -> Vec<Finding> {
        let normalized = self.normalizer.normalize(text);
        let view = normalized.as_ref().map_or(text, |n| n.text());
        let hay = Haystack::new(view);
        let mut all = Vec::new();
        for r in &self.recognizers {
            r.recognize(&hay, &mut all);
        }
        all.retain(|f| f.start < f.end && f.end <= view.len() && keep(f));
        let mut found = resolve_overlaps(all);
        // Other mentions of the names found (second pass over the resolved findings, in the view).
        person::add_mentions(&hay, &mut found, &keep);
        match &normalized {
            Some(n) => n.to_original_findings(text, found),
            None => found,
        }
    }
}

/// Compiles a built-in pattern. A failure is a bug in sanitas, reported as an internal error.
pub(crate) fn builtin_regex(pattern: &str) -> Result<regex::Regex> {
    regex::Regex::new(pattern)
        .map_err(|_| Error::new(ErrorKind::Internal, "", "a built-in pattern failed to compile"))
}

/// Keeps one finding per overlapping region, deterministically: validated beats unvalidated,
/// then longer beats shorter, then the higher score, then the earlier start, then catalog order.
/// The result is sorted by start offset.
pub(crate) fn resolve_overlaps(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        b.validated
            .cmp(&a.validated)
            .then(b.len().cmp(&a.len()))
            .then(b.score.total_cmp(&a.score))
            .then(a.start.cmp(&b.start))
            .then(a.entity.cmp(&b.entity))
    });
    // Accepted findings keyed by start; since they never overlap, the neighbours of a candidate
    // in start order are the only ones that can intersect it.
    let mut accepted: std::collections::BTreeMap<usize, Finding> = std::collections::BTreeMap::new();
    for f in findings {
        let before = accepted.range(..=f.start).next_back().map(|(_, g)| g.end > f.start).unwrap_or(false);
        let after = accepted.range(f.start..).next().map(|(_, g)| g.start < f.end).unwrap_or(false);
        if !before && !after {
            accepted.insert(f.start, f);
        }
    }
    accepted.into_values().collect()
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Runs one recognizer over a table of positives and negatives.
    use super::*;

    /// The substrings `r` finds in `text`, after overlap resolution.
    pub(crate) fn found(r: &dyn Recognizer, text: &str) -> Vec<(EntityKind, String)> {
        let mut out = Vec::new();
        r.recognize(&Haystack::new(text), &mut out);
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
        r.recognize(&Haystack::new(text), &mut out);
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
                    for r in &d.recognizers {
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
        let kinds: Vec<_> = d.detect(text, |_| true).into_iter().map(|f| f.entity).collect();
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
}
