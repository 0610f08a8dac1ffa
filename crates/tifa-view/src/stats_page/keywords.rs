//! The keywords view (`?view=keywords`): the target is the view's own search and
//! filters, the reference `ref` (the rest of the corpus by default).

use super::{
    abbr, choice, col, data, describe, fixed, p_value, paged, thousands, Cell, Choice, Control,
    Row, StatsPage, Table,
};
use crate::keywords::{keywords, Keyword, Keywords, Settings, Terms};
use crate::url_state::statistics::{By, Part, Reference, Significance, Within};
use crate::url_state::{UrlState, ViewKind};
use tifa_core::blob::Bundle;

/// The minimum frequency when the link gives none.
pub const DEFAULT_MIN: u32 = 5;

/// The settings a state asks for.
pub fn settings(state: &UrlState) -> Settings {
    let s = &state.stats;
    Settings {
        stems: s.stems,
        min_frequency: s.min.unwrap_or(DEFAULT_MIN) as u64,
        alpha: s.sig.alpha(),
        bonferroni: !s.uncorrected && s.sig != Significance::All,
        by_log_ratio: s.order(ViewKind::Keywords) == By::LogRatio,
        negative: s.negative,
    }
}

/// The keyword list of a state: its target against its reference.
pub fn list(bundle: &Bundle, state: &UrlState) -> Keywords {
    let reference = match &state.stats.reference {
        Some(Reference::Part(p)) => Some(p.in_view(state)),
        _ => None,
    };
    keywords(bundle, state, reference.as_ref(), &settings(state))
}

/// The target and the reference, in words.
pub fn parts(bundle: &Bundle, state: &UrlState) -> (String, String) {
    (
        describe(&bundle.corpus, &Part::of(state)),
        reference_words(bundle, state),
    )
}

/// Each row's concordance links: in the target, and in the reference.
pub fn links(bundle: &Bundle, state: &UrlState, rows: &[Keyword]) -> Vec<[UrlState; 2]> {
    let terms = Terms::new(bundle, state.stats.stems);
    let forms = terms.first_forms();
    rows.iter()
        .map(|r| lines(state, &terms.query(&r.term, &forms)))
        .collect()
}

/// What the reference is, in words.
fn reference_words(bundle: &Bundle, state: &UrlState) -> String {
    match &state.stats.reference {
        Some(Reference::Part(p)) if p.is_all() => "the whole corpus".to_owned(),
        Some(Reference::Part(p)) => describe(&bundle.corpus, p),
        _ => "the rest of the corpus".to_owned(),
    }
}

/// The concordance of `q` (a term's query: `Terms::query`) in the target, and in the
/// reference.
pub fn lines(state: &UrlState, q: &str) -> [UrlState; 2] {
    let target = Part::of(state);
    let kwic = |filters: &crate::url_state::Filters, within: Option<Within>| {
        let mut s = UrlState {
            q: Some(q.to_owned()),
            filters: filters.clone(),
            ..UrlState::default()
        };
        s.filters.kinds = state.filters.kinds.clone();
        s.stats.within = within;
        s.with_view(ViewKind::Kwic)
    };
    let only = |p: &Part| {
        p.q.is_some().then(|| Within {
            part: p.clone(),
            outside: false,
        })
    };
    let in_target = kwic(&target.filters, only(&target));
    let in_reference = match &state.stats.reference {
        Some(Reference::Part(p)) => kwic(&p.filters, only(p)),
        _ => kwic(
            &Default::default(),
            (!target.is_all()).then(|| Within {
                part: target.clone(),
                outside: true,
            }),
        ),
    };
    [in_target, in_reference]
}

pub(super) fn page(bundle: &Bundle, state: &UrlState) -> StatsPage {
    let k = list(bundle, state);
    let s = settings(state);
    let mut notes = k.notes.clone();
    let (target_words, reference_words) = parts(bundle, state);
    let direction = if s.negative { "less" } else { "more" };
    let test = if state.stats.sig == Significance::All {
        "every word, significant or not".to_owned()
    } else if s.bonferroni {
        format!(
            "log-likelihood G², p < {} ÷ {}: Bonferroni",
            state.stats.sig.as_str(),
            k.compared
        )
    } else {
        format!("log-likelihood G², p < {}", state.stats.sig.as_str())
    };
    let status = format!(
        "Target: {target_words} ({}, {}). Reference: {reference_words} ({}, {}). {} the target uses {direction} than the reference, of {} seen at least {} times in both together ({test}); ordered by {}.",
        super::count(k.target.statements, "statement", "statements"),
        super::count(k.target.words as usize, "word", "words"),
        super::count(k.reference.statements, "statement", "statements"),
        super::count(k.reference.words as usize, "word", "words"),
        super::count(k.rows.len(), if s.stems { "stem" } else { "word" }, if s.stems { "stems" } else { "words" }),
        k.compared,
        s.min_frequency,
        if s.by_log_ratio { "Log Ratio" } else { "G²" },
    );
    let (p, range) = paged(&k.rows, state, &mut notes);
    let shown = &k.rows[range];
    let rows = shown
        .iter()
        .zip(links(bundle, state, shown))
        .map(|(r, l)| row(r, l))
        .collect();
    let table = Table {
        caption: format!(
            "{} the target uses {direction}. Each opens its lines in the target and in the reference (the concordance).",
            if s.stems { "Stems" } else { "Words" }
        ),
        columns: vec![
            col(if s.stems { "Stem" } else { "Word" }),
            col("Target"),
            abbr("per M", "per million words of the target"),
            col("Reference"),
            abbr("per M", "per million words of the reference"),
            abbr("G²", "log-likelihood"),
            col("Log Ratio"),
            abbr("p", "probability of a G² this large by chance"),
            col("Lines"),
        ],
        rows,
        total: k.rows.len(),
        page: p,
        what: "Keywords",
    };
    StatsPage {
        status,
        notes,
        controls: controls(bundle, state),
        tables: vec![table],
        strip: None,
    }
}

