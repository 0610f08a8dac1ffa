//! The collocates view (`?view=collocates&q=…&win=5,5`): the words near the query in
//! the view's statements; with `ref`, the same beside it in another part.

use super::keywords::min_control;
use super::{abbr, choice, col, data, describe, fixed, paged, thousands, Cell, Control, Row};
use super::{StatsPage, Table};
use crate::collocates::{collocates_in, Collocate, Collocates, Measure, Settings};
use crate::url_state::statistics::{By, Part, Reference, Within};
use crate::url_state::{UrlState, ViewKind};
use tifa_core::blob::Bundle;

/// The minimum co-occurrences, and the collocate's frequency, when the link gives none.
pub const DEFAULT_MIN: u32 = 3;

/// The settings a state asks for.
pub fn settings(state: &UrlState) -> Settings {
    let s = &state.stats;
    Settings {
        left: s.window.0 as usize,
        right: s.window.1 as usize,
        min_together: s.min.unwrap_or(DEFAULT_MIN) as u64,
        min_frequency: s.fmin.unwrap_or(DEFAULT_MIN) as u64,
        stems: s.stems,
        order: match s.order(ViewKind::Collocates) {
            By::Mi => Measure::Mi,
            By::Mi3 => Measure::Mi3,
            By::TScore => Measure::TScore,
            By::LogLikelihood => Measure::LogLikelihood,
            By::Frequency => Measure::Together,
            _ => Measure::LogDice,
        },
    }
}

/// A part the lists are made in: the view's own, or its reference beside it.
struct Side {
    /// The state the list is computed for (node and filters), and the statements it
    /// leaves out when it is "the rest".
    state: UrlState,
    outside: Option<UrlState>,
    words: String,
}

fn sides(bundle: &Bundle, state: &UrlState) -> Vec<Side> {
    let target = Part::of(&UrlState {
        q: None,
        ..state.clone()
    });
    let mut out = vec![Side {
        state: state.clone(),
        outside: None,
        words: describe(&bundle.corpus, &target),
    }];
    match &state.stats.reference {
        Some(Reference::Rest) => out.push(Side {
            state: UrlState {
                q: state.q.clone(),
                filters: crate::url_state::Filters {
                    kinds: state.filters.kinds.clone(),
                    ..Default::default()
                },
                ..UrlState::default()
            },
            outside: Some(state.clone()),
            words: "the rest of the corpus".to_owned(),
        }),
        Some(Reference::Part(p)) => {
            let mut s = p.in_view(state);
            s.q = state.q.clone();
            out.push(Side {
                state: s,
                outside: None,
                words: if p.is_all() {
                    "the whole corpus".to_owned()
                } else {
                    describe(
                        &bundle.corpus,
                        &Part {
                            q: None,
                            ..p.clone()
                        },
                    )
                },
            });
        }
        None => {}
    }
    out
}

/// The lists of a state: its own, and its reference's when it has one.
pub fn lists(bundle: &Bundle, state: &UrlState) -> Vec<(String, Collocates)> {
    let s = settings(state);
    sides(bundle, state)
        .into_iter()
        .map(|side| {
            let c = collocates_in(bundle, &side.state, side.outside.as_ref(), &s);
            (side.words, c)
        })
        .collect()
}

/// Every row of each list, with the link to its lines: (the part in words, its list,
/// its rows).
#[allow(clippy::type_complexity)]
pub fn rows(
    bundle: &Bundle,
    state: &UrlState,
) -> Vec<(String, Collocates, Vec<(Collocate, UrlState)>)> {
    sides(bundle, state)
        .into_iter()
        .zip(lists(bundle, state))
        .map(|(side, (words, c))| {
            let rows = c
                .rows
                .iter()
                .map(|r| (r.clone(), lines(state, &side, r)))
                .collect();
            (words, c, rows)
        })
        .collect()
}

pub(super) fn page(bundle: &Bundle, state: &UrlState) -> StatsPage {
    let s = settings(state);
    let q = state.q.clone().unwrap_or_default();
    let mut notes = Vec::new();
    if matches!(&state.stats.reference, Some(Reference::Part(p)) if p.q.is_some()) {
        notes.push(format!(
            "The reference's search words are not used: both sides look for “{q}”."
        ));
    }
    let mut tables = Vec::new();
    let mut status = Vec::new();
    for (side, (words, c)) in sides(bundle, state).into_iter().zip(lists(bundle, state)) {
        for n in &c.notes {
            if !notes.contains(n) {
                notes.push(n.clone());
            }
        }
        if c.node_frequency == 0 {
            status.push(format!(
                "In {words}: “{q}” is not found ({}).",
                super::count(c.statements, "statement", "statements")
            ));
            continue;
        }
        status.push(format!(
            "In {words}: “{q}” {} in {} ({} counted); {} within {} left and {} right, seen at least {} times with it and {} in all.",
            super::count(c.node_frequency as usize, "time", "times"),
            super::count(c.statements, "statement", "statements"),
            super::count(c.words as usize, "word", "words"),
            super::count(c.rows.len(), "collocate", "collocates"),
            c.left,
            c.right,
            s.min_together,
            s.min_frequency,
        ));
        let (p, range) = paged(&c.rows, state, &mut notes);
        let rows = c.rows[range].iter().map(|r| row(state, &side, r)).collect();
        tables.push(Table {
            caption: format!("Collocates of “{q}” in {words}. Each opens the lines where the two occur together."),
            columns: vec![
                col(if s.stems { "Stem" } else { "Word" }),
                abbr("Together", "co-occurrences in the window"),
                abbr("L", "to the left"),
                abbr("R", "to the right"),
                abbr("Freq.", "frequency in these statements"),
                abbr("Exp.", "co-occurrences expected by chance"),
                abbr("MI", "mutual information"),
                abbr("MI3", "cubed mutual information"),
                abbr("T", "T-score"),
                abbr("LL", "log-likelihood"),
                col("logDice"),
                col("Lines"),
            ],
            rows,
            total: c.rows.len(),
            page: p,
            what: "Collocates",
        });
    }
    let order = match s.order {
        Measure::Together => "co-occurrences",
        Measure::Mi => "MI",
        Measure::Mi3 => "MI3",
        Measure::TScore => "T-score",
        Measure::LogLikelihood => "log-likelihood",
        Measure::LogDice => "logDice",
    };
    let status = if q.is_empty() {
        String::new()
    } else {
        format!("{} Ordered by {order}.", status.join(" "))
    };
    StatsPage {
        status,
        notes,
        controls: controls(bundle, state),
        tables,
        strip: None,
    }
}

