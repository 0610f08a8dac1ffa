//! One statement: who said it, where and when (and how each is known), its passages
//! styled by kind, its document's provenance, and the whole source with its passages
//! marked. The words around it (citation, place in a search, comparisons offered) come
//! from `tifa_view::reader`.

use super::reuse::{searched_and_shared, shared_marks, AlsoAppearsIn, MinedStatus};
use super::{date_details, in_parts, AppLink, CiteButtons, DrawItem, Provenance, SourceText};
use crate::hooks::{
    use_bundle, use_discoveries, use_focus_on_mount, use_frames, use_passage_target, use_url_state,
    Mined,
};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_model::{Corpus, EntityKind, Span, Statement};
use tifa_view::reader::{
    compare_suggestions, defer_source, kind_label, passage_parts, searched_spans, steps,
    tracking_selection,
};
use tifa_view::reuse::{of_statement, Shared};
use tifa_view::url_state::UrlState;

#[component]
pub fn StatementReader(
    /// The statement's index in the corpus.
    at: u32,
) -> impl IntoView {
    let bundle = use_bundle();
    let url = use_url_state();
    let corpus = &bundle.corpus;
    let s = &corpus.statements[at as usize];
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let doc = corpus.document_of(s);
    let speaker = corpus.speaker_of(s).name.as_ref();
    let venue = corpus.venue_of(s).map(|v| v.name.as_ref());
    let state = url.parsed.with_untracked(|p| p.state.clone());
    let to_doc = UrlState {
        doc: Some(doc.id.to_string()),
        ..Default::default()
    };
    let highlight: Vec<Span> = s.passages.iter().map(|p| p.span).collect();
    let compare_with = compare_links(compare_suggestions(bundle, at), &state);
    let steps = steps(bundle, &state, at).map(|st| {
        let status = format!(" · Result {} of {} for {} · ", st.at + 1, st.total, st.what);
        let between = st.prev.is_some() && st.next.is_some();
        view! {
            <nav class="result-steps" aria-label="Search results">
                <AppLink to=st.back>"Back to the results"</AppLink>
                <span class="step-status">{status}</span>
                {st.prev.map(|to| view! { <AppLink to=to class="step-prev">"← Previous"</AppLink> })}
                {between.then_some(" · ")}
                {st.next.map(|to| view! { <AppLink to=to class="step-next">"Next →"</AppLink> })}
            </nav>
        }
    });
    let target = use_passage_target();
    let start_compare = state.comparing(vec![s.id.to_string()], Default::default());
    // Each passage's reuse, by passage: none until the discoveries are here, then
    // marked in place.
    let mined = use_discoveries();
    let passages = s.passages.len();
    let shared_by = StoredValue::new(None::<Vec<Option<Vec<Shared>>>>);
    let kinds = state.filters.passage_kinds();
    // The words of the search that led here, marked in its passages.
    let searched = std::sync::Arc::new(searched_spans(corpus, &state, s));
    // What passage `k` shares (read in a reactive closure: redrawn when they arrive).
    let shared_of = move |k: usize| -> Option<Vec<Shared>> {
        if !mined.with(|m| *m == Mined::Ready) {
            return None;
        }
        if shared_by.with_value(Option::is_none) {
            let mut by: Vec<Option<Vec<Shared>>> = vec![None; passages];
            for (p, list) in of_statement(bundle, at, kinds)? {
                if let Some(slot) = by.get_mut(p as usize) {
                    *slot = Some(list);
                }
            }
            shared_by.set_value(Some(by));
        }
        shared_by.with_value(|by| by.as_ref()?.get(k)?.clone())
    };
    // A long statement is drawn in parts, a frame apart, its source text last.
    let aimed = target
        .get_untracked()
        .and_then(|id| id.strip_prefix('p')?.parse::<usize>().ok())
        .map(|n| n.saturating_sub(1));
    let parts = passage_parts(doc, s.passages.len(), aimed);
    let later = parts.len() - 1 + usize::from(defer_source(doc));
    let frames = use_frames(later);
    let source_when = Signal::derive(move || frames.get() >= later);
    let draw: DrawItem = std::sync::Arc::new(move |k| {
        let p = &s.passages[k];
        let id = format!("p{}", k + 1);
        let href = format!("#{id}");
        let is_target = {
            let id = id.clone();
            move || target.get().as_deref() == Some(id.as_str())
        };
        let span = p.span;
        let searched = searched.clone();
        let text = move || {
            let marks = shared_of(k)
                .as_deref()
                .map(shared_marks)
                .unwrap_or_default();
            searched_and_shared(doc, span, &marks, &searched).into_any()
        };
        let also =
            move || shared_of(k).map(|list| view! { <AlsoAppearsIn list=list passage=k + 1/> });
        view! {
            <div id=id class=format!("passage passage-{}", p.kind.as_str()) class:is-target=is_target data-kind=p.kind.as_str()>
                <span class="passage-kind">{kind_label(p.kind)}</span>
                <a class="anchor" href=href>
                    <span aria-hidden="true">"¶"</span>
                    <span class="visually-hidden">{format!("Link to passage {}", k + 1)}</span>
                </a>
                <p>{text}</p>
                {also}
            </div>
        }
        .into_any()
    });
    view! {
        <article class="reader statement" data-statement-id=s.id.as_ref()>
            <nav class="crumbs" aria-label="Breadcrumb">
                <AppLink to=UrlState::default()>"← All documents"</AppLink>
                " / "
                <AppLink to=to_doc>{doc.title.as_ref()}</AppLink>
            </nav>
            {steps}
            <h1 node_ref=heading tabindex="-1">
                {speaker}
                <span class="h1-sub">{venue.map(|v| format!(" at the {v}")).unwrap_or_default()}</span>
            </h1>
            {facts(corpus, s)}
            <div class="reader-tools">
                <CiteButtons lead="Cite this statement as:".to_string() statements=move || vec![at]/>
                <AppLink to=start_compare class="start-compare">"Start a comparison with this statement"</AppLink>
                <TrackSelection/>
            </div>
            {compare_with}
            <section class="passages" aria-labelledby="passages-title">
                <h2 id="passages-title">"What was said"</h2>
                <MinedStatus what="Passages shared with other statements" quiet_while_loading=true/>
                {in_parts(parts, frames, draw)}
            </section>
            <Provenance doc=doc/>
            <SourceText doc=doc highlight=highlight highlight_note="Marked passages are this statement's." when=source_when/>
        </article>
    }
}

