//! The downloads read back: any text in any cell comes back the same from a CSV reader
//! (RFC 4180), save the `'` that keeps a formula from running — and a cell a
//! spreadsheet would run never starts with a formula character, even after white space
//! or after a `;` a spreadsheet may take for the separator.

mod common;

use proptest::prelude::*;
use tifa_view::csv::{self, file_name, row, Source};
use tifa_view::url_state::parse;

fn read(text: &str) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Whether a spreadsheet could run a cell (or what follows a `;` in one): a formula
/// character first, after any white space or quotes.
fn risky(s: &str) -> bool {
    s.trim_start_matches(|c: char| c.is_whitespace() || c == '"')
        .starts_with(['=', '+', '-', '@'])
}

/// Read with `;` as the separator, as some spreadsheets do: no cell runs either.
fn read_semicolons(text: &str) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(b';')
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

proptest! {
    #[test]
    fn cells_read_back_as_written(cells in proptest::collection::vec("\\PC{0,20}|[=+@,;\"\\n\\r\\t -]{0,6}\\PC{0,6}", 1..6)) {
        let line = row(&cells);
        let back = read(&line);
        prop_assert_eq!(back.len(), 1);
        for (got, want) in back[0].iter().zip(&cells) {
            prop_assert!(!risky(got), "{got:?} would run");
            // The same text, but a `'` before what would run, at the start or after a `;`.
            let pieces: Vec<String> = want
                .split(';')
                .map(|p| if risky(p) { format!("'{p}") } else { p.to_string() })
                .collect();
            prop_assert_eq!(got, &pieces.join(";"));
        }
        // A row without line breaks in its cells, read with `;`: no cell runs.
        if !cells.iter().any(|c| c.contains(['\n', '\r'])) {
            for got in read_semicolons(&line).iter().flatten() {
                prop_assert!(!risky(got), "{got:?} would run when read with ;");
            }
        }
    }
}

/// Regression: a row of one empty cell was an empty line, which a reader skips.
#[test]
fn a_row_of_one_empty_cell_is_still_a_row() {
    assert_eq!(read(&row(&[""])), [[""]]);
}

#[test]
fn every_result_every_line_and_every_number_with_where_it_came_from() {
    let b = common::bundle();
    let source = Source {
        version: "abc123",
        base: "https://example.org/tifa/",
    };
    let results = read(&csv::results(b, &parse("?q=cooperation").state, &source));
    assert_eq!(results[0][..3], ["statement_id", "speaker", "occasion"]);
    assert!(results.len() > 1);
    for r in &results[1..] {
        assert_eq!(r[8], "quote;reported");
        assert_eq!(r[9], "abc123");
        assert_eq!(r[10], "https://example.org/tifa/?q=cooperation");
        assert!(r[5].starts_with("https://example.org/tifa/?s="));
    }
    let kwic = read(&csv::concordance(
        b,
        &parse("?view=kwic&q=cooperation").state,
        &source,
    ));
    let page = tifa_view::concordance::concordance(b, &parse("?view=kwic&q=cooperation").state);
    assert_eq!(kwic.len() - 1, page.total, "all lines, not one page");
    assert!(kwic[1..]
        .iter()
        .all(|r| r[10].eq_ignore_ascii_case("cooperation")));
    // Whose words each line is: the speaker's, by default.
    assert!(kwic[1..]
        .iter()
        .all(|r| r[7] == "quote" || r[7] == "reported"));
    assert!(kwic[1..].iter().all(|r| r[8] == r[1]));
    let narrated = read(&csv::concordance(
        b,
        &parse("?view=kwic&q=Geneva&kind=narration").state,
        &source,
    ));
    assert!(narrated.len() > 1);
    assert!(narrated[1..]
        .iter()
        .all(|r| r[7] == "narration" && r[8].ends_with("(narration)")));
    let track = read(&csv::tracker(
        b,
        &parse("?f=%22shared+future%22").state,
        &source,
    ));
    assert_eq!(track[0][0], "formulation");
    let with: u32 = track[1..]
        .iter()
        .filter(|r| r[1].len() == 4)
        .map(|r| r[2].parse::<u32>().unwrap())
        .sum();
    let t = tifa_view::tracker::track(
        b,
        &tifa_view::tracker::Request::of(b, &parse("?f=%22shared+future%22").state),
    );
    assert_eq!(
        with + t.series[0].coarse + t.series[0].undated,
        t.series[0].statements
    );
    assert_eq!(
        file_name("track", "\"shared future\" OR x*"),
        "tifa-track-shared-future-or-x.csv"
    );
    assert_eq!(file_name("search", ""), "tifa-search.csv");
}

/// The statistics files: a header, one row per row of the list (all pages), numbers a
/// spreadsheet reads as numbers (a negative Log Ratio is not a formula), what was
/// compared, the corpus version and the view's link on every row.
#[test]
fn statistics_files_hold_every_row_with_their_source() {
    let b = common::bundle();
    let source = Source {
        version: "abc123",
        base: "https://example.org/tifa/",
    };
    for (link, column, count) in [
        (
            "?view=keywords&speaker=zhao-lijian&sig=all&min=1&dir=neg",
            "log_ratio",
            tifa_view::stats_page::keywords_list(
                b,
                &parse("?view=keywords&speaker=zhao-lijian&sig=all&min=1&dir=neg").state,
            )
            .rows
            .len(),
        ),
        (
            "?view=clusters&n=2&min=1",
            "dp_over_years",
            tifa_view::stats_page::clusters_list(b, &parse("?view=clusters&n=2&min=1").state)
                .rows
                .len(),
        ),
        (
            "?view=collocates&q=rights&ref=rest&min=1&fmin=1",
            "log_dice",
            tifa_view::stats_page::collocates_rows(
                b,
                &parse("?view=collocates&q=rights&ref=rest&min=1&fmin=1").state,
            )
            .iter()
            .map(|x| x.2.len())
            .sum(),
        ),
        (
            "?view=dispersion&q=rights",
            "places_per_thousand",
            tifa_view::dispersion::dispersion(b, &parse("?view=dispersion&q=rights").state)
                .statements
                .len(),
        ),
    ] {
        let text = csv::statistics(b, &parse(link).state, &source);
        let rows = read(&text);
        assert!(
            count > 100 || link.contains("dispersion") || link.contains("collocates"),
            "{link}: {count}"
        );
        assert_eq!(rows.len(), count + 1, "{link}");
        let head = &rows[0];
        let at = |name: &str| {
            head.iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("{link}: {name}"))
        };
        let (c, v, l) = (at(column), at("corpus_version"), at("view_link"));
        for r in &rows[1..] {
            assert_eq!(r.len(), head.len());
            assert_eq!(r[v], "abc123");
            let canonical = tifa_view::url_state::to_query(&parse(link).state);
            assert_eq!(r[l], format!("https://example.org/tifa/{canonical}"));
            if column != "places_per_thousand" && !r[c].is_empty() {
                assert!(r[c].parse::<f64>().is_ok(), "{link}: {}", r[c]);
            }
        }
        if column == "log_ratio" {
            assert!(
                rows[1..].iter().all(|r| r[c].starts_with('-')),
                "negative keywords"
            );
        }
    }
}
