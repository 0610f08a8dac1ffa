//! One indexed field: its sorted terms and their postings, held in runs of terms. A
//! field built at start is one run; a field of the sharded packing has one run per
//! piece, each filled when its piece arrives ([`Field::fill`]). Every reader goes
//! through the methods here, so the engine is the same over either.
//!
//! A term not yet filled reads as absent (no postings, no text); the sharded packing's
//! `needs` says which runs a query reads, and the tests run both packings alike.

use super::index::{get_varint, Bytes};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::OnceLock;
use tifa_model::Text;

/// Where a term's postings are in its run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermInfo {
    /// Statements containing the term.
    pub df: u32,
    /// Byte offset of its postings in the run's postings.
    pub offset: u32,
}

/// A run of consecutive sorted terms with their postings (offsets from the run's
/// first); for the exact field each term's stem id (empty for the stems); for the
/// stems each one's exact forms (`forms[form_start[i]..form_start[i + 1]]`, ids in
/// order; both empty for the exact words), so that a passage is read for a stem
/// without the stems of all its words.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TermRun<'a> {
    #[serde(borrow)]
    pub terms: Vec<Text<'a>>,
    pub info: Vec<TermInfo>,
    #[serde(borrow)]
    pub postings: Bytes<'a>,
    pub stem_of: Vec<u32>,
    pub form_start: Vec<u32>,
    pub forms: Vec<u32>,
}

/// Where each term of a run occurs (the exact field in the sharded packing, a piece
/// of its own: a search reads it only for a phrase, a `NEAR` or a statement read
/// again): for each of a term's postings in order, for each occurrence,
/// `varint(passage << 2 | kind)` and `varint(word)` (kind: 0 quote, 1 reported,
/// 2 narration, 3 question); term `i` of the run from `start[i]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlaceRun<'a> {
    pub start: Vec<u32>,
    #[serde(borrow)]
    pub places: Bytes<'a>,
}

impl PlaceRun<'_> {
    /// The same run owning its bytes.
    pub fn into_owned(self) -> PlaceRun<'static> {
        PlaceRun {
            start: self.start,
            places: Bytes(std::borrow::Cow::Owned(self.places.0.into_owned())),
        }
    }
}

impl TermRun<'_> {
    /// The same run owning its terms and postings (a run kept by a field lives as long
    /// as the field, whatever the piece it came from).
    pub fn into_owned(self) -> TermRun<'static> {
        TermRun {
            terms: self
                .terms
                .into_iter()
                .map(|t| Text(std::borrow::Cow::Owned(t.0.into_owned())))
                .collect(),
            info: self.info,
            postings: Bytes(std::borrow::Cow::Owned(self.postings.0.into_owned())),
            stem_of: self.stem_of,
            form_start: self.form_start,
            forms: self.forms,
        }
    }

    /// The bytes of term `local`'s postings (to the next term's, or the end).
    #[inline]
    fn postings_of(&self, local: usize) -> &[u8] {
        let start = self.info.get(local).map_or(0, |i| i.offset as usize);
        let end = self
            .info
            .get(local + 1)
            .map_or(self.postings.0.len(), |i| i.offset as usize);
        self.postings.0.get(start..end).unwrap_or(&[])
    }
}

/// Where a run starts: its first term and that term's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunStart<'a> {
    #[serde(borrow)]
    pub first_term: Text<'a>,
    pub first: u32,
}

/// One indexed field.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Field<'a> {
    /// Tokens per statement (BM25 length normalisation).
    pub lengths: Vec<u32>,
    /// Mean of `lengths`, at least 1 (computed once, at build time).
    pub average: f32,
    /// How many terms the field has, filled or not.
    count: u32,
    starts: Vec<RunStart<'a>>,
    /// Owned, so that a field stays covariant in `'a` (a cell that can be filled is
    /// invariant in what it holds).
    #[serde(serialize_with = "filled")]
    runs: Vec<OnceLock<TermRun<'static>>>,
    /// Each run's places, when its piece has come (never, for a field built at start).
    #[serde(skip)]
    places: Vec<OnceLock<PlaceRun<'static>>>,
}

