//! The statistics views' CSV files (`crate::csv::statistics`): every row of a list,
//! numbers a spreadsheet reads as numbers, what was compared, the corpus version and
//! the view's link on every row.

use crate::csv::{cell, kinds_cell, row, statement_cells, Source, STATEMENT_HEAD};
use crate::url_state::UrlState;
use tifa_core::blob::Bundle;

/// A probability in scientific notation with four significant digits (`1.234e-7`),
/// written with integers only.
///
/// ```ignore
/// assert_eq!((scientific(0.05), scientific(1.2345e-30), scientific(1.0), scientific(0.0)), ("5.000e-2".into(), "1.235e-30".into(), "1.000e0".into(), "0".into()));
/// ```
fn scientific(p: f64) -> String {
    if p.is_nan() || p <= 0.0 || p.is_infinite() {
        return "0".to_owned();
    }
    let mut e = p.log10().floor() as i32;
    let mut m = ((p / 10f64.powi(e)) * 1000.0).round() as u64;
    if m >= 10_000 {
        m /= 10;
        e += 1;
    }
    format!("{}.{:03}e{e}", m / 1000, m % 1000)
}

/// A number as the statistics files write it: six decimals, an ASCII minus.
fn decimal(x: f64) -> String {
    crate::stats_page::fixed(x, 1_000_000).replace('−', "-")
}

