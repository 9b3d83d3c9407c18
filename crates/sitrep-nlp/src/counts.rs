//! The `counts` stage: how many were killed, wounded, kidnapped, arrested, displaced, and
//! other amounts ("4,000-5,000 troops"), each with the words it came from.
//!
//! GDELT's GKG counts are a known weak spot (years read as tolls, "killed or wounded"
//! read as deaths), so this stage is deliberately explicit and rule-based:
//!
//! 1. Number phrases (see [`numbers`]): numerals with or without thousands separators
//!    (FA-KES strips commas: "230000 people"), number words, vague quantities ("dozens"
//!    → 12, "tens" → 10, "scores" → 20, "hundreds" → 100, `vague: true`), ranges (low =
//!    the conservative figure) and bounds ("at least" opens the upper bound).
//! 2. Numbers that are not counts are skipped: anything inside a `times` annotation, a
//!    number next to a month name, four-digit years (1800–2100) unless a plural noun
//!    follows and no "in/since/of…" precedes, measures ("3 days", "7 km", "12-year-old",
//!    "40 percent"), labels ("Resolution 2254", "F-16"), money after "$".
//! 3. The counted thing (`object`) is the noun phrase after the number, up to its plural
//!    head ("28 Afghan policemen", "dozens of members of the Afghan security forces"),
//!    else "the number of its troops … 4,000-5,000", else an earlier count's object in the
//!    same sentence ("4,000-5,000 from … 8,500").
//! 4. The kind comes from the same clause, first match wins: the head noun ("40 deaths",
//!    "120 casualties"), a cue after the phrase ("28 policemen were killed", "12 dead",
//!    "273 others injured"; one inserted stretch may be skipped: "10 people including
//!    women and children have been killed"; an active verb with its own object is not
//!    the subject's fate: "three bombers killed two people"), a cue before it ("killing
//!    28", "killed at least 16", "the lives of 20", "among the dead were four"), a list
//!    continuing an earlier count ("including 5 children", "… and 3 soldiers", "11 women
//!    nine children"), a toll ("the death toll rose to 70", also "… later updated to 82"
//!    after a sentence about the toll), "the number of civilians killed … has risen to
//!    20", and "two medics were among at least 31 people killed" (the total's kind).
//!    "killed or wounded", "killing and injuring" and "casualties" with one figure are
//!    KILL_OR_WOUND. Anything else is AMOUNT, kept only with an object. "a pilot" / "the
//!    pilot" after a verb cue count one, but only with a casualty cue.
//! 5. "an unspecified number of troops" is a count with `low`/`high` `None` and
//!    `vague: true` (so events can see that there were casualties and still leave
//!    fatalities null); explicit "no casualties", "no one was killed", "without causing
//!    more deaths" is KILL with 0 ("no injuries", "no one was hurt": WOUND 0).

mod lexicon;
pub mod numbers;
pub mod tokens;

use crate::stage::{Stage, StageError};
use lexicon::*;
use numbers::parse_phrase;
use sitrep_model::{Count, CountKind, Doc, Layer, TextIndex};
use tokens::{tokenize, Tok, Token};

/// The `counts` stage.
#[derive(Debug, Default, Clone)]
pub struct Counts;

impl Stage for Counts {
    fn name(&self) -> &'static str {
        "counts"
    }
    /// 2: ages ("aged from four to 10") are not counts; military verbs for killing
    /// fighters ("destroyed over 60 terrorists", "neutralised 30 bandits") are tolls; "a
    /// 5-year-old child" is one person; "six other civilians" counts civilians; brackets
    /// inside an including-list ("(5-8 years)") do not cut the count from its verb; a
    /// date written with digits ("25-12-2014") is not a count; "martyrs", "were
    /// martyred" are the dead; "in early April at least 88" is a count.
    fn version(&self) -> &'static str {
        "2"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Times]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Counts]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        let idx = TextIndex::new(&doc.text);
        let sentences: Vec<(usize, usize)> = match &doc.sentences {
            Some(s) => s
                .iter()
                .map(|s| (idx.byte(s.start), idx.byte(s.end)))
                .collect(),
            None => vec![(0, doc.text.len())],
        };
        let times: Vec<(usize, usize)> = doc
            .times
            .iter()
            .flatten()
            .map(|t| (idx.byte(t.start), idx.byte(t.end)))
            .collect();
        let counts = extract(&doc.text, &sentences, &times)
            .into_iter()
            .map(|c| Count {
                start: idx.char(c.start),
                end: idx.char(c.end),
                ..c
            })
            .collect();
        doc.counts = Some(counts);
        Ok(())
    }
}

/// One candidate inside a sentence (token indices are into the sentence's slice).
#[derive(Debug, Clone)]
struct Cand {
    first: usize,
    last: usize,
    /// Object token range (inclusive).
    obj: Option<(usize, usize)>,
    /// First token after the phrase and its object.
    after: usize,
    low: Option<u64>,
    high: Option<u64>,
    vague: bool,
    kind: Option<CountKind>,
    /// Fixed kind (zero phrases); never overridden.
    fixed: bool,
    /// The number is the word "one".
    one: bool,
}

/// Finds counts in `text`, sentence by sentence (byte ranges), skipping `times` (byte
/// ranges). Returned offsets are BYTE offsets; [`Counts::run`] converts them.
pub fn extract(text: &str, sentences: &[(usize, usize)], times: &[(usize, usize)]) -> Vec<Count> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut toll_before = false;
    for &(sa, sb) in sentences {
        let a = toks.partition_point(|t| t.start < sa);
        let b = toks.partition_point(|t| t.end <= sb);
        if a >= b {
            continue;
        }
        sentence_counts(text, &toks[a..b], times, toll_before, &mut out);
        toll_before = toks[a..b].iter().any(|t| t.is("toll"));
    }
    out.sort_by_key(|c| (c.start, c.end));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

