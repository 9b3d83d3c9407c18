//! Toponym gold in the TR-News XML format, and end-to-end scoring of the geoparser.
//!
//! TR-News (Kamalloo & Rafiei 2018) annotates every toponym of 118 news articles with its
//! span and GeoNames entry, adjectival uses ("Turkish") included. [`read`] parses the XML
//! (a small hand parser: the format is flat and fixed), repairing the few gold offsets
//! that are off by a character or two by finding the phrase nearest the given offset.
//! [`evaluate`] runs the geoparser on each raw article text and reports span
//! precision/recall/F1, exact GeoNames-id accuracy and accuracy within 161 km (100 miles)
//! over the gold toponyms the parser found.

use crate::score::{Agreement, Prf};
use crate::xml::decode_entities;
use sitrep_nlp::places::gazetteer::{self, EntryKind, Gazetteer};
use sitrep_nlp::places::Places;

/// One gold toponym (character offsets).
#[derive(Debug, Clone)]
pub struct Toponym {
    /// Phrase as annotated.
    pub phrase: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// GeoNames id, when annotated.
    pub geonameid: Option<u64>,
    /// Gold coordinates.
    pub lat: Option<f64>,
    /// Gold coordinates.
    pub lon: Option<f64>,
    /// GeoNames feature code (PCLI, ADM1, PPL…).
    pub fcode: Option<String>,
    /// Wikipedia page title of the place (GeoVirus), percent-decoded, `_` as written.
    pub page: Option<String>,
}

/// One gold article.
#[derive(Debug, Clone)]
pub struct Article {
    /// `docid`.
    pub id: String,
    /// Raw text.
    pub text: String,
    /// Gold toponyms.
    pub toponyms: Vec<Toponym>,
}

pub(super) fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

pub(super) fn unescape(s: &str) -> String {
    decode_entities(s.trim())
}

/// The number in `<tag>…</tag>` of `s`, if there is one and it parses.
pub(super) fn element<T: std::str::FromStr>(s: &str, tag: &str) -> Option<T> {
    between(s, &format!("<{tag}>"), &format!("</{tag}>"))?
        .trim()
        .parse()
        .ok()
}

/// Parses TR-News XML. Errors name the article and what is wrong.
pub fn read(xml: &str) -> Result<Vec<Article>, String> {
    let mut out = Vec::new();
    for chunk in xml.split("<article ").skip(1) {
        let id = between(chunk, "docid=\"", "\"").unwrap_or("?").to_string();
        let text = between(chunk, "<text><![CDATA[", "]]></text>")
            .or_else(|| between(chunk, "<text>", "</text>"))
            .ok_or_else(|| format!("article {id}: no <text>\nhelp: is this TR-News XML?"))?
            .to_string();
        let chars: Vec<char> = text.chars().collect();
        let mut toponyms = Vec::new();
        for t in chunk.split("<toponym>").skip(1) {
            let phrase = unescape(between(t, "<phrase>", "</phrase>").unwrap_or(""));
            let (Some(start), Some(_)) = (element::<usize>(t, "start"), element::<usize>(t, "end"))
            else {
                return Err(format!(
                    "article {id}: toponym {phrase:?} lacks <start>/<end>\nhelp: check the gold file"
                ));
            };
            let geonameid = between(t, "<gaztag geonameid=\"", "\"").and_then(|v| v.parse().ok());
            let f = |tag: &str| {
                between(t, &format!("<{tag}>"), &format!("</{tag}>")).map(|v| v.trim().to_string())
            };
            let (start, end) = align(&chars, &phrase, start);
            toponyms.push(Toponym {
                phrase,
                start,
                end,
                geonameid,
                lat: f("lat").and_then(|v| v.parse().ok()),
                lon: f("lon").and_then(|v| v.parse().ok()),
                fcode: f("fcode"),
                page: None,
            });
        }
        out.push(Article { id, text, toponyms });
    }
    Ok(out)
}

/// The span of `phrase` nearest to `start` (gold offsets are sometimes off by a few).
pub(super) fn align(chars: &[char], phrase: &str, start: usize) -> (usize, usize) {
    let p: Vec<char> = phrase.chars().collect();
    let n = p.len();
    let matches_at = |s: usize| s + n <= chars.len() && chars[s..s + n] == p[..];
    for d in 0..=40usize {
        if matches_at(start + d) {
            return (start + d, start + d + n);
        }
        if d <= start && matches_at(start - d) {
            return (start - d, start - d + n);
        }
    }
    (start, start + n)
}

/// Great-circle distance in km (the one implementation, in `sitrep-model`).
pub use sitrep_model::geo::haversine_km;

