//! The sharded packing gives back exactly what it was cut from: on the test corpus and
//! on generated corpora, cut at every size, every piece put back together is the same
//! corpus (byte for byte, as encoded) and the same index, so the one engine answers
//! alike on both packings; a damaged, missing or misplaced file is refused by name;
//! and the pieces a search is said to need hold what it reads.

mod common;

use proptest::prelude::*;
use std::collections::BTreeMap;
use tifa_core::blob::{self, Bundle};
use tifa_core::search::engine::{search, Sort};
use tifa_core::search::query::parse;
use tifa_core::search::text::stem;
use tifa_core::shards::{self, Cut, Manifest, Piece, Sizes};
use tifa_model::PassageKind;

/// Packing as the identity: the tests read what `cut` wrote without zstd.
fn same(raw: Vec<&[u8]>) -> Vec<Vec<u8>> {
    raw.into_iter().map(<[u8]>::to_vec).collect()
}

fn cut(bundle: &Bundle, sizes: &Sizes) -> Cut {
    shards::cut(&bundle.corpus, &bundle.index, "test", sizes, same)
}

/// Every file of a cut, opened, by name.
fn opened(cut: &Cut) -> (Manifest<'_>, BTreeMap<&str, Piece<'_>>) {
    let manifest = shards::open_manifest(&cut.manifest.1).expect("the manifest opens");
    let pieces = cut
        .files
        .iter()
        .map(|(name, bytes)| {
            shards::check_name(name, bytes).expect("named by its bytes");
            (
                name.as_str(),
                shards::open_piece(bytes).expect("a piece opens"),
            )
        })
        .collect();
    (manifest, pieces)
}

/// The index of a cut with every piece filled, and its corpus put back together.
fn reopened<'c>(manifest: &Manifest<'c>, pieces: &BTreeMap<&str, Piece<'c>>) -> Bundle<'c> {
    let (corpus, index) = (shards::corpus_of(manifest), shards::index_of(manifest));
    for (name, piece) in pieces {
        // An id table fills no run: the page reads it (tifa_view::stream).
        if !matches!(piece, Piece::Ids { .. }) {
            shards::fill(&corpus, &index, manifest, name, piece.clone()).expect("fills");
        }
    }
    Bundle::from_parts(corpus, index)
}

/// Every id of the corpus is found in the id piece its table names, with its number.
fn ids_are_found(bundle: &Bundle, manifest: &Manifest, pieces: &BTreeMap<&str, Piece>) {
    let look = |table, id: &str| -> Option<u32> {
        let file = shards::ids_file(table, id)?;
        let Piece::Ids { ids, numbers } = &pieces[file.name.as_ref()] else {
            panic!("{} is not an id table", file.name.as_ref());
        };
        let at = ids.binary_search_by(|i| i.as_ref().cmp(id)).ok()?;
        Some(numbers[at])
    };
    for (i, s) in bundle.corpus.statements.iter().enumerate() {
        assert_eq!(
            look(&manifest.statement_ids, &s.id),
            Some(i as u32),
            "{}",
            s.id
        );
    }
    for (i, d) in bundle.corpus.documents.iter().enumerate() {
        assert_eq!(
            look(&manifest.document_ids, &d.id),
            Some(i as u32),
            "{}",
            d.id
        );
    }
    assert_eq!(look(&manifest.statement_ids, "no such id"), None);
}

/// Everything an index holds, read through its methods: each field's terms with
/// their statement counts and postings, each exact term's stem, every passage's words.
/// Each term (text, statement count, postings), each exact term's stem, each passage's words.
type Contents = (Vec<(String, u32, Vec<u8>)>, Vec<Option<u32>>, Vec<Vec<u32>>);

fn contents(bundle: &Bundle) -> Contents {
    let index = &bundle.index;
    let mut terms = Vec::new();
    for field in [&index.text, &index.exact] {
        for i in 0..field.len() {
            terms.push((
                field.term(i).to_string(),
                field.info(i).df,
                field.postings_of(i).to_vec(),
            ));
        }
    }
    let stems = (0..index.exact.len()).map(|i| index.stem_of(i)).collect();
    let mut words = Vec::new();
    for s in 0..bundle.corpus.statements.len() as u32 {
        index.tokens.each_passage(s, &mut Vec::new(), |_, w| {
            words.push(w.to_vec());
            true
        });
    }
    (terms, stems, words)
}

