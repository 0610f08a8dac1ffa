//! Bulk import: the files of `import/` (formats in [`super::rows`]), one statement per
//! row.
//!
//! A row that names its `document` (an id) is a statement of that document: rows naming
//! the same document, in any import file, become its statements in file and row order,
//! and its raw text is their passages joined by blank lines in that order, kept byte for
//! byte like any source. **Any of its rows may give the document's title, published
//! date, outlet, language and URL**: a value where the rows before left it empty is
//! taken, and a row that gives another value than an earlier row is an error at its
//! line. A row without `document` is a statement and a document of its own, whose raw
//! text is its passages joined by blank lines. Speakers, venues and outlets are named,
//! not referred to: a name is an entity's when it is its name or alias after
//! normalisation, and an unknown name becomes a new entity ([`super::registry`]);
//! topics must come from the vocabulary in `entities.toml`. The row formats are
//! documented in docs/corpus-format.md, "Bulk import".

use super::registry::{Clash, Table};
use super::rows::{self, Row};
use super::{
    check_statement_id, is_language_tag, is_valid_id, parse_date_claim, show, Builder, Diagnostic,
    FileReport, PendingStatement,
};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use tifa_model::{Basis, DateClaim, Document, OutletClaim, Passage, PassageKind, Span};

/// One of a document's fields, once a row has given it: the value and where.
struct Given {
    value: String,
    at: String,
}

/// A document named by import rows, until every file is read.
struct Group {
    /// Its place in the builder's documents (a placeholder until [`finish`]).
    index: usize,
    id: String,
    /// The file and line of its first row.
    first: (PathBuf, usize),
    title: Option<Given>,
    published: Option<Given>,
    outlet: Option<Given>,
    /// The outlet's entity id, made from its name by the row that gave it.
    outlet_id: Option<String>,
    language: Option<Given>,
    url: Option<Given>,
    /// Its raw text so far: each row's passages are appended, never copied again.
    raw: String,
}

/// Reads every file of `import/` into the builder.
pub(super) fn read_all(root: &Path, b: &mut Builder, diags: &mut Vec<Diagnostic>) {
    let dir = root.join("import");
    if !dir.exists() {
        return;
    }
    let listing = rows::list_dir(&dir);
    for (path, why) in listing.skipped {
        diags.push(Diagnostic {
            file: path,
            line: 1,
            message: why,
        });
    }
    let mut state = State {
        root,
        groups: Vec::new(),
        by_id: HashMap::new(),
        clashes: HashMap::new(),
    };
    for (path, format) in listing.files {
        let text = match fs::read(&path)
            .map_err(|e| format!("cannot read file: {e}"))
            .and_then(rows::text_of)
        {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let valid = e.utf8_error().valid_up_to();
                    let bytes = e.as_bytes();
                    diags.push(Diagnostic {
                        file: path,
                        line: bytes[..valid].iter().filter(|&&c| c == b'\n').count() + 1,
                        message: format!(
                            "not valid UTF-8: invalid byte 0x{:02x} at byte offset {valid} (save the file as UTF-8)",
                            bytes[valid]
                        ),
                    });
                    continue;
                }
            },
            Err(message) => {
                diags.push(Diagnostic {
                    file: path,
                    line: 1,
                    message,
                });
                continue;
            }
        };
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let mut rep = FileReport {
            path,
            text: String::new(),
            out: diags,
        };
        for (line, row) in rows::rows(&text, format) {
            match row {
                Ok(row) => add_row(row, &rel, line, &mut state, &mut rep, b),
                Err(message) => rep.at_line(line, message),
            }
        }
    }
    finish(state, b, diags);
}

/// What every row is read with.
struct State<'r> {
    root: &'r Path,
    groups: Vec<Group>,
    /// A grouped document's id → its place in `groups`.
    by_id: HashMap<String, usize>,
    /// A clash's message → where it was reported, and how many more rows gave it.
    clashes: HashMap<String, (usize, usize)>,
}

/// The message for a name that would take another entity's id.
fn clash_message(kind: &str, name: &str, clash: Clash) -> String {
    match clash {
        Clash::Id {
            id,
            name: other,
            origin,
        }
        | Clash::Name {
            id,
            name: other,
            origin,
        } => format!(
            "{kind} {} would get the id {id:?}, which is already {kind} {} ({origin}): they are different names, so they are not merged. If they are one {kind}, spell them alike or list one as an alias of the other in entities.toml; if not, give this one an id of its own there",
            show(name.trim()),
            show(&other)
        ),
    }
}

