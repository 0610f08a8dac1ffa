//! A deterministic synthetic corpus for scale tests and benchmarks.
//!
//! Same seed and size, same bytes: statements of realistic length (about 800 bytes,
//! two to four passages) whose sentences come from a word-level Markov chain trained on
//! the test corpus's texts, `tests/fixtures/corpus` (a copy of the seed documents: so
//! `corpus/` can grow without changing a synthetic corpus or a test). Its vocabulary and
//! Zipf-like frequencies are those of official statements (~1,500 distinct words, real
//! formulations); a few hundred speakers at a dozen venues, dated 2002–2024, with the
//! test corpus's topics. Written as `DIR/entities.toml` (the test corpus's) and
//! `DIR/import/synthetic.jsonl`.

use serde_json::json;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The test corpus's entity file; its topics are the synthetic corpus's vocabulary.
const ENTITIES: &str = include_str!("../../../tests/fixtures/corpus/entities.toml");

/// The seed texts the sentence model is trained on.
const SEED_TEXTS: [&str; 5] = [
    include_str!("../../../tests/fixtures/corpus/sources/000_b7e223c63b9e44fc.txt"),
    include_str!("../../../tests/fixtures/corpus/sources/001_7e5aa74e4e70d90e.txt"),
    include_str!("../../../tests/fixtures/corpus/sources/002_66420c5560cd654d.txt"),
    include_str!("../../../tests/fixtures/corpus/sources/003_272f0c0c82df2ae8.txt"),
    include_str!("../../../tests/fixtures/corpus/sources/004_caf4a8071f3c00d2.txt"),
];

/// A first-order word Markov chain over whitespace-separated words (punctuation stays
/// attached, so sentences end where the seed texts' sentences end).
struct Chain {
    words: Vec<&'static str>,
    /// For each word index, the indices of the words that followed it.
    next: Vec<Vec<u32>>,
    /// Words that began a sentence.
    starts: Vec<u32>,
}

impl Chain {
    fn train() -> Chain {
        let mut index = std::collections::HashMap::new();
        let mut chain = Chain {
            words: Vec::new(),
            next: Vec::new(),
            starts: Vec::new(),
        };
        for text in SEED_TEXTS {
            let mut prev: Option<u32> = None;
            let mut sentence_start = true;
            for w in text.split_whitespace() {
                let id = *index.entry(w).or_insert_with(|| {
                    chain.words.push(w);
                    chain.next.push(Vec::new());
                    (chain.words.len() - 1) as u32
                });
                if sentence_start && w.starts_with(|c: char| c.is_uppercase() || c == '"') {
                    chain.starts.push(id);
                }
                if let Some(p) = prev {
                    chain.next[p as usize].push(id);
                }
                sentence_start = w.ends_with(['.', '?', '!']) || w.ends_with(".\"");
                prev = Some(id);
            }
        }
        chain
    }

    fn sentence(&self, rng: &mut fastrand::Rng) -> String {
        let mut out = String::new();
        let mut w = self.starts[rng.usize(..self.starts.len())];
        for n in 0.. {
            let word = self.words[w as usize];
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
            let follows = &self.next[w as usize];
            let ends = word.ends_with(['.', '?', '!']);
            if (ends && n >= 6) || follows.is_empty() || n >= 32 {
                break;
            }
            w = follows[rng.usize(..follows.len())];
        }
        if !out.ends_with(['.', '?', '!', '"']) {
            out.push('.');
        }
        out
    }

