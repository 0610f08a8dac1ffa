//! The query language. [`parse`] never fails: a malformed query gets its most sensible
//! reading, and [`Query::notes`] says how it was read, for the UI to show.
//!
//! | syntax | meaning |
//! |---|---|
//! | `shared future` | both words, anywhere (ranked) |
//! | `"shared future"` | the exact phrase |
//! | `multilateral*` | any word starting so |
//! | `-covid` | without this word (or `-"a phrase"`) |
//! | `xinjiang OR "hong kong"` | either |
//! | `speaker:"Mao Ning"`, `venue:hrc`, `topic:covid-19` | filters (repeat a field for either) |
//! | `year:2020`, `year:2019..2021`, `date:2020-06`, `from:2020-06`, `to:2021` | date filters |
//!
//! Words are folded and tokenized as in [`super::text`]; a word that tokenizes into
//! several terms (`win-win`) is read as a phrase.

use super::formulation::Kinds;
use super::text::tokens;
use crate::model::{EntityKind, PartialDate};

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A folded word.
    Word(String),
    /// A folded word prefix (`multilat*`).
    Prefix(String),
    /// Folded words that must appear in this order, adjacent; an empty word stands for
    /// any one word (`*` inside quotes), never first or last.
    Phrase(Vec<String>),
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
    let mut words: Vec<String> = Vec::new();
    for piece in body.split_whitespace() {
        if quoted && piece == "*" {
            // Any one word: kept as an empty word between two others.
            words.push(String::new());
        } else {
            words.extend(tokens(piece).into_iter().map(|t| t.term));
        }
    }
    if words.first().is_some_and(String::is_empty) || words.last().is_some_and(String::is_empty) {
        notes.push(format!(
            "“{text}”: a * stands for a word between two others; the one at the edge is ignored"
        ));
        while words.first().is_some_and(String::is_empty) {
            words.remove(0);
        }
        while words.last().is_some_and(String::is_empty) {
            words.pop();
        }
    }
    match (words.len(), prefix) {
        (0, _) => None,
        (1, true) if words[0].chars().count() >= 2 => Some(Term::Prefix(words.remove(0))),
        (1, true) => {
            notes.push(format!(
                "“{text}” is too short a prefix: searched as a word"
            ));
            Some(Term::Word(words.remove(0)))
        }
        (1, false) => Some(Term::Word(words.remove(0))),
        (_, true) => {
            notes.push(format!(
                "“{text}”: a prefix must be one word; searched as a phrase"
            ));
            Some(Term::Phrase(words))
        }
        _ => Some(Term::Phrase(words)),
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
///     vec![Term::Phrase(vec!["shared".into(), "future".into()])],
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
    for item in items {
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
                vec![Term::Phrase(vec!["win".into(), "win".into()])],
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
                vec![
                    word("xinjiang"),
                    Term::Phrase(vec!["hong".into(), "kong".into()])
                ],
                vec![word("poverty")]
            ]
        );
        assert!(q.notes.is_empty());
    }

    #[test]
    fn malformed_queries_get_a_reading_and_a_note() {
        let q = parse("\"shared future");
        assert_eq!(
            q.required,
            vec![vec![Term::Phrase(vec!["shared".into(), "future".into()])]]
        );
        assert_eq!(q.notes.len(), 1);
        let q = parse("rights - OR");
        assert_eq!(q.required, vec![vec![word("rights")]]);
        assert_eq!(q.notes.len(), 2, "{:?}", q.notes);
        let q = parse("foo:bar");
        assert_eq!(
            q.required,
            vec![vec![Term::Phrase(vec!["foo".into(), "bar".into()])]]
        );
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
}
