//! The tracker's numbers on generated corpora: each statement found is counted once
//! (in its period, or apart when its date is too coarse or missing), periods count
//! every statement the filters let through, the first attestation is the earliest
//! date, and per-speaker counts add up.

mod common;

use proptest::prelude::*;
use tifa_core::blob::Bundle;
use tifa_model::{Corpus, DateClaim, Document, PartialDate, Passage, PassageKind, Span, Statement};
use tifa_view::tracker::{track, Request, Unit};

const WORDS: [&str; 8] = [
    "shared",
    "future",
    "for",
    "mankind",
    "humanity",
    "win",
    "cooperation",
    "the",
];

/// One statement per row: (speaker, date, text).
fn corpus(rows: &[(u32, Option<PartialDate>, String)]) -> Bundle<'static> {
    let mut c = Corpus::empty();
    c.speakers = common::speakers(4);
    for (i, (speaker, date, text)) in rows.iter().enumerate() {
        c.documents.push(Document::bare(&format!("d{i}"), text));
        c.statements.push(Statement {
            id: format!("s{i:03}").into(),
            document: i as u32,
            speaker: *speaker,
            role: None,
            venue: None,
            venue_evidence: None,
            topics: Vec::new(),
            date: DateClaim {
                date: *date,
                ..DateClaim::unknown()
            },
            passages: vec![Passage {
                kind: PassageKind::Quote,
                span: Span {
                    start: 0,
                    end: text.len() as u32,
                },
            }],
            headline: None,
        });
    }
    Bundle::new(c)
}

fn row() -> impl Strategy<Value = (u32, Option<PartialDate>, String)> {
    let date = proptest::option::weighted(
        0.9,
        (2018u16..2022, proptest::option::weighted(0.7, 1u8..=12)).prop_map(|(year, month)| {
            PartialDate {
                year,
                month,
                day: None,
            }
        }),
    );
    let text = proptest::collection::vec(0usize..WORDS.len(), 1..12)
        .prop_map(|w| w.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" "));
    (0u32..4, date, text)
}

proptest! {
    #[test]
    fn every_statement_found_is_counted_once(
        rows in proptest::collection::vec(row(), 1..60),
        by_month in any::<bool>(),
    ) {
        let b = corpus(&rows);
        let unit = if by_month { Unit::Month } else { Unit::Year };
        let t = track(&b, &Request {
            formulations: vec!["\"shared future\"".into(), "humanity".into()],
            unit: Some(unit),
            ..Default::default()
        });
        let all: u32 = t.periods.iter().map(|p| p.total).sum::<u32>() + t.coarse_total + t.undated_total;
        prop_assert_eq!(all as usize, rows.len());
        for s in &t.series {
            prop_assert_eq!(s.counts.iter().sum::<u32>() + s.coarse + s.undated, s.statements);
            prop_assert_eq!(s.found.len() as u32, s.statements);
            for (n, p) in s.counts.iter().zip(&t.periods) {
                prop_assert!(*n <= p.total);
            }
            prop_assert_eq!(s.speakers.iter().map(|u| u.statements).sum::<u32>(), s.statements);
            // The first attestation is the earliest date among them (a dated one if any).
            let day = |i: u32| b.corpus.statements[i as usize].date.date.map(|d| d.first_day());
            if let Some((first, _)) = s.first {
                let earliest = s.found.iter().filter_map(|&i| day(i)).min();
                prop_assert_eq!(day(first), earliest.or(day(first)));
            } else {
                prop_assert_eq!(s.statements, 0);
            }
        }
        // A year-only date is never placed on a month.
        if by_month {
            let year_only = rows.iter().filter(|r| r.1.is_some_and(|d| d.month.is_none())).count();
            prop_assert_eq!(t.coarse_total as usize, year_only);
        } else {
            prop_assert_eq!(t.coarse_total, 0);
        }
    }
}

#[test]
fn a_star_reports_its_fillers_as_series() {
    let d = |y, m| {
        Some(PartialDate {
            year: y,
            month: Some(m),
            day: None,
        })
    };
    let b = corpus(&[
        (0, d(2019, 1), "the state of the union is strong".into()),
        (1, d(2020, 1), "the state of our union is strong".into()),
        (1, d(2021, 1), "the state of the union".into()),
    ]);
    let t = track(
        &b,
        &Request {
            formulations: vec!["\"state of * union\"".into()],
            ..Default::default()
        },
    );
    let names: Vec<(&str, u32)> = t
        .fillers
        .iter()
        .map(|s| (s.formulation.as_str(), s.statements))
        .collect();
    assert_eq!(
        names,
        [("\"state of the union\"", 2), ("\"state of our union\"", 1)]
    );
    assert_eq!(t.series[0].statements, 3);
    assert_eq!(t.series[0].first.map(|f| f.0), Some(0));
    assert_eq!(t.series[0].last.map(|l| l.0), Some(2));
    // Three years: by month unless asked.
    assert_eq!(t.unit, Unit::Month);
}
