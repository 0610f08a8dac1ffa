//! The corpus compiled into this bundle by `build.rs`, decoded once and borrowed forever.
//!
//! **The corpus is immutable at run time**: nothing in the app can change it, and it is
//! never fetched: the bytes below are part of the Wasm binary.

use std::sync::OnceLock;
use tifa_core::blob::{self, Bundle, DecodeError};

/// The blob written by `build.rs`, packed (format: `tifa_core::blob`).
pub static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

static BUNDLE: OnceLock<Result<Bundle<'static>, DecodeError>> = OnceLock::new();
static DECODE_MS: OnceLock<f64> = OnceLock::new();

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The decoded corpus (its text borrowed from [`BLOB`] unpacked, which lives as long
/// as the page) with the index built from it.
pub fn bundle() -> Result<&'static Bundle<'static>, &'static DecodeError> {
    BUNDLE
        .get_or_init(|| {
            let start = now_ms();
            let decoded =
                blob::unpack(BLOB).and_then(|raw| blob::decode(Box::leak(raw.into_boxed_slice())));
            let _ = DECODE_MS.set(now_ms() - start);
            decoded
        })
        .as_ref()
}

/// How long unpacking and decoding the blob took, in milliseconds, the index and
/// look-ups built from it included: after this the search is ready.
pub fn decode_ms() -> Option<f64> {
    DECODE_MS.get().copied()
}

/// `build.rs` writes the version into the bundle with this prefix; `pwa/postbuild.mjs`
/// finds it in the built Wasm to pick the first paint written for this very corpus.
const MARKED_VERSION: &str = concat!("tifa-corpus-version:", env!("TIFA_CORPUS_VERSION"));

/// The corpus version (`tifa_core::blob::version` of [`BLOB`], computed by `build.rs`),
/// named in every file the app writes so a figure can be traced to its corpus.
pub fn version() -> &'static str {
    // An offset the optimiser cannot see keeps the whole marked string in the binary.
    let prefix = std::hint::black_box("tifa-corpus-version:".len());
    MARKED_VERSION.get(prefix..).unwrap_or(MARKED_VERSION)
}
