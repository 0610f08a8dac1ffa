//! System-boundary tests of the corpus compiler: the test corpus (`tests/fixtures/corpus`, the five seed documents), and one broken
//! fixture per kind of error, each asserting the `file:line: message` a user sees.

use std::fs;
use std::path::{Path, PathBuf};
use tifa_compile::{compile_dir, sha256_hex, Diagnostic};
use tifa_core::blob;
use tifa_model::{Basis, PassageKind};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

/// A writable copy of the test corpus.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["sources", "documents"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in fs::read_dir(corpus_dir().join(sub)).unwrap() {
            let p = entry.unwrap().path();
            fs::copy(&p, dir.path().join(sub).join(p.file_name().unwrap())).unwrap();
        }
    }
    fs::copy(
        corpus_dir().join("entities.toml"),
        dir.path().join("entities.toml"),
    )
    .unwrap();
    dir
}

/// The statement with this id.
fn statement<'c>(
    corpus: &'c tifa_model::Corpus<'static>,
    id: &str,
) -> Option<&'c tifa_model::Statement<'static>> {
    corpus.statements.iter().find(|s| s.id == id)
}

const XINHUA: &str = "documents/2021-03-24-xinhua-unhrc-adopts-cooperation-resolution.toml";

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let p = dir.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "fixture edit: {from:?} not in {rel}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// Compiles and returns the diagnostics as `rel/path:line: message` strings.
fn errors(dir: &Path) -> Vec<String> {
    let diags: Vec<Diagnostic> = compile_dir(dir).expect_err("the fixture should not compile");
    diags
        .iter()
        .map(|d| {
            let rel = d.file.strip_prefix(dir).unwrap_or(&d.file);
            format!("{}:{}: {}", rel.display(), d.line, d.message)
        })
        .collect()
}

#[test]
fn seed_corpus_compiles_with_five_documents_in_date_order() {
    let corpus = compile_dir(&corpus_dir()).unwrap_or_else(|d| panic!("{d:#?}"));
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_ref()).collect();
    // Ids are a public interface (they appear in shared links): this list is their contract.
    assert_eq!(
        ids,
        [
            "2020-zhang-jun-third-committee-general-debate",
            "2020-06-24-zhao-lijian-human-rights-cooperation",
            "2021-03-24-xinhua-unhrc-adopts-cooperation-resolution",
            "2021-09-17-scio-human-rights-action-plan-briefing",
            "2024-12-10-mao-ning-human-rights-day",
        ]
    );
}

#[test]
fn every_raw_text_is_byte_identical_to_its_seed_and_checksum() {
    let corpus = compile_dir(&corpus_dir()).unwrap();
    for doc in &corpus.documents {
        let on_disk =
            fs::read(corpus_dir().join("sources").join(doc.source_file.as_ref())).unwrap();
        assert_eq!(doc.raw.as_bytes(), on_disk.as_slice(), "{}", doc.id);
        assert_eq!(sha256_hex(&on_disk), doc.sha256(), "{}", doc.id);
    }
}

#[test]
fn stated_evidence_is_verbatim_and_inferences_have_reasons() {
    let corpus = compile_dir(&corpus_dir()).unwrap();
    for doc in &corpus.documents {
        assert!(doc.raw.contains(doc.title.as_ref()), "{}", doc.id);
        if let Basis::Stated { evidence } = &doc.outlet.basis {
            assert!(doc.raw.contains(evidence.as_ref()));
        }
        if let Some(ev) = &doc.published.evidence {
            assert!(doc.raw.contains(ev.as_ref()), "{}", doc.id);
        }
        if doc.published.inferred.any() {
            assert!(doc.published.reason.is_some(), "{}", doc.id);
        }
    }
}

#[test]
fn two_builds_give_byte_identical_blobs_that_round_trip() {
    let a = blob::encode(&compile_dir(&corpus_dir()).unwrap());
    let b = blob::encode(&compile_dir(&corpus_dir()).unwrap());
    assert_eq!(a, b);
    // What is mined too: the version, and so the discoveries file's name, hashes it.
    let settings = tifa_compile::mine::Settings::default();
    let mined = |c: &tifa_model::Corpus| tifa_compile::discoveries_blob(c, &settings);
    assert_eq!(
        mined(&compile_dir(&corpus_dir()).unwrap()),
        mined(&compile_dir(&corpus_dir()).unwrap())
    );
    let decoded = blob::decode(&a).unwrap().corpus;
    assert_eq!(decoded, compile_dir(&corpus_dir()).unwrap());
    // Decoding borrows the text from the blob instead of copying it.
    assert!(decoded
        .documents
        .iter()
        .all(|d| d.raw.is_borrowed() && d.title.is_borrowed()));
    assert!(decoded.documents.iter().all(|d| d
        .published
        .evidence
        .as_ref()
        .is_none_or(|e| e.is_borrowed())));
}

