//! The search page's keywords: the words the filtered statements use more than the rest
//! of the corpus (`tifa_view::keywords::panel` decides them and their words), computed
//! when the panel is opened and again when the filters change while it is open.

use super::AppLink;
use crate::hooks::use_bundle;
use leptos::prelude::*;
use tifa_view::keywords::panel;
use tifa_view::url_state::UrlState;

#[component]
pub fn KeywordsPanel(#[prop(into)] state: Signal<UrlState>) -> impl IntoView {
    let bundle = use_bundle();
    let (open, set_open) = signal(false);
    let on_toggle = move |ev: web_sys::Event| {
        let details: web_sys::HtmlDetailsElement = event_target(&ev);
        set_open.set(details.open());
    };
    let body = move || {
        open.get().then(|| {
            let p = state.with(|s| panel(bundle, s));
            let rows = p
                .rows
                .into_iter()
                .map(|r| {
                    view! {
                        <tr>
                            <th scope="row"><AppLink to=r.kwic>{r.term}</AppLink></th>
                            <td>{r.target}<span class="per-million">{format!("{} per million", r.target_per_million)}</span></td>
                            <td>{r.reference}<span class="per-million">{format!("{} per million", r.reference_per_million)}</span></td>
                            <td>{r.g2}</td>
                            <td>{r.log_ratio}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>();
            let table = (!rows.is_empty()).then(|| {
                view! {
                    <div class="table-scroll" role="region" aria-label="Keywords" tabindex="0">
                        <table class="keywords-table">
                            <caption>"Each word opens its lines in these statements (the concordance)."</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Word"</th>
                                    <th scope="col">"Here"</th>
                                    <th scope="col">"In the rest"</th>
                                    <th scope="col"><abbr title="log-likelihood">"G²"</abbr></th>
                                    <th scope="col">"Log Ratio"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            });
            view! {
                <p class="keywords-status" role="status">{p.status}</p>
                {table}
            }
        })
    };
    view! {
        <details class="timeline-table keywords" on:toggle=on_toggle>
            <summary>"Keywords of these statements"</summary>
            {body}
        </details>
    }
}
