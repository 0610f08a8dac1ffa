//! The corpus model, shared by the native compiler and the Wasm app.
//!
//! Every text field is a [`Text`]: the compiler builds owned values, while the app
//! decodes the embedded blob *borrowing* from it (`&'static [u8]`), so start-up copies
//! no text at all.
//!
//! **Nothing here is invented.** A value is either stated in the source text (with the
//! verbatim evidence), inferred from it (with a one-line reason), or unknown.
//!
//! - [`voice`]: whose words a passage is (the speaker's, the outlet's, a journalist's).
//! - [`lookup`]: statements and documents by id, statements per document.
//! - [`runs`]: the lists of statements and documents, whole or in runs filled as the
//!   sharded packing's pieces arrive.
//! - [`checksum`]: the SHA-256 of a raw text.
//! - [`format`]: the corpus blob's binary format (postcard, packed by zstd), its
//!   version and its errors; [`varint`] and [`hash`]: the one varint and the hashes
//!   every packed list and version uses.

pub mod checksum;
pub mod format;
pub mod hash;
pub mod lookup;
pub mod runs;
pub mod varint;
pub mod voice;

pub use runs::{Documents, Statements};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A piece of text, borrowed from the blob when decoded, owned when compiled.
///
/// A newtype rather than a bare `Cow<str>`: serde borrows a `Cow` only when it sees
/// that exact type on a field, not inside `Option` or behind an alias, while this
/// type borrows wherever the deserializer can lend.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    /// True when the text points into the decoded blob rather than owning a copy.
    pub fn is_borrowed(&self) -> bool {
        matches!(self.0, Cow::Borrowed(_))
    }

    /// The same text, owned.
    pub fn into_owned(self) -> Text<'static> {
        Text(Cow::Owned(self.0.into_owned()))
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text(Cow::Owned(s))
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Self {
        Text(Cow::Borrowed(s))
    }
}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit)
    }
}

/// The whole compiled corpus. Immutable at run time.
///
/// Statements refer to documents and entities by index into these vectors, so a
/// statement costs a few integers besides its text spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corpus<'a> {
    /// Documents in a stable order: by published date (unknown last), then id.
    #[serde(borrow)]
    pub documents: Documents<'a>,
    /// Statements by date spoken (unknown last), then id.
    #[serde(borrow)]
    pub statements: Statements<'a>,
    /// Entities, each list sorted by id.
    #[serde(borrow)]
    pub speakers: Vec<Entity<'a>>,
    #[serde(borrow)]
    pub venues: Vec<Entity<'a>>,
    #[serde(borrow)]
    pub outlets: Vec<Entity<'a>>,
    #[serde(borrow)]
    pub topics: Vec<Entity<'a>>,
}

impl<'a> Corpus<'a> {
    /// An empty corpus.
    pub fn empty() -> Self {
        Corpus {
            documents: Documents::default(),
            statements: Statements::default(),
            speakers: Vec::new(),
            venues: Vec::new(),
            outlets: Vec::new(),
            topics: Vec::new(),
        }
    }

    /// Whether every index and span the corpus holds points inside it (see
    /// [`Corpus::consistency`], which names the first thing that does not).
    ///
    /// ```
    /// use tifa_model::Corpus;
    /// assert!(Corpus::empty().is_consistent());
    /// ```
    pub fn is_consistent(&self) -> bool {
        self.consistency().is_ok()
    }

