//! The Tifa web app: thin Leptos components over `tifa-view`, its one door to the pure crates.
//!
//! - [`corpus`]: the embedded corpus blob, decoded once at start (or the bundle of a
//!   sharded corpus's manifest).
//! - [`shards`]: a corpus fetched in pieces, as each view needs them.
//! - [`hooks`]: one hook per file (`use_url_state`).
//! - [`components`]: one area per file.
//! - [`panic_screen`]: what a panic shows instead of a blank page.
//! - [`api`]: the JavaScript API (docs/api.md).

pub mod api;
pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod components;
pub mod corpus;
pub mod hooks;
pub mod panic_screen;
pub mod shards;

/// Entry point: installs the panic screen, then mounts the app on `<body>` — on the
/// app's own page only (it has the `#boot` first paint): a page that loads the module
/// for the JavaScript API (`api.js`) gets the API, not the app.
///
/// The first paint (`tifa_view::prerender`, written into `index.html` at build time) is
/// replaced, not hydrated: in one task, so the browser never paints between the two,
/// and only once it has been painted.
/// A search typed into its box meanwhile is carried over: the address becomes that
/// search (as typing in the app's box would make it) and the box keeps the focus.
pub fn start() {
    let doc = leptos::prelude::document();
    let Some(boot) = doc.get_element_by_id("boot") else {
        return;
    };
    panic_screen::install();
    hooks::apply_stored_theme();
    if shards::sharded() {
        // The manifest and the first view's pieces come while the first paint stands; a
        // manifest that cannot come is said by the app in place of the page, a piece
        // that cannot come by its view (`use_pieces`), with "Try again".
        // Leptos's executor starts with the app: this runs before.
        wasm_bindgen_futures::spawn_local(async move {
            let start = corpus::now_ms();
            shards::start().await;
            report_first_pieces(corpus::now_ms() - start);
            after_first_paint(move || take_over(boot));
        });
        return;
    }
    // Decode before mounting, so the decode time is measured on its own.
    let _ = corpus::bundle();
    report_decode_time();
    after_first_paint(move || take_over(boot));
}

/// Exposes how long the sharded corpus's manifest and the first view's pieces took, on
/// `<html data-first-pieces-ms>` (read by the benchmarks) and in the console.
fn report_first_pieces(ms: f64) {
    let ms = ms.round() as u64;
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-first-pieces-ms", &ms.to_string());
    }
    web_sys::console::info_1(
        &format!("tifa: the manifest and the first view's pieces fetched and filled in {ms} ms")
            .into(),
    );
}

/// Runs `then` (in a task of its own) once the first paint is on screen and recorded:
/// replaced sooner, as when the Wasm comes from a cache, the browser would drop the
/// HTML's paint from its largest-contentful-paint record and count the app's, which
/// waits on the Wasm, instead (Lighthouse's mobile score fell from 100 to 76 on the runs
/// where it did). So: when the browser reports a largest paint; where it reports none
/// (no such entries, as in Safari), after two frames; and at the latest 500 ms after
/// those two frames.
fn after_first_paint(then: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::Duration;
    use wasm_bindgen::prelude::*;
    type Then = Option<Box<dyn FnOnce()>>;
    let pending: Rc<RefCell<Then>> = Rc::new(RefCell::new(Some(Box::new(then))));
    let observer: Rc<RefCell<Option<web_sys::PerformanceObserver>>> = Rc::default();
    let fire = {
        let (pending, observer) = (pending.clone(), observer.clone());
        move || {
            if let Some(o) = observer.borrow_mut().take() {
                o.disconnect();
            }
            if let Some(then) = pending.borrow_mut().take() {
                leptos::prelude::set_timeout(then, Duration::ZERO);
            }
        }
    };
    // `PerformanceObserver.supportedEntryTypes`, and `{ type, buffered }` options (web-sys
    // knows only the older `entryTypes`, which does not replay a paint already made).
    let get = |from: &JsValue, key: &str| js_sys::Reflect::get(from, &JsValue::from_str(key));
    let kind = JsValue::from_str("largest-contentful-paint");
    let reports_paints = get(&js_sys::global(), "PerformanceObserver")
        .and_then(|o| get(&o, "supportedEntryTypes"))
        .is_ok_and(|types| {
            types
                .dyn_into::<js_sys::Array>()
                .is_ok_and(|t| t.includes(&kind, 0))
        });
    if reports_paints {
        let callback = Closure::<dyn FnMut()>::new(fire.clone());
        if let Ok(o) = web_sys::PerformanceObserver::new(callback.as_ref().unchecked_ref()) {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &JsValue::from_str("type"), &kind);
            let _ = js_sys::Reflect::set(&options, &JsValue::from_str("buffered"), &JsValue::TRUE);
            o.observe(options.unchecked_ref());
            *observer.borrow_mut() = Some(o);
        }
        callback.forget();
    }
    let wait = if reports_paints {
        Duration::from_millis(500)
    } else {
        Duration::ZERO
    };
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(fire, wait);
        });
    });
}

