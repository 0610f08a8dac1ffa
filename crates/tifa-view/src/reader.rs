//! What the reader shows around a statement: its citation, where the search that led
//! to it goes next, and the comparisons it suggests.
//!
//! ```
//! use tifa_model::PassageKind;
//! use tifa_view::reader::kind_label;
//! assert_eq!(kind_label(PassageKind::Reported), "Reported speech");
//! ```

use crate::scope::scope;
use crate::url_state::{UrlState, ViewKind, MAX_COMPARE, MAX_VALUE_LEN};
use tifa_core::blob::Bundle;
use tifa_core::search::engine::{match_spans, ranked};
use tifa_model::{Basis, Corpus, Document, PassageKind, Span, Statement};

/// Source texts longer than this (bytes) are drawn after the statement above them has
/// been painted: drawing a 100 KB text twice (its passages and its source) kept the
/// reader from painting for about 150 ms (`bash .ci/bench-long`).
pub const DEFER_SOURCE_BYTES: usize = 20_000;

/// Whether the reader draws this document's source text after its first paint.
///
/// ```
/// use tifa_model::Document;
/// use tifa_view::reader::defer_source;
/// assert!(!defer_source(&Document::bare("d", "short")));
/// assert!(defer_source(&Document::bare("d", &"long text ".repeat(3_000))));
/// ```
pub fn defer_source(doc: &Document) -> bool {
    doc.raw.len() > DEFER_SOURCE_BYTES
}

/// Passages a view draws at once from a long statement (one whose document is over
/// [`DEFER_SOURCE_BYTES`]), and how many more after each painted frame: drawing the 122
/// passages of a 100 KB statement in one task kept the page from painting for about
/// 120 ms (`bash .ci/bench-long`).
pub const FIRST_PASSAGES: usize = 12;
pub const PASSAGES_A_FRAME: usize = 24;

/// The parts a view draws a statement's `passages` in: the first with the view, each
/// next one a frame later (one part for a short document, or when the passage `target`
/// of the URL's fragment lies beyond the first part: it must exist to be scrolled to).
///
/// ```
/// use tifa_model::Document;
/// use tifa_view::reader::passage_parts;
/// assert_eq!(passage_parts(&Document::bare("d", "short"), 40, None), [0..40]);
/// let long = Document::bare("d", &"long text ".repeat(3_000));
/// assert_eq!(passage_parts(&long, 40, None), [0..12, 12..36, 36..40]);
/// assert_eq!(passage_parts(&long, 40, Some(20)), [0..40]);
/// assert_eq!(passage_parts(&long, 5, None), [0..5]);
/// ```
pub fn passage_parts(
    doc: &Document,
    passages: usize,
    target: Option<usize>,
) -> Vec<std::ops::Range<usize>> {
    if !defer_source(doc) || target.is_some_and(|t| t >= FIRST_PASSAGES) {
        return std::iter::once(0..passages).collect();
    }
    row_parts(passages)
}

/// The parts a list of `rows` is drawn in, whatever their length: [`FIRST_PASSAGES`]
/// with the view, then [`PASSAGES_A_FRAME`] a frame (the aligned comparison's pairs of
/// two long statements: 226 rows of word diffs in one task kept the page from painting
/// for about 120 ms).
///
/// ```
/// use tifa_view::reader::row_parts;
/// assert_eq!(row_parts(12), [0..12]);
/// assert_eq!(row_parts(50), [0..12, 12..36, 36..50]);
/// ```
pub fn row_parts(rows: usize) -> Vec<std::ops::Range<usize>> {
    if rows <= FIRST_PASSAGES {
        return std::iter::once(0..rows).collect();
    }
    let mut parts: Vec<_> = std::iter::once(0..FIRST_PASSAGES).collect();
    let mut at = FIRST_PASSAGES;
    while at < rows {
        let end = (at + PASSAGES_A_FRAME).min(rows);
        parts.push(at..end);
        at = end;
    }
    parts
}

/// How a passage kind is named in the UI.
pub fn kind_label(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Quote => "Quote",
        PassageKind::Reported => "Reported speech",
        PassageKind::Narration => "Narration",
        PassageKind::Question => "Question",
    }
}

/// A citation of a statement: who said it, where and when, the source that reports
/// it, and its id (the app adds the link when it is copied).
pub fn citation(corpus: &Corpus, s: &Statement) -> String {
    let doc = corpus.document_of(s);
    let speaker = corpus.speaker_of(s).name.as_ref();
    let role = s
        .role
        .as_ref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let venue = corpus
        .venue_of(s)
        .map(|v| format!(", {}", v.name.as_ref()))
        .unwrap_or_default();
    let outlet = corpus
        .outlet_name(doc)
        .map(|o| format!(", {o}"))
        .unwrap_or_default();
    let url = doc
        .url
        .as_deref()
        .map(|u| format!(" {u}."))
        .unwrap_or_default();
    format!(
        "{speaker}{role}, statement of {}{venue}. In “{}”{outlet}, {}.{url} Tifa statement {}.",
        s.date.label(),
        doc.title.as_ref(),
        doc.published.label(),
        s.id.as_ref()
    )
}

