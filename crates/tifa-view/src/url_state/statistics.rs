//! The parameters of the statistics views (keywords, collocates, clusters, dispersion)
//! and the concordance's limits that their rows link to.
//!
//! | key | value | views |
//! |-----|-------|-------|
//! | `ref` | `rest`, `all`, or a part's query string, URL-encoded (`from%3D2013%26to%3D2024`) | keywords (default `rest`); collocates (a second part side by side) |
//! | `within`, `without` | a part's query string, URL-encoded | concordance: only the statements that part holds (leaves out) |
//! | `near` | a word (a stem with `terms=stems`) | concordance: only lines with it in the window `win` |
//! | `win` | `L,R`, 0 to 10 each (default `5,5`) | collocates; concordance with `near` |
//! | `by` | keywords `g2`, `lr`; collocates `logdice`, `mi`, `mi3`, `t`, `ll`, `freq`; clusters `freq`, `range`, `dp` | the order of the list |
//! | `dir` | `neg` | keywords: the words the target uses less; clusters by `dp`: the most concentrated first |
//! | `min` | a whole number | keywords: both parts' frequency (default 5); collocates: co-occurrences (3); clusters: frequency (2) |
//! | `fmin` | a whole number | collocates: the collocate's frequency (default 3) |
//! | `sig` | `0.05`, `0.01`, `0.001`, `0.0001`, `all` | keywords: the significance level (default 0.05) |
//! | `bonf` | `no` | keywords: no Bonferroni correction |
//! | `terms` | `stems` | keywords, collocates, concordance with `near`: count stems, not word forms |
//! | `n` | 2 to 8 (default 3) | clusters: words (characters of Chinese) in each |
//!
//! A part is a search and filters (`q`, `speaker`, `venue`, `topic`, `from`, `to`):
//! what statements it holds. Words are counted in the passage kinds of the view's own
//! `kind`, on both sides.

use super::{parse_nested, to_query, Filters, Notice, UrlState, ViewKind, MAX_VALUE_LEN};

/// The parameters this module reads, in the order [`super::to_query`] writes them.
pub(super) const KEYS: [&str; 13] = [
    "ref", "within", "without", "near", "win", "by", "dir", "min", "fmin", "sig", "bonf", "terms",
    "n",
];

/// The longest value of a part (`ref`, `within`, `without`): a search and full filters,
/// escaped once more.
pub(super) const PART_LEN: usize = 4 * super::LIST_LEN;

/// A part of the corpus: the statements a search and filters select (every statement
/// when both are empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    pub q: Option<String>,
    /// Filters; its passage kinds are always the default (words are counted in the
    /// view's own kinds).
    pub filters: Filters,
}

impl Part {
    /// The search and filters of `state` (not its passage kinds).
    pub fn of(state: &UrlState) -> Part {
        let mut filters = state.filters.clone();
        filters.kinds.clear();
        Part {
            q: state.q.clone(),
            filters,
        }
    }

    /// True for the whole corpus.
    pub fn is_all(&self) -> bool {
        self.q.is_none() && self.filters.is_empty()
    }

    /// This part as a search, with the passage kinds of `view`.
    pub fn in_view(&self, view: &UrlState) -> UrlState {
        let mut s = UrlState {
            q: self.q.clone(),
            filters: self.filters.clone(),
            ..UrlState::default()
        };
        s.filters.kinds = view.filters.kinds.clone();
        s
    }

    /// How a link writes it: `all`, or its query string without `?`.
    ///
    /// ```
    /// use tifa_view::url_state::{parse, statistics::Part};
    /// assert_eq!(Part::of(&parse("?from=2013&to=2024&kind=all").state).param(), "from=2013&to=2024");
    /// assert_eq!(Part::default().param(), "all");
    /// ```
    pub fn param(&self) -> String {
        if self.is_all() {
            return "all".to_owned();
        }
        let q = to_query(
            &self
                .in_view(&UrlState::default())
                .with_view(ViewKind::Search),
        );
        q.trim_start_matches('?').to_owned()
    }

