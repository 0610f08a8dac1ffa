//! Running a query: candidates from the index, BM25 ranking, filters, facets, and match
//! ranges for highlighting (byte ranges, never HTML).
//!
//! **A match is what the tracker and the concordance count**: words in a statement's
//! passages of the query's kinds (the speaker's own words by default), never in its
//! title or its speaker's name; a word by its stem, a beginning by its words, a quoted
//! phrase by its exact words. The postings count every passage, so a statement that
//! has passages of other kinds is read again in the token stream (`formulation::InKinds`)
//! before it is kept.
//!
//! Ranking: BM25 (k1 = 1.2, b = 0.75) of each query word's **stem** in the passages;
//! plus half that weight again where the **exact** folded form occurs (so exact forms
//! rank above stemmed ones). Ties are broken by date, newest first, then by corpus
//! order.

use super::filter::{allowed, Filter};
use super::formulation::{text_unit, Detail, InKinds, Pattern, Slot, TextWord};
use super::index::{self, Field, Index};
use super::matching::{places, Unit};
use super::query::{parse, Query, Term};
use super::sparse::Sparse;
use super::text::{for_each_token, stem};
use std::cmp::Ordering;
use std::ops::Range;
use tifa_model::{Corpus, EntityKind, Kinds, Span, Statement};

const K1: f32 = 1.2;
const B: f32 = 0.75;
const EXACT_WEIGHT: f32 = 0.5;
const PHRASE_BONUS: f32 = 1.5;
/// Bytes of context on each side of a snippet's first match.
const SNIPPET_CONTEXT: usize = 90;

/// Result order (the URL's `sort`; one type for the engine and the URL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best matches first (newest first among equals, and with no query).
    #[default]
    Relevance,
    /// Newest first.
    Date,
    /// Oldest first.
    Oldest,
}

/// A ranked statement with what to highlight.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into `Corpus::statements`.
    pub statement: u32,
    pub score: f32,
    /// Byte ranges of the document's raw text that matched, in order.
    pub matches: Vec<Span>,
    /// A keyword-in-context window: a span of one passage and the matches inside it.
    pub snippet: Option<Snippet>,
}

/// A window of a passage around its first match.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub span: Span,
    pub highlights: Vec<Span>,
    /// Whether the window cuts the passage before / after it (show an ellipsis).
    pub clipped_start: bool,
    pub clipped_end: bool,
}

/// Counts over the whole result set, most frequent first; **a kind the query filters by
/// URL id counts as if that filter were off** (so a second speaker can be added), the
/// other kinds and the years count the results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    /// (speaker index, count)
    pub speakers: Vec<(u32, u32)>,
    pub venues: Vec<(u32, u32)>,
    /// (year, count), newest first.
    pub years: Vec<(u16, u32)>,
    pub topics: Vec<(u32, u32)>,
}

impl Facets {
    /// The counts of one kind of entity.
    pub fn counts(&self, kind: EntityKind) -> &Vec<(u32, u32)> {
        match kind {
            EntityKind::Speaker => &self.speakers,
            EntityKind::Venue => &self.venues,
            EntityKind::Topic => &self.topics,
        }
    }

    fn counts_mut(&mut self, kind: EntityKind) -> &mut Vec<(u32, u32)> {
        match kind {
            EntityKind::Speaker => &mut self.speakers,
            EntityKind::Venue => &mut self.venues,
            EntityKind::Topic => &mut self.topics,
        }
    }
}

/// What a search returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// How the query was read (with notes for malformed input).
    pub query: Query,
    /// All matching statements.
    pub total: usize,
    /// The ranked results asked for (a page of them), with match ranges and snippets.
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

