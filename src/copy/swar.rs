//! Tests of eight bytes at once (SWAR: SIMD within a register). Text is mostly
//! letters, and a scanner that starts a match only at a digit, or a tokeniser that
//! reads a run of ASCII letters, can look at eight bytes in a few instructions instead
//! of one byte in several. Each test is exact, as the tests below check byte by byte.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is an ASCII digit, and no other bit.
#[inline]
pub(crate) fn digit_bits(x: u64) -> u64 {
    range_bits(x, b'0', b'9')
}

/// The high bit of each byte of `x` that equals `c`, and no other bit.
#[inline]
pub(crate) fn byte_bits(x: u64, c: u8) -> u64 {
    let y = x ^ (ONES * u64::from(c));
    // A byte of `y` is zero exactly when neither its low seven bits nor its high bit
    // are set; adding 0x7F to the low seven bits sets the high bit of any other.
    !(((y & !HIGH) + !HIGH) | y | !HIGH)
}

/// The first byte at or after `i` for which `bits` (a test of eight bytes at once, as
/// [`digit_bits`]) or, in the last few bytes, `one` (the same test of one byte) holds;
/// `b.len()` if none does.
#[inline]
pub(crate) fn next_where(
    b: &[u8],
    mut i: usize,
    bits: impl Fn(u64) -> u64,
    one: impl Fn(u8) -> bool,
) -> usize {
    while i + 8 <= b.len() {
        let m = bits(load(b, i));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !one(b[i]) {
        i += 1;
    }
    i.min(b.len())
}

/// The high bit of each byte of `x` in `lo..=hi` (both ASCII, `hi` below 0x7F), and no
/// other bit. No sum carries from one byte into the next (each is at most 0x7F + 0x80),
/// so the test is exact; a byte with its high bit set (a UTF-8 lead or continuation
/// byte, such as the B6 of `ö`) is never in the range.
#[inline]
pub(crate) fn range_bits(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & !HIGH;
    let at_least_lo = low + ONES * (0x80 - u64::from(lo));
    let above_hi = low + ONES * (0x80 - u64::from(hi) - 1);
    at_least_lo & !above_hi & !x & HIGH
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
pub(crate) fn alnum_bits(x: u64) -> u64 {
    digit_bits(x) | range_bits(x, b'A', b'Z') | range_bits(x, b'a', b'z')
}

/// The ASCII letters and digits that start the eight bytes of `x` (the first byte
/// lowest): how many they are, and whether one of them is a capital.
#[inline]
pub(crate) fn alnum_run(x: u64) -> (usize, bool) {
    let other = !alnum_bits(x) & HIGH;
    // Eight when every byte is one (64 trailing zeros).
    let n = (other.trailing_zeros() / 8) as usize;
    let run = if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 };
    (n, range_bits(x, b'A', b'Z') & run != 0)
}

/// The high bit of each byte of `x` that starts a character of two or more bytes in
/// UTF-8 (C0 to FF), and no other bit: shifted one bit up, each byte's bit 6 lands on
/// its own bit 7 (bit 7 goes to the next byte's bit 0, which the mask drops).
#[inline]
pub(crate) fn lead_bits(x: u64) -> u64 {
    x & (x << 1) & HIGH
}

/// The eight bytes of `b` from `i` (there must be eight) as one number, the first byte
/// lowest.
#[inline]
pub(crate) fn load(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The bits of the bytes of `w` for which `p` holds, as the tests give them.
    fn naive(w: u64, p: impl Fn(u8) -> bool) -> u64 {
        (0..8)
            .filter(|k| p(w.to_le_bytes()[*k]))
            .map(|k| 0x80u64 << (8 * k))
            .sum()
    }

    #[test]
    fn every_byte_value_is_told_right() {
        for x in 0..=255u8 {
            for w in [
                u64::from_le_bytes([b'a', x, 0xB6, x, 0, 0xFF, x, b'5']),
                u64::from_le_bytes([x; 8]),
            ] {
                assert_eq!(digit_bits(w), naive(w, |c| c.is_ascii_digit()), "{x:#x}");
                assert_eq!(byte_bits(w, 0xC2), naive(w, |c| c == 0xC2), "{x:#x}");
                assert_eq!(byte_bits(w, b'('), naive(w, |c| c == b'('), "{x:#x}");
                assert_eq!(
                    alnum_bits(w),
                    naive(w, |c| c.is_ascii_alphanumeric()),
                    "{x:#x}"
                );
                assert_eq!(lead_bits(w), naive(w, |c| c >= 0xC0), "{x:#x}");
                let bytes = w.to_le_bytes();
                let n = bytes
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let capital = bytes[..n].iter().any(u8::is_ascii_uppercase);
                assert_eq!(alnum_run(w), (n, capital), "{x:#x}");
                assert_eq!(
                    range_bits(w, b'A', b'Z'),
                    naive(w, |c| c.is_ascii_uppercase()),
                    "{x:#x}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn next_where_is_the_naive_search(
            bytes in proptest::collection::vec(
                proptest::sample::select(&[
                    b'a', b'0', b'9', b'/', b':', b'(', 0xC2, 0xA7, 0xB0, 0xB9, 0xFF, 0,
                ][..]),
                0..40,
            ),
            from in 0usize..44,
        ) {
            let naive = |p: &dyn Fn(u8) -> bool| {
                (from..bytes.len()).find(|&k| p(bytes[k])).unwrap_or(bytes.len())
            };
            prop_assert_eq!(
                next_where(&bytes, from, digit_bits, |c| c.is_ascii_digit()),
                naive(&|c: u8| c.is_ascii_digit())
            );
            prop_assert_eq!(
                next_where(
                    &bytes,
                    from,
                    |x| digit_bits(x) | byte_bits(x, 0xC2) | byte_bits(x, b'('),
                    |c| c.is_ascii_digit() || c == 0xC2 || c == b'(',
                ),
                naive(&|c: u8| c.is_ascii_digit() || c == 0xC2 || c == b'(')
            );
        }
    }
}