/// Replaces the first paint by the app, carrying over a search typed meanwhile.
fn take_over(boot: web_sys::Element) {
    let doc = leptos::prelude::document();
    let typed = typed_before_start(&doc);
    if let Some((text, _)) = &typed {
        carry_over_search(text);
    }
    boot.remove();
    if let Some(root) = doc.document_element() {
        let _ = root.class_list().remove_1("other-view");
    }
    leptos::mount::mount_to_body(app::App);
    if let Some((text, true)) = typed {
        focus_search_box(&doc, text.encode_utf16().count() as u32);
    }
}

/// The text typed into the first paint's search box, and whether the box has the focus.
fn typed_before_start(doc: &web_sys::Document) -> Option<(String, bool)> {
    use wasm_bindgen::JsCast;
    let input = doc
        .get_element_by_id(components::SEARCH_INPUT_ID)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    let text = input.value();
    let focused = doc
        .active_element()
        .is_some_and(|el| el.id() == components::SEARCH_INPUT_ID);
    (!text.trim().is_empty()).then_some((text, focused))
}

/// Makes the address the search `text` leads to from here (a new history entry, as the
/// first change of a search is).
fn carry_over_search(text: &str) {
    let window = leptos::prelude::window();
    let location = window.location();
    let query = location.search().unwrap_or_default();
    let (next, _) = tifa_view::url_state::parse(&query).state.typed(text);
    let href = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        tifa_view::url_state::to_query(&next)
    );
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
    }
}

/// Gives the app's search box the focus, the caret after its `len` UTF-16 units.
fn focus_search_box(doc: &web_sys::Document, len: u32) {
    use wasm_bindgen::JsCast;
    if let Some(input) = doc
        .get_element_by_id(components::SEARCH_INPUT_ID)
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        let _ = input.set_selection_range(len, len);
    }
}

/// Exposes how the discoveries came on `<html data-discoveries="ready|failed"
/// data-discoveries-ms>` (read by the benchmarks and the end-to-end tests) and in the
/// console: the time from asking for them to their being attached.
pub(crate) fn report_discoveries(loaded: &Result<(), String>, ms: f64) {
    let ms = ms.round() as u64;
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute(
            "data-discoveries",
            if loaded.is_ok() { "ready" } else { "failed" },
        );
        let _ = root.set_attribute("data-discoveries-ms", &ms.to_string());
    }
    let line = match loaded {
        Ok(()) => format!("tifa: discoveries fetched, unpacked and decoded in {ms} ms"),
        Err(why) => format!("tifa: discoveries not loaded: {why}"),
    };
    web_sys::console::info_1(&line.into());
}

/// Exposes the corpus decode time on `<html data-decode-ms data-statements>` (read by
/// the in-browser benchmark) and in the console.
fn report_decode_time() {
    let (Some(ms), Ok(b)) = (corpus::decode_ms(), corpus::bundle()) else {
        return;
    };
    let c = &b.corpus;
    // Integer formatting only: `{:.2}` on a float would pull core's float printing
    // (tens of KB) into the bundle.
    let hundredths = (ms * 100.0).round() as u64;
    let ms = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-decode-ms", &ms);
        let _ = root.set_attribute("data-statements", &c.statements.len().to_string());
    }
    web_sys::console::info_1(
        &format!(
            "tifa: unpacked and decoded {} statements ({} bytes packed) in {ms} ms",
            c.statements.len(),
            corpus::BLOB.len()
        )
        .into(),
    );
}