fn idf(df: u32, n: usize) -> f32 {
    (1.0 + (n as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// BM25 of one posting, given the term's idf.
fn bm25(field: &Field, idf: f32, tf: u32, statement: u32) -> f32 {
    let len = field.lengths.get(statement as usize).copied().unwrap_or(1) as f32;
    let tf = tf as f32;
    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / field.average))
}

/// Calls `out(statement, score)` for every statement a term matches in its passages (a
/// statement may come more than once: once per field and per prefix expansion).
fn matches_of(
    term: &Term,
    corpus: &Corpus,
    index: &Index,
    n: usize,
    out: &mut impl FnMut(u32, f32),
) {
    let (text, exact) = (&index.text, &index.exact);
    let add_field = |field: &Field, i: usize, weight: f32, out: &mut dyn FnMut(u32, f32)| {
        let w = weight * idf(field.info(i).df, n);
        field.for_each(i, |s, tf| out(s, bm25(field, w, tf, s)));
    };
    match term {
        Term::Word(w) => {
            if let Some(i) = text.find(&stem(w)) {
                add_field(text, i, 1.0, out);
            }
            if let Some(i) = exact.find(w) {
                add_field(exact, i, EXACT_WEIGHT, out);
            }
        }
        Term::Prefix(p) => {
            for i in exact.with_prefix(p) {
                add_field(exact, i, 1.0 + EXACT_WEIGHT, out);
            }
        }
        Term::Phrase(slots) => match fixed_words(slots) {
            Some(words) => phrase_matches(&words, index, n, out),
            None => read_matches(term, corpus, index, n, out),
        },
        Term::Near(..) => read_matches(term, corpus, index, n, out),
    }
}

/// A phrase's words when each gap is one word wide (`""` for it): the fast path's form.
fn fixed_words(slots: &[Slot]) -> Option<Vec<String>> {
    slots
        .iter()
        .map(|s| match s {
            Slot::Word(w) => Some(w.clone()),
            Slot::Gap { min: 1, max: 1 } => Some(String::new()),
            Slot::Gap { .. } => None,
        })
        .collect()
}

/// The words of a term (for its weight).
fn words_of(term: &Term) -> Vec<&str> {
    match term {
        Term::Word(w) | Term::Prefix(w) => vec![w.as_str()],
        Term::Phrase(slots) => slots
            .iter()
            .filter_map(|s| match s {
                Slot::Word(w) => Some(w.as_str()),
                Slot::Gap { .. } => None,
            })
            .collect(),
        Term::Near(a, b, _) => words_of(a).into_iter().chain(words_of(b)).collect(),
    }
}

/// Statements where a phrase with wide gaps, or two terms near each other, occur: their
/// candidates narrowed by the postings, then their passages read in the token stream
/// (the tracker's reading), scored by BM25 of the occurrences at the rarest word's idf.
fn read_matches(
    term: &Term,
    corpus: &Corpus,
    index: &Index,
    n: usize,
    out: &mut impl FnMut(u32, f32),
) {
    let f = super::formulation::Formulation {
        groups: vec![vec![pattern_of(term)]],
        notes: Vec::new(),
    };
    let weight = words_of(term)
        .into_iter()
        .filter_map(|w| index.exact.find(w))
        .map(|i| idf(index.exact.info(i).df, n))
        .fold(0.0f32, f32::max);
    let every = Query::default();
    for x in super::formulation::find(corpus, index, &f, &every, Kinds::ALL, Detail::Occurrences) {
        let tf = x.occurrences.len() as u32;
        out(x.statement, bm25(&index.exact, weight, tf, x.statement));
    }
}

/// A search term as the tracker's pattern for the same words.
pub(crate) fn pattern_of(term: &Term) -> Pattern {
    match term {
        Term::Word(w) => Pattern::Stem(w.clone(), stem(w).into_owned()),
        Term::Prefix(p) => Pattern::Prefix(p.clone()),
        Term::Phrase(slots) => Pattern::Exact(slots.clone()),
        Term::Near(a, b, n) => Pattern::Near(Box::new(pattern_of(a)), Box::new(pattern_of(b)), *n),
    }
}

/// Statements where `words` occur one after another, exactly (folded, not stemmed), in
/// a passage (an empty word, `*`, stands for any one word).
///
/// Walks one cursor per word in step, led by the rarest; a statement that holds every
/// word has its passages read from the token stream, and counts each place where the
/// phrase begins.
fn phrase_matches(words: &[String], index: &Index, n: usize, out: &mut impl FnMut(u32, f32)) {
    let exact = &index.exact;
    let mut slots: Vec<Option<u32>> = Vec::with_capacity(words.len());
    for w in words {
        if w.is_empty() {
            slots.push(None);
            continue;
        }
        match exact.find(w) {
            Some(i) => slots.push(Some(i as u32)),
            None => return,
        }
    }
    let known: Vec<(usize, u32)> = slots
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.map(|id| (k, id)))
        .collect();
    let Some(&(lead_at, lead)) = known
        .iter()
        .min_by_key(|&&(_, id)| exact.info(id as usize).df)
    else {
        return;
    };
    let mut cursors: Vec<_> = known
        .iter()
        .map(|&(_, id)| exact.cursor(id as usize))
        .collect();
    let rarest = known
        .iter()
        .position(|&(_, id)| id == lead)
        .expect("the lead is known");
    let weights: Vec<f32> = known
        .iter()
        .enumerate()
        .map(|(k, &(_, id))| {
            idf(exact.info(id as usize).df, n) * if k == 0 { PHRASE_BONUS } else { 1.0 }
        })
        .collect();
    let span = slots.len();
    let tokens = &index.tokens;
    let mut sparse: Option<Sparse> = None;
    let needle = (tokens.width == 2).then(|| (lead as u16).to_le_bytes());
    'statements: while cursors[rarest].advance() {
        let s = cursors[rarest].statement;
        for (k, c) in cursors.iter_mut().enumerate() {
            if k != rarest && !c.seek(s) {
                continue 'statements;
            }
        }
        let mut occurrences = 0u32;
        if !tokens.has(s) {
            // The sharded packing: the passages rebuilt where the phrase's words stand.
            let sparse =
                sparse.get_or_insert_with(|| Sparse::new(index, known.iter().map(|k| k.1)));
            sparse.each_passage(s, |_, _, words| {
                let fits = |i: usize| {
                    i >= lead_at && {
                        let at = i - lead_at;
                        at + span <= words.len() && known.iter().all(|&(o, id)| words[at + o] == id)
                    }
                };
                occurrences += (0..words.len())
                    .filter(|&i| words[i] == lead && fits(i))
                    .count() as u32;
                true
            });
        }
        tokens.each_passage_bytes(s, |bytes| {
            let len = bytes.len() / tokens.width as usize;
            // The lead at `i`: the phrase starts at `i - lead_at`.
            let fits = |i: usize| {
                i >= lead_at && {
                    let at = i - lead_at;
                    at + span <= len
                        && known
                            .iter()
                            .all(|&(o, id)| tokens.id_at(bytes, at + o) == id)
                }
            };
            match needle {
                Some(needle) => {
                    for (at, pair) in bytes.chunks_exact(2).enumerate() {
                        if pair == needle && fits(at) {
                            occurrences += 1;
                        }
                    }
                }
                None => {
                    for at in 0..len {
                        if tokens.id_at(bytes, at) == lead && fits(at) {
                            occurrences += 1;
                        }
                    }
                }
            }
            true
        });
        if occurrences > 0 {
            let score = weights
                .iter()
                .map(|&w| bm25(exact, w, occurrences, s))
                .sum();
            out(s, score);
        }
    }
}

