//! What a view of a sharded corpus shows while its pieces come (`use_pieces`): how
//! many files and bytes, with a progress bar; or which file could not come, with
//! "Try again".

use crate::hooks::Pieces;
use leptos::prelude::*;
use tifa_view::stream::loading_line;

/// The pieces' state: in place of the view until it is `ready` (loading, or which file
/// failed), and above it when the rest of what it reads could not come.
#[component]
pub fn PiecesStatus(
    status: ReadSignal<Pieces>,
    ready: Signal<bool>,
    retry: Callback<()>,
) -> impl IntoView {
    move || match status.get() {
        Pieces::Ready => ().into_any(),
        // A round that failed before the view became ready on its own is past.
        Pieces::Failed(_) | Pieces::Loading { .. } if ready.get() => ().into_any(),
        Pieces::Loading { files, bytes, done } => view! {
            <section class="pieces-loading" role="status" aria-busy="true">
                <h1>"Loading"</h1>
                <p>{loading_line(files, bytes)}</p>
                <progress
                    aria-label="Loading the corpus"
                    max=bytes.max(1).to_string()
                    value=done.to_string()
                ></progress>
            </section>
        }
        .into_any(),
        Pieces::RestFailed(why) => view! {
            <div class="pieces-failed" role="alert">
                <p>"The rest of this page could not be loaded: " {why}</p>
                <button type="button" class="retry" on:click=move |_| retry.run(())>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
        Pieces::Failed(why) => view! {
            <div class="pieces-failed" role="alert">
                <h1>"Not loaded"</h1>
                <p>"This view's part of the corpus could not be loaded: " {why}</p>
                <button type="button" class="retry" on:click=move |_| retry.run(())>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
    }
}
