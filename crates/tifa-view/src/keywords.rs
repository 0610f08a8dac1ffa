//! Keywords: the word forms one part of the corpus (the target) uses more, or less,
//! than another (the reference), each part a full URL state's filters (search, dates,
//! speakers, occasions, topics, passage kinds), the reference by default the rest of
//! the corpus. Every formula, its reference and a worked example are in
//! `docs/statistics.md`.
//!
//! **Words are counted where the views count them**: in the passages of the state's
//! kinds (the speaker's own words by default), as search folds them (case, accents,
//! typographic quotes), or by stem. **Counts add up statement by statement**, so a
//! part's counts are sums over its statements, wherever those are stored.
//!
//! ```
//! use tifa_view::keywords::log_likelihood;
//! // The UCREL log-likelihood wizard's example: 52 in 50,000 words against 57 in 75,000.
//! assert_eq!(format!("{:.2}", log_likelihood(52, 57, 50_000, 75_000)), "2.65");
//! ```

use crate::scope::scope;
use crate::url_state::UrlState;
use crate::words::count;
use serde::Serialize;
use tifa_core::blob::Bundle;
use tifa_core::search::engine::matching;
use tifa_model::Kinds;

/// Log-likelihood G² of a word seen `a` times in `c1` words (the target) and `b` times
/// in `c2` (the reference): the two-cell form of Rayson and Garside (2000), as the
/// UCREL calculator computes it. `0 · ln 0` counts as 0; 0 when either part is empty.
pub fn log_likelihood(a: u64, b: u64, c1: u64, c2: u64) -> f64 {
    if c1 == 0 || c2 == 0 || a + b == 0 {
        return 0.0;
    }
    let (a, b, c1, c2) = (a as f64, b as f64, c1 as f64, c2 as f64);
    let e1 = c1 * (a + b) / (c1 + c2);
    let e2 = c2 * (a + b) / (c1 + c2);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    2.0 * (term(a, e1) + term(b, e2))
}

/// Log Ratio (Hardie 2014): the binary log of the ratio of the relative frequencies,
/// a frequency of 0 counted as 0.5 (Hardie's adjustment, so that a word absent from
/// one part has a finite ratio). 0 when either part is empty.
pub fn log_ratio(a: u64, b: u64, c1: u64, c2: u64) -> f64 {
    if c1 == 0 || c2 == 0 {
        return 0.0;
    }
    let adjust = |f: u64| if f == 0 { 0.5 } else { f as f64 };
    // ln / ln 2 rather than log2: one logarithm in the Wasm, not two.
    ((adjust(a) / c1 as f64) / (adjust(b) / c2 as f64)).ln() / std::f64::consts::LN_2
}

/// The probability of a G² at least this large if both parts used the word alike
/// (chi-square with one degree of freedom: `erfc(√(G²/2))`).
pub fn p_value(g2: f64) -> f64 {
    if g2 <= 0.0 {
        return 1.0;
    }
    erfc((g2 / 2.0).sqrt())
}

/// The complementary error function, to a relative error under 1.2 × 10⁻⁷ (the
/// Chebyshev fit of Press et al., Numerical Recipes, 2nd ed., §6.2, `erfcc`).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let r = t * poly.exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// How the list is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Count stems rather than word forms.
    pub stems: bool,
    /// Leave out words seen fewer times than this in both parts together.
    pub min_frequency: u64,
    /// The significance level, before the Bonferroni correction (1 or more: every word,
    /// significant or not).
    pub alpha: f64,
    /// Divide the significance level by the number of words compared (Bonferroni).
    pub bonferroni: bool,
    /// Order by Log Ratio rather than by log-likelihood.
    pub by_log_ratio: bool,
    /// The target's negative keywords (used less than in the reference) instead.
    pub negative: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            stems: false,
            min_frequency: 5,
            alpha: 0.05,
            bonferroni: true,
            by_log_ratio: false,
            negative: false,
        }
    }
}

/// One part compared: its statements and the words counted in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Part {
    pub statements: usize,
    pub words: u64,
}

/// A word form (or stem) with its counts and statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    pub term: String,
    /// Its frequency in the target and in the reference, and per million words of each.
    pub target: u64,
    pub reference: u64,
    pub target_per_million: f64,
    pub reference_per_million: f64,
    pub g2: f64,
    pub log_ratio: f64,
    pub p: f64,
}

