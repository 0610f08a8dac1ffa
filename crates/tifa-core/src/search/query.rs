//! The query language. [`parse`] never fails: a malformed query gets its most sensible
//! reading, and [`Query::notes`] says how it was read, for the UI to show.
//!
//! | syntax | meaning |
//! |---|---|
//! | `shared future` | both words, anywhere (ranked) |
//! | `"shared future"` | the exact phrase |
//! | `"community * shared future"` | any one word in place of `*` |
//! | `"community *{0,2} shared future"` | a gap of 0 to 2 words (at most 8) |
//! | `rights NEAR/5 development` | both, at most 5 words apart, in either order, in one passage |
//! | `multilateral*` | any word starting so |
//! | `-covid` | without this word (or `-"a phrase"`) |
//! | `xinjiang OR "hong kong"` | either |
//! | `speaker:"Mao Ning"`, `venue:hrc`, `topic:covid-19` | filters (repeat a field for either) |
//! | `year:2020`, `year:2019..2021`, `date:2020-06`, `from:2020-06`, `to:2021` | date filters |
//!
//! Words are folded and tokenized as in [`super::text`]; a word that tokenizes into
//! several terms (`win-win`) is read as a phrase.

use super::text::tokens;
use tifa_model::Kinds;
use tifa_model::{EntityKind, PartialDate};

/// One place of a quoted phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// This folded word, exactly.
    Word(String),
    /// From `min` to `max` words, any (`*` is one word, `*{0,2}` none to two).
    Gap { min: u8, max: u8 },
}

impl Slot {
    /// Any one word (`*`).
    pub const ANY: Slot = Slot::Gap { min: 1, max: 1 };
}

/// The longest gap a phrase may hold (`*{0,8}`).
pub const MAX_GAP: u8 = 8;

/// The farthest apart `NEAR/n` may ask two terms to be.
pub const MAX_NEAR: u8 = 20;

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A folded word.
    Word(String),
    /// A folded word prefix (`multilat*`).
    Prefix(String),
    /// Folded words that must appear in this order, adjacent but for the gaps between
    /// them (`*`, `*{0,2}`), which are never first or last.
    Phrase(Vec<Slot>),
    /// Two terms at most `n` words apart, in either order, in one passage
    /// (`rights NEAR/5 development`).
    Near(Box<Term>, Box<Term>, u8),
}

impl Term {
    /// A phrase of words only (no gap).
    pub fn phrase(words: &[&str]) -> Term {
        Term::Phrase(words.iter().map(|w| Slot::Word((*w).to_owned())).collect())
    }
}

/// Reads a gap inside quotes: `*` (one word), `*{n}`, `*{m,n}` (`m` ≤ `n` ≤ [`MAX_GAP`]).
fn gap_of(piece: &str) -> Option<Result<Slot, String>> {
    let rest = piece.strip_prefix('*')?;
    if rest.is_empty() {
        return Some(Ok(Slot::ANY));
    }
    let inner = rest.strip_prefix('{')?.strip_suffix('}')?;
    let (a, b) = inner.split_once(',').unwrap_or((inner, inner));
    let (min, max) = match (a.trim().parse::<u8>(), b.trim().parse::<u8>()) {
        (Ok(a), Ok(b)) if a <= b && b <= MAX_GAP && b > 0 => (a, b),
        _ => {
            return Some(Err(format!(
                "“{piece}”: a gap is *{{m,n}} with 0 ≤ m ≤ n ≤ {MAX_GAP} (n at least 1); read as *"
            )))
        }
    };
    Some(Ok(Slot::Gap { min, max }))
}

