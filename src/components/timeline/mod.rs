//! The timeline: the statements of the current search (all of them with no query) on a
//! real time axis drawn as SVG, one lane per speaker or occasion, binned by
//! `tifa_view::timeline::plot` so that crowded periods become numbered clusters.
//!
//! - [`axis`]: the year or month ticks (year labels zoom into that year) and the lanes.
//! - [`marks`]: one mark per statement or cluster, with its headline on hover or focus;
//!   a statement opens in the reader, a cluster opens its statements as results.
//! - [`brush`]: the date range, dragged across the plot or moved with the two handles'
//!   keys (the stepping is `tifa_view::timeline::brush`); it becomes `from`/`to` and
//!   filters every other view (here, marks outside it are dimmed).
//! - [`controls`]: lanes, zoom, and the chosen dates in words.
//! - [`table`]: the same counts as a table, for screen readers and for copying.

mod axis;
mod brush;
mod controls;
mod marks;
mod table;

use super::FilterChips;
use crate::hooks::{use_bundle, use_url_state};
use brush::{BrushPlot, Focused};
use leptos::html::Div;
use leptos::prelude::*;
use tifa_view::timeline::brush::Axis;
use tifa_view::timeline::labels::{summary, title};
use tifa_view::timeline::plot::{corpus_years, layout, Scale};
use tifa_view::url_state::UrlState;

// Geometry in whole pixels: formatting floats into attributes would pull float
// printing (tens of KB) into the bundle.
/// Pixels a bin needs at least (so marks do not overlap).
const BIN_PX: i32 = 16;
const AXIS_H: i32 = 34;
const LANE_H: i32 = 46;
const PAD: i32 = 10;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The plot's geometry, shared by its layers.
#[derive(Clone, Copy)]
struct Frame {
    axis: Axis,
    width: i32,
    height: i32,
}

#[component]
pub fn TimelineView() -> impl IntoView {
    let url = use_url_state();
    let frame = NodeRef::<Div>::new();
    let (width, set_width) = signal(800i32);
    let measure = move || {
        if let Some(el) = frame.get_untracked() {
            let w = el.client_width();
            if w > 0 && w != width.get_untracked() {
                set_width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if frame.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let focused = Focused::new();
    let body = move || {
        let state = url.parsed.with(|p| p.state.clone());
        let w = width.get();
        view! { <TimelineBody state=state width=w focused=focused/> }
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <div class="timeline-frame" node_ref=frame>{body}</div>
        </section>
    }
}

#[component]
fn TimelineBody(state: UrlState, width: i32, focused: Focused) -> impl IntoView {
    let corpus = &use_bundle().corpus;
    let Some((first, last)) = corpus_years(corpus) else {
        return view! {
            <h1 id="timeline-title">"Timeline"</h1>
            <p class="empty">"No statement in this corpus has a date."</p>
        }
        .into_any();
    };
    let (ids, brushed) = tifa_view::timeline::drawn(use_bundle(), &state);
    let scale = match state.zoom {
        Some(year) => Scale::Days { year },
        None => Scale::Years { first, last },
    };
    let axis = Axis {
        slots: scale.slots(),
        left: PAD,
        width: (width - 2 * PAD).max(100),
    };
    let max_bins = (axis.width / BIN_PX).max(1) as u32;
    let t = layout(corpus, &ids, scale, state.lanes, max_bins);
    let frame = Frame {
        axis,
        width,
        height: AXIS_H + LANE_H * t.lanes.len().max(1) as i32 + 8,
    };
    let summary = summary(&t, state.zoom, brushed);
    let (tip, set_tip) = signal(None::<String>);
    // The headline of the mark under the pointer or with focus, in a line above the
    // plot (a style attribute to place it at the mark would break the strict CSP).
    // Hidden from screen readers: each mark's label says the same.
    let tooltip = move || {
        tip.get()
            .map(|text| view! { <p class="timeline-tip" aria-hidden="true">{text}</p> })
    };
    let svg_label = format!(
        "Timeline of {summary} Each mark is a statement or, numbered, a cluster of statements."
    );
    let Frame { width, height, .. } = frame;
    let heading = title(&state);
    let controls = controls::controls(&state, (first, last));
    let ticks = axis::ticks(&state, scale, frame);
    let lane_labels = axis::lane_labels(corpus, &t, state.lanes, frame);
    let table = table::table(corpus, &t, &ids, &state);
    view! {
        <h1 id="timeline-title">{heading}</h1>
        <p class="result-count" role="status">{summary}</p>
        <FilterChips state=state.clone()/>
        {controls}
        <div class="timeline-tip-line">{tooltip}</div>
        <div class="timeline-plot">
            <BrushPlot state=state t=t frame=frame focused=focused tip=set_tip label=svg_label>
                <rect class="plot-bg" x=0 y=0 width=width height=height/>
                {ticks}
                {lane_labels}
            </BrushPlot>
        </div>
        {table}
    }
    .into_any()
}
