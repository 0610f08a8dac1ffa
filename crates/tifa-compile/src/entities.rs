//! `entities.toml`: speakers, venues, outlets and topics, each `{ id, name }` and, for
//! the names import rows may also give, `aliases`.

use super::registry::{Clash, Table};
use super::{is_valid_id, line_of, read_utf8, Diagnostic, FileReport, Registries};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitiesFile {
    #[serde(default)]
    speaker: Vec<EntityAnn>,
    #[serde(default)]
    venue: Vec<EntityAnn>,
    #[serde(default)]
    outlet: Vec<EntityAnn>,
    #[serde(default)]
    topic: Vec<EntityAnn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntityAnn {
    id: Spanned<String>,
    name: Spanned<String>,
    /// Other spellings of the name that import rows may give (same entity).
    #[serde(default)]
    aliases: Vec<String>,
}

pub(super) fn read(path: &Path, reg: &mut Registries, diags: &mut Vec<Diagnostic>) {
    let Some(text) = read_utf8(path, diags) else {
        return;
    };
    let mut rep = FileReport {
        path: path.to_path_buf(),
        text,
        out: diags,
    };
    let Some(file) = rep.parse_toml::<EntitiesFile>("entities file") else {
        return;
    };
    for (kind, list, map) in [
        ("speaker", file.speaker, &mut reg.speakers),
        ("venue", file.venue, &mut reg.venues),
        ("outlet", file.outlet, &mut reg.outlets),
        ("topic", file.topic, &mut reg.topics),
    ] {
        add(&mut rep, kind, list, map);
    }
}

fn add(rep: &mut FileReport, kind: &str, list: Vec<EntityAnn>, table: &mut Table) {
    for e in list {
        let id = e.id.get_ref();
        let name = e.name.get_ref();
        if !is_valid_id(id) {
            rep.at(
                e.id.span().start,
                format!("{kind} id {id:?} must be lower-case letters, digits and inner hyphens"),
            );
        } else if name.trim().is_empty() || e.aliases.iter().any(|a| a.trim().is_empty()) {
            rep.at(
                e.name.span().start,
                format!("{kind} {id:?} has an empty name or alias"),
            );
        } else {
            let origin = format!("entities.toml:{}", line_of(&rep.text, e.id.span().start));
            match table.define(id, name, &e.aliases, origin) {
                Ok(()) => {}
                Err(Clash::Id { .. }) => {
                    rep.at(e.id.span().start, format!("duplicate {kind} id {id:?}"))
                }
                Err(Clash::Name {
                    id: other,
                    name: other_name,
                    origin,
                }) => rep.at(
                    e.name.span().start,
                    format!(
                        "{kind} {id:?} has a name or alias that is also {kind} {other:?}'s ({other_name:?}, {origin}): one entity, one id"
                    ),
                ),
            }
        }
    }
}
