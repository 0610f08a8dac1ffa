//! Compiles the corpus folder into `$OUT_DIR/corpus.bin`, which `src/corpus.rs` embeds.
//!
//! The corpus is `corpus/` unless `TIFA_CORPUS` names another folder (benchmarks use
//! that for synthetic corpora). Any problem fails the build with `file:line: message`.
//!
//! It also compiles the component tests' own corpora, which the app never includes:
//! `tests/fixtures/corpus` (the test corpus, so `corpus/` can grow without touching a
//! test) into `$OUT_DIR/fixture.bin`, and `tests/fixtures/hostile` (a tiny corpus of
//! markup) into `$OUT_DIR/hostile.bin`.

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
    for (dir, blob) in [("corpus", "fixture.bin"), ("hostile", "hostile.bin")] {
        let dir = manifest.join("tests/fixtures").join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        fs::write(out_dir.join(blob), compile_or_exit(&dir, &manifest))
            .expect("write a test corpus");
    }
}

/// The blob of the corpus in `dir`; on problems, prints them and fails the build.
fn compile_or_exit(corpus_dir: &Path, manifest: &Path) -> Vec<u8> {
    let (corpus, settings) = match tifa_core::compile::compile_dir_with_settings(corpus_dir) {
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
    tifa_core::blob::encode_with(&corpus, &settings)
}
