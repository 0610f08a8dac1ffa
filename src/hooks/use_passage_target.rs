//! `use_passage_target`: the passage the URL's fragment (`#p2`) points at, following
//! hash changes. A link pasted with a fragment opens before the passage exists, so the
//! browser cannot scroll to it: this scrolls once the passage is drawn, and the reader
//! marks it.

use leptos::prelude::*;

/// The fragment's passage id (`p2`), when the fragment names one.
pub fn use_passage_target() -> ReadSignal<Option<String>> {
    let read = || {
        let hash = window().location().hash().unwrap_or_default();
        let id = hash.strip_prefix('#').unwrap_or("");
        let ok = id.len() > 1 && id.starts_with('p') && id[1..].bytes().all(|b| b.is_ascii_digit());
        ok.then(|| id.to_string())
    };
    let (target, set_target) = signal(read());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| set_target.set(read()));
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        if let Some(id) = target.get() {
            if let Some(el) = document().get_element_by_id(&id) {
                el.scroll_into_view();
            }
        }
    });
    target
}
