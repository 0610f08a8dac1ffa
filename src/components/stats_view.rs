//! The statistics views (`?view=keywords`, `collocates`, `clusters`, `dispersion`): one
//! component draws the page `tifa_view::stats_page` decides — tabs, the passage kinds,
//! a reference pasted as a link, the CSV of the whole list, and the page's markup
//! (`tifa_view::stats_page::markup`: status, choices, tables with their pages and each
//! row's figures as `data-` attributes, the date strip), drawn by the template drawer.

use super::template::draw;
use super::{AppLink, DownloadLink, FilterChips, KindFilter};
use crate::hooks::{use_bundle, use_focus_on_mount, use_url_state};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_view::csv::file_name;
use tifa_view::stats_page::{markup, page, tabs, with_reference, StatsPage};
use tifa_view::url_state::{UrlState, ViewKind};

#[component]
pub fn StatsView() -> impl IntoView {
    let bundle = use_bundle();
    let state = use_url_state().state;
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let computed = Memo::new(move |_| state.with(|s| page(bundle, s)));
    let title = move || match state.with(|s| s.view()) {
        ViewKind::Keywords => "Keywords",
        ViewKind::Collocates => "Collocates",
        ViewKind::Clusters => "Clusters",
        _ => "Dispersion",
    };
    let tab_links = move || {
        tabs(&state.get())
            .into_iter()
            .map(|c| {
                view! { <li aria-current=c.current.then_some("page")><AppLink to=c.to>{c.label}</AppLink></li> }
            })
            .collect_view()
    };
    let body = move || {
        let here = state.get();
        view! { <Body p=computed.get() state=here/> }
    };
    view! {
        <section class="stats-view" aria-labelledby="stats-title">
            <h1 id="stats-title" node_ref=heading tabindex="-1">{title}</h1>
            <nav aria-label="Statistics" class="stats-tabs"><ul class="lanes-nav">{tab_links}</ul></nav>
            <FilterChips state=state/>
            <KindFilter/>
            {body}
        </section>
    }
}

#[component]
fn Body(p: StatsPage, state: UrlState) -> impl IntoView {
    let view = state.view();
    let what = match view {
        ViewKind::Keywords => "keywords",
        ViewKind::Collocates => "collocates",
        ViewKind::Clusters => "clusters",
        _ => "dispersion",
    };
    let file = file_name(what, state.q.as_deref().unwrap_or(""));
    let offer_reference = matches!(view, ViewKind::Keywords | ViewKind::Collocates);
    let rows: usize = p.tables.iter().map(|t| t.total).sum();
    let (head, body) = markup(&p, &state);
    view! {
        {draw(head)}
        {offer_reference.then(|| view! { <ReferenceForm state=state.clone()/> })}
        {(rows > 0).then(|| view! {
            <p class="result-tools">
                <DownloadLink file=file make=tifa_view::csv::statistics>
                    {format!("Download all {rows} {} as CSV", if rows == 1 { "row" } else { "rows" })}
                </DownloadLink>
            </p>
        })}
        {draw(body)}
    }
}

/// "Compare with another view": a pasted link's search and filters become the
/// reference; an error is said beside the field.
#[component]
fn ReferenceForm(state: UrlState) -> impl IntoView {
    let url = use_url_state();
    let (error, set_error) = signal(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let label = if state.view() == ViewKind::Keywords {
        "Or compare with the statements of another view: paste its link"
    } else {
        "Or put beside it the statements of another view: paste its link"
    };
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(field) = input.get() else { return };
        match with_reference(&state, &field.value()) {
            Ok(next) => {
                set_error.set(None);
                url.navigate(next);
            }
            Err(why) => set_error.set(Some(why)),
        }
    };
    view! {
        <form class="reference-form" on:submit=on_submit>
            <label for="reference-link">{label}</label>
            <input id="reference-link" type="text" node_ref=input autocomplete="off" spellcheck="false"
                aria-describedby="reference-error" placeholder="?speaker=…&from=…"/>
            <button type="submit">"Compare"</button>
            <p id="reference-error" class="notice" role="alert">{move || error.get()}</p>
        </form>
    }
}
