//! The `quotes` stage: direct quotes, reported speech and attributed facts, each with the
//! speaker resolved to the fullest name in the document.
//!
//! GDELT's quotation field has no speaker; in conflict news who said something (a monitor,
//! a ministry, a group claiming an attack) matters as much as what was said. Rules, in
//! one pass per document:
//! - **Direct quotes**: quotation-mark pairs from [`marks`] (curly, straight, guillemets,
//!   multi-paragraph, unclosed marks dropped). The speaker comes from the cue after the
//!   quote (`,” Khalilzad said`, `,” said the ministry`, `" WHO said` without a comma as in
//!   FA-KES, `,” Khalilzad, a veteran diplomat, said`, a signature line `” ― Name`) or
//!   before it (`Khalilzad told PBS:
//!   “…”`, `Khalilzad: “…”` in headlines). A quote with no cue of its own right after an
//!   attributed one ("…,” Khalilzad said. “…”) continues that speaker. Parts of a quote
//!   split by its cue are emitted as separate quotes with the same speaker.
//! - **Indirect speech**: a speech verb with a subject before it — `Khalilzad said (that)
//!   …`, `has predicted the Taliban will …` — gives the clause after the verb; a subject
//!   and verb closing a sentence (`…, officials said.`, `…, said the ministry.`) give the
//!   clause before; `according to X` gives the clause on the other side of it.
//! - **Speakers**: a PERSON in the speaker phrase gives its canonical name (from the
//!   `people` stage); pronouns (`he added`) resolve to the most recent person speaker or
//!   mention that the document does not give the other pronoun (an unresolved pronoun
//!   stays as written); party labels after a name ("(D-Wis.)") are not speakers; titles and appositions ("the U.S. envoy for Afghanistan") become the
//!   description; groups and institutions ("officials", "the ministry", "the Taliban")
//!   are speakers by their words.
//! - **Traps**: short quoted phrases inside a sentence (scare quotes), quotes after
//!   "book", "song", "titled", "so-called"…, and Title Case fragments are not quotes;
//!   a quote is never given a speaker the text does not name.
//!
//! Quote spans cover the quoted content without its marks (and without a trailing comma);
//! for reported speech, the reported clause.

pub mod lexicon;
pub mod marks;

use crate::people::lexicon::{not_name, ROLE_NOUNS, TITLES};
use crate::people::tokens::{cached, is_cap, norm_ref, possessive_len, tokenize, Tok};
use crate::people::{capish, lex, name_key};
use crate::stage::{Stage, StageError};
use lexicon::lexicon;
use marks::Marked;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sitrep_model::{Doc, EntityKind, Layer, Quote, QuoteKind, Speaker, TextIndex};
use std::sync::OnceLock;

/// The `quotes` stage.
#[derive(Debug, Default, Clone)]
pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn version(&self) -> &'static str {
        // 2: the PolNeAR rules of issue #14 (shared subjects, colon lines, questions after
        // "asked", objects of "called for", cueless quotes inside reported speech).
        // 3: dash signatures, party labels, long appositions, pronoun speakers kept as
        // written, he/she agreement from the document.
        "3"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Entities]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        let idx = TextIndex::new(&doc.text);
        let sents: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .flatten()
            .map(|s| (idx.byte(s.start), idx.byte(s.end)))
            .collect();
        let ents: Vec<Ent> = doc
            .entities
            .iter()
            .flatten()
            .map(|e| Ent {
                start: idx.byte(e.start),
                end: idx.byte(e.end),
                kind: e.kind,
                canonical: e.canonical.clone().unwrap_or_else(|| e.text.clone()),
            })
            .collect();
        let found = extract(&doc.text, &sents, &ents);
        let mut out: Vec<Quote> = found
            .into_iter()
            .map(|f| Quote {
                start: idx.char(f.start),
                end: idx.char(f.end),
                text: doc.text.get(f.start..f.end).unwrap_or("").to_string(),
                kind: f.kind,
                cue: f.cue,
                speaker: f.speaker.map(|s| Speaker {
                    name: s.name,
                    start: idx.char(s.start),
                    end: idx.char(s.end),
                    description: s.description,
                }),
            })
            .collect();
        out.sort_by_key(|q| (q.start, q.end));
        doc.quotes = Some(out);
        Ok(())
    }
}

/// An entity of the `entities` layer, in bytes.
#[derive(Debug, Clone)]
pub struct Ent {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Kind.
    pub kind: EntityKind,
    /// Canonical name (or the text).
    pub canonical: String,
}

/// A resolved speaker, in bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundSpeaker {
    /// Resolved name.
    pub name: String,
    /// Mention start (byte).
    pub start: usize,
    /// Mention end (byte).
    pub end: usize,
    /// Role or title.
    pub description: Option<String>,
}

/// A quote found in the text, in bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Content start (byte).
    pub start: usize,
    /// Content end (byte).
    pub end: usize,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// The cue words.
    pub cue: Option<String>,
    /// The speaker.
    pub speaker: Option<FoundSpeaker>,
}

/// A speaker phrase: token range `[first, last]` and an optional apposition (bytes).
#[derive(Debug, Clone, Copy)]
struct Np {
    first: usize,
    last: usize,
    appos: Option<(usize, usize)>,
}

#[derive(Debug, Clone)]
struct Cand {
    start: usize,
    end: usize,
    kind: QuoteKind,
    cue: Option<usize>,
    cue_text: Option<&'static str>,
    np: Option<Np>,
    /// The end of the quote and its attribution (bytes), for continuation.
    attr_end: usize,
    /// Opening mark (direct) or content start.
    open: usize,
}

struct Sets {
    verbs: HashSet<&'static str>,
    direct_only: HashSet<&'static str>,
    group: HashSet<&'static str>,
    modifiers: HashSet<&'static str>,
    pronouns: HashSet<&'static str>,
    roles: HashSet<&'static str>,
    aux: HashSet<&'static str>,
    time: HashSet<&'static str>,
    title_cues: HashSet<&'static str>,
    colon_labels: HashSet<&'static str>,
    not_name: HashSet<&'static str>,
}

fn sets() -> &'static Sets {
    static S: OnceLock<Sets> = OnceLock::new();
    S.get_or_init(|| {
        let set = |v: &[&'static str]| v.iter().copied().collect::<HashSet<_>>();
        let lx = lexicon();
        Sets {
            verbs: set(lx.list("speech_verbs")),
            direct_only: set(lx.list("direct_only")),
            group: set(lx.list("group_nouns")),
            modifiers: set(lx.list("modifiers")),
            pronouns: set(lx.list("pronouns")),
            roles: set(ROLE_NOUNS),
            aux: set(lx.list("aux")),
            time: {
                use sitrep_model::calendar::{MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES};
                let mut t = set(lx.list("time_words"));
                t.extend(
                    WEEKDAY_NAMES
                        .iter()
                        .chain(&MONTH_NAMES)
                        .chain(&MONTH_ABBREVIATIONS),
                );
                t
            },
            title_cues: set(lx.list("title_cues")),
            colon_labels: set(lx.list("colon_labels")),
            not_name: set(not_name()),
        }
    })
}

const PARTICLES_LOWER: &[&str] = &["al", "bin", "ibn", "van", "von", "de", "el"];
const SUBORDINATORS: &[&str] = &[
    "before", "after", "when", "while", "because", "as", "since", "until", "if", "during",
    "although", "though", "whether", "without", "despite", "amid",
];
/// Function words that never sit inside "a … commander".
const FUNCTION: &[&str] = &[
    "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "that", "which",
    "who", "was", "were", "is", "are", "had", "has", "have", "be", "been", "not", "after",
    "before", "when", "while", "as", "than", "into", "over", "under", "about",
];
/// Words before a speech verb that make it passive or non-finite ("were reported").
const PASSIVE_AUX: &[&str] = &[
    "was", "were", "been", "be", "is", "are", "being", "to", "not", "never", "who", "which",
];
/// Words before a verb-or-noun ("reports", "claims") that make it a noun.
const PASSIVE: &[&str] = &[
    "was",
    "were",
    "been",
    "be",
    "is",
    "are",
    "being",
    "to",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "these",
    "those",
    "such",
    "not",
    "never",
    "no",
    "media",
    "unconfirmed",
    "initial",
    "news",
    "who",
    "which",
    "that",
];
const ADJUNCT_HEADS: &[&str] = &[
    "statement",
    "interview",
    "tweet",
    "twitter",
    "conference",
    "briefing",
    "address",
    "speech",
    "post",
    "message",
    "video",
    "letter",
    "call",
    "telephone",
    "phone",
    "broadcast",
    "remarks",
    "facebook",
    "telegram",
    "website",
    "television",
    "radio",
    "session",
    "meeting",
    "communique",
    "release",
    "report",
];
const ADJUNCT_PREPS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "via",
    "through",
    "by",
    "over",
    "late",
    "early",
    "earlier",
    "last",
    "this",
    "later",
    "also",
    "again",
    "separately",
    "previously",
];

/// Per-document working state.
struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    lows: Vec<std::borrow::Cow<'a, str>>,
    marks: Vec<Marked>,
    ents: &'a [Ent],
}

