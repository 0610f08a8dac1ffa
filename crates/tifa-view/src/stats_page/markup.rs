//! A statistics page as markup (a [`crate::template`]): the app draws it as DOM with
//! the one generic template drawer, so four views cost one small renderer in the Wasm.
//! Marks along a statement and on the date axis are positioned boxes (a percentage
//! from the left), not SVG.

use super::{Cell, Control, Row, StatsPage, Strip, Table, STRIP_WIDTH};
use crate::template::Node;
use crate::url_state::UrlState;

/// The page's status, notes and choices (what comes before the page's tools), then
/// its date strip and tables.
///
/// ```
/// use tifa_core::blob::Bundle;
/// use tifa_model::Corpus;
/// use tifa_view::stats_page::{markup, page};
/// use tifa_view::url_state::parse;
/// let state = parse("?view=clusters").state;
/// let (head, _) = markup(&page(&Bundle::new(Corpus::empty()), &state), &state);
/// assert!(head.iter().any(|n| n.text_content().starts_with("0 clusters")));
/// ```
pub fn markup(p: &StatsPage, state: &UrlState) -> (Vec<Node>, Vec<Node>) {
    let mut out = Vec::new();
    if !p.status.is_empty() {
        out.push(Node::el(
            "p",
            &[("class", "result-count"), ("role", "status")],
            vec![Node::text(&p.status)],
        ));
    }
    for n in &p.notes {
        out.push(Node::el("p", &[("class", "notice")], vec![Node::text(n)]));
    }
    if !p.controls.is_empty() {
        out.push(Node::el(
            "div",
            &[("class", "timeline-controls stats-controls")],
            p.controls.iter().map(control).collect(),
        ));
    }
    let head = std::mem::take(&mut out);
    if let Some(s) = &p.strip {
        out.push(strip(s));
    }
    let class = if p.tables.len() > 1 {
        "stats-tables side-by-side"
    } else {
        "stats-tables"
    };
    out.push(Node::el(
        "div",
        &[("class", class)],
        p.tables
            .iter()
            .filter(|t| t.total > 0)
            .map(|t| table(t, state))
            .collect(),
    ));
    (head, out)
}

fn control(c: &Control) -> Node {
    let items = c
        .choices
        .iter()
        .map(|x| {
            let attrs: &[(&str, &str)] = if x.current {
                &[("aria-current", "true")]
            } else {
                &[]
            };
            Node::el(
                "li",
                attrs,
                vec![Node::link(x.to.clone(), &[], vec![Node::text(&x.label)])],
            )
        })
        .collect();
    Node::el(
        "nav",
        &[("aria-label", c.label)],
        vec![
            Node::el("span", &[], vec![Node::text(format!("{}: ", c.label))]),
            Node::el("ul", &[("class", "lanes-nav")], items),
        ],
    )
}

/// Previous and next page, with where this one stands (nothing for one page).
fn pager(t: &Table, state: &UrlState, end: bool) -> Option<Node> {
    let (n, last) = (t.page.number, t.page.last);
    if last <= 1 {
        return None;
    }
    let to = |p: u32| {
        let mut next = state.clone();
        next.page = (p > 1).then_some(p);
        next
    };
    let mut children = Vec::new();
    if n > 1 {
        children.push(Node::link(to(n - 1), &[], vec![Node::text("← Previous")]));
    }
    children.push(Node::el(
        "span",
        &[("class", "pager-status")],
        vec![Node::text(t.page.status(t.what, t.total))],
    ));
    if n < last {
        children.push(Node::link(to(n + 1), &[], vec![Node::text("Next →")]));
    }
    // Two landmarks, two names.
    let label = format!(
        "Pages of {}{}",
        t.what.to_lowercase(),
        if end { ", at the end" } else { "" }
    );
    Some(Node::el(
        "nav",
        &[("class", "pager"), ("aria-label", &label)],
        children,
    ))
}

fn table(t: &Table, state: &UrlState) -> Node {
    let head = t
        .columns
        .iter()
        .map(|c| {
            let label = match c.title {
                Some(title) => Node::el("abbr", &[("title", title)], vec![Node::text(c.label)]),
                None => Node::text(c.label),
            };
            Node::el("th", &[("scope", "col")], vec![label])
        })
        .collect();
    let body = t.rows.iter().map(row).collect();
    let grid = Node::el(
        "table",
        &[("class", "keywords-table")],
        vec![
            Node::el("caption", &[], vec![Node::text(&t.caption)]),
            Node::el("thead", &[], vec![Node::el("tr", &[], head)]),
            Node::el("tbody", &[], body),
        ],
    );
    let mut children: Vec<Node> = pager(t, state, false).into_iter().collect();
    children.push(Node::el(
        "div",
        &[
            ("class", "table-scroll"),
            ("role", "region"),
            ("aria-label", &t.caption),
            ("tabindex", "0"),
        ],
        vec![grid],
    ));
    children.extend(pager(t, state, true));
    Node::el("div", &[("class", "stats-table")], children)
}

