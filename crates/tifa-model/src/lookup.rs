//! Look-ups built beside the corpus when a blob is decoded, so that the app finds a
//! statement or a document by id, and the statements of a document, without scanning
//! the corpus.
//!
//! ```
//! use tifa_model::{lookup::Lookup, Corpus};
//! let corpus = Corpus::empty();
//! let lookup = Lookup::build(&corpus);
//! assert_eq!(lookup.statement_index(&corpus, "nope"), None);
//! ```

use crate::Corpus;

/// Indices into a corpus, ordered for binary search by id, and grouped by document.
/// Built by [`Lookup::build`] from the corpus it serves (in `blob::decode`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookup {
    /// Statement indices ordered by statement id.
    statements_by_id: Vec<u32>,
    /// Document indices ordered by document id.
    documents_by_id: Vec<u32>,
    /// Where each document's statements start in `grouped` (one more entry than there
    /// are documents: the last is `grouped.len()`).
    starts: Vec<u32>,
    /// Statement indices grouped by document, each group in corpus order.
    grouped: Vec<u32>,
}

impl Lookup {
    /// The look-ups of `corpus`.
    pub fn build(corpus: &Corpus) -> Lookup {
        let mut statements_by_id: Vec<u32> = (0..corpus.statements.len() as u32).collect();
        statements_by_id.sort_by(|&a, &b| {
            corpus.statements[a as usize]
                .id
                .cmp(&corpus.statements[b as usize].id)
        });
        let mut documents_by_id: Vec<u32> = (0..corpus.documents.len() as u32).collect();
        documents_by_id.sort_by(|&a, &b| {
            corpus.documents[a as usize]
                .id
                .cmp(&corpus.documents[b as usize].id)
        });
        let mut counts = vec![0u32; corpus.documents.len() + 1];
        for s in &corpus.statements {
            counts[s.document as usize + 1] += 1;
        }
        for d in 1..counts.len() {
            counts[d] += counts[d - 1];
        }
        let starts = counts.clone();
        let mut grouped = vec![0u32; corpus.statements.len()];
        for (i, s) in corpus.statements.iter().enumerate() {
            let at = &mut counts[s.document as usize];
            grouped[*at as usize] = i as u32;
            *at += 1;
        }
        Lookup {
            statements_by_id,
            documents_by_id,
            starts,
            grouped,
        }
    }

    /// Whether these look-ups were built from a corpus of this shape (a hand-made
    /// bundle may carry none: then the callers scan).
    fn fits(&self, corpus: &Corpus) -> bool {
        self.statements_by_id.len() == corpus.statements.len()
            && self.documents_by_id.len() == corpus.documents.len()
            && self.starts.len() == corpus.documents.len() + 1
    }

    /// The index of the statement with this id.
    pub fn statement_index(&self, corpus: &Corpus, id: &str) -> Option<usize> {
        let all = &corpus.statements;
        self.find(corpus, &self.statements_by_id, all.len(), id, |i| {
            &all[i].id
        })
    }

    /// The index of the document with this id.
    pub fn document_index(&self, corpus: &Corpus, id: &str) -> Option<usize> {
        let all = &corpus.documents;
        self.find(corpus, &self.documents_by_id, all.len(), id, |i| &all[i].id)
    }

    /// The item with this id among `len`: by binary search over `order` (their indices
    /// ordered by id), or by a scan when the look-ups were not built for this corpus.
    fn find<'c>(
        &self,
        corpus: &Corpus,
        order: &[u32],
        len: usize,
        id: &str,
        id_of: impl Fn(usize) -> &'c str,
    ) -> Option<usize> {
        if !self.fits(corpus) {
            // Only what has come (a placeholder's id is empty).
            return (0..len).find(|&i| !id.is_empty() && id_of(i) == id);
        }
        let at = order
            .binary_search_by(|&i| id_of(i as usize).cmp(id))
            .ok()?;
        Some(order[at] as usize)
    }

    /// The indices of the statements taken from the document at `doc`, in corpus order.
    pub fn statements_of(&self, corpus: &Corpus, doc: u32) -> Vec<u32> {
        if !self.fits(corpus) {
            let all = &corpus.statements;
            return (0..all.len() as u32)
                .filter(|&i| all.is_filled(i) && all[i as usize].document == doc)
                .collect();
        }
        let (a, b) = (
            self.starts.get(doc as usize).copied().unwrap_or(0),
            self.starts.get(doc as usize + 1).copied().unwrap_or(0),
        );
        self.grouped
            .get(a as usize..b as usize)
            .unwrap_or_default()
            .to_vec()
    }
}
