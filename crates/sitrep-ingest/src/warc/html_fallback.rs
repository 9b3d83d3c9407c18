//! HTML bodies of WARC records and feed items, read with the one HTML extractor
//! ([`crate::html::extract`]: main content plus page metadata). Feed descriptions are
//! often bare fragments with no article structure; when the extractor finds no text in
//! one, its visible text (outside script/style) is used as it is.

use scraper::Html;

/// What the HTML gave.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct HtmlDoc {
    /// Headline.
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`) from the page's metadata (or its URL).
    pub published: Option<String>,
    /// Canonical URL from `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// Main text, one paragraph per line.
    pub text: String,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Visible text of a fragment, outside script/style/noscript/title.
fn fragment_text(html: &str) -> String {
    let dom = Html::parse_fragment(html);
    let mut out = String::new();
    for node in dom.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            let inside_code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript" | "title"))
            });
            if !inside_code {
                out.push_str(t);
                out.push(' ');
            }
        }
    }
    squash(&out)
}

/// Extracts headline, date and main text from an HTML page or fragment.
pub fn html_to_doc(html: &str) -> HtmlDoc {
    let ex = crate::html::extract(html, None);
    let text: String = ex
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let text = if text.is_empty() {
        fragment_text(html)
    } else {
        text
    };
    HtmlDoc {
        title: ex.meta.title,
        published: ex.meta.published.or(ex.meta.url_date),
        canonical: ex.meta.canonical,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_gives_title_date_and_paragraphs() {
        let h = html_to_doc(
            r#"<html><head><title>Site | Shelling in Hama</title>
            <meta property="og:title" content="Shelling in Hama kills six">
            <meta property="article:published_time" content="2019-05-01T08:00:00Z">
            <script>var x = 1;</script></head>
            <body><nav><p>Home</p></nav><article><p>Six people were killed.</p>
            <p>The army  denied it.</p></article></body></html>"#,
        );
        assert_eq!(h.title.as_deref(), Some("Shelling in Hama kills six"));
        assert_eq!(h.published.as_deref(), Some("2019-05-01"));
        assert_eq!(h.text, "Six people were killed.\nThe army denied it.");
    }

    #[test]
    fn fragment_without_paragraphs_gives_its_text() {
        let h = html_to_doc("Two <b>killed</b> in Idlib.<script>x()</script>");
        assert_eq!(h.text, "Two killed in Idlib.");
        assert_eq!(html_to_doc("").text, "");
    }
}
