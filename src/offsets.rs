//! UTF-8 byte offsets (what Rust uses) to UTF-16 code units (what JavaScript strings index).

/// Converts ascending byte offsets of `text` to UTF-16 offsets in one pass over the text.
/// Offsets must lie on character boundaries and be sorted ascending.
pub fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(byte_offsets.len());
    let mut chars = text.char_indices().peekable();
    let mut units = 0usize;
    for &target in byte_offsets {
        while let Some(&(i, c)) = chars.peek() {
            if i >= target {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out.push(units);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        assert_eq!(utf16_offsets("hello", &[0, 2, 5]), vec![0, 2, 5]);
    }

    #[test]
    fn counts_code_units() {
        // "é" is 2 bytes / 1 unit; "😀" is 4 bytes / 2 units.
        let t = "é😀x";
        assert_eq!(utf16_offsets(t, &[0, 2, 6, 7]), vec![0, 1, 3, 4]);
    }
}
