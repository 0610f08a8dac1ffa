//! Search over the seed corpus: relevance expectations written from reading the texts,
//! and properties that must hold for any query.

mod common;

use common::seed;
use proptest::prelude::*;
use tifa_compile::compile_dir;
use tifa_core::search::engine::{ranked, run, search, Results, Sort};
use tifa_core::search::index::{build, Index};
use tifa_core::search::query::{parse, Term};
use tifa_core::search::text::tokens;
use tifa_model::Kinds;
use tifa_model::PartialDate;
use tifa_model::{Corpus, EntityKind};

fn ids(r: &Results) -> Vec<&'static str> {
    let (corpus, _) = seed();
    r.hits
        .iter()
        .map(|h| corpus.statements[h.statement as usize].id.as_ref())
        .collect()
}

fn find(q: &str) -> Results {
    let (corpus, index) = seed();
    search(corpus, index, q, Sort::Relevance, 20)
}

/// [`find`], matching in passages of every kind (narration and questions too).
fn find_in_all(q: &str) -> Results {
    let (corpus, index) = seed();
    let mut query = parse(q);
    query.kinds = Kinds::ALL;
    run(corpus, index, query, Sort::Relevance, 0..20)
}

const ZHAO_HRC: &str = "2020-06-zhao-lijian-hrc-cooperation-resolution";
const ZHAO_COVID: &str = "2020-06-zhao-lijian-us-house-covid-origins-report";
const ZHAO_BORDER: &str = "2020-06-zhao-lijian-china-india-border-talks";
const CHEN: &str = "2021-03-23-chen-xu-hrc-cooperation-resolution";
const LI: &str = "2021-09-14-li-xiaomei-global-human-rights-governance";
const MAO: &str = "2024-12-10-mao-ning-human-rights-day";
const ZHANG: &str = "2020-zhang-jun-third-committee-general-debate";

#[test]
fn a_phrase_finds_its_formulation_but_not_in_removed_text() {
    // "shared future" also occurs in the appended Vietnam article of Mao Ning's page,
    // which cleaning removed: it must not make her statement a hit.
    let r = find("\"shared future\"");
    let mut got = ids(&r);
    got.sort();
    assert_eq!(got, [ZHAO_HRC, CHEN, LI]);
}

#[test]
fn rare_words_find_their_statement_first() {
    assert_eq!(ids(&find("Galwan"))[..1], [ZHAO_BORDER]);
    assert_eq!(ids(&find("covid origins report")), [ZHAO_COVID]);
    assert_eq!(ids(&find("Xinjiang Hong Kong"))[..1], [ZHANG]);
    assert_eq!(
        ids(&find("Phoenix")),
        Vec::<&str>::new(),
        "the question's asker is not in a passage"
    );
    assert_eq!(ids(&find("megaphone diplomacy")), [MAO]);
}

/// A corpus of imported statements, one per (id, text).
fn mini(rows: &[(&str, &str)]) -> (Corpus<'static>, Index<'static>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("import")).unwrap();
    let body: String = rows
        .iter()
        .map(|(id, text)| {
            format!(
                "{{\"id\":\"{id}\",\"title\":\"t\",\"date\":\"{}\",\"speaker\":\"s\",\"passages\":[{{\"kind\":\"quote\",\"text\":\"{text}\"}}]}}\n",
                &id[..10]
            )
        })
        .collect();
    std::fs::write(dir.path().join("import/rows.jsonl"), body).unwrap();
    let corpus = compile_dir(dir.path()).unwrap();
    let index = build(&corpus);
    (corpus, index)
}

#[test]
fn exact_forms_rank_above_stemmed_ones() {
    let (corpus, index) = mini(&[
        (
            "2020-01-01-singular",
            "We oppose interference in internal affairs.",
        ),
        (
            "2020-01-02-plural",
            "We oppose interferences in internal affairs.",
        ),
    ]);
    let top = |q: &str| {
        let r = search(&corpus, &index, q, Sort::Relevance, 5);
        assert_eq!(r.total, 2, "both share the stem");
        corpus.statements[r.hits[0].statement as usize]
            .id
            .to_string()
    };
    assert_eq!(top("interference"), "2020-01-01-singular");
    assert_eq!(top("interferences"), "2020-01-02-plural");
}