/// Cuts and reopens, asserting the result is the original; the number of files.
fn round_trip(bundle: &Bundle, sizes: &Sizes) -> usize {
    let cut = cut(bundle, sizes);
    let (manifest, pieces) = opened(&cut);
    let back = reopened(&manifest, &pieces);
    ids_are_found(bundle, &manifest, &pieces);
    assert_eq!(blob::encode(&back.corpus), blob::encode(&bundle.corpus));
    assert_eq!(contents(&back), contents(bundle));
    assert_eq!(back.index.facets, bundle.index.facets);
    assert_eq!(back.index.text.lengths, bundle.index.text.lengths);
    assert_eq!(back.index.exact.average, bundle.index.exact.average);
    assert_eq!(
        back.lookup(),
        bundle.lookup(),
        "the look-ups, once all is here"
    );
    // What a view that reads the whole corpus fetches: every piece but the places.
    let all = shards::everything(&manifest);
    let places = pieces.keys().filter(|n| n.starts_with("places-")).count();
    let ids = pieces.keys().filter(|n| n.starts_with("ids-")).count();
    assert_eq!(all.files.len() + places + ids, pieces.len());
    let only: BTreeMap<_, _> = pieces
        .iter()
        .filter(|(name, _)| all.files.contains_key(**name))
        .map(|(name, piece)| (*name, piece.clone()))
        .collect();
    let back = reopened(&manifest, &only);
    assert_eq!(blob::encode(&back.corpus), blob::encode(&bundle.corpus));
    assert_eq!(contents(&back), contents(bundle));
    cut.files.len()
}

const TINY: Sizes = Sizes {
    terms: 1,
    records: 1,
    documents: 1,
    tokens: 1,
};

#[test]
fn the_test_corpus_comes_back_whole_at_every_size() {
    let bundle = common::bundle();
    let one_each = round_trip(bundle, &TINY);
    let default = round_trip(bundle, &Sizes::default());
    let middling = round_trip(
        bundle,
        &Sizes {
            terms: 700,
            records: 900,
            documents: 2000,
            tokens: 300,
        },
    );
    // One piece per term, statement, document: many; the default: a handful.
    let terms = bundle.index.text.len() + bundle.index.exact.len();
    let n = bundle.corpus.statements.len();
    // Each exact word's places are a piece of their own.
    let places = bundle.index.exact.len();
    assert_eq!(
        one_each,
        // … and one id piece per statement and per document.
        terms + places + 3 * n + 2 * bundle.corpus.documents.len(),
        "one piece per item"
    );
    assert!(
        default < middling && middling < one_each,
        "{default} {middling} {one_each}"
    );
}

#[test]
fn statements_are_found_by_id_once_they_have_come() {
    let bundle = common::bundle();
    let cut = cut(bundle, &TINY);
    let (manifest, pieces) = opened(&cut);
    let (corpus, index) = (shards::corpus_of(&manifest), shards::index_of(&manifest));
    let first = &bundle.corpus.statements[0].id;
    let second = &bundle.corpus.statements[1].id;
    let at = |want: u32| {
        let r = manifest
            .records
            .iter()
            .rposition(|r| r.first <= want)
            .unwrap();
        manifest.records[r].file.name.to_string()
    };
    let record = at(0);
    shards::fill(
        &corpus,
        &index,
        &manifest,
        &record,
        pieces[record.as_str()].clone(),
    )
    .unwrap();
    let partial = Bundle::from_parts(corpus, index);
    assert_eq!(partial.statement_index(first), Some(0), "found by a scan");
    assert_eq!(partial.statement_index(second), None, "not come yet");
    let whole = reopened(&manifest, &pieces);
    assert_eq!(whole.statement_index(second), Some(1));
    assert_eq!(whole.lookup(), bundle.lookup());
}

