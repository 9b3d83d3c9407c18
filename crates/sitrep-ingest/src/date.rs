//! Dates as readers find them, normalised to `YYYY-MM-DD`: the one date parser of
//! sitrep-ingest. Feeds, HTML meta tags, JSON lines, CSV, Telegram exports, WARC headers
//! and the cleaner's standalone date lines all call it, so a date shape is fixed once.
//!
//! Shapes read: ISO 8601 / RFC 3339 (`2020-09-27`, `2020-09-27T10:00:00+04:30`,
//! `2020/09/27`), RFC 2822 with any zone name (`Sun, 27 Sep 2020 10:00:00 EDT`), month
//! names (`September 27, 2020`, `27th of Sept. 2020`; the names come from
//! [`sitrep_model::calendar`]), numeric day-and-month dates (`27.09.2020`, `9/27/2020`),
//! a URL path (`/2020/09/27/`) and Unix seconds. The date is taken as written (the
//! publisher's local day), not converted to UTC, because that is the day the article's
//! "today" refers to. Only a full day is returned, and only for years 1900–2100: a value
//! we cannot pin to one day is `None`, never a guess.
//!
//! # Numeric dates: which number is the day
//! `a/b/YYYY` (also `a.b.YYYY` and `a-b-YYYY`) is read
//! 1. day-first when `a > 12`, month-first when `b > 12`, and as the one possible day
//!    when `a == b`;
//! 2. otherwise (both 12 or less and different) by the caller's [`DayOrder`]:
//!    - [`DayOrder::MonthFirst`]: the source is known to write US order. The CSV reader
//!      passes it: FA-KES and US spreadsheet exports write `M/D/YYYY`.
//!    - [`DayOrder::DayFirst`]: the source is known to write the day first.
//!    - [`DayOrder::Unknown`] (feeds, HTML pages, JSON lines, Telegram, WARC headers,
//!      date lines; what [`parse_date`] uses): a dotted date (`04.03.2019`) is day-first,
//!      the only order dotted dates are written in; a slash or hyphen date is ambiguous
//!      and gives `None`. RSS and Atom require RFC 2822 / RFC 3339 dates, so a feed that
//!      writes `4/5/2017` tells us nothing about its order.
//!
//! A month-name or ISO date anywhere in the string wins over a numeric one.

use regex::{Captures, Regex};
use sitrep_model::calendar::{month_number, MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES};
use std::sync::OnceLock;

/// Which number comes first in a numeric date whose day and month are both 12 or less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DayOrder {
    /// Month first (`4/5/2017` = 5 April): the source writes US order.
    MonthFirst,
    /// Day first (`4/5/2017` = 4 May).
    DayFirst,
    /// Not known: dotted dates are day-first, slash and hyphen dates are refused.
    #[default]
    Unknown,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .filter(|_| (1900..=2100).contains(&y))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Regex alternation of the month names and abbreviations (an abbreviation may end in
/// a period), longest first.
fn months_pattern() -> String {
    let mut alts: Vec<String> = MONTH_NAMES.iter().map(|m| m.to_string()).collect();
    alts.extend(MONTH_ABBREVIATIONS.iter().map(|a| format!(r"{a}\.?")));
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    format!("(?:{})", alts.join("|"))
}

/// Regex for a weekday name or its abbreviation (`Tue`, `Tues`, `Thurs`), with an
/// optional period and comma.
fn weekdays_pattern() -> String {
    let mut alts: Vec<&str> = Vec::new();
    for w in WEEKDAY_NAMES {
        alts.push(w);
        alts.extend((3..w.len().min(6)).filter_map(|n| w.get(..n)));
    }
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    alts.dedup();
    format!(r"(?:{})\.?,?", alts.join("|"))
}

struct Patterns {
    iso: Regex,
    mdy: Regex,
    dmy: Regex,
    numeric: Regex,
    url: Regex,
    whole_line: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("bad date pattern {s}: {e}"));
        let months = months_pattern();
        let weekdays = weekdays_pattern();
        Patterns {
            iso: re(r"(?-u:\b)(\d{4})([-/])(\d{1,2})([-/])(\d{1,2})(?:(?-u:\b)|T)"),
            mdy: re(&format!(
                r"(?i)(?-u:\b)({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
            )),
            dmy: re(&format!(
                r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({months}),?\s+(\d{{4}})(?-u:\b)"
            )),
            numeric: re(r"(?-u:\b)(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})(?-u:\b)"),
            url: re(r"/(20\d\d|19\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|$)"),
            whole_line: re(&format!(
                r"(?ix)^[\s|•·]*
                (?:(?:published|updated|last\s+updated|posted|created|date|first\s+published)(?:\s+(?:on|at))?\s*:?\s*)?
                (?:\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*,?\s*)?
                (?:{weekdays}\s+)?
                (?:
                  {months}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
                | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{months},?\s+\d{{4}}
                | \d{{4}}-\d{{1,2}}-\d{{1,2}}
                | \d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}
                )
                (?:\s*(?:,|at|-|–|\||/)?\s*\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{{2,5}}(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?\)?)?)?
                [\s|•·]*$"
            )),
        }
    })
}

