//! Bulk import: `import/*.jsonl` and `import/*.csv`, one statement per row.
//!
//! Each row becomes a statement and a document of its own whose raw text is the row's
//! passages joined by blank lines. Speakers, venues and outlets are named, not referred
//! to: an unknown name becomes a new entity (id = its slug); topics must come from the
//! vocabulary in `entities.toml`. The row formats are documented in
//! docs/corpus-format.md, "Bulk import".

use super::{
    check_statement_id, is_valid_id, list_files, parse_date_claim, read_utf8, sha256_hex, slug,
    Builder, Diagnostic, FileReport, PendingStatement,
};
use crate::model::{Basis, DateClaim, Document, OutletClaim, Passage, PassageKind, Span};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One JSON Lines row.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    id: String,
    title: String,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    published: Option<String>,
    date: Option<String>,
    #[serde(default)]
    date_inferred: Vec<String>,
    #[serde(default)]
    date_reason: Option<String>,
    speaker: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    venue: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    language: Option<String>,
    passages: Vec<RowPassage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowPassage {
    kind: String,
    text: String,
}

/// One CSV record (header names are the field names).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CsvRow {
    id: String,
    title: String,
    #[serde(default)]
    outlet: String,
    #[serde(default)]
    published: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    date_inferred: String,
    #[serde(default)]
    date_reason: String,
    speaker: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    venue: String,
    #[serde(default)]
    topics: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    question: String,
    text: String,
    #[serde(default)]
    text_kind: String,
}

fn opt(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

impl CsvRow {
    fn into_row(self) -> Row {
        let kind = opt(self.text_kind).unwrap_or_else(|| "quote".into());
        let mut passages = Vec::new();
        if let Some(q) = opt(self.question) {
            passages.push(RowPassage {
                kind: "question".into(),
                text: q,
            });
        }
        for para in self.text.split("\n\n") {
            if !para.trim().is_empty() {
                passages.push(RowPassage {
                    kind: kind.clone(),
                    text: para.trim().to_owned(),
                });
            }
        }
        Row {
            id: self.id,
            title: self.title,
            outlet: opt(self.outlet),
            published: opt(self.published),
            date: opt(self.date),
            date_inferred: list(&self.date_inferred),
            date_reason: opt(self.date_reason),
            speaker: self.speaker,
            role: opt(self.role),
            venue: opt(self.venue),
            topics: list(&self.topics),
            language: opt(self.language),
            passages,
        }
    }
}

pub(super) fn read_all(root: &Path, b: &mut Builder, diags: &mut Vec<Diagnostic>) {
    let dir = root.join("import");
    let mut files = list_files(&dir, "jsonl", diags);
    files.extend(list_files(&dir, "csv", diags));
    for path in files {
        let Some(text) = read_utf8(&path, diags) else {
            continue;
        };
        let rel = format!("import/{}", file_name(&path));
        let csv = path.extension().is_some_and(|e| e == "csv");
        let mut rep = FileReport {
            path,
            text: String::new(),
            out: diags,
        };
        if csv {
            read_csv(&text, &rel, root, &mut rep, b);
        } else {
            read_jsonl(&text, &rel, root, &mut rep, b);
        }
    }
}

fn read_jsonl(text: &str, rel: &str, root: &Path, rep: &mut FileReport, b: &mut Builder) {
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Row>(line) {
            Ok(row) => add_row(row, rel, i + 1, root, rep, b),
            Err(e) => rep.at_line(i + 1, format!("malformed row: {e}")),
        }
    }
}

fn read_csv(text: &str, rel: &str, root: &Path, rep: &mut FileReport, b: &mut Builder) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            rep.at_line(1, format!("malformed CSV header: {e}"));
            return;
        }
    };
    let unknown: Vec<&str> = headers
        .iter()
        .filter(|h| !CSV_COLUMNS.contains(h))
        .collect();
    let missing: Vec<&str> = ["id", "title", "speaker", "text"]
        .into_iter()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .collect();
    if !unknown.is_empty() || !missing.is_empty() {
        rep.at_line(
            1,
            format!(
                "CSV header: unknown columns {unknown:?}, missing columns {missing:?} (columns: {})",
                CSV_COLUMNS.join(", ")
            ),
        );
        return;
    }
    for record in reader.records() {
        match record {
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                rep.at_line(line, format!("malformed row: {}", csv_message(&e)));
            }
            Ok(rec) => {
                let line = rec.position().map_or(1, |p| p.line() as usize);
                match rec.deserialize::<CsvRow>(Some(&headers)) {
                    Ok(row) => add_row(row.into_row(), rel, line, root, rep, b),
                    Err(e) => rep.at_line(line, format!("malformed row: {}", csv_message(&e))),
                }
            }
        }
    }
}

