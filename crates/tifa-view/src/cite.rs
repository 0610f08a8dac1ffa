//! Citations of statements, as a scholar pastes them: who said it (role as stated),
//! when and where, the document that reports it (title, outlet, date) and its original
//! address, then the statement's stable link in Tifa — `?s=<id>&v=<corpus version>`,
//! never the search that led to it — and the date it was accessed. In plain text,
//! BibTeX, RIS and CSL-JSON; several statements at once for a selection of results.
//!
//! ```
//! use tifa_model::{Corpus, Document, Entity, Passage, PassageKind, Span, Statement};
//! use tifa_view::cite::{cite, Format, Site};
//! let mut c = Corpus::empty();
//! c.speakers = vec![Entity { id: "mao-ning".into(), name: "Mao Ning".into() }];
//! c.documents.push(Document::bare("d", "We oppose it."));
//! let quote = Passage { kind: PassageKind::Quote, span: Span { start: 0, end: 13 } };
//! c.statements.push(Statement::bare("2024-mao-ning-x", 0, vec![quote]));
//! let site = Site { base: "https://example.org/tifa/", version: "0123abcd4567", accessed: "2026-12-07" };
//! let text = cite(&c, &[0], &site, Format::Plain);
//! assert!(text.contains("Mao Ning, statement of date unknown."));
//! assert!(text.ends_with("https://example.org/tifa/?s=2024-mao-ning-x&v=0123abcd4567 (accessed 2026-12-07)."));
//! ```

use crate::url_state::{to_query, with_version, UrlState};
use tifa_model::{Corpus, PartialDate, Statement};

/// Where the citations point: the site's address (without a query), the corpus version
/// and the day of access (`YYYY-MM-DD`).
pub struct Site<'a> {
    pub base: &'a str,
    pub version: &'a str,
    pub accessed: &'a str,
}

/// A citation format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    BibTeX,
    Ris,
    CslJson,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Plain, Format::BibTeX, Format::Ris, Format::CslJson];

    /// Its name on a button.
    pub fn label(self) -> &'static str {
        match self {
            Format::Plain => "text",
            Format::BibTeX => "BibTeX",
            Format::Ris => "RIS",
            Format::CslJson => "CSL-JSON",
        }
    }
}

/// The statement's stable link in Tifa: its reader at this corpus version.
pub fn stable_link(site: &Site, s: &Statement) -> String {
    let link = format!(
        "{}{}",
        site.base,
        to_query(&UrlState::default().reading(&s.id))
    );
    with_version(&link, site.version)
}

/// What the citations of one statement are made of.
struct Parts {
    id: String,
    speaker: String,
    role: Option<String>,
    venue: Option<String>,
    date: Option<PartialDate>,
    date_label: String,
    title: String,
    headline: String,
    outlet: Option<String>,
    published: Option<PartialDate>,
    published_label: String,
    url: Option<String>,
    link: String,
}

fn parts(corpus: &Corpus, s: &Statement, site: &Site) -> Parts {
    let doc = corpus.document_of(s);
    Parts {
        id: s.id.to_string(),
        speaker: corpus.speaker_of(s).name.to_string(),
        role: s.role.as_deref().map(str::to_owned),
        venue: corpus.venue_of(s).map(|v| v.name.to_string()),
        date: s.date.date,
        date_label: s.date.label(),
        title: doc.title.to_string(),
        headline: crate::reader::headline(corpus, s),
        outlet: corpus.outlet_name(doc).map(str::to_owned),
        published: doc.published.date,
        published_label: doc.published.label(),
        url: doc.url.as_deref().map(str::to_owned),
        link: stable_link(site, s),
    }
}

/// The citations of `statements` (indices) in `format`: one a line (text), entries one
/// after another (BibTeX, RIS), or one JSON array (CSL-JSON).
pub fn cite(corpus: &Corpus, statements: &[u32], site: &Site, format: Format) -> String {
    let all: Vec<Parts> = statements
        .iter()
        .filter_map(|&i| corpus.statements.get(i as usize))
        .map(|s| parts(corpus, s, site))
        .collect();
    match format {
        Format::Plain => all
            .iter()
            .map(|p| plain(p, site))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::BibTeX => all
            .iter()
            .map(|p| bibtex(p, site))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Ris => all
            .iter()
            .map(|p| ris(p, site))
            .collect::<Vec<_>>()
            .join(""),
        Format::CslJson => {
            let items: Vec<String> = all.iter().map(|p| csl(p, site)).collect();
            format!("[\n{}\n]", items.join(",\n"))
        }
    }
}

fn plain(p: &Parts, site: &Site) -> String {
    let role = p
        .role
        .as_ref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let venue = p
        .venue
        .as_ref()
        .map(|v| format!(", {v}"))
        .unwrap_or_default();
    let outlet = p
        .outlet
        .as_ref()
        .map(|o| format!(", {o}"))
        .unwrap_or_default();
    let url = p.url.as_ref().map(|u| format!(" {u}.")).unwrap_or_default();
    format!(
        "{}{role}, statement of {}{venue}. In “{}”{outlet}, {}.{url} Tifa statement {}, corpus version {}: {} (accessed {}).",
        p.speaker, p.date_label, p.title, p.published_label, p.id, site.version, p.link, site.accessed
    )
}

