//! `use_after_paint`: a signal that turns true once the browser has painted the view
//! that asked for it, so that what lies below the fold (a long document's source text)
//! is drawn in a task of its own instead of delaying the first paint.

use leptos::prelude::*;
use std::time::Duration;

/// True at once when `now`; otherwise false until the frame after this call has been
/// painted (an animation frame, then a task queued from it, which runs after the paint).
pub fn use_after_paint(now: bool) -> Signal<bool> {
    if now {
        return Signal::stored(true);
    }
    let (painted, set_painted) = signal(false);
    request_animation_frame(move || {
        set_timeout(
            move || {
                // The view may be gone by then: nothing to draw.
                let _ = set_painted.try_set(true);
            },
            Duration::ZERO,
        );
    });
    painted.into()
}
