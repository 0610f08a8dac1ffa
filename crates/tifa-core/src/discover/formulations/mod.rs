//! Recurring formulations: runs of words (exact words, as the tracker reads a quoted
//! phrase) that statements from more than one document share, ranked by how formulaic
//! they are and how widely they travel.
//!
//! The rules, each in a sentence:
//! - **The speaker's own words**: only passages of the kinds mined are read
//!   (`Settings::kinds`, by default quotes and reported speech, as every view counts by
//!   default): narration is the outlet's and questions are the journalist's.
//! - **Inside a sentence**: a run never crosses `.` `!` `?` `;` `:` `…`, their Chinese
//!   forms or a line break (a comma it may: "peace, development and cooperation").
//! - **Long enough**: at least `min_words` words, or, written in Chinese, Japanese or
//!   Korean (indexed as overlapping character pairs), at least `min_chars` characters.
//! - **Shared**: in at least [`Settings::statements_needed`] statements, from at least
//!   two documents.
//! - **Content at both edges**: its first and last words are not function words
//!   ([`is_function_word`]), and at least half of its words are not, so "of the united
//!   nations" and "one of the most" are never listed ("united nations" is, if long
//!   enough).
//! - **Not a copy**: a run of [`MAX_WORDS`] words that continues, in at least
//!   [`FOLD`] of its statements, into a longer run is part of a copied passage (shown as
//!   reuse), and is not listed, nor is what is folded into it.
//! - **Folded**: a run inside a longer listed run that occurs in at least [`FOLD`] of
//!   its statements is left out (the longer one says it).
//! - **Whole**: a run that a word other than a function word or a number follows (or
//!   precedes), in the same sentence, in at least [`FOLD`] of its places is a fragment
//!   of longer wordings ("equality and mutual" of "… benefit" and "… respect"), and is
//!   not listed; so is a run that the same such word follows (or precedes) past one
//!   or two function words in at least [`FOLD`] of its places, when that longer run
//!   would be listable ("centre for harmonizing" of "… the actions of nations").
//!   (Not for Chinese, Japanese or Korean, written without spaces.)
//! - **Formulaic**: ranked by [`score`]: the run's glue ([`glue`], the fair symmetric
//!   conditional probability of da Silva & Lopes, 1999: how much more often the run
//!   occurs than its parts predict) times how widely it travels (speakers, years,
//!   documents, each on a log scale). A frame of ordinary prose, whose parts occur
//!   everywhere, has little glue.
//! - **As written**: shown in the form most of its places write it (case, hyphens,
//!   apostrophes and inner punctuation as in the text), when that form reads back to
//!   the same words as a quoted phrase.
//! - **Names apart**: a run written as a name or a title (every word but function
//!   words capitalised: "Second World War", "UN Human Rights Council") is marked as one
//!   and listed after the formulations.
//! - **Variants**: listed runs one word apart (inserted, left out or replaced), or two
//!   apart when the shorter has five words or more, share a group.
//!
//! Mining counts level by level over rolling hashes of the token stream ([`count`]);
//! every listed run's statements are then collected again with its words compared,
//! over whole passages as the tracker reads them, so a hash collision cannot add one
//! and the counts are the tracker's.

mod count;
mod flat;
mod written;

use super::{delta_bytes, delta_list, Settings};
use crate::search::index::{Bytes, Index};
use crate::search::text::is_cjk;
use flat::Flat;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, BinaryHeap};
use tifa_model::{Corpus, Text};
use written::{is_name, variant_groups, written_form, Place};

/// Longest run listed, in words: longer shared runs are copied passages (reuse).
pub const MAX_WORDS: usize = 12;

/// The share of a run's statements a longer run holding it must occur in for the
/// shorter to be folded into it.
pub const FOLD: f64 = 0.8;

/// Places of a run read for its written form.
const SAMPLES: usize = 24;

