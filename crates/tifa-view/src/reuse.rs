//! Reused passages as the reader shows them: for each passage of a statement, the
//! passages of other statements it shares a long run of words with (earliest first),
//! the shared words marked on both sides, and a link to the aligned comparison of the
//! two; for a source document, the other documents it shares passages with. Only pairs
//! of passages of the kinds counted (the speaker's own words by default): an outlet's
//! narration copied into another outlet's is not a speaker reusing words.
//!
//! ```
//! use tifa_model::{Corpus, Kinds};
//! use tifa_view::reuse::of_statement;
//! let bundle = tifa_compile::bundle(Corpus::empty());
//! assert!(of_statement(&bundle, 0, Kinds::OWN_WORDS).unwrap().is_empty());
//! ```

use crate::url_state::{CompareMode, UrlState};
use std::collections::BTreeMap;
use tifa_core::blob::Bundle;
use tifa_core::discover::Run;
use tifa_core::search::formulation::word_spans;
use tifa_model::Kinds;
use tifa_model::{Corpus, Span};

/// One other passage a passage shares words with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The other statement and its passage.
    pub other: u32,
    pub other_passage: u16,
    /// The shared runs' byte ranges in this passage's document, and in the other's.
    pub here: Vec<Span>,
    pub there: Vec<Span>,
    /// Words shared in all.
    pub words: u32,
    /// The two statements side by side, passages aligned (the earlier first).
    pub compare: UrlState,
}

/// The byte range of words `from..from + len` of a passage, given its word spans.
fn span_of(words: &[Span], from: u32, len: u32) -> Option<Span> {
    let first = words.get(from as usize)?;
    let last = words.get(from.checked_add(len)?.checked_sub(1)? as usize)?;
    Some(Span {
        start: first.start,
        end: last.end,
    })
}

/// The passages of statement `s` that share words with other statements, both passages
/// of `kinds`: (passage, what it shares, the earliest statements first); `None` until
/// the bundle has its discoveries.
pub fn of_statement(bundle: &Bundle, s: u32, kinds: Kinds) -> Option<Vec<(u16, Vec<Shared>)>> {
    let corpus = &bundle.corpus;
    let found = bundle.discoveries()?;
    let Some(here) = corpus.statements.get(s as usize) else {
        return Some(Vec::new());
    };
    let has = |st: &tifa_model::Statement, p: u16| {
        st.passages
            .get(p as usize)
            .is_some_and(|x| kinds.contains(x.kind))
    };
    let mut by_passage: BTreeMap<u16, Vec<Shared>> = BTreeMap::new();
    let mut spans: BTreeMap<(u32, u16), Vec<Span>> = BTreeMap::new();
    for link in found.reuse.links(s) {
        let Some(there) = corpus.statements.get(link.other as usize) else {
            continue;
        };
        if !has(here, link.passage) || !has(there, link.other_passage) {
            continue;
        }
        let mine = spans
            .entry((s, link.passage))
            .or_insert_with(|| word_spans(corpus, here, link.passage))
            .clone();
        let theirs = spans
            .entry((link.other, link.other_passage))
            .or_insert_with(|| word_spans(corpus, there, link.other_passage))
            .clone();
        let side = |words: &[Span], pick: fn(&Run) -> u32| -> Vec<Span> {
            link.runs
                .iter()
                .filter_map(|r| span_of(words, pick(r), r.len))
                .collect()
        };
        let (first, second) = if link.other < s {
            (&there.id, &here.id)
        } else {
            (&here.id, &there.id)
        };
        by_passage.entry(link.passage).or_default().push(Shared {
            other: link.other,
            other_passage: link.other_passage,
            here: side(&mine, |r| r.a),
            there: side(&theirs, |r| r.b),
            words: link.runs.iter().fold(0u32, |n, r| n.saturating_add(r.len)),
            compare: UrlState::default().comparing(
                vec![first.to_string(), second.to_string()],
                CompareMode::Aligned,
            ),
        });
    }
    Some(
        by_passage
            .into_iter()
            .map(|(p, mut list)| {
                list.sort_by_key(|x| (date_key(corpus, x.other), x.other, x.other_passage));
                (p, list)
            })
            .collect(),
    )
}

/// A statement's place in time (the first day its date may mean; undated last).
fn date_key(corpus: &Corpus, s: u32) -> (bool, (u16, u8, u8)) {
    match corpus.statements[s as usize].date.date {
        Some(d) => (false, d.first_day()),
        None => (true, (0, 0, 0)),
    }
}

/// What a source document shares with other documents, in passages of `kinds`: (the
/// other document, passage pairs, words shared), most words first; `None` until the
/// bundle has its discoveries.
pub fn of_document(bundle: &Bundle, doc: u32, kinds: Kinds) -> Option<Vec<(u32, usize, u32)>> {
    let corpus = &bundle.corpus;
    let found = bundle.discoveries()?;
    let mut per: BTreeMap<u32, (usize, u32)> = BTreeMap::new();
    let counted = |st: &tifa_model::Statement, p: u16| {
        st.passages
            .get(p as usize)
            .is_some_and(|x| kinds.contains(x.kind))
    };
    for s in bundle.lookup().statements_of(corpus, doc) {
        let here = &corpus.statements[s as usize];
        for link in found.reuse.links(s) {
            let Some(there) = corpus.statements.get(link.other as usize) else {
                continue;
            };
            if there.document == doc
                || !counted(here, link.passage)
                || !counted(there, link.other_passage)
            {
                continue;
            }
            let e = per.entry(there.document).or_default();
            e.0 += 1;
            e.1 = link.runs.iter().fold(e.1, |n, r| n.saturating_add(r.len));
        }
    }
    let mut out: Vec<(u32, usize, u32)> = per.into_iter().map(|(d, (n, w))| (d, n, w)).collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    Some(out)
}

/// Spans sorted and merged where they overlap or touch (as marks must be).
///
/// ```
/// use tifa_model::Span;
/// use tifa_view::reuse::merged;
/// let s = |start, end| Span { start, end };
/// assert_eq!(merged(vec![s(5, 9), s(0, 3), s(8, 12)]), [s(0, 3), s(5, 12)]);
/// ```
pub fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Characters of context shown around the shared words of the other passage.
pub const CONTEXT: usize = 80;

/// The part of `text` (the other passage, which starts at byte `base` of its document)
/// to show: the shared words `marks` with about [`CONTEXT`] characters on each side, cut
/// at a space; and whether text was left out before and after.
pub fn excerpt(text: &str, base: u32, marks: &[Span]) -> (Span, bool, bool) {
    let whole = Span {
        start: base,
        end: base + text.len() as u32,
    };
    let (Some(first), Some(last)) = (marks.first(), marks.last()) else {
        return (whole, false, false);
    };
    let (a, b) = (
        (first.start - base) as usize,
        ((last.end - base) as usize).min(text.len()),
    );
    let mut start = text[..a]
        .char_indices()
        .rev()
        .nth(CONTEXT)
        .map_or(0, |(i, _)| i);
    if start > 0 {
        if let Some(sp) = text[start..a].find(' ') {
            start += sp + 1;
        }
    }
    let mut end = text[b..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| b + i);
    if end < text.len() {
        if let Some(sp) = text[b..end].rfind(' ') {
            end = b + sp;
        }
    }
    (
        Span {
            start: base + start as u32,
            end: base + end as u32,
        },
        start > 0,
        end < text.len(),
    )
}
