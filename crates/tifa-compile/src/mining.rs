//! `mining.toml` (optional): the thresholds of the recurring formulations and of reuse
//! (`crate::discover`), each with its default when left out:
//!
//! ```toml
//! [formulations]
//! min_words = 3          # fewest words in a formulation (at most 12)
//! min_chars = 6          # fewest characters, written in Chinese, Japanese or Korean
//! min_statements = 25    # fewest statements (default: one per 1,000, at least 2)
//! max_listed = 500       # most formulations kept, the best ranked
//! kinds = ["quote", "reported"]   # the passage kinds mined (the speaker's own words)
//!
//! [reuse]
//! min_words = 8          # fewest words two passages share in a row
//! ```

use super::{read_utf8, Diagnostic, FileReport};
use crate::mine::Settings;
use serde::Deserialize;
use std::path::Path;
use tifa_model::Kinds;
use tifa_model::PassageKind;
use toml::Spanned;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MiningFile {
    #[serde(default)]
    formulations: Formulations,
    #[serde(default)]
    reuse: Reuse,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Formulations {
    min_words: Option<Spanned<i64>>,
    min_chars: Option<Spanned<i64>>,
    min_statements: Option<Spanned<i64>>,
    max_listed: Option<Spanned<i64>>,
    kinds: Option<Spanned<Vec<String>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Reuse {
    min_words: Option<Spanned<i64>>,
}

/// The settings of `path`, reporting each value out of range; defaults where absent.
pub(super) fn read(path: &Path, diags: &mut Vec<Diagnostic>) -> Settings {
    let mut settings = Settings::default();
    let Some(text) = read_utf8(path, diags) else {
        return settings;
    };
    let mut rep = FileReport {
        path: path.to_path_buf(),
        text,
        out: diags,
    };
    let Some(file) = rep.parse_toml::<MiningFile>("mining file") else {
        return settings;
    };
    let mut take = |name: &str, value: Option<Spanned<i64>>, lo: i64, hi: i64| -> Option<u32> {
        let v = value?;
        let n = *v.get_ref();
        if (lo..=hi).contains(&n) {
            Some(n as u32)
        } else {
            rep.at(
                v.span().start,
                format!("{name} must be from {lo} to {hi}, not {n}"),
            );
            None
        }
    };
    let f = file.formulations;
    let max_words = tifa_core::discover::MAX_WORDS as i64;
    if let Some(n) = take("formulations.min_words", f.min_words, 2, max_words) {
        settings.min_words = n;
    }
    if let Some(n) = take("formulations.min_chars", f.min_chars, 3, max_words + 1) {
        settings.min_chars = n;
    }
    if let Some(n) = take(
        "formulations.min_statements",
        f.min_statements,
        2,
        1_000_000,
    ) {
        settings.min_statements = Some(n);
    }
    if let Some(n) = take("formulations.max_listed", f.max_listed, 0, 100_000) {
        settings.max_formulations = n;
    }
    if let Some(n) = take("reuse.min_words", file.reuse.min_words, 2, 1_000) {
        settings.reuse_words = n;
    }
    if let Some(kinds) = f.kinds {
        let parsed: Option<Vec<PassageKind>> = kinds
            .get_ref()
            .iter()
            .map(|k| PassageKind::parse(k))
            .collect();
        match parsed {
            Some(list) if !list.is_empty() => settings.kinds = Kinds::of(&list),
            _ => rep.at(
                kinds.span().start,
                format!(
                    "formulations.kinds must list passage kinds (quote, reported, narration, question), not {:?}",
                    kinds.get_ref()
                ),
            ),
        }
    }
    settings
}
