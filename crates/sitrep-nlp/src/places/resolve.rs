//! The geoparser: finds place mentions in text and resolves each to one gazetteer entry.
//!
//! Finding: the text is cut into tokens; every window of up to six tokens that starts and
//! ends with a capitalised token (lower-case connectors like "ez", "al", "of" allowed
//! inside) is normalised and looked up in the gazetteer's hash map; the longest hit wins.
//! Demonyms ("Afghan", "Syrians") are looked up the same way. Stop-words, acronyms,
//! person contexts ("President X", "Michael Jordan") and names inside organisations
//! ("Syrian Observatory for Human Rights", "Radio Free Europe") are filtered or flagged.
//! Patterns add cues: "X Province", "the city of X", "northern Syria" (a `region`), "X
//! County", and FA-KES's stripped possessive "Syrias northwestern city".
//!
//! Resolving: each candidate entry is scored on its kind (countries first), population,
//! capital status, cues, and evidence from the rest of the document: countries and
//! demonyms mentioned, admin-1 divisions mentioned, sibling divisions ("Georgia" among US
//! states is the state), and "X, Y" containment ("Paris, Texas"). Two passes: the first
//! picks without context and collects evidence; the second rescoring uses the evidence of
//! the other mentions.

use super::gazetteer::{normalize, Entry, EntryKind, Gazetteer};
use super::words::Words;
use crate::people::tokens::lower;
use rustc_hash::{FxHashMap, FxHashSet};
use sitrep_model::PlaceKind;
use std::borrow::Cow;

/// A place mention found in text (byte offsets) and its resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Resolved gazetteer entry.
    pub entry: u32,
    /// Kind of the mention (`Region` for "southern Afghanistan").
    pub kind: PlaceKind,
    /// For regions: the part of the country.
    pub region: Option<&'static str>,
    /// A demonym ("Afghan"), not a place name.
    pub demonym: bool,
    /// False when the name sits inside an organisation's or person's name: not a place of
    /// the story, though it still counts as evidence for its country.
    pub story: bool,
    /// A capital standing for its government ("Washington will assess", "Moscow said").
    pub government: bool,
    /// Part of the name of a disease or pathogen ("West Nile virus", and "West Nile" bare
    /// in the same text): not a place, in no gold convention.
    pub pathogen: bool,
    /// "Stroud, Ontario" where the gazetteer has no Stroud in Ontario (only namesakes in
    /// countries the story never names): the byte offset of the container's mention. The
    /// stage writes the name as a `local` place with that parent.
    pub within: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    cap: bool,
    all_caps: bool,
    initial: bool,
}

/// Cue words after a name ("Bamyan Province") or before it ("the city of Homs").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    None,
    Admin1,
    Admin2,
    City,
    /// The name of a physical feature ("Swat Valley", "Lake Erie"): placed at the
    /// namesake only where the story is.
    Feature,
}

fn after_cue(word: &str) -> Cue {
    match word {
        "province" | "governorate" | "state" | "oblast" | "prefecture" | "region" | "provinces"
        | "wilayat" | "territory" => Cue::Admin1,
        "district" | "county" | "municipality" | "department" => Cue::Admin2,
        "city" | "town" | "village" => Cue::City,
        _ => Cue::None,
    }
}

/// The word lists (`data/places-words.tsv`).
#[allow(non_snake_case)]
fn W() -> &'static Words {
    Words::builtin()
}

/// Whether `w` (lower case) is a stop-word: in the `stop` list (one hash probe) or a month
/// or weekday name or month abbreviation.
fn is_stop(w: &str) -> bool {
    use sitrep_model::calendar::{is_weekday_or_month, MONTH_ABBREVIATIONS};
    W().stop.contains(w) || is_weekday_or_month(w) || MONTH_ABBREVIATIONS.contains(&w)
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut boundary = true; // sentence start seen since last token
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut all_caps = c.is_uppercase();
            let mut lower = false;
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    if d.is_lowercase() {
                        all_caps = false;
                        lower = true;
                    }
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let _ = lower;
            toks.push(Tok {
                start: i,
                end,
                cap: c.is_uppercase(),
                all_caps: all_caps && end - i > 1,
                initial: boundary,
            });
            boundary = false;
        } else if matches!(c, '.' | '!' | '?' | '\n' | ':' | ';' | '—' | '|' | '•') {
            // "U.S." inside a sentence: a dot right after a one-letter token is not an end.
            let abbrev = c == '.'
                && toks
                    .last()
                    .is_some_and(|t: &Tok| t.end == i && t.end - t.start <= 2 && t.cap);
            if !abbrev {
                boundary = true;
            }
        }
    }
    toks
}

/// Whether the gap between two tokens lets them form one name.
fn joinable(gap: &str) -> bool {
    !gap.is_empty()
        && gap.len() <= 3
        && gap
            .chars()
            .all(|c| matches!(c, ' ' | '-' | '.' | '\'' | '’' | 'ʼ' | '‐'))
        && !gap.contains("  ")
        && gap.chars().filter(|c| *c == ' ').count() <= 1
}

/// Entries a window matched (index, primary name?) and the demonym's country, if any.
type Found = (Vec<(u32, bool)>, Option<u32>);

struct Cand {
    i: usize,
    j: usize,
    start: usize,
    end: usize,
    entries: Vec<(u32, bool)>,
    demonym: Option<u32>,
    key: String,
    cue: Cue,
    region: Option<&'static str>,
    story: bool,
    person: bool,
    /// Person by a title ("President X") or a first-name/last-name pair: strong enough
    /// to hide even a big place's name elsewhere in the document.
    strong_person: bool,
    /// Part of a disease's or pathogen's name (see [`Mention::pathogen`]).
    pathogen: bool,
    /// The name of a street ("Hertford Road"): evidence for the country, not a place.
    street: bool,
}