    /// The part a parameter's value names; a notice for what was not a search or a filter.
    fn read(name: &'static str, value: &str, notices: &mut Vec<Notice>) -> Part {
        if value == "all" {
            return Part::default();
        }
        let inner = parse_nested(value);
        for n in inner.notices {
            notices.push(Notice::Nested(name, n.to_string()));
        }
        let part = Part::of(&inner.state);
        if !inner.state.filters.kinds.is_empty() {
            notices.push(Notice::Nested(
                name,
                "ignored “kind”: both parts count words in the view's own passage kinds".into(),
            ));
        }
        let plain = part.in_view(&inner.state).with_view(ViewKind::Search);
        if inner.state.view() != ViewKind::Library && to_query(&plain) != to_query(&inner.state) {
            notices.push(Notice::Nested(
                name,
                "a part is a search and filters; ignored the rest".into(),
            ));
        }
        part
    }
}

/// What keywords are compared with (`ref`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// The statements the target leaves out (`ref=rest`).
    Rest,
    /// Another part (`ref=all` is the whole corpus).
    Part(Part),
}

impl Reference {
    fn param(&self) -> String {
        match self {
            Reference::Rest => "rest".to_owned(),
            Reference::Part(p) => p.param(),
        }
    }
}

/// A concordance limited to the statements of a part (`within`) or to those it leaves
/// out (`without`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Within {
    pub part: Part,
    pub outside: bool,
}

/// The order of a statistics list (`by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    G2,
    LogRatio,
    LogDice,
    Mi,
    Mi3,
    TScore,
    LogLikelihood,
    Frequency,
    Range,
    Dp,
}

impl By {
    const ALL: [By; 10] = [
        By::G2,
        By::LogRatio,
        By::LogDice,
        By::Mi,
        By::Mi3,
        By::TScore,
        By::LogLikelihood,
        By::Frequency,
        By::Range,
        By::Dp,
    ];

    /// The value of `by`.
    pub fn as_str(self) -> &'static str {
        match self {
            By::G2 => "g2",
            By::LogRatio => "lr",
            By::LogDice => "logdice",
            By::Mi => "mi",
            By::Mi3 => "mi3",
            By::TScore => "t",
            By::LogLikelihood => "ll",
            By::Frequency => "freq",
            By::Range => "range",
            By::Dp => "dp",
        }
    }

    /// The orders a view offers, its default first.
    pub fn of_view(view: ViewKind) -> &'static [By] {
        match view {
            ViewKind::Keywords => &[By::G2, By::LogRatio],
            ViewKind::Collocates => &[
                By::LogDice,
                By::Mi,
                By::Mi3,
                By::TScore,
                By::LogLikelihood,
                By::Frequency,
            ],
            ViewKind::Clusters => &[By::Frequency, By::Range, By::Dp],
            _ => &[],
        }
    }
}

/// The significance level of keywords (`sig`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Significance {
    #[default]
    P05,
    P01,
    P001,
    P0001,
    /// Every word, significant or not.
    All,
}

impl Significance {
    const ALL: [Significance; 5] = [
        Significance::P05,
        Significance::P01,
        Significance::P001,
        Significance::P0001,
        Significance::All,
    ];

    /// The value of `sig`.
    pub fn as_str(self) -> &'static str {
        match self {
            Significance::P05 => "0.05",
            Significance::P01 => "0.01",
            Significance::P001 => "0.001",
            Significance::P0001 => "0.0001",
            Significance::All => "all",
        }
    }

    /// The level a word must pass, before any correction (1 for every word).
    pub fn alpha(self) -> f64 {
        match self {
            Significance::P05 => 0.05,
            Significance::P01 => 0.01,
            Significance::P001 => 0.001,
            Significance::P0001 => 0.0001,
            Significance::All => 1.0,
        }
    }
}

/// The window of a collocate (`win`): words to the left and to the right.
pub const DEFAULT_WINDOW: (u8, u8) = (5, 5);
/// The widest side of a window.
pub const MAX_WINDOW: u8 = 10;
/// Cluster lengths (`n`).
pub const DEFAULT_N: u8 = 3;
pub const MIN_N: u8 = 2;
pub const MAX_N: u8 = 8;
/// The largest minimum frequency a link may ask for.
pub const MAX_MIN: u32 = 1_000_000;

