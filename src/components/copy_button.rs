//! A button that copies a text (a link, a citation) and says so; when the browser
//! refuses, the text appears selected in a field so it can be copied by hand.

use crate::hooks::{use_clipboard, Copied};
use leptos::prelude::*;

#[component]
pub fn CopyButton(
    /// The button's text.
    label: &'static str,
    /// The text to copy, read when the button is pressed.
    text: impl Fn() -> String + Send + Sync + 'static,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let (copied, copy) = use_clipboard();
    let status = move || match copied.get() {
        Copied::Done => "Copied.",
        Copied::Refused(_) => "Could not copy: select the text below and copy it.",
        Copied::Nothing => "",
    };
    let fallback = move || match copied.get() {
        Copied::Refused(text) => Some(view! {
            // A text area, not an input: a citation in BibTeX or RIS has many lines.
            <textarea class="copy-fallback" readonly=true aria-label=label
                rows=text.lines().count().clamp(1, 12) prop:value=text
                on:focus=|ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(area) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                        area.select();
                    }
                }></textarea>
        }),
        _ => None,
    };
    view! {
        <span class=move || format!("copy {}", class.unwrap_or(""))>
            <button type="button" on:click=move |_| copy(text())>{label}</button>
            <span class="copy-status" role="status">{status}</span>
            {fallback}
        </span>
    }
}
