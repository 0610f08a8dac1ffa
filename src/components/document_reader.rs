//! A source document: its provenance, the statements taken from it, and its whole text.

use super::reuse::{MinedStatus, SharedWithDocuments};
use super::{AppLink, Provenance, SourceText, StatementItem};
use crate::hooks::{use_bundle, use_focus_on_mount};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_model::Span;
use tifa_view::url_state::UrlState;

#[component]
pub fn DocumentReader(
    /// The document's index in the corpus.
    at: u32,
) -> impl IntoView {
    let bundle = use_bundle();
    let doc = &bundle.corpus.documents[at as usize];
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let statements: Vec<_> = bundle.statements_of(at).collect();
    let mut highlight: Vec<Span> = statements
        .iter()
        .flat_map(|s| s.passages.iter().map(|p| p.span))
        .collect();
    highlight.sort_unstable();
    view! {
        <article class="reader" data-document-id=doc.id.as_ref()>
            <nav class="crumbs" aria-label="Breadcrumb">
                <AppLink to=UrlState::default()>"← All documents"</AppLink>
            </nav>
            <h1 node_ref=heading tabindex="-1">{doc.title.as_ref()}</h1>
            <Provenance doc=doc/>
            <section class="statements" aria-labelledby="statements-title">
                <h2 id="statements-title">{format!("Statements in this document ({})", statements.len())}</h2>
                <ul class="statement-list">
                    {statements
                        .into_iter()
                        .map(|s| view! { <StatementItem s=s/> })
                        .collect_view()}
                </ul>
            </section>
            <MinedStatus what="Passages shared with other documents" quiet_while_loading=true/>
            <SharedWithDocuments at=at/>
            <SourceText
                doc=doc
                highlight=highlight
                highlight_note="Marked passages belong to a statement."
            />
        </article>
    }
}
