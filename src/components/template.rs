//! Draws a `tifa_view::template` node as DOM: each element created by its tag with its
//! attributes, each text a text node (never markup), each link's state written as the
//! page's href (a plain `<a>`: the URL state's one listener follows clicks); a `style`
//! is set property by property through the CSSOM, as the CSP requires.

use crate::hooks::use_url_state;
use leptos::html::custom;
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos::tachys::html::style::style;
use tifa_view::template::Node;

/// The nodes, drawn.
pub fn draw(nodes: Vec<Node>) -> AnyView {
    let url = use_url_state();
    nodes
        .into_iter()
        .map(|n| node(n, &|to| url.href(to)))
        .collect_view()
        .into_any()
}

fn node(n: Node, href: &dyn Fn(&tifa_view::url_state::UrlState) -> String) -> AnyView {
    match n {
        Node::Text(t) => t.into_any(),
        Node::Element(e) => {
            let mut attrs: Vec<AnyAttribute> = Vec::with_capacity(e.attrs.len() + 1);
            for (k, v) in e.attrs {
                if k == "style" {
                    // Through the CSSOM, which the CSP allows (a style attribute it
                    // does not): `left:12.5%;height:40%`.
                    for (name, value) in v.split(';').filter_map(|d| d.split_once(':')) {
                        attrs.push(style((name.to_owned(), value.to_owned())).into_any_attr());
                    }
                } else {
                    attrs.push(custom_attribute(k, v).into_any_attr());
                }
            }
            if let Some(to) = &e.to {
                attrs.push(custom_attribute("href", href(to)).into_any_attr());
            }
            let children: Vec<AnyView> = e.children.into_iter().map(|c| node(c, href)).collect();
            custom(e.tag).add_any_attr(attrs).child(children).into_any()
        }
    }
}
