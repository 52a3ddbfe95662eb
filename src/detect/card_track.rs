//! Magnetic-stripe track data. Track 1: `%B<PAN>^<NAME>^<YYMM><service code><discretionary>?`;
//! track 2: `;<PAN>=<YYMM><service code><discretionary>?`. A finding needs the start or end
//! sentinels or a Luhn-valid PAN. PCI DSS 3.3.1: always dropped, never stored.

use super::{builtin_regex, checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct CardTrack {
    pattern: regex::Regex,
}

impl CardTrack {
    pub(crate) fn new() -> Result<Self> {
        let track1 = r"%?[Bb]([0-9]{12,19})\^[A-Za-z0-9 /.'-]{2,26}\^[0-9]{7}[0-9A-Za-z ]{0,60}\??";
        let track2 = r";?([0-9]{12,19})=[0-9]{7}[0-9]{0,30}\??";
        Ok(CardTrack { pattern: builtin_regex(&format!("{track1}|{track2}"))? })
    }
}

impl Recognizer for CardTrack {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        let b = text.as_bytes();
        for caps in self.pattern.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let Some(pan) = caps.get(1).or_else(|| caps.get(2)) else { continue };
            let s = m.as_str().as_bytes();
            let sentinels = matches!(s.first(), Some(b'%' | b';')) || s.last() == Some(&b'?');
            let luhn = checksum::luhn(pan.as_str().as_bytes());
            let glued =
                m.start().checked_sub(1).and_then(|i| b.get(i)).is_some_and(u8::is_ascii_alphanumeric)
                    || (b.get(m.end()).is_some_and(u8::is_ascii_alphanumeric) && s.last() != Some(&b'?'));
            if glued || !(sentinels || luhn) {
                continue;
            }
            out.push(Finding::new(EntityKind::CardTrack, m.start(), m.end(), 1.0, true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::check_table;

    #[test]
    fn table() {
        check_table(
            &CardTrack::new().unwrap(),
            EntityKind::CardTrack,
            &[
                (
                    "swipe %B4111111111111111^DOE/JANE^2704101000000000000000000?",
                    "%B4111111111111111^DOE/JANE^2704101000000000000000000?",
                ),
                ("t2 ;4111111111111111=27041010000000000000? ok", ";4111111111111111=27041010000000000000?"),
                ("raw 4111111111111111=2704101123 end", "4111111111111111=2704101123"),
                ("B5555555555554444^SMITH/JOHN A^2912201", "B5555555555554444^SMITH/JOHN A^2912201"),
            ],
            &[
                "4111111111111112=2704101123",
                "x=2704101123",
                "ratio 1234567890123=1234567",
                "4111111111111111=27",
            ],
        );
    }
}
