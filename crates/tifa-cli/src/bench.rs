//! `tifa bench`: native search latency per query class, on one compiled corpus.
//!
//! The query classes are chosen the way the in-browser benchmark
//! (`tests/bench/search.mjs`) chooses them, from the corpus's own document
//! frequencies, so the two can be read side by side. Figures only; nothing is asserted.

use std::collections::{HashMap, HashSet};
use std::time::Instant;
use tifa_core::search::{engine, index::Index, query};
use tifa_model::Corpus;

const STOP: &str = "that this with which from have been will their there they them than into \
also were what when where such more most other only very should would could these those about";

/// (class, query) pairs, as in `chooseQueries` of tests/bench/search.mjs.
pub fn choose_queries(corpus: &Corpus) -> Vec<(&'static str, String)> {
    let stop: HashSet<&str> = STOP.split_whitespace().collect();
    let mut df: HashMap<String, u32> = HashMap::new();
    for s in corpus.statements.iter().take(3000) {
        let doc = corpus.document_of(s);
        let text: String = s
            .passages
            .iter()
            .map(|p| doc.text(p.span))
            .collect::<Vec<_>>()
            .join("\n\n")
            .to_lowercase();
        let words: HashSet<&str> = text
            .split(|c: char| !c.is_ascii_lowercase())
            .filter(|w| w.len() >= 4 && !stop.contains(w))
            .collect();
        for w in words {
            *df.entry(w.to_owned()).or_default() += 1;
        }
    }
    let mut by_df: Vec<(String, u32)> = df.into_iter().collect();
    by_df.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if by_df.len() < 3 {
        return vec![
            ("phrase", "\"shared future\"".into()),
            ("nohit", "zzqxv".into()),
        ];
    }
    let third = by_df.len() / 3;
    vec![
        ("frequent", by_df[0].0.clone()),
        ("medium", by_df[third].0.clone()),
        ("rare", by_df[by_df.len() - 1].0.clone()),
        (
            "multi",
            format!("{} {}", by_df[third].0, by_df[third + 1].0),
        ),
        ("phrase", "\"shared future\"".into()),
        ("prefix", "multilat*".into()),
        ("nohit", "zzqxv".into()),
    ]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let k = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[k.min(sorted.len() - 1)]
}

/// `search` run `reps` times: the times (ms, sorted) and the number of matches it
/// returned.
fn timed(reps: usize, search: impl Fn() -> usize) -> (Vec<f64>, usize) {
    let mut samples = Vec::with_capacity(reps);
    let mut total = 0;
    for _ in 0..reps {
        let t = Instant::now();
        total = search();
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    samples.sort_by(f64::total_cmp);
    (samples, total)
}

/// One search for the 20 best hits with snippets and facets; its number of hits.
fn top20(corpus: &Corpus, index: &Index, q: &str) -> usize {
    engine::search(corpus, index, q, engine::Sort::Relevance, 20).total
}

/// Prints a table of latencies (ms) per class and overall, top-20 with snippets.
pub fn run(corpus: &Corpus, index: &Index, reps: usize) {
    let queries = choose_queries(corpus);
    let mut all = Vec::new();
    println!(
        "{:<9} {:<28} {:>8} {:>8} {:>8} {:>8}",
        "class", "query", "hits", "p50 ms", "p95 ms", "max ms"
    );
    let only = std::env::var("TIFA_ONLY").ok();
    for (class, q) in &queries {
        if only.as_deref().is_some_and(|o| o != *class) {
            continue;
        }
        let (samples, total) = timed(reps, || top20(corpus, index, q));
        all.extend_from_slice(&samples);
        println!(
            "{class:<9} {q:<28} {total:>8} {:>8.3} {:>8.3} {:>8.3}",
            percentile(&samples, 0.5),
            percentile(&samples, 0.95),
            samples[samples.len() - 1]
        );
    }
    all.sort_by(f64::total_cmp);
    if all.is_empty() {
        // TIFA_ONLY named no class.
        return;
    }
    println!(
        "{:<9} {:<28} {:>8} {:>8.3} {:>8.3} {:>8.3}",
        "all",
        "",
        "",
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        all[all.len() - 1]
    );
}

/// The queries typed by the in-browser keystroke harness (`tests/bench/keystroke.mjs`).
pub const TYPED: [&str; 8] = [
    "human rights",
    "\"shared future\"",
    "cooperation -covid",
    "multilateral*",
    "development",
    "sovereignty and territorial integrity",
    "win-win cooperation",
    "interference internal affairs",
];

/// The engine's share of a keystroke: every prefix of [`TYPED`] searched as the
/// search view searches it (top 20 with snippets and facets; when nothing is found and
/// the last word may be unfinished, that word as a beginning, counted); prints
/// percentiles over all prefixes and the slowest ones.
pub fn typing(corpus: &Corpus, index: &Index, reps: usize) {
    let mut per_prefix = Vec::new();
    for q in TYPED {
        for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
            let prefix = &q[..end];
            let (samples, total) = timed(reps, || {
                let total = top20(corpus, index, prefix);
                if let (0, Some((wider, _))) = (total, query::as_prefix(prefix)) {
                    std::hint::black_box(engine::matching(corpus, index, &query::parse(&wider)));
                }
                total
            });
            per_prefix.push((percentile(&samples, 0.5), prefix, total));
        }
    }
    let mut ms: Vec<f64> = per_prefix.iter().map(|p| p.0).collect();
    ms.sort_by(f64::total_cmp);
    println!(
        "\ntyping: {} prefixes (median of {reps} runs each): p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.95),
        ms[ms.len() - 1]
    );
    per_prefix.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, prefix, total) in per_prefix.iter().take(8) {
        println!("  {t:>7.3} ms  {total:>6} hits  {prefix}");
    }
}

