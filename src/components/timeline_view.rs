//! The timeline: the statements of the current search (all of them with no query) on a
//! real time axis drawn as SVG, one lane per speaker or occasion, binned by
//! `tifa_core::timeline` so that crowded periods become numbered clusters.
//!
//! - Hover or focus a mark to see its headline; a single statement opens in the reader,
//!   a cluster opens its statements as search results.
//! - Drag across the axis, or move the two handles with the arrow keys, to choose a
//!   date range: it becomes `from`/`to` and filters every other view (here, marks
//!   outside it are dimmed).
//! - Year labels zoom into that year by days; a table below gives the same counts for
//!   screen readers and for copying.

use super::search_view::range_label;
use super::{AppLink, FilterChips};
use crate::hooks::UseUrlState;
use leptos::html::Div;
use leptos::prelude::*;
use tifa_core::model::{Corpus, PartialDate};
use tifa_core::search::engine::matching;
use tifa_core::search::index::Index;
use tifa_core::search::scope::scope;
use tifa_core::timeline::{corpus_years, layout, LaneKey, Mark, Scale, Timeline};
use tifa_core::url_state::{Lanes, UrlState, ViewKind};
use wasm_bindgen::JsCast;

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

/// Which brush handle has focus, so it keeps focus when the view is redrawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Handle {
    Start,
    End,
}

#[component]
pub fn TimelineView(
    corpus: &'static Corpus<'static>,
    index: &'static Index<'static>,
    url: UseUrlState,
) -> impl IntoView {
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
    let focused = StoredValue::new(None::<Handle>);
    let body = move || {
        let state = url.parsed.with(|p| p.state.clone());
        let w = width.get();
        view! { <TimelineBody corpus=corpus index=index state=state width=w focused=focused url=url/> }
    };
    view! {
        <section class="timeline" aria-labelledby="timeline-title">
            <div class="timeline-frame" node_ref=frame>{body}</div>
        </section>
    }
}

/// Where a slot is drawn.
#[derive(Clone, Copy)]
struct Axis {
    slots: u32,
    left: i32,
    width: i32,
}

impl Axis {
    fn x(self, slot: u32) -> i32 {
        self.left + (self.width as i64 * slot as i64 / self.slots.max(1) as i64) as i32
    }

    /// The slot boundary nearest to `x`.
    fn slot_at(self, x: f64) -> u32 {
        let f = ((x - self.left as f64) / self.width as f64).clamp(0.0, 1.0);
        (f * self.slots as f64).round() as u32
    }
}

/// One statement's headline: who, when, where, and the first words said.
fn headline(corpus: &'static Corpus<'static>, i: u32) -> String {
    let s = &corpus.statements[i as usize];
    let doc = corpus.document_of(s);
    let speaker = corpus.speakers[s.speaker as usize].name.as_ref();
    let venue = s
        .venue
        .map(|v| format!(", {}", corpus.venues[v as usize].name.as_ref()))
        .unwrap_or_default();
    let words = s.passages.first().map_or("", |p| doc.text(p.span));
    let mut cut: String = words.chars().take(140).collect();
    if cut.len() < words.len() {
        cut.push('…');
    }
    format!("{speaker}, {}{venue}: “{cut}”", s.date.label())
}

fn lane_name(corpus: &'static Corpus<'static>, lanes: Lanes, key: LaneKey) -> String {
    let table = match lanes {
        Lanes::Speaker => &corpus.speakers,
        Lanes::Venue => &corpus.venues,
    };
    match key {
        LaneKey::Entity(e) => table[e as usize].name.to_string(),
        LaneKey::Unknown => "Occasion unknown".to_string(),
        LaneKey::Others(n) => match lanes {
            Lanes::Speaker => format!("{n} other speakers"),
            Lanes::Venue => format!("{n} other occasions"),
        },
    }
}

