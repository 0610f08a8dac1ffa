//! The passage-kind switches every analysis view shows (`tifa_view::kinds` decides
//! what each leads to and says what is counted).

use super::AppLink;
use crate::hooks::use_url_state;
use leptos::prelude::*;

/// "Count: quotes · reported speech · narration (the outlet's) · questions (the
/// journalist's)", each a link that switches it, and the sentence saying what counts.
#[component]
pub fn KindFilter() -> impl IntoView {
    let state = use_url_state().state;
    move || {
        let here = state.get();
        let items = tifa_view::kinds::options(&here)
            .into_iter()
            .map(|o| {
                let pressed = if o.on { "true" } else { "false" };
                view! {
                    <li data-kind=o.kind.as_str() data-on=pressed>
                        <AppLink to=o.to>
                            <span class="kind-switch" aria-hidden="true">{if o.on { "☑ " } else { "☐ " }}</span>
                            {o.label}
                        </AppLink>
                    </li>
                }
            })
            .collect_view();
        let summary = tifa_view::kinds::summary(here.filters.passage_kinds());
        view! {
            <div class="kind-filter">
                <nav aria-label="Passages counted"><span>"Count: "</span><ul class="lanes-nav">{items}</ul></nav>
                <p class="kind-summary">{summary}</p>
            </div>
        }
    }
}
