//! Minimal HTML → text for WARC and feed bodies, until the main HTML extractor
//! (`crate::html`) is wired in: the lead can redirect [`html_to_doc`] to it.
//!
//! Takes the headline (`og:title`, else `<title>`), the publication date from the usual
//! meta tags, and the text of the `<p>` elements (inside `<article>` when there is one),
//! one paragraph per line; a fragment without paragraphs gives its whole text.

use crate::feed::date::normalize_date;
use scraper::{Html, Selector};
use std::sync::OnceLock;

/// What the HTML gave.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct HtmlDoc {
    /// Headline.
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`) from meta tags.
    pub published: Option<String>,
    /// Canonical URL from `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// Main text, one paragraph per line.
    pub text: String,
}

struct Sels {
    og_title: Selector,
    title: Selector,
    date_meta: Selector,
    time: Selector,
    canonical: Selector,
    article_p: Selector,
    p: Selector,
}

fn sels() -> Option<&'static Sels> {
    static S: OnceLock<Option<Sels>> = OnceLock::new();
    S.get_or_init(|| {
        Some(Sels {
            og_title: Selector::parse(r#"meta[property="og:title"]"#).ok()?,
            title: Selector::parse("title").ok()?,
            date_meta: Selector::parse(
                r#"meta[property="article:published_time"], meta[name="pubdate"], meta[name="date"], meta[itemprop="datePublished"], meta[name="DC.date.issued"]"#,
            )
            .ok()?,
            time: Selector::parse("time[datetime]").ok()?,
            canonical: Selector::parse(r#"link[rel="canonical"]"#).ok()?,
            article_p: Selector::parse("article p").ok()?,
            p: Selector::parse("p").ok()?,
        })
    })
    .as_ref()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Extracts headline, date and main text from an HTML page or fragment.
pub fn html_to_doc(html: &str) -> HtmlDoc {
    let Some(s) = sels() else {
        return HtmlDoc::default();
    };
    let dom = Html::parse_document(html);
    let attr = |sel: &Selector, a: &str| -> Option<String> {
        dom.select(sel)
            .filter_map(|e| e.value().attr(a))
            .map(squash)
            .find(|v| !v.is_empty())
    };
    let title = attr(&s.og_title, "content").or_else(|| {
        dom.select(&s.title)
            .map(|e| squash(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    });
    let published = attr(&s.date_meta, "content")
        .or_else(|| attr(&s.time, "datetime"))
        .and_then(|d| normalize_date(&d));
    let canonical = attr(&s.canonical, "href");
    let paras = |sel: &Selector| -> Vec<String> {
        dom.select(sel)
            .map(|e| squash(&e.text().collect::<String>()))
            .filter(|t| !t.is_empty())
            .collect()
    };
    let mut lines = paras(&s.article_p);
    if lines.is_empty() {
        lines = paras(&s.p);
    }
    if lines.is_empty() {
        // A fragment without paragraphs: all text outside script/style.
        let mut out = String::new();
        for node in dom.root_element().descendants() {
            if let Some(t) = node.value().as_text() {
                let inside_code = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        matches!(e.name(), "script" | "style" | "noscript" | "title")
                    })
                });
                if !inside_code {
                    out.push_str(t);
                    out.push(' ');
                }
            }
        }
        let t = squash(&out);
        if !t.is_empty() {
            lines.push(t);
        }
    }
    HtmlDoc {
        title,
        published,
        canonical,
        text: lines.join("\n"),
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
