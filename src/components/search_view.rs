//! Search results: count, how the query was read, the filters as removable chips,
//! order (relevance or date), ranked statements with keyword-in-context snippets (marks
//! built from match ranges), and facet counts that add a filter when clicked.
//!
//! A facet with a filter of its own counts as if that filter were off (so a second
//! speaker can be added to the first); the others count the results shown.
//!
//! **Drawn in place.** One memo holds what a state's search shows ([`Outcome`]). Result
//! rows and facet rows are fixed slots, one per rank: a new search changes their text
//! and links in place and hides the slots it leaves empty (a row's snippet is redrawn
//! only when it changes), and every link follows the state ([`StateLink`]). A redraw
//! thus changes what differs and never rebuilds the list — a word completing after
//! "no match" had rebuilt ~500 elements (`bash .ci/bench-ui` measures redraws).

use super::live::{flag, maybe, text};
use super::{statement_meta, StateLink};
use crate::hooks::UseUrlState;
use leptos::either::Either;
use leptos::prelude::*;
use tifa_core::layout::marked;
use tifa_core::model::{Corpus, Entity, PartialDate};
use tifa_core::search::engine::{matching, run, Facets, Hit, Snippet, Sort};
use tifa_core::search::index::Index;
use tifa_core::search::query::as_prefix;
use tifa_core::search::scope::scope;
use tifa_core::url_state::{Filters, SortOrder, UrlState, ViewKind};

/// Results shown at once.
pub const RESULT_LIMIT: usize = 20;

/// Rows of a facet shown at once.
const FACET_ROWS: usize = 12;

/// The engine's order for the URL's.
pub fn engine_sort(sort: SortOrder) -> Sort {
    match sort {
        SortOrder::Relevance => Sort::Relevance,
        SortOrder::Date => Sort::Date,
    }
}

/// Which list of a filter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Speaker,
    Venue,
    Topic,
}

impl Facet {
    const ALL: [Facet; 3] = [Facet::Speaker, Facet::Venue, Facet::Topic];

    fn ids(self, f: &Filters) -> &Vec<String> {
        match self {
            Facet::Speaker => &f.speaker,
            Facet::Venue => &f.venue,
            Facet::Topic => &f.topic,
        }
    }

    fn ids_mut(self, f: &mut Filters) -> &mut Vec<String> {
        match self {
            Facet::Speaker => &mut f.speaker,
            Facet::Venue => &mut f.venue,
            Facet::Topic => &mut f.topic,
        }
    }

    /// This facet's counts.
    fn counts(self, f: &Facets) -> &Vec<(u32, u32)> {
        match self {
            Facet::Speaker => &f.speakers,
            Facet::Venue => &f.venues,
            Facet::Topic => &f.topics,
        }
    }

