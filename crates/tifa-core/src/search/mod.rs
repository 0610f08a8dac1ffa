//! Full-text search over statements (work in progress towards issue 4).
//!
//! - [`text`]: normalisation and tokenization shared by the indexer and the query.
//! - [`query`]: the query language, parsed without ever failing.

pub mod query;
pub mod text;
