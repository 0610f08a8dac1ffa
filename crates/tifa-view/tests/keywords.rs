//! Keywords on the test corpus, counted again the naive way: every passage of the
//! speaker's own words tokenised as search reads text, word forms counted in maps of
//! strings; and the statistics recomputed from those counts by the published formulas.

mod common;

use common::{bundle, own_words};
use std::collections::HashMap;
use tifa_view::keywords::{keywords, Settings};
use tifa_view::url_state::parse;

/// Each word form's frequency in the statements a speaker's filter leaves in (or out),
/// and the words counted.
fn naive(speaker: &str, inside: bool) -> (HashMap<String, u64>, u64) {
    let mut counts = HashMap::new();
    let mut words = 0;
    for passage in own_words(|c, s| (*c.speaker_of(s).id == *speaker) == inside) {
        for term in passage {
            *counts.entry(term).or_default() += 1;
            words += 1;
        }
    }
    (counts, words)
}

/// Every word, whatever its significance.
fn everything(negative: bool) -> Settings {
    Settings {
        min_frequency: 1,
        alpha: 1.0,
        bonferroni: false,
        negative,
        ..Settings::default()
    }
}

#[test]
fn counts_and_statistics_agree_with_a_naive_count_of_the_text() {
    let b = bundle();
    let target = parse("?speaker=zhao-lijian").state;
    let (t, t_words) = naive("zhao-lijian", true);
    let (r, r_words) = naive("zhao-lijian", false);
    let positive = keywords(b, &target, None, &everything(false));
    let negative = keywords(b, &target, None, &everything(true));
    assert_eq!(
        (positive.target.words, positive.reference.words),
        (t_words, r_words)
    );
    assert_eq!(positive.target.statements, 3);
    let mut seen = 0;
    for k in positive.rows.iter().chain(&negative.rows) {
        let (a, b2) = (
            t.get(&k.term).copied().unwrap_or(0),
            r.get(&k.term).copied().unwrap_or(0),
        );
        assert_eq!((k.target, k.reference), (a, b2), "{}", k.term);
        // G² and Log Ratio from the counts, written out as published.
        let (c1, c2) = (t_words as f64, r_words as f64);
        let (e1, e2) = (
            c1 * (a + b2) as f64 / (c1 + c2),
            c2 * (a + b2) as f64 / (c1 + c2),
        );
        let part = |o: u64, e: f64| {
            if o == 0 {
                0.0
            } else {
                o as f64 * (o as f64 / e).ln()
            }
        };
        let g2 = 2.0 * (part(a, e1) + part(b2, e2));
        assert!(
            (k.g2 - g2).abs() < 1e-3,
            "{}: {} against {g2}",
            k.term,
            k.g2
        );
        let adj = |f: u64| if f == 0 { 0.5 } else { f as f64 };
        let lr = ((adj(a) / c1) / (adj(b2) / c2)).log2();
        assert!((k.log_ratio - lr).abs() < 1e-3, "{}", k.term);
        assert!(k.g2.is_finite() && k.log_ratio.is_finite() && k.p.is_finite());
        seen += 1;
    }
    // Every word form of either part is listed once, on one side or the other.
    let mut all: Vec<&String> = t.keys().chain(r.keys()).collect();
    all.sort();
    all.dedup();
    assert_eq!(seen, all.len());
    assert_eq!(positive.compared, all.len());
}

#[test]
fn the_strongest_keywords_come_first_and_pass_the_corrected_level() {
    let b = bundle();
    let k = keywords(
        b,
        &parse("?speaker=zhao-lijian").state,
        None,
        &Settings {
            min_frequency: 2,
            ..Settings::default()
        },
    );
    assert!(k.level < 0.05 && k.level > 0.0, "Bonferroni: {}", k.level);
    assert!(k.rows.windows(2).all(|w| w[0].g2 >= w[1].g2));
    assert!(k
        .rows
        .iter()
        .all(|r| r.p < k.level && r.log_ratio > 0.0 && r.target + r.reference >= 2));
}

#[test]
fn an_empty_part_says_so_and_lists_nothing() {
    let b = bundle();
    let k = keywords(b, &parse("?q=zzqxv").state, None, &Settings::default());
    assert_eq!(k.target.words, 0);
    assert!(k.rows.is_empty());
    assert_eq!(
        k.notes,
        ["The target holds no words under these filters (0 statements): nothing to compare."]
    );
    // The same part on both sides: every G² is 0, so nothing passes at α = 0.05; at α = 1
    // ("every word") every word compared is listed, alike in both.
    let same = parse("?speaker=chen-xu").state;
    let strict = Settings {
        min_frequency: 1,
        ..Settings::default()
    };
    let k = keywords(b, &same, Some(&same), &strict);
    assert!(k.compared > 0 && k.rows.is_empty());
    let k = keywords(b, &same, Some(&same), &everything(false));
    assert_eq!(k.rows.len(), k.compared);
    assert!(k.rows.iter().all(|r| r.g2 == 0.0 && r.p == 1.0));
}

#[test]
fn the_search_pages_panel_links_each_keyword_to_as_many_concordance_lines_as_it_counts() {
    use tifa_view::keywords::panel;
    use tifa_view::url_state::to_query;
    let b = bundle();
    let p = panel(b, &parse("?speaker=zhao-lijian").state);
    assert!(
        p.status
            .starts_with("3 words these 3 statements use more than the other 4 statements"),
        "{}",
        p.status
    );
    assert_eq!(p.rows[0].term, "win");
    assert_eq!(
        to_query(&p.rows[0].kwic),
        "?view=kwic&q=%22win%22&speaker=zhao-lijian"
    );
    for row in &p.rows {
        let lines = tifa_view::concordance::concordance(b, &row.kwic).total;
        assert_eq!(lines as u64, row.target, "{}", row.term);
    }
    // Search words, or no filter: nothing is compared, and the panel says why.
    assert!(panel(b, &parse("?q=rights&speaker=zhao-lijian").state)
        .rows
        .is_empty());
    assert!(panel(b, &parse("?view=search").state)
        .status
        .starts_with("Choose a speaker"));
}
