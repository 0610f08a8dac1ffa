//! The formulations list and reuse as the views show them, on the test corpus: counts
//! under filters, the text filter, the orders, pages, the tracker link, the reader's
//! "also appears in" both ways, and the downloads read back.

mod common;

use common::bundle;
use tifa_core::search::formulation::{find, Detail, Formulation};
use tifa_core::search::text::tokens;
use tifa_model::Kinds;
use tifa_view::csv::{self, Source};
use tifa_view::formulations::{list, tracking};
use tifa_view::reuse::{of_document, of_statement};
use tifa_view::scope::scope;
use tifa_view::url_state::{parse, to_query, CompareMode, UrlState};

const SOURCE: Source = Source {
    version: "v1",
    base: "https://example.org/",
};

fn read(text: &str) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// What the tracker counts for a phrase under a state's filters.
fn tracked(state: &UrlState, phrase: &str) -> usize {
    let b = bundle();
    let mut filters = state.clone();
    filters.q = None;
    let f = Formulation::parse(&format!("\"{phrase}\""));
    let q = scope(&b.corpus, &filters).0;
    let kinds = state.filters.passage_kinds();
    find(&b.corpus, &b.index, &f, &q, kinds, Detail::Statements).len()
}

#[test]
fn each_row_counts_what_the_tracker_counts_under_the_filters() {
    let b = bundle();
    for url in [
        "?view=formulations",
        "?view=formulations&speaker=zhao-lijian",
        "?view=formulations&from=2021",
        "?view=formulations&q=human+rights",
    ] {
        let state = parse(url).state;
        let page = list(b, &state).unwrap();
        assert!(page.total > 0, "{url}");
        for row in &page.rows {
            assert_eq!(
                row.statements,
                tracked(&state, &row.phrase),
                "{url}: {}",
                row.phrase
            );
            assert!(row.speakers >= 1 && row.documents >= 1);
            assert_eq!(
                row.per_year.iter().sum::<u32>() as usize,
                row.statements - undated(&row.phrase, &state)
            );
        }
    }
    // The text filter keeps phrases holding its words.
    let page = list(b, &parse("?view=formulations&q=Human+Rights").state).unwrap();
    assert!(page
        .rows
        .iter()
        .all(|r| r.phrase.to_lowercase().contains("human rights")));
    // Regression: quotes, as typed in the shared search box, filtered out everything.
    let quoted = list(b, &parse("?view=formulations&q=%22Human+Rights%22").state).unwrap();
    assert_eq!(quoted.total, page.total);
    assert!(quoted.total > 0);
    // A filter narrows: never more statements than without it.
    let all = list(b, &parse("?view=formulations").state).unwrap();
    let zhao = list(b, &parse("?view=formulations&speaker=zhao-lijian").state).unwrap();
    assert!(zhao.total <= all.total);
}

fn undated(phrase: &str, state: &UrlState) -> usize {
    let b = bundle();
    let mut filters = state.clone();
    filters.q = None;
    let f = Formulation::parse(&format!("\"{phrase}\""));
    let q = scope(&b.corpus, &filters).0;
    let kinds = state.filters.passage_kinds();
    find(&b.corpus, &b.index, &f, &q, kinds, Detail::Statements)
        .iter()
        .filter(|x| {
            b.corpus.statements[x.statement as usize]
                .date
                .date
                .is_none()
        })
        .count()
}

#[test]
fn orders_and_the_tracker_link() {
    let b = bundle();
    let by = |sort: &str| {
        list(b, &parse(&format!("?view=formulations{sort}")).state)
            .unwrap()
            .rows
    };
    // Formulaic first, names after.
    let formulaic = by("");
    assert!(formulaic
        .windows(2)
        .all(|w| (w[0].name, -w[0].score) <= (w[1].name, -w[1].score)));
    assert!(formulaic.iter().any(|r| r.name) && !formulaic[0].name);
    let spread = by("&sort=spread");
    assert!(spread.windows(2).all(|w| w[0].spread >= w[1].spread));
    let count = by("&sort=count");
    assert!(count.windows(2).all(|w| w[0].statements >= w[1].statements));
    let day = |i: u32| {
        b.corpus.statements[i as usize]
            .date
            .date
            .map(|d| d.first_day())
    };
    let first = by("&sort=first");
    assert!(first.windows(2).all(|w| {
        match (day(w[0].first.statement), day(w[1].first.statement)) {
            (Some(x), Some(y)) => x <= y,
            (None, Some(_)) => false,
            _ => true,
        }
    }));
    let recent = by("&sort=recent");
    let last = |i: u32| {
        b.corpus.statements[i as usize]
            .date
            .date
            .map(|d| d.last_day())
    };
    assert!(recent
        .windows(2)
        .all(|w| last(w[0].last.statement) >= last(w[1].last.statement)));
    // Each row opens the tracker for it and its variants, with the filters.
    let here = parse("?view=formulations&speaker=zhao-lijian&sort=count").state;
    let to = tracking(&here, "for mankind", &["for humanity".into()]);
    assert_eq!(
        to_query(&to),
        "?speaker=zhao-lijian&f=%22for+mankind%22&f=%22for+humanity%22"
    );
}

