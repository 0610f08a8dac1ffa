//! The dispersion view (`?view=dispersion&q=…`): a strip on the date axis with each
//! statement's occurrences at its date, and a row per statement with its occurrences
//! along it (a barcode).

use super::{abbr, col, describe, fixed, paged, thousands, Cell, Row, StatsPage, Table};
use crate::dispersion::{dispersion, Dispersion, Hits};
use crate::url_state::statistics::Part;
use crate::url_state::UrlState;
use tifa_core::blob::Bundle;
use tifa_model::Corpus;

/// The strip's width in its own units (marks are placed from 0 to this).
pub const STRIP_WIDTH: u16 = 1000;

/// Occurrences on the date axis: the years it spans, and marks (place, occurrences
/// there), in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Strip {
    pub first_year: u16,
    pub last_year: u16,
    pub marks: Vec<(u16, u32)>,
    /// Occurrences in undated statements (not on the axis).
    pub undated: u32,
    /// The years to label, with their places.
    pub ticks: Vec<(u16, u16)>,
}

/// The corpus's first and last dated years.
fn span(corpus: &Corpus) -> Option<(u16, u16)> {
    let years = corpus
        .statements
        .iter()
        .filter_map(|s| s.date.date.map(|d| d.year));
    let (mut lo, mut hi) = (u16::MAX, 0);
    for y in years {
        lo = lo.min(y);
        hi = hi.max(y);
    }
    (hi >= lo).then_some((lo, hi))
}

/// The strip of `d`'s statements on the corpus's date axis (each at the first day its
/// date can mean).
pub fn strip(corpus: &Corpus, d: &Dispersion) -> Option<Strip> {
    let (first, last) = span(corpus)?;
    let slots = (last - first + 1) as u64 * 372;
    let mut marks: Vec<(u16, u32)> = Vec::new();
    let mut undated = 0;
    for h in &d.statements {
        let n = h.places.len() as u32;
        let Some(date) = corpus.statements[h.statement as usize].date.date else {
            undated += n;
            continue;
        };
        let (y, m, day) = date.first_day();
        let at = (y.saturating_sub(first) as u64 * 372
            + (m.max(1) - 1) as u64 * 31
            + (day.max(1) - 1) as u64)
            * STRIP_WIDTH as u64
            / slots;
        marks.push((at.min(STRIP_WIDTH as u64 - 1) as u16, n));
    }
    marks.sort_unstable();
    marks.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1 += b.1;
        }
        same
    });
    let step = ((last - first) / 8).max(1);
    let ticks = (first..=last)
        .step_by(step as usize)
        .map(|y| {
            let x = (y - first) as u64 * 372 * STRIP_WIDTH as u64 / slots;
            (y, x as u16)
        })
        .collect();
    Some(Strip {
        first_year: first,
        last_year: last,
        marks,
        undated,
        ticks,
    })
}

pub(super) fn page(bundle: &Bundle, state: &UrlState) -> StatsPage {
    let corpus = &bundle.corpus;
    let d = dispersion(bundle, state);
    let mut notes = d.notes.clone();
    let q = state.q.clone().unwrap_or_default();
    let part = describe(
        corpus,
        &Part::of(&UrlState {
            q: None,
            ..state.clone()
        }),
    );
    let status = if q.is_empty() {
        String::new()
    } else {
        format!(
            "“{q}”: {} in {} of {} ({part}; {} counted), by {}, in {} of {}; DP over years {}.",
            super::count(d.total, "time", "times"),
            d.statements.len(),
            super::count(d.part_statements, "statement", "statements"),
            super::count(d.words as usize, "word", "words"),
            super::count(d.speakers, "speaker", "speakers"),
            d.years_with,
            super::count(d.years, "year", "years"),
            d.dp.map_or_else(
                || "not given (one year only)".to_owned(),
                |x| format!(
                    "{} (0: spread as the words are; 1: all in one year)",
                    fixed(x, 1000)
                )
            ),
        )
    };
    let (p, range) = paged(&d.statements, state, &mut notes);
    let rows = d.statements[range]
        .iter()
        .map(|h| row(bundle, state, h))
        .collect();
    let table = Table {
        caption: format!(
            "Where “{q}” occurs along each statement (its counted words, start to end)."
        ),
        columns: vec![
            col("Statement"),
            col("Times"),
            col("Words"),
            abbr("per 1k", "per thousand words"),
            col("Where in the statement"),
        ],
        rows,
        total: d.statements.len(),
        page: p,
        what: "Statements",
    };
    StatsPage {
        status,
        notes,
        controls: Vec::new(),
        tables: if d.statements.is_empty() {
            Vec::new()
        } else {
            vec![table]
        },
        strip: (d.total > 0).then(|| strip(corpus, &d)).flatten(),
    }
}

fn row(bundle: &Bundle, state: &UrlState, h: &Hits) -> Row {
    let corpus = &bundle.corpus;
    let s = &corpus.statements[h.statement as usize];
    let date = s
        .date
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    let label = format!("{date} · {}", corpus.speaker_of(s).name);
    let n = h.places.len() as u64;
    Row {
        data: vec![("statement", s.id.to_string()), ("hits", n.to_string())],
        head: Cell::Link(label, Box::new(state.reading(&s.id))),
        cells: vec![
            Cell::Number(thousands(n)),
            Cell::Number(thousands(h.words)),
            Cell::Number(fixed(n as f64 * 1000.0 / h.words.max(1) as f64, 10)),
            Cell::Marks(h.places.clone()),
        ],
    }
}
