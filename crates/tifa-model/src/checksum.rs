//! SHA-256 checksums of raw texts: checked against the annotation when compiling, and
//! computed again when a document is shown (the blob does not store them).

use sha2::{Digest, Sha256};
use std::fmt::Write;

/// Lower-case hex SHA-256 of some bytes.
///
/// ```
/// assert_eq!(
///     tifa_model::checksum::sha256_hex(b""),
///     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        let _ = write!(out, "{b:02x}");
    }
    out
}
