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
//! ```
//!
//! CORPUS defaults to `corpus`. Exit status: 0 on success, 1 when the corpus has
//! problems or a file cannot be read or written, 2 on a usage error (with the usage).

mod args;
mod bench;
mod export;
mod synth;

use args::Command;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
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
  tifa bench  [CORPUS] [--reps N]";

fn main() -> ExitCode {
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
        Command::Stats { corpus: dir } => {
            let start = Instant::now();
            let Some((corpus, settings)) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            let compiled = start.elapsed();
            let blob = tifa_core::blob::encode(&corpus);
            let mined_blob = tifa_compile::discoveries_blob(&corpus, &settings);
            let encoded = start.elapsed();
            // The mining alone, timed apart (discoveries_blob above did it too).
            let t = Instant::now();
            let index = tifa_core::search::index::build(&corpus);
            let indexed = t.elapsed();
            let formulations = tifa_compile::mine::mine(&corpus, &index, &settings);
            let mined = t.elapsed() - indexed;
            let reuse = tifa_compile::mine::pairs(&corpus, &index, &settings);
            let paired = t.elapsed() - indexed - mined;
            let text: usize = corpus.documents.iter().map(|d| d.raw.len()).sum();
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(&blob).map_err(|e| e.to_string())?;
            let gz = gz.finish().map_err(|e| e.to_string())?;
            let t = Instant::now();
            let decoded =
                tifa_core::blob::decode(&blob).map_err(|e| format!("the corpus blob: {e}"))?;
            let decode = t.elapsed();
            let t = Instant::now();
            let found = tifa_core::blob::decode_discoveries(&mined_blob, &decoded.corpus)
                .map_err(|e| format!("the discoveries: {e}"))?;
            let decode_mined = t.elapsed();
            decoded.attach(found);
            assert_eq!(decoded.corpus.statements.len(), corpus.statements.len());
            let index = &decoded.index;
            println!("corpus            {}", dir.display());
            println!("statements        {}", corpus.statements.len());
            println!("documents         {}", corpus.documents.len());
            println!("speakers          {}", corpus.speakers.len());
            println!("raw text          {:.2} MB", text as f64 / 1e6);
            println!(
                "compile           {:.0} ms (read, validate, build)",
                compiled.as_secs_f64() * 1e3
            );
            println!(
                "compile + index + encode {:.0} ms",
                encoded.as_secs_f64() * 1e3
            );
            println!(
                "index             {} stems, {} exact terms, {:.2} MB of postings",
                index.text.terms.len(),
                index.exact.terms.len(),
                (index.text.postings.0.len() + index.exact.postings.0.len()) as f64 / 1e6
            );
            println!(
                "corpus blob       {} bytes ({:.2} MB)",
                blob.len(),
                blob.len() as f64 / 1e6
            );
            println!(
                "blob gzip -9      {} bytes ({:.2} MB)",
                gz.len(),
                gz.len() as f64 / 1e6
            );
            let t = Instant::now();
            let packed = tifa_compile::pack(&blob);
            let packing = t.elapsed();
            let t = Instant::now();
            let unpacked = tifa_core::blob::unpack(&packed)
                .map_err(|e| format!("the packed corpus blob: {e}"))?;
            let unpacking = t.elapsed();
            assert_eq!(unpacked, blob);
            println!(
                "blob packed       {} bytes ({:.2} MB, zstd 19: what the Wasm embeds), packed in {:.0} ms, unpacked in {:.1} ms",
                packed.len(),
                packed.len() as f64 / 1e6,
                packing.as_secs_f64() * 1e3,
                unpacking.as_secs_f64() * 1e3
            );
            let mined_packed = tifa_compile::pack(&mined_blob);
            println!(
                "discoveries blob  {} bytes ({:.2} MB), packed {} bytes ({:.2} MB: the file the site serves beside the Wasm)",
                mined_blob.len(),
                mined_blob.len() as f64 / 1e6,
                mined_packed.len(),
                mined_packed.len() as f64 / 1e6
            );
            println!("native decode     {:.2} ms", decode.as_secs_f64() * 1e3);
            println!(
                "discoveries decode {:.2} ms (native)",
                decode_mined.as_secs_f64() * 1e3
            );
            println!("index build       {:.0} ms", indexed.as_secs_f64() * 1e3);
            println!("blob parts        raw bytes, gzip -9 and packed of each alone; (built) parts are made at start, not shipped; discoveries come in their own file:");
            for (name, raw, gz, packed) in blob_parts(&decoded)? {
                println!("  {name:<32} {raw:>12} {gz:>12} {packed:>12}");
            }
            let listed: usize = formulations
                .iter()
                .map(|f| f.statement_list().len())
                .max()
                .unwrap_or(0);
            let groups = formulations
                .iter()
                .map(|f| f.group)
                .max()
                .map_or(0, |g| g + 1);
            println!(
                "formulations      {} listed in {} groups (at least {} statements from 2 documents; the most found in {}), mined in {:.0} ms",
                formulations.len(),
                groups,
                settings.statements_needed(corpus.statements.len()),
                listed,
                mined.as_secs_f64() * 1e3
            );
            let words: u64 = reuse.iter().map(|r| r.shared() as u64).sum();
            println!(
                "reuse             {} passage pairs sharing {} or more words in a row ({} words shared), found in {:.0} ms",
                reuse.len(),
                settings.reuse_words,
                words,
                paired.as_secs_f64() * 1e3
            );
            if let Some(peak) = peak_memory_kb() {
                println!("peak memory       {:.1} MB (VmHWM)", peak as f64 / 1024.0);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Mine { corpus: dir, top } => {
            let Some((corpus, settings)) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            let index = tifa_core::search::index::build(&corpus);
            let t = Instant::now();
            let formulations = tifa_compile::mine::mine(&corpus, &index, &settings);
            let took = t.elapsed();
            println!(
                "{} formulations mined from {} statements in {:.0} ms",
                formulations.len(),
                corpus.statements.len(),
                took.as_secs_f64() * 1e3
            );
            for (k, f) in formulations.iter().take(top).enumerate() {
                let list = f.statement_list();
                let mut speakers = std::collections::BTreeSet::new();
                let mut years = std::collections::BTreeSet::new();
                for &s in &list {
                    let st = &corpus.statements[s as usize];
                    speakers.insert(st.speaker);
                    years.extend(st.date.date.map(|d| d.year));
                }
                println!(
                    "{:>3}. {}{}  [{} statements, {} speakers, {} years, glue {:.3}, group {}]",
                    k + 1,
                    f.phrase.as_ref(),
                    if f.name { " (name)" } else { "" },
                    list.len(),
                    speakers.len(),
                    years.len(),
                    f.glue,
                    f.group
                );
            }
            if let Some(peak) = peak_memory_kb() {
                println!("peak memory {:.1} MB (VmHWM)", peak as f64 / 1024.0);
            }
            Ok(ExitCode::SUCCESS)
        }
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
        Command::Help => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Each part of a decoded blob: its name, its postcard bytes, their gzip -9 size and
/// their packed size (each compressed alone, so the parts add up to a little more than
/// the whole blob's).
fn blob_parts(
    b: &tifa_core::blob::Bundle<'_>,
) -> Result<Vec<(&'static str, usize, usize, usize)>, String> {
    fn measure<T: serde::Serialize>(v: &T) -> Result<(usize, usize, usize), String> {
        let raw = postcard::to_stdvec(v).map_err(|e| e.to_string())?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&raw).map_err(|e| e.to_string())?;
        let packed = tifa_compile::pack(&raw).len();
        Ok((
            raw.len(),
            gz.finish().map_err(|e| e.to_string())?.len(),
            packed,
        ))
    }
    let c = &b.corpus;
    let i = &b.index;
    let raw: Vec<&str> = c.documents.iter().map(|d| &*d.raw.0).collect();
    let mut rows = Vec::new();
    let mut add = |name, m: (usize, usize, usize)| rows.push((name, m.0, m.1, m.2));
    add("corpus: documents' raw text", measure(&raw)?);
    add("corpus: documents but raw", measure(&c.documents)?);
    let ids: Vec<_> = c.documents.iter().map(|d| &d.id).collect();
    add("corpus: documents' ids", measure(&ids)?);
    let ids: Vec<_> = c.statements.iter().map(|d| &d.id).collect();
    add("corpus: statements' ids", measure(&ids)?);
    add("corpus: statements", measure(&c.statements)?);
    add(
        "corpus: entities",
        measure(&(&c.speakers, &c.venues, &c.outlets, &c.topics))?,
    );
    add("(built) index: stems field", measure(&i.text)?);
    add("(built) index: exact-word field", measure(&i.exact)?);
    add("(built) index: token stream", measure(&i.tokens)?);
    add(
        "(built) index: facets + stem_of",
        measure(&(&i.facets, &i.stem_of))?,
    );
    if let Some(found) = b.discoveries() {
        add("discoveries: formulations", measure(&found.formulations)?);
        add("discoveries: reuse", measure(&found.reuse)?);
    }
    Ok(rows)
}

/// Peak resident memory of this process, from /proc (Linux only).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
