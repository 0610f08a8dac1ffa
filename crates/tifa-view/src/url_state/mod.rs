//! View state in the URL query string: the single source of truth for what is on screen.
//!
//! Parameters (a public interface: docs/url-scheme.md):
//!
//! | key   | value                    | meaning                           |
//! |-------|--------------------------|-----------------------------------|
//! | `view`| `timeline`, `search`, `track`, `kwic`, `formulations`, `keywords`, `collocates`, `clusters`, `dispersion`, `read`, `compare`, `library` | the view (inferred from the other parameters when absent; the statistics views are always named) |
//! | `q`   | a search query           | search results (docs/search.md) |
//! | `speaker`, `venue`, `topic` | entity ids, comma-separated | only statements by one of these speakers (at one of these occasions, on one of these topics) |
//! | `from`, `to` | `YYYY`, `YYYY-MM` or `YYYY-MM-DD` | only statements spoken in this range (inclusive; a year or month covers all of it) |
//! | `sort`| `date` or `oldest` (default: relevance) | search results, newest or oldest first |
//! | `s`   | a statement id           | open that statement in the reader |
//! | `doc` | a document id            | open that source document         |
//! | `page`| 2, 3, …                  | that page of the document list, the search results or the concordance |
//! | `compare` | 2–4 statement ids, comma-separated (1 with `view=compare`) | those statements side by side |
//! | `mode` | `aligned`               | compare: passages aligned, word diff (default: shared phrases) |
//! | `lanes` | `venue` (default: speaker) | timeline: one lane per occasion |
//! | `zoom` | a year                  | timeline: that year by days (default: every year, by months) |
//! | `f`    | a formulation (repeat for up to 6) | tracker: follow these (words, quoted phrases, `OR`, `*` in quotes) |
//! | `kind` | `quote`, `reported`, `narration`, `question`, comma-separated, or `all` | every view but the library: match and count only in passages of these kinds (default: `quote,reported`, the speaker's own words) |
//! | `unit` | `year` or `month`       | tracker: the series' time unit (default: by the range) |
//! | `measure` | `count` (default: share) | tracker: statements, not their share of the period |
//! | `sort` | `spread`, `count`, `first`, `recent` (default: formulaic) | formulations: the order of the list |
//! | `v` | a corpus version (hex) | the corpus the link was made on (links the page copies carry it; another version's opens with a notice) |
//!
//! The statistics views' parameters (`ref`, `win`, `by`, `min`, …) and the
//! concordance's limits (`within`, `without`, `near`) are in [`statistics`].
//!
//! Without `view`, the view is inferred: `compare` → compare, `s` or `doc` → read,
//! `f` → track, `q` or a filter → search, `lanes` or `zoom` → timeline, nothing → the library.
//! `compare` wins over `s`, and `s` over `doc`. The search (`q`, filters, `sort`)
//! stays with every view but the library: it is what a statement was found by
//! (previous / next in the reader) and what the timeline shows. A parameter the
//! view does not use is ignored with a notice.
//!
//! Parsing never fails: anything it cannot use is dropped with a [`Notice`] that the
//! UI shows, so a hostile or stale link still lands on a working page. A parsed state
//! is canonical: written back with [`to_query`] and parsed again, it is the same.

pub mod statistics;

pub use statistics::Statistics;
use std::fmt;
use tifa_core::search::engine::Sort;
use tifa_model::Kinds;
use tifa_model::{EntityKind, PartialDate, PassageKind};

/// Longest value we keep; longer ones are dropped with a notice.
pub const MAX_VALUE_LEN: usize = 200;
/// Most ids a list parameter holds (`speaker`, `venue`, `topic`).
pub const MAX_FILTER_IDS: usize = 8;
/// Longest list value: [`MAX_FILTER_IDS`] ids of [`MAX_VALUE_LEN`] and their commas
/// (a longer list is cut before each id's length is checked).
const LIST_LEN: usize = (MAX_VALUE_LEN + 1) * (MAX_FILTER_IDS + 1);
/// At most this many notices are reported for one URL (the rest are counted).
pub const MAX_NOTICES: usize = 5;
/// Most statements a comparison holds.
pub const MAX_COMPARE: usize = 4;
/// Most formulations the tracker follows at once.
pub const MAX_FORMULATIONS: usize = 6;

/// The views of the app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ViewKind {
    /// The list of source documents.
    #[default]
    Library,
    /// Statements on a time axis.
    Timeline,
    /// Search results (every statement, newest first, when there is no query).
    Search,
    /// One statement (`s`) or one source document (`doc`).
    Read,
    /// Statements side by side.
    Compare,
    /// Formulations followed over time.
    Track,
    /// Every occurrence of a query in context (a concordance).
    Kwic,
    /// The recurring formulations the compiler found.
    Formulations,
    /// The words one part of the corpus uses more (or less) than another.
    Keywords,
    /// The words found near a word or phrase.
    Collocates,
    /// Recurring sequences of words (n-grams), with their dispersion.
    Clusters,
    /// Where a word or phrase occurs: in each statement, and in time.
    Dispersion,
}

impl ViewKind {
    /// The value of `view`.
    pub fn as_str(self) -> &'static str {
        match self {
            ViewKind::Library => "library",
            ViewKind::Timeline => "timeline",
            ViewKind::Search => "search",
            ViewKind::Read => "read",
            ViewKind::Compare => "compare",
            ViewKind::Track => "track",
            ViewKind::Kwic => "kwic",
            ViewKind::Formulations => "formulations",
            ViewKind::Keywords => "keywords",
            ViewKind::Collocates => "collocates",
            ViewKind::Clusters => "clusters",
            ViewKind::Dispersion => "dispersion",
        }
    }

    /// True for the views of counts and measures: keywords, collocates, clusters and
    /// dispersion.
    pub fn is_statistics(self) -> bool {
        matches!(
            self,
            ViewKind::Keywords | ViewKind::Collocates | ViewKind::Clusters | ViewKind::Dispersion
        )
    }

    fn parse(s: &str) -> Option<ViewKind> {
        [
            ViewKind::Library,
            ViewKind::Timeline,
            ViewKind::Search,
            ViewKind::Read,
            ViewKind::Compare,
            ViewKind::Track,
            ViewKind::Kwic,
            ViewKind::Formulations,
            ViewKind::Keywords,
            ViewKind::Collocates,
            ViewKind::Clusters,
            ViewKind::Dispersion,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// Which statements every view shows: a result must match each filter given (and any
/// one id of a list).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Speaker ids.
    pub speaker: Vec<String>,
    /// Venue (occasion) ids.
    pub venue: Vec<String>,
    /// Topic ids.
    pub topic: Vec<String>,
    /// Inclusive date range.
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// The passage kinds words are matched and counted in (`kind`); empty: the default,
    /// the speaker's own words (quotes and reported speech). Canonical: in the order of
    /// [`PassageKind::ALL`], never the default written out.
    pub kinds: Vec<PassageKind>,
}

impl Filters {
    /// The passage kinds matched and counted.
    ///
    /// ```
    /// use tifa_view::url_state::parse;
    /// use tifa_model::Kinds;
    /// assert_eq!(parse("?q=x").state.filters.passage_kinds(), Kinds::OWN_WORDS);
    /// assert_eq!(parse("?q=x&kind=all").state.filters.passage_kinds(), Kinds::ALL);
    /// ```
    pub fn passage_kinds(&self) -> Kinds {
        if self.kinds.is_empty() {
            Kinds::OWN_WORDS
        } else {
            Kinds::of(&self.kinds)
        }
    }

    /// `kind` as written in a link (`None`: the default).
    pub fn kinds_param(&self) -> Option<String> {
        match self.kinds.len() {
            0 => None,
            n if n == PassageKind::ALL.len() => Some("all".into()),
            _ => Some(
                self.kinds
                    .iter()
                    .map(|k| k.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        }
    }

    /// The ids filtering by one kind of entity.
    pub fn ids(&self, kind: EntityKind) -> &Vec<String> {
        match kind {
            EntityKind::Speaker => &self.speaker,
            EntityKind::Venue => &self.venue,
            EntityKind::Topic => &self.topic,
        }
    }

    /// The ids filtering by one kind of entity, to change.
    pub fn ids_mut(&mut self, kind: EntityKind) -> &mut Vec<String> {
        match kind {
            EntityKind::Speaker => &mut self.speaker,
            EntityKind::Venue => &mut self.venue,
            EntityKind::Topic => &mut self.topic,
        }
    }

    /// True when nothing is filtered (the default passage kinds are no filter).
    pub fn is_empty(&self) -> bool {
        self.speaker.is_empty()
            && self.venue.is_empty()
            && self.topic.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.kinds.is_empty()
    }
}

/// What the page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlState {
    /// The view, when it is not the one the other parameters imply (see [`UrlState::view`]).
    pub view: Option<ViewKind>,
    /// The search query, if any.
    pub q: Option<String>,
    /// Filters of the search (and the timeline).
    pub filters: Filters,
    /// Order of search results.
    pub sort: Sort,
    /// The statement open in the reader, if any.
    pub s: Option<String>,
    /// The source document open, if any (and no statement is).
    pub doc: Option<String>,
    /// The page of the document list (1-based; `None` is the first).
    pub page: Option<u32>,
    /// Statements side by side (empty: no comparison).
    pub compare: Vec<String>,
    /// How a comparison is shown.
    pub mode: CompareMode,
    /// Timeline lanes.
    pub lanes: Lanes,
    /// Timeline: the year shown by months (`None`: every year).
    pub zoom: Option<u16>,
    /// The tracker's formulations and how it counts them.
    pub track: Tracking,
    /// The concordance's context and order.
    pub kwic: Concordance,
    /// The order of the formulations list.
    pub listing: Listing,
    /// The statistics views' parameters, and the concordance's limits.
    pub stats: Statistics,
}

/// The order of the recurring formulations (`sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Listing {
    /// Most formulaic first (glue × spread on a log scale; the default); names and
    /// titles after the formulations.
    #[default]
    Formulaic,
    /// Most spread first (speakers × years × documents).
    Spread,
    /// Most statements first.
    Count,
    /// Earliest first use first.
    First,
    /// Most recent use first.
    Recent,
}

impl Listing {
    /// The value of `sort` (none for the default).
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            Listing::Formulaic => None,
            Listing::Spread => Some("spread"),
            Listing::Count => Some("count"),
            Listing::First => Some("first"),
            Listing::Recent => Some("recent"),
        }
    }

    fn parse(s: &str) -> Option<Listing> {
        [
            Listing::Spread,
            Listing::Count,
            Listing::First,
            Listing::Recent,
        ]
        .into_iter()
        .find(|o| o.as_str() == Some(s))
    }
}

