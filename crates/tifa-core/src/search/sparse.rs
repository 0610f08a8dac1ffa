//! A statement's passages rebuilt from the places of some words, for the sharded
//! packing, where a search has its words' runs but not the statement's token stream:
//! each passage holds those words where they stand and [`UNKNOWN`] everywhere else.
//! A pattern made of those words (and gaps) matches there exactly where it matches in
//! the whole passage, since a word it asks for is never unknown, and a gap takes any
//! word; so the one matching core reads either.

use super::field::{Place, Places};
use super::index::Index;
use tifa_model::PassageKind;

/// A word the rebuilt passage does not know (no term has this id).
pub const UNKNOWN: u32 = u32::MAX;

/// The longest passage rebuilt, in words: a place past it is a damaged piece's, and
/// dropped rather than allocated for (a paragraph runs to hundreds of words).
pub const LONGEST: u32 = 1 << 20;

/// Rebuilds statements' passages from the places of a set of exact terms.
pub struct Sparse<'i> {
    places: Vec<(u32, Places<'i>)>,
    found: Vec<Place>,
    all: Vec<(u32, u32, u8, u32)>,
    words: Vec<u32>,
}

impl<'i> Sparse<'i> {
    /// For the exact terms `ids` (duplicates are read once).
    pub fn new(index: &'i Index, ids: impl IntoIterator<Item = u32>) -> Sparse<'i> {
        let mut ids: Vec<u32> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        Sparse {
            places: ids
                .into_iter()
                .map(|id| (id, index.exact.places(id as usize)))
                .collect(),
            found: Vec::new(),
            all: Vec::new(),
            words: Vec::new(),
        }
    }

    /// Statement `s`'s passages that hold any of the words: `f(passage index, its kind,
    /// its words)` until it returns false (a passage is as long as its last known
    /// word). Cheapest asked in rising order of `s`.
    pub fn each_passage(&mut self, s: u32, mut f: impl FnMut(usize, PassageKind, &[u32]) -> bool) {
        self.all.clear();
        for (id, places) in &mut self.places {
            self.found.clear();
            if places.at(s, &mut self.found) {
                self.all
                    .extend(self.found.iter().map(|p| (p.passage, p.word, p.kind, *id)));
            }
        }
        self.all.sort_unstable();
        let mut rest = &self.all[..];
        while let Some(&(passage, _, kind, _)) = rest.first() {
            let here = rest.iter().take_while(|x| x.0 == passage).count();
            let (these, after) = rest.split_at(here);
            rest = after;
            let len = these.last().map_or(0, |x| x.1 as usize + 1);
            self.words.clear();
            self.words.resize(len, UNKNOWN);
            for &(_, word, _, id) in these {
                self.words[word as usize] = id;
            }
            let kind = PassageKind::ALL[kind as usize & 3];
            if !f(passage as usize, kind, &self.words) {
                return;
            }
        }
    }
}
