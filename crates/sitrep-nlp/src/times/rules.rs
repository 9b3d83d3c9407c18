//! The patterns of the `times` stage and what each one means.
//!
//! Every rule is one regular expression (compiled once, see [`rules`]) with a handler that
//! turns a match into a candidate: byte range, TIMEX3 type and value. Handlers read the
//! publication date and the verbs around the match (for "on Tuesday": past looks back,
//! future looks forward). Candidates that need a reference date from elsewhere in the
//! text ("10 a.m.", "overnight", "the next day") carry an [`Val::Anchored`] value that
//! the stage fills in once every candidate is known. Overlaps are settled by the stage
//! (longest wins), so a rule may match more loosely than the final reading.
//!
//! Traps the rules guard against: month names that are names or verbs ("May", "march":
//! a month needs a day, a year or a temporal preposition, and a capital), and numbers
//! that are counts ("2000 people", "4,000-5,000"): a bare year needs a preposition or
//! determiner before it and no count noun after it.

use super::lex::{self, Quant, Tense};
use chrono::{Datelike, NaiveDate, Weekday};
use regex::{Captures, Regex};
use sitrep_model::TimeType;

/// A value, or the recipe for one that depends on another expression's date.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// A finished TIMEX3 value.
    Fixed(String),
    /// `date + offset` days, then `suffix` ("T10:00", "TNI", ""): the reference date is
    /// found as `scope` says; without one, the publication date plus `fallback` days.
    Anchored {
        /// Days from the reference date.
        offset: i64,
        /// Appended to the resolved `YYYY-MM-DD`.
        suffix: String,
        /// Where the reference date may be.
        scope: Scope,
        /// Days from the publication date when no reference is found.
        fallback: i64,
    },
    /// A year counted from the last year mentioned before it ("the previous year");
    /// without one, from the publication year.
    AnchoredYear(i64),
    /// A month counted from the last month mentioned before it ("the following month");
    /// without one, from the publication month.
    AnchoredMonth(i64),
    /// A quarter found from the last quarter named before it (see [`QuarterRef`]).
    AnchoredQuarter(QuarterRef),
}

/// How an anaphoric quarter ("the quarter", "the year-ago period") is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuarterRef {
    /// The last quarter named, this many years back ("the quarter" = 0, "the year-ago
    /// quarter" = 1); without one, the last quarter completed by publication.
    Back(i64),
    /// The last quarter named, in this year ("the 1988 quarter", "the 1989 period");
    /// without one, the year alone.
    InYear(i64),
    /// "The latest quarter": the last quarter completed by publication, or the last one
    /// named if that is not later (a forecast "fourth-quarter charge" is no result yet).
    Latest,
}

/// Where an anchored expression looks for its reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A day-level date earlier in the same sentence or in the sentence before, else
    /// later in the same sentence (clock times: "at 10 a.m. on Tuesday").
    Near,
    /// A day-level date earlier in the same sentence only ("On September 23, ...
    /// overnight"; a reporting date after it, "officials said on Monday", is not it).
    SentenceBefore,
    /// The last day-level date earlier in the document ("the next day").
    Document,
}

/// One reading of a stretch of text, before overlaps are settled.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    /// Start byte.
    pub s: usize,
    /// End byte.
    pub e: usize,
    /// TIMEX3 type.
    pub kind: TimeType,
    /// TIMEX3 value (or how to compute it).
    pub val: Val,
    /// Index of the rule that made it (earlier rules win ties).
    pub rule: usize,
}

/// What a handler sees: the text, the publication date and the sentence bounds.
pub struct Ctx<'a> {
    /// The document text.
    pub text: &'a str,
    /// The publication date, when known.
    pub dct: Option<NaiveDate>,
    /// Sentence byte ranges, sorted.
    pub sents: &'a [(usize, usize)],
}

impl Ctx<'_> {
    /// Byte range of the sentence holding `pos` (the whole text when there is none).
    pub fn sentence(&self, pos: usize) -> (usize, usize) {
        let i = self.sents.partition_point(|(_, e)| *e <= pos);
        match self.sents.get(i) {
            Some(&(s, e)) if s <= pos => (s, e),
            _ => (0, self.text.len()),
        }
    }

    /// Tense of the clause around bytes `s..e`: the nearest cues before it (up to a
    /// clause break), then after it. A future cue anywhere in the window wins over a
    /// past one ("said it will attack on Friday").
    pub fn tense(&self, s: usize, e: usize) -> Tense {
        let (ss, se) = self.sentence(s);
        // Ten words either side is all the scan reads: cap the window in bytes too.
        let mut lo = ss.min(s).max(s.saturating_sub(160));
        while !self.text.is_char_boundary(lo) {
            lo += 1;
        }
        let mut hi = se.max(e).min(e + 160).min(self.text.len());
        while !self.text.is_char_boundary(hi) {
            hi -= 1;
        }
        let before = self.text.get(lo..s).unwrap_or("");
        let after = self.text.get(e..hi.max(e)).unwrap_or("");
        let back = scan_tense(words_rev(before));
        if back != Tense::Unknown {
            return back;
        }
        let fwd = scan_tense(words_fwd(after));
        if fwd != Tense::Unknown {
            return fwd;
        }
        // No cue in the clause: the sentence's first cue, skipping clause breaks
        // ("Deaths fell after a ceasefire in April that ...").
        let mut lo = ss.min(s).max(s.saturating_sub(300));
        while !self.text.is_char_boundary(lo) {
            lo += 1;
        }
        let mut hi = se.max(e).min(e + 300).min(self.text.len());
        while !self.text.is_char_boundary(hi) {
            hi -= 1;
        }
        let mut past = false;
        for t in tokens(self.text.get(lo..hi.max(lo)).unwrap_or("")) {
            if let Tok::Word(w) = t {
                match lex::word_tense(&w.to_lowercase()) {
                    Tense::Future => return Tense::Future,
                    Tense::Past => past = true,
                    Tense::Unknown => {}
                }
            }
        }
        if past {
            Tense::Past
        } else {
            Tense::Unknown
        }
    }

    /// The word right after byte `e` (lower-cased), skipping spaces.
    pub fn next_word(&self, e: usize) -> String {
        let rest = self.text.get(e..).unwrap_or("");
        let rest = rest.trim_start();
        rest.split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("")
            .to_lowercase()
    }

    /// The word right before byte `s` (as written), skipping spaces.
    pub fn prev_word(&self, s: usize) -> &str {
        let head = self.text.get(..s).unwrap_or("").trim_end();
        let start = head
            .rfind(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .map(|i| i + head[i..].chars().next().map_or(1, |c| c.len_utf8()))
            .unwrap_or(0);
        &head[start..]
    }
}

enum Tok<'a> {
    Word(&'a str),
    Break,
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let wordish = c.is_alphanumeric() || c == '\'' || c == '’';
        if wordish {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(st) = start.take() {
            out.push(Tok::Word(&s[st..i]));
        }
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '–') {
            out.push(Tok::Break);
        }
    }
    if let Some(st) = start {
        out.push(Tok::Word(&s[st..]));
    }
    // Phrases of the cue list ("set to", "as soon as", "next to") become one token.
    let mut i = 0;
    while i < out.len() {
        if !matches!(&out[i], Tok::Word(w) if lex::starts_phrase_cue(w)) {
            i += 1;
            continue;
        }
        for n in [3, 2] {
            let Some(run) = out.get(i..i + n) else {
                continue;
            };
            let words: Option<Vec<&str>> = run
                .iter()
                .map(|t| match t {
                    Tok::Word(w) => Some(*w),
                    Tok::Break => None,
                })
                .collect();
            let Some(words) = words else {
                continue;
            };
            if lex::is_phrase_cue(&words) {
                let (first, last) = (words[0], words[n - 1]);
                let a = first.as_ptr() as usize - s.as_ptr() as usize;
                let b = last.as_ptr() as usize - s.as_ptr() as usize + last.len();
                out.splice(i..i + n, [Tok::Word(&s[a..b])]);
                break;
            }
        }
        i += 1;
    }
    // A cue after a determiner is a noun ("the plan", "a will"), and a participle after
    // "be" ("will be named") says nothing of the time.
    let noun: Vec<bool> = (0..out.len())
        .map(|i| match (i.checked_sub(1).map(|j| &out[j]), &out[i]) {
            (Some(Tok::Word(d)), Tok::Word(w)) => {
                lex::is_determiner(d) || (d.eq_ignore_ascii_case("be") && w.ends_with("ed"))
            }
            _ => false,
        })
        .collect();
    let mut keep = noun.into_iter().map(|n| !n);
    out.retain(|_| keep.next().unwrap_or(true));
    out
}

fn words_rev(s: &str) -> Vec<Tok<'_>> {
    let mut t = tokens(s);
    t.reverse();
    t
}

fn words_fwd(s: &str) -> Vec<Tok<'_>> {
    tokens(s)
}

fn scan_tense(toks: Vec<Tok<'_>>) -> Tense {
    let mut past = false;
    for (n, t) in toks.into_iter().enumerate() {
        if n >= 10 {
            break;
        }
        let w = match t {
            Tok::Break => break,
            Tok::Word(w) => w.to_lowercase(),
        };
        if w.ends_with("'ll") || w.ends_with("’ll") {
            return Tense::Future;
        }
        match lex::word_tense(&w) {
            Tense::Future => return Tense::Future,
            Tense::Past => past = true,
            Tense::Unknown => {}
        }
        if lex::is_clause_break(&w) {
            break;
        }
    }
    if past {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

/// A compiled rule.
pub struct Rule {
    /// The pattern.
    pub re: Regex,
    /// Turns a match into candidates.
    pub f: fn(&Ctx, &Captures, usize, &mut Vec<Cand>),
}

const B: &str = r"(?-u:\b)";
const MONFULL: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
const MONABBR: &str = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WDFULL: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

/// The compiled rules and the gate that skips the ones a text cannot match.
pub struct Rules {
    /// The rules, in priority order.
    pub list: Vec<Rule>,
    /// Necessary words of every gated rule (ASCII lower-case), in one automaton.
    gate: aho_corasick::AhoCorasick,
    /// For each gate pattern, the rule it belongs to.
    gate_rule: Vec<usize>,
    /// Rules with no gate (always run).
    ungated: Vec<bool>,
}

impl Rules {
    /// Where each gated rule's words occur in `text` (byte offsets, ascending; empty for
    /// ungated rules), in one pass over its ASCII lower-case form: a rule none of whose
    /// words occur is skipped, and one whose words are few is searched near them only.
    pub fn hits(&self, text: &str) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.list.len()];
        let lower = text.to_ascii_lowercase();
        for m in self.gate.find_overlapping_iter(lower.as_bytes()) {
            if let Some(&r) = self.gate_rule.get(m.pattern().as_usize()) {
                out[r].push(m.start());
            }
        }
        for h in &mut out {
            h.sort_unstable();
            h.dedup();
        }
        out
    }

    /// Whether rule `r` always runs (it has no gate words).
    pub fn is_ungated(&self, r: usize) -> bool {
        self.ungated.get(r).copied().unwrap_or(true)
    }
}