#[test]
fn malformed_annotation_syntax() {
    let dir = fixture();
    edit(dir.path(), XINHUA, "language = \"en\"", "language = \"en");
    let e = errors(dir.path());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(&format!("{XINHUA}:6: malformed annotation:")),
        "{e:?}"
    );
}

#[test]
fn unknown_field_is_named() {
    let dir = fixture();
    edit(
        dir.path(),
        XINHUA,
        "language = \"en\"",
        "language = \"en\"\nlanguag = \"en\"",
    );
    let e = errors(dir.path());
    assert!(
        e[0].starts_with(&format!(
            "{XINHUA}:7: malformed annotation: unknown field `languag`"
        )),
        "{e:?}"
    );
}

#[test]
fn duplicate_id() {
    let dir = fixture();
    // Files are read in name order, so the later file is the duplicate.
    let scio = "documents/2021-09-17-scio-human-rights-action-plan-briefing.toml";
    edit(
        dir.path(),
        scio,
        "id = \"2021-09-17-scio-human-rights-action-plan-briefing\"",
        "id = \"2021-03-24-xinhua-unhrc-adopts-cooperation-resolution\"",
    );
    assert_eq!(
        errors(dir.path()),
        [format!(
            "{scio}:2: duplicate id \"2021-03-24-xinhua-unhrc-adopts-cooperation-resolution\" (first defined at {XINHUA}:2)"
        )]
    );
}

#[test]
fn impossible_and_malformed_dates() {
    let dir = fixture();
    edit(
        dir.path(),
        XINHUA,
        "date = \"2021-03-24\"",
        "date = \"2021-02-29\"",
    );
    assert_eq!(
        errors(dir.path()),
        [format!(
            "{XINHUA}:14: invalid date: day 29 does not exist in February 2021 (it has 28 days)"
        )]
    );
    let dir = fixture();
    edit(
        dir.path(),
        XINHUA,
        "date = \"2021-03-24\"",
        "date = \"24/03/2021\"",
    );
    assert_eq!(
        errors(dir.path()),
        [format!("{XINHUA}:14: invalid date: malformed year \"24/03/2021\" in date \"24/03/2021\" (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
    );
}

#[test]
fn inferred_date_without_reason() {
    let dir = fixture();
    edit(
        dir.path(),
        XINHUA,
        "evidence = \"08:15, March 24, 2021\"",
        "inferred = [\"year\"]\nevidence = \"08:15, March 24, 2021\"",
    );
    assert_eq!(
        errors(dir.path()),
        [format!(
            "{XINHUA}:14: a date with inferred parts needs a one-line `reason`"
        )]
    );
}

#[test]
fn evidence_that_is_not_in_the_text() {
    let dir = fixture();
    edit(
        dir.path(),
        XINHUA,
        "evidence = \"08:15, March 24, 2021\"",
        "evidence = \"08:15, March 25, 2021\"",
    );
    assert_eq!(
        errors(dir.path()),
        [format!("{XINHUA}:15: evidence \"08:15, March 25, 2021\" is not a verbatim span of 001_7e5aa74e4e70d90e.txt")]
    );
}

#[test]
fn raw_text_changed_after_annotation() {
    let dir = fixture();
    let raw = dir.path().join("sources/001_7e5aa74e4e70d90e.txt");
    let mut bytes = fs::read(&raw).unwrap();
    bytes.push(b'\n');
    fs::write(&raw, &bytes).unwrap();
    let e = errors(dir.path());
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(&format!(
            "{XINHUA}:4: checksum mismatch: the annotation says ae41624a"
        )),
        "{e:?}"
    );
}

#[test]
fn non_utf8_raw_text_names_the_line() {
    let dir = fixture();
    let raw = dir.path().join("sources/001_7e5aa74e4e70d90e.txt");
    fs::write(&raw, b"line one\nline two \xff\n").unwrap();
    assert_eq!(
        errors(dir.path()),
        ["sources/001_7e5aa74e4e70d90e.txt:2: not valid UTF-8: invalid byte 0xff at byte offset 18"]
    );
}

#[test]
fn unannotated_raw_text_and_missing_source() {
    let dir = fixture();
    fs::write(dir.path().join("sources/stray.txt"), "text").unwrap();
    edit(
        dir.path(),
        XINHUA,
        "source = \"001_7e5aa74e4e70d90e.txt\"",
        "source = \"missing.txt\"",
    );
    let e = errors(dir.path());
    assert_eq!(e.len(), 3, "{e:?}");
    assert_eq!(
        e[0],
        format!("{XINHUA}:3: source \"missing.txt\" does not exist in sources/")
    );
    assert!(e.contains(&"sources/001_7e5aa74e4e70d90e.txt:1: raw text is not referenced by any annotation in documents/".to_string()), "{e:?}");
    assert!(
        e.contains(
            &"sources/stray.txt:1: raw text is not referenced by any annotation in documents/"
                .to_string()
        ),
        "{e:?}"
    );
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let dir = fixture();
    edit(
        dir.path(),
        XINHUA,
        "date = \"2021-03-24\"",
        "date = \"2021-13\"",
    );
    edit(
        dir.path(),
        XINHUA,
        "title = \"UN rights",
        "title = \"UN wrongs",
    );
    let e = errors(dir.path());
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with(&format!("{XINHUA}:5: title \"UN wrongs")),
        "{e:?}"
    );
    assert_eq!(
        e[1],
        format!("{XINHUA}:14: invalid date: month 13 is not between 01 and 12")
    );
}