/// Scores of one evaluation run.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Exact-span toponym recognition.
    pub spans: Prf,
    /// Overlapping-span toponym recognition (lenient).
    pub overlap: Prf,
    /// Exact GeoNames id, over gold toponyms with an id that were found (exact span).
    pub exact_id: Agreement,
    /// Within 161 km (or the same GeoNames id), over the gold toponyms found that have
    /// an id or coordinates.
    pub within_161: Agreement,
    /// Found (exact span) and within 161 km, over ALL gold toponyms with an id or
    /// coordinates: the end-to-end figure (a missed toponym counts as wrong).
    pub end_to_end_161: Agreement,
    /// As `end_to_end_161`, but a country, first-level division or continent also counts
    /// as right when the gold's Wikipedia page is titled with one of that entry's names
    /// (same entity: for an area, a point 161 km from another point says little —
    /// Wikipedia's China is at 35°N 103°E, GeoNames' at 35°N 105°E, 182 km apart).
    /// Only for gold that names a page and has no GeoNames id (GeoVirus).
    pub end_to_end_area_named: Agreement,
    /// Errors for inspection: (article, kind, phrase, detail).
    pub errors: Vec<(String, &'static str, String, String)>,
}

/// Options for [`evaluate`].
#[derive(Debug, Clone, Copy)]
pub struct EvalOptions {
    /// Count demonyms ("Turkish") as toponyms, as TR-News does (GeoVirus does not).
    pub demonyms: bool,
    /// Score exactly what the `places` layer writes: no demonyms, no names inside
    /// organisations' names ("University of Manitoba"), no capitals standing for their
    /// government ("Moscow said").
    pub layer: bool,
}

/// One predicted toponym: character span, gazetteer entry (none for a local place) and
/// the point it is placed at.
struct Pred {
    start: usize,
    end: usize,
    entry: Option<u32>,
    lat: f64,
    lon: f64,
}

/// The local places (kind `local`) the places stage writes for `text`, character offsets.
fn local_places(places: &Places, text: &str) -> Vec<sitrep_model::Place> {
    use sitrep_nlp::sentences::Sentences;
    use sitrep_nlp::Stage;
    let mut doc = sitrep_model::Doc::new("eval", text);
    if Sentences.run(&mut doc).is_err() || places.run(&mut doc).is_err() {
        return Vec::new();
    }
    doc.places
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.kind == sitrep_model::PlaceKind::Local)
        .collect()
}

