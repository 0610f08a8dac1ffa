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
    let sizes = Sizes::default();
    let cut = shards::cut(
        &bundle.corpus,
        &bundle.index,
        &version,
        &sizes,
        tifa_compile::pack_all,
    );
    let packed = start.elapsed();
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut written = 0;
    for (name, bytes) in cut.files.iter().chain([&cut.manifest]) {
        let path = out.join(name);
        // A name is its content's hash: a file already there is this one.
        if !path.exists() {
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            written += 1;
        }
    }
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
    println!("first page of results (10 shown): files and bytes fetched besides the manifest");
    let defaults: Vec<String> = DEFAULT_QUERIES.iter().map(|q| q.to_string()).collect();
    for q in if queries.is_empty() {
        &defaults
    } else {
        queries
    } {
        let t = Instant::now();
        let results = search(&bundle.corpus, &bundle.index, q, Sort::Relevance, 10);
        let shown: Vec<u32> = results.hits.iter().map(|h| h.statement).collect();
        let needs = shards::needs(&manifest, &bundle.index, &parse(q), &shown);
        let kinds: Vec<String> = needs
            .by_kind()
            .iter()
            .map(|(k, (files, bytes))| format!("{k} {files} ({})", kb(*bytes)))
            .collect();
        println!(
            "  {q:<30} {:>7} statements ({:>5.1} %)  {:>4} files {:>10}  with the manifest {:>10}  [{}]  ({:.0} ms native)",
            results.total,
            100.0 * results.total as f64 / n.max(1) as f64,
            needs.files.len(),
            kb(needs.bytes()),
            kb(needs.bytes() + cut.manifest.1.len() as u64),
            kinds.join(", "),
            t.elapsed().as_secs_f64() * 1e3,
        );
    }
    if let Some(peak) = crate::stats::peak_memory_kb() {
        println!("peak memory       {:.1} MB (VmHWM)", peak as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
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

/// The manifest's size and what each of its parts weighs packed alone.
fn manifest_report(m: &shards::Manifest, packed: usize) {
    println!(
        "manifest          {} packed; its parts packed alone:",
        kb(packed as u64)
    );
    let part = |name: &str, bytes: Vec<u8>| {
        println!(
            "  {name:<40} {:>12}",
            kb(tifa_compile::pack(&bytes).len() as u64)
        );
    };
    let ser = |v: &dyn erased::Ser| v.bytes();
    part(
        "entity tables",
        ser(&(&m.speakers, &m.venues, &m.outlets, &m.topics)),
    );
    part(
        "facets (speaker, venue, year, date, topics)",
        ser(&m.facets),
    );
    part("statement -> document", ser(&m.document_of));
    part(
        "lengths (both fields)",
        ser(&(&m.text.lengths, &m.exact.lengths)),
    );
    part("term piece tables", ser(&(&m.text.pieces, &m.exact.pieces)));
    part(
        "record, document, token piece tables",
        ser(&(&m.records, &m.documents_files, &m.tokens)),
    );
}

/// Serializing any of the manifest's parts for its size.
mod erased {
    pub trait Ser {
        fn bytes(&self) -> Vec<u8>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn bytes(&self) -> Vec<u8> {
            postcard::to_allocvec(self).unwrap_or_default()
        }
    }
}
