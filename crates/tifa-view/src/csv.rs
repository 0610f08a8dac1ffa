//! What the views download as CSV: UTF-8, a header row first, RFC 4180 quoting, and
//! **a cell a spreadsheet would run as a formula** (one whose first character after any
//! white space — tabs and line breaks included — or quotes is `=`, `+`, `-` or `@`)
//! **prefixed with `'`**, and so is such a text after a `;` inside a cell (a
//! spreadsheet reading `;` as the separator starts a cell there; the cell is quoted
//! too), so opening a file never runs a statement's text. Numbers the app writes (counts, shares, scores) are plain
//! numbers. Every row names the corpus version and the link of the view the file came
//! from, so a figure in a paper can be traced back; a row about words names the
//! passage kinds they were counted in.
//!
//! ```
//! use tifa_view::csv::cell;
//! assert_eq!(cell("plain"), "plain");
//! assert_eq!(cell("a, \"b\""), "\"a, \"\"b\"\"\"");
//! assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
//! assert_eq!(cell("-5"), "'-5");
//! assert_eq!(cell(" =1+1"), "' =1+1");
//! assert_eq!(cell("a;=1+1"), "\"a;'=1+1\"");
//! ```

use crate::concordance::{lines, Line};
use crate::scope::scope;
use crate::tracker::{track, Request};
use crate::url_state::{to_query, UrlState};
use tifa_core::blob::Bundle;
use tifa_core::search::engine::ranked;
use tifa_core::search::filter::Filter;
use tifa_model::{Corpus, Statement};

/// One cell: made safe from formulas, then quoted when it holds a comma, a quote or a
/// line break.
pub fn cell(text: &str) -> String {
    let runs = |t: &str| {
        t.trim_start_matches(|c: char| c.is_whitespace() || c == '"')
            .starts_with(['=', '+', '-', '@'])
    };
    let mut safe = String::with_capacity(text.len() + 1);
    if runs(text) {
        safe.push('\'');
    }
    // After each `;` too: a spreadsheet that reads `;` as the separator starts a cell
    // there.
    for (i, piece) in text.split(';').enumerate() {
        if i > 0 {
            safe.push(';');
            if runs(piece) {
                safe.push('\'');
            }
        }
        safe.push_str(piece);
    }
    let text = safe;
    if text.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One row, ended by CRLF. (A row of one empty cell is written `""`: an empty line
/// would be read as no row at all.)
pub fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    if out.is_empty() {
        out.push_str("\"\"");
    }
    out.push_str("\r\n");
    out
}

/// Where a file is from: the corpus version and the link of its view (`base` is the
/// page's address without its query: `https://example.org/tifa/`).
pub struct Source<'a> {
    pub version: &'a str,
    pub base: &'a str,
}

impl Source<'_> {
    pub(crate) fn link(&self, state: &UrlState) -> String {
        format!("{}{}", self.base, to_query(state))
    }
}

/// A statement's columns: id, speaker, occasion, date, how the date is known, link.
pub(crate) fn statement_cells(corpus: &Corpus, s: &Statement, source: &Source) -> Vec<String> {
    let date = s.date.date.map(|d| d.to_string()).unwrap_or_default();
    vec![
        s.id.to_string(),
        corpus.speaker_of(s).name.to_string(),
        corpus
            .venue_of(s)
            .map(|v| v.name.to_string())
            .unwrap_or_default(),
        date,
        s.date.label(),
        source.link(&UrlState::default().reading(&s.id)),
    ]
}

pub(crate) const STATEMENT_HEAD: [&str; 6] = [
    "statement_id",
    "speaker",
    "occasion",
    "date",
    "date_as_known",
    "statement_link",
];

/// The passage kinds a state counts, as a cell: `quote;reported`.
pub(crate) fn kinds_cell(state: &UrlState) -> String {
    let kinds: Vec<&str> = state
        .filters
        .passage_kinds()
        .list()
        .into_iter()
        .map(|k| k.as_str())
        .collect();
    kinds.join(";")
}

