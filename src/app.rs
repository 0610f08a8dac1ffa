//! The application shell: header, URL notices, and the view the URL asks for.

use crate::components::{
    CompareView, DocumentList, DocumentReader, FatalError, Notices, SearchView, SiteHeader,
    StatementReader, TimelineView,
};
use crate::corpus::corpus;
use crate::hooks::use_url_state;
use leptos::prelude::*;
use tifa_core::model::{Corpus, Document, Statement};
use tifa_core::paging;

/// Documents per page of the library.
pub const PAGE_SIZE: usize = 50;
use tifa_core::search::scope::scope;
use tifa_core::url_state::{CompareMode, Parsed, ViewKind, MAX_COMPARE};

/// What the URL asks to show, once ids are looked up.
#[derive(Clone, Copy)]
enum View {
    /// The document list at a page (1-based, clamped to the last page).
    Library(u32),
    /// Search results.
    Search,
    /// Statements on a time axis.
    Timeline,
    Statement(&'static Statement<'static>),
    Document(u32, &'static Document<'static>),
    /// Statements side by side: their indices (the first `len`; fewer than two while a
    /// comparison is being put together), and the mode.
    Compare([u32; MAX_COMPARE], usize, CompareMode),
}

/// Same view when it shows the same corpus item (by address: the corpus is static).
impl PartialEq for View {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (View::Library(a), View::Library(b)) => a == b,
            (View::Search, View::Search) | (View::Timeline, View::Timeline) => true,
            (View::Statement(a), View::Statement(b)) => std::ptr::eq(*a, *b),
            (View::Document(a, _), View::Document(b, _)) => a == b,
            (View::Compare(a, n, m), View::Compare(b, k, l)) => a == b && n == k && m == l,
            _ => false,
        }
    }
}

fn resolve(corpus: &'static Corpus<'static>, parsed: &Parsed) -> (View, Vec<String>) {
    let state = &parsed.state;
    let shown = |id: &str| id.chars().take(60).collect::<String>();
    let missing = |what: &str, id: &str| {
        format!(
            "no {what} has the id “{}”; showing the list instead",
            shown(id)
        )
    };
    let kind = state.view();
    let mut notices = Vec::new();
    if kind != ViewKind::Library {
        notices.extend(scope(corpus, state).1);
    }
    let view = match kind {
        ViewKind::Compare => {
            let mut found = [0u32; MAX_COMPARE];
            let mut len = 0;
            let mut unknown = Vec::new();
            for id in &state.compare {
                match corpus.statement_index(id) {
                    Some(i) => {
                        found[len] = i as u32;
                        len += 1;
                    }
                    None => unknown.push(format!("“{}”", shown(id))),
                }
            }
            if !unknown.is_empty() {
                notices.push(format!(
                    "no statement has the id {}; left out of the comparison",
                    unknown.join(", ")
                ));
            }
            View::Compare(found, len, state.mode)
        }
        ViewKind::Read => match (&state.s, &state.doc) {
            (Some(id), _) => match corpus.statement(id) {
                Some(s) => View::Statement(s),
                None => {
                    notices.push(missing("statement", id));
                    View::Library(1)
                }
            },
            (None, Some(id)) => match corpus.documents.iter().position(|d| d.id == id.as_str()) {
                Some(i) => View::Document(i as u32, &corpus.documents[i]),
                None => {
                    notices.push(missing("document", id));
                    View::Library(1)
                }
            },
            (None, None) => View::Library(1),
        },
        ViewKind::Search => View::Search,
        ViewKind::Timeline => View::Timeline,
        ViewKind::Library => {
            let requested = state.page.unwrap_or(1);
            let (page, clamped) = paging::page(corpus.documents.len(), PAGE_SIZE, requested);
            if clamped {
                notices.push(format!(
                    "there is no page {requested}; showing the last page, {}",
                    page.last
                ));
            }
            View::Library(page.number)
        }
    };
    (view, notices)
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    #[cfg(debug_assertions)]
    crate::panic_screen::debug_trigger();
    let corpus = match corpus() {
        Ok(c) => c,
        Err(e) => return view! { <FatalError message=e.to_string()/> }.into_any(),
    };
    let url = use_url_state();
    let resolved = Memo::new(move |_| url.parsed.with(|p| resolve(corpus, p)));
    let view_kind = Memo::new(move |_| resolved.with(|(v, _)| *v));
    let notices = Signal::derive(move || {
        let mut out: Vec<String> = url
            .parsed
            .with(|p| p.notices.iter().map(|n| n.to_string()).collect());
        out.extend(resolved.with(|(_, missing)| missing.clone()));
        out
    });

    Effect::new(move |_| {
        let q = || url.parsed.with(|p| p.state.q.clone());
        let title = match view_kind.get() {
            View::Statement(s) => format!(
                "{}: {} — Tifa",
                corpus.speakers[s.speaker as usize].name,
                corpus.document_of(s).title
            ),
            View::Document(_, doc) => format!("{} — Tifa", doc.title),
            View::Search => match q() {
                Some(q) => format!("Search: {q} — Tifa"),
                None => "All statements — Tifa".to_string(),
            },
            View::Timeline => match q() {
                Some(q) => format!("Timeline: {q} — Tifa"),
                None => "Timeline — Tifa".to_string(),
            },
            View::Compare(_, n, _) if n >= 2 => format!("Comparing {n} statements — Tifa"),
            View::Compare(..) => "Compare statements — Tifa".to_string(),
            View::Library(1) => "Tifa — official statements explorer".to_string(),
            View::Library(n) => format!("Documents, page {n} — Tifa"),
        };
        document().set_title(&title);
    });

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <SiteHeader url=url/>
        <main id="main" tabindex="-1">
            <Notices notices=notices/>
            {move || match view_kind.get() {
                View::Statement(s) => view! { <StatementReader corpus=corpus index=crate::corpus::index() s=s url=url/> }.into_any(),
                View::Document(i, doc) => view! { <DocumentReader corpus=corpus index=i doc=doc url=url/> }.into_any(),
                View::Library(page) => view! { <DocumentList corpus=corpus url=url page=page/> }.into_any(),
                View::Compare(found, len, mode) => {
                    let statements = found[..len].iter().map(|&i| &corpus.statements[i as usize]).collect();
                    view! { <CompareView corpus=corpus index=crate::corpus::index() statements=statements mode=mode url=url/> }.into_any()
                }
                View::Search | View::Timeline => match crate::corpus::index() {
                    Some(index) if view_kind.get_untracked() == View::Search => {
                        view! { <SearchView corpus=corpus index=index url=url/> }.into_any()
                    }
                    Some(index) => view! { <TimelineView corpus=corpus index=index url=url/> }.into_any(),
                    None => view! { <FatalError message="the search index is missing".to_string()/> }.into_any(),
                },
            }}
        </main>
        <footer class="site-footer">
            <p>
                {format!(
                    "{} statements from {} documents, compiled into this page: nothing is fetched from a network.",
                    corpus.statements.len(),
                    corpus.documents.len()
                )}
            </p>
        </footer>
    }
    .into_any()
}
