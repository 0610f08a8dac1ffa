//! Links to other views: a real `href` (open in a new tab, copy link); a plain click
//! is followed in place by the one listener of [`crate::hooks::use_url_state`].
//!
//! [`AppLink`] leads to a fixed state; [`StateLink`] to a state derived from the
//! current one (a facet that adds a filter to whatever is searched), its href updated
//! in place when the URL changes, so a list of them is not redrawn per keystroke.

use crate::hooks::{use_url_state, UseUrlState};
use leptos::prelude::*;
use tifa_view::url_state::UrlState;

#[component]
pub fn AppLink(
    to: UrlState,
    children: Children,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    view! { <a href=use_url_state().href(&to) class=class>{children()}</a> }
}

/// A link to `to(from)`, following `from` as it changes.
#[component]
pub fn StateLink(
    #[prop(into)] from: Signal<UrlState>,
    to: impl Fn(&UrlState) -> UrlState + Send + Sync + 'static,
    children: Children,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    state_link(use_url_state(), from, Box::new(to), children, class)
}

/// [`StateLink`]'s one body for every kind of `to` (a generic body would be compiled
/// once per caller: kilobytes of Wasm).
fn state_link(
    url: UseUrlState,
    from: Signal<UrlState>,
    to: Box<dyn Fn(&UrlState) -> UrlState + Send + Sync>,
    children: Children,
    class: Option<&'static str>,
) -> impl IntoView {
    let href = move || from.with(|s| url.href(&to(s)));
    view! { <a href=href class=class>{children()}</a> }
}