/// Who said it, where, when, on what, and how each is known; each name a search for
/// every statement by that speaker, at that occasion, on that topic.
fn facts(corpus: &'static Corpus<'static>, s: &'static Statement<'static>) -> impl IntoView {
    let by = |kind: EntityKind, id: &str| tifa_view::search_page::every_by(kind, id);
    let speaker = corpus.speaker_of(s).name.as_ref();
    view! {
        <dl class="facts">
            <dt>"Speaker"</dt>
            <dd>
                <AppLink to=by(EntityKind::Speaker, &corpus.speaker_of(s).id)>{speaker}</AppLink>
                <span class="basis">
                    {match &s.role {
                        Some(role) => format!("Role as the text gives it: “{role}”"),
                        None => "The text does not state a role.".to_string(),
                    }}
                </span>
            </dd>
            <dt>"Occasion"</dt>
            <dd>
                {match corpus.venue_of(s) {
                    Some(v) => view! { <AppLink to=by(EntityKind::Venue, &v.id)>{v.name.to_string()}</AppLink> }.into_any(),
                    None => "unknown".into_any(),
                }}
                {s.venue_evidence.as_ref().map(|e| view! { <span class="basis">"Text: “" {e.as_ref()} "”"</span> })}
            </dd>
            <dt>"Date spoken"</dt>
            <dd>{date_details(&s.date)}</dd>
            <dt>"Topics"</dt>
            <dd>
                <ul class="topics">
                    {corpus
                        .topics_of(s)
                        .map(|topic| {
                            view! { <li class="topic"><AppLink to=by(EntityKind::Topic, &topic.id)>{topic.name.to_string()}</AppLink></li> }
                        })
                        .collect_view()}
                </ul>
            </dd>
            <dt>"Statement id"</dt>
            <dd><code>{s.id.as_ref()}</code></dd>
        </dl>
    }
}

/// "Compare with…" links (see `tifa_view::reader::compare_suggestions`).
fn compare_links(links: Vec<(Vec<String>, String)>, state: &UrlState) -> Option<impl IntoView> {
    (!links.is_empty()).then(|| {
        let items = links
            .into_iter()
            .map(|(ids, text)| {
                let to = state.comparing(ids, Default::default());
                view! { <li><AppLink to=to>{text}</AppLink></li> }
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

/// "Track the selected words": the words selected in the page, as an exact phrase, in
/// the tracker (with this page's filters); without a selection, a hint says how.
#[component]
fn TrackSelection() -> impl IntoView {
    let url = use_url_state();
    let (hint, set_hint) = signal(None::<&'static str>);
    let on_click = move |_| {
        let selected = window()
            .get_selection()
            .ok()
            .flatten()
            .and_then(|s| s.to_string().as_string())
            .unwrap_or_default();
        match tracking_selection(&url.state.get_untracked(), &selected) {
            Ok(to) => url.navigate(to),
            Err(hint) => set_hint.set(Some(hint)),
        }
    };
    view! {
        <button type="button" class="track-selection" on:click=on_click>"Track the selected words"</button>
        <span class="hint" role="status">{move || hint.get()}</span>
    }
}
