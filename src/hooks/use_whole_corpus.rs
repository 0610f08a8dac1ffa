//! `use_whole_corpus`: whether every piece of the corpus is here, and the way to fetch
//! the rest. A corpus in the Wasm is always whole. Over a sharded one, what reads
//! across the whole corpus from a view that does not (the search page's CSV of every
//! result, its keywords) offers to fetch it first, with its size, rather than count a
//! corpus that has not come.

use leptos::prelude::*;

/// Where the whole corpus stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whole {
    /// Every piece is here.
    Here,
    /// `files` files of `bytes` bytes are still to come; `loading` once asked for.
    Missing {
        files: usize,
        bytes: u64,
        loading: bool,
    },
    /// A file could not come; the message names it.
    Failed(String),
}

/// The whole corpus's state, and what fetches the rest (`tifa_view::stream::Stream::
/// all_missing`).
pub fn use_whole_corpus() -> (Signal<Whole>, Callback<()>) {
    let state = RwSignal::new(Whole::Here);
    let Some(stream) = crate::shards::stream() else {
        return (state.into(), Callback::new(|()| ()));
    };
    let measure = move || {
        let missing = stream.all_missing();
        if missing.is_empty() {
            Whole::Here
        } else {
            let bytes = missing.iter().map(|(_, b)| u64::from(*b)).sum();
            Whole::Missing {
                files: missing.len(),
                bytes,
                loading: false,
            }
        }
    };
    // Measured again whenever pieces are filled (a view may have brought them).
    let filled = super::use_pieces_filled();
    Effect::new(move |_| {
        if let Some(f) = filled {
            f.track();
        }
        if !matches!(state.get_untracked(), Whole::Missing { loading: true, .. }) {
            state.set(measure());
        }
    });
    let filled_elsewhere = super::use_pieces::use_pieces_refilled();
    let load = Callback::new(move |()| {
        if let Whole::Missing { files, bytes, .. } = measure() {
            state.set(Whole::Missing {
                files,
                bytes,
                loading: true,
            });
            leptos::task::spawn_local(async move {
                state.set(match crate::shards::fetch_all("").await {
                    Ok(()) => measure(),
                    Err(why) => Whole::Failed(why),
                });
                // Every other part waiting for the whole corpus, and every view.
                filled_elsewhere();
            });
        }
    });
    (state.into(), load)
}
