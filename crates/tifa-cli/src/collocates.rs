//! `tifa collocates`: a word's or an exact phrase's collocates in the statements a link's
//! filters leave in, printed as a table (`tifa_view::collocates` computes it;
//! `docs/statistics.md` has the formulas).

use crate::{bundle_or_report, filtered};
use std::path::Path;
use std::process::ExitCode;
use tifa_view::collocates::{collocates, Settings};

/// Prints the list (at most `top` rows) and its part; notes go to stderr.
pub fn run(
    dir: &Path,
    node: &str,
    filters: Option<&str>,
    settings: &Settings,
    top: usize,
) -> Result<ExitCode, String> {
    let Some(bundle) = bundle_or_report(dir) else {
        return Ok(ExitCode::from(1));
    };
    let state = filtered(filters, Some(node));
    let c = collocates(&bundle, &state, settings);
    for note in &c.notes {
        eprintln!("note: {note}");
    }
    println!(
        "node      “{}”: {} times in {} statements ({} words{})",
        c.node.join(" "),
        c.node_frequency,
        c.statements,
        c.words,
        filters.map(|f| format!(", {f}")).unwrap_or_default()
    );
    println!(
        "window    {} left, {} right, inside a passage; {} collocates seen at least {} times",
        c.left,
        c.right,
        c.rows.len(),
        settings.min_together
    );
    println!(
        "{:>4}  {:<24} {:>6} {:>5} {:>5} {:>7} {:>8} {:>6} {:>6} {:>7} {:>8} {:>7}",
        "rank",
        "collocate",
        "with",
        "L",
        "R",
        "freq",
        "expected",
        "MI",
        "MI3",
        "T",
        "LL",
        "logDice"
    );
    for (i, r) in c.rows.iter().take(top).enumerate() {
        let m = &r.measures;
        println!(
            "{:>4}  {:<24} {:>6} {:>5} {:>5} {:>7} {:>8.2} {:>6.2} {:>6.2} {:>7.2} {:>8.2} {:>7.2}",
            i + 1,
            r.term,
            r.together,
            r.left,
            r.right,
            r.frequency,
            m.expected,
            m.mi,
            m.mi3,
            m.t_score,
            m.log_likelihood,
            m.log_dice
        );
    }
    Ok(ExitCode::SUCCESS)
}
