//! Search results: count, how the query was read, the filters as removable chips,
//! order (relevance or date), ranked statements with keyword-in-context snippets (marks
//! built from match ranges), and facet counts that add a filter when clicked.
//!
//! A facet with a filter of its own counts as if that filter were off (so a second
//! speaker can be added to the first); the others count the results shown.

use super::{AppLink, StatementLine};
use crate::hooks::UseUrlState;
use leptos::prelude::*;
use tifa_core::layout::marked;
use tifa_core::model::{Corpus, Entity, PartialDate};
use tifa_core::search::engine::{run, Hit, Sort};
use tifa_core::search::index::Index;
use tifa_core::search::scope::scope;
use tifa_core::url_state::{Filters, SortOrder, UrlState, ViewKind};

/// Results shown at once.
pub const RESULT_LIMIT: usize = 20;

/// The engine's order for the URL's.
pub fn engine_sort(sort: SortOrder) -> Sort {
    match sort {
        SortOrder::Relevance => Sort::Relevance,
        SortOrder::Date => Sort::Date,
    }
}

/// Which list of a filter.
#[derive(Clone, Copy)]
enum Facet {
    Speaker,
    Venue,
    Topic,
}

impl Facet {
    fn ids(self, f: &mut Filters) -> &mut Vec<String> {
        match self {
            Facet::Speaker => &mut f.speaker,
            Facet::Venue => &mut f.venue,
            Facet::Topic => &mut f.topic,
        }
    }

    fn table(self, corpus: &'static Corpus<'static>) -> &'static [Entity<'static>] {
        match self {
            Facet::Speaker => &corpus.speakers,
            Facet::Venue => &corpus.venues,
            Facet::Topic => &corpus.topics,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Facet::Speaker => "Speaker",
            Facet::Venue => "Occasion",
            Facet::Topic => "Topic",
        }
    }
}

/// `state` with `id` added to (or, when there, removed from) a facet's filter.
fn toggled(state: &UrlState, facet: Facet, id: &str) -> UrlState {
    let mut next = state.search_in(ViewKind::Search);
    let ids = facet.ids(&mut next.filters);
    match ids.iter().position(|i| i == id) {
        Some(at) => {
            ids.remove(at);
        }
        None => ids.push(id.to_owned()),
    }
    next.with_view(ViewKind::Search)
}

/// How a date range reads: `2021`, `June 2020 – 2021`, `from 2020`, `until March 2021`.
pub fn range_label(from: Option<PartialDate>, to: Option<PartialDate>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => f.human(),
        (Some(f), Some(t)) => format!("{} – {}", f.human(), t.human()),
        (Some(f), None) => format!("from {}", f.human()),
        (None, Some(t)) => format!("until {}", t.human()),
        (None, None) => String::new(),
    }
}

#[component]
pub fn SearchView(
    corpus: &'static Corpus<'static>,
    index: &'static Index<'static>,
    url: UseUrlState,
) -> impl IntoView {
    // Only the results are redrawn per keystroke; the help below them stays.
    let results = move || {
        let state = url.parsed.with(|p| p.state.clone());
        view! { <SearchResults corpus=corpus index=index state=state url=url/> }
    };
    view! {
        <div class="search-view">
            {results}
            <SearchHelp/>
        </div>
    }
}

