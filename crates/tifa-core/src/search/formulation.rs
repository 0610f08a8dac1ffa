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

use super::filter::Filter;
use super::index::{Field, Index};
use super::matching::{places, Place, Step, Unit};
use super::query::{lex, take_near, Query};
use super::sparse::Sparse;
use super::text::{for_each_token, stem, tokens};
use tifa_model::{Corpus, Kinds, PassageKind, Span, Statement};

pub use super::query::Slot;

/// One way a group can match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// A word as search matches it: any word with the same stem (the folded word, its stem).
    Stem(String, String),
    /// Words beginning so.
    Prefix(String),
    /// Exact folded words in this order, adjacent but for their gaps, within one
    /// passage.
    Exact(Vec<Slot>),
    /// Two patterns at most this many words apart, in either order, in one passage.
    Near(Box<Pattern>, Box<Pattern>, u8),
}

/// A parsed formulation: every group must match (in any allowed passage of the
/// statement); a group matches when any of its patterns does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Formulation {
    pub groups: Vec<Vec<Pattern>>,
    /// How the input was read, where it was not as written.
    pub notes: Vec<String>,
}

impl Formulation {
    /// Reads a formulation; never fails (what it leaves out is in `notes`).
    pub fn parse(input: &str) -> Formulation {
        let mut notes = Vec::new();
        let mut groups: Vec<Vec<Pattern>> = Vec::new();
        let mut pending_or = false;
        let mut pending_near: Option<u8> = None;
        for item in lex(input, &mut notes) {
            let operator = !item.quoted && !item.negated && item.field.is_none();
            if operator && item.text == "OR" {
                pending_or = !groups.is_empty();
                continue;
            }
            let joins = !groups.is_empty() && !pending_or;
            if operator && take_near(&item.text, joins, &mut pending_near, &mut notes) {
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
            let Some(pattern) = pattern_of(&item.text, item.quoted, &mut notes) else {
                // As search reads it: an item with no words leaves an OR before it
                // without a right side.
                if !item.text.trim().is_empty() {
                    notes.push(format!(
                        "“{}” has no searchable words: ignored",
                        item.text.trim()
                    ));
                }
                pending_or = false;
                continue;
            };
            if let Some(n) = pending_near.take() {
                let last = groups.last_mut().expect("checked when NEAR was read");
                let before = last.pop().expect("a group has a pattern");
                last.push(Pattern::Near(Box::new(before), Box::new(pattern), n));
                pending_or = false;
                continue;
            }
            match groups.last_mut() {
                Some(last) if pending_or => last.push(pattern),
                _ => groups.push(vec![pattern]),
            }
            pending_or = false;
        }
        if pending_near.is_some() {
            notes.push("NEAR needs a term on each side: ignored".into());
        }
        Formulation { groups, notes }
    }

    /// True when there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// True when a phrase holds a `*` (a gap of any width).
    pub fn has_wildcard(&self) -> bool {
        fn gapped(p: &Pattern) -> bool {
            match p {
                Pattern::Exact(slots) => slots.iter().any(|s| matches!(s, Slot::Gap { .. })),
                Pattern::Near(a, b, _) => gapped(a) || gapped(b),
                _ => false,
            }
        }
        self.groups.iter().flatten().any(gapped)
    }

    /// Whether the index alone decides which statements match, in passages of `kinds`:
    /// every pattern a word (by stem) or a beginning, and every kind counted. (A phrase's
    /// exact words, two words near each other, or one kind of passage, must be read.)
    pub fn index_decides(&self, kinds: Kinds) -> bool {
        kinds == Kinds::ALL
            && self
                .groups
                .iter()
                .flatten()
                .all(|p| matches!(p, Pattern::Stem(..) | Pattern::Prefix(_)))
    }
}

fn pattern_of(text: &str, quoted: bool, notes: &mut Vec<String>) -> Option<Pattern> {
    if quoted {
        let slots = super::query::slots_of(text, notes);
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

/// One place a formulation occurs: a run of words of one passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the passage in its statement.
    pub passage: u16,
    /// Index of the first matched word in the passage, and how many words matched.
    pub word: u32,
    pub len: u32,
    /// The group and the pattern in it that matched.
    pub group: u16,
    pub pattern: u16,
    /// The folded words that filled the phrase's gaps, in order, a gap's words joined by
    /// a space (empty without a gap).
    pub filler: Vec<String>,
}

impl Occurrence {
    /// The order occurrences are reported in: by place, then by group and pattern.
    fn key(&self) -> (u16, u32, u32, u16, u16) {
        (
            self.passage,
            self.word,
            self.word + self.len,
            self.group,
            self.pattern,
        )
    }

    /// Its words' byte range in the document's raw text, given the passage's word
    /// spans ([`word_spans`]).
    pub fn span(&self, words: &[Span]) -> Option<Span> {
        let first = words.get(self.word as usize)?;
        let last = words.get((self.word + self.len).checked_sub(1)? as usize)?;
        Some(Span {
            start: first.start,
            end: last.end,
        })
    }
}

/// A statement where a formulation occurs, with every occurrence in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub statement: u32,
    pub occurrences: Vec<Occurrence>,
}

/// The byte range in the document's raw text of each word of passage `passage` of `s`
/// (the words the index counts, in order; none for a passage out of range).
pub fn word_spans(corpus: &Corpus, s: &Statement, passage: u16) -> Vec<Span> {
    let Some(p) = s.passages.get(passage as usize) else {
        return Vec::new();
    };
    let base = p.span.start;
    let mut out = Vec::new();
    for_each_token(corpus.document_of(s).text(p.span), |_, start, end, _| {
        out.push(Span {
            start: base + start,
            end: base + end,
        })
    });
    out
}

/// A word of a pattern read from the text: by stem, by beginning, or exactly.
pub(crate) enum TextWord {
    Stem(String, String),
    Prefix(String),
    Exact(String),
}

impl TextWord {
    pub(crate) fn accepts(&self, word: &str) -> bool {
        match self {
            TextWord::Stem(w, stemmed) => word == w || stem(word) == *stemmed,
            TextWord::Prefix(p) => word.starts_with(p.as_str()),
            TextWord::Exact(w) => word == w,
        }
    }
}

/// A pattern as the text is read.
pub(crate) fn text_unit(p: &Pattern) -> Unit<TextWord> {
    match p {
        Pattern::Stem(w, s) => Unit::Word(TextWord::Stem(w.clone(), s.clone())),
        Pattern::Prefix(pre) => Unit::Word(TextWord::Prefix(pre.clone())),
        Pattern::Exact(slots) => Unit::Seq(
            slots
                .iter()
                .map(|slot| match slot {
                    Slot::Word(w) => Step::Word(TextWord::Exact(w.clone())),
                    &Slot::Gap { min, max } => Step::Gap(min, max),
                })
                .collect(),
        ),
        Pattern::Near(a, b, n) => Unit::Near(Box::new(text_unit(a)), Box::new(text_unit(b)), *n),
    }
}

/// The words that filled a place's gaps, each gap's joined by a space.
fn fillers<T>(place: &Place, words: &[T], name: impl Fn(&T) -> String) -> Vec<String> {
    place
        .gaps
        .iter()
        .map(|&(at, len)| {
            words[at..at + len]
                .iter()
                .map(&name)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The occurrences of `f` in the allowed passages of `s`, found by reading its words
/// (folding each again); `None` when some group does not occur there. The reference
/// that [`find`], which reads the index's token stream, is tested against.
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
    let units: Vec<Vec<Unit<TextWord>>> = f
        .groups
        .iter()
        .map(|g| g.iter().map(text_unit).collect())
        .collect();
    let mut seen = vec![false; f.groups.len()];
    let mut out = Vec::new();
    for (p, passage) in s.passages.iter().enumerate() {
        if !kinds.contains(passage.kind) {
            continue;
        }
        let words: Vec<String> = tokens(doc.text(passage.span))
            .into_iter()
            .map(|t| t.term)
            .collect();
        for (g, group) in units.iter().enumerate() {
            for (k, unit) in group.iter().enumerate() {
                for place in places(&words, unit, &|w: &String, x: &TextWord| x.accepts(w)) {
                    seen[g] = true;
                    out.push(Occurrence {
                        passage: p as u16,
                        word: place.at as u32,
                        len: place.len as u32,
                        group: g as u16,
                        pattern: k as u16,
                        filler: fillers(&place, &words, String::clone),
                    });
                }
            }
        }
    }
    if !seen.iter().all(|&s| s) {
        return None;
    }
    out.sort_by_key(Occurrence::key);
    Some(out)
}

/// What [`find`] reports of each statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every occurrence.
    Occurrences,
    /// The statements, each with some of its occurrences (those read before every group
    /// was seen; none where the postings alone decide: words and beginnings, every
    /// passage kind).
    Statements,
}

/// A word of a pattern in terms of the index: the exact term ids it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdWord {
    /// Words whose stem is this text term.
    Stem(u32),
    /// Words in this range of exact terms (they begin alike: the terms are sorted).
    Range(u32, u32),
    /// This exact term.
    Id(u32),
}

/// A pattern in terms of the index (a word the corpus does not have matches nothing).
type Matcher = Unit<IdWord>;

fn matcher_of(index: &Index, pattern: &Pattern) -> Matcher {
    match pattern {
        Pattern::Stem(_, stemmed) => index
            .text
            .find(stemmed)
            .map_or(Unit::Never, |t| Unit::Word(IdWord::Stem(t as u32))),
        Pattern::Prefix(prefix) => {
            let r = index.exact.with_prefix(prefix);
            Unit::Word(IdWord::Range(r.start as u32, r.end as u32))
        }
        Pattern::Exact(slots) => {
            let mut seq = Vec::with_capacity(slots.len());
            for slot in slots {
                seq.push(match slot {
                    &Slot::Gap { min, max } => Step::Gap(min, max),
                    Slot::Word(w) => match index.exact.find(w) {
                        Some(id) => Step::Word(IdWord::Id(id as u32)),
                        None => return Unit::Never,
                    },
                });
            }
            Unit::Seq(seq)
        }
        Pattern::Near(a, b, n) => match (matcher_of(index, a), matcher_of(index, b)) {
            (Unit::Never, _) | (_, Unit::Never) => Unit::Never,
            (a, b) => Unit::Near(Box::new(a), Box::new(b), *n),
        },
    }
}

/// The exact terms whose postings narrow a matcher's statements (any of them), or
/// `None` when none narrows (a phrase of gaps alone): a word by its stem, a beginning by
/// its words, a phrase by its rarest word, two near ones by the rarer side.
fn narrowing<'i>(index: &'i Index, m: &Matcher) -> Option<Vec<(&'i Field<'i>, usize)>> {
    let df = |terms: &[(&Field, usize)]| -> u64 {
        terms.iter().map(|&(f, t)| f.info(t).df as u64).sum()
    };
    match m {
        Unit::Never => Some(Vec::new()),
        &Unit::Word(IdWord::Stem(t)) => Some(vec![(&index.text, t as usize)]),
        &Unit::Word(IdWord::Range(lo, hi)) => {
            Some((lo..hi).map(|i| (&index.exact, i as usize)).collect())
        }
        &Unit::Word(IdWord::Id(id)) => Some(vec![(&index.exact, id as usize)]),
        Unit::Seq(steps) => steps
            .iter()
            .filter_map(|s| match s {
                Step::Word(IdWord::Id(id)) => Some(*id),
                _ => None,
            })
            .min_by_key(|&id| index.exact.info(id as usize).df)
            .map(|id| vec![(&index.exact, id as usize)]),
        Unit::Near(a, b, _) => match (narrowing(index, a), narrowing(index, b)) {
            (Some(x), Some(y)) => Some(if df(&x) <= df(&y) { x } else { y }),
            (x, y) => x.or(y),
        },
    }
}

