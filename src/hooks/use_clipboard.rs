//! `use_clipboard`: copies text, and says whether it worked. The Clipboard API exists
//! only in secure contexts (https, localhost); elsewhere, or when the browser refuses,
//! the caller shows the text selected for the user to copy by hand.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What happened to the last copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Copied {
    Nothing,
    Done,
    /// The browser would not copy; the text is shown instead.
    Refused(String),
}

/// Copies `text` to the clipboard.
async fn write(text: &str) -> bool {
    let navigator = window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    let Some(clipboard) = clipboard.and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok()) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// The state of the last copy, and a function that copies a text.
pub fn use_clipboard() -> (ReadSignal<Copied>, impl Fn(String) + Copy) {
    let (copied, set_copied) = signal(Copied::Nothing);
    let copy = move |text: String| {
        leptos::task::spawn_local(async move {
            let ok = write(&text).await;
            set_copied.set(if ok {
                Copied::Done
            } else {
                Copied::Refused(text)
            });
        });
    };
    (copied, copy)
}
