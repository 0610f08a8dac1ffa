//! The words of every statement, passage by passage, as exact term ids, held in runs
//! of statements: one run when built at start, one per piece in the sharded packing,
//! each filled when its piece arrives ([`Tokens::fill`]). A statement whose run is not
//! filled reads as having no words.

use super::index::Bytes;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The token streams of a run of statements: `passage_start` (P + 1 word offsets, from
/// 0), `first_passage` (n + 1 indices into it, from 0), `words` (every passage's ids,
/// fixed width, little-endian).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TokenRun<'a> {
    pub passage_start: Vec<u32>,
    pub first_passage: Vec<u32>,
    #[serde(borrow)]
    pub words: Bytes<'a>,
}

impl TokenRun<'_> {
    /// The same run owning its words.
    pub fn into_owned(self) -> TokenRun<'static> {
        TokenRun {
            passage_start: self.passage_start,
            first_passage: self.first_passage,
            words: Bytes(std::borrow::Cow::Owned(self.words.0.into_owned())),
        }
    }

    /// Whether the tables fit each other and the words, at `width` bytes a word.
    fn is_valid(&self, width: u8) -> bool {
        let ordered = |v: &[u32]| v.first() == Some(&0) && v.windows(2).all(|w| w[0] <= w[1]);
        ordered(&self.passage_start)
            && ordered(&self.first_passage)
            && self.first_passage.last().copied() == Some(self.passage_start.len() as u32 - 1)
            && self
                .passage_start
                .last()
                .map(|&e| e as usize * width as usize)
                == Some(self.words.0.len())
    }

    /// The indices in `passage_start` of local statement `s`'s passages.
    #[inline]
    fn passages_of(&self, s: usize) -> Option<std::ops::Range<usize>> {
        let first = *self.first_passage.get(s)? as usize;
        let end = *self.first_passage.get(s + 1)? as usize;
        Some(first..end.max(first))
    }

    /// The bytes of the passage at `k` in `passage_start`.
    #[inline]
    fn bytes(&self, k: usize, width: usize) -> &[u8] {
        let (Some(&a), Some(&b)) = (self.passage_start.get(k), self.passage_start.get(k + 1))
        else {
            return &[];
        };
        self.words
            .0
            .get(a as usize * width..b as usize * width)
            .unwrap_or(&[])
    }
}

/// The words of every statement, passage by passage, as exact term ids.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Tokens {
    /// Bytes per word: 2 while the exact terms fit in 16 bits, else 4.
    pub width: u8,
    /// How many statements.
    count: u32,
    /// Each run's first statement.
    starts: Vec<u32>,
    #[serde(serialize_with = "filled")]
    runs: Vec<OnceLock<TokenRun<'static>>>,
}

