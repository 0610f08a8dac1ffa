//! The binary format of the blobs the site is made of: the corpus, which the app embeds
//! with `include_bytes!`, and what is mined from it, a file the site serves beside the
//! Wasm (its schema is `tifa_core::discover`'s; `tifa_core::blob` decodes it and builds
//! the bundle the app searches).
//!
//! ```text
//! offset  size  field
//! ------  ----  -----------------------------------------------------------
//!      0     4  magic  b"TIFA"
//!      4     2  format version, u16 little-endian (FORMAT_VERSION)
//!      6     …  payload: postcard(Stored { corpus, texts })
//!                 corpus: Corpus                      see crate::model; each document
//!                                                     without its raw text, which is
//!                 texts: Vec<str>                     here, in document order (texts
//!                                                     side by side compress better)
//! ```
//!
//! The discoveries (recurring formulations and reused passages, mined at build time;
//! the schema in discover/mod.rs), `tifa_core::blob::encode_discoveries` and `decode_discoveries`:
//!
//! ```text
//!      0     4  magic  b"TIFM"
//!      4     2  format version, u16 little-endian (FORMAT_VERSION)
//!      6     …  payload: postcard(discover::Discoveries)
//! ```
//!
//! postcard encoding, in short (https://postcard.jamesmunns.com/wire-format):
//!
//! ```text
//!   integers   varint (LEB128; signed ones zig-zag first)
//!   str        varint byte length, then UTF-8 bytes        <- borrowed on decode
//!   Option<T>  0x00 | 0x01 T
//!   Vec<T>     varint length, then each T
//!   enum       varint variant index, then its fields
//!   struct     fields in declaration order, no names, no padding
//! ```
//!
//! Both travel packed (`tifa_compile::pack`, [`unpack`]): zstd compresses the corpus's text far
//! better than the gzip a static host serves the Wasm with (its window is 8 MB where
//! gzip's is 32 KB, and its entropy coder is finer):
//!
//! ```text
//!      0     4  magic  b"TIFZ"
//!      4     4  the blob's length, u32 little-endian
//!      8     …  one zstd frame (level 19, no checksum) holding the blob
//! ```
//!
//! **The blob ships the corpus, not its index.** [`decode_corpus`] borrows every string from
//! the blob, checks that the corpus's indices and spans point inside it, then builds
//! `tifa_core::blob::decode` builds the search index and the look-ups from it (`search::index::build`, `Lookup::build`):
//! at 25,000 statements that takes less time than downloading the index would on any
//! line a phone has, and it is the same code the compiler runs, so the two always
//! agree. What is mined (formulations, reuse) is too slow to redo at start and is
//! stored, apart: **search never waits for the discoveries**, which a `Bundle` is
//! given when they arrive (`Bundle::attach`). The same corpus always encodes to the
//! same bytes (the compiler sorts everything it emits), which the tests check.

use crate::{Corpus, Text};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What the corpus blob stores.
#[derive(Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    corpus: Corpus<'a>,
    #[serde(borrow)]
    texts: Vec<Text<'a>>,
}

/// First four bytes of every corpus blob.
pub const MAGIC: &[u8; 4] = b"TIFA";
/// First four bytes of every discoveries blob.
pub const MINED_MAGIC: &[u8; 4] = b"TIFM";
/// Bumped whenever [`Corpus`] or what is mined from it changes shape.
pub const FORMAT_VERSION: u16 = 13;

/// First four bytes of a packed blob (`tifa_compile::pack`).
pub const PACKED_MAGIC: &[u8; 4] = b"TIFZ";

/// The largest blob [`unpack`] makes: 1 GiB, a quarter of a 32-bit Wasm memory (4 GiB).
pub const MAX_UNPACKED: usize = 1 << 30;

