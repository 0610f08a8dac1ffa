//! Comparing statements side by side: the phrases they share, how similar each pair is,
//! and their passages aligned with a word-level diff. Everything comes back as byte
//! ranges of the documents' raw text (never HTML), like search highlights.
//!
//! Words are the search tokens folded but **not stemmed** (`China’s` = `china's` =
//! `china`, but `rights` ≠ `right`): a shared phrase is a formulation repeated word for
//! word, which is what the tracker of *tifa* is after.
//!
//! ```
//! use tifa_compare::{shared_phrases, Words};
//! let a = Words::from_texts(&["build a community with a shared future for mankind"]);
//! let b = Words::from_texts(&["to build a Community with a Shared Future, he said"]);
//! let phrases = shared_phrases(&[a, b], 4);
//! assert_eq!(phrases[0].text, "build a community with a shared future");
//! ```

use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::collections::HashSet;
use tifa_core::search::text::for_each_token;
use tifa_model::{Corpus, Span, Statement};

/// Shortest shared phrase, in words.
pub const MIN_PHRASE_WORDS: usize = 4;
/// Words in the shingles that similarity is computed over.
pub const SHINGLE: usize = 3;
/// One line on how [`similarity`] is computed, for the UI.
pub const SIMILARITY_EXPLAINED: &str = "Share of their three-word sequences the two statements \
have in common, after folding case, accents and typographic quotes (Jaccard index: shared \
sequences ÷ all distinct sequences of either).";

/// One word of a statement: its folded form and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub term: String,
    /// Byte range in the document's raw text (or in the text given to `from_texts`).
    pub span: Span,
    /// Which passage of the statement it is in.
    pub passage: usize,
}

/// The words of one statement, passage by passage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    pub words: Vec<Word>,
    /// The range of `words` each passage holds.
    pub passages: Vec<std::ops::Range<usize>>,
}

impl Words {
    /// The words of a statement's passages.
    pub fn of(corpus: &Corpus, s: &Statement) -> Words {
        let doc = corpus.document_of(s);
        Words::collect(s.passages.iter().map(|p| (doc.text(p.span), p.span.start)))
    }

    /// The words of loose texts, one passage each (spans are into each text).
    pub fn from_texts(texts: &[&str]) -> Words {
        Words::collect(texts.iter().map(|&t| (t, 0)))
    }

    /// The words of passages given as (text, byte offset of the text in its source).
    fn collect<'t>(passages: impl Iterator<Item = (&'t str, u32)>) -> Words {
        let mut out = Words::default();
        for (k, (text, base)) in passages.enumerate() {
            let start = out.words.len();
            for_each_token(text, |term, a, b, _| {
                out.words.push(Word {
                    term: term.to_owned(),
                    span: Span {
                        start: base + a,
                        end: base + b,
                    },
                    passage: k,
                })
            });
            out.passages.push(start..out.words.len());
        }
        out
    }
}

/// A phrase of at least [`MIN_PHRASE_WORDS`] words found in two or more statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedPhrase {
    /// The folded words, space-separated (the legend shows this).
    pub text: String,
    /// Per statement (in the order given): whether it holds the phrase at all, even
    /// inside a longer shared phrase.
    pub holders: Vec<bool>,
    /// Per statement: the byte ranges to mark with this phrase's colour (occurrences
    /// that are not part of a longer shared phrase).
    pub occurrences: Vec<Vec<Span>>,
}

impl SharedPhrase {
    /// How many of the statements hold the phrase.
    pub fn statements(&self) -> usize {
        self.holders.iter().filter(|&&h| h).count()
    }
}