const MAO: &str = "documents/2024-12-10-mao-ning-human-rights-day.toml";

#[test]
fn seed_statements_have_stable_ids_and_verbatim_passages() {
    let corpus = compile_dir(&corpus_dir()).unwrap();
    let ids: Vec<&str> = corpus.statements.iter().map(|s| s.id.as_ref()).collect();
    // Statement ids are a public interface (links, exports): this list is their contract.
    assert_eq!(
        ids,
        [
            "2020-zhang-jun-third-committee-general-debate",
            "2020-06-zhao-lijian-china-india-border-talks",
            "2020-06-zhao-lijian-hrc-cooperation-resolution",
            "2020-06-zhao-lijian-us-house-covid-origins-report",
            "2021-03-23-chen-xu-hrc-cooperation-resolution",
            "2021-09-14-li-xiaomei-global-human-rights-governance",
            "2024-12-10-mao-ning-human-rights-day",
        ]
    );
    for s in &corpus.statements {
        let doc = corpus.document_of(s);
        assert!(!s.passages.is_empty(), "{}", s.id);
        for p in &s.passages {
            let text = doc.text(p.span);
            assert!(
                !text.is_empty() && text.trim() == text,
                "{}: {text:?}",
                s.id
            );
            assert!(
                doc.raw.get(p.span.range()).is_some(),
                "span on a char boundary"
            );
            assert!(
                doc.removed.iter().all(|r| !r.span.overlaps(p.span)),
                "{}",
                s.id
            );
        }
        if let Some(role) = &s.role {
            assert!(doc.raw.contains(role.as_ref()), "{}", s.id);
        }
    }
}

#[test]
fn mixed_paragraph_is_split_into_quote_and_reported_speech() {
    let corpus = compile_dir(&corpus_dir()).unwrap();
    let s = statement(&corpus, "2024-12-10-mao-ning-human-rights-day").unwrap();
    let doc = corpus.document_of(s);
    let texts: Vec<(PassageKind, &str)> = s
        .passages
        .iter()
        .map(|p| (p.kind, doc.text(p.span)))
        .collect();
    assert!(texts[3]
        .1
        .starts_with("\"China has always placed great importance"));
    assert!(texts[3].1.ends_with("\" Mao continued."));
    assert_eq!(texts[3].0, PassageKind::Quote);
    assert!(texts[4].1.starts_with("China has made historic strides"));
    assert!(texts[4].1.ends_with("according to Mao."));
    assert_eq!(texts[4].0, PassageKind::Reported);
}

