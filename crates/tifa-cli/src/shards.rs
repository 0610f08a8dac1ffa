//! `tifa shards`: the corpus cut into the sharded packing (`tifa_core::shards`), written
//! into a folder, with what it costs: the time and memory of the build, the files of
//! each kind, what the manifest holds, and how many bytes the first page of results of
//! each query fetches.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use tifa_core::blob::Bundle;
use tifa_core::search::engine::{search, Sort};
use tifa_core::search::query::parse;
use tifa_core::shards::{self, Cut, Sizes};

/// Queries measured when none is given: a rare and a common word, a beginning, a
/// phrase and a `NEAR`, in the language of the corpora Tifa is tried on.
pub const DEFAULT_QUERIES: &[&str] = &[
    "sovereignty",
    "cooperation",
    "develop*",
    "\"international community\"",
    "peace NEAR/5 security",
];

/// Cuts `bundle` (corpus version `version`) into pieces of at most `sizes`, packed on
/// every core, and writes the manifest and pieces into `out`; the cut, and how many
/// files were new (a name is its content's hash: a file already there is this one).
pub fn write(
    bundle: &Bundle,
    version: &str,
    sizes: &Sizes,
    out: &Path,
) -> Result<(Cut, usize), String> {
    let cut = shards::cut(
        &bundle.corpus,
        &bundle.index,
        version,
        sizes,
        tifa_compile::pack_all,
    );
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut written = 0;
    for (name, bytes) in cut.files.iter().chain([&cut.manifest]) {
        let path = out.join(name);
        if !path.exists() {
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            written += 1;
        }
    }
    Ok((cut, written))
}

