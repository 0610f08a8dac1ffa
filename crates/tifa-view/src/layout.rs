//! How the reader lays out a source document: its raw text line by line, each line cut
//! into pieces that are plain, removed by cleaning (with the reason), or highlighted
//! (a passage of the statement being read).
//!
//! Pure and allocation-light, so the components only map pieces to elements.

use tifa_model::{Document, Span};

/// What a piece of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Plain,
    /// Removed by cleaning: index into `Document::removed`; `first` marks the piece
    /// where that removal starts, which carries its label.
    Removed {
        removal: usize,
        first: bool,
    },
    /// Inside one of the highlighted spans (index into the `highlight` argument).
    Highlight {
        span: usize,
    },
}

/// A run of one line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub span: Span,
    pub kind: PieceKind,
}

/// One line of the raw text (1-based `number`), never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub pieces: Vec<Piece>,
}

/// Lays out `doc`, highlighting `highlight` (sorted, disjoint spans, e.g. a statement's
/// passages). Blank lines are skipped.
///
/// ```
/// use tifa_view::layout::{layout, PieceKind};
/// use tifa_model::{Document, Removal, Span};
/// let mut doc = Document::bare("d", "Menu\nSaid: hello.");
/// doc.removed = vec![Removal { span: Span { start: 0, end: 4 }, reason: "navigation".into() }];
/// let lines = layout(&doc, &[Span { start: 11, end: 17 }]);
/// assert_eq!(lines.len(), 2);
/// assert_eq!(lines[0].pieces[0].kind, PieceKind::Removed { removal: 0, first: true });
/// let kinds: Vec<_> = lines[1].pieces.iter().map(|p| (doc.text(p.span), p.kind)).collect();
/// assert_eq!(kinds, [("Said: ", PieceKind::Plain), ("hello.", PieceKind::Highlight { span: 0 })]);
/// ```
pub fn layout(doc: &Document, highlight: &[Span]) -> Vec<Line> {
    let raw: &str = &doc.raw;
    let mut lines = Vec::new();
    let mut line_start = 0usize;
    for (number, line) in raw.split('\n').enumerate() {
        let start = line_start;
        let end = start + line.trim_end_matches('\r').len();
        line_start = start + line.len() + 1;
        if raw[start..end].trim().is_empty() {
            continue;
        }
        lines.push(Line {
            number: number + 1,
            pieces: cut(doc, highlight, start as u32, end as u32),
        });
    }
    lines
}

fn kind_at(doc: &Document, highlight: &[Span], at: u32) -> PieceKind {
    if let Some((i, r)) = doc
        .removed
        .iter()
        .enumerate()
        .find(|(_, r)| r.span.start <= at && at < r.span.end)
    {
        return PieceKind::Removed {
            removal: i,
            first: r.span.start == at,
        };
    }
    match highlight.iter().position(|s| s.start <= at && at < s.end) {
        Some(i) => PieceKind::Highlight { span: i },
        None => PieceKind::Plain,
    }
}

/// Cuts `[start, end)` at every removal and highlight boundary inside it.
fn cut(doc: &Document, highlight: &[Span], start: u32, end: u32) -> Vec<Piece> {
    let mut points: Vec<u32> = vec![start, end];
    for s in doc
        .removed
        .iter()
        .map(|r| r.span)
        .chain(highlight.iter().copied())
    {
        for p in [s.start, s.end] {
            if start < p && p < end {
                points.push(p);
            }
        }
    }
    points.sort_unstable();
    points.dedup();
    let mut pieces: Vec<Piece> = Vec::new();
    for w in points.windows(2) {
        let kind = kind_at(doc, highlight, w[0]);
        // A removal continuing from an earlier line is not its first piece.
        match pieces.last_mut() {
            Some(last) if last.kind == kind => last.span.end = w[1],
            _ => pieces.push(Piece {
                span: Span {
                    start: w[0],
                    end: w[1],
                },
                kind,
            }),
        }
    }
    pieces
}

/// Cuts `span` into runs that are plain (`false`) or marked (`true`), for a snippet
/// whose `marks` are sorted, disjoint spans inside it.
///
/// ```
/// use tifa_view::layout::marked;
/// use tifa_model::Span;
/// let s = |start, end| Span { start, end };
/// assert_eq!(
///     marked(s(0, 10), &[s(2, 4), s(6, 7)]),
///     [(s(0, 2), false), (s(2, 4), true), (s(4, 6), false), (s(6, 7), true), (s(7, 10), false)]
/// );
/// ```
pub fn marked(span: Span, marks: &[Span]) -> Vec<(Span, bool)> {
    let tagged: Vec<(Span, ())> = marks.iter().map(|&m| (m, ())).collect();
    painted(span, &tagged)
        .into_iter()
        .map(|(s, tag)| (s, tag.is_some()))
        .collect()
}