fn word<'t>(toks: &'t [Token<'_>], k: usize) -> &'t str {
    toks.get(k).map_or("", |t| &*t.lower)
}

fn is_plural(t: &Token, text: &str) -> bool {
    let w = &*t.lower;
    if t.kind != Tok::Word || w.len() < 3 {
        return false;
    }
    if is_irregular_plural(w) {
        return true;
    }
    let orig = &text[t.start..t.end];
    let capital = orig.chars().next().is_some_and(char::is_uppercase);
    if capital {
        if orig.chars().all(|c| !c.is_lowercase()) {
            return false; // acronyms: "YPG", "ISIS"
        }
        return ["ans", "ites", "ers", "ds", "ks", "is", "es", "men", "ists"]
            .iter()
            .any(|e| w.ends_with(e))
            && !matches!(
                w,
                "hamas" | "homs" | "idlib" | "tunis" | "paris" | "damascus"
            );
    }
    if w.ends_with("men") && w.len() >= 5 {
        return true;
    }
    w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && !matches!(
            w,
            "news"
                | "series"
                | "gas"
                | "bus"
                | "has"
                | "was"
                | "as"
                | "yes"
                | "thus"
                | "perhaps"
                | "always"
                | "whereas"
                | "unless"
                | "across"
                | "less"
                | "its"
                | "this"
                | "his"
                | "hers"
                | "ours"
                | "theirs"
                | "yours"
                | "sometimes"
                | "besides"
                | "towards"
                | "afterwards"
                | "forwards"
                | "backwards"
        )
}

/// Result of reading the counted noun phrase.
struct Obj {
    range: Option<(usize, usize)>,
    after: usize,
    /// A measure unit follows: not a count at all.
    unit: bool,
    /// Kind signalled by a participle adjective ("12 wounded civilians").
    hint: Option<CountKind>,
}

fn read_object(text: &str, toks: &[Token], j: usize, one: bool) -> Obj {
    let mut k = j;
    let mut hint = None;
    if matches!(word(toks, k), "more" | "others'" | "other") {
        k += 1;
    }
    if word(toks, k) == "of" {
        k += 1;
        if matches!(word(toks, k), "them" | "whom" | "those" | "us" | "which") {
            return Obj {
                range: None,
                after: k + 1,
                unit: false,
                hint,
            };
        }
        if matches!(
            word(toks, k),
            "the" | "his" | "their" | "its" | "her" | "these" | "our"
        ) {
            k += 1;
        }
        // "five of his entourage": a group noun counts its members.
        if is_collective_noun(word(toks, k)) {
            return Obj {
                range: Some((k, k)),
                after: k + 1,
                unit: false,
                hint,
            };
        }
    }
    let start = k;
    let mut head = None;
    let mut last_word = None;
    while k < toks.len() && k - start < 6 {
        let t = &toks[k];
        if t.kind != Tok::Word {
            break;
        }
        let w = &*t.lower;
        if k == start && is_unit(w) {
            return Obj {
                range: None,
                after: k + 1,
                unit: true,
                hint,
            };
        }
        if w == "and" && last_word.is_some() {
            let next = word(toks, k + 1);
            if !next.is_empty()
                && !is_object_stop(next)
                && cue_kind(next).is_none()
                && toks.get(k + 1).is_some_and(|t| t.kind == Tok::Word)
            {
                k += 1;
                continue;
            }
            break;
        }
        if is_object_stop(w) {
            break;
        }
        let participle = is_participle_adjective(w);
        if w.ends_with("ed") && !participle {
            break;
        }
        if w.ends_with("ing") && w.len() > 5 {
            break;
        }
        if participle && k + 1 < toks.len() && toks[k + 1].kind == Tok::Word {
            let next = word(toks, k + 1);
            if is_object_stop(next) || cue_kind(next).is_some() {
                break;
            }
            if k == start {
                hint = cue_kind(w);
            }
        } else if cue_kind(w).is_some()
            && !matches!(
                w,
                "deaths"
                    | "casualties"
                    | "injuries"
                    | "bodies"
                    | "corpses"
                    | "fatalities"
                    | "refugees"
                    | "hostages"
                    | "wounds"
            )
        {
            // "19 wounded", "12 dead": the cue, not the thing counted.
            break;
        }
        last_word = Some(k);
        if is_plural(t, text) {
            // A noun compound whose first part is itself plural ("police officers",
            // "militia fighters"): the head is the last noun.
            let mut h = k;
            while toks
                .get(h + 1)
                .is_some_and(|n| is_plural(n, text) && cue_kind(&n.lower).is_none())
                && !is_object_stop(word(toks, h + 1))
            {
                h += 1;
            }
            head = Some(h);
            last_word = Some(h);
            break;
        }
        k += 1;
    }
    let proper_last = last_word.is_some_and(|l| {
        toks[l].kind == Tok::Word && text[toks[l].start..].starts_with(char::is_uppercase)
    });
    let mut range = match (head, last_word) {
        (Some(h), _) => Some((start, h)),
        (None, Some(l)) if one => Some((start, l.min(start + 2))),
        // "30 Taliban", "10 Daesh": a group name counts its members.
        (None, Some(l)) if proper_last => Some((start, l)),
        _ => None,
    };
    // "members of the Afghan security forces"
    if let Some((s, h)) = range {
        if head.is_some() && is_partitive_head(&toks[h].lower) && word(toks, h + 1) == "of" {
            let mut m = h + 2;
            if matches!(word(toks, m), "the" | "its" | "their") {
                m += 1;
            }
            let begin = m;
            while m < toks.len() && m - begin < 5 && toks[m].kind == Tok::Word {
                let w = &*toks[m].lower;
                if is_object_stop(w) || (w.ends_with("ed") && !is_participle_adjective(w)) {
                    break;
                }
                if is_plural(&toks[m], text) {
                    range = Some((s, m));
                    break;
                }
                m += 1;
            }
        }
    }
    let after = match range {
        Some((_, e)) => e + 1,
        None => start,
    };
    Obj {
        range,
        after,
        unit: false,
        hint,
    }
}

fn is_wound(w: &str) -> bool {
    cue_kind(w) == Some(CountKind::Wound)
}

fn is_kill(w: &str) -> bool {
    cue_kind(w) == Some(CountKind::Kill)
}

/// Cue after the phrase: "were killed", "dead", "lost their lives", "killed or wounded".
///
/// One inserted stretch may be skipped when a verb form follows it: "10 people including
/// women and children have been killed", "128 troops and militia were killed", "six
/// civilians in the emergency ward were killed" (but not "15 women and injured 400").
fn post_cue(toks: &[Token], from: usize) -> Option<CountKind> {
    let mut k = from;
    let mut gaps = 0;
    let mut skipped = false;
    let mut need_gap = false;
    while k < toks.len() {
        // "seven children aged from four to 12 were killed": the ages are no stretch.
        let past_age = skip_age_clause(toks, k);
        if past_age > k {
            k = past_age;
            continue;
        }
        let w = word(toks, k);
        if w == "," && !skipped && matches!(word(toks, k + 1), "including" | "among") {
            k += 1; // "Six people, including two children, were killed"
            continue;
        }
        let dash = matches!(w, "-" | "–" | "—");
        if toks[k].kind != Tok::Word && !dash {
            return None;
        }
        if w == "lost" && matches!(word(toks, k + 1), "their" | "lives") {
            return (!need_gap).then_some(CountKind::Kill);
        }
        if is_post_cue(w) {
            if need_gap {
                return None;
            }
            // "three suicide bombers killed at least two people": the counted thing did
            // the killing (an active verb with its own object), unless an auxiliary came
            // first ("were killed").
            if gaps == 0 && w.ends_with("ed") && w != "fled" && has_object(toks, k + 1) {
                return None;
            }
            let kind = cue_kind(w)?;
            if kind == CountKind::Kill
                && matches!(word(toks, k + 1), "or" | "and")
                && is_wound(word(toks, k + 2))
            {
                return Some(CountKind::KillOrWound);
            }
            return Some(kind);
        }
        // "were summarily executed", "were reportedly killed"
        if is_post_gap(w) || (w.len() > 4 && w.ends_with("ly") && gaps > 0) {
            need_gap = false;
            gaps += 1;
            if gaps > 4 {
                return None;
            }
            k += 1;
        } else if !skipped
            && (dash
                || matches!(
                    w,
                    "including"
                        | "among"
                        | "and"
                        | "or"
                        | "in"
                        | "at"
                        | "on"
                        | "near"
                        | "inside"
                        | "from"
                        | "of"
                ))
        {
            let listing = matches!(w, "including" | "among") || dash;
            skipped = true;
            need_gap = !listing;
            k += 1;
            let stop = (k + if listing { 10 } else { 7 }).min(toks.len());
            while k < stop {
                let t = &toks[k];
                let tw = &*t.lower;
                let after_and = matches!(word(toks, k - 1), "and" | "or");
                if is_post_gap(tw) || (listing && is_post_cue(tw) && !after_and) {
                    break;
                }
                if is_post_cue(tw) {
                    return None;
                }
                let ok = t.kind == Tok::Word
                    || (listing && t.kind == Tok::Num)
                    || (listing && matches!(tw, "-" | "–" | "—" | "," | "(" | ")"));
                if !ok {
                    return None;
                }
                k += 1;
            }
        } else {
            return None;
        }
    }
    None
}

/// "… were among", "… are among" after the counted thing (an including-list skipped).
fn were_among(toks: &[Token], from: usize) -> bool {
    let mut k = from;
    if matches!(word(toks, k), "including") {
        while k < toks.len() && !matches!(word(toks, k), "were" | "are" | "was") && k < from + 8 {
            k += 1;
        }
    }
    matches!(word(toks, k), "were" | "are" | "was" | "is") && word(toks, k + 1) == "among"
}

/// True when a verb at `k - 1` has a direct object at `k`: a number, a determiner, or a
/// person noun ("killed at least two", "killed the guard", "wounded civilians").
fn has_object(toks: &[Token], k: usize) -> bool {
    let Some(t) = toks.get(k) else {
        return false;
    };
    if t.kind == Tok::Num {
        return true;
    }
    let w = &*t.lower;
    matches!(
        w,
        "a" | "an"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "at"
            | "more"
            | "some"
            | "about"
            | "nearly"
            | "dozens"
            | "scores"
            | "hundreds"
            | "tens"
            | "thousands"
            | "several"
            | "many"
            | "civilians"
            | "people"
            | "soldiers"
            | "children"
    ) || numbers::word_value(w.split('-').next().unwrap_or(w)).is_some()
}

/// Cue before the phrase: "killing 28", "killed at least 16", "the lives of 20".
fn pre_cue(toks: &[Token], first: usize) -> Option<CountKind> {
    let mut k = first;
    let mut gaps = 0;
    while k > 0 {
        k -= 1;
        let w = word(toks, k);
        if is_pre_cue(w) {
            let noun = matches!(
                w,
                "lives"
                    | "death"
                    | "deaths"
                    | "bodies"
                    | "corpses"
                    | "abduction"
                    | "arrest"
                    | "displacement"
            );
            if noun && word(toks, k + 1) != "of" {
                return None;
            }
            let kind = cue_kind(w)?;
            if kind == CountKind::Wound
                && k >= 2
                && matches!(word(toks, k - 1), "or" | "and")
                && is_kill(word(toks, k - 2))
            {
                return Some(CountKind::KillOrWound);
            }
            if kind == CountKind::Kill
                && matches!(word(toks, k + 1), "or" | "and")
                && is_wound(word(toks, k + 2))
            {
                return Some(CountKind::KillOrWound);
            }
            return Some(kind);
        }
        if is_pre_gap(w) && gaps < 3 {
            gaps += 1;
        } else {
            return None;
        }
    }
    None
}

/// "destroyed over 60 terrorists", "40 militants were neutralised": a military verb for
/// killing, with fighters as the counted thing, is a death toll.
fn euphemism_cue(toks: &[Token], c: &Cand, obj: Option<(usize, usize)>) -> Option<CountKind> {
    let (_, head) = obj?;
    if !is_combatant_noun(word(toks, head)) {
        return None;
    }
    let mut k = c.first;
    while k > 0 && is_pre_gap(word(toks, k - 1)) && c.first - k < 3 {
        k -= 1;
    }
    let before = k
        .checked_sub(1)
        .is_some_and(|k| is_kill_euphemism(word(toks, k)));
    let mut k = c.after;
    while is_post_gap(word(toks, k)) && k < c.after + 3 {
        k += 1;
    }
    let after = k > c.after && is_kill_euphemism(word(toks, k));
    (before || after).then_some(CountKind::Kill)
}

/// "the death toll rose to 70", "putting the toll at 12".
fn toll_cue(toks: &[Token], first: usize, floor: usize) -> Option<CountKind> {
    let before = first.checked_sub(1).map_or("", |k| word(toks, k));
    if !matches!(
        before,
        "to" | "at"
            | "of"
            | "reached"
            | "hit"
            | "is"
            | "was"
            | "stands"
            | "stood"
            | "risen"
            | "rose"
            | "reaching"
            | "hitting"
    ) {
        return None;
    }
    let lo = first.saturating_sub(20).max(floor);
    (lo..first).rev().find_map(|k| {
        if toks[k].is("toll") {
            Some(match word(toks, k.wrapping_sub(1)) {
                "casualty" => CountKind::KillOrWound,
                "injury" => CountKind::Wound,
                _ => CountKind::Kill,
            })
        } else {
            None
        }
    })
}

/// True when the number at `first..=last` is a date, a measure or a label.
fn not_a_count(
    text: &str,
    toks: &[Token],
    first: usize,
    last: usize,
    times: &[(usize, usize)],
) -> bool {
    let (a, b) = (toks[first].start, toks[last].end);
    if times.iter().any(|&(ta, tb)| ta < b && a < tb) {
        return true;
    }
    let prev = first.checked_sub(1).map(|k| &toks[k]);
    let next = toks.get(last + 1);
    let is_month_tok = |t: &Token| {
        is_month(&t.lower)
            && (t.lower != "may" && t.lower != "march"
                || text[t.start..t.end].starts_with(|c: char| c.is_uppercase()))
    };
    if in_age_clause(toks, first) || in_numeric_date(toks, first, last) {
        return true;
    }
    // "April 8" is a date; "in early April at least 88" is a count after a month.
    let bare = toks[first].kind == Tok::Num || numbers::word_value(&toks[first].lower).is_some();
    if let Some(p) = prev {
        if is_month_tok(p) && bare || is_label_word(&p.lower) {
            return true;
        }
        if p.is(".") && first >= 2 && is_month_tok(&toks[first - 2]) {
            return true;
        }
        if matches!(&*p.lower, "$" | "£" | "€" | "#" | "us$") {
            return true;
        }
        // "F-16", "Su-24", "COVID-19"
        if matches!(&*p.lower, "-" | "–")
            && p.end == toks[first].start
            && first >= 2
            && toks[first - 2].end == p.start
            && toks[first - 2].kind != Tok::Num
        {
            return true;
        }
    }
    if let Some(n) = next {
        if is_month_tok(n) || matches!(&*n.lower, "%" | "percent") {
            return true;
        }
        if (n.is("a") || n.is("p")) && word(toks, last + 2) == "." {
            return true; // "10 a.m."
        }
        if matches!(&*n.lower, "-" | "–") && n.start == toks[last].end {
            if let Some(w) = toks.get(last + 2) {
                let u = w.lower.split(['-', '‐']).next().unwrap_or("");
                if w.start == n.end && (is_unit(u) || is_unit(&format!("{u}s"))) {
                    return true;
                }
            }
        }
    }
    // Four-digit years: "in 2016", "the 2011 uprising".
    if first == last && toks[first].kind == Tok::Num {
        let s = &toks[first].lower;
        if s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit()) {
            let v: u32 = s.parse().unwrap_or(0);
            if (1800..=2100).contains(&v) {
                let plural_next = next.is_some_and(|n| is_plural(n, text))
                    || next.is_some_and(|n| n.is_word() && !is_object_stop(&n.lower))
                        && toks.get(last + 2).is_some_and(|n| is_plural(n, text));
                let year_prev =
                    prev.is_some_and(|p| is_year_context(&p.lower) || p.kind == Tok::Num);
                if !plural_next || year_prev {
                    return true;
                }
            }
        }
    }
    false
}