#[test]
fn ties_are_broken_by_date_newest_first() {
    let (corpus, index) = mini(&[
        ("2019-05-05-older", "win-win cooperation"),
        ("2023-05-05-newer", "win-win cooperation"),
    ]);
    let r = search(&corpus, &index, "cooperation", Sort::Relevance, 5);
    assert_eq!(
        corpus.statements[r.hits[0].statement as usize].id,
        "2023-05-05-newer"
    );
}

#[test]
fn typographic_quotes_and_possessives_match() {
    // The text has "China’s" with a curly apostrophe, in the narration of Zhang Jun's
    // statement: found when narration is searched, never as his words.
    assert!(ids(&find_in_all("China's stance")).contains(&ZHANG));
    assert!(!ids(&find("China's stance")).contains(&ZHANG));
    assert_eq!(
        ids(&find("“win-win cooperation”")),
        ids(&find("\"win-win cooperation\""))
    );
}

#[test]
fn filters_and_exclusions() {
    assert_eq!(ids(&find("speaker:\"mao ning\"")), [MAO]);
    let mut y = ids(&find("year:2021"));
    y.sort();
    assert_eq!(y, [CHEN, LI]);
    assert!(ids(&find("multilateralism")).contains(&ZHAO_HRC));
    assert!(!ids(&find("multilateralism -pandemic")).contains(&ZHAO_HRC));
    assert_eq!(ids(&find("topic:china-india-border")), [ZHAO_BORDER]);
    // A year-only date (Zhang Jun: 2020) is in a June 2020 range: it may be.
    assert!(ids(&find("from:2020-06 to:2020-06")).contains(&ZHANG));
}

#[test]
fn prefixes_and_or() {
    let r = find("multilateral*");
    for id in [CHEN, LI, ZHAO_HRC] {
        assert!(ids(&r).contains(&id), "{id}: {:?}", ids(&r));
    }
    let mut got = ids(&find("Galwan OR megaphone"));
    got.sort();
    assert_eq!(got, [ZHAO_BORDER, MAO]);
}

#[test]
fn an_empty_query_browses_everything_newest_first() {
    let r = find("");
    assert_eq!(r.total, 7);
    assert_eq!(ids(&r)[0], MAO);
    assert_eq!(find("   year:2021").total, 2);
}

#[test]
fn facets_count_the_whole_result_set() {
    let (corpus, _) = seed();
    let r = find("human rights");
    let speakers: Vec<(&str, u32)> = r
        .facets
        .speakers
        .iter()
        .map(|&(s, c)| (corpus.speakers[s as usize].id.as_ref(), c))
        .collect();
    // Matched in the speakers' own words only, never in a title: Zhao Lijian's border
    // statement, in a document titled "... human rights ...", is not a result.
    assert!(!ids(&r).contains(&ZHAO_BORDER), "{:?}", ids(&r));
    assert_eq!(speakers[0].1, 1, "{speakers:?}");
    assert_eq!(
        r.facets.speakers.iter().map(|(_, c)| c).sum::<u32>() as usize,
        r.total
    );
    assert_eq!(
        r.facets.years.iter().map(|(_, c)| c).sum::<u32>() as usize,
        r.total
    );
}

#[test]
fn matches_and_snippets_are_ranges_of_the_source() {
    let (corpus, _) = seed();
    let r = find("\"community with a shared future\"");
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        let doc = corpus.document_of(&corpus.statements[h.statement as usize]);
        let snippet = h.snippet.as_ref().unwrap();
        let window = doc.text(snippet.span);
        let st = &corpus.statements[h.statement as usize];
        let passage = st
            .passages
            .iter()
            .find(|p| p.span.start <= snippet.span.start && snippet.span.end <= p.span.end)
            .unwrap();
        assert_eq!(
            snippet.clipped_start,
            snippet.span.start > passage.span.start
        );
        assert_eq!(snippet.clipped_end, snippet.span.end < passage.span.end);
        assert!(
            window.contains("community with a shared future"),
            "{window}"
        );
        for m in &snippet.highlights {
            assert!(m.start >= snippet.span.start && m.end <= snippet.span.end);
        }
        let marked: Vec<&str> = h.matches.iter().map(|m| doc.text(*m)).collect();
        assert!(marked.contains(&"shared"), "{marked:?}");
    }
}

