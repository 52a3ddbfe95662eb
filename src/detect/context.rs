//! Small helpers shared by recognizers: word boundaries and nearby context words.

/// True when the byte range is not glued to an ASCII letter or digit on either side.
pub(crate) fn is_bounded(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let left = start == 0 || !b[start - 1].is_ascii_alphanumeric();
    let right = end >= b.len() || !b[end].is_ascii_alphanumeric();
    left && right
}

/// True when one of `words` (lowercase ASCII) occurs, case-insensitively and as a whole word,
/// within `window` bytes before `start`.
pub(crate) fn has_word_before(text: &str, start: usize, window: usize, words: &[&str]) -> bool {
    let b = text.as_bytes();
    let from = start.saturating_sub(window);
    let region = &b[from..start.min(b.len())];
    // Single words (letters and digits only) are compared against the region's word tokens, which
    // are found once; labels with spaces or punctuation (`date of birth`, `ss#`) are searched.
    let mut tokens = [(0usize, 0usize); 16];
    let mut n = 0;
    let mut i = 0;
    while i < region.len() && n < tokens.len() {
        if is_word_byte(region[i]) {
            let s = i;
            while i < region.len() && is_word_byte(region[i]) {
                i += 1;
            }
            tokens[n] = (s, i);
            n += 1;
        } else {
            i += 1;
        }
    }
    let overflow = n == tokens.len();
    words.iter().any(|w| {
        let w = w.as_bytes();
        if overflow || !w.iter().all(u8::is_ascii_alphanumeric) {
            return contains_word(region, w);
        }
        tokens[..n].iter().any(|&(s, e)| region[s..e].eq_ignore_ascii_case(w))
    })
}

/// Letters, digits and the bytes of non-ASCII characters.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Case-insensitive whole-word search of ASCII `word` in `hay`. Bytes of non-ASCII characters
/// count as word characters, so `in` is not found inside `Beoláin`.
pub(crate) fn contains_word(hay: &[u8], word: &[u8]) -> bool {
    if word.is_empty() || hay.len() < word.len() {
        return false;
    }
    let first = word[0].to_ascii_lowercase();
    (0..=hay.len() - word.len()).any(|i| {
        hay[i].to_ascii_lowercase() == first
            && (i == 0 || !is_word_byte(hay[i - 1]))
            && hay[i..i + word.len()].eq_ignore_ascii_case(word)
            && (i + word.len() == hay.len() || !is_word_byte(hay[i + word.len()]))
    })
}

/// Labels that name some identifier: a value right after one of them belongs to that label's
/// kind. Recognizers that may also match unlabelled values (a checksum-valid NPI or DEA number)
/// skip values that sit right after a label of another kind (see [`other_label_before`]).
#[rustfmt::skip]
pub(crate) const ID_LABELS: &[&str] = &[
    "account", "acct", "acc", "a/c", "aba", "routing", "iban", "swift", "bic", "card", "ssn", "ss#", "tin",
    "ein", "itin", "passport", "license", "licence", "dl", "permit", "serial", "s/n", "sn", "imei", "vin",
    "mrn", "mr#", "chart", "record", "member", "subscriber", "policy", "group", "plan", "medicare",
    "medicaid", "mbi", "claim", "case", "order", "invoice", "inv", "ticket", "ref", "reference",
    "confirmation", "conf", "tracking", "transaction", "txn", "receipt", "booking", "reservation", "phone",
    "tel", "telephone", "mobile", "cell", "fax", "pager", "call", "text", "sms", "contact", "ph", "ext",
    "npi", "dea", "tax", "employee", "badge", "student",
];

/// True when the nearest label-like word within `window` bytes before `start` (on the same line)
/// is one of [`ID_LABELS`] that is not in `own`: the value then belongs to that other label.
/// A trailing `#`, `:` or `=` with no known label word before it also counts as another label.
pub(crate) fn other_label_before(text: &str, start: usize, window: usize, own: &[&str]) -> bool {
    let b = text.as_bytes();
    let start = start.min(b.len());
    let from = start.saturating_sub(window);
    let mut region = &b[from..start];
    if let Some(nl) = region.iter().rposition(|&c| c == b'\n') {
        region = &region[nl + 1..];
    }
    // Walk the words backwards; the first word found in either list decides.
    let mut end = region.len();
    let mut saw_marker = false;
    while end > 0 {
        let Some(last) =
            region[..end].iter().rposition(|c| c.is_ascii_alphanumeric() || *c == b'#' || *c == b'/')
        else {
            break;
        };
        saw_marker |=
            region[last + 1..end].iter().any(|&c| matches!(c, b':' | b'#' | b'=')) || region[last] == b'#';
        let word_end = last + 1;
        let word_start = region[..word_end]
            .iter()
            .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'#' || *c == b'/'))
            .map_or(0, |i| i + 1);
        let word = region[word_start..word_end].to_ascii_lowercase();
        let trimmed: &[u8] = match word.strip_suffix(b"#") {
            Some(w) if !w.is_empty() => w,
            _ => &word,
        };
        let is =
            |list: &[&str]| list.iter().any(|l| l.as_bytes() == trimmed || l.as_bytes() == word.as_slice());
        if is(own) {
            return false;
        }
        if is(ID_LABELS) {
            return true;
        }
        end = word_start;
    }
    saw_marker
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded() {
        assert!(is_bounded("a 123 b", 2, 5));
        assert!(!is_bounded("a1123 b", 2, 5));
        assert!(!is_bounded("a 1234b", 2, 5));
        assert!(is_bounded("123", 0, 3));
    }

    #[test]
    fn word_before() {
        let t = "Patient SSN: 123456789";
        assert!(has_word_before(t, 13, 20, &["ssn"]));
        assert!(!has_word_before(t, 13, 3, &["ssn"]));
        assert!(!has_word_before("SSNX 123", 5, 20, &["ssn"]));
        assert!(!has_word_before("Beoláin 123", 9, 20, &["in"]));
        assert!(has_word_before("né in 123", 7, 20, &["in"]));
        assert!(has_word_before("Date of birth: 123", 15, 20, &["date of birth"]));
        assert!(has_word_before("a b c d e f g h i j k l m n o p q r dob 1", 40, 40, &["dob"]));
        assert!(!has_word_before("dobs 1", 5, 20, &["dob"]));
    }

    #[test]
    fn other_label() {
        let t = "case CS1234563 and claim #1234567893 and Dr. Lee 1234567893 (NPI 1234567893)";
        assert!(other_label_before(t, 5, 24, &["npi"]));
        assert!(other_label_before(t, 26, 24, &["npi"]));
        assert!(!other_label_before(t, 50, 12, &["npi"]));
        assert!(!other_label_before(t, 66, 24, &["npi"]));
        assert!(other_label_before("Ref: 1234567893", 5, 24, &["npi"]));
        assert!(other_label_before("Foo: 1234567893", 5, 24, &["npi"]));
        assert!(other_label_before("ts=1234567893", 3, 24, &["npi"]));
        assert!(!other_label_before("claim\n1234567893", 6, 24, &["npi"]));
    }
}
