//! Text normalisation and tokenization, shared by the index builder and the query parser
//! so that both see the same terms.
//!
//! - Words are found with Unicode word boundaries (UAX #29, `unicode-segmentation`).
//! - Each word is folded: typographic variants unified (’ ‘ ʼ → ', “ ” → ", – — → -),
//!   lower-cased, and stripped of Latin diacritics (`é` → `e`; see `diacritics.rs`).
//! - A possessive `'s` is dropped: `China’s` → `china`.
//! - Han, kana and hangul runs become overlapping character bigrams (a lone character
//!   stays a unigram), so a Chinese-language corpus is searchable without a dictionary.
//! - [`stem`] gives the Snowball English stem of a folded word.
//!
//! Every token keeps the byte range of the source text it came from, for highlighting.

use super::diacritics::{is_latin_diacritic, latin_base};
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation;

/// One term of a text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded term (not stemmed).
    pub term: String,
    /// Byte range in the source text.
    pub start: u32,
    pub end: u32,
    /// A CJK bigram or unigram: never stemmed.
    pub cjk: bool,
}

/// True for the scripts indexed as character bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FA1F  // extensions B–F, compatibility supplement
    )
}

/// Folds one character into `out`: typography unified, lower case, no diacritics.
fn fold_char(c: char, out: &mut String) {
    let c = match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => c,
    };
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        if let Some(base) = latin_base(lower) {
            out.push(base);
        } else if !is_latin_diacritic(lower) {
            out.push(lower);
        }
    }
}

/// Folds a whole string (see the module docs).
///
/// ```
/// use tifa_core::search::text::fold;
/// assert_eq!(fold("China’s “Win–Win” Café"), "china's \"win-win\" cafe");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folds a word and drops a possessive `'s` and stray apostrophes at either end.
fn fold_word(w: &str) -> String {
    let mut f = String::with_capacity(w.len());
    fold_word_into(w, &mut f);
    f
}

/// [`fold_word`] into a reused buffer (cleared first).
fn fold_word_into(w: &str, f: &mut String) {
    f.clear();
    if w.is_ascii() {
        f.push_str(w);
        f.make_ascii_lowercase();
    } else {
        for c in w.chars() {
            fold_char(c, f);
        }
    }
    if f.ends_with("'s") && f.len() > 2 {
        f.truncate(f.len() - 2);
    }
    let end = f.trim_end_matches('\'').len();
    f.truncate(end);
    let start = f.len() - f.trim_start_matches('\'').len();
    if start > 0 {
        f.drain(..start);
    }
}

/// UAX #29 word boundaries for pure-ASCII text, without the crate's table lookups: the
/// `(offset, segment)` pairs of the segments that can hold a word (they start with a
/// letter, digit or `_`). The property test `ascii_fast_path_matches_uax29` checks it
/// against `unicode-segmentation` on random ASCII.
///
/// The ASCII rules that matter: letters and digits join (WB5, WB8–10); `_` joins them
/// (WB13a/b); `:` `.` `'` join two letters (WB6/7); `,` `;` `.` `'` join two digits
/// (WB11/12); everything else breaks.
fn ascii_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !word(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        while i < b.len() {
            let c = b[i];
            if word(c) {
                i += 1;
                continue;
            }
            if i + 1 < b.len() {
                let (prev, next) = (b[i - 1], b[i + 1]);
                let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic();
                let digits = prev.is_ascii_digit() && next.is_ascii_digit();
                if (letters && matches!(c, b':' | b'.' | b'\''))
                    || (digits && matches!(c, b',' | b';' | b'.' | b'\''))
                {
                    i += 2;
                    continue;
                }
            }
            break;
        }
        Some((start, &text[start..i]))
    })
}

/// The tokens of a text, in order.
///
/// ```
/// use tifa_core::search::text::tokens;
/// let t: Vec<String> = tokens("China’s win-win 人类命运共同体").into_iter().map(|t| t.term).collect();
/// assert_eq!(t, ["china", "win", "win", "人类", "类命", "命运", "运共", "共同", "同体"]);
/// ```
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, |term, start, end, cjk| {
        out.push(Token {
            term: term.to_owned(),
            start,
            end,
            cjk,
        })
    });
    out
}

