//! Collocates: the words found within a window (L words to the left, R to the right,
//! inside one passage) of a node, a word or an exact phrase, in the statements a link's
//! filters leave in; with the association measures corpus linguists use (MI, MI3,
//! T-score, log-likelihood, logDice). Formulas, references and a worked example:
//! `docs/statistics.md`.
//!
//! Words are counted where the views count them (the link's passage kinds, the speaker's
//! own words by default; folded word forms, or stems for the collocates), and **a
//! window never crosses a passage**: the words around a quotation are not its
//! collocates. Counts add up statement by statement.
//!
//! ```
//! use tifa_view::collocates::Measures;
//! // A pair seen 4 times, node 10 times, collocate 20 times, 1,000 words, window 5 + 5.
//! let m = Measures::of(4, 10, 20, 1_000, 10);
//! assert_eq!(format!("{:.3}", m.expected), "2.000");
//! assert_eq!(format!("{:.3}", m.mi), "1.000");
//! ```

use crate::keywords::{each_counted_passage, Terms};
use crate::scope::scope;
use crate::url_state::UrlState;
use crate::words::count;
use serde::Serialize;
use tifa_core::blob::Bundle;
use tifa_core::search::engine::matching;
use tifa_core::search::formulation::{find, Detail, Formulation};
use tifa_core::search::text::tokens;

/// How the list is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Words to the left and to the right of the node (each at most [`MAX_SPAN`]).
    pub left: usize,
    pub right: usize,
    /// Leave out pairs seen fewer times than this.
    pub min_together: u64,
    /// Leave out collocates seen fewer times than this in the part.
    pub min_frequency: u64,
    /// Count collocates by stem.
    pub stems: bool,
    /// The measure the list is ordered by.
    pub order: Measure,
}

/// The widest window on either side.
pub const MAX_SPAN: usize = 10;

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            left: 5,
            right: 5,
            min_together: 3,
            min_frequency: 3,
            stems: false,
            order: Measure::LogDice,
        }
    }
}

/// An association measure (what the list is ordered by).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Together,
    Mi,
    Mi3,
    TScore,
    LogLikelihood,
    LogDice,
}

impl Measure {
    /// The measure a name asks for: `together`, `mi`, `mi3`, `t`, `ll`, `logdice`.
    pub fn parse(name: &str) -> Option<Measure> {
        Some(match name {
            "together" => Measure::Together,
            "mi" => Measure::Mi,
            "mi3" => Measure::Mi3,
            "t" => Measure::TScore,
            "ll" => Measure::LogLikelihood,
            "logdice" => Measure::LogDice,
            _ => return None,
        })
    }
}

/// The measures of one pair (Evert 2008, surface co-occurrence; Rychlý 2008 for
/// logDice).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measures {
    /// Co-occurrences expected if the words were independent: `f(node) · W · f(c) / N`.
    pub expected: f64,
    pub mi: f64,
    pub mi3: f64,
    pub t_score: f64,
    pub log_likelihood: f64,
    pub log_dice: f64,
}

impl Measures {
    /// For a pair seen `together` times, a node seen `node` times, a collocate seen
    /// `collocate` times, in `words` words, with a window of `span` words (L + R).
    pub fn of(together: u64, node: u64, collocate: u64, words: u64, span: u64) -> Measures {
        let (o, n, c, total) = (
            together as f64,
            node as f64,
            collocate as f64,
            words.max(1) as f64,
        );
        // The contingency table: rows in / out of a node's window, columns the collocate
        // or another word.
        let r1 = n * span as f64;
        let expected = r1 * c / total;
        let cells = [
            (o, expected),
            (r1 - o, r1 * (total - c) / total),
            (c - o, (total - r1) * c / total),
            (total - r1 - c + o, (total - r1) * (total - c) / total),
        ];
        let log_likelihood = 2.0
            * cells
                .iter()
                .filter(|(obs, exp)| *obs > 0.0 && *exp > 0.0)
                .map(|(obs, exp)| obs * (obs / exp).ln())
                .sum::<f64>();
        let log2 = |x: f64| x.ln() / std::f64::consts::LN_2;
        let positive = o > 0.0 && expected > 0.0;
        Measures {
            expected,
            mi: if positive { log2(o / expected) } else { 0.0 },
            mi3: if positive {
                log2(o * o * o / expected)
            } else {
                0.0
            },
            t_score: if o > 0.0 {
                (o - expected) / o.sqrt()
            } else {
                0.0
            },
            log_likelihood: log_likelihood.max(0.0),
            log_dice: if o > 0.0 && n + c > 0.0 {
                14.0 + log2(2.0 * o / (n + c))
            } else {
                0.0
            },
        }
    }
}

/// A collocate with its counts and measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocate {
    pub term: String,
    /// Co-occurrences with the node, and how many to its left and to its right.
    pub together: u64,
    pub left: u64,
    pub right: u64,
    /// Its frequency in the part.
    pub frequency: u64,
    #[serde(flatten)]
    pub measures: Measures,
}

/// A node's collocates in a part of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocates {
    /// The node's words, folded, as matched.
    pub node: Vec<String>,
    pub node_frequency: u64,
    /// The part: its statements and the words counted in them.
    pub statements: usize,
    pub words: u64,
    pub left: usize,
    pub right: usize,
    /// Ordered by the measure asked for, strongest first.
    pub rows: Vec<Collocate>,
    /// What the reader should know: no node, a node never found.
    pub notes: Vec<String>,
}

/// The collocates of `state`'s query (a word, or an exact phrase) in the statements its
/// filters leave in, the query's words themselves not narrowing them.
pub fn collocates(bundle: &Bundle, state: &UrlState, settings: &Settings) -> Collocates {
    collocates_in(bundle, state, None, settings)
}