/// One recurring formulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recurring<'a> {
    /// As written in the text, in its most frequent form, when that reads back to its
    /// words as a quoted phrase (`China’s human rights progress`); else its folded words
    /// (`for mankind`). Either way the tracker reads it inside quotes as the same words.
    #[serde(borrow)]
    pub phrase: Text<'a>,
    /// Its length in tokens.
    pub words: u32,
    /// The statements it occurs in (see [`Recurring::statement_list`]).
    #[serde(borrow)]
    pub statements: Bytes<'a>,
    /// Its group of variants (an index shared by runs one or two words apart).
    pub group: u32,
    /// How formulaic it is: its [`glue`], from 0 to 1.
    pub glue: f32,
    /// Written as a name or a title (listed after the formulations).
    pub name: bool,
}

impl Recurring<'_> {
    /// The statements it occurs in, in corpus order.
    pub fn statement_list(&self) -> Vec<u32> {
        delta_list(&self.statements.0)
    }
}

/// Words that do not make a formulation by themselves.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me", "more", "most",
    "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
    "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your",
];

/// Whether a folded word is on the function-word list.
///
/// ```
/// use tifa_core::discover::is_function_word;
/// assert!(is_function_word("of") && !is_function_word("mankind"));
/// ```
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// How widely a formulation is used: speakers × years × log2(1 + documents).
///
/// ```
/// use tifa_core::discover::spread;
/// assert_eq!(spread(2, 3, 1), 6.0);
/// assert!(spread(1, 1, 40) < spread(2, 2, 3));
/// ```
pub fn spread(speakers: usize, years: usize, documents: usize) -> f64 {
    speakers as f64 * years.max(1) as f64 * (1.0 + documents as f64).log2()
}

/// The rank of a listed run: its glue times how widely it travels, each count on a log
/// scale so that a run of many statements does not win by its count alone:
/// glue × (1 + log2 speakers) × (1 + log2 years) × log2(1 + documents).
///
/// ```
/// use tifa_core::discover::score;
/// assert_eq!(score(0.5, 1, 1, 1), 0.5);
/// assert_eq!(score(0.5, 2, 4, 3), 0.5 * 2.0 * 3.0 * 2.0);
/// ```
pub fn score(glue: f64, speakers: usize, years: usize, documents: usize) -> f64 {
    let log = |n: usize| (n.max(1) as f64).log2();
    glue * (1.0 + log(speakers)) * (1.0 + log(years)) * log(documents + 1)
}

/// The glue of a run: its fair symmetric conditional probability (SCP_f, da Silva &
/// Lopes 1999), f(w1…wn)² / avg over i of f(w1…wi) × f(wi+1…wn), from the runs'
/// occurrences. 1 when its parts never occur apart; near 0 when a part occurs
/// everywhere (a function word at its edge, a name inside common prose).
///
/// ```
/// use tifa_core::discover::glue;
/// // A run of 10 whose parts occur only inside it, and one whose first word is in
/// // 1,000 other places.
/// assert_eq!(glue(10, &[(10, 10), (10, 10)]), 1.0);
/// assert!(glue(10, &[(1000, 10), (10, 10)]) < 0.02);
/// ```
pub fn glue(whole: u32, splits: &[(u32, u32)]) -> f64 {
    if splits.is_empty() {
        return 0.0;
    }
    let avg = splits
        .iter()
        .map(|&(l, r)| l as f64 * r as f64)
        .sum::<f64>()
        / splits.len() as f64;
    if avg <= 0.0 {
        return 0.0;
    }
    (whole as f64 * whole as f64 / avg).min(1.0)
}

/// A run being ranked.
struct Candidate {
    at: u32,
    n: usize,
    glue: f64,
    /// At least its score (see [`mine`]).
    bound: f64,
}

/// A run with its statements and score.
struct Ranked {
    score: f64,
    k: usize,
    statements: Vec<u32>,
    places: Vec<Place>,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    /// Better first: higher score, more statements, earlier candidate.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(other.statements.len().cmp(&self.statements.len()))
            .then(self.k.cmp(&other.k))
    }
}

