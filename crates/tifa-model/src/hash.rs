//! The hashes Tifa computes, each once: FNV-1a over bytes (the corpus version, a word in
//! a comparison) and the polynomial rolling hash of word runs (the miners' n-grams and
//! reused passages).
//!
//! ```
//! use tifa_model::hash::{fnv1a, Rolling};
//! assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
//! // A run's rolling hash is the same however it was reached.
//! let words = [4, 8, 15, 16, 23];
//! let r = Rolling::new(&words, 4);
//! assert_eq!(r.of(1, 3), Rolling::hash_of(&words[1..4]));
//! ```

/// FNV-1a, 64 bits: the offset basis and prime of its definition.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The FNV-1a hash of `bytes`.
#[inline]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// The base of the rolling hash of word runs (word ids, each + 1 so that id 0 counts).
pub const ROLLING_BASE: u64 = FNV_PRIME;

/// Prefix hashes of a sequence of word ids: the hash of any run (up to a longest
/// length) in O(1).
pub struct Rolling {
    /// `prefix[i]`: the hash of `words[..i]`.
    prefix: Vec<u64>,
    /// `power[n]`: the base to the n, for runs up to the longest.
    power: Vec<u64>,
}

impl Rolling {
    /// The prefix hashes of `words`, for runs of at most `longest` words.
    pub fn new(words: &[u32], longest: usize) -> Rolling {
        let mut prefix = Vec::with_capacity(words.len() + 1);
        prefix.push(0);
        for &w in words {
            prefix.push(Rolling::step(prefix[prefix.len() - 1], w));
        }
        let power = (0..=longest)
            .scan(1u64, |p, _| {
                let here = *p;
                *p = p.wrapping_mul(ROLLING_BASE);
                Some(here)
            })
            .collect();
        Rolling { prefix, power }
    }

    /// The hash of `words[i..i + n]` (`n` at most the longest given to [`Rolling::new`]).
    #[inline]
    pub fn of(&self, i: usize, n: usize) -> u64 {
        self.prefix[i + n].wrapping_sub(self.prefix[i].wrapping_mul(self.power[n]))
    }

    /// The hash of a run given by itself (equal to [`Rolling::of`] of its place).
    pub fn hash_of(run: &[u32]) -> u64 {
        run.iter().fold(0, |h, &w| Rolling::step(h, w))
    }

    /// `h` extended by one word.
    #[inline]
    pub fn step(h: u64, w: u32) -> u64 {
        h.wrapping_mul(ROLLING_BASE).wrapping_add(u64::from(w) + 1)
    }

    /// `h`, the hash of a run of `n` words starting with `first`, without that word:
    /// `top` is `ROLLING_BASE^(n-1)` ([`Rolling::top`]).
    #[inline]
    pub fn drop_first(h: u64, first: u32, top: u64) -> u64 {
        h.wrapping_sub((u64::from(first) + 1).wrapping_mul(top))
    }

    /// `ROLLING_BASE^n`.
    pub fn top(n: usize) -> u64 {
        (0..n).fold(1u64, |p, _| p.wrapping_mul(ROLLING_BASE))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // From the FNV reference test suite (FNV-1a, 64 bits).
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_window_rolled_along_equals_each_run_hashed_alone() {
        let words: Vec<u32> = (0..40).map(|i| (i * 7919) % 13).collect();
        let n = 5;
        let top = Rolling::top(n - 1);
        let mut h = Rolling::hash_of(&words[..n]);
        for i in 1..=words.len() - n {
            h = Rolling::step(Rolling::drop_first(h, words[i - 1], top), words[i + n - 1]);
            assert_eq!(h, Rolling::hash_of(&words[i..i + n]), "at {i}");
        }
    }
}
