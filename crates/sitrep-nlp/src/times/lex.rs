//! Word lists and date arithmetic for the `times` stage.
//!
//! Kept apart from the rules so the rules read as patterns: here live month and weekday
//! names, number words, the tense cues that decide whether "on Tuesday" looks back or
//! forward, and the calendar arithmetic (ISO weeks, seasons, quarters) used to turn a
//! relative expression into a TIMEX3 value against the publication date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::collections::HashMap;

pub use sitrep_model::calendar::month_number as month_num;

/// Weekday of a weekday name or abbreviation ("Tues.", "friday").
pub fn weekday(s: &str) -> Option<Weekday> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    let p = l.get(..3)?;
    Some(match p {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// A quantity in a duration: exact, or vague ("a few", "several": TIMEX3 `X`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quant {
    /// A known number.
    N(f64),
    /// Unspecified ("several", "a few", "dozens of").
    X,
}

impl Quant {
    /// TIMEX3 rendering of the number ("3", "1.5", "X").
    pub fn render(self, times: f64) -> String {
        match self {
            Quant::N(n) => {
                let v = n * times;
                if (v - v.round()).abs() < 1e-9 {
                    format!("{}", v.round() as i64)
                } else {
                    format!("{v}")
                }
            }
            Quant::X => "X".into(),
        }
    }
    /// The integer, when exact.
    pub fn int(self) -> Option<i64> {
        match self {
            Quant::N(n) if (n - n.round()).abs() < 1e-9 => Some(n.round() as i64),
            _ => None,
        }
    }
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Regex alternation of number words (longest forms first).
pub fn number_words_re() -> String {
    let units = UNITS[1..10].join("|");
    let mut alts: Vec<String> = Vec::new();
    alts.push(format!("(?:{})-(?:{units})", TENS.join("|")));
    let mut singles: Vec<&str> = UNITS[1..].to_vec();
    singles.extend(TENS);
    singles.push("hundred");
    singles.sort_by_key(|s| std::cmp::Reverse(s.len()));
    alts.push(singles.join("|"));
    alts.join("|")
}

/// Parses a quantity: digits, number words, "a"/"an", "a couple of", "several", ...
pub fn quant(s: &str) -> Option<Quant> {
    let l = s.to_ascii_lowercase();
    let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
    let l = l.as_str();
    if let Ok(n) = l.replace(',', "").parse::<f64>() {
        return Some(Quant::N(n));
    }
    // "5 1/2", "two and a half": a whole number and a half.
    if let Some(whole) = l
        .strip_suffix(" 1/2")
        .or_else(|| l.strip_suffix('½'))
        .or_else(|| l.strip_suffix(" and a half"))
    {
        return match quant(whole)? {
            Quant::N(n) if n >= 1.0 && n.fract() == 0.0 => Some(Quant::N(n + 0.5)),
            _ => None,
        };
    }
    match l {
        "a" | "an" => return Some(Quant::N(1.0)),
        "a couple of" | "couple of" | "a couple" => return Some(Quant::N(2.0)),
        "a dozen" | "dozen" => return Some(Quant::N(12.0)),
        "half a" | "half an" => return Some(Quant::N(0.5)),
        "a few" | "few" | "several" | "some" | "dozens of" | "a number of" | "many"
        | "hundreds of" | "a couple of dozen" => return Some(Quant::X),
        "hundred" | "a hundred" => return Some(Quant::N(100.0)),
        _ => {}
    }
    if let Some(i) = UNITS.iter().position(|u| *u == l) {
        return Some(Quant::N(i as f64));
    }
    if let Some(i) = TENS.iter().position(|u| *u == l) {
        return Some(Quant::N(((i + 2) * 10) as f64));
    }
    if let Some((t, u)) = l.split_once('-') {
        let ti = TENS.iter().position(|x| *x == t)?;
        let ui = UNITS[1..10].iter().position(|x| *x == u)?;
        return Some(Quant::N(((ti + 2) * 10 + ui + 1) as f64));
    }
    None
}

/// Verb tense around an expression, which decides which way "on Tuesday" points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Looks back (said, was, killed).
    Past,
    /// Looks forward (will, plans to, is scheduled).
    Future,
    /// No cue either way.
    Unknown,
}

/// A word's kind in `data/times/tense-cues.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Future,
    Past,
    NotPast,
}

