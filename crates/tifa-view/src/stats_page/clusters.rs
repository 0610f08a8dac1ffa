//! The clusters view (`?view=clusters&n=3`): recurring runs of words in the view's
//! statements, or with a query the runs holding it.

use super::keywords::min_control;
use super::{abbr, choice, col, data, describe, fixed, paged, thousands, Cell, Control, Row};
use super::{StatsPage, Table};
use crate::clusters::{clusters, Cluster, Clusters, Settings};
use crate::url_state::statistics::{By, Part, MAX_N, MIN_N};
use crate::url_state::{UrlState, ViewKind};
use tifa_core::blob::Bundle;

/// The minimum frequency when the link gives none.
pub const DEFAULT_MIN: u32 = 2;

/// The settings a state asks for.
pub fn settings(state: &UrlState) -> Settings {
    let s = &state.stats;
    Settings {
        n: s.n as usize,
        min_frequency: s.min.unwrap_or(DEFAULT_MIN),
        order: s.order(ViewKind::Clusters),
        concentrated: s.negative,
    }
}

/// The cluster list of a state.
pub fn list(bundle: &Bundle, state: &UrlState) -> Clusters {
    clusters(bundle, state, &settings(state))
}

/// The concordance of a cluster: its words as an exact phrase, the same filters.
pub fn lines(state: &UrlState, ngram: &str) -> UrlState {
    state.changed_in(ViewKind::Kwic, |s| {
        s.q = Some(format!("\"{ngram}\""));
        s.page = None;
        s.stats = Default::default();
    })
}

pub(super) fn page(bundle: &Bundle, state: &UrlState) -> StatsPage {
    let s = settings(state);
    let c = list(bundle, state);
    let mut notes = c.notes.clone();
    let part = describe(
        &bundle.corpus,
        &Part::of(&UrlState {
            q: None,
            ..state.clone()
        }),
    );
    let holding = state
        .q
        .as_deref()
        .map_or_else(String::new, |q| format!(" holding “{q}”"));
    let order = match s.order {
        By::Range => "statements",
        By::Dp if s.concentrated => "DP, most concentrated first",
        By::Dp => "DP, most evenly spread first",
        _ => "frequency",
    };
    let status = format!(
        "{} of {} words{holding} seen at least {} times in {part} ({}, {}, {}); ordered by {order}.",
        super::count(c.rows.len(), "cluster", "clusters"),
        s.n,
        s.min_frequency,
        super::count(c.statements, "statement", "statements"),
        super::count(c.words as usize, "word", "words"),
        super::count(c.years, "year", "years"),
    );
    let (p, range) = paged(&c.rows, state, &mut notes);
    let rows = c.rows[range].iter().map(|r| row(state, r)).collect();
    let table = Table {
        caption: format!(
            "Clusters of {} words{holding}. Each opens its lines (the concordance).",
            s.n
        ),
        columns: vec![
            col("Cluster"),
            abbr("Freq.", "frequency"),
            col("Statements"),
            col("Speakers"),
            col("Years"),
            abbr("DP", "Gries' deviation of proportions over years, normalised: 0 spread as the words are, 1 all in one year"),
            col("Lines"),
        ],
        rows,
        total: c.rows.len(),
        page: p,
        what: "Clusters",
    };
    StatsPage {
        status,
        notes,
        controls: controls(state),
        tables: vec![table],
        strip: None,
    }
}

fn row(state: &UrlState, r: &Cluster) -> Row {
    Row {
        data: vec![
            ("ngram", r.ngram.clone()),
            ("freq", r.frequency.to_string()),
            ("dp", r.dp.map_or_else(String::new, data)),
        ],
        head: Cell::Text(r.ngram.clone()),
        cells: vec![
            Cell::Number(thousands(r.frequency as u64)),
            Cell::Number(thousands(r.statements as u64)),
            Cell::Number(thousands(r.speakers as u64)),
            Cell::Number(thousands(r.years as u64)),
            Cell::Number(r.dp.map_or_else(|| "—".to_owned(), |d| fixed(d, 1000))),
            Cell::Link(
                format!("lines of “{}”", r.ngram),
                Box::new(lines(state, &r.ngram)),
            ),
        ],
    }
}

fn controls(state: &UrlState) -> Vec<Control> {
    let st = &state.stats;
    let order = st.order(ViewKind::Clusters);
    vec![
        Control {
            label: "Words",
            choices: (MIN_N..=MAX_N)
                .map(|n| choice(state, n.to_string(), st.n == n, |s| s.stats.n = n))
                .collect(),
        },
        Control {
            label: "Order by",
            choices: [
                (By::Frequency, false, "frequency"),
                (By::Range, false, "statements"),
                (By::Dp, false, "DP, evenly spread first"),
                (By::Dp, true, "DP, concentrated first"),
            ]
            .into_iter()
            .map(|(b, reverse, label)| {
                let on = order == b && (b != By::Dp || st.negative == reverse);
                choice(state, label, on, |s| {
                    s.stats.by = (b != By::Frequency).then_some(b);
                    s.stats.negative = reverse;
                })
            })
            .collect(),
        },
        min_control(state, DEFAULT_MIN, &[1, 2, 3, 5, 10, 20]),
    ]
}
