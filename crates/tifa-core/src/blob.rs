//! The corpus as the app holds it: a [`Bundle`] decoded from the corpus blob (its format
//! is `tifa_model::format`, re-exported here) with the search index and look-ups built
//! from it, and the discoveries blob (`discover`'s schema) attached once it arrives.
//!
//! **Search never waits for the discoveries**: they are mined at build time, stored
//! apart, and given to a bundle when they come ([`Bundle::attach`]).

use crate::discover::Discoveries;
use crate::search::index::{self, Index};
use std::sync::OnceLock;
pub use tifa_model::format::{
    decode_corpus, encode, unpack, version, DecodeError, FORMAT_VERSION, MAGIC, MAX_UNPACKED,
    MINED_MAGIC, PACKED_MAGIC,
};
use tifa_model::format::{payload, whole, with_header};
use tifa_model::lookup::Lookup;
use tifa_model::{Corpus, Statement};

/// A decoded corpus with what is built from it: the search index and the look-ups;
/// and, once given ([`Bundle::attach`]), what is mined from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle<'a> {
    pub corpus: Corpus<'a>,
    pub index: Index<'a>,
    /// Built with the bundle when its corpus is whole; for one in runs, the first time
    /// it is asked for once every run is filled (until then the look-ups scan).
    lookup: OnceLock<Lookup>,
    discoveries: OnceLock<Discoveries<'a>>,
}

impl<'a> Bundle<'a> {
    /// A corpus with its index and look-ups built, as [`decode`] builds them, and no
    /// discoveries until [`Bundle::attach`] (`tifa_compile::bundle` mines them too).
    pub fn new(corpus: Corpus<'a>) -> Bundle<'a> {
        let index = index::build(&corpus);
        Bundle::from_parts(corpus, index)
    }

    /// A corpus with an index already made (the sharded packing's, `shards::corpus_of`
    /// and `index_of`): the look-ups are built (for a corpus in runs, once its runs are
    /// all filled), the index is not.
    pub fn from_parts(corpus: Corpus<'a>, index: Index<'a>) -> Bundle<'a> {
        let lookup = OnceLock::new();
        if !corpus.statements.is_in_runs() && !corpus.documents.is_in_runs() {
            let _ = lookup.set(Lookup::build(&corpus));
        }
        Bundle {
            corpus,
            index,
            lookup,
            discoveries: OnceLock::new(),
        }
    }

    /// The look-ups by id and by document: built once every statement and document is
    /// here; until then none, and [`Lookup`]'s callers scan what has come (a
    /// statement not arrived has no id, so it is found by none).
    pub fn lookup(&self) -> &Lookup {
        static NONE: OnceLock<Lookup> = OnceLock::new();
        if let Some(built) = self.lookup.get() {
            return built;
        }
        if self.corpus.statements.is_complete() && self.corpus.documents.is_complete() {
            return self.lookup.get_or_init(|| Lookup::build(&self.corpus));
        }
        NONE.get_or_init(Lookup::default)
    }

    /// The same bundle with no look-ups: its callers scan (tests of that fallback).
    pub fn without_lookup(mut self) -> Bundle<'a> {
        self.lookup = OnceLock::new();
        let _ = self.lookup.set(Lookup::default());
        self
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
        self.lookup().statement_index(&self.corpus, id)
    }

    /// The statement with this id.
    pub fn statement(&self, id: &str) -> Option<&Statement<'a>> {
        self.statement_index(id).map(|i| &self.corpus.statements[i])
    }

    /// The index of the document with this id.
    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.lookup().document_index(&self.corpus, id)
    }

    /// The statements taken from the document at `doc`, in corpus order.
    pub fn statements_of(&self, doc: u32) -> impl Iterator<Item = &Statement<'a>> {
        self.lookup()
            .statements_of(&self.corpus, doc)
            .into_iter()
            .map(|i| &self.corpus.statements[i as usize])
    }
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

/// Decodes a blob, borrowing all text from `bytes` ([`decode_corpus`]), and builds the
/// index and look-ups.
pub fn decode(bytes: &[u8]) -> Result<Bundle<'_>, DecodeError> {
    let corpus = decode_corpus(bytes)?;
    let index = index::build(&corpus);
    Ok(Bundle::from_parts(corpus, index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use tifa_compile::fixtures::{quote, reused};

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
