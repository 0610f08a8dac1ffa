//! The corpus compiler: reads the corpus folder, validates it, and builds a [`Corpus`].
//!
//! Layout of a corpus folder:
//!
//! ```text
//! corpus/
//!   sources/<name>.txt      raw texts, byte for byte as collected (UTF-8)
//!   documents/<id>.toml     one annotation per raw text (format: README, "Corpus format")
//! ```
//!
//! Every problem is reported as a [`Diagnostic`] (`file:line: message`), and all of
//! them are collected in one run: the caller fails if there is any.

use crate::model::{Attributed, Basis, Corpus, DateClaim, Document, InferredParts, PartialDate};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use toml::Spanned;

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

/// The annotation file as written by an editor.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotation {
    id: Spanned<String>,
    source: Spanned<String>,
    sha256: Spanned<String>,
    title: Spanned<String>,
    language: Spanned<String>,
    dateline: Option<Spanned<String>>,
    outlet: Spanned<OutletAnn>,
    published: Spanned<DateAnn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletAnn {
    name: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateAnn {
    date: Option<Spanned<String>>,
    inferred: Option<Spanned<Vec<String>>>,
    evidence: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
}

/// Collects diagnostics for one file, turning byte offsets into line numbers.
struct FileReport<'r> {
    path: PathBuf,
    text: String,
    out: &'r mut Vec<Diagnostic>,
}