    /// Checks that every index and span the corpus holds points inside it: each
    /// statement's document, speaker, venue and topics, each passage, headline and removal
    /// a range of its document's text on character boundaries, each document's removals
    /// in order without overlap, each outlet, each date a real one. The compiler only
    /// makes such corpora; decoding checks it, so no later step can index out of range.
    /// The error names the document or statement and what is wrong with it.
    ///
    /// ```
    /// use tifa_model::{Corpus, Document, Removal, Span};
    /// let mut corpus = Corpus::empty();
    /// let mut doc = Document::bare("d", "Menu. Body.");
    /// doc.removed = vec![
    ///     Removal { span: Span { start: 6, end: 11 }, reason: "b".into() },
    ///     Removal { span: Span { start: 0, end: 5 }, reason: "a".into() },
    /// ];
    /// corpus.documents.push(doc);
    /// let message = corpus.consistency().unwrap_err();
    /// assert!(message.contains("document d"), "{message}");
    /// ```
    pub fn consistency(&self) -> Result<(), String> {
        let within = |doc: &Document, span: Span| {
            span.start <= span.end && doc.raw.get(span.range()).is_some()
        };
        let date = |claim: &DateClaim| claim.date.map_or(Ok(()), |d| d.check());
        for d in &self.documents {
            let fail = |what: String| Err(format!("document {}: {what}", d.id));
            if let Some(r) = d.removed.iter().find(|r| !within(d, r.span)) {
                return fail(format!(
                    "removal of bytes {}..{} is outside its text",
                    r.span.start, r.span.end
                ));
            }
            // `cleaned` walks removals in order: they must not go back or overlap.
            if let Some(w) = d
                .removed
                .windows(2)
                .find(|w| w[0].span.end > w[1].span.start)
            {
                return fail(format!(
                    "removals of bytes {}..{} and {}..{} are out of order or overlap",
                    w[0].span.start, w[0].span.end, w[1].span.start, w[1].span.end
                ));
            }
            if let Err(e) = date(&d.published) {
                return fail(format!("publication date: {e}"));
            }
            if d.outlet
                .outlet
                .is_some_and(|o| o as usize >= self.outlets.len())
            {
                return fail("names an outlet the corpus does not have".into());
            }
        }
        for s in &self.statements {
            let fail = |what: &str| Err(format!("statement {}: {what}", s.id));
            let Some(doc) = self.documents.get(s.document as usize) else {
                return fail("names a document the corpus does not have");
            };
            if s.speaker as usize >= self.speakers.len() {
                return fail("names a speaker the corpus does not have");
            }
            if s.venue.is_some_and(|v| v as usize >= self.venues.len()) {
                return fail("names a venue the corpus does not have");
            }
            if s.topics.iter().any(|&t| t as usize >= self.topics.len()) {
                return fail("names a topic the corpus does not have");
            }
            if !s.passages.iter().all(|p| within(doc, p.span)) {
                return fail("a passage is outside its document's text");
            }
            if s.headline.is_some_and(|h| !within(doc, h)) {
                return fail("its headline is outside its document's text");
            }
            if let Err(e) = date(&s.date) {
                return fail(&format!("date: {e}"));
            }
        }
        Ok(())
    }

    /// Looks a document up by its stable id.
    ///
    /// ```
    /// use tifa_model::Corpus;
    /// assert!(Corpus::empty().document("nope").is_none());
    /// ```
    pub fn document(&self, id: &str) -> Option<&Document<'a>> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The document a statement comes from.
    pub fn document_of(&self, s: &Statement) -> &Document<'a> {
        &self.documents[s.document as usize]
    }

    /// The outlet's name, or `None` when unknown.
    pub fn outlet_name(&self, doc: &Document) -> Option<&str> {
        doc.outlet
            .outlet
            .map(|i| self.outlets[i as usize].name.as_ref())
    }

    /// The table of entities of a kind.
    pub fn entities(&self, kind: EntityKind) -> &[Entity<'a>] {
        match kind {
            EntityKind::Speaker => &self.speakers,
            EntityKind::Venue => &self.venues,
            EntityKind::Topic => &self.topics,
        }
    }

    /// Who said a statement.
    pub fn speaker_of(&self, s: &Statement) -> &Entity<'a> {
        &self.speakers[s.speaker as usize]
    }

    /// Where a statement was said, when known.
    pub fn venue_of(&self, s: &Statement) -> Option<&Entity<'a>> {
        s.venue.map(|v| &self.venues[v as usize])
    }

    /// A statement's topics, in its order.
    pub fn topics_of<'s>(&'s self, s: &'s Statement) -> impl Iterator<Item = &'s Entity<'a>> + 's {
        s.topics.iter().filter_map(|&t| self.topics.get(t as usize))
    }
}

/// The kinds of entity that statements are filtered, counted and grouped by: one type
/// for the URL's filters, the search's facets and the timeline's lanes.
///
/// ```
/// use tifa_model::EntityKind;
/// assert_eq!(EntityKind::Venue.param(), "venue");
/// assert_eq!(EntityKind::Venue.noun(), "occasion");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Speaker,
    /// An occasion (the URL and the corpus say "venue").
    Venue,
    Topic,
}