#[test]
fn the_one_engine_answers_alike_on_both_packings() {
    let bundle = common::bundle();
    let cut = cut(bundle, &Sizes::default());
    let (manifest, pieces) = opened(&cut);
    let back = reopened(&manifest, &pieces);
    for q in [
        "cooperation",
        "\"shared future\"",
        "human*",
        "rights -china",
        "win NEAR/3 cooperation",
        "",
    ] {
        for sort in [Sort::Relevance, Sort::Date] {
            let a = search(&bundle.corpus, &bundle.index, q, sort, 50);
            let b = search(&back.corpus, &back.index, q, sort, 50);
            assert_eq!(a, b, "{q}");
        }
    }
}

#[test]
fn a_damaged_missing_or_misplaced_file_is_named() {
    let bundle = common::bundle();
    let cut = cut(bundle, &Sizes::default());
    // Damaged: one byte changed, or cut short.
    let (name, bytes) = &cut.files[0];
    let mut changed = bytes.clone();
    changed[bytes.len() / 2] ^= 1;
    let e = shards::check_name(name, &changed).unwrap_err();
    assert!(
        e.starts_with(name.as_str()) && e.contains("damaged or truncated"),
        "{e}"
    );
    let e = shards::check_name(name, &bytes[..bytes.len() - 1]).unwrap_err();
    assert!(e.starts_with(name.as_str()), "{e}");
    // Garbage that passes no header is refused, not trusted.
    assert!(shards::open_piece(b"TIFP\x00\x00junk").is_err());
    assert!(
        shards::open_manifest(&bytes[..]).is_err(),
        "a piece is not a manifest"
    );

    let (manifest, pieces) = opened(&cut);
    let (corpus, index) = (shards::corpus_of(&manifest), shards::index_of(&manifest));
    // Missing: what it holds reads as not there yet.
    let records = manifest.records[0].file.name.to_string();
    assert!(!corpus.statements.is_filled(0));
    assert_eq!(corpus.statements[0].id, "", "a placeholder");
    // Misplaced: another piece served under a name, or a name the manifest lacks.
    let tokens = manifest.tokens[0].file.name.to_string();
    let e = shards::fill(
        &corpus,
        &index,
        &manifest,
        &tokens,
        pieces[records.as_str()].clone(),
    )
    .unwrap_err();
    assert!(
        e.starts_with(&tokens) && e.contains("not a run of statements"),
        "{e}"
    );
    let words = manifest.exact.pieces[0].file.name.to_string();
    let stems = manifest.text.pieces[0].file.name.to_string();
    let e = shards::fill(
        &corpus,
        &index,
        &manifest,
        &stems,
        pieces[words.as_str()].clone(),
    )
    .unwrap_err();
    assert!(
        e.starts_with(&stems) && e.contains("not the terms from"),
        "{e}"
    );
    let e = shards::fill(
        &corpus,
        &index,
        &manifest,
        "words-0000.bin",
        pieces[words.as_str()].clone(),
    )
    .unwrap_err();
    assert!(e.starts_with("words-0000.bin: not a run of terms"), "{e}");
    // A run of statements of the wrong length, or pointing outside the corpus.
    let Piece::Records { statements } = pieces[records.as_str()].clone() else {
        panic!("a records piece")
    };
    let short = Piece::Records {
        statements: statements[1..].to_vec(),
    };
    let e = shards::fill(&corpus, &index, &manifest, &records, short).unwrap_err();
    assert!(
        e.starts_with(&records) && e.contains("the run from 0 has"),
        "{e}"
    );
    let mut wrong = statements.clone();
    wrong[0].speaker = 9999;
    let e = shards::fill(
        &corpus,
        &index,
        &manifest,
        &records,
        Piece::Records { statements: wrong },
    )
    .unwrap_err();
    assert!(e.contains("points outside the corpus"), "{e}");
    assert!(!corpus.statements.is_filled(0), "nothing half-filled");
    shards::fill(
        &corpus,
        &index,
        &manifest,
        &records,
        pieces[records.as_str()].clone(),
    )
    .unwrap();
    assert_eq!(corpus.statements[0].id, bundle.corpus.statements[0].id);
}