#[test]
fn chinese_text_is_searchable_by_bigrams() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("import")).unwrap();
    std::fs::write(
        dir.path().join("import/zh.jsonl"),
        concat!(
            r#"{"id":"2021-01-01-a","title":"t","date":"2021-01-01","speaker":"甲","language":"zh","passages":[{"kind":"quote","text":"我们要推动构建人类命运共同体。"}]}"#, "\n",
            r#"{"id":"2021-01-02-b","title":"t","date":"2021-01-02","speaker":"乙","language":"zh","passages":[{"kind":"quote","text":"坚持互利共赢的合作，反对干涉内政。"}]}"#, "\n",
        ),
    )
    .unwrap();
    let corpus = compile_dir(dir.path()).unwrap();
    let index = build(&corpus);
    let hit = |q: &str| -> Vec<String> {
        search(&corpus, &index, q, Sort::Relevance, 10)
            .hits
            .iter()
            .map(|h| corpus.statements[h.statement as usize].id.to_string())
            .collect()
    };
    assert_eq!(hit("命运共同体"), ["2021-01-01-a"]);
    assert_eq!(hit("干涉内政"), ["2021-01-02-b"]);
    assert_eq!(hit("共同"), ["2021-01-01-a"]);
    assert!(hit("共赢 命运").is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_input_makes_search_panic(q in "\\PC{0,80}") {
        let _ = find(&q);
    }

    #[test]
    fn every_phrase_hit_contains_the_phrase(a in 0usize..40, len in 2usize..4) {
        // Phrases taken from the corpus itself, so most have hits.
        let (corpus, _) = seed();
        let s = &corpus.statements[a % corpus.statements.len()];
        let doc = corpus.document_of(s);
        let own = s.passages.iter().find(|p| Kinds::OWN_WORDS.contains(p.kind));
        prop_assume!(own.is_some());
        let toks = tokens(doc.text(own.unwrap().span));
        prop_assume!(toks.len() >= a % 7 + len);
        let words: Vec<String> = toks[a % 7..a % 7 + len].iter().map(|t| t.term.clone()).collect();
        let q = format!("\"{}\"", words.join(" "));
        let r = find(&q);
        prop_assert!(r.total >= 1, "{q} should find its own statement");
        for h in &r.hits {
            let st = &corpus.statements[h.statement as usize];
            let d = corpus.document_of(st);
            // Its exact words, in a passage of the speaker's own words.
            let found = st.passages.iter().filter(|p| Kinds::OWN_WORDS.contains(p.kind)).any(|p| {
                let terms: Vec<String> = tokens(d.text(p.span)).into_iter().map(|t| t.term).collect();
                terms.windows(words.len()).any(|w| w == words.as_slice())
            });
            prop_assert!(found, "{q} hit {} without the phrase", st.id);
        }
    }

    #[test]
    fn adding_a_filter_never_adds_a_hit(q in "(human|rights|china|cooperation|covid|the|\"shared future\"| ){1,4}", f in 0usize..4) {
        let filter = ["year:2020", "speaker:zhao", "topic:covid-19", "venue:press"][f];
        let base = find(&q);
        let filtered = find(&format!("{q} {filter}"));
        prop_assert!(filtered.total <= base.total);
        let base_ids = ids(&base);
        for id in ids(&filtered) {
            prop_assert!(base_ids.contains(&id));
        }
    }

    /// Facets are counted directly when few statements match and by subtraction from
    /// the corpus totals when most do: both must equal a count over every hit.
    #[test]
    fn facets_equal_a_recount_of_every_hit(q in "(human|rights|china|the|cooperation|-covid|year:2020|speaker:zhao| ){0,4}") {
        let (corpus, index) = seed();
        let r = search(corpus, index, &q, Sort::Relevance, usize::MAX);
        prop_assert_eq!(r.hits.len(), r.total);
        let mut expected = tifa_core::search::engine::Facets::default();
        let count = |v: &mut Vec<(u32, u32)>, k: u32| match v.iter_mut().find(|(i, _)| *i == k) {
            Some((_, c)) => *c += 1,
            None => v.push((k, 1)),
        };
        let mut years: Vec<(u32, u32)> = Vec::new();
        for h in &r.hits {
            let s = &corpus.statements[h.statement as usize];
            count(&mut expected.speakers, s.speaker);
            if let Some(v) = s.venue {
                count(&mut expected.venues, v);
            }
            for &t in &s.topics {
                count(&mut expected.topics, t);
            }
            if let Some(d) = s.date.date {
                count(&mut years, d.year as u32);
            }
        }
        let ranked = |mut v: Vec<(u32, u32)>| {
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        };
        prop_assert_eq!(&r.facets.speakers, &ranked(expected.speakers));
        prop_assert_eq!(&r.facets.venues, &ranked(expected.venues));
        prop_assert_eq!(&r.facets.topics, &ranked(expected.topics));
        years.sort_by_key(|y| std::cmp::Reverse(y.0));
        let years: Vec<(u16, u32)> = years.into_iter().map(|(y, c)| (y as u16, c)).collect();
        prop_assert_eq!(&r.facets.years, &years);
    }
}

