//! Draws a `tifa_view::template` node as DOM: each element created by its tag with its
//! attributes, each text a text node (never markup), each link's state written as the
//! page's href (a plain `<a>`: the URL state's one listener follows clicks).

use crate::hooks::use_url_state;
use leptos::html::custom;
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::tachys::html::attribute::custom::custom_attribute;
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
            let mut attrs: Vec<AnyAttribute> = e
                .attrs
                .into_iter()
                .map(|(k, v)| custom_attribute(k, v).into_any_attr())
                .collect();
            if let Some(to) = &e.to {
                attrs.push(custom_attribute("href", href(to)).into_any_attr());
            }
            let children: Vec<AnyView> = e.children.into_iter().map(|c| node(c, href)).collect();
            custom(e.tag).add_any_attr(attrs).child(children).into_any()
        }
    }
}
