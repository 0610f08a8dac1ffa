//! The formulations view (`?view=formulations`): the recurring formulations the compiler
//! found, counted under the URL's filters (speaker, occasion, topic, dates, passage
//! kinds), narrowed to those holding the words of `q`, in the order asked for (`sort`:
//! formulaic by default, spread, count, first, recent), 50 a page; names and titles
//! after the formulations. Each row says how many statements, voices, documents and
//! years use it, its first and latest use in this corpus (credited to whose words they
//! are: [`Voice`]), its use per year (a sparkline), and its variants.
//!
//! ```
//! use tifa_model::Corpus;
//! use tifa_view::url_state::parse;
//! use tifa_view::formulations::list;
//! let bundle = tifa_compile::bundle(Corpus::empty());
//! let page = list(&bundle, &parse("?view=formulations").state).unwrap();
//! assert_eq!((page.total, page.rows.len()), (0, 0));
//! ```

use crate::paging::{page, Page};
use crate::scope::scope;
use crate::url_state::{Listing, UrlState, ViewKind, MAX_FORMULATIONS};
use tifa_core::blob::Bundle;
use tifa_core::discover::{score, spread, Recurring};
use tifa_core::search::filter::Filter;
use tifa_core::search::formulation::{find, Detail, Formulation};
use tifa_core::search::query::Query;
use tifa_core::search::text::tokens;
use tifa_model::voice::Voice;
use tifa_model::Kinds;
use tifa_model::{Corpus, Statement};

/// What the list says of itself, above it.
pub const LEDE: &str = "Wordings that recur across statements, found when the corpus was compiled: runs of three to twelve words (six or more characters in Chinese), word for word inside a sentence, in the speakers' own words (quotes and reported speech) of statements from at least two documents; never beginning or ending on a function word, never a fragment that always runs on, and a run inside a longer one in most of its statements is folded into it. Shown as most often written. Ranked by how formulaic they are — how much more often the words occur together than apart (glue) — times how widely they travel (speakers, years, documents, on a log scale); names and titles come after. Type in the search box to keep those with your words.";

/// The years the sparklines span, first and last (`None` when nothing is dated).
pub type Years = Option<(u16, u16)>;

/// Rows a page shows.
pub const PAGE_SIZE: usize = 50;

/// A use of a formulation: the statement, and whose words it is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    pub statement: u32,
    pub voice: Voice,
}

impl Use {
    /// "Zhao Lijian, June 2020", "Xinhua (narration), 23 March 2021".
    pub fn label(&self, corpus: &Corpus) -> String {
        let date = corpus
            .statements
            .get(self.statement as usize)
            .map_or_else(String::new, |s| s.date.label());
        format!("{}, {date}", self.voice.label(corpus))
    }
}

/// One formulation under the filters.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// As written (its most frequent form); the tracker reads it inside quotes.
    pub phrase: String,
    /// Written as a name or a title (listed after the formulations).
    pub name: bool,
    /// How formulaic it is ([`tifa_core::discover::glue`], 0 to 1).
    pub glue: f32,
    /// Statements, voices (speakers; outlets and journalists when their passages are
    /// counted), documents and years (dated statements) that use it.
    pub statements: usize,
    pub speakers: usize,
    pub documents: usize,
    pub years: usize,
    /// speakers × years × log2(1 + documents) ([`tifa_core::discover::spread`]).
    pub spread: f64,
    /// glue × the spread on a log scale ([`tifa_core::discover::score`]): the default
    /// order.
    pub score: f64,
    /// Its earliest and latest use in this corpus.
    pub first: Use,
    pub last: Use,
    /// Statements per year, from [`Formulations::years`]'s first to its last.
    pub per_year: Vec<u32>,
    /// The other listed formulations of its group (one word apart), most spread first.
    pub variants: Vec<String>,
}

/// One page of the formulations list.
#[derive(Debug, Clone, PartialEq)]
pub struct Formulations {
    /// Formulations used under the filters (all pages).
    pub total: usize,
    /// Formulations the compiler listed (before filters).
    pub listed: usize,
    pub page: Page,
    pub clamped: bool,
    pub rows: Vec<Row>,
    /// The years the sparklines span (first, last), when any statement is dated.
    pub years: Option<(u16, u16)>,
}

