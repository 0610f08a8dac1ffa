//! A source document: its provenance, the statements taken from it, and its whole text.

use super::{AppLink, Provenance, SourceText, StatementItem};
use crate::hooks::{use_focus_on_mount, UseUrlState};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_core::model::{Corpus, Document, Span};
use tifa_core::url_state::UrlState;

#[component]
pub fn DocumentReader(
    corpus: &'static Corpus<'static>,
    index: u32,
    doc: &'static Document<'static>,
    url: UseUrlState,
) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let statements: Vec<_> = corpus.statements_in(index).collect();
    let mut highlight: Vec<Span> = statements
        .iter()
        .flat_map(|s| s.passages.iter().map(|p| p.span))
        .collect();
    highlight.sort_unstable();
    view! {
        <article class="reader" data-document-id=doc.id.as_ref()>
            <nav class="crumbs" aria-label="Breadcrumb">
                <AppLink url=url to=UrlState::default()>"← All documents"</AppLink>
            </nav>
            <h1 node_ref=heading tabindex="-1">{doc.title.as_ref()}</h1>
            <Provenance corpus=corpus doc=doc/>
            <section class="statements" aria-labelledby="statements-title">
                <h2 id="statements-title">{format!("Statements in this document ({})", statements.len())}</h2>
                <ul class="statement-list">
                    {statements
                        .into_iter()
                        .map(|s| view! { <StatementItem corpus=corpus s=s url=url/> })
                        .collect_view()}
                </ul>
            </section>
            <SourceText
                doc=doc
                highlight=highlight
                highlight_note="Marked passages belong to a statement."
            />
        </article>
    }
}