/// The problems of a row that do not depend on the rows before it.
fn row_problems(row: &Row, b: &Builder, date: &DateClaim, problems: &mut Vec<String>) {
    // A malformed date is reported once, not again as an id that does not match it.
    if row.date.is_none() || date.date.is_some() {
        if let Some(msg) = check_statement_id(&row.id, date) {
            problems.push(msg);
        }
    } else if !is_valid_id(&row.id) {
        problems.push(format!("invalid id {}", show(&row.id)));
    }
    if row.document.is_none() && row.title.is_none() {
        problems.push("empty title (a row without a document gives its own title)".into());
    }
    if row.speaker.trim().is_empty() {
        problems.push("empty speaker".into());
    }
    for t in &row.topics {
        if !b.entities.topics.contains_key(t) {
            problems.push(format!("unknown topic {} (not in entities.toml)", show(t)));
        }
    }
    if let Some(problem) = row.url.as_deref().and_then(super::url_problem) {
        problems.push(problem);
    }
    if let Some(lang) = &row.language {
        if !is_language_tag(lang) {
            problems.push(format!(
                "language {} is not a BCP 47 tag such as \"en\", \"zh\" or \"zh-Hans\"",
                show(lang)
            ));
        }
    }
}

/// The row's passages as text joined by blank lines, and their spans in it.
fn passages_of(row: &Row, problems: &mut Vec<String>) -> (String, Vec<Passage>) {
    let mut raw = String::new();
    let mut passages = Vec::new();
    for p in &row.passages {
        let Some(kind) = PassageKind::parse(&p.kind) else {
            problems.push(format!(
                "unknown passage kind {} (use quote, reported, narration or question)",
                show(&p.kind)
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
        problems.push(format!(
            "empty statement {}: it has no passages",
            show(&row.id)
        ));
    }
    (raw, passages)
}

/// Takes a document field from a row: kept when the document has none yet (then
/// `true`), an error when it differs from the one an earlier row gave.
fn take(
    field: &mut Option<Given>,
    what: &str,
    doc: &str,
    value: Option<&str>,
    at: &str,
    problems: &mut Vec<String>,
) -> bool {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return false;
    };
    match field {
        Some(given) if given.value != value => problems.push(format!(
            "document {} has {what} {} (from {}); this row says {}",
            show(doc),
            show(&given.value),
            given.at,
            show(value)
        )),
        Some(_) => {}
        None => {
            *field = Some(Given {
                value: value.to_owned(),
                at: at.to_owned(),
            });
            return true;
        }
    }
    false
}

fn entity(table: &mut Table, kind: &str, name: &str, at: &str) -> Result<String, String> {
    table
        .named(name, || at.to_owned())
        .map_err(|clash| clash_message(kind, name, clash))
}

fn add_row(
    row: Row,
    rel: &str,
    line: usize,
    st: &mut State,
    rep: &mut FileReport,
    b: &mut Builder,
) {
    let at = format!("{rel}:{line}");
    let mut problems = Vec::new();
    // Names that would take another's id: said once per name, however many rows give it.
    let mut clashes = Vec::new();
    let date = parse_date_claim(
        row.date.as_deref(),
        &row.date_inferred,
        None,
        row.date_reason.as_deref(),
        &mut problems,
    );
    if let Some(p) = &row.published {
        parse_date_claim(Some(p), &[], None, None, &mut problems);
    }
    row_problems(&row, b, &date, &mut problems);
    let doc_id = row.document.as_deref().map(str::trim);
    if let Some(d) = doc_id {
        if !is_valid_id(d) {
            problems.push(format!("invalid document id {}", show(d)));
        }
    }
    let (raw, mut passages) = passages_of(&row, &mut problems);
    let mut headline = None;
    if let Some(h) = &row.headline {
        match super::headline_span(&raw, &passages, h) {
            Ok(span) => headline = Some(span),
            Err(e) => problems.push(e),
        }
    }
    // The document: one met before, or a new one.
    let existing = doc_id.and_then(|d| st.by_id.get(d).copied());
    if problems.is_empty() {
        let path = rep.path.clone();
        if let Some(msg) = Builder::claim_id(&mut b.statement_ids, st.root, &row.id, &path, line) {
            problems.push(msg);
        } else if existing.is_none() {
            let id = doc_id.unwrap_or(&row.id);
            if let Some(msg) = Builder::claim_id(&mut b.doc_ids, st.root, id, &path, line) {
                problems.push(format!("{msg} (as a document)"));
            }
        }
    }
    let group = existing.unwrap_or(st.groups.len());
    if existing.is_none() && problems.is_empty() {
        st.groups.push(Group {
            index: b.documents.len(),
            id: doc_id.unwrap_or(&row.id).to_owned(),
            first: (rep.path.clone(), line),
            title: None,
            published: None,
            outlet: None,
            outlet_id: None,
            language: None,
            url: None,
            raw: String::new(),
        });
        b.documents.push((Document::bare("", ""), None));
        if let Some(d) = doc_id {
            st.by_id.insert(d.to_owned(), group);
        }
    }
    if let Some(g) = st.groups.get_mut(group) {
        let (id, p) = (g.id.clone(), &mut problems);
        take(&mut g.title, "title", &id, row.title.as_deref(), &at, p);
        take(
            &mut g.published,
            "published date",
            &id,
            row.published.as_deref(),
            &at,
            p,
        );
        take(
            &mut g.language,
            "language",
            &id,
            row.language.as_deref(),
            &at,
            p,
        );
        take(&mut g.url, "url", &id, row.url.as_deref(), &at, p);
        if take(&mut g.outlet, "outlet", &id, row.outlet.as_deref(), &at, p) {
            let name = row.outlet.as_deref().unwrap_or_default();
            match entity(&mut b.entities.outlets, "outlet", name, &at) {
                Ok(o) => g.outlet_id = Some(o),
                Err(message) => clashes.push(message),
            }
        }
    }
    let speaker = entity(&mut b.entities.speakers, "speaker", &row.speaker, &at);
    let venue = row
        .venue
        .as_deref()
        .map(|v| entity(&mut b.entities.venues, "venue", v, &at))
        .transpose();
    let (speaker, venue) = match (speaker, venue) {
        (Ok(s), Ok(v)) if problems.is_empty() && clashes.is_empty() => (s, v),
        (s, v) => {
            clashes.extend(s.err());
            clashes.extend(v.err());
            for p in problems {
                rep.at_line(line, p);
            }
            for message in clashes {
                match st.clashes.get_mut(&message) {
                    Some((_, more)) => *more += 1,
                    None => {
                        st.clashes.insert(message.clone(), (rep.out.len(), 0));
                        rep.at_line(line, message);
                    }
                }
            }
            return;
        }
    };
    // Its passages follow the document's text so far.
    let g = &mut st.groups[group];
    if !g.raw.is_empty() {
        g.raw.push_str("\n\n");
    }
    let offset = g.raw.len() as u32;
    g.raw.push_str(&raw);
    for p in &mut passages {
        p.span.start += offset;
        p.span.end += offset;
    }
    if let Some(h) = &mut headline {
        h.start += offset;
        h.end += offset;
    }
    b.statements.push(PendingStatement {
        id: row.id,
        document: g.index,
        speaker,
        role: row.role,
        venue,
        venue_evidence: None,
        topics: row.topics,
        date,
        passages,
        headline,
    });
}

/// Writes each document from what its rows gave, once every file is read.
fn finish(st: State, b: &mut Builder, diags: &mut Vec<Diagnostic>) {
    for (at, more) in st.clashes.into_values() {
        if more > 0 {
            let rows = if more == 1 { "row gives" } else { "rows give" };
            diags[at]
                .message
                .push_str(&format!(" ({more} more {rows} this name)"));
        }
    }
    for g in st.groups {
        let Some(title) = g.title else {
            diags.push(Diagnostic {
                file: g.first.0,
                line: g.first.1,
                message: format!(
                    "document {} has no title: give it in one of its rows",
                    show(&g.id)
                ),
            });
            continue;
        };
        let source = {
            let rel = g.first.0.strip_prefix(st.root).unwrap_or(&g.first.0);
            format!("{}:{}", rel.to_string_lossy().replace('\\', "/"), g.first.1)
        };
        let outlet = g.outlet_id;
        let published = match &g.published {
            Some(p) => parse_date_claim(Some(&p.value), &[], None, None, &mut Vec::new()),
            None => DateClaim::unknown(),
        };
        let basis = if outlet.is_some() {
            Basis::Imported {
                source: source.clone().into(),
            }
        } else {
            Basis::Unknown
        };
        b.documents[g.index] = (
            Document {
                id: g.id.into(),
                title: title.value.into(),
                language: g.language.map_or_else(|| "en".into(), |l| l.value).into(),
                outlet: OutletClaim {
                    outlet: None,
                    basis,
                },
                dateline: None,
                published,
                source_file: source.into(),
                url: g.url.map(|u| u.value.into()),
                raw: g.raw.into(),
                removed: Vec::new(),
            },
            outlet,
        );
    }
}