impl Formulations {
    /// What the list says of itself: how many of the formulations found are used under
    /// the filters, the rows shown and their order.
    ///
    /// ```
    /// use tifa_view::formulations::Formulations;
    /// use tifa_view::paging::page;
    /// use tifa_view::url_state::Listing;
    /// let f = Formulations { total: 30, listed: 120, page: page(30, 25, 1).0, clamped: false, rows: vec![], years: None };
    /// assert_eq!(f.status(Listing::Count), "30 of the 120 formulations found are used here; 1–25, most statements first.");
    /// ```
    pub fn status(&self, order: Listing) -> String {
        let (first, last) = (self.page.range.start + 1, self.page.range.end);
        let order = match order {
            Listing::Formulaic => "most formulaic first, names and titles after",
            Listing::Spread => "most spread first",
            Listing::Count => "most statements first",
            Listing::First => "earliest first use first",
            Listing::Recent => "most recent use first",
        };
        match (self.total, self.listed) {
            (_, 0) => "The compiler found no recurring formulation in this corpus.".to_string(),
            (0, _) => format!(
                "None of the {} found is used in these statements.",
                crate::words::count(self.listed, "formulation", "formulations")
            ),
            (n, all) => {
                let used = if n == 1 { "is" } else { "are" };
                format!(
                    "{n} of the {all} formulations found {used} used here; {first}–{last}, {order}."
                )
            }
        }
    }
}

/// The earliest (or, with `latest`, the latest) of `list` by date: a statement's date
/// may mean a range of days; undated statements come after dated ones, then corpus
/// order decides.
fn earliest(corpus: &Corpus, list: &[u32], latest: bool) -> u32 {
    let day = |i: u32| {
        corpus.statements[i as usize].date.date.map(|d| {
            if latest {
                d.last_day()
            } else {
                d.first_day()
            }
        })
    };
    let mut best = list[0];
    for &i in &list[1..] {
        let better = match (day(i), day(best)) {
            // Ties keep the earlier in corpus order, as the tracker does.
            (Some(a), Some(b)) if latest => a > b,
            (Some(a), Some(b)) => a < b,
            (Some(_), None) => true,
            _ => false,
        };
        if better {
            best = i;
        }
    }
    best
}

/// Whether a phrase holds every word of a search text, read as search reads words
/// (folded; quotes, hyphens and punctuation are not words; Chinese, Japanese or Korean
/// characters anywhere in it).
///
/// ```
/// # use tifa_view::formulations::holds;
/// assert!(holds("a shared future for mankind", "\"For Mankind\""));
/// assert!(holds("win-win cooperation", "win-win"));
/// assert!(holds("China’s human rights progress", "china's"));
/// assert!(!holds("a shared future for mankind", "humanity"));
/// ```
pub fn holds(phrase: &str, q: &str) -> bool {
    let words: Vec<String> = tokens(phrase).into_iter().map(|t| t.term).collect();
    tokens(q).iter().all(|t| {
        if t.cjk {
            phrase.contains(t.term.as_str())
        } else {
            words.contains(&t.term)
        }
    })
}

/// The formulations page of `state` (its page of [`rows`]); `None` until the bundle
/// has its discoveries.
pub fn list(bundle: &Bundle, state: &UrlState) -> Option<Formulations> {
    let (mut rows, years) = rows(bundle, state)?;
    let (p, clamped) = page(rows.len(), PAGE_SIZE, state.page.unwrap_or(1));
    Some(Formulations {
        total: rows.len(),
        listed: bundle.discoveries()?.formulations.len(),
        clamped,
        rows: rows.drain(p.range.clone()).collect(),
        page: p,
        years,
    })
}

