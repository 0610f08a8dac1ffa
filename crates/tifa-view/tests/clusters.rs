//! Clusters counted again the naive way: each passage's text tokenised as search reads
//! it, every run of n words joined as a string, its statements, speakers and years put
//! in sets, and DP computed from its definition over every year.

mod common;

use common::{bundle, corpus};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tifa_core::search::text::tokens;
use tifa_model::PassageKind;
use tifa_view::clusters::{clusters, Settings};
use tifa_view::concordance::concordance;
use tifa_view::url_state::parse;

#[derive(Default)]
struct Naive {
    frequency: u32,
    statements: BTreeSet<u32>,
    speakers: BTreeSet<u32>,
    by_year: BTreeMap<Option<u16>, u32>,
}

/// Every n-gram of the speaker's own words in the test corpus, and the words per year.
fn naive(n: usize) -> (HashMap<String, Naive>, BTreeMap<Option<u16>, u64>) {
    let c = &bundle().corpus;
    let mut grams: HashMap<String, Naive> = HashMap::new();
    let mut words: BTreeMap<Option<u16>, u64> = BTreeMap::new();
    for (i, s) in c.statements.iter().enumerate() {
        let year = s.date.date.map(|d| d.year);
        for p in s
            .passages
            .iter()
            .filter(|p| tifa_model::Kinds::OWN_WORDS.contains(p.kind))
        {
            let t: Vec<String> = tokens(c.document_of(s).text(p.span))
                .into_iter()
                .map(|t| t.term)
                .collect();
            *words.entry(year).or_insert(0) += t.len() as u64;
            for w in t.windows(n) {
                let g = grams.entry(w.join(" ")).or_default();
                g.frequency += 1;
                g.statements.insert(i as u32);
                g.speakers.insert(s.speaker);
                *g.by_year.entry(year).or_insert(0) += 1;
            }
        }
    }
    (grams, words)
}

/// Gries' DP, normalised, from its definition.
fn dp(by_year: &BTreeMap<Option<u16>, u32>, words: &BTreeMap<Option<u16>, u64>) -> Option<f64> {
    let total: u64 = words.values().sum();
    let freq: u32 = by_year.values().sum();
    let parts: Vec<_> = words.iter().filter(|(_, &w)| w > 0).collect();
    if parts.len() < 2 {
        return None;
    }
    let mut sum = 0.0;
    let mut smallest = 1.0f64;
    for (year, &w) in &parts {
        let s = w as f64 / total as f64;
        let v = *by_year.get(year).unwrap_or(&0) as f64 / freq as f64;
        sum += (v - s).abs();
        smallest = smallest.min(s);
    }
    Some(0.5 * sum / (1.0 - smallest))
}

#[test]
fn counts_and_dp_agree_with_a_naive_reading_of_the_text() {
    let b = bundle();
    for n in 2..=5 {
        let settings = Settings {
            n,
            min_frequency: 1,
            ..Settings::default()
        };
        let c = clusters(b, &parse("?view=clusters").state, &settings);
        let (grams, words) = naive(n);
        assert_eq!(c.rows.len(), grams.len(), "n = {n}");
        assert_eq!(c.words, words.values().sum::<u64>());
        assert!(words.len() > 2, "the test corpus spans years");
        for row in &c.rows {
            let g = &grams[&row.ngram];
            assert_eq!(
                (row.frequency, row.statements, row.speakers, row.years),
                (
                    g.frequency,
                    g.statements.len() as u32,
                    g.speakers.len() as u32,
                    g.by_year.len() as u32
                ),
                "{}",
                row.ngram
            );
            let want = dp(&g.by_year, &words).map(|x| format!("{x:.3}"));
            assert_eq!(row.dp.map(|x| format!("{x:.3}")), want, "{}", row.ngram);
        }
        // Most frequent first.
        assert!(c.rows.windows(2).all(|w| w[0].frequency >= w[1].frequency));
    }
}

/// Each row's frequency is the number of lines of its concordance (the cluster as an
/// exact phrase, the same filters).
#[test]
fn each_row_opens_as_many_lines_as_it_counts() {
    let b = bundle();
    for link in [
        "?view=clusters",
        "?view=clusters&q=rights&n=2",
        "?view=clusters&q=%22human+rights%22&n=2",
        "?view=clusters&speaker=zhao-lijian&n=4",
    ] {
        let p = parse(link);
        let settings = Settings {
            n: p.state.stats.n as usize,
            min_frequency: 2,
            ..Settings::default()
        };
        let c = clusters(b, &p.state, &settings);
        assert!(!c.rows.is_empty(), "{link}");
        for row in &c.rows {
            let mut k = p.state.clone();
            k.q = Some(format!("\"{}\"", row.ngram));
            let k = concordance(b, &k.with_view(tifa_view::url_state::ViewKind::Kwic));
            assert_eq!(k.total, row.frequency as usize, "{link}: {}", row.ngram);
        }
    }
}