/// The tracker's numbers and the concordance's first page, as the views compute them
/// (`tifa_view`): a frequent phrase alone, three formulations together, and every
/// occurrence of a frequent word.
pub fn formulations(bundle: &tifa_core::blob::Bundle, reps: usize) {
    use tifa_view::url_state::parse;
    println!(
        "\n{:<40} {:>10} {:>8} {:>8} {:>8}",
        "tracker / concordance", "found", "p50 ms", "p95 ms", "max ms"
    );
    let tracked = [
        ("\"shared future\"", "?f=%22shared+future%22"),
        (
            "3 formulations",
            "?f=%22shared+future%22&f=human+OR+humanity&f=%22for+*+of%22",
        ),
    ];
    for (name, url) in tracked {
        let state = parse(url).state;
        let request = tifa_view::tracker::Request::of(bundle, &state);
        let (samples, found) = timed(reps, || {
            tifa_view::tracker::track(bundle, &request)
                .series
                .iter()
                .map(|s| s.statements as usize)
                .sum()
        });
        row(&format!("track {name}"), found, &samples);
    }
    let state = parse("?view=kwic&q=human").state;
    let (samples, lines) = timed(reps, || {
        tifa_view::concordance::concordance(bundle, &state).total
    });
    row("concordance: human, first page", lines, &samples);
    let state = parse("?view=formulations").state;
    let (samples, listed) = timed(reps, || {
        tifa_view::formulations::list(bundle, &state).map_or(0, |f| f.total)
    });
    row("formulations list", listed, &samples);
}

fn row(name: &str, found: usize, samples: &[f64]) {
    println!(
        "{name:<40} {found:>10} {:>8.2} {:>8.2} {:>8.2}",
        percentile(samples, 0.5),
        percentile(samples, 0.95),
        samples[samples.len() - 1]
    );
}

