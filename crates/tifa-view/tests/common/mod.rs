//! Shared by the integration tests: the test corpus (`tests/fixtures/corpus`, a corpus
//! of the tests' own, so the product corpus in `corpus/` can grow without touching a
//! test), compiled once, with its index and look-ups.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tifa_core::blob::Bundle;
use tifa_core::compile::compile_dir;
use tifa_core::model::Corpus;
use tifa_core::search::index::Index;

/// The folder of the test corpus.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

/// The test corpus with its index and look-ups.
pub fn bundle() -> &'static Bundle<'static> {
    static BUNDLE: OnceLock<Bundle<'static>> = OnceLock::new();
    BUNDLE.get_or_init(|| Bundle::new(compile_dir(&fixture_dir()).unwrap()))
}

/// The test corpus and its search index.
pub fn seed() -> (&'static Corpus<'static>, &'static Index<'static>) {
    let b = bundle();
    (&b.corpus, &b.index)
}
