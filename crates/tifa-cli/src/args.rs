//! The command line, read with `lexopt` (a small, dependency-free parser): one
//! [`Command`] with its options, or a sentence saying what is wrong (exit status 2).

use lexopt::prelude::*;
use std::ffi::OsString;
use std::path::PathBuf;

/// What `tifa` is asked to do.
#[derive(Debug, PartialEq)]
pub enum Command {
    Check {
        corpus: PathBuf,
    },
    Export {
        corpus: PathBuf,
        out: Option<PathBuf>,
        /// A folder to write the corpus into as import rows (`--rows DIR`).
        rows: Option<PathBuf>,
    },
    Synth {
        statements: usize,
        out: PathBuf,
        seed: u64,
        /// The first statements that are long addresses (`--long N`).
        long: usize,
        /// Every statement a row of one document (`--one-document`).
        one_document: bool,
        /// Instead: two documents holding the same text of this many words
        /// (`--shared-words W`).
        shared_words: Option<usize>,
    },
    Stats {
        corpus: PathBuf,
    },
    /// The mined formulations as the app lists them (`--top N`, default 30).
    Mine {
        corpus: PathBuf,
        top: usize,
    },
    Bench {
        corpus: PathBuf,
        reps: usize,
    },
    /// The keywords of a target against a reference, each a link's query string.
    Keywords {
        corpus: PathBuf,
        target: String,
        reference: Option<String>,
        settings: tifa_view::keywords::Settings,
        top: usize,
    },
    /// A node's collocates in the statements a link's filters leave in.
    Collocates {
        corpus: PathBuf,
        node: String,
        filters: Option<String>,
        settings: tifa_view::collocates::Settings,
        top: usize,
    },
    /// Recurring runs of words in the statements a link's filters leave in (holding a
    /// node, when one is given).
    Clusters {
        corpus: PathBuf,
        node: Option<String>,
        filters: Option<String>,
        settings: tifa_view::clusters::Settings,
        top: usize,
    },
    /// The corpus cut into the sharded packing in `out`, with what it costs; `queries`
    /// measured (`--query Q`, again for more; some defaults without).
    Shards {
        corpus: PathBuf,
        out: PathBuf,
        queries: Vec<String>,
    },
    /// The files a site serves beside its Wasm, made from the corpus (`--out DIR`).
    SiteFiles {
        corpus: PathBuf,
        out: PathBuf,
        /// `--shards`: the corpus in the sharded packing too, its pieces at most
        /// `--piece-bytes N` each when given (else the default sizes).
        shards: Option<Option<usize>>,
    },
    Help,
}

/// The corpus folder when none is named.
const DEFAULT_CORPUS: &str = "corpus";