/// The statistics views' parameters (each view uses some; the rest stay at their
/// defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statistics {
    /// Keywords: `None` is the rest of the corpus; collocates: a second part beside.
    pub reference: Option<Reference>,
    /// Concordance: only the statements of a part, or those it leaves out.
    pub within: Option<Within>,
    /// Concordance: only lines with this term in the window.
    pub near: Option<String>,
    pub window: (u8, u8),
    /// The list's order (`None`: the view's default).
    pub by: Option<By>,
    /// Keywords: the target's negative keywords; clusters by DP: the most concentrated
    /// first.
    pub negative: bool,
    /// The view's minimum frequency (`None`: its default), and the collocate's.
    pub min: Option<u32>,
    pub fmin: Option<u32>,
    pub sig: Significance,
    /// Keywords: no Bonferroni correction.
    pub uncorrected: bool,
    /// Count stems.
    pub stems: bool,
    /// Cluster length.
    pub n: u8,
}

impl Default for Statistics {
    fn default() -> Self {
        Statistics {
            reference: None,
            within: None,
            near: None,
            window: DEFAULT_WINDOW,
            by: None,
            negative: false,
            min: None,
            fmin: None,
            sig: Significance::P05,
            uncorrected: false,
            stems: false,
            n: DEFAULT_N,
        }
    }
}

impl Statistics {
    /// The order of `view`'s list: `by`, or the view's default.
    pub fn order(&self, view: ViewKind) -> By {
        self.by
            .or_else(|| By::of_view(view).first().copied())
            .unwrap_or(By::Frequency)
    }

    /// The statistics parameters of a concordance (the rest at their defaults).
    pub(super) fn for_concordance(&self) -> Statistics {
        Statistics {
            within: self.within.clone(),
            near: self.near.clone(),
            window: if self.near.is_some() {
                self.window
            } else {
                DEFAULT_WINDOW
            },
            stems: self.near.is_some() && self.stems,
            ..Statistics::default()
        }
    }
}

/// Reads the values of [`KEYS`] (in that order); `nested` parts take no part.
pub(super) fn read(
    raw: [Option<String>; KEYS.len()],
    nested: bool,
    notices: &mut Vec<Notice>,
) -> Statistics {
    let [reference, within, without, near, win, by, dir, min, fmin, sig, bonf, terms, n] = raw;
    let mut s = Statistics::default();
    let parts = [("ref", reference), ("within", within), ("without", without)];
    for (name, value) in parts {
        let Some(v) = value else { continue };
        if nested {
            notices.push(Notice::Conflict(name));
            continue;
        }
        match name {
            "ref" if v == "rest" => s.reference = Some(Reference::Rest),
            "ref" => s.reference = Some(Reference::Part(Part::read(name, &v, notices))),
            _ if s.within.is_some() => notices.push(Notice::Conflict(name)),
            _ => {
                s.within = Some(Within {
                    part: Part::read(name, &v, notices),
                    outside: name == "without",
                })
            }
        }
    }
    if let Some(w) = near {
        let w = w.trim();
        if w.is_empty() || w.contains(char::is_whitespace) {
            notices.push(Notice::NotOneOf("near", "one word"));
        } else {
            s.near = Some(w.to_owned());
        }
    }
    if let Some(w) = win {
        match w.split_once(',').map(|(l, r)| (small(l), small(r))) {
            Some((Some(l), Some(r))) if l <= MAX_WINDOW && r <= MAX_WINDOW && l + r > 0 => {
                s.window = (l, r)
            }
            _ => notices.push(Notice::NotOneOf(
                "win",
                "“L,R”: words to the left and right, 0 to 10 each, not both 0",
            )),
        }
    }
    if let Some(b) = by {
        match By::ALL.into_iter().find(|x| x.as_str() == b) {
            Some(x) => s.by = Some(x),
            None => notices.push(Notice::NotOneOf(
                "by",
                "keywords “g2” or “lr”; collocates “logdice”, “mi”, “mi3”, “t”, “ll” or “freq”; clusters “freq”, “range” or “dp”",
            )),
        }
    }
    match dir.as_deref() {
        None | Some("pos") => {}
        Some("neg") => s.negative = true,
        Some(_) => notices.push(Notice::NotOneOf("dir", "“neg” (or “pos”, the default)")),
    }
    for (name, value, slot) in [("min", min, &mut s.min), ("fmin", fmin, &mut s.fmin)] {
        if let Some(v) = value {
            match whole(&v) {
                Some(m) if m <= MAX_MIN => *slot = Some(m),
                _ => notices.push(Notice::NotOneOf(
                    name,
                    "a whole number of occurrences, at most 1,000,000",
                )),
            }
        }
    }
    if let Some(v) = sig {
        match Significance::ALL.into_iter().find(|x| x.as_str() == v) {
            Some(x) => s.sig = x,
            None => notices.push(Notice::NotOneOf(
                "sig",
                "“0.05”, “0.01”, “0.001”, “0.0001” or “all”",
            )),
        }
    }
    match bonf.as_deref() {
        None | Some("yes") => {}
        Some("no") => s.uncorrected = true,
        Some(_) => notices.push(Notice::NotOneOf("bonf", "“no” (or “yes”, the default)")),
    }
    match terms.as_deref() {
        None | Some("forms") => {}
        Some("stems") => s.stems = true,
        Some(_) => notices.push(Notice::NotOneOf(
            "terms",
            "“stems” (or “forms”, the default)",
        )),
    }
    if let Some(v) = n {
        match small(&v) {
            Some(x) if (MIN_N..=MAX_N).contains(&x) => s.n = x,
            _ => notices.push(Notice::NotOneOf("n", "a cluster length from 2 to 8")),
        }
    }
    s
}

