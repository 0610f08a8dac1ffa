//! Recurring formulations: runs of words (exact words, as the tracker reads a quoted
//! phrase) that many statements from more than one document share.
//!
//! The rules, each in a sentence:
//! - **Long enough**: at least `min_words` words, or, written in Chinese, Japanese or
//!   Korean (indexed as overlapping character pairs), at least `min_chars` characters.
//! - **Shared**: in at least [`Settings::statements_needed`] statements, from at least
//!   two documents.
//! - **Not function words**: at least half of its words are not on the function-word
//!   list ([`is_function_word`]: English articles, prepositions, pronouns, auxiliaries,
//!   conjunctions and the like), so "one of the most" is never listed.
//! - **Maximal**: a run inside a longer listed run that occurs in the same statements
//!   is left out (the longer one says it).
//! - **Variants**: runs of the same length one word apart ("for mankind" / "for
//!   humanity") share a group.
//! - **Ranked by spread**: [`spread`] = speakers × years × log2(1 + documents), the
//!   statements counted once each; not by raw count.
//!
//! Mining is level by level (a run of n + 1 words is counted only where both its runs
//! of n words are shared), over rolling hashes of the token stream; every listed run's
//! statements are then collected again with its words compared, so a hash collision
//! cannot add one.

use super::{delta_bytes, delta_list, Settings};
use crate::model::{Corpus, Text};
use crate::search::index::{Bytes, Index};
use crate::search::text::{is_cjk, tokens};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// Longest run mined, in words.
const MAX_WORDS: usize = 40;

/// One recurring formulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recurring<'a> {
    /// Its words as a quoted phrase reads them (`for mankind`, `人类命运共同体`).
    #[serde(borrow)]
    pub phrase: Text<'a>,
    /// Its length in tokens.
    pub words: u32,
    /// The statements it occurs in (see [`Recurring::statement_list`]).
    #[serde(borrow)]
    pub statements: Bytes<'a>,
    /// Its group of variants (an index shared by runs one word apart).
    pub group: u32,
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

/// Every passage's words in one array, with rolling hashes of its prefixes.
struct Flat {
    words: Vec<u32>,
    /// Per passage: its words' range in `words` and its statement.
    passages: Vec<(usize, usize, u32)>,
    /// `prefix[i]`: hash of `words[..i]`; `power[n]`: the base to the n.
    prefix: Vec<u64>,
    power: Vec<u64>,
}

const BASE: u64 = 0x100_0000_01b3;

impl Flat {
    fn new(corpus: &Corpus, index: &Index) -> Flat {
        let mut words = Vec::new();
        let mut passages = Vec::new();
        let mut buffer = Vec::new();
        for s in 0..corpus.statements.len() as u32 {
            index.tokens.each_passage(s, &mut buffer, |_, ids| {
                let start = words.len();
                words.extend_from_slice(ids);
                passages.push((start, words.len(), s));
                true
            });
        }
        let mut prefix = Vec::with_capacity(words.len() + 1);
        prefix.push(0u64);
        for &w in &words {
            let h = prefix[prefix.len() - 1];
            prefix.push(h.wrapping_mul(BASE).wrapping_add(w as u64 + 1));
        }
        let mut power = vec![1u64; MAX_WORDS + 2];
        for n in 1..power.len() {
            power[n] = power[n - 1].wrapping_mul(BASE);
        }
        Flat {
            words,
            passages,
            prefix,
            power,
        }
    }

    /// The hash of `words[i..i + n]`.
    fn hash(&self, i: usize, n: usize) -> u64 {
        self.prefix[i + n].wrapping_sub(self.prefix[i].wrapping_mul(self.power[n]))
    }
}

/// A run being counted.
#[derive(Clone, Copy)]
struct Count {
    statements: u32,
    last: u32,
    document: u32,
    documents: bool,
    /// Where it was first seen (for its words).
    at: usize,
}

