//! Statements on a time axis: lanes (by speaker or by occasion), marks binned so that
//! they never crowd (a mark holding several statements is a cluster), and the dates
//! of any range of the axis.
//!
//! The axis is cut into **slots**: months when every year is shown, days when one year
//! is (zoomed). Slots are grouped into **bins** of a size chosen so that at most
//! `max_bins` fit across (the UI derives it from its width), so at 25,000 statements
//! the page draws at most `lanes × max_bins` marks. A statement whose date is less
//! precise than a slot (a year without its month, a month without its day) is never
//! placed as if it were exact: it becomes a **span** mark covering its whole period.
//!
//! ```
//! use tifa_model::PartialDate;
//! use tifa_view::timeline::plot::Scale;
//! let years = Scale::Years { first: 2020, last: 2021 };
//! assert_eq!(years.slots(), 24);
//! let d = |s| PartialDate::parse(s).unwrap();
//! assert_eq!(years.slots_of(d("2021-03")), Some((14, 15)));
//! assert_eq!(years.slots_of(d("2021")), Some((12, 24)));
//! assert_eq!(years.range(12, 24), (d("2021"), d("2021")));
//! assert_eq!(years.range(13, 15), (d("2021-02"), d("2021-03")));
//! ```

use crate::url_state::Lanes;
use std::collections::BTreeMap;
use tifa_model::{days_in_month, Corpus, PartialDate};

/// Most lanes drawn; the others are merged into one.
pub const MAX_LANES: usize = 10;

/// The time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Every year from `first` to `last`, by months.
    Years { first: u16, last: u16 },
    /// One year, by days.
    Days { year: u16 },
}

fn day_of_year(year: u16, month: u8, day: u8) -> u32 {
    (1..month)
        .map(|m| days_in_month(year, m) as u32)
        .sum::<u32>()
        + day as u32
        - 1
}

impl Scale {
    /// How many slots the axis has.
    pub fn slots(self) -> u32 {
        match self {
            Scale::Years { first, last } => (last.saturating_sub(first) as u32 + 1) * 12,
            Scale::Days { year } => day_of_year(year, 12, 31) + 1,
        }
    }

    /// The slots `[start, end)` a date covers, or `None` when it is off the axis.
    pub fn slots_of(self, d: PartialDate) -> Option<(u32, u32)> {
        match self {
            Scale::Years { first, last } => {
                if d.year < first || d.year > last {
                    return None;
                }
                let base = (d.year - first) as u32 * 12;
                Some(match d.month {
                    Some(m) => (base + m as u32 - 1, base + m as u32),
                    None => (base, base + 12),
                })
            }
            Scale::Days { year } => {
                if d.year != year {
                    return None;
                }
                Some(match (d.month, d.day) {
                    (Some(m), Some(day)) => {
                        let s = day_of_year(year, m, day);
                        (s, s + 1)
                    }
                    (Some(m), None) => {
                        let s = day_of_year(year, m, 1);
                        (s, s + days_in_month(year, m) as u32)
                    }
                    _ => (0, self.slots()),
                })
            }
        }
    }

    /// The date of one slot.
    fn date(self, slot: u32) -> PartialDate {
        match self {
            Scale::Years { first, .. } => PartialDate {
                year: first + (slot / 12) as u16,
                month: Some((slot % 12) as u8 + 1),
                day: None,
            },
            Scale::Days { year } => {
                let mut left = slot;
                for m in 1..=12u8 {
                    let n = days_in_month(year, m) as u32;
                    if left < n {
                        return PartialDate {
                            year,
                            month: Some(m),
                            day: Some(left as u8 + 1),
                        };
                    }
                    left -= n;
                }
                PartialDate {
                    year,
                    month: Some(12),
                    day: Some(31),
                }
            }
        }
    }