/// How far before one of its gate words a rule's match can start ("the day before
/// yesterday", "approximately a couple of weeks", "Wednesday, the 25th of September"), in
/// bytes, with room to spare. Searches start this far before each gate word.
pub const LEAD: usize = 96;

/// The gate of the rules that need a weekday name.
const WEEKDAY_GATE: &[&str] = &sitrep_model::calendar::WEEKDAY_NAMES;

/// Words without which a rule cannot match (lower-case; empty = always run), by rule index.
const GATES: &[&[&str]] = &[
    &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
    &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
    &["/"],
    &["-"],
    &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
    &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
    &["19", "20"],
    &["19", "20"],
    &["19", "20"],
    &["spring", "summer", "autumn", "fall", "winter"],
    &["0s"],
    &[
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "night",
        "morning",
        "afternoon",
        "evening",
        "now",
        "currently",
        "present",
        "moment",
        "recently",
        "past",
        "future",
        "near term",
        "short term",
        "long term",
        "these days",
    ],
    WEEKDAY_GATE,
    &[
        "week", "month", "year", "quarter", "decade", "century", "summer", "winter", "spring",
        "autumn", "fall",
    ],
    &["same", "time"],
    &["end", "beginning", "start", "middle", "rest", "remainder"],
    &["half", "quarter", "months"],
    &[],
    &[
        "second",
        "minute",
        "hour",
        "day",
        "week",
        "fortnight",
        "month",
        "year",
        "decade",
        "centur",
        "quarter",
    ],
    &["days", "weeks", "months", "years", "decades", "hours"],
    &["-long"],
    &["am", "pm", "a.m", "p.m"],
    &[":"],
    &["gmt", "utc", "hrs", "local", "hours"],
    &["noon", "midday", "midnight"],
    &["every", "each"],
    &["once", "twice", "thrice", "times"],
    &["per"],
    &[
        "daily", "weekly", "monthly", "annually", "yearly", "nightly", "hourly",
    ],
    HOLIDAY_GATE,
    &["day", "night", "morning", "evening", "afternoon"],
    &["weekend"],
    &["hours", "days", "weeks", "months", "years", "decades"],
    &["spring", "summer", "autumn", "winter"],
    &["quarter", "period", "year-"],
    WEEKDAY_GATE,
    &["century"],
    &["nineteen", "eighteen", "thousand"],
    &["1/2", "½", "and a half"],
    &["that year", "the year"],
    // The month names in full (the rule leaves out "March" and "May" itself).
    &sitrep_model::calendar::MONTH_NAMES,
    &lex::DECADE_WORDS,
];

/// The gate of the holiday rule: every name in `data/times/holidays.tsv` holds one of
/// these words (checked when the rules are built).
const HOLIDAY_GATE: &[&str] = &[
    "christmas",
    "new year",
    "thanksgiving",
    "election",
    "independence",
    "labor",
    "memorial",
    "veterans",
    "valentine",
    "halloween",
];

/// All rules, compiled once. `Err` only if a pattern is malformed (a bug: a unit test
/// compiles them).
pub fn rules() -> Result<&'static Rules, String> {
    static RULES: std::sync::OnceLock<Result<Rules, String>> = std::sync::OnceLock::new();
    RULES
        .get_or_init(|| {
            lex::check_tense_cues()?;
            let list = build()?;
            if list.len() != GATES.len() {
                return Err(format!(
                    "times: {} rules but {} gates\nhelp: add the new rule's words to GATES",
                    list.len(),
                    GATES.len()
                ));
            }
            let mut pats = Vec::new();
            let mut gate_rule = Vec::new();
            for (i, g) in GATES.iter().enumerate() {
                for w in g.iter() {
                    pats.push(*w);
                    gate_rule.push(i);
                }
            }
            // A full DFA: the gate scans every byte of every document, and the
            // default (a contiguous NFA) is several times slower per byte.
            let gate = aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&pats)
                .map_err(|e| format!("times gate failed to build: {e}"))?;
            let ungated = GATES.iter().map(|g| g.is_empty()).collect();
            for h in lex::holidays()? {
                let l = h.name.to_ascii_lowercase();
                if !HOLIDAY_GATE.iter().any(|g| l.contains(g)) {
                    return Err(format!(
                        "data/times/holidays.tsv: `{}` holds none of the gate words {HOLIDAY_GATE:?}\nhelp: add one of its words to HOLIDAY_GATE in times/rules.rs",
                        h.name
                    ));
                }
            }
            Ok(Rules {
                list,
                gate,
                gate_rule,
                ungated,
            })
        })
        .as_ref()
        .map_err(|e| e.clone())
}