fn whole(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn small(s: &str) -> Option<u8> {
    whole(s).and_then(|x| u8::try_from(x).ok())
}

/// Drops, with a notice, what `view` does not use; writes defaults as none.
pub(super) fn drop_unused(s: &mut Statistics, view: ViewKind, notices: &mut Vec<Notice>) {
    use ViewKind::{Clusters, Collocates, Keywords, Kwic};
    let keep = |used: bool, name: &'static str, present: bool, notices: &mut Vec<Notice>| {
        if !used && present {
            notices.push(Notice::Conflict(name));
        }
        used || !present
    };
    let d = Statistics::default();
    if !keep(
        matches!(view, Keywords | Collocates),
        "ref",
        s.reference.is_some(),
        notices,
    ) {
        s.reference = None;
    }
    if view == Keywords && s.reference == Some(Reference::Rest) {
        s.reference = None;
    }
    let name = if s.within.as_ref().is_some_and(|w| w.outside) {
        "without"
    } else {
        "within"
    };
    if !keep(view == Kwic, name, s.within.is_some(), notices) {
        s.within = None;
    }
    if !keep(view == Kwic, "near", s.near.is_some(), notices) {
        s.near = None;
    }
    let windowed = view == Collocates || s.near.is_some();
    if !keep(windowed, "win", s.window != d.window, notices) {
        s.window = d.window;
    }
    if let Some(b) = s.by {
        if !By::of_view(view).contains(&b) {
            notices.push(if By::of_view(view).is_empty() {
                Notice::Conflict("by")
            } else {
                Notice::NotOneOf("by", by_words(view))
            });
            s.by = None;
        }
    }
    if s.by.is_some() && s.by == By::of_view(view).first().copied() {
        s.by = None;
    }
    let reversible = view == Keywords || (view == Clusters && s.by == Some(By::Dp));
    if !keep(reversible, "dir", s.negative, notices) {
        s.negative = false;
    }
    if !keep(
        matches!(view, Keywords | Collocates | Clusters),
        "min",
        s.min.is_some(),
        notices,
    ) {
        s.min = None;
    }
    if !keep(view == Collocates, "fmin", s.fmin.is_some(), notices) {
        s.fmin = None;
    }
    if !keep(view == Keywords, "sig", s.sig != d.sig, notices) {
        s.sig = d.sig;
    }
    if !keep(view == Keywords, "bonf", s.uncorrected, notices) {
        s.uncorrected = false;
    }
    let stems = matches!(view, Keywords | Collocates) || s.near.is_some();
    if !keep(stems, "terms", s.stems, notices) {
        s.stems = false;
    }
    if !keep(view == Clusters, "n", s.n != d.n, notices) {
        s.n = d.n;
    }
    if s.near
        .as_ref()
        .is_some_and(|w| w.chars().count() > MAX_VALUE_LEN)
    {
        s.near = None;
    }
}

fn by_words(view: ViewKind) -> &'static str {
    match view {
        ViewKind::Keywords => "“g2” or “lr” for keywords",
        ViewKind::Collocates => "“logdice”, “mi”, “mi3”, “t”, “ll” or “freq” for collocates",
        _ => "“freq”, “range” or “dp” for clusters",
    }
}

