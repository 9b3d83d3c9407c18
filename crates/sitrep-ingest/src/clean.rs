//! The line cleaner: takes the non-article lines out of extracted text.
//!
//! Article text, whether typed, pasted or extracted from HTML, carries lines that are not
//! the story: promo lines ("Join our … Telegram channel"), image captions with photo
//! credits, standalone date lines, bylines, syndication notes ("originally published by
//! X and is reprinted with permission", "(Reuters)", "--Reuters") and "Read more" links.
//! Left in, they become false events (a caption's place and date) and wrong quotes. The
//! cleaner classifies each line with general rules (phrase patterns, credit patterns,
//! date-only lines, line length and final punctuation), removes the matches into
//! `Doc::removed` with their [`RemovedKind`], and fills metadata from what it removed:
//!
//! - a syndication note fills `syndicated_from` (the outlet named, or the wire agency);
//! - a standalone date line fills `published` when nothing better is known;
//! - a byline fills `byline`;
//! - the title: when the document has no title yet, the first short line without a final
//!   period (after promo lines are gone) is taken as the title **and removed from the
//!   text into `removed` with kind `title`**; when the title is known (HTML, JSON lines)
//!   and the text starts with it, that line is removed the same way.
//!
//! [`finish_doc`] also sets `language` (ISO 639-1, from `whatlang`, only when reliable)
//! when the input did not give one.
//!
//! A wire dateline at the start of a paragraph ("KABUL (Reuters) - ") is cut from the
//! paragraph (kind `syndication`), keeping the rest of the paragraph.
//!
//! Paragraph structure is kept: the remaining lines are joined with the separators they
//! had, runs of blank lines collapse to one, and the text is trimmed. No-break spaces
//! become plain spaces. Removed lines are stored trimmed but otherwise verbatim.

use crate::{date, IngestError, ReadOptions};
use regex::{Regex, RegexSet};
use sitrep_model::{Doc, Removed, RemovedKind};
use std::sync::OnceLock;

struct Rules {
    promo: RegexSet,
    related: Regex,
    teaser: Regex,
    caption: RegexSet,
    byline: Regex,
    byline_trailer: Regex,
    syndication: Regex,
    synd_source: Regex,
    agency_alone: Regex,
    wire_prefix: Regex,
}

const AGENCIES: &str = r"Reuters|AFP|AP|Associated Press|Agence France-Presse|Agence France Presse|Anadolu|Anadolu Agency|Xinhua|TASS|dpa|DPA|UPI|EFE|ANSA|IANS|PTI|ANI|SANA|IRNA|Bloomberg|Sputnik|Kyodo|Yonhap|Bernama|WAM|APA|Interfax|RFE/RL";

fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| {
        let re = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("bad cleaner rule {s}: {e}"));
        let set = |v: &[&str]| {
            RegexSet::new(v).unwrap_or_else(|e| panic!("bad cleaner rule set: {e}"))
        };
        Rules {
            promo: set(&[
                // Calls to action that open the line.
                r"(?i)^\W*(?:join|follow|subscribe|sign\s+up|like|download|get|click|tap|don[’']t\s+miss|stay\s+(?:up\s+to\s+date|informed|connected|tuned)|never\s+miss|want\s+more|support|donate|become\s+a\s+(?:member|patron|subscriber)|share\s+(?:this|on))(?-u:\b).{0,200}(?-u:\b)(?:telegram|whatsapp|signal|channel|newsletters?|twitter|facebook|instagram|youtube|tiktok|podcast|our\s+app|the\s+app|updates|alerts|uncensored|news\s*letter|inbox|patreon|journalism|subscription|subscribers?|here|us|page)(?-u:\b)",
                r"(?i)^\W*(?:advertisement|sponsored(?:\s+content)?|story\s+continues\s+below(?:\s+advertisement)?|continue\s+reading(?:\s+below)?|skip\s+advert(?:isement)?|scroll\s+to\s+continue)\W*$",
                r"(?i)^\W*(?:share|tweet|email|print|whatsapp|facebook|twitter|linkedin|pinterest|reddit|telegram|copy\s+link)(?:\W+(?:share|tweet|email|print|whatsapp|facebook|twitter|linkedin|pinterest|reddit|telegram|copy\s+link))*\W*$",
                r"(?i)(?-u:\b)(?:available|read\s+us|find\s+us|follow\s+(?:us|her|him|them|me))\s+on\s+(?:telegram|whatsapp|google\s+news|twitter|facebook|instagram)(?-u:\b)",
                r"(?i)^\W*(?:we\s+(?:need|rely\s+on)\s+your\s+support|this\s+content\s+is\s+for\s+subscribers|to\s+read\s+the\s+full\s+(?:story|article)|already\s+a\s+subscriber)",
            ]),
            related: re(
                r"(?i)^\W*(?:read\s+more|read\s+also|also\s+read|related(?:\s+(?:articles?|stories|news|coverage))?|see\s+also|see\s+more|more\s+on\s+this|don[’']?t\s+miss|recommended|more\s+from|watch|listen|explainer|further\s+reading|more)\s*(?::|\||>>|»|-|–|—)",
            ),
            // A link teaser: "Headline of another story [VIDEO]", or a bare "DON'T MISS".
            teaser: re(
                r"(?i)(?:\[(?:video|pictures|pics|photos|insight|reaction|poll|live|latest|analysis|opinion|watch|gallery|revealed)\]\W*$|^\W*(?:don[’']?t\s+miss|must\s+read|trending|editor[’']?s\s+picks?|latest\s+news|top\s+stories)\W*$)",
            ),
            caption: set(&[
                r"(?i)^\W*(?:photo|image|picture|photograph|file\s+photo|illustration|caption|photo\s+credit|credit|video|graphic|pictured|above|top|main\s+image|featured\s+image)\s*(?::|\||-|–|—)",
                r"\((?:AP|AFP|EPA|UPI|Reuters|Xinhua|Getty)\s+(?:Photo|Images?)[^()]*\)\s*$",
                r"(?-u:\b)(?:REUTERS|AFP|EPA-EFE|EPA|ANADOLU|XINHUA|SANA)\s*/\s*\p{Lu}[\p{L}.' -]+(?:/(?:File(?:\s+Photo)?|Pool))?\s*$",
                r"(?i)(?-u:\b)(?:photo|image|picture|photograph)\s*(?::|by|credit:?|courtesy(?:\s+of)?)\s*\p{Lu}?[^.!?]{0,60}$",
                r"(?i)(?:via\s+getty\s+images|getty\s+images|shutterstock|wikimedia\s+commons|afp\s+photo|ap\s+photo|file\s+photo|handout\s+photo|social\s+media\s+photo|screenshot|screengrab)\W*$",
            ]),
            byline: re(
                r"^(?:By|BY|by|Written\s+by|Words\s+by|Reported\s+by|Reporting\s+by|Author|Authors|Story\s+by)\s*:?\s+(?P<name>\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|and|&|de|da|van|von|al|bin|el|la|le|,))*)(?:\s*(?:,|\||-|–|—|for|in)\s*\p{Lu}[\p{L}.'’]*(?:\s+(?:\p{Lu}[\p{L}.'’]*|of|and|&))*)?(?:\s*(?:,|\||-|–|—)\s*[\d/.:, ]+\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?\s*\.?$",
            ),
            byline_trailer: re(
                r"^\(?\s*(?:Reporting|Additional\s+reporting|Writing|Editing|Compiled|Produced)\s+by\s+[^.]{2,200}\)?\.?$",
            ),
            syndication: re(
                // Strong phrasings anywhere in a short line; weak ones ("first appeared",
                // "courtesy of") only in a line about "this article/story".
                r"(?i)(?:originally\s+(?:published|appeared|posted|ran)\s|(?:re)?published\s+(?:here\s+)?(?:with|by)\s+(?:kind\s+)?permission|reprinted\s+(?:here\s+)?(?:with|by)\s+(?:kind\s+)?permission|republished\s+(?:from|with|under)\s|reproduced\s+with\s+permission|appeared\s+first\s+on\s|syndicated\s+from\s|contributed\s+to\s+this\s+report|^\W*(?:this|the|a\s+version\s+of\s+this)\s+(?:article|story|piece|post|report|column|op-ed|interview|commentary|essay|analysis)\s+(?:was|is|has\s+been)\s+(?:first\s+|originally\s+)?(?:published|produced|written|posted|republished|reproduced)\s+(?:by|for|in|on|at|from|with|under|as\s+part)|^\W*(?:this|the)\s+(?:article|story|piece|post|report)\s+first\s+(?:appeared|ran)\s|^\W*courtesy\s+of\s|^\W*with\s+(?:reporting\s+from|input\s+from)\s)",
            ),
            synd_source: re(
                r"(?i)(?:originally\s+(?:published|appeared|posted|ran)|first\s+(?:published|appeared|ran)|appeared\s+first|permission|republished|reproduced|courtesy|syndicated|produced|written)\s+(?:with\s+(?:kind\s+)?permission\s+)?(?:by|in|on|at|from|of|for)\s+(?P<src>[^,;.]*?\p{Lu}[^,;]*?)(?:\s+(?:and|on|under|as|with|in\s+\d)(?-u:\b).*|[,;].*|\.?\s*)$",
            ),
            agency_alone: re(&format!(
                r"^\s*(?:[-–—]+\s*|\(\s*)?(?P<agency>{AGENCIES})(?:\s*\))?(?:\s+contributed\s+to\s+this\s+report|\s+and\s+(?:{AGENCIES}))?\s*\.?\s*$"
            )),
            wire_prefix: re(&format!(
                r"^(?P<prefix>(?:\p{{Lu}}[\p{{L}}\d .,'’/-]{{1,60}}?\s*)?\((?P<agency>{AGENCIES})\)\s*(?:[-–—:]+|\u{{2013}}|\u{{2014}})\s*)\S"
            )),
        }
    })
}