#[test]
fn cleaning_removes_navigation_repeats_and_the_appended_article() {
    let corpus = compile_dir(&corpus_dir()).unwrap();
    let doc = corpus
        .document("2024-12-10-mao-ning-human-rights-day")
        .unwrap();
    let cleaned = doc.cleaned();
    assert!(cleaned.starts_with("China urges certain countries to refrain from politicizing"));
    assert!(cleaned.ends_with("under the pretext of human rights issues,\" urged Mao."));
    assert!(!cleaned.contains("Han Zheng"));
    assert!(!cleaned.contains("Skip to Content"));
    let reasons: Vec<&str> = doc.removed.iter().map(|r| r.reason.as_ref()).collect();
    assert!(reasons
        .iter()
        .any(|r| r.starts_with("split off an unrelated appended article")));
    // Raw text is untouched by cleaning.
    assert!(doc.raw.contains("Han Zheng"));
    let scio = corpus
        .document("2021-09-17-scio-human-rights-action-plan-briefing")
        .unwrap();
    assert!(!scio.cleaned().contains("September 17, 2021"));
    assert!(!scio.cleaned().contains("16  >"));
}

fn broken(rel: &str, from: &str, to: &str) -> Vec<String> {
    let dir = fixture();
    edit(dir.path(), rel, from, to);
    errors(dir.path())
}

#[test]
fn unknown_speaker_venue_and_topic() {
    assert_eq!(
        broken(MAO, "speaker = \"mao-ning\"", "speaker = \"mao-ningg\""),
        [format!(
            "{MAO}:42: unknown speaker \"mao-ningg\" (not in entities.toml)"
        )]
    );
    assert_eq!(
        broken(MAO, "venue = \"mfa-press-conference\"", "venue = \"mfa\""),
        [format!(
            "{MAO}:44: unknown venue \"mfa\" (not in entities.toml)"
        )]
    );
    assert_eq!(
        broken(MAO, "\"politicization\"", "\"politics\""),
        [format!(
            "{MAO}:46: unknown topic \"politics\" (not in entities.toml)"
        )]
    );
    assert_eq!(
        broken(XINHUA, "id = \"xinhua\"", "id = \"xinhau\""),
        [format!(
            "{XINHUA}:10: unknown outlet \"xinhau\" (not in entities.toml)"
        )]
    );
}

#[test]
fn duplicate_statement_id() {
    let e = broken(
        XINHUA,
        "id = \"2021-03-23-chen-xu-hrc-cooperation-resolution\"",
        "id = \"2021-03-23-chen-xu-hrc-cooperation-resolution\"\nspeaker = \"chen-xu\"\nvenue = \"un-hrc\"\npassages = [{ line = 99, kind = \"quote\" }]\n[statement.date]\ndate = \"2021-03-23\"\n\n[[statement]]\nid = \"2021-03-23-chen-xu-hrc-cooperation-resolution\"",
    );
    assert!(e.contains(&format!("{XINHUA}:38: duplicate id \"2021-03-23-chen-xu-hrc-cooperation-resolution\" (first defined at {XINHUA}:30)")), "{e:#?}");
}

#[test]
fn passage_outside_the_text_or_not_matching_it() {
    assert_eq!(
        broken(
            MAO,
            "{ line = 28, kind = \"quote\" }",
            "{ line = 99, kind = \"quote\" }"
        ),
        [format!(
            "{MAO}:55: passage: span is outside the text: line 99 but the text has 48 lines"
        )]
    );
    assert_eq!(
        broken(MAO, "to = \"Mao continued.\"", "to = \"Mao concluded.\""),
        [format!(
            "{MAO}:51: passage: `to` anchor \"Mao concluded.\" does not match line 22"
        )]
    );
    assert_eq!(
        broken(
            MAO,
            "{ line = 16, kind = \"reported\" }",
            "{ line = 16, kind = \"reported\", text = \"China urges all\" }"
        ),
        [format!(
            "{MAO}:48: passage: text \"China urges all\" does not match line 16"
        )]
    );
    assert_eq!(
        broken(
            MAO,
            "{ line = 16, kind = \"reported\" }",
            "{ line = 15, kind = \"reported\" }"
        ),
        [format!(
            "{MAO}:48: passage: span at line 15 is empty (only white space)"
        )]
    );
}

#[test]
fn passage_that_overlaps_removed_text_or_another_passage() {
    assert_eq!(
        broken(MAO, "{ line = 28, kind = \"quote\" }", "{ lines = \"28-30\", kind = \"quote\" }"),
        [format!("{MAO}:55: passage overlaps removed text (\"headline repeated twice after the article\")")]
    );
    assert_eq!(
        broken(MAO, "{ line = 26, kind = \"reported\" }", "{ line = 24, kind = \"reported\" }"),
        [format!("{MAO}:54: passage overlaps a passage of statement \"2024-12-10-mao-ning-human-rights-day\"")]
    );
}

