//! The tracker's numbers: for each formulation, how many statements contain it in each
//! period and their share of all statements of that period, who said it first and
//! last in this corpus, who says it most; and for a phrase with `*`, the words that
//! filled it. **Whose words a use is follows the passages it is in** ([`Voice`]): the
//! speaker's in quotes and reported speech, the outlet's in narration, a journalist's
//! in a question; only the speaker's own words are counted unless the state asks for
//! other kinds.
//!
//! **Every statement is counted once, in the period its date falls in**: a date too
//! coarse for the unit (a year-only date in a monthly series) is counted apart, never
//! placed on a guessed month, and so is a statement without a date. **A share resting
//! on fewer than [`LOW_BASE`] statements is a point with its 95 % Wilson interval, never
//! joined to a line** ([`Track::chart`]).
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! use tifa_view::tracker::{track, Request};
//! let bundle = Bundle::new(Corpus::empty());
//! let t = track(&bundle, &Request { formulations: vec!["\"shared future\"".into()], ..Default::default() });
//! assert_eq!(t.series[0].statements, 0);
//! ```

mod legend;

pub use legend::{adding, measures, removing, units, Choice, MOST_USES};

use crate::scope::scope;
pub use crate::url_state::TimeUnit as Unit;
use crate::url_state::{UrlState, MAX_FORMULATIONS};
use crate::words::count;
use std::collections::BTreeMap;
use tifa_core::blob::Bundle;
use tifa_core::search::engine::matching;
use tifa_core::search::formulation::{find, Detail, Formulation};
use tifa_core::search::query::Query;
use tifa_model::voice::Voice;
use tifa_model::Kinds;
use tifa_model::{Corpus, PartialDate, Statement};
/// Most fillers of a `*` shown as series of their own.
pub const MAX_FILLERS: usize = 10;
/// A share resting on fewer statements than this is a point with an interval, not a
/// point on a line.
pub const LOW_BASE: u32 = 10;

/// What to track.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The formulations as written (at most [`MAX_FORMULATIONS`] are read).
    pub formulations: Vec<String>,
    /// The statements counted: the page's filters (the query's filters, no words).
    pub filters: Query,
    /// The passage kinds counted.
    pub kinds: Kinds,
    /// The unit; `None`: by year, or by month when the dated statements span at most
    /// three years.
    pub unit: Option<Unit>,
}

impl Request {
    /// What a URL state asks the tracker for: its formulations, counted over the
    /// statements its filters let through, in passages of its kinds.
    pub fn of(bundle: &Bundle, state: &UrlState) -> Request {
        let mut filters_only = state.clone();
        filters_only.q = None;
        Request {
            formulations: state.track.f.clone(),
            filters: scope(&bundle.corpus, &filters_only).0,
            kinds: state.filters.passage_kinds(),
            unit: state.track.unit,
        }
    }
}

/// One period of the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// `2021` or `2021-03` (as the URL writes dates).
    pub key: String,
    /// The period as a date (a year, or a month).
    pub date: PartialDate,
    /// Statements (under the filters) dated in it.
    pub total: u32,
}

/// Where a formulation was said, with the count and the first use there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// Index into the venues.
    pub entity: u32,
    pub statements: u32,
    /// Its earliest statement there.
    pub first: u32,
}

/// Whose words a formulation is, with the count and the first use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceUse {
    pub voice: Voice,
    pub statements: u32,
    /// Its earliest statement.
    pub first: u32,
}

/// One formulation's numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Series {
    /// As written in `f` (or, for a filler, the phrase with its `*` filled in).
    pub formulation: String,
    /// How it was read, where not as written.
    pub notes: Vec<String>,
    /// Statements containing it, per period (parallel to [`Track::periods`]).
    pub counts: Vec<u32>,
    /// Statements containing it whose date is too coarse for the unit.
    pub coarse: u32,
    /// Statements containing it with no date.
    pub undated: u32,
    /// Statements containing it, in all.
    pub statements: u32,
    /// The statements containing it, in corpus order (by date).
    pub found: Vec<u32>,
    /// Its earliest and latest statements in this corpus, by the earliest and latest
    /// day their dates may mean, and whose words it is there.
    pub first: Option<(u32, Voice)>,
    pub last: Option<(u32, Voice)>,
    /// By voice (the speakers; outlets and journalists when their passages are
    /// counted) and by occasion, most first.
    pub speakers: Vec<VoiceUse>,
    pub venues: Vec<Use>,
}

