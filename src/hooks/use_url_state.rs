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

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use std::time::Duration;
use tifa_core::url_state::{self, Parsed, UrlState};
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
    /// A history write waiting for typing to pause: its href and timer.
    pending: StoredValue<Option<(String, TimeoutHandle)>, LocalStorage>,
    /// A change of view waiting for typing to pause: its timer and the change.
    typing: StoredValue<Option<Typed>, LocalStorage>,
    /// The page's path, read once: it never changes (only the query does), and every
    /// link's href starts with it.
    path: StoredValue<String>,
}

/// A change of view waiting for typing to pause: its timer, and the change.
type Typed = (TimeoutHandle, Box<dyn FnOnce()>);

/// How long typing must pause before the view follows the search box. A keystroke
/// itself does no more than restart this timer, so typing never waits for a redraw
/// (the keystroke-to-paint figures in README, "Performance").
pub const TYPING_PAUSE: Duration = Duration::from_millis(150);

/// How long typing must pause, once the view has followed, before the URL is written.
const WRITE_DELAY: Duration = Duration::from_millis(300);

fn read_location() -> Parsed {
    url_state::parse(&window().location().search().unwrap_or_default())
}

/// Subscribes to the URL; follows back/forward through `popstate`.
pub fn use_url_state() -> UseUrlState {
    let (parsed, set_parsed) = signal(read_location());
    let pending = StoredValue::new_local(None::<(String, TimeoutHandle)>);
    let typing = StoredValue::new_local(None::<Typed>);
    let path = window()
        .location()
        .pathname()
        .unwrap_or_else(|_| "./".into());
    let this = UseUrlState {
        parsed,
        state: Memo::new(move |_| parsed.with(|p| p.state.clone())),
        set_parsed,
        pending,
        typing,
        path: StoredValue::new(path),
    };
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        this.cancel_pending();
        // Back/forward wins over what was being typed.
        this.cancel_typing();
        set_parsed.set(read_location())
    });
    let clicks = window_event_listener(leptos::ev::click, move |ev| this.follow(&ev));
    on_cleanup(move || {
        handle.remove();
        clicks.remove();
    });
    this
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
        if let Some(state) = self.state_of_href(&href) {
            ev.prevent_default();
            self.navigate(state);
        }
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
        self.write_later(href);
        self.set_parsed.set(Parsed {
            state,
            notices: Vec::new(),
        });
    }

    /// Writes `href` over the current history entry after [`WRITE_DELAY`], or later if
    /// typing goes on meanwhile: the write only records what the view shows, so it never
    /// shows what is being typed (that would redraw the results in the middle of a word).
    fn write_later(&self, href: String) {
        let this = *self;
        let timer = set_timeout_with_handle(
            move || {
                let Some((href, _)) = this.pending.try_update_value(Option::take).flatten() else {
                    return;
                };
                if this.typing.try_with_value(Option::is_some) == Some(true) {
                    this.write_later(href);
                } else {
                    write_history(&href, true);
                }
            },
            WRITE_DELAY,
        );
        match timer {
            Ok(timer) => self.pending.set_value(Some((href, timer))),
            Err(_) => write_history(&href, true),
        }
    }

    /// Runs `show` once typing has paused for [`TYPING_PAUSE`]; a later call replaces
    /// it. Any other change of view, and [`UseUrlState::flush`], runs it first.
    pub fn after_typing(&self, show: impl FnOnce() + 'static) {
        self.cancel_typing();
        let this = *self;
        match set_timeout_with_handle(move || this.show_typed(), TYPING_PAUSE) {
            Ok(timer) => self.typing.set_value(Some((timer, Box::new(show)))),
            Err(_) => show(),
        }
    }

    /// Runs the change waiting for typing to pause, if any.
    fn show_typed(&self) {
        if let Some((timer, show)) = self.typing.try_update_value(Option::take).flatten() {
            timer.clear();
            show();
        }
    }

    /// Shows what is being typed and writes a pending typed state to history, now.
    pub fn flush(&self) {
        self.show_typed();
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

    fn cancel_typing(&self) {
        if let Some((timer, _)) = self.typing.try_update_value(Option::take).flatten() {
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
fn is_plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}
