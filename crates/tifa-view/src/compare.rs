//! What the comparison (`?compare=a,b`) shows besides the numbers of `tifa_compare`:
//! how a score reads, each pair's line, the phrases' legend and marks, the word diff's
//! marks, the links that add and remove a column, and the add box's list and status.
//!
//! ```
//! assert_eq!(tifa_view::compare::percent(0.426), "43 %");
//! ```

use crate::reader::headline;
use crate::url_state::UrlState;
use crate::words::count;
pub use tifa_compare::SIMILARITY_EXPLAINED;
use tifa_compare::{
    align, shared_phrases, similarity, AlignedPair, Change, Words, MIN_PHRASE_WORDS,
};
use tifa_core::blob::Bundle;
use tifa_core::search::engine::{search, Sort};
use tifa_model::{Corpus, Span, Statement};

/// Most search results the add box offers.
pub const PICK_LIMIT: usize = 8;

/// Shared phrases the legend lists at once; the rest open on request.
pub const LEGEND_AT_ONCE: usize = 24;

/// A similarity score (0 to 1) as it reads: a whole per cent.
pub fn percent(score: f32) -> String {
    // Integer formatting only (float formatting would grow the bundle).
    format!("{} %", (score * 100.0).round() as u32)
}

/// The statements compared, each as a column numbered from 1.
pub struct Columns<'a> {
    pub corpus: &'a Corpus<'a>,
    pub statements: Vec<&'a Statement<'a>>,
    /// Their words, as `tifa_compare` reads them.
    pub words: Vec<Words>,
}

impl<'a> Columns<'a> {
    /// The columns of the statements at these indices, in order.
    pub fn new(corpus: &'a Corpus<'a>, chosen: &[u32]) -> Columns<'a> {
        let statements: Vec<&Statement> = chosen
            .iter()
            .map(|&i| &corpus.statements[i as usize])
            .collect();
        let words = statements.iter().map(|s| Words::of(corpus, s)).collect();
        Columns {
            corpus,
            statements,
            words,
        }
    }

    /// Their ids, in order (what `?compare=` holds).
    pub fn ids(&self) -> Vec<String> {
        self.statements.iter().map(|s| s.id.to_string()).collect()
    }

    /// Column `k` as the page names it: `2 (Wang Yi)`.
    pub fn label(&self, k: usize) -> String {
        format!("{} ({})", k + 1, self.speaker(k))
    }

    /// The speaker of column `k`.
    pub fn speaker(&self, k: usize) -> &str {
        &self.corpus.speaker_of(self.statements[k]).name
    }

    /// Every pair's similarity: `1 (A) and 2 (B): ` and its score, in column order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let n = self.statements.len();
        (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .map(|(i, j)| {
                (
                    format!("{} and {}: ", self.label(i), self.label(j)),
                    percent(similarity(&self.words[i], &self.words[j])),
                )
            })
            .collect()
    }

    /// Column `k`'s passages paired with the first column's, each pair's words diffed.
    pub fn aligned(&self, k: usize) -> Vec<AlignedPair> {
        align(&self.words[0], &self.words[k])
    }

    /// The comparison without column `k` (the link its "Remove" follows).
    pub fn removing(&self, state: &UrlState, k: usize) -> UrlState {
        let mut rest = self.ids();
        rest.remove(k);
        state.comparing(rest, state.mode)
    }

    /// The phrases the columns share, worded and placed (see [`Phrases`]).
    pub fn phrases(&self) -> Phrases {
        let found = shared_phrases(&self.words, MIN_PHRASE_WORDS);
        // Each phrase as the first statement holding it words it (raw text, not folded).
        let shown: Vec<String> = found
            .iter()
            .map(|p| {
                p.occurrences
                    .iter()
                    .enumerate()
                    .find_map(|(i, occ)| {
                        let doc = self.corpus.document_of(self.statements[i]);
                        occ.first().map(|&sp| doc.text(sp).to_string())
                    })
                    .unwrap_or_else(|| p.text.clone())
            })
            .collect();
        let legend = found
            .iter()
            .zip(&shown)
            .map(|(p, text)| {
                let held: Vec<String> = (0..self.statements.len())
                    .filter(|&i| p.holders[i])
                    .map(|i| (i + 1).to_string())
                    .collect();
                (format!("“{text}”"), format!(" — in {}", held.join(", ")))
            })
            .collect();
        let marks = (0..self.statements.len())
            .map(|i| {
                let mut marks: Vec<(Span, usize)> = found
                    .iter()
                    .enumerate()
                    .flat_map(|(k, p)| p.occurrences[i].iter().map(move |&sp| (sp, k)))
                    .collect();
                marks.sort_by_key(|(sp, _)| sp.start);
                marks
            })
            .collect();
        Phrases {
            shown,
            legend,
            marks,
        }
    }
}