#[test]
fn unknown_passage_kind() {
    assert_eq!(
        broken(MAO, "{ line = 26, kind = \"reported\" }", "{ line = 26, kind = \"paraphrase\" }"),
        [format!("{MAO}:54: unknown passage kind \"paraphrase\" (use quote, reported, narration or question)")]
    );
}

#[test]
fn empty_statement() {
    let dir = fixture();
    let p = dir.path().join(MAO);
    let text = fs::read_to_string(&p).unwrap();
    let start = text.find("passages = [").unwrap();
    let end = text[start..].find("]\n").unwrap() + start + 2;
    fs::write(
        &p,
        format!("{}passages = []\n{}", &text[..start], &text[end..]),
    )
    .unwrap();
    assert_eq!(
        errors(dir.path()),
        [format!("{MAO}:40: empty statement \"2024-12-10-mao-ning-human-rights-day\": it has no passages")]
    );
}

#[test]
fn statement_id_must_start_with_its_date() {
    assert_eq!(
        broken(MAO, "id = \"2024-12-10-mao-ning-human-rights-day\"\nheadline", "id = \"mao-ning-human-rights-day\"\nheadline"),
        [format!("{MAO}:40: statement id \"mao-ning-human-rights-day\" must be its date then a slug, e.g. \"2024-12-10-speaker-subject\"")]
    );
}

#[test]
fn role_that_is_not_in_the_text_or_only_in_removed_text() {
    assert_eq!(
        broken(
            MAO,
            "role = \"Chinese Foreign Ministry spokeswoman\"",
            "role = \"the spokeswoman\""
        ),
        [format!(
            "{MAO}:43: role \"the spokeswoman\" is not a verbatim span of 002_66420c5560cd654d.txt"
        )]
    );
    // Regression: "Foreign Minister" is in the raw text, but only in the unrelated
    // appended article that cleaning removed.
    assert_eq!(
        broken(MAO, "role = \"Chinese Foreign Ministry spokeswoman\"", "role = \"Foreign Minister\""),
        [format!("{MAO}:43: role \"Foreign Minister\" occurs in 002_66420c5560cd654d.txt only inside removed text")]
    );
}

#[test]
fn removal_outside_the_text_and_overlapping_removals() {
    assert_eq!(
        broken(MAO, "lines = \"48\"", "lines = \"48-50\""),
        [format!(
            "{MAO}:35: removed: span is outside the text: line 50 but the text has 48 lines"
        )]
    );
    assert_eq!(
        broken(MAO, "lines = \"48\"", "lines = \"44-48\""),
        [format!("{MAO}:35: removed span overlaps another removal (\"split off an unrelated appended article (Han Zheng meets Bui Thanh Son) with its repeated headline\")")]
    );
}

#[test]
fn malformed_entities_file() {
    let dir = fixture();
    edit(
        dir.path(),
        "entities.toml",
        "[[speaker]]\nid = \"chen-xu\"",
        "[[speaker]]\nid = \"zhao-lijian\"",
    );
    let e = errors(dir.path());
    // The duplicate, and the reference it leaves dangling.
    assert_eq!(
        e,
        [
            format!("{XINHUA}:32: unknown speaker \"chen-xu\" (not in entities.toml)"),
            "entities.toml:9: duplicate speaker id \"zhao-lijian\"".to_string(),
        ]
    );
}

/// A corpus folder with only entities and one import file.
fn import_fixture(name: &str, body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        corpus_dir().join("entities.toml"),
        dir.path().join("entities.toml"),
    )
    .unwrap();
    fs::create_dir(dir.path().join("import")).unwrap();
    fs::write(dir.path().join("import").join(name), body).unwrap();
    dir
}

const ROW: &str = r#"{"id":"2019-03-05-geng-shuang-trade","title":"Regular Press Conference","outlet":"Ministry of Foreign Affairs","published":"2019-03-05","date":"2019-03-05","speaker":"Geng Shuang","role":"Foreign Ministry Spokesperson","venue":"Foreign Ministry regular press conference","topics":["multilateralism"],"passages":[{"kind":"question","text":"Any comment?"},{"kind":"quote","text":"We uphold multilateralism."}]}"#;

