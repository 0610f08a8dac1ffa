//! Where a document comes from: outlet, dateline, dates, source file and checksum, each
//! with how it is known (stated in the text, inferred and why, unknown).

use crate::hooks::use_bundle;
use leptos::prelude::*;
use tifa_model::{Basis, DateClaim, Document};

/// The date label, then the reason for any inference and the text that anchors it.
pub fn date_details(date: &'static DateClaim<'static>) -> impl IntoView {
    view! {
        <span class="date-label">{date.label()}</span>
        {date.reason.as_ref().map(|r| view! { <span class="basis">"Inferred: " {r.as_ref()}</span> })}
        {date.evidence.as_ref().map(|e| view! { <span class="basis">"Text: “" {e.as_ref()} "”"</span> })}
    }
}

fn basis(b: &'static Basis<'static>) -> String {
    match b {
        Basis::Stated { evidence } => format!("Text: “{evidence}”"),
        Basis::Inferred { reason } => format!("Inferred: {reason}"),
        Basis::Unknown => "Not stated in the text.".to_string(),
        Basis::Imported { source } => format!("As given by the imported dataset ({source})."),
    }
}

/// The provenance panel of a document.
#[component]
pub fn Provenance(doc: &'static Document<'static>) -> impl IntoView {
    let corpus = &use_bundle().corpus;
    let removed = doc.removed.len();
    view! {
        <section class="provenance" aria-labelledby="provenance-title">
            <h2 id="provenance-title">"Provenance"</h2>
            <dl>
                <dt>"Published"</dt>
                <dd>{date_details(&doc.published)}</dd>
                <dt>"Outlet"</dt>
                <dd>
                    <span>{corpus.outlet_name(doc).unwrap_or("unknown").to_string()}</span>
                    <span class="basis">{basis(&doc.outlet.basis)}</span>
                </dd>
                <dt>"Dateline"</dt>
                <dd>{doc.dateline.as_deref().unwrap_or("none in the text").to_string()}</dd>
                <dt>"Language"</dt>
                <dd>{doc.language.as_ref()}</dd>
                <dt>"Source file"</dt>
                <dd><code>{doc.source_file.as_ref()}</code></dd>
                {doc.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")).map(|u| view! {
                    <dt>"Found at"</dt>
                    <dd><a class="source-url" href=u rel="noopener noreferrer">{u}</a></dd>
                })}
                <dt>"SHA-256"</dt>
                <dd><code class="checksum">{doc.sha256()}</code></dd>
                <dt>"Cleaning"</dt>
                <dd>
                    {match removed {
                        0 => "nothing removed".to_string(),
                        1 => "1 part removed (shown greyed below)".to_string(),
                        n => format!("{n} parts removed (shown greyed below)"),
                    }}
                </dd>
            </dl>
        </section>
    }
}
