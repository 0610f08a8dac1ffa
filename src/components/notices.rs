//! Notices about parts of the URL that were ignored.

use leptos::prelude::*;

/// A polite status list; renders nothing when there is nothing to say.
#[component]
pub fn Notices(#[prop(into)] notices: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <Show when=move || notices.with(|n| !n.is_empty())>
            <div class="notices" role="status">
                <p class="notices-title">"Some of this link could not be used:"</p>
                <ul>
                    {move || notices.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
