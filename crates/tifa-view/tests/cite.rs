//! Citations as a reference manager reads them: each format names the speaker, the
//! date, the document, its original address, the statement's stable link (its id and
//! the corpus version, never the search that led to it) and the day of access.

mod common;

use common::bundle;
use tifa_view::cite::{cite, stable_link, Format, Site};

const SITE: Site = Site {
    base: "https://example.org/tifa/",
    version: "0123abcd4567",
    accessed: "2026-12-07",
};

fn index_of(id: &str) -> u32 {
    bundle().statement_index(id).unwrap() as u32
}

#[test]
fn every_format_carries_the_stable_link_the_original_address_and_the_access_date() {
    let b = bundle();
    let chen = index_of("2021-03-23-chen-xu-hrc-cooperation-resolution");
    let mut corpus = b.corpus.clone();
    let doc = corpus.statements[chen as usize].document as usize;
    corpus.documents[doc].url = Some("https://example.org/original?a=1&b=2".into());
    let link =
        "https://example.org/tifa/?s=2021-03-23-chen-xu-hrc-cooperation-resolution&v=0123abcd4567";
    assert_eq!(stable_link(&SITE, &corpus.statements[chen as usize]), link);
    for format in Format::ALL {
        let text = cite(&corpus, &[chen], &SITE, format);
        assert!(text.contains("Chen Xu"), "{format:?}: {text}");
        assert!(text.contains(link), "{format:?}: {text}");
        if format != Format::CslJson {
            assert!(text.contains("2026-12-07"), "{format:?}: {text}");
        }
        assert!(
            text.contains("https://example.org/original?a=1"),
            "{format:?}: {text}"
        );
        assert!(!text.contains("q="), "{format:?}: {text}");
    }
    let plain = cite(&corpus, &[chen], &SITE, Format::Plain);
    assert!(
        plain.starts_with("Chen Xu") && plain.ends_with("(accessed 2026-12-07)."),
        "{plain}"
    );
    // BibTeX: balanced braces, a key, the year and month spoken.
    let bib = cite(&corpus, &[chen], &SITE, Format::BibTeX);
    assert!(bib.starts_with("@misc{tifa_2021_03_23_chen_xu_hrc_cooperation_resolution,"));
    assert_eq!(bib.matches('{').count(), bib.matches('}').count(), "{bib}");
    assert!(
        bib.contains("year = {2021}") && bib.contains("month = mar"),
        "{bib}"
    );
    // Addresses are read verbatim; special characters elsewhere are escaped.
    assert!(
        bib.contains("url = {https://example.org/original?a=1&b=2}"),
        "{bib}"
    );
    // RIS: tagged lines, one record.
    let ris = cite(&corpus, &[chen], &SITE, Format::Ris);
    assert!(
        ris.lines().all(|l| l.len() >= 5 && &l[2..6] == "  - "),
        "{ris}"
    );
    assert!(ris.starts_with("TY  - GEN\r\n") && ris.ends_with("ER  - \r\n"));
    assert!(ris.contains("DA  - 2021/03/23/"), "{ris}");
    // CSL-JSON: an array a citation processor reads.
    let csl: serde_json::Value =
        serde_json::from_str(&cite(&corpus, &[chen], &SITE, Format::CslJson)).unwrap();
    let item = &csl[0];
    assert_eq!(item["type"], "speech");
    assert_eq!(item["author"][0]["literal"], "Chen Xu");
    assert_eq!(
        item["issued"]["date-parts"][0],
        serde_json::json!([2021, 3, 23])
    );
    assert_eq!(
        item["accessed"]["date-parts"][0],
        serde_json::json!([2026, 12, 7])
    );
    assert_eq!(item["URL"], "https://example.org/original?a=1&b=2");
}

#[test]
fn a_selection_is_cited_together_in_one_file() {
    let b = bundle();
    let all: Vec<u32> = (0..b.corpus.statements.len() as u32).collect();
    let plain = cite(&b.corpus, &all, &SITE, Format::Plain);
    assert_eq!(plain.lines().count(), all.len());
    let ris = cite(&b.corpus, &all, &SITE, Format::Ris);
    assert_eq!(ris.matches("TY  - GEN").count(), all.len());
    let bib = cite(&b.corpus, &all, &SITE, Format::BibTeX);
    assert_eq!(bib.matches("@misc{").count(), all.len());
    let csl: serde_json::Value =
        serde_json::from_str(&cite(&b.corpus, &all, &SITE, Format::CslJson)).unwrap();
    assert_eq!(csl.as_array().unwrap().len(), all.len());
    // Markup and quotes in a field never break a format.
    let mut corpus = b.corpus.clone();
    corpus.speakers[0].name = "A \"B\" {C} \\ <i>D</i>\nE".into();
    for format in Format::ALL {
        let text = cite(&corpus, &all, &SITE, format);
        if format == Format::CslJson {
            serde_json::from_str::<serde_json::Value>(&text).unwrap();
        }
        if format == Format::BibTeX {
            assert_eq!(text.matches('{').count(), text.matches('}').count());
        }
    }
}
