//! `use_discoveries`: where the bundle's discoveries (formulations, reuse) stand. They
//! come in their own file after the app has started (`crate::corpus::load_discoveries`),
//! so search never waits for them; the views that show them read this state and draw
//! what they have: a loading line, the discoveries, or why they could not come.

use leptos::prelude::*;

/// Where the discoveries stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mined {
    /// Asked for, not here yet.
    Loading,
    /// Attached to the bundle: `bundle.discoveries()` has them.
    Ready,
    /// They could not come; the message says why.
    Failed(String),
}

/// Makes `state` the discoveries' state of every component below, and returns it to be
/// updated when they arrive. `provide_bundle` provides it with the bundle.
pub fn provide_discoveries(state: Mined) -> RwSignal<Mined> {
    let signal = RwSignal::new(state);
    provide_context(signal);
    signal
}

/// What fetches the discoveries again after a failure ("Try again"), provided by the
/// component that fetched them.
#[derive(Clone, Copy)]
pub struct RetryDiscoveries(pub Callback<()>);

/// Offers `retry` to every component below ([`use_retry_discoveries`]).
pub fn provide_retry_discoveries(retry: Callback<()>) {
    provide_context(RetryDiscoveries(retry));
}

/// The way to fetch the discoveries again, where one was provided (the app provides
/// it; a test that mounts a view alone may not).
pub fn use_retry_discoveries() -> Option<Callback<()>> {
    use_context::<RetryDiscoveries>().map(|r| r.0)
}

/// Where the discoveries stand, for the components that show them.
///
/// # Panics
/// When none was provided (`provide_bundle` does): a programming error, caught by
/// every component test.
pub fn use_discoveries() -> ReadSignal<Mined> {
    expect_context::<RwSignal<Mined>>().read_only()
}