#[test]
fn a_page_past_the_end_shows_the_last() {
    let b = bundle();
    let page = list(b, &parse("?view=formulations&page=99").state).unwrap();
    assert!(page.clamped);
    assert_eq!(page.page.number, page.page.last);
}

/// The 2021 report and the 2020 remarks: each says it shares words with the other,
/// the words marked on both sides are the same words, and the link compares them.
#[test]
fn reuse_shows_both_ways_with_the_same_words_marked() {
    let b = bundle();
    let zhao = b
        .statement_index("2020-06-zhao-lijian-hrc-cooperation-resolution")
        .unwrap() as u32;
    let chen = b
        .statement_index("2021-03-23-chen-xu-hrc-cooperation-resolution")
        .unwrap() as u32;
    let words = |s: u32, spans: &[tifa_model::Span]| -> Vec<String> {
        let doc = b.corpus.document_of(&b.corpus.statements[s as usize]);
        spans
            .iter()
            .flat_map(|&sp| tokens(doc.text(sp)).into_iter().map(|t| t.term))
            .collect()
    };
    // The 2021 report repeats the 2020 wording in its narration: a pair shown when
    // narration is counted, never as the speakers' own words.
    let own = of_statement(b, chen, Kinds::OWN_WORDS).unwrap();
    assert!(own.iter().flat_map(|(_, l)| l).all(|x| x.other != zhao));
    let from_chen: Vec<_> = of_statement(b, chen, Kinds::ALL)
        .unwrap()
        .into_iter()
        .flat_map(|(_, list)| list)
        .filter(|x| x.other == zhao)
        .collect();
    assert!(!from_chen.is_empty());
    for x in &from_chen {
        assert_eq!(words(chen, &x.here), words(zhao, &x.there));
        assert!(x.words >= 8);
        // The earlier statement first.
        assert_eq!(
            x.compare.compare,
            [
                b.corpus.statements[zhao as usize].id.to_string(),
                b.corpus.statements[chen as usize].id.to_string()
            ]
        );
        assert_eq!(x.compare.mode, CompareMode::Aligned);
    }
    let from_zhao = of_statement(b, zhao, Kinds::ALL)
        .unwrap()
        .into_iter()
        .flat_map(|(_, list)| list)
        .filter(|x| x.other == chen)
        .count();
    assert_eq!(from_zhao, from_chen.len());
    // The 2021 document lists the 2020 one among those it shares passages with.
    let doc = b.corpus.statements[chen as usize].document;
    let other = b.corpus.statements[zhao as usize].document;
    assert!(of_document(b, doc, Kinds::ALL)
        .unwrap()
        .iter()
        .any(|&(d, n, w)| d == other && n >= 1 && w >= 8));
}

#[test]
fn the_downloads_read_back() {
    let b = bundle();
    let state = parse("?view=formulations").state;
    let rows = read(&csv::formulations(b, &state, &SOURCE));
    assert_eq!(rows[0][0], "formulation");
    assert_eq!(rows.len() - 1, list(b, &state).unwrap().total);
    assert!(rows[1..]
        .iter()
        .all(|r| r.len() == rows[0].len() && r[18] == "quote;reported" && r[19] == "v1"));
    let pairs = read(&csv::reuse(
        b,
        &parse("?view=formulations&kind=all").state,
        &SOURCE,
    ));
    assert_eq!(pairs[0][0], "statement_id");
    let chen_zhao = pairs[1..]
        .iter()
        .filter(|r| {
            r[0] == "2020-06-zhao-lijian-hrc-cooperation-resolution"
                && r[8] == "2021-03-23-chen-xu-hrc-cooperation-resolution"
        })
        .count();
    assert!(chen_zhao >= 1, "{pairs:?}");
    // A filter on one side keeps the pairs where either statement passes.
    let zhao_only = read(&csv::reuse(
        b,
        &parse("?view=formulations&speaker=zhao-lijian").state,
        &SOURCE,
    ));
    assert!(zhao_only.len() > 1 && zhao_only.len() <= pairs.len());
}

#[test]
fn an_excerpt_keeps_the_shared_words_with_some_context() {
    use tifa_model::Span;
    use tifa_view::reuse::{excerpt, CONTEXT};
    let text = format!(
        "{} shared words here {}",
        "before ".repeat(40),
        "after ".repeat(40)
    );
    let base = 1000;
    let at = text.find("shared").unwrap() as u32 + base;
    let marks = [Span {
        start: at,
        end: at + "shared words".len() as u32,
    }];
    let (span, before, after) = excerpt(&text, base, &marks);
    assert!(before && after);
    let shown = &text[(span.start - base) as usize..(span.end - base) as usize];
    assert!(
        shown.contains("shared words here")
            && shown.starts_with("before")
            && shown.ends_with("after")
    );
    assert!(shown.chars().count() <= 2 * CONTEXT + "shared words".len());
    // A short passage is shown whole.
    let (span, before, after) = excerpt(
        "shared words",
        base,
        &[Span {
            start: base,
            end: base + 6,
        }],
    );
    assert_eq!(
        (span, before, after),
        (
            Span {
                start: base,
                end: base + 12
            },
            false,
            false
        )
    );
}

