//! The search page of a URL state: what the search view shows (the count and how it
//! reads, the hits, the facets, the filters as chips, the offer of an unfinished word),
//! and the states its links lead to. The view renders this; it decides nothing.
//!
//! ```
//! use tifa_core::{blob::Bundle, model::Corpus, url_state::parse};
//! use tifa_view::search_page::SearchPage;
//! let bundle = Bundle::new(Corpus::empty());
//! let page = SearchPage::of(&bundle, &parse("?q=rights").state);
//! assert_eq!(page.status, "No statement matches “rights”.");
//! ```

use tifa_core::blob::Bundle;
use tifa_core::model::{Corpus, EntityKind, PartialDate};
use tifa_core::search::engine::{matching, run, Facets, Hit, Sort};
use tifa_core::search::query::as_prefix;
use tifa_core::search::scope::scope;
use tifa_core::url_state::{Filters, UrlState, ViewKind};

/// Results shown at once.
pub const RESULT_LIMIT: usize = 20;

/// The offer made when nothing matched but the last word, read as a beginning, finds
/// something (typing `multilat` on the way to `multilateral`).
#[derive(Debug, Clone, PartialEq)]
pub struct Wider {
    /// The query with its last word as a beginning (`… multilat*`).
    pub q: String,
    /// The word offered.
    pub word: String,
    /// How many statements it finds.
    pub found: usize,
}

/// What one state's search shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchPage {
    /// Words to find (not only filters).
    pub searching: bool,
    /// The URL has filters.
    pub filtered: bool,
    /// Statements found.
    pub total: usize,
    /// The count, as a sentence.
    pub status: String,
    /// How the query was read.
    pub notes: Vec<String>,
    /// The first [`RESULT_LIMIT`], in order.
    pub hits: Vec<Hit>,
    /// Facet counts: **a kind filtered by the URL counts as if its own filter were
    /// off** (so a second speaker can be added), the others count the results; all in
    /// the same pass as the search.
    pub facets: Facets,
    /// Nothing found, but the last word as a beginning finds something.
    pub wider: Option<Wider>,
}

impl SearchPage {
    /// The search page of `state`.
    pub fn of(bundle: &Bundle, state: &UrlState) -> SearchPage {
        let (corpus, index) = (&bundle.corpus, &bundle.index);
        let (query, _) = scope(corpus, state);
        let searching = !query.required.is_empty() || !query.excluded.is_empty();
        let browsing_filtered = !query.is_empty();
        let results = run(corpus, index, query, state.sort, RESULT_LIMIT);
        let total = results.total;
        let q = state.q.as_deref().unwrap_or_default();
        let wider = (total == 0 && searching)
            .then(|| as_prefix(q))
            .flatten()
            .and_then(|(wider, word)| {
                let next = in_search(state, |s| s.q = Some(wider.clone()));
                let (query, _) = scope(corpus, &next);
                // Only counted: no ranking, snippets or facets.
                let found = matching(corpus, index, &query).len();
                (found > 0).then_some(Wider {
                    q: wider,
                    word,
                    found,
                })
            });
        SearchPage {
            status: status(total, searching, browsing_filtered, q, state.sort),
            wider,
            searching,
            filtered: !state.filters.is_empty(),
            total,
            notes: results.query.notes,
            hits: results.hits,
            facets: results.facets,
        }
    }
}

/// The count of results as a sentence.
fn status(total: usize, searching: bool, filtered: bool, q: &str, sort: Sort) -> String {
    let limit = RESULT_LIMIT;
    match (total, searching) {
        (0, true) => format!("No statement matches “{q}”."),
        (0, false) => "No statement passes these filters.".to_string(),
        (1, _) => "1 statement matches.".to_string(),
        (n, true) if n > limit => match sort {
            Sort::Relevance => format!("{n} statements match; the {limit} most relevant are shown."),
            Sort::Date => format!("{n} statements match; the {limit} newest are shown."),
        },
        (n, false) if n > limit && filtered => {
            format!("{n} statements pass the filters; the {limit} newest are shown.")
        }
        (n, false) if n > limit => format!(
            "All {n} statements; the {limit} newest are shown. Type in the search box to search them."
        ),
        (n, _) => format!("{n} statements match."),
    }
}

/// `state`'s search, shown in the search view, changed by `change`.
///
/// ```
/// use tifa_view::search_page::in_search;
/// use tifa_core::url_state::{parse, to_query};
/// let here = parse("?view=timeline&q=rights&lanes=venue").state;
/// assert_eq!(to_query(&in_search(&here, |s| s.q = None)), "?view=search");
/// ```
pub fn in_search(state: &UrlState, change: impl FnOnce(&mut UrlState)) -> UrlState {
    let mut next = state.search_in(ViewKind::Search);
    change(&mut next);
    next.with_view(ViewKind::Search)
}

