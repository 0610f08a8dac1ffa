//! Compiles the corpus folder into `$OUT_DIR/corpus.bin` (the blob, packed: see
//! `tifa_compile::pack`), which `src/corpus.rs` embeds, and mines it into the
//! discoveries file the site serves beside the Wasm (see [`write_beside`]).
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
//! markup) into `$OUT_DIR/hostile.bin`, each with its discoveries beside it
//! (`fixture-mined.bin`, `hostile-mined.bin`).

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
    let (blob, mined) = compile_or_exit(&corpus_dir, &manifest);
    // The version names both: the same corpus mined with other thresholds is another
    // version, and its discoveries file another name.
    let version = tifa_core::blob::version(&[blob.as_slice(), &mined].concat());
    println!("cargo:rustc-env=TIFA_CORPUS_VERSION={version}");
    write_first_paint(&blob, &version, &out_dir);
    write_beside(
        &tifa_compile::pack(&mined),
        "discoveries",
        "bin",
        &version,
        &out_dir,
    );
    let packed = tifa_compile::pack(&blob);
    fs::write(out_dir.join("corpus.bin"), packed).expect("write corpus blob");
    for name in ["fixture", "hostile"] {
        let dir =
            manifest
                .join("tests/fixtures")
                .join(if name == "fixture" { "corpus" } else { name });
        println!("cargo:rerun-if-changed={}", dir.display());
        let (blob, mined) = compile_or_exit(&dir, &manifest);
        fs::write(
            out_dir.join(format!("{name}.bin")),
            tifa_compile::pack(&blob),
        )
        .expect("write a test corpus");
        fs::write(
            out_dir.join(format!("{name}-mined.bin")),
            tifa_compile::pack(&mined),
        )
        .expect("write a test corpus's discoveries");
    }
}

/// Writes a file of this build for `pwa/postbuild.mjs` to put in the site:
/// `<profile dir>/<folder>/<version>.<ext>`, next to the build's `build/` folder. The
/// post-build step takes the file whose version the built Wasm names (`src/corpus.rs`
/// marks it), so a site never gets another corpus's file.
fn write_beside(bytes: &[u8], folder: &str, ext: &str, version: &str, out_dir: &Path) {
    // OUT_DIR is <profile dir>/build/tifa-<hash>/out.
    let Some(profile_dir) = out_dir.ancestors().nth(3) else {
        return;
    };
    let dir = profile_dir.join(folder);
    fs::create_dir_all(&dir).expect("create a folder for the post-build step");
    fs::write(dir.join(format!("{version}.{ext}")), bytes).expect("write a file of the build");
}

/// Writes the page's first paint (`tifa_view::prerender`) for this corpus where
/// `pwa/postbuild.mjs` looks for it: `<profile dir>/prerender/<version>.html`.
fn write_first_paint(blob: &[u8], version: &str, out_dir: &Path) {
    let bundle = tifa_core::blob::decode(blob).expect("a blob just encoded decodes");
    let html = tifa_view::prerender::page(&bundle, version);
    write_beside(html.as_bytes(), "prerender", "html", version, out_dir);
}

/// The blob of the corpus in `dir` and its discoveries blob; on problems, prints them
/// and fails the build.
fn compile_or_exit(corpus_dir: &Path, manifest: &Path) -> (Vec<u8>, Vec<u8>) {
    let (corpus, settings) = match tifa_compile::compile_dir_with_settings(corpus_dir) {
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
    (
        tifa_core::blob::encode(&corpus),
        tifa_compile::discoveries_blob(&corpus, &settings),
    )
}
