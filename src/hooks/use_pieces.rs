//! `use_pieces`: whether the view of the URL's state has the corpus it reads. A corpus
//! in the Wasm always has; a sharded one (`crate::shards`) fetches, round by round, the
//! pieces `tifa_view::stream` names for the state. Every change of state starts its
//! own round (a download already on its way is shared, not repeated); only the latest
//! round speaks: how far it has come, or which file could not come. Once the view is
//! drawn, what it reads later (the rest of a search page's results) is fetched behind
//! it; the views that show it track [`use_pieces_filled`] and draw again.

use leptos::prelude::*;
use tifa_view::url_state::UrlState;

/// Where the view's pieces stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pieces {
    /// Nothing is being fetched for the view.
    Ready,
    /// `files` files of `bytes` bytes are being fetched, `done` bytes of them filled.
    Loading { files: usize, bytes: u64, done: u64 },
    /// A file the view reads could not come or was refused; the message names it.
    Failed(String),
    /// A file of what the drawn view reads later could not come.
    RestFailed(String),
}

/// Counts the rounds of pieces filled (provided by [`use_pieces`]).
#[derive(Clone, Copy)]
struct Filled(RwSignal<u32>);

/// Changes each time pieces have been filled: a view that draws what comes after it is
/// drawn tracks it. None over a corpus in the Wasm (or in a test without it).
pub fn use_pieces_filled() -> Option<ReadSignal<u32>> {
    use_context::<Filled>().map(|f| f.0.read_only())
}

/// What tells the views that pieces were filled from elsewhere (the whole corpus
/// loaded): taken while a hook runs, called from a task.
pub fn use_pieces_refilled() -> impl Fn() + Copy + 'static {
    let filled = use_context::<Filled>();
    move || {
        if let Some(f) = filled {
            f.0.update(|g| *g += 1);
        }
    }
}

/// What [`use_pieces`] gives the shell.
#[derive(Clone, Copy)]
pub struct UsePieces {
    /// Whether everything the view of the state reads is here (always, for a corpus in
    /// the Wasm): decided from the state itself, never a round behind it.
    pub ready: Signal<bool>,
    /// What is being fetched, or what failed.
    pub status: ReadSignal<Pieces>,
    /// Tries again after a failure.
    pub retry: Callback<()>,
}

/// The pieces of the view of `state`.
pub fn use_pieces(state: Memo<UrlState>) -> UsePieces {
    let status = RwSignal::new(Pieces::Ready);
    let generation = RwSignal::new(0u32);
    let (Some(stream), Ok(bundle)) = (crate::shards::stream(), crate::corpus::bundle()) else {
        let retry = Callback::new(|()| ());
        let ready = Signal::derive(|| true);
        return UsePieces {
            ready,
            status: status.read_only(),
            retry,
        };
    };
    provide_context(Filled(generation));
    let retry = Callback::new(move |()| {
        crate::shards::forget_downloads();
        generation.update(|g| *g += 1);
    });
    // What the view of the state reads that is not here: once per state and round.
    let missing = Memo::new(move |_| {
        generation.track();
        state.with(|s| stream.missing(bundle, s))
    });
    let ready = Memo::new(move |_| missing.with(Vec::is_empty));
    // The latest round; an older one's outcome only asks again.
    let round = StoredValue::new(0u64);
    Effect::new(move |_| {
        // Every state and round, even when what is missing now stays the same (none):
        // what the view reads later may not.
        state.track();
        generation.track();
        let now = missing.get();
        let later = if now.is_empty() {
            state.with_untracked(|s| stream.missing_later(bundle, s))
        } else {
            Vec::new()
        };
        let behind = now.is_empty();
        let files = if behind { later } else { now };
        mark_busy(!files.is_empty());
        if files.is_empty() {
            set_if_changed(status, Pieces::Ready);
            return;
        }
        round.update_value(|r| *r += 1);
        let mine = round.get_value();
        if !behind {
            let bytes = files.iter().map(|(_, b)| u64::from(*b)).sum();
            set_if_changed(
                status,
                Pieces::Loading {
                    files: files.len(),
                    bytes,
                    done: 0,
                },
            );
        }
        leptos::task::spawn_local(async move {
            let latest = move || round.get_value() == mine;
            let fetched = crate::shards::fetch("", files, move |filled| {
                if latest() {
                    status.update(|s| {
                        if let Pieces::Loading { done, .. } = s {
                            *done = filled;
                        }
                    });
                }
            })
            .await;
            match fetched {
                Err(why) if latest() => status.set(if behind {
                    Pieces::RestFailed(why)
                } else {
                    Pieces::Failed(why)
                }),
                // The view asks again: what came is filled, what is still missing is
                // its own round's to fetch (or to say).
                _ => generation.update(|g| *g += 1),
            }
        });
    });
    UsePieces {
        ready: ready.into(),
        status: status.read_only(),
        retry,
    }
}

/// Says on `<html data-pieces="loading|idle">` whether pieces are on their way for the
/// view shown, its later part included (read by the end-to-end tests and benchmarks).
fn mark_busy(busy: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-pieces", if busy { "loading" } else { "idle" });
    }
}

/// Sets `signal` to `value` unless it holds it already (a view that is ready is not
/// told again).
fn set_if_changed(signal: RwSignal<Pieces>, value: Pieces) {
    if signal.with_untracked(|s| *s != value) {
        signal.set(value);
    }
}
