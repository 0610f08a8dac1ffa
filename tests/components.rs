//! Component tests: mount the app in headless Chromium (wasm-bindgen-test) and check
//! what a user sees. Run by `.ci/test` with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use tifa::app::{App, Shell};
use tifa::components::{DocumentList, DocumentReader, SearchResults, StatementReader};
use tifa::hooks::{
    provide_bundle, provide_discoveries, provide_url_state, Clock, CorpusBundle, Mined,
    TYPING_PAUSE, WRITE_DELAY,
};
use tifa_model::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the test page.
fn container() -> HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn set_query(query: &str) {
    let path = window().location().pathname().unwrap();
    window()
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        )
        .unwrap();
}

/// Unpacks and decodes a blob `build.rs` wrote, without its discoveries.
fn decoded_bare(packed: &'static [u8]) -> CorpusBundle {
    let raw = Box::leak(
        tifa_view::corpus::unpack(packed)
            .unwrap()
            .into_boxed_slice(),
    );
    Box::leak(Box::new(tifa_view::corpus::decode(raw).unwrap()))
}

/// Attaches the discoveries blob `build.rs` wrote beside a corpus blob.
fn attach(bundle: CorpusBundle, mined: &'static [u8]) {
    let raw = Box::leak(tifa_view::corpus::unpack(mined).unwrap().into_boxed_slice());
    assert!(bundle.attach(tifa_view::corpus::decode_discoveries(raw, &bundle.corpus).unwrap()));
}

/// Unpacks and decodes a blob `build.rs` wrote, with its discoveries.
fn decoded(packed: &'static [u8], mined: &'static [u8]) -> CorpusBundle {
    let bundle = decoded_bare(packed);
    attach(bundle, mined);
    bundle
}

const FIXTURE_MINED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fixture-mined.bin"));

/// The tests' own corpus, `tests/fixtures/corpus` (the five seed documents), compiled by
/// `build.rs`: the product corpus in `corpus/` can grow without touching these tests.
fn fixture() -> CorpusBundle {
    thread_local!(static FIXTURE: CorpusBundle =
        decoded(include_bytes!(concat!(env!("OUT_DIR"), "/fixture.bin")), FIXTURE_MINED));
    FIXTURE.with(|b| *b)
}

/// `tests/fixtures/hostile`, a corpus of markup, compiled by `build.rs` like the others.
fn hostile_bundle() -> CorpusBundle {
    thread_local!(static HOSTILE: CorpusBundle =
    decoded(
        include_bytes!(concat!(env!("OUT_DIR"), "/hostile.bin")),
        include_bytes!(concat!(env!("OUT_DIR"), "/hostile-mined.bin")),
    ));
    HOSTILE.with(|b| *b)
}

/// A corpus made in a test, with its index, look-ups and discoveries.
fn bundle_of(corpus: Corpus<'static>) -> CorpusBundle {
    Box::leak(Box::new(tifa_compile::bundle(corpus)))
}

/// Something mounted in a fresh container over a corpus, the URL's query set first, with
/// a manual clock: time passes only through [`Mounted::wait`]. Dropping it unmounts,
/// removes the container and clears the query, so no test sees another's page. (A
/// failed assertion aborts the Wasm instance, and the run with it.)
struct Mounted {
    root: HtmlElement,
    clock: Clock,
    handle: Option<Box<dyn std::any::Any>>,
}

fn mount<V: IntoView + 'static>(
    query: &str,
    bundle: CorpusBundle,
    view: impl FnOnce() -> V + 'static,
) -> Mounted {
    set_query(query);
    let root = container();
    let clock = Rc::new(Cell::new(None));
    let slot = clock.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let clock = Clock::manual();
        clock.provide();
        slot.set(Some(clock));
        provide_bundle(bundle);
        view()
    });
    Mounted {
        root,
        clock: clock.get().expect("the mount closure ran"),
        handle: Some(Box::new(handle)),
    }
}

/// The whole app over the test corpus.
fn mount_app(query: &str) -> Mounted {
    mount(query, fixture(), || view! { <Shell/> })
}

/// A part of the app over `bundle`, with the URL state the shell would provide.
fn mount_part<V: IntoView + 'static>(
    bundle: CorpusBundle,
    view: impl FnOnce() -> V + 'static,
) -> Mounted {
    mount("", bundle, move || {
        provide_url_state();
        view()
    })
}

impl Mounted {
    /// Lets `d` pass on the manual clock (timers due meanwhile run), then lets the page
    /// update.
    async fn wait(&self, d: Duration) {
        self.clock.advance(d.as_millis() as u64);
        leptos::task::tick().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.root.remove();
        set_query("");
    }
}

/// Removes an element when dropped.
struct RemoveOnDrop(web_sys::Element);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        self.0.remove();
    }
}

/// Resolves once the browser has run the tasks queued before it (a zero-delay timer:
/// no waiting on the clock).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Goes back in history, as the browser's Back button does, and resolves once the
/// page has followed (the app's `popstate` listener runs first: it was added first).
async fn go_back() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        window()
            .add_event_listener_with_callback_and_add_event_listener_options(
                "popstate", &resolve, &options,
            )
            .unwrap();
    });
    window().history().unwrap().back().unwrap();
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
fn document_list_shows_every_document_with_date_and_outlet() {
    let part = mount_part(fixture(), || view! { <DocumentList page=1/> });
    let root = part.root.clone();
    let titles = texts(&root, ".doc-title");
    assert_eq!(titles.len(), 5);
    assert!(titles.contains(
        &"Nearly 70 countries voice support for China on human rights issues".to_string()
    ));
    let meta = texts(&root, ".doc-meta");
    assert!(
        meta.contains(&"24 June 2020 (year inferred) · INP".to_string()),
        "{meta:?}"
    );
    assert!(
        meta.contains(&"24 March 2021 · Xinhua".to_string()),
        "{meta:?}"
    );
    assert!(
        meta.contains(&"10 December 2024 · outlet unknown".to_string()),
        "{meta:?}"
    );
    assert!(
        meta.contains(
            &"17 September 2021 · State Council Information Office (inferred)".to_string()
        ),
        "{meta:?}"
    );
    // Statements of one source tell themselves apart by their headlines, in their own words.
    let headlines = texts(&root, ".statement-item .statement-headline");
    assert_eq!(headlines.len(), 7);
    assert!(headlines.contains(&"“Chinese and Indian border troops held a second round of commander-level talks in the border area”".to_string()), "{headlines:?}");
    let mut distinct = headlines.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 7);
}

