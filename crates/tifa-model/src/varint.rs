//! Unsigned LEB128 varints, the one reader and writer of every packed list: the index's
//! postings, the formulations' statement lists and the reuse links.
//!
//! ```
//! use tifa_model::varint::{get, put};
//! let mut bytes = Vec::new();
//! put(&mut bytes, 300);
//! assert_eq!(bytes, [0xac, 0x02]);
//! let mut at = 0;
//! assert_eq!(get(&bytes, &mut at), Some(300));
//! assert_eq!(get(&bytes, &mut at), None); // the end
//! assert_eq!(get(&[0x80], &mut 0), None); // truncated
//! ```

/// Appends `v` as a varint: 7 bits a byte, low bits first, the high bit set on every
/// byte but the last.
#[inline]
pub fn put(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads the varint at `*at` and moves past it; `None` at the end of `bytes`, for a
/// truncated varint, or for one longer than a `u32` holds (five bytes).
#[inline]
pub fn get(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let (mut v, mut shift) = (0u32, 0);
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_width_round_trips() {
        let values = [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ];
        let mut bytes = Vec::new();
        for &v in &values {
            put(&mut bytes, v);
        }
        let mut at = 0;
        let back: Vec<u32> = std::iter::from_fn(|| get(&bytes, &mut at)).collect();
        assert_eq!(back, values);
        assert_eq!(at, bytes.len());
    }

    #[test]
    fn bad_bytes_end_the_list_and_never_panic() {
        // Truncated, and six continuation bytes (past 32 bits).
        for bad in [&[0xff][..], &[0x80, 0x80], &[0xff; 6]] {
            assert_eq!(get(bad, &mut 0), None, "{bad:?}");
        }
        // The written form of 2^32 - 1 is the longest accepted.
        assert_eq!(get(&[0xff, 0xff, 0xff, 0xff, 0x0f], &mut 0), Some(u32::MAX));
    }
}
