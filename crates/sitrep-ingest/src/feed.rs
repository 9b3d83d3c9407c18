//! RSS 2.0 / Atom (and RSS 1.0 RDF) feed reader: one document per item / entry.
//!
//! Full text when the feed carries it (`content:encoded` in RSS, `<content>` in Atom),
//! else the summary (`description` / `summary`). Bodies are HTML and go through the HTML
//! extractor. Id = the item's `guid` / Atom `id`, else its link, so re-reading a feed
//! archive updates items instead of duplicating them; publisher = the channel title.
//! A file that is not XML, or XML that is not a feed, is one error for the file; a
//! malformed item is reported with its number and the other items still go in.

use crate::date::parse_date;
use crate::warc::{host_of, html_to_doc};
use crate::{DocIter, IngestError, ReadOptions};
use quick_xml::events::Event as X;
use quick_xml::Reader;
use sitrep_model::Doc;
use std::path::Path;

/// Reads an RSS or Atom file.
pub fn read_path(path: &Path, opts: &ReadOptions) -> DocIter {
    let bytes = match std::fs::metadata(path).and_then(|m| {
        if m.len() > opts.max_bytes {
            Ok(Err(m.len()))
        } else {
            std::fs::read(path).map(Ok)
        }
    }) {
        Ok(Ok(b)) => b,
        Ok(Err(size)) => {
            return Box::new(std::iter::once(Err(IngestError::TooLarge {
                path: path.to_path_buf(),
                size,
                max: opts.max_bytes,
            })))
        }
        Err(source) => {
            return Box::new(std::iter::once(Err(IngestError::Io {
                path: path.to_path_buf(),
                source,
            })))
        }
    };
    Box::new(read_bytes(&bytes, path, opts).into_iter())
}

#[derive(Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    id: Option<String>,
    date: Option<String>,
    summary: Option<String>,
    content: Option<String>,
    author: Option<String>,
}

/// Parses a whole feed (feeds are small) into per-item results.
pub fn read_bytes(bytes: &[u8], path: &Path, opts: &ReadOptions) -> Vec<Result<Doc, IngestError>> {
    let text = String::from_utf8_lossy(bytes);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let not_feed = |why: &str| {
        IngestError::Format {
        path: path.to_path_buf(),
        message: format!(
            "not an RSS or Atom feed: {why}\nhelp: pass an RSS 2.0 or Atom XML file, or choose another --input-format"
        ),
    }
    };
    if !trimmed.starts_with('<') {
        return vec![Err(not_feed("it does not start with XML markup"))];
    }
    let mut reader = Reader::from_str(trimmed);
    reader.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut channel_title: Option<String> = None;
    let mut root_seen = false;
    let mut item: Option<Item> = None;
    let mut item_no = 0usize;
    let mut buf = String::new();
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let pos = reader.buffer_position();
                let err = if root_seen {
                    IngestError::Item {
                        location: format!(
                            "{}#item {}",
                            path.display(),
                            if item.is_some() { item_no } else { item_no + 1 }
                        ),
                        message: format!(
                            "malformed XML at byte {pos}: {e}; the rest of the feed was skipped\nhelp: fix the feed; items before this point were read"
                        ),
                    }
                } else {
                    not_feed(&format!("malformed XML at byte {pos}: {e}"))
                };
                out.push(Err(err));
                break;
            }
        };
        match ev {
            X::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase();
                if !root_seen {
                    if !matches!(name.as_str(), "rss" | "feed" | "rdf:rdf") {
                        return vec![Err(not_feed(&format!("its root element is <{name}>")))];
                    }
                    root_seen = true;
                }
                if name == "item" || name == "entry" {
                    item = Some(Item::default());
                    item_no += 1;
                }
                if name == "link" {
                    if let Some(it) = item.as_mut() {
                        link_attr(&e, it);
                    }
                }
                stack.push(name);
                buf.clear();
            }
            X::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase();
                if name == "link" {
                    if let Some(it) = item.as_mut() {
                        link_attr(&e, it);
                    }
                }
            }
            X::Text(t) => {
                if let Ok(s) = t.xml_content() {
                    buf.push_str(&s);
                }
            }
            X::CData(t) => {
                buf.push_str(&String::from_utf8_lossy(&t.into_inner()));
            }
            X::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    buf.push(c);
                } else if let Ok(name) = r.decode() {
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => buf.push_str(s),
                        None if name == "nbsp" => buf.push(' '),
                        None => {}
                    }
                }
            }
            X::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let value = buf.trim().to_string();
                buf.clear();
                let parent = stack.last().map(String::as_str);
                if name == "item" || name == "entry" {
                    if let Some(it) = item.take() {
                        out.push(item_doc(it, item_no, channel_title.as_deref(), path, opts));
                    }
                    continue;
                }
                if value.is_empty() {
                    continue;
                }
                match item.as_mut() {
                    Some(it) => match name.as_str() {
                        "title" => it.title = Some(value),
                        "link" if it.link.is_none() => it.link = Some(value),
                        "guid" | "id" => it.id = Some(value),
                        "pubdate" | "published" | "dc:date" => it.date = Some(value),
                        "updated" if it.date.is_none() => it.date = Some(value),
                        "description" | "summary" => it.summary = Some(value),
                        "content:encoded" | "content" => it.content = Some(value),
                        "name" if parent == Some("author") => it.author = Some(value),
                        "author" | "dc:creator" if it.author.is_none() => it.author = Some(value),
                        _ => {}
                    },
                    None => {
                        if name == "title"
                            && channel_title.is_none()
                            && matches!(parent, Some("channel") | Some("feed"))
                        {
                            channel_title = Some(value);
                        }
                    }
                }
            }
            X::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return vec![Err(not_feed("no <rss> or <feed> element"))];
    }
    out
}