fn build() -> Result<Vec<Rule>, String> {
    let mon = format!("(?:(?:{MONFULL}){B}|(?:{MONABBR})(?:\\.|{B}))");
    let wda =
        format!("(?:(?:{WDFULL}){B}|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)(?:\\.|{B}))");
    let day = format!("(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?{B}");
    let year = format!("(?:19|20)[0-9]{{2}}{B}");
    let numw = lex::number_words_re();
    let spelled = lex::spelled_year_re();
    let ordw = lex::ordinal_words_re();
    let holidays = lex::holidays()?
        .iter()
        .map(|h| {
            regex::escape(h.name)
                .replace("'s", "(?:'|’)?s")
                .replace(' ', "\\s+")
        })
        .collect::<Vec<_>>()
        .join("|");
    let quant = format!(
        "(?:[0-9]+(?:[.][0-9]+)?|{numw}|a\\s+couple\\s+of|couple\\s+of|a\\s+few|few|several|a\\s+dozen|dozens\\s+of|a\\s+number\\s+of|half\\s+an?|an?)"
    );
    let mods = "more\\s+than|less\\s+than|fewer\\s+than|nearly|almost|about|around|roughly|approximately|at\\s+least|at\\s+most|up\\s+to|just\\s+over|just\\s+under|the\\s+(?:past|last|next|coming|previous|following|first|final|latest|remaining)";
    let unit = "seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries";
    let yearref = "(?:(?:the\\s+)?(last|this|next|current|previous|past)\\s+year|the\\s+(year)|((?:19|20)[0-9]{2}))";
    type H = fn(&Ctx, &Captures, usize, &mut Vec<Cand>);
    let specs: Vec<(String, H)> = vec![
        // September 25, 2020 / Tuesday, Sept. 22 / September 24 2016
        (
            format!("{B}(?:({wda}),?\\s+(?:the\\s+)?)?({mon})\\s+({day})(?:,?\\s+({year}))?"),
            h_month_day,
        ),
        // 25 September 2020 / Wed 05 Apr 2017 / the 3rd of May
        (
            format!("{B}(?:({wda}),?\\s+(?:the\\s+)?)?({day})(?:\\s+of)?\\s+({mon})(?:,?\\s+({year}))?"),
            h_day_month,
        ),
        // 9/25/2020
        (
            format!("{B}([0-9]{{1,2}})/([0-9]{{1,2}})/((?:19|20)?[0-9]{{2}}){B}"),
            h_slash,
        ),
        // 2020-09-25
        (
            format!("{B}((?:19|20)[0-9]{{2}})-([01][0-9])-([0-3][0-9]){B}"),
            h_iso,
        ),
        // September 2020 / early September 2020 / January this year / June last year
        (
            format!("{B}(?:(?i:(early|late|mid|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+start\\s+of|the\\s+middle\\s+of))[\\s-]+)?({mon}),?\\s+(?:of\\s+)?({year}|(?i:last|this|next)\\s+year{B})"),
            h_month_year,
        ),
        // in May / last September / mid-March / the end of June
        (
            format!("{B}(?i:(in|since|until|till|by|from|during|through|throughout|last|next|this|early|late|mid|of|before|after|between|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+start\\s+of|the\\s+middle\\s+of|end|beginning|start|and|to|or))[\\s-]+({MONFULL}){B}"),
            h_month_alone,
        ),
        // in 2001 / the 2001 invasion / late 2019
        (
            format!("(?:{B}(?i:(in|since|of|the|by|until|till|from|during|before|after|through|throughout|early|late|mid|between|around|and|to|year|fiscal|circa|its|his|her|their|our|for|over|a|into|due|both|this|that))|['’]s)[\\s-]+((?:19|20)[0-9]{{2}}){B}"),
            h_year,
        ),
        // 2019's
        (format!("{B}((?:19|20)[0-9]{{2}})(?:'|’)s{B}"), h_year_poss),
        // 2011-2014
        (
            format!("{B}((?:19|20)[0-9]{{2}})[-–]((?:19|20)[0-9]{{2}}){B}"),
            h_year_range,
        ),
        // summer 2019 / the spring of 2018
        (
            format!("{B}(?i:(?:the\\s+)?(spring|summer|autumn|fall|winter))\\s+(?:of\\s+)?((?:19|20)[0-9]{{2}}){B}"),
            h_season_year,
        ),
        // the 1990s / the '90s / the early 2000s
        (
            format!("{B}(?i:(the\\s+)?(?:(early|late|mid)[\\s-]+)?)((?:19|20)[0-9]0|'[0-9]0|[0-9]0)s{B}"),
            h_decade,
        ),
        // today, yesterday, last night, overnight, now, ...
        (
            format!("{B}(?i:(the\\s+day\\s+before\\s+yesterday|the\\s+day\\s+after\\s+tomorrow|(?:earlier|later)\\s+today|today|tonight|yesterday|tomorrow|last\\s+night|overnight|this\\s+(?:morning|afternoon|evening)|now|currently|nowadays|at\\s+present|at\\s+the\\s+moment|these\\s+days|recently|the\\s+near\\s+future|the\\s+(?:near|short|long)\\s+term|the\\s+past|the\\s+future)){B}(?:\\s+(?i:(morning|afternoon|evening|night)){B})?"),
            h_word,
        ),
        // on Tuesday / last Friday / Tuesday night / Fridays
        (
            format!("{B}(?:(?i:(last|next|this|early|late|coming|past))\\s+)?({WDFULL})(s)?{B}(?:\\s+(?i:(morning|afternoon|evening|night))(s)?{B})?"),
            h_weekday,
        ),
        // this week / last year / earlier this month / the past year / the current fiscal
        // year / the full year
        (
            format!("{B}(?i:(?:(earlier|later|early|late)\\s+)?(?:(the)\\s+)?(this|last|next|past|coming|previous|following|current|full)\\s+(?:fiscal\\s+)?(week|weekend|month|year|quarter|decade|century|summer|winter|spring|autumn|fall)){B}"),
            h_relative,
        ),
        // the same time last year
        (
            format!("{B}(?i:(?:the\\s+)?(?:same\\s+(time|period|month|week|day|date)|this\\s+(time))\\s+(?:last\\s+year|a\\s+year\\s+(?:ago|earlier))){B}"),
            h_same_time,
        ),
        // the end of the year / the beginning of last month
        (
            format!("{B}(?i:(?:the\\s+)?(end|beginning|start|middle|rest|remainder)\\s+of\\s+(?:(the|this|last|next)\\s+)?(year|month|week)){B}"),
            h_part_of,
        ),
        // the first six months of last year / the second quarter / the first half of 2019
        (
            format!("{B}(?i:(?:the\\s+)?(?:(?:(?P<py>(?:19|20)[0-9]{{2}})|(?P<pr>year-ago|year-earlier|(?:last|next|this)\\s+year(?:'s|’s)))\\s+)?(first|second|third|fourth|last|final)(?:\\s+|-)(half|quarter|(?:{numw}|[0-9]{{1,2}})\\s+months)(?:\\s+of\\s+{yearref}|,?\\s+((?:19|20)[0-9]{{2}}))?){B}"),
            h_part_year,
        ),
        // Q3 2020
        (
            format!("{B}([QH])([1-4])\\s+((?:19|20)[0-9]{{2}}){B}"),
            h_q_year,
        ),
        // three days / more than a week / the next couple of months / two years ago / two
        // more weeks / eight trading days
        (
            format!("{B}(?i:(?:({mods})\\s+)?({quant})[\\s-]+(?:(?:more|additional|further|extra|trading|business|working)\\s+)?({unit})(\\s+ago|\\s+old|-old|-long|\\s+long|\\s+later|\\s+earlier)?){B}"),
            h_duration,
        ),
        // for days / in recent weeks / the coming days
        (
            format!("{B}(?i:(for|within|in|recent|in\\s+recent|the\\s+coming|the\\s+past|the\\s+last|the\\s+next|past|coming)\\s+(days|weeks|months|years|decades|hours))(?:-long)?{B}"),
            h_bare_plural,
        ),
        // decades-long
        (
            format!("{B}(?i:(days|weeks|months|years|decades)-long){B}"),
            h_plural_long,
        ),
        // 10 a.m. / 3:30 pm
        (
            format!("{B}(?:(?i:about|around|approximately|roughly|shortly\\s+(?:before|after)|just\\s+(?:before|after))\\s+)?(1[0-2]|0?[0-9])(?:[:.]([0-5][0-9]))?\\s*(?i:(a\\.m\\.|p\\.m\\.|(?:am|pm){B}))(?:\\s+(?:local\\s+time|GMT|UTC|[ECMP][SD]T|ET|BST|CET){B})?"),
            h_ampm,
        ),
        // 14:30 (GMT)
        (
            format!("{B}(2[0-3]|[01]?[0-9]):([0-5][0-9]){B}(?:\\s*(?:GMT|UTC|local\\s+time|hrs){B})?"),
            h_clock,
        ),
        // 1400 GMT
        (
            format!("{B}(2[0-3]|[01][0-9])([0-5][0-9])\\s*(?:GMT|UTC|hrs|local\\s+time|hours\\s+(?:GMT|local\\s+time)){B}"),
            h_clock,
        ),
        // noon, midnight
        (format!("{B}(?i:(noon|midday|midnight)){B}"), h_noon),
        // every Friday / each year / every two weeks
        (
            format!("{B}(?i:(every|each)\\s+(?:(other|{numw}|[0-9]+)\\s+)?(day|night|morning|afternoon|evening|week|weekend|month|year|hour|minute|decade|monday|tuesday|wednesday|thursday|friday|saturday|sunday|summer|winter|spring|autumn)s?){B}"),
            h_every,
        ),
        // twice a week / three times a day
        (
            format!("{B}(?i:(?:once|twice|thrice|(?:{numw}|[0-9]+|several|many|a\\s+few)\\s+times)\\s+(?:a|an|per|every|each)\\s+(day|night|week|month|year|hour|minute)){B}"),
            h_times_per,
        ),
        // per day
        (format!("{B}(?i:per\\s+(day|night|week|month|year|hour))"), h_per),
        // daily, weekly (lower-case: "Daily Sabah" is a newspaper)
        (
            format!("{B}(daily|weekly|monthly|annually|yearly|nightly|hourly){B}"),
            h_ly,
        ),
        // Christmas, New Year's Day
        (
            format!("{B}({holidays}){B}"),
            h_holiday,
        ),
        // the next day / that night / the day before
        (
            format!("{B}(?i:(?:the\\s+)?(next|following|previous|preceding|same)\\s+(day|night|morning|evening|afternoon)|the\\s+day\\s+(before|after)|that\\s+(day|night|morning|evening|afternoon)|(?:earlier|later)\\s+(?:in\\s+)?(?:the|that)\\s+(day)){B}"),
            h_anaphoric,
        ),
        // the weekend
        (format!("{B}(?i:the\\s+weekend){B}"), h_weekend),
        // days of fighting / weeks of talks
        (
            format!("{B}(?i:(hours|days|weeks|months|years|decades)\\s+of\\s+([a-z]+)){B}"),
            h_plural_of,
        ),
        // until the summer / in spring
        (
            format!("{B}(?i:(in|until|till|by|during|since|through|over|before|after)\\s+((?:the\\s+)?(spring|summer|autumn|winter))){B}"),
            h_season,
        ),
        // the quarter / the latest quarter / the year-ago period / year-earlier / the 1988
        // quarter / the corresponding period last year / last year's quarter
        (
            format!("{B}(?i:the\\s+(?:(?:latest|most\\s+recent|comparable|corresponding|same|(?P<qy>(?:19|20)[0-9]{{2}}))\\s+)?(?:(?:year-ago|year-earlier|prior-year|previous-year)\\s+)?(?:quarter|period)(?:\\s+(?:(?:of\\s+)?last\\s+year|a\\s+year\\s+(?:ago|earlier)|of\\s+the\\s+(?:previous|prior)\\s+year))?|(?:last|the\\s+previous|the\\s+prior)\\s+year(?:'s|’s)\\s+(?:quarter|period)|year-(?:ago|earlier)){B}"),
            h_quarter_ref,
        ),
        // 9 a.m. EST Tuesday / 15:00 GMT Saturday / 0735 GMT on Friday
        (
            format!("{B}(?:(1[0-2]|0?[0-9])(?:[:.]([0-5][0-9]))?\\s*(?i:(a\\.m\\.|p\\.m\\.|(?:am|pm){B}))|(2[0-3]|[01]?[0-9]):?([0-5][0-9])|(?P<nm>(?i:noon|midday|midnight)))(?:\\s*(?:local\\s+time|GMT|UTC|[ECMP][SD]T|ET|BST|CET){B})?,?\\s+(?P<wd>{WDFULL}){B}"),
            h_clock_day,
        ),
        // the 20th century / the nineteenth century
        (
            format!("{B}(?i:([0-9]{{1,2}}(?:st|nd|rd|th)|{ordw})[\\s-]+century){B}"),
            h_century,
        ),
        // nineteen ninety-six / the year two thousand
        (
            format!("{B}({spelled}){B}"),
            h_spelled_year,
        ),
        // 5 1/2 hours / two and a half years (a half of the unit: the handler's gate
        // words are rare, so the common duration rule stays small)
        (
            format!("{B}(?i:([0-9]+(?:\\s+1/2|½)|(?:{numw})\\s+and\\s+a\\s+half)[\\s-]+({unit})){B}"),
            h_half_duration,
        ),
        // that year / later that year / earlier in the year (the year last named)
        (
            format!("{B}(?i:(?:earlier|later)\\s+(?:in\\s+)?(?:that|the)\\s+year|that\\s+year){B}"),
            h_that_year,
        ),
        // for October / the October attack / a June agreement (never May or March: a
        // rule of its own, gated on the full names, so the common words stay cheap)
        (
            format!("{B}(?i:(for|a|an|the))[\\s-]+(January|February|April|June|July|August|September|October|November|December){B}"),
            h_month_alone,
        ),
        // the nineties / the early sixties
        (
            format!("{B}(?i:the\\s+(?:(?:early|late|mid)[\\s-]+)?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){B}"),
            h_decade_word,
        ),
    ];
    specs
        .into_iter()
        .map(|(p, f)| {
            // A lazy-DFA cache bigger than the default 2 MB: the case-insensitive,
            // Unicode-space rules otherwise refill it on long articles (~10% of the scan).
            regex::RegexBuilder::new(&p)
                .dfa_size_limit(16 << 20)
                .build()
                .map(|re| Rule { re, f })
                .map_err(|e| format!("times rule failed to compile: {e}\npattern: {p}"))
        })
        .collect()
}

// ---------- helpers ----------

fn push(out: &mut Vec<Cand>, s: usize, e: usize, kind: TimeType, v: String, rule: usize) {
    out.push(Cand {
        s,
        e,
        kind,
        val: Val::Fixed(v),
        rule,
    });
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// [`push`] over the whole match.
fn push_match(out: &mut Vec<Cand>, m: &regex::Match, kind: TimeType, v: String, r: usize) {
    push(out, m.start(), m.end(), kind, v, r);
}

fn digits(s: &str) -> Option<u32> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

fn date_str(y: i32, m: u32, d: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(y, m, d).map(lex::ymd)
}

fn wd_num(w: Weekday) -> u32 {
    w.number_from_monday()
}

fn part_code(s: &str) -> Option<&'static str> {
    Some(match s.to_ascii_lowercase().as_str() {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        "night" => "TNI",
        _ => return None,
    })
}

