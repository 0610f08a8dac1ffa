//! Formulations: what the tracker and the concordance follow. Written like a search —
//! words, quoted phrases, `OR` between variants — but matched only in a statement's
//! passages (never its title or its speaker's name), only in passages of the kinds
//! asked for, and **a quoted phrase matches its exact words**: case, accents and
//! typographic quotes are folded, nothing is stemmed, so `"for humanity"` never counts
//! "for human rights". Inside quotes, `*` stands for exactly one word
//! (`"state of * union"`), and each occurrence says which words filled it. Unquoted
//! words match as in search (by stem; `word*` by beginning).
//!
//! ```
//! use tifa_core::search::formulation::{Formulation, Pattern, Slot};
//! let f = Formulation::parse("\"for mankind\" OR \"for humanity\" cooperation");
//! assert_eq!(f.groups.len(), 2);
//! assert_eq!(f.groups[0][1], Pattern::Exact(vec![Slot::Word("for".into()), Slot::Word("humanity".into())]));
//! let w = Formulation::parse("\"state of * union\"");
//! assert!(w.has_wildcard());
//! ```

use super::engine::matching;
use super::index::Index;
use super::query::{lex, Query, Term};
use super::text::{for_each_token, stem, tokens};
use crate::model::{Corpus, PassageKind, Span, Statement};

/// One place of an exact phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// This folded word, exactly.
    Word(String),
    /// Any one word (`*`).
    Any,
}

/// One way a group can match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// A word as search matches it: any word with the same stem (the folded word, its stem).
    Stem(String, String),
    /// Words beginning so.
    Prefix(String),
    /// Exact folded words in this order, adjacent, within one passage.
    Exact(Vec<Slot>),
}

/// A parsed formulation: every group must match (in any allowed passage of the
/// statement); a group matches when any of its patterns does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Formulation {
    pub groups: Vec<Vec<Pattern>>,
    /// How the input was read, where it was not as written.
    pub notes: Vec<String>,
}

/// The passage kinds counted (a set of [`PassageKind`]s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    /// Every kind.
    pub const ALL: Kinds = Kinds(0b1111);

    fn bit(kind: PassageKind) -> u8 {
        match kind {
            PassageKind::Quote => 1,
            PassageKind::Reported => 2,
            PassageKind::Narration => 4,
            PassageKind::Question => 8,
        }
    }

    /// Only these kinds (every kind when `kinds` is empty).
    pub fn of(kinds: &[PassageKind]) -> Kinds {
        let bits = kinds.iter().fold(0, |b, &k| b | Kinds::bit(k));
        if bits == 0 {
            Kinds::ALL
        } else {
            Kinds(bits)
        }
    }

    pub fn contains(self, kind: PassageKind) -> bool {
        self.0 & Kinds::bit(kind) != 0
    }
}

impl Default for Kinds {
    fn default() -> Self {
        Kinds::ALL
    }
}

impl Formulation {
    /// Reads a formulation; never fails (what it leaves out is in `notes`).
    pub fn parse(input: &str) -> Formulation {
        let mut notes = Vec::new();
        let mut groups: Vec<Vec<Pattern>> = Vec::new();
        let mut pending_or = false;
        for item in lex(input, &mut notes) {
            if !item.quoted && !item.negated && item.field.is_none() && item.text == "OR" {
                pending_or = !groups.is_empty();
                continue;
            }
            if item.negated || item.field.is_some() {
                notes.push(format!(
                    "“{}{}{}” ignored: a formulation is words and phrases (filters go in the page's filters)",
                    if item.negated { "-" } else { "" },
                    item.field.as_deref().map(|f| format!("{f}:")).unwrap_or_default(),
                    item.text
                ));
                continue;
            }
            let Some(pattern) = pattern_of(&item.text, item.quoted) else {
                continue;
            };
            match groups.last_mut() {
                Some(last) if pending_or => last.push(pattern),
                _ => groups.push(vec![pattern]),
            }
            pending_or = false;
        }
        Formulation { groups, notes }
    }

    /// True when there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// True when a phrase holds a `*`.
    pub fn has_wildcard(&self) -> bool {
        self.groups
            .iter()
            .flatten()
            .any(|p| matches!(p, Pattern::Exact(slots) if slots.contains(&Slot::Any)))
    }

    /// Whether the index alone decides which statements match, in passages of `kinds`:
    /// every pattern a word (by stem) or a beginning, and every kind counted. (A phrase's
    /// exact words, or one kind of passage, must be read.)
    pub fn index_decides(&self, kinds: Kinds) -> bool {
        kinds == Kinds::ALL
            && self
                .groups
                .iter()
                .flatten()
                .all(|p| matches!(p, Pattern::Stem(..) | Pattern::Prefix(_)))
    }

