//! The timeline's words and brush, over `tifa_core::timeline`'s layout.
//!
//! - [`labels`]: lane names, a mark's headline and target, the summary and the title.
//! - [`brush`]: the chosen date range, moved by dragging or by the handles' keys.

pub mod brush;
pub mod labels;
