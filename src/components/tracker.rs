//! The tracker (`?view=track&f=…`): formulations followed over time, one line each on
//! one chart (their share of each period's statements, or their count), who said each
//! first and last, who says it most, the words that fill a `*`, and the same numbers as
//! a table. Every number comes from `tifa_view::tracker`; a point opens the statements
//! behind it as a search.

use super::{folded_table, AppLink, DownloadLink, FilterChips, KindFilter};
use crate::hooks::{use_bundle, use_focus_on_mount, use_url_state};
use leptos::html::{Input, H1};
use leptos::prelude::*;
use tifa_view::csv::file_name;
use tifa_view::reader::statement_meta;
use tifa_view::tracker::{
    adding, measures, percent, removing, track, units, Choice, Request, Series, Track, LOW_BASE,
};
use tifa_view::url_state::UrlState;
use wasm_bindgen::JsCast;

// Chart geometry in whole pixels (the SVG scales to its box).
const W: i32 = 720;
const H: i32 = 320;
const LEFT: i32 = 56;
const RIGHT: i32 = 12;
const TOP: i32 = 12;
const BOTTOM: i32 = 22;
/// Height of the strip under the axis that shows each period's statements.
const BASE: i32 = 40;
/// Colours (`.series-0` … in the stylesheet); more series reuse them.
const COLOURS: usize = 8;

#[component]
pub fn TrackerView() -> impl IntoView {
    let bundle = use_bundle();
    let state = use_url_state().state;
    let heading = NodeRef::<H1>::new();
    use_focus_on_mount(heading);
    let numbers = Memo::new(move |_| {
        state.with(|s| (!s.track.f.is_empty()).then(|| track(bundle, &Request::of(bundle, s))))
    });
    let body = move || {
        match numbers.get() {
        Some(t) => view! { <TrackBody t=t state=state.get()/> }.into_any(),
        None => view! {
            <p class="lede">
                "Follow a formulation across years, speakers and occasions: how often it is said, who said it first, which wordings compete with it. Write words, a quoted phrase for its exact words (“\"shared future for mankind\"”), variants joined by OR, and * inside quotes for any one word (“\"state of * union\"”)."
            </p>
        }
        .into_any(),
    }
    };
    view! {
        <section class="tracker" aria-labelledby="tracker-title">
            <h1 id="tracker-title" node_ref=heading tabindex="-1">"Track formulations"</h1>
            <FormulationForm/>
            <FilterChips state=state/>
            {body}
        </section>
    }
}

