//! Formulations on generated corpora: exact phrases are exact, `*` is one word and
//! reports its fillers, `*{m,n}` a gap and `NEAR/n` a distance (each against a naive
//! reading written apart), only passages of the asked kinds count (never titles), and
//! the index's narrowing never loses a statement that reading every statement would find.

mod common;

use common::corpus;
use proptest::prelude::*;
use tifa_core::blob::Bundle;
use tifa_core::search::formulation::{find, occurrences, word_spans, Detail, Formulation};
use tifa_core::search::query::Query;
use tifa_model::Kinds;
use tifa_model::PassageKind;

const KINDS: [PassageKind; 4] = [
    PassageKind::Quote,
    PassageKind::Reported,
    PassageKind::Narration,
    PassageKind::Question,
];

fn quotes(texts: &[&str]) -> Bundle<'static> {
    corpus(
        &texts
            .iter()
            .map(|t| vec![(PassageKind::Quote, t.to_string())])
            .collect::<Vec<_>>(),
    )
}

fn found(b: &Bundle, f: &str) -> Vec<u32> {
    find(
        &b.corpus,
        &b.index,
        &Formulation::parse(f),
        &Query::default(),
        Kinds::ALL,
        Detail::Occurrences,
    )
    .into_iter()
    .map(|f| f.statement)
    .collect()
}

#[test]
fn a_quoted_phrase_is_its_exact_words_and_a_word_is_its_stem() {
    let b = quotes(&[
        "a shared future for mankind",
        "respect for human rights",
        "a future for humanity",
        "For Humanity’s sake",
    ]);
    assert_eq!(found(&b, "\"for humanity\""), [2, 3]);
    assert_eq!(found(&b, "\"for mankind\" OR \"for humanity\""), [0, 2, 3]);
    // Unquoted, as in search: by stem (humanity, human -> human).
    assert_eq!(found(&b, "humanity"), [1, 2, 3]);
    // Titles say "On humanity" everywhere: they never count.
    assert_eq!(found(&b, "\"on humanity\""), Vec::<u32>::new());
}

#[test]
fn a_star_is_one_word_and_its_fillers_are_reported() {
    let b = quotes(&[
        "the state of the union is strong",
        "the state of our union is strong",
        "the state of the federal union",
        "state of union",
    ]);
    let f = Formulation::parse("\"state of * union\"");
    let all = find(
        &b.corpus,
        &b.index,
        &f,
        &Query::default(),
        Kinds::ALL,
        Detail::Occurrences,
    );
    let fillers: Vec<(u32, Vec<String>)> = all
        .iter()
        .map(|x| (x.statement, x.occurrences[0].filler.clone()))
        .collect();
    assert_eq!(
        fillers,
        [(0, vec!["the".to_string()]), (1, vec!["our".to_string()])]
    );
    let o = &all[0].occurrences[0];
    let words = word_spans(&b.corpus, &b.corpus.statements[0], o.passage);
    let span = o.span(&words).unwrap();
    assert_eq!(
        &b.corpus.documents[0].raw[span.start as usize..span.end as usize],
        "state of the union"
    );
}

#[test]
fn only_passages_of_the_kinds_asked_for_count() {
    let b = corpus(&[vec![
        (PassageKind::Question, "is it win-win cooperation".into()),
        (PassageKind::Quote, "we seek mutual benefit".into()),
    ]]);
    let f = Formulation::parse("\"win-win cooperation\"");
    let s = &b.corpus.statements[0];
    assert!(occurrences(&b.corpus, &f, s, Kinds::ALL).is_some());
    assert!(occurrences(&b.corpus, &f, s, Kinds::of(&[PassageKind::Quote])).is_none());
    assert!(occurrences(&b.corpus, &f, s, Kinds::of(&[PassageKind::Question])).is_some());
}

#[test]
fn filters_and_notes() {
    let f = Formulation::parse("-covid speaker:mao \"shared future\"");
    assert_eq!(f.groups.len(), 1);
    assert_eq!(f.notes.len(), 2, "{:?}", f.notes);
    assert!(Formulation::parse("  ").is_empty());
    assert!(Formulation::parse("\"\"").is_empty());
}