/// Finds and resolves every place mention in `text`.
pub fn find(g: &Gazetteer, text: &str) -> Vec<Mention> {
    let toks = tokenize(text);
    let mut cands = candidates(g, text, &toks);
    apply_context_rules(g, text, &toks, &mut cands);
    person_pairs(g, text, &toks, &mut cands);
    // one sense per document: "West Nile virus" makes every "West Nile" the virus
    let pathogens: FxHashSet<(String, Option<&str>)> = cands
        .iter()
        .filter(|c| c.pathogen)
        .map(|c| (c.key.clone(), c.region))
        .collect();
    if !pathogens.is_empty() {
        for c in cands.iter_mut() {
            if pathogens.contains(&(c.key.clone(), c.region)) {
                c.pathogen = true;
                c.story = false;
            }
        }
    }
    resolve(g, text, &toks, &cands)
}

fn tok_lower<'a>(text: &'a str, t: &Tok) -> Cow<'a, str> {
    lower(&text[t.start..t.end])
}

fn candidates(g: &Gazetteer, text: &str, toks: &[Tok]) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let tl = tok_lower(text, &t);
        // "al-Fardos": a lower-case article joined by a hyphen to a capitalised word.
        let article_start = !t.cap
            && matches!(
                tl.as_ref(),
                "al" | "el" | "ar" | "as" | "ad" | "an" | "at" | "ash" | "az"
            )
            && toks
                .get(i + 1)
                .is_some_and(|n| n.cap && &text[t.end..n.start] == "-");
        // "al-Arabi", "Al-Shafah": when the name with its article is not a place, the
        // bare word after the hyphen is not one either (it is part of that name)
        let after_article = i > 0 && {
            let p = toks[i - 1];
            &text[p.end..t.start] == "-"
                && matches!(
                    tok_lower(text, &p).as_ref(),
                    "al" | "el" | "ar" | "as" | "ad" | "an" | "at" | "ash" | "az"
                )
        };
        if !t.cap && !article_start || is_contraction(text, toks, i) || after_article {
            i += 1;
            continue;
        }
        let mut best: Option<Cand> = None;
        let max = (i + 6).min(toks.len());
        // extend window while joinable
        let mut last_ok = i;
        for j in i + 1..max {
            if !joinable(&text[toks[j - 1].end..toks[j].start]) {
                break;
            }
            let tj = toks[j];
            if !tj.cap && !W().connector.contains(&*tok_lower(text, &tj)) && !tj.start.eq(&0) {
                // lower-case non-connector: stop ("Aleppo's" -> token "s")
                break;
            }
            last_ok = j;
        }
        for j in (i..=last_ok).rev() {
            let tj = toks[j];
            if !tj.cap {
                continue;
            }
            let s = t.start;
            let mut e = tj.end;
            let len = j - i + 1;
            // abbreviation with trailing dot ("Ky.", "B.C.", "U.S.")
            let raw = &text[s..e];
            let dotted = text[e..].starts_with('.')
                && (raw.contains('.') || raw.chars().any(|c| c.is_lowercase()));
            let mut found: Option<Found> = None;
            if dotted {
                normalize(&text[s..e], &mut key);
                key.push('.');
                let hits = g.lookup(&key);
                if !hits.is_empty() {
                    e += 1;
                    found = Some((hits.to_vec(), None));
                } else {
                    key.pop();
                }
            }
            if found.is_none() {
                normalize(&text[s..e], &mut key);
                let mut hits = g.lookup(&key);
                // "U.N." is not the Indian town Un: initials need a country or division
                if raw.contains('.') {
                    hits.retain(|(x, _)| {
                        matches!(g.entry(*x).kind, EntryKind::Country | EntryKind::Admin1)
                    });
                }
                // "Canadian", "German": a demonym beats small places of that name
                let dem = if len <= 3 { g.demonym(&key) } else { None };
                // "Somali refugees": a division's name that is also a demonym, before a
                // lower-case word that is no cue ("Somali region"), is the demonym (not
                // a country's: "the United States flu season", "Hong Kong legislation")
                let before_noun = !hits
                    .iter()
                    .any(|(x, _)| g.entry(*x).kind == EntryKind::Country)
                    && toks.get(j + 1).is_some_and(|n| {
                        !n.cap
                            && text.get(e..n.start) == Some(" ")
                            && after_cue(&tok_lower(text, n)) == Cue::None
                            && !W().follower.contains(&*tok_lower(text, n))
                    });
                if dem.is_some() && (before_noun || !hits.iter().any(|(x, _)| big(g, *x))) {
                    found = Some((Vec::new(), dem));
                } else if !hits.is_empty() {
                    found = Some((hits.to_vec(), None));
                } else if len <= 3 {
                    if let Some(d) = g.demonym(&key) {
                        found = Some((Vec::new(), Some(d)));
                    }
                }
            }
            // "U.S." tokenises as U . S — a dotted one-letter window needs its last dot.
            if let Some((entries, dem)) = found {
                if W().stop_phrase.contains(key.as_str()) {
                    continue;
                }
                if len == 1 && !acceptable_single(g, text, &t, &key, &entries, dem) {
                    continue;
                }
                // include trailing dot of dotted initials ("U.S." / "B.C.")
                if text[s..e].contains('.')
                    && !text[s..e].ends_with('.')
                    && text[e..].starts_with('.')
                {
                    e += 1;
                }
                best = Some(Cand {
                    i,
                    j,
                    start: s,
                    end: e,
                    entries,
                    demonym: dem,
                    key: key.clone(),
                    cue: Cue::None,
                    region: None,
                    story: true,
                    person: false,
                    strong_person: false,
                    pathogen: false,
                    street: false,
                });
                break;
            }
        }
        // FA-KES stripped possessive: "Syrias northwestern city".
        if best.is_none() && t.cap && tl.len() >= 5 && tl.ends_with('s') && !t.all_caps {
            let next_lower = toks
                .get(i + 1)
                .is_some_and(|n| !n.cap && &text[t.end..n.start] == " ");
            let next_cap = toks
                .get(i + 1)
                .is_some_and(|n| n.cap && &text[t.end..n.start] == " ");
            if next_lower || next_cap {
                let stem = &text[t.start..t.end - 1];
                normalize(stem, &mut key);
                let hits: Vec<(u32, bool)> = g
                    .lookup(&key)
                    .iter()
                    .copied()
                    .filter(|(x, _)| {
                        let e = g.entry(*x);
                        // "Syrias Homs": before a capitalised word only a country
                        e.kind == EntryKind::Country
                            || next_lower
                                && (e.kind == EntryKind::Admin1 || e.population >= 100_000)
                    })
                    .collect();
                if !hits.is_empty() && !is_stop(&key) {
                    best = Some(Cand {
                        i,
                        j: i,
                        start: t.start,
                        end: t.end - 1,
                        entries: hits,
                        demonym: None,
                        key: key.clone(),
                        cue: Cue::None,
                        region: None,
                        story: true,
                        person: false,
                        strong_person: false,
                        pathogen: false,
                        street: false,
                    });
                }
            }
        }
        match best {
            Some(c) => {
                i = c.j + 1;
                out.push(c);
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a token stands in running prose: after a space, quote or bracket (or at the
/// start) and not followed by a hyphen, slash, `@` or a dot inside a name ("brant.ca").
fn prose_word(text: &str, t: &Tok) -> bool {
    let before = text[..t.start].chars().next_back();
    let mut after = text[t.end..].chars();
    let (a1, a2) = (after.next(), after.next());
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '(' | '“' | '‘'))
        && !matches!(a1, Some('-' | '/' | '@' | '_'))
        && !(a1 == Some('.') && a2.is_some_and(char::is_alphanumeric))
}

/// Whether token `k` is an Arabic article ("Al", "el", "ash").
fn is_article(text: &str, toks: &[Tok], k: usize) -> bool {
    matches!(
        tok_lower(text, &toks[k]).as_ref(),
        "al" | "el" | "ar" | "as" | "ad" | "an" | "at" | "ash" | "az"
    )
}

/// "Don't", "Can't": a capitalised token joined by an apostrophe to a contraction tail.
fn is_contraction(text: &str, toks: &[Tok], i: usize) -> bool {
    let Some(n) = toks.get(i + 1) else {
        return false;
    };
    let gap = &text[toks[i].end..n.start];
    matches!(gap, "'" | "’")
        && matches!(&text[n.start..n.end], "t" | "ll" | "re" | "ve" | "d" | "m")
}

/// Single-token filter: stop-words, acronyms, short names.
fn acceptable_single(
    g: &Gazetteer,
    text: &str,
    t: &Tok,
    key: &str,
    entries: &[(u32, bool)],
    dem: Option<u32>,
) -> bool {
    let raw = &text[t.start..t.end];
    // a title alone ("Secretary Francisco Duque") is not a place; "US$460" is money
    if is_stop(key) || W().title.contains(key) || text[t.end..].starts_with('$') {
        return false;
    }

    let letters = raw.chars().count();
    let big = entries.iter().any(|(x, _)| {
        let e = g.entry(*x);
        matches!(e.kind, EntryKind::Country | EntryKind::Admin1)
    });
    if t.all_caps && letters <= 4 {
        // acronyms: only country/state codes written that way ("US", "UK", "UAE")
        return big && key.len() >= 2 && key.len() <= 3 || dem.is_some();
    }
    if letters <= 2 && !key.ends_with('.') {
        return false;
    }
    // Sentence-initial lone words that are only names of small places are too often
    // ordinary words ("Much", "Rather").
    if t.initial && !big && dem.is_none() {
        let max_pop = entries
            .iter()
            .map(|(x, _)| g.entry(*x).population)
            .max()
            .unwrap_or(0);
        if max_pop < 50_000 && entries.iter().all(|(_, p)| !*p) {
            return false;
        }
    }
    true
}

fn apply_context_rules(g: &Gazetteer, text: &str, toks: &[Tok], cands: &mut [Cand]) {
    let starts: FxHashSet<usize> = cands.iter().map(|c| c.i).collect();
    // tokens inside some candidate
    let covered: FxHashSet<usize> = cands.iter().flat_map(|c| c.i..=c.j).collect();
    // words the text writes in lower case in running prose ("lead", "carbon"; not
    // "crimestoppers-brant.ca")
    let lower_words: FxHashSet<&str> = toks
        .iter()
        .filter(|t| !t.cap && prose_word(text, t))
        .map(|t| &text[t.start..t.end])
        .filter(|w| w.chars().all(char::is_lowercase))
        .collect();
    // last tokens of names that are big places (lists: "Daraa Hama Idlib")
    let ends: FxHashSet<usize> = cands
        .iter()
        .filter(|c| c.entries.iter().any(|(x, _)| big(g, *x)))
        .map(|c| c.j)
        .collect();
    for c in cands.iter_mut() {
        let prev = c.i.checked_sub(1).map(|p| toks[p]);
        let next = toks.get(c.j + 1).copied();
        let gap_next = next.map(|n| &text[c.end.min(n.start)..n.start]);
        let gap_prev = prev.map(|p| &text[p.end..toks[c.i].start]);
        // cue after: "Bamyan Province", "Homs province", "Aleppo city"
        let mut follower = false;
        if let (Some(n), Some(" ")) = (next, gap_next) {
            let w = tok_lower(text, &n);
            let mut cue = after_cue(&w);
            // "Kentucky Department of Fish and Wildlife" names an agency, not a division
            if n.cap && matches!(w.as_ref(), "department" | "municipality") {
                cue = Cue::None;
            }
            if cue != Cue::None {
                c.cue = cue;
                if n.cap
                    && matches!(
                        w.as_ref(),
                        "province" | "governorate" | "oblast" | "prefecture"
                    )
                {
                    c.end = n.end;
                    c.j += 1;
                }
            }
            // "Swat Valley", "Salinas Valley": a feature named after the place
            if cue == Cue::None
                && n.cap
                && c.demonym.is_none()
                && W().feature_after.contains(&*w)
                && !covered.contains(&(c.j + 1))
            {
                cue = Cue::Feature;
                c.cue = cue;
                c.end = n.end;
                c.j += 1;
            }
            follower = cue != Cue::None
                || W().follower.contains(&*w)
                || sitrep_model::calendar::is_weekday_or_month(&w);
        }
        // "Hertford Road", "Dufferin Street", "Wooster St.": a street named after a place
        // is no place (the rule: streets are places only when the gazetteer has
        // them, and then the window matched the whole name), though it still tells the
        // story's country (English streets bear English towns' names)
        if let (Some(n), Some(" ")) = (next, gap_next) {
            if n.cap && c.demonym.is_none() && W().street.contains(&*tok_lower(text, &n)) {
                c.street = true;
            }
        }
        // "Lake Erie", "Mount Kenya"
        if let (Some(p), Some(" ")) = (prev, gap_prev) {
            if c.cue == Cue::None
                && p.cap
                && c.demonym.is_none()
                && W().feature_before.contains(&*tok_lower(text, &p))
                && !covered.contains(&(c.i - 1))
            {
                c.cue = Cue::Feature;
                c.start = p.start;
            }
        }
        // "West Nile virus", "Marburg fever": part of the name of a disease, not a place
        if let (Some(n), Some(" ")) = (next, gap_next) {
            if W().name_head.contains(&*tok_lower(text, &n)) && c.demonym.is_none() {
                c.story = false;
                // "the United States flu season", "Sudan strains": a country stays one
                c.pathogen = !c
                    .entries
                    .iter()
                    .any(|(x, _)| g.entry(*x).kind == EntryKind::Country);
            }
        }
        // "his wife, Dora, 62, ...": a name followed by an age between commas is a person
        if let (Some(n), Some(", ")) = (next, gap_next) {
            let age = &text[n.start..n.end];
            if age.len() <= 3
                && age.bytes().all(|b| b.is_ascii_digit())
                && text[n.end..].starts_with(',')
                && c.demonym.is_none()
                && !c.entries.iter().any(|(x, _)| big(g, *x))
            {
                c.person = true;
            }
        }
        // "Murphy said": a small place's name as the subject of a speech verb is a person
        if let (Some(n), Some(" ")) = (next, gap_next) {
            let w = tok_lower(text, &n);
            if c.i == c.j
                && c.demonym.is_none()
                && matches!(
                    w.as_ref(),
                    "said"
                        | "says"
                        | "told"
                        | "added"
                        | "explained"
                        | "wrote"
                        | "stated"
                        | "noted"
                        | "recalled"
                        | "asked"
                )
                && !c.entries.iter().any(|(x, _)| big(g, *x))
            {
                c.person = true;
            }
        }
        // "Hamid al-Arabi", "Ahmed bin Salman": a first name before a nasab or article
        if let (Some(n), Some(" ")) = (next, gap_next) {
            let w = tok_lower(text, &n);
            let joined = toks
                .get(c.j + 2)
                .is_some_and(|m| m.cap && &text[n.end..m.start] == "-");
            if c.i == c.j
                && c.demonym.is_none()
                && (matches!(w.as_ref(), "al" | "el") && joined
                    || matches!(w.as_ref(), "bin" | "ibn" | "bint"))
                && !c
                    .entries
                    .iter()
                    .any(|(x, _)| g.entry(*x).kind == EntryKind::Country)
            {
                c.person = true;
            }
        }
        // cue before: "province of X", "city of X"
        if c.i >= 2 && c.cue == Cue::None && tok_lower(text, &toks[c.i - 1]) == "of" {
            let w = toks[c.i - 2];
            let wl = tok_lower(text, &w);
            let cue = after_cue(&wl);
            if cue != Cue::None {
                c.cue = cue;
            } else if W().org_head.contains(&*wl) && w.cap {
                c.story = false;
            }
        }
        // "Thomas the Tank Engine", "said Laura": a lone common given name; "Lead is toxic"
        // where the text also writes "lead": a common word. Either, naming no big place,
        // with no cue, not after a preposition of place and not the first of "X, Y", is
        // no place (`resolve` still takes it where a preposition places the same word
        // elsewhere in the text).
        if c.i == c.j
            && c.demonym.is_none()
            && c.cue == Cue::None
            && (W().given.contains(c.key.as_str()) || lower_words.contains(c.key.as_str()))
            && !c.entries.iter().any(|(x, _)| big(g, *x))
            && !prev.is_some_and(|p| W().locative.contains(&*tok_lower(text, &p)))
            && !(gap_next == Some(", ") && next.is_some_and(|n| n.cap))
        {
            c.person = true;
        }
        // "Redfern-Hardisty", "Kerry-Ann": joined by a hyphen to a capitalised word that is
        // no place, the name is part of a compound name (a double-barrelled surname, a
        // brand), not a place; not a country ("Bosnia-Herzegovina")
        let hyphen_name = |t: Option<Tok>, gap: Option<&str>, k: usize| {
            matches!(gap, Some("-") | Some("\u{2010}"))
                && t.is_some_and(|t| t.cap && !t.all_caps)
                && !covered.contains(&k)
        };
        if c.demonym.is_none()
            && !c
                .entries
                .iter()
                .any(|(x, _)| g.entry(*x).kind == EntryKind::Country)
            && (hyphen_name(next, gap_next, c.j + 1)
                || c.i > 0
                    && hyphen_name(prev, gap_prev, c.i - 1)
                    && !is_article(text, toks, c.i - 1))
        {
            c.person = true;
        }
        // left neighbour: direction ("southern Afghanistan"), title ("President X")
        let mut left_run = 0usize;
        if let (Some(p), Some(gp)) = (prev, gap_prev) {
            let pl = tok_lower(text, &p);
            if gp == " " {
                if let Some(r) = W().direction.get(&*pl) {
                    c.region = Some(r);
                } else if p.cap && W().title.contains(&*pl) {
                    c.person = true;
                    c.strong_person = true;
                } else if p.cap && !is_stop(&pl) && !W().connector.contains(&*pl) {
                    // count capitalised words to the left
                    let mut k = c.i;
                    while k > 0 {
                        let q = toks[k - 1];
                        let ql = tok_lower(text, &q);
                        // stop at another name: "Daraa Hama Idlib" is a list
                        if !q.cap
                            || ends.contains(&(k - 1))
                            || &text[q.end..toks[k].start] != " "
                            || is_stop(&ql) && !W().org_head.contains(&*ql)
                        {
                            break;
                        }
                        left_run += 1;
                        k -= 1;
                    }
                }
            } else if gp == ". " && W().title.contains(&*pl) {
                c.person = true; // "Mr. Jordan"
                c.strong_person = true;
            }
        }
        // right neighbours: "Jordan Peterson", "Washington Post", "Syrian Observatory"
        let mut right_run = 0usize;
        let mut org = false;
        if !follower {
            let mut k = c.j + 1;
            while let Some(n) = toks.get(k) {
                let nl = tok_lower(text, n);
                if !n.cap
                    || &text[toks[k - 1].end..n.start] != " "
                    || starts.contains(&k)
                    || is_stop(&nl) && !W().org_head.contains(&*nl)
                {
                    break;
                }
                right_run += 1;
                k += 1;
            }
        }
        for t in toks[c.i - left_run..c.i]
            .iter()
            .chain(&toks[c.j + 1..c.j + 1 + right_run])
        {
            org |= W().org_head.contains(&*tok_lower(text, t));
        }
        if left_run + right_run == 0 || c.demonym.is_some() && !org && left_run == 0 {
            continue;
        }
        // inside a longer capitalised name: an organisation, or a person's name
        c.story = false;
        let country = c
            .entries
            .iter()
            .any(|(x, _)| g.entry(*x).kind == EntryKind::Country);
        let caps = toks[c.i].all_caps
            || left_run > 0 && toks[c.i - 1].all_caps
            || right_run > 0 && toks[c.j + 1].all_caps;
        // "Environment Canada" is an organisation; "Justine Murphy" a person; "Georgia
        // Stevens" too when "Stevens" also stands alone in the text (a surname).
        let surname_after = right_run == 1 && {
            let r = &text[toks[c.j + 1].start..toks[c.j + 1].end];
            let alone = toks.iter().filter(|t| &text[t.start..t.end] == r).count();
            let paired = toks
                .windows(2)
                .filter(|w| {
                    &text[w[1].start..w[1].end] == r
                        && text[w[0].start..w[0].end] == text[toks[c.i].start..toks[c.j].end]
                })
                .count();
            alone > paired
        };
        if !org
            && c.i == c.j
            && !caps
            && c.demonym.is_none()
            && (!country && (right_run == 1 && left_run == 0 || right_run == 0 && left_run <= 2)
                || country && surname_after && left_run == 0)
        {
            c.person = true;
        }
    }
}

/// A "big" entry: a country, a division of a populous country, or a city of ≥ 100,000.
fn big(g: &Gazetteer, x: u32) -> bool {
    let e = g.entry(x);
    match e.kind {
        EntryKind::Country | EntryKind::Continent => true,
        EntryKind::Admin1 => g
            .country(e.country)
            .is_some_and(|c| g.entry(c).population >= 1_000_000),
        _ => e.population >= 100_000,
    }
}

/// "Georgia Stevens", "Michael Jordan": two names side by side, neither containing the
/// other, not both big places (FA-KES strips commas from lists like "Idlib Aleppo") —
/// a person's first and last name.
fn person_pairs(g: &Gazetteer, text: &str, toks: &[Tok], cands: &mut [Cand]) {
    for k in 1..cands.len() {
        let (a, b) = (&cands[k - 1], &cands[k]);
        if text.get(a.end..b.start) != Some(" ") || a.demonym.is_some() || b.demonym.is_some() {
            continue;
        }
        // either way round: "Aleppo Syria" and "U.S. Chinook helicopters"
        let inside = |inner: &Cand, outer: &Cand| {
            inner.entries.iter().any(|(x, _)| {
                let e = g.entry(*x);
                outer.entries.iter().any(|(y, _)| {
                    let p = g.entry(*y);
                    *x != *y
                        && p.country == e.country
                        && (p.kind == EntryKind::Country
                            || p.kind == EntryKind::Admin1 && p.admin1 == e.admin1)
                })
            })
        };
        let contained = inside(a, b) || inside(b, a);
        let both_big =
            a.entries.iter().any(|(x, _)| big(g, *x)) && b.entries.iter().any(|(x, _)| big(g, *x));
        let before = cands[k - 1].i;
        let cap_before = before > 0 && {
            let t = toks[before - 1];
            t.cap && !t.initial && text.get(t.end..toks[before].start) == Some(" ")
        };
        let after = cands[k].j + 1;
        let cap_after = toks
            .get(after)
            .is_some_and(|t| t.cap && text.get(toks[after - 1].end..t.start) == Some(" "));
        if !contained && !both_big && !cap_before && !cap_after {
            for c in &mut cands[k - 1..=k] {
                c.person = true;
                c.strong_person = true;
            }
        }
    }
}

fn base_score(e: &Entry, primary: bool) -> f32 {
    let mut s = match e.kind {
        EntryKind::Country => 85.0,
        EntryKind::Continent => 85.0,
        EntryKind::Admin1 => 60.0,
        EntryKind::Admin2 => 45.0,
        EntryKind::Place => 20.0 + 8.0 * (e.population.max(1000) as f32).log10(),
    };
    if e.capital {
        s += 15.0;
    }
    // A name's own entry beats an entry that merely lists it as an alternate
    // ("Victoria" is an old name of Hong Kong; "Venice" of a Dayton suburb).
    if primary {
        s += 3.0;
    } else if e.kind == EntryKind::Place {
        s -= 12.0;
    }
    s
}

#[derive(Default)]
struct Evidence {
    /// country code -> weight, per surface key
    country: FxHashMap<Box<str>, FxHashMap<String, f32>>,
    /// (country, admin1) -> keys
    admin1: FxHashMap<(Box<str>, Box<str>), FxHashSet<String>>,
    /// (country, admin1) -> keys of places and districts resolved inside it ("Toronto"
    /// puts the province Ontario in the story)
    inner: FxHashMap<(Box<str>, Box<str>), FxHashSet<String>>,
}

impl Evidence {
    fn country_weight(&self, cc: &str, except: &str) -> f32 {
        self.country
            .get(cc)
            .map(|m| {
                m.iter()
                    .filter(|(k, _)| *k != except)
                    .map(|(_, w)| *w)
                    .sum()
            })
            .unwrap_or(0.0)
    }
    /// The weight of the document's most-mentioned country (not counting `except`).
    fn max_country_weight(&self, except: &str) -> f32 {
        self.country
            .keys()
            .map(|cc| self.country_weight(cc, except))
            .fold(0.0, f32::max)
    }
    fn admin1_named(&self, cc: &str, a1: &str, except: &str) -> bool {
        self.admin1
            .get(&(cc.into(), a1.into()))
            .is_some_and(|s| s.iter().any(|k| k != except))
    }
    fn has_inner(&self, cc: &str, a1: &str, except: &str) -> bool {
        self.inner
            .get(&(cc.into(), a1.into()))
            .is_some_and(|s| s.iter().any(|k| k != except))
    }
    fn sibling_admin1(&self, cc: &str, a1: &str, except: &str) -> usize {
        self.admin1
            .iter()
            .filter(|((c, a), keys)| &**c == cc && &**a != a1 && keys.iter().any(|k| k != except))
            .count()
    }
}

/// Fewer people than this make a hamlet.
const HAMLET: u32 = 1_000;

/// The most a candidate gains for lying in the country the document names most.
const FOCUS: f32 = 12.0;

fn score(
    g: &Gazetteer,
    e: &Entry,
    primary: bool,
    c: &Cand,
    ev: Option<&Evidence>,
    nest: Nest,
) -> f32 {
    let mut s = base_score(e, primary);
    match (c.cue, e.kind) {
        (Cue::Admin1, EntryKind::Admin1) => s += 50.0,
        (Cue::Admin1, EntryKind::Admin2) => s += 20.0,
        (Cue::Admin2, EntryKind::Admin2) => s += 40.0,
        (Cue::City, EntryKind::Place) => s += 40.0,
        _ => {}
    }
    if let Some(ev) = ev {
        let w = ev.country_weight(e.country, &c.key);
        if w > 0.0 {
            s += 12.0;
        }
        if w >= 3.0 {
            s += 4.0;
        }
        // the story's own country over countries named in passing
        if w > 0.0 {
            s += FOCUS * w / nest.max_country_weight.max(w);
        }
        if matches!(e.kind, EntryKind::Place | EntryKind::Admin2)
            && ev.admin1_named(e.country, e.admin1, &c.key)
        {
            s += 15.0;
        }
        if e.kind == EntryKind::Admin1
            && !e.admin1.is_empty()
            && ev.sibling_admin1(e.country, e.admin1, &c.key) > 0
        {
            s += 20.0;
        }
        // (not against its own namesake city: "Izium" says nothing on whether "Kharkiv"
        // is the city or the oblast)
        if e.kind == EntryKind::Admin1
            && primary
            && !e.admin1.is_empty()
            && ev.has_inner(e.country, e.admin1, &c.key)
            && !c.entries.iter().any(|(y, _)| {
                let p = g.entry(*y);
                p.kind == EntryKind::Place && p.country == e.country && p.admin1 == e.admin1
            })
        {
            s += 15.0;
        }
    }
    // "Paris, Texas": the next mention contains this candidate; "Buffalo, New York": the
    // mention before lies inside this one (the state, not the city)
    if nest
        .container
        .is_some_and(|cont| cont.iter().any(|&x| contains(g.entry(x), e)))
    {
        s += 40.0;
    }
    if nest
        .contained
        .is_some_and(|inner| inner.iter().any(|&x| contains(e, g.entry(x))))
    {
        s += 40.0;
    }
    if e.kind == EntryKind::Admin1 && nest.list_admin1.contains(&e.country) {
        s += 25.0;
    }
    s
}

/// The mentions around a candidate that nest with it: "Paris, Texas", "Crawford County
/// located in Pennsylvania", "Mississauga, Ontario in Canada".
#[derive(Clone, Copy, Default)]
struct Nest<'a> {
    /// Entries of the mention that contains this one (the next).
    container: Option<&'a [u32]>,
    /// Entries of the mention this one contains (the one before).
    contained: Option<&'a [u32]>,
    /// Countries of the first-level divisions beside this mention in a list ("Virginia,
    /// Washington, West Virginia and Wyoming").
    list_admin1: &'a [&'a str],
    /// The weight of the document's most-named country, not counting this mention's
    /// own name (computed once per candidate by [`pick`]).
    max_country_weight: f32,
}