/// True when `w` (lower-case) says the preceding number counts things.
fn is_count_noun(w: &str) -> bool {
    lex::COUNT_NOUNS.contains(&w)
}

// ---------- handlers ----------

fn h_month_day(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(mo), Some(dy)) = (c.get(0), c.get(2), c.get(3)) else {
        return;
    };
    let (Some(m), Some(d)) = (lex::month_num(mo.as_str()), digits(dy.as_str())) else {
        return;
    };
    // "September 11,000" is not a date.
    let rest = &ctx.text[m0.end()..];
    if c.get(4).is_none()
        && (rest.starts_with(|ch: char| ch.is_ascii_digit())
            || (rest.starts_with(',') && rest[1..].starts_with(|ch: char| ch.is_ascii_digit())))
    {
        return;
    }
    emit_ymd(
        ctx,
        c.get(4).map(|y| y.as_str()),
        m,
        d,
        m0.start(),
        m0.end(),
        r,
        out,
    );
}

fn h_day_month(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(dy), Some(mo)) = (c.get(0), c.get(2), c.get(3)) else {
        return;
    };
    let (Some(m), Some(d)) = (lex::month_num(mo.as_str()), digits(dy.as_str())) else {
        return;
    };
    // "killed 12 May ..." is rare; a count noun right before "12" is not.
    emit_ymd(
        ctx,
        c.get(4).map(|y| y.as_str()),
        m,
        d,
        m0.start(),
        m0.end(),
        r,
        out,
    );
}

#[allow(clippy::too_many_arguments)]
fn emit_ymd(
    ctx: &Ctx,
    year: Option<&str>,
    m: u32,
    d: u32,
    s: usize,
    e: usize,
    r: usize,
    out: &mut Vec<Cand>,
) {
    let y = match (year.and_then(|y| y.parse::<i32>().ok()), ctx.dct) {
        (Some(y), _) => y,
        (None, Some(dct)) => lex::year_for(dct, m, Some(d), ctx.tense(s, e)),
        (None, None) => {
            if NaiveDate::from_ymd_opt(2000, m, d).is_some() {
                push(out, s, e, TimeType::Date, format!("XXXX-{m:02}-{d:02}"), r);
            }
            return;
        }
    };
    // "the week of March 6" is that week.
    if let Some(ws) = week_of_before(ctx.text, s) {
        if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
            push(out, ws, e, TimeType::Date, lex::iso_week(day), r);
            return;
        }
    }
    if let Some(v) = date_str(y, m, d) {
        push(out, s, e, TimeType::Date, v, r);
    }
}

/// Where "the week of " ends right before byte `s`, the byte where it starts.
fn week_of_before(text: &str, s: usize) -> Option<usize> {
    let t = text.get(..s)?.trim_end();
    let ends = |t: &str, w: &str| {
        t.len() >= w.len()
            && t.get(t.len() - w.len()..)
                .is_some_and(|x| x.eq_ignore_ascii_case(w))
    };
    if !ends(t, "week of") {
        return None;
    }
    let t = t.get(..t.len() - "week of".len())?.trim_end();
    if !ends(t, "the") {
        return None;
    }
    let start = t.len() - 3;
    // A whole word "the", not the end of "breathe".
    if start > 0 && t.as_bytes()[start - 1].is_ascii_alphanumeric() {
        return None;
    }
    Some(start)
}

fn h_slash(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(a), Some(b), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
        return;
    };
    let (Ok(a), Ok(b), Ok(mut y)) = (
        a.as_str().parse::<u32>(),
        b.as_str().parse::<u32>(),
        y.as_str().parse::<i32>(),
    ) else {
        return;
    };
    if y < 100 {
        y += if y < 50 { 2000 } else { 1900 };
    }
    // US order by default; day first when the first number cannot be a month.
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    if let Some(v) = date_str(y, m, d) {
        push_match(out, &m0, TimeType::Date, v, r);
    }
}

fn h_iso(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(y), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
        return;
    };
    let (Ok(y), Ok(m), Ok(d)) = (
        y.as_str().parse::<i32>(),
        m.as_str().parse::<u32>(),
        d.as_str().parse::<u32>(),
    ) else {
        return;
    };
    if let Some(v) = date_str(y, m, d) {
        push_match(out, &m0, TimeType::Date, v, r);
    }
}

fn h_month_year(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(mo), Some(y)) = (c.get(0), c.get(2), c.get(3)) else {
        return;
    };
    let Some(m) = lex::month_num(mo.as_str()) else {
        return;
    };
    let rel = y.as_str().to_ascii_lowercase();
    let off = if rel.starts_with("last") {
        -1
    } else if rel.starts_with("next") {
        1
    } else {
        0
    };
    let y = if rel.ends_with("year") {
        match ctx.dct {
            Some(d) => format!("{:04}", d.year() + off),
            None => "XXXX".to_string(),
        }
    } else {
        y.as_str().to_string()
    };
    let s = if c.get(1).is_some() {
        m0.start()
    } else {
        mo.start()
    };
    push(out, s, m0.end(), TimeType::Date, format!("{y}-{m:02}"), r);
}

fn h_month_alone(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(p), Some(mo)) = (c.get(0), c.get(1), c.get(2)) else {
        return;
    };
    let Some(m) = lex::month_num(mo.as_str()) else {
        return;
    };
    let prep = p.as_str().to_ascii_lowercase();
    let rest = &ctx.text[m0.end()..];
    // "May's government", "March-led" are names, not months.
    if rest.starts_with("'s") || rest.starts_with("’s") || rest.starts_with('-') {
        return;
    }
    // "for October", "the October attack", "a June agreement": never "May" or "March"
    // (a name, a march), and after an article only before a lower-case noun.
    if matches!(prep.as_str(), "for" | "a" | "an" | "the") {
        if matches!(m, 3 | 5) {
            return;
        }
        let next_lower = rest
            .strip_prefix(' ')
            .and_then(|r| r.chars().next())
            .is_some_and(|ch| ch.is_ascii_lowercase());
        if prep != "for" && !next_lower {
            return;
        }
    }
    // "... and May" / "to March" only in a run of months ("between May and June").
    if matches!(prep.as_str(), "and" | "to" | "or") {
        let (ss, _) = ctx.sentence(m0.start());
        let lo = m0.start().saturating_sub(40).max(ss);
        let lo = (lo..=m0.start())
            .find(|i| ctx.text.is_char_boundary(*i))
            .unwrap_or(m0.start());
        let window = &ctx.text[lo..p.start()];
        if !MONFULL.split('|').any(|mn| window.contains(mn)) {
            return;
        }
    }
    let include = matches!(
        prep.as_str(),
        "last" | "next" | "this" | "early" | "late" | "mid"
    ) || (prep.starts_with("the") && prep != "the");
    let s = if include { m0.start() } else { mo.start() };
    let v = match ctx.dct {
        None => format!("XXXX-{m:02}"),
        Some(dct) => {
            let cur = dct.year() * 12 + dct.month() as i32 - 1;
            let y = match prep.as_str() {
                "last" => (dct.year() - 1..=dct.year())
                    .rev()
                    .find(|y| y * 12 + (m as i32 - 1) < cur)
                    .unwrap_or(dct.year() - 1),
                "next" => (dct.year()..=dct.year() + 1)
                    .find(|y| y * 12 + (m as i32 - 1) > cur)
                    .unwrap_or(dct.year() + 1),
                "this" => dct.year(),
                // "since November" looks back, however far.
                "since" => (dct.year() - 1..=dct.year())
                    .rev()
                    .find(|y| y * 12 + (m as i32 - 1) <= cur)
                    .unwrap_or(dct.year() - 1),
                _ => lex::year_for(dct, m, None, ctx.tense(s, m0.end())),
            };
            format!("{y:04}-{m:02}")
        }
    };
    push(out, s, m0.end(), TimeType::Date, v, r);
}

fn year_is_count(ctx: &Ctx, e: usize) -> bool {
    let rest = &ctx.text[e..];
    let mut it = rest.chars();
    match (it.next(), it.next()) {
        (Some(',' | '.'), Some(d)) if d.is_ascii_digit() => return true,
        (Some('%'), _) => return true,
        _ => {}
    }
    is_count_noun(&ctx.next_word(e))
}

fn h_year(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(y)) = (c.get(0), c.get(2)) else {
        return;
    };
    // A possessive before the year ("the company's 1989 results") has no word group.
    let p = c.get(1).unwrap_or(m0);
    let prep = if c.get(1).is_some() {
        p.as_str().to_ascii_lowercase()
    } else {
        "'s".to_string()
    };
    // After a preposition of time, a verb next ("killings since 1993 were ...") does not
    // make the number a count; a count noun ("in 2000 attacks") still does.
    let timely = matches!(
        prep.as_str(),
        "in" | "since"
            | "until"
            | "till"
            | "during"
            | "before"
            | "after"
            | "through"
            | "throughout"
    ) && matches!(
        ctx.next_word(m0.end()).as_str(),
        "were" | "are" | "have" | "had"
    );
    if !timely && year_is_count(ctx, m0.end()) {
        return;
    }
    if matches!(prep.as_str(), "and" | "to" | "between" | "around") {
        // Only in a run of years ("between 2011 and 2014").
        let lo = p.start().saturating_sub(25);
        let lo = (lo..=p.start())
            .find(|i| ctx.text.is_char_boundary(*i))
            .unwrap_or(p.start());
        let window = &ctx.text[lo..p.start()];
        let has_year = window
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(|b| b.is_ascii_digit()) && (w[0] == b'1' || w[0] == b'2'));
        // "between 1994 and 1997": the run follows.
        let run_after = prep == "between" && {
            let rest = ctx.text[m0.end()..].trim_start();
            rest.strip_prefix("and")
                .map(str::trim_start)
                .is_some_and(|r| {
                    let b = r.as_bytes();
                    b.len() >= 4
                        && b[..4].iter().all(u8::is_ascii_digit)
                        && (b[0] == b'1' || b[0] == b'2')
                })
        };
        if !has_year && !run_after && prep != "around" {
            return;
        }
    }
    let include = matches!(prep.as_str(), "early" | "late" | "mid");
    let s = if include { m0.start() } else { y.start() };
    push(out, s, m0.end(), TimeType::Date, y.as_str().to_string(), r);
}

