//! The concordance (`?view=kwic&q=…`): every occurrence of a query in the statements the
//! filters let through — a quoted phrase as a whole, a word each time, with the
//! tracker's exact-words rule for phrases — as a line with the matched words in the
//! centre and `ctx` words of context on each side, in the order asked for, 50 a page.
//!
//! ```
//! use tifa_core::{blob::Bundle, model::Corpus, url_state::parse};
//! use tifa_view::concordance::concordance;
//! let bundle = Bundle::new(Corpus::empty());
//! let c = concordance(&bundle, &parse("?view=kwic&q=rights").state);
//! assert_eq!((c.total, c.lines.len()), (0, 0));
//! ```

use tifa_core::blob::Bundle;
use tifa_core::model::{Corpus, Span};
use tifa_core::paging::{page, Page};
use tifa_core::search::engine::Sort;
use tifa_core::search::formulation::{find, Detail, Formulation, Kinds};
use tifa_core::search::scope::scope;
use tifa_core::search::text::for_each_token;
use tifa_core::url_state::{KwicOrder, UrlState};

/// Lines a page shows.
pub const PAGE_SIZE: usize = 50;

/// One occurrence in context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub statement: u32,
    /// Index of the passage in its statement.
    pub passage: u16,
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

/// Every line of the concordance a URL state asks for, in order, with the number of
/// statements they are in and how the query was read.
pub fn lines(bundle: &Bundle, state: &UrlState) -> (Vec<Line>, usize, Vec<String>) {
    let corpus = &bundle.corpus;
    let f = Formulation::parse(state.q.as_deref().unwrap_or(""));
    let mut filters_only = state.clone();
    filters_only.q = None;
    let filters = scope(corpus, &filters_only).0;
    let found = find(
        corpus,
        &bundle.index,
        &f,
        &filters,
        Kinds::ALL,
        Detail::Occurrences,
    );
    let ctx = state.kwic.ctx as usize;
    let mut lines: Vec<Line> = found
        .iter()
        .flat_map(|x| {
            let s = &corpus.statements[x.statement as usize];
            x.occurrences
                .iter()
                .map(move |o| line_of(corpus, x.statement, o.passage, o.span, s, ctx))
        })
        .collect();
    order(corpus, &mut lines, state.kwic.order, state.sort);
    (lines, found.len(), f.notes)
}

/// The concordance page a URL state asks for.
pub fn concordance(bundle: &Bundle, state: &UrlState) -> Concordance {
    let (mut lines, statements, notes) = lines(bundle, state);
    let (p, clamped) = page(lines.len(), PAGE_SIZE, state.page.unwrap_or(1));
    let total = lines.len();
    let shown = lines.drain(p.range.clone()).collect();
    Concordance {
        total,
        statements,
        page: p,
        clamped,
        lines: shown,
        notes,
    }
}

/// The line of an occurrence at `hit` in a passage, with `ctx` words on each side.
fn line_of(
    corpus: &Corpus,
    statement: u32,
    passage: u16,
    hit: Span,
    s: &tifa_core::model::Statement,
    ctx: usize,
) -> Line {
    let p = s.passages[passage as usize];
    let doc = corpus.document_of(s);
    let base = p.span.start;
    let mut tokens: Vec<(String, u32, u32)> = Vec::new();
    for_each_token(doc.text(p.span), |term, start, end, _| {
        tokens.push((term.to_owned(), base + start, base + end))
    });
    let first = tokens.partition_point(|t| t.2 <= hit.start);
    let after = tokens.partition_point(|t| t.1 < hit.end);
    let left_start = if first > 0 {
        tokens[first.saturating_sub(ctx)].1
    } else {
        hit.start
    };
    let last = (after + ctx).min(tokens.len());
    let right_end = if last > after {
        tokens[last - 1].2
    } else {
        hit.end
    };
    let word = |i: Option<usize>| {
        i.and_then(|i| tokens.get(i))
            .map_or_else(String::new, |t| t.0.clone())
    };
    Line {
        statement,
        passage,
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

/// Sorts lines: by the words next to the match (then corpus order), by speaker, newest
/// first, or as the corpus is.
fn order(corpus: &Corpus, lines: &mut [Line], order: KwicOrder, sort: Sort) {
    let at = |l: &Line| (l.statement, l.hit.start);
    match order {
        KwicOrder::Corpus if sort == Sort::Date => lines.sort_by(|a, b| {
            b.statement
                .cmp(&a.statement)
                .then(a.hit.start.cmp(&b.hit.start))
        }),
        KwicOrder::Corpus => lines.sort_by_key(at),
        KwicOrder::Speaker => lines.sort_by(|a, b| {
            let name = |l: &Line| {
                corpus
                    .speaker_of(&corpus.statements[l.statement as usize])
                    .name
                    .as_ref()
            };
            name(a).cmp(name(b)).then(at(a).cmp(&at(b)))
        }),
        KwicOrder::Left1 => lines
            .sort_by(|a, b| (&a.near[1], &a.near[0], at(a)).cmp(&(&b.near[1], &b.near[0], at(b)))),
        KwicOrder::Left2 => lines
            .sort_by(|a, b| (&a.near[0], &a.near[1], at(a)).cmp(&(&b.near[0], &b.near[1], at(b)))),
        KwicOrder::Right1 => lines
            .sort_by(|a, b| (&a.near[2], &a.near[3], at(a)).cmp(&(&b.near[2], &b.near[3], at(b)))),
        KwicOrder::Right2 => lines
            .sort_by(|a, b| (&a.near[3], &a.near[2], at(a)).cmp(&(&b.near[3], &b.near[2], at(b)))),
    }
}
