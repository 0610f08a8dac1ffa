//! The look-ups stored in the blob give what a scan of the corpus gives, on generated
//! corpora (statements of many documents, interleaved, ids in any order), and a blob
//! whose look-ups do not fit its corpus is refused rather than trusted.

use proptest::prelude::*;
use std::borrow::Cow;
use tifa_core::blob::{self, Bundle};
use tifa_model::{Corpus, Document, Entity, Statement, Text};

fn text(s: String) -> Text<'static> {
    Text(Cow::Owned(s))
}

/// Documents `d0…`, and one statement per entry of `docs` (its document), with ids
/// given by `keys` (so they are not in corpus order).
fn corpus(documents: u32, docs: &[u32], keys: &[u32]) -> Corpus<'static> {
    let mut c = Corpus::empty();
    c.speakers = vec![Entity {
        id: text("someone".into()),
        name: text("Someone".into()),
    }];
    c.documents = (0..documents)
        .map(|d| {
            let mut doc = Document::bare(&format!("d{}", (d * 7919) % 10007), "text");
            doc.id = text(format!("d{}", (d * 7919) % 10007));
            doc
        })
        .collect();
    c.statements = docs
        .iter()
        .zip(keys)
        .enumerate()
        .map(|(i, (&document, &key))| Statement::bare(&format!("s{key}-{i}"), document, Vec::new()))
        .collect();
    c
}

proptest! {
    #[test]
    fn look_ups_equal_scans(
        documents in 1u32..40,
        rows in proptest::collection::vec((0u32..40, any::<u32>()), 0..300),
    ) {
        let docs: Vec<u32> = rows.iter().map(|(d, _)| d % documents).collect();
        let keys: Vec<u32> = rows.iter().map(|(_, k)| *k).collect();
        let c = corpus(documents, &docs, &keys);
        let bytes = blob::encode(&c);
        let bundle = blob::decode(&bytes).unwrap();
        for (i, s) in c.statements.iter().enumerate() {
            prop_assert_eq!(bundle.statement_index(&s.id), Some(i));
        }
        for (d, doc) in c.documents.iter().enumerate() {
            prop_assert_eq!(bundle.document_index(&doc.id), Some(d));
            let scanned: Vec<&str> = c
                .statements
                .iter()
                .filter(|s| s.document == d as u32)
                .map(|s| s.id.as_ref())
                .collect();
            let looked_up: Vec<&str> = bundle.statements_of(d as u32).map(|s| s.id.as_ref()).collect();
            prop_assert_eq!(looked_up, scanned);
        }
        prop_assert_eq!(bundle.statement_index("nope"), None);
        prop_assert_eq!(bundle.document_index(""), None);
        // A bundle made in memory agrees with the decoded one; one assembled without
        // look-ups falls back to scans that give the same answers.
        let made = Bundle::new(c.clone());
        prop_assert_eq!(made.lookup(), bundle.lookup());
        let bare = made.without_lookup();
        for (i, s) in c.statements.iter().enumerate() {
            prop_assert_eq!(bare.statement_index(&s.id), Some(i));
        }
        for (d, doc) in c.documents.iter().enumerate() {
            prop_assert_eq!(bare.document_index(&doc.id), Some(d));
            let ids = |b: &Bundle| b.statements_of(d as u32).map(|s| s.id.to_string()).collect::<Vec<_>>();
            prop_assert_eq!(ids(&bare), ids(&bundle));
        }
    }
}
