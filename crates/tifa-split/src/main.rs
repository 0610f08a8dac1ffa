//! `tifa-split`: the command `pwa/split.mjs` runs on the built Wasm (see the library's docs).
//!
//! ```text
//! tifa-split instrument <built.wasm> <instrumented.wasm>
//! tifa-split split <built.wasm> <profile> <primary.wasm> <secondary.wasm> [keep...]
//! ```
//!
//! `keep`: parts of function names to keep in the primary whatever the profile says.

use anyhow::{bail, Context, Result};
use std::path::Path;

fn read(path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {path}"))
}

fn write(path: &str, bytes: &[u8]) -> Result<()> {
    std::fs::write(Path::new(path), bytes).with_context(|| format!("cannot write {path}"))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["instrument", input, output] => {
            let (bytes, functions) = tifa_split::instrument(&read(input)?)?;
            write(output, &bytes)?;
            println!("{functions}");
        }
        ["split", input, profile, primary, secondary, keep @ ..] => {
            let split = tifa_split::split_keeping(&read(input)?, &read(profile)?, keep)
                .with_context(|| format!("cannot split {input} by {profile}"))?;
            write(primary, &split.primary)?;
            write(secondary, &split.secondary)?;
            println!(
                "{} functions ran and stay, {} did not run but stay, {} moved ({} named)",
                split.kept - split.pinned,
                split.pinned,
                split.moved,
                split.named
            );
        }
        ["names", input, profile] => {
            let profile = read(profile)?;
            for (number, name) in tifa_split::names(&read(input)?)?.into_iter().enumerate() {
                let ran = if profile.get(number) == Some(&1) {
                    "ran"
                } else {
                    "-"
                };
                println!("{number}\t{ran}\t{}", name.as_deref().unwrap_or("?"));
            }
        }
        _ => bail!(
            "usage: tifa-split instrument <built.wasm> <instrumented.wasm>\n       \
             tifa-split split <built.wasm> <profile> <primary.wasm> <secondary.wasm>"
        ),
    }
    Ok(())
}
