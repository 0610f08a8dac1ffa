//! The timeline layout on generated corpora: every dated statement on the axis is in
//! exactly one mark, marks never crowd past the bins asked for, and lanes are bounded.

use proptest::prelude::*;
use std::borrow::Cow;
use tifa_model::{Corpus, DateClaim, Entity, PartialDate, Statement, Text};
use tifa_view::timeline::plot::{layout, LaneKey, Scale, Timeline, MAX_LANES};
use tifa_view::url_state::Lanes;

fn text(s: String) -> Text<'static> {
    Text(Cow::Owned(s))
}

/// A corpus of statements with the given (speaker, venue, date) and 30 speakers and
/// venues to draw from.
fn corpus(rows: &[(u32, Option<u32>, Option<PartialDate>)]) -> Corpus<'static> {
    let entities = |what: &str| {
        (0..30)
            .map(|i| Entity {
                id: text(format!("{what}-{i}")),
                name: text(format!("{what} {i:02}")),
            })
            .collect()
    };
    let mut c = Corpus::empty();
    c.speakers = entities("speaker");
    c.venues = entities("venue");
    c.statements = rows
        .iter()
        .enumerate()
        .map(|(i, &(speaker, venue, date))| Statement {
            id: text(format!("s{i}")),
            document: 0,
            speaker,
            role: None,
            venue,
            venue_evidence: None,
            topics: Vec::new(),
            date: DateClaim {
                date,
                ..DateClaim::unknown()
            },
            passages: Vec::new(),
            headline: None,
        })
        .collect();
    c
}

/// Each mark as (start, end, imprecise, count), in drawing order.
fn spans_of(t: &Timeline) -> Vec<(u32, u32, bool, u32)> {
    t.marks
        .iter()
        .map(|m| (m.start, m.end, m.imprecise, m.count))
        .collect()
}

fn date() -> impl Strategy<Value = Option<PartialDate>> {
    proptest::option::weighted(
        0.95,
        (
            2015u16..2025,
            proptest::option::weighted(0.9, 1u8..=12),
            proptest::option::weighted(0.9, 1u8..=28),
        )
            .prop_map(|(year, month, day)| PartialDate {
                year,
                month,
                day: month.and(day),
            }),
    )
}

fn row() -> impl Strategy<Value = (u32, Option<u32>, Option<PartialDate>)> {
    (0u32..30, proptest::option::of(0u32..30), date())
}

proptest! {
    #[test]
    fn every_statement_is_counted_once(
        rows in proptest::collection::vec(row(), 0..600),
        zoom in proptest::option::of(2015u16..2025),
        by_venue in any::<bool>(),
        max_bins in 1u32..200,
    ) {
        let c = corpus(&rows);
        let all: Vec<u32> = (0..rows.len() as u32).collect();
        let scale = match zoom {
            Some(year) => Scale::Days { year },
            None => Scale::Years { first: 2015, last: 2024 },
        };
        let lanes = if by_venue { Lanes::Venue } else { Lanes::Speaker };
        let t = layout(&c, &all, scale, lanes, max_bins);
        let on_axis: u32 = t.marks.iter().map(|m| m.count).sum();
        // The table holds the same statements, lane by lane.
        let table = t.table(&c, lanes, &all);
        prop_assert_eq!(table.len(), t.lanes.len());
        for (row, lane) in table.iter().zip(&t.lanes) {
            prop_assert_eq!(row.iter().sum::<u32>(), lane.count);
        }
        prop_assert_eq!(on_axis + t.undated + t.outside, rows.len() as u32);
        prop_assert_eq!(t.lanes.iter().map(|l| l.count).sum::<u32>(), on_axis);
        prop_assert!(t.lanes.len() <= MAX_LANES + 1);
        prop_assert_eq!(t.undated as usize, rows.iter().filter(|r| r.2.is_none()).count());
        // Exact marks sit in whole bins, at most one per lane and bin; at most the
        // bins asked for fit across (unless even the largest bin is too small).
        let bins = scale.slots().div_ceil(t.bin);
        prop_assert!(bins <= max_bins || t.bin >= 61);
        for (n, m) in t.marks.iter().enumerate() {
            prop_assert!(m.count >= 1 && m.start < m.end && m.end <= scale.slots());
            prop_assert!((m.lane as usize) < t.lanes.len());
            if !m.imprecise {
                prop_assert_eq!(m.start % t.bin, 0);
                prop_assert!(!t.marks[..n].iter().any(|o| !o.imprecise && o.lane == m.lane && o.start == m.start));
            }
            // The first statement is the mark's earliest in corpus order, in its lane.
            let s = &c.statements[m.first as usize];
            let key = if by_venue { s.venue.map_or(LaneKey::Unknown, LaneKey::Entity) } else { LaneKey::Entity(s.speaker) };
            let lane = &t.lanes[m.lane as usize];
            prop_assert!(lane.key == key || matches!(lane.key, LaneKey::Others(_)));
        }
        // Lanes are busiest first (the merged lane last).
        let own: Vec<u32> = t.lanes.iter().filter(|l| !matches!(l.key, LaneKey::Others(_))).map(|l| l.count).collect();
        prop_assert!(own.windows(2).all(|w| w[0] >= w[1]));
    }
}

