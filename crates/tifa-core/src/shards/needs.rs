//! Which pieces a search reads, so that the page fetches those and no others (and a
//! benchmark can say how many bytes a first result costs).

use super::{Manifest, Range, TermRange};
use crate::search::index::{Field, Index};
use crate::search::query::{Query, Slot, Term};
use crate::search::text::stem;
use std::collections::BTreeMap;

/// The files a search reads, by name, with their sizes as served.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    pub files: BTreeMap<String, u32>,
}

impl Needs {
    /// Bytes on the wire (before the host's own compression, which packed files do not
    /// need).
    pub fn bytes(&self) -> u64 {
        self.files.values().map(|&b| b as u64).sum()
    }

    /// The files named here that `have` says are not fetched yet, with their sizes: what
    /// a round fetches.
    pub fn missing(self, have: impl Fn(&str) -> bool) -> Vec<(String, u32)> {
        self.files
            .into_iter()
            .filter(|(name, _)| !have(name))
            .collect()
    }

    /// How many files and bytes of each kind.
    pub fn by_kind(&self) -> BTreeMap<&str, (usize, u64)> {
        let mut out = BTreeMap::<&str, (usize, u64)>::new();
        for (name, &bytes) in &self.files {
            let kind = name.split('-').next().unwrap_or_default();
            let e = out.entry(kind).or_default();
            e.0 += 1;
            e.1 += bytes as u64;
        }
        out
    }

    /// Names `file` (when there is one) among the files needed.
    pub fn add(&mut self, file: Option<&super::File>) {
        if let Some(file) = file {
            self.files.insert(file.name.to_string(), file.bytes);
        }
    }
}

/// The pieces the engine reads for `query` to show the results `shown` (statement
/// numbers), given what `index` (made by `index_of` from `manifest`) has filled: the
/// term pieces of its words (both fields for a word, the exact words for a beginning
/// or a phrase), which hold their postings and places; once a word's stem is filled,
/// the pieces of its other forms too, when the search reads statements again (a
/// statement with passages of kinds the query does not count, known from the facets,
/// is read in its words' places, as are a phrase's and a `NEAR`'s candidates); and
/// the records and documents of the statements shown (their snippets). The manifest
/// itself is not counted. Fetch, fill and ask again until nothing new is named.
pub fn needs(manifest: &Manifest, index: &Index, query: &Query, shown: &[u32]) -> Needs {
    let mut out = Needs::default();
    let terms = query.required.iter().flatten().chain(&query.excluded);
    for term in terms {
        let (statements, read_again) = term_needs(term, manifest, index, &mut out);
        let kinds = &index.facets.kinds;
        let reread = read_again
            || statements
                .iter()
                .any(|&s| !kinds[s as usize].within(query.kinds));
        if reread {
            places_needs(term, manifest, index, &mut out);
        }
    }
    for &s in shown {
        out.add(range_of(&manifest.records, s));
        if let Some(&doc) = manifest.document_of.get(s as usize) {
            out.add(range_of(&manifest.documents_files, doc));
        }
    }
    out
}

/// The records of `statements` and the documents `documents` (numbers): what a list
/// of them reads.
pub fn records_and_documents(
    manifest: &Manifest,
    statements: impl IntoIterator<Item = u32>,
    documents: std::ops::Range<u32>,
) -> Needs {
    let mut out = Needs::default();
    for s in statements {
        out.add(range_of(&manifest.records, s));
    }
    for d in documents {
        out.add(range_of(&manifest.documents_files, d));
    }
    out
}

/// The file of the id piece of `table` (the manifest's `statement_ids` or
/// `document_ids`) that would hold `id`.
pub fn ids_file<'m>(table: &'m [super::IdRange<'_>], id: &str) -> Option<&'m super::File<'m>> {
    let at = table.partition_point(|r| r.first_id.as_ref() <= id);
    table.get(at.checked_sub(1)?).map(|r| &r.file)
}

/// Every piece but the places (the token streams hold the same words) and the id
/// tables (the look-ups are built once all is here): what a view that reads or counts
/// across the whole corpus needs until it names its own pieces.
pub fn everything(manifest: &Manifest) -> Needs {
    let mut out = Needs::default();
    for piece in manifest.text.pieces.iter().chain(&manifest.exact.pieces) {
        out.add(Some(&piece.file));
    }
    let ranges = manifest.records.iter();
    for r in ranges
        .chain(&manifest.documents_files)
        .chain(&manifest.tokens)
    {
        out.add(Some(&r.file));
    }
    out
}

