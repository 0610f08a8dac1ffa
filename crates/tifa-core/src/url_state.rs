//! View state in the URL query string: the single source of truth for what is on screen.
//!
//! Parameters (a public interface: README, "URL scheme"):
//!
//! | key   | value                    | meaning                           |
//! |-------|--------------------------|-----------------------------------|
//! | `q`   | a search query           | search results (README, "Search") |
//! | `s`   | a statement id           | open that statement in the reader |
//! | `doc` | a document id            | open that source document         |
//! | `page`| 2, 3, …                  | that page of the document list    |
//! | `compare` | 2–4 statement ids, comma-separated | those statements side by side |
//! | `mode` | `aligned`               | compare: passages aligned, word diff (default: shared phrases) |
//!
//! `compare` wins over `s`, and `s` over `doc` (the others are ignored with a notice).
//! `q` stays with an open statement, document or comparison (the search it was found
//! by) but shows results only alone.
//!
//! Parsing never fails: anything it cannot use is dropped with a [`Notice`] that the
//! UI shows, so a hostile or stale link still lands on a working page.

use std::fmt;

/// Longest value we keep; longer ones are dropped with a notice.
pub const MAX_VALUE_LEN: usize = 200;
/// Longest `compare` value: [`MAX_COMPARE`] ids of [`MAX_VALUE_LEN`] and their commas
/// (a longer list is cut to the first four ids before each id's length is checked).
const COMPARE_LEN: usize = (MAX_VALUE_LEN + 1) * (MAX_COMPARE + 1);
/// At most this many notices are reported for one URL (the rest are counted).
pub const MAX_NOTICES: usize = 5;

/// What the page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlState {
    /// The search query, if any.
    pub q: Option<String>,
    /// The statement open in the reader, if any.
    pub s: Option<String>,
    /// The source document open, if any (and no statement is).
    pub doc: Option<String>,
    /// The page of the document list (1-based; `None` is the first).
    pub page: Option<u32>,
    /// Statements side by side (2 to 4 ids; empty: no comparison).
    pub compare: Vec<String>,
    /// How a comparison is shown.
    pub mode: CompareMode,
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

/// Most statements a comparison holds.
pub const MAX_COMPARE: usize = 4;

/// Something in the URL that was ignored, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    UnknownParameter(String),
    EmptyValue(&'static str),
    TooLong(&'static str),
    Repeated(&'static str),
    /// Two views were asked for; the named parameter was ignored.
    Conflict(&'static str),
    /// Not a whole number from 1 up.
    NotAPage,
    /// `compare` named one statement only.
    CompareNeedsTwo,
    /// `compare` named more than [`MAX_COMPARE`] statements; this many were dropped.
    CompareTooMany(usize),
    /// `mode` was neither `aligned` nor `phrases`.
    NotAMode,
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
            Notice::Conflict(k) => write!(f, "ignored “{k}”: another view is open"),
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
            Notice::NotAMode => write!(f, "ignored “mode”: use “aligned” or “phrases”"),
            Notice::More(n) => write!(f, "and {n} more ignored parameters"),
        }
    }
}

/// A parsed URL: the state to show and what was ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub state: UrlState,
    pub notices: Vec<Notice>,
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
    if name == "compare" {
        COMPARE_LEN
    } else {
        MAX_VALUE_LEN
    }
}

/// Parses a query string, with or without its leading `?`.
///
/// ```
/// use tifa_core::url_state::{parse, Notice};
/// let p = parse("?doc=2021-03-24-xinhua&x=1");
/// assert_eq!(p.state.doc.as_deref(), Some("2021-03-24-xinhua"));
/// assert_eq!(p.notices, vec![Notice::UnknownParameter("x".into())]);
/// ```
pub fn parse(query: &str) -> Parsed {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut parsed = Parsed::default();
    let mut notices = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    let mut page: Option<String> = None;
    let mut compare: Option<String> = None;
    let mut mode: Option<String> = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        let (name, slot): (&'static str, &mut Option<String>) = match key.as_ref() {
            "q" => ("q", &mut parsed.state.q),
            "s" => ("s", &mut parsed.state.s),
            "doc" => ("doc", &mut parsed.state.doc),
            "page" => ("page", &mut page),
            "compare" => ("compare", &mut compare),
            "mode" => ("mode", &mut mode),
            "" if value.is_empty() => continue,
            other => {
                notices.push(Notice::UnknownParameter(clip(other)));
                continue;
            }
        };
        if seen.contains(&name) {
            notices.push(Notice::Repeated(name));
            continue;
        }
        seen.push(name);
        if value.is_empty() {
            notices.push(Notice::EmptyValue(name));
        } else if value.chars().count() > max_len(name) {
            notices.push(Notice::TooLong(name));
        } else {
            *slot = Some(value.into_owned());
        }
    }
    if let Some(p) = page {
        match p.parse::<u32>() {
            Ok(n) if n >= 1 && p.bytes().all(|b| b.is_ascii_digit()) => {
                parsed.state.page = (n > 1).then_some(n)
            }
            _ => notices.push(Notice::NotAPage),
        }
    }
    if let Some(list) = compare {
        let mut ids: Vec<String> = Vec::new();
        for id in list.split(',').filter(|id| !id.is_empty()) {
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_owned());
            }
        }
        if ids.len() > MAX_COMPARE {
            notices.push(Notice::CompareTooMany(ids.len() - MAX_COMPARE));
            ids.truncate(MAX_COMPARE);
        }
        if ids.len() < 2 {
            notices.push(Notice::CompareNeedsTwo);
        } else if ids.iter().any(|id| id.chars().count() > MAX_VALUE_LEN) {
            notices.push(Notice::TooLong("compare"));
        } else {
            parsed.state.compare = ids;
        }
    }
    match mode.as_deref() {
        None | Some("phrases") => {}
        Some("aligned") => parsed.state.mode = CompareMode::Aligned,
        Some(_) => notices.push(Notice::NotAMode),
    }
    if !parsed.state.compare.is_empty() {
        if parsed.state.s.take().is_some() {
            notices.push(Notice::Conflict("s"));
        }
        if parsed.state.doc.take().is_some() {
            notices.push(Notice::Conflict("doc"));
        }
    } else if parsed.state.mode != CompareMode::Phrases {
        // `mode` means nothing without a comparison.
        parsed.state.mode = CompareMode::Phrases;
        notices.push(Notice::Conflict("mode"));
    }
    if parsed.state.s.is_some() && parsed.state.doc.take().is_some() {
        notices.push(Notice::Conflict("doc"));
    }
    if (parsed.state.s.is_some() || parsed.state.doc.is_some() || !parsed.state.compare.is_empty())
        && parsed.state.page.take().is_some()
    {
        notices.push(Notice::Conflict("page"));
    }
    if notices.len() > MAX_NOTICES {
        let more = notices.len() - (MAX_NOTICES - 1);
        notices.truncate(MAX_NOTICES - 1);
        notices.push(Notice::More(more));
    }
    parsed.notices = notices;
    parsed
}

