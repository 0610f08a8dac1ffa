//! The search a URL asks for: its query text read by the query language, narrowed by
//! the URL's filters (entity ids resolved to indices, dates intersected, the passage
//! kinds words are matched in).
//!
//! ```
//! use tifa_model::Corpus;
//! use tifa_view::scope::scope;
//! use tifa_view::url_state::parse;
//! let (query, unknown) = scope(&Corpus::empty(), &parse("?q=rights&speaker=nobody").state);
//! assert_eq!(query.required.len(), 1);
//! assert_eq!(unknown, ["no speaker has the id “nobody”; ignored it"]);
//! ```

use crate::url_state::UrlState;
use tifa_core::search::query::{parse, Query};
use tifa_model::{Corpus, EntityKind};

/// The query of `state` (text and filters), and a sentence for each filter id that
/// names nothing in the corpus (left out of the query).
///
/// An id that exists filters; when every id of a list is unknown the list filters
/// nothing rather than everything (the notice says so).
pub fn scope(corpus: &Corpus, state: &UrlState) -> (Query, Vec<String>) {
    let mut query = parse(state.q.as_deref().unwrap_or(""));
    let mut unknown = Vec::new();
    for kind in EntityKind::ALL {
        let table = corpus.entities(kind);
        for id in state.filters.ids(kind) {
            match table.iter().position(|e| *e.id == **id) {
                Some(i) => query.ids_mut(kind).push(i as u32),
                None => unknown.push(format!(
                    "no {} has the id “{}”; ignored it",
                    kind.noun(),
                    id.chars().take(60).collect::<String>()
                )),
            }
        }
    }
    query.narrow_dates(state.filters.from, state.filters.to);
    query.kinds = state.filters.passage_kinds();
    (query, unknown)
}
