//! The search view from a corpus in the sharded packing: filled round after round with
//! what `stream::search_needs` names until it names nothing new, the search page of a
//! URL (count, hits, snippets, facets, notes, the offer of an unfinished word) is the
//! one the whole corpus gives, having read a part of the files.

mod common;

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tifa_core::blob::Bundle;
use tifa_core::shards::{self, Piece, Sizes};
use tifa_view::search_page::SearchPage;
use tifa_view::stream::{unpack_manifest, Found, Stream};
use tifa_view::template;
use tifa_view::url_state::{parse, UrlState};

/// The test corpus cut into small pieces (many files, so reading few of them means
/// something), packed as a site packs them.
fn cut(bundle: &Bundle) -> shards::Cut {
    let sizes = Sizes {
        terms: 300,
        records: 600,
        documents: 1200,
        tokens: 300,
    };
    shards::cut(
        &bundle.corpus,
        &bundle.index,
        "test",
        &sizes,
        tifa_compile::pack_all,
    )
}

/// A corpus cut one item a piece (so a record not named is a record not read).
fn cut_one_a_piece(bundle: &Bundle) -> shards::Cut {
    let one = Sizes {
        terms: 1,
        records: 1,
        documents: 1,
        tokens: 1,
    };
    shards::cut(
        &bundle.corpus,
        &bundle.index,
        "test",
        &one,
        tifa_compile::pack_all,
    )
}

/// The search page of `url` from the pieces alone, and how many files it read.
fn from_pieces(cut: &shards::Cut, raw: &[u8], url: &str) -> (SearchPage, usize) {
    let state = parse(url).state;
    let (bundle, read) = filled_for(cut, raw, &state);
    (SearchPage::of(&bundle, &state), read)
}

/// A bundle of `cut`'s manifest filled round by round, as the page fills it, with
/// what `Stream::missing` names for `state` until it names nothing; and how many
/// files it read.
fn filled_for<'c>(cut: &'c shards::Cut, raw: &'c [u8], state: &UrlState) -> (Bundle<'c>, usize) {
    filled_with(cut, raw, state, None, false)
}

/// As [`filled_for`], the discoveries `mined` (a discoveries blob) attached first.
fn filled_with<'c>(
    cut: &'c shards::Cut,
    raw: &'c [u8],
    state: &UrlState,
    mined: Option<&'c [u8]>,
    first_draw_only: bool,
) -> (Bundle<'c>, usize) {
    let (stream, bundle) = Stream::open(&cut.manifest.0, raw, "test").unwrap();
    if let Some(bytes) = mined {
        let found = tifa_core::blob::decode_discoveries(bytes, &bundle.corpus).unwrap();
        assert!(bundle.attach(found));
    }
    let files: BTreeMap<&str, &[u8]> = cut
        .files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let mut read = 0;
    loop {
        // What the view is drawn with, then what it reads once drawn.
        let mut missing = stream.missing(&bundle, state);
        if missing.is_empty() && !first_draw_only {
            missing = stream.missing_later(&bundle, state);
        }
        if missing.is_empty() {
            return (bundle, read);
        }
        for (name, bytes) in missing {
            assert_eq!(
                bytes as usize,
                files[name.as_str()].len(),
                "{name}: its size"
            );
            stream.fill(&bundle, &name, files[name.as_str()]).unwrap();
            read += 1;
        }
    }
}

/// The manifest of a cut, unpacked.
fn manifest_of(cut: &shards::Cut) -> Vec<u8> {
    unpack_manifest(&cut.manifest.0, &cut.manifest.1).unwrap()
}

fn check(urls: &[String]) {
    let whole = common::bundle();
    let cut = cut(whole);
    let raw = manifest_of(&cut);
    for url in urls {
        let (page, read) = from_pieces(&cut, &raw, url);
        assert_eq!(page, SearchPage::of(whole, &parse(url).state), "{url}");
        assert!(
            read < cut.files.len(),
            "{url}: read {read} of {}",
            cut.files.len()
        );
    }
}

