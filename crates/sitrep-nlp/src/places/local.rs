//! Local places the gazetteer does not hold: neighbourhoods, villages, hills, camps.
//!
//! Why: the built-in gazetteer stops at places of 1,000 people, but conflict reports name
//! the neighbourhood that was shelled and the villages that were taken ("al-Midan
//! neighbourhood in the city", "the villages of Ard al-Wata and Rasha in Latakia"). The
//! guide codes one record per place, so without these names several incidents in one
//! province collapse into one record. A local place is only found next to a word that
//! says what it is ("neighbourhood", "village of", "town") or by an Arabic toponym head
//! ("Jabal", "Tel", "Beit", "Kafr" …); the word lists are in `data/places-words.tsv`
//! ([`super::words`]). The `places` stage runs this after gazetteer resolution ([`add`])
//! and writes each one as a record of kind `local` with its parent: the resolved place
//! that contains it ("… in Idleb", "… of Aleppo", `stated`), else the sentence's, the
//! same name's elsewhere in the article, or the article's place. It takes the parent's
//! country, divisions and coordinates, so it is only as precise as that parent.

use super::gazetteer::normalize;
use super::words::Words;
use sitrep_model::{Doc, LocalKind, Place, PlaceKind, PlaceParent, TextIndex};
use std::borrow::Cow;
use std::collections::HashMap;

fn words() -> &'static Words {
    Words::builtin()
}

/// `w` in lower case, allocating only when it has capitals.
fn lower(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// A capitalised toponym head ("Tel", "Kafr"): `Some(true)` when it starts a name on its
/// own, `Some(false)` when it only splits a comma-less run ("Sheikh").
fn head(w: &str) -> Option<bool> {
    if !is_cap(w) {
        return None;
    }
    words().toponym_head.get(lower(w).as_ref()).copied()
}

/// `text[from..to]` (widened to character boundaries) in ASCII lower case, borrowed when
/// it already is.
pub(crate) fn lower_window(text: &str, from: usize, to: usize) -> Cow<'_, str> {
    let mut a = from.min(text.len());
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = to.min(text.len());
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    let w = text.get(a..b).unwrap_or("");
    // Most windows are already lower-case: borrow them.
    if w.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// A local place found in a sentence (byte offsets into the text).
#[derive(Debug, Clone)]
pub struct Local {
    /// First byte of the name.
    pub start: usize,
    /// One past the last byte of the name.
    pub end: usize,
    /// The name as written.
    pub name: String,
    /// Quarter or settlement.
    pub kind: LocalKind,
}

/// A resolved place of the sentence, as the finder sees it (byte offsets).
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The place.
    pub place: &'a Place,
}

/// One word of the sentence.
#[derive(Debug, Clone, Copy)]
struct Tok<'t> {
    start: usize,
    end: usize,
    w: &'t str,
    /// Punctuation (comma, semicolon, bracket, full stop) right after the word.
    stop_after: bool,
}

fn tokens(text: &str, a: usize, b: usize) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let Some(s) = text.get(a..b) else {
        return out;
    };
    let mut i = 0;
    for piece in s.split_inclusive(char::is_whitespace) {
        let off = a + i;
        i += piece.len();
        let raw = piece.trim_end();
        let lead = raw.len() - raw.trim_start_matches(['"', '(', '\'', '“', '‘']).len();
        let core = raw.trim_start_matches(['"', '(', '\'', '“', '‘']);
        let w = core.trim_end_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let stop_after = core.len() > w.len();
        out.push(Tok {
            start: off + lead,
            end: off + lead + w.len(),
            w,
            stop_after,
        });
    }
    out
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// "Ukrainian", "Syrians": a demonym of the gazetteer.
fn is_demonym(w: &str) -> bool {
    let mut k = String::new();
    normalize(w, &mut k);
    super::Gazetteer::get().is_ok_and(|g| g.demonym(&k).is_some())
}

/// "al-Midan", "el-Bab", "Al-Sakhour": an Arabic article glued to a name.
fn is_article_name(w: &str) -> bool {
    let Some((p, rest)) = w.split_once('-') else {
        return false;
    };
    words().particle.contains(p.to_ascii_lowercase().as_str())
        && rest.chars().next().is_some_and(char::is_alphabetic)
}