#[wasm_bindgen_test]
async fn clicking_a_title_opens_the_reader_and_updates_the_url() {
    let app = mount_app("");
    let root = app.root.clone();
    let link: HtmlElement = root
        .query_selector(
            "[data-document-id='2021-03-24-xinhua-unhrc-adopts-cooperation-resolution'] a",
        )
        .unwrap()
        .unwrap()
        .unchecked_into();
    link.click();
    leptos::task::tick().await;
    assert_eq!(
        window().location().search().unwrap(),
        "?doc=2021-03-24-xinhua-unhrc-adopts-cooperation-resolution"
    );
    let h1 = texts(&root, "article.reader h1");
    assert_eq!(
        h1,
        ["UN rights body adopts China-sponsored resolution on human rights cooperation"]
    );
    let text = texts(&root, ".raw-text .text")[0].clone();
    assert!(text.contains("GENEVA, March 23 (Xinhua) -- The United Nations (UN) Human Rights Council on Tuesday adopted"));
    // The photo caption is greyed and labelled as removed, not hidden.
    let removed = texts(&root, ".removed");
    assert!(removed.contains(&"Removed: photo captionAn outside view of the United Nations headquarters in New York. [File phone/Xinhua]".to_string()), "{removed:?}");
    assert_eq!(texts(&root, ".statement-item .statement-link"), ["Chen Xu"]);
    let checksum = texts(&root, ".checksum");
    assert_eq!(
        checksum,
        ["ae41624ac1fd9abdf1e1a73759a9d03830b7dd248a33227581f5163e71a20b68"]
    );
}

#[wasm_bindgen_test]
fn a_link_with_an_unknown_id_and_junk_shows_notices_and_the_list() {
    let app = mount_app("?doc=no-such-doc&utm_source=x");
    let root = app.root.clone();
    let notices = texts(&root, ".notices li");
    assert_eq!(
        notices,
        [
            "ignored unknown parameter “utm_source”",
            "no document has the id “no-such-doc”; showing the list instead"
        ]
    );
    assert_eq!(texts(&root, ".doc-title").len(), 5);
}

#[wasm_bindgen_test]
fn markup_in_a_document_is_rendered_as_text_in_the_reader() {
    let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> &amp; AT&T";
    let mut doc = Document::bare("hostile", &format!("{hostile}\n\n{hostile}\n\n{hostile}"));
    doc.title = hostile.to_string().into();
    doc.dateline = Some(hostile.to_string().into());
    doc.source_file = hostile.to_string().into();
    doc.outlet.basis = Basis::Inferred {
        reason: hostile.to_string().into(),
    };
    doc.published.reason = Some(hostile.to_string().into());
    let len = hostile.len() as u32;
    doc.removed = vec![Removal {
        span: Span { start: 0, end: len },
        reason: hostile.to_string().into(),
    }];
    let bundle = bundle_of(Corpus {
        documents: vec![doc].into(),
        statements: vec![Statement {
            id: "2020-hostile".into(),
            document: 0,
            speaker: 0,
            role: Some(hostile.to_string().into()),
            venue: Some(0),
            venue_evidence: Some(hostile.to_string().into()),
            topics: vec![0],
            date: DateClaim::unknown(),
            passages: vec![Passage {
                kind: PassageKind::Quote,
                span: Span {
                    start: len + 2,
                    end: 2 * len + 2,
                },
            }],
            headline: None,
        }]
        .into(),
        speakers: vec![Entity {
            id: "x".into(),
            name: hostile.into(),
        }],
        venues: vec![Entity {
            id: "x".into(),
            name: hostile.into(),
        }],
        outlets: vec![],
        topics: vec![Entity {
            id: "x".into(),
            name: hostile.into(),
        }],
    });
    let part = mount_part(bundle, || {
        view! {
            <StatementReader at=0/>
            <DocumentReader at=0/>
        }
    });
    let root = part.root.clone();
    for tag in ["script", "img"] {
        assert_eq!(
            root.query_selector_all(tag).unwrap().length(),
            0,
            "{tag} injected"
        );
    }
    assert_eq!(
        texts(&root, ".statement h1"),
        [format!("{hostile} at the {hostile}")]
    );
    assert_eq!(texts(&root, ".passage p"), [hostile]);
    assert_eq!(texts(&root, ".statement .text mark"), [hostile]);
    assert_eq!(
        texts(&root, ".statement .removed-label"),
        [format!("Removed: {hostile}")]
    );
    assert_eq!(texts(&root, ".statement .text .line").len(), 3);
}

#[wasm_bindgen_test]
fn panic_screen_shows_the_message_as_text_and_a_reload_link() {
    tifa::panic_screen::show("index out of bounds <b>here</b>");
    let screen = document()
        .get_element_by_id(tifa::panic_screen::PANIC_SCREEN_ID)
        .unwrap();
    let _remove = RemoveOnDrop(screen.clone());
    assert_eq!(screen.get_attribute("role").as_deref(), Some("alert"));
    let text = screen.text_content().unwrap();
    assert!(text.contains("Something went wrong — reload"));
    assert!(text.contains("index out of bounds <b>here</b>"));
    assert_eq!(screen.query_selector_all("b").unwrap().length(), 0);
    let reload = screen.query_selector("a").unwrap().unwrap();
    assert_eq!(reload.text_content().as_deref(), Some("Reload"));
    assert!(reload.get_attribute("href").unwrap().starts_with("http"));
}

