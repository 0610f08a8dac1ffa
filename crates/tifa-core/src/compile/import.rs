//! Bulk import: `import/*.jsonl` and `import/*.csv`, one statement per row.
//!
//! A row that names its `document` (an id) is a statement of that document: rows naming
//! the same document, in any import file, become its statements in file and row order,
//! and its raw text is their passages joined by blank lines in that order, kept byte for
//! byte like any source; the first row gives the document's title, published date,
//! outlet, language and URL, and a later row that gives another is an error at its line.
//! A row without `document` is a statement and a document of its own (as before),
//! whose raw text is its passages joined by blank lines. Speakers, venues and outlets are named, not referred
//! to: an unknown name becomes a new entity (id = its slug); topics must come from the
//! vocabulary in `entities.toml`. The row formats are documented in
//! docs/corpus-format.md, "Bulk import".

use super::{
    check_statement_id, is_valid_id, list_files, parse_date_claim, read_utf8, slug, Builder,
    Diagnostic, FileReport, PendingStatement,
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
    #[serde(default)]
    document: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    headline: Option<String>,
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
    #[serde(default)]
    document: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    headline: String,
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
            document: opt(self.document),
            url: opt(self.url),
            headline: opt(self.headline),
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

/// A document named by import rows: where it is in the builder, what its first row
/// said of it, and where that row was.
struct Group {
    index: usize,
    title: String,
    published: Option<String>,
    outlet: Option<String>,
    language: Option<String>,
    url: Option<String>,
    first: String,
}

pub(super) fn read_all(root: &Path, b: &mut Builder, diags: &mut Vec<Diagnostic>) {
    let dir = root.join("import");
    let mut files = list_files(&dir, "jsonl", diags);
    files.extend(list_files(&dir, "csv", diags));
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
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
        let mut ctx = Ctx {
            rel: &rel,
            root,
            groups: &mut groups,
        };
        if csv {
            read_csv(&text, &mut ctx, &mut rep, b);
        } else {
            read_jsonl(&text, &mut ctx, &mut rep, b);
        }
    }
}

/// What every row of a file is read with.
struct Ctx<'c> {
    rel: &'c str,
    root: &'c Path,
    groups: &'c mut BTreeMap<String, Group>,
}

fn read_jsonl(text: &str, ctx: &mut Ctx, rep: &mut FileReport, b: &mut Builder) {
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Row>(line) {
            Ok(row) => add_row(row, ctx, i + 1, rep, b),
            Err(e) => rep.at_line(i + 1, format!("malformed row: {e}")),
        }
    }
}

fn read_csv(text: &str, ctx: &mut Ctx, rep: &mut FileReport, b: &mut Builder) {
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
                    Ok(row) => add_row(row.into_row(), ctx, line, rep, b),
                    Err(e) => rep.at_line(line, format!("malformed row: {}", csv_message(&e))),
                }
            }
        }
    }
}

/// The columns a CSV import may have.
pub const CSV_COLUMNS: [&str; 18] = [
    "id",
    "document",
    "url",
    "headline",
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

fn add_row(row: Row, ctx: &mut Ctx, line: usize, rep: &mut FileReport, b: &mut Builder) {
    let (rel, root) = (ctx.rel, ctx.root);
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
    if let Some(url) = &row.url {
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(char::is_whitespace)
        {
            problems.push(format!(
                "url {url:?} must be an http:// or https:// address without spaces"
            ));
        }
    }
    // The document this row belongs to, when it names one already met: what it says
    // of the document must agree with its first row.
    let grouped = row.document.as_deref().map(str::trim);
    if let Some(d) = grouped {
        if !is_valid_id(d) {
            problems.push(format!("invalid document id {d:?}"));
        } else if let Some(g) = ctx.groups.get(d) {
            let mut differs = |what: &str, first: Option<&str>, here: Option<&str>| {
                if let (Some(f), Some(h)) = (first, here) {
                    if f != h {
                        problems.push(format!(
                            "document {d:?} has {what} {f:?} (from {}); this row says {h:?}",
                            g.first
                        ));
                    }
                }
            };
            differs("title", Some(g.title.as_str()), Some(row.title.trim()));
            differs(
                "published date",
                g.published.as_deref(),
                row.published.as_deref(),
            );
            differs("outlet", g.outlet.as_deref(), row.outlet.as_deref());
            differs("language", g.language.as_deref(), row.language.as_deref());
            differs("url", g.url.as_deref(), row.url.as_deref());
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
    let mut headline = None;
    if let Some(h) = &row.headline {
        match super::headline_span(&raw, &passages, h) {
            Ok(span) => headline = Some(span),
            Err(e) => problems.push(e),
        }
    }
    for p in problems {
        rep.at_line(line, p);
    }
    let existing = grouped.and_then(|d| ctx.groups.get(d)).map(|g| g.index);
    if rep.out.len() == before {
        let path = rep.path.clone();
        if let Some(msg) = Builder::claim_id(&mut b.statement_ids, root, &row.id, &path, line) {
            rep.at_line(line, msg);
        } else if existing.is_none() {
            let doc_id = grouped.unwrap_or(&row.id);
            if let Some(msg) = Builder::claim_id(&mut b.doc_ids, root, doc_id, &path, line) {
                rep.at_line(line, format!("{msg} (as a document)"));
            }
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
    // A later row of a grouped document: its passages follow the document's text.
    let document = match existing {
        Some(index) => {
            let doc = &mut b.documents[index].0;
            let mut text = doc.raw.to_string();
            text.push_str("\n\n");
            let offset = text.len() as u32;
            text.push_str(&raw);
            doc.raw = text.into();
            for p in &mut passages {
                p.span.start += offset;
                p.span.end += offset;
            }
            if let Some(h) = &mut headline {
                h.start += offset;
                h.end += offset;
            }
            index
        }
        None => b.documents.len(),
    };
    b.statements.push(PendingStatement {
        id: row.id.clone(),
        document,
        speaker,
        role: row.role,
        venue,
        venue_evidence: None,
        topics: row.topics,
        date,
        passages,
        headline,
    });
    if existing.is_some() {
        return;
    }
    let outlet = row
        .outlet
        .as_deref()
        .map(|o| entity(&mut b.entities.outlets, o));
    let source: String = format!("{rel}:{line}");
    if let Some(d) = grouped {
        ctx.groups.insert(
            d.to_owned(),
            Group {
                index: document,
                title: row.title.trim().to_owned(),
                published: row.published.clone(),
                outlet: row.outlet.clone(),
                language: row.language.clone(),
                url: row.url.clone(),
                first: source.clone(),
            },
        );
    }
    let basis = if outlet.is_some() {
        Basis::Imported {
            source: source.clone().into(),
        }
    } else {
        Basis::Unknown
    };
    b.documents.push((
        Document {
            id: grouped.map_or(row.id, str::to_owned).into(),
            title: row.title.into(),
            language: row.language.unwrap_or_else(|| "en".into()).into(),
            outlet: OutletClaim {
                outlet: None,
                basis,
            },
            dateline: None,
            published,
            source_file: source.into(),
            url: row.url.map(Into::into),
            raw: raw.into(),
            removed: Vec::new(),
        },
        outlet,
    ));
}
