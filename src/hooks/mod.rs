//! Hooks, one per file, named `use_x`; shared state comes through context
//! (`provide_x` in the shell, `use_x` below it).

mod use_bundle;
mod use_clipboard;
mod use_discoveries;
mod use_focus_on_mount;
mod use_frames;
mod use_passage_target;
mod use_pieces;
mod use_theme;
mod use_timer;
mod use_url_state;
mod use_whole_corpus;

pub use use_bundle::{provide_bundle, use_bundle, CorpusBundle};
pub use use_clipboard::{use_clipboard, Copied};
pub use use_discoveries::{
    provide_discoveries, provide_retry_discoveries, use_discoveries, use_retry_discoveries, Mined,
};
pub use use_focus_on_mount::use_focus_on_mount;
pub use use_frames::use_frames;
pub use use_passage_target::use_passage_target;
pub use use_pieces::{use_pieces, use_pieces_filled, Pieces, UsePieces};
pub use use_theme::{apply_stored_theme, use_theme, Theme};
pub use use_timer::{use_timer, Clock, Timer};
pub use use_url_state::{provide_url_state, use_url_state, UseUrlState, TYPING_PAUSE, WRITE_DELAY};
pub use use_whole_corpus::{use_whole_corpus, Whole};