/// Whether `outer` contains `inner`: a country its divisions and places, a first- or
/// second-level division what lies in it, a populated place its neighbourhoods and
/// smaller places within 30 km ("Queens, New York" is the city).
fn contains(outer: &Entry, inner: &Entry) -> bool {
    if outer.country != inner.country || outer.country.is_empty() {
        return false;
    }
    match outer.kind {
        EntryKind::Country => inner.kind != EntryKind::Country,
        EntryKind::Admin1 => {
            !outer.admin1.is_empty()
                && outer.admin1 == inner.admin1
                && matches!(inner.kind, EntryKind::Admin2 | EntryKind::Place)
        }
        EntryKind::Admin2 => {
            !outer.admin2.is_empty()
                && outer.admin1 == inner.admin1
                && outer.admin2 == inner.admin2
                && inner.kind == EntryKind::Place
        }
        EntryKind::Place => {
            inner.kind == EntryKind::Place
                && outer.population > inner.population
                && outer.admin1 == inner.admin1
                && sitrep_model::geo::haversine_km(
                    f64::from(outer.lat),
                    f64::from(outer.lon),
                    f64::from(inner.lat),
                    f64::from(inner.lon),
                ) < 30.0
        }
        EntryKind::Continent => false,
    }
}

/// Whether the words between two mentions say the second contains the first: a comma
/// ("Paris, Texas"), "in" or "located in", after an optional comma ("Austin, in Scott
/// County"; "Mississauga, Ontario in Canada").
fn nesting_gap(gap: &str) -> bool {
    if gap.len() > 16 || gap.contains('\n') {
        return false;
    }
    let (comma, rest) = match gap.strip_prefix(',') {
        Some(r) => (true, r),
        None => (false, gap),
    };
    match rest.split_whitespace().collect::<Vec<_>>().as_slice() {
        [] => comma && gap.len() <= 2,
        ["in"] | ["located", "in"] => rest.starts_with(' '),
        _ => false,
    }
}

