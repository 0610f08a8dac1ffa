//! Recurring formulations and reuse, mined at build time: each listed formulation is
//! counted exactly as the tracker counts the same phrase, follows the stated rules
//! (long enough, shared, not function words, maximal), Chinese is mined by characters,
//! and every reuse link shares the words it says, on both sides.

mod common;

use common::{bundle, corpus};
use proptest::prelude::*;
use std::path::Path;
use tifa_core::blob::Bundle;
use tifa_core::compile::{compile_dir, compile_dir_with_settings};
use tifa_core::discover::{is_function_word, Settings};
use tifa_core::model::PassageKind;
use tifa_core::search::formulation::{find, word_spans, Detail, Formulation, Kinds};
use tifa_core::search::query::Query;
use tifa_core::search::text::tokens;

/// The statements the tracker counts for `phrase` as a quoted phrase, with no filter.
fn tracked(b: &Bundle, phrase: &str) -> Vec<u32> {
    let f = Formulation::parse(&format!("\"{phrase}\""));
    find(
        &b.corpus,
        &b.index,
        &f,
        &Query::default(),
        Kinds::ALL,
        Detail::Statements,
    )
    .into_iter()
    .map(|x| x.statement)
    .collect()
}

/// Checks every listed formulation of `b` against the rules and the tracker.
fn check_formulations(b: &Bundle, settings: &Settings) -> Result<(), TestCaseError> {
    let need = settings.statements_needed(b.corpus.statements.len()) as usize;
    let listed: Vec<(String, Vec<u32>)> = b
        .discoveries()
        .unwrap()
        .formulations
        .iter()
        .map(|f| (f.phrase.to_string(), f.statement_list()))
        .collect();
    for (phrase, statements) in &listed {
        prop_assert_eq!(&tracked(b, phrase), statements, "{}", phrase);
        prop_assert!(statements.len() >= need, "{}", phrase);
        let mut documents: Vec<u32> = statements
            .iter()
            .map(|&s| b.corpus.statements[s as usize].document)
            .collect();
        documents.dedup();
        prop_assert!(documents.len() >= 2, "{}", phrase);
        let words: Vec<String> = tokens(phrase).into_iter().map(|t| t.term).collect();
        let content = words.iter().filter(|w| !is_function_word(w)).count();
        prop_assert!(
            words.len() >= settings.min_words as usize && content * 2 >= words.len(),
            "{}",
            phrase
        );
    }
    // Maximal: none is inside another with the same statements.
    for (a, sa) in &listed {
        for (b2, sb) in &listed {
            if a != b2 && sa == sb {
                prop_assert!(
                    !format!(" {b2} ").contains(&format!(" {a} ")),
                    "{} inside {}",
                    a,
                    b2
                );
            }
        }
    }
    Ok(())
}

/// Checks that every reuse link shares the words it says, both ways.
fn check_reuse(b: &Bundle, settings: &Settings) -> Result<usize, TestCaseError> {
    let mut links = 0;
    for s in 0..b.corpus.statements.len() as u32 {
        for l in b.discoveries().unwrap().reuse.links(s) {
            links += 1;
            prop_assert!(l.other != s);
            let back = b.discoveries().unwrap().reuse.links(l.other);
            prop_assert!(back.iter().any(|x| x.other == s
                && x.passage == l.other_passage
                && x.other_passage == l.passage));
            let here = &b.corpus.statements[s as usize];
            let there = &b.corpus.statements[l.other as usize];
            let words = |st, p| {
                let doc = b.corpus.document_of(st);
                word_spans(&b.corpus, st, p)
                    .into_iter()
                    .map(|sp| tokens(doc.text(sp)).remove(0).term)
                    .collect::<Vec<_>>()
            };
            let (wa, wb) = (words(here, l.passage), words(there, l.other_passage));
            for r in &l.runs {
                prop_assert!(r.len >= settings.reuse_words);
                let (a, b2, n) = (r.a as usize, r.b as usize, r.len as usize);
                prop_assert_eq!(&wa[a..a + n], &wb[b2..b2 + n]);
            }
        }
    }
    Ok(links)
}

#[test]
fn the_test_corpus_lists_formulations_the_tracker_counts_alike() {
    let b = bundle();
    let settings = Settings::default();
    check_formulations(b, &settings).unwrap();
    let phrases: Vec<&str> = b
        .discoveries()
        .unwrap()
        .formulations
        .iter()
        .map(|f| f.phrase.as_ref())
        .collect();
    assert!(
        phrases.contains(&"and build a community with a shared future for mankind"),
        "{phrases:?}"
    );
    // Function-word runs are never listed.
    assert!(!phrases.iter().any(|p| p.split(' ').all(is_function_word)));
}

