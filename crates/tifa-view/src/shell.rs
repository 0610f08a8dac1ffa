//! The words of the page's frame — the header's views, the library's lede, the footer —
//! shared by the app's components and the HTML written at build time
//! ([`crate::prerender`]), so the two say the same thing.

use crate::url_state::ViewKind;
use crate::words::count;
use tifa_model::Corpus;

/// The header's links to the views, in order, with their labels.
pub const VIEWS: [(ViewKind, &str); 8] = [
    (ViewKind::Library, "Documents"),
    (ViewKind::Timeline, "Timeline"),
    (ViewKind::Search, "Search"),
    (ViewKind::Formulations, "Formulations"),
    (ViewKind::Track, "Track"),
    (ViewKind::Kwic, "Concordance"),
    (ViewKind::Keywords, "Statistics"),
    (ViewKind::Compare, "Compare"),
];

/// Whether the header's link to `link` stands for the view `shown` (the statistics
/// link for all four statistics views).
///
/// ```
/// use tifa_view::shell::is_current;
/// use tifa_view::url_state::ViewKind;
/// assert!(is_current(ViewKind::Keywords, ViewKind::Clusters));
/// assert!(!is_current(ViewKind::Kwic, ViewKind::Clusters));
/// ```
pub fn is_current(link: ViewKind, shown: ViewKind) -> bool {
    link == shown || (link.is_statistics() && shown.is_statistics())
}

/// The library's opening line.
pub fn library_lede(corpus: &Corpus) -> String {
    format!(
        "{} holding {}. Open a statement to read what was said, by whom, where and when, and how each of those is known.",
        count(corpus.documents.len(), "source document", "source documents"),
        count(corpus.statements.len(), "statement", "statements")
    )
}

/// The footer's second line: the words before the link to the JavaScript API's page, the
/// link's text, and its address (relative to the site).
pub const FOOTER_API: (&str, &str, &str) = (
    "The same queries from a script or a notebook: ",
    "the JavaScript API",
    "api/",
);

/// The footer's sentence, up to the corpus version that follows it: a corpus in the
/// site's code works offline whole; one in pieces (`sharded`), the views opened.
pub fn footer_lead(corpus: &Corpus, sharded: bool) -> String {
    let how = if sharded {
        "compiled into this site and fetched as each view needs it (the views opened work offline); it sends nothing anywhere"
    } else {
        "compiled into this site, which works offline and sends nothing anywhere"
    };
    format!(
        "{} from {}, {how}. Corpus version ",
        count(corpus.statements.len(), "statement", "statements"),
        count(corpus.documents.len(), "document", "documents")
    )
}
