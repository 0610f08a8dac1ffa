//! The corpus compiler: reads a corpus folder, validates it, and builds a [`Corpus`].
//!
//! Layout of a corpus folder (every part optional but `entities.toml` when referred to):
//!
//! ```text
//! corpus/
//!   entities.toml           speakers, venues, outlets and topics (ids and names)
//!   sources/<name>.txt      raw texts, byte for byte as collected (UTF-8)
//!   documents/<id>.toml     one annotation per raw text: provenance, cleaning, statements
//!   import/*.jsonl, *.csv   bulk statements, one per row (docs/corpus-format.md)
//!   mining.toml             thresholds of the recurring formulations and of reuse
//! ```
//!
//! Every problem is reported as a [`Diagnostic`] (`file:line: message`), and all of
//! them are collected in one run: the caller fails if there is any.

mod annotation;
mod blobs;
mod entities;
mod export;
mod import;
mod mining;
mod registry;
mod rows;

pub mod fixtures;
pub mod mine;

pub use blobs::{bundle, bundle_with, discoveries_blob, Site};
#[cfg(not(target_arch = "wasm32"))]
pub use blobs::{pack, pack_all};
pub use export::{entities_toml, write_rows};
pub use registry::{id_for_name, normalise_name};

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use tifa_model::{
    Corpus, DateClaim, Document, Entity, InferredParts, PartialDate, Passage, Span, Statement,
};

/// One problem in the corpus, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// Collects diagnostics for one file, turning byte offsets into line numbers.
struct FileReport<'r> {
    path: PathBuf,
    text: String,
    out: &'r mut Vec<Diagnostic>,
}

impl FileReport<'_> {
    /// Parses this file as TOML, reporting a syntax or shape error at its line.
    fn parse_toml<T: serde::de::DeserializeOwned>(&mut self, what: &str) -> Option<T> {
        match toml::from_str(&self.text) {
            Ok(v) => Some(v),
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                self.at(offset, format!("malformed {what}: {}", e.message()));
                None
            }
        }
    }

    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let line = line_of(&self.text, offset);
        self.at_line(line, message);
    }

    fn at_line(&mut self, line: usize, message: impl Into<String>) {
        self.out.push(Diagnostic {
            file: self.path.clone(),
            line,
            message: message.into(),
        });
    }
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Reads a file as UTF-8, or reports the line of its first invalid byte.
fn read_utf8(path: &Path, out: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.push(Diagnostic {
                file: path.to_path_buf(),
                line: 1,
                message: format!("cannot read file: {e}"),
            });
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            out.push(Diagnostic {
                file: path.to_path_buf(),
                line,
                message: format!(
                    "not valid UTF-8: invalid byte 0x{:02x} at byte offset {valid}",
                    bytes[valid]
                ),
            });
            None
        }
    }
}

pub use tifa_model::checksum::sha256_hex;

/// A value quoted for a message (as `{:?}` quotes it), cut after 60 characters: a
/// message names the value, it never repeats a whole 5 MB cell.
///
/// ```
/// use tifa_compile::show;
/// assert_eq!(show("a\"b"), "\"a\\\"b\"");
/// assert_eq!(show(&"x".repeat(1000)), format!("\"{}…\" (1000 characters)", "x".repeat(60)));
/// ```
pub fn show(value: &str) -> String {
    const MOST: usize = 60;
    match value.char_indices().nth(MOST) {
        None => format!("{value:?}"),
        Some((cut, _)) => {
            let head = format!("{:?}", &value[..cut]);
            format!(
                "{}…\" ({} characters)",
                &head[..head.len() - 1],
                value.chars().count()
            )
        }
    }
}

/// Whether a language tag has the shape of BCP 47: a primary language of 2–3 letters
/// (or 4–8, or `x`/`i` for private and grandfathered tags), then subtags of 1–8 letters
/// or digits: `en`, `zh-Hans`, `zh-Hant-TW`, `es-419`.
///
/// ```
/// use tifa_compile::is_language_tag;
/// assert!(is_language_tag("zh-Hans") && is_language_tag("es-419") && is_language_tag("en"));
/// assert!(!is_language_tag("english!") && !is_language_tag("e") && !is_language_tag("en-"));
/// ```
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    let primary_ok = primary.bytes().all(|b| b.is_ascii_alphabetic())
        && (matches!(primary.len(), 2..=8) || matches!(primary, "x" | "i" | "X" | "I"));
    primary_ok
        && parts.all(|p| matches!(p.len(), 1..=8) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// What is wrong with a document's address, if anything: it must be an `http://` or
/// `https://` address without spaces.
///
/// ```
/// use tifa_compile::url_problem;
/// assert_eq!(url_problem("https://example.org/a"), None);
/// assert!(url_problem("ftp://x y").is_some());
/// ```
pub fn url_problem(url: &str) -> Option<String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url.contains(char::is_whitespace);
    (!ok).then(|| {
        format!(
            "url {} must be an http:// or https:// address without spaces",
            show(url)
        )
    })
}