/// Where a statement stands in the search that led to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    /// 0-based position in the results.
    pub at: usize,
    pub total: usize,
    pub prev: Option<UrlState>,
    pub next: Option<UrlState>,
    /// The results themselves, at the page this statement is on.
    pub back: UrlState,
    /// `“rights”`, or `the filtered statements`.
    pub what: String,
}

/// "Result 3 of 41" with previous and next, when the statement at `here` was opened
/// from a search (which stays in the URL) that finds it.
pub fn steps(bundle: &Bundle, state: &UrlState, here: u32) -> Option<Steps> {
    let corpus = &bundle.corpus;
    let (query, _) = scope(corpus, state);
    if query.is_empty() {
        return None;
    }
    let order = ranked(corpus, &bundle.index, &query, state.sort);
    let at = order.iter().position(|&i| i == here)?;
    let link = |i: u32| state.reading(&corpus.statements[i as usize].id);
    Some(Steps {
        at,
        total: order.len(),
        prev: at.checked_sub(1).map(|p| link(order[p])),
        next: order.get(at + 1).map(|&n| link(n)),
        // The page of the results this statement is on.
        back: state.changed_in(ViewKind::Search, |back| {
            back.page = Some((at / crate::search_page::PAGE_SIZE) as u32 + 1).filter(|&p| p > 1);
        }),
        what: state.q.as_ref().map_or_else(
            || "the filtered statements".to_string(),
            |q| format!("“{q}”"),
        ),
    })
}

/// Comparisons worth offering from the statement at `here`: with the other statements
/// of its source, and with the statements by the same speaker nearest in time (the
/// corpus is in date order), each as (the ids to compare, what the link says).
pub fn compare_suggestions(bundle: &Bundle, here: u32) -> Vec<(Vec<String>, String)> {
    let corpus = &bundle.corpus;
    let s = &corpus.statements[here as usize];
    let with = |others: &[&Statement]| -> Vec<String> {
        std::iter::once(s.id.to_string())
            .chain(others.iter().map(|o| o.id.to_string()))
            .collect()
    };
    let same_doc: Vec<&Statement> = bundle
        .statements_of(s.document)
        .filter(|o| o.id != s.id)
        .take(MAX_COMPARE - 1)
        .collect();
    let same_speaker: Vec<&Statement> = nearest_by_speaker(bundle, here)
        .into_iter()
        .map(|i| &corpus.statements[i as usize])
        .collect();
    let mut links = Vec::new();
    if !same_doc.is_empty() {
        let text = format!("the other statements of this source ({})", same_doc.len());
        links.push((with(&same_doc), text));
    }
    if same_speaker.iter().any(|o| o.document != s.document) {
        let text = format!(
            "the statements by {} nearest in time ({})",
            corpus.speaker_of(s).name,
            same_speaker.len()
        );
        links.push((with(&same_speaker), text));
    }
    links
}

/// The statements by the speaker of the statement at `here` nearest to it in corpus
/// order (the corpus is in date order), at most `MAX_COMPARE - 1`: read off the facets,
/// so a sharded corpus knows which records to fetch before it has them.
pub fn nearest_by_speaker(bundle: &Bundle, here: u32) -> Vec<u32> {
    let speakers = &bundle.index.facets.speaker;
    let Some(&speaker) = speakers.get(here as usize) else {
        return Vec::new();
    };
    let mut same: Vec<(u32, u32)> = (0..speakers.len() as u32)
        .filter(|&i| i != here && speakers[i as usize] == speaker)
        .map(|i| (i.abs_diff(here), i))
        .collect();
    same.sort_by_key(|&(d, _)| d);
    same.into_iter()
        .take(MAX_COMPARE - 1)
        .map(|(_, i)| i)
        .collect()
}

/// Words of a statement's first passage a list shows when the annotation chose no
/// headline.
pub const HEADLINE_WORDS: usize = 14;

