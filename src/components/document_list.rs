//! The library: every document (title, date, outlet) with the statements taken from it,
//! drawn from `tifa_view::template` (the first paint's HTML is written from the same).

use super::template::draw;
use super::Pager;
use crate::hooks::use_bundle;
use leptos::prelude::*;
use tifa_model::Statement;
use tifa_view::paging;
use tifa_view::resolve::LIBRARY_PAGE_SIZE as PAGE_SIZE;
use tifa_view::shell::library_lede;
use tifa_view::template::{document, statement_item};
use tifa_view::url_state::UrlState;

/// One page of documents, in corpus order (by published date), each with its statements.
#[component]
pub fn DocumentList(
    /// 1-based page number (already clamped).
    page: u32,
) -> impl IntoView {
    let bundle = use_bundle();
    let corpus = &bundle.corpus;
    let (p, _) = paging::page(corpus.documents.len(), PAGE_SIZE, page);
    let total = corpus.documents.len();
    let pager = {
        let p = p.clone();
        move |end: bool| view! { <Pager page=p.clone() total=total what="Documents" state=UrlState::default() end=end/> }
    };
    view! {
        <section class="library" aria-labelledby="library-title">
            <h1 id="library-title">"Documents"</h1>
            <p class="lede">
                {library_lede(corpus)}
            </p>
            {pager(false)}
            <ol class="doc-list" start=p.range.start + 1>
                {draw(p.range.clone().map(|i| document(bundle, i as u32)).collect())}
            </ol>
            {pager(true)}
        </section>
    }
}

/// One statement in a list: the speaker (the link), then date and venue
/// (`tifa_view::template::statement_item`).
#[component]
pub fn StatementItem(s: &'static Statement<'static>) -> impl IntoView {
    draw(vec![statement_item(&use_bundle().corpus, s)])
}