/// Every statement a search finds (not one page), in its order, with the text of the
/// passages it was matched in (the kinds counted).
pub fn results(bundle: &Bundle, state: &UrlState, source: &Source) -> String {
    let corpus = &bundle.corpus;
    let (query, _) = scope(corpus, state);
    let kinds = query.kinds;
    let mut out = row(&[
        STATEMENT_HEAD.as_slice(),
        &[
            "rank",
            "text",
            "kinds_counted",
            "corpus_version",
            "view_link",
        ],
    ]
    .concat());
    let counted = kinds_cell(state);
    let view = source.link(state);
    for (rank, &i) in ranked(corpus, &bundle.index, &query, state.sort)
        .iter()
        .enumerate()
    {
        let s = &corpus.statements[i as usize];
        let doc = corpus.document_of(s);
        let text: Vec<&str> = s
            .passages
            .iter()
            .filter(|p| kinds.contains(p.kind))
            .map(|p| doc.text(p.span))
            .collect();
        let mut cells = statement_cells(corpus, s, source);
        cells.extend([
            (rank + 1).to_string(),
            text.join("\n\n"),
            counted.clone(),
            source.version.into(),
            view.clone(),
        ]);
        out.push_str(&row(&cells));
    }
    out
}

/// Every line of a concordance (all pages), in its order.
pub fn concordance(bundle: &Bundle, state: &UrlState, source: &Source) -> String {
    let corpus = &bundle.corpus;
    let head = [
        STATEMENT_HEAD.as_slice(),
        &[
            "passage",
            "kind",
            "said_by",
            "left",
            "match",
            "right",
            "corpus_version",
            "view_link",
        ],
    ]
    .concat();
    let mut out = row(&head);
    let view = source.link(state);
    for Line {
        statement,
        passage,
        kind,
        voice,
        left,
        hit,
        right,
        ..
    } in lines(bundle, state).0
    {
        let s = &corpus.statements[statement as usize];
        let doc = corpus.document_of(s);
        let mut cells = statement_cells(corpus, s, source);
        cells.extend([
            (passage + 1).to_string(),
            kind.as_str().to_string(),
            voice.label(corpus),
            doc.text(left).to_string(),
            doc.text(hit).to_string(),
            doc.text(right).to_string(),
            source.version.into(),
            view.clone(),
        ]);
        out.push_str(&row(&cells));
    }
    out
}

/// The tracker's numbers: one row per formulation and period.
pub fn tracker(bundle: &Bundle, state: &UrlState, source: &Source) -> String {
    let t = track(bundle, &Request::of(bundle, state));
    let mut out = row(&[
        "formulation",
        "period",
        "statements_with_it",
        "statements_in_period",
        "share_percent",
        "fewer_than_five",
        "kinds_counted",
        "corpus_version",
        "view_link",
    ]);
    let view = source.link(state);
    let counted = kinds_cell(state);
    for s in t.series.iter().chain(&t.fillers) {
        for (p, period) in t.periods.iter().enumerate() {
            let (share, low) = s
                .share(&t.periods, p)
                .map_or((String::new(), false), |(v, low)| {
                    (format!("{}.{}", v / 10, v % 10), low)
                });
            out.push_str(&row(&[
                s.formulation.clone(),
                period.key.clone(),
                s.counts[p].to_string(),
                period.total.to_string(),
                share,
                if low { "yes" } else { "no" }.to_string(),
                counted.clone(),
                source.version.to_string(),
                view.clone(),
            ]));
        }
        for (what, n) in [
            ("date too coarse for the unit", s.coarse),
            ("undated", s.undated),
        ] {
            if n > 0 {
                out.push_str(&row(&[
                    s.formulation.clone(),
                    what.to_string(),
                    n.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    counted.clone(),
                    source.version.to_string(),
                    view.clone(),
                ]));
            }
        }
    }
    out
}