/// `state`'s search with `id` added to (or, when there, removed from) a kind's filter.
pub fn toggled(state: &UrlState, kind: EntityKind, id: &str) -> UrlState {
    in_search(state, |next| {
        let ids = next.filters.ids_mut(kind);
        match ids.iter().position(|i| i == id) {
            Some(at) => {
                ids.remove(at);
            }
            None => ids.push(id.to_owned()),
        }
    })
}

/// `state`'s search narrowed to one year.
pub fn in_year(state: &UrlState, year: u16) -> UrlState {
    let year = PartialDate {
        year,
        month: None,
        day: None,
    };
    in_search(state, |n| {
        n.filters.from = Some(year);
        n.filters.to = Some(year);
    })
}

/// How a date range reads: `2021`, `June 2020 – 2021`, `from 2020`, `until March 2021`.
///
/// ```
/// use tifa_core::model::PartialDate;
/// use tifa_view::search_page::range_label;
/// let d = |s| PartialDate::parse(s).ok();
/// assert_eq!(range_label(d("2020-06"), d("2021")), "June 2020 – 2021");
/// assert_eq!(range_label(None, d("2021-03")), "until March 2021");
/// ```
pub fn range_label(from: Option<PartialDate>, to: Option<PartialDate>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => f.human(),
        (Some(f), Some(t)) => format!("{} – {}", f.human(), t.human()),
        (Some(f), None) => format!("from {}", f.human()),
        (None, Some(t)) => format!("until {}", t.human()),
        (None, None) => String::new(),
    }
}

/// One filter of a state, shown as a removable chip.
#[derive(Debug, Clone, PartialEq)]
pub struct Chip {
    /// `Speaker: Zhao Lijian`, `Dates: 2021`.
    pub label: String,
    /// The same state without this filter, in the same view.
    pub without: UrlState,
}

/// The filters of `state` as chips, in a fixed order (speakers, occasions, topics,
/// dates). An id that names nothing is labelled as unknown.
pub fn chips(corpus: &Corpus, state: &UrlState) -> Vec<Chip> {
    let mut chips = Vec::new();
    for kind in EntityKind::ALL {
        for id in state.filters.ids(kind) {
            let name = corpus
                .entities(kind)
                .iter()
                .find(|e| *e.id == **id)
                .map_or_else(|| format!("{id} (unknown)"), |e| e.name.to_string());
            let mut without = state.clone();
            without.filters.ids_mut(kind).retain(|i| i != id);
            chips.push(Chip {
                label: format!("{}: {name}", kind.label()),
                without: without.with_view(state.view()),
            });
        }
    }
    let f = &state.filters;
    if f.from.is_some() || f.to.is_some() {
        let mut without = state.clone();
        without.filters.from = None;
        without.filters.to = None;
        chips.push(Chip {
            label: format!("Dates: {}", range_label(f.from, f.to)),
            without: without.with_view(state.view()),
        });
    }
    chips
}

/// `state` without any filter, in the same view.
pub fn without_filters(state: &UrlState) -> UrlState {
    let mut next = state.clone();
    next.filters = Filters::default();
    next.with_view(state.view())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tifa_core::url_state::{parse, to_query};

    #[test]
    fn toggling_adds_then_removes() {
        let here = parse("?q=x&speaker=a").state;
        let added = toggled(&here, EntityKind::Speaker, "b");
        assert_eq!(to_query(&added), "?q=x&speaker=a%2Cb");
        assert_eq!(toggled(&added, EntityKind::Speaker, "b"), here);
    }

    #[test]
    fn each_chip_removes_its_own_filter() {
        let here = parse("?view=timeline&speaker=a&topic=t&from=2020").state;
        let chips = chips(&Corpus::empty(), &here);
        let labels: Vec<_> = chips.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Speaker: a (unknown)",
                "Topic: t (unknown)",
                "Dates: from 2020"
            ]
        );
        assert_eq!(
            to_query(&chips[0].without),
            "?view=timeline&topic=t&from=2020"
        );
        assert_eq!(
            to_query(&chips[2].without),
            "?view=timeline&speaker=a&topic=t"
        );
    }

    #[test]
    fn status_says_how_many_are_shown() {
        assert_eq!(
            status(1, true, false, "x", Sort::Relevance),
            "1 statement matches."
        );
        assert_eq!(
            status(41, true, false, "x", Sort::Date),
            "41 statements match; the 20 newest are shown."
        );
        assert_eq!(
            status(41, false, true, "", Sort::Relevance),
            "41 statements pass the filters; the 20 newest are shown."
        );
    }
}
