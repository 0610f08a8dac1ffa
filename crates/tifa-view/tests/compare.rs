//! The comparison's words and links (`tifa_view::compare`) over a corpus made here:
//! pair lines, the shared phrases' legend and marks, removing a column, the add box.

mod common;

use tifa_core::blob::Bundle;
use tifa_model::{Corpus, Document, Passage, PassageKind, Span, Statement};
use tifa_view::compare::{pick, Columns, Phrases};
use tifa_view::url_state::{parse, to_query};

const TEXTS: [&str; 4] = [
    "We build a Community with a Shared Future for Mankind together.",
    "They spoke of a community with a shared future for mankind, and of trade.",
    "Trade and tariffs only.",
    "Tariffs and trade once more.",
];

fn bundle() -> Bundle<'static> {
    let mut c = Corpus::empty();
    c.speakers = common::speakers(4);
    for (i, text) in TEXTS.iter().enumerate() {
        c.documents.push(Document::bare(&format!("d{i}"), text));
        let span = Span {
            start: 0,
            end: text.len() as u32,
        };
        let kind = PassageKind::Quote;
        let mut s = Statement::bare(&format!("s{i}"), i as u32, vec![Passage { kind, span }]);
        s.speaker = i as u32;
        c.statements.push(s);
    }
    Bundle::new(c)
}

#[test]
fn pairs_are_named_by_column_and_speaker() {
    let b = bundle();
    let cols = Columns::new(&b.corpus, &[0, 1, 2]);
    let pairs = cols.pairs();
    let names: Vec<&str> = pairs.iter().map(|(which, _)| which.as_str()).collect();
    assert_eq!(
        names,
        [
            "1 (Speaker 0) and 2 (Speaker 1): ",
            "1 (Speaker 0) and 3 (Speaker 2): ",
            "2 (Speaker 1) and 3 (Speaker 2): "
        ]
    );
    for (_, score) in &pairs {
        assert!(score.ends_with(" %"), "{score}");
    }
}

#[test]
fn a_shared_phrase_is_worded_as_first_written_and_marked_in_each_column_holding_it() {
    let b = bundle();
    let cols = Columns::new(&b.corpus, &[0, 1, 2]);
    let p = cols.phrases();
    assert_eq!(p.legend.len(), p.shown.len());
    let k = p
        .shown
        .iter()
        .position(|s| s.contains("Shared Future"))
        .expect("the shared phrase is found");
    // Worded as the first column writes it (its capitals), held by columns 1 and 2.
    assert!(p.legend[k].0.starts_with('“') && p.legend[k].0.ends_with('”'));
    assert_eq!(p.legend[k].1, " — in 1, 2");
    for (col, marks) in p.marks.iter().enumerate() {
        let starts: Vec<u32> = marks.iter().map(|(sp, _)| sp.start).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "by start");
        let here = marks.iter().filter(|(_, n)| *n == k).count();
        assert_eq!(here, usize::from(col < 2), "column {}", col + 1);
        for (sp, n) in marks.iter().filter(|(_, n)| *n == k) {
            let text = b.corpus.documents[col].text(*sp).to_lowercase();
            assert_eq!(text, p.shown[*n].to_lowercase());
        }
    }
    assert_eq!(Phrases::more_note(p.legend.len()), None);
}

#[test]
fn removing_a_column_keeps_the_others_in_order_and_the_mode() {
    let b = bundle();
    let cols = Columns::new(&b.corpus, &[0, 1, 2]);
    let here = parse("?compare=s0,s1,s2&mode=aligned&q=trade").state;
    assert_eq!(
        to_query(&cols.removing(&here, 1)),
        "?q=trade&compare=s0%2Cs2&mode=aligned"
    );
}

#[test]
fn the_add_box_offers_only_statements_not_yet_compared_and_says_how_many_match() {
    let b = bundle();
    let here = parse("?compare=s2").state;
    assert_eq!(pick(&b, &here, &["s2".into()], "   "), None);
    let found = pick(&b, &here, &["s2".into()], "trade").unwrap();
    // Three statements say "trade"; the one compared already is not offered again.
    assert_eq!(found.status, "3 statements match.");
    let offered: Vec<u32> = found.rows.iter().map(|(i, _)| *i).collect();
    assert_eq!(offered.len(), 2);
    assert!(!offered.contains(&2));
    for (i, to) in &found.rows {
        assert_eq!(to.compare, vec!["s2".to_string(), format!("s{i}")]);
    }
    let none = pick(&b, &here, &[], "zebra").unwrap();
    assert_eq!(
        (none.status.as_str(), none.rows.len()),
        ("Nothing matches.", 0)
    );
}