/// Searches with a query string; `limit` hits get match ranges and snippets.
pub fn search(corpus: &Corpus, index: &Index, input: &str, sort: Sort, limit: usize) -> Results {
    run(corpus, index, parse(input), sort, 0..limit)
}

/// Per-statement accumulators, kept between searches: a query touches only the
/// statements its terms match and resets only those, so nothing proportional to the
/// corpus is allocated or cleared per query.
#[derive(Default)]
struct Scratch {
    score: Vec<f32>,
    matched: Vec<u16>,
    seen: Vec<u32>,
    excluded: Vec<bool>,
    touched: Vec<u32>,
    /// Results per year (indexed by year), and the years with a count.
    year_counts: Vec<u32>,
    years_seen: Vec<u16>,
}

impl Scratch {
    fn ready(&mut self, n: usize) {
        if self.score.len() != n {
            *self = Scratch {
                score: vec![0.0; n],
                matched: vec![0; n],
                seen: vec![u32::MAX; n],
                excluded: vec![false; n],
                year_counts: vec![0; u16::MAX as usize + 1],
                ..Scratch::default()
            };
        }
    }

    fn reset(&mut self) {
        for &s in &self.touched {
            let s = s as usize;
            self.score[s] = 0.0;
            self.matched[s] = 0;
            self.seen[s] = u32::MAX;
            self.excluded[s] = false;
        }
        self.touched.clear();
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs a parsed query; the results at ranks `shown` (0-based, a page of them) get
/// match ranges and snippets. A range past the end gives fewer hits, or none.
pub fn run(
    corpus: &Corpus,
    index: &Index,
    query: Query,
    sort: Sort,
    shown: Range<usize>,
) -> Results {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => run_with(corpus, index, query, sort, shown, &mut scratch),
        // Re-entered (cannot happen in practice): use a fresh scratch.
        Err(_) => run_with(corpus, index, query, sort, shown, &mut Scratch::default()),
    })
}

