//! `use_url_state`: the URL query as a signal. **The URL is the single source of truth
//! for view state**: components read it from here and change it only through
//! [`UseUrlState::navigate`], which pushes a history entry, so back/forward work
//! (typing uses [`UseUrlState::after_typing`] and [`UseUrlState::type_to`]: the view
//! follows the box when typing pauses for a moment, and the URL is written when it
//! pauses longer).
//!
//! **Links to views are plain `<a href>` elements**: one click listener on the
//! document follows a plain click on any link into this page (its href is the page
//! path and a query) by parsing that query, exactly as a reload would. Links carry no
//! listener of their own, so redrawing a list of links adds and removes none.

use super::use_timer::{use_timer, Timer};
use leptos::prelude::*;
use std::time::Duration;
use tifa_view::url_state::{self, Parsed, UrlState};
use wasm_bindgen::JsCast;
use web_sys::MouseEvent;

/// The URL state and the way to change it. Cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct UseUrlState {
    /// What the current URL asks for, with notices about what it ignored.
    pub parsed: ReadSignal<Parsed>,
    /// The state alone: changes only when the state does (not for notices).
    pub state: Memo<UrlState>,
    set_parsed: WriteSignal<Parsed>,
    /// A history write waiting for typing to pause.
    pending: Timer,
    /// A change of view waiting for typing to pause.
    typing: Timer,
    /// The page's path, read once: it never changes (only the query does), and every
    /// link's href starts with it.
    path: StoredValue<String>,
}

/// How long typing must pause before the view follows the search box. A keystroke
/// itself does no more than restart this timer, so typing never waits for a redraw
/// (the keystroke-to-paint figures in docs/performance.md).
pub const TYPING_PAUSE: Duration = Duration::from_millis(150);

/// How long typing must pause, once the view has followed, before the URL is written.
pub const WRITE_DELAY: Duration = Duration::from_millis(300);

fn read_location() -> Parsed {
    url_state::parse(&window().location().search().unwrap_or_default())
}

/// Reads the URL, follows back/forward through `popstate` and plain clicks on links,
/// and provides the state to every component below (see [`use_url_state`]).
pub fn provide_url_state() -> UseUrlState {
    let (parsed, set_parsed) = signal(read_location());
    let path = window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "./".into());
    let this = UseUrlState {
        parsed,
        state: Memo::new(move |_| parsed.with(|p| p.state.clone())),
        set_parsed,
        pending: use_timer(),
        typing: use_timer(),
        path: StoredValue::new(path),
    };
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        this.pending.cancel();
        // Back/forward wins over what was being typed.
        this.typing.cancel();
        set_parsed.set(read_location())
    });
    let clicks = window_event_listener(leptos::ev::click, move |ev| this.follow(&ev));
    on_cleanup(move || {
        handle.remove();
        clicks.remove();
    });
    provide_context(this);
    this
}

/// The URL state provided by the app shell ([`provide_url_state`]).
pub fn use_url_state() -> UseUrlState {
    expect_context::<UseUrlState>()
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

    /// The state a link's href shows when it leads to a view of this page: the href is
    /// this page's path, alone or followed by a query.
    pub fn state_of_href(&self, href: &str) -> Option<UrlState> {
        self.path.with_value(|path| {
            let rest = href.strip_prefix(path.as_str())?;
            let query = match rest.strip_prefix('?') {
                Some(query) => query,
                None if rest.is_empty() => "",
                None => return None,
            };
            Some(url_state::parse(query).state)
        })
    }

    /// Follows a plain click on a link to a view of this page (see the module doc).
    fn follow(&self, ev: &MouseEvent) {
        if ev.default_prevented() || !is_plain_click(ev) {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        if link.has_attribute("target") || link.has_attribute("download") {
            return;
        }
        let href = link.get_attribute("href").unwrap_or_default();
        // A fragment (`#p3`, a passage) is not view state: it goes with the entry, so
        // the view it opens finds it (as after a reload).
        let (href, fragment) = match href.split_once('#') {
            Some((href, fragment)) => (href.to_string(), Some(fragment.to_string())),
            None => (href, None),
        };
        if href.is_empty() {
            return;
        }
        if let Some(state) = self.state_of_href(&href) {
            ev.prevent_default();
            self.go(state, false, fragment.as_deref());
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Shows `state`, recording it as a new history entry.
    pub fn navigate(&self, state: UrlState) {
        self.go(state, false, None);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Shows `state` as a new history entry without scrolling (a change made inside
    /// the view, such as a timeline's date range).
    pub fn navigate_keep_scroll(&self, state: UrlState) {
        self.go(state, false, None);
    }

    /// Shows `state` in place of the current history entry.
    pub fn replace(&self, state: UrlState) {
        self.go(state, true, None);
    }

    /// Shows `state` now and writes it over the current history entry once typing
    /// pauses (browsers throttle history writes; back/forward must step through
    /// searches, not keystrokes). Any other change of view writes it first.
    pub fn type_to(&self, state: UrlState) {
        let href = self.href(&state);
        self.write_later(href);
        self.set_parsed.set(Parsed {
            state,
            notices: Vec::new(),
            version: None,
        });
    }

    /// Writes `href` over the current history entry after [`WRITE_DELAY`], or later if
    /// typing goes on meanwhile: the write only records what the view shows, so it never
    /// shows what is being typed (that would redraw the results in the middle of a word).
    fn write_later(&self, href: String) {
        let this = *self;
        let now = href.clone();
        let later = self.pending.start(WRITE_DELAY, move || {
            if this.typing.is_pending() {
                this.write_later(href);
            } else {
                write_history(&href, true);
            }
        });
        if later.is_err() {
            // No timer to be had: write now rather than wait for one.
            write_history(&now, true);
        }
    }

    /// Runs `show` once typing has paused for [`TYPING_PAUSE`]; a later call replaces
    /// it. Any other change of view, and [`UseUrlState::flush`], runs it first.
    pub fn after_typing(&self, show: impl FnOnce() + 'static) {
        if let Err(show) = self.typing.start(TYPING_PAUSE, show) {
            show();
        }
    }

    /// Shows what is being typed and writes a pending typed state to history, now.
    pub fn flush(&self) {
        self.typing.fire();
        self.pending.fire();
    }

    /// Writes `state` (with a fragment, if any) to history, then shows it: a view
    /// that reads the fragment when it opens finds it.
    fn go(&self, state: UrlState, replace: bool, fragment: Option<&str>) {
        self.flush();
        let href = self.href(&state);
        match fragment {
            Some(f) => write_history(&format!("{href}#{f}"), replace),
            None => write_history(&href, replace),
        }
        self.set_parsed.set(Parsed {
            state,
            notices: Vec::new(),
            version: None,
        });
    }
}

/// True for a plain primary-button click: modified clicks (new tab, new window) are
/// left to the browser.
fn is_plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}
