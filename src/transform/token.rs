//! Keyed pseudonym tokens: `EMAIL_3MZ8K2QD7X`, and `PERSON_7D2KQ9XB5M_4H` for a second spelling.
//!
//! ## Format
//! `KIND _ BODY [ _ MARK ]`, e.g. `EMAIL_3MZ8K2QD7X`:
//! - `KIND` is the entity name, so the model knows what the value stood for;
//! - `BODY` is at least ten Crockford base32 characters (50 bits) of
//!   HMAC-SHA-256(key, entity name ‖ 0x00 ‖ normalized subject). Every spelling of one subject
//!   shares it: `John Smith`, `JOHN SMITH` and `Smith, John` are one person to the model;
//! - `MARK` (two or more characters of HMAC(key, "variant" ‖ kind ‖ exact spelling)) is added to
//!   every spelling of a subject but the first one this vault saw, so that re-identification
//!   restores each spelling byte for byte. If a model drops the mark, the subject's first
//!   spelling comes back: the right person, spelled as first seen.
//!
//! Only `A-Z`, `0-9` and `_`: no brackets or punctuation for a model or a Markdown/JSON renderer
//! to drop; Crockford's alphabet has no I, L, O or U, so tokens are hard to misread and never
//! spell words. Underscores between word characters never start Markdown emphasis, and
//! re-identification also accepts them escaped (`PERSON\_7D2KQ9XB5M`), as models writing Markdown
//! sometimes do. A body that is already taken by another subject in the vault is lengthened one
//! character at a time (up to 26, 130 bits), and so is a mark.
//!
//! ## Subjects
//! [`subject`] normalizes a value per kind: digits only for numbers (a leading US country code
//! `1` dropped from 11-digit phones), upper-case alphanumerics for IBAN/BIC/VIN, lower-case for
//! e-mail, ISO `YYYY-MM-DD` for dates it can read, and for names: lower case, titles and
//! punctuation removed, `Last, First` turned to `first last`.

use crate::detect::EntityKind;
use crate::key::Key;
use crate::transform::date_shift;

/// Characters of the shortest token body (50 bits): a million subjects under one key collide
/// with odds of about 1 in 2 000 (and the vault lengthens on collision), and two keys' million
/// tokens share one with odds of about 1 in 1 000.
pub(crate) const MIN_BODY: usize = 10;
/// Characters of the longest token body (130 bits); lengthening stops here.
pub(crate) const MAX_BODY: usize = 26;
/// Characters of the shortest variant mark.
pub(crate) const MIN_MARK: usize = 2;
/// Characters of the longest variant mark.
pub(crate) const MAX_MARK: usize = 8;

/// Crockford base32: no I, L, O or U, so tokens are hard to misread and never spell words.
pub(crate) const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// True for a character of [`ALPHABET`].
pub(crate) fn is_body_byte(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'A'..=b'H' | b'J' | b'K' | b'M' | b'N' | b'P'..=b'T' | b'V'..=b'Z')
}

/// Courtesy titles, honorifics and post-nominals that do not change who a name refers to.
const NAME_AFFIXES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr", "jr", "sr", "md", "do", "rn",
    "np", "pa", "phd", "dds", "esq",
];

/// True if `word` (any case, without its dot) is a title or post-nominal such as `Dr` or `Jr`.
pub(crate) fn is_name_affix(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    NAME_AFFIXES.contains(&w.as_str())
}

/// The words of a name, lower case, in `first … last` order, without titles or punctuation.
pub(crate) fn name_words(value: &str) -> Vec<String> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '.' || c == ',')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .filter(|w| !w.is_empty() && !is_name_affix(w))
            .collect()
    };
    match value.split_once(',') {
        // `Last, First [Middle]`, unless what follows the comma is only a suffix (`Smith, Jr.`).
        Some((last, first)) if !words(first).is_empty() => {
            let mut out = words(first);
            out.extend(words(last));
            out
        }
        _ => words(value),
    }
}

/// The value as a subject: forms of the same identifier that differ only in formatting map to the
/// same subject (and so to the same token body).
pub(crate) fn subject(kind: EntityKind, value: &str) -> String {
    // Disguised characters (fullwidth or Arabic-Indic digits, zero-width characters, look-alike
    // letters) are formatting too; without this every fullwidth SSN would have the empty subject.
    let folded = crate::detect::fold_value(value);
    let value = &*folded;
    let digits = || value.chars().filter(char::is_ascii_digit).collect::<String>();
    let numeric = matches!(
        kind,
        EntityKind::Phone
            | EntityKind::Ssn
            | EntityKind::CreditCard
            | EntityKind::RoutingNumber
            | EntityKind::Npi
            | EntityKind::BankAccount
    );
    if numeric && !value.bytes().any(|b| b.is_ascii_digit()) {
        // Digits spelled as words: the words are the subject.
        return collapse_lower(value);
    }
    match kind {
        EntityKind::Phone => {
            let d = digits();
            match d.strip_prefix('1') {
                Some(rest) if d.len() == 11 => rest.to_owned(),
                _ => d,
            }
        }
        EntityKind::Ssn
        | EntityKind::CreditCard
        | EntityKind::RoutingNumber
        | EntityKind::Npi
        | EntityKind::BankAccount => digits(),
        EntityKind::Iban | EntityKind::SwiftBic | EntityKind::Vin | EntityKind::MacAddress => {
            value.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
        }
        EntityKind::Person => {
            let w = name_words(value);
            if w.is_empty() {
                value.trim().to_lowercase()
            } else {
                w.join(" ")
            }
        }
        EntityKind::Date => match date_shift::parse(value) {
            Some(d) => d.iso(),
            None => collapse_lower(value),
        },
        _ => collapse_lower(value),
    }
}

