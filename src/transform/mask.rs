//! Masking: letters and digits become a mask character; separators keep the value's shape.

use serde::{Deserialize, Serialize};

/// Options of the `mask` action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MaskSpec {
    /// Letters and digits left visible at the start (PCI DSS 3.4.1 allows the BIN: 6 or 8).
    #[serde(default)]
    pub keep_first: usize,
    /// Letters and digits left visible at the end (PCI DSS 3.4.1 allows the last 4).
    #[serde(default)]
    pub keep_last: usize,
    /// The mask character.
    #[serde(default = "default_mask_char")]
    pub char: char,
}

fn default_mask_char() -> char {
    '*'
}

impl Default for MaskSpec {
    fn default() -> Self {
        MaskSpec { keep_first: 0, keep_last: 0, char: default_mask_char() }
    }
}

impl MaskSpec {
    /// Masks `value`, always hiding at least a third of its letters and digits.
    pub(crate) fn apply(&self, value: &str) -> String {
        let total = value.chars().filter(|c| c.is_alphanumeric()).count();
        let (mut first, mut last) = (self.keep_first, self.keep_last);
        // Saturating: `keepFirst`/`keepLast` come from the policy; a wrapped sum would show the value.
        let shown = first.saturating_add(last);
        if total.saturating_sub(shown) < total.div_ceil(3) || shown > total {
            // Too short to show that much: show nothing rather than most of the value.
            first = 0;
            last = 0;
        }
        let mut seen = 0;
        value
            .chars()
            .map(|c| {
                if !c.is_alphanumeric() {
                    return c;
                }
                seen += 1;
                if seen <= first || seen > total - last {
                    c
                } else {
                    self.char
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keeping_shape() {
        let m = MaskSpec { keep_first: 6, keep_last: 4, ..MaskSpec::default() };
        assert_eq!(m.apply("4111 1111 1111 1111"), "4111 11** **** 1111");
        let m = MaskSpec { keep_last: 4, ..MaskSpec::default() };
        assert_eq!(m.apply("123-45-6789"), "***-**-6789");
        assert_eq!(MaskSpec::default().apply("a@b.co"), "*@*.**");
    }

    #[test]
    fn short_values_are_fully_masked() {
        let m = MaskSpec { keep_last: 4, ..MaskSpec::default() };
        assert_eq!(m.apply("12345"), "*****");
    }

    #[test]
    fn huge_keep_counts_do_not_wrap() {
        let m = MaskSpec { keep_first: usize::MAX, keep_last: 1, ..MaskSpec::default() };
        assert_eq!(m.apply("4111 1111 1111 1111"), "**** **** **** ****");
        let m = MaskSpec { keep_first: 1, keep_last: usize::MAX, ..MaskSpec::default() };
        assert_eq!(m.apply("123-45-6789"), "***-**-****");
    }
}