impl<'a> Ctx<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }
    fn low(&self, i: usize) -> &str {
        self.lows.get(i).map_or("", |l| l.as_ref())
    }
    /// Index of the first token starting at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.start < b)
    }
    /// Text between token `i` and token `i + 1`.
    fn gap(&self, i: usize) -> &'a str {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    }
    fn plain_gap(&self, i: usize) -> bool {
        let g = self.gap(i);
        !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\t')
    }
    /// The source after "according to" when it is not a name or a group: "a CNN/WMUR
    /// poll", "state law", "a document provided by his lawyer" — the words up to the
    /// next comma or the end of the sentence (at most twelve).
    fn source_phrase(&self, start: usize, limit: usize) -> Option<Np> {
        if start >= limit || start >= self.toks.len() {
            return None;
        }
        let mut last = start;
        while last + 1 < limit && self.plain_gap(last) && last - start < 12 {
            last += 1;
        }
        if last + 1 < limit && self.plain_gap(last) {
            return None;
        }
        Some(Np {
            first: start,
            last,
            appos: None,
        })
    }

    /// True when token `i` is an abbreviated title followed by ". " ("Mr. ", "Sen. ").
    fn title_dot(&self, i: usize) -> bool {
        self.gap(i) == ". "
            && is_cap(self.word(i))
            && self.word(i).len() <= 5
            && TITLES.contains(&self.low(i))
    }
    fn in_mark(&self, b: usize) -> bool {
        // Marks are sorted and never overlap.
        let i = self.marks.partition_point(|m| m.close_end <= b);
        self.marks.get(i).is_some_and(|m| m.open <= b)
    }
    fn is_verb(&self, i: usize) -> bool {
        sets().verbs.contains(self.low(i)) && !is_cap(self.word(i))
    }
    /// May this token be part of a speaker phrase?
    fn np_ok(&self, i: usize) -> bool {
        let w = self.word(i);
        let l = self.low(i);
        let s = sets();
        (is_cap(w) && !s.verbs.contains(l) && (!s.not_name.contains(l) || lex().given.contains(l)))
            || is_cap(w) && matches!(l, "the" | "a" | "an" | "u.s." | "us")
            || w.starts_with("al-")
            || s.modifiers.contains(l)
            || s.group.contains(l)
            || s.roles.contains(l)
    }
    /// True when the token can head a speaker phrase.
    fn np_head(&self, i: usize) -> bool {
        let w = self.word(i);
        let l = self.low(i);
        let s = sets();
        (capish(w) && !s.not_name.contains(l)) || s.group.contains(l) || s.roles.contains(l)
    }

    /// Speaker phrase ending at token `end - 1`, scanning back no further than `floor`.
    fn np_back(&self, end: usize, floor: usize) -> Option<Np> {
        if end == 0 || end <= floor {
            return None;
        }
        let last = end - 1;
        if sets().pronouns.contains(self.low(last)) {
            return Some(Np {
                first: last,
                last,
                appos: None,
            });
        }
        // "Cruz, who says …": the relative pronoun stands for the phrase before its comma.
        if matches!(self.low(last), "who") && last > floor + 1 && self.gap(last - 1) == ", " {
            let ant = self.np_back(last - 1, floor)?;
            return Some(Np { last, ..ant });
        }
        let mut first = last;
        if !self.np_head(last) {
            // "envoy for Afghan peace": a role noun, then for/of, then any words.
            let k = (last.saturating_sub(4).max(floor)..last).rev().find(|&k| {
                matches!(self.low(k), "for" | "of" | "on")
                    && k > floor
                    && (sets().roles.contains(self.low(k - 1))
                        || sets().group.contains(self.low(k - 1)))
            });
            let Some(k) = k.filter(|&k| (k..last).all(|j| self.plain_gap(j))) else {
                return self.det_phrase_back(last, floor);
            };
            first = k;
        }
        while first > floor && (self.plain_gap(first - 1) || self.title_dot(first - 1)) {
            if last - first >= 12 {
                break;
            }
            if self.title_dot(first - 1) {
                // "Mr. Autor", "Sen. Schumer": the abbreviated title is part of the name.
                first -= 1;
                continue;
            }
            if self.np_ok(first - 1) {
                first -= 1;
                if matches!(self.low(first), "the" | "a" | "an")
                    && !(first > floor
                        && matches!(self.low(first - 1), "of" | "for" | "from" | "in" | "at"))
                {
                    // A determiner opens the phrase: "(Aleppo city) a military source".
                    break;
                }
            } else if first == last
                && (sets().roles.contains(self.low(last)) || sets().group.contains(self.low(last)))
                && {
                    let w = self.word(first - 1);
                    w.chars().all(char::is_alphabetic)
                        && !is_cap(w)
                        && !FUNCTION.contains(&self.low(first - 1))
                        && !self.is_verb(first - 1)
                        && !sets().pronouns.contains(self.low(first - 1))
                }
            {
                // A compound noun before the head: "country director", "field commander".
                first -= 1;
            } else if first >= floor + 2
                && matches!(self.low(first - 1), "in" | "from" | "at")
                && self.plain_gap(first - 2)
                && (sets().group.contains(self.low(first - 2))
                    || sets().roles.contains(self.low(first - 2)))
            {
                first -= 2;
            } else {
                break;
            }
        }
        // "a field commander": a determiner, up to two plain words, the head.
        if (first == last || first > floor) && !matches!(self.low(first), "the" | "a" | "an") {
            for back in 1..=3usize {
                let Some(d) = first.checked_sub(back) else {
                    break;
                };
                if d < floor || !self.plain_gap(d) {
                    break;
                }
                let ld = self.low(d);
                if matches!(ld, "a" | "an" | "the") {
                    let words_ok = (d + 1..first).all(|k| {
                        let w = self.word(k);
                        w.chars().all(char::is_alphabetic)
                            && !is_cap(w)
                            && !self.is_verb(k)
                            && !FUNCTION.contains(&self.low(k))
                    });
                    if words_ok {
                        first = d;
                    }
                    break;
                }
            }
        }
        // No leading connectors or capitalised function words ("But officials").
        while first < last
            && (matches!(self.low(first), "of" | "for")
                || (is_cap(self.word(first))
                    && sets().not_name.contains(self.low(first))
                    && !sets().modifiers.contains(self.low(first))))
        {
            first += 1;
        }
        Some(Np {
            first,
            last,
            appos: None,
        })
    }

    /// A determiner and up to three describing words ending in a common noun at `last`:
    /// "the narrator", "one former campaign staffer", "the Lincoln actor". A plain noun
    /// phrase in subject position is a speaker whatever its head noun; the head must be
    /// lower-case and not a verb, pronoun or function word.
    fn det_phrase_back(&self, last: usize, floor: usize) -> Option<Np> {
        let word_ok = |k: usize| {
            let w = self.word(k);
            w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !self.is_verb(k)
                && !FUNCTION.contains(&self.low(k))
                && !SUBORDINATORS.contains(&self.low(k))
                && !sets().pronouns.contains(self.low(k))
        };
        let head = self.word(last);
        if is_cap(head) || !word_ok(last) || head.len() < 3 || head.ends_with("ly") {
            return None;
        }
        for back in 1..=4usize {
            let d = last.checked_sub(back)?;
            if d < floor || !self.plain_gap(d) {
                return None;
            }
            if matches!(self.low(d), "the" | "a" | "an" | "one" | "another") {
                return Some(Np {
                    first: d,
                    last,
                    appos: None,
                });
            }
            if !word_ok(d) {
                return None;
            }
        }
        None
    }

    /// A speaker phrase after a speech verb that [`Ctx::np_fwd`] does not take: a
    /// determiner or describing words, then any words up to punctuation, "who", a
    /// preposition or the limit ("said pollster Frank Luntz.", "said the printed slate
    /// card.", "wrote a supporter who runs …", "said master of ceremonies Asab Al-Tabchi,
    /// …", "said one Democrat familiar with …"). At most eight words, none a verb or a
    /// function word other than "of".
    fn phrase_fwd(&self, start: usize, limit: usize) -> Option<Np> {
        let word_ok = |k: usize| {
            let w = self.word(k);
            w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’'))
                && (k > start || !w.starts_with(|c: char| c.is_ascii_digit()))
                && !self.is_verb(k)
                && (self.low(k) == "of" || !FUNCTION.contains(&self.low(k)))
                && !SUBORDINATORS.contains(&self.low(k))
                && !sets().pronouns.contains(self.low(k))
        };
        if start >= limit || start >= self.toks.len() || !word_ok(start) {
            return None;
        }
        let mut last = start;
        loop {
            if last + 1 >= limit || !self.plain_gap(last) {
                break;
            }
            if matches!(self.low(last + 1), "who" | "which" | "that") {
                break;
            }
            // "one Democrat familiar with the campaign, who …": the phrase ends before a
            // preposition that opens its complement.
            if matches!(self.low(last + 1), "with" | "from" | "in" | "at" | "for") && last > start {
                break;
            }
            if !word_ok(last + 1) || last - start >= 7 {
                return None;
            }
            last += 1;
        }
        if self.low(last) == "of" {
            return None;
        }
        Some(Np {
            first: start,
            last,
            appos: None,
        })
    }

    /// Speaker phrase starting at token `start`, no further than `limit` (exclusive).
    fn np_fwd(&self, start: usize, limit: usize) -> Option<Np> {
        if start >= limit || start >= self.toks.len() {
            return None;
        }
        if sets().pronouns.contains(self.low(start)) {
            return Some(Np {
                first: start,
                last: start,
                appos: None,
            });
        }
        if !self.np_ok(start) {
            return None;
        }
        let mut last = start;
        while last + 1 < limit
            && (self.plain_gap(last) || self.title_dot(last))
            && last - start < 14
        {
            if self.title_dot(last) && is_cap(self.word(last + 1)) {
                last += 1;
                continue;
            }
            if !self.plain_gap(last) {
                break;
            }
            if self.np_ok(last + 1) {
                last += 1;
            } else if last + 2 < limit
                && matches!(self.low(last + 1), "in" | "from" | "at")
                && self.plain_gap(last + 1)
                && (sets().group.contains(self.low(last)) || sets().roles.contains(self.low(last)))
                && (capish(self.word(last + 2)) || self.low(last + 2) == "the")
            {
                last += 2;
            } else {
                break;
            }
        }
        while last > start && !self.np_head(last) {
            last -= 1;
        }
        if !self.np_head(last) {
            return None;
        }
        // "mayor of flattened town": a role noun, of/for, then words up to punctuation.
        if sets().roles.contains(self.low(last))
            && matches!(self.low(last + 1), "of" | "for")
            && self.plain_gap(last)
        {
            let mut e = last + 1;
            while e + 1 < limit && e - last < 5 && self.plain_gap(e) && !self.is_verb(e + 1) {
                e += 1;
            }
            let ends = e + 1 >= limit || !self.plain_gap(e);
            if ends && e > last + 1 {
                last = e;
            }
        }
        Some(Np {
            first: start,
            last,
            appos: None,
        })
    }

    /// Skips auxiliaries, adverbs and time phrases just before token `end` (exclusive).
    fn strip_aux_back(&self, mut end: usize, floor: usize) -> usize {
        let s = sets();
        loop {
            if end <= floor + 1 {
                return end;
            }
            let k = end - 1;
            if !self.plain_gap(k) {
                return end;
            }
            let l = self.low(k);
            if s.aux.contains(l) {
                end -= 1;
                continue;
            }
            if l.chars().all(|c| c.is_ascii_digit())
                && k >= floor + 2
                && s.time.contains(self.low(k - 1))
                && matches!(self.low(k - 2), "on" | "since")
            {
                end -= 3;
                continue;
            }
            if s.time.contains(l)
                && k > floor
                && matches!(
                    self.low(k - 1),
                    "on" | "last" | "this" | "late" | "early" | "that" | "since"
                )
            {
                end -= 2;
                continue;
            }
            return end;
        }
    }

    /// The subject of the speech verb at token `v`, with an apposition when the subject is
    /// "Name, the …, said".
    fn subject_before(&self, v: usize, floor: usize) -> Option<Np> {
        let end = self.strip_aux_back(v, floor);
        if end <= floor {
            return None;
        }
        // "Rep. Gwen Moore (D-Wis.) said", "Sen. Rand Paul, R-Ky., said": a party and
        // state label after a name belongs to it and is never the speaker itself.
        if end > floor + 1 && self.affiliation(end - 1) {
            let np = self.np_back(end - 1, floor)?;
            return (np.last + 2 == end).then_some(np);
        }
        let g = self.gap(end - 1);
        if g.contains(',') {
            // "Name, a veteran diplomat, said": find the comma opening the apposition.
            let mut c = end - 1;
            while c > floor {
                if self.gap(c - 1).contains(',') {
                    break;
                }
                c -= 1;
                // Appositions run long in political news: "Michael McFaul, a senior
                // fellow at the Hoover Institution and a former ambassador to Russia,".
                if end - c > 24 {
                    return None;
                }
            }
            if c <= floor || !self.gap(c - 1).contains(',') {
                return None;
            }
            let head = self.np_back(c, floor)?;
            // "The mediator, Abdullahi Warsame, said": the name in the apposition speaks,
            // the role before it describes.
            let name_like = (c..end)
                .all(|k| capish(self.word(k)) || PARTICLES_LOWER.contains(&self.low(k)))
                && (c..end.saturating_sub(1)).all(|k| self.plain_gap(k) || self.gap(k) == ". ");
            if name_like && end - c <= 5 {
                let (hs, _) = self.np_span(&head);
                return Some(Np {
                    first: c,
                    last: end - 1,
                    appos: Some((hs, self.toks[head.last].end)),
                });
            }
            let lw = self.low(c);
            let appos_ok = matches!(lw, "the" | "a" | "an" | "his" | "her" | "its" | "their")
                || !is_cap(self.word(c))
                || (c..end).any(|k| {
                    sets().roles.contains(self.low(k)) || sets().group.contains(self.low(k))
                });
            if !appos_ok {
                return None;
            }
            return Some(Np {
                appos: Some((self.toks[c].start, self.toks[end - 1].end)),
                ..head
            });
        }
        let np = self.np_back(end, floor)?;
        if np.last + 1 != end {
            return None;
        }
        Some(np)
    }

    /// True when token `i` is a party-and-state label set off after a name: "(D-Wis.)",
    /// ", R-Ky.,", "(I-Vt.)", "(D)" (US political news style).
    fn affiliation(&self, i: usize) -> bool {
        let w = self.word(i);
        let label = match w.split_once('-') {
            Some((p, st)) => {
                matches!(p, "D" | "R" | "I")
                    && st.len() >= 2
                    && st.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && st.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
            }
            None => matches!(w, "D" | "R" | "I") && self.gap(i).starts_with(')'),
        };
        label && i > 0 && self.gap(i - 1).trim_end().ends_with(['(', ','])
    }

    /// Adds the apposition after a speaker phrase: "said Karim Haddad, a local official."
    fn with_appos_after(&self, np: Np, lim: usize) -> Np {
        let a = np.last + 1;
        if a >= lim || !self.gap(np.last).starts_with(", ") || self.gap(np.last).len() > 2 {
            return np;
        }
        let l = self.low(a);
        let opens = matches!(l, "the" | "a" | "an" | "his" | "her" | "its" | "their")
            || (!is_cap(self.word(a)) && !sets().verbs.contains(l))
            || sets().roles.contains(l);
        if !opens || !is_cap(self.word(np.last)) {
            return np;
        }
        let mut e = a;
        while e + 1 < lim
            && e - a < 12
            && !self.gap(e).contains([',', '.', ';', ':', '“', '"', '”'])
        {
            e += 1;
        }
        if !(a..=e)
            .any(|k| sets().roles.contains(self.low(k)) || sets().group.contains(self.low(k)))
        {
            return np;
        }
        Np {
            appos: Some((self.toks[a].start, self.toks[e].end)),
            ..np
        }
    }

    /// Byte range of the phrase.
    fn np_span(&self, np: &Np) -> (usize, usize) {
        let last = &self.toks[np.last];
        (
            self.toks[np.first].start,
            last.end - possessive_len(last.text(self.text)),
        )
    }
}