/// The statements of a formulation under the filters, each with whose words it is
/// there: the compiler's list when the state counts the passage kinds it mined (the
/// speaker's own words by default), else the tracker's count for the phrase in the
/// state's kinds.
fn uses(
    bundle: &Bundle,
    f: &Recurring,
    mined: Kinds,
    kinds: Kinds,
    filters: &Query,
    passes: &dyn Fn(&Statement) -> bool,
) -> Vec<(u32, Voice)> {
    let corpus = &bundle.corpus;
    if kinds == mined && kinds == Kinds::OWN_WORDS {
        return f
            .statement_list()
            .into_iter()
            .filter_map(|i| {
                let s = corpus.statements.get(i as usize)?;
                passes(s).then_some((i, Voice::Speaker(s.speaker)))
            })
            .collect();
    }
    let phrase = Formulation::parse(&format!("\"{}\"", f.phrase));
    find(
        corpus,
        &bundle.index,
        &phrase,
        filters,
        kinds,
        Detail::Occurrences,
    )
    .into_iter()
    .map(|x| {
        let s = &corpus.statements[x.statement as usize];
        let voice = Voice::of_passages(corpus, s, x.occurrences.iter().map(|o| o.passage));
        (x.statement, voice)
    })
    .collect()
}

/// Every row `state`'s list holds (all pages), in its order, and the years its
/// sparklines span; `None` until the bundle has its discoveries.
pub fn rows(bundle: &Bundle, state: &UrlState) -> Option<(Vec<Row>, Years)> {
    let corpus = &bundle.corpus;
    let discoveries = bundle.discoveries()?;
    let mut filters_only = state.clone();
    filters_only.q = None;
    let filters = scope(corpus, &filters_only).0;
    let filter = Filter::new(corpus, &filters);
    let passes = |s: &Statement| filter.as_ref().is_none_or(|f| f.passes(s));
    let kinds = state.filters.passage_kinds();
    let q = state.q.as_deref().unwrap_or("");
    let mut rows: Vec<(Row, u32)> = Vec::new();
    let mut dated = (u16::MAX, 0u16);
    // Distinct voices, documents and years of each formulation, counted by stamping
    // each with the formulation's number (no set per formulation).
    let mut voices: std::collections::HashMap<Voice, u32> = Default::default();
    let mut document_seen = vec![u32::MAX; corpus.documents.len()];
    let mut year_seen = vec![u32::MAX; u16::MAX as usize + 1];
    for (k, f) in discoveries.formulations.iter().enumerate() {
        let k = k as u32;
        if !holds(&f.phrase, q) {
            continue;
        }
        let list = uses(bundle, f, discoveries.kinds, kinds, &filters, &passes);
        if list.is_empty() {
            continue;
        }
        let (mut speakers, mut documents, mut years) = (0, 0, 0);
        let stamp = |seen: &mut [u32], at: usize, n: &mut usize| {
            if let Some(x) = seen.get_mut(at) {
                if *x != k {
                    *x = k;
                    *n += 1;
                }
            }
        };
        for &(i, voice) in &list {
            let s = &corpus.statements[i as usize];
            if voices.insert(voice, k) != Some(k) {
                speakers += 1;
            }
            stamp(&mut document_seen, s.document as usize, &mut documents);
            if let Some(d) = s.date.date {
                stamp(&mut year_seen, d.year as usize, &mut years);
                dated = (dated.0.min(d.year), dated.1.max(d.year));
            }
        }
        let statements: Vec<u32> = list.iter().map(|&(i, _)| i).collect();
        let voice_of = |i: u32| {
            list.iter()
                .find(|x| x.0 == i)
                .map_or(Voice::Journalist, |x| x.1)
        };
        let (first, last) = (
            earliest(corpus, &statements, false),
            earliest(corpus, &statements, true),
        );
        let row = Row {
            phrase: f.phrase.to_string(),
            name: f.name,
            glue: f.glue,
            statements: list.len(),
            speakers,
            documents,
            years,
            spread: spread(speakers, years, documents),
            score: score(f.glue as f64, speakers, years, documents),
            first: Use {
                statement: first,
                voice: voice_of(first),
            },
            last: Use {
                statement: last,
                voice: voice_of(last),
            },
            per_year: statements
                .iter()
                .filter_map(|&i| corpus.statements[i as usize].date.date)
                .map(|d| d.year as u32)
                .collect(),
            variants: Vec::new(),
        };
        rows.push((row, f.group));
    }
    // Per year, over one axis for every row; variants by group, in the list's order.
    let years = (dated.0 <= dated.1).then_some(dated);
    for (row, _) in &mut rows {
        let mut counts = vec![0; years.map_or(0, |(a, b)| (b - a) as usize + 1)];
        if let Some((first, _)) = years {
            for &y in &row.per_year {
                counts[(y - first as u32) as usize] += 1;
            }
        }
        row.per_year = counts;
    }
    let by_score = |a: &Row, b: &Row| {
        a.name
            .cmp(&b.name)
            .then(b.score.total_cmp(&a.score))
            .then(b.statements.cmp(&a.statements))
            .then(a.phrase.cmp(&b.phrase))
    };
    rows.sort_by(|a, b| by_score(&a.0, &b.0));
    let variants: Vec<Vec<String>> = rows
        .iter()
        .map(|(row, group)| {
            rows.iter()
                .filter(|(other, g)| g == group && other.phrase != row.phrase)
                .map(|(other, _)| other.phrase.clone())
                .collect()
        })
        .collect();
    let mut rows: Vec<Row> = rows
        .into_iter()
        .zip(variants)
        .map(|((mut row, _), v)| {
            row.variants = v;
            row
        })
        .collect();
    let day = |i: u32, latest: bool| {
        corpus.statements[i as usize].date.date.map(|d| {
            if latest {
                d.last_day()
            } else {
                d.first_day()
            }
        })
    };
    match state.listing {
        Listing::Formulaic => {}
        Listing::Spread => rows.sort_by(|a, b| {
            b.spread
                .total_cmp(&a.spread)
                .then(b.statements.cmp(&a.statements))
                .then(by_score(a, b))
        }),
        Listing::Count => rows.sort_by(|a, b| b.statements.cmp(&a.statements).then(by_score(a, b))),
        // Undated first uses go last either way.
        Listing::First => rows.sort_by(|a, b| {
            match (day(a.first.statement, false), day(b.first.statement, false)) {
                (Some(x), Some(y)) => x.cmp(&y).then(by_score(a, b)),
                (x, y) => y.is_some().cmp(&x.is_some()).then(by_score(a, b)),
            }
        }),
        Listing::Recent => rows.sort_by(|a, b| {
            day(b.last.statement, true)
                .cmp(&day(a.last.statement, true))
                .then(by_score(a, b))
        }),
    }
    Some((rows, years))
}

