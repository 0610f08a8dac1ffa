//! Reused passages in the reader (what `tifa_view::reuse` finds): a passage's text with
//! the words it shares marked, and below it the other statements that have them,
//! earliest first, each with its shared words marked in an excerpt and a link to the
//! aligned comparison; for a source document, the documents it shares passages with.

use super::AppLink;
use crate::hooks::{use_bundle, use_discoveries, use_retry_discoveries, use_url_state, Mined};
use leptos::either::Either;
use leptos::prelude::*;
use tifa_model::{Document, Span};
use tifa_view::reader::{kind_label, statement_meta};
use tifa_view::reuse::{excerpt, merged, of_document, Shared};
use tifa_view::url_state::UrlState;

/// `span` of `doc` as text, the `marks` in `<mark class="shared">`.
pub fn marked_text(doc: &'static Document<'static>, span: Span, marks: &[Span]) -> impl IntoView {
    searched_and_shared(doc, span, marks, &[])
}

/// A passage's text with the words shared with other statements marked (`shared`) and
/// the words a search found (`searched`): a word may be both.
pub fn searched_and_shared(
    doc: &'static Document<'static>,
    span: Span,
    shared: &[Span],
    searched: &[Span],
) -> impl IntoView {
    tifa_view::layout::layered(span, shared, searched)
        .into_iter()
        .map(|(piece, is_shared, is_searched)| {
            let text = doc.text(piece);
            let class = match (is_shared, is_searched) {
                (true, true) => Some("shared searched"),
                (true, false) => Some("shared"),
                (false, true) => Some("searched"),
                (false, false) => None,
            };
            match class {
                Some(class) => Either::Left(view! { <mark class=class>{text}</mark> }),
                None => Either::Right(text),
            }
        })
        .collect_view()
}

/// The words of one passage shared with others, merged (for marking the passage).
pub fn shared_marks(list: &[Shared]) -> Vec<Span> {
    merged(list.iter().flat_map(|x| x.here.iter().copied()).collect())
}

/// Other statements listed at once under a passage; the rest open on request (a long
/// statement of a repetitive corpus can share each passage with many).
pub const SHOWN_AT_ONCE: usize = 3;

/// "Also appears in": the other statements a passage shares words with, the first
/// [`SHOWN_AT_ONCE`] at once, the others drawn when their list is opened.
#[component]
pub fn AlsoAppearsIn(
    mut list: Vec<Shared>,
    /// 1-based, for the landmark's name.
    passage: usize,
) -> impl IntoView {
    let rest = list.split_off(list.len().min(SHOWN_AT_ONCE));
    let more = (!rest.is_empty()).then(|| {
        let n = rest.len();
        let rest = StoredValue::new(rest);
        let (open, set_open) = signal(false);
        let on_toggle = move |ev: web_sys::Event| {
            let details: web_sys::HtmlDetailsElement = event_target(&ev);
            set_open.set(details.open());
        };
        view! {
            <details class="reuse-more" on:toggle=on_toggle>
                <summary>{format!("{n} more statement{}", if n == 1 { "" } else { "s" })}</summary>
                {move || open.get().then(|| view! { <ul>{rest.with_value(|r| items(r))}</ul> })}
            </details>
        }
    });
    view! {
        <aside class="reuse" aria-label=format!("Passage {passage} also appears in")>
            <p class="reuse-title">"Also appears in (the marked words, word for word):"</p>
            <ul>{items(&list)}</ul>
            {more}
        </aside>
    }
}