#[wasm_bindgen_test]
/// A real panic, from a timer callback as in an event handler. (One per test run: after
/// a panic the Wasm instance has trapped, and a second panic would abort silently.)
async fn the_debug_panic_trigger_shows_the_panic_screen_over_the_app() {
    tifa::panic_screen::install();
    let swallow = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(
        |e: web_sys::ErrorEvent| e.prevent_default(),
    );
    window()
        .add_event_listener_with_callback("error", swallow.as_ref().unchecked_ref())
        .unwrap();
    swallow.forget();
    // The app over the embedded corpus, as a visitor opens it.
    let app = mount("?debug-panic", fixture(), App);
    // The trigger panics in a zero-delay timer queued when the app mounted.
    next_task().await;
    let screen = document()
        .get_element_by_id(tifa::panic_screen::PANIC_SCREEN_ID)
        .expect("the panic screen is shown");
    let _remove = RemoveOnDrop(screen.clone());
    assert_eq!(screen.get_attribute("role").as_deref(), Some("alert"));
    let text = screen.text_content().unwrap();
    assert!(
        text.contains("debug-panic: a deliberate panic from the URL <i>not markup</i>"),
        "{text}"
    );
    assert_eq!(screen.query_selector_all("i").unwrap().length(), 0);
    // Recoverable: the reload link leads to the same page.
    let reload = screen.query_selector("a.button").unwrap().unwrap();
    assert_eq!(reload.text_content().unwrap(), "Reload");
    assert!(reload
        .get_attribute("href")
        .unwrap()
        .ends_with("?debug-panic"));
    drop(app);
}

#[wasm_bindgen_test]
async fn a_statement_shows_its_passages_by_kind_and_its_source_with_removed_parts() {
    let app = mount_app("?s=2024-12-10-mao-ning-human-rights-day");
    let root = app.root.clone();
    assert_eq!(
        texts(&root, "article.statement h1"),
        ["Mao Ning at the Foreign Ministry regular press conference"]
    );
    let kinds: Vec<String> = texts(&root, ".passage .passage-kind");
    assert_eq!(
        kinds,
        [
            "Reported speech",
            "Narration",
            "Reported speech",
            "Quote",
            "Reported speech",
            "Quote",
            "Reported speech",
            "Quote"
        ]
    );
    let facts = texts(&root, ".facts")[0].clone();
    assert!(
        facts.contains("Role as the text gives it: “Chinese Foreign Ministry spokeswoman”"),
        "{facts}"
    );
    assert!(facts.contains("10 December 2024 (day inferred)"), "{facts}");
    let labels = texts(&root, ".removed-label");
    assert_eq!(labels.len(), 6, "{labels:?}");
    assert!(labels
        .iter()
        .any(|l| l.starts_with("Removed: split off an unrelated appended article")));
    // The appended article is still there to read, greyed.
    assert!(texts(&root, ".removed")
        .iter()
        .any(|t| t.contains("Han Zheng")));
    assert_eq!(texts(&root, ".text mark").len(), 8);
    // The crumb leads to the whole document.
    let crumb: HtmlElement = root
        .query_selector(".crumbs a:nth-of-type(2)")
        .unwrap()
        .unwrap()
        .unchecked_into();
    crumb.click();
    leptos::task::tick().await;
    assert_eq!(
        window().location().search().unwrap(),
        "?doc=2024-12-10-mao-ning-human-rights-day"
    );
}

#[wasm_bindgen_test]
async fn a_long_library_is_paged_through_the_url() {
    let mut big = Corpus::empty();
    for i in 0..120 {
        big.documents
            .push(Document::bare(&format!("doc-{i:03}"), "text"));
    }
    let part = mount_part(bundle_of(big), || view! { <DocumentList page=3/> });
    let root = part.root.clone();
    assert_eq!(texts(&root, ".doc-title").len(), 20);
    assert_eq!(texts(&root, ".doc-title")[0], "doc-100");
    assert_eq!(
        texts(&root, ".pager-status")[0],
        "Documents 101–120 of 120 (page 3 of 3)"
    );
    let prev: HtmlElement = root
        .query_selector(".pager a")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(prev.text_content().unwrap(), "← Previous");
    prev.click();
    leptos::task::tick().await;
    assert_eq!(window().location().search().unwrap(), "?page=2");
}