/// The results of one state's search (what [`SearchView`] draws for each URL).
#[component]
pub fn SearchResults(
    corpus: &'static Corpus<'static>,
    index: &'static Index<'static>,
    state: UrlState,
    url: UseUrlState,
) -> impl IntoView {
    let (query, _) = scope(corpus, &state);
    let results = run(
        corpus,
        index,
        query.clone(),
        engine_sort(state.sort),
        RESULT_LIMIT,
    );
    let total = results.total;
    let searching = !query.required.is_empty() || !query.excluded.is_empty();
    let filtered = !query.is_empty();
    let q = state.q.clone().unwrap_or_default();
    let status = match (total, searching) {
        (0, true) => format!("No statement matches “{q}”."),
        (0, false) => "No statement passes these filters.".to_string(),
        (1, _) => "1 statement matches.".to_string(),
        (n, true) if n > RESULT_LIMIT => match state.sort {
            SortOrder::Relevance => {
                format!("{n} statements match; the {RESULT_LIMIT} most relevant are shown.")
            }
            SortOrder::Date => {
                format!("{n} statements match; the {RESULT_LIMIT} newest are shown.")
            }
        },
        (n, false) if n > RESULT_LIMIT && filtered => {
            format!("{n} statements pass the filters; the {RESULT_LIMIT} newest are shown.")
        }
        (n, false) if n > RESULT_LIMIT => {
            format!("All {n} statements; the {RESULT_LIMIT} newest are shown. Type in the search box to search them.")
        }
        (n, _) => format!("{n} statements match."),
    };
    // Facets with a filter of their own count as if it were off.
    let mut facets = results.facets.clone();
    for facet in [Facet::Speaker, Facet::Venue, Facet::Topic] {
        let mut without = query.clone();
        let (ids, on) = match facet {
            Facet::Speaker => (&mut without.speaker_ids, &mut facets.speakers),
            Facet::Venue => (&mut without.venue_ids, &mut facets.venues),
            Facet::Topic => (&mut without.topic_ids, &mut facets.topics),
        };
        if !ids.is_empty() {
            ids.clear();
            let wider = run(corpus, index, without, Sort::Relevance, 0).facets;
            *on = match facet {
                Facet::Speaker => wider.speakers,
                Facet::Venue => wider.venues,
                Facet::Topic => wider.topics,
            };
        }
    }
    let notes = results.query.notes.clone();
    let hits = results.hits.clone();
    let entity_facet = {
        let state = state.clone();
        move |facet: Facet, title: &'static str, items: &[(u32, u32)]| {
            let table = facet.table(corpus);
            let active = facet.ids(&mut state.filters.clone()).clone();
            (!items.is_empty()).then(|| {
                let rows = items
                    .iter()
                    .take(12)
                    .map(|&(i, n)| {
                        let e = &table[i as usize];
                        let on = active.iter().any(|a| *a == *e.id);
                        let to = toggled(&state, facet, &e.id);
                        view! {
                            <li class:on=on>
                                <AppLink url=url to=to>
                                    <span class="facet-name">{e.name.as_ref()}</span>
                                    {on.then(|| view! { <span class="visually-hidden">" (filtered; remove this filter)"</span> })}
                                </AppLink>
                                " "
                                <span class="count">{n}</span>
                            </li>
                        }
                    })
                    .collect_view();
                facet_section(title, rows)
            })
        }
    };
    let years = {
        let state = state.clone();
        let items = facets.years.clone();
        (!items.is_empty()).then(|| {
            let rows = items
                .into_iter()
                .take(12)
                .map(|(y, n)| {
                    let year = PartialDate { year: y, month: None, day: None };
                    let mut to = state.search_in(ViewKind::Search);
                    to.filters.from = Some(year);
                    to.filters.to = Some(year);
                    let to = to.with_view(ViewKind::Search);
                    view! {
                        <li>
                            <AppLink url=url to=to><span class="facet-name">{y.to_string()}</span></AppLink>
                            " "
                            <span class="count">{n}</span>
                        </li>
                    }
                })
                .collect_view();
            facet_section("Years", rows)
        })
    };
    let sort_link = {
        let state = state.clone();
        move |sort: SortOrder, text: &'static str| {
            let mut to = state.search_in(ViewKind::Search);
            to.sort = sort;
            let to = to.with_view(ViewKind::Search);
            let current = (state.sort == sort).then_some("true");
            view! { <li aria-current=current><AppLink url=url to=to>{text}</AppLink></li> }
        }
    };
    let to_timeline = state.search_in(ViewKind::Timeline);
    let hit_state = state.clone();
    view! {
        <section class="search" aria-labelledby="search-title">
            <h1 id="search-title">{if searching { "Search" } else { "All statements" }}</h1>
            <p class="result-count" role="status">{status}</p>
            <FilterChips corpus=corpus state=state.clone() url=url/>
            {(!notes.is_empty()).then(|| view! {
                <div class="query-notes">
                    <p>"How your query was read:"</p>
                    <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            })}
            {(total == 0).then(|| view! { <NoResults searching=searching filtered=!state.filters.is_empty() state=state.clone() url=url/> })}
            {(total > 0).then(|| view! {
                <div class="result-tools">
                    <nav class="sort" aria-label="Order of results">
                        <span>"Order: "</span>
                        <ul>
                            {sort_link(SortOrder::Relevance, "most relevant")}
                            {sort_link(SortOrder::Date, "newest first")}
                        </ul>
                    </nav>
                    <AppLink url=url to=to_timeline class="to-timeline">"See these on the timeline"</AppLink>
                </div>
            })}
            <div class="search-layout">
                <ol class="results">
                    {hits.into_iter().map(|hit| view! { <Result corpus=corpus hit=hit to=hit_state.clone() url=url/> }).collect_view()}
                </ol>
                {(total > 0).then(|| view! {
                    <aside class="facets" aria-label="Narrow the results">
                        {entity_facet(Facet::Speaker, "Speakers", &facets.speakers)}
                        {entity_facet(Facet::Venue, "Occasions", &facets.venues)}
                        {years}
                        {entity_facet(Facet::Topic, "Topics", &facets.topics)}
                    </aside>
                })}
            </div>
        </section>
    }
}

/// One facet: its title and its rows.
fn facet_section(title: &'static str, rows: impl IntoView) -> impl IntoView {
    view! {
        <section class="facet">
            <h2>{title}</h2>
            <ul>{rows}</ul>
        </section>
    }
}

