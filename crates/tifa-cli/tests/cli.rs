//! The `tifa` command as a user runs it: exit codes, messages, export contents.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The test corpus, relative to the repository root (where the command runs).
const FIXTURE: &str = "tests/fixtures/corpus";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tifa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run tifa")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A corpus folder with the project's entities and the given import files.
fn import_corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("import")).unwrap();
    fs::copy(
        root().join("tests/fixtures/corpus/entities.toml"),
        dir.path().join("entities.toml"),
    )
    .unwrap();
    for (name, body) in files {
        fs::write(dir.path().join("import").join(name), body).unwrap();
    }
    dir
}

#[test]
fn check_passes_on_the_test_corpus() {
    let o = tifa(&["check", FIXTURE]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "ok: 5 documents, 7 statements, 5 speakers, 4 venues, 3 outlets, 13 topics in tests/fixtures/corpus\n"
    );
}

#[test]
fn check_fails_with_every_problem_as_file_line_message() {
    let dir = import_corpus(&[("a.jsonl", b"{\"id\":1}\nnot json\n")]);
    let o = tifa(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let prefix = dir.path().join("import/a.jsonl").display().to_string();
    assert!(
        err.contains(&format!(
            "{prefix}:1: malformed row: invalid type: integer `1`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{prefix}:2: malformed row: expected ident")),
        "{err}"
    );
    assert!(
        err.ends_with(&format!("2 problem(s) in {}\n", dir.path().display())),
        "{err}"
    );
}

#[test]
fn a_non_utf8_import_file_is_reported_not_a_crash() {
    let dir = import_corpus(&[("a.csv", b"id,title,speaker,text\n\xff,x,y,z\n")]);
    let o = tifa(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("a.csv:2: not valid UTF-8: invalid byte 0xff"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tifa(&[]).status.code(), Some(2));
    assert_eq!(tifa(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        tifa(&["synth", "--statements", "x", "--out", "/tmp/x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(tifa(&["export", "--bogus", "1"]).status.code(), Some(2));
}

#[test]
fn export_is_one_statement_per_line_with_verbatim_passages() {
    let o = tifa(&["export", FIXTURE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7);
    for s in &lines {
        let raw = s["document"]["raw_text"].as_str().unwrap();
        for p in s["passages"].as_array().unwrap() {
            let a = p["start"].as_u64().unwrap() as usize;
            let b = p["end"].as_u64().unwrap() as usize;
            assert_eq!(&raw[a..b], p["text"].as_str().unwrap());
        }
        let sha = s["document"]["sha256"].as_str().unwrap();
        assert_eq!(sha, tifa_compile::sha256_hex(raw.as_bytes()));
    }
    let mao = lines
        .iter()
        .find(|s| s["id"] == "2024-12-10-mao-ning-human-rights-day")
        .unwrap();
    assert_eq!(mao["speaker"]["name"], "Mao Ning");
    assert_eq!(mao["date"]["certainty"], "inferred");
    assert_eq!(mao["date"]["inferred"], serde_json::json!(["day"]));
    assert_eq!(mao["document"]["outlet"]["basis"], "unknown");
    assert_eq!(mao["document"]["removed"].as_array().unwrap().len(), 6);
    assert!(!mao["document"]["cleaned_text"]
        .as_str()
        .unwrap()
        .contains("Han Zheng"));
}

#[test]
fn export_to_a_file_matches_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.jsonl");
    let o = tifa(&["export", FIXTURE, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::read(&out).unwrap(), tifa(&["export", FIXTURE]).stdout);
}

#[test]
fn the_readme_example_imports_compile() {
    let read = |f: &str| fs::read(root().join("tests/fixtures/import").join(f)).unwrap();
    let (jsonl, csv) = (read("example.jsonl"), read("example.csv"));
    let dir = import_corpus(&[("example.jsonl", &jsonl), ("example.csv", &csv)]);
    let o = tifa(&["check", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("ok: 2 documents, 2 statements"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn synth_is_deterministic_and_compiles() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    for (dir, seed) in dirs.iter().zip(["7", "7", "8"]) {
        let o = tifa(&[
            "synth",
            "--statements",
            "300",
            "--out",
            dir.path().to_str().unwrap(),
            "--seed",
            seed,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let read = |d: &tempfile::TempDir| fs::read(d.path().join("import/synthetic.jsonl")).unwrap();
    assert_eq!(read(&dirs[0]), read(&dirs[1]));
    assert_ne!(read(&dirs[0]), read(&dirs[2]));
    let o = tifa(&["check", dirs[0].path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("ok: 300 documents, 300 statements"),
        "{}",
        stdout(&o)
    );
}

/// The shapes of `bash .ci/bench-corpus shapes`: one record in many rows, and two
/// documents holding one long text; both compile, and one of each is said so.
#[test]
fn synth_writes_one_record_in_rows_and_two_copies_of_a_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let o = tifa(&[
        "synth",
        "--statements",
        "40",
        "--one-document",
        "--out",
        path,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = tifa(&["check", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("ok: 1 document, 40 statements,"),
        "{}",
        stdout(&o)
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    let o = tifa(&["synth", "--shared-words", "3000", "--out", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = tifa(&["check", path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("ok: 2 documents, 2 statements,"),
        "{}",
        stdout(&o)
    );
    let o = tifa(&[
        "synth",
        "--shared-words",
        "30",
        "--statements",
        "4",
        "--out",
        path,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not both"), "{}", stderr(&o));
}

#[test]
fn site_files_are_named_by_the_version_the_build_embeds_and_made_the_same_twice() {
    let out = tempfile::tempdir().unwrap();
    let o = tifa(&["site-files", FIXTURE, "--out", out.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let version = stdout(&o).trim().to_string();
    assert_eq!(version.len(), 12, "{version}");
    // The version is the one build.rs embeds: the same `Site` of the same corpus.
    let (corpus, settings) =
        tifa_compile::compile_dir_with_settings(&root().join(FIXTURE)).unwrap();
    assert_eq!(version, tifa_compile::Site::of(&corpus, &settings).version);
    let mined = fs::read(out.path().join(format!("discoveries-{version}.bin"))).unwrap();
    assert_eq!(&mined[..4], b"TIFZ", "packed");
    let page = fs::read_to_string(out.path().join(format!("first-paint-{version}.html"))).unwrap();
    assert!(page.contains("class=\"prerendered\""), "{page}");
    assert!(page.contains(&format!(r#"<code class="corpus-version">{version}</code>"#)));
    // Deterministic: a second run writes the same bytes.
    let again = tempfile::tempdir().unwrap();
    let o = tifa(&[
        "site-files",
        FIXTURE,
        "--out",
        again.path().to_str().unwrap(),
    ]);
    assert!(o.status.success());
    for name in [
        format!("discoveries-{version}.bin"),
        format!("first-paint-{version}.html"),
    ] {
        assert_eq!(
            fs::read(out.path().join(&name)).unwrap(),
            fs::read(again.path().join(&name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn site_files_with_shards_write_the_manifest_the_version_names_and_its_pieces() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let o = tifa(&[
        "site-files",
        FIXTURE,
        "--out",
        dir,
        "--shards",
        "--piece-bytes",
        "400",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
    let [version, manifest] = &lines[..] else {
        panic!("{lines:?}")
    };
    assert!(manifest.starts_with("manifest-"), "{manifest}");
    let packed = fs::read(out.path().join(manifest)).unwrap();
    tifa_core::shards::check_name(manifest, &packed).unwrap();
    let raw = tifa_core::blob::unpack(&packed).unwrap();
    let opened = tifa_core::shards::open_manifest(&raw).unwrap();
    assert_eq!(
        opened.version.as_ref(),
        version,
        "the site's version, as the Wasm's"
    );
    // Every piece the manifest names is there, under its own hash; small pieces: many.
    let all = tifa_core::shards::everything(&opened);
    assert!(all.files.len() > 20, "{}", all.files.len());
    for name in all.files.keys() {
        tifa_core::shards::check_name(name, &fs::read(out.path().join(name)).unwrap()).unwrap();
    }
}

#[test]
fn site_files_of_a_broken_corpus_write_nothing_and_say_why() {
    let dir = import_corpus(&[("a.jsonl", b"not json\n")]);
    let out = tempfile::tempdir().unwrap();
    let o = tifa(&[
        "site-files",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("a.jsonl:1:"), "{}", stderr(&o));
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn keywords_of_a_speaker_against_the_rest_as_a_table() {
    let o = tifa(&[
        "keywords",
        FIXTURE,
        "--target",
        "speaker=zhao-lijian",
        "--min",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("target    speaker=zhao-lijian: 3 statements, "),
        "{out}"
    );
    assert!(
        out.contains("reference the rest of the corpus: 4 statements, "),
        "{out}"
    );
    assert!(out.contains("(0.05, Bonferroni-corrected)"), "{out}");
    // The strongest keyword of Zhao Lijian's press-conference answers here.
    let first = out.lines().nth(4).unwrap_or_default();
    assert!(first.trim_start().starts_with("1  win "), "{out}");
    // A target is required; a target matching nothing says so and lists nothing.
    let o = tifa(&["keywords", FIXTURE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("keywords needs --target QUERY"));
    let o = tifa(&["keywords", FIXTURE, "--target", "q=zzqxv"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("note: The target holds no words under these filters"));
    assert!(stdout(&o).contains("0 positive keywords"));
}

/// A reader that stops early ends the command quietly: no panic on a closed pipe.
#[cfg(unix)]
#[test]
fn a_reader_closing_the_pipe_early_is_no_panic() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tifa"))
        .args(["stats", FIXTURE])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tifa");
    // Close the pipe before anything is read.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("tifa ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn collocates_of_a_word_under_filters_as_a_table() {
    let o = tifa(&[
        "collocates",
        FIXTURE,
        "--node",
        "rights",
        "--filters",
        "speaker=zhao-lijian",
        "--min",
        "1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("node      “rights”: "), "{out}");
    assert!(out.contains("in 3 statements"), "{out}");
    assert!(out.contains("logDice"), "{out}");
    let o = tifa(&["collocates", FIXTURE, "--node", "rights", "--right", "11"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--right takes a whole number from 0 to 10"));
    let o = tifa(&["collocates", FIXTURE, "--node", "rights", "--by", "chi"]);
    assert!(stderr(&o).contains("--by takes together, mi, mi3, t, ll or logdice"));
    let o = tifa(&["collocates", FIXTURE]);
    assert!(stderr(&o).contains("collocates needs --node WORD"));
}

/// `tifa shards` writes the manifest and every piece, each named by its bytes' hash,
/// which read back as the corpus they were cut from; and says what a query fetches.
#[test]
fn shards_are_written_named_by_their_hash_and_read_back_whole() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let o = tifa(&["shards", FIXTURE, "--out", dir, "--query", "cooperation"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stdout(&o);
    assert!(report.contains("first page of results"), "{report}");
    assert!(
        report.contains("  cooperation "),
        "only the query asked for: {report}"
    );
    assert!(!report.contains("sovereignty"), "{report}");
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    for (name, bytes) in &files {
        tifa_core::shards::check_name(name, bytes).unwrap();
    }
    let unpacked: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(n, b)| (n.clone(), tifa_core::blob::unpack(b).unwrap()))
        .collect();
    let manifest_at = unpacked
        .iter()
        .position(|(n, _)| n.starts_with("manifest-"))
        .expect("a manifest");
    let manifest = tifa_core::shards::open_manifest(&unpacked[manifest_at].1).unwrap();
    let pieces: std::collections::BTreeMap<&str, tifa_core::shards::Piece> = unpacked
        .iter()
        .filter(|(n, _)| !n.starts_with("manifest-"))
        .map(|(n, b)| (n.as_str(), tifa_core::shards::open_piece(b).unwrap()))
        .collect();
    let back = tifa_core::shards::corpus_of(&manifest);
    let index = tifa_core::shards::index_of(&manifest);
    for (name, piece) in &pieces {
        // The id tables fill no run (the page reads them to find a link's id).
        if !name.starts_with("ids-") {
            tifa_core::shards::fill(&back, &index, &manifest, name, piece.clone()).unwrap();
        }
    }
    let corpus = tifa_compile::compile_dir(&root().join(FIXTURE)).unwrap();
    assert_eq!(
        tifa_core::blob::encode(&back),
        tifa_core::blob::encode(&corpus)
    );
    let whole = tifa_core::search::index::build(&corpus);
    assert_eq!(index.exact.len(), whole.exact.len());
    for i in 0..whole.exact.len() {
        assert_eq!(index.exact.postings_of(i), whole.exact.postings_of(i));
    }
    // A second run over the same folder writes nothing new.
    let o = tifa(&["shards", FIXTURE, "--out", dir]);
    assert!(
        stdout(&o).contains("written           0 new files"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn shards_need_a_folder_to_write_into() {
    let o = tifa(&["shards", FIXTURE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("shards needs --out DIR"),
        "{}",
        stderr(&o)
    );
}
