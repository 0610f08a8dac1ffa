//! `use_frames`: counts the frames painted since the view that asked for it was drawn,
//! one a frame, up to a limit — so that a long view is drawn in parts: the first with
//! the view, each next one after the previous has been painted, and no single task
//! keeps the page from answering for long.

use leptos::prelude::*;
use std::time::Duration;

/// 0 at first, then one more after each painted frame (an animation frame, then a task
/// queued from it, which runs after the paint), until `limit`. With `limit` 0 it stays 0.
pub fn use_frames(limit: usize) -> Signal<usize> {
    if limit == 0 {
        return Signal::stored(0);
    }
    let (frames, set_frames) = signal(0usize);
    next_frame(set_frames, limit);
    frames.into()
}

fn next_frame(set: WriteSignal<usize>, limit: usize) {
    request_animation_frame(move || {
        set_timeout(
            move || {
                // The view may be gone by then: nothing more to draw.
                let Some(n) = set.try_update(|n| {
                    *n += 1;
                    *n
                }) else {
                    return;
                };
                if n < limit {
                    next_frame(set, limit);
                }
            },
            Duration::ZERO,
        );
    });
}
