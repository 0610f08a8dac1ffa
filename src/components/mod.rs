//! UI components, one area per file. They stay thin: data comes from `tifa-core`.

mod document_list;
mod fatal;
mod notices;
mod reader;

pub use document_list::DocumentList;
pub use fatal::FatalError;
pub use notices::Notices;
pub use reader::Reader;