fn run_with(
    corpus: &Corpus,
    index: &Index,
    query: Query,
    sort: Sort,
    shown: Range<usize>,
    scratch: &mut Scratch,
) -> Results {
    let n = corpus.statements.len();
    scratch.ready(n);
    score_terms(corpus, index, &query, n, scratch);
    let Scratch {
        score,
        matched,
        excluded,
        touched,
        year_counts,
        years_seen,
        ..
    } = &mut *scratch;
    // With id filters: the statements that pass everything but them, then one pass that
    // keeps the results and counts each filtered kind without its own filter.
    let ids = IdFilters::of(corpus, &query);
    let (results, own_off) = match &ids {
        None => (
            collect(corpus, index, &query, matched, excluded, touched),
            Vec::new(),
        ),
        Some(ids) => ids.split(
            corpus,
            &index.facets,
            &collect(corpus, index, &ids.wide, matched, excluded, touched),
        ),
    };
    let mut facets = Facets::default();
    count_facets(
        corpus,
        index,
        &results,
        year_counts,
        years_seen,
        &mut facets,
    );
    for (kind, counts) in own_off {
        *facets.counts_mut(kind) = ranked_counts(counts);
    }

    let total = results.len();
    let order = order_by(index, score, sort);
    let top = top_k(&results, shown.end, order);
    let highlighter = Highlighter::new(&query);
    let hits = top
        .into_iter()
        .skip(shown.start)
        .map(|s| {
            let (matches, snippet) = highlighter.highlight(corpus, &corpus.statements[s as usize]);
            Hit {
                statement: s,
                score: score[s as usize],
                matches,
                snippet,
            }
        })
        .collect();
    scratch.reset();
    Results {
        query,
        total,
        hits,
        facets,
    }
}

/// Scores every statement the query's terms match into the scratch accumulators, and
/// marks the excluded ones.
fn score_terms(corpus: &Corpus, index: &Index, query: &Query, n: usize, scratch: &mut Scratch) {
    let Scratch {
        score,
        matched,
        seen,
        excluded,
        touched,
        ..
    } = scratch;
    for (g, group) in query.required.iter().enumerate() {
        let g = g as u32;
        for term in group {
            matches_of(term, corpus, index, n, &mut |s, sc| {
                let s = s as usize;
                if seen[s] == u32::MAX {
                    touched.push(s as u32);
                }
                score[s] += sc;
                if seen[s] != g {
                    seen[s] = g;
                    matched[s] += 1;
                }
            });
        }
    }
    for term in &query.excluded {
        matches_of(term, corpus, index, n, &mut |s, _| {
            if !excluded[s as usize] {
                excluded[s as usize] = true;
                if seen[s as usize] == u32::MAX {
                    touched.push(s);
                }
            }
        });
    }
}

/// Every statement a query matches, in `sort` order: no facets, no highlighting (for
/// stepping through results, or placing them on a timeline).
pub fn ranked(corpus: &Corpus, index: &Index, query: &Query, sort: Sort) -> Vec<u32> {
    ranked_or_not(corpus, index, query, Some(sort))
}

/// Every statement a query matches, in corpus order (which is by date, oldest first).
pub fn matching(corpus: &Corpus, index: &Index, query: &Query) -> Vec<u32> {
    ranked_or_not(corpus, index, query, None)
}

fn ranked_or_not(corpus: &Corpus, index: &Index, query: &Query, sort: Option<Sort>) -> Vec<u32> {
    let go = |scratch: &mut Scratch| {
        let n = corpus.statements.len();
        scratch.ready(n);
        score_terms(corpus, index, query, n, scratch);
        let Scratch {
            score,
            matched,
            excluded,
            touched,
            ..
        } = &mut *scratch;
        let mut results = collect(corpus, index, query, matched, excluded, touched);
        if let Some(sort) = sort {
            results.sort_by(order_by(index, score, sort));
        }
        scratch.reset();
        results
    };
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => go(&mut scratch),
        Err(_) => go(&mut Scratch::default()),
    })
}

