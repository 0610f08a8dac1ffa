//! The passage-kind filter every view but the library shares (`kind`): which passages
//! words are matched and counted in. **By default only the speaker's own words**
//! (quotes and reported speech); narration (the outlet's) and questions (the
//! journalist's) count only when chosen, and are then credited to their own voice
//! ([`tifa_model::voice::Voice`]).
//!
//! ```
//! use tifa_view::url_state::{parse, to_query};
//! use tifa_view::kinds::options;
//! let state = parse("?view=kwic&q=rights").state;
//! let o = options(&state);
//! assert_eq!(o.iter().filter(|o| o.on).count(), 2);
//! // Adding narration keeps the view and its query.
//! assert_eq!(to_query(&o[2].to), "?view=kwic&q=rights&kind=quote%2Creported%2Cnarration");
//! ```

use crate::url_state::UrlState;
use tifa_model::Kinds;
use tifa_model::PassageKind;

/// One kind's switch: whether it is counted, and the state with it switched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindOption {
    pub kind: PassageKind,
    pub on: bool,
    /// The same view with this kind switched (from the first page). Switching off the
    /// last kind counted changes nothing.
    pub to: UrlState,
    pub label: &'static str,
}

/// How the filter names a kind.
pub fn label(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Quote => "quotes",
        PassageKind::Reported => "reported speech",
        PassageKind::Narration => "narration (the outlet's)",
        PassageKind::Question => "questions (the journalist's)",
    }
}

/// `kinds` with `kind` switched; never empty.
pub fn toggled(kinds: Kinds, kind: PassageKind) -> Kinds {
    let mut list = kinds.list();
    match list.iter().position(|&k| k == kind) {
        Some(at) if list.len() > 1 => {
            list.remove(at);
        }
        Some(_) => {}
        None => list.push(kind),
    }
    Kinds::of(&list)
}

/// A state counting `kinds` (canonical: the default written as nothing).
pub fn with_kinds(state: &UrlState, kinds: Kinds) -> UrlState {
    let mut next = state.clone();
    next.page = None;
    next.filters.kinds = if kinds == Kinds::OWN_WORDS {
        Vec::new()
    } else {
        kinds.list()
    };
    next
}

/// The four switches of `state`'s view.
pub fn options(state: &UrlState) -> Vec<KindOption> {
    let kinds = state.filters.passage_kinds();
    PassageKind::ALL
        .into_iter()
        .map(|kind| KindOption {
            kind,
            on: kinds.contains(kind),
            to: with_kinds(state, toggled(kinds, kind)),
            label: label(kind),
        })
        .collect()
}

/// What is counted, in a sentence: "Counting the speakers' own words: quotes and
/// reported speech."
pub fn summary(kinds: Kinds) -> String {
    if kinds == Kinds::OWN_WORDS {
        return "Counting the speakers' own words: quotes and reported speech.".into();
    }
    let names: Vec<&str> = kinds.list().into_iter().map(label).collect();
    let list = match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("Counting {list}; narration and questions are credited to the outlet and the journalist, never to the speaker.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_kind_stays_and_the_default_is_written_as_nothing() {
        let quote = Kinds::of(&[PassageKind::Quote]);
        assert_eq!(toggled(quote, PassageKind::Quote), quote);
        assert_eq!(toggled(quote, PassageKind::Reported), Kinds::OWN_WORDS);
        let state = with_kinds(&UrlState::default(), Kinds::OWN_WORDS);
        assert!(state.filters.kinds.is_empty());
        assert!(summary(Kinds::ALL).contains("narration (the outlet's)"));
    }
}
