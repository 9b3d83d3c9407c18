//! Toponym gold in the GeoVirus XML format (Gritta et al. 2018).
//!
//! GeoVirus annotates 229 English Wikinews articles about disease outbreaks (some split in
//! several `<article>` elements sharing a `<source>`): each `<location>` has the name, its
//! one-based character offsets (the toponym is `text[start-1..end-1]`), the coordinates
//! and the Wikipedia page of the place, but no GeoNames id, so it is scored by distance
//! only (161 km). Metonymic uses are not annotated. [`read`] turns it into the same
//! [`Article`]s as TR-News, so [`super::trnews::evaluate`] scores both.

use super::trnews::{align, between, element, unescape, Article, Toponym};
use crate::xml::decode_entities;

/// Whether `xml` looks like GeoVirus (`<location>` elements) rather than TR-News.
pub fn looks_like(xml: &str) -> bool {
    xml.contains("<location>") && !xml.contains("<toponym>")
}

/// Parses GeoVirus XML. Articles are numbered in file order (`gv-1`, `gv-2`, …) since
/// several share one source page. Errors name the article and what is wrong.
pub fn read(xml: &str) -> Result<Vec<Article>, String> {
    let xml = strip_comments(xml);
    let mut out = Vec::new();
    for (n, chunk) in xml.split("<article>").skip(1).enumerate() {
        let id = format!("gv-{}", n + 1);
        let raw = between(chunk, "<text>", "</text>")
            .ok_or_else(|| format!("article {id}: no <text>\nhelp: is this GeoVirus XML?"))?;
        // keep the text as written (no trim): the offsets count from its first character
        let text = decode_entities(raw);
        let chars: Vec<char> = text.chars().collect();
        let mut toponyms = Vec::new();
        for loc in chunk.split("<location>").skip(1) {
            // one article has a stray doubled `<location>` tag: an empty chunk, skipped
            if !loc.contains("<name>") && !loc.contains("<start>") {
                continue;
            }
            let name = unescape(between(loc, "<name>", "</name>").unwrap_or(""));
            let num = |tag: &str| element::<f64>(loc, tag);
            let (Some(start), Some(end)) = (num("start"), num("end")) else {
                return Err(format!(
                    "article {id}: location {name:?} lacks <start>/<end>\nhelp: check the gold file"
                ));
            };
            // one-based offsets; `align` repairs any that are off by a few characters
            let start = (start as usize).saturating_sub(1);
            let (start, end_c) = align(&chars, &name, start);
            debug_assert!(end_c >= start && (end as usize) >= 1);
            toponyms.push(Toponym {
                phrase: name,
                start,
                end: end_c,
                geonameid: None,
                lat: num("lat"),
                lon: num("lon"),
                fcode: None,
                page: between(loc, "<page>", "</page>").map(|p| {
                    percent_decode(
                        p.trim()
                            .trim_start_matches("https://en.wikipedia.org/wiki/"),
                    )
                }),
            });
        }
        toponyms.sort_by_key(|t| (t.start, t.end));
        out.push(Article { id, text, toponyms });
    }
    if out.is_empty() {
        return Err("no <article> found\nhelp: is this GeoVirus XML?".into());
    }
    Ok(out)
}

/// A URL path segment with its `%XX` escapes decoded ("Goz_Be%C3%AFda" -> "Goz_Beïda");
/// a malformed escape is kept as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|&c| hex(c)),
            b.get(i + 2).and_then(|&c| hex(c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `xml` without `<!-- … -->` comments (the file keeps a few commented-out articles).
fn strip_comments(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(a) = rest.find("<!--") {
        out.push_str(&rest[..a]);
        match rest[a..].find("-->") {
            Some(b) => rest = &rest[a + b + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_based_offsets() {
        let xml = "<articles><!--<article><text></text></article>--><article><source>x</source><text>Cases rose in Pandi, Bulacan.</text>\
            <locations><location><name>Pandi</name><start>15</start><end>20</end><lat>14.87</lat>\
            <lon>120.95</lon><page>https://en.wikipedia.org/wiki/Pandi,_Bulacan</page></location>\
            </locations></article></articles>";
        assert!(looks_like(xml));
        let a = read(xml).expect("reads");
        assert_eq!(a.len(), 1);
        let t = &a[0].toponyms[0];
        assert_eq!((t.start, t.end), (14, 19));
        let s: String = a[0]
            .text
            .chars()
            .skip(t.start)
            .take(t.end - t.start)
            .collect();
        assert_eq!(s, "Pandi");
        assert_eq!(t.lat, Some(14.87));
        assert_eq!(t.page.as_deref(), Some("Pandi,_Bulacan"));
        assert_eq!(percent_decode("Goz_Be%C3%AFda"), "Goz_Beïda");
        assert_eq!(percent_decode("100%_sure%2"), "100%_sure%2");
    }

    #[test]
    fn real_file_offsets_match_names() {
        let Some(dir) = sitrep_nlp::testing::shared_or_skip("real_file_offsets_match_names") else {
            return;
        };
        let xml = std::fs::read_to_string(dir.join("eval/geo-dev/GeoVirus.xml")).expect("readable");
        let arts = read(&xml).expect("parses");
        let n: usize = arts.iter().map(|a| a.toponyms.len()).sum();
        // GEOVIRUS-SOURCE.md says 2,167; the file (comments and one stray empty tag aside)
        // holds 2,169
        assert_eq!((arts.len(), n), (229, 2_169));
        for a in &arts {
            for t in &a.toponyms {
                let s: String = a.text.chars().skip(t.start).take(t.end - t.start).collect();
                assert_eq!(s, t.phrase, "{}", a.id);
            }
        }
    }
}
