//! Cutting a corpus and its index into pieces and a manifest.

use super::{
    name_of, FieldTable, File, IdRange, Manifest, Piece, Range, TermRange, MANIFEST_MAGIC,
    PIECE_MAGIC,
};
use crate::search::index::{Bytes, Field, Index, PlaceRun, TermInfo, TermRun, TokenRun, Tokens};
use std::borrow::Cow;
use tifa_model::format::with_header;
use tifa_model::varint::put as put_varint;
use tifa_model::{Corpus, PassageKind, Text};

/// How many bytes (unpacked) a piece of each kind holds at most, unless one item is
/// larger (a term with long postings, a long document: then it is a piece alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub terms: usize,
    pub records: usize,
    pub documents: usize,
    pub tokens: usize,
}

impl Default for Sizes {
    /// 32 KB of postings and places, 8 KB of statement records, 8 KB of text, 32 KB
    /// of words: a first page of ten results reads ten records and ten documents
    /// pieces, a few KB each packed, while a view that reads many statements fetches
    /// hundreds of files, not thousands (`tifa shards` prints what each costs).
    fn default() -> Self {
        Sizes {
            terms: 32 << 10,
            records: 8 << 10,
            documents: 8 << 10,
            tokens: 32 << 10,
        }
    }
}

/// A corpus cut: the packed manifest and every packed piece, each with its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub manifest: (String, Vec<u8>),
    pub files: Vec<(String, Vec<u8>)>,
}