/// A word that can be part of a name: capitalised or "al-X", not a stop word, a number
/// word, an acronym ("SANA") or a compound adjective ("DAESH-held", "Kurdish-led").
fn name_word(w: &str) -> bool {
    let acronym = w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '-');
    let compound = [
        "-held",
        "-controlled",
        "-led",
        "-backed",
        "-run",
        "-based",
        "-style",
    ]
    .iter()
    .any(|x| {
        w.len() >= x.len()
            && w.is_char_boundary(w.len() - x.len())
            && w[w.len() - x.len()..].eq_ignore_ascii_case(x)
    });
    let time_word = || {
        use sitrep_model::calendar::{MONTH_NAMES, WEEKDAY_NAMES};
        WEEKDAY_NAMES
            .iter()
            .chain(MONTH_NAMES.iter())
            .any(|n| n.eq_ignore_ascii_case(w))
    };
    // "Three quarters of the population": a number word is not a name.
    let stop =
        |l: &str| words().local_stop.contains(l) || crate::counts::numbers::word_value(l).is_some();
    ((is_cap(w) && !stop(lower(w).as_ref()) && !time_word()) || is_article_name(w))
        && !acronym
        && !compound
}

/// A run of name words `[i, j)` in `toks`; bare particles are allowed inside.
fn name_run(toks: &[Tok], i: usize) -> Option<usize> {
    let mut j = i;
    let mut last_name = None;
    while j < toks.len() {
        let w = toks[j].w;
        if name_word(w) {
            last_name = Some(j + 1);
        } else if !(words().particle.contains(w) && last_name.is_some()) {
            break;
        }
        if toks[j].stop_after {
            j += 1;
            break;
        }
        j += 1;
    }
    let end = last_name?;
    (end > i && name_word(toks[i].w)).then_some(end.min(j))
}

/// The run of name words ending just before `j` (exclusive), walking back.
fn name_run_before(toks: &[Tok], j: usize) -> Option<usize> {
    if j == 0 || !name_word(toks[j - 1].w) {
        return None;
    }
    let mut i = j - 1;
    while i > 0 {
        let p = toks[i - 1];
        if p.stop_after {
            break;
        }
        if name_word(p.w) || (words().particle.contains(p.w) && i > 0) {
            i -= 1;
        } else {
            break;
        }
    }
    while i < j && !name_word(toks[i].w) {
        i += 1;
    }
    (i < j).then_some(i)
}

/// Split a comma-less run of names ("Beit Khadour Beit Zaifa Tel Khadar") at toponym
/// heads, or into items as long as `item_len` when the run is a multiple of it.
fn split_run(toks: &[Tok], i: usize, j: usize, item_len: Option<usize>) -> Vec<(usize, usize)> {
    let heads: Vec<usize> = (i + 1..j).filter(|&k| head(toks[k].w).is_some()).collect();
    if !heads.is_empty() && head(toks[i].w).is_some() {
        let mut out = Vec::new();
        let mut s = i;
        for h in heads {
            out.push((s, h));
            s = h;
        }
        out.push((s, j));
        return out;
    }
    if let Some(n) = item_len {
        let len = j - i;
        if n >= 1 && len > n && len.is_multiple_of(n) && (i..j).all(|k| is_cap(toks[k].w)) {
            return (i..j).step_by(n).map(|s| (s, s + n)).collect();
        }
    }
    vec![(i, j)]
}

/// Split one item of a comma-less list of names (commas stripped: "the villages of Kafr
/// Nabl Hass and Maar Shamsha"). A toponym head starts a name and takes one name word
/// after it, with its article ("Tel al-Khadar", "Ard al Wata") or a kunya ("Tal Abu
/// Dhahir"); the words after that start the next name, and so do the words before a head.
fn split_list(toks: &[Tok], i: usize, j: usize) -> Vec<(usize, usize)> {
    let lists = words();
    let mut out = Vec::new();
    let (mut s, mut k) = (i, i);
    while k < j {
        if head(toks[k].w).is_none() || k + 1 >= j {
            k += 1;
            continue;
        }
        if k > s {
            out.push((s, k));
        }
        let mut e = k + 1;
        if lists.particle.contains(toks[e].w) && e + 1 < j {
            e += 1;
        }
        if lists.kunya.contains(lower(toks[e].w).as_ref()) && e + 1 < j {
            e += 1;
        }
        out.push((k, e + 1));
        s = e + 1;
        k = e + 1;
    }
    if s < j {
        out.push((s, j));
    }
    out
}

