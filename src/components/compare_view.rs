//! Two to four statements side by side (`?compare=a,b`): a similarity score per pair
//! with how it is computed, then either the phrases they share marked in one colour per
//! phrase with a legend, or (`&mode=aligned`) their passages paired with a word diff.
//! The numbers are `tifa_compare`'s and the words and links `tifa_view::compare`'s;
//! this file only lays them out.

use super::{in_parts, AppLink, DrawItem};
use crate::hooks::{
    use_bundle, use_focus_on_mount, use_frames, use_timer, use_url_state, TYPING_PAUSE,
};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_model::{Document, Passage, Span};
use tifa_view::compare::{
    changed, pair_score, pick, pick_line, Columns, Phrases, LEGEND_AT_ONCE, SIMILARITY_EXPLAINED,
};
use tifa_view::layout::painted;
use tifa_view::reader::{kind_label, passage_parts, row_parts};
use tifa_view::url_state::{CompareMode, UrlState, MAX_COMPARE};

/// Distinct phrase colours (`.phrase-0` … in the stylesheet); more phrases reuse them.
const COLOURS: usize = 8;

#[component]
pub fn CompareView(
    /// Indices of the statements compared, in order.
    chosen: Vec<u32>,
    mode: CompareMode,
) -> impl IntoView {
    let url = use_url_state();
    let corpus = &use_bundle().corpus;
    let columns = Columns::new(corpus, &chosen);
    let statements = columns.statements.clone();
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let n = statements.len();
    let state = url.parsed.with_untracked(|p| p.state.clone());
    let ids = columns.ids();
    let picker = (n < MAX_COMPARE).then(|| {
        view! { <AddStatement ids=ids.clone() state=state.clone()/> }
    });
    if n < 2 {
        let chosen = statements.first().map(|&s| {
            let remove = state.comparing(Vec::new(), mode);
            view! {
                <p class="chosen" data-statement-id=s.id.as_ref()>
                    "Chosen: "
                    <strong>{corpus.speaker_of(s).name.as_ref()}</strong>
                    {format!(", {} ", s.date.label())}
                    <AppLink to=remove>"Remove"</AppLink>
                </p>
            }
        });
        return view! {
            <article class="compare">
                <h1 node_ref=heading tabindex="-1">"Compare statements"</h1>
                <p class="lede">
                    "Put two to four statements side by side to see the phrases they share and, aligned passage by passage, the words that changed. Add them from a search below, or with “Compare with…” when reading a statement."
                </p>
                {chosen}
                {picker}
            </article>
        }
        .into_any();
    }
    let with_mode = |m: CompareMode| state.comparing(ids.clone(), m);
    let pairs = columns
        .pairs()
        .into_iter()
        .map(|(which, score)| view! { <li>{which}<strong>{score}</strong></li> })
        .collect_view();
    let mode_link = move |m: CompareMode, text: &'static str| {
        let current = (mode == m).then_some("page");
        view! {
            <li aria-current=current>
                <AppLink to=with_mode(m)>{text}</AppLink>
            </li>
        }
    };
    let body = match mode {
        CompareMode::Phrases => phrases_view(&columns, &state).into_any(),
        CompareMode::Aligned => aligned_view(&columns).into_any(),
    };
    view! {
        <article class="compare">
            <h1 node_ref=heading tabindex="-1">{format!("Comparing {n} statements")}</h1>
            <nav aria-label="How to compare">
                <ul class="compare-modes">
                    {mode_link(CompareMode::Phrases, "Shared phrases")}
                    {mode_link(CompareMode::Aligned, "Aligned passages, word by word")}
                </ul>
            </nav>
            <section class="similarity" aria-labelledby="similarity-title">
                <h2 id="similarity-title">"Similarity"</h2>
                <ul>{pairs}</ul>
                <p class="explain">{SIMILARITY_EXPLAINED}</p>
            </section>
            {body}
            {picker}
        </article>
    }
    .into_any()
}

