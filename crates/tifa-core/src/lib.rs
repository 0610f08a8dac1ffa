//! Tifa's pure logic: no web-sys, no I/O at run time, tested natively with `cargo test`.
//!
//! - [`blob`]: the bundle decoded from the corpus blob (its format is
//!   `tifa_model::format`): the corpus, its index and look-ups, and what is mined,
//!   attached from the discoveries blob when it comes.
//! - [`search`]: the query language, the index and the engine.
//! - [`shards`]: the sharded packing (a manifest and content-hashed pieces fetched on
//!   demand), cut from a corpus and its index and put back together.
//! - [`discover`]: recurring formulations and reused passages as stored and read (the
//!   compiler mines them).
//!
//! What each view shows, its URL state and its layout are composed in the `tifa-view`
//! crate (size-optimised).
//! The corpus compiler and the miners are `tifa-compile` (native only).

pub mod blob;
pub mod discover;
pub mod ngrams;
pub mod search;
pub mod shards;