/// The order of results: by score (then date), or by date (newest first, or oldest
/// first), then corpus order.
fn order_by<'a>(
    index: &'a Index,
    score: &'a [f32],
    sort: Sort,
) -> impl Fn(&u32, &u32) -> Ordering + 'a {
    let dates = &index.facets.date_key;
    let by_date =
        move |a: &u32, b: &u32| dates[*b as usize].cmp(&dates[*a as usize]).then(a.cmp(b));
    move |a: &u32, b: &u32| match sort {
        Sort::Date => by_date(a, b),
        Sort::Oldest => dates[*a as usize].cmp(&dates[*b as usize]).then(a.cmp(b)),
        Sort::Relevance => score[*b as usize]
            .total_cmp(&score[*a as usize])
            .then_with(|| by_date(a, b)),
    }
}

/// The statements that pass: every required group matched, none excluded, the filters;
/// a statement with passages of kinds the query does not count decided by reading the
/// passages it counts.
fn collect(
    corpus: &Corpus,
    index: &Index,
    query: &Query,
    matched: &[u16],
    excluded: &[bool],
    touched: &[u32],
) -> Vec<u32> {
    let n = corpus.statements.len();
    let groups = query.required.len() as u16;
    let filter = Filter::new(corpus, query);
    let kinds = query.kinds;
    let mut check: Option<InKinds> = None;
    let facets = &index.facets;
    // Filters and kinds are read from the facets; a statement's record only when it
    // has passages of kinds the query does not count (the sharded packing fetches
    // those alone).
    let mut keep = |i: u32| {
        let u = i as usize;
        if matched[u] != groups || filter.as_ref().is_some_and(|f| !f.passes_at(facets, u)) {
            return false;
        }
        if facets.kinds[u].within(kinds) {
            return !excluded[u];
        }
        let s = &corpus.statements[u];
        let check = check.get_or_insert_with(|| {
            let required: Vec<Vec<Pattern>> = query
                .required
                .iter()
                .map(|g| g.iter().map(pattern_of).collect())
                .collect();
            let excluded: Vec<Pattern> = query.excluded.iter().map(pattern_of).collect();
            InKinds::new(index, &required, &excluded, kinds)
        });
        (groups == 0 || check.has_all(index, i, s))
            && !(excluded[u] && check.has_excluded(index, i, s))
    };
    // An empty query browses everything (filters still apply), newest first. When a
    // query touched many statements, a scan in corpus order beats sorting them.
    if groups == 0 || touched.len() >= n / 16 {
        (0..n as u32).filter(|&i| keep(i)).collect()
    } else {
        let mut r: Vec<u32> = touched.iter().copied().filter(|&i| keep(i)).collect();
        r.sort_unstable();
        r
    }
}

/// The first `k` of `items` in `order`, sorted: one pass keeping the best `k` so far
/// (most items lose against the current worst with one comparison); a plain sort when
/// `k` is not small next to the number of items.
fn top_k(items: &[u32], k: usize, order: impl Fn(&u32, &u32) -> Ordering) -> Vec<u32> {
    if k == 0 {
        return Vec::new();
    }
    if k >= items.len() / 8 {
        let mut all = items.to_vec();
        all.sort_unstable_by(&order);
        all.truncate(k);
        return all;
    }
    let mut best: Vec<u32> = Vec::with_capacity(k + 1);
    for &i in items {
        if best.len() == k {
            if order(&i, &best[k - 1]) != Ordering::Less {
                continue;
            }
            best.pop();
        }
        let at = best.partition_point(|b| order(b, &i) == Ordering::Less);
        best.insert(at, i);
    }
    best
}

