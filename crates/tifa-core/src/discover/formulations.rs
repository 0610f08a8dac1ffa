//! One recurring formulation as the discoveries store it, and the measures it is
//! ranked by. The compiler's miner (`tifa-compile`, `mine::formulations`) finds them;
//! its rules are in that module's documentation.

use crate::discover::delta_list;
use crate::search::index::Bytes;
use serde::{Deserialize, Serialize};
use tifa_model::Text;

/// Longest run listed, in words: longer shared runs are copied passages (reuse).
pub const MAX_WORDS: usize = 12;

/// The share of a run's statements a longer run holding it must occur in for the
/// shorter to be folded into it.
pub const FOLD: f64 = 0.8;

/// One recurring formulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recurring<'a> {
    /// As written in the text, in its most frequent form, when that reads back to its
    /// words as a quoted phrase (`China’s human rights progress`); else its folded words
    /// (`for mankind`). Either way the tracker reads it inside quotes as the same words.
    #[serde(borrow)]
    pub phrase: Text<'a>,
    /// Its length in tokens.
    pub words: u32,
    /// The statements it occurs in (see [`Recurring::statement_list`]).
    #[serde(borrow)]
    pub statements: Bytes<'a>,
    /// Its group of variants (an index shared by runs one or two words apart).
    pub group: u32,
    /// How formulaic it is: its [`glue`], from 0 to 1.
    pub glue: f32,
    /// Written as a name or a title (listed after the formulations).
    pub name: bool,
}

impl Recurring<'_> {
    /// The statements it occurs in, in corpus order.
    pub fn statement_list(&self) -> Vec<u32> {
        delta_list(&self.statements.0)
    }
}

/// How widely a formulation is used: speakers × years × log2(1 + documents).
///
/// ```
/// use tifa_core::discover::spread;
/// assert_eq!(spread(2, 3, 1), 6.0);
/// assert!(spread(1, 1, 40) < spread(2, 2, 3));
/// ```
pub fn spread(speakers: usize, years: usize, documents: usize) -> f64 {
    speakers as f64 * years.max(1) as f64 * (1.0 + documents as f64).log2()
}

/// The rank of a listed run: its glue times how widely it travels, each count on a log
/// scale so that a run of many statements does not win by its count alone:
/// glue × (1 + log2 speakers) × (1 + log2 years) × log2(1 + documents).
///
/// ```
/// use tifa_core::discover::score;
/// assert_eq!(score(0.5, 1, 1, 1), 0.5);
/// assert_eq!(score(0.5, 2, 4, 3), 0.5 * 2.0 * 3.0 * 2.0);
/// ```
pub fn score(glue: f64, speakers: usize, years: usize, documents: usize) -> f64 {
    let log = |n: usize| (n.max(1) as f64).log2();
    glue * (1.0 + log(speakers)) * (1.0 + log(years)) * log(documents + 1)
}

/// The glue of a run: its fair symmetric conditional probability (SCP_f, da Silva &
/// Lopes 1999), f(w1…wn)² / avg over i of f(w1…wi) × f(wi+1…wn), from the runs'
/// occurrences. 1 when its parts never occur apart; near 0 when a part occurs
/// everywhere (a function word at its edge, a name inside common prose).
///
/// ```
/// use tifa_core::discover::glue;
/// // A run of 10 whose parts occur only inside it, and one whose first word is in
/// // 1,000 other places.
/// assert_eq!(glue(10, &[(10, 10), (10, 10)]), 1.0);
/// assert!(glue(10, &[(1000, 10), (10, 10)]) < 0.02);
/// ```
pub fn glue(whole: u32, splits: &[(u32, u32)]) -> f64 {
    if splits.is_empty() {
        return 0.0;
    }
    let avg = splits
        .iter()
        .map(|&(l, r)| l as f64 * r as f64)
        .sum::<f64>()
        / splits.len() as f64;
    if avg <= 0.0 {
        return 0.0;
    }
    (whole as f64 * whole as f64 / avg).min(1.0)
}
