//! Publication dates as readers find them, normalised to `YYYY-MM-DD`.
//!
//! Feeds use RFC 2822 (`Tue, 04 Apr 2017 10:00:00 +0000`), Atom and HTML meta tags RFC
//! 3339, CSVs often US `M/D/YYYY` (FA-KES), Telegram Unix seconds. The date is taken as
//! written (the publisher's local day), not converted to UTC, because that is the day
//! the article's "today" refers to.

use chrono::{DateTime, NaiveDate};

/// `YYYY-MM-DD` for a date string in any of the formats above, or `None`.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // ISO date or date-time prefix.
    if let Some(d) = s.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    // RFC 822 with a zone name chrono does not know ("EDT"): drop the zone, keep the day.
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() >= 4 {
        let day_month_year = words
            .iter()
            .skip_while(|w| w.ends_with(','))
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if let Ok(d) = NaiveDate::parse_from_str(&day_month_year, "%d %b %Y") {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    // Slash dates: M/D/YYYY (US order, as in FA-KES) unless the first number is > 12.
    let date_part = s.split_whitespace().next().unwrap_or(s);
    let parts: Vec<&str> = date_part.split('/').collect();
    if parts.len() == 3 {
        let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if nums.len() == 3 && nums[2] >= 1000 {
            let (m, d) = if nums[0] > 12 {
                (nums[1], nums[0])
            } else {
                (nums[0], nums[1])
            };
            let y = i32::try_from(nums[2]).ok()?;
            return NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

/// `YYYY-MM-DD` (UTC) of a Unix time in seconds.
pub fn unix_date(secs: i64) -> Option<String> {
    DateTime::from_timestamp(secs, 0).map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(normalize_date("2017-04-05").as_deref(), Some("2017-04-05"));
        assert_eq!(
            normalize_date("2017-04-05T23:30:00+04:30").as_deref(),
            Some("2017-04-05")
        );
        assert_eq!(
            normalize_date("Tue, 04 Apr 2017 10:00:00 +0000").as_deref(),
            Some("2017-04-04")
        );
        assert_eq!(
            normalize_date("Tue, 04 Apr 2017 10:00:00 EDT").as_deref(),
            Some("2017-04-04")
        );
        assert_eq!(normalize_date("4/5/2017").as_deref(), Some("2017-04-05"));
        assert_eq!(normalize_date("25/12/2016").as_deref(), Some("2016-12-25"));
        assert_eq!(normalize_date("yesterday"), None);
        assert_eq!(normalize_date(""), None);
        assert_eq!(unix_date(1_491_350_400).as_deref(), Some("2017-04-05"));
    }
}
