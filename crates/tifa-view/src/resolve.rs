//! Which view a URL shows, once its ids are looked up in the corpus: the one place
//! that turns a parsed URL into something to draw (the app renders what this returns;
//! the URL fuzz test drives this very code).
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! use tifa_view::url_state::parse;
//! use tifa_view::resolve::{resolve, View};
//! let bundle = Bundle::new(Corpus::empty());
//! let (view, notices) = resolve(&bundle, &parse("?s=nobody"));
//! assert_eq!(view, View::Library(1));
//! assert_eq!(notices, ["no statement has the id “nobody”; showing the list instead"]);
//! ```

use crate::paging;
use crate::scope::scope;
use crate::url_state::{CompareMode, Parsed, UrlState, ViewKind, MAX_COMPARE};
use tifa_core::blob::Bundle;

/// Documents per page of the library.
pub const LIBRARY_PAGE_SIZE: usize = 50;

/// What the URL asks to show, with its ids resolved to corpus indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The document list at a page (1-based, clamped to the last page).
    Library(u32),
    /// Search results.
    Search,
    /// Statements on a time axis.
    Timeline,
    /// The statement at this index, in the reader.
    Statement(u32),
    /// The source document at this index.
    Document(u32),
    /// Formulations followed over time.
    Track,
    /// Every occurrence of a query in context.
    Kwic,
    /// The recurring formulations the compiler found.
    Formulations,
    /// The statistics views: keywords, collocates, clusters, dispersion.
    Keywords,
    Collocates,
    Clusters,
    Dispersion,
    /// Statements side by side: their indices (the first `len`; fewer than two while
    /// a comparison is being put together), and the mode.
    Compare([u32; MAX_COMPARE], usize, CompareMode),
}

/// An id as a notice quotes it: at most 60 characters.
fn shown(id: &str) -> String {
    id.chars().take(60).collect()
}

/// The view `parsed` asks for, and a sentence for each id that names nothing (or a
/// page past the end), saying what is shown instead.
pub fn resolve(bundle: &Bundle, parsed: &Parsed) -> (View, Vec<String>) {
    let state = &parsed.state;
    let corpus = &bundle.corpus;
    let kind = state.view();
    let mut notices = Vec::new();
    if kind != ViewKind::Library {
        notices.extend(scope(corpus, state).1);
    }
    let missing = |what: &str, id: &str| {
        format!(
            "no {what} has the id “{}”; showing the list instead",
            shown(id)
        )
    };
    let view = match kind {
        ViewKind::Compare => compared(bundle, state, &mut notices),
        ViewKind::Read => match (&state.s, &state.doc) {
            (Some(id), _) => match bundle.statement_index(id) {
                Some(i) => View::Statement(i as u32),
                None => {
                    notices.push(missing("statement", id));
                    View::Library(1)
                }
            },
            (None, Some(id)) => match bundle.document_index(id) {
                Some(i) => View::Document(i as u32),
                None => {
                    notices.push(missing("document", id));
                    View::Library(1)
                }
            },
            (None, None) => View::Library(1),
        },
        ViewKind::Search => View::Search,
        ViewKind::Track => View::Track,
        ViewKind::Kwic => View::Kwic,
        ViewKind::Formulations => View::Formulations,
        ViewKind::Keywords => View::Keywords,
        ViewKind::Collocates => View::Collocates,
        ViewKind::Clusters => View::Clusters,
        ViewKind::Dispersion => View::Dispersion,
        ViewKind::Timeline => View::Timeline,
        ViewKind::Library => {
            let requested = state.page.unwrap_or(1);
            let (page, clamped) =
                paging::page(corpus.documents.len(), LIBRARY_PAGE_SIZE, requested);
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

/// The comparison `state` asks for: the statements found, in order, and a notice for
/// the ids that name none.
fn compared(bundle: &Bundle, state: &UrlState, notices: &mut Vec<String>) -> View {
    let mut found = [0u32; MAX_COMPARE];
    let mut len = 0;
    let mut unknown = Vec::new();
    for id in state.compare.iter().take(MAX_COMPARE) {
        match bundle.statement_index(id) {
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

impl View {
    /// The page title for this view of `state`.
    pub fn title(&self, bundle: &Bundle, state: &UrlState) -> String {
        let corpus = &bundle.corpus;
        let q = state.q.as_deref();
        match *self {
            View::Statement(i) => {
                let s = &corpus.statements[i as usize];
                format!(
                    "{}: {} — Tifa",
                    corpus.speaker_of(s).name,
                    corpus.document_of(s).title
                )
            }
            View::Document(i) => format!("{} — Tifa", corpus.documents[i as usize].title),
            View::Search => match q {
                Some(q) => format!("Search: {q} — Tifa"),
                None => "All statements — Tifa".to_string(),
            },
            View::Timeline => match q {
                Some(q) => format!("Timeline: {q} — Tifa"),
                None => "Timeline — Tifa".to_string(),
            },
            View::Kwic => match q {
                Some(q) => format!("Concordance: {q} — Tifa"),
                None => "Concordance — Tifa".to_string(),
            },
            View::Formulations => match q {
                Some(q) => format!("Formulations with “{q}” — Tifa"),
                None => "Recurring formulations — Tifa".to_string(),
            },
            View::Keywords => match q {
                Some(q) => format!("Keywords of “{q}” — Tifa"),
                None => "Keywords — Tifa".to_string(),
            },
            View::Collocates => match q {
                Some(q) => format!("Collocates of “{q}” — Tifa"),
                None => "Collocates — Tifa".to_string(),
            },
            View::Clusters => match q {
                Some(q) => format!("Clusters with “{q}” — Tifa"),
                None => "Clusters — Tifa".to_string(),
            },
            View::Dispersion => match q {
                Some(q) => format!("Dispersion of “{q}” — Tifa"),
                None => "Dispersion — Tifa".to_string(),
            },
            View::Track if state.track.f.is_empty() => "Track a formulation — Tifa".to_string(),
            View::Track => format!("Tracking {} — Tifa", state.track.f.join(" · ")),
            View::Compare(_, n, _) if n >= 2 => format!("Comparing {n} statements — Tifa"),
            View::Compare(..) => "Compare statements — Tifa".to_string(),
            View::Library(1) => "Tifa — official statements explorer".to_string(),
            View::Library(n) => format!("Documents, page {n} — Tifa"),
        }
    }
}