/// Every statement `filters` lets through where `f` occurs in passages of `kinds`, in
/// corpus order (by date), with its occurrences as `detail` asks. The postings narrow
/// the candidates; where they cannot decide alone, the index's token stream does (each
/// word an exact term id: no text is read again).
pub fn find(
    corpus: &Corpus,
    index: &Index,
    f: &Formulation,
    filters: &Query,
    kinds: Kinds,
    detail: Detail,
) -> Vec<Found> {
    if f.is_empty() {
        return Vec::new();
    }
    let matchers: Vec<Vec<Matcher>> = f
        .groups
        .iter()
        .map(|g| g.iter().map(|p| matcher_of(index, p)).collect())
        .collect();
    let candidates = candidates(corpus, index, &matchers, filters);
    if detail == Detail::Statements && f.index_decides(kinds) {
        return candidates
            .into_iter()
            .map(|statement| Found {
                statement,
                occurrences: Vec::new(),
            })
            .collect();
    }
    let mut reader = Reader::new(index, matchers.iter().flatten());
    candidates
        .into_iter()
        .filter_map(|i| {
            let s = &corpus.statements[i as usize];
            reader
                .occurrences(index, &matchers, i, s, kinds, detail == Detail::Occurrences)
                .map(|occurrences| Found {
                    statement: i,
                    occurrences,
                })
        })
        .collect()
}