impl EntityKind {
    /// Every kind, in the order the views list them.
    pub const ALL: [EntityKind; 3] = [EntityKind::Speaker, EntityKind::Venue, EntityKind::Topic];

    /// The URL parameter that filters by this kind.
    pub fn param(self) -> &'static str {
        match self {
            EntityKind::Speaker => "speaker",
            EntityKind::Venue => "venue",
            EntityKind::Topic => "topic",
        }
    }

    /// What a user calls one, in a sentence.
    pub fn noun(self) -> &'static str {
        match self {
            EntityKind::Speaker => "speaker",
            EntityKind::Venue => "occasion",
            EntityKind::Topic => "topic",
        }
    }

    /// What a user calls them, in a sentence.
    pub fn plural(self) -> &'static str {
        match self {
            EntityKind::Speaker => "speakers",
            EntityKind::Venue => "occasions",
            EntityKind::Topic => "topics",
        }
    }

    /// A label (a chip's, a column's).
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Speaker => "Speaker",
            EntityKind::Venue => "Occasion",
            EntityKind::Topic => "Topic",
        }
    }

    /// A heading for a list of them.
    pub fn heading(self) -> &'static str {
        match self {
            EntityKind::Speaker => "Speakers",
            EntityKind::Venue => "Occasions",
            EntityKind::Topic => "Topics",
        }
    }
}

/// A speaker, venue, outlet or topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity<'a> {
    /// Stable id: lower-case letters, digits and hyphens.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// Name or label for display.
    #[serde(borrow)]
    pub name: Text<'a>,
}

/// A byte range `[start, end)` of a document's raw text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A part of the raw text that belongs to no statement, and why it was removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal<'a> {
    pub span: Span,
    /// The cleaning operation, e.g. "site navigation", "pagination".
    #[serde(borrow)]
    pub reason: Text<'a>,
}

/// How a passage relates to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PassageKind {
    /// The speaker's own words, with or without quotation marks.
    Quote,
    /// The speaker's words in indirect speech.
    Reported,
    /// The reporter's own text: context, not the speaker's words.
    Narration,
    /// A question put to the speaker (press conferences).
    Question,
}

impl PassageKind {
    pub const ALL: [PassageKind; 4] = [
        PassageKind::Quote,
        PassageKind::Reported,
        PassageKind::Narration,
        PassageKind::Question,
    ];

    /// The name used in annotations, imports and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Quote => "quote",
            PassageKind::Reported => "reported",
            PassageKind::Narration => "narration",
            PassageKind::Question => "question",
        }
    }

    /// Parses an annotation name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One paragraph (or part of one) of a statement: a verbatim span of its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    pub kind: PassageKind,
    pub span: Span,
}

/// What one speaker said, quoted or reported, on one occasion, on one subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement<'a> {
    /// Stable, human-readable id: the date as precise as known, then a slug.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// Index into [`Corpus::documents`].
    pub document: u32,
    /// Index into [`Corpus::speakers`].
    pub speaker: u32,
    /// The speaker's role as the text states it (a verbatim span), if it does.
    #[serde(borrow)]
    pub role: Option<Text<'a>>,
    /// Index into [`Corpus::venues`], if known.
    pub venue: Option<u32>,
    /// Verbatim span of the text that names the occasion.
    #[serde(borrow)]
    pub venue_evidence: Option<Text<'a>>,
    /// Indices into [`Corpus::topics`], sorted.
    pub topics: Vec<u32>,
    /// When it was said.
    #[serde(borrow)]
    pub date: DateClaim<'a>,
    /// In document order; never empty.
    pub passages: Vec<Passage>,
    /// What it is about, in its own words: a verbatim span of its passages that the
    /// annotation chose (checked at build), if it chose one.
    pub headline: Option<Span>,
}