/// True when the number at `first..=last` is one part of a date or code written with
/// digits and separators, three numbers or more touching ("25-12-2014", "12/04/2017",
/// "08.04.2017"); a range ("4,000-5,000") has two.
fn in_numeric_date(toks: &[Token], first: usize, last: usize) -> bool {
    let sep = |t: &Token| matches!(&*t.lower, "-" | "/" | ".");
    let touching = |a: &Token, b: &Token| a.end == b.start;
    let mut numbers = toks[first..=last]
        .iter()
        .filter(|t| t.kind == Tok::Num)
        .count();
    let mut k = first;
    while k >= 2
        && sep(&toks[k - 1])
        && toks[k - 2].kind == Tok::Num
        && touching(&toks[k - 2], &toks[k - 1])
        && touching(&toks[k - 1], &toks[k])
    {
        numbers += 1;
        k -= 2;
    }
    let mut k = last;
    while k + 2 < toks.len()
        && sep(&toks[k + 1])
        && toks[k + 2].kind == Tok::Num
        && touching(&toks[k], &toks[k + 1])
        && touching(&toks[k + 1], &toks[k + 2])
    {
        numbers += 1;
        k += 2;
    }
    numbers >= 3
}

/// True when the number at `first` gives an age: "aged 4", "aged from four to 10" (both
/// numbers), "ages between 5 and 12".
fn in_age_clause(toks: &[Token], first: usize) -> bool {
    let mut k = first;
    // The upper end of a range: step back over "to"/"and" and the lower end.
    if k >= 2 && matches!(word(toks, k - 1), "to" | "and" | "-" | "–") {
        let lower = &toks[k - 2];
        if lower.kind == Tok::Num || numbers::word_value(&lower.lower).is_some() {
            k -= 2;
        }
    }
    if k >= 1 && matches!(word(toks, k - 1), "from" | "between") {
        k -= 1;
    }
    k >= 1 && is_age_word(word(toks, k - 1))
}

