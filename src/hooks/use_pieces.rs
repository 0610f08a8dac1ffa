//! `use_pieces`: whether the view of the URL's state has the corpus it reads. A corpus
//! in the Wasm always has; a sharded one (`crate::shards`) fetches, round by round, the
//! pieces `tifa_view::stream` names for the state, one round at a time (a state that
//! changes meanwhile is served when the round ends), and says how far it has come or
//! which file could not come. Once the view is drawn, what it reads later (the rest of
//! a search page's results) is fetched behind it; the views that show it track
//! [`use_pieces_filled`] and draw again.

use leptos::prelude::*;
use tifa_view::url_state::UrlState;

/// Where the view's pieces stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pieces {
    /// Everything the view reads is here.
    Ready,
    /// `files` files of `bytes` bytes are being fetched, `done` bytes of them filled.
    Loading { files: usize, bytes: u64, done: u64 },
    /// A file could not come or was refused; the message names it.
    Failed(String),
    /// The view is drawn, but a file of what it reads later could not come.
    RestFailed(String),
}

impl Pieces {
    /// Whether the view can be drawn.
    pub fn drawn(&self) -> bool {
        matches!(self, Pieces::Ready | Pieces::RestFailed(_))
    }
}

/// Counts the rounds of pieces filled (provided by [`use_pieces`]).
#[derive(Clone, Copy)]
struct Filled(ReadSignal<u32>);

/// Changes each time pieces have been filled: a view that draws what comes after it is
/// drawn tracks it. Never changes over a corpus in the Wasm (or in a test without it).
pub fn use_pieces_filled() -> Option<ReadSignal<u32>> {
    use_context::<Filled>().map(|f| f.0)
}

/// The pieces' state for the view of `state`, and the way to try again after a
/// failure.
pub fn use_pieces(state: Memo<UrlState>) -> (ReadSignal<Pieces>, Callback<()>) {
    let status = RwSignal::new(Pieces::Ready);
    let generation = RwSignal::new(0u32);
    let retry = Callback::new(move |()| generation.update(|g| *g += 1));
    let (Some(stream), Ok(bundle)) = (crate::shards::stream(), crate::corpus::bundle()) else {
        return (status.read_only(), retry);
    };
    provide_context(Filled(generation.read_only()));
    let busy = StoredValue::new(false);
    Effect::new(move |_| {
        generation.track();
        let missing = state.with(|s| stream.missing(bundle, s));
        if missing.is_empty() {
            let later = state.with(|s| stream.missing_later(bundle, s));
            // A failure of the rest stays said until the rest comes.
            if later.is_empty() || !matches!(status.get_untracked(), Pieces::RestFailed(_)) {
                set_if_changed(status, Pieces::Ready);
            }
            if !later.is_empty() && !busy.get_value() {
                busy.set_value(true);
                leptos::task::spawn_local(async move {
                    let fetched = crate::shards::fetch("", later, |_| ()).await;
                    busy.set_value(false);
                    match fetched {
                        Ok(()) => {
                            set_if_changed(status, Pieces::Ready);
                            generation.update(|g| *g += 1);
                        }
                        Err(why) => status.set(Pieces::RestFailed(why)),
                    }
                });
            }
            return;
        }
        let bytes = missing.iter().map(|(_, b)| u64::from(*b)).sum();
        set_if_changed(
            status,
            Pieces::Loading {
                files: missing.len(),
                bytes,
                done: 0,
            },
        );
        if busy.get_value() {
            // The round in flight asks again when it ends.
            return;
        }
        busy.set_value(true);
        leptos::task::spawn_local(async move {
            let fetched = crate::shards::fetch("", missing, move |filled| {
                status.update(|s| {
                    if let Pieces::Loading { done, .. } = s {
                        *done = filled;
                    }
                });
            })
            .await;
            busy.set_value(false);
            match fetched {
                Ok(()) => generation.update(|g| *g += 1),
                Err(why) => status.set(Pieces::Failed(why)),
            }
        });
    });
    (status.read_only(), retry)
}

/// Sets `signal` to `value` unless it holds it already (a view that is ready is not
/// told again).
fn set_if_changed(signal: RwSignal<Pieces>, value: Pieces) {
    if signal.with_untracked(|s| *s != value) {
        signal.set(value);
    }
}
