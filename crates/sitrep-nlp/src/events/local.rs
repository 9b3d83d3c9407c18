//! Local places the gazetteer does not hold: neighbourhoods, villages, hills, camps.
//!
//! Why: the built-in gazetteer stops at places of 1,000 people, but conflict reports name
//! the neighbourhood that was shelled and the villages that were taken ("al-Midan
//! neighbourhood in the city", "the villages of Ard al-Wata and Rasha in Latakia"). The
//! guide codes one record per place, so without these names several incidents in one
//! province collapse into one record. A local place is only found next to a word that
//! says what it is ("neighbourhood", "village of", "town") or by an Arabic toponym head
//! ("Jabal", "Tel", "Beit", "Kafr" …); it takes its country, province and coordinates
//! from the resolved place that contains it ("… in Idleb", "… of Aleppo"), else from the
//! sentence's or the article's place. Its coordinates are therefore only as precise as
//! that parent, which the record's `location_precision` says.

use sitrep_model::{Place, PlaceKind};

/// What kind of local place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalKind {
    /// A part of a city (neighbourhood, district of a city, quarter, square, street):
    /// several named together are one incident place.
    Quarter,
    /// A settlement or site of its own (village, town, hill, camp): each is its own
    /// incident place.
    Settlement,
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

/// Nouns after a name that make it a part of a city.
const QUARTER_AFTER: &[&str] = &[
    "neighbourhood",
    "neighbourhoods",
    "neighborhood",
    "neighborhoods",
    "quarter",
    "quarters",
    "square",
    "street",
    "district",
    "districts",
];

/// Nouns after a name that make it a settlement or site of its own.
const SETTLEMENT_AFTER: &[&str] = &[
    "town",
    "towns",
    "village",
    "villages",
    "hill",
    "hills",
    "hilltop",
    "mountain",
    "mountains",
    "camp",
    "area",
    "triangle",
    "airbase",
    "airport",
    "crossroads",
    "junction",
    "plain",
];

/// "the neighbourhood of X", "the villages of X and Y": nouns before "of" + name.
const BEFORE_OF: &[(&str, LocalKind)] = &[
    ("neighbourhood", LocalKind::Quarter),
    ("neighbourhoods", LocalKind::Quarter),
    ("neighborhood", LocalKind::Quarter),
    ("neighborhoods", LocalKind::Quarter),
    ("district", LocalKind::Quarter),
    ("districts", LocalKind::Quarter),
    ("town", LocalKind::Settlement),
    ("towns", LocalKind::Settlement),
    ("village", LocalKind::Settlement),
    ("villages", LocalKind::Settlement),
    ("area", LocalKind::Settlement),
    ("areas", LocalKind::Settlement),
    ("region", LocalKind::Settlement),
    ("city", LocalKind::Settlement),
    ("hill", LocalKind::Settlement),
    ("hilltops", LocalKind::Settlement),
    ("hills", LocalKind::Settlement),
    ("camp", LocalKind::Settlement),
    ("suburbs", LocalKind::Settlement),
    ("outskirts", LocalKind::Settlement),
];

/// Heads of Arabic and Kurdish toponyms: a name that starts with one is a place.
const HEADS: &[&str] = &[
    "Jabal", "Jebel", "Jabel", "Tel", "Tell", "Tal", "Beit", "Bayt", "Kafr", "Kfar", "Khan", "Ain",
    "Ein", "Ard", "Marj", "Wadi", "Jisr", "Ras", "Bab", "Maarat", "Maaret", "Bir", "Umm", "Qasr",
    "Hayy", "Hay", "Masaken", "Bustan", "Souq", "Souk", "Sheikh",
];

/// Lower-case particles inside Arabic names ("Ard al Wata", "Jabal al-Turkman").
const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ibn", "bin",
];

/// One word of the sentence.
#[derive(Debug, Clone, Copy)]
struct Tok<'t> {
    start: usize,
    end: usize,
    w: &'t str,
    /// Punctuation (comma, semicolon, bracket, full stop) right after the word.
    stop_after: bool,
}

