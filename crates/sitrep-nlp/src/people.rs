//! The `people` stage: people (PERSON) and organisations (ORG) found by rule, appended to
//! the `entities` layer with canonical names.
//!
//! Why a separate stage: the `entities` stage marks armed groups, nationalities and the
//! actor organisations events need; quotes need the *people* who speak, and every later
//! mention of them ("Khalilzad", "Khalilzad’s") resolved to the fullest name in the
//! document ("Zalmay Khalilzad"). No model: a capitalised word sequence becomes a person
//! when something in the text says so —
//! - a title inside or just before it ("Homs Governor Talal Barazi", "spokesman Zabihullah
//!   Mujahid", "Gen. Austin Miller"),
//! - a known given name first ("Zalmay Khalilzad", "Peter Salama"),
//! - an apposition with a role noun after it ("Khalilzad, a veteran diplomat,"),
//! - a speech verb next to a two- or three-word name ("said Ahmad Zia Saraj");
//!
//! and never when it is a place (the `places` layer, plus a short fallback list), an
//! existing entity, or contains an organisation head word ("Ministry", "Observatory"),
//! which instead makes it an ORG. Then every capitalised sequence that ends like a known
//! name is a mention of that person. Spans already in the layer are never duplicated;
//! the layer stays sorted by start.

pub mod lexicon;
pub mod tokens;

use crate::stage::{Stage, StageError};
use lexicon::{
    not_name, COMMON_PLACES, GIVEN_NAMES, ORG_NAMES, ORG_WORDS, ROLE_NOUNS, STRONG_TITLES, TITLES,
};
use rustc_hash::FxHashSet as HashSet;
use sitrep_model::{Doc, Entity, EntityKind, Layer, TextIndex};
use std::sync::OnceLock;
use tokens::{is_cap, norm, possessive_len, tokenize, Tok};

/// The `people` stage.
#[derive(Debug, Default, Clone)]
pub struct People;

impl Stage for People {
    fn name(&self) -> &'static str {
        "people"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        let idx = TextIndex::new(&doc.text);
        let mut blocked: Vec<(usize, usize)> = Vec::new();
        for p in doc.places.iter().flatten() {
            blocked.push((idx.byte(p.start), idx.byte(p.end)));
        }
        for e in doc.entities.iter().flatten() {
            blocked.push((idx.byte(e.start), idx.byte(e.end)));
        }
        let found = find(&doc.text, &blocked);
        let layer = doc.entities.get_or_insert_with(Vec::new);
        for f in found {
            let (start, end) = (idx.char(f.start), idx.char(f.end));
            if layer.iter().any(|e| e.start < end && start < e.end) {
                continue;
            }
            layer.push(Entity {
                start,
                end,
                text: doc.text.get(f.start..f.end).unwrap_or("").to_string(),
                kind: f.kind,
                canonical: Some(f.canonical),
                actor: None,
            });
        }
        layer.sort_by_key(|e| (e.start, e.end));
        Ok(())
    }
}

/// A person or organisation found in the text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// PERSON or ORG.
    pub kind: EntityKind,
    /// Fullest name in the document.
    pub canonical: String,
}

/// The word lists as hash sets, built once.
pub(crate) struct Lex {
    pub titles: HashSet<&'static str>,
    pub strong: HashSet<&'static str>,
    pub roles: HashSet<&'static str>,
    pub org_words: HashSet<&'static str>,
    pub org_names: HashSet<&'static str>,
    pub not_name: HashSet<&'static str>,
    pub places: HashSet<&'static str>,
    pub given: HashSet<&'static str>,
}

pub(crate) fn lex() -> &'static Lex {
    static L: OnceLock<Lex> = OnceLock::new();
    L.get_or_init(|| {
        let set = |v: &[&'static str]| v.iter().copied().collect::<HashSet<_>>();
        Lex {
            titles: set(TITLES),
            strong: set(STRONG_TITLES),
            roles: set(ROLE_NOUNS),
            org_words: set(ORG_WORDS),
            org_names: set(ORG_NAMES),
            not_name: set(not_name()),
            places: set(COMMON_PLACES),
            given: set(GIVEN_NAMES),
        }
    })
}

/// Name particles that may sit lower-case inside a name ("Bashar al Assad", "bin Salman").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "van", "von", "de", "der", "da", "di", "du", "la", "le",
];
/// Lower-case words that join the parts of an organisation name.
const CONNECTORS: &[&str] = &["of", "for", "and", "the", "on", "in"];
/// Speech verbs that make an adjacent two- or three-word capitalised sequence a person.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "announced",
    "claimed",
    "warned",
    "insisted",
    "explained",
    "noted",
    "confirmed",
    "denied",
    "predicted",
    "tweeted",
    "wrote",
];

