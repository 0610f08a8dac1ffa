//! The recurring formulations (`?view=formulations`): what the compiler found in the
//! corpus, counted under the page's filters, narrowed by the words in the search box,
//! in the order asked for, 50 a page (`tifa_view::formulations` decides all of it).
//! Each opens the tracker, alone or with its variants.

use super::reuse::MinedStatus;
use super::{AppLink, DownloadLink, FilterChips, KindFilter, Pager};
use crate::hooks::{use_bundle, use_discoveries, use_focus_on_mount, use_url_state};
use leptos::html::H1;
use leptos::prelude::*;
use tifa_view::csv::file_name;
use tifa_view::formulations::{list, tracking, Formulations, Row};
use tifa_view::url_state::{Listing, UrlState, ViewKind};

#[component]
pub fn FormulationsView() -> impl IntoView {
    let bundle = use_bundle();
    let state = use_url_state().state;
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let mined = use_discoveries();
    // Recomputed when the discoveries arrive: until then there is no list to page.
    let page = Memo::new(move |_| {
        mined.track();
        state.with(|s| list(bundle, s))
    });
    let body = move || {
        let here = state.get();
        page.get().map(|f| view! { <ListBody f=f state=here/> })
    };
    view! {
        <section class="formulations-view" aria-labelledby="formulations-title">
            <h1 id="formulations-title" node_ref=heading tabindex="-1">"Recurring formulations"</h1>
            <p class="lede">{tifa_view::formulations::LEDE}</p>
            <FilterChips state=state/>
            <KindFilter/>
            <MinedStatus what="The recurring formulations"/>
            {body}
        </section>
    }
}

/// `state`'s list in another order, from its first page.
fn ordered(state: &UrlState, order: Listing) -> UrlState {
    state.changed_in(ViewKind::Formulations, |next| next.listing = order)
}

#[component]
fn ListBody(f: Formulations, state: UrlState) -> impl IntoView {
    let status = f.status(state.listing);
    let clamped = f
        .clamped
        .then(|| f.page.clamped_note(state.page.unwrap_or(1)));
    let orders = [
        (Listing::Formulaic, "formulaic"),
        (Listing::Spread, "spread"),
        (Listing::Count, "statements"),
        (Listing::First, "first use"),
        (Listing::Recent, "latest use"),
    ]
    .map(|(o, text)| {
        let on = state.listing == o;
        view! { <li aria-current=on.then_some("true")><AppLink to=ordered(&state, o)>{text}</AppLink></li> }
    });
    let pager = |end: bool| view! { <Pager page=f.page.clone() total=f.total what="Formulations" state=state.clone() end=end/> };
    let (top, bottom) = (pager(false), pager(true));
    let years = f.years;
    let rows = f
        .rows
        .iter()
        .map(|r| view! { <Item r=r.clone() state=state.clone() years=years/> })
        .collect_view();
    view! {
        <p class="result-count" role="status">{status}</p>
        {clamped.map(|t| view! { <p class="notice">{t}</p> })}
        <div class="timeline-controls">
            <nav aria-label="Order of formulations"><span>"Order: "</span><ul class="lanes-nav">{orders.into_iter().collect_view()}</ul></nav>
        </div>
        <p class="result-tools">
            <DownloadLink file=file_name("formulations", state.q.as_deref().unwrap_or("")) make=tifa_view::csv::formulations>
                {format!("Download all {} as CSV", f.total)}
            </DownloadLink>
            <DownloadLink file=file_name("reuse", "") make=tifa_view::csv::reuse>
                "Download reused passages as CSV"
            </DownloadLink>
        </p>
        {top}
        <ol class="formulation-list" start=f.page.range.start + 1>{rows}</ol>
        {bottom}
    }
}

/// One formulation: its words (a link to the tracker), its numbers, first and latest
/// use, a sparkline of its years, and its variants.
#[component]
fn Item(r: Row, state: UrlState, years: Option<(u16, u16)>) -> impl IntoView {
    let corpus = &use_bundle().corpus;
    let url = use_url_state();
    let use_of = |u: tifa_view::formulations::Use| {
        let s = &corpus.statements[u.statement as usize];
        (
            u.label(corpus),
            url.href(&UrlState::default().reading(&s.id)),
            s.id.to_string(),
        )
    };
    let (first_text, first_href, first_id) = use_of(r.first);
    let (last_text, last_href, _) = use_of(r.last);
    let numbers = tifa_view::formulations::numbers(&r);
    let alone = tracking(&state, &r.phrase, &[]);
    let variants = (!r.variants.is_empty()).then(|| {
        let together = tracking(&state, &r.phrase, &r.variants);
        let names = r
            .variants
            .iter()
            .map(|v| {
                let to = tracking(&state, v, &[]);
                view! { <li><AppLink to=to>{format!("“{v}”")}</AppLink></li> }
            })
            .collect_view();
        view! {
            <div class="variants">
                <span>"Variants: "</span>
                <ul>{names}</ul>
                <AppLink to=together class="track-variants">"track them together"</AppLink>
            </div>
        }
    });
    view! {
        <li class="formulation" data-formulation=r.phrase.clone() data-statements=r.statements.to_string()>
            <h2 class="formulation-phrase"><AppLink to=alone>{format!("“{}”", r.phrase)}</AppLink>{r.name.then(|| view! { <span class="tag">"name or title"</span> })}</h2>
            <p class="formulation-numbers">{numbers}</p>
            <p class="formulation-uses">
                "First in this corpus: "
                <a href=first_href data-first-statement-id=first_id>{first_text}</a>
                " · latest: "
                <a href=last_href>{last_text}</a>
            </p>
            {sparkline(&r.per_year, years)}
            {variants}
        </li>
    }
}

/// Statements per year as small bars, with the numbers in its label.
fn sparkline(per_year: &[u32], years: Option<(u16, u16)>) -> Option<impl IntoView> {
    let (first, last) = years?;
    let max = per_year.iter().copied().max().unwrap_or(0).max(1);
    // Whole tenths of a pixel, formatted as integers: float formatting would pull
    // core's float printing (kilobytes) into the bundle.
    let tenths = |v: u64| format!("{}.{}", v / 10, v % 10);
    let label = per_year
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(k, n)| format!("{}: {n}", first as usize + k))
        .collect::<Vec<_>>()
        .join(", ");
    let bars = per_year
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(k, &n)| {
            // Bars 10 px apart, 20 px at the most, 1.5 px at the least.
            let bh = ((200 * n as u64 + max as u64 / 2) / max as u64).max(15);
            view! { <rect class="spark-bar" x=(k * 10).to_string() y=tenths(200 - bh) width="8" height=tenths(bh)/> }
        })
        .collect_view();
    let width = (per_year.len() * 10).max(10).to_string();
    let view_box = format!("0 0 {width} 20");
    let base_width = width.clone();
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    Some(view! {
        <p class="spark">
        <svg class="sparkline" role="img" aria-label=format!("Statements per year: {label}") width=width height="20" viewBox=view_box>
            <rect class="spark-base" x="0" y="19.5" width=base_width height="0.5"/>
            {bars}
        </svg>
        <span class="spark-years" aria-hidden="true">{span}</span>
        </p>
    })
}
