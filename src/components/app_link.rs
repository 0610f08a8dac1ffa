//! A link to another view: a real `href` (open in a new tab, copy link), and a plain
//! click navigates in place through the URL state.

use crate::hooks::{is_plain_click, UseUrlState};
use leptos::prelude::*;
use tifa_core::url_state::UrlState;

#[component]
pub fn AppLink(
    url: UseUrlState,
    to: UrlState,
    children: Children,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let href = url.href(&to);
    let go = move |ev: web_sys::MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            url.navigate(to.clone());
        }
    };
    view! { <a href=href class=class on:click=go>{children()}</a> }
}