fn has_lower_prefix_cap(w: &str) -> bool {
    // "al-Assad", "el-Sisi", "bin-Laden": a lower-case particle glued to a capital.
    for p in [
        "al-", "el-", "ad-", "as-", "ash-", "ar-", "at-", "az-", "bin-", "abu-",
    ] {
        if let Some(rest) = w.strip_prefix(p) {
            return is_cap(rest);
        }
    }
    false
}

/// A capitalised token, or one glued to a particle.
pub(crate) fn capish(w: &str) -> bool {
    is_cap(w) || has_lower_prefix_cap(w)
}

/// Key used to compare name tokens: lower-case, no possessive, no `al-` prefix.
pub(crate) fn name_key(w: &str) -> String {
    let n = norm(w);
    for p in ["al-", "el-", "ad-", "as-", "ash-", "ar-", "at-", "az-"] {
        if let Some(rest) = n.strip_prefix(p) {
            return rest.to_string();
        }
    }
    n
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Word,
    Particle,
    Connector,
}

/// A run of capitalised tokens (with particles and connectors) on one line.
struct Run {
    toks: Vec<(usize, Role)>,
}

fn gap_ok(text: &str, prev: &Tok, next: &Tok) -> bool {
    let gap = text.get(prev.end..next.start).unwrap_or("");
    if gap == " " || gap == "\u{a0}" {
        return true;
    }
    if gap == ". " {
        // "Gen. Austin", "Mr. Smith", initials "George W. Bush".
        let w = prev.text(text);
        let l = w.to_lowercase();
        return lex().titles.contains(l.as_str())
            || (w.chars().count() == 1 && is_cap(w))
            || l == "st";
    }
    false
}

