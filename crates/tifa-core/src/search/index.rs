//! The search index, built from the corpus when the blob is decoded ([`build`]: the blob
//! does not ship it; see `blob`), and by the compiler for mining.
//!
//! ```text
//! Index (in memory; serialisable, which `tifa stats` uses to say what shipping it would cost)
//! ├── text: Field            statement passages; terms are Snowball stems
//! ├── exact: Field           statement passages; terms are folded words
//! ├── tokens: Tokens         the words of each passage in order, as exact term ids, in
//! │                          runs of statements (tokens.rs): width 2 (ids fit in u16)
//! │                          or 4; per run, words (every passage's ids, fixed width,
//! │                          little-endian), passage_start (P + 1 word offsets) and
//! │                          first_passage (n + 1 indices into passage_start)
//! ├── facets: Facets         per statement, as flat arrays (structure of arrays, so that
//! │                          counting facets over 25,000 results streams through memory):
//! │                          speaker, venue (u32::MAX: none), year (0: unknown),
//! │                          date_key (YYYYMMDD, missing parts as 00; 0: unknown),
//! │                          topic_start (n + 1 offsets into topics), topics, the kinds
//! │                          of its passages;
//! │                          totals: the counts over the whole corpus (speakers,
//! │                          venues, topics by index; years as (year, count), newest
//! │                          first), so a query matching most statements counts the
//! │                          few that do not match and subtracts
//! └── (per field, in runs of sorted terms: field.rs; one run when built here)
//!     ├── terms:   Vec<str>        sorted, unique            -> binary search, prefix ranges
//!     ├── info:    Vec<TermInfo>   parallel to terms:
//!     │                              { df: u32, offset: u32 into the run's postings }
//!     ├── postings: bytes          per term, for each statement in ascending order:
//!     │                              varint(statement - previous statement)   (first: + 0)
//!     │                              varint(tf)
//!     ├── stem_of (exact)          each exact term's stem id in text
//!     ├── forms (stems)            each stem's exact terms
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
use tifa_model::{Corpus, Kinds, PartialDate, PassageKind, Text};

pub use super::field::{Cursor, Field, PlaceRun, RunStart, TermInfo, TermRun};
pub use super::tokens::{TokenRun, Tokens};

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

/// Per-statement facet values as flat arrays (see the schema above).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    pub speaker: Vec<u32>,
    pub venue: Vec<u32>,
    pub year: Vec<u16>,
    pub date_key: Vec<u32>,
    pub topic_start: Vec<u32>,
    pub topics: Vec<u32>,
    /// The kinds of each statement's passages (so a search knows which statements to
    /// read again in the kinds it counts without reading the statement).
    pub kinds: Vec<Kinds>,
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

    /// Statement `i`'s venue.
    pub fn venue_of(&self, i: usize) -> Option<u32> {
        Some(self.venue[i]).filter(|&v| v != u32::MAX)
    }

    /// Statement `i`'s date, as partial as the corpus knows it (from its date key).
    ///
    /// ```
    /// use tifa_core::search::index::Facets;
    /// use tifa_model::PartialDate;
    /// let facets = Facets { date_key: vec![20_210_300, 0], ..Facets::default() };
    /// assert_eq!(facets.date_of(0), Some(PartialDate { year: 2021, month: Some(3), day: None }));
    /// assert_eq!(facets.date_of(1), None);
    /// ```
    pub fn date_of(&self, i: usize) -> Option<PartialDate> {
        let key = self.date_key[i];
        let part = |v: u32| Some(v as u8).filter(|&v| v != 0);
        (key != 0).then(|| PartialDate {
            year: (key / 10_000) as u16,
            month: part(key / 100 % 100),
            day: part(key % 100),
        })
    }
}

/// The whole index.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Index<'a> {
    pub text: Field<'a>,
    /// The exact words; each one's stem id (in `text`) is kept beside it.
    pub exact: Field<'a>,
    pub tokens: Tokens,
    pub facets: Facets,
}