/// A page of fifty results is drawn with its first ten, which need a fifth of its
/// records and documents: everything else on the page (count, facets, pager) is
/// already the whole corpus's, and the rest of the results follow.
#[test]
fn a_search_page_is_drawn_with_its_first_results_and_the_rest_follow() {
    let statements: Vec<Vec<(tifa_model::PassageKind, String)>> = (0..120)
        .map(|i| {
            let words = "cooperation ".repeat(1 + i % 7);
            vec![(
                tifa_model::PassageKind::Quote,
                format!("{words} number {i}"),
            )]
        })
        .collect();
    let whole = common::corpus(&statements);
    let cut = cut_one_a_piece(&whole);
    let raw = manifest_of(&cut);
    for url in [
        "?q=cooperation",
        "?q=cooperation&page=2",
        "?q=cooperation&sort=date",
        "?q=number",
    ] {
        let state = parse(url).state;
        let all = SearchPage::of(&whole, &state);
        assert_eq!(all.hits.len(), 50, "{url}");
        let (first, read_first) = filled_with(&cut, &raw, &state, None, true);
        let drawn = SearchPage::of(&first, &state);
        assert!(
            drawn.hits.len() >= 10 && drawn.hits.len() < 50,
            "{url}: {}",
            drawn.hits.len()
        );
        assert_eq!(drawn.hits[..], all.hits[..drawn.hits.len()], "{url}");
        assert_eq!(
            (
                &drawn.status,
                drawn.total,
                &drawn.facets,
                &drawn.page,
                &drawn.statements
            ),
            (
                &all.status,
                all.total,
                &all.facets,
                &all.page,
                &all.statements
            ),
            "{url}"
        );
        let (rest, read_all) = filled_with(&cut, &raw, &state, None, false);
        assert_eq!(SearchPage::of(&rest, &state), all, "{url}");
        assert!(
            read_first * 2 < read_all,
            "{url}: {read_first} then {read_all} files"
        );
    }
}

#[test]
fn search_pages_from_the_pieces_are_the_whole_corpus_s() {
    let urls = [
        "?view=search&q=cooperation",
        "?view=search&q=%22shared+future%22",
        "?view=search&q=sovereign*",
        "?view=search&q=human+rights+-china&sort=date",
        "?view=search&q=rights+NEAR%2F4+development",
        "?view=search&q=cooperation&speaker=wang-yi",
        "?view=search&q=development&from=2020&to=2021&sort=oldest",
        "?view=search&q=cooperation&kind=narration,question",
        "?view=search&q=%E4%BA%BA%E7%B1%BB%E5%91%BD%E8%BF%90%E5%85%B1%E5%90%8C%E4%BD%93",
        // Nothing matches but the beginning offered: `multilat` → `multilat*`.
        "?view=search&q=cooperat",
        "?view=search&q=nothingatall",
        "?view=search&q=cooperation&page=9",
    ]
    .map(String::from);
    check(&urls);
}

/// The library's pages, drawn from the pieces of their documents and statements only.
#[test]
fn library_pages_from_the_pieces_are_the_whole_corpus_s() {
    let whole = common::bundle();
    let cut = cut(whole);
    let raw = manifest_of(&cut);
    let n = whole.corpus.documents.len();
    for url in ["", "?page=1", "?page=2", "?page=99"] {
        let state = parse(url).state;
        let (bundle, read) = filled_for(&cut, &raw, &state);
        let (page, _) = tifa_view::paging::page(n, 50, state.page.unwrap_or(1));
        let drawn = |b: &Bundle| -> Vec<template::Node> {
            page.range
                .clone()
                .map(|d| template::document(b, d as u32))
                .collect()
        };
        assert!(!page.range.is_empty());
        assert_eq!(drawn(&bundle), drawn(whole), "{url}");
        assert!(
            read < cut.files.len(),
            "{url}: read {read} of {}",
            cut.files.len()
        );
    }
}