fn searching(q: &str) -> tifa_view::url_state::UrlState {
    tifa_view::url_state::UrlState {
        q: Some(q.to_string()),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
fn a_corpus_of_markup_renders_as_text_in_every_view() {
    let part = mount_part(hostile_bundle(), || {
        view! {
            <DocumentList page=1/>
            <DocumentReader at=0/>
            <StatementReader at=0/>
            // Highlights and snippets are cut from text holding markup.
            <SearchResults state=searching("human rights")/>
            // The query itself is markup, shown back in the status line.
            <SearchResults state=searching("<img src=x onerror=window.__xss=8>")/>
        }
    });
    let root = part.root.clone();
    // Not one element of the markup in the corpus exists in the page.
    let injected = root
        .query_selector_all("script, img, svg, iframe, style, marquee, b, i, a[href^='javascript']")
        .unwrap()
        .length();
    assert_eq!(injected, 0);
    let all = root.query_selector_all("*").unwrap();
    for i in 0..all.length() {
        let el: web_sys::Element = all.item(i).unwrap().unchecked_into();
        let names = el.get_attribute_names();
        for k in 0..names.length() {
            let name = names.get(k).as_string().unwrap();
            assert!(!name.starts_with("on"), "<{}> has {name}", el.tag_name());
        }
    }
    // No handler ran.
    let xss = js_sys::Reflect::get(&window(), &"__xss".into()).unwrap();
    assert!(xss.is_undefined(), "a handler ran: {xss:?}");
    // The markup is there, as text, entities not decoded.
    let text = root.text_content().unwrap();
    for literal in [
        "<script>window.__xss=5</script>",
        "&lt;b&gt;not bold&lt;/b&gt; &amp; &#x3C;i&#x3E;",
        "<script>document.title='pwned'</script> Markup &amp; entities in a <b>title</b>",
        "<svg onload=window.__xss=2>Speaker</svg>",
        "No statement matches “<img src=x onerror=window.__xss=8>”",
    ] {
        assert!(text.contains(literal), "missing as text: {literal}");
    }
    // Search found the statement and marked its words inside the markup-laden text.
    assert!(texts(&root, ".result mark")
        .iter()
        .any(|m| m.eq_ignore_ascii_case("human")));
}

#[wasm_bindgen_test]
async fn compare_shows_columns_with_shared_phrases_then_aligned_passages() {
    let zhao = "2020-06-zhao-lijian-hrc-cooperation-resolution";
    let chen = "2021-03-23-chen-xu-hrc-cooperation-resolution";
    let app = mount_app(&format!("?compare={zhao},{chen}"));
    let root = app.root.clone();
    let ids: Vec<String> = {
        let cols = root.query_selector_all(".compare-col").unwrap();
        (0..cols.length())
            .map(|i| {
                let el: web_sys::Element = cols.item(i).unwrap().unchecked_into();
                el.get_attribute("data-statement-id").unwrap()
            })
            .collect()
    };
    assert_eq!(ids, [zhao, chen]);
    assert_eq!(texts(&root, ".similarity li").len(), 1);
    assert!(!texts(&root, ".legend li").is_empty());
    assert!(!texts(&root, ".compare-col:nth-of-type(1) mark.phrase").is_empty());
    assert!(!texts(&root, ".compare-col:nth-of-type(2) mark.phrase").is_empty());
    // The mode link switches to aligned passages in place.
    let aligned: HtmlElement = root
        .query_selector(".compare-modes li:nth-child(2) a")
        .unwrap()
        .unwrap()
        .unchecked_into();
    aligned.click();
    leptos::task::tick().await;
    assert!(window()
        .location()
        .search()
        .unwrap()
        .ends_with("&mode=aligned"));
    assert!(texts(&root, ".aligned-table tbody tr").len() >= 2);
    assert!(texts(&root, ".compare-col").is_empty());
}

fn status(root: &HtmlElement) -> String {
    texts(root, ".result-count").join("")
}

/// Types `text` into the search box as a user would: the box holds it, then `input`.
fn type_into_box(root: &HtmlElement, text: &str) -> web_sys::HtmlInputElement {
    let input: web_sys::HtmlInputElement =
        root.query_selector("#q").unwrap().unwrap().unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    input
}

#[wasm_bindgen_test]
async fn typing_shows_results_after_the_pause_and_never_rewrites_the_box() {
    let app = mount_app("?view=search");
    let root = app.root.clone();
    leptos::task::tick().await;
    let heading = || texts(&root, "#search-title").join("");
    assert_eq!(heading(), "All statements");
    let before = status(&root);
    let input = type_into_box(&root, "human rights");
    // The keystroke itself changes nothing but the box.
    leptos::task::tick().await;
    assert_eq!(heading(), "All statements");
    assert_eq!(status(&root), before);
    // A caret moved by the user stays where it is when the results arrive: the box is
    // not written back (writing it made the browser lay out the page per keystroke).
    input.set_selection_range(3, 3).unwrap();
    app.wait(TYPING_PAUSE - Duration::from_millis(1)).await;
    assert_eq!(heading(), "All statements", "not before the pause");
    app.wait(Duration::from_millis(1)).await;
    assert_eq!(heading(), "Search");
    assert_eq!(input.value(), "human rights");
    assert_eq!(input.selection_start().unwrap(), Some(3));
    // Back/forward wins over a text being typed.
    type_into_box(&root, "human rights council");
    go_back().await;
    app.wait(TYPING_PAUSE * 2).await;
    assert_eq!(heading(), "All statements");
    assert_eq!(status(&root), before);
    assert_eq!(input.value(), "");
}

/// Regression: the URL write due 300 ms after the results followed the box ran the
/// pending typed text at once, redrawing the results in the middle of a word (seen in a
/// trace of the keystroke bench as frames that made later keys wait).
#[wasm_bindgen_test]
async fn writing_the_url_never_shows_a_text_still_being_typed() {
    // A search shown already: the next one is written over it once typing pauses.
    let app = mount_app("?view=search&q=human");
    let root = app.root.clone();
    leptos::task::tick().await;
    type_into_box(&root, "rights");
    app.wait(TYPING_PAUSE).await;
    let shown = status(&root);
    assert!(shown.contains("match"), "{shown}");
    let search = || window().location().search().unwrap();
    assert!(
        search().contains("q=human"),
        "written only once typing pauses"
    );
    // Keep typing, a key every 40 ms, past the moment the URL write falls due
    // (WRITE_DELAY after the results followed).
    let mut typed = "rights";
    let mut elapsed = Duration::ZERO;
    for text in [
        "rights c",
        "rights co",
        "rights coo",
        "rights coop",
        "rights coope",
        "rights cooper",
        "rights coopera",
        "rights cooperat",
        "rights cooperati",
        "rights cooperatio",
    ] {
        type_into_box(&root, text);
        typed = text;
        app.wait(Duration::from_millis(40)).await;
        elapsed += Duration::from_millis(40);
        assert_eq!(
            status(&root),
            shown,
            "the results followed the box while typing {text:?}"
        );
        assert!(!search().contains("coop"), "{}", search());
    }
    assert!(elapsed > WRITE_DELAY, "the write fell due while typing");
    // Once typing pauses, the view follows and then the URL is written.
    app.wait(TYPING_PAUSE).await;
    assert_ne!(status(&root), shown);
    assert!(!search().contains("coop"), "not before the write delay");
    app.wait(WRITE_DELAY).await;
    let written = format!("q={}", typed.replace(' ', "+"));
    assert!(search().ends_with(&written), "{} for {typed:?}", search());
}

/// Typing shows results at each pause, so a word not yet complete ("multilat") finds
/// nothing; the empty state offers the word as a beginning, with what that finds.
#[wasm_bindgen_test]
async fn a_word_not_yet_complete_is_offered_as_a_beginning() {
    let app = mount_app("?q=human+multilat");
    let root = app.root.clone();
    leptos::task::tick().await;
    assert!(
        status(&root).starts_with("No statement matches"),
        "{}",
        status(&root)
    );
    let offer = texts(&root, ".empty .wider").join("");
    assert!(
        offer.starts_with("search for words beginning with “multilat” (multilat*): ")
            && offer.ends_with(" statements"),
        "{offer}"
    );
    let link: HtmlElement = root
        .query_selector(".empty .wider a")
        .unwrap()
        .unwrap()
        .unchecked_into();
    link.click();
    leptos::task::tick().await;
    assert_eq!(window().location().search().unwrap(), "?q=human+multilat*");
    // As many results as offered (the first 20 of them).
    let offered: u32 = offer
        .rsplit(": ")
        .next()
        .and_then(|n| n.trim_end_matches(" statements").parse().ok())
        .unwrap();
    let shown = root.query_selector_all(".result").unwrap().length();
    assert_eq!(shown, offered.min(20));
    assert!(root.query_selector(".empty").unwrap().is_none());
    // Nothing is offered when the last word is finished (a space, a full stop) or is
    // inside a phrase, though reading it as a beginning would find something.
    for q in [
        "?q=human+multilat+",
        "?q=human+multilat.",
        "?q=%22human+multilat",
    ] {
        set_query(q);
        window()
            .dispatch_event(&web_sys::Event::new("popstate").unwrap())
            .unwrap();
        leptos::task::tick().await;
        assert!(
            root.query_selector(".empty .wider").unwrap().is_none(),
            "{q}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_new_search_updates_the_result_rows_in_place() {
    let app = mount_app("?q=rights");
    let root = app.root.clone();
    leptos::task::tick().await;
    let rows = root.query_selector_all(".results > li").unwrap().length();
    let first = root.query_selector(".result").unwrap().unwrap();
    let first_id = first.get_attribute("data-statement-id").unwrap();
    let facet = root.query_selector(".facet li").unwrap().unwrap();
    // A search with other results, and one with none.
    type_into_box(&root, "\"shared future\"");
    app.wait(TYPING_PAUSE).await;
    assert!(status(&root).contains("match"), "{}", status(&root));
    type_into_box(&root, "zzqx");
    app.wait(TYPING_PAUSE).await;
    assert_eq!(root.query_selector_all(".result").unwrap().length(), 0);
    type_into_box(&root, "rights");
    app.wait(TYPING_PAUSE).await;
    // The same elements, never rebuilt; empty rows are hidden, not removed.
    assert!(first.is_connected() && facet.is_connected());
    assert_eq!(first.get_attribute("data-statement-id").unwrap(), first_id);
    assert_eq!(
        root.query_selector_all(".results > li").unwrap().length(),
        rows
    );
    let hidden = root
        .query_selector_all(".results > li[hidden]")
        .unwrap()
        .length();
    let shown = root.query_selector_all(".result").unwrap().length();
    assert_eq!(hidden + shown, rows);
    assert!(root.query_selector(".result[hidden]").unwrap().is_none());
    // Each shown row's link leads to its own statement, keeping the search.
    let link = first.query_selector("a").unwrap().unwrap();
    let href = link.get_attribute("href").unwrap();
    assert!(
        href.contains(&format!("s={first_id}")) && href.contains("q=rights"),
        "{href}"
    );
}

/// The comparison's own search box follows typing pauses like the header's: a
/// keystroke searches nothing (no view searches inside a key event).
#[wasm_bindgen_test]
async fn the_compare_add_box_searches_when_typing_pauses() {
    let app = mount_app("?view=compare&compare=2024-12-10-mao-ning-human-rights-day");
    let root = app.root.clone();
    leptos::task::tick().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("#add-q")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("cooperation");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert!(
        texts(&root, ".pick-status").is_empty(),
        "searched in the key event"
    );
    app.wait(TYPING_PAUSE).await;
    let found = texts(&root, ".pick-status").join("");
    assert!(found.contains("match"), "{found}");
    // Each offer adds its statement to the comparison.
    let first = root.query_selector(".pick-list li a").unwrap().unwrap();
    let href = first.get_attribute("href").unwrap();
    assert!(
        href.contains("compare=2024-12-10-mao-ning-human-rights-day%2C"),
        "{href}"
    );
}

/// The timeline's handles move with the keys at once and write the URL when the keys
/// pause (one history entry per gesture), or at once on Enter.
#[wasm_bindgen_test]
async fn brush_keys_move_a_handle_and_apply_when_they_pause() {
    let app = mount_app("?view=timeline");
    let root = app.root.clone();
    leptos::task::tick().await;
    let press = |key: &str| {
        let handle = root.query_selector("#brush-start").unwrap().unwrap();
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        let ev =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        handle.dispatch_event(&ev).unwrap();
    };
    let value = || {
        root.query_selector("#brush-start")
            .unwrap()
            .unwrap()
            .get_attribute("aria-valuetext")
            .unwrap()
    };
    let before = value();
    press("PageUp");
    leptos::task::tick().await;
    assert_ne!(value(), before, "the handle moved at once");
    assert_eq!(
        window().location().search().unwrap(),
        "?view=timeline",
        "not yet applied"
    );
    press("PageUp");
    app.wait(Duration::from_millis(699)).await;
    assert_eq!(
        window().location().search().unwrap(),
        "?view=timeline",
        "the pause restarts"
    );
    app.wait(Duration::from_millis(1)).await;
    let search = window().location().search().unwrap();
    assert!(search.starts_with("?view=timeline&from="), "{search}");
    // Enter applies at once.
    press("ArrowRight");
    press("Enter");
    leptos::task::tick().await;
    assert_ne!(window().location().search().unwrap(), search);
}

/// The tracker draws one legend entry per formulation with the numbers the core
/// computes (the test contract: `data-formulation`, `data-statements`, and inside it
/// `data-first-statement-id`), and adds a formulation only when the form is submitted.
#[wasm_bindgen_test]
async fn the_tracker_shows_each_formulation_with_its_numbers() {
    let app = mount_app("?f=%22shared+future%22&f=cooperation");
    let root = app.root.clone();
    leptos::task::tick().await;
    let bundle = fixture();
    let state = tifa_view::url_state::parse("?f=%22shared+future%22&f=cooperation").state;
    let numbers =
        tifa_view::tracker::track(bundle, &tifa_view::tracker::Request::of(bundle, &state));
    let legend = root.query_selector_all(".legend-item").unwrap();
    assert_eq!(legend.length(), 2);
    for (k, s) in numbers.series.iter().enumerate() {
        let item: web_sys::Element = legend.item(k as u32).unwrap().unchecked_into();
        assert_eq!(
            item.get_attribute("data-formulation").unwrap(),
            s.formulation
        );
        assert_eq!(
            item.get_attribute("data-statements").unwrap(),
            s.statements.to_string()
        );
        let first = item
            .query_selector("[data-first-statement-id]")
            .unwrap()
            .unwrap();
        let id = &bundle.corpus.statements[s.first.unwrap().0 as usize].id;
        assert_eq!(
            first.get_attribute("data-first-statement-id").unwrap(),
            **id
        );
    }
    assert!(
        numbers.series[0].statements > 0,
        "the fixture holds the phrase"
    );
    // One point per period with statements, per series; each opens a search.
    let point = root.query_selector("a.point").unwrap().unwrap();
    assert!(point.get_attribute("href").unwrap().contains("q="));
    // Typing in the box does nothing until the form is submitted.
    let input: web_sys::HtmlInputElement = root
        .query_selector("#track-f")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("\"win-win cooperation\"");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    app.wait(TYPING_PAUSE * 4).await;
    assert_eq!(root.query_selector_all(".legend-item").unwrap().length(), 2);
    let form: web_sys::HtmlFormElement = root
        .query_selector(".track-form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.request_submit().unwrap();
    leptos::task::tick().await;
    let search = window().location().search().unwrap();
    assert!(search.ends_with("&f=%22win-win+cooperation%22"), "{search}");
    assert_eq!(root.query_selector_all(".legend-item").unwrap().length(), 3);
}

/// Words selected in a statement go to the tracker as an exact phrase; without a
/// selection the button says what to do.
#[wasm_bindgen_test]
async fn selected_words_in_the_reader_are_tracked_as_a_phrase() {
    let app = mount_app("?s=2021-03-23-chen-xu-hrc-cooperation-resolution&speaker=chen-xu");
    let root = app.root.clone();
    leptos::task::tick().await;
    let button: HtmlElement = root
        .query_selector(".track-selection")
        .unwrap()
        .unwrap()
        .unchecked_into();
    window()
        .get_selection()
        .unwrap()
        .unwrap()
        .remove_all_ranges()
        .unwrap();
    button.click();
    leptos::task::tick().await;
    assert!(texts(&root, ".hint")
        .join("")
        .starts_with("Select a few words"));
    // Select the first three words of the first passage.
    let p = root.query_selector(".passage p").unwrap().unwrap();
    let text = p.first_child().unwrap();
    let words: String = text.text_content().unwrap();
    let end = words
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(2)
        .map_or(words.len(), |(i, _)| i);
    let range = document().create_range().unwrap();
    range.set_start(&text, 0).unwrap();
    range
        .set_end(&text, words[..end].encode_utf16().count() as u32)
        .unwrap();
    let selection = window().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    selection.add_range(&range).unwrap();
    button.click();
    leptos::task::tick().await;
    let state = tifa_view::url_state::parse(&window().location().search().unwrap()).state;
    let phrase: String = words[..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let phrase = phrase.trim_matches(|c: char| !c.is_alphanumeric());
    assert_eq!(state.track.f, [format!("\"{phrase}\"")]);
    assert_eq!(state.filters.speaker, ["chen-xu"], "the filters stay");
    assert_eq!(root.query_selector_all(".legend-item").unwrap().length(), 1);
    selection.remove_all_ranges().unwrap();
}

/// `n` statements, each a document of its own saying `text` (`{i}` is its number).
fn statements_saying(n: usize, text: &str) -> CorpusBundle {
    let mut corpus = Corpus::empty();
    corpus.speakers = vec![Entity {
        id: "s".into(),
        name: "Speaker".into(),
    }];
    for i in 0..n {
        let raw = text.replace("{i}", &i.to_string());
        corpus
            .documents
            .push(Document::bare(&format!("d{i:03}"), &raw));
        let whole = Passage {
            kind: PassageKind::Quote,
            span: Span {
                start: 0,
                end: raw.len() as u32,
            },
        };
        corpus
            .statements
            .push(Statement::bare(&format!("s{i:03}"), i as u32, vec![whole]));
    }
    bundle_of(corpus)
}

/// Every result is reachable: 50 a page, the total and the page shown, previous /
/// next through the URL, a page past the end shows the last with a notice.
#[wasm_bindgen_test]
async fn search_results_are_paged_through_the_url() {
    let app = mount(
        "?q=rights&page=2",
        statements_saying(120, "human rights {i}"),
        || {
            view! { <Shell/> }
        },
    );
    let root = app.root.clone();
    leptos::task::tick().await;
    assert_eq!(
        status(&root),
        "120 statements match; 51–100, most relevant first."
    );
    assert_eq!(root.query_selector_all(".result").unwrap().length(), 50);
    let list = root.query_selector("ol.results").unwrap().unwrap();
    assert_eq!(list.get_attribute("start").as_deref(), Some("51"));
    assert_eq!(
        texts(&root, ".pager-status")[0],
        "Results 51–100 of 120 (page 2 of 3)"
    );
    let next: HtmlElement = root
        .query_selector(".pager a:last-child")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(next.text_content().unwrap(), "Next →");
    next.click();
    leptos::task::tick().await;
    assert_eq!(window().location().search().unwrap(), "?q=rights&page=3");
    assert_eq!(root.query_selector_all(".result").unwrap().length(), 20);
    assert_eq!(
        texts(&root, ".pager-status")[0],
        "Results 101–120 of 120 (page 3 of 3)"
    );
    // A result's link keeps the search, not the page (the reader finds its place).
    let href = root
        .query_selector(".result a")
        .unwrap()
        .unwrap()
        .get_attribute("href")
        .unwrap();
    assert!(
        href.contains("q=rights") && !href.contains("page="),
        "{href}"
    );
    drop(app);
    let past = mount(
        "?q=rights&page=40",
        statements_saying(120, "human rights {i}"),
        || {
            view! { <Shell/> }
        },
    );
    leptos::task::tick().await;
    assert_eq!(
        texts(&past.root, ".search .notice"),
        ["There is no page 40; showing the last page, 3."]
    );
    assert_eq!(
        past.root.query_selector_all(".result").unwrap().length(),
        20
    );
}

/// The formulations list and the reader's reuse draw what the compiler found: each item
/// names its formulation and statements, and a statement lists the others that share
/// its words, each marked with the other's id.
#[wasm_bindgen_test]
async fn formulations_and_reuse_show_what_the_compiler_found() {
    let bundle = statements_saying(
        6,
        "we must build a community with a shared future for mankind today {i}",
    );
    let found = &bundle.discoveries().unwrap().formulations;
    assert!(!found.is_empty(), "the shared words are mined");
    let app = mount("?view=formulations", bundle, || view! { <Shell/> });
    leptos::task::tick().await;
    let items = app.root.query_selector_all(".formulation").unwrap();
    assert_eq!(items.length() as usize, found.len());
    let first: web_sys::Element = items.item(0).unwrap().unchecked_into();
    assert_eq!(
        first.get_attribute("data-formulation").unwrap(),
        *found[0].phrase
    );
    assert_eq!(
        first.get_attribute("data-statements").unwrap(),
        found[0].statement_list().len().to_string()
    );
    assert!(first
        .query_selector("[data-first-statement-id]")
        .unwrap()
        .is_some());
    drop(app);
    let reader = mount("?s=s002", bundle, || view! { <Shell/> });
    leptos::task::tick().await;
    let others: Vec<String> = {
        let list = reader.root.query_selector_all(".reuse-item").unwrap();
        (0..list.length())
            .map(|i| {
                let e: web_sys::Element = list.item(i).unwrap().unchecked_into();
                e.get_attribute("data-reuse-of").unwrap()
            })
            .collect()
    };
    // Three at once; the others when their list is opened.
    assert_eq!(others, ["s000", "s001", "s003"]);
    let more: web_sys::HtmlDetailsElement = reader
        .root
        .query_selector(".reuse-more")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        texts(&reader.root, ".reuse-more summary"),
        ["2 more statements"]
    );
    more.set_open(true);
    next_task().await;
    leptos::task::tick().await;
    assert_eq!(
        reader
            .root
            .query_selector_all(".reuse-item")
            .unwrap()
            .length(),
        5
    );
    assert!(!texts(&reader.root, ".passage mark.shared").is_empty());
}

/// The discoveries come after the app has started: meanwhile the formulations view
/// says they are loading, and the reader draws its statement without reuse, saying
/// nothing; once they are here, both draw them in place. When they cannot come, each
/// view says why, as an alert.
#[wasm_bindgen_test]
async fn views_wait_for_the_discoveries_and_say_when_they_cannot_come() {
    let bundle = decoded_bare(include_bytes!(concat!(env!("OUT_DIR"), "/fixture.bin")));
    let state = Rc::new(Cell::new(None));
    let mount_loading_over = |bundle: CorpusBundle, query: &str| {
        let slot = state.clone();
        mount(query, bundle, move || {
            slot.set(Some(provide_discoveries(Mined::Loading)));
            view! { <Shell/> }
        })
    };
    let mount_loading = |query: &str| mount_loading_over(bundle, query);
    let list = mount_loading("?view=formulations");
    leptos::task::tick().await;
    assert_eq!(
        texts(&list.root, ".mined-status"),
        ["The recurring formulations are loading…"]
    );
    assert!(list.root.query_selector(".formulation").unwrap().is_none());
    let mined = state.take().unwrap();
    mined.set(Mined::Failed(
        "discoveries-x.bin could not be fetched: the server answered 404 Not Found".into(),
    ));
    leptos::task::tick().await;
    let alert = list
        .root
        .query_selector("[role=alert].mined-status")
        .unwrap()
        .unwrap();
    let said = alert.text_content().unwrap();
    assert!(
        said.contains("404 Not Found") && said.contains("could not be loaded"),
        "{said}"
    );
    drop(list);

    // Zhao Lijian's statement shares its own words with two later statements.
    let reader = mount_loading("?s=2020-06-zhao-lijian-hrc-cooperation-resolution");
    leptos::task::tick().await;
    assert!(reader.root.query_selector(".passage").unwrap().is_some());
    assert!(reader.root.query_selector(".reuse-item").unwrap().is_none());
    assert!(reader
        .root
        .query_selector(".mined-status")
        .unwrap()
        .is_none());
    attach(bundle, FIXTURE_MINED);
    state.take().unwrap().set(Mined::Ready);
    leptos::task::tick().await;
    assert!(reader.root.query_selector(".reuse-item").unwrap().is_some());
    assert!(!texts(&reader.root, ".passage mark.shared").is_empty());
    assert!(reader
        .root
        .query_selector(".mined-status")
        .unwrap()
        .is_none());
    drop(reader);

    // The list, loading, then drawn once they are here (over a bundle of its own, which
    // has none yet).
    let bare = decoded_bare(include_bytes!(concat!(env!("OUT_DIR"), "/fixture.bin")));
    let list = mount_loading_over(bare, "?view=formulations");
    leptos::task::tick().await;
    assert!(list.root.query_selector(".formulation").unwrap().is_none());
    attach(bare, FIXTURE_MINED);
    state.take().unwrap().set(Mined::Ready);
    leptos::task::tick().await;
    assert!(list.root.query_selector(".formulation").unwrap().is_some());
    assert!(list.root.query_selector(".mined-status").unwrap().is_none());
    drop(list);

    // A source document says nothing while they load, and why, when they cannot come.
    let bare = decoded_bare(include_bytes!(concat!(env!("OUT_DIR"), "/fixture.bin")));
    let doc = format!("?doc={}", bare.corpus.documents[0].id);
    let reader = mount_loading_over(bare, &doc);
    leptos::task::tick().await;
    assert!(reader
        .root
        .query_selector(".mined-status")
        .unwrap()
        .is_none());
    state
        .take()
        .unwrap()
        .set(Mined::Failed("the network is down".into()));
    leptos::task::tick().await;
    assert_eq!(
        texts(&reader.root, "[role=alert].mined-status"),
        ["Passages shared with other documents could not be loaded: the network is down. Search, the tracker and the concordance work without them."]
    );
}

/// Resolves after the browser's next paint (an animation frame, then a task queued from
/// it): frames, not the wall clock.
async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let resolve = resolve.clone();
        let after = wasm_bindgen::closure::Closure::once_into_js(move || {
            window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        window()
            .request_animation_frame(after.unchecked_ref())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}

/// A long statement is drawn in parts, a frame apart: its first passages with the view,
/// its source text (the same words again, below the fold) last. A short one is drawn
/// whole at once.
#[wasm_bindgen_test]
async fn a_long_statements_source_is_drawn_after_the_statement_is_painted() {
    let long = "We uphold multilateralism and true cooperation {i}. ".repeat(600);
    let bundle = statements_saying(2, &long);
    let app = mount_part(bundle, || view! { <StatementReader at=0/> });
    let root = app.root.clone();
    assert_eq!(texts(&root, ".passages .passage p").len(), 1);
    assert!(texts(&root, ".passages .passage p")[0].starts_with("We uphold"));
    assert_eq!(texts(&root, ".raw-text .text"), [""], "not drawn yet");
    after_next_paint().await;
    let source = texts(&root, ".raw-text .text");
    assert_eq!(
        source[0].len(),
        long.replace("{i}", "0").len(),
        "drawn whole"
    );
    drop(app);

    // Forty long passages: the first twelve with the view, then a part a frame, the
    // source text after the last.
    let paragraph = "We uphold multilateralism and true cooperation. ".repeat(20);
    let mut corpus = Corpus::empty();
    corpus.speakers = vec![Entity {
        id: "s".into(),
        name: "Speaker".into(),
    }];
    let raw = vec![paragraph.as_str(); 40].join("\n\n");
    let passages = (0..40)
        .map(|k| {
            let start = (k * (paragraph.len() + 2)) as u32;
            Passage {
                kind: PassageKind::Quote,
                span: Span {
                    start,
                    end: start + paragraph.len() as u32,
                },
            }
        })
        .collect();
    corpus.documents.push(Document::bare("d", &raw));
    corpus.statements.push(Statement::bare("s", 0, passages));
    let app = mount_part(bundle_of(corpus), || view! { <StatementReader at=0/> });
    let drawn = |root: &HtmlElement| {
        root.query_selector_all(".passages .passage")
            .unwrap()
            .length()
    };
    assert_eq!(drawn(&app.root), 12);
    after_next_paint().await;
    assert_eq!(drawn(&app.root), 36);
    assert_eq!(texts(&app.root, ".raw-text .text"), [""]);
    after_next_paint().await;
    assert_eq!(drawn(&app.root), 40);
    after_next_paint().await;
    // Every line drawn (lines are elements: the text holds no line breaks).
    assert_eq!(
        texts(&app.root, ".raw-text .text")[0].len(),
        raw.replace('\n', "").len()
    );
    drop(app);

    let short = statements_saying(1, "A short statement {i}.");
    let app = mount_part(short, || view! { <StatementReader at=0/> });
    assert_eq!(
        texts(&app.root, ".raw-text .text"),
        ["A short statement 0."]
    );
}

/// The statistics views over a corpus of markup: names and words shown as text, rows with
/// their figures, and no element the corpus holds as markup.
#[wasm_bindgen_test]
async fn the_statistics_views_draw_a_corpus_of_markup_as_text() {
    for query in [
        "?view=dispersion&q=human",
        "?view=clusters&n=2&min=1",
        "?view=keywords&sig=all&min=1&ref=all",
        "?view=collocates&q=human&min=1&fmin=1",
    ] {
        let app = mount(query, hostile_bundle(), || view! { <Shell/> });
        leptos::task::tick().await;
        let root = app.root.clone();
        let rows = root.query_selector_all("tbody tr").unwrap().length();
        assert!(rows > 0, "{query}: no rows in {:?}", root.text_content());
        let injected = root
            .query_selector_all("script, img, svg, iframe, marquee, b, i")
            .unwrap()
            .length();
        assert_eq!(injected, 0, "{query}");
        let first: web_sys::Element = root.query_selector("tbody tr").unwrap().unwrap();
        let figures = ["data-hits", "data-ngram", "data-g2", "data-logdice"];
        assert!(
            figures.iter().any(|a| first.has_attribute(a)),
            "{query}: a row without its figures"
        );
        if query.contains("dispersion") {
            let text = root.text_content().unwrap();
            assert!(
                text.contains("<svg onload=window.__xss=2>Speaker</svg>"),
                "{query}"
            );
            // The marks are placed through the CSSOM (the CSP forbids style attributes).
            let tick: HtmlElement = root
                .query_selector(".barcode .tick")
                .unwrap()
                .unwrap()
                .unchecked_into();
            assert!(tick
                .style()
                .get_property_value("left")
                .unwrap()
                .ends_with('%'));
        }
    }
}