impl Statement<'static> {
    /// A statement of speaker 0 with only an id, a document and passages: no role,
    /// occasion or topic, undated. For tests and examples, as [`Document::bare`].
    ///
    /// ```
    /// use tifa_model::{Passage, PassageKind, Span, Statement};
    /// let whole = Passage { kind: PassageKind::Quote, span: Span { start: 0, end: 5 } };
    /// assert_eq!(Statement::bare("s", 0, vec![whole]).speaker, 0);
    /// ```
    pub fn bare(id: &str, document: u32, passages: Vec<Passage>) -> Statement<'static> {
        Statement {
            id: id.to_owned().into(),
            document,
            speaker: 0,
            role: None,
            venue: None,
            venue_evidence: None,
            topics: Vec::new(),
            date: DateClaim::unknown(),
            passages,
            headline: None,
        }
    }
}

/// One source document, its raw text kept byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document<'a> {
    /// Stable, human-readable id (`YYYY-MM-DD-slug`), used in URLs.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// The title as published, verbatim.
    #[serde(borrow)]
    pub title: Text<'a>,
    /// BCP 47 language tag of the text, e.g. `en`.
    #[serde(borrow)]
    pub language: Text<'a>,
    /// The outlet or source that published the text.
    #[serde(borrow)]
    pub outlet: OutletClaim<'a>,
    /// The dateline as printed (e.g. `BEIJING, June 24 (INP)`), when the text has one.
    #[serde(borrow)]
    pub dateline: Option<Text<'a>>,
    /// When the document was published.
    #[serde(borrow)]
    pub published: DateClaim<'a>,
    /// File name of the raw text in the corpus folder.
    #[serde(borrow)]
    pub source_file: Text<'a>,
    /// Where the text was found on the web, when the corpus says.
    #[serde(borrow)]
    pub url: Option<Text<'a>>,
    /// The raw text, verbatim. The blob stores every document's text apart from the
    /// rest of its fields (`blob::Stored`): texts side by side compress better.
    #[serde(skip)]
    pub raw: Text<'a>,
    /// Cleaning: spans of `raw` that belong to no statement, sorted, disjoint.
    #[serde(borrow)]
    pub removed: Vec<Removal<'a>>,
}

impl Document<'_> {
    /// Lower-case hex SHA-256 of `raw`: the checksum the annotation states (checked at
    /// compile time), computed from the text held rather than stored (the blob would
    /// carry 64 incompressible characters a document).
    ///
    /// ```
    /// use tifa_model::Document;
    /// assert_eq!(
    ///     Document::bare("d", "abc").sha256(),
    ///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    /// );
    /// ```
    pub fn sha256(&self) -> String {
        crate::checksum::sha256_hex(self.raw.as_bytes())
    }

    /// The text of a span of this document (a span of a consistent corpus: see
    /// [`Corpus::consistency`]).
    pub fn text(&self, span: Span) -> &str {
        // Empty rather than a panic for a span outside it: a statement whose document
        // has not arrived yet reads a placeholder (`runs`).
        self.raw.get(span.range()).unwrap_or_default()
    }

    /// The cleaned text: `raw` without the removed spans, with trailing white space
    /// trimmed from each line and runs of blank lines collapsed to one.
    ///
    /// ```
    /// use tifa_model::*;
    /// let mut doc = Document::bare("d", "Menu\n\nBody.\n\nPage 1 2 3");
    /// doc.removed = vec![
    ///     Removal { span: Span { start: 0, end: 4 }, reason: "site navigation".into() },
    ///     Removal { span: Span { start: 13, end: 23 }, reason: "pagination".into() },
    /// ];
    /// assert_eq!(doc.cleaned(), "Body.");
    /// ```
    pub fn cleaned(&self) -> String {
        let mut kept = String::with_capacity(self.raw.len());
        let mut at = 0;
        for r in &self.removed {
            kept.push_str(&self.raw[at..r.span.start as usize]);
            at = r.span.end as usize;
        }
        kept.push_str(&self.raw[at..]);
        let mut out = String::with_capacity(kept.len());
        let mut blank_run = true;
        for line in kept.lines() {
            let line = line.trim_end();
            if line.trim().is_empty() {
                blank_run = true;
                continue;
            }
            if !out.is_empty() {
                out.push_str(if blank_run { "\n\n" } else { "\n" });
            }
            out.push_str(line);
            blank_run = false;
        }
        out
    }

    /// A document with only an id and a text, for tests and examples.
    pub fn bare(id: &str, raw: &str) -> Document<'static> {
        Document {
            id: id.to_owned().into(),
            title: id.to_owned().into(),
            language: "en".into(),
            outlet: OutletClaim {
                outlet: None,
                basis: Basis::Unknown,
            },
            dateline: None,
            published: DateClaim::unknown(),
            source_file: String::new().into(),
            url: None,
            raw: raw.to_owned().into(),
            removed: Vec::new(),
        }
    }
}

