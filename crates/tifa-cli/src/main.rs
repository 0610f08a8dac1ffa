//! `tifa`: the native corpus tool.
//!
//! ```text
//! tifa check  [CORPUS]                     validate; every problem as file:line: message
//! tifa export [CORPUS] [--out FILE]        the compiled corpus as JSON Lines (docs/corpus-format.md)
//! tifa export [CORPUS] --rows DIR          the corpus as a folder of import rows (re-importable)
//! tifa synth  --statements N --out DIR [--seed S] [--long L] [--one-document]
//!                                          a deterministic synthetic corpus
//! tifa synth  --shared-words W --out DIR   two documents holding the same W-word text
//! tifa stats  [CORPUS]                     compile time, blob size (raw, gzip), peak memory
//! tifa mine   [CORPUS] [--top N]           the mined formulations as listed, time and memory
//! tifa bench  [CORPUS] [--reps N]          native search latency per query class (ms)
//! tifa keywords [CORPUS] --target QUERY [--reference QUERY] [--stems] [--min N]
//!                [--negative] [--by-log-ratio] [--no-bonferroni] [--top N]
//!                                          the target's keywords against the reference
//!                                          (default: the rest), each a link's query
//! tifa collocates [CORPUS] --node TEXT [--filters QUERY] [--left N] [--right N]
//!                [--min N] [--by MEASURE] [--stems] [--top N]
//!                                          a word's or phrase's collocates, with MI,
//!                                          MI3, T-score, log-likelihood, logDice
//! tifa clusters [CORPUS] [--filters QUERY] [--node TEXT] [--n N] [--min N]
//!                [--by freq|range|dp|dp-desc] [--top N]
//!                                          recurring runs of N words, with range and DP
//! tifa shards [CORPUS] --out DIR [--query Q]...
//!                                          the corpus cut into a manifest and
//!                                          content-hashed pieces; build time, memory,
//!                                          sizes, and the bytes a first page of
//!                                          results of each query fetches
//! tifa site-files [CORPUS] --out DIR [--shards [--piece-bytes N]]
//!                                          the files a site serves beside its Wasm:
//!                                          discoveries-V.bin and first-paint-V.html;
//!                                          with --shards the corpus's manifest and
//!                                          pieces too
//! ```
//!
//! CORPUS defaults to `corpus`. Exit status: 0 on success, 1 when the corpus has
//! problems or a file cannot be read or written, 2 on a usage error (with the usage).

mod args;
mod bench;
mod clusters;
mod collocates;
mod export;
mod keywords;
mod shards;
mod stats;
mod synth;

use args::Command;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use tifa_compile::compile_dir_with_settings;
use tifa_compile::mine::Settings;
use tifa_model::Corpus;

const USAGE: &str = "usage:
  tifa check  [CORPUS]
  tifa export [CORPUS] [--out FILE | --rows DIR]
  tifa synth  --statements N --out DIR [--seed S] [--long L] [--one-document]
  tifa synth  --shared-words W --out DIR [--seed S]
  tifa stats  [CORPUS]
  tifa mine   [CORPUS] [--top N]
  tifa bench  [CORPUS] [--reps N]
  tifa keywords [CORPUS] --target QUERY [--reference QUERY] [--stems] [--min N]
                [--negative] [--by-log-ratio] [--no-bonferroni] [--top N]
  tifa collocates [CORPUS] --node TEXT [--filters QUERY] [--left N] [--right N]
                [--min N] [--by together|mi|mi3|t|ll|logdice] [--stems] [--top N]
  tifa clusters [CORPUS] [--filters QUERY] [--node TEXT] [--n N] [--min N]
                [--by freq|range|dp|dp-desc] [--top N]
  tifa shards [CORPUS] --out DIR [--query Q]...
  tifa site-files [CORPUS] --out DIR [--shards [--piece-bytes N]]";

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("tifa: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("tifa: {msg}");
            ExitCode::from(1)
        }
    }
}

