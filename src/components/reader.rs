//! The reader: one document's provenance and its raw text exactly as collected.

use crate::hooks::{is_plain_click, UseUrlState};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_core::model::{Attributed, Basis, Document};
use tifa_core::url_state::UrlState;

/// One document. Focus moves to its title when it opens.
#[component]
pub fn Reader(doc: &'static Document<'static>, url: UseUrlState) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let back = move |ev: web_sys::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            url.navigate(UrlState::default());
        }
    };
    let date = &doc.published;
    view! {
        <article class="reader" data-document-id=doc.id.as_ref()>
            <nav class="crumbs" aria-label="Breadcrumb">
                <a href=url.href(&UrlState::default()) on:click=back>"← All documents"</a>
            </nav>
            <h1 node_ref=heading tabindex="-1">{doc.title.as_ref()}</h1>
            <section class="provenance" aria-labelledby="provenance-title">
                <h2 id="provenance-title">"Provenance"</h2>
                <dl>
                    <dt>"Published"</dt>
                    <dd>
                        <span class="date-label">{date.label()}</span>
                        {date.reason.as_ref().map(|r| view! { <span class="basis">" Inferred: " {r.as_ref()}</span> })}
                        {date.evidence.as_ref().map(|e| view! { <span class="basis">" Text: “" {e.as_ref()} "”"</span> })}
                    </dd>
                    <dt>"Outlet"</dt>
                    <dd>{attributed(&doc.outlet)}</dd>
                    <dt>"Dateline"</dt>
                    <dd>{doc.dateline.as_deref().unwrap_or("none in the text").to_string()}</dd>
                    <dt>"Language"</dt>
                    <dd>{doc.language.as_ref()}</dd>
                    <dt>"Source file"</dt>
                    <dd><code>{doc.source_file.as_ref()}</code></dd>
                    <dt>"SHA-256"</dt>
                    <dd><code class="checksum">{doc.sha256.as_ref()}</code></dd>
                </dl>
            </section>
            <section class="raw-text" aria-labelledby="raw-title">
                <h2 id="raw-title">"Text as collected"</h2>
                <p class="note">"Byte for byte as in the source file, site navigation and all."</p>
                <div class="text" lang=doc.language.as_ref()>
                    {paragraphs(&doc.raw).map(|p| view! { <p>{p}</p> }).collect_view()}
                </div>
            </section>
        </article>
    }
}

/// The non-blank lines of a text, each one paragraph.
fn paragraphs(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().filter(|l| !l.trim().is_empty())
}

fn attributed(a: &'static Attributed<'static>) -> impl IntoView {
    let basis = match &a.basis {
        Basis::Stated { evidence } => format!(" Text: “{evidence}”"),
        Basis::Inferred { reason } => format!(" Inferred: {reason}"),
        Basis::Unknown => " Not stated in the text.".to_string(),
    };
    view! {
        <span>{a.display()}</span>
        <span class="basis">{basis}</span>
    }
}
