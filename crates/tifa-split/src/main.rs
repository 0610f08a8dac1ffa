//! `tifa-split`: the command `pwa/split.mjs` runs on the built Wasm (see the library's docs).
//!
//! ```text
//! tifa-split instrument <built.wasm> <instrumented.wasm>
//! tifa-split split <built.wasm> <profile> <primary.wasm> <secondary.wasm>
//! ```

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
        ["split", input, profile, primary, secondary] => {
            let split = tifa_split::split(&read(input)?, &read(profile)?)
                .with_context(|| format!("cannot split {input} by {profile}"))?;
            write(primary, &split.primary)?;
            write(secondary, &split.secondary)?;
            println!(
                "{} functions ran and stay, {} did not run but must stay, {} moved",
                split.kept - split.pinned,
                split.pinned,
                split.moved
            );
        }
        _ => bail!(
            "usage: tifa-split instrument <built.wasm> <instrumented.wasm>\n       \
             tifa-split split <built.wasm> <profile> <primary.wasm> <secondary.wasm>"
        ),
    }
    Ok(())
}