/// Each exact term's places, read from the pieces, are where the token streams have
/// it: passage, kind and word, statement by statement, asked in any order.
#[test]
fn places_are_where_the_token_streams_have_each_word() {
    let bundle = common::bundle();
    let cut = cut(
        bundle,
        &Sizes {
            terms: 300,
            ..Sizes::default()
        },
    );
    let (manifest, pieces) = opened(&cut);
    let back = reopened(&manifest, &pieces);
    let corpus = &bundle.corpus;
    // (term, statement) -> its (passage, kind, word) places.
    type Where = BTreeMap<(u32, u32), Vec<(u32, u8, u32)>>;
    let mut expected = Where::new();
    for s in 0..corpus.statements.len() as u32 {
        bundle
            .index
            .tokens
            .each_passage(s, &mut Vec::new(), |p, words| {
                let kind = corpus.statements[s as usize].passages[p].kind;
                let kind = PassageKind::ALL.iter().position(|&k| k == kind).unwrap() as u8;
                for (w, &id) in words.iter().enumerate() {
                    expected
                        .entry((id, s))
                        .or_default()
                        .push((p as u32, kind, w as u32));
                }
                true
            });
    }
    let mut found = Vec::new();
    for id in 0..back.index.exact.len() as u32 {
        let mut places = back.index.exact.places(id as usize);
        // Backwards, then forwards: the cursor starts over when asked for an earlier one.
        for s in (0..corpus.statements.len() as u32)
            .rev()
            .chain(0..corpus.statements.len() as u32)
        {
            found.clear();
            let there = places.at(s, &mut found);
            let want = expected.get(&(id, s)).cloned().unwrap_or_default();
            let got: Vec<(u32, u8, u32)> =
                found.iter().map(|p| (p.passage, p.kind, p.word)).collect();
            assert_eq!(there, !want.is_empty());
            assert_eq!(got, want, "term {id} in statement {s}");
        }
    }
}

#[test]
fn file_names_are_their_content_hashes_and_cuts_are_deterministic() {
    let bundle = common::bundle();
    let a = cut(bundle, &Sizes::default());
    let b = cut(bundle, &Sizes::default());
    assert_eq!(a, b);
    for (name, bytes) in a.files.iter().chain([&a.manifest]) {
        shards::check_name(name, bytes).unwrap();
    }
}

/// The pieces `needs` names for a search hold its words' postings, the statements
/// shown and their documents.
#[test]
fn the_pieces_a_search_needs_hold_what_it_reads() {
    let bundle = common::bundle();
    let cut = cut(
        bundle,
        &Sizes {
            terms: 200,
            records: 400,
            documents: 800,
            tokens: 200,
        },
    );
    let (manifest, pieces) = opened(&cut);
    for q in [
        "cooperation",
        "peaceful development",
        "\"shared future\"",
        "sovereign*",
    ] {
        let query = parse(q);
        let results = search(&bundle.corpus, &bundle.index, q, Sort::Relevance, 10);
        assert!(results.total > 0, "{q}");
        let shown: Vec<u32> = results.hits.iter().map(|h| h.statement).collect();
        let needs = shards::needs(&manifest, &bundle.index, &query, &shown);
        let named: Vec<&Piece> = needs.files.keys().map(|n| &pieces[n.as_str()]).collect();
        let holds_term = |word: &str, stems: bool| {
            named.iter().any(|p| {
                matches!(p,
                Piece::Terms(run)
                    if run.stem_of.is_empty() == stems && run.terms.iter().any(|t| t.as_ref() == word))
            })
        };
        for word in q
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if q.ends_with('*') {
                let prefixed: Vec<_> = bundle.index.exact.with_prefix(word).collect();
                assert!(!prefixed.is_empty());
                for i in prefixed {
                    assert!(holds_term(bundle.index.exact.term(i), false), "{q}: {word}");
                }
            } else {
                // A word the corpus has only in other forms has no exact postings.
                if bundle.index.exact.find(word).is_some() {
                    assert!(holds_term(word, false), "{q}: {word}");
                }
                if !q.starts_with('"') {
                    assert!(holds_term(&stem(word), true), "{q}: {word}");
                }
            }
        }
        for &s in &shown {
            let statement = &bundle.corpus.statements[s as usize];
            assert!(named.iter().any(|p| matches!(p,
                Piece::Records { statements } if statements.iter().any(|x| x.id == statement.id))));
            let doc = &bundle.corpus.documents[statement.document as usize];
            assert!(named.iter().any(|p| matches!(p,
                Piece::Documents { documents, .. } if documents.iter().any(|d| d.id == doc.id))));
        }
        // A search reads its words' places, never a token stream.
        let kinds = needs.by_kind();
        assert!(!kinds.contains_key("tokens"), "{q}: {kinds:?}");
        assert!(needs.bytes() < cut.files.iter().map(|(_, b)| b.len() as u64).sum::<u64>());
    }
}