/// Calls `f(term, start, end, cjk)` for each token of [`tokens`], in order, without
/// allocating per token on ASCII text.
///
/// The text is cut at ASCII whitespace, where UAX #29 always has a word boundary: no
/// rule joins a word across a space or line break. (The one rule that joins anything
/// to a space, WB4, glues a following combining mark to it; such a mark stands alone
/// here instead.) Runs that are pure ASCII take the fast path; the rest (a curly quote,
/// an accent, CJK) go through `unicode-segmentation`. The property test
/// `chunked_tokens_match_uax29` checks the result against UAX #29 on the whole text.
///
/// ```
/// use tifa_core::search::text::for_each_token;
/// let mut seen = Vec::new();
/// for_each_token("China’s rights", |term, start, end, _| seen.push((term.to_owned(), start, end)));
/// assert_eq!(seen, [("china".to_owned(), 0, 9), ("rights".to_owned(), 10, 16)]);
/// ```
pub fn for_each_token(text: &str, mut f: impl FnMut(&str, u32, u32, bool)) {
    let mut term = String::new();
    let mut ascii = |chunk: &str, base: u32, f: &mut dyn FnMut(&str, u32, u32, bool)| {
        for (offset, word) in ascii_words(chunk) {
            if !word.bytes().any(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            fold_word_into(word, &mut term);
            if !term.is_empty() {
                let start = base + offset as u32;
                f(&term, start, start + word.len() as u32, false);
            }
        }
    };
    if text.is_ascii() {
        return ascii(text, 0, &mut f);
    }
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        // A chunk ends after the next ASCII white space (never inside a UTF-8 sequence).
        let end = bytes[start..]
            .iter()
            .position(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
            .map_or(bytes.len(), |k| start + k + 1);
        let chunk = &text[start..end];
        if chunk.is_ascii() {
            ascii(chunk, start as u32, &mut f);
        } else {
            for t in uax29_tokens(chunk) {
                f(&t.term, start as u32 + t.start, start as u32 + t.end, t.cjk);
            }
        }
        start = end;
    }
}

/// [`tokens`] by the book: UAX #29 word boundaries from `unicode-segmentation`.
fn uax29_tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    // A run of adjacent CJK characters: (byte start, chars with their byte offsets).
    let mut run: Vec<(usize, char)> = Vec::new();
    let flush = |run: &mut Vec<(usize, char)>, out: &mut Vec<Token>| {
        match run.len() {
            0 => {}
            1 => {
                let (at, c) = run[0];
                out.push(Token {
                    term: fold(&c.to_string()),
                    start: at as u32,
                    end: (at + c.len_utf8()) as u32,
                    cjk: true,
                });
            }
            _ => {
                for pair in run.windows(2) {
                    let ((a, c1), (b, c2)) = (pair[0], pair[1]);
                    let mut term = String::new();
                    fold_char(c1, &mut term);
                    fold_char(c2, &mut term);
                    out.push(Token {
                        term,
                        start: a as u32,
                        end: (b + c2.len_utf8()) as u32,
                        cjk: true,
                    });
                }
            }
        }
        run.clear();
    };
    let mut last_end = 0usize;
    for (at, word) in text.split_word_bound_indices() {
        let mut chars = word.chars();
        let first = chars.next();
        let single_cjk = matches!((first, chars.next()), (Some(c), None) if is_cjk(c));
        if single_cjk {
            if at != last_end {
                flush(&mut run, &mut out);
            }
            run.push((at, first.expect("checked")));
            last_end = at + word.len();
            continue;
        }
        flush(&mut run, &mut out);
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let term = fold_word(word);
        if term.is_empty() {
            continue;
        }
        out.push(Token {
            term,
            start: at as u32,
            end: (at + word.len()) as u32,
            cjk: false,
        });
    }
    flush(&mut run, &mut out);
    out
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The English stem of a folded term; CJK and numeric terms are their own stem.
///
/// ```
/// use tifa_core::search::text::stem;
/// assert_eq!(stem("cooperation"), "cooper");
/// assert_eq!(stem("rights"), "right");
/// assert_eq!(stem("2030"), "2030");
/// ```
pub fn stem(term: &str) -> Cow<'_, str> {
    if term.chars().any(|c| is_cjk(c) || c.is_ascii_digit()) {
        return Cow::Borrowed(term);
    }
    stemmer().stem(term)
}

