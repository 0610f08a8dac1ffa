//! Compiles the corpus folder into `$OUT_DIR/corpus.bin` (the blob, packed: see
//! `tifa_core::blob::pack`), which `src/corpus.rs` embeds.
//!
//! The corpus is `corpus/` unless `TIFA_CORPUS` names another folder (benchmarks use
//! that for synthetic corpora). Any problem fails the build with `file:line: message`.
//!
//! It also renders the page's first paint over that corpus (`tifa_view::prerender`; see
//! [`write_first_paint`]) and names the corpus version (`TIFA_CORPUS_VERSION`).
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
    let blob = compile_or_exit(&corpus_dir, &manifest);
    let version = tifa_core::blob::version(&blob);
    println!("cargo:rustc-env=TIFA_CORPUS_VERSION={version}");
    write_first_paint(&blob, &version, &out_dir);
    let packed = tifa_core::blob::pack(&blob);
    fs::write(out_dir.join("corpus.bin"), packed).expect("write corpus blob");
    for (dir, blob) in [("corpus", "fixture.bin"), ("hostile", "hostile.bin")] {
        let dir = manifest.join("tests/fixtures").join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let packed = tifa_core::blob::pack(&compile_or_exit(&dir, &manifest));
        fs::write(out_dir.join(blob), packed).expect("write a test corpus");
    }
}

/// Writes the page's first paint (`tifa_view::prerender`) for this corpus where
/// `pwa/postbuild.mjs` looks for it: `<profile dir>/prerender/<version>.html`, next to
/// the build's `build/` folder. The post-build step takes the file whose version the
/// built Wasm names, so a build never gets another corpus's first paint.
fn write_first_paint(blob: &[u8], version: &str, out_dir: &Path) {
    let bundle = tifa_core::blob::decode(blob).expect("a blob just encoded decodes");
    let html = tifa_view::prerender::page(&bundle, version);
    // OUT_DIR is <profile dir>/build/tifa-<hash>/out.
    let Some(profile_dir) = out_dir.ancestors().nth(3) else {
        return;
    };
    let dir = profile_dir.join("prerender");
    fs::create_dir_all(&dir).expect("create the first-paint folder");
    fs::write(dir.join(format!("{version}.html")), html).expect("write the first paint");
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
