//! The secret key behind pseudonyms. GDPR Art. 4(5) and PCI DSS 3.5.1.1 ask for a *keyed* function:
//! tokens are HMAC-SHA-256 under this key, so without it they cannot be linked back to values by
//! trying guesses. The key never leaves the process: `Debug` redacts it and drop wipes it.

use crate::error::{Error, ErrorKind, Result};
use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::Zeroize;

/// Minimum key length in bytes (128 bits).
pub const MIN_KEY_BYTES: usize = 16;

/// A secret key for HMAC-SHA-256 pseudonyms.
#[derive(Clone)]
pub struct Key {
    bytes: Vec<u8>,
}

impl Key {
    /// A key from raw bytes (at least 16; 32 random bytes recommended).
    pub fn from_bytes(bytes: &[u8]) -> Result<Key> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "policy.key",
                format!("a key needs at least {MIN_KEY_BYTES} bytes"),
            ));
        }
        Ok(Key { bytes: bytes.to_vec() })
    }

    /// A key from a hex string (at least 32 hex digits).
    pub fn from_hex(hex: &str) -> Result<Key> {
        let bad =
            || Error::new(ErrorKind::InvalidKey, "policy.key", "a key must be an even number of hex digits");
        if hex.len() % 2 != 0 {
            return Err(bad());
        }
        let mut bytes = Vec::with_capacity(hex.len() / 2);
        for pair in hex.as_bytes().chunks(2) {
            let hi = (pair[0] as char).to_digit(16).ok_or_else(bad)?;
            let lo = (pair[1] as char).to_digit(16).ok_or_else(bad)?;
            bytes.push((hi * 16 + lo) as u8);
        }
        let key = Key::from_bytes(&bytes);
        bytes.zeroize();
        key
    }

    /// 32 fresh bytes from the platform's CSPRNG (`crypto.getRandomValues` in wasm).
    pub fn random() -> Result<Key> {
        let mut bytes = vec![0u8; 32];
        getrandom::fill(&mut bytes).map_err(|_| {
            Error::new(ErrorKind::RandomUnavailable, "", "no secure random source is available")
        })?;
        Ok(Key { bytes })
    }

    /// HMAC-SHA-256 (RFC 2104) of the concatenation of `parts` under this key.
    pub(crate) fn hmac(&self, parts: &[&[u8]]) -> [u8; 32] {
        const BLOCK: usize = 64;
        let mut block = [0u8; BLOCK];
        if self.bytes.len() > BLOCK {
            block[..32].copy_from_slice(&Sha256::digest(&self.bytes));
        } else {
            block[..self.bytes.len()].copy_from_slice(&self.bytes);
        }
        let mut ipad = [0x36u8; BLOCK];
        let mut opad = [0x5cu8; BLOCK];
        for i in 0..BLOCK {
            ipad[i] ^= block[i];
            opad[i] ^= block[i];
        }
        let mut inner = Sha256::new();
        inner.update(ipad);
        for p in parts {
            inner.update(p);
        }
        let inner_hash = inner.finalize();
        let mut outer = Sha256::new();
        outer.update(opad);
        outer.update(inner_hash);
        let mut out = [0u8; 32];
        out.copy_from_slice(&outer.finalize());
        block.zeroize();
        ipad.zeroize();
        opad.zeroize();
        out
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Key, D::Error> {
        let mut hex = String::deserialize(d)?;
        let key = Key::from_hex(&hex).map_err(|e| serde::de::Error::custom(e.message()));
        hex.zeroize();
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // RFC 4231 test case 2 uses a 4-byte key, below our minimum, so test cases 1 and 6 are used
    // through the internal constructor.
    #[test]
    fn rfc4231_vectors() {
        let k = Key { bytes: vec![0x0b; 20] };
        assert_eq!(
            hex(&k.hmac(&[b"Hi ", b"There"])),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        let k = Key { bytes: vec![0xaa; 131] };
        assert_eq!(
            hex(&k.hmac(&[b"Test Using Larger Than Block-Size Key - Hash Key First"])),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn debug_is_redacted() {
        let k = Key::from_hex("000102030405060708090a0b0c0d0e0f").unwrap();
        assert_eq!(format!("{k:?}"), "Key(<redacted>)");
    }

    #[test]
    fn rejects_short_and_bad_keys() {
        assert_eq!(Key::from_hex("0011").unwrap_err().kind(), ErrorKind::InvalidKey);
        assert_eq!(Key::from_hex("zz").unwrap_err().kind(), ErrorKind::InvalidKey);
        assert_eq!(Key::from_hex("abc").unwrap_err().kind(), ErrorKind::InvalidKey);
        assert!(Key::from_bytes(&[1; 15]).is_err());
    }

    #[test]
    fn random_keys_differ() {
        let a = Key::random().unwrap();
        let b = Key::random().unwrap();
        assert_ne!(a.hmac(&[b"x"]), b.hmac(&[b"x"]));
    }
}
