//! **A panic never leaves a blank page.** The hook draws a full-page alert with the
//! message and a reload link, using plain DOM calls (the reactive system may be
//! unusable after a panic) and only text nodes (the message may contain markup).

use wasm_bindgen::JsValue;

/// Id of the element the panic screen adds to `<body>`.
pub const PANIC_SCREEN_ID: &str = "tifa-panic";

/// Installs the panic hook. Call once, before mounting.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        show(&message);
    }));
}

/// Shows the panic screen with `message` (idempotent: a second panic replaces the text).
pub fn show(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if let Some(old) = document.get_element_by_id(PANIC_SCREEN_ID) {
        old.remove();
    }
    let build = || -> Result<(), JsValue> {
        let screen = document.create_element("div")?;
        screen.set_id(PANIC_SCREEN_ID);
        screen.set_class_name("panic-screen");
        screen.set_attribute("role", "alert")?;
        let h1 = document.create_element("h1")?;
        h1.set_text_content(Some("Something went wrong — reload"));
        let text = document.create_element("pre")?;
        text.set_class_name("panic-message");
        text.set_text_content(Some(message));
        let p = document.create_element("p")?;
        let reload = document.create_element("a")?;
        // The current URL without its fragment: following it loads the page afresh.
        let here = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let here = here.split('#').next().unwrap_or_default();
        reload.set_attribute("href", here)?;
        reload.set_class_name("button");
        reload.set_text_content(Some("Reload"));
        p.append_child(&reload)?;
        screen.append_child(&h1)?;
        screen.append_child(&text)?;
        screen.append_child(&p)?;
        body.append_child(&screen)?;
        Ok(())
    };
    if build().is_err() {
        body.set_text_content(Some(&format!("Something went wrong — reload. {message}")));
    }
}

/// Debug builds only (compiled out of release builds): `?debug-panic` in the URL makes
/// the app panic from a timer callback, as a real bug in an event handler would, so that
/// the panic screen can be tested end to end. In a release build the parameter is just
/// an unknown one, ignored with a notice.
#[cfg(debug_assertions)]
pub fn debug_trigger() {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let asked = search
        .trim_start_matches('?')
        .split('&')
        .any(|p| p == "debug-panic" || p.starts_with("debug-panic="));
    if !asked {
        return;
    }
    let boom = wasm_bindgen::closure::Closure::once_into_js(|| -> () {
        panic!(
            "debug-panic: a deliberate panic from the URL <i>not markup</i> (debug builds only)"
        );
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 0);
}
