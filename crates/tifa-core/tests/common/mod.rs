//! Shared by tifa-core's integration tests: the corpora of `tifa_compile::fixtures` (one
//! definition for every crate's tests).
#![allow(dead_code, unused_imports)]

pub use tifa_compile::fixtures::{bundle, corpus, fixture_dir, own_words, seed, speakers};