/// The blob inside a packed one (the compiler packs it: `tifa_compile::pack`).
/// Nothing is allocated before the frame's header is read and agrees with the packed
/// header: the blob's length, and a window no larger than it. Anything but one zstd
/// frame of exactly that length is refused.
///
/// ```
/// use tifa_model::format::{unpack, DecodeError};
/// assert_eq!(unpack(b"TIFA\x0b\x00"), Err(DecodeError::NotABlob));
/// assert!(matches!(unpack(b"TIFZ\x10\x00\x00\x00garbage"), Err(DecodeError::Payload(_))));
/// ```
pub fn unpack(packed: &[u8]) -> Result<Vec<u8>, DecodeError> {
    use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};
    use std::io::Read;
    let (Some(head), Some(frame)) = (packed.get(..8), packed.get(8..)) else {
        return Err(DecodeError::NotABlob);
    };
    if &head[..4] != PACKED_MAGIC {
        return Err(DecodeError::NotABlob);
    }
    let length = u32::from_le_bytes([head[4], head[5], head[6], head[7]]) as usize;
    let corrupt = |what: String| Err(DecodeError::Payload(format!("the packed blob {what}")));
    if length > MAX_UNPACKED {
        return corrupt(format!(
            "says it holds {length} bytes, over the {MAX_UNPACKED} this app unpacks"
        ));
    }
    // The decoder sets aside the frame's window when it reads the header: that window
    // must be no larger than the blob (zstd never makes it larger than what it packs).
    match frame_window(frame) {
        Some(window) if window <= length as u64 => {}
        _ => {
            return corrupt(format!(
                "has no zstd frame with a window of at most {length} bytes"
            ))
        }
    }
    let broken = |e: &dyn std::fmt::Debug| corrupt(format!("does not unpack: {e:?}"));
    let mut source = frame;
    let mut decoder = FrameDecoder::new();
    if let Err(e) = decoder.init(&mut source) {
        return broken(&e);
    }
    if decoder.content_size() != length as u64 {
        return corrupt(format!(
            "frame holds {} bytes, its header says {length}",
            decoder.content_size()
        ));
    }
    let mut out = Vec::new();
    if out.try_reserve_exact(length).is_err() {
        return corrupt(format!(
            "needs {length} bytes, more than there is memory for"
        ));
    }
    out.resize(length, 0);
    let mut written = 0;
    while !decoder.is_finished() {
        if let Err(e) =
            decoder.decode_blocks(&mut source, BlockDecodingStrategy::UptoBytes(1 << 20))
        {
            return broken(&e);
        }
        match decoder.read(&mut out[written..]) {
            Ok(n) => written += n,
            Err(e) => return broken(&e),
        }
        if decoder.can_collect() != 0 {
            return corrupt(format!("unpacks to more than its {length} bytes"));
        }
    }
    if written != length {
        return corrupt(format!(
            "unpacks to {written} bytes, its header says {length}"
        ));
    }
    if !source.is_empty() {
        return corrupt(format!("has {} bytes after its frame", source.len()));
    }
    Ok(out)
}

/// The window a zstd frame's header asks for (RFC 8878, 3.1.1.1): its content size
/// when it is a single segment, else what its window descriptor says. `None` when the
/// bytes do not start a zstd frame.
fn frame_window(frame: &[u8]) -> Option<u64> {
    if frame.get(..4)? != [0x28, 0xb5, 0x2f, 0xfd] {
        return None;
    }
    let descriptor = *frame.get(4)?;
    if descriptor & 0x20 != 0 {
        // Single segment: the window is the content, whose size follows the optional
        // dictionary id.
        let size_bytes = match descriptor >> 6 {
            0 => 1,
            1 => 2,
            2 => 4,
            _ => 8,
        };
        let id_bytes = [0, 1, 2, 4][(descriptor & 3) as usize];
        let at = 5 + id_bytes;
        let field = frame.get(at..at + size_bytes)?;
        let mut le = [0u8; 8];
        le[..size_bytes].copy_from_slice(field);
        let size = u64::from_le_bytes(le);
        return Some(if size_bytes == 2 { size + 256 } else { size });
    }
    let byte = *frame.get(5)?;
    let log = 10 + u32::from(byte >> 3);
    if log > 41 {
        return None;
    }
    let base = 1u64 << log;
    Some(base + (base / 8) * u64::from(byte & 7))
}