/// Ids: lower-case ASCII letters, digits and inner hyphens, at most 120 bytes.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// The ASCII letters and digits of a name, lower-cased, with one hyphen for each run of
/// anything else: `"Mao Ning"` → `"mao-ning"` (at most 80 bytes; empty for a name with
/// no ASCII letter or digit). Entity ids come from [`id_for_name`].
///
/// ```
/// use tifa_compile::slug;
/// assert_eq!(slug("Foreign Ministry (MFA) press conference"), "foreign-ministry-mfa-press-conference");
/// assert_eq!(slug("王毅"), "");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(80);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Problems with a date annotation, as messages.
pub(crate) fn parse_date_claim(
    date: Option<&str>,
    inferred: &[String],
    evidence: Option<&str>,
    reason: Option<&str>,
    problems: &mut Vec<String>,
) -> DateClaim<'static> {
    let parsed = date.and_then(|s| match PartialDate::parse(s) {
        Ok(d) => Some(d),
        Err(e) => {
            problems.push(format!("invalid date: {e}"));
            None
        }
    });
    let mut parts = InferredParts::default();
    for part in inferred {
        match part.as_str() {
            "year" => parts.year = true,
            "month" => parts.month = true,
            "day" => parts.day = true,
            other => problems.push(format!(
                "unknown date part {other:?} in `inferred` (use year, month, day)"
            )),
        }
    }
    if let Some(d) = parsed {
        if (parts.month && d.month.is_none()) || (parts.day && d.day.is_none()) {
            problems.push("`inferred` names a part the date does not have".into());
        }
    }
    if date.is_none() && parts.any() {
        problems.push("`inferred` given but the date is unknown".into());
    }
    if parts.any() && reason.is_none_or(|r| r.trim().is_empty()) {
        problems.push("a date with inferred parts needs a one-line `reason`".into());
    }
    if reason.is_some_and(|r| r.contains('\n')) {
        problems.push("`reason` must be one line".into());
    }
    DateClaim {
        date: parsed,
        inferred: parts,
        evidence: evidence.map(|e| e.to_owned().into()),
        reason: reason.map(|r| r.to_owned().into()),
    }
}

/// Checks a statement id against its date: `2020-06-24-slug`, `2020-06-slug`, `2020-slug`.
pub(crate) fn check_statement_id(id: &str, date: &DateClaim) -> Option<String> {
    if !is_valid_id(id) {
        return Some(format!(
            "id {} must be lower-case letters, digits and inner hyphens (at most 120)",
            show(id)
        ));
    }
    let prefix = match date.date {
        Some(d) => format!("{d}-"),
        None => "undated-".to_owned(),
    };
    if !id.starts_with(&prefix) || id.len() == prefix.len() {
        return Some(format!(
            "statement id {} must be its date then a slug, e.g. \"{prefix}speaker-subject\"",
            show(id)
        ));
    }
    None
}

/// The entity tables, by id (sorted, so indices are stable).
#[derive(Default)]
pub(crate) struct Registries {
    pub speakers: registry::Table,
    pub venues: registry::Table,
    pub outlets: registry::Table,
    pub topics: registry::Table,
}

/// A statement whose entity references are still ids.
pub(crate) struct PendingStatement {
    pub id: String,
    pub document: usize,
    pub speaker: String,
    pub role: Option<String>,
    pub venue: Option<String>,
    pub venue_evidence: Option<String>,
    pub topics: Vec<String>,
    pub date: DateClaim<'static>,
    pub passages: Vec<Passage>,
    pub headline: Option<Span>,
}

/// Where `text` stands inside one of `passages` of `raw` (its first place), as a span:
/// a headline must be a verbatim span of the statement's own words.
pub(crate) fn headline_span(raw: &str, passages: &[Passage], text: &str) -> Result<Span, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty headline".into());
    }
    for p in passages {
        let Some(inside) = raw.get(p.span.start as usize..p.span.end as usize) else {
            continue;
        };
        if let Some(at) = inside.find(text) {
            let start = p.span.start + at as u32;
            return Ok(Span {
                start,
                end: start + text.len() as u32,
            });
        }
    }
    Err(format!(
        "headline {} is not in this statement's passages (it must be their own words, verbatim)",
        show(text)
    ))
}

/// Everything read so far, before sorting and indexing.
#[derive(Default)]
pub(crate) struct Builder {
    pub entities: Registries,
    /// Documents with their outlet id still a string.
    pub documents: Vec<(Document<'static>, Option<String>)>,
    pub statements: Vec<PendingStatement>,
    pub doc_ids: HashMap<String, (PathBuf, usize)>,
    pub statement_ids: HashMap<String, (PathBuf, usize)>,
}

impl Builder {
    /// Registers an id in `seen`; returns the message for a duplicate.
    fn claim_id(
        seen: &mut HashMap<String, (PathBuf, usize)>,
        root: &Path,
        id: &str,
        file: &Path,
        line: usize,
    ) -> Option<String> {
        if let Some((first, first_line)) = seen.get(id) {
            let first = first.strip_prefix(root).unwrap_or(first);
            return Some(format!(
                "duplicate id {} (first defined at {}:{first_line})",
                show(id),
                first.display()
            ));
        }
        seen.insert(id.to_owned(), (file.to_path_buf(), line));
        None
    }

