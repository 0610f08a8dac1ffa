//! What the compiler finds in a corpus for the reader to follow: recurring
//! formulations (runs of words many statements share) and reused passages (long runs
//! copied between statements), as they are stored and read. Mined natively by the
//! compiler (`tifa-compile`, `mine`) from the index's token stream, and stored in the
//! discoveries blob (`blob::encode_discoveries`), a file of its own beside the Wasm:
//! the page mines nothing.
//!
//! ```text
//! Discoveries (postcard, the payload of the discoveries blob)
//! ├── formulations: Vec<Recurring>   most spread first
//! │     phrase: str                  the run as written (or its folded words), which the
//! │                                  tracker reads as a quoted phrase of the same words
//! │     words: u32                   its length in tokens
//! │     statements: bytes            varint deltas of the statements it occurs in
//! │     group: u32                   variants share a group (one or two words apart)
//! │     glue: f32                    how formulaic it is (formulations::glue)
//! ├── reuse: ReuseIndex              per statement, its links to later statements'
//!       starts: Vec<u32>             passages (each pair once; the links back are
//!                                    found on first use); n + 1 offsets into bytes
//!       bytes: bytes                 per link: varint (other statement − this one),
//!                                    passage here, passage there, run count; per run:
//!                                    varint word here, word there, length (reuse.rs)
//! └── kinds: u8                      the passage kinds formulations were mined from
//!                                    (bits: quote 1, reported 2, narration 4, question 8)
//! ```

mod formulations;
mod reuse;

pub use formulations::{glue, score, spread, Recurring, FOLD, MAX_WORDS};
pub use reuse::{Link, Reuse, ReuseIndex, Run, MAX_PARTNERS, MAX_SHARING};

use crate::search::index::Bytes;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use tifa_model::Corpus;
use tifa_model::Kinds;

/// What the compiler found.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Discoveries<'a> {
    #[serde(borrow)]
    pub formulations: Vec<Recurring<'a>>,
    #[serde(borrow)]
    pub reuse: ReuseIndex<'a>,
    /// The passage kinds the formulations were mined from (and their statements counted
    /// in).
    pub kinds: Kinds,
}

impl Discoveries<'_> {
    /// Whether the stored tables fit the corpus (checked on decode; statements named
    /// are checked again where they are read, so a bad entry is skipped, not a panic).
    pub fn is_valid_for(&self, corpus: &Corpus) -> bool {
        self.reuse.is_valid_for(corpus.statements.len())
    }
}

/// Statement numbers (ascending) as varint deltas.
pub fn delta_bytes(list: &[u32]) -> Bytes<'static> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut prev = 0;
    for (i, &s) in list.iter().enumerate() {
        tifa_model::varint::put(&mut out, if i == 0 { s } else { s - prev });
        prev = s;
    }
    Bytes(Cow::Owned(out))
}

/// The list [`delta_bytes`] wrote (a truncated or over-long varint ends the list).
pub(crate) fn delta_list(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut at, mut prev) = (0, 0u32);
    while let Some(v) = tifa_model::varint::get(bytes, &mut at) {
        prev = if out.is_empty() {
            v
        } else {
            prev.saturating_add(v)
        };
        out.push(prev);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_lists_round_trip() {
        for list in [vec![], vec![0], vec![3, 4, 200, 70_000, 70_001]] {
            assert_eq!(delta_list(&delta_bytes(&list).0), list);
        }
        assert_eq!(delta_list(&[0x80]), Vec::<u32>::new());
        // Regression: six continuation bytes shifted past 32 bits (a panic in debug).
        assert_eq!(delta_list(&[0xff; 8]), Vec::<u32>::new());
        assert_eq!(
            delta_list(&[5, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            vec![5]
        );
    }
}
