//! The miner of recurring formulations: runs of words (exact words, as the tracker reads a quoted
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
//!   (`is_function_word`), and at least half of its words are not, so "of the united
//!   nations" and "one of the most" are never listed ("united nations" is, if long
//!   enough).
//! - **Not a copy**: a run of `MAX_WORDS` words that continues, in at least
//!   `FOLD` of its statements, into a longer run is part of a copied passage (shown as
//!   reuse), and is not listed, nor is what is folded into it.
//! - **Folded**: a run inside a longer listed run that occurs in at least `FOLD` of
//!   its statements is left out (the longer one says it).
//! - **Whole**: a run that a word other than a function word or a number follows (or
//!   precedes), in the same sentence, in at least `FOLD` of its places is a fragment
//!   of longer wordings ("equality and mutual" of "… benefit" and "… respect"), and is
//!   not listed; so is a run that the same such word follows (or precedes) past one
//!   or two function words in at least `FOLD` of its places, when that longer run
//!   would be listable ("centre for harmonizing" of "… the actions of nations").
//!   (Not for Chinese, Japanese or Korean, written without spaces.)
//! - **Formulaic**: ranked by `score`: the run's glue (`glue`, the fair symmetric
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

use super::count;
use super::flat::Flat;
use super::written::{is_name, variant_groups, written_form, Place};
use super::Settings;
use std::collections::{BTreeSet, BinaryHeap};
use tifa_core::discover::{delta_bytes, glue, score, Recurring, FOLD, MAX_WORDS};
use tifa_core::search::index::Index;
use tifa_core::search::text::{is_cjk, is_function_word};
use tifa_model::{Corpus, Text};

/// Places of a run read for its written form.
const SAMPLES: usize = 24;

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
    // Mined natively, over an index built whole: every term is there.
    let terms: Vec<&str> = index.exact.terms().map(|(_, t)| t).collect();
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
            let words: Vec<&str> = run.iter().map(|&w| terms[w as usize]).collect();
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
    fn phrases_join_character_pairs_where_they_overlap() {
        assert_eq!(phrase_of(["for", "mankind"].into_iter()), "for mankind");
        assert_eq!(phrase_of(["人类", "类命", "命运"].into_iter()), "人类命运");
    }
}