    /// The inclusive dates of slots `[start, end)` (clamped to the axis), as short as
    /// they can be: whole years as `YYYY`, whole months as `YYYY-MM`.
    pub fn range(self, start: u32, end: u32) -> (PartialDate, PartialDate) {
        let slots = self.slots();
        let end = end.clamp(1, slots);
        let start = start.min(end - 1);
        let (mut a, mut b) = (self.date(start), self.date(end - 1));
        match self {
            Scale::Years { .. } => {
                if start % 12 == 0 && end % 12 == 0 {
                    a.month = None;
                    b.month = None;
                }
            }
            Scale::Days { year } => {
                let month_start = a.day == Some(1);
                let month_end = b
                    .month
                    .is_some_and(|m| b.day == Some(days_in_month(year, m)));
                if month_start && month_end {
                    a.day = None;
                    b.day = None;
                }
            }
        }
        (a, b)
    }

    /// The slots `[start, end)` a date range covers on this axis (clamped to it).
    pub fn span_of(self, from: Option<PartialDate>, to: Option<PartialDate>) -> (u32, u32) {
        let slots = self.slots();
        let (lo, hi) = self.bounds();
        let start = match from {
            None => 0,
            Some(f) if f.first_day() < lo => 0,
            Some(f) if f.first_day() > hi => slots,
            Some(f) => self.slots_of(f).map_or(0, |s| s.0),
        };
        let end = match to {
            None => slots,
            Some(t) if t.last_day() < lo => 0,
            Some(t) if t.last_day() > hi => slots,
            Some(t) => self.slots_of(t).map_or(slots, |s| s.1),
        };
        (start, end.max(start))
    }

    /// The first and last day of the axis.
    fn bounds(self) -> ((u16, u8, u8), (u16, u8, u8)) {
        match self {
            Scale::Years { first, last } => ((first, 1, 1), (last, 12, 31)),
            Scale::Days { year } => ((year, 1, 1), (year, 12, 31)),
        }
    }
}

/// What a lane holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaneKey {
    /// One speaker or occasion (an index into its entity table).
    Entity(u32),
    /// Statements whose occasion is unknown.
    Unknown,
    /// Every speaker or occasion not given a lane of its own (this many).
    Others(u32),
}

/// One row of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub key: LaneKey,
    /// Statements on the axis in this lane.
    pub count: u32,
}

/// One drawn mark: one statement, or a cluster of several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Index into [`Timeline::lanes`].
    pub lane: u16,
    /// The slots `[start, end)` it covers: its bin, or an imprecise date's whole period.
    pub start: u32,
    pub end: u32,
    /// True when its statements' dates are less precise than a slot (a span mark).
    pub imprecise: bool,
    pub count: u32,
    /// Its earliest statement (an index into the corpus).
    pub first: u32,
}

/// Statements laid out on an axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub scale: Scale,
    /// Slots per bin.
    pub bin: u32,
    pub lanes: Vec<Lane>,
    /// By lane, then start.
    pub marks: Vec<Mark>,
    /// Statements with no date at all (not drawn).
    pub undated: u32,
    /// Dated statements outside the axis (other years, when one year is shown).
    pub outside: u32,
}

impl Timeline {
    /// The lane a statement is drawn in, if it is on the axis.
    pub fn lane_of(&self, corpus: &Corpus, lanes: Lanes, statement: u32) -> Option<usize> {
        let s = corpus.statements.get(statement as usize)?;
        let key = match lanes {
            Lanes::Speaker => LaneKey::Entity(s.speaker),
            Lanes::Venue => s.venue.map_or(LaneKey::Unknown, LaneKey::Entity),
        };
        self.lanes.iter().position(|l| l.key == key).or_else(|| {
            self.lanes
                .iter()
                .position(|l| matches!(l.key, LaneKey::Others(_)))
        })
    }

    /// Counts per lane and period (years, or the months of a zoomed year): the
    /// timeline as a table. Each statement counts once, in the period its date starts.
    pub fn table(&self, corpus: &Corpus, lanes: Lanes, statements: &[u32]) -> Vec<Vec<u32>> {
        let periods = self.scale.periods();
        let mut rows = vec![vec![0u32; periods.len()]; self.lanes.len()];
        for &i in statements {
            let Some(d) = corpus.statements[i as usize].date.date else {
                continue;
            };
            let (Some((start, _)), Some(lane)) =
                (self.scale.slots_of(d), self.lane_of(corpus, lanes, i))
            else {
                continue;
            };
            if let Some(p) = periods.iter().position(|&(a, b)| a <= start && start < b) {
                rows[lane][p] += 1;
            }
        }
        rows
    }
}