/// In the test corpus, the 2021 report of the Human Rights Council's resolution repeats
/// in its narration the resolution's title that the 2020 spokesperson gave.
#[test]
fn the_2021_report_reuses_the_2020_spokespersons_wording() {
    let b = bundle();
    check_reuse(b, &Settings::default()).unwrap();
    let zhao = b
        .statement_index("2020-06-zhao-lijian-hrc-cooperation-resolution")
        .unwrap() as u32;
    let chen = b
        .statement_index("2021-03-23-chen-xu-hrc-cooperation-resolution")
        .unwrap() as u32;
    let s = &b.corpus.statements[chen as usize];
    let doc = b.corpus.document_of(s);
    let mut texts: Vec<&str> = Vec::new();
    for link in b
        .discoveries()
        .unwrap()
        .reuse
        .links(chen)
        .into_iter()
        .filter(|l| l.other == zhao)
    {
        let spans = word_spans(&b.corpus, s, link.passage);
        texts.extend(link.runs.iter().map(|r| {
            doc.text(tifa_core::model::Span {
                start: spans[r.a as usize].start,
                end: spans[(r.a + r.len - 1) as usize].end,
            })
        }));
    }
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Mutually Beneficial Cooperation in the Field of Human Rights")),
        "{texts:?}"
    );
}

#[test]
fn chinese_is_mined_by_characters_across_speakers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/chinese");
    let b = Bundle::new(compile_dir(&dir).unwrap());
    let found = b
        .discoveries()
        .unwrap()
        .formulations
        .iter()
        .find(|f| f.phrase.as_ref() == "推动构建人类命运共同体")
        .expect("the formulation the three speakers share");
    let statements = found.statement_list();
    assert_eq!(statements.len(), 3);
    let mut speakers: Vec<u32> = statements
        .iter()
        .map(|&s| b.corpus.statements[s as usize].speaker)
        .collect();
    speakers.dedup();
    assert_eq!(speakers.len(), 3);
    assert_eq!(tracked(&b, "推动构建人类命运共同体"), statements);
}

#[test]
fn mining_thresholds_come_from_the_corpus_folder() {
    let dir = tempdir("mining");
    std::fs::write(
        dir.join("mining.toml"),
        "[formulations]\nmin_words = 5\n\n[reuse]\nmin_words = 12\n",
    )
    .unwrap();
    let (_, settings) = compile_dir_with_settings(&dir).unwrap();
    assert_eq!((settings.min_words, settings.reuse_words), (5, 12));
    std::fs::write(
        dir.join("mining.toml"),
        "[formulations]\nmin_words = 1\nmax_listed = \"x\"\n",
    )
    .unwrap();
    let errors = compile_dir_with_settings(&dir).unwrap_err();
    let text: Vec<String> = errors.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("mining.toml:3: malformed mining file")),
        "{text:?}"
    );
    std::fs::write(dir.join("mining.toml"), "[formulations]\nmin_words = 1\n").unwrap();
    let errors = compile_dir_with_settings(&dir).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .to_string()
            .ends_with("mining.toml:2: formulations.min_words must be from 2 to 40, not 1"),
        "{}",
        errors[0]
    );
    std::fs::write(dir.join("mining.toml"), "[formulation]\n").unwrap();
    assert!(compile_dir_with_settings(&dir).is_err());
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tifa-discover-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const VOCAB: [&str; 10] = [
    "shared",
    "future",
    "for",
    "mankind",
    "humanity",
    "of",
    "the",
    "community",
    "build",
    "win",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// On generated corpora, with thresholds low enough to list many: every listed
    /// formulation follows the rules and equals the tracker's count, and every reuse
    /// link shares the words it says.
    #[test]
    fn listed_formulations_and_reuse_hold_on_generated_corpora(
        texts in proptest::collection::vec(proptest::collection::vec(0usize..VOCAB.len(), 0..30), 2..25),
        min_words in 2u32..5,
        reuse_words in 2u32..7,
    ) {
        let rows: Vec<Vec<(PassageKind, String)>> = texts
            .iter()
            .map(|w| vec![(PassageKind::Quote, w.iter().map(|&i| VOCAB[i]).collect::<Vec<_>>().join(" "))])
            .collect();
        let settings = Settings { min_words, reuse_words, ..Settings::default() };
        let b = Bundle::with_settings(corpus(&rows).corpus, &settings);
        check_formulations(&b, &settings)?;
        check_reuse(&b, &settings)?;
    }
}
