//! How a listed run is shown: its most frequent written form, and its group of variants.

use super::flat::Flat;
use std::collections::HashMap;
use tifa_core::search::text::{fold, for_each_token, tokens};
use tifa_model::Corpus;

/// One place a run occurs: the passage (in [`Flat::passages`]) and its first word there.
#[derive(Clone, Copy)]
pub(crate) struct Place {
    pub passage: u32,
    pub word: u32,
}

/// The text of `n` words from `place`, white space collapsed to single spaces.
fn text_at(corpus: &Corpus, flat: &Flat, place: Place, n: usize) -> Option<String> {
    let p = flat.passages.get(place.passage as usize)?;
    let st = corpus.statements.get(p.statement as usize)?;
    let text = corpus
        .document_of(st)
        .text(st.passages.get(p.passage as usize)?.span);
    let (first, last) = (place.word as usize, place.word as usize + n - 1);
    let (mut start, mut end) = (None, None);
    let mut k = 0;
    for_each_token(text, |_, a, b, _| {
        if k == first {
            start = Some(a as usize);
        }
        if k == last {
            end = Some(b as usize);
        }
        k += 1;
    });
    let written = text.get(start?..end?)?;
    Some(written.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The form of a run most of its places have (ties: the first met), when it reads back
/// to the run's words as a quoted phrase; `None` when none does (then the folded words
/// are shown).
pub(crate) fn written_form(
    corpus: &Corpus,
    flat: &Flat,
    places: &[Place],
    terms: &[&str],
) -> Option<String> {
    let mut forms: Vec<(String, usize)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for &place in places {
        let Some(w) = text_at(corpus, flat, place, terms.len()) else {
            continue;
        };
        match seen.get(&w) {
            Some(&k) => forms[k].1 += 1,
            None => {
                seen.insert(w.clone(), forms.len());
                forms.push((w, 1));
            }
        }
    }
    let reads_back = |w: &str| {
        let folded = fold(w);
        !folded.contains('"')
            && !w.contains('*')
            && tokens(w)
                .iter()
                .map(|t| t.term.as_str())
                .eq(terms.iter().copied())
    };
    let mut best: Option<&(String, usize)> = None;
    for f in &forms {
        if reads_back(&f.0) && best.is_none_or(|b| f.1 > b.1) {
            best = Some(f);
        }
    }
    best.map(|b| b.0.clone())
}

/// Whether a written run is a name or a title: every word of it that is not a function
/// word begins with a capital letter (digits aside), as in "Second World War" or "UN
/// Human Rights Council"; never a run in a script without case.
///
/// ```text
/// Ho Chi Minh, Democratic People's Republic of Korea   names
/// China has made, peaceful coexistence, 人类命运共同体    not names
/// ```
pub(crate) fn is_name(written: &str) -> bool {
    let mut capitals = 0;
    let mut lower = false;
    for_each_token(written, |term, start, _, cjk| {
        // A part after a hyphen ("En-lai", "Co-operation") is its word's.
        let joined = written[..start as usize]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace());
        if cjk || joined || tifa_core::search::text::is_function_word(term) {
            return;
        }
        match written[start as usize..].chars().next() {
            Some(c) if c.is_uppercase() => capitals += 1,
            Some(c) if c.is_numeric() => {}
            _ => lower = true,
        }
    });
    capitals > 0 && !lower
}

/// Edit distance in words (insertions, deletions, substitutions), or `None` once it
/// exceeds `most`.
fn distance(a: &[u32], b: &[u32], most: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > most {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut smallest = row[0];
        for (j, &y) in b.iter().enumerate() {
            let here = (diagonal + usize::from(x != y))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = here;
            smallest = smallest.min(here);
        }
        if smallest > most {
            return None;
        }
    }
    (row[b.len()] <= most).then_some(row[b.len()])
}

/// Groups of variants: runs that differ by one word (inserted, left out or replaced),
/// or by two when the shorter has five words or more, share a group (numbered in the
/// order of `runs`).
///
/// ```text
/// community with a shared future for mankind
/// community of shared future for mankind        two apart: "with" → "of", "a" left out
/// ```
pub(crate) fn variant_groups(runs: &[&[u32]]) -> Vec<u32> {
    let mut parent: Vec<usize> = (0..runs.len()).collect();
    fn root(parent: &mut [usize], mut k: usize) -> usize {
        while parent[k] != k {
            parent[k] = parent[parent[k]];
            k = parent[k];
        }
        k
    }
    for a in 0..runs.len() {
        for b in a + 1..runs.len() {
            let shorter = runs[a].len().min(runs[b].len());
            let most = if shorter >= 5 { 2 } else { 1 };
            if distance(runs[a], runs[b], most).is_some() {
                let (x, y) = (root(&mut parent, a), root(&mut parent, b));
                parent[x.max(y)] = x.min(y);
            }
        }
    }
    let mut number: HashMap<usize, u32> = HashMap::new();
    (0..runs.len())
        .map(|k| {
            let r = root(&mut parent, k);
            let next = number.len() as u32;
            *number.entry(r).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_capitalised_throughout() {
        for name in [
            "Ho Chi Minh",
            "Chou En-lai",
            "Democratic People's Republic of Korea",
            "2030 Agenda for Sustainable Development",
            "UN Human Rights Council",
            "Conference on Security and Co-operation in Europe",
        ] {
            assert!(is_name(name), "{name}");
        }
        for not in [
            "China has made",
            "peaceful coexistence",
            "人类命运共同体",
            "2030 agenda",
            "Peaceful coexistence",
        ] {
            assert!(!is_name(not), "{not}");
        }
    }

    #[test]
    fn distances_in_words() {
        assert_eq!(distance(&[1, 2, 3], &[1, 2, 3], 1), Some(0));
        assert_eq!(distance(&[1, 2, 3], &[1, 9, 3], 1), Some(1));
        assert_eq!(distance(&[1, 2, 3], &[1, 3], 1), Some(1));
        assert_eq!(distance(&[1, 2, 3, 4], &[1, 3], 1), None);
        assert_eq!(
            distance(&[1, 2, 3, 4, 5, 6, 7], &[1, 8, 4, 5, 6, 7], 2),
            Some(2)
        );
    }

    #[test]
    fn variants_of_other_lengths_share_a_group() {
        // community with a shared future for mankind / community of shared future for
        // mankind / an unrelated run / community with a shared future for humanity.
        let runs: Vec<&[u32]> = vec![
            &[1, 2, 3, 4, 5, 6, 7],
            &[1, 8, 4, 5, 6, 7],
            &[9, 9, 9],
            &[1, 2, 3, 4, 5, 6, 10],
        ];
        assert_eq!(variant_groups(&runs), [0, 0, 1, 0]);
        // Short runs: one word apart only.
        let short: Vec<&[u32]> = vec![&[1, 2, 3], &[1, 2, 4], &[1, 5, 6]];
        assert_eq!(variant_groups(&short), [0, 0, 1]);
    }
}