    /// A search query finding every statement this formulation can match (and maybe a
    /// few more: the index stems phrases and counts titles), to verify one by one.
    fn candidates(&self) -> Query {
        let mut q = Query::default();
        for group in &self.groups {
            let terms: Option<Vec<Term>> = group.iter().map(Pattern::term).collect();
            // A pattern that narrows nothing (`"*"`) lets the whole group match anything.
            if let Some(terms) = terms {
                q.required.push(terms);
            }
        }
        q
    }
}

fn pattern_of(text: &str, quoted: bool) -> Option<Pattern> {
    if quoted {
        let mut slots = Vec::new();
        for piece in text.split_whitespace() {
            if piece == "*" {
                slots.push(Slot::Any);
            } else {
                slots.extend(tokens(piece).into_iter().map(|t| Slot::Word(t.term)));
            }
        }
        return (!slots.is_empty()).then_some(Pattern::Exact(slots));
    }
    if let Some(head) = text.strip_suffix('*') {
        let t = tokens(head);
        return match t.as_slice() {
            [one] => Some(Pattern::Prefix(one.term.clone())),
            [] => None,
            _ => Some(Pattern::Exact(
                t.into_iter().map(|t| Slot::Word(t.term)).collect(),
            )),
        };
    }
    let t = tokens(text);
    match t.as_slice() {
        [] => None,
        [one] if one.cjk => Some(Pattern::Exact(vec![Slot::Word(one.term.clone())])),
        [one] => Some(Pattern::Stem(
            one.term.clone(),
            stem(&one.term).into_owned(),
        )),
        // A word that tokenizes into several (`win-win`) is read as its exact words.
        _ => Some(Pattern::Exact(
            t.into_iter().map(|t| Slot::Word(t.term)).collect(),
        )),
    }
}

impl Pattern {
    /// A search term matching at least every statement this pattern matches, if any
    /// narrows anything.
    fn term(&self) -> Option<Term> {
        match self {
            Pattern::Stem(word, _) => Some(Term::Word(word.clone())),
            Pattern::Prefix(p) => Some(Term::Prefix(p.clone())),
            Pattern::Exact(slots) => {
                // The longest run of words between wildcards.
                let runs = slots.split(|s| *s == Slot::Any);
                let longest = runs.max_by_key(|r| r.len())?;
                let words: Vec<String> = longest
                    .iter()
                    .map(|s| match s {
                        Slot::Word(w) => w.clone(),
                        Slot::Any => unreachable!("split at wildcards"),
                    })
                    .collect();
                match words.len() {
                    0 => None,
                    1 => Some(Term::Word(words.into_iter().next().expect("one"))),
                    _ => Some(Term::Phrase(words)),
                }
            }
        }
    }
}

/// One place a formulation occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the passage in its statement.
    pub passage: u16,
    /// Byte range of the matched words in the document's raw text.
    pub span: Span,
    /// The group and the pattern in it that matched.
    pub group: u16,
    pub pattern: u16,
    /// The folded words that filled the phrase's `*`s, in order (empty without `*`).
    pub filler: Vec<String>,
}

/// A statement where a formulation occurs, with every occurrence in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub statement: u32,
    pub occurrences: Vec<Occurrence>,
}

/// A token of a passage: its folded term (a range of the terms' arena, so reading a
/// passage allocates nothing per token) and its byte range in the document's raw text.
struct Tok {
    term: (u32, u32),
    start: u32,
    end: u32,
}