fn verbish(s: &Sets, l: &str) -> bool {
    s.verbs.contains(l) || s.direct_only.contains(l)
}

impl Ctx<'_> {
    /// A speech verb (any kind) at token `i`, written lower-case.
    fn cue_verb(&self, i: usize) -> bool {
        verbish(sets(), self.low(i)) && !is_cap(self.word(i))
    }
}

/// Finds quotes in `text` given sentence and entity byte ranges.
pub fn extract(text: &str, sents: &[(usize, usize)], ents: &[Ent]) -> Vec<Found> {
    let toks = tokenize(text);
    let lows: Vec<_> = toks.iter().map(|t| norm_ref(t.text(text))).collect();
    let ctx = Ctx {
        text,
        toks,
        lows,
        marks: marks::find(text),
        ents,
    };
    let mut used_verbs: HashSet<usize> = HashSet::default();
    let mut cands: Vec<Cand> = Vec::new();
    direct(&ctx, sents, &mut cands, &mut used_verbs);
    indirect(&ctx, sents, &mut cands, &used_verbs);
    colon_lines(&ctx, &mut cands);
    mixed(&ctx, &mut cands);
    embedded(&ctx, sents, &mut cands);
    resolve(&ctx, sents, cands)
}

/// A line opening with a short speaker phrase and a colon, then words without quotation
/// marks: headline attributions ("Lynch: No outside influence on FBI probe"), transcripts
/// ("CLINTON: Honestly, I …") and interviews ("Q: …", "A: …"). The rest of the line is
/// what the speaker said. Labels ("Note:", "Update:", `[colon_labels]` in the lexicon),
/// clock times and quoted content (a direct quote, found elsewhere) are left out.
fn colon_lines(ctx: &Ctx, cands: &mut Vec<Cand>) {
    let text = ctx.text;
    let mut line_start = 0;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let ls = line_start;
        line_start = line_end + 1;
        let line = &text[ls..line_end];
        let Some(colon) = line.find(':').filter(|&c| c > 0 && c <= 60) else {
            continue;
        };
        let head = line[..colon].trim();
        let rest = line[colon + 1..].trim_start();
        if head.is_empty()
            || !head.starts_with(|c: char| c.is_uppercase())
            || head.ends_with(|c: char| c.is_ascii_digit())
            || head.split_whitespace().count() > 5
            || rest.starts_with(['“', '"', '‘', '\'', '`'])
            || rest.split_whitespace().count() < 3
        {
            continue;
        }
        let low_head = head.to_lowercase();
        if low_head
            .split_whitespace()
            .any(|w| sets().colon_labels.contains(w) || sets().time.contains(w))
        {
            continue;
        }
        let colon_b = ls + colon;
        let (first, end) = (ctx.tok_at(ls), ctx.tok_at(colon_b));
        if end <= first {
            continue;
        }
        let np = if end == first + 1 && matches!(head, "Q" | "A") {
            Np {
                first,
                last: first,
                appos: None,
            }
        } else {
            match ctx.np_back(end, first) {
                Some(np) if np.first == first && np.last + 1 == end => np,
                _ => continue,
            }
        };
        let (a, b) = trim_span(text, colon_b + 1, line_end);
        if b <= a {
            continue;
        }
        cands.push(Cand {
            start: a,
            end: b,
            kind: QuoteKind::Indirect,
            cue: None,
            cue_text: Some(":"),
            np: Some(np),
            attr_end: b,
            open: a,
        });
    }
}