const WORDS: [&str; 6] = ["peace", "and", "development", "win", "中", "国"];

proptest! {
    /// On generated corpora, with and without a node: the clusters holding the node are
    /// exactly the naive clusters that hold it, with the same counts.
    #[test]
    fn clusters_with_a_node_are_those_holding_it(
        texts in proptest::collection::vec(proptest::collection::vec(proptest::collection::vec(0usize..WORDS.len(), 0..30), 1..3), 1..20),
        n in 2usize..=5,
        node in 0usize..WORDS.len(),
    ) {
        let rows: Vec<Vec<(PassageKind, String)>> = texts
            .iter()
            .map(|ps| ps.iter().map(|w| (PassageKind::Quote, w.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" "))).collect())
            .collect();
        let b = corpus(&rows);
        let settings = Settings { n, min_frequency: 1, ..Settings::default() };
        let mut naive: HashMap<Vec<usize>, (u32, BTreeSet<usize>)> = HashMap::new();
        for (s, ps) in texts.iter().enumerate() {
            for w in ps.iter().filter(|w| w.len() >= n).flat_map(|w| w.windows(n)) {
                let e = naive.entry(w.to_vec()).or_default();
                e.0 += 1;
                e.1.insert(s);
            }
        }
        let all = clusters(&b, &parse("?view=clusters").state, &settings);
        prop_assert_eq!(all.rows.len(), naive.len());
        let with = clusters(&b, &parse(&format!("?view=clusters&q=%22{}%22", WORDS[node])).state, &settings);
        let holding: Vec<_> = naive.iter().filter(|(g, _)| g.contains(&node)).collect();
        prop_assert_eq!(with.rows.len(), holding.len());
        for (g, (f, st)) in holding {
            let text: Vec<&str> = g.iter().map(|&i| WORDS[i]).collect();
            // Characters apart (a lone character is a word) keep their space.
            let name = text.join(" ");
            let row = with.rows.iter().find(|r| r.ngram == name);
            prop_assert!(row.is_some(), "{} missing", name);
            let row = row.unwrap();
            prop_assert_eq!((row.frequency, row.statements as usize), (*f, st.len()));
            prop_assert_eq!(row.dp, None);
        }
    }
}

/// Chinese: a character is a word, and a cluster's characters are written without
/// spaces; its concordance (the cluster as a quoted phrase) finds as many lines.
#[test]
fn chinese_clusters_are_runs_of_characters() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/chinese");
    let b = tifa_compile::bundle(tifa_compile::compile_dir(&dir).unwrap());
    let state = parse("?view=clusters&n=8").state;
    let c = clusters(
        &b,
        &state,
        &Settings {
            n: 8,
            min_frequency: 2,
            ..Settings::default()
        },
    );
    // Eight characters of the formulation two speakers say.
    assert!(
        c.rows.iter().any(|r| r.ngram == "构建人类命运共同"),
        "{:?}",
        c.rows
    );
    assert!(
        c.rows.iter().all(|r| r.ngram.chars().count() == 8),
        "{:?}",
        c.rows
    );
    for r in &c.rows {
        assert!(!r.ngram.contains(' '), "{}", r.ngram);
        let mut k = state.clone();
        k.q = Some(format!("\"{}\"", r.ngram));
        let k = concordance(&b, &k.with_view(tifa_view::url_state::ViewKind::Kwic));
        assert_eq!(k.total, r.frequency as usize, "{}", r.ngram);
    }
}

/// Chinese clusters holding a phrase: each holds it, and opens as many lines.
#[test]
fn chinese_clusters_holding_a_phrase() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/chinese");
    let b = tifa_compile::bundle(tifa_compile::compile_dir(&dir).unwrap());
    let state = parse("?view=clusters&q=%22%E4%BA%BA%E7%B1%BB%E5%91%BD%E8%BF%90%22&n=6").state;
    let c = clusters(
        &b,
        &state,
        &Settings {
            n: 6,
            min_frequency: 1,
            ..Settings::default()
        },
    );
    assert!(!c.rows.is_empty());
    for r in &c.rows {
        assert!(
            r.ngram.contains("人类命运") && r.ngram.chars().count() == 6,
            "{}",
            r.ngram
        );
        let mut k = state.clone();
        k.q = Some(format!("\"{}\"", r.ngram));
        let k = concordance(&b, &k.with_view(tifa_view::url_state::ViewKind::Kwic));
        assert_eq!(k.total, r.frequency as usize, "{}", r.ngram);
    }
}