fn words(text: &str, a: usize, b: usize) -> Vec<Tok<'_>> {
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

/// "al-Midan", "el-Bab", "Al-Sakhour": an Arabic article glued to a name.
fn is_article_name(w: &str) -> bool {
    let Some((p, rest)) = w.split_once('-') else {
        return false;
    };
    PARTICLES.contains(&p.to_ascii_lowercase().as_str())
        && rest.chars().next().is_some_and(char::is_alphabetic)
}

/// A word that can be part of a name: capitalised or "al-X", not a stop word, an
/// acronym ("SANA") or a compound adjective ("DAESH-held", "Kurdish-led").
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
    ((is_cap(w) && !STOP_CAPS.contains(&w) && !time_word()) || is_article_name(w))
        && !acronym
        && !compound
}

/// Capitalised words that do not start or continue a place name (weekday and month
/// names come from `sitrep_model::calendar`).
const STOP_CAPS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "And",
    "Of",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "Syrian",
    "Syrians",
    "Russian",
    "Kurdish",
    "Turkish",
    "Iraqi",
    "Afghan",
    "Islamic",
    "State",
    "Army",
    "Forces",
    "Front",
    "Observatory",
    "SANA",
    "Reuters",
    "AFP",
    "ISIS",
    "ISIL",
    "Daesh",
    "DAESH",
    "IS",
    "US",
    "UN",
    "Police",
    "Command",
    "Center",
    "Centre",
    "Countryside",
    "Province",
    "City",
    "Eastern",
    "Western",
    "Northern",
    "Southern",
    "Central",
    "Mountain",
    "Mountains",
    "Shiite",
    "Shia",
    "Sunni",
    "Alawite",
    "Christian",
    "Druze",
    "Arab",
    "Muslim",
    "Turkmen",
    "Kurds",
    "Yazidi",
    "Armenian",
    "Assyrian",
];

