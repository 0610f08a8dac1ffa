//! The marks: one per statement (a dot, or a span for a date less precise than a slot)
//! or per cluster (numbered). Each is a link: a statement opens in the reader, a
//! cluster opens its statements as results (`tifa_view::timeline::labels::mark_label`).
//! Marks carry no listeners: the plot shows the headline of the mark under the pointer
//! or with focus (its `aria-label`) through delegated listeners (see `brush.rs`).

use super::{Frame, AXIS_H, LANE_H};
use crate::hooks::use_url_state;
use leptos::prelude::*;
use tifa_model::Corpus;
use tifa_view::timeline::labels::mark_label;
use tifa_view::timeline::plot::{Mark, Timeline};
use tifa_view::url_state::UrlState;

/// Every mark of `t`; those outside `range` (when a range is chosen) are dimmed.
pub(super) fn marks(
    corpus: &'static Corpus<'static>,
    t: &Timeline,
    state: &UrlState,
    frame: Frame,
    range: Option<(u32, u32)>,
) -> impl IntoView {
    let url = use_url_state();
    let axis = frame.axis;
    let in_range = |m: &Mark| range.is_none_or(|(a, b)| m.start < b && m.end > a);
    t.marks
        .iter()
        .map(|m| {
            let cy = AXIS_H + LANE_H * m.lane as i32 + 30;
            let (x0, x1) = (axis.x(m.start), axis.x(m.end));
            let (label, to) = mark_label(corpus, t, state, m);
            let href = url.href(&to);
            let id = (m.count == 1).then(|| corpus.statements[m.first as usize].id.to_string());
            let class = format!(
                "mark{}{}{}",
                if m.count > 1 { " cluster" } else { "" },
                if m.imprecise { " imprecise" } else { "" },
                if in_range(m) { "" } else { " out" }
            );
            let shape = if m.imprecise {
                let w = (x1 - x0 - 2).max(4);
                view! {
                    <rect x=x0 + 1 y=cy + 6 width=w height=7 rx=3/>
                    {(m.count > 1).then(|| view! { <text class="count" x=x0 + 4 y=cy + 4>{m.count.to_string()}</text> })}
                }
                .into_any()
            } else {
                // Area grows with the count, slowly: 5 px alone, 14 px at most.
                let r = if m.count == 1 {
                    5
                } else {
                    (6 + 2 * m.count.ilog2() as i32).min(14)
                };
                let cx = (x0 + x1) / 2;
                view! {
                    <circle cx=cx cy=cy - 4 r=r/>
                    {(m.count > 1).then(|| view! { <text class="count" x=cx y=cy text-anchor="middle">{m.count.to_string()}</text> })}
                }
                .into_any()
            };
            // Inside a <g>, the view macro makes an SVG <a>, not an HTML one.
            view! {
                <g>
                    <a href=href class=class aria-label=label data-statement-id=id data-count=m.count>
                        {shape}
                    </a>
                </g>
            }
        })
        .collect_view()
}
