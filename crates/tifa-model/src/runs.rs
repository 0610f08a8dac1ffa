//! The corpus's statements and documents: all of them (compiled, or decoded from one
//! blob), or runs of them filled as the sharded packing's pieces arrive
//! (`tifa_core::shards`). Indexing one whose run is not filled gives a placeholder (no
//! id, no passages, no text): the sharded packing's `needs` says what a view reads,
//! and its tests run every view alike on both.
//!
//! ```
//! use tifa_model::{Statement, Statements};
//! let mut all = Statements::default();
//! all.push(Statement::bare("s", 0, Vec::new()));
//! assert_eq!(all[0].id, "s");
//!
//! let runs = Statements::in_runs(3, vec![0, 2]);
//! assert!(!runs.is_filled(2));
//! assert_eq!(runs[2].id, "", "a placeholder until its run is filled");
//! runs.fill(1, vec![Statement::bare("c", 0, Vec::new())]).unwrap();
//! assert_eq!(runs[2].id, "c");
//! assert_eq!(runs.len(), 3);
//! ```

use crate::{Document, Statement};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::OnceLock;

macro_rules! runs_of {
    ($name:ident, $item:ident, $what:literal, $placeholder:expr) => {
        #[doc = concat!("The corpus's ", $what, ": all of them, or runs filled as they arrive (see the module).")]
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name<'a> {
            /// All of them, when whole (no runs).
            whole: Vec<$item<'a>>,
            /// How many, when in runs.
            count: u32,
            /// Each run's first item, when in runs.
            starts: Vec<u32>,
            /// Owned, so that the list stays covariant in `'a`.
            runs: Vec<OnceLock<Vec<$item<'static>>>>,
        }

        impl<'a> $name<'a> {
            #[doc = concat!("`count` ", $what, " in runs starting where `starts` says (from 0, rising), none filled yet.")]
            pub fn in_runs(count: u32, starts: Vec<u32>) -> Self {
                let runs = starts.iter().map(|_| OnceLock::new()).collect();
                $name {
                    whole: Vec::new(),
                    count,
                    starts,
                    runs,
                }
            }

            /// Whether this list is in runs (the sharded packing) rather than whole.
            pub fn is_in_runs(&self) -> bool {
                !self.starts.is_empty()
            }

            #[doc = concat!("Fills run `k` with its ", $what, " (a second fill is ignored); refused when there are not as many as the run holds.")]
            pub fn fill(&self, k: usize, items: Vec<$item<'_>>) -> Result<(), String> {
                let (Some(&first), Some(slot)) = (self.starts.get(k), self.runs.get(k)) else {
                    return Err(format!("there is no run {k}"));
                };
                let end = self.starts.get(k + 1).copied().unwrap_or(self.count);
                if items.len() as u32 != end.saturating_sub(first) {
                    return Err(format!(
                        "holds {} {}, the run from {first} has {}",
                        items.len(),
                        $what,
                        end.saturating_sub(first)
                    ));
                }
                let _ = slot.set(items.into_iter().map($item::into_owned).collect());
                Ok(())
            }

            /// Each run's first item (empty when whole).
            pub fn starts(&self) -> &[u32] {
                &self.starts
            }

            /// The run holding item `i` (filled or not); `None` when whole or out of range.
            pub fn run_for(&self, i: u32) -> Option<usize> {
                (self.is_in_runs() && i < self.count)
                    .then(|| self.starts.partition_point(|&f| f <= i).saturating_sub(1))
            }

            /// Whether every item is here (always, when whole).
            pub fn is_complete(&self) -> bool {
                self.runs.iter().all(|r| r.get().is_some())
            }

            /// Whether item `i` is here (always, when whole).
            pub fn is_filled(&self, i: u32) -> bool {
                self.get(i as usize).is_some() && self.filled(i as usize).is_some()
            }

            fn filled(&self, i: usize) -> Option<&$item<'a>> {
                if !self.is_in_runs() {
                    return self.whole.get(i);
                }
                let i = u32::try_from(i).ok().filter(|&i| i < self.count)?;
                let k = self.starts.partition_point(|&f| f <= i).checked_sub(1)?;
                self.runs[k].get()?.get((i - self.starts[k]) as usize)
            }

            /// How many.
            pub fn len(&self) -> usize {
                if self.is_in_runs() {
                    self.count as usize
                } else {
                    self.whole.len()
                }
            }

            /// Whether there are none.
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// Item `i` (a placeholder when its run is not filled); `None` past the end.
            pub fn get(&self, i: usize) -> Option<&$item<'a>> {
                if i >= self.len() {
                    return None;
                }
                Some(self.filled(i).unwrap_or_else(|| $placeholder))
            }

            /// The last one.
            pub fn last(&self) -> Option<&$item<'a>> {
                self.len().checked_sub(1).and_then(|i| self.get(i))
            }

            /// Every one, in order (placeholders for runs not filled).
            pub fn iter(&self) -> impl DoubleEndedIterator<Item = &$item<'a>> + ExactSizeIterator + '_ {
                (0..self.len()).map(move |i| &self[i])
            }

            /// Adds one at the end (a whole list: compiling, tests).
            pub fn push(&mut self, item: $item<'a>) {
                debug_assert!(!self.is_in_runs(), "push onto a list in runs");
                self.whole.push(item);
            }

            /// Inserts one at `at` (a whole list).
            pub fn insert(&mut self, at: usize, item: $item<'a>) {
                self.whole.insert(at, item);
            }

            /// The whole list's items, to change them (a whole list: compiling, tests).
            pub fn as_mut_slice(&mut self) -> &mut [$item<'a>] {
                &mut self.whole
            }
        }

        impl<'a> std::ops::Index<usize> for $name<'a> {
            type Output = $item<'a>;
            fn index(&self, i: usize) -> &$item<'a> {
                match self.get(i) {
                    Some(item) => item,
                    None => panic!("{} {i} of {}", $what, self.len()),
                }
            }
        }

        impl<'a> std::ops::IndexMut<usize> for $name<'a> {
            /// Item `i` of a whole list, to change it (compiling, tests); a list in runs
            /// is filled, never changed, and has none to give.
            fn index_mut(&mut self, i: usize) -> &mut $item<'a> {
                &mut self.whole[i]
            }
        }

        impl<'a> From<Vec<$item<'a>>> for $name<'a> {
            fn from(whole: Vec<$item<'a>>) -> Self {
                $name {
                    whole,
                    ..Default::default()
                }
            }
        }

        impl<'a> FromIterator<$item<'a>> for $name<'a> {
            fn from_iter<I: IntoIterator<Item = $item<'a>>>(iter: I) -> Self {
                iter.into_iter().collect::<Vec<_>>().into()
            }
        }

        impl<'a> Extend<$item<'a>> for $name<'a> {
            fn extend<I: IntoIterator<Item = $item<'a>>>(&mut self, iter: I) {
                self.whole.extend(iter);
            }
        }

        impl<'s, 'a> IntoIterator for &'s $name<'a> {
            type Item = &'s $item<'a>;
            type IntoIter = Box<dyn DoubleEndedIterator<Item = &'s $item<'a>> + 's>;
            fn into_iter(self) -> Self::IntoIter {
                Box::new(self.iter())
            }
        }

        impl<'a> IntoIterator for $name<'a> {
            type Item = $item<'a>;
            type IntoIter = std::vec::IntoIter<$item<'a>>;
            /// The whole list's items (none of a list in runs: take those from its pieces).
            fn into_iter(self) -> Self::IntoIter {
                self.whole.into_iter()
            }
        }

        impl Serialize for $name<'_> {
            /// As a sequence, like a `Vec` (a list in runs writes what it holds).
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.iter())
            }
        }

        impl<'de: 'a, 'a> Deserialize<'de> for $name<'a> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Vec::<$item<'a>>::deserialize(d).map(Into::into)
            }
        }
    };
}