/// The recurring formulations of a corpus, most spread first.
pub fn mine(corpus: &Corpus, index: &Index, settings: &Settings) -> Vec<Recurring<'static>> {
    let n_statements = corpus.statements.len();
    let need = settings.statements_needed(n_statements);
    let terms = &index.exact.terms;
    let cjk: Vec<bool> = terms.iter().map(|t| t.chars().all(is_cjk)).collect();
    let function: Vec<bool> = terms.iter().map(|t| is_function_word(t)).collect();
    let flat = Flat::new(corpus, index);
    let document = |s: u32| corpus.statements[s as usize].document;
    let shortest = (settings
        .min_words
        .min(settings.min_chars.saturating_sub(1))
        .max(2)) as usize;

    // Level by level: the runs of n words that are shared.
    let mut levels: Vec<HashMap<u64, Count>> = Vec::new();
    for n in shortest..=MAX_WORDS {
        let previous = levels.last();
        let mut counts: HashMap<u64, Count> = HashMap::new();
        for &(start, end, s) in &flat.passages {
            if end - start < n {
                continue;
            }
            for i in start..=end - n {
                if let Some(prev) = previous {
                    if !prev.contains_key(&flat.hash(i, n - 1))
                        || !prev.contains_key(&flat.hash(i + 1, n - 1))
                    {
                        continue;
                    }
                }
                let c = counts.entry(flat.hash(i, n)).or_insert(Count {
                    statements: 0,
                    last: u32::MAX,
                    document: document(s),
                    documents: false,
                    at: i,
                });
                if c.last != s {
                    c.last = s;
                    c.statements += 1;
                    c.documents |= document(s) != c.document;
                }
            }
        }
        counts.retain(|_, c| c.statements >= need && c.documents);
        if counts.is_empty() {
            break;
        }
        levels.push(counts);
    }

    // The runs that qualify.
    let qualifies = |at: usize, n: usize| {
        let run = &flat.words[at..at + n];
        let all_cjk = run.iter().all(|&w| cjk[w as usize]);
        if all_cjk {
            return n + 1 >= settings.min_chars as usize;
        }
        let content = run.iter().filter(|&&w| !function[w as usize]).count();
        n >= settings.min_words as usize && content * 2 >= n
    };
    // From the longest down: a run is covered when a run one word longer with the same
    // statements is listed or covered itself (so the chain ends at a listed run).
    let mut covered: BTreeSet<(usize, u64)> = BTreeSet::new();
    let mut runs: Vec<(usize, usize)> = Vec::new(); // (at, n)
    for k in (0..levels.len()).rev() {
        let n = shortest + k;
        for (h, c) in &levels[k] {
            let is_covered = covered.contains(&(n, *h));
            let listed = !is_covered && qualifies(c.at, n);
            if listed {
                runs.push((c.at, n));
            }
            if (listed || is_covered) && k > 0 {
                for part in [flat.hash(c.at, n - 1), flat.hash(c.at + 1, n - 1)] {
                    if levels[k - 1]
                        .get(&part)
                        .is_some_and(|p| p.statements == c.statements)
                    {
                        covered.insert((n - 1, part));
                    }
                }
            }
        }
    }

    // Each run as a phrase the tracker reads back to the same words.
    let mut found: Vec<(String, Vec<u32>)> = Vec::new();
    for &(at, n) in &runs {
        let run = &flat.words[at..at + n];
        let phrase = phrase_of(run.iter().map(|&w| terms[w as usize].as_ref()));
        let back: Vec<String> = tokens(&phrase).into_iter().map(|t| t.term).collect();
        let same = back.len() == n
            && back
                .iter()
                .zip(run)
                .all(|(b, &w)| b.as_str() == terms[w as usize].as_ref());
        if same {
            found.push((phrase, run.to_vec()));
        }
    }
    found.sort();

    // Their statements, collected again with the words compared.
    let mut by_length: HashMap<usize, HashMap<u64, Vec<usize>>> = HashMap::new();
    for (k, (_, words)) in found.iter().enumerate() {
        let h = words.iter().fold(0u64, |h, &w| {
            h.wrapping_mul(BASE).wrapping_add(w as u64 + 1)
        });
        by_length
            .entry(words.len())
            .or_default()
            .entry(h)
            .or_default()
            .push(k);
    }
    let mut statements: Vec<Vec<u32>> = vec![Vec::new(); found.len()];
    for (&n, wanted) in &by_length {
        for &(start, end, s) in &flat.passages {
            if end - start < n {
                continue;
            }
            for i in start..=end - n {
                let Some(ks) = wanted.get(&flat.hash(i, n)) else {
                    continue;
                };
                for &k in ks {
                    if found[k].1 == flat.words[i..i + n] && statements[k].last() != Some(&s) {
                        statements[k].push(s);
                    }
                }
            }
        }
    }

    // Most spread first; at most `max_formulations`.
    let mut ranked: Vec<(f64, usize)> = statements
        .iter()
        .enumerate()
        .map(|(k, list)| (spread_of(corpus, list), k))
        .collect();
    ranked.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(statements[b.1].len().cmp(&statements[a.1].len()))
            .then(a.1.cmp(&b.1))
    });
    ranked.truncate(settings.max_formulations as usize);
    let kept: Vec<usize> = ranked.iter().map(|&(_, k)| k).collect();
    let groups = variant_groups(&kept.iter().map(|&k| &found[k].1[..]).collect::<Vec<_>>());
    kept.iter()
        .zip(groups)
        .map(|(&k, group)| Recurring {
            phrase: Text(found[k].0.clone().into()),
            words: found[k].1.len() as u32,
            statements: delta_bytes(&statements[k]),
            group,
        })
        .collect()
}

/// The spread of a list of statements.
fn spread_of(corpus: &Corpus, list: &[u32]) -> f64 {
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
    spread(speakers.len(), years.len(), documents.len())
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

/// Groups of variants: runs of the same length that differ in one word share a group
/// (numbered in the order of `runs`).
fn variant_groups(runs: &[&[u32]]) -> Vec<u32> {
    let mut parent: Vec<usize> = (0..runs.len()).collect();
    fn root(parent: &mut [usize], mut k: usize) -> usize {
        while parent[k] != k {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        k
    }
    let mut seen: HashMap<(usize, Vec<u32>), usize> = HashMap::new();
    for (k, run) in runs.iter().enumerate() {
        for hole in 0..run.len() {
            let mut key = run.to_vec();
            key[hole] = u32::MAX;
            match seen.get(&(hole, key.clone())) {
                Some(&other) => {
                    let (a, b) = (root(&mut parent, k), root(&mut parent, other));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    seen.insert((hole, key), k);
                }
            }
        }
    }
    let mut number: HashMap<usize, u32> = HashMap::new();
    (0..runs.len())
        .map(|k| {
            let r = root(&mut parent, k);
            let next = number.len() as u32;
            *number.entry(r).or_insert(next)
        })
        .collect()
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

    #[test]
    fn variants_are_one_word_apart() {
        let runs: Vec<&[u32]> = vec![&[1, 2, 3], &[1, 2, 4], &[9, 9, 9], &[1, 5, 4]];
        assert_eq!(variant_groups(&runs), [0, 0, 1, 0]);
    }
}