/// True when two byte ranges share a byte.
pub fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Local places in `text[a..b)`. `blocked` are byte ranges that are something else
/// (actors, resolved places), `resolved` the sentence's gazetteer places.
pub fn find(text: &str, a: usize, b: usize, blocked: &[(usize, usize)]) -> Vec<Local> {
    let toks = tokens(text, a, b);
    let mut out: Vec<Local> = Vec::new();
    let push = |toks: &[Tok], i: usize, j: usize, kind: LocalKind, out: &mut Vec<Local>| {
        if i >= j {
            return;
        }
        let (s, e) = (toks[i].start, toks[j - 1].end);
        if blocked.iter().any(|r| overlaps(*r, (s, e))) {
            return;
        }
        // "SOS Children's Villages", "Saturday's gun battle": a possessive is no name;
        // "Box Elder School District", "Church Street": a name with an organisation's
        // head word names that organisation or building; "Ukrainian villages": an
        // adjective of nationality.
        let last = toks[j - 1].w;
        if last.ends_with("'s")
            || last.ends_with("’s")
            || toks[i..j]
                .iter()
                .any(|t| words().org_head.contains(lower(t.w).as_ref()))
            || j == i + 1 && is_demonym(toks[i].w)
        {
            return;
        }
        if out.iter().any(|l| overlaps((l.start, l.end), (s, e))) {
            return;
        }
        if let Some(name) = text.get(s..e) {
            out.push(Local {
                start: s,
                end: e,
                name: name.to_string(),
                kind,
            });
        }
    };
    // Cue words in lower case, allocating only for words with capitals.
    let lowned: Vec<std::borrow::Cow<str>> = toks
        .iter()
        .map(|t| {
            if t.w.bytes().any(|c| c.is_ascii_uppercase()) {
                std::borrow::Cow::Owned(t.w.to_ascii_lowercase())
            } else {
                std::borrow::Cow::Borrowed(t.w)
            }
        })
        .collect();
    let low: Vec<&str> = lowned.iter().map(|c| c.as_ref()).collect();
    let lists = words();
    for k in 0..toks.len() {
        let lw = low[k];
        // NAME [and NAME] + noun: "al-Midan neighbourhood", "Handarat town".
        let q = lists.quarter_after.contains(lw);
        let st = lists.settlement_after.contains(lw);
        if (q || st) && k > 0 && !toks[k - 1].stop_after {
            if let Some(i) = name_run_before(&toks, k) {
                let kind = if q {
                    LocalKind::Quarter
                } else {
                    LocalKind::Settlement
                };
                // A plural noun takes the list before it: "X and Y neighbourhoods".
                let mut first = i;
                if lw.ends_with('s') && i >= 2 && low[i - 1] == "and" && !toks[i - 2].stop_after {
                    if let Some(i0) = name_run_before(&toks, i - 1) {
                        first = i0;
                    }
                }
                if kind == LocalKind::Quarter || first == i {
                    push(&toks, first, k, kind, &mut out);
                } else {
                    for (s, e) in split_list(&toks, first, i - 1) {
                        push(&toks, s, e, kind, &mut out);
                    }
                    for (s, e) in split_list(&toks, i, k) {
                        push(&toks, s, e, kind, &mut out);
                    }
                }
            }
        }
        // noun + of + NAME [and NAME]: "the villages of Ard al-Wata and Rasha".
        if k + 2 < toks.len() && low[k + 1] == "of" && !toks[k].stop_after {
            if let Some(&kind) = lists.before_of.get(lw) {
                let mut s = k + 2;
                let mut items: Vec<(usize, usize)> = Vec::new();
                while let Some(e) = name_run(&toks, s) {
                    items.push((s, e));
                    if e + 1 < toks.len() && low[e] == "and" && !toks[e - 1].stop_after {
                        s = e + 1;
                    } else {
                        break;
                    }
                }
                if kind == LocalKind::Quarter {
                    if let (Some(f), Some(l)) = (items.first(), items.last()) {
                        push(&toks, f.0, l.1, kind, &mut out);
                    }
                } else {
                    // A plural noun introduces a list, maybe with its commas stripped.
                    let plural = lw.ends_with('s');
                    for (s, e) in items {
                        let parts = if plural {
                            split_list(&toks, s, e)
                        } else {
                            split_run(&toks, s, e, None)
                        };
                        for (s2, e2) in parts {
                            push(&toks, s2, e2, kind, &mut out);
                        }
                    }
                }
            }
        }
        // "five villages and hilltops including X Y and Z" (comma-less lists).
        if lw == "including" && k > 0 && lists.list_noun.contains(low[k - 1]) {
            let mut s = k + 1;
            let mut items: Vec<(usize, usize)> = Vec::new();
            while let Some(e) = name_run(&toks, s) {
                items.push((s, e));
                if e + 1 < toks.len() && low[e] == "and" {
                    s = e + 1;
                } else {
                    break;
                }
            }
            for (s, e) in items {
                for (s2, e2) in split_list(&toks, s, e) {
                    push(&toks, s2, e2, LocalKind::Settlement, &mut out);
                }
            }
        }
    }
    // Toponym heads anywhere: "Jabal al-Turkman", "Tel al-Khadar".
    let mut k = 0;
    while k < toks.len() {
        if head(toks[k].w) == Some(true) {
            if let Some(e) = name_run(&toks, k) {
                if e > k + 1 {
                    for (s2, e2) in split_run(&toks, k, e, None) {
                        push(&toks, s2, e2, LocalKind::Settlement, &mut out);
                    }
                    k = e;
                    continue;
                }
            }
        }
        k += 1;
    }
    // Lists of places introduced by a preposition, comma-less: "in Kels Shahroura
    // Sarraf and Hajjar" — only when a list item is followed by "and" + one name and
    // the run splits into items of that length.
    for k in 0..toks.len() {
        if !matches!(low[k], "in" | "on" | "at") {
            continue;
        }
        let Some(e) = name_run(&toks, k + 1) else {
            continue;
        };
        if e + 1 >= toks.len() || low[e] != "and" {
            continue;
        }
        let Some(e2) = name_run(&toks, e + 1) else {
            continue;
        };
        // Every item must be unknown to the gazetteer and the actor lexicon.
        let (s0, s1) = (toks[k + 1].start, toks[e2 - 1].end);
        if blocked.iter().any(|r| overlaps(*r, (s0, s1))) {
            continue;
        }
        let n = e2 - (e + 1);
        let parts = split_run(&toks, k + 1, e, Some(n));
        if parts.len() < 2 || n > 2 {
            continue;
        }
        for (s, t) in parts {
            push(&toks, s, t, LocalKind::Settlement, &mut out);
        }
        push(&toks, e + 1, e2, LocalKind::Settlement, &mut out);
    }
    out.sort_by_key(|l| l.start);
    out
}