/// What one line is, when it is not article text.
fn classify(line: &str) -> Option<(RemovedKind, Option<String>)> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let r = rules();
    let words = t.split_whitespace().count();
    if words <= 40 && r.promo.is_match(t) {
        return Some((RemovedKind::Promo, None));
    }
    if words <= 30 && (r.related.is_match(t) || r.teaser.is_match(t)) {
        return Some((RemovedKind::Related, None));
    }
    if let Some(c) = r.agency_alone.captures(t) {
        return Some((RemovedKind::Syndication, Some(agency_name(&c["agency"]))));
    }
    if words <= 60 && r.syndication.is_match(t) {
        let src = r.synd_source.captures(t).map(|c| {
            let s = c["src"].trim();
            let s = s.strip_prefix("the ").unwrap_or(s);
            s.trim_end_matches(['.', ' ']).to_string()
        });
        let src = src.filter(|s| !s.is_empty() && s.split_whitespace().count() <= 8);
        return Some((RemovedKind::Syndication, src));
    }
    if date::is_date_line(t) {
        return Some((RemovedKind::Dateline, None));
    }
    let byline = || r.byline.captures(t).is_some_and(|c| !time_word(&c["name"]));
    if words <= 14 && (byline() || r.byline_trailer.is_match(t)) {
        return Some((RemovedKind::Byline, None));
    }
    if words <= 80 && is_caption(t) {
        return Some((RemovedKind::Caption, None));
    }
    None
}

fn is_caption(t: &str) -> bool {
    if rules().caption.is_match(t) {
        return true;
    }
    // A parenthesised credit ending the line: "(Name/Agency)", "(Photo: X)". A sentence
    // ending "(…)." is body text: the credit must come last.
    let Some(inner) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let credit = inner[open + 1..].trim();
    let before = inner[..open].trim_end();
    if before.is_empty() || before.ends_with(':') || !(2..=80).contains(&credit.len()) {
        return false;
    }
    // A credit reads "First Last/Agency", "Photo: X", "Courtesy X", "File".
    let has_slash = credit.contains('/')
        && credit
            .split('/')
            .all(|p| p.trim().chars().next().is_some_and(|ch| ch.is_uppercase()));
    let keyword = {
        let l = credit.to_lowercase();
        [
            "photo", "image", "credit", "courtesy", "file", "getty", "handout",
        ]
        .iter()
        .any(|k| l.starts_with(k) || l.ends_with(k))
    };
    has_slash || keyword
}

