//! Corpora for the tests of every crate (each uses part of it): the test corpus
//! (`tests/fixtures/corpus`, a corpus of the tests' own, so the product corpus in
//! `corpus/` can grow without touching a test), compiled once, with its index, look-ups
//! and discoveries; and small corpora made from texts, mined likewise. One definition,
//! used through each crate's `tests/common`.

use crate::{bundle as mined, compile_dir};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tifa_core::blob::Bundle;
use tifa_model::{Corpus, Document, Entity, Passage, PassageKind, Span, Statement};

/// The folder of the test corpus.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

/// The test corpus with its index and look-ups.
pub fn bundle() -> &'static Bundle<'static> {
    static BUNDLE: OnceLock<Bundle<'static>> = OnceLock::new();
    BUNDLE.get_or_init(|| mined(compile_dir(&fixture_dir()).unwrap()))
}

/// One document per statement; each statement's passages are the given texts with
/// their kinds, separated by blank lines. Titles hold the word "humanity" everywhere.
pub fn corpus(statements: &[Vec<(PassageKind, String)>]) -> Bundle<'static> {
    let mut c = Corpus::empty();
    c.speakers = vec![Entity {
        id: "s".into(),
        name: "Speaker".into(),
    }];
    for (i, passages) in statements.iter().enumerate() {
        let mut raw = String::new();
        let mut spans = Vec::new();
        for (kind, text) in passages {
            if !raw.is_empty() {
                raw.push_str("\n\n");
            }
            let start = raw.len() as u32;
            raw.push_str(text);
            spans.push(Passage {
                kind: *kind,
                span: Span {
                    start,
                    end: raw.len() as u32,
                },
            });
        }
        let mut doc = Document::bare(&format!("d{i}"), &raw);
        doc.title = "On humanity".into();
        c.documents.push(doc);
        c.statements
            .push(Statement::bare(&format!("s{i}"), i as u32, spans));
    }
    mined(c)
}

/// The test corpus and its search index.
pub fn seed() -> (
    &'static Corpus<'static>,
    &'static tifa_core::search::index::Index<'static>,
) {
    let b = bundle();
    (&b.corpus, &b.index)
}

/// Statement `id` of document `document`: one quote of its first `end` bytes.
pub fn quote(id: &str, document: u32, end: u32) -> Statement<'static> {
    let kind = PassageKind::Quote;
    let span = Span { start: 0, end };
    Statement::bare(id, document, vec![Passage { kind, span }])
}

/// A corpus two statements say the same long sentence in (one reuse pair).
pub fn reused() -> Corpus<'static> {
    let sentence = "we firmly oppose any interference in the internal affairs of other countries under any pretext";
    let mut corpus = Corpus::empty();
    corpus.speakers.push(Entity {
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

/// `n` speakers, `p0` … named `Speaker 0` ….
pub fn speakers(n: usize) -> Vec<Entity<'static>> {
    (0..n)
        .map(|i| Entity {
            id: format!("p{i}").into(),
            name: format!("Speaker {i}").into(),
        })
        .collect()
}

/// The test corpus's passages of the speaker's own words (quotes and reported speech),
/// each as its words folded the way search reads text, for the statements `keep`
/// accepts: what the tests' naive counts read.
pub fn own_words(keep: impl Fn(&Corpus, &Statement) -> bool) -> Vec<Vec<String>> {
    let corpus = &bundle().corpus;
    corpus
        .statements
        .iter()
        .filter(|s| keep(corpus, s))
        .flat_map(|s| {
            let doc = corpus.document_of(s);
            s.passages
                .iter()
                .filter(|p| tifa_model::Kinds::OWN_WORDS.contains(p.kind))
                .map(move |p| {
                    tifa_core::search::text::tokens(doc.text(p.span))
                        .into_iter()
                        .map(|t| t.term)
                        .collect()
                })
        })
        .collect()
}
