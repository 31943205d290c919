//! Problem statements are Markdown; they are rendered here, on the server,
//! so the page needs no script to show them.

use pulldown_cmark::{html, CowStr, Event, Options, Parser};

/// Renders a statement to HTML. Raw HTML in the Markdown is shown as text,
/// not interpreted: statements may come from imported packages, and the
/// page's content security policy should never be the only guard.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(pulldown_cmark::Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(pulldown_cmark::Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::Start(pulldown_cmark::Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(pulldown_cmark::Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
        }
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// `javascript:` and other script-bearing schemes become an inert `#`.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:") {
        CowStr::Borrowed("#")
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn renders_markdown_and_escapes_raw_html() {
        let cases = [
            ("# Title", "<h1>Title</h1>"),
            ("Use `a + b`.", "<code>a + b</code>"),
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("a <b onclick=x>b</b>", "&lt;b onclick=x&gt;"),
            ("[x](javascript:alert(1))", "<a href=\"#\">x</a>"),
            ("| a | b |\n|---|---|\n| 1 | 2 |", "<table>"),
        ];
        for (markdown, expected) in cases {
            let html = to_html(markdown);
            assert!(html.contains(expected), "{markdown:?} rendered as {html:?}, expected to contain {expected:?}");
            assert!(!html.contains("<script"), "{markdown:?} rendered a script tag: {html:?}");
        }
    }
}
