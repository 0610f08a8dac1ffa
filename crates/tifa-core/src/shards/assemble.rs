//! Reading the packing back: files checked by name, the manifest and pieces decoded,
//! the index of a manifest filled piece by piece as they come, and the corpus put back
//! together.

use super::{name_of, FieldTable, Manifest, Piece, Range, MANIFEST_MAGIC, PIECE_MAGIC};
use crate::search::index::{Field, Index, RunStart, Tokens};
use tifa_model::format::{payload, whole, DecodeError};
use tifa_model::{Corpus, Document, Documents, Statement, Statements};

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

/// The manifest in an unpacked manifest file, refused unless its tables fit each
/// other (so a corpus and index made from it never read out of range).
pub fn open_manifest(unpacked: &[u8]) -> Result<Manifest<'_>, DecodeError> {
    let m: Manifest = whole(payload(unpacked, MANIFEST_MAGIC)?, "manifest")?;
    fits(&m).map_err(|e| DecodeError::Payload(format!("the manifest {e}")))?;
    Ok(m)
}

/// Whether a manifest's tables fit each other.
fn fits(m: &Manifest) -> Result<(), String> {
    let n = m.statements as usize;
    let f = &m.facets;
    let per_statement = [
        f.speaker.len(),
        f.venue.len(),
        f.year.len(),
        f.date_key.len(),
        f.kinds.len(),
        m.document_of.len(),
        m.text.lengths.len(),
    ];
    let exact_lengths = m.exact.lengths.is_empty() || m.exact.lengths.len() == n;
    if per_statement.iter().any(|&l| l != n) || f.topic_start.len() != n + 1 || !exact_lengths {
        return Err("holds tables of another length than its statements".into());
    }
    let rising = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
    let inside = f.speaker.iter().all(|&s| (s as usize) < m.speakers.len())
        && f.venue
            .iter()
            .all(|&v| v == u32::MAX || (v as usize) < m.venues.len())
        && f.topics.iter().all(|&t| (t as usize) < m.topics.len())
        && rising(&f.topic_start)
        && f.topic_start.first() == Some(&0)
        && f.topic_start.last().copied() == Some(f.topics.len() as u32)
        && m.document_of.iter().all(|&d| d < m.documents)
        && f.totals.speakers.len() == m.speakers.len()
        && f.totals.venues.len() == m.venues.len()
        && f.totals.topics.len() == m.topics.len();
    let ranges = |firsts: &mut dyn Iterator<Item = u32>, count: u32| {
        let v: Vec<u32> = firsts.collect();
        v.first().is_none_or(|&f| f == 0)
            && v.windows(2).all(|w| w[0] < w[1])
            && v.last().is_none_or(|&l| l < count.max(1))
    };
    let tables = ranges(&mut m.records.iter().map(|r| r.first), m.statements)
        && ranges(&mut m.tokens.iter().map(|r| r.first), m.statements)
        && ranges(&mut m.documents_files.iter().map(|r| r.first), m.documents)
        && ranges(&mut m.text.pieces.iter().map(|r| r.first), m.text.terms)
        && ranges(&mut m.exact.pieces.iter().map(|r| r.first), m.exact.terms)
        && matches!(m.tokens_width, 2 | 4)
        && [&m.statement_ids, &m.document_ids]
            .iter()
            .all(|t| t.windows(2).all(|w| w[0].first_id < w[1].first_id));
    if inside && tables {
        Ok(())
    } else {
        Err("points outside itself".into())
    }
}

/// The piece in an unpacked piece file.
pub fn open_piece(unpacked: &[u8]) -> Result<Piece<'_>, DecodeError> {
    whole(payload(unpacked, PIECE_MAGIC)?, "piece")
}

/// The index a manifest describes, with every run of terms and of token streams
/// empty until [`fill`]ed.
pub fn index_of<'a>(manifest: &Manifest<'a>) -> Index<'a> {
    let field = |table: &FieldTable<'a>, lengths: &[u32]| {
        let starts = table
            .pieces
            .iter()
            .map(|p| RunStart {
                first_term: p.first_term.clone(),
                first: p.first,
            })
            .collect();
        Field::in_runs(lengths.to_vec(), table.average, table.terms, starts)
    };
    Index {
        text: field(&manifest.text, &manifest.text.lengths),
        // Kept once when the two fields' lengths are the same (always, as built).
        exact: field(
            &manifest.exact,
            if manifest.exact.lengths.is_empty() {
                &manifest.text.lengths
            } else {
                &manifest.exact.lengths
            },
        ),
        tokens: Tokens::in_runs(
            manifest.tokens_width,
            manifest.statements,
            manifest.tokens.iter().map(|r| r.first).collect(),
        ),
        facets: manifest.facets.clone(),
    }
}