/// Compiles `dir`, cuts it into `out` and prints the report.
pub fn run(dir: &Path, out: &Path, queries: &[String]) -> Result<ExitCode, String> {
    let start = Instant::now();
    let Some((corpus, _)) = crate::compile_or_report(dir) else {
        return Ok(ExitCode::from(1));
    };
    let compiled = start.elapsed();
    let bundle = Bundle::new(corpus);
    let indexed = start.elapsed();
    let version = tifa_model::format::version(&tifa_core::blob::encode(&bundle.corpus));
    let (cut, written) = write(&bundle, &version, &Sizes::default(), out)?;
    let packed = start.elapsed();
    let n = bundle.corpus.statements.len();
    println!(
        "corpus            {} ({n} statements, {} documents)",
        dir.display(),
        bundle.corpus.documents.len()
    );
    println!("version           {version}");
    println!(
        "build             {:.1} s: compile {:.1} s, index {:.1} s, cut and pack {:.1} s on {} threads",
        packed.as_secs_f64(),
        compiled.as_secs_f64(),
        (indexed - compiled).as_secs_f64(),
        (packed - indexed).as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    println!(
        "written           {written} new files of {} into {}",
        cut.files.len() + 1,
        out.display()
    );
    files_report(&cut);
    let manifest_raw = tifa_core::blob::unpack(&cut.manifest.1).map_err(|e| e.to_string())?;
    let manifest = shards::open_manifest(&manifest_raw).map_err(|e| e.to_string())?;
    manifest_report(&manifest, cut.manifest.1.len());
    println!(
        "first page of results (10 shown), read from the files written as a page would fetch \
         them: the manifest, then round by round what needs names; at 10 Mbit/s and 40 ms a \
         round (an estimate of the wire, not a browser's measurement)"
    );
    let defaults: Vec<String> = DEFAULT_QUERIES.iter().map(|q| q.to_string()).collect();
    let asked = if queries.is_empty() {
        &defaults
    } else {
        queries
    };
    for q in asked {
        let whole = search(&bundle.corpus, &bundle.index, q, Sort::Relevance, 10);
        let flow = first_page(out, &manifest, q)?;
        let same = flow.results == whole;
        let wire_ms = (flow.rounds + 1) as f64 * 40.0
            + (flow.bytes + cut.manifest.1.len() as u64) as f64 * 8.0 / 10_000.0;
        let kinds: Vec<String> = flow
            .needs
            .by_kind()
            .iter()
            .map(|(k, (files, bytes))| format!("{k} {files} ({})", kb(*bytes)))
            .collect();
        println!(
            "  {q:<30} {:>7} statements ({:>5.1} %)  {:>3} files {:>10} in {} rounds, \
             {:>10} with the manifest; {:>5.0} ms on the wire + {:.0} ms reading{}  [{}]",
            whole.total,
            100.0 * whole.total as f64 / n.max(1) as f64,
            flow.needs.files.len(),
            kb(flow.bytes),
            flow.rounds,
            kb(flow.bytes + cut.manifest.1.len() as u64),
            wire_ms,
            flow.cpu_ms,
            if same {
                ""
            } else {
                "  NOT THE SAME AS THE WHOLE INDEX"
            },
            kinds.join(", "),
        );
        if !same {
            return Err(format!(
                "{q}: the pieces answered otherwise than the whole corpus"
            ));
        }
        let (files, bytes, rounds) = search_view(out, &manifest, &bundle, q)?;
        println!(
            "  {:<30} the search page (50 results): {files:>3} files {:>10} in {rounds} rounds",
            "",
            kb(bytes)
        );
    }
    if let Some(peak) = crate::stats::peak_memory_kb() {
        println!("peak memory       {:.1} MB (VmHWM)", peak as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

/// The search view's page of `?view=search&q=…` (fifty results, the facets and the
/// offer of a beginning) from the files in `dir`, as `tifa_view::stream` names them;
/// it must equal the page of the whole corpus. Files, bytes and rounds read.
fn search_view(
    dir: &Path,
    manifest: &shards::Manifest,
    whole: &Bundle,
    q: &str,
) -> Result<(usize, u64, usize), String> {
    use tifa_view::search_page::SearchPage;
    let state = tifa_view::url_state::UrlState {
        view: Some(tifa_view::url_state::ViewKind::Search),
        q: Some(q.to_string()),
        ..Default::default()
    };
    let bundle = Bundle::from_parts(shards::corpus_of(manifest), shards::index_of(manifest));
    let mut read = shards::Needs::default();
    let mut rounds = 0;
    loop {
        let needs = tifa_view::stream::search_needs(manifest, &bundle, &state, &|n| {
            read.files.contains_key(n)
        });
        let new = needs.missing(|name| read.files.contains_key(name));
        if new.is_empty() {
            if SearchPage::of(&bundle, &state) != SearchPage::of(whole, &state) {
                return Err(format!(
                    "{q}: the search page from the pieces is not the whole corpus's"
                ));
            }
            return Ok((read.files.len(), read.bytes(), rounds));
        }
        rounds += 1;
        for (name, size) in new {
            fill_from(dir, manifest, (&bundle.corpus, &bundle.index), &name)?;
            read.files.insert(name, size);
        }
    }
}

/// What a first page of results read from the pieces: its results, the files and bytes,
/// the rounds of fetching (each waits for the last), and the time spent reading the
/// files (from the disk's cache), unpacking, decoding, filling and searching.
struct Flow {
    results: tifa_core::search::engine::Results,
    needs: shards::Needs,
    bytes: u64,
    rounds: usize,
    cpu_ms: f64,
}

/// A first page of results for `q` from the files in `dir`, as the page would: a fresh
/// corpus and index of the manifest; what `needs` names read, checked by name,
/// unpacked and filled, round after round until it names nothing new; the search;
/// then its results' records and documents, and the search again.
fn first_page(dir: &Path, manifest: &shards::Manifest, q: &str) -> Result<Flow, String> {
    let start = Instant::now();
    let corpus = shards::corpus_of(manifest);
    let index = shards::index_of(manifest);
    let query = parse(q);
    let mut read = shards::Needs::default();
    let mut rounds = 0;
    let mut shown: Vec<u32> = Vec::new();
    loop {
        let needs = shards::needs(manifest, &index, &query, &shown);
        let new = needs.missing(|name| read.files.contains_key(name));
        if new.is_empty() {
            let results = search(&corpus, &index, q, Sort::Relevance, 10);
            let now: Vec<u32> = results.hits.iter().map(|h| h.statement).collect();
            if now == shown {
                let cpu_ms = start.elapsed().as_secs_f64() * 1e3;
                let bytes = read.bytes();
                return Ok(Flow {
                    results,
                    needs: read,
                    bytes,
                    rounds,
                    cpu_ms,
                });
            }
            shown = now;
            continue;
        }
        rounds += 1;
        for (name, size) in new {
            fill_from(dir, manifest, (&corpus, &index), &name)?;
            read.files.insert(name, size);
        }
    }
}

/// Reads the file `name` from `dir`, checks it by name, unpacks it and fills its run.
fn fill_from(
    dir: &Path,
    manifest: &shards::Manifest,
    (corpus, index): (&tifa_model::Corpus, &tifa_core::search::index::Index),
    name: &str,
) -> Result<(), String> {
    let packed = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
    shards::check_name(name, &packed)?;
    let raw = tifa_core::blob::unpack(&packed).map_err(|e| format!("{name}: {e}"))?;
    let piece = shards::open_piece(&raw).map_err(|e| format!("{name}: {e}"))?;
    shards::fill(corpus, index, manifest, name, piece)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

/// Files of each kind: how many, their total, median and largest size.
fn files_report(cut: &Cut) {
    let mut by_kind = BTreeMap::<&str, Vec<u64>>::new();
    for (name, bytes) in &cut.files {
        let kind = name.split('-').next().unwrap_or_default();
        by_kind.entry(kind).or_default().push(bytes.len() as u64);
    }
    println!("files             kind: count, total, median, largest (packed, as served)");
    for (kind, mut sizes) in by_kind {
        sizes.sort_unstable();
        println!(
            "  {kind:<10} {:>8} {:>12} {:>10} {:>10}",
            sizes.len(),
            kb(sizes.iter().sum()),
            kb(sizes[sizes.len() / 2]),
            kb(*sizes.last().unwrap_or(&0)),
        );
    }
}

/// The manifest's size and what each of its parts adds to it, packed (the manifest
/// packed again without that part).
fn manifest_report(m: &shards::Manifest, packed: usize) {
    println!(
        "manifest          {} packed; what each part adds:",
        kb(packed as u64)
    );
    let size = |m: &shards::Manifest| {
        let raw = tifa_model::format::with_header(shards::MANIFEST_MAGIC, m);
        tifa_compile::pack(&raw).len() as i64
    };
    let whole = size(m);
    let part = |name: &str, without: shards::Manifest| {
        println!(
            "  {name:<44} {:>12}",
            kb((whole - size(&without)).max(0) as u64)
        );
    };
    let mut w = m.clone();
    (w.speakers, w.venues, w.outlets, w.topics) = Default::default();
    part("entity tables", w);
    let mut w = m.clone();
    w.facets = Default::default();
    part("facets (speaker, venue, date, topics, kinds)", w);
    let mut w = m.clone();
    w.document_of = Vec::new();
    part("statement -> document", w);
    let mut w = m.clone();
    (w.text.lengths, w.exact.lengths) = Default::default();
    part("lengths (both fields)", w);
    let mut w = m.clone();
    (w.text.pieces, w.exact.pieces) = Default::default();
    part("term piece tables", w);
    let mut w = m.clone();
    (w.records, w.documents_files, w.tokens) = Default::default();
    part("record, document, token piece tables", w);
}