const TENSE_CUES_TSV: &str = include_str!("../../data/times/tense-cues.tsv");

/// The tense cues of `data/times/tense-cues.tsv`. `Err` names the bad line (the rules
/// load it first, so a bad file fails the stage with that message).
fn tense_cues() -> Result<&'static HashMap<&'static str, Cue>, String> {
    static C: std::sync::OnceLock<Result<HashMap<&'static str, Cue>, String>> =
        std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut out = HashMap::new();
        for (n, line) in TENSE_CUES_TSV.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cue = match line.split_once('\t') {
                Some((w, "future")) => (w, Cue::Future),
                Some((w, "past")) => (w, Cue::Past),
                Some((w, "not-past")) => (w, Cue::NotPast),
                Some((w, "none")) => (w, Cue::NotPast),
                _ => {
                    return Err(format!(
                        "data/times/tense-cues.tsv:{}: `{line}` is not WORD<TAB>future|past|not-past|none\nhelp: see the file's header",
                        n + 1
                    ))
                }
            };
            out.insert(cue.0.trim(), cue.1);
        }
        Ok(out)
    })
    .as_ref()
    .map_err(|e| e.clone())
}

/// Checks that the tense-cue list parses (called when the rules are built).
pub fn check_tense_cues() -> Result<(), String> {
    tense_cues().map(|_| ())
}

/// Whether `w` (as written) is the first word of a phrase of the tense-cue list.
pub fn starts_phrase_cue(w: &str) -> bool {
    static FIRST: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FIRST
        .get_or_init(|| {
            let mut v: Vec<String> = tense_cues()
                .map(|c| {
                    c.keys()
                        .filter_map(|k| k.split_once(' ').map(|(f, _)| f.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v.dedup();
            v
        })
        .iter()
        .any(|f| f.eq_ignore_ascii_case(w))
}

/// Whether `words` (as written) make a phrase of the tense-cue list ("set to").
pub fn is_phrase_cue(words: &[&str]) -> bool {
    let key = words.join(" ").to_lowercase();
    tense_cues().is_ok_and(|c| c.contains_key(key.as_str()))
}

/// Classifies one lower-case word (or a phrase of the list) as a tense cue.
pub fn word_tense(w: &str) -> Tense {
    let joined;
    let w = if w.contains(char::is_whitespace) {
        joined = w.split_whitespace().collect::<Vec<_>>().join(" ");
        joined.as_str()
    } else {
        w
    };
    match tense_cues().ok().and_then(|c| c.get(w)) {
        Some(Cue::Future) => Tense::Future,
        Some(Cue::Past) => Tense::Past,
        Some(Cue::NotPast) => Tense::Unknown,
        None if w.len() > 4 && w.ends_with("ed") => Tense::Past,
        None => Tense::Unknown,
    }
}

/// A determiner: the word after it is read as a noun, not a tense cue ("the plan").
pub fn is_determiner(w: &str) -> bool {
    ["a", "an", "the", "its", "his", "their", "our"]
        .iter()
        .any(|d| w.eq_ignore_ascii_case(d))
}

/// Words that end a clause when scanning for tense cues.
pub fn is_clause_break(w: &str) -> bool {
    matches!(
        w,
        "that" | "and" | "but" | "after" | "before" | "when" | "while" | "as" | "because"
    )
}

/// Formats a calendar date as TIMEX3 `YYYY-MM-DD`.
pub fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// ISO week of a date as TIMEX3 `YYYY-Www`.
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// Adds `n` days (negative to go back); `None` when out of range.
pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// Adds `n` months to a date (negative to go back).
pub fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs() as u32))
    }
}

/// Year and month `n` months from `(y, m)`.
pub fn shift_month(y: i32, m: u32, n: i64) -> (i32, u32) {
    let idx = y as i64 * 12 + (m as i64 - 1) + n;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
}