/// Mixed quotes: a quoted fragment inside reported speech ('the president said he "wants
/// to focus on his golf game" rather than …') is a direct quote of that speech's speaker,
/// whatever its length (the reported clause vouches for it; a scare quote with no
/// source has no clause around it and stays out).
fn mixed(ctx: &Ctx, cands: &mut Vec<Cand>) {
    let mut extra = Vec::new();
    let mut adopt = Vec::new();
    for m in &ctx.marks {
        let own = cands
            .iter()
            .position(|c| c.kind == QuoteKind::Direct && c.open == m.open);
        if own.is_some_and(|i| cands[i].np.is_some()) {
            continue;
        }
        let Some(host) = cands.iter().find(|c| {
            c.kind == QuoteKind::Indirect && c.np.is_some() && c.start <= m.open && m.start < c.end
        }) else {
            continue;
        };
        if let Some(i) = own {
            // A quote found without a cue takes the reported clause's speaker.
            adopt.push((i, host.cue, host.cue_text, host.np));
            continue;
        }
        let content = ctx.text.get(m.start..m.end).unwrap_or("");
        let (a, b) = trim_span(ctx.text, m.start, m.start + content.len());
        if b <= a {
            continue;
        }
        extra.push(Cand {
            start: a,
            end: b,
            kind: QuoteKind::Direct,
            cue: host.cue,
            cue_text: host.cue_text,
            np: host.np,
            attr_end: m.close_end,
            open: m.open,
        });
    }
    for (i, cue, cue_text, np) in adopt {
        let c = &mut cands[i];
        (c.cue, c.cue_text, c.np) = (cue, cue_text, np);
    }
    cands.extend(extra);
}

fn sentence_of(sents: &[(usize, usize)], b: usize) -> Option<(usize, usize)> {
    let i = sents.partition_point(|s| s.1 <= b);
    sents.get(i).copied().filter(|s| s.0 <= b)
}

fn line_bounds(text: &str, b: usize) -> (usize, usize) {
    let start = text
        .get(..b)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(b..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| b + i);
    (start, end)
}

fn direct(ctx: &Ctx, sents: &[(usize, usize)], cands: &mut Vec<Cand>, used: &mut HashSet<usize>) {
    let s = sets();
    let text = ctx.text;
    for (mi, m) in ctx.marks.iter().enumerate() {
        let content = text.get(m.start..m.end).unwrap_or("");
        let trimmed = content.trim_end().trim_end_matches(',').trim_end();
        let cstart = m.start + (content.len() - content.trim_start().len());
        let cend = m.start + trimmed.len();
        if cend <= cstart {
            continue;
        }
        let (ca, cb) = (ctx.tok_at(cstart), ctx.tok_at(cend));
        let nwords = cb.saturating_sub(ca);
        // A title or a name in quotation marks: "the song “…”", "so-called “…”".
        let before_tok = ctx.tok_at(m.open);
        let title_cued = (1..=2).any(|k| {
            before_tok >= k
                && s.title_cues.contains(ctx.low(before_tok - k))
                && !text
                    .get(ctx.toks[before_tok - k].end..m.open)
                    .unwrap_or("")
                    .contains(['.', '\n'])
        });
        if title_cued {
            continue;
        }
        let next_open = ctx.marks.get(mi + 1).map_or(text.len(), |n| n.open);
        let (line_start, line_end) = line_bounds(text, m.close_end.saturating_sub(1));
        let mut sent_end =
            sentence_of(sents, m.close_end.saturating_sub(1)).map_or(line_end, |x| x.1);
        // A sentence ending with the quote's "?” / !”" goes on to its cue ("…?” Biden said.").
        let after = text.get(m.close_end..).unwrap_or("");
        let next_word = m.close_end + (after.len() - after.trim_start_matches([' ', '\t']).len());
        if sent_end <= next_word && next_word < line_end {
            if let Some(n) = sentence_of(sents, next_word).filter(|n| {
                // Only a short attribution sentence, not a new statement.
                text.get(n.0..n.1)
                    .is_some_and(|t| t.split_whitespace().count() <= 6 && !t.contains(['“', '"']))
            }) {
                sent_end = n.1;
            }
        }
        let post_end = line_end
            .min(next_open)
            .max(m.close_end)
            .min(sent_end.max(m.close_end));
        let ends_utterance = trimmed.ends_with(['.', '!', '?', '…'])
            || content.trim_end().ends_with(',')
            || text.get(m.close_end..).is_some_and(|t| t.starts_with(','))
            || content.trim_end().ends_with(['—', '–']);
        let mut found: Option<(usize, Np, usize)> = post_attribution(ctx, m, post_end);
        let mut colon = false;
        if found.is_none() {
            let (open_line_start, _) = line_bounds(text, m.open);
            let mut floor_b = open_line_start;
            if let Some(p) = ctx.marks.get(mi.wrapping_sub(1)).filter(|_| mi > 0) {
                floor_b = floor_b.max(p.close_end);
            }
            if let Some(sn) = sentence_of(sents, m.open) {
                // Quote begins its sentence: a cue ending the previous line ("X told PBS:")
                // still counts.
                floor_b = floor_b.max(sn.0.min(m.open));
            }
            let before = text.get(floor_b..m.open).unwrap_or("");
            if before.trim().is_empty() && open_line_start > 0 {
                // "Khalilzad told reporters:\n\n“…”"
                let prev = text.get(..open_line_start).unwrap_or("").trim_end();
                if prev.ends_with(':') {
                    let (pls, _) = line_bounds(text, prev.len().saturating_sub(1));
                    found = pre_attribution(ctx, pls, prev.len());
                    colon = found.is_some();
                }
            } else {
                found = pre_attribution(ctx, floor_b, m.open);
                colon = found.is_some();
            }
        }
        if found.is_none() {
            found = lead_in_sentence(ctx, sents, m.open).filter(|(v, _, _)| !used.contains(v));
        }
        let _ = line_start;
        let short = nwords < 4;
        let title_case = nwords <= 8
            && !trimmed.ends_with(['.', '!', '?'])
            && (ca..cb).all(|k| {
                is_cap(ctx.word(k))
                    || matches!(
                        ctx.low(k),
                        "of" | "the" | "and" | "a" | "in" | "to" | "for" | "on"
                    )
            });
        match found {
            Some((v, np, attr_end)) => {
                if (short && !(ends_utterance || colon))
                    || (title_case && !trimmed.ends_with(['.', '!', '?']))
                {
                    continue;
                }
                used.insert(v);
                // A signature ("“…” ― Name") has a dash for its cue.
                let signed = v == np.first
                    && !colon
                    && text
                        .get(m.close_end..ctx.toks[v].start)
                        .is_some_and(|g| g.trim().starts_with(SIGNATURE_DASHES));
                cands.push(Cand {
                    start: cstart,
                    end: cend,
                    kind: QuoteKind::Direct,
                    cue: (!signed).then_some(v),
                    cue_text: signed.then_some("—"),
                    np: Some(np),
                    attr_end,
                    open: m.open,
                });
            }
            None => {
                if title_case {
                    continue;
                }
                // Embedded mid-sentence without a cue: a quoted phrase, unless long.
                let sent_start = sentence_of(sents, m.open).map_or(m.open, |x| x.0);
                let starts_sentence = text
                    .get(sent_start..m.open)
                    .is_some_and(|t| t.trim().is_empty());
                if !starts_sentence && nwords < 8 {
                    continue;
                }
                // A short quote stands alone only as a whole sentence ("“Trucks can pass.”").
                if short && !trimmed.ends_with(['.', '!', '?']) {
                    continue;
                }
                cands.push(Cand {
                    start: cstart,
                    end: cend,
                    kind: QuoteKind::Direct,
                    cue: None,
                    cue_text: None,
                    np: None,
                    attr_end: m.close_end,
                    open: m.open,
                });
            }
        }
    }
}

/// A quote opening its sentence right after a short sentence that is only a speaker and
/// a verb ("Iowa State's Dianne Bystrom agreed. “…”", "The mayor disagreed. “…”"): that
/// sentence introduces it.
fn lead_in_sentence(
    ctx: &Ctx,
    sents: &[(usize, usize)],
    open: usize,
) -> Option<(usize, Np, usize)> {
    let sn = sentence_of(sents, open)?;
    if !ctx.text.get(sn.0..open)?.trim().is_empty() || sn.0 == 0 {
        return None;
    }
    let ps = *sents.iter().rev().find(|s| s.1 <= sn.0)?;
    let prev = ctx.text.get(ps.0..ps.1)?.trim_end();
    if !prev.ends_with('.') || prev.contains(['“', '”', '"']) || prev.contains("''") {
        return None;
    }
    let floor = ctx.tok_at(ps.0);
    let end = ctx.tok_at(ps.0 + prev.len());
    if end <= floor + 1 || end - floor > 12 {
        return None;
    }
    let v = end - 1;
    let w = ctx.word(v);
    let verb = ctx.cue_verb(v)
        || (w.len() > 4 && w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase()));
    if !verb {
        return None;
    }
    let np = ctx.subject_before(v, floor)?;
    let first_b = np.appos.map_or(ctx.toks[np.first].start, |(a, _)| {
        a.min(ctx.toks[np.first].start)
    });
    (ctx.tok_at(first_b) == floor).then_some((v, np, open))
}