/// A row whose cells are text (made safe as [`cell`] does) or numbers the app computed
/// (written as they are: `-1.5` is a number to a spreadsheet, not a formula).
fn mixed_row(cells: &[(bool, String)]) -> String {
    let mut out = cells
        .iter()
        .map(|(number, c)| {
            let plain = *number
                && !c.is_empty()
                && c.bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
            if plain {
                c.clone()
            } else {
                cell(c)
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

fn text(s: impl Into<String>) -> (bool, String) {
    (false, s.into())
}

fn num(s: impl ToString) -> (bool, String) {
    (true, s.to_string())
}

/// The file of a statistics view (keywords, collocates, clusters, dispersion): every
/// row of its list (all pages), each with what was compared, the words counted, the
/// corpus version and the view's link.
pub fn file(bundle: &Bundle, state: &UrlState, source: &Source) -> String {
    use crate::url_state::ViewKind;
    let (head, rows) = match state.view() {
        ViewKind::Keywords => keywords(bundle, state, source),
        ViewKind::Collocates => collocates(bundle, state, source),
        ViewKind::Clusters => clusters(bundle, state, source),
        ViewKind::Dispersion => dispersion(bundle, state, source),
        _ => (Vec::new(), Vec::new()),
    };
    let mut file = row(&[&head[..], &["kinds_counted", "corpus_version", "view_link"]].concat());
    let tail = [
        text(kinds_cell(state)),
        text(source.version),
        text(source.link(state)),
    ];
    for mut cells in rows {
        cells.extend(tail.iter().cloned());
        file.push_str(&mixed_row(&cells));
    }
    file
}

/// A file's header (before the columns every file ends with) and rows.
type Columns = (Vec<&'static str>, Vec<Vec<(bool, String)>>);

/// What the words were counted as.
fn counted(state: &UrlState) -> (bool, String) {
    text(if state.stats.stems {
        "stems"
    } else {
        "word forms"
    })
}

fn keywords(bundle: &Bundle, state: &UrlState, source: &Source) -> Columns {
    let head = vec![
        "word",
        "target_frequency",
        "target_per_million",
        "reference_frequency",
        "reference_per_million",
        "g2",
        "log_ratio",
        "p",
        "counted",
        "target",
        "reference",
        "target_lines_link",
        "reference_lines_link",
    ];
    let k = crate::stats_page::keywords_list(bundle, state);
    let (target, reference) = crate::stats_page::keywords_parts(bundle, state);
    let links = crate::stats_page::keywords_links(bundle, state, &k.rows);
    let rows = k
        .rows
        .iter()
        .zip(links)
        .map(|(r, [a, b])| {
            vec![
                text(&r.term),
                num(r.target),
                num(decimal(r.target_per_million)),
                num(r.reference),
                num(decimal(r.reference_per_million)),
                num(decimal(r.g2)),
                num(decimal(r.log_ratio)),
                num(scientific(r.p)),
                counted(state),
                text(&target),
                text(&reference),
                text(source.link(&a)),
                text(source.link(&b)),
            ]
        })
        .collect();
    (head, rows)
}

fn collocates(bundle: &Bundle, state: &UrlState, source: &Source) -> Columns {
    let head = vec![
        "part",
        "node",
        "collocate",
        "together",
        "left",
        "right",
        "frequency",
        "expected",
        "mi",
        "mi3",
        "t_score",
        "log_likelihood",
        "log_dice",
        "window",
        "counted",
        "lines_link",
    ];
    let mut rows = Vec::new();
    for (part, c, list) in crate::stats_page::collocates_rows(bundle, state) {
        for (r, lines) in list {
            let m = &r.measures;
            rows.push(vec![
                text(&part),
                text(c.node.join(" ")),
                text(&r.term),
                num(r.together),
                num(r.left),
                num(r.right),
                num(r.frequency),
                num(decimal(m.expected)),
                num(decimal(m.mi)),
                num(decimal(m.mi3)),
                num(decimal(m.t_score)),
                num(decimal(m.log_likelihood)),
                num(decimal(m.log_dice)),
                text(format!("{} left, {} right", c.left, c.right)),
                counted(state),
                text(source.link(&lines)),
            ]);
        }
    }
    (head, rows)
}

fn clusters(bundle: &Bundle, state: &UrlState, source: &Source) -> Columns {
    let head = vec![
        "cluster",
        "words",
        "frequency",
        "statements",
        "speakers",
        "years",
        "dp_over_years",
        "lines_link",
    ];
    let c = crate::stats_page::clusters_list(bundle, state);
    let rows = c
        .rows
        .iter()
        .map(|r| {
            let lines = crate::stats_page::cluster_lines(state, &r.ngram);
            vec![
                text(&r.ngram),
                num(state.stats.n),
                num(r.frequency),
                num(r.statements),
                num(r.speakers),
                num(r.years),
                num(r.dp.map(decimal).unwrap_or_default()),
                text(source.link(&lines)),
            ]
        })
        .collect();
    (head, rows)
}

fn dispersion(bundle: &Bundle, state: &UrlState, source: &Source) -> Columns {
    let mut head = vec!["query"];
    head.extend(STATEMENT_HEAD);
    head.extend([
        "occurrences",
        "words_counted",
        "per_thousand_words",
        "places_per_thousand",
    ]);
    let corpus = &bundle.corpus;
    let d = crate::dispersion::dispersion(bundle, state);
    let rows = d
        .statements
        .iter()
        .map(|hits| {
            let s = &corpus.statements[hits.statement as usize];
            let mut cells = vec![text(state.q.clone().unwrap_or_default())];
            cells.extend(statement_cells(corpus, s, source).into_iter().map(text));
            let n = hits.places.len() as u64;
            let places: Vec<String> = hits.places.iter().map(|p| p.to_string()).collect();
            cells.extend([
                num(n),
                num(hits.words),
                num(decimal(n as f64 * 1000.0 / hits.words.max(1) as f64)),
                text(places.join(" ")),
            ]);
            cells
        })
        .collect();
    (head, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_keep_four_significant_digits() {
        assert_eq!(scientific(0.05), "5.000e-2");
        assert_eq!(scientific(1.2345e-30), "1.235e-30");
        assert_eq!(scientific(0.99996), "1.000e0");
        assert_eq!(scientific(1.0), "1.000e0");
        assert_eq!(scientific(0.0), "0");
        assert_eq!(decimal(-0.5), "-0.500000");
    }
}