/// Cuts `corpus` and its `index` (as `index::build` made it) into pieces of at most
/// `sizes`, packs them with `pack` (given every piece at once, so the caller may pack
/// them in parallel; it must return them in order) and writes the manifest naming
/// them, with `version` the corpus version links carry.
///
/// ```
/// use tifa_core::{blob::Bundle, shards};
/// use tifa_model::Corpus;
/// let bundle = Bundle::new(Corpus::empty());
/// let same = |raw: Vec<&[u8]>| raw.into_iter().map(<[u8]>::to_vec).collect();
/// let cut = shards::cut(&bundle.corpus, &bundle.index, "v1", &Default::default(), same);
/// assert!(cut.manifest.0.starts_with("manifest-"));
/// assert!(cut.files.is_empty());
/// ```
pub fn cut(
    corpus: &Corpus,
    index: &Index,
    version: &str,
    sizes: &Sizes,
    pack: impl Fn(Vec<&[u8]>) -> Vec<Vec<u8>>,
) -> Cut {
    let mut raw: Vec<(&'static str, Vec<u8>)> = Vec::new();
    let places = places_of(corpus, index);
    let text_runs = term_runs(&index.text, &[], sizes.terms);
    let exact_runs = term_runs(&index.exact, &places, sizes.terms);
    for run in &text_runs {
        raw.push(("stems", piece(&terms_piece(&index.text, run.clone()))));
    }
    for run in &exact_runs {
        raw.push(("words", piece(&terms_piece(&index.exact, run.clone()))));
        raw.push(("places", piece(&places_piece(&places, run.clone()))));
    }
    drop(places);
    let record_runs = runs(corpus.statements.len(), sizes.records, |s| {
        postcard::to_allocvec(&corpus.statements[s]).map_or(0, |b| b.len())
    });
    for run in &record_runs {
        let statements = run.clone().map(|s| corpus.statements[s].clone()).collect();
        raw.push(("records", piece(&Piece::Records { statements })));
    }
    let document_runs = runs(corpus.documents.len(), sizes.documents, |d| {
        corpus.documents[d].raw.len() + 64
    });
    for run in &document_runs {
        let documents: Vec<_> = run.clone().map(|d| corpus.documents[d].clone()).collect();
        let texts = documents.iter().map(|d| d.raw.clone()).collect();
        raw.push(("documents", piece(&Piece::Documents { documents, texts })));
    }
    let tokens = &index.tokens;
    let words_of = |s: usize| {
        let mut bytes = 8;
        tokens.each_passage_bytes(s as u32, |b| {
            bytes += b.len() + 4;
            true
        });
        bytes
    };
    let token_runs = runs(corpus.statements.len(), sizes.tokens, words_of);
    for run in &token_runs {
        raw.push(("tokens", piece(&tokens_piece(tokens, run.clone()))));
    }
    let statement_ids = id_runs(corpus.statements.len(), sizes.records, |s| {
        &corpus.statements[s].id
    });
    let document_ids = id_runs(corpus.documents.len(), sizes.records, |d| {
        &corpus.documents[d].id
    });
    for run in statement_ids.iter().chain(&document_ids) {
        raw.push(("ids", piece(&run.1)));
    }
    let packed = pack(raw.iter().map(|(_, bytes)| bytes.as_slice()).collect());
    let files: Vec<(String, Vec<u8>)> = raw
        .iter()
        .zip(packed)
        .map(|((kind, _), bytes)| (name_of(kind, &bytes), bytes))
        .collect();
    let mut named = files.iter().map(|(name, bytes)| File {
        name: Text(Cow::Owned(name.clone())),
        bytes: bytes.len() as u32,
    });
    let mut table = |field: &Field<'_>, runs: &[std::ops::Range<usize>], places: bool| FieldTable {
        lengths: field.lengths.clone(),
        average: field.average,
        terms: field.len() as u32,
        pieces: runs
            .iter()
            .map(|run| TermRange {
                first_term: Text(Cow::Owned(field.term(run.start).to_string())),
                first: run.start as u32,
                file: named.next().expect("a file for every piece"),
                places: places.then(|| named.next().expect("a file for every piece")),
            })
            .collect(),
    };
    let text = table(&index.text, &text_runs, false);
    let exact = table(&index.exact, &exact_runs, true);
    let mut ranges = |runs: &[std::ops::Range<usize>]| -> Vec<Range<'static>> {
        runs.iter()
            .map(|run| Range {
                first: run.start as u32,
                file: named.next().expect("a file for every piece"),
            })
            .collect()
    };
    let records = ranges(&record_runs);
    let documents_files = ranges(&document_runs);
    let token_files = ranges(&token_runs);
    let mut id_ranges = |runs: Vec<(Text<'static>, Piece<'_>)>| -> Vec<IdRange<'static>> {
        runs.into_iter()
            .map(|(first_id, _)| IdRange {
                first_id,
                file: named.next().expect("a file for every piece"),
            })
            .collect()
    };
    let statement_ids = id_ranges(statement_ids);
    let document_ids = id_ranges(document_ids);
    let manifest = Manifest {
        version: Text(Cow::Owned(version.to_string())),
        statements: corpus.statements.len() as u32,
        documents: corpus.documents.len() as u32,
        speakers: corpus.speakers.clone(),
        venues: corpus.venues.clone(),
        outlets: corpus.outlets.clone(),
        topics: corpus.topics.clone(),
        facets: index.facets.clone(),
        document_of: corpus.statements.iter().map(|s| s.document).collect(),
        text,
        exact,
        tokens_width: tokens.width,
        records,
        documents_files,
        tokens: token_files,
        statement_ids,
        document_ids,
    };
    let raw_manifest = with_header(MANIFEST_MAGIC, &manifest);
    let packed = pack(vec![raw_manifest.as_slice()])
        .pop()
        .unwrap_or_default();
    Cut {
        manifest: (name_of("manifest", &packed), packed),
        files,
    }
}

/// `n` ids (`id_of`) in id order, in runs of about `budget` bytes: each run's first id
/// and its piece.
fn id_runs<'c>(
    n: usize,
    budget: usize,
    id_of: impl Fn(usize) -> &'c str,
) -> Vec<(Text<'static>, Piece<'c>)> {
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| id_of(a as usize).cmp(id_of(b as usize)));
    runs(n, budget, |i| id_of(order[i] as usize).len() + 4)
        .into_iter()
        .map(|run| {
            let numbers = order[run].to_vec();
            let ids: Vec<Text> = numbers
                .iter()
                .map(|&i| Text(Cow::Borrowed(id_of(i as usize))))
                .collect();
            let first = Text(Cow::Owned(ids[0].to_string()));
            (first, Piece::Ids { ids, numbers })
        })
        .collect()
}

fn piece(piece: &Piece<'_>) -> Vec<u8> {
    with_header(PIECE_MAGIC, piece)
}

