//! Compiles the corpus folder into `$OUT_DIR/corpus.bin`, which `src/corpus.rs` embeds.
//!
//! The corpus is `corpus/` unless `TIFA_CORPUS` names another folder (benchmarks use
//! that for synthetic corpora). Any problem fails the build with `file:line: message`.
//!
//! It also compiles `tests/fixtures/hostile` (a tiny corpus of markup) into
//! `$OUT_DIR/hostile.bin` for the component tests; the app never includes it.

use std::path::{Path, PathBuf};
use std::{env, fs, process};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let corpus_dir = env::var_os("TIFA_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("corpus"));
    println!("cargo:rerun-if-env-changed=TIFA_CORPUS");
    println!("cargo:rerun-if-changed={}", corpus_dir.display());

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    fs::write(
        out_dir.join("corpus.bin"),
        compile_or_exit(&corpus_dir, &manifest),
    )
    .expect("write corpus blob");
    let hostile = manifest.join("tests/fixtures/hostile");
    println!("cargo:rerun-if-changed={}", hostile.display());
    fs::write(
        out_dir.join("hostile.bin"),
        compile_or_exit(&hostile, &manifest),
    )
    .expect("write the hostile test corpus");
}

/// The blob of the corpus in `dir`; on problems, prints them and fails the build.
fn compile_or_exit(corpus_dir: &Path, manifest: &Path) -> Vec<u8> {
    let corpus = match tifa_core::compile::compile_dir(corpus_dir) {
        Ok(c) => c,
        Err(diags) => {
            eprintln!(
                "error: the corpus in {} has {} problem(s):",
                corpus_dir.display(),
                diags.len()
            );
            for d in &diags {
                let file = d.file.strip_prefix(manifest).unwrap_or(&d.file);
                eprintln!("{}:{}: {}", file.display(), d.line, d.message);
            }
            process::exit(1);
        }
    };
    tifa_core::blob::encode(&corpus)
}
