//! The JavaScript API's answers (docs/api.md): the same queries as the app's views,
//! each given as the query string of the view's link (`?q=rights&speaker=zhao-lijian`),
//! answered as plain data — decided here, natively tested; the app only turns them
//! into JavaScript objects (`serde-wasm-bindgen`).
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! use tifa_view::api;
//! let bundle = Bundle::new(Corpus::empty());
//! let found = api::search(&bundle, "?q=rights");
//! assert_eq!((found.total, found.hits.len()), (0, 0));
//! assert!(api::statement(&bundle, "nobody").is_none());
//! ```

use crate::formulations::list;
use crate::reader::{citation, headline};
use crate::search_page::SearchPage;
use crate::tracker::{track as track_numbers, Request};
use crate::url_state::{parse, to_query, UrlState};
use serde::Serialize;
use tifa_core::blob::Bundle;
use tifa_model::Kinds;
use tifa_model::{Corpus, DateClaim, Statement};

/// A date as the corpus knows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Date {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` when unknown.
    pub value: Option<String>,
    /// As the app says it: `24 June 2020 (year inferred)`.
    pub label: String,
    /// The parts inferred (`year`, `month`, `day`), and why.
    pub inferred: Vec<&'static str>,
    pub reason: Option<String>,
}

impl Date {
    fn of(d: &DateClaim) -> Date {
        let parts = [
            (d.inferred.year, "year"),
            (d.inferred.month, "month"),
            (d.inferred.day, "day"),
        ];
        Date {
            value: d.date.map(|x| x.to_string()),
            label: d.label(),
            inferred: parts.iter().filter(|p| p.0).map(|p| p.1).collect(),
            reason: d.reason.as_deref().map(str::to_string),
        }
    }
}

/// A speaker, occasion or topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// A statement as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub id: String,
    pub speaker: Named,
    pub venue: Option<Named>,
    pub date: Date,
    pub headline: String,
    pub document_title: String,
    /// The link of the statement in the reader, relative to the site (`?s=…`).
    pub link: String,
}

fn named(e: &tifa_model::Entity) -> Named {
    Named {
        id: e.id.to_string(),
        name: e.name.to_string(),
    }
}

fn brief(corpus: &Corpus, s: &Statement) -> Brief {
    Brief {
        id: s.id.to_string(),
        speaker: named(corpus.speaker_of(s)),
        venue: corpus.venue_of(s).map(named),
        date: Date::of(&s.date),
        headline: headline(corpus, s),
        document_title: corpus.document_of(s).title.to_string(),
        link: to_query(&UrlState::default().reading(&s.id)),
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub statement: Brief,
    /// The keyword-in-context snippet, and the matched words within it: [start, end)
    /// in UTF-16 code units, as JavaScript's `slice` counts.
    pub snippet: Option<String>,
    pub marks: Vec<(usize, usize)>,
}

/// A search's answer: the page of results the link asks for, and the counts by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Search {
    pub total: usize,
    pub page: u32,
    pub pages: u32,
    /// As the app says it.
    pub status: String,
    /// How the query was read, where not as written.
    pub notes: Vec<String>,
    /// What the link asks for that was ignored or replaced, as the app says it above
    /// the view (an unknown parameter or id, a date that does not exist, a value too
    /// long).
    pub notices: Vec<String>,
    pub hits: Vec<Hit>,
    /// (name, statements), most first, for speakers, occasions and topics; years newest
    /// first.
    pub speakers: Vec<(String, u32)>,
    pub venues: Vec<(String, u32)>,
    pub topics: Vec<(String, u32)>,
    pub years: Vec<(u16, u32)>,
}

/// What the app says above the view for a link: each parameter ignored or replaced, and
/// each id that names nothing.
pub fn notices(bundle: &Bundle, query: &str) -> Vec<String> {
    let parsed = parse(query);
    let mut out: Vec<String> = parsed.notices.iter().map(ToString::to_string).collect();
    out.extend(crate::resolve::resolve(bundle, &parsed).1);
    out
}

