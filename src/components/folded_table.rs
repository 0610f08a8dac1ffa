//! A table of numbers folded under a summary (the timeline's and the tracker's "as a
//! table"), scrolling sideways in a focusable region of its own on a narrow screen.

use leptos::prelude::*;

/// `head` and `body` are the table's header cells and rows.
pub fn folded_table(
    summary: &'static str,
    caption: String,
    head: impl IntoView + 'static,
    body: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <details class="timeline-table">
            <summary>{summary}</summary>
            <div class="table-scroll" role="region" aria-label="Statements per period" tabindex="0">
                <table>
                    <caption>{caption}</caption>
                    <thead><tr>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </details>
    }
}
