//! Hostile URLs: everything the app does with a URL's query string, run on generated
//! input — arbitrary bytes, over-long values, thousands of parameters, invalid
//! percent-encoding, unknown ids — must never panic, and must stay bounded.
//!
//! Each of the four kinds of input runs `TIFA_FUZZ_CASES` cases (default 1,000, which
//! CI runs); the test prints how many URLs it handled. A long run:
//!
//! ```text
//! TIFA_FUZZ_CASES=25000 cargo test --release -p tifa-view --test url_fuzz -- --nocapture
//! ```

mod common;

use common::seed;
use proptest::prelude::*;
use tifa_core::search::engine::{ranked, run as run_query, Sort};
use tifa_view::concordance::{concordance, PAGE_SIZE};
use tifa_view::resolve::{resolve, View, LIBRARY_PAGE_SIZE};
use tifa_view::scope::scope;
use tifa_view::search_page::{chips, SearchPage, PAGE_SIZE as RESULTS_PAGE};
use tifa_view::timeline::plot::{corpus_years, layout, Scale};
use tifa_view::tracker::{track, Request};
use tifa_view::url_state::{parse, to_query, MAX_FILTER_IDS, MAX_NOTICES, MAX_VALUE_LEN};

fn cases() -> u32 {
    std::env::var("TIFA_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000)
}

/// What the app does with a query string: parse it, resolve the view (the app's own
/// code, `tifa_view::resolve`), its title, the search page, and the timeline; and a state
/// written back must parse to itself.
fn handle(query: &str) -> Result<(), TestCaseError> {
    let bundle = common::bundle();
    let (corpus, index) = seed();
    let parsed = parse(query);
    prop_assert!(parsed.notices.len() <= MAX_NOTICES);
    let state = &parsed.state;
    for v in [&state.q, &state.s, &state.doc].into_iter().flatten() {
        prop_assert!(!v.is_empty() && v.chars().count() <= MAX_VALUE_LEN);
    }
    let (view, missing) = resolve(bundle, &parsed);
    prop_assert!(missing.len() <= 3 * MAX_FILTER_IDS + 2);
    let _ = view.title(bundle, state);
    match view {
        View::Library(page) => {
            let last = corpus.documents.len().div_ceil(LIBRARY_PAGE_SIZE).max(1);
            prop_assert!(page >= 1 && page as usize <= last);
        }
        View::Statement(i) => prop_assert!((i as usize) < corpus.statements.len()),
        View::Document(i) => prop_assert!((i as usize) < corpus.documents.len()),
        View::Compare(found, len, _) => {
            prop_assert!(len <= state.compare.len());
            prop_assert!(found[..len]
                .iter()
                .all(|&i| (i as usize) < corpus.statements.len()));
        }
        View::Search => {
            let page = SearchPage::of(bundle, state);
            prop_assert!(page.hits.len() <= RESULTS_PAGE && page.hits.len() <= page.total);
            prop_assert!(page.page.number >= 1 && page.page.number <= page.page.last);
            // A page past the end shows the last one, never an empty page.
            prop_assert_eq!(page.hits.is_empty(), page.total == 0);
            let _ = chips(corpus, state);
        }
        View::Timeline => {}
        View::Kwic => {
            let c = concordance(bundle, state);
            prop_assert!(c.lines.len() <= PAGE_SIZE && c.lines.len() <= c.total);
            prop_assert!(c.page.number >= 1 && c.page.number <= c.page.last);
        }
        View::Formulations => {
            let f = tifa_view::formulations::list(bundle, state).unwrap();
            prop_assert!(
                f.rows.len() <= tifa_view::formulations::PAGE_SIZE && f.rows.len() <= f.total
            );
            prop_assert!(f.page.number >= 1 && f.page.number <= f.page.last);
            prop_assert!(f.total <= f.listed);
        }
        View::Keywords | View::Collocates | View::Clusters | View::Dispersion => {
            let page = tifa_view::stats_page::page(bundle, state);
            for t in &page.tables {
                prop_assert!(
                    t.rows.len() <= tifa_view::stats_page::PAGE_SIZE && t.rows.len() <= t.total
                );
                prop_assert!(t.page.number >= 1 && t.page.number <= t.page.last);
                for r in &t.rows {
                    for (_, v) in &r.data {
                        prop_assert!(!v.contains("NaN") && !v.contains("inf"), "{v}");
                    }
                }
            }
            prop_assert!(!page.status.contains("NaN") && !page.status.contains("inf"));
        }
        View::Track => {
            let t = track(bundle, &Request::of(bundle, state));
            prop_assert!(t.series.len() <= state.track.f.len());
            for s in &t.series {
                prop_assert_eq!(s.counts.len(), t.periods.len());
            }
        }
    }
    // The search and the timeline every view but the library draws.
    let (query, unknown) = scope(corpus, state);
    prop_assert!(unknown.len() <= 3 * MAX_FILTER_IDS);
    let r = run_query(corpus, index, query.clone(), Sort::Date, 0..20);
    let all = ranked(corpus, index, &query, Sort::Relevance);
    prop_assert_eq!(all.len(), r.total);
    if let Some((first, last)) = corpus_years(corpus) {
        let scale = match state.zoom {
            Some(year) => Scale::Days { year },
            None => Scale::Years { first, last },
        };
        let t = layout(corpus, &all, scale, state.lanes, 60);
        let drawn: u32 = t.marks.iter().map(|m| m.count).sum();
        prop_assert_eq!(drawn + t.undated + t.outside, all.len() as u32);
        let (a, b) = scale.span_of(state.filters.from, state.filters.to);
        prop_assert!(a <= b && b <= scale.slots());
    }
    let again = parse(&to_query(state));
    prop_assert_eq!(&again.state, state);
    Ok(())
}

/// Keys the app knows, and others.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("q".to_owned()),
        Just("s".to_owned()),
        Just("doc".to_owned()),
        Just("page".to_owned()),
        Just("view".to_owned()),
        Just("speaker".to_owned()),
        Just("venue".to_owned()),
        Just("topic".to_owned()),
        Just("from".to_owned()),
        Just("to".to_owned()),
        Just("sort".to_owned()),
        Just("compare".to_owned()),
        Just("mode".to_owned()),
        Just("lanes".to_owned()),
        Just("zoom".to_owned()),
        Just("f".to_owned()),
        Just("f".to_owned()),
        Just("kind".to_owned()),
        Just("unit".to_owned()),
        Just("measure".to_owned()),
        Just("ctx".to_owned()),
        Just("ref".to_owned()),
        Just("within".to_owned()),
        Just("without".to_owned()),
        Just("near".to_owned()),
        Just("win".to_owned()),
        Just("by".to_owned()),
        Just("dir".to_owned()),
        Just("min".to_owned()),
        Just("fmin".to_owned()),
        Just("sig".to_owned()),
        Just("bonf".to_owned()),
        Just("terms".to_owned()),
        Just("n".to_owned()),
        Just("debug-panic".to_owned()),
        "[a-z%=&+]{0,8}",
        "\\PC{0,12}",
    ]
}

