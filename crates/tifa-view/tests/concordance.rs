//! The concordance on generated corpora: one line per occurrence, each with the match
//! in the centre and at most `ctx` words on each side from its own passage, in the
//! order asked for, and pages that together give every line once.

mod common;

use common::{bundle, corpus};
use proptest::prelude::*;
use tifa_core::search::formulation::{find, Detail, Formulation};
use tifa_core::search::query::Query;
use tifa_core::search::text::tokens;
use tifa_model::Kinds;
use tifa_model::PassageKind;
use tifa_view::concordance::{concordance, lines, PAGE_SIZE};
use tifa_view::url_state::parse;

const WORDS: [&str; 8] = [
    "shared",
    "future",
    "for",
    "mankind",
    "rights",
    "win",
    "cooperation",
    "the",
];

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(0usize..WORDS.len(), 1..40)
        .prop_map(|w| w.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" "))
}

proptest! {
    #[test]
    fn every_occurrence_once_in_context_and_in_order(
        texts in proptest::collection::vec(proptest::collection::vec(text(), 1..3), 1..30),
        q in prop_oneof![Just("cooperation"), Just("\"shared future\""), Just("\"for *\""), Just("the OR rights")],
        ctx in 1u8..10,
        order in prop_oneof![Just(""), Just("&sort=1L"), Just("&sort=2L"), Just("&sort=1R"), Just("&sort=2R"), Just("&sort=date"), Just("&sort=speaker")],
    ) {
        let rows: Vec<Vec<(PassageKind, String)>> = texts
            .into_iter()
            .map(|ps| ps.into_iter().map(|t| (PassageKind::Quote, t)).collect())
            .collect();
        let b = corpus(&rows);
        let occurrences: usize = find(&b.corpus, &b.index, &Formulation::parse(q), &Query::default(), Kinds::ALL, Detail::Occurrences)
            .iter()
            .map(|x| x.occurrences.len())
            .sum();
        let base = format!("?view=kwic&q={}&ctx={ctx}{order}", q.replace(' ', "+").replace('"', "%22"));
        let first = concordance(&b, &parse(&base).state);
        prop_assert_eq!(first.total, occurrences);
        let mut all = Vec::new();
        for p in 1..=first.page.last {
            let c = concordance(&b, &parse(&format!("{base}&page={p}")).state);
            prop_assert!(c.lines.len() <= PAGE_SIZE);
            all.extend(c.lines);
        }
        prop_assert_eq!(all.len(), occurrences);
        for l in &all {
            let doc = b.corpus.document_of(&b.corpus.statements[l.statement as usize]);
            let passage = b.corpus.statements[l.statement as usize].passages[l.passage as usize].span;
            prop_assert!(passage.start <= l.left.start && l.left.end == l.hit.start);
            prop_assert!(l.hit.end == l.right.start && l.right.end <= passage.end);
            prop_assert!(tokens(doc.text(l.left)).len() <= ctx as usize);
            prop_assert!(tokens(doc.text(l.right)).len() <= ctx as usize);
        }
        let keys: Vec<&String> = match order {
            "&sort=1L" => all.iter().map(|l| &l.near[1]).collect(),
            "&sort=1R" => all.iter().map(|l| &l.near[2]).collect(),
            _ => Vec::new(),
        };
        prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        if order.is_empty() {
            prop_assert!(all.windows(2).all(|w| (w[0].statement, w[0].hit.start) < (w[1].statement, w[1].hit.start)));
        }
    }
}

#[test]
fn a_page_past_the_end_shows_the_last() {
    let b = corpus(&[vec![(PassageKind::Quote, "win win win".to_string())]]);
    let c = concordance(&b, &parse("?view=kwic&q=win&page=9").state);
    assert!(c.clamped);
    assert_eq!((c.page.number, c.total, c.lines.len()), (1, 3, 3));
    let doc = &b.corpus.documents[0];
    let l = &c.lines[1];
    assert_eq!(
        (doc.text(l.left), doc.text(l.hit), doc.text(l.right)),
        ("win ", "win", " win")
    );
}

/// A part splits a concordance in two: the lines within it and the lines without it
/// are all the lines, none twice.
#[test]
fn within_and_without_a_part_split_the_lines() {
    let b = bundle();
    for (q, part) in [
        ("rights", "speaker%3Dzhao-lijian"),
        ("cooperation", "q%3Dpeace"),
        ("%22human+rights%22", "from%3D2021-06"),
        ("development", "all"),
    ] {
        let all = lines(b, &parse(&format!("?view=kwic&q={q}")).state).0;
        let inside = lines(b, &parse(&format!("?view=kwic&q={q}&within={part}")).state).0;
        let outside = lines(b, &parse(&format!("?view=kwic&q={q}&without={part}")).state).0;
        assert_eq!(inside.len() + outside.len(), all.len(), "{q} {part}");
        assert!(inside.iter().all(|l| !outside.contains(l)), "{q} {part}");
        if part == "all" {
            assert!(outside.is_empty());
        }
    }
    let p = parse("?view=kwic&q=rights&within=speaker%3Dnobody");
    let (_, _, notes) = lines(b, &p.state);
    assert_eq!(notes, ["no speaker has the id “nobody”; ignored it"]);
}

/// `near` keeps the lines with the word in the window and marks the nearest; an
/// unknown word says so.
#[test]
fn near_keeps_the_lines_with_the_word_in_the_window() {
    let b = bundle();
    let (ls, _, _) = lines(b, &parse("?view=kwic&q=rights&near=human&win=1,0").state);
    assert!(!ls.is_empty());
    for l in &ls {
        let key = l.keys[0].expect("the word near is marked");
        assert!(key.end <= l.hit.start, "{l:?}");
    }
    let (ls, _, notes) = lines(b, &parse("?view=kwic&q=rights&near=zzqxv").state);
    assert!(ls.is_empty());
    assert_eq!(
        notes,
        ["“zzqxv” is not in the corpus: no line has it near."]
    );
}