proptest! {
    /// `ranked` lists exactly what `search` finds, in the same order, for both sorts.
    #[test]
    fn ranked_is_the_whole_result_list_in_order(
        q in "(human|rights|china|the|cooperation|-covid|year:2020|\"shared future\"| ){0,4}",
        by_date in any::<bool>(),
    ) {
        let (corpus, index) = seed();
        let sort = if by_date { Sort::Date } else { Sort::Relevance };
        let all = search(corpus, index, &q, sort, usize::MAX);
        let order: Vec<u32> = all.hits.iter().map(|h| h.statement).collect();
        prop_assert_eq!(ranked(corpus, index, &parse(&q), sort), order);
    }

    /// URL filters (entity indices and a date range) keep only statements that pass
    /// them, and every such statement the query alone finds.
    #[test]
    fn url_filters_keep_exactly_the_statements_that_pass(
        q in "(human|rights|china|the|cooperation| ){0,3}",
        speaker in proptest::option::of(0u32..4),
        topic in proptest::option::of(0u32..6),
        from_year in proptest::option::of(2019u16..2025),
    ) {
        let (corpus, index) = seed();
        let mut query = parse(&q);
        query.speaker_ids.extend(speaker);
        query.topic_ids.extend(topic);
        let from = from_year.map(|year| PartialDate { year, month: None, day: None });
        query.narrow_dates(from, None);
        let passes = |i: u32| {
            let s = &corpus.statements[i as usize];
            speaker.is_none_or(|x| s.speaker == x)
                && topic.is_none_or(|t| s.topics.contains(&t))
                && from_year.is_none_or(|y| s.date.date.is_some_and(|d| d.year >= y))
        };
        let filtered = ranked(corpus, index, &query, Sort::Relevance);
        let unfiltered = ranked(corpus, index, &parse(&q), Sort::Relevance);
        let expected: Vec<u32> = unfiltered.into_iter().filter(|&i| passes(i)).collect();
        prop_assert_eq!(filtered, expected);
    }
}

proptest! {
    /// With URL filters by id, a facet of a filtered kind counts as if its own filter
    /// were off, and the others count the results: the one-pass count equals a search
    /// run again without that filter (what the view used to do, once per facet).
    #[test]
    fn a_filtered_facet_counts_without_its_own_filter(
        q in "(human|rights|china|the|cooperation|speaker:zhao|venue:press|topic:covid-19| ){0,4}",
        speakers in proptest::collection::vec(0u32..5, 0..3),
        venues in proptest::collection::vec(0u32..4, 0..2),
        topics in proptest::collection::vec(0u32..13, 0..3),
    ) {
        let (corpus, index) = seed();
        let mut query = parse(&q);
        query.speaker_ids = speakers;
        query.venue_ids = venues;
        query.topic_ids = topics;
        let r = run(corpus, index, query.clone(), Sort::Relevance, 0..0);
        prop_assert_eq!(r.total, ranked(corpus, index, &query, Sort::Relevance).len());
        for kind in EntityKind::ALL {
            let mut without = query.clone();
            let own = std::mem::take(without.ids_mut(kind));
            let expected = if own.is_empty() {
                r.facets.counts(kind).clone()
            } else {
                run(corpus, index, without, Sort::Relevance, 0..0).facets.counts(kind).clone()
            };
            prop_assert_eq!(r.facets.counts(kind), &expected, "{:?}", kind);
        }
        // Years count the results themselves.
        let years: u32 = r.facets.years.iter().map(|(_, c)| c).sum();
        let dated = ranked(corpus, index, &query, Sort::Relevance)
            .into_iter()
            .filter(|&i| corpus.statements[i as usize].date.date.is_some())
            .count();
        prop_assert_eq!(years as usize, dated);
    }
}

