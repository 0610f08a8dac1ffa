//! The search view from a corpus in the sharded packing: filled round after round with
//! what `stream::search_needs` names until it names nothing new, the search page of a
//! URL (count, hits, snippets, facets, notes, the offer of an unfinished word) is the
//! one the whole corpus gives, having read a part of the files.

mod common;

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tifa_core::blob::Bundle;
use tifa_core::shards::{self, Manifest, Piece, Sizes};
use tifa_view::search_page::SearchPage;
use tifa_view::stream::view_needs;
use tifa_view::template;
use tifa_view::url_state::{parse, UrlState};

/// The test corpus cut into small pieces (many files, so reading few of them means
/// something), packed by the identity.
fn cut(bundle: &Bundle) -> shards::Cut {
    let sizes = Sizes {
        terms: 300,
        records: 600,
        documents: 1200,
        tokens: 300,
    };
    let same = |raw: Vec<&[u8]>| raw.into_iter().map(<[u8]>::to_vec).collect();
    shards::cut(&bundle.corpus, &bundle.index, "test", &sizes, same)
}

/// The search page of `url` from the pieces alone, and how many files it read.
fn from_pieces(
    manifest: &Manifest,
    pieces: &BTreeMap<&str, Piece>,
    url: &str,
) -> (SearchPage, usize) {
    let state = parse(url).state;
    let (bundle, read) = filled_for(manifest, pieces, &state);
    (SearchPage::of(&bundle, &state), read)
}

/// A bundle of `manifest` filled round by round with what `view_needs` names for
/// `state`, until it names nothing new; and how many files it read.
fn filled_for<'m>(
    manifest: &Manifest<'m>,
    pieces: &BTreeMap<&str, Piece>,
    state: &UrlState,
) -> (Bundle<'m>, usize) {
    let bundle = Bundle::from_parts(shards::corpus_of(manifest), shards::index_of(manifest));
    let mut filled = BTreeSet::new();
    loop {
        let needs = view_needs(manifest, &bundle, state, &|n| filled.contains(n));
        let new: Vec<String> = needs
            .missing(|n| filled.contains(n))
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        if new.is_empty() {
            return (bundle, filled.len());
        }
        for name in new {
            let piece = pieces[name.as_str()].clone();
            shards::fill(&bundle.corpus, &bundle.index, manifest, &name, piece).unwrap();
            filled.insert(name);
        }
    }
}

fn opened(cut: &shards::Cut) -> (Manifest<'_>, BTreeMap<&str, Piece<'_>>) {
    let manifest = shards::open_manifest(&cut.manifest.1).unwrap();
    let pieces = cut
        .files
        .iter()
        .map(|(n, b)| (n.as_str(), shards::open_piece(b).unwrap()))
        .collect();
    (manifest, pieces)
}

fn check(urls: &[String]) {
    let whole = common::bundle();
    let cut = cut(whole);
    let (manifest, pieces) = opened(&cut);
    for url in urls {
        let (page, read) = from_pieces(&manifest, &pieces, url);
        assert_eq!(page, SearchPage::of(whole, &parse(url).state), "{url}");
        assert!(
            read < cut.files.len(),
            "{url}: read {read} of {}",
            cut.files.len()
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
    let (manifest, pieces) = opened(&cut);
    let n = whole.corpus.documents.len();
    for url in ["", "?page=1", "?page=2", "?page=99"] {
        let state = parse(url).state;
        let (bundle, read) = filled_for(&manifest, &pieces, &state);
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

/// Every other view reads every piece but the places, and has the whole corpus.
#[test]
fn other_views_read_the_whole_corpus() {
    let whole = common::bundle();
    let cut = cut(whole);
    let (manifest, pieces) = opened(&cut);
    for url in ["?s=x", "?view=track&f=cooperation", "?view=kwic&q=rights"] {
        let (bundle, read) = filled_for(&manifest, &pieces, &parse(url).state);
        let places = pieces.keys().filter(|n| n.starts_with("places-")).count();
        assert_eq!(read, cut.files.len() - places, "{url}");
        assert_eq!(bundle.lookup(), whole.lookup());
        let first = &whole.corpus.statements[0].id;
        assert_eq!(bundle.statement_index(first), Some(0));
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
