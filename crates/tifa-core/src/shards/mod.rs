//! The sharded packing: a corpus and its index cut into immutable files, each named by
//! the SHA-256 of its bytes, so that a page fetches only what a view reads (issue 29's
//! format; the in-bundle packing is `tifa_model::format`'s one blob).
//!
//! ```text
//! manifest-<hash>.bin   always loaded: what every view needs to start
//!   TIFZ-packed; inside: b"TIFS", format version (u16 LE), postcard(Manifest):
//!     version            the corpus version (the hash links carry as v=)
//!     statements, documents   how many
//!     speakers, venues, outlets, topics: the entity tables (id, name)
//!     facets             per statement: speaker, venue, year, date key, topics;
//!                        and the corpus totals (index::Facets)
//!     document_of        per statement, its document
//!     text, exact        per field (stems, exact words): the statements' lengths and
//!                        their mean (BM25), the number of terms, and its term pieces:
//!                        [ first term, first term id, file, places file (exact) ]
//!     tokens_width       2 or 4 bytes a word in the token pieces
//!     records, documents_files, tokens: pieces by range: [ first item, file ]
//!     statement_ids, document_ids: id pieces by their first id: [ first id, file ]
//!   file = { name: "<kind>-<16 hex digits of the SHA-256 of the packed file>.bin",
//!            bytes: its size as served }
//!
//! <kind>-<hash>.bin     fetched on demand; TIFZ-packed; inside: b"TIFP", version,
//!                       postcard(Piece), one of:
//!   Terms     a run of a field's sorted terms: the terms, { df, offset } each, their
//!             postings (index.rs's encoding, offsets from the run's first), and for
//!             the exact field each term's stem id
//!   Records   a run of statements (by statement number): the statements as the
//!             corpus holds them (document and entities as global indices)
//!   Documents a run of documents, and their raw texts side by side
//!   Tokens    a run of statements' token streams: passage starts and first passages
//!             from 0, the words (tokens_width bytes each)
//!   Places    where each term of a run of exact words occurs (the run's places file)
//!   Ids       a run of statement (or document) ids in id order, and each one's number:
//!             how a link's `s=` or `doc=` finds its record without the whole corpus
//! ```
//!
//! A piece's name is the hash of its bytes, so a piece is never changed once
//! published: a host serves every file with a cache lifetime of forever, a deploy of a
//! new version adds files beside the old ones, and a corrupted or truncated download
//! is refused by name ([`check_name`]). The pieces cut at sorted-term and statement
//! boundaries by size ([`Sizes`]). [`corpus_of`] and [`index_of`] make the corpus and
//! index of a manifest with every run empty; [`fill`] fills the run a piece holds, so
//! the one engine reads what has come; with every piece filled they are the corpus
//! (byte for byte) and the index they were cut from (tested). [`needs`] says which
//! pieces a search's first page of results reads.

mod assemble;
mod cut;
mod needs;

pub use assemble::{check_name, corpus_of, fill, index_of, open_manifest, open_piece};
pub use cut::{cut, Cut, Sizes};
pub use needs::{everything, ids_file, needs, records_and_documents, Needs};

use crate::search::index::{Facets, PlaceRun, TermRun, TokenRun};
use serde::{Deserialize, Serialize};
use tifa_model::{Document, Entity, Statement, Text};

/// First four bytes of an unpacked manifest.
pub const MANIFEST_MAGIC: &[u8; 4] = b"TIFS";
/// First four bytes of an unpacked piece.
pub const PIECE_MAGIC: &[u8; 4] = b"TIFP";

/// What a page loads first: everything a view needs to start, and where the rest is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest<'a> {
    #[serde(borrow)]
    pub version: Text<'a>,
    pub statements: u32,
    pub documents: u32,
    #[serde(borrow)]
    pub speakers: Vec<Entity<'a>>,
    #[serde(borrow)]
    pub venues: Vec<Entity<'a>>,
    #[serde(borrow)]
    pub outlets: Vec<Entity<'a>>,
    #[serde(borrow)]
    pub topics: Vec<Entity<'a>>,
    #[serde(with = "packed_facets")]
    pub facets: Facets,
    #[serde(with = "deltas")]
    pub document_of: Vec<u32>,
    #[serde(borrow)]
    pub text: FieldTable<'a>,
    #[serde(borrow)]
    pub exact: FieldTable<'a>,
    pub tokens_width: u8,
    #[serde(borrow)]
    pub records: Vec<Range<'a>>,
    #[serde(borrow)]
    pub documents_files: Vec<Range<'a>>,
    #[serde(borrow)]
    pub tokens: Vec<Range<'a>>,
    #[serde(borrow)]
    pub statement_ids: Vec<IdRange<'a>>,
    #[serde(borrow)]
    pub document_ids: Vec<IdRange<'a>>,
}

