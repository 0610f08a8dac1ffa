//! The corpus compiled into this bundle by `build.rs`, decoded once and borrowed forever.
//!
//! **The corpus is immutable at run time**: nothing in the app can change it, and it is
//! never fetched: the bytes below are part of the Wasm binary.

use std::sync::OnceLock;
use tifa_core::blob::{self, DecodeError};
use tifa_core::model::Corpus;

/// The blob written by `build.rs` (format: `tifa_core::blob`).
pub static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

static CORPUS: OnceLock<Result<Corpus<'static>, DecodeError>> = OnceLock::new();
static DECODE_MS: OnceLock<f64> = OnceLock::new();

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The decoded corpus; text is borrowed from [`BLOB`], not copied.
pub fn corpus() -> Result<&'static Corpus<'static>, &'static DecodeError> {
    CORPUS
        .get_or_init(|| {
            let start = now_ms();
            let decoded = blob::decode(BLOB);
            let _ = DECODE_MS.set(now_ms() - start);
            decoded
        })
        .as_ref()
}

/// How long the first [`corpus`] call took to decode the blob, in milliseconds.
pub fn decode_ms() -> Option<f64> {
    DECODE_MS.get().copied()
}
