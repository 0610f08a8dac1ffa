//! The words the miner reads: every passage of the kinds mined, as exact term ids in
//! one array, cut into sentences, with rolling hashes of its prefixes.

use tifa_core::search::index::Index;
use tifa_core::search::text::for_each_token;
use tifa_model::hash::Rolling;
use tifa_model::Corpus;
use tifa_model::Kinds;

/// Characters that end a sentence or a clause a formulation never crosses (a comma
/// does not: "peace, development and cooperation").
fn breaks(gap: &str) -> bool {
    gap.chars().any(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ';' | ':' | '\n' | '。' | '！' | '？' | '；' | '：' | '…'
        )
    })
}

/// Every mined passage's words in one array.
pub(crate) struct Flat {
    pub words: Vec<u32>,
    /// Per passage: its words' range in `words`, its statement and its index there.
    pub passages: Vec<Passage>,
    /// Sentences: ranges of `words` no formulation crosses (inside one passage), and
    /// their statement.
    pub sentences: Vec<(u32, u32, u32)>,
    /// The runs' hashes (`tifa_model::hash::Rolling`).
    rolling: Rolling,
}

#[derive(Clone, Copy)]
pub(crate) struct Passage {
    pub start: u32,
    pub end: u32,
    pub statement: u32,
    pub passage: u16,
}

impl Flat {
    /// The passages of `kinds` of every statement; hashes for runs up to `longest`.
    pub fn new(corpus: &Corpus, index: &Index, kinds: Kinds, longest: usize) -> Flat {
        let mut words: Vec<u32> = Vec::new();
        let mut passages = Vec::new();
        let mut sentences = Vec::new();
        let mut buffer = Vec::new();
        let mut spans: Vec<(u32, u32)> = Vec::new();
        for (s, st) in corpus.statements.iter().enumerate() {
            let doc = corpus.document_of(st);
            index.tokens.each_passage(s as u32, &mut buffer, |p, ids| {
                let Some(passage) = st.passages.get(p).filter(|x| kinds.contains(x.kind)) else {
                    return true;
                };
                let start = words.len() as u32;
                words.extend_from_slice(ids);
                passages.push(Passage {
                    start,
                    end: words.len() as u32,
                    statement: s as u32,
                    passage: p as u16,
                });
                // Where its sentences end: the text between two words.
                let text = doc.text(passage.span);
                spans.clear();
                for_each_token(text, |_, a, b, _| spans.push((a, b)));
                let mut from = start;
                if spans.len() == ids.len() {
                    for k in 1..spans.len() {
                        let (end, next) = (spans[k - 1].1, spans[k].0);
                        if next > end && breaks(&text[end as usize..next as usize]) {
                            sentences.push((from, start + k as u32, s as u32));
                            from = start + k as u32;
                        }
                    }
                }
                sentences.push((from, words.len() as u32, s as u32));
                true
            });
        }
        let rolling = Rolling::new(&words, longest + 1);
        Flat {
            words,
            passages,
            sentences,
            rolling,
        }
    }

    /// The hash of `words[i..i + n]`.
    #[inline]
    pub fn hash(&self, i: usize, n: usize) -> u64 {
        self.rolling.of(i, n)
    }

    /// The hash of a run of words given by itself (equal to [`Flat::hash`] of its place).
    pub fn hash_of(run: &[u32]) -> u64 {
        Rolling::hash_of(run)
    }
}
