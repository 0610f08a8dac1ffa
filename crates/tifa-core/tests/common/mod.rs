//! Shared by the integration tests: the seed corpus, compiled once, and its index.

use std::path::Path;
use std::sync::OnceLock;
use tifa_core::compile::compile_dir;
use tifa_core::model::Corpus;
use tifa_core::search::index::{build, Index};

/// The seed corpus (`corpus/`) and its search index.
pub fn seed() -> &'static (Corpus<'static>, Index<'static>) {
    static SEED: OnceLock<(Corpus<'static>, Index<'static>)> = OnceLock::new();
    SEED.get_or_init(|| {
        let corpus =
            compile_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")).unwrap();
        let index = build(&corpus);
        (corpus, index)
    })
}