/// The slots of a quoted text: its words, and its gaps (`*`, `*{m,n}`), those at the
/// edges dropped with a note.
pub(crate) fn slots_of(text: &str, notes: &mut Vec<String>) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::new();
    for piece in text.split_whitespace() {
        match gap_of(piece) {
            Some(Ok(gap)) => slots.push(gap),
            Some(Err(note)) => {
                notes.push(note);
                slots.push(Slot::ANY);
            }
            None => slots.extend(tokens(piece).into_iter().map(|t| Slot::Word(t.term))),
        }
    }
    let is_gap = |s: Option<&Slot>| matches!(s, Some(Slot::Gap { .. }));
    if is_gap(slots.first()) || is_gap(slots.last()) {
        notes.push(format!(
            "“{text}”: a * stands for words between two others; the one at the edge is ignored"
        ));
        while is_gap(slots.first()) {
            slots.remove(0);
        }
        while is_gap(slots.last()) {
            slots.pop();
        }
    }
    slots
}

/// Takes `text` as a `NEAR/n` operator, if it is one (`true`: consumed): its distance
/// is pending for the next term, or a note says why not (`joins`: a term stands on its
/// left to join).
pub(crate) fn take_near(
    text: &str,
    joins: bool,
    pending: &mut Option<u8>,
    notes: &mut Vec<String>,
) -> bool {
    let Some(near) = near_of(text) else {
        return false;
    };
    let n = near.unwrap_or_else(|note| {
        notes.push(note);
        MAX_NEAR
    });
    if !joins || pending.is_some() {
        notes.push(format!("“{text}” needs a term on each side: ignored"));
    } else {
        *pending = Some(n);
    }
    true
}

/// Reads `NEAR/n` (`n` from 1 to [`MAX_NEAR`]); `None` for any other text.
fn near_of(text: &str) -> Option<Result<u8, String>> {
    let n = text.strip_prefix("NEAR/")?;
    Some(match n.parse::<u8>() {
        Ok(n) if (1..=MAX_NEAR).contains(&n) => Ok(n),
        _ => Err(format!(
            "“{text}”: NEAR/n takes a number of words from 1 to {MAX_NEAR}; read as NEAR/{MAX_NEAR}"
        )),
    })
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Every group must match; a group matches when any of its terms does (OR).
    pub required: Vec<Vec<Term>>,
    /// No result may match any of these.
    pub excluded: Vec<Term>,
    /// Speaker filters (folded; a result matches any of them).
    pub speakers: Vec<String>,
    pub venues: Vec<String>,
    pub topics: Vec<String>,
    /// Inclusive date range; partial dates cover their whole year or month.
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// Filters by entity index (from the URL's `speaker`, `venue`, `topic`): a result
    /// must also match one of each list given.
    pub speaker_ids: Vec<u32>,
    pub venue_ids: Vec<u32>,
    pub topic_ids: Vec<u32>,
    /// How a malformed query was read, one sentence each.
    pub notes: Vec<String>,
    /// The passage kinds words are matched in (the speaker's own words by default).
    pub kinds: Kinds,
}

impl Query {
    /// The filter of one kind of entity by name or id written in the query.
    pub fn names(&self, kind: EntityKind) -> &[String] {
        match kind {
            EntityKind::Speaker => &self.speakers,
            EntityKind::Venue => &self.venues,
            EntityKind::Topic => &self.topics,
        }
    }

    /// The filter of one kind of entity by index (from the URL's ids).
    pub fn ids_mut(&mut self, kind: EntityKind) -> &mut Vec<u32> {
        match kind {
            EntityKind::Speaker => &mut self.speaker_ids,
            EntityKind::Venue => &mut self.venue_ids,
            EntityKind::Topic => &mut self.topic_ids,
        }
    }

    /// Narrows the date range to `from ..= to` as well (the later start and the earlier
    /// end win).
    pub fn narrow_dates(&mut self, from: Option<PartialDate>, to: Option<PartialDate>) {
        if let Some(f) = from {
            if self.from.is_none_or(|g| f.first_day() > g.first_day()) {
                self.from = Some(f);
            }
        }
        if let Some(t) = to {
            if self.to.is_none_or(|u| t.last_day() < u.last_day()) {
                self.to = Some(t);
            }
        }
    }