/// The statements, in corpus order, that the filters let through and where every group
/// may match, by the postings alone: a word by its stem, a beginning by its words, a
/// phrase by its rarest word (its other words are checked in the token stream).
fn candidates(
    corpus: &Corpus,
    index: &Index,
    matchers: &[Vec<Matcher>],
    filters: &Query,
) -> Vec<u32> {
    let n = corpus.statements.len();
    let mut hits = vec![0u32; n];
    let mut narrowed = 0u32;
    for group in matchers {
        // A group with a pattern that narrows nothing (`"*"`) may match anywhere.
        let mut terms: Vec<(&Field, usize)> = Vec::new();
        let mut open = false;
        for m in group {
            match narrowing(index, m) {
                Some(t) => terms.extend(t),
                None => open = true,
            }
        }
        if open {
            continue;
        }
        narrowed += 1;
        for (field, t) in terms {
            field.for_each(t, |s, _| {
                let h = &mut hits[s as usize];
                // Once per group, however many of its terms the statement has.
                if *h == narrowed - 1 {
                    *h = narrowed;
                }
            });
        }
    }
    let filter = Filter::new(corpus, filters);
    (0..n as u32)
        .filter(|&i| {
            hits[i as usize] == narrowed
                && filter
                    .as_ref()
                    .is_none_or(|f| f.passes_at(&index.facets, i as usize))
        })
        .collect()
}