impl Scale {
    /// The periods of a table: years (when every year is shown) or months, as slots
    /// `[start, end)`.
    pub fn periods(self) -> Vec<(u32, u32)> {
        match self {
            Scale::Years { first, last } => (0..=(last - first) as u32)
                .map(|y| (y * 12, y * 12 + 12))
                .collect(),
            Scale::Days { year } => (1..=12u8)
                .map(|m| {
                    let start = day_of_year(year, m, 1);
                    (start, start + days_in_month(year, m) as u32)
                })
                .collect(),
        }
    }
}

/// The years of the corpus's dated statements, or `None` when none is dated.
pub fn corpus_years(corpus: &Corpus) -> Option<(u16, u16)> {
    let years = corpus
        .statements
        .iter()
        .filter_map(|s| s.date.date.map(|d| d.year));
    years.fold(None, |acc, y| match acc {
        None => Some((y, y)),
        Some((a, b)) => Some((a.min(y), b.max(y))),
    })
}

/// Bin sizes tried, smallest first (months, or days).
const MONTH_BINS: [u32; 8] = [1, 2, 3, 6, 12, 24, 60, 120];
const DAY_BINS: [u32; 7] = [1, 2, 3, 7, 14, 31, 61];

/// Lays out `statements` (corpus indices, any order) on `scale`, in lanes by speaker or
/// venue, with at most `max_bins` bins across.
///
/// ```
/// use tifa_model::Corpus;
/// use tifa_view::timeline::plot::{layout, Scale};
/// use tifa_view::url_state::Lanes;
/// let t = layout(&Corpus::empty(), &[], Scale::Years { first: 2020, last: 2024 }, Lanes::Speaker, 60);
/// assert_eq!(t.bin, 1);
/// assert!(t.marks.is_empty());
/// ```
pub fn layout(
    corpus: &Corpus,
    statements: &[u32],
    scale: Scale,
    lanes: Lanes,
    max_bins: u32,
) -> Timeline {
    let slots = scale.slots();
    let sizes: &[u32] = match scale {
        Scale::Years { .. } => &MONTH_BINS,
        Scale::Days { .. } => &DAY_BINS,
    };
    let max_bins = max_bins.max(1);
    let bin = sizes
        .iter()
        .copied()
        .find(|k| slots.div_ceil(*k) <= max_bins)
        .unwrap_or(slots);
    let key_of = |i: u32| -> LaneKey {
        let s = &corpus.statements[i as usize];
        match lanes {
            Lanes::Speaker => LaneKey::Entity(s.speaker),
            Lanes::Venue => s.venue.map_or(LaneKey::Unknown, LaneKey::Entity),
        }
    };
    let (mut undated, mut outside) = (0, 0);
    let mut placed: Vec<(u32, u32, u32)> = Vec::with_capacity(statements.len());
    for &i in statements {
        match corpus.statements[i as usize].date.date {
            None => undated += 1,
            Some(d) => match scale.slots_of(d) {
                None => outside += 1,
                Some((a, b)) => placed.push((i, a, b)),
            },
        }
    }

    // Lanes: the busiest first (then by name); the rest merged when more than one.
    let table = match lanes {
        Lanes::Speaker => &corpus.speakers,
        Lanes::Venue => &corpus.venues,
    };
    let mut per_key: BTreeMap<(bool, u32), u32> = BTreeMap::new();
    for &(i, _, _) in &placed {
        let k = match key_of(i) {
            LaneKey::Entity(e) => (false, e),
            _ => (true, 0),
        };
        *per_key.entry(k).or_default() += 1;
    }
    let mut ranked: Vec<(LaneKey, u32)> = per_key
        .into_iter()
        .map(|((unknown, e), n)| {
            let key = if unknown {
                LaneKey::Unknown
            } else {
                LaneKey::Entity(e)
            };
            (key, n)
        })
        .collect();
    let name = |k: &LaneKey| match k {
        LaneKey::Entity(e) => table.get(*e as usize).map_or("", |t| &*t.name),
        _ => "\u{10FFFF}",
    };
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(&a.0).cmp(name(&b.0))));
    let mut lane_of: BTreeMap<(bool, u32), u16> = BTreeMap::new();
    let mut out_lanes: Vec<Lane> = Vec::new();
    let merge = ranked.len() > MAX_LANES + 1;
    let others_at = MAX_LANES as u16;
    for (n, (key, count)) in ranked.iter().enumerate() {
        let k = match key {
            LaneKey::Entity(e) => (false, *e),
            _ => (true, 0),
        };
        if merge && n >= MAX_LANES {
            lane_of.insert(k, others_at);
            match out_lanes.get_mut(MAX_LANES) {
                Some(lane) => {
                    lane.count += count;
                    if let LaneKey::Others(m) = &mut lane.key {
                        *m += 1;
                    }
                }
                None => out_lanes.push(Lane {
                    key: LaneKey::Others(1),
                    count: *count,
                }),
            }
        } else {
            lane_of.insert(k, n as u16);
            out_lanes.push(Lane {
                key: *key,
                count: *count,
            });
        }
    }

    // Marks: one per (lane, bin) for exact dates, one per (lane, period) otherwise.
    let mut marks: BTreeMap<(u16, u32, u32, bool), (u32, u32)> = BTreeMap::new();
    for &(i, a, b) in &placed {
        let k = match key_of(i) {
            LaneKey::Entity(e) => (false, e),
            _ => (true, 0),
        };
        let lane = lane_of[&k];
        let exact = b - a == 1;
        let (start, end) = if exact {
            let first = a / bin * bin;
            (first, (first + bin).min(slots))
        } else {
            (a, b)
        };
        let entry = marks
            .entry((lane, start, end, !exact))
            .or_insert((0, u32::MAX));
        entry.0 += 1;
        entry.1 = entry.1.min(i);
    }
    let marks = marks
        .into_iter()
        .map(|((lane, start, end, imprecise), (count, first))| Mark {
            lane,
            start,
            end,
            imprecise,
            count,
            first,
        })
        .collect();
    Timeline {
        scale,
        bin,
        lanes: out_lanes,
        marks,
        undated,
        outside,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn days_axis_covers_the_year_and_its_months() {
        let leap = Scale::Days { year: 2020 };
        assert_eq!(leap.slots(), 366);
        assert_eq!(Scale::Days { year: 2021 }.slots(), 365);
        assert_eq!(leap.slots_of(d("2020-03-01")), Some((60, 61)));
        assert_eq!(leap.slots_of(d("2020-02")), Some((31, 60)));
        assert_eq!(leap.slots_of(d("2020")), Some((0, 366)));
        assert_eq!(leap.slots_of(d("2021-01-01")), None);
        assert_eq!(leap.range(31, 60), (d("2020-02"), d("2020-02")));
        assert_eq!(leap.range(31, 61), (d("2020-02-01"), d("2020-03-01")));
        assert_eq!(leap.range(0, 366), (d("2020-01"), d("2020-12")));
    }

    #[test]
    fn date_ranges_map_to_slots_clamped_to_the_axis() {
        let years = Scale::Years {
            first: 2020,
            last: 2022,
        };
        assert_eq!(years.span_of(None, None), (0, 36));
        assert_eq!(years.span_of(Some(d("2021")), Some(d("2021-06"))), (12, 18));
        assert_eq!(years.span_of(Some(d("2019")), Some(d("2030"))), (0, 36));
        assert_eq!(years.span_of(Some(d("2030")), None), (36, 36));
        assert_eq!(years.span_of(None, Some(d("2010"))), (0, 0));
    }

    proptest! {
        /// The dates of any slot range cover exactly those slots again.
        #[test]
        fn ranges_and_spans_agree(first in 1990u16..2030, years in 1u16..5, a in 0u32..400, len in 1u32..400, day_axis in any::<bool>()) {
            let scale = if day_axis { Scale::Days { year: first } } else { Scale::Years { first, last: first + years - 1 } };
            let slots = scale.slots();
            let start = a % slots;
            let end = (start + len).min(slots);
            let (from, to) = scale.range(start, end);
            prop_assert_eq!(scale.span_of(Some(from), Some(to)), (start, end));
        }
    }
}