/// The corpus a manifest describes: its entity tables, and its statements and
/// documents in runs, none filled until [`fill`]ed.
pub fn corpus_of<'a>(manifest: &Manifest<'a>) -> Corpus<'a> {
    Corpus {
        documents: Documents::in_runs(
            manifest.documents,
            manifest.documents_files.iter().map(|r| r.first).collect(),
        ),
        statements: Statements::in_runs(
            manifest.statements,
            manifest.records.iter().map(|r| r.first).collect(),
        ),
        speakers: manifest.speakers.clone(),
        venues: manifest.venues.clone(),
        outlets: manifest.outlets.clone(),
        topics: manifest.topics.clone(),
    }
}

/// Fills the run that the file `name` holds with its `piece`: a run of terms or
/// token streams of `index` (made by [`index_of`] from `manifest`), or of statements
/// or documents of `corpus` (made by [`corpus_of`]). Refused, naming the file, when
/// the manifest has no run of that name or the piece is not what the run holds; a
/// run of statements or documents must point only inside the corpus.
pub fn fill<'a>(
    corpus: &Corpus<'a>,
    index: &Index<'a>,
    manifest: &Manifest<'a>,
    name: &str,
    piece: Piece<'_>,
) -> Result<(), String> {
    fill_piece(corpus, index, manifest, name, piece).map_err(|e| format!("{name}: {e}"))
}

fn fill_piece(
    corpus: &Corpus,
    index: &Index,
    manifest: &Manifest,
    name: &str,
    piece: Piece<'_>,
) -> Result<(), String> {
    let term_place = |t: &FieldTable| t.pieces.iter().position(|p| p.file.name.as_ref() == name);
    // Runs of the same content are one file (its name is its hash): each run of that
    // name is filled.
    let places = |ranges: &[Range]| -> Vec<usize> {
        ranges
            .iter()
            .enumerate()
            .filter(|(_, r)| r.file.name.as_ref() == name)
            .map(|(k, _)| k)
            .collect()
    };
    let none = |what: &str| Err(format!("not a run of {what} this manifest names"));
    match piece {
        Piece::Terms(run) => match (term_place(&manifest.text), term_place(&manifest.exact)) {
            (Some(k), _) => index.text.fill(k, run),
            (None, Some(k)) => index.exact.fill(k, run),
            _ => none("terms"),
        },
        Piece::Places(run) => {
            match manifest
                .exact
                .pieces
                .iter()
                .position(|p| p.places.as_ref().is_some_and(|f| f.name.as_ref() == name))
            {
                Some(k) => index.exact.fill_places(k, run),
                None => none("places"),
            }
        }
        Piece::Tokens(run) => match places(&manifest.tokens)[..] {
            [] => none("token streams"),
            ref at => at
                .iter()
                .try_for_each(|&k| index.tokens.fill(k, run.clone())),
        },
        Piece::Ids { .. } => {
            Err("an id table: it fills no run (`tifa_view::stream` reads it)".into())
        }
        Piece::Records { statements } => {
            let at = places(&manifest.records);
            if at.is_empty() {
                return none("statements");
            }
            for s in &statements {
                statement_fits(corpus, manifest, s)?;
            }
            at.iter()
                .try_for_each(|&k| corpus.statements.fill(k, statements.clone()))
        }
        Piece::Documents { documents, texts } => {
            let at = places(&manifest.documents_files);
            if at.is_empty() {
                return none("documents");
            }
            if texts.len() != documents.len() {
                return Err("holds another number of texts than documents".into());
            }
            let whole: Vec<Document> = documents
                .into_iter()
                .zip(texts)
                .map(|(d, raw)| Document { raw, ..d })
                .collect();
            // Each document checked as the corpus checks it (spans, dates, outlet).
            let mut alone = Corpus::empty();
            alone.outlets = corpus.outlets.clone();
            alone.documents = whole.clone().into();
            alone.consistency()?;
            at.iter()
                .try_for_each(|&k| corpus.documents.fill(k, whole.clone()))
        }
    }
}

/// Whether a statement points only inside the corpus's tables (its passages are
/// checked against its document's text when both are there: `Corpus::consistency`).
fn statement_fits(corpus: &Corpus, manifest: &Manifest, s: &Statement) -> Result<(), String> {
    let fits = s.document < manifest.documents
        && (s.speaker as usize) < corpus.speakers.len()
        && s.venue.is_none_or(|v| (v as usize) < corpus.venues.len())
        && s.topics.iter().all(|&t| (t as usize) < corpus.topics.len());
    if fits {
        Ok(())
    } else {
        Err(format!("statement {} points outside the corpus", s.id))
    }
}
