//! `tifa stats` and `tifa mine`: what compiling, mining and packing a corpus costs,
//! and what the miner lists.

use crate::compile_or_report;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use tifa_compile::mine::Settings;
use tifa_core::discover::{Recurring, Reuse};
use tifa_model::Corpus;

/// Compile time, blob sizes (raw, gzip, packed), decode and mining times, and peak
/// memory.
pub fn stats(dir: &Path) -> Result<ExitCode, String> {
    let start = Instant::now();
    let Some((corpus, settings)) = compile_or_report(dir) else {
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
    let t = Instant::now();
    let decoded = tifa_core::blob::decode(&blob).map_err(|e| format!("the corpus blob: {e}"))?;
    let decode = t.elapsed();
    let t = Instant::now();
    let found = tifa_core::blob::decode_discoveries(&mined_blob, &decoded.corpus)
        .map_err(|e| format!("the discoveries: {e}"))?;
    let decode_mined = t.elapsed();
    decoded.attach(found);
    assert_eq!(decoded.corpus.statements.len(), corpus.statements.len());
    let timed = Timed {
        compiled,
        encoded,
        indexed,
        mined,
        paired,
        decode,
        decode_mined,
    };
    report(
        dir,
        &corpus,
        &settings,
        &blob,
        &mined_blob,
        &decoded,
        &formulations,
        &reuse,
        &timed,
    )
}

/// How long each step of [`stats`] took.
struct Timed {
    compiled: Duration,
    encoded: Duration,
    indexed: Duration,
    mined: Duration,
    paired: Duration,
    decode: Duration,
    decode_mined: Duration,
}

/// Prints what [`stats`] measured.
#[allow(clippy::too_many_arguments)]
fn report(
    dir: &Path,
    corpus: &Corpus,
    settings: &Settings,
    blob: &[u8],
    mined_blob: &[u8],
    decoded: &tifa_core::blob::Bundle<'_>,
    formulations: &[Recurring],
    reuse: &[Reuse],
    timed: &Timed,
) -> Result<ExitCode, String> {
    let text: usize = corpus.documents.iter().map(|d| d.raw.len()).sum();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(blob).map_err(|e| e.to_string())?;
    let gz = gz.finish().map_err(|e| e.to_string())?;
    let index = &decoded.index;
    println!("corpus            {}", dir.display());
    println!("statements        {}", corpus.statements.len());
    println!("documents         {}", corpus.documents.len());
    println!("speakers          {}", corpus.speakers.len());
    println!("raw text          {:.2} MB", text as f64 / 1e6);
    println!(
        "compile           {:.0} ms (read, validate, build)",
        timed.compiled.as_secs_f64() * 1e3
    );
    println!(
        "compile + index + encode {:.0} ms",
        timed.encoded.as_secs_f64() * 1e3
    );
    println!(
        "index             {} stems, {} exact terms, {:.2} MB of postings",
        index.text.len(),
        index.exact.len(),
        (index.text.runs().chain(index.exact.runs()))
            .map(|(_, run)| run.postings.0.len())
            .sum::<usize>() as f64
            / 1e6
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
    let packed = tifa_compile::pack(blob);
    let packing = t.elapsed();
    let t = Instant::now();
    let unpacked =
        tifa_core::blob::unpack(&packed).map_err(|e| format!("the packed corpus blob: {e}"))?;
    let unpacking = t.elapsed();
    assert_eq!(unpacked, blob);
    println!(
        "blob packed       {} bytes ({:.2} MB, zstd 19: what the Wasm embeds), packed in {:.0} ms, unpacked in {:.1} ms",
        packed.len(),
        packed.len() as f64 / 1e6,
        packing.as_secs_f64() * 1e3,
        unpacking.as_secs_f64() * 1e3
    );
    let mined_packed = tifa_compile::pack(mined_blob);
    println!(
        "discoveries blob  {} bytes ({:.2} MB), packed {} bytes ({:.2} MB: the file the site serves beside the Wasm)",
        mined_blob.len(),
        mined_blob.len() as f64 / 1e6,
        mined_packed.len(),
        mined_packed.len() as f64 / 1e6
    );
    println!(
        "native decode     {:.2} ms",
        timed.decode.as_secs_f64() * 1e3
    );
    println!(
        "discoveries decode {:.2} ms (native)",
        timed.decode_mined.as_secs_f64() * 1e3
    );
    println!(
        "index build       {:.0} ms",
        timed.indexed.as_secs_f64() * 1e3
    );
    println!("blob parts        raw bytes, gzip -9 and packed of each alone; (built) parts are made at start, not shipped; discoveries come in their own file:");
    for (name, raw, gz, packed) in blob_parts(decoded)? {
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
        timed.mined.as_secs_f64() * 1e3
    );
    let words: u64 = reuse.iter().map(|r| r.shared() as u64).sum();
    println!(
        "reuse             {} passage pairs sharing {} or more words in a row ({} words shared), found in {:.0} ms",
        reuse.len(),
        settings.reuse_words,
        words,
        timed.paired.as_secs_f64() * 1e3
    );
    if let Some(peak) = peak_memory_kb() {
        println!("peak memory       {:.1} MB (VmHWM)", peak as f64 / 1024.0);
    }
    Ok(ExitCode::SUCCESS)
}

/// The mined formulations as the app lists them, the first `top` with their spread.
pub fn mine(dir: &Path, top: usize) -> Result<ExitCode, String> {
    let Some((corpus, settings)) = compile_or_report(dir) else {
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
    add("(built) index: facets", measure(&i.facets)?);
    if let Some(found) = b.discoveries() {
        add("discoveries: formulations", measure(&found.formulations)?);
        add("discoveries: reuse", measure(&found.reuse)?);
    }
    Ok(rows)
}

/// Peak resident memory of this process, from /proc (Linux only).
pub fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