fn h_year_poss(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    if let Some(y) = c.get(1) {
        push(
            out,
            y.start(),
            y.end(),
            TimeType::Date,
            y.as_str().to_string(),
            r,
        );
    }
}

fn h_year_range(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(a), Some(b)) = (c.get(0), c.get(1), c.get(2)) else {
        return;
    };
    if year_is_count(ctx, m0.end()) {
        return;
    }
    let (Ok(ya), Ok(yb)) = (a.as_str().parse::<i32>(), b.as_str().parse::<i32>()) else {
        return;
    };
    if yb <= ya {
        return;
    }
    push(
        out,
        a.start(),
        a.end(),
        TimeType::Date,
        a.as_str().to_string(),
        r,
    );
    push(
        out,
        b.start(),
        b.end(),
        TimeType::Date,
        b.as_str().to_string(),
        r,
    );
}

fn h_season_year(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(se), Some(y)) = (c.get(0), c.get(1), c.get(2)) else {
        return;
    };
    let Some((code, _)) = lex::season_code(se.as_str()) else {
        return;
    };
    push_match(
        out,
        &m0,
        TimeType::Date,
        format!("{}-{code}", y.as_str()),
        r,
    );
}

/// "That year" is the year last named; "earlier in the year" the year under way.
fn h_that_year(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    if m0.as_str().to_ascii_lowercase().contains("the") {
        let v = ctx
            .dct
            .map_or("XXXX".to_string(), |d| format!("{:04}", d.year()));
        push_match(out, &m0, TimeType::Date, v, r);
        return;
    }
    out.push(Cand {
        s: m0.start(),
        e: m0.end(),
        kind: TimeType::Date,
        val: Val::AnchoredYear(0),
        rule: r,
    });
}

/// "The nineties" is the 1990s (`199`): a decade named in words means the 1900s.
fn h_decade_word(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(w)) = (c.get(0), c.get(1)) else {
        return;
    };
    let lw = w.as_str().to_ascii_lowercase();
    if let Some(i) = lex::DECADE_WORDS.iter().position(|t| *t == lw) {
        push_match(out, &m0, TimeType::Date, format!("19{}", i + 2), r);
    }
}

fn h_decade(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(d)) = (c.get(0), c.get(3)) else {
        return;
    };
    let ds = d.as_str().trim_start_matches('\'');
    let v = if ds.len() == 4 {
        ds[..3].to_string()
    } else {
        // Two digits ("the '90s") only after "the": "in his 50s" is an age.
        if c.get(1).is_none() {
            return;
        }
        format!("19{}", &ds[..1])
    };
    // TimeML keeps the determiner: "the 1990s", "the late 2000s".
    push_match(out, &m0, TimeType::Date, v, r);
}

fn h_word(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(w)) = (c.get(0), c.get(1)) else {
        return;
    };
    let lw = w.as_str().to_ascii_lowercase();
    let lw = lw.split_whitespace().collect::<Vec<_>>().join(" ");
    let part = c.get(2).and_then(|p| part_code(p.as_str()));
    let can_part = matches!(lw.as_str(), "yesterday" | "tomorrow" | "today");
    let (s, e) = (
        m0.start(),
        if can_part && part.is_some() {
            m0.end()
        } else {
            w.end()
        },
    );
    // "USA Today", "Russia Today" are outlets.
    if lw == "today" {
        let pw = ctx.prev_word(s);
        let (ss, _) = ctx.sentence(s);
        let mid_sentence = ctx.text[ss..s].trim().chars().any(char::is_alphanumeric);
        if matches!(pw, "USA" | "Russia" | "Turkey")
            || (w.as_str().starts_with('T')
                && mid_sentence
                && pw.chars().next().is_some_and(char::is_uppercase))
        {
            return;
        }
    }
    let rel = |off: i64, suffix: &str| -> String {
        match ctx.dct.and_then(|d| lex::add_days(d, off)) {
            Some(d) => format!("{}{suffix}", lex::ymd(d)),
            None => format!("XXXX-XX-XX{suffix}"),
        }
    };
    // "in the past" is a time; "the past administrations" is not, nor "in the past
    // three summers" (a count of something follows).
    if (lw == "the past" || lw == "the future")
        && (!matches!(
            ctx.prev_word(s).to_ascii_lowercase().as_str(),
            "in" | "of" | "from" | "into" | "for"
        ) || {
            let nw = ctx.next_word(e);
            nw.starts_with(|ch: char| ch.is_ascii_digit()) || lex::quant(&nw).is_some()
        })
    {
        return;
    }
    let sfx = if can_part { part.unwrap_or("") } else { "" };
    let kind_of = |sfx: &str| {
        if sfx.is_empty() {
            TimeType::Date
        } else {
            TimeType::Time
        }
    };
    let (kind, v) = match lw.as_str() {
        "today" | "earlier today" | "later today" => (kind_of(sfx), rel(0, sfx)),
        "yesterday" => (kind_of(sfx), rel(-1, sfx)),
        "tomorrow" => (kind_of(sfx), rel(1, sfx)),
        "the day before yesterday" => (TimeType::Date, rel(-2, "")),
        "the day after tomorrow" => (TimeType::Date, rel(2, "")),
        "tonight" => (TimeType::Time, rel(0, "TNI")),
        "last night" => (TimeType::Time, rel(-1, "TNI")),
        "this morning" => (TimeType::Time, rel(0, "TMO")),
        "this afternoon" => (TimeType::Time, rel(0, "TAF")),
        "this evening" => (TimeType::Time, rel(0, "TEV")),
        "overnight" => {
            out.push(Cand {
                s,
                e,
                kind: TimeType::Time,
                val: Val::Anchored {
                    offset: 0,
                    suffix: "TNI".into(),
                    scope: Scope::SentenceBefore,
                    fallback: -1,
                },
                rule: r,
            });
            return;
        }
        "now" | "currently" | "nowadays" | "at present" | "at the moment" | "these days" => {
            (TimeType::Date, "PRESENT_REF".to_string())
        }
        "the near future" | "the near term" | "the short term" | "the long term" => {
            (TimeType::Date, "FUTURE_REF".to_string())
        }
        "recently" | "the past" => (TimeType::Date, "PAST_REF".to_string()),
        "the future" => (TimeType::Date, "FUTURE_REF".to_string()),
        _ => return,
    };
    push(out, s, e, kind, v, r);
}

fn h_weekday(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(wdm)) = (c.get(0), c.get(2)) else {
        return;
    };
    let Some(wd) = lex::weekday(wdm.as_str()) else {
        return;
    };
    // Newspapers: "Sunday Times", "Mail on Sunday".
    let nw = ctx.next_word(wdm.end());
    if matches!(
        nw.as_str(),
        "times" | "telegraph" | "express" | "mirror" | "herald"
    ) {
        return;
    }
    if ctx.text[..wdm.start()].ends_with("Mail on ") {
        return;
    }
    let pw = ctx.prev_word(wdm.start()).to_ascii_lowercase();
    let plural_set = matches!(pw.as_str(), "on" | "every" | "most" | "some" | "all" | "by");
    // Without one of those, "Sundays bombardment" is a possessive whose apostrophe was
    // stripped (as in the FA-KES texts): read it as the day.
    // "Tuesday nights": every Tuesday night.
    if let (Some(p), Some(ps), None) = (c.get(4), c.get(5), c.get(1)) {
        let sfx = part_code(p.as_str()).unwrap_or("");
        push(
            out,
            wdm.start(),
            ps.end(),
            TimeType::Set,
            format!("XXXX-WXX-{}{sfx}", wd_num(wd)),
            r,
        );
        return;
    }
    if c.get(3).is_some() && plural_set {
        // "on Fridays": a set. (A trailing part of day is left out of the span.)
        let e = c.get(3).map_or(wdm.end(), |p| p.end());
        push(
            out,
            wdm.start(),
            e,
            TimeType::Set,
            format!("XXXX-WXX-{}", wd_num(wd)),
            r,
        );
        return;
    }
    let rel = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
    let part = c.get(4).and_then(|p| part_code(p.as_str()));
    let s = if rel.is_some() {
        m0.start()
    } else {
        wdm.start()
    };
    let e = m0.end();
    let (kind, sfx) = match part {
        Some(p) => (TimeType::Time, p),
        None => (TimeType::Date, ""),
    };
    let Some(dct) = ctx.dct else {
        push(out, s, e, kind, format!("XXXX-WXX-{}{sfx}", wd_num(wd)), r);
        return;
    };
    let date = match rel.as_deref() {
        // "last Monday" said on a Wednesday is the Monday of the week before: a day of
        // the working week under way would be plain "Monday". At the weekend, the week
        // just ended is "last week" ("last Friday" on a Sunday is two days before).
        Some("last") | Some("past") => lex::weekday_date(dct, wd, Tense::Past).and_then(|d| {
            let midweek = dct.weekday().num_days_from_monday() < 5;
            if d == dct || (midweek && d.iso_week() == dct.iso_week()) {
                lex::add_days(d, -7)
            } else {
                Some(d)
            }
        }),
        Some("next") | Some("coming") => lex::weekday_date(dct, wd, Tense::Future).and_then(|d| {
            if d == dct {
                lex::add_days(d, 7)
            } else {
                Some(d)
            }
        }),
        _ => {
            let t = ctx.tense(s, e);
            lex::weekday_date(dct, wd, t)
        }
    };
    if let Some(d) = date {
        push(out, s, e, kind, format!("{}{sfx}", lex::ymd(d)), r);
    }
}