/// The search a link asks for (`q`, filters, `sort`, `page`), as the search view shows
/// it.
pub fn search(bundle: &Bundle, query: &str) -> Search {
    let corpus = &bundle.corpus;
    let state = parse(query).state;
    let page = SearchPage::of(bundle, &state);
    let names = |counts: &[(u32, u32)], table: &[tifa_model::Entity]| {
        counts
            .iter()
            .filter_map(|&(i, n)| Some((table.get(i as usize)?.name.to_string(), n)))
            .collect()
    };
    let hits = page
        .hits
        .iter()
        .map(|h| {
            let s = &corpus.statements[h.statement as usize];
            let doc = corpus.document_of(s);
            let (snippet, marks) = h.snippet.as_ref().map_or((None, Vec::new()), |sn| {
                let text = doc.text(sn.span);
                let base = sn.span.start as usize;
                let units = |byte: usize| {
                    text.get(..byte.saturating_sub(base))
                        .map_or(0, |t| t.encode_utf16().count())
                };
                let marks = sn
                    .highlights
                    .iter()
                    .map(|m| (units(m.start as usize), units(m.end as usize)))
                    .collect();
                (Some(text.to_string()), marks)
            });
            Hit {
                statement: brief(corpus, s),
                snippet,
                marks,
            }
        })
        .collect();
    Search {
        total: page.total,
        page: page.page.number,
        pages: page.page.last,
        status: page.status.clone(),
        notes: page.notes.clone(),
        notices: notices(bundle, query),
        hits,
        speakers: names(&page.facets.speakers, &corpus.speakers),
        venues: names(&page.facets.venues, &corpus.venues),
        topics: names(&page.facets.topics, &corpus.topics),
        years: page.facets.years.clone(),
    }
}

/// A passage of a statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassageText {
    pub kind: &'static str,
    pub text: String,
}

/// A statement with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Full {
    #[serde(flatten)]
    pub brief: Brief,
    pub role: Option<String>,
    pub topics: Vec<Named>,
    pub passages: Vec<PassageText>,
    /// The citation the reader copies (without the link).
    pub citation: String,
    pub document: DocumentInfo,
}

/// Where a statement comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentInfo {
    pub id: String,
    pub title: String,
    pub published: Date,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub source_file: String,
    pub sha256: String,
}

/// The statement with this id, with its passages and provenance.
pub fn statement(bundle: &Bundle, id: &str) -> Option<Full> {
    let corpus = &bundle.corpus;
    let s = bundle.statement(id)?;
    let doc = corpus.document_of(s);
    Some(Full {
        brief: brief(corpus, s),
        role: s.role.as_deref().map(str::to_string),
        topics: corpus.topics_of(s).map(named).collect(),
        passages: s
            .passages
            .iter()
            .map(|p| PassageText {
                kind: p.kind.as_str(),
                text: doc.text(p.span).to_string(),
            })
            .collect(),
        citation: citation(corpus, s),
        document: DocumentInfo {
            id: doc.id.to_string(),
            title: doc.title.to_string(),
            published: Date::of(&doc.published),
            outlet: corpus.outlet_name(doc).map(str::to_string),
            url: doc.url.as_deref().map(str::to_string),
            source_file: doc.source_file.to_string(),
            sha256: doc.sha256(),
        },
    })
}

/// One formulation's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub formulation: String,
    /// Statements that contain it, in all and per period.
    pub statements: u32,
    pub counts: Vec<u32>,
    /// Statements dated too coarsely for the unit, and undated.
    pub coarse: u32,
    pub undated: u32,
    /// Its first and latest use in this corpus, and whose words they are there.
    pub first: Option<Brief>,
    pub first_said_by: Option<String>,
    pub last: Option<Brief>,
    pub last_said_by: Option<String>,
    /// (whose words: a speaker, or an outlet's narration or a journalist's question
    /// when those are counted; statements), most first.
    pub speakers: Vec<(String, u32)>,
    pub notes: Vec<String>,
}

/// The tracker's numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Track {
    /// `year` or `month`.
    pub unit: &'static str,
    /// Each period's key (`2021`, `2021-03`) and its statements under the filters.
    pub periods: Vec<(String, u32)>,
    pub series: Vec<Series>,
    /// The fillings of the first `*`, as series.
    pub fillers: Vec<Series>,
    /// What the link asks for that was ignored or replaced ([`notices`]).
    pub notices: Vec<String>,
}

/// The tracker's numbers for a link (`?f=…&f=…`, filters, `kind`, `unit`).
pub fn track(bundle: &Bundle, query: &str) -> Track {
    let corpus = &bundle.corpus;
    let state = parse(query).state;
    let t = track_numbers(bundle, &Request::of(bundle, &state));
    let series = |s: &crate::tracker::Series| Series {
        formulation: s.formulation.clone(),
        statements: s.statements,
        counts: s.counts.clone(),
        coarse: s.coarse,
        undated: s.undated,
        first: s
            .first
            .map(|(i, _)| brief(corpus, &corpus.statements[i as usize])),
        first_said_by: s.first.map(|(_, v)| v.label(corpus)),
        last: s
            .last
            .map(|(i, _)| brief(corpus, &corpus.statements[i as usize])),
        last_said_by: s.last.map(|(_, v)| v.label(corpus)),
        speakers: s
            .speakers
            .iter()
            .map(|u| (u.voice.label(corpus), u.statements))
            .collect(),
        notes: s.notes.clone(),
    };
    Track {
        unit: match t.unit {
            crate::url_state::TimeUnit::Year => "year",
            crate::url_state::TimeUnit::Month => "month",
        },
        periods: t.periods.iter().map(|p| (p.key.clone(), p.total)).collect(),
        series: t.series.iter().map(series).collect(),
        fillers: t.fillers.iter().map(series).collect(),
        notices: notices(bundle, query),
    }
}