fn filled<S: serde::Serializer>(
    runs: &[OnceLock<TokenRun<'static>>],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(runs.iter().filter_map(OnceLock::get))
}

impl Tokens {
    /// The streams of `count` statements in one run, filled: what `index::build` makes.
    pub fn whole(width: u8, count: u32, run: TokenRun<'_>) -> Tokens {
        Tokens {
            width,
            count,
            starts: vec![0],
            runs: vec![OnceLock::from(run.into_owned())],
        }
    }

    /// The streams of `count` statements in runs starting where `starts` says, none
    /// filled yet.
    pub fn in_runs(width: u8, count: u32, starts: Vec<u32>) -> Tokens {
        let runs = starts.iter().map(|_| OnceLock::new()).collect();
        Tokens {
            width,
            count,
            starts,
            runs,
        }
    }

    /// Fills run `k` (a second fill is ignored); refused when it does not hold the
    /// run's statements or its tables do not fit.
    pub fn fill(&self, k: usize, run: TokenRun<'_>) -> Result<(), String> {
        let (Some(&first), Some(slot)) = (self.starts.get(k), self.runs.get(k)) else {
            return Err(format!("there is no run {k}"));
        };
        let end = self.starts.get(k + 1).copied().unwrap_or(self.count);
        if run.first_passage.len() as u32 != end - first + 1 || !run.is_valid(self.width) {
            return Err(format!("not the token streams from statement {first}"));
        }
        let _ = slot.set(run.into_owned());
        Ok(())
    }

    /// Each run's first statement.
    pub fn starts(&self) -> &[u32] {
        &self.starts
    }

    /// The run holding statement `s`, if filled, with `s`'s place in it.
    #[inline]
    fn run_of(&self, s: u32) -> Option<(&TokenRun<'static>, usize)> {
        if s >= self.count {
            return None;
        }
        let k = if self.starts.len() == 1 {
            0
        } else {
            self.starts.partition_point(|&f| f <= s).checked_sub(1)?
        };
        Some((self.runs[k].get()?, (s - self.starts[k]) as usize))
    }

    /// The run holding statement `s` (filled or not).
    pub fn run_for(&self, s: u32) -> Option<usize> {
        (s < self.count).then(|| self.starts.partition_point(|&f| f <= s).saturating_sub(1))
    }

    /// Whether statement `s`'s stream is here (always, when built at start).
    #[inline]
    pub fn has(&self, s: u32) -> bool {
        self.run_of(s).is_some()
    }

    /// Whether run `k` is filled.
    pub fn is_filled(&self, k: usize) -> bool {
        self.runs.get(k).is_some_and(|r| r.get().is_some())
    }

    /// The filled runs, with their places.
    pub fn runs(&self) -> impl Iterator<Item = (usize, &TokenRun<'static>)> + '_ {
        self.runs
            .iter()
            .enumerate()
            .filter_map(|(k, r)| r.get().map(|r| (k, r)))
    }

    /// The words of passage `p` of statement `s`, into `out` (cleared first; empty for
    /// a passage out of range).
    ///
    /// ```
    /// use tifa_core::blob::Bundle;
    /// use tifa_model::Corpus;
    /// let bundle = Bundle::new(Corpus::empty());
    /// let mut words = vec![7];
    /// bundle.index.tokens.passage(0, 0, &mut words);
    /// assert!(words.is_empty());
    /// ```
    pub fn passage(&self, s: u32, p: usize, out: &mut Vec<u32>) {
        out.clear();
        let Some((run, local)) = self.run_of(s) else {
            return;
        };
        let Some(range) = run.passages_of(local) else {
            return;
        };
        if p < range.len() {
            self.read(run.bytes(range.start + p, self.width as usize), out);
        }
    }

    /// A passage's bytes as words, appended to `out`.
    #[inline]
    fn read(&self, bytes: &[u8], out: &mut Vec<u32>) {
        match self.width {
            2 => out.extend(
                bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]) as u32),
            ),
            _ => out.extend(
                bytes
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            ),
        }
    }

    /// Statement `s`'s words passage by passage: `f(passage index, its words)` until it
    /// returns false. `words` is the buffer each passage is read into.
    pub fn each_passage(
        &self,
        s: u32,
        words: &mut Vec<u32>,
        mut f: impl FnMut(usize, &[u32]) -> bool,
    ) {
        let Some((run, local)) = self.run_of(s) else {
            return;
        };
        let Some(range) = run.passages_of(local) else {
            return;
        };
        for (p, k) in range.enumerate() {
            words.clear();
            self.read(run.bytes(k, self.width as usize), words);
            if !f(p, words) {
                return;
            }
        }
    }

    /// Statement `s`'s passages as they are stored: `f(bytes)` for each (`width` bytes
    /// a word, little-endian; read one with [`Tokens::id_at`]), until it returns false.
    pub fn each_passage_bytes(&self, s: u32, mut f: impl FnMut(&[u8]) -> bool) {
        let Some((run, local)) = self.run_of(s) else {
            return;
        };
        let Some(range) = run.passages_of(local) else {
            return;
        };
        for k in range {
            if !f(run.bytes(k, self.width as usize)) {
                return;
            }
        }
    }

    /// The word at `i` of a passage's bytes.
    #[inline]
    pub fn id_at(&self, bytes: &[u8], i: usize) -> u32 {
        match self.width {
            2 => u16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]]) as u32,
            _ => u32::from_le_bytes([
                bytes[4 * i],
                bytes[4 * i + 1],
                bytes[4 * i + 2],
                bytes[4 * i + 3],
            ]),
        }
    }

    /// Whether every filled run fits its statements and `statements` is the count
    /// (checked on decode, so reading never indexes out of range).
    pub fn is_valid_for(&self, statements: usize) -> bool {
        matches!(self.width, 2 | 4)
            && self.count as usize == statements
            && self.starts.first().is_none_or(|&f| f == 0)
            && self.starts.windows(2).all(|w| w[0] < w[1])
            && self.runs().all(|(k, run)| {
                let end = self.starts.get(k + 1).copied().unwrap_or(self.count);
                run.first_passage.len() as u32 == end - self.starts[k] + 1
                    && run.is_valid(self.width)
            })
    }
}
