//! "Cite as: text · BibTeX · RIS · CSL-JSON": each copies the citations of some
//! statements (`tifa_view::cite` writes them) with their stable links, this site's
//! address and today's date.

use super::CopyButton;
use crate::hooks::use_bundle;
use leptos::prelude::*;
use tifa_view::cite::{cite, Format, Site};

/// Today as `YYYY-MM-DD`, in the reader's time zone.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// This page's address without its query: where the citations' links point.
fn site_base() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}

/// The buttons; `statements` is read when one is pressed (indices into the corpus).
#[component]
pub fn CiteButtons(
    /// What goes before the buttons ("Cite as:").
    #[prop(into)]
    lead: Signal<String>,
    statements: impl Fn() -> Vec<u32> + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let bundle = use_bundle();
    let buttons = Format::ALL
        .into_iter()
        .map(|format| {
            let statements = statements.clone();
            let label = format.label();
            view! {
                <li>
                    <CopyButton label=label text=move || {
                        let (base, accessed) = (site_base(), today());
                        let site = Site { base: &base, version: crate::corpus::version(), accessed: &accessed };
                        cite(&bundle.corpus, &statements(), &site, format)
                    }/>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="cite-buttons" role="group" aria-label=move || lead.get()>
            <span aria-hidden="true">{move || lead.get()}</span>
            <ul>{buttons}</ul>
        </div>
    }
}