/// Values: ids that exist, ids that do not, numbers, markup, broken percent-escapes.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2024-12-10-mao-ning-human-rights-day".to_owned()),
        Just("2021-03-24-xinhua-unhrc-adopts-cooperation-resolution".to_owned()),
        "[0-9]{0,25}",
        Just("timeline".to_owned()),
        Just("compare".to_owned()),
        Just("read".to_owned()),
        Just("zhao-lijian,mao-ning,nobody".to_owned()),
        "(19|20)[0-9]{2}(-[01][0-9](-[0-3][0-9])?)?",
        Just("venue".to_owned()),
        Just("date".to_owned()),
        Just("track".to_owned()),
        Just("kwic".to_owned()),
        Just("formulations".to_owned()),
        Just("keywords".to_owned()),
        Just("collocates".to_owned()),
        Just("clusters".to_owned()),
        Just("dispersion".to_owned()),
        Just("rest".to_owned()),
        Just("all".to_owned()),
        Just("speaker%3Dzhao-lijian%26q%3Drights".to_owned()),
        Just("ref%3Dref%253Dx".to_owned()),
        Just("5,5".to_owned()),
        Just("0,10".to_owned()),
        Just("logdice".to_owned()),
        Just("dp".to_owned()),
        Just("stems".to_owned()),
        Just("neg".to_owned()),
        Just("0.001".to_owned()),
        Just("recent".to_owned()),
        Just("first".to_owned()),
        Just("1L".to_owned()),
        Just("speaker".to_owned()),
        Just("\"shared future\" OR \"for * mankind\"".to_owned()),
        Just("\"* * *\"".to_owned()),
        Just("quote,question,bogus".to_owned()),
        Just("month".to_owned()),
        Just("count".to_owned()),
        "-?[0-9]{1,12}",
        "(%[0-9A-Fa-f]?[0-9A-Fa-f]?|%|[a-z+&=#\"*:-]|%E0%A4|%C3|%FF){0,20}",
        "<(script|img src=x onerror=alert\\(1\\))>\\PC{0,10}",
        "\\PC{0,40}",
        proptest::collection::vec(any::<char>(), 150..400).prop_map(|v| v.into_iter().collect()),
    ]
}

/// Runs `f` on `cases()` values of `strategy`; returns how many ran.
fn run<S: Strategy>(
    name: &str,
    strategy: S,
    f: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> usize
where
    S::Value: std::fmt::Debug,
{
    let ran = std::cell::Cell::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    if let Err(e) = runner.run(&strategy, |v| {
        ran.set(ran.get() + 1);
        f(v)
    }) {
        panic!("{name}: {e}");
    }
    ran.get()
}

#[test]
fn hostile_urls_never_panic() {
    let mut total = 0;
    total += run(
        "arbitrary bytes",
        proptest::collection::vec(any::<u8>(), 0..600),
        |bytes| handle(&String::from_utf8_lossy(&bytes)),
    );
    total += run(
        "parameter soup",
        proptest::collection::vec((key(), value()), 0..40),
        |params| {
            let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
            handle(&format!("?{}", query.join("&")))
        },
    );
    total += run(
        "thousands of parameters",
        (1_000usize..5_000, key(), value()),
        |(n, k, v)| handle(&vec![format!("{k}={v}"); n].join("&")),
    );
    total += run(
        "over-long values",
        (key(), 200usize..20_000, any::<char>()),
        |(k, len, c)| handle(&format!("{k}={}", c.to_string().repeat(len))),
    );
    eprintln!(
        "url_fuzz: {total} hostile URLs handled, 0 panics (TIFA_FUZZ_CASES={} per kind)",
        cases()
    );
}