/// The date of `wd` nearest `dct` in the direction `tense` gives (past: on or before;
/// future: on or after; unknown counts as past, the news convention). `shift` adds weeks
/// ("last Tuesday" = -1 when the plain reading would be the current week's).
pub fn weekday_date(dct: NaiveDate, wd: Weekday, tense: Tense) -> Option<NaiveDate> {
    let cur = dct.weekday().num_days_from_monday() as i64;
    let want = wd.num_days_from_monday() as i64;
    match tense {
        Tense::Future => add_days(dct, (want - cur).rem_euclid(7)),
        _ => add_days(dct, -((cur - want).rem_euclid(7))),
    }
}

/// The year of a month-day (or month, `day` = None) without a year. News style leaves the
/// year out for dates of the current year or within about half a year of publication, so
/// the tense picks the side (past → the latest on or before the publication date, future
/// → the earliest on or after) only when that date is in the publication year or less
/// than six months away; otherwise, and without a tense, the nearest date wins ("Dec. 15"
/// in a November paper is next month, whatever the verb).
pub fn year_for(dct: NaiveDate, month: u32, day: Option<u32>, tense: Tense) -> i32 {
    let y = dct.year();
    let d = day.map(|d| d as i64).unwrap_or(0);
    let key = |yy: i32| -> i64 { yy as i64 * 372 + (month as i64 - 1) * 31 + d };
    let now_day = if day.is_some() { dct.day() as i64 } else { 0 };
    let now = y as i64 * 372 + (dct.month() as i64 - 1) * 31 + now_day;
    let cands = [y - 1, y, y + 1];
    // Six months in the 31-day-month units of `key`.
    const HALF_YEAR: i64 = 6 * 31;
    let by_tense = match tense {
        Tense::Past => cands.iter().rev().copied().find(|c| key(*c) <= now),
        Tense::Future => cands.iter().copied().find(|c| key(*c) >= now),
        Tense::Unknown => None,
    };
    // Beyond that, the side the tense gives still wins when it is not much farther than
    // the other ("the Oct. 23 attack" in a May paper is last October, not five months
    // ahead; "declared for Dec. 15" in a September paper is this December).
    let dist = |c: i32| (key(c) - now).abs();
    let other = match tense {
        Tense::Past => cands.iter().copied().find(|c| key(*c) > now),
        Tense::Future => cands.iter().rev().copied().find(|c| key(*c) < now),
        Tense::Unknown => None,
    };
    if let Some(c) = by_tense.filter(|c| {
        *c == y || dist(*c) < HALF_YEAR || other.is_none_or(|o| dist(*c) * 2 < dist(o) * 3)
    }) {
        return c;
    }
    let mut best = y;
    let mut bd = i64::MAX;
    for c in cands {
        let dist = (key(c) - now).abs();
        if dist < bd {
            bd = dist;
            best = c;
        }
    }
    best
}

/// Season code and the months it covers (winter starts in December of its year).
pub fn season_code(s: &str) -> Option<(&'static str, u32)> {
    Some(match s.to_ascii_lowercase().as_str() {
        "spring" => ("SP", 3),
        "summer" => ("SU", 6),
        "autumn" | "fall" => ("FA", 9),
        "winter" => ("WI", 12),
        _ => return None,
    })
}

/// The start (year, month) of the season containing `d`.
pub fn season_start(d: NaiveDate) -> (i32, u32) {
    match d.month() {
        3..=5 => (d.year(), 3),
        6..=8 => (d.year(), 6),
        9..=11 => (d.year(), 9),
        12 => (d.year(), 12),
        _ => (d.year() - 1, 12),
    }
}

/// TIMEX3 value of a season relative to `dct`: `rel` -1 last, 0 this, 1 next.
pub fn season_value(dct: NaiveDate, start_month: u32, code: &str, rel: i32) -> String {
    let cur = season_start(dct);
    let cur_idx = cur.0 as i64 * 12 + cur.1 as i64;
    let this_year = if start_month == 12 && dct.month() <= 2 {
        dct.year() - 1
    } else {
        dct.year()
    };
    let y = match rel {
        0 => this_year,
        r if r < 0 => {
            // Most recent occurrence that started strictly before the current season.
            let mut y = dct.year();
            while y as i64 * 12 + start_month as i64 >= cur_idx {
                y -= 1;
            }
            y
        }
        _ => {
            let mut y = dct.year() - 1;
            while y as i64 * 12 + start_month as i64 <= cur_idx {
                y += 1;
            }
            y
        }
    };
    format!("{y:04}-{code}")
}