/// The lines where the node and `r` occur together, in `side`'s statements.
fn lines(state: &UrlState, side: &Side, r: &Collocate) -> UrlState {
    let mut lines = side.state.clone();
    lines.page = None;
    lines.stats = Default::default();
    lines.stats.near = Some(r.term.clone());
    lines.stats.window = state.stats.window;
    lines.stats.stems = state.stats.stems;
    if let Some(out) = &side.outside {
        lines.stats.within = Some(Within {
            part: Part::of(&UrlState {
                q: None,
                ..out.clone()
            }),
            outside: true,
        });
    }
    lines.with_view(ViewKind::Kwic)
}

fn row(state: &UrlState, side: &Side, r: &Collocate) -> Row {
    let m = &r.measures;
    let lines = lines(state, side, r);
    Row {
        data: vec![
            ("word", r.term.clone()),
            ("freq", r.together.to_string()),
            ("mi", data(m.mi)),
            ("logdice", data(m.log_dice)),
        ],
        head: Cell::Text(r.term.clone()),
        cells: vec![
            Cell::Number(thousands(r.together)),
            Cell::Number(thousands(r.left)),
            Cell::Number(thousands(r.right)),
            Cell::Number(thousands(r.frequency)),
            Cell::Number(fixed(m.expected, 100)),
            Cell::Number(fixed(m.mi, 100)),
            Cell::Number(fixed(m.mi3, 100)),
            Cell::Number(fixed(m.t_score, 100)),
            Cell::Number(fixed(m.log_likelihood, 100)),
            Cell::Number(fixed(m.log_dice, 100)),
            Cell::Link(format!("lines with “{}”", r.term), Box::new(lines)),
        ],
    }
}

fn controls(bundle: &Bundle, state: &UrlState) -> Vec<Control> {
    let st = &state.stats;
    // A pasted part, when it is the one beside: a choice of its own, chosen.
    let pasted = match &st.reference {
        Some(Reference::Part(p)) if !p.is_all() => Some(super::Choice {
            label: describe(
                &bundle.corpus,
                &Part {
                    q: None,
                    ..p.clone()
                },
            ),
            to: state.clone(),
            current: true,
        }),
        _ => None,
    };
    let order = st.order(ViewKind::Collocates);
    let by = [
        (By::LogDice, "logDice"),
        (By::Mi, "MI"),
        (By::Mi3, "MI3"),
        (By::TScore, "T-score"),
        (By::LogLikelihood, "log-likelihood"),
        (By::Frequency, "co-occurrences"),
    ];
    let windows: [(u8, u8); 6] = [(1, 1), (3, 3), (5, 5), (10, 10), (5, 0), (0, 5)];
    vec![
        Control {
            label: "Beside it",
            choices: vec![
                choice(state, "nothing", st.reference.is_none(), |s| {
                    s.stats.reference = None
                }),
                choice(
                    state,
                    "the rest of the corpus",
                    st.reference == Some(Reference::Rest),
                    |s| s.stats.reference = Some(Reference::Rest),
                ),
                choice(
                    state,
                    "the whole corpus",
                    matches!(&st.reference, Some(Reference::Part(p)) if p.is_all()),
                    |s| s.stats.reference = Some(Reference::Part(Part::default())),
                ),
            ]
            .into_iter()
            .chain(pasted)
            .collect(),
        },
        Control {
            label: "Window",
            choices: windows
                .into_iter()
                .map(|(l, r)| {
                    choice(
                        state,
                        format!("{l} left, {r} right"),
                        st.window == (l, r),
                        |s| s.stats.window = (l, r),
                    )
                })
                .collect(),
        },
        Control {
            label: "Order by",
            choices: by
                .into_iter()
                .map(|(b, label)| {
                    choice(state, label, order == b, |s| {
                        s.stats.by = (b != By::LogDice).then_some(b)
                    })
                })
                .collect(),
        },
        min_control(state, DEFAULT_MIN, &[1, 2, 3, 5, 10]),
        Control {
            label: "Count",
            choices: vec![
                choice(state, "word forms", !st.stems, |s| s.stats.stems = false),
                choice(state, "stems", st.stems, |s| s.stats.stems = true),
            ],
        },
    ]
}