/// The reader of any statement or document, opened by link (with the search it came
/// from, or none), from the pieces its id names: the same view resolved, the same
/// comparisons offered, the same place among the results, the same passages shared
/// with others and the same document; an id that names nothing shows the library.
#[test]
fn the_reader_from_the_pieces_is_the_whole_corpus_s() {
    check_reader(common::bundle());
    // One speaker across twelve documents (the comparisons offered reach beyond a
    // statement's own document), passages said again word for word (reuse).
    let said = "we firmly oppose any interference in the internal affairs of other countries under any pretext whatsoever";
    let statements: Vec<Vec<(tifa_model::PassageKind, String)>> = (0..12)
        .map(|i| {
            let mut passages = vec![(
                tifa_model::PassageKind::Quote,
                format!("cooperation number {i} and rights"),
            )];
            if i % 3 == 0 {
                passages.push((tifa_model::PassageKind::Quote, said.to_string()));
            }
            passages
        })
        .collect();
    check_reader(&common::corpus(&statements));
}

/// The reader over `whole` cut one item a piece, against `whole`.
fn check_reader(whole: &Bundle) {
    use tifa_view::{reader, resolve::resolve, resolve::View, reuse};
    let cut = cut_one_a_piece(whole);
    let raw = manifest_of(&cut);
    let mined = tifa_core::blob::encode_discoveries(whole.discoveries().unwrap());
    let kinds = tifa_model::Kinds::OWN_WORDS;
    let mut urls: Vec<String> = Vec::new();
    for s in whole.corpus.statements.iter() {
        urls.push(format!("?s={}", s.id));
        urls.push(format!("?s={}&q=cooperation&sort=date", s.id));
        urls.push(format!("?s={}&q=rights&speaker=zhao-lijian", s.id));
        urls.push(format!("?s={}&q=rights", s.id));
    }
    for d in whole.corpus.documents.iter() {
        urls.push(format!("?doc={}", d.id));
    }
    urls.extend(["?s=nope", "?doc=nope"].map(String::from));
    for url in &urls {
        let parsed = parse(url);
        let (bundle, read) = filled_with(&cut, &raw, &parsed.state, Some(&mined), false);
        let view = resolve(&bundle, &parsed);
        assert_eq!(view, resolve(whole, &parsed), "{url}");
        match view.0 {
            View::Statement(i) => {
                let b = &bundle;
                assert_eq!(
                    b.corpus.statements[i as usize],
                    whole.corpus.statements[i as usize]
                );
                let doc = whole.corpus.statements[i as usize].document as usize;
                assert_eq!(
                    b.corpus.documents[doc], whole.corpus.documents[doc],
                    "{url}"
                );
                assert_eq!(
                    reader::compare_suggestions(b, i),
                    reader::compare_suggestions(whole, i),
                    "{url}"
                );
                let steps = |x: &Bundle| {
                    reader::steps(x, &parsed.state, i).map(|s| (s.at, s.total, s.prev, s.next))
                };
                assert_eq!(steps(b), steps(whole), "{url}");
                assert_eq!(
                    reuse::of_statement(b, i, kinds),
                    reuse::of_statement(whole, i, kinds),
                    "{url}"
                );
            }
            View::Document(d) => {
                assert_eq!(
                    bundle.corpus.documents[d as usize],
                    whole.corpus.documents[d as usize]
                );
                assert_eq!(
                    template::document(&bundle, d),
                    template::document(whole, d),
                    "{url}"
                );
                assert_eq!(
                    reuse::of_document(&bundle, d, kinds),
                    reuse::of_document(whole, d, kinds),
                    "{url}"
                );
            }
            View::Library(_) => {
                let first = |x: &Bundle| template::document(x, 0);
                assert_eq!(first(&bundle), first(whole), "{url}");
            }
            other => panic!("{url}: {other:?}"),
        }
        assert!(
            read < cut.files.len() / 2,
            "{url}: read {read} of {}",
            cut.files.len()
        );
    }
}

/// Every other view reads every piece but the places, and has the whole corpus.
#[test]
fn other_views_read_the_whole_corpus() {
    let whole = common::bundle();
    let cut = cut(whole);
    let raw = manifest_of(&cut);
    for url in [
        "?view=compare&s=x,y",
        "?view=track&f=cooperation",
        "?view=kwic&q=rights",
    ] {
        let (bundle, read) = filled_for(&cut, &raw, &parse(url).state);
        // Identical pieces are one file; the places and the id tables are not read.
        let names: BTreeSet<&str> = cut.files.iter().map(|(n, _)| n.as_str()).collect();
        let not = |kind: &str| names.iter().filter(|n| n.starts_with(kind)).count();
        assert_eq!(read, names.len() - not("places-") - not("ids-"), "{url}");
        assert_eq!(bundle.lookup(), whole.lookup());
        let first = &whole.corpus.statements[0].id;
        assert_eq!(bundle.statement_index(first), Some(0));
    }
}