fn agency_name(a: &str) -> String {
    match a {
        "AP" => "Associated Press".into(),
        "Agence France Presse" | "Agence France-Presse" => "AFP".into(),
        "Anadolu" => "Anadolu Agency".into(),
        other => other.to_string(),
    }
}

/// "By Sunday, …", "By March …": a time phrase, not a byline.
fn time_word(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "then", "now", "today", "tonight", "noon", "midnight", "dawn", "the", "late", "early",
        "mid",
    ];
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    let first = first.trim_end_matches(',').trim_end_matches('.');
    sitrep_model::calendar::is_weekday_or_month(first) || WORDS.contains(&first)
}

fn byline_name(t: &str) -> Option<String> {
    rules()
        .byline
        .captures(t.trim())
        .map(|c| c["name"].trim().trim_end_matches(',').trim().to_string())
}

/// True when `line` could be a headline: short, not ending like a sentence.
fn title_like(line: &str) -> bool {
    let t = line.trim();
    // 2 to 30 words and at most 250 characters, counted only as far as needed (body
    // lines can be whole articles).
    let mut words = t.split_whitespace();
    !t.ends_with(['.', ':', ';', ','])
        && !t.starts_with(['“', '"', '(', '-', '*', '•'])
        && words.nth(1).is_some()
        && words.nth(28).is_none()
        && t.chars().nth(250).is_none()
        && t.chars().any(|c| c.is_alphabetic())
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Splits "body. --Reuters" into the body and the dash-led sign-off, when the line ends
/// with one after a sentence end.
fn trailing_agency(line: &str) -> Option<(String, String)> {
    let cut = line
        .rfind("--")
        .or_else(|| line.rfind('—'))
        .or_else(|| line.rfind('–'))?;
    let (body, tag) = line.split_at(cut);
    let body = body.trim_end();
    let ok = tag.len() <= 40 && body.ends_with(['.', '!', '?', '"', '”']) && !body.is_empty();
    ok.then(|| (body.to_string(), tag.to_string()))
}

/// A fast path before `whatlang` (the cleaner's largest cost): a text of at least 40
/// words, all ASCII, where a fifth or more of the words are English function words, is
/// English.
fn plainly_english(s: &str) -> bool {
    if !s.is_ascii() {
        return false;
    }
    const FUNCTION: &[&str] = &[
        "the", "and", "of", "to", "in", "a", "is", "was", "were", "for", "on", "that", "with",
        "by", "said", "at", "from", "has", "have", "had", "it", "an", "as", "are",
    ];
    let (mut words, mut function) = (0usize, 0usize);
    for w in s
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if w.len() <= 4 && FUNCTION.iter().any(|f| f.eq_ignore_ascii_case(w)) {
            function += 1;
        }
    }
    words >= 40 && function * 5 >= words
}

/// ISO 639-1 code of the text's language, when `whatlang` is confident (first 1,000
/// bytes are enough and keep it cheap); `None` otherwise, never a guess.
pub fn detect_language(text: &str) -> Option<String> {
    let mut end = text.len().min(1000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if plainly_english(&text[..end]) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(&text[..end]).filter(|i| i.is_reliable())?;
    let code = match info.lang().code() {
        "eng" => "en",
        "ara" => "ar",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "rus" => "ru",
        "ukr" => "uk",
        "tur" => "tr",
        "pes" => "fa",
        "urd" => "ur",
        "hin" => "hi",
        "ben" => "bn",
        "heb" => "he",
        "nld" => "nl",
        "pol" => "pl",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "fin" => "fi",
        "ces" => "cs",
        "slk" => "sk",
        "hun" => "hu",
        "ron" => "ro",
        "bul" => "bg",
        "srp" => "sr",
        "hrv" => "hr",
        "ell" => "el",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "tgl" => "tl",
        "swh" => "sw",
        "amh" => "am",
        "som" => "so",
        "hau" => "ha",
        "aze" => "az",
        "kat" => "ka",
        "hye" => "hy",
        "uzb" => "uz",
        "tam" => "ta",
        "mar" => "mr",
        "pan" => "pa",
        "nep" => "ne",
        "cat" => "ca",
        "bel" => "be",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "slv" => "sl",
        "mkd" => "mk",
        "afr" => "af",
        "yor" => "yo",
        "zul" => "zu",
        "khm" => "km",
        "mya" => "my",
        "sin" => "si",
        "tel" => "te",
        "kan" => "kn",
        "mal" => "ml",
        "guj" => "gu",
        "ori" => "or",
        "epo" => "eo",
        "lat" => "la",
        "jav" => "jv",
        _ => return None,
    };
    Some(code.to_string())
}

/// What the cleaner found.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// The kept text.
    pub text: String,
    /// The removed lines, in order.
    pub removed: Vec<Removed>,
    /// Title taken from the first line, when `title` was not given.
    pub title: Option<String>,
    /// The first standalone date line, as `YYYY-MM-DD`.
    pub dateline: Option<String>,
    /// The outlet named by a syndication note.
    pub syndicated_from: Option<String>,
    /// The name in a byline.
    pub byline: Option<String>,
}