/// The end of an age clause that starts at `k` ("aged from four to 10", "aged 12 years"),
/// or `k` when none does.
fn skip_age_clause(toks: &[Token], k: usize) -> usize {
    if !is_age_word(word(toks, k)) {
        return k;
    }
    let mut e = k + 1;
    while e < toks.len() && e < k + 7 {
        let t = &toks[e];
        let number = t.kind == Tok::Num || numbers::word_value(&t.lower).is_some();
        if !(number
            || matches!(
                &*t.lower,
                "from" | "between" | "to" | "and" | "-" | "–" | "years" | "old"
            ))
        {
            break;
        }
        e += 1;
    }
    e
}

/// "no casualties", "no one was killed", "without causing more deaths": a zero count.
fn zero_phrase(toks: &[Token], i: usize) -> Option<Cand> {
    let w = word(toks, i);
    let hedged = (i.saturating_sub(4)..i).any(|k| {
        matches!(
            word(toks, k),
            "reports" | "report" | "word" | "information" | "details" | "immediate" | "unclear"
        )
    });
    if hedged {
        return None;
    }
    let zero = |first, last, kind| Cand {
        first,
        last,
        obj: None,
        after: last + 1,
        low: Some(0),
        high: Some(0),
        vague: false,
        kind: Some(kind),
        fixed: true,
        one: false,
    };
    match w {
        "no" => {
            let n = word(toks, i + 1);
            if matches!(n, "casualties" | "deaths" | "fatalities") {
                return Some(zero(i, i + 1, CountKind::Kill));
            }
            if matches!(n, "injuries") {
                return Some(zero(i, i + 1, CountKind::Wound));
            }
            if n == "one" {
                return match post_cue(toks, i + 2) {
                    Some(CountKind::Wound) => Some(zero(i, i + 1, CountKind::Wound)),
                    Some(CountKind::Kill | CountKind::KillOrWound) => {
                        Some(zero(i, i + 1, CountKind::Kill))
                    }
                    _ => None,
                };
            }
            None
        }
        "nobody" => match post_cue(toks, i + 1) {
            Some(CountKind::Wound) => Some(zero(i, i, CountKind::Wound)),
            Some(CountKind::Kill | CountKind::KillOrWound) => Some(zero(i, i, CountKind::Kill)),
            _ => None,
        },
        "without" => {
            if !matches!(word(toks, i + 1), "causing" | "any" | "inflicting") {
                return None;
            }
            let mut k = i + 1;
            while matches!(
                word(toks, k),
                "causing" | "inflicting" | "any" | "more" | "further"
            ) {
                k += 1;
            }
            match word(toks, k) {
                "casualties" | "deaths" | "fatalities" => Some(zero(i, k, CountKind::Kill)),
                "injuries" => Some(zero(i, k, CountKind::Wound)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Cheap filter: can a number phrase, a zero phrase or "a <person>" start at this token?
fn may_start(t: &Token) -> bool {
    match t.kind {
        Tok::Num => true,
        Tok::Word => {
            let w = &*t.lower;
            let head = w.split(['-', '‐', '‑']).next().unwrap_or(w);
            numbers::word_value(head).is_some()
                || matches!(
                    w,
                    "no" | "not"
                        | "in"
                        | "a"
                        | "the"
                        | "an"
                        | "as"
                        | "at"
                        | "more"
                        | "well"
                        | "upwards"
                        | "less"
                        | "fewer"
                        | "up"
                        | "close"
                        | "over"
                        | "nearly"
                        | "almost"
                        | "about"
                        | "around"
                        | "approximately"
                        | "roughly"
                        | "some"
                        | "estimated"
                        | "between"
                        | "half"
                        | "several"
                        | "few"
                        | "dozens"
                        | "tens"
                        | "scores"
                        | "hundreds"
                        | "thousands"
                        | "millions"
                        | "nobody"
                        | "without"
                )
        }
        _ => false,
    }
}

/// "a pilot", "an Afghan soldier": the index of the person noun after an article.
fn article_person(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    // "a pilot"; "the" only straight after a verb cue: "killed the deputy chief".
    let the_after_verb = word(toks, i) == "the"
        && i > 0
        && is_pre_cue(word(toks, i - 1))
        && toks[i - 1].lower.ends_with("ed");
    if !matches!(word(toks, i), "a" | "an") && !the_after_verb {
        return None;
    }
    let mut end = (i + 4).min(toks.len());
    let mut k = i;
    while k + 1 < end {
        k += 1;
        let t = &toks[k];
        // "a 5-year-old child": an age in digits before the noun.
        if t.kind == Tok::Num && word(toks, k + 1) == "-" && is_age_adjective(word(toks, k + 2)) {
            k += 2;
            end = (end + 2).min(toks.len());
            continue;
        }
        if t.kind != Tok::Word {
            return None;
        }
        let w = &*t.lower;
        if is_person_noun(w) {
            // "…, a civil defence official said": a speaker, not a victim.
            let speaks = toks
                .get(k + 1)
                .is_some_and(|n| matches!(&*n.lower, "said" | "says" | "told" | "added"));
            return (!speaks).then_some(k);
        }
        if is_object_stop(w)
            || (w.ends_with("ed") && !is_participle_adjective(w))
            || cue_kind(w).is_some() && !is_participle_adjective(w)
            || is_plural(t, text)
        {
            return None;
        }
    }
    None
}

/// "a man and his wife", "one mother and her child": a second single person joined to
/// the first; returns the index of the second person noun.
fn and_another_person(toks: &[Token], k: usize) -> Option<usize> {
    if word(toks, k) != "and"
        || !matches!(
            word(toks, k + 1),
            "his" | "her" | "their" | "a" | "an" | "one"
        )
    {
        return None;
    }
    (k + 2..(k + 4).min(toks.len()))
        .take_while(|&m| toks[m].kind == Tok::Word)
        .find(|&m| is_person_noun(&toks[m].lower))
}

/// "an unspecified number": a count whose figure the text does not give.
fn unspecified(toks: &[Token], i: usize) -> Option<usize> {
    if matches!(word(toks, i), "an" | "a")
        && matches!(
            word(toks, i + 1),
            "unspecified" | "unknown" | "undisclosed" | "undetermined" | "unconfirmed"
        )
        && word(toks, i + 2) == "number"
    {
        return Some(i + 2);
    }
    None
}

/// `toll_before`: the previous sentence spoke of a toll ("… an initial death toll of 47.
/// This was later updated to 82").
fn sentence_counts(
    text: &str,
    toks: &[Token],
    times: &[(usize, usize)],
    toll_before: bool,
    out: &mut Vec<Count>,
) {
    let mut cands: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start(&toks[i]) {
            i += 1;
            continue;
        }
        if let Some(z) = zero_phrase(toks, i) {
            i = z.after;
            cands.push(z);
            continue;
        }
        if let Some(noun) = article_person(text, toks, i) {
            let second = and_another_person(toks, noun + 1);
            let (noun, n) = second.map_or((noun, 1), |m| (m, 2));
            cands.push(Cand {
                first: i,
                last: i,
                obj: Some((i + 1, noun)),
                after: noun + 1,
                low: Some(n),
                high: Some(n),
                vague: false,
                kind: None,
                fixed: false,
                one: true,
            });
            i = noun + 1;
            continue;
        }
        let (first, last, low, high, vague, one) = if let Some(e) = unspecified(toks, i) {
            (i, e, None, None, true, false)
        } else {
            match parse_phrase(toks, i) {
                Some(ph) => {
                    if not_a_count(text, toks, ph.first, ph.last, times) {
                        i = ph.last + 1;
                        continue;
                    }
                    let one = toks[ph.last].is("one");
                    // "from one family", "in one day": not a count of people.
                    if one
                        && ph.first > 0
                        && matches!(
                            word(toks, ph.first - 1),
                            "from"
                                | "of"
                                | "in"
                                | "at"
                                | "on"
                                | "with"
                                | "to"
                                | "into"
                                | "by"
                                | "for"
                                | "than"
                        )
                    {
                        i = ph.last + 1;
                        continue;
                    }
                    (ph.first, ph.last, ph.low, ph.high, ph.vague, one)
                }
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        let mut obj = read_object(text, toks, last + 1, one);
        if obj.unit {
            i = obj.after;
            continue;
        }
        let (mut low, mut high) = (low, high);
        if let Some((s, e)) = obj.range.filter(|_| one && low == Some(1)) {
            if let Some(m) = and_another_person(toks, e + 1) {
                (low, high) = (Some(2), Some(2));
                obj.range = Some((s, m));
                obj.after = m + 1;
            }
        }
        cands.push(Cand {
            first,
            last,
            obj: obj.range,
            after: obj.after,
            low,
            high,
            vague,
            kind: obj
                .range
                .and_then(|(_, h)| head_kind(&toks[h].lower))
                .or(obj.hint),
            fixed: false,
            one,
        });
        i = last + 1;
    }
    // Resolve kinds and fallback objects in order.
    let mut among: Vec<usize> = Vec::new();
    for n in 0..cands.len() {
        if cands[n].fixed {
            continue;
        }
        let floor = if n > 0 { cands[n - 1].after } else { 0 };
        let c = cands[n].clone();
        let mut kind = c
            .kind
            .or_else(|| post_cue(toks, c.after))
            .or_else(|| pre_cue(toks, c.first));
        let mut obj = c.obj;
        if kind.is_none() && n > 0 {
            let prev = &cands[n - 1];
            let between: Vec<&str> = (prev.after..c.first).map(|k| word(toks, k)).collect();
            let near = c.first.saturating_sub(3).max(prev.after);
            let listed = (near..c.first)
                .any(|k| matches!(word(toks, k), "including" | "among" | "whom"))
                || between.is_empty() // "11 women nine children" (commas stripped)
                || between == ["and"]
                || (between.len() == 2 && between[0] == "and" && is_pre_gap(between[1]))
                || (between == [","] && !c.one);
            if listed && prev.kind.is_some_and(|k| k != CountKind::Amount) {
                kind = prev.kind;
            }
        }
        if kind.is_none() && !c.one {
            kind = toll_cue(toks, c.first, floor).or_else(|| {
                let revised = c.first >= 2
                    && word(toks, c.first - 1) == "to"
                    && matches!(
                        word(toks, c.first - 2),
                        "updated"
                            | "raised"
                            | "revised"
                            | "rose"
                            | "risen"
                            | "climbed"
                            | "increased"
                            | "jumped"
                    );
                (toll_before && revised).then_some(CountKind::Kill)
            });
        }
        if (kind.is_none() || obj.is_none()) && !c.one {
            // "the number of civilians killed … has risen to 20"
            let lo = c.first.saturating_sub(25).max(floor);
            if let Some(k) = (lo..c.first)
                .rev()
                .find(|&k| toks[k].is("number") && word(toks, k + 1) == "of")
            {
                let o = read_object(text, toks, k + 1, false);
                if obj.is_none() {
                    obj = o.range;
                }
                if kind.is_none() {
                    kind = post_cue(toks, o.after);
                }
            }
        }
        if obj.is_none() && n > 0 && kind.is_none() {
            let prev = &cands[n - 1];
            if prev.kind == Some(CountKind::Amount) {
                obj = prev.obj;
            }
        }
        if kind.is_none() {
            kind = euphemism_cue(toks, &c, obj);
        }
        if kind.is_none() && were_among(toks, c.after) {
            among.push(n);
        }
        cands[n].kind = Some(kind.unwrap_or(CountKind::Amount));
        cands[n].obj = obj;
    }
    // "Two medics were among at least 31 people killed": the kind of the total.
    for &n in among.iter().rev() {
        if let Some(next) = cands.get(n + 1).and_then(|c| c.kind) {
            if next != CountKind::Amount {
                cands[n].kind = Some(next);
            }
        }
    }
    for c in cands {
        let kind = c.kind.unwrap_or(CountKind::Amount);
        if kind == CountKind::Amount && (c.obj.is_none() || c.one) {
            continue;
        }
        let (a, b) = (toks[c.first].start, toks[c.last].end);
        out.push(Count {
            start: a,
            end: b,
            text: text[a..b].to_string(),
            kind,
            low: c.low,
            high: c.high,
            object: c
                .obj
                .map(|(s, e)| text[toks[s].start..toks[e].end].to_string()),
            vague: c.vague,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::Sentences;
    use crate::testing::check_stage;

    fn run(text: &str) -> Vec<Count> {
        let mut doc = Doc::new("t", text).with_published("2020-09-27");
        Sentences.run(&mut doc).expect("sentences");
        doc.times = Some(vec![]);
        Counts.run(&mut doc).expect("counts");
        doc.counts.unwrap_or_default()
    }

    /// (text, kind, low, high, object)
    type Brief = (String, CountKind, Option<u64>, Option<u64>, Option<String>);

    fn brief(text: &str) -> Vec<Brief> {
        run(text)
            .into_iter()
            .map(|c| (c.text, c.kind, c.low, c.high, c.object))
            .collect()
    }

    fn one(text: &str, kind: CountKind, low: Option<u64>, high: Option<u64>, object: Option<&str>) {
        let got = brief(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].1, kind, "{text}: {got:?}");
        assert_eq!((got[0].2, got[0].3), (low, high), "{text}: {got:?}");
        assert_eq!(got[0].4.as_deref(), object, "{text}: {got:?}");
    }

    use CountKind::*;

    #[test]
    fn invariants() {
        let times = crate::build_stage("times").expect("times stage");
        check_stage(
            &Counts,
            &[&Sentences, times.as_ref()],
            "Gunmen killed 28 policemen on Sept. 23, 2020. Dozens of “residents” fled.",
        );
    }

    #[test]
    fn passive_and_active_orders() {
        one(
            "28 policemen were killed.",
            Kill,
            Some(28),
            Some(28),
            Some("policemen"),
        );
        one(
            "The Taliban attacked checkpoints, killing a total of 28 Afghan policemen, officials said.",
            Kill,
            Some(28),
            Some(28),
            Some("Afghan policemen"),
        );
        one(
            "The blast killed at least 16 people.",
            Kill,
            Some(16),
            None,
            Some("people"),
        );
        one("The attack left 12 dead.", Kill, Some(12), Some(12), None);
        one(
            "Nine soldiers lost their lives in the ambush.",
            Kill,
            Some(9),
            Some(9),
            Some("soldiers"),
        );
    }

    #[test]
    fn offsets_are_characters_and_text_is_the_number_phrase() {
        let t = "“Grim day” — at least 16 people were killed.";
        let c = run(t);
        assert_eq!(c.len(), 1);
        let chars: String = t
            .chars()
            .skip(c[0].start)
            .take(c[0].end - c[0].start)
            .collect();
        assert_eq!(chars, "at least 16");
        assert_eq!(c[0].text, "at least 16");
    }

    #[test]
    fn two_counts_in_one_clause() {
        let got = brief(
            "Ninety-two civilians were killed and 273 others injured Saturday by airstrikes.",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            (got[0].1, got[0].2, got[0].4.as_deref()),
            (Kill, Some(92), Some("civilians"))
        );
        assert_eq!(
            (got[1].1, got[1].2, got[1].4.as_deref()),
            (Wound, Some(273), Some("others"))
        );
        let got = brief("The army said it killed 28 and wounded 30 militants in the town.");
        assert_eq!((got[0].1, got[0].2), (Kill, Some(28)));
        assert_eq!(
            (got[1].1, got[1].2, got[1].4.as_deref()),
            (Wound, Some(30), Some("militants"))
        );
    }

    #[test]
    fn tolls() {
        one(
            "The death toll rose to 70 on Sunday.",
            Kill,
            Some(70),
            Some(70),
            None,
        );
        one(
            "Officials put the casualty toll at 45.",
            KillOrWound,
            Some(45),
            Some(45),
            None,
        );
        one(
            "The number of civilians killed in the raid has risen to 20.",
            Kill,
            Some(20),
            Some(20),
            Some("civilians"),
        );
    }

    #[test]
    fn killed_or_wounded_and_vague() {
        one(
            "Dozens of members of the Afghan security forces were killed or wounded.",
            KillOrWound,
            Some(12),
            None,
            Some("members of the Afghan security forces"),
        );
        one(
            "The raid left 120 casualties.",
            KillOrWound,
            Some(120),
            Some(120),
            Some("casualties"),
        );
        one(
            "Jets struck the town, killing and injuring scores of fighters.",
            KillOrWound,
            Some(20),
            None,
            Some("fighters"),
        );
        let c = run("Hundreds of people fled the town.");
        assert_eq!(
            (c[0].kind, c[0].low, c[0].vague),
            (Displace, Some(100), true)
        );
        one(
            "Tens of others were injured.",
            Wound,
            Some(10),
            None,
            Some("others"),
        );
    }

    #[test]
    fn other_kinds() {
        one(
            "Gunmen kidnapped 12 aid workers near the border.",
            Kidnap,
            Some(12),
            Some(12),
            Some("aid workers"),
        );
        one(
            "Police arrested 40 protesters.",
            Arrest,
            Some(40),
            Some(40),
            Some("protesters"),
        );
        one(
            "Some 230000 people have been displaced.",
            Displace,
            Some(230_000),
            Some(230_000),
            Some("people"),
        );
        one(
            "Seven workers were abducted.",
            Kidnap,
            Some(7),
            Some(7),
            Some("workers"),
        );
    }

    #[test]
    fn amounts_and_inherited_objects() {
        let got = brief(
            "The number of its troops in Afghanistan will drop to 4,000-5,000 from the current level of 8,500.",
        );
        assert_eq!(
            got,
            vec![
                (
                    "4,000-5,000".into(),
                    Amount,
                    Some(4000),
                    Some(5000),
                    Some("troops".into())
                ),
                (
                    "8,500".into(),
                    Amount,
                    Some(8500),
                    Some(8500),
                    Some("troops".into())
                ),
            ]
        );
        one(
            "The US sent 3,000 more troops.",
            Amount,
            Some(3000),
            Some(3000),
            Some("troops"),
        );
    }

    #[test]
    fn lists_inherit_kind() {
        let got = brief("The strike killed 82 people including 58 civilians.");
        assert_eq!((got[1].1, got[1].2), (Kill, Some(58)));
        let got = brief("The bombing killed 28 policemen and 3 soldiers.");
        assert_eq!((got[1].1, got[1].4.as_deref()), (Kill, Some("soldiers")));
    }

    #[test]
    fn dates_measures_and_labels_are_not_counts() {
        assert!(brief("On September 23, 2020 the town fell.").is_empty());
        assert!(brief("Fighting since 2011 has killed many.").is_empty());
        assert!(brief("They fought for 3 days, 7 km from the city, at 10 a.m.").is_empty());
        assert!(brief("A 12-year-old boy and F-16 jets under Resolution 2254.").is_empty());
        assert!(brief("Published 24 Sept. 2016 by the agency.").is_empty());
        assert!(brief("Some 40 percent of the city was hit.").is_empty());
        one(
            "Clashes killed 2000 people in 2016.",
            Kill,
            Some(2000),
            Some(2000),
            Some("people"),
        );
    }

    #[test]
    fn unknown_and_zero() {
        one(
            "Militants claimed to have killed an unspecified number of troops.",
            Kill,
            None,
            None,
            Some("troops"),
        );
        one("There were no casualties.", Kill, Some(0), Some(0), None);
        one(
            "No one was killed in the blast.",
            Kill,
            Some(0),
            Some(0),
            None,
        );
        one(
            "A bomb went off but without causing more deaths.",
            Kill,
            Some(0),
            Some(0),
            None,
        );
        assert!(brief("There were no immediate reports of casualties.").is_empty());
    }

    #[test]
    fn article_and_person_noun_is_one() {
        one(
            "Rebels killed a pilot they captured.",
            Kill,
            Some(1),
            Some(1),
            Some("pilot"),
        );
        one(
            "An Afghan soldier was wounded.",
            Wound,
            Some(1),
            Some(1),
            Some("Afghan soldier"),
        );
        assert!(brief("A soldier said the road was open.").is_empty());
        one(
            "Gunmen killed the deputy chief of the militia.",
            Kill,
            Some(1),
            Some(1),
            Some("deputy chief"),
        );
        assert!(brief("Gunmen reached the soldier.").is_empty());
    }

    #[test]
    fn including_is_skipped_before_the_cue() {
        let got = brief("At least 10 people including women and children have been killed.");
        assert_eq!((got[0].1, got[0].2), (Kill, Some(10)));
        let got = brief("Five civilians including three children were also killed.");
        assert_eq!((got[0].1, got[0].2), (Kill, Some(5)));
        assert_eq!((got[1].1, got[1].2), (Kill, Some(3)));
        one(
            "Gunmen said 300 men were executed.",
            Kill,
            Some(300),
            Some(300),
            Some("men"),
        );
    }

    #[test]
    fn inserted_phrases_before_the_verb() {
        let got = brief("At least 128 troops and militia were killed on Thursday.");
        assert_eq!((got[0].1, got[0].2), (Kill, Some(128)));
        let got = brief("Sixteen civilians - including three children - were killed on Monday.");
        assert_eq!((got[0].1, got[1].1), (Kill, Kill));
        one(
            "Six civilians in the emergency ward were killed.",
            Kill,
            Some(6),
            Some(6),
            Some("civilians"),
        );
        let got = brief("The attack killed 100 people including 25 children and 15 women and injured 400 others.");
        let kinds: Vec<_> = got.iter().map(|g| (g.1, g.2)).collect();
        assert_eq!(
            kinds,
            vec![
                (Kill, Some(100)),
                (Kill, Some(25)),
                (Kill, Some(15)),
                (Wound, Some(400))
            ]
        );
        let got = brief("Among those killed were three children and three women.");
        assert_eq!((got[0].1, got[1].1), (Kill, Kill));
        let got = brief("Three children from one family were killed.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].1, got[0].2), (Kill, Some(3)));
    }

    #[test]
    fn cue_words_are_not_objects_and_commas_around_lists() {
        let got = brief("The bombing left 7 dead and 19 wounded.");
        assert_eq!((got[1].1, got[1].4.as_deref()), (Wound, None));
        let got = brief("Six people, including two children, were killed.");
        assert_eq!((got[0].1, got[1].1), (Kill, Kill));
        one(
            "Police rounded up 35 suspects.",
            Arrest,
            Some(35),
            Some(35),
            Some("suspects"),
        );
    }

    #[test]
    fn active_verbs_after_the_subject_are_not_its_kind() {
        let got = brief("Three suicide bombers killed at least two people near the station.");
        assert_eq!((got[0].1, got[0].2), (Amount, Some(3)));
        assert_eq!((got[1].1, got[1].2), (Kill, Some(2)));
        one(
            "Twelve militants attacked the post.",
            Amount,
            Some(12),
            Some(12),
            Some("militants"),
        );
        one(
            "Ten people killed in the blast.",
            Kill,
            Some(10),
            Some(10),
            Some("people"),
        );
    }

    #[test]
    fn group_names_as_counted_things() {
        one(
            "At least 30 Taliban killed in raids.",
            Kill,
            Some(30),
            None,
            Some("Taliban"),
        );
        one(
            "The army killed 10 Daesh near the city.",
            Kill,
            Some(10),
            Some(10),
            Some("Daesh"),
        );
    }

    #[test]
    fn partitives_lists_and_among() {
        one(
            "At least 20 members of IS were killed.",
            Kill,
            Some(20),
            None,
            Some("members"),
        );
        let got = brief(
            "Bombing killed 44 civilians including 11 women nine children and one rescue worker.",
        );
        assert!(got.iter().all(|g| g.1 == Kill), "{got:?}");
        let got =
            brief("At least 11 civilians - among them four women and four children - were killed.");
        assert!(got.iter().all(|g| g.1 == Kill), "{got:?}");
        let got = brief("Among the dead were four staff and five children.");
        assert!(got.iter().all(|g| g.1 == Kill), "{got:?}");
        let got = brief("Two medics were among at least 31 people killed on Saturday.");
        assert_eq!((got[0].1, got[1].1), (Kill, Kill));
        one(
            "More than 50 troops were summarily executed.",
            Kill,
            Some(50),
            None,
            Some("troops"),
        );
    }

    #[test]
    fn two_people_joined_by_and_and_group_partitives() {
        one(
            "A man and his wife were killed when the shell hit their house.",
            Kill,
            Some(2),
            Some(2),
            Some("man and his wife"),
        );
        one(
            "One mother and her child died in the air strike.",
            Kill,
            Some(2),
            Some(2),
            Some("mother and her child"),
        );
        let got = brief("Troops killed a commander as well as five of his entourage.");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            (got[1].2, got[1].4.as_deref()),
            (Some(5), Some("entourage"))
        );
    }

    #[test]
    fn toll_revised_in_the_next_sentence() {
        let got = brief(
            "The monitor gave an initial death toll of 47. This was later updated to 82 on Sunday.",
        );
        assert_eq!((got[1].1, got[1].2), (Kill, Some(82)));
        assert!(brief("Prices rose. They were later raised to 82 dollars.")
            .iter()
            .all(|g| g.1 == Amount));
    }

    #[test]
    fn one_is_a_count_only_with_a_cue() {
        one(
            "One civilian was killed.",
            Kill,
            Some(1),
            Some(1),
            Some("civilian"),
        );
        assert!(brief("One of the sides agreed.").is_empty());
    }

    #[test]
    fn plural_noun_compounds_keep_their_head() {
        let got = brief("At least 11 police officers were killed and six others wounded.");
        assert_eq!(got[0].1, CountKind::Kill, "{got:?}");
        assert_eq!(got[0].2, Some(11));
        assert_eq!(got[0].4.as_deref(), Some("police officers"));
    }

    #[test]
    fn ages_are_not_counts() {
        one(
            "Seven children aged from four to 12 were killed when the shell hit a school in Marib.",
            Kill,
            Some(7),
            Some(7),
            Some("children"),
        );
        assert!(brief("The pupils, aged between 9 and 14, sat their exams in Kunduz.").is_empty());
    }

    #[test]
    fn military_verbs_for_killing_fighters() {
        one(
            "Troops neutralised 30 bandits in an operation in Zamfara State on Sunday.",
            Kill,
            Some(30),
            Some(30),
            Some("bandits"),
        );
        one(
            "The ministry said air strikes destroyed over 40 militants near Hajin.",
            Kill,
            Some(40),
            None,
            Some("militants"),
        );
        one(
            "It said 25 insurgents were eliminated in the Lake Chad islands.",
            Kill,
            Some(25),
            Some(25),
            Some("insurgents"),
        );
        // Things destroyed are not a toll.
        let got = brief("The coalition destroyed 13 fighting positions near Raqqa.");
        assert!(got.iter().all(|c| c.1 != Kill), "{got:?}");
    }

    #[test]
    fn an_age_before_the_person_and_other_before_the_noun() {
        let got = brief(
            "A 7-year-old girl was killed and four other civilians including two children \
             (6-9 years) were wounded when a mortar round hit a market in Aden.",
        );
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!((got[0].1, got[0].2), (Kill, Some(1)), "{got:?}");
        assert_eq!((got[1].1, got[1].2), (Wound, Some(4)), "{got:?}");
        assert_eq!(got[1].4.as_deref(), Some("civilians"), "{got:?}");
        assert_eq!((got[2].1, got[2].2), (Wound, Some(2)), "{got:?}");
    }

    #[test]
    fn a_date_written_with_digits_is_not_a_count() {
        one(
            "14-03-2021 Four soldiers killed in ambush near Gao.",
            Kill,
            Some(4),
            Some(4),
            Some("soldiers"),
        );
        one(
            "Posted 02/11/2020 Gunmen killed 6 people in Kaduna.",
            Kill,
            Some(6),
            Some(6),
            Some("people"),
        );
        // A range of two numbers stays a count.
        one(
            "Some 4,000-5,000 troops were deployed.",
            Amount,
            Some(4000),
            Some(5000),
            Some("troops"),
        );
    }

    #[test]
    fn martyrs_are_the_dead() {
        one(
            "Twin blasts hit a checkpoint in Baghdad claiming 7 martyrs.",
            Kill,
            Some(7),
            Some(7),
            Some("martyrs"),
        );
        one(
            "Three policemen were martyred in the attack in Quetta.",
            Kill,
            Some(3),
            Some(3),
            Some("policemen"),
        );
    }

    #[test]
    fn a_bound_after_a_month_is_a_count() {
        one(
            "In early March at least 40 villagers were killed in an attack in Ituri.",
            Kill,
            Some(40),
            None,
            Some("villagers"),
        );
        // The day after a month name is still a date.
        assert!(brief("The raid on March 12 was the first.").is_empty());
    }
}
