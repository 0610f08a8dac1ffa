//! Full-text search over statements.
//!
//! - [`text`]: normalisation and tokenization shared by the indexer and the query.
//! - [`query`]: the query language, parsed without ever failing.
//! - [`index`]: the inverted index, built at start (its layout at the top of the file);
//!   [`field`]: a field's terms and postings, [`tokens`]: the token streams, each held in
//!   runs that the sharded packing fills as its pieces arrive.
//! - [`engine`]: BM25 ranking, facets and highlight ranges; [`filter`]: a query's
//!   filters, asked of each statement.
//! - [`formulation`]: what the tracker and the concordance follow (exact phrases, gaps,
//!   `NEAR`), and the reading that decides a search in some passage kinds.
//! - [`matching`]: where a pattern occurs in a passage's words (one core for all);
//!   [`sparse`]: a statement's passages rebuilt from the places of some words (the
//!   sharded packing, before the token stream is there).

mod diacritics;
pub mod engine;
pub mod field;
pub mod filter;
pub mod formulation;
pub mod index;
pub mod matching;
pub mod query;
pub mod sparse;
pub mod text;
pub mod tokens;