/// The day of a numeric `a?b?YYYY` match under the rules in the module doc.
fn numeric_day(c: &Captures, order: DayOrder) -> Option<String> {
    let a: u32 = c[1].parse().ok()?;
    let b: u32 = c[3].parse().ok()?;
    let y: i32 = c[5].parse().ok()?;
    let (m, d) = if a > 12 {
        (b, a)
    } else if b > 12 || a == b {
        (a, b)
    } else {
        match order {
            DayOrder::MonthFirst => (a, b),
            DayOrder::DayFirst => (b, a),
            DayOrder::Unknown if &c[2] == "." => (b, a),
            DayOrder::Unknown => return None,
        }
    };
    ymd(y, m, d)
}

/// Parses the first full date in `s` to `YYYY-MM-DD`, reading a numeric date whose day
/// and month could be swapped by [`DayOrder::Unknown`] (see the module doc).
pub fn parse_date(s: &str) -> Option<String> {
    parse_date_ordered(s, DayOrder::Unknown)
}

/// Parses the first full date in `s` to `YYYY-MM-DD`; `order` says how to read a
/// numeric date whose day and month could be swapped.
pub fn parse_date_ordered(s: &str, order: DayOrder) -> Option<String> {
    let p = patterns();
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, v: Option<String>| {
        if let Some(v) = v {
            if best.as_ref().is_none_or(|(b, _)| pos < *b) {
                best = Some((pos, v));
            }
        }
    };
    if let Some(c) = p.iso.captures_iter(s).find(|c| c[2] == c[4]) {
        let v = (|| ymd(c[1].parse().ok()?, c[3].parse().ok()?, c[5].parse().ok()?))();
        consider(c.get(0).map_or(0, |m| m.start()), v);
    }
    if let Some(c) = p.mdy.captures(s) {
        let v = (|| ymd(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?))();
        consider(c.get(0).map_or(0, |m| m.start()), v);
    }
    if let Some(c) = p.dmy.captures(s) {
        let v = (|| ymd(c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?))();
        consider(c.get(0).map_or(0, |m| m.start()), v);
    }
    best.map(|(_, v)| v).or_else(|| {
        let c = p.numeric.captures_iter(s).find(|c| c[2] == c[4])?;
        numeric_day(&c, order)
    })
}

