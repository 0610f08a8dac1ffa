//! The search index, built natively at compile time and embedded with the corpus.
//!
//! ```text
//! Index (postcard, inside the corpus blob; strings and byte runs borrowed on decode)
//! ├── text: Field            statement passages; terms are Snowball stems; with positions
//! ├── exact: Field           statement passages; terms are folded words; no positions
//! ├── meta: Field            speaker name + document title; folded words; no positions
//! ├── tokens: Tokens         the words of each statement in order, as exact term ids:
//! │                          starts: n + 1 byte offsets into stream, per statement;
//! │                          stream: per statement, per passage:
//! │                            varint(tokens in the passage), then each token's
//! │                            varint(index into exact.terms)
//! ├── stem_of: Vec<u32>      per exact term, the index of its stem in text.terms
//! ├── facets: Facets         per statement, as flat arrays (structure of arrays, so that
//! │                          counting facets over 25,000 results streams through memory):
//! │                          speaker, venue (u32::MAX: none), year (0: unknown),
//! │                          date_key (YYYYMMDD, missing parts as 00; 0: unknown),
//! │                          topic_start (n + 1 offsets into topics), topics;
//! │                          totals: the counts over the whole corpus (speakers,
//! │                          venues, topics by index; years as (year, count), newest
//! │                          first), so a query matching most statements counts the
//! │                          few that do not match and subtracts
//! └── (per field)
//!     ├── terms:   Vec<str>        sorted, unique            -> binary search, prefix ranges
//!     ├── info:    Vec<TermInfo>   parallel to terms:
//!     │                              { df: u32, offset: u32 into postings,
//!     │                                positions: u32 into positions (0 without) }
//!     ├── postings: bytes          per term, for each statement in ascending order:
//!     │                              varint(statement - previous statement)   (first: + 0)
//!     │                              varint(tf)
//!     ├── positions: bytes         text field only (empty otherwise); per term, for each
//!     │                            of its postings in the same order:
//!     │                              tf × varint(position - previous)   (restarts at 0)
//!     ├── lengths: Vec<u32>        tokens per statement (BM25 length normalisation)
//!     └── average: f32             mean of lengths (at least 1)
//! ```
//!
//! Positions live apart from the postings so that ranking, which needs only statements
//! and term frequencies, streams through a dense run of bytes.
//!
//! Statement numbers are indices into `Corpus::statements`. Positions count tokens
//! across a statement's passages in order, with a gap of 1000 after each passage so
//! that a phrase never spans two passages.
//!
//! The token stream answers what the postings cannot without reading the text again:
//! which exact words stand next to each other in which passage (a phrase's exact words,
//! the word a `*` stands for, the words around a match). Its terms are exact term
//! indices, so comparing two of them compares the words in sorted order.

use super::text::{stem, tokens};
use crate::model::{Corpus, Text};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Position gap after each passage: phrases never match across it.
pub const PASSAGE_GAP: u32 = 1000;

/// The words of every statement, passage by passage, as exact term indices.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tokens<'a> {
    /// Byte offset of each statement's run in `stream`, and the end (n + 1 values).
    pub starts: Vec<u32>,
    #[serde(borrow)]
    pub stream: Bytes<'a>,
}

impl Tokens<'_> {
    /// Statement `s`'s words: `words` gets every token's exact term index, passage
    /// after passage, and `passages` where each passage's tokens begin (with the end
    /// last). Both are cleared first; a statement out of range has none.
    ///
    /// ```
    /// use tifa_core::{blob::Bundle, model::Corpus};
    /// let bundle = Bundle::new(Corpus::empty());
    /// let (mut words, mut passages) = (Vec::new(), Vec::new());
    /// bundle.index.tokens.read(0, &mut words, &mut passages);
    /// assert!(words.is_empty() && passages == [0]);
    /// ```
    pub fn read(&self, s: u32, words: &mut Vec<u32>, passages: &mut Vec<u32>) {
        words.clear();
        passages.clear();
        passages.push(0);
        let (Some(&start), Some(&end)) =
            (self.starts.get(s as usize), self.starts.get(s as usize + 1))
        else {
            return;
        };
        let bytes = self
            .stream
            .0
            .get(start as usize..end as usize)
            .unwrap_or(&[]);
        let mut at = 0;
        while at < bytes.len() {
            let n = get_varint(bytes, &mut at);
            for _ in 0..n {
                if at >= bytes.len() {
                    break;
                }
                words.push(get_varint_fast(bytes, &mut at));
            }
            passages.push(words.len() as u32);
        }
    }

    /// Whether the offsets fit the stream and the statements (checked on decode).
    pub fn is_valid_for(&self, statements: usize) -> bool {
        self.starts.len() == statements + 1
            && self.starts.first() == Some(&0)
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.starts.last().copied() == Some(self.stream.0.len() as u32)
    }
}