/// A search inside the comparison: its results can be added as a column. The typed text
/// is not view state (it does not change what is compared), so it stays out of the URL.
#[component]
fn AddStatement(ids: Vec<String>, state: UrlState) -> impl IntoView {
    let bundle = use_bundle();
    let corpus = &bundle.corpus;
    // What is searched follows the box when typing pauses: a keystroke only restarts
    // the timer.
    let (text, set_text) = signal(String::new());
    let typing = use_timer();
    let on_input = move |ev: web_sys::Event| {
        let typed = event_target_value(&ev);
        if let Err(now) = typing.start(TYPING_PAUSE, move || set_text.set(typed)) {
            now();
        }
    };
    let results = move || {
        let found = pick(bundle, &state, &ids, &text.get())?;
        let rows = found
            .rows
            .into_iter()
            .map(|(i, to)| {
                let s = &corpus.statements[i as usize];
                let (speaker, when, headline) = pick_line(corpus, s);
                view! {
                    <li data-statement-id=s.id.as_ref()>
                        <AppLink to=to class="add-link">
                            "Add "
                            <span class="visually-hidden">"to the comparison: "</span>
                        </AppLink>
                        <strong>{speaker}</strong>
                        {when}
                        <span class="statement-headline">{headline}</span>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <p class="pick-status" role="status">{found.status}</p>
            <ul class="pick-list">{rows}</ul>
        })
    };
    view! {
        <section class="add-statement" aria-labelledby="add-title">
            <h2 id="add-title">"Add a statement"</h2>
            <label for="add-q">"Search for a statement to add"</label>
            <input id="add-q" type="search" autocomplete="off" spellcheck="false"
                on:input=on_input/>
            {results}
        </section>
    }
}

/// Columns with shared phrases marked, and the legend.
fn phrases_view(columns: &Columns<'static>, state: &UrlState) -> impl IntoView {
    let corpus = columns.corpus;
    let statements = &columns.statements;
    let Phrases {
        shown,
        legend: entries,
        marks: all_marks,
    } = columns.phrases();
    let shown = std::sync::Arc::new(shown);
    let legend = if entries.is_empty() {
        view! { <p>{Phrases::none_note()}</p> }.into_any()
    } else {
        let item = |k: usize, (text, held): &(String, String)| {
            view! {
                <li value=k + 1>
                    <span class=format!("swatch phrase-{}", k % COLOURS) aria-hidden="true"></span>
                    <span class="phrase-text">{text.clone()}</span>
                    <span class="phrase-where">{held.clone()}</span>
                </li>
            }
        };
        // Long statements can share hundreds of phrases: the first are listed at once,
        // the rest drawn when their list is opened.
        let at_once = entries.len().min(LEGEND_AT_ONCE);
        let first = entries[..at_once]
            .iter()
            .enumerate()
            .map(|(k, e)| item(k, e))
            .collect_view();
        let more = Phrases::more_note(entries.len()).map(|summary| {
            let entries = StoredValue::new(entries);
            let (open, set_open) = signal(false);
            let on_toggle = move |ev: web_sys::Event| {
                let details: web_sys::HtmlDetailsElement = event_target(&ev);
                set_open.set(details.open());
            };
            view! {
                <details class="legend-more" on:toggle=on_toggle>
                    <summary>{summary}</summary>
                    {move || open.get().then(|| entries.with_value(|all| {
                        let items = all[LEGEND_AT_ONCE..]
                            .iter()
                            .enumerate()
                            .map(|(k, e)| item(LEGEND_AT_ONCE + k, e))
                            .collect_view();
                        view! { <ol class="legend">{items}</ol> }
                    }))}
                </details>
            }
        });
        view! { <ol class="legend">{first}</ol> {more} }.into_any()
    };
    let drawn = statements
        .iter()
        .zip(all_marks)
        .enumerate()
        .map(|(i, (&s, marks))| {
            let doc = corpus.document_of(s);
            let venue = corpus
                .venue_of(s)
                .map_or("venue unknown", |v| v.name.as_ref());
            let to = state.reading(&s.id);
            let remove = columns.removing(state, i);
            // A long statement is drawn in parts, a frame apart (below the fold).
            let parts = passage_parts(doc, s.passages.len(), None);
            let frames = use_frames(parts.len() - 1);
            let draw: DrawItem = {
                let shown = shown.clone();
                std::sync::Arc::new(move |k| {
                    phrase_passage(doc, &s.passages[k], &marks, &shown).into_any()
                })
            };
            let passages = in_parts(parts, frames, draw);
            let title_id = format!("compare-col-{}", i + 1);
            let labelled_by = title_id.clone();
            view! {
                <section class="compare-col" data-statement-id=s.id.as_ref() aria-labelledby=labelled_by>
                    <h2 id=title_id>
                        <span class="col-number">{format!("{} ", i + 1)}</span>
                        <AppLink to=to>{corpus.speaker_of(s).name.as_ref()}</AppLink>
                    </h2>
                    <p class="statement-meta">
                        {format!("{} · {venue} ", s.date.label())}
                        <AppLink to=remove class="remove-col">
                            "Remove"
                            <span class="visually-hidden">{format!(" statement {} from the comparison", i + 1)}</span>
                        </AppLink>
                    </p>
                    {passages}
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="shared" aria-labelledby="shared-title">
            <h2 id="shared-title">"Shared phrases"</h2>
            {legend}
        </section>
        <div class=format!("compare-columns columns-{}", statements.len())>{drawn}</div>
    }
}

/// One passage with the shared phrases marked (`marks`: spans and phrase numbers, by
/// start; `shown`: each phrase as worded, for the title).
fn phrase_passage(
    doc: &'static Document<'static>,
    p: &Passage,
    marks: &[(Span, usize)],
    shown: &[String],
) -> impl IntoView {
    let pieces = painted(p.span, marks)
        .into_iter()
        .map(|(span, tag)| match tag {
            Some(k) => view! {
                <mark class=format!("phrase phrase-{}", k % COLOURS) title=shown[k].clone()>
                    {doc.text(span)}
                </mark>
            }
            .into_any(),
            None => view! { <span>{doc.text(span)}</span> }.into_any(),
        })
        .collect_view();
    view! {
        <div class=format!("passage passage-{}", p.kind.as_str())>
            <span class="passage-kind">{kind_label(p.kind)}</span>
            <p>{pieces}</p>
        </div>
    }
}

/// Each statement after the first, its passages paired with the first's and diffed.
fn aligned_view(columns: &Columns<'static>) -> impl IntoView {
    let corpus = columns.corpus;
    let statements = &columns.statements;
    let first = statements[0];
    (1..statements.len())
        .map(|j| {
            let other = statements[j];
            let (ldoc, rdoc) = (corpus.document_of(first), corpus.document_of(other));
            // Long statements' pairs come in parts, a frame apart (`row_parts`).
            let pairs = std::sync::Arc::new(columns.aligned(j));
            let parts = row_parts(pairs.len());
            let frames = use_frames(parts.len() - 1);
            let draw: DrawItem = std::sync::Arc::new(move |i: usize| {
                    let pair = &pairs[i];
                    let side = |passage: Option<usize>, left: bool| {
                        let (s, doc) = if left { (first, ldoc) } else { (other, rdoc) };
                        let Some(k) = passage else {
                            return view! { <td class="unpaired">"(no similar passage)"</td> }.into_any();
                        };
                        let p = &s.passages[k];
                        let marks = changed(pair, left);
                        let pieces = painted(p.span, &marks)
                            .into_iter()
                            .map(|(span, tag)| match (tag, left) {
                                (Some(_), true) => view! { <del>{doc.text(span)}</del> }.into_any(),
                                (Some(_), false) => view! { <ins>{doc.text(span)}</ins> }.into_any(),
                                (None, _) => view! { <span>{doc.text(span)}</span> }.into_any(),
                            })
                            .collect_view();
                        view! {
                            <td>
                                <span class="passage-kind">{kind_label(p.kind)}</span>
                                <p>{pieces}</p>
                            </td>
                        }
                        .into_any()
                    };
                    let score = pair_score(pair);
                    view! {
                        <tr>
                            {side(pair.left, true)}
                            {side(pair.right, false)}
                            <td class="pair-score">{score}</td>
                        </tr>
                    }
                    .into_any()
                });
            // Busy until every part is drawn (assistive technology, and tests, wait).
            let last = parts.len() - 1;
            let busy = move || (frames.get() < last).then_some("true");
            let rows = in_parts(parts, frames, draw);
            view! {
                <section class="aligned" data-statement-id=other.id.as_ref()>
                    <h2>{format!("{} and {}: passages paired", columns.label(0), columns.label(j))}</h2>
                    <table class="aligned-table" aria-busy=busy>
                        <caption>
                            "Each passage of 1 is paired with the most similar passage of "
                            {(j + 1).to_string()}
                            ". Words only in 1 are struck through; words only in "
                            {(j + 1).to_string()}
                            " are underlined."
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{format!("1: {}", columns.speaker(0))}</th>
                                <th scope="col">{format!("{}: {}", j + 1, columns.speaker(j))}</th>
                                <th scope="col">"Similarity"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
        .collect_view()
}