proptest! {
    /// `*` inside quotes in search: any one word. A phrase with it finds exactly the
    /// statements one of its fillings finds.
    #[test]
    fn a_star_in_a_searched_phrase_is_any_one_word(
        texts in proptest::collection::vec(
            proptest::collection::vec(0usize..6, 1..25), 1..25),
        a in 0usize..6, b in 0usize..6,
    ) {
        const V: [&str; 6] = ["state", "of", "the", "union", "our", "strong"];
        let rows: Vec<Vec<(tifa_model::PassageKind, String)>> = texts
            .iter()
            .map(|w| vec![(tifa_model::PassageKind::Quote,
                w.iter().map(|&i| V[i]).collect::<Vec<_>>().join(" "))])
            .collect();
        let bundle = common::corpus(&rows);
        let (c, i) = (&bundle.corpus, &bundle.index);
        let find = |q: &str| {
            let mut v = ranked(c, i, &parse(q), Sort::Relevance);
            v.sort_unstable();
            v
        };
        let star = find(&format!("\"{} * {}\"", V[a], V[b]));
        let mut union: Vec<u32> = V
            .iter()
            .flat_map(|w| find(&format!("\"{} {w} {}\"", V[a], V[b])))
            .collect();
        union.sort_unstable();
        union.dedup();
        prop_assert_eq!(star, union);
    }
}

#[test]
fn a_star_at_the_edge_of_a_phrase_is_ignored_with_a_note() {
    let q = parse("\"* shared future\"");
    assert_eq!(q.required, vec![vec![Term::phrase(&["shared", "future"])]]);
    assert_eq!(q.notes.len(), 1, "{:?}", q.notes);
    let r = search(
        seed().0,
        seed().1,
        "\"field of * rights\"",
        Sort::Relevance,
        5,
    );
    assert!(r.total > 0);
    let hit = &r.hits[0];
    let doc = seed()
        .0
        .document_of(&seed().0.statements[hit.statement as usize]);
    let marked: Vec<&str> = hit.matches.iter().map(|m| doc.text(*m)).collect();
    assert!(
        marked
            .windows(4)
            .any(|w| w[0].eq_ignore_ascii_case("field") && w[1] == "of" && w[3] == "rights"),
        "{marked:?}"
    );
}

/// Regression: a statement passed a kind's filters when one of its topics was named in
/// the query (`topic:covid-19`) and another was among the URL's ids; the filters of one
/// kind must fit the same entity, as everywhere else.
#[test]
fn a_name_and_an_id_of_one_kind_must_fit_the_same_entity() {
    let (corpus, index) = seed();
    let mut query = parse("topic:covid-19");
    query.topic_ids = vec![4];
    query.speaker_ids = vec![4];
    let r = run(corpus, index, query.clone(), Sort::Relevance, 0..0);
    assert_eq!(
        r.total,
        ranked(corpus, index, &query, Sort::Relevance).len()
    );
}

#[test]
fn url_dates_narrow_the_query_dates() {
    let mut q = parse("from:2020 to:2022");
    let d = |s| Some(PartialDate::parse(s).unwrap());
    q.narrow_dates(d("2021-05"), d("2023"));
    assert_eq!((q.from, q.to), (d("2021-05"), d("2022")));
    q.narrow_dates(d("2019"), d("2021-12-31"));
    assert_eq!((q.from, q.to), (d("2021-05"), d("2021-12-31")));
}

proptest! {
    /// Pages of results, read one after another, are the whole ranked list: nothing a
    /// query finds is hidden behind a limit, and no result is on two pages.
    #[test]
    fn pages_of_hits_together_are_the_ranked_list(
        q in "(human|rights|china|the|cooperation|of|-the| ){0,4}",
        size in 1usize..9,
        date in any::<bool>(),
    ) {
        let (corpus, index) = seed();
        let sort = if date { Sort::Date } else { Sort::Relevance };
        let all = ranked(corpus, index, &parse(&q), sort);
        let mut paged = Vec::new();
        for start in (0..all.len() + size).step_by(size) {
            let r = run(corpus, index, parse(&q), sort, start..start + size);
            prop_assert_eq!(r.total, all.len());
            paged.extend(r.hits.iter().map(|h| h.statement));
        }
        prop_assert_eq!(paged, all);
    }
}

