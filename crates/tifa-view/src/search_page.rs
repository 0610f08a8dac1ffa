//! The search page of a URL state: what the search view shows (the count and how it
//! reads, the hits, the facets, the filters as chips, the offer of an unfinished word),
//! and the states its links lead to. The view renders this; it decides nothing.
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! use tifa_view::url_state::parse;
//! use tifa_view::search_page::SearchPage;
//! let bundle = Bundle::new(Corpus::empty());
//! let page = SearchPage::of(&bundle, &parse("?q=rights").state);
//! assert_eq!(page.status, "No statement matches “rights”.");
//! ```

use crate::paging::{page, Page};
use crate::scope::scope;
use crate::url_state::{Filters, UrlState, ViewKind};
use tifa_core::blob::Bundle;
use tifa_core::search::engine::{matching, run, Facets, Hit, Sort};
use tifa_core::search::query::as_prefix;
use tifa_model::{Corpus, EntityKind, PartialDate};

/// Results on a page.
pub const PAGE_SIZE: usize = 50;

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
    /// The page shown (clamped to the last).
    pub page: Page,
    /// The page asked for was past the end: a sentence saying so.
    pub clamped: Option<String>,
    /// The results on this page, in order: over a sharded corpus, those whose records
    /// and documents have come, up to the first that has not (the rest follow).
    pub hits: Vec<Hit>,
    /// The statements of this page, in order, whether they have come or not.
    pub statements: Vec<u32>,
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
        // The total is known only once the search has run: a page past the end runs
        // again for the last page (only a stale or hand-made link pays for that).
        let requested = state.page.unwrap_or(1);
        let start = (requested.max(1) as usize - 1).saturating_mul(PAGE_SIZE);
        let wanted = start..start.saturating_add(PAGE_SIZE);
        let mut results = run(corpus, index, query.clone(), state.sort, wanted);
        let total = results.total;
        let (shown, clamped) = page(total, PAGE_SIZE, requested);
        if clamped {
            results = run(corpus, index, query, state.sort, shown.range.clone());
        }
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
        let mut hits = results.hits;
        let on_page = hits.iter().map(|h| h.statement).collect();
        let statements = &corpus.statements;
        let come = hits
            .iter()
            .take_while(|h| {
                statements.is_filled(h.statement)
                    && corpus
                        .documents
                        .is_filled(statements[h.statement as usize].document)
            })
            .count();
        hits.truncate(come);
        SearchPage {
            status: status(total, &shown, searching, browsing_filtered, q, state.sort),
            clamped: clamped.then(|| shown.clamped_note(requested)),
            page: shown,
            wider,
            searching,
            filtered: !state.filters.is_empty(),
            total,
            notes: results.query.notes,
            hits,
            statements: on_page,
            facets: results.facets,
        }
    }
}

/// The count of results as a sentence, with the ones on this page.
fn status(total: usize, p: &Page, searching: bool, filtered: bool, q: &str, sort: Sort) -> String {
    let order = match (searching, sort) {
        (_, Sort::Oldest) => "oldest first",
        (true, Sort::Relevance) => "most relevant first",
        _ => "newest first",
    };
    let shown = format!("{}–{}, {order}", p.range.start + 1, p.range.end);
    match (total, searching) {
        (0, true) => format!("No statement matches “{q}”."),
        (0, false) => "No statement passes these filters.".to_string(),
        (1, _) => "1 statement matches.".to_string(),
        (n, true) if n > PAGE_SIZE => format!("{n} statements match; {shown}."),
        (n, false) if n > PAGE_SIZE && filtered => {
            format!("{n} statements pass the filters; {shown}.")
        }
        (n, false) if n > PAGE_SIZE => {
            format!("All {n} statements; {shown}. Type in the search box to search them.")
        }
        (n, _) => format!("{n} statements match."),
    }
}

/// Every statement of one speaker, occasion or topic (its id): the search the reader's
/// facts link to.
///
/// ```
/// use tifa_model::EntityKind;
/// use tifa_view::url_state::to_query;
/// use tifa_view::search_page::every_by;
/// assert_eq!(to_query(&every_by(EntityKind::Speaker, "mao-ning")), "?speaker=mao-ning");
/// ```
pub fn every_by(kind: EntityKind, id: &str) -> UrlState {
    let mut state = UrlState::default();
    state.filters.ids_mut(kind).push(id.to_owned());
    state.with_view(ViewKind::Search)
}

/// `state`'s search, shown in the search view, changed by `change`.
///
/// ```
/// use tifa_view::search_page::in_search;
/// use tifa_view::url_state::{parse, to_query};
/// let here = parse("?view=timeline&q=rights&lanes=venue").state;
/// assert_eq!(to_query(&in_search(&here, |s| s.q = None)), "?view=search");
/// ```
pub fn in_search(state: &UrlState, change: impl FnOnce(&mut UrlState)) -> UrlState {
    state.changed_in(ViewKind::Search, change)
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
/// use tifa_model::PartialDate;
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
            without.page = None;
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
        without.page = None;
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
    next.page = None;
    next.with_view(state.view())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{parse, to_query};

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
        let at = |total, n| page(total, PAGE_SIZE, n).0;
        assert_eq!(
            status(1, &at(1, 1), true, false, "x", Sort::Relevance),
            "1 statement matches."
        );
        assert_eq!(
            status(41, &at(41, 1), true, false, "x", Sort::Date),
            "41 statements match."
        );
        assert_eq!(
            status(124, &at(124, 3), true, false, "x", Sort::Date),
            "124 statements match; 101–124, newest first."
        );
        assert_eq!(
            status(124, &at(124, 2), true, false, "x", Sort::Relevance),
            "124 statements match; 51–100, most relevant first."
        );
        assert_eq!(
            status(90, &at(90, 1), false, true, "", Sort::Relevance),
            "90 statements pass the filters; 1–50, newest first."
        );
    }

    #[test]
    fn removing_a_filter_starts_at_the_first_page() {
        let here = parse("?q=x&speaker=a&from=2020&page=3").state;
        assert!(chips(&Corpus::empty(), &here)
            .iter()
            .all(|c| c.without.page.is_none()));
        assert_eq!(without_filters(&here).page, None);
        assert_eq!(toggled(&here, EntityKind::Speaker, "b").page, None);
    }
}
