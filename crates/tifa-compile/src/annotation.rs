//! `documents/<id>.toml`: one raw text's provenance, cleaning and statements.
//!
//! Spans of the raw text are chosen by line, so an editor can read them off any
//! editor's line numbers, and narrowed by verbatim anchors within that line:
//!
//! ```toml
//! { lines = "3-12" }                        # whole lines 3 to 12
//! { line = 22, to = "Mao continued." }      # line 22 up to the end of that anchor
//! { line = 22, from = "China has made" }    # line 22 from that anchor on
//! { line = 6, text = "September 17, 2021" } # exactly that text, once in line 6
//! ```
//!
//! White space at either end of a span is not part of it.

use super::{
    check_statement_id, is_valid_id, list_files, parse_date_claim, read_utf8, sha256_hex, Builder,
    Diagnostic, FileReport, PendingStatement,
};
use serde::Deserialize;
use std::path::Path;
use tifa_model::{Basis, Document, OutletClaim, Passage, PassageKind, Removal, Span};
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Annotation {
    id: Spanned<String>,
    source: Spanned<String>,
    sha256: Spanned<String>,
    title: Spanned<String>,
    language: Spanned<String>,
    /// Where the document was found (`http://` or `https://`).
    url: Option<Spanned<String>>,
    dateline: Option<Spanned<String>>,
    outlet: Spanned<OutletAnn>,
    published: Spanned<DateAnn>,
    #[serde(default)]
    removed: Vec<Spanned<RemovedAnn>>,
    #[serde(default)]
    statement: Vec<Spanned<StatementAnn>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletAnn {
    id: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateAnn {
    date: Option<Spanned<String>>,
    #[serde(default)]
    inferred: Vec<String>,
    evidence: Option<Spanned<String>>,
    reason: Option<Spanned<String>>,
}

/// Where a span is: `line` or `lines`, optionally narrowed by `from`/`to` or `text`.
struct Where {
    line: Option<usize>,
    lines: Option<String>,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemovedAnn {
    line: Option<usize>,
    lines: Option<String>,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PassageAnn {
    line: Option<usize>,
    lines: Option<String>,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
    kind: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatementAnn {
    id: Spanned<String>,
    speaker: Spanned<String>,
    role: Option<Spanned<String>>,
    venue: Option<Spanned<String>>,
    venue_evidence: Option<Spanned<String>>,
    topics: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    passages: Vec<Spanned<PassageAnn>>,
    date: Spanned<DateAnn>,
    headline: Option<Spanned<String>>,
}

/// Byte ranges of each line of a text, without the line break.
struct Lines(Vec<(usize, usize)>);

impl Lines {
    fn of(text: &str) -> Self {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                let end = if i > start && text.as_bytes()[i - 1] == b'\r' {
                    i - 1
                } else {
                    i
                };
                out.push((start, end));
                start = i + 1;
            }
        }
        if start < text.len() {
            out.push((start, text.len()));
        }
        Lines(out)
    }
}

/// Resolves a span selector against the raw text.
fn resolve(w: &Where, raw: &str, lines: &Lines) -> Result<Span, String> {
    let n = lines.0.len();
    let (first, last) = match (w.line, &w.lines) {
        (Some(l), None) => (l, l),
        (None, Some(range)) => {
            let parse = |s: &str| s.trim().parse::<usize>().ok();
            match range.split_once('-') {
                None => match parse(range) {
                    Some(l) => (l, l),
                    None => {
                        return Err(format!(
                            "malformed `lines` {range:?} (use \"3\" or \"3-12\")"
                        ))
                    }
                },
                Some((a, b)) => match (parse(a), parse(b)) {
                    (Some(a), Some(b)) if a <= b => (a, b),
                    _ => {
                        return Err(format!(
                            "malformed `lines` {range:?} (use \"3\" or \"3-12\")"
                        ))
                    }
                },
            }
        }
        _ => return Err("give exactly one of `line` or `lines`".into()),
    };
    if first == 0 || last > n {
        return Err(format!(
            "span is outside the text: line {} but the text has {n} lines",
            if first == 0 { 0 } else { last }
        ));
    }
    let (mut start, mut end) = (lines.0[first - 1].0, lines.0[last - 1].1);
    let narrowing = w.from.is_some() || w.to.is_some() || w.text.is_some();
    if narrowing && first != last {
        return Err("`from`, `to` and `text` narrow a single `line`".into());
    }
    if let Some(text) = &w.text {
        if w.from.is_some() || w.to.is_some() {
            return Err("give `text`, or `from`/`to`, not both".into());
        }
        let hay = &raw[start..end];
        let mut hits = hay.match_indices(text.as_str());
        match (hits.next(), hits.next()) {
            (Some((at, _)), None) => {
                start += at;
                end = start + text.len();
            }
            (None, _) => return Err(format!("text {text:?} does not match line {first}")),
            (Some(_), Some(_)) => {
                return Err(format!(
                    "text {text:?} occurs more than once in line {first}"
                ))
            }
        }
    }
    if let Some(from) = &w.from {
        match raw[start..end].find(from.as_str()) {
            Some(at) => start += at,
            None => {
                return Err(format!(
                    "`from` anchor {from:?} does not match line {first}"
                ))
            }
        }
    }
    if let Some(to) = &w.to {
        match raw[start..end].find(to.as_str()) {
            Some(at) => end = start + at + to.len(),
            None => return Err(format!("`to` anchor {to:?} does not match line {first}")),
        }
    }
    let piece = &raw[start..end];
    let trimmed_start = piece.len() - piece.trim_start().len();
    let trimmed_end = piece.len() - piece.trim_end().len();
    if piece.trim().is_empty() {
        return Err(format!("span at line {first} is empty (only white space)"));
    }
    Ok(Span {
        start: (start + trimmed_start) as u32,
        end: (end - trimmed_end) as u32,
    })
}

/// Reads every annotation in `documents/` and checks each raw text in `sources/`
/// is annotated exactly once.
pub(super) fn read_all(root: &Path, b: &mut Builder, diags: &mut Vec<Diagnostic>) {
    let sources = list_files(&root.join("sources"), "txt", diags);
    let annotations = list_files(&root.join("documents"), "toml", diags);
    let mut used_sources = std::collections::BTreeMap::new();

    for path in annotations {
        let Some(text) = read_utf8(&path, diags) else {
            continue;
        };
        let mut rep = FileReport {
            path: path.clone(),
            text,
            out: diags,
        };
        let Some(ann) = rep.parse_toml::<Annotation>("annotation") else {
            // Still count its source as annotated, so one typo is one error.
            if let Some(source) = lenient_source(&rep.text) {
                used_sources.insert(source, path.clone());
            }
            continue;
        };
        let source = ann.source.get_ref().clone();
        if let Some(first) = used_sources.insert(source.clone(), path.clone()) {
            rep.at(
                ann.source.span().start,
                format!(
                    "source {source:?} is already annotated by {}",
                    first.strip_prefix(root).unwrap_or(&first).display()
                ),
            );
            continue;
        }
        check(&ann, root, &mut rep, b);
    }

    for source in sources {
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !used_sources.contains_key(&name) {
            diags.push(Diagnostic {
                file: source,
                line: 1,
                message: "raw text is not referenced by any annotation in documents/".into(),
            });
        }
    }
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

/// Checks that a verbatim span occurs in the raw text.
fn check_evidence(rep: &mut FileReport, raw: &str, source: &str, what: &str, ev: &Spanned<String>) {
    if ev.get_ref().trim().is_empty() {
        rep.at(ev.span().start, format!("{what} must not be empty"));
    } else if !raw.contains(ev.get_ref().as_str()) {
        rep.at(
            ev.span().start,
            format!(
                "{what} {:?} is not a verbatim span of {source}",
                ev.get_ref()
            ),
        );
    }
}

fn check_date(
    d: &Spanned<DateAnn>,
    raw: &str,
    source: &str,
    rep: &mut FileReport,
) -> tifa_model::DateClaim<'static> {
    let a = d.get_ref();
    let mut problems = Vec::new();
    let claim = parse_date_claim(
        a.date.as_ref().map(|s| s.get_ref().as_str()),
        &a.inferred,
        a.evidence.as_ref().map(|s| s.get_ref().as_str()),
        a.reason.as_ref().map(|s| s.get_ref().as_str()),
        &mut problems,
    );
    let at = a.date.as_ref().map_or(d.span().start, |s| s.span().start);
    for p in problems {
        rep.at(at, p);
    }
    if let Some(ev) = &a.evidence {
        check_evidence(rep, raw, source, "evidence", ev);
    }
    claim
}

fn check(ann: &Annotation, root: &Path, rep: &mut FileReport, b: &mut Builder) {
    let errors_before = rep.out.len();

    // id: syntax and uniqueness
    let id = ann.id.get_ref();
    if !is_valid_id(id) {
        rep.at(
            ann.id.span().start,
            format!("id {id:?} must be lower-case letters, digits and inner hyphens (at most 120)"),
        );
    } else {
        let line = super::line_of(&rep.text, ann.id.span().start);
        if let Some(msg) = Builder::claim_id(&mut b.doc_ids, root, id, &rep.path, line) {
            rep.at(ann.id.span().start, msg);
        }
    }

    // source and checksum
    let source = ann.source.get_ref();
    if source.contains('/') || source.contains('\\') || source.starts_with('.') {
        rep.at(
            ann.source.span().start,
            format!("source {source:?} must be a plain file name inside sources/"),
        );
        return;
    }
    let source_path = root.join("sources").join(source);
    if !source_path.is_file() {
        rep.at(
            ann.source.span().start,
            format!("source {source:?} does not exist in sources/"),
        );
        return;
    }
    let Some(raw) = read_utf8(&source_path, rep.out) else {
        return;
    };
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

    // title, language, dateline
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
    if !super::is_language_tag(lang) {
        rep.at(
            ann.language.span().start,
            format!("language {lang:?} is not a BCP 47 tag such as \"en\" or \"zh-Hans\""),
        );
    }
    if let Some(dl) = &ann.dateline {
        check_evidence(rep, &raw, source, "dateline", dl);
    }
    if let Some(u) = &ann.url {
        if let Some(problem) = super::url_problem(u.get_ref()) {
            rep.at(u.span().start, problem);
        }
    }

    let (basis, outlet_id) = check_outlet(ann, &raw, source, rep, b);
    let published = check_date(&ann.published, &raw, source, rep);

    let lines = Lines::of(&raw);
    let removed = check_removals(ann, &raw, &lines, rep);

    // statements
    let doc_index = b.documents.len();
    let mut taken: Vec<(Span, String)> = Vec::new();
    let mut pending = Vec::new();
    for st in &ann.statement {
        if let Some(p) =
            check_statement(st, &raw, source, &lines, &removed, &mut taken, root, rep, b)
        {
            pending.push(PendingStatement {
                document: doc_index,
                ..p
            });
        }
    }

    if rep.out.len() > errors_before {
        return;
    }
    b.statements.extend(pending);
    b.documents.push((
        Document {
            id: id.clone().into(),
            title: title.clone().into(),
            language: lang.clone().into(),
            outlet: OutletClaim {
                outlet: None,
                basis,
            },
            dateline: ann.dateline.as_ref().map(|d| d.get_ref().clone().into()),
            published,
            source_file: source.clone().into(),
            url: ann
                .url
                .as_ref()
                .map(|u| u.get_ref().trim().to_owned().into()),
            raw: raw.into(),
            removed,
        },
        outlet_id,
    ));
}

/// The document's outlet and how it is known (an id in entities.toml, with the
/// evidence in the text or the reason it is inferred), or unknown.
fn check_outlet(
    ann: &Annotation,
    raw: &str,
    source: &str,
    rep: &mut FileReport,
    b: &Builder,
) -> (Basis<'static>, Option<String>) {
    let o = ann.outlet.get_ref();
    let mut outlet_id = None;
    let basis = match (&o.id, &o.evidence, &o.reason) {
        (None, None, None) => Basis::Unknown,
        (None, _, _) => {
            rep.at(
                ann.outlet.span().start,
                "outlet has evidence or a reason but no id: drop them to mark it unknown",
            );
            Basis::Unknown
        }
        (Some(oid), ev, reason) => {
            match b.entities.outlets.get(oid.get_ref()) {
                None => rep.at(
                    oid.span().start,
                    format!("unknown outlet {:?} (not in entities.toml)", oid.get_ref()),
                ),
                Some(_) => outlet_id = Some(oid.get_ref().clone()),
            }
            match (ev, reason) {
                (Some(ev), None) => {
                    check_evidence(rep, raw, source, "evidence", ev);
                    Basis::Stated {
                        evidence: ev.get_ref().clone().into(),
                    }
                }
                (None, Some(r)) => Basis::Inferred {
                    reason: r.get_ref().clone().into(),
                },
                _ => {
                    rep.at(
                        oid.span().start,
                        "outlet needs exactly one of `evidence` (stated) or `reason` (inferred)",
                    );
                    Basis::Unknown
                }
            }
        }
    };

    (basis, outlet_id)
}

/// The cleaning steps: each removal resolved in the raw text, with its reason, none
/// overlapping another; by position.
fn check_removals(
    ann: &Annotation,
    raw: &str,
    lines: &Lines,
    rep: &mut FileReport,
) -> Vec<Removal<'static>> {
    let mut removed: Vec<Removal<'static>> = Vec::new();
    for r in &ann.removed {
        let a = r.get_ref();
        let w = Where {
            line: a.line,
            lines: a.lines.clone(),
            from: a.from.clone(),
            to: a.to.clone(),
            text: a.text.clone(),
        };
        if a.reason.trim().is_empty() {
            rep.at(r.span().start, "a removal needs a `reason`");
        }
        match resolve(&w, raw, lines) {
            Err(e) => rep.at(r.span().start, format!("removed: {e}")),
            Ok(span) => {
                if let Some(other) = removed.iter().find(|o| o.span.overlaps(span)) {
                    rep.at(
                        r.span().start,
                        format!("removed span overlaps another removal ({:?})", other.reason),
                    );
                } else {
                    removed.push(Removal {
                        span,
                        reason: a.reason.clone().into(),
                    });
                }
            }
        }
    }
    removed.sort_by_key(|r| r.span);

    removed
}

#[allow(clippy::too_many_arguments)]
fn check_statement(
    st: &Spanned<StatementAnn>,
    raw: &str,
    source: &str,
    lines: &Lines,
    removed: &[Removal],
    taken: &mut Vec<(Span, String)>,
    root: &Path,
    rep: &mut FileReport,
    b: &mut Builder,
) -> Option<PendingStatement> {
    let before = rep.out.len();
    let a = st.get_ref();
    let id = a.id.get_ref();
    let date = check_date(&a.date, raw, source, rep);
    let date_malformed = a.date.get_ref().date.is_some() && date.date.is_none();
    if date_malformed {
        // Reported once, at the date.
    } else if let Some(msg) = check_statement_id(id, &date) {
        rep.at(a.id.span().start, msg);
    } else {
        let line = super::line_of(&rep.text, a.id.span().start);
        if let Some(msg) = Builder::claim_id(&mut b.statement_ids, root, id, &rep.path, line) {
            rep.at(a.id.span().start, msg);
        }
    }
    if !b.entities.speakers.contains_key(a.speaker.get_ref()) {
        rep.at(
            a.speaker.span().start,
            format!(
                "unknown speaker {:?} (not in entities.toml)",
                a.speaker.get_ref()
            ),
        );
    }
    if let Some(v) = &a.venue {
        if !b.entities.venues.contains_key(v.get_ref()) {
            rep.at(
                v.span().start,
                format!("unknown venue {:?} (not in entities.toml)", v.get_ref()),
            );
        }
    }
    let topics: &[String] = a.topics.as_ref().map_or(&[], |t| t.get_ref());
    let topics_at = a
        .topics
        .as_ref()
        .map_or(st.span().start, |t| t.span().start);
    for t in topics {
        if !b.entities.topics.contains_key(t) {
            rep.at(
                topics_at,
                format!("unknown topic {t:?} (not in entities.toml)"),
            );
        }
    }
    // A statement's evidence must stand in the text that was kept, not in removed parts
    // (an unrelated appended article may well mention a "Foreign Minister").
    for (what, ev) in [
        ("role", &a.role),
        ("venue evidence", &a.venue_evidence),
        ("date evidence", &a.date.get_ref().evidence),
    ] {
        let Some(ev) = ev else { continue };
        let needle = ev.get_ref().as_str();
        let kept = raw.match_indices(needle).any(|(at, _)| {
            let span = Span {
                start: at as u32,
                end: (at + needle.len()) as u32,
            };
            removed.iter().all(|r| !r.span.overlaps(span))
        });
        if !needle.trim().is_empty() && raw.contains(needle) && !kept {
            rep.at(
                ev.span().start,
                format!("{what} {needle:?} occurs in {source} only inside removed text"),
            );
        } else if what != "date evidence" {
            check_evidence(rep, raw, source, what, ev);
        }
    }
    if a.passages.is_empty() {
        rep.at(
            a.id.span().start,
            format!("empty statement {id:?}: it has no passages"),
        );
    }
    let mut passages = Vec::new();
    for p in &a.passages {
        let pa = p.get_ref();
        let Some(kind) = PassageKind::parse(&pa.kind) else {
            rep.at(
                p.span().start,
                format!(
                    "unknown passage kind {:?} (use quote, reported, narration or question)",
                    pa.kind
                ),
            );
            continue;
        };
        let w = Where {
            line: pa.line,
            lines: pa.lines.clone(),
            from: pa.from.clone(),
            to: pa.to.clone(),
            text: pa.text.clone(),
        };
        let span = match resolve(&w, raw, lines) {
            Ok(s) => s,
            Err(e) => {
                rep.at(p.span().start, format!("passage: {e}"));
                continue;
            }
        };
        if let Some(r) = removed.iter().find(|r| r.span.overlaps(span)) {
            rep.at(
                p.span().start,
                format!("passage overlaps removed text ({:?})", r.reason),
            );
            continue;
        }
        if let Some((_, owner)) = taken.iter().find(|(s, _)| s.overlaps(span)) {
            rep.at(
                p.span().start,
                format!("passage overlaps a passage of statement {owner:?}"),
            );
            continue;
        }
        taken.push((span, id.clone()));
        passages.push(Passage { kind, span });
    }
    passages.sort_by_key(|p| p.span);
    // (Checked once the passages are known good: an empty statement has no words yet.)
    let passages_ok = rep.out.len() == before;
    let headline = a.headline.as_ref().filter(|_| passages_ok).and_then(|h| {
        match super::headline_span(raw, &passages, h.get_ref()) {
            Ok(span) => Some(span),
            Err(e) => {
                rep.at(h.span().start, e);
                None
            }
        }
    });
    if rep.out.len() > before {
        return None;
    }
    Some(PendingStatement {
        id: id.clone(),
        document: 0,
        speaker: a.speaker.get_ref().clone(),
        role: a.role.as_ref().map(|r| r.get_ref().clone()),
        venue: a.venue.as_ref().map(|v| v.get_ref().clone()),
        venue_evidence: a.venue_evidence.as_ref().map(|v| v.get_ref().clone()),
        topics: topics.to_vec(),
        date,
        passages,
        headline,
    })
}
