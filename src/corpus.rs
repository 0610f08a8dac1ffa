//! The corpus compiled into this bundle by `build.rs`, decoded once and borrowed forever.
//!
//! **The corpus is immutable at run time**: nothing in the app can change it, and it is
//! never fetched: the bytes below are part of the Wasm binary.

use std::sync::OnceLock;
use tifa_core::blob::{self, Bundle, DecodeError};

/// The blob written by `build.rs` (format: `tifa_core::blob`).
pub static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

static BUNDLE: OnceLock<Result<Bundle<'static>, DecodeError>> = OnceLock::new();
static DECODE_MS: OnceLock<f64> = OnceLock::new();

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The decoded corpus and index; text and postings are borrowed from [`BLOB`].
pub fn bundle() -> Result<&'static Bundle<'static>, &'static DecodeError> {
    BUNDLE
        .get_or_init(|| {
            let start = now_ms();
            let decoded = blob::decode(BLOB);
            let _ = DECODE_MS.set(now_ms() - start);
            decoded
        })
        .as_ref()
}

/// How long decoding the blob (corpus and index) took, in milliseconds: after this the
/// search is ready, as nothing is built at start.
pub fn decode_ms() -> Option<f64> {
    DECODE_MS.get().copied()
}

static VERSION: OnceLock<String> = OnceLock::new();

/// The corpus version: a short hash (FNV-1a, 64 bits, 12 hex digits) of the embedded
/// blob, named in every file the app writes so a figure can be traced to its corpus.
pub fn version() -> &'static str {
    VERSION.get_or_init(|| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in BLOB {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        let hex = format!("{h:016x}");
        hex[..12].to_string()
    })
}
