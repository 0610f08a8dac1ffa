//! `use_theme`: light, dark, or whatever the system prefers (the default). The choice is
//! a preference, not view state: it lives in `localStorage` (never in the URL) and is
//! applied as `<html data-theme>`; the stylesheet follows the system without it.

use leptos::prelude::*;

/// The theme choices, in the order the toggle offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored value (and `data-theme`), and the label shown.
    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    fn from_key(key: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .unwrap_or(Theme::System)
    }
}

const STORAGE_KEY: &str = "tifa-theme";

fn storage() -> Option<web_sys::Storage> {
    // Storage can be switched off (private modes, policies): then the choice lasts
    // for the page only.
    window().local_storage().ok().flatten()
}

/// Applies a theme to the page.
fn apply(theme: Theme) {
    if let Some(root) = document().document_element() {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.key()),
        };
    }
}

/// Applies the stored theme; call once at start, before the app paints.
pub fn apply_stored_theme() {
    apply(stored());
}

fn stored() -> Theme {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map_or(Theme::System, |k| Theme::from_key(&k))
}

/// The current theme and a setter that applies and remembers it.
pub fn use_theme() -> (ReadSignal<Theme>, impl Fn(Theme) + Copy) {
    let (theme, set_theme) = signal(stored());
    let set = move |t: Theme| {
        apply(t);
        if let Some(s) = storage() {
            let _ = match t {
                Theme::System => s.remove_item(STORAGE_KEY),
                t => s.set_item(STORAGE_KEY, t.key()),
            };
        }
        set_theme.set(t);
    };
    (theme, set)
}
