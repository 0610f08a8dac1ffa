//! `tifa keywords`: the keyword list of a target against a reference, each given as a
//! link's query string (the filters of any view: `speaker=wang-yi&from=2010`), printed
//! as a table (`tifa_view::keywords` computes it; `docs/statistics.md` has the formulas).

use crate::{bundle_or_report, link_query};
use std::path::Path;
use std::process::ExitCode;
use tifa_view::keywords::{keywords, Settings};
use tifa_view::url_state::parse;

/// Prints the list (at most `top` rows), its parts and its level; notes go to stderr.
pub fn run(
    dir: &Path,
    target: &str,
    reference: Option<&str>,
    settings: &Settings,
    top: usize,
) -> Result<ExitCode, String> {
    let Some(bundle) = bundle_or_report(dir) else {
        return Ok(ExitCode::from(1));
    };
    let parsed = parse(&link_query(target));
    let other = reference.map(|r| parse(&link_query(r)));
    for notice in parsed
        .notices
        .iter()
        .chain(other.iter().flat_map(|o| &o.notices))
    {
        eprintln!("note: {notice}");
    }
    let k = keywords(
        &bundle,
        &parsed.state,
        other.as_ref().map(|o| &o.state),
        settings,
    );
    for note in &k.notes {
        eprintln!("note: {note}");
    }
    println!(
        "target    {target}: {} statements, {} words",
        k.target.statements, k.target.words
    );
    println!(
        "reference {}: {} statements, {} words",
        reference.unwrap_or("the rest of the corpus"),
        k.reference.statements,
        k.reference.words
    );
    println!(
        "{} {} compared; significant at p < {:.3e}{}; {} {} keywords, by {}",
        k.compared,
        if settings.stems {
            "stems"
        } else {
            "word forms"
        },
        k.level,
        if settings.bonferroni {
            " (0.05, Bonferroni-corrected)"
        } else {
            ""
        },
        k.rows.len(),
        if settings.negative {
            "negative"
        } else {
            "positive"
        },
        if settings.by_log_ratio {
            "Log Ratio"
        } else {
            "log-likelihood"
        },
    );
    println!(
        "{:>4}  {:<28} {:>8} {:>10} {:>8} {:>10} {:>10} {:>7} {:>10}",
        "rank", "word", "target", "per mill.", "ref.", "per mill.", "G²", "LR", "p"
    );
    for (i, r) in k.rows.iter().take(top).enumerate() {
        println!(
            "{:>4}  {:<28} {:>8} {:>10.1} {:>8} {:>10.1} {:>10.2} {:>7.2} {:>10.2e}",
            i + 1,
            r.term,
            r.target,
            r.target_per_million,
            r.reference,
            r.reference_per_million,
            r.g2,
            r.log_ratio,
            r.p
        );
    }
    Ok(ExitCode::SUCCESS)
}
