//! The vault: token → original value, held in memory by one `Sanitizer` and never serialized
//! into outputs or reports.

use crate::detect::EntityKind;
use crate::error::{Error, ErrorKind, Result};
use crate::key::Key;
use crate::transform::token;
use std::collections::HashMap;

pub(crate) struct Vault {
    /// Token → original text.
    originals: HashMap<String, String>,
    /// (kind, original text) → token, so the same value always gets the same token.
    tokens: HashMap<(EntityKind, String), String>,
    max_entries: usize,
}

impl Vault {
    pub(crate) fn new(max_entries: usize) -> Self {
        Vault { originals: HashMap::new(), tokens: HashMap::new(), max_entries }
    }

    /// The token for `value`, issuing and storing a new one if needed. A token body is
    /// lengthened until it is unique in this vault, so two originals never share a token.
    pub(crate) fn pseudonymize(&mut self, key: &Key, kind: EntityKind, value: &str) -> Result<String> {
        if let Some(t) = self.tokens.get(&(kind, value.to_owned())) {
            return Ok(t.clone());
        }
        if self.originals.len() >= self.max_entries {
            return Err(Error::new(
                ErrorKind::VaultFull,
                "",
                format!("the vault holds its limit of {} entries", self.max_entries),
            ));
        }
        let subject = token::subject(kind, value);
        for len in token::MIN_BODY..=token::MAX_BODY {
            let t = token::token(key, kind, &subject, len);
            if !self.originals.contains_key(&t) {
                self.originals.insert(t.clone(), value.to_owned());
                self.tokens.insert((kind, value.to_owned()), t.clone());
                return Ok(t);
            }
        }
        Err(Error::new(ErrorKind::Internal, "", "no unique token could be issued"))
    }

    /// The original value behind `token`, if this vault issued it.
    pub(crate) fn original(&self, token: &str) -> Option<&str> {
        self.originals.get(token).map(String::as_str)
    }

    /// Number of tokens issued.
    pub(crate) fn len(&self) -> usize {
        self.originals.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_same_token_and_variants_stay_exact() {
        let key = Key::from_bytes(&[7; 32]).unwrap();
        let mut v = Vault::new(10);
        let a = v.pseudonymize(&key, EntityKind::Phone, "(555) 010-1234").unwrap();
        assert_eq!(a, v.pseudonymize(&key, EntityKind::Phone, "(555) 010-1234").unwrap());
        // Another spelling of the same number: a longer token sharing the prefix, so each
        // spelling is restored exactly.
        let b = v.pseudonymize(&key, EntityKind::Phone, "555-010-1234").unwrap();
        assert_ne!(a, b);
        assert!(b.starts_with(&a));
        assert_eq!(v.original(&a), Some("(555) 010-1234"));
        assert_eq!(v.original(&b), Some("555-010-1234"));
        assert_eq!(v.len(), 2);
    }

    #[test]
    fn full_vault_is_an_error() {
        let key = Key::from_bytes(&[7; 32]).unwrap();
        let mut v = Vault::new(1);
        v.pseudonymize(&key, EntityKind::Email, "a@b.co").unwrap();
        let e = v.pseudonymize(&key, EntityKind::Email, "c@d.co").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::VaultFull);
        assert!(!e.to_string().contains("c@d.co"));
    }
}
