//! The corpus of a site built in the sharded packing (`TIFA_PACKING=shards`): not in
//! the Wasm, but a manifest and content-hashed pieces beside it (`tifa site-files
//! --shards`). The page fetches the manifest before it starts ([`open`]), then for
//! each view the pieces `tifa_view::stream::Stream::missing` names ([`fetch`]); what
//! to fetch and how a file is checked and filled is decided there, natively tested.
//! Every file is refused by name when its bytes are not its hash's.

use std::sync::OnceLock;
use tifa_view::stream::{unpack_manifest, Stream};
use tifa_view::url_state::UrlState;

static STREAM: OnceLock<Stream<'static>> = OnceLock::new();
static FAILURE: OnceLock<String> = OnceLock::new();

/// Whether this build's corpus is fetched in pieces (else it is in the Wasm): known
/// when compiling, so a build of one packing carries no code of the other's start.
const SHARDED: bool = matches!(env!("TIFA_PACKING").as_bytes(), b"shards");

/// Whether this build's corpus is fetched in pieces (else it is in the Wasm).
pub fn sharded() -> bool {
    SHARDED
}

/// The sharded corpus, once [`open`]ed.
pub fn stream() -> Option<&'static Stream<'static>> {
    // Never, in a build with its corpus in the Wasm: none of this module is in it.
    if !SHARDED {
        return None;
    }
    STREAM.get()
}

/// The manifest the page names (`<meta name="tifa-manifest" content>`, written by
/// `pwa/postbuild.mjs`).
pub fn manifest_name() -> Option<String> {
    leptos::prelude::document()
        .query_selector("meta[name=tifa-manifest]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
}

/// Why the page could not start on its sharded corpus ([`start`]), if it could not.
pub fn failure() -> Option<&'static str> {
    FAILURE.get().map(String::as_str)
}

/// Before the app replaces the first paint: the manifest the page names, then the
/// pieces of the view its address asks for, so the app draws that view at once.
/// What went wrong is kept for the app to say ([`failure`]).
pub async fn start() {
    let opened = match manifest_name() {
        Some(name) => open("", &name).await,
        None => Err("the page names no corpus manifest (<meta name=tifa-manifest>)".into()),
    };
    let query = leptos::prelude::window()
        .location()
        .search()
        .unwrap_or_default();
    let state = tifa_view::url_state::parse(&query).state;
    if let Err(why) = opened.and(fetch_for("", &state).await) {
        web_sys::console::error_1(&format!("tifa: {why}").into());
        let _ = FAILURE.set(why);
    }
}

/// Fetches the manifest `name` from `base` (a folder's URL, ending in `/`, or "" for
/// the page's), checks it and makes the page's bundle of it
/// (`crate::corpus::bundle`); done at once when it is open.
pub async fn open(base: &str, name: &str) -> Result<(), String> {
    if STREAM.get().is_some() {
        return Ok(());
    }
    let packed = crate::corpus::fetch_bytes(&format!("{base}{name}")).await?;
    let raw: &'static [u8] = Box::leak(unpack_manifest(name, &packed)?.into_boxed_slice());
    let (stream, bundle) = Stream::open(name, raw, crate::corpus::version())?;
    crate::corpus::set_bundle(bundle);
    let _ = STREAM.set(stream);
    Ok(())
}

/// Fetches `files` from `base`, all at once, and fills each as it comes, in order;
/// `progress` is told the bytes filled so far. A file already on its way (for another
/// view, or a round before) is not fetched again: its download is shared. The first
/// file that cannot come or is refused ends it, named in the error; it is asked for
/// anew the next time.
pub async fn fetch(
    base: &str,
    files: Vec<(String, u32)>,
    progress: impl Fn(u64),
) -> Result<(), String> {
    let (Some(stream), Ok(bundle)) = (stream(), crate::corpus::bundle()) else {
        return Err("the corpus manifest has not been fetched".into());
    };
    let started: Vec<_> = files
        .into_iter()
        .map(|(name, bytes)| {
            let download = download(&format!("{base}{name}"), &name);
            (name, bytes, download)
        })
        .collect();
    let mut done = 0u64;
    for (name, bytes, download) in started {
        if !stream.has(&name) {
            let arrived = wasm_bindgen_futures::JsFuture::from(download).await;
            let packed = arrived
                .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                .map_err(|e| {
                    e.as_string()
                        .unwrap_or_else(|| format!("{name} could not be fetched"))
                })?;
            if !stream.has(&name) {
                stream.fill(bundle, &name, &packed)?;
            }
        }
        done += u64::from(bytes);
        progress(done);
    }
    Ok(())
}

thread_local! {
    /// The downloads on their way, by file name: a promise of the file's bytes.
    static IN_FLIGHT: std::cell::RefCell<std::collections::HashMap<String, js_sys::Promise>> =
        Default::default();
}

/// The download of `url` (the file `name`), started now or shared with one on its way:
/// a promise of its bytes, rejected with a sentence naming the file.
fn download(url: &str, name: &str) -> js_sys::Promise {
    IN_FLIGHT.with(|f| {
        f.borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| {
                let (url, name) = (url.to_string(), name.to_string());
                let promise = wasm_bindgen_futures::future_to_promise(async move {
                    let fetched = crate::corpus::fetch_bytes(&url).await;
                    // Settled: the next ask, after a failure, fetches anew.
                    IN_FLIGHT.with(|f| f.borrow_mut().remove(&name));
                    Ok(js_sys::Uint8Array::from(fetched?.as_slice()).into())
                });
                // Handled now: a download left behind when an earlier file fails is
                // no "uncaught" error.
                let _ = promise.catch(ignored());
                promise
            })
            .clone()
    })
}

/// Forgets the downloads on their way (one that hangs is asked for anew: "Try again").
pub fn forget_downloads() {
    IN_FLIGHT.with(|f| f.borrow_mut().clear());
}

/// Fetches, round by round, every piece the view of `state` reads.
pub async fn fetch_for(base: &str, state: &UrlState) -> Result<(), String> {
    let (Some(stream), Ok(bundle)) = (stream(), crate::corpus::bundle()) else {
        return Err("the corpus manifest has not been fetched".into());
    };
    loop {
        let missing = stream.missing(bundle, state);
        if missing.is_empty() {
            return Ok(());
        }
        fetch(base, missing, |_| ()).await?;
    }
}

/// Fetches every piece the whole corpus needs (the JavaScript API answers over all of
/// it).
pub async fn fetch_all(base: &str) -> Result<(), String> {
    match stream() {
        Some(s) => fetch(base, s.all_missing(), |_| ()).await,
        None => Err("the corpus manifest has not been fetched".into()),
    }
}

/// A rejection handler that does nothing (made once, kept for the page's life).
fn ignored() -> &'static wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)> {
    thread_local! {
        static IGNORED: &'static wasm_bindgen::closure::Closure<dyn FnMut(wasm_bindgen::JsValue)> =
            Box::leak(Box::new(wasm_bindgen::closure::Closure::new(|_: wasm_bindgen::JsValue| ())));
    }
    IGNORED.with(|c| *c)
}
