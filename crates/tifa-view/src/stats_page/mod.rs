//! What the statistics views show (keywords, collocates, clusters, dispersion), as one
//! kind of page the app draws with one component: a status sentence, notes, choices
//! (each a link to the same view with one setting changed), one or two tables of rows
//! (each row's figures also as `data-` attributes, for scripts and tests, and links to
//! the concordance lines behind them), and for dispersion a strip on the date axis.
//!
//! Numbers are written here with integers only (float formatting would grow the Wasm).
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! use tifa_view::stats_page::page;
//! use tifa_view::url_state::parse;
//! let p = page(&Bundle::new(Corpus::empty()), &parse("?view=collocates").state);
//! assert_eq!(p.notes, ["Give a word or an exact phrase to find its collocates."]);
//! ```

mod clusters;
mod collocates;
mod dispersion;
pub mod files;
mod keywords;
mod markup;

use crate::paging::Page;
use crate::search_page::range_label;
use crate::url_state::statistics::Part;
use crate::url_state::{UrlState, ViewKind};
use tifa_core::blob::Bundle;
use tifa_model::{Corpus, EntityKind};

pub use clusters::{lines as cluster_lines, list as clusters_list};
pub use collocates::rows as collocates_rows;
pub use dispersion::{Strip, STRIP_WIDTH};
pub use keywords::{links as keywords_links, list as keywords_list, parts as keywords_parts};
pub use markup::markup;

/// Rows a table shows per page.
pub const PAGE_SIZE: usize = 100;

/// A statistics view's page.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsPage {
    /// What is counted where, and what the list holds.
    pub status: String,
    /// What the reader should know (an empty part, an unknown id, a query never found).
    pub notes: Vec<String>,
    /// The settings, each a row of links.
    pub controls: Vec<Control>,
    /// One table, or two side by side (collocates with `ref`).
    pub tables: Vec<Table>,
    /// Dispersion: where in time the occurrences are.
    pub strip: Option<Strip>,
}

/// One setting: its label and its choices.
#[derive(Debug, Clone, PartialEq)]
pub struct Control {
    pub label: &'static str,
    pub choices: Vec<Choice>,
}

/// A choice: a link to the same view with it chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub label: String,
    pub to: UrlState,
    pub current: bool,
}

/// A table of one page of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What the rows are, and of what part.
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Rows in all pages, the page shown, and what a pager calls them.
    pub total: usize,
    pub page: Page,
    pub what: &'static str,
}

/// A column's heading: short, with its full name when short is an abbreviation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub label: &'static str,
    pub title: Option<&'static str>,
}

const fn col(label: &'static str) -> Column {
    Column { label, title: None }
}

const fn abbr(label: &'static str, title: &'static str) -> Column {
    Column {
        label,
        title: Some(title),
    }
}

/// A row: its figures as `data-` attributes (name without `data-`, value), its heading
/// cell and the other cells, in the columns' order.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub data: Vec<(&'static str, String)>,
    pub head: Cell,
    pub cells: Vec<Cell>,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number (right-aligned).
    Number(String),
    Link(String, Box<UrlState>),
    /// Several links (the lines in the target, in the reference).
    Links(Vec<(String, UrlState)>),
    /// Places along a statement, in thousandths of its length (a barcode).
    Marks(Vec<u16>),
}

/// The page `state` asks for (a statistics view; any other gets an empty page).
pub fn page(bundle: &Bundle, state: &UrlState) -> StatsPage {
    match state.view() {
        ViewKind::Keywords => keywords::page(bundle, state),
        ViewKind::Collocates => collocates::page(bundle, state),
        ViewKind::Clusters => clusters::page(bundle, state),
        ViewKind::Dispersion => dispersion::page(bundle, state),
        _ => StatsPage {
            status: String::new(),
            notes: Vec::new(),
            controls: Vec::new(),
            tables: Vec::new(),
            strip: None,
        },
    }
}

/// The statistics views, as tabs: each keeps the search and the filters.
///
/// ```
/// use tifa_view::stats_page::tabs;
/// use tifa_view::url_state::{parse, to_query};
/// let t = tabs(&parse("?view=keywords&q=peace&speaker=a&min=9").state);
/// assert_eq!(t.iter().map(|c| to_query(&c.to)).collect::<Vec<_>>(),
///     ["?view=keywords&q=peace&speaker=a&min=9", "?view=collocates&q=peace&speaker=a",
///      "?view=clusters&q=peace&speaker=a", "?view=dispersion&q=peace&speaker=a"]);
/// assert!(t[0].current);
/// ```
pub fn tabs(state: &UrlState) -> Vec<Choice> {
    let here = state.view();
    [
        (ViewKind::Keywords, "Keywords"),
        (ViewKind::Collocates, "Collocates"),
        (ViewKind::Clusters, "Clusters"),
        (ViewKind::Dispersion, "Dispersion"),
    ]
    .into_iter()
    .map(|(view, label)| Choice {
        label: label.to_owned(),
        to: if view == here {
            state.clone()
        } else {
            state.changed_in(view, |s| s.stats = Default::default())
        },
        current: view == here,
    })
    .collect()
}

