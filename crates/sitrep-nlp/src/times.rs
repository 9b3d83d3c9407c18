//! The `times` stage: every time expression, with a TIMEX3 value resolved against the
//! document's publication date (never the wall clock).
//!
//! An analyst cannot use a death toll without a date, and news rarely gives full dates:
//! "on Tuesday", "overnight", "earlier this month", "the first six months of last year".
//! This stage finds them with a set of regular expressions compiled once ([`rules`]),
//! keeps the longest reading where they overlap, and resolves each against
//! `Doc::published`:
//!
//! - weekdays follow news convention: past tense (or no cue) → the latest such day on or
//!   before publication; future tense ("will", "plans to", "is scheduled") → the next
//!   one on or after it. The cues, phrases among them ("set to", "as soon as"; "next
//!   to" and "due to" are none), are in `data/times/tense-cues.tsv`;
//! - in business reports, "the quarter", "the year-ago period", "the 1988 quarter" take
//!   the quarter last named; "the latest quarter" is the last one completed by
//!   publication unless a named one is not later;
//! - a month-day without a year takes the year that puts it nearest publication, or the
//!   side the tense points to;
//! - parts of the day become TIMEX3 `TIME` values with a part-of-day suffix:
//!   "Tuesday night" → `2020-09-22TNI`. "Overnight" and "last night" are the night
//!   that *began* on the day before publication (`2020-09-26TNI` for a paper of
//!   2020-09-27), unless the sentence names a day ("On September 23 … overnight" →
//!   `2020-09-23TNI`), so the same night is never dated twice. Clock times ("10 a.m.")
//!   take the day named in their sentence, else the publication date;
//! - "the next day", "two days later" count from the last day-level date before them;
//! - without a publication date, absolute dates still resolve and relative ones are
//!   underspecified (`XXXX-WXX-2` for "Tuesday", `XXXX` for "this year"), never guessed.
//!
//! - named days (Christmas, Thanksgiving, Election Day…) come from
//!   `data/times/holidays.tsv`, fixed or "the first such weekday on or after day D";
//!   centuries ("the 20th century" = `19`) and years in words ("nineteen ninety-six") are
//!   read as TimeML writes them.
//!
//! Counts are not dates: a bare four-digit number is a year only after a temporal
//! preposition or determiner ("in 2001", "the 2001 invasion") and never before a count
//! noun ("2000 people"); month names need a day, a year or a preposition and a capital
//! ("May" the politician and "march" the verb stay untouched).

pub mod lex;
pub mod rules;

use crate::stage::{Stage, StageError};
use chrono::NaiveDate;
use rules::{Cand, Ctx, QuarterRef, Scope, Val};
use sitrep_model::{Doc, Layer, Time};

/// The `times` stage.
#[derive(Debug, Default, Clone)]
pub struct Times;

