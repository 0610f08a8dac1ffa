//! `tifa clusters`: the recurring runs of N words in the statements a link's filters
//! leave in (holding a node, when one is given), with their range and DP over years,
//! printed as a table (`tifa_view::clusters` computes it; `docs/statistics.md` has the
//! formulas).

use crate::{bundle_or_report, filtered};
use std::path::Path;
use std::process::ExitCode;
use tifa_view::clusters::{clusters, Settings};

/// Prints the list (at most `top` rows) and its part; notes go to stderr.
pub fn run(
    dir: &Path,
    node: Option<&str>,
    filters: Option<&str>,
    settings: &Settings,
    top: usize,
) -> Result<ExitCode, String> {
    let Some(bundle) = bundle_or_report(dir) else {
        return Ok(ExitCode::from(1));
    };
    let state = filtered(filters, node);
    let c = clusters(&bundle, &state, settings);
    for note in &c.notes {
        eprintln!("note: {note}");
    }
    println!(
        "part      {} statements, {} words, {}{}",
        c.statements,
        c.words,
        tifa_view::words::count(c.years, "year", "years"),
        filters.map(|f| format!(" ({f})")).unwrap_or_default()
    );
    println!(
        "clusters  {} of {} words{} seen at least {} times",
        c.rows.len(),
        settings.n,
        node.map(|n| format!(" holding “{n}”")).unwrap_or_default(),
        settings.min_frequency
    );
    println!(
        "{:>4}  {:<40} {:>7} {:>10} {:>8} {:>5} {:>6}",
        "rank", "cluster", "freq", "statements", "speakers", "years", "DP"
    );
    for (i, r) in c.rows.iter().take(top).enumerate() {
        println!(
            "{:>4}  {:<40} {:>7} {:>10} {:>8} {:>5} {:>6}",
            i + 1,
            r.ngram,
            r.frequency,
            r.statements,
            r.speakers,
            r.years,
            r.dp.map_or_else(|| "—".to_owned(), |d| format!("{d:.3}"))
        );
    }
    Ok(ExitCode::SUCCESS)
}