fn h_relative(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(rel), Some(u)) = (c.get(0), c.get(3), c.get(4)) else {
        return;
    };
    let rel = rel.as_str().to_ascii_lowercase();
    let u = u.as_str().to_ascii_lowercase();
    let the = c.get(2).is_some();
    let (s, e) = (m0.start(), m0.end());
    if ctx.text[e..].starts_with('-') {
        return;
    }
    if u == "fall" && (the || !matches!(rel.as_str(), "this" | "last" | "next")) {
        return;
    }
    // "the full year" (of a report) is the year under way; "full" says nothing of others.
    if rel == "full" && !(the && u == "year") {
        return;
    }
    // "the past year", "the coming week": a duration.
    if the && matches!(rel.as_str(), "past" | "last" | "next" | "coming") && c.get(1).is_none() {
        let v = match u.as_str() {
            "week" => "P1W",
            "month" => "P1M",
            "year" => "P1Y",
            "quarter" => "P3M",
            "decade" => "P10Y",
            "century" => "P1CE",
            "weekend" => "P1WE",
            _ => "",
        };
        if !v.is_empty() {
            push(out, s, e, TimeType::Duration, v.to_string(), r);
            return;
        }
    }
    if the
        && matches!(u.as_str(), "year" | "month")
        && matches!(rel.as_str(), "previous" | "following")
    {
        let off = if rel == "previous" { -1 } else { 1 };
        out.push(Cand {
            s,
            e,
            kind: TimeType::Date,
            val: if u == "year" {
                Val::AnchoredYear(off)
            } else {
                Val::AnchoredMonth(off)
            },
            rule: r,
        });
        return;
    }
    let n: i64 = match rel.as_str() {
        "this" | "current" | "full" => 0,
        "last" | "past" | "previous" => -1,
        _ => 1,
    };
    let Some(dct) = ctx.dct else {
        let v = match u.as_str() {
            "week" => "XXXX-WXX",
            "weekend" => "XXXX-WXX-WE",
            "month" => "XXXX-XX",
            "year" => "XXXX",
            "quarter" => "XXXX-QX",
            "decade" => "XXX",
            "century" => "XX",
            _ => "XXXX-XX",
        };
        push(out, s, e, TimeType::Date, v.to_string(), r);
        return;
    };
    let v = match u.as_str() {
        "week" => lex::add_days(dct, 7 * n).map(lex::iso_week),
        "weekend" => {
            let base = if n < 0 {
                lex::add_days(dct, -7)
            } else {
                lex::add_days(dct, 7 * n)
            };
            base.map(|d| format!("{}-WE", lex::iso_week(d)))
        }
        "month" => {
            let (y, m) = lex::shift_month(dct.year(), dct.month(), n);
            Some(format!("{y:04}-{m:02}"))
        }
        "year" => Some(format!("{:04}", dct.year() as i64 + n)),
        "quarter" => {
            let (y, m) = lex::shift_month(dct.year(), dct.month(), 3 * n);
            Some(format!("{y:04}-Q{}", lex::quarter(m)))
        }
        "decade" => Some(format!("{:03}", dct.year() as i64 / 10 + n)),
        "century" => Some(format!("{:02}", dct.year() as i64 / 100 + n)),
        season => lex::season_code(season)
            .map(|(code, sm)| lex::season_value(dct, sm, code, n.signum() as i32)),
    };
    if let Some(v) = v {
        push(out, s, e, TimeType::Date, v, r);
    }
}

fn h_same_time(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    let u = c
        .get(1)
        .or(c.get(2))
        .map(|m| m.as_str().to_ascii_lowercase())
        .unwrap_or_default();
    let v = match ctx.dct {
        None => "XXXX-XX".to_string(),
        Some(dct) => match u.as_str() {
            "week" => match lex::add_months(dct, -12) {
                Some(d) => lex::iso_week(d),
                None => return,
            },
            "day" | "date" => match lex::add_months(dct, -12) {
                Some(d) => lex::ymd(d),
                None => return,
            },
            _ => format!("{:04}-{:02}", dct.year() - 1, dct.month()),
        },
    };
    push_match(out, &m0, TimeType::Date, v, r);
}

fn h_part_of(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(u)) = (c.get(0), c.get(3)) else {
        return;
    };
    // "the end of the week-long truce": the unit belongs to a compound.
    if ctx.text[m0.end()..].starts_with('-') {
        return;
    }
    let rel = c.get(2).map(|m| m.as_str().to_ascii_lowercase());
    let n: i64 = match rel.as_deref() {
        Some("last") => -1,
        Some("next") => 1,
        _ => 0,
    };
    let v = match (ctx.dct, u.as_str().to_ascii_lowercase().as_str()) {
        (None, "year") => "XXXX".to_string(),
        (None, "month") => "XXXX-XX".to_string(),
        (None, _) => "XXXX-WXX".to_string(),
        (Some(d), "year") => format!("{:04}", d.year() as i64 + n),
        (Some(d), "month") => {
            let (y, m) = lex::shift_month(d.year(), d.month(), n);
            format!("{y:04}-{m:02}")
        }
        (Some(d), _) => match lex::add_days(d, 7 * n) {
            Some(x) => lex::iso_week(x),
            None => return,
        },
    };
    push_match(out, &m0, TimeType::Date, v, r);
}

fn h_part_year(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(ord), Some(part)) = (c.get(0), c.get(3), c.get(4)) else {
        return;
    };
    let ord = ord.as_str().to_ascii_lowercase();
    let part = part.as_str().to_ascii_lowercase();
    // A year or a relative year before the ordinal: "the 1988 third quarter", "the
    // year-ago third quarter", "next year's first quarter".
    let pre_year: Option<i64> = c.name("py").and_then(|y| y.as_str().parse().ok());
    let pre = c.name("pr").map(|m| m.as_str().to_ascii_lowercase());
    // "year-ago" / "year-earlier": the same quarter a year before the one meant.
    let year_ago = pre.as_deref().is_some_and(|l| l.starts_with("year-"));
    let pre_rel: Option<i64> = pre.as_deref().and_then(|l| {
        if l.starts_with("next") {
            Some(1)
        } else if l.starts_with("this") {
            Some(0)
        } else if l.starts_with("last") {
            Some(-1)
        } else {
            None
        }
    });
    let has_year = c.get(5).is_some()
        || c.get(6).is_some()
        || c.get(7).is_some()
        || c.get(8).is_some()
        || pre_year.is_some()
        || pre.is_some();
    let months = part.ends_with("months");
    // "the last three months" without a year is a duration (another rule).
    if !has_year && (months || matches!(ord.as_str(), "last" | "final")) {
        return;
    }
    // "the first nine months of 1997" is a duration and a date, as TimeML marks it:
    // `P9M` over "the first nine months", the year by its own rule ("the year" here).
    // Three and six months from either end are a quarter and a half (`1997-H1`), which
    // TIMEX3 names as one date.
    let n_months = part.split_whitespace().next().and_then(lex::quant);
    let calendar_unit = matches!(n_months, Some(Quant::N(n)) if n == 3.0 || n == 6.0)
        && matches!(ord.as_str(), "first" | "last" | "final");
    if months && !calendar_unit {
        let (Some(n), Some(pm)) = (n_months, c.get(4)) else {
            return;
        };
        if let Some(v) = duration_value(n, "months") {
            push(out, m0.start(), pm.end(), TimeType::Duration, v, r);
        }
        if let (Some(y), Some(dct)) = (c.get(6), ctx.dct) {
            let head = ctx.text[..y.start()].trim_end();
            if head.len() >= 3 && head[head.len() - 3..].eq_ignore_ascii_case("the") {
                let s = head.len() - 3;
                push(
                    out,
                    s,
                    y.end(),
                    TimeType::Date,
                    format!("{:04}", dct.year()),
                    r,
                );
            }
        }
        return;
    }
    let year: Option<i64> = if let Some(y) = c.get(7).or(c.get(8)) {
        y.as_str().parse().ok()
    } else if pre_year.is_some() {
        pre_year
    } else if let Some(off) = pre_rel {
        ctx.dct.map(|d| d.year() as i64 + off)
    } else {
        ctx.dct.map(|d| {
            let y = d.year() as i64;
            match c.get(5).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
                Some("last") | Some("previous") | Some("past") => y - 1,
                Some("next") => y + 1,
                Some(_) => y,
                // No year at all ("third-quarter profit"): the latest such quarter or
                // half that has begun by publication (TimeML reads business reports so).
                None => {
                    let k: u32 = match ord.as_str() {
                        "first" => 1,
                        "second" => 2,
                        "third" => 3,
                        _ => 4,
                    };
                    let start_month = match part.as_str() {
                        "quarter" => 3 * k - 2,
                        "half" => 6 * k.min(2) - 5,
                        _ => 1,
                    };
                    if start_month > d.month() {
                        y - 1
                    } else {
                        y
                    }
                }
            }
        })
    };
    let year = year.map(|y| if year_ago { y - 1 } else { y });
    let ys = year.map_or("XXXX".to_string(), |y| format!("{y:04}"));
    let k: u32 = match ord.as_str() {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        _ => 0, // last / final
    };
    let v = if part == "half" {
        let k = if k == 0 { 2 } else { k };
        if k > 2 {
            return;
        }
        format!("{ys}-H{k}")
    } else if part == "quarter" {
        let k = if k == 0 { 4 } else { k };
        format!("{ys}-Q{k}")
    } else {
        let n = part.split_whitespace().next().unwrap_or("");
        match (n, k) {
            ("three" | "3", 1) => format!("{ys}-Q1"),
            ("three" | "3", 0) => format!("{ys}-Q4"),
            ("six" | "6", 1) => format!("{ys}-H1"),
            ("six" | "6", 0) => format!("{ys}-H2"),
            _ => ys,
        }
    };
    push_match(out, &m0, TimeType::Date, v, r);
}

fn h_q_year(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(q), Some(n), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) else {
        return;
    };
    if q.as_str() == "H" && n.as_str() > "2" {
        return;
    }
    push_match(
        out,
        &m0,
        TimeType::Date,
        format!("{}-{}{}", y.as_str(), q.as_str(), n.as_str()),
        r,
    );
}

