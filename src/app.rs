//! The application shell: header, URL notices, and the view the URL asks for, as
//! `tifa_view::resolve::resolve` decides it.

use crate::components::{
    CompareView, ConcordanceView, DocumentList, DocumentReader, FatalError, FormulationsView,
    Notices, PiecesStatus, SearchView, SiteHeader, StatementReader, StatsView, TimelineView,
    TrackerView,
};
use crate::corpus::bundle;
use crate::hooks::{
    provide_bundle, provide_retry_discoveries, provide_url_state, use_bundle, use_pieces, Mined,
};
use leptos::prelude::*;
use tifa_view::resolve::{resolve, View};

/// The whole page, over the corpus compiled into this bundle; its discoveries are
/// fetched once it is drawn (`crate::corpus::load_discoveries`).
#[component]
pub fn App() -> impl IntoView {
    #[cfg(debug_assertions)]
    crate::panic_screen::debug_trigger();
    match bundle() {
        Ok(b) => {
            let mined = provide_bundle(b);
            let load = move || {
                mined.set(Mined::Loading);
                // Decided outside the task: a build of one packing carries no code of
                // the other's.
                if crate::shards::sharded() {
                    leptos::task::spawn_local(load_discoveries_sharded(mined));
                } else {
                    leptos::task::spawn_local(load_discoveries(mined));
                }
            };
            provide_retry_discoveries(Callback::new(move |()| load()));
            if mined.get_untracked() == Mined::Loading {
                load();
            }
            view! { <Shell/> }.into_any()
        }
        Err(e) => {
            let message = match crate::shards::failure() {
                Some(why) => format!("The corpus could not be loaded: {why}"),
                None => format!("The embedded corpus: {e}"),
            };
            view! { <FatalError message=message/> }.into_any()
        }
    }
}

/// Fetches the discoveries and attaches them, then says so in `mined`.
async fn load_discoveries(mined: RwSignal<Mined>) {
    let start = crate::corpus::now_ms();
    let loaded = crate::corpus::load_discoveries(&crate::corpus::discoveries_file()).await;
    discoveries_loaded(mined, &loaded, start);
}

/// As [`load_discoveries`], over a sharded corpus: what the view shown reads of them
/// (the statements it shares passages with) comes before they show.
async fn load_discoveries_sharded(mined: RwSignal<Mined>) {
    let start = crate::corpus::now_ms();
    let mut loaded = crate::corpus::load_discoveries(&crate::corpus::discoveries_file()).await;
    if loaded.is_ok() {
        loaded = crate::shards::fetch_for("", &current_state()).await;
    }
    discoveries_loaded(mined, &loaded, start);
}

/// Says in `mined` how the discoveries came (asked for at `start`).
fn discoveries_loaded(mined: RwSignal<Mined>, loaded: &Result<(), String>, start: f64) {
    let ms = crate::corpus::now_ms() - start;
    mined.set(match loaded {
        Ok(()) => Mined::Ready,
        Err(why) => Mined::Failed(why.clone()),
    });
    // After the views have them: the benchmarks and tests wait for this.
    crate::report_discoveries(loaded, ms);
}

/// The state the address asks for now.
fn current_state() -> tifa_view::url_state::UrlState {
    let query = window().location().search().unwrap_or_default();
    tifa_view::url_state::parse(&query).state
}

/// The page over the corpus provided in context (the app's, or a test's own). Over a
/// sharded corpus, a view is drawn once the pieces it reads have come (`use_pieces`);
/// until then it says what it is loading.
#[component]
pub fn Shell() -> impl IntoView {
    let bundle = use_bundle();
    let url = provide_url_state();
    let pieces = use_pieces(url.state);
    let ready = pieces.ready;
    // Resolved again once the pieces are here: ids are found only among what has come.
    let resolved = Memo::new(move |_| {
        ready.track();
        url.parsed.with(|p| resolve(bundle, p))
    });
    let view_kind = Memo::new(move |_| resolved.with(|(v, _)| *v));
    let notices = Signal::derive(move || {
        let mut out: Vec<String> = url
            .parsed
            .with(|p| p.notices.iter().map(|n| n.to_string()).collect());
        if ready.get() {
            out.extend(resolved.with(|(_, missing)| missing.clone()));
        }
        let mine = crate::corpus::version();
        if let Some(v) = url.parsed.with(|p| p.version.clone()).filter(|v| v != mine) {
            out.push(format!(
                "this link was made on corpus version {v}; this page holds version {mine}, so what it shows may differ"
            ));
        }
        out
    });
    Effect::new(move |_| {
        let title = url.parsed.with(|p| view_kind.get().title(bundle, &p.state));
        document().set_title(&title);
    });
    let corpus = &bundle.corpus;
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <SiteHeader/>
        // The views that lay things side by side use a large screen's width; reading
        // views keep a comfortable line length.
        <main id="main" tabindex="-1" class:wide=move || {
            matches!(
                view_kind.get(),
                View::Compare(..)
                    | View::Timeline
                    | View::Track
                    | View::Kwic
                    | View::Formulations
                    | View::Keywords
                    | View::Collocates
                    | View::Clusters
                    | View::Dispersion
            )
        }>
            <Notices notices=notices/>
            <PiecesStatus status=pieces.status ready=ready retry=pieces.retry/>
            {move || if !ready.get() { ().into_any() } else { match view_kind.get() {
                View::Statement(i) => view! { <StatementReader at=i/> }.into_any(),
                View::Document(i) => view! { <DocumentReader at=i/> }.into_any(),
                View::Library(page) => view! { <DocumentList page=page/> }.into_any(),
                View::Compare(found, len, mode) => {
                    view! { <CompareView chosen=found[..len].to_vec() mode=mode/> }.into_any()
                }
                View::Search => view! { <SearchView/> }.into_any(),
                View::Timeline => view! { <TimelineView/> }.into_any(),
                View::Track => view! { <TrackerView/> }.into_any(),
                View::Kwic => view! { <ConcordanceView/> }.into_any(),
                View::Formulations => view! { <FormulationsView/> }.into_any(),
                View::Keywords | View::Collocates | View::Clusters | View::Dispersion => {
                    view! { <StatsView/> }.into_any()
                }
            }}}
        </main>
        <footer class="site-footer">
            <p>
                {tifa_view::shell::footer_lead(corpus, crate::shards::sharded())}
                <code class="corpus-version">{crate::corpus::version()}</code>
                "."
            </p>
            <p>
                {tifa_view::shell::FOOTER_API.0}
                <a href=tifa_view::shell::FOOTER_API.2>{tifa_view::shell::FOOTER_API.1}</a>
                "."
            </p>
        </footer>
    }
}
