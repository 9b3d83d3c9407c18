//! Month and weekday names, shared by every crate that reads dates or skips time words
//! (the cleaner's date lines and bylines, the `times` stage, the quotes stage), so there
//! is one table to fix.

/// English weekday names, lower-case.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// English month names, lower-case.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Common month abbreviations, lower-case, without the period ("sept" included).
pub const MONTH_ABBREVIATIONS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// True when `lower` (a lower-case word) is a full weekday or month name.
pub fn is_weekday_or_month(lower: &str) -> bool {
    WEEKDAY_NAMES.contains(&lower) || MONTH_NAMES.contains(&lower)
}

/// Month number (1–12) of an English month name or abbreviation: "Sept.", "september",
/// "Jan". Case-insensitive; a trailing period is ignored.
pub fn month_number(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    let p = l.get(..3)?;
    Some(match p {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("september"), Some(9));
        assert_eq!(month_number("MAY"), Some(5));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Monday"), None);
        assert!(is_weekday_or_month("sunday") && is_weekday_or_month("may"));
        assert!(!is_weekday_or_month("sept") && !is_weekday_or_month("Sunday"));
        for (i, m) in MONTH_NAMES.iter().enumerate() {
            assert_eq!(month_number(m), Some(i as u32 + 1));
        }
    }
}