impl Index<'_> {
    /// The id in `text` of exact term `i`'s stem (none while its run is not filled).
    #[inline]
    pub fn stem_of(&self, i: usize) -> Option<u32> {
        self.exact.stem_of(i)
    }
}

/// Reads a varint at `*at` (`tifa_model::varint`); a truncated one reads as 0: the index is
/// built at start from the corpus, and trusted.
#[inline]
pub(crate) fn get_varint(bytes: &[u8], at: &mut usize) -> u32 {
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

/// A field of one run from its sorted terms and each statement's term ids: statement
/// `s` holds `ids[bounds[s]..bounds[s + 1]]`, each mapped through `map`; `stem_of`
/// kept beside the terms (the exact field's; empty for the stems).
fn field(
    terms: Vec<Box<str>>,
    ids: &[u32],
    bounds: impl Iterator<Item = (usize, usize)>,
    stem_of: Vec<u32>,
    (form_start, forms): (Vec<u32>, Vec<u32>),
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
    let run = TermRun {
        terms: terms
            .into_iter()
            .map(|t| Text(Cow::Owned(t.into())))
            .collect(),
        info,
        postings: Bytes(Cow::Owned(postings)),
        stem_of,
        form_start,
        forms,
    };
    Field::whole(run, lengths, average)
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
    let forms = forms_of(&stem_of, stem_terms.len());
    let text = field(
        stem_terms,
        &stream,
        statement_bounds(),
        Vec::new(),
        forms,
        |id| stem_of[id as usize],
    );
    let none = (Vec::new(), Vec::new());
    let exact = field(
        exact_terms,
        &stream,
        statement_bounds(),
        stem_of,
        none,
        |id| id,
    );
    let width = if exact.len() <= 1 << 16 { 2 } else { 4 };
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
        tokens: Tokens::whole(
            width,
            n as u32,
            TokenRun {
                passage_start,
                first_passage,
                words: Bytes(Cow::Owned(bytes)),
            },
        ),
        facets: facets(corpus),
    }
}

/// Each stem's exact forms from each form's stem: (form_start, forms), forms in order.
fn forms_of(stem_of: &[u32], stems: usize) -> (Vec<u32>, Vec<u32>) {
    let mut start = vec![0u32; stems + 1];
    for &t in stem_of {
        start[t as usize + 1] += 1;
    }
    for i in 0..stems {
        start[i + 1] += start[i];
    }
    let mut next = start.clone();
    let mut forms = vec![0u32; stem_of.len()];
    for (form, &t) in stem_of.iter().enumerate() {
        forms[next[t as usize] as usize] = form as u32;
        next[t as usize] += 1;
    }
    (start, forms)
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
        let kinds: Vec<PassageKind> = s.passages.iter().map(|p| p.kind).collect();
        // A statement without passages has nothing to read again.
        facets.kinds.push(if kinds.is_empty() {
            Kinds::OWN_WORDS
        } else {
            Kinds::of(&kinds)
        });
    }
    facets
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
            let run = TermRun {
                terms,
                info,
                postings: Bytes(Cow::Owned(postings)),
                stem_of: Vec::new(),
                form_start: Vec::new(),
                forms: Vec::new(),
            };
            Field::whole(run, self.lengths, average)
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
        (0..field.len())
            .map(|i| {
                let mut list = BTreeMap::new();
                field.for_each(i, |s, tf| {
                    list.insert(s, tf);
                });
                (field.term(i).to_string(), list)
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
                    let read: Vec<&str> = ids.iter().map(|&id| index.exact.term(id as usize)).collect();
                    proptest::prop_assert_eq!(read, words.iter().map(String::as_str).collect::<Vec<_>>());
                }
            }
            for (term, st) in &n.stem_of {
                let id = index.exact.find(term).expect("every word is a term");
                let stem = index.stem_of(id).unwrap() as usize;
                proptest::prop_assert_eq!(index.text.term(stem), st.as_str());
                proptest::prop_assert!(index.text.forms(stem).contains(&(id as u32)));
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