/// The phrases a comparison's columns share.
pub struct Phrases {
    /// Each phrase as first worded in a column (its mark's title).
    pub shown: Vec<String>,
    /// Each phrase's legend entry: its words, quoted, and the columns holding it
    /// (` — in 1, 3`).
    pub legend: Vec<(String, String)>,
    /// Per column, each occurrence's span and phrase number, by start.
    pub marks: Vec<Vec<(Span, usize)>>,
}

impl Phrases {
    /// What the legend says when there is no phrase.
    pub fn none_note() -> String {
        format!("These statements share no phrase of {MIN_PHRASE_WORDS} words or more.")
    }

    /// The summary of a legend's entries past [`LEGEND_AT_ONCE`] (of `entries` in all):
    /// `3 more shared phrases`; `None` when all are listed at once.
    ///
    /// ```
    /// use tifa_view::compare::{Phrases, LEGEND_AT_ONCE};
    /// assert_eq!(Phrases::more_note(LEGEND_AT_ONCE), None);
    /// assert_eq!(Phrases::more_note(LEGEND_AT_ONCE + 1).unwrap(), "1 more shared phrase");
    /// ```
    pub fn more_note(entries: usize) -> Option<String> {
        let rest = entries.saturating_sub(LEGEND_AT_ONCE);
        (rest > 0).then(|| {
            let s = if rest == 1 { "" } else { "s" };
            format!("{rest} more shared phrase{s}")
        })
    }
}

/// The words one side of an aligned pair changed (struck through on the left,
/// underlined on the right), by start, as marks (phrase number 0).
pub fn changed(pair: &AlignedPair, left: bool) -> Vec<(Span, usize)> {
    let mut marks: Vec<(Span, usize)> = pair
        .segments
        .iter()
        .filter_map(|seg| {
            let sp = if left { seg.left } else { seg.right }?;
            (seg.change != Change::Same).then_some((sp, 0))
        })
        .collect();
    marks.sort_by_key(|(sp, _)| sp.start);
    marks
}

/// An aligned pair's score as its cell reads: a per cent, or `—` for a passage paired
/// with none.
pub fn pair_score(pair: &AlignedPair) -> String {
    if pair.left.is_some() && pair.right.is_some() {
        percent(pair.score)
    } else {
        "—".to_string()
    }
}

/// What the add box lists for what was typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    /// How many statements match, and how many are listed.
    pub status: String,
    /// The statements offered (none already compared), best first, each with the
    /// comparison it makes when added.
    pub rows: Vec<(u32, UrlState)>,
}

/// The add box's list for `typed` (a search by relevance, as the search box reads
/// it), leaving out the statements `compared` already holds; `None` for blank text.
pub fn pick(bundle: &Bundle, state: &UrlState, compared: &[String], typed: &str) -> Option<Pick> {
    if typed.trim().is_empty() {
        return None;
    }
    let corpus = &bundle.corpus;
    let found = search(
        corpus,
        &bundle.index,
        typed,
        Sort::Relevance,
        PICK_LIMIT + compared.len(),
    );
    let rows = found
        .hits
        .iter()
        .map(|h| h.statement)
        .filter(|&i| {
            !compared
                .iter()
                .any(|c| *c == *corpus.statements[i as usize].id)
        })
        .take(PICK_LIMIT)
        .map(|i| {
            let mut with = compared.to_vec();
            with.push(corpus.statements[i as usize].id.to_string());
            (i, state.comparing(with, state.mode))
        })
        .collect();
    let status = match found.total {
        0 => "Nothing matches.".to_string(),
        n if n > PICK_LIMIT => format!(
            "{} match; the {PICK_LIMIT} best are listed.",
            count(n, "statement", "statements")
        ),
        1 => "1 statement matches.".to_string(),
        n => format!("{} match.", count(n, "statement", "statements")),
    };
    Some(Pick { status, rows })
}

/// How the add box lists a statement: its speaker, then `, date — title` and its
/// headline, quoted.
pub fn pick_line(corpus: &Corpus, s: &Statement) -> (String, String, String) {
    let doc = corpus.document_of(s);
    (
        corpus.speaker_of(s).name.to_string(),
        format!(", {} — {}", s.date.label(), doc.title),
        format!("“{}”", headline(corpus, s)),
    )
}