/// The columns a CSV import may have.
pub const CSV_COLUMNS: [&str; 15] = [
    "id",
    "title",
    "outlet",
    "published",
    "date",
    "date_inferred",
    "date_reason",
    "speaker",
    "role",
    "venue",
    "topics",
    "language",
    "question",
    "text",
    "text_kind",
];

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(f) => format!("column {}: {}", f + 1, err.kind()),
            None => err.kind().to_string(),
        },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("found record with {len} fields, but the header has {expected_len}"),
        _ => e.to_string(),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Finds the entity named `name` (same name ignoring ASCII case), or creates it with
/// the name's slug as id; returns its id.
fn entity(map: &mut BTreeMap<String, String>, name: &str) -> String {
    let name = name.trim();
    if let Some((id, _)) = map.iter().find(|(_, n)| n.eq_ignore_ascii_case(name)) {
        return id.clone();
    }
    let id = slug(name);
    map.entry(id.clone()).or_insert_with(|| name.to_owned());
    id
}

fn add_row(row: Row, rel: &str, line: usize, root: &Path, rep: &mut FileReport, b: &mut Builder) {
    let before = rep.out.len();
    let mut problems = Vec::new();
    let date = parse_date_claim(
        row.date.as_deref(),
        &row.date_inferred,
        None,
        row.date_reason.as_deref(),
        &mut problems,
    );
    let published = match &row.published {
        Some(p) => parse_date_claim(Some(p), &[], None, None, &mut problems),
        None => DateClaim::unknown(),
    };
    // A malformed date is reported once, not again as an id that does not match it.
    if row.date.is_none() || date.date.is_some() {
        if let Some(msg) = check_statement_id(&row.id, &date) {
            problems.push(msg);
        }
    } else if !is_valid_id(&row.id) {
        problems.push(format!("invalid id {:?}", row.id));
    }
    if row.title.trim().is_empty() {
        problems.push("empty title".into());
    }
    if row.speaker.trim().is_empty() {
        problems.push("empty speaker".into());
    }
    for t in &row.topics {
        if !b.entities.topics.contains_key(t) {
            problems.push(format!("unknown topic {t:?} (not in entities.toml)"));
        }
    }
    let mut raw = String::new();
    let mut passages = Vec::new();
    for p in &row.passages {
        let Some(kind) = PassageKind::parse(&p.kind) else {
            problems.push(format!(
                "unknown passage kind {:?} (use quote, reported, narration or question)",
                p.kind
            ));
            continue;
        };
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        if !raw.is_empty() {
            raw.push_str("\n\n");
        }
        let start = raw.len() as u32;
        raw.push_str(text);
        passages.push(Passage {
            kind,
            span: Span {
                start,
                end: raw.len() as u32,
            },
        });
    }
    if passages.is_empty() {
        problems.push(format!("empty statement {:?}: it has no passages", row.id));
    }
    for p in problems {
        rep.at_line(line, p);
    }
    if rep.out.len() == before {
        let path = rep.path.clone();
        if let Some(msg) = Builder::claim_id(&mut b.statement_ids, root, &row.id, &path, line) {
            rep.at_line(line, msg);
        } else if let Some(msg) = Builder::claim_id(&mut b.doc_ids, root, &row.id, &path, line) {
            rep.at_line(line, format!("{msg} (as a document)"));
        }
    }
    if rep.out.len() > before {
        return;
    }
    let speaker = entity(&mut b.entities.speakers, &row.speaker);
    let venue = row
        .venue
        .as_deref()
        .map(|v| entity(&mut b.entities.venues, v));
    let outlet = row
        .outlet
        .as_deref()
        .map(|o| entity(&mut b.entities.outlets, o));
    let source: String = format!("{rel}:{line}");
    let doc_index = b.documents.len();
    b.statements.push(PendingStatement {
        id: row.id.clone(),
        document: doc_index,
        speaker,
        role: row.role,
        venue,
        venue_evidence: None,
        topics: row.topics,
        date,
        passages,
    });
    let basis = if outlet.is_some() {
        Basis::Imported {
            source: source.clone().into(),
        }
    } else {
        Basis::Unknown
    };
    b.documents.push((
        Document {
            id: row.id.into(),
            title: row.title.into(),
            language: row.language.unwrap_or_else(|| "en".into()).into(),
            outlet: OutletClaim {
                outlet: None,
                basis,
            },
            dateline: None,
            published,
            source_file: source.into(),
            sha256: sha256_hex(raw.as_bytes()).into(),
            raw: raw.into(),
            removed: Vec::new(),
        },
        outlet,
    ));
}
