//! Search results: count, how the query was read, the filters as removable chips,
//! order (relevance or date), ranked statements with keyword-in-context snippets (marks
//! built from match ranges), and facet counts that add a filter when clicked.
//!
//! A facet with a filter of its own counts as if that filter were off (so a second
//! speaker can be added to the first); the others count the results shown.
//!
//! **Drawn in place.** One memo holds what a state's search shows (`tifa_view::search_page::SearchPage`). Result
//! rows and facet rows are fixed slots, one per rank: a new search changes their text
//! and links in place and hides the slots it leaves empty (a row's snippet is redrawn
//! only when it changes), and every link follows the state ([`StateLink`]). A redraw
//! thus changes what differs and never rebuilds the list — a word completing after
//! "no match" had rebuilt ~500 elements (`bash .ci/bench-ui` measures redraws).

use super::live::{flag, maybe, text};
use super::{
    CiteButtons, DownloadLink, KeywordsPanel, KindFilter, Pager, StateLink, WithWholeCorpus,
};
use crate::hooks::{use_bundle, use_url_state};
use leptos::either::Either;
use leptos::prelude::*;
use tifa_model::EntityKind;
use tifa_view::corpus::{Snippet, Sort};
use tifa_view::csv::file_name;
use tifa_view::layout::marked;
use tifa_view::reader::{headline, statement_meta};
use tifa_view::search_page::{
    chips, in_search, in_year, toggled, without_filters, SearchPage, Wider, PAGE_SIZE,
};
use tifa_view::url_state::{UrlState, ViewKind};

/// Rows of a facet shown at once.
const FACET_ROWS: usize = 12;

#[component]
pub fn SearchView() -> impl IntoView {
    view! {
        <div class="search-view">
            <SearchResults state=use_url_state().state/>
            <SearchHelp/>
        </div>
    }
}