/// Fills the pieces `needs` names for `q` until it names nothing new; the files read.
fn fill_what_is_needed(
    manifest: &Manifest,
    pieces: &BTreeMap<&str, Piece>,
    (corpus, index): (&tifa_model::Corpus, &tifa_core::search::index::Index),
    q: &str,
    shown: &[u32],
    filled: &mut std::collections::BTreeSet<String>,
) {
    let query = parse(q);
    loop {
        let needs = shards::needs(manifest, index, &query, shown);
        let new: Vec<String> = needs
            .missing(|n| filled.contains(n))
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        if new.is_empty() {
            return;
        }
        for name in new {
            shards::fill(
                corpus,
                index,
                manifest,
                &name,
                pieces[name.as_str()].clone(),
            )
            .unwrap();
            filled.insert(name);
        }
    }
}

/// **The engine answers a search exactly from the pieces `needs` names**: the same
/// total, hits, scores, snippets and facets as the whole corpus and index, with every
/// other run of terms, statements and documents left empty, and no token stream (a
/// phrase, a `NEAR` and a statement read again in the kinds asked for are read in
/// their words' places).
fn search_from_needed_pieces(bundle: &Bundle, sizes: &Sizes, queries: &[String]) {
    let cut = cut(bundle, sizes);
    let (manifest, pieces) = opened(&cut);
    for q in queries {
        let (corpus, index) = (shards::corpus_of(&manifest), shards::index_of(&manifest));
        let mut filled = std::collections::BTreeSet::new();
        // What the search reads, then what its results show.
        fill_what_is_needed(&manifest, &pieces, (&corpus, &index), q, &[], &mut filled);
        for sort in [Sort::Relevance, Sort::Date] {
            let whole = search(&bundle.corpus, &bundle.index, q, sort, 20);
            let shown: Vec<u32> = whole.hits.iter().map(|h| h.statement).collect();
            let first = search(&corpus, &index, q, sort, 20);
            assert_eq!(first.total, whole.total, "{q:?}");
            assert_eq!(first.facets, whole.facets, "{q:?}");
            let order: Vec<u32> = first.hits.iter().map(|h| h.statement).collect();
            assert_eq!(order, shown, "{q:?}");
            fill_what_is_needed(
                &manifest,
                &pieces,
                (&corpus, &index),
                q,
                &shown,
                &mut filled,
            );
            let from_pieces = search(&corpus, &index, q, sort, 20);
            let read = filled.len();
            assert_eq!(
                from_pieces,
                whole,
                "{q:?} from {read} of {} pieces",
                cut.files.len()
            );
        }
    }
}

#[test]
fn a_search_reads_only_what_it_needs_and_answers_alike() {
    let queries: Vec<String> = [
        "cooperation",
        "peaceful development",
        "\"shared future\"",
        "\"win-win cooperation\"",
        "sovereign*",
        "human rights -china",
        "rights NEAR/4 development",
        "\"a * for\"",
        "\"community *{0,2} future\"",
        "kind=narration cooperation",
        "kind=question china",
        "speaker=wang-yi cooperation",
        "from:2020 to:2021 development",
        "人类命运共同体",
        "nothingatall",
    ]
    .map(String::from)
    .to_vec();
    let tiny = Sizes {
        terms: 64,
        records: 64,
        documents: 64,
        tokens: 64,
    };
    search_from_needed_pieces(common::bundle(), &tiny, &queries);
    search_from_needed_pieces(common::bundle(), &Sizes::default(), &queries);
}

