//! Search results: count, how the query was read, ranked statements with keyword-in-
//! context snippets (marks built from match ranges), facet counts, and help.

use super::StatementLine;
use crate::hooks::UseUrlState;
use leptos::prelude::*;
use tifa_core::layout::marked;
use tifa_core::model::Corpus;
use tifa_core::search::engine::{search, Hit, Sort};
use tifa_core::search::index::Index;
use tifa_core::url_state::UrlState;

/// Results shown at once.
pub const RESULT_LIMIT: usize = 20;

#[component]
pub fn SearchView(
    corpus: &'static Corpus<'static>,
    index: &'static Index<'static>,
    q: String,
    url: UseUrlState,
) -> impl IntoView {
    let results = search(corpus, index, &q, Sort::Relevance, RESULT_LIMIT);
    let total = results.total;
    let status = match total {
        0 => format!("No statement matches “{q}”."),
        1 => "1 statement matches.".to_string(),
        n if n > RESULT_LIMIT => {
            format!("{n} statements match; the {RESULT_LIMIT} most relevant are shown.")
        }
        n => format!("{n} statements match."),
    };
    let notes = results.query.notes.clone();
    let hits = results.hits.clone();
    let facets = results.facets.clone();
    let facet = move |title: &'static str, items: Vec<(String, u32)>| {
        (!items.is_empty()).then(|| {
            view! {
                <section class="facet">
                    <h2>{title}</h2>
                    <ul>
                        {items
                            .into_iter()
                            .take(12)
                            .map(|(name, n)| view! { <li><span>{name}</span> " " <span class="count">{n}</span></li> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    };
    let names = |list: &[(u32, u32)],
                 table: &'static [tifa_core::model::Entity<'static>]|
     -> Vec<(String, u32)> {
        list.iter()
            .map(|&(i, n)| (table[i as usize].name.to_string(), n))
            .collect()
    };
    let speakers = names(&facets.speakers, &corpus.speakers);
    let venues = names(&facets.venues, &corpus.venues);
    let topics = names(&facets.topics, &corpus.topics);
    let years: Vec<(String, u32)> = facets
        .years
        .iter()
        .map(|&(y, n)| (y.to_string(), n))
        .collect();
    view! {
        <section class="search" aria-labelledby="search-title">
            <h1 id="search-title">"Search"</h1>
            <p class="result-count" role="status">{status}</p>
            {(!notes.is_empty()).then(|| view! {
                <div class="query-notes">
                    <p>"How your query was read:"</p>
                    <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            })}
            {(total == 0).then(|| view! {
                <p class="empty">"Try fewer words, a word's beginning with * (multilateral*), or a quoted phrase. See “How to search” below."</p>
            })}
            <div class="search-layout">
                <ol class="results">
                    {hits.into_iter().map(|hit| view! { <Result corpus=corpus hit=hit q=q.clone() url=url/> }).collect_view()}
                </ol>
                <aside class="facets" aria-label="Counts over all matches">
                    {facet("Speakers", speakers)}
                    {facet("Occasions", venues)}
                    {facet("Years", years)}
                    {facet("Topics", topics)}
                </aside>
            </div>
            <SearchHelp/>
        </section>
    }
}

#[component]
fn Result(
    corpus: &'static Corpus<'static>,
    hit: Hit,
    q: String,
    url: UseUrlState,
) -> impl IntoView {
    let s = &corpus.statements[hit.statement as usize];
    let doc = corpus.document_of(s);
    let to = UrlState {
        q: Some(q),
        s: Some(s.id.to_string()),
        ..Default::default()
    };
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