/// Two long statements (about 8,000 words each, in 76 passages, made of the corpus's own
/// passages: the second shares half of the first's, some with words changed) compared
/// as the comparison view compares them: similarity, shared phrases, aligned passages.
pub fn long_statements(corpus: &Corpus, reps: usize) {
    use tifa_compare::{align, shared_phrases, similarity, Words, MIN_PHRASE_WORDS};
    let texts: Vec<&str> = corpus
        .statements
        .iter()
        .flat_map(|s| {
            let doc = corpus.document_of(s);
            s.passages.iter().map(move |p| doc.text(p.span))
        })
        .filter(|t| t.split_whitespace().count() >= 40)
        .collect();
    if texts.len() < 200 {
        println!("\n(long statements: the corpus has too few long passages)");
        real_long_statements(corpus, reps);
        return;
    }
    // 76 passages of ~105 words each; the second statement keeps every other passage
    // of the first (a word dropped from each), and adds passages of its own.
    let long = |from: usize| -> Vec<String> {
        (0..76)
            .map(|k| texts[from + 2 * k..from + 2 * k + 2].join(" "))
            .collect()
    };
    let first = long(0);
    let mut second: Vec<String> = Vec::new();
    for (k, p) in first.iter().enumerate() {
        if k % 2 == 0 {
            second.push(
                p.split(' ')
                    .enumerate()
                    .filter(|(i, _)| i % 17 != 5)
                    .map(|(_, w)| w)
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        } else {
            second.push(long(200)[k].clone());
        }
    }
    let (a, b) = (
        Words::from_texts(&first.iter().map(String::as_str).collect::<Vec<_>>()),
        Words::from_texts(&second.iter().map(String::as_str).collect::<Vec<_>>()),
    );
    println!(
        "\n{:<40} {:>10} {:>8} {:>8} {:>8}",
        "compare two long statements", "words", "p50 ms", "p95 ms", "max ms"
    );
    let words = a.words.len() + b.words.len();
    let (samples, _) = timed(reps, || (similarity(&a, &b) * 1000.0) as usize);
    row("similarity", words, &samples);
    let both = [a.clone(), b.clone()];
    let (samples, _) = timed(reps, || shared_phrases(&both, MIN_PHRASE_WORDS).len());
    row("shared phrases", words, &samples);
    let (samples, _) = timed(reps, || align(&a, &b).len());
    row("aligned passages (with word diffs)", words, &samples);
    // Unrelated: two long statements that share no passage (the aligned comparison's
    // slow case: nothing pairs at once, every pair is scored).
    let other = long(400);
    let c = Words::from_texts(&other.iter().map(String::as_str).collect::<Vec<_>>());
    let (samples, _) = timed(reps, || align(&a, &c).len());
    row(
        "aligned, unrelated statements",
        a.words.len() + c.words.len(),
        &samples,
    );
    real_long_statements(corpus, reps);
}

/// The corpus's own long statements (4,000 words or more), when it has them: the two
/// nearest 8,000 words from different years, and the two longest from different years,
/// compared as the comparison view compares them.
fn real_long_statements(corpus: &Corpus, reps: usize) {
    use tifa_compare::{align, shared_phrases, similarity, Words, MIN_PHRASE_WORDS};
    let words_of = |s: &tifa_model::Statement| -> Words {
        let doc = corpus.document_of(s);
        let texts: Vec<&str> = s.passages.iter().map(|p| doc.text(p.span)).collect();
        Words::from_texts(&texts)
    };
    let mut long: Vec<(usize, u16, usize)> = corpus
        .statements
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let n = words_of(s).words.len();
            (n >= 4000).then(|| (n, s.date.date.map_or(0, |d| d.year), i))
        })
        .collect();
    if long.len() < 2 {
        return;
    }
    // A pair from different years: the first of `order`, then the next of another year.
    let pair = |order: &[(usize, u16, usize)]| -> Option<(usize, usize)> {
        let first = order[0];
        let second = order[1..].iter().find(|x| x.1 != first.1)?;
        Some((first.2, second.2))
    };
    long.sort_by_key(|&(n, _, i)| (n.abs_diff(8000), i));
    let near = pair(&long);
    long.sort_by_key(|&(n, _, i)| (std::cmp::Reverse(n), i));
    let longest = pair(&long);
    for (name, found) in [("about 8,000 words", near), ("the longest", longest)] {
        let Some((x, y)) = found else { continue };
        let (sx, sy) = (&corpus.statements[x], &corpus.statements[y]);
        let (a, b) = (words_of(sx), words_of(sy));
        println!(
            "\ncompare this corpus's own long statements, {name}: {} ({} words, {} passages) and {} ({} words, {} passages)",
            sx.id,
            a.words.len(),
            a.passages.len(),
            sy.id,
            b.words.len(),
            b.passages.len()
        );
        let words = a.words.len() + b.words.len();
        let (samples, _) = timed(reps, || (similarity(&a, &b) * 1000.0) as usize);
        row("similarity", words, &samples);
        let both = [a.clone(), b.clone()];
        let (samples, _) = timed(reps, || shared_phrases(&both, MIN_PHRASE_WORDS).len());
        row("shared phrases", words, &samples);
        let (samples, _) = timed(reps, || align(&a, &b).len());
        row("aligned passages (with word diffs)", words, &samples);
    }
}
