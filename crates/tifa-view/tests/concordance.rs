//! The concordance on generated corpora: one line per occurrence, each with the match
//! in the centre and at most `ctx` words on each side from its own passage, in the
//! order asked for, and pages that together give every line once.

mod common;

use common::corpus;
use proptest::prelude::*;
use tifa_core::search::formulation::{find, Detail, Formulation};
use tifa_core::search::query::Query;
use tifa_core::search::text::tokens;
use tifa_model::Kinds;
use tifa_model::PassageKind;
use tifa_view::concordance::{concordance, PAGE_SIZE};
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