impl FileReport<'_> {
    fn at(&mut self, offset: usize, message: impl Into<String>) {
        let line = line_of(&self.text, offset);
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

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Compiles the corpus folder at `root`.
///
/// Returns the corpus, or every problem found, sorted by file and line.
pub fn compile_dir(root: &Path) -> Result<Corpus<'static>, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let sources_dir = root.join("sources");
    let docs_dir = root.join("documents");

    let sources = list_files(&sources_dir, "txt", &mut diags);
    let annotations = list_files(&docs_dir, "toml", &mut diags);

    let mut documents = Vec::new();
    let mut ids: HashMap<String, (PathBuf, usize)> = HashMap::new();
    let mut used_sources: BTreeMap<String, PathBuf> = BTreeMap::new();

    for path in annotations {
        let Some(text) = read_utf8(&path, &mut diags) else {
            continue;
        };
        let mut rep = FileReport {
            path: path.clone(),
            text,
            out: &mut diags,
        };
        let ann: Annotation = match toml::from_str(&rep.text) {
            Ok(a) => a,
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                rep.at(offset, format!("malformed annotation: {}", e.message()));
                // Still count its source as annotated, so one typo is one error.
                if let Some(source) = lenient_source(&rep.text) {
                    used_sources.insert(source, path.clone());
                }
                continue;
            }
        };
        if let Some(doc) = check_annotation(&ann, root, &mut rep, &mut ids) {
            if let Some(first) = used_sources.insert(doc.source_file.to_string(), path.clone()) {
                rep.at(
                    ann.source.span().start,
                    format!(
                        "source {:?} is already annotated by {}",
                        doc.source_file,
                        first.display()
                    ),
                );
            } else {
                documents.push(doc);
            }
        } else {
            used_sources.insert(ann.source.get_ref().clone(), path.clone());
        }
    }

    for source in sources {
        let name = file_name(&source);
        if !used_sources.contains_key(&name) {
            diags.push(Diagnostic {
                file: source,
                line: 1,
                message: "raw text is not referenced by any annotation in documents/".into(),
            });
        }
    }

    if !diags.is_empty() {
        diags.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(diags);
    }
    documents.sort_by(|a, b| {
        let key = |d: &Document| (d.published.date.is_none(), d.published.date);
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
    Ok(Corpus { documents })
}

/// The `source = "…"` line of an annotation that did not parse, if it can be found.
fn lenient_source(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix("source")?
            .trim_start()
            .strip_prefix('=')?;
        let value = rest.trim().strip_prefix('"')?;
        Some(value[..value.find('"')?].to_owned())
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The files with extension `ext` directly in `dir`, sorted by name.
fn list_files(dir: &Path, ext: &str, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
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

/// Checks that a verbatim span occurs in the raw text.
fn check_evidence(rep: &mut FileReport, raw: &str, source: &str, ev: &Spanned<String>) {
    if ev.get_ref().trim().is_empty() {
        rep.at(ev.span().start, "evidence must not be empty");
    } else if !raw.contains(ev.get_ref().as_str()) {
        rep.at(
            ev.span().start,
            format!(
                "evidence {:?} is not a verbatim span of {source}",
                ev.get_ref()
            ),
        );
    }
}

fn check_annotation(
    ann: &Annotation,
    root: &Path,
    rep: &mut FileReport,
    ids: &mut HashMap<String, (PathBuf, usize)>,
) -> Option<Document<'static>> {
    let errors_before = rep.out.len();

    // id: syntax and uniqueness
    let id = ann.id.get_ref();
    let id_line = line_of(&rep.text, ann.id.span().start);
    if !is_valid_id(id) {
        rep.at(
            ann.id.span().start,
            format!("id {id:?} must be lower-case letters, digits and inner hyphens (at most 120)"),
        );
    } else if let Some((file, line)) = ids.get(id) {
        let first = file.strip_prefix(root).unwrap_or(file);
        let msg = format!(
            "duplicate id {id:?} (first defined at {}:{line})",
            first.display()
        );
        rep.at(ann.id.span().start, msg);
    } else {
        ids.insert(id.clone(), (rep.path.clone(), id_line));
    }

    // source and checksum
    let source = ann.source.get_ref();
    if source.contains('/') || source.contains('\\') || source.starts_with('.') {
        rep.at(
            ann.source.span().start,
            format!("source {source:?} must be a plain file name inside sources/"),
        );
        return None;
    }
    let source_path = root.join("sources").join(source);
    if !source_path.is_file() {
        rep.at(
            ann.source.span().start,
            format!("source {source:?} does not exist in sources/"),
        );
        return None;
    }
    let raw = read_utf8(&source_path, rep.out)?;
    let actual = sha256_hex(raw.as_bytes());
    if ann.sha256.get_ref() != &actual {
        rep.at(
            ann.sha256.span().start,
            format!(
                "checksum mismatch: the annotation says {} but sources/{source} hashes to {actual} (the raw text changed, or the annotation belongs to another text)",
                ann.sha256.get_ref()
            ),
        );
    }

    // title and language
    let title = ann.title.get_ref();
    if title.trim().is_empty() {
        rep.at(ann.title.span().start, "title must not be empty");
    } else if !raw.contains(title.as_str()) {
        rep.at(
            ann.title.span().start,
            format!("title {title:?} is not a verbatim span of {source} (give it as published)"),
        );
    }
    let lang = ann.language.get_ref();
    if lang.len() < 2 || !lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        rep.at(
            ann.language.span().start,
            format!("language {lang:?} is not a BCP 47 tag such as \"en\" or \"zh-Hans\""),
        );
    }
    if let Some(dl) = &ann.dateline {
        check_evidence(rep, &raw, source, dl);
    }

    // outlet
    let o = ann.outlet.get_ref();
    let outlet = match (&o.name, &o.evidence, &o.reason) {
        (None, None, None) => Attributed {
            value: None,
            basis: Basis::Unknown,
        },
        (None, _, _) => {
            rep.at(
                ann.outlet.span().start,
                "outlet has evidence or a reason but no name: drop them to mark it unknown",
            );
            Attributed {
                value: None,
                basis: Basis::Unknown,
            }
        }
        (Some(name), Some(ev), None) => {
            check_evidence(rep, &raw, source, ev);
            if !ev.get_ref().contains(name.get_ref().as_str()) {
                rep.at(
                    ev.span().start,
                    format!(
                        "outlet evidence does not contain the name {:?}",
                        name.get_ref()
                    ),
                );
            }
            Attributed {
                value: Some(name.get_ref().clone().into()),
                basis: Basis::Stated {
                    evidence: ev.get_ref().clone().into(),
                },
            }
        }
        (Some(name), None, Some(reason)) => Attributed {
            value: Some(name.get_ref().clone().into()),
            basis: Basis::Inferred {
                reason: reason.get_ref().clone().into(),
            },
        },
        (Some(name), _, _) => {
            rep.at(
                name.span().start,
                "outlet needs exactly one of `evidence` (stated) or `reason` (inferred)",
            );
            Attributed {
                value: None,
                basis: Basis::Unknown,
            }
        }
    };

    // published date
    let published = check_date(
        ann.published.get_ref(),
        ann.published.span().start,
        &raw,
        source,
        rep,
    );

    if rep.out.len() > errors_before {
        return None;
    }
    Some(Document {
        id: id.clone().into(),
        title: title.clone().into(),
        language: lang.clone().into(),
        outlet,
        dateline: ann.dateline.as_ref().map(|d| d.get_ref().clone().into()),
        published,
        source_file: source.clone().into(),
        sha256: actual.into(),
        raw: raw.into(),
    })
}

fn check_date(
    d: &DateAnn,
    table_offset: usize,
    raw: &str,
    source: &str,
    rep: &mut FileReport,
) -> DateClaim<'static> {
    let date = d
        .date
        .as_ref()
        .and_then(|s| match PartialDate::parse(s.get_ref()) {
            Ok(date) => Some(date),
            Err(e) => {
                rep.at(s.span().start, format!("invalid date: {e}"));
                None
            }
        });
    let mut inferred = InferredParts::default();
    let inferred_at = d.inferred.as_ref().map_or(table_offset, |i| i.span().start);
    let parts: &[String] = d.inferred.as_ref().map_or(&[], |i| i.get_ref());
    for part in parts {
        let slot = match part.as_str() {
            "year" => &mut inferred.year,
            "month" => &mut inferred.month,
            "day" => &mut inferred.day,
            other => {
                rep.at(
                    inferred_at,
                    format!("unknown date part {other:?} in `inferred` (use year, month, day)"),
                );
                continue;
            }
        };
        *slot = true;
    }
    if let Some(date) = date {
        if (inferred.month && date.month.is_none()) || (inferred.day && date.day.is_none()) {
            rep.at(
                inferred_at,
                "`inferred` names a part the date does not have",
            );
        }
    }
    if d.date.is_none() && inferred.any() {
        rep.at(table_offset, "`inferred` given but the date is unknown");
    }
    if inferred.any()
        && d.reason
            .as_ref()
            .is_none_or(|r| r.get_ref().trim().is_empty())
    {
        rep.at(
            table_offset,
            "a date with inferred parts needs a one-line `reason`",
        );
    }
    if let Some(r) = &d.reason {
        if r.get_ref().contains('\n') {
            rep.at(r.span().start, "`reason` must be one line");
        }
    }
    if let Some(ev) = &d.evidence {
        check_evidence(rep, raw, source, ev);
    }
    DateClaim {
        date,
        inferred,
        evidence: d.evidence.as_ref().map(|e| e.get_ref().clone().into()),
        reason: d.reason.as_ref().map(|r| r.get_ref().clone().into()),
    }
}