/// One recurring formulation under the filters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Formulation {
    /// As most often written.
    pub formulation: String,
    /// Written as a name or a title (listed after the formulations).
    pub name: bool,
    /// How formulaic: glue, 0 to 1; and the rank's score (glue × spread on a log scale).
    pub glue: f32,
    pub score: f64,
    pub statements: usize,
    /// Voices: speakers, and outlets or journalists when their passages are counted.
    pub speakers: usize,
    pub documents: usize,
    pub years: usize,
    pub spread: f64,
    /// Its first and latest use in this corpus, and whose words they are there.
    pub first: Brief,
    pub first_said_by: String,
    pub last: Brief,
    pub last_said_by: String,
    pub variants: Vec<String>,
}

/// Asked for what is mined before the bundle has its discoveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotLoaded;

impl std::fmt::Display for NotLoaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the discoveries (formulations, reuse) are not loaded yet: await tifa.discoveries first")
    }
}

/// The formulations list a link asks for (filters, `q`, `sort`, `page`).
pub fn formulations(bundle: &Bundle, query: &str) -> Result<(usize, Vec<Formulation>), NotLoaded> {
    let corpus = &bundle.corpus;
    let page = list(bundle, &parse(query).state).ok_or(NotLoaded)?;
    let rows = page
        .rows
        .into_iter()
        .map(|r| Formulation {
            first: brief(corpus, &corpus.statements[r.first.statement as usize]),
            first_said_by: r.first.voice.label(corpus),
            last: brief(corpus, &corpus.statements[r.last.statement as usize]),
            last_said_by: r.last.voice.label(corpus),
            formulation: r.phrase,
            name: r.name,
            glue: r.glue,
            score: r.score,
            statements: r.statements,
            speakers: r.speakers,
            documents: r.documents,
            years: r.years,
            spread: r.spread,
            variants: r.variants,
        })
        .collect();
    Ok((page.total, rows))
}

/// A passage of this statement found, word for word, in another statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reused {
    /// 1-based passage numbers, here and there.
    pub passage: u16,
    pub other: Brief,
    pub other_passage: u16,
    pub words: u32,
    /// The shared runs as written here, and there.
    pub here: Vec<String>,
    pub there: Vec<String>,
    /// The aligned comparison of the two.
    pub compare: String,
}

/// The passages of the statement with this id that also appear in other statements,
/// both passages of `kinds` (`None` for an unknown id).
pub fn reuse(bundle: &Bundle, id: &str, kinds: Kinds) -> Result<Option<Vec<Reused>>, NotLoaded> {
    let corpus = &bundle.corpus;
    let Some(at) = bundle.statement_index(id) else {
        return bundle.discoveries().map(|_| None).ok_or(NotLoaded);
    };
    let at = at as u32;
    let here_doc = corpus.document_of(&corpus.statements[at as usize]);
    let mut out = Vec::new();
    for (passage, list) in crate::reuse::of_statement(bundle, at, kinds).ok_or(NotLoaded)? {
        for x in list {
            let other = &corpus.statements[x.other as usize];
            let there_doc = corpus.document_of(other);
            out.push(Reused {
                passage: passage + 1,
                other: brief(corpus, other),
                other_passage: x.other_passage + 1,
                words: x.words,
                here: x
                    .here
                    .iter()
                    .map(|&s| here_doc.text(s).to_string())
                    .collect(),
                there: x
                    .there
                    .iter()
                    .map(|&s| there_doc.text(s).to_string())
                    .collect(),
                compare: to_query(&x.compare),
            });
        }
    }
    Ok(Some(out))
}

/// A keyword list (`crate::keywords::Keywords`: `target` and `reference` as
/// `{ statements, words }`, `compared`, `level`, `rows`, `notes`) with the links it
/// compared and what they asked for that was ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keywords {
    #[serde(flatten)]
    pub list: crate::keywords::Keywords,
    /// The target's link, canonical; the reference's (`None`: the rest of the corpus).
    pub target_query: String,
    pub reference_query: Option<String>,
    /// What either link asks for that was ignored or replaced ([`notices`]).
    pub notices: Vec<String>,
}

