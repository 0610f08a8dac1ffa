//! `use_url_state`: the URL query as a signal. **The URL is the single source of truth
//! for view state**: components read it from here and change it only through
//! [`UseUrlState::navigate`], which pushes a history entry, so back/forward work.

use leptos::prelude::*;
use tifa_core::url_state::{self, Parsed, UrlState};
use web_sys::MouseEvent;

/// The URL state and the way to change it. Cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct UseUrlState {
    /// What the current URL asks for, with notices about what it ignored.
    pub parsed: ReadSignal<Parsed>,
    set_parsed: WriteSignal<Parsed>,
}

fn read_location() -> Parsed {
    url_state::parse(&window().location().search().unwrap_or_default())
}

/// Subscribes to the URL; follows back/forward through `popstate`.
pub fn use_url_state() -> UseUrlState {
    let (parsed, set_parsed) = signal(read_location());
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        set_parsed.set(read_location())
    });
    on_cleanup(move || handle.remove());
    UseUrlState { parsed, set_parsed }
}

impl UseUrlState {
    /// The href for a state, relative to the current page path (so a sub-path works).
    pub fn href(&self, state: &UrlState) -> String {
        let path = window()
            .location()
            .pathname()
            .unwrap_or_else(|_| "./".into());
        format!("{path}{}", url_state::to_query(state))
    }

    /// Shows `state`, recording it as a new history entry.
    pub fn navigate(&self, state: UrlState) {
        self.go(state, false);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Shows `state` in place of the current history entry (for typing: one entry per
    /// search, not per keystroke).
    pub fn replace(&self, state: UrlState) {
        self.go(state, true);
    }

    fn go(&self, state: UrlState, replace: bool) {
        let href = self.href(&state);
        if let Ok(history) = window().history() {
            let null = wasm_bindgen::JsValue::NULL;
            let _ = if replace {
                history.replace_state_with_url(&null, "", Some(&href))
            } else {
                history.push_state_with_url(&null, "", Some(&href))
            };
        }
        self.set_parsed.set(Parsed {
            state,
            notices: Vec::new(),
        });
    }
}

/// True for a plain primary-button click: modified clicks (new tab, new window) are
/// left to the browser.
pub fn is_plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}
