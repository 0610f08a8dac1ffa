//! Full-text search over statements (work in progress towards issue 4).
//!
//! - [`text`]: normalisation and tokenization shared by the indexer and the query.
//! - [`query`]: the query language, parsed without ever failing.
//! - [`index`]: the inverted index built at compile time (format at the top of the file).
//! - [`engine`]: BM25 ranking, filters, facets and highlight ranges.

mod diacritics;
pub mod engine;
pub mod index;
pub mod query;
pub mod text;
