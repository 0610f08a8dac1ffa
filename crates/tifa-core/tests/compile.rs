//! System-boundary tests of the corpus compiler: the real seed corpus, and one broken
//! fixture per kind of error, each asserting the `file:line: message` a user sees.

use std::fs;
use std::path::{Path, PathBuf};
use tifa_core::compile::{compile_dir, sha256_hex, Diagnostic};
use tifa_core::{blob, model::Basis};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// A writable copy of the real corpus.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["sources", "documents"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        for entry in fs::read_dir(corpus_dir().join(sub)).unwrap() {
            let p = entry.unwrap().path();
            fs::copy(&p, dir.path().join(sub).join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
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
        assert_eq!(sha256_hex(&on_disk), doc.sha256.as_ref(), "{}", doc.id);
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
    let decoded = blob::decode(&a).unwrap();
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
            "{XINHUA}:13: a date with inferred parts needs a one-line `reason`"
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
