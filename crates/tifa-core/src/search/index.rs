//! The search index, built natively at compile time and embedded with the corpus.
//!
//! ```text
//! Index (postcard, inside the corpus blob; strings and byte runs borrowed on decode)
//! ├── text: Field            statement passages; terms are Snowball stems; with positions
//! ├── exact: Field           statement passages; terms are folded words; no positions
//! ├── meta: Field            speaker name + document title; folded words; no positions
//! └── (per field)
//!     ├── terms:   Vec<str>        sorted, unique            -> binary search, prefix ranges
//!     ├── info:    Vec<TermInfo>   parallel to terms: { df: u32, offset: u32 } into postings
//!     ├── postings: bytes          per term, for each statement in ascending order:
//!     │                              varint(statement - previous statement)   (first: + 0)
//!     │                              varint(tf)
//!     │                              positions field only: tf × varint(position - previous)
//!     └── lengths: Vec<u32>        tokens per statement (BM25 length normalisation)
//! ```
//!
//! Statement numbers are indices into `Corpus::statements`. Positions count tokens
//! across a statement's passages in order, with a gap of 1000 between passages so that
//! a phrase never spans two passages.

use super::text::{stem, tokens};
use crate::model::{Corpus, Text};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Position gap between passages: phrases never match across it.
pub const PASSAGE_GAP: u32 = 1000;

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
}

/// One indexed field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Field<'a> {
    #[serde(borrow)]
    pub terms: Vec<Text<'a>>,
    pub info: Vec<TermInfo>,
    #[serde(borrow)]
    pub postings: Bytes<'a>,
    pub lengths: Vec<u32>,
    /// Whether postings carry positions.
    pub positions: bool,
}

/// The whole index.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Index<'a> {
    #[serde(borrow)]
    pub text: Field<'a>,
    #[serde(borrow)]
    pub exact: Field<'a>,
    #[serde(borrow)]
    pub meta: Field<'a>,
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
        for (term, list) in self.terms {
            info.push(TermInfo {
                df: list.len() as u32,
                offset: postings.len() as u32,
            });
            let mut prev = 0;
            for (s, pos) in list {
                put_varint(&mut postings, s - prev);
                prev = s;
                put_varint(&mut postings, pos.len() as u32);
                if positions {
                    let mut last = 0;
                    for p in pos {
                        put_varint(&mut postings, p - last);
                        last = p;
                    }
                }
            }
            terms.push(term.into());
        }
        Field {
            terms,
            info,
            postings: Bytes(Cow::Owned(postings)),
            lengths: self.lengths,
            positions,
        }
    }
}

/// Builds the index of a corpus (natively, at compile time).
pub fn build(corpus: &Corpus) -> Index<'static> {
    let mut text = FieldBuilder::default();
    let mut exact = FieldBuilder::default();
    let mut meta = FieldBuilder::default();
    for (i, s) in corpus.statements.iter().enumerate() {
        let i = i as u32;
        let doc = corpus.document_of(s);
        let mut count = 0;
        for (n, p) in s.passages.iter().enumerate() {
            for (k, t) in tokens(doc.text(p.span)).into_iter().enumerate() {
                let position = n as u32 * PASSAGE_GAP + k as u32;
                let st = if t.cjk {
                    Cow::Borrowed(t.term.as_str())
                } else {
                    stem(&t.term)
                };
                text.add(i, &st, position);
                exact.add(i, &t.term, position);
                count += 1;
            }
        }
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
    Index {
        text: text.finish(true),
        exact: exact.finish(false),
        meta: meta.finish(false),
    }
}

/// One statement's entry in a posting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub statement: u32,
    pub tf: u32,
    /// Empty unless the field has positions.
    pub positions: Vec<u32>,
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

    /// Decodes the postings of term `i`.
    pub fn postings(&self, i: usize) -> Vec<Posting> {
        let info = self.info[i];
        let bytes: &[u8] = &self.postings.0;
        let mut at = info.offset as usize;
        let mut out = Vec::with_capacity(info.df as usize);
        let mut statement = 0;
        for _ in 0..info.df {
            statement += get_varint(bytes, &mut at);
            let tf = get_varint(bytes, &mut at);
            let mut positions = Vec::new();
            if self.positions {
                let mut p = 0;
                positions.reserve(tf as usize);
                for _ in 0..tf {
                    p += get_varint(bytes, &mut at);
                    positions.push(p);
                }
            }
            out.push(Posting {
                statement,
                tf,
                positions,
            });
        }
        out
    }

    /// Mean field length, at least 1.
    pub fn average_length(&self) -> f32 {
        if self.lengths.is_empty() {
            return 1.0;
        }
        let sum: u64 = self.lengths.iter().map(|&l| l as u64).sum();
        (sum as f32 / self.lengths.len() as f32).max(1.0)
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
    fn truncated_varints_do_not_panic() {
        let mut at = 0;
        assert_eq!(get_varint(&[0x80, 0x80], &mut at), 0);
        assert_eq!(get_varint(&[], &mut at), 0);
    }
}
