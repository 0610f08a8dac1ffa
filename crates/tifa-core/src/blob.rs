//! The binary blobs the site is made of: the corpus, which the app embeds with
//! `include_bytes!`, and what is mined from it, a file the site serves beside the Wasm.
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
//! the schema in discover/mod.rs), [`encode_discoveries`] and [`decode_discoveries`]:
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
//! **The blob ships the corpus, not its index.** [`decode`] borrows every string from
//! the blob, checks that the corpus's indices and spans point inside it, then builds
//! the search index and the look-ups from it (`search::index::build`, `Lookup::build`):
//! at 25,000 statements that takes less time than downloading the index would on any
//! line a phone has, and it is the same code the compiler runs, so the two always
//! agree. What is mined (formulations, reuse) is too slow to redo at start and is
//! stored, apart: **search never waits for the discoveries**, which a [`Bundle`] is
//! given when they arrive ([`Bundle::attach`]). The same corpus always encodes to the
//! same bytes (the compiler sorts everything it emits), which the tests check.

use crate::discover::Discoveries;
use crate::search::index::{self, Index};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::OnceLock;
use tifa_model::lookup::Lookup;
use tifa_model::{Corpus, Statement, Text};

/// A decoded corpus with what is built from it: the search index and the look-ups;
/// and, once given ([`Bundle::attach`]), what is mined from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle<'a> {
    pub corpus: Corpus<'a>,
    pub index: Index<'a>,
    pub lookup: Lookup,
    discoveries: OnceLock<Discoveries<'a>>,
}

/// What the corpus blob stores.
#[derive(Deserialize)]
struct Stored<'a> {
    #[serde(borrow)]
    corpus: Corpus<'a>,
    #[serde(borrow)]
    texts: Vec<Text<'a>>,
}

impl<'a> Bundle<'a> {
    /// A corpus with its index and look-ups built, as [`decode`] builds them, and no
    /// discoveries until [`Bundle::attach`] (`tifa_compile::bundle` mines them too).
    pub fn new(corpus: Corpus<'a>) -> Bundle<'a> {
        let index = index::build(&corpus);
        let lookup = Lookup::build(&corpus);
        Bundle {
            corpus,
            index,
            lookup,
            discoveries: OnceLock::new(),
        }
    }

    /// What is mined from the corpus, once given: none until [`Bundle::attach`].
    pub fn discoveries(&self) -> Option<&Discoveries<'a>> {
        self.discoveries.get()
    }

    /// Gives the bundle what is mined from its corpus ([`decode_discoveries`] checked
    /// that it is). Only the first call counts: it returns `false` when the bundle
    /// already had them.
    ///
    /// ```
    /// use tifa_core::blob;
    /// use tifa_model::Corpus;
    /// let corpus = Corpus::empty();
    /// let bytes = blob::encode(&corpus);
    /// let bundle = blob::decode(&bytes).unwrap();
    /// assert!(bundle.discoveries().is_none());
    /// let mined = tifa_compile::discoveries_blob(&corpus, &Default::default());
    /// assert!(bundle.attach(blob::decode_discoveries(&mined, &bundle.corpus).unwrap()));
    /// assert!(bundle.discoveries().is_some());
    /// ```
    pub fn attach(&self, discoveries: Discoveries<'a>) -> bool {
        self.discoveries.set(discoveries).is_ok()
    }

    /// The index of the statement with this id.
    pub fn statement_index(&self, id: &str) -> Option<usize> {
        self.lookup.statement_index(&self.corpus, id)
    }

    /// The statement with this id.
    pub fn statement(&self, id: &str) -> Option<&Statement<'a>> {
        self.statement_index(id).map(|i| &self.corpus.statements[i])
    }

    /// The index of the document with this id.
    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.lookup.document_index(&self.corpus, id)
    }

    /// The statements taken from the document at `doc`, in corpus order.
    pub fn statements_of(&self, doc: u32) -> impl Iterator<Item = &Statement<'a>> {
        self.lookup
            .statements_of(&self.corpus, doc)
            .into_iter()
            .map(|i| &self.corpus.statements[i as usize])
    }
}