/// A reader that stops early (`tifa stats CORPUS | head`) ends the command quietly, as
/// it ends any Unix tool, rather than through a panic on the next line printed: Rust
/// ignores SIGPIPE, this restores its default.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default, once, before any thread
    // or output exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Compiles, printing every problem; `None` when there were any.
fn compile_or_report(dir: &Path) -> Option<(Corpus<'static>, Settings)> {
    match compile_dir_with_settings(dir) {
        Ok(c) => Some(c),
        Err(diags) => {
            let mut err = std::io::stderr().lock();
            for d in &diags {
                let _ = writeln!(err, "{d}");
            }
            let _ = writeln!(err, "{} problem(s) in {}", diags.len(), dir.display());
            None
        }
    }
}

/// Compiles and builds the index and look-ups, printing every problem; `None` when
/// there were any.
fn bundle_or_report(dir: &Path) -> Option<tifa_core::blob::Bundle<'static>> {
    compile_or_report(dir).map(|(corpus, _)| tifa_core::blob::Bundle::new(corpus))
}

/// A link's query string as the command line gives it, with or without its `?`.
fn link_query(q: &str) -> String {
    format!("?{}", q.trim_start_matches('?'))
}

/// The state of a link's filters (its notices on stderr) with `node` as its query: the
/// part a statistic reads and what it looks for.
fn filtered(filters: Option<&str>, node: Option<&str>) -> tifa_view::url_state::UrlState {
    let parsed = tifa_view::url_state::parse(&link_query(filters.unwrap_or("")));
    for notice in &parsed.notices {
        eprintln!("note: {notice}");
    }
    let mut state = parsed.state;
    state.q = node.map(str::to_owned);
    state
}

/// Writes `folder/entities.toml` and `folder/import/rows.jsonl`: the corpus as import
/// rows, which `tifa check folder` compiles back to the same statements. Refuses to
/// write over either file.
fn export_rows(corpus: &Corpus, folder: &Path) -> Result<(), String> {
    let entities = folder.join("entities.toml");
    let rows = folder.join("import").join("rows.jsonl");
    for path in [&entities, &rows] {
        if path.exists() {
            return Err(format!(
                "{} exists: export --rows writes a new folder",
                path.display()
            ));
        }
    }
    let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    std::fs::create_dir_all(folder.join("import")).map_err(|e| io(folder, e))?;
    std::fs::write(&entities, tifa_compile::entities_toml(corpus)).map_err(|e| io(&entities, e))?;
    let file = std::fs::File::create(&rows).map_err(|e| io(&rows, e))?;
    tifa_compile::write_rows(corpus, std::io::BufWriter::new(file)).map_err(|e| io(&rows, e))?;
    println!(
        "wrote {} statements as import rows to {}",
        corpus.statements.len(),
        folder.display()
    );
    Ok(())
}

