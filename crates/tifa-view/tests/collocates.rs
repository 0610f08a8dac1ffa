//! Collocates on the test corpus, counted again the naive way: every passage of the
//! speaker's own words tokenised as search reads text, the node found by comparing
//! strings, each window read word by word.

mod common;

use common::{bundle, own_words};
use std::collections::HashMap;
use tifa_view::collocates::{collocates, Measure, Settings};
use tifa_view::url_state::parse;

/// Per collocate (left, right) around `node`, each word's frequency, the words counted
/// and the node's frequency, in the statements of `speaker` (all when `None`).
#[allow(clippy::type_complexity)]
fn naive(
    node: &[&str],
    speaker: Option<&str>,
    (l, r): (usize, usize),
) -> (HashMap<String, (u64, u64)>, HashMap<String, u64>, u64, u64) {
    let (mut sides, mut freq) = (HashMap::new(), HashMap::new());
    let (mut words, mut nodes) = (0, 0);
    let keep = |c: &tifa_model::Corpus, s: &tifa_model::Statement| {
        speaker.is_none_or(|id| *c.speaker_of(s).id == *id)
    };
    for w in own_words(keep) {
        words += w.len() as u64;
        for t in &w {
            *freq.entry(t.clone()).or_insert(0) += 1;
        }
        for i in 0..w.len() {
            if i + node.len() > w.len() || (0..node.len()).any(|k| w[i + k] != node[k]) {
                continue;
            }
            nodes += 1;
            for t in &w[i.saturating_sub(l)..i] {
                sides.entry(t.clone()).or_insert((0, 0)).0 += 1;
            }
            let end = (i + node.len() + r).min(w.len());
            for t in &w[i + node.len()..end] {
                sides.entry(t.clone()).or_insert((0, 0)).1 += 1;
            }
        }
    }
    (sides, freq, words, nodes)
}

fn every_pair(left: usize, right: usize) -> Settings {
    Settings {
        left,
        right,
        min_together: 1,
        min_frequency: 1,
        ..Settings::default()
    }
}

#[test]
fn counts_agree_with_a_naive_reading_of_the_text() {
    let b = bundle();
    for (q, node, speaker, window) in [
        ("?q=%22rights%22", vec!["rights"], None, (5, 5)),
        (
            "?q=%22human+rights%22",
            vec!["human", "rights"],
            None,
            (3, 1),
        ),
        (
            "?q=%22cooperation%22&speaker=zhao-lijian",
            vec!["cooperation"],
            Some("zhao-lijian"),
            (0, 4),
        ),
    ] {
        let c = collocates(b, &parse(q).state, &every_pair(window.0, window.1));
        let (sides, freq, words, nodes) = naive(&node, speaker, window);
        assert_eq!((c.words, c.node_frequency), (words, nodes), "{q}");
        assert!(nodes > 0, "{q}: the node is in the test corpus");
        assert_eq!(c.rows.len(), sides.len(), "{q}");
        for row in &c.rows {
            let (l, r) = sides[&row.term];
            assert_eq!(
                (row.left, row.right, row.together),
                (l, r, l + r),
                "{q} {}",
                row.term
            );
            assert_eq!(row.frequency, freq[&row.term], "{q} {}", row.term);
            for x in [
                row.measures.mi,
                row.measures.t_score,
                row.measures.log_likelihood,
                row.measures.log_dice,
            ] {
                assert!(x.is_finite());
            }
        }
        // logDice, strongest first.
        assert!(c
            .rows
            .windows(2)
            .all(|w| w[0].measures.log_dice >= w[1].measures.log_dice));
    }
}

#[test]
fn a_missing_or_absent_node_says_so() {
    let b = bundle();
    let none = collocates(
        b,
        &parse("?speaker=zhao-lijian").state,
        &Settings::default(),
    );
    assert!(none.rows.is_empty());
    assert_eq!(
        none.notes,
        ["Give a word or an exact phrase to find its collocates."]
    );
    let absent = collocates(b, &parse("?q=zzqxv").state, &Settings::default());
    assert_eq!(
        absent.notes,
        ["“zzqxv” is not in the 7 statements these filters leave in."]
    );
    let by_ll = collocates(
        b,
        &parse("?q=rights").state,
        &Settings {
            order: Measure::LogLikelihood,
            ..every_pair(5, 5)
        },
    );
    assert!(by_ll
        .rows
        .windows(2)
        .all(|w| w[0].measures.log_likelihood >= w[1].measures.log_likelihood));
}

/// Occurrences of `node` with `word` within (l, r) of them, in every statement, counted
/// the naive way.
fn naive_lines(node: &[&str], word: &str, (l, r): (usize, usize)) -> usize {
    let mut n = 0;
    for w in own_words(|_, _| true) {
        for i in 0..w.len() {
            if i + node.len() > w.len() || (0..node.len()).any(|k| w[i + k] != node[k]) {
                continue;
            }
            let end = (i + node.len() + r).min(w.len());
            let around = w[i.saturating_sub(l)..i]
                .iter()
                .chain(&w[i + node.len()..end]);
            n += usize::from(around.into_iter().any(|t| t == word));
        }
    }
    n
}

/// A collocate's row opens the concordance of the node limited to the lines with the
/// collocate in the window: as many as the naive reading finds, never more lines than
/// co-occurrences.
#[test]
fn each_row_opens_the_lines_where_the_pair_occurs() {
    use tifa_view::concordance::concordance;
    let b = bundle();
    for (q, node, window) in [
        ("?q=%22rights%22", vec!["rights"], (5, 5)),
        ("?q=%22human+rights%22", vec!["human", "rights"], (3, 1)),
        ("?q=%22cooperation%22", vec!["cooperation"], (0, 4)),
    ] {
        let c = collocates(b, &parse(q).state, &every_pair(window.0, window.1));
        assert!(!c.rows.is_empty(), "{q}");
        for row in &c.rows {
            let link = format!(
                "{q}&view=kwic&near={}&win={},{}",
                row.term, window.0, window.1
            );
            let parsed = parse(&link);
            assert!(parsed.notices.is_empty(), "{link}: {:?}", parsed.notices);
            let k = concordance(b, &parsed.state);
            let want = naive_lines(&node, &row.term, window);
            assert_eq!(k.total, want, "{link}");
            assert!(k.total >= 1 && k.total as u64 <= row.together, "{link}");
        }
    }
}

/// The node is found as the concordance finds it (a bare word by its stem, every form):
/// the collocates' node frequency is the concordance's number of lines, for the same
/// link.
#[test]
fn the_node_is_what_the_concordance_counts() {
    use tifa_view::concordance::concordance;
    let b = bundle();
    for q in [
        "?q=rights",
        "?q=%22human+rights%22",
        "?q=develop*",
        "?q=%22shared+*+for%22",
        "?q=right&speaker=zhao-lijian&kind=all",
    ] {
        let c = collocates(b, &parse(q).state, &every_pair(5, 5));
        let k = concordance(b, &parse(&format!("{q}&view=kwic")).state);
        assert_eq!(c.node_frequency, k.total as u64, "{q}");
    }
    // "rights" by its stem also finds "right".
    let exact = collocates(b, &parse("?q=%22rights%22").state, &every_pair(5, 5));
    let stem = collocates(b, &parse("?q=rights").state, &every_pair(5, 5));
    assert!(stem.node_frequency > exact.node_frequency);
}
