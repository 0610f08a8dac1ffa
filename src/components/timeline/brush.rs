//! The plot's SVG with its brush: drag across the empty plot, or move the two handles
//! (`role=slider`) with the keys, to choose a date range. Every step is
//! `tifa_view::timeline::brush` (pure and unit-tested): this file forwards pointer
//! positions and key names, draws the band and the handles, and applies the range to
//! the URL — at once for a drag or Enter, after a pause for keys (one history entry
//! per gesture).

use super::marks::marks;
use super::{Frame, AXIS_H};
use crate::hooks::{use_bundle, use_timer, use_url_state};
use leptos::prelude::*;
use std::time::Duration;
use tifa_view::timeline::brush::{Brush, Handle, Key};
use tifa_view::timeline::plot::Timeline;
use tifa_view::url_state::UrlState;
use wasm_bindgen::JsCast;

/// How long the keys must pause before a moved handle's range is applied.
const KEY_PAUSE: Duration = Duration::from_millis(700);

/// Which brush handle has focus, kept across redraws of the plot (each change of
/// range redraws it) so the keyboard stays on its handle.
#[derive(Clone, Copy)]
pub(super) struct Focused(StoredValue<Option<Handle>>);

impl Focused {
    pub(super) fn new() -> Focused {
        Focused(StoredValue::new(None))
    }
}

/// The element an event happened on.
fn element_of(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target.and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// The x of a pointer event inside the element that listens.
fn plot_x(ev: &web_sys::PointerEvent) -> f64 {
    let left = element_of(ev.current_target()).map_or(0.0, |t| t.get_bounding_client_rect().left());
    ev.client_x() as f64 - left
}

/// The label of the mark `el` is in, if any.
fn mark_label(el: Option<web_sys::Element>) -> Option<String> {
    el.and_then(|el| el.closest("a.mark").ok().flatten())
        .and_then(|a| a.get_attribute("aria-label"))
}

/// The headline to show: the mark under the pointer (`hovered`), else the mark with
/// focus, if any.
fn headline(hovered: Option<web_sys::Element>) -> Option<String> {
    mark_label(hovered).or_else(|| mark_label(document().active_element()))
}

#[component]
pub(super) fn BrushPlot(
    state: UrlState,
    t: Timeline,
    frame: Frame,
    focused: Focused,
    /// The headline line above the plot.
    tip: WriteSignal<Option<String>>,
    label: String,
    /// The layers under the brush (background, ticks, lanes).
    children: Children,
) -> impl IntoView {
    let url = use_url_state();
    let corpus = &use_bundle().corpus;
    let Frame {
        axis,
        width,
        height,
    } = frame;
    let scale = t.scale;
    let has_range = state.filters.from.is_some() || state.filters.to.is_some();
    let chosen = scale.span_of(state.filters.from, state.filters.to);
    let (brush, set_brush) = signal(Brush::new(scale, t.bin, chosen));
    let apply = StoredValue::new({
        let state = state.clone();
        move |b: Brush| {
            let next = b.applied_to(&state);
            if next != state {
                url.navigate_keep_scroll(next);
            }
        }
    });
    let pending = use_timer();

    // Dragging across the empty plot (marks are links: a press on one is a click).
    let drag = StoredValue::new(None::<f64>);
    let on_down = move |ev: web_sys::PointerEvent| {
        let on_mark =
            element_of(ev.target()).is_some_and(|el| el.closest("a").ok().flatten().is_some());
        if ev.button() != 0 || on_mark {
            return;
        }
        let x = plot_x(&ev);
        drag.set_value(Some(x));
        if let Some(el) = element_of(ev.current_target()) {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        set_brush.update(|b| b.range = axis.between(x, x));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if let Some(x0) = drag.get_value() {
            set_brush.update(|b| b.range = axis.between(x0, plot_x(&ev)));
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if let Some(x0) = drag.get_value() {
            drag.set_value(None);
            match axis.dragged(x0, plot_x(&ev)) {
                Some(range) => apply.with_value(|f| {
                    f(Brush {
                        range,
                        ..brush.get_untracked()
                    })
                }),
                None => set_brush.update(|b| b.range = chosen),
            }
        }
    };

    // The handles' keys: move at once, apply when the keys pause (Enter: now).
    let on_key = move |which: Handle, ev: web_sys::KeyboardEvent| {
        let Some(key) = Key::from_name(&ev.key()) else {
            return;
        };
        if key == Key::Apply {
            pending.cancel();
            apply.with_value(|f| f(brush.get_untracked()));
            return;
        }
        ev.prevent_default();
        set_brush.update(|b| *b = b.key(which, key));
        focused.0.set_value(Some(which));
        let later = pending.start(KEY_PAUSE, move || {
            apply.with_value(|f| f(brush.get_untracked()))
        });
        if let Err(now) = later {
            now();
        }
    };
    let handle = move |which: Handle| {
        let x = move || axis.x(brush.with(|b| b.at(which)));
        let label = match which {
            Handle::Start => "Start of the date range",
            Handle::End => "End of the date range",
        };
        view! {
            <rect id=which.element_id() class="brush-handle" role="slider" tabindex="0" aria-label=label
                aria-valuemin="0" aria-valuemax=axis.slots.to_string()
                aria-valuenow=move || brush.with(|b| b.at(which)).to_string()
                aria-valuetext=move || brush.with(|b| b.value_text(which))
                x=move || x() - 5 y=AXIS_H - 6 width=10 height=height - AXIS_H rx=3
                on:keydown=move |ev| on_key(which, ev)
                on:focus=move |_| focused.0.set_value(Some(which))
                on:blur=move |_| focused.0.set_value(None)/>
        }
    };
    // Keep the keyboard on the handle it was on when the plot is redrawn.
    Effect::new(move |_| {
        let Some(which) = focused.0.get_value() else {
            return;
        };
        if let Some(el) = document().get_element_by_id(which.element_id()) {
            if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                let _ = el.focus();
            }
        }
    });
    let band = move || {
        let b = brush.get();
        let (a, z) = b.range;
        (!b.is_full() || has_range).then(|| {
            view! { <rect class="brush-band" x=axis.x(a) y=AXIS_H - 6 width=(axis.x(z) - axis.x(a)).max(1) height=height - AXIS_H/> }
        })
    };
    let dimmed = has_range.then_some(chosen);
    view! {
        <svg class="timeline-svg" width=width height=height viewBox=format!("0 0 {width} {height}")
            role="group" aria-label=label
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
            on:mouseover=move |ev| tip.set(headline(element_of(ev.target())))
            on:mouseleave=move |_| tip.set(headline(None))
            on:focusin=move |ev| tip.set(mark_label(element_of(ev.target())))
            on:focusout=move |ev| tip.set(mark_label(ev.related_target().and_then(|t| t.dyn_into().ok())))>
            {children()}
            {band}
            // Handles under the marks: a mark at an end stays clickable.
            {handle(Handle::Start)}
            {handle(Handle::End)}
            {marks(corpus, &t, &state, frame, dimmed)}
        </svg>
    }
}
