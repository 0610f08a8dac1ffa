//! The entity tables the compiler fills: speakers, venues, outlets and topics, each an
//! id → name table with a look-up by name.
//!
//! **Identity is never inferred from an id.** Two names are the same entity only when
//! they are equal after [`normalise_name`] (Unicode NFC, lower case, punctuation and
//! white space between words only), or when `entities.toml` says so (the entity's `name` or one
//! of its `aliases`). A name met for the first time in an import row gets an id made
//! from it ([`id_for_name`]); an id that would be another name's is an error naming both
//! names and where each was given, never a merge.

use super::slug;
use std::collections::{BTreeMap, HashMap};
use tifa_model::checksum::sha256_hex;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One kind of entity.
#[derive(Default)]
pub(crate) struct Table {
    /// id → display name (the first spelling given), sorted by id.
    names: BTreeMap<String, String>,
    /// normalised name or alias → id.
    by_name: HashMap<String, String>,
    /// id → where it was defined (`entities.toml:12`, `import/a.csv:3`).
    origin: HashMap<String, String>,
}

/// Why a name or an id could not be added.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Clash {
    /// The id is already another entity's.
    Id {
        id: String,
        name: String,
        origin: String,
    },
    /// The name (or alias), normalised, is already another entity's.
    Name {
        id: String,
        name: String,
        origin: String,
    },
}

impl Table {
    pub fn contains_key(&self, id: &str) -> bool {
        self.names.contains_key(id)
    }

    pub fn get(&self, id: &str) -> Option<&String> {
        self.names.get(id)
    }

    /// The id → name table, sorted by id.
    pub fn into_names(self) -> BTreeMap<String, String> {
        self.names
    }

    fn clash_with(&self, id: &str, as_name: bool) -> Clash {
        let (id, name) = (id.to_owned(), self.names[id].clone());
        let origin = self.origin.get(&id).cloned().unwrap_or_default();
        if as_name {
            Clash::Name { id, name, origin }
        } else {
            Clash::Id { id, name, origin }
        }
    }

    /// Defines an entity with its id, display name and aliases (from `entities.toml`).
    pub fn define(
        &mut self,
        id: &str,
        name: &str,
        aliases: &[String],
        origin: String,
    ) -> Result<(), Clash> {
        if self.names.contains_key(id) {
            return Err(self.clash_with(id, false));
        }
        let keys: Vec<String> = std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .map(normalise_name)
            .collect();
        for key in &keys {
            if let Some(other) = self.by_name.get(key) {
                return Err(self.clash_with(&other.clone(), true));
            }
        }
        self.names.insert(id.to_owned(), name.trim().to_owned());
        self.origin.insert(id.to_owned(), origin);
        for key in keys {
            self.by_name.insert(key, id.to_owned());
        }
        Ok(())
    }

    /// The id of the entity named `name` (see the module docs), creating it with
    /// [`id_for_name`] when no entity has that name.
    pub fn named(&mut self, name: &str, origin: impl FnOnce() -> String) -> Result<String, Clash> {
        let key = normalise_name(name);
        if let Some(id) = self.by_name.get(&key) {
            return Ok(id.clone());
        }
        let id = id_for_name(name);
        if self.names.contains_key(&id) {
            return Err(self.clash_with(&id, false));
        }
        self.names.insert(id.clone(), collapse(name));
        self.origin.insert(id.clone(), origin());
        self.by_name.insert(key, id.clone());
        Ok(id)
    }
}

/// White space trimmed and each inner run of it one space.
fn collapse(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form two names are compared in: Unicode NFC, lower case, and only their words
/// (runs of letters, digits and combining marks) with one space between them, so
/// punctuation and spacing never tell two names apart. Letters are never folded:
/// accents and scripts stay, so "Müller" and "Möller", or "华春莹 (MFA)" and
/// "赵立坚 (MFA)", are different names.
///
/// ```
/// use tifa_compile::normalise_name;
/// assert_eq!(normalise_name("  Mao   NING "), "mao ning");
/// assert_eq!(normalise_name("George W. Bush"), normalise_name("George W Bush"));
/// assert_eq!(normalise_name("华春莹 (MFA)"), "华春莹 mfa");
/// assert_ne!(normalise_name("Müller"), normalise_name("Möller"));
/// // The same letter composed or as a base and a combining accent.
/// assert_eq!(normalise_name("Mu\u{0308}ller"), normalise_name("Müller"));
/// ```
pub fn normalise_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.nfc().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || is_combining_mark(c) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// The id a name gets when nothing else gives it one.
///
/// - A name whose letters and digits are all ASCII: its [`slug`] (`"Mao Ning"` →
///   `mao-ning`). Such names have one slug only when they are one name (the slug is
///   their words joined by hyphens), but for a slug cut at 80 bytes, or an id that
///   `entities.toml` gives another entity: then the second name is an error that
///   names the first.
/// - Any other name: its slug (when it has ASCII letters or digits) and a hash of the
///   normalised name, so that names in other scripts, or accented, never share an id:
///   `"Müller"` → `m-ller-…`, `"华春莹 (MFA)"` → `mfa-…`, `"王毅"` → `u…`.
///
/// ```
/// use tifa_compile::id_for_name;
/// assert_eq!(id_for_name("Mao Ning"), "mao-ning");
/// assert_ne!(id_for_name("Müller"), id_for_name("Möller"));
/// assert_ne!(id_for_name("华春莹 (MFA)"), id_for_name("赵立坚 (MFA)"));
/// assert!(id_for_name("华春莹 (MFA)").starts_with("mfa-"));
/// assert_eq!(id_for_name("王毅").len(), 13);
/// ```
pub fn id_for_name(name: &str) -> String {
    let base = slug(name);
    let ascii = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .all(|c| c.is_ascii());
    if ascii && !base.is_empty() {
        return base;
    }
    let hash = sha256_hex(normalise_name(name).as_bytes());
    if base.is_empty() {
        format!("u{}", &hash[..12])
    } else {
        format!("{base}-{}", &hash[..8])
    }
}
