//! A link that downloads a CSV file (`<a download>`): the file is made when the link is
//! clicked — from the URL state of that moment, so it holds what the view shows — and
//! handed to the browser as a `blob:` URL. (The one kind of link with a listener of its
//! own: the app's link listener leaves `download` links to the browser.)

use crate::corpus;
use crate::hooks::{use_bundle, use_url_state};
use leptos::prelude::*;
use tifa_view::corpus::Bundle;
use tifa_view::csv::Source;
use tifa_view::url_state::UrlState;
use wasm_bindgen::{JsCast, JsValue};

/// What a download holds: made from the bundle, the state, and where it comes from.
pub type Maker = fn(&Bundle, &UrlState, &Source) -> String;

#[component]
pub fn DownloadLink(
    /// The file's name.
    #[prop(into)]
    file: Signal<String>,
    make: Maker,
    children: Children,
) -> impl IntoView {
    let bundle = use_bundle();
    let url = use_url_state();
    let on_click = move |ev: web_sys::MouseEvent| {
        let Some(link) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let location = window().location();
        let base = format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        );
        let source = Source {
            version: corpus::version(),
            base: &base,
        };
        // A byte-order mark, so spreadsheets read the file as UTF-8.
        let text = format!(
            "\u{feff}{}",
            make(bundle, &url.state.get_untracked(), &source)
        );
        match blob_url(&text) {
            Some(href) => {
                if let Some(old) = link
                    .get_attribute("href")
                    .filter(|h| h.starts_with("blob:"))
                {
                    let _ = web_sys::Url::revoke_object_url(&old);
                }
                let _ = link.set_attribute("href", &href);
            }
            // Never let the browser save the page itself under the file's name.
            None => {
                ev.prevent_default();
                let _ = window().alert_with_message(
                    "The file could not be made in this browser (it refused to create a download).",
                );
            }
        }
    };
    view! {
        <a class="download" download=file href="#" on:click=on_click>{children()}</a>
    }
}

/// A `blob:` URL holding `text` as CSV.
fn blob_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