/// Words that stem alike, fold alike (case, accents, typographic apostrophes), and
/// Chinese, which is indexed as characters.
const VOCAB: [&str; 16] = [
    "for",
    "human",
    "humanity",
    "humans",
    "rights",
    "mankind",
    "state",
    "of",
    "the",
    "union",
    "our",
    "strong",
    "Union’s",
    "État",
    "etat",
    "命运共同体",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(0usize..VOCAB.len(), 1..30)
        .prop_map(|w| w.iter().map(|&i| VOCAB[i]).collect::<Vec<_>>().join(" "))
}

fn statement() -> impl Strategy<Value = Vec<(PassageKind, String)>> {
    proptest::collection::vec((0usize..4, text()), 1..3)
        .prop_map(|ps| ps.into_iter().map(|(k, t)| (KINDS[k], t)).collect())
}

fn formulation() -> impl Strategy<Value = String> {
    let word = (0usize..VOCAB.len()).prop_map(|i| VOCAB[i].to_string());
    let slot =
        prop_oneof![4 => word.clone(), 1 => Just("*".to_string()), 1 => Just("*{0,2}".to_string())];
    let phrase = proptest::collection::vec(slot, 1..4).prop_map(|s| format!("\"{}\"", s.join(" ")));
    let near =
        (word.clone(), word.clone(), 1u8..4).prop_map(|(a, b, n)| format!("{a} NEAR/{n} {b}"));
    let item = prop_oneof![
        word.clone(),
        word.prop_map(|w| format!("{}*", w.chars().take(2).collect::<String>())),
        phrase,
        near
    ];
    proptest::collection::vec(item, 1..3).prop_map(|items| items.join(" OR "))
}

proptest! {
    /// The index narrows, the words decide: `find` equals reading every statement.
    #[test]
    fn find_equals_reading_every_statement(
        statements in proptest::collection::vec(statement(), 1..40),
        f in formulation(),
        kinds in proptest::collection::vec(0usize..4, 0..3),
    ) {
        let b = corpus(&statements);
        let kinds = Kinds::of(&kinds.iter().map(|&k| KINDS[k]).collect::<Vec<_>>());
        let f = Formulation::parse(&f);
        let fast = find(&b.corpus, &b.index, &f, &Query::default(), kinds, Detail::Occurrences);
        let slow: Vec<(u32, Vec<_>)> = b.corpus.statements.iter().enumerate()
            .filter_map(|(i, s)| occurrences(&b.corpus, &f, s, kinds).map(|o| (i as u32, o)))
            .collect();
        let fast: Vec<(u32, Vec<_>)> = fast.into_iter().map(|x| (x.statement, x.occurrences)).collect();
        // The same places, groups, patterns and fillers.
        prop_assert_eq!(&fast, &slow);
        // Where the index alone decides, it decides the same statements.
        let ids: Vec<u32> = find(&b.corpus, &b.index, &f, &Query::default(), kinds, Detail::Statements)
            .iter().map(|x| x.statement).collect();
        prop_assert_eq!(ids, slow.iter().map(|x| x.0).collect::<Vec<_>>());
    }

    /// A phrase with `*` finds exactly the union of the phrases its fillers make.
    #[test]
    fn a_star_finds_the_union_of_its_fillers(
        statements in proptest::collection::vec(statement(), 1..40),
        before in 0usize..VOCAB.len(),
        after in 0usize..VOCAB.len(),
    ) {
        let b = corpus(&statements);
        let (x, y) = (VOCAB[before], VOCAB[after]);
        let f = Formulation::parse(&format!("\"{x} * {y}\""));
        let all = find(&b.corpus, &b.index, &f, &Query::default(), Kinds::ALL, Detail::Occurrences);
        let mut fillers: Vec<String> = all.iter()
            .flat_map(|s| s.occurrences.iter().map(|o| o.filler.join(" ")))
            .collect();
        fillers.sort();
        fillers.dedup();
        let union = fillers.iter().map(|w| format!("\"{x} {w} {y}\"")).collect::<Vec<_>>().join(" OR ");
        let expected: Vec<u32> = if union.is_empty() { Vec::new() } else {
            find(&b.corpus, &b.index, &Formulation::parse(&union), &Query::default(), Kinds::ALL, Detail::Occurrences)
                .into_iter().map(|s| s.statement).collect()
        };
        let got: Vec<u32> = all.iter().map(|s| s.statement).collect();
        prop_assert_eq!(got, expected);
    }
}

