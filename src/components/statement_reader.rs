//! One statement: who said it, where and when (and how each is known), its passages
//! styled by kind, its document's provenance, and the whole source with its passages marked.

use super::{date_details, engine_sort, AppLink, CopyButton, Provenance, SourceText};
use crate::hooks::{use_focus_on_mount, UseUrlState};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_core::model::{Corpus, PassageKind, Span, Statement};
use tifa_core::search::engine::ranked;
use tifa_core::search::index::Index;
use tifa_core::search::scope::scope;
use tifa_core::url_state::{UrlState, ViewKind, MAX_COMPARE};

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
    /// The corpus's search index (previous/next through the search that led here).
    index: Option<&'static Index<'static>>,
    s: &'static Statement<'static>,
    url: UseUrlState,
) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let doc = corpus.document_of(s);
    let speaker = corpus.speakers[s.speaker as usize].name.as_ref();
    let venue = s.venue.map(|v| corpus.venues[v as usize].name.as_ref());
    let state = url.parsed.with_untracked(|p| p.state.clone());
    let to_doc = UrlState {
        doc: Some(doc.id.to_string()),
        ..Default::default()
    };
    let highlight: Vec<Span> = s.passages.iter().map(|p| p.span).collect();
    let compare_with = compare_links(corpus, s, &state, url);
    let steps = result_steps(corpus, index, s, &state, url);
    let target = use_passage_target();
    let citation = citation(corpus, s);
    let self_link = state.reading(&s.id);
    let start_compare = state.comparing(vec![s.id.to_string()], Default::default());
    view! {
        <article class="reader statement" data-statement-id=s.id.as_ref()>
            <nav class="crumbs" aria-label="Breadcrumb">
                <AppLink url=url to=UrlState::default()>"← All documents"</AppLink>
                " / "
                <AppLink url=url to=to_doc>{doc.title.as_ref()}</AppLink>
            </nav>
            {steps}
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
            <div class="reader-tools">
                <CopyButton label="Copy citation" text=move || {
                    let link = format!("{}{}", window().location().origin().unwrap_or_default(), url.href(&self_link));
                    format!("{citation} {link}")
                }/>
                <AppLink url=url to=start_compare class="start-compare">"Start a comparison with this statement"</AppLink>
            </div>
            {compare_with}
            <section class="passages" aria-labelledby="passages-title">
                <h2 id="passages-title">"What was said"</h2>
                {s.passages
                    .iter()
                    .enumerate()
                    .map(|(k, p)| {
                        let id = format!("p{}", k + 1);
                        let href = format!("#{id}");
                        let is_target = {
                            let id = id.clone();
                            move || target.get().as_deref() == Some(id.as_str())
                        };
                        view! {
                            <div id=id class=format!("passage passage-{}", p.kind.as_str()) class:is-target=is_target data-kind=p.kind.as_str()>
                                <span class="passage-kind">{kind_label(p.kind)}</span>
                                <a class="anchor" href=href>
                                    <span aria-hidden="true">"¶"</span>
                                    <span class="visually-hidden">{format!("Link to passage {}", k + 1)}</span>
                                </a>
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
    state: &UrlState,
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
                let to = state.comparing(ids, Default::default());
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

/// The passage the URL's fragment (`#p2`) points at, following hash changes. A link
/// pasted with a fragment opens before the passage exists, so the browser cannot
/// scroll to it: this scrolls once the passage is drawn, and the reader marks it.
fn use_passage_target() -> ReadSignal<Option<String>> {
    let read = || {
        let hash = window().location().hash().unwrap_or_default();
        let id = hash.strip_prefix('#').unwrap_or("");
        let ok = id.len() > 1 && id.starts_with('p') && id[1..].bytes().all(|b| b.is_ascii_digit());
        ok.then(|| id.to_string())
    };
    let (target, set_target) = signal(read());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| set_target.set(read()));
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        if let Some(id) = target.get() {
            if let Some(el) = document().get_element_by_id(&id) {
                el.scroll_into_view();
            }
        }
    });
    target
}

/// A citation of the statement: who said it, where and when, the source that reports
/// it, and its id (the link is added when copied).
fn citation(corpus: &'static Corpus<'static>, s: &'static Statement<'static>) -> String {
    let doc = corpus.document_of(s);
    let speaker = corpus.speakers[s.speaker as usize].name.as_ref();
    let role = s
        .role
        .as_ref()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let venue = s
        .venue
        .map(|v| format!(", {}", corpus.venues[v as usize].name.as_ref()))
        .unwrap_or_default();
    let outlet = corpus
        .outlet_name(doc)
        .map(|o| format!(", {o}"))
        .unwrap_or_default();
    format!(
        "{speaker}{role}, statement of {}{venue}. In “{}”{outlet}, {}. Tifa statement {}.",
        s.date.label(),
        doc.title.as_ref(),
        doc.published.label(),
        s.id.as_ref()
    )
}

/// "Result 3 of 41 — ← Previous · Next →" when the statement was opened from a search
/// (the search stays in the URL); nothing otherwise.
fn result_steps(
    corpus: &'static Corpus<'static>,
    index: Option<&'static Index<'static>>,
    s: &'static Statement<'static>,
    state: &UrlState,
    url: UseUrlState,
) -> Option<impl IntoView> {
    let index = index?;
    let (query, _) = scope(corpus, state);
    if query.is_empty() {
        return None;
    }
    let order = ranked(corpus, index, &query, engine_sort(state.sort));
    let here = corpus.statement_index(&s.id)? as u32;
    let at = order.iter().position(|&i| i == here)?;
    let link = |i: u32| state.reading(&corpus.statements[i as usize].id);
    let prev = at.checked_sub(1).map(|p| link(order[p]));
    let next = order.get(at + 1).map(|&n| link(n));
    let back = state.search_in(ViewKind::Search);
    let what = state.q.as_ref().map_or_else(
        || "the filtered statements".to_string(),
        |q| format!("“{q}”"),
    );
    Some(view! {
        <nav class="result-steps" aria-label="Search results">
            <AppLink url=url to=back>"Back to the results"</AppLink>
            <span class="step-status">{format!(" · Result {} of {} for {what} · ", at + 1, order.len())}</span>
            {prev.map(|to| view! { <AppLink url=url to=to class="step-prev">"← Previous"</AppLink> })}
            {(at > 0 && at + 1 < order.len()).then_some(" · ")}
            {next.map(|to| view! { <AppLink url=url to=to class="step-next">"Next →"</AppLink> })}
        </nav>
    })
}