/// How the concordance shows its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concordance {
    /// Words of context on each side (`ctx`, 1 to [`MAX_CONTEXT`]).
    pub ctx: u8,
    /// The order of the lines (`sort`; newest first is `sort=date`, in [`UrlState::sort`]).
    pub order: KwicOrder,
}

impl Default for Concordance {
    fn default() -> Self {
        Concordance {
            ctx: DEFAULT_CONTEXT,
            order: KwicOrder::Corpus,
        }
    }
}

/// Words of context the concordance shows by default, and at most.
pub const DEFAULT_CONTEXT: u8 = 8;
pub const MAX_CONTEXT: u8 = 30;

/// The order of concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KwicOrder {
    /// As the corpus is (by date, oldest first).
    #[default]
    Corpus,
    /// By the first (second) word left of the match, then right of it.
    Left1,
    Left2,
    Right1,
    Right2,
    /// By speaker, then date.
    Speaker,
}

impl KwicOrder {
    /// The value of `sort` (none for the default).
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            KwicOrder::Corpus => None,
            KwicOrder::Left1 => Some("1L"),
            KwicOrder::Left2 => Some("2L"),
            KwicOrder::Right1 => Some("1R"),
            KwicOrder::Right2 => Some("2R"),
            KwicOrder::Speaker => Some("speaker"),
        }
    }

    fn parse(s: &str) -> Option<KwicOrder> {
        [
            KwicOrder::Left1,
            KwicOrder::Left2,
            KwicOrder::Right1,
            KwicOrder::Right2,
            KwicOrder::Speaker,
        ]
        .into_iter()
        .find(|o| o.as_str() == Some(s))
    }
}

/// What the tracker follows and how it counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tracking {
    /// The formulations as written (`f`, repeated; at most [`MAX_FORMULATIONS`]).
    pub f: Vec<String>,
    /// The series' time unit (`unit`; `None`: chosen from the range of dates).
    pub unit: Option<TimeUnit>,
    /// Show statements rather than their share of each period (`measure=count`).
    pub counts: bool,
}

/// The tracker's time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    Year,
    Month,
}

impl UrlState {
    /// The view these parameters show: `view` if given, else the one they imply.
    ///
    /// ```
    /// use tifa_view::url_state::{parse, ViewKind};
    /// assert_eq!(parse("?q=rights").state.view(), ViewKind::Search);
    /// assert_eq!(parse("?q=rights&view=timeline").state.view(), ViewKind::Timeline);
    /// assert_eq!(parse("").state.view(), ViewKind::Library);
    /// ```
    pub fn view(&self) -> ViewKind {
        self.view.unwrap_or_else(|| self.implied_view())
    }

    fn implied_view(&self) -> ViewKind {
        if self.compare.len() >= 2 {
            ViewKind::Compare
        } else if self.s.is_some() || self.doc.is_some() {
            ViewKind::Read
        } else if !self.track.f.is_empty() {
            ViewKind::Track
        } else if self.kwic != Concordance::default() {
            ViewKind::Kwic
        } else if self.listing != Listing::Formulaic {
            ViewKind::Formulations
        } else if self.q.is_some() || !self.filters.is_empty() || self.sort != Sort::Relevance {
            ViewKind::Search
        } else if self.lanes != Lanes::Speaker || self.zoom.is_some() {
            ViewKind::Timeline
        } else {
            ViewKind::Library
        }
    }

    /// The search of this state (query, filters, order) in another view: what a link
    /// from here to `view` keeps.
    ///
    /// ```
    /// use tifa_view::url_state::{parse, to_query, ViewKind};
    /// let here = parse("?q=rights&speaker=wang-yi&lanes=venue&view=timeline").state;
    /// assert_eq!(to_query(&here.search_in(ViewKind::Search)), "?q=rights&speaker=wang-yi");
    /// ```
    pub fn search_in(&self, view: ViewKind) -> UrlState {
        let mut next = UrlState {
            q: self.q.clone(),
            filters: self.filters.clone(),
            sort: self.sort,
            ..UrlState::default()
        };
        if view == ViewKind::Timeline {
            next.lanes = self.lanes;
            next.zoom = self.zoom;
        }
        if view == ViewKind::Track {
            next.track = self.track.clone();
        }
        if view == ViewKind::Kwic {
            next.kwic = self.kwic;
            next.stats = self.stats.for_concordance();
        }
        if view.is_statistics() {
            next.stats = self.stats.clone();
            statistics::drop_unused(&mut next.stats, view, &mut Vec::new());
        }
        if view == ViewKind::Formulations {
            next.listing = self.listing;
        }
        next.view = (next.implied_view() != view).then_some(view);
        next
    }

    /// This state's formulations in the tracker, with its filters; with none yet, the
    /// search's query as the one to follow.
    ///
    /// ```
    /// use tifa_view::url_state::{parse, to_query};
    /// let here = parse("?q=%22shared+future%22&speaker=a").state;
    /// assert_eq!(to_query(&here.tracking()), "?speaker=a&f=%22shared+future%22");
    /// ```
    pub fn tracking(&self) -> UrlState {
        self.changed_in(ViewKind::Track, |next| {
            if next.track.f.is_empty() {
                next.track.f.extend(self.q.clone());
            }
            next.q = None;
            next.sort = Sort::Relevance;
        })
    }

    /// A statement in the reader, found by this state's search (which stays, for
    /// previous / next).
    ///
    /// ```
    /// use tifa_view::url_state::{parse, to_query};
    /// let here = parse("?q=rights&sort=date").state;
    /// assert_eq!(to_query(&here.reading("x")), "?q=rights&sort=date&s=x");
    /// ```
    pub fn reading(&self, id: &str) -> UrlState {
        self.changed_in(ViewKind::Read, |next| next.s = Some(id.to_owned()))
    }

    /// Statements side by side (one while a comparison is put together), with this
    /// state's search.
    pub fn comparing(&self, ids: Vec<String>, mode: CompareMode) -> UrlState {
        self.changed_in(ViewKind::Compare, |next| {
            next.compare = ids;
            next.mode = mode;
        })
    }

    /// Where the header's link to a view leads from here: the library plainly; a
    /// comparison being read stays (else an empty one to fill); any other view keeps
    /// the current search and filters.
    ///
    /// ```
    /// use tifa_view::url_state::{parse, to_query, ViewKind};
    /// let here = parse("?q=rights&speaker=a").state;
    /// assert_eq!(to_query(&here.nav_to(ViewKind::Timeline)), "?view=timeline&q=rights&speaker=a");
    /// assert_eq!(to_query(&here.nav_to(ViewKind::Library)), "");
    /// ```
    pub fn nav_to(&self, kind: ViewKind) -> UrlState {
        match kind {
            ViewKind::Library => UrlState::default(),
            ViewKind::Compare if !self.compare.is_empty() => {
                self.comparing(self.compare.clone(), self.mode)
            }
            ViewKind::Track => self.tracking(),
            k => self.search_in(k),
        }
    }

    /// Where the search box leads when `text` is typed here, and whether that replaces
    /// the current history entry (a search being typed in its own view) rather than
    /// adding one. The timeline, the concordance, the formulations list and the
    /// statistics views follow the query in place; every other view goes to results
    /// (the filters stay).
    ///
    /// ```
    /// use tifa_view::url_state::{parse, to_query};
    /// let (next, replace) = parse("?doc=d").state.typed("rights");
    /// assert_eq!((to_query(&next).as_str(), replace), ("?q=rights", false));
    /// let (next, replace) = parse("?q=right&view=timeline").state.typed("rights");
    /// assert_eq!((to_query(&next).as_str(), replace), ("?view=timeline&q=rights", true));
    /// ```
    pub fn typed(&self, text: &str) -> (UrlState, bool) {
        let view = self.view();
        let stay = match view {
            ViewKind::Timeline | ViewKind::Kwic | ViewKind::Formulations => view,
            v if v.is_statistics() => v,
            _ => ViewKind::Search,
        };
        let next = self.changed_in(stay, |next| {
            next.q = (!text.is_empty()).then(|| text.to_owned())
        });
        (next, view == stay && self.q.is_some())
    }

    /// This state's search in `view` (see [`UrlState::search_in`]), changed by
    /// `change`: the one way a link to another state of a view is made, so the view
    /// parameter is always written only where the others do not imply it.
    ///
    /// ```
    /// use tifa_view::url_state::{parse, to_query, ViewKind};
    /// let here = parse("?view=timeline&q=rights&lanes=venue").state;
    /// let to = here.changed_in(ViewKind::Search, |s| s.q = Some("duties".into()));
    /// assert_eq!(to_query(&to), "?q=duties");
    /// ```
    pub fn changed_in(&self, view: ViewKind, change: impl FnOnce(&mut UrlState)) -> UrlState {
        let mut next = self.search_in(view);
        change(&mut next);
        next.with_view(view)
    }