    /// True when the query asks for nothing (no terms and no filters).
    pub fn is_empty(&self) -> bool {
        self.required.is_empty()
            && self.excluded.is_empty()
            && self.speakers.is_empty()
            && self.venues.is_empty()
            && self.topics.is_empty()
            && self.speaker_ids.is_empty()
            && self.venue_ids.is_empty()
            && self.topic_ids.is_empty()
            && self.from.is_none()
            && self.to.is_none()
    }
}

/// One lexical item of the input.
pub(crate) struct Item {
    pub(crate) negated: bool,
    pub(crate) field: Option<String>,
    pub(crate) text: String,
    pub(crate) quoted: bool,
}

/// Splits the input into items, noting unbalanced quotes and lone `-`.
pub(crate) fn lex(input: &str, notes: &mut Vec<String>) -> Vec<Item> {
    let chars: Vec<char> = input.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    let read_quoted = |i: &mut usize, notes: &mut Vec<String>| -> String {
        *i += 1; // opening quote
        let start = *i;
        while *i < chars.len() && !is_quote(chars[*i]) {
            *i += 1;
        }
        let text: String = chars[start..*i].iter().collect();
        if *i < chars.len() {
            *i += 1; // closing quote
        } else {
            notes.push(format!(
                "the quote before “{}” is not closed: read as a phrase to the end",
                text.trim()
            ));
        }
        text
    };
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = false;
        if chars[i] == '-' {
            if i + 1 >= chars.len() || chars[i + 1].is_whitespace() {
                notes.push("a lone “-” excludes nothing: ignored".into());
                i += 1;
                continue;
            }
            negated = true;
            i += 1;
        }
        if is_quote(chars[i]) {
            let text = read_quoted(&mut i, notes);
            items.push(Item {
                negated,
                field: None,
                text,
                quoted: true,
            });
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !is_quote(chars[i]) {
            i += 1;
        }
        let bare: String = chars[start..i].iter().collect();
        let field = bare
            .split_once(':')
            .filter(|(name, _)| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()));
        match field {
            Some((name, value)) => {
                let (text, quoted) = if value.is_empty() && i < chars.len() && is_quote(chars[i]) {
                    (read_quoted(&mut i, notes), true)
                } else {
                    (value.to_owned(), false)
                };
                items.push(Item {
                    negated,
                    field: Some(name.to_ascii_lowercase()),
                    text,
                    quoted,
                });
            }
            None => items.push(Item {
                negated,
                field: None,
                text: bare,
                quoted: false,
            }),
        }
    }
    items
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// The term a piece of text stands for, if any.
fn term_of(text: &str, quoted: bool, notes: &mut Vec<String>) -> Option<Term> {
    let prefix = !quoted && text.ends_with('*');
    let body = if prefix {
        text.trim_end_matches('*')
    } else {
        text
    };
    let mut slots = if quoted {
        slots_of(body, notes)
    } else {
        tokens(body)
            .into_iter()
            .map(|t| Slot::Word(t.term))
            .collect()
    };
    let one_word = matches!(slots.as_slice(), [Slot::Word(_)]);
    let take_word = |slots: &mut Vec<Slot>| match slots.remove(0) {
        Slot::Word(w) => w,
        Slot::Gap { .. } => String::new(),
    };
    match (slots.len(), prefix) {
        (0, _) => None,
        (1, true) if one_word && matches!(&slots[0], Slot::Word(w) if w.chars().count() >= 2) => {
            Some(Term::Prefix(take_word(&mut slots)))
        }
        (1, true) => {
            notes.push(format!(
                "“{text}” is too short a prefix: searched as a word"
            ));
            Some(Term::Word(take_word(&mut slots)))
        }
        // A quoted word is its exact word, as a quoted phrase is its exact words.
        (1, false) if quoted => Some(Term::Phrase(slots)),
        (1, false) => Some(Term::Word(take_word(&mut slots))),
        (_, true) => {
            notes.push(format!(
                "“{text}”: a prefix must be one word; searched as a phrase"
            ));
            Some(Term::Phrase(slots))
        }
        _ => Some(Term::Phrase(slots)),
    }
}

/// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a range `A..B` into (from, to).
fn date_range(value: &str) -> Option<(Option<PartialDate>, Option<PartialDate>)> {
    if let Some((a, b)) = value.split_once("..") {
        let parse = |s: &str| -> Option<Option<PartialDate>> {
            if s.is_empty() {
                Some(None)
            } else {
                PartialDate::parse(s).ok().map(Some)
            }
        };
        return Some((parse(a)?, parse(b)?));
    }
    let d = PartialDate::parse(value).ok()?;
    Some((Some(d), Some(d)))
}

/// Parses a query string. Never fails.
///
/// ```
/// use tifa_core::search::query::{parse, Term};
/// let q = parse(r#""shared future" multilateral* -covid speaker:"Mao Ning" year:2020..2024"#);
/// assert_eq!(q.required, vec![
///     vec![Term::phrase(&["shared", "future"])],
///     vec![Term::Prefix("multilateral".into())],
/// ]);
/// assert_eq!(q.excluded, vec![Term::Word("covid".into())]);
/// assert_eq!(q.speakers, vec!["mao ning".to_string()]);
/// assert_eq!(q.from.unwrap().to_string(), "2020");
/// assert!(q.notes.is_empty());
/// ```
pub fn parse(input: &str) -> Query {
    let mut q = Query::default();
    let mut notes = Vec::new();
    let items = lex(input, &mut notes);
    let mut pending_or = false;
    let mut pending_near: Option<u8> = None;
    for item in items {
        let operator = item.field.is_none() && !item.quoted && !item.negated;
        let joins = !q.required.is_empty() && !pending_or;
        if operator && take_near(&item.text, joins, &mut pending_near, &mut notes) {
            continue;
        }
        if item.field.is_none() && !item.quoted && !item.negated && item.text == "OR" {
            if q.required.is_empty() || pending_or {
                notes.push("“OR” needs a term on each side: ignored".into());
            } else {
                pending_or = true;
            }
            continue;
        }
        if let Some(field) = &item.field {
            let folded = super::text::fold(item.text.trim());
            if folded.is_empty() {
                notes.push(format!("“{field}:” has no value: ignored"));
                continue;
            }
            let handled = match field.as_str() {
                "speaker" | "venue" | "topic" if item.negated => {
                    notes.push(format!(
                        "excluding a {field} is not supported: “-{field}:” ignored"
                    ));
                    true
                }
                "speaker" => {
                    q.speakers.push(folded);
                    true
                }
                "venue" => {
                    q.venues.push(folded);
                    true
                }
                "topic" => {
                    q.topics.push(folded);
                    true
                }
                "year" | "date" | "from" | "to" => {
                    match date_range(item.text.trim()) {
                        // `from:X` and `to:X` set one end; a range or `year:`/`date:` both.
                        Some((from, to)) => match (field.as_str(), item.text.contains("..")) {
                            ("from", false) => q.from = from,
                            ("to", false) => q.to = to,
                            _ => {
                                q.from = from;
                                q.to = to;
                            }
                        },
                        None => notes.push(format!(
                            "“{field}:{}” is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or A..B): ignored",
                            item.text
                        )),
                    }
                    true
                }
                _ => false,
            };
            if handled {
                continue;
            }
            notes.push(format!("unknown field “{field}:”: searched as words"));
        }
        let text = match &item.field {
            Some(f) if !item.quoted => format!("{f} {}", item.text),
            _ => item.text.clone(),
        };
        let Some(term) = term_of(&text, item.quoted, &mut notes) else {
            if !text.trim().is_empty() {
                notes.push(format!(
                    "“{}” has no searchable words: ignored",
                    text.trim()
                ));
            }
            pending_or = false;
            continue;
        };
        if let Some(n) = pending_near.take() {
            let last = q
                .required
                .last_mut()
                .and_then(|g| g.pop())
                .expect("checked when NEAR was read");
            if item.negated {
                notes.push("NEAR cannot join an excluded term: searched for both".into());
            }
            q.required
                .last_mut()
                .expect("the group of the term before")
                .push(Term::Near(Box::new(last), Box::new(term), n));
            pending_or = false;
            continue;
        }
        if item.negated {
            q.excluded.push(term);
        } else if pending_or {
            q.required.last_mut().expect("checked").push(term);
        } else {
            q.required.push(vec![term]);
        }
        pending_or = false;
    }
    if pending_or {
        notes.push("“OR” needs a term on each side: ignored".into());
    }
    if pending_near.is_some() {
        notes.push("NEAR needs a term on each side: ignored".into());
    }
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if from > to {
            notes.push(format!("the date range {from}..{to} is reversed: swapped"));
            q.from = Some(to);
            q.to = Some(from);
        }
    }
    q.notes = notes;
    q
}