/// The resolved place that contains a local place at `[s, e)`: the nearest one after it
/// introduced by "in"/"of"/"near" within a few words (the text states it: `true`), else
/// the nearest one before it in the sentence (`false`). Returns its index in `resolved`.
pub fn parent_of(text: &str, s: usize, e: usize, resolved: &[Resolved]) -> Option<(usize, bool)> {
    let lowgap = |x: usize, y: usize| lower_window(text, x, y);
    let after = resolved
        .iter()
        .enumerate()
        .filter(|(_, r)| r.start >= e && r.place.kind != PlaceKind::Country)
        .filter(|(_, r)| {
            let gap = lowgap(e, r.start);
            let words: Vec<&str> = gap
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            words.iter().any(|w| *w == "in" || *w == "of" || *w == "near")
                && words.len() <= 16
                && !words.contains(&"and")
                // "7 km east of Daraa city" is still Daraa; "162 kilometres north of the
                // capital" is not.
                && !words
                    .iter()
                    .any(|w| w.parse::<u32>().is_ok_and(|n| n > 30))
        })
        .min_by_key(|(_, r)| r.start)
        .map(|(i, _)| (i, true));
    after.or_else(|| {
        resolved
            .iter()
            .enumerate()
            .filter(|(_, r)| r.end <= s && r.place.kind != PlaceKind::Country)
            .max_by_key(|(_, r)| r.end)
            .map(|(i, _)| (i, false))
    })
}

