//! What reads across the whole corpus from a view that does not (the search page's CSV
//! of every result, its keywords): over a sharded corpus not all here, an offer to
//! load it first, with its size, in its place (`use_whole_corpus`); else the thing.

use crate::hooks::{use_whole_corpus, Whole};
use leptos::prelude::*;
use tifa_view::stream::whole_offer;

/// `children`, once the whole corpus is here; until then a button that loads it,
/// saying for `what`.
#[component]
pub fn WithWholeCorpus(what: &'static str, children: ChildrenFn) -> impl IntoView {
    let (whole, load) = use_whole_corpus();
    move || {
        match whole.get() {
        Whole::Here => children().into_any(),
        Whole::Missing {
            files,
            bytes,
            loading: false,
        } => view! {
            <button type="button" class="load-whole" on:click=move |_| load.run(())>
                {whole_offer(what, files, bytes)}
            </button>
        }
        .into_any(),
        Whole::Missing { files, bytes, .. } => view! {
            <span class="load-whole" role="status">{loading_whole(files, bytes)}</span>
        }
        .into_any(),
        Whole::Failed(why) => view! {
            <span class="load-whole" role="alert">
                "The whole corpus could not be loaded: " {why}
                <button type="button" class="retry" on:click=move |_| load.run(())>"Try again"</button>
            </span>
        }
        .into_any(),
    }
    }
}

fn loading_whole(files: usize, bytes: u64) -> String {
    tifa_view::stream::loading_line(files, bytes).replace("this view's part of", "the whole")
}