/// A run of bytes, borrowed from the blob when decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bytes<'a>(pub Cow<'a, [u8]>);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Bytes<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Bytes<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_borrowed_bytes<E>(self, v: &'de [u8]) -> Result<Self::Value, E> {
                Ok(Bytes(Cow::Borrowed(v)))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Self::Value, E> {
                Ok(Bytes(Cow::Owned(v.to_vec())))
            }
        }
        d.deserialize_bytes(Visit)
    }
}

/// Where a term's postings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermInfo {
    /// Statements containing the term.
    pub df: u32,
    /// Byte offset of its postings.
    pub offset: u32,
    /// Byte offset of its positions (0 in a field without positions).
    pub positions: u32,
}

/// One indexed field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Field<'a> {
    #[serde(borrow)]
    pub terms: Vec<Text<'a>>,
    pub info: Vec<TermInfo>,
    #[serde(borrow)]
    pub postings: Bytes<'a>,
    /// Empty in a field without positions.
    #[serde(borrow)]
    pub positions: Bytes<'a>,
    pub lengths: Vec<u32>,
    /// Mean of `lengths`, at least 1 (computed once, at build time).
    pub average: f32,
}

/// Per-statement facet values as flat arrays (see the schema above).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    pub speaker: Vec<u32>,
    pub venue: Vec<u32>,
    pub year: Vec<u16>,
    pub date_key: Vec<u32>,
    pub topic_start: Vec<u32>,
    pub topics: Vec<u32>,
    pub totals: Totals,
}

/// Facet counts over every statement of the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub speakers: Vec<u32>,
    pub venues: Vec<u32>,
    pub topics: Vec<u32>,
    /// (year, count), newest first; unknown years are not counted.
    pub years: Vec<(u16, u32)>,
}

impl Facets {
    /// The topics of statement `i`.
    pub fn topics_of(&self, i: usize) -> &[u32] {
        &self.topics[self.topic_start[i] as usize..self.topic_start[i + 1] as usize]
    }
}