/// The folded words of each passage of `kinds` of each statement.
fn passage_words(b: &Bundle, kinds: Kinds) -> Vec<Vec<Vec<String>>> {
    b.corpus
        .statements
        .iter()
        .map(|s| {
            let doc = b.corpus.document_of(s);
            s.passages
                .iter()
                .filter(|p| kinds.contains(p.kind))
                .map(|p| {
                    tifa_core::search::text::tokens(doc.text(p.span))
                        .into_iter()
                        .map(|t| t.term)
                        .collect()
                })
                .collect()
        })
        .collect()
}

proptest! {
    /// `"x *{m,n} y"` is x, then m to n words, then y; `x NEAR/n y` is both, in either
    /// order, with at most n words between (read naively, word by word).
    #[test]
    fn gaps_and_near_are_what_they_say(
        statements in proptest::collection::vec(statement(), 1..30),
        x in 0usize..12,
        y in 0usize..12,
        m in 0u8..3,
        extra in 0u8..3,
        n in 1u8..4,
    ) {
        let b = corpus(&statements);
        let folded = |i: usize| tifa_core::search::text::tokens(VOCAB[i])[0].term.clone();
        prop_assume!(tifa_core::search::text::tokens(VOCAB[x]).len() == 1 && tifa_core::search::text::tokens(VOCAB[y]).len() == 1);
        let (wx, wy) = (folded(x), folded(y));
        let max = (m + extra).max(1);
        let words = passage_words(&b, Kinds::ALL);
        let gap_expected: Vec<u32> = words.iter().enumerate().filter(|(_, ps)| {
            ps.iter().any(|p| (0..p.len()).any(|i| p[i] == wx && (m as usize..=max as usize).any(|k| p.get(i + 1 + k) == Some(&wy))))
        }).map(|(i, _)| i as u32).collect();
        prop_assert_eq!(found(&b, &format!("\"{} *{{{m},{max}}} {}\"", VOCAB[x], VOCAB[y])), gap_expected);
        let near_expected: Vec<u32> = words.iter().enumerate().filter(|(_, ps)| {
            ps.iter().any(|p| (0..p.len()).any(|i| (0..p.len()).any(|j| {
                i != j && p[i] == wx && p[j] == wy && i.abs_diff(j) - 1 <= n as usize
            })))
        }).map(|(i, _)| i as u32).collect();
        // Words here are exact (quoted), so the naive reading compares folded words.
        prop_assert_eq!(found(&b, &format!("\"{}\" NEAR/{n} \"{}\"", VOCAB[x], VOCAB[y])), near_expected);
    }
}

#[test]
fn a_gap_and_near_read_variants_of_a_formulation() {
    let b = quotes(&[
        "build a community with a shared future for mankind",
        "a community of shared future for human beings",
        "the community and its shared future",
        "future of the international community, shared by all",
    ]);
    assert_eq!(found(&b, "\"community *{0,2} shared future\""), [0, 1, 2]);
    assert_eq!(found(&b, "\"community * shared future\""), [1]);
    assert_eq!(found(&b, "community NEAR/2 future"), [1]);
    assert_eq!(found(&b, "community NEAR/3 future"), [0, 1, 2, 3]);
    let f = Formulation::parse("\"community *{0,2} shared future\"");
    let all = find(
        &b.corpus,
        &b.index,
        &f,
        &Query::default(),
        Kinds::ALL,
        Detail::Occurrences,
    );
    let fillers: Vec<Vec<String>> = all
        .iter()
        .map(|x| x.occurrences[0].filler.clone())
        .collect();
    assert_eq!(
        fillers,
        [
            vec!["with a".to_string()],
            vec!["of".to_string()],
            vec!["and its".to_string()]
        ]
    );
    // A gap too wide or at an edge is said, never an error.
    let bad = Formulation::parse("\"community *{3,1} future\" NEAR/0 x");
    assert!(
        bad.notes.iter().any(|n| n.contains("a gap is *{m,n}")),
        "{:?}",
        bad.notes
    );
    assert!(
        bad.notes.iter().any(|n| n.contains("NEAR/n takes")),
        "{:?}",
        bad.notes
    );
}