fn row(r: &Row) -> Node {
    let mut tr = Node::el("tr", &[], Vec::new());
    if let Node::Element(e) = &mut tr {
        e.attrs = r
            .data
            .iter()
            .map(|(k, v)| (data_name(k), v.clone()))
            .collect();
        e.children
            .push(Node::el("th", &[("scope", "row")], inline(&r.head)));
        e.children.extend(r.cells.iter().map(cell));
    }
    tr
}

/// The attribute that holds a row's figure: `data-` and its name.
fn data_name(k: &str) -> &'static str {
    match k {
        "word" => "data-word",
        "g2" => "data-g2",
        "log-ratio" => "data-log-ratio",
        "freq" => "data-freq",
        "mi" => "data-mi",
        "logdice" => "data-logdice",
        "ngram" => "data-ngram",
        "dp" => "data-dp",
        "statement" => "data-statement",
        "hits" => "data-hits",
        _ => "data-value",
    }
}

/// A cell's content.
fn inline(c: &Cell) -> Vec<Node> {
    match c {
        Cell::Text(t) | Cell::Number(t) => vec![Node::text(t)],
        Cell::Link(text, to) => vec![Node::link((**to).clone(), &[], vec![Node::text(text)])],
        Cell::Links(links) => links
            .iter()
            .map(|(text, to)| Node::link(to.clone(), &[], vec![Node::text(text)]))
            .collect(),
        Cell::Marks(places) => vec![barcode(places)],
    }
}

fn cell(c: &Cell) -> Node {
    let class = match c {
        Cell::Number(_) => "num",
        Cell::Links(_) => "row-links",
        Cell::Marks(_) => "barcode-cell",
        _ => "",
    };
    let attrs: &[(&str, &str)] = if class.is_empty() {
        &[]
    } else {
        &[("class", class)]
    };
    Node::el("td", attrs, inline(c))
}

/// `x` of `width` as a CSS left offset: `left:12.5%`.
fn left(x: u16, width: u16) -> String {
    let tenths = x as u32 * 1000 / width.max(1) as u32;
    format!("left:{}.{}%", tenths / 10, tenths % 10)
}

/// Occurrences along a statement: a line with a tick at each (AntConc's plot).
fn barcode(places: &[u16]) -> Node {
    let label = format!(
        "{} along the statement, at {}",
        if places.len() == 1 {
            "1 occurrence"
        } else {
            "occurrences"
        },
        places
            .iter()
            .map(|p| format!("{}%", p / 10))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let ticks = places
        .iter()
        .map(|&p| {
            Node::el(
                "span",
                &[("class", "tick"), ("style", &left(p, 1000))],
                vec![],
            )
        })
        .collect();
    Node::el(
        "span",
        &[
            ("class", "barcode"),
            ("role", "img"),
            ("aria-label", &label),
        ],
        ticks,
    )
}

/// Occurrences on the date axis, a mark per date (taller for more), the years below.
fn strip(s: &Strip) -> Node {
    let most = s.marks.iter().map(|m| m.1).max().unwrap_or(1).max(1);
    let total: u32 = s.marks.iter().map(|m| m.1).sum();
    let label = format!(
        "{total} dated {} between {} and {}{}",
        if total == 1 {
            "occurrence"
        } else {
            "occurrences"
        },
        s.first_year,
        s.last_year,
        if s.undated > 0 {
            format!("; {} undated, not shown", s.undated)
        } else {
            String::new()
        }
    );
    let marks = s
        .marks
        .iter()
        .map(|&(x, n)| {
            let h = 20 + n * 80 / most;
            let style = format!("{};height:{h}%", left(x, STRIP_WIDTH));
            Node::el(
                "span",
                &[
                    ("class", "strip-mark"),
                    ("style", &style),
                    ("title", &n.to_string()),
                ],
                vec![],
            )
        })
        .collect();
    let years = s
        .ticks
        .iter()
        .map(|&(year, x)| {
            Node::el(
                "span",
                &[("class", "strip-year"), ("style", &left(x, STRIP_WIDTH))],
                vec![Node::text(year.to_string())],
            )
        })
        .collect();
    Node::el(
        "figure",
        &[("class", "date-strip")],
        vec![
            Node::el(
                "div",
                &[
                    ("class", "strip-axis"),
                    ("role", "img"),
                    ("aria-label", &label),
                ],
                marks,
            ),
            Node::el(
                "div",
                &[("class", "strip-years"), ("aria-hidden", "true")],
                years,
            ),
            Node::el("figcaption", &[], vec![Node::text(label)]),
        ],
    )
}
