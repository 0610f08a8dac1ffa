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
/// `progress` is told the bytes filled so far. The first file that cannot come or is
/// refused ends it, named in the error.
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
            let url = format!("{base}{name}");
            let fetched = crate::corpus::start_fetch(&url);
            // Handled now: a fetch left behind when an earlier file fails is no
            // "uncaught" error.
            let _ = fetched.catch(ignored());
            (name, bytes, url, fetched)
        })
        .collect();
    let mut done = 0u64;
    for (name, bytes, url, fetched) in started {
        if !stream.has(&name) {
            let packed = crate::corpus::bytes_of(&url, fetched).await?;
            stream.fill(bundle, &name, &packed)?;
        }
        done += u64::from(bytes);
        progress(done);
    }
    Ok(())
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
