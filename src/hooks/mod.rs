//! Hooks, one per file, named `use_x`.

mod use_clipboard;
mod use_focus_on_mount;
mod use_theme;
mod use_url_state;

pub use use_clipboard::{use_clipboard, Copied};
pub use use_focus_on_mount::use_focus_on_mount;
pub use use_theme::{apply_stored_theme, use_theme, Theme};
pub use use_url_state::{use_url_state, UseUrlState, TYPING_PAUSE};