#[test]
fn jsonl_import_builds_statements_with_entities_by_name() {
    let dir = import_fixture("mfa.jsonl", &format!("{ROW}\n\n"));
    let corpus = compile_dir(dir.path()).unwrap_or_else(|d| panic!("{d:#?}"));
    let s = statement(&corpus, "2019-03-05-geng-shuang-trade").unwrap();
    assert_eq!(corpus.speakers[s.speaker as usize].id, "geng-shuang");
    assert_eq!(
        corpus.venues[s.venue.unwrap() as usize].id,
        "mfa-press-conference"
    );
    let doc = corpus.document_of(s);
    assert_eq!(doc.raw, "Any comment?\n\nWe uphold multilateralism.");
    assert_eq!(doc.text(s.passages[1].span), "We uphold multilateralism.");
    assert_eq!(s.passages[0].kind, PassageKind::Question);
    assert_eq!(corpus.outlet_name(doc), Some("Ministry of Foreign Affairs"));
    assert!(
        matches!(&doc.outlet.basis, Basis::Imported { source } if source.as_ref() == "import/mfa.jsonl:1")
    );
}

#[test]
fn malformed_jsonl_rows_name_their_line() {
    let bad_topic = ROW
        .replace("\"multilateralism\"", "\"trade\"")
        .replace("geng-shuang-trade", "geng-shuang-two");
    let bad_date = ROW
        .replace("\"date\":\"2019-03-05\"", "\"date\":\"2019-02-30\"")
        .replace("geng-shuang-trade", "geng-shuang-three");
    let body = format!("{ROW}\n{{\"id\": 5}}\n{bad_topic}\n{ROW}\n{bad_date}\n");
    let dir = import_fixture("mfa.jsonl", &body);
    let e = errors(dir.path());
    assert_eq!(e.len(), 4, "{e:#?}");
    assert!(
        e[0].starts_with(
            "import/mfa.jsonl:2: malformed row: invalid type: integer `5`, expected a string"
        ),
        "{e:#?}"
    );
    assert_eq!(
        e[1],
        "import/mfa.jsonl:3: unknown topic \"trade\" (not in entities.toml)"
    );
    assert!(e[2].starts_with("import/mfa.jsonl:4: duplicate id \"2019-03-05-geng-shuang-trade\" (first defined at import/mfa.jsonl:1)"), "{e:#?}");
    assert_eq!(
        e[3],
        "import/mfa.jsonl:5: invalid date: day 30 does not exist in February 2019 (it has 28 days)"
    );
}

#[test]
fn csv_import_and_malformed_csv_rows() {
    let good = "id,title,date,speaker,venue,topics,question,text\n\
        2019-03-05-geng-shuang-a,Press conference,2019-03-05,Geng Shuang,Foreign Ministry regular press conference,multilateralism;covid-19,Any comment?,\"First paragraph.\n\nSecond paragraph.\"\n";
    let dir = import_fixture("mfa.csv", good);
    let corpus = compile_dir(dir.path()).unwrap_or_else(|d| panic!("{d:#?}"));
    let s = &corpus.statements[0];
    assert_eq!(s.passages.len(), 3);
    assert_eq!(
        corpus.document_of(s).text(s.passages[2].span),
        "Second paragraph."
    );
    assert_eq!(s.topics.len(), 2);

    let bad = format!("{good}2019-03-06-geng-shuang-b,Press conference,2019-03-06\n2019-03-07-x,T,2019-03-07,Geng Shuang,,,,\n");
    let dir = import_fixture("mfa.csv", &bad);
    let e = errors(dir.path());
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(
        e[0].starts_with(
            "import/mfa.csv:5: malformed row: found record with 3 fields, but the header has 8"
        ),
        "{e:#?}"
    );
    assert_eq!(
        e[1],
        "import/mfa.csv:6: empty statement \"2019-03-07-x\": it has no passages"
    );

    let dir = import_fixture("mfa.csv", "id,title,speaker,txt\n");
    assert!(errors(dir.path())[0].starts_with(
        "import/mfa.csv:1: CSV header: unknown columns [\"txt\"], missing columns [\"text\"]"
    ));
}

