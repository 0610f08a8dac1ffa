//! The statistics views' pages: every row's links open as many concordance lines as the
//! row counts (the views count the same things), choices lead to canonical links, and
//! empty parts say so.

mod common;

use common::bundle;
use tifa_view::concordance::concordance;
use tifa_view::stats_page::{page, Cell, StatsPage};
use tifa_view::url_state::{parse, to_query, UrlState};

fn links(row: &tifa_view::stats_page::Row) -> Vec<UrlState> {
    row.cells
        .iter()
        .flat_map(|c| match c {
            Cell::Link(_, to) => vec![(**to).clone()],
            Cell::Links(l) => l.iter().map(|(_, to)| to.clone()).collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn number(row: &tifa_view::stats_page::Row, i: usize) -> usize {
    match &row.cells[i] {
        Cell::Number(n) => n.replace('\u{202f}', "").parse().unwrap(),
        c => panic!("{c:?}"),
    }
}

fn lines(to: &UrlState) -> usize {
    let p = parse(&to_query(to));
    assert!(p.notices.is_empty(), "{}: {:?}", to_query(to), p.notices);
    concordance(bundle(), &p.state).total
}

#[test]
fn keyword_rows_open_their_lines_in_the_target_and_the_reference() {
    let b = bundle();
    for link in [
        "?view=keywords&speaker=zhao-lijian&sig=all&min=1",
        "?view=keywords&q=rights&sig=all&min=2",
        "?view=keywords&from=2021-06&ref=to%3D2021-05&sig=all&min=2&dir=neg",
        "?view=keywords&speaker=zhao-lijian&sig=all&min=2&terms=stems",
        "?view=keywords&speaker=zhao-lijian&ref=q%3Dcooperation&sig=all&min=1&kind=all",
    ] {
        let p = page(b, &parse(link).state);
        let t = &p.tables[0];
        assert!(!t.rows.is_empty(), "{link}: {p:?}");
        for row in &t.rows {
            let [target, reference] = &links(row)[..] else {
                panic!()
            };
            assert_eq!(lines(target), number(row, 0), "{link} {:?}", row.data);
            assert_eq!(lines(reference), number(row, 2), "{link} {:?}", row.data);
        }
    }
}

#[test]
fn cluster_and_collocate_rows_open_their_lines() {
    let b = bundle();
    for link in [
        "?view=clusters&n=2",
        "?view=clusters&q=rights&n=3&min=1",
        "?view=clusters&speaker=zhao-lijian&n=4&min=1",
    ] {
        let p = page(b, &parse(link).state);
        for row in &p.tables[0].rows {
            assert_eq!(
                lines(&links(row)[0]),
                number(row, 0),
                "{link} {:?}",
                row.data
            );
        }
    }
    for link in [
        "?view=collocates&q=rights&min=1&fmin=1",
        "?view=collocates&q=%22human+rights%22&win=2,2&min=1&fmin=1&ref=rest",
        "?view=collocates&q=cooperation&speaker=zhao-lijian&ref=all&min=1&fmin=1&terms=stems",
    ] {
        let p = page(b, &parse(link).state);
        assert!(!p.tables.is_empty(), "{link}: {p:?}");
        for t in &p.tables {
            for row in &t.rows {
                let n = lines(&links(row)[0]);
                assert!(n >= 1 && n <= number(row, 0), "{link} {:?}: {n}", row.data);
            }
        }
    }
}

#[test]
fn choices_are_canonical_links_of_the_same_view() {
    let b = bundle();
    for link in [
        "?view=keywords&speaker=zhao-lijian&ref=from%3D2021",
        "?view=collocates&q=rights",
        "?view=clusters&n=4",
    ] {
        let state = parse(link).state;
        let p: StatsPage = page(b, &state);
        assert!(!p.controls.is_empty());
        for c in &p.controls {
            assert_eq!(
                c.choices.iter().filter(|x| x.current).count(),
                1,
                "{link} {}",
                c.label
            );
            for x in &c.choices {
                let again = parse(&to_query(&x.to));
                assert!(
                    again.notices.is_empty(),
                    "{link} {}: {:?}",
                    x.label,
                    again.notices
                );
                assert_eq!(again.state.view(), state.view());
                assert_eq!(
                    x.current,
                    again.state == state,
                    "{link} {} {}",
                    c.label,
                    x.label
                );
            }
        }
    }
}

#[test]
fn empty_and_tiny_parts_say_so() {
    let b = bundle();
    let p = page(b, &parse("?view=keywords").state);
    assert!(p.tables[0].rows.is_empty());
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("The reference holds no words")),
        "{:?}",
        p.notes
    );
    let p = page(b, &parse("?view=keywords&from=1990&to=1991").state);
    assert!(
        p.notes
            .iter()
            .any(|n| n.starts_with("The target holds no words")),
        "{:?}",
        p.notes
    );
    let p = page(b, &parse("?view=dispersion").state);
    assert_eq!(p.notes, ["Give a word or a phrase to see where it occurs."]);
    let p = page(b, &parse("?view=dispersion&q=rights").state);
    let strip = p.strip.clone().expect("dated occurrences");
    let drawn: u32 = strip.marks.iter().map(|m| m.1).sum();
    let rows: usize = p.tables[0].rows.iter().map(|r| number(r, 0)).sum();
    assert_eq!(drawn as usize + strip.undated as usize, rows);
    assert_eq!(
        rows,
        concordance(b, &parse("?view=kwic&q=rights").state).total
    );
    assert!(!p.status.contains("NaN"));
}

/// "Every word" lists every word compared, even one used exactly alike (p = 1).
#[test]
fn every_word_means_every_word() {
    let b = bundle();
    let k = tifa_view::stats_page::keywords_list(
        b,
        &parse("?view=keywords&sig=all&min=1&ref=all").state,
    );
    assert_eq!(k.rows.len(), k.compared, "{:?}", k.notes);
    assert!(k.rows.iter().all(|r| r.g2 == 0.0 && r.log_ratio == 0.0));
}