/// The list items of other statements sharing a passage's words.
fn items(list: &[Shared]) -> impl IntoView {
    let corpus = &use_bundle().corpus;
    // (An entry naming a statement or passage the corpus lacks is skipped.)
    list.iter()
        .filter_map(|x| {
            let other = corpus.statements.get(x.other as usize)?;
            let p = other.passages.get(x.other_passage as usize)?;
            Some((x, other, p))
        })
        .map(|(x, other, p)| {
            let doc = corpus.document_of(other);
            let passage = p.span;
            let there = merged(x.there.clone());
            let (window, before, after) = excerpt(doc.text(passage), passage.start, &there);
            let to = UrlState::default().reading(&other.id);
            let words = format!("{} words shared", x.words);
            view! {
                <li class="reuse-item" data-reuse-of=other.id.to_string()>
                    <p class="reuse-source">
                        <AppLink to=to>{corpus.speaker_of(other).name.to_string()}</AppLink>
                        <span class="statement-meta">{statement_meta(corpus, other)}</span>
                        {format!(
                            " · passage {} ({}) · {words} · ",
                            x.other_passage + 1,
                            kind_label(p.kind).to_lowercase()
                        )}
                        <AppLink to=x.compare.clone() class="reuse-compare">"compare side by side"</AppLink>
                    </p>
                    <blockquote class="reuse-excerpt">
                        {before.then_some("… ")}
                        {marked_text(doc, window, &there)}
                        {after.then_some(" …")}
                    </blockquote>
                </li>
            }
        })
        .collect_view()
}

/// Where the discoveries stand when a view needs them and does not have them: a
/// loading line, or (`alert`) why they could not come and what works without them.
/// Nothing once they are here.
#[component]
pub fn MinedStatus(
    /// What the view waits for, e.g. "The recurring formulations".
    what: &'static str,
    /// Say nothing while they load (a view that draws without them).
    #[prop(optional)]
    quiet_while_loading: bool,
) -> impl IntoView {
    let mined = use_discoveries();
    let retry = use_retry_discoveries();
    move || {
        match mined.get() {
        Mined::Ready => None,
        Mined::Loading if quiet_while_loading => None,
        Mined::Loading => Some(
            view! {
                <p class="result-count mined-status" role="status">{format!("{what} are loading…")}</p>
            }
            .into_any(),
        ),
        Mined::Failed(why) => Some(
            view! {
                <p class="notice mined-status" role="alert">
                    {format!("{what} could not be loaded: {why}. Search, the tracker and the concordance work without them.")}
                    {retry.map(|r| view! { " " <button type="button" class="retry" on:click=move |_| r.run(())>"Try again"</button> })}
                </p>
            }
            .into_any(),
        ),
    }
    }
}

/// The documents a source document shares passages with, most words first (drawn when
/// the discoveries are here).
#[component]
pub fn SharedWithDocuments(at: u32) -> impl IntoView {
    let bundle = use_bundle();
    let mined = use_discoveries();
    let state = use_url_state().state;
    move || {
        mined.track();
        let kinds = state.with(|s| s.filters.passage_kinds());
        shared_with_documents(bundle, at, kinds).map(IntoAny::into_any)
    }
}

fn shared_with_documents(
    bundle: crate::hooks::CorpusBundle,
    at: u32,
    kinds: tifa_model::Kinds,
) -> Option<impl IntoView> {
    let corpus = &bundle.corpus;
    let shared = of_document(bundle, at, kinds)?;
    (!shared.is_empty()).then(|| {
        let items = shared
            .into_iter()
            .map(|(d, pairs, words)| {
                let doc = &corpus.documents[d as usize];
                let to = UrlState {
                    doc: Some(doc.id.to_string()),
                    ..Default::default()
                };
                let what = match pairs {
                    1 => format!(" · 1 passage pair, {words} words shared"),
                    n => format!(" · {n} passage pairs, {words} words shared"),
                };
                view! {
                    <li data-document-id=doc.id.to_string()>
                        <AppLink to=to>{doc.title.to_string()}</AppLink>
                        <span class="statement-meta">{format!(" ({})", doc.published.label())}{what}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="shared-documents" aria-labelledby="shared-title">
                <h2 id="shared-title">"Passages shared with other documents"</h2>
                <p class="lede">"Long runs of words found word for word in statements of these documents (open a statement to see them marked)."</p>
                <ul>{items}</ul>
            </section>
        }
    })
}