/// Runs the geoparser on every article and scores it against the gold.
pub fn evaluate(places: &Places, articles: &[Article], opts: EvalOptions) -> Report {
    let g = places.gazetteer();
    let mut r = Report::default();
    for a in articles {
        let idx = sitrep_model::TextIndex::new(&a.text);
        let mut pred: Vec<Pred> = places
            .mentions(&a.text)
            .into_iter()
            // TR-News annotates names inside organisations too ("University of Manitoba")
            // and adjectives ("Turkish") but not plural nouns ("Cubans").
            .filter(|m| (opts.demonyms || !m.demonym) && !m.pathogen)
            // names the stage writes as local places of their container ("Stroud, Ontario")
            // are scored with the local places below
            .filter(|m| m.within.is_none())
            .filter(|m| !opts.layer || !m.demonym && m.story && !m.government)
            .filter(|m| !m.demonym || !plural_demonym(g, &a.text[m.start..m.end]))
            .map(|m| {
                let s = idx.span(m.start, m.end);
                // regions ("southern Afghanistan") are scored on the country name
                let start = if m.region.is_some() {
                    let sub = &a.text[m.start..m.end];
                    let off = sub.find(' ').map(|o| o + 1).unwrap_or(0);
                    idx.char(m.start + off)
                } else {
                    s.start
                };
                let e = g.entry(m.entry);
                Pred {
                    start,
                    end: s.end,
                    entry: Some(m.entry),
                    lat: f64::from(e.lat),
                    lon: f64::from(e.lon),
                }
            })
            .collect();
        // the places stage's local places (villages and quarters the gazetteer lacks,
        // placed at their parent): part of what it finds
        pred.extend(local_places(places, &a.text).into_iter().filter_map(|p| {
            Some(Pred {
                start: p.start,
                end: p.end,
                entry: None,
                lat: p.lat?,
                lon: p.lon?,
            })
        }));
        let gold: Vec<&Toponym> = a
            .toponyms
            .iter()
            .filter(|t| opts.demonyms && !opts.layer || !is_demonym_use(g, t))
            .collect();
        let mut p = Prf::default();
        let mut ov = Prf::default();
        for t in &gold {
            let exact = pred.iter().find(|p| p.start == t.start && p.end == t.end);
            let over = pred.iter().find(|p| p.start < t.end && t.start < p.end);
            if over.is_some() {
                ov.tp += 1;
            } else {
                ov.fn_ += 1;
            }
            match exact {
                Some(hit) => {
                    p.tp += 1;
                    let e = hit.entry.map(|x| g.entry(x));
                    let same = t
                        .geonameid
                        .is_some_and(|id| e.is_some_and(|e| e.geonameid == id));
                    if t.geonameid.is_some() {
                        r.exact_id.record(same);
                    }
                    let dist = match (t.lat, t.lon) {
                        (Some(la), Some(lo)) => Some(haversine_km(la, lo, hit.lat, hit.lon)),
                        _ => None,
                    };
                    if t.geonameid.is_some() || dist.is_some() {
                        let near = same || dist.is_some_and(|d| d <= 161.0);
                        r.within_161.record(near);
                        r.end_to_end_161.record(near);
                        if t.page.is_some() && t.geonameid.is_none() {
                            r.end_to_end_area_named.record(
                                near || hit
                                    .entry
                                    .is_some_and(|x| area_named(g, x, t.page.as_deref())),
                            );
                        }
                        if !near {
                            let got = match e {
                                Some(e) => format!(
                                    "{} {} {} {} ({})",
                                    e.geonameid, e.name, e.country, e.admin1, e.population
                                ),
                                None => "local place at its parent".to_string(),
                            };
                            r.errors.push((
                                a.id.clone(),
                                "wrong",
                                t.phrase.clone(),
                                format!(
                                    "gold {} {:?} ({:.2},{:.2}), got {got} {:.0} km",
                                    t.geonameid.unwrap_or(0),
                                    t.page.as_ref().or(t.fcode.as_ref()),
                                    t.lat.unwrap_or(0.0),
                                    t.lon.unwrap_or(0.0),
                                    dist.unwrap_or(f64::NAN)
                                ),
                            ));
                        }
                    }
                }
                None => {
                    p.fn_ += 1;
                    if t.geonameid.is_some() || t.lat.is_some() {
                        r.end_to_end_161.record(false);
                    }
                    if t.page.is_some() && t.geonameid.is_none() {
                        r.end_to_end_area_named.record(false);
                    }
                    let ctx = context(&a.text, t.start, t.end);
                    r.errors
                        .push((a.id.clone(), "missed", t.phrase.clone(), ctx));
                }
            }
        }
        for hit in &pred {
            let (s, e) = (hit.start, hit.end);
            if !gold.iter().any(|t| t.start == s && t.end == e) {
                p.fp += 1;
                let what = match hit.entry.map(|x| g.entry(x)) {
                    Some(en) => format!("{} {}", en.name, en.country),
                    None => "local".to_string(),
                };
                r.errors.push((
                    a.id.clone(),
                    "spurious",
                    a.text.chars().skip(s).take(e - s).collect(),
                    format!("{what} | {}", context(&a.text, s, e)),
                ));
            }
            if !gold.iter().any(|t| t.start < e && s < t.end) {
                ov.fp += 1;
            }
        }
        r.spans.add(p);
        r.overlap.add(ov);
    }
    r
}

/// Whether entry `x` is a country, first-level division or continent and `page` (a
/// Wikipedia title, "Sudan", "Inner_Mongolia") is one of its names. Disambiguated titles
/// ("Georgia_(U.S._state)") never match: only the bare name of the same entity does.
/// Whether the page names the same entity is decided by the gazetteer's names.
fn area_named(g: &Gazetteer, x: u32, page: Option<&str>) -> bool {
    let (Some(page), e) = (page, g.entry(x)) else {
        return false;
    };
    if !matches!(
        e.kind,
        EntryKind::Country | EntryKind::Admin1 | EntryKind::Continent
    ) || page.contains('(')
    {
        return false;
    }
    let mut k = String::new();
    gazetteer::normalize(&page.replace('_', " "), &mut k);
    // the entry's own name, or an alias no other area has as its own ("Mexico" is an
    // alias of Mexico City's division, but the country's name)
    let hits = g.lookup(&k);
    let area = |y: u32| {
        matches!(
            g.entry(y).kind,
            EntryKind::Country | EntryKind::Admin1 | EntryKind::Continent
        )
    };
    hits.contains(&(x, true))
        || hits.contains(&(x, false)) && !hits.iter().any(|&(y, p)| y != x && p && area(y))
}

fn context(text: &str, s: usize, e: usize) -> String {
    let a = s.saturating_sub(30);
    text.chars()
        .skip(a)
        .take(e + 30 - a)
        .collect::<String>()
        .replace('\n', " ")
}

/// "Cubans", "Americans": a plural noun of a demonym.
fn plural_demonym(g: &Gazetteer, s: &str) -> bool {
    let mut k = String::new();
    gazetteer::normalize(s, &mut k);
    k.ends_with('s') && g.demonym(&k[..k.len() - 1]).is_some()
}

/// Whether a gold toponym is an adjectival use (its phrase is a demonym, not a name).
fn is_demonym_use(g: &Gazetteer, t: &Toponym) -> bool {
    let mut k = String::new();
    gazetteer::normalize(&t.phrase, &mut k);
    g.lookup(&k).is_empty() && g.demonym(&k).is_some()
}