/// A part of the corpus in words: its search and filters, or "every statement".
///
/// ```ignore
/// assert_eq!(describe(corpus, &Part::of(&parse("?q=peace&from=2013").state)), "“peace”; Dates: from 2013");
/// ```
pub(crate) fn describe(corpus: &Corpus, part: &Part) -> String {
    let mut bits = Vec::new();
    if let Some(q) = &part.q {
        bits.push(format!("“{q}”"));
    }
    for kind in EntityKind::ALL {
        let ids = part.filters.ids(kind);
        if ids.is_empty() {
            continue;
        }
        let names: Vec<String> = ids
            .iter()
            .map(|id| {
                corpus
                    .entities(kind)
                    .iter()
                    .find(|e| *e.id == **id)
                    .map_or_else(|| format!("{id} (unknown)"), |e| e.name.to_string())
            })
            .collect();
        bits.push(format!("{}: {}", kind.label(), names.join(" or ")));
    }
    let f = &part.filters;
    if f.from.is_some() || f.to.is_some() {
        bits.push(format!("Dates: {}", range_label(f.from, f.to)));
    }
    if bits.is_empty() {
        "every statement".to_owned()
    } else {
        bits.join("; ")
    }
}

/// `state` with `change` made, on its first page: a choice's link.
fn choice(
    state: &UrlState,
    label: impl Into<String>,
    current: bool,
    change: impl FnOnce(&mut UrlState),
) -> Choice {
    let mut to = state.clone();
    to.page = None;
    change(&mut to);
    Choice {
        label: label.into(),
        to: to.with_view(state.view()),
        current,
    }
}

/// A count with its noun, the number with thin spaces: `12 345 words`.
///
/// ```ignore
/// assert_eq!(count(219902, "word", "words"), "219\u{202f}902 words");
/// ```
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        thousands(n as u64),
        crate::words::noun(n, one, many)
    )
}

/// A count with a thin space every three digits: `12 345`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// `x` with as many decimals as `scale` has zeros, written with integers only; `−`
/// for negatives.
///
/// ```ignore
/// assert_eq!((fixed(3.344, 100), fixed(-0.05, 100), fixed(372.17, 10)), ("3.34".into(), "−0.05".into(), "372.2".into()));
/// ```
pub(crate) fn fixed(x: f64, scale: u64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    let n = (x.abs() * scale as f64).round() as u64;
    let digits = scale.ilog10() as usize;
    let sign = if x < 0.0 && n > 0 { "−" } else { "" };
    if digits == 0 {
        return format!("{sign}{n}");
    }
    format!(
        "{sign}{}.{:0digits$}",
        n / scale,
        n % scale,
        digits = digits
    )
}

/// `x` as a data attribute holds it: three decimals, an ASCII minus.
pub(crate) fn data(x: f64) -> String {
    fixed(x, 1000).replace('−', "-")
}

/// A p-value as a table shows it: four decimals, or "< 0.0001".
pub(crate) fn p_value(p: f64) -> String {
    if p < 0.0001 {
        "< 0.0001".to_owned()
    } else {
        fixed(p, 10_000)
    }
}

/// The rows of one page out of all, as a [`Table`] holds them.
fn paged<T>(
    all: &[T],
    state: &UrlState,
    notes: &mut Vec<String>,
) -> (Page, std::ops::Range<usize>) {
    let requested = state.page.unwrap_or(1);
    let (p, clamped) = crate::paging::page(all.len(), PAGE_SIZE, requested);
    if clamped {
        notes.push(p.clamped_note(requested));
    }
    let range = p.range.clone();
    (p, range)
}

/// `state` compared with the statements another view's link selects (`pasted`: a whole
/// address, or its query string): that link's search and filters become the reference
/// (keywords) or the part put beside (collocates). An error says what is wrong.
///
/// ```
/// use tifa_view::stats_page::with_reference;
/// use tifa_view::url_state::{parse, to_query};
/// let here = parse("?view=keywords&from=2021").state;
/// let next = with_reference(&here, "https://example.org/tifa/?q=x&to=2020&v=ab12").unwrap();
/// assert_eq!(to_query(&next), "?view=keywords&from=2021&ref=q%3Dx%26to%3D2020");
/// assert!(with_reference(&here, "nothing here").is_err());
/// ```
pub fn with_reference(state: &UrlState, pasted: &str) -> Result<UrlState, String> {
    use crate::url_state::statistics::Reference;
    let pasted = pasted.trim();
    let query = match pasted.split_once('?') {
        Some((_, q)) => q,
        None if pasted.contains('=') => pasted,
        None => {
            return Err(
                "Paste the link of a view (its address, with a “?” and its search or filters)."
                    .to_owned(),
            )
        }
    };
    let query = query.split('#').next().unwrap_or("");
    let parsed = crate::url_state::parse(query);
    let part = Part::of(&parsed.state);
    if part.is_all() {
        return Err("That link has no search and no filters: it holds every statement. Choose “the whole corpus” for that.".to_owned());
    }
    let mut next = state.clone();
    next.page = None;
    next.stats.reference = Some(Reference::Part(part));
    Ok(next.with_view(state.view()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_with_integers() {
        assert_eq!(fixed(3.344, 100), "3.34");
        assert_eq!(fixed(-0.05, 100), "−0.05");
        assert_eq!(fixed(-0.004, 100), "0.00");
        assert_eq!(fixed(372.17, 10), "372.2");
        assert_eq!(fixed(0.0, 10), "0.0");
        assert_eq!(fixed(f64::NAN, 10), "0.0");
        assert_eq!(fixed(2.6, 1), "3");
        assert_eq!(data(-1.23456), "-1.235");
        assert_eq!(thousands(1234567), "1\u{202f}234\u{202f}567");
        assert_eq!(thousands(999), "999");
        assert_eq!(count(219902, "word", "words"), "219\u{202f}902 words");
        assert_eq!(count(1, "word", "words"), "1 word");
        assert_eq!(p_value(0.00001), "< 0.0001");
        assert_eq!(p_value(0.04321), "0.0432");
    }
}