/// The recurring formulations of a corpus, best first (see the module docs).
pub fn mine(corpus: &Corpus, index: &Index, settings: &Settings) -> Vec<Recurring<'static>> {
    let need = settings.statements_needed(corpus.statements.len());
    let terms = &index.exact.terms;
    let cjk: Vec<bool> = terms.iter().map(|t| t.chars().all(is_cjk)).collect();
    let function: Vec<bool> = terms.iter().map(|t| is_function_word(t)).collect();
    let longest = MAX_WORDS + 1;
    let flat = Flat::new(corpus, index, settings.kinds, longest);
    let document = |s: u32| corpus.statements[s as usize].document;
    let levels = count::levels(&flat, terms.len(), need, longest, document);
    let shortest = (settings
        .min_words
        .min(settings.min_chars.saturating_sub(1))
        .max(2)) as usize;
    let qualifies = |at: usize, n: usize| {
        let run = &flat.words[at..at + n];
        if run.iter().all(|&w| cjk[w as usize]) {
            return n + 1 >= settings.min_chars as usize;
        }
        let edge = |w: u32| cjk[w as usize] || !function[w as usize];
        let content = run.iter().filter(|&&w| edge(w)).count();
        n >= settings.min_words as usize && edge(run[0]) && edge(run[n - 1]) && content * 2 >= n
    };
    let found = count::candidates(&flat, &levels, shortest, longest, FOLD, qualifies);
    let mut starts = vec![false; flat.words.len()];
    for &(start, _, _) in &flat.sentences {
        if let Some(s) = starts.get_mut(start as usize) {
            *s = true;
        }
    }
    // A word that carries a wording on: not a function word, not a number ("… today 3").
    let numeric: Vec<bool> = terms
        .iter()
        .map(|t| t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let content = |w: u32| cjk[w as usize] || !function[w as usize] && !numeric[w as usize];

    // Each candidate's glue, and a bound on its score from its statements.
    let mut candidates: Vec<Candidate> = found
        .into_iter()
        .map(|(at, n)| {
            let a = at as usize;
            let splits: Vec<(u32, u32)> = (1..n)
                .map(|i| {
                    (
                        levels.occurrences(&flat, a, i),
                        levels.occurrences(&flat, a + i, n - i),
                    )
                })
                .collect();
            let whole = levels.occurrences(&flat, a, n);
            let statements = levels.runs[n]
                .get(&flat.hash(a, n))
                .map_or(0, |s| s.statements) as usize;
            let g = glue(whole, &splits);
            Candidate {
                at,
                n,
                glue: g,
                bound: score(g, statements, statements, statements),
            }
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.bound
            .total_cmp(&a.bound)
            .then((a.at, a.n).cmp(&(b.at, b.n)))
    });

    // The best `max_formulations` by score (twice as many, so that names, listed after
    // the formulations, leave room), their statements collected in rounds of the best
    // bounds until no bound left can beat the last one kept.
    let keep = 2 * settings.max_formulations as usize;
    let mut best: BinaryHeap<Ranked> = BinaryHeap::new();
    let mut next = 0;
    while next < candidates.len() {
        let worst = (best.len() >= keep).then(|| best.peek().map_or(0.0, |r| r.score));
        if keep == 0 || worst.is_some_and(|w| w >= candidates[next].bound) {
            break;
        }
        let round = (next..candidates.len().min(next + (2 * keep).max(256))).collect::<Vec<_>>();
        next += round.len();
        let runs: Vec<&[u32]> = round
            .iter()
            .map(|&k| {
                let c = &candidates[k];
                &flat.words[c.at as usize..c.at as usize + c.n]
            })
            .collect();
        for (r, found) in round.iter().zip(collect(&flat, &runs, &starts, &content)) {
            let c = &candidates[*r];
            let cjk_run = flat.words[c.at as usize..c.at as usize + c.n]
                .iter()
                .all(|&w| cjk[w as usize]);
            let run = &flat.words[c.at as usize..c.at as usize + c.n];
            let words = run.iter().filter(|&&w| content(w)).count();
            if found.statements.is_empty() || !cjk_run && found.is_fragment(c.n, words) {
                continue;
            }
            let (speakers, years, documents) = spread_parts(corpus, &found.statements);
            best.push(Ranked {
                score: score(c.glue, speakers, years, documents),
                k: *r,
                statements: found.statements,
                places: found.places,
            });
            if best.len() > keep {
                best.pop();
            }
        }
    }
    // Written as found; formulations first, then names; at most `max_formulations`.
    let mut kept: Vec<(bool, String, Ranked)> = best
        .into_sorted_vec()
        .into_iter()
        .map(|r| {
            let c = &candidates[r.k];
            let run = &flat.words[c.at as usize..c.at as usize + c.n];
            let words: Vec<&str> = run.iter().map(|&w| terms[w as usize].as_ref()).collect();
            let written = written_form(corpus, &flat, &r.places, &words);
            let name = written.as_deref().is_some_and(is_name);
            let phrase = written.unwrap_or_else(|| phrase_of(words.iter().copied()));
            (name, phrase, r)
        })
        .collect();
    kept.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)));
    kept.truncate(settings.max_formulations as usize);
    let runs: Vec<&[u32]> = kept
        .iter()
        .map(|(_, _, r)| {
            let c = &candidates[r.k];
            &flat.words[c.at as usize..c.at as usize + c.n]
        })
        .collect();
    let groups = variant_groups(&runs);
    kept.into_iter()
        .zip(runs)
        .zip(groups)
        .map(|(((name, phrase, r), run), group)| Recurring {
            phrase: Text(phrase.into()),
            words: run.len() as u32,
            statements: delta_bytes(&r.statements),
            group,
            glue: candidates[r.k].glue as f32,
            name,
        })
        .collect()
}