fn passages() -> impl Strategy<Value = Vec<Vec<(PassageKind, String)>>> {
    let kind = prop_oneof![
        Just(PassageKind::Quote),
        Just(PassageKind::Reported),
        Just(PassageKind::Narration),
        Just(PassageKind::Question),
    ];
    let text = "(we|the|peace|和平|发展|cooperation|win-win|sovereignty|Ünïcode|,|\\.| ){0,30}";
    proptest::collection::vec(proptest::collection::vec((kind, text), 1..4), 0..25)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Generated corpora (empty ones, empty passages, Chinese, every kind) cut at any
    /// size come back whole.
    #[test]
    fn generated_corpora_come_back_whole(
        statements in passages(),
        terms in 1usize..400,
        records in 1usize..600,
        documents in 1usize..600,
        tokens in 1usize..300,
    ) {
        let bundle = common::corpus(&statements);
        round_trip(&bundle, &Sizes { terms, records, documents, tokens });
    }

    /// Bytes that are no manifest or no piece are refused, never a panic; and a piece
    /// of garbage that decodes is refused by the run it would fill, or reads safely.
    #[test]
    fn garbage_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..400), q in "(cooperation|\"shared future\"|human*|rights NEAR/3 development| ){1,3}") {
        let version = tifa_model::format::FORMAT_VERSION.to_le_bytes();
        let manifest = [b"TIFS".as_slice(), &version, &tail].concat();
        let _ = shards::open_manifest(&manifest);
        let piece = [b"TIFP".as_slice(), &version, &tail].concat();
        let bundle = common::bundle();
        let cut = cut(bundle, &Sizes::default());
        let (m, _) = opened(&cut);
        let (corpus, index) = (shards::corpus_of(&m), shards::index_of(&m));
        if let Ok(p) = shards::open_piece(&piece) {
            let names: Vec<String> = cut.files.iter().map(|(n, _)| n.clone()).collect();
            for name in &names {
                let _ = shards::fill(&corpus, &index, &m, name, p.clone());
            }
            let _ = search(&corpus, &index, &q, Sort::Relevance, 10);
        }
    }

    /// A real piece with bytes changed (past its name's check: defence in depth) is
    /// refused when it does not fit its run, and a search over what was filled never
    /// panics.
    #[test]
    fn damaged_pieces_never_panic(
        which in 0usize..10_000,
        flips in proptest::collection::vec((0usize..100_000, any::<u8>()), 1..6),
        q in "(cooperation|\"shared future\"|human*|rights NEAR/3 development|kind=narration| ){1,3}",
    ) {
        let bundle = common::bundle();
        let cut = cut(bundle, &Sizes { terms: 300, records: 300, documents: 600, tokens: 300 });
        let (m, pieces) = opened(&cut);
        let (corpus, index) = (shards::corpus_of(&m), shards::index_of(&m));
        let (name, raw) = &cut.files[which % cut.files.len()];
        let mut bytes = raw.clone();
        for (at, x) in flips {
            let at = 6 + at % (bytes.len() - 6).max(1);
            if let Some(b) = bytes.get_mut(at) {
                *b ^= x | 1;
            }
        }
        if let Ok(p) = shards::open_piece(&bytes) {
            let _ = shards::fill(&corpus, &index, &m, name, p);
        }
        for (other, p) in &pieces {
            if other != name {
                let _ = shards::fill(&corpus, &index, &m, other, p.clone());
            }
        }
        let _ = search(&corpus, &index, &q, Sort::Relevance, 10);
    }

    /// On generated corpora (every kind, Chinese, empty passages), any query of their
    /// words reads only what it needs and answers alike.
    #[test]
    fn generated_searches_read_only_what_they_need(
        statements in passages(),
        queries in proptest::collection::vec(
            "(we|the|peace|和平|发展|cooperation|win-win|sover*|co*|\"the peace\"|\"we * the\"|peace NEAR/3 we|-the|kind=narration|kind=question| ){1,4}",
            1..4,
        ),
        terms in 16usize..300,
        tokens in 16usize..300,
    ) {
        let bundle = common::corpus(&statements);
        search_from_needed_pieces(&bundle, &Sizes { terms, records: 200, documents: 200, tokens }, &queries);
    }
}