fn link_attr(e: &quick_xml::events::BytesStart, it: &mut Item) {
    let mut href = None;
    let mut rel = None;
    for a in e.attributes().flatten() {
        let v = a.unescape_value().map(|v| v.into_owned()).ok();
        match a.key.as_ref() {
            b"href" => href = v,
            b"rel" => rel = v,
            _ => {}
        }
    }
    if let Some(h) = href {
        if rel.as_deref().is_none_or(|r| r == "alternate") && it.link.is_none() {
            it.link = Some(h);
        }
    }
}

fn item_doc(
    it: Item,
    n: usize,
    channel: Option<&str>,
    path: &Path,
    opts: &ReadOptions,
) -> Result<Doc, IngestError> {
    let location = format!("{}#item {n}", path.display());
    let body = it
        .content
        .as_deref()
        .or(it.summary.as_deref())
        .unwrap_or("");
    let page = html_to_doc(body);
    if page.text.trim().is_empty() {
        return Err(IngestError::Empty { path: location });
    }
    let id = it
        .id
        .clone()
        .or_else(|| it.link.clone())
        .unwrap_or_else(|| location.clone());
    let mut doc = Doc::new(id, page.text);
    doc.title = it
        .title
        .map(|t| html_to_doc(&t).text)
        .filter(|t| !t.is_empty());
    doc.published = opts
        .published
        .clone()
        .or_else(|| it.date.as_deref().and_then(parse_date));
    doc.publisher = channel
        .map(str::to_string)
        .or_else(|| it.link.as_deref().and_then(host_of));
    doc.byline = it.author;
    doc.url = it.link;
    doc.source = Some(location);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_item_prefers_full_text() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
        <item><title>Six killed</title><link>https://w.example/a</link><guid>w-1</guid>
        <pubDate>Tue, 04 Apr 2017 10:00:00 +0000</pubDate><description>Short.</description>
        <content:encoded><![CDATA[<p>Six people were killed &amp; more.</p>]]></content:encoded></item></channel></rss>"#;
        let docs = read_bytes(xml.as_bytes(), Path::new("f.xml"), &ReadOptions::default());
        assert_eq!(docs.len(), 1);
        let d = docs[0].as_ref().expect("ok");
        assert_eq!(d.id, "w-1");
        assert_eq!(d.text, "Six people were killed & more.");
        assert_eq!(d.published.as_deref(), Some("2017-04-04"));
        assert_eq!(d.publisher.as_deref(), Some("Wire"));
    }

    #[test]
    fn not_xml_is_one_error() {
        let docs = read_bytes(
            b"{\"json\": true}",
            Path::new("f.xml"),
            &ReadOptions::default(),
        );
        assert_eq!(docs.len(), 1);
        assert!(matches!(docs[0], Err(IngestError::Format { .. })));
        let docs = read_bytes(
            b"<html><p>x</p></html>",
            Path::new("f.xml"),
            &ReadOptions::default(),
        );
        assert!(matches!(docs[0], Err(IngestError::Format { .. })));
    }
}
