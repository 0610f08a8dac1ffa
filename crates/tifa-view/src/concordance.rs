//! The concordance (`?view=kwic&q=…`): every occurrence of a query in the statements the
//! filters let through — a quoted phrase as a whole, a word each time, with the
//! tracker's exact-words rule for phrases — as a line with the matched words in the
//! centre and `ctx` words of context on each side, in the order asked for, 50 a page.
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! use tifa_view::url_state::parse;
//! use tifa_view::concordance::concordance;
//! let bundle = Bundle::new(Corpus::empty());
//! let c = concordance(&bundle, &parse("?view=kwic&q=rights").state);
//! assert_eq!((c.total, c.lines.len()), (0, 0));
//! ```

use crate::keywords::Terms;
use crate::paging::{page, Page};
use crate::scope::scope;
use crate::url_state::{KwicOrder, UrlState};
use tifa_core::blob::Bundle;
use tifa_core::search::engine::{matching, Sort};
use tifa_core::search::formulation::{find, word_spans, Detail, Formulation};
use tifa_core::search::index::Field;
use tifa_core::search::text::{stem, tokens};
use tifa_model::voice::Voice;
use tifa_model::{Corpus, PassageKind, Span};

/// Lines a page shows.
pub const PAGE_SIZE: usize = 50;

/// One occurrence in context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub statement: u32,
    /// Index of the passage in its statement.
    pub passage: u16,
    /// The passage's kind, and so whose words the line is: the speaker's (quotes,
    /// reported speech), the outlet's (narration) or a journalist's (a question).
    pub kind: PassageKind,
    pub voice: Voice,
    /// The words the lines are sorted by, in the contexts: the first key, then the
    /// second (`None` when the order is not by words, or at a passage's edge).
    pub keys: [Option<Span>; 2],
    /// Byte ranges in the document's raw text: the context before, the match, after.
    pub left: Span,
    pub hit: Span,
    pub right: Span,
    /// The folded words next to the match, for sorting: 2nd and 1st left, 1st and 2nd
    /// right (empty at a passage's edge).
    pub near: [String; 4],
}

/// One page of a concordance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concordance {
    /// Occurrences in all.
    pub total: usize,
    /// Statements they are in.
    pub statements: usize,
    /// The page shown (clamped to the last).
    pub page: Page,
    /// The page asked for was past the end.
    pub clamped: bool,
    /// This page's lines, in order.
    pub lines: Vec<Line>,
    /// How the query was read, where not as written.
    pub notes: Vec<String>,
}

/// An occurrence before it is drawn: where it is, and the words next to it (exact
/// term ids, whose order is the words' order; `None` at a passage's edge) when the
/// order needs them.
#[derive(Debug, Clone, Copy)]
struct Place {
    statement: u32,
    passage: u16,
    word: u32,
    len: u32,
    near: [Option<u32>; 4],
    /// The word `near` asked for nearest the match, when it asked.
    with: Option<u32>,
}