/// Consecutive runs of `n` items, each at most `budget` bytes by `size` unless its one
/// item is larger.
fn runs(n: usize, budget: usize, size: impl Fn(usize) -> usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut used) = (0, 0);
    for i in 0..n {
        let s = size(i);
        if i > start && used + s > budget {
            out.push(start..i);
            (start, used) = (i, 0);
        }
        used += s;
    }
    if start < n {
        out.push(start..n);
    }
    out
}

/// A field's terms in runs of about `budget` bytes of terms, postings and places.
fn term_runs(field: &Field<'_>, places: &[Vec<u8>], budget: usize) -> Vec<std::ops::Range<usize>> {
    runs(field.len(), budget, |i| {
        field.term(i).len() + 8 + field.postings_of(i).len() + places.get(i).map_or(0, Vec::len)
    })
}

/// Where each exact term occurs, encoded as `TermRun::positions` says, read off the
/// token streams: statement by statement, so each term's places follow its postings.
fn places_of(corpus: &Corpus, index: &Index) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new(); index.exact.len()];
    let mut words = Vec::new();
    for s in 0..corpus.statements.len() {
        let passages = &corpus.statements[s].passages;
        index.tokens.each_passage(s as u32, &mut words, |p, ids| {
            let kind = passages.get(p).map_or(0, |x| {
                PassageKind::ALL
                    .iter()
                    .position(|&k| k == x.kind)
                    .unwrap_or(0) as u32
            });
            for (w, &id) in ids.iter().enumerate() {
                if let Some(list) = out.get_mut(id as usize) {
                    put_varint(list, (p as u32) << 2 | kind);
                    put_varint(list, w as u32);
                }
            }
            true
        });
    }
    out
}

/// The terms of `run` with their postings, offsets from the run's first.
fn terms_piece<'f>(field: &'f Field<'_>, run: std::ops::Range<usize>) -> Piece<'f> {
    let mut postings = Vec::new();
    let mut info = Vec::with_capacity(run.len());
    let mut terms = Vec::with_capacity(run.len());
    let mut stem_of = Vec::new();
    let mut form_start = Vec::new();
    let mut forms = Vec::new();
    for i in run {
        let these = field.forms(i);
        if !these.is_empty() || !form_start.is_empty() {
            if form_start.is_empty() {
                // Every stem has a form: the first one met starts the table.
                form_start.push(0);
            }
            forms.extend_from_slice(these);
            form_start.push(forms.len() as u32);
        }
        info.push(TermInfo {
            df: field.info(i).df,
            offset: postings.len() as u32,
        });
        postings.extend_from_slice(field.postings_of(i));
        terms.push(Text(Cow::Borrowed(field.term(i))));
        stem_of.extend(field.stem_of(i));
    }
    Piece::Terms(TermRun {
        terms,
        info,
        postings: Bytes(Cow::Owned(postings)),
        stem_of,
        form_start,
        forms,
    })
}

/// The places of the exact terms of `run`.
fn places_piece(places: &[Vec<u8>], run: std::ops::Range<usize>) -> Piece<'static> {
    let mut start = vec![0u32];
    let mut bytes = Vec::new();
    for i in run {
        bytes.extend_from_slice(places.get(i).map_or(&[][..], Vec::as_slice));
        start.push(bytes.len() as u32);
    }
    Piece::Places(PlaceRun {
        start,
        places: Bytes(Cow::Owned(bytes)),
    })
}

/// The token streams of the statements of `run`, counted from 0.
fn tokens_piece<'i>(tokens: &'i Tokens, run: std::ops::Range<usize>) -> Piece<'i> {
    let mut words = Vec::new();
    let mut passage_start = vec![0u32];
    let mut first_passage = vec![0u32];
    let width = tokens.width as u32;
    for s in run {
        tokens.each_passage_bytes(s as u32, |bytes| {
            words.extend_from_slice(bytes);
            passage_start.push(words.len() as u32 / width);
            true
        });
        first_passage.push(passage_start.len() as u32 - 1);
    }
    Piece::Tokens(TokenRun {
        passage_start,
        first_passage,
        words: Bytes(Cow::Owned(words)),
    })
}