/// The API's answers are the views' own: a search's hits in order with marks that
/// fall on the matched words (in UTF-16 units), a statement's passages, the tracker's
/// series, the formulations list, and reuse.
#[test]
fn the_api_answers_as_the_views_do() {
    use tifa_view::api;
    let b = bundle();
    let found = api::search(b, "?q=china%E2%80%99s+rights&sort=date");
    let page = tifa_view::search_page::SearchPage::of(
        b,
        &parse("?q=china%E2%80%99s+rights&sort=date").state,
    );
    assert_eq!(found.total, page.total);
    let ids: Vec<&str> = found.hits.iter().map(|h| h.statement.id.as_str()).collect();
    let expected: Vec<&str> = page
        .hits
        .iter()
        .map(|h| b.corpus.statements[h.statement as usize].id.as_ref())
        .collect();
    assert_eq!(ids, expected);
    for h in &found.hits {
        let utf16: Vec<u16> = h.snippet.as_deref().unwrap_or("").encode_utf16().collect();
        for &(a, z) in &h.marks {
            let word = String::from_utf16(&utf16[a..z]).unwrap().to_lowercase();
            assert!(
                word.starts_with("right") || word.starts_with("china"),
                "{word}"
            );
        }
    }
    let s = api::statement(b, "2021-03-23-chen-xu-hrc-cooperation-resolution").unwrap();
    assert_eq!(
        s.passages.len(),
        b.statement(&s.brief.id).unwrap().passages.len()
    );
    assert!(api::statement(b, "nobody").is_none());
    let t = api::track(b, "?f=%22shared+future%22");
    assert_eq!(
        t.series[0].statements as usize,
        tracked(&UrlState::default(), "shared future")
    );
    let (total, rows) = api::formulations(b, "").unwrap();
    assert_eq!(total, list(b, &UrlState::default()).unwrap().total);
    assert_eq!(
        rows[0].formulation,
        list(b, &UrlState::default()).unwrap().rows[0].phrase
    );
    let chen = "2021-03-23-chen-xu-hrc-cooperation-resolution";
    let zhao = "2020-06-zhao-lijian-hrc-cooperation-resolution";
    let reused = api::reuse(b, chen, Kinds::ALL).unwrap().unwrap();
    assert!(reused.iter().any(|r| r.other.id == zhao && r.words >= 8));
    let own = api::reuse(b, chen, Kinds::OWN_WORDS).unwrap().unwrap();
    assert!(own.iter().all(|r| r.other.id != zhao));
    assert!(api::reuse(b, "nobody", Kinds::ALL).unwrap().is_none());
}

/// A bundle decoded from its blob has no discoveries until they are attached: every
/// view of them says so (`None`, `NotLoaded`, a CSV header alone), never an empty
/// list that would read as "nothing found"; attached, it answers as the compiler's.
#[test]
fn before_the_discoveries_arrive_nothing_is_answered_as_found() {
    use tifa_compile::mine::Settings;
    use tifa_core::blob;
    use tifa_view::api;
    let whole = bundle();
    let corpus_blob = blob::encode(&whole.corpus);
    let mined = tifa_compile::discoveries_blob(&whole.corpus, &Settings::default());
    let b = blob::decode(&corpus_blob).unwrap();
    let state = parse("?view=formulations").state;
    let chen = b
        .statement_index("2021-03-23-chen-xu-hrc-cooperation-resolution")
        .unwrap() as u32;
    assert!(list(&b, &state).is_none());
    assert!(of_statement(&b, chen, Kinds::ALL).is_none());
    assert!(of_document(&b, 0, Kinds::ALL).is_none());
    assert_eq!(api::formulations(&b, "").map(|_| ()), Err(api::NotLoaded));
    assert_eq!(
        api::reuse(&b, "nobody", Kinds::ALL).map(|_| ()),
        Err(api::NotLoaded)
    );
    assert_eq!(read(&csv::formulations(&b, &state, &SOURCE)).len(), 1);
    assert_eq!(read(&csv::reuse(&b, &state, &SOURCE)).len(), 1);
    assert!(b.attach(blob::decode_discoveries(&mined, &b.corpus).unwrap()));
    assert_eq!(list(&b, &state), list(whole, &state));
    assert!(!of_statement(&b, chen, Kinds::ALL).unwrap().is_empty());
    assert_eq!(
        of_statement(&b, chen, Kinds::ALL),
        of_statement(whole, chen, Kinds::ALL)
    );
    assert_eq!(
        csv::reuse(&b, &state, &SOURCE),
        csv::reuse(whole, &state, &SOURCE)
    );
}
