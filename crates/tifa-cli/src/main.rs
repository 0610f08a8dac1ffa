//! `tifa`: the native corpus tool.
//!
//! ```text
//! tifa check  [CORPUS]                     validate; every problem as file:line: message
//! tifa export [CORPUS] [--out FILE]        the compiled corpus as JSON Lines (README, "Export")
//! tifa synth  --statements N --out DIR [--seed S]   a deterministic synthetic corpus
//! tifa stats  [CORPUS]                     compile time, blob size (raw, gzip), peak memory
//! tifa bench  [CORPUS] [--reps N]          native search latency per query class (ms)
//! ```
//!
//! CORPUS defaults to `corpus`. Exit status: 0 on success, 1 when the corpus has
//! problems, 2 on a usage error.

mod bench;
mod export;
mod synth;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use tifa_core::compile::compile_dir;
use tifa_core::model::Corpus;

const USAGE: &str = "usage:
  tifa check  [CORPUS]
  tifa export [CORPUS] [--out FILE]
  tifa synth  --statements N --out DIR [--seed S]
  tifa stats  [CORPUS]
  tifa bench  [CORPUS] [--reps N]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("tifa: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Command-line arguments after the command: positional ones and `--flag value` pairs.
struct Args {
    positional: Vec<String>,
    flags: Vec<(String, String)>,
}

impl Args {
    /// Splits `args`, accepting only the `known` flags.
    fn parse(args: &[String], known: &[&str]) -> Result<Args, String> {
        let mut out = Args {
            positional: Vec::new(),
            flags: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                if !known.contains(&name) {
                    return Err(format!("unknown option --{name}"));
                }
                let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
                out.flags.push((name.to_owned(), value.clone()));
            } else {
                out.positional.push(a.clone());
            }
        }
        Ok(out)
    }

    fn flag(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn corpus_arg(positional: &[String]) -> Result<PathBuf, String> {
    match positional {
        [] => Ok(PathBuf::from("corpus")),
        [one] => Ok(PathBuf::from(one)),
        _ => Err("too many arguments".into()),
    }
}

/// Compiles, printing every problem; `None` when there were any.
fn compile_or_report(dir: &std::path::Path) -> Option<Corpus<'static>> {
    match compile_dir(dir) {
        Ok(c) => Some(c),
        Err(diags) => {
            let mut err = std::io::stderr().lock();
            for d in &diags {
                let _ = writeln!(err, "{d}");
            }
            let _ = writeln!(err, "{} problem(s) in {}", diags.len(), dir.display());
            None
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("no command".into());
    };
    match command.as_str() {
        "check" => {
            let dir = corpus_arg(&Args::parse(rest, &[])?.positional)?;
            let Some(c) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            println!(
                "ok: {} documents, {} statements, {} speakers, {} venues, {} outlets, {} topics in {}",
                c.documents.len(),
                c.statements.len(),
                c.speakers.len(),
                c.venues.len(),
                c.outlets.len(),
                c.topics.len(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        "export" => {
            let args = Args::parse(rest, &["out"])?;
            let dir = corpus_arg(&args.positional)?;
            let Some(compiled) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            // Export exactly what the app embeds: encode, then decode the blob.
            let blob = tifa_core::blob::encode(&compiled);
            let corpus = tifa_core::blob::decode(&blob)
                .map_err(|e| e.to_string())?
                .corpus;
            let result = match args.flag("out") {
                Some(path) => {
                    let file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
                    export::write_jsonl(&corpus, std::io::BufWriter::new(file))
                }
                None => export::write_jsonl(&corpus, std::io::stdout().lock()),
            };
            match result {
                // A closed pipe (`tifa export | head`) is the reader's choice, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.map_err(|e| format!("writing the export: {e}"))?,
            }
            Ok(ExitCode::SUCCESS)
        }
        "synth" => {
            let args = Args::parse(rest, &["statements", "out", "seed"])?;
            if !args.positional.is_empty() {
                return Err("synth takes only options".into());
            }
            let n: usize = args
                .flag("statements")
                .ok_or("synth needs --statements N")?
                .parse()
                .map_err(|_| "--statements takes a whole number")?;
            let out = PathBuf::from(args.flag("out").ok_or("synth needs --out DIR")?);
            let seed: u64 = args
                .flag("seed")
                .unwrap_or("2002")
                .parse()
                .map_err(|_| "--seed takes a whole number")?;
            let bytes = synth::write_corpus(&out, n, seed)
                .map_err(|e| format!("{}: {e}", out.display()))?;
            println!(
                "wrote {n} synthetic statements ({:.1} MB of JSON Lines) to {}",
                bytes as f64 / 1e6,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        "stats" => {
            let dir = corpus_arg(&Args::parse(rest, &[])?.positional)?;
            let start = Instant::now();
            let Some(corpus) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            let compiled = start.elapsed();
            let blob = tifa_core::blob::encode(&corpus);
            let encoded = start.elapsed();
            let text: usize = corpus.documents.iter().map(|d| d.raw.len()).sum();
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(&blob).map_err(|e| e.to_string())?;
            let gz = gz.finish().map_err(|e| e.to_string())?;
            let t = Instant::now();
            let decoded = tifa_core::blob::decode(&blob).map_err(|e| e.to_string())?;
            let decode = t.elapsed();
            assert_eq!(decoded.corpus.statements.len(), corpus.statements.len());
            let index = &decoded.index;
            println!("corpus            {}", dir.display());
            println!("statements        {}", corpus.statements.len());
            println!("documents         {}", corpus.documents.len());
            println!("speakers          {}", corpus.speakers.len());
            println!("raw text          {:.2} MB", text as f64 / 1e6);
            println!(
                "compile           {:.0} ms (read, validate, build)",
                compiled.as_secs_f64() * 1e3
            );
            println!(
                "compile + index + encode {:.0} ms",
                encoded.as_secs_f64() * 1e3
            );
            println!(
                "index             {} stems, {} exact terms, {:.2} MB of postings",
                index.text.terms.len(),
                index.exact.terms.len(),
                (index.text.postings.0.len()
                    + index.exact.postings.0.len()
                    + index.meta.postings.0.len()) as f64
                    / 1e6
            );
            println!(
                "blob              {} bytes ({:.2} MB)",
                blob.len(),
                blob.len() as f64 / 1e6
            );
            println!(
                "blob gzip -9      {} bytes ({:.2} MB)",
                gz.len(),
                gz.len() as f64 / 1e6
            );
            println!("native decode     {:.2} ms", decode.as_secs_f64() * 1e3);
            if let Some(peak) = peak_memory_kb() {
                println!("peak memory       {:.1} MB (VmHWM)", peak as f64 / 1024.0);
            }
            Ok(ExitCode::SUCCESS)
        }
        "bench" => {
            let args = Args::parse(rest, &["reps"])?;
            let dir = corpus_arg(&args.positional)?;
            let reps: usize = args
                .flag("reps")
                .unwrap_or("30")
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .ok_or("--reps takes a whole number above 0")?;
            let Some(compiled) = compile_or_report(&dir) else {
                return Ok(ExitCode::from(1));
            };
            // Search what the app searches: the decoded blob.
            let blob = tifa_core::blob::encode(&compiled);
            let bundle = tifa_core::blob::decode(&blob).map_err(|e| e.to_string())?;
            bench::run(&bundle.corpus, &bundle.index, reps);
            bench::typing(&bundle.corpus, &bundle.index, reps);
            Ok(ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

/// Peak resident memory of this process, from /proc (Linux only).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