/// Every occurrence the state's concordance shows, in order, with the number of
/// statements they are in and how the query was read. Nothing is read from the text:
/// places come from the index's token stream.
fn places(bundle: &Bundle, state: &UrlState) -> (Vec<Place>, usize, Vec<String>) {
    let (corpus, index) = (&bundle.corpus, &bundle.index);
    let f = Formulation::parse(state.q.as_deref().unwrap_or(""));
    let mut filters_only = state.clone();
    filters_only.q = None;
    let filters = scope(corpus, &filters_only).0;
    let found = find(
        corpus,
        index,
        &f,
        &filters,
        state.filters.passage_kinds(),
        Detail::Occurrences,
    );
    let by_words = matches!(
        state.kwic.order,
        KwicOrder::Left1 | KwicOrder::Left2 | KwicOrder::Right1 | KwicOrder::Right2
    );
    let mut notes = f.notes.clone();
    let limits = Limits::of(bundle, state, &mut notes);
    let mut words = Vec::new();
    let mut read = None;
    let mut places = Vec::with_capacity(found.iter().map(|x| x.occurrences.len()).sum());
    let mut statements = 0;
    for x in found.iter().filter(|x| limits.holds(x.statement)) {
        let before = places.len();
        for o in &x.occurrences {
            let mut near = [None; 4];
            if by_words || limits.near.is_some() {
                if read != Some((x.statement, o.passage)) {
                    index
                        .tokens
                        .passage(x.statement, o.passage as usize, &mut words);
                    read = Some((x.statement, o.passage));
                }
                let at = |i: Option<u32>| i.and_then(|i| words.get(i as usize).copied());
                let end = o.word + o.len;
                near = [
                    at(o.word.checked_sub(2)),
                    at(o.word.checked_sub(1)),
                    at(Some(end)),
                    at(Some(end + 1)),
                ];
            }
            let with = match &limits.near {
                Some(near) => match near.nearest(&words, o.word, o.len) {
                    Some(w) => Some(w),
                    None => continue,
                },
                None => None,
            };
            places.push(Place {
                statement: x.statement,
                passage: o.passage,
                word: o.word,
                len: o.len,
                near,
                with,
            });
        }
        statements += usize::from(places.len() > before);
    }
    order(corpus, &mut places, state.kwic.order, state.sort);
    (places, statements, notes)
}

/// What narrows a concordance beyond its filters: a part's statements (`within`,
/// `without`) and a word in the window (`near`, `win`).
struct Limits<'b, 'a> {
    /// The statements the part holds (sorted), and whether they are the ones left out.
    part: Option<(Vec<u32>, bool)>,
    near: Option<Near<'b, 'a>>,
}

/// A word (or stem) to find within `left` words before a match or `right` after it.
struct Near<'b, 'a> {
    terms: Terms<'b, 'a>,
    /// The term sought, or `None` when the corpus does not hold it (nothing matches).
    term: Option<u32>,
    left: usize,
    right: usize,
}

impl Near<'_, '_> {
    /// The word of `words` nearest the match at `word` (of `len` words) that is the
    /// term sought, within the window; the left one first at equal distance.
    fn nearest(&self, words: &[u32], word: u32, len: u32) -> Option<u32> {
        let term = self.term?;
        let (first, after) = (word as usize, (word + len) as usize);
        let is = |i: usize| words.get(i).is_some_and(|&w| self.terms.of(w) == term);
        (1..=self.left.max(self.right)).find_map(|d| {
            let left = (d <= self.left && d <= first && is(first - d)).then(|| first - d);
            let right = (d <= self.right && is(after + d - 1)).then(|| after + d - 1);
            left.or(right).map(|i| i as u32)
        })
    }
}

impl<'b, 'a> Limits<'b, 'a> {
    fn of(bundle: &'b Bundle<'a>, state: &UrlState, notes: &mut Vec<String>) -> Limits<'b, 'a> {
        let stats = &state.stats;
        let part = stats.within.as_ref().map(|w| {
            let (query, unknown) = scope(&bundle.corpus, &w.part.in_view(state));
            notes.extend(unknown);
            (matching(&bundle.corpus, &bundle.index, &query), w.outside)
        });
        let near = stats.near.as_deref().map(|word| {
            let terms = Terms::new(bundle, stats.stems);
            let folded = tokens(word).into_iter().next().map(|t| t.term);
            let term = folded.and_then(|t| {
                terms
                    .find(&t)
                    .or_else(|| stats.stems.then(|| terms.find(&stem(&t))).flatten())
            });
            if term.is_none() {
                notes.push(format!(
                    "“{word}” is not in the corpus: no line has it near."
                ));
            }
            Near {
                terms,
                term,
                left: stats.window.0 as usize,
                right: stats.window.1 as usize,
            }
        });
        Limits { part, near }
    }

    /// Whether a statement is in the part asked for.
    fn holds(&self, statement: u32) -> bool {
        match &self.part {
            Some((statements, outside)) => statements.binary_search(&statement).is_ok() != *outside,
            None => true,
        }
    }
}