    fn paragraph(&self, rng: &mut fastrand::Rng) -> String {
        let n = rng.usize(1..=2);
        (0..n)
            .map(|_| self.sentence(rng))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

const SURNAMES: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu",
    "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie",
];
const GIVEN: &[&str] = &[
    "Wei", "Fang", "Jun", "Min", "Jing", "Lei", "Yong", "Yan", "Jie", "Tao", "Ming", "Chao",
    "Xiaomei", "Lijian", "Ning", "Yi", "Shuang", "Kang", "Hua", "Bin",
];
const ROLES: &[&str] = &[
    "Foreign Ministry Spokesperson",
    "Permanent Representative to the United Nations",
    "Deputy Permanent Representative",
    "Vice Foreign Minister",
    "State Councilor",
    "Ambassador",
    "Head of the Chinese delegation",
];
const VENUES: &[&str] = &[
    "Foreign Ministry regular press conference",
    "UN Human Rights Council session",
    "UN General Assembly Third Committee general debate",
    "State Council Information Office briefing",
    "UN Security Council open debate",
    "Boao Forum for Asia",
    "South-South Human Rights Forum",
    "China-EU human rights dialogue",
    "Universal Periodic Review",
    "Munich Security Conference",
    "Shanghai Cooperation Organisation summit",
    "BRICS foreign ministers meeting",
];
const OUTLETS: &[&str] = &[
    "Xinhua",
    "China Daily",
    "CGTN",
    "People's Daily",
    "Global Times",
];
const QUESTIONS: &[&str] = &[
    "What is China's response to the recent report?",
    "Could you comment on the resolution adopted yesterday?",
    "How does China view the joint statement issued by some countries?",
    "What measures will China take next in this field?",
];

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

/// The topic ids of the project's vocabulary.
fn topic_ids() -> Vec<&'static str> {
    let mut ids = Vec::new();
    let mut in_topic = false;
    for line in ENTITIES.lines() {
        let line = line.trim();
        if line.starts_with("[[") {
            in_topic = line == "[[topic]]";
        } else if in_topic {
            if let Some(rest) = line.strip_prefix("id = \"") {
                ids.push(rest.trim_end_matches('"'));
            }
        }
    }
    ids
}

/// Words of a long synthetic address, and of the one long statement of about 100 KB.
pub const LONG_WORDS: usize = 8_000;
pub const HUGE_WORDS: usize = 16_000;

/// Writes a synthetic corpus of `n` statements; returns the bytes of JSON Lines written.
/// The first `long` are long addresses of about [`LONG_WORDS`] words in paragraphs of
/// about 120, in pairs (the second of a pair repeats every other paragraph of the first,
/// a word left out, as a later address repeats an earlier one), and the last of them has
/// about [`HUGE_WORDS`] (some 100 KB of text).
/// With `one_document`, every statement is a row of one document (its title, outlet and
/// published date the same in every row), as a long record cut into many rows is.
pub fn write_corpus(
    dir: &Path,
    n: usize,
    seed: u64,
    long: usize,
    one_document: bool,
) -> io::Result<u64> {
    fs::create_dir_all(dir.join("import"))?;
    fs::write(dir.join("entities.toml"), ENTITIES)?;
    let topics = topic_ids();
    let chain = Chain::train();
    let mut rng = fastrand::Rng::with_seed(seed);
    let speakers: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "{} {}",
                SURNAMES[i % SURNAMES.len()],
                GIVEN[(i * 7 + i / 24) % GIVEN.len()]
            )
        })
        .collect();
    let path = dir.join("import").join("synthetic.jsonl");
    let mut out = BufWriter::new(fs::File::create(&path)?);
    let mut written = 0u64;
    let mut previous_long: Vec<String> = Vec::new();
    for i in 0..n {
        let year = 2002 + rng.u16(0..23);
        let month = rng.u8(1..=12);
        let day = rng.u8(1..=28);
        let speaker = &speakers[rng.usize(..speakers.len())];
        let venue = pick(&mut rng, VENUES);
        let date_precision = rng.u8(0..10);
        let (date, inferred, reason) = match date_precision {
            0 => (
                format!("{year}"),
                vec!["year"],
                Some("Synthetic: only the year is known."),
            ),
            1 => (
                format!("{year}-{month:02}"),
                vec!["month"],
                Some("Synthetic: the month is inferred from the dateline."),
            ),
            _ => (format!("{year}-{month:02}-{day:02}"), vec![], None),
        };
        let mut passages = Vec::new();
        if i < long {
            let words = if i + 1 == long {
                HUGE_WORDS
            } else {
                LONG_WORDS
            };
            let mut total = 0;
            let mut k = 0;
            while total < words {
                let text = if i % 2 == 1 && k % 2 == 0 && k < previous_long.len() {
                    let p: &String = &previous_long[k];
                    p.split(' ')
                        .enumerate()
                        .filter(|(j, _)| j % 17 != 5)
                        .map(|(_, w)| w)
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    let mut t = chain.paragraph(&mut rng);
                    while t.split(' ').count() < 110 {
                        t.push(' ');
                        t.push_str(&chain.paragraph(&mut rng));
                    }
                    t
                };
                total += text.split(' ').count();
                if i % 2 == 0 {
                    if k == 0 {
                        previous_long.clear();
                    }
                    previous_long.push(text.clone());
                }
                passages.push(json!({ "kind": "quote", "text": text }));
                k += 1;
            }
        } else {
            if venue.contains("press conference") {
                passages.push(json!({ "kind": "question", "text": pick(&mut rng, QUESTIONS) }));
            }
            for _ in 0..rng.usize(2..=4) {
                let kind = ["quote", "quote", "reported", "narration"][rng.usize(..4)];
                passages.push(json!({ "kind": kind, "text": chain.paragraph(&mut rng) }));
            }
        }
        let mut t: Vec<&str> = (0..rng.usize(1..=3))
            .map(|_| topics[rng.usize(..topics.len())])
            .collect();
        t.sort_unstable();
        t.dedup();
        let slug: String = speaker.to_ascii_lowercase().replace(' ', "-");
        let row = json!({
            "id": format!("{date}-{slug}-{i:06}"),
            "title": format!("{speaker} at the {venue}"),
            "outlet": pick(&mut rng, OUTLETS),
            "published": date,
            "date": date,
            "date_inferred": inferred,
            "date_reason": reason,
            "speaker": speaker,
            "role": pick(&mut rng, ROLES),
            "venue": venue,
            "topics": t,
            "passages": passages,
        });
        let mut row = row;
        if one_document {
            row["document"] = json!("2002-one-long-record");
            row["title"] = json!("One long record");
            row["outlet"] = json!(OUTLETS[0]);
            row["published"] = json!("2024");
        }
        written += write_row(&mut out, &row)?;
    }
    out.flush()?;
    Ok(written)
}