/// Serializes a state into a query string: `""` for the default view, else `?k=v…`.
///
/// ```
/// use tifa_core::url_state::{to_query, UrlState};
/// assert_eq!(to_query(&UrlState::default()), "");
/// let doc = UrlState { doc: Some("a b".into()), ..Default::default() };
/// assert_eq!(to_query(&doc), "?doc=a+b");
/// ```
pub fn to_query(state: &UrlState) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    if let Some(q) = &state.q {
        ser.append_pair("q", q);
    }
    if state.compare.len() >= 2 {
        ser.append_pair("compare", &state.compare.join(","));
        if state.mode == CompareMode::Aligned {
            ser.append_pair("mode", "aligned");
        }
    } else if let Some(s) = &state.s {
        ser.append_pair("s", s);
    } else if let Some(doc) = &state.doc {
        ser.append_pair("doc", doc);
    } else if let Some(page) = state.page.filter(|&p| p > 1) {
        ser.append_pair("page", &page.to_string());
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

    #[test]
    fn empty_and_bare_question_mark_are_the_library() {
        assert_eq!(parse(""), Parsed::default());
        assert_eq!(parse("?"), Parsed::default());
        assert_eq!(parse("?&&"), Parsed::default());
    }

    #[test]
    fn repeated_empty_and_long_values_give_notices() {
        let p = parse("?doc=a&doc=b");
        assert_eq!(p.state.doc.as_deref(), Some("a"));
        assert_eq!(p.notices, vec![Notice::Repeated("doc")]);
        assert_eq!(parse("?doc=").notices, vec![Notice::EmptyValue("doc")]);
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
    fn compare_takes_two_to_four_distinct_ids_and_wins_over_a_statement() {
        let p = parse("?compare=a,b,,a&s=x&mode=aligned");
        assert_eq!(p.state.compare, ["a", "b"]);
        assert_eq!(p.state.mode, CompareMode::Aligned);
        assert_eq!(p.state.s, None);
        assert_eq!(p.notices, vec![Notice::Conflict("s")]);
        let p = parse("?compare=a,b,c,d,e,f");
        assert_eq!(p.state.compare, ["a", "b", "c", "d"]);
        assert_eq!(p.notices, vec![Notice::CompareTooMany(2)]);
        let p = parse("?compare=a&s=x");
        assert!(p.state.compare.is_empty());
        assert_eq!(p.state.s.as_deref(), Some("x"));
        assert_eq!(p.notices, vec![Notice::CompareNeedsTwo]);
        assert_eq!(
            parse("?compare=a,b&mode=side").notices,
            vec![Notice::NotAMode]
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
    fn invalid_percent_encoding_is_kept_literally() {
        let p = parse("?doc=%zz%");
        assert_eq!(p.state.doc.as_deref(), Some("%zz%"));
    }

    proptest! {
        #[test]
        fn round_trips(
            doc in proptest::option::of("\\PC{1,60}"),
            s in proptest::option::of("\\PC{1,60}"),
            page in proptest::option::of(2u32..100_000),
            q in proptest::option::of("\\PC{1,60}"),
            compare in proptest::collection::vec("[a-z0-9-]{1,40}", 0..=4),
            aligned in any::<bool>(),
        ) {
            // `compare` wins over `s`, `s` over `doc`, and all over `page`: a state holds
            // one view (and a query).
            let mut compare = compare;
            compare.dedup();
            let compare: Vec<String> = compare
                .iter()
                .enumerate()
                .filter(|(i, c)| !compare[..*i].contains(c))
                .map(|(_, c)| c.clone())
                .collect();
            let compare = if compare.len() >= 2 { compare } else { Vec::new() };
            let mode = if aligned && !compare.is_empty() { CompareMode::Aligned } else { CompareMode::Phrases };
            let s = if compare.is_empty() { s } else { None };
            let doc = if s.is_some() || !compare.is_empty() { None } else { doc };
            let page = page.filter(|_| s.is_none() && doc.is_none() && q.is_none() && compare.is_empty());
            let state = UrlState { q, s, doc, page, compare, mode };
            let parsed = parse(&to_query(&state));
            prop_assert_eq!(parsed.state, state);
            prop_assert!(parsed.notices.is_empty());
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC{0,300}") {
            let p = parse(&s);
            prop_assert!(p.notices.len() <= MAX_NOTICES);
        }
    }
}
