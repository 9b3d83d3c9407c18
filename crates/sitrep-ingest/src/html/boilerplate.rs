//! Post-filter for Readability output, and a paragraph-density fallback.
//!
//! Readability picks the right container but keeps what sits inside it: copyright lines,
//! "Share this" rows, newsletter boxes, tag lists, photo credits. [`filter`] drops such
//! lines by shape (general rules, no site lists). When Readability finds nothing useful
//! (short pages, unusual markup), [`density_fallback`] collects the page's text-dense
//! paragraphs instead.

use regex::RegexSet;
use std::sync::OnceLock;

fn teaser_heading() -> &'static regex::Regex {
    static R: OnceLock<regex::Regex> = OnceLock::new();
    R.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^\W*(?:more\s+(?:from|on|in|about)\s+[\w ]{1,30}|more\s+stories|more\s+news|most\s+(?:read|popular|viewed|shared)|related\s+(?:stories|articles|news|content|coverage)|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in)|recommended(?:\s+for\s+you)?|read\s+next|what\s+to\s+read\s+next|top\s+stories|latest\s+(?:news|stories))\W*$",
        )
        .unwrap_or_else(|e| panic!("bad teaser rule: {e}"))
    })
}

fn junk() -> &'static RegexSet {
    static R: OnceLock<RegexSet> = OnceLock::new();
    R.get_or_init(|| {
        RegexSet::new([
            r"(?i)^\W*(?:©|\(c\)|copyright(?-u:\b))|©\s*\d{4}",
            r"(?i)^\W*(?:updated|posted|published)(?:\s+(?:at|on))?\s*:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\W*$",
            r"(?i)(?-u:\b)all rights reserved(?-u:\b)",
            r"(?i)^\W*(?:share|tweet|email|print|comments?)(?:\s+(?:this|on|via)(?-u:\b).*)?\W*$",
            r"(?i)^\W*(?:tags?|topics?|filed under|categories)\s*:",
            r"(?i)^\W*(?:advertisement|sponsored|loading|loading\.\.\.|sign in|log in|register|subscribe)\W*$",
            r"(?i)^\W*(?:this (?:article|story) (?:has been|was) (?:updated|corrected))",
            r"(?i)^\W*(?:we use cookies|by (?:continuing|using) (?:to use )?(?:this|our) (?:site|website))",
            r"(?i)^\W*(?:you may also like|more stories|most read|most popular|trending now|recommended for you)\W*$",
        ])
        .unwrap_or_else(|e| panic!("bad boilerplate rule: {e}"))
    })
}

/// A row of share buttons: short, mostly social-network and share words.
fn social_row(t: &str) -> bool {
    const SOCIAL: &[&str] = &[
        "whatsapp",
        "facebook",
        "twitter",
        "pinterest",
        "pint",
        "pin",
        "linkedin",
        "reddit",
        "email",
        "e-mail",
        "mail",
        "print",
        "share",
        "tweet",
        "telegram",
        "messenger",
        "sms",
        "tumblr",
        "flipboard",
        "copy",
        "link",
        "vk",
        "baixar",
        "download",
        "compartilhar",
        "compartir",
        "teilen",
        "partager",
        "comments",
        "comment",
        "x",
    ];
    if t.len() > 100 {
        return false;
    }
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == '|' || c == '/')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let hits = words
        .iter()
        .filter(|w| SOCIAL.contains(&w.as_str()))
        .count();
    hits >= 2 && hits * 3 >= words.len() * 2
}

/// Drops boilerplate lines from extracted text and tidies whitespace: lines trimmed, runs
/// of blank lines collapsed to one. (A leading headline line is left for the line cleaner,
/// which records it in `removed` as `title`.)
pub fn filter(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    let mut in_teasers = false;
    for line in text.lines() {
        let t = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if t.is_empty() {
            blank = true;
            continue;
        }
        // A "More from …" heading starts a list of other stories' headlines: drop the
        // heading and the headline-like lines after it.
        if in_teasers && !t.ends_with(['.', '!', '?', '"', '”', '。']) {
            continue;
        }
        in_teasers = false;
        if t.len() <= 60 && teaser_heading().is_match(&t) {
            in_teasers = true;
            continue;
        }
        let words = t.split_whitespace().count();
        if words <= 25 && junk().is_match(&t) || social_row(&t) {
            continue;
        }
        // A lone word without punctuation is a label ("Tags", a section name), not body.
        if words == 1 && t.chars().count() <= 25 && !t.ends_with(['.', '!', '?', '"', '”', '。'])
        {
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

/// The page's text-dense paragraphs (`<p>`/`<li>` with at least 70 characters, mostly not
/// link text, outside navigation and footers), joined as paragraphs.
pub fn density_fallback(html: &str) -> String {
    let dom = dom_query::Document::from(html);
    dom.select("script, style, nav, footer, header, aside, form, noscript")
        .remove();
    let paras: Vec<String> = dom
        .select("p, li")
        .iter()
        .filter_map(|p| {
            let t = p.text().split_whitespace().collect::<Vec<_>>().join(" ");
            let chars = t.chars().count();
            let links: usize = p.select("a").iter().map(|a| a.text().chars().count()).sum();
            // Dense: a sentence or more of text, mostly not link text.
            (chars >= 70 && links * 2 < chars).then_some(t)
        })
        .collect();
    paras.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_junk_keeps_body() {
        let t = "First paragraph of the story.\n\nShare this\n\n© 2020 Example Media\nTags: war, peace\nWhatsApp Facebook Pin Download\nWorld\nUpdated at 1:23 p.m.\n\nLast paragraph.";
        assert_eq!(
            filter(t),
            "First paragraph of the story.\n\nLast paragraph."
        );
    }

    #[test]
    fn drops_teaser_lists() {
        let t = "Body of the story ends here.\n\nMore from World\nMinister quits over budget row\nFloods hit the coast\n\nA closing note that is body.";
        assert_eq!(
            filter(t),
            "Body of the story ends here.\n\nA closing note that is body."
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