/// The results of a state's search (what [`SearchView`] draws for the URL's).
#[component]
pub fn SearchResults(#[prop(into)] state: Signal<UrlState>) -> impl IntoView {
    let bundle = use_bundle();
    // Over a sharded corpus the page is drawn with its first results; drawn again as
    // the rest come.
    let filled = crate::hooks::use_pieces_filled();
    let outcome = Memo::new(move |_| {
        if let Some(f) = filled {
            f.track();
        }
        state.with(|s| SearchPage::of(bundle, s))
    });
    let found = Memo::new(move |_| outcome.with(|o| o.total > 0));
    let searching = Memo::new(move |_| outcome.with(|o| o.searching));
    // (Plain closures, not memos, where a redraw is cheap: each memo type costs Wasm.)
    let notes = move || outcome.with(|o| o.notes.clone());
    // Nothing found: whether there were words, and filters.
    let empty = move || {
        outcome.with(|o| (o.total == 0).then(|| (o.searching, o.filtered, o.wider.clone())))
    };
    let paging = Memo::new(move |_| outcome.with(|o| (o.page.clone(), o.total)));
    // Results ticked for citing (what the page shows is the selection when none is).
    let selected = RwSignal::new(Vec::<u32>::new());
    let to_cite = move || {
        let ticked = selected.get_untracked();
        if ticked.is_empty() {
            outcome.with_untracked(|o| o.hits.iter().map(|h| h.statement).collect())
        } else {
            ticked
        }
    };
    let cite_lead = Signal::derive(move || match selected.with(Vec::len) {
        0 => "Cite the results on this page as:".to_string(),
        1 => "Cite the 1 result ticked as:".to_string(),
        n => format!("Cite the {n} results ticked as:"),
    });
    // A small nav, redrawn with the state (its links keep the search); nothing on one page.
    let pager = move || {
        let (page, total) = paging.get();
        view! { <Pager page=page total=total what="Results" state=state.get()/> }
    };
    view! {
        <section class="search" aria-labelledby="search-title">
            <h1 id="search-title">{move || if searching.get() { "Search" } else { "All statements" }}</h1>
            <p class="result-count" role="status">{move || outcome.with(|o| o.status.clone())}</p>
            {move || outcome.with(|o| o.clamped.clone()).map(|t| view! { <p class="notice">{t}</p> })}
            <FilterChips state=state/>
            {move || {
                let notes = notes();
                (!notes.is_empty()).then(|| view! {
                    <div class="query-notes">
                        <p>"How your query was read:"</p>
                        <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            {move || empty().map(|(searching, filtered, wider)| view! { <NoResults searching=searching filtered=filtered wider=wider state=state/> })}
            <div class="result-tools" hidden=flag(move || !found.get())>
                <nav class="sort" aria-label="Order of results">
                    <span>"Order: "</span>
                    <ul>
                        <SortLink sort=Sort::Relevance text="most relevant" state=state/>
                        <SortLink sort=Sort::Date text="newest first" state=state/>
                        <SortLink sort=Sort::Oldest text="oldest first" state=state/>
                    </ul>
                </nav>
                <KindFilter/>
                <CiteButtons lead=cite_lead statements=to_cite/>
                <StateLink from=state to=|s| s.search_in(ViewKind::Timeline) class="to-timeline">"See these on the timeline"</StateLink>
                <StateLink from=state to=UrlState::tracking class="to-tracker">"Track this over time"</StateLink>
                <StateLink from=state to=|s| s.search_in(ViewKind::Kwic) class="to-kwic">"All occurrences in context"</StateLink>
                <WithWholeCorpus what="Download all as CSV">
                    <DownloadLink file=Signal::derive(move || state.with(|s| file_name("search", s.q.as_deref().unwrap_or("")))) make=tifa_view::csv::results>
                        {move || outcome.with(|o| format!("Download all {} as CSV", o.total))}
                    </DownloadLink>
                </WithWholeCorpus>
            </div>
            {pager}
            <div class="search-layout">
                <ol class="results" start=move || paging.with(|(p, _)| p.range.start + 1)>
                    {(0..PAGE_SIZE).map(|rank| view! { <ResultSlot rank=rank outcome=outcome state=state selected=selected/> }).collect_view()}
                </ol>
                <aside class="facets" aria-label="Narrow the results" hidden=flag(move || !found.get())>
                    <EntityFacet kind=EntityKind::Speaker outcome=outcome state=state/>
                    <EntityFacet kind=EntityKind::Venue outcome=outcome state=state/>
                    <YearFacet outcome=outcome state=state/>
                    <EntityFacet kind=EntityKind::Topic outcome=outcome state=state/>
                </aside>
            </div>
            {pager}
            <WithWholeCorpus what="The keywords of these statements">
                <KeywordsPanel state=state/>
            </WithWholeCorpus>
        </section>
    }
}

/// One way to order the results; marked when it is the current one.
#[component]
fn SortLink(sort: Sort, text: &'static str, state: Signal<UrlState>) -> impl IntoView {
    let current = move || state.with(|s| s.sort == sort).then_some("true");
    view! {
        <li aria-current=current>
            <StateLink from=state to=move |s| in_search(s, |n| n.sort = sort)>{text}</StateLink>
        </li>
    }
}

/// One facet's rows (speakers, occasions or topics): each a link adding its filter, or
/// removing it when on, with the count. The rows are fixed slots whose text and links
/// change in place; an empty slot is hidden.
#[component]
fn EntityFacet(
    kind: EntityKind,
    outcome: Memo<SearchPage>,
    state: Signal<UrlState>,
) -> impl IntoView {
    let url = use_url_state();
    let table = use_bundle().corpus.entities(kind);
    let counts = Memo::new(move |_| {
        outcome.with(|o| {
            o.facets
                .counts(kind)
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
            id().is_some_and(|id| state.with(|s| s.filters.ids(kind).iter().any(|a| a == id)))
        });
        let href = maybe(move || id().map(|id| state.with(|s| url.href(&toggled(s, kind, id)))));
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
            <h2>{kind.heading()}</h2>
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
fn YearFacet(outcome: Memo<SearchPage>, state: Signal<UrlState>) -> impl IntoView {
    let url = use_url_state();
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
            row.get()
                .map(|(y, _)| state.with(|s| url.href(&in_year(s, y as u16))))
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

/// The URL's filters as chips, each with a button-like link removing it (labels and
/// targets from `tifa_view::search_page::chips`). Redrawn when the filters change;
/// the links follow the rest of the state in place.
#[component]
pub fn FilterChips(#[prop(into)] state: Signal<UrlState>) -> impl IntoView {
    let corpus = &use_bundle().corpus;
    let labels = Memo::new(move |_| {
        state.with(|state| {
            chips(corpus, state)
                .into_iter()
                .map(|c| c.label)
                .collect::<Vec<_>>()
        })
    });
    move || {
        labels.with(|labels| {
            (!labels.is_empty()).then(|| {
                let several = labels.len() > 1;
                let items = labels
                    .iter()
                    .enumerate()
                    .map(|(k, text)| {
                        let label = format!("Remove filter {text}");
                        // The k-th chip of whatever the state is when the link is drawn.
                        let to = move |s: &UrlState| {
                            chips(corpus, s)
                                .into_iter()
                                .nth(k)
                                .map_or_else(|| s.clone(), |c| c.without)
                        };
                        view! {
                            <li class="chip">
                                <span>{text.clone()}</span>
                                <StateLink from=state to=to class="chip-remove">
                                    <span aria-hidden="true">"×"</span>
                                    <span class="visually-hidden">{label}</span>
                                </StateLink>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="chips">
                        <span class="chips-title" id="chips-title">"Filters:"</span>
                        <ul aria-labelledby="chips-title">{items}</ul>
                        {several.then(|| view! { <StateLink from=state to=without_filters class="chips-clear">"Clear all filters"</StateLink> })}
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
    wider: Option<Wider>,
    state: Signal<UrlState>,
) -> impl IntoView {
    let no_filters = |s: &UrlState| in_search(s, |n| n.filters = Default::default());
    let without_query = |s: &UrlState| in_search(s, |n| n.q = None);
    let wider = wider.map(|Wider { q, word, found: n }| {
        let found = if n == 1 { "1 statement".to_string() } else { format!("{n} statements") };
        let to = move |s: &UrlState| in_search(s, |n| n.q = Some(q.clone()));
        view! {
            <li class="wider">
                <StateLink from=state to=to>{format!("search for words beginning with “{word}”")}</StateLink>
                {format!(" ({word}*): {found}")}
            </li>
        }
    });
    view! {
        <div class="empty">
            <p>"Nothing found. You could:"</p>
            <ul>
                {wider}
                {(searching && filtered).then(|| view! { <li><StateLink from=state to=no_filters>"search without the filters"</StateLink></li> })}
                {(searching && filtered).then(|| view! { <li><StateLink from=state to=without_query>"see everything the filters allow"</StateLink></li> })}
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
    /// 0-based, on the page shown.
    rank: usize,
    outcome: Memo<SearchPage>,
    /// The search shown (the link keeps it).
    state: Signal<UrlState>,
    /// The results ticked for citing.
    selected: RwSignal<Vec<u32>>,
) -> impl IntoView {
    let url = use_url_state();
    let corpus = &use_bundle().corpus;
    let index = Memo::new(move |_| outcome.with(|o| o.hits.get(rank).map(|h| h.statement)));
    let ticked = move || {
        index
            .get()
            .is_some_and(|i| selected.with(|s| s.contains(&i)))
    };
    let tick = move |_| {
        if let Some(i) = index.get_untracked() {
            selected.update(|s| match s.iter().position(|&x| x == i) {
                Some(at) => {
                    s.remove(at);
                }
                None => s.push(i),
            });
        }
    };
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
                <input type="checkbox" class="select-result" prop:checked=ticked on:change=tick
                    aria-label=maybe(move || statement.get().map(|s| format!("Tick {} for citing", s.id)))/>
                <a href=href class="statement-link">{text(move || statement.get().map_or_else(String::new, |s| corpus.speaker_of(s).name.to_string()))}</a>
                <span class="statement-meta">{text(move || statement.get().map(|s| statement_meta(corpus, s)).unwrap_or_default())}</span>
            </p>
            <p class="result-headline">{text(move || statement.get().map(|s| format!("“{}”", headline(corpus, s))).unwrap_or_default())}</p>
            {move || snippet.get().map(kwic)}
            <p class="result-doc">{text(move || statement.get().map_or_else(String::new, |s| corpus.document_of(s).title.to_string()))}</p>
        </li>
    }
}

/// The query language, as docs/search.md documents it.
#[component]
pub fn SearchHelp() -> impl IntoView {
    let rows: [(&str, &str); 10] = [
        ("shared future", "both words, anywhere; the best matches first"),
        ("\"shared future\"", "the exact phrase"),
        ("\"state of * union\"", "the phrase with any one word for *"),
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