/// The URL's filters as chips, each with a button-like link removing it.
#[component]
pub fn FilterChips(
    corpus: &'static Corpus<'static>,
    state: UrlState,
    url: UseUrlState,
) -> impl IntoView {
    let view_kind = state.view();
    let keep_view = move |next: UrlState| next.with_view(view_kind);
    let mut chips = Vec::new();
    for facet in [Facet::Speaker, Facet::Venue, Facet::Topic] {
        let ids = facet.ids(&mut state.filters.clone()).clone();
        for id in ids {
            let name = facet
                .table(corpus)
                .iter()
                .find(|e| *e.id == *id)
                .map_or_else(|| format!("{id} (unknown)"), |e| e.name.to_string());
            let mut next = state.clone();
            facet.ids(&mut next.filters).retain(|i| *i != id);
            chips.push((format!("{}: {name}", facet.label()), keep_view(next)));
        }
    }
    let f = &state.filters;
    if f.from.is_some() || f.to.is_some() {
        let mut next = state.clone();
        next.filters.from = None;
        next.filters.to = None;
        chips.push((
            format!("Dates: {}", range_label(f.from, f.to)),
            keep_view(next),
        ));
    }
    (!chips.is_empty()).then(|| {
        let mut none = state.clone();
        none.filters = Filters::default();
        let none = keep_view(none);
        let several = chips.len() > 1;
        view! {
            <div class="chips">
                <span class="chips-title" id="chips-title">"Filters:"</span>
                <ul aria-labelledby="chips-title">
                    {chips
                        .into_iter()
                        .map(|(text, to)| {
                            let label = format!("Remove filter {text}");
                            view! {
                                <li class="chip">
                                    <span>{text}</span>
                                    <AppLink url=url to=to class="chip-remove">
                                        <span aria-hidden="true">"×"</span>
                                        <span class="visually-hidden">{label}</span>
                                    </AppLink>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {several.then(|| view! { <AppLink url=url to=none class="chips-clear">"Clear all filters"</AppLink> })}
            </div>
        }
    })
}

/// What to try when nothing matched.
#[component]
fn NoResults(searching: bool, filtered: bool, state: UrlState, url: UseUrlState) -> impl IntoView {
    let without_filters = {
        let mut s = state.search_in(ViewKind::Search);
        s.filters = Filters::default();
        s.with_view(ViewKind::Search)
    };
    let without_query = {
        let mut s = state.search_in(ViewKind::Search);
        s.q = None;
        s.with_view(ViewKind::Search)
    };
    view! {
        <div class="empty">
            <p>"Nothing found. You could:"</p>
            <ul>
                {(searching && filtered).then(|| view! { <li><AppLink url=url to=without_filters>"search without the filters"</AppLink></li> })}
                {(searching && filtered).then(|| view! { <li><AppLink url=url to=without_query>"see everything the filters allow"</AppLink></li> })}
                {searching.then(|| view! { <li>"use fewer words, a word's beginning with * (multilateral*), or a quoted phrase (see “How to search” below)"</li> })}
                {(!searching).then(|| view! { <li>"remove a filter above"</li> })}
            </ul>
        </div>
    }
}

#[component]
fn Result(
    corpus: &'static Corpus<'static>,
    hit: Hit,
    /// The search shown (the link keeps it).
    to: UrlState,
    url: UseUrlState,
) -> impl IntoView {
    let s = &corpus.statements[hit.statement as usize];
    let doc = corpus.document_of(s);
    let to = to.reading(&s.id);
    let snippet = hit.snippet.map(|snip| {
        let (before, after) = (
            snip.clipped_start.then_some("…"),
            snip.clipped_end.then_some("…"),
        );
        let pieces = marked(snip.span, &snip.highlights)
            .into_iter()
            .map(|(span, mark)| {
                let text = doc.text(span);
                if mark {
                    view! { <mark>{text}</mark> }.into_any()
                } else {
                    view! { <span>{text}</span> }.into_any()
                }
            })
            .collect_view();
        view! { <p class="kwic">{before} {pieces} {after}</p> }
    });
    view! {
        <li class="result" data-statement-id=s.id.as_ref()>
            <p class="result-head">
                <StatementLine corpus=corpus s=s url=url to=to/>
            </p>
            {snippet}
            <p class="result-doc">{doc.title.as_ref()}</p>
        </li>
    }
}

/// The query language, as README documents it.
#[component]
pub fn SearchHelp() -> impl IntoView {
    let rows: [(&str, &str); 9] = [
        ("shared future", "both words, anywhere; the best matches first"),
        ("\"shared future\"", "the exact phrase"),
        ("multilateral*", "words beginning so"),
        ("rights -covid", "without a word (or -\"a phrase\")"),
        ("xinjiang OR \"hong kong\"", "either"),
        ("speaker:\"mao ning\"", "one speaker (part of the name is enough); also venue:, topic:"),
        ("year:2020", "one year; year:2019..2021 for a range"),
        ("from:2020-06 to:2021", "a date range (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("China’s = China's", "curly quotes, dashes, accents and case do not matter; plurals and word forms match, exact forms first"),
    ];
    view! {
        <details class="search-help">
            <summary>"How to search"</summary>
            <table>
                <thead><tr><th scope="col">"Type"</th><th scope="col">"To find"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(k, v)| view! { <tr><td><code>{k}</code></td><td>{v}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