/// The keywords of the part `target` links to against the part `reference` links to
/// (`None`: the rest of the corpus), as `crate::keywords` computes them.
///
/// ```
/// use tifa_core::blob::Bundle;
/// use tifa_model::Corpus;
/// use tifa_view::{api, keywords::Settings};
/// let k = api::keywords(&Bundle::new(Corpus::empty()), "?speaker=a", None, &Settings::default());
/// assert!(k.list.rows.is_empty() && !k.list.notes.is_empty());
/// ```
pub fn keywords(
    bundle: &Bundle,
    target: &str,
    reference: Option<&str>,
    settings: &crate::keywords::Settings,
) -> Keywords {
    let t = parse(target).state;
    let r = reference.map(|q| parse(q).state);
    let mut list = crate::keywords::keywords(bundle, &t, r.as_ref(), settings);
    let mut all_notices = notices(bundle, target);
    all_notices.extend(reference.map(|q| notices(bundle, q)).unwrap_or_default());
    list.notes.retain(|n| !all_notices.contains(n));
    Keywords {
        list,
        target_query: to_query(&t),
        reference_query: r.as_ref().map(to_query),
        notices: all_notices,
    }
}

/// A collocate list (`crate::collocates::Collocates`: `node`, `node_frequency`,
/// `statements`, `words`, `left`, `right`, `rows`, `notes`) with the link it answers
/// and what the link asked for that was ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocates {
    #[serde(flatten)]
    pub list: crate::collocates::Collocates,
    /// The link, canonical.
    pub query: String,
    pub notices: Vec<String>,
}

/// The collocates of the word or exact phrase a link's `q` names, in the statements its
/// filters leave in (`crate::collocates`).
///
/// ```
/// use tifa_core::blob::Bundle;
/// use tifa_model::Corpus;
/// use tifa_view::{api, collocates::Settings};
/// let c = api::collocates(&Bundle::new(Corpus::empty()), "?q=rights", &Settings::default());
/// assert_eq!((c.list.node_frequency, c.list.rows.len()), (0, 0));
/// ```
pub fn collocates(
    bundle: &Bundle,
    query: &str,
    settings: &crate::collocates::Settings,
) -> Collocates {
    let state = parse(query).state;
    let notices = notices(bundle, query);
    let mut list = crate::collocates::collocates(bundle, &state, settings);
    list.notes.retain(|n| !notices.contains(n));
    Collocates {
        list,
        query: to_query(&state),
        notices,
    }
}

/// A cluster list (`crate::clusters::Clusters`: `statements`, `words`, `years`, `rows`
/// of `{ ngram, frequency, statements, speakers, years, dp }`, `notes`) with the link it
/// answers and what the link asked for that was ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clusters {
    #[serde(flatten)]
    pub list: crate::clusters::Clusters,
    pub query: String,
    pub notices: Vec<String>,
}

/// The clusters (n-grams) of the statements a link's filters leave in, or with its `q`,
/// the clusters holding it (`crate::clusters`).
///
/// ```
/// use tifa_core::blob::Bundle;
/// use tifa_model::Corpus;
/// use tifa_view::{api, clusters::Settings};
/// let c = api::clusters(&Bundle::new(Corpus::empty()), "?from=2020", &Settings::default());
/// assert!(c.list.rows.is_empty());
/// ```
pub fn clusters(bundle: &Bundle, query: &str, settings: &crate::clusters::Settings) -> Clusters {
    let state = parse(query).state;
    let notices = notices(bundle, query);
    let mut list = crate::clusters::clusters(bundle, &state, settings);
    list.notes.retain(|n| !notices.contains(n));
    Clusters {
        list,
        query: to_query(&state),
        notices,
    }
}

/// Where a link's `q` occurs (`crate::dispersion::Dispersion`: `total`, `statements`
/// of `{ statement, words, places }` with each statement's id, range, DP), with the link
/// and what it asked for that was ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dispersion {
    #[serde(flatten)]
    pub found: crate::dispersion::Dispersion,
    /// The statements' ids, in the order of `statements`.
    pub ids: Vec<String>,
    pub query: String,
    pub notices: Vec<String>,
}

/// The dispersion of a link's word or phrase in the statements its filters leave in.
///
/// ```
/// use tifa_core::blob::Bundle;
/// use tifa_model::Corpus;
/// use tifa_view::api;
/// let d = api::dispersion(&Bundle::new(Corpus::empty()), "?q=rights");
/// assert_eq!(d.found.total, 0);
/// ```
pub fn dispersion(bundle: &Bundle, query: &str) -> Dispersion {
    let state = parse(query).state;
    let notices = notices(bundle, query);
    let mut found = crate::dispersion::dispersion(bundle, &state);
    found.notes.retain(|n| !notices.contains(n));
    let ids = found
        .statements
        .iter()
        .map(|h| {
            bundle.corpus.statements[h.statement as usize]
                .id
                .to_string()
        })
        .collect();
    Dispersion {
        found,
        ids,
        query: to_query(&state),
        notices,
    }
}