fn count_facets(
    corpus: &Corpus,
    index: &Index,
    results: &[u32],
    year_counts: &mut [u32],
    years_seen: &mut Vec<u16>,
    f: &mut Facets,
) {
    let table = &index.facets;
    let n = table.speaker.len();
    let mut speakers = vec![0u32; corpus.speakers.len()];
    let mut venues = vec![0u32; corpus.venues.len()];
    let mut topics = vec![0u32; corpus.topics.len()];
    let totals = &table.totals;
    // When most statements match, count the few that do not and subtract them from the
    // corpus totals (a frequent word matches nearly every statement).
    let complement = results.len() > n / 2
        && totals.speakers.len() == speakers.len()
        && totals.venues.len() == venues.len()
        && totals.topics.len() == topics.len();
    let mut add = |i: usize| {
        speakers[table.speaker[i] as usize] += 1;
        if let Some(v) = venues.get_mut(table.venue[i] as usize) {
            *v += 1;
        }
        for &t in table.topics_of(i) {
            topics[t as usize] += 1;
        }
        let year = table.year[i];
        if year != 0 {
            let c = &mut year_counts[year as usize];
            if *c == 0 {
                years_seen.push(year);
            }
            *c += 1;
        }
    };
    if complement {
        // `results` is in corpus order: walk it alongside 0..n.
        let mut next = results.iter().copied().peekable();
        for i in 0..n as u32 {
            if next.next_if_eq(&i).is_none() {
                add(i as usize);
            }
        }
        let subtract = |total: &[u32], mut counts: Vec<u32>| {
            for (c, t) in counts.iter_mut().zip(total) {
                *c = t.saturating_sub(*c);
            }
            counts
        };
        speakers = subtract(&totals.speakers, speakers);
        venues = subtract(&totals.venues, venues);
        topics = subtract(&totals.topics, topics);
        f.years = totals
            .years
            .iter()
            .map(|&(y, c)| (y, c.saturating_sub(year_counts[y as usize])))
            .filter(|&(_, c)| c > 0)
            .collect();
        for y in years_seen.drain(..) {
            year_counts[y as usize] = 0;
        }
    } else {
        for &i in results {
            add(i as usize);
        }
        years_seen.sort_unstable_by(|a, b| b.cmp(a));
        f.years = years_seen
            .drain(..)
            .map(|y| (y, std::mem::take(&mut year_counts[y as usize])))
            .collect();
    }
    f.speakers = ranked_counts(speakers);
    f.venues = ranked_counts(venues);
    f.topics = ranked_counts(topics);
}

/// (entity index, count) for the non-zero counts, most frequent first, then by index.
fn ranked_counts(counts: Vec<u32>) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| *c > 0)
        .map(|(i, c)| (i as u32, c))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// The URL's filters by entity index (`speaker`, `venue`, `topic` ids), when a query has
/// any. **A facet of a kind filtered by id counts as if that filter were off** (so a
/// second speaker can be added to the first); the other facets count the results.
struct IdFilters {
    /// The query without its id filters.
    wide: Query,
    /// Per kind, which entities its filter allows (`None`: not filtered).
    allowed: [Option<Vec<bool>>; 3],
}

impl IdFilters {
    fn of(corpus: &Corpus, query: &Query) -> Option<IdFilters> {
        let mut wide = query.clone();
        // Allowed as the full filter allows (named and among the ids), for the kinds
        // with ids; `wide` keeps the names, so a candidate is named.
        let allowed = EntityKind::ALL.map(|kind| {
            let ids = std::mem::take(wide.ids_mut(kind));
            if ids.is_empty() {
                return None;
            }
            allowed(query.names(kind), &ids, corpus.entities(kind))
        });
        allowed
            .iter()
            .any(Option::is_some)
            .then_some(IdFilters { wide, allowed })
    }

    /// Whether statement `i` passes the filter of the kind at `k` (0 speaker, 1 venue,
    /// 2 topic).
    fn passes(&self, k: usize, facets: &index::Facets, i: usize) -> bool {
        let Some(ok) = &self.allowed[k] else {
            return true;
        };
        match EntityKind::ALL[k] {
            EntityKind::Speaker => ok[facets.speaker[i] as usize],
            EntityKind::Venue => facets.venue_of(i).is_some_and(|v| ok[v as usize]),
            EntityKind::Topic => facets.topics_of(i).iter().any(|&t| ok[t as usize]),
        }
    }

