//! The incident's date: the sentence's time expressions resolved against the publication
//! date ("on Tuesday", "overnight", a dateline), report dates ("said on Thursday") set
//! aside, and "since …" told apart from running totals.

use super::*;

pub(super) fn parse_date(v: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
}

/// Most recent `wd` on or before `pub_date`.
pub(super) fn last_weekday(pub_date: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (pub_date.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    pub_date - Duration::days(i64::from(back))
}

/// Weekday names (from `sitrep_model::calendar`) with their chrono weekday.
pub(super) fn weekdays() -> impl Iterator<Item = (&'static str, Weekday)> {
    sitrep_model::calendar::WEEKDAY_NAMES
        .iter()
        .zip(0u8..)
        .filter_map(|(w, i)| Weekday::try_from(i).ok().map(|d| (*w, d)))
}

/// "since dawn", "since Wednesday afternoon": not a running total.
pub(super) fn benign_since(
    text: &str,
    cue: &Hit<Cue>,
    pub_date: Option<NaiveDate>,
    times: &[(usize, usize, &sitrep_model::Time)],
    a: usize,
    b: usize,
) -> bool {
    if !text
        .get(cue.start..cue.end)
        .is_some_and(|s| s.eq_ignore_ascii_case("since"))
    {
        return false;
    }
    let rest = lower_window(text, cue.end, (cue.end + 24).min(b));
    let next = rest.split_whitespace().next().unwrap_or("");
    if matches!(
        next,
        "dawn" | "morning" | "early" | "this" | "yesterday" | "last" | "midnight" | "noon"
    ) || weekdays().any(|(w, _)| next == w)
    {
        return true;
    }
    // A dated "since" within three days of publication.
    times
        .iter()
        .filter(|t| t.0 >= cue.end && t.0 <= cue.end + 4 && t.1 <= b && t.0 >= a)
        .any(|t| match (parse_date(&t.2.value), pub_date) {
            (Some(d), Some(p)) => (p - d).num_days() <= 3 && d <= p,
            _ => false,
        })
}

#[allow(clippy::too_many_arguments)]
pub(super) fn sentence_date(
    text: &str,
    low: &str,
    pub_date: Option<NaiveDate>,
    times: &[(usize, usize, &sitrep_model::Time)],
    a: usize,
    b: usize,
    trig_at: usize,
    cues: &[Hit<Cue>],
) -> (Option<NaiveDate>, DatePrecision, bool, bool) {
    let Some(pd) = pub_date else {
        // An undated document: a day written out in full in the sentence ("on March
        // 12, 2021") still dates the event; relative ones cannot be resolved.
        let day = times
            .iter()
            .filter(|t| t.0 >= a && t.1 <= b && t.2.kind == TimeType::Date)
            .filter(|t| !report_date(text, t.0))
            .filter_map(|t| parse_date(&t.2.value).map(|d| (t.0.abs_diff(trig_at), d)))
            .min_by_key(|(dist, _)| *dist);
        return match day {
            Some((_, d)) => (Some(d), DatePrecision::Day, true, false),
            None => (None, DatePrecision::Week, false, false),
        };
    };
    let in_sent: Vec<&(usize, usize, &sitrep_model::Time)> = times
        .iter()
        .filter(|t| t.0 >= a && t.1 <= b)
        // "…, the White Helmets reported on Thursday": the day of the report.
        .filter(|t| !report_date(text, t.0))
        // A dateline is the publication date, not the incident's.
        .filter(|t| !is_dateline(text, t, pd))
        .filter(|t| matches!(t.2.kind, TimeType::Date | TimeType::Time))
        .collect();
    let _ = text;
    let mut day: Option<(usize, NaiveDate)> = None;
    let mut background = false;
    let mut month_recent = false;
    for t in &in_sent {
        let v = t.2.value.as_str();
        let dist = t.0.abs_diff(trig_at);
        if let Some(d) = parse_date(v) {
            if d > pd {
                continue;
            }
            if day.is_none_or(|(bd, _)| dist < bd) {
                day = Some((dist, d));
            }
        } else if v.len() == 7 && v.as_bytes().get(4) == Some(&b'-') {
            if let Ok(first) = NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d") {
                let next = first + Duration::days(32);
                let last = NaiveDate::from_ymd_opt(next.year(), next.month(), 1)
                    .map(|n| n - Duration::days(1))
                    .unwrap_or(first);
                if first > pd {
                    continue;
                }
                if (pd - last).num_days() > 30 {
                    background = true;
                } else {
                    month_recent = true;
                }
            }
        } else if v.len() == 4 {
            if let Ok(y) = v.parse::<i32>() {
                if y < pd.year() {
                    background = true;
                }
            }
        }
    }
    if let Some((_, d)) = day {
        if (pd - d).num_days() > 30 {
            return (None, DatePrecision::Day, true, true);
        }
        return (Some(d), DatePrecision::Day, true, false);
    }
    if background {
        return (None, DatePrecision::Day, false, true);
    }
    // Fallbacks for what the times layer may not resolve.
    let overnight = cues.iter().any(|c| c.value == Cue::Overnight);
    for (w, wd) in weekdays() {
        if !low.contains(w) {
            continue;
        }
        // "Sundays bombardment": FA-KES-style copy has its apostrophes stripped.
        // Only weekdays that are neither a report's day ("said on Thursday") nor part
        // of a dateline ("Wednesday 5 April 2017", "Sun Feb 21 2016").
        let reported = low
            .match_indices(w)
            .all(|(i, _)| report_date(text, a + i) || dateline_weekday(low, i + w.len()));
        if (has_word(low, w) || has_word(low, &format!("{w}s"))) && !reported {
            let d = last_weekday(pd, wd);
            return (Some(d), DatePrecision::Day, true, false);
        }
    }
    if has_word(low, "yesterday") {
        return (
            Some(pd - Duration::days(1)),
            DatePrecision::Day,
            true,
            false,
        );
    }
    if overnight {
        return (
            Some(pd - Duration::days(1)),
            DatePrecision::Day,
            true,
            false,
        );
    }
    if has_word(low, "today") || low.contains("this morning") {
        return (Some(pd), DatePrecision::Day, true, false);
    }
    if month_recent {
        return (Some(pd), DatePrecision::Month, false, false);
    }
    (Some(pd), DatePrecision::Week, false, false)
}