/// The phrases of `min_words` words or more that at least two of `statements` share,
/// longest first (then most widespread, then alphabetical). Each word is marked with at
/// most one phrase (one colour per phrase in the UI): the longest shared phrase it is
/// part of. A shorter phrase that occurs only inside longer ones is left out.
pub fn shared_phrases(statements: &[Words], min_words: usize) -> Vec<SharedPhrase> {
    let n = min_words.max(1);
    let hashes: Vec<Vec<u64>> = statements.iter().map(word_hashes).collect();
    // Every n-gram's hash where it starts (`None` where fewer than n words of its passage
    // are left), computed once.
    let grams: Vec<Vec<Option<u64>>> = statements
        .iter()
        .zip(&hashes)
        .map(|(s, h)| {
            let mut out = vec![None; s.words.len()];
            for r in &s.passages {
                for i in r.start..r.end.saturating_sub(n - 1).max(r.start) {
                    out[i] = Some(gram_hash(&h[i..i + n]));
                }
            }
            out
        })
        .collect();
    // Every n-gram by its hash, in one sorted list: (gram, statement, start, end of its
    // passage). A gram's places are a run of the list; its statements, that run's.
    let mut places: Vec<(u64, usize, usize, usize)> = Vec::new();
    for (k, s) in statements.iter().enumerate() {
        for r in &s.passages {
            for (i, g) in grams[k][r.clone()].iter().enumerate() {
                if let Some(g) = g {
                    places.push((*g, k, r.start + i, r.end));
                }
            }
        }
    }
    places.sort_unstable();
    let places_of = |g: u64| {
        let from = places.partition_point(|p| p.0 < g);
        let to = from + places[from..].partition_point(|p| p.0 == g);
        &places[from..to]
    };
    // The grams at least two statements hold, sorted (the list is sorted by statement
    // within a gram, so it is enough that the first and last differ).
    let shared_grams: Vec<u64> = places
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|run| run[0].1 != run[run.len() - 1].1)
        .map(|run| run[0].0)
        .collect();
    let shared =
        |k: usize, i: usize| grams[k][i].is_some_and(|g| shared_grams.binary_search(&g).is_ok());
    // In each statement, maximal runs of words covered by shared n-grams (never across
    // passages): each run is a candidate phrase, kept once.
    let mut candidates: HashSet<Vec<&str>> = HashSet::new();
    for (k, s) in statements.iter().enumerate() {
        for r in &s.passages {
            let mut i = r.start;
            while i + n <= r.end {
                if !shared(k, i) {
                    i += 1;
                    continue;
                }
                let start = i;
                while i + 1 + n <= r.end && shared(k, i + 1) {
                    i += 1;
                }
                candidates.insert(
                    s.words[start..i + n]
                        .iter()
                        .map(|w| w.term.as_str())
                        .collect(),
                );
                i += 1;
            }
        }
    }
    // A candidate may be a run in one statement but only partly present in another
    // (A and B share seven words, C four of them): find every occurrence of each
    // candidate, longest first, and let longer phrases claim their words first. Its
    // occurrences can only start where its first n words do.
    let mut ordered: Vec<Vec<&str>> = candidates.into_iter().collect();
    ordered.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let mut claimed: Vec<Vec<bool>> = statements
        .iter()
        .map(|s| vec![false; s.words.len()])
        .collect();
    let mut out = Vec::new();
    for phrase in ordered {
        let len = phrase.len();
        let head: Vec<u64> = phrase[..n].iter().map(|w| term_hash(w)).collect();
        let places = places_of(gram_hash(&head));
        let mut occurrences = vec![Vec::new(); statements.len()];
        // Every place the phrase stands: a statement holds it even where a longer phrase
        // has claimed the words; only unclaimed places are marked with it (and they do
        // not overlap each other).
        let mut holders = vec![false; statements.len()];
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut next = vec![0usize; statements.len()];
        for &(_, k, i, end) in places {
            if i < next[k] || i + len > end {
                continue;
            }
            let s = &statements[k];
            let matches = (0..len).all(|j| s.words[i + j].term == phrase[j]);
            holders[k] |= matches;
            if matches && !claimed[k][i..i + len].iter().any(|&c| c) {
                found.push((k, i));
                next[k] = i + len;
            }
        }
        if holders.iter().filter(|&&h| h).count() < 2 || found.is_empty() {
            continue;
        }
        for (k, i) in found {
            claimed[k][i..i + len].iter_mut().for_each(|c| *c = true);
            let s = &statements[k];
            occurrences[k].push(Span {
                start: s.words[i].span.start,
                end: s.words[i + len - 1].span.end,
            });
        }
        out.push(SharedPhrase {
            text: phrase.join(" "),
            holders,
            occurrences,
        });
    }
    out.sort_by(|a, b| {
        let words = |p: &SharedPhrase| p.text.split(' ').count();
        words(b)
            .cmp(&words(a))
            .then_with(|| b.statements().cmp(&a.statements()))
            .then_with(|| a.text.cmp(&b.text))
    });
    out
}