/// Duration value for `q` units of `unit` (singular or plural, lower-case).
fn duration_value(q: Quant, unit: &str) -> Option<String> {
    let u = unit.trim_end_matches('s');
    let u = if unit == "centuries" { "century" } else { u };
    // "5 1/2 hours" = PT5H30M, "2 1/2 years" = P2Y6M.
    if let Quant::N(n) = q {
        if n > 1.0 && n.fract() != 0.0 {
            if let Some(v) = lex::split_fraction(n, u) {
                return Some(v);
            }
        }
    }
    // Half units read better in the next unit down.
    if q == Quant::N(0.5) {
        return Some(
            match u {
                "hour" => "PT30M",
                "day" => "PT12H",
                "year" => "P6M",
                "month" => "P2W",
                "minute" => "PT30S",
                _ => return None,
            }
            .to_string(),
        );
    }
    Some(match u {
        "second" => format!("PT{}S", q.render(1.0)),
        "minute" => format!("PT{}M", q.render(1.0)),
        "hour" => format!("PT{}H", q.render(1.0)),
        "day" => format!("P{}D", q.render(1.0)),
        "week" => format!("P{}W", q.render(1.0)),
        "fortnight" => format!("P{}W", q.render(2.0)),
        "month" => format!("P{}M", q.render(1.0)),
        "quarter" => format!("P{}Q", q.render(1.0)),
        "year" => format!("P{}Y", q.render(1.0)),
        // A known number of decades in years, as ISO 8601 and TimeBank write it ("two
        // decades" = P20Y); an unknown number keeps TimeML's decade unit (PXDE).
        "decade" if q.int().is_some() => format!("P{}Y", q.render(10.0)),
        "decade" => format!("P{}DE", q.render(1.0)),
        "century" => format!("P{}CE", q.render(1.0)),
        _ => return None,
    })
}

fn h_duration(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(qm), Some(um)) = (c.get(0), c.get(2), c.get(3)) else {
        return;
    };
    let Some(q) = lex::quant(qm.as_str()) else {
        return;
    };
    let unit = um.as_str().to_ascii_lowercase();
    // "two quarters" of a year, never "three quarters of the vote" or "a quarter" (a
    // fraction).
    if unit.starts_with("quarter")
        && (ctx.next_word(um.end()) == "of"
            || matches!(q, Quant::N(n) if n < 2.0)
            || ctx.text[um.end()..].starts_with('-')
            || ctx.text[qm.end()..um.start()].contains('-'))
    {
        return;
    }
    // "a second betrayal", "a second group": the ordinal, not a duration.
    if unit == "second" && c.get(4).is_none() {
        let nw = ctx.next_word(um.end());
        if nw.starts_with(|ch: char| ch.is_ascii_alphabetic())
            && !matches!(
                nw.as_str(),
                "later" | "earlier" | "or" | "and" | "before" | "after"
            )
        {
            return;
        }
    }
    let suffix = c.get(4).map(|m| {
        m.as_str()
            .trim()
            .trim_start_matches('-')
            .to_ascii_lowercase()
    });
    // Ages: "a 38-year-old", "five years old".
    if suffix.as_deref() == Some("old") || ctx.text[um.end()..].starts_with(" of age") {
        return;
    }
    let start = c.get(1).map_or(qm.start(), |m| m.start());
    // "300 a day", "per year": a rate, not a duration.
    let qs = qm.as_str().to_ascii_lowercase();
    // ("up from seven a year ago" is a date: "ago" and "earlier" make it one.)
    if (qs == "a" || qs == "an") && c.get(1).is_none() && c.get(4).is_none() {
        let pw = ctx.prev_word(qm.start()).to_ascii_lowercase();
        if pw.chars().next().is_some_and(|ch| ch.is_ascii_digit()) || lex::quant(&pw).is_some() {
            if let Some(v) = duration_value(Quant::N(1.0), &unit) {
                push(out, qm.start(), um.end(), TimeType::Set, v, r);
            }
            return;
        }
    }
    let u1 = unit.trim_end_matches('s');
    match suffix.as_deref() {
        Some("ago") => {
            let v = match (ctx.dct, q.int()) {
                (Some(d), Some(n)) => match u1 {
                    "day" => lex::add_days(d, -n).map(lex::ymd),
                    "week" => lex::add_days(d, -7 * n).map(lex::iso_week),
                    "month" => {
                        let (y, m) = lex::shift_month(d.year(), d.month(), -n);
                        Some(format!("{y:04}-{m:02}"))
                    }
                    "year" => Some(format!("{:04}", d.year() as i64 - n)),
                    "decade" => Some(format!("{:03}", (d.year() as i64 - 10 * n) / 10)),
                    "hour" | "minute" | "second" => Some(lex::ymd(d)),
                    _ => None,
                },
                _ => Some("PAST_REF".to_string()),
            };
            if let Some(v) = v {
                push(out, start, m0.end(), TimeType::Date, v, r);
            }
        }
        Some("later") | Some("earlier") if u1 == "year" && q.int().is_some() => {
            let n = q.int().unwrap_or(0);
            let off = if suffix.as_deref() == Some("later") {
                n
            } else {
                -n
            };
            out.push(Cand {
                s: start,
                e: m0.end(),
                kind: TimeType::Date,
                val: Val::AnchoredYear(off),
                rule: r,
            });
        }
        Some("later") | Some("earlier") if u1 == "day" && q.int().is_some() => {
            let n = q.int().unwrap_or(0);
            let off = if suffix.as_deref() == Some("later") {
                n
            } else {
                -n
            };
            out.push(Cand {
                s: start,
                e: m0.end(),
                kind: TimeType::Date,
                val: Val::Anchored {
                    offset: off,
                    suffix: String::new(),
                    scope: Scope::Document,
                    fallback: off,
                },
                rule: r,
            });
        }
        _ => {
            let mut e = match suffix.as_deref() {
                Some("long") => m0.end(),
                _ => um.end(),
            };
            // "an hour and a half", "a minute and a half".
            let mut q = q;
            if let (None, Some(n)) = (suffix.as_deref(), q.int()) {
                let rest = &ctx.text[um.end()..];
                let half = " and a half";
                if rest.len() >= half.len()
                    && rest.is_char_boundary(half.len())
                    && rest[..half.len()].eq_ignore_ascii_case(half)
                {
                    q = Quant::N(n as f64 + 0.5);
                    e = um.end() + half.len();
                }
            }
            if let Some(v) = duration_value(q, &unit) {
                push(out, start, e, TimeType::Duration, v, r);
            }
        }
    }
}

/// "5 1/2 hours" = `PT5H30M`, "two and a half years" = `P2Y6M`.
fn h_half_duration(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(q), Some(u)) = (c.get(0), c.get(1), c.get(2)) else {
        return;
    };
    let Some(q) = lex::quant(q.as_str()) else {
        return;
    };
    if let Some(v) = duration_value(q, &u.as_str().to_ascii_lowercase()) {
        push_match(out, &m0, TimeType::Duration, v, r);
    }
}

fn h_bare_plural(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(p), Some(u)) = (c.get(0), c.get(1), c.get(2)) else {
        return;
    };
    let lp = p.as_str().to_ascii_lowercase();
    let s = if matches!(lp.as_str(), "for" | "within" | "in") {
        u.start()
    } else if lp.starts_with("in") {
        // "in recent weeks": the span starts at "recent".
        p.start() + p.as_str().rfind("recent").unwrap_or(0)
    } else {
        p.start()
    };
    if let Some(v) = duration_value(Quant::X, &u.as_str().to_ascii_lowercase()) {
        push(out, s, m0.end(), TimeType::Duration, v, r);
    }
}

fn h_plural_long(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(u)) = (c.get(0), c.get(1)) else {
        return;
    };
    if let Some(v) = duration_value(Quant::X, &u.as_str().to_ascii_lowercase()) {
        push_match(out, &m0, TimeType::Duration, v, r);
    }
}

fn anchored(s: usize, e: usize, suffix: String, r: usize) -> Cand {
    Cand {
        s,
        e,
        kind: TimeType::Time,
        val: Val::Anchored {
            offset: 0,
            suffix,
            scope: Scope::Near,
            fallback: 0,
        },
        rule: r,
    }
}

fn h_ampm(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(h), Some(ap)) = (c.get(0), c.get(1), c.get(3)) else {
        return;
    };
    let Ok(mut h) = h.as_str().parse::<u32>() else {
        return;
    };
    let min = c.get(2).map_or("00", |m| m.as_str());
    let pm = ap.as_str().to_ascii_lowercase().starts_with('p');
    if h == 12 {
        h = 0;
    }
    if pm {
        h += 12;
    }
    out.push(anchored(m0.start(), m0.end(), format!("T{h:02}:{min}"), r));
}

fn h_clock(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(h), Some(mi)) = (c.get(0), c.get(1), c.get(2)) else {
        return;
    };
    let Ok(h) = h.as_str().parse::<u32>() else {
        return;
    };
    out.push(anchored(
        m0.start(),
        m0.end(),
        format!("T{h:02}:{}", mi.as_str()),
        r,
    ));
}

fn h_noon(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    let t = match m0.as_str().to_ascii_lowercase().as_str() {
        "midnight" => "T24:00",
        _ => "T12:00",
    };
    out.push(anchored(m0.start(), m0.end(), t.to_string(), r));
}

fn set_unit(u: &str, n: &str) -> Option<String> {
    let u = u.to_ascii_lowercase();
    let u = u.trim_end_matches('s');
    if let Some(wd) = lex::weekday(u).filter(|_| u.len() > 5) {
        return Some(format!("XXXX-WXX-{}", wd_num(wd)));
    }
    if let Some(m) = lex::month_num(u).filter(|_| u.len() > 3) {
        return Some(format!("XXXX-{m:02}"));
    }
    if let Some((code, _)) = lex::season_code(u) {
        return Some(format!("XXXX-{code}"));
    }
    if let Some(p) = part_code(u) {
        return Some(format!("XXXX-XX-XX{p}"));
    }
    if u == "weekend" {
        return Some("XXXX-WXX-WE".into());
    }
    let q = match n {
        "" => Quant::N(1.0),
        "other" => Quant::N(2.0),
        n => lex::quant(n)?,
    };
    duration_value(q, u)
}

fn h_every(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(u)) = (c.get(0), c.get(3)) else {
        return;
    };
    let n = c
        .get(2)
        .map_or(String::new(), |m| m.as_str().to_ascii_lowercase());
    if let Some(v) = set_unit(u.as_str(), &n) {
        push_match(out, &m0, TimeType::Set, v, r);
    }
}

fn h_times_per(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(u)) = (c.get(0), c.get(1)) else {
        return;
    };
    if let Some(v) = set_unit(u.as_str(), "") {
        push_match(out, &m0, TimeType::Set, v, r);
    }
}

fn h_per(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    h_times_per(_ctx, c, r, out)
}

fn h_ly(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    let v = match m0.as_str() {
        "daily" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "annually" | "yearly" => "P1Y",
        "nightly" => "XXXX-XX-XXTNI",
        "hourly" => "PT1H",
        _ => return,
    };
    push_match(out, &m0, TimeType::Set, v.to_string(), r);
}

