//! The files of `import/`: which are read and how, and their rows.
//!
//! - Read, whatever the case of the extension: `.jsonl` and `.ndjson` (one JSON object
//!   a line), `.json` (a JSON array of rows, or one object a line), `.csv` (RFC 4180,
//!   comma-separated, a header row) and `.tsv` (tab-separated, a header row, no
//!   quoting: a cell holds no tab or line break).
//! - Sub-folders are read too, in name order. A file of any other kind, a symbolic link
//!   to a folder (never followed) and a file that is not UTF-8 are errors that name the
//!   file: **nothing in `import/` is passed over in silence**. Names beginning with `.`
//!   (`.gitkeep`, `.DS_Store`) are hidden files and left alone.
//! - A UTF-8 byte-order mark at the start is accepted; a UTF-16 file is named as such.
//! - CSV is read strictly: a quote inside an unquoted cell, text after a cell's closing
//!   quote, and a quoted cell never closed are errors at their line, where a lenient
//!   reader would drop the quote or swallow the rest of the file into one cell.

use serde::Deserialize;
use serde_json::value::RawValue;
use std::fs;
use std::path::{Path, PathBuf};

/// One import row, as JSON gives it (CSV and TSV cells are turned into one).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Row {
    pub id: String,
    #[serde(default)]
    pub document: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub date_inferred: Vec<String>,
    #[serde(default)]
    pub date_reason: Option<String>,
    pub speaker: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub language: Option<String>,
    pub passages: Vec<RowPassage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RowPassage {
    pub kind: String,
    pub text: String,
}

/// One CSV or TSV record (header names are the field names).
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
    #[serde(default)]
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

/// The columns a CSV or TSV import may have.
pub(super) const CSV_COLUMNS: [&str; 18] = [
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

fn opt(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn split_list(s: &str) -> Vec<String> {
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
            title: opt(self.title),
            outlet: opt(self.outlet),
            published: opt(self.published),
            date: opt(self.date),
            date_inferred: split_list(&self.date_inferred),
            date_reason: opt(self.date_reason),
            speaker: self.speaker,
            role: opt(self.role),
            venue: opt(self.venue),
            topics: split_list(&self.topics),
            language: opt(self.language),
            passages,
        }
    }
}

/// How a file of `import/` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Format {
    JsonLines,
    /// `.json`: an array of rows, or one object a line.
    Json,
    Csv,
    Tsv,
}

impl Format {
    /// The format of a file name, by its extension in any case.
    ///
    /// ```text
    /// a.JSONL, b.ndjson → JsonLines; c.json → Json; d.CSV → Csv; e.tsv → Tsv; f.txt → None
    /// ```
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "tsv" => Some(Format::Tsv),
            _ => None,
        }
    }
}

/// What was found in `import/`: the files to read, and the entries that will not be
/// (with why), both in path order.
#[derive(Default)]
pub(super) struct Listing {
    pub files: Vec<(PathBuf, Format)>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// Every entry under `dir`, sub-folders included (see the module docs).
pub(super) fn list_dir(dir: &Path) -> Listing {
    let mut out = Listing::default();
    walk(dir, &mut out);
    out.files.sort();
    out.skipped.sort();
    out
}

fn walk(dir: &Path, out: &mut Listing) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.skipped
                .push((dir.to_path_buf(), format!("cannot read folder: {e}")));
            return;
        }
    };
    for entry in entries {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            out.skipped
                .push((path, "cannot tell what kind of entry this is".into()));
            continue;
        };
        if kind.is_symlink() && path.is_dir() {
            out.skipped.push((
                path,
                "not read: a symbolic link to a folder is never followed (copy the files in)"
                    .into(),
            ));
        } else if kind.is_dir() {
            walk(&path, out);
        } else if !path.is_file() {
            out.skipped
                .push((path, "not read: not a file or a folder".into()));
        } else if let Some(format) = Format::of(&path) {
            out.files.push((path, format));
        } else {
            out.skipped.push((
                path,
                "not read: import files end in .jsonl, .ndjson, .json, .csv or .tsv".into(),
            ));
        }
    }
}

/// A file's text without a UTF-8 byte-order mark; `Err` names a UTF-16 file.
pub(super) fn text_of(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            "this file is UTF-16 (it begins with a UTF-16 byte-order mark): save it as UTF-8"
                .into(),
        );
    }
    let mut bytes = bytes;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    Ok(bytes)
}

/// A row read, or why not, at its 1-based line.
pub(super) type Read = (usize, Result<Row, String>);

/// The rows of a file's text in `format`.
pub(super) fn rows(text: &str, format: Format) -> Vec<Read> {
    match format {
        Format::JsonLines => json_lines(text),
        Format::Json if text.trim_start().starts_with('[') => json_array(text),
        Format::Json => json_lines(text),
        Format::Csv => {
            let problems = csv_quotes(text);
            if problems.is_empty() {
                delimited(text, b',', true)
            } else {
                problems.into_iter().map(|(l, m)| (l, Err(m))).collect()
            }
        }
        Format::Tsv => delimited(text, b'\t', false),
    }
}

