//! Reused passages as the discoveries store them: pairs of passages of different
//! statements that share a run of words, word for word, and the table that finds a
//! statement's pairs (both ways round). The compiler's miner (`tifa-compile`,
//! `mine::reuse`) finds them; why eight words, and how, is said there.

use serde::{Deserialize, Serialize};
use tifa_model::varint::{get, put};

/// Statements a window may be shared by and still count as reuse.
pub const MAX_SHARING: usize = 50;

/// Most passages paired with one passage: those it shares the most words with.
pub const MAX_PARTNERS: usize = 10;

/// A shared run of words: where it starts in each passage (in words), and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub a: u32,
    pub b: u32,
    pub len: u32,
}

/// Two passages that share runs of words: `a` is the earlier statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reuse {
    pub a: u32,
    pub pa: u16,
    pub b: u32,
    pub pb: u16,
    /// In order of `a`'s words.
    pub runs: Vec<Run>,
}

impl Run {
    /// The same run seen from the other passage.
    pub fn swapped(self) -> Run {
        Run {
            a: self.b,
            b: self.a,
            len: self.len,
        }
    }
}

impl Reuse {
    /// Words shared in all.
    pub fn shared(&self) -> u32 {
        self.runs.iter().map(|r| r.len).sum()
    }

    /// The same pair seen from its other side, its runs in order of that side's words.
    pub fn turned_round(&self) -> Reuse {
        let mut runs: Vec<Run> = self.runs.iter().map(|r| r.swapped()).collect();
        runs.sort_by_key(|run| (run.a, run.b));
        Reuse {
            a: self.b,
            pa: self.pb,
            b: self.a,
            pb: self.pa,
            runs,
        }
    }
}

/// One side of a reuse pair, seen from one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The other statement, and which passages share words (this one's, the other's).
    pub other: u32,
    pub passage: u16,
    pub other_passage: u16,
    /// Shared runs: `a` in this passage, `b` in the other's.
    pub runs: Vec<Run>,
}

/// Per statement, offsets into the list of (earlier statement, byte offset of its link).
type Backward = (Vec<u32>, Vec<(u32, u32)>);

/// Every statement's reuse links, stored once, under the earlier statement of each pair,
/// so that the reader decodes only the statement it shows (nothing is decoded at start):
/// `starts` has n + 1 byte offsets into `bytes`; a statement's links are, each,
/// varint(other − this) varint(passage) varint(other passage) varint(runs), then per
/// run varint(word here) varint(word there) varint(length); in the order of the other
/// statement (which is by date), then of the passages.
///
/// The links from later statements back to earlier ones are found from this table the
/// first time any statement's links are asked for (`backward`, one pass over every
/// link, kept): storing both sides doubled the bytes on the wire.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReuseIndex<'a> {
    pub starts: Vec<u32>,
    #[serde(borrow)]
    pub bytes: crate::search::index::Bytes<'a>,
    /// Per statement, the links that name it from an earlier statement: `back_starts`
    /// (n + 1 offsets into `back`) and `back` as (earlier statement, byte offset of its
    /// link). Built on first use.
    #[serde(skip)]
    backward: std::sync::OnceLock<Backward>,
}

/// Two tables are equal when they store the same links, whether or not either has yet
/// built its backward links (a cache).
impl PartialEq for ReuseIndex<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.starts == other.starts && self.bytes == other.bytes
    }
}

impl Eq for ReuseIndex<'_> {}

