//! Vehicle identification numbers: 17 characters without I, O and Q, with letters and digits.
//! A valid North American check digit (position 9) is enough on its own; after a VIN label
//! (`VIN`, "vehicle identification number", "chassis no.") a VIN without a valid check digit
//! (most European and Asian VINs) counts too.

use super::context::{LabelSpec, Labels};
use super::{checksum, EntityKind, Finding, Haystack, Recognizer};
use crate::error::Result;

pub(crate) struct Vin;

static LABELS: Labels = Labels::new(LabelSpec {
    words: &["vin", "vin#", "vehicle identification", "vehicle id", "chassis", "frame", "vehicle"],
    fillers: &["number", "no", "trade-in", "collateral"],
    codes: false,
});

impl Vin {
    pub(crate) fn new() -> Result<Self> {
        Ok(Vin)
    }
}

impl Recognizer for Vin {
    fn recognize(&self, hay: &Haystack<'_>, out: &mut Vec<Finding>) {
        let text = hay.text;
        for (start, end) in candidates(hay) {
            let Some(v) = text.as_bytes().get(start..end) else { continue };
            let letters = v.iter().filter(|c| c.is_ascii_alphabetic()).count();
            let digits = v.iter().filter(|c| c.is_ascii_digit()).count();
            if letters == 0 || digits < 3 {
                continue;
            }
            let valid = checksum::vin(v);
            let labelled = LABELS.before(text, start);
            // Without a label, also ask for the usual production serial: the last four
            // characters are digits on almost every VIN, rarely on a random token.
            let serial = v.get(13..).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
            let upper = v.iter().all(|c| !c.is_ascii_lowercase());
            let score = match (valid, labelled) {
                (_, true) => 1.0,
                (true, false) if upper && serial => 0.85,
                _ => continue,
            };
            out.push(Finding::new(EntityKind::Vin, start, end, score, valid));
        }
    }
}

/// The matches of `[A-HJ-NPR-Za-hj-npr-z0-9]{17}` that `context::is_bounded` keeps, read from
/// the token view: such a match is a whole token (its neighbours are not letters or digits), and
/// a token of 17 characters without I, O or Q is one match.
fn candidates<'h>(hay: &'h Haystack<'_>) -> impl Iterator<Item = (usize, usize)> + 'h {
    let b = hay.text.as_bytes();
    hay.views
        .tokens()
        .iter()
        .filter(move |t| {
            t.len() == 17
                && b.get(t.start..t.end)
                    .is_some_and(|v| v.iter().all(|c| !matches!(c.to_ascii_uppercase(), b'I' | b'O' | b'Q')))
        })
        .map(|t| (t.start, t.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::test_support::{check_table, random_texts};

    /// The token scan against the regex it replaces (its bounded matches).
    #[test]
    fn scan_matches_the_regex_it_replaces() {
        let re = regex::Regex::new(r"[A-HJ-NPR-Za-hj-npr-z0-9]{17}").unwrap();
        let pieces = ["1HGCM82633A00435", "2", "A", "i", "O", "q", "12345678", " ", "-", ".", "é", "_"];
        for s in random_texts(0x2D35_8DCC_AA6C_78A5, &pieces, 12, 5000) {
            let want: Vec<_> = re
                .find_iter(&s)
                .filter(|m| crate::detect::context::is_bounded(&s, m.start(), m.end()))
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(candidates(&Haystack::new(&s)).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn table() {
        check_table(
            &Vin::new().unwrap(),
            EntityKind::Vin,
            &[
                ("Trade-in VIN 1HGCM82633A004352 to be", "1HGCM82633A004352"),
                ("car 1M8GDM9AXKP042788.", "1M8GDM9AXKP042788"),
                // European VIN without a North American check digit, after a label
                ("VIN: WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001"),
                ("vehicle identification number wbak82rv6nf073418", "wbak82rv6nf073418"),
                ("Collateral vehicle VIN 3VWNNLFV0U9HJXV7H.", "3VWNNLFV0U9HJXV7H"),
            ],
            &[
                // check digit wrong and no label
                "car 1HGCM82634A004352",
                "WVWZZZ1JZXW000001",
                // I, O, Q are never used; wrong lengths
                "VIN 1HGCM82633A0O4352",
                "VIN 1HGCM82633A00435",
                "VIN 1HGCM82633A0043521",
                // all digits; a valid check digit but no label and letters at the end
                "VIN 11111111111111111",
                "car 3VWNNLFV0U9HJXV7H",
                "commit 3f9a2c4b8e1d7f6a5b4c3d2e1f0a9b8c7d6e5f4a",
            ],
        );
    }
}