    /// Sets the view, leaving `view` out when the other parameters imply it.
    pub fn with_view(mut self, view: ViewKind) -> UrlState {
        self.view = None;
        self.view = (self.implied_view() != view).then_some(view);
        self
    }
}

/// The two ways of showing a comparison.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CompareMode {
    /// Columns with the phrases they share marked, one colour per phrase.
    #[default]
    Phrases,
    /// The most similar passages paired, with a word-level diff.
    Aligned,
}

/// What the timeline's lanes are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lanes {
    #[default]
    Speaker,
    Venue,
}

impl Lanes {
    /// The kind of entity a lane stands for.
    pub fn kind(self) -> EntityKind {
        match self {
            Lanes::Speaker => EntityKind::Speaker,
            Lanes::Venue => EntityKind::Venue,
        }
    }
}

/// Something in the URL that was ignored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    UnknownParameter(String),
    EmptyValue(&'static str),
    TooLong(&'static str),
    Repeated(&'static str),
    /// Two views were asked for, or the view does not use the parameter; it was ignored.
    Conflict(&'static str),
    /// Not a whole number from 1 up.
    NotAPage,
    /// `compare` named one statement only.
    CompareNeedsTwo,
    /// `compare` named more than [`MAX_COMPARE`] statements; this many were dropped.
    CompareTooMany(usize),
    /// A list parameter named more than [`MAX_FILTER_IDS`] ids; this many were dropped.
    TooManyIds(&'static str, usize),
    /// A parameter's value is not one of the allowed words (which are given).
    NotOneOf(&'static str, &'static str),
    /// `from` or `to` is not a date (the reason).
    NotADate(&'static str, String),
    /// `from` was after `to`; they were swapped.
    DatesSwapped,
    /// `zoom` is not a year.
    NotAYear,
    /// `view=read` without `s` or `doc`.
    NothingToRead,
    /// `ctx` is not a whole number from 1 to [`MAX_CONTEXT`].
    NotAContext,
    /// More than [`MAX_FORMULATIONS`] `f`; this many were dropped.
    TooManyFormulations(usize),
    /// A list named the same id more than once; each is kept once.
    Duplicates(&'static str),
    /// A parameter (its name, as given) holds a `%` escape that is not two hex digits, or
    /// escapes that are not UTF-8: read with `�` in their place.
    BrokenEscape(String),
    /// A part's query string (`ref`, `within`, `without`) had this problem.
    Nested(&'static str, String),
    /// More problems than [`MAX_NOTICES`]; this many were not listed.
    More(usize),
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::UnknownParameter(k) => write!(f, "ignored unknown parameter “{k}”"),
            Notice::EmptyValue(k) => write!(f, "ignored empty “{k}”"),
            Notice::TooLong(k) => {
                write!(f, "ignored “{k}”: longer than {MAX_VALUE_LEN} characters")
            }
            Notice::Repeated(k) => write!(f, "“{k}” appears more than once; used the first"),
            Notice::Conflict(k) => write!(f, "ignored “{k}”: not used by the view shown"),
            Notice::NotAPage => write!(f, "ignored “page”: not a page number"),
            Notice::CompareNeedsTwo => {
                write!(
                    f,
                    "ignored “compare”: a comparison needs two to four statements"
                )
            }
            Notice::CompareTooMany(n) => write!(
                f,
                "“compare” holds at most {MAX_COMPARE} statements; ignored the last {n}"
            ),
            Notice::TooManyIds(k, n) => write!(
                f,
                "“{k}” holds at most {MAX_FILTER_IDS} ids; ignored the last {n}"
            ),
            Notice::NotOneOf(k, allowed) => write!(f, "ignored “{k}”: use {allowed}"),
            Notice::NotADate(k, why) => write!(f, "ignored “{k}”: {why}"),
            Notice::DatesSwapped => write!(f, "“from” was after “to”; swapped them"),
            Notice::NotAYear => write!(f, "ignored “zoom”: not a year (YYYY)"),
            Notice::NothingToRead => {
                write!(f, "ignored “view=read”: no statement (s) or document (doc)")
            }
            Notice::NotAContext => write!(
                f,
                "ignored “ctx”: words of context are a whole number from 1 to {MAX_CONTEXT}"
            ),
            Notice::TooManyFormulations(n) => write!(
                f,
                "the tracker follows at most {MAX_FORMULATIONS} formulations; ignored the last {n}"
            ),
            Notice::Duplicates(k) => write!(
                f,
                "“{k}” names a statement or id more than once; kept each once"
            ),
            Notice::BrokenEscape(k) => write!(
                f,
                "“{k}” holds a broken %-escape (not UTF-8): read with � in its place"
            ),
            Notice::Nested(k, why) => write!(f, "in “{k}”: {why}"),
            Notice::More(n) => write!(f, "and {n} more ignored parameters"),
        }
    }
}

/// A parsed URL: the state to show and what was ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub state: UrlState,
    pub notices: Vec<Notice>,
    /// The corpus version the link was made on (`v`), when it says: not part of the
    /// view's state (links inside the page leave it out), compared with the page's own.
    pub version: Option<String>,
}

/// The longest corpus version `v` may name.
pub const MAX_VERSION_LEN: usize = 16;

/// `link` (a page address or a query) with the corpus version it was made on.
///
/// ```
/// use tifa_view::url_state::{parse, with_version};
/// assert_eq!(with_version("https://example.org/?q=rights", "0123abcd"), "https://example.org/?q=rights&v=0123abcd");
/// assert_eq!(with_version("https://example.org/", "0123abcd"), "https://example.org/?v=0123abcd");
/// assert_eq!(parse("?q=rights&v=0123abcd").version.as_deref(), Some("0123abcd"));
/// ```
pub fn with_version(link: &str, version: &str) -> String {
    let (link, fragment) = match link.split_once('#') {
        Some((l, f)) => (l, format!("#{f}")),
        None => (link, String::new()),
    };
    let sep = if link.contains('?') { '&' } else { '?' };
    format!("{link}{sep}v={version}{fragment}")
}

/// The query without its `v`, and the version it names (a notice when it is not one).
fn take_version(query: &str, notices: &mut Vec<Notice>) -> (String, Option<String>) {
    let query = query.strip_prefix('?').unwrap_or(query);
    if !query.split('&').any(|p| p == "v" || p.starts_with("v=")) {
        return (query.to_owned(), None);
    }
    let mut rest = form_urlencoded::Serializer::new(String::new());
    let mut version = None;
    let mut seen = false;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key != "v" {
            rest.append_pair(&key, &value);
            continue;
        }
        if seen {
            notices.push(Notice::Repeated("v"));
            continue;
        }
        seen = true;
        let ok = !value.is_empty()
            && value.len() <= MAX_VERSION_LEN
            && value
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if ok {
            version = Some(value.into_owned());
        } else {
            notices.push(Notice::NotOneOf(
                "v",
                "a corpus version (up to 16 hexadecimal digits)",
            ));
        }
    }
    (rest.finish(), version)
}

/// Shortens a user-supplied name for display in a notice.
fn clip(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// The longest value `name` may have.
fn max_len(name: &str) -> usize {
    if matches!(name, "compare" | "speaker" | "venue" | "topic") {
        LIST_LEN
    } else if matches!(name, "ref" | "within" | "without") {
        statistics::PART_LEN
    } else {
        MAX_VALUE_LEN
    }
}

/// The parameters, in the order [`to_query`] writes them.
const KEYS: [&str; 18] = [
    "view", "q", "speaker", "venue", "topic", "from", "to", "sort", "s", "doc", "page", "compare",
    "mode", "lanes", "kind", "unit", "measure", "ctx",
];
/// The one parameter that may be repeated (each value a formulation).
const F: &str = "f";
const ZOOM: &str = "zoom";

/// Splits a comma-separated list: empty items dropped, duplicates dropped, at most
/// `max` kept (with a notice), each no longer than [`MAX_VALUE_LEN`].
fn list(
    name: &'static str,
    value: &str,
    max: usize,
    too_many: impl Fn(usize) -> Notice,
    notices: &mut Vec<Notice>,
) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut repeated = false;
    for id in value.split(',').filter(|id| !id.is_empty()) {
        if ids.iter().any(|i| i == id) {
            repeated = true;
        } else {
            ids.push(id.to_owned());
        }
    }
    if repeated {
        notices.push(Notice::Duplicates(name));
    }
    if ids.len() > max {
        notices.push(too_many(ids.len() - max));
        ids.truncate(max);
    }
    if ids.iter().any(|id| id.chars().count() > MAX_VALUE_LEN) {
        notices.push(Notice::TooLong(name));
        ids.clear();
    }
    ids
}

/// Parses a query string, with or without its leading `?`.
///
/// ```
/// use tifa_view::url_state::{parse, Notice};
/// let p = parse("?doc=2021-03-24-xinhua&x=1");
/// assert_eq!(p.state.doc.as_deref(), Some("2021-03-24-xinhua"));
/// assert_eq!(p.notices, vec![Notice::UnknownParameter("x".into())]);
/// ```
pub fn parse(query: &str) -> Parsed {
    parse_at(query, false)
}

/// Parses the query string of a part (`ref`, `within`, `without`): it holds no part of
/// its own.
fn parse_nested(query: &str) -> Parsed {
    parse_at(query, true)
}

fn parse_at(query: &str, nested: bool) -> Parsed {
    let mut notices = Vec::new();
    let (query, version) = take_version(query, &mut notices);
    let raw = read_params(&query, &mut notices);
    let (mut state, explicit) = read_values(raw, nested, &mut notices);
    drop_unused(&mut state, explicit, &mut notices);
    if notices.len() > MAX_NOTICES {
        let more = notices.len() - (MAX_NOTICES - 1);
        notices.truncate(MAX_NOTICES - 1);
        notices.push(Notice::More(more));
    }
    Parsed {
        state,
        notices,
        version,
    }
}

/// Whether a `key=value` pair of a query string has a `%` not followed by two hex
/// digits, or escapes that do not decode to UTF-8.
///
/// ```ignore
/// assert!(broken_escape("f=%E0%A4%A") && broken_escape("q=%ZZ") && !broken_escape("q=%E2%80%9C"));
/// ```
fn broken_escape(pair: &str) -> bool {
    let b = pair.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16);
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            match (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            ) {
                (Some(h), Some(l)) => {
                    bytes.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => return true,
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    std::str::from_utf8(&bytes).is_err()
}

/// The values of a query string: each known parameter's by its place in [`KEYS`]
/// (then `zoom`), and every `f`.
type Raw = ([Option<String>; ALL_KEYS], Vec<String>);

/// Every single-valued parameter: [`KEYS`], `zoom`, then [`statistics::KEYS`].
const ALL_KEYS: usize = KEYS.len() + 1 + statistics::KEYS.len();

/// The name of a parameter by its place (see [`ALL_KEYS`]).
fn key_name(slot: usize) -> &'static str {
    KEYS.iter()
        .chain([&ZOOM])
        .chain(statistics::KEYS.iter())
        .nth(slot)
        .copied()
        .unwrap_or("")
}

/// Each known parameter's value, with a notice for each parameter that is unknown,
/// repeated, empty or too long (left out); `f` may repeat (its repeats are dropped).
fn read_params(query: &str, notices: &mut Vec<Notice>) -> Raw {
    let query = query.strip_prefix('?').unwrap_or(query);
    for pair in query.split('&') {
        if broken_escape(pair) {
            let key = pair.split('=').next().unwrap_or("");
            let key = form_urlencoded::parse(key.as_bytes())
                .next()
                .map_or_else(String::new, |(k, _)| k.into_owned());
            notices.push(Notice::BrokenEscape(clip(&key)));
        }
    }
    let mut raw: [Option<String>; ALL_KEYS] = Default::default();
    let mut fs: Vec<String> = Vec::new();
    let mut extra_fs = 0;
    let mut seen = [false; ALL_KEYS];
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key == F {
            if value.trim().is_empty() {
                notices.push(Notice::EmptyValue(F));
            } else if value.chars().count() > MAX_VALUE_LEN {
                notices.push(Notice::TooLong(F));
            } else if fs.len() == MAX_FORMULATIONS {
                extra_fs += 1;
            } else if !fs.iter().any(|f| *f == value) {
                fs.push(value.into_owned());
            }
            continue;
        }
        let slot = match (0..ALL_KEYS).position(|i| key_name(i) == key.as_ref()) {
            Some(i) => i,
            None if key.is_empty() && value.is_empty() => continue,
            None => {
                notices.push(Notice::UnknownParameter(clip(&key)));
                continue;
            }
        };
        let name = key_name(slot);
        if seen[slot] {
            notices.push(Notice::Repeated(name));
            continue;
        }
        seen[slot] = true;
        if value.is_empty() {
            notices.push(Notice::EmptyValue(name));
        } else if value.chars().count() > max_len(name) {
            notices.push(Notice::TooLong(name));
        } else {
            raw[slot] = Some(value.into_owned());
        }
    }
    if extra_fs > 0 {
        notices.push(Notice::TooManyFormulations(extra_fs));
    }
    (raw, fs)
}

/// The state the values ask for (before the view drops what it does not use), and the
/// view named by `view`, if any; a notice for each value that is not of its form.
fn read_values(
    (raw, fs): Raw,
    nested: bool,
    notices: &mut Vec<Notice>,
) -> (UrlState, Option<ViewKind>) {
    let mut values = raw.into_iter();
    let raw: [Option<String>; KEYS.len() + 1] = std::array::from_fn(|_| values.next().flatten());
    let stats = std::array::from_fn(|_| values.next().flatten());
    let [view, q, speaker, venue, topic, from, to, sort, s, doc, page, compare, mode, lanes, kind, unit, measure, ctx, zoom] =
        raw;
    let mut state = UrlState {
        track: read_tracking(fs, unit, measure, notices),
        stats: statistics::read(stats, nested, notices),
        q,
        s,
        doc,
        ..UrlState::default()
    };
    let explicit = view.and_then(|v| {
        let kind = ViewKind::parse(&v);
        if kind.is_none() {
            notices.push(Notice::NotOneOf(
                "view",
                "library, timeline, search, read, compare, track, kwic, formulations, keywords, collocates, clusters or dispersion",
            ));
        }
        kind
    });
    for (name, value, slot) in [
        ("speaker", speaker, &mut state.filters.speaker),
        ("venue", venue, &mut state.filters.venue),
        ("topic", topic, &mut state.filters.topic),
    ] {
        if let Some(v) = value {
            *slot = list(
                name,
                &v,
                MAX_FILTER_IDS,
                |n| Notice::TooManyIds(name, n),
                notices,
            );
        }
    }
    state.filters.kinds = read_kinds(kind, notices);
    for (name, value, slot) in [
        ("from", from, &mut state.filters.from),
        ("to", to, &mut state.filters.to),
    ] {
        if let Some(v) = value {
            match PartialDate::parse(&v) {
                Ok(d) => *slot = Some(d),
                Err(why) => notices.push(Notice::NotADate(name, why)),
            }
        }
    }
    if let (Some(f), Some(t)) = (state.filters.from, state.filters.to) {
        // Compare the first day each can mean: `2021` to `2021-03` is a fine range.
        if f.first_day() > t.first_day() {
            state.filters.from = Some(t);
            state.filters.to = Some(f);
            notices.push(Notice::DatesSwapped);
        }
    }
    match sort.as_deref() {
        None | Some("relevance") => {}
        Some("date") => state.sort = Sort::Date,
        Some("oldest") => state.sort = Sort::Oldest,
        Some(other) => match (KwicOrder::parse(other), Listing::parse(other)) {
            (Some(order), _) => state.kwic.order = order,
            (_, Some(order)) => state.listing = order,
            _ => notices.push(Notice::NotOneOf(
                "sort",
                "“date”, “oldest” or “relevance” (a concordance also: “1L”, “2L”, “1R”, “2R”, “speaker”; the formulations: “spread”, “count”, “first”, “recent”)",
            )),
        },
    }
    if let Some(c) = ctx {
        match c.parse::<u8>() {
            Ok(n) if (1..=MAX_CONTEXT).contains(&n) && c.bytes().all(|b| b.is_ascii_digit()) => {
                state.kwic.ctx = n
            }
            _ => notices.push(Notice::NotAContext),
        }
    }
    match mode.as_deref() {
        None | Some("phrases") => {}
        Some("aligned") => state.mode = CompareMode::Aligned,
        Some(_) => notices.push(Notice::NotOneOf("mode", "“aligned” or “phrases”")),
    }
    match lanes.as_deref() {
        None | Some("speaker") => {}
        Some("venue") => state.lanes = Lanes::Venue,
        Some(_) => notices.push(Notice::NotOneOf("lanes", "“speaker” or “venue”")),
    }
    if let Some(z) = zoom {
        match z.parse::<u16>() {
            Ok(y) if z.len() == 4 && z.bytes().all(|b| b.is_ascii_digit()) && y >= 1 => {
                state.zoom = Some(y)
            }
            _ => notices.push(Notice::NotAYear),
        }
    }
    if let Some(p) = page {
        match p.parse::<u32>() {
            Ok(n) if n >= 1 && p.bytes().all(|b| b.is_ascii_digit()) => {
                state.page = (n > 1).then_some(n)
            }
            _ => notices.push(Notice::NotAPage),
        }
    }
    if let Some(v) = compare {
        let ids = list("compare", &v, MAX_COMPARE, Notice::CompareTooMany, notices);
        // One statement is a comparison being built, but only when asked for.
        let least = if explicit == Some(ViewKind::Compare) {
            1
        } else {
            2
        };
        if ids.len() >= least {
            state.compare = ids;
        } else if !notices.contains(&Notice::TooLong("compare")) {
            notices.push(Notice::CompareNeedsTwo);
        }
    }

    (state, explicit)
}

/// The passage kinds of `kind`, canonical (see [`Filters::kinds`]).
fn read_kinds(kind: Option<String>, notices: &mut Vec<Notice>) -> Vec<PassageKind> {
    if kind.as_deref() == Some("all") {
        return PassageKind::ALL.to_vec();
    }
    let mut kinds = Vec::new();
    for k in kind
        .iter()
        .flat_map(|k| k.split(','))
        .filter(|k| !k.is_empty())
    {
        match PassageKind::parse(k) {
            Some(k) if !kinds.contains(&k) => kinds.push(k),
            Some(_) => {}
            None => {
                notices.push(Notice::NotOneOf(
                    "kind",
                    "“quote”, “reported”, “narration”, “question” or “all”",
                ));
                kinds.clear();
                break;
            }
        }
    }
    kinds.sort_by_key(|k| PassageKind::ALL.iter().position(|a| a == k));
    // The default is written as none.
    if kinds == [PassageKind::Quote, PassageKind::Reported] {
        kinds.clear();
    }
    kinds
}

/// The tracker's parameters.
fn read_tracking(
    f: Vec<String>,
    unit: Option<String>,
    measure: Option<String>,
    notices: &mut Vec<Notice>,
) -> Tracking {
    let unit = match unit.as_deref() {
        None => None,
        Some("year") => Some(TimeUnit::Year),
        Some("month") => Some(TimeUnit::Month),
        Some(_) => {
            notices.push(Notice::NotOneOf("unit", "“year” or “month”"));
            None
        }
    };
    let counts = match measure.as_deref() {
        None | Some("share") => false,
        Some("count") => true,
        Some(_) => {
            notices.push(Notice::NotOneOf("measure", "“share” or “count”"));
            false
        }
    };
    Tracking { f, unit, counts }
}

/// Settles the view (`explicit`, or the one the values imply) and drops, with a notice,
/// every value that view does not use.
fn drop_unused(state: &mut UrlState, explicit: Option<ViewKind>, notices: &mut Vec<Notice>) {
    // The view, then what it does not use.
    let view = match explicit {
        Some(ViewKind::Read) if state.s.is_none() && state.doc.is_none() => {
            notices.push(Notice::NothingToRead);
            None
        }
        Some(ViewKind::Read) if state.compare.len() >= 2 => {
            // Reading wins over the implied comparison.
            notices.push(Notice::Conflict("compare"));
            state.compare.clear();
            Some(ViewKind::Read)
        }
        v => v,
    };
    let kind = view.unwrap_or_else(|| state.implied_view());
    let keep = |used: bool, name: &'static str, present: bool, notices: &mut Vec<Notice>| {
        if !used && present {
            notices.push(Notice::Conflict(name));
        }
        used || !present
    };
    let compare_view = kind == ViewKind::Compare;
    let read = kind == ViewKind::Read;
    let timeline = kind == ViewKind::Timeline;
    let library = kind == ViewKind::Library;
    let tracker = kind == ViewKind::Track;
    let t = &state.track;
    for (name, present) in [
        (F, !t.f.is_empty()),
        ("unit", t.unit.is_some()),
        ("measure", t.counts),
    ] {
        keep(tracker, name, present, notices);
    }
    if !tracker {
        state.track = Tracking::default();
    }
    let kwic = kind == ViewKind::Kwic;
    let (c, o) = (state.kwic.ctx, state.kwic.order);
    keep(kwic, "ctx", c != DEFAULT_CONTEXT, notices);
    if !keep(kwic, "sort", o != KwicOrder::Corpus, notices) || !kwic {
        state.kwic = Concordance::default();
    }
    if kwic && state.sort == Sort::Oldest {
        // The concordance's own order is already oldest first.
        state.sort = Sort::Relevance;
    }
    if kwic && o != KwicOrder::Corpus && state.sort == Sort::Date {
        // Two orders asked for at once: the one given first in the URL is unknown here;
        // the concordance's own wins.
        state.sort = Sort::Relevance;
    }
    if !keep(compare_view, "compare", !state.compare.is_empty(), notices) {
        state.compare.clear();
    }
    if !keep(
        compare_view,
        "mode",
        state.mode != CompareMode::Phrases,
        notices,
    ) {
        state.mode = CompareMode::Phrases;
    }
    if !keep(read, "s", state.s.is_some(), notices) {
        state.s = None;
    }
    let doc_used = read && state.s.is_none();
    if !keep(doc_used, "doc", state.doc.is_some(), notices) {
        state.doc = None;
    }
    let listing = kind == ViewKind::Formulations;
    let paged = library || kwic || listing || kind == ViewKind::Search || kind.is_statistics();
    if !keep(
        listing,
        "sort",
        state.listing != Listing::Formulaic,
        notices,
    ) {
        state.listing = Listing::Formulaic;
    }
    if (listing || kind.is_statistics()) && state.sort != Sort::Relevance {
        // Newest first means nothing here: the list has its own orders.
        notices.push(Notice::Conflict("sort"));
        state.sort = Sort::Relevance;
    }
    if !keep(paged, "page", state.page.is_some(), notices) {
        state.page = None;
    }
    if !keep(timeline, "lanes", state.lanes != Lanes::Speaker, notices) {
        state.lanes = Lanes::Speaker;
    }
    if !keep(timeline, "zoom", state.zoom.is_some(), notices) {
        state.zoom = None;
    }
    if library {
        // Only an explicit `view=library` gets here with a search.
        if !keep(false, "q", state.q.is_some(), notices) {
            state.q = None;
        }
        if !keep(false, "filters", !state.filters.is_empty(), notices) {
            state.filters = Filters::default();
        }
        if !keep(false, "sort", state.sort != Sort::Relevance, notices) {
            state.sort = Sort::Relevance;
        }
    }
    statistics::drop_unused(&mut state.stats, kind, notices);
    state.view = (state.implied_view() != kind).then_some(kind);
}

/// Serializes a state into a query string: `""` for the default view, else `?k=v…`.
///
/// Writes what the state's view uses, in a fixed order, so equal states give equal
/// links.
///
/// ```
/// use tifa_view::url_state::{to_query, UrlState};
/// assert_eq!(to_query(&UrlState::default()), "");
/// let doc = UrlState { doc: Some("a b".into()), ..Default::default() };
/// assert_eq!(to_query(&doc), "?doc=a+b");
/// ```
pub fn to_query(state: &UrlState) -> String {
    let kind = state.view();
    let mut ser = form_urlencoded::Serializer::new(String::new());
    if state.view.is_some_and(|v| v != state.implied_view()) {
        ser.append_pair("view", kind.as_str());
    }
    if kind != ViewKind::Library {
        if let Some(q) = &state.q {
            ser.append_pair("q", q);
        }
        let f = &state.filters;
        for (name, ids) in [
            ("speaker", &f.speaker),
            ("venue", &f.venue),
            ("topic", &f.topic),
        ] {
            if !ids.is_empty() {
                ser.append_pair(name, &ids.join(","));
            }
        }
        if let Some(d) = f.from {
            ser.append_pair("from", &d.to_string());
        }
        if let Some(d) = f.to {
            ser.append_pair("to", &d.to_string());
        }
        if let Some(k) = f.kinds_param() {
            ser.append_pair("kind", &k);
        }
        // One order at a time: a concordance's own order wins over newest first.
        let kwic_order = kind == ViewKind::Kwic && state.kwic.order != KwicOrder::Corpus;
        if !kwic_order && kind != ViewKind::Formulations && !kind.is_statistics() {
            match state.sort {
                Sort::Date => {
                    ser.append_pair("sort", "date");
                }
                Sort::Oldest => {
                    ser.append_pair("sort", "oldest");
                }
                Sort::Relevance => {}
            }
        }
    }
    match kind {
        ViewKind::Compare => {
            if !state.compare.is_empty() {
                ser.append_pair("compare", &state.compare.join(","));
            }
            if state.mode == CompareMode::Aligned {
                ser.append_pair("mode", "aligned");
            }
        }
        ViewKind::Read => {
            if let Some(s) = &state.s {
                ser.append_pair("s", s);
            } else if let Some(doc) = &state.doc {
                ser.append_pair("doc", doc);
            }
        }
        ViewKind::Library => {
            if let Some(page) = state.page.filter(|&p| p > 1) {
                ser.append_pair("page", &page.to_string());
            }
        }
        ViewKind::Timeline => {
            if state.lanes == Lanes::Venue {
                ser.append_pair("lanes", "venue");
            }
            if let Some(z) = state.zoom {
                ser.append_pair("zoom", &format!("{z:04}"));
            }
        }
        ViewKind::Search => {
            if let Some(page) = state.page.filter(|&p| p > 1) {
                ser.append_pair("page", &page.to_string());
            }
        }
        ViewKind::Formulations => {
            if let Some(order) = state.listing.as_str() {
                ser.append_pair("sort", order);
            }
            if let Some(page) = state.page.filter(|&p| p > 1) {
                ser.append_pair("page", &page.to_string());
            }
        }
        ViewKind::Keywords | ViewKind::Collocates | ViewKind::Clusters | ViewKind::Dispersion => {
            if let Some(page) = state.page.filter(|&p| p > 1) {
                ser.append_pair("page", &page.to_string());
            }
            statistics::write(&state.stats, &mut ser);
        }
        ViewKind::Kwic => {
            if let Some(order) = state.kwic.order.as_str() {
                ser.append_pair("sort", order);
            }
            if state.kwic.ctx != DEFAULT_CONTEXT {
                ser.append_pair("ctx", &state.kwic.ctx.to_string());
            }
            if let Some(page) = state.page.filter(|&p| p > 1) {
                ser.append_pair("page", &page.to_string());
            }
            statistics::write(&state.stats.for_concordance(), &mut ser);
        }
        ViewKind::Track => {
            let t = &state.track;
            for f in &t.f {
                ser.append_pair(F, f);
            }
            match t.unit {
                Some(TimeUnit::Year) => ser.append_pair("unit", "year"),
                Some(TimeUnit::Month) => ser.append_pair("unit", "month"),
                None => &mut ser,
            };
            if t.counts {
                ser.append_pair("measure", "count");
            }
        }
    }
    let q = ser.finish();
    if q.is_empty() {
        q
    } else {
        format!("?{q}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(s).unwrap())
    }

    #[test]
    fn the_concordance_takes_its_context_order_and_page() {
        let p = parse("?view=kwic&q=rights&ctx=5&sort=1R&page=3");
        assert_eq!(p.notices, vec![]);
        assert_eq!(p.state.view(), ViewKind::Kwic);
        assert_eq!(p.state.kwic.ctx, 5);
        assert_eq!(p.state.kwic.order, KwicOrder::Right1);
        assert_eq!(to_query(&p.state), "?q=rights&sort=1R&ctx=5&page=3");
        // Implied by its own parameters; the defaults are written as nothing.
        assert_eq!(parse("?q=x&sort=speaker").state.view(), ViewKind::Kwic);
        assert_eq!(
            to_query(&parse("?view=kwic&q=x&ctx=8").state),
            "?view=kwic&q=x"
        );
        assert_eq!(
            parse("?view=kwic&q=x&ctx=0").notices,
            vec![Notice::NotAContext]
        );
        assert_eq!(
            parse("?view=kwic&q=x&ctx=31").notices,
            vec![Notice::NotAContext]
        );
        // Another view ignores them.
        let other = parse("?view=search&q=x&sort=1L&ctx=4");
        assert_eq!(other.state.kwic, Concordance::default());
        assert_eq!(
            other.notices,
            vec![Notice::Conflict("ctx"), Notice::Conflict("sort")]
        );
    }

    #[test]
    fn broken_escapes_and_repeated_ids_are_said() {
        let p = parse("?view=track&f=%E0%A4%A");
        assert_eq!(p.notices, vec![Notice::BrokenEscape("f".into())]);
        assert_eq!(
            p.notices[0].to_string(),
            "“f” holds a broken %-escape (not UTF-8): read with � in its place"
        );
        assert_eq!(
            parse("?q=%ZZrights").notices,
            vec![Notice::BrokenEscape("q".into())]
        );
        assert_eq!(parse("?q=%E2%80%9Cwin%E2%80%9D").notices, vec![]);
        let p = parse("?compare=a,b,a,b,a");
        assert_eq!(p.state.compare, ["a", "b"]);
        assert_eq!(p.notices, vec![Notice::Duplicates("compare")]);
    }

    #[test]
    fn passage_kinds_default_to_the_speakers_own_words_in_every_view() {
        // The default is written as nothing; every kind as `all`.
        for (url, kinds, written) in [
            ("?q=x", Kinds::OWN_WORDS, "?q=x"),
            ("?q=x&kind=reported,quote", Kinds::OWN_WORDS, "?q=x"),
            (
                "?q=x&kind=question,quote,narration,reported",
                Kinds::ALL,
                "?q=x&kind=all",
            ),
            ("?q=x&kind=all", Kinds::ALL, "?q=x&kind=all"),
            (
                "?q=x&kind=narration",
                Kinds::of(&[PassageKind::Narration]),
                "?q=x&kind=narration",
            ),
        ] {
            let p = parse(url);
            assert_eq!(p.notices, vec![], "{url}");
            assert_eq!(p.state.filters.passage_kinds(), kinds, "{url}");
            assert_eq!(to_query(&p.state), written, "{url}");
        }
        // A filter like the others: kept by every view but the library.
        for view in ["kwic", "formulations", "timeline", "search"] {
            let p = parse(&format!("?view={view}&q=x&kind=all"));
            assert_eq!(p.notices, vec![], "{view}");
            assert!(to_query(&p.state).contains("kind=all"), "{view}");
        }
        assert_eq!(parse("?kind=all").state.view(), ViewKind::Search);
    }

    #[test]
    fn the_tracker_follows_repeated_f_with_its_own_parameters() {
        let p = parse("?f=%22for+mankind%22&f=humanity&f=humanity&kind=quote,narration&unit=month&measure=count&speaker=a");
        assert_eq!(p.notices, vec![]);
        assert_eq!(p.state.view(), ViewKind::Track);
        assert_eq!(p.state.track.f, ["\"for mankind\"", "humanity"]);
        assert_eq!(
            p.state.filters.kinds,
            [PassageKind::Quote, PassageKind::Narration]
        );
        assert_eq!(
            to_query(&p.state),
            "?speaker=a&kind=quote%2Cnarration&f=%22for+mankind%22&f=humanity&unit=month&measure=count"
        );
        let bad = parse("?f=x&kind=speech&unit=week&measure=ratio");
        assert_eq!(bad.notices.len(), 3, "{:?}", bad.notices);
        assert!(
            bad.notices.iter().any(|n| n.to_string()
                == "ignored “kind”: use “quote”, “reported”, “narration”, “question” or “all”"),
            "{:?}",
            bad.notices
        );
        // At most six; another view ignores them.
        let many: String = (0..8).map(|i| format!("f=w{i}&")).collect();
        let p = parse(&format!("?{many}"));
        assert_eq!(p.state.track.f.len(), MAX_FORMULATIONS);
        assert_eq!(
            p.notices[0].to_string(),
            "the tracker follows at most 6 formulations; ignored the last 2"
        );
        let other = parse("?view=search&q=x&f=y&unit=year");
        assert_eq!(other.state.track, Tracking::default());
        assert_eq!(
            other.notices,
            vec![Notice::Conflict("f"), Notice::Conflict("unit")]
        );
        assert_eq!(parse("?f=+").notices, vec![Notice::EmptyValue("f")]);
    }

    #[test]
    fn empty_and_bare_question_mark_are_the_library() {
        assert_eq!(parse(""), Parsed::default());
        assert_eq!(parse("?"), Parsed::default());
        assert_eq!(parse("?&&"), Parsed::default());
        assert_eq!(parse("").state.view(), ViewKind::Library);
    }

    #[test]
    fn repeated_empty_and_long_values_give_notices() {
        let p = parse("?doc=a&doc=b");
        assert_eq!(p.state.doc.as_deref(), Some("a"));
        assert_eq!(p.notices, vec![Notice::Repeated("doc")]);
        assert_eq!(parse("?doc=").notices, vec![Notice::EmptyValue("doc")]);
        assert_eq!(
            parse("?doc=&doc=x").notices,
            vec![Notice::EmptyValue("doc"), Notice::Repeated("doc")]
        );
        let long = format!("?doc={}", "x".repeat(MAX_VALUE_LEN + 1));
        assert_eq!(parse(&long).notices, vec![Notice::TooLong("doc")]);
    }

    #[test]
    fn thousands_of_parameters_give_a_bounded_list_of_notices() {
        let q: String = (0..5000).map(|i| format!("k{i}=v&")).collect();
        let p = parse(&q);
        assert_eq!(p.notices.len(), MAX_NOTICES);
        assert_eq!(
            p.notices.last(),
            Some(&Notice::More(5000 - (MAX_NOTICES - 1)))
        );
    }

    #[test]
    fn statement_wins_over_document() {
        let p = parse("?doc=d&s=x");
        assert_eq!(
            p.state,
            UrlState {
                s: Some("x".into()),
                ..Default::default()
            }
        );
        assert_eq!(p.state.view(), ViewKind::Read);
        assert_eq!(p.notices, vec![Notice::Conflict("doc")]);
    }

    #[test]
    fn pages_are_whole_numbers_from_one() {
        assert_eq!(parse("?page=3").state.page, Some(3));
        assert_eq!(parse("?page=1").state.page, None);
        for bad in ["0", "-2", "+2", "2.5", "x", "99999999999"] {
            let p = parse(&format!("?page={bad}"));
            assert_eq!(p.state.page, None, "{bad}");
            assert_eq!(p.notices, vec![Notice::NotAPage], "{bad}");
        }
        assert_eq!(parse("?s=x&page=2").notices, vec![Notice::Conflict("page")]);
    }

    #[test]
    fn a_link_names_its_corpus_version_apart_from_the_view() {
        let p = parse("?q=rights&v=0123abcdef99");
        assert_eq!(p.version.as_deref(), Some("0123abcdef99"));
        assert_eq!(
            (to_query(&p.state), p.notices.len()),
            ("?q=rights".to_string(), 0)
        );
        for bad in ["v=XYZ", "v=", "v=0123456789abcdef0", "v=ab&v=cd"] {
            let p = parse(&format!("?q=x&{bad}"));
            assert_eq!(p.notices.len(), 1, "{bad}");
            assert_eq!(p.state.q.as_deref(), Some("x"), "{bad}");
        }
        assert_eq!(parse("?v=ab&v=cd").version.as_deref(), Some("ab"));
        assert_eq!(with_version("?s=a#p3", "ab"), "?s=a&v=ab#p3");
    }

    #[test]
    fn the_formulations_list_takes_its_order_filters_and_page() {
        let p = parse("?view=formulations&q=shared&speaker=a&sort=first&page=2");
        assert_eq!(p.state.view(), ViewKind::Formulations);
        assert_eq!((p.state.listing, p.state.page), (Listing::First, Some(2)));
        assert_eq!(to_query(&p.state), "?q=shared&speaker=a&sort=first&page=2");
        // An order of the list alone implies the list.
        assert_eq!(parse("?sort=count").state.view(), ViewKind::Formulations);
        assert_eq!(to_query(&parse("?sort=count").state), "?sort=count");
        // The list's orders mean nothing elsewhere, and newest first nothing here.
        let p = parse("?view=search&q=x&sort=recent");
        assert_eq!(
            (p.state.listing, p.notices),
            (Listing::Formulaic, vec![Notice::Conflict("sort")])
        );
        let p = parse("?view=formulations&sort=date");
        assert_eq!(
            (p.state.sort, p.notices),
            (Sort::Relevance, vec![Notice::Conflict("sort")])
        );
        // The default order is formulaic; `spread` is one of its others.
        assert_eq!(parse("?view=formulations&sort=spread").notices, vec![]);
        assert_eq!(parse("?view=formulations&sort=formulaic").notices.len(), 1);
    }

    #[test]
    fn search_results_are_paged_and_a_new_search_starts_at_page_one() {
        let p = parse("?q=rights&sort=date&page=4");
        assert_eq!((p.state.view(), p.state.page), (ViewKind::Search, Some(4)));
        assert_eq!(to_query(&p.state), "?q=rights&sort=date&page=4");
        // Another view of the same search, or the search changed, starts again.
        assert_eq!(p.state.search_in(ViewKind::Search).page, None);
        assert_eq!(p.state.reading("x").page, None);
        let timeline = parse("?view=timeline&q=rights&page=2");
        assert_eq!(timeline.notices, vec![Notice::Conflict("page")]);
    }

    #[test]
    fn compare_takes_two_to_four_distinct_ids_and_wins_over_a_statement() {
        let p = parse("?compare=a,b,,a&s=x&mode=aligned");
        assert_eq!(p.state.compare, ["a", "b"]);
        assert_eq!(p.state.mode, CompareMode::Aligned);
        assert_eq!(p.state.s, None);
        assert_eq!(p.state.view(), ViewKind::Compare);
        assert_eq!(
            p.notices,
            vec![Notice::Duplicates("compare"), Notice::Conflict("s")]
        );
        let p = parse("?compare=a,b,c,d,e,f");
        assert_eq!(p.state.compare, ["a", "b", "c", "d"]);
        assert_eq!(p.notices, vec![Notice::CompareTooMany(2)]);
        let p = parse("?compare=a&s=x");
        assert!(p.state.compare.is_empty());
        assert_eq!(p.state.s.as_deref(), Some("x"));
        assert_eq!(p.notices, vec![Notice::CompareNeedsTwo]);
        assert_eq!(
            parse("?compare=a,b&mode=side").notices,
            vec![Notice::NotOneOf("mode", "“aligned” or “phrases”")]
        );
        assert_eq!(
            parse("?mode=aligned").notices,
            vec![Notice::Conflict("mode")]
        );
        let long = format!("?compare=a,{}", "x".repeat(MAX_VALUE_LEN + 1));
        assert_eq!(parse(&long).notices, vec![Notice::TooLong("compare")]);
        let state = UrlState {
            compare: vec!["a".into(), "b c".into()],
            mode: CompareMode::Aligned,
            ..Default::default()
        };
        assert_eq!(to_query(&state), "?compare=a%2Cb+c&mode=aligned");
    }

    #[test]
    fn a_comparison_being_built_holds_one_statement_or_none() {
        let p = parse("?view=compare&compare=a");
        assert_eq!(p.state.compare, ["a"]);
        assert_eq!(p.state.view(), ViewKind::Compare);
        assert!(p.notices.is_empty());
        assert_eq!(to_query(&p.state), "?view=compare&compare=a");
        let p = parse("?view=compare");
        assert_eq!(p.state.view(), ViewKind::Compare);
        assert!(p.notices.is_empty());
        // Redundant `view` is dropped from the canonical form.
        let p = parse("?view=compare&compare=a,b");
        assert_eq!(p.state.view, None);
        assert_eq!(to_query(&p.state), "?compare=a%2Cb");
    }

    #[test]
    fn the_view_is_inferred_or_given() {
        let cases = [
            ("?q=x", ViewKind::Search),
            ("?speaker=wang-yi", ViewKind::Search),
            ("?sort=date", ViewKind::Search),
            ("?from=2021", ViewKind::Search),
            ("?lanes=venue", ViewKind::Timeline),
            ("?zoom=2021", ViewKind::Timeline),
            ("?view=timeline", ViewKind::Timeline),
            ("?view=timeline&q=x", ViewKind::Timeline),
            ("?view=search", ViewKind::Search),
            ("?view=library", ViewKind::Library),
            ("?s=x", ViewKind::Read),
            ("?view=read&doc=d", ViewKind::Read),
        ];
        for (query, view) in cases {
            let p = parse(query);
            assert_eq!(p.state.view(), view, "{query}");
            assert!(p.notices.is_empty(), "{query}: {:?}", p.notices);
        }
        let p = parse("?view=read");
        assert_eq!(p.state.view(), ViewKind::Library);
        assert_eq!(p.notices, vec![Notice::NothingToRead]);
        let p = parse("?view=map&q=x");
        assert_eq!(p.state.view(), ViewKind::Search);
        assert_eq!(
            p.notices,
            vec![Notice::NotOneOf(
                "view",
                "library, timeline, search, read, compare, track, kwic, formulations, keywords, collocates, clusters or dispersion"
            )]
        );
        // The view decides what else is used.
        let p = parse("?view=timeline&s=x&page=2&lanes=venue&q=rights");
        assert_eq!(p.state.s, None);
        assert_eq!(p.state.page, None);
        assert_eq!(p.state.lanes, Lanes::Venue);
        assert_eq!(p.state.q.as_deref(), Some("rights"));
        assert_eq!(
            p.notices,
            vec![Notice::Conflict("s"), Notice::Conflict("page")]
        );
        let p = parse("?view=library&q=x&speaker=a");
        assert_eq!(p.state, UrlState::default());
        assert_eq!(
            p.notices,
            vec![Notice::Conflict("q"), Notice::Conflict("filters")]
        );
        assert_eq!(
            parse("?s=x&zoom=2020").notices,
            vec![Notice::Conflict("zoom")]
        );
    }

    #[test]
    fn filters_are_lists_of_ids_and_dates() {
        let p = parse("?speaker=wang-yi,,mao-ning,wang-yi&topic=covid-19&from=2020-06&to=2021");
        let f = &p.state.filters;
        assert_eq!(f.speaker, ["wang-yi", "mao-ning"]);
        assert_eq!(f.topic, ["covid-19"]);
        assert_eq!((f.from, f.to), (date("2020-06"), date("2021")));
        assert_eq!(p.notices, vec![Notice::Duplicates("speaker")]);
        assert_eq!(
            to_query(&p.state),
            "?speaker=wang-yi%2Cmao-ning&topic=covid-19&from=2020-06&to=2021"
        );
        let many: Vec<String> = (0..10).map(|i| format!("v{i}")).collect();
        let p = parse(&format!("?venue={}", many.join(",")));
        assert_eq!(p.state.filters.venue.len(), MAX_FILTER_IDS);
        assert_eq!(p.notices, vec![Notice::TooManyIds("venue", 2)]);
    }

    #[test]
    fn bad_dates_are_named_and_reversed_ranges_swapped() {
        for bad in ["2021-13", "2021-02-30", "21", "2021/03", "x", "2021-3"] {
            let p = parse(&format!("?from={bad}"));
            assert_eq!(p.state.filters.from, None, "{bad}");
            assert!(
                matches!(&p.notices[..], [Notice::NotADate("from", _)]),
                "{bad}: {:?}",
                p.notices
            );
        }
        let p = parse("?from=2022&to=2020-05");
        assert_eq!(
            (p.state.filters.from, p.state.filters.to),
            (date("2020-05"), date("2022"))
        );
        assert_eq!(p.notices, vec![Notice::DatesSwapped]);
        // A year and a month inside it are a fine range either way round.
        assert!(parse("?from=2021&to=2021-03").notices.is_empty());
    }

    #[test]
    fn sort_lanes_and_zoom_take_known_values() {
        assert_eq!(parse("?q=x&sort=date").state.sort, Sort::Date);
        assert_eq!(parse("?q=x&sort=oldest").state.sort, Sort::Oldest);
        assert_eq!(
            to_query(&parse("?q=x&sort=oldest").state),
            "?q=x&sort=oldest"
        );
        assert_eq!(parse("?q=x&sort=relevance").state.sort, Sort::Relevance);
        assert_eq!(
            parse("?q=x&sort=random").notices,
            vec![Notice::NotOneOf(
                "sort",
                "“date”, “oldest” or “relevance” (a concordance also: “1L”, “2L”, “1R”, “2R”, “speaker”; the formulations: “spread”, “count”, “first”, “recent”)"
            )]
        );
        assert_eq!(
            parse("?view=timeline&lanes=topic").notices,
            vec![Notice::NotOneOf("lanes", "“speaker” or “venue”")]
        );
        for bad in ["21", "0000", "20210", "-202", "abcd"] {
            assert_eq!(
                parse(&format!("?view=timeline&zoom={bad}")).notices,
                vec![Notice::NotAYear],
                "{bad}"
            );
        }
        assert_eq!(parse("?zoom=0987").state.zoom, Some(987));
    }

    #[test]
    fn links_to_other_views_keep_the_search() {
        let here = parse("?q=rights&topic=covid-19&sort=date&s=x").state;
        let timeline = here.search_in(ViewKind::Timeline);
        assert_eq!(
            to_query(&timeline),
            "?view=timeline&q=rights&topic=covid-19&sort=date"
        );
        assert_eq!(
            to_query(&here.search_in(ViewKind::Compare)),
            "?view=compare&q=rights&topic=covid-19&sort=date"
        );
        assert_eq!(
            to_query(&UrlState::default().search_in(ViewKind::Search)),
            "?view=search"
        );
        assert_eq!(
            to_query(&UrlState::default().search_in(ViewKind::Library)),
            ""
        );
    }

    #[test]
    fn invalid_percent_encoding_is_kept_literally() {
        let p = parse("?doc=%zz%");
        assert_eq!(p.state.doc.as_deref(), Some("%zz%"));
    }

    fn ids(max: usize) -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec("[a-z0-9-]{1,20}", 0..=max)
    }

    fn partial_date() -> impl Strategy<Value = Option<PartialDate>> {
        proptest::option::of(
            (1u16..=9999, proptest::option::of(1u8..=12), 1u8..=28).prop_map(
                |(year, month, day)| PartialDate {
                    year,
                    month,
                    day: month.map(|_| day),
                },
            ),
        )
    }

    fn view_kind() -> impl Strategy<Value = Option<ViewKind>> {
        proptest::option::of(prop_oneof![
            Just(ViewKind::Library),
            Just(ViewKind::Timeline),
            Just(ViewKind::Search),
            Just(ViewKind::Read),
            Just(ViewKind::Compare),
            Just(ViewKind::Track),
            Just(ViewKind::Kwic),
            Just(ViewKind::Formulations),
            Just(ViewKind::Keywords),
            Just(ViewKind::Collocates),
            Just(ViewKind::Clusters),
            Just(ViewKind::Dispersion),
        ])
    }

    fn part() -> impl Strategy<Value = statistics::Part> {
        (
            proptest::option::of("\\PC{1,40}"),
            ids(3),
            ids(2),
            partial_date(),
        )
            .prop_map(|(q, speaker, topic, from)| statistics::Part {
                q,
                filters: Filters {
                    speaker,
                    topic,
                    from,
                    ..Filters::default()
                },
            })
    }

    prop_compose! {
        fn stats()(
            reference in proptest::option::of(proptest::option::of(part())),
            within in proptest::option::of((part(), any::<bool>())),
            near in proptest::option::of("[a-z\\p{Han}]{1,12}"),
            window in (0u8..=10, 0u8..=10),
            by in proptest::option::of(0usize..10),
            negative in any::<bool>(),
            min in proptest::option::of(0u32..=1_000_000),
            fmin in proptest::option::of(0u32..=100),
            sig in 0usize..5,
            uncorrected in any::<bool>(),
            stems in any::<bool>(),
            n in 2u8..=8,
        ) -> Statistics {
            use statistics::{By, Reference, Significance, Within};
            let by_all = [By::G2, By::LogRatio, By::LogDice, By::Mi, By::Mi3, By::TScore, By::LogLikelihood, By::Frequency, By::Range, By::Dp];
            let sigs = [Significance::P05, Significance::P01, Significance::P001, Significance::P0001, Significance::All];
            Statistics {
                reference: reference.map(|r| r.map_or(Reference::Rest, Reference::Part)),
                within: within.map(|(part, outside)| Within { part, outside }),
                near,
                window: if window == (0, 0) { (5, 5) } else { window },
                by: by.map(|b| by_all[b]),
                negative,
                min,
                fmin,
                sig: sigs[sig],
                uncorrected,
                stems,
                n,
            }
        }
    }

    prop_compose! {
        fn any_state()(
            view in view_kind(),
            q in proptest::option::of("\\PC{1,60}"),
            speaker in ids(MAX_FILTER_IDS),
            venue in ids(3),
            topic in ids(3),
            from in partial_date(),
            to in partial_date(),
            by_date in 0usize..3,
            s in proptest::option::of("\\PC{1,60}"),
            doc in proptest::option::of("\\PC{1,60}"),
            page in proptest::option::of(2u32..100_000),
            compare in ids(MAX_COMPARE),
            aligned in any::<bool>(),
            by_venue in any::<bool>(),
            zoom in proptest::option::of(1u16..=9999),
            track in tracking(),
            ctx in 1u8..=MAX_CONTEXT,
            order in 0usize..6,
            listing in 0usize..5,
            kinds in proptest::collection::vec(0usize..4, 0..4),
            stats in stats(),
        ) -> UrlState {
            let kinds = kinds.into_iter().map(|k| PassageKind::ALL[k]).collect();
            UrlState {
                view,
                q,
                filters: Filters { speaker, venue, topic, from, to, kinds },
                sort: [Sort::Relevance, Sort::Date, Sort::Oldest][by_date],
                s,
                doc,
                page,
                compare,
                mode: if aligned { CompareMode::Aligned } else { CompareMode::Phrases },
                lanes: if by_venue { Lanes::Venue } else { Lanes::Speaker },
                zoom,
                track,
                kwic: Concordance {
                    ctx,
                    order: [KwicOrder::Corpus, KwicOrder::Left1, KwicOrder::Left2, KwicOrder::Right1, KwicOrder::Right2, KwicOrder::Speaker][order],
                },
                listing: [Listing::Formulaic, Listing::Spread, Listing::Count, Listing::First, Listing::Recent][listing],
                stats,
            }
        }
    }

    prop_compose! {
        fn tracking()(
            f in proptest::collection::vec("\\PC{1,40}", 0..=MAX_FORMULATIONS),
            unit in 0u8..3,
            counts in any::<bool>(),
        ) -> Tracking {
            Tracking {
                f,
                unit: [None, Some(TimeUnit::Year), Some(TimeUnit::Month)][unit as usize],
                counts,
            }
        }
    }

    proptest! {
        /// Any state, written and parsed, gives a canonical state: written and parsed
        /// again it is unchanged and parses without a notice.
        #[test]
        fn parsed_states_round_trip(state in any_state()) {
            let once = parse(&to_query(&state)).state;
            let again = parse(&to_query(&once));
            prop_assert_eq!(&again.state, &once);
            prop_assert!(again.notices.is_empty(), "{:?}", again.notices);
        }

        /// A canonical state of each view keeps every parameter that view uses.
        #[test]
        fn round_trips_keep_what_the_view_uses(state in any_state()) {
            let once = parse(&to_query(&state)).state;
            let kind = once.view();
            if kind != ViewKind::Library {
                prop_assert_eq!(&once.q, &state.q);
                if kind != ViewKind::Formulations && !kind.is_statistics() && (kind != ViewKind::Kwic || state.kwic.order == KwicOrder::Corpus) {
                    let asked = if kind == ViewKind::Kwic && state.sort == Sort::Oldest { Sort::Relevance } else { state.sort };
                    prop_assert_eq!(&once.sort, &asked);
                }
                let mut f = state.filters.clone();
                for list in [&mut f.speaker, &mut f.venue, &mut f.topic] {
                    let mut seen = Vec::new();
                    list.retain(|id| !seen.contains(id) && { seen.push(id.clone()); true });
                }
                if let (Some(a), Some(b)) = (f.from, f.to) {
                    if a.first_day() > b.first_day() {
                        (f.from, f.to) = (Some(b), Some(a));
                    }
                }
                f.kinds = PassageKind::ALL.into_iter().filter(|k| f.kinds.contains(k)).collect();
                if f.kinds == [PassageKind::Quote, PassageKind::Reported] {
                    f.kinds.clear();
                }
                prop_assert_eq!(&once.filters, &f);
            }
            match kind {
                ViewKind::Timeline => {
                    prop_assert_eq!(once.lanes, state.lanes);
                    prop_assert_eq!(once.zoom, state.zoom);
                }
                ViewKind::Read => prop_assert!(once.s == state.s || once.doc == state.doc),
                ViewKind::Compare => prop_assert_eq!(once.mode, state.mode),
                ViewKind::Kwic => {
                    prop_assert_eq!(once.kwic.ctx, state.kwic.ctx);
                    prop_assert_eq!(once.kwic.order, state.kwic.order);
                }
                ViewKind::Formulations => prop_assert_eq!(once.listing, state.listing),
                ViewKind::Keywords | ViewKind::Collocates | ViewKind::Clusters => {
                    let (a, b) = (&once.stats, &state.stats);
                    let by = statistics::By::of_view(kind);
                    prop_assert_eq!(a.order(kind), b.by.filter(|x| by.contains(x)).unwrap_or(by[0]));
                    prop_assert_eq!(a.min, b.min);
                    if kind == ViewKind::Keywords {
                        prop_assert_eq!((a.negative, a.sig, a.uncorrected, a.stems), (b.negative, b.sig, b.uncorrected, b.stems));
                    }
                    if kind == ViewKind::Collocates {
                        prop_assert_eq!((a.window, a.fmin, a.stems), (b.window, b.fmin, b.stems));
                    }
                    if kind == ViewKind::Clusters {
                        prop_assert_eq!(a.n, b.n);
                    }
                    if kind != ViewKind::Clusters && b.reference.as_ref().is_some_and(|r| *r != statistics::Reference::Rest) {
                        prop_assert!(a.reference.is_some());
                    }
                }
                ViewKind::Track => {
                    let mut f: Vec<String> = Vec::new();
                    for x in state.track.f.iter().filter(|x| !x.trim().is_empty()) {
                        if !f.contains(x) { f.push(x.clone()); }
                    }
                    prop_assert_eq!(&once.track.f, &f);
                    prop_assert_eq!(once.track.unit, state.track.unit);
                    prop_assert_eq!(once.track.counts, state.track.counts);
                }
                _ => {}
            }
            if state.view.is_some_and(|v| v != ViewKind::Read) {
                prop_assert_eq!(Some(kind), state.view);
            }
        }

        /// The links the app makes to any view from any canonical state parse without
        /// a notice: a view never carries another's parameters.
        #[test]
        fn links_to_other_views_are_canonical(state in any_state(), to in view_kind()) {
            let here = parse(&to_query(&state)).state;
            // A link to the reader names a statement; the other views need none.
            let kind = to.filter(|&v| v != ViewKind::Read).unwrap_or(ViewKind::Search);
            for next in [here.nav_to(kind), here.search_in(kind), here.typed("x").0] {
                let again = parse(&to_query(&next));
                prop_assert!(again.notices.is_empty(), "{} → {:?}: {:?}", to_query(&here), kind, again.notices);
            }
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC{0,300}") {
            let p = parse(&s);
            prop_assert!(p.notices.len() <= MAX_NOTICES);
            let again = parse(&to_query(&p.state));
            prop_assert_eq!(again.state, p.state);
        }
    }
}