/// What a concordance page says of itself: "80 occurrences of “rights” in 5
/// statements; lines 1–50." (plurals as the numbers ask).
pub fn status(c: &Concordance, q: &str) -> String {
    use crate::words::count;
    let (first, last) = (c.page.range.start + 1, c.page.range.end);
    match c.total {
        0 => format!("No occurrence of “{q}”."),
        n => format!(
            "{} of “{q}” in {}; {} {first}–{last}.",
            count(n, "occurrence", "occurrences"),
            count(c.statements, "statement", "statements"),
            if first == last { "line" } else { "lines" },
        ),
    }
}

/// Every line of the concordance a URL state asks for, in order, with the number of
/// statements they are in and how the query was read.
pub fn lines(bundle: &Bundle, state: &UrlState) -> (Vec<Line>, usize, Vec<String>) {
    let (places, statements, notes) = places(bundle, state);
    (draw(bundle, &places, state.kwic), statements, notes)
}

/// One page of the concordance a URL state asks for: only its lines are read from the
/// text.
pub fn concordance(bundle: &Bundle, state: &UrlState) -> Concordance {
    let (places, statements, notes) = places(bundle, state);
    let (p, clamped) = page(places.len(), PAGE_SIZE, state.page.unwrap_or(1));
    Concordance {
        total: places.len(),
        statements,
        lines: draw(bundle, &places[p.range.clone()], state.kwic),
        page: p,
        clamped,
        notes,
    }
}

/// The lines of `places`, with the concordance's words of context and its sort keys:
/// each passage's words are read once for the lines in a row that are in it.
fn draw(bundle: &Bundle, places: &[Place], kwic: crate::url_state::Concordance) -> Vec<Line> {
    let corpus = &bundle.corpus;
    let terms = &bundle.index.exact;
    let mut read: Option<(u32, u16, Vec<Span>)> = None;
    let mut words = Vec::new();
    places
        .iter()
        .map(|p| {
            let s = &corpus.statements[p.statement as usize];
            if read
                .as_ref()
                .is_none_or(|r| (r.0, r.1) != (p.statement, p.passage))
            {
                read = Some((p.statement, p.passage, word_spans(corpus, s, p.passage)));
                bundle
                    .index
                    .tokens
                    .passage(p.statement, p.passage as usize, &mut words);
            }
            let spans = &read.as_ref().expect("just read").2;
            let mut line = line_of(p, spans, &words, terms, kwic.ctx as usize);
            line.keys = match p.with {
                Some(w) if kwic.order == KwicOrder::Corpus || kwic.order == KwicOrder::Speaker => {
                    [spans.get(w as usize).copied(), None]
                }
                _ => keys(kwic.order, p, spans),
            };
            line.kind = s.passages[p.passage as usize].kind;
            line.voice = Voice::of_passage(corpus, s, p.passage);
            line
        })
        .collect()
}

/// The spans of the words an order sorts by, first key first.
fn keys(order: KwicOrder, p: &Place, spans: &[Span]) -> [Option<Span>; 2] {
    let (first, after) = (p.word as usize, (p.word + p.len) as usize);
    let at = |i: Option<usize>| i.and_then(|i| spans.get(i).copied());
    match order {
        KwicOrder::Left1 => [at(first.checked_sub(1)), at(first.checked_sub(2))],
        KwicOrder::Left2 => [at(first.checked_sub(2)), at(first.checked_sub(1))],
        KwicOrder::Right1 => [at(Some(after)), at(Some(after + 1))],
        KwicOrder::Right2 => [at(Some(after + 1)), at(Some(after))],
        KwicOrder::Corpus | KwicOrder::Speaker => [None, None],
    }
}

