//! What each view of Tifa shows for a URL state, decided here so the Leptos components
//! only render: no web-sys, tested natively.
//!
//! - [`api`]: the JavaScript API's answers (search, a statement, the tracker, the
//!   formulations, reuse), as plain data.
//! - [`resolve`]: which view a URL shows, its ids looked up, and the page title.
//! - [`search_page`]: the search view's count, hits, facets, chips and offers, and the
//!   states its links lead to.
//! - [`cite`]: citations of statements (text, BibTeX, RIS, CSL-JSON) with their stable
//!   link and the day of access.
//! - [`clusters`]: recurring runs of words (n-grams) with their range and DP.
//! - [`collocates`]: the words within a window of a word or phrase, with MI, MI3,
//!   T-score, log-likelihood and logDice.
//! - [`compare`]: statements side by side: each pair's score, the shared phrases'
//!   legend and marks, the word diff's marks, and the add box's list.
//! - [`corpus`]: the corpus as the app holds it (unpacked, decoded, discoveries
//!   attached), re-exported so that the app depends on this crate and the model only.
//! - [`concordance`]: every occurrence of a query in context, sorted and paged.
//! - [`csv`]: what the views download (results, concordance, tracker, formulations,
//!   reuse), safe from formulas.
//! - [`dispersion`]: where a word or phrase occurs, in each statement and in time.
//! - [`stats_page`]: the statistics views' pages (keywords, collocates, clusters,
//!   dispersion): status, choices, tables with their links, the date strip.
//! - [`formulations`]: the recurring formulations under the filters, sorted and paged.
//! - [`keywords`]: the words a target part of the corpus uses more (or less) than a
//!   reference: log-likelihood, Log Ratio, significance with Bonferroni.
//! - [`kinds`]: the passage-kind filter every view shares (the speaker's own words by
//!   default).
//! - [`reuse`]: the passages a statement shares with others, marked on both sides.
//! - [`reader`]: a statement's citation, its place in the search that led to it, the
//!   comparisons it offers, and how lists label statements and outlets.
//! - [`template`]: the library's documents and statement lines as one template, which
//!   both the components and the first paint draw.
//! - [`shell`]: the words of the page's frame (header, footer, the library's lede).
//! - [`prerender`]: the page's first paint as HTML, written into `index.html` at build
//!   time: the shell and the library's first page.
//! - [`timeline`]: statements on a time axis (lanes, marks binned to the width), the
//!   timeline's words and its brush.
//! - [`tracker`]: a formulation's series over time, first and last attestation, who
//!   uses it, and the fillers of a `*`.
//! - [`words`]: counts with their nouns in the right number.
//! - [`stream`]: what the search view reads from a corpus in the sharded packing (not
//!   read by the page yet).
//! - [`url_state`]: the view state that lives in the page URL (parsed without ever
//!   failing, written canonically), and [`scope`]: the search it asks for.
//! - [`paging`]: pages of a long list; [`layout`]: a source document cut into plain,
//!   removed and highlighted pieces.

pub mod api;
pub mod cite;
pub mod clusters;
pub mod collocates;
pub mod compare;
pub mod concordance;
pub mod corpus;
pub mod csv;
pub mod dispersion;
pub mod formulations;
pub mod keywords;
pub mod kinds;
pub mod layout;
pub mod paging;
pub mod prerender;
pub mod reader;
pub mod resolve;
pub mod reuse;
pub mod scope;
pub mod search_page;
pub mod shell;
pub mod stats_page;
pub mod stream;
pub mod template;
pub mod timeline;
pub mod tracker;
pub mod url_state;
pub mod words;
