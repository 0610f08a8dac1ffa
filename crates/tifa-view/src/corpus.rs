//! The corpus as the app holds it, re-exported so that the app depends on this crate
//! and the model only (`tifa-core` and `tifa-compare` are this crate's business): the
//! packed blob unpacked and decoded into a [`Bundle`] (corpus, index, look-ups), the
//! discoveries attached to it, and the version that names both.
//!
//! ```
//! use tifa_view::corpus::{decode, unpack, DecodeError};
//! assert!(matches!(decode(b"not a blob"), Err(DecodeError::NotABlob)));
//! assert!(unpack(b"not packed").is_err());
//! ```

pub use tifa_core::blob::{decode, decode_discoveries, unpack, version, Bundle, DecodeError};
/// A search as the engine runs it (the in-browser benchmark times it directly).
pub use tifa_core::search::engine::{search, Results, Snippet, Sort};