/// Decides, by reading a statement's passages of some kinds in the token stream,
/// whether a search's words occur there: the postings count every passage of a
/// statement, so a statement with passages of other kinds is read again.
pub struct InKinds<'i> {
    required: Vec<Vec<Matcher>>,
    excluded: Vec<Vec<Matcher>>,
    kinds: Kinds,
    reader: Reader<'i>,
}

impl<'i> InKinds<'i> {
    /// For every group of `required` (one of its patterns must occur) and each of
    /// `excluded`, in passages of `kinds`.
    pub fn new(
        index: &Index,
        required: &[Vec<Pattern>],
        excluded: &[Pattern],
        kinds: Kinds,
    ) -> InKinds<'i> {
        InKinds {
            required: required
                .iter()
                .map(|g| g.iter().map(|p| matcher_of(index, p)).collect())
                .collect(),
            excluded: excluded
                .iter()
                .map(|p| vec![matcher_of(index, p)])
                .collect(),
            kinds,
            reader: Reader::default(),
        }
        .with_reader(index)
    }

    fn with_reader(mut self, index: &Index) -> Self {
        self.reader = Reader::new(
            index,
            self.required
                .iter()
                .flatten()
                .chain(self.excluded.iter().flatten()),
        );
        self
    }

    /// Whether every required group occurs in statement `i`'s passages of the kinds.
    pub fn has_all(&mut self, index: &'i Index, i: u32, s: &Statement) -> bool {
        self.reader
            .occurrences(index, &self.required, i, s, self.kinds, false)
            .is_some()
    }

    /// Whether any excluded pattern occurs in statement `i`'s passages of the kinds.
    pub fn has_excluded(&mut self, index: &'i Index, i: u32, s: &Statement) -> bool {
        let reader = &mut self.reader;
        self.excluded.iter().any(|m| {
            reader
                .occurrences(index, std::slice::from_ref(m), i, s, self.kinds, false)
                .is_some()
        })
    }
}

/// Whether word `w` has stem `t`, in an index in runs (out of the loop that reads each
/// word, so that the common case stays small enough to inline).
#[cold]
#[inline(never)]
fn stem_in_runs(index: &Index, t: u32, w: u32) -> bool {
    match index.stem_of(w as usize) {
        Some(stem) => stem == t,
        None => index.text.forms(t as usize).binary_search(&w).is_ok(),
    }
}

