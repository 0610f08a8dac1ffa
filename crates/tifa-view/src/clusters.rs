//! Clusters (`?view=clusters&n=3`): the runs of `n` words that recur in the statements a
//! link's filters leave in (n-grams of words; in Chinese, of characters, inside one run
//! of characters), or, with a query, the runs that hold it (AntConc's clusters), with their
//! frequency, their range (statements, speakers, years) and Gries' DP over years.
//! Formulas and a worked example: `docs/statistics.md`.
//!
//! **A cluster never crosses a passage** and is counted where the views count words
//! (the link's passage kinds, as search folds them). Its frequency is the number of
//! lines its concordance link shows.
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! use tifa_view::clusters::{clusters, Settings};
//! use tifa_view::url_state::parse;
//! let c = clusters(&Bundle::new(Corpus::empty()), &parse("?view=clusters").state, &Settings::default());
//! assert!(c.rows.is_empty());
//! ```

use crate::keywords::each_counted_passage;
use crate::scope::scope;
use crate::url_state::statistics::By;
use crate::url_state::UrlState;
use serde::Serialize;
use tifa_core::blob::Bundle;
use tifa_core::ngrams::{self, Passage};
use tifa_core::search::engine::matching;
use tifa_core::search::formulation::{find, Detail, Formulation};
use tifa_core::search::text::is_cjk;

/// How the list is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Words in each cluster (2 to 8).
    pub n: usize,
    /// Leave out clusters seen fewer times than this.
    pub min_frequency: u32,
    /// `Frequency`, `Range` (statements) or `Dp` (most evenly spread first).
    pub order: By,
    /// With `Dp`: the most concentrated first.
    pub concentrated: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            n: 3,
            min_frequency: 2,
            order: By::Frequency,
            concentrated: false,
        }
    }
}

/// One cluster with its counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cluster {
    /// Its words as search folds them (joined by spaces, Chinese characters without).
    pub ngram: String,
    pub frequency: u32,
    /// Its range: the statements, speakers and years it occurs in.
    pub statements: u32,
    pub speakers: u32,
    pub years: u32,
    /// Gries' DP over years, normalised (0: spread as the words are; 1: all in the
    /// smallest year); `None` when the statements span one year.
    pub dp: Option<f64>,
}

/// The clusters of a part of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clusters {
    /// The part: its statements, the words counted in them and the years they span
    /// (undated statements are one more part of their own).
    pub statements: usize,
    pub words: u64,
    pub years: usize,
    /// Ordered as asked.
    pub rows: Vec<Cluster>,
    /// What the reader should know: a query never found, one year only.
    pub notes: Vec<String>,
}

/// The clusters of `state`'s statements (its filters), or with a query, the clusters
/// holding one of its occurrences (as the concordance finds them).
pub fn clusters(bundle: &Bundle, state: &UrlState, settings: &Settings) -> Clusters {
    let corpus = &bundle.corpus;
    let n = settings.n.clamp(ngrams::MIN_N, ngrams::MAX_N);
    let mut part = state.clone();
    part.q = None;
    let (query, mut notes) = scope(corpus, &part);
    let kinds = state.filters.passage_kinds();
    // Statements by year (the parts of DP), undated last; corpus order within a year.
    let mut statements = matching(corpus, &bundle.index, &query);
    let year = |s: u32| {
        corpus.statements[s as usize]
            .date
            .date
            .map_or(u16::MAX, |d| d.year)
    };
    statements.sort_by_key(|&s| (year(s), s));
    let mut years: Vec<u16> = statements.iter().map(|&s| year(s)).collect();
    years.dedup();
    let mut part_words = vec![0u64; years.len()];
    for &s in &statements {
        let p = years.binary_search(&year(s)).expect("a year of the part");
        each_counted_passage(bundle, &[s], kinds, |w| part_words[p] += w.len() as u64);
    }
    let words = part_words.iter().sum::<u64>();
    let node = state.q.as_deref().map(Formulation::parse);
    let places = match &node {
        Some(f) if !f.groups.is_empty() => {
            notes.extend(f.notes.iter().cloned());
            let found = find(corpus, &bundle.index, f, &query, kinds, Detail::Occurrences);
            Some(occurrences_by_passage(&found, &year))
        }
        _ => None,
    };
    // Which words are character pairs, looked up once rather than at every word.
    let exact = &bundle.index.exact;
    let pairs: Vec<bool> = (0..exact.len()).map(|i| is_pair(exact.term(i))).collect();
    let walk = |f: &mut dyn FnMut(Passage, &[u32])| {
        let mut buffer = Vec::new();
        let mut allowed = Vec::new();
        let mut emit = |s: u32, passage: usize, occurrences: Option<&[(u32, u32)]>| {
            let st = &corpus.statements[s as usize];
            bundle.index.tokens.passage(s, passage, &mut buffer);
            let cut = Cut::of(&pairs, &buffer, n);
            let restricted = cut.chinese || occurrences.is_some();
            if restricted {
                allowed.clear();
                match occurrences {
                    Some(occ) => {
                        for &(w, len) in occ {
                            let len = len as usize;
                            if len <= cut.len {
                                let first = (w as usize + len).saturating_sub(cut.len);
                                allowed.extend((first..=w as usize).map(|x| x as u32));
                            }
                        }
                        allowed.sort_unstable();
                        allowed.dedup();
                    }
                    None => allowed.extend(0..buffer.len() as u32),
                }
                if cut.chinese {
                    allowed.retain(|&x| cut.is_run(bundle, &buffer, x as usize));
                }
            }
            let p = Passage {
                statement: s,
                speaker: st.speaker,
                part: years.binary_search(&year(s)).unwrap_or(0) as u32,
                starts: restricted.then_some(&allowed[..]),
                len: cut.len,
            };
            f(p, &buffer);
        };
        match &places {
            Some(places) => {
                for (s, p, occ) in places {
                    emit(*s, *p as usize, Some(occ));
                }
            }
            None => {
                for &s in &statements {
                    let st = &corpus.statements[s as usize];
                    for (p, passage) in st.passages.iter().enumerate() {
                        if kinds.contains(passage.kind) {
                            emit(s, p, None);
                        }
                    }
                }
            }
        }
    };
    let vocabulary = bundle.index.exact.len();
    let grams = ngrams::count(&walk, settings.min_frequency, &part_words, vocabulary, n);
    if places.as_ref().is_some_and(|p| p.is_empty()) {
        notes.push(format!(
            "“{}” is not in the statements these filters leave in.",
            state.q.as_deref().unwrap_or("")
        ));
    }
    if years.len() == 1 {
        notes.push(
            "These statements are from one year: DP, a spread over years, is left out.".into(),
        );
    }
    let mut rows: Vec<Cluster> = grams
        .into_iter()
        .map(|g| Cluster {
            ngram: join(bundle, &g.words),
            frequency: g.frequency,
            statements: g.statements,
            speakers: g.speakers,
            years: g.parts,
            dp: g.dp,
        })
        .collect();
    sort(&mut rows, settings.order, settings.concentrated);
    Clusters {
        statements: statements.len(),
        words,
        years: years.len(),
        rows,
        notes,
    }
}

