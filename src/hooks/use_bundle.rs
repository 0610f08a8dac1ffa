//! `use_bundle`: the corpus, its search index and its look-ups, as one value provided
//! through context (the app provides the embedded corpus; tests provide their own), so
//! a component can never pair a corpus with another corpus's index.

use leptos::prelude::*;
use tifa_core::blob::Bundle;

/// The corpus bundle every view reads. Cheap to copy: the bundle is static.
pub type CorpusBundle = &'static Bundle<'static>;

/// Makes `bundle` the corpus of every component below.
pub fn provide_bundle(bundle: CorpusBundle) {
    provide_context(bundle);
}

/// The corpus bundle provided above this component.
///
/// # Panics
/// When none was provided: a programming error, caught by every component test.
pub fn use_bundle() -> CorpusBundle {
    expect_context::<CorpusBundle>()
}