/// A piece holding a run of ids in id order, from `first_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdRange<'a> {
    #[serde(borrow)]
    pub first_id: Text<'a>,
    #[serde(borrow)]
    pub file: File<'a>,
}

/// One field's resident part: what BM25 needs per statement (the exact words'
/// lengths left empty when they are the stems', as they always are), and its term
/// pieces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldTable<'a> {
    pub lengths: Vec<u32>,
    pub average: f32,
    pub terms: u32,
    #[serde(borrow)]
    pub pieces: Vec<TermRange<'a>>,
}

/// A piece holding a run of sorted terms, from `first_term` (id `first`), and for
/// the exact words the piece of their places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRange<'a> {
    #[serde(borrow)]
    pub first_term: Text<'a>,
    pub first: u32,
    #[serde(borrow)]
    pub file: File<'a>,
    #[serde(borrow)]
    pub places: Option<File<'a>>,
}

/// A piece holding a run of statements or documents, from number `first`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range<'a> {
    pub first: u32,
    #[serde(borrow)]
    pub file: File<'a>,
}

/// A file of the packing: its name (kind and content hash) and its size as served.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct File<'a> {
    #[serde(borrow)]
    pub name: Text<'a>,
    pub bytes: u32,
}

/// What a piece holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Piece<'a> {
    /// A run of a field's terms (`TermRun`: terms, { df, offset } each, postings
    /// from the run's first, and for the exact field each term's stem id).
    Terms(#[serde(borrow)] TermRun<'a>),
    Records {
        #[serde(borrow)]
        statements: Vec<Statement<'a>>,
    },
    Documents {
        /// The documents without their raw text (a document's fields skip it) …
        #[serde(borrow)]
        documents: Vec<Document<'a>>,
        /// … which is here, in the same order.
        #[serde(borrow)]
        texts: Vec<Text<'a>>,
    },
    /// A run of statements' token streams (`TokenRun`).
    Tokens(#[serde(borrow)] TokenRun<'a>),
    /// Where each term of a run of exact words occurs (`PlaceRun`).
    Places(#[serde(borrow)] PlaceRun<'a>),
    /// A run of ids in id order, each with its statement's (or document's) number.
    Ids {
        #[serde(borrow)]
        ids: Vec<Text<'a>>,
        numbers: Vec<u32>,
    },
}

/// A rising (or nearly) list as the differences between neighbours, which pack to
/// almost nothing: statement numbers' documents, dates in corpus order.
mod deltas {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let mut last = 0u32;
        s.collect_seq(v.iter().map(|&x| {
            let d = x.wrapping_sub(last) as i32;
            last = x;
            d
        }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        let mut last = 0u32;
        Ok(Vec::<i32>::deserialize(d)?
            .into_iter()
            .map(|x| {
                last = last.wrapping_add(x as u32);
                last
            })
            .collect())
    }

    /// As a field of another packed value.
    #[derive(Serialize, Deserialize)]
    pub struct Deltas(#[serde(with = "self")] pub Vec<u32>);
}

/// The facets as the manifest stores them: dates and topic counts as differences, the
/// year left out (the date key holds it).
mod packed_facets {
    use super::deltas::Deltas;
    use crate::search::index::{Facets, Totals};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use tifa_model::Kinds;

    #[derive(Serialize, Deserialize)]
    struct Packed {
        speaker: Vec<u32>,
        venue: Vec<u32>,
        date_key: Deltas,
        topic_start: Deltas,
        topics: Vec<u32>,
        kinds: Vec<Kinds>,
        totals: Totals,
    }

    pub fn serialize<S: Serializer>(f: &Facets, s: S) -> Result<S::Ok, S::Error> {
        Packed {
            speaker: f.speaker.clone(),
            venue: f.venue.clone(),
            date_key: Deltas(f.date_key.clone()),
            topic_start: Deltas(f.topic_start.clone()),
            topics: f.topics.clone(),
            kinds: f.kinds.clone(),
            totals: f.totals.clone(),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Facets, D::Error> {
        let p = Packed::deserialize(d)?;
        Ok(Facets {
            year: p.date_key.0.iter().map(|&k| (k / 10_000) as u16).collect(),
            speaker: p.speaker,
            venue: p.venue,
            date_key: p.date_key.0,
            topic_start: p.topic_start.0,
            topics: p.topics,
            kinds: p.kinds,
            totals: p.totals,
        })
    }
}

/// The name of a packed file of `kind`: the kind and the first 16 hex digits of the
/// SHA-256 of its bytes.
///
/// ```
/// assert_eq!(tifa_core::shards::name_of("records", b""), "records-e3b0c44298fc1c14.bin");
/// ```
pub fn name_of(kind: &str, packed: &[u8]) -> String {
    let hash = tifa_model::checksum::sha256_hex(packed);
    format!("{kind}-{}.bin", &hash[..16])
}