/// Drop local places that only contain another one named just before them ("Avanl
/// village of the Jabal al-Turkmen Mountain", "al-Siteen Street in al-Zahraa district").
pub fn drop_containers(text: &str, locals: &mut Vec<Local>) {
    let mut keep = vec![true; locals.len()];
    for i in 1..locals.len() {
        let (prev, cur) = (&locals[i - 1], &locals[i]);
        let gap = lower_window(text, prev.end, cur.start);
        let words: Vec<&str> = gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let lists = self::words();
        let filler = |w: &&str| {
            matches!(*w, "of" | "in" | "the")
                || lists.quarter_after.contains(*w) && !w.ends_with('s')
                || matches!(*w, "village" | "town" | "area" | "camp")
        };
        if words.iter().any(|w| *w == "of" || *w == "in") && words.iter().all(filler) {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    locals.retain(|_| k.next().unwrap_or(true));
}

/// A spelling-tolerant key for a place name: the gazetteer's key ([`normalize`]: lower
/// case, diacritics folded, hyphens to spaces, apostrophes dropped) without the Arabic
/// articles and spaces, so "Al-Quriyah", "al Quriyah" and "Quriyah" are one place.
pub fn key(name: &str) -> String {
    let mut norm = String::with_capacity(name.len());
    normalize(name, &mut norm);
    let lists = words();
    norm.split(' ')
        .filter(|w| !w.is_empty() && !lists.particle.contains(w))
        .collect()
}

/// The admin-1 that a city's own countryside belongs to, where that differs from the
/// city's: Damascus is a governorate of its own, and "the Damascus countryside" is Rif
/// Dimashq (the name means just that).
pub fn countryside_admin1(country: &str, city_admin1: &str) -> Option<&'static str> {
    match (country, city_admin1) {
        ("SY", "Damascus") => Some("Rif Dimashq"),
        _ => None,
    }
}

/// The words before or after a place at bytes `[s, e)` that make it mean the place's
/// surroundings ("the eastern suburbs of Damascus", "rural Damascus", "Damascus
/// countryside", "near Damascus").
pub fn surroundings(text: &str, s: usize, e: usize) -> bool {
    let before = lower_window(text, s.saturating_sub(32), s);
    // "162 kilometres north of the capital Damascus" is a reference point.
    if ["km", "kilomet", "miles"]
        .iter()
        .any(|w| before.contains(w))
    {
        return false;
    }
    let after = lower_window(text, e, e + 16);
    let next = after.split_whitespace().next().unwrap_or("");
    // "near Damascus", "outside the Syrian capital Damascus": not in the city itself.
    let near = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .find(|w| !matches!(*w, "the" | "capital" | "city" | "of" | "syrian" | "syrias"))
        .is_some_and(|w| matches!(w, "near" | "outside"));
    near || matches!(
        next.trim_matches(|c: char| !c.is_alphanumeric()),
        "countryside" | "suburbs" | "outskirts" | "province" | "governorate"
    ) || [
        "suburbs of",
        "outskirts of",
        "countryside of",
        "rural",
        "east of",
        "west of",
        "north of",
        "south of",
        "around",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// True when the word after byte `e` names a part of a city ("Shahba neighbourhood": a
/// town's name used for a quarter).
pub fn names_a_quarter(text: &str, e: usize) -> bool {
    let after = lower_window(text, e, e + 16);
    matches!(
        after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric()),
        "neighbourhood" | "neighborhood" | "neighbourhoods" | "neighborhoods" | "quarter"
    )
}

/// How specific a kind of place is (higher is narrower): a populated or local place,
/// district, province, part of a country, country.
pub fn specificity(k: PlaceKind) -> u8 {
    match k {
        PlaceKind::Place | PlaceKind::Local => 4,
        PlaceKind::Admin2 => 3,
        PlaceKind::Admin1 => 2,
        PlaceKind::Region => 1,
        PlaceKind::Country => 0,
    }
}

/// The country most of `places` are in (the first seen wins ties).
pub fn main_country<'a>(places: impl IntoIterator<Item = &'a Place>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for p in places {
        if let Some(c) = p.country.as_deref() {
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some(e) => e.1 += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (c, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((c, n));
        }
    }
    best.map(|(c, _)| c.to_string())
}

/// Adds the document's local places to its `places` layer (after the gazetteer's
/// records, which it reads): each a record of kind `local` with its parent, or, when the
/// name is resolved elsewhere in the article ("Qamishli Hasaka" with commas stripped,
/// "Qamishli" resolved), a copy of that record. Needs the `sentences` layer.
pub fn add(doc: &mut Doc) {
    let found = {
        let Some(sentences) = doc.sentences.as_ref() else {
            return;
        };
        let idx = TextIndex::new(&doc.text);
        let sents: Vec<(usize, usize)> = sentences
            .iter()
            .map(|s| (idx.byte(s.start), idx.byte(s.end)))
            .collect();
        let gaz: Vec<&Place> = doc
            .places
            .iter()
            .flatten()
            .filter(|p| p.kind != PlaceKind::Local)
            .collect();
        locals(&doc.text, &idx, &sents, &gaz)
    };
    let layer = doc.places.get_or_insert_with(Vec::new);
    layer.extend(found);
    layer.sort_by_key(|p| (p.start, p.end));
}

/// The local places of a text (records with character offsets), given its sentences
/// (byte ranges) and its gazetteer places.
pub fn locals(text: &str, idx: &TextIndex, sents: &[(usize, usize)], gaz: &[&Place]) -> Vec<Place> {
    let known: Vec<(usize, usize)> = gaz
        .iter()
        .map(|p| (idx.byte(p.start), idx.byte(p.end)))
        .collect();
    // Parents are trusted places: in a country the article names, or the one most of its
    // places are in (a lone "Date" resolved to Japan in a Syria story is a false friend),
    // not a capital standing for its government, not a town's name used for a quarter.
    // "The Damascus countryside" is read as its own province.
    let main = main_country(gaz.iter().copied());
    let trusted: Vec<&str> = gaz
        .iter()
        .filter(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::Region))
        .filter_map(|p| p.country.as_deref())
        .chain(main.as_deref())
        .collect();
    let mut cands: Vec<(usize, usize, Place)> = Vec::new();
    for (p, &(s, e)) in gaz.iter().zip(&known) {
        if p.government
            || !p.country.as_deref().is_some_and(|c| trusted.contains(&c))
            || p.kind == PlaceKind::Place && names_a_quarter(text, e)
        {
            continue;
        }
        let mut place = (*p).clone();
        if let (Some(c), Some(a1)) = (place.country.as_deref(), place.admin1.as_deref()) {
            if let Some(other) = countryside_admin1(c, a1) {
                if surroundings(text, s, e) {
                    place.admin1 = Some(other.to_string());
                    place.admin2 = None;
                    place.kind = PlaceKind::Admin1;
                    place.name = other.to_string();
                }
            }
        }
        cands.push((s, e, place));
    }
    let resolved: Vec<Resolved> = cands
        .iter()
        .map(|(s, e, p)| Resolved {
            start: *s,
            end: *e,
            place: p,
        })
        .collect();
    let in_sentence = |a: usize, b: usize| -> Vec<usize> {
        (0..resolved.len())
            .filter(|&i| resolved[i].start >= a && resolved[i].end <= b)
            .collect()
    };
    // Each sentence's local names.
    let sent_locals: Vec<Vec<Local>> = sents
        .iter()
        .map(|&(a, b)| {
            let blocked: Vec<(usize, usize)> = known
                .iter()
                .copied()
                .filter(|k| k.1 > a && k.0 < b)
                .collect();
            let mut l = find(text, a, b, &blocked);
            drop_containers(text, &mut l);
            l
        })
        .collect();
    // A name written with its parent anywhere in the article keeps that parent where it
    // is named bare; a name resolved elsewhere is that place.
    let mut doc_parents: HashMap<String, usize> = HashMap::new();
    for (&(a, b), ls) in sents.iter().zip(&sent_locals) {
        let here = in_sentence(a, b);
        let rs: Vec<Resolved> = here.iter().map(|&i| resolved[i]).collect();
        for l in ls {
            if let Some((i, _)) = parent_of(text, l.start, l.end, &rs) {
                doc_parents.entry(key(&l.name)).or_insert(here[i]);
            }
        }
    }
    let mut doc_names: HashMap<String, &Place> = HashMap::new();
    for (s, e, p) in &cands {
        if p.kind == PlaceKind::Place {
            let written = text.get(*s..*e).unwrap_or("");
            doc_names.entry(key(written)).or_insert(p);
        }
    }
    // The article's place, for a local name in a sentence without one.
    let main_place = (0..cands.len()).find(|&i| cands[i].2.kind != PlaceKind::Country);
    let mut last: Option<(usize, usize)> = None;
    let mut out = Vec::new();
    for (si, (&(a, b), ls)) in sents.iter().zip(&sent_locals).enumerate() {
        let here = in_sentence(a, b);
        let context = last
            .filter(|(i, _)| si - i <= 3)
            .map(|(_, c)| c)
            .or(main_place);
        if !ls.is_empty() {
            let rs: Vec<Resolved> = here.iter().map(|&i| resolved[i]).collect();
            let mut parents: Vec<Option<(usize, bool)>> = ls
                .iter()
                .map(|l| parent_of(text, l.start, l.end, &rs).map(|(i, st)| (here[i], st)))
                .collect();
            // The names of one list share the parent written after the last one ("the
            // villages of Ard al-Wata and Rasha in Latakia").
            for k in (0..ls.len().saturating_sub(1)).rev() {
                let next = parents[k + 1];
                let gap = lower_window(text, ls[k].end, ls[k + 1].start);
                let joined = gap
                    .split(|c: char| !c.is_alphanumeric())
                    .all(|w| matches!(w, "" | "and" | "or"));
                if joined
                    && ls[k].kind == ls[k + 1].kind
                    && next.is_some_and(|(_, st)| st)
                    && !parents[k].is_some_and(|(_, st)| st)
                {
                    parents[k] = next;
                }
            }
            for (l, parent) in ls.iter().zip(parents) {
                let (start, end) = (idx.char(l.start), idx.char(l.end));
                let first = l.name.split_whitespace().next().unwrap_or("");
                if let Some(p) = doc_names
                    .get(&key(&l.name))
                    .or_else(|| doc_names.get(&key(first)))
                {
                    out.push(Place {
                        start,
                        end,
                        text: l.name.clone(),
                        ..(*p).clone()
                    });
                    continue;
                }
                let parent = match parent {
                    Some(p) => Some(p),
                    None => doc_parents
                        .get(&key(&l.name))
                        .copied()
                        .or(context)
                        .map(|i| (i, false)),
                };
                let Some((pi, stated)) = parent.filter(|(i, _)| cands[*i].2.country.is_some())
                else {
                    continue;
                };
                let parent = &cands[pi].2;
                let mut place = to_place(l, parent, gaz_span(gaz, &known, &cands[pi]), stated);
                place.start = start;
                place.end = end;
                // "the eastern suburbs of Zamalka and Arbeen" of Damascus are in Rif Dimashq.
                let near = lower_window(text, l.start.saturating_sub(40), l.end + 40);
                if ["suburb", "outskirts", "countryside", "rural"]
                    .iter()
                    .any(|w| near.contains(w))
                {
                    if let (Some(c), Some(a1)) = (place.country.as_deref(), place.admin1.as_deref())
                    {
                        if let Some(other) = countryside_admin1(c, a1) {
                            place.admin1 = Some(other.to_string());
                            place.admin2 = None;
                        }
                    }
                }
                out.push(place);
            }
        }
        // The most specific place of this sentence, for the next ones.
        if let Some(&best) = here
            .iter()
            .filter(|&&i| cands[i].2.kind != PlaceKind::Country)
            .max_by_key(|&&i| (specificity(cands[i].2.kind), std::cmp::Reverse(i)))
        {
            last = Some((si, best));
        }
    }
    out
}

/// The character span of a candidate parent's mention (its record's own offsets).
fn gaz_span(
    gaz: &[&Place],
    known: &[(usize, usize)],
    cand: &(usize, usize, Place),
) -> (usize, usize) {
    known
        .iter()
        .position(|k| k.0 == cand.0 && k.1 == cand.1)
        .map_or((0, 0), |i| (gaz[i].start, gaz[i].end))
}

/// A local place as a `places` record, inheriting the parent's country, divisions and
/// coordinates; `span` is the parent mention's character range. Its own character
/// offsets are filled in by the caller.
pub fn to_place(local: &Local, parent: &Place, span: (usize, usize), stated: bool) -> Place {
    Place {
        start: 0,
        end: 0,
        text: local.name.clone(),
        name: local.name.clone(),
        geonameid: None,
        country: parent.country.clone(),
        admin1: parent.admin1.clone(),
        admin2: if parent.kind == PlaceKind::Admin1 {
            None
        } else {
            parent.admin2.clone()
        },
        lat: parent.lat,
        lon: parent.lon,
        kind: PlaceKind::Local,
        region: None,
        geonames_name: None,
        government: false,
        local: Some(local.kind),
        parent: Some(PlaceParent {
            start: span.0,
            end: span.1,
            name: parent.name.clone(),
            stated,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, LocalKind)> {
        find(text, 0, text.len(), &[])
            .into_iter()
            .map(|l| (l.name, l.kind))
            .collect()
    }

    #[test]
    fn neighbourhoods_are_quarters_and_a_listed_pair_is_one() {
        let n = names("Mortars hit al-Qasr neighbourhood and the Bab Tuma and Qassa districts.");
        assert!(n.contains(&("al-Qasr".into(), LocalKind::Quarter)), "{n:?}");
        assert!(
            n.iter()
                .any(|(x, k)| x.contains("Qassa") && *k == LocalKind::Quarter),
            "{n:?}"
        );
    }

    #[test]
    fn villages_of_a_list_are_each_a_settlement() {
        let n = names("Troops shelled the villages of Kherbet Nuri and Hazzan on Monday.");
        assert_eq!(
            n,
            vec![
                ("Kherbet Nuri".to_string(), LocalKind::Settlement),
                ("Hazzan".to_string(), LocalKind::Settlement)
            ]
        );
    }

    #[test]
    fn a_comma_less_list_splits_at_toponym_heads_and_by_item_length() {
        let n = names("The army took five hilltops including Tel Saman Beit Rafi and Jabal Kurd.");
        let got: Vec<&str> = n.iter().map(|(x, _)| x.as_str()).collect();
        assert_eq!(got, vec!["Tel Saman", "Beit Rafi", "Jabal Kurd"]);
        let n = names("Rebels were hit in Asfar Mazra Qarta and Dulab on Friday.");
        let got: Vec<&str> = n.iter().map(|(x, _)| x.as_str()).collect();
        assert_eq!(got, vec!["Asfar", "Mazra", "Qarta", "Dulab"]);
    }

    #[test]
    fn plain_words_and_actors_are_not_places() {
        assert!(names("The town was quiet and the area calm.").is_empty());
        assert!(names("Three quarters of the people fled.").is_empty());
        let text = "Fighters of Jabal Qasiyun Brigade attacked.";
        let s = text.find("Jabal").unwrap_or(0);
        assert!(find(text, 0, text.len(), &[(s, s + 21)]).is_empty());
    }

    #[test]
    fn keys_ignore_articles_hyphens_case_and_diacritics() {
        assert_eq!(key("Al-Quriyah"), key("al Quriyah"));
        assert_eq!(key("al-Quriyah"), "quriyah");
        assert_ne!(key("Kafr Naya"), key("Kafr Nabl"));
        // The gazetteer's own normaliser folds the transliteration marks.
        assert_eq!(key("Ma‘arrat al-Nu‘man"), key("Maarrat an Numan"));
    }

    #[test]
    fn a_comma_less_list_after_a_plural_noun_splits_after_head_and_name() {
        // A head takes one name word, with its article or kunya; the rest is the next name.
        let n =
            names("Jets struck the villages of Tal Abu Dhahir Umm Batna Zaytan and Ard al Wata.");
        let got: Vec<&str> = n.iter().map(|(x, _)| x.as_str()).collect();
        assert_eq!(
            got,
            vec!["Tal Abu Dhahir", "Umm Batna", "Zaytan", "Ard al Wata"]
        );
        // Words before a head are a name of their own.
        let n = names("Troops entered the towns of Hazm Kafr Loma and Sabil.");
        let got: Vec<&str> = n.iter().map(|(x, _)| x.as_str()).collect();
        assert_eq!(got, vec!["Hazm", "Kafr Loma", "Sabil"]);
        // One village named alone keeps its whole name.
        let n = names("Troops entered the village of Kafr Loma Sabil on Friday.");
        let got: Vec<&str> = n.iter().map(|(x, _)| x.as_str()).collect();
        assert_eq!(got, vec!["Kafr Loma Sabil"]);
    }

    #[test]
    fn damascus_countryside_is_rif_dimashq() {
        assert_eq!(countryside_admin1("SY", "Damascus"), Some("Rif Dimashq"));
        assert_eq!(countryside_admin1("SY", "Aleppo"), None);
    }

    #[test]
    fn near_or_outside_a_city_is_its_surroundings() {
        let at = |t: &str| {
            let s = t.find("Damascus").unwrap_or(0);
            surroundings(t, s, s + "Damascus".len())
        };
        assert!(at(
            "A car bomb went off at a checkpoint near Damascus on Monday."
        ));
        assert!(at(
            "Twin blasts hit a shrine outside the Syrian capital Damascus."
        ));
        assert!(!at("A car bomb went off in central Damascus on Monday."));
        assert!(!at("Mortars hit a square in the city of Damascus."));
    }
}