/// Every recurring formulation the list shows under the filters (all pages), in its
/// order, with its first and latest use (the header alone while the bundle has no
/// discoveries: the app offers this file only once it has).
pub fn formulations(bundle: &Bundle, state: &UrlState, source: &Source) -> String {
    let corpus = &bundle.corpus;
    let (rows, _) = crate::formulations::rows(bundle, state).unwrap_or_default();
    let mut out = row(&[
        "formulation",
        "is_name",
        "glue",
        "score",
        "statements",
        "speakers",
        "documents",
        "years",
        "spread",
        "first_statement_id",
        "first_said_by",
        "first_date",
        "first_date_as_known",
        "last_statement_id",
        "last_said_by",
        "last_date",
        "variants",
        "tracker_link",
        "kinds_counted",
        "corpus_version",
        "view_link",
    ]);
    let view = source.link(state);
    let counted = kinds_cell(state);
    for r in rows {
        let (a, b) = (
            &corpus.statements[r.first.statement as usize],
            &corpus.statements[r.last.statement as usize],
        );
        let date = |s: &Statement| s.date.date.map(|d| d.to_string()).unwrap_or_default();
        out.push_str(&row(&[
            r.phrase.clone(),
            r.name.to_string(),
            format!("{:.3}", r.glue),
            format!("{:.3}", r.score),
            r.statements.to_string(),
            r.speakers.to_string(),
            r.documents.to_string(),
            r.years.to_string(),
            format!("{:.2}", r.spread),
            a.id.to_string(),
            r.first.voice.label(corpus),
            date(a),
            a.date.label(),
            b.id.to_string(),
            r.last.voice.label(corpus),
            date(b),
            r.variants.join(" | "),
            source.link(&crate::formulations::tracking(
                state,
                &r.phrase,
                &r.variants,
            )),
            counted.clone(),
            source.version.to_string(),
            view.clone(),
        ]));
    }
    out
}

/// Every pair of reused passages where either statement passes the state's filters,
/// once each (the earlier statement first), with the words they share (the header
/// alone while the bundle has no discoveries, as [`formulations`]).
pub fn reuse(bundle: &Bundle, state: &UrlState, source: &Source) -> String {
    let corpus = &bundle.corpus;
    let mut filters_only = state.clone();
    filters_only.q = None;
    let filter = Filter::new(corpus, &scope(corpus, &filters_only).0);
    let passes = |i: u32| {
        corpus
            .statements
            .get(i as usize)
            .is_some_and(|s| filter.as_ref().is_none_or(|f| f.passes(s)))
    };
    let head = [
        STATEMENT_HEAD.as_slice(),
        &["passage", "kind"],
        &STATEMENT_HEAD.map(|h| match h {
            "statement_id" => "other_statement_id",
            "speaker" => "other_speaker",
            "occasion" => "other_occasion",
            "date" => "other_date",
            "date_as_known" => "other_date_as_known",
            _ => "other_statement_link",
        }),
        &[
            "other_passage",
            "other_kind",
            "words_shared",
            "shared_text",
            "corpus_version",
            "view_link",
        ],
    ]
    .concat();
    let mut out = row(&head);
    let view = source.link(state);
    for a in 0..corpus.statements.len() as u32 {
        let shared = crate::reuse::of_statement(bundle, a, state.filters.passage_kinds())
            .unwrap_or_default();
        for (passage, list) in shared {
            for x in list.into_iter().filter(|x| x.other > a) {
                if !passes(a) && !passes(x.other) {
                    continue;
                }
                let (sa, sb) = (
                    &corpus.statements[a as usize],
                    &corpus.statements[x.other as usize],
                );
                let doc = corpus.document_of(sa);
                let text: Vec<&str> = x.here.iter().map(|&sp| doc.text(sp)).collect();
                let kind = |s: &Statement, p: u16| {
                    s.passages
                        .get(p as usize)
                        .map_or("", |p| p.kind.as_str())
                        .to_string()
                };
                let mut cells = statement_cells(corpus, sa, source);
                cells.push((passage + 1).to_string());
                cells.push(kind(sa, passage));
                cells.extend(statement_cells(corpus, sb, source));
                cells.extend([
                    (x.other_passage + 1).to_string(),
                    kind(sb, x.other_passage),
                    x.words.to_string(),
                    text.join(" … "),
                    source.version.to_string(),
                    view.clone(),
                ]);
                out.push_str(&row(&cells));
            }
        }
    }
    out
}

/// A file name saying what a file holds: `tifa-<what>-<words>.csv`.
pub fn file_name(what: &str, words: &str) -> String {
    let slug: String = words
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        format!("tifa-{what}.csv")
    } else {
        format!("tifa-{what}-{slug}.csv")
    }
}

/// The file of a statistics view (keywords, collocates, clusters, dispersion): every
/// row of its list (all pages), each with what was compared, the words counted, the
/// corpus version and the view's link (`crate::stats_page::files`).
pub fn statistics(bundle: &Bundle, state: &UrlState, source: &Source) -> String {
    crate::stats_page::files::file(bundle, state, source)
}