/// The formulations followed, each removable, and a box to add one (on submit only:
/// typing does nothing until Enter or the button).
#[component]
fn FormulationForm() -> impl IntoView {
    let url = use_url_state();
    let input = NodeRef::<Input>::new();
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(el) = input.get_untracked() else {
            return;
        };
        if let Some(next) = adding(&url.state.get_untracked(), &el.value()) {
            el.set_value("");
            url.navigate(next);
        }
    };
    let current = move || {
        let here = url.state.get();
        let fs = here.track.f.clone();
        fs.into_iter()
            .enumerate()
            .map(|(k, f)| {
                let without = removing(&here, k);
                view! {
                    <li class=format!("chip series-{}", k % COLOURS)>
                        <span>{f.clone()}</span>
                        <AppLink to=without class="chip-remove">
                            <span aria-hidden="true">"×"</span>
                            <span class="visually-hidden">{format!("Stop tracking {f}")}</span>
                        </AppLink>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <form class="track-form" on:submit=on_submit>
            <label for="track-f">"Add a formulation"</label>
            <input id="track-f" type="search" autocomplete="off" spellcheck="false" node_ref=input
                placeholder="\"shared future\" OR \"common future\""/>
            <button type="submit">"Track"</button>
        </form>
        <ul class="chips track-list" aria-label="Formulations tracked">{current}</ul>
    }
}

/// Everything below the form, for one set of numbers.
#[component]
fn TrackBody(t: Track, state: UrlState) -> impl IntoView {
    let all: Vec<Series> = t.series.iter().chain(&t.fillers).cloned().collect();
    let notes: Vec<String> = t.series.iter().flat_map(|s| s.notes.clone()).collect();
    let apart = t.apart_note();
    view! {
        {(!notes.is_empty()).then(|| view! { <ul class="query-notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> })}
        {controls(&state)}
        <div class="timeline-tip-line">{chart_tip()}</div>
        {chart(&t, &all, state.track.counts, &state)}
        <p class="explain coverage">{t.coverage()}</p>
        <p class="explain">
            {format!("A share resting on fewer than {LOW_BASE} statements in its period is a hollow point with its 95 % interval (Wilson), not joined to the line; a gap is a period with none. ")}
            {apart}
        </p>
        <ol class="track-legend">
            {
                let same = t.chart(&all, false).series.into_iter().map(|d| d.same_as).collect::<Vec<_>>();
                all.iter().enumerate().map(|(k, s)| legend_item(&t, &all, s, k, same[k])).collect_view()
            }
        </ol>
        {table(&t, &all)}
        <p class="result-tools">
            <DownloadLink file=file_name("track", &state.track.f.join(" ")) make=tifa_view::csv::tracker>
                "Download these numbers as CSV"
            </DownloadLink>
        </p>
    }
}

/// Share or count, year or month, and the passage kinds counted.
fn controls(state: &UrlState) -> impl IntoView {
    let option = |c: Choice| {
        view! { <li aria-current=c.on.then_some("true")><AppLink to=c.to>{c.text}</AppLink></li> }
    };
    let measures = measures(state).map(option);
    let units = units(state).map(option);
    view! {
        <div class="timeline-controls track-controls">
            <nav aria-label="Measure"><span>"Show: "</span><ul class="lanes-nav">{measures.into_iter().collect_view()}</ul></nav>
            <nav aria-label="Time unit"><span>"Time: "</span><ul class="lanes-nav">{units.into_iter().collect_view()}</ul></nav>
        </div>
        <KindFilter/>
    }
}

/// The line above the chart showing the point under the pointer or with focus.
fn chart_tip() -> impl IntoView {
    let (tip, set_tip) = signal(None::<String>);
    provide_context(set_tip);
    move || {
        tip.get()
            .map(|text| view! { <p class="timeline-tip" aria-hidden="true">{text}</p> })
    }
}

/// The label of the point an event happened on, if any.
fn point_label(target: Option<web_sys::EventTarget>) -> Option<String> {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a.point").ok().flatten())
        .and_then(|a| a.get_attribute("aria-label"))
}

/// One line per series over the periods (a share resting on few statements is a point
/// with its interval, not on the line; a series identical to an earlier one is dashed
/// over it); each point a link to its statements; under the axis, the statements of
/// each period (the base of every share).
fn chart(t: &Track, all: &[Series], counts: bool, state: &UrlState) -> impl IntoView {
    let url = use_url_state();
    let tip = use_context::<WriteSignal<Option<String>>>();
    let set = move |text: Option<String>| {
        if let Some(tip) = tip {
            tip.set(text)
        }
    };
    let drawn = t.chart(all, counts);
    let n = t.periods.len();
    let max = drawn.max;
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM - BASE);
    let x = move |p: usize| {
        LEFT + if n > 1 {
            (pw as i64 * p as i64 / (n - 1) as i64) as i32
        } else {
            pw / 2
        }
    };
    let y = move |v: u32| TOP + ph - (ph as i64 * v as i64 / max as i64) as i32;
    let label = |v: u32| if counts { v.to_string() } else { percent(v) };
    let grid = (0..=4)
        .map(|g| {
            let v = max * g / 4;
            view! {
                <line class="tick" x1=LEFT x2=W - RIGHT y1=y(v) y2=y(v)/>
                <text class="axis-label" x=LEFT - 6 y=y(v) + 4 text-anchor="end">{label(v)}</text>
            }
        })
        .collect_view();
    let every = n.div_ceil(12).max(1);
    let axis_y = TOP + ph;
    let ticks = t
        .periods
        .iter()
        .enumerate()
        .filter(|(p, _)| p % every == 0)
        .map(|(p, period)| view! { <text class="axis-label" x=x(p) y=axis_y + 16 text-anchor="middle">{period.key.clone()}</text> })
        .collect_view();
    // The base: statements per period, as bars under the axis.
    let most = t.periods.iter().map(|p| p.total).max().unwrap_or(0).max(1);
    let bar_w = if n > 1 {
        (pw / n as i32 - 1).clamp(1, 12)
    } else {
        12
    };
    let base_top = H - BASE + 4;
    let bars = t
        .periods
        .iter()
        .enumerate()
        .filter(|(_, period)| period.total > 0)
        .map(|(p, period)| {
            let h = ((BASE - 8) as i64 * period.total as i64 / most as i64).max(1) as i32;
            view! { <rect class="base-bar" x=x(p) - bar_w / 2 y=base_top + (BASE - 8 - h) width=bar_w height=h/> }
        })
        .collect_view();
    let lines = all
        .iter()
        .zip(&drawn.series)
        .enumerate()
        .map(|(k, (s, d))| {
            let segments = d
                .runs
                .iter()
                .map(|run| {
                    let path = run
                        .iter()
                        .map(|&i| format!("{},{}", x(d.points[i].period), y(d.points[i].value)))
                        .collect::<Vec<_>>()
                        .join(" ");
                    view! { <polyline points=path/> }
                })
                .collect_view();
            let points = d
                .points
                .iter()
                .map(|pt| {
                    let href = url.href(&t.period_search(state, s, pt.period));
                    let (cx, cy) = (x(pt.period), y(pt.value));
                    let interval = pt.interval.map(
                        |(lo, hi)| view! { <line class="interval" x1=cx x2=cx y1=y(lo) y2=y(hi)/> },
                    );
                    // The <a> is the only child of its <g>: among siblings, the view macro
                    // would make it an HTML link, which SVG does not draw.
                    view! {
                        <g>
                            {interval}
                            <g>
                                <a href=href class="point" aria-label=t.point_label(s, pt.period)>
                                    <circle cx=cx cy=cy r=if pt.low { 3 } else { 4 } class:low=pt.low/>
                                </a>
                            </g>
                        </g>
                    }
                })
                .collect_view();
            let class = format!(
                "series series-{}{}{}",
                k % COLOURS,
                if k >= t.series.len() { " filler" } else { "" },
                if d.same_as.is_some() { " same-as" } else { "" }
            );
            view! { <g class=class>{segments}{points}</g> }
        })
        .collect_view();
    let what = if counts {
        "statements"
    } else {
        "share of the period's statements"
    };
    view! {
        <div class="track-chart">
            <svg class="timeline-svg track-svg" viewBox=format!("0 0 {W} {H}") role="group"
                aria-label=format!("Each formulation's {what}, per period; each point opens its statements. Under the axis, the statements of each period.")
                on:mouseover=move |ev| set(point_label(ev.target()))
                on:mouseleave=move |_| set(None)
                on:focusin=move |ev| set(point_label(ev.target()))
                on:focusout=move |_| set(None)>
                {grid}
                {ticks}
                <g class="base" aria-hidden="true">{bars}</g>
                {lines}
            </svg>
        </div>
    }
}

/// A series in the legend: its numbers, its first and last use in this corpus (and whose
/// words they are), who uses it most, and the series it coincides with.
fn legend_item(
    t: &Track,
    all: &[Series],
    s: &Series,
    k: usize,
    same_as: Option<usize>,
) -> impl IntoView {
    let bundle = use_bundle();
    let corpus = &bundle.corpus;
    let url = use_url_state();
    let here = url.state.get_untracked();
    let at = |(i, voice): (u32, tifa_model::voice::Voice), what: &'static str| {
        let st = &corpus.statements[i as usize];
        let to = s.reading(&here, corpus, i);
        view! {
            <span class="attest">
                {what}
                <AppLink to=to>{voice.label(corpus)}</AppLink>
                {statement_meta(corpus, st)}
            </span>
        }
    };
    let first = s.first.map(|f| {
        let id = corpus.statements[f.0 as usize].id.to_string();
        view! { <p class="first-use" data-first-statement-id=id>{at(f, "First in this corpus: ")}</p> }
    });
    let last = s
        .last
        .filter(|l| Some(l.0) != s.first.map(|f| f.0))
        .map(|l| view! { <p class="last-use">{at(l, "Latest in this corpus: ")}</p> });
    // Who uses it most: the busiest voices and occasions, each with its first use.
    let item = |line: String| view! { <li>{line}</li> };
    let speakers = s
        .busiest_voices(corpus)
        .into_iter()
        .map(item)
        .collect_view();
    let venues = s
        .busiest_venues(corpus)
        .into_iter()
        .map(item)
        .collect_view();
    let filler = k >= t.series.len();
    let coincides = same_as.and_then(|i| all.get(i)).map(|other| {
        view! { <p class="same-as-note">{format!("Same counts as “{}” in every period: its line is dashed over that one.", other.formulation)}</p> }
    });
    view! {
        <li class=format!("legend-item series-{}", k % COLOURS) data-formulation=s.formulation.clone() data-statements=s.statements>
            <p class="legend-head">
                <span class="swatch" aria-hidden="true"></span>
                <strong>{s.formulation.clone()}</strong>
                {if filler { " (a filling of *)" } else { "" }}
                {s.count_line()}
            </p>
            {coincides}
            {first}
            {last}
            {(!s.speakers.is_empty()).then(|| view! { <ul class="uses" aria-label="Whose words">{speakers}</ul> })}
            {(!s.venues.is_empty()).then(|| view! { <ul class="uses" aria-label="Where it is used">{venues}</ul> })}
        </li>
    }
}

/// The same numbers as a table: periods by series, count and share.
fn table(t: &Track, all: &[Series]) -> impl IntoView {
    let heads = all
        .iter()
        .map(|s| view! { <th scope="col">{s.formulation.clone()}</th> })
        .collect_view();
    let rows = t
        .periods
        .iter()
        .enumerate()
        .map(|(p, period)| {
            let cells = all
                .iter()
                .map(|s| {
                    let share = s.share(&t.periods, p).map(|(v, low)| format!(" ({}{})", percent(v), if low { "*" } else { "" })).unwrap_or_default();
                    view! { <td>{format!("{}{share}", s.counts[p])}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{period.date.human()}</th><td>{period.total}</td>{cells}</tr> }
        })
        .collect_view();
    let head = view! { <th scope="col">"Period"</th><th scope="col">"All statements"</th>{heads} };
    folded_table(
        "The numbers as a table",
        format!("Statements containing each formulation per period (share of the period's statements; * fewer than {LOW_BASE} statements)."),
        head,
        rows,
    )
}