/// A blob's version: a short hash (FNV-1a, 64 bits, its first 12 hex digits) of its
/// bytes, named in the page's footer and in every file the app writes, so a figure can
/// be traced to its corpus. `build.rs` computes it once; the app embeds the result.
///
/// ```
/// assert_eq!(tifa_model::format::version(b""), "cbf29ce48422");
/// ```
pub fn version(bytes: &[u8]) -> String {
    format!("{:016x}", crate::hash::fnv1a(bytes))[..12].to_string()
}

/// Why a blob could not be decoded (its message says "the blob": the caller names
/// which, e.g. "The embedded corpus: …").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Shorter than the 6-byte header, or not starting with the magic asked for
    /// (`TIFA`, `TIFM`, or `TIFZ` when packed): not a blob of this kind.
    NotABlob,
    /// Written by another format version of the compiler.
    Version { found: u16 },
    /// The payload is not what the blob's kind holds (a corpus, discoveries) or does not
    /// unpack; the message says what is wrong.
    Payload(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotABlob => write!(f, "not a Tifa blob of this kind"),
            DecodeError::Version { found } => write!(
                f,
                "the blob has format version {found}, this app reads {FORMAT_VERSION}"
            ),
            DecodeError::Payload(e) => write!(f, "the blob is corrupt: {e}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Serializes a corpus into a blob.
///
/// ```
/// use tifa_model::{format, Corpus};
/// let bytes = format::encode(&Corpus::empty());
/// assert_eq!(&bytes[..4], b"TIFA");
/// assert_eq!(format::decode_corpus(&bytes).unwrap().documents.len(), 0);
/// ```
pub fn encode(corpus: &Corpus<'_>) -> Vec<u8> {
    #[derive(Serialize)]
    struct StoredRef<'r, 'a> {
        corpus: &'r Corpus<'a>,
        texts: Vec<&'r Text<'a>>,
    }
    let stored = StoredRef {
        corpus,
        texts: corpus.documents.iter().map(|d| &d.raw).collect(),
    };
    with_header(MAGIC, &stored)
}

/// `magic`, the format version and `value` in postcard.
pub fn with_header<T: Serialize>(magic: &[u8; 4], value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    // Serializing plain data structures into a Vec cannot fail.
    postcard::to_io(value, &mut out).expect("postcard serialization into a Vec");
    out
}

/// The payload of a blob that starts with `magic` and this format version.
pub fn payload<'b>(bytes: &'b [u8], magic: &[u8; 4]) -> Result<&'b [u8], DecodeError> {
    if bytes.len() < 6 || &bytes[..4] != magic {
        return Err(DecodeError::NotABlob);
    }
    let found = u16::from_le_bytes([bytes[4], bytes[5]]);
    if found != FORMAT_VERSION {
        return Err(DecodeError::Version { found });
    }
    Ok(&bytes[6..])
}

/// A postcard value that fills `bytes` exactly.
pub fn whole<'b, T: Deserialize<'b>>(bytes: &'b [u8], what: &str) -> Result<T, DecodeError> {
    let (value, rest) =
        postcard::take_from_bytes(bytes).map_err(|e| DecodeError::Payload(e.to_string()))?;
    if !rest.is_empty() {
        return Err(DecodeError::Payload(format!(
            "{} trailing bytes after the {what}",
            rest.len()
        )));
    }
    Ok(value)
}

/// Decodes a corpus blob ([`encode`]), borrowing all text from `bytes`, and checks that
/// the corpus points only inside itself (what is built from it reads by its indices).
pub fn decode_corpus(bytes: &[u8]) -> Result<Corpus<'_>, DecodeError> {
    let Stored { mut corpus, texts } = whole(payload(bytes, MAGIC)?, "corpus")?;
    if texts.len() != corpus.documents.len() {
        return Err(DecodeError::Payload(format!(
            "{} texts for {} documents",
            texts.len(),
            corpus.documents.len()
        )));
    }
    for (doc, text) in corpus.documents.as_mut_slice().iter_mut().zip(texts) {
        doc.raw = text;
    }
    if let Err(what) = corpus.consistency() {
        return Err(DecodeError::Payload(format!(
            "the corpus points outside itself: {what}"
        )));
    }
    Ok(corpus)
}
