//! The miners: what the compiler finds in a corpus for the reader to follow, stored in
//! the discoveries blob (`tifa_core::discover` holds its schema and its reading).
//!
//! - [`formulations`]: recurring formulations (the rules in its documentation), over
//!   the token stream cut at sentences and kinds ([`flat`]), counted level by level
//!   ([`count`]) and shown as written ([`written`]).
//! - [`reuse`]: passages of different statements that share a long run of words.

pub mod count;
pub mod flat;
pub mod formulations;
pub mod reuse;
pub mod written;

pub use formulations::mine;
pub use reuse::pairs;

use tifa_core::discover::{Discoveries, ReuseIndex};
use tifa_core::search::index::Index;
use tifa_model::{Corpus, Kinds};

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
    /// use tifa_compile::mine::Settings;
    /// let s = Settings::default();
    /// assert_eq!((s.statements_needed(12), s.statements_needed(25_000)), (2, 25));
    /// ```
    pub fn statements_needed(&self, n: usize) -> u32 {
        self.min_statements
            .unwrap_or_else(|| (n as u32).div_ceil(1000).max(2))
    }
}

/// Mines a corpus through its index: its formulations and its reused passages.
pub fn discoveries(corpus: &Corpus, index: &Index, settings: &Settings) -> Discoveries<'static> {
    Discoveries {
        formulations: mine(corpus, index, settings),
        reuse: ReuseIndex::build(corpus.statements.len(), &pairs(corpus, index, settings)),
        kinds: settings.kinds,
    }
}