/// "China, Japan", "Virginia, Washington, West Virginia": a country, or a first-level
/// division beside one of the same country, is an item of a list, not a place inside
/// the next name.
fn list_pair(g: &Gazetteer, c: &Cand, n: &Cand) -> bool {
    c.entries.iter().any(|(x, _)| {
        let e = g.entry(*x);
        e.kind == EntryKind::Country
            || e.kind == EntryKind::Admin1
                && n.entries.iter().any(|(y, _)| {
                    let f = g.entry(*y);
                    f.kind == EntryKind::Admin1 && f.country == e.country
                })
    })
}

fn pick(g: &Gazetteer, c: &Cand, ev: Option<&Evidence>, mut nest: Nest) -> Option<u32> {
    nest.max_country_weight = ev.map_or(0.0, |ev| ev.max_country_weight(&c.key));
    let mut best: Option<(f32, u32)> = None;
    for &(x, primary) in &c.entries {
        let e = g.entry(x);
        let s = score(g, e, primary, c, ev, nest);
        // ties: lower geonameid (stable)
        if best.is_none_or(|(bs, bx)| s > bs || s == bs && e.geonameid < g.entry(bx).geonameid) {
            best = Some((s, x));
        }
    }
    best.map(|b| b.1)
}

fn resolve(g: &Gazetteer, text: &str, toks: &[Tok], cands: &[Cand]) -> Vec<Mention> {
    // People named like places: every later lone use of the same word is the person.
    let locative = |c: &Cand| {
        c.i.checked_sub(1).is_some_and(|p| {
            let w = tok_lower(text, &toks[p]);
            W().locative.contains(&*w)
                || w == "the"
                    && c.i >= 2
                    && W().locative.contains(&*tok_lower(text, &toks[c.i - 2]))
        })
    };
    // a key seen after "in"/"near"/… somewhere is a place there, whoever shares its name
    let placed: FxHashSet<&str> = cands
        .iter()
        .filter(|c| !c.person && locative(c))
        .map(|c| c.key.as_str())
        .collect();
    let person_keys: FxHashSet<&str> = cands
        .iter()
        .filter(|c| {
            c.person
                && !placed.contains(c.key.as_str())
                && (c.strong_person || !c.entries.iter().any(|(x, _)| big(g, *x)))
        })
        .map(|c| c.key.as_str())
        .collect();
    // Containers for "X, Y", "X in Y", "X, located in Y" (not lists: "China, Japan").
    let containers: Vec<Option<Vec<u32>>> = (0..cands.len())
        .map(|k| {
            let c = &cands[k];
            let n = cands.get(k + 1)?;
            let gap = text.get(c.end..n.start)?;
            if !nesting_gap(gap) || n.demonym.is_some() || c.demonym.is_some() || list_pair(g, c, n)
            {
                return None;
            }
            Some(n.entries.iter().map(|(x, _)| *x).collect())
        })
        .collect();
    let inner: Vec<Option<Vec<u32>>> = (0..cands.len())
        .map(|k| {
            containers[k.checked_sub(1)?].as_ref()?;
            Some(cands[k - 1].entries.iter().map(|(x, _)| *x).collect())
        })
        .collect();
    let no_list: Vec<Vec<&str>> = vec![Vec::new(); cands.len()];
    fn nest_in<'a>(
        k: usize,
        containers: &'a [Option<Vec<u32>>],
        inner: &'a [Option<Vec<u32>>],
        lists: &'a [Vec<&'a str>],
    ) -> Nest<'a> {
        Nest {
            container: containers[k].as_deref(),
            contained: inner[k].as_deref(),
            list_admin1: &lists[k],
            max_country_weight: 0.0,
        }
    }
    let nested = |k: usize| containers[k].is_some() || inner[k].is_some();
    // pass 1
    let first: Vec<Option<u32>> = cands
        .iter()
        .enumerate()
        .map(|(k, c)| match c.demonym {
            Some(d) => Some(d),
            None => pick(g, c, None, nest_in(k, &containers, &inner, &no_list)),
        })
        .collect();
    // countries of the first-level divisions (as first picked) listed beside each mention
    let list_admin1: Vec<Vec<&str>> = (0..cands.len())
        .map(|k| {
            let mut out: Vec<&str> = Vec::new();
            let beside = [k.checked_sub(1).map(|p| (p, k)), Some((k, k + 1))];
            for (a, b) in beside.into_iter().flatten() {
                let (Some(ca), Some(cb)) = (cands.get(a), cands.get(b)) else {
                    continue;
                };
                let gap = text.get(ca.end..cb.start).unwrap_or("");
                if !matches!(gap, ", " | " and " | ", and " | " or " | ", or ") {
                    continue;
                }
                let other = if a == k { b } else { a };
                if let Some(f) = first[other].map(|y| g.entry(y)) {
                    if f.kind == EntryKind::Admin1 && !out.contains(&f.country) {
                        out.push(f.country);
                    }
                }
            }
            out
        })
        .collect();
    let nest_of = |k: usize| nest_in(k, &containers, &inner, &list_admin1);
    let mut ev = Evidence::default();
    for (c, p) in cands.iter().zip(&first) {
        let Some(x) = *p else { continue };
        if c.person {
            continue;
        }
        let e = g.entry(x);
        let unambiguous = c
            .entries
            .iter()
            .all(|(y, _)| g.entry(*y).country == e.country);
        let w = match e.kind {
            EntryKind::Country => 2.0,
            EntryKind::Admin1 => 1.5,
            _ if c.demonym.is_some() => 2.0,
            _ if unambiguous => 1.0,
            _ => 0.5,
        };
        if !e.country.is_empty() {
            *ev.country
                .entry(e.country.into())
                .or_default()
                .entry(c.key.clone())
                .or_default() += w;
        }
        if e.kind == EntryKind::Admin1 && c.story && !e.admin1.is_empty() {
            ev.admin1
                .entry((e.country.into(), e.admin1.into()))
                .or_default()
                .insert(c.key.clone());
        }
        // a place whose name is its own (one country only) or written with a cue
        if matches!(e.kind, EntryKind::Place | EntryKind::Admin2)
            && c.story
            && !e.admin1.is_empty()
            && (unambiguous || c.cue != Cue::None)
        {
            ev.inner
                .entry((e.country.into(), e.admin1.into()))
                .or_default()
                .insert(c.key.clone());
        }
    }
    // One sense per document: a name the text places by a cue ("the province of
    // Ontario") or a container ("Paris, Texas") is that place wherever it stands bare.
    let mut settled: FxHashMap<&str, u32> = FxHashMap::default();
    for (k, c) in cands.iter().enumerate() {
        if c.demonym.is_none() && !c.person && (c.cue != Cue::None || nested(k)) {
            if let Some(x) = pick(g, c, Some(&ev), nest_of(k)) {
                settled.entry(c.key.as_str()).or_insert(x);
            }
        }
    }
    // "Stroud, Ontario": a name whose container is a division or country that holds none
    // of its namesakes, all of them small and in countries the story never names, is a
    // place the gazetteer lacks, inside that container (not "Afrin, Turkey's army said")
    let mut unlisted: FxHashMap<&str, usize> = FxHashMap::default();
    for (k, c) in cands.iter().enumerate() {
        let (Some(cont), Some(n)) = (containers[k].as_deref(), cands.get(k + 1)) else {
            continue;
        };
        if c.demonym.is_some()
            || c.person
            || c.cue != Cue::None
            || text.get(c.end..n.start).map(str::trim) != Some(",")
        {
            continue;
        }
        let clear = cont
            .iter()
            .any(|&y| matches!(g.entry(y).kind, EntryKind::Country | EntryKind::Admin1));
        let possessive = matches!(text[n.end..].chars().next(), Some('\'' | '’'));
        // "the Zaire, Bundibugyo, Côte d'Ivoire and Sudan strains" is a list
        // ("Stroud, Ontario, Canada" is a chain of containers, no list)
        let listed = containers[k + 1].is_none()
            && cands.get(k + 2).is_some_and(|m| {
                matches!(
                    text.get(n.end..m.start),
                    Some(", " | " and " | ", and " | " or " | ", or ")
                )
            })
            || k > 0
                && matches!(
                    text.get(cands[k - 1].end..c.start),
                    Some(", " | " and " | ", and ")
                );
        let inside = c.entries.iter().any(|(x, _)| {
            cont.iter()
                .any(|&y| contains(g.entry(y), g.entry(*x)) || big(g, *x))
                || ev.country_weight(g.entry(*x).country, &c.key) >= 1.0
        });
        if clear && !possessive && !listed && !inside {
            unlisted.entry(c.key.as_str()).or_insert(n.start);
        }
    }
    let mut out = Vec::new();
    for (k, c) in cands.iter().enumerate() {
        // (a name with a cue keeps it: "the County of Brant")
        if c.person
            || c.street
            || person_keys.contains(c.key.as_str()) && c.demonym.is_none() && c.cue == Cue::None
        {
            continue;
        }
        // ("the State of Mexico" leaves the bare "Mexico" the country)
        let bare = c.cue == Cue::None
            && !nested(k)
            && !c
                .entries
                .iter()
                .any(|(y, _)| g.entry(*y).kind == EntryKind::Country);
        let x = match c.demonym {
            Some(d) => d,
            None if bare && settled.contains_key(c.key.as_str()) => settled[c.key.as_str()],
            None => match pick(g, c, Some(&ev), nest_of(k)) {
                Some(x) => x,
                None => continue,
            },
        };
        let e = g.entry(x);
        // a feature's namesake counts only in a country of the story ("Salinas Valley" in
        // a Californian story; not "Baltic Sea" as a town in the US)
        if c.cue == Cue::Feature && !big(g, x) && ev.country_weight(e.country, &c.key) <= 0.0 {
            continue;
        }
        // "Java" in an Indonesian story is no Georgian village of 426: a hamlet in a
        // country the story never names, with no cue or container, is not taken
        if e.kind == EntryKind::Place
            && e.population < HAMLET
            && c.cue == Cue::None
            && !nested(k)
            && c.demonym.is_none()
            && ev.country_weight(e.country, &c.key) <= 0.0
        {
            continue;
        }
        let mut kind = match e.kind {
            EntryKind::Country => PlaceKind::Country,
            EntryKind::Admin1 => PlaceKind::Admin1,
            EntryKind::Admin2 => PlaceKind::Admin2,
            EntryKind::Place | EntryKind::Continent => PlaceKind::Place,
        };
        let mut start = c.start;
        let mut region = None;
        if let (Some(r), true) = (
            c.region,
            e.kind == EntryKind::Country && c.demonym.is_none(),
        ) {
            kind = PlaceKind::Region;
            region = Some(r);
            start = toks[c.i - 1].start;
        }
        let government = e.capital
            && e.kind == EntryKind::Place
            && c.demonym.is_none()
            && region.is_none()
            && !locative(c)
            && government_subject(text, toks, c);
        out.push(Mention {
            start,
            end: c.end,
            entry: x,
            kind,
            region,
            demonym: c.demonym.is_some(),
            story: c.story,
            pathogen: c.pathogen,
            government,
            within: (c.demonym.is_none() && c.cue == Cue::None)
                .then(|| unlisted.get(c.key.as_str()).copied())
                .flatten(),
        });
    }
    out
}

/// "Washington will assess", "Moscow said", "Kabul has also accused": the name is the
/// subject of a verb of speech, decision or stance (the `government` list), with at most
/// two auxiliaries or adverbs (`aux`) between, all separated by single spaces.
fn government_subject(text: &str, toks: &[Tok], c: &Cand) -> bool {
    let mut prev_end = c.end;
    for t in toks.iter().skip(c.j + 1).take(3) {
        if t.cap || text.get(prev_end..t.start) != Some(" ") {
            return false;
        }
        let w = tok_lower(text, t);
        if W().government.contains(&*w) {
            return true;
        }
        if !W().aux.contains(&*w) {
            return false;
        }
        prev_end = t.end;
    }
    false
}