impl Keyword {
    /// Its frequency per million words of a part of `words` words.
    pub fn per_million(frequency: u64, words: u64) -> f64 {
        if words == 0 {
            0.0
        } else {
            frequency as f64 * 1e6 / words as f64
        }
    }
}

/// The keyword list of a target against a reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keywords {
    pub target: Part,
    pub reference: Part,
    /// Word forms compared (the Bonferroni correction's number of tests).
    pub compared: usize,
    /// The significance level a word had to pass (after the correction).
    pub level: f64,
    /// The significant keywords of the direction asked for, ordered.
    pub rows: Vec<Keyword>,
    /// What the reader should know: an empty part, ids that name nothing.
    pub notes: Vec<String>,
}

/// The keywords of `target` against `reference` (`None`: the rest of the corpus, the
/// statements the target's filters leave out), words counted in the target's passage
/// kinds on both sides.
pub fn keywords(
    bundle: &Bundle,
    target: &UrlState,
    reference: Option<&UrlState>,
    settings: &Settings,
) -> Keywords {
    let corpus = &bundle.corpus;
    let (target_query, mut notes) = scope(corpus, target);
    let in_target = matching(corpus, &bundle.index, &target_query);
    let in_reference = match reference {
        Some(state) => {
            let (query, unknown) = scope(corpus, state);
            notes.extend(unknown);
            matching(corpus, &bundle.index, &query)
        }
        None => {
            let mut chosen = vec![false; corpus.statements.len()];
            for &s in &in_target {
                chosen[s as usize] = true;
            }
            (0..corpus.statements.len() as u32)
                .filter(|&s| !chosen[s as usize])
                .collect()
        }
    };
    let kinds = target.filters.passage_kinds();
    let counted = Terms::new(bundle, settings.stems);
    let (t_counts, t_words) = counts(bundle, &in_target, kinds, counted);
    let (r_counts, r_words) = counts(bundle, &in_reference, kinds, counted);
    let parts = (
        Part {
            statements: in_target.len(),
            words: t_words,
        },
        Part {
            statements: in_reference.len(),
            words: r_words,
        },
    );
    for (part, name) in [(parts.0, "target"), (parts.1, "reference")] {
        if part.words == 0 {
            notes.push(format!(
                "The {name} holds no words under these filters ({}): nothing to compare.",
                count(part.statements, "statement", "statements")
            ));
        }
    }
    let mut terms: Vec<(u32, u64, u64)> = t_counts
        .iter()
        .zip(&r_counts)
        .enumerate()
        .filter(|(_, (&a, &b))| a + b > 0)
        .map(|(term, (&a, &b))| (term as u32, a, b))
        .collect();
    terms.retain(|&(_, a, b)| a + b >= settings.min_frequency.max(1));
    let compared = terms.len();
    let level = if settings.bonferroni && compared > 0 {
        settings.alpha / compared as f64
    } else {
        settings.alpha
    };
    let empty = parts.0.words == 0 || parts.1.words == 0;
    let mut rows: Vec<Keyword> = if empty {
        Vec::new()
    } else {
        terms
            .into_iter()
            .map(|(term, a, b)| {
                let g2 = log_likelihood(a, b, parts.0.words, parts.1.words);
                Keyword {
                    term: counted.name(term as usize),
                    target: a,
                    reference: b,
                    target_per_million: Keyword::per_million(a, parts.0.words),
                    reference_per_million: Keyword::per_million(b, parts.1.words),
                    g2,
                    log_ratio: log_ratio(a, b, parts.0.words, parts.1.words),
                    p: p_value(g2),
                }
            })
            .filter(|k| {
                (settings.alpha >= 1.0 || k.p < level) && (k.log_ratio < 0.0) == settings.negative
            })
            .collect()
    };
    let key = |k: &Keyword| {
        if settings.by_log_ratio {
            k.log_ratio.abs()
        } else {
            k.g2
        }
    };
    rows.sort_by(|x, y| key(y).total_cmp(&key(x)).then_with(|| x.term.cmp(&y.term)));
    Keywords {
        target: parts.0,
        reference: parts.1,
        compared,
        level,
        rows,
        notes,
    }
}

/// What a statistic counts: word forms (the index's exact terms, folded) or their
/// stems, each by its term number.
#[derive(Clone, Copy)]
pub(crate) struct Terms<'b, 'a> {
    index: &'b tifa_core::search::index::Index<'a>,
    stems: bool,
}

