//! Eight bytes at a time: exact per-byte tests on a `u64` (the zero-byte and "hasbetween" tests
//! of the bit-twiddling hacks), for the scans that look for a few kinds of byte in long stretches
//! of text. Every mask has the high bit of each matching byte set and no other bit; no carry or
//! borrow crosses from one byte into the next, so the tests are exact for every byte value.

/// 0x01 in every byte.
const ONES: u64 = u64::MAX / 255;
/// 0x7F in every byte.
const LOW7: u64 = ONES * 0x7F;
/// 0x80 in every byte.
const HIGH: u64 = ONES * 0x80;

/// The eight bytes of `b` from `at`, the first in the low byte; `None` when fewer remain.
#[inline(always)]
pub(crate) fn load8(b: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// The high bit of every byte of `x` equal to `byte`.
#[inline(always)]
pub(crate) fn eq_mask(x: u64, byte: u8) -> u64 {
    let y = x ^ (ONES * u64::from(byte));
    // `(y & 0x7F) + 0x7F` reaches the high bit for every non-zero low part; `| y` adds the
    // bytes whose own high bit is set.
    !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7)
}

/// The high bit of every byte of `x` in `lo..=hi` (`hi` below 0x80).
#[inline(always)]
pub(crate) fn range_mask(x: u64, lo: u8, hi: u8) -> u64 {
    debug_assert!(lo <= hi && hi < 0x80);
    let low = x & LOW7;
    (ONES * (0x80 + u64::from(hi))).wrapping_sub(low)
        & !x
        & low.wrapping_add(ONES * (0x80 - u64::from(lo)))
        & HIGH
}

/// The index (0..8) of the first byte flagged in a non-zero `mask`.
#[inline(always)]
pub(crate) fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

/// The offset of the first byte at or after `from` for which `is` holds, with `mask` giving the
/// same answer for eight bytes at once (as [`eq_mask`] or [`range_mask`] do).
#[inline(always)]
pub(crate) fn find(
    b: &[u8],
    from: usize,
    mask: impl Fn(u64) -> u64,
    is: impl Fn(u8) -> bool,
) -> Option<usize> {
    let mut i = from;
    while let Some(x) = load8(b, i) {
        let m = mask(x);
        if m != 0 {
            return Some(i + first(m));
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&c| is(c)).map(|k| i + k)
}

/// The high bits of the eight bytes of `mask` as one byte (bit `i` for byte `i`).
#[inline(always)]
pub(crate) fn gather(mask: u64) -> u8 {
    // Bit 8i + 7 goes to bit 56 + i: the multiplier's bytes shift each high bit to its place.
    (((mask & HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// The high bit of every ASCII letter of `x`.
#[inline(always)]
pub(crate) fn letter_mask(x: u64) -> u64 {
    // Setting 0x20 folds capitals onto lowercase and moves no other byte into `a..=z`.
    range_mask(x | (ONES * 0x20), b'a', b'z')
}

/// The eight bytes of `x` with ASCII capitals lowercased (`u8::to_ascii_lowercase` on each).
#[inline(always)]
pub(crate) fn lowercase8(x: u64) -> u64 {
    x | (range_mask(x, b'A', b'Z') >> 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position, next to every other byte value: each mask flags
    /// exactly the bytes its byte-wise test accepts.
    #[test]
    fn masks_agree_with_the_byte_tests_on_every_pair() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                for at in 0..7 {
                    let mut bytes = [b; 8];
                    bytes[at] = a;
                    bytes[at + 1] = b;
                    let x = u64::from_le_bytes(bytes);
                    let want = |f: &dyn Fn(u8) -> bool| {
                        bytes
                            .iter()
                            .enumerate()
                            .fold(0u64, |m, (i, &c)| if f(c) { m | 0x80 << (8 * i) } else { m })
                    };
                    assert_eq!(eq_mask(x, b'@'), want(&|c| c == b'@'), "{a} {b} {at}");
                    assert_eq!(eq_mask(x, 0), want(&|c| c == 0), "{a} {b} {at}");
                    assert_eq!(range_mask(x, b'0', b'9'), want(&|c| c.is_ascii_digit()), "{a} {b} {at}");
                    assert_eq!(range_mask(x, b'A', b'Z'), want(&|c| c.is_ascii_uppercase()), "{a} {b} {at}");
                    assert_eq!(range_mask(x, 0, 0x7F), want(&|c| c.is_ascii()), "{a} {b} {at}");
                    assert_eq!(letter_mask(x), want(&|c| c.is_ascii_alphabetic()), "{a} {b} {at}");
                    let high = want(&|c| c >= 0x80);
                    let bits = bytes.iter().enumerate().fold(0u8, |m, (i, &c)| m | u8::from(c >= 0x80) << i);
                    assert_eq!(gather(high), bits, "{a} {b} {at}");
                    let lower = bytes.map(|c| c.to_ascii_lowercase());
                    assert_eq!(lowercase8(x), u64::from_le_bytes(lower), "{a} {b} {at}");
                }
            }
        }
    }

    #[test]
    fn find_reads_the_tail_bytewise() {
        let text = b"0123456789abcdef@xyz";
        for from in 0..=text.len() + 1 {
            let want = text.get(from..).and_then(|r| r.iter().position(|&c| c == b'@')).map(|k| from + k);
            assert_eq!(find(text, from, |x| eq_mask(x, b'@'), |c| c == b'@'), want, "{from}");
            let want = text.get(from..).and_then(|r| r.iter().position(|&c| c == b'z')).map(|k| from + k);
            assert_eq!(find(text, from, |x| eq_mask(x, b'z'), |c| c == b'z'), want, "{from}");
        }
        assert_eq!(load8(b"1234567", 0), None);
        assert_eq!(load8(b"12345678", usize::MAX), None);
    }
}
