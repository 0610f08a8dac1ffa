//! The search index, built from the corpus when the blob is decoded ([`build`]: the blob
//! does not ship it; see `blob`), and by the compiler for mining.
//!
//! ```text
//! Index (in memory; serialisable, which `tifa stats` uses to say what shipping it would cost)
//! ├── text: Field            statement passages; terms are Snowball stems
//! ├── exact: Field           statement passages; terms are folded words
//! ├── tokens: Tokens         the words of each passage in order, as exact term ids:
//! │                          width: 2 (ids fit in u16) or 4;
//! │                          words: every passage's ids, fixed width, little-endian;
//! │                          passage_start: P + 1 word offsets, per passage;
//! │                          first_passage: n + 1 indices into passage_start
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
//!     │                              { df: u32, offset: u32 into postings }
//!     ├── postings: bytes          per term, for each statement in ascending order:
//!     │                              varint(statement - previous statement)   (first: + 0)
//!     │                              varint(tf)
//!     ├── lengths: Vec<u32>        tokens per statement (BM25 length normalisation)
//!     └── average: f32             mean of lengths (at least 1)
//! ```
//!
//! Statement numbers are indices into `Corpus::statements`. Ranking needs only the
//! postings (statements and term frequencies), a dense run of bytes.
//!
//! The token stream answers what the postings cannot without reading the text again:
//! which words stand next to each other in which passage (a phrase, by stems in search
//! or by exact words in the tracker; the word a `*` stands for; the words around a
//! match). It holds exact term indices, so comparing two compares the words in sorted
//! order, and `stem_of` gives a word's stem. A phrase never spans two passages: each
//! passage is read on its own.

use super::text::{for_each_token, stem};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use tifa_model::varint::put as put_varint;
use tifa_model::{Corpus, Text};

/// The words of every statement, passage by passage, as exact term indices.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tokens<'a> {
    /// Bytes per word: 2 while the exact terms fit in 16 bits, else 4.
    pub width: u8,
    /// Every word of every passage, in corpus order, little-endian.
    #[serde(borrow)]
    pub words: Bytes<'a>,
    /// Where each passage's words begin (in words), and the end: P + 1 values.
    pub passage_start: Vec<u32>,
    /// Each statement's first passage in `passage_start`, and the end: n + 1 values.
    pub first_passage: Vec<u32>,
}

impl Tokens<'_> {
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
        let Some(range) = self.passages_of(s) else {
            return;
        };
        if p < range.len() {
            self.read(range.start + p, out);
        }
    }

    /// The indices in `passage_start` of statement `s`'s passages.
    fn passages_of(&self, s: u32) -> Option<std::ops::Range<usize>> {
        let first = *self.first_passage.get(s as usize)? as usize;
        let end = *self.first_passage.get(s as usize + 1)? as usize;
        Some(first..end.max(first))
    }

    /// The words of the passage at `k` in `passage_start`, appended to `out`.
    fn read(&self, k: usize, out: &mut Vec<u32>) {
        let (Some(&a), Some(&b)) = (self.passage_start.get(k), self.passage_start.get(k + 1))
        else {
            return;
        };
        let w = self.width as usize;
        let bytes = self
            .words
            .0
            .get(a as usize * w..b as usize * w)
            .unwrap_or(&[]);
        match w {
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
        let Some(range) = self.passages_of(s) else {
            return;
        };
        for (p, k) in range.enumerate() {
            words.clear();
            self.read(k, words);
            if !f(p, words) {
                return;
            }
        }
    }

    /// Statement `s`'s passages as they are stored: `f(bytes)` for each (`width` bytes
    /// a word, little-endian; read one with [`Tokens::id_at`]), until it returns false.
    pub fn each_passage_bytes(&self, s: u32, mut f: impl FnMut(&[u8]) -> bool) {
        let Some(range) = self.passages_of(s) else {
            return;
        };
        let w = self.width as usize;
        for k in range {
            let (Some(&a), Some(&b)) = (self.passage_start.get(k), self.passage_start.get(k + 1))
            else {
                return;
            };
            let bytes = self
                .words
                .0
                .get(a as usize * w..b as usize * w)
                .unwrap_or(&[]);
            if !f(bytes) {
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

    /// Whether the tables fit each other, the words and `statements` (checked on
    /// decode, so reading never indexes out of range).
    pub fn is_valid_for(&self, statements: usize) -> bool {
        let ordered = |v: &[u32]| v.first() == Some(&0) && v.windows(2).all(|w| w[0] <= w[1]);
        matches!(self.width, 2 | 4)
            && ordered(&self.passage_start)
            && self.first_passage.len() == statements + 1
            && ordered(&self.first_passage)
            && self.first_passage.last().copied() == Some(self.passage_start.len() as u32 - 1)
            && self
                .passage_start
                .last()
                .map(|&e| e as usize * self.width as usize)
                == Some(self.words.0.len())
    }
}

/// A run of bytes, borrowed from the blob when decoded (reuse), or owned (the index).
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
}

/// One indexed field.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Field<'a> {
    #[serde(borrow)]
    pub terms: Vec<Text<'a>>,
    pub info: Vec<TermInfo>,
    #[serde(borrow)]
    pub postings: Bytes<'a>,
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
    pub tokens: Tokens<'a>,
    /// Per exact term, the index of its stem in `text.terms`.
    pub stem_of: Vec<u32>,
    pub facets: Facets,
}

/// Reads a varint at `*at` (`tifa_model::varint`); a truncated one reads as 0: the index is
/// built at start from the corpus, and trusted.
#[inline]
fn get_varint(bytes: &[u8], at: &mut usize) -> u32 {
    tifa_model::varint::get(bytes, at).unwrap_or(0)
}

/// Words numbered in the order first met, to be renumbered in sorted order.
#[derive(Default)]
struct Interner {
    ids: rustc_hash::FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(term.into());
        self.ids.insert(term.into(), id);
        id
    }

    /// The terms in sorted order, and each first-met id's place in that order.
    fn sorted(self) -> (Vec<Box<str>>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (sorted, &first) in order.iter().enumerate() {
            rank[first as usize] = sorted as u32;
        }
        let mut names: Vec<Option<Box<str>>> = self.names.into_iter().map(Some).collect();
        let terms = order
            .iter()
            .map(|&i| names[i as usize].take().unwrap_or_default())
            .collect();
        (terms, rank)
    }
}

