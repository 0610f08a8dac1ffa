//! One statement: who said it, where and when (and how each is known), its passages
//! styled by kind, its document's provenance, and the whole source with its passages marked.

use super::{date_details, AppLink, Provenance, SourceText};
use crate::hooks::{use_focus_on_mount, UseUrlState};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_core::model::{Corpus, PassageKind, Span, Statement};
use tifa_core::url_state::{UrlState, MAX_COMPARE};

/// How a passage kind is named in the UI.
pub fn kind_label(kind: PassageKind) -> &'static str {
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
    let compare_with = compare_links(corpus, s, url);
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
            {compare_with}
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

/// "Compare with…" links: the other statements of the same source, and the statements
/// by the same speaker nearest in time (the corpus is in date order).
fn compare_links(
    corpus: &'static Corpus<'static>,
    s: &'static Statement<'static>,
    url: UseUrlState,
) -> Option<impl IntoView> {
    let others = |ids: Vec<&'static Statement<'static>>| -> Vec<String> {
        std::iter::once(s.id.to_string())
            .chain(ids.into_iter().map(|o| o.id.to_string()))
            .collect()
    };
    let same_doc: Vec<_> = corpus
        .statements_in(s.document)
        .filter(|o| o.id != s.id)
        .take(MAX_COMPARE - 1)
        .collect();
    let at = corpus.statements.iter().position(|o| std::ptr::eq(o, s))?;
    let mut same_speaker: Vec<(usize, &'static Statement<'static>)> = corpus
        .statements
        .iter()
        .enumerate()
        .filter(|(i, o)| *i != at && o.speaker == s.speaker)
        .map(|(i, o)| (i.abs_diff(at), o))
        .collect();
    same_speaker.sort_by_key(|(d, _)| *d);
    let same_speaker: Vec<_> = same_speaker
        .into_iter()
        .take(MAX_COMPARE - 1)
        .map(|(_, o)| o)
        .collect();
    let speaker = corpus.speakers[s.speaker as usize].name.as_ref();
    let mut links = Vec::new();
    if !same_doc.is_empty() {
        let text = format!("the other statements of this source ({})", same_doc.len());
        links.push((others(same_doc), text));
    }
    let same_speaker_elsewhere = same_speaker.iter().any(|o| o.document != s.document);
    if same_speaker_elsewhere {
        let text = format!(
            "the statements by {speaker} nearest in time ({})",
            same_speaker.len()
        );
        links.push((others(same_speaker), text));
    }
    (!links.is_empty()).then(|| {
        let items = links
            .into_iter()
            .map(|(ids, text)| {
                let to = UrlState {
                    compare: ids,
                    ..Default::default()
                };
                view! { <li><AppLink url=url to=to>{text}</AppLink></li> }
            })
            .collect_view();
        view! {
            <nav class="compare-with" aria-label="Compare with">
                <p class="compare-with-title">"Compare with…"</p>
                <ul>{items}</ul>
            </nav>
        }
    })
}