/// First four bytes of every corpus blob.
pub const MAGIC: &[u8; 4] = b"TIFA";
/// First four bytes of every discoveries blob.
pub const MINED_MAGIC: &[u8; 4] = b"TIFM";
/// Bumped whenever [`Corpus`] or [`Discoveries`] changes shape.
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
/// use tifa_core::blob::{unpack, DecodeError};
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
/// assert_eq!(tifa_core::blob::version(b""), "cbf29ce48422");
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
/// use tifa_core::blob;
/// use tifa_model::Corpus;
/// let bytes = blob::encode(&Corpus::empty());
/// assert_eq!(&bytes[..4], b"TIFA");
/// assert_eq!(blob::decode(&bytes).unwrap().corpus.documents.len(), 0);
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

/// Serializes what is mined from a corpus into a discoveries blob (the compiler mines
/// it: `tifa_compile::discoveries_blob`).
///
/// ```
/// use tifa_core::{blob, discover::Discoveries};
/// let bytes = blob::encode_discoveries(&Discoveries::default());
/// assert_eq!(&bytes[..4], b"TIFM");
/// ```
pub fn encode_discoveries(discoveries: &Discoveries<'_>) -> Vec<u8> {
    with_header(MINED_MAGIC, discoveries)
}

/// `magic`, the format version and `value` in postcard.
fn with_header<T: Serialize>(magic: &[u8; 4], value: &T) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    // Serializing plain data structures into a Vec cannot fail.
    postcard::to_io(value, &mut out).expect("postcard serialization into a Vec");
    out
}

/// The payload of a blob that starts with `magic` and this format version.
fn payload<'b>(bytes: &'b [u8], magic: &[u8; 4]) -> Result<&'b [u8], DecodeError> {
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
fn whole<'b, T: Deserialize<'b>>(bytes: &'b [u8], what: &str) -> Result<T, DecodeError> {
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

/// Decodes a discoveries blob ([`encode_discoveries`]) for `corpus`, borrowing its
/// phrases from `bytes`; refused when its tables do not fit the corpus (its reuse table
/// has an entry per statement: a file from a corpus of another size). The statements an
/// entry names are checked again where they are read, so an entry that does not fit is
/// skipped, never a panic. (The site names the file by the corpus version, so the app
/// asks for its own corpus's file.)
pub fn decode_discoveries<'b>(
    bytes: &'b [u8],
    corpus: &Corpus<'_>,
) -> Result<Discoveries<'b>, DecodeError> {
    let discoveries: Discoveries<'b> = whole(payload(bytes, MINED_MAGIC)?, "discoveries")?;
    if !discoveries.is_valid_for(corpus) {
        return Err(DecodeError::Payload(
            "its tables do not fit this corpus (mined from another corpus?)".to_string(),
        ));
    }
    Ok(discoveries)
}