/// Oldest first: the same statements as newest first, their dates never going back.
#[test]
fn oldest_first_is_every_result_in_date_order() {
    let (corpus, index) = seed();
    for q in ["", "rights", "cooperation", "\"human rights\""] {
        let oldest = ranked(corpus, index, &parse(q), Sort::Oldest);
        let mut newest = ranked(corpus, index, &parse(q), Sort::Date);
        assert!(!oldest.is_empty(), "{q}");
        let day = |i: &u32| {
            corpus.statements[*i as usize]
                .date
                .date
                .map(|d| d.first_day())
        };
        let days: Vec<_> = oldest.iter().map(day).collect();
        assert!(
            days.windows(2).all(|w| match (w[0], w[1]) {
                (Some(a), Some(b)) => a <= b,
                _ => true,
            }),
            "{q}: {days:?}"
        );
        let mut same = oldest.clone();
        same.sort();
        newest.sort();
        assert_eq!(same, newest, "{q}");
    }
}

/// Regression: positions were `passage × 1000 + word`, so in passages longer than 1000
/// words two passages shared positions, and a phrase matched across them ("alpha" at
/// the start of the second passage, "beta" as the 1002nd word of the first).
#[test]
fn a_phrase_never_spans_two_long_passages() {
    use tifa_model::PassageKind::Quote;
    let first = format!("{} beta", "filler ".repeat(1001));
    let b = common::corpus(&[vec![(Quote, first), (Quote, "alpha gamma".to_string())]]);
    let found = |q: &str| search(&b.corpus, &b.index, q, Sort::Relevance, 10).total;
    assert_eq!(found("\"alpha beta\""), 0);
    assert_eq!(found("\"filler beta\""), 1);
    assert_eq!(found("\"alpha gamma\""), 1);
}

const PHRASE_VOCAB: [&str; 10] = [
    "share", "shared", "sharing", "future", "futures", "for", "of", "the", "Shared", "État",
];

proptest! {
    /// A quoted phrase (with `*` for any one word) finds exactly the statements where
    /// reading the words finds its exact (folded) words in a row within one passage:
    /// "shared future" never finds "share futures".
    #[test]
    fn a_phrase_finds_exactly_what_reading_the_words_finds(
        statements in proptest::collection::vec(
            proptest::collection::vec(proptest::collection::vec(0usize..PHRASE_VOCAB.len(), 0..25), 1..3),
            1..30,
        ),
        phrase in proptest::collection::vec(prop_oneof![5 => (0usize..PHRASE_VOCAB.len()).prop_map(Some), 1 => Just(None)], 2..4),
    ) {
        use tifa_model::PassageKind::Quote;
        prop_assume!(phrase.first().is_some_and(Option::is_some) && phrase.last().is_some_and(Option::is_some));
        let rows: Vec<Vec<_>> = statements
            .iter()
            .map(|ps| ps.iter().map(|w| (Quote, w.iter().map(|&i| PHRASE_VOCAB[i]).collect::<Vec<_>>().join(" "))).collect())
            .collect();
        let b = common::corpus(&rows);
        let words: Vec<&str> = phrase.iter().map(|w| w.map_or("*", |i| PHRASE_VOCAB[i])).collect();
        let q = format!("\"{}\"", words.join(" "));
        let want: Vec<Option<String>> = phrase
            .iter()
            .map(|w| w.map(|i| tokens(PHRASE_VOCAB[i])[0].term.clone()))
            .collect();
        let expected: Vec<u32> = b.corpus.statements.iter().enumerate().filter(|(_, s)| {
            let d = b.corpus.document_of(s);
            s.passages.iter().any(|p| {
                let terms: Vec<String> = tokens(d.text(p.span)).into_iter().map(|t| t.term).collect();
                terms.windows(want.len()).any(|w| w.iter().zip(&want).all(|(s, x)| x.as_ref().is_none_or(|x| x == s)))
            })
        }).map(|(i, _)| i as u32).collect();
        let mut got = ranked(&b.corpus, &b.index, &parse(&q), Sort::Relevance);
        got.sort_unstable();
        prop_assert_eq!(got, expected, "{}", q);
    }
}
