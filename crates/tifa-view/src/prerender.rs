//! The page's first paint, as HTML written into `index.html` at build time (`build.rs`
//! renders it, `pwa/postbuild.mjs` puts it in the page): the shell — header, search
//! box, footer — and the library's first page, with the app's classes and words, so a
//! visitor reads the documents before the Wasm has arrived.
//!
//! **The app replaces this markup on mount, it does not hydrate it**: the markup only
//! has to look the same (same elements, classes and text, so nothing moves: the
//! end-to-end tests measure the layout shift and compare the text). Its links are plain
//! relative links (`?doc=…`), so a click made before the app is ready navigates, and the
//! app reads whatever was typed into its search box ([`crate::shell`] and
//! `UrlState::typed` decide where that leads).
//!
//! Everything taken from the corpus is escaped: corpus text is never markup.
//!
//! ```
//! use tifa_core::blob::Bundle;
//! use tifa_model::Corpus;
//! let html = tifa_view::prerender::page(&Bundle::new(Corpus::empty()), "0123456789ab", false);
//! assert!(html.starts_with(r#"<div id="boot" class="prerendered">"#));
//! assert!(html.contains("0 source documents holding 0 statements."));
//! ```

use crate::paging;
use crate::resolve::LIBRARY_PAGE_SIZE;
use crate::shell::{footer_lead, library_lede, FOOTER_API, VIEWS};
use crate::template::{self, Node};
use crate::url_state::{to_query, UrlState, ViewKind};
use std::fmt::Write;
use tifa_core::blob::Bundle;

/// The label, placeholder and themes of the header, as the app's components show them.
const SEARCH_PLACEHOLDER: &str = "Search statements  ( / )";
const THEMES: [(&str, &str); 3] = [("system", "System"), ("light", "Light"), ("dark", "Dark")];

