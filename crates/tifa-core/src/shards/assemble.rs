//! Reading the packing back: files checked by name, the manifest and pieces decoded,
//! the index of a manifest filled piece by piece as they come, and the corpus put back
//! together.

use super::{name_of, FieldTable, Manifest, Piece, Range, MANIFEST_MAGIC, PIECE_MAGIC};
use crate::search::index::{Field, Index, RunStart, Tokens};
use tifa_model::format::{payload, whole, DecodeError};
use tifa_model::{Corpus, Document};

/// Refuses a file whose bytes are not the ones its name was made from (damaged,
/// truncated, or another file served under its name).
///
/// ```
/// use tifa_core::shards::{check_name, name_of};
/// let name = name_of("tokens", b"abc");
/// assert!(check_name(&name, b"abc").is_ok());
/// let e = check_name(&name, b"ab").unwrap_err();
/// assert!(e.starts_with("tokens-") && e.contains("damaged or truncated"), "{e}");
/// ```
pub fn check_name(name: &str, packed: &[u8]) -> Result<(), String> {
    let kind = name.split('-').next().unwrap_or_default();
    if name_of(kind, packed) == name {
        Ok(())
    } else {
        Err(format!(
            "{name}: its {} bytes are not the file of that name (damaged or truncated)",
            packed.len()
        ))
    }
}

/// The manifest in an unpacked manifest file.
pub fn open_manifest(unpacked: &[u8]) -> Result<Manifest<'_>, DecodeError> {
    whole(payload(unpacked, MANIFEST_MAGIC)?, "manifest")
}

/// The piece in an unpacked piece file.
pub fn open_piece(unpacked: &[u8]) -> Result<Piece<'_>, DecodeError> {
    whole(payload(unpacked, PIECE_MAGIC)?, "piece")
}

/// The index a manifest describes, with every run of terms and of token streams
/// empty until [`fill`]ed.
pub fn index_of<'a>(manifest: &Manifest<'a>) -> Index<'a> {
    let field = |table: &FieldTable<'a>| {
        let starts = table
            .pieces
            .iter()
            .map(|p| RunStart {
                first_term: p.first_term.clone(),
                first: p.first,
            })
            .collect();
        Field::in_runs(table.lengths.clone(), table.average, table.terms, starts)
    };
    Index {
        text: field(&manifest.text),
        exact: field(&manifest.exact),
        tokens: Tokens::in_runs(
            manifest.tokens_width,
            manifest.statements,
            manifest.tokens.iter().map(|r| r.first).collect(),
        ),
        facets: manifest.facets.clone(),
    }
}

/// Fills the run of `index` (made by [`index_of`] from `manifest`) that the file
/// `name` holds with its `piece`. Refused, naming the file, when the manifest has no
/// run of that name or the piece is not what the run holds. Records and documents
/// are not part of the index: they are accepted and left to the corpus.
pub fn fill<'a>(
    index: &Index<'a>,
    manifest: &Manifest<'a>,
    name: &str,
    piece: Piece<'a>,
) -> Result<(), String> {
    let place = |ranges: &[Range]| ranges.iter().position(|r| r.file.name.as_ref() == name);
    let term_place = |t: &FieldTable| t.pieces.iter().position(|p| p.file.name.as_ref() == name);
    let result = match piece {
        Piece::Terms(run) => match (term_place(&manifest.text), term_place(&manifest.exact)) {
            (Some(k), _) => index.text.fill(k, run),
            (None, Some(k)) => index.exact.fill(k, run),
            _ => Err("not a run of terms this manifest names".into()),
        },
        // Runs of the same words are one file (its name is its content's hash): each
        // run of that name is filled.
        Piece::Tokens(run) => {
            let mut places = manifest
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, r)| r.file.name.as_ref() == name)
                .map(|(k, _)| k)
                .peekable();
            if places.peek().is_none() {
                Err("not a run of token streams this manifest names".into())
            } else {
                places.try_for_each(|k| index.tokens.fill(k, run.clone()))
            }
        }
        Piece::Records { .. } if place(&manifest.records).is_some() => Ok(()),
        Piece::Documents { .. } if place(&manifest.documents_files).is_some() => Ok(()),
        _ => Err("not a piece of that kind in this manifest".into()),
    };
    result.map_err(|e| format!("{name}: {e}"))
}

/// The corpus, put back together from every records and documents piece of
/// `manifest` (`piece(name)` gives each, opened). The error names the file that is
/// missing or does not fit.
pub fn corpus_of<'a>(
    manifest: &Manifest<'a>,
    piece: impl Fn(&str) -> Option<&'a Piece<'a>>,
) -> Result<Corpus<'a>, String> {
    let get = |name: &str| piece(name).ok_or_else(|| format!("{name}: not loaded"));
    let mut statements = Vec::with_capacity(manifest.statements as usize);
    for range in &manifest.records {
        let name = range.file.name.as_ref();
        match get(name)? {
            Piece::Records { statements: run } if statements.len() == range.first as usize => {
                statements.extend(run.iter().cloned());
            }
            _ => return Err(format!("{name}: not the statements from {}", range.first)),
        }
    }
    let mut documents = Vec::with_capacity(manifest.documents as usize);
    for range in &manifest.documents_files {
        let name = range.file.name.as_ref();
        match get(name)? {
            Piece::Documents {
                documents: run,
                texts,
            } if documents.len() == range.first as usize && texts.len() == run.len() => {
                documents.extend(run.iter().zip(texts).map(|(d, raw)| Document {
                    raw: raw.clone(),
                    ..d.clone()
                }));
            }
            _ => return Err(format!("{name}: not the documents from {}", range.first)),
        }
    }
    let corpus = Corpus {
        documents,
        statements,
        speakers: manifest.speakers.clone(),
        venues: manifest.venues.clone(),
        outlets: manifest.outlets.clone(),
        topics: manifest.topics.clone(),
    };
    if corpus.statements.len() != manifest.statements as usize
        || corpus.documents.len() != manifest.documents as usize
    {
        return Err("the pieces hold another number of statements or documents".into());
    }
    corpus.consistency()?;
    Ok(corpus)
}
