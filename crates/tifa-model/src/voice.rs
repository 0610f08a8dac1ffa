//! Whose words a match is. **A statement's narration is its outlet's and a question is
//! the journalist's**: only quotes and reported speech are the speaker's, so a view
//! that counts narration or questions (when asked to) credits them to their own voice,
//! never to the speaker.
//!
//! ```
//! use tifa_model::{Corpus, Document, Entity, Passage, PassageKind, Span, Statement};
//! use tifa_model::voice::Voice;
//! let mut c = Corpus::empty();
//! c.speakers = vec![Entity { id: "chen-xu".into(), name: "Chen Xu".into() }];
//! c.outlets = vec![Entity { id: "xinhua".into(), name: "Xinhua".into() }];
//! let mut doc = Document::bare("d", "GENEVA, March 23 -- The Council adopted it. \"We welcome it,\" Chen said.");
//! doc.outlet.outlet = Some(0);
//! c.documents.push(doc);
//! let narration = Passage { kind: PassageKind::Narration, span: Span { start: 0, end: 42 } };
//! let quote = Passage { kind: PassageKind::Quote, span: Span { start: 43, end: 70 } };
//! c.statements.push(Statement::bare("s", 0, vec![narration, quote]));
//! let s = &c.statements[0];
//! assert_eq!(Voice::of_passages(&c, s, [0]).label(&c), "Xinhua (narration)");
//! assert_eq!(Voice::of_passages(&c, s, [0, 1]).label(&c), "Chen Xu");
//! ```

use crate::{Corpus, PassageKind, Statement};

/// Whose words a passage (or a match in some passages) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Voice {
    /// The statement's speaker (index into the speakers): quotes, reported speech.
    Speaker(u32),
    /// The document's outlet (index into the outlets, when known): its narration.
    Outlet(Option<u32>),
    /// A journalist's question (the asker is not recorded).
    Journalist,
}

impl Voice {
    /// The voice of a match in these passages of `s` (indices): the speaker's when any
    /// of them is the speaker's own words; else the outlet's for narration; else the
    /// journalist's.
    pub fn of_passages(
        corpus: &Corpus,
        s: &Statement,
        passages: impl IntoIterator<Item = u16>,
    ) -> Voice {
        let rank = |k: PassageKind| match k {
            PassageKind::Quote | PassageKind::Reported => 0,
            PassageKind::Narration => 1,
            PassageKind::Question => 2,
        };
        let best = passages
            .into_iter()
            .filter_map(|p| s.passages.get(p as usize).map(|x| x.kind))
            .min_by_key(|&k| rank(k));
        match best {
            Some(PassageKind::Narration) => {
                let doc = corpus.documents.get(s.document as usize);
                Voice::Outlet(doc.and_then(|d| d.outlet.outlet))
            }
            Some(PassageKind::Question) => Voice::Journalist,
            _ => Voice::Speaker(s.speaker),
        }
    }

    /// The voice of one passage of `s`.
    pub fn of_passage(corpus: &Corpus, s: &Statement, passage: u16) -> Voice {
        Voice::of_passages(corpus, s, [passage])
    }

    /// Whether this is the statement's speaker.
    pub fn is_speaker(self) -> bool {
        matches!(self, Voice::Speaker(_))
    }

    /// How a view names it: the speaker's name, "Xinhua (narration)", "narration (outlet
    /// unknown)", "a journalist (question)".
    pub fn label(self, corpus: &Corpus) -> String {
        match self {
            Voice::Speaker(i) => corpus
                .speakers
                .get(i as usize)
                .map_or_else(String::new, |e| e.name.to_string()),
            Voice::Outlet(o) => match o.and_then(|o| corpus.outlets.get(o as usize)) {
                Some(e) => format!("{} (narration)", e.name),
                None => "narration (outlet unknown)".into(),
            },
            Voice::Journalist => "a journalist (question)".into(),
        }
    }
}
