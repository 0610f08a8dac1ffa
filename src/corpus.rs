//! The corpus compiled into this bundle by `build.rs`, decoded once and borrowed forever;
//! and its discoveries, fetched once the app has started ([`load_discoveries`]).
//!
//! **The corpus is immutable at run time**: nothing in the app can change it, and it is
//! never fetched: the bytes below are part of the Wasm binary. What is mined from it is
//! a file of the same build (named by the corpus version, precached by the service
//! worker), checked against the corpus before it is attached.

use std::sync::OnceLock;
use tifa_view::corpus::{self as blob, Bundle, DecodeError};

/// The blob written by `build.rs`, packed (format: `tifa_core::blob`, read through `tifa_view::corpus`).
pub static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

static BUNDLE: OnceLock<Result<Bundle<'static>, DecodeError>> = OnceLock::new();
static DECODE_MS: OnceLock<f64> = OnceLock::new();

/// The page's clock, in milliseconds (0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The decoded corpus (its text borrowed from [`BLOB`] unpacked, which lives as long
/// as the page) with the index built from it. On a site built in the sharded packing,
/// the bundle made from its manifest, once [`crate::shards::open`] has fetched it.
pub fn bundle() -> Result<&'static Bundle<'static>, &'static DecodeError> {
    if crate::shards::sharded() {
        static NOT_YET: OnceLock<DecodeError> = OnceLock::new();
        return BUNDLE.get().map_or_else(
            || {
                Err(NOT_YET.get_or_init(|| {
                    DecodeError::Payload("the corpus manifest has not been fetched".into())
                }))
            },
            Result::as_ref,
        );
    }
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

/// Makes `bundle` the page's (a sharded corpus's, made from its manifest); only the
/// first counts.
pub fn set_bundle(bundle: Bundle<'static>) {
    let _ = BUNDLE.set(Ok(bundle));
}

/// How long unpacking and decoding the blob took, in milliseconds, the index and
/// look-ups built from it included: after this the search is ready.
pub fn decode_ms() -> Option<f64> {
    DECODE_MS.get().copied()
}

/// The discoveries file of this build, as `pwa/postbuild.mjs` names it in the site:
/// `discoveries-<version>.bin`, beside `index.html`.
pub fn discoveries_file() -> String {
    format!("discoveries-{}.bin", version())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `fetch`, in a window or a worker alike (the API can run in either).
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_url(url: &str) -> js_sys::Promise;
}

/// What a failed promise says.
fn reason(e: wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => e
            .as_string()
            .unwrap_or_else(|| "no reason given".to_string()),
    }
}

/// Fetches the discoveries file at `url` and attaches it ([`attach_discoveries`]);
/// done at once when the bundle has them. The error names the file and what went
/// wrong: the network, the server's answer, or the bytes.
pub async fn load_discoveries(url: &str) -> Result<(), String> {
    if bundle().is_ok_and(|b| b.discoveries().is_some()) {
        return Ok(());
    }
    let file = url.rsplit('/').next().unwrap_or(url);
    attach_discoveries(&fetch_bytes(url).await?, file)
}

/// Starts fetching `url` (a file of this site); [`bytes_of`] waits for its bytes.
pub fn start_fetch(url: &str) -> js_sys::Promise {
    fetch_url(url)
}

/// The bytes of the file at `url`; the error names the file and what went wrong: the
/// network or the server's answer.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    bytes_of(url, start_fetch(url)).await
}

/// The bytes a fetch of `url` started by [`start_fetch`] brings.
pub async fn bytes_of(url: &str, fetched: js_sys::Promise) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let file = url.rsplit('/').next().unwrap_or(url);
    let response: web_sys::Response = JsFuture::from(fetched)
        .await
        .map_err(|e| format!("{file} could not be fetched: {}", reason(e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!(
            "{file} could not be fetched: the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let body = response
        .array_buffer()
        .map_err(|e| format!("{file} could not be read: {}", reason(e)))?;
    let bytes = JsFuture::from(body)
        .await
        .map_err(|e| format!("{file} could not be read: {}", reason(e)))?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// Unpacks the discoveries file's bytes, checks them against the corpus and attaches
/// them to the bundle ([`bundle`]); the error names `file` and what is wrong with it.
pub fn attach_discoveries(packed: &[u8], file: &str) -> Result<(), String> {
    let bundle = bundle().map_err(|e| format!("The embedded corpus: {e}"))?;
    if bundle.discoveries().is_some() {
        return Ok(());
    }
    let raw = blob::unpack(packed).map_err(|e| format!("{file}: {e}"))?;
    // Checked before its bytes are kept for the page's life, so a refused file (which
    // the API may fetch again) is freed. Decoding borrows its tables: twice is cheap.
    blob::decode_discoveries(&raw, &bundle.corpus).map_err(|e| format!("{file}: {e}"))?;
    let raw: &'static [u8] = Box::leak(raw.into_boxed_slice());
    let found =
        blob::decode_discoveries(raw, &bundle.corpus).map_err(|e| format!("{file}: {e}"))?;
    bundle.attach(found);
    Ok(())
}

/// `build.rs` writes the version into the bundle with this prefix; `pwa/postbuild.mjs`
/// finds it in the built Wasm to pick the first paint and the discoveries file written
/// for this very corpus.
const MARKED_VERSION: &str = concat!("tifa-corpus-version:", env!("TIFA_CORPUS_VERSION"));

/// The corpus version (`tifa_view::corpus::version` of the unpacked corpus and discoveries
/// blobs, computed by `build.rs`),
/// named in every file the app writes so a figure can be traced to its corpus.
pub fn version() -> &'static str {
    // An offset the optimiser cannot see keeps the whole marked string in the binary.
    let prefix = std::hint::black_box("tifa-corpus-version:".len());
    MARKED_VERSION.get(prefix..).unwrap_or(MARKED_VERSION)
}