impl ReuseIndex<'_> {
    /// Stores `pairs` for a corpus of `n` statements, each pair once, under its earlier
    /// statement: a pair given from its later side is turned round, one of a statement
    /// with itself or out of range is not a link and is left out.
    ///
    /// ```
    /// use tifa_core::discover::{Reuse, ReuseIndex, Run};
    /// let later_first = Reuse { a: 1, pa: 2, b: 0, pb: 3, runs: vec![Run { a: 5, b: 7, len: 9 }] };
    /// let table = ReuseIndex::build(2, &[later_first]);
    /// let link = &table.links(0)[0];
    /// assert_eq!((link.other, link.passage, link.other_passage), (1, 3, 2));
    /// assert_eq!(link.runs, vec![Run { a: 7, b: 5, len: 9 }]);
    /// ```
    pub fn build(n: usize, pairs: &[Reuse]) -> ReuseIndex<'static> {
        let mut per: Vec<Vec<Reuse>> = vec![Vec::new(); n];
        for r in pairs {
            if r.a == r.b || r.a as usize >= n || r.b as usize >= n {
                continue;
            }
            let r = if r.a < r.b {
                r.clone()
            } else {
                r.turned_round()
            };
            per[r.a as usize].push(r);
        }
        let mut starts = Vec::with_capacity(n + 1);
        let mut bytes = Vec::new();
        for (a, mut links) in per.into_iter().enumerate() {
            starts.push(bytes.len() as u32);
            links.sort_by_key(|r| (r.b, r.pa, r.pb));
            // A pair given both ways round is one pair.
            links.dedup_by_key(|r| (r.b, r.pa, r.pb));
            for r in links {
                for v in [
                    r.b - a as u32,
                    r.pa as u32,
                    r.pb as u32,
                    r.runs.len() as u32,
                ] {
                    put(&mut bytes, v);
                }
                for run in &r.runs {
                    for v in [run.a, run.b, run.len] {
                        put(&mut bytes, v);
                    }
                }
            }
        }
        starts.push(bytes.len() as u32);
        ReuseIndex {
            starts,
            bytes: crate::search::index::Bytes(std::borrow::Cow::Owned(bytes)),
            backward: Default::default(),
        }
    }

    /// The bytes of statement `s`'s own links (empty out of range).
    fn own(&self, s: u32) -> &[u8] {
        let (Some(&a), Some(&b)) = (self.starts.get(s as usize), self.starts.get(s as usize + 1))
        else {
            return &[];
        };
        self.bytes.0.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// The link of statement `s` starting at `*at` in its bytes; `None` when malformed.
    fn read(s: u32, bytes: &[u8], at: &mut usize) -> Option<Link> {
        let mut next = || get(bytes, at);
        // A link goes forward: a step of 0 would name the statement itself.
        let other = s.checked_add(next()?).filter(|&o| o != s)?;
        let (p, q, k) = (next()?, next()?, next()?);
        let mut runs = Vec::new();
        for _ in 0..k.min(10_000) {
            let (x, y, len) = (next()?, next()?, next()?);
            runs.push(Run { a: x, b: y, len });
        }
        Some(Link {
            other,
            passage: p as u16,
            other_passage: q as u16,
            runs,
        })
    }

    /// For every statement, the earlier links that name it (see `backward`).
    fn backward(&self) -> &Backward {
        self.backward.get_or_init(|| {
            let n = self.starts.len().saturating_sub(1);
            let mut found: Vec<(u32, u32, u32)> = Vec::new();
            for a in 0..n as u32 {
                let bytes = self.own(a);
                let mut at = 0;
                while at < bytes.len() {
                    let start = at as u32;
                    match Self::read(a, bytes, &mut at) {
                        Some(l) if (l.other as usize) < n => found.push((l.other, a, start)),
                        Some(_) => {}
                        None => break,
                    }
                }
            }
            found.sort_unstable();
            let mut starts = vec![0u32; n + 1];
            for &(b, _, _) in &found {
                starts[b as usize + 1] += 1;
            }
            for i in 1..starts.len() {
                starts[i] += starts[i - 1];
            }
            (
                starts,
                found.into_iter().map(|(_, a, at)| (a, at)).collect(),
            )
        })
    }

    /// Statement `s`'s links, both to later statements and from earlier ones, in the
    /// order of the other statement, then of the passages (none for a statement out of
    /// range; a malformed entry ends its statement's list).
    pub fn links(&self, s: u32) -> Vec<Link> {
        let mut out = Vec::new();
        let (starts, back) = self.backward();
        if let (Some(&a), Some(&b)) = (starts.get(s as usize), starts.get(s as usize + 1)) {
            for &(earlier, at) in back.get(a as usize..b as usize).unwrap_or(&[]) {
                let mut at = at as usize;
                if let Some(l) = Self::read(earlier, self.own(earlier), &mut at) {
                    out.push(Link {
                        other: earlier,
                        passage: l.other_passage,
                        other_passage: l.passage,
                        runs: l.runs.iter().map(|r| r.swapped()).collect(),
                    });
                }
            }
        }
        let bytes = self.own(s);
        let mut at = 0;
        while at < bytes.len() {
            match Self::read(s, bytes, &mut at) {
                Some(l) => out.push(l),
                None => break,
            }
        }
        out.sort_by_key(|l| (l.other, l.passage, l.other_passage));
        out
    }

    /// Whether the offsets fit the bytes and `n` statements (checked on decode).
    pub fn is_valid_for(&self, n: usize) -> bool {
        self.starts.len() == n + 1
            && self.starts.first() == Some(&0)
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.starts.last().copied() == Some(self.bytes.0.len() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: u32, b: u32) -> Reuse {
        Reuse {
            a,
            pa: 0,
            b,
            pb: 1,
            runs: vec![Run { a: 0, b: 4, len: 8 }],
        }
    }

    /// Regression: equality compared the backward links' cache, so a table that had
    /// answered a question was no longer equal to its own copy.
    #[test]
    fn equality_ignores_whether_backward_links_were_built() {
        let table = ReuseIndex::build(3, &[pair(0, 2)]);
        let copy = table.clone();
        assert_eq!(table.links(2).len(), 1);
        assert_eq!(table, copy);
    }

    /// Regression: a pair given later statement first was dropped without a word.
    #[test]
    fn a_pair_given_from_its_later_side_is_kept() {
        let forward = ReuseIndex::build(3, &[pair(0, 2)]);
        let turned = ReuseIndex::build(3, &[pair(0, 2).turned_round()]);
        assert_eq!(turned, forward);
        // Given both ways round, it is still one pair.
        assert_eq!(
            ReuseIndex::build(3, &[pair(0, 2), pair(0, 2).turned_round()]),
            forward
        );
        // A statement with itself, or one out of range, is no link.
        assert_eq!(
            ReuseIndex::build(3, &[pair(1, 1), pair(0, 7)]),
            ReuseIndex::build(3, &[])
        );
    }

    /// Regression: a malformed link with a step of 0 named its own statement, and was
    /// listed twice (as its own link and as a backward one).
    #[test]
    fn a_link_to_itself_in_the_bytes_is_malformed() {
        let mut bytes = Vec::new();
        for v in [0, 0, 1, 0] {
            put(&mut bytes, v);
        }
        let table = ReuseIndex {
            starts: vec![0, bytes.len() as u32, bytes.len() as u32],
            bytes: crate::search::index::Bytes(std::borrow::Cow::Owned(bytes)),
            backward: Default::default(),
        };
        assert!(table.is_valid_for(2));
        assert_eq!(table.links(0), Vec::new());
        assert_eq!(table.links(1), Vec::new());
    }
}