    /// In one pass over `candidates` (in corpus order): those that pass every id
    /// filter, and for each filtered kind the counts of its entities among those that
    /// pass the other kinds' filters.
    fn split(
        &self,
        corpus: &Corpus,
        facets: &index::Facets,
        candidates: &[u32],
    ) -> (Vec<u32>, Vec<(EntityKind, Vec<u32>)>) {
        let mut counts: [Vec<u32>; 3] =
            EntityKind::ALL.map(|kind| vec![0; corpus.entities(kind).len()]);
        let mut results = Vec::new();
        for &i in candidates {
            let u = i as usize;
            let pass = [0, 1, 2].map(|k| self.passes(k, facets, u));
            if pass.iter().all(|&p| p) {
                results.push(i);
            }
            for (k, c) in counts.iter_mut().enumerate() {
                let others = (0..3).filter(|&o| o != k).all(|o| pass[o]);
                if self.allowed[k].is_none() || !others {
                    continue;
                }
                match EntityKind::ALL[k] {
                    EntityKind::Speaker => c[facets.speaker[u] as usize] += 1,
                    EntityKind::Venue => {
                        if let Some(v) = facets.venue_of(u) {
                            c[v as usize] += 1;
                        }
                    }
                    EntityKind::Topic => {
                        for &t in facets.topics_of(u) {
                            c[t as usize] += 1;
                        }
                    }
                }
            }
        }
        let own_off = EntityKind::ALL
            .into_iter()
            .zip(counts)
            .enumerate()
            .filter(|(k, _)| self.allowed[*k].is_some())
            .map(|(_, kc)| kc)
            .collect();
        (results, own_off)
    }
}

/// The byte ranges of a statement's text that a query matches (in its passages of the
/// query's kinds), as search highlights them: the reader marks them when a search led
/// to the statement.
pub fn match_spans(corpus: &Corpus, query: &Query, s: &Statement) -> Vec<Span> {
    Highlighter::new(query).highlight(corpus, s).0
}

/// What to highlight, worked out once per query: the words as search matches them, in
/// the passages of the query's kinds.
struct Highlighter<'q> {
    /// Distinct stems of the query's words.
    stems: Vec<String>,
    /// Which of `stems` match as single words.
    word: Vec<bool>,
    /// Phrases and terms near each other, read as the tracker reads them.
    phrases: Vec<Unit<TextWord>>,
    kinds: Kinds,
    /// A token is stemmed only when it starts with one of these: a stem less its last
    /// two characters ("countri" -> "count" still catches "country": stems are not
    /// always prefixes of the words they stem). Stemming every token is costly.
    heads: Vec<String>,
    prefixes: Vec<&'q str>,
}

/// A token of a passage as highlighting sees it.
#[derive(Clone)]
struct Mark {
    start: u32,
    end: u32,
    hit: bool,
}

/// The words a unit marks in a passage's words: a phrase's places whole; for two terms
/// near each other, each side where it is near the other (not the words between).
fn marked(unit: &Unit<TextWord>, terms: &[String]) -> Vec<(usize, usize)> {
    let accepts = |w: &String, x: &TextWord| x.accepts(w);
    let spans: Vec<(usize, usize)> = places(terms, unit, &accepts)
        .into_iter()
        .map(|p| (p.at, p.len))
        .collect();
    match unit {
        Unit::Near(a, b, _) => [a, b]
            .into_iter()
            .flat_map(|side| places(terms, side, &accepts))
            .filter(|p| {
                spans
                    .iter()
                    .any(|&(at, len)| p.at >= at && p.at + p.len <= at + len)
            })
            .map(|p| (p.at, p.len))
            .collect(),
        _ => spans,
    }
}

impl<'q> Highlighter<'q> {
    fn new(q: &'q Query) -> Self {
        let mut h = Highlighter {
            stems: Vec::new(),
            word: Vec::new(),
            phrases: Vec::new(),
            kinds: q.kinds,
            heads: Vec::new(),
            prefixes: Vec::new(),
        };
        let intern = |h: &mut Self, w: &str, as_word: bool| {
            let st = stem(w);
            let k = match h.stems.iter().position(|s| *s == st) {
                Some(k) => k,
                None => {
                    let chars = st.chars().count();
                    let keep = chars.saturating_sub(2).max(2).min(chars);
                    let cut = st.char_indices().nth(keep).map_or(st.len(), |(i, _)| i);
                    h.heads.push(st[..cut].to_owned());
                    h.stems.push(st.into_owned());
                    h.word.push(false);
                    h.stems.len() - 1
                }
            };
            h.word[k] |= as_word;
            k
        };
        for term in q.required.iter().flatten() {
            match term {
                Term::Word(w) => {
                    intern(&mut h, w, true);
                }
                Term::Prefix(p) => h.prefixes.push(p),
                Term::Phrase(_) | Term::Near(..) => h.phrases.push(text_unit(&pattern_of(term))),
            }
        }
        h
    }