/// Runs a command; an error is a failure to read or write (exit status 1).
fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Check { corpus: dir } => {
            let Some((c, _)) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            use tifa_view::words::count;
            println!(
                "ok: {}, {}, {}, {}, {}, {} in {}",
                count(c.documents.len(), "document", "documents"),
                count(c.statements.len(), "statement", "statements"),
                count(c.speakers.len(), "speaker", "speakers"),
                count(c.venues.len(), "venue", "venues"),
                count(c.outlets.len(), "outlet", "outlets"),
                count(c.topics.len(), "topic", "topics"),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            corpus: dir,
            out,
            rows,
        } => {
            let Some((compiled, _)) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            if let Some(folder) = rows {
                return export_rows(&compiled, &folder).map(|()| ExitCode::SUCCESS);
            }
            // Export exactly what the app embeds: encode, then decode the blob.
            let blob = tifa_core::blob::encode(&compiled);
            let corpus = tifa_core::blob::decode(&blob)
                .map_err(|e| format!("the corpus blob: {e}"))?
                .corpus;
            let result = match out {
                Some(path) => {
                    let file = std::fs::File::create(&path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    export::write_jsonl(&corpus, std::io::BufWriter::new(file))
                }
                None => export::write_jsonl(&corpus, std::io::stdout().lock()),
            };
            match result {
                // A closed pipe (`tifa export | head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.map_err(|e| format!("writing the export: {e}"))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Synth {
            statements: n,
            out,
            seed,
            long,
            one_document,
            shared_words,
        } => {
            let bytes = match shared_words {
                Some(words) => synth::write_shared(&out, words, seed),
                None => synth::write_corpus(&out, n, seed, long.min(n), one_document),
            }
            .map_err(|e| format!("{}: {e}", out.display()))?;
            println!(
                "wrote {n} synthetic statements ({:.1} MB of JSON Lines) to {}",
                bytes as f64 / 1e6,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { corpus: dir } => stats::stats(&dir),
        Command::Mine { corpus: dir, top } => stats::mine(&dir, top),
        Command::Bench { corpus: dir, reps } => {
            let Some((compiled, settings)) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            // Search what the app searches: the decoded blobs.
            let blob = tifa_core::blob::encode(&compiled);
            let mined = tifa_compile::discoveries_blob(&compiled, &settings);
            let bundle =
                tifa_core::blob::decode(&blob).map_err(|e| format!("the corpus blob: {e}"))?;
            bundle.attach(
                tifa_core::blob::decode_discoveries(&mined, &bundle.corpus)
                    .map_err(|e| format!("the discoveries: {e}"))?,
            );
            bench::run(&bundle.corpus, &bundle.index, reps);
            bench::typing(&bundle.corpus, &bundle.index, reps);
            bench::formulations(&bundle, reps.min(10));
            bench::long_statements(&bundle.corpus, reps.min(10));
            Ok(ExitCode::SUCCESS)
        }
        Command::Keywords {
            corpus: dir,
            target,
            reference,
            settings,
            top,
        } => keywords::run(&dir, &target, reference.as_deref(), &settings, top),
        Command::Collocates {
            corpus: dir,
            node,
            filters,
            settings,
            top,
        } => collocates::run(&dir, &node, filters.as_deref(), &settings, top),
        Command::Clusters {
            corpus: dir,
            node,
            filters,
            settings,
            top,
        } => clusters::run(&dir, node.as_deref(), filters.as_deref(), &settings, top),
        Command::Shards {
            corpus: dir,
            out,
            queries,
        } => shards::run(&dir, &out, &queries),
        Command::SiteFiles {
            corpus: dir,
            out,
            shards: sharded,
        } => {
            let Some((corpus, settings)) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            site_files(corpus, &settings, &out, sharded)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Help => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes what a site serves beside its Wasm, named by the corpus version (the one
/// `build.rs` embeds for the same corpus, from the same `tifa_compile::Site`): the
/// discoveries, packed (`discoveries-V.bin`), and the page's first paint
/// (`first-paint-V.html`, which `pwa/postbuild.mjs` writes into `index.html`). Prints
/// the version. With `sharded` (`--shards`, and the pieces' size when given), the
/// corpus in the sharded packing as well, its manifest's name printed on a second line.
fn site_files(
    corpus: Corpus<'_>,
    settings: &Settings,
    out: &Path,
    sharded: Option<Option<usize>>,
) -> Result<(), String> {
    let site = tifa_compile::Site::of(&corpus, settings);
    let v = &site.version;
    drop(corpus);
    // The first paint is drawn from the blob as the Wasm decodes it.
    let bundle = tifa_core::blob::decode(&site.blob).map_err(|e| e.to_string())?;
    let first_paint = tifa_view::prerender::page(&bundle, v, sharded.is_some());
    let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    for (name, bytes) in [
        (
            format!("discoveries-{v}.bin"),
            tifa_compile::pack(&site.mined),
        ),
        (format!("first-paint-{v}.html"), first_paint.into_bytes()),
    ] {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
    }
    println!("{v}");
    if let Some(size) = sharded {
        let sizes = size.map_or_else(tifa_core::shards::Sizes::default, |n| {
            tifa_core::shards::Sizes {
                terms: n,
                records: n,
                documents: n,
                tokens: n,
            }
        });
        let (cut, _) = shards::write(&bundle, v, &sizes, out)?;
        println!("{}", cut.manifest.0);
    }
    Ok(())
}