/// A field from its sorted terms and each statement's term ids: statement `s` holds
/// `ids[bounds[s]..bounds[s + 1]]`, each mapped through `map`.
fn field(
    terms: Vec<Box<str>>,
    ids: &[u32],
    bounds: impl Iterator<Item = (usize, usize)>,
    map: impl Fn(u32) -> u32,
) -> Field<'static> {
    let mut lists: Vec<Vec<(u32, u32)>> = vec![Vec::new(); terms.len()];
    let mut lengths = Vec::new();
    for (s, (a, b)) in bounds.enumerate() {
        let s = s as u32;
        for &id in &ids[a..b] {
            let list = &mut lists[map(id) as usize];
            match list.last_mut() {
                Some((last, tf)) if *last == s => *tf += 1,
                _ => list.push((s, 1)),
            }
        }
        lengths.push((b - a) as u32);
    }
    let mut info = Vec::with_capacity(terms.len());
    let mut postings = Vec::new();
    for list in lists {
        info.push(TermInfo {
            df: list.len() as u32,
            offset: postings.len() as u32,
        });
        let mut prev = 0;
        for (s, tf) in list {
            put_varint(&mut postings, s - prev);
            prev = s;
            put_varint(&mut postings, tf);
        }
    }
    let average = if lengths.is_empty() {
        1.0
    } else {
        let sum: u64 = lengths.iter().map(|&l| l as u64).sum();
        (sum as f32 / lengths.len() as f32).max(1.0)
    };
    Field {
        terms: terms
            .into_iter()
            .map(|t| Text(Cow::Owned(t.into())))
            .collect(),
        info,
        postings: Bytes(Cow::Owned(postings)),
        lengths,
        average,
    }
}