    /// Byte ranges of a statement's text that match the query, and a snippet.
    fn highlight(&self, corpus: &Corpus, s: &Statement) -> (Vec<Span>, Option<Snippet>) {
        let doc = corpus.document_of(s);
        let mut matches = Vec::new();
        let mut best: Option<(usize, Span, Vec<Span>)> = None;
        if self.heads.is_empty() && self.prefixes.is_empty() && self.phrases.is_empty() {
            return (matches, None);
        }
        let mut marks: Vec<Mark> = Vec::new();
        let mut terms: Vec<String> = Vec::new();
        let mut stemmed: Vec<(String, Option<usize>)> = Vec::new();
        for p in s.passages.iter().filter(|p| self.kinds.contains(p.kind)) {
            marks.clear();
            terms.clear();
            for_each_token(doc.text(p.span), |term, start, end, cjk| {
                let stem_index = if cjk {
                    self.stems.iter().position(|s| s == term)
                } else if self.heads.iter().any(|h| term.starts_with(h.as_str())) {
                    // A statement repeats its words: stem each distinct one once.
                    match stemmed.iter().find(|(t, _)| t == term) {
                        Some(&(_, k)) => k,
                        None => {
                            let st = stem(term);
                            let k = self.stems.iter().position(|s| *s == st);
                            stemmed.push((term.to_owned(), k));
                            k
                        }
                    }
                } else {
                    None
                };
                let hit = stem_index.is_some_and(|k| self.word[k])
                    || self.prefixes.iter().any(|pre| term.starts_with(pre));
                marks.push(Mark { start, end, hit });
                if !self.phrases.is_empty() {
                    terms.push(term.to_owned());
                }
            });
            for unit in &self.phrases {
                for (at, len) in marked(unit, &terms) {
                    marks[at..at + len].iter_mut().for_each(|m| m.hit = true);
                }
            }
            let spans: Vec<Span> = marks
                .iter()
                .filter(|m| m.hit)
                .map(|m| Span {
                    start: p.span.start + m.start,
                    end: p.span.start + m.end,
                })
                .collect();
            if !spans.is_empty() && best.as_ref().is_none_or(|(n, _, _)| spans.len() > *n) {
                best = Some((spans.len(), p.span, spans.clone()));
            }
            matches.extend(spans);
        }
        (matches, best.map(|b| snippet(&doc.raw, b.1, b.2)))
    }
}

/// A keyword-in-context window of `passage` around the first of `spans`.
fn snippet(raw: &str, passage: Span, spans: Vec<Span>) -> Snippet {
    let first = spans[0];
    let mut start = (first.start as usize)
        .saturating_sub(SNIPPET_CONTEXT)
        .max(passage.start as usize);
    let mut end = (first.end as usize + 2 * SNIPPET_CONTEXT).min(passage.end as usize);
    while !raw.is_char_boundary(start) {
        start += 1;
    }
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    // Start and end on word boundaries where the window cuts a passage.
    if start > passage.start as usize {
        if let Some(sp) = raw[start..first.start as usize].find(' ') {
            start += sp + 1;
        }
    }
    if end < passage.end as usize {
        if let Some(sp) = raw[first.end as usize..end].rfind(' ') {
            end = first.end as usize + sp;
        }
    }
    let span = Span {
        start: start as u32,
        end: end as u32,
    };
    let highlights = spans
        .into_iter()
        .filter(|h| h.start >= span.start && h.end <= span.end)
        .collect();
    Snippet {
        span,
        highlights,
        clipped_start: span.start > passage.start,
        clipped_end: span.end < passage.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn top_k_is_the_head_of_a_full_sort(
            keys in proptest::collection::vec(0u8..20, 0..400),
            k in prop_oneof![0usize..60, Just(usize::MAX)],
        ) {
            // Many equal keys: ties are broken by index, as in ranking.
            let items: Vec<u32> = (0..keys.len() as u32).collect();
            let order = |a: &u32, b: &u32| keys[*b as usize].cmp(&keys[*a as usize]).then(a.cmp(b));
            let mut sorted = items.clone();
            sorted.sort_by(order);
            sorted.truncate(k);
            prop_assert_eq!(top_k(&items, k, order), sorted);
        }
    }
}
