//! The corpus model, shared by the native compiler and the Wasm app.
//!
//! Every text field is a [`Text`]: the compiler builds owned values, while the app
//! decodes the embedded blob *borrowing* from it (`&'static [u8]`), so start-up copies
//! no text at all.
//!
//! **Nothing here is invented.** A value is either stated in the source text (with the
//! verbatim evidence), inferred from it (with a one-line reason), or unknown.

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corpus<'a> {
    /// Documents in a stable order: by published date (unknown last), then id.
    #[serde(borrow)]
    pub documents: Vec<Document<'a>>,
}

impl<'a> Corpus<'a> {
    /// Looks a document up by its stable id.
    ///
    /// ```
    /// use tifa_core::model::Corpus;
    /// let corpus = Corpus { documents: vec![] };
    /// assert!(corpus.document("nope").is_none());
    /// ```
    pub fn document(&self, id: &str) -> Option<&Document<'a>> {
        self.documents.iter().find(|d| d.id == id)
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
    pub outlet: Attributed<'a>,
    /// The dateline as printed (e.g. `BEIJING, June 24 (INP)`), when the text has one.
    #[serde(borrow)]
    pub dateline: Option<Text<'a>>,
    /// When the document was published.
    #[serde(borrow)]
    pub published: DateClaim<'a>,
    /// File name of the raw text in the corpus folder.
    #[serde(borrow)]
    pub source_file: Text<'a>,
    /// Lower-case hex SHA-256 of `raw`, checked at compile time.
    #[serde(borrow)]
    pub sha256: Text<'a>,
    /// The raw text, verbatim.
    #[serde(borrow)]
    pub raw: Text<'a>,
}

/// A value together with how we know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attributed<'a> {
    /// The value; `None` when unknown.
    #[serde(borrow)]
    pub value: Option<Text<'a>>,
    /// Where the value comes from.
    #[serde(borrow)]
    pub basis: Basis<'a>,
}

impl Attributed<'_> {
    /// The value, or `"unknown"`.
    pub fn display(&self) -> &str {
        self.value.as_deref().unwrap_or("unknown")
    }
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
    /// use tifa_core::model::PartialDate;
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

    /// A reader-friendly form: `24 June 2020`, `June 2020` or `2020`.
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
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
    /// A short label for lists: `24 June 2020 (year inferred)`.
    ///
    /// ```
    /// use tifa_core::model::{DateClaim, InferredParts, PartialDate};
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
