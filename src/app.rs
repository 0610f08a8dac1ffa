//! The application shell: header, URL notices, and the view the URL asks for.

use crate::components::{DocumentList, FatalError, Notices, Reader};
use crate::corpus::corpus;
use crate::hooks::{is_plain_click, use_url_state};
use leptos::prelude::*;
use tifa_core::url_state::UrlState;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let corpus = match corpus() {
        Ok(c) => c,
        Err(e) => return view! { <FatalError message=e.to_string()/> }.into_any(),
    };
    let url = use_url_state();

    // The document the URL asks for, if it exists.
    let open_doc = Memo::new(move |_| {
        url.parsed
            .with(|p| p.state.doc.clone())
            .and_then(|id| corpus.document(&id))
    });
    let notices = Signal::derive(move || {
        let parsed = url.parsed.get();
        let mut out: Vec<String> = parsed.notices.iter().map(|n| n.to_string()).collect();
        if let Some(id) = &parsed.state.doc {
            if corpus.document(id).is_none() {
                let shown: String = id.chars().take(60).collect();
                out.push(format!(
                    "no document has the id “{shown}”; showing the list instead"
                ));
            }
        }
        out
    });

    Effect::new(move |_| {
        let title = match open_doc.get() {
            Some(doc) => format!("{} — Tifa", doc.title),
            None => "Tifa — official statements explorer".to_string(),
        };
        document().set_title(&title);
    });

    let home = move |ev: web_sys::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            url.navigate(UrlState::default());
        }
    };

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href=move || url.href(&UrlState::default()) on:click=home>
                "Tifa"
            </a>
            <p class="tagline">"Official statements, searchable offline"</p>
        </header>
        <main id="main" tabindex="-1">
            <Notices notices=notices/>
            {move || match open_doc.get() {
                Some(doc) => view! { <Reader doc=doc url=url/> }.into_any(),
                None => view! { <DocumentList corpus=corpus url=url/> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            <p>
                {corpus.documents.len()}
                " documents, compiled into this page: nothing is fetched from a network."
            </p>
        </footer>
    }
    .into_any()
}