/// Cleans `text`. `title` is the known headline, if any; when `None`, the first
/// headline-like line becomes the title.
pub fn clean_text(text: &str, title: Option<&str>) -> Cleaned {
    let mut out = Cleaned::default();
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let mut keep: Vec<Option<String>> = Vec::with_capacity(lines.len());
    let known_title = title.map(norm).filter(|t| !t.is_empty());
    let mut seen_content = false;
    for line in &lines {
        let t = line.trim();
        if t.is_empty() {
            keep.push(Some(String::new()));
            continue;
        }
        if let Some((kind, extra)) = classify(t) {
            match kind {
                RemovedKind::Syndication if out.syndicated_from.is_none() => {
                    out.syndicated_from = extra;
                }
                RemovedKind::Dateline if out.dateline.is_none() => {
                    out.dateline = date::date_line(t);
                }
                RemovedKind::Byline if out.byline.is_none() => {
                    out.byline = byline_name(t);
                }
                _ => {}
            }
            out.removed.push(Removed {
                kind,
                text: t.to_string(),
            });
            keep.push(None);
            continue;
        }
        if !seen_content {
            seen_content = true;
            let is_title = match &known_title {
                Some(k) => {
                    // The headline as given, or a variant of it (site suffix, kicker).
                    // `norm` keeps at least one byte per letter or digit, so a line with
                    // more of them than the headline has bytes cannot equal it: a long
                    // body line is not normalised unless it is title-like.
                    let short = t
                        .chars()
                        .filter(|c| c.is_alphanumeric())
                        .nth(k.len())
                        .is_none();
                    let tl = title_like(t);
                    (short || tl) && {
                        let n = norm(t);
                        n == *k
                            || (tl
                                && n.len() >= 12
                                && (k.contains(n.as_str()) || n.contains(k.as_str())))
                    }
                }
                None => title_like(t) && lines.len() > 1,
            };
            if is_title {
                if known_title.is_none() {
                    out.title = Some(t.to_string());
                }
                out.removed.push(Removed {
                    kind: RemovedKind::Title,
                    text: t.to_string(),
                });
                keep.push(None);
                continue;
            }
        }
        // A wire dateline opening a paragraph: "KABUL (Reuters) - ".
        let has_paren = t.as_bytes().iter().take(90).any(|&b| b == b'(');
        if let Some(c) = has_paren.then(|| rules().wire_prefix.captures(t)).flatten() {
            if let Some(p) = c.name("prefix") {
                if out.syndicated_from.is_none() {
                    out.syndicated_from = Some(agency_name(&c["agency"]));
                }
                out.removed.push(Removed {
                    kind: RemovedKind::Syndication,
                    text: p.as_str().trim().to_string(),
                });
                keep.push(Some(t[p.end()..].to_string()));
                continue;
            }
        }
        keep.push(Some(t.to_string()));
    }
    // A wire sign-off at the end of the last paragraph: "… in December. --Reuters".
    if let Some(last) = keep
        .iter_mut()
        .rev()
        .find_map(|k| k.as_mut().filter(|s| !s.is_empty()))
    {
        if let Some((body, tag)) = trailing_agency(last) {
            if let Some(c) = rules().agency_alone.captures(&tag) {
                if out.syndicated_from.is_none() {
                    out.syndicated_from = Some(agency_name(&c["agency"]));
                }
                out.removed.push(Removed {
                    kind: RemovedKind::Syndication,
                    text: tag.trim().to_string(),
                });
                *last = body;
            }
        }
    }
    // Re-join: single newlines inside a paragraph stay, blank runs collapse to one.
    let mut text_out = String::with_capacity(text.len());
    let mut pending_break = 0usize; // 1 = newline, 2 = blank line
    for k in keep {
        match k {
            None => {
                // A removed line separates paragraphs.
                pending_break = pending_break.max(2);
            }
            Some(s) if s.is_empty() => pending_break = 2,
            Some(s) => {
                if !text_out.is_empty() {
                    text_out.push_str(if pending_break >= 2 { "\n\n" } else { "\n" });
                }
                text_out.push_str(&s);
                pending_break = 1;
            }
        }
    }
    out.text = text_out;
    out
}