/// Which outlet published a document, and how we know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletClaim<'a> {
    /// Index into [`Corpus::outlets`]; `None` when unknown.
    pub outlet: Option<u32>,
    #[serde(borrow)]
    pub basis: Basis<'a>,
}

/// How a value is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis<'a> {
    /// The text states it; `evidence` is a verbatim span of the raw text.
    Stated {
        #[serde(borrow)]
        evidence: Text<'a>,
    },
    /// Inferred from the text; `reason` says how, in one line.
    Inferred {
        #[serde(borrow)]
        reason: Text<'a>,
    },
    /// The text does not say.
    Unknown,
    /// As supplied by an imported dataset (`source` names the file and line).
    Imported {
        #[serde(borrow)]
        source: Text<'a>,
    },
}

impl Basis<'_> {
    /// The same basis, owning its text.
    pub fn into_owned(self) -> Basis<'static> {
        match self {
            Basis::Stated { evidence } => Basis::Stated {
                evidence: evidence.into_owned(),
            },
            Basis::Inferred { reason } => Basis::Inferred {
                reason: reason.into_owned(),
            },
            Basis::Unknown => Basis::Unknown,
            Basis::Imported { source } => Basis::Imported {
                source: source.into_owned(),
            },
        }
    }
}

/// A calendar date that may lack its day or month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates.
    ///
    /// ```
    /// use tifa_model::PartialDate;
    /// assert_eq!(PartialDate::parse("2020-06-24").unwrap().to_string(), "2020-06-24");
    /// assert!(PartialDate::parse("2021-02-29").is_err());
    /// assert_eq!(PartialDate::parse("2020").unwrap().month, None);
    /// ```
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut parts = s.split('-');
        let num = |p: Option<&str>, width: usize, what: &str| -> Result<Option<u16>, String> {
            match p {
                None => Ok(None),
                Some(p) if p.len() == width && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| format!("bad {what} in {s:?}"))?))
                }
                Some(p) => Err(format!(
                    "malformed {what} {p:?} in date {s:?} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
                )),
            }
        };
        let year = num(parts.next(), 4, "year")?.ok_or_else(|| format!("empty date {s:?}"))?;
        let month = num(parts.next(), 2, "month")?.map(|m| m as u8);
        let day = num(parts.next(), 2, "day")?.map(|d| d as u8);
        if parts.next().is_some() {
            return Err(format!(
                "malformed date {s:?} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            ));
        }
        let date = PartialDate { year, month, day };
        date.check()?;
        Ok(date)
    }

    fn check(&self) -> Result<(), String> {
        if self.year == 0 {
            return Err("year 0000 does not exist".into());
        }
        if self.month.is_none() && self.day.is_some() {
            return Err("a day without a month".into());
        }
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return Err(format!("month {m} is not between 01 and 12"));
            }
            if let Some(d) = self.day {
                let max = days_in_month(self.year, m);
                if d == 0 || d > max {
                    return Err(format!(
                        "day {d} does not exist in {} {} (it has {max} days)",
                        MONTHS[m as usize - 1],
                        self.year
                    ));
                }
            }
        }
        Ok(())
    }

    /// The earliest day a partial date may mean, as a comparable (year, month, day):
    /// `2021` and `2021-03` start on their first day.
    ///
    /// ```
    /// use tifa_model::PartialDate;
    /// let d = |s| PartialDate::parse(s).unwrap();
    /// assert_eq!(d("2021").first_day(), (2021, 1, 1));
    /// assert_eq!(d("2021-03").last_day(), (2021, 3, 31));
    /// assert!(d("2021").first_day() < d("2021-03").first_day());
    /// ```
    pub fn first_day(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The latest day a partial date may mean (a month's end is taken as the 31st:
    /// only used for comparing).
    pub fn last_day(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31))
    }

    /// A reader-friendly form: `24 June 2020`, `June 2020` or `2020`.
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