/// Builds the index of a corpus: in the app at start (the blob ships the corpus, not its
/// index: building it costs less than downloading it), and natively by the tools.
///
/// One pass over the passages numbers each word the first time it is met (no
/// allocation for a word already met); each distinct word is stemmed once; the words
/// are then renumbered in sorted order and each field's postings read off the stream.
pub fn build(corpus: &Corpus) -> Index<'static> {
    let n = corpus.statements.len();
    let mut words = Interner::default();
    let mut stream: Vec<u32> = Vec::new();
    let mut passage_start = vec![0u32];
    let mut first_passage = Vec::with_capacity(n + 1);
    first_passage.push(0u32);
    for s in &corpus.statements {
        let doc = corpus.document_of(s);
        for p in &s.passages {
            for_each_token(doc.text(p.span), |term, _, _, _| {
                stream.push(words.id(term));
            });
            passage_start.push(stream.len() as u32);
        }
        first_passage.push(passage_start.len() as u32 - 1);
    }
    // Each distinct word stemmed once.
    let mut stems = Interner::default();
    let stem_first: Vec<u32> = words.names.iter().map(|w| stems.id(&stem(w))).collect();
    let (exact_terms, exact_rank) = words.sorted();
    let (stem_terms, stem_rank) = stems.sorted();
    let mut stem_of = vec![0u32; exact_terms.len()];
    for (first, &stem) in stem_first.iter().enumerate() {
        stem_of[exact_rank[first] as usize] = stem_rank[stem as usize];
    }
    for id in &mut stream {
        *id = exact_rank[*id as usize];
    }
    let statement_bounds = || {
        first_passage.windows(2).map(|w| {
            (
                passage_start[w[0] as usize] as usize,
                passage_start[w[1] as usize] as usize,
            )
        })
    };
    let exact = field(exact_terms, &stream, statement_bounds(), |id| id);
    let text = field(stem_terms, &stream, statement_bounds(), |id| {
        stem_of[id as usize]
    });
    let width = if exact.terms.len() <= 1 << 16 { 2 } else { 4 };
    let mut bytes = Vec::with_capacity(stream.len() * width as usize);
    for &id in &stream {
        match width {
            2 => bytes.extend_from_slice(&(id as u16).to_le_bytes()),
            _ => bytes.extend_from_slice(&id.to_le_bytes()),
        }
    }
    Index {
        text,
        exact,
        tokens: Tokens {
            width,
            words: Bytes(Cow::Owned(bytes)),
            passage_start,
            first_passage,
        },
        stem_of,
        facets: facets(corpus),
    }
}