/// What a statement is about, in its own words: the headline its annotation chose (a
/// verbatim span of its passages), else the first words of its first passage.
///
/// ```
/// use tifa_model::{Corpus, DateClaim, Document, Passage, PassageKind, Span, Statement};
/// use tifa_view::reader::headline;
/// let mut c = Corpus::empty();
/// c.documents.push(Document::bare("d", "We firmly oppose interference in internal affairs. More follows."));
/// let s = Statement {
///     id: "s".into(), document: 0, speaker: 0, role: None, venue: None, venue_evidence: None,
///     topics: vec![], date: DateClaim::unknown(),
///     passages: vec![Passage { kind: PassageKind::Quote, span: Span { start: 0, end: 64 } }],
///     headline: Some(Span { start: 17, end: 49 }),
/// };
/// assert_eq!(headline(&c, &s), "interference in internal affairs");
/// let plain = Statement { headline: None, ..s };
/// assert_eq!(headline(&c, &plain), "We firmly oppose interference in internal affairs. More follows.");
/// ```
pub fn headline(corpus: &Corpus, s: &Statement) -> String {
    let doc = corpus.document_of(s);
    let own = |p: &&tifa_model::Passage| tifa_model::Kinds::OWN_WORDS.contains(p.kind);
    // The speaker's own words: a headline the annotation chose inside a quote or
    // reported speech, else the first of those passages (narration only when the
    // statement has nothing else).
    if let Some(h) = s.headline {
        let inside = s
            .passages
            .iter()
            .filter(own)
            .any(|p| p.span.start <= h.start && h.end <= p.span.end);
        if let Some(text) = doc
            .raw
            .get(h.start as usize..h.end as usize)
            .filter(|_| inside)
        {
            return text.to_string();
        }
    }
    let first = s.passages.iter().find(own).or(s.passages.first());
    let words = first.map_or("", |p| doc.text(p.span));
    let mut out: Vec<&str> = words.split_whitespace().take(HEADLINE_WORDS + 1).collect();
    let more = out.len() > HEADLINE_WORDS;
    out.truncate(HEADLINE_WORDS);
    let mut text = out.join(" ");
    if more {
        text.push('…');
    }
    text
}

/// What follows a statement's speaker in a list: ` — date · venue`.
pub fn statement_meta(corpus: &Corpus, s: &Statement) -> String {
    let venue = corpus
        .venue_of(s)
        .map_or("venue unknown", |v| v.name.as_ref());
    format!(" — {} · {venue}", s.date.label())
}

/// A document's outlet as a list shows it: its name, `(inferred)` when it is, or
/// `outlet unknown`.
pub fn outlet_label(corpus: &Corpus, doc: &Document) -> String {
    match (corpus.outlet_name(doc), &doc.outlet.basis) {
        (Some(name), Basis::Inferred { .. }) => format!("{name} (inferred)"),
        (Some(name), _) => name.to_string(),
        (None, _) => "outlet unknown".to_string(),
    }
}

/// A statement's topics in one line, as lists show them (`Human rights · Trade`);
/// `None` without a topic.
pub fn topic_line(corpus: &Corpus, s: &Statement) -> Option<String> {
    let names: Vec<&str> = corpus.topics_of(s).map(|t| t.name.as_ref()).collect();
    (!names.is_empty()).then(|| names.join(" · "))
}

/// The words of the search that led to a statement, marked in its passages: what the
/// state's query matches there, as search highlights it (nothing without a query).
pub fn searched_spans(corpus: &Corpus, state: &UrlState, s: &Statement) -> Vec<Span> {
    if state.q.is_none() {
        return Vec::new();
    }
    let (query, _) = scope(corpus, state);
    match_spans(corpus, &query, s)
}

/// What asking for a selection when there is none (or too much) says.
pub const SELECT_FIRST: &str = "Select a few words of a passage first (at most a sentence).";

/// "Track the selected words": the words selected in a page, as one exact phrase (runs
/// of white space made one space, punctuation at either end and quotation marks left
/// out), in the tracker with the state's filters. Without words, or with more than a
/// URL value holds, the hint [`SELECT_FIRST`].
///
/// ```
/// use tifa_view::reader::{tracking_selection, SELECT_FIRST};
/// use tifa_view::url_state::{parse, to_query};
/// let here = parse("?s=x&speaker=a").state;
/// let to = tracking_selection(&here, " “win-win\n  cooperation,” ").unwrap();
/// assert_eq!(to_query(&to), "?speaker=a&f=%22win-win+cooperation%22");
/// assert_eq!(tracking_selection(&here, " ,. "), Err(SELECT_FIRST));
/// ```
pub fn tracking_selection(state: &UrlState, selected: &str) -> Result<UrlState, &'static str> {
    let words = selected.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = words.trim_matches(|c: char| !c.is_alphanumeric());
    if words.is_empty() || words.chars().count() + 2 > MAX_VALUE_LEN {
        return Err(SELECT_FIRST);
    }
    let mut to = state.tracking();
    to.track.f = vec![format!("\"{}\"", words.replace('"', ""))];
    Ok(to)
}