/// `,” Khalilzad said`, `,” said the ministry`, `" WHO said`, `,” according to X`.
fn post_attribution(ctx: &Ctx, m: &Marked, post_end: usize) -> Option<(usize, Np, usize)> {
    let s = sets();
    let p0 = ctx.tok_at(m.close_end);
    let lim = ctx.tok_at(post_end);
    if p0 >= lim {
        return None;
    }
    let lead = ctx.text.get(m.close_end..ctx.toks[p0].start).unwrap_or("");
    if let Some(np) = dash_signature(ctx, m, p0, lead) {
        return Some((p0, np, ctx.toks[np.last].end));
    }
    if !lead
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | '—' | '–' | '-'))
        || lead.contains('\n')
    {
        return None;
    }
    let end_of = |np: &Np, v: usize| ctx.toks[np.last.max(v)].end;
    // Verb first: "said Khalilzad".
    if ctx.cue_verb(p0) {
        if let Some(np) = ctx
            .np_fwd(p0 + 1, lim)
            .or_else(|| ctx.phrase_fwd(p0 + 1, lim))
        {
            if ctx.plain_gap(p0) {
                let np = ctx.with_appos_after(np, lim);
                return Some((p0, np, end_of(&np, p0)));
            }
        }
    }
    if ctx.low(p0) == "according" && ctx.low(p0 + 1) == "to" {
        let np = ctx
            .np_fwd(p0 + 2, lim)
            .or_else(|| ctx.source_phrase(p0 + 2, lim))?;
        return Some((p0, np, end_of(&np, p0 + 1)));
    }
    // Subject first: "Khalilzad, a veteran diplomat, said".
    // Room for a name and a long apposition (see `subject_before`).
    let stop = lim.min(p0 + 30);
    let v = (p0 + 1..stop).find(|&k| {
        ctx.cue_verb(k)
            && !ctx.in_mark(ctx.toks[k].start)
            && !(PASSIVE.contains(&ctx.low(k - 1))
                && ctx.low(k).ends_with(['s', 't'])
                && !matches!(ctx.low(k), "said" | "told" | "added"))
    })?;
    let np = ctx.subject_before(v, p0)?;
    let starts_at =
        |t: usize| np.first == t || np.appos.is_some_and(|(a, _)| a == ctx.toks[t].start);
    let lead_word = is_cap(ctx.word(p0)) && s.not_name.contains(ctx.low(p0));
    if starts_at(p0) || starts_at(p0 + 1) && lead_word {
        return Some((v, np, ctx.toks[v].end));
    }
    // "Republican strategist Fred Davis said": a few plain describing words before the name
    // belong to the speaker phrase.
    let premodified = np.appos.is_none()
        && np.first > p0
        && np.first - p0 <= 4
        && (p0..np.first).all(|k| {
            let w = ctx.word(k);
            ctx.plain_gap(k)
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
                && !ctx.is_verb(k)
                && !FUNCTION.contains(&ctx.low(k))
        });
    premodified.then(|| (v, Np { first: p0, ..np }, ctx.toks[v].end))
}

/// The dashes that set off a signature after a quote.
const SIGNATURE_DASHES: &[char] = &['―', '—', '–', '-'];

/// `“…” ― Adriana Rodarte` at the end of a line: a dash and a name closing the line sign
/// the quote (epigraphs, reader comments, vox pops). The name is one to five capitalised
/// words (initials and name particles allowed) with nothing but a full stop after it.
fn dash_signature(ctx: &Ctx, m: &Marked, p0: usize, lead: &str) -> Option<Np> {
    let dash = lead.trim();
    if dash.chars().count() != 1 || !dash.starts_with(SIGNATURE_DASHES) || lead.contains('\n') {
        return None;
    }
    let (_, line_end) = line_bounds(ctx.text, m.close_end);
    let mut last = p0;
    loop {
        let w = ctx.word(last);
        if !(capish(w) || PARTICLES_LOWER.contains(&ctx.low(last))) || last - p0 >= 5 {
            return None;
        }
        let next = ctx.toks.get(last + 1).map_or(usize::MAX, |t| t.start);
        if next >= line_end {
            break;
        }
        if !(ctx.plain_gap(last) || ctx.gap(last) == ". ") {
            return None;
        }
        last += 1;
    }
    let tail = ctx.text.get(ctx.toks[last].end..line_end).unwrap_or("");
    if !tail.trim().trim_end_matches('.').is_empty() || !is_cap(ctx.word(p0)) {
        return None;
    }
    Some(Np {
        first: p0,
        last,
        appos: None,
    })
}

/// `Khalilzad told PBS: “…”`, `The ministry said in a statement: “…”`, `Khalilzad: “…”`.
fn pre_attribution(ctx: &Ctx, floor_b: usize, open: usize) -> Option<(usize, Np, usize)> {
    let s = sets();
    let before = ctx.text.get(floor_b..open)?.trim_end();
    if before.is_empty() {
        return None;
    }
    let floor = ctx.tok_at(floor_b);
    let end = ctx.tok_at(floor_b + before.len());
    if end <= floor {
        return None;
    }
    let tail_punct = before.ends_with(':') || before.ends_with(',');
    // Last speech verb within the last few tokens.
    let v = (floor..end)
        .rev()
        .take(8)
        .find(|&k| ctx.cue_verb(k))
        .filter(|&k| !PASSIVE.contains(&ctx.low(k.wrapping_sub(1))) || k == floor);
    if let Some(v) = v {
        let rest_ok = v + 1 == end || tail_punct || ctx.low(end - 1) == "that";
        if rest_ok {
            if let Some(np) = ctx.subject_before(v, floor) {
                return Some((v, np, open));
            }
        }
        return None;
    }
    // "The opposition leader, Anna Koval, disagreed: “…”"
    if before.ends_with(':') && end > floor + 1 {
        let v = end - 1;
        let w = ctx.word(v);
        if w.chars().all(char::is_alphabetic)
            && !is_cap(w)
            && (w.ends_with("ed") || w.ends_with('s'))
            && !s.group.contains(ctx.low(v))
            && !s.roles.contains(ctx.low(v))
        {
            if let Some(np) = ctx.subject_before(v, floor) {
                let first_b = np.appos.map_or(ctx.toks[np.first].start, |(a, _)| {
                    a.min(ctx.toks[np.first].start)
                });
                if ctx.tok_at(first_b) <= floor + 2 {
                    return Some((v, np, open));
                }
            }
        }
    }
    // Headline style "Khalilzad: “…”".
    if before.ends_with(':') && end - floor <= 6 {
        let np = ctx.np_back(end, floor)?;
        if np.first == floor {
            return Some((end - 1, np, open));
        }
    }
    None
}

/// Where the content of a sentence begins: after the last quotation mark closing before
/// `b` inside the sentence.
fn content_floor(ctx: &Ctx, sent_start: usize, b: usize) -> usize {
    ctx.marks
        .iter()
        .filter(|m| m.close_end <= b && m.close_end > sent_start)
        .map(|m| m.close_end)
        .max()
        .unwrap_or(sent_start)
}

fn trim_span(text: &str, a: usize, b: usize) -> (usize, usize) {
    let Some(s) = text.get(a..b) else {
        return (a, a);
    };
    let t1 = s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–' | '“' | '"' | '‘' | '«')
    });
    let a2 = a + (s.len() - t1.len());
    let t2 = t1.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '.' | ';' | ':' | '!' | '?' | '—' | '–' | '”' | '"' | '’' | ')'
            )
    });
    (a2, a2 + t2.len())
}

