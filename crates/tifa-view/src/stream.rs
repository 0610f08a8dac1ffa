//! What a view reads from a corpus in the sharded packing (`tifa_core::shards`): the
//! files still to fetch for a URL state, given what has come ([`Stream::needs`]). The
//! search view, the library and the reader name their own pieces; every other view
//! reads the whole corpus (`shards::everything`) until it names its own. Tested
//! natively: filled with what these name, round after round until they name nothing
//! new, each view is the one the whole corpus gives.

use crate::paging;
use crate::resolve::LIBRARY_PAGE_SIZE;
use crate::scope::scope;
use crate::search_page::{in_search, SearchPage};
use crate::url_state::{UrlState, ViewKind};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use tifa_core::blob::Bundle;
use tifa_core::search::query::as_prefix;
use tifa_core::shards::{self, IdRange, Manifest, Needs, Piece};

/// A corpus in the sharded packing as a page holds it: its manifest, and the names of
/// the pieces filled into the bundle made from it ([`Stream::open`]). The page fetches
/// what [`Stream::missing`] names for the state it shows and gives each file's bytes
/// to [`Stream::fill`]; it draws the view once nothing is missing.
#[derive(Debug)]
pub struct Stream<'a> {
    pub manifest: Manifest<'a>,
    filled: Mutex<BTreeSet<String>>,
    /// The id pieces come so far, by file name: ids in order and each one's number.
    ids: Mutex<BTreeMap<String, IdTable>>,
}

/// An id piece as kept: the ids in order, and each one's number.
type IdTable = (Vec<String>, Vec<u32>);

/// Where an id stands in a sharded corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The number of the statement (or document) with this id.
    At(u32),
    /// No statement (or document) has it.
    Absent,
    /// The id piece that would say, not fetched yet.
    Fetch(String, u32),
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
        let stream = Stream {
            manifest,
            filled: Mutex::default(),
            ids: Mutex::default(),
        };
        Ok((stream, bundle))
    }

    /// Whether the file `name` has been filled.
    pub fn has(&self, name: &str) -> bool {
        self.filled.lock().is_ok_and(|f| f.contains(name))
    }

    /// The files the view of `state` reads that have not been filled, with their
    /// sizes ([`Stream::needs`]); fetch them, fill them and ask again until none.
    pub fn missing(&self, bundle: &Bundle, state: &UrlState) -> Vec<(String, u32)> {
        self.needs(bundle, state).missing(|n| self.has(n))
    }

    /// The files the view `state` asks for reads, given what has come: the search
    /// view's ([`search_needs`]), the library page's ([`library_needs`]), a statement's
    /// or a document's in the reader ([`Stream::reader_needs`]), and for every other
    /// view the whole corpus but its places (`shards::everything`).
    pub fn needs(&self, bundle: &Bundle, state: &UrlState) -> Needs {
        let have = |n: &str| self.has(n);
        match state.view() {
            ViewKind::Search => {
                search_needs_of(&self.manifest, bundle, state, &have, FIRST_RESULTS)
            }
            ViewKind::Library => library_needs(&self.manifest, state),
            ViewKind::Read => self.reader_needs(bundle, state),
            _ => shards::everything(&self.manifest),
        }
    }

    /// Where the statement (`documents` false) or document with `id` is.
    pub fn find(&self, documents: bool, id: &str) -> Found {
        let table = if documents {
            &self.manifest.document_ids
        } else {
            &self.manifest.statement_ids
        };
        let Some(file) = shards::ids_file(table, id) else {
            return Found::Absent;
        };
        let Ok(ids) = self.ids.lock() else {
            return Found::Absent;
        };
        match ids.get(file.name.as_ref()) {
            None => Found::Fetch(file.name.to_string(), file.bytes),
            Some((list, numbers)) => list
                .binary_search_by(|i| i.as_str().cmp(id))
                .map_or(Found::Absent, |at| Found::At(numbers[at])),
        }
    }

    /// What the reader reads for a statement (`s=`): its id piece, then its record and
    /// its document's, the records of its document's other statements and of the
    /// statements by its speaker nearest in time (the comparisons it offers), the
    /// pieces of the search it was opened from (its place among the results, the
    /// previous and next ones' records), and once the discoveries are here the records
    /// and documents of the statements it shares passages with. For a document
    /// (`doc=`): its id piece, then the document, its statements' records, and the
    /// statements and documents it shares passages with. Neither: the library's page.
    pub fn reader_needs(&self, bundle: &Bundle, state: &UrlState) -> Needs {
        let m = &self.manifest;
        let (documents, id) = match (&state.s, &state.doc) {
            (Some(id), _) => (false, id),
            (None, Some(id)) => (true, id),
            (None, None) => return library_needs(m, state),
        };
        let mut needs = Needs::default();
        let n = match self.find(documents, id) {
            Found::At(n) => n,
            // The reader says so and shows the library's first page.
            Found::Absent => return library_needs(m, &UrlState::default()),
            Found::Fetch(name, bytes) => {
                needs.files.insert(name, bytes);
                return needs;
            }
        };
        let doc = if documents {
            n
        } else {
            m.document_of.get(n as usize).copied().unwrap_or(0)
        };
        let mut statements: Vec<u32> = self.statements_of(doc);
        let mut docs = vec![doc];
        if !documents {
            statements.extend(crate::reader::nearest_by_speaker(bundle, n));
            let (query, _) = scope(&bundle.corpus, state);
            if !query.is_empty() {
                needs
                    .files
                    .extend(shards::needs(m, &bundle.index, &query, &[]).files);
                let order = tifa_core::search::engine::ranked(
                    &bundle.corpus,
                    &bundle.index,
                    &query,
                    state.sort,
                );
                if let Some(at) = order.iter().position(|&i| i == n) {
                    statements.extend(at.checked_sub(1).map(|p| order[p]));
                    statements.extend(order.get(at + 1));
                }
            }
        }
        if let Some(found) = bundle.discoveries() {
            let here = if documents {
                self.statements_of(doc)
            } else {
                vec![n]
            };
            for s in here {
                for link in found.reuse.links(s) {
                    statements.push(link.other);
                    docs.extend(m.document_of.get(link.other as usize));
                }
            }
        }
        for d in docs {
            needs
                .files
                .extend(shards::records_and_documents(m, [], d..d + 1).files);
        }
        needs
            .files
            .extend(shards::records_and_documents(m, statements, 0..0).files);
        needs
    }

    /// The statements of document `doc`, from the manifest.
    fn statements_of(&self, doc: u32) -> Vec<u32> {
        let of = &self.manifest.document_of;
        (0..of.len() as u32)
            .filter(|&s| of[s as usize] == doc)
            .collect()
    }

    /// What the view of `state` reads once it is drawn ([`Stream::missing`] is empty):
    /// the rest of a search page's results; none for the other views. The view is
    /// drawn again when they have come.
    pub fn missing_later(&self, bundle: &Bundle, state: &UrlState) -> Vec<(String, u32)> {
        let have = |n: &str| self.has(n);
        match state.view() {
            ViewKind::Search => search_needs(&self.manifest, bundle, state, &have).missing(have),
            _ => Vec::new(),
        }
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
        match shards::open_piece(&raw).map_err(|e| format!("{name}: {e}"))? {
            Piece::Ids { ids, numbers } => self
                .fill_ids(name, ids, numbers)
                .map_err(|e| format!("{name}: {e}"))?,
            piece => shards::fill(&bundle.corpus, &bundle.index, &self.manifest, name, piece)?,
        }
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
    search_needs_of(manifest, bundle, state, filled, usize::MAX)
}