fn json_lines(text: &str) -> Vec<Read> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let row = serde_json::from_str::<Row>(line).map_err(|e| format!("malformed row: {e}"));
            (i + 1, row)
        })
        .collect()
}

fn json_array(text: &str) -> Vec<Read> {
    let items: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(items) => items,
        Err(e) => {
            return vec![(
                e.line().max(1),
                Err(format!("malformed JSON array of rows: {e}")),
            )]
        }
    };
    items
        .into_iter()
        .map(|raw| {
            // The item borrows from `text`: its place there gives its line.
            let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
            let line = super::line_of(text, offset);
            let row =
                serde_json::from_str::<Row>(raw.get()).map_err(|e| format!("malformed row: {e}"));
            (line, row)
        })
        .collect()
}

fn delimited(text: &str, delimiter: u8, quoting: bool) -> Vec<Read> {
    let name = if delimiter == b'\t' { "TSV" } else { "CSV" };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .delimiter(delimiter)
        .quoting(quoting)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return vec![(1, Err(format!("malformed {name} header: {e}")))],
    };
    let unknown: Vec<&str> = headers
        .iter()
        .filter(|h| !CSV_COLUMNS.contains(h))
        .collect();
    let missing: Vec<&str> = ["id", "speaker", "text"]
        .into_iter()
        .filter(|c| !headers.iter().any(|h| h == *c))
        .collect();
    if !unknown.is_empty() || !missing.is_empty() {
        return vec![(
            1,
            Err(format!(
                "{name} header: unknown columns {unknown:?}, missing columns {missing:?} (columns: {})",
                CSV_COLUMNS.join(", ")
            )),
        )];
    }
    let mut out = Vec::new();
    for record in reader.records() {
        match record {
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                out.push((line, Err(format!("malformed row: {}", csv_message(&e)))));
            }
            Ok(rec) => {
                let line = rec.position().map_or(1, |p| p.line() as usize);
                let row = rec
                    .deserialize::<CsvRow>(Some(&headers))
                    .map(CsvRow::into_row)
                    .map_err(|e| format!("malformed row: {}", csv_message(&e)));
                out.push((line, row));
            }
        }
    }
    out
}

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

/// The quoting errors of a CSV text (RFC 4180), each at its 1-based line: a quote in
/// an unquoted cell, text after a quoted cell's closing quote, a quoted cell never
/// closed. The `csv` crate reads all three without a word (it is lenient by design),
/// which loses a quote or, for the last, every row after it.
///
/// ```text
/// a,"b""c",d     fine: a doubled quote inside a quoted cell
/// a,b "c" d,e    line 1: a quote inside an unquoted cell
/// a,"b "c" d",e  line 1: text after a cell's closing quote
/// a,"b           line 1: a quoted cell is never closed
/// ```
pub(super) fn csv_quotes(text: &str) -> Vec<(usize, String)> {
    #[derive(PartialEq)]
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        /// Just after a quote inside a quoted cell: a second quote, a comma or the
        /// end of the line must follow.
        QuoteInQuoted,
    }
    let mut out = Vec::new();
    let (mut line, mut column, mut opened_at) = (1usize, 1usize, 1usize);
    let mut state = State::CellStart;
    let mut reported_line = 0;
    let mut report = |line: usize, message: String, out: &mut Vec<(usize, String)>| {
        // One message a line is enough.
        if reported_line != line {
            reported_line = line;
            out.push((line, message));
        }
    };
    for c in text.bytes() {
        match (&state, c) {
            (State::Quoted, b'"') => state = State::QuoteInQuoted,
            (State::Quoted, b'\n') => line += 1,
            (State::Quoted, _) => {}
            (State::QuoteInQuoted, b'"') => state = State::Quoted,
            (_, b',') => {
                state = State::CellStart;
                column += 1;
            }
            (_, b'\n') => {
                state = State::CellStart;
                line += 1;
                column = 1;
            }
            (State::QuoteInQuoted, b'\r') => state = State::Unquoted,
            (State::CellStart, b'"') => {
                state = State::Quoted;
                opened_at = line;
            }
            (State::QuoteInQuoted, _) => {
                report(
                    line,
                    format!("column {column}: text after the closing quote of a quoted cell (a quote inside a quoted cell is written twice: \"\")"),
                    &mut out,
                );
                state = State::Unquoted;
            }
            (State::Unquoted, b'"') => {
                report(
                    line,
                    format!("column {column}: a quote inside a cell that does not begin with one (quote the whole cell and write the quote twice: \"a \"\"b\"\" c\")"),
                    &mut out,
                );
                state = State::Unquoted;
            }
            _ => state = State::Unquoted,
        }
    }
    if state == State::Quoted {
        let rest = line - opened_at;
        out.push((
            opened_at,
            format!("a quoted cell opened on this line is never closed: it would take in the rest of the file ({rest} more lines) as its text"),
        ));
    }
    out
}