/// The occurrences of `f` in the allowed passages of `s`, or `None` when some group
/// does not occur there.
pub fn occurrences(
    corpus: &Corpus,
    f: &Formulation,
    s: &Statement,
    kinds: Kinds,
) -> Option<Vec<Occurrence>> {
    if f.is_empty() {
        return None;
    }
    let doc = corpus.document_of(s);
    let mut seen = vec![false; f.groups.len()];
    let mut out = Vec::new();
    let mut toks: Vec<Tok> = Vec::new();
    let mut arena = String::new();
    // Stemming every token is costly: only those that begin as the stem less its last
    // two characters could share it (as the highlighter reasons: "dying" stems to "die").
    let heads: Vec<Vec<String>> = f
        .groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|p| match p {
                    Pattern::Stem(_, stemmed) => {
                        let keep = stemmed.chars().count().saturating_sub(2);
                        stemmed.chars().take(keep).collect()
                    }
                    _ => String::new(),
                })
                .collect()
        })
        .collect();
    for (p, passage) in s.passages.iter().enumerate() {
        if !kinds.contains(passage.kind) {
            continue;
        }
        toks.clear();
        arena.clear();
        let base = passage.span.start;
        for_each_token(doc.text(passage.span), |term, start, end, _| {
            let at = arena.len() as u32;
            arena.push_str(term);
            toks.push(Tok {
                term: (at, arena.len() as u32),
                start: base + start,
                end: base + end,
            })
        });
        let term = |t: &Tok| &arena[t.term.0 as usize..t.term.1 as usize];
        for (g, group) in f.groups.iter().enumerate() {
            for (k, pattern) in group.iter().enumerate() {
                let mut found = |first: usize, last: usize, filler: Vec<String>| {
                    seen[g] = true;
                    out.push(Occurrence {
                        passage: p as u16,
                        span: Span {
                            start: toks[first].start,
                            end: toks[last].end,
                        },
                        group: g as u16,
                        pattern: k as u16,
                        filler,
                    });
                };
                match pattern {
                    Pattern::Stem(word, stemmed) => {
                        let head = heads[g][k].as_str();
                        for (i, t) in toks.iter().enumerate() {
                            let t = term(t);
                            if t == word || (t.starts_with(head) && stem(t) == *stemmed) {
                                found(i, i, Vec::new());
                            }
                        }
                    }
                    Pattern::Prefix(prefix) => {
                        for (i, t) in toks.iter().enumerate() {
                            if term(t).starts_with(prefix.as_str()) {
                                found(i, i, Vec::new());
                            }
                        }
                    }
                    Pattern::Exact(slots) => {
                        let n = slots.len();
                        let mut i = 0;
                        while i + n <= toks.len() {
                            let window = &toks[i..i + n];
                            let fits = slots.iter().zip(window).all(|(slot, t)| match slot {
                                Slot::Word(w) => term(t) == w,
                                Slot::Any => true,
                            });
                            if fits {
                                let filler = slots
                                    .iter()
                                    .zip(window)
                                    .filter(|(slot, _)| **slot == Slot::Any)
                                    .map(|(_, t)| term(t).to_owned())
                                    .collect();
                                found(i, i + n - 1, filler);
                                // Occurrences of one phrase do not overlap.
                                i += n;
                            } else {
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
    }
    if !seen.iter().all(|&s| s) {
        return None;
    }
    out.sort_by_key(|o| (o.span.start, o.span.end, o.group, o.pattern));
    Some(out)
}

/// What [`find`] reports of each statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every occurrence (the words are read).
    Occurrences,
    /// The statements; occurrences only where the words had to be read anyway (empty
    /// where the index alone decides: words and beginnings, every passage kind).
    Statements,
}

/// Every statement `filters` lets through where `f` occurs in passages of `kinds`, in
/// corpus order (by date), with its occurrences as `detail` asks. The index narrows
/// the candidates; where it cannot decide alone, each is read word by word.
pub fn find(
    corpus: &Corpus,
    index: &Index,
    f: &Formulation,
    filters: &Query,
    kinds: Kinds,
    detail: Detail,
) -> Vec<Found> {
    find_with(
        corpus,
        index,
        f,
        filters,
        kinds,
        detail == Detail::Occurrences,
    )
}

fn find_with(
    corpus: &Corpus,
    index: &Index,
    f: &Formulation,
    filters: &Query,
    kinds: Kinds,
    occurrences_wanted: bool,
) -> Vec<Found> {
    if f.is_empty() {
        return Vec::new();
    }
    let mut q = f.candidates();
    q.passages_only = true;
    q.speakers = filters.speakers.clone();
    q.venues = filters.venues.clone();
    q.topics = filters.topics.clone();
    q.from = filters.from;
    q.to = filters.to;
    q.speaker_ids = filters.speaker_ids.clone();
    q.venue_ids = filters.venue_ids.clone();
    q.topic_ids = filters.topic_ids.clone();
    let candidates = matching(corpus, index, &q);
    if !occurrences_wanted && f.index_decides(kinds) {
        return candidates
            .into_iter()
            .map(|statement| Found {
                statement,
                occurrences: Vec::new(),
            })
            .collect();
    }
    candidates
        .into_iter()
        .filter_map(|i| {
            let s = &corpus.statements[i as usize];
            occurrences(corpus, f, s, kinds).map(|occurrences| Found {
                statement: i,
                occurrences,
            })
        })
        .collect()
}