/// Reads the arguments after the program's name.
///
/// ```ignore
/// let c = parse(["bench", "corpus", "--reps", "5"].map(Into::into)).unwrap();
/// ```
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut p = lexopt::Parser::from_args(args);
    let command = match p.next().map_err(|e| e.to_string())? {
        Some(Value(c)) => c.string().map_err(|e| e.to_string())?,
        Some(Long("help") | Short('h')) => return Ok(Command::Help),
        Some(other) => return Err(other.unexpected().to_string()),
        None => return Err("no command".into()),
    };
    match command.as_str() {
        "check" | "export" | "synth" | "stats" | "bench" | "mine" | "site-files" | "keywords"
        | "collocates" | "clusters" | "shards" => {}
        "help" => return Ok(Command::Help),
        other => return Err(format!("unknown command {other:?}")),
    }
    let mut corpus: Option<PathBuf> = None;
    let (mut out, mut statements, mut seed, mut reps) = (None, None, None, None);
    let mut long = 0;
    let (mut one_document, mut shared_words) = (false, None);
    let mut rows = None;
    let mut top = 30;
    let mut queries = Vec::new();
    let (mut sharded, mut piece_bytes) = (false, None);
    let mut stats = StatsArgs::default();
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match (command.as_str(), arg) {
            (
                "check" | "export" | "stats" | "bench" | "mine" | "site-files" | "keywords"
                | "collocates" | "clusters" | "shards",
                Value(v),
            ) if corpus.is_none() => corpus = Some(v.into()),
            ("shards", Long("query")) => queries.push(text(&mut p)?),
            ("site-files", Long("shards")) => sharded = true,
            ("site-files", Long("piece-bytes")) => {
                piece_bytes = Some(number(&mut p, "--piece-bytes takes a whole number")?)
            }
            ("export" | "synth" | "site-files" | "shards", Long("out")) => {
                out = Some(PathBuf::from(value(&mut p)?))
            }
            ("export", Long("rows")) => rows = Some(PathBuf::from(value(&mut p)?)),
            ("synth", Long("statements")) => {
                statements = Some(number(&mut p, "--statements takes a whole number")?)
            }
            ("synth", Long("seed")) => seed = Some(number(&mut p, "--seed takes a whole number")?),
            ("synth", Long("long")) => long = number(&mut p, "--long takes a whole number")?,
            ("synth", Long("one-document")) => one_document = true,
            ("synth", Long("shared-words")) => {
                shared_words = Some(number(&mut p, "--shared-words takes a whole number")?)
            }
            (c @ ("keywords" | "collocates" | "clusters"), Long(name)) if name != "help" => {
                let name = name.to_owned();
                stats.take(c, &name, &mut p)?
            }
            ("mine", Long("top")) => top = number(&mut p, "--top takes a whole number")?,
            ("bench", Long("reps")) => {
                reps = Some(number(&mut p, "--reps takes a whole number above 0")?)
                    .filter(|&n: &usize| n > 0);
                if reps.is_none() {
                    return Err("--reps takes a whole number above 0".into());
                }
            }
            (_, Long("help") | Short('h')) => return Ok(Command::Help),
            ("synth", Value(_)) => return Err("synth takes only options".into()),
            (_, Value(_)) => return Err("too many arguments".into()),
            (_, other) => return Err(other.unexpected().to_string()),
        }
    }
    let corpus = || {
        corpus
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS))
    };
    Ok(match command.as_str() {
        "check" => Command::Check { corpus: corpus() },
        "export" if out.is_some() && rows.is_some() => {
            return Err("export takes --out FILE or --rows DIR, not both".into())
        }
        "export" => Command::Export {
            corpus: corpus(),
            out,
            rows,
        },
        "synth" => Command::Synth {
            statements: match (statements, shared_words) {
                (Some(_), Some(_)) => {
                    return Err("synth takes --statements N or --shared-words W, not both".into())
                }
                (Some(n), None) => n,
                (None, Some(_)) => 2,
                (None, None) => return Err("synth needs --statements N".into()),
            },
            out: out.ok_or("synth needs --out DIR")?,
            seed: seed.unwrap_or(2002),
            long,
            one_document,
            shared_words,
        },
        "stats" => Command::Stats { corpus: corpus() },
        "shards" => Command::Shards {
            corpus: corpus(),
            out: out.ok_or("shards needs --out DIR")?,
            queries,
        },
        "mine" => Command::Mine {
            corpus: corpus(),
            top,
        },
        "bench" => Command::Bench {
            corpus: corpus(),
            reps: reps.unwrap_or(30),
        },
        "keywords" => Command::Keywords {
            corpus: corpus(),
            target: stats.target.ok_or(
                "keywords needs --target QUERY (a link's query, e.g. \"speaker=wang-yi\")",
            )?,
            reference: stats.reference,
            settings: stats.kw,
            top: stats.top,
        },
        "collocates" => Command::Collocates {
            corpus: corpus(),
            node: stats
                .node
                .ok_or("collocates needs --node WORD (or a quoted phrase)")?,
            filters: stats.filters,
            settings: stats.co,
            top: stats.top,
        },
        "clusters" => Command::Clusters {
            corpus: corpus(),
            node: stats.node,
            filters: stats.filters,
            settings: stats.cl,
            top: stats.top,
        },
        "site-files" if piece_bytes.is_some() && !sharded => {
            return Err("--piece-bytes is the size of the pieces of --shards".into())
        }
        "site-files" => Command::SiteFiles {
            corpus: corpus(),
            out: out.ok_or("site-files needs --out DIR")?,
            shards: sharded.then_some(piece_bytes),
        },
        _ => unreachable!("checked before the options"),
    })
}

/// The options of the statistics commands (keywords, collocates, clusters).
struct StatsArgs {
    target: Option<String>,
    reference: Option<String>,
    node: Option<String>,
    filters: Option<String>,
    kw: tifa_view::keywords::Settings,
    co: tifa_view::collocates::Settings,
    cl: tifa_view::clusters::Settings,
    top: usize,
}

impl Default for StatsArgs {
    fn default() -> StatsArgs {
        StatsArgs {
            target: None,
            reference: None,
            node: None,
            filters: None,
            kw: Default::default(),
            co: Default::default(),
            cl: Default::default(),
            top: 30,
        }
    }
}