/// What the page is given to open and fill is checked: another version's manifest,
/// a damaged manifest or piece, a piece under another name: each refused, named.
#[test]
fn a_wrong_or_damaged_file_is_refused_by_name() {
    let whole = common::bundle();
    let cut = cut(whole);
    let raw = manifest_of(&cut);
    let name = &cut.manifest.0;
    let err = Stream::open(name, &raw, "another").unwrap_err();
    assert!(
        err.starts_with(name) && err.contains("version test"),
        "{err}"
    );
    let mut damaged = cut.manifest.1.clone();
    damaged[10] ^= 1;
    assert!(unpack_manifest(name, &damaged)
        .unwrap_err()
        .contains(name.as_str()));
    let (stream, bundle) = Stream::open(name, &raw, "test").unwrap();
    let (piece, bytes) = &cut.files[0];
    let (other, _) = &cut.files[1];
    let err = stream
        .fill(&bundle, piece, &bytes[..bytes.len() - 1])
        .unwrap_err();
    assert!(err.contains(piece.as_str()), "{err}");
    let err = stream.fill(&bundle, other, bytes).unwrap_err();
    assert!(err.contains(other.as_str()), "{err}");
    assert!(!stream.has(piece) && !stream.has(other));
    stream.fill(&bundle, piece, bytes).unwrap();
    assert!(stream.has(piece));
}

/// An id table the manifest names, but whose ids do not rise, whose numbers point
/// past the corpus or do not match its ids, or that starts elsewhere than its table
/// says, is refused by name; nothing of it is kept.
#[test]
fn a_wrong_id_table_is_refused() {
    use tifa_core::shards::{File, IdRange, MANIFEST_MAGIC, PIECE_MAGIC};
    use tifa_model::format::with_header;
    let whole = common::bundle();
    let cut = cut(whole);
    let raw = manifest_of(&cut);
    let n = whole.corpus.statements.len() as u32;
    let bad = [
        (vec!["b", "a"], vec![0, 1], "b"),
        (vec!["a", "b"], vec![0, n], "a"),
        (vec!["a", "b"], vec![0], "a"),
        (vec!["a", "b"], vec![0, 1], "0"),
    ];
    for (ids, numbers, first) in bad {
        let piece = Piece::Ids {
            ids: ids.iter().map(|&i| i.into()).collect(),
            numbers,
        };
        let packed = tifa_compile::pack(&with_header(PIECE_MAGIC, &piece));
        let name = shards::name_of("ids", &packed);
        let mut m = shards::open_manifest(&raw).unwrap();
        m.statement_ids = vec![IdRange {
            first_id: first.into(),
            file: File {
                name: name.clone().into(),
                bytes: packed.len() as u32,
            },
        }];
        let changed = with_header(MANIFEST_MAGIC, &m);
        let (stream, bundle) = Stream::open("manifest-x.bin", &changed, "test").unwrap();
        let err = stream.fill(&bundle, &name, &packed).unwrap_err();
        assert!(
            err.starts_with(&name) && err.contains("do not fit"),
            "{err}"
        );
        assert!(!stream.has(&name));
        assert_eq!(
            stream.find(false, first),
            Found::Fetch(name, packed.len() as u32)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Queries of the corpus's words with filters, orders and pages.
    #[test]
    fn any_search_page_from_the_pieces_is_the_whole_corpus_s(
        q in "(cooperation|rights|human|china|develop|sovereign\\*|%22shared future%22|-covid|the|win-win|peace|%E5%92%8C%E5%B9%B3| ){1,4}",
        sort in prop_oneof![Just(""), Just("&sort=date"), Just("&sort=oldest")],
        filter in prop_oneof![Just(""), Just("&speaker=wang-yi"), Just("&from=2021"), Just("&kind=quote,narration")],
        page in 1u32..3,
    ) {
        let url = format!("?view=search&q={}{sort}{filter}&page={page}", q.replace(' ', "+"));
        check(&[url]);
    }
}
