//! Keyed pseudonym tokens: `EMAIL_3MZ8K2QD`.
//!
//! The token is the entity name, an underscore and at least eight Crockford base32 characters of
//! HMAC-SHA-256(key, entity name ‖ 0x00 ‖ normalized subject). Only `A-Z`, `0-9` and `_`: no
//! brackets or punctuation for a model or a Markdown/JSON renderer to drop, and the entity name
//! tells the model what the value stood for.

use crate::detect::EntityKind;
use crate::error::Result;
use crate::key::Key;

/// Characters of the shortest token body (40 bits).
pub(crate) const MIN_BODY: usize = 8;
/// Characters of the longest token body (130 bits); lengthening stops here.
pub(crate) const MAX_BODY: usize = 26;

/// Crockford base32: no I, L, O or U, so tokens are hard to misread and never spell words.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The value as a subject: forms of the same identifier that differ only in formatting map to the
/// same subject (and so to the same token prefix).
pub(crate) fn subject(kind: EntityKind, value: &str) -> String {
    // Disguised characters (fullwidth or Arabic-Indic digits, zero-width characters, look-alike
    // letters) count as formatting too.
    let value = &*crate::detect::fold_value(value);
    match kind {
        EntityKind::Phone
        | EntityKind::Ssn
        | EntityKind::CreditCard
        | EntityKind::RoutingNumber
        | EntityKind::Npi
            if value.bytes().any(|b| b.is_ascii_digit()) =>
        {
            value.chars().filter(char::is_ascii_digit).collect()
        }
        EntityKind::Iban | EntityKind::SwiftBic | EntityKind::Vin => {
            value.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect()
        }
        _ => value.trim().to_lowercase(),
    }
}

/// The token for `subject` of `kind` with a body of `len` characters.
pub(crate) fn token(key: &Key, kind: EntityKind, subject: &str, len: usize) -> String {
    let mac = key.hmac(&[kind.name().as_bytes(), &[0], subject.as_bytes()]);
    let mut out = String::with_capacity(kind.name().len() + 1 + len);
    out.push_str(kind.name());
    out.push('_');
    // Read the MAC as a bit string, five bits per character.
    for i in 0..len.min(MAX_BODY) {
        let bit = i * 5;
        let (byte, shift) = (bit / 8, bit % 8);
        let pair = (u16::from(mac[byte]) << 8) | u16::from(*mac.get(byte + 1).unwrap_or(&0));
        let v = (pair >> (11 - shift)) & 0x1f;
        out.push(ALPHABET[v as usize] as char);
    }
    out
}

/// A pattern matching anything shaped like a token, for re-identification. It has no word
/// boundaries: `Sanitizer::reidentify` restores only tokens its vault issued, and a value that
/// was glued to other characters (`card_4111…`, `%40+1 212…`) gives a token glued to them too.
pub(crate) fn token_pattern() -> Result<regex::Regex> {
    let kinds: Vec<&str> = EntityKind::ALL.iter().map(|k| k.name()).collect();
    crate::detect::builtin_regex(&format!(
        r"(?:{})_[0-9A-HJKMNP-TV-Z]{{{MIN_BODY},{MAX_BODY}}}",
        kinds.join("|")
    ))
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
        assert_eq!(t, token(&key(1), EntityKind::Email, "a@b.co", MIN_BODY));
        assert_ne!(t, token(&key(2), EntityKind::Email, "a@b.co", MIN_BODY));
        assert_ne!(t, token(&key(1), EntityKind::Email, "a@b.cz", MIN_BODY));
        let long = token(&key(1), EntityKind::Email, "a@b.co", MIN_BODY + 2);
        assert!(long.starts_with(&t), "lengthening keeps the prefix");
        assert!(token_pattern().unwrap().is_match(&long));
    }

    #[test]
    fn subjects_ignore_formatting() {
        assert_eq!(subject(EntityKind::Phone, "(555) 010-1234"), subject(EntityKind::Phone, "555-010-1234"));
        assert_eq!(subject(EntityKind::Email, "John@X.org"), "john@x.org");
        assert_eq!(subject(EntityKind::Iban, "gb82 west 1234"), "GB82WEST1234");
    }

    #[test]
    fn pattern_needs_a_known_kind_and_a_full_body() {
        let p = token_pattern().unwrap();
        assert_eq!(p.find("see SSN_0123456789ABCDEF.").unwrap().as_str(), "SSN_0123456789ABCDEF");
        assert_eq!(p.find("id_SSN_0123456789AB_x").unwrap().as_str(), "SSN_0123456789AB");
        assert!(!p.is_match("FOO_0123456789AB"));
        assert!(!p.is_match("SSN_01234"));
        assert!(!p.is_match("SSN_0123IL789AB"), "I and L are not in the alphabet");
    }

    #[test]
    fn disguised_digits_share_the_plain_subject() {
        assert_eq!(subject(EntityKind::Ssn, "１２３－４５－６７８９"), "123456789");
        assert_eq!(subject(EntityKind::Phone, "٢١٢-٥٥٥-٠١٠٠"), subject(EntityKind::Phone, "212-555-0100"));
        assert_eq!(subject(EntityKind::Email, "jаne@X.org"), "jane@x.org");
        // Spelled digits have no digits: the words themselves are the subject, not "".
        assert_eq!(subject(EntityKind::Ssn, "one two three"), "one two three");
    }
}