impl<'b, 'a> Terms<'b, 'a> {
    pub(crate) fn new(bundle: &'b Bundle<'a>, stems: bool) -> Terms<'b, 'a> {
        Terms {
            index: &bundle.index,
            stems,
        }
    }

    /// How many terms there are.
    pub(crate) fn len(self) -> usize {
        self.field().len()
    }

    /// The term of a word (its id in the token stream); `u32::MAX`, no term, for a
    /// word whose stem is in a run not filled.
    pub(crate) fn of(self, word: u32) -> u32 {
        if self.stems {
            self.index.stem_of(word as usize).unwrap_or(u32::MAX)
        } else {
            word
        }
    }

    /// The term named `text` (a folded word form, or a stem), if the corpus holds it.
    pub(crate) fn find(self, text: &str) -> Option<u32> {
        self.field().find(text).map(|t| t as u32)
    }

    /// What the concordance searches to find every occurrence of the term named `name`:
    /// a word form as an exact phrase (`"rights"`); a stem as a word that has it
    /// (unquoted, so matched by its stem), `forms` from [`Terms::first_forms`].
    pub(crate) fn query(self, name: &str, forms: &[u32]) -> String {
        if !self.stems {
            return format!("\"{name}\"");
        }
        let form = self.find(name).and_then(|t| forms.get(t as usize));
        form.map_or_else(
            || name.to_owned(),
            |&f| self.index.exact.term(f as usize).to_string(),
        )
    }

    /// For stems, a word form of each (the first in the index's order); nothing for
    /// word forms.
    pub(crate) fn first_forms(self) -> Vec<u32> {
        if !self.stems {
            return Vec::new();
        }
        let mut forms = vec![u32::MAX; self.len()];
        for form in (0..self.index.exact.len()).rev() {
            if let Some(stem) = self.index.stem_of(form) {
                forms[stem as usize] = form as u32;
            }
        }
        forms
    }

    /// A term's text: the folded word form, or the stem.
    pub(crate) fn name(self, term: usize) -> String {
        self.field().term(term).to_string()
    }

    fn field(self) -> &'b tifa_core::search::index::Field<'a> {
        if self.stems {
            &self.index.text
        } else {
            &self.index.exact
        }
    }
}

/// `f(words)` for each passage of `kinds` of `statements`, in order (the words as the
/// token stream's ids): the words a statistic counts.
pub(crate) fn each_counted_passage(
    bundle: &Bundle,
    statements: &[u32],
    kinds: Kinds,
    mut f: impl FnMut(&[u32]),
) {
    let mut buffer = Vec::new();
    for &s in statements {
        let st = &bundle.corpus.statements[s as usize];
        bundle
            .index
            .tokens
            .each_passage(s, &mut buffer, |p, words| {
                if st.passages.get(p).is_some_and(|x| kinds.contains(x.kind)) {
                    f(words);
                }
                true
            });
    }
}

/// Each term's frequency in `statements` (in passages of `kinds`), by term number, and
/// the words counted.
fn counts(bundle: &Bundle, statements: &[u32], kinds: Kinds, terms: Terms) -> (Vec<u64>, u64) {
    let mut counts = vec![0u64; terms.len()];
    let mut words = 0u64;
    each_counted_passage(bundle, statements, kinds, |ids| {
        for &id in ids {
            if let Some(c) = counts.get_mut(terms.of(id) as usize) {
                *c += 1;
            }
        }
        words += ids.len() as u64;
    });
    (counts, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published figures, to the decimals they were published with.
    #[test]
    fn log_likelihood_matches_published_examples() {
        // The UCREL log-likelihood wizard's instructions: "+ 2.65".
        assert_eq!(
            format!("{:.3}", log_likelihood(52, 57, 50_000, 75_000)),
            "2.652"
        );
        // Rayson (Corpora list, 18 January 2002), two corpora of a million words each:
        // keep 348 against 99 gives LL 147; keeping 9 against 32 gives 14; keeps 15
        // against 14 gives 0 (rounded to whole numbers).
        assert_eq!(log_likelihood(348, 99, 1_000_000, 1_000_000).round(), 147.0);
        assert_eq!(log_likelihood(9, 32, 1_000_000, 1_000_000).round(), 14.0);
        assert_eq!(log_likelihood(15, 14, 1_000_000, 1_000_000).round(), 0.0);
    }

    #[test]
    fn p_values_match_the_chi_square_table() {
        // The critical values of chi-square with one degree of freedom.
        for (g2, p) in [
            (3.841_459, 0.05),
            (6.634_897, 0.01),
            (10.827_566, 0.001),
            (15.136_705, 0.0001),
        ] {
            assert!((p_value(g2) - p).abs() / p < 1e-5, "{g2}: {}", p_value(g2));
        }
        assert_eq!(p_value(0.0), 1.0);
    }

    #[test]
    fn log_ratio_by_its_definition_with_hardies_zero_adjustment() {
        assert_eq!(format!("{:.3}", log_ratio(52, 57, 50_000, 75_000)), "0.453");
        // Twice as frequent: 1; absent from the reference: counted as 0.5.
        assert_eq!(log_ratio(20, 10, 1000, 1000), 1.0);
        assert_eq!(log_ratio(4, 0, 1000, 1000), 3.0);
        assert!(log_ratio(0, 0, 0, 0).is_finite());
        assert_eq!(log_likelihood(3, 0, 0, 100), 0.0);
    }
}

/// The keyword rows a search page offers.
pub const PANEL_ROWS: usize = 20;

/// What the search page's keywords panel shows for a state: the words its filtered
/// statements use more than the rest of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// What is compared with what, and what passed; or why nothing is compared.
    pub status: String,
    /// At most [`PANEL_ROWS`], strongest first.
    pub rows: Vec<PanelRow>,
}