/// The query with its last word read as a beginning (`multilat` → `multilat*`), for a
/// search that found nothing while that word may still be being typed. `None` unless
/// the query ends in a plain word: not quoted, negated or a field, not `OR` or already
/// a prefix, with nothing after it (not even a space or a full stop), one word that
/// folds to itself (so the word offered is the word searched: not `covid-`, `rights.`
/// or `China’s`), not CJK, and long enough to be a prefix.
///
/// Returns the wider query and the word.
///
/// ```
/// use tifa_core::search::query::as_prefix;
/// assert_eq!(
///     as_prefix("human multilat"),
///     Some(("human multilat*".to_string(), "multilat".to_string()))
/// );
/// assert_eq!(as_prefix("multilateral "), None);
/// assert_eq!(as_prefix("\"shared fut\""), None);
/// ```
pub fn as_prefix(input: &str) -> Option<(String, String)> {
    let mut notes = Vec::new();
    let last = lex(input, &mut notes).pop()?;
    let bare = last.field.is_none() && !last.quoted && !last.negated && last.text != "OR";
    if !bare || !input.ends_with(last.text.as_str()) || last.text.ends_with('*') {
        return None;
    }
    let words = tokens(&last.text);
    let [word] = words.as_slice() else {
        return None;
    };
    let itself = word.term == super::text::fold(&last.text);
    if word.cjk || !itself || word.term.chars().count() < 2 {
        return None;
    }
    Some((format!("{input}*"), last.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn word(s: &str) -> Term {
        Term::Word(s.into())
    }

    #[test]
    fn a_last_word_being_typed_can_be_read_as_a_beginning() {
        for (typed, wider) in [
            ("hum", Some("hum*")),
            ("human rights cou", Some("human rights cou*")),
            (
                "\"shared future\" multilat",
                Some("\"shared future\" multilat*"),
            ),
            ("covid OR pandem", Some("covid OR pandem*")),
            ("Multilat", Some("Multilat*")),
            ("human multilat.", None),
            ("covid-", None),
            ("China’s", None),
            ("China's", None),
            ("中国", None),
            ("a", None),
            ("h", None),
            ("multilat*", None),
            ("-cov", None),
            ("speaker:mao", None),
            ("rights OR", None),
            ("win-win", None),
            ("\"shared fut", None),
            ("\"shared future\"", None),
            ("cooperation ", None),
            ("", None),
            ("   ", None),
        ] {
            let got = as_prefix(typed);
            assert_eq!(got.as_ref().map(|(q, _)| q.as_str()), wider, "{typed:?}");
            if let Some((_, word)) = got {
                assert!(
                    typed.ends_with(&word) && !word.contains([' ', '"']),
                    "{typed:?}"
                );
            }
        }
    }

    #[test]
    fn words_are_all_required() {
        let q = parse("win-win cooperation");
        assert_eq!(
            q.required,
            vec![
                vec![Term::phrase(&["win", "win"])],
                vec![word("cooperation")]
            ]
        );
    }

    #[test]
    fn or_joins_neighbours() {
        let q = parse("xinjiang OR \"hong kong\" poverty");
        assert_eq!(
            q.required,
            vec![
                vec![word("xinjiang"), Term::phrase(&["hong", "kong"])],
                vec![word("poverty")]
            ]
        );
        assert!(q.notes.is_empty());
    }

    #[test]
    fn malformed_queries_get_a_reading_and_a_note() {
        let q = parse("\"shared future");
        assert_eq!(q.required, vec![vec![Term::phrase(&["shared", "future"])]]);
        assert_eq!(q.notes.len(), 1);
        let q = parse("rights - OR");
        assert_eq!(q.required, vec![vec![word("rights")]]);
        assert_eq!(q.notes.len(), 2, "{:?}", q.notes);
        let q = parse("foo:bar");
        assert_eq!(q.required, vec![vec![Term::phrase(&["foo", "bar"])]]);
        assert_eq!(
            q.notes,
            vec!["unknown field “foo:”: searched as words".to_string()]
        );
        let q = parse("year:twenty");
        assert!(q.is_empty());
        assert_eq!(q.notes.len(), 1);
        let q = parse("a*");
        assert_eq!(q.required, vec![vec![word("a")]]);
    }

    #[test]
    fn date_filters() {
        let q = parse("year:2020");
        assert_eq!(
            (q.from.unwrap().to_string(), q.to.unwrap().to_string()),
            ("2020".into(), "2020".into())
        );
        let q = parse("from:2020-06 to:2021");
        assert_eq!(
            (q.from.unwrap().to_string(), q.to.unwrap().to_string()),
            ("2020-06".into(), "2021".into())
        );
        let q = parse("year:2024..2020");
        assert_eq!(q.from.unwrap().to_string(), "2020");
        assert_eq!(q.notes.len(), 1);
        let q = parse("date:2020-02-30");
        assert!(q.from.is_none());
    }

    #[test]
    fn typographic_quotes_make_phrases() {
        assert_eq!(
            parse("“shared future”").required,
            parse("\"shared future\"").required
        );
    }

    proptest! {
        #[test]
        fn any_input_parses(s in "\\PC{0,120}") {
            let q = parse(&s);
            for group in &q.required {
                prop_assert!(!group.is_empty());
            }
        }

        /// Reading the last word as a beginning changes only that word: the same
        /// groups and exclusions, no new notes, the last term now a prefix of it.
        #[test]
        fn as_prefix_changes_only_the_last_word(
            s in "[\"“”a-zA-Z0-9 :*.,'’中国-]{0,30}( OR)?[ a-zA-Z0-9.'’中国]{0,8}"
        ) {
            if let Some((wider, word)) = as_prefix(&s) {
                prop_assert_eq!(&wider, &format!("{s}*"));
                let (before, after) = (parse(&s), parse(&wider));
                prop_assert_eq!(before.required.len(), after.required.len());
                prop_assert_eq!(&before.excluded, &after.excluded);
                prop_assert_eq!(&before.notes, &after.notes);
                let last = after.required.last().and_then(|g| g.last());
                // ... and searches the word offered.
                let offered = Term::Prefix(crate::search::text::fold(&word));
                prop_assert_eq!(last, Some(&offered), "{:?}", after.required);
            }
        }

        #[test]
        fn quote_and_dash_soup_parses(s in "[\"“” :*a-c-]{0,40}") {
            let _ = parse(&s);
        }
    }

    #[test]
    fn gaps_and_near_are_read_and_their_mistakes_said() {
        let q = parse("\"community *{0,2} shared future\" rights NEAR/5 development");
        assert_eq!(
            q.required,
            vec![
                vec![Term::Phrase(vec![
                    Slot::Word("community".into()),
                    Slot::Gap { min: 0, max: 2 },
                    Slot::Word("shared".into()),
                    Slot::Word("future".into()),
                ])],
                vec![Term::Near(
                    Box::new(word("rights")),
                    Box::new(word("development")),
                    5
                )],
            ]
        );
        assert!(q.notes.is_empty(), "{:?}", q.notes);
        let bad = parse("\"a *{9} b\" x NEAR/99 y NEAR/2");
        assert_eq!(bad.notes.len(), 3, "{:?}", bad.notes);
        assert!(matches!(&bad.required[1][0], Term::Near(_, _, 20)));
    }
}