/// Quarter (1–4) of a month.
pub fn quarter(m: u32) -> u32 {
    (m - 1) / 3 + 1
}

/// Decades in words, from the twenties (index 0 = the 1920s) to the nineties.
pub const DECADE_WORDS: [&str; 8] = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

/// Nouns after a number that say it is a count, not a year ("2000 people").
pub const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "civilians",
    "soldiers",
    "troops",
    "fighters",
    "militants",
    "men",
    "women",
    "children",
    "families",
    "refugees",
    "residents",
    "members",
    "rebels",
    "police",
    "policemen",
    "officers",
    "prisoners",
    "detainees",
    "killed",
    "dead",
    "deaths",
    "casualties",
    "houses",
    "homes",
    "buildings",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "dollars",
    "euros",
    "pounds",
    "tons",
    "tonnes",
    "barrels",
    "rockets",
    "missiles",
    "shells",
    "strikes",
    "airstrikes",
    "raids",
    "attacks",
    "cases",
    "patients",
    "students",
    "workers",
    "employees",
    "votes",
    "voters",
    "percent",
    "per",
    "troop",
    "vehicles",
    "tanks",
    "bombs",
    "dollar",
    "protesters",
    "demonstrators",
    "others",
    "wounded",
    "injured",
    "more",
    "were",
    "are",
    "have",
    "had",
    "of",
];

/// Ordinal words up to "twenty-first" (for centuries: "the nineteenth century").
const ORDINALS: [&str; 21] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
];

/// Regex alternation of the ordinal words of [`ordinal`] (longest first).
pub fn ordinal_words_re() -> String {
    let mut v: Vec<&str> = ORDINALS.to_vec();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.join("|")
}

/// An ordinal as a number: "20th", "3rd", "nineteenth", "twenty-first".
pub fn ordinal(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    if let Some(p) = ORDINALS.iter().position(|o| *o == l) {
        return Some(p as u32 + 1);
    }
    let digits = l.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse().ok().filter(|n| *n > 0)
}

/// A year written in words: "nineteen ninety-six" (1996), "nineteen eighty" (1980),
/// "eighteen ninety-eight", "two thousand" (2000), "two thousand and one" (2001).
pub fn spelled_year(s: &str) -> Option<i32> {
    let l = s.to_ascii_lowercase().replace('-', " ");
    let w: Vec<&str> = l.split_whitespace().filter(|w| *w != "and").collect();
    let small = |ws: &[&str]| -> Option<i32> {
        match ws {
            [u] => quant(u).and_then(Quant::int).map(|n| n as i32),
            [t, u] => {
                let t = TENS.iter().position(|x| x == t)? as i32;
                let u = UNITS[1..10].iter().position(|x| x == u)? as i32;
                Some((t + 2) * 10 + u + 1)
            }
            _ => None,
        }
    };
    match w.as_slice() {
        ["two", "thousand"] => Some(2000),
        ["two", "thousand", rest @ ..] => small(rest).filter(|n| *n < 100).map(|n| 2000 + n),
        [c, rest @ ..] if matches!(*c, "eighteen" | "nineteen") => {
            let century = if *c == "eighteen" { 1800 } else { 1900 };
            small(rest)
                .filter(|n| (10..100).contains(n))
                .map(|n| century + n)
        }
        _ => None,
    }
}

/// Regex of a year written in words (see [`spelled_year`]), case-insensitive.
pub fn spelled_year_re() -> String {
    let units = UNITS[1..10].join("|");
    let teens = UNITS[10..].join("|");
    let tens = TENS.join("|");
    format!(
        "(?i:(?:eighteen|nineteen)[\\s-]+(?:(?:{tens})(?:[\\s-]+(?:{units}))?|{teens})|two\\s+thousand(?:\\s+(?:and\\s+)?(?:(?:{tens})(?:[\\s-]+(?:{units}))?|{teens}|{units}))?)"
    )
}