/// Each passage's occurrences (first word, words), passage by passage, the passages in
/// the order of DP's parts (by year, then corpus order).
#[allow(clippy::type_complexity)]
fn occurrences_by_passage(
    found: &[tifa_core::search::formulation::Found],
    year: &dyn Fn(u32) -> u16,
) -> Vec<(u32, u16, Vec<(u32, u32)>)> {
    let mut all: Vec<(u16, u32, u16, u32, u32)> = found
        .iter()
        .flat_map(|x| {
            x.occurrences
                .iter()
                .map(move |o| (year(x.statement), x.statement, o.passage, o.word, o.len))
        })
        .collect();
    all.sort_unstable();
    let mut out: Vec<(u32, u16, Vec<(u32, u32)>)> = Vec::new();
    for (_, s, p, w, len) in all {
        match out.last_mut() {
            Some(e) if (e.0, e.1) == (s, p) => e.2.push((w, len)),
            _ => out.push((s, p, vec![(w, len)])),
        }
    }
    out
}

/// How a passage is cut into clusters of `n`: `n` words; or, in Chinese (a passage most
/// of whose words are the index's overlapping character pairs), runs of `n` characters
/// — `n − 1` pairs that overlap, inside one run of characters (never across
/// punctuation).
struct Cut {
    chinese: bool,
    /// Words (pairs) in each cluster.
    len: usize,
}

impl Cut {
    fn of(is_pair: &[bool], words: &[u32], n: usize) -> Cut {
        let pairs = words
            .iter()
            .filter(|&&w| is_pair.get(w as usize) == Some(&true))
            .count();
        let chinese = pairs * 2 > words.len();
        Cut {
            chinese,
            len: if chinese { n - 1 } else { n },
        }
    }

    /// Whether the pairs from `start` make one run of characters.
    fn is_run(&self, bundle: &Bundle, words: &[u32], start: usize) -> bool {
        let Some(run) = words.get(start..start + self.len) else {
            return false;
        };
        let chars: Option<Vec<(char, char)>> = run.iter().map(|&w| pair(bundle, w)).collect();
        chars.is_some_and(|c| c.windows(2).all(|w| w[0].1 == w[1].0))
    }
}

/// A word that is a pair of CJK characters: its two characters.
fn pair(bundle: &Bundle, word: u32) -> Option<(char, char)> {
    let t: &str = bundle.index.exact.term(word as usize);
    let mut c = t.chars();
    match (c.next(), c.next(), c.next()) {
        (Some(a), Some(b), None) if is_cjk(a) && is_cjk(b) => Some((a, b)),
        _ => None,
    }
}

/// Whether a term is a pair of CJK characters.
fn is_pair(t: &str) -> bool {
    let mut c = t.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some(b), None) if is_cjk(a) && is_cjk(b))
}

/// An n-gram's words as text: spaces between words; a run of overlapping character
/// pairs written as its characters.
fn join(bundle: &Bundle, ids: &[u32]) -> String {
    let terms = &bundle.index.exact;
    let mut out = String::new();
    let mut last: Option<(char, char)> = None;
    for (i, &id) in ids.iter().enumerate() {
        let this = pair(bundle, id);
        match (last, this) {
            (Some((_, b)), Some((a, second))) if a == b => out.push(second),
            _ => {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(terms.term(id as usize));
            }
        }
        last = this;
    }
    out
}

/// Orders the list: by frequency, by statements (range), or most evenly spread first
/// (DP; most concentrated first when `concentrated`; the ones without one last); then
/// by frequency, then the words.
fn sort(rows: &mut [Cluster], order: By, concentrated: bool) {
    rows.sort_by(|a, b| {
        let by = match order {
            By::Range => b.statements.cmp(&a.statements),
            By::Dp if concentrated => {
                let key = |c: &Cluster| c.dp.unwrap_or(f64::NEG_INFINITY);
                key(b).total_cmp(&key(a))
            }
            By::Dp => {
                let key = |c: &Cluster| c.dp.unwrap_or(f64::INFINITY);
                key(a).total_cmp(&key(b))
            }
            _ => std::cmp::Ordering::Equal,
        };
        by.then(b.frequency.cmp(&a.frequency))
            .then(b.statements.cmp(&a.statements))
            .then_with(|| a.ngram.cmp(&b.ngram))
    });
}