/// The per-statement facet values and the corpus totals.
fn facets(corpus: &Corpus) -> Facets {
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
    facets
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
            at: info.offset as usize,
            left: info.df,
            started: false,
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
    use crate::search::text::tokens;
    use tifa_model::{Document, Entity, Passage, PassageKind, Span, Statement};

    /// Collects occurrences for one field while building.
    #[derive(Default)]
    struct FieldBuilder {
        /// term -> [(statement, term frequency)] in statement order.
        terms: BTreeMap<String, Vec<(u32, u32)>>,
        lengths: Vec<u32>,
    }

    impl FieldBuilder {
        fn add(&mut self, statement: u32, term: &str) {
            let list = self.terms.entry(term.to_owned()).or_default();
            match list.last_mut() {
                Some((s, tf)) if *s == statement => *tf += 1,
                _ => list.push((statement, 1)),
            }
        }

        fn finish(self) -> Field<'static> {
            let mut terms = Vec::with_capacity(self.terms.len());
            let mut info = Vec::with_capacity(self.terms.len());
            let mut postings = Vec::new();
            for (term, list) in self.terms {
                info.push(TermInfo {
                    df: list.len() as u32,
                    offset: postings.len() as u32,
                });
                let mut prev = 0;
                for (s, tf) in list {
                    put_varint(&mut postings, s - prev);
                    prev = s;
                    put_varint(&mut postings, tf);
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
                lengths: self.lengths,
                average,
            }
        }
    }

    /// One document per statement, its passages the texts given.
    fn corpus_of(statements: &[Vec<String>]) -> Corpus<'static> {
        let mut c = Corpus::empty();
        c.speakers = vec![Entity {
            id: "s".into(),
            name: "Wang Yi".into(),
        }];
        for (i, passages) in statements.iter().enumerate() {
            let mut raw = String::new();
            let mut spans = Vec::new();
            for text in passages {
                if !raw.is_empty() {
                    raw.push_str("\n\n");
                }
                let start = raw.len() as u32;
                raw.push_str(text);
                spans.push(Passage {
                    kind: PassageKind::Quote,
                    span: Span {
                        start,
                        end: raw.len() as u32,
                    },
                });
            }
            let mut doc = Document::bare(&format!("d{i}"), &raw);
            doc.title = format!("Remarks on rights {}", i % 3).into();
            c.documents.push(doc);
            c.statements
                .push(Statement::bare(&format!("s{i}"), i as u32, spans));
        }
        c
    }

    /// What each statement's text says, counted the naive way (maps of owned strings): per
    /// exact word and per stem, the statements holding it and how often; each passage's
    /// words in order; each statement's length.
    struct Naive {
        exact: BTreeMap<String, BTreeMap<u32, u32>>,
        stems: BTreeMap<String, BTreeMap<u32, u32>>,
        stem_of: BTreeMap<String, String>,
        passages: Vec<Vec<Vec<String>>>,
        lengths: Vec<u32>,
    }

    fn naive(corpus: &Corpus) -> Naive {
        let mut n = Naive {
            exact: BTreeMap::new(),
            stems: BTreeMap::new(),
            stem_of: BTreeMap::new(),
            passages: Vec::new(),
            lengths: Vec::new(),
        };
        for (i, s) in corpus.statements.iter().enumerate() {
            let doc = corpus.document_of(s);
            let mut passages = Vec::new();
            for p in &s.passages {
                let words: Vec<String> = tokens(doc.text(p.span))
                    .into_iter()
                    .map(|t| {
                        let st = if t.cjk {
                            t.term.clone()
                        } else {
                            stem(&t.term).into_owned()
                        };
                        *n.stems
                            .entry(st.clone())
                            .or_default()
                            .entry(i as u32)
                            .or_default() += 1;
                        n.stem_of.insert(t.term.clone(), st);
                        t.term
                    })
                    .collect();
                for w in &words {
                    *n.exact
                        .entry(w.clone())
                        .or_default()
                        .entry(i as u32)
                        .or_default() += 1;
                }
                passages.push(words);
            }
            n.lengths
                .push(passages.iter().map(|p| p.len() as u32).sum());
            n.passages.push(passages);
        }
        n
    }

    /// A field's postings for every term, read back through its public cursor.
    fn read_back(field: &Field) -> BTreeMap<String, BTreeMap<u32, u32>> {
        (0..field.terms.len())
            .map(|i| {
                let mut list = BTreeMap::new();
                field.for_each(i, |s, tf| {
                    list.insert(s, tf);
                });
                (field.terms[i].to_string(), list)
            })
            .collect()
    }

    proptest::proptest! {
        /// The index answers what the text says, checked against counts made the naive
        /// way (not a second builder): every word and stem with exactly the statements
        /// and frequencies the text gives, each passage's words in order, lengths,
        /// stems, and the facets' totals.
        #[test]
        fn the_index_holds_what_the_text_says(
            statements in proptest::collection::vec(
                proptest::collection::vec(
                    "((China|china’s|CHINA'S|rights|right|Rights|cooperation|cooperating|naïve|Naive|2030|人类命运共同体|共同体|win-win|the|of|Ünïcödé|\\.|,|—) ){0,12}",
                    0..4,
                ),
                0..12,
            )
        ) {
            let corpus = corpus_of(&statements);
            let index = build(&corpus);
            let n = naive(&corpus);
            proptest::prop_assert_eq!(read_back(&index.exact), n.exact);
            proptest::prop_assert_eq!(read_back(&index.text), n.stems);
            proptest::prop_assert_eq!(&index.exact.lengths, &n.lengths);
            proptest::prop_assert_eq!(&index.text.lengths, &n.lengths);
            for (s, passages) in n.passages.iter().enumerate() {
                for (p, words) in passages.iter().enumerate() {
                    let mut ids = Vec::new();
                    index.tokens.passage(s as u32, p, &mut ids);
                    let read: Vec<&str> = ids.iter().map(|&id| index.exact.terms[id as usize].as_ref()).collect();
                    proptest::prop_assert_eq!(read, words.iter().map(String::as_str).collect::<Vec<_>>());
                }
            }
            for (term, st) in &n.stem_of {
                let id = index.exact.find(term).expect("every word is a term");
                proptest::prop_assert_eq!(index.text.terms[index.stem_of[id] as usize].as_ref(), st.as_str());
            }
            let speakers = corpus.statements.iter().filter(|s| s.speaker == 0).count() as u32;
            proptest::prop_assert_eq!(&index.facets.totals.speakers, &vec![speakers]);
        }
    }

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
        for (s, t) in [
            (0, "a"),
            (0, "a"),
            (2, "a"),
            (2, "b"),
            (7, "a"),
            (7, "a"),
            (7, "a"),
        ] {
            b.add(s, t);
        }
        b.lengths = vec![2, 0, 2, 0, 0, 0, 0, 3];
        let field = b.finish();
        let i = field.find("a").unwrap();
        let mut seen = Vec::new();
        field.for_each(i, |s, tf| seen.push((s, tf)));
        assert_eq!(seen, [(0, 2), (2, 1), (7, 3)]);
        let mut c = field.cursor(i);
        let mut walked = Vec::new();
        while c.advance() {
            walked.push((c.statement, c.tf));
        }
        assert_eq!(walked, seen);
        let mut c = field.cursor(i);
        assert!(!c.seek(1));
        assert_eq!(c.statement, 2);
        assert!(c.seek(7));
        assert_eq!(c.tf, 3);
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
