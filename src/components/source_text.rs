//! The whole source document as collected: every line of the raw text, with the parts
//! removed in cleaning greyed and labelled with the reason, and highlighted passages.

use leptos::prelude::*;
use tifa_model::{Document, Span};
use tifa_view::layout::{layout, PieceKind};

#[component]
pub fn SourceText(
    doc: &'static Document<'static>,
    /// Spans to mark (sorted, disjoint), e.g. the passages of the statement being read.
    highlight: Vec<Span>,
    /// What the highlights are, for the explanatory note.
    #[prop(optional)]
    highlight_note: Option<&'static str>,
    /// When to draw the lines (at once without it): a long source below the statement
    /// it comes from is drawn once the statement has been painted.
    #[prop(optional, into)]
    when: Option<Signal<bool>>,
) -> impl IntoView {
    let note = format!(
        "Every line of {}, byte for byte. Parts removed in cleaning are greyed, with the reason.{}",
        doc.source_file,
        highlight_note.map(|n| format!(" {n}")).unwrap_or_default()
    );
    let painted = when.unwrap_or(Signal::stored(true));
    view! {
        <section class="raw-text" aria-labelledby="raw-title">
            <h2 id="raw-title">"Source document"</h2>
            <p class="note">{note}</p>
            <div class="text" lang=doc.language.as_ref()>
                {move || painted.get().then(|| lines(doc, &highlight))}
            </div>
        </section>
    }
}

/// Every line of `doc`, its pieces plain, marked or removed (with the reason).
fn lines(doc: &'static Document<'static>, highlight: &[Span]) -> impl IntoView {
    layout(doc, highlight)
        .into_iter()
        .map(|line| {
            let pieces = line
                .pieces
                .into_iter()
                .map(|p| {
                    let text = doc.text(p.span);
                    match p.kind {
                        PieceKind::Plain => view! { <span>{text}</span> }.into_any(),
                        PieceKind::Highlight { .. } => view! { <mark>{text}</mark> }.into_any(),
                        PieceKind::Removed { removal, first } => {
                            let reason = doc.removed[removal].reason.as_ref();
                            view! {
                                <span class="removed">
                                    {first.then(|| view! { <span class="removed-label">"Removed: " {reason}</span> })}
                                    {text}
                                </span>
                            }
                            .into_any()
                        }
                    }
                })
                .collect_view();
            view! { <p class="line" data-line=line.number>{pieces}</p> }
        })
        .collect_view()
}