#[test]
fn imprecise_dates_span_their_period_and_are_not_merged_with_exact_ones() {
    let d = |s| Some(PartialDate::parse(s).unwrap());
    let c = corpus(&[
        (0, None, d("2021-03-05")),
        (0, None, d("2021-03-20")),
        (0, None, d("2021-03")),
        (0, None, d("2021")),
        (1, None, d("2020")),
        (1, None, None),
    ]);
    let all: Vec<u32> = (0..6).collect();
    let years = layout(
        &c,
        &all,
        Scale::Years {
            first: 2020,
            last: 2021,
        },
        Lanes::Speaker,
        100,
    );
    assert_eq!(years.bin, 1);
    let spans = spans_of(&years);
    // Speaker 0 (4 statements) first: March 2021 holds two exact dates and the month
    // itself (exact at this scale); 2021 spans its year; then speaker 1's 2020.
    assert_eq!(
        spans,
        [(12, 24, true, 1), (14, 15, false, 3), (0, 12, true, 1)]
    );
    assert_eq!(years.undated, 1);
    let days = layout(&c, &all, Scale::Days { year: 2021 }, Lanes::Speaker, 400);
    let spans = spans_of(&days);
    assert_eq!(
        spans,
        [
            (0, 365, true, 1),
            (59, 90, true, 1),
            (63, 64, false, 1),
            (78, 79, false, 1)
        ]
    );
    assert_eq!(days.outside, 1);
    // Speaker 1 has nothing in 2021: one lane only.
    assert_eq!(days.lanes.len(), 1);
}

#[test]
fn many_speakers_share_one_merged_lane() {
    let rows: Vec<_> = (0..30u32)
        .flat_map(|s| {
            (0..=s).map(move |k| {
                (
                    s,
                    None,
                    Some(PartialDate {
                        year: 2020,
                        month: Some(1 + (k % 12) as u8),
                        day: None,
                    }),
                )
            })
        })
        .collect();
    let c = corpus(&rows);
    let all: Vec<u32> = (0..rows.len() as u32).collect();
    let t = layout(
        &c,
        &all,
        Scale::Years {
            first: 2020,
            last: 2020,
        },
        Lanes::Speaker,
        12,
    );
    assert_eq!(t.lanes.len(), MAX_LANES + 1);
    assert_eq!(t.lanes[0].key, LaneKey::Entity(29));
    assert_eq!(t.lanes[MAX_LANES].key, LaneKey::Others(20));
    assert_eq!(t.lanes[MAX_LANES].count, (1..=20).sum::<u32>());
}