/// Days in a month of a year (leap years counted).
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// Which parts of a date were inferred rather than stated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredParts {
    pub year: bool,
    pub month: bool,
    pub day: bool,
}

impl InferredParts {
    pub fn any(&self) -> bool {
        self.year || self.month || self.day
    }
}

/// A date and how certain it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateClaim<'a> {
    /// The date, as precise as the text allows; `None` when unknown.
    pub date: Option<PartialDate>,
    /// Which parts were inferred; all false means stated exactly as far as given.
    pub inferred: InferredParts,
    /// Verbatim span of the raw text that states or anchors the date.
    #[serde(borrow)]
    pub evidence: Option<Text<'a>>,
    /// One line of reasoning, required when anything is inferred.
    #[serde(borrow)]
    pub reason: Option<Text<'a>>,
}

impl DateClaim<'_> {
    /// The same claim, owning its text.
    pub fn into_owned(self) -> DateClaim<'static> {
        DateClaim {
            date: self.date,
            inferred: self.inferred,
            evidence: self.evidence.map(Text::into_owned),
            reason: self.reason.map(Text::into_owned),
        }
    }

    /// A date the text does not give.
    pub fn unknown() -> DateClaim<'static> {
        DateClaim {
            date: None,
            inferred: InferredParts::default(),
            evidence: None,
            reason: None,
        }
    }

    /// A short label for lists: `24 June 2020 (year inferred)`.
    ///
    /// ```
    /// use tifa_model::{DateClaim, InferredParts, PartialDate};
    /// let claim = DateClaim {
    ///     date: Some(PartialDate::parse("2020-06-24").unwrap()),
    ///     inferred: InferredParts { year: true, ..Default::default() },
    ///     evidence: None,
    ///     reason: None,
    /// };
    /// assert_eq!(claim.label(), "24 June 2020 (year inferred)");
    /// ```
    pub fn label(&self) -> String {
        let Some(date) = self.date else {
            return "date unknown".into();
        };
        let parts: Vec<&str> = [
            (self.inferred.year, "year"),
            (self.inferred.month, "month"),
            (self.inferred.day, "day"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect();
        if parts.is_empty() {
            date.human()
        } else {
            format!("{} ({} inferred)", date.human(), parts.join(", "))
        }
    }
}

/// The passage kinds counted (a set of [`PassageKind`]s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kinds(u8);

impl Kinds {
    /// Every kind.
    pub const ALL: Kinds = Kinds(0b1111);
    /// The speaker's own words: quotes and reported speech (what every count and every
    /// "said by" rests on unless other kinds are chosen).
    pub const OWN_WORDS: Kinds = Kinds(0b0011);

    fn bit(kind: PassageKind) -> u8 {
        match kind {
            PassageKind::Quote => 1,
            PassageKind::Reported => 2,
            PassageKind::Narration => 4,
            PassageKind::Question => 8,
        }
    }

    /// Only these kinds (every kind when `kinds` is empty).
    ///
    /// ```
    /// use tifa_model::PassageKind;
    /// use tifa_model::Kinds;
    /// assert_eq!(Kinds::of(&[PassageKind::Quote, PassageKind::Reported]), Kinds::OWN_WORDS);
    /// assert_eq!(Kinds::of(&[]), Kinds::ALL);
    /// ```
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

    /// Whether every kind of this set is in `other`.
    ///
    /// ```
    /// use tifa_model::PassageKind;
    /// use tifa_model::Kinds;
    /// assert!(Kinds::of(&[PassageKind::Quote]).within(Kinds::OWN_WORDS));
    /// assert!(!Kinds::ALL.within(Kinds::OWN_WORDS));
    /// ```
    pub fn within(self, other: Kinds) -> bool {
        self.0 & !other.0 == 0
    }

    /// The kinds, in the order of [`PassageKind::ALL`].
    pub fn list(self) -> Vec<PassageKind> {
        PassageKind::ALL
            .into_iter()
            .filter(|&k| self.contains(k))
            .collect()
    }
}

impl Default for Kinds {
    /// The speaker's own words ([`Kinds::OWN_WORDS`]).
    fn default() -> Self {
        Kinds::OWN_WORDS
    }
}
