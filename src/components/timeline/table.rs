//! The timeline as a table: lanes by periods, each count a link to its statements.

use super::super::{folded_table, AppLink};
use super::MONTHS;
use leptos::prelude::*;
use tifa_model::Corpus;
use tifa_view::timeline::labels::{lane_name, lane_search};
use tifa_view::timeline::plot::{Scale, Timeline};
use tifa_view::url_state::UrlState;

/// The counts of `t` over the statements `ids`.
pub(super) fn table(
    corpus: &'static Corpus<'static>,
    t: &Timeline,
    ids: &[u32],
    state: &UrlState,
) -> impl IntoView {
    let lanes = state.lanes;
    let rows = t.table(corpus, lanes, ids);
    let periods = t.scale.periods();
    let heads = periods
        .iter()
        .map(|&(a, b)| {
            let (from, _) = t.scale.range(a, b);
            let label = match t.scale {
                Scale::Years { .. } => from.year.to_string(),
                Scale::Days { .. } => MONTHS[from.month.unwrap_or(1) as usize - 1].to_string(),
            };
            view! { <th scope="col">{label}</th> }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .zip(&t.lanes)
        .map(|(row, lane)| {
            let name = lane_name(corpus, lanes, lane.key);
            let cells = row
                .into_iter()
                .zip(&periods)
                .map(|(n, &(a, b))| {
                    let cell = (n > 0).then(|| {
                        let to = lane_search(corpus, state, lanes, lane.key, t.scale.range(a, b));
                        view! { <AppLink to=to>{n.to_string()}</AppLink> }
                    });
                    view! { <td>{cell}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    let head = view! { <th scope="col">{lanes.kind().label()}</th>{heads} };
    folded_table(
        "The timeline as a table",
        "Statements per lane and period; each number opens them.".to_string(),
        head,
        body,
    )
}
