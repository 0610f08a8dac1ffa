//! N-grams (clusters): every run of `n` words inside one passage, counted exactly, with
//! their range (statements, speakers, parts) and Gries' DP over parts of the caller's
//! choosing (Tifa's statistics use years). Here because it is a hot loop over every
//! word of a view, like search: this crate is optimised for speed.
//!
//! Two passes over the words: the first counts each n-gram; the second, for those
//! frequent enough, counts their statements, speakers and parts and sums DP. Keys are
//! the words' ids themselves (no hash stands in for them), so counts are exact.
//!
//! **DP** (Gries 2008; normalised by Lijffijt and Gries 2012): with `sᵢ` part i's share
//! of the words and `vᵢ` its share of the n-gram's occurrences,
//! `DP = ½ Σ |vᵢ − sᵢ|` and `DPnorm = DP / (1 − min sᵢ)`: 0 spread exactly as the words
//! are, 1 all in the smallest part. Parts with no words are not parts.
//!
//! ```
//! use tifa_core::ngrams::{count, Passage};
//! // Two parts of 4 words each; "a b" once in each.
//! let passages = [(0, [1, 2, 3, 4]), (1, [1, 2, 5, 6])];
//! let walk = |f: &mut dyn FnMut(Passage, &[u32])| {
//!     for (i, (part, words)) in passages.iter().enumerate() {
//!         f(Passage { statement: i as u32, speaker: 0, part: *part, starts: None, len: 2 }, words);
//!     }
//! };
//! let grams = count(&walk, 2, &[4, 4], 7, 2);
//! assert_eq!(grams.len(), 1);
//! assert_eq!((grams[0].words.as_slice(), grams[0].frequency, grams[0].dp), (&[1, 2][..], 2, Some(0.0)));
//! ```

use rustc_hash::{FxHashMap, FxHashSet};

/// The shortest and longest n-grams counted.
pub const MIN_N: usize = 2;
pub const MAX_N: usize = 8;

/// Where a passage's words belong.
#[derive(Debug, Clone, Copy)]
pub struct Passage<'s> {
    pub statement: u32,
    pub speaker: u32,
    /// Its part for DP (an index into the part sizes).
    pub part: u32,
    /// Only the n-grams starting at these words (sorted, distinct), when given.
    pub starts: Option<&'s [u32]>,
    /// Words in each n-gram of this passage (1 to [`MAX_N`]; a caller may count other
    /// units, such as characters, by choosing it per passage).
    pub len: usize,
}

/// An n-gram with its counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Gram {
    /// Its words' ids, in order.
    pub words: Vec<u32>,
    pub frequency: u32,
    /// The statements, speakers and parts it occurs in.
    pub statements: u32,
    pub speakers: u32,
    pub parts: u32,
    /// Its normalised DP; `None` when there is one part only (nothing to spread over).
    pub dp: Option<f64>,
}

/// Calls `f` for each passage to count, the same passages in the same order each time
/// it is called (twice): a statement's passages together, and **a part's passages
/// together** (DP sums each part once).
pub type Walk<'w> = dyn Fn(&mut dyn FnMut(Passage, &[u32])) + 'w;

/// The n-grams (each passage's `len` words, at most `longest`) that `walk` gives at
/// least `min` times, sorted by their words; `part_words` holds each part's words, and
/// every word id is below `vocabulary`.
pub fn count(
    walk: &Walk,
    min: u32,
    part_words: &[u64],
    vocabulary: usize,
    longest: usize,
) -> Vec<Gram> {
    // Word ids packed into one 128-bit key when they fit (an id + 1 each, 0 is none):
    // a quarter of the bytes to hash and store of a padded array.
    let bits = (usize::BITS - vocabulary.leading_zeros()).max(1);
    if longest.min(MAX_N) * bits as usize <= 128 {
        let encode = |w: &[u32]| {
            w.iter()
                .rev()
                .fold(0u128, |k, &id| (k << bits) | (id as u128 + 1))
        };
        let decode = |k: &u128| {
            let mut k = *k;
            let mut out = Vec::new();
            while k != 0 {
                out.push((k & ((1u128 << bits) - 1)) as u32 - 1);
                k >>= bits;
            }
            out
        };
        count_n(walk, min, part_words, encode, decode)
    } else {
        let encode = |w: &[u32]| {
            let mut key = [u32::MAX; MAX_N];
            key[..w.len()].copy_from_slice(w);
            key
        };
        let decode = |k: &Key| k.iter().copied().take_while(|&w| w != u32::MAX).collect();
        count_n(walk, min, part_words, encode, decode)
    }
}

/// An n-gram's words, padded to [`MAX_N`] (one key type for every length: one copy of
/// the counting code in the Wasm).
type Key = [u32; MAX_N];

/// Each n-gram of `words` (with the starts allowed): `f(its words)`.
fn each(p: &Passage, words: &[u32], mut f: impl FnMut(&[u32])) {
    let n = p.len.clamp(1, MAX_N);
    if words.len() < n {
        return;
    }
    let mut at = |s: usize| {
        if let Some(w) = words.get(s..s + n) {
            f(w);
        }
    };
    match p.starts {
        Some(starts) => starts.iter().for_each(|&s| at(s as usize)),
        None => (0..=words.len() - n).for_each(at),
    }
}

/// What the second pass keeps of an n-gram.
#[derive(Default, Clone, Copy)]
struct Spread {
    frequency: u32,
    statements: u32,
    parts: u32,
    /// The last statement and part it was seen in, and its count in that part.
    last_statement: Option<u32>,
    last_part: Option<u32>,
    in_part: u32,
    /// Σ (|vᵢ − sᵢ| − sᵢ) over the parts seen (the parts not seen add sᵢ each).
    sum: f64,
}

