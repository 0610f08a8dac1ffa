//! The screen shown when the app cannot start (e.g. a corrupt embedded corpus).

use leptos::prelude::*;

/// A full-page error with the message and a way to reload.
#[component]
pub fn FatalError(message: String) -> impl IntoView {
    view! {
        <main id="main" class="fatal" role="alert">
            <h1>"Something went wrong — reload"</h1>
            <p class="fatal-message">{message}</p>
            <p><a href="">"Reload the page"</a></p>
        </main>
    }
}