/// Reads statements' token streams, reusing its buffers; where a statement's stream
/// has not arrived (the sharded packing), its passages rebuilt from the places of the
/// words the matchers ask for (`sparse`), which match alike.
#[derive(Default)]
struct Reader<'i> {
    words: Vec<u32>,
    seen: Vec<bool>,
    /// The exact terms the matchers read, for rebuilding passages.
    ids: Vec<u32>,
    sparse: Option<Sparse<'i>>,
}

/// The exact terms a matcher's words may be.
fn ids_of(index: &Index, m: &Matcher, out: &mut Vec<u32>) {
    let mut word = |w: &IdWord| match *w {
        IdWord::Stem(t) => out.extend_from_slice(index.text.forms(t as usize)),
        IdWord::Range(lo, hi) => out.extend(lo..hi),
        IdWord::Id(id) => out.push(id),
    };
    match m {
        Unit::Word(w) => word(w),
        Unit::Seq(steps) => steps.iter().for_each(|s| {
            if let Step::Word(w) = s {
                word(w)
            }
        }),
        Unit::Near(a, b, _) => {
            ids_of(index, a, out);
            ids_of(index, b, out);
        }
        Unit::Never => {}
    }
}

impl<'i> Reader<'i> {
    /// A reader for these matchers.
    fn new<'m>(index: &Index, matchers: impl IntoIterator<Item = &'m Matcher>) -> Reader<'i> {
        let mut ids = Vec::new();
        for m in matchers {
            ids_of(index, m, &mut ids);
        }
        Reader {
            ids,
            ..Reader::default()
        }
    }

    /// The occurrences of the matchers in the allowed passages of statement `i`, or
    /// `None` when some group does not occur. With `all` false it stops at the first
    /// place where every group has been seen (the statement is all that is asked).
    fn occurrences(
        &mut self,
        index: &'i Index,
        matchers: &[Vec<Matcher>],
        i: u32,
        s: &Statement,
        kinds: Kinds,
        all: bool,
    ) -> Option<Vec<Occurrence>> {
        self.seen.clear();
        self.seen.resize(matchers.len(), false);
        let seen = &mut self.seen;
        let mut left = matchers.len();
        let term = |id: u32| index.exact.term(id as usize).to_string();
        // A word's stem where its run is filled (always, but for the sharded packing,
        // which fills the runs of the words asked for); else the stem's forms.
        let whole = index.exact.whole_run().map(|run| &run.stem_of[..]);
        let of_stem = |t: u32, w: u32| match whole {
            Some(stem_of) => stem_of.get(w as usize) == Some(&t),
            None => stem_in_runs(index, t, w),
        };
        let mut out = Vec::new();
        let mut visit = |p: usize, kind: Option<PassageKind>, words: &[u32]| {
            if !kind.is_some_and(|k| kinds.contains(k)) {
                return true;
            }
            for (g, group) in matchers.iter().enumerate() {
                if !all && seen[g] {
                    continue;
                }
                for (k, m) in group.iter().enumerate() {
                    let eq = |&w: &u32, x: &IdWord| match *x {
                        IdWord::Stem(t) => of_stem(t, w),
                        IdWord::Range(lo, hi) => (lo..hi).contains(&w),
                        IdWord::Id(id) => w == id,
                    };
                    for place in places(words, m, &eq) {
                        if !seen[g] {
                            seen[g] = true;
                            left -= 1;
                        }
                        out.push(Occurrence {
                            passage: p as u16,
                            word: place.at as u32,
                            len: place.len as u32,
                            group: g as u16,
                            pattern: k as u16,
                            filler: fillers(&place, words, |&w| term(w)),
                        });
                    }
                }
            }
            all || left > 0
        };
        if index.tokens.has(i) {
            index.tokens.each_passage(i, &mut self.words, |p, words| {
                visit(p, s.passages.get(p).map(|x| x.kind), words)
            });
        } else {
            let ids = &self.ids;
            self.sparse
                .get_or_insert_with(|| Sparse::new(index, ids.iter().copied()))
                .each_passage(i, |p, kind, words| visit(p, Some(kind), words));
        }
        if left > 0 {
            return None;
        }
        out.sort_by_key(Occurrence::key);
        Some(out)
    }
}
