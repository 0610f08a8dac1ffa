//! Reactive text and attribute values through one boxed closure type per shape.
//!
//! Tachys compiles its update code once per closure type, so a view of many small
//! reactive values (the search view's result and facet slots) pays that for every
//! closure. These box the closure first: each shape is compiled once.
//!
//! ```ignore
//! view! { <li hidden=flag(move || row.get().is_none())>{text(move || name())}</li> }
//! ```

use leptos::prelude::*;

type Boxed<T> = Box<dyn Fn() -> T + Send + Sync>;

/// A text that follows `f`.
pub fn text(f: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    text_of(Box::new(f))
}

fn text_of(f: Boxed<String>) -> impl IntoView {
    move || f()
}

/// An attribute that follows `f` (absent when `None`).
pub fn maybe(
    f: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    maybe_of(Box::new(f))
}

fn maybe_of(f: Boxed<Option<String>>) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || f()
}

/// A boolean attribute (`hidden`) that follows `f`.
pub fn flag(
    f: impl Fn() -> bool + Send + Sync + 'static,
) -> impl Fn() -> bool + Send + Sync + 'static {
    flag_of(Box::new(f))
}

fn flag_of(f: Boxed<bool>) -> impl Fn() -> bool + Send + Sync + 'static {
    move || f()
}
