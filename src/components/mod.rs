//! UI components, one area per file. They stay thin: data and layout come from `tifa-core`.

mod app_link;
mod compare_view;
mod document_list;
mod document_reader;
mod fatal;
mod notices;
mod provenance;
mod search_box;
mod search_view;
mod source_text;
mod statement_reader;

pub use app_link::AppLink;
pub use compare_view::CompareView;
pub use document_list::{DocumentList, StatementItem, StatementLine};
pub use document_reader::DocumentReader;
pub use fatal::FatalError;
pub use notices::Notices;
pub use provenance::{date_details, Provenance};
pub use search_box::{SearchBox, SEARCH_INPUT_ID};
pub use search_view::{SearchHelp, SearchView, RESULT_LIMIT};
pub use source_text::SourceText;
pub use statement_reader::StatementReader;
