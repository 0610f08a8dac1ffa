//! Above the plot: the choice of lanes, the zoom (every year, or one year with its
//! neighbours), and the chosen dates in words with the way to clear them.

use super::super::AppLink;
use leptos::prelude::*;
use tifa_view::search_page::range_label;
use tifa_view::timeline::labels::{all_dates, with_lanes, zoomed};
use tifa_view::url_state::{Lanes, UrlState};

/// The controls for `state`, on an axis of the years `first..=last`.
pub(super) fn controls(state: &UrlState, (first, last): (u16, u16)) -> impl IntoView {
    let lanes_link = |l: Lanes, text: &'static str| {
        let current = (state.lanes == l).then_some("true");
        view! { <li aria-current=current><AppLink to=with_lanes(state, l)>{text}</AppLink></li> }
    };
    let zoom_nav = match state.zoom {
        None => view! {
            <p class="zoom-hint">"Every year, by months. Choose a year on the axis to see it by days."</p>
        }
        .into_any(),
        Some(year) => {
            let prev = (year > first).then(|| {
                view! { <li><AppLink to=zoomed(state, Some(year - 1))>{format!("‹ {}", year - 1)}</AppLink></li> }
            });
            let next = (year < last).then(|| {
                view! { <li><AppLink to=zoomed(state, Some(year + 1))>{format!("{} ›", year + 1)}</AppLink></li> }
            });
            view! {
                <nav aria-label="Zoom">
                    <ul class="zoom-nav">
                        <li><AppLink to=zoomed(state, None)>"All years"</AppLink></li>
                        {prev}
                        {next}
                    </ul>
                </nav>
            }
            .into_any()
        }
    };
    let f = &state.filters;
    let has_range = f.from.is_some() || f.to.is_some();
    let range_text = has_range.then(|| format!("Chosen dates: {}. ", range_label(f.from, f.to)));
    let clear_dates =
        has_range.then(|| view! { <AppLink to=all_dates(state)>"All dates"</AppLink> });
    view! {
        <div class="timeline-controls">
            <nav aria-label="Lanes">
                <span>"Lanes: "</span>
                <ul class="lanes-nav">
                    {lanes_link(Lanes::Speaker, "speakers")}
                    {lanes_link(Lanes::Venue, "occasions")}
                </ul>
            </nav>
            {zoom_nav}
        </div>
        <p class="brush-help">
            {range_text}
            "Drag across the timeline, or move its two handles with the arrow keys (Page Up/Down: a year or a month; Enter applies), to choose dates: every view then shows only those. "
            {clear_dates}
        </p>
    }
}