#[test]
fn imported_corpora_also_compile_to_byte_identical_blobs() {
    let rows: String = (0..50)
        .map(|i| {
            ROW.replace("geng-shuang-trade", &format!("geng-shuang-{i:03}"))
                .replace(
                    "Geng Shuang",
                    ["Geng Shuang", "Hua Chunying", "Wang Wenbin"][i % 3],
                )
                + "\n"
        })
        .collect();
    let dir = import_fixture("mfa.jsonl", &rows);
    let a = blob::encode(&compile_dir(dir.path()).unwrap());
    let b = blob::encode(&compile_dir(dir.path()).unwrap());
    assert_eq!(a, b);
    let settings = tifa_compile::mine::Settings::default();
    assert_eq!(
        tifa_compile::discoveries_blob(&compile_dir(dir.path()).unwrap(), &settings),
        tifa_compile::discoveries_blob(&compile_dir(dir.path()).unwrap(), &settings)
    );
    let corpus = blob::decode(&a).unwrap().corpus;
    assert_eq!(corpus.statements.len(), 50);
    let ids: Vec<&str> = corpus.speakers.iter().map(|s| s.id.as_ref()).collect();
    assert_eq!(
        ids,
        [
            "chen-xu",
            "geng-shuang",
            "hua-chunying",
            "li-xiaomei",
            "mao-ning",
            "wang-wenbin",
            "zhang-jun",
            "zhao-lijian"
        ]
    );
}

/// Rows that name their document become its statements, in row order; its raw text is
/// their passages in that order, byte for byte; the URL travels with the document.
#[test]
fn rows_naming_a_document_are_its_statements() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/press-conferences");
    let corpus = compile_dir(&dir).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!((corpus.documents.len(), corpus.statements.len()), (3, 6));
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.id.as_ref() == "2023-03-01-regular-press-conference")
        .unwrap();
    assert_eq!(
        doc.url.as_deref(),
        Some("https://example.org/press/2023-03-01")
    );
    let mine: Vec<&tifa_model::Statement> = corpus
        .statements
        .iter()
        .filter(|s| std::ptr::eq(corpus.document_of(s), doc))
        .collect();
    assert_eq!(mine.len(), 3);
    // Its text is the rows' passages in row order, each statement's spans inside it.
    let expected_start =
        "What is your view of the ministerial meeting held yesterday?\n\nWe stand ready";
    assert!(doc.raw.starts_with(expected_start), "{}", doc.raw);
    assert!(doc
        .raw
        .ends_with("I have no information to release at the moment."));
    let first_of = |id: &str| {
        mine.iter().find(|s| s.id.as_ref() == id).unwrap().passages[0]
            .span
            .start
    };
    assert!(
        first_of("2023-03-01-spokesperson-a-multilateralism")
            < first_of("2023-03-01-spokesperson-a-climate")
            && first_of("2023-03-01-spokesperson-a-climate")
                < first_of("2023-03-01-spokesperson-a-visit")
    );
    for s in &mine {
        assert_eq!(s.passages[0].kind, PassageKind::Question);
        assert_eq!(doc.text(s.passages[0].span).chars().last(), Some('?'));
    }
    // A row without a document is a document of its own.
    let alone = statement(&corpus, "2023-03-05-envoy-c-statement").unwrap();
    assert_eq!(
        corpus.document_of(alone).id.as_ref(),
        "2023-03-05-envoy-c-statement"
    );
}

#[test]
fn a_document_named_with_another_title_or_date_is_an_error_at_its_row() {
    let first = r#"{"id":"2019-03-05-a","document":"2019-03-05-briefing","title":"Briefing","published":"2019-03-05","url":"https://example.org/a","date":"2019-03-05","speaker":"A","passages":[{"kind":"quote","text":"One."}]}"#;
    let second = first
        .replace("2019-03-05-a\"", "2019-03-05-b\"")
        .replace("\"Briefing\"", "\"Another title\"")
        .replace(
            "\"published\":\"2019-03-05\"",
            "\"published\":\"2019-03-06\"",
        );
    let third = first
        .replace("2019-03-05-a\"", "2019-03-05-c\"")
        .replace("https://example.org/a", "ftp://x y");
    let dir = import_fixture("b.jsonl", &format!("{first}\n{second}\n{third}\n"));
    let e = errors(dir.path());
    assert_eq!(
        e,
        [
            "import/b.jsonl:2: document \"2019-03-05-briefing\" has title \"Briefing\" (from import/b.jsonl:1); this row says \"Another title\"",
            "import/b.jsonl:2: document \"2019-03-05-briefing\" has published date \"2019-03-05\" (from import/b.jsonl:1); this row says \"2019-03-06\"",
            "import/b.jsonl:3: url \"ftp://x y\" must be an http:// or https:// address without spaces",
            "import/b.jsonl:3: document \"2019-03-05-briefing\" has url \"https://example.org/a\" (from import/b.jsonl:1); this row says \"ftp://x y\"",
        ]
    );
    // The same document id as another row's statement-document is a duplicate.
    let clash = first.replace(
        "\"document\":\"2019-03-05-briefing\"",
        "\"document\":\"2019-03-05-z\"",
    );
    let own = first
        .replace("2019-03-05-a\"", "2019-03-05-z\"")
        .replace("\"document\":\"2019-03-05-briefing\",", "");
    let dir = import_fixture("b.jsonl", &format!("{own}\n{clash}\n"));
    let e = errors(dir.path());
    assert!(
        e[0].starts_with("import/b.jsonl:2: duplicate id \"2019-03-05-z\""),
        "{e:#?}"
    );
}