fn indirect(ctx: &Ctx, sents: &[(usize, usize)], cands: &mut Vec<Cand>, used: &HashSet<usize>) {
    let text = ctx.text;
    // Quotes with a cue of their own; a long quote without one may sit inside a reported
    // clause ('X said he would "…"') and is attributed through it by `mixed`.
    let directs: Vec<(usize, usize)> = cands
        .iter()
        .filter(|c| c.np.is_some())
        .filter_map(|c| {
            ctx.marks
                .iter()
                .find(|m| m.open == c.open)
                .map(|m| (m.open, m.close_end))
        })
        .collect();
    let clashes = |a: usize, b: usize| directs.iter().any(|&(o, e)| o < b && a < e);
    for &(ss, se) in sents {
        let (ta, tb) = (ctx.tok_at(ss), ctx.tok_at(se));
        let mut covered_until = ss;
        let mut v = ta;
        while v < tb {
            let vb = ctx.toks[v].start;
            let l = ctx.low(v);
            let cur = v;
            v += 1;
            if vb < covered_until || ctx.in_mark(vb) {
                continue;
            }
            let floor_b = content_floor(ctx, ss, vb);
            let floor = ctx.tok_at(floor_b);
            // "according to X"
            if l == "according" && ctx.low(cur + 1) == "to" {
                let Some(np) = ctx
                    .np_fwd(cur + 2, tb)
                    .or_else(|| ctx.source_phrase(cur + 2, tb))
                else {
                    continue;
                };
                let np_end = ctx.toks[np.last].end;
                let at_start = cur == floor
                    || (cur > floor
                        && text
                            .get(ctx.toks[floor].start..vb)
                            .is_some_and(|t| t.trim_end().ends_with(',') && cur - floor <= 3));
                let (a, b) = if cur == floor || at_start {
                    trim_span(text, np_end, se)
                } else {
                    trim_span(text, floor_b, vb)
                };
                if ctx.tok_at(b) - ctx.tok_at(a) >= 3 && !clashes(a, b) {
                    cands.push(Cand {
                        start: a,
                        end: b,
                        kind: QuoteKind::Indirect,
                        cue: None,
                        cue_text: Some("according to"),
                        np: Some(np),
                        attr_end: b.max(np_end),
                        open: a,
                    });
                    covered_until = b.max(np_end);
                }
                continue;
            }
            // "Asked whether …", "when asked about …", "asked the senator if …": the
            // question is reported speech; its asker is the subject, when there is one.
            if matches!(l, "asked" | "asks" | "asking") {
                if let Some(c) = asked(ctx, cur, floor, tb) {
                    if !clashes(c.start, c.end) {
                        covered_until = c.end;
                        cands.push(c);
                        continue;
                    }
                }
            }
            // "X called for …", "called on …", "pointed to …", "…, citing …": what the
            // speaker asked for or pointed at is the object after the particle.
            if let Some(c) = object_cue(ctx, cur, floor, tb) {
                if !used.contains(&cur) && !clashes(c.start, c.end) {
                    covered_until = c.end;
                    cands.push(c);
                    continue;
                }
            }
            // "SANA quoted a military source as saying (that) …"
            if l == "quoted" {
                if let Some(np) = ctx.np_fwd(cur + 1, tb) {
                    if ctx.low(np.last + 1) == "as" && ctx.low(np.last + 2) == "saying" {
                        let mut a = np.last + 3;
                        if ctx.low(a) == "that" {
                            a += 1;
                        }
                        if a < tb {
                            let (cs, ce) = trim_span(text, ctx.toks[a].start, se);
                            if ctx.tok_at(ce) - ctx.tok_at(cs) >= 3 && !clashes(cs, ce) {
                                cands.push(Cand {
                                    start: cs,
                                    end: ce,
                                    kind: QuoteKind::Indirect,
                                    cue: Some(cur),
                                    cue_text: Some("quoted … as saying"),
                                    np: Some(np),
                                    attr_end: ce,
                                    open: cs,
                                });
                                covered_until = ce;
                            }
                        }
                    }
                }
                continue;
            }
            if !ctx.is_verb(cur) || used.contains(&cur) {
                continue;
            }
            let prev = if cur > 0 { ctx.low(cur - 1) } else { "" };
            let noun_like =
                l.ends_with('s') || matches!(l, "report" | "claim" | "estimate" | "forecast");
            if cur > ta && (PASSIVE_AUX.contains(&prev) || noun_like && PASSIVE.contains(&prev)) {
                continue;
            }
            let next = ctx.low(cur + 1);
            if matches!(l, "claimed" | "claims" | "claim")
                && (next == "the" && ctx.low(cur + 2) == "lives" || ctx.low(cur + 2) == "lives")
            {
                continue;
            }
            if matches!(next, "of" | "by") && !matches!(l, "warned" | "warns" | "warn") {
                continue;
            }
            // Verb first, ending the sentence: "…, said the ministry."
            if cur > floor && ctx.gap(cur - 1).contains(',') {
                if let Some(np) = ctx.np_fwd(cur + 1, tb) {
                    let after_np = ctx.toks[np.last].end;
                    let rest = text.get(after_np..se).unwrap_or("");
                    if adjunct_only(ctx, np.last + 1, tb)
                        || rest.trim_start().starts_with(',') && rest.trim().len() < 60
                    {
                        let (a, b) = trim_span(text, floor_b, ctx.toks[cur].start);
                        if ctx.tok_at(b) - ctx.tok_at(a) >= 3 && !clashes(a, b) {
                            cands.push(Cand {
                                start: a,
                                end: b,
                                kind: QuoteKind::Indirect,
                                cue: Some(cur),
                                cue_text: None,
                                np: Some(np),
                                attr_end: se,
                                open: a,
                            });
                            covered_until = se;
                        }
                        continue;
                    }
                }
            }
            let np = if l.ends_with("ing") {
                // A participle speaks only for the clause before it.
                shared_subject(ctx, floor, cur)
            } else {
                ctx.subject_before(cur, floor)
                    .or_else(|| long_subject(ctx, floor, ss, cur))
                    .or_else(|| shared_subject(ctx, floor, cur))
            };
            let Some(np) = np else {
                continue;
            };
            // After the verb: object of "told", adjuncts, "that".
            let mut a = cur + 1;
            if matches!(l, "told" | "tells" | "tell") {
                match ctx.np_fwd(a, tb) {
                    Some(obj) => a = obj.last + 1,
                    None if matches!(ctx.low(a), "a" | "an" | "the") => {
                        // "told a weekly news conference that …"
                        let mut e = a + 1;
                        while e < tb
                            && e - a <= 4
                            && ctx.plain_gap(e - 1)
                            && !is_cap(ctx.word(e))
                            && !FUNCTION.contains(&ctx.low(e))
                            && !ctx.is_verb(e)
                        {
                            e += 1;
                        }
                        if e == a + 1 {
                            continue;
                        }
                        a = e;
                    }
                    None => continue,
                }
                // "told a local radio station before …": finish the object's noun.
                if a + 1 < tb
                    && !is_cap(ctx.word(a))
                    && ctx.plain_gap(a.saturating_sub(1))
                    && (SUBORDINATORS.contains(&ctx.low(a + 1)) || ctx.low(a + 1) == "that")
                {
                    a += 1;
                }
            }
            a = skip_adjuncts(ctx, a, tb);
            if a < tb && ctx.low(a) == "that" {
                a += 1;
            }
            let np_start = ctx.toks[np.first].start;
            // "told a radio station before the line went dead": a subordinate clause with no
            // main clause after it is not what was said.
            let subordinate_only = a < tb
                && SUBORDINATORS.contains(&ctx.low(a))
                && !text.get(ctx.toks[a].start..se).unwrap_or("").contains(',');
            if a >= tb || adjunct_only(ctx, a, tb) || subordinate_only {
                // "…, officials said (on Sunday)." — the clause before.
                let (cs, ce) = trim_span(text, floor_b, np_start);
                let n = ctx.tok_at(ce).saturating_sub(ctx.tok_at(cs));
                if n >= 3 && np_start > floor_b && !clashes(cs, ce) {
                    cands.push(Cand {
                        start: cs,
                        end: ce,
                        kind: QuoteKind::Indirect,
                        cue: Some(cur),
                        cue_text: None,
                        np: Some(np),
                        attr_end: se,
                        open: cs,
                    });
                    covered_until = se;
                }
                continue;
            }
            // "…, while the mayor said …": a second speaker's clause ends this one.
            let mut end_b = se;
            for v2 in a + 1..tb {
                if !ctx.is_verb(v2) || ctx.in_mark(ctx.toks[v2].start) {
                    continue;
                }
                let Some(np2) = ctx.subject_before(v2, a + 1) else {
                    continue;
                };
                let mut k = np2.first;
                if matches!(ctx.low(k - 1), "while" | "whereas" | "but" | "and") {
                    k -= 1;
                }
                if k > a && ctx.gap(k - 1).contains(',') {
                    end_b = ctx.toks[k - 1].end;
                    break;
                }
            }
            let (cs, ce) = trim_span(text, ctx.toks[a].start, end_b);
            let n = ctx.tok_at(ce).saturating_sub(ctx.tok_at(cs));
            if n >= 3 && !clashes(cs, ce) {
                cands.push(Cand {
                    start: cs,
                    end: ce,
                    kind: QuoteKind::Indirect,
                    cue: Some(cur),
                    cue_text: None,
                    np: Some(np),
                    attr_end: ce,
                    open: cs,
                });
                covered_until = ce;
            }
        }
    }
}

/// The question after "asked" at token `v`: a wh-word, "if", "whether" or "about" within a
/// few plain words of the verb (its object or "by" phrase between), up to the next comma
/// or the clause's end.
fn asked(ctx: &Ctx, v: usize, floor: usize, tb: usize) -> Option<Cand> {
    let q = (v + 1..tb.min(v + 9)).find(|&k| {
        matches!(
            ctx.low(k),
            "whether"
                | "if"
                | "about"
                | "what"
                | "who"
                | "whom"
                | "which"
                | "why"
                | "how"
                | "when"
                | "where"
        )
    })?;
    if !(v..q).all(|k| ctx.plain_gap(k) || ctx.title_dot(k)) {
        return None;
    }
    let mut e = q + 1;
    while e < tb && (e - q < 3 || !ctx.gap(e - 1).contains([',', ';', ':', '—'])) {
        e += 1;
    }
    let (a, b) = trim_span(ctx.text, ctx.toks[q].start, ctx.toks[e - 1].end);
    if ctx.tok_at(b) - ctx.tok_at(a) < 2 {
        return None;
    }
    let np = if v > floor {
        ctx.subject_before(v, floor)
    } else {
        None
    };
    Some(Cand {
        start: a,
        end: b,
        kind: QuoteKind::Indirect,
        cue: Some(v),
        cue_text: None,
        np,
        attr_end: b,
        open: a,
    })
}

/// A verb and particle whose object is what was said ("called for a ceasefire", "called
/// on donors to give", "pointed to the polls", "…, citing security concerns"): the words
/// after the particle up to the next comma or the clause's end; the speaker is the
/// subject, or the subject the verb shares with the clause before it.
fn object_cue(ctx: &Ctx, v: usize, floor: usize, tb: usize) -> Option<Cand> {
    if is_cap(ctx.word(v)) && v > floor {
        return None;
    }
    let l = ctx.low(v);
    let p = ctx.low(v + 1);
    let a = match (l, p) {
        ("called" | "calls" | "call" | "calling", "for" | "on") => v + 2,
        ("pointed" | "points" | "pointing", "to") => v + 2,
        ("citing", _) => v + 1,
        _ => return None,
    };
    if a >= tb || !(v..a).all(|k| ctx.plain_gap(k)) {
        return None;
    }
    let mut e = a + 1;
    while e < tb && (e - a < 2 || !ctx.gap(e - 1).contains([',', ';', ':', '—', '('])) {
        e += 1;
    }
    let (s, b) = trim_span(ctx.text, ctx.toks[a].start, ctx.toks[e.min(tb) - 1].end);
    if ctx.tok_at(b) - ctx.tok_at(s) < 2 {
        return None;
    }
    let np = if l.ends_with("ing") {
        shared_subject(ctx, floor, v)
    } else {
        ctx.subject_before(v, floor)
            .or_else(|| shared_subject(ctx, floor, v))
    }?;
    Some(Cand {
        start: s,
        end: b,
        kind: QuoteKind::Indirect,
        cue: Some(v),
        cue_text: None,
        np: Some(np),
        attr_end: b,
        open: s,
    })
}