    fn counts_mut(self, f: &mut Facets) -> &mut Vec<(u32, u32)> {
        match self {
            Facet::Speaker => &mut f.speakers,
            Facet::Venue => &mut f.venues,
            Facet::Topic => &mut f.topics,
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
    in_search(state, |next| {
        let ids = facet.ids_mut(&mut next.filters);
        match ids.iter().position(|i| i == id) {
            Some(at) => {
                ids.remove(at);
            }
            None => ids.push(id.to_owned()),
        }
    })
}

/// `state`'s search, shown in the search view, changed by `change`.
fn in_search(state: &UrlState, change: impl FnOnce(&mut UrlState)) -> UrlState {
    let mut next = state.search_in(ViewKind::Search);
    change(&mut next);
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

/// What one state's search shows.
#[derive(Clone, Default, PartialEq)]
struct Outcome {
    /// Words to find (not only filters).
    searching: bool,
    /// The URL has filters.
    filtered: bool,
    total: usize,
    status: String,
    /// How the query was read.
    notes: Vec<String>,
    hits: Vec<Hit>,
    /// Facet counts (a facet with a filter of its own counted without it).
    facets: Facets,
    /// Nothing found, but the last word read as a beginning finds something (typing
    /// `multilat` on the way to `multilateral`): that query, the word, how many it finds.
    wider: Option<(String, String, usize)>,
}

impl Outcome {
    fn of(
        corpus: &'static Corpus<'static>,
        index: &'static Index<'static>,
        state: &UrlState,
    ) -> Self {
        let (query, _) = scope(corpus, state);
        let results = run(
            corpus,
            index,
            query.clone(),
            engine_sort(state.sort),
            RESULT_LIMIT,
        );
        let total = results.total;
        let searching = !query.required.is_empty() || !query.excluded.is_empty();
        let q = state.q.as_deref().unwrap_or_default();
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
            (n, false) if n > RESULT_LIMIT && !query.is_empty() => {
                format!("{n} statements pass the filters; the {RESULT_LIMIT} newest are shown.")
            }
            (n, false) if n > RESULT_LIMIT => {
                format!("All {n} statements; the {RESULT_LIMIT} newest are shown. Type in the search box to search them.")
            }
            (n, _) => format!("{n} statements match."),
        };
        let mut facets = results.facets;
        for facet in Facet::ALL {
            let mut without = query.clone();
            let ids = match facet {
                Facet::Speaker => &mut without.speaker_ids,
                Facet::Venue => &mut without.venue_ids,
                Facet::Topic => &mut without.topic_ids,
            };
            if !ids.is_empty() {
                ids.clear();
                let wider = run(corpus, index, without, Sort::Relevance, 0).facets;
                *facet.counts_mut(&mut facets) = facet.counts(&wider).clone();
            }
        }
        let wider = (total == 0 && searching)
            .then(|| as_prefix(q))
            .flatten()
            .and_then(|(wider, word)| {
                let (query, _) = scope(corpus, &in_search(state, |s| s.q = Some(wider.clone())));
                // Only counted: no ranking, snippets or facets.
                let n = matching(corpus, index, &query).len();
                (n > 0).then_some((wider, word, n))
            });
        Outcome {
            wider,
            searching,
            filtered: !state.filters.is_empty(),
            total,
            status,
            notes: results.query.notes,
            hits: results.hits,
            facets,
        }
    }
}

#[component]
pub fn SearchView(
    corpus: &'static Corpus<'static>,
    index: &'static Index<'static>,
    url: UseUrlState,
) -> impl IntoView {
    view! {
        <div class="search-view">
            <SearchResults corpus=corpus index=index state=url.state url=url/>
            <SearchHelp/>
        </div>
    }
}

/// The results of a state's search (what [`SearchView`] draws for the URL's).
#[component]
pub fn SearchResults(
    corpus: &'static Corpus<'static>,
    index: &'static Index<'static>,
    #[prop(into)] state: Signal<UrlState>,
    url: UseUrlState,
) -> impl IntoView {
    let outcome = Memo::new(move |_| state.with(|s| Outcome::of(corpus, index, s)));
    let found = Memo::new(move |_| outcome.with(|o| o.total > 0));
    let searching = Memo::new(move |_| outcome.with(|o| o.searching));
    // (Plain closures, not memos, where a redraw is cheap: each memo type costs Wasm.)
    let notes = move || outcome.with(|o| o.notes.clone());
    // Nothing found: whether there were words, and filters.
    let empty = move || {
        outcome.with(|o| (o.total == 0).then(|| (o.searching, o.filtered, o.wider.clone())))
    };
    view! {
        <section class="search" aria-labelledby="search-title">
            <h1 id="search-title">{move || if searching.get() { "Search" } else { "All statements" }}</h1>
            <p class="result-count" role="status">{move || outcome.with(|o| o.status.clone())}</p>
            <FilterChips corpus=corpus state=state url=url/>
            {move || {
                let notes = notes();
                (!notes.is_empty()).then(|| view! {
                    <div class="query-notes">
                        <p>"How your query was read:"</p>
                        <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || empty().map(|(searching, filtered, wider)| view! { <NoResults searching=searching filtered=filtered wider=wider state=state url=url/> })}
            <div class="result-tools" hidden=flag(move || !found.get())>
                <nav class="sort" aria-label="Order of results">
                    <span>"Order: "</span>
                    <ul>
                        <SortLink sort=SortOrder::Relevance text="most relevant" state=state url=url/>
                        <SortLink sort=SortOrder::Date text="newest first" state=state url=url/>
                    </ul>
                </nav>
                <StateLink url=url from=state to=|s| s.search_in(ViewKind::Timeline) class="to-timeline">"See these on the timeline"</StateLink>
            </div>
            <div class="search-layout">
                <ol class="results">
                    {(0..RESULT_LIMIT).map(|rank| view! { <ResultSlot corpus=corpus rank=rank outcome=outcome state=state url=url/> }).collect_view()}
                </ol>
                <aside class="facets" aria-label="Narrow the results" hidden=flag(move || !found.get())>
                    <EntityFacet corpus=corpus facet=Facet::Speaker title="Speakers" outcome=outcome state=state url=url/>
                    <EntityFacet corpus=corpus facet=Facet::Venue title="Occasions" outcome=outcome state=state url=url/>
                    <YearFacet outcome=outcome state=state url=url/>
                    <EntityFacet corpus=corpus facet=Facet::Topic title="Topics" outcome=outcome state=state url=url/>
                </aside>
            </div>
        </section>
    }
}

/// One way to order the results; marked when it is the current one.
#[component]
fn SortLink(
    sort: SortOrder,
    text: &'static str,
    state: Signal<UrlState>,
    url: UseUrlState,
) -> impl IntoView {
    let current = move || state.with(|s| s.sort == sort).then_some("true");
    view! {
        <li aria-current=current>
            <StateLink url=url from=state to=move |s| in_search(s, |n| n.sort = sort)>{text}</StateLink>
        </li>
    }
}

/// One facet's rows (speakers, occasions or topics): each a link adding its filter, or
/// removing it when on, with the count. The rows are fixed slots whose text and links
/// change in place; an empty slot is hidden.
#[component]
fn EntityFacet(
    corpus: &'static Corpus<'static>,
    facet: Facet,
    title: &'static str,
    outcome: Memo<Outcome>,
    state: Signal<UrlState>,
    url: UseUrlState,
) -> impl IntoView {
    let table = facet.table(corpus);
    let counts = Memo::new(move |_| {
        outcome.with(|o| {
            facet
                .counts(&o.facets)
                .iter()
                .take(FACET_ROWS)
                .copied()
                .collect::<Vec<_>>()
        })
    });
    let slot = move |at: usize| {
        let row = facet_row(counts, at);
        let id = move || row.get().map(|(i, _)| &*table[i as usize].id);
        let on = Memo::new(move |_| {
            id().is_some_and(|id| state.with(|s| facet.ids(&s.filters).iter().any(|a| a == id)))
        });
        let href = maybe(move || id().map(|id| state.with(|s| url.href(&toggled(s, facet, id)))));
        view! {
            <li class:on=on hidden=flag(move || row.with(Option::is_none))>
                <a href=href>
                    <span class="facet-name">{text(move || row.get().map_or_else(String::new, |(i, _)| table[i as usize].name.to_string()))}</span>
                    {move || on.get().then_some(view! { <span class="visually-hidden">" (filtered; remove this filter)"</span> })}
                </a>
                " "
                <span class="count">{text(move || row.get().map_or_else(String::new, |(_, n)| n.to_string()))}</span>
            </li>
        }
    };
    view! {
        <section class="facet" hidden=flag(move || counts.with(Vec::is_empty))>
            <h2>{title}</h2>
            <ul>{(0..FACET_ROWS).map(slot).collect_view()}</ul>
        </section>
    }
}

/// The row at `at` of a facet's counts, if any: (entity index or year, count). (One memo
/// type for every facet.)
fn facet_row(counts: Memo<Vec<(u32, u32)>>, at: usize) -> Memo<Option<(u32, u32)>> {
    Memo::new(move |_| counts.with(|c| c.get(at).copied()))
}

/// The years of the results, newest first: each a link narrowing the dates to it
/// (fixed slots, as [`EntityFacet`]).
#[component]
fn YearFacet(outcome: Memo<Outcome>, state: Signal<UrlState>, url: UseUrlState) -> impl IntoView {
    let counts = Memo::new(move |_| {
        outcome.with(|o| {
            o.facets
                .years
                .iter()
                .take(FACET_ROWS)
                .map(|&(y, n)| (u32::from(y), n))
                .collect::<Vec<_>>()
        })
    });
    let slot = move |at: usize| {
        let row = facet_row(counts, at);
        let href = maybe(move || {
            row.get().map(|(y, _)| {
                let year = PartialDate {
                    year: y as u16,
                    month: None,
                    day: None,
                };
                state.with(|s| {
                    url.href(&in_search(s, |n| {
                        n.filters.from = Some(year);
                        n.filters.to = Some(year);
                    }))
                })
            })
        });
        view! {
            <li hidden=flag(move || row.with(Option::is_none))>
                <a href=href><span class="facet-name">{text(move || row.get().map_or_else(String::new, |(y, _)| y.to_string()))}</span></a>
                " "
                <span class="count">{text(move || row.get().map_or_else(String::new, |(_, n)| n.to_string()))}</span>
            </li>
        }
    };
    view! {
        <section class="facet" hidden=flag(move || counts.with(Vec::is_empty))>
            <h2>"Years"</h2>
            <ul>{(0..FACET_ROWS).map(slot).collect_view()}</ul>
        </section>
    }
}

/// A filter shown as a chip, and how removing it changes a state.
#[derive(Clone, PartialEq)]
enum Chip {
    Entity(Facet, String),
    Dates,
}

impl Chip {
    /// `state` without this filter, in the same view.
    fn removed_from(&self, state: &UrlState) -> UrlState {
        let mut next = state.clone();
        match self {
            Chip::Entity(facet, id) => facet.ids_mut(&mut next.filters).retain(|i| i != id),
            Chip::Dates => {
                next.filters.from = None;
                next.filters.to = None;
            }
        }
        next.with_view(state.view())
    }
}

/// The URL's filters as chips, each with a button-like link removing it. Redrawn when
/// the filters change; the links follow the rest of the state in place.
#[component]
pub fn FilterChips(
    corpus: &'static Corpus<'static>,
    #[prop(into)] state: Signal<UrlState>,
    url: UseUrlState,
) -> impl IntoView {
    let chips = Memo::new(move |_| {
        state.with(|state| {
            let mut chips = Vec::new();
            for facet in Facet::ALL {
                for id in facet.ids(&state.filters) {
                    let name = facet
                        .table(corpus)
                        .iter()
                        .find(|e| *e.id == **id)
                        .map_or_else(|| format!("{id} (unknown)"), |e| e.name.to_string());
                    chips.push((
                        format!("{}: {name}", facet.label()),
                        Chip::Entity(facet, id.clone()),
                    ));
                }
            }
            let f = &state.filters;
            if f.from.is_some() || f.to.is_some() {
                chips.push((format!("Dates: {}", range_label(f.from, f.to)), Chip::Dates));
            }
            chips
        })
    });
    move || {
        chips.with(|chips| {
            (!chips.is_empty()).then(|| {
                let several = chips.len() > 1;
                let items = chips
                    .iter()
                    .map(|(text, chip)| {
                        let label = format!("Remove filter {text}");
                        let chip = chip.clone();
                        view! {
                            <li class="chip">
                                <span>{text.clone()}</span>
                                <StateLink url=url from=state to=move |s| chip.removed_from(s) class="chip-remove">
                                    <span aria-hidden="true">"×"</span>
                                    <span class="visually-hidden">{label}</span>
                                </StateLink>
                            </li>
                        }
                    })
                    .collect_view();
                let none = |s: &UrlState| {
                    let mut next = s.clone();
                    next.filters = Filters::default();
                    next.with_view(s.view())
                };
                view! {
                    <div class="chips">
                        <span class="chips-title" id="chips-title">"Filters:"</span>
                        <ul aria-labelledby="chips-title">{items}</ul>
                        {several.then(|| view! { <StateLink url=url from=state to=none class="chips-clear">"Clear all filters"</StateLink> })}
                    </div>
                }
            })
        })
    }
}

/// What to try when nothing matched.
#[component]
fn NoResults(
    searching: bool,
    filtered: bool,
    /// The query with its last word as a beginning, the word, and what it finds.
    wider: Option<(String, String, usize)>,
    state: Signal<UrlState>,
    url: UseUrlState,
) -> impl IntoView {
    let without_filters = |s: &UrlState| in_search(s, |n| n.filters = Filters::default());
    let without_query = |s: &UrlState| in_search(s, |n| n.q = None);
    let wider = wider.map(|(q, word, n)| {
        let found = if n == 1 { "1 statement".to_string() } else { format!("{n} statements") };
        let to = move |s: &UrlState| in_search(s, |n| n.q = Some(q.clone()));
        view! {
            <li class="wider">
                <StateLink url=url from=state to=to>{format!("search for words beginning with “{word}”")}</StateLink>
                {format!(" ({word}*): {found}")}
            </li>
        }
    });
    view! {
        <div class="empty">
            <p>"Nothing found. You could:"</p>
            <ul>
                {wider}
                {(searching && filtered).then(|| view! { <li><StateLink url=url from=state to=without_filters>"search without the filters"</StateLink></li> })}
                {(searching && filtered).then(|| view! { <li><StateLink url=url from=state to=without_query>"see everything the filters allow"</StateLink></li> })}
                {searching.then(|| view! { <li>"use fewer words, a word's beginning with * (multilateral*), or a quoted phrase (see “How to search” below)"</li> })}
                {(!searching).then(|| view! { <li>"remove a filter above"</li> })}
            </ul>
        </div>
    }
}

/// One slot of the result list: the hit at that rank, or nothing (then hidden, without
/// the `result` class). A new search changes the slots' text and links in place; the
/// snippet is redrawn only when it changes.
#[component]
fn ResultSlot(
    corpus: &'static Corpus<'static>,
    /// 0-based.
    rank: usize,
    outcome: Memo<Outcome>,
    /// The search shown (the link keeps it).
    state: Signal<UrlState>,
    url: UseUrlState,
) -> impl IntoView {
    let statement = Memo::new(move |_| {
        outcome.with(|o| {
            o.hits
                .get(rank)
                .map(|h| &corpus.statements[h.statement as usize])
        })
    });
    let snippet = Memo::new(move |_| {
        outcome.with(|o| {
            o.hits
                .get(rank)
                .and_then(|h| Some((h.statement, h.snippet.clone()?)))
        })
    });
    let shown = move || statement.with(Option::is_some);
    let id = move || statement.get().map(|s| s.id.to_string());
    let href = maybe(move || {
        statement
            .get()
            .map(|s| state.with(|st| url.href(&st.reading(&s.id))))
    });
    let kwic = move |(statement, snip): (u32, Snippet)| {
        let doc = corpus.document_of(&corpus.statements[statement as usize]);
        let pieces = marked(snip.span, &snip.highlights)
            .into_iter()
            .map(|(span, mark)| {
                let text = doc.text(span);
                if mark {
                    Either::Left(view! { <mark>{text}</mark> })
                } else {
                    Either::Right(text)
                }
            })
            .collect_view();
        view! {
            <p class="kwic">
                {snip.clipped_start.then_some("…")}
                {pieces}
                {snip.clipped_end.then_some("…")}
            </p>
        }
    };
    view! {
        <li class=maybe(move || shown().then(|| "result".to_string())) hidden=flag(move || !shown()) data-statement-id=maybe(id)>
            <p class="result-head">
                <a href=href class="statement-link">{text(move || statement.get().map_or_else(String::new, |s| corpus.speakers[s.speaker as usize].name.to_string()))}</a>
                <span class="statement-meta">{text(move || statement.get().map(|s| statement_meta(corpus, s)).unwrap_or_default())}</span>
            </p>
            {move || snippet.get().map(kwic)}
            <p class="result-doc">{text(move || statement.get().map_or_else(String::new, |s| corpus.document_of(s).title.to_string()))}</p>
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
