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
    words.iter().any(|w| contains_word(region, w.as_bytes()))
}

/// Case-insensitive whole-word search of ASCII `word` in `hay`.
pub(crate) fn contains_word(hay: &[u8], word: &[u8]) -> bool {
    if word.is_empty() || hay.len() < word.len() {
        return false;
    }
    (0..=hay.len() - word.len()).any(|i| {
        hay[i..i + word.len()].eq_ignore_ascii_case(word)
            && (i == 0 || !hay[i - 1].is_ascii_alphanumeric())
            && (i + word.len() == hay.len() || !hay[i + word.len()].is_ascii_alphanumeric())
    })
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
    }
}
