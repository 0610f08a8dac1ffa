//! The axis: year ticks (each label a link zooming into that year) or, zoomed, month
//! ticks; and one labelled line per lane.

use super::{Frame, AXIS_H, LANE_H, MONTHS, PAD};
use crate::hooks::use_url_state;
use leptos::prelude::*;
use tifa_model::Corpus;
use tifa_view::timeline::labels::{lane_name, zoomed};
use tifa_view::timeline::plot::{Scale, Timeline};
use tifa_view::url_state::{Lanes, UrlState};

/// Least pixels between two year labels.
const YEAR_LABEL_PX: i32 = 44;

/// The ticks of `scale`: years (labels link to a zoom, thinned to fit) or months.
pub(super) fn ticks(state: &UrlState, scale: Scale, frame: Frame) -> AnyView {
    let Frame { axis, height, .. } = frame;
    match scale {
        Scale::Years { first, last } => {
            let url = use_url_state();
            let years = (last - first + 1) as u32;
            let step = [1u32, 2, 5, 10, 20, 50]
                .into_iter()
                .find(|s| axis.width / years.div_ceil(*s) as i32 >= YEAR_LABEL_PX)
                .unwrap_or(100);
            (0..years)
                .map(|y| {
                    let x = axis.x(y * 12);
                    let year = first + y as u16;
                    let label = (y % step == 0).then(|| {
                        let to = url.href(&zoomed(state, Some(year)));
                        view! {
                            <g>
                                <a href=to class="tick-link" aria-label=format!("{year} by days")>
                                    <text x=x + 3 y=16>{year.to_string()}</text>
                                </a>
                            </g>
                        }
                    });
                    view! {
                        <line class="tick" x1=x x2=x y1=4 y2=height - 4/>
                        {label}
                    }
                })
                .collect_view()
                .into_any()
        }
        Scale::Days { .. } => scale
            .periods()
            .into_iter()
            .enumerate()
            .map(|(m, (start, _))| {
                let x = axis.x(start);
                let show = axis.width >= 480 || m % 3 == 0;
                view! {
                    <line class="tick" x1=x x2=x y1=4 y2=height - 4/>
                    {show.then(|| view! { <text x=x + 3 y=16>{MONTHS[m]}</text> })}
                }
            })
            .collect_view()
            .into_any(),
    }
}

/// A line and a name (with its count) per lane.
pub(super) fn lane_labels(
    corpus: &'static Corpus<'static>,
    t: &Timeline,
    lanes: Lanes,
    frame: Frame,
) -> impl IntoView {
    t.lanes
        .iter()
        .enumerate()
        .map(|(k, lane)| {
            let y = AXIS_H + LANE_H * k as i32;
            let name = format!("{} ({})", lane_name(corpus, lanes, lane.key), lane.count);
            view! {
                <line class="lane-line" x1=PAD x2=frame.width - PAD y1=y y2=y/>
                <text class="lane-label" x=PAD + 9 y=y + 13>{name}</text>
            }
        })
        .collect_view()
}
