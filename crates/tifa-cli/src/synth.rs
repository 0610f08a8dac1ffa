//! A deterministic synthetic corpus for scale tests and benchmarks.
//!
//! Same seed and size, same bytes: statements of realistic length (about 800 bytes,
//! three to six passages) built from the vocabulary of official statements, by a few
//! hundred speakers at a dozen venues, dated 2002–2024, with the seed corpus's topics.
//! Written as `DIR/entities.toml` (the project's own) and `DIR/import/synthetic.jsonl`.

use serde_json::json;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// The project's entity file; its topics are the synthetic corpus's vocabulary.
const ENTITIES: &str = include_str!("../../../corpus/entities.toml");

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
const FORMULATIONS: &[&str] = &[
    "a community with a shared future for mankind",
    "mutually beneficial cooperation",
    "win-win cooperation",
    "non-interference in internal affairs",
    "true multilateralism",
    "people-centered development",
    "the right to subsistence and development",
    "constructive dialogue and cooperation",
    "double standards",
    "the politicization of human rights",
    "national sovereignty, security and development interests",
    "the purposes and principles of the UN Charter",
    "whole-process people's democracy",
    "the common values of all mankind",
    "a new type of international relations",
];
const OPENERS: &[&str] = &[
    "China has always stood for",
    "We firmly oppose any attempt to undermine",
    "The international community should uphold",
    "All countries are called upon to respect",
    "Facts have proven once again the importance of",
    "China stands ready to work with all parties to promote",
    "Developing countries have expressed their support for",
    "We urge certain countries to abandon",
];
const CLOSERS: &[&str] = &[
    "and this position will not change.",
    "which serves the common interests of all peoples.",
    "in the spirit of equality and mutual respect.",
    "so as to jointly build a better world.",
    "and to reject confrontation and zero-sum games.",
    "on the basis of the realities of each country.",
    "which is the overwhelming trend of our times.",
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

fn sentence(rng: &mut fastrand::Rng) -> String {
    format!(
        "{} {} {}",
        pick(rng, OPENERS),
        pick(rng, FORMULATIONS),
        pick(rng, CLOSERS)
    )
}

fn paragraph(rng: &mut fastrand::Rng) -> String {
    let n = rng.usize(1..=3);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
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

/// Writes a synthetic corpus of `n` statements; returns the bytes of JSON Lines written.
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> io::Result<u64> {
    fs::create_dir_all(dir.join("import"))?;
    fs::write(dir.join("entities.toml"), ENTITIES)?;
    let topics = topic_ids();
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
        if venue.contains("press conference") {
            passages.push(json!({ "kind": "question", "text": pick(&mut rng, QUESTIONS) }));
        }
        for _ in 0..rng.usize(2..=5) {
            let kind = ["quote", "quote", "reported", "narration"][rng.usize(..4)];
            passages.push(json!({ "kind": kind, "text": paragraph(&mut rng) }));
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
        let line = serde_json::to_string(&row)?;
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        written += line.len() as u64 + 1;
    }
    out.flush()?;
    Ok(written)
}
