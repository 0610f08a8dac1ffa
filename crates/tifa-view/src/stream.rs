//! What a view reads from a corpus in the sharded packing (`tifa_core::shards`): the
//! files still to fetch for a URL state, given what has come ([`view_needs`]). The
//! search view and the library name their own pieces; every other view reads the
//! whole corpus (`shards::everything`) until it names its own. Tested natively:
//! filled with what these name, round after round until they name nothing new, the
//! search page and the library's page are the ones the whole corpus gives.

use crate::paging;
use crate::resolve::LIBRARY_PAGE_SIZE;
use crate::scope::scope;
use crate::search_page::{in_search, SearchPage};
use crate::url_state::{UrlState, ViewKind};
use std::collections::BTreeSet;
use std::sync::Mutex;
use tifa_core::blob::Bundle;
use tifa_core::search::query::as_prefix;
use tifa_core::shards::{self, Manifest, Needs};

/// A corpus in the sharded packing as a page holds it: its manifest, and the names of
/// the pieces filled into the bundle made from it ([`Stream::open`]). The page fetches
/// what [`Stream::missing`] names for the state it shows and gives each file's bytes
/// to [`Stream::fill`]; it draws the view once nothing is missing.
#[derive(Debug)]
pub struct Stream<'a> {
    pub manifest: Manifest<'a>,
    filled: Mutex<BTreeSet<String>>,
}

/// The manifest file `name` unpacked, checked by its name first (a damaged or
/// truncated download is refused, naming it).
pub fn unpack_manifest(name: &str, packed: &[u8]) -> Result<Vec<u8>, String> {
    shards::check_name(name, packed)?;
    tifa_core::blob::unpack(packed).map_err(|e| format!("{name}: {e}"))
}

impl<'a> Stream<'a> {
    /// The manifest `name` (its bytes [`unpack_manifest`]ed) and a bundle of its corpus
    /// with nothing filled; refused unless it is corpus version `version` (the page's).
    pub fn open(
        name: &str,
        unpacked: &'a [u8],
        version: &str,
    ) -> Result<(Stream<'a>, Bundle<'a>), String> {
        let manifest = shards::open_manifest(unpacked).map_err(|e| format!("{name}: {e}"))?;
        if manifest.version.as_ref() != version {
            return Err(format!(
                "{name} is corpus version {}, but this page is version {version}",
                manifest.version.as_ref()
            ));
        }
        let bundle = Bundle::from_parts(shards::corpus_of(&manifest), shards::index_of(&manifest));
        let filled = Mutex::default();
        Ok((Stream { manifest, filled }, bundle))
    }

    /// Whether the file `name` has been filled.
    pub fn has(&self, name: &str) -> bool {
        self.filled.lock().is_ok_and(|f| f.contains(name))
    }

    /// The files the view of `state` reads that have not been filled, with their
    /// sizes ([`view_needs`]); fetch them, fill them and ask again until none.
    pub fn missing(&self, bundle: &Bundle, state: &UrlState) -> Vec<(String, u32)> {
        let have = |n: &str| self.has(n);
        view_needs(&self.manifest, bundle, state, &have).missing(have)
    }

    /// Every file not filled yet but the places: what the whole corpus still needs.
    pub fn all_missing(&self) -> Vec<(String, u32)> {
        shards::everything(&self.manifest).missing(|n| self.has(n))
    }

    /// Fills `bundle` (made by [`Stream::open`]) with the file `name`'s bytes: checked
    /// by its name, unpacked, and put where the manifest says; the error names the file.
    pub fn fill(&self, bundle: &Bundle<'a>, name: &str, packed: &[u8]) -> Result<(), String> {
        shards::check_name(name, packed)?;
        let raw = tifa_core::blob::unpack(packed).map_err(|e| format!("{name}: {e}"))?;
        let piece = shards::open_piece(&raw).map_err(|e| format!("{name}: {e}"))?;
        shards::fill(&bundle.corpus, &bundle.index, &self.manifest, name, piece)?;
        if let Ok(mut f) = self.filled.lock() {
            f.insert(name.to_string());
        }
        Ok(())
    }
}

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

/// The files the view `state` asks for reads, given what `bundle` has filled
/// (`filled`: the names fetched so far): the search view's ([`search_needs`]), the
/// library page's ([`library_needs`]), and for every other view the whole corpus but
/// its places (`shards::everything`). Fetch what it names and ask again until it
/// names nothing new.
pub fn view_needs(
    manifest: &Manifest,
    bundle: &Bundle,
    state: &UrlState,
    filled: &dyn Fn(&str) -> bool,
) -> Needs {
    match state.view() {
        ViewKind::Search => search_needs(manifest, bundle, state, filled),
        ViewKind::Library => library_needs(manifest, state),
        _ => shards::everything(manifest),
    }
}

/// The files the library's page of `state` reads: its documents and their statements.
pub fn library_needs(manifest: &Manifest, state: &UrlState) -> Needs {
    let total = manifest.documents as usize;
    let (page, _) = paging::page(total, LIBRARY_PAGE_SIZE, state.page.unwrap_or(1));
    let range = page.range.start as u32..page.range.end as u32;
    let statements = manifest
        .document_of
        .iter()
        .enumerate()
        .filter(|(_, d)| range.contains(d))
        .map(|(s, _)| s as u32);
    shards::records_and_documents(manifest, statements, range.clone())
}

/// What a view says while its pieces come: how many files and bytes it fetches.
///
/// ```
/// use tifa_view::stream::loading_line;
/// assert_eq!(loading_line(1, 900), "Loading this view's part of the corpus: 1 file, 1 KB");
/// assert_eq!(loading_line(12, 2_500_000), "Loading this view's part of the corpus: 12 files, 2.4 MB");
/// ```
pub fn loading_line(files: usize, bytes: u64) -> String {
    format!(
        "Loading this view's part of the corpus: {}, {}",
        crate::words::count(files, "file", "files"),
        size(bytes)
    )
}

/// A size as a reader says it: whole KB below 1 MB, else MB to one decimal (integer
/// arithmetic only: float formatting would weigh on the Wasm).
fn size(bytes: u64) -> String {
    let kb = bytes.div_ceil(1024);
    if kb < 1024 {
        format!("{kb} KB")
    } else {
        let tenths = (bytes * 10).div_ceil(1 << 20);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}