/// One named day of `data/times/holidays.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Holiday {
    /// The name as written ("Thanksgiving Day").
    pub name: &'static str,
    /// Month (1–12).
    pub month: u32,
    /// A fixed day, or (weekday, first day it may fall on).
    pub day: HolidayDay,
}

/// How a holiday's day is found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HolidayDay {
    /// A fixed day of the month.
    Fixed(u32),
    /// The first such weekday on or after this day of the month.
    WeekdayFrom(Weekday, u32),
}

impl Holiday {
    /// The day of this holiday in year `y`.
    pub fn date(&self, y: i32) -> Option<NaiveDate> {
        match self.day {
            HolidayDay::Fixed(d) => NaiveDate::from_ymd_opt(y, self.month, d),
            HolidayDay::WeekdayFrom(wd, from) => {
                let d0 = NaiveDate::from_ymd_opt(y, self.month, from)?;
                let ahead = (7 + wd.num_days_from_monday() as i64
                    - d0.weekday().num_days_from_monday() as i64)
                    % 7;
                add_days(d0, ahead)
            }
        }
    }
}

/// The holiday list.
const HOLIDAYS_TSV: &str = include_str!("../../data/times/holidays.tsv");

/// The named days of `data/times/holidays.tsv`, longest names first. `Err` names the bad
/// line (a unit test parses the file).
pub fn holidays() -> Result<&'static [Holiday], String> {
    static H: std::sync::OnceLock<Result<Vec<Holiday>, String>> = std::sync::OnceLock::new();
    H.get_or_init(|| {
        let mut out = Vec::new();
        for (n, line) in HOLIDAYS_TSV.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || {
                format!(
                    "data/times/holidays.tsv:{}: `{line}` is not NAME<TAB>MONTH<TAB>DAY-RULE\nhelp: see the file's header",
                    n + 1
                )
            };
            let mut cols = line.split('\t');
            let (Some(name), Some(m), Some(rule)) = (cols.next(), cols.next(), cols.next())
            else {
                return Err(bad());
            };
            let month: u32 = m.trim().parse().map_err(|_| bad())?;
            let rule = rule.trim();
            let day = match rule.split_once(">=") {
                Some((wd, from)) => HolidayDay::WeekdayFrom(
                    weekday(wd).ok_or_else(bad)?,
                    from.parse().map_err(|_| bad())?,
                ),
                None => HolidayDay::Fixed(rule.parse().map_err(|_| bad())?),
            };
            let h = Holiday {
                name: name.trim(),
                month,
                day,
            };
            if h.date(2000).is_none() {
                return Err(bad());
            }
            out.push(h);
        }
        out.sort_by_key(|h| std::cmp::Reverse(h.name.len()));
        Ok(out)
    })
    .as_ref()
    .map(Vec::as_slice)
    .map_err(Clone::clone)
}

/// A fractional number of `unit` in whole units and the next smaller one, as TimeML
/// writes "5 1/2 hours" (`PT5H30M`) and "2 1/2 years" (`P2Y6M`); `None` when the
/// fraction does not come out whole in the smaller unit.
pub fn split_fraction(n: f64, unit: &str) -> Option<String> {
    let whole = n.trunc();
    let frac = n - whole;
    let (big, small, per, time) = match unit {
        "year" => ("Y", "M", 12.0, false),
        "day" => ("D", "H", 24.0, true),
        "hour" => ("H", "M", 60.0, true),
        "minute" => ("M", "S", 60.0, true),
        "week" => ("W", "D", 7.0, false),
        _ => return None,
    };
    let sub = frac * per;
    if (sub - sub.round()).abs() > 1e-9 {
        return None;
    }
    let sub = sub.round() as i64;
    let whole = whole as i64;
    Some(match (unit, time) {
        ("day", _) if whole > 0 => format!("P{whole}DT{sub}H"),
        ("day", _) => format!("PT{sub}H"),
        (_, true) if whole > 0 => format!("PT{whole}{big}{sub}{small}"),
        (_, true) => format!("PT{sub}{small}"),
        _ if whole > 0 => format!("P{whole}{big}{sub}{small}"),
        _ => format!("P{sub}{small}"),
    })
}