/// The whole index.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Index<'a> {
    #[serde(borrow)]
    pub text: Field<'a>,
    #[serde(borrow)]
    pub exact: Field<'a>,
    #[serde(borrow)]
    pub meta: Field<'a>,
    #[serde(borrow)]
    pub tokens: Tokens<'a>,
    /// Per exact term, the index of its stem in `text.terms`.
    pub stem_of: Vec<u32>,
    pub facets: Facets,
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`; a truncated one reads as 0 (the index is trusted).
fn get_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= ((b & 0x7f) as u32) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
        if shift > 28 {
            break;
        }
    }
    v
}

/// A varint, with the one-byte case first (most words, at any scale).
#[inline]
fn get_varint_fast(bytes: &[u8], at: &mut usize) -> u32 {
    match bytes.get(*at) {
        Some(&b) if b < 0x80 => {
            *at += 1;
            b as u32
        }
        _ => get_varint(bytes, at),
    }
}

/// Collects occurrences for one field while building.
#[derive(Default)]
struct FieldBuilder {
    /// term -> [(statement, positions)] in statement order.
    terms: BTreeMap<String, Vec<(u32, Vec<u32>)>>,
    lengths: Vec<u32>,
}

impl FieldBuilder {
    fn add(&mut self, statement: u32, term: &str, position: u32) {
        let list = self.terms.entry(term.to_owned()).or_default();
        match list.last_mut() {
            Some((s, positions)) if *s == statement => positions.push(position),
            _ => list.push((statement, vec![position])),
        }
    }

    fn finish(self, positions: bool) -> Field<'static> {
        let mut terms = Vec::with_capacity(self.terms.len());
        let mut info = Vec::with_capacity(self.terms.len());
        let mut postings = Vec::new();
        let mut position_bytes = Vec::new();
        for (term, list) in self.terms {
            info.push(TermInfo {
                df: list.len() as u32,
                offset: postings.len() as u32,
                positions: position_bytes.len() as u32,
            });
            let mut prev = 0;
            for (s, pos) in list {
                put_varint(&mut postings, s - prev);
                prev = s;
                put_varint(&mut postings, pos.len() as u32);
                if positions {
                    let mut last = 0;
                    for p in pos {
                        put_varint(&mut position_bytes, p - last);
                        last = p;
                    }
                }
            }
            terms.push(term.into());
        }
        let average = if self.lengths.is_empty() {
            1.0
        } else {
            let sum: u64 = self.lengths.iter().map(|&l| l as u64).sum();
            (sum as f32 / self.lengths.len() as f32).max(1.0)
        };
        Field {
            terms,
            info,
            postings: Bytes(Cow::Owned(postings)),
            positions: Bytes(Cow::Owned(position_bytes)),
            lengths: self.lengths,
            average,
        }
    }
}

/// Builds the index of a corpus (natively, at compile time).
pub fn build(corpus: &Corpus) -> Index<'static> {
    let mut text = FieldBuilder::default();
    let mut exact = FieldBuilder::default();
    let mut meta = FieldBuilder::default();
    // Each statement's words as exact terms, numbered once every term is known.
    let mut words: Vec<Vec<Vec<String>>> = Vec::with_capacity(corpus.statements.len());
    let mut stems: BTreeMap<String, String> = BTreeMap::new();
    for (i, s) in corpus.statements.iter().enumerate() {
        let i = i as u32;
        let doc = corpus.document_of(s);
        let mut count = 0;
        let mut base = 0;
        let mut passages = Vec::with_capacity(s.passages.len());
        for p in &s.passages {
            let toks = tokens(doc.text(p.span));
            let n = toks.len() as u32;
            let mut passage = Vec::with_capacity(toks.len());
            for (k, t) in toks.into_iter().enumerate() {
                let position = base + k as u32;
                let st = if t.cjk {
                    Cow::Borrowed(t.term.as_str())
                } else {
                    stem(&t.term)
                };
                text.add(i, &st, position);
                exact.add(i, &t.term, position);
                if !stems.contains_key(&t.term) {
                    stems.insert(t.term.clone(), st.into_owned());
                }
                passage.push(t.term);
                count += 1;
            }
            passages.push(passage);
            base += n + PASSAGE_GAP;
        }
        words.push(passages);
        text.lengths.push(count);
        exact.lengths.push(count);
        let speaker = &corpus.speakers[s.speaker as usize].name;
        let meta_text = format!("{speaker} {}", doc.title);
        let meta_tokens = tokens(&meta_text);
        meta.lengths.push(meta_tokens.len() as u32);
        for (k, t) in meta_tokens.into_iter().enumerate() {
            meta.add(i, &t.term, k as u32);
        }
    }
    let mut facets = Facets::default();
    facets.topic_start.push(0);
    let totals = &mut facets.totals;
    totals.speakers = vec![0; corpus.speakers.len()];
    totals.venues = vec![0; corpus.venues.len()];
    totals.topics = vec![0; corpus.topics.len()];
    let mut years = BTreeMap::<u16, u32>::new();
    for s in &corpus.statements {
        totals.speakers[s.speaker as usize] += 1;
        if let Some(v) = s.venue {
            totals.venues[v as usize] += 1;
        }
        for &t in &s.topics {
            totals.topics[t as usize] += 1;
        }
        if let Some(d) = s.date.date {
            *years.entry(d.year).or_default() += 1;
        }
    }
    facets.totals.years = years.into_iter().rev().collect();
    for s in &corpus.statements {
        facets.speaker.push(s.speaker);
        facets.venue.push(s.venue.unwrap_or(u32::MAX));
        let d = s.date.date;
        facets.year.push(d.map_or(0, |d| d.year));
        facets.date_key.push(d.map_or(0, |d| {
            d.year as u32 * 10_000 + d.month.unwrap_or(0) as u32 * 100 + d.day.unwrap_or(0) as u32
        }));
        facets.topics.extend(&s.topics);
        facets.topic_start.push(facets.topics.len() as u32);
    }
    let text = text.finish(true);
    let exact = exact.finish(false);
    let id = |term: &str| exact.find(term).expect("every word is an exact term") as u32;
    let mut tokens = Tokens::default();
    let mut stream = Vec::new();
    tokens.starts.push(0);
    for passages in &words {
        for passage in passages {
            put_varint(&mut stream, passage.len() as u32);
            for w in passage {
                put_varint(&mut stream, id(w));
            }
        }
        tokens.starts.push(stream.len() as u32);
    }
    tokens.stream = Bytes(Cow::Owned(stream));
    let stem_of = exact
        .terms
        .iter()
        .map(|t| {
            let st = &stems[t.as_ref()];
            text.find(st).expect("every stem is a text term") as u32
        })
        .collect();
    Index {
        text,
        exact,
        meta: meta.finish(false),
        tokens,
        stem_of,
        facets,
    }
}

/// A position in the postings of one term, moving forward: the current statement and
/// its term frequency; its positions are decoded only on request.
#[derive(Debug, Clone)]
pub struct Cursor<'f> {
    postings: &'f [u8],
    positions: &'f [u8],
    at: usize,
    pos_at: usize,
    left: u32,
    started: bool,
    /// Whether the current entry's positions are still ahead of `pos_at`.
    pending: bool,
    /// The current statement (valid after `advance` or `seek` returned true).
    pub statement: u32,
    /// Its term frequency.
    pub tf: u32,
}

impl Cursor<'_> {
    /// Moves to the next posting; false when there is none.
    pub fn advance(&mut self) -> bool {
        self.skip_positions();
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
        self.pending = true;
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

    /// The current posting's positions, into `out` (cleared first); empty in a field
    /// without positions.
    pub fn positions(&mut self, out: &mut Vec<u32>) {
        out.clear();
        if !self.pending || self.positions.is_empty() {
            return;
        }
        let mut p = 0;
        for _ in 0..self.tf {
            p += get_varint(self.positions, &mut self.pos_at);
            out.push(p);
        }
        self.pending = false;
    }

    fn skip_positions(&mut self) {
        if !self.pending || self.positions.is_empty() {
            return;
        }
        // A varint ends at a byte without the high bit.
        let mut ends = self.tf;
        while ends > 0 && self.pos_at < self.positions.len() {
            if self.positions[self.pos_at] < 0x80 {
                ends -= 1;
            }
            self.pos_at += 1;
        }
        self.pending = false;
    }
}

impl Field<'_> {
    /// The index of a term, if present.
    pub fn find(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| t.as_ref().cmp(term)).ok()
    }

    /// The indices of all terms starting with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| t.as_ref() < prefix);
        let end = start
            + self.terms[start..]
                .iter()
                .take_while(|t| t.starts_with(prefix))
                .count();
        start..end
    }

    /// A cursor over the postings of term `i`, before its first posting.
    pub fn cursor(&self, i: usize) -> Cursor<'_> {
        let info = self.info[i];
        Cursor {
            postings: &self.postings.0,
            positions: &self.positions.0,
            at: info.offset as usize,
            pos_at: info.positions as usize,
            left: info.df,
            started: false,
            pending: false,
            statement: 0,
            tf: 0,
        }
    }

    /// Calls `f(statement, tf)` for each posting of term `i`, without allocating.
    pub fn for_each(&self, i: usize, mut f: impl FnMut(u32, u32)) {
        let info = self.info[i];
        let bytes: &[u8] = &self.postings.0;
        let mut at = info.offset as usize;
        let mut statement = 0;
        for _ in 0..info.df {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX];
        for v in values {
            put_varint(&mut out, v);
        }
        let mut at = 0;
        for v in values {
            assert_eq!(get_varint(&out, &mut at), v);
        }
        assert_eq!(at, out.len());
    }

    #[test]
    fn cursors_agree_with_for_each() {
        let mut b = FieldBuilder::default();
        for (s, t, p) in [
            (0, "a", 0),
            (0, "a", 300),
            (2, "a", 1),
            (2, "b", 2),
            (7, "a", 5),
            (7, "a", 6),
            (7, "a", 200),
        ] {
            b.add(s, t, p);
        }
        b.lengths = vec![2, 0, 2, 0, 0, 0, 0, 3];
        let field = b.finish(true);
        let i = field.find("a").unwrap();
        let mut seen = Vec::new();
        field.for_each(i, |s, tf| seen.push((s, tf)));
        assert_eq!(seen, [(0, 2), (2, 1), (7, 3)]);
        // Walking every posting, reading every position.
        let mut c = field.cursor(i);
        let mut walked = Vec::new();
        let mut pos = Vec::new();
        while c.advance() {
            c.positions(&mut pos);
            walked.push((c.statement, c.tf, pos.clone()));
        }
        assert_eq!(
            walked,
            [
                (0, 2, vec![0, 300]),
                (2, 1, vec![1]),
                (7, 3, vec![5, 6, 200])
            ]
        );
        // Seeking skips the positions it passes without reading them.
        let mut c = field.cursor(i);
        assert!(!c.seek(1));
        assert_eq!(c.statement, 2);
        assert!(c.seek(7));
        c.positions(&mut pos);
        assert_eq!(pos, [5, 6, 200]);
        assert!(!c.seek(8));
        // The mean length, 5/8, is below 1, so the average is clamped to 1.
        assert_eq!(field.average, 1.0);
    }

    #[test]
    fn truncated_varints_do_not_panic() {
        let mut at = 0;
        assert_eq!(get_varint(&[0x80, 0x80], &mut at), 0);
        assert_eq!(get_varint(&[], &mut at), 0);
    }
}
