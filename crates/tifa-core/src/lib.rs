//! Tifa's pure logic: no web-sys, no I/O at run time, tested natively with `cargo test`.
//!
//! - [`blob`]: the binary formats of the corpus the app embeds and of the discoveries
//!   file beside it (schema at the top of the module), and the bundle decoded from
//!   them (the corpus, its index and look-ups, what is mined).
//! - [`search`]: the query language, the index and the engine.
//! - [`discover`]: recurring formulations and reused passages as stored and read (the
//!   compiler mines them).
//!
//! What each view shows, its URL state and its layout are composed in the `tifa-view`
//! crate (size-optimised).
//! The corpus compiler and the miners are `tifa-compile` (native only).

pub mod blob;
pub mod discover;
pub mod hash;
pub mod search;
pub mod varint;