fn count_n<K: std::hash::Hash + Eq + Copy>(
    walk: &Walk,
    min: u32,
    part_words: &[u64],
    encode: impl Fn(&[u32]) -> K,
    decode: impl Fn(&K) -> Vec<u32>,
) -> Vec<Gram> {
    let mut frequency: FxHashMap<K, u32> = FxHashMap::default();
    walk(&mut |p, words| {
        each(&p, words, |g| *frequency.entry(encode(g)).or_insert(0) += 1);
    });
    let mut kept: FxHashMap<K, u32> = FxHashMap::default();
    let mut spread = Vec::new();
    for (g, f) in frequency {
        if f >= min.max(1) {
            kept.insert(g, spread.len() as u32);
            spread.push(Spread {
                frequency: f,
                ..Spread::default()
            });
        }
    }
    let total: u64 = part_words.iter().sum();
    let share = |part: u32| {
        part_words.get(part as usize).copied().unwrap_or(0) as f64 / total.max(1) as f64
    };
    let flush = |s: &mut Spread| {
        if let Some(part) = s.last_part {
            let (v, si) = (s.in_part as f64 / s.frequency as f64, share(part));
            s.sum += (v - si).abs() - si;
        }
    };
    let mut speakers: FxHashSet<(u32, u32)> = FxHashSet::default();
    walk(&mut |p, words| {
        each(&p, words, |g| {
            let Some(&i) = kept.get(&encode(g)) else {
                return;
            };
            let s = &mut spread[i as usize];
            if s.last_statement != Some(p.statement) {
                s.statements += 1;
                s.last_statement = Some(p.statement);
                speakers.insert((i, p.speaker));
            }
            if s.last_part != Some(p.part) {
                flush(s);
                s.parts += 1;
                s.last_part = Some(p.part);
                s.in_part = 0;
            }
            s.in_part += 1;
        });
    });
    let mut by_speakers = vec![0u32; spread.len()];
    for (i, _) in speakers {
        by_speakers[i as usize] += 1;
    }
    let parts = part_words.iter().filter(|&&w| w > 0).count();
    let smallest = part_words
        .iter()
        .filter(|&&w| w > 0)
        .map(|&w| w as f64 / total.max(1) as f64)
        .fold(1.0, f64::min);
    let mut grams: Vec<Gram> = kept
        .into_iter()
        .map(|(g, i)| {
            let s = &mut spread[i as usize];
            flush(s);
            // The parts not seen: each adds its whole share.
            let dp = 0.5 * (s.sum + 1.0);
            Gram {
                words: decode(&g),
                frequency: s.frequency,
                statements: s.statements,
                speakers: by_speakers[i as usize],
                parts: s.parts,
                dp: (parts > 1).then(|| (dp / (1.0 - smallest)).clamp(0.0, 1.0)),
            }
        })
        .collect();
    grams.sort_unstable_by(|a, b| a.words.cmp(&b.words));
    grams
}

/// Gries' DP, normalised, of an item seen `counts[i]` times in part i of `sizes[i]`
/// words (the same formula as the n-grams'); `None` with fewer than two parts that hold
/// words, or no occurrence.
///
/// ```
/// use tifa_core::ngrams::dp;
/// // Parts of 50 and 50 words; all 4 occurrences in the first: DP 0.5, normalised 1.
/// assert_eq!(dp(&[4, 0], &[50, 50]), Some(1.0));
/// assert_eq!(dp(&[2, 2], &[50, 50]), Some(0.0));
/// assert_eq!(dp(&[3], &[50]), None);
/// // docs/statistics.md's worked example: 3, 2 and 0 times in parts of 100, 200 and
/// // 700 words: DP 0.7, normalised 0.7 / 0.9.
/// assert_eq!(format!("{:.3}", dp(&[3, 2, 0], &[100, 200, 700]).unwrap()), "0.778");
/// ```
pub fn dp(counts: &[u64], sizes: &[u64]) -> Option<f64> {
    let total: u64 = sizes.iter().sum();
    let frequency: u64 = counts.iter().sum();
    let parts = sizes.iter().filter(|&&w| w > 0).count();
    if parts < 2 || frequency == 0 {
        return None;
    }
    let mut sum = 0.0;
    let mut smallest = 1.0f64;
    for (i, &w) in sizes.iter().enumerate().filter(|(_, &w)| w > 0) {
        let s = w as f64 / total as f64;
        let v = counts.get(i).copied().unwrap_or(0) as f64 / frequency as f64;
        sum += (v - s).abs();
        smallest = smallest.min(s);
    }
    Some((0.5 * sum / (1.0 - smallest)).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Packed keys and padded keys count the same.
    #[test]
    fn both_keys_count_alike() {
        let passages: Vec<(u32, Vec<u32>)> = (0..40)
            .map(|i| (i % 3, (0..30).map(|w| (w * 7 + i) % 11).collect()))
            .collect();
        let walk = |f: &mut dyn FnMut(Passage, &[u32])| {
            for (i, (part, words)) in passages.iter().enumerate() {
                let p = Passage {
                    statement: i as u32 / 2,
                    speaker: i as u32 % 5,
                    part: *part,
                    starts: None,
                    len: 4,
                };
                f(p, words);
            }
        };
        let sizes = [400, 400, 400];
        let packed = count(&walk, 1, &sizes, 11, 4);
        let padded = count(&walk, 1, &sizes, 1 << 30, 8);
        assert!(!packed.is_empty());
        assert_eq!(packed, padded);
        assert!(packed.iter().all(|g| g.words.len() == 4));
    }
}
