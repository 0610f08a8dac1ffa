//! `use_focus_on_mount`: moves keyboard and screen-reader focus to an element (a view's
//! heading) once it is in the page, so opening a view announces it.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element behind `node` as soon as it is mounted.
pub fn use_focus_on_mount<E>(node: NodeRef<E>)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
