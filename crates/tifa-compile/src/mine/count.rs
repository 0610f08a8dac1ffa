//! Counting runs level by level, and the candidates left once runs inside longer runs
//! are folded away.
//!
//! Level n counts the runs of n words of one sentence whose two runs of n − 1 words are
//! shared (`alive`), so the work and memory at each level follow the runs still shared,
//! not the corpus's length times the level: a long text copied between two documents
//! costs its length once per level, up to [`super::MAX_WORDS`] + 1.

use super::flat::Flat;
use rustc_hash::FxHashMap;

/// A run counted over the corpus.
#[derive(Clone, Copy)]
pub(crate) struct Stat {
    /// Occurrences (within sentences).
    pub occurrences: u32,
    /// Statements it occurs in.
    pub statements: u32,
    /// Where it was first seen (its words).
    pub at: u32,
}

/// While counting: the statements and documents seen so far.
#[derive(Clone, Copy)]
struct Count {
    stat: Stat,
    last: u32,
    document: u32,
    documents: bool,
}

/// The shared runs of each length: `levels[n]` holds runs of n words (0 is empty; 1 is
/// indexed by term id through [`Levels::words`]).
pub(crate) struct Levels {
    /// Occurrences of each exact term in the mined passages.
    pub words: Vec<u32>,
    pub runs: Vec<FxHashMap<u64, Stat>>,
}

impl Levels {
    /// Occurrences of `flat.words[at..at + n]` (0 when it is not shared).
    pub fn occurrences(&self, flat: &Flat, at: usize, n: usize) -> u32 {
        if n == 1 {
            return self.words[flat.words[at] as usize];
        }
        self.runs
            .get(n)
            .and_then(|level| level.get(&flat.hash(at, n)))
            .map_or(0, |s| s.occurrences)
    }
}

/// Counts the runs of 1 to `longest` words shared by at least `need` statements of
/// two documents or more (`document(s)`: statement s's document).
pub(crate) fn levels(
    flat: &Flat,
    terms: usize,
    need: u32,
    longest: usize,
    document: impl Fn(u32) -> u32,
) -> Levels {
    let new = |at: u32, s: u32| Count {
        stat: Stat {
            occurrences: 0,
            statements: 0,
            at,
        },
        last: u32::MAX,
        document: document(s),
        documents: false,
    };
    let add = |c: &mut Count, s: u32| {
        c.stat.occurrences += 1;
        if c.last != s {
            c.last = s;
            c.stat.statements += 1;
            c.documents |= document(s) != c.document;
        }
    };
    let shared = |c: &Count| c.stat.statements >= need && c.documents;

    // Single words, by term id.
    let mut words: Vec<Option<Count>> = vec![None; terms];
    for p in &flat.passages {
        for i in p.start..p.end {
            let w = flat.words[i as usize] as usize;
            let c = words[w].get_or_insert_with(|| new(i, p.statement));
            add(c, p.statement);
        }
    }
    let occurrences = words
        .iter()
        .map(|c| c.map_or(0, |c| c.stat.occurrences))
        .collect();
    // `alive[i]`: the run of the last level's length at i is shared.
    let mut alive: Vec<bool> = flat
        .words
        .iter()
        .map(|&w| words[w as usize].is_some_and(|c| shared(&c)))
        .collect();
    drop(words);

    let mut runs: Vec<FxHashMap<u64, Stat>> = vec![FxHashMap::default(), FxHashMap::default()];
    for n in 2..=longest {
        let mut counts: FxHashMap<u64, Count> = FxHashMap::default();
        for &(start, end, s) in &flat.sentences {
            let (start, end) = (start as usize, end as usize);
            if end - start < n {
                continue;
            }
            for i in start..=end - n {
                if alive[i] && alive[i + 1] {
                    let c = counts
                        .entry(flat.hash(i, n))
                        .or_insert_with(|| new(i as u32, s));
                    add(c, s);
                }
            }
        }
        counts.retain(|_, c| shared(c));
        if counts.is_empty() {
            break;
        }
        // The runs of this length at each place, for the next level.
        let mut next = vec![false; alive.len()];
        for &(start, end, _) in &flat.sentences {
            let (start, end) = (start as usize, end as usize);
            if end - start < n {
                continue;
            }
            for i in start..=end - n {
                next[i] = alive[i] && alive[i + 1] && counts.contains_key(&flat.hash(i, n));
            }
        }
        alive = next;
        runs.push(counts.into_iter().map(|(h, c)| (h, c.stat)).collect());
    }
    Levels {
        words: occurrences,
        runs,
    }
}

/// The runs that may be listed: of `shortest` to `longest` − 1 words, `qualifies`, and
/// not folded into a longer run. A run is folded when a longer run holding it (one word
/// longer, or through a chain of such runs) that is itself listed, or is a run of
/// `longest` words (a copied passage, shown as reuse), occurs in at least `fold` of its
/// statements. Returns (at, n) of each.
pub(crate) fn candidates(
    flat: &Flat,
    levels: &Levels,
    shortest: usize,
    longest: usize,
    fold: f64,
    qualifies: impl Fn(usize, usize) -> bool,
) -> Vec<(u32, usize)> {
    let top = levels.runs.len().saturating_sub(1).min(longest);
    let mut out = Vec::new();
    // The statements of the run each folded run is folded into (its anchor), by level.
    let mut folded: FxHashMap<u64, u32> = FxHashMap::default();
    for n in (shortest.max(2)..=top).rev() {
        let mut folded_below: FxHashMap<u64, u32> = FxHashMap::default();
        for (h, stat) in &levels.runs[n] {
            let at = stat.at as usize;
            let anchor = match folded.get(h) {
                Some(&a) => Some(a),
                None if n == longest => Some(stat.statements),
                None if qualifies(at, n) => {
                    out.push((stat.at, n));
                    Some(stat.statements)
                }
                None => None,
            };
            let Some(anchor) = anchor else { continue };
            if n <= shortest {
                continue;
            }
            for part in [flat.hash(at, n - 1), flat.hash(at + 1, n - 1)] {
                let Some(p) = levels.runs[n - 1].get(&part) else {
                    continue;
                };
                if anchor as f64 >= fold * p.statements as f64 {
                    let a = folded_below.entry(part).or_insert(0);
                    *a = (*a).max(anchor);
                }
            }
        }
        folded = folded_below;
    }
    out.sort_unstable();
    out
}
