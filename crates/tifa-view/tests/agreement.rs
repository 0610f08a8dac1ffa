//! One definition of a match: for the same words and passage kinds, search counts the
//! statements the tracker counts, and the concordance's lines are in those statements
//! (words in passages of the kinds, never in a title or a speaker's name; a word by its
//! stem, a quoted phrase by its exact words).

mod common;

use common::{bundle, corpus};
use proptest::prelude::*;
use tifa_core::blob::Bundle;
use tifa_model::PassageKind;
use tifa_view::concordance::lines;
use tifa_view::search_page::SearchPage;
use tifa_view::tracker::{track, Request};
use tifa_view::url_state::parse;

/// (search total, tracker statements, concordance statements) for a query and `kind`.
fn counts(b: &Bundle, q: &str, kind: &str) -> (usize, usize, usize) {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    let kind = if kind.is_empty() {
        String::new()
    } else {
        format!("&kind={kind}")
    };
    let search = SearchPage::of(b, &parse(&format!("?q={}{kind}", enc(q))).state).total;
    let tracked = track(
        b,
        &Request::of(b, &parse(&format!("?f={}{kind}", enc(q))).state),
    )
    .series
    .first()
    .map_or(0, |s| s.statements as usize);
    let (_, in_statements, _) = lines(b, &parse(&format!("?view=kwic&q={}{kind}", enc(q))).state);
    (search, tracked, in_statements)
}

#[test]
fn the_three_views_agree_on_the_test_corpus() {
    let b = bundle();
    for q in [
        "human rights",
        "\"human rights\"",
        "worldwide",
        "rights",
        "\"win-win cooperation\"",
        "multilateral*",
        "Galwan OR megaphone",
    ] {
        for kind in ["", "all", "narration", "quote,question"] {
            let (search, tracked, kwic) = counts(b, q, kind);
            assert_eq!((search, kwic), (tracked, tracked), "{q} kind={kind}");
        }
    }
    // A word that only a title or a narration holds is no speaker's.
    let (search, _, _) = counts(b, "worldwide", "");
    let (narrated, _, _) = counts(b, "worldwide", "all");
    assert!(search <= narrated);
}

const VOCAB: [&str; 8] = [
    "share", "shared", "future", "futures", "for", "mankind", "win-win", "rights",
];

fn any_query() -> impl Strategy<Value = String> {
    let word = (0..VOCAB.len()).prop_map(|i| VOCAB[i].to_string());
    let prefix = (0..VOCAB.len()).prop_map(|i| format!("{}*", &VOCAB[i][..3]));
    let phrase = proptest::collection::vec(
        prop_oneof![
            4 => (0..VOCAB.len()).prop_map(|i| VOCAB[i].to_string()),
            1 => Just("*".to_string()),
            1 => Just("*{0,2}".to_string())
        ],
        2..4,
    )
    .prop_filter("a phrase begins and ends with a word", |w| {
        w[0] != "*" && w[w.len() - 1] != "*"
    })
    .prop_map(|w| format!("\"{}\"", w.join(" ")));
    let near = (0..VOCAB.len(), 0..VOCAB.len(), 1u8..4)
        .prop_map(|(a, b, n)| format!("{} NEAR/{n} {}", VOCAB[a], VOCAB[b]));
    let alternative = prop_oneof![3 => word, 1 => prefix, 2 => phrase, 1 => near];
    let group = proptest::collection::vec(alternative, 1..3).prop_map(|a| a.join(" OR "));
    proptest::collection::vec(group, 1..3).prop_map(|g| g.join(" "))
}

fn any_kind() -> impl Strategy<Value = PassageKind> {
    (0..4usize).prop_map(|k| PassageKind::ALL[k])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// On generated corpora with passages of every kind: search, the tracker and the
    /// concordance count the same statements for random queries and kinds.
    #[test]
    fn search_tracker_and_concordance_count_alike(
        statements in proptest::collection::vec(
            proptest::collection::vec(
                (any_kind(), proptest::collection::vec(0..VOCAB.len(), 0..12)),
                1..4,
            ),
            1..20,
        ),
        q in any_query(),
        kinds in proptest::collection::vec(any_kind(), 0..3),
    ) {
        let rows: Vec<Vec<(PassageKind, String)>> = statements
            .iter()
            .map(|ps| {
                ps.iter()
                    .map(|(k, w)| (*k, w.iter().map(|&i| VOCAB[i]).collect::<Vec<_>>().join(" ")))
                    .filter(|(_, t)| !t.is_empty())
                    .collect()
            })
            .filter(|ps: &Vec<(PassageKind, String)>| !ps.is_empty())
            .collect();
        prop_assume!(!rows.is_empty());
        // A query of no words browses every statement in search, and counts nothing in
        // the tracker: not a match to compare.
        prop_assume!(!tifa_core::search::formulation::Formulation::parse(&q).is_empty());
        let b = corpus(&rows);
        let kind = kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",");
        let (search, tracked, kwic) = counts(&b, &q, &kind);
        prop_assert_eq!(search, tracked, "search and tracker: {} kind={}", q, kind);
        prop_assert_eq!(kwic, tracked, "concordance and tracker: {} kind={}", q, kind);
    }
}
