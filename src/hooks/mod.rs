//! Hooks, one per file, named `use_x`.

mod use_url_state;

pub use use_url_state::{is_plain_click, use_url_state, UseUrlState};
