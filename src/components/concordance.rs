//! The concordance (`?view=kwic&q=…`): every occurrence of the query in context, the
//! matched words aligned in a centre column, in the order asked for, 50 lines a page
//! (`tifa_view::concordance` decides what is on it). Each line opens its passage in
//! the reader.

use super::{AppLink, DownloadLink, FilterChips, KindFilter, Pager};
use crate::hooks::{use_bundle, use_focus_on_mount, use_url_state};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_view::concordance::{concordance, pieces, Concordance, Line};
use tifa_view::corpus::Sort;
use tifa_view::csv::file_name;
use tifa_view::url_state::{KwicOrder, UrlState, ViewKind};

/// Words of context offered.
const CONTEXTS: [u8; 4] = [4, 8, 12, 20];

#[component]
pub fn ConcordanceView() -> impl IntoView {
    let bundle = use_bundle();
    let state = use_url_state().state;
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let page = Memo::new(move |_| state.with(|s| s.q.is_some().then(|| concordance(bundle, s))));
    let body = move || {
        let here = state.get();
        match page.get() {
            Some(c) => view! { <KwicBody c=c state=here/> }.into_any(),
            None => view! {
                <p class="lede">"Type a word or a quoted phrase in the search box: every occurrence appears here in its context, one line each, the matched words in the middle."</p>
            }
            .into_any(),
        }
    };
    view! {
        <section class="kwic-view" aria-labelledby="kwic-title">
            <h1 id="kwic-title" node_ref=heading tabindex="-1">"Concordance"</h1>
            <FilterChips state=state/>
            {body}
        </section>
    }
}

/// `state` in the concordance, changed by `change`, from its first page.
fn kwic_with(state: &UrlState, change: impl FnOnce(&mut UrlState)) -> UrlState {
    state.changed_in(ViewKind::Kwic, change)
}

#[component]
fn KwicBody(c: Concordance, state: UrlState) -> impl IntoView {
    let q = state.q.clone().unwrap_or_default();
    let status = tifa_view::concordance::status(&c, &q);
    let clamped = c
        .clamped
        .then(|| c.page.clamped_note(state.page.unwrap_or(1)));
    let notes = (!c.notes.is_empty()).then(|| {
        view! { <ul class="query-notes">{c.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul> }
    });
    let pager = |end: bool| view! { <Pager page=c.page.clone() total=c.total what="Lines" state=state.clone() end=end/> };
    let (top, bottom) = (pager(false), pager(true));
    view! {
        <p class="result-count" role="status">{status}</p>
        {clamped.map(|t| view! { <p class="notice">{t}</p> })}
        {notes}
        {controls(&state)}
        <KindFilter/>
        {(c.total > 0).then(|| view! {
            <p class="result-tools">
                <DownloadLink file=file_name("concordance", &q) make=tifa_view::csv::concordance>
                    {if c.total == 1 { "Download the line as CSV".to_string() } else { format!("Download all {} lines as CSV", c.total) }}
                </DownloadLink>
            </p>
        })}
        {top}
        <table class="kwic-table" data-sorted-by=state.kwic.order.as_str()>
            <caption class="visually-hidden">{format!("Occurrences of “{q}” with their context")}</caption>
            <thead><tr><th scope="col">"Before"</th><th scope="col">"Match"</th><th scope="col">"After"</th><th scope="col">"Said by"</th></tr></thead>
            <tbody>{c.lines.iter().map(|l| line(l, &state)).collect_view()}</tbody>
        </table>
        {bottom}
    }
}

/// The order of the lines and the words of context.
fn controls(state: &UrlState) -> impl IntoView {
    let orders = [
        (KwicOrder::Corpus, Sort::Relevance, "oldest first"),
        (KwicOrder::Corpus, Sort::Date, "newest first"),
        (KwicOrder::Left1, Sort::Relevance, "1st word left"),
        (KwicOrder::Left2, Sort::Relevance, "2nd left"),
        (KwicOrder::Right1, Sort::Relevance, "1st word right"),
        (KwicOrder::Right2, Sort::Relevance, "2nd right"),
        (KwicOrder::Speaker, Sort::Relevance, "speaker"),
    ]
    .map(|(order, sort, text)| {
        let on = state.kwic.order == order && state.sort == sort;
        let to = kwic_with(state, |n| {
            n.kwic.order = order;
            n.sort = sort;
        });
        view! { <li aria-current=on.then_some("true")><AppLink to=to>{text}</AppLink></li> }
    });
    let contexts = CONTEXTS.map(|ctx| {
        let on = state.kwic.ctx == ctx;
        let to = kwic_with(state, |n| n.kwic.ctx = ctx);
        view! { <li aria-current=on.then_some("true")><AppLink to=to>{format!("{ctx} words")}</AppLink></li> }
    });
    view! {
        <div class="timeline-controls">
            <nav aria-label="Order of lines"><span>"Order: "</span><ul class="lanes-nav">{orders.into_iter().collect_view()}</ul></nav>
            <nav aria-label="Context"><span>"Context: "</span><ul class="lanes-nav">{contexts.into_iter().collect_view()}</ul></nav>
        </div>
    }
}

/// A context with its sort keys marked (first key `kwic-key1`, second `kwic-key2`).
fn context(doc: &tifa_model::Document, span: tifa_model::Span, l: &Line) -> impl IntoView {
    let clip = |text: &str| text.replace(['\n', '\r'], " ");
    pieces(span, &l.keys)
        .into_iter()
        .map(|(piece, key)| {
            let text = clip(doc.text(piece));
            match key {
                1 => view! { <span class="kwic-key1">{text}</span> }.into_any(),
                2 => view! { <span class="kwic-key2">{text}</span> }.into_any(),
                _ => text.into_any(),
            }
        })
        .collect_view()
}

/// One line: context, match, context, and whose words it is (a link to the passage):
/// the speaker's, or the outlet's narration, or a journalist's question.
fn line(l: &Line, state: &UrlState) -> impl IntoView {
    let corpus = &use_bundle().corpus;
    let url = use_url_state();
    let s = &corpus.statements[l.statement as usize];
    let doc = corpus.document_of(s);
    let href = format!("{}#p{}", url.href(&state.reading(&s.id)), l.passage + 1);
    let clip = |text: &str| text.replace(['\n', '\r'], " ");
    let said_by = l.voice.label(corpus);
    let date = s.date.label();
    let title = format!("{said_by}, {date}");
    view! {
        <tr data-statement-id=s.id.to_string() data-kind=l.kind.as_str()>
            <td class="kwic-left"><span class="kwic-clip"><span>{context(doc, l.left, l)}</span></span></td>
            <td class="kwic-hit"><mark>{clip(doc.text(l.hit))}</mark></td>
            <td class="kwic-right"><span class="kwic-clip"><span>{context(doc, l.right, l)}</span></span></td>
            <td class="kwic-source" title=title><a href=href>{said_by}</a><span class="kwic-date">{format!(" · {date}")}</span></td>
        </tr>
    }
}
