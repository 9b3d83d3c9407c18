//! Post-filter for Readability output, and a paragraph-density fallback.
//!
//! Readability picks the right container but keeps what sits inside it: copyright lines,
//! "Share this" rows, newsletter boxes, tag lists, photo credits. [`filter`] drops such
//! lines by shape (general rules, no site lists). When Readability finds nothing useful
//! (short pages, unusual markup), [`density_fallback`] collects the page's text-dense
//! paragraphs instead.

use regex::RegexSet;
use std::sync::OnceLock;

fn junk() -> &'static RegexSet {
    static R: OnceLock<RegexSet> = OnceLock::new();
    R.get_or_init(|| {
        RegexSet::new([
            r"(?i)^\W*(?:©|\(c\)|copyright\b)",
            r"(?i)\ball rights reserved\b",
            r"(?i)^\W*(?:share|tweet|email|print|comments?)(?:\s+(?:this|on|via)\b.*)?\W*$",
            r"(?i)^\W*(?:tags?|topics?|filed under|categories)\s*:",
            r"(?i)^\W*(?:advertisement|sponsored|loading|loading\.\.\.|sign in|log in|register|subscribe)\W*$",
            r"(?i)^\W*(?:this (?:article|story) (?:has been|was) (?:updated|corrected))",
            r"(?i)^\W*(?:we use cookies|by (?:continuing|using) (?:to use )?(?:this|our) (?:site|website))",
            r"(?i)^\W*(?:you may also like|more stories|most read|most popular|trending now|recommended for you)\W*$",
        ])
        .unwrap_or_else(|e| panic!("bad boilerplate rule: {e}"))
    })
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Drops boilerplate lines from extracted text and tidies whitespace: lines trimmed, runs
/// of blank lines collapsed to one. A leading line equal to `title` is dropped too (the
/// headline is metadata, not body).
pub fn filter(text: &str, title: Option<&str>) -> String {
    let title = title.map(norm).filter(|t| !t.is_empty());
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    let mut first = true;
    for line in text.lines() {
        let t = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            blank = true;
            continue;
        }
        if first {
            first = false;
            if title.as_deref().is_some_and(|k| norm(&t) == k) {
                continue;
            }
        }
        if t.split_whitespace().count() <= 25 && junk().is_match(&t) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&t);
        blank = false;
    }
    out
}

/// The page's text-dense paragraphs (`<p>` with at least 12 words, outside navigation and
/// footers), joined as paragraphs.
pub fn density_fallback(html: &str) -> String {
    let dom = dom_query::Document::from(html);
    dom.select("script, style, nav, footer, header, aside, form, noscript")
        .remove();
    let paras: Vec<String> = dom
        .select("p, li")
        .iter()
        .filter_map(|p| {
            let t = p.text().split_whitespace().collect::<Vec<_>>().join(" ");
            let words = t.split_whitespace().count();
            let links: usize = p
                .select("a")
                .iter()
                .map(|a| a.text().split_whitespace().count())
                .sum();
            (words >= 12 && links * 2 < words).then_some(t)
        })
        .collect();
    paras.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_junk_keeps_body() {
        let t = "Headline\n\nFirst paragraph of the story.\n\nShare this\n\n© 2020 Example Media\nTags: war, peace\n\nLast paragraph.";
        assert_eq!(
            filter(t, Some("Headline")),
            "First paragraph of the story.\n\nLast paragraph."
        );
    }

    #[test]
    fn fallback_takes_dense_paragraphs() {
        let html = "<html><body><nav><p>Home News Sport Weather and many more links here for you today</p></nav>\
            <div><p>Twelve people were hurt when a bus overturned on the mountain road early on Monday, police said.</p>\
            <p>Short.</p></div></body></html>";
        assert_eq!(
            density_fallback(html),
            "Twelve people were hurt when a bus overturned on the mountain road early on Monday, police said."
        );
    }
}
