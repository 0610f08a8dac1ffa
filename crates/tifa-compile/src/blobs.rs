//! The blobs the site is built from, as the compiler writes them: what is mined from a
//! corpus, and either blob packed by zstd (the app only unpacks, `tifa_core::blob`).

use crate::mine::{discoveries, Settings};
use tifa_core::blob::{encode_discoveries, Bundle};
use tifa_core::search::index;
use tifa_model::Corpus;

/// Packs a blob to embed: `PACKED_MAGIC`, the blob's length, and the blob compressed
/// by zstd at level 19 (the corpus compiler's side; the app only unpacks).
///
/// ```
/// use tifa_core::blob;
/// use tifa_model::Corpus;
/// let bytes = blob::encode(&Corpus::empty());
/// assert_eq!(blob::unpack(&tifa_compile::pack(&bytes)).unwrap(), bytes);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn pack(blob: &[u8]) -> Vec<u8> {
    let length = u32::try_from(blob.len()).expect("a corpus blob under 4 GB");
    // Compressing bytes in memory fails only when memory does.
    let frame = zstd::bulk::compress(blob, 19).expect("zstd compresses a blob in memory");
    let mut out = Vec::with_capacity(8 + frame.len());
    out.extend_from_slice(tifa_core::blob::PACKED_MAGIC);
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(&frame);
    out
}

/// Packs many blobs as [`pack`] does, on every core (each thread takes the next blob
/// not yet taken), returned in order: the sharded packing's pieces.
///
/// ```
/// let packed = tifa_compile::pack_all(vec![b"one".as_slice(), b"two"]);
/// assert_eq!(packed, vec![tifa_compile::pack(b"one"), tifa_compile::pack(b"two")]);
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn pack_all(blobs: Vec<&[u8]>) -> Vec<Vec<u8>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    let out: Vec<Mutex<Vec<u8>>> = blobs.iter().map(|_| Mutex::new(Vec::new())).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(blobs.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(blob) = blobs.get(i) else { break };
                let packed = pack(blob);
                *out[i].lock().unwrap_or_else(|e| e.into_inner()) = packed;
            });
        }
    });
    out.into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

/// Mines a corpus (formulations, reuse; the thresholds given) into a discoveries blob.
///
/// ```
/// use tifa_compile::{discoveries_blob, mine::Settings};
/// use tifa_model::Corpus;
/// let bytes = discoveries_blob(&Corpus::empty(), &Settings::default());
/// assert_eq!(&bytes[..4], b"TIFM");
/// ```
pub fn discoveries_blob(corpus: &Corpus<'_>, settings: &Settings) -> Vec<u8> {
    let index = index::build(corpus);
    encode_discoveries(&discoveries(corpus, &index, settings))
}

/// A corpus with its index, look-ups and discoveries built, the thresholds given: what
/// the app holds once its discoveries have come (for tests and tools that hold a
/// corpus in memory).
pub fn bundle_with<'a>(corpus: Corpus<'a>, settings: &Settings) -> Bundle<'a> {
    let bundle = Bundle::new(corpus);
    let mined = discoveries(&bundle.corpus, &bundle.index, settings);
    bundle.attach(mined);
    bundle
}

/// [`bundle_with`] the default thresholds.
///
/// ```
/// use tifa_model::Corpus;
/// assert!(tifa_compile::bundle(Corpus::empty()).discoveries().is_some());
/// ```
pub fn bundle(corpus: Corpus<'_>) -> Bundle<'_> {
    bundle_with(corpus, &Settings::default())
}

/// What a site is built from, for one corpus: the corpus blob (embedded in the Wasm),
/// the discoveries blob (a file beside it), and the version naming both. `build.rs` and
/// `tifa site-files` both make it here, so the file beside the Wasm is always the one
/// the Wasm names.
pub struct Site {
    pub blob: Vec<u8>,
    pub mined: Vec<u8>,
    pub version: String,
}

impl Site {
    /// The blobs of a compiled corpus, mined with its thresholds.
    ///
    /// ```
    /// use tifa_compile::{mine::Settings, Site};
    /// use tifa_model::Corpus;
    /// let site = Site::of(&Corpus::empty(), &Settings::default());
    /// assert_eq!(site.version.len(), 12);
    /// ```
    pub fn of(corpus: &Corpus<'_>, settings: &Settings) -> Site {
        let blob = tifa_core::blob::encode(corpus);
        let mined = discoveries_blob(corpus, settings);
        // The version names both: the same corpus mined with other thresholds is
        // another version, and its discoveries file another name.
        let version = tifa_core::blob::version(&[blob.as_slice(), &mined].concat());
        Site {
            blob,
            mined,
            version,
        }
    }
}
