//! Reading the packing back: files checked by name, the manifest and pieces decoded,
//! and every piece put back together into the corpus and index they were cut from.

use super::{name_of, FieldTable, Manifest, Piece, Range, MANIFEST_MAGIC, PIECE_MAGIC};
use crate::search::index::{Bytes, Field, Index, TermInfo, Tokens};
use std::borrow::Cow;
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

/// A corpus and its index, put back together from every piece of a manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembled<'a> {
    pub corpus: Corpus<'a>,
    pub index: Index<'a>,
}

/// Puts every piece of `manifest` back together (`piece(name)` gives each, opened):
/// the corpus and the index exactly as they were cut. The error names the file that is
/// missing or does not fit.
pub fn assemble<'a>(
    manifest: &Manifest<'a>,
    piece: impl Fn(&str) -> Option<&'a Piece<'a>>,
) -> Result<Assembled<'a>, String> {
    let get = |name: &str| piece(name).ok_or_else(|| format!("{name}: not loaded"));
    let (text, _) = field(&manifest.text, &get)?;
    let (exact, stem_of) = field(&manifest.exact, &get)?;
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
    let tokens = tokens(manifest.tokens_width, &manifest.tokens, &get)?;
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
    if !tokens.is_valid_for(corpus.statements.len()) {
        return Err("the token pieces do not fit the statements".into());
    }
    Ok(Assembled {
        corpus,
        index: Index {
            text,
            exact,
            tokens,
            stem_of,
            facets: manifest.facets.clone(),
        },
    })
}

type Get<'g, 'a> = &'g dyn Fn(&str) -> Result<&'a Piece<'a>, String>;

/// A field from its term pieces, and the stem ids they hold.
fn field<'a>(table: &FieldTable<'a>, get: Get<'_, 'a>) -> Result<(Field<'a>, Vec<u32>), String> {
    let mut terms = Vec::with_capacity(table.terms as usize);
    let mut info = Vec::with_capacity(table.terms as usize);
    let mut postings = Vec::new();
    let mut stem_of = Vec::new();
    for range in &table.pieces {
        let name = range.file.name.as_ref();
        let Piece::Terms {
            terms: run,
            info: run_info,
            postings: bytes,
            stem_of: stems,
        } = get(name)?
        else {
            return Err(format!("{name}: not a run of terms"));
        };
        let fits = terms.len() == range.first as usize
            && run.first() == Some(&range.first_term)
            && run_info.len() == run.len()
            && run_info
                .iter()
                .all(|i| (i.offset as usize) <= bytes.0.len());
        if !fits {
            return Err(format!("{name}: not the terms from {}", range.first_term));
        }
        let base = postings.len() as u32;
        terms.extend(run.iter().cloned());
        info.extend(run_info.iter().map(|i| TermInfo {
            df: i.df,
            offset: i.offset + base,
        }));
        postings.extend_from_slice(&bytes.0);
        stem_of.extend_from_slice(stems);
    }
    if terms.len() != table.terms as usize {
        return Err(format!(
            "the term pieces hold {} terms, not {}",
            terms.len(),
            table.terms
        ));
    }
    Ok((
        Field {
            terms,
            info,
            postings: Bytes(Cow::Owned(postings)),
            lengths: table.lengths.clone(),
            average: table.average,
        },
        stem_of,
    ))
}

/// The token stream from its pieces.
fn tokens<'a>(width: u8, ranges: &[Range<'a>], get: Get<'_, 'a>) -> Result<Tokens<'a>, String> {
    let mut words = Vec::new();
    let mut passage_start = vec![0u32];
    let mut first_passage = vec![0u32];
    for range in ranges {
        let name = range.file.name.as_ref();
        let Piece::Tokens {
            passage_start: starts,
            first_passage: firsts,
            words: bytes,
        } = get(name)?
        else {
            return Err(format!("{name}: not a run of token streams"));
        };
        let fits = first_passage.len() - 1 == range.first as usize
            && starts.first() == Some(&0)
            && firsts.first() == Some(&0);
        if !fits {
            return Err(format!(
                "{name}: not the token streams from {}",
                range.first
            ));
        }
        let (words_before, passages_before) = (
            (words.len() / width.max(1) as usize) as u32,
            passage_start.len() as u32 - 1,
        );
        words.extend_from_slice(&bytes.0);
        passage_start.extend(starts[1..].iter().map(|&x| x + words_before));
        first_passage.extend(firsts[1..].iter().map(|&x| x + passages_before));
    }
    Ok(Tokens {
        width,
        words: Bytes(Cow::Owned(words)),
        passage_start,
        first_passage,
    })
}
