//! Reused passages: two passages of different statements that share a run of at least
//! `reuse_words` words, word for word (exact words, as the tracker reads them).
//!
//! Why eight words by default: shared runs of four to six words are the recurring
//! formulations themselves (listed apart); at eight, a run shared by two statements is
//! a quotation, a resolution's title or a talking point copied from one statement to
//! the next (in the seed corpus, the 2021 report repeats ten words of the 2020
//! spokesperson's remarks), while common phrasing stays under it.
//!
//! Every window of `reuse_words` words is hashed; windows with equal hashes in
//! different statements are paired (a window found in more than `MAX_SHARING`
//! statements is boilerplate and left out), and the pairs of one passage pair that lie
//! on the same diagonal are merged into maximal runs, whose words are then compared.

use super::Settings;
use tifa_core::discover::{Reuse, Run, MAX_PARTNERS, MAX_SHARING};
use tifa_core::search::index::Index;
use tifa_model::hash::Rolling;
use tifa_model::Corpus;

/// Every pair of passages of different statements that share a long run (at most
/// `MAX_PARTNERS` a passage), ordered by (a, pa, b, pb).
pub fn pairs(corpus: &Corpus, index: &Index, settings: &Settings) -> Vec<Reuse> {
    let r = settings.reuse_words.max(2) as usize;
    // Every passage's words; windows as (hash, passage, offset).
    let mut passages: Vec<(u32, u16, Vec<u32>)> = Vec::new();
    let mut buffer = Vec::new();
    for s in 0..corpus.statements.len() as u32 {
        index.tokens.each_passage(s, &mut buffer, |p, ids| {
            if ids.len() >= r {
                passages.push((s, p as u16, ids.to_vec()));
            }
            true
        });
    }
    // A window of r words rolled along: one word in, the word r back out.
    let top = Rolling::top(r);
    let mut windows: Vec<(u64, u32, u32)> = Vec::new();
    for (k, (_, _, words)) in passages.iter().enumerate() {
        let mut h = 0u64;
        for (i, &w) in words.iter().enumerate() {
            h = Rolling::step(h, w);
            if i >= r {
                h = Rolling::drop_first(h, words[i - r], top);
            }
            if i + 1 >= r {
                windows.push((h, k as u32, (i + 1 - r) as u32));
            }
        }
    }
    windows.sort_unstable();
    // Pairs of windows in different statements: (passage a, passage b, offset a, offset b).
    let mut hits: Vec<(u32, u32, u32, u32)> = Vec::new();
    let mut at = 0;
    while at < windows.len() {
        let end = at + windows[at..].partition_point(|w| w.0 == windows[at].0);
        let group = &windows[at..end];
        let mut statements: Vec<u32> = group.iter().map(|w| passages[w.1 as usize].0).collect();
        statements.dedup();
        // A window repeated many times, even within few statements, is boilerplate too:
        // pairing its places would be quadratic.
        let few = group.len() <= 4 * MAX_SHARING;
        if statements.len() >= 2 && statements.len() <= MAX_SHARING && few {
            for (i, x) in group.iter().enumerate() {
                for y in &group[i + 1..] {
                    let (sx, sy) = (passages[x.1 as usize].0, passages[y.1 as usize].0);
                    if sx != sy {
                        // Windows are sorted by passage, which follows corpus order.
                        hits.push((x.1, y.1, x.2, y.2));
                    }
                }
            }
        }
        at = end;
    }
    // Merged into runs along each diagonal, checked word for word.
    hits.sort_unstable_by_key(|&(pa, pb, oa, ob)| (pa, pb, ob as i64 - oa as i64, oa));
    let mut out: Vec<Reuse> = Vec::new();
    let mut k = 0;
    while k < hits.len() {
        let (pa, pb, oa, ob) = hits[k];
        let mut len = 1;
        while k + len < hits.len() && hits[k + len] == (pa, pb, oa + len as u32, ob + len as u32) {
            len += 1;
        }
        k += len;
        let (wa, wb) = (&passages[pa as usize].2, &passages[pb as usize].2);
        let words = len - 1 + r;
        let (a0, b0) = (oa as usize, ob as usize);
        if wa[a0..a0 + words] != wb[b0..b0 + words] {
            continue;
        }
        let run = Run {
            a: oa,
            b: ob,
            len: words as u32,
        };
        let (sa, qa, _) = &passages[pa as usize];
        let (sb, qb, _) = &passages[pb as usize];
        match out.last_mut() {
            Some(last) if (last.a, last.pa, last.b, last.pb) == (*sa, *qa, *sb, *qb) => {
                last.runs.push(run)
            }
            _ => out.push(Reuse {
                a: *sa,
                pa: *qa,
                b: *sb,
                pb: *qb,
                runs: vec![run],
            }),
        }
    }
    for pair in &mut out {
        pair.runs.sort_by_key(|r| (r.a, r.b));
    }
    keep_closest(out)
}

/// The pairs among the `MAX_PARTNERS` of both their passages that share the most
/// words (ties: the earlier partner), in their order.
fn keep_closest(pairs: Vec<Reuse>) -> Vec<Reuse> {
    use std::collections::HashMap;
    // Per passage: (words shared, the other statement, the pair).
    type Candidates = Vec<(u32, u32, usize)>;
    let mut sides: HashMap<(u32, u16), Candidates> = HashMap::new();
    for (k, r) in pairs.iter().enumerate() {
        sides
            .entry((r.a, r.pa))
            .or_default()
            .push((r.shared(), r.b, k));
        sides
            .entry((r.b, r.pb))
            .or_default()
            .push((r.shared(), r.a, k));
    }
    let mut votes = vec![0u8; pairs.len()];
    for list in sides.values_mut() {
        list.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(_, _, k) in list.iter().take(MAX_PARTNERS) {
            votes[k] += 1;
        }
    }
    pairs
        .into_iter()
        .zip(votes)
        .filter(|(_, v)| *v == 2)
        .map(|(r, _)| r)
        .collect()
}