/// Applies the cleaner (when `opts.clean`), fills metadata from it, applies the
/// `--published` override and refuses documents left without text. Every reader calls
/// this last, so all formats are cleaned the same way.
pub fn finish_doc(mut doc: Doc, opts: &ReadOptions) -> Result<Doc, IngestError> {
    if opts.clean {
        // No-break and other fixed-width spaces become plain spaces (one character for
        // one, so nothing shifts); matchers downstream then see ordinary words.
        if doc
            .text
            .contains(['\u{a0}', '\u{2007}', '\u{202f}', '\u{2009}', '\u{200a}'])
        {
            doc.text = doc.text.replace(
                ['\u{a0}', '\u{2007}', '\u{202f}', '\u{2009}', '\u{200a}'],
                " ",
            );
        }
        let c = clean_text(&doc.text, doc.title.as_deref());
        // A headline-only item ("4 September 2016 Two killed in rocket attacks on
        // Aleppo") would be cleaned away entirely: its headline is its content, so it
        // keeps its text as given.
        let emptied = c.text.trim().is_empty()
            && c.removed
                .iter()
                .any(|r| r.kind == sitrep_model::RemovedKind::Title);
        if !emptied {
            doc.text = c.text;
            doc.removed.extend(c.removed);
        }
        if doc.title.is_none() {
            doc.title = c.title;
        }
        if doc.published.is_none() {
            doc.published = c.dateline;
        }
        if doc.syndicated_from.is_none() {
            doc.syndicated_from = c.syndicated_from;
        }
        if doc.byline.is_none() {
            doc.byline = c.byline;
        }
    }
    if let Some(p) = &opts.published {
        doc.published = Some(p.clone());
    }
    if doc.language.is_none() {
        doc.language = detect_language(&doc.text);
    }
    if doc.text.trim().is_empty() {
        let loc = doc.source.clone().unwrap_or_else(|| doc.id.clone());
        return Err(IngestError::Empty { path: loc });
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kind(line: &str) -> Option<RemovedKind> {
        classify(line).map(|(k, _)| k)
    }

    #[test]
    fn title_like_counts_words_and_characters_at_the_bounds() {
        let words = |n: usize| vec!["Word"; n].join(" ");
        assert!(!title_like("Headline"));
        assert!(title_like(&words(2)) && title_like(&words(30)));
        assert!(!title_like(&words(31)));
        let long = format!("Two {}", "x".repeat(246));
        assert_eq!(long.chars().count(), 250);
        assert!(title_like(&long) && !title_like(&format!("{long}x")));
    }

    #[test]
    fn promo_lines() {
        assert_eq!(
            kind("Join our new WhatsApp channel for breaking updates!"),
            Some(RemovedKind::Promo)
        );
        assert_eq!(
            kind("Subscribe to our daily newsletter"),
            Some(RemovedKind::Promo)
        );
        assert_eq!(kind("Advertisement"), Some(RemovedKind::Promo));
        assert_eq!(
            kind("The militia urged supporters to join its Telegram channel, officials said."),
            None
        );
    }

    #[test]
    fn captions() {
        assert_eq!(
            kind("Police officers guard the checkpoint near Herat in 2019 (Jane Roe/Wire Photos)"),
            Some(RemovedKind::Caption)
        );
        assert_eq!(
            kind("Smoke rises over the city on Tuesday. (AP Photo/John Doe)"),
            Some(RemovedKind::Caption)
        );
        assert_eq!(
            kind("Photo: Residents inspect a damaged house"),
            Some(RemovedKind::Caption)
        );
        assert_eq!(
            kind("A convoy leaves the base in Kunduz. REUTERS/Mark Example/File Photo"),
            Some(RemovedKind::Caption)
        );
        assert_eq!(
            kind("The ministry said 12 people were hurt in the blast (Reuters/AFP)."),
            None
        );
        assert_eq!(
            kind("Officials met in Doha on Friday, the agency said (in Arabic)."),
            None
        );
    }

    #[test]
    fn datelines_bylines_syndication() {
        assert_eq!(kind("October 3, 2018"), Some(RemovedKind::Dateline));
        assert_eq!(kind("By Jane Q. Public"), Some(RemovedKind::Byline));
        assert_eq!(
            kind("By Ahmad Example and Sara Sample, Kabul"),
            Some(RemovedKind::Byline)
        );
        assert_eq!(
            kind("Reporting by Jane Public; Editing by John Roe"),
            Some(RemovedKind::Byline)
        );
        assert_eq!(kind("By the end of the day, the road was closed."), None);
        assert_eq!(kind("By Sunday, the troops had withdrawn."), None);
        assert_eq!(
            kind("By Jane Roe - 03/04/19 10:15 PM EST"),
            Some(RemovedKind::Byline)
        );
        assert_eq!(
            kind("Cases of the disease first appeared in the north at the end of May."),
            None
        );
        assert_eq!(
            kind("The ministry said the data was reproduced in the report from official records."),
            None
        );
        let (k, src) = classify(
            "This story was originally published by The Example Times and is republished with permission.",
        )
        .expect("syndication");
        assert_eq!(k, RemovedKind::Syndication);
        assert_eq!(src.as_deref(), Some("The Example Times"));
        let (_, src) = classify("(Reuters)").expect("agency");
        assert_eq!(src.as_deref(), Some("Reuters"));
        let (_, src) = classify("--AFP").expect("agency");
        assert_eq!(src.as_deref(), Some("AFP"));
        let (_, src) =
            classify("This article first appeared on Example News Agency.").expect("synd");
        assert_eq!(src.as_deref(), Some("Example News Agency"));
    }

    #[test]
    fn related_lines() {
        assert_eq!(
            kind("Read more: Ten killed in market blast"),
            Some(RemovedKind::Related)
        );
        assert_eq!(kind("RELATED: Talks resume"), Some(RemovedKind::Related));
        assert_eq!(kind("DON'T MISS"), Some(RemovedKind::Related));
        assert_eq!(
            kind("Minister resigns after row over budget [VIDEO]"),
            Some(RemovedKind::Related)
        );
    }

    #[test]
    fn cleans_a_wire_style_document() {
        let text = "Follow us on Telegram for the latest news!\n\n\
            Gunmen attack checkpoint in northern province\n\n\
            Soldiers stand guard near the gate in 2018 (Ann Other/Example Agency)\n\
            March 4, 2019\n\n\
            This report was originally published by Example Radio and is reprinted with permission.\n\n\
            Gunmen attacked a police checkpoint overnight, killing three officers, officials said.\n\n\
            \"We will respond,\" the governor said.\n";
        let c = clean_text(text, None);
        assert_eq!(
            c.title.as_deref(),
            Some("Gunmen attack checkpoint in northern province")
        );
        assert_eq!(c.dateline.as_deref(), Some("2019-03-04"));
        assert_eq!(c.syndicated_from.as_deref(), Some("Example Radio"));
        assert_eq!(
            c.text,
            "Gunmen attacked a police checkpoint overnight, killing three officers, officials said.\n\n\"We will respond,\" the governor said."
        );
        let kinds: Vec<RemovedKind> = c.removed.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            vec![
                RemovedKind::Promo,
                RemovedKind::Title,
                RemovedKind::Caption,
                RemovedKind::Dateline,
                RemovedKind::Syndication
            ]
        );
    }

    #[test]
    fn wire_prefix_is_cut_from_the_paragraph() {
        let c = clean_text(
            "Headline here\n\nKABUL (Reuters) - Three soldiers were killed on Monday.",
            Some("Headline here"),
        );
        assert_eq!(c.text, "Three soldiers were killed on Monday.");
        assert_eq!(c.syndicated_from.as_deref(), Some("Reuters"));
        let c = clean_text(
            "BEIRUT, Oct 2 (AFP) - Shelling hit the suburb on Friday.\n\n--AFP",
            Some("x"),
        );
        assert_eq!(c.text, "Shelling hit the suburb on Friday.");
        assert_eq!(c.syndicated_from.as_deref(), Some("AFP"));
        let c = clean_text(
            "Ten people were hurt in the blast, police said. --Reuters",
            Some("x"),
        );
        assert_eq!(c.text, "Ten people were hurt in the blast, police said.");
        assert_eq!(c.syndicated_from.as_deref(), Some("Reuters"));
        let c = clean_text("The vote was 52–48 in favour.", Some("x"));
        assert_eq!(c.text, "The vote was 52–48 in favour.");
    }

    #[test]
    fn finish_refuses_empty_and_applies_override() {
        let opts = ReadOptions {
            published: Some("2001-02-03".into()),
            ..ReadOptions::default()
        };
        let d = finish_doc(Doc::new("a", "Title line\n\nBody text here."), &opts).expect("ok");
        assert_eq!(d.published.as_deref(), Some("2001-02-03"));
        assert!(finish_doc(Doc::new("b", "Advertisement\n"), &opts).is_err());
        let raw = ReadOptions {
            clean: false,
            ..ReadOptions::default()
        };
        let d = finish_doc(Doc::new("c", "Advertisement\nText.\n"), &raw).expect("ok");
        assert_eq!(d.text, "Advertisement\nText.\n");
    }

    #[test]
    fn a_headline_only_item_keeps_its_text() {
        let opts = ReadOptions::default();
        let title = "Two killed in rocket attack on market";
        let mut d = Doc::new("h", format!("4 September 2016 {title}"));
        d.title = Some(title.to_string());
        let d = finish_doc(d, &opts).expect("not empty");
        assert!(d.text.contains("rocket attack"), "{:?}", d.text);
    }

    #[test]
    fn plain_english_takes_the_fast_path_and_other_text_does_not() {
        let en = "The army said on Monday that the attack on the checkpoint was carried out by                   gunmen who fled to the hills, and that two of the officers were wounded in                   the exchange of fire with the attackers at the edge of the town.";
        assert!(plainly_english(en));
        let fr = "L'armée a déclaré lundi que l'attaque contre le poste de contrôle avait été                   menée par des hommes armés qui ont fui vers les collines.";
        assert!(!plainly_english(fr));
        assert!(!plainly_english("Short text of the kind."));
    }

    #[test]
    fn language_is_detected_only_when_reliable() {
        assert_eq!(
            detect_language("Gunmen attacked a police checkpoint overnight, killing three officers and wounding two others, officials said on Monday.").as_deref(),
            Some("en")
        );
        assert_eq!(detect_language("ok"), None);
    }

    #[test]
    fn seed_article() {
        let Some(shared) = crate::test_shared("clean::seed_article") else {
            return;
        };
        let p = shared.join("eval/seed/khalilzad-2020-09-27.txt");
        let raw = std::fs::read_to_string(&p).expect("seed");
        let c = clean_text(&raw, None);
        assert!(c
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("US envoy")));
        assert_eq!(c.dateline.as_deref(), Some("2020-09-27"));
        assert_eq!(
            c.syndicated_from.as_deref(),
            Some("Radio Free Europe/Radio Liberty")
        );
        // Every line is either kept verbatim or removed, never lost.
        for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let removed = c.removed.iter().any(|r| r.text == line);
            assert!(removed != c.text.contains(line), "{line}");
        }
        for gone in ["Join our", "(Gage", "originally published"] {
            assert!(!c.text.contains(gone));
        }
        assert_eq!(c.removed.len(), 5, "{:?}", c.removed);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,300}") {
            let c = clean_text(&s, None);
            prop_assert!(c.text.len() <= s.len() + 2);
        }
    }
}