/// A word's hash (FNV-1a, 64 bits): words are compared by it, and grams by hashes of
/// their words' hashes.
fn term_hash(term: &str) -> u64 {
    tifa_model::hash::fnv1a(term.as_bytes())
}

fn word_hashes(w: &Words) -> Vec<u64> {
    w.words.iter().map(|x| term_hash(&x.term)).collect()
}

fn gram_hash(words: &[u64]) -> u64 {
    words.iter().fold(0x9e37_79b9_7f4a_7c15u64, |h, &w| {
        (h.rotate_left(23) ^ w).wrapping_mul(tifa_model::hash::FNV_PRIME)
    })
}

/// The distinct word 3-grams of words `range` (hashed, sorted): what [`similarity`]
/// compares.
fn shingle_set(hashes: &[u64], passages: &[std::ops::Range<usize>]) -> Vec<u64> {
    let mut out: Vec<u64> = passages
        .iter()
        .flat_map(|r| {
            (r.start..r.end.saturating_sub(SHINGLE - 1).max(r.start))
                .map(|i| gram_hash(&hashes[i..i + SHINGLE]))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard index of two sorted, distinct sets.
fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    let both = in_both(a, b);
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f32 / union as f32
    }
}

/// What [`similarity`] compares of one statement (or passage): its 3-grams, and its
/// words for a text too short to have one.
struct Profile {
    shingles: Vec<u64>,
    words: Vec<u64>,
}

impl Profile {
    fn of(hashes: &[u64], passages: &[std::ops::Range<usize>]) -> Profile {
        let shingles = shingle_set(hashes, passages);
        let mut words: Vec<u64> = passages
            .iter()
            .flat_map(|r| hashes[r.clone()].iter().copied())
            .collect();
        words.sort_unstable();
        words.dedup();
        Profile { shingles, words }
    }

    fn similarity(&self, other: &Profile) -> f32 {
        if self.shingles.is_empty() || other.shingles.is_empty() {
            return jaccard(&self.words, &other.words);
        }
        jaccard(&self.shingles, &other.shingles)
    }
}

/// Jaccard index of the two statements' word 3-grams, from 0 (nothing in common) to 1
/// (the same sequences); see [`SIMILARITY_EXPLAINED`]. Statements too short to have a
/// 3-gram compare by their words instead.
pub fn similarity(a: &Words, b: &Words) -> f32 {
    let pa = Profile::of(&word_hashes(a), &a.passages);
    let pb = Profile::of(&word_hashes(b), &b.passages);
    pa.similarity(&pb)
}

/// What a word-diff segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The same words on both sides.
    Same,
    /// Only in the left passage.
    Removed,
    /// Only in the right passage.
    Added,
}

/// A run of words of one kind: byte ranges on the left and right (an empty range where
/// the run exists on one side only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub change: Change,
    pub left: Option<Span>,
    pub right: Option<Span>,
}

/// Two passages put side by side (either may be missing: a passage with no match).
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedPair {
    pub left: Option<usize>,
    pub right: Option<usize>,
    /// Similarity of the two passages: the share of their three-word sequences (as
    /// [`similarity`]) or of their content words, the higher; 0 when one is missing.
    pub score: f32,
    /// The word-level diff, empty when one side is missing.
    pub segments: Vec<Segment>,
}

/// Passages less similar than this are not paired (by their three-word sequences).
pub const MIN_PAIR_SCORE: f32 = 0.05;

/// Passages that share at least this share of their content words (stems of the words
/// that are not function words, Dice coefficient) are paired too, however differently
/// those words are strung together: a passage that says the same in other words
/// ("jointly building a community of shared future for human beings" / "build a
/// community with a shared future for mankind").
pub const MIN_CONTENT_SHARED: f32 = 0.35;