runs_of!(
    Statements,
    Statement,
    "statements",
    Statement::placeholder()
);
runs_of!(Documents, Document, "documents", Document::placeholder());

impl Statement<'_> {
    /// This statement owning its text.
    pub fn into_owned(self) -> Statement<'static> {
        Statement {
            id: self.id.into_owned(),
            document: self.document,
            speaker: self.speaker,
            role: self.role.map(crate::Text::into_owned),
            venue: self.venue,
            venue_evidence: self.venue_evidence.map(crate::Text::into_owned),
            topics: self.topics,
            date: self.date.into_owned(),
            passages: self.passages,
            headline: self.headline,
        }
    }

    /// What a statement not yet arrived reads as: no id, no passages.
    pub fn placeholder() -> &'static Statement<'static> {
        static EMPTY: OnceLock<Statement<'static>> = OnceLock::new();
        EMPTY.get_or_init(|| Statement::bare("", 0, Vec::new()))
    }
}

impl Document<'_> {
    /// This document owning its text.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            id: self.id.into_owned(),
            title: self.title.into_owned(),
            language: self.language.into_owned(),
            outlet: crate::OutletClaim {
                outlet: self.outlet.outlet,
                basis: self.outlet.basis.into_owned(),
            },
            dateline: self.dateline.map(crate::Text::into_owned),
            published: self.published.into_owned(),
            source_file: self.source_file.into_owned(),
            url: self.url.map(crate::Text::into_owned),
            raw: self.raw.into_owned(),
            removed: self
                .removed
                .into_iter()
                .map(|r| crate::Removal {
                    span: r.span,
                    reason: r.reason.into_owned(),
                })
                .collect(),
        }
    }

    /// What a document not yet arrived reads as: no id, no text.
    pub fn placeholder() -> &'static Document<'static> {
        static EMPTY: OnceLock<Document<'static>> = OnceLock::new();
        EMPTY.get_or_init(|| Document::bare("", ""))
    }
}