fn runs(text: &str, toks: &[Tok]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cur: Vec<(usize, Role)> = Vec::new();
    let flush = |cur: &mut Vec<(usize, Role)>, out: &mut Vec<Run>| {
        while cur.last().is_some_and(|(_, r)| *r != Role::Word) {
            cur.pop();
        }
        if !cur.is_empty() {
            out.push(Run {
                toks: std::mem::take(cur),
            });
        }
        cur.clear();
    };
    for (i, t) in toks.iter().enumerate() {
        let w = t.text(text);
        let joined = i > 0 && !cur.is_empty() && gap_ok(text, &toks[i - 1], t);
        if !joined {
            flush(&mut cur, &mut out);
        }
        if capish(w) {
            cur.push((i, Role::Word));
        } else if !cur.is_empty() {
            let l = w.to_lowercase();
            let next_cap = toks.get(i + 1).is_some_and(|n| {
                gap_ok(text, t, n) && (capish(n.text(text)) || n.text(text) == "the")
            });
            if PARTICLES.contains(&l.as_str()) && next_cap {
                cur.push((i, Role::Particle));
            } else if CONNECTORS.contains(&l.as_str()) && next_cap {
                cur.push((i, Role::Connector));
            } else {
                flush(&mut cur, &mut out);
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Splits a run at its connectors into pieces of words and particles.
fn pieces(run: &Run) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for &(i, r) in &run.toks {
        if r == Role::Connector {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(i);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn lower<'a>(text: &'a str, t: &Tok) -> std::borrow::Cow<'a, str> {
    tokens::norm_ref(t.text(text))
}

fn overlaps(blocked: &[(usize, usize)], a: usize, b: usize) -> bool {
    blocked.iter().any(|&(s, e)| s < b && a < e)
}

/// True when a word may be part of a person's name.
fn nameish(l: &str) -> bool {
    let x = lex();
    if x.given.contains(l) {
        return true;
    }
    !(x.not_name.contains(l)
        || x.org_words.contains(l)
        || x.org_names.contains(l)
        || x.places.contains(l)
        || x.titles.contains(l))
}

/// Finds PERSON and ORG mentions in `text`, skipping `blocked` byte ranges.
pub fn find(text: &str, blocked: &[(usize, usize)]) -> Vec<Found> {
    let toks = tokenize(text);
    let x = lex();
    let runs = runs(text, &toks);
    // Cued person names: token index ranges.
    let mut persons: Vec<Vec<usize>> = Vec::new();
    let mut orgs: Vec<(usize, usize)> = Vec::new();
    for run in &runs {
        let ps = pieces(run);
        let mut prev_strong = false;
        let mut skip_to = 0;
        for (pi, piece) in ps.iter().enumerate() {
            if pi < skip_to {
                continue;
            }
            let lows: Vec<String> = piece
                .iter()
                .map(|&i| lower(text, &toks[i]).into_owned())
                .collect();
            // Drop leading function words ("The", "But", "On").
            let mut s = 0;
            while s < piece.len()
                && x.not_name.contains(lows[s].as_str())
                && !(x.given.contains(lows[s].as_str()) && s + 1 < piece.len())
            {
                s += 1;
            }
            if s == piece.len() {
                prev_strong = false;
                continue;
            }
            let has_strong = prev_strong || lows[s..].iter().any(|l| x.strong.contains(l.as_str()));
            // Last descriptive word (title, org word, place, function word).
            let last_desc = (s..piece.len())
                .rev()
                .find(|&k| !nameish(&lows[k]) && !PARTICLES.contains(&lows[k].as_str()));
            let mut name: Option<(usize, usize)> = None; // piece positions [a, b)
            if has_strong {
                if let Some(k) = last_desc {
                    if k + 1 < piece.len() && x.titles.contains(lows[k].as_str())
                        || k + 1 < piece.len() && prev_strong
                    {
                        name = Some((k + 1, piece.len()));
                    }
                }
            }
            if name.is_none() {
                // The candidate name starts after the last descriptive word, if any.
                let s = last_desc.map_or(s, |k| k + 1);
                if s >= piece.len() {
                    prev_strong = lows.last().is_some_and(|l| x.strong.contains(l.as_str()));
                    if let Some((o, upto)) = org_of(text, &toks, &ps, pi, piece, &lows, blocked) {
                        skip_to = upto + 1;
                        orgs.push(o);
                    }
                    continue;
                }
                let n = piece.len() - s;
                let first = &lows[s];
                let before = piece[s]
                    .checked_sub(1)
                    .map(|i| (lower(text, &toks[i]), toks[i].end));
                let lower_title_before = before.as_ref().is_some_and(|(w, end)| {
                    x.strong.contains(w.as_ref())
                        && !is_cap(toks[piece[s] - 1].text(text))
                        && text.get(*end..toks[piece[s]].start) == Some(" ")
                });
                let after_start = toks[piece[piece.len() - 1]].end;
                let after = text.get(after_start..).unwrap_or("");
                if lower_title_before
                    || (n <= 4 && role_before(text, &toks, piece[s]))
                    || (x.given.contains(first.as_str()) && (2..=4).contains(&n))
                    || (n <= 4 && apposition(after))
                    || ((2..=3).contains(&n) && speech_adjacent(text, &toks, piece, s))
                {
                    name = Some((s, piece.len()));
                }
            }
            if let Some((a, b)) = name {
                let idxs: Vec<usize> = piece[a..b].to_vec();
                let (bs, be) = (toks[idxs[0]].start, toks[idxs[idxs.len() - 1]].end);
                let ok_first = idxs.first().is_some_and(|&i| capish(toks[i].text(text)));
                if ok_first && !overlaps(blocked, bs, be) {
                    persons.push(idxs);
                }
            } else if let Some((o, upto)) = org_of(text, &toks, &ps, pi, piece, &lows, blocked) {
                // The organisation's name covers the pieces it was extended over.
                skip_to = upto + 1;
                orgs.push(o);
            }
            prev_strong = lows.last().is_some_and(|l| x.strong.contains(l.as_str()));
        }
    }
    // Known names, as keys, longest first.
    let mut known: Vec<(Vec<String>, usize, usize)> = persons
        .iter()
        .map(|idxs| {
            let keys: Vec<String> = idxs.iter().map(|&i| name_key(toks[i].text(text))).collect();
            let last = idxs[idxs.len() - 1];
            (
                keys,
                toks[idxs[0]].start,
                toks[last].end - possessive_len(toks[last].text(text)),
            )
        })
        .collect();
    known.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
    let canonical_of = |keys: &[String]| -> Option<String> {
        known
            .iter()
            .find(|(k, _, _)| k.len() >= keys.len() && k.ends_with(keys))
            .map(|(_, s, e)| squash(text.get(*s..*e).unwrap_or("")))
    };
    let mut out: Vec<Found> = Vec::new();
    if !known.is_empty() {
        for run in &runs {
            for piece in pieces(run) {
                // Longest suffix of the piece that ends like a known name.
                for j in 0..piece.len() {
                    let keys: Vec<String> = piece[j..]
                        .iter()
                        .map(|&i| name_key(toks[i].text(text)))
                        .collect();
                    if !capish(toks[piece[j]].text(text)) || !nameish(&keys[0]) {
                        continue;
                    }
                    if let Some(c) = canonical_of(&keys) {
                        let last = piece[piece.len() - 1];
                        let (bs, be) = (
                            toks[piece[j]].start,
                            toks[last].end - possessive_len(toks[last].text(text)),
                        );
                        if !overlaps(blocked, bs, be) {
                            out.push(Found {
                                start: bs,
                                end: be,
                                kind: EntityKind::Person,
                                canonical: c,
                            });
                        }
                        break;
                    }
                }
            }
        }
    }
    for (bs, be) in orgs {
        if out.iter().any(|f| f.start < be && bs < f.end) {
            continue;
        }
        let t = text.get(bs..be).unwrap_or("");
        let canon = t
            .strip_prefix("the ")
            .or_else(|| t.strip_prefix("The "))
            .unwrap_or(t);
        out.push(Found {
            start: bs,
            end: be,
            kind: EntityKind::Org,
            canonical: squash(canon),
        });
    }
    out.sort_by_key(|f| (f.start, f.end));
    out.dedup_by(|a, b| a.start < b.end && b.start < a.end);
    out
}

/// An organisation: a piece with an org head word (from its first non-function word),
/// extended over the pieces joined to it by connectors when it opens the run
/// ("Syrian Observatory for Human Rights").
fn org_of(
    text: &str,
    toks: &[Tok],
    ps: &[Vec<usize>],
    pi: usize,
    piece: &[usize],
    lows: &[String],
    blocked: &[(usize, usize)],
) -> Option<((usize, usize), usize)> {
    let x = lex();
    let s = lows.iter().position(|l| !x.not_name.contains(l.as_str()))?;
    if !lows[s..]
        .iter()
        .any(|l| x.org_words.contains(l.as_str()) || x.org_names.contains(l.as_str()))
    {
        return None;
    }
    let a = piece[s];
    let mut b = piece[piece.len() - 1];
    // Extend over the following pieces ("… Observatory for Human Rights") until one looks
    // like a person ("… Ministry and President Ashraf Ghani").
    let mut upto = pi;
    for next in ps.iter().skip(pi + 1) {
        let person_like = next.iter().enumerate().any(|(j, &i)| {
            let l = lower(text, &toks[i]);
            x.strong.contains(l.as_ref()) || (j == 0 && x.given.contains(l.as_ref()))
        });
        if person_like {
            break;
        }
        if let Some(&last) = next.last() {
            b = last;
        }
        upto += 1;
    }
    let (bs, be) = (
        toks[a].start,
        toks[b].end - possessive_len(toks[b].text(text)),
    );
    (!overlaps(blocked, bs, be) && be > bs).then_some(((bs, be), upto))
}

/// Collapses runs of white space to one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `after` (the text right after a name) opens an apposition with a role noun:
/// ", the U.S. envoy for Afghanistan", ", a veteran diplomat", ", spokesman for …".
fn apposition(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    let x = lex();
    for (n, w) in rest.split(|c: char| c.is_whitespace()).take(7).enumerate() {
        let w = w.trim_end_matches([',', '.', ';', ':']);
        let l = w.to_lowercase();
        if x.roles.contains(l.as_str()) {
            return true;
        }
        if n == 0
            && !(matches!(
                l.as_str(),
                "the" | "a" | "an" | "its" | "his" | "her" | "their"
            ) || x.titles.contains(l.as_str())
                || is_cap(w))
        {
            return false;
        }
        if w.len() != after.len() && after.contains(',') && w.ends_with(',') {
            // The apposition closed without a role noun.
            return false;
        }
    }
    false
}

/// True when the piece follows ", " after a role phrase: "A spokesman for the U.N.
/// mission in Mali, Olivier Salgado, said" and ends at a comma or a speech verb.
fn role_before(text: &str, toks: &[Tok], first: usize) -> bool {
    let Some(prev) = first.checked_sub(1) else {
        return false;
    };
    if text.get(toks[prev].end..toks[first].start) != Some(", ") {
        return false;
    }
    let x = lex();
    let mut k = prev;
    for _ in 0..8 {
        let l = lower(text, &toks[k]);
        if x.roles.contains(l.as_ref()) || x.strong.contains(l.as_ref()) {
            return true;
        }
        if k == 0 {
            return false;
        }
        let gap = text.get(toks[k - 1].end..toks[k].start).unwrap_or("");
        if gap.contains([',', '.', ';', ':', '\n', '“', '"', '”']) && gap != "." {
            return false;
        }
        k -= 1;
    }
    false
}

/// True when a speech verb sits right before or right after the piece.
fn speech_adjacent(text: &str, toks: &[Tok], piece: &[usize], s: usize) -> bool {
    let first = piece[s];
    let last = piece[piece.len() - 1];
    let before = first.checked_sub(1).map(|i| {
        (
            lower(text, &toks[i]),
            text.get(toks[i].end..toks[first].start),
        )
    });
    let after = toks
        .get(last + 1)
        .map(|t| (lower(text, t), text.get(toks[last].end..t.start)));
    let verb = |o: &Option<(std::borrow::Cow<str>, Option<&str>)>| {
        o.as_ref()
            .is_some_and(|(w, gap)| SPEECH.contains(&w.as_ref()) && *gap == Some(" "))
    };
    verb(&before) || verb(&after)
}

#[cfg(test)]
mod tests;