/// The stems of a passage's content words, hashed, sorted, each once.
fn content_stems(w: &Words, r: std::ops::Range<usize>) -> Vec<u64> {
    let mut out: Vec<u64> = w.words[r]
        .iter()
        .filter(|x| !tifa_core::search::text::is_function_word(&x.term))
        .map(|x| term_hash(&tifa_core::search::text::stem(&x.term)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Dice coefficient of two sorted sets: 2 |a ∩ b| / (|a| + |b|).
fn dice(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * in_both(a, b) as f32 / (a.len() + b.len()) as f32
}

/// How many items two sorted, distinct sets have in common.
fn in_both(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both
}

fn passage_words(w: &Words, k: usize) -> Words {
    let r = w.passages[k].clone();
    Words {
        words: w.words[r.clone()].to_vec(),
        // One passage holding every word (a one-element list, not a range of lengths).
        passages: std::iter::once(0..r.len()).collect(),
    }
}

/// Pairs each passage of `left` with the most similar passage of `right` (greedily, most
/// similar pairs first, each passage used once), then diffs each pair word by word
/// (patience diff, `similar` crate). Two passages are similar enough to pair when they
/// share [`MIN_PAIR_SCORE`] of their three-word sequences, or [`MIN_CONTENT_SHARED`] of
/// their content words; a pair's score is the higher of the two. Pairs come in the left
/// statement's order; unpaired right passages follow in theirs.
pub fn align(left: &Words, right: &Words) -> Vec<AlignedPair> {
    let lp: Vec<Words> = (0..left.passages.len())
        .map(|k| passage_words(left, k))
        .collect();
    let rp: Vec<Words> = (0..right.passages.len())
        .map(|k| passage_words(right, k))
        .collect();
    // Each passage's 3-grams once; then every pair by a merge of two sorted lists.
    let profiles = |w: &Words| {
        let hashes = word_hashes(w);
        w.passages
            .iter()
            .map(|r| Profile::of(&hashes, std::slice::from_ref(r)))
            .collect::<Vec<_>>()
    };
    let (lf, rf) = (profiles(left), profiles(right));
    let stems = |w: &Words| -> Vec<Vec<u64>> {
        w.passages
            .iter()
            .map(|r| content_stems(w, r.clone()))
            .collect()
    };
    let (ls, rs) = (stems(left), stems(right));
    let mut scores: Vec<(f32, usize, usize)> = Vec::new();
    for (i, a) in lf.iter().enumerate() {
        for (j, b) in rf.iter().enumerate() {
            let shingles = a.similarity(b);
            let content = dice(&ls[i], &rs[j]);
            if shingles >= MIN_PAIR_SCORE || content >= MIN_CONTENT_SHARED {
                scores.push((shingles.max(content), i, j));
            }
        }
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut left_to: Vec<Option<(usize, f32)>> = vec![None; lp.len()];
    let mut right_used = vec![false; rp.len()];
    for (s, i, j) in scores {
        if left_to[i].is_none() && !right_used[j] {
            left_to[i] = Some((j, s));
            right_used[j] = true;
        }
    }
    let mut out: Vec<AlignedPair> = left_to
        .iter()
        .enumerate()
        .map(|(i, m)| match *m {
            Some((j, score)) => AlignedPair {
                left: Some(i),
                right: Some(j),
                score,
                segments: diff_words(&lp[i], &rp[j]),
            },
            None => AlignedPair {
                left: Some(i),
                right: None,
                score: 0.0,
                segments: Vec::new(),
            },
        })
        .collect();
    out.extend(
        (0..rp.len())
            .filter(|&j| !right_used[j])
            .map(|j| AlignedPair {
                left: None,
                right: Some(j),
                score: 0.0,
                segments: Vec::new(),
            }),
    );
    out
}

/// The word-level diff of two runs of words, as segments with byte ranges.
pub fn diff_words(a: &Words, b: &Words) -> Vec<Segment> {
    let ta: Vec<&str> = a.words.iter().map(|w| w.term.as_str()).collect();
    let tb: Vec<&str> = b.words.iter().map(|w| w.term.as_str()).collect();
    let cover = |w: &Words, start: usize, len: usize| {
        (len > 0).then(|| Span {
            start: w.words[start].span.start,
            end: w.words[start + len - 1].span.end,
        })
    };
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &ta, &tb) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => out.push(Segment {
                change: Change::Same,
                left: cover(a, old_index, len),
                right: cover(b, new_index, len),
            }),
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.push(Segment {
                change: Change::Removed,
                left: cover(a, old_index, old_len),
                right: None,
            }),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.push(Segment {
                change: Change::Added,
                left: None,
                right: cover(b, new_index, new_len),
            }),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.push(Segment {
                    change: Change::Removed,
                    left: cover(a, old_index, old_len),
                    right: None,
                });
                out.push(Segment {
                    change: Change::Added,
                    left: None,
                    right: cover(b, new_index, new_len),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(w: &Words, text: &str, spans: &[Span]) -> Vec<String> {
        let _ = w;
        spans.iter().map(|s| text[s.range()].to_owned()).collect()
    }

    #[test]
    fn a_phrase_shared_by_all_three_and_a_longer_one_by_two() {
        let t = [
            "We will build a community with a shared future for mankind together.",
            "China calls to build a community with a shared future for mankind.",
            "A community with a shared future is the goal.",
        ];
        let ws: Vec<Words> = t.iter().map(|s| Words::from_texts(&[s])).collect();
        let p = shared_phrases(&ws, 4);
        assert_eq!(
            p[0].text,
            "build a community with a shared future for mankind"
        );
        assert_eq!(p[0].statements(), 2);
        assert_eq!(
            texts(&ws[0], t[0], &p[0].occurrences[0]),
            ["build a community with a shared future for mankind"]
        );
        // The third statement shares only part of it: a phrase held by all three, marked
        // only where the longer one has not claimed the words.
        let short = p
            .iter()
            .find(|p| p.text == "a community with a shared future")
            .unwrap();
        assert_eq!(short.statements(), 3);
        assert_eq!(
            texts(&ws[2], t[2], &short.occurrences[2]),
            ["A community with a shared future"]
        );
        assert!(short.occurrences[0].is_empty() && short.occurrences[1].is_empty());
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn phrases_do_not_cross_passages_and_need_four_words() {
        let a = Words::from_texts(&["win win cooperation", "and mutual respect"]);
        let b = Words::from_texts(&["win win cooperation and mutual respect"]);
        assert!(shared_phrases(&[a, b], 4).is_empty());
        let c = Words::from_texts(&["peace and development"]);
        let d = Words::from_texts(&["peace and development"]);
        assert!(shared_phrases(&[c, d], 4).is_empty());
    }

    #[test]
    fn similarity_is_one_for_equal_texts_and_zero_for_disjoint_ones() {
        let a = Words::from_texts(&["non-interference in internal affairs is a principle"]);
        let b = Words::from_texts(&["Non-interference in internal affairs is a principle!"]);
        let c = Words::from_texts(&["the weather was fine on Tuesday in Geneva"]);
        assert_eq!(similarity(&a, &b), 1.0);
        assert_eq!(similarity(&a, &c), 0.0);
        let d = Words::from_texts(&["non-interference in internal affairs is a norm"]);
        let s = similarity(&a, &d);
        assert!(s > 0.5 && s < 1.0, "{s}");
    }

    #[test]
    fn passages_saying_the_same_in_other_words_are_paired() {
        let l = Words::from_texts(&[
            "China and the co-sponsors called for upholding multilateralism, promoting mutually beneficial cooperation and jointly building a community of shared future for human beings.",
            "The weather in Geneva was fine that week.",
        ]);
        let r = Words::from_texts(&[
            "The resolution calls upon countries to uphold multilateralism, foster mutually beneficial cooperation, and build a community with a shared future for mankind.",
        ]);
        let pairs = align(&l, &r);
        assert_eq!((pairs[0].left, pairs[0].right), (Some(0), Some(0)));
        assert!(pairs[0].score >= MIN_CONTENT_SHARED, "{}", pairs[0].score);
        assert!(pairs[1].right.is_none());
    }

    #[test]
    fn alignment_pairs_the_most_similar_passages_and_diffs_words() {
        let lt = [
            "China opposes interference in internal affairs.",
            "The weather was fine.",
        ];
        let rt = [
            "Nothing to do with it at all.",
            "China firmly opposes interference in the internal affairs.",
        ];
        let l = Words::from_texts(&lt);
        let r = Words::from_texts(&rt);
        let pairs = align(&l, &r);
        assert_eq!(pairs[0].left, Some(0));
        assert_eq!(pairs[0].right, Some(1));
        assert!(pairs[1].right.is_none() && pairs[2].left.is_none());
        let added: Vec<String> = pairs[0]
            .segments
            .iter()
            .filter(|s| s.change == Change::Added)
            .map(|s| rt[1][s.right.unwrap().range()].to_owned())
            .collect();
        assert_eq!(added, ["firmly", "the"]);
    }

    /// Jaccard of word 3-gram sets, with strings (what the hashed sets must equal).
    fn reference_similarity(a: &Words, b: &Words) -> f32 {
        let grams = |w: &Words| -> HashSet<Vec<String>> {
            w.passages
                .iter()
                .flat_map(|r| {
                    (r.start..r.end.saturating_sub(SHINGLE - 1).max(r.start)).map(move |i| {
                        w.words[i..i + SHINGLE]
                            .iter()
                            .map(|x| x.term.clone())
                            .collect()
                    })
                })
                .collect()
        };
        let words = |w: &Words| -> HashSet<Vec<String>> {
            w.words.iter().map(|x| vec![x.term.clone()]).collect()
        };
        let (mut sa, mut sb) = (grams(a), grams(b));
        if sa.is_empty() || sb.is_empty() {
            (sa, sb) = (words(a), words(b));
        }
        let union = sa.union(&sb).count();
        if union == 0 {
            0.0
        } else {
            sa.intersection(&sb).count() as f32 / union as f32
        }
    }

    /// The first, plainest form of [`shared_phrases`] (maps of owned strings, every
    /// gram hashed again where it is looked up): the property test below checks the
    /// faster one finds exactly what it finds.
    /// The naive reading of `shared_phrases`' doc, on the words themselves (no hashes, no
    /// precomputed places): every n-gram compared as strings, every occurrence of a
    /// candidate found by scanning each passage.
    fn reference_shared_phrases(statements: &[Words], min_words: usize) -> Vec<SharedPhrase> {
        let n = min_words.max(1);
        let terms = |k: usize, from: usize, len: usize| -> Vec<String> {
            statements[k].words[from..from + len]
                .iter()
                .map(|w| w.term.clone())
                .collect()
        };
        // The n-grams of each statement, as strings (never across passages).
        let grams: Vec<HashSet<Vec<String>>> = (0..statements.len())
            .map(|k| {
                let mut set = HashSet::new();
                for r in &statements[k].passages {
                    for i in r.clone() {
                        if i + n <= r.end {
                            set.insert(terms(k, i, n));
                        }
                    }
                }
                set
            })
            .collect();
        let shared = |k: usize, i: usize| {
            let g = terms(k, i, n);
            grams.iter().filter(|set| set.contains(&g)).count() >= 2
        };
        // In each statement, maximal runs of words covered by shared n-grams (never across
        // passages): each run is a candidate phrase.
        let mut candidates: HashSet<Vec<String>> = HashSet::new();
        for (k, s) in statements.iter().enumerate() {
            for r in &s.passages {
                let mut i = r.start;
                while i + n <= r.end {
                    if !shared(k, i) {
                        i += 1;
                        continue;
                    }
                    let start = i;
                    while i + 1 + n <= r.end && shared(k, i + 1) {
                        i += 1;
                    }
                    candidates.insert(terms(k, start, i + n - start));
                    i += 1;
                }
            }
        }
        // A candidate may be a run in one statement but only partly present in another
        // (A and B share seven words, C four of them): find every occurrence of each
        // candidate, longest first, and let longer phrases claim their words first. Its
        // occurrences can only start where its first n words do.
        let mut ordered: Vec<Vec<String>> = candidates.into_iter().collect();
        ordered.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        let mut claimed: Vec<Vec<bool>> = statements
            .iter()
            .map(|s| vec![false; s.words.len()])
            .collect();
        let mut out = Vec::new();
        for phrase in ordered {
            let len = phrase.len();
            let mut occurrences = vec![Vec::new(); statements.len()];
            // Every place the phrase stands, scanned passage by passage: a statement holds
            // it even where a longer phrase has claimed the words; only unclaimed places
            // are marked with it, left to right, not overlapping each other.
            let mut holders = vec![false; statements.len()];
            let mut found: Vec<(usize, usize)> = Vec::new();
            for (k, s) in statements.iter().enumerate() {
                let mut next = 0;
                for r in &s.passages {
                    for i in r.clone() {
                        if i + len > r.end || i < next {
                            continue;
                        }
                        let matches = terms(k, i, len) == phrase;
                        holders[k] |= matches;
                        if matches && !claimed[k][i..i + len].iter().any(|&c| c) {
                            found.push((k, i));
                            next = i + len;
                        }
                    }
                }
            }
            if holders.iter().filter(|&&h| h).count() < 2 || found.is_empty() {
                continue;
            }
            for (k, i) in found {
                claimed[k][i..i + len].iter_mut().for_each(|c| *c = true);
                let s = &statements[k];
                occurrences[k].push(Span {
                    start: s.words[i].span.start,
                    end: s.words[i + len - 1].span.end,
                });
            }
            out.push(SharedPhrase {
                text: phrase.join(" "),
                holders,
                occurrences,
            });
        }
        out.sort_by(|a, b| {
            let words = |p: &SharedPhrase| p.text.split(' ').count();
            words(b)
                .cmp(&words(a))
                .then_with(|| b.statements().cmp(&a.statements()))
                .then_with(|| a.text.cmp(&b.text))
        });
        out
    }

    proptest! {
        /// Hashed 3-gram sets give exactly the Jaccard index of the string sets, on
        /// statements of several passages.
        #[test]
        fn hashed_similarity_equals_the_string_sets(
            a in proptest::collection::vec(proptest::collection::vec("(china|rights|the|of|human|peace|and|win)", 0..12), 1..4),
            b in proptest::collection::vec(proptest::collection::vec("(china|rights|the|of|human|peace|and|win)", 0..12), 1..4),
        ) {
            let ta: Vec<String> = a.iter().map(|p| p.join(" ")).collect();
            let tb: Vec<String> = b.iter().map(|p| p.join(" ")).collect();
            let wa = Words::from_texts(&ta.iter().map(String::as_str).collect::<Vec<_>>());
            let wb = Words::from_texts(&tb.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert_eq!(similarity(&wa, &wb), reference_similarity(&wa, &wb));
        }

        #[test]
        fn diffs_cover_both_sides_in_order(
            a in proptest::collection::vec("(china|rights|the|of|human|peace|and|win)", 0..30),
            b in proptest::collection::vec("(china|rights|the|of|human|peace|and|win)", 0..30),
        ) {
            let (ta, tb) = (a.join(" "), b.join(" "));
            let (wa, wb) = (Words::from_texts(&[&ta]), Words::from_texts(&[&tb]));
            let segs = diff_words(&wa, &wb);
            // Replaying the segments gives back each side's words, in order.
            let side = |left: bool| -> Vec<String> {
                segs.iter()
                    .filter_map(|s| if left { s.left } else { s.right })
                    .flat_map(|sp| {
                        let text = if left { &ta } else { &tb };
                        text[sp.range()].split(' ').map(str::to_owned).collect::<Vec<_>>()
                    })
                    .collect()
            };
            prop_assert_eq!(side(true), a);
            prop_assert_eq!(side(false), b);
            let s = similarity(&wa, &wb);
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert_eq!(s, similarity(&wb, &wa));
        }

        #[test]
        fn the_phrases_are_the_reference_ones(
            texts in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::collection::vec("(a|shared|future|for|mankind|community|with)", 0..20),
                    1..4,
                ),
                2..5,
            ),
            min in 2usize..5,
        ) {
            let joined: Vec<Vec<String>> =
                texts.iter().map(|ps| ps.iter().map(|p| p.join(" ")).collect()).collect();
            let ws: Vec<Words> = joined
                .iter()
                .map(|ps| Words::from_texts(&ps.iter().map(String::as_str).collect::<Vec<_>>()))
                .collect();
            prop_assert_eq!(shared_phrases(&ws, min), reference_shared_phrases(&ws, min));
        }

        #[test]
        fn every_occurrence_is_the_phrase(
            a in proptest::collection::vec("(a|shared|future|for|mankind|community|with)", 0..25),
            b in proptest::collection::vec("(a|shared|future|for|mankind|community|with)", 0..25),
        ) {
            let (ta, tb) = (a.join(" "), b.join(" "));
            let ws = [Words::from_texts(&[&ta]), Words::from_texts(&[&tb])];
            for p in shared_phrases(&ws, 4) {
                prop_assert!(p.statements() >= 2);
                prop_assert!(p.text.split(' ').count() >= 4);
                for (k, occ) in p.occurrences.iter().enumerate() {
                    let text = if k == 0 { &ta } else { &tb };
                    for sp in occ {
                        prop_assert_eq!(&text[sp.range()], p.text.as_str());
                    }
                }
            }
        }
    }
}
