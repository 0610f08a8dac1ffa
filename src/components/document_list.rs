//! The library: every document (title, date, outlet) with the statements taken from it.

use super::{AppLink, Pager};
use crate::hooks::{use_bundle, use_url_state};
use leptos::prelude::*;
use tifa_model::{Document, Statement};
use tifa_view::paging;
use tifa_view::reader::{headline, outlet_label, statement_meta, topic_line};
use tifa_view::resolve::LIBRARY_PAGE_SIZE as PAGE_SIZE;
use tifa_view::shell::library_lede;
use tifa_view::url_state::UrlState;

/// One page of documents, in corpus order (by published date), each with its statements.
#[component]
pub fn DocumentList(
    /// 1-based page number (already clamped).
    page: u32,
) -> impl IntoView {
    let corpus = &use_bundle().corpus;
    let (p, _) = paging::page(corpus.documents.len(), PAGE_SIZE, page);
    let total = corpus.documents.len();
    let pager = {
        let p = p.clone();
        move || view! { <Pager page=p.clone() total=total what="Documents" state=UrlState::default()/> }
    };
    view! {
        <section class="library" aria-labelledby="library-title">
            <h1 id="library-title">"Documents"</h1>
            <p class="lede">
                {library_lede(corpus)}
            </p>
            {pager()}
            <ol class="doc-list" start=p.range.start + 1>
                {corpus.documents[p.range.clone()]
                    .iter()
                    .enumerate()
                    .map(|(i, doc)| {
                        let index = (p.range.start + i) as u32;
                        view! { <DocumentItem index=index doc=doc/> }
                    })
                    .collect_view()}
            </ol>
            {pager()}
        </section>
    }
}

#[component]
fn DocumentItem(index: u32, doc: &'static Document<'static>) -> impl IntoView {
    let bundle = use_bundle();
    let corpus = &bundle.corpus;
    let to = UrlState {
        doc: Some(doc.id.to_string()),
        ..Default::default()
    };
    let statements: Vec<&'static Statement<'static>> = bundle.statements_of(index).collect();
    view! {
        <li class="doc-item" data-document-id=doc.id.as_ref()>
            <h2 class="doc-title">
                <AppLink to=to>{doc.title.as_ref()}</AppLink>
            </h2>
            <p class="doc-meta">
                <span class="doc-date">{doc.published.label()}</span>
                " · "
                <span class="doc-outlet">{outlet_label(corpus, doc)}</span>
            </p>
            <ul class="statement-list" aria-label="Statements">
                {statements
                    .into_iter()
                    .map(|s| view! { <StatementItem s=s/> })
                    .collect_view()}
            </ul>
        </li>
    }
}

/// One statement in a list: the speaker (the link), then date and venue.
#[component]
pub fn StatementItem(s: &'static Statement<'static>) -> impl IntoView {
    let to = UrlState {
        s: Some(s.id.to_string()),
        ..Default::default()
    };
    view! {
        <li class="statement-item" data-statement-id=s.id.as_ref()>
            <StatementLine s=s href=use_url_state().href(&to)/>
        </li>
    }
}

/// A statement's speaker as a link to `href`, then its date and venue.
#[component]
pub fn StatementLine(
    s: &'static Statement<'static>,
    #[prop(into)] href: Signal<String>,
) -> impl IntoView {
    let corpus = &use_bundle().corpus;
    view! {
        <a href=href class="statement-link">{corpus.speaker_of(s).name.as_ref()}</a>
        <span class="statement-meta">{statement_meta(corpus, s)}</span>
        <span class="statement-headline">{format!("“{}”", headline(corpus, s))}</span>
        {topic_line(corpus, s).map(|topics| view! { <span class="statement-topics">{topics}</span> })}
    }
}