fn collapse_lower(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Appends `len` Crockford characters read from `mac` as a bit string, five bits each.
fn push_base32(out: &mut String, mac: &[u8; 32], len: usize) {
    for i in 0..len.min(MAX_BODY) {
        let bit = i * 5;
        let (byte, shift) = (bit / 8, bit % 8);
        let hi = u16::from(mac.get(byte).copied().unwrap_or(0));
        let lo = u16::from(mac.get(byte + 1).copied().unwrap_or(0));
        let v = (((hi << 8) | lo) >> (11 - shift)) & 0x1f;
        if let Some(&c) = ALPHABET.get(usize::from(v)) {
            out.push(char::from(c));
        }
    }
}

/// The token `KIND_BODY` for `subject` of `kind` with a body of `len` characters.
#[cfg(test)]
pub(crate) fn token(key: &Key, kind: EntityKind, subject: &str, len: usize) -> String {
    token_from(kind, &token_mac(key, kind, subject), len)
}

/// The keyed hash a token body of `subject` is read from (one per subject, whatever the length).
pub(crate) fn token_mac(key: &Key, kind: EntityKind, subject: &str) -> [u8; 32] {
    key.hmac(&[kind.name().as_bytes(), &[0], subject.as_bytes()])
}

/// The token `KIND_BODY` with a body of `len` characters read from `mac` ([`token_mac`]).
pub(crate) fn token_from(kind: EntityKind, mac: &[u8; 32], len: usize) -> String {
    let mut out = String::with_capacity(kind.name().len() + 1 + len);
    out.push_str(kind.name());
    out.push('_');
    push_base32(&mut out, mac, len);
    out
}

/// `base` with the variant mark of `spelling` (of `len` characters) appended: `KIND_BODY_MARK`.
/// `numeric` tells a JSON number leaf from a string with the same characters.
#[cfg(test)]
pub(crate) fn variant(
    key: &Key,
    base: &str,
    kind: EntityKind,
    spelling: &str,
    numeric: bool,
    len: usize,
) -> String {
    variant_from(base, &variant_mac(key, kind, spelling, numeric), len)
}

/// The keyed hash the variant mark of `spelling` is read from (one per spelling).
pub(crate) fn variant_mac(key: &Key, kind: EntityKind, spelling: &str, numeric: bool) -> [u8; 32] {
    key.hmac(&[b"variant\0", kind.name().as_bytes(), &[0, u8::from(numeric)], spelling.as_bytes()])
}

/// `base` with a mark of `len` characters read from `mac` ([`variant_mac`]).
pub(crate) fn variant_from(base: &str, mac: &[u8; 32], len: usize) -> String {
    let mut out = String::with_capacity(base.len() + 1 + len);
    out.push_str(base);
    out.push('_');
    push_base32(&mut out, mac, len.min(MAX_MARK));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> Key {
        Key::from_bytes(&[b; 32]).unwrap()
    }

    #[test]
    fn shape_and_determinism() {
        let t = token(&key(1), EntityKind::Email, "a@b.co", MIN_BODY);
        assert!(t.starts_with("EMAIL_"));
        assert_eq!(t.len(), "EMAIL_".len() + MIN_BODY);
        assert!(t["EMAIL_".len()..].bytes().all(is_body_byte));
        assert_eq!(t, token(&key(1), EntityKind::Email, "a@b.co", MIN_BODY));
        assert_ne!(t, token(&key(2), EntityKind::Email, "a@b.co", MIN_BODY));
        assert_ne!(t, token(&key(1), EntityKind::Email, "a@b.cz", MIN_BODY));
        // Same subject, another kind: another token.
        assert_ne!(t[6..], token(&key(1), EntityKind::Url, "a@b.co", MIN_BODY)[4..]);
        let long = token(&key(1), EntityKind::Email, "a@b.co", MIN_BODY + 2);
        assert!(long.starts_with(&t), "lengthening keeps the prefix");
        let v = variant(&key(1), &t, EntityKind::Email, "A@B.CO", false, MIN_MARK);
        assert_eq!(v.len(), t.len() + 1 + MIN_MARK);
        assert!(v.starts_with(&format!("{t}_")));
        assert_ne!(v, variant(&key(1), &t, EntityKind::Email, "A@B.CO", true, MIN_MARK));
    }

    #[test]
    fn one_keyed_hash_serves_every_length() {
        // The code before the hash was computed once per issue: one HMAC per length tried.
        fn old_token(key: &Key, kind: EntityKind, subject: &str, len: usize) -> String {
            let mac = key.hmac(&[kind.name().as_bytes(), &[0], subject.as_bytes()]);
            let mut out = String::with_capacity(kind.name().len() + 1 + len);
            out.push_str(kind.name());
            out.push('_');
            push_base32(&mut out, &mac, len);
            out
        }
        fn old_variant(
            key: &Key,
            base: &str,
            kind: EntityKind,
            spelling: &str,
            numeric: bool,
            len: usize,
        ) -> String {
            let mac = key.hmac(&[
                b"variant\0",
                kind.name().as_bytes(),
                &[0, u8::from(numeric)],
                spelling.as_bytes(),
            ]);
            let mut out = String::with_capacity(base.len() + 1 + len);
            out.push_str(base);
            out.push('_');
            push_base32(&mut out, &mac, len.min(MAX_MARK));
            out
        }
        let mut compared = 0;
        for (i, kind) in EntityKind::ALL.iter().enumerate() {
            for n in 0..20 {
                let k = key((i * 20 + n) as u8);
                let subject = format!("subject {n} ſ\u{212A}");
                let mac = token_mac(&k, *kind, &subject);
                for len in 0..=MAX_BODY + 2 {
                    assert_eq!(token_from(*kind, &mac, len), old_token(&k, *kind, &subject, len));
                    compared += 1;
                }
                for numeric in [false, true] {
                    let mac = variant_mac(&k, *kind, &subject, numeric);
                    for len in 0..=MAX_MARK + 2 {
                        assert_eq!(
                            variant_from("BASE", &mac, len),
                            old_variant(&k, "BASE", *kind, &subject, numeric, len)
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    #[test]
    fn base32_reads_five_bits_at_a_time() {
        let mut mac = [0u8; 32];
        mac[0] = 0b0000_1000; // first char 00001 = '1', second 00000 = '0'
        mac[1] = 0b1111_1000;
        let mut s = String::new();
        push_base32(&mut s, &mac, 4);
        // bits: 00001 00011 11100 00000
        assert_eq!(s, "13W0");
    }

    #[test]
    fn subjects_ignore_formatting() {
        let phone = |v| subject(EntityKind::Phone, v);
        assert_eq!(phone("(555) 010-1234"), "5550101234");
        assert_eq!(phone("555-010-1234"), "5550101234");
        assert_eq!(phone("+1 555 010 1234"), "5550101234");
        assert_eq!(phone("+44 20 7946 0018"), "442079460018");
        assert_eq!(subject(EntityKind::Email, "John@X.org"), "john@x.org");
        assert_eq!(subject(EntityKind::Iban, "gb82 west 1234"), "GB82WEST1234");
        let person = |v| subject(EntityKind::Person, v);
        assert_eq!(person("John Smith"), "john smith");
        assert_eq!(person("JOHN SMITH"), "john smith");
        assert_eq!(person("Smith, John"), "john smith");
        assert_eq!(person("Dr. John  Smith"), "john smith");
        assert_eq!(person("SMITH, JOHN A."), "john a smith");
        assert_eq!(person("Smith, Jr."), "smith");
        assert_eq!(person("O'Brien"), "o'brien");
        assert_ne!(person("John Smith"), person("Jon Smith"));
        let date = |v| subject(EntityKind::Date, v);
        assert_eq!(date("03/14/1962"), "1962-03-14");
        assert_eq!(date("March 14th, 1962"), "1962-03-14");
        assert_eq!(date("14.03.1962"), "1962-03-14");
        assert_eq!(subject(EntityKind::Mrn, "  MRN  00123 "), "mrn 00123");
    }

    #[test]
    fn disguised_values_share_the_plain_subject() {
        assert_eq!(subject(EntityKind::Ssn, "１２３－４５－６７８９"), "123456789");
        assert_eq!(subject(EntityKind::Phone, "٢١٢-٥٥٥-٠١٠٠"), subject(EntityKind::Phone, "212-555-0100"));
        assert_eq!(subject(EntityKind::Email, "jаne@X.org"), "jane@x.org");
        // Two different fullwidth SSNs are two subjects, not one empty subject.
        assert_ne!(
            subject(EntityKind::Ssn, "１２３４５６７８９"),
            subject(EntityKind::Ssn, "９８７６５４３２１")
        );
        // Spelled digits have no digits: the words themselves are the subject.
        assert_eq!(subject(EntityKind::Ssn, "one two  three"), "one two three");
    }
}
