//! JS entry points for the in-browser search benchmark (`--features bench` only; see
//! `tests/bench/search.mjs`). Each runs exactly what the search view runs.

use crate::corpus::bundle;
use tifa_view::corpus::{search, Sort};
use tifa_view::search_page::PAGE_SIZE;
use wasm_bindgen::prelude::*;

/// Runs a top-20 search with match ranges and snippets; returns the number of matches.
#[wasm_bindgen(js_name = benchSearch)]
pub fn bench_search(q: &str) -> u32 {
    let Ok(b) = bundle() else { return 0 };
    let (c, i) = (&b.corpus, &b.index);
    search(c, i, q, Sort::Relevance, PAGE_SIZE).total as u32
}

/// The ids of the top `k` results, one per line.
#[wasm_bindgen(js_name = benchTopIds)]
pub fn bench_top_ids(q: &str, k: usize) -> String {
    let Ok(b) = bundle() else {
        return String::new();
    };
    let (c, i) = (&b.corpus, &b.index);
    search(c, i, q, Sort::Relevance, k)
        .hits
        .iter()
        .map(|h| c.statements[h.statement as usize].id.as_ref())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Bytes of Wasm linear memory (embedded blob, decoded corpus and index, heap).
#[wasm_bindgen(js_name = benchMemoryBytes)]
pub fn bench_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// The tracker's numbers for a URL query (`?f=…`), as the tracker view computes them;
/// returns the statements counted, summed over the formulations.
#[wasm_bindgen(js_name = benchTrack)]
pub fn bench_track(query: &str) -> u32 {
    let Ok(b) = bundle() else { return 0 };
    let state = tifa_view::url_state::parse(query).state;
    let request = tifa_view::tracker::Request::of(b, &state);
    tifa_view::tracker::track(b, &request)
        .series
        .iter()
        .map(|s| s.statements)
        .sum()
}

/// The concordance page a URL query asks for, as the view computes it; returns the
/// number of lines in all.
#[wasm_bindgen(js_name = benchConcordance)]
pub fn bench_concordance(query: &str) -> u32 {
    let Ok(b) = bundle() else { return 0 };
    let state = tifa_view::url_state::parse(query).state;
    tifa_view::concordance::concordance(b, &state).total as u32
}

/// The CSV a download link of the view at a URL query makes (`kind`: `search` or
/// `concordance`); returns its length in bytes.
#[wasm_bindgen(js_name = benchCsv)]
pub fn bench_csv(kind: &str, query: &str) -> u32 {
    let Ok(b) = bundle() else { return 0 };
    let state = tifa_view::url_state::parse(query).state;
    let source = tifa_view::csv::Source {
        version: crate::corpus::version(),
        base: "https://example.org/",
    };
    let make = match kind {
        "concordance" => tifa_view::csv::concordance,
        _ => tifa_view::csv::results,
    };
    make(b, &state, &source).len() as u32
}

/// The formulations page a URL query asks for, as the view computes it; returns the
/// formulations listed under its filters (0 before the discoveries are here: the
/// benchmarks wait for `<html data-discoveries>`).
#[wasm_bindgen(js_name = benchFormulations)]
pub fn bench_formulations(query: &str) -> u32 {
    let Ok(b) = bundle() else { return 0 };
    let state = tifa_view::url_state::parse(query).state;
    tifa_view::formulations::list(b, &state).map_or(0, |f| f.total as u32)
}

/// The reused passages of a statement (its index) as the reader shows them; returns
/// the other passages listed.
#[wasm_bindgen(js_name = benchReuse)]
pub fn bench_reuse(statement: u32) -> u32 {
    let Ok(b) = bundle() else { return 0 };
    tifa_view::reuse::of_statement(b, statement, tifa_model::Kinds::OWN_WORDS)
        .unwrap_or_default()
        .iter()
        .map(|(_, list)| list.len() as u32)
        .sum()
}