/// A context cut into pieces around the sort keys inside it: (span, key number: 1 for
/// the first key, 2 for the second, 0 for plain text), in order.
///
/// ```
/// use tifa_model::Span;
/// use tifa_view::concordance::pieces;
/// let sp = |start, end| Span { start, end };
/// assert_eq!(pieces(sp(0, 10), &[Some(sp(6, 10)), Some(sp(2, 5))]),
///            [(sp(0, 2), 0), (sp(2, 5), 2), (sp(5, 6), 0), (sp(6, 10), 1)]);
/// assert_eq!(pieces(sp(0, 4), &[None, None]), [(sp(0, 4), 0)]);
/// ```
pub fn pieces(context: Span, keys: &[Option<Span>; 2]) -> Vec<(Span, u8)> {
    let mut inside: Vec<(Span, u8)> = keys
        .iter()
        .zip([1u8, 2])
        .filter_map(|(k, n)| {
            k.filter(|k| k.start >= context.start && k.end <= context.end)
                .map(|k| (k, n))
        })
        .collect();
    inside.sort_by_key(|(k, _)| k.start);
    let mut out = Vec::new();
    let mut at = context.start;
    for (k, n) in inside {
        if k.start < at {
            continue;
        }
        if k.start > at {
            out.push((
                Span {
                    start: at,
                    end: k.start,
                },
                0,
            ));
        }
        out.push((k, n));
        at = k.end;
    }
    if at < context.end || out.is_empty() {
        out.push((
            Span {
                start: at,
                end: context.end,
            },
            0,
        ));
    }
    out
}

/// The line of a place, its context `ctx` words each side (its kind, voice and keys
/// are filled in by [`draw`]).
fn line_of(p: &Place, spans: &[Span], words: &[u32], terms: &Field, ctx: usize) -> Line {
    let (first, after) = (p.word as usize, (p.word + p.len) as usize);
    let empty = Span { start: 0, end: 0 };
    let hit = Span {
        start: spans.get(first).unwrap_or(&empty).start,
        end: spans.get(after.wrapping_sub(1)).unwrap_or(&empty).end,
    };
    let left_start = match first {
        0 => hit.start,
        _ => spans[first.saturating_sub(ctx)].start,
    };
    let last = (after + ctx).min(spans.len());
    let right_end = if last > after {
        spans[last - 1].end
    } else {
        hit.end
    };
    let word = |i: Option<usize>| {
        i.and_then(|i| words.get(i))
            .map_or_else(String::new, |&id| terms.term(id as usize).to_string())
    };
    Line {
        statement: p.statement,
        passage: p.passage,
        kind: PassageKind::Quote,
        voice: Voice::Journalist,
        keys: [None, None],
        left: Span {
            start: left_start.min(hit.start),
            end: hit.start,
        },
        hit,
        right: Span {
            start: hit.end,
            end: right_end.max(hit.end),
        },
        near: [
            word(first.checked_sub(2)),
            word(first.checked_sub(1)),
            word(Some(after)),
            word(Some(after + 1)),
        ],
    }
}

/// Sorts places: by the words next to the match (then corpus order), by speaker, newest
/// first, or as the corpus is.
fn order(corpus: &Corpus, places: &mut [Place], order: KwicOrder, sort: Sort) {
    let at = |p: &Place| (p.statement, p.passage, p.word);
    let by = |places: &mut [Place], a: usize, b: usize| {
        places.sort_by(|x, y| (x.near[a], x.near[b], at(x)).cmp(&(y.near[a], y.near[b], at(y))))
    };
    match order {
        KwicOrder::Corpus if sort == Sort::Date => places.sort_by(|a, b| {
            b.statement
                .cmp(&a.statement)
                .then((a.passage, a.word).cmp(&(b.passage, b.word)))
        }),
        KwicOrder::Corpus => places.sort_by_key(at),
        KwicOrder::Speaker => places.sort_by(|a, b| {
            let name = |p: &Place| {
                corpus
                    .speaker_of(&corpus.statements[p.statement as usize])
                    .name
                    .as_ref()
            };
            name(a).cmp(name(b)).then(at(a).cmp(&at(b)))
        }),
        KwicOrder::Left1 => by(places, 1, 0),
        KwicOrder::Left2 => by(places, 0, 1),
        KwicOrder::Right1 => by(places, 2, 3),
        KwicOrder::Right2 => by(places, 3, 2),
    }
}
