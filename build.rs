//! Compiles the corpus folder into `$OUT_DIR/corpus.bin` (the blob, packed: see
//! `tifa_compile::pack`), which `src/corpus.rs` embeds, and names its version
//! (`TIFA_CORPUS_VERSION`, of the corpus and what is mined from it: see
//! `tifa_compile::Site`). **It writes only to `OUT_DIR`**: the files a site serves
//! beside the Wasm (the discoveries, the first paint) are made from the same corpus by
//! `tifa site-files`, which the post-build step runs (`pwa/postbuild.mjs`).
//!
//! The corpus is `corpus/` unless `TIFA_CORPUS` names another folder (benchmarks use
//! that for synthetic corpora). Any problem fails the build with `file:line: message`.
//!
//! `TIFA_PACKING=shards` builds a site whose corpus is not in the Wasm: `corpus.bin` is
//! left empty and the app fetches the sharded packing's manifest and pieces, which the
//! post-build step writes beside it (`tifa site-files --shards`); `bundle` (the default)
//! embeds the corpus.
//!
//! It also compiles the component tests' own corpora, which the app never includes:
//! `tests/fixtures/corpus` (the test corpus, so `corpus/` can grow without touching a
//! test) into `$OUT_DIR/fixture.bin`, and `tests/fixtures/hostile` (a tiny corpus of
//! markup) into `$OUT_DIR/hostile.bin`, each with its discoveries beside it
//! (`fixture-mined.bin`, `hostile-mined.bin`).

use std::path::{Path, PathBuf};
use std::{env, fs, process};
use tifa_compile::{pack, Site};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let corpus_dir = env::var_os("TIFA_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("corpus"));
    println!("cargo:rerun-if-env-changed=TIFA_CORPUS");
    println!("cargo:rerun-if-changed={}", corpus_dir.display());

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    let site = compile_or_exit(&corpus_dir, &manifest);
    println!("cargo:rustc-env=TIFA_CORPUS_VERSION={}", site.version);
    println!("cargo:rerun-if-env-changed=TIFA_PACKING");
    let packing = env::var("TIFA_PACKING").unwrap_or_else(|_| "bundle".to_string());
    let embedded = match packing.as_str() {
        "bundle" => pack(&site.blob),
        "shards" => Vec::new(),
        other => {
            eprintln!("error: TIFA_PACKING is {other:?}; it is bundle (the corpus in the Wasm) or shards (fetched in pieces)");
            process::exit(1);
        }
    };
    println!("cargo:rustc-env=TIFA_PACKING={packing}");
    fs::write(out_dir.join("corpus.bin"), embedded).expect("write corpus blob");
    for name in ["fixture", "hostile"] {
        let dir =
            manifest
                .join("tests/fixtures")
                .join(if name == "fixture" { "corpus" } else { name });
        println!("cargo:rerun-if-changed={}", dir.display());
        let site = compile_or_exit(&dir, &manifest);
        fs::write(out_dir.join(format!("{name}.bin")), pack(&site.blob))
            .expect("write a test corpus");
        fs::write(out_dir.join(format!("{name}-mined.bin")), pack(&site.mined))
            .expect("write a test corpus's discoveries");
    }
}

/// The blobs of the corpus in `dir` (`tifa_compile::Site`); on problems, prints them
/// and fails the build.
fn compile_or_exit(corpus_dir: &Path, manifest: &Path) -> Site {
    match tifa_compile::compile_dir_with_settings(corpus_dir) {
        Ok((corpus, settings)) => Site::of(&corpus, &settings),
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
    }
}