/// What [`collect`] finds of a run.
#[derive(Clone, Default)]
struct Found {
    statements: Vec<u32>,
    places: Vec<Place>,
    /// Its places, and those where a word other than a function word follows it, or
    /// precedes it, in the same sentence.
    occurrences: u32,
    followed: u32,
    preceded: u32,
    /// The places where such a word follows (precedes) it past one or two function
    /// words, by that word and the function words between: `(word, between) → places`.
    beyond_after: rustc_hash::FxHashMap<(u32, u8), u32>,
    beyond_before: rustc_hash::FxHashMap<(u32, u8), u32>,
}

impl Found {
    /// A fragment of longer wordings (see the module docs): `content` is how many of
    /// the run's `n` words are not function words.
    fn is_fragment(&self, n: usize, content: usize) -> bool {
        let most = FOLD * self.occurrences as f64;
        // The longer run through the same word would itself be listable.
        let beyond = |m: &rustc_hash::FxHashMap<(u32, u8), u32>| {
            m.iter().any(|(&(_, between), &count)| {
                let longer = n + between as usize + 1;
                count as f64 >= most && longer <= MAX_WORDS && (content + 1) * 2 >= longer
            })
        };
        self.occurrences > 0
            && (self.followed as f64 >= most
                || self.preceded as f64 >= most
                || beyond(&self.beyond_after)
                || beyond(&self.beyond_before))
    }
}