/// Two documents, by two speakers, each one statement holding the same text of `words`
/// words in paragraphs of 200 (a sentence each), drawn from 20,000 made-up words: the
/// worst case for mining, where every run of every length recurs.
pub fn write_shared(dir: &Path, words: usize, seed: u64) -> io::Result<u64> {
    fs::create_dir_all(dir.join("import"))?;
    fs::write(dir.join("entities.toml"), ENTITIES)?;
    let mut rng = fastrand::Rng::with_seed(seed);
    let vocabulary: Vec<String> = (0..20_000)
        .map(|_| {
            (0..rng.usize(2..=9))
                .map(|_| rng.lowercase())
                .collect::<String>()
        })
        .collect();
    let text: Vec<&str> = (0..words)
        .map(|_| vocabulary[rng.usize(..vocabulary.len())].as_str())
        .collect();
    let paragraphs: Vec<serde_json::Value> = text
        .chunks(200)
        .map(|p| json!({ "kind": "quote", "text": format!("{}.", p.join(" ")) }))
        .collect();
    let path = dir.join("import").join("synthetic.jsonl");
    let mut out = BufWriter::new(fs::File::create(&path)?);
    let mut written = 0u64;
    for (d, speaker) in ["Speaker A", "Speaker B"].into_iter().enumerate() {
        let date = format!("2020-0{}-01", d + 1);
        let row = json!({
            "id": format!("{date}-copy"),
            "title": format!("Copy {}", d + 1),
            "date": date,
            "speaker": speaker,
            "passages": paragraphs,
        });
        written += write_row(&mut out, &row)?;
    }
    out.flush()?;
    Ok(written)
}

/// One JSON Lines row; the bytes written.
fn write_row(out: &mut impl Write, row: &serde_json::Value) -> io::Result<u64> {
    let line = serde_json::to_string(row)?;
    out.write_all(line.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(line.len() as u64 + 1)
}