/// One keyword as the panel shows it (numbers written with integers only: float
/// formatting would grow the Wasm).
#[derive(Debug, Clone, PartialEq)]
pub struct PanelRow {
    pub term: String,
    /// Its frequency in the target and the rest, and per million words of each (rounded).
    pub target: u64,
    pub target_per_million: u64,
    pub reference: u64,
    pub reference_per_million: u64,
    /// G² to one decimal, Log Ratio to two.
    pub g2: String,
    pub log_ratio: String,
    /// The term's concordance in the target (the same filters, the word as a phrase).
    pub kwic: UrlState,
}

/// The panel of `state`: its filtered statements against the rest of the corpus. Only
/// filters define the part: with search words, the panel says to remove them (a word's
/// concordance could not be limited to the statements the words found).
///
/// ```
/// use tifa_core::blob::Bundle;
/// use tifa_model::Corpus;
/// use tifa_view::{keywords::panel, url_state::parse};
/// let p = panel(&Bundle::new(Corpus::empty()), &parse("?q=rights").state);
/// assert!(p.rows.is_empty() && p.status.starts_with("Keywords compare"));
/// ```
pub fn panel(bundle: &Bundle, state: &UrlState) -> Panel {
    if state.q.is_some() {
        return Panel {
            status: "Keywords compare the statements your filters leave in with the rest of the corpus: remove the search words to compare these filters.".to_string(),
            rows: Vec::new(),
        };
    }
    if state.filters.is_empty() {
        return Panel {
            status: "Choose a speaker, an occasion, a topic or dates: their statements are then compared with the rest of the corpus.".to_string(),
            rows: Vec::new(),
        };
    }
    let k = keywords(bundle, state, None, &Settings::default());
    if let Some(note) = k.notes.iter().find(|n| n.starts_with("The ")) {
        return Panel {
            status: note.clone(),
            rows: Vec::new(),
        };
    }
    let status = format!(
        "{} these {} use more than the other {}, of {} compared (log-likelihood, significant at p < 0.05 ÷ {}: Bonferroni){}.",
        count(k.rows.len(), "word", "words"),
        count(k.target.statements, "statement", "statements"),
        count(k.reference.statements, "statement", "statements"),
        count(k.compared, "word", "words"),
        k.compared,
        if k.rows.len() > PANEL_ROWS {
            format!("; the {PANEL_ROWS} strongest")
        } else {
            String::new()
        }
    );
    let rows = k
        .rows
        .into_iter()
        .take(PANEL_ROWS)
        .map(|r| PanelRow {
            target: r.target,
            target_per_million: r.target_per_million.round() as u64,
            reference: r.reference,
            reference_per_million: r.reference_per_million.round() as u64,
            g2: crate::stats_page::fixed(r.g2, 10),
            log_ratio: crate::stats_page::fixed(r.log_ratio, 100),
            kwic: state.changed_in(crate::url_state::ViewKind::Kwic, |s| {
                s.q = Some(format!("\"{}\"", r.term));
            }),
            term: r.term,
        })
        .collect();
    Panel { status, rows }
}
