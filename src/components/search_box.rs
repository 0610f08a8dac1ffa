//! The search box in the header. Its text is the URL's `q`: the view follows it when
//! typing pauses for a moment ([`crate::hooks::TYPING_PAUSE`]; Enter at once); the first
//! change of a search pushes a history entry, later ones update it. Typing on
//! the timeline narrows the timeline, in the concordance it changes the lines; anywhere
//! else it shows results (the filters
//! stay). `/` anywhere focuses it.

use crate::hooks::use_url_state;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Id of the search input (the `/` shortcut and the skip target use it).
pub const SEARCH_INPUT_ID: &str = "q";

#[component]
pub fn SearchBox() -> impl IntoView {
    let url = use_url_state();
    // The box shows the URL's `q` (after back/forward, or a link). Its value is written
    // only when it differs: writing the value of the focused box while typing made the
    // browser lay out the whole page again inside the keystroke (regression test:
    // `typing_shows_results_after_the_pause_and_never_rewrites_the_box` in
    // tests/components.rs).
    let input = NodeRef::<leptos::html::Input>::new();
    // Runs for every URL change (back/forward may keep `q` but drop a text being typed).
    Effect::new(move |_| {
        let q = url.parsed.with(|p| p.state.q.clone().unwrap_or_default());
        if let Some(el) = input.get() {
            if el.value() != q {
                el.set_value(&q);
            }
        }
    });
    let on_input = move |ev: web_sys::Event| {
        let text = event_target_value(&ev);
        url.after_typing(move || {
            let (next, replace) = url.parsed.with_untracked(|p| p.state.typed(&text));
            if replace {
                url.type_to(next);
            } else {
                url.navigate(next);
            }
        });
    };
    // Enter shows the results at once (and records them in history).
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        url.flush();
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !typing && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() {
            if let Some(input) = document().get_element_by_id(SEARCH_INPUT_ID) {
                if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                    ev.prevent_default();
                    let _ = input.focus();
                }
            }
        }
    });
    on_cleanup(move || handle.remove());
    view! {
        <form class="search-box" role="search" on:submit=on_submit>
            <label for=SEARCH_INPUT_ID class="visually-hidden">"Search statements"</label>
            <input
                id=SEARCH_INPUT_ID
                type="search"
                placeholder="Search statements  ( / )"
                autocomplete="off"
                spellcheck="false"
                node_ref=input
                on:input=on_input
            />
        </form>
    }
}
