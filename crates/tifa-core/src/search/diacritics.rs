//! Diacritic folding for Latin letters: a precomposed letter maps to its base letter.
//!
//! The table (`diacritics_table.rs`) is generated from the Unicode data of the
//! `unicode-normalization` crate (NFD, combining marks dropped, ASCII base letter kept)
//! over Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional: the 488
//! letters that decompose that way. Kept as a table rather than that crate, whose tables
//! cost ~87 KB of the Wasm bundle. Regenerate it with
//! `TIFA_REGENERATE=1 cargo test -p tifa-core --test generated`; without the variable
//! that test fails when the file is not what the generator writes.

include!("diacritics_table.rs");

/// The ASCII base letter of a precomposed Latin letter, if it has one.
pub(super) fn latin_base(c: char) -> Option<char> {
    LATIN_BASE
        .binary_search_by_key(&(c as u32), |&(cp, _)| cp)
        .ok()
        .map(|i| LATIN_BASE[i].1 as char)
}

/// Combining diacritical marks (the blocks used with Latin, Greek and Cyrillic letters),
/// dropped when text arrives decomposed. Marks of other scripts (Devanagari, Thai, …)
/// are parts of their letters and are kept.
pub(super) fn is_latin_diacritic(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}