/// Decodes a blob, borrowing all text from `bytes`, and builds the index and look-ups.
pub fn decode(bytes: &[u8]) -> Result<Bundle<'_>, DecodeError> {
    let Stored { mut corpus, texts } = whole(payload(bytes, MAGIC)?, "corpus")?;
    if texts.len() != corpus.documents.len() {
        return Err(DecodeError::Payload(format!(
            "{} texts for {} documents",
            texts.len(),
            corpus.documents.len()
        )));
    }
    for (doc, text) in corpus.documents.iter_mut().zip(texts) {
        doc.raw = text;
    }
    if let Err(what) = corpus.consistency() {
        return Err(DecodeError::Payload(format!(
            "the corpus points outside itself: {what}"
        )));
    }
    let index = index::build(&corpus);
    let lookup = Lookup::build(&corpus);
    Ok(Bundle {
        corpus,
        index,
        lookup,
        discoveries: OnceLock::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_garbage_without_panicking() {
        assert_eq!(decode(b""), Err(DecodeError::NotABlob));
        assert_eq!(decode(b"TIFB\x01\x00"), Err(DecodeError::NotABlob));
        // Another format version (one this build does not write) is named.
        let other = FORMAT_VERSION + 1;
        let bytes = [b"TIFA".as_slice(), &other.to_le_bytes()].concat();
        assert_eq!(decode(&bytes), Err(DecodeError::Version { found: other }));
        assert!(matches!(
            decode(&[b"TIFA".as_slice(), &FORMAT_VERSION.to_le_bytes(), &[5]].concat()),
            Err(DecodeError::Payload(_))
        ));
    }

    #[test]
    fn trailing_bytes_are_an_error() {
        let mut bytes = encode(&Corpus::empty());
        bytes.push(0);
        assert!(matches!(decode(&bytes), Err(DecodeError::Payload(_))));
    }

    /// A blob whose statement points outside the corpus is refused with a message, never
    /// indexed (building the index would read out of range).
    #[test]
    fn a_statement_pointing_outside_the_corpus_is_an_error() {
        use tifa_model::Document;
        let mut corpus = Corpus::empty();
        corpus.documents.push(Document::bare("d", "short"));
        corpus.statements.push(quote("s", 0, 99));
        // No speaker 0, and a passage past the end of its text.
        let message = refusal(&corpus);
        assert!(message.contains("points outside itself"), "{message}");
        assert!(message.contains("statement s"), "{message}");
    }

    /// Encodes a corpus as the compiler would not, and returns decoding's refusal.
    fn refusal(corpus: &Corpus) -> String {
        #[derive(Serialize)]
        struct Raw<'r> {
            corpus: &'r Corpus<'r>,
            texts: Vec<&'r str>,
        }
        let mut bytes = [MAGIC.as_slice(), &FORMAT_VERSION.to_le_bytes()].concat();
        bytes.extend(
            postcard::to_stdvec(&Raw {
                corpus,
                texts: corpus.documents.iter().map(|d| &*d.raw).collect(),
            })
            .unwrap(),
        );
        match decode(&bytes) {
            Err(DecodeError::Payload(message)) => message,
            other => panic!("decoded a corpus it should refuse: {:?}", other.map(|_| ())),
        }
    }

    /// Regression: a month of 13 passed decoding, and drawing its date read past the
    /// table of month names.
    #[test]
    fn a_date_that_does_not_exist_is_an_error() {
        use tifa_model::{Document, PartialDate};
        let mut corpus = Corpus::empty();
        let mut doc = Document::bare("d", "text");
        doc.published.date = Some(PartialDate {
            year: 2020,
            month: Some(13),
            day: None,
        });
        corpus.documents.push(doc);
        let message = refusal(&corpus);
        assert!(
            message.contains("document d: publication date"),
            "{message}"
        );
        assert!(message.contains("month 13"), "{message}");
    }

    /// Regression: removals out of order passed decoding, and cleaning the text sliced
    /// backwards.
    #[test]
    fn removals_out_of_order_are_an_error() {
        use tifa_model::{Document, Removal, Span};
        let mut corpus = Corpus::empty();
        let mut doc = Document::bare("d", "Menu. Body. Footer.");
        doc.removed = vec![
            Removal {
                span: Span { start: 12, end: 19 },
                reason: "footer".into(),
            },
            Removal {
                span: Span { start: 0, end: 5 },
                reason: "menu".into(),
            },
        ];
        corpus.documents.push(doc);
        let message = refusal(&corpus);
        assert!(message.contains("out of order or overlap"), "{message}");
    }

    /// Statement `id` of document `document`: one quote of its first `end` bytes.
    fn quote(id: &str, document: u32, end: u32) -> Statement<'static> {
        use tifa_model::{Passage, PassageKind, Span};
        let kind = PassageKind::Quote;
        let span = Span { start: 0, end };
        Statement::bare(id, document, vec![Passage { kind, span }])
    }

    /// A corpus two statements say the same long sentence in (one reuse pair).
    fn reused() -> Corpus<'static> {
        use tifa_model::Document;
        let sentence = "we firmly oppose any interference in the internal affairs of other countries under any pretext";
        let mut corpus = Corpus::empty();
        corpus.speakers.push(tifa_model::Entity {
            id: "a".into(),
            name: "A".into(),
        });
        for (i, (id, doc)) in [("s1", "d1"), ("s2", "d2")].into_iter().enumerate() {
            corpus.documents.push(Document::bare(doc, sentence));
            corpus
                .statements
                .push(quote(id, i as u32, sentence.len() as u32));
        }
        corpus
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(tail in proptest::collection::vec(proptest::num::u8::ANY, 0..256)) {
            let mut bytes = [b"TIFA".as_slice(), &FORMAT_VERSION.to_le_bytes()].concat();
            bytes.extend(tail);
            let _ = decode(&bytes);
            let mut mined = [MINED_MAGIC.as_slice(), &FORMAT_VERSION.to_le_bytes()].concat();
            mined.extend(&bytes[6..]);
            let _ = decode_discoveries(&mined, &reused());
        }
    }
}
