//! The formulations view (`?view=formulations`): the recurring formulations the compiler
//! found, counted under the URL's filters (speaker, occasion, topic, dates), narrowed to
//! those holding the words of `q`, in the order asked for (`sort`: spread, count, first,
//! recent), 50 a page. Each row says how many statements, speakers, documents and years
//! use it, its first and latest use, its use per year (a sparkline), and its variants.
//!
//! ```
//! use tifa_core::{blob::Bundle, model::Corpus, url_state::parse};
//! use tifa_view::formulations::list;
//! let bundle = Bundle::new(Corpus::empty());
//! let page = list(&bundle, &parse("?view=formulations").state).unwrap();
//! assert_eq!((page.total, page.rows.len()), (0, 0));
//! ```

use tifa_core::blob::Bundle;
use tifa_core::discover::spread;
use tifa_core::model::{Corpus, Statement};
use tifa_core::paging::{page, Page};
use tifa_core::search::engine::Filter;
use tifa_core::search::scope::scope;
use tifa_core::search::text::tokens;
use tifa_core::url_state::{Listing, UrlState, ViewKind, MAX_FORMULATIONS};

/// The years the sparklines span, first and last (`None` when nothing is dated).
pub type Years = Option<(u16, u16)>;

/// Rows a page shows.
pub const PAGE_SIZE: usize = 50;

/// One formulation under the filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// As the tracker reads it inside quotes.
    pub phrase: String,
    /// Statements, speakers, documents and years (dated statements) that use it.
    pub statements: usize,
    pub speakers: usize,
    pub documents: usize,
    pub years: usize,
    /// speakers × years × log2(1 + documents) ([`tifa_core::discover::spread`]).
    pub spread: f64,
    /// Its earliest and latest use (statement indices).
    pub first: u32,
    pub last: u32,
    /// Statements per year, from [`Formulations::years`]'s first to its last.
    pub per_year: Vec<u32>,
    /// The other listed formulations of its group (one word apart), most spread first.
    pub variants: Vec<String>,
}

/// One page of the formulations list.
#[derive(Debug, Clone, PartialEq)]
pub struct Formulations {
    /// Formulations used under the filters (all pages).
    pub total: usize,
    /// Formulations the compiler listed (before filters).
    pub listed: usize,
    pub page: Page,
    pub clamped: bool,
    pub rows: Vec<Row>,
    /// The years the sparklines span (first, last), when any statement is dated.
    pub years: Option<(u16, u16)>,
}

/// The earliest (or, with `latest`, the latest) of `list` by date: a statement's date
/// may mean a range of days; undated statements come after dated ones, then corpus
/// order decides.
fn earliest(corpus: &Corpus, list: &[u32], latest: bool) -> u32 {
    let day = |i: u32| {
        corpus.statements[i as usize].date.date.map(|d| {
            if latest {
                d.last_day()
            } else {
                d.first_day()
            }
        })
    };
    let mut best = list[0];
    for &i in &list[1..] {
        let better = match (day(i), day(best)) {
            // Ties keep the earlier in corpus order, as the tracker does.
            (Some(a), Some(b)) if latest => a > b,
            (Some(a), Some(b)) => a < b,
            (Some(_), None) => true,
            _ => false,
        };
        if better {
            best = i;
        }
    }
    best
}

/// Whether a phrase holds every word of a search text, read as search reads words
/// (folded; quotes, hyphens and punctuation are not words; Chinese, Japanese or Korean
/// characters anywhere in it).
///
/// ```
/// # use tifa_view::formulations::holds;
/// assert!(holds("a shared future for mankind", "\"For Mankind\""));
/// assert!(holds("win win cooperation", "win-win"));
/// assert!(!holds("a shared future for mankind", "humanity"));
/// ```
pub fn holds(phrase: &str, q: &str) -> bool {
    let words: Vec<&str> = phrase.split(' ').collect();
    tokens(q).iter().all(|t| {
        if t.cjk {
            phrase.contains(t.term.as_str())
        } else {
            words.contains(&t.term.as_str())
        }
    })
}

/// The formulations page of `state` (its page of [`rows`]); `None` until the bundle
/// has its discoveries.
pub fn list(bundle: &Bundle, state: &UrlState) -> Option<Formulations> {
    let (mut rows, years) = rows(bundle, state)?;
    let (p, clamped) = page(rows.len(), PAGE_SIZE, state.page.unwrap_or(1));
    Some(Formulations {
        total: rows.len(),
        listed: bundle.discoveries()?.formulations.len(),
        clamped,
        rows: rows.drain(p.range.clone()).collect(),
        page: p,
        years,
    })
}

