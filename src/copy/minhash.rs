//! MinHash signatures and their LSH band keys.
//!
//! A signature is, for each of [`NUM_PERM`] hash functions, the least value that
//! function takes over a text's shingle hashes; two texts agree in one position with
//! probability equal to their Jaccard similarity. Cut into [`BANDS`] bands of [`ROWS`]
//! rows, two texts become candidates when any band is equal, with probability
//! `1 - (1 - J^ROWS)^BANDS`: 0.9999 at J = 0.8, 0.99 at 0.7, 0.55 at 0.5 and 0.06 at
//! 0.3. The band threshold `(1/BANDS)^(1/ROWS)` ≈ 0.53 lies well below 0.8 on purpose:
//! candidates are then verified (see `index.rs`), so a low threshold costs a little
//! verification time and buys recall at 0.8 (`shared/notes/copy-detection.md`: 9 × 13
//! bands found only 40 % of the pairs at exactly 0.8).
//!
//! Hash function `i` maps a shingle hash `x` to the high 32 bits of `a_i·x + b_i`
//! (wrapping 64-bit arithmetic), with odd `a_i` and `b_i` drawn from a splitmix64
//! sequence started at [`PERM_SEED`]. Band `j`'s key is the low 32 bits of xxh3-64,
//! seeded with `BAND_SEED + j`, of its [`ROWS`] values as little-endian `u32`s.
//! INVARIANT: these constants are part of the index format; changing any of them needs
//! a new format version.

use std::sync::LazyLock;

use xxhash_rust::xxh3::xxh3_64_with_seed;

pub const NUM_PERM: usize = 128;
pub const BANDS: usize = 25;
pub const ROWS: usize = 5;
pub const PERM_SEED: u64 = 0x0b5e_5107_5c0f_f1e5;
pub const BAND_SEED: u64 = 0x00ba_0d5e_ed00_0000;

pub type Signature = [u32; NUM_PERM];

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

static PERMS: LazyLock<([u64; NUM_PERM], [u64; NUM_PERM])> = LazyLock::new(|| {
    let mut s = PERM_SEED;
    let mut a = [0u64; NUM_PERM];
    let mut b = [0u64; NUM_PERM];
    for i in 0..NUM_PERM {
        a[i] = splitmix64(&mut s) | 1;
        b[i] = splitmix64(&mut s);
    }
    (a, b)
});

/// The MinHash signature of a set of shingle hashes (all `u32::MAX` for an empty set).
pub fn signature(shingles: &[u64]) -> Signature {
    let (a, b) = &*PERMS;
    let mut sig = [u32::MAX; NUM_PERM];
    for &x in shingles {
        for i in 0..NUM_PERM {
            let h = (a[i].wrapping_mul(x).wrapping_add(b[i]) >> 32) as u32;
            sig[i] = sig[i].min(h);
        }
    }
    sig
}

/// The [`BANDS`] LSH keys of a signature.
pub fn band_keys(sig: &Signature) -> [u32; BANDS] {
    let mut keys = [0u32; BANDS];
    let mut buf = [0u8; 4 * ROWS];
    for (j, key) in keys.iter_mut().enumerate() {
        for r in 0..ROWS {
            buf[r * 4..r * 4 + 4].copy_from_slice(&sig[j * ROWS + r].to_le_bytes());
        }
        *key = xxh3_64_with_seed(&buf, BAND_SEED + j as u64) as u32;
    }
    keys
}

/// Estimated Jaccard similarity: the share of positions where two signatures agree.
pub fn estimate(a: &Signature, b: &Signature) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / NUM_PERM as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_tracks_jaccard() {
        let a: Vec<u64> = (0..400u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        // b shares 300 of a's 400 elements and adds 100 others: J = 300 / 500 = 0.6.
        let b: Vec<u64> = a[100..]
            .iter()
            .copied()
            .chain((1000..1100u64).map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            .collect();
        let e = estimate(&signature(&a), &signature(&b));
        assert!((e - 0.6).abs() < 0.15, "{e}");
        assert_eq!(band_keys(&signature(&a)), band_keys(&signature(&a)));
    }
}