/// As [`collocates`], in the statements `outside`'s filters leave out when it is given
/// (the rest of the corpus).
pub fn collocates_in(
    bundle: &Bundle,
    state: &UrlState,
    outside: Option<&UrlState>,
    settings: &Settings,
) -> Collocates {
    let corpus = &bundle.corpus;
    let index = &bundle.index;
    let (left, right) = (settings.left.min(MAX_SPAN), settings.right.min(MAX_SPAN));
    let q = state.q.clone().unwrap_or_default();
    let node: Vec<String> = tokens(&q).into_iter().map(|t| t.term).collect();
    let mut part = state.clone();
    part.q = None;
    let (query, mut notes) = scope(corpus, &part);
    let mut statements = matching(corpus, &bundle.index, &query);
    if let Some(outside) = outside {
        let mut out = outside.clone();
        out.q = None;
        let (left_out, unknown) = scope(corpus, &out);
        notes.extend(unknown);
        let inside = matching(corpus, &bundle.index, &left_out);
        statements.retain(|s| inside.binary_search(s).is_err());
    }
    let mut out = Collocates {
        node: node.clone(),
        node_frequency: 0,
        statements: statements.len(),
        words: 0,
        left,
        right,
        rows: Vec::new(),
        notes: Vec::new(),
    };
    let f = Formulation::parse(&q);
    if node.is_empty() || f.groups.is_empty() {
        notes.push("Give a word or an exact phrase to find its collocates.".to_string());
        out.notes = notes;
        return out;
    }
    notes.extend(f.notes.iter().cloned());
    let kinds = state.filters.passage_kinds();
    let terms = Terms::new(bundle, settings.stems);
    let mut frequency = vec![0u64; terms.len()];
    each_counted_passage(bundle, &statements, kinds, |words| {
        out.words += words.len() as u64;
        for &w in words {
            if let Some(f) = frequency.get_mut(terms.of(w) as usize) {
                *f += 1;
            }
        }
    });
    // The node where the concordance finds it: the same rule, the same occurrences.
    let mut found = find(corpus, index, &f, &query, kinds, Detail::Occurrences);
    if outside.is_some() {
        found.retain(|x| statements.binary_search(&x.statement).is_ok());
    }
    let mut sides = vec![(0u64, 0u64); terms.len()];
    let mut words = Vec::new();
    let mut read = None;
    for x in &found {
        for o in &x.occurrences {
            if read != Some((x.statement, o.passage)) {
                index
                    .tokens
                    .passage(x.statement, o.passage as usize, &mut words);
                read = Some((x.statement, o.passage));
            }
            out.node_frequency += 1;
            let (first, after) = (o.word as usize, (o.word + o.len) as usize);
            for &w in &words[first.saturating_sub(left)..first.min(words.len())] {
                if let Some(side) = sides.get_mut(terms.of(w) as usize) {
                    side.0 += 1;
                }
            }
            for &w in words
                .get(after..(after + right).min(words.len()))
                .unwrap_or(&[])
            {
                if let Some(side) = sides.get_mut(terms.of(w) as usize) {
                    side.1 += 1;
                }
            }
        }
    }
    if out.node_frequency == 0 {
        notes.push(format!(
            "“{}” is not in the {} these filters leave in.",
            node.join(" "),
            count(statements.len(), "statement", "statements")
        ));
        out.notes = notes;
        return out;
    }
    let span = (left + right) as u64;
    out.rows = sides
        .iter()
        .enumerate()
        .filter(|(t, (l, r))| {
            l + r >= settings.min_together.max(1) && frequency[*t] >= settings.min_frequency
        })
        .map(|(t, &(l, r))| Collocate {
            term: terms.name(t),
            together: l + r,
            left: l,
            right: r,
            frequency: frequency[t],
            measures: Measures::of(l + r, out.node_frequency, frequency[t], out.words, span),
        })
        .collect();
    let key = |c: &Collocate| match settings.order {
        Measure::Together => c.together as f64,
        Measure::Mi => c.measures.mi,
        Measure::Mi3 => c.measures.mi3,
        Measure::TScore => c.measures.t_score,
        Measure::LogLikelihood => c.measures.log_likelihood,
        Measure::LogDice => c.measures.log_dice,
    };
    out.rows
        .sort_by(|a, b| key(b).total_cmp(&key(a)).then_with(|| a.term.cmp(&b.term)));
    out.notes = notes;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of docs/statistics.md, computed by hand.
    #[test]
    fn the_worked_example() {
        let m = Measures::of(4, 10, 20, 1_000, 10);
        assert_eq!(format!("{:.3}", m.expected), "2.000");
        assert_eq!(format!("{:.3}", m.mi), "1.000");
        assert_eq!(format!("{:.3}", m.mi3), "5.000");
        assert_eq!(format!("{:.3}", m.t_score), "1.000");
        assert_eq!(format!("{:.3}", m.log_dice), "12.093");
        assert_eq!(format!("{:.3}", m.log_likelihood), "1.822");
    }

    #[test]
    fn nothing_is_nan_or_infinite() {
        for m in [
            Measures::of(0, 0, 0, 0, 0),
            Measures::of(0, 3, 0, 10, 10),
            Measures::of(5, 5, 5, 5, 10),
        ] {
            for x in [
                m.expected,
                m.mi,
                m.mi3,
                m.t_score,
                m.log_likelihood,
                m.log_dice,
            ] {
                assert!(x.is_finite(), "{m:?}");
            }
        }
    }
}
