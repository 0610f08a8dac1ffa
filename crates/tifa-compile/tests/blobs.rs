//! The blobs as the compiler writes them: packed (zstd) and unpacked back, and the
//! discoveries mined, written apart and attached to the decoded corpus once.

use tifa_compile::fixtures::reused;
use tifa_compile::mine::Settings;
use tifa_compile::{bundle_with, discoveries_blob, pack};
use tifa_core::blob::{decode, decode_discoveries, encode, unpack, DecodeError};
use tifa_core::discover::Discoveries;
use tifa_model::Corpus;

/// A packed blob cut short, or whose header names another length, is refused with
/// a message: nothing is decoded from a part of a corpus.
#[test]
fn a_damaged_packed_blob_is_an_error() {
    use tifa_model::Document;
    let mut corpus = Corpus::empty();
    corpus
        .documents
        .push(Document::bare("d", &"Words that repeat. ".repeat(500)));
    let blob = encode(&corpus);
    let packed = pack(&blob);
    assert!(
        packed.len() < blob.len() / 4,
        "{} of {}",
        packed.len(),
        blob.len()
    );
    assert_eq!(unpack(&packed).unwrap(), blob);
    let cut = &packed[..packed.len() - 3];
    assert!(matches!(unpack(cut), Err(DecodeError::Payload(_))));
    // A second frame, or any byte after the first, is not part of the blob.
    let mut twice = packed.clone();
    twice.extend_from_slice(&packed[8..]);
    let Err(DecodeError::Payload(message)) = unpack(&twice) else {
        panic!("unpacked a blob followed by another frame");
    };
    assert!(message.contains("after its frame"), "{message}");
    for length in [blob.len() as u32 - 1, blob.len() as u32 + 1, u32::MAX] {
        let mut wrong = packed.clone();
        wrong[4..8].copy_from_slice(&length.to_le_bytes());
        let Err(DecodeError::Payload(message)) = unpack(&wrong) else {
            panic!("unpacked a blob whose header says {length} bytes");
        };
        assert!(!message.is_empty());
    }
}

/// The discoveries travel apart and come back equal to what the compiler mined;
/// a bundle takes them once.
#[test]
fn discoveries_round_trip_and_attach_once() {
    let corpus = reused();
    let settings = Settings::default();
    let mined = discoveries_blob(&corpus, &settings);
    let bytes = encode(&corpus);
    let bundle = decode(&bytes).unwrap();
    assert_eq!(bundle.discoveries(), None);
    let decoded = decode_discoveries(&mined, &bundle.corpus).unwrap();
    assert_eq!(decoded.reuse.links(0).len(), 1);
    assert!(bundle.attach(decoded));
    assert!(!bundle.attach(Discoveries::default()));
    assert_eq!(bundle, bundle_with(corpus, &settings));
}

/// A discoveries file for another corpus, or a corpus blob given as one, is refused
/// with a message; never attached.
#[test]
fn discoveries_of_another_corpus_are_an_error() {
    let mined = discoveries_blob(&reused(), &Settings::default());
    let Err(DecodeError::Payload(message)) = decode_discoveries(&mined, &Corpus::empty()) else {
        panic!("took the discoveries of another corpus");
    };
    assert!(message.contains("do not fit this corpus"), "{message}");
    assert_eq!(
        decode_discoveries(&encode(&reused()), &reused()),
        Err(DecodeError::NotABlob)
    );
    let mut trailing = mined.clone();
    trailing.push(0);
    assert!(matches!(
        decode_discoveries(&trailing, &reused()),
        Err(DecodeError::Payload(_))
    ));
}

proptest::proptest! {
        /// A packed blob with bytes changed, anywhere: refused or unpacked, never a panic,
        /// and never more than its header's length.
        #[test]
        fn damaged_packed_bytes_never_panic(
            changes in proptest::collection::vec((0usize..4096, proptest::num::u8::ANY), 1..6),
            cut in 0usize..64,
        ) {
            use tifa_model::Document;
            let mut corpus = Corpus::empty();
            corpus.documents.push(Document::bare("d", &"Words that repeat, and some that do not. ".repeat(40)));
            let mut packed = pack(&encode(&corpus));
            for (at, byte) in changes {
                let at = at % packed.len();
                packed[at] = byte;
            }
            packed.truncate(packed.len().saturating_sub(cut % 4));
            if let Ok(blob) = unpack(&packed) {
                let length = u32::from_le_bytes([packed[4], packed[5], packed[6], packed[7]]);
                proptest::prop_assert_eq!(blob.len(), length as usize);
            }
        }

}
