//! The timeline's words and brush, over `tifa_view::timeline::plot`'s layout.
//!
//! - [`labels`]: lane names, a mark's headline and target, the summary and the title.
//! - [`brush`]: the chosen date range, moved by dragging or by the handles' keys.

pub mod brush;
pub mod labels;
pub mod plot;

use crate::scope::scope;
use crate::url_state::UrlState;
use tifa_core::blob::Bundle;
use tifa_core::search::engine::matching;

/// The statements the timeline draws — its search and filters but the dates, since
/// **every date is drawn and the date filter is the brush** — and how many of them the
/// brush holds (`None` when nothing is brushed).
///
/// ```
/// use tifa_core::blob::Bundle;
/// use tifa_model::Corpus;
/// use tifa_view::url_state::parse;
/// use tifa_view::timeline::drawn;
/// let b = Bundle::new(Corpus::empty());
/// assert_eq!(drawn(&b, &parse("?view=timeline&from=2020").state), (vec![], Some(0)));
/// ```
pub fn drawn(bundle: &Bundle, state: &UrlState) -> (Vec<u32>, Option<usize>) {
    let corpus = &bundle.corpus;
    let mut every_date = state.clone();
    every_date.filters.from = None;
    every_date.filters.to = None;
    let ids = matching(corpus, &bundle.index, &scope(corpus, &every_date).0);
    let brushed = (state.filters.from.is_some() || state.filters.to.is_some())
        .then(|| matching(corpus, &bundle.index, &scope(corpus, state).0).len());
    (ids, brushed)
}