/// The tracker's numbers for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    pub unit: Unit,
    pub periods: Vec<Period>,
    /// Statements under the filters with a date too coarse for the unit, and without one.
    pub coarse_total: u32,
    pub undated_total: u32,
    pub series: Vec<Series>,
    /// For the first formulation with a `*`: its most frequent fillings, as series.
    pub fillers: Vec<Series>,
}

/// Where a statement's date falls on the axis.
enum Place {
    Period(usize),
    Coarse,
    Undated,
}

struct Axis {
    unit: Unit,
    first: u16,
    periods: usize,
}

impl Axis {
    fn place(&self, s: &Statement) -> Place {
        let Some(d) = s.date.date else {
            return Place::Undated;
        };
        let y = d.year.saturating_sub(self.first) as usize;
        match (self.unit, d.month) {
            (Unit::Year, _) => Place::Period(y.min(self.periods.saturating_sub(1))),
            (Unit::Month, Some(m)) => {
                Place::Period((y * 12 + m as usize - 1).min(self.periods.saturating_sub(1)))
            }
            (Unit::Month, None) => Place::Coarse,
        }
    }
}

/// The numbers for `request` over `bundle`.
pub fn track(bundle: &Bundle, request: &Request) -> Track {
    let corpus = &bundle.corpus;
    // The statements counted: those the filters let through.
    let base = matching(corpus, &bundle.index, &request.filters);
    let years = base
        .iter()
        .filter_map(|&i| corpus.statements[i as usize].date.date)
        .map(|d| d.year);
    let (lo, hi) = years.fold((u16::MAX, 0), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let unit = request.unit.unwrap_or(if hi >= lo && hi - lo < 3 {
        Unit::Month
    } else {
        Unit::Year
    });
    let span = if hi >= lo { (hi - lo) as usize + 1 } else { 0 };
    let axis = Axis {
        unit,
        first: lo,
        periods: match unit {
            Unit::Year => span,
            Unit::Month => span * 12,
        },
    };
    let mut periods: Vec<Period> = (0..axis.periods)
        .map(|p| {
            let date = match unit {
                Unit::Year => PartialDate {
                    year: lo + p as u16,
                    month: None,
                    day: None,
                },
                Unit::Month => PartialDate {
                    year: lo + (p / 12) as u16,
                    month: Some((p % 12) as u8 + 1),
                    day: None,
                },
            };
            Period {
                key: date.to_string(),
                date,
                total: 0,
            }
        })
        .collect();
    let (mut coarse_total, mut undated_total) = (0, 0);
    for &i in &base {
        match axis.place(&corpus.statements[i as usize]) {
            Place::Period(p) => periods[p].total += 1,
            Place::Coarse => coarse_total += 1,
            Place::Undated => undated_total += 1,
        }
    }
    let mut series = Vec::new();
    let mut fillers = Vec::new();
    for written in request.formulations.iter().take(MAX_FORMULATIONS) {
        let f = Formulation::parse(written);
        // The fillers of a `*` need every occurrence, and so do voices other than the
        // speaker's (the passages matched say whose words they are); otherwise the
        // statements suffice.
        let own = request.kinds.within(Kinds::OWN_WORDS);
        let detail = if f.has_wildcard() || !own {
            Detail::Occurrences
        } else {
            Detail::Statements
        };
        let found = find(
            corpus,
            &bundle.index,
            &f,
            &request.filters,
            request.kinds,
            detail,
        );
        if fillers.is_empty() && f.has_wildcard() {
            fillers = filler_series(corpus, &axis, written, &found);
        }
        let rows: Vec<(u32, Voice)> = found
            .iter()
            .map(|x| {
                let st = &corpus.statements[x.statement as usize];
                let voice = if own {
                    Voice::Speaker(st.speaker)
                } else {
                    Voice::of_passages(corpus, st, x.occurrences.iter().map(|o| o.passage))
                };
                (x.statement, voice)
            })
            .collect();
        let mut s = series_of(corpus, &axis, written.clone(), &rows);
        s.notes = f.notes;
        series.push(s);
    }
    Track {
        unit,
        periods,
        coarse_total,
        undated_total,
        series,
        fillers,
    }
}

/// A series from its statements (in corpus order), each with whose words it is there.
fn series_of(corpus: &Corpus, axis: &Axis, formulation: String, rows: &[(u32, Voice)]) -> Series {
    let mut s = Series {
        formulation,
        counts: vec![0; axis.periods],
        ..Series::default()
    };
    let mut speakers: BTreeMap<Voice, VoiceUse> = BTreeMap::new();
    let mut venues: BTreeMap<u32, Use> = BTreeMap::new();
    // The earliest and latest day a statement's date may mean (`None`: undated).
    let day = |i: u32, latest: bool| {
        let d = corpus.statements[i as usize].date.date?;
        Some(if latest { d.last_day() } else { d.first_day() })
    };
    let earlier = |a: u32, b: u32| match (day(a, false), day(b, false)) {
        (Some(x), Some(y)) => x < y,
        (Some(_), None) => true,
        _ => false,
    };
    for &(i, voice) in rows {
        let st = &corpus.statements[i as usize];
        match axis.place(st) {
            Place::Period(p) => s.counts[p] += 1,
            Place::Coarse => s.coarse += 1,
            Place::Undated => s.undated += 1,
        }
        s.statements += 1;
        s.found.push(i);
        if s.first.is_none_or(|(f, _)| earlier(i, f)) {
            s.first = Some((i, voice));
        }
        let later = |a: u32, b: u32| day(a, true) > day(b, true);
        if s.last.is_none_or(|(l, _)| later(i, l) || l == i) {
            s.last = Some((i, voice));
        }
        let u = speakers.entry(voice).or_insert(VoiceUse {
            voice,
            statements: 0,
            first: i,
        });
        u.statements += 1;
        if earlier(i, u.first) {
            u.first = i;
        }
        let add = |map: &mut BTreeMap<u32, Use>, entity: u32| {
            let u = map.entry(entity).or_insert(Use {
                entity,
                statements: 0,
                first: i,
            });
            u.statements += 1;
            if earlier(i, u.first) {
                u.first = i;
            }
        };
        if let Some(v) = st.venue {
            add(&mut venues, v);
        }
    }
    let mut voices: Vec<VoiceUse> = speakers.into_values().collect();
    voices.sort_by(|a, b| b.statements.cmp(&a.statements).then(a.voice.cmp(&b.voice)));
    s.speakers = voices;
    s.venues = ranked(venues);
    s
}

fn ranked(map: BTreeMap<u32, Use>) -> Vec<Use> {
    let mut v: Vec<Use> = map.into_values().collect();
    v.sort_by(|a, b| {
        b.statements
            .cmp(&a.statements)
            .then(a.entity.cmp(&b.entity))
    });
    v
}

/// The most frequent fillings of a phrase with `*`, each as a series named by the
/// phrase filled in (`"state of the union"`).
fn filler_series(
    corpus: &Corpus,
    axis: &Axis,
    written: &str,
    found: &[tifa_core::search::formulation::Found],
) -> Vec<Series> {
    // Per filling: its statements (in corpus order).
    type Rows = Vec<u32>;
    let mut by: BTreeMap<Vec<String>, Rows> = BTreeMap::new();
    for x in found {
        for o in x.occurrences.iter().filter(|o| !o.filler.is_empty()) {
            let rows = by.entry(o.filler.clone()).or_default();
            if rows.last() != Some(&x.statement) {
                rows.push(x.statement);
            }
        }
    }
    let mut fillings: Vec<(Vec<String>, Rows)> = by.into_iter().collect();
    fillings.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let voice_of = |i: u32| {
        let x = found.iter().find(|x| x.statement == i);
        let st = &corpus.statements[i as usize];
        Voice::of_passages(
            corpus,
            st,
            x.iter()
                .flat_map(|x| x.occurrences.iter().map(|o| o.passage)),
        )
    };
    fillings
        .into_iter()
        .take(MAX_FILLERS)
        .map(|(words, rows)| {
            let rows: Vec<(u32, Voice)> = rows.into_iter().map(|i| (i, voice_of(i))).collect();
            series_of(corpus, axis, filled(written, &words), &rows)
        })
        .collect()
}

/// `written` with its first quoted phrase's `*`s replaced by `words`, in order: the
/// phrase as the tracker names a filler.
fn filled(written: &str, words: &[String]) -> String {
    let mut words = words.iter();
    written
        .split(' ')
        .map(|piece| {
            let bare = piece.trim_matches('"');
            if bare == "*" {
                let w = words.next().map_or("*", String::as_str);
                piece.replacen('*', w, 1)
            } else {
                piece.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Series {
    /// The share of the period's statements that contain it, in per cent with one
    /// decimal (as tenths, to stay in integers), and whether it rests on fewer than
    /// [`LOW_BASE`] statements.
    pub fn share(&self, periods: &[Period], p: usize) -> Option<(u32, bool)> {
        let total = periods.get(p)?.total;
        let n = *self.counts.get(p)?;
        (total > 0).then(|| ((n as u64 * 1000 / total as u64) as u32, total < LOW_BASE))
    }
}

/// A share in tenths of a per cent as it reads: `3.5 %`.
///
/// ```
/// assert_eq!(tifa_view::tracker::percent(35), "3.5 %");
/// ```
pub fn percent(tenths: u32) -> String {
    format!("{}.{} %", tenths / 10, tenths % 10)
}

impl Track {
    /// The value a series shows at a period: its statements, or their share of the
    /// period's statements in tenths of a per cent (`None` with no statement there).
    pub fn value(&self, s: &Series, p: usize, counts: bool) -> Option<u32> {
        if counts {
            s.counts.get(p).copied()
        } else {
            s.share(&self.periods, p).map(|(share, _)| share)
        }
    }

    /// What a point says: `“for mankind”, 2021: 12 of 340 statements (3.5 %)`, and
    /// whether its share rests on few statements.
    pub fn point_label(&self, s: &Series, p: usize) -> String {
        let period = &self.periods[p];
        let n = s.counts[p];
        let share = s
            .share(&self.periods, p)
            .map(|(t, low)| {
                let low = if low { ", few statements" } else { "" };
                format!(" ({}{low})", percent(t))
            })
            .unwrap_or_default();
        format!(
            "{}, {}: {n} of {}{share}",
            s.formulation,
            period.date.human(),
            count(period.total as usize, "statement", "statements")
        )
    }

    /// The search for a series' statements in a period (what a click on a point opens).
    pub fn period_search(&self, state: &UrlState, s: &Series, p: usize) -> UrlState {
        let date = self.periods[p].date;
        state.changed_in(crate::url_state::ViewKind::Search, |next| {
            next.q = Some(s.formulation.clone());
            next.filters.from = Some(date);
            next.filters.to = Some(date);
        })
    }
}

/// One point of the chart: a period's value (a count, or a share in tenths of a per
/// cent), and for a share resting on few statements its 95 % Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub period: usize,
    pub value: u32,
    pub low: bool,
    /// (lower, upper) in tenths of a per cent, for a low-based share.
    pub interval: Option<(u32, u32)>,
}

/// A series as the chart draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub points: Vec<Point>,
    /// Runs of points joined by a line (indices into `points`): consecutive periods,
    /// neither a low-based share.
    pub runs: Vec<Vec<usize>>,
    /// An earlier series with the very same counts, which this one is drawn over
    /// (dashed, so both show).
    pub same_as: Option<usize>,
}

/// What the chart draws: the top of its scale and each series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub max: u32,
    pub series: Vec<Drawn>,
}

/// The 95 % Wilson score interval of `k` of `n`, in tenths of a per cent (rounded
/// outwards); (0, 1000) for `n` = 0.
///
/// ```
/// use tifa_view::tracker::wilson;
/// // 1 of 4: 25 %, the interval 4.6 % to 69.9 %.
/// assert_eq!(wilson(1, 4), (45, 700));
/// assert_eq!(wilson(0, 10), (0, 278));
/// assert_eq!(wilson(10, 10), (722, 1000));
/// ```
pub fn wilson(k: u32, n: u32) -> (u32, u32) {
    if n == 0 {
        return (0, 1000);
    }
    let (k, n) = (k.min(n) as f64, n as f64);
    let z = 1.959_963_984_540_054_f64;
    let p = k / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    let lo = ((centre - half).max(0.0) * 1000.0).floor() as u32;
    let hi = ((centre + half).min(1.0) * 1000.0).ceil() as u32;
    (lo, hi.min(1000))
}

impl Track {
    /// The chart of `all` (the series, then the fillers): counts, or shares with low-based
    /// ones as points with intervals, never joined to a line.
    pub fn chart(&self, all: &[Series], counts: bool) -> Chart {
        let n = self.periods.len();
        let mut max = 1;
        let series = all
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let points: Vec<Point> = (0..n)
                    .filter_map(|p| {
                        let value = self.value(s, p, counts)?;
                        let low = !counts && self.periods[p].total < LOW_BASE;
                        let interval = low.then(|| wilson(s.counts[p], self.periods[p].total));
                        max = max.max(interval.map_or(value, |(_, hi)| hi.max(value)));
                        Some(Point {
                            period: p,
                            value,
                            low,
                            interval,
                        })
                    })
                    .collect();
                let mut runs: Vec<Vec<usize>> = Vec::new();
                for (i, pt) in points.iter().enumerate() {
                    if pt.low {
                        continue;
                    }
                    match runs.last_mut() {
                        Some(run)
                            if run
                                .last()
                                .is_some_and(|&j| points[j].period + 1 == pt.period) =>
                        {
                            run.push(i)
                        }
                        _ => runs.push(vec![i]),
                    }
                }
                runs.retain(|r| r.len() > 1);
                let same_as = all[..k]
                    .iter()
                    .position(|other| other.counts == s.counts && other.statements > 0);
                Drawn {
                    points,
                    runs,
                    same_as,
                }
            })
            .collect();
        Chart { max, series }
    }

    /// What the chart's base is, in a sentence: "Coverage under these filters: 2,397
    /// statements dated 1946–2024 (the bars under the chart: statements per period);
    /// 3 more not on the axis."
    pub fn coverage(&self) -> String {
        use crate::words::count;
        let dated: u32 = self.periods.iter().map(|p| p.total).sum();
        let span = match (self.periods.first(), self.periods.last()) {
            (Some(a), Some(b)) if a.key == b.key => format!(" in {}", a.date.human()),
            (Some(a), Some(b)) => format!(" from {} to {}", a.date.human(), b.date.human()),
            _ => String::new(),
        };
        let apart = self.coarse_total + self.undated_total;
        let apart = if apart > 0 {
            format!(
                "; {} not on the axis",
                count(apart as usize, "more", "more")
            )
        } else {
            String::new()
        };
        format!(
            "This corpus under these filters: {}{span} (the bars under the chart: statements per period, each share's base){apart}. First and latest uses are this corpus's, not the formulation's history.",
            count(dated as usize, "statement", "statements")
        )
    }
}

/// How a statement's date is said in an attestation: `10 December 2024`, or `2020,
/// year inferred`, or `date unknown`.
pub fn attested(corpus: &Corpus, statement: u32) -> String {
    corpus.statements[statement as usize].date.label()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fillers_are_named_by_the_phrase_filled_in() {
        assert_eq!(
            filled("\"state of * union\"", &["the".into()]),
            "\"state of the union\""
        );
        assert_eq!(
            filled("\"* of *\"", &["state".into(), "mind".into()]),
            "\"state of mind\""
        );
    }
}