/// The subject a speech verb shares with the clause before it: a second verb ("X
/// blasted Congress and said …", "then says …") or a participle after a comma ("X
/// defended the plan, saying …") speaks for the subject opening the sentence.
fn shared_subject(ctx: &Ctx, floor: usize, v: usize) -> Option<Np> {
    if v <= floor + 2 {
        return None;
    }
    let prev = ctx.low(v - 1);
    let coordinated = matches!(prev, "and" | "then") && ctx.plain_gap(v - 1);
    let participle = ctx.low(v).ends_with("ing") && ctx.gap(v - 1).contains(',');
    if !(coordinated || participle) {
        return None;
    }
    sentence_subject(ctx, floor, v - 1)
}

/// The subject opening a sentence at token `floor`: a speaker phrase followed by a
/// lower-case word (its verb) before token `limit`.
fn sentence_subject(ctx: &Ctx, floor: usize, limit: usize) -> Option<Np> {
    let np = ctx.np_fwd(floor, limit)?;
    let after = np.last + 1;
    if after >= limit || !ctx.plain_gap(np.last) || is_cap(ctx.word(after)) {
        return None;
    }
    let w = ctx.word(after);
    w.chars().all(|c| c.is_ascii_lowercase()).then_some(np)
}

/// A long quotation inside a sentence with no cue of its own and no reported clause
/// around it ("He calls the endorsement “the most transparent display of affection
/// since …”", "Sanders credited the victory to “a closed primary, something I am not all
/// that enthusiastic about …”") is the words of the sentence's subject, when the
/// sentence opens with a speaker phrase and its verb.
fn embedded(ctx: &Ctx, sents: &[(usize, usize)], cands: &mut [Cand]) {
    for c in cands.iter_mut() {
        if c.kind != QuoteKind::Direct || c.np.is_some() {
            continue;
        }
        let Some((ss, _)) = sentence_of(sents, c.open) else {
            continue;
        };
        if ctx.text.get(ss..c.open).is_none_or(|t| t.trim().is_empty()) {
            continue;
        }
        let (floor, open) = (ctx.tok_at(ss), ctx.tok_at(c.open));
        if let Some(np) = sentence_subject(ctx, floor, open) {
            c.np = Some(np);
            c.cue = Some(np.last + 1);
        }
    }
}

/// A long subject opening the sentence, up to the speech verb: "People with knowledge of
/// the group's activities said …", "Republican activists clamoring to block X say …".
/// Only from the sentence start, starting with a capitalised content word, and without a
/// clause break (a subordinator, a semicolon) inside.
fn long_subject(ctx: &Ctx, floor: usize, ss: usize, v: usize) -> Option<Np> {
    let start = ctx.toks.get(floor)?.start;
    if floor >= v || !ctx.text.get(ss..start)?.trim().is_empty() {
        return None;
    }
    let end = ctx.strip_aux_back(v, floor);
    if end < floor + 2 || end - floor > 14 {
        return None;
    }
    let first = ctx.low(floor);
    if !is_cap(ctx.word(floor))
        || FUNCTION.contains(&first)
        || SUBORDINATORS.contains(&first)
        || sets().pronouns.contains(first)
        || matches!(
            first,
            "the" | "a" | "an" | "it" | "this" | "that" | "there" | "in" | "but"
        )
    {
        return None;
    }
    let clause_break = (floor..end).any(|k| {
        let g = ctx.gap(k);
        g.contains([';', ':', '—', '(', '“', '"'])
            || (k > floor && SUBORDINATORS.contains(&ctx.low(k)))
            || (k > floor && ctx.is_verb(k))
    });
    let head = ctx.word(end - 1);
    let head_ok = head
        .chars()
        .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        && !FUNCTION.contains(&ctx.low(end - 1))
        && !head.ends_with("ly");
    if clause_break || !head_ok {
        return None;
    }
    Some(Np {
        first: floor,
        last: end - 1,
        appos: None,
    })
}

/// Skips "on Sunday", "in a statement", "late on Friday" … after a speech verb.
fn skip_adjuncts(ctx: &Ctx, mut a: usize, tb: usize) -> usize {
    let s = sets();
    for _ in 0..4 {
        if a >= tb {
            return a;
        }
        if s.time.contains(ctx.low(a)) && is_cap(ctx.word(a)) {
            // A bare weekday or month: "said Thursday".
            a += 1;
            continue;
        }
        if !ADJUNCT_PREPS.contains(&ctx.low(a)) {
            return a;
        }
        // Find the head within the next few tokens.
        let mut j = a;
        let mut hit = None;
        while j < tb && j < a + 6 {
            let l = ctx.low(j);
            if ADJUNCT_HEADS.contains(&l) || s.time.contains(l) {
                hit = Some(j);
                break;
            }
            j += 1;
        }
        let Some(h) = hit else {
            return a;
        };
        let mut e = h + 1;
        if e < tb && ctx.low(e).chars().all(|c| c.is_ascii_digit()) && !ctx.low(e).is_empty() {
            e += 1;
        }
        a = e;
    }
    a
}

/// True when tokens `a..tb` are only adjunct phrases (or nothing).
fn adjunct_only(ctx: &Ctx, a: usize, tb: usize) -> bool {
    let mut a = a;
    // "… the Observatory said, updating an earlier toll": a participle, not a clause.
    let ing = |k: usize| {
        let l = ctx.low(k);
        l.ends_with("ing")
            && l.len() > 5
            && !matches!(l, "adding" | "saying")
            && matches!(
                ctx.low(k + 1),
                "the" | "a" | "an" | "its" | "his" | "her" | "their"
            )
    };
    // "in a statement on its website", "on Sunday", "told reporters" are all fine.
    for _ in 0..4 {
        if a >= tb {
            return true;
        }
        let b = skip_adjuncts(ctx, a, tb);
        if b == a {
            break;
        }
        a = b;
        // "in a statement posted on its website": swallow a participle phrase.
        if a < tb
            && matches!(
                ctx.low(a),
                "posted"
                    | "published"
                    | "issued"
                    | "released"
                    | "broadcast"
                    | "carried"
                    | "quoted"
                    | "cited"
            )
        {
            a += 1;
        }
    }
    if a >= tb || ing(a) {
        return true;
    }
    // "… officials told AFP." / "… officials told reporters."
    matches!(ctx.low(a.wrapping_sub(1)), "told")
        && ctx.np_fwd(a, tb).is_some_and(|o| o.last + 1 >= tb)
}

