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
        ("?q=rights", vec!["rights"], None, (5, 5)),
        (
            "?q=%22human+rights%22",
            vec!["human", "rights"],
            None,
            (3, 1),
        ),
        (
            "?q=cooperation&speaker=zhao-lijian",
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
