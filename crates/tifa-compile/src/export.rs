//! A compiled corpus written back in the import format: `entities.toml` and one JSON
//! Lines row per statement, so that importing them gives the same corpus again (the
//! round-trip test in `tests/import_integrity.rs` holds it).
//!
//! Rows are written document by document (in corpus order), a document's statements in
//! the order of their text, each naming its document; the first row of a document
//! gives its title, outlet, published date, language and URL. What rows cannot hold
//! is not written: an annotated document's text outside its statements' passages
//! (removed text, its cleaning), the evidence behind a date or an outlet, and the
//! place a headline was found (rows give it by its words).

use serde_json::{json, Map, Value};
use std::fmt::Write as _;
use std::io::{self, Write};
use tifa_model::{Corpus, DateClaim, Entity};

/// `entities.toml` for the rows of [`write_rows`]: every entity with its id and name.
pub fn entities_toml(corpus: &Corpus) -> String {
    let mut out = String::from("# Written by `tifa export --rows`.\n");
    for (kind, table) in [
        ("speaker", &corpus.speakers),
        ("venue", &corpus.venues),
        ("outlet", &corpus.outlets),
        ("topic", &corpus.topics),
    ] {
        for e in table.iter() {
            let _ = write!(
                out,
                "\n[[{kind}]]\nid = {}\nname = {}\n",
                toml_string(&e.id),
                toml_string(&e.name)
            );
        }
    }
    out
}

fn toml_string(s: &str) -> String {
    // A TOML basic string has JSON's escapes for what JSON escapes.
    serde_json::to_string(s).expect("a string serialises")
}

fn date_fields(row: &mut Map<String, Value>, d: &DateClaim) {
    if let Some(date) = d.date {
        row.insert("date".into(), json!(date.to_string()));
    }
    let parts: Vec<&str> = [
        (d.inferred.year, "year"),
        (d.inferred.month, "month"),
        (d.inferred.day, "day"),
    ]
    .into_iter()
    .filter_map(|(on, part)| on.then_some(part))
    .collect();
    if !parts.is_empty() {
        row.insert("date_inferred".into(), json!(parts));
    }
    if let Some(r) = &d.reason {
        row.insert("date_reason".into(), json!(r.as_ref()));
    }
}

fn name<'c>(table: &'c [Entity], i: u32) -> &'c str {
    table.get(i as usize).map_or("", |e| e.name.as_ref())
}

/// Every statement as an import row, one JSON object a line (see the module docs).
pub fn write_rows(corpus: &Corpus, mut out: impl Write) -> io::Result<()> {
    let mut by_document: Vec<Vec<u32>> = vec![Vec::new(); corpus.documents.len()];
    for (s, st) in corpus.statements.iter().enumerate() {
        if let Some(list) = by_document.get_mut(st.document as usize) {
            list.push(s as u32);
        }
    }
    for (doc, mut statements) in corpus.documents.iter().zip(by_document) {
        statements.sort_by_key(|&s| {
            let st = &corpus.statements[s as usize];
            st.passages.first().map_or(0, |p| p.span.start)
        });
        for (k, &s) in statements.iter().enumerate() {
            let st = &corpus.statements[s as usize];
            let mut row = Map::new();
            row.insert("id".into(), json!(st.id.as_ref()));
            row.insert("document".into(), json!(doc.id.as_ref()));
            if k == 0 {
                row.insert("title".into(), json!(doc.title.as_ref()));
                if let Some(o) = doc.outlet.outlet {
                    row.insert("outlet".into(), json!(name(&corpus.outlets, o)));
                }
                if let Some(p) = doc.published.date {
                    row.insert("published".into(), json!(p.to_string()));
                }
                row.insert("language".into(), json!(doc.language.as_ref()));
                if let Some(u) = &doc.url {
                    row.insert("url".into(), json!(u.as_ref()));
                }
            }
            if let Some(h) = st.headline {
                row.insert("headline".into(), json!(doc.text(h)));
            }
            date_fields(&mut row, &st.date);
            row.insert("speaker".into(), json!(name(&corpus.speakers, st.speaker)));
            if let Some(r) = &st.role {
                row.insert("role".into(), json!(r.as_ref()));
            }
            if let Some(v) = st.venue {
                row.insert("venue".into(), json!(name(&corpus.venues, v)));
            }
            let topics: Vec<&str> = st
                .topics
                .iter()
                .map(|&t| corpus.topics.get(t as usize).map_or("", |e| e.id.as_ref()))
                .collect();
            if !topics.is_empty() {
                row.insert("topics".into(), json!(topics));
            }
            let passages: Vec<Value> = st
                .passages
                .iter()
                .map(|p| json!({ "kind": p.kind.as_str(), "text": doc.text(p.span) }))
                .collect();
            row.insert("passages".into(), Value::Array(passages));
            serde_json::to_writer(&mut out, &Value::Object(row))?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()
}