/// Resolves speaker phrases to names, in text order, and makes the output.
fn resolve(ctx: &Ctx, sents: &[(usize, usize)], mut cands: Vec<Cand>) -> Vec<Found> {
    let sent_idx = |b: usize| sents.partition_point(|s| s.1 <= b);
    let text = ctx.text;
    // The fullest name of each person in the document, by name key of its last word.
    let persons: Vec<&Ent> = ctx
        .ents
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .collect();
    let genders = genders(ctx, sents, &persons);
    cands.sort_by_key(|c| (c.open, c.start));
    let mut out: Vec<Found> = Vec::new();
    let mut last_person: Option<(usize, String)> = None;
    let mut last_group: Option<String> = None;
    let mut descs: HashMap<String, String> = HashMap::default();
    let mut prev: Option<(usize, Option<FoundSpeaker>)> = None; // (attr_end, speaker)
    for c in cands {
        let cue = c
            .cue_text
            .map(str::to_string)
            .or_else(|| c.cue.map(|v| ctx.word(v).to_string()));
        let speaker = match c.np {
            Some(np) => speaker_of(
                ctx,
                &np,
                &persons,
                &genders,
                &mut last_person,
                &mut last_group,
                &mut descs,
            ),
            // Reported speech without a speaker phrase ("Asked whether …") has none.
            None if c.kind == QuoteKind::Indirect => None,
            None => {
                // A quote with no cue continues the previous quote's speaker when nothing
                // but a few words lie between them.
                match &prev {
                    Some((end, sp)) if sp.is_some() && c.open >= *end => {
                        let gap = text.get(*end..c.open).unwrap_or("");
                        let words = gap.split_whitespace().count();
                        let paragraphs =
                            gap.matches("\n\n").count() + gap.matches("\r\n\r\n").count();
                        let next_sentence = sent_idx(c.open) <= sent_idx(end.saturating_sub(1)) + 1;
                        if (words <= 4 || next_sentence) && paragraphs <= 1 {
                            sp.clone()
                        } else {
                            None
                        }
                    }
                    _ => None,
                }
            }
        };
        if c.kind == QuoteKind::Direct || speaker.is_some() {
            prev = Some((c.attr_end, speaker.clone()));
        }
        out.push(Found {
            start: c.start,
            end: c.end,
            kind: c.kind,
            cue,
            speaker,
        });
    }
    // Fill descriptions of people from elsewhere in the document.
    for f in &mut out {
        if let Some(sp) = &mut f.speaker {
            if sp.description.is_none() {
                sp.description = descs.get(&sp.name).cloned();
            }
        }
    }
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// Which pronoun each person takes in this document (positive: he, negative: she), from
/// the document itself: "Mr." / "Mrs." / "Ms." before a mention, and the he/his/him or
/// she/her pronouns outside quotation marks in sentences that mention that person and no
/// other. No word list of first names: a person the text never pairs with a pronoun
/// stays open to both.
fn genders(ctx: &Ctx, sents: &[(usize, usize)], persons: &[&Ent]) -> HashMap<String, i32> {
    let mut persons = persons.to_vec();
    persons.sort_by_key(|e| e.start);
    let mut g: HashMap<String, i32> = HashMap::default();
    for e in &persons {
        let head = ctx.text.get(..e.start).unwrap_or("").trim_end();
        let title = head
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        let v = match title {
            "Mr" => 5,
            "Mrs" | "Ms" => -5,
            _ => 0,
        };
        *g.entry(e.canonical.clone()).or_default() += v;
    }
    let mut pi = 0;
    for &(ss, se) in sents {
        let mut who: Option<&str> = None;
        let mut alone = true;
        while pi < persons.len() && persons[pi].start < ss {
            pi += 1;
        }
        let mut k = pi;
        while k < persons.len() && persons[k].start < se {
            let n = persons[k].canonical.as_str();
            match who {
                None => who = Some(n),
                Some(w) if w != n => alone = false,
                _ => {}
            }
            k += 1;
        }
        let (Some(name), true) = (who, alone) else {
            continue;
        };
        let mut score = 0;
        for t in ctx.tok_at(ss)..ctx.tok_at(se) {
            if ctx.in_mark(ctx.toks[t].start) {
                continue;
            }
            score += match ctx.low(t) {
                "he" | "his" | "him" | "himself" => 1,
                "she" | "her" | "hers" | "herself" => -1,
                _ => 0,
            };
        }
        *g.entry(name.to_string()).or_default() += score;
    }
    g
}

/// The byte range of a name given right after a speaker phrase: "…, who gave his name
/// only as Abu Ahmed", "… who identified himself as Abu Omar".
fn self_named(text: &str, after: usize) -> Option<(usize, usize)> {
    static RE: OnceLock<Option<regex::Regex>> = OnceLock::new();
    let re = cached(
        &RE,
        r"^,?\s+who\s+(?:gave|identified|named)(?:\s+(?:only|his|her|their|himself|herself|themselves|first|full|name|by))*(?:\s+as|,)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3})",
    )?;
    let rest = text.get(after..)?;
    let m = re.captures(rest)?.get(1)?;
    Some((after + m.start(), after + m.end()))
}

/// Nouns "it" can refer back to.
const IT_NOUNS: &[&str] = &[
    "group",
    "ministry",
    "army",
    "military",
    "agency",
    "organisation",
    "organization",
    "council",
    "government",
    "coalition",
    "movement",
    "militia",
    "observatory",
    "monitor",
    "committee",
    "office",
    "command",
    "network",
    "channel",
    "newspaper",
    "television",
    "embassy",
    "mission",
    "alliance",
    "administration",
    "presidency",
    "company",
    "party",
];

/// The group or organisation a pronoun refers back to: the nearest ORG/GROUP entity or
/// group noun phrase before it (plural for "they", singular for "it").
fn antecedent(ctx: &Ctx, pron: usize, plural: bool) -> Option<String> {
    let s = sets();
    let pb = ctx.toks.get(pron)?.start;
    for k in (pron.saturating_sub(80)..pron).rev() {
        let kb = ctx.toks[k].start;
        if ctx.in_mark(kb) {
            continue;
        }
        if let Some(e) = ctx.ents.iter().find(|e| {
            e.start <= kb
                && kb < e.end
                && e.end <= pb
                && matches!(e.kind, EntityKind::Org | EntityKind::Group)
        }) {
            let t = ctx.text.get(e.start..e.end).unwrap_or("");
            return Some(strip_det(t).to_string());
        }
        let l = ctx.low(k);
        let fits = if plural {
            s.group.contains(l)
                && (l.ends_with('s') || matches!(l, "police" | "military"))
                && !matches!(l, "news" | "rights")
        } else {
            IT_NOUNS.contains(&l)
        };
        if fits {
            // Prefer the subject: the earliest fitting noun of the same sentence.
            let mut best = k;
            let mut j = k;
            while j > 0 && !ctx.gap(j - 1).contains(['.', '!', '?', '\n']) {
                j -= 1;
                let lj = ctx.low(j);
                let also = if plural {
                    s.group.contains(lj)
                        && (lj.ends_with('s') || matches!(lj, "police" | "military"))
                } else {
                    IT_NOUNS.contains(&lj)
                };
                if also && !ctx.in_mark(ctx.toks[j].start) {
                    best = j;
                }
            }
            let np = ctx.np_back(best + 1, 0)?;
            let (a, b) = ctx.np_span(&np);
            let t = ctx.text.get(a..b).unwrap_or("");
            return Some(
                strip_det(t)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    None
}

fn strip_det(s: &str) -> &str {
    for d in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(r) = s.strip_prefix(d) {
            return r;
        }
    }
    s
}

fn clean_desc(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| c == ',' || c.is_whitespace())
        .trim_end_matches(['’', '\'']);
    let t = t
        .strip_suffix("’s")
        .or_else(|| t.strip_suffix("'s"))
        .unwrap_or(t)
        .trim();
    if t.is_empty() || matches!(t.to_lowercase().as_str(), "the" | "a" | "an") {
        None
    } else {
        Some(t.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

fn speaker_of(
    ctx: &Ctx,
    np: &Np,
    persons: &[&Ent],
    genders: &HashMap<String, i32>,
    last_person: &mut Option<(usize, String)>,
    last_group: &mut Option<String>,
    descs: &mut HashMap<String, String>,
) -> Option<FoundSpeaker> {
    let text = ctx.text;
    let (ns, ne) = ctx.np_span(np);
    let appos = np
        .appos
        .and_then(|(a, b)| text.get(a..b))
        .and_then(clean_desc);
    // "Cruz, who says": the speaker of the phrase before the comma, its mention running
    // to the relative pronoun.
    if np.last > np.first && ctx.low(np.last) == "who" && np.appos.is_none() {
        let inner = Np {
            last: np.last - 1,
            ..*np
        };
        return speaker_of(
            ctx,
            &inner,
            persons,
            genders,
            last_person,
            last_group,
            descs,
        )
        .map(|sp| FoundSpeaker {
            end: ctx.toks[np.last].end,
            ..sp
        });
    }
    let low = ctx.low(np.first);
    if np.first == np.last && sets().pronouns.contains(low) {
        // A pronoun with no antecedent the document names ("she says" after a name the
        // entity layers missed, "I wrote" in a column) stays the words the text gives.
        let as_written = || FoundSpeaker {
            name: ctx.word(np.first).to_string(),
            start: ns,
            end: ne,
            description: None,
        };
        let found = match low {
            "he" | "she" => {
                // The most recent person: a speaker, or a PERSON mention before the pronoun,
                // whose pronouns in the document do not contradict this one.
                let sign = if low == "he" { 1 } else { -1 };
                let fits = |name: &str| genders.get(name).copied().unwrap_or(0) * sign >= 0;
                let mention = persons
                    .iter()
                    .filter(|e| e.end <= ns && fits(&e.canonical))
                    .max_by_key(|e| e.end)
                    .map(|e| (e.end, e.canonical.clone()));
                let last = last_person.clone().filter(|(_, n)| fits(n));
                let best = match (last, mention) {
                    (Some(a), Some(b)) => Some(if a.0 >= b.0 { a } else { b }),
                    (a, b) => a.or(b),
                };
                best.map(|(_, name)| {
                    *last_person = Some((ne, name.clone()));
                    FoundSpeaker {
                        name,
                        start: ns,
                        end: ne,
                        description: appos,
                    }
                })
            }
            "it" | "they" => antecedent(ctx, np.first, low == "they")
                .map(|a| match last_group.as_ref() {
                    Some(g) if g.to_lowercase().starts_with(&a.to_lowercase()) => g.clone(),
                    _ => a,
                })
                .or_else(|| last_group.clone())
                .map(|name| FoundSpeaker {
                    name,
                    start: ns,
                    end: ne,
                    description: appos,
                }),
            _ => None,
        };
        return found.or_else(|| Some(as_written()));
    }
    // A PERSON inside the phrase.
    if let Some(p) = persons
        .iter()
        .filter(|e| {
            e.start >= ns && e.end <= ne.max(e.end.min(ctx.toks[np.last].end)) && e.start < ne
        })
        .max_by_key(|e| e.start)
    {
        let before = text.get(ns..p.start).map(strip_det).and_then(clean_desc);
        let after = text.get(p.end..ne).and_then(clean_desc);
        let desc = appos.or(before).or(after);
        if let Some(d) = &desc {
            descs
                .entry(p.canonical.clone())
                .or_insert_with(|| d.clone());
        }
        *last_person = Some((p.end, p.canonical.clone()));
        return Some(FoundSpeaker {
            name: p.canonical.clone(),
            start: p.start,
            end: p.end,
            description: desc,
        });
    }
    // A surname of a known person ("Barazi said").
    let last_word = ctx.word(np.last);
    if is_cap(last_word) {
        let key = name_key(last_word);
        let head_only = (np.first..np.last).all(|k| {
            !is_cap(ctx.word(k))
                || lex().titles.contains(ctx.low(k))
                || lex().places.contains(ctx.low(k))
        });
        if head_only {
            if let Some(p) = persons.iter().find(|e| {
                e.canonical
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| name_key(w) == key)
            }) {
                let st = ctx.toks[np.last].start;
                let desc = appos.or_else(|| text.get(ns..st).map(strip_det).and_then(clean_desc));
                *last_person = Some((ne, p.canonical.clone()));
                return Some(FoundSpeaker {
                    name: p.canonical.clone(),
                    start: st,
                    end: ne,
                    description: desc,
                });
            }
        }
    }
    // "a farmer who gave his name only as Abu Ahmed": the name the text gives.
    if let Some((a, b)) = self_named(text, ne) {
        let name = text.get(a..b).unwrap_or("").to_string();
        let desc = text.get(ns..ne).map(strip_det).and_then(clean_desc);
        *last_person = Some((b, name.clone()));
        return Some(FoundSpeaker {
            name,
            start: a,
            end: b,
            description: desc,
        });
    }
    // A group, an institution or an unnamed role: its words.
    let phrase = text.get(ns..ne).unwrap_or("");
    let name = strip_det(phrase)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        return None;
    }
    *last_group = Some(name.clone());
    Some(FoundSpeaker {
        name,
        start: ns,
        end: ne,
        description: appos,
    })
}

#[cfg(test)]
mod tests;