/// Appends what `view` uses of `s`, in the order of [`KEYS`].
pub(super) fn write(s: &Statistics, ser: &mut form_urlencoded::Serializer<'_, String>) {
    let d = Statistics::default();
    let mut pair = |k: &str, v: &str| {
        ser.append_pair(k, v);
    };
    if let Some(r) = &s.reference {
        pair("ref", &r.param());
    }
    if let Some(w) = &s.within {
        pair(
            if w.outside { "without" } else { "within" },
            &w.part.param(),
        );
    }
    if let Some(w) = &s.near {
        pair("near", w);
    }
    if s.window != d.window {
        pair("win", &format!("{},{}", s.window.0, s.window.1));
    }
    if let Some(b) = s.by {
        pair("by", b.as_str());
    }
    if s.negative {
        pair("dir", "neg");
    }
    if let Some(m) = s.min {
        pair("min", &m.to_string());
    }
    if let Some(m) = s.fmin {
        pair("fmin", &m.to_string());
    }
    if s.sig != d.sig {
        pair("sig", s.sig.as_str());
    }
    if s.uncorrected {
        pair("bonf", "no");
    }
    if s.stems {
        pair("terms", "stems");
    }
    if s.n != d.n {
        pair("n", &s.n.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::parse;

    #[test]
    fn keywords_take_a_reference_part_or_the_rest() {
        let p = parse("?view=keywords&speaker=a&ref=from%3D2013%26to%3D2024&by=lr&dir=neg&min=2&sig=0.001&bonf=no&terms=stems");
        assert!(p.notices.is_empty(), "{:?}", p.notices);
        let s = &p.state.stats;
        let Some(Reference::Part(part)) = &s.reference else {
            panic!("{s:?}")
        };
        assert_eq!(part.param(), "from=2013&to=2024");
        assert_eq!(
            (s.by, s.negative, s.min, s.sig, s.uncorrected, s.stems),
            (
                Some(By::LogRatio),
                true,
                Some(2),
                Significance::P001,
                true,
                true
            )
        );
        assert_eq!(
            to_query(&p.state),
            "?view=keywords&speaker=a&ref=from%3D2013%26to%3D2024&by=lr&dir=neg&min=2&sig=0.001&bonf=no&terms=stems"
        );
        // The rest is the default, written as none; the whole corpus is `all`.
        assert_eq!(
            to_query(&parse("?view=keywords&speaker=a&ref=rest").state),
            "?view=keywords&speaker=a"
        );
        assert_eq!(
            parse("?view=keywords&speaker=a&ref=all")
                .state
                .stats
                .reference,
            Some(Reference::Part(Part::default()))
        );
    }

    #[test]
    fn a_part_holds_a_search_and_filters_only() {
        let p = parse("?view=keywords&q=x&ref=ref%3Drest%26s%3Dy%26kind%3Dall%26from%3Dnope");
        let said: Vec<String> = p.notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            said,
            [
                "in “ref”: ignored “ref”: not used by the view shown",
                "in “ref”: ignored “from”: malformed year \"nope\" in date \"nope\" (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                "in “ref”: ignored “kind”: both parts count words in the view's own passage kinds",
                "in “ref”: a part is a search and filters; ignored the rest",
            ],
            "{said:?}"
        );
    }

    #[test]
    fn each_view_keeps_only_its_own_parameters() {
        let p = parse("?view=clusters&n=4&by=logdice&win=2,2&near=x");
        assert_eq!(p.state.stats.n, 4);
        assert_eq!(to_query(&p.state), "?view=clusters&n=4");
        assert_eq!(p.notices.len(), 3, "{:?}", p.notices);
        let p = parse("?view=kwic&q=peace&near=war&win=0,3&terms=stems&without=speaker%3Da");
        assert!(p.notices.is_empty(), "{:?}", p.notices);
        assert_eq!(
            to_query(&p.state),
            "?view=kwic&q=peace&without=speaker%3Da&near=war&win=0%2C3&terms=stems"
        );
        // A window without a word to look for in it means nothing.
        let p = parse("?view=kwic&q=peace&win=0,3");
        assert_eq!(p.notices, [Notice::Conflict("win")]);
        for bad in [
            "win=0,0",
            "win=11,1",
            "win=5",
            "n=9",
            "n=1",
            "min=-1",
            "by=x",
            "sig=0.5",
            "near=two%20words",
        ] {
            let p = parse(&format!("?view=collocates&q=a&{bad}"));
            assert_eq!(p.notices.len(), 1, "{bad}: {:?}", p.notices);
        }
    }
}