fn filled<S: serde::Serializer>(
    runs: &[OnceLock<TermRun<'static>>],
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(runs.iter().filter_map(OnceLock::get))
}

impl<'a> Field<'a> {
    /// A field of one run, filled: what `index::build` makes.
    pub fn whole(run: TermRun<'_>, lengths: Vec<u32>, average: f32) -> Field<'a> {
        let starts = run
            .terms
            .first()
            .map(|t| RunStart {
                first_term: Text(std::borrow::Cow::Owned(t.to_string())),
                first: 0,
            })
            .into_iter()
            .collect();
        let count = run.terms.len() as u32;
        let runs = if count == 0 {
            Vec::new()
        } else {
            vec![OnceLock::from(run.into_owned())]
        };
        Field {
            lengths,
            average,
            count,
            starts,
            runs,
            places: Vec::new(),
        }
    }

    /// A field of `count` terms in runs starting where `starts` says, none filled yet.
    pub fn in_runs(lengths: Vec<u32>, average: f32, count: u32, starts: Vec<RunStart<'a>>) -> Self {
        let runs = starts.iter().map(|_| OnceLock::new()).collect();
        let places = starts.iter().map(|_| OnceLock::new()).collect();
        Field {
            lengths,
            average,
            count,
            starts,
            runs,
            places,
        }
    }

    /// Fills run `k`'s places (a second fill is ignored); refused when they are not
    /// as many as the run's terms or do not fit their bytes.
    pub fn fill_places(&self, k: usize, run: PlaceRun<'_>) -> Result<(), String> {
        let (Some(start), Some(slot)) = (self.starts.get(k), self.places.get(k)) else {
            return Err(format!("there is no run {k}"));
        };
        let end = self.starts.get(k + 1).map_or(self.count, |s| s.first);
        let fits = run.start.len() as u32 == end - start.first + 1
            && run.start.first() == Some(&0)
            && run.start.windows(2).all(|w| w[0] <= w[1])
            && run.start.last().copied() == Some(run.places.0.len() as u32);
        if !fits {
            return Err(format!(
                "not the places of the terms from {}",
                start.first_term
            ));
        }
        let _ = slot.set(run.into_owned());
        Ok(())
    }

    /// Fills run `k` (a second fill of the same run is ignored). Refused, with why,
    /// when the run does not start where the field says or overlaps the next.
    pub fn fill(&self, k: usize, run: TermRun<'_>) -> Result<(), String> {
        let (Some(start), Some(slot)) = (self.starts.get(k), self.runs.get(k)) else {
            return Err(format!("there is no run {k}"));
        };
        let end = self.starts.get(k + 1).map_or(self.count, |s| s.first);
        let fits = run.terms.first() == Some(&start.first_term)
            && run.terms.len() as u32 == end - start.first
            && run.info.len() == run.terms.len()
            && run.terms.windows(2).all(|w| w[0] < w[1])
            && run.info.windows(2).all(|w| w[0].offset <= w[1].offset)
            && run
                .info
                .iter()
                .all(|i| i.offset as usize <= run.postings.0.len())
            && (run.stem_of.is_empty() || run.stem_of.len() == run.terms.len())
            && (run.form_start.is_empty()
                || run.form_start.len() == run.terms.len() + 1
                    && run.form_start.first() == Some(&0)
                    && run.form_start.windows(2).all(|w| w[0] <= w[1])
                    && run.form_start.last().copied() == Some(run.forms.len() as u32));
        if !fits {
            return Err(format!("not the terms from {}", start.first_term));
        }
        let _ = slot.set(run.into_owned());
        Ok(())
    }

    /// Where each run starts.
    pub fn starts(&self) -> &[RunStart<'a>] {
        &self.starts
    }

    /// Whether run `k` is filled.
    pub fn is_filled(&self, k: usize) -> bool {
        self.runs.get(k).is_some_and(|r| r.get().is_some())
    }

    /// How many terms the field has.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The run that would hold `term` (by its text).
    pub fn run_for(&self, term: &str) -> Option<usize> {
        let at = self
            .starts
            .partition_point(|s| s.first_term.as_ref() <= term);
        at.checked_sub(1)
    }

    /// The run holding term id `i`, with `i`'s place in it.
    #[inline]
    fn run_of(&self, i: usize) -> Option<(&TermRun<'static>, usize)> {
        let i = u32::try_from(i).ok().filter(|&i| i < self.count)?;
        // A field built at start is one run: no search (this is on every word read).
        let k = if self.starts.len() == 1 {
            0
        } else {
            self.starts
                .partition_point(|s| s.first <= i)
                .checked_sub(1)?
        };
        let run = self.runs[k].get()?;
        Some((run, (i - self.starts[k].first) as usize))
    }

    /// The index of a term, if present (and its run filled).
    pub fn find(&self, term: &str) -> Option<usize> {
        let k = self.run_for(term)?;
        let run = self.runs[k].get()?;
        let local = run.terms.binary_search_by(|t| t.as_ref().cmp(term)).ok()?;
        Some(self.starts[k].first as usize + local)
    }

    /// The indices of all terms starting with `prefix` (in the filled runs: the ids of
    /// a run not filled read as absent).
    pub fn with_prefix(&self, prefix: &str) -> Range<usize> {
        let bound = |past: bool| -> usize {
            // The first id whose term is >= prefix (or, past, that does not start with
            // it and is above it).
            let k = self.run_for(prefix).unwrap_or(0);
            let mut k = k;
            loop {
                let Some(start) = self.starts.get(k) else {
                    return self.count as usize;
                };
                let Some(run) = self.runs[k].get() else {
                    return start.first as usize;
                };
                let local = run.terms.partition_point(|t| {
                    if past {
                        t.as_ref() < prefix || t.starts_with(prefix)
                    } else {
                        t.as_ref() < prefix
                    }
                });
                if local < run.terms.len() {
                    return start.first as usize + local;
                }
                k += 1;
            }
        };
        let start = bound(false);
        start..bound(true).max(start)
    }

    /// Term `i`'s text ("" when its run is not filled).
    #[inline]
    pub fn term(&self, i: usize) -> &str {
        self.run_of(i).map_or("", |(run, l)| run.terms[l].as_ref())
    }

    /// Term `i`'s statement count and where its postings are (zero when not filled).
    #[inline]
    pub fn info(&self, i: usize) -> TermInfo {
        self.run_of(i)
            .map_or(TermInfo::default(), |(run, l)| run.info[l])
    }

    /// For the exact field, term `i`'s stem id.
    #[inline]
    pub fn stem_of(&self, i: usize) -> Option<u32> {
        let (run, l) = self.run_of(i)?;
        run.stem_of.get(l).copied()
    }

    /// For the stems, stem `i`'s exact forms (ids in order; none when not filled).
    #[inline]
    pub fn forms(&self, i: usize) -> &[u32] {
        let Some((run, l)) = self.run_of(i) else {
            return &[];
        };
        match (run.form_start.get(l), run.form_start.get(l + 1)) {
            (Some(&a), Some(&b)) => run.forms.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The one run of a field built whole (for loops that read a term per word: no
    /// run to look up each time); `None` for a field in runs.
    #[inline]
    pub fn whole_run(&self) -> Option<&TermRun<'static>> {
        match &self.runs[..] {
            [one] => one.get(),
            _ => None,
        }
    }

    /// Every filled term with its id, in order.
    pub fn terms(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.starts
            .iter()
            .zip(&self.runs)
            .filter_map(|(s, r)| r.get().map(|r| (s.first as usize, r)))
            .flat_map(|(first, run)| {
                run.terms
                    .iter()
                    .enumerate()
                    .map(move |(l, t)| (first + l, t.as_ref()))
            })
    }

    /// The filled runs, with their places.
    pub fn runs(&self) -> impl Iterator<Item = (usize, &TermRun<'static>)> + '_ {
        self.runs
            .iter()
            .enumerate()
            .filter_map(|(k, r)| r.get().map(|r| (k, r)))
    }

    /// Term `i`'s postings as stored (empty when not filled).
    #[inline]
    pub fn postings_of(&self, i: usize) -> &[u8] {
        self.run_of(i).map_or(&[], |(run, l)| run.postings_of(l))
    }

    /// Where term `i` occurs, statement by statement (none when its run is not filled
    /// or holds no places: a field built at start).
    pub fn places(&self, i: usize) -> Places<'_> {
        let bytes = (|| {
            let i = u32::try_from(i).ok().filter(|&i| i < self.count)?;
            let k = self
                .starts
                .partition_point(|s| s.first <= i)
                .checked_sub(1)?;
            let run = self.places.get(k)?.get()?;
            let l = (i - self.starts[k].first) as usize;
            let (a, b) = (*run.start.get(l)?, *run.start.get(l + 1)?);
            run.places.0.get(a as usize..b as usize)
        })();
        let (bytes, cursor) = match bytes {
            Some(bytes) => (bytes, self.cursor(i)),
            None => (&[][..], self.cursor(usize::MAX)),
        };
        let start = cursor.clone();
        Places {
            start,
            cursor,
            bytes,
            at: 0,
            unread: 0,
            read: false,
            asked: 0,
        }
    }

    /// A cursor over the postings of term `i`, before its first posting.
    pub fn cursor(&self, i: usize) -> Cursor<'_> {
        let (postings, df) = self.run_of(i).map_or((&[][..], 0), |(run, l)| {
            (run.postings_of(l), run.info[l].df)
        });
        Cursor {
            postings,
            at: 0,
            left: df,
            started: false,
            statement: 0,
            tf: 0,
        }
    }

    /// Calls `f(statement, tf)` for each posting of term `i`, without allocating.
    pub fn for_each(&self, i: usize, mut f: impl FnMut(u32, u32)) {
        let Some((run, l)) = self.run_of(i) else {
            return;
        };
        let bytes = run.postings_of(l);
        let mut at = 0;
        let mut statement = 0;
        for _ in 0..run.info[l].df {
            // One-byte varints (the common case at scale) without the general loop.
            match bytes.get(at..at + 2) {
                Some(&[d, tf]) if d < 0x80 && tf < 0x80 => {
                    at += 2;
                    statement += d as u32;
                    f(statement, tf as u32);
                }
                _ => {
                    statement += get_varint(bytes, &mut at);
                    let tf = get_varint(bytes, &mut at);
                    f(statement, tf);
                }
            }
        }
    }
}

/// One occurrence of a term: its passage (in the statement), the passage's kind
/// (0 quote, 1 reported, 2 narration, 3 question) and its word in the passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub passage: u32,
    pub kind: u8,
    pub word: u32,
}

/// Where a term occurs, read statement by statement ([`Field::places`]).
#[derive(Debug, Clone)]
pub struct Places<'f> {
    start: Cursor<'f>,
    cursor: Cursor<'f>,
    bytes: &'f [u8],
    at: usize,
    /// Occurrences of the current posting not read yet.
    unread: u32,
    /// Whether the current posting's places were read.
    read: bool,
    /// The statement last asked for.
    asked: u32,
}

impl Places<'_> {
    /// The term's places in statement `s`, appended to `out`; false when it has none
    /// there. Asked in rising order, each posting is read once; an earlier statement,
    /// or the same one again, starts over.
    pub fn at(&mut self, s: u32, out: &mut Vec<Place>) -> bool {
        let again = self.cursor.started && s == self.cursor.statement && self.read;
        if s < self.asked || again {
            self.cursor = self.start.clone();
            (self.at, self.unread, self.read) = (0, 0, false);
        }
        self.asked = s;
        while !self.cursor.started || self.cursor.statement < s {
            self.skip();
            if !self.cursor.advance() {
                return false;
            }
            (self.unread, self.read) = (self.cursor.tf, false);
        }
        if self.cursor.statement != s {
            return false;
        }
        for _ in 0..std::mem::take(&mut self.unread) {
            let pk = get_varint(self.bytes, &mut self.at);
            let word = get_varint(self.bytes, &mut self.at);
            out.push(Place {
                passage: pk >> 2,
                kind: (pk & 3) as u8,
                word,
            });
        }
        self.read = true;
        true
    }

    fn skip(&mut self) {
        for _ in 0..std::mem::take(&mut self.unread) {
            get_varint(self.bytes, &mut self.at);
            get_varint(self.bytes, &mut self.at);
        }
    }
}

/// A position in the postings of one term, moving forward: the current statement and
/// its term frequency.
#[derive(Debug, Clone)]
pub struct Cursor<'f> {
    postings: &'f [u8],
    at: usize,
    left: u32,
    started: bool,
    /// The current statement (valid after `advance` or `seek` returned true).
    pub statement: u32,
    /// Its term frequency.
    pub tf: u32,
}

impl Cursor<'_> {
    /// Moves to the next posting; false when there is none.
    pub fn advance(&mut self) -> bool {
        if self.left == 0 {
            return false;
        }
        self.left -= 1;
        let delta = get_varint(self.postings, &mut self.at);
        self.statement = if self.started {
            self.statement + delta
        } else {
            delta
        };
        self.started = true;
        self.tf = get_varint(self.postings, &mut self.at);
        true
    }

    /// Moves forward to statement `s` or past it; true when `s` holds the term.
    pub fn seek(&mut self, s: u32) -> bool {
        while !self.started || self.statement < s {
            if !self.advance() {
                return false;
            }
        }
        self.statement == s
    }
}
