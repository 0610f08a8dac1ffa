//! Dispersion (`?view=dispersion&q=…`): where a word or phrase occurs, found as the
//! concordance finds it — in each statement (AntConc's plot: each occurrence at its
//! place along the statement's counted words) and in time (each statement's
//! occurrences at its date) — with its range and Gries' DP over years.
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! use tifa_view::dispersion::dispersion;
//! use tifa_view::url_state::parse;
//! let d = dispersion(&Bundle::new(Corpus::empty()), &parse("?view=dispersion&q=rights").state);
//! assert_eq!((d.total, d.statements.len()), (0, 0));
//! ```

use crate::keywords::each_counted_passage;
use crate::scope::scope;
use crate::url_state::UrlState;
use serde::Serialize;
use tifa_core::blob::Bundle;
use tifa_core::ngrams::dp;
use tifa_core::search::engine::matching;
use tifa_core::search::formulation::{find, Detail, Formulation};

/// A statement's occurrences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hits {
    pub statement: u32,
    /// The words counted in it (its passages of the kinds asked for).
    pub words: u64,
    /// Each occurrence's first word, in thousandths of the statement's counted words.
    pub places: Vec<u16>,
}

/// Where a query occurs in a part of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dispersion {
    /// Occurrences in all.
    pub total: usize,
    /// The statements holding it, in corpus order (by date).
    pub statements: Vec<Hits>,
    /// The part: its statements and words, and the years they span.
    pub part_statements: usize,
    pub words: u64,
    pub years: usize,
    /// The speakers and years it occurs in.
    pub speakers: usize,
    pub years_with: usize,
    /// Gries' DP over years, normalised; `None` with one year only.
    pub dp: Option<f64>,
    pub notes: Vec<String>,
}

/// The dispersion of `state`'s query in the statements its filters leave in.
pub fn dispersion(bundle: &Bundle, state: &UrlState) -> Dispersion {
    let corpus = &bundle.corpus;
    let mut part = state.clone();
    part.q = None;
    let (query, mut notes) = scope(corpus, &part);
    let kinds = state.filters.passage_kinds();
    let statements = matching(corpus, &bundle.index, &query);
    let year = |s: u32| {
        corpus.statements[s as usize]
            .date
            .date
            .map_or(u16::MAX, |d| d.year)
    };
    let mut years: Vec<u16> = statements.iter().map(|&s| year(s)).collect();
    years.sort_unstable();
    years.dedup();
    let mut sizes = vec![0u64; years.len()];
    let mut words = 0;
    for &s in &statements {
        let mut n = 0;
        each_counted_passage(bundle, &[s], kinds, |w| n += w.len() as u64);
        words += n;
        if let Ok(i) = years.binary_search(&year(s)) {
            sizes[i] += n;
        }
    }
    let f = Formulation::parse(state.q.as_deref().unwrap_or(""));
    let mut out = Dispersion {
        total: 0,
        statements: Vec::new(),
        part_statements: statements.len(),
        words,
        years: years.len(),
        speakers: 0,
        years_with: 0,
        dp: None,
        notes: Vec::new(),
    };
    if f.groups.is_empty() {
        notes.push("Give a word or a phrase to see where it occurs.".to_owned());
        out.notes = notes;
        return out;
    }
    notes.extend(f.notes.iter().cloned());
    let found = find(
        corpus,
        &bundle.index,
        &f,
        &query,
        kinds,
        Detail::Occurrences,
    );
    let mut counts = vec![0u64; years.len()];
    let mut speakers = Vec::new();
    let mut buffer = Vec::new();
    for x in &found {
        let st = &corpus.statements[x.statement as usize];
        // Where each counted passage starts among the statement's counted words.
        let mut starts = vec![None; st.passages.len()];
        let mut n = 0u64;
        bundle
            .index
            .tokens
            .each_passage(x.statement, &mut buffer, |p, w| {
                if st.passages.get(p).is_some_and(|x| kinds.contains(x.kind)) {
                    starts[p] = Some(n);
                    n += w.len() as u64;
                }
                true
            });
        let places = x
            .occurrences
            .iter()
            .filter_map(|o| {
                let at = starts.get(o.passage as usize).copied().flatten()? + o.word as u64;
                Some((at * 1000 / n.max(1)).min(999) as u16)
            })
            .collect::<Vec<_>>();
        out.total += places.len();
        if let Ok(i) = years.binary_search(&year(x.statement)) {
            counts[i] += places.len() as u64;
        }
        speakers.push(st.speaker);
        out.statements.push(Hits {
            statement: x.statement,
            words: n,
            places,
        });
    }
    speakers.sort_unstable();
    speakers.dedup();
    out.speakers = speakers.len();
    out.years_with = counts.iter().filter(|&&c| c > 0).count();
    out.dp = dp(&counts, &sizes);
    if out.total == 0 {
        notes.push(format!(
            "“{}” is not in the statements these filters leave in.",
            state.q.as_deref().unwrap_or("")
        ));
    }
    out.notes = notes;
    out
}