impl StatsArgs {
    /// Reads the option `--name` of `command` (and its value).
    fn take(&mut self, command: &str, name: &str, p: &mut lexopt::Parser) -> Result<(), String> {
        use tifa_view::url_state::statistics::By;
        let min = "--min takes a whole number";
        match (command, name) {
            (_, "top") => self.top = number(p, "--top takes a whole number")?,
            ("keywords", "target") => self.target = Some(text(p)?),
            ("keywords", "reference") => self.reference = Some(text(p)?),
            ("keywords", "stems") => self.kw.stems = true,
            ("keywords", "negative") => self.kw.negative = true,
            ("keywords", "by-log-ratio") => self.kw.by_log_ratio = true,
            ("keywords", "no-bonferroni") => self.kw.bonferroni = false,
            ("keywords", "min") => self.kw.min_frequency = number(p, min)?,
            ("collocates" | "clusters", "node") => self.node = Some(text(p)?),
            ("collocates" | "clusters", "filters") => self.filters = Some(text(p)?),
            ("collocates", "stems") => self.co.stems = true,
            ("collocates", "left") => self.co.left = span(p, "--left")?,
            ("collocates", "right") => self.co.right = span(p, "--right")?,
            ("collocates", "min") => self.co.min_together = number(p, min)?,
            ("collocates", "by") => {
                self.co.order = tifa_view::collocates::Measure::parse(&text(p)?)
                    .ok_or("--by takes together, mi, mi3, t, ll or logdice")?
            }
            ("clusters", "n") => {
                self.cl.n = number(p, "")
                    .ok()
                    .filter(|n: &usize| (2..=8).contains(n))
                    .ok_or("--n takes a whole number from 2 to 8")?
            }
            ("clusters", "min") => self.cl.min_frequency = number(p, min)?,
            ("clusters", "by") => {
                self.cl.order = match text(p)?.as_str() {
                    "freq" => By::Frequency,
                    "range" => By::Range,
                    "dp" => By::Dp,
                    "dp-desc" => {
                        self.cl.concentrated = true;
                        By::Dp
                    }
                    _ => return Err("--by takes freq, range, dp or dp-desc".into()),
                }
            }
            _ => return Err(format!("invalid option '--{name}'")),
        }
        Ok(())
    }
}

fn value(p: &mut lexopt::Parser) -> Result<OsString, String> {
    p.value().map_err(|e| e.to_string())
}

fn span(p: &mut lexopt::Parser, name: &str) -> Result<usize, String> {
    let max = tifa_view::collocates::MAX_SPAN;
    number(p, "")
        .ok()
        .filter(|&n: &usize| n <= max)
        .ok_or_else(|| format!("{name} takes a whole number from 0 to {max}"))
}

fn text(p: &mut lexopt::Parser) -> Result<String, String> {
    value(p)?
        .into_string()
        .map_err(|_| "an option's text is not UTF-8".to_string())
}

fn number<T: std::str::FromStr>(p: &mut lexopt::Parser, why: &str) -> Result<T, String> {
    value(p)?
        .into_string()
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| why.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(OsString::from))
    }

    #[test]
    fn commands_with_their_defaults() {
        assert_eq!(
            parsed(&["check"]),
            Ok(Command::Check {
                corpus: "corpus".into()
            })
        );
        assert_eq!(
            parsed(&["bench", "x", "--reps", "5"]),
            Ok(Command::Bench {
                corpus: "x".into(),
                reps: 5
            })
        );
        assert_eq!(
            parsed(&["synth", "--statements=10", "--out", "d"]),
            Ok(Command::Synth {
                long: 0,
                one_document: false,
                shared_words: None,
                statements: 10,
                out: "d".into(),
                seed: 2002
            })
        );
        assert_eq!(
            parsed(&["site-files", "c", "--out", "d"]),
            Ok(Command::SiteFiles {
                corpus: "c".into(),
                out: "d".into(),
                shards: None,
            })
        );
        assert_eq!(
            parsed(&[
                "site-files",
                "c",
                "--out",
                "d",
                "--shards",
                "--piece-bytes",
                "300"
            ]),
            Ok(Command::SiteFiles {
                corpus: "c".into(),
                out: "d".into(),
                shards: Some(Some(300)),
            })
        );
        assert!(parsed(&["site-files", "--out", "d", "--piece-bytes", "300"]).is_err());
        assert_eq!(parsed(&["--help"]), Ok(Command::Help));
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        assert_eq!(parsed(&[]), Err("no command".into()));
        assert_eq!(
            parsed(&["check", "a", "b"]),
            Err("too many arguments".into())
        );
        assert_eq!(
            parsed(&["export", "--bogus", "1"]),
            Err("invalid option '--bogus'".into())
        );
        assert_eq!(
            parsed(&["synth", "--statements", "x", "--out", "d"]),
            Err("--statements takes a whole number".into())
        );
        assert_eq!(
            parsed(&["synth", "--out", "d"]),
            Err("synth needs --statements N".into())
        );
        assert_eq!(
            parsed(&["bench", "--reps", "0"]),
            Err("--reps takes a whole number above 0".into())
        );
        assert_eq!(
            parsed(&["site-files", "c"]),
            Err("site-files needs --out DIR".into())
        );
        assert_eq!(parsed(&["frob"]), Err("unknown command \"frob\"".into()));
        assert_eq!(
            parsed(&["frob", "x", "--out", "y"]),
            Err("unknown command \"frob\"".into())
        );
        assert_eq!(parsed(&["help", "x"]), Ok(Command::Help));
        assert_eq!(
            parsed(&["export", "--out"]),
            Err("missing argument for option '--out'".into())
        );
    }
}