/// The note of RIS and CSL-JSON: the role as stated, the date spoken, and the
/// statement in Tifa at this corpus version.
fn note(p: &Parts, site: &Site) -> String {
    format!(
        "{}Date spoken: {}. Tifa statement {}, corpus version {}: {}",
        p.role
            .as_ref()
            .map(|r| format!("Role: {r}. "))
            .unwrap_or_default(),
        p.date_label,
        p.id,
        site.version,
        p.link
    )
}

/// A BibTeX field value: braces balanced, the special characters escaped.
fn bib(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' | '}' | '\\' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn bibtex(p: &Parts, site: &Site) -> String {
    let key: String =
        p.id.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
    let mut fields = vec![
        format!("  author = {{{{{}}}}}", bib(&p.speaker)),
        format!("  title = {{{}}}", bib(&p.headline)),
        format!(
            "  howpublished = {{Statement{}{}, reported in “{}”{}}}",
            p.role
                .as_ref()
                .map(|r| format!(" ({})", bib(r)))
                .unwrap_or_default(),
            p.venue
                .as_ref()
                .map(|v| format!(", {}", bib(v)))
                .unwrap_or_default(),
            bib(&p.title),
            p.outlet
                .as_ref()
                .map(|o| format!(", {}", bib(o)))
                .unwrap_or_default(),
        ),
    ];
    if let Some(d) = p.date.or(p.published) {
        fields.push(format!("  year = {{{}}}", d.year));
        if let Some(m) = d.month {
            fields.push(format!("  month = {}", MONTHS[(m as usize - 1) % 12]));
        }
    }
    if let Some(u) = &p.url {
        // Read verbatim (biblatex, the url package): never escaped.
        fields.push(format!("  url = {{{}}}", u.replace(['{', '}'], "")));
    }
    fields.push(format!("  urldate = {{{}}}", site.accessed));
    fields.push(format!(
        "  note = {{Date spoken: {}. Tifa statement {}, corpus version {}: \\url{{{}}}}}",
        bib(&p.date_label),
        bib(&p.id),
        site.version,
        p.link
    ));
    format!("@misc{{tifa_{key},\n{}\n}}\n", fields.join(",\n"))
}

/// A date as RIS writes it: `YYYY/MM/DD/` with the parts it has.
fn ris_date(d: PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{:04}/{m:02}/{day:02}/", d.year),
        (Some(m), None) => format!("{:04}/{m:02}//", d.year),
        _ => format!("{:04}///", d.year),
    }
}

fn ris(p: &Parts, site: &Site) -> String {
    let line =
        |tag: &str, value: &str| format!("{tag}  - {}\r\n", value.replace(['\r', '\n'], " "));
    let mut out = line("TY", "GEN");
    out.push_str(&line("AU", &p.speaker));
    out.push_str(&line("TI", &p.headline));
    out.push_str(&line("T2", &p.title));
    if let Some(o) = &p.outlet {
        out.push_str(&line("PB", o));
    }
    if let Some(d) = p.date.or(p.published) {
        out.push_str(&line("PY", &d.year.to_string()));
        out.push_str(&line("DA", &ris_date(d)));
    }
    if let Some(v) = &p.venue {
        out.push_str(&line("CY", v));
    }
    if let Some(u) = &p.url {
        out.push_str(&line("UR", u));
    }
    out.push_str(&line("Y2", site.accessed));
    out.push_str(&line("N1", &note(p, site)));
    out.push_str(&line("ER", ""));
    out
}

/// A JSON string.
fn json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// CSL-JSON `date-parts` of a partial date.
fn date_parts(d: PartialDate) -> String {
    let mut parts = vec![d.year.to_string()];
    if let Some(m) = d.month {
        parts.push(m.to_string());
        if let Some(day) = d.day {
            parts.push(day.to_string());
        }
    }
    format!("{{\"date-parts\": [[{}]]}}", parts.join(", "))
}

fn csl(p: &Parts, site: &Site) -> String {
    let mut fields = vec![
        format!("\"id\": {}", json(&format!("tifa-{}", p.id))),
        "\"type\": \"speech\"".to_string(),
        format!("\"author\": [{{\"literal\": {}}}]", json(&p.speaker)),
        format!("\"title\": {}", json(&p.headline)),
        format!("\"container-title\": {}", json(&p.title)),
    ];
    if let Some(o) = &p.outlet {
        fields.push(format!("\"publisher\": {}", json(o)));
    }
    if let Some(v) = &p.venue {
        fields.push(format!("\"event-title\": {}", json(v)));
    }
    if let Some(d) = p.date.or(p.published) {
        fields.push(format!("\"issued\": {}", date_parts(d)));
    }
    if let Some(u) = &p.url {
        fields.push(format!("\"URL\": {}", json(u)));
    }
    if let Ok(d) = PartialDate::parse(site.accessed) {
        fields.push(format!("\"accessed\": {}", date_parts(d)));
    }
    fields.push(format!("\"note\": {}", json(&note(p, site))));
    format!("  {{{}}}", fields.join(", "))
}