/// `YYYY-MM-DD` (UTC) of a Unix time in seconds.
pub fn unix_date(secs: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The date in a URL path such as `/2020/09/27/slug`.
pub fn date_from_url(url: &str) -> Option<String> {
    let c = patterns().url.captures(url)?;
    ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// True when the whole line is a date (with optional weekday, time, zone and a
/// "Published:"-style label), even one whose day and month order is ambiguous.
pub fn is_date_line(line: &str) -> bool {
    line.len() <= 90
        && patterns().whole_line.is_match(line)
        && (parse_date_ordered(line, DayOrder::DayFirst).is_some()
            || parse_date_ordered(line, DayOrder::MonthFirst).is_some())
}

/// When the whole line is a date (see [`is_date_line`]), its `YYYY-MM-DD` if the day is
/// certain.
pub fn date_line(line: &str) -> Option<String> {
    if line.len() > 90 || !patterns().whole_line.is_match(line) {
        return None;
    }
    parse_date(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_shapes() {
        assert_eq!(
            parse_date("2019-03-04T10:00:00Z").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(parse_date("2019/03/04").as_deref(), Some("2019-03-04"));
        assert_eq!(parse_date("March 4, 2019").as_deref(), Some("2019-03-04"));
        assert_eq!(parse_date("Sept. 4 2019").as_deref(), Some("2019-09-04"));
        assert_eq!(
            parse_date("september 4 2019").as_deref(),
            Some("2019-09-04")
        );
        assert_eq!(
            parse_date("Mon, 04 Mar 2019 08:00 GMT").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(
            parse_date("4th of March, 2019").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(parse_date("04.03.2019").as_deref(), Some("2019-03-04"));
        assert_eq!(parse_date("2019-02-30"), None);
        assert_eq!(parse_date("2019-02/03"), None);
        assert_eq!(parse_date("in March"), None);
    }

    #[test]
    fn feed_and_header_formats() {
        assert_eq!(parse_date("2017-04-05").as_deref(), Some("2017-04-05"));
        assert_eq!(
            parse_date("2017-04-05T23:30:00+04:30").as_deref(),
            Some("2017-04-05")
        );
        assert_eq!(
            parse_date("Tue, 04 Apr 2017 10:00:00 +0000").as_deref(),
            Some("2017-04-04")
        );
        assert_eq!(
            parse_date("Tue, 04 Apr 2017 10:00:00 EDT").as_deref(),
            Some("2017-04-04")
        );
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(unix_date(1_491_350_400).as_deref(), Some("2017-04-05"));
    }

    #[test]
    fn numeric_day_and_month_order() {
        use DayOrder::*;
        // Unambiguous whatever the hint.
        for order in [MonthFirst, DayFirst, Unknown] {
            let p = |s| parse_date_ordered(s, order);
            assert_eq!(p("25/12/2016").as_deref(), Some("2016-12-25"));
            assert_eq!(p("12/25/2016").as_deref(), Some("2016-12-25"));
            assert_eq!(p("7/7/2016 10:00").as_deref(), Some("2016-07-07"));
            assert_eq!(p("13/13/2016"), None);
            assert_eq!(p("4/5-2016"), None);
        }
        // Ambiguous: the hint decides; without one a slash date is refused.
        assert_eq!(
            parse_date_ordered("4/5/2017", MonthFirst).as_deref(),
            Some("2017-04-05")
        );
        assert_eq!(
            parse_date_ordered("4/5/2017", DayFirst).as_deref(),
            Some("2017-05-04")
        );
        assert_eq!(parse_date("4/5/2017"), None);
        assert_eq!(parse_date("04-05-2017"), None);
        // Dotted dates are day-first unless the caller says otherwise.
        assert_eq!(parse_date("4.5.2017").as_deref(), Some("2017-05-04"));
        // A month-name date is preferred to an ambiguous numeric one.
        assert_eq!(
            parse_date("4/5/2017 (5 April 2017)").as_deref(),
            Some("2017-04-05")
        );
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://example.org/news/2018/11/05/a-story.html").as_deref(),
            Some("2018-11-05")
        );
        assert_eq!(date_from_url("https://example.org/news/a-story"), None);
    }

    #[test]
    fn whole_date_lines_only() {
        assert_eq!(date_line("March 4, 2019").as_deref(), Some("2019-03-04"));
        assert_eq!(
            date_line("Published: Monday, March 4, 2019 10:32 AM EST").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(
            date_line("Tues. 4 March 2019 | 08:15").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(
            date_line("Updated 2019-03-04 08:15").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(
            date_line("On March 4, 2019 the army said it had left."),
            None
        );
        // An ambiguous numeric date line is still a date line, with no day.
        assert!(is_date_line("Posted 04/03/2019 10:00"));
        assert_eq!(date_line("Posted 04/03/2019 10:00"), None);
        assert!(!is_date_line("Posted 44/33/2019"));
        assert!(!is_date_line("The army said it had left."));
    }
}