/// A run of name words `[i, j)` in `toks`; bare particles are allowed inside.
fn name_run(toks: &[Tok], i: usize) -> Option<usize> {
    let mut j = i;
    let mut last_name = None;
    while j < toks.len() {
        let w = toks[j].w;
        if name_word(w) {
            last_name = Some(j + 1);
        } else if !(PARTICLES.contains(&w) && last_name.is_some()) {
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
        if name_word(p.w) || (PARTICLES.contains(&p.w) && i > 0) {
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
    let heads: Vec<usize> = (i + 1..j).filter(|&k| HEADS.contains(&toks[k].w)).collect();
    if !heads.is_empty() && HEADS.contains(&toks[i].w) {
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

/// True when two byte ranges share a byte.
pub fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Local places in `text[a..b)`. `blocked` are byte ranges that are something else
/// (actors, resolved places), `resolved` the sentence's gazetteer places.
pub fn find(text: &str, a: usize, b: usize, blocked: &[(usize, usize)]) -> Vec<Local> {
    let toks = words(text, a, b);
    let mut out: Vec<Local> = Vec::new();
    let push = |toks: &[Tok], i: usize, j: usize, kind: LocalKind, out: &mut Vec<Local>| {
        if i >= j {
            return;
        }
        let (s, e) = (toks[i].start, toks[j - 1].end);
        if blocked.iter().any(|r| overlaps(*r, (s, e))) {
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
    for k in 0..toks.len() {
        let lw = low[k];
        // NAME [and NAME] + noun: "al-Midan neighbourhood", "Handarat town".
        let q = QUARTER_AFTER.contains(&lw);
        let st = SETTLEMENT_AFTER.contains(&lw);
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
                    for (s, e) in split_run(&toks, first, i - 1, None) {
                        push(&toks, s, e, kind, &mut out);
                    }
                    push(&toks, i, k, kind, &mut out);
                }
            }
        }
        // noun + of + NAME [and NAME]: "the villages of Ard al-Wata and Rasha".
        if k + 2 < toks.len() && low[k + 1] == "of" && !toks[k].stop_after {
            if let Some(&(_, kind)) = BEFORE_OF.iter().find(|(n, _)| *n == lw) {
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
                    for (s, e) in items {
                        for (s2, e2) in split_run(&toks, s, e, None) {
                            push(&toks, s2, e2, kind, &mut out);
                        }
                    }
                }
            }
        }
        // "five villages and hilltops including X Y and Z" (comma-less lists).
        if lw == "including"
            && k > 0
            && matches!(
                low[k - 1],
                "villages" | "hilltops" | "towns" | "areas" | "hills" | "positions"
            )
        {
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
                for (s2, e2) in split_run(&toks, s, e, None) {
                    push(&toks, s2, e2, LocalKind::Settlement, &mut out);
                }
            }
        }
    }
    // Toponym heads anywhere: "Jabal al-Turkman", "Tel al-Khadar".
    let mut k = 0;
    while k < toks.len() {
        if HEADS.contains(&toks[k].w) && toks[k].w != "Sheikh" {
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
/// introduced by "in"/"of" within a few words, else the nearest one before it in the
/// sentence. Returns its index in `resolved`.
pub fn parent_of(text: &str, s: usize, e: usize, resolved: &[Resolved]) -> Option<usize> {
    let lowgap = |x: usize, y: usize| text.get(x..y).unwrap_or("").to_ascii_lowercase();
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
        .map(|(i, _)| i);
    after.or_else(|| {
        resolved
            .iter()
            .enumerate()
            .filter(|(_, r)| r.end <= s && r.place.kind != PlaceKind::Country)
            .max_by_key(|(_, r)| r.end)
            .map(|(i, _)| i)
    })
}

/// Drop local places that only contain another one named just before them ("Avanl
/// village of the Jabal al-Turkmen Mountain", "al-Siteen Street in al-Zahraa district").
pub fn drop_containers(text: &str, locals: &mut Vec<Local>) {
    let mut keep = vec![true; locals.len()];
    for i in 1..locals.len() {
        let (prev, cur) = (&locals[i - 1], &locals[i]);
        let gap = text
            .get(prev.end..cur.start)
            .unwrap_or("")
            .to_ascii_lowercase();
        let words: Vec<&str> = gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let filler = |w: &&str| {
            matches!(
                *w,
                "of" | "in"
                    | "the"
                    | "village"
                    | "town"
                    | "street"
                    | "square"
                    | "neighbourhood"
                    | "neighborhood"
                    | "district"
                    | "area"
                    | "camp"
            )
        };
        if words.iter().any(|w| *w == "of" || *w == "in") && words.iter().all(filler) {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    locals.retain(|_| k.next().unwrap_or(true));
}

/// A spelling-tolerant key for a local name: "Al-Quriyah", "al Quriyah" and "Quriyah"
/// are one place.
pub fn key(name: &str) -> String {
    let low = name.to_lowercase();
    let mut words: Vec<&str> = low
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’')
        .filter(|w| !w.is_empty())
        .collect();
    words.retain(|w| !PARTICLES.contains(w));
    words.concat()
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

/// A local place as a `Place`, inheriting the parent's country, divisions and
/// coordinates. Character offsets are filled in by the caller.
pub fn to_place(local: &Local, parent: &Place) -> Place {
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
        kind: PlaceKind::Place,
        region: None,
        geonames_name: None,
        government: false,
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
        let text = "Fighters of Jabal Qasiyun Brigade attacked.";
        let s = text.find("Jabal").unwrap_or(0);
        assert!(find(text, 0, text.len(), &[(s, s + 21)]).is_empty());
    }

    #[test]
    fn keys_ignore_articles_hyphens_and_case() {
        assert_eq!(key("Al-Quriyah"), key("al Quriyah"));
        assert_eq!(key("al-Quriyah"), "quriyah");
        assert_ne!(key("Kafr Naya"), key("Kafr Nabl"));
    }

    #[test]
    fn damascus_countryside_is_rif_dimashq() {
        assert_eq!(countryside_admin1("SY", "Damascus"), Some("Rif Dimashq"));
        assert_eq!(countryside_admin1("SY", "Aleppo"), None);
    }
}
