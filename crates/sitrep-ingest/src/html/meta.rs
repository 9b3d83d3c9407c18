//! Page metadata: title, publication date, byline, publisher, canonical URL, language.
//!
//! Read from the parsed DOM before content extraction (which mutates it). Sources in
//! order of trust: JSON-LD `NewsArticle`, OpenGraph / `article:` / Dublin Core / itemprop
//! meta tags, then visible markup (`<h1>`, `<time datetime>`), then the URL path. A field
//! no source gives stays `None`.

use crate::date;
use dom_query::Document;
use serde_json::Value;

/// Metadata found in a page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMeta {
    /// Headline.
    pub title: Option<String>,
    /// Publication date from the page's markup, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Date in the URL path (weaker than a date line in the text).
    pub url_date: Option<String>,
    /// Author(s).
    pub byline: Option<String>,
    /// Site or outlet name.
    pub publisher: Option<String>,
    /// Canonical URL.
    pub canonical: Option<String>,
    /// Language from `<html lang>`, ISO 639-1.
    pub language: Option<String>,
}

fn non_empty(s: impl AsRef<str>) -> Option<String> {
    let t = s.as_ref().split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// The page's `<meta>` values by lower-cased `property` / `name` / `itemprop` (first
/// one wins), collected in one pass over the DOM.
type Metas = std::collections::HashMap<String, String>;

fn collect_metas(dom: &Document) -> Metas {
    let mut m = Metas::new();
    for s in dom.select("meta[content]").iter() {
        let Some(content) = s.attr("content").and_then(non_empty) else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(k) = s.attr(key) {
                m.entry(k.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    m
}

fn meta_content(metas: &Metas, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| metas.get(*k).cloned())
}

/// The JSON-LD fields we use.
#[derive(Default)]
struct LdMeta {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

fn ld_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_empty(s),
        Value::Object(o) => o.get("name").and_then(ld_name),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(ld_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

fn is_article_type(v: Option<&Value>) -> bool {
    let check =
        |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report" || s == "WebPage";
    match v {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(check)),
        _ => false,
    }
}

fn walk_ld(v: &Value, out: &mut LdMeta, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| walk_ld(x, out, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                walk_ld(g, out, depth + 1);
            }
            if is_article_type(o.get("@type")) || o.contains_key("datePublished") {
                let article = o
                    .get("@type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t != "WebPage");
                if out.published.is_none() || article {
                    if let Some(d) = o.get("datePublished").and_then(Value::as_str) {
                        if let Some(d) = date::parse_date(d) {
                            out.published.get_or_insert(d);
                        }
                    }
                }
                if out.headline.is_none() && article {
                    out.headline = o
                        .get("headline")
                        .and_then(Value::as_str)
                        .and_then(non_empty);
                }
                if out.author.is_none() {
                    out.author = o.get("author").and_then(ld_name);
                }
                if out.publisher.is_none() {
                    out.publisher = o.get("publisher").and_then(ld_name);
                }
                if out.url.is_none() && article {
                    out.url = o
                        .get("url")
                        .or_else(|| o.get("mainEntityOfPage").and_then(|m| m.get("@id")))
                        .and_then(Value::as_str)
                        .and_then(non_empty);
                }
            }
        }
        _ => {}
    }
}

fn json_ld(dom: &Document) -> LdMeta {
    let mut out = LdMeta::default();
    for s in dom.select(r#"script[type="application/ld+json"]"#).iter() {
        let raw = s.text();
        if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
            walk_ld(&v, &mut out, 0);
        }
    }
    out
}

/// Strips a site-name suffix or prefix ("Headline | Site", "Site - Headline").
fn clean_title(t: &str, site: Option<&str>) -> String {
    let t = t.trim();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some((a, b)) = t.rsplit_once(sep) {
            let b_site = site.is_some_and(|s| b.trim().eq_ignore_ascii_case(s.trim()));
            let (aw, bw) = (a.split_whitespace().count(), b.split_whitespace().count());
            if b_site || (bw <= 4 && aw >= 3 && a.len() > b.len()) {
                return a.trim().to_string();
            }
        }
        if let Some((a, b)) = t.split_once(sep) {
            if site.is_some_and(|s| a.trim().eq_ignore_ascii_case(s.trim())) {
                return b.trim().to_string();
            }
        }
    }
    t.to_string()
}

/// Reads the metadata of a parsed page.
pub fn read_meta(dom: &Document, url: Option<&str>) -> PageMeta {
    let ld = json_ld(dom);
    let metas = collect_metas(dom);
    let publisher = meta_content(
        &metas,
        &[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
            "dc.publisher",
        ],
    )
    .or(ld.publisher);
    let og_title = meta_content(&metas, &["og:title", "twitter:title", "title"]);
    let h1 = dom
        .select("h1")
        .iter()
        .find_map(|h| non_empty(h.text()))
        .filter(|t| t.split_whitespace().count() >= 3);
    let doc_title = dom.select("title").iter().find_map(|t| non_empty(t.text()));
    let title = ld
        .headline
        .or(og_title)
        .or(h1)
        .or(doc_title)
        .map(|t| clean_title(&t, publisher.as_deref()))
        .filter(|t| !t.is_empty());

    let published = ld
        .published
        .or_else(|| {
            meta_content(
                &metas,
                &[
                    "article:published_time",
                    "article:published_time",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "date",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.created",
                    "sailthru.date",
                    "og:published_time",
                    "parsely-pub-date",
                ],
            )
            .and_then(|d| date::parse_date(&d))
        })
        .or_else(|| {
            dom.select("time[datetime], [itemprop=\"datePublished\"]")
                .iter()
                .find_map(|t| {
                    t.attr("datetime")
                        .or_else(|| t.attr("content"))
                        .and_then(|d| date::parse_date(&d))
                        .or_else(|| date::parse_date(&t.text()))
                })
        });

    let byline = ld
        .author
        .or_else(|| meta_content(&metas, &["author", "article:author", "byl", "dc.creator"]))
        .filter(|a| !a.starts_with("http"))
        .map(|a| {
            a.strip_prefix("By ")
                .or_else(|| a.strip_prefix("by "))
                .unwrap_or(&a)
                .to_string()
        });

    let canonical = dom
        .select(r#"link[rel="canonical"]"#)
        .iter()
        .find_map(|l| l.attr("href").and_then(non_empty))
        .or_else(|| meta_content(&metas, &["og:url"]))
        .or(ld.url)
        .filter(|u| u.starts_with("http"));
    let url_date = canonical
        .as_deref()
        .and_then(date::date_from_url)
        .or_else(|| url.and_then(date::date_from_url));
    let language = dom
        .select("html[lang]")
        .iter()
        .find_map(|h| h.attr("lang").and_then(non_empty))
        .and_then(|l| {
            let code = l
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            (code.len() == 2 && code.chars().all(|c| c.is_ascii_lowercase())).then_some(code)
        });
    PageMeta {
        title,
        published,
        url_date,
        byline,
        publisher,
        canonical,
        language,
    }
}

/// The charset a page declares in its first 2 KB (`<meta charset>` or `http-equiv`).
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let i = head.find("charset=")?;
    let rest = head[i + 8..].trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    non_empty(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_beats_meta_tags() {
        let html = r#"<html><head>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},{"@type":"NewsArticle","headline":"Ten hurt in blast","datePublished":"2019-07-08T09:00:00+03:00","author":[{"@type":"Person","name":"A. Writer"},{"@type":"Person","name":"B. Writer"}],"publisher":{"@type":"Organization","name":"Example Wire"}}]}</script>
<meta property="article:published_time" content="2019-07-09">
<title>Ten hurt in blast - Example Wire</title></head><body><h1>Ten hurt in blast</h1></body></html>"#;
        let dom = Document::from(html);
        let m = read_meta(&dom, None);
        assert_eq!(m.title.as_deref(), Some("Ten hurt in blast"));
        assert_eq!(m.published.as_deref(), Some("2019-07-08"));
        assert_eq!(m.byline.as_deref(), Some("A. Writer, B. Writer"));
        assert_eq!(m.publisher.as_deref(), Some("Example Wire"));
    }

    #[test]
    fn time_element_and_url_date() {
        let html = r#"<html lang="fr-FR"><head><title>Sommet à Paris | Le Site</title></head>
<body><time datetime="2018-02-03T10:00">3 février</time></body></html>"#;
        let dom = Document::from(html);
        let m = read_meta(&dom, Some("https://example.fr/2018/02/03/sommet"));
        assert_eq!(m.published.as_deref(), Some("2018-02-03"));
        assert_eq!(m.url_date.as_deref(), Some("2018-02-03"));
        assert_eq!(m.language.as_deref(), Some("fr"));
        assert_eq!(m.title.as_deref(), Some("Sommet à Paris"));
    }

    #[test]
    fn charset_declaration() {
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">"
            )
            .as_deref(),
            Some("windows-1256")
        );
        assert_eq!(
            declared_charset(b"<meta charset=\"UTF-8\">").as_deref(),
            Some("utf-8")
        );
        assert_eq!(declared_charset(b"<p>none</p>"), None);
    }
}
