//! A query's filters (speakers, occasions, topics, dates), resolved once per query and
//! asked of each statement: the one filter of search, the tracker and the concordance.

use super::index::Facets;
use super::query::Query;
use super::text::fold;
use tifa_model::{Corpus, Entity, PartialDate, Statement};

/// The (earliest, latest) day a partial date may mean, as comparable tuples.
fn bounds(d: PartialDate) -> ((u16, u8, u8), (u16, u8, u8)) {
    (d.first_day(), d.last_day())
}

/// A query's filters, resolved once per query: which speakers, venues and topics are
/// allowed (by index; each entity's name is folded once, not once per statement), and the
/// date range as comparable days.
pub struct Filter {
    speakers: Option<Vec<bool>>,
    venues: Option<Vec<bool>>,
    topics: Option<Vec<bool>>,
    from: Option<(u16, u8, u8)>,
    to: Option<(u16, u8, u8)>,
}

/// Which entities of a table a filter allows: those named in the query (id or part of
/// the name) and, if the URL gives indices, among them; `None` when neither is given.
pub(super) fn allowed(values: &[String], ids: &[u32], table: &[Entity]) -> Option<Vec<bool>> {
    (!values.is_empty() || !ids.is_empty()).then(|| {
        table
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let named = values.is_empty() || {
                    let name = fold(&e.name);
                    values
                        .iter()
                        .any(|v| *v == *e.id || name.contains(v.as_str()))
                };
                named && (ids.is_empty() || ids.contains(&(i as u32)))
            })
            .collect()
    })
}

impl Filter {
    /// `None` when the query has no filters.
    pub fn new(corpus: &Corpus, q: &Query) -> Option<Filter> {
        let filter = Filter {
            speakers: allowed(&q.speakers, &q.speaker_ids, &corpus.speakers),
            venues: allowed(&q.venues, &q.venue_ids, &corpus.venues),
            topics: allowed(&q.topics, &q.topic_ids, &corpus.topics),
            from: q.from.map(|f| bounds(f).0),
            to: q.to.map(|t| bounds(t).1),
        };
        let any = filter.speakers.is_some()
            || filter.venues.is_some()
            || filter.topics.is_some()
            || filter.from.is_some()
            || filter.to.is_some();
        any.then_some(filter)
    }

    /// Whether a statement passes.
    pub fn passes(&self, s: &Statement) -> bool {
        self.passes_values(s.speaker, s.venue, &s.topics, s.date.date)
    }

    /// Whether statement `i` passes, read from the index's facets alone (what the
    /// sharded packing keeps resident): the same answer as [`Filter::passes`].
    pub fn passes_at(&self, facets: &Facets, i: usize) -> bool {
        self.passes_values(
            facets.speaker[i],
            facets.venue_of(i),
            facets.topics_of(i),
            facets.date_of(i),
        )
    }

    fn passes_values(
        &self,
        speaker: u32,
        venue: Option<u32>,
        topics: &[u32],
        date: Option<PartialDate>,
    ) -> bool {
        if let Some(ok) = &self.speakers {
            if !ok[speaker as usize] {
                return false;
            }
        }
        if let Some(ok) = &self.venues {
            if !venue.is_some_and(|v| ok[v as usize]) {
                return false;
            }
        }
        if let Some(ok) = &self.topics {
            if !topics.iter().any(|&t| ok[t as usize]) {
                return false;
            }
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(d) = date else { return false };
            let (lo, hi) = bounds(d);
            if self.from.is_some_and(|f| hi < f) || self.to.is_some_and(|t| lo > t) {
                return false;
            }
        }
        true
    }
}
