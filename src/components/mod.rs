//! UI components, one area per file. They render what `tifa-core` decides; the corpus
//! and the URL state come through context (`crate::hooks`).

mod app_link;
mod compare_view;
mod concordance;
mod copy_button;
mod document_list;
mod document_reader;
mod download_link;
mod fatal;
mod folded_table;
mod formulations;
mod in_parts;
mod live;
mod notices;
mod pager;
mod provenance;
mod reuse;
mod search_box;
mod search_view;
mod site_header;
mod source_text;
mod statement_reader;
mod timeline;
mod tracker;

pub use app_link::{AppLink, StateLink};
pub use compare_view::CompareView;
pub use concordance::ConcordanceView;
pub use copy_button::CopyButton;
pub use document_list::{DocumentList, StatementItem, StatementLine};
pub use document_reader::DocumentReader;
pub use download_link::DownloadLink;
pub use fatal::FatalError;
pub use folded_table::folded_table;
pub use formulations::FormulationsView;
pub use in_parts::{in_parts, DrawItem};
pub use notices::Notices;
pub use pager::Pager;
pub use provenance::{date_details, Provenance};
pub use search_box::{SearchBox, SEARCH_INPUT_ID};
pub use search_view::{FilterChips, SearchHelp, SearchResults, SearchView};
pub use site_header::SiteHeader;
pub use source_text::SourceText;
pub use statement_reader::StatementReader;
pub use timeline::TimelineView;
pub use tracker::TrackerView;
