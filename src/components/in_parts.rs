//! A long list drawn in parts (`tifa_view::reader::passage_parts` decides them): the
//! first with the view, part k once `frames` (from `use_frames`) has reached k.

use leptos::prelude::*;
use std::ops::Range;
use std::sync::Arc;

/// Item `i` of a list, drawn.
pub type DrawItem = Arc<dyn Fn(usize) -> AnyView + Send + Sync>;

/// The items of every part, each part drawn once `frames` reaches its number (one body
/// for every kind of list: a generic one would be compiled once per caller).
pub fn in_parts(parts: Vec<Range<usize>>, frames: Signal<usize>, draw: DrawItem) -> impl IntoView {
    parts
        .into_iter()
        .enumerate()
        .map(|(k, range)| {
            let draw = draw.clone();
            if k == 0 {
                return range.map(|i| draw(i)).collect_view().into_any();
            }
            let shown = Memo::new(move |_| frames.get() >= k);
            (move || {
                shown
                    .get()
                    .then(|| range.clone().map(|i| draw(i)).collect_view())
            })
            .into_any()
        })
        .collect_view()
}