/// Every row `state`'s list holds (all pages), in its order, and the years its
/// sparklines span; `None` until the bundle has its discoveries.
pub fn rows(bundle: &Bundle, state: &UrlState) -> Option<(Vec<Row>, Years)> {
    let corpus = &bundle.corpus;
    let found = &bundle.discoveries()?.formulations;
    let mut filters_only = state.clone();
    filters_only.q = None;
    let filter = Filter::new(corpus, &scope(corpus, &filters_only).0);
    let passes = |s: &Statement| filter.as_ref().is_none_or(|f| f.passes(s));
    let q = state.q.as_deref().unwrap_or("");
    let mut rows: Vec<(Row, u32)> = Vec::new();
    let mut dated = (u16::MAX, 0u16);
    // Distinct speakers, documents and years of each formulation, counted by stamping
    // each with the formulation's number (no set per formulation).
    let mut speaker_seen = vec![u32::MAX; corpus.speakers.len()];
    let mut document_seen = vec![u32::MAX; corpus.documents.len()];
    let mut year_seen = vec![u32::MAX; u16::MAX as usize + 1];
    for (k, f) in found.iter().enumerate() {
        let k = k as u32;
        if !holds(&f.phrase, q) {
            continue;
        }
        let list: Vec<u32> = f
            .statement_list()
            .into_iter()
            .filter(|&i| corpus.statements.get(i as usize).is_some_and(passes))
            .collect();
        if list.is_empty() {
            continue;
        }
        let (mut speakers, mut documents, mut years) = (0, 0, 0);
        let stamp = |seen: &mut [u32], at: usize, n: &mut usize| {
            if let Some(x) = seen.get_mut(at) {
                if *x != k {
                    *x = k;
                    *n += 1;
                }
            }
        };
        for &i in &list {
            let s = &corpus.statements[i as usize];
            stamp(&mut speaker_seen, s.speaker as usize, &mut speakers);
            stamp(&mut document_seen, s.document as usize, &mut documents);
            if let Some(d) = s.date.date {
                stamp(&mut year_seen, d.year as usize, &mut years);
                dated = (dated.0.min(d.year), dated.1.max(d.year));
            }
        }
        let row = Row {
            phrase: f.phrase.to_string(),
            statements: list.len(),
            speakers,
            documents,
            years,
            spread: spread(speakers, years, documents),
            first: earliest(corpus, &list, false),
            last: earliest(corpus, &list, true),
            per_year: list
                .iter()
                .filter_map(|&i| corpus.statements[i as usize].date.date)
                .map(|d| d.year as u32)
                .collect(),
            variants: Vec::new(),
        };
        rows.push((row, f.group));
    }
    // Per year, over one axis for every row; variants by group, most spread first.
    let years = (dated.0 <= dated.1).then_some(dated);
    for (row, _) in &mut rows {
        let mut counts = vec![0; years.map_or(0, |(a, b)| (b - a) as usize + 1)];
        if let Some((first, _)) = years {
            for &y in &row.per_year {
                counts[(y - first as u32) as usize] += 1;
            }
        }
        row.per_year = counts;
    }
    let by_spread = |a: &Row, b: &Row| {
        b.spread
            .total_cmp(&a.spread)
            .then(b.statements.cmp(&a.statements))
            .then(a.phrase.cmp(&b.phrase))
    };
    rows.sort_by(|a, b| by_spread(&a.0, &b.0));
    let variants: Vec<Vec<String>> = rows
        .iter()
        .map(|(row, group)| {
            rows.iter()
                .filter(|(other, g)| g == group && other.phrase != row.phrase)
                .map(|(other, _)| other.phrase.clone())
                .collect()
        })
        .collect();
    let mut rows: Vec<Row> = rows
        .into_iter()
        .zip(variants)
        .map(|((mut row, _), v)| {
            row.variants = v;
            row
        })
        .collect();
    let day = |i: u32, latest: bool| {
        corpus.statements[i as usize].date.date.map(|d| {
            if latest {
                d.last_day()
            } else {
                d.first_day()
            }
        })
    };
    match state.listing {
        Listing::Spread => {}
        Listing::Count => {
            rows.sort_by(|a, b| b.statements.cmp(&a.statements).then(by_spread(a, b)))
        }
        // Undated first uses go last either way.
        Listing::First => rows.sort_by(|a, b| match (day(a.first, false), day(b.first, false)) {
            (Some(x), Some(y)) => x.cmp(&y).then(by_spread(a, b)),
            (x, y) => y.is_some().cmp(&x.is_some()).then(by_spread(a, b)),
        }),
        Listing::Recent => rows.sort_by(|a, b| {
            day(b.last, true)
                .cmp(&day(a.last, true))
                .then(by_spread(a, b))
        }),
    }
    Some((rows, years))
}

/// The tracker following `phrase` (with `variants`, each a series, at most six in all),
/// under `state`'s filters.
///
/// ```
/// use tifa_core::url_state::{parse, to_query};
/// use tifa_view::formulations::tracking;
/// let here = parse("?view=formulations&speaker=a").state;
/// let to = tracking(&here, "for mankind", &["for humanity".to_string()]);
/// assert_eq!(to_query(&to), "?speaker=a&f=%22for+mankind%22&f=%22for+humanity%22");
/// ```
pub fn tracking(state: &UrlState, phrase: &str, variants: &[String]) -> UrlState {
    let mut next = state.search_in(ViewKind::Track);
    next.q = None;
    next.track.f = std::iter::once(phrase)
        .chain(variants.iter().map(String::as_str))
        .take(MAX_FORMULATIONS)
        .map(|p| format!("\"{p}\""))
        .collect();
    next.with_view(ViewKind::Track)
}
