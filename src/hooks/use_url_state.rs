//! `use_url_state`: the URL query as a signal. **The URL is the single source of truth
//! for view state**: components read it from here and change it only through
//! [`UseUrlState::navigate`], which pushes a history entry, so back/forward work
//! (typing uses [`UseUrlState::type_to`]: the view follows each keystroke, the URL is
//! written when typing pauses).

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;
use tifa_core::url_state::{self, Parsed, UrlState};
use web_sys::MouseEvent;

/// The URL state and the way to change it. Cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct UseUrlState {
    /// What the current URL asks for, with notices about what it ignored.
    pub parsed: ReadSignal<Parsed>,
    set_parsed: WriteSignal<Parsed>,
    /// A history write waiting for typing to pause: its href and timer.
    pending: StoredValue<Option<(String, TimeoutHandle)>, LocalStorage>,
    /// The page's path, read once: it never changes (only the query does), and every
    /// link's href starts with it.
    path: StoredValue<String>,
}

/// How long typing must pause before the URL is written (the view follows at once).
const WRITE_DELAY: Duration = Duration::from_millis(300);

fn read_location() -> Parsed {
    url_state::parse(&window().location().search().unwrap_or_default())
}

/// Subscribes to the URL; follows back/forward through `popstate`.
pub fn use_url_state() -> UseUrlState {
    let (parsed, set_parsed) = signal(read_location());
    let pending = StoredValue::new_local(None::<(String, TimeoutHandle)>);
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        if let Some((_, timer)) = pending.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        set_parsed.set(read_location())
    });
    on_cleanup(move || handle.remove());
    let path = window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "./".into());
    UseUrlState {
        parsed,
        set_parsed,
        pending,
        path: StoredValue::new(path),
    }
}

fn write_history(href: &str, replace: bool) {
    if let Ok(history) = window().history() {
        let null = wasm_bindgen::JsValue::NULL;
        let _ = if replace {
            history.replace_state_with_url(&null, "", Some(href))
        } else {
            history.push_state_with_url(&null, "", Some(href))
        };
    }
}

impl UseUrlState {
    /// The href for a state, relative to the current page path (so a sub-path works).
    pub fn href(&self, state: &UrlState) -> String {
        self.path
            .with_value(|path| format!("{path}{}", url_state::to_query(state)))
    }

    /// Shows `state`, recording it as a new history entry.
    pub fn navigate(&self, state: UrlState) {
        self.go(state, false);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Shows `state` as a new history entry without scrolling (a change made inside
    /// the view, such as a timeline's date range).
    pub fn navigate_keep_scroll(&self, state: UrlState) {
        self.go(state, false);
    }

    /// Shows `state` in place of the current history entry.
    pub fn replace(&self, state: UrlState) {
        self.go(state, true);
    }

    /// Shows `state` now and writes it over the current history entry once typing
    /// pauses (browsers throttle history writes; back/forward must step through
    /// searches, not keystrokes). Any other change of view writes it first.
    pub fn type_to(&self, state: UrlState) {
        let href = self.href(&state);
        self.cancel_pending();
        let timer = set_timeout_with_handle(
            {
                let this = *self;
                move || this.flush()
            },
            WRITE_DELAY,
        );
        if let Ok(timer) = timer {
            self.pending.set_value(Some((href, timer)));
        } else {
            write_history(&href, true);
        }
        self.set_parsed.set(Parsed {
            state,
            notices: Vec::new(),
        });
    }

    /// Writes a pending typed state to history now.
    pub fn flush(&self) {
        if let Some((href, timer)) = self.pending.try_update_value(Option::take).flatten() {
            timer.clear();
            write_history(&href, true);
        }
    }

    fn cancel_pending(&self) {
        if let Some((_, timer)) = self.pending.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    }

    fn go(&self, state: UrlState, replace: bool) {
        self.flush();
        write_history(&self.href(&state), replace);
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