/// The pieces of the exact words a term is read in, with their places: a word's
/// forms (once its stem is filled), a beginning's words, a phrase's words.
fn places_needs(term: &Term, manifest: &Manifest, index: &Index, out: &mut Needs) {
    let mut with_places = |piece: Option<&TermRange>| {
        if let Some(p) = piece {
            out.add(Some(&p.file));
            out.add(p.places.as_ref());
        }
    };
    match term {
        Term::Word(w) => {
            if let Some(t) = index.text.find(&stem(w)) {
                for &form in index.text.forms(t) {
                    with_places(id_range(&manifest.exact.pieces, form));
                }
            }
        }
        Term::Prefix(p) => prefix_ranges(&manifest.exact.pieces, p)
            .iter()
            .for_each(|piece| with_places(Some(piece))),
        Term::Phrase(slots) => {
            for slot in slots {
                if let Slot::Word(w) = slot {
                    with_places(term_piece(&manifest.exact.pieces, w));
                }
            }
        }
        Term::Near(a, b, _) => {
            places_needs(a, manifest, index, out);
            places_needs(b, manifest, index, out);
        }
    }
}

/// A term's pieces, added to `out`; and the statements whose postings (as filled) hold
/// its words, with whether the engine reads them again in their places (a phrase, a
/// `NEAR`).
fn term_needs(
    term: &Term,
    manifest: &Manifest,
    index: &Index,
    out: &mut Needs,
) -> (Vec<u32>, bool) {
    match term {
        Term::Word(w) => {
            let s = stem(w);
            out.add(term_range(&manifest.text.pieces, &s));
            out.add(term_range(&manifest.exact.pieces, w));
            let mut statements = statements_of(&index.text, index.text.find(&s));
            statements.extend(statements_of(&index.exact, index.exact.find(w)));
            statements.sort_unstable();
            statements.dedup();
            (statements, false)
        }
        Term::Prefix(p) => {
            for piece in prefix_ranges(&manifest.exact.pieces, p) {
                out.add(Some(&piece.file));
            }
            let mut statements: Vec<u32> = index
                .exact
                .with_prefix(p)
                .flat_map(|i| statements_of(&index.exact, Some(i)))
                .collect();
            statements.sort_unstable();
            statements.dedup();
            (statements, false)
        }
        Term::Phrase(slots) => {
            let mut all: Option<Vec<u32>> = None;
            for slot in slots {
                if let Slot::Word(w) = slot {
                    out.add(term_range(&manifest.exact.pieces, w));
                    let these = statements_of(&index.exact, index.exact.find(w));
                    all = Some(match all {
                        None => these,
                        Some(before) => intersect(&before, &these),
                    });
                }
            }
            (all.unwrap_or_default(), true)
        }
        Term::Near(a, b, _) => {
            let (left, _) = term_needs(a, manifest, index, out);
            let (right, _) = term_needs(b, manifest, index, out);
            (intersect(&left, &right), true)
        }
    }
}

/// The statements a term's postings hold, in order (none for a term not in the field).
fn statements_of(field: &Field, term: Option<usize>) -> Vec<u32> {
    let mut out = Vec::new();
    if let Some(i) = term {
        field.for_each(i, |s, _| out.push(s));
    }
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .copied()
        .filter(|x| b.binary_search(x).is_ok())
        .collect()
}

/// The file of the piece whose run of terms would hold `term` (none in an empty field).
fn term_range<'m>(pieces: &'m [TermRange<'_>], term: &str) -> Option<&'m super::File<'m>> {
    let at = pieces.partition_point(|p| p.first_term.as_ref() <= term);
    pieces.get(at.saturating_sub(1)).map(|p| &p.file)
}

/// The pieces whose runs may hold a term beginning with `prefix`.
fn prefix_ranges<'m, 'a>(pieces: &'m [TermRange<'a>], prefix: &str) -> &'m [TermRange<'a>] {
    if pieces.is_empty() {
        return pieces;
    }
    let first = pieces
        .partition_point(|p| p.first_term.as_ref() <= prefix)
        .saturating_sub(1);
    let end = first
        + 1
        + pieces[(first + 1).min(pieces.len())..]
            .iter()
            .take_while(|p| p.first_term.starts_with(prefix))
            .count();
    &pieces[first..end.min(pieces.len())]
}

/// The run of terms holding term id `i`.
fn id_range<'m, 'a>(pieces: &'m [TermRange<'a>], i: u32) -> Option<&'m TermRange<'a>> {
    let at = pieces.partition_point(|p| p.first <= i);
    pieces.get(at.checked_sub(1)?)
}

/// The run of terms that would hold `term`.
fn term_piece<'m, 'a>(pieces: &'m [TermRange<'a>], term: &str) -> Option<&'m TermRange<'a>> {
    let at = pieces.partition_point(|p| p.first_term.as_ref() <= term);
    pieces.get(at.checked_sub(1)?)
}

/// The file of the run of statements (or documents) holding number `i`.
fn range_of<'m>(ranges: &'m [Range<'_>], i: u32) -> Option<&'m super::File<'m>> {
    let at = ranges.partition_point(|r| r.first <= i);
    ranges.get(at.saturating_sub(1)).map(|r| &r.file)
}
