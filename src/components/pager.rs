//! Previous and next page of a long list (documents, search results, concordance
//! lines), with where this page stands: "Results 51–100 of 130 (page 2 of 3)".

use super::AppLink;
use leptos::prelude::*;
use tifa_view::paging::Page;
use tifa_view::url_state::UrlState;

/// Nothing when everything fits on one page. `what` names the items (`Documents`);
/// `state` is the list's own, whose other pages the links open.
#[component]
pub fn Pager(
    page: Page,
    total: usize,
    what: &'static str,
    state: UrlState,
    /// The pager after the list (its landmark is named apart from the one before it).
    #[prop(optional)]
    end: bool,
) -> impl IntoView {
    let to = move |n: u32| {
        let mut next = state.clone();
        next.page = (n > 1).then_some(n);
        next
    };
    let (n, last) = (page.number, page.last);
    (last > 1).then(|| {
        view! {
            <nav class="pager" aria-label=format!("Pages of {}{}", what.to_lowercase(), if end { ", at the end" } else { "" })>
                {(n > 1).then(|| view! { <AppLink to=to(n - 1)>"← Previous"</AppLink> })}
                <span class="pager-status">
                    {page.status(what, total)}
                </span>
                {(n < last).then(|| view! { <AppLink to=to(n + 1)>"Next →"</AppLink> })}
            </nav>
        }
    })
}