/// Words that do not make a formulation by themselves.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may", "me", "more", "most",
    "must", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or",
    "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your",
];

/// Whether a folded word is on the function-word list.
///
/// ```
/// use tifa_core::search::text::is_function_word;
/// assert!(is_function_word("of") && !is_function_word("mankind"));
/// ```
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_function_word_list_is_sorted() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }
    use proptest::prelude::*;

    fn terms(s: &str) -> Vec<String> {
        tokens(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn typographic_variants_give_the_same_terms() {
        assert_eq!(terms("China’s"), terms("China's"));
        assert_eq!(terms("“win-win”"), terms("\"win–win\""));
        assert_eq!(terms("Naïve RÉSUMÉ"), ["naive", "resume"]);
    }

    #[test]
    fn offsets_point_at_the_source_words() {
        let text = "The UN’s “shared future” 共同体";
        for t in tokens(text) {
            let src = &text[t.start as usize..t.end as usize];
            assert_eq!(
                fold_word(src).replace(' ', ""),
                t.term.replace(' ', ""),
                "{src:?}"
            );
        }
    }

    /// The table's data is checked against Unicode by tests/generated.rs; here, that the
    /// look-up finds every entry and nothing else in those blocks.
    #[test]
    fn latin_folding_looks_up_the_generated_table() {
        let table = &super::super::diacritics::LATIN_BASE;
        for cp in (0x00C0..=0x024F).chain(0x1E00..=0x1EFF) {
            let c = char::from_u32(cp).unwrap();
            let want = table
                .iter()
                .find(|&&(t, _)| t == cp)
                .map(|&(_, base)| base as char);
            assert_eq!(latin_base(c), want, "U+{cp:04X} {c}");
        }
        assert_eq!(latin_base('é'), Some('e'));
        assert_eq!(latin_base('a'), None);
        // Decomposed input folds the same as precomposed.
        assert_eq!(fold("Cafe\u{301} Nguyê\u{303}n"), fold("Café Nguyễn"));
        // Marks that are parts of other scripts' letters stay.
        assert_eq!(fold("हिन्दी"), "हिन्दी");
    }

    #[test]
    fn cjk_runs_are_bigrams_split_by_punctuation() {
        assert_eq!(terms("人权，合作"), ["人权", "合作"]);
        assert_eq!(terms("中 国"), ["中", "国"]);
        assert_eq!(
            terms("习近平外交思想"),
            ["习近", "近平", "平外", "外交", "交思", "思想"]
        );
    }

    #[test]
    fn numbers_and_hyphens() {
        assert_eq!(terms("2021-2025 plan"), ["2021", "2025", "plan"]);
        assert_eq!(terms("COVID-19"), ["covid", "19"]);
    }

    proptest! {
        #[test]
        fn ascii_fast_path_matches_uax29(s in "[a-zA-Z0-9 .,:;'_\\-\n\"!?()]{0,60}") {
            prop_assert_eq!(tokens(&s), uax29_tokens(&s));
        }

        #[test]
        fn chunked_tokens_match_uax29(
            s in "([a-zA-Z0-9 .,:;'_\\-\n\t\r\"!?()]|[’‘“”–—éÉüßçñ]|[\u{300}\u{301}\u{ad}\u{200d}\u{3000}]|[人权合作共同体]|[\\PC]){0,60}"
        ) {
            // One deliberate difference: UAX #29 glues a combining mark that follows a
            // space or tab onto the space (WB4), which can make a "word" starting with
            // whitespace; cut at whitespace, the mark stands alone.
            prop_assume!(!s.split_word_bounds().any(|w| {
                w.starts_with([' ', '\t']) && !w.chars().all(|c| c == ' ' || c == '\t')
            }));
            prop_assert_eq!(tokens(&s), uax29_tokens(&s));
        }

        #[test]
        fn tokens_never_panic_and_stay_in_bounds(s in "\\PC{0,200}") {
            for t in tokens(&s) {
                prop_assert!(t.start < t.end && (t.end as usize) <= s.len());
                prop_assert!(s.is_char_boundary(t.start as usize) && s.is_char_boundary(t.end as usize));
                prop_assert!(!t.term.is_empty());
                let _ = stem(&t.term);
            }
        }
    }
}