fn h_holiday(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    let key = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(['’', '\''], "")
            .to_ascii_lowercase()
    };
    let t = key(m0.as_str());
    let Ok(list) = lex::holidays() else {
        return;
    };
    let Some(h) = list.iter().find(|h| key(h.name) == t) else {
        return;
    };
    let (s, e) = (m0.start(), m0.end());
    let Some(dct) = ctx.dct else {
        if let lex::HolidayDay::Fixed(d) = h.day {
            push(
                out,
                s,
                e,
                TimeType::Date,
                format!("XXXX-{:02}-{d:02}", h.month),
                r,
            );
        }
        return;
    };
    // The year by this year's date of the holiday, then that year's date.
    let Some(this_year) = h.date(dct.year()) else {
        return;
    };
    let y = lex::year_for(dct, h.month, Some(this_year.day()), ctx.tense(s, e));
    if let Some(d) = h.date(y) {
        push(out, s, e, TimeType::Date, lex::ymd(d), r);
    }
}

/// "the 20th century" = `19`, "the nineteenth century" = `18` (TimeML writes a century as
/// its first two digits).
fn h_century(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(o)) = (c.get(0), c.get(1)) else {
        return;
    };
    let Some(n) = lex::ordinal(o.as_str()).filter(|n| (1..=30).contains(n)) else {
        return;
    };
    // The determiner belongs to the span, as TimeML marks "the 1990s".
    let s = words_before(ctx.text, m0.start(), &["the"]).unwrap_or(m0.start());
    push(out, s, m0.end(), TimeType::Date, format!("{:02}", n - 1), r);
}

/// Where the words `words` (case-insensitive, one space or more between them) end right
/// before byte `s`: the start of the first of them, or `None`. The rules' patterns do not
/// carry such optional lead-ins, so that they start with their rare literal words.
fn words_before(text: &str, s: usize, words: &[&str]) -> Option<usize> {
    let mut at = s;
    for w in words.iter().rev() {
        let head = text.get(..at)?;
        let trimmed = head.trim_end();
        if trimmed.len() == head.len() || trimmed.len() < w.len() {
            return None;
        }
        let start = trimmed.len() - w.len();
        let cand = trimmed.get(start..)?;
        let boundary = trimmed[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if !cand.eq_ignore_ascii_case(w) || !boundary {
            return None;
        }
        at = start;
    }
    Some(at)
}

/// A year in words: "nineteen ninety-six", "the year two thousand". "Two thousand" is a
/// year only after "the year" or a temporal preposition and never before a count noun.
fn h_spelled_year(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    let Some(y) = lex::spelled_year(m0.as_str()) else {
        return;
    };
    if year_is_count(ctx, m0.end()) {
        return;
    }
    // "January nineteen ninety-seven".
    let pw = ctx.prev_word(m0.start());
    if let Some(m) = lex::month_num(pw).filter(|_| pw.len() >= 3 && is_capitalised(pw)) {
        let s = m0.start()
            - (ctx.text[..m0.start()].len() - ctx.text[..m0.start()].trim_end().len())
            - pw.len();
        push(
            out,
            s,
            m0.end(),
            TimeType::Date,
            format!("{y:04}-{m:02}"),
            r,
        );
        return;
    }
    // "the winter of nineteen ninety-four": the season's span and value.
    for season in ["spring", "summer", "autumn", "fall", "winter"] {
        let s = words_before(ctx.text, m0.start(), &["the", season, "of"])
            .or_else(|| words_before(ctx.text, m0.start(), &[season, "of"]));
        if let (Some(s), Some((code, _))) = (s, lex::season_code(season)) {
            push(
                out,
                s,
                m0.end(),
                TimeType::Date,
                format!("{y:04}-{code}"),
                r,
            );
            return;
        }
    }
    // "the year two thousand": the lead-in belongs to the span.
    let the_year = words_before(ctx.text, m0.start(), &["the", "year"]);
    if let Some(s) = the_year {
        push(out, s, m0.end(), TimeType::Date, format!("{y:04}"), r);
        return;
    }
    if y >= 2000 {
        let pw = ctx.prev_word(m0.start()).to_ascii_lowercase();
        if !matches!(
            pw.as_str(),
            "in" | "since" | "by" | "until" | "before" | "after" | "of" | "during"
        ) {
            return;
        }
    }
    push_match(out, &m0, TimeType::Date, format!("{y:04}"), r);
}

fn h_anaphoric(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    let (off, part) = if let (Some(rel), Some(p)) = (c.get(1), c.get(2)) {
        let off = match rel.as_str().to_ascii_lowercase().as_str() {
            "next" | "following" => 1,
            "previous" | "preceding" => -1,
            _ => 0,
        };
        (off, p.as_str().to_ascii_lowercase())
    } else if let Some(ba) = c.get(3) {
        let off = if ba.as_str().eq_ignore_ascii_case("before") {
            -1
        } else {
            1
        };
        (off, "day".to_string())
    } else if let Some(p) = c.get(4).or(c.get(5)) {
        (0, p.as_str().to_ascii_lowercase())
    } else {
        return;
    };
    let sfx = part_code(&part).unwrap_or("").to_string();
    out.push(Cand {
        s: m0.start(),
        e: m0.end(),
        kind: if sfx.is_empty() {
            TimeType::Date
        } else {
            TimeType::Time
        },
        val: Val::Anchored {
            offset: off,
            suffix: sfx,
            scope: Scope::Document,
            fallback: off,
        },
        rule: r,
    });
}

fn h_weekend(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    let v = match ctx.dct {
        None => "XXXX-WXX-WE".to_string(),
        Some(d) => {
            let on_weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
            let base = match ctx.tense(m0.start(), m0.end()) {
                Tense::Future => Some(d),
                _ if on_weekend => Some(d),
                _ => lex::add_days(d, -7),
            };
            match base {
                Some(b) => format!("{}-WE", lex::iso_week(b)),
                None => return,
            }
        }
    };
    push_match(out, &m0, TimeType::Date, v, r);
}

fn h_plural_of(_ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(u), Some(w)) = (c.get(1), c.get(2)) else {
        return;
    };
    // "years of age" is an age; "the days of the week" names days.
    if matches!(
        w.as_str().to_ascii_lowercase().as_str(),
        "age" | "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my"
    ) {
        return;
    }
    if let Some(v) = duration_value(Quant::X, &u.as_str().to_ascii_lowercase()) {
        push(out, u.start(), u.end(), TimeType::Duration, v, r);
    }
}

fn h_season(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(span), Some(se)) = (c.get(0), c.get(2), c.get(3)) else {
        return;
    };
    // "the summer offensive" is fine; "summer 2019" is another rule's (longer) match.
    let Some((code, start_month)) = lex::season_code(se.as_str()) else {
        return;
    };
    let v = match ctx.dct {
        None => format!("XXXX-{code}"),
        Some(d) => {
            let cur = lex::season_start(d);
            let is_current = cur.1 == start_month;
            let rel = match ctx.tense(span.start(), m0.end()) {
                _ if is_current => 0,
                Tense::Past => -1,
                Tense::Future => 1,
                Tense::Unknown => 0,
            };
            lex::season_value(d, start_month, code, rel)
        }
    };
    push(out, span.start(), m0.end(), TimeType::Date, v, r);
}

fn h_quarter_ref(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let Some(m0) = c.get(0) else {
        return;
    };
    let e = m0.end();
    let l = m0.as_str().to_ascii_lowercase();
    // "year-ago" and "year-earlier" qualify what follows; "year-old" never matches.
    if l.starts_with("year-") && ctx.text[e..].starts_with('-') {
        return;
    }
    let back = [
        "year-",
        "last year",
        "a year",
        "previous year",
        "prior year",
    ]
    .iter()
    .any(|w| l.contains(w));
    let year = c.name("qy").and_then(|y| y.as_str().parse::<i64>().ok());
    let q = if l.contains("latest") || l.contains("most recent") {
        QuarterRef::Latest
    } else if let Some(y) = year {
        QuarterRef::InYear(y)
    } else if back {
        QuarterRef::Back(1)
    } else if l.ends_with("period")
        || l.contains("comparable")
        || l.contains("corresponding")
        || l.contains("same")
    {
        // "the period", "the same quarter" alone: no quarter to name.
        return;
    } else {
        QuarterRef::Back(0)
    };
    out.push(Cand {
        s: m0.start(),
        e,
        kind: TimeType::Date,
        val: Val::AnchoredQuarter(q),
        rule: r,
    });
}

/// A clock time with its day: "9 a.m. EST Tuesday", "15:00 GMT Saturday", "noon
/// Saturday" (the zone is kept in the span, as TimeML does, and not in the value).
fn h_clock_day(ctx: &Ctx, c: &Captures, r: usize, out: &mut Vec<Cand>) {
    let (Some(m0), Some(wdm)) = (c.get(0), c.name("wd")) else {
        return;
    };
    let Some(wd) = lex::weekday(wdm.as_str()) else {
        return;
    };
    let (h, min) = if let Some(nm) = c.name("nm") {
        // "noon Saturday", "midnight Friday" (midnight ends the day, as `T24:00`).
        if nm.as_str().eq_ignore_ascii_case("midnight") {
            (24, "00")
        } else {
            (12, "00")
        }
    } else if let Some(h) = c.get(1) {
        let Ok(mut h) = h.as_str().parse::<u32>() else {
            return;
        };
        let pm = c
            .get(3)
            .is_some_and(|a| a.as_str().to_ascii_lowercase().starts_with('p'));
        if h == 12 {
            h = 0;
        }
        if pm {
            h += 12;
        }
        (h, c.get(2).map_or("00", |m| m.as_str()))
    } else {
        let (Some(h), Some(mi)) = (c.get(4), c.get(5)) else {
            return;
        };
        let Ok(h) = h.as_str().parse::<u32>() else {
            return;
        };
        (h, mi.as_str())
    };
    let (s, e) = (m0.start(), m0.end());
    let v = match ctx.dct {
        Some(dct) => match lex::weekday_date(dct, wd, ctx.tense(s, e)) {
            Some(d) => format!("{}T{h:02}:{min}", lex::ymd(d)),
            None => return,
        },
        None => format!("XXXX-WXX-{}T{h:02}:{min}", wd_num(wd)),
    };
    push(out, s, e, TimeType::Time, v, r);
}
