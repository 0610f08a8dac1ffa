//! `use_bundle`: the corpus, its search index and its look-ups, as one value provided
//! through context (the app provides the embedded corpus; tests provide their own), so
//! a component can never pair a corpus with another corpus's index.

use super::use_discoveries::{provide_discoveries, Mined};
use leptos::prelude::*;
use tifa_view::corpus::Bundle;

/// The corpus bundle every view reads. Cheap to copy: the bundle is static.
pub type CorpusBundle = &'static Bundle<'static>;

/// Makes `bundle` the corpus of every component below, with the state of its
/// discoveries (`use_discoveries`): ready when the bundle has them, else loading. The
/// state is returned for whoever brings them.
pub fn provide_bundle(bundle: CorpusBundle) -> RwSignal<Mined> {
    provide_context(bundle);
    provide_discoveries(if bundle.discoveries().is_some() {
        Mined::Ready
    } else {
        Mined::Loading
    })
}

/// The corpus bundle provided above this component.
///
/// # Panics
/// When none was provided: a programming error, caught by every component test.
pub fn use_bundle() -> CorpusBundle {
    expect_context::<CorpusBundle>()
}
