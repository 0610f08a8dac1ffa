//! The JavaScript API (docs/api.md): the same queries as the app, for a page, a notebook
//! or a script, on a built site. Each takes the query string of the view's link and
//! returns a plain JavaScript object made with `serde-wasm-bindgen` from what
//! `tifa_view::api` answers. `api.js` (written by the build) loads the module without
//! mounting the app.

use crate::corpus::bundle;
use serde::Serialize;
use tifa_view::api;
use wasm_bindgen::prelude::*;

/// A value as a plain JavaScript object (maps as objects, tuples as arrays).
fn js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn corpus() -> Result<&'static tifa_view::corpus::Bundle<'static>, JsError> {
    bundle().map_err(|e| JsError::new(&format!("The embedded corpus: {e}")))
}

/// On a site whose corpus is fetched in pieces: fetches its manifest `manifest` and
/// every piece from `base` (the folder of `api.js`), so the API answers over the whole
/// corpus; `api.js`'s `load()` waits for it. The error names the file that could not come.
#[wasm_bindgen(js_name = loadCorpus)]
pub fn api_load_corpus(base: String, manifest: String) -> js_sys::Promise {
    // Decided outside the future: a build with its corpus in the Wasm carries none of it.
    if !crate::shards::sharded() {
        return js_sys::Promise::resolve(&JsValue::UNDEFINED);
    }
    wasm_bindgen_futures::future_to_promise(async move {
        let loaded = match crate::shards::open(&base, &manifest).await {
            Ok(()) => crate::shards::fetch_all(&base).await,
            Err(e) => Err(e),
        };
        loaded
            .map(|()| JsValue::UNDEFINED)
            .map_err(|e| js_sys::Error::new(&e).into())
    })
}

/// The corpus version (a short hash of the compiled corpus and what is mined from it), as links and files name it.
#[wasm_bindgen(js_name = version)]
pub fn api_version() -> String {
    crate::corpus::version().to_string()
}

/// A search: `search("?q=rights&speaker=zhao-lijian&page=2")`.
#[wasm_bindgen(js_name = search)]
pub fn api_search(query: &str) -> Result<JsValue, JsError> {
    js(&api::search(corpus()?, query))
}

/// A statement with its passages and provenance, or `null`.
#[wasm_bindgen(js_name = statement)]
pub fn api_statement(id: &str) -> Result<JsValue, JsError> {
    js(&api::statement(corpus()?, id))
}

/// The tracker's numbers: `track('?f="shared future"&f=cooperation&unit=year')`.
#[wasm_bindgen(js_name = track)]
pub fn api_track(query: &str) -> Result<JsValue, JsError> {
    js(&api::track(corpus()?, query))
}

/// The keywords of one link's statements against another's (or, without one, the rest
/// of the corpus): `keywords('?speaker=wang-yi', undefined, false, 5, false, false, true)`
/// (`pwa/api.js` takes the options as an object).
#[wasm_bindgen(js_name = keywords)]
#[allow(clippy::too_many_arguments)]
pub fn api_keywords(
    target: &str,
    reference: Option<String>,
    stems: bool,
    min_frequency: u32,
    negative: bool,
    by_log_ratio: bool,
    bonferroni: bool,
) -> Result<JsValue, JsError> {
    let settings = tifa_view::keywords::Settings {
        stems,
        min_frequency: u64::from(min_frequency),
        negative,
        by_log_ratio,
        bonferroni,
        ..Default::default()
    };
    js(&api::keywords(
        corpus()?,
        target,
        reference.as_deref(),
        &settings,
    ))
}

/// The collocates of a link's word or phrase: `collocates('?q=sovereignty&to=1989', 5,
/// 5, 3, 'logdice', false)` (`pwa/api.js` takes the options as an object).
#[wasm_bindgen(js_name = collocates)]
pub fn api_collocates(
    query: &str,
    left: u32,
    right: u32,
    min_together: u32,
    order: &str,
    stems: bool,
) -> Result<JsValue, JsError> {
    use tifa_view::collocates::{Measure, Settings};
    let order = Measure::parse(order)
        .ok_or_else(|| JsError::new("order must be together, mi, mi3, t, ll or logdice"))?;
    let settings = Settings {
        left: left as usize,
        right: right as usize,
        min_together: u64::from(min_together),
        stems,
        order,
        ..Settings::default()
    };
    js(&api::collocates(corpus()?, query, &settings))
}

/// The clusters of a link's statements: `clusters('?from=2013', 3, 2, 'freq')`
/// (`pwa/api.js` takes the options as an object).
#[wasm_bindgen(js_name = clusters)]
pub fn api_clusters(query: &str, n: u32, min: u32, order: &str) -> Result<JsValue, JsError> {
    use tifa_view::url_state::statistics::By;
    let (order, concentrated) = match order {
        "freq" => (By::Frequency, false),
        "range" => (By::Range, false),
        "dp" => (By::Dp, false),
        "dp-desc" => (By::Dp, true),
        _ => return Err(JsError::new("order must be freq, range, dp or dp-desc")),
    };
    let settings = tifa_view::clusters::Settings {
        n: n as usize,
        min_frequency: min,
        order,
        concentrated,
    };
    js(&api::clusters(corpus()?, query, &settings))
}

/// Where a link's word or phrase occurs: `dispersion('?q=sovereignty')`.
#[wasm_bindgen(js_name = dispersion)]
pub fn api_dispersion(query: &str) -> Result<JsValue, JsError> {
    js(&api::dispersion(corpus()?, query))
}

/// The recurring formulations: `{ total, rows }` for `formulations("?sort=first&page=2")`.
#[wasm_bindgen(js_name = formulations)]
pub fn api_formulations(query: &str) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Page {
        total: usize,
        rows: Vec<api::Formulation>,
        notices: Vec<String>,
    }
    let bundle = corpus()?;
    let (total, rows) =
        api::formulations(bundle, query).map_err(|e| JsError::new(&e.to_string()))?;
    js(&Page {
        total,
        rows,
        notices: api::notices(bundle, query),
    })
}

/// The passages of a statement that also appear in others (the speakers' own words, or
/// the passage kinds of `kind`, written as in links: `"all"`, `"quote,narration"`), or
/// `null` for an unknown id.
#[wasm_bindgen(js_name = reuse)]
pub fn api_reuse(id: &str, kind: Option<String>) -> Result<JsValue, JsError> {
    let kinds = tifa_view::url_state::parse(&format!("?kind={}", kind.unwrap_or_default()))
        .state
        .filters
        .passage_kinds();
    js(&api::reuse(corpus()?, id, kinds).map_err(|e| JsError::new(&e.to_string()))?)
}

/// The discoveries file of this build (`discoveries-<version>.bin`), which `api.js`
/// loads beside the module.
#[wasm_bindgen(js_name = discoveriesFile)]
pub fn api_discoveries_file() -> String {
    crate::corpus::discoveries_file()
}

/// Attaches the discoveries file's bytes (`api.js`'s `load()` fetches the file beside
/// the module, then calls this), so `formulations` and `reuse` can answer. The error
/// names the file and what is wrong with it.
#[wasm_bindgen(js_name = attachDiscoveries)]
pub fn api_attach_discoveries(bytes: &[u8]) -> Result<(), JsError> {
    crate::corpus::attach_discoveries(bytes, &crate::corpus::discoveries_file())
        .map_err(|e| JsError::new(&e))
}