/// Cuts `span` into runs, each with whether it lies in a mark of `a` and in a mark of
/// `b` (each list sorted or not, overlapping or not): two kinds of marks on one text,
/// as the reader marks the words shared with other statements and the words searched.
///
/// ```
/// use tifa_view::layout::layered;
/// use tifa_model::Span;
/// let s = |start, end| Span { start, end };
/// assert_eq!(
///     layered(s(0, 10), &[s(2, 6)], &[s(4, 8)]),
///     [(s(0, 2), false, false), (s(2, 4), true, false), (s(4, 6), true, true), (s(6, 8), false, true), (s(8, 10), false, false)]
/// );
/// ```
pub fn layered(span: Span, a: &[Span], b: &[Span]) -> Vec<(Span, bool, bool)> {
    let mut cuts: Vec<u32> = vec![span.start, span.end];
    for m in a.iter().chain(b) {
        for x in [m.start, m.end] {
            if x > span.start && x < span.end {
                cuts.push(x);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let inside = |list: &[Span], piece: Span| {
        list.iter()
            .any(|m| m.start <= piece.start && piece.end <= m.end)
    };
    cuts.windows(2)
        .map(|w| {
            let piece = Span {
                start: w[0],
                end: w[1],
            };
            (piece, inside(a, piece), inside(b, piece))
        })
        .collect()
}

/// Cuts `span` into runs outside every mark (`None`) or inside one, with its tag; `marks`
/// are sorted by start and disjoint (overlaps and overhangs are clipped). The comparison
/// view tags each mark with its phrase.
///
/// ```
/// use tifa_view::layout::painted;
/// use tifa_model::Span;
/// let s = |start, end| Span { start, end };
/// assert_eq!(
///     painted(s(0, 10), &[(s(2, 4), 7), (s(6, 12), 1)]),
///     [(s(0, 2), None), (s(2, 4), Some(7)), (s(4, 6), None), (s(6, 10), Some(1))]
/// );
/// ```
pub fn painted<T: Copy>(span: Span, marks: &[(Span, T)]) -> Vec<(Span, Option<T>)> {
    let mut out = Vec::new();
    let mut at = span.start;
    for &(m, tag) in marks {
        let (start, end) = (m.start.max(at), m.end.min(span.end));
        if start >= end {
            continue;
        }
        if start > at {
            out.push((
                Span {
                    start: at,
                    end: start,
                },
                None,
            ));
        }
        out.push((Span { start, end }, Some(tag)));
        at = end;
    }
    if at < span.end {
        out.push((
            Span {
                start: at,
                end: span.end,
            },
            None,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tifa_model::Removal;

    #[test]
    fn a_removal_across_lines_is_labelled_once() {
        let mut doc = Document::bare("d", "a\nb\n\nc");
        doc.removed = vec![Removal {
            span: Span { start: 0, end: 3 },
            reason: "nav".into(),
        }];
        let lines = layout(&doc, &[]);
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[0].pieces[0].kind,
            PieceKind::Removed {
                removal: 0,
                first: true
            }
        );
        assert_eq!(
            lines[1].pieces[0].kind,
            PieceKind::Removed {
                removal: 0,
                first: false
            }
        );
        assert_eq!(lines[2].number, 4);
        assert_eq!(lines[2].pieces[0].kind, PieceKind::Plain);
    }

    proptest::proptest! {
        /// The pieces of every line tile it exactly: the reader shows every byte once.
        #[test]
        fn pieces_tile_each_line(text in "[a-c \\n]{0,80}", cuts in proptest::collection::vec(0usize..80, 0..6)) {
            let mut doc = Document::bare("d", &text);
            let mut points: Vec<u32> = cuts.into_iter().map(|c| c.min(text.len()) as u32).collect();
            points.sort_unstable();
            points.dedup();
            let spans: Vec<Span> = points.chunks(2).filter(|c| c.len() == 2 && c[0] < c[1]).map(|c| Span { start: c[0], end: c[1] }).collect();
            let (removed, highlight) = spans.split_at(spans.len() / 2);
            doc.removed = removed.iter().map(|&span| Removal { span, reason: "r".into() }).collect();
            for line in layout(&doc, highlight) {
                let joined: String = line.pieces.iter().map(|p| doc.text(p.span)).collect();
                let expected = text.split('\n').nth(line.number - 1).unwrap();
                proptest::prop_assert_eq!(joined, expected);
            }
        }
    }
}
