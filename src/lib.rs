//! The Tifa web app: thin Leptos components over the pure logic in `tifa-core`.
//!
//! - [`corpus`]: the embedded corpus blob, decoded once at start.
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

/// Entry point: installs the panic screen, then mounts the app on `<body>` — on the
/// app's own page only (it has the `#boot` placeholder): a page that loads the module
/// for the JavaScript API (`api.js`) gets the API, not the app.
pub fn start() {
    if leptos::prelude::document()
        .get_element_by_id("boot")
        .is_none()
    {
        return;
    }
    panic_screen::install();
    hooks::apply_stored_theme();
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    // Decode before mounting, so the decode time is measured on its own.
    let _ = corpus::bundle();
    report_decode_time();
    leptos::mount::mount_to_body(app::App);
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
            "tifa: decoded {} statements ({} bytes) in {ms} ms",
            c.statements.len(),
            corpus::BLOB.len()
        )
        .into(),
    );
}
