//! What the compiler finds in a corpus for the reader to follow: recurring
//! formulations (runs of words many statements share) and reused passages (long runs
//! copied between statements). Mined natively when the blobs are written, from the
//! index's token stream, and stored in the discoveries blob (`blob::encode_discoveries`),
//! a file of its own beside the Wasm: the page mines nothing.
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

pub use formulations::{glue, is_function_word, mine, score, spread, Recurring, FOLD, MAX_WORDS};
pub use reuse::{pairs, Link, Reuse, ReuseIndex, Run};

use crate::search::index::{Bytes, Index};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use tifa_model::Corpus;
use tifa_model::Kinds;

/// The thresholds of the mining (a corpus folder may set them in `mining.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Fewest words in a formulation (written in words).
    pub min_words: u32,
    /// Fewest characters in a formulation written in Chinese, Japanese or Korean.
    pub min_chars: u32,
    /// Fewest statements a formulation occurs in; `None`: one per thousand statements
    /// of the corpus, at least 2.
    pub min_statements: Option<u32>,
    /// Most formulations kept (the best ranked).
    pub max_formulations: u32,
    /// Fewest words two passages must share in a row to count as reuse.
    pub reuse_words: u32,
    /// The passage kinds formulations are mined from (the speaker's own words unless
    /// `mining.toml` says otherwise).
    pub kinds: Kinds,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            min_words: 3,
            min_chars: 6,
            min_statements: None,
            max_formulations: 500,
            reuse_words: 8,
            kinds: Kinds::OWN_WORDS,
        }
    }
}

impl Settings {
    /// The fewest statements for a corpus of `n` statements.
    ///
    /// ```
    /// use tifa_core::discover::Settings;
    /// let s = Settings::default();
    /// assert_eq!((s.statements_needed(12), s.statements_needed(25_000)), (2, 25));
    /// ```
    pub fn statements_needed(&self, n: usize) -> u32 {
        self.min_statements
            .unwrap_or_else(|| (n as u32).div_ceil(1000).max(2))
    }
}

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
    /// Mines a corpus through its index.
    pub fn build(corpus: &Corpus, index: &Index, settings: &Settings) -> Discoveries<'static> {
        Discoveries {
            formulations: mine(corpus, index, settings),
            reuse: ReuseIndex::build(corpus.statements.len(), &pairs(corpus, index, settings)),
            kinds: settings.kinds,
        }
    }

    /// Whether the stored tables fit the corpus (checked on decode; statements named
    /// are checked again where they are read, so a bad entry is skipped, not a panic).
    pub fn is_valid_for(&self, corpus: &Corpus) -> bool {
        self.reuse.is_valid_for(corpus.statements.len())
    }
}

/// Statement numbers (ascending) as varint deltas.
fn delta_bytes(list: &[u32]) -> Bytes<'static> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut prev = 0;
    for (i, &s) in list.iter().enumerate() {
        let mut v = if i == 0 { s } else { s - prev };
        prev = s;
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }
    Bytes(Cow::Owned(out))
}

/// The list [`delta_bytes`] wrote (a truncated or over-long varint ends the list).
fn delta_list(bytes: &[u8]) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut at, mut prev) = (0, 0u32);
    while let Some(v) = reuse::get(bytes, &mut at) {
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
