//! One statement: who said it, where and when (and how each is known), its passages
//! styled by kind, its document's provenance, and the whole source with its passages marked.

use super::{date_details, AppLink, Provenance, SourceText};
use crate::hooks::{use_focus_on_mount, UseUrlState};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_core::model::{Corpus, PassageKind, Span, Statement};
use tifa_core::url_state::UrlState;

fn kind_label(kind: PassageKind) -> &'static str {
    match kind {
        PassageKind::Quote => "Quote",
        PassageKind::Reported => "Reported speech",
        PassageKind::Narration => "Narration",
        PassageKind::Question => "Question",
    }
}

#[component]
pub fn StatementReader(
    corpus: &'static Corpus<'static>,
    s: &'static Statement<'static>,
    url: UseUrlState,
) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let doc = corpus.document_of(s);
    let speaker = corpus.speakers[s.speaker as usize].name.as_ref();
    let venue = s.venue.map(|v| corpus.venues[v as usize].name.as_ref());
    let to_doc = UrlState {
        doc: Some(doc.id.to_string()),
        ..Default::default()
    };
    let highlight: Vec<Span> = s.passages.iter().map(|p| p.span).collect();
    view! {
        <article class="reader statement" data-statement-id=s.id.as_ref()>
            <nav class="crumbs" aria-label="Breadcrumb">
                <AppLink url=url to=UrlState::default()>"← All documents"</AppLink>
                " / "
                <AppLink url=url to=to_doc>{doc.title.as_ref()}</AppLink>
            </nav>
            <h1 node_ref=heading tabindex="-1">
                {speaker}
                <span class="h1-sub">{venue.map(|v| format!(" at the {v}")).unwrap_or_default()}</span>
            </h1>
            <dl class="facts">
                <dt>"Speaker"</dt>
                <dd>
                    {speaker}
                    <span class="basis">
                        {match &s.role {
                            Some(role) => format!("Role as the text gives it: “{role}”"),
                            None => "The text does not state a role.".to_string(),
                        }}
                    </span>
                </dd>
                <dt>"Occasion"</dt>
                <dd>
                    {venue.unwrap_or("unknown").to_string()}
                    {s.venue_evidence.as_ref().map(|e| view! { <span class="basis">"Text: “" {e.as_ref()} "”"</span> })}
                </dd>
                <dt>"Date spoken"</dt>
                <dd>{date_details(&s.date)}</dd>
                <dt>"Topics"</dt>
                <dd>
                    <ul class="topics">
                        {s.topics
                            .iter()
                            .map(|&t| view! { <li class="topic">{corpus.topics[t as usize].name.as_ref()}</li> })
                            .collect_view()}
                    </ul>
                </dd>
                <dt>"Statement id"</dt>
                <dd><code>{s.id.as_ref()}</code></dd>
            </dl>
            <section class="passages" aria-labelledby="passages-title">
                <h2 id="passages-title">"What was said"</h2>
                {s.passages
                    .iter()
                    .map(|p| {
                        view! {
                            <div class=format!("passage passage-{}", p.kind.as_str()) data-kind=p.kind.as_str()>
                                <span class="passage-kind">{kind_label(p.kind)}</span>
                                <p>{doc.text(p.span)}</p>
                            </div>
                        }
                    })
                    .collect_view()}
            </section>
            <Provenance corpus=corpus doc=doc/>
            <SourceText doc=doc highlight=highlight highlight_note="Marked passages are this statement's."/>
        </article>
    }
}