/// The results a search view draws first, before the rest of its page: a first
/// screen's worth.
pub const FIRST_RESULTS: usize = 10;

/// As [`search_needs`], for the page's first `shown` results only.
fn search_needs_of(
    manifest: &Manifest,
    bundle: &Bundle,
    state: &UrlState,
    filled: &dyn Fn(&str) -> bool,
    shown: usize,
) -> Needs {
    let (query, _) = scope(&bundle.corpus, state);
    let page = SearchPage::of(bundle, state);
    let shown: Vec<u32> = page.statements.iter().take(shown).copied().collect();
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

impl Stream<'_> {
    /// Keeps an id piece: refused unless the manifest names it, its ids rise from the
    /// first its table names, and each number is one of the corpus's.
    fn fill_ids(
        &self,
        name: &str,
        ids: Vec<tifa_model::Text>,
        numbers: Vec<u32>,
    ) -> Result<(), String> {
        let m = &self.manifest;
        fn named<'t>(t: &'t [IdRange<'t>], name: &str) -> Option<&'t IdRange<'t>> {
            t.iter().find(|r| r.file.name.as_ref() == name)
        }
        let (range, count) = match (named(&m.statement_ids, name), named(&m.document_ids, name)) {
            (Some(r), _) => (r, m.statements),
            (None, Some(r)) => (r, m.documents),
            _ => return Err("not an id table this manifest names".into()),
        };
        let fits = ids.len() == numbers.len()
            && ids.first().map(|i| i.as_ref()) == Some(range.first_id.as_ref())
            && ids.windows(2).all(|w| w[0] < w[1])
            && numbers.iter().all(|&n| n < count);
        if !fits {
            return Err("its ids or numbers do not fit the manifest".into());
        }
        let ids = ids.into_iter().map(|i| i.to_string()).collect();
        if let Ok(mut all) = self.ids.lock() {
            all.insert(name.to_string(), (ids, numbers));
        }
        Ok(())
    }
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

/// What a button offers where something reads the whole corpus of a sharded site
/// that is not all here.
///
/// ```
/// use tifa_view::stream::whole_offer;
/// assert_eq!(
///     whole_offer("Download all as CSV", 3400, 12_900_000),
///     "Download all as CSV: load the whole corpus first (3400 files, 12.3 MB)"
/// );
/// ```
pub fn whole_offer(what: &str, files: usize, bytes: u64) -> String {
    format!(
        "{what}: load the whole corpus first ({}, {})",
        crate::words::count(files, "file", "files"),
        size(bytes)
    )
}

/// A size as a reader says it: whole KB (rounded up) below 1 MB, else MB to the
/// nearest tenth (integer
/// arithmetic only: float formatting would weigh on the Wasm).
fn size(bytes: u64) -> String {
    let kb = bytes.div_ceil(1024);
    if kb < 1024 {
        format!("{kb} KB")
    } else {
        let tenths = (bytes * 10 + (1 << 19)) >> 20;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}