/// The first paint: `<div id="boot" class="prerendered">` holding the shell and the
/// library's first page; `version` is the corpus version the footer names.
pub fn page(bundle: &Bundle, version: &str, sharded: bool) -> String {
    let corpus = &bundle.corpus;
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(r#"<div id="boot" class="prerendered">"#);
    out.push_str(r##"<a class="skip-link" href="#main">Skip to content</a>"##);
    header(&mut out);
    out.push_str(r#"<main id="main" tabindex="-1">"#);
    // Shown instead of the list when the address asks for another view (the stylesheet
    // decides, from the class pwa/first-paint.js sets before the first paint).
    out.push_str(r#"<p class="boot boot-status" role="status">Loading…</p>"#);
    library(&mut out, bundle);
    out.push_str("</main>");
    let (before, text, to) = FOOTER_API;
    let _ = write!(
        out,
        r#"<footer class="site-footer"><p>{}<code class="corpus-version">{}</code>.</p><p>{}<a href="{}">{}</a>.</p></footer>"#,
        esc(&footer_lead(corpus, sharded)),
        esc(version),
        esc(before),
        esc(to),
        esc(text)
    );
    out.push_str("</div>");
    out
}

/// A relative link to a state: the page itself (`./`) or its query.
fn href(state: &UrlState) -> String {
    let q = to_query(state);
    if q.is_empty() {
        "./".to_owned()
    } else {
        q
    }
}

fn header(out: &mut String) {
    out.push_str(r#"<header class="site-header"><a class="brand" href="./">Tifa</a>"#);
    out.push_str(r#"<nav class="site-nav" aria-label="Views"><ul>"#);
    let here = UrlState::default();
    for (kind, label) in VIEWS {
        let current = if kind == ViewKind::Library {
            r#" aria-current="page""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<li{current}><a href="{}">{label}</a></li>"#,
            esc(&href(&here.nav_to(kind)))
        );
    }
    out.push_str("</ul></nav>");
    let _ = write!(
        out,
        r#"<div class="search-box" role="search"><label class="visually-hidden" for="q">Search statements</label><input id="q" type="search" placeholder="{SEARCH_PLACEHOLDER}" autocomplete="off" spellcheck="false"></div>"#
    );
    // The copy button and the theme choice work once the app is ready.
    out.push_str(r#"<div class="header-tools"><span class="copy "><button type="button" disabled>Copy link</button><span class="copy-status" role="status"></span></span>"#);
    out.push_str(r#"<label class="theme">Theme <select disabled>"#);
    for (key, label) in THEMES {
        let selected = if key == "system" { " selected" } else { "" };
        let _ = write!(out, r#"<option value="{key}"{selected}>{label}</option>"#);
    }
    out.push_str("</select></label></div></header>");
}

fn library(out: &mut String, bundle: &Bundle) {
    let corpus = &bundle.corpus;
    let total = corpus.documents.len();
    let (p, _) = paging::page(total, LIBRARY_PAGE_SIZE, 1);
    out.push_str(r#"<section class="library" aria-labelledby="library-title"><h1 id="library-title">Documents</h1>"#);
    let _ = write!(out, r#"<p class="lede">{}</p>"#, esc(&library_lede(corpus)));
    let pager = |out: &mut String| {
        if p.last > 1 {
            let next = UrlState {
                page: Some(2),
                ..UrlState::default()
            };
            let _ = write!(
                out,
                r#"<nav class="pager" aria-label="Pages of documents"><span class="pager-status">{}</span><a href="{}">Next →</a></nav>"#,
                esc(&p.status("Documents", total)),
                esc(&href(&next))
            );
        }
    };
    pager(out);
    let _ = write!(
        out,
        r#"<ol class="doc-list" start="{}">"#,
        p.range.start + 1
    );
    for i in p.range.clone() {
        write_node(out, &template::document(bundle, i as u32));
    }
    out.push_str("</ol>");
    pager(out);
    out.push_str("</section>");
}

/// A template's node as HTML: text escaped, a link's state as a relative href.
fn write_node(out: &mut String, node: &Node) {
    match node {
        Node::Text(t) => out.push_str(&esc(t)),
        Node::Element(e) => {
            out.push('<');
            out.push_str(e.tag);
            for (key, value) in &e.attrs {
                let _ = write!(out, r#" {key}="{}""#, esc(value));
            }
            if let Some(to) = &e.to {
                let _ = write!(out, r#" href="{}""#, esc(&href(to)));
            }
            out.push('>');
            for child in &e.children {
                write_node(out, child);
            }
            let _ = write!(out, "</{}>", e.tag);
        }
    }
}

/// Text made safe for an element's content or a quoted attribute.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tifa_compile::compile_dir;

    fn fixture(name: &str) -> Bundle<'static> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures")
            .join(name);
        Bundle::new(compile_dir(&dir).expect("fixture corpus compiles"))
    }

    #[test]
    fn lists_every_document_of_the_first_page_with_plain_links() {
        let bundle = fixture("corpus");
        let html = page(&bundle, "abc", false);
        for doc in &bundle.corpus.documents {
            let link = format!(r#"href="?doc={}""#, doc.id.as_ref().replace(' ', "+"));
            assert!(html.contains(&link), "{link}");
        }
        for s in &bundle.corpus.statements {
            assert!(html.contains(&format!(r#"data-statement-id="{}""#, s.id.as_ref())));
        }
        assert!(html.contains(r#"<a href="?view=timeline">Timeline</a>"#));
        assert!(html.contains(r#"<code class="corpus-version">abc</code>"#));
        // No inline script or handler: the page's CSP allows none.
        assert!(!html.contains("<script"));
        let handler = html.split(" on").skip(1).any(|rest| {
            let name = rest.bytes().take_while(u8::is_ascii_lowercase).count();
            name > 0 && rest.as_bytes().get(name) == Some(&b'=')
        });
        assert!(!handler, "an inline event handler");
    }

    #[test]
    fn corpus_text_is_escaped_never_markup() {
        let bundle = fixture("hostile");
        let html = page(&bundle, "x", false);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;"));
    }

    #[test]
    fn a_long_library_shows_its_first_page_and_a_link_to_the_next() {
        let bundle = fixture("corpus");
        let mut corpus = bundle.corpus.clone();
        let doc = corpus.documents[0].clone();
        let statement = corpus.statements[0].clone();
        while corpus.documents.len() < 120 {
            let mut d = doc.clone();
            d.id = format!("extra-{}", corpus.documents.len()).into();
            corpus.documents.push(d);
            let mut s = statement.clone();
            s.id = format!("extra-s-{}", corpus.documents.len()).into();
            s.document = corpus.documents.len() as u32 - 1;
            corpus.statements.push(s);
        }
        let html = page(&Bundle::new(corpus), "x", false);
        assert_eq!(
            html.matches(r#"class="doc-item""#).count(),
            LIBRARY_PAGE_SIZE
        );
        assert!(html.contains("Documents 1–50 of 120 (page 1 of 3)"));
        assert_eq!(html.matches(r#"<a href="?page=2">Next →</a>"#).count(), 2);
    }
}
