//! Where a pattern occurs in a passage's words: the one matching core of the tracker,
//! the concordance and search (through `formulation::InKinds`), for words read from the
//! index (exact term ids) or from the text (folded words, the reference the index is
//! tested against).
//!
//! - A phrase's words are matched in order; a gap (`*`, `*{m,n}`) takes as few words as
//!   it can, so the first and shortest match at a place is the one found.
//! - Occurrences of one pattern never overlap: after a match the search goes on past
//!   its end.
//! - `NEAR/n`: an occurrence of each side, at most `n` words between them (0 when they
//!   touch or overlap), in either order, never one place paired with itself; the
//!   occurrence runs from the first word of either to the last.
//!
//! ```
//! use tifa_core::search::matching::{places, Step, Unit};
//! let words = ["a", "community", "with", "a", "shared", "future"];
//! let phrase = Unit::Seq(vec![Step::Word("community"), Step::Gap(0, 2), Step::Word("shared")]);
//! let found = places(&words, &phrase, &|w: &&str, x: &&str| w == x);
//! assert_eq!((found[0].at, found[0].len), (1, 4));
//! assert_eq!(found[0].gaps, [(2, 2)]);
//! ```

/// One step of a phrase: a word, or a gap of `min` to `max` words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<W> {
    Word(W),
    Gap(u8, u8),
}

/// A pattern over words `W`: a single word (any that `eq` accepts), a phrase, two
/// units near each other, or nothing at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit<W> {
    Word(W),
    Seq(Vec<Step<W>>),
    Near(Box<Unit<W>>, Box<Unit<W>>, u8),
    Never,
}

/// One occurrence: its first word, its length, and each gap's (first word, length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub at: usize,
    pub len: usize,
    pub gaps: Vec<(usize, usize)>,
}

/// Where `steps` match at `at`: their end, the gaps recorded in `gaps` (only when they
/// match).
fn end_at<T, W>(
    words: &[T],
    at: usize,
    steps: &[Step<W>],
    eq: &impl Fn(&T, &W) -> bool,
    gaps: &mut Vec<(usize, usize)>,
) -> Option<usize> {
    match steps.split_first() {
        None => Some(at),
        Some((Step::Word(w), rest)) => {
            if at < words.len() && eq(&words[at], w) {
                end_at(words, at + 1, rest, eq, gaps)
            } else {
                None
            }
        }
        Some((&Step::Gap(min, max), rest)) => {
            for k in min as usize..=max as usize {
                if at + k > words.len() {
                    break;
                }
                gaps.push((at, k));
                if let Some(end) = end_at(words, at + k, rest, eq, gaps) {
                    return Some(end);
                }
                gaps.pop();
            }
            None
        }
    }
}

/// Every occurrence of `unit` in `words`, first to last (see the module docs); `eq`
/// says whether a word of the text is a word of the pattern.
pub fn places<T, W>(words: &[T], unit: &Unit<W>, eq: &impl Fn(&T, &W) -> bool) -> Vec<Place> {
    match unit {
        Unit::Never => Vec::new(),
        Unit::Word(w) => words
            .iter()
            .enumerate()
            .filter(|(_, t)| eq(t, w))
            .map(|(at, _)| Place {
                at,
                len: 1,
                gaps: Vec::new(),
            })
            .collect(),
        Unit::Seq(steps) => {
            let mut out = Vec::new();
            let mut at = 0;
            let mut gaps = Vec::new();
            while at < words.len() {
                gaps.clear();
                match end_at(words, at, steps, eq, &mut gaps) {
                    Some(end) if end > at => {
                        out.push(Place {
                            at,
                            len: end - at,
                            gaps: gaps.clone(),
                        });
                        at = end;
                    }
                    _ => at += 1,
                }
            }
            out
        }
        Unit::Near(a, b, n) => near(&places(words, a, eq), &places(words, b, eq), *n as usize),
    }
}

/// The occurrences of two units at most `n` words apart (non-overlapping, first first).
fn near(a: &[Place], b: &[Place], n: usize) -> Vec<Place> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for x in a {
        for y in b {
            // One place is not near itself (`rights NEAR/3 rights` needs two).
            if (x.at, x.len) == (y.at, y.len) {
                continue;
            }
            let (x_end, y_end) = (x.at + x.len, y.at + y.len);
            let between = if x_end <= y.at {
                y.at - x_end
            } else {
                x.at.saturating_sub(y_end)
            };
            if between <= n {
                pairs.push((x.at.min(y.at), x_end.max(y_end)));
            }
        }
    }
    pairs.sort_unstable();
    let mut out: Vec<Place> = Vec::new();
    for (start, end) in pairs {
        if out.last().is_some_and(|p| start < p.at + p.len) {
            continue;
        }
        out.push(Place {
            at: start,
            len: end - start,
            gaps: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, unit: &Unit<&str>) -> Vec<(usize, usize)> {
        let words: Vec<&str> = text.split(' ').collect();
        places(&words, unit, &|w: &&str, x: &&str| w == x)
            .into_iter()
            .map(|p| (p.at, p.len))
            .collect()
    }

    #[test]
    fn gaps_take_as_few_words_as_they_can() {
        let seq = |steps| Unit::Seq(steps);
        let p = seq(vec![Step::Word("a"), Step::Gap(0, 2), Step::Word("b")]);
        assert_eq!(
            found("a b a x b a x y b a x y z b", &p),
            [(0, 2), (2, 3), (5, 4)]
        );
        // Exactly one word.
        let one = seq(vec![Step::Word("a"), Step::Gap(1, 1), Step::Word("b")]);
        assert_eq!(found("a b a x b", &one), [(2, 3)]);
    }

    #[test]
    fn near_in_either_order_within_n_words() {
        let near = Unit::Near(
            Box::new(Unit::Word("rights")),
            Box::new(Unit::Word("development")),
            2,
        );
        assert_eq!(found("rights and development", &near), [(0, 3)]);
        assert_eq!(found("development of human rights", &near), [(0, 4)]);
        assert_eq!(found("rights a b c development", &near), []);
    }
}