/// The statements each run occurs in (its exact words, anywhere in a mined passage, as
/// the tracker reads a quoted phrase), some of its places, and its neighbours
/// (`starts[i]`: a sentence begins at word i; `content(w)`: w is not a function word
/// nor a number).
fn collect(
    flat: &Flat,
    runs: &[&[u32]],
    starts: &[bool],
    content: &impl Fn(u32) -> bool,
) -> Vec<Found> {
    // The first word past one or two function words from `at`, stepping by `step`,
    // inside `start..end` and the sentence: (word, function words between).
    let beyond = |at: usize, step: isize, start: usize, end: usize| -> Option<(u32, u8)> {
        let mut i = at;
        for between in 0..=2u8 {
            // Stepping right, a sentence beginning at `i` ends the search; stepping
            // left, one beginning at the word before `i` does.
            if step > 0 && (i >= end || starts[i]) || step < 0 && (i <= start || starts[i]) {
                return None;
            }
            let w = if step > 0 { i } else { i - 1 };
            let word = flat.words[w];
            if content(word) {
                return (between > 0).then_some((word, between));
            }
            i = (i as isize + step) as usize;
        }
        None
    };
    let mut out: Vec<Found> = vec![Found::default(); runs.len()];
    let mut by_length: std::collections::BTreeMap<usize, rustc_hash::FxHashMap<u64, Vec<usize>>> =
        Default::default();
    for (k, run) in runs.iter().enumerate() {
        by_length
            .entry(run.len())
            .or_default()
            .entry(Flat::hash_of(run))
            .or_default()
            .push(k);
    }
    for (&n, wanted) in &by_length {
        for (p, passage) in flat.passages.iter().enumerate() {
            let (start, end) = (passage.start as usize, passage.end as usize);
            if end - start < n {
                continue;
            }
            for i in start..=end - n {
                let Some(ks) = wanted.get(&flat.hash(i, n)) else {
                    continue;
                };
                for &k in ks {
                    if runs[k] != &flat.words[i..i + n] {
                        continue;
                    }
                    let f = &mut out[k];
                    if f.statements.last() != Some(&passage.statement) {
                        f.statements.push(passage.statement);
                    }
                    if f.places.len() < SAMPLES {
                        f.places.push(Place {
                            passage: p as u32,
                            word: (i - start) as u32,
                        });
                    }
                    f.occurrences += 1;
                    let after = i + n;
                    if after < end && !starts[after] && content(flat.words[after]) {
                        f.followed += 1;
                    }
                    if i > start && !starts[i] && content(flat.words[i - 1]) {
                        f.preceded += 1;
                    }
                    if let Some(key) = beyond(after, 1, start, end) {
                        *f.beyond_after.entry(key).or_default() += 1;
                    }
                    if let Some(key) = beyond(i, -1, start, end) {
                        *f.beyond_before.entry(key).or_default() += 1;
                    }
                }
            }
        }
    }
    out
}

/// The speakers, years and documents of a list of statements.
fn spread_parts(corpus: &Corpus, list: &[u32]) -> (usize, usize, usize) {
    let mut speakers = BTreeSet::new();
    let mut years = BTreeSet::new();
    let mut documents = BTreeSet::new();
    for &s in list {
        let st = &corpus.statements[s as usize];
        speakers.insert(st.speaker);
        documents.insert(st.document);
        if let Some(d) = st.date.date {
            years.insert(d.year);
        }
    }
    (speakers.len(), years.len(), documents.len())
}

/// Words written back as text: spaces between words; overlapping character pairs of
/// Chinese, Japanese or Korean joined where they overlap.
fn phrase_of<'w>(words: impl Iterator<Item = &'w str>) -> String {
    let mut out = String::new();
    let mut last: Option<&str> = None;
    for w in words {
        match last {
            Some(prev)
                if prev.chars().all(is_cjk)
                    && w.chars().all(is_cjk)
                    && prev.chars().last() == w.chars().next() =>
            {
                out.extend(w.chars().skip(1));
            }
            Some(_) => {
                out.push(' ');
                out.push_str(w);
            }
            None => out.push_str(w),
        }
        last = Some(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_function_word_list_is_sorted() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn phrases_join_character_pairs_where_they_overlap() {
        assert_eq!(phrase_of(["for", "mankind"].into_iter()), "for mankind");
        assert_eq!(phrase_of(["人类", "类命", "命运"].into_iter()), "人类命运");
    }
}
