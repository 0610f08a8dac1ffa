//! What the timeline says in words: lane names, a mark's headline, the summary line,
//! the title, and the search a cluster or a table cell opens.

use crate::search_page::range_label;
use crate::timeline::plot::{LaneKey, Mark, Scale, Timeline};
use crate::url_state::{Lanes, UrlState, ViewKind};
use tifa_model::{Corpus, PartialDate};

/// A lane's name: the speaker or occasion, or what a merged lane holds.
pub fn lane_name(corpus: &Corpus, lanes: Lanes, key: LaneKey) -> String {
    match key {
        LaneKey::Entity(e) => corpus.entities(lanes.kind())[e as usize].name.to_string(),
        LaneKey::Unknown => "Occasion unknown".to_string(),
        LaneKey::Others(n) => format!("{n} other {}", lanes.kind().plural()),
    }
}

/// The search view for the statements of a lane in a date range (a cluster, a cell of
/// the table).
pub fn lane_search(
    corpus: &Corpus,
    state: &UrlState,
    lanes: Lanes,
    key: LaneKey,
    (from, to): (PartialDate, PartialDate),
) -> UrlState {
    let mut next = state.search_in(ViewKind::Search);
    if let LaneKey::Entity(e) = key {
        let list = next.filters.ids_mut(lanes.kind());
        list.clear();
        list.push(corpus.entities(lanes.kind())[e as usize].id.to_string());
    }
    next.filters.from = Some(from);
    next.filters.to = Some(to);
    next.with_view(ViewKind::Search)
}

/// One statement's headline: who, when, where, and what it is about
/// ([`crate::reader::headline`]).
pub fn headline(corpus: &Corpus, i: u32) -> String {
    let s = &corpus.statements[i as usize];
    let speaker = corpus.speaker_of(s).name.as_ref();
    let venue = corpus
        .venue_of(s)
        .map(|v| format!(", {}", v.name.as_ref()))
        .unwrap_or_default();
    format!(
        "{speaker}, {}{venue}: “{}”",
        s.date.label(),
        crate::reader::headline(corpus, s)
    )
}

/// What a mark says and where it leads: a statement's headline and the reader, or a
/// cluster's count and its statements as a search.
pub fn mark_label(corpus: &Corpus, t: &Timeline, state: &UrlState, m: &Mark) -> (String, UrlState) {
    if m.count == 1 {
        let s = &corpus.statements[m.first as usize];
        return (headline(corpus, m.first), state.reading(&s.id));
    }
    let key = t.lanes[m.lane as usize].key;
    let range = t.scale.range(m.start, m.end);
    let who = lane_name(corpus, state.lanes, key);
    let when = range_label(Some(range.0), Some(range.1));
    (
        format!("{} statements, {who}, {when}: open as a list", m.count),
        lane_search(corpus, state, state.lanes, key, range),
    )
}

/// The line above the plot: how many statements, how many of them the brush holds, how
/// they are grouped, and what is not drawn.
pub fn summary(t: &Timeline, zoom: Option<u16>, brushed: Option<usize>) -> String {
    let on_axis: u32 = t.lanes.iter().map(|l| l.count).sum();
    let mut summary = match (zoom, on_axis) {
        (_, 0) => "No statement to show".to_string(),
        (Some(y), 1) => format!("1 statement in {y}"),
        (Some(y), n) => format!("{n} statements in {y}"),
        (None, 1) => "1 statement".to_string(),
        (None, n) => format!("{n} statements"),
    };
    match brushed {
        _ if on_axis == 0 => {}
        Some(1) => summary.push_str(", 1 of them in the dates chosen"),
        Some(n) => summary.push_str(&format!(", {n} of them in the dates chosen")),
        None => {}
    }
    if t.bin > 1 && on_axis > 0 {
        let unit = match t.scale {
            Scale::Years { .. } => "months",
            Scale::Days { .. } => "days",
        };
        summary.push_str(&format!(", grouped by {} {unit}", t.bin));
    }
    summary.push('.');
    match t.undated {
        0 => {}
        1 => summary.push_str(" 1 without a date is not shown."),
        n => summary.push_str(&format!(" {n} without a date are not shown.")),
    }
    if t.outside > 0 {
        summary.push_str(&format!(" {} in other years.", t.outside));
    }
    summary
}

/// The timeline's heading.
pub fn title(state: &UrlState) -> String {
    match (&state.q, state.zoom) {
        (Some(q), Some(y)) => format!("“{q}” in {y}"),
        (Some(q), None) => format!("“{q}” over time"),
        (None, Some(y)) => format!("Statements in {y}"),
        (None, None) => "Timeline".to_string(),
    }
}

/// `state` in the timeline, zoomed into a year or (with `None`) showing every year.
pub fn zoomed(state: &UrlState, zoom: Option<u16>) -> UrlState {
    let mut to = state.search_in(ViewKind::Timeline);
    to.zoom = zoom;
    to.with_view(ViewKind::Timeline)
}

/// `state` in the timeline with other lanes.
pub fn with_lanes(state: &UrlState, lanes: Lanes) -> UrlState {
    let mut to = state.search_in(ViewKind::Timeline);
    to.lanes = lanes;
    to.with_view(ViewKind::Timeline)
}

/// `state` in the timeline without its dates.
pub fn all_dates(state: &UrlState) -> UrlState {
    let mut to = state.search_in(ViewKind::Timeline);
    to.filters.from = None;
    to.filters.to = None;
    to.with_view(ViewKind::Timeline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{parse, to_query};

    #[test]
    fn summary_says_what_is_grouped_and_left_out() {
        let t = Timeline {
            scale: Scale::Years {
                first: 2020,
                last: 2021,
            },
            bin: 3,
            lanes: vec![crate::timeline::plot::Lane {
                key: LaneKey::Entity(0),
                count: 7,
            }],
            marks: Vec::new(),
            undated: 2,
            outside: 0,
        };
        assert_eq!(
            summary(&t, None, None),
            "7 statements, grouped by 3 months. 2 without a date are not shown."
        );
        // Brushed to one statement: said so, beside all those drawn.
        assert_eq!(
            summary(&t, None, Some(1)),
            "7 statements, 1 of them in the dates chosen, grouped by 3 months. 2 without a date are not shown."
        );
    }

    #[test]
    fn nothing_on_the_axis_is_said_once() {
        // Regression: "No statement to show.." had a double period.
        let t = Timeline {
            scale: Scale::Years {
                first: 2020,
                last: 2020,
            },
            bin: 1,
            lanes: Vec::new(),
            marks: Vec::new(),
            undated: 0,
            outside: 0,
        };
        assert_eq!(summary(&t, None, None), "No statement to show.");
        assert_eq!(summary(&t, Some(2020), Some(0)), "No statement to show.");
    }

    #[test]
    fn titles_and_links() {
        let here = parse("?view=timeline&q=rights&from=2020").state;
        assert_eq!(title(&here), "“rights” over time");
        assert_eq!(to_query(&all_dates(&here)), "?view=timeline&q=rights");
        assert_eq!(
            to_query(&zoomed(&here, Some(2020))),
            "?view=timeline&q=rights&from=2020&zoom=2020"
        );
    }
}