/// Parses a publication date ("2020-09-27", also with a time after it).
pub fn parse_dct(s: &str) -> Option<NaiveDate> {
    let head = s.trim().get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Finds and resolves the time expressions of `text` (sentence byte ranges `sents`,
/// publication date `dct`). Returns byte ranges with their type and value, sorted.
pub fn extract(
    text: &str,
    dct: Option<NaiveDate>,
    sents: &[(usize, usize)],
) -> Result<Vec<(usize, usize, sitrep_model::TimeType, String)>, String> {
    extract_gated(text, dct, sents, true)
}

/// [`extract`], with the word gate switchable (tests check it never changes the output;
/// `sitrep-eval`'s tests check it on the TimeML dev set). Not for other uses.
#[doc(hidden)]
pub fn extract_gated(
    text: &str,
    dct: Option<NaiveDate>,
    sents: &[(usize, usize)],
    gated: bool,
) -> Result<Vec<(usize, usize, sitrep_model::TimeType, String)>, String> {
    let ctx = Ctx { text, dct, sents };
    let mut cands: Vec<Cand> = Vec::new();
    let rules = rules::rules()?;
    let hits = if gated { rules.hits(text) } else { Vec::new() };
    for (i, rule) in rules.list.iter().enumerate() {
        let words = hits.get(i).filter(|_| !rules.is_ungated(i));
        match words {
            // No gate word: the rule cannot match.
            Some(w) if w.is_empty() => {}
            // Few gate words: search only from a little before each of them.
            Some(w) if w.len() * 2 * rules::LEAD < text.len() => {
                let mut pos = 0;
                for &h in w {
                    if h < pos {
                        continue;
                    }
                    let mut from = h.saturating_sub(rules::LEAD).max(pos);
                    while !text.is_char_boundary(from) {
                        from -= 1;
                    }
                    let Some(c) = rule.re.captures_at(text, from) else {
                        break;
                    };
                    let m = c.get(0).map_or((from, from), |m| (m.start(), m.end()));
                    pos = if m.1 > m.0 { m.1 } else { m.1 + 1 };
                    (rule.f)(&ctx, &c, i, &mut cands);
                }
            }
            _ => {
                for c in rule.re.captures_iter(text) {
                    (rule.f)(&ctx, &c, i, &mut cands);
                }
            }
        }
    }
    // Longest reading wins; ties go to the earlier rule, then the earlier start.
    cands.retain(|c| c.e > c.s);
    cands.sort_by(|a, b| {
        (b.e - b.s)
            .cmp(&(a.e - a.s))
            .then(a.rule.cmp(&b.rule))
            .then(a.s.cmp(&b.s))
    });
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if kept.iter().all(|k| c.e <= k.s || c.s >= k.e) {
            kept.push(c);
        }
    }
    kept.retain(|c| !is_quoted_title(text, c.s, c.e));
    kept.sort_by_key(|c| (c.s, c.e));
    Ok(resolve_anchors(&ctx, kept))
}

fn day_of(v: &Val) -> Option<NaiveDate> {
    match v {
        Val::Fixed(s) if s.len() == 10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
        _ => None,
    }
}

/// Fills in values that depend on another expression's date (see [`Val::Anchored`]).
fn resolve_anchors(
    ctx: &Ctx,
    kept: Vec<Cand>,
) -> Vec<(usize, usize, sitrep_model::TimeType, String)> {
    let mut days: Vec<Option<NaiveDate>> = kept.iter().map(|c| day_of(&c.val)).collect();
    let mut last_day: Option<NaiveDate> = None;
    let mut last_year: Option<i64> = None;
    // The last month named (year, month), for "the following month".
    let mut last_month: Option<(i32, u32)> = None;
    // The last quarter named (year, quarter, byte), for "the quarter", "a year earlier".
    let mut last_quarter: Option<(i64, u32, usize)> = None;
    let mut out = Vec::with_capacity(kept.len());
    for (i, c) in kept.iter().enumerate() {
        let value = match &c.val {
            Val::Fixed(v) => v.clone(),
            Val::AnchoredQuarter(qref) => {
                // The last quarter completed by publication.
                let done = ctx.dct.map(|d| {
                    let (y, m) = lex::shift_month(
                        chrono::Datelike::year(&d),
                        chrono::Datelike::month(&d),
                        -3,
                    );
                    (i64::from(y), lex::quarter(m))
                });
                let named = last_quarter.map(|(y, q, _)| (y, q));
                let pick = match qref {
                    QuarterRef::Back(back) => named.or(done).map(|(y, q)| (y - back, q)),
                    QuarterRef::InYear(y) => named.map(|(_, q)| (*y, q)),
                    QuarterRef::Latest => match (named, done) {
                        (Some(n), Some(d)) if n > d => Some(d),
                        (n, d) => n.or(d),
                    },
                };
                match (pick, qref) {
                    (Some((y, q)), _) => format!("{y:04}-Q{q}"),
                    (None, QuarterRef::InYear(y)) => format!("{y:04}"),
                    (None, _) => "XXXX-QX".to_string(),
                }
            }
            Val::AnchoredMonth(off) => {
                let base = last_month.or(ctx
                    .dct
                    .map(|d| (chrono::Datelike::year(&d), chrono::Datelike::month(&d))));
                match base {
                    Some((y, m)) => {
                        let (y, m) = lex::shift_month(y, m, *off);
                        format!("{y:04}-{m:02}")
                    }
                    None => "XXXX-XX".to_string(),
                }
            }
            Val::AnchoredYear(off) => {
                match last_year.or(ctx.dct.map(|d| i64::from(chrono::Datelike::year(&d)))) {
                    Some(y) => format!("{:04}", y + off),
                    None => "XXXX".to_string(),
                }
            }
            Val::Anchored {
                offset,
                suffix,
                scope,
                fallback,
            } => {
                let (ss, se) = ctx.sentence(c.s);
                let anchor = match scope {
                    Scope::Document => last_day,
                    Scope::SentenceBefore => (0..i)
                        .rev()
                        .take_while(|j| kept[*j].s >= ss)
                        .find_map(|j| days[j]),
                    Scope::Near => {
                        // This sentence (before, then after), then the one before.
                        let (ps, _) = if ss > 0 {
                            ctx.sentence(ss - 1)
                        } else {
                            (ss, ss)
                        };
                        let before = (0..i)
                            .rev()
                            .take_while(|j| kept[*j].s >= ss)
                            .find_map(|j| days[j]);
                        let after = || {
                            (i + 1..kept.len())
                                .take_while(|j| kept[*j].e <= se)
                                .find_map(|j| days[j])
                        };
                        let prev = || {
                            (0..i)
                                .rev()
                                .take_while(|j| kept[*j].s >= ps)
                                .find_map(|j| days[j])
                        };
                        before.or_else(after).or_else(prev)
                    }
                };
                let date = match anchor {
                    Some(a) => lex::add_days(a, *offset),
                    None => ctx.dct.and_then(|d| lex::add_days(d, *fallback)),
                };
                match date {
                    Some(d) => format!("{}{suffix}", lex::ymd(d)),
                    None => format!("XXXX-XX-XX{suffix}"),
                }
            }
        };
        // "a year earlier" beside a quarter ("third-quarter profit rose from $5 million a
        // year earlier") is that quarter a year before, as TimeML annotates it.
        let looks_back = match c.val {
            Val::AnchoredQuarter(QuarterRef::Back(b)) => b > 0,
            Val::AnchoredQuarter(QuarterRef::InYear(y)) => {
                last_quarter.is_some_and(|(ly, _, _)| y < ly)
            }
            _ => false,
        } || year_back(&ctx.text[c.s..c.e]);
        let value = match (last_quarter, value.len() == 4) {
            (Some((qy, q, at)), true) if year_back(&ctx.text[c.s..c.e]) => {
                let (ss, _) = ctx.sentence(c.s);
                let ps = if ss > 0 { ctx.sentence(ss - 1).0 } else { ss };
                if at >= ps {
                    format!("{:04}-Q{q}", qy - 1)
                } else {
                    value
                }
            }
            _ => value,
        };
        // A quarter a year back does not become the reference for the next ones.
        if let Some((y, q)) = quarter_of(&value).filter(|_| !looks_back) {
            last_quarter = Some((y, q, c.s));
        }
        if days[i].is_none() && value.len() == 10 && !matches!(c.val, Val::Fixed(_)) {
            days[i] = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
        }
        if let Some(d) = days[i] {
            last_day = Some(d);
        }
        if value.len() >= 4 && value.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            last_year = value[..4].parse().ok();
        }
        if value.len() >= 7
            && value.as_bytes()[4] == b'-'
            && value.as_bytes()[5..7].iter().all(u8::is_ascii_digit)
        {
            if let (Ok(y), Ok(m)) = (value[..4].parse::<i32>(), value[5..7].parse::<u32>()) {
                last_month = Some((y, m));
            }
        }
        out.push((c.s, c.e, c.kind, value));
    }
    out
}