/// A headline is the statement's own words: every seed statement has one, inside its
/// passages; one that is not verbatim, or stands outside its passages, is an error at
/// its line; an imported row's headline lands at the right place of a grouped document.
#[test]
fn headlines_are_verbatim_spans_of_the_statements_own_passages() {
    let dir = fixture();
    let corpus = compile_dir(dir.path()).unwrap();
    for s in &corpus.statements {
        let h = s
            .headline
            .unwrap_or_else(|| panic!("{} has no headline", s.id));
        assert!(
            s.passages
                .iter()
                .any(|p| p.span.start <= h.start && h.end <= p.span.end),
            "{}",
            s.id
        );
    }
    let mao = statement(&corpus, "2024-12-10-mao-ning-human-rights-day").unwrap();
    assert_eq!(
        corpus.document_of(mao).text(mao.headline.unwrap()),
        "China urges certain countries to refrain from politicizing and weaponizing human rights issues"
    );
    // Not verbatim (a word changed), and words of the page outside the passages.
    let e = broken(
        MAO,
        "refrain from politicizing and weaponizing",
        "refrain from weaponizing",
    );
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].starts_with(&format!(
            "{MAO}:41: headline \"China urges certain countries to refrain from weaponizing"
        )) && e[0].ends_with(
            "is not in this statement's passages (it must be their own words, verbatim)"
        ),
        "{e:#?}"
    );
    let e = broken(
        MAO,
        "headline = \"China urges",
        "headline = \"Skip to Content\"\n#\"",
    );
    assert!(e.iter().any(|m| m.contains("headline \"Skip to Content\" is not in this statement's passages")), "{e:#?}");
    // Imported: inside the row's own passages, placed within its grouped document.
    let row = |id: &str, text: &str, headline: &str| {
        format!(
            r#"{{"id":"2019-03-05-{id}","document":"2019-03-05-briefing","title":"Briefing","date":"2019-03-05","speaker":"A","headline":"{headline}","passages":[{{"kind":"quote","text":"{text}"}}]}}"#
        )
    };
    let body = format!(
        "{}\n{}\n",
        row("a", "We uphold multilateralism.", "uphold multilateralism"),
        row(
            "b",
            "Cooperation is the only right choice.",
            "the only right choice"
        )
    );
    let dir = import_fixture("b.jsonl", &body);
    let corpus = compile_dir(dir.path()).unwrap_or_else(|d| panic!("{d:#?}"));
    let b = statement(&corpus, "2019-03-05-b").unwrap();
    assert_eq!(
        corpus.document_of(b).text(b.headline.unwrap()),
        "the only right choice"
    );
    let dir = import_fixture(
        "b.jsonl",
        &format!(
            "{}\n",
            row("a", "We uphold multilateralism.", "uphold unilateralism")
        ),
    );
    assert_eq!(
        errors(dir.path()),
        ["import/b.jsonl:1: headline \"uphold unilateralism\" is not in this statement's passages (it must be their own words, verbatim)"]
    );
}

#[test]
fn a_document_url_is_kept_and_a_bad_one_named_at_its_line() {
    let dir = fixture();
    edit(
        dir.path(),
        XINHUA,
        "language = \"en\"",
        "language = \"en\"\nurl = \"https://example.org/xinhua/2021-03-24\"",
    );
    let corpus = compile_dir(dir.path()).expect("a good url compiles");
    let doc = corpus
        .documents
        .iter()
        .find(|d| d.source_file == "001_7e5aa74e4e70d90e.txt")
        .expect("the Xinhua document");
    assert_eq!(
        doc.url.as_deref(),
        Some("https://example.org/xinhua/2021-03-24")
    );

    let dir = fixture();
    edit(
        dir.path(),
        XINHUA,
        "language = \"en\"",
        "language = \"en\"\nurl = \"javascript:alert(1)\"",
    );
    let e = errors(dir.path());
    assert_eq!(
        e,
        [format!(
            "{XINHUA}:7: url \"javascript:alert(1)\" must be an http:// or https:// address without spaces"
        )]
    );
}
