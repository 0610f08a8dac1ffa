//! What a view reads from a corpus in the sharded packing (`tifa_core::shards`): the
//! files still to fetch for a URL state, given what has come. The page does not read
//! the sharded packing yet (issue 29); this is the search view's part of it, tested
//! natively: filled with what [`search_needs`] names, round after round until it names
//! nothing new, the search page is the one the whole corpus gives.

use crate::scope::scope;
use crate::search_page::{in_search, SearchPage};
use crate::url_state::UrlState;
use tifa_core::blob::Bundle;
use tifa_core::search::query::as_prefix;
use tifa_core::shards::{self, Manifest, Needs};

/// The files the search page of `state` reads, given what `bundle` (a corpus and index
/// of `manifest`, `shards::corpus_of` and `index_of`) has filled (`filled`: the names
/// fetched so far): its words' pieces, its page of results' records and documents; and
/// when nothing matches once its words are there, the beginning offered in their place
/// (`multilat` → `multilat*`).
pub fn search_needs(
    manifest: &Manifest,
    bundle: &Bundle,
    state: &UrlState,
    filled: &dyn Fn(&str) -> bool,
) -> Needs {
    let (query, _) = scope(&bundle.corpus, state);
    let page = SearchPage::of(bundle, state);
    let shown: Vec<u32> = page.hits.iter().map(|h| h.statement).collect();
    let mut needs = shards::needs(manifest, &bundle.index, &query, &shown);
    let searching = !query.required.is_empty() || !query.excluded.is_empty();
    let words_here = needs.files.keys().all(|name| filled(name));
    if page.total == 0 && searching && words_here {
        let q = state.q.as_deref().unwrap_or_default();
        if let Some((wider, _)) = as_prefix(q) {
            let next = in_search(state, |s| s.q = Some(wider));
            let (query, _) = scope(&bundle.corpus, &next);
            needs
                .files
                .extend(shards::needs(manifest, &bundle.index, &query, &[]).files);
        }
    }
    needs
}