/// The search view for the statements of a lane in a date range.
fn cluster_link(
    corpus: &'static Corpus<'static>,
    state: &UrlState,
    lanes: Lanes,
    key: LaneKey,
    (from, to): (PartialDate, PartialDate),
) -> UrlState {
    let mut next = state.search_in(ViewKind::Search);
    if let LaneKey::Entity(e) = key {
        let (list, table) = match lanes {
            Lanes::Speaker => (&mut next.filters.speaker, &corpus.speakers),
            Lanes::Venue => (&mut next.filters.venue, &corpus.venues),
        };
        list.clear();
        list.push(table[e as usize].id.to_string());
    }
    next.filters.from = Some(from);
    next.filters.to = Some(to);
    next.with_view(ViewKind::Search)
}

#[component]
fn TimelineBody(
    corpus: &'static Corpus<'static>,
    index: &'static Index<'static>,
    state: UrlState,
    width: i32,
    focused: StoredValue<Option<Handle>>,
    url: UseUrlState,
) -> impl IntoView {
    let Some((first, last)) = corpus_years(corpus) else {
        return view! {
            <h1 id="timeline-title">"Timeline"</h1>
            <p class="empty">"No statement in this corpus has a date."</p>
        }
        .into_any();
    };
    // The timeline shows every date; the date filter is drawn as the brush.
    let mut undated_state = state.clone();
    undated_state.filters.from = None;
    undated_state.filters.to = None;
    let (query, _) = scope(corpus, &undated_state);
    let ids = matching(corpus, index, &query);
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
    let lanes = state.lanes;
    let t = layout(corpus, &ids, scale, lanes, max_bins);
    let height = AXIS_H + LANE_H * t.lanes.len().max(1) as i32 + 8;
    let brushed = scale.span_of(state.filters.from, state.filters.to);
    let has_range = state.filters.from.is_some() || state.filters.to.is_some();
    let (sel, set_sel) = signal(brushed);
    let (tip, set_tip) = signal(None::<String>);

    // Controls.
    let lanes_link = |l: Lanes, text: &'static str| {
        let mut to = state.search_in(ViewKind::Timeline);
        to.lanes = l;
        let to = to.with_view(ViewKind::Timeline);
        let current = (lanes == l).then_some("true");
        view! { <li aria-current=current><AppLink url=url to=to>{text}</AppLink></li> }
    };
    let zoom_to = |zoom: Option<u16>| {
        let mut to = state.search_in(ViewKind::Timeline);
        to.zoom = zoom;
        to.with_view(ViewKind::Timeline)
    };
    let zoom_nav = match state.zoom {
        None => view! {
            <p class="zoom-hint">"Every year, by months. Choose a year on the axis to see it by days."</p>
        }
        .into_any(),
        Some(year) => {
            let prev = (year > first).then(|| {
                view! { <li><AppLink url=url to=zoom_to(Some(year - 1))>{format!("‹ {}", year - 1)}</AppLink></li> }
            });
            let next = (year < last).then(|| {
                view! { <li><AppLink url=url to=zoom_to(Some(year + 1))>{format!("{} ›", year + 1)}</AppLink></li> }
            });
            view! {
                <nav aria-label="Zoom">
                    <ul class="zoom-nav">
                        <li><AppLink url=url to=zoom_to(None)>"All years"</AppLink></li>
                        {prev}
                        {next}
                    </ul>
                </nav>
            }
            .into_any()
        }
    };
    let on_axis: u32 = t.lanes.iter().map(|l| l.count).sum();
    let mut summary = match (state.zoom, on_axis) {
        (_, 0) => "No statement to show.".to_string(),
        (Some(y), 1) => format!("1 statement in {y}"),
        (Some(y), n) => format!("{n} statements in {y}"),
        (None, 1) => "1 statement".to_string(),
        (None, n) => format!("{n} statements"),
    };
    if t.bin > 1 && on_axis > 0 {
        let unit = match scale {
            Scale::Years { .. } => "months",
            Scale::Days { .. } => "days",
        };
        summary.push_str(&format!(", grouped by {} {unit}", t.bin));
    }
    summary.push('.');
    if t.undated > 0 {
        summary.push_str(&format!(" {} without a date are not shown.", t.undated));
    }
    if t.outside > 0 {
        summary.push_str(&format!(" {} in other years.", t.outside));
    }

    // Axis ticks: years (labels link to a zoom), or months.
    let ticks = match scale {
        Scale::Years { first, last } => {
            let years = (last - first + 1) as u32;
            let step = [1u32, 2, 5, 10, 20, 50]
                .into_iter()
                .find(|s| axis.width / years.div_ceil(*s) as i32 >= 44)
                .unwrap_or(100);
            (0..years)
                .map(|y| {
                    let x = axis.x(y * 12);
                    let year = first + y as u16;
                    let label = (y % step == 0).then(|| {
                        let to = url.href(&zoom_to(Some(year)));
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
    };

    // Marks.
    let in_range = |m: &Mark| !has_range || (m.start < brushed.1 && m.end > brushed.0);
    let marks = t
        .marks
        .iter()
        .map(|m| {
            let lane = &t.lanes[m.lane as usize];
            let cy = AXIS_H + LANE_H * m.lane as i32 + 30;
            let (x0, x1) = (axis.x(m.start), axis.x(m.end));
            let dim = !in_range(m);
            let range = scale.range(m.start, m.end);
            let (label, href, id) = if m.count == 1 {
                let s = &corpus.statements[m.first as usize];
                let to = state.reading(&s.id);
                (headline(corpus, m.first), url.href(&to), Some(s.id.to_string()))
            } else {
                let who = lane_name(corpus, lanes, lane.key);
                let when = range_label(Some(range.0), Some(range.1));
                let to = cluster_link(corpus, &state, lanes, lane.key, range);
                (
                    format!("{} statements, {who}, {when}: open as a list", m.count),
                    url.href(&to),
                    None,
                )
            };
            let tip_text = label.clone();
            let cx = (x0 + x1) / 2;
            let tip_focus = tip_text.clone();
            let show = move |_: web_sys::MouseEvent| set_tip.set(Some(tip_text.clone()));
            let show_focus = move |_: web_sys::FocusEvent| set_tip.set(Some(tip_focus.clone()));
            let hide = move |_: web_sys::MouseEvent| set_tip.set(None);
            let hide_blur = move |_: web_sys::FocusEvent| set_tip.set(None);
            let class = format!(
                "mark{}{}{}",
                if m.count > 1 { " cluster" } else { "" },
                if m.imprecise { " imprecise" } else { "" },
                if dim { " out" } else { "" }
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
                view! {
                    <circle cx=cx cy=cy - 4 r=r/>
                    {(m.count > 1).then(|| view! { <text class="count" x=cx y=cy text-anchor="middle">{m.count.to_string()}</text> })}
                }
                .into_any()
            };
            // Inside a <g>, the view macro makes an SVG <a>, not an HTML one.
            view! {
                <g>
                    <a href=href class=class aria-label=label data-statement-id=id data-count=m.count
                        on:mouseenter=show on:focus=show_focus on:mouseleave=hide on:blur=hide_blur>
                        {shape}
                    </a>
                </g>
            }
        })
        .collect_view();
    let lane_labels = t
        .lanes
        .iter()
        .enumerate()
        .map(|(k, lane)| {
            let y = AXIS_H + LANE_H * k as i32;
            let name = format!("{} ({})", lane_name(corpus, lanes, lane.key), lane.count);
            view! {
                <line class="lane-line" x1=PAD x2=width - PAD y1=y y2=y/>
                <text class="lane-label" x=PAD + 9 y=y + 13>{name}</text>
            }
        })
        .collect_view();

    // The brush: drag on the plot, or the two handles with the keyboard.
    let apply = {
        let state = state.clone();
        move |(a, b): (u32, u32)| {
            let mut next = state.search_in(ViewKind::Timeline);
            if a == 0 && b >= axis.slots && state.zoom.is_none() {
                next.filters.from = None;
                next.filters.to = None;
            } else {
                let (from, to) = scale.range(a, b.max(a + 1));
                next.filters.from = Some(from);
                next.filters.to = Some(to);
            }
            let next = next.with_view(ViewKind::Timeline);
            if next != state {
                url.navigate_keep_scroll(next);
            }
        }
    };
    let drag = StoredValue::new(None::<f64>);
    let svg_x = move |ev: &web_sys::PointerEvent| -> f64 {
        let target = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let left = target.map_or(0.0, |t| t.get_bounding_client_rect().left());
        ev.client_x() as f64 - left
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        // Only on the empty plot: marks are links.
        let on_mark = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest("a").ok().flatten().is_some());
        if on_mark {
            return;
        }
        let x = svg_x(&ev);
        drag.set_value(Some(x));
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let s = axis.slot_at(x);
        set_sel.set((s, s));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if let Some(x0) = drag.get_value() {
            let (a, b) = (axis.slot_at(x0), axis.slot_at(svg_x(&ev)));
            set_sel.set((a.min(b), a.max(b)));
        }
    };
    let on_up = {
        let apply = apply.clone();
        move |ev: web_sys::PointerEvent| {
            if let Some(x0) = drag.get_value() {
                drag.set_value(None);
                let x1 = svg_x(&ev);
                if (x1 - x0).abs() >= 4.0 {
                    let (a, b) = (axis.slot_at(x0), axis.slot_at(x1));
                    apply((a.min(b), a.max(b)));
                } else {
                    set_sel.set(brushed);
                }
            }
        }
    };
    let step = t.bin;
    let big = match scale {
        Scale::Years { .. } => 12,
        Scale::Days { .. } => 30,
    };
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let handle_key = {
        let apply = apply.clone();
        move |which: Handle, ev: web_sys::KeyboardEvent| {
            let (a, b) = sel.get_untracked();
            let here = if which == Handle::Start { a } else { b };
            let to = match ev.key().as_str() {
                "ArrowLeft" | "ArrowDown" => here.saturating_sub(step),
                "ArrowRight" | "ArrowUp" => here + step,
                "PageDown" => here.saturating_sub(big),
                "PageUp" => here + big,
                "Home" => 0,
                "End" => axis.slots,
                "Enter" => {
                    if let Some(p) = pending.try_update_value(Option::take).flatten() {
                        p.clear();
                    }
                    apply((a, b));
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            let to = to.min(axis.slots);
            let next = match which {
                Handle::Start => (to.min(b.saturating_sub(1)), b),
                Handle::End => (a, to.max(a + 1)),
            };
            set_sel.set(next);
            focused.set_value(Some(which));
            // One history entry per pause, not per key press.
            if let Some(p) = pending.try_update_value(Option::take).flatten() {
                p.clear();
            }
            let apply = apply.clone();
            if let Ok(h) = set_timeout_with_handle(
                move || apply(sel.get_untracked()),
                std::time::Duration::from_millis(700),
            ) {
                pending.set_value(Some(h));
            }
        }
    };
    on_cleanup(move || {
        if let Some(p) = pending.try_update_value(Option::take).flatten() {
            p.clear();
        }
    });
    let handle = {
        let handle_key = handle_key.clone();
        move |which: Handle| {
            let handle_key = handle_key.clone();
            let x = move || {
                let (a, b) = sel.get();
                axis.x(if which == Handle::Start { a } else { b })
            };
            let text = move || {
                let (a, b) = sel.get();
                let (from, to) = scale.range(a, b.max(a + 1));
                match which {
                    Handle::Start => format!("from {}", from.human()),
                    Handle::End => format!("until {}", to.human()),
                }
            };
            let now = move || {
                let (a, b) = sel.get();
                if which == Handle::Start {
                    a
                } else {
                    b
                }
            };
            let (id, label) = match which {
                Handle::Start => ("brush-start", "Start of the date range"),
                Handle::End => ("brush-end", "End of the date range"),
            };
            view! {
                <rect id=id class="brush-handle" role="slider" tabindex="0" aria-label=label
                    aria-valuemin="0" aria-valuemax=axis.slots.to_string()
                    aria-valuenow=move || now().to_string() aria-valuetext=text
                    x=move || x() - 5 y=AXIS_H - 6 width=10 height=height - AXIS_H rx=3
                    on:keydown=move |ev| handle_key(which, ev)
                    on:focus=move |_| focused.set_value(Some(which))
                    on:blur=move |_| focused.set_value(None)/>
            }
        }
    };
    // Keep the keyboard on the handle it was on when the view is redrawn.
    Effect::new(move |_| {
        if let Some(which) = focused.get_value() {
            let id = if which == Handle::Start {
                "brush-start"
            } else {
                "brush-end"
            };
            if let Some(el) = document().get_element_by_id(id) {
                if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                    let _ = el.focus();
                }
            }
        }
    });
    let band = move || {
        let (a, b) = sel.get();
        let full = a == 0 && b >= axis.slots;
        (!full || has_range).then(|| {
            view! { <rect class="brush-band" x=axis.x(a) y=AXIS_H - 6 width=(axis.x(b) - axis.x(a)).max(1) height=height - AXIS_H/> }
        })
    };
    // The headline of the mark under the pointer or with focus, in a line above the
    // plot (a style attribute to place it at the mark would break the strict CSP).
    // Hidden from screen readers: each mark's label says the same.
    let tooltip = move || {
        tip.get()
            .map(|text| view! { <p class="timeline-tip" aria-hidden="true">{text}</p> })
    };
    let table = timeline_table(corpus, &t, lanes, &ids, &state, url);
    let svg_label = format!(
        "Timeline of {summary} Each mark is a statement or, numbered, a cluster of statements."
    );
    let clear_dates = has_range.then(|| {
        let mut to = state.search_in(ViewKind::Timeline);
        to.filters.from = None;
        to.filters.to = None;
        view! { <AppLink url=url to=to.with_view(ViewKind::Timeline)>"All dates"</AppLink> }
    });
    let range_text = has_range.then(|| {
        format!(
            "Chosen dates: {}. ",
            range_label(state.filters.from, state.filters.to)
        )
    });
    view! {
        <h1 id="timeline-title">{match (&state.q, state.zoom) {
            (Some(q), Some(y)) => format!("“{q}” in {y}"),
            (Some(q), None) => format!("“{q}” over time"),
            (None, Some(y)) => format!("Statements in {y}"),
            (None, None) => "Timeline".to_string(),
        }}</h1>
        <p class="result-count" role="status">{summary}</p>
        <FilterChips corpus=corpus state=state.clone() url=url/>
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
        <div class="timeline-tip-line">{tooltip}</div>
        <div class="timeline-plot">
            <svg class="timeline-svg" width=width height=height viewBox=format!("0 0 {width} {height}")
                role="group" aria-label=svg_label
                on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up>
                <rect class="plot-bg" x=0 y=0 width=width height=height/>
                {ticks}
                {lane_labels}
                {band}
                // Handles under the marks: a mark at an end stays clickable.
                {handle(Handle::Start)}
                {handle(Handle::End)}
                {marks}
            </svg>
        </div>
        {table}
    }
    .into_any()
}

/// The same counts as a table: lanes by periods, each count a link to its statements.
fn timeline_table(
    corpus: &'static Corpus<'static>,
    t: &Timeline,
    lanes: Lanes,
    ids: &[u32],
    state: &UrlState,
    url: UseUrlState,
) -> impl IntoView {
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
                        let to = cluster_link(corpus, state, lanes, lane.key, t.scale.range(a, b));
                        view! { <AppLink url=url to=to>{n.to_string()}</AppLink> }
                    });
                    view! { <td>{cell}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <details class="timeline-table">
            <summary>"The timeline as a table"</summary>
            <div class="table-scroll" role="region" aria-label="Statements per period" tabindex="0">
                <table>
                    <caption>"Statements per lane and period; each number opens them."</caption>
                    <thead><tr><th scope="col">{match lanes { Lanes::Speaker => "Speaker", Lanes::Venue => "Occasion" }}</th>{heads}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </details>
    }
}
