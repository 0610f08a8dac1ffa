//! The header on every view: the name (home: the library), navigation between the
//! views (each link keeps the current search and filters), the search box, a "copy
//! link" button for the view shown, and the theme choice.

use super::{AppLink, CopyButton, SearchBox, StateLink};
use crate::hooks::{use_theme, use_url_state, Theme};
use leptos::prelude::*;
use tifa_view::shell::{is_current, VIEWS};
use tifa_view::url_state::{with_version, UrlState, ViewKind};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let url = use_url_state();
    let view_kind = Memo::new(move |_| url.parsed.with(|p| p.state.view()));
    // Each link keeps the current search; its href follows the state in place.
    let link = move |kind: ViewKind, text: &'static str| {
        let to = move |s: &UrlState| s.nav_to(kind);
        let current = move || is_current(kind, view_kind.get()).then_some("page");
        view! { <li aria-current=current><StateLink from=url.state to=to>{text}</StateLink></li> }
    };
    let (theme, set_theme) = use_theme();
    let on_theme = move |ev: web_sys::Event| {
        let key = event_target_value(&ev);
        if let Some(t) = Theme::ALL.into_iter().find(|t| t.key() == key) {
            set_theme(t);
        }
    };
    view! {
        <header class="site-header">
            <AppLink to=UrlState::default() class="brand">"Tifa"</AppLink>
            <nav class="site-nav" aria-label="Views">
                <ul>{VIEWS.into_iter().map(|(kind, text)| link(kind, text)).collect_view()}</ul>
            </nav>
            <SearchBox/>
            <div class="header-tools">
                <CopyButton label="Copy link" text=move || {
                    url.flush();
                    with_version(&window().location().href().unwrap_or_default(), crate::corpus::version())
                }/>
                <label class="theme">
                    "Theme "
                    <select on:change=on_theme>
                        {Theme::ALL
                            .into_iter()
                            .map(|t| view! { <option value=t.key() selected=move || theme.get() == t>{t.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
        </header>
    }
}