fn row(r: &Keyword, [in_target, in_reference]: [UrlState; 2]) -> Row {
    Row {
        data: vec![
            ("word", r.term.clone()),
            ("g2", data(r.g2)),
            ("log-ratio", data(r.log_ratio)),
        ],
        head: Cell::Text(r.term.clone()),
        cells: vec![
            Cell::Number(thousands(r.target)),
            Cell::Number(fixed(r.target_per_million, 10)),
            Cell::Number(thousands(r.reference)),
            Cell::Number(fixed(r.reference_per_million, 10)),
            Cell::Number(fixed(r.g2, 100)),
            Cell::Number(fixed(r.log_ratio, 100)),
            Cell::Number(p_value(r.p)),
            Cell::Links(vec![
                ("in the target".to_owned(), in_target),
                ("in the reference".to_owned(), in_reference),
            ]),
        ],
    }
}

fn controls(bundle: &Bundle, state: &UrlState) -> Vec<Control> {
    let st = &state.stats;
    let order = st.order(ViewKind::Keywords);
    let mut reference = vec![
        choice(
            state,
            "the rest of the corpus",
            st.reference.is_none(),
            |s| s.stats.reference = None,
        ),
        choice(
            state,
            "the whole corpus",
            matches!(&st.reference, Some(Reference::Part(p)) if p.is_all()),
            |s| s.stats.reference = Some(Reference::Part(Part::default())),
        ),
    ];
    if let Some(Reference::Part(p)) = &st.reference {
        if !p.is_all() {
            reference.push(Choice {
                label: describe(&bundle.corpus, p),
                to: state.clone(),
                current: true,
            });
            // The reference becomes the target, the target the reference.
            reference.push(choice(state, "swap target and reference", false, |s| {
                let target = Part::of(s);
                s.q = p.q.clone();
                let kinds = std::mem::take(&mut s.filters.kinds);
                s.filters = p.filters.clone();
                s.filters.kinds = kinds;
                s.stats.reference = Some(Reference::Part(target));
            }));
        }
    }
    vec![
        Control {
            label: "Reference",
            choices: reference,
        },
        Control {
            label: "Keywords",
            choices: vec![
                choice(state, "used more", !st.negative, |s| {
                    s.stats.negative = false
                }),
                choice(state, "used less", st.negative, |s| s.stats.negative = true),
            ],
        },
        Control {
            label: "Order by",
            choices: vec![
                choice(state, "G²", order == By::G2, |s| s.stats.by = None),
                choice(state, "Log Ratio", order == By::LogRatio, |s| {
                    s.stats.by = Some(By::LogRatio)
                }),
            ],
        },
        Control {
            label: "Significance",
            choices: [
                Significance::P05,
                Significance::P01,
                Significance::P001,
                Significance::P0001,
                Significance::All,
            ]
            .into_iter()
            .map(|sig| {
                let label = match sig {
                    Significance::All => "every word".to_owned(),
                    s => format!("p < {}", s.as_str()),
                };
                choice(state, label, st.sig == sig, |s| s.stats.sig = sig)
            })
            .collect(),
        },
        Control {
            label: "Bonferroni correction",
            choices: vec![
                choice(state, "on", !st.uncorrected, |s| {
                    s.stats.uncorrected = false
                }),
                choice(state, "off", st.uncorrected, |s| s.stats.uncorrected = true),
            ],
        },
        min_control(state, DEFAULT_MIN, &[1, 2, 5, 10, 20, 50]),
        Control {
            label: "Count",
            choices: vec![
                choice(state, "word forms", !st.stems, |s| s.stats.stems = false),
                choice(state, "stems", st.stems, |s| s.stats.stems = true),
            ],
        },
    ]
}

/// The minimum frequency's choices (the default written as none).
pub(super) fn min_control(state: &UrlState, default: u32, values: &[u32]) -> Control {
    let now = state.stats.min.unwrap_or(default);
    Control {
        label: "At least",
        choices: values
            .iter()
            .map(|&m| {
                choice(state, format!("{m}×"), now == m, |s| {
                    s.stats.min = (m != default).then_some(m)
                })
            })
            .collect(),
    }
}