    fn finish(self) -> Corpus<'static> {
        let index = |map: &BTreeMap<String, String>| -> HashMap<String, u32> {
            map.keys()
                .enumerate()
                .map(|(i, k)| (k.clone(), i as u32))
                .collect()
        };
        let entities = |map: BTreeMap<String, String>| -> Vec<Entity<'static>> {
            map.into_iter()
                .map(|(id, name)| Entity {
                    id: id.into(),
                    name: name.into(),
                })
                .collect()
        };
        let Registries {
            speakers,
            venues,
            outlets,
            topics,
        } = self.entities;
        let (speakers, venues, outlets, topics) = (
            speakers.into_names(),
            venues.into_names(),
            outlets.into_names(),
            topics.into_names(),
        );
        let (speaker_ids, venue_ids, outlet_ids, topic_ids) = (
            index(&speakers),
            index(&venues),
            index(&outlets),
            index(&topics),
        );

        // Documents by (published date, unknown last), then id.
        let mut order: Vec<usize> = (0..self.documents.len()).collect();
        let date_key = |d: &DateClaim| (d.date.is_none(), d.date);
        order.sort_by(|&a, &b| {
            let (da, db) = (&self.documents[a].0, &self.documents[b].0);
            date_key(&da.published)
                .cmp(&date_key(&db.published))
                .then_with(|| da.id.cmp(&db.id))
        });
        let mut new_index = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new as u32;
        }
        let mut slots: Vec<Option<(Document<'static>, Option<String>)>> =
            self.documents.into_iter().map(Some).collect();
        let documents: Vec<Document<'static>> = order
            .iter()
            .map(|&old| {
                let (mut doc, outlet) = slots[old].take().expect("each document once");
                doc.outlet.outlet = outlet.map(|o| outlet_ids[&o]);
                doc
            })
            .collect();

        let mut statements: Vec<Statement<'static>> = self
            .statements
            .into_iter()
            .map(|p| {
                let mut topics: Vec<u32> = p.topics.iter().map(|t| topic_ids[t]).collect();
                topics.sort_unstable();
                topics.dedup();
                Statement {
                    id: p.id.into(),
                    document: new_index[p.document],
                    speaker: speaker_ids[&p.speaker],
                    role: p.role.map(Into::into),
                    venue: p.venue.map(|v| venue_ids[&v]),
                    venue_evidence: p.venue_evidence.map(Into::into),
                    topics,
                    date: p.date,
                    passages: p.passages,
                    headline: p.headline,
                }
            })
            .collect();
        statements.sort_by(|a, b| {
            date_key(&a.date)
                .cmp(&date_key(&b.date))
                .then_with(|| a.id.cmp(&b.id))
        });

        Corpus {
            documents: documents.into(),
            statements: statements.into(),
            speakers: entities(speakers),
            venues: entities(venues),
            outlets: entities(outlets),
            topics: entities(topics),
        }
    }
}

/// Compiles the corpus folder at `root`.
///
/// Returns the corpus, or every problem found, sorted by file and line.
pub fn compile_dir(root: &Path) -> Result<Corpus<'static>, Vec<Diagnostic>> {
    compile_dir_with_settings(root).map(|(corpus, _)| corpus)
}

/// [`compile_dir`], with the mining thresholds of the folder's `mining.toml` (the
/// defaults without one).
pub fn compile_dir_with_settings(
    root: &Path,
) -> Result<(Corpus<'static>, crate::mine::Settings), Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut builder = Builder::default();
    if !root.is_dir() {
        diags.push(Diagnostic {
            file: root.to_path_buf(),
            line: 1,
            message: "corpus folder does not exist".into(),
        });
        return Err(diags);
    }

    let entities_path = root.join("entities.toml");
    if entities_path.exists() {
        entities::read(&entities_path, &mut builder.entities, &mut diags);
    }
    annotation::read_all(root, &mut builder, &mut diags);
    import::read_all(root, &mut builder, &mut diags);
    let mining_path = root.join("mining.toml");
    let settings = if mining_path.exists() {
        mining::read(&mining_path, &mut diags)
    } else {
        crate::mine::Settings::default()
    };

    if !diags.is_empty() {
        diags.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(diags);
    }
    Ok((builder.finish(), settings))
}

/// The files with extension `ext` directly in `dir`, sorted by name; none if `dir` is absent.
fn list_files(dir: &Path, ext: &str, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic {
                file: dir.to_path_buf(),
                line: 1,
                message: format!("cannot read folder: {e}"),
            });
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}
