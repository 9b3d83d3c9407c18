//! Publication-date parsing for metadata and standalone date lines.
//!
//! Pages and feeds give dates in many shapes (`2020-09-27T10:00:00Z`, `September 27, 2020`,
//! `Sun, 27 Sep 2020 10:00 GMT`, `27.09.2020`, a URL path `/2020/09/27/`). Every reader
//! needs the same `YYYY-MM-DD`, so the parsing lives here once. Only a full day is
//! returned: a value we cannot pin to a day is `None`, never a guess.

use regex::Regex;
use sitrep_model::calendar::month_number;
use std::sync::OnceLock;

const MONTHS: &str = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";
const WEEKDAYS: &str =
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?";

fn ymd(y: i32, m: u32, d: u32) -> Option<String> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .filter(|_| (1900..=2100).contains(&y))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

struct Patterns {
    iso: Regex,
    mdy: Regex,
    dmy: Regex,
    numeric_dmy: Regex,
    url: Regex,
    whole_line: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("bad date pattern {s}: {e}"));
        Patterns {
            iso: re(r"(?-u:\b)(\d{4})-(\d{1,2})-(\d{1,2})(?:(?-u:\b)|T)"),
            mdy: re(&format!(
                r"(?i)(?-u:\b)({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
            )),
            dmy: re(&format!(
                r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS}),?\s+(\d{{4}})(?-u:\b)"
            )),
            numeric_dmy: re(r"(?-u:\b)(\d{1,2})[./](\d{1,2})[./](\d{4})(?-u:\b)"),
            url: re(r"/(20\d\d|19\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|$)"),
            whole_line: re(&format!(
                r"(?ix)^[\s|•·]*
                (?:(?:published|updated|last\s+updated|posted|created|date|first\s+published)(?:\s+(?:on|at))?\s*:?\s*)?
                (?:\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*,?\s*)?
                (?:{WEEKDAYS}\s+)?
                (?:
                  {MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
                | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS},?\s+\d{{4}}
                | \d{{4}}-\d{{1,2}}-\d{{1,2}}
                | \d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}
                )
                (?:\s*(?:,|at|-|–|\||/)?\s*\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{{2,5}}(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?\)?)?)?
                [\s|•·]*$"
            )),
        }
    })
}

/// Parses the first full date in `s` to `YYYY-MM-DD` (ISO, "September 27, 2020",
/// "27 Sep 2020", "27.09.2020" read day-first).
pub fn parse_date(s: &str) -> Option<String> {
    let p = patterns();
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, v: Option<String>| {
        if let Some(v) = v {
            if best.as_ref().is_none_or(|(b, _)| pos < *b) {
                best = Some((pos, v));
            }
        }
    };
    if let Some(c) = p.iso.captures(s) {
        let v = (|| ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))();
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
        let c = p.numeric_dmy.captures(s)?;
        ymd(c[3].parse().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)
    })
}

/// The date in a URL path such as `/2020/09/27/slug`.
pub fn date_from_url(url: &str) -> Option<String> {
    let c = patterns().url.captures(url)?;
    ymd(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
}

/// When the whole line is a date (with optional weekday, time, zone and a
/// "Published:"-style label), its `YYYY-MM-DD`.
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
        assert_eq!(parse_date("March 4, 2019").as_deref(), Some("2019-03-04"));
        assert_eq!(parse_date("Sept. 4 2019").as_deref(), Some("2019-09-04"));
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
        assert_eq!(parse_date("in March"), None);
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
            date_line("Updated 2019-03-04 08:15").as_deref(),
            Some("2019-03-04")
        );
        assert_eq!(
            date_line("On March 4, 2019 the army said it had left."),
            None
        );
    }
}
