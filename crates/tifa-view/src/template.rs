//! The library's documents and statement lines as one template, drawn by both
//! renderers: the Leptos components build DOM nodes from it (`src/components/template.rs`)
//! and [`crate::prerender`] writes it as the first paint's HTML. So the page the HTML
//! shows before the Wasm arrives and the one the app draws are one markup by
//! construction; the end-to-end tests compare the two trees as well.
//!
//! A template holds only elements, attributes and text: **text is text** for both
//! renderers (a DOM text node; escaped in HTML), never markup.
//!
//! ```
//! use tifa_view::template::Node;
//! let n = Node::el("p", &[("class", "x")], vec![Node::text("a < b")]);
//! assert_eq!(n.text_content(), "a < b");
//! ```

use crate::reader::{headline, outlet_label, statement_meta, topic_line};
use crate::url_state::UrlState;
use tifa_core::blob::Bundle;
use tifa_model::{Corpus, Statement};

/// An element or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// An element: its tag, attributes, where it links to (an `<a>`'s href, which each
/// renderer writes its own way: the app as the page path and query, the HTML as a
/// relative query), and children.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub to: Option<Box<UrlState>>,
    pub children: Vec<Node>,
}

impl Node {
    /// An element with attributes and children.
    pub fn el(tag: &'static str, attrs: &[(&'static str, &str)], children: Vec<Node>) -> Node {
        Node::Element(Element {
            tag,
            attrs: attrs.iter().map(|&(k, v)| (k, v.to_owned())).collect(),
            to: None,
            children,
        })
    }

    /// A link to a state.
    pub fn link(to: UrlState, attrs: &[(&'static str, &str)], children: Vec<Node>) -> Node {
        let mut a = Node::el("a", attrs, children);
        if let Node::Element(e) = &mut a {
            e.to = Some(Box::new(to));
        }
        a
    }

    /// A text.
    pub fn text(t: impl Into<String>) -> Node {
        Node::Text(t.into())
    }

    /// Its text, as the DOM's `textContent` reads it.
    pub fn text_content(&self) -> String {
        match self {
            Node::Text(t) => t.clone(),
            Node::Element(e) => e.children.iter().map(Node::text_content).collect(),
        }
    }
}

/// A document of the library: its title (a link), date and outlet, and its
/// statements, each a [`statement_item`].
pub fn document(bundle: &Bundle, index: u32) -> Node {
    let corpus = &bundle.corpus;
    let doc = &corpus.documents[index as usize];
    let to = UrlState {
        doc: Some(doc.id.to_string()),
        ..UrlState::default()
    };
    let statements = bundle
        .statements_of(index)
        .map(|s| statement_item(corpus, s))
        .collect();
    Node::el(
        "li",
        &[("class", "doc-item"), ("data-document-id", &doc.id)],
        vec![
            Node::el(
                "h2",
                &[("class", "doc-title")],
                vec![Node::link(to, &[], vec![Node::text(doc.title.as_ref())])],
            ),
            Node::el(
                "p",
                &[("class", "doc-meta")],
                vec![
                    Node::el(
                        "span",
                        &[("class", "doc-date")],
                        vec![Node::text(doc.published.label())],
                    ),
                    Node::text(" · "),
                    Node::el(
                        "span",
                        &[("class", "doc-outlet")],
                        vec![Node::text(outlet_label(corpus, doc))],
                    ),
                ],
            ),
            Node::el(
                "ul",
                &[("class", "statement-list"), ("aria-label", "Statements")],
                statements,
            ),
        ],
    )
}

/// A statement in a list: `<li class="statement-item">` holding its [`statement_line`],
/// the speaker linking to the statement in the reader.
pub fn statement_item(corpus: &Corpus, s: &Statement) -> Node {
    let to = UrlState {
        s: Some(s.id.to_string()),
        ..UrlState::default()
    };
    Node::el(
        "li",
        &[("class", "statement-item"), ("data-statement-id", &s.id)],
        statement_line(corpus, s, to),
    )
}

/// A statement's line: the speaker as a link to `to`, then its date and occasion, its
/// headline quoted, and its topics.
pub fn statement_line(corpus: &Corpus, s: &Statement, to: UrlState) -> Vec<Node> {
    let span =
        |class: &str, text: String| Node::el("span", &[("class", class)], vec![Node::text(text)]);
    let mut line = vec![
        Node::link(
            to,
            &[("class", "statement-link")],
            vec![Node::text(corpus.speaker_of(s).name.as_ref())],
        ),
        span("statement-meta", statement_meta(corpus, s)),
        span("statement-headline", format!("“{}”", headline(corpus, s))),
    ];
    line.extend(topic_line(corpus, s).map(|t| span("statement-topics", t)));
    line
}