/// A row's numbers in words: "4 statements · 3 speakers · 2 documents · 3 years ·
/// glue 0.44" (glue 1.00 at most).
pub fn numbers(r: &Row) -> String {
    use crate::words::count;
    let voices = if r.first.voice.is_speaker() && r.last.voice.is_speaker() {
        ("speaker", "speakers")
    } else {
        ("voice", "voices")
    };
    // Hundredths as integers: float formatting would pull core's float printing into
    // the bundle.
    let glue = (r.glue.clamp(0.0, 1.0) * 100.0).round() as u32;
    format!(
        "{} · {} · {} · {} · glue {}.{:02}",
        count(r.statements, "statement", "statements"),
        count(r.speakers, voices.0, voices.1),
        count(r.documents, "document", "documents"),
        count(r.years, "year", "years"),
        glue / 100,
        glue % 100,
    )
}

/// The tracker following `phrase` (with `variants`, each a series, at most six in all),
/// under `state`'s filters.
///
/// ```
/// use tifa_view::url_state::{parse, to_query};
/// use tifa_view::formulations::tracking;
/// let here = parse("?view=formulations&speaker=a").state;
/// let to = tracking(&here, "for mankind", &["for humanity".to_string()]);
/// assert_eq!(to_query(&to), "?speaker=a&f=%22for+mankind%22&f=%22for+humanity%22");
/// ```
pub fn tracking(state: &UrlState, phrase: &str, variants: &[String]) -> UrlState {
    state.changed_in(ViewKind::Track, |next| {
        next.q = None;
        next.track.f = std::iter::once(phrase)
            .chain(variants.iter().map(String::as_str))
            .take(MAX_FORMULATIONS)
            .map(|p| format!("\"{p}\""))
            .collect();
    })
}