/// A title in quotation marks whose last word is a capitalised unit: the programmes
/// "This Week" and "60 Minutes" are no times.
fn is_quoted_title(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].trim_end_matches(' ');
    let opens = before.ends_with('"')
        || before.ends_with('“')
        || before.ends_with("''")
        || before.ends_with('‘');
    let span = &text[s..e];
    let Some(last) = span.split_whitespace().last() else {
        return false;
    };
    opens
        && span.split_whitespace().count() >= 2
        && last.starts_with(|c: char| c.is_ascii_uppercase())
        && matches!(
            last.to_ascii_lowercase().trim_end_matches('s'),
            "second"
                | "minute"
                | "hour"
                | "day"
                | "night"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "decade"
                | "century"
                | "centurie"
        )
}

/// `YYYY-Qn` as (year, n).
fn quarter_of(v: &str) -> Option<(i64, u32)> {
    let (y, q) = v.split_once("-Q")?;
    if y.len() != 4 || q.len() != 1 {
        return None;
    }
    Some((
        y.parse().ok()?,
        q.parse().ok().filter(|q| (1..=4).contains(q))?,
    ))
}

/// "a year earlier", "one year ago", "a year before".
fn year_back(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    let w: Vec<&str> = l.split_whitespace().collect();
    matches!(
        w.as_slice(),
        ["a" | "one", "year", "earlier" | "ago" | "before"]
    )
}

impl Stage for Times {
    fn name(&self) -> &'static str {
        "times"
    }
    fn version(&self) -> &'static str {
        // 3: centuries, years in words, half units, holidays from data, "the first nine
        // months" as a duration. 4: tense cues from data (phrases, nouns, passives),
        // quarter anaphora ("the latest quarter", "the 1988 period"), noon/midnight with
        // a day, fiscal and full years, quarters as a unit, "that year", "the following
        // month", decades in words.
        "4"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn provides(&self) -> &'static [Layer] {
        &[Layer::Times]
    }
    fn run(&self, doc: &mut Doc) -> Result<(), StageError> {
        let idx = doc.index();
        let sents: Vec<(usize, usize)> = doc
            .sentences
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .map(|s| (idx.byte(s.start), idx.byte(s.end)))
            .collect();
        let dct = doc.published.as_deref().and_then(parse_dct);
        let found = extract(&doc.text, dct, &sents).map_err(|message| StageError::Failed {
            stage: "times",
            doc: doc.id.clone(),
            message: format!("{message}\nhelp: this is a bug in the times rules; please report it"),
        })?;
        let times = found
            .into_iter()
            .map(|(s, e, kind, value)| {
                let span = idx.span(s, e);
                Time {
                    start: span.start,
                    end: span.end,
                    text: doc.text[s..e].to_string(),
                    kind,
                    value,
                }
            })
            .collect();
        doc.times = Some(times);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
