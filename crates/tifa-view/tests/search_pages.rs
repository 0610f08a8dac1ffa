//! Every result reachable: the search is paged (50 a page), a page past the end shows
//! the last one with a notice, and the reader's previous / next cross page boundaries
//! and lead back to the page the statement is on.

mod common;

use common::corpus;
use tifa_core::search::engine::ranked;
use tifa_model::PassageKind;
use tifa_view::reader::steps;
use tifa_view::scope::scope;
use tifa_view::search_page::{SearchPage, PAGE_SIZE};
use tifa_view::url_state::{parse, to_query};

/// 130 statements that speak of rights (each a different number of times, so the
/// ranking is not the corpus order), and 20 that do not.
fn rights() -> tifa_core::blob::Bundle<'static> {
    let rows: Vec<Vec<(PassageKind, String)>> = (0..150)
        .map(|i| {
            let text = if i < 130 {
                format!("{} on cooperation", "human rights ".repeat(1 + i % 7))
            } else {
                "cooperation only".to_string()
            };
            vec![(PassageKind::Quote, text)]
        })
        .collect();
    corpus(&rows)
}

#[test]
fn pages_together_hold_every_result_once_in_order() {
    let b = rights();
    for sort in ["", "&sort=date"] {
        let state = parse(&format!("?q=rights{sort}")).state;
        let order = ranked(&b.corpus, &b.index, &scope(&b.corpus, &state).0, state.sort);
        assert_eq!(order.len(), 130);
        let mut seen = Vec::new();
        for p in 1..=3 {
            let page = SearchPage::of(&b, &parse(&format!("?q=rights{sort}&page={p}")).state);
            assert_eq!((page.total, page.page.number, page.page.last), (130, p, 3));
            assert_eq!(page.clamped, None);
            seen.extend(page.hits.iter().map(|h| h.statement));
        }
        assert_eq!(seen, order, "{sort}");
    }
    let first = SearchPage::of(&b, &parse("?q=rights").state);
    assert_eq!(first.hits.len(), PAGE_SIZE);
    assert_eq!(
        first.status,
        "130 statements match; 1–50, most relevant first."
    );
}

#[test]
fn a_page_past_the_end_shows_the_last_page_with_a_notice() {
    let b = rights();
    let page = SearchPage::of(&b, &parse("?q=rights&page=99").state);
    assert_eq!(page.page.number, 3);
    assert_eq!(page.hits.len(), 30);
    assert_eq!(
        page.clamped.as_deref(),
        Some("There is no page 99; showing the last page, 3.")
    );
    let none = SearchPage::of(&b, &parse("?q=nothinghere&page=4").state);
    assert_eq!((none.total, none.page.number, none.hits.len()), (0, 1, 0));
}

#[test]
fn the_reader_steps_across_pages_and_leads_back_to_its_page() {
    let b = rights();
    let state = parse("?q=rights").state;
    let order = ranked(&b.corpus, &b.index, &scope(&b.corpus, &state).0, state.sort);
    let id = |rank: usize| b.corpus.statements[order[rank] as usize].id.to_string();
    // The last result of page 1 leads to the first of page 2, and back.
    let last_of_first =
        steps(&b, &state.reading(&id(PAGE_SIZE - 1)), order[PAGE_SIZE - 1]).unwrap();
    assert_eq!(last_of_first.next.unwrap().s, Some(id(PAGE_SIZE)));
    assert_eq!(last_of_first.back.page, None);
    let first_of_second = steps(&b, &state.reading(&id(PAGE_SIZE)), order[PAGE_SIZE]).unwrap();
    assert_eq!(first_of_second.prev.unwrap().s, Some(id(PAGE_SIZE - 1)));
    assert_eq!(to_query(&first_of_second.back), "?q=rights&page=2");
    let last = steps(&b, &state.reading(&id(129)), order[129]).unwrap();
    assert_eq!((last.at, last.total, last.next), (129, 130, None));
    assert_eq!(last.back.page, Some(3));
}
