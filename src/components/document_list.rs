//! The list of documents in the corpus: title, date and outlet, each a link to the reader.

use crate::hooks::{is_plain_click, UseUrlState};
use leptos::prelude::*;
use tifa_core::model::{Corpus, Document};
use tifa_core::url_state::UrlState;

/// Every document, in the corpus order (by published date).
#[component]
pub fn DocumentList(corpus: &'static Corpus<'static>, url: UseUrlState) -> impl IntoView {
    view! {
        <section class="library" aria-labelledby="library-title">
            <h1 id="library-title">"Documents"</h1>
            <p class="lede">
                {corpus.documents.len()}
                " source documents. Open one to read its text exactly as collected, with where each fact about it comes from."
            </p>
            <ol class="doc-list">
                {corpus.documents.iter().map(|doc| view! { <DocumentItem doc=doc url=url/> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn DocumentItem(doc: &'static Document<'static>, url: UseUrlState) -> impl IntoView {
    let state = UrlState {
        doc: Some(doc.id.to_string()),
    };
    let href = url.href(&state);
    let open = move |ev: web_sys::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            url.navigate(state.clone());
        }
    };
    view! {
        <li class="doc-item" data-document-id=doc.id.as_ref()>
            <h2 class="doc-title">
                <a href=href on:click=open>{doc.title.as_ref()}</a>
            </h2>
            <p class="doc-meta">
                <span class="doc-date">{doc.published.label()}</span>
                " · "
                <span class="doc-outlet">{outlet_label(doc)}</span>
            </p>
        </li>
    }
}

fn outlet_label(doc: &Document) -> String {
    match (&doc.outlet.value, &doc.outlet.basis) {
        (Some(name), tifa_core::model::Basis::Inferred { .. }) => format!("{name} (inferred)"),
        (Some(name), _) => name.to_string(),
        (None, _) => "outlet unknown".to_string(),
    }
}