/// True when the time `t` is the article's dateline: the publication date at the top of
/// the text, or written out in full (with its year) in the lead after a headline told
/// twice ("… monitor AFP Friday 24 Oct 2014 Ten children …").
pub(super) fn is_dateline(
    text: &str,
    t: &(usize, usize, &sitrep_model::Time),
    pd: NaiveDate,
) -> bool {
    parse_date(&t.2.value) == Some(pd) && (t.0 < 60 || t.0 < 300 && full_date(text, t.0, t.1))
}

/// True when the time expression at bytes `a..b` writes out its year ("24 Oct 2014").
fn full_date(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|s| {
        s.split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && n.starts_with(['1', '2']))
    })
}

/// True when the weekday ending at byte `end` of `low` starts a dateline: a day number
/// or a month name follows.
pub(super) fn dateline_weekday(low: &str, end: usize) -> bool {
    let rest = low.get(end..).unwrap_or("").trim_start();
    let next = rest.split_whitespace().next().unwrap_or("");
    next.chars().next().is_some_and(|c| c.is_ascii_digit())
        || sitrep_model::calendar::month_number(next).is_some()
}

/// True when the date at byte `at` is the day something was said or reported ("said on
/// Thursday", "reported on Monday"), not the day of the incident.
pub(super) fn report_date(text: &str, at: usize) -> bool {
    let window = lower_window(text, at.saturating_sub(24), at);
    // Only this sentence: "… medics said. On Saturday …" is not a report date.
    let before = window.rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
    let mut words = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev();
    let mut w = words.next();
    if w == Some("on") {
        w = words.next();
    }
    w.is_some_and(|w| {
        matches!(
            w,
            "said"
                | "reported"
                | "announced"
                | "stated"
                | "added"
                | "confirmed"
                | "says"
                | "declared"
                | "told"
        )
    })
}
