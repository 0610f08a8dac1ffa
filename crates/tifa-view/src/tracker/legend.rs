//! The tracker's words and links around its numbers: adding and removing a formulation,
//! the measure and unit choices, a series' line in the legend (its count, who uses it
//! most, where), and where an attestation leads.

use super::{Series, Track};
use crate::url_state::{TimeUnit, UrlState, ViewKind};
use crate::words::count;
use tifa_model::{Corpus, EntityKind};

/// The busiest voices and occasions a legend lists for a series.
pub const MOST_USES: usize = 5;

/// One choice among the tracker's controls: whether it is the current one, where it
/// leads, and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub on: bool,
    pub to: UrlState,
    pub text: &'static str,
}

/// The tracker with `text` followed too (trimmed; once, however often it is added);
/// `None` for blank text, which adds nothing.
///
/// ```
/// use tifa_view::url_state::{parse, to_query};
/// use tifa_view::tracker::adding;
/// let here = parse("?f=%22a+b%22&speaker=x").state;
/// assert_eq!(to_query(&adding(&here, " c ").unwrap()), "?speaker=x&f=%22a+b%22&f=c");
/// assert_eq!(adding(&here, "\"a b\"").unwrap(), here);
/// assert_eq!(adding(&here, "  "), None);
/// ```
pub fn adding(state: &UrlState, text: &str) -> Option<UrlState> {
    let text = text.trim();
    (!text.is_empty()).then(|| {
        state.changed_in(ViewKind::Track, |next| {
            if !next.track.f.iter().any(|f| f == text) {
                next.track.f.push(text.to_owned());
            }
        })
    })
}

/// The tracker without its `k`th formulation (unchanged if there is none).
///
/// ```
/// use tifa_view::url_state::{parse, to_query};
/// use tifa_view::tracker::removing;
/// let here = parse("?f=a&f=b").state;
/// assert_eq!(to_query(&removing(&here, 0)), "?f=b");
/// assert_eq!(to_query(&removing(&here, 5)), "?f=a&f=b");
/// ```
pub fn removing(state: &UrlState, k: usize) -> UrlState {
    state.changed_in(ViewKind::Track, |next| {
        if k < next.track.f.len() {
            next.track.f.remove(k);
        }
    })
}

/// Share or count: what the chart shows.
pub fn measures(state: &UrlState) -> [Choice; 2] {
    [(false, "share of statements"), (true, "statements")].map(|(counts, text)| Choice {
        on: state.track.counts == counts,
        to: state.changed_in(ViewKind::Track, |n| n.track.counts = counts),
        text,
    })
}

/// The time unit: chosen from the range, or by year, or by month.
pub fn units(state: &UrlState) -> [Choice; 3] {
    [
        (None, "by the range"),
        (Some(TimeUnit::Year), "by year"),
        (Some(TimeUnit::Month), "by month"),
    ]
    .map(|(unit, text)| Choice {
        on: state.track.unit == unit,
        to: state.changed_in(ViewKind::Track, |n| n.track.unit = unit),
        text,
    })
}

impl Series {
    /// Its count in the legend: `: 12 statements`, with those the axis leaves out.
    pub fn count_line(&self) -> String {
        format!(
            ": {}{}",
            count(self.statements as usize, "statement", "statements"),
            match (self.coarse, self.undated) {
                (0, 0) => String::new(),
                (c, u) => format!("; {c} with a date too coarse for the unit, {u} undated"),
            }
        )
    }

    /// Whose words it is most often: the [`MOST_USES`] busiest voices, each with its
    /// statements and its first use (`Wang Yi: 3 statements (first 2 March 2021)`).
    pub fn busiest_voices(&self, corpus: &Corpus) -> Vec<String> {
        self.speakers
            .iter()
            .take(MOST_USES)
            .map(|u| {
                let first = corpus.statements[u.first as usize].date.label();
                let n = count(u.statements as usize, "statement", "statements");
                format!("{}: {n} (first {first})", u.voice.label(corpus))
            })
            .collect()
    }

    /// Where it is said most: the [`MOST_USES`] busiest occasions, worded as
    /// [`Series::busiest_voices`].
    pub fn busiest_venues(&self, corpus: &Corpus) -> Vec<String> {
        self.venues
            .iter()
            .take(MOST_USES)
            .map(|u| {
                let name = &corpus.entities(EntityKind::Venue)[u.entity as usize].name;
                let first = corpus.statements[u.first as usize].date.label();
                let n = count(u.statements as usize, "statement", "statements");
                format!("{name}: {n} (first {first})")
            })
            .collect()
    }

    /// An attestation of it (its first or latest use) in the reader, the formulation
    /// as the search marked there.
    pub fn reading(&self, state: &UrlState, corpus: &Corpus, statement: u32) -> UrlState {
        let id = &corpus.statements[statement as usize].id;
        state
            .changed_in(ViewKind::Read, |to| to.q = Some(self.formulation.clone()))
            .reading(id)
    }
}

impl Track {
    /// What the axis leaves out, in a sentence; `None` when it leaves out nothing.
    pub fn apart_note(&self) -> Option<String> {
        match (self.coarse_total, self.undated_total) {
            (0, 0) => None,
            (c, u) => Some(format!(
                "Not on the axis: {} whose date gives no month{}, {} without a date; each series counts its own below.",
                count(c as usize, "statement", "statements"),
                if self.unit == TimeUnit::Month { "" } else { " (none: the unit is the year)" },
                count(u as usize, "statement", "statements"),
            )),
        }
    }
}
