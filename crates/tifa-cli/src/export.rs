//! JSON Lines export: one statement per line with its document's provenance.
//! The schema is documented in docs/corpus-format.md, "Export".

use serde_json::{json, Value};
use std::io::{self, Write};
use tifa_model::{Basis, Corpus, DateClaim, Entity};

fn entity(e: &Entity) -> Value {
    json!({ "id": e.id.as_ref(), "name": e.name.as_ref() })
}

fn date(d: &DateClaim) -> Value {
    let mut inferred = Vec::new();
    for (on, part) in [
        (d.inferred.year, "year"),
        (d.inferred.month, "month"),
        (d.inferred.day, "day"),
    ] {
        if on {
            inferred.push(part);
        }
    }
    json!({
        "date": d.date.map(|d| d.to_string()),
        "certainty": if d.date.is_none() { "unknown" } else if inferred.is_empty() { "stated" } else { "inferred" },
        "inferred": inferred,
        "reason": d.reason.as_deref(),
        "evidence": d.evidence.as_deref(),
    })
}

fn basis(b: &Basis) -> Value {
    match b {
        Basis::Stated { evidence } => json!({ "basis": "stated", "evidence": evidence.as_ref() }),
        Basis::Inferred { reason } => json!({ "basis": "inferred", "reason": reason.as_ref() }),
        Basis::Unknown => json!({ "basis": "unknown" }),
        Basis::Imported { source } => json!({ "basis": "imported", "source": source.as_ref() }),
    }
}

/// Writes every statement, in corpus order, one JSON object per line.
pub fn write_jsonl(corpus: &Corpus, mut out: impl Write) -> io::Result<()> {
    for s in &corpus.statements {
        let doc = corpus.document_of(s);
        let mut outlet = basis(&doc.outlet.basis);
        outlet["outlet"] = doc
            .outlet
            .outlet
            .map_or(Value::Null, |i| entity(&corpus.outlets[i as usize]));
        let line = json!({
            "id": s.id.as_ref(),
            "speaker": entity(&corpus.speakers[s.speaker as usize]),
            "role": s.role.as_deref(),
            "venue": s.venue.map(|v| entity(&corpus.venues[v as usize])),
            "venue_evidence": s.venue_evidence.as_deref(),
            "topics": s.topics.iter().map(|&t| entity(&corpus.topics[t as usize])).collect::<Vec<_>>(),
            "date": date(&s.date),
            "passages": s.passages.iter().map(|p| json!({
                "kind": p.kind.as_str(),
                "start": p.span.start,
                "end": p.span.end,
                "text": doc.text(p.span),
            })).collect::<Vec<_>>(),
            "document": {
                "id": doc.id.as_ref(),
                "title": doc.title.as_ref(),
                "language": doc.language.as_ref(),
                "outlet": outlet,
                "dateline": doc.dateline.as_deref(),
                "published": date(&doc.published),
                "source_file": doc.source_file.as_ref(),
                "url": doc.url.as_deref(),
                "sha256": doc.sha256(),
                "removed": doc.removed.iter().map(|r| json!({
                    "start": r.span.start,
                    "end": r.span.end,
                    "reason": r.reason.as_ref(),
                    "text": doc.text(r.span),
                })).collect::<Vec<_>>(),
                "raw_text": doc.raw.as_ref(),
                "cleaned_text": doc.cleaned(),
            },
        });
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
